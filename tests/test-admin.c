/* test-admin.c: administration against a real server: the lock table and sessions with live
 * and dead holders, breaking and taking, maintenance mode followed live and enforced by the
 * server, the audit log's filters and pages (and its plans), the integrity checks and their
 * repairs, and every one of them refused to a staff member.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "fd-administration.h"
#include "fd-lock-row.h"
#include "fd-model-util.h"
#include "fd-pg.h"
#include "fd-session-row.h"
#include "fd-maintenance.h"
#include "fd-session.h"
#include "fd-signals.h"
#include "fd-test-server.h"

typedef struct
{
  char         *login;
  FdConnection *connection;
  FdSession    *session;
} Desk;

typedef struct
{
  char         *dbname;
  FdConnection *owner;
  Desk          anna;
  Desk          admin;
} Fixture;

static void
desk_open (Desk       *desk,
           const char *dbname,
           gboolean    admin,
           const char *workstation)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  desk->login = fd_test_create_staff (admin);
  desk->connection = fd_test_open_connection_as (dbname, desk->login);
  fd_session_open_async (desk->connection, workstation, NULL, fd_test_store_result_cb, &result);
  desk->session = fd_session_open_finish (fd_test_wait_for_result (&result), &error);
  g_assert_no_error (error);
}

static void
desk_close (Desk *desk)
{
  g_clear_object (&desk->session);
  g_clear_object (&desk->connection);
  g_clear_pointer (&desk->login, g_free);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->dbname = fd_test_create_database (TRUE);
  fixture->owner = fd_test_open_connection (fixture->dbname);
  fd_test_exec (fixture->owner, "SELECT frontdesk.sample_data(20, 1)");
  desk_open (&fixture->anna, fixture->dbname, FALSE, "Reception 1");
  desk_open (&fixture->admin, fixture->dbname, TRUE, "Back office");
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  desk_close (&fixture->anna);
  desk_close (&fixture->admin);
  g_clear_object (&fixture->owner);
  fd_test_drop_database (fixture->dbname);
  g_free (fixture->dbname);
}

static char *
query_value (FdConnection *connection,
             const char   *format,
             ...) G_GNUC_PRINTF (2, 3);

static char *
query_value (FdConnection *connection,
             const char   *format,
             ...)
{
  g_autofree char *sql = NULL;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  return fd_test_query_value (connection, sql);
}

static PGresult *
list_locks (FdConnection  *connection,
            GError       **error)
{
  g_autoptr(FdAdministration) administration = fd_administration_new (connection);
  g_autoptr(GAsyncResult) result = NULL;

  fd_administration_list_locks_async (administration, NULL, fd_test_store_result_cb, &result);
  return fd_administration_list_locks_finish (administration, fd_test_wait_for_result (&result),
                                              error);
}

/* The row of the lock table for @record_id, or -1. */
static int
find_lock (PGresult   *locks,
           const char *record_id)
{
  for (int row = 0; row < PQntuples (locks); row++)
    if (g_str_equal (PQgetvalue (locks, row, PQfnumber (locks, "record_id")), record_id))
      return row;
  return -1;
}

static const char *
lock_value (PGresult   *locks,
            int         row,
            const char *column)
{
  g_assert_cmpint (row, >=, 0);
  return PQgetvalue (locks, row, PQfnumber (locks, column));
}

typedef struct
{
  FdConnection *connection;
  const char   *record_id;
} LockQuestion;

static gboolean
holder_gone (gpointer user_data)
{
  LockQuestion *question = user_data;
  g_autoptr(PGresult) locks = list_locks (question->connection, NULL);

  return g_str_equal (lock_value (locks, find_lock (locks, question->record_id), "alive"), "f");
}

/* A desk that locks client @id and dies with its connection, as a crashed client does. */
static void
leave_dead_lock (Fixture    *fixture,
                 const char *id)
{
  Desk ghost = { 0 };
  g_autofree char *outcome = NULL;
  LockQuestion question = { fixture->admin.connection, id };

  desk_open (&ghost, fixture->dbname, FALSE, "Crashed desk");
  outcome = query_value (ghost.connection, "SELECT outcome FROM frontdesk.lock_acquire('clients', "
                                           "'%s')", id);
  g_assert_cmpstr (outcome, ==, "acquired");
  fd_connection_close (ghost.connection);
  desk_close (&ghost);
  fd_test_wait_until (holder_gone, &question, "the crashed desk's backend to end");
}

static char *
last_audit (Fixture    *fixture,
            const char *action)
{
  return query_value (fixture->owner, "SELECT coalesce(max(actor || ' ' || coalesce(record_id, '') "
                                      "|| ' ' || coalesce(detail, '')), '') "
                                      "FROM frontdesk.audit_log WHERE action = '%s'", action);
}

static void
count_changes (guint *count)
{
  (*count)++;
}

static gboolean
counted (gpointer user_data)
{
  return *(guint *) user_data > 0;
}

/* The lock table and the sessions --------------------------------------------------------- */

