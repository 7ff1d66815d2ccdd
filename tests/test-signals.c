/* test-signals.c: signals reach another workstation, with push and by polling alone; none
 * is missed when transactions commit out of order; an open transaction delays nobody; a
 * burst is one refresh; interval 0 stops polling.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "fd-signals.h"
#include "fd-test-server.h"

typedef struct
{
  char         *dbname;
  FdConnection *writer;
  FdConnection *reader;
  FdSignals    *signals;
  GPtrArray    *kinds;      /* one entry for each ::changed */
  GHashTable   *keys;       /* every key reported */
} Fixture;

static void
changed_cb (FdSignals    *signals,
            const char   *kind,
            const char  **keys,
            Fixture      *fixture)
{
  g_ptr_array_add (fixture->kinds, g_strdup (kind));
  for (guint i = 0; keys[i] != NULL; i++)
    g_hash_table_add (fixture->keys, g_strdup (keys[i]));
}

static gboolean
started (gpointer user_data)
{
  return fd_signals_get_started (user_data);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->dbname = fd_test_create_database (TRUE);
  fixture->writer = fd_test_open_connection (fixture->dbname);
  fixture->reader = fd_test_open_connection (fixture->dbname);
  fixture->kinds = g_ptr_array_new_with_free_func (g_free);
  fixture->keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  /* Signalled before the reader starts: old news, never reported. */
  fd_test_exec (fixture->writer, "SELECT frontdesk.emit_signal('providers', 'old', NULL)");

  fixture->signals = fd_signals_new (fixture->reader);
  g_signal_connect (fixture->signals, "changed", G_CALLBACK (changed_cb), fixture);
  fd_test_wait_until (started, fixture->signals, "the first poll");
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  /* A poll still on its way keeps the object alive and may report after this. */
  g_signal_handlers_disconnect_by_data (fixture->signals, fixture);
  g_clear_object (&fixture->signals);
  g_clear_object (&fixture->writer);
  g_clear_object (&fixture->reader);
  g_ptr_array_unref (fixture->kinds);
  g_hash_table_unref (fixture->keys);
  fd_test_drop_database (fixture->dbname);
  g_free (fixture->dbname);
}

typedef struct
{
  Fixture    *fixture;
  const char *key;
  gint64      deadline;
} KeyWait;

static gboolean
key_arrived_or_late (gpointer user_data)
{
  KeyWait *wait = user_data;

  return g_hash_table_contains (wait->fixture->keys, wait->key) ||
         g_get_monotonic_time () > wait->deadline;
}

/* Waits up to @seconds for @key; says whether it came. */
static gboolean
key_within (Fixture    *fixture,
            const char *key,
            double      seconds)
{
  KeyWait wait = { fixture, key, g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC) };

  fd_test_wait_until (key_arrived_or_late, &wait, key);
  return g_hash_table_contains (fixture->keys, key);
}

static void
signal_now (FdConnection *connection,
            const char   *kind,
            const char   *key)
{
  g_autofree char *sql = g_strdup_printf ("SELECT frontdesk.emit_signal('%s', '%s', NULL)",
                                          kind, key);

  fd_test_exec (connection, sql);
}

static void
test_push_within_a_second (Fixture       *fixture,
                           gconstpointer  data)
{
  gint64 start = g_get_monotonic_time ();

  fd_test_exec (fixture->writer, "UPDATE frontdesk.practice SET name = 'Renamed Practice'");
  g_assert_true (key_within (fixture, "true", 1.0));
  g_test_message ("Pushed in %.1f ms", (g_get_monotonic_time () - start) / 1000.0);
  g_assert_cmpstr (g_ptr_array_index (fixture->kinds, 0), ==, "practice");
  g_assert_false (g_hash_table_contains (fixture->keys, "old"));
  g_assert_true (fd_signals_get_push_active (fixture->signals));
}

static void
test_polling_alone (Fixture       *fixture,
                    gconstpointer  data)
{
  fd_signals_set_push (fixture->signals, FALSE);
  fd_signals_set_interval (fixture->signals, 1);
  g_assert_false (fd_signals_get_push_active (fixture->signals));

  signal_now (fixture->writer, "providers", "polled");
  /* Within the interval and a second. */
  g_assert_true (key_within (fixture, "polled", 2.0));
}

static void
test_interval_zero_stops_polling (Fixture       *fixture,
                                  gconstpointer  data)
{
  fd_signals_set_push (fixture->signals, FALSE);
  fd_signals_set_interval (fixture->signals, 0);

  signal_now (fixture->writer, "providers", "unheard");
  g_assert_false (key_within (fixture, "unheard", 2.0));

  /* Clicking the module button still refreshes by hand. */
  fd_signals_poll (fixture->signals);
  g_assert_true (key_within (fixture, "unheard", 5.0));
}

