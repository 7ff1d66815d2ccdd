/* test-cli.c: frontdesk-admin and frontdesk on the command line: what they print and the
 * exit status a script sees, for good and for bad input.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <unistd.h>

#include "fd-test-server.h"

typedef struct
{
  int   status;
  char *out;
  char *err;
} Outcome;

static void
outcome_clear (Outcome *outcome)
{
  g_clear_pointer (&outcome->out, g_free);
  g_clear_pointer (&outcome->err, g_free);
}

static void
run_program_full (Outcome            *outcome,
                  const char         *env_name,
                  const char * const *args,
                  const char         *variable,
                  const char         *value,
                  const char         *input)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) argv = NULL;
  const char *program = g_getenv (env_name);

  g_assert_nonnull (program);
  g_strv_builder_add (builder, program);
  g_strv_builder_addv (builder, (const char **) args);
  argv = g_strv_builder_end (builder);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE |
                                        G_SUBPROCESS_FLAGS_STDIN_PIPE);
  if (variable != NULL)
    g_subprocess_launcher_setenv (launcher, variable, value, TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input, NULL, &outcome->out, &outcome->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  outcome->status = g_subprocess_get_exit_status (process);
}

static void
run_program_with_env (Outcome            *outcome,
                      const char         *env_name,
                      const char * const *args,
                      const char         *variable,
                      const char         *value)
{
  run_program_full (outcome, env_name, args, variable, value, NULL);
}

static void
run_program (Outcome            *outcome,
             const char         *env_name,
             const char * const *args)
{
  run_program_with_env (outcome, env_name, args, NULL, NULL);
}

static void
assert_contains (const char *text,
                 const char *part)
{
  if (text == NULL || strstr (text, part) == NULL)
    g_error ("“%s” does not contain “%s”", text, part);
}

static void
test_status_on_server (void)
{
  g_autofree char *dbname = fd_test_create_database (FALSE);
  const char *args[] = { "--host", fd_test_server_socket_dir (), "--user", fd_test_server_user (),
                         "--database", dbname, "status", NULL };
  Outcome outcome = { 0 };

  /* An empty database: status brings its layout up to date. */
  run_program (&outcome, "FRONTDESK_ADMIN", args);
  g_assert_cmpint (outcome.status, ==, 0);
  assert_contains (outcome.out, "Practice:");
  assert_contains (outcome.out, dbname);
  assert_contains (outcome.out, "Database layout:");

  outcome_clear (&outcome);
  fd_test_drop_database (dbname);
}

static void
assert_admin_fails (const char * const *args,
                    int                 status,
                    const char         *message_part)
{
  Outcome outcome = { 0 };

  run_program (&outcome, "FRONTDESK_ADMIN", args);
  g_assert_cmpint (outcome.status, ==, status);
  assert_contains (outcome.err, message_part);
  outcome_clear (&outcome);
}

static void
test_unreachable_server (void)
{
  const char *args[] = { "--host", "127.0.0.1", "--port", "1", "status", NULL };

  assert_admin_fails (args, 4, "Cannot reach the database server at 127.0.0.1:1");
}

static void
test_wrong_login (void)
{
  const char *args[] = { "--host", fd_test_server_socket_dir (), "--user", "not_on_staff",
                         "status", NULL };
  Outcome outcome = { 0 };

  /* No terminal to ask on: say what is missing. */
  assert_admin_fails (args, 4, "needs a password for “not_on_staff”");

  run_program_with_env (&outcome, "FRONTDESK_ADMIN", args, "PGPASSWORD", "guessed");
  g_assert_cmpint (outcome.status, ==, 4);
  assert_contains (outcome.err, "did not accept the login “not_on_staff”");
  outcome_clear (&outcome);
}

static void
test_missing_database (void)
{
  const char *args[] = { "--host", fd_test_server_socket_dir (), "--user", fd_test_server_user (),
                         "--database", "no_such_practice", "status", NULL };

  assert_admin_fails (args, 4, "The database “no_such_practice” does not exist");
}