static void
test_lock_table (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(PGresult) locks = NULL;
  g_autoptr(PGresult) sessions = NULL;
  g_autoptr(FdAdministration) administration = fd_administration_new (fixture->admin.connection);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *guarantor = fd_test_query_value (fixture->owner,
                                                    "SELECT guarantor_id FROM frontdesk.clients "
                                                    "WHERE id = 4");
  g_autofree char *context = g_strdup_printf ("account:%s", guarantor);
  g_autofree char *entered = NULL;
  g_autofree char *anna_id = g_strdup_printf ("%" G_GINT64_FORMAT,
                                              fd_session_get_id (fixture->anna.session));
  int row;
  gboolean anna_listed = FALSE;
  guint lock_table_changes = 0;

  fd_administration_watch_locks (administration);
  g_signal_connect_swapped (administration, "locks-changed", G_CALLBACK (count_changes),
                            &lock_table_changes);
  /* The connection runs one thing at a time: once this is answered, it LISTENs. */
  g_free (fd_test_query_value (fixture->admin.connection, "SELECT 1"));
  g_free (query_value (fixture->anna.connection,
                       "SELECT frontdesk.lock_acquire('clients', '3')"));
  /* An open lock table hears of it. */
  fd_test_wait_until (counted, &lock_table_changes, "news of the new lock");
  entered = query_value (fixture->anna.connection,
                         "SELECT frontdesk.context_enter('%s', 'Account of the Test family')",
                         context);
  g_assert_cmpstr (entered, ==, "t");
  leave_dead_lock (fixture, "7");

  locks = list_locks (fixture->admin.connection, &error);
  g_assert_no_error (error);

  row = find_lock (locks, "3");
  g_assert_cmpstr (lock_value (locks, row, "lock_kind"), ==, "record");
  g_assert_cmpstr (lock_value (locks, row, "record_kind"), ==, "clients");
  g_assert_true (g_str_has_prefix (lock_value (locks, row, "description"), "Client "));
  g_assert_cmpstr (lock_value (locks, row, "holder_login"), ==, fixture->anna.login);
  g_assert_cmpstr (lock_value (locks, row, "holder_workstation"), ==, "Reception 1");
  g_assert_cmpstr (lock_value (locks, row, "alive"), ==, "t");
  g_assert_cmpstr (lock_value (locks, row, "expired"), ==, "f");

  row = find_lock (locks, context);
  g_assert_cmpstr (lock_value (locks, row, "lock_kind"), ==, "save");
  g_assert_cmpstr (lock_value (locks, row, "description"), ==, "Account of the Test family");
  g_assert_cmpstr (lock_value (locks, row, "holder_session"), ==, anna_id);

  row = find_lock (locks, "7");
  g_assert_cmpstr (lock_value (locks, row, "holder_workstation"), ==, "Crashed desk");
  g_assert_cmpstr (lock_value (locks, row, "alive"), ==, "f");

  /* Sessions: the live ones, and the dead one because it still holds a lock. */
  fd_administration_list_sessions_async (administration, NULL, fd_test_store_result_cb, &result);
  sessions = fd_administration_list_sessions_finish (administration,
                                                     fd_test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (PQntuples (sessions), ==, 3);
  for (int i = 0; i < PQntuples (sessions); i++)
    {
      const char *workstation = PQgetvalue (sessions, i, PQfnumber (sessions, "workstation"));
      const char *alive = PQgetvalue (sessions, i, PQfnumber (sessions, "alive"));

      if (g_str_equal (workstation, "Crashed desk"))
        g_assert_cmpstr (alive, ==, "f");
      else
        g_assert_cmpstr (alive, ==, "t");
      if (g_str_equal (PQgetvalue (sessions, i, 0), anna_id))
        {
          anna_listed = TRUE;
          g_assert_cmpstr (PQgetvalue (sessions, i, PQfnumber (sessions, "record_locks")), ==, "1");
          g_assert_cmpstr (PQgetvalue (sessions, i, PQfnumber (sessions, "save_locks")), ==, "1");
          g_assert_cmpstr (PQgetvalue (sessions, i, PQfnumber (sessions, "is_admin")), ==, "f");
        }
    }
  g_assert_true (anna_listed);
}

static void
test_break_and_take (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(FdAdministration) administration = fd_administration_new (fixture->admin.connection);
  g_autoptr(FdAdministration) as_staff = fd_administration_new (fixture->anna.connection);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PGresult) locks = NULL;
  g_autofree char *audit = NULL;
  g_autofree char *fees_enter = NULL;
  gboolean was_locked = TRUE;

  g_free (query_value (fixture->anna.connection,
                       "SELECT frontdesk.lock_acquire('clients', '5')"));

  /* Staff: refused by the server. */
  fd_administration_break_lock_async (as_staff, "clients", "5", 0, NULL, fd_test_store_result_cb,
                                      &result);
  g_assert_false (fd_administration_break_lock_finish (as_staff, fd_test_wait_for_result (&result),
                                                       NULL, &error));
  g_assert_error (error, FD_DB_ERROR, FD_DB_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);

  fd_administration_break_lock_async (administration, "clients", "5", 0, NULL,
                                      fd_test_store_result_cb, &result);
  g_assert_true (fd_administration_break_lock_finish (administration,
                                                      fd_test_wait_for_result (&result),
                                                      &was_locked, &error));
  g_assert_no_error (error);
  g_assert_true (was_locked);
  audit = last_audit (fixture, "lock broken");
  g_assert_true (g_str_has_prefix (audit, fixture->admin.login));

  /* The holder's write is refused now: it must reload. */
  fd_test_assert_refused (fixture->anna.connection,
                          "UPDATE frontdesk.clients SET notes = 'mine' WHERE id = 5",
                          FD_DB_ERROR_LOCK_REVOKED, "An administrator released your lock");

  fd_administration_break_lock_async (administration, "clients", "5", 0, NULL,
                                      fd_test_store_result_cb, &result);
  g_assert_true (fd_administration_break_lock_finish (administration,
                                                      fd_test_wait_for_result (&result),
                                                      &was_locked, &error));
  g_assert_false (was_locked);

  /* Take a record lock: an override, audited. */
  g_free (query_value (fixture->anna.connection,
                       "SELECT frontdesk.lock_acquire('clients', '6')"));
  fd_administration_take_lock_async (administration, "clients", "6", 0, NULL,
                                     fd_test_store_result_cb, &result);
  g_assert_true (fd_administration_take_lock_finish (administration,
                                                     fd_test_wait_for_result (&result), &error));
  g_assert_no_error (error);
  locks = list_locks (fixture->admin.connection, NULL);
  g_assert_cmpstr (lock_value (locks, find_lock (locks, "6"), "holder_login"), ==,
                   fixture->admin.login);
  g_free (audit);
  audit = last_audit (fixture, "lock overridden");
  g_assert_nonnull (strstr (audit, "Reception 1"));

  /* Take a save lock from another administrator's desk: audited. */
  {
    Desk other = { 0 };

    desk_open (&other, fixture->dbname, TRUE, "Upstairs office");
    fees_enter = query_value (other.connection,
                              "SELECT frontdesk.context_enter('fees:1', 'Fees of Standard')");
    g_assert_cmpstr (fees_enter, ==, "t");
    g_free (fees_enter);
    fees_enter = query_value (fixture->admin.connection,
                              "SELECT frontdesk.context_enter('fees:1', 'Fees of Standard')");
    fd_administration_take_save_lock_async (administration, "fees:1", 0, NULL,
                                            fd_test_store_result_cb, &result);
    g_assert_true (fd_administration_take_save_lock_finish (administration,
                                                            fd_test_wait_for_result (&result),
                                                            &error));
    g_assert_no_error (error);
    g_free (audit);
    audit = last_audit (fixture, "save lock taken");
    g_assert_nonnull (strstr (audit, "Upstairs office"));

    /* Released without taking: nobody holds it, and it was audited. */
    fd_test_exec (other.connection, "SELECT frontdesk.context_take('fees:1')");
    fd_administration_break_save_lock_async (administration, "fees:1", 0, NULL,
                                             fd_test_store_result_cb, &result);
    g_assert_true (fd_administration_break_save_lock_finish (administration,
                                                             fd_test_wait_for_result (&result),
                                                             &was_locked, &error));
    g_assert_no_error (error);
    g_assert_true (was_locked);
    g_clear_pointer (&locks, PQclear);
    locks = list_locks (fixture->admin.connection, NULL);
    g_assert_cmpint (find_lock (locks, "fees:1"), ==, -1);
    g_free (audit);
    audit = last_audit (fixture, "save lock broken");
    g_assert_true (g_str_has_prefix (audit, fixture->admin.login));
    g_assert_nonnull (strstr (audit, "Upstairs office"));
    fd_test_assert_refused (other.connection,
                            "UPDATE frontdesk.fees SET amount = amount + 1 "
                            "WHERE fee_schedule_id = 1",
                            FD_DB_ERROR_SAVE_LOCK_NOT_HELD, "take the save lock");

    fd_administration_break_save_lock_async (administration, "fees:1", 0, NULL,
                                             fd_test_store_result_cb, &result);
    g_assert_true (fd_administration_break_save_lock_finish (administration,
                                                             fd_test_wait_for_result (&result),
                                                             &was_locked, &error));
    g_assert_false (was_locked);
    desk_close (&other);
  }
}