static void
test_out_of_order_commits (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(FdConnection) early = fd_test_open_connection (fixture->dbname);

  /* The earlier transaction takes its xid first but commits last. */
  fd_test_exec (early, "BEGIN; SELECT frontdesk.emit_signal('clients', 'early', NULL)");
  signal_now (fixture->writer, "clients", "late");
  g_assert_true (key_within (fixture, "late", 1.0));
  g_assert_false (g_hash_table_contains (fixture->keys, "early"));

  fd_test_exec (early, "COMMIT");
  g_assert_true (key_within (fixture, "early", 1.0));
}

static void
test_open_transaction_delays_nobody (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(FdConnection) idle = fd_test_open_connection (fixture->dbname);
  gint64 start;

  fd_test_exec (idle, "BEGIN; SELECT pg_current_xact_id()");

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *key = g_strdup_printf ("meanwhile-%u", i);

      start = g_get_monotonic_time ();
      signal_now (fixture->writer, "operatories", key);
      g_assert_true (key_within (fixture, key, 1.0));
      g_test_message ("Arrived in %.1f ms with a transaction open elsewhere",
                      (g_get_monotonic_time () - start) / 1000.0);
    }

  /* Each signal is reported once, though the horizon stays behind the open one. */
  g_assert_cmpuint (fixture->kinds->len, ==, 3);
  fd_test_exec (idle, "ROLLBACK");
}

static void
test_burst_is_one_refresh (Fixture       *fixture,
                           gconstpointer  data)
{
  fd_signals_set_push (fixture->signals, FALSE);
  fd_test_exec (fixture->writer,
                "SELECT frontdesk.emit_signal('fees', i::text, NULL) "
                "FROM generate_series(1, 1000) AS i");
  fd_signals_poll (fixture->signals);
  g_assert_true (key_within (fixture, "1000", 5.0));

  g_assert_cmpuint (fixture->kinds->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (fixture->kinds, 0), ==, "fees");
  g_assert_cmpuint (g_hash_table_size (fixture->keys), ==, 1000);
}

typedef struct
{
  FdConnection *connection;
  guint64       purged;
} PurgeWait;

/* Purges until something went: a transaction open anywhere on the server (another test's)
 * rightly keeps newer signals, so the first purge may find nothing it may remove yet. */
static gboolean
purged_some (gpointer user_data)
{
  PurgeWait *wait = user_data;
  g_autofree char *purged = fd_test_query_value (wait->connection,
                                                 "SELECT frontdesk.purge_signals('1 day')");

  wait->purged += g_ascii_strtoull (purged, NULL, 10);
  return wait->purged > 0;
}

static void
test_old_signals_purged (Fixture       *fixture,
                         gconstpointer  data)
{
  PurgeWait wait = { fixture->writer, 0 };
  g_autofree char *left = NULL;

  fd_test_exec (fixture->writer, "UPDATE frontdesk.signals SET created_at = now() - "
                                 "interval '2 days' WHERE key = 'old'");
  signal_now (fixture->writer, "providers", "recent");
  fd_test_wait_until (purged_some, &wait, "the old signal to be purged");
  g_assert_cmpuint (wait.purged, ==, 1);
  left = fd_test_query_value (fixture->writer, "SELECT string_agg(key, ',') "
                                               "FROM frontdesk.signals");
  g_assert_cmpstr (left, ==, "recent");
}

int
main (int   argc,
      char *argv[])
{
  fd_test_init (&argc, &argv);

  g_test_add ("/frontdesk/signals/push-within-a-second", Fixture, NULL,
              fixture_setup, test_push_within_a_second, fixture_teardown);
  g_test_add ("/frontdesk/signals/polling-alone", Fixture, NULL,
              fixture_setup, test_polling_alone, fixture_teardown);
  g_test_add ("/frontdesk/signals/interval-zero-stops-polling", Fixture, NULL,
              fixture_setup, test_interval_zero_stops_polling, fixture_teardown);
  g_test_add ("/frontdesk/signals/out-of-order-commits", Fixture, NULL,
              fixture_setup, test_out_of_order_commits, fixture_teardown);
  g_test_add ("/frontdesk/signals/open-transaction-delays-nobody", Fixture, NULL,
              fixture_setup, test_open_transaction_delays_nobody, fixture_teardown);
  g_test_add ("/frontdesk/signals/burst-is-one-refresh", Fixture, NULL,
              fixture_setup, test_burst_is_one_refresh, fixture_teardown);
  g_test_add ("/frontdesk/signals/old-signals-purged", Fixture, NULL,
              fixture_setup, test_old_signals_purged, fixture_teardown);

  return fd_test_run ();
}