static void
test_cluster_of_other_version (void)
{
  g_autofree char *folder = fd_test_make_temp_dir ("cli-old");
  g_autofree char *cluster = g_build_filename (folder, "cluster", NULL);
  g_autofree char *version = g_build_filename (cluster, "PG_VERSION", NULL);
  const char *args[] = { "--host", "", "--data-folder", folder, "status", NULL };

  g_assert_cmpint (g_mkdir_with_parents (cluster, 0700), ==, 0);
  g_assert_true (g_file_set_contents (version, "11\n", -1, NULL));

  assert_admin_fails (args, 4, "was made by PostgreSQL 11");
  fd_test_remove_tree (folder);
}

static void
test_unwritable_folder (void)
{
  g_autofree char *folder = fd_test_make_temp_dir ("cli-file");
  g_autofree char *file = g_build_filename (folder, "a-file", NULL);
  g_autofree char *inside = g_build_filename (file, "database", NULL);
  const char *args[] = { "--host", "", "--data-folder", inside, "status", NULL };

  g_assert_true (g_file_set_contents (file, "", -1, NULL));
  assert_admin_fails (args, 4, "cannot create its database folder");
  fd_test_remove_tree (folder);
}

static void
test_bad_usage (void)
{
  const char *unknown[] = { "reticulate", NULL };
  const char *bad_port[] = { "--port", "70000", "status", NULL };
  const char *no_command[] = { NULL };

  assert_admin_fails (unknown, 2, "unknown command “reticulate”");
  assert_admin_fails (bad_port, 2, "The port must be a number from 1 to 65535");
  assert_admin_fails (no_command, 2, "Commands:");
}

static void
test_frontdesk_version_and_help (void)
{
  const char *version[] = { "--version", NULL };
  const char *help[] = { "--help", NULL };
  const char *bad_port[] = { "--port", "0x", NULL };
  Outcome outcome = { 0 };

  run_program (&outcome, "FRONTDESK", version);
  g_assert_cmpint (outcome.status, ==, 0);
  g_assert_cmpstr (outcome.out, ==, "Frontdesk " PACKAGE_VERSION "\n");
  outcome_clear (&outcome);

  run_program (&outcome, "FRONTDESK", help);
  g_assert_cmpint (outcome.status, ==, 0);
  assert_contains (outcome.out, "--data-folder");
  outcome_clear (&outcome);

  run_program (&outcome, "FRONTDESK", bad_port);
  g_assert_cmpint (outcome.status, !=, 0);
  assert_contains (outcome.err, "--port");
  outcome_clear (&outcome);
}

static void
run_admin_as (Outcome            *outcome,
              const char         *dbname,
              const char         *login,
              const char         *input,
              const char * const *args)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *password = login != NULL ? fd_test_staff_password (login) : NULL;
  g_auto(GStrv) argv = NULL;

  g_strv_builder_add_many (builder, "--host", fd_test_server_socket_dir (), "--database", dbname,
                           "--user", login != NULL ? login : fd_test_server_user (), NULL);
  g_strv_builder_addv (builder, (const char **) args);
  argv = g_strv_builder_end (builder);
  run_program_full (outcome, "FRONTDESK_ADMIN", (const char * const *) argv,
                    password != NULL ? "PGPASSWORD" : NULL, password, input);
}

static void
test_users (void)
{
  g_autofree char *dbname = fd_test_create_database (TRUE);
  g_autofree char *login = g_strdup_printf ("anna_%d", getpid ());
  g_autofree char *password = fd_test_staff_password (login);
  g_autofree char *input = g_strdup_printf ("%s\n", password);
  g_autofree char *staff = fd_test_create_staff (FALSE);
  const char *add[] = { "users", "add", login, "--name", "Anna Berg", NULL };
  const char *list[] = { "users", "list", NULL };
  const char *status[] = { "status", NULL };
  const char *disable[] = { "users", "disable", login, NULL };
  Outcome outcome = { 0 };

  run_admin_as (&outcome, dbname, NULL, "short\n", add);
  g_assert_cmpint (outcome.status, ==, 2);
  assert_contains (outcome.err, "at least 8 characters");
  outcome_clear (&outcome);

  run_admin_as (&outcome, dbname, staff, input, add);
  g_assert_cmpint (outcome.status, ==, 3);
  assert_contains (outcome.err, "not allowed");
  outcome_clear (&outcome);

  run_admin_as (&outcome, dbname, NULL, input, add);
  g_assert_cmpint (outcome.status, ==, 0);
  assert_contains (outcome.out, "Added the staff login");
  outcome_clear (&outcome);

  run_admin_as (&outcome, dbname, NULL, NULL, list);
  g_assert_cmpint (outcome.status, ==, 0);
  assert_contains (outcome.out, login);
  assert_contains (outcome.out, "Anna Berg");
  outcome_clear (&outcome);

  /* The new login signs in with the password given, and is staff, not administrator. */
  run_admin_as (&outcome, dbname, login, NULL, status);
  g_assert_cmpint (outcome.status, ==, 0);
  assert_contains (outcome.out, "Signed in as:      Anna Berg (staff)");
  outcome_clear (&outcome);

  run_admin_as (&outcome, dbname, NULL, NULL, disable);
  g_assert_cmpint (outcome.status, ==, 0);
  outcome_clear (&outcome);

  run_admin_as (&outcome, dbname, login, NULL, status);
  g_assert_cmpint (outcome.status, ==, 4);
  assert_contains (outcome.err, "did not accept the login");
  outcome_clear (&outcome);

  fd_test_drop_database (dbname);
}

