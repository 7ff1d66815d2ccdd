/* test-session.c: sessions: who is signed in where, alive while their backend is, and
 * resumed with their secret after a reconnect.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <unistd.h>

#include "fd-session.h"
#include "fd-test-server.h"

typedef struct
{
  char         *dbname;
  char         *login;
  FdConnection *owner;
  FdConnection *connection;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *sql = NULL;

  fixture->dbname = fd_test_create_database (TRUE);
  fixture->owner = fd_test_open_connection (fixture->dbname);
  fixture->login = fd_test_create_staff (FALSE);
  sql = g_strdup_printf ("INSERT INTO frontdesk.employees (first_name, last_name, login) "
                         "VALUES ('Renée', 'Ølund', '%s')", fixture->login);
  fd_test_exec (fixture->owner, sql);
  fixture->connection = fd_test_open_connection_as (fixture->dbname, fixture->login);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->connection);
  g_clear_object (&fixture->owner);
  fd_test_drop_database (fixture->dbname);
  g_free (fixture->dbname);
  g_free (fixture->login);
}

static FdSession *
open_session (FdConnection *connection,
              const char   *workstation,
              GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  fd_session_open_async (connection, workstation, NULL, fd_test_store_result_cb, &result);
  return fd_session_open_finish (fd_test_wait_for_result (&result), error);
}

static char *
live_sessions (FdConnection *connection)
{
  return fd_test_query_value (connection,
                              "SELECT coalesce(string_agg(login || '@' || workstation || "
                              "':' || display_name, ',' ORDER BY session_id), '') "
                              "FROM frontdesk.live_sessions()");
}

static void
test_open_and_list (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(FdSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *live = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *current = NULL;
  g_autofree char *id = NULL;

  session = open_session (fixture->connection, "Front desk left", &error);
  g_assert_no_error (error);
  g_assert_cmpint (fd_session_get_id (session), >, 0);
  g_assert_cmpstr (fd_session_get_login (session), ==, fixture->login);
  g_assert_cmpstr (fd_session_get_display_name (session), ==, "Renée Ølund");
  g_assert_false (fd_session_get_is_admin (session));

  live = live_sessions (fixture->owner);
  expected = g_strdup_printf ("%s@Front desk left:Renée Ølund", fixture->login);
  g_assert_cmpstr (live, ==, expected);

  current = fd_test_query_value (fixture->connection, "SELECT frontdesk.current_session_id()");
  id = g_strdup_printf ("%" G_GINT64_FORMAT, fd_session_get_id (session));
  g_assert_cmpstr (current, ==, id);
}

static void
test_bad_workstation_refused (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *long_name = g_strnfill (101, 'w');
  g_autoptr(FdSession) session = NULL;
  g_autoptr(GError) error = NULL;

  session = open_session (fixture->connection, long_name, &error);
  g_assert_null (session);
  g_assert_error (error, FD_DB_ERROR, FD_DB_ERROR_CONSTRAINT_VIOLATION);
  g_assert_nonnull (strstr (error->message, "1 to 100 characters"));
}

static gboolean
sessions_read (gpointer user_data)
{
  const char **wanted = user_data;
  g_autofree char *live = live_sessions ((FdConnection *) wanted[0]);

  return g_str_equal (live, wanted[1]);
}

static void
test_dead_with_its_backend (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(FdSession) session = open_session (fixture->connection, "Desk", NULL);
  const char *wanted[] = { (const char *) fixture->owner, "" };

  g_assert_nonnull (session);
  fd_connection_close (fixture->connection);
  fd_test_wait_until (sessions_read, wanted, "the session to die with its connection");
}

static void
record_resumed_cb (FdSession *session,
                   gboolean   same,
                   int       *resumed)
{
  *resumed = same ? 1 : 2;
}

static gboolean
value_set (gpointer user_data)
{
  return *(int *) user_data != 0;
}

static void
test_resumed_after_reconnect (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(FdSession) session = open_session (fixture->connection, "Desk", NULL);
  g_autofree char *kill = NULL;
  g_autofree char *killed = NULL;
  g_autofree char *current = NULL;
  g_autofree char *id = NULL;
  g_autofree char *resumes = NULL;
  int resumed = 0;

  g_signal_connect (session, "resumed", G_CALLBACK (record_resumed_cb), &resumed);
  kill = g_strdup_printf ("SELECT pg_terminate_backend(%d)",
                          fd_connection_get_backend_pid (fixture->connection));
  killed = fd_test_query_value (fixture->owner, kill);
  g_assert_cmpstr (killed, ==, "t");

  fd_test_wait_until (value_set, &resumed, "the session to resume");
  g_assert_cmpint (resumed, ==, 1);

  /* The new backend carries the same session: the audit log sees one workstation. */
  current = fd_test_query_value (fixture->connection, "SELECT frontdesk.current_session_id()");
  id = g_strdup_printf ("%" G_GINT64_FORMAT, fd_session_get_id (session));
  g_assert_cmpstr (current, ==, id);
  resumes = fd_test_query_value (fixture->owner, "SELECT count(*) FROM frontdesk.audit_log "
                                                 "WHERE action = 'session resume'");
  g_assert_cmpstr (resumes, ==, "1");
}

