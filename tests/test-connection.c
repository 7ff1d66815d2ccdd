/* test-connection.c: FdConnection against a real PostgreSQL: queries, errors, NOTIFY,
 * cancellation, bad servers, and reconnecting after the server went away.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <signal.h>
#include <string.h>

#include "fd-pg.h"
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
  fixture->dbname = fd_test_create_database (TRUE);
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

static void
test_query_with_parameters (Fixture       *fixture,
                            gconstpointer  data)
{
  const char *params[] = { "2", "40", NULL, "O'Brien; DROP TABLE x" };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(PGresult) pg_result = NULL;
  g_autoptr(GError) error = NULL;

  fd_connection_query_async (fixture->connection,
                             "SELECT $1::int + $2::int, $3::text IS NULL, $4::text",
                             4, params, NULL, fd_test_store_result_cb, &result);
  pg_result = fd_connection_query_finish (fixture->connection,
                                          fd_test_wait_for_result (&result), &error);

  g_assert_no_error (error);
  g_assert_cmpint (PQntuples (pg_result), ==, 1);
  g_assert_cmpstr (PQgetvalue (pg_result, 0, 0), ==, "42");
  g_assert_cmpstr (PQgetvalue (pg_result, 0, 1), ==, "t");
  g_assert_cmpstr (PQgetvalue (pg_result, 0, 2), ==, "O'Brien; DROP TABLE x");
}

static void
test_queries_run_in_order (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GAsyncResult) first = NULL;
  g_autoptr(GAsyncResult) second = NULL;
  g_autoptr(GAsyncResult) third = NULL;
  g_autoptr(PGresult) counted = NULL;
  g_autoptr(GError) error = NULL;
  PGresult *ignored;

  /* Queued in one go, so they run back to back: a transaction of three statements. */
  fd_connection_query_async (fixture->connection, "BEGIN; CREATE TABLE t (n int)", 0, NULL, NULL,
                             fd_test_store_result_cb, &first);
  fd_connection_query_async (fixture->connection, "INSERT INTO t VALUES (1), (2); COMMIT", 0,
                             NULL, NULL, fd_test_store_result_cb, &second);
  fd_connection_query_async (fixture->connection, "SELECT count(*) FROM t", 0, NULL, NULL,
                             fd_test_store_result_cb, &third);

  ignored = fd_connection_query_finish (fixture->connection, fd_test_wait_for_result (&first),
                                        &error);
  g_assert_no_error (error);
  PQclear (ignored);
  ignored = fd_connection_query_finish (fixture->connection, fd_test_wait_for_result (&second),
                                        &error);
  g_assert_no_error (error);
  PQclear (ignored);
  counted = fd_connection_query_finish (fixture->connection, fd_test_wait_for_result (&third),
                                        &error);
  g_assert_no_error (error);
  g_assert_cmpstr (PQgetvalue (counted, 0, 0), ==, "2");
}

static void
assert_query_error (FdConnection *connection,
                    const char   *sql,
                    FdDbError     code,
                    const char   *message_part)
{
  g_autoptr(PGresult) pg_result = NULL;
  g_autoptr(GError) error = NULL;

  pg_result = fd_test_query (connection, sql, &error);
  g_assert_null (pg_result);
  g_assert_error (error, FD_DB_ERROR, code);
  if (message_part != NULL && strstr (error->message, message_part) == NULL)
    g_error ("“%s” does not mention “%s”", error->message, message_part);
}

static void
test_sql_errors_map_to_gerror (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *ignored = NULL;

  ignored = fd_test_query_value (fixture->connection,
                                 "CREATE TABLE person (id int PRIMARY KEY, "
                                 "name text CHECK (length(name) < 5)); "
                                 "INSERT INTO person VALUES (1, 'Ann'); "
                                 "CREATE ROLE frontdesk_test_nobody; SELECT 1");

  assert_query_error (fixture->connection, "INSERT INTO person VALUES (1, 'Bob')",
                      FD_DB_ERROR_CONSTRAINT_VIOLATION, "person_pkey");
  assert_query_error (fixture->connection, "INSERT INTO person VALUES (2, 'Bartholomew')",
                      FD_DB_ERROR_CONSTRAINT_VIOLATION, "person_name_check");
  assert_query_error (fixture->connection, "SELECT 1 / 0", FD_DB_ERROR_INVALID_DATA,
                      "division by zero");
  assert_query_error (fixture->connection, "SELEC 1", FD_DB_ERROR_QUERY, "syntax error");
  assert_query_error (fixture->connection,
                      "DO $$ BEGIN RAISE EXCEPTION 'Ann is on holiday'; END $$",
                      FD_DB_ERROR_REFUSED, "Ann is on holiday");
  assert_query_error (fixture->connection,
                      "SET ROLE frontdesk_test_nobody; SELECT * FROM person",
                      FD_DB_ERROR_PERMISSION_DENIED, "person");

  /* An error inside a multi-statement query ends it; the connection goes on working. */
  g_free (ignored);
  ignored = fd_test_query_value (fixture->connection, "RESET ROLE; SELECT count(*) FROM person");
  g_assert_cmpstr (ignored, ==, "1");

  fd_test_query_value (fixture->connection, "DROP ROLE frontdesk_test_nobody; SELECT 1");
}

