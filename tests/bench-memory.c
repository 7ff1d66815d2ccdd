/* bench-memory.c: what Frontdesk holds in memory on a practice of a million clients (or
 * FRONTDESK_BENCH_CLIENTS): with the Clients list shown, after opening Appointments, and
 * through an hour of a busy desk's work, done quickly: every cycle a search by two letters,
 * a client opened, a field changed and saved, and every tenth the book shown and left. Not
 * a test; run by hand under Xvfb (the program picks the cairo renderer there, as it does at
 * a desk without a GPU). Prints one table of VmRSS and VmHWM (/proc/self/status).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fd-client-summary.h"
#include "fd-renderer.h"
#include "fd-test-desk.h"
#include "fd-test-server.h"
#include "fd-test-ui.h"

/* A busy desk: a client every ten seconds for an hour. */
#define CYCLES_PER_HOUR 360
#define REPORT_EVERY    60

static guint
status_kib (const char *field)
{
  g_autofree char *status = NULL;
  g_auto(GStrv) lines = NULL;
  gsize prefix = strlen (field);

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  lines = g_strsplit (status, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (strncmp (lines[i], field, prefix) == 0 && lines[i][prefix] == ':')
        return (guint) g_ascii_strtoull (lines[i] + prefix + 1, NULL, 10);
    }
  return 0;
}

static void
report (const char *moment)
{
  printf ("| %-44s | %8.1f MB | %8.1f MB |\n", moment, status_kib ("VmRSS") / 1024.0,
          status_kib ("VmHWM") / 1024.0);
  fflush (stdout);
}

/* Lets the window draw and settle, as a person looking at it would. */
static void
settle (guint milliseconds)
{
  fd_test_spin (milliseconds);
}

typedef struct
{
  FdClientsModule *module;
  const char      *prefix;
} Search;

/* The list shows the answer to @prefix: its first client's last name starts with it. */
static gboolean
search_answered (gpointer user_data)
{
  Search *search = user_data;
  GListModel *results = fd_clients_module_get_results (search->module);
  g_autoptr(FdClientSummary) first = g_list_model_get_item (results, 0);
  g_autofree char *name = NULL;

  if (first == NULL)
    return FALSE;
  name = g_utf8_strdown (fd_client_summary_get_name (first), -1);
  return g_str_has_prefix (name, search->prefix);
}

static void
one_cycle (FdTestDesk *desk,
           GStrv       prefixes,
           guint       cycle)
{
  g_autofree char *city = g_strdup_printf ("Memory probe %u", cycle);
  Search search = { desk->module, prefixes[cycle % g_strv_length (prefixes)] };
  GListModel *results;

  fd_clients_module_search (desk->module, search.prefix);
  fd_test_wait_until (search_answered, &search, "the search");
  results = fd_clients_module_get_results (desk->module);
  fd_clients_module_select (desk->module, cycle % MAX (1, g_list_model_get_n_items (results)));
  fd_test_desk_wait_for_record (desk, "the client");
  fd_client_editor_set_field (desk->editor, "city", city);
  fd_test_desk_save (desk);

  if (cycle % 10 == 9)
    {
      fd_test_desk_show_module (desk, "Appointments");
      settle (300);
      fd_test_desk_show_module (desk, "Clients");
      settle (100);
    }
}

/* A practice of @clients clients, filled for the benchmark. */
static char *
fill_practice (guint clients)
{
  char *dbname = fd_test_create_database (TRUE);
  g_autofree char *fill = g_strdup_printf ("SELECT frontdesk.sample_data(%u, 1)", clients);
  gint64 start = g_get_monotonic_time ();
  PGconn *filler;

  filler = fd_test_connect_blocking (fd_test_server_socket_dir (), fd_test_server_user (),
                                     dbname);
  fd_test_exec_blocking (filler, fill);
  fd_test_exec_blocking (filler, "VACUUM ANALYZE");
  PQfinish (filler);
  fprintf (stderr, "%u clients filled in %.0f s\n", clients,
           (g_get_monotonic_time () - start) / 1e6);
  return dbname;
}

static void
bench_memory (void)
{
  const char *wanted = g_getenv ("FRONTDESK_BENCH_CLIENTS");
  /* FRONTDESK_BENCH_DATABASE: a practice bench-frontdesk filled, measured as it is. */
  const char *given = g_getenv ("FRONTDESK_BENCH_DATABASE");
  guint clients = wanted != NULL ? (guint) atoi (wanted) : 1000000;
  g_autofree char *dbname = given != NULL ? g_strdup (given) : fill_practice (clients);
  g_autoptr(FdConnection) owner = fd_test_open_connection (dbname);
  FdTestDesk desk = { 0 };
  g_autofree char *found = NULL;
  g_autofree char *count = NULL;
  g_auto(GStrv) prefixes = NULL;

  count = fd_test_query_value (owner, "SELECT count(*) FROM frontdesk.clients");
  clients = (guint) g_ascii_strtoull (count, NULL, 10);
  /* Two-letter beginnings of last names the practice has, the commonest first. */
  found = fd_test_query_value (owner, "SELECT string_agg(p, ' ') FROM "
                                      "(SELECT lower(left(last_name, 2)) AS p, count(*) "
                                      "FROM frontdesk.clients GROUP BY 1 ORDER BY 2 DESC "
                                      "LIMIT 20) c");
  prefixes = g_strsplit (found, " ", -1);

  printf ("\nMemory of Frontdesk on a practice of %u clients (GSK_RENDERER=%s)\n\n", clients,
          g_getenv ("GSK_RENDERER") != NULL ? g_getenv ("GSK_RENDERER") : "unset, GTK's own");
  printf ("| %-44s | %11s | %11s |\n", "moment", "VmRSS", "VmHWM");
  printf ("|----------------------------------------------|-------------|-------------|\n");

  fd_test_desk_open (&desk, dbname, "Reception 1");
  fd_test_desk_wait_for_list (desk.module, "the client list");
  settle (2000);
  report ("the Clients list shown");

  fd_test_desk_show_module (&desk, "Appointments");
  settle (2000);
  report ("after opening Appointments");
  fd_test_desk_show_module (&desk, "Clients");
  settle (500);

  for (guint cycle = 0; cycle < CYCLES_PER_HOUR; cycle++)
    {
      g_autofree char *moment = NULL;

      one_cycle (&desk, prefixes, cycle);
      if ((cycle + 1) % REPORT_EVERY != 0)
        continue;
      settle (500);
      moment = g_strdup_printf ("after %u clients opened and saved (%u min)", cycle + 1,
                                (cycle + 1) * 60 / CYCLES_PER_HOUR);
      report (moment);
    }

  fd_test_desk_close (&desk);
  if (given == NULL)
    fd_test_drop_database (dbname);
}

int
main (int   argc,
      char *argv[])
{
  /* As the tests run it: the schema from the build, settings in memory; and the renderer
   * the program would pick on this display (cairo where OpenGL is drawn in software). */
  g_setenv ("GSETTINGS_SCHEMA_DIR", FD_BUILT_SCHEMA_DIR, FALSE);
  g_setenv ("GSETTINGS_BACKEND", "memory", FALSE);
  fd_renderer_choose ();
  fd_test_init (&argc, &argv);
  bench_memory ();
  return 0;
}
