/* test-embedded-server.c: the built-in PostgreSQL: first start, reuse, the last user
 * stopping it, recovery after a crash, and the folders it must refuse.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fd-test-server.h"

typedef FdTestFolder Fixture;

static gboolean
start_server (FdEmbeddedServer  *server,
              GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  fd_embedded_server_set_throwaway (server, TRUE);
  fd_embedded_server_start_async (server, NULL, fd_test_store_result_cb, &result);
  return fd_embedded_server_start_finish (server, fd_test_wait_for_result (&result), error);
}

static void
assert_accepts_queries (FdEmbeddedServer *server)
{
  g_autoptr(FdConnection) connection = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;

  connection = fd_test_connection_new (fd_embedded_server_get_socket_dir (server),
                                       fd_embedded_server_get_user (server), "postgres");
  fd_connection_open_async (connection, NULL, fd_test_store_result_cb, &result);
  fd_connection_open_finish (connection, fd_test_wait_for_result (&result), &error);
  g_assert_no_error (error);

  value = fd_test_query_value (connection, "SELECT current_setting('listen_addresses')");
  g_assert_cmpstr (value, ==, "");
}

static void
test_first_start (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(FdEmbeddedServer) server = fd_embedded_server_new (fixture->folder);
  g_autoptr(GError) error = NULL;
  g_autofree char *version = g_build_filename (fixture->folder, "cluster", "PG_VERSION", NULL);
  g_autofree char *socket = NULL;
  GStatBuf socket_dir_stat;

  g_assert_true (start_server (server, &error));
  g_assert_no_error (error);
  g_assert_true (fd_embedded_server_get_created (server));
  g_assert_false (fd_embedded_server_get_reused (server));
  g_assert_cmpint (fd_embedded_server_get_pid (server), >, 0);
  g_assert_true (g_file_test (version, G_FILE_TEST_IS_REGULAR));

  /* A Unix socket in a folder only this account may enter, and no TCP at all. */
  socket = g_build_filename (fd_embedded_server_get_socket_dir (server), ".s.PGSQL.5432", NULL);
  g_assert_true (g_file_test (socket, G_FILE_TEST_EXISTS));
  g_assert_cmpint (g_stat (fd_embedded_server_get_socket_dir (server), &socket_dir_stat), ==, 0);
  g_assert_cmpint (socket_dir_stat.st_mode & 0777, ==, 0700);
  assert_accepts_queries (server);
}

static void
test_reuse_and_last_user_stops (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(FdEmbeddedServer) first = fd_embedded_server_new (fixture->folder);
  g_autoptr(FdEmbeddedServer) second = fd_embedded_server_new (fixture->folder);
  g_autoptr(GError) error = NULL;
  GPid pid;

  g_assert_true (start_server (first, &error));
  pid = fd_embedded_server_get_pid (first);

  g_assert_true (start_server (second, &error));
  g_assert_no_error (error);
  g_assert_true (fd_embedded_server_get_reused (second));
  g_assert_false (fd_embedded_server_get_created (second));
  g_assert_cmpint (fd_embedded_server_get_pid (second), ==, pid);

  /* The first user leaves: the second still works. */
  g_assert_false (fd_embedded_server_release (first));
  fd_test_spin (200);
  g_assert_false (fd_test_process_gone (GINT_TO_POINTER (pid)));
  assert_accepts_queries (second);

  /* The last one leaves: the server stops. */
  g_assert_true (fd_embedded_server_release (second));
  fd_test_wait_until (fd_test_process_gone, GINT_TO_POINTER (pid), "the server to stop");
}

static void
test_recovers_after_crash (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(FdEmbeddedServer) crashed = fd_embedded_server_new (fixture->folder);
  g_autoptr(FdEmbeddedServer) recovered = fd_embedded_server_new (fixture->folder);
  g_autoptr(GError) error = NULL;
  g_autofree char *pid_file = g_build_filename (fixture->folder, "cluster", "postmaster.pid",
                                                NULL);
  GPid pid;

  g_assert_true (start_server (crashed, &error));
  pid = fd_embedded_server_get_pid (crashed);
  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
  fd_test_wait_until (fd_test_process_gone, GINT_TO_POINTER (pid), "the server to die");
  g_assert_true (g_file_test (pid_file, G_FILE_TEST_EXISTS));

  g_assert_true (start_server (recovered, &error));
  g_assert_no_error (error);
  g_assert_false (fd_embedded_server_get_reused (recovered));
  g_assert_cmpint (fd_embedded_server_get_pid (recovered), !=, pid);
  assert_accepts_queries (recovered);
}

static void
test_stale_pid_of_another_process (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(FdEmbeddedServer) server = fd_embedded_server_new (fixture->folder);
  g_autoptr(FdEmbeddedServer) again = fd_embedded_server_new (fixture->folder);
  g_autoptr(GError) error = NULL;
  g_autofree char *pid_file = g_build_filename (fixture->folder, "cluster", "postmaster.pid",
                                                NULL);
  g_autofree char *contents = NULL;

  g_assert_true (start_server (server, &error));
  fd_embedded_server_stop (server);

  /* After a reboot the pid in a leftover file can belong to any live process: this one. */
  contents = g_strdup_printf ("%d\n%s/cluster\n1700000000\n5432\n%s/run\n\n  5432001  0\nready   \n",
                              getpid (), fixture->folder, fixture->folder);
  g_assert_true (g_file_set_contents (pid_file, contents, -1, &error));

  g_assert_true (start_server (again, &error));
  g_assert_no_error (error);
  g_assert_false (fd_embedded_server_get_reused (again));
  g_assert_cmpint (fd_embedded_server_get_pid (again), !=, getpid ());
  assert_accepts_queries (again);
}

