/* bench-frontdesk.c: every everyday path next to its floor, measured in the same run, at
 * 100,000 and 1,000,000 clients, and what 500 polling workstations cost the server. Not a
 * test: run it by hand (build/tests/bench-frontdesk) on a quiet machine; it prints the table
 * README quotes. Client-side timings wait on the socket (the harness's main loop blocks in
 * poll()), never on a sleep.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fd-migrations.h"
#include "fd-pg.h"
#include "fd-signals.h"
#include "fd-test-server.h"

#define SAMPLES 300
#define SEARCH_SAMPLES 40
#define DESKS 500
#define DESK_WINDOW_S 10

#define POLL_STATEMENT "frontdesk_poll"
#define SELECT_ONE_STATEMENT "select_one"

typedef struct
{
  double median;
  double p99;
} Timing;

static Timing
summarise (double *samples,
           guint   n)
{
  Timing timing;

  qsort (samples, n, sizeof (double), fd_test_compare_doubles);
  timing.median = samples[n / 2];
  timing.p99 = samples[MIN (n - 1, (guint) (n * 0.99))];
  return timing;
}

static void
print_header (void)
{
  printf ("| %-34s | %9s | %9s | %-22s | %9s | %7s |\n", "operation", "median", "p99", "floor",
          "floor med", "ratio");
  printf ("|------------------------------------|-----------|-----------|"
          "------------------------|-----------|---------|\n");
}

static void
print_row (const char *what,
           Timing      timing,
           const char *floor_name,
           Timing      floor)
{
  printf ("| %-34s | %6.3f ms | %6.3f ms | %-22s | %6.3f ms | %6.2fx |\n", what, timing.median,
          timing.p99, floor_name, floor.median, timing.median / floor.median);
}

/* Times @sql, run @n times, from the client. */
static Timing
time_sql (FdConnection *connection,
          const char   *sql,
          guint         n)
{
  g_autofree double *samples = g_new (double, n);

  for (guint i = 0; i < n; i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(PGresult) result = NULL;
      g_autoptr(GError) error = NULL;

      result = fd_test_query (connection, sql, &error);
      g_assert_no_error (error);
      samples[i] = (g_get_monotonic_time () - start) / 1000.0;
    }
  return summarise (samples, n);
}

/* Times @sql as a prepared statement @name (with @n_params of @params), as FdSignals sends
 * its poll, from the client. */
static Timing
time_prepared (FdConnection       *connection,
               const char         *name,
               const char         *sql,
               guint               n_params,
               const char * const *params,
               guint               n)
{
  g_autofree double *samples = g_new (double, n);

  for (guint i = 0; i < n; i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(GAsyncResult) slot = NULL;
      g_autoptr(GAsyncResult) done = NULL;
      g_autoptr(PGresult) result = NULL;
      g_autoptr(GError) error = NULL;

      fd_connection_query_prepared_async (connection, name, sql, n_params, params, NULL,
                                          fd_test_store_result_cb, &slot);
      done = fd_test_wait_for_result (&slot);
      result = fd_connection_query_finish (connection, done, &error);
      g_assert_no_error (error);
      samples[i] = (g_get_monotonic_time () - start) / 1000.0;
    }
  return summarise (samples, n);
}

