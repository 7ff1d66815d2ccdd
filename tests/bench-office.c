/* bench-office.c: 100, 500 and 1,000 workstations on one server, each with its own TCP
 * connection and session, listening for the signals' NOTIFY and polling every 1 s or 10 s,
 * while another desk saves a client once a second. Prints the server's CPU (the postmaster
 * and all its processes, over a fixed window) beside the same desks sending SELECT 1 at the
 * same rate, and commit → other desk latency beside one desk alone. Run by hand:
 * build/tests/bench-office [--sizes 100,500,1000]
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "fd-signals.h"
#include "fd-test-server.h"

#define WARMUP_S  2
#define WINDOW_S 10
#define MAX_DESKS 1000

/* The workstations' poll, sent as FdSignals sends it: prepared on each connection. */
#define POLL_SQL       fd_signals_get_poll_sql ()
#define POLL_STATEMENT "frontdesk_poll"

typedef struct
{
  PGconn   *conn;
  char     *horizon;
  gint64    due;          /* when the next poll goes out */
  gboolean  busy;         /* a poll on its way */
  gboolean  woken;        /* a NOTIFY came while it was on its way */
  guint     polls;
} Desk;

typedef struct
{
  double  cpu_percent;
  double  polls_per_s;
  GArray *latencies_ms;   /* commit → this desk has the change, every desk, every change */
} Run;

static PGconn *
connect_desk (FdTestPg *server)
{
  g_autofree char *conninfo = g_strdup_printf ("host=127.0.0.1 port=%u user=postgres "
                                               "dbname=frontdesk", server->port);
  PGconn *conn = PQconnectdb (conninfo);

  if (PQstatus (conn) != CONNECTION_OK)
    g_error ("A desk cannot connect: %s", PQerrorMessage (conn));
  return conn;
}

static char *
value_of (PGconn     *conn,
          const char *sql)
{
  PGresult *result = PQexec (conn, sql);
  char *value;

  if (PQresultStatus (result) != PGRES_TUPLES_OK && PQresultStatus (result) != PGRES_COMMAND_OK)
    g_error ("“%s” failed: %s", sql, PQresultErrorMessage (result));
  value = PQntuples (result) > 0 ? g_strdup (PQgetvalue (result, 0, 0)) : NULL;
  PQclear (result);
  return value;
}

/* As a workstation signs in: a session, LISTEN, and the signals' horizon. */
static void
desk_open (Desk     *desk,
           FdTestPg *server,
           guint     number)
{
  g_autofree char *open = g_strdup_printf ("SELECT frontdesk.session_open('Desk %u')", number);
  PGresult *prepared;

  desk->conn = connect_desk (server);
  g_free (value_of (desk->conn, open));
  g_free (value_of (desk->conn, "LISTEN frontdesk_signals"));
  desk->horizon = value_of (desk->conn, "SELECT pg_snapshot_xmin(pg_current_snapshot())");
  prepared = PQprepare (desk->conn, POLL_STATEMENT, POLL_SQL, 2, NULL);
  if (PQresultStatus (prepared) != PGRES_COMMAND_OK)
    g_error ("Cannot prepare the poll: %s", PQresultErrorMessage (prepared));
  PQclear (prepared);
  PQsetnonblocking (desk->conn, 1);
}

static void
desk_send (Desk       *desk,
           const char *sql)
{
  const char *params[2] = { desk->horizon, "{}" };
  gboolean poll_sql = strcmp (sql, POLL_SQL) == 0;

  if (!(poll_sql ? PQsendQueryPrepared (desk->conn, POLL_STATEMENT, 2, params, NULL, NULL, 0)
                 : PQsendQuery (desk->conn, sql)))
    g_error ("A desk could not send: %s", PQerrorMessage (desk->conn));
  desk->busy = TRUE;
  desk->woken = FALSE;
}

/* Reads what arrived; a poll that brought a signal is the change reaching this desk. */
static void
desk_read (Desk   *desk,
           gint64  now,
           gint64  interval,
           gint64  committed_at,
           GArray *latencies)
{
  PGnotify *notify;
  PGresult *result;

  if (!PQconsumeInput (desk->conn))
    g_error ("A desk lost its connection: %s", PQerrorMessage (desk->conn));
  while (desk->busy && !PQisBusy (desk->conn))
    {
      result = PQgetResult (desk->conn);
      if (result == NULL)
        {
          desk->busy = FALSE;
          desk->polls++;
          desk->due = desk->woken ? now : now + interval;
          break;
        }
      if (PQresultStatus (result) != PGRES_TUPLES_OK)
        g_error ("A desk's poll failed: %s", PQresultErrorMessage (result));
      if (PQnfields (result) > 5 && PQntuples (result) > 0)
        {
          gboolean got_signal = FALSE;

          for (int i = 0; i < PQntuples (result); i++)
            got_signal |= !PQgetisnull (result, i, 0);
          if (got_signal && committed_at > 0 && latencies != NULL)
            {
              double ms = (now - committed_at) / 1000.0;

              g_array_append_val (latencies, ms);
            }
          g_free (desk->horizon);
          desk->horizon = g_strdup (PQgetvalue (result, PQntuples (result) - 1, 5));
        }
      PQclear (result);
    }
  while ((notify = PQnotifies (desk->conn)) != NULL)
    {
      /* Push: poll at once, or as soon as the poll on its way is back. */
      if (desk->busy)
        desk->woken = TRUE;
      else
        desk->due = now;
      PQfreemem (notify);
    }
}

