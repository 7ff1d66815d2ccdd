/* fd-test-server.c: the throwaway PostgreSQL the tests run against, a fresh database per
 * test cloned from a migrated template, and helpers to wait on the main loop.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * tools/test starts one server for the whole run (frontdesk-test-server) and names it in
 * FRONTDESK_TEST_SOCKET_DIR and FRONTDESK_TEST_USER. A test program started on its own
 * starts a private one instead.
 */
#include <glib/gstdio.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "fd-migrations.h"
#include "fd-pg.h"
#include "fd-test-server.h"

/* Any constants; they serialise template creation, and DROP DATABASE (two at once can wait
 * for each other's ProcSignalBarrier for ever on PostgreSQL 15), across test programs. */
#define TEMPLATE_LOCK_KEY "7336189999"
#define DROP_LOCK_KEY     "7336189998"

static char *server_socket_dir;
static char *server_user;
static char *private_folder;
static FdEmbeddedServer *private_server;
static guint database_counter;

/* Waiting ---------------------------------------------------------------------------------- */

static gboolean
tick_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/* Blocks in the main loop, so a reply or a notification is seen the moment its socket
 * turns readable (a sleep between turns added up to a millisecond to every measurement).
 * A tick wakes the loop every millisecond for conditions no source announces: a process
 * ending, time passing. */
void
fd_test_wait_until (FdTestCondition  condition,
                    gpointer         user_data,
                    const char      *what)
{
  gint64 deadline = g_get_monotonic_time () + FD_TEST_TIMEOUT_MS * 1000;
  guint tick = 0;

  while (!condition (user_data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out waiting for %s", what);
      if (tick == 0)
        tick = g_timeout_add (1, tick_cb, NULL);
      g_main_context_iteration (NULL, TRUE);
    }
  g_clear_handle_id (&tick, g_source_remove);
}

static gboolean
slot_filled (gpointer user_data)
{
  return *(GAsyncResult **) user_data != NULL;
}

void
fd_test_store_result_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  g_assert_null (*slot);
  *slot = g_object_ref (result);
}

/**
 * fd_test_wait_for_result:
 * @slot: where fd_test_store_result_cb() puts the result
 *
 * Returns: (transfer full): the result, once it arrived
 */
GAsyncResult *
fd_test_wait_for_result (GAsyncResult **slot)
{
  fd_test_wait_until (slot_filled, slot, "an asynchronous result");
  return g_steal_pointer (slot);
}

static gboolean
time_passed (gpointer user_data)
{
  return g_get_monotonic_time () >= *(gint64 *) user_data;
}

/* For qsort() of measurements, in the benchmarks. */
int
fd_test_compare_doubles (const void *a,
                         const void *b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

void
fd_test_spin (guint milliseconds)
{
  gint64 until = g_get_monotonic_time () + (gint64) milliseconds * 1000;

  fd_test_wait_until (time_passed, &until, "time to pass");
}

/**
 * fd_test_process_gone:
 * @pid: a process id, as GINT_TO_POINTER()
 *
 * Returns: whether the process has ended; a child not yet reaped counts as ended
 */
gboolean
fd_test_process_gone (gpointer pid)
{
  g_autofree char *stat_path = g_strdup_printf ("/proc/%d/stat", GPOINTER_TO_INT (pid));
  g_autofree char *stat = NULL;

  if (kill (GPOINTER_TO_INT (pid), 0) != 0)
    return errno == ESRCH;
  return g_file_get_contents (stat_path, &stat, NULL, NULL) && strstr (stat, ") Z ") != NULL;
}

/* Files ------------------------------------------------------------------------------------ */

/* /dev/shm makes initdb and every commit cheap. */
char *
fd_test_make_temp_dir (const char *name)
{
  g_autofree char *template = NULL;
  g_autoptr(GError) error = NULL;
  char *path;

  template = g_strdup_printf ("frontdesk-%s-XXXXXX", name);
  if (g_file_test ("/dev/shm", G_FILE_TEST_IS_DIR) && g_access ("/dev/shm", W_OK) == 0)
    {
      g_autofree char *full = g_build_filename ("/dev/shm", template, NULL);

      path = g_mkdtemp (g_steal_pointer (&full));
      if (path != NULL)
        return path;
    }

  path = g_dir_make_tmp (template, &error);
  g_assert_no_error (error);
  return path;
}

void
fd_test_remove_tree (const char *path)
{
  g_autoptr(GSubprocess) rm = NULL;
  g_autoptr(GError) error = NULL;

  if (path == NULL)
    return;

  rm = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, "rm", "-rf", "--", path, NULL);
  g_assert_no_error (error);
  g_subprocess_wait_check (rm, NULL, &error);
  g_assert_no_error (error);
}

/* Servers and databases -------------------------------------------------------------------- */

/**
 * fd_test_start_private_server:
 *
 * Returns: (transfer full): a throwaway server of the test's own, started
 */