static char *
practice_fingerprint (const char *dbname)
{
  g_autoptr(FdConnection) connection = fd_test_open_connection (dbname);

  return fd_test_query_value (connection,
                              "SELECT md5(string_agg(first_name || last_name || guarantor_id || "
                              "coalesce(birth_date::text, ''), ',' ORDER BY id)) "
                              "FROM frontdesk.clients");
}

static void
test_sample_data (void)
{
  g_autofree char *first = fd_test_create_database (TRUE);
  g_autofree char *second = fd_test_create_database (TRUE);
  g_autofree char *other = fd_test_create_database (TRUE);
  const char *seed_five[] = { "sample-data", "--clients", "300", "--seed", "5", NULL };
  const char *seed_six[] = { "sample-data", "--clients", "300", "--seed", "6", NULL };
  g_autofree char *first_print = NULL;
  g_autofree char *second_print = NULL;
  g_autofree char *other_print = NULL;
  Outcome outcome = { 0 };

  run_admin_as (&outcome, first, NULL, NULL, seed_five);
  g_assert_cmpint (outcome.status, ==, 0);
  assert_contains (outcome.out, "clients            300");
  outcome_clear (&outcome);
  run_admin_as (&outcome, second, NULL, NULL, seed_five);
  g_assert_cmpint (outcome.status, ==, 0);
  outcome_clear (&outcome);
  run_admin_as (&outcome, other, NULL, NULL, seed_six);
  g_assert_cmpint (outcome.status, ==, 0);
  outcome_clear (&outcome);

  first_print = practice_fingerprint (first);
  second_print = practice_fingerprint (second);
  other_print = practice_fingerprint (other);
  g_assert_cmpstr (first_print, ==, second_print);
  g_assert_cmpstr (first_print, !=, other_print);

  /* Only into an empty practice. */
  run_admin_as (&outcome, first, NULL, NULL, seed_five);
  g_assert_cmpint (outcome.status, ==, 3);
  assert_contains (outcome.err, "has clients already");
  outcome_clear (&outcome);

  fd_test_drop_database (first);
  fd_test_drop_database (second);
  fd_test_drop_database (other);
}