/* Everything here is refused to staff, from raw SQL and from the data layer alike. */
static void
test_refused_to_staff (Fixture       *fixture,
                       gconstpointer  data)
{
  const char *statements[] = {
    "SELECT * FROM frontdesk.lock_table()",
    "SELECT * FROM frontdesk.admin_sessions()",
    "SELECT frontdesk.maintenance_set(true, 'Mine now')",
    "SELECT frontdesk.maintenance_set(false, NULL)",
    "SELECT * FROM frontdesk.audit_search(NULL, NULL, NULL, NULL, NULL, NULL, 10)",
    "SELECT * FROM frontdesk.audit_actions()",
    "SELECT * FROM frontdesk.integrity_check('dead_record_locks')",
    "SELECT frontdesk.integrity_repair('dead_record_locks')",
    "SELECT frontdesk.lock_break('clients', '3')",
    "SELECT frontdesk.context_break('account:1')",
    "SELECT * FROM frontdesk.integrity_checks",
    "SELECT * FROM frontdesk.maintenance_mode",
  };
  g_autoptr(FdAdministration) as_staff = fd_administration_new (fixture->anna.connection);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PGresult) rows = NULL;
  g_autoptr(GListModel) findings = NULL;
  FdAuditQuery query = { 0 };
  g_autofree char *status = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (statements); i++)
    fd_test_assert_refused (fixture->anna.connection, statements[i],
                            FD_DB_ERROR_PERMISSION_DENIED, "permission denied");

  /* Even with the right granted by mistake, the functions check the caller themselves. */
  fd_test_exec (fixture->owner, "GRANT EXECUTE ON FUNCTION frontdesk.lock_table(), "
                                "frontdesk.maintenance_set(boolean, text) TO frontdesk_staff");
  fd_test_assert_refused (fixture->anna.connection, "SELECT * FROM frontdesk.lock_table()",
                          FD_DB_ERROR_PERMISSION_DENIED, "Only an administrator may see the lock");
  fd_test_assert_refused (fixture->anna.connection,
                          "SELECT frontdesk.maintenance_set(true, 'Mine now')",
                          FD_DB_ERROR_PERMISSION_DENIED,
                          "Only an administrator may switch maintenance mode");

  rows = list_locks (fixture->anna.connection, &error);
  g_assert_null (rows);
  g_clear_error (&error);
  fd_administration_list_sessions_async (as_staff, NULL, fd_test_store_result_cb, &result);
  rows = fd_administration_list_sessions_finish (as_staff, fd_test_wait_for_result (&result),
                                                 &error);
  g_assert_null (rows);
  g_assert_error (error, FD_DB_ERROR, FD_DB_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  fd_administration_search_audit_async (as_staff, &query, NULL, fd_test_store_result_cb, &result);
  rows = fd_administration_search_audit_finish (as_staff, fd_test_wait_for_result (&result),
                                                &error);
  g_assert_null (rows);
  g_assert_error (error, FD_DB_ERROR, FD_DB_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  fd_administration_check_integrity_async (as_staff, TRUE, NULL, NULL, NULL, NULL,
                                           fd_test_store_result_cb, &result);
  findings = fd_administration_check_integrity_finish (as_staff,
                                                       fd_test_wait_for_result (&result), &error);
  g_assert_null (findings);
  g_assert_error (error, FD_DB_ERROR, FD_DB_ERROR_PERMISSION_DENIED);

  /* The status is for everyone on the staff. */
  status = fd_test_query_value (fixture->anna.connection,
                                "SELECT active FROM frontdesk.maintenance_status()");
  g_assert_cmpstr (status, ==, "f");
}


/* Maintenance mode ------------------------------------------------------------------------- */

static gboolean
maintenance_is (FdMaintenance *maintenance,
                gboolean       active)
{
  return fd_maintenance_get_loaded (maintenance) &&
         fd_maintenance_get_active (maintenance) == active;
}

static gboolean
maintenance_on (gpointer user_data)
{
  return maintenance_is (user_data, TRUE);
}

static gboolean
maintenance_off (gpointer user_data)
{
  return maintenance_is (user_data, FALSE);
}

static void
count_cb (gpointer  object,
          guint    *count)
{
  (*count)++;
}

static void
switch_maintenance (FdMaintenance  *maintenance,
                    gboolean        active,
                    const char     *reason,
                    gboolean       *changed,
                    GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  fd_maintenance_switch_async (maintenance, active, reason, NULL, fd_test_store_result_cb,
                               &result);
  fd_maintenance_switch_finish (maintenance, fd_test_wait_for_result (&result), changed, error);
}

static void
test_maintenance (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(FdMaintenance) annas = fd_maintenance_new (fixture->anna.connection);
  g_autoptr(FdMaintenance) admins = fd_maintenance_new (fixture->admin.connection);
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  g_autofree char *audit = NULL;
  g_autofree char *notes = NULL;
  gboolean changed = FALSE;
  guint anna_changes = 0;

  fd_test_wait_until (maintenance_off, annas, "Anna's first reading of the status");
  g_signal_connect (annas, "changed", G_CALLBACK (count_cb), &anna_changes);
  g_assert_null (fd_maintenance_dup_description (annas));

  /* Staff cannot switch it; an administrator needs a reason. */
  switch_maintenance (annas, TRUE, "Mine", NULL, &error);
  g_assert_error (error, FD_DB_ERROR, FD_DB_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  switch_maintenance (admins, TRUE, "   ", NULL, &error);
  g_assert_error (error, FD_DB_ERROR, FD_DB_ERROR_BAD_REQUEST);
  g_assert_nonnull (strstr (error->message, "needs a reason"));
  g_clear_error (&error);

  switch_maintenance (admins, TRUE, "Moving the server", &changed, &error);
  g_assert_no_error (error);
  g_assert_true (changed);
  g_assert_true (fd_maintenance_get_active (admins));

  /* Anna's workstation hears of it by itself: NOTIFY, then a reread. */
  fd_test_wait_until (maintenance_on, annas, "Anna's banner");
  g_assert_cmpuint (anna_changes, ==, 1);
  g_assert_cmpstr (fd_maintenance_get_reason (annas), ==, "Moving the server");
  g_assert_cmpstr (fd_maintenance_get_by_name (annas), ==, fixture->admin.login);
  g_assert_nonnull (fd_maintenance_get_since (annas));
  description = fd_maintenance_dup_description (annas);
  g_assert_nonnull (strstr (description, "Moving the server"));
  g_assert_nonnull (strstr (description, fixture->admin.login));

  /* Every way a staff member writes is refused, naming why and who. */
  fd_test_assert_refused (fixture->anna.connection,
                          "UPDATE frontdesk.clients SET notes = 'x' WHERE id = 2",
                          FD_DB_ERROR_MAINTENANCE,
                          "in maintenance (Moving the server), switched on by");
  fd_test_assert_refused (fixture->anna.connection,
                          "SELECT * FROM frontdesk.save_record('clients', '2', 'notes', "
                          "(SELECT notes FROM frontdesk.clients WHERE id = 2), 'y')",
                          FD_DB_ERROR_MAINTENANCE, fixture->admin.login);
  fd_test_assert_refused (fixture->anna.connection,
                          "SELECT * FROM frontdesk.insert_record('clients', 'first_name', 'Ada', "
                          "'last_name', 'Lovelace')",
                          FD_DB_ERROR_MAINTENANCE, "in maintenance");
  fd_test_assert_refused (fixture->anna.connection,
                          "SELECT frontdesk.add_procedure_note((SELECT min(id) FROM "
                          "frontdesk.procedures), 'A note')",
                          FD_DB_ERROR_MAINTENANCE, "in maintenance");
  fd_test_assert_refused (fixture->anna.connection,
                          "INSERT INTO frontdesk.appointments (client_id, provider_id, "
                          "operatory_id, starts_at) SELECT 1, min(p.id), min(o.id), now() "
                          "FROM frontdesk.providers p, frontdesk.operatories o",
                          FD_DB_ERROR_MAINTENANCE, "in maintenance");

  /* The program tells maintenance from other refusals by its SQLSTATE. */
  {
    g_autoptr(PGresult) refused = NULL;

    refused = fd_test_query (fixture->anna.connection,
                             "UPDATE frontdesk.appointments SET note = 'x' WHERE id = 1", &error);
    g_assert_null (refused);
    g_assert_cmpstr (fd_db_error_get_sqlstate (error), ==, "FD020");
    g_clear_error (&error);
  }

  /* The administrator works on. */
  fd_test_exec (fixture->admin.connection,
                "UPDATE frontdesk.clients SET notes = 'checked in maintenance' WHERE id = 2");

  /* Switching on again with the same reason changes nothing. */
  switch_maintenance (admins, TRUE, "Moving the server", &changed, &error);
  g_assert_no_error (error);
  g_assert_false (changed);

  switch_maintenance (admins, FALSE, NULL, &changed, &error);
  g_assert_no_error (error);
  g_assert_true (changed);
  fd_test_wait_until (maintenance_off, annas, "Anna's banner to go");
  g_assert_null (fd_maintenance_get_reason (annas));
  fd_test_exec (fixture->anna.connection,
                "UPDATE frontdesk.clients SET notes = 'after maintenance' WHERE id = 2");
  notes = fd_test_query_value (fixture->owner, "SELECT notes FROM frontdesk.clients WHERE id = 2");
  g_assert_cmpstr (notes, ==, "after maintenance");

  audit = last_audit (fixture, "maintenance on");
  g_assert_nonnull (strstr (audit, "Moving the server"));
  g_free (audit);
  audit = last_audit (fixture, "maintenance off");
  g_assert_nonnull (strstr (audit, "Moving the server"));
}

/* Switched while a workstation's connection was down: it rereads the state on reconnect. */
static void
test_maintenance_after_reconnect (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(FdMaintenance) annas = fd_maintenance_new (fixture->anna.connection);
  g_autofree char *killed = NULL;

  fd_test_wait_until (maintenance_off, annas, "Anna's first reading of the status");

  /* No NOTIFY reaches her: as if it was switched while her connection was down. */
  fd_test_exec (fixture->owner,
                "UPDATE frontdesk.maintenance_mode SET active = true, reason = 'Restoring a "
                "backup', by_login = 'root', by_name = 'The owner', since = now()");
  fd_test_spin (200);
  g_assert_false (fd_maintenance_get_active (annas));

  killed = query_value (fixture->owner, "SELECT pg_terminate_backend(%d)",
                        fd_connection_get_backend_pid (fixture->anna.connection));
  g_assert_cmpstr (killed, ==, "t");
  fd_test_wait_until (maintenance_on, annas, "the status read again after the reconnect");
  g_assert_cmpstr (fd_maintenance_get_reason (annas), ==, "Restoring a backup");
  g_assert_cmpstr (fd_maintenance_get_by_name (annas), ==, "The owner");
}

static gboolean
signals_started (gpointer user_data)
{
  return fd_signals_get_started (user_data);
}

/* Where LISTEN does not work (PgBouncer), the switch arrives as a signal in a poll. */
static void
test_maintenance_by_polling (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(FdMaintenance) annas = fd_maintenance_new (fixture->anna.connection);
  g_autoptr(FdSignals) signals = fd_signals_new (fixture->anna.connection);
  g_autofree char *kinds = NULL;

  fd_signals_set_push (signals, FALSE);
  fd_maintenance_follow_signals (annas, signals);
  fd_test_wait_until (maintenance_off, annas, "Anna's first reading of the status");
  fd_signals_poll (signals);
  fd_test_wait_until (signals_started, signals, "the first poll");

  /* The switch leaves a signal for pollers. */
  fd_test_exec (fixture->admin.connection, "SELECT frontdesk.maintenance_set(true, 'Backup')");
  fd_test_exec (fixture->admin.connection, "SELECT frontdesk.maintenance_set(false, NULL)");
  kinds = fd_test_query_value (fixture->owner, "SELECT string_agg(key, ',' ORDER BY id) FROM "
                                               "frontdesk.signals WHERE kind = 'maintenance'");
  g_assert_cmpstr (kinds, ==, "on,off");
  fd_test_wait_until (maintenance_off, annas, "the status after the switches");

  /* Changed without maintenance_set(), so without a NOTIFY on the maintenance channel: the
   * row's own trigger leaves the signal, and a poll brings it. */
  fd_test_exec (fixture->owner,
                "UPDATE frontdesk.maintenance_mode SET active = true, reason = 'Moving house', "
                "by_login = 'root', by_name = 'The owner', since = now()");
  fd_test_spin (200);
  g_assert_false (fd_maintenance_get_active (annas));
  fd_signals_poll (signals);
  fd_test_wait_until (maintenance_on, annas, "the status read again after the poll");
  g_assert_cmpstr (fd_maintenance_get_reason (annas), ==, "Moving house");
}

/* The audit log ------------------------------------------------------------------------------ */

static PGresult *
search_audit (Fixture            *fixture,
              const FdAuditQuery *query,
              GError            **error)
{
  g_autoptr(FdAdministration) administration = fd_administration_new (fixture->admin.connection);
  g_autoptr(GAsyncResult) result = NULL;

  fd_administration_search_audit_async (administration, query, NULL, fd_test_store_result_cb,
                                        &result);
  return fd_administration_search_audit_finish (administration,
                                                fd_test_wait_for_result (&result), error);
}

static const char *
audit_value (PGresult   *entries,
             int         row,
             const char *column)
{
  return PQgetvalue (entries, row, PQfnumber (entries, column));
}

static void
test_audit_search (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(PGresult) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *total = NULL;
  g_autofree char *old_notes = fd_test_query_value (fixture->owner,
                                                    "SELECT notes FROM frontdesk.clients "
                                                    "WHERE id = 9");
  g_autofree char *expected_change = NULL;
  g_autofree char *updates = NULL;
  FdAuditQuery query = { 0 };
  gint64 before = 0;
  guint pages = 0;

  fd_test_exec (fixture->anna.connection,
                "UPDATE frontdesk.clients SET notes = 'Allergic to latex' WHERE id = 9");
  fd_test_exec (fixture->anna.connection,
                "UPDATE frontdesk.clients SET phone_mobile = '0712 345 678' WHERE id = 10");
  fd_test_exec (fixture->admin.connection,
                "UPDATE frontdesk.clients SET notes = 'Prefers Mondays' WHERE id = 10");

  /* By person. */
  query.login = fixture->anna.login;
  entries = search_audit (fixture, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpint (PQntuples (entries), ==, 3);  /* two updates and the session's opening */
  for (int row = 0; row < PQntuples (entries); row++)
    g_assert_cmpstr (audit_value (entries, row, "actor"), ==, fixture->anna.login);
  g_assert_cmpstr (audit_value (entries, 0, "workstation"), ==, "Reception 1");
  g_assert_cmpstr (audit_value (entries, 0, "record_id"), ==, "10");
  g_clear_pointer (&entries, PQclear);

  /* By record, with old → new. */
  query.login = NULL;
  query.record = "clients:9";
  entries = search_audit (fixture, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpint (PQntuples (entries), ==, 1);  /* sample data is audited as one action */
  g_assert_cmpstr (audit_value (entries, 0, "action"), ==, "update");
  expected_change = g_strdup_printf ("notes: %s → Allergic to latex",
                                     old_notes[0] != '\0' ? old_notes : "–");
  g_assert_cmpstr (audit_value (entries, 0, "change_lines"), ==, expected_change);
  g_assert_nonnull (strstr (audit_value (entries, 0, "changes"), "\"new\": \"Allergic to latex\""));
  g_clear_pointer (&entries, PQclear);

  /* By action and period: nothing before the sample data, everything since. */
  query.record = NULL;
  query.action = "update";
  query.until = "2000-01-01";
  entries = search_audit (fixture, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpint (PQntuples (entries), ==, 0);
  g_clear_pointer (&entries, PQclear);
  query.until = NULL;
  query.since = "2000-01-01";
  entries = search_audit (fixture, &query, &error);
  g_assert_no_error (error);
  updates = fd_test_query_value (fixture->owner, "SELECT count(*) FROM frontdesk.audit_log "
                                                 "WHERE action = 'update'");
  g_assert_cmpint (PQntuples (entries), ==, atoi (updates));
  g_assert_cmpint (PQntuples (entries), >=, 3);
  for (int row = 0; row < PQntuples (entries); row++)
    g_assert_cmpstr (audit_value (entries, row, "action"), ==, "update");
  g_clear_pointer (&entries, PQclear);

  /* Bad input gets a clear refusal. */
  query.action = NULL;
  query.since = NULL;
  query.record = "clients";
  entries = search_audit (fixture, &query, &error);
  g_assert_error (error, FD_DB_ERROR, FD_DB_ERROR_BAD_REQUEST);
  g_assert_nonnull (strstr (error->message, "KIND:ID"));
  g_clear_error (&error);
  query.record = NULL;
  query.since = "next tuesday-ish";
  entries = search_audit (fixture, &query, &error);
  g_assert_error (error, FD_DB_ERROR, FD_DB_ERROR_INVALID_DATA);
  g_clear_error (&error);
  query.since = NULL;
  query.page_size = 5000;
  entries = search_audit (fixture, &query, &error);
  g_assert_error (error, FD_DB_ERROR, FD_DB_ERROR_BAD_REQUEST);
  g_clear_error (&error);

  /* The actions for the viewer's filter: each once, in order. */
  {
    g_autoptr(FdAdministration) administration = fd_administration_new (fixture->admin.connection);
    g_autoptr(GAsyncResult) result = NULL;
    g_auto(GStrv) actions = NULL;
    g_autofree char *expected = fd_test_query_value (fixture->owner,
                                                     "SELECT string_agg(DISTINCT action, ',' "
                                                     "ORDER BY action) FROM frontdesk.audit_log");
    g_autoptr(GString) listed = g_string_new (NULL);

    fd_administration_audit_actions_async (administration, NULL, fd_test_store_result_cb, &result);
    actions = fd_administration_audit_actions_finish (administration,
                                                      fd_test_wait_for_result (&result), &error);
    g_assert_no_error (error);
    for (guint i = 0; actions[i] != NULL; i++)
      g_string_append_printf (listed, "%s%s", i > 0 ? "," : "", actions[i]);
    g_assert_cmpstr (listed->str, ==, expected);
    g_assert_nonnull (strstr (listed->str, "update"));
  }

  /* Pages of 7 cover the whole log once, newest first, without gaps or repeats. */
  total = fd_test_query_value (fixture->owner, "SELECT count(*) FROM frontdesk.audit_log");
  query.page_size = 7;
  do
    {
      g_clear_pointer (&entries, PQclear);
      query.before_id = before;
      entries = search_audit (fixture, &query, &error);
      g_assert_no_error (error);
      for (int row = 0; row < PQntuples (entries); row++)
        {
          gint64 id = g_ascii_strtoll (audit_value (entries, row, "audit_id"), NULL, 10);

          g_assert_true (before == 0 || id < before);
          g_assert_true (g_hash_table_add (seen, g_strdup (audit_value (entries, row,
                                                                        "audit_id"))));
          before = id;
        }
      pages++;
    }
  while (PQntuples (entries) == 7);
  g_assert_cmpuint (g_hash_table_size (seen), ==, g_ascii_strtoull (total, NULL, 10));
  g_assert_cmpuint (pages, ==, g_hash_table_size (seen) / 7 + 1);
}

/* The log test_audit_plans() and test_audit_pages_match() page through: 20,000 entries of
 * 20 people, four actions, a thousand records of each of three kinds, an entry a second. */
static char *
fill_audit_log (Fixture *fixture)
{
  fd_test_exec (fixture->owner,
                "INSERT INTO frontdesk.audit_log (at, actor, action, table_name, record_id) "
                "SELECT now() - make_interval(secs => 20000 - i), 'user_' || i % 20, "
                "       (ARRAY['update', 'insert', 'session open', 'lock broken'])[1 + i % 4], "
                "       (ARRAY['clients', 'appointments', 'procedures'])[1 + i % 3], "
                "       (i % 1000)::text "
                "  FROM generate_series(1, 20000) i");
  fd_test_exec (fixture->owner, "ANALYZE frontdesk.audit_log");
  return fd_test_query_value (fixture->owner, "SELECT min(id) + 10000 FROM frontdesk.audit_log");
}

/* How many times the server has read @index (its statistics flushed first). */
static guint64
index_scans (Fixture    *fixture,
             const char *index)
{
  g_autofree char *scans = NULL;

  fd_test_exec (fixture->owner, "SELECT pg_stat_clear_snapshot()");
  scans = query_value (fixture->owner, "SELECT idx_scan FROM pg_stat_all_indexes WHERE "
                       "schemaname = 'frontdesk' AND indexrelname = '%s'", index);
  return g_ascii_strtoull (scans, NULL, 10);
}

/* The plan of a page for each filter: read in order from one range of the index its
 * filters name, never a scan of the whole log, never sorted; the same plan (a generic one,
 * planned once) as audit_search() reads the page with, whose statements are those
 * audit_search_sql() gives. That audit_search() itself reads that index is seen in the
 * server's statistics: a comparison in another collation than the index's, say, would
 * read the whole log in time order instead. Timing belongs to tests/bench-audit. */
static void
test_audit_plans (Fixture       *fixture,
                  gconstpointer  data)
{
  const struct
  {
    const char *name;
    const char *arguments;
    const char *index;
  } queries[] = {
    { "no filter", "NULL, NULL, NULL, NULL, NULL", "audit_log_at" },
    { "user", "'user_3', NULL, NULL, NULL, NULL", "audit_log_actor" },
    { "record", "NULL, 'clients:42', NULL, NULL, NULL", "audit_log_record" },
    { "action", "NULL, NULL, 'lock broken', NULL, NULL", "audit_log_action" },
    { "period", "NULL, NULL, NULL, now() - interval '3 hours', now() - interval '2 hours'",
      "audit_log_at" },
    { "user and period", "'user_3', NULL, NULL, now() - interval '3 hours', "
      "now() - interval '2 hours'", "audit_log_actor" },
    /* None of user_3's entries is an update: read from where they would be, not all. */
    { "user and action", "'user_3', NULL, 'update', NULL, NULL", "audit_log_actor_action" },
    { "record and action", "NULL, 'clients:42', 'update', NULL, NULL", "audit_log_record" },
    { "record and user", "'user_2', 'clients:42', NULL, NULL, NULL", "audit_log_record" },
    { "context", "NULL, 'context:fees:3', NULL, NULL, NULL", "audit_log_record" },
  };
  g_autofree char *middle = fill_audit_log (fixture);
  g_autofree char *body = fd_test_query_value (fixture->owner,
                                               "SELECT prosrc FROM pg_proc WHERE oid = "
                                               "'frontdesk.audit_search'::regproc");

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    for (guint page = 0; page < 2; page++)
      {
        const char *before = page == 0 ? "NULL" : middle;
        g_autofree char *plan = query_value (fixture->admin.connection,
                                             "SELECT frontdesk.audit_search_plan(%s, %s, 50)",
                                             queries[i].arguments, before);
        g_autofree char *statement = query_value (fixture->owner,
                                                  "SELECT frontdesk.audit_search_sql(%s, %s, "
                                                  "50)", queries[i].arguments, before);
        g_autofree char *reads = g_strdup_printf (" using %s on audit_log a ", queries[i].index);
        g_autofree char *page_sql = g_strdup_printf ("SELECT count(*) FROM "
                                                     "frontdesk.audit_search(%s, %s, 50)",
                                                     queries[i].arguments, before);
        g_autofree char *rows = NULL;
        guint64 scans;

        g_test_message ("%s, page %u:\n%s", queries[i].name, page + 1, plan);
        if (strstr (plan, reads) == NULL || strstr (plan, "Seq Scan") != NULL ||
            strstr (plan, "Sort") != NULL || strstr (plan, "JIT") != NULL)
          g_error ("The %s filter does not page from %s alone:\n%s", queries[i].name,
                   queries[i].index, plan);
        g_assert_nonnull (strstr (body, statement));

        scans = index_scans (fixture, queries[i].index);
        rows = fd_test_query_value (fixture->admin.connection, page_sql);
        /* Flushed as the connection goes idle after this, before it answers. */
        fd_test_exec (fixture->admin.connection, "SELECT pg_stat_force_next_flush()");
        g_assert_cmpuint (index_scans (fixture, queries[i].index), >, scans);
      }
}

/* Every page, each filter alone and together, the period's end and a page's start in
 * either order, holds the same entries as the plain query of the log would give. */
static void
test_audit_pages_match (Fixture       *fixture,
                        gconstpointer  data)
{
  const char *logins[] = { "NULL", "'user_3'" };
  const char *records[] = { "NULL", "'clients:42'", "'procedures:41'" };
  const char *actions[] = { "NULL", "'update'", "'insert'" };
  const char *periods[] = {
    "NULL, NULL",
    "now() - interval '3 hours', NULL",
    "NULL, now() - interval '4 hours'",
    "now() - interval '5 hours', now() - interval '2 hours'",
  };
  g_autofree char *middle = fill_audit_log (fixture);
  const char *befores[] = { "NULL", middle };
  guint compared = 0;

  for (guint l = 0; l < G_N_ELEMENTS (logins); l++)
    for (guint r = 0; r < G_N_ELEMENTS (records); r++)
      for (guint a = 0; a < G_N_ELEMENTS (actions); a++)
        for (guint p = 0; p < G_N_ELEMENTS (periods); p++)
          for (guint b = 0; b < G_N_ELEMENTS (befores); b++)
            {
              g_autofree char *page = query_value (
                fixture->admin.connection,
                "SELECT coalesce(string_agg(audit_id::text, ','), '') FROM "
                "frontdesk.audit_search(%s, %s, %s, %s, %s, 20)", logins[l], records[r],
                actions[a], periods[p], befores[b]);
              g_autofree char *plain = query_value (
                fixture->owner,
                "SELECT coalesce(string_agg(id::text, ',' ORDER BY at DESC, id DESC), '') "
                "  FROM (SELECT * FROM frontdesk.audit_log, "
                "               (SELECT %s::name AS f_login, %s::text AS f_record, "
                "                       %s::text AS f_action) f, "
                "               (SELECT v.s::timestamptz AS f_since, v.u::timestamptz AS f_until "
                "                  FROM (VALUES (%s)) v (s, u)) t "
                "         WHERE (f_login IS NULL OR actor = f_login) "
                "           AND (f_record IS NULL OR table_name || ':' || record_id = f_record) "
                "           AND (f_action IS NULL OR action = f_action) "
                "           AND (f_since IS NULL OR at >= f_since) "
                "           AND (f_until IS NULL OR at < f_until) "
                "           AND (%s::bigint IS NULL OR (at, id) < (SELECT l.at, l.id FROM "
                "                frontdesk.audit_log l WHERE l.id = %s::bigint)) "
                "         ORDER BY at DESC, id DESC LIMIT 20) e",
                logins[l], records[r], actions[a], periods[p], befores[b], befores[b]);

              g_assert_cmpstr (page, ==, plain);
              compared += page[0] != '\0';
            }
  /* Most combinations have entries: the comparison is not between empty pages. */
  g_assert_cmpuint (compared, >, 50);
}

/* The integrity checks ------------------------------------------------------------------- */

typedef struct
{
  guint calls;
  guint last_done;
  guint last_total;
  char *last_title;
} Progress;

static void
progress_cb (guint       done,
             guint       total,
             const char *title,
             gpointer    user_data)
{
  Progress *progress = user_data;

  g_assert_cmpuint (done, ==, progress->calls);
  progress->calls++;
  progress->last_done = done;
  progress->last_total = total;
  g_free (progress->last_title);
  progress->last_title = g_strdup (title);
}

static GListModel *
check_integrity (Fixture  *fixture,
                 gboolean  repair,
                 Progress *progress)
{
  g_autoptr(FdAdministration) administration = fd_administration_new (fixture->admin.connection);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *findings;

  fd_administration_check_integrity_async (administration, repair, progress_cb, progress, NULL,
                                           NULL, fd_test_store_result_cb, &result);
  findings = fd_administration_check_integrity_finish (administration,
                                                       fd_test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  return findings;
}

/* The finding of @check about @record_id (any record when NULL) with @severity, or NULL. */
static FdIntegrityFinding *
find_finding (GListModel *findings,
              const char *check,
              const char *severity,
              const char *record_id)
{
  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(FdIntegrityFinding) finding = g_list_model_get_item (findings, i);

      /* Borrowed: the model keeps it. */
      if (g_str_equal (fd_integrity_finding_get_check (finding), check) &&
          g_str_equal (fd_integrity_finding_get_severity (finding), severity) &&
          (record_id == NULL ||
           g_strcmp0 (fd_integrity_finding_get_record_id (finding), record_id) == 0))
        return finding;
    }
  return NULL;
}

static gboolean
old_signals_purgeable (gpointer user_data)
{
  g_autofree char *purgeable = fd_test_query_value (user_data,
                                                    "SELECT coalesce(bool_and(xid < "
                                                    "pg_snapshot_xmin(pg_current_snapshot())), "
                                                    "true) FROM frontdesk.signals "
                                                    "WHERE created_at < now() - interval '1 day'");

  return g_str_equal (purgeable, "t");
}

static void
test_integrity (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GListModel) findings = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *hidden = NULL;
  g_autofree char *planned = NULL;
  g_autofree char *complete = NULL;
  g_autofree char *moved = NULL;
  g_autofree char *late = NULL;
  g_autofree char *twin = NULL;
  g_autofree char *n_checks = NULL;
  g_autofree char *value = NULL;
  Progress progress = { 0 };
  FdIntegrityFinding *finding;

  /* What no constraint stops: two bookings in one chair, a hidden provider's future day, a
   * fee that drifted from its schedule, a procedure on someone else's appointment, a crashed
   * desk's lock, and signals nobody purged. */
  second = fd_test_book_overlap (fixture->owner, &first);
  fd_test_exec (fixture->owner,
                "INSERT INTO frontdesk.providers (abbreviation, first_name, last_name, hidden) "
                "VALUES ('GONE', 'Gina', 'Gone', true)");
  hidden = fd_test_query_value (fixture->owner,
                                "INSERT INTO frontdesk.appointments (client_id, provider_id, "
                                "operatory_id, starts_at) "
                                "SELECT 3, (SELECT id FROM frontdesk.providers WHERE "
                                "abbreviation = 'GONE'), min(id), now() + interval '40 days' "
                                "FROM frontdesk.operatories RETURNING id");
  planned = fd_test_query_value (fixture->owner,
                                 "UPDATE frontdesk.procedures SET fee = fee + 10 WHERE id = "
                                 "(SELECT min(procedure_id) FROM frontdesk.schedule_fees() "
                                 "WHERE status = 'planned') RETURNING id");
  complete = fd_test_query_value (fixture->owner,
                                  "UPDATE frontdesk.procedures SET fee = fee + 10 WHERE id = "
                                  "(SELECT min(procedure_id) FROM frontdesk.schedule_fees() "
                                  "WHERE status = 'complete') RETURNING id");
  moved = fd_test_query_value (fixture->owner,
                               "UPDATE frontdesk.procedures SET appointment_id = " "(SELECT id "
                               "FROM frontdesk.appointments WHERE client_id <> procedures."
                               "client_id LIMIT 1) WHERE id = (SELECT max(id) FROM "
                               "frontdesk.procedures) RETURNING id");
  fd_test_exec (fixture->owner,
                "INSERT INTO frontdesk.signals (kind, key, created_at) "
                "SELECT 'clients', i::text, now() - interval '3 days' "
                "FROM generate_series(1, 5) i");
  late = fd_test_query_value (fixture->owner,
                              "INSERT INTO frontdesk.appointments (client_id, provider_id, "
                              "operatory_id, starts_at) "
                              "SELECT 4, min(p.id), min(o.id), frontdesk.practice_instant("
                              "current_date + 20, 23 * 60) "
                              "FROM frontdesk.providers p, frontdesk.operatories o RETURNING id");
  twin = fd_test_query_value (fixture->owner,
                              "INSERT INTO frontdesk.clients (first_name, last_name, birth_date) "
                              "SELECT upper(first_name), last_name, birth_date "
                              "FROM frontdesk.clients WHERE birth_date IS NOT NULL "
                              "ORDER BY id LIMIT 1 RETURNING id");
  leave_dead_lock (fixture, "11");
  n_checks = fd_test_query_value (fixture->owner,
                                  "SELECT count(*) FROM frontdesk.integrity_checks");

  findings = check_integrity (fixture, FALSE, &progress);
  g_assert_cmpuint (progress.calls, ==, atoi (n_checks) + 1);
  g_assert_cmpuint (progress.last_done, ==, progress.last_total);
  g_assert_null (progress.last_title);

  finding = find_finding (findings, "overlapping_appointments", "error", second);
  g_assert_nonnull (finding);
  g_assert_nonnull (strstr (fd_integrity_finding_get_message (finding), first));
  g_assert_false (fd_integrity_finding_get_repairable (finding));
  g_assert_null (fd_integrity_finding_get_repair (finding));
  g_assert_nonnull (find_finding (findings, "hidden_provider_appointments", "warning", hidden));
  g_assert_nonnull (find_finding (findings, "procedure_of_other_client", "error", moved));
  finding = find_finding (findings, "fee_differs_from_schedule", "warning", planned);
  g_assert_nonnull (finding);
  g_assert_true (fd_integrity_finding_get_repairable (finding));
  finding = find_finding (findings, "fee_differs_from_schedule", "info", complete);
  g_assert_nonnull (finding);
  g_assert_false (fd_integrity_finding_get_repairable (finding));
  finding = find_finding (findings, "dead_record_locks", "warning", "11");
  g_assert_nonnull (finding);
  g_assert_nonnull (strstr (fd_integrity_finding_get_message (finding), "Crashed desk"));
  g_assert_true (fd_integrity_finding_get_repairable (finding));
  g_assert_true (g_str_has_prefix (fd_integrity_finding_get_repair (finding), "Release them"));
  finding = find_finding (findings, "signal_backlog", "warning", NULL);
  g_assert_nonnull (finding);
  g_assert_true (g_str_has_prefix (fd_integrity_finding_get_message (finding), "5 change signals"));
  finding = find_finding (findings, "appointments_outside_hours", "warning", late);
  g_assert_nonnull (finding);
  g_assert_nonnull (strstr (fd_integrity_finding_get_message (finding), "23:00"));
  g_assert_nonnull (find_finding (findings, "possible_duplicate_clients", "info", twin));
  g_clear_object (&findings);

  /* Checking changed nothing. */
  value = fd_test_query_value (fixture->owner, "SELECT count(*) FROM frontdesk.audit_log "
                                               "WHERE action = 'integrity repair'");
  g_assert_cmpstr (value, ==, "0");
  g_clear_pointer (&value, g_free);

  /* Repair: what is safe is repaired and audited; what needs a person is reported still.
   * Old signals go only once no transaction anywhere on the server (another test's) could
   * still be writing before them: wait for that first. */
  fd_test_wait_until (old_signals_purgeable, fixture->owner, "the old signals to be purgeable");
  progress.calls = 0;
  findings = check_integrity (fixture, TRUE, &progress);
  g_assert_nonnull (find_finding (findings, "fee_differs_from_schedule", "repaired", NULL));
  g_assert_nonnull (find_finding (findings, "dead_record_locks", "repaired", NULL));
  g_assert_nonnull (find_finding (findings, "signal_backlog", "repaired", NULL));
  g_assert_null (find_finding (findings, "fee_differs_from_schedule", "warning", planned));
  g_assert_nonnull (find_finding (findings, "fee_differs_from_schedule", "info", complete));
  g_assert_null (find_finding (findings, "dead_record_locks", "warning", NULL));
  g_assert_null (find_finding (findings, "signal_backlog", "warning", NULL));
  g_assert_nonnull (find_finding (findings, "overlapping_appointments", "error", second));
  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(FdIntegrityFinding) item = g_list_model_get_item (findings, i);

      g_assert_false (fd_integrity_finding_get_repairable (item));
    }

  value = query_value (fixture->owner, "SELECT p.fee = f.schedule_fee FROM frontdesk.procedures p "
                                       "JOIN frontdesk.schedule_fees() f ON f.procedure_id = p.id "
                                       "WHERE p.id = %s", planned);
  g_assert_cmpstr (value, ==, "t");
  g_clear_pointer (&value, g_free);
  value = fd_test_query_value (fixture->owner, "SELECT count(*) FROM frontdesk.record_locks "
                                               "WHERE record_id = '11'");
  g_assert_cmpstr (value, ==, "0");
  g_clear_pointer (&value, g_free);
  /* The crashed desk, if it comes back, is told an administrator released its lock. */
  value = fd_test_query_value (fixture->owner, "SELECT cause || ' ' || by_login FROM "
                                               "frontdesk.lock_losses WHERE record_id = '11'");
  g_assert_true (g_str_has_prefix (value, "broken staff_"));
  g_clear_pointer (&value, g_free);
  value = fd_test_query_value (fixture->owner, "SELECT string_agg(record_id, ',' ORDER BY id) "
                                               "FROM frontdesk.audit_log "
                                               "WHERE action = 'integrity repair'");
  g_assert_cmpstr (value, ==, "fee_differs_from_schedule,dead_record_locks,signal_backlog");
  g_clear_pointer (&value, g_free);

  /* Nothing left to repair: the next run repairs nothing. */
  g_clear_object (&findings);
  progress.calls = 0;
  findings = check_integrity (fixture, TRUE, &progress);
  g_assert_null (find_finding (findings, "dead_record_locks", "repaired", NULL));

  /* What needs a person is never repaired by the server. */
  fd_test_assert_refused (fixture->admin.connection,
                          "SELECT frontdesk.integrity_repair('overlapping_appointments')",
                          FD_DB_ERROR_INTEGRITY_CHECK, "needs a person to decide");
  fd_test_assert_refused (fixture->admin.connection,
                          "SELECT * FROM frontdesk.integrity_check('reticulate_splines')",
                          FD_DB_ERROR_INTEGRITY_CHECK, "no integrity check");
  g_free (progress.last_title);
}

/* The models: the same lock table as GObjects ---------------------------------------------- */

static FdLockRow *
lock_row_new (const char *record_id,
              const char *holder_name)
{
  return g_object_new (FD_TYPE_LOCK_ROW, "lock-kind", "record", "record-kind", "clients",
                       "record-id", record_id, "description", record_id,
                       "holder-name", holder_name, NULL);
}

static void
count_notify (GObject    *row,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

/* No server: a fresh read merged into the list shown keeps each lock's object. */
static void
test_list_store_sync (void)
{
  g_autoptr(GListStore) shown = g_list_store_new (FD_TYPE_LOCK_ROW);
  g_autoptr(GListStore) fresh = g_list_store_new (FD_TYPE_LOCK_ROW);
  g_autoptr(FdLockRow) a = lock_row_new ("1", "Anna");
  g_autoptr(FdLockRow) b = lock_row_new ("2", "Ben");
  g_autoptr(FdLockRow) c = lock_row_new ("3", "Cleo");
  g_autoptr(FdLockRow) b_taken = lock_row_new ("2", "Dana");
  g_autoptr(FdLockRow) d = lock_row_new ("4", "Dana");
  g_autoptr(FdLockRow) a_again = lock_row_new ("1", "Anna");
  g_autoptr(FdLockRow) kept = NULL;
  g_autoptr(GDateTime) since = g_date_time_new_utc (2026, 11, 21, 14, 5, 12);
  g_autoptr(GDateTime) same_since = g_date_time_new_utc (2026, 11, 21, 14, 5, 12);
  guint b_notified = 0;

  g_list_store_append (shown, a);
  g_list_store_append (shown, b);
  g_list_store_append (shown, c);
  g_object_set (b, "since", since, NULL);
  g_signal_connect (b, "notify", G_CALLBACK (count_notify), &b_notified);

  /* Cleo's lock went, Ben's was taken by Dana, Dana locked another, Anna's moved last. */
  g_object_set (b_taken, "since", same_since, NULL);
  g_list_store_append (fresh, b_taken);
  g_list_store_append (fresh, d);
  g_list_store_append (fresh, a_again);
  fd_list_store_sync (shown, G_LIST_MODEL (fresh), fd_lock_row_is_same_lock);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (shown)), ==, 3);
  kept = g_list_model_get_item (G_LIST_MODEL (shown), 0);
  g_assert_true (kept == b);
  g_assert_cmpstr (fd_lock_row_get_holder_name (b), ==, "Dana");
  /* Only the holder changed: an equal time is no change. */
  g_assert_cmpuint (b_notified, ==, 1);
  g_clear_object (&kept);
  kept = g_list_model_get_item (G_LIST_MODEL (shown), 1);
  g_assert_true (kept == d);
  g_clear_object (&kept);
  kept = g_list_model_get_item (G_LIST_MODEL (shown), 2);
  g_assert_true (kept == a);

  /* The same read again changes nothing at all. */
  fd_list_store_sync (shown, G_LIST_MODEL (fresh), fd_lock_row_is_same_lock);
  g_assert_cmpuint (b_notified, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (shown)), ==, 3);
}

static FdLockRow *
find_lock_row (GListModel *locks,
               const char *record_id)
{
  for (guint i = 0; i < g_list_model_get_n_items (locks); i++)
    {
      g_autoptr(FdLockRow) row = g_list_model_get_item (locks, i);

      if (g_str_equal (fd_lock_row_get_record_id (row), record_id))
        return row;  /* the list holds it */
    }
  g_error ("No lock on %s", record_id);
}

/* The lock table and the sessions as the widgets get them: objects, times as GDateTime. */
static void
test_lock_rows (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(FdAdministration) administration = fd_administration_new (fixture->admin.connection);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) locks = NULL;
  g_autoptr(GListModel) sessions = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) before = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) after = NULL;
  FdLockRow *row;
  gboolean anna_listed = FALSE;

  g_free (query_value (fixture->anna.connection,
                       "SELECT frontdesk.lock_acquire('clients', '3')"));
  leave_dead_lock (fixture, "7");
  after = g_date_time_new_now_utc ();

  fd_administration_load_locks_async (administration, NULL, fd_test_store_result_cb, &result);
  locks = fd_administration_load_locks_finish (administration, fd_test_wait_for_result (&result),
                                               &error);
  g_assert_no_error (error);
  g_assert_true (g_list_model_get_item_type (locks) == FD_TYPE_LOCK_ROW);

  row = find_lock_row (locks, "3");
  g_assert_false (fd_lock_row_is_save_lock (row));
  g_assert_cmpstr (fd_lock_row_get_record_kind (row), ==, "clients");
  g_assert_true (g_str_has_prefix (fd_lock_row_get_description (row), "Client "));
  g_assert_cmpstr (fd_lock_row_get_holder_login (row), ==, fixture->anna.login);
  g_assert_cmpstr (fd_lock_row_get_holder_workstation (row), ==, "Reception 1");
  g_assert_cmpint (fd_lock_row_get_holder_session (row), ==,
                   fd_session_get_id (fixture->anna.session));
  g_assert_true (fd_lock_row_get_alive (row));
  g_assert_false (fd_lock_row_get_expired (row));
  g_assert_null (fd_lock_row_get_expires_at (row));
  /* Taken in this test, to the microsecond the server wrote (a second of slack for clocks). */
  g_assert_nonnull (fd_lock_row_get_since (row));
  g_assert_cmpint (g_date_time_difference (fd_lock_row_get_since (row), before), >,
                   -G_USEC_PER_SEC);
  g_assert_cmpint (g_date_time_difference (after, fd_lock_row_get_since (row)), >,
                   -G_USEC_PER_SEC);

  row = find_lock_row (locks, "7");
  g_assert_cmpstr (fd_lock_row_get_holder_workstation (row), ==, "Crashed desk");
  g_assert_false (fd_lock_row_get_alive (row));

  g_clear_object (&result);
  fd_administration_load_sessions_async (administration, NULL, fd_test_store_result_cb, &result);
  sessions = fd_administration_load_sessions_finish (administration,
                                                     fd_test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (sessions), ==, 3);
  for (guint i = 0; i < g_list_model_get_n_items (sessions); i++)
    {
      g_autoptr(FdSessionRow) session = g_list_model_get_item (sessions, i);

      g_assert_nonnull (fd_session_row_get_opened_at (session));
      g_assert_cmpint (fd_session_row_get_alive (session), ==,
                       !g_str_equal (fd_session_row_get_workstation (session), "Crashed desk"));
      g_assert_cmpint (fd_session_row_get_is_mine (session), ==,
                       fd_session_row_get_session_id (session) ==
                       fd_session_get_id (fixture->admin.session));
      if (fd_session_row_get_session_id (session) == fd_session_get_id (fixture->anna.session))
        {
          anna_listed = TRUE;
          g_assert_cmpuint (fd_session_row_get_record_locks (session), ==, 1);
          g_assert_cmpuint (fd_session_row_get_save_locks (session), ==, 0);
          g_assert_false (fd_session_row_get_is_admin (session));
          g_assert_cmpstr (fd_session_row_get_login (session), ==, fixture->anna.login);
        }
    }
  g_assert_true (anna_listed);
}