FdEmbeddedServer *
fd_test_start_private_server (const char *folder)
{
  g_autoptr(FdEmbeddedServer) server = fd_embedded_server_new (folder);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  fd_embedded_server_set_throwaway (server, TRUE);
  fd_embedded_server_start_async (server, NULL, fd_test_store_result_cb, &result);
  fd_embedded_server_start_finish (server, fd_test_wait_for_result (&result), &error);
  g_assert_no_error (error);

  return g_steal_pointer (&server);
}

void
fd_test_folder_setup (FdTestFolder  *fixture,
                      gconstpointer  data)
{
  fixture->folder = fd_test_make_temp_dir ("folder");
}

void
fd_test_folder_teardown (FdTestFolder  *fixture,
                         gconstpointer  data)
{
  g_autoptr(FdEmbeddedServer) server = fd_embedded_server_new (fixture->folder);

  /* Whatever a test left running goes, and so does its folder. */
  fd_embedded_server_stop (server);
  fd_test_remove_tree (fixture->folder);
  g_free (fixture->folder);
}

static void
ensure_server (void)
{
  const char *socket_dir = g_getenv ("FRONTDESK_TEST_SOCKET_DIR");
  const char *user = g_getenv ("FRONTDESK_TEST_USER");

  if (server_socket_dir != NULL)
    return;

  if (socket_dir != NULL && user != NULL)
    {
      server_socket_dir = g_strdup (socket_dir);
      server_user = g_strdup (user);
      return;
    }

  private_folder = fd_test_make_temp_dir ("server");
  private_server = fd_test_start_private_server (private_folder);
  server_socket_dir = g_strdup (fd_embedded_server_get_socket_dir (private_server));
  server_user = g_strdup (fd_embedded_server_get_user (private_server));
}

const char *
fd_test_server_socket_dir (void)
{
  ensure_server ();
  return server_socket_dir;
}

const char *
fd_test_server_user (void)
{
  ensure_server ();
  return server_user;
}

static PGconn *
connect_blocking (const char *dbname)
{
  const char *keywords[] = { "host", "user", "dbname", NULL };
  const char *values[] = { fd_test_server_socket_dir (), fd_test_server_user (), dbname, NULL };
  PGconn *conn = PQconnectdbParams (keywords, values, 0);

  if (PQstatus (conn) != CONNECTION_OK)
    g_error ("Cannot connect to the test server: %s", PQerrorMessage (conn));

  return conn;
}

static void
exec_blocking (PGconn             *conn,
               const char         *sql,
               int                 n_params,
               const char * const *params)
{
  g_autoptr(PGresult) result = PQexecParams (conn, sql, n_params, NULL, params, NULL, NULL, 0);

  if (PQresultStatus (result) != PGRES_COMMAND_OK && PQresultStatus (result) != PGRES_TUPLES_OK)
    g_error ("Test setup “%s” failed: %s", sql, PQresultErrorMessage (result));
}

static gboolean
database_exists (PGconn     *conn,
                 const char *dbname)
{
  const char *params[] = { dbname };
  g_autoptr(PGresult) result = PQexecParams (conn,
                                             "SELECT 1 FROM pg_database WHERE datname = $1",
                                             1, NULL, params, NULL, NULL, 0);

  return PQntuples (result) == 1;
}

static void
create_database_blocking (PGconn     *conn,
                          const char *dbname,
                          const char *template)
{
  const char *params[] = { dbname, template };
  g_autoptr(PGresult) statement = NULL;

  statement = PQexecParams (conn,
                            "SELECT format('CREATE DATABASE %I TEMPLATE %I STRATEGY FILE_COPY', "
                            "$1::text, $2::text)",
                            2, NULL, params, NULL, NULL, 0);
  exec_blocking (conn, PQgetvalue (statement, 0, 0), 0, NULL);
}

static void
migrate (const char *dbname)
{
  g_autoptr(FdConnection) connection = fd_test_open_connection (dbname);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  fd_migrations_run_async (connection, NULL, fd_test_store_result_cb, &result);
  fd_migrations_run_finish (fd_test_wait_for_result (&result), NULL, &error);
  g_assert_no_error (error);
  fd_connection_close (connection);
}

/* Built once per server and schema version, by whichever test program comes first. */
static char *
ensure_template (PGconn *conn)
{
  const char *lock_params[] = { TEMPLATE_LOCK_KEY };
  char *template = g_strdup_printf ("frontdesk_template_%u", fd_migrations_get_latest_version ());
  g_autofree char *building = g_strconcat (template, "_building", NULL);
  const char *rename_params[] = { building, template };
  g_autoptr(PGresult) rename = NULL;

  exec_blocking (conn, "SELECT pg_advisory_lock($1::bigint)", 1, lock_params);
  if (!database_exists (conn, template))
    {
      if (database_exists (conn, building))
        {
          const char *drop_params[] = { building };
          g_autoptr(PGresult) drop = PQexecParams (conn,
                                                   "SELECT format('DROP DATABASE %I', $1::text)",
                                                   1, NULL, drop_params, NULL, NULL, 0);
          exec_blocking (conn, PQgetvalue (drop, 0, 0), 0, NULL);
        }
      create_database_blocking (conn, building, "template0");
      migrate (building);
      rename = PQexecParams (conn, "SELECT format('ALTER DATABASE %I RENAME TO %I', $1::text, "
                             "$2::text)", 2, NULL, rename_params, NULL, NULL, 0);
      exec_blocking (conn, PQgetvalue (rename, 0, 0), 0, NULL);
    }
  exec_blocking (conn, "SELECT pg_advisory_unlock($1::bigint)", 1, lock_params);

  return template;
}