typedef struct
{
  char *channel;
  char *payload;
  int   pid;
  guint ticks;
} Received;

static void
notification_cb (FdConnection *connection,
                 const char   *channel,
                 const char   *payload,
                 int           pid,
                 Received     *received)
{
  received->channel = g_strdup (channel);
  received->payload = g_strdup (payload);
  received->pid = pid;
}

static gboolean
tick_cb (gpointer user_data)
{
  Received *received = user_data;

  received->ticks++;
  return G_SOURCE_CONTINUE;
}

static gboolean
notification_arrived (gpointer user_data)
{
  return ((Received *) user_data)->payload != NULL;
}

static void
listen_on (FdConnection *connection,
           const char   *channel)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  fd_connection_listen_async (connection, channel, NULL, fd_test_store_result_cb, &result);
  fd_connection_listen_finish (connection, fd_test_wait_for_result (&result), &error);
  g_assert_no_error (error);
}

static void
send_notify (FdConnection *sender,
             const char   *payload)
{
  const char *params[] = { "frontdesk_test", payload };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(PGresult) pg_result = NULL;
  g_autoptr(GError) error = NULL;

  fd_connection_query_async (sender, "SELECT pg_notify($1, $2)", 2, params, NULL,
                             fd_test_store_result_cb, &result);
  pg_result = fd_connection_query_finish (sender, fd_test_wait_for_result (&result), &error);
  g_assert_no_error (error);
}

static void
received_clear (Received *received)
{
  g_clear_pointer (&received->channel, g_free);
  g_clear_pointer (&received->payload, g_free);
  received->pid = 0;
}

static void
test_notify_while_main_loop_runs (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(FdConnection) sender = fd_test_open_connection (fixture->dbname);
  g_autoptr(GAsyncResult) sent = NULL;
  g_autoptr(PGresult) sent_result = NULL;
  g_autoptr(GError) error = NULL;
  const char *params[] = { "frontdesk_test", "appointment 42 moved" };
  Received received = { 0 };
  guint tick_source;

  g_signal_connect (fixture->connection, "notification::frontdesk_test",
                    G_CALLBACK (notification_cb), &received);
  listen_on (fixture->connection, "frontdesk_test");

  /* The notification comes a little later, at commit; the loop turns meanwhile. */
  tick_source = g_timeout_add (10, tick_cb, &received);
  fd_connection_query_async (sender, "SELECT pg_sleep(0.3), pg_notify($1, $2)", 2, params, NULL,
                             fd_test_store_result_cb, &sent);
  fd_test_wait_until (notification_arrived, &received, "the notification");
  g_source_remove (tick_source);
  sent_result = fd_connection_query_finish (sender, fd_test_wait_for_result (&sent), &error);
  g_assert_no_error (error);

  g_assert_cmpstr (received.channel, ==, "frontdesk_test");
  g_assert_cmpstr (received.payload, ==, "appointment 42 moved");
  g_assert_cmpint (received.pid, ==, fd_connection_get_backend_pid (sender));
  g_assert_cmpuint (received.ticks, >, 0);

  received_clear (&received);
}

static void
test_cancel_running_query (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GCancellable) queued_cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) sleeping = NULL;
  g_autoptr(GAsyncResult) queued = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) queued_error = NULL;
  g_autofree char *after = NULL;
  PGresult *pg_result;
  gint64 started = g_get_monotonic_time ();

  fd_connection_query_async (fixture->connection, "SELECT pg_sleep(30)", 0, NULL, cancellable,
                             fd_test_store_result_cb, &sleeping);
  fd_connection_query_async (fixture->connection, "SELECT 'never'", 0, NULL, queued_cancellable,
                             fd_test_store_result_cb, &queued);
  fd_test_spin (50);
  g_cancellable_cancel (queued_cancellable);
  g_cancellable_cancel (cancellable);

  pg_result = fd_connection_query_finish (fixture->connection,
                                          fd_test_wait_for_result (&sleeping), &error);
  g_assert_null (pg_result);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  pg_result = fd_connection_query_finish (fixture->connection,
                                          fd_test_wait_for_result (&queued), &queued_error);
  g_assert_null (pg_result);
  g_assert_error (queued_error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  /* The server stopped sleeping and the next query is not caught by the cancel. */
  after = fd_test_query_value (fixture->connection, "SELECT 'next'");
  g_assert_cmpstr (after, ==, "next");
  g_assert_cmpint (g_get_monotonic_time () - started, <, 20 * G_USEC_PER_SEC);
}