static double
time_once (FdConnection *connection,
           const char   *sql)
{
  g_autoptr(PGresult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  result = fd_test_query (connection, sql, &error);
  g_assert_no_error (error);
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* Times one statement per id, each built by @format from a random client's id, and in
 * turn the statement @floor_format builds for the same id, so that both see the same load
 * on a shared machine: @floor is the latter's timing. */
static Timing
time_per_client_beside (FdConnection *connection,
                        const char   *format,
                        const char   *floor_format,
                        guint         clients,
                        GRand        *rand,
                        Timing       *floor)
{
  double samples[SAMPLES];
  double floor_samples[SAMPLES];

  for (guint i = 0; i < SAMPLES; i++)
    {
      guint id = g_rand_int_range (rand, 1, clients + 1);
      g_autofree char *sql = NULL;
      g_autofree char *floor_sql = NULL;

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
      sql = g_strdup_printf (format, id, id);
      floor_sql = g_strdup_printf (floor_format, id, id);
#pragma GCC diagnostic pop

      floor_samples[i] = time_once (connection, floor_sql);
      samples[i] = time_once (connection, sql);
    }
  *floor = summarise (floor_samples, SAMPLES);
  return summarise (samples, SAMPLES);
}

/* The prepared statement @name and, in turn, the prepared @floor_name ("SELECT 1"). */
static Timing
time_prepared_beside (FdConnection       *connection,
                      const char         *name,
                      const char         *sql,
                      guint               n_params,
                      const char * const *params,
                      const char         *floor_name,
                      const char         *floor_sql,
                      Timing             *floor)
{
  double samples[SAMPLES];
  double floor_samples[SAMPLES];

  for (guint i = 0; i < SAMPLES; i++)
    {
      floor_samples[i] = time_prepared (connection, floor_name, floor_sql, 0, NULL, 1).median;
      samples[i] = time_prepared (connection, name, sql, n_params, params, 1).median;
    }
  *floor = summarise (floor_samples, SAMPLES);
  return summarise (samples, SAMPLES);
}

/* A one-field save as Client Details makes it, and the same UPDATE by primary key, on the
 * same records, each held under this session's record lock (as an open editor holds it). */
static void
time_saves (FdConnection *desk,
            guint         clients,
            GRand        *rand,
            Timing       *save,
            Timing       *update)
{
  double save_samples[SAMPLES];
  double update_samples[SAMPLES];

  for (guint i = 0; i < SAMPLES; i++)
    {
      guint id = g_rand_int_range (rand, 1, clients + 1);
      g_autofree char *lock = g_strdup_printf ("SELECT frontdesk.lock_acquire('clients', '%u')",
                                               id);
      g_autofree char *unlock = g_strdup_printf ("SELECT frontdesk.lock_release('clients', '%u')",
                                                 id);
      g_autofree char *read_city = g_strdup_printf ("SELECT quote_nullable(city) FROM "
                                                    "frontdesk.clients WHERE id = %u", id);
      g_autofree char *original = NULL;
      g_autofree char *save_sql = NULL;
      g_autofree char *update_sql = NULL;
      gint64 start;

      fd_test_exec (desk, lock);
      original = fd_test_query_value (desk, read_city);
      save_sql = g_strdup_printf ("SELECT outcome, column_name, original, theirs, mine FROM "
                                  "frontdesk.save_record('clients', '%u', VARIADIC "
                                  "ARRAY['city', %s, 'Bench %u']::text[])", id, original, i);
      update_sql = g_strdup_printf ("UPDATE frontdesk.clients SET city = 'Floor %u' "
                                    "WHERE id = %u", i, id);

      start = g_get_monotonic_time ();
      fd_test_exec (desk, save_sql);
      save_samples[i] = (g_get_monotonic_time () - start) / 1000.0;

      start = g_get_monotonic_time ();
      fd_test_exec (desk, update_sql);
      update_samples[i] = (g_get_monotonic_time () - start) / 1000.0;

      fd_test_exec (desk, unlock);
    }
  *save = summarise (save_samples, SAMPLES);
  *update = summarise (update_samples, SAMPLES);
}

static PGconn *
connect_raw (FdEmbeddedServer *server,
             const char       *dbname)
{
  return fd_test_connect_blocking (fd_embedded_server_get_socket_dir (server),
                           fd_embedded_server_get_user (server), dbname);
}

static const char *prefixes[] = { "a", "m", "s", "y", "z", "ad", "mi", "sm", "yo", "zq" };
static const char *substrings[] = { "oun", "mma", "son", "ith", "xyz", "van der", "young oliv",
                                    "0711", "123", "12345", "7654321", "555 1" };

/* Times @sql and @floor_sql in turn, so that both see the same load on a shared machine:
 * @floor is @floor_sql's timing from the same turns. */
static Timing
time_sql_beside (FdConnection *desk,
                 const char   *sql,
                 const char   *floor_sql,
                 guint         samples,
                 Timing       *floor)
{
  g_autofree double *times = g_new (double, samples);
  g_autofree double *floor_times = g_new (double, samples);

  for (guint i = 0; i < samples; i++)
    {
      floor_times[i] = time_sql (desk, floor_sql, 1).median;
      times[i] = time_sql (desk, sql, 1).median;
    }
  *floor = summarise (floor_times, samples);
  return summarise (times, samples);
}

static char *
search_sql (const char *query)
{
  return g_strdup_printf ("SELECT id, last_name, first_name, preferred_name, birth_date, phone, "
                          "status FROM frontdesk.search_clients(%s, 200)", query);
}

/* The search for @query beside the empty search, timed in turn. */
static Timing
time_search_beside_empty (FdConnection *desk,
                          const char   *query,
                          Timing       *floor)
{
  g_autofree char *sql = search_sql (query);
  g_autofree char *empty_sql = search_sql ("''");

  return time_sql_beside (desk, sql, empty_sql, SEARCH_SAMPLES, floor);
}

static Timing
time_search (FdConnection *desk,
             const char   *query)
{
  g_autofree char *sql = search_sql (query);

  return time_sql (desk, sql, SEARCH_SAMPLES);
}

/* Every integrity check in order, as the Integrity page runs them, with the time of each. */
static void
time_integrity (const char *dbname)
{
  PGconn *conn = fd_test_connect_blocking (fd_test_server_socket_dir (), fd_test_server_user (),
                                           dbname);
  PGresult *checks = PQexec (conn, "SELECT name FROM frontdesk.integrity_checks ORDER BY position");
  double total = 0;
  double slowest = 0;
  const char *slowest_name = "";

  for (int i = 0; i < PQntuples (checks); i++)
    {
      const char *params[] = { PQgetvalue (checks, i, 0) };
      gint64 start = g_get_monotonic_time ();
      PGresult *result = PQexecParams (conn, "SELECT count(*) FROM frontdesk.integrity_check($1)",
                                       1, NULL, params, NULL, NULL, 0);
      double seconds = (g_get_monotonic_time () - start) / 1e6;

      if (PQresultStatus (result) != PGRES_TUPLES_OK)
        g_error ("integrity_check(%s): %s", params[0], PQresultErrorMessage (result));
      PQclear (result);
      total += seconds;
      if (seconds > slowest)
        {
          slowest = seconds;
          slowest_name = PQgetvalue (checks, i, 0);
        }
    }
  printf ("Integrity check, all %d checks: %.2f s (slowest: %s, %.2f s)\n", PQntuples (checks),
          total, slowest_name, slowest);
  PQclear (checks);
  PQfinish (conn);
}

/* The program's memory on this practice: bench-memory, built beside this program, drives
 * Frontdesk's window on the same server and database and prints its table of RSS. It needs a
 * display (run under xvfb-run); FRONTDESK_BENCH_SKIP_MEMORY leaves it out. */
static void
bench_memory_on (const char *dbname)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *folder = self != NULL ? g_path_get_dirname (self) : g_strdup (".");
  g_autofree char *program = g_build_filename (folder, "bench-memory", NULL);
  char *argv[] = { program, NULL };
  g_auto(GStrv) env = g_get_environ ();
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (g_getenv ("FRONTDESK_BENCH_SKIP_MEMORY") != NULL)
    return;
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      printf ("\nMemory: not measured, bench-memory needs a display (run under xvfb-run)\n");
      return;
    }
  env = g_environ_setenv (env, "FRONTDESK_TEST_SOCKET_DIR", fd_test_server_socket_dir (), TRUE);
  env = g_environ_setenv (env, "FRONTDESK_TEST_USER", fd_test_server_user (), TRUE);
  env = g_environ_setenv (env, "FRONTDESK_BENCH_DATABASE", dbname, TRUE);
  fflush (stdout);
  if (!g_spawn_sync (NULL, argv, env, G_SPAWN_CHILD_INHERITS_STDIN, NULL, NULL, NULL, NULL,
                     &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    printf ("\nMemory: bench-memory did not finish: %s\n", error->message);
}

static void
bench_size (guint clients)
{
  g_autofree char *dbname = fd_test_create_database (TRUE);
  g_autoptr(FdConnection) owner = fd_test_open_connection (dbname);
  g_autoptr(FdConnection) desk = NULL;
  g_autofree char *login = NULL;
  g_autofree char *sample = NULL;
  g_autofree char *horizon = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (clients);
  PGconn *filler;
  g_autofree char *day_sql = NULL;
  const char *poll_params[] = { NULL, "{}" };
  Timing select1, select1_prepared, pk_read, pk_update, empty, open, save, poll, day, day_floor, t;
  Timing beside;
  double worst_prefix = 0, worst_substring = 0;
  gint64 start;

  /* Longer than the harness waits for a query: over a blocking connection of its own. */
  start = g_get_monotonic_time ();
  sample = g_strdup_printf ("SELECT frontdesk.sample_data(%u, 1)", clients);
  filler = fd_test_connect_blocking (fd_test_server_socket_dir (), fd_test_server_user (),
                                     dbname);
  fd_test_exec_blocking (filler, sample);
  /* A busy day 60 days ahead: 200 appointments across 12 operatories. */
  fd_test_exec_blocking (filler, "INSERT INTO frontdesk.operatories (name, abbreviation, sort_order) "
                    "SELECT 'Bench ' || i, 'B' || i, 10 + i FROM generate_series(1, 8) i");
  day_sql = g_strdup_printf (
    "INSERT INTO frontdesk.appointments (client_id, provider_id, operatory_id, starts_at, "
    "                                    length_minutes) "
    "SELECT 1 + (i * 7919) %% %u, (SELECT min(id) FROM frontdesk.providers), o.id, "
    "       ((current_date + 60)::timestamp + time '08:00' + (i / 12) * interval '30 minutes')"
    "       AT TIME ZONE (SELECT time_zone FROM frontdesk.practice), 30 "
    "  FROM generate_series(0, 199) i "
    "  JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS k "
    "          FROM frontdesk.operatories) o ON o.k = i %% 12", clients);
  fd_test_exec_blocking (filler, day_sql);
  fd_test_exec_blocking (filler, "VACUUM ANALYZE");
  fprintf (stderr, "%u clients: sample data and VACUUM ANALYZE in %.1f s\n", clients,
           (g_get_monotonic_time () - start) / 1e6);

  login = fd_test_create_staff (FALSE);
  desk = fd_test_open_connection_as (dbname, login);
  fd_test_exec (desk, "SELECT * FROM frontdesk.session_open('Bench desk')");

  /* Warm the caches as a day's use would, then measure. */
  time_sql (desk, "SELECT count(*) FROM frontdesk.clients", 2);
  time_sql (desk, "SELECT count(*) FROM frontdesk.client_search_entries", 2);

  select1 = time_sql (desk, "SELECT 1", SAMPLES);
  open = time_per_client_beside (desk, "SELECT 'loaded', column_name, value FROM "
                                 "frontdesk.load_record('clients', '%u') ORDER BY column_name",
                                 "SELECT * FROM frontdesk.clients WHERE id = %u", clients, rand,
                                 &pk_read);
  time_saves (desk, clients, rand, &save, &pk_update);
  empty = time_search (desk, "''");

  horizon = fd_test_query_value (desk, "SELECT pg_snapshot_xmin(pg_current_snapshot())");
  poll_params[0] = horizon;
  poll = time_prepared_beside (desk, POLL_STATEMENT, fd_signals_get_poll_sql (), 2, poll_params,
                               "bench_select_1", "SELECT 1", &select1_prepared);
  {
    /* The poll's plan is kept after the first five, as SELECT 1's is: a poll planned again
     * each time costs its planning on every poll. */
    g_autofree char *plans = fd_test_query_value (desk, "SELECT generic_plans || ' kept, ' || "
                                                        "custom_plans || ' planned each time' "
                                                        "FROM pg_prepared_statements "
                                                        "WHERE name = '" POLL_STATEMENT "'");

    fprintf (stderr, "%u clients: the poll's plans: %s\n", clients, plans);
  }

  /* The least a day view reads: the day's appointments by index and their clients' names
   * by primary key; the two timed in turn. */
  day = time_sql_beside (desk, "SELECT * FROM frontdesk.day_appointments(current_date + 60)",
                         "SELECT a.*, c.first_name, c.last_name "
                         "FROM frontdesk.appointments a "
                         "JOIN frontdesk.clients c ON c.id = a.client_id "
                         "WHERE a.starts_at >= (current_date + 60)::timestamp AT TIME ZONE "
                         "(SELECT time_zone FROM frontdesk.practice) "
                         "AND a.starts_at < (current_date + 61)::timestamp AT TIME ZONE "
                         "(SELECT time_zone FROM frontdesk.practice)", 100, &day_floor);

  printf ("\n%u clients\n\n", clients);
  print_header ();
  print_row ("SELECT 1", select1, "SELECT 1", select1);
  print_row ("primary-key read", pk_read, "SELECT 1", select1);
  print_row ("primary-key update (same triggers)", pk_update, "SELECT 1", select1);
  print_row ("open a client (load_record)", open, "primary-key read", pk_read);
  print_row ("one-field save (save_record)", save, "primary-key update", pk_update);
  print_row ("SELECT 1, prepared", select1_prepared, "SELECT 1", select1);
  print_row ("idle poll (prepared, as sent)", poll, "SELECT 1, prepared", select1_prepared);
  print_row ("empty search (the list on open)", empty, "primary-key read", pk_read);
  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    {
      g_autofree char *quoted = g_strdup_printf ("'%s'", prefixes[i]);
      g_autofree char *what = g_strdup_printf ("search prefix \"%s\"", prefixes[i]);

      t = time_search_beside_empty (desk, quoted, &beside);
      worst_prefix = MAX (worst_prefix, t.median / beside.median);
      print_row (what, t, "empty search, in turn", beside);
    }
  for (guint i = 0; i < G_N_ELEMENTS (substrings); i++)
    {
      g_autofree char *quoted = g_strdup_printf ("'%s'", substrings[i]);
      g_autofree char *what = g_strdup_printf ("search substring \"%s\"", substrings[i]);

      t = time_search_beside_empty (desk, quoted, &beside);
      worst_substring = MAX (worst_substring, t.median / beside.median);
      print_row (what, t, "empty search, in turn", beside);
    }
  print_row ("day view, 200 appointments, 12 ops", day, "day's rows, in turn", day_floor);
  printf ("\nWorst ratio to the empty search: prefixes %.2fx, substrings %.2fx\n", worst_prefix,
          worst_substring);
  time_integrity (dbname);
  fflush (stdout);

  fd_test_exec (desk, "SELECT frontdesk.session_close()");
  g_clear_object (&desk);
  g_clear_object (&owner);
  if (clients >= 1000000)
    bench_memory_on (dbname);
  fd_test_drop_database (dbname);
}

/* 500 workstations --------------------------------------------------------------------------- */

/* CPU time of the postmaster and every process it started, in seconds: the scheduler's
 * exact run time (/proc/PID/schedstat, nanoseconds) where the kernel has it, else user +
 * system time from /proc/PID/stat, whose tick sampling misses much of many short bursts. */
static double
process_cpu_seconds (int pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/schedstat", pid);
  g_autofree char *text = NULL;
  g_auto(GStrv) fields = NULL;
  const char *after;

  if (g_file_get_contents (path, &text, NULL, NULL))
    return g_ascii_strtod (text, NULL) / 1e9;

  g_free (path);
  path = g_strdup_printf ("/proc/%d/stat", pid);
  if (!g_file_get_contents (path, &text, NULL, NULL) || (after = strrchr (text, ')')) == NULL)
    return 0;
  /* After the name: state (3) ppid (4) … utime (14) stime (15). */
  fields = g_strsplit (after + 2, " ", 0);
  if (g_strv_length (fields) < 13)
    return 0;
  return (g_ascii_strtod (fields[11], NULL) + g_ascii_strtod (fields[12], NULL)) /
         sysconf (_SC_CLK_TCK);
}

static int
parent_of (int pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", pid);
  g_autofree char *text = NULL;
  const char *after;

  if (!g_file_get_contents (path, &text, NULL, NULL) || (after = strrchr (text, ')')) == NULL)
    return -1;
  return atoi (strchr (after + 2, ' ') + 1);
}

static double
server_cpu_seconds (int postmaster)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc", 0, NULL);
  double total = 0;
  const char *name;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      int pid = atoi (name);

      if (pid > 0 && (pid == postmaster || parent_of (pid) == postmaster))
        total += process_cpu_seconds (pid);
    }
  return total;
}

