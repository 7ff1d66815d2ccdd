/* test-migrations.c: schema migrations on a fresh database, again, against a newer
 * database, and from two clients at once.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "fd-migrations.h"
#include "fd-test-server.h"

typedef struct
{
  char         *dbname;
  FdConnection *connection;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->dbname = fd_test_create_database (FALSE);
  fixture->connection = fd_test_open_connection (fixture->dbname);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->connection);
  fd_test_drop_database (fixture->dbname);
  g_free (fixture->dbname);
}

/* How many migrations this build carries (their numbers may leave gaps). */
static guint
migration_count (void)
{
  g_auto(GStrv) names = g_resources_enumerate_children ("/org/frontdesk/Frontdesk/sql/", 0, NULL);

  return names != NULL ? g_strv_length (names) : 0;
}

static gboolean
run_migrations (FdConnection  *connection,
                guint         *n_applied,
                GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  fd_migrations_run_async (connection, NULL, fd_test_store_result_cb, &result);
  return fd_migrations_run_finish (fd_test_wait_for_result (&result), n_applied, error);
}

static guint
recorded_versions (FdConnection *connection)
{
  g_autofree char *count = fd_test_query_value (connection,
                                                "SELECT count(*) FROM frontdesk.schema_version");

  return (guint) g_ascii_strtoull (count, NULL, 10);
}

static void
test_fresh_database (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *practice = NULL;
  g_autofree char *max_version = NULL;
  g_autofree char *expected = NULL;
  guint n_applied = 0;

  g_assert_cmpuint (fd_migrations_get_latest_version (), >=, 1);

  g_assert_true (run_migrations (fixture->connection, &n_applied, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_applied, ==, migration_count ());
  g_assert_cmpuint (recorded_versions (fixture->connection), ==, n_applied);

  max_version = fd_test_query_value (fixture->connection,
                                     "SELECT max(version) FROM frontdesk.schema_version");
  expected = g_strdup_printf ("%u", fd_migrations_get_latest_version ());
  g_assert_cmpstr (max_version, ==, expected);

  practice = fd_test_query_value (fixture->connection, "SELECT name FROM frontdesk.practice");
  g_assert_cmpstr (practice, !=, "");
}

static void
test_second_run_changes_nothing (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint n_applied = 99;

  g_assert_true (run_migrations (fixture->connection, NULL, &error));
  g_assert_true (run_migrations (fixture->connection, &n_applied, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_applied, ==, 0);
  g_assert_cmpuint (recorded_versions (fixture->connection), ==, migration_count ());
}

static void
test_newer_schema_refused (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *ignored = NULL;
  g_autofree char *newer = NULL;
  g_autofree char *lock_holders = NULL;
  guint latest = fd_migrations_get_latest_version ();

  g_assert_true (run_migrations (fixture->connection, NULL, &error));
  sql = g_strdup_printf ("INSERT INTO frontdesk.schema_version (version, name) "
                         "VALUES (%u, '%u-from-the-future'); SELECT 1", latest + 1, latest + 1);
  ignored = fd_test_query_value (fixture->connection, sql);

  g_assert_false (run_migrations (fixture->connection, NULL, &error));
  g_assert_error (error, FD_DB_ERROR, FD_DB_ERROR_SCHEMA_TOO_NEW);
  newer = g_strdup_printf ("%u", latest + 1);
  g_assert_nonnull (strstr (error->message, newer));
  g_assert_nonnull (strstr (error->message, "newer version of Frontdesk"));
  g_assert_cmpuint (recorded_versions (fixture->connection), ==, migration_count () + 1);

  /* Refusing released the migration lock. Only this database's locks count: other test
   * programs on the shared server hold advisory locks of their own (record locks). */
  lock_holders = fd_test_query_value (fixture->connection,
                                      "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' "
                                      "AND database = (SELECT oid FROM pg_database "
                                      "WHERE datname = current_database())");
  g_assert_cmpstr (lock_holders, ==, "0");
}

static void
test_two_migrators_at_once (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(FdConnection) other = fd_test_open_connection (fixture->dbname);
  g_autoptr(GAsyncResult) first = NULL;
  g_autoptr(GAsyncResult) second = NULL;
  g_autoptr(GError) error = NULL;
  guint applied_first = 0;
  guint applied_second = 0;

  fd_migrations_run_async (fixture->connection, NULL, fd_test_store_result_cb, &first);
  fd_migrations_run_async (other, NULL, fd_test_store_result_cb, &second);

  g_assert_true (fd_migrations_run_finish (fd_test_wait_for_result (&first), &applied_first,
                                           &error));
  g_assert_no_error (error);
  g_assert_true (fd_migrations_run_finish (fd_test_wait_for_result (&second), &applied_second,
                                           &error));
  g_assert_no_error (error);

  /* One did the work, the other waited for the lock and found nothing left to do. */
  g_assert_cmpuint (applied_first + applied_second, ==, migration_count ());
  g_assert_true (applied_first == 0 || applied_second == 0);
  g_assert_cmpuint (recorded_versions (fixture->connection), ==, migration_count ());
}

int
main (int   argc,
      char *argv[])
{
  fd_test_init (&argc, &argv);

  g_test_add ("/frontdesk/migrations/fresh-database", Fixture, NULL,
              fixture_setup, test_fresh_database, fixture_teardown);
  g_test_add ("/frontdesk/migrations/second-run-changes-nothing", Fixture, NULL,
              fixture_setup, test_second_run_changes_nothing, fixture_teardown);
  g_test_add ("/frontdesk/migrations/newer-schema-refused", Fixture, NULL,
              fixture_setup, test_newer_schema_refused, fixture_teardown);
  g_test_add ("/frontdesk/migrations/two-migrators-at-once", Fixture, NULL,
              fixture_setup, test_two_migrators_at_once, fixture_teardown);

  return fd_test_run ();
}