/**
 * fd_test_create_database:
 * @migrated: a copy of the migrated template, or an empty database
 *
 * Returns: (transfer full): the new database's name
 */
char *
fd_test_create_database (gboolean migrated)
{
  PGconn *conn = connect_blocking ("postgres");
  g_autofree char *template = NULL;
  char *dbname;

  dbname = g_strdup_printf ("frontdesk_test_%d_%u", getpid (), ++database_counter);
  template = migrated ? ensure_template (conn) : g_strdup ("template0");
  create_database_blocking (conn, dbname, template);
  PQfinish (conn);

  return dbname;
}

/* Asynchronous, with the main loop turning: a connection of this process that is still
 * signing in (a reconnect after its database went) must be able to finish, or the DROP
 * would wait for its backend for ever. */
void
fd_test_drop_database (const char *dbname)
{
  g_autoptr(FdConnection) connection = fd_test_open_connection ("postgres");
  const char *lock_params[] = { DROP_LOCK_KEY };
  const char *params[] = { dbname };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(PGresult) locked = NULL;
  g_autoptr(PGresult) statement = NULL;
  g_autoptr(PGresult) dropped = NULL;
  g_autoptr(GError) error = NULL;

  fd_connection_query_async (connection, "SELECT pg_advisory_lock($1::bigint)", 1, lock_params,
                             NULL, fd_test_store_result_cb, &result);
  locked = fd_connection_query_finish (connection, fd_test_wait_for_result (&result), &error);
  g_assert_no_error (error);

  fd_connection_query_async (connection, "SELECT format('DROP DATABASE IF EXISTS %I WITH (FORCE)', "
                             "$1::text)", 1, params, NULL, fd_test_store_result_cb, &result);
  statement = fd_connection_query_finish (connection, fd_test_wait_for_result (&result), &error);
  g_assert_no_error (error);

  dropped = fd_test_query (connection, PQgetvalue (statement, 0, 0), &error);
  g_assert_no_error (error);
  fd_connection_close (connection);
}

FdConnection *
fd_test_connection_new (const char *socket_dir,
                        const char *user,
                        const char *dbname)
{
  const char *keywords[] = { "host", "user", "dbname", NULL };
  const char *values[] = { socket_dir, user, dbname, NULL };

  return fd_connection_new (keywords, values);
}

/* Opens @connection, which must succeed. Returns: (transfer full): @connection, ready */
static FdConnection *
open_ready (FdConnection *connection)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  fd_connection_open_async (connection, NULL, fd_test_store_result_cb, &result);
  fd_connection_open_finish (connection, fd_test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  return connection;
}

/**
 * fd_test_open_connection:
 *
 * Returns: (transfer full): a ready connection to @dbname on the test server
 */
FdConnection *
fd_test_open_connection (const char *dbname)
{
  return open_ready (fd_test_connection_new (fd_test_server_socket_dir (),
                                             fd_test_server_user (), dbname));
}

/**
 * fd_test_query:
 *
 * Runs @sql and waits for it on the main loop.
 *
 * Returns: (transfer full) (nullable): the result, %NULL with @error set on failure
 */
PGresult *
fd_test_query (FdConnection  *connection,
               const char    *sql,
               GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  fd_connection_query_async (connection, sql, 0, NULL, NULL, fd_test_store_result_cb, &result);
  return fd_connection_query_finish (connection, fd_test_wait_for_result (&result), error);
}

/**
 * fd_test_query_value:
 *
 * Returns: (transfer full): the first value of the first row of @sql, which must succeed
 */
char *
fd_test_query_value (FdConnection *connection,
                     const char   *sql)
{
  g_autoptr(PGresult) result = NULL;
  g_autoptr(GError) error = NULL;

  result = fd_test_query (connection, sql, &error);
  g_assert_no_error (error);
  g_assert_cmpint (PQntuples (result), >=, 1);

  return g_strdup (PQgetvalue (result, 0, 0));
}

typedef struct
{
  FdConnection *connection;
  const char   *sql;
  const char   *expected;
} ValueWait;

static gboolean
value_is (gpointer user_data)
{
  ValueWait *wait = user_data;
  g_autofree char *value = fd_test_query_value (wait->connection, wait->sql);

  return g_strcmp0 (value, wait->expected) == 0;
}

/* Waits until @sql's one value is @expected, as another desk's save makes it. */
void
fd_test_wait_for_value (FdConnection *connection,
                        const char   *sql,
                        const char   *expected)
{
  ValueWait wait = { connection, sql, expected };

  fd_test_wait_until (value_is, &wait, expected);
}