static void
assert_open_fails (FdConnection *connection,
                   FdDbError     code,
                   const char   *message_part)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  fd_connection_open_async (connection, NULL, fd_test_store_result_cb, &result);
  g_assert_false (fd_connection_open_finish (connection, fd_test_wait_for_result (&result),
                                             &error));
  g_assert_error (error, FD_DB_ERROR, code);
  if (message_part != NULL && strstr (error->message, message_part) == NULL)
    g_error ("“%s” does not mention “%s”", error->message, message_part);
  g_assert_cmpint (fd_connection_get_state (connection), ==, FD_CONNECTION_STATE_CLOSED);
}

static void
test_unreachable_server (void)
{
  const char *tcp_keywords[] = { "host", "port", "dbname", "sslmode", NULL };
  const char *tcp_values[] = { "127.0.0.1", "1", "frontdesk", "disable", NULL };
  g_autoptr(FdConnection) tcp = fd_connection_new (tcp_keywords, tcp_values);
  g_autofree char *empty_dir = fd_test_make_temp_dir ("nosocket");
  g_autoptr(FdConnection) socket = fd_test_connection_new (empty_dir, "nobody", "frontdesk");

  assert_open_fails (tcp, FD_DB_ERROR_SERVER_UNREACHABLE, "127.0.0.1:1");
  assert_open_fails (socket, FD_DB_ERROR_SERVER_UNREACHABLE, empty_dir);

  fd_test_remove_tree (empty_dir);
}

static void
test_wrong_credentials (void)
{
  const char *keywords[] = { "host", "user", "password", "dbname", NULL };
  const char *values[] = { fd_test_server_socket_dir (), "nobody_by_that_name", "wrong password",
                           "postgres", NULL };
  g_autoptr(FdConnection) wrong_password = fd_connection_new (keywords, values);
  g_autoptr(FdConnection) no_password = fd_test_connection_new (fd_test_server_socket_dir (),
                                                                "nobody_by_that_name",
                                                                "postgres");

  assert_open_fails (wrong_password, FD_DB_ERROR_AUTHENTICATION_FAILED, "nobody_by_that_name");
  assert_open_fails (no_password, FD_DB_ERROR_PASSWORD_REQUIRED, "needs a password");
}

static void
test_database_missing (void)
{
  g_autoptr(FdConnection) connection = fd_test_connection_new (fd_test_server_socket_dir (),
                                                               fd_test_server_user (),
                                                               "no_such_practice");

  assert_open_fails (connection, FD_DB_ERROR_DATABASE_MISSING, "no_such_practice");
}

static gboolean
connection_is_lost (gpointer user_data)
{
  return fd_connection_get_state (user_data) == FD_CONNECTION_STATE_LOST;
}

static gboolean
flag_is_set (gpointer user_data)
{
  return *(gboolean *) user_data;
}

static void
set_flag_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
}

static void
test_lost_backend_fails_query_and_reconnects (Fixture       *fixture,
                                              gconstpointer  data)
{
  g_autoptr(FdConnection) killer = fd_test_open_connection (fixture->dbname);
  g_autoptr(GAsyncResult) sleeping = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pid = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *value = NULL;
  g_autofree char *killed = NULL;
  gboolean reconnected = FALSE;
  PGresult *pg_result;

  g_signal_connect_swapped (fixture->connection, "reconnected", G_CALLBACK (set_flag_cb),
                            &reconnected);

  pid = g_strdup_printf ("%d", fd_connection_get_backend_pid (fixture->connection));
  fd_connection_query_async (fixture->connection, "SELECT pg_sleep(30)", 0, NULL, NULL,
                             fd_test_store_result_cb, &sleeping);
  fd_test_spin (50);
  sql = g_strdup_printf ("SELECT pg_terminate_backend(%s)", pid);
  killed = fd_test_query_value (killer, sql);
  g_assert_cmpstr (killed, ==, "t");

  pg_result = fd_connection_query_finish (fixture->connection,
                                          fd_test_wait_for_result (&sleeping), &error);
  g_assert_null (pg_result);
  g_assert_error (error, FD_DB_ERROR, FD_DB_ERROR_CONNECTION_LOST);

  fd_test_wait_until (flag_is_set, &reconnected, "the reconnect");
  g_assert_cmpint (fd_connection_get_state (fixture->connection), ==,
                   FD_CONNECTION_STATE_READY);
  value = fd_test_query_value (fixture->connection, "SELECT 'back'");
  g_assert_cmpstr (value, ==, "back");
}