typedef struct
{
  PGconn *conn;
  gint64  due;        /* when the next poll goes out; 0 while one runs */
  char   *horizon;
  guint   polls;
} Desk;

static void
desk_read (Desk     *desk,
           gboolean  push,
           gint64    now)
{
  PGnotify *notify;
  PGresult *result;

  if (!PQconsumeInput (desk->conn))
    g_error ("A desk lost its connection: %s", PQerrorMessage (desk->conn));
  while (!PQisBusy (desk->conn) && (result = PQgetResult (desk->conn)) != NULL)
    {
      if (PQresultStatus (result) == PGRES_TUPLES_OK && PQntuples (result) > 0 &&
          PQnfields (result) > 5)
        {
          g_free (desk->horizon);
          desk->horizon = g_strdup (PQgetvalue (result, PQntuples (result) - 1, 5));
        }
      else if (PQresultStatus (result) != PGRES_TUPLES_OK &&
               PQresultStatus (result) != PGRES_COMMAND_OK)
        g_error ("A desk's query failed: %s", PQresultErrorMessage (result));
      PQclear (result);
      if (!PQisBusy (desk->conn) && desk->due == 0)
        {
          desk->due = now + G_USEC_PER_SEC;
          desk->polls++;
        }
    }
  while ((notify = PQnotifies (desk->conn)) != NULL)
    {
      if (push && desk->due != 0)
        desk->due = now;
      PQfreemem (notify);
    }
}

