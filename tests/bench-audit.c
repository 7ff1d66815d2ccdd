/* bench-audit.c: how long a page of the audit log viewer takes with ten million entries (or
 * FRONTDESK_BENCH_AUDIT_ROWS), for each filter, the newest page and one deep in the log,
 * beside its floor, and which index reads it; and what the index of a person's entries of
 * one action costs a one-field save. The floor is the same 50 entries a page shows, read by
 * primary key from the same place (newest, deep) with the columns a page gives (the author's
 * name, the change lines), returned to the client as a page is, by a prepared statement
 * (planned once, as a page's statement is). Not a test:
 * run it by hand (build/tests/bench-audit) on a quiet machine; it prints a table for README.
 * tests/test-admin checks the plans; timing is only measured here.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fd-pg.h"
#include "fd-test-server.h"

#define DEFAULT_ROWS 10000000
#define RUNS 50

/* The median time of a page, in milliseconds, from the client. */
static double
time_page (FdConnection *connection,
           const char   *sql)
{
  double samples[RUNS];

  for (guint i = 0; i < RUNS; i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 started = g_get_monotonic_time ();
      PGresult *rows = fd_test_query (connection, sql, &error);

      samples[i] = (g_get_monotonic_time () - started) / 1000.0;
      g_assert_no_error (error);
      PQclear (rows);
    }
  qsort (samples, RUNS, sizeof (double), fd_test_compare_doubles);
  return samples[RUNS / 2];
}

/* The median time of a one-field save as Client Details makes it (save_record(), which
 * writes its audit entry), on sample clients held under this session's record lock. */
static double
time_save (FdConnection *desk,
           guint         round)
{
  double samples[RUNS];

  for (guint i = 0; i < RUNS; i++)
    {
      guint id = 1 + i % 20;
      g_autofree char *lock = g_strdup_printf ("SELECT frontdesk.lock_acquire('clients', '%u')",
                                               id);
      g_autofree char *unlock = g_strdup_printf ("SELECT frontdesk.lock_release('clients', '%u')",
                                                 id);
      g_autofree char *read_city = g_strdup_printf ("SELECT quote_nullable(city) FROM "
                                                    "frontdesk.clients WHERE id = %u", id);
      g_autofree char *original = NULL;
      g_autofree char *save = NULL;
      gint64 started;

      fd_test_exec (desk, lock);
      original = fd_test_query_value (desk, read_city);
      save = g_strdup_printf ("SELECT outcome FROM frontdesk.save_record('clients', '%u', "
                              "VARIADIC ARRAY['city', %s, 'Bench %u.%u']::text[])", id,
                              original, round, i);
      started = g_get_monotonic_time ();
      fd_test_exec (desk, save);
      samples[i] = (g_get_monotonic_time () - started) / 1000.0;
      fd_test_exec (desk, unlock);
    }
  qsort (samples, RUNS, sizeof (double), fd_test_compare_doubles);
  return samples[RUNS / 2];
}

/* The index the page itself is read with (not the lookup of the page before's last entry). */
static char *
index_used (FdConnection *connection,
            const char   *arguments)
{
  g_autofree char *sql = g_strdup_printf ("SELECT frontdesk.audit_search_plan(%s, 50)",
                                          arguments);
  g_autofree char *plan = fd_test_query_value (connection, sql);
  g_auto(GStrv) lines = g_strsplit (plan, "\n", -1);

  /* FRONTDESK_BENCH_AUDIT_PLANS=1: the whole plan of each page, on stderr. */
  if (g_getenv ("FRONTDESK_BENCH_AUDIT_PLANS") != NULL)
    g_printerr ("%s:\n%s\n", arguments, plan);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *using = strstr (lines[i], " using ");
      const char *bitmap = strstr (lines[i], "Bitmap Index Scan on ");

      if (using != NULL && strstr (lines[i], " on audit_log a ") != NULL)
        return g_strndup (using + 7, strcspn (using + 7, " "));
      if (bitmap != NULL)
        return g_strdup_printf ("%.*s (bitmap)", (int) strcspn (bitmap + 21, " "), bitmap + 21);
    }
  return g_strdup ("?");
}