int
main (int   argc,
      char *argv[])
{
  fd_test_init (&argc, &argv);

  g_test_add_func ("/frontdesk/admin/list-store-sync", test_list_store_sync);
  g_test_add ("/frontdesk/admin/lock-rows", Fixture, NULL, fixture_setup, test_lock_rows,
              fixture_teardown);
  g_test_add ("/frontdesk/admin/lock-table-and-sessions", Fixture, NULL, fixture_setup,
              test_lock_table, fixture_teardown);
  g_test_add ("/frontdesk/admin/break-and-take", Fixture, NULL, fixture_setup,
              test_break_and_take, fixture_teardown);
  g_test_add ("/frontdesk/admin/refused-to-staff", Fixture, NULL, fixture_setup,
              test_refused_to_staff, fixture_teardown);
  g_test_add ("/frontdesk/admin/maintenance", Fixture, NULL, fixture_setup, test_maintenance,
              fixture_teardown);
  g_test_add ("/frontdesk/admin/maintenance-after-reconnect", Fixture, NULL, fixture_setup,
              test_maintenance_after_reconnect, fixture_teardown);
  g_test_add ("/frontdesk/admin/maintenance-by-polling", Fixture, NULL, fixture_setup,
              test_maintenance_by_polling, fixture_teardown);
  g_test_add ("/frontdesk/admin/audit-search", Fixture, NULL, fixture_setup, test_audit_search,
              fixture_teardown);
  g_test_add ("/frontdesk/admin/audit-plans", Fixture, NULL, fixture_setup, test_audit_plans,
              fixture_teardown);
  g_test_add ("/frontdesk/admin/audit-pages-match", Fixture, NULL, fixture_setup,
              test_audit_pages_match, fixture_teardown);
  g_test_add ("/frontdesk/admin/integrity", Fixture, NULL, fixture_setup, test_integrity,
              fixture_teardown);

  return fd_test_run ();
}