/**
 * fd_test_book_overlap:
 * @first: (out) (optional): the id of the appointment booked first
 *
 * Books two appointments in one operatory at once, 30 days ahead, as no constraint stops:
 * an hour for client 1 at 10:00 and half an hour for client 2 at 10:30.
 *
 * Returns: the id of the second, the one the integrity check reports
 */
char *
fd_test_book_overlap (FdConnection  *owner,
                      char         **first)
{
  g_autofree char *first_id = NULL;
  g_autofree char *sql = NULL;

  first_id = fd_test_query_value (owner,
                                  "INSERT INTO frontdesk.appointments (client_id, provider_id, "
                                  "operatory_id, starts_at, length_minutes) "
                                  "SELECT 1, min(p.id), min(o.id), date_trunc('day', now()) + "
                                  "interval '30 days 10 hours', 60 "
                                  "FROM frontdesk.providers p, frontdesk.operatories o "
                                  "RETURNING id");
  if (first != NULL)
    *first = g_strdup (first_id);
  sql = g_strdup_printf ("INSERT INTO frontdesk.appointments (client_id, provider_id, "
                         "operatory_id, starts_at, length_minutes) "
                         "SELECT 2, provider_id, operatory_id, starts_at + interval '30 minutes', "
                         "30 FROM frontdesk.appointments WHERE id = %s RETURNING id", first_id);
  return fd_test_query_value (owner, sql);
}

/* Staff ------------------------------------------------------------------------------------ */

static guint staff_counter;

char *
fd_test_staff_password (const char *login)
{
  return g_strdup_printf ("secret-of-%s", login);
}

/**
 * fd_test_create_staff:
 *
 * Returns: (transfer full): a new staff login on the test server (an administrator if
 *   @admin), whose password is fd_test_staff_password(); logins belong to the server, so
 *   every test database knows them
 */
char *
fd_test_create_staff (gboolean admin)
{
  PGconn *conn = connect_blocking ("postgres");
  char *login = g_strdup_printf ("staff_%d_%u", getpid (), ++staff_counter);
  g_autofree char *password = fd_test_staff_password (login);
  const char *params[] = { login, password };
  g_autoptr(PGresult) statement = NULL;

  statement = PQexecParams (conn,
                            admin ? "SELECT format('CREATE ROLE %I LOGIN PASSWORD %L IN ROLE "
                                    "frontdesk_staff, frontdesk_admin', $1::text, $2::text)"
                                  : "SELECT format('CREATE ROLE %I LOGIN PASSWORD %L IN ROLE "
                                    "frontdesk_staff', $1::text, $2::text)",
                            2, NULL, params, NULL, NULL, 0);
  exec_blocking (conn, PQgetvalue (statement, 0, 0), 0, NULL);
  PQfinish (conn);

  return login;
}

/**
 * fd_test_open_connection_as:
 *
 * Returns: (transfer full): a ready connection of @login, made by fd_test_create_staff()
 */
FdConnection *
fd_test_open_connection_as (const char *dbname,
                            const char *login)
{
  g_autofree char *password = fd_test_staff_password (login);
  const char *keywords[] = { "host", "user", "password", "dbname", NULL };
  const char *values[] = { fd_test_server_socket_dir (), login, password, dbname, NULL };

  return open_ready (fd_connection_new (keywords, values));
}

/* Runs @sql, which must succeed. */
void
fd_test_exec (FdConnection *connection,
              const char   *sql)
{
  g_autoptr(PGresult) result = NULL;
  g_autoptr(GError) error = NULL;

  result = fd_test_query (connection, sql, &error);
  g_assert_no_error (error);
}

/* Runs @sql, which the server must refuse with @code and words containing @message_part. */
void
fd_test_assert_refused (FdConnection *connection,
                        const char   *sql,
                        FdDbError     code,
                        const char   *message_part)
{
  g_autoptr(PGresult) result = NULL;
  g_autoptr(GError) error = NULL;

  result = fd_test_query (connection, sql, &error);
  if (result != NULL)
    g_error ("The server accepted “%s”", sql);
  g_assert_error (error, FD_DB_ERROR, code);
  if (message_part != NULL && strstr (error->message, message_part) == NULL)
    g_error ("“%s” does not mention “%s”", error->message, message_part);
}

/* Running ---------------------------------------------------------------------------------- */

void
fd_test_init (int    *argc,
              char ***argv)
{
  g_test_init (argc, argv, NULL);
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
}

int
fd_test_run (void)
{
  int status = g_test_run ();

  if (private_server != NULL)
    {
      fd_embedded_server_stop (private_server);
      g_clear_object (&private_server);
      fd_test_remove_tree (private_folder);
    }

  return status;
}

typedef struct
{
  FdConnection *observer;
  const char   *pid;
} BackendWait;

static gboolean
backend_gone (gpointer user_data)
{
  BackendWait *wait = user_data;
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM pg_stat_activity WHERE pid = %s",
                                          wait->pid);
  g_autofree char *left = fd_test_query_value (wait->observer, sql);

  return g_str_equal (left, "0");
}

/**
 * fd_test_end_backend:
 * @superuser: a connection allowed to end other backends (not the one ended)
 *
 * Cuts one client's connection as a network failure would, and returns once the server has
 * let go of its backend: its session is no longer alive.
 */