static void
test_resume_needs_secret_and_login (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(FdSession) session = open_session (fixture->connection, "Desk", NULL);
  g_autofree char *other_login = fd_test_create_staff (FALSE);
  g_autoptr(FdConnection) other = fd_test_open_connection_as (fixture->dbname, other_login);
  g_autofree char *sql = NULL;
  g_autofree char *taken = NULL;

  /* Someone else, even with a guess at the secret, gets nothing; nor does a live session. */
  sql = g_strdup_printf ("SELECT frontdesk.session_resume(%" G_GINT64_FORMAT ", 'guess')",
                         fd_session_get_id (session));
  taken = fd_test_query_value (other, sql);
  g_assert_cmpstr (taken, ==, "f");
  g_free (taken);
  taken = fd_test_query_value (fixture->connection, sql);
  g_assert_cmpstr (taken, ==, "f");
}

static void
test_non_staff_cannot_open (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *outsider = g_strdup_printf ("outsider_%d", getpid ());
  g_autofree char *password = fd_test_staff_password (outsider);
  g_autofree char *create = NULL;
  g_autofree char *drop = NULL;
  g_autoptr(FdConnection) connection = NULL;
  g_autoptr(FdSession) session = NULL;
  g_autoptr(GError) error = NULL;

  /* A login of the server that is not on the staff, even if handed the function itself. */
  create = g_strdup_printf ("CREATE ROLE %s LOGIN PASSWORD '%s'; "
                            "GRANT USAGE ON SCHEMA frontdesk TO %s; "
                            "GRANT EXECUTE ON FUNCTION frontdesk.session_open(text) TO %s",
                            outsider, password, outsider, outsider);
  fd_test_exec (fixture->owner, create);
  connection = fd_test_open_connection_as (fixture->dbname, outsider);

  session = open_session (connection, "Somewhere", &error);
  g_assert_null (session);
  g_assert_error (error, FD_DB_ERROR, FD_DB_ERROR_PERMISSION_DENIED);
  g_assert_nonnull (strstr (error->message, "is not on the practice staff"));

  g_clear_object (&connection);
  drop = g_strdup_printf ("REVOKE ALL ON SCHEMA frontdesk FROM %s; REVOKE ALL ON FUNCTION "
                          "frontdesk.session_open(text) FROM %s", outsider, outsider);
  fd_test_exec (fixture->owner, drop);
}

int
main (int   argc,
      char *argv[])
{
  fd_test_init (&argc, &argv);

  g_test_add ("/frontdesk/session/open-and-list", Fixture, NULL,
              fixture_setup, test_open_and_list, fixture_teardown);
  g_test_add ("/frontdesk/session/bad-workstation-refused", Fixture, NULL,
              fixture_setup, test_bad_workstation_refused, fixture_teardown);
  g_test_add ("/frontdesk/session/dead-with-its-backend", Fixture, NULL,
              fixture_setup, test_dead_with_its_backend, fixture_teardown);
  g_test_add ("/frontdesk/session/resumed-after-reconnect", Fixture, NULL,
              fixture_setup, test_resumed_after_reconnect, fixture_teardown);
  g_test_add ("/frontdesk/session/resume-needs-secret-and-login", Fixture, NULL,
              fixture_setup, test_resume_needs_secret_and_login, fixture_teardown);
  g_test_add ("/frontdesk/session/non-staff-cannot-open", Fixture, NULL,
              fixture_setup, test_non_staff_cannot_open, fixture_teardown);

  return fd_test_run ();
}
