/* test-database.c: FdDatabase, which opens the practice database the way the program does:
 * the built-in server on first start and when shared by two processes, and a bad server.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <signal.h>
#include <string.h>

#include "fd-database.h"
#include "fd-migrations.h"
#include "fd-test-server.h"

typedef FdTestFolder Fixture;

static FdDatabase *
new_embedded_database (const char *folder)
{
  g_autoptr(FdServerConfig) config = fd_server_config_new ();

  config->data_folder = g_strdup (folder);
  return fd_database_new (config);
}

static void
record_progress_cb (FdDatabase *database,
                    const char *message,
                    GPtrArray  *messages)
{
  g_ptr_array_add (messages, g_strdup (message));
}

static gboolean
open_database (FdDatabase  *database,
               GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  fd_database_open_async (database, NULL, fd_test_store_result_cb, &result);
  return fd_database_open_finish (database, fd_test_wait_for_result (&result), error);
}

static gboolean
has_message (GPtrArray  *messages,
             const char *part)
{
  for (guint i = 0; i < messages->len; i++)
    {
      if (strstr (g_ptr_array_index (messages, i), part) != NULL)
        return TRUE;
    }
  return FALSE;
}

static void
test_embedded_first_start (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(FdDatabase) database = new_embedded_database (fixture->folder);
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *dbname = NULL;

  g_signal_connect (database, "progress", G_CALLBACK (record_progress_cb), messages);
  g_assert_cmpint (fd_database_get_phase (database), ==, FD_DATABASE_PHASE_IDLE);

  g_assert_true (open_database (database, &error));
  g_assert_no_error (error);

  /* What the window shows while a first start takes its time. */
  g_assert_true (has_message (messages, "Creating the practice database (first start)"));
  g_assert_true (has_message (messages, "Checking the database layout"));

  g_assert_cmpint (fd_database_get_phase (database), ==, FD_DATABASE_PHASE_READY);
  g_assert_true (fd_embedded_server_get_created (fd_database_get_embedded_server (database)));
  g_assert_cmpuint (fd_database_get_schema_version (database), ==,
                    fd_migrations_get_latest_version ());
  g_assert_cmpstr (fd_database_get_practice_name (database), !=, "");
  g_assert_nonnull (fd_database_get_last_refresh (database));

  dbname = fd_test_query_value (fd_database_get_connection (database), "SELECT current_database()");
  g_assert_cmpstr (dbname, ==, "frontdesk");
}

static void
test_embedded_shared_by_two (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(FdDatabase) first = new_embedded_database (fixture->folder);
  g_autoptr(FdDatabase) second = new_embedded_database (fixture->folder);
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;
  GPid pid;

  g_assert_true (open_database (first, &error));
  g_assert_true (open_database (second, &error));
  g_assert_no_error (error);
  g_assert_true (fd_embedded_server_get_reused (fd_database_get_embedded_server (second)));
  pid = fd_embedded_server_get_pid (fd_database_get_embedded_server (second));

  fd_database_close (first);
  value = fd_test_query_value (fd_database_get_connection (second), "SELECT 'still here'");
  g_assert_cmpstr (value, ==, "still here");

  fd_database_close (second);
  fd_test_wait_until (fd_test_process_gone, GINT_TO_POINTER (pid), "the last user to stop the server");
}

static void
test_unreachable_server (void)
{
  g_autoptr(FdServerConfig) config = fd_server_config_new ();
  g_autoptr(FdDatabase) database = NULL;
  g_autoptr(GError) error = NULL;

  g_free (config->host);
  config->host = g_strdup ("127.0.0.1");
  config->port = 1;
  database = fd_database_new (config);

  g_assert_false (open_database (database, &error));
  g_assert_error (error, FD_DB_ERROR, FD_DB_ERROR_SERVER_UNREACHABLE);
  g_assert_cmpint (fd_database_get_phase (database), ==, FD_DATABASE_PHASE_FAILED);
  g_assert_cmpstr (fd_database_get_error (database)->message, ==, error->message);
  g_assert_cmpstr (fd_database_get_description (database), ==, "frontdesk@127.0.0.1:1");
}

int
main (int   argc,
      char *argv[])
{
  fd_test_init (&argc, &argv);

  g_test_add ("/frontdesk/database/embedded-first-start", Fixture, NULL,
              fd_test_folder_setup, test_embedded_first_start, fd_test_folder_teardown);
  g_test_add ("/frontdesk/database/embedded-shared-by-two", Fixture, NULL,
              fd_test_folder_setup, test_embedded_shared_by_two, fd_test_folder_teardown);
  g_test_add_func ("/frontdesk/database/unreachable-server", test_unreachable_server);

  return fd_test_run ();
}