void
fd_test_end_backend (FdConnection *superuser,
                     const char   *backend_pid)
{
  g_autofree char *sql = g_strdup_printf ("SELECT pg_terminate_backend(%s)", backend_pid);
  BackendWait wait = { superuser, backend_pid };

  fd_test_exec (superuser, sql);
  fd_test_wait_until (backend_gone, &wait, "the backend to end");
}

/**
 * fd_test_connect_blocking:
 *
 * Returns: (transfer full): a plain libpq connection, for the benchmarks' long statements
 *   (filling a million clients) and their simulated workstations, which wait on no main loop
 */
PGconn *
fd_test_connect_blocking (const char *socket_dir,
                          const char *user,
                          const char *dbname)
{
  const char *keywords[] = { "host", "user", "dbname", NULL };
  const char *values[] = { socket_dir, user, dbname, NULL };
  PGconn *conn = PQconnectdbParams (keywords, values, 0);

  if (PQstatus (conn) != CONNECTION_OK)
    g_error ("Cannot connect: %s", PQerrorMessage (conn));
  return conn;
}

/* Runs @sql on @conn, however long it takes; it must succeed. */
void
fd_test_exec_blocking (PGconn     *conn,
                       const char *sql)
{
  PGresult *result = PQexec (conn, sql);

  if (PQresultStatus (result) != PGRES_COMMAND_OK && PQresultStatus (result) != PGRES_TUPLES_OK)
    g_error ("%s: %s", sql, PQresultErrorMessage (result));
  PQclear (result);
}

/* Servers of a test's own, on TCP: replication and a pooler ------------------------------ */

#define PG_SUPERUSER "postgres"

static const char *
pg_bindir (void)
{
  const char *bindir = g_getenv ("FRONTDESK_POSTGRESQL_BINDIR");

  return bindir != NULL && bindir[0] != '\0' ? bindir : POSTGRESQL_BINDIR;
}

/* PostgreSQL and PgBouncer refuse to run as root: as root, a user namespace maps this
 * process to nobody, as the built-in server does. */
static GStrvBuilder *
server_command (const char *program)
{
  GStrvBuilder *builder = g_strv_builder_new ();

  if (geteuid () == 0)
    g_strv_builder_add_many (builder, "unshare", "--user", "--map-user=65534",
                             "--map-group=65534", "--", NULL);
  if (strchr (program, '/') != NULL)
    g_strv_builder_add (builder, program);
  else
    {
      g_autofree char *path = g_build_filename (pg_bindir (), program, NULL);

      g_strv_builder_add (builder, path);
    }
  return builder;
}

static void
run_server_command (GStrvBuilder *builder)
{
  g_auto(GStrv) argv = g_strv_builder_end (builder);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;

  process = g_subprocess_newv ((const char * const *) argv,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_MERGE,
                               &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &output, NULL, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_successful (process))
    g_error ("%s failed: %s", argv[geteuid () == 0 ? 5 : 0], output);
}

static guint
free_port (void)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                         &error);
  g_assert_no_error (error);
  g_socket_bind (socket, any, TRUE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

/* Out of the test's terminal session; and it goes with the test if the test crashes. */
static void
server_child_setup (gpointer user_data)
{
  setsid ();
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static void
spawn_server (FdTestPg     *pg,
              GStrvBuilder *builder)
{
  g_auto(GStrv) argv = g_strv_builder_end (builder);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autofree char *log = g_build_filename (pg->folder, "server.log", NULL);
  g_autoptr(GError) error = NULL;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_INHERIT);
  g_subprocess_launcher_set_child_setup (launcher, server_child_setup, NULL, NULL);
  g_subprocess_launcher_set_stdout_file_path (launcher, log);
  g_subprocess_launcher_set_stderr_file_path (launcher, log);
  pg->process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv, &error);
  g_assert_no_error (error);
}

static void
wait_accepting (FdTestPg *pg)
{
  g_autofree char *conninfo = g_strdup_printf ("host=127.0.0.1 port=%u user=" PG_SUPERUSER
                                               " dbname=postgres connect_timeout=2", pg->port);
  gint64 deadline = g_get_monotonic_time () + FD_TEST_TIMEOUT_MS * 1000;
  int pid = atoi (g_subprocess_get_identifier (pg->process));

  while (PQping (conninfo) != PQPING_OK)
    {
      if (g_get_monotonic_time () > deadline || fd_test_process_gone (GINT_TO_POINTER (pid)))
        {
          g_autofree char *log = g_build_filename (pg->folder, "server.log", NULL);
          g_autofree char *text = NULL;

          g_file_get_contents (log, &text, NULL, NULL);
          g_error ("The server on port %u did not start: %s", pg->port, text);
        }
      g_usleep (20 * 1000);
    }
}

static FdTestPg *
pg_new (const char *name)
{
  FdTestPg *pg = g_new0 (FdTestPg, 1);

  pg->folder = fd_test_make_temp_dir (name);
  pg->data_dir = g_build_filename (pg->folder, "data", NULL);
  pg->port = free_port ();
  pg->max_connections = 200;
  return pg;
}