/* The workstation's poll (the statement prepared on each desk's connection) when @sql is
 * NULL, else @sql as a plain query. */
/* What each desk sends once a second. */
typedef enum
{
  DESK_SELECT_ONE,           /* the floor, as a simple query */
  DESK_SELECT_ONE_PREPARED,  /* the floor, through the same prepared path as the poll */
  DESK_POLL,
} DeskQuery;

static void
desk_send (Desk      *desk,
           DeskQuery  query)
{
  const char *params[2] = { desk->horizon, "{}" };
  gboolean sent;

  if (query == DESK_POLL)
    sent = PQsendQueryPrepared (desk->conn, POLL_STATEMENT, 2, params, NULL, NULL, 0);
  else if (query == DESK_SELECT_ONE_PREPARED)
    sent = PQsendQueryPrepared (desk->conn, SELECT_ONE_STATEMENT, 0, NULL, NULL, NULL, 0);
  else
    sent = PQsendQuery (desk->conn, "SELECT 1");

  if (!sent)
    g_error ("A desk could not send: %s", PQerrorMessage (desk->conn));
  desk->due = 0;
}

/* Runs the desks for DESK_WINDOW_S seconds after a warm-up, returns the server's CPU share
 * of one core over the window and the polls made in it. */
static double
run_desks (Desk       *desks,
           int         postmaster,
           DeskQuery   query,
           gboolean    push,
           PGconn     *writer,
           guint      *polls)
{
  struct pollfd fds[DESKS];
  gint64 begin = g_get_monotonic_time ();
  gint64 window_start = begin + 2 * G_USEC_PER_SEC;
  gint64 window_end = window_start + DESK_WINDOW_S * G_USEC_PER_SEC;
  gint64 next_change = begin + G_USEC_PER_SEC;
  double cpu_start = -1;
  guint polls_start = 0;
  guint polls_end = 0;

  for (guint i = 0; i < DESKS; i++)
    desks[i].due = begin + (gint64) i * G_USEC_PER_SEC / DESKS;

  for (;;)
    {
      gint64 now = g_get_monotonic_time ();
      gint64 next = window_end;
      int timeout;

      if (cpu_start < 0 && now >= window_start)
        {
          cpu_start = server_cpu_seconds (postmaster);
          for (guint i = 0; i < DESKS; i++)
            polls_start += desks[i].polls;
        }
      if (now >= window_end)
        break;

      if (writer != NULL && now >= next_change)
        {
          PGresult *result = PQexec (writer, "SELECT frontdesk.emit_signal('operatories', "
                                             "'bench', NULL)");

          PQclear (result);
          next_change += G_USEC_PER_SEC;
        }
      if (writer != NULL)
        next = MIN (next, next_change);

      for (guint i = 0; i < DESKS; i++)
        {
          if (desks[i].due != 0 && desks[i].due <= now)
            desk_send (&desks[i], query);
          if (desks[i].due != 0)
            next = MIN (next, desks[i].due);
          fds[i].fd = PQsocket (desks[i].conn);
          fds[i].events = POLLIN;
          fds[i].revents = 0;
        }
      timeout = (int) MAX (0, (next - now + 999) / 1000);
      if (poll (fds, DESKS, timeout) < 0 && errno != EINTR)
        g_error ("poll: %s", g_strerror (errno));
      now = g_get_monotonic_time ();
      for (guint i = 0; i < DESKS; i++)
        if (fds[i].revents != 0)
          desk_read (&desks[i], push, now);
    }

  for (guint i = 0; i < DESKS; i++)
    polls_end += desks[i].polls;
  *polls = polls_end - polls_start;
  return (server_cpu_seconds (postmaster) - cpu_start) / DESK_WINDOW_S * 100.0;
}

