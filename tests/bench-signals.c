/* bench-signals.c: how fast a change made at one workstation reaches another, with push
 * and by polling alone, and what an idle poll costs the server. Not a test: run it by hand
 * (build/tests/bench-signals) on a quiet machine; it prints a table for README.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fd-cache.h"
#include "fd-pg.h"
#include "fd-test-server.h"

#define PUSH_SAMPLES 1000
#define POLL_SECONDS 12
#define POLL_INTERVAL_S 1
#define IDLE_POLLS 2000

static void
print_row (const char *what,
           GArray     *samples,
           const char *unit,
           double      scale)
{
  double *values = (double *) samples->data;

  qsort (values, samples->len, sizeof (double), fd_test_compare_doubles);
  printf ("| %-46s | %6u | %9.3f | %9.3f | %9.3f | %-2s |\n", what, samples->len,
          values[samples->len / 2] * scale, values[(guint) (samples->len * 0.99)] * scale,
          values[samples->len - 1] * scale, unit);
}

typedef struct
{
  gboolean changed;
} Flag;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Flag       *flag)
{
  flag->changed = TRUE;
}

static gboolean
flag_set (gpointer user_data)
{
  return ((Flag *) user_data)->changed;
}

static gboolean
ready (gpointer user_data)
{
  FdCache *cache = user_data;

  return fd_cache_get_loaded (cache) &&
         fd_signals_get_started (g_object_get_data (G_OBJECT (cache), "signals"));
}

/* Commit on the writer → the reader's cached providers reloaded, one change at a time. */
static GArray *
measure_push (FdConnection *writer,
              FdCache      *cache)
{
  GArray *samples = g_array_new (FALSE, FALSE, sizeof (double));
  GListModel *providers = fd_cache_get_table (cache, "providers");
  Flag flag = { FALSE };
  gulong handler = g_signal_connect (providers, "items-changed", G_CALLBACK (items_changed_cb),
                                     &flag);

  for (guint i = 0; i < PUSH_SAMPLES; i++)
    {
      g_autofree char *sql = g_strdup_printf ("UPDATE frontdesk.providers SET sort_order = %u "
                                              "WHERE id = 1", i + 100);
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(PGresult) pg_result = NULL;
      gint64 start = g_get_monotonic_time ();
      double elapsed;

      flag.changed = FALSE;
      fd_connection_query_async (writer, sql, 0, NULL, NULL, fd_test_store_result_cb, &result);
      fd_test_wait_until (flag_set, &flag, "the cache to follow");
      elapsed = (g_get_monotonic_time () - start) / 1e6;
      g_array_append_val (samples, elapsed);
      pg_result = fd_connection_query_finish (writer, fd_test_wait_for_result (&result), NULL);
    }

  g_signal_handler_disconnect (providers, handler);
  return samples;
}

typedef struct
{
  GHashTable *sent;      /* key → send time */
  GArray     *samples;
} PollRun;

static void
signals_changed_cb (FdSignals    *signals,
                    const char   *kind,
                    const char  **keys,
                    PollRun      *run)
{
  gint64 now = g_get_monotonic_time ();

  for (guint i = 0; keys[i] != NULL; i++)
    {
      gint64 *sent = g_hash_table_lookup (run->sent, keys[i]);
      double elapsed;

      if (sent == NULL)
        continue;
      elapsed = (now - *sent) / 1e6;
      g_array_append_val (run->samples, elapsed);
    }
}