static void
start_postgres_on (FdTestPg   *pg,
                   const char *addresses)
{
  g_autoptr(GStrvBuilder) builder = server_command ("postgres");
  g_autofree char *port = g_strdup_printf ("%u", pg->port);
  g_autofree char *connections = g_strdup_printf ("max_connections=%u", pg->max_connections);
  g_autofree char *listen = g_strdup_printf ("listen_addresses=%s", addresses);

  /* As an office server, but fsync off: the folder is in memory anyway. */
  g_strv_builder_add_many (builder, "-D", pg->data_dir, "-p", port,
                           "-c", listen, "-c", "unix_socket_directories=",
                           "-c", "fsync=off", "-c", "full_page_writes=off",
                           "-c", "wal_level=replica", "-c", "max_wal_senders=5",
                           "-c", "hot_standby=on", "-c", "wal_receiver_status_interval=1s",
                           "-c", connections,
                           "-c", "idle_in_transaction_session_timeout=30s", NULL);
  spawn_server (pg, builder);
  wait_accepting (pg);
}

static void
start_postgres (FdTestPg *pg)
{
  start_postgres_on (pg, "127.0.0.1");
}

/**
 * fd_test_pg_start_primary:
 *
 * Returns: (transfer full): a new cluster on 127.0.0.1, trusting local TCP logins, running,
 *   ready for streaming replication
 */
FdTestPg *
fd_test_pg_start_primary (void)
{
  return fd_test_pg_start_sized (200);
}

/**
 * fd_test_pg_start_sized:
 * @max_connections: the server's `max_connections`
 *
 * Returns: (transfer full): as fd_test_pg_start_primary(), with room for that many
 */
FdTestPg *
fd_test_pg_start_sized (guint max_connections)
{
  FdTestPg *pg = pg_new ("primary");
  g_autoptr(GStrvBuilder) initdb = server_command ("initdb");

  g_strv_builder_add_many (initdb, "-D", pg->data_dir, "-U", PG_SUPERUSER, "--auth=trust",
                           "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync", NULL);
  run_server_command (g_steal_pointer (&initdb));
  pg->max_connections = max_connections;
  start_postgres (pg);
  return pg;
}

/**
 * fd_test_pg_start_tls:
 * @cert_file: the server's certificate (PEM)
 * @key_file: its private key, readable by its owner only
 *
 * Returns: (transfer full): as fd_test_pg_start_primary(), with `ssl=on`, listening on
 *   127.0.0.1 and ::1
 */
FdTestPg *
fd_test_pg_start_tls (const char *cert_file,
                      const char *key_file)
{
  FdTestPg *pg = pg_new ("tls");
  g_autoptr(GStrvBuilder) initdb = server_command ("initdb");
  g_autofree char *conf_path = NULL;
  g_autofree char *conf = NULL;
  g_autofree char *with_tls = NULL;
  g_autoptr(GError) error = NULL;

  g_strv_builder_add_many (initdb, "-D", pg->data_dir, "-U", PG_SUPERUSER, "--auth=trust",
                           "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync", NULL);
  run_server_command (g_steal_pointer (&initdb));

  conf_path = g_build_filename (pg->data_dir, "postgresql.conf", NULL);
  g_file_get_contents (conf_path, &conf, NULL, &error);
  g_assert_no_error (error);
  with_tls = g_strdup_printf ("%s\nssl = on\nssl_cert_file = '%s'\nssl_key_file = '%s'\n",
                              conf, cert_file, key_file);
  g_file_set_contents (conf_path, with_tls, -1, &error);
  g_assert_no_error (error);

  /* Both loopback addresses: "localhost" resolves to either. */
  start_postgres_on (pg, "127.0.0.1,::1");
  return pg;
}

static gboolean
standby_streaming (gpointer user_data)
{
  FdConnection *primary = ((gpointer *) user_data)[0];
  const char *name = ((gpointer *) user_data)[1];
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM pg_stat_replication "
                                          "WHERE application_name = '%s' AND "
                                          "state = 'streaming' AND sync_state = 'sync'", name);
  g_autofree char *count = fd_test_query_value (primary, sql);

  return g_str_equal (count, "1");
}

/**
 * fd_test_pg_start_standby:
 * @name: its application name
 *
 * A hot standby from `pg_basebackup -R` of @primary, streaming, made the primary's
 * synchronous standby (`synchronous_standby_names`); returns once the primary counts it so.
 *
 * Returns: (transfer full): the standby, running
 */