static void
prepare_desk (PGconn     *conn,
              const char *name,
              const char *sql,
              int         n_params)
{
  PGresult *result = PQprepare (conn, name, sql, n_params, NULL);

  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    g_error ("Cannot prepare %s: %s", name, PQresultErrorMessage (result));
  PQclear (result);
}

/* A desk that has polled all day: the server keeps a prepared statement's plan after its
 * first five runs, which a desk makes in its first seconds. */
static void
warm_desk (Desk *desk)
{
  const char *params[2] = { desk->horizon, "{}" };

  for (guint i = 0; i < 6; i++)
    {
      PQclear (PQexecPrepared (desk->conn, POLL_STATEMENT, 2, params, NULL, NULL, 0));
      PQclear (PQexecPrepared (desk->conn, SELECT_ONE_STATEMENT, 0, NULL, NULL, NULL, 0));
    }
}

static void
bench_desks (void)
{
  g_autofree char *folder = fd_test_make_temp_dir ("desks");
  g_autoptr(FdEmbeddedServer) server = fd_test_start_private_server (folder);
  g_autoptr(FdConnection) migrator = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  Desk *desks = g_new0 (Desk, DESKS);
  PGconn *conn;
  PGconn *writer;
  double cpu;
  guint polls;
  int postmaster;

  /* Room for 500 desks. */
  conn = connect_raw (server, "postgres");
  fd_test_exec_blocking (conn, "ALTER SYSTEM SET max_connections = 620");
  fd_test_exec_blocking (conn, "CREATE DATABASE desks");
  PQfinish (conn);
  fd_embedded_server_stop (server);
  g_clear_object (&server);
  server = fd_test_start_private_server (folder);
  postmaster = fd_embedded_server_get_pid (server);

  migrator = fd_test_connection_new (fd_embedded_server_get_socket_dir (server),
                                     fd_embedded_server_get_user (server), "desks");
  fd_connection_open_async (migrator, NULL, fd_test_store_result_cb, &result);
  fd_connection_open_finish (migrator, fd_test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  fd_migrations_run_async (migrator, NULL, fd_test_store_result_cb, &result);
  fd_migrations_run_finish (fd_test_wait_for_result (&result), NULL, &error);
  g_assert_no_error (error);
  fd_connection_close (migrator);

  for (guint i = 0; i < DESKS; i++)
    {
      PGresult *horizon;

      desks[i].conn = connect_raw (server, "desks");
      horizon = PQexec (desks[i].conn, "SELECT pg_snapshot_xmin(pg_current_snapshot())");
      desks[i].horizon = g_strdup (PQgetvalue (horizon, 0, 0));
      PQclear (horizon);
      prepare_desk (desks[i].conn, POLL_STATEMENT, fd_signals_get_poll_sql (), 2);
      prepare_desk (desks[i].conn, SELECT_ONE_STATEMENT, "SELECT 1", 0);
      warm_desk (&desks[i]);
      PQsetnonblocking (desks[i].conn, 1);
    }
  writer = connect_raw (server, "desks");

  printf ("\n%u workstations, each polling once a second; postgres CPU over %d s "
          "(/proc/PID/schedstat)\n\n", DESKS, DESK_WINDOW_S);
  printf ("| %-52s | %8s | %13s |\n", "load", "polls/s", "% of one core");
  printf ("|------------------------------------------------------|----------|---------------|\n");

  cpu = run_desks (desks, postmaster, DESK_SELECT_ONE, FALSE, NULL, &polls);
  printf ("| %-52s | %8.0f | %12.2f%% |\n", "floor: SELECT 1 instead of the poll",
          (double) polls / DESK_WINDOW_S, cpu);
  cpu = run_desks (desks, postmaster, DESK_SELECT_ONE_PREPARED, FALSE, NULL, &polls);
  printf ("| %-52s | %8.0f | %12.2f%% |\n", "SELECT 1, prepared, instead of the poll",
          (double) polls / DESK_WINDOW_S, cpu);
  cpu = run_desks (desks, postmaster, DESK_POLL, FALSE, NULL, &polls);
  printf ("| %-52s | %8.0f | %12.2f%% |\n", "idle poll, without push", (double) polls / DESK_WINDOW_S,
          cpu);

  for (guint i = 0; i < DESKS; i++)
    {
      PQsetnonblocking (desks[i].conn, 0);
      fd_test_exec_blocking (desks[i].conn, "LISTEN frontdesk_signals");
      PQsetnonblocking (desks[i].conn, 1);
    }
  cpu = run_desks (desks, postmaster, DESK_POLL, TRUE, NULL, &polls);
  printf ("| %-52s | %8.0f | %12.2f%% |\n", "idle poll, with push (listening)",
          (double) polls / DESK_WINDOW_S, cpu);
  cpu = run_desks (desks, postmaster, DESK_POLL, TRUE, writer, &polls);
  printf ("| %-52s | %8.0f | %12.2f%% |\n", "with push, one change a second (each wakes all)",
          (double) polls / DESK_WINDOW_S, cpu);
  fflush (stdout);

  for (guint i = 0; i < DESKS; i++)
    {
      PQfinish (desks[i].conn);
      g_free (desks[i].horizon);
    }
  g_free (desks);
  PQfinish (writer);
  fd_embedded_server_stop (server);
  fd_test_remove_tree (folder);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *cpu = NULL;
  g_autofree char *model = NULL;

  fd_test_init (&argc, &argv);

  if (g_file_get_contents ("/proc/cpuinfo", &cpu, NULL, NULL) &&
      (model = g_strstr_len (cpu, -1, "model name")) != NULL)
    model = g_strndup (strchr (model, ':') + 2, strcspn (strchr (model, ':') + 2, "\n"));
  else
    model = NULL;
  printf ("Frontdesk at its floors, %s, %u cores (%s), PostgreSQL on a local socket\n", today,
          g_get_num_processors (), model != NULL ? model : "unknown CPU");

  if (g_getenv ("FRONTDESK_BENCH_SKIP_DESKS") == NULL)
    bench_desks ();
  /* FRONTDESK_BENCH_ONLY_MILLION: the million clients alone (the 100,000 fill skipped). */
  if (g_getenv ("FRONTDESK_BENCH_ONLY_MILLION") == NULL)
    bench_size (100000);
  if (g_getenv ("FRONTDESK_BENCH_SMALL") == NULL)
    bench_size (1000000);

  return fd_test_run () == 0 ? 0 : 1;
}