/* @n desks send @sql every @interval_s seconds (and at once on NOTIFY) while @writer saves
 * client @client_id once a second (or, with no client, only sends the NOTIFY a save would);
 * the server's CPU and the polls over WINDOW_S after a warm-up. */
static Run
run_desks (FdTestPg   *server,
           Desk       *desks,
           guint       n,
           guint       interval_s,
           const char *sql,
           PGconn     *writer,
           const char *client_id)
{
  g_autofree struct pollfd *fds = g_new0 (struct pollfd, n);
  gint64 interval = (gint64) interval_s * G_USEC_PER_SEC;
  gint64 begin = g_get_monotonic_time ();
  gint64 window_start = begin + WARMUP_S * G_USEC_PER_SEC;
  gint64 window_end = window_start + WINDOW_S * G_USEC_PER_SEC;
  gint64 next_change = begin + G_USEC_PER_SEC / 2;
  gint64 committed_at = 0;
  int postmaster = fd_test_pg_get_pid (server);
  double cpu_start = -1;
  guint polls_start = 0;
  guint polls_end = 0;
  guint change = 0;
  Run run = { 0, 0, g_array_new (FALSE, FALSE, sizeof (double)) };

  /* Spread over the interval, as desks started through a morning would be. */
  for (guint i = 0; i < n; i++)
    desks[i].due = begin + (gint64) i * interval / n;

  for (;;)
    {
      gint64 now = g_get_monotonic_time ();
      gint64 next = window_end;
      int timeout;

      if (cpu_start < 0 && now >= window_start)
        {
          cpu_start = fd_test_process_tree_cpu_seconds (postmaster);
          for (guint i = 0; i < n; i++)
            polls_start += desks[i].polls;
        }
      if (now >= window_end)
        break;

      if (writer != NULL && now >= next_change)
        {
          /* The floor's writer only wakes the desks, as the save's NOTIFY does. */
          g_autofree char *update = client_id == NULL
                                    ? g_strdup ("NOTIFY frontdesk_signals, 'clients'")
                                    : g_strdup_printf ("UPDATE frontdesk.clients SET city = "
                                                       "'Bench %u' WHERE id = %s", ++change,
                                                       client_id);

          g_free (value_of (writer, update));
          /* Acknowledged: from here the clock runs for every other desk. */
          committed_at = now >= window_start ? g_get_monotonic_time () : 0;
          next_change += G_USEC_PER_SEC;
        }
      if (writer != NULL)
        next = MIN (next, next_change);

      for (guint i = 0; i < n; i++)
        {
          if (!desks[i].busy && desks[i].due <= now)
            desk_send (&desks[i], sql);
          if (!desks[i].busy)
            next = MIN (next, desks[i].due);
          fds[i].fd = PQsocket (desks[i].conn);
          fds[i].events = POLLIN;
          fds[i].revents = 0;
        }
      timeout = (int) MAX (0, (next - now + 999) / 1000);
      if (poll (fds, n, timeout) < 0 && errno != EINTR)
        g_error ("poll: %s", g_strerror (errno));
      now = g_get_monotonic_time ();
      for (guint i = 0; i < n; i++)
        if (fds[i].revents != 0)
          desk_read (&desks[i], now, interval, committed_at, run.latencies_ms);
    }

  /* Let the polls on their way come back, so the next run starts clean. */
  for (guint i = 0; i < n; i++)
    {
      PQsetnonblocking (desks[i].conn, 0);
      while (desks[i].busy)
        {
          PGresult *result = PQgetResult (desks[i].conn);

          if (result == NULL)
            desks[i].busy = FALSE;
          PQclear (result);
        }
      PQsetnonblocking (desks[i].conn, 1);
      polls_end += desks[i].polls;
    }

  run.cpu_percent = (fd_test_process_tree_cpu_seconds (postmaster) - cpu_start) / WINDOW_S * 100;
  run.polls_per_s = (double) (polls_end - polls_start) / WINDOW_S;
  return run;
}