FdTestPg *
fd_test_pg_start_standby (FdTestPg   *primary,
                          const char *name)
{
  FdTestPg *pg = pg_new ("standby");
  g_autoptr(GStrvBuilder) backup = server_command ("pg_basebackup");
  g_autofree char *source = g_strdup_printf ("host=127.0.0.1 port=%u user=" PG_SUPERUSER
                                             " application_name=%s", primary->port, name);
  g_autofree char *auto_conf = g_build_filename (pg->data_dir, "postgresql.auto.conf", NULL);
  g_autofree char *conf = NULL;
  g_autofree char *with_name = NULL;
  g_autofree char *sync = NULL;
  g_autoptr(FdConnection) observer = NULL;
  g_autoptr(GError) error = NULL;
  gpointer wait[2];

  g_strv_builder_add_many (backup, "-d", source, "-D", pg->data_dir, "-R", "-X", "stream",
                           "--checkpoint=fast",
                           "--no-sync", NULL);
  run_server_command (g_steal_pointer (&backup));

  /* The primary knows its synchronous standby by the application name it connects with. */
  g_file_get_contents (auto_conf, &conf, NULL, &error);
  g_assert_no_error (error);
  with_name = g_strdup_printf ("%sprimary_conninfo = '%s'\n", conf, source);
  g_file_set_contents (auto_conf, with_name, -1, &error);
  g_assert_no_error (error);

  start_postgres (pg);

  /* From now on every commit on the primary waits until the standby has it on disk. Set
   * on the primary alone, after the copy: the standby, once promoted, has no standby of its
   * own to wait for. */
  observer = fd_test_pg_connect (primary, "postgres");
  sync = g_strdup_printf ("ALTER SYSTEM SET synchronous_standby_names = '%s'", name);
  fd_test_exec (observer, sync);
  fd_test_exec (observer, "SELECT pg_reload_conf()");
  wait[0] = observer;
  wait[1] = (gpointer) name;
  fd_test_wait_until (standby_streaming, wait, "the standby streaming, synchronous");
  fd_connection_close (observer);
  return pg;
}

/**
 * fd_test_pg_start_pgbouncer:
 * @pool_mode: "session" or "transaction"
 * @settings: (nullable): more lines for the `[pgbouncer]` section
 * @logins: the logins it lets in (besides the superuser), trusted as the server trusts them
 *
 * Debian's PgBouncer in front of @server, for every database.
 *
 * Returns: (transfer full): the pooler, accepting connections
 */
FdTestPg *
fd_test_pg_start_pgbouncer (FdTestPg   *server,
                            const char *pool_mode,
                            const char *settings,
                            const char * const *logins)
{
  g_autoptr(GString) users = g_string_new ("\"" PG_SUPERUSER "\" \"\"\n");
  FdTestPg *pg = pg_new ("pgbouncer");
  g_autofree char *ini_path = g_build_filename (pg->folder, "pgbouncer.ini", NULL);
  g_autofree char *users_path = g_build_filename (pg->folder, "userlist.txt", NULL);
  g_autofree char *ini = NULL;
  g_autoptr(GStrvBuilder) builder = server_command ("/usr/sbin/pgbouncer");
  g_autoptr(GError) error = NULL;

  if (!g_file_test ("/usr/sbin/pgbouncer", G_FILE_TEST_IS_EXECUTABLE))
    g_error ("PgBouncer is not installed: run tools/install-deps");

  ini = g_strdup_printf ("[databases]\n"
                         "* = host=127.0.0.1 port=%u\n"
                         "[pgbouncer]\n"
                         "listen_addr = 127.0.0.1\n"
                         "listen_port = %u\n"
                         "unix_socket_dir =\n"
                         "auth_type = trust\n"
                         "auth_file = %s\n"
                         "pool_mode = %s\n"
                         "max_client_conn = 2000\n"
                         "default_pool_size = 1100\n"
                         "pidfile = %s/pgbouncer.pid\n"
                         "%s\n",
                         server->port, pg->port, users_path, pool_mode, pg->folder,
                         settings != NULL ? settings : "");
  g_file_set_contents (ini_path, ini, -1, &error);
  g_assert_no_error (error);
  for (guint i = 0; logins[i] != NULL; i++)
    g_string_append_printf (users, "\"%s\" \"\"\n", logins[i]);
  g_file_set_contents (users_path, users->str, -1, &error);
  g_assert_no_error (error);

  g_strv_builder_add (builder, ini_path);
  spawn_server (pg, builder);
  wait_accepting (pg);
  return pg;
}


/* Stops (or lets go on) every process of the server, as a frozen machine would. */

/* `pg_ctl promote`: the standby stops replaying and accepts writes. */
void
fd_test_pg_promote (FdTestPg *standby)
{
  g_autoptr(GStrvBuilder) builder = server_command ("pg_ctl");

  g_strv_builder_add_many (builder, "promote", "-w", "-D", standby->data_dir, NULL);
  run_server_command (g_steal_pointer (&builder));
}

/* Returns: (transfer full): "127.0.0.1:port", as Preferences would name it */
char *
fd_test_pg_address (FdTestPg *pg)
{
  return g_strdup_printf ("127.0.0.1:%u", pg->port);
}

/* Returns: (transfer full): a ready connection as the superuser over TCP */
FdConnection *
fd_test_pg_connect (FdTestPg   *pg,
                    const char *dbname)
{
  g_autofree char *port = g_strdup_printf ("%u", pg->port);
  const char *keywords[] = { "host", "port", "user", "dbname", NULL };
  const char *values[] = { "127.0.0.1", port, PG_SUPERUSER, dbname, NULL };

  return open_ready (fd_connection_new (keywords, values));
}