static void
test_client_show_and_set (void)
{
  g_autofree char *dbname = fd_test_create_database (TRUE);
  g_autofree char *staff = fd_test_create_staff (FALSE);
  g_autoptr(FdConnection) owner = fd_test_open_connection (dbname);
  const char *set[] = { "client", "set", "3", "phone_mobile=0711 555 000", "city=", NULL };
  const char *bad_date[] = { "client", "set", "3", "birth_date=2026-13-01", NULL };
  const char *bad_column[] = { "client", "set", "3", "shoe_size=44", NULL };
  const char *show[] = { "client", "show", "3", NULL };
  g_autofree char *stored = NULL;
  g_autofree char *audit = NULL;
  Outcome outcome = { 0 };

  fd_test_exec (owner, "SELECT frontdesk.sample_data(20, 1)");

  run_admin_as (&outcome, dbname, staff, NULL, set);
  g_assert_cmpint (outcome.status, ==, 0);
  assert_contains (outcome.out, "Saved client 3: city, phone_mobile.");
  outcome_clear (&outcome);

  stored = fd_test_query_value (owner, "SELECT phone_mobile || '|' || (city IS NULL) "
                                       "FROM frontdesk.clients WHERE id = 3");
  g_assert_cmpstr (stored, ==, "0711 555 000|true");
  audit = fd_test_query_value (owner, "SELECT actor || '|' || workstation "
                                      "FROM frontdesk.audit_log WHERE table_name = 'clients' "
                                      "AND record_id = '3' ORDER BY id DESC LIMIT 1");
  g_assert_true (g_str_has_prefix (audit, staff));
  assert_contains (audit, "|frontdesk-admin@");

  run_admin_as (&outcome, dbname, staff, NULL, bad_date);
  g_assert_cmpint (outcome.status, ==, 3);
  assert_contains (outcome.err, "is not a valid birth date");
  outcome_clear (&outcome);

  run_admin_as (&outcome, dbname, staff, NULL, bad_column);
  g_assert_cmpint (outcome.status, ==, 2);
  assert_contains (outcome.err, "There is no field “shoe_size”");
  outcome_clear (&outcome);

  run_admin_as (&outcome, dbname, staff, NULL, show);
  g_assert_cmpint (outcome.status, ==, 0);
  assert_contains (outcome.out, "0711 555 000");
  outcome_clear (&outcome);

  g_clear_object (&owner);
  fd_test_drop_database (dbname);
}

/* Administration: the same permissions as the program, readable output and JSON. */

static void
assert_admin_command (Outcome            *outcome,
                      const char         *dbname,
                      const char         *login,
                      const char * const *args,
                      int                 status,
                      const char         *out_part,
                      const char         *err_part)
{
  outcome_clear (outcome);
  run_admin_as (outcome, dbname, login, NULL, args);
  if (outcome->status != status)
    g_error ("%s: exit status %d, not %d; it said: %s%s", args[0], outcome->status, status,
             outcome->out, outcome->err);
  if (out_part != NULL)
    assert_contains (outcome->out, out_part);
  if (err_part != NULL)
    assert_contains (outcome->err, err_part);
}