static double
percentile (GArray *values,
            double  p)
{
  if (values->len == 0)
    return 0;
  g_array_sort (values, fd_test_compare_doubles);
  return g_array_index (values, double, MIN (values->len - 1, (guint) (p * values->len)));
}

static void
raise_file_limit (void)
{
  struct rlimit limit;

  if (getrlimit (RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max)
    {
      limit.rlim_cur = limit.rlim_max;
      setrlimit (RLIMIT_NOFILE, &limit);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(FdTestPg) server = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sizes_text = NULL;
  g_auto(GStrv) sizes = NULL;
  g_autofree char *client_id = NULL;
  GOptionEntry entries[] = {
    { "sizes", 0, 0, G_OPTION_ARG_STRING, &sizes_text, "Workstations to simulate", "N,N,…" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— 500 desks on one server");
  Desk *desks = g_new0 (Desk, MAX_DESKS);
  PGconn *owner;
  PGconn *writer;
  guint open_desks = 0;
  Run floor;
  double floor_p50;
  double floor_p99;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);
  sizes = g_strsplit (sizes_text != NULL ? sizes_text : "100,500,1000", ",", -1);
  raise_file_limit ();

  /* Room for a thousand desks and the benchmark's own two connections. */
  server = fd_test_pg_start_sized (MAX_DESKS + 20);
  g_free (fd_test_pg_create_practice (server));
  owner = connect_desk (server);
  g_free (value_of (owner, "SELECT frontdesk.sample_data(200, 1)"));
  client_id = value_of (owner, "SELECT min(id) FROM frontdesk.clients");
  writer = connect_desk (server);
  g_free (value_of (writer, "SELECT frontdesk.session_open('Writer')"));

  /* The floor: one desk alone, listening and polling every second. */
  desk_open (&desks[open_desks++], server, 0);
  floor = run_desks (server, desks, 1, 1, POLL_SQL, writer, client_id);
  floor_p50 = percentile (floor.latencies_ms, 0.50);
  floor_p99 = percentile (floor.latencies_ms, 0.99);
  g_array_unref (floor.latencies_ms);

  printf ("Workstations on one PostgreSQL 15 server (TCP on 127.0.0.1), each with its own "
          "connection and session, LISTENing and polling; another desk saves a client once a "
          "second. The floor for the server's CPU: the same desks sending SELECT 1 instead of the "
          "poll, woken by a bare NOTIFY instead of the save. Server CPU: the postmaster and every "
          "process it started, "
          "/proc/PID/schedstat over %d s after %d s of warm-up. Commit → other desk: from the "
          "saving desk's acknowledged commit to each desk's poll that brought it; floor, one "
          "desk alone: median %.3f ms, p99 %.3f ms.\n\n", WINDOW_S, WARMUP_S, floor_p50,
          floor_p99);
  printf ("| desks | poll | polls/s | server CPU (%% of a core) | SELECT 1 instead | ratio "
          "| commit → desk median | p99 | p99 / floor |\n");
  printf ("|------:|-----:|--------:|------------------------:|-----------------:|------:"
          "|---------------------:|----:|------------:|\n");

  for (guint s = 0; sizes[s] != NULL; s++)
    {
      guint n = MIN ((guint) atoi (sizes[s]), MAX_DESKS);
      static const guint intervals[] = { 1, 10 };

      while (open_desks < n)
        {
          desk_open (&desks[open_desks], server, open_desks);
          open_desks++;
        }

      for (guint i = 0; i < G_N_ELEMENTS (intervals); i++)
        {
          Run poll_run = run_desks (server, desks, n, intervals[i], POLL_SQL, writer, client_id);
          Run select_run = run_desks (server, desks, n, intervals[i], "SELECT 1", writer, NULL);
          double p99 = percentile (poll_run.latencies_ms, 0.99);

          printf ("| %5u | %3u s | %7.0f | %22.2f%% | %15.2f%% | %4.2fx | %17.3f ms | %.3f ms "
                  "| %10.2fx |\n",
                  n, intervals[i], poll_run.polls_per_s, poll_run.cpu_percent,
                  select_run.cpu_percent,
                  select_run.cpu_percent > 0 ? poll_run.cpu_percent / select_run.cpu_percent : 0,
                  percentile (poll_run.latencies_ms, 0.50), p99,
                  floor_p99 > 0 ? p99 / floor_p99 : 0);
          fflush (stdout);
          g_array_unref (poll_run.latencies_ms);
          g_array_unref (select_run.latencies_ms);
        }
    }

  for (guint i = 0; i < open_desks; i++)
    {
      PQfinish (desks[i].conn);
      g_free (desks[i].horizon);
    }
  g_free (desks);
  PQfinish (writer);
  PQfinish (owner);
  return 0;
}
