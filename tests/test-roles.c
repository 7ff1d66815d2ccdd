/* test-roles.c: what the server refuses a staff login (and an administrator) whatever the
 * client sends: raw SQL through a staff member's own connection.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "fd-test-server.h"

typedef struct
{
  char         *dbname;
  char         *staff;
  char         *admin;
  FdConnection *owner;      /* the database owner, a superuser */
  FdConnection *as_staff;
  FdConnection *as_admin;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->dbname = fd_test_create_database (TRUE);
  fixture->owner = fd_test_open_connection (fixture->dbname);
  fd_test_exec (fixture->owner, "SELECT frontdesk.sample_data(20, 1)");

  fixture->staff = fd_test_create_staff (FALSE);
  fixture->admin = fd_test_create_staff (TRUE);
  fixture->as_staff = fd_test_open_connection_as (fixture->dbname, fixture->staff);
  fixture->as_admin = fd_test_open_connection_as (fixture->dbname, fixture->admin);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->as_staff);
  g_clear_object (&fixture->as_admin);
  g_clear_object (&fixture->owner);
  fd_test_drop_database (fixture->dbname);
  g_free (fixture->dbname);
  g_free (fixture->staff);
  g_free (fixture->admin);
}

static void
test_audit_log_is_out_of_reach (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autofree char *count = NULL;

  fd_test_assert_refused (fixture->as_staff, "SELECT count(*) FROM frontdesk.audit_log",
                          FD_DB_ERROR_PERMISSION_DENIED, "audit_log");
  fd_test_assert_refused (fixture->as_staff, "UPDATE frontdesk.audit_log SET actor = 'x'",
                          FD_DB_ERROR_PERMISSION_DENIED, "audit_log");
  fd_test_assert_refused (fixture->as_staff, "DELETE FROM frontdesk.audit_log",
                          FD_DB_ERROR_PERMISSION_DENIED, "audit_log");
  fd_test_assert_refused (fixture->as_admin, "DELETE FROM frontdesk.audit_log",
                          FD_DB_ERROR_PERMISSION_DENIED, "audit_log");

  /* Not even the owner changes history. */
  fd_test_assert_refused (fixture->owner, "UPDATE frontdesk.audit_log SET actor = 'x'",
                          FD_DB_ERROR_IMMUTABLE, "never changed");
  fd_test_assert_refused (fixture->owner, "DELETE FROM frontdesk.audit_log",
                          FD_DB_ERROR_IMMUTABLE, "never changed");
  count = fd_test_query_value (fixture->owner,
                               "SELECT count(*) FROM frontdesk.audit_log WHERE actor = 'x'");
  g_assert_cmpstr (count, ==, "0");
}

static void
test_note_versions_are_out_of_reach (Fixture       *fixture,
                                     gconstpointer  data)
{
  fd_test_assert_refused (fixture->as_staff, "UPDATE frontdesk.procedure_notes SET body = 'x'",
                          FD_DB_ERROR_PERMISSION_DENIED, "procedure_notes");
  fd_test_assert_refused (fixture->as_staff, "DELETE FROM frontdesk.procedure_notes",
                          FD_DB_ERROR_PERMISSION_DENIED, "procedure_notes");
  fd_test_assert_refused (fixture->as_staff,
                          "INSERT INTO frontdesk.procedure_notes (procedure_id, version, body) "
                          "SELECT id, 99, 'forged' FROM frontdesk.procedures LIMIT 1",
                          FD_DB_ERROR_PERMISSION_DENIED, "procedure_notes");
  fd_test_assert_refused (fixture->owner, "UPDATE frontdesk.procedure_notes SET body = 'x'",
                          FD_DB_ERROR_IMMUTABLE, "new version");
}

static void
test_lookup_rows_are_hidden_not_deleted (Fixture       *fixture,
                                         gconstpointer  data)
{
  const char *tables[] = { "providers", "employees", "operatories", "definitions",
                           "procedure_codes" };
  g_autofree char *hidden = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("DELETE FROM frontdesk.%s", tables[i]);

      fd_test_assert_refused (fixture->as_staff, sql, FD_DB_ERROR_PERMISSION_DENIED, tables[i]);
      fd_test_assert_refused (fixture->as_admin, sql, FD_DB_ERROR_PERMISSION_DENIED, tables[i]);
    }
  fd_test_assert_refused (fixture->owner, "DELETE FROM frontdesk.providers",
                          FD_DB_ERROR_IMMUTABLE, "Providers are hidden, never deleted");
  fd_test_assert_refused (fixture->as_staff, "DELETE FROM frontdesk.clients",
                          FD_DB_ERROR_PERMISSION_DENIED, "clients");

  /* Hiding is Setup's work: an administrator's, not a front-desk login's. */
  fd_test_assert_refused (fixture->as_staff,
                          "UPDATE frontdesk.providers SET hidden = true WHERE abbreviation = 'DR2'",
                          FD_DB_ERROR_PERMISSION_DENIED, "providers");
  fd_test_exec (fixture->as_admin,
                "UPDATE frontdesk.providers SET hidden = true WHERE abbreviation = 'DR2'");
  hidden = fd_test_query_value (fixture->owner, "SELECT hidden FROM frontdesk.providers "
                                                "WHERE abbreviation = 'DR2'");
  g_assert_cmpstr (hidden, ==, "t");
}

