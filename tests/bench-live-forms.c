/* bench-live-forms.c: how fast a save at one workstation shows in another's open form, next
 * to how fast it reaches the other's cache, with push and by polling alone. Not a test: run
 * it by hand (build/tests/bench-live-forms) on a quiet machine; it prints a table for README.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The form's field is filled in the handler of the edit session's ::reloaded, so the moment
 * that signal arrives at B is the moment B's field shows A's value.
 */
#include <stdio.h>
#include <stdlib.h>

#include "fd-cache.h"
#include "fd-database.h"
#include "fd-edit-session.h"
#include "fd-pg.h"
#include "fd-test-server.h"

#define PUSH_SAMPLES 300
#define POLL_SAMPLES 40
#define POLL_INTERVAL_S 1

typedef struct
{
  FdDatabase    *database;
  FdEditSession *session;
} Desk;

static gboolean
database_ready (gpointer user_data)
{
  return fd_database_get_phase (user_data) == FD_DATABASE_PHASE_READY;
}

static gboolean
session_editing (gpointer user_data)
{
  return fd_edit_session_get_state (user_data) == FD_EDIT_STATE_EDITING;
}

static gboolean
session_held (gpointer user_data)
{
  return fd_edit_session_get_state (user_data) == FD_EDIT_STATE_HELD_ELSEWHERE;
}

static void
desk_open (Desk       *desk,
           const char *dbname,
           const char *workstation)
{
  g_autoptr(FdServerConfig) config = fd_server_config_new ();
  g_autofree char *login = fd_test_create_staff (TRUE);

  g_free (config->host);
  config->host = g_strdup (fd_test_server_socket_dir ());
  g_free (config->user);
  config->user = g_strdup (login);
  config->password = fd_test_staff_password (login);
  g_free (config->database);
  config->database = g_strdup (dbname);
  g_free (config->workstation);
  config->workstation = g_strdup (workstation);

  desk->database = fd_database_new (config);
  fd_database_open_async (desk->database, NULL, NULL, NULL);
  fd_test_wait_until (database_ready, desk->database, "a workstation's database");
  desk->session = fd_edit_session_new (desk->database, "clients");
}

static void
desk_close (Desk *desk)
{
  fd_edit_session_close (desk->session);
  g_clear_object (&desk->session);
  fd_database_close (desk->database);
  g_clear_object (&desk->database);
}

static void
print_row (const char *what,
           GArray     *samples)
{
  double *values = (double *) samples->data;

  qsort (values, samples->len, sizeof (double), fd_test_compare_doubles);
  printf ("| %-56s | %6u | %9.3f | %9.3f | %9.3f | ms |\n", what, samples->len,
          values[samples->len / 2] * 1000, values[(guint) (samples->len * 0.99)] * 1000,
          values[samples->len - 1] * 1000);
}

typedef struct
{
  gboolean seen;
} Flag;

static void
reloaded_cb (FdEditSession *session,
             GStrv          columns,
             Flag          *flag)
{
  flag->seen = TRUE;
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Flag       *flag)
{
  flag->seen = TRUE;
}

static gboolean
flag_set (gpointer user_data)
{
  return ((Flag *) user_data)->seen;
}

static gboolean
save_done (gpointer user_data)
{
  return *(GAsyncResult **) user_data != NULL;
}

/* A saves the city in its edit session; until B's open form shows it. */
static GArray *
measure_form (Desk     *a,
              Desk     *b,
              guint     samples,
              gboolean  polling)
{
  GArray *times = g_array_new (FALSE, FALSE, sizeof (double));
  Flag flag = { FALSE };
  gulong handler = g_signal_connect (b->session, "reloaded", G_CALLBACK (reloaded_cb), &flag);
  static guint n;

  for (guint i = 0; i < samples; i++)
    {
      g_autofree char *city = g_strdup_printf ("Bench City %u", n++);
      g_autoptr(GAsyncResult) result = NULL;
      gint64 start;
      double elapsed;

      fd_record_set (fd_edit_session_get_record (a->session), "city", city, -1, NULL);
      /* Polling: saves come at any moment between two polls, as a person's would. */
      if (polling)
        fd_test_spin (g_random_int_range (0, POLL_INTERVAL_S * 1000));
      flag.seen = FALSE;
      start = g_get_monotonic_time ();
      fd_edit_session_save_async (a->session, NULL, fd_test_store_result_cb, &result);
      fd_test_wait_until (flag_set, &flag, "B's form to follow");
      elapsed = (g_get_monotonic_time () - start) / 1e6;
      g_array_append_val (times, elapsed);
      fd_test_wait_until (save_done, &result, "A's save");
      g_assert_cmpint (fd_edit_session_save_finish (a->session, result, NULL, NULL, NULL), ==,
                       FD_SAVE_SAVED);
    }
  g_signal_handler_disconnect (b->session, handler);
  return times;
}