/* Changes made all along, read by a poll every POLL_INTERVAL_S with push off. */
static GArray *
measure_polling (FdConnection *writer,
                 FdSignals    *signals)
{
  PollRun run = { g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free),
                  g_array_new (FALSE, FALSE, sizeof (double)) };
  gint64 end = g_get_monotonic_time () + POLL_SECONDS * G_USEC_PER_SEC;
  gulong handler;
  guint n = 0;

  fd_signals_set_push (signals, FALSE);
  fd_signals_set_interval (signals, POLL_INTERVAL_S);
  handler = g_signal_connect (signals, "changed::operatories", G_CALLBACK (signals_changed_cb),
                              &run);

  while (g_get_monotonic_time () < end)
    {
      g_autofree char *key = g_strdup_printf ("bench-%u", n++);
      g_autofree char *sql = g_strdup_printf ("SELECT frontdesk.emit_signal('operatories', "
                                              "'%s', NULL)", key);
      gint64 *sent = g_new (gint64, 1);

      *sent = g_get_monotonic_time ();
      g_hash_table_insert (run.sent, g_steal_pointer (&key), sent);
      fd_test_exec (writer, sql);
      fd_test_spin (5);
    }
  fd_test_spin ((POLL_INTERVAL_S + 1) * 1000);

  g_signal_handler_disconnect (signals, handler);
  fd_signals_set_interval (signals, 0);
  g_hash_table_unref (run.sent);
  return run.samples;
}

static GArray *
measure_idle_poll (FdConnection *reader,
                   GArray      **server_side)
{
  GArray *samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *horizon = fd_test_query_value (reader, "SELECT pg_snapshot_xmin("
                                                          "pg_current_snapshot())");
  g_autofree char *sql = g_strdup_printf ("SELECT * FROM frontdesk.poll_signals('%s', '{}')",
                                          horizon);
  g_autofree char *explain = g_strdup_printf ("EXPLAIN (ANALYZE, FORMAT JSON) %s", sql);

  *server_side = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint i = 0; i < IDLE_POLLS; i++)
    {
      g_autofree char *ignored = NULL;
      g_autofree char *plan = NULL;
      gint64 start = g_get_monotonic_time ();
      double elapsed;
      const char *execution;

      ignored = fd_test_query_value (reader, sql);
      elapsed = (g_get_monotonic_time () - start) / 1e6;
      g_array_append_val (samples, elapsed);

      plan = fd_test_query_value (reader, explain);
      execution = strstr (plan, "\"Execution Time\": ");
      if (execution != NULL)
        {
          double ms = g_ascii_strtod (execution + strlen ("\"Execution Time\": "), NULL);

          elapsed = ms / 1000.0;
          g_array_append_val (*server_side, elapsed);
        }
    }
  return samples;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dbname = NULL;
  g_autoptr(FdConnection) writer = NULL;
  g_autoptr(FdConnection) reader = NULL;
  g_autoptr(FdSignals) signals = NULL;
  g_autoptr(FdCache) cache = NULL;
  g_autoptr(GArray) push = NULL;
  g_autoptr(GArray) polling = NULL;
  g_autoptr(GArray) idle = NULL;
  g_autoptr(GArray) idle_server = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

  fd_test_init (&argc, &argv);

  dbname = fd_test_create_database (TRUE);
  writer = fd_test_open_connection (dbname);
  reader = fd_test_open_connection (dbname);
  fd_test_exec (writer, "SELECT frontdesk.sample_data(1000, 1)");
  signals = fd_signals_new (reader);
  cache = fd_cache_new (reader, signals);
  g_object_set_data (G_OBJECT (cache), "signals", signals);
  fd_test_wait_until (ready, cache, "the cache");

  push = measure_push (writer, cache);
  polling = measure_polling (writer, signals);
  idle = measure_idle_poll (reader, &idle_server);

  printf ("Frontdesk signal propagation, %s, %u cores, PostgreSQL on a local socket\n\n",
          today, g_get_num_processors ());
  printf ("| %-46s | %6s | %9s | %9s | %9s | %-2s |\n", "measure", "n", "median", "p99",
          "max", "");
  printf ("|%s|%s|%s|%s|%s|%s|\n", "------------------------------------------------",
          "--------", "-----------", "-----------", "-----------", "----");
  print_row ("commit on A -> B's cache reloaded, push", push, "ms", 1000);
  print_row ("commit on A -> B's poll reports it, 1 s polling", polling, "ms", 1000);
  print_row ("idle poll, round trip from the client", idle, "ms", 1000);
  print_row ("idle poll, server execution time", idle_server, "ms", 1000);

  g_clear_object (&cache);
  g_clear_object (&signals);
  g_clear_object (&reader);
  g_clear_object (&writer);
  fd_test_drop_database (dbname);
  return fd_test_run () == 0 ? 0 : 1;
}
