/* test-pooler.c: Debian's PgBouncer between the desks and the server. In session pooling
 * everything works, push included, and a desk that vanishes frees its locks at once; a
 * pooler in transaction pooling is refused at sign-in with a sentence.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <sys/socket.h>

#include "fd-database.h"
#include "fd-edit-session.h"
#include "fd-signals.h"
#include "fd-test-server.h"

/* What README asks of a pooler in front of Frontdesk: session pooling, and a server
 * connection that ends with its client, so the server sees a vanished desk's backend go. */
#define SESSION_POOLING_SETTINGS "server_lifetime = 0\n"

typedef struct
{
  FdTestPg     *server;
  FdTestPg     *pooler;
  FdConnection *owner;      /* the superuser, straight to the server */
  char         *client_id;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  const char *pool_mode = data;
  const char *logins[] = { "anna", "ben", NULL };

  fixture->server = fd_test_pg_start_primary ();
  g_free (fd_test_pg_create_practice (fixture->server));
  fixture->owner = fd_test_pg_connect (fixture->server, "frontdesk");
  fd_test_exec (fixture->owner, "SELECT frontdesk.sample_data(20, 1)");
  fd_test_exec (fixture->owner, "CREATE ROLE anna LOGIN IN ROLE frontdesk_staff");
  fd_test_exec (fixture->owner, "CREATE ROLE ben LOGIN IN ROLE frontdesk_staff");
  fixture->client_id = fd_test_query_value (fixture->owner, "SELECT min(id) FROM frontdesk.clients");
  fixture->pooler = fd_test_pg_start_pgbouncer (fixture->server, pool_mode,
                                                g_str_equal (pool_mode, "session")
                                                ? SESSION_POOLING_SETTINGS : NULL, logins);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  fd_connection_close (fixture->owner);
  g_clear_object (&fixture->owner);
  g_clear_pointer (&fixture->pooler, fd_test_pg_free);
  g_clear_pointer (&fixture->server, fd_test_pg_free);
  g_free (fixture->client_id);
}

static gboolean
database_settled (gpointer user_data)
{
  FdDatabasePhase phase = fd_database_get_phase (user_data);

  return phase == FD_DATABASE_PHASE_READY || phase == FD_DATABASE_PHASE_FAILED;
}

/* A desk signed in through the pooler, as its Preferences would name it. */
static FdDatabase *
desk_open (Fixture    *fixture,
           const char *login,
           const char *workstation)
{
  g_autoptr(FdServerConfig) config = fd_server_config_new ();
  FdDatabase *database;

  g_free (config->host);
  config->host = fd_test_pg_address (fixture->pooler);
  g_free (config->user);
  config->user = g_strdup (login);
  g_free (config->workstation);
  config->workstation = g_strdup (workstation);

  database = fd_database_new (config);
  fd_database_open_async (database, NULL, NULL, NULL);
  fd_test_wait_until (database_settled, database, "a desk signing in through the pooler");
  return database;
}

static gboolean
in_state (gpointer user_data)
{
  FdEditSession *session = ((gpointer *) user_data)[0];
  FdEditState state = GPOINTER_TO_INT (((gpointer *) user_data)[1]);

  return fd_edit_session_get_state (session) == state;
}

static void
wait_for_state (FdEditSession *session,
                FdEditState    state)
{
  gpointer wait[] = { session, GINT_TO_POINTER (state) };

  fd_test_wait_until (in_state, wait, "the edit session's state");
}

static gboolean
push_active (gpointer user_data)
{
  return fd_signals_get_push_active (user_data);
}

static void
changed_cb (FdSignals   *signals,
            const char  *kind,
            GStrv        keys,
            GStrv       *seen)
{
  g_strfreev (*seen);
  *seen = g_strdupv (keys);
}

static gboolean
strv_set (gpointer user_data)
{
  return *(GStrv *) user_data != NULL;
}

/* Session pooling: both desks sign in, and a save at one reaches the other by push alone
 * (its polling is off). */
static void
test_session_pooling_push (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(FdDatabase) anna = desk_open (fixture, "anna", "Reception 1");
  g_autoptr(FdDatabase) ben = desk_open (fixture, "ben", "Reception 2");
  g_autoptr(FdEditSession) session = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) done = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) seen = NULL;

  g_assert_no_error (fd_database_get_error (anna));
  g_assert_no_error (fd_database_get_error (ben));
  g_assert_cmpint (fd_database_get_phase (anna), ==, FD_DATABASE_PHASE_READY);
  g_assert_cmpint (fd_database_get_phase (ben), ==, FD_DATABASE_PHASE_READY);

  fd_database_set_refresh_interval (ben, 0);
  fd_test_wait_until (push_active, fd_database_get_signals (ben), "Ben listening");
  g_signal_connect (fd_database_get_signals (ben), "changed::clients", G_CALLBACK (changed_cb),
                    &seen);

  session = fd_edit_session_new (anna, "clients");
  fd_edit_session_open (session, fixture->client_id);
  wait_for_state (session, FD_EDIT_STATE_EDITING);
  fd_record_set (fd_edit_session_get_record (session), "city", "Behind the pooler", -1, &error);
  g_assert_no_error (error);
  fd_edit_session_save_async (session, NULL, fd_test_store_result_cb, &result);
  done = fd_test_wait_for_result (&result);
  g_assert_cmpint (fd_edit_session_save_finish (session, done, NULL, NULL, &error), ==,
                   FD_SAVE_SAVED);
  g_assert_no_error (error);

  fd_test_wait_until (strv_set, &seen, "Ben told of Anna's save by push");
  g_assert_true (g_strv_contains ((const char * const *) seen, fixture->client_id));

  fd_edit_session_close (session);
  fd_database_close (anna);
  fd_database_close (ben);
}