/* A commits a provider's change; until B's cached providers reload. */
static GArray *
measure_cache (Desk     *a,
               Desk     *b,
               guint     samples,
               gboolean  polling)
{
  GArray *times = g_array_new (FALSE, FALSE, sizeof (double));
  GListModel *providers = fd_cache_get_table (fd_database_get_cache (b->database), "providers");
  Flag flag = { FALSE };
  gulong handler = g_signal_connect (providers, "items-changed", G_CALLBACK (items_changed_cb),
                                     &flag);
  static guint n;

  for (guint i = 0; i < samples; i++)
    {
      g_autofree char *sql = g_strdup_printf ("UPDATE frontdesk.providers SET sort_order = %u "
                                              "WHERE id = 1", 100 + n++);
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(PGresult) pg_result = NULL;
      gint64 start;
      double elapsed;

      if (polling)
        fd_test_spin (g_random_int_range (0, POLL_INTERVAL_S * 1000));
      start = g_get_monotonic_time ();
      flag.seen = FALSE;
      fd_connection_query_async (fd_database_get_connection (a->database), sql, 0, NULL, NULL,
                                 fd_test_store_result_cb, &result);
      fd_test_wait_until (flag_set, &flag, "B's cache to follow");
      elapsed = (g_get_monotonic_time () - start) / 1e6;
      g_array_append_val (times, elapsed);
      pg_result = fd_connection_query_finish (fd_database_get_connection (a->database),
                                              fd_test_wait_for_result (&result), NULL);
    }
  g_signal_handler_disconnect (providers, handler);
  return times;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dbname = NULL;
  g_autofree char *client_id = NULL;
  g_autoptr(FdConnection) owner = NULL;
  g_autoptr(GArray) form_push = NULL;
  g_autoptr(GArray) cache_push = NULL;
  g_autoptr(GArray) form_polling = NULL;
  g_autoptr(GArray) cache_polling = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  FdSignals *b_signals;
  Desk a = { NULL, }, b = { NULL, };

  fd_test_init (&argc, &argv);

  dbname = fd_test_create_database (TRUE);
  owner = fd_test_open_connection (dbname);
  fd_test_exec (owner, "SELECT frontdesk.sample_data(1000, 1)");
  client_id = fd_test_query_value (owner, "SELECT min(id) FROM frontdesk.clients");
  desk_open (&b, dbname, "Reception 2");
  desk_open (&a, dbname, "Reception 1");

  /* B has the client open; A takes it over and saves, again and again. */
  fd_edit_session_open (b.session, client_id);
  fd_test_wait_until (session_editing, b.session, "B's form");
  fd_edit_session_open (a.session, client_id);
  fd_test_wait_until (session_held, a.session, "A's warning");
  fd_edit_session_override (a.session);
  fd_test_wait_until (session_editing, a.session, "A's form");

  form_push = measure_form (&a, &b, PUSH_SAMPLES, FALSE);
  cache_push = measure_cache (&a, &b, PUSH_SAMPLES, FALSE);

  b_signals = fd_database_get_signals (b.database);
  fd_signals_set_push (b_signals, FALSE);
  fd_signals_set_interval (b_signals, POLL_INTERVAL_S);
  form_polling = measure_form (&a, &b, POLL_SAMPLES, TRUE);
  cache_polling = measure_cache (&a, &b, POLL_SAMPLES, TRUE);

  printf ("Frontdesk live forms, %s, %u cores, PostgreSQL on a local socket\n\n", today,
          g_get_num_processors ());
  printf ("| %-56s | %6s | %9s | %9s | %9s | %-2s |\n", "measure", "n", "median", "p99", "max",
          "");
  printf ("|%s|%s|%s|%s|%s|%s|\n", "----------------------------------------------------------",
          "--------", "-----------", "-----------", "-----------", "----");
  print_row ("save on A -> the field updated in B's open form, push", form_push);
  print_row ("commit on A -> B's cache reloaded, push", cache_push);
  print_row ("save on A -> the field updated in B's form, 1 s polling", form_polling);
  print_row ("commit on A -> B's cache reloaded, 1 s polling", cache_polling);

  desk_close (&a);
  desk_close (&b);
  g_clear_object (&owner);
  fd_test_drop_database (dbname);
  return fd_test_run () == 0 ? 0 : 1;
}