static void
test_reconnect_after_server_restart (void)
{
  g_autofree char *folder = fd_test_make_temp_dir ("restart");
  g_autoptr(FdEmbeddedServer) server = fd_test_start_private_server (folder);
  g_autoptr(FdEmbeddedServer) restarted = NULL;
  g_autoptr(FdConnection) connection = NULL;
  g_autoptr(FdConnection) sender = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;
  Received received = { 0 };
  gboolean reconnected = FALSE;

  connection = fd_test_connection_new (fd_embedded_server_get_socket_dir (server),
                                       fd_embedded_server_get_user (server), "postgres");
  fd_connection_open_async (connection, NULL, fd_test_store_result_cb, &result);
  fd_connection_open_finish (connection, fd_test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  g_signal_connect (connection, "notification::frontdesk_test", G_CALLBACK (notification_cb),
                    &received);
  g_signal_connect_swapped (connection, "reconnected", G_CALLBACK (set_flag_cb), &reconnected);
  listen_on (connection, "frontdesk_test");

  fd_embedded_server_stop (server);
  fd_test_wait_until (connection_is_lost, connection, "the connection to be lost");

  /* A query while the server is away fails at once, with words a person can act on. */
  g_assert_null (fd_test_query (connection, "SELECT 1", &error));
  g_assert_error (error, FD_DB_ERROR, FD_DB_ERROR_CONNECTION_LOST);
  g_clear_error (&error);

  restarted = fd_test_start_private_server (folder);
  fd_test_wait_until (flag_is_set, &reconnected, "the reconnect");

  value = fd_test_query_value (connection, "SELECT 'after restart'");
  g_assert_cmpstr (value, ==, "after restart");

  /* LISTEN was renewed on the new backend. */
  sender = fd_test_connection_new (fd_embedded_server_get_socket_dir (restarted),
                                   fd_embedded_server_get_user (restarted), "postgres");
  fd_connection_open_async (sender, NULL, fd_test_store_result_cb, &result);
  fd_connection_open_finish (sender, fd_test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  send_notify (sender, "still listening");
  fd_test_wait_until (notification_arrived, &received, "a notification after the restart");
  g_assert_cmpstr (received.payload, ==, "still listening");

  received_clear (&received);
  g_clear_object (&sender);
  g_clear_object (&connection);
  fd_embedded_server_stop (restarted);
  fd_test_remove_tree (folder);
}

int
main (int   argc,
      char *argv[])
{
  fd_test_init (&argc, &argv);

  g_test_add ("/frontdesk/connection/query-with-parameters", Fixture, NULL,
              fixture_setup, test_query_with_parameters, fixture_teardown);
  g_test_add ("/frontdesk/connection/queries-run-in-order", Fixture, NULL,
              fixture_setup, test_queries_run_in_order, fixture_teardown);
  g_test_add ("/frontdesk/connection/sql-errors-map-to-gerror", Fixture, NULL,
              fixture_setup, test_sql_errors_map_to_gerror, fixture_teardown);
  g_test_add ("/frontdesk/connection/notify-while-main-loop-runs", Fixture, NULL,
              fixture_setup, test_notify_while_main_loop_runs, fixture_teardown);
  g_test_add ("/frontdesk/connection/cancel-running-query", Fixture, NULL,
              fixture_setup, test_cancel_running_query, fixture_teardown);
  g_test_add_func ("/frontdesk/connection/unreachable-server", test_unreachable_server);
  g_test_add_func ("/frontdesk/connection/wrong-credentials", test_wrong_credentials);
  g_test_add_func ("/frontdesk/connection/database-missing", test_database_missing);
  g_test_add ("/frontdesk/connection/lost-backend-fails-query-and-reconnects", Fixture, NULL,
              fixture_setup, test_lost_backend_fails_query_and_reconnects, fixture_teardown);
  g_test_add_func ("/frontdesk/connection/reconnect-after-server-restart",
                   test_reconnect_after_server_restart);

  return fd_test_run ();
}
