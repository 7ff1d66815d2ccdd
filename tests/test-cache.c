/* test-cache.c: the cached lookup tables follow changes made at another workstation, table
 * by table, with push and by polling alone, one reload for a burst.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "fd-appointment.h"
#include "fd-cache.h"
#include "fd-test-server.h"

typedef struct
{
  char         *dbname;
  FdConnection *writer;
  FdConnection *reader;
  FdSignals    *signals;
  FdCache      *cache;
} Fixture;

static gboolean
loaded (gpointer user_data)
{
  return fd_cache_get_loaded (user_data) && fd_signals_get_started (
           FD_SIGNALS (g_object_get_data (user_data, "signals")));
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->dbname = fd_test_create_database (TRUE);
  fixture->writer = fd_test_open_connection (fixture->dbname);
  fd_test_exec (fixture->writer, "SELECT frontdesk.sample_data(10, 1)");
  fixture->reader = fd_test_open_connection (fixture->dbname);
  fixture->signals = fd_signals_new (fixture->reader);
  fixture->cache = fd_cache_new (fixture->reader, fixture->signals);
  g_object_set_data (G_OBJECT (fixture->cache), "signals", fixture->signals);
  fd_test_wait_until (loaded, fixture->cache, "the cache");
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->cache);
  g_clear_object (&fixture->signals);
  g_clear_object (&fixture->writer);
  g_clear_object (&fixture->reader);
  fd_test_drop_database (fixture->dbname);
  g_free (fixture->dbname);
}

static const char *
provider_name (Fixture *fixture)
{
  FdCacheRow *row = fd_cache_lookup (fixture->cache, "providers", "1");

  return row != NULL ? fd_cache_row_get (row, "last_name") : NULL;
}

typedef struct
{
  Fixture    *fixture;
  const char *name;
  gint64      deadline;
} NameWait;

static gboolean
name_or_late (gpointer user_data)
{
  NameWait *wait = user_data;

  return g_strcmp0 (provider_name (wait->fixture), wait->name) == 0 ||
         g_get_monotonic_time () > wait->deadline;
}

static gboolean
name_within (Fixture    *fixture,
             const char *name,
             double      seconds)
{
  NameWait wait = { fixture, name, g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC) };

  fd_test_wait_until (name_or_late, &wait, name);
  return g_strcmp0 (provider_name (fixture), name) == 0;
}

static void
test_loads_every_table (Fixture       *fixture,
                        gconstpointer  data)
{
  const char * const *tables = fd_cache_list_tables ();
  FdCacheRow *practice;

  for (guint i = 0; tables[i] != NULL; i++)
    g_assert_cmpuint (fd_cache_get_loads (fixture->cache, tables[i]), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (fd_cache_get_table (fixture->cache, "providers")),
                    ==, 4);
  g_assert_cmpuint (g_list_model_get_n_items (fd_cache_get_table (fixture->cache, "fees")), ==, 30);
  practice = g_list_model_get_item (fd_cache_get_table (fixture->cache, "practice"), 0);
  g_assert_cmpstr (fd_cache_row_get (practice, "name"), ==, "Harbour View Dental");
  g_object_unref (practice);
}

static void
test_change_arrives_with_push (Fixture       *fixture,
                               gconstpointer  data)
{
  guint operatory_loads = fd_cache_get_loads (fixture->cache, "operatories");

  fd_test_exec (fixture->writer, "UPDATE frontdesk.providers SET last_name = 'Pushed' WHERE id = 1");
  g_assert_true (name_within (fixture, "Pushed", 1.0));
  /* That table only. */
  g_assert_cmpuint (fd_cache_get_loads (fixture->cache, "operatories"), ==, operatory_loads);
}

static void
test_change_arrives_by_polling (Fixture       *fixture,
                                gconstpointer  data)
{
  fd_signals_set_push (fixture->signals, FALSE);
  fd_signals_set_interval (fixture->signals, 1);
  fd_test_exec (fixture->writer, "UPDATE frontdesk.providers SET last_name = 'Polled' WHERE id = 1");
  g_assert_true (name_within (fixture, "Polled", 2.0));
}

static void
test_burst_reloads_once (Fixture       *fixture,
                         gconstpointer  data)
{
  guint before = fd_cache_get_loads (fixture->cache, "providers");

  fd_signals_set_push (fixture->signals, FALSE);
  fd_test_exec (fixture->writer,
                "UPDATE frontdesk.providers SET last_name = 'Burst ' || i "
                "FROM generate_series(1, 250) AS i WHERE id = 1; "
                "DO $$ BEGIN FOR i IN 1 .. 1000 LOOP "
                "UPDATE frontdesk.providers SET sort_order = i WHERE id = 2; END LOOP; END $$");
  fd_signals_poll (fixture->signals);
  g_assert_true (name_within (fixture, "Burst 1", 5.0));
  g_assert_cmpuint (fd_cache_get_loads (fixture->cache, "providers"), ==, before + 1);
}

static gboolean
zone_is (gpointer user_data)
{
  FdCache *cache = user_data;
  g_autoptr(FdCacheRow) practice = g_list_model_get_item (fd_cache_get_table (cache, "practice"),
                                                          0);

  return g_strcmp0 (fd_cache_row_get (practice, "time_zone"), "America/New_York") == 0;
}

/* Start times go to the server and come back in the practice's zone, whatever the
 * workstation's own. */
static void
test_appointment_times_in_practice_zone (Fixture       *fixture,
                                         gconstpointer  data)
{
  g_autofree char *start = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *stored = NULL;

  fd_test_exec (fixture->writer, "UPDATE frontdesk.practice SET time_zone = 'America/New_York'");
  fd_test_wait_until (zone_is, fixture->cache, "the practice's new time zone");

  start = fd_appointment_format_start (fixture->cache, "2031-01-15", 9 * 60 + 30);
  g_assert_cmpstr (start, ==, "2031-01-15 09:30:00 America/New_York");
  sql = g_strdup_printf ("SELECT ('%s'::timestamptz AT TIME ZONE 'UTC')::text", start);
  stored = fd_test_query_value (fixture->writer, sql);
  g_assert_cmpstr (stored, ==, "2031-01-15 14:30:00");

  g_assert_cmpint (fd_appointment_minute_of_day (fixture->cache, "2031-01-15 14:30:00+00", -1),
                   ==, 9 * 60 + 30);
  g_assert_cmpint (fd_appointment_minute_of_day (fixture->cache, "2031-07-01 12:15:00.5+00", -1),
                   ==, 8 * 60 + 15);
  g_assert_cmpint (fd_appointment_minute_of_day (fixture->cache, "not a time", -1), ==, -1);
}

int
main (int   argc,
      char *argv[])
{
  fd_test_init (&argc, &argv);

  g_test_add ("/frontdesk/cache/loads-every-table", Fixture, NULL,
              fixture_setup, test_loads_every_table, fixture_teardown);
  g_test_add ("/frontdesk/cache/change-arrives-with-push", Fixture, NULL,
              fixture_setup, test_change_arrives_with_push, fixture_teardown);
  g_test_add ("/frontdesk/cache/change-arrives-by-polling", Fixture, NULL,
              fixture_setup, test_change_arrives_by_polling, fixture_teardown);
  g_test_add ("/frontdesk/cache/appointment-times-in-practice-zone", Fixture, NULL,
              fixture_setup, test_appointment_times_in_practice_zone, fixture_teardown);
  g_test_add ("/frontdesk/cache/burst-reloads-once", Fixture, NULL,
              fixture_setup, test_burst_reloads_once, fixture_teardown);

  return fd_test_run ();
}