/**
 * fd_test_pg_create_practice:
 *
 * Creates a practice database on @primary and brings it to the latest schema.
 *
 * Returns: (transfer full): its name
 */
char *
fd_test_pg_create_practice (FdTestPg *primary)
{
  g_autoptr(FdConnection) postgres = fd_test_pg_connect (primary, "postgres");
  g_autoptr(FdConnection) practice = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  fd_test_exec (postgres, "CREATE DATABASE frontdesk");
  fd_connection_close (postgres);

  practice = fd_test_pg_connect (primary, "frontdesk");
  fd_migrations_run_async (practice, NULL, fd_test_store_result_cb, &result);
  fd_migrations_run_finish (fd_test_wait_for_result (&result), NULL, &error);
  g_assert_no_error (error);
  fd_connection_close (practice);
  return g_strdup ("frontdesk");
}

void
fd_test_pg_free (FdTestPg *pg)
{
  if (pg == NULL)
    return;

  if (pg->process != NULL)
    {
      g_subprocess_send_signal (pg->process, SIGINT);
      g_subprocess_wait (pg->process, NULL, NULL);
      g_clear_object (&pg->process);
    }
  fd_test_remove_tree (pg->folder);
  g_free (pg->folder);
  g_free (pg->data_dir);
  g_free (pg);
}

int
fd_test_pg_get_pid (FdTestPg *pg)
{
  return atoi (g_subprocess_get_identifier (pg->process));
}

/* One process's CPU time in seconds: the scheduler's exact run time where the kernel keeps
 * it (/proc/PID/schedstat, in nanoseconds), else user and system time from /proc/PID/stat
 * (fields 14 and 15), whose tick sampling misses many short bursts. Its parent, through
 * @ppid. */
static double
one_process_cpu (const char *pid,
                 int        *ppid)
{
  g_autofree char *stat_path = g_build_filename ("/proc", pid, "stat", NULL);
  g_autofree char *sched_path = g_build_filename ("/proc", pid, "schedstat", NULL);
  g_autofree char *stat = NULL;
  g_autofree char *sched = NULL;
  g_auto(GStrv) fields = NULL;
  const char *close;

  *ppid = -1;
  if (!g_file_get_contents (stat_path, &stat, NULL, NULL) ||
      (close = strrchr (stat, ')')) == NULL)
    return 0;
  fields = g_strsplit (close + 2, " ", 14);   /* state ppid … utime stime */
  if (g_strv_length (fields) < 14)
    return 0;
  *ppid = atoi (fields[1]);
  if (g_file_get_contents (sched_path, &sched, NULL, NULL))
    return g_ascii_strtod (sched, NULL) / 1e9;
  return (g_ascii_strtod (fields[11], NULL) + g_ascii_strtod (fields[12], NULL)) /
         (double) sysconf (_SC_CLK_TCK);
}

/**
 * fd_test_process_tree_cpu_seconds:
 * @pid: a postmaster (or any process)
 *
 * Returns: the CPU time of @pid and of its children (a postmaster's backends and helpers),
 *   in seconds, for a benchmark to take the difference over a fixed window
 */
double
fd_test_process_tree_cpu_seconds (int pid)
{
  g_autoptr(GDir) proc = g_dir_open ("/proc", 0, NULL);
  const char *name;
  double total = 0;

  while (proc != NULL && (name = g_dir_read_name (proc)) != NULL)
    {
      int ppid;
      double seconds;

      if (!g_ascii_isdigit (name[0]))
        continue;
      seconds = one_process_cpu (name, &ppid);
      if (atoi (name) == pid || ppid == pid)
        total += seconds;
    }
  return total;
}

/* Signals the postmaster and every process it started (each of which PostgreSQL makes the
 * leader of a process group of its own, so a group signal would reach the postmaster alone);
 * the postmaster last when stopping, first when letting go on. */
static void
signal_server (FdTestPg *pg,
               int       signal_number)
{
  int postmaster = fd_test_pg_get_pid (pg);
  g_autoptr(GDir) proc = g_dir_open ("/proc", 0, NULL);
  const char *name;

  if (signal_number == SIGCONT)
    kill (postmaster, signal_number);
  while (proc != NULL && (name = g_dir_read_name (proc)) != NULL)
    {
      int ppid;

      if (!g_ascii_isdigit (name[0]))
        continue;
      one_process_cpu (name, &ppid);
      if (ppid == postmaster)
        kill (atoi (name), signal_number);
    }
  if (signal_number != SIGCONT)
    kill (postmaster, signal_number);
}

/* Kills the server and every one of its processes at once, with no chance to finish, as a
 * power cut would. */
void
fd_test_pg_kill (FdTestPg *pg)
{
  signal_server (pg, SIGKILL);
  g_subprocess_wait (pg->process, NULL, NULL);
  g_clear_object (&pg->process);
}

/* Stops (or lets go on) every process of the server, as a frozen machine would. */
void
fd_test_pg_pause (FdTestPg *pg,
                  gboolean  paused)
{
  signal_server (pg, paused ? SIGSTOP : SIGCONT);
}