static void
test_administration (void)
{
  g_autofree char *dbname = fd_test_create_database (TRUE);
  g_autofree char *staff = fd_test_create_staff (FALSE);
  g_autofree char *admin = fd_test_create_staff (TRUE);
  g_autoptr(FdConnection) owner = fd_test_open_connection (dbname);
  g_autoptr(FdConnection) desk = NULL;
  g_autofree char *acquired = NULL;
  g_autofree char *notes = NULL;
  g_autofree char *audit_filter = NULL;
  g_autofree char *desk_session = NULL;
  g_autofree char *holder_json = NULL;
  g_autofree char *guarantor = NULL;
  g_autofree char *account = NULL;
  g_autofree char *entered = NULL;
  g_autofree char *enter_sql = NULL;
  const char *locks_list[] = { "locks", "list", NULL };
  const char *locks_json[] = { "locks", "list", "--json", NULL };
  const char *locks_break[] = { "locks", "break", "clients", "3", NULL };
  const char *locks_break_bad[] = { "locks", "break", "clients", NULL };
  const char *savelocks_list[] = { "savelocks", "list", NULL };
  const char *savelocks_take[] = { "savelocks", "take", "fees:1", NULL };
  const char *savelocks_break[] = { "savelocks", "break", NULL, NULL };
  const char *sessions[] = { "sessions", NULL };
  const char *sessions_json[] = { "--json", "sessions", NULL };
  const char *on_without_reason[] = { "maintenance", "on", NULL };
  const char *on[] = { "maintenance", "on", "--reason", "Moving the \"server\"\tback at 13:00",
                       NULL };
  const char *off[] = { "maintenance", "off", NULL };
  const char *status[] = { "maintenance", "status", NULL };
  const char *status_json[] = { "maintenance", "status", "--json", NULL };
  const char *set_notes[] = { "client", "set", "4", "notes=Called back", NULL };
  const char *audit_by_staff[] = { "audit", "--user", staff, NULL };
  const char *audit_record_json[] = { "audit", "--record", "clients:4", "--json", NULL };
  const char *audit_one[] = { "audit", "--limit", "1", NULL };
  const char *audit_bad_limit[] = { "audit", "--limit", "0", NULL };
  const char *audit_bad_record[] = { "audit", "--record", "clients", NULL };
  const char *audit_bad_since[] = { "audit", "--since", "yesterday-ish", NULL };
  const char *integrity[] = { "integrity", NULL };
  const char *integrity_fix[] = { "integrity", "--fix", NULL };
  const char *integrity_json[] = { "integrity", "--json", NULL };
  Outcome outcome = { 0 };

  fd_test_exec (owner, "SELECT frontdesk.sample_data(20, 1)");
  guarantor = fd_test_query_value (owner, "SELECT guarantor_id FROM frontdesk.clients "
                                          "WHERE id = 4");
  account = g_strdup_printf ("account:%s", guarantor);
  savelocks_break[2] = account;

  /* A staff member: refused by the server, for every administrator's command. */
  assert_admin_command (&outcome, dbname, staff, locks_list, 3, NULL, "not allowed");
  assert_admin_command (&outcome, dbname, staff, locks_break, 3, NULL, "not allowed");
  assert_admin_command (&outcome, dbname, staff, sessions, 3, NULL, "not allowed");
  assert_admin_command (&outcome, dbname, staff, on, 3, NULL, "not allowed");
  assert_admin_command (&outcome, dbname, staff, audit_one, 3, NULL, "not allowed");
  assert_admin_command (&outcome, dbname, staff, integrity, 3, NULL, "not allowed");
  assert_admin_command (&outcome, dbname, staff, savelocks_take, 3, NULL,
                        "only an administrator can");
  assert_admin_command (&outcome, dbname, staff, status, 0, "Maintenance mode is off.", NULL);

  /* Bad usage says what is wanted. */
  assert_admin_command (&outcome, dbname, admin, on_without_reason, 2, NULL, "needs a reason");
  assert_admin_command (&outcome, dbname, admin, locks_break_bad, 2, NULL,
                        "locks break clients 12");
  assert_admin_command (&outcome, dbname, admin, audit_bad_limit, 2, NULL, "--limit");
  assert_admin_command (&outcome, dbname, admin, audit_bad_record, 3, NULL, "KIND:ID");
  assert_admin_command (&outcome, dbname, admin, audit_bad_since, 2, NULL, "yesterday-ish");
  assert_contains (outcome.err, "--since and --until take a date like 2026-11-01");

  /* The lock table, with a desk holding client 3 open. */
  desk = fd_test_open_connection_as (dbname, staff);
  fd_test_exec (desk, "SELECT frontdesk.session_open('Front desk 2')");
  acquired = fd_test_query_value (desk, "SELECT outcome "
                                        "FROM frontdesk.lock_acquire('clients', '3')");
  g_assert_cmpstr (acquired, ==, "acquired");
  assert_admin_command (&outcome, dbname, admin, locks_list, 0, "Front desk 2", NULL);
  assert_contains (outcome.out, "clients 3");
  assert_contains (outcome.out, "WORKSTATION");
  assert_contains (outcome.out, "held");
  assert_admin_command (&outcome, dbname, admin, locks_json, 0, "\"record_id\": \"3\"", NULL);
  assert_contains (outcome.out, "\"alive\": true");
  desk_session = fd_test_query_value (desk, "SELECT frontdesk.current_session_id()");
  holder_json = g_strdup_printf ("\"holder_session\": %s, \"holder_login\": \"%s\"",
                                 desk_session, staff);
  assert_contains (outcome.out, holder_json);
  assert_admin_command (&outcome, dbname, admin, sessions, 0, "Front desk 2", NULL);
  assert_contains (outcome.out, "(this command)");
  assert_admin_command (&outcome, dbname, admin, sessions_json, 0,
                        "\"workstation\": \"Front desk 2\"", NULL);
  assert_admin_command (&outcome, dbname, admin, locks_break, 0, "Released the lock on clients 3",
                        NULL);
  assert_admin_command (&outcome, dbname, admin, locks_break, 0, "Nobody holds a lock", NULL);
  assert_admin_command (&outcome, dbname, admin, savelocks_list, 0, "No save lock is held.", NULL);
  enter_sql = g_strdup_printf ("SELECT frontdesk.context_enter('%s', 'Account of the Test "
                               "family')", account);
  entered = fd_test_query_value (desk, enter_sql);
  g_assert_cmpstr (entered, ==, "t");
  assert_admin_command (&outcome, dbname, staff, savelocks_break, 3, NULL, "not allowed");
  assert_admin_command (&outcome, dbname, admin, savelocks_list, 0, "Account of the Test family",
                        NULL);
  assert_contains (outcome.out, account);
  assert_contains (outcome.out, "Front desk 2");
  assert_admin_command (&outcome, dbname, admin, savelocks_break, 0, "Released the save lock",
                        NULL);
  assert_admin_command (&outcome, dbname, admin, savelocks_list, 0, "No save lock is held.", NULL);

  /* Maintenance: the staff's writes are refused with the reason, until it is off. */
  assert_admin_command (&outcome, dbname, admin, on, 0, "Moving the \"server\"", NULL);
  assert_admin_command (&outcome, dbname, staff, status_json, 0,
                        "\"reason\": \"Moving the \\\"server\\\"\\tback at 13:00\"", NULL);
  assert_contains (outcome.out, "{\"active\": true");
  assert_admin_command (&outcome, dbname, staff, set_notes, 3, NULL, "in maintenance");
  assert_contains (outcome.err, admin);
  assert_admin_command (&outcome, dbname, admin, off, 0, "Maintenance mode is off.", NULL);
  assert_admin_command (&outcome, dbname, admin, off, 0, "was off already", NULL);
  assert_admin_command (&outcome, dbname, staff, set_notes, 0, "Saved client 4", NULL);
  notes = fd_test_query_value (owner, "SELECT notes FROM frontdesk.clients WHERE id = 4");
  g_assert_cmpstr (notes, ==, "Called back");

  /* The audit log: after the command word, --user is whose actions, not who logs in. */
  assert_admin_command (&outcome, dbname, admin, audit_by_staff, 0, "update clients:4", NULL);
  audit_filter = g_strdup_printf ("(%s at frontdesk-admin@", staff);
  assert_contains (outcome.out, audit_filter);
  assert_contains (outcome.out, "→ Called back");
  g_assert_null (strstr (outcome.out, "maintenance on"));
  assert_admin_command (&outcome, dbname, admin, audit_record_json, 0, "\"action\": \"update\"",
                        NULL);
  assert_contains (outcome.out, "\"changes\": {\"notes\": {");
  assert_admin_command (&outcome, dbname, admin, audit_one, 0, "More: add --before", NULL);

  /* Integrity: client set left a lock behind when its session ended; --fix releases it. */
  assert_admin_command (&outcome, dbname, admin, integrity, 5, "(repairable)", NULL);
  assert_contains (outcome.out, "Record locks held by sessions whose connection is gone");
  assert_contains (outcome.err, "[1/");
  assert_admin_command (&outcome, dbname, admin, integrity_fix, 0, "repaired", NULL);
  assert_admin_command (&outcome, dbname, admin, integrity_json, 0, "[", NULL);
  g_assert_null (strstr (outcome.out, "\"repairable\": true"));

  outcome_clear (&outcome);
  g_clear_object (&desk);
  g_clear_object (&owner);
  fd_test_drop_database (dbname);
}

int
main (int   argc,
      char *argv[])
{
  fd_test_init (&argc, &argv);

  g_test_add_func ("/frontdesk/cli/status-on-server", test_status_on_server);
  g_test_add_func ("/frontdesk/cli/unreachable-server", test_unreachable_server);
  g_test_add_func ("/frontdesk/cli/wrong-login", test_wrong_login);
  g_test_add_func ("/frontdesk/cli/missing-database", test_missing_database);
  g_test_add_func ("/frontdesk/cli/cluster-of-other-version", test_cluster_of_other_version);
  g_test_add_func ("/frontdesk/cli/unwritable-folder", test_unwritable_folder);
  g_test_add_func ("/frontdesk/cli/bad-usage", test_bad_usage);
  g_test_add_func ("/frontdesk/cli/frontdesk-version-and-help", test_frontdesk_version_and_help);
  g_test_add_func ("/frontdesk/cli/users", test_users);
  g_test_add_func ("/frontdesk/cli/sample-data", test_sample_data);
  g_test_add_func ("/frontdesk/cli/client-show-and-set", test_client_show_and_set);
  g_test_add_func ("/frontdesk/cli/administration", test_administration);

  return fd_test_run ();
}