static void
test_nobody_writes_as_someone_else (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autofree char *set_role = g_strdup_printf ("SET ROLE %s", fixture->admin);
  g_autofree char *set_authorization = g_strdup_printf ("SET SESSION AUTHORIZATION %s",
                                                        fixture->admin);
  g_autofree char *actor = NULL;
  g_autofree char *sql = NULL;

  fd_test_assert_refused (fixture->as_staff,
                          "INSERT INTO frontdesk.audit_log (actor, action) VALUES ('boss', 'x')",
                          FD_DB_ERROR_PERMISSION_DENIED, "audit_log");
  fd_test_assert_refused (fixture->as_staff, set_role, FD_DB_ERROR_PERMISSION_DENIED, NULL);
  fd_test_assert_refused (fixture->as_staff, set_authorization,
                          FD_DB_ERROR_PERMISSION_DENIED, NULL);
  fd_test_assert_refused (fixture->as_staff,
                          "INSERT INTO frontdesk.sessions (secret_hash, login, display_name, "
                          "workstation, backend_pid, backend_start) VALUES ('', 'boss', 'B', "
                          "'w', 1, now())",
                          FD_DB_ERROR_PERMISSION_DENIED, "sessions");
  fd_test_assert_refused (fixture->as_staff,
                          "SELECT frontdesk.emit_signal('clients', '1', NULL)",
                          FD_DB_ERROR_PERMISSION_DENIED, "emit_signal");
  fd_test_assert_refused (fixture->as_staff,
                          "SELECT frontdesk.write_audit('update', 'clients', '1', NULL, NULL)",
                          FD_DB_ERROR_PERMISSION_DENIED, "write_audit");

  /* What staff do write is signed with their own login. */
  fd_test_exec (fixture->as_staff,
                "UPDATE frontdesk.clients SET notes = 'Signed' WHERE id = 1");
  actor = fd_test_query_value (fixture->owner,
                               "SELECT actor FROM frontdesk.audit_log WHERE table_name = "
                               "'clients' AND record_id = '1' ORDER BY id DESC LIMIT 1");
  g_assert_cmpstr (actor, ==, fixture->staff);
  sql = g_strdup_printf ("SELECT count(*) FROM frontdesk.audit_log WHERE actor <> '%s' "
                         "AND changes -> 'notes' ->> 'new' = 'Signed'", fixture->staff);
  g_free (actor);
  actor = fd_test_query_value (fixture->owner, sql);
  g_assert_cmpstr (actor, ==, "0");
}

static void
test_admin_functions_refused_to_staff (Fixture       *fixture,
                                       gconstpointer  data)
{
  fd_test_assert_refused (fixture->as_staff,
                          "SELECT frontdesk.user_add('eve', 'SCRAM-SHA-256$4096:x', 'Eve', true)",
                          FD_DB_ERROR_PERMISSION_DENIED, "user_add");
  fd_test_assert_refused (fixture->as_staff, "SELECT frontdesk.user_disable('eve')",
                          FD_DB_ERROR_PERMISSION_DENIED, "user_disable");
  fd_test_assert_refused (fixture->as_staff, "SELECT frontdesk.sample_data(10, 1)",
                          FD_DB_ERROR_PERMISSION_DENIED, "sample_data");
  fd_test_assert_refused (fixture->as_staff, "SELECT frontdesk.require_admin('test')",
                          FD_DB_ERROR_PERMISSION_DENIED, "Only an administrator may do this.");
  fd_test_assert_refused (fixture->as_staff,
                          "UPDATE frontdesk.practice SET edit_time_limit = '5 minutes'",
                          FD_DB_ERROR_PERMISSION_DENIED, "practice");
}

static void
test_staff_do_front_desk_work (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *count = NULL;

  fd_test_exec (fixture->as_staff,
                "INSERT INTO frontdesk.clients (first_name, last_name) VALUES ('New', 'Client')");
  fd_test_exec (fixture->as_staff,
                "INSERT INTO frontdesk.appointments (client_id, provider_id, operatory_id, "
                "starts_at) SELECT 1, min(p.id), min(o.id), now() + interval '30 days' "
                "FROM frontdesk.providers p, frontdesk.operatories o");
  count = fd_test_query_value (fixture->as_staff,
                               "SELECT count(*) FROM frontdesk.clients WHERE last_name = 'Client'");
  g_assert_cmpstr (count, ==, "1");
}

int
main (int   argc,
      char *argv[])
{
  fd_test_init (&argc, &argv);

  g_test_add ("/frontdesk/roles/audit-log-is-out-of-reach", Fixture, NULL,
              fixture_setup, test_audit_log_is_out_of_reach, fixture_teardown);
  g_test_add ("/frontdesk/roles/note-versions-are-out-of-reach", Fixture, NULL,
              fixture_setup, test_note_versions_are_out_of_reach, fixture_teardown);
  g_test_add ("/frontdesk/roles/lookup-rows-are-hidden-not-deleted", Fixture, NULL,
              fixture_setup, test_lookup_rows_are_hidden_not_deleted, fixture_teardown);
  g_test_add ("/frontdesk/roles/nobody-writes-as-someone-else", Fixture, NULL,
              fixture_setup, test_nobody_writes_as_someone_else, fixture_teardown);
  g_test_add ("/frontdesk/roles/admin-functions-refused-to-staff", Fixture, NULL,
              fixture_setup, test_admin_functions_refused_to_staff, fixture_teardown);
  g_test_add ("/frontdesk/roles/staff-do-front-desk-work", Fixture, NULL,
              fixture_setup, test_staff_do_front_desk_work, fixture_teardown);

  return fd_test_run ();
}