static gboolean
session_dead (gpointer user_data)
{
  Fixture *fixture = ((gpointer *) user_data)[0];
  const char *session_id = ((gpointer *) user_data)[1];
  g_autofree char *sql = g_strdup_printf ("SELECT frontdesk.session_is_alive(%s)", session_id);
  g_autofree char *alive = fd_test_query_value (fixture->owner, sql);

  return g_str_equal (alive, "f");
}

static char *
blocking_value (PGconn     *conn,
                const char *sql)
{
  g_autoptr(PGresult) result = PQexec (conn, sql);

  if (PQresultStatus (result) != PGRES_TUPLES_OK)
    g_error ("“%s” failed: %s", sql, PQresultErrorMessage (result));
  return g_strdup (PQgetvalue (result, 0, 0));
}

/* A desk holding a lock through the pooler vanishes (its socket just goes): the server
 * connection goes with it, so its session dies and the record is free at once. */
static void
test_session_pooling_vanished_desk (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autofree char *conninfo = g_strdup_printf ("host=127.0.0.1 port=%u user=anna "
                                               "dbname=frontdesk", fixture->pooler->port);
  g_autoptr(FdDatabase) ben = desk_open (fixture, "ben", "Reception 2");
  g_autoptr(FdEditSession) session = fd_edit_session_new (ben, "clients");
  g_autofree char *sql = NULL;
  g_autofree char *session_id = NULL;
  g_autofree char *outcome = NULL;
  gpointer wait[2];
  PGconn *crashing = PQconnectdb (conninfo);

  g_assert_cmpint (PQstatus (crashing), ==, CONNECTION_OK);
  session_id = blocking_value (crashing, "SELECT session_id FROM "
                                         "frontdesk.session_open('Reception 1')");
  sql = g_strdup_printf ("SELECT outcome FROM frontdesk.lock_acquire('clients', '%s')",
                         fixture->client_id);
  outcome = blocking_value (crashing, sql);
  g_assert_cmpstr (outcome, ==, "acquired");

  /* Held by a live session: Ben is asked, and declines. */
  fd_edit_session_open (session, fixture->client_id);
  wait_for_state (session, FD_EDIT_STATE_HELD_ELSEWHERE);
  fd_edit_session_decline (session);

  /* Gone without a word, as a crashed program's socket goes. */
  shutdown (PQsocket (crashing), SHUT_RDWR);
  PQfinish (crashing);
  wait[0] = fixture;
  wait[1] = session_id;
  fd_test_wait_until (session_dead, wait, "the vanished desk's session ended on the server");

  fd_edit_session_open (session, fixture->client_id);
  wait_for_state (session, FD_EDIT_STATE_EDITING);
  fd_edit_session_close (session);
  fd_database_close (ben);
}

/* Transaction pooling: refused at sign-in, with what to do, before any session opens. */
static void
test_transaction_pooling_refused (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(FdDatabase) anna = desk_open (fixture, "anna", "Reception 1");
  const GError *error = fd_database_get_error (anna);
  g_autofree char *sessions = NULL;

  g_assert_cmpint (fd_database_get_phase (anna), ==, FD_DATABASE_PHASE_FAILED);
  g_assert_error (error, FD_DB_ERROR, FD_DB_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "transaction pooling"));
  g_assert_nonnull (strstr (error->message, "“pool_mode = session”"));
  g_assert_null (fd_database_get_session (anna));
  sessions = fd_test_query_value (fixture->owner, "SELECT count(*) FROM frontdesk.sessions");
  g_assert_cmpstr (sessions, ==, "0");
  fd_database_close (anna);
}

int
main (int   argc,
      char *argv[])
{
  fd_test_init (&argc, &argv);

  g_test_add ("/frontdesk/pooler/session/push", Fixture, "session", fixture_setup,
              test_session_pooling_push, fixture_teardown);
  g_test_add ("/frontdesk/pooler/session/vanished-desk-frees-locks", Fixture, "session",
              fixture_setup, test_session_pooling_vanished_desk, fixture_teardown);
  g_test_add ("/frontdesk/pooler/transaction/refused", Fixture, "transaction", fixture_setup,
              test_transaction_pooling_refused, fixture_teardown);

  return fd_test_run ();
}