static void
assert_start_fails (const char            *folder,
                    FdEmbeddedServerError  code,
                    const char            *message_part)
{
  g_autoptr(FdEmbeddedServer) server = fd_embedded_server_new (folder);
  g_autoptr(GError) error = NULL;

  g_assert_false (start_server (server, &error));
  g_assert_error (error, FD_EMBEDDED_SERVER_ERROR, code);
  if (message_part != NULL && strstr (error->message, message_part) == NULL)
    g_error ("“%s” does not mention “%s”", error->message, message_part);
}

static void
test_folder_not_writable (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *file = g_build_filename (fixture->folder, "a-file", NULL);
  g_autofree char *under_file = g_build_filename (file, "database", NULL);
  g_autofree char *locked = g_build_filename (fixture->folder, "locked", NULL);
  g_autofree char *under_locked = g_build_filename (locked, "database", NULL);
  g_autoptr(GError) error = NULL;

  /* Even root cannot make a folder inside a file. */
  g_assert_true (g_file_set_contents (file, "not a folder", -1, &error));
  assert_start_fails (under_file, FD_EMBEDDED_SERVER_ERROR_FOLDER_NOT_WRITABLE, under_file);

  /* Permissions stop everybody else; root is not stopped by them. */
  if (geteuid () != 0)
    {
      g_assert_cmpint (g_mkdir (locked, 0500), ==, 0);
      assert_start_fails (under_locked, FD_EMBEDDED_SERVER_ERROR_FOLDER_NOT_WRITABLE,
                          under_locked);
      g_chmod (locked, 0700);
    }
}

static void
test_cluster_of_other_major_version (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autofree char *cluster = g_build_filename (fixture->folder, "cluster", NULL);
  g_autofree char *version = g_build_filename (cluster, "PG_VERSION", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (cluster, 0700), ==, 0);
  g_assert_true (g_file_set_contents (version, "11\n", -1, &error));

  assert_start_fails (fixture->folder, FD_EMBEDDED_SERVER_ERROR_VERSION_MISMATCH,
                      "PostgreSQL 11");
  g_assert_true (g_file_test (version, G_FILE_TEST_EXISTS));
}

static void
test_folder_with_other_files (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *cluster = g_build_filename (fixture->folder, "cluster", NULL);
  g_autofree char *letter = g_build_filename (cluster, "letter.txt", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (cluster, 0700), ==, 0);
  g_assert_true (g_file_set_contents (letter, "Dear practice", -1, &error));

  assert_start_fails (fixture->folder, FD_EMBEDDED_SERVER_ERROR_NOT_A_CLUSTER, cluster);
  g_assert_true (g_file_test (letter, G_FILE_TEST_EXISTS));
}

static void
test_programs_missing (Fixture       *fixture,
                       gconstpointer  data)
{
  g_setenv ("FRONTDESK_POSTGRESQL_BINDIR", "/nonexistent/postgresql/bin", TRUE);
  assert_start_fails (fixture->folder, FD_EMBEDDED_SERVER_ERROR_PROGRAMS_MISSING,
                      "/nonexistent/postgresql/bin");
  g_unsetenv ("FRONTDESK_POSTGRESQL_BINDIR");
}

int
main (int   argc,
      char *argv[])
{
  fd_test_init (&argc, &argv);

  g_test_add ("/frontdesk/embedded-server/first-start", Fixture, NULL,
              fd_test_folder_setup, test_first_start, fd_test_folder_teardown);
  g_test_add ("/frontdesk/embedded-server/reuse-and-last-user-stops", Fixture, NULL,
              fd_test_folder_setup, test_reuse_and_last_user_stops, fd_test_folder_teardown);
  g_test_add ("/frontdesk/embedded-server/recovers-after-crash", Fixture, NULL,
              fd_test_folder_setup, test_recovers_after_crash, fd_test_folder_teardown);
  g_test_add ("/frontdesk/embedded-server/stale-pid-of-another-process", Fixture, NULL,
              fd_test_folder_setup, test_stale_pid_of_another_process, fd_test_folder_teardown);
  g_test_add ("/frontdesk/embedded-server/folder-not-writable", Fixture, NULL,
              fd_test_folder_setup, test_folder_not_writable, fd_test_folder_teardown);
  g_test_add ("/frontdesk/embedded-server/cluster-of-other-major-version", Fixture, NULL,
              fd_test_folder_setup, test_cluster_of_other_major_version, fd_test_folder_teardown);
  g_test_add ("/frontdesk/embedded-server/folder-with-other-files", Fixture, NULL,
              fd_test_folder_setup, test_folder_with_other_files, fd_test_folder_teardown);
  g_test_add ("/frontdesk/embedded-server/programs-missing", Fixture, NULL,
              fd_test_folder_setup, test_programs_missing, fd_test_folder_teardown);

  return fd_test_run ();
}