int
main (int   argc,
      char *argv[])
{
  const struct
  {
    const char *name;
    const char *filters;
  } filters[] = {
    { "none", "NULL, NULL, NULL, NULL, NULL" },
    { "--user user_7", "'user_7', NULL, NULL, NULL, NULL" },
    { "--record clients:4242", "NULL, 'clients:4242', NULL, NULL, NULL" },
    { "--action \"lock broken\"", "NULL, NULL, 'lock broken', NULL, NULL" },
    { "--since/--until (one day)", "NULL, NULL, NULL, now() - interval '200 days', "
                                   "now() - interval '199 days'" },
    /* The worst case: none of user_7's 250,000 entries is an update. */
    { "--user user_7 --action update (0)", "'user_7', NULL, 'update', NULL, NULL" },
    /* A record's few entries, checked for the action. */
    { "--record clients:4242 --action update", "NULL, 'clients:4242', 'update', NULL, NULL" },
  };
  g_autofree char *dbname = NULL;
  g_autofree char *deep = NULL;
  g_autoptr(FdConnection) connection = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  const char *keywords[] = { "host", "user", "dbname", NULL };
  const char *values[4];
  const char *rows_env = g_getenv ("FRONTDESK_BENCH_AUDIT_ROWS");
  guint rows = rows_env != NULL ? (guint) g_ascii_strtoull (rows_env, NULL, 10) : DEFAULT_ROWS;
  g_autofree char *fill = NULL;
  PGconn *filler;
  PGresult *filled;
  g_autofree char *login = NULL;
  g_autoptr(FdConnection) desk = NULL;
  double floor_newest;
  double floor_deep;
  double unprepared_newest;
  double unprepared_deep;
  double save_without;
  double save_with;
  double named_floors[2];
  gint64 started;

  fd_test_init (&argc, &argv);

  dbname = fd_test_create_database (TRUE);
  connection = fd_test_open_connection (dbname);
  values[0] = fd_test_server_socket_dir ();
  values[1] = fd_test_server_user ();
  values[2] = dbname;
  values[3] = NULL;
  started = g_get_monotonic_time ();
  /* 20 clients to save, their audit entries the first of the log; the index of a person's
   * entries of one action is built after the fill, so that a save is timed without it too. */
  filler = PQconnectdbParams (keywords, values, 0);
  g_assert_cmpint (PQstatus (filler), ==, CONNECTION_OK);
  fd_test_exec_blocking (filler, "SELECT frontdesk.sample_data(20, 1)");
  fd_test_exec_blocking (filler, "DROP INDEX frontdesk.audit_log_actor_action");
  PQfinish (filler);
  /* A year of a busy practice: 40 people, every kind of action, a change on each update.
   * Longer than the harness waits for a query: over a blocking connection of its own. */
  filler = PQconnectdbParams (keywords, values, 0);
  g_assert_cmpint (PQstatus (filler), ==, CONNECTION_OK);
  fill = g_strdup_printf (
    "INSERT INTO frontdesk.audit_log (at, actor, workstation, action, table_name, "
    "                                 record_id, changes) "
    "SELECT now() - make_interval(secs => (%u - i) * 31.5 * 1000000 / %u), "
    "       'user_' || i %% 40, 'Desk ' || i %% 12, "
    "       (ARRAY['update', 'update', 'insert', 'session open', 'session close', "
    "              'lock overridden', 'lock broken', 'save lock taken'])[1 + i %% 8], "
    "       (ARRAY['clients', 'appointments', 'procedures'])[1 + i %% 3], "
    "       (i %% 20000)::text, "
    "       CASE WHEN i %% 8 < 2 THEN jsonb_build_object('notes', "
    "         jsonb_build_object('old', 'before ' || i, 'new', 'after ' || i)) END "
    "  FROM generate_series(1, %u) i", rows, rows, rows);
  filled = PQexec (filler, fill);
  g_assert_cmpint (PQresultStatus (filled), ==, PGRES_COMMAND_OK);
  PQclear (filled);
  fd_test_exec_blocking (filler, "VACUUM ANALYZE frontdesk.audit_log");
  login = fd_test_create_staff (FALSE);
  desk = fd_test_open_connection_as (dbname, login);
  fd_test_exec (desk, "SELECT * FROM frontdesk.session_open('Bench desk')");
  save_without = time_save (desk, 1);
  fd_test_exec_blocking (filler, "CREATE INDEX audit_log_actor_action ON frontdesk.audit_log "
                                 "(actor, action, at, id)");
  fd_test_exec_blocking (filler, "VACUUM ANALYZE frontdesk.audit_log");
  save_with = time_save (desk, 2);
  PQfinish (filler);
  deep = fd_test_query_value (connection, "SELECT min(id) + 100000 FROM frontdesk.audit_log");

  {
    /* audit_entries is what audit_search() reads: each entry's columns as a page gives them
     * (the author's name from employees, the change lines from changes). Prepared, as a
     * page's statement is planned once; unprepared too, for the record. */
    g_autofree char *deep_floor = g_strdup_printf ("SELECT * FROM frontdesk.audit_entries "
                                                   "WHERE audit_id < %s ORDER BY audit_id "
                                                   "DESC LIMIT 50", deep);
    g_autofree char *prepare_deep = g_strdup_printf ("PREPARE floor_deep AS %s", deep_floor);
    const char *newest_floor = "SELECT * FROM frontdesk.audit_entries ORDER BY audit_id DESC "
                               "LIMIT 50";
    g_autofree char *prepare_newest = g_strdup_printf ("PREPARE floor_newest AS %s",
                                                       newest_floor);

    fd_test_exec (connection, prepare_newest);
    fd_test_exec (connection, prepare_deep);
    floor_newest = time_page (connection, "EXECUTE floor_newest");
    floor_deep = time_page (connection, "EXECUTE floor_deep");
    unprepared_newest = time_page (connection, newest_floor);
    unprepared_deep = time_page (connection, deep_floor);
  }

  printf ("Frontdesk audit log pages (50 rows), %u entries, %s, %u cores, PostgreSQL on a "
          "local socket; filled in %.0f s; floor: the page's 50 entries and columns by primary "
          "key, prepared, newest %.2f ms, deep %.2f ms (unprepared %.2f ms, %.2f ms)\n\n",
          rows, today, g_get_num_processors (), (g_get_monotonic_time () - started) / 1e6,
          floor_newest, floor_deep, unprepared_newest, unprepared_deep);
  printf ("| %-34s | %-6s | %9s | %6s | %-24s |\n", "filter", "page", "median", "floor",
          "read with");
  printf ("|%s|%s|%s|%s|%s|\n", "------------------------------------", "--------",
          "-----------", "--------", "--------------------------");
  for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
    for (guint page = 0; page < 2; page++)
      {
        g_autofree char *arguments = g_strdup_printf ("%s, %s", filters[i].filters,
                                                      page == 0 ? "NULL" : deep);
        g_autofree char *sql = g_strdup_printf ("SELECT * FROM frontdesk.audit_search(%s, 50)",
                                                arguments);
        g_autofree char *index = index_used (connection, arguments);

        double median = time_page (connection, sql);

        printf ("| %-34s | %-6s | %6.2f ms | %5.2fx | %-24s |\n", filters[i].name,
                page == 0 ? "newest" : "deep", median,
                median / (page == 0 ? floor_newest : floor_deep), index);
      }

  /* The viewer's own page also names each entry (frontdesk.record_labels(): a client's,
   * an appointment's or a procedure's name, each read by primary key, one call a page),
   * beside its own floor: the same 50 entries with the records they name (the log's
   * clients, appointments and procedures, and the client of each), read by primary key. */
  for (guint page = 0; page < 2; page++)
    {
      g_autofree char *before = page == 0 ? g_strdup ("") : g_strdup_printf ("WHERE audit_id < %s ",
                                                                              deep);
      g_autofree char *prepare = g_strdup_printf (
        "PREPARE floor_named_%u AS "
        "WITH e AS MATERIALIZED (SELECT * FROM frontdesk.audit_entries %s"
        "                        ORDER BY audit_id DESC LIMIT 50) "
        "SELECT e.*, c.first_name, c.last_name, pc.code, a.starts_at FROM e "
        "LEFT JOIN frontdesk.appointments a "
        "  ON e.record_kind = 'appointments' AND a.id = e.record_id::bigint "
        "LEFT JOIN frontdesk.procedures p "
        "  ON e.record_kind = 'procedures' AND p.id = e.record_id::bigint "
        "LEFT JOIN frontdesk.procedure_codes pc ON pc.id = p.procedure_code_id "
        "LEFT JOIN frontdesk.clients c ON c.id = CASE e.record_kind "
        "  WHEN 'clients' THEN e.record_id::bigint WHEN 'appointments' THEN a.client_id "
        "  ELSE p.client_id END "
        "ORDER BY e.audit_id DESC", page, before);
      g_autofree char *execute = g_strdup_printf ("EXECUTE floor_named_%u", page);
      double named_floor;

      g_autofree char *sql = g_strdup_printf (
        "WITH a AS MATERIALIZED (SELECT * FROM frontdesk.audit_search(NULL, NULL, NULL, NULL, "
        "NULL, %s, 50) WITH ORDINALITY) SELECT a.*, l.* FROM a LEFT JOIN "
        "frontdesk.record_labels(ARRAY(SELECT record_kind FROM a ORDER BY ordinality), "
        "ARRAY(SELECT record_id FROM a ORDER BY ordinality)) AS l ON l.item = a.ordinality "
        "ORDER BY a.ordinality",
        page == 0 ? "NULL" : deep);
      double median = time_page (connection, sql);

      fd_test_exec (connection, prepare);
      named_floor = time_page (connection, execute);
      printf ("| %-34s | %-6s | %6.2f ms | %5.2fx | %-24s |\n", "none, each entry named",
              page == 0 ? "newest" : "deep", median, median / named_floor, "+ primary keys");
      named_floors[page] = named_floor;
    }
  printf ("\nfloor of the named pages: the entries and the records they name by primary key, "
          "prepared, newest %.2f ms, deep %.2f ms\n", named_floors[0], named_floors[1]);

  printf ("\none-field save (save_record), median of %u: %.2f ms without "
          "audit_log_actor_action, %.2f ms with it\n", RUNS, save_without, save_with);

  g_clear_object (&desk);
  g_clear_object (&connection);
  fd_test_drop_database (dbname);
  return fd_test_run () == 0 ? 0 : 1;
}
