/* test-cli.c: frontdesk-admin and frontdesk on the command line: what they print and the
 * exit status a script sees, for good and for bad input.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "fd-migrations.h"
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

/* @environment: (nullable): names and values, alternating, %NULL-terminated */
static void
run_program_in (Outcome            *outcome,
                const char         *env_name,
                const char * const *args,
                const char * const *environment,
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
  for (guint i = 0; environment != NULL && environment[i] != NULL; i += 2)
    g_subprocess_launcher_setenv (launcher, environment[i], environment[i + 1], TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input, NULL, &outcome->out, &outcome->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  outcome->status = g_subprocess_get_exit_status (process);
}

static void
run_program_full (Outcome            *outcome,
                  const char         *env_name,
                  const char * const *args,
                  const char         *variable,
                  const char         *value,
                  const char         *input)
{
  const char *environment[] = { variable, value, NULL };

  run_program_in (outcome, env_name, args, environment, input);
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

/* What a script reads: the output must be JSON; returns its root. */
static JsonNode *
parse_json (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  if (node == NULL)
    g_error ("Not JSON (%s): %s", error != NULL ? error->message : "empty", text);
  return node;
}

/* Returns the first object of @array whose @member is @value (as text), or fails. */
static JsonObject *
find_object (JsonNode   *array,
             const char *member,
             const char *value)
{
  JsonArray *items = json_node_get_array (array);

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *object = json_array_get_object_element (items, i);
      JsonNode *node = json_object_get_member (object, member);
      g_autofree char *text = NULL;

      if (node == NULL || JSON_NODE_HOLDS_NULL (node))
        continue;
      text = json_node_get_value_type (node) == G_TYPE_STRING
             ? g_strdup (json_node_get_string (node))
             : g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
      if (g_str_equal (text, value))
        return object;
    }
  g_error ("No object with %s = %s in the JSON", member, value);
}

/* A timestamp as scripts get it: ISO 8601 with its offset. */
static void
assert_iso8601 (JsonObject *object,
                const char *member)
{
  const char *text = json_object_get_string_member_with_default (object, member, NULL);
  g_autoptr(GDateTime) when = text != NULL ? g_date_time_new_from_iso8601 (text, NULL) : NULL;

  if (when == NULL || strchr (text, 'T') == NULL)
    g_error ("%s = “%s” is not an ISO 8601 time", member, text);
}

/* Frontdesk processes for the one-per-person test, each a window on the display. */
static GSubprocess *
spawn_frontdesk (const char         *password,
                 const char * const *args)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) argv = NULL;
  GSubprocess *process;

  g_strv_builder_add (builder, g_getenv ("FRONTDESK"));
  g_strv_builder_addv (builder, (const char **) args);
  argv = g_strv_builder_end (builder);
  /* GLib writes debug messages to standard output. */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_subprocess_launcher_setenv (launcher, "G_MESSAGES_DEBUG", "frontdesk", TRUE);
  if (password != NULL)
    g_subprocess_launcher_setenv (launcher, "PGPASSWORD", password, TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv, &error);
  g_assert_no_error (error);
  return process;
}

/* Waits until @workstation has a session on a live connection; a generous deadline. */
static void
wait_for_workstation (FdConnection *connection,
                      const char   *workstation)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM frontdesk.sessions s "
                                          "JOIN pg_stat_activity a ON a.pid = s.backend_pid "
                                          "WHERE s.workstation = '%s'", workstation);

  for (guint tries = 0; tries < 1200; tries++)
    {
      g_autofree char *count = fd_test_query_value (connection, sql);

      if (!g_str_equal (count, "0"))
        return;
      g_usleep (50 * G_TIME_SPAN_MILLISECOND);
    }
  g_error ("No Frontdesk signed in as “%s”", workstation);
}

static char *
stop_frontdesk (GSubprocess *process)
{
  g_autoptr(GError) error = NULL;
  char *out = NULL;

  g_subprocess_send_signal (process, SIGTERM);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
  return out;
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

static char *
count_rows (const char *dbname,
            const char *sql)
{
  g_autoptr(FdConnection) connection = fd_test_open_connection (dbname);

  return fd_test_query_value (connection, sql);
}

static void
test_status_and_migrate (void)
{
  g_autofree char *dbname = fd_test_create_database (FALSE);
  const char *status[] = { "status", NULL };
  const char *status_json[] = { "status", "--json", NULL };
  const char *migrate[] = { "migrate", NULL };
  const char *migrate_json[] = { "migrate", "--json", NULL };
  const char *users[] = { "users", "list", NULL };
  g_autofree char *tables = NULL;
  g_autoptr(JsonNode) json = NULL;
  JsonObject *object;
  Outcome outcome = { 0 };

  /* An empty database: status says what it finds and changes nothing. */
  run_admin_as (&outcome, dbname, NULL, NULL, status);
  g_assert_cmpint (outcome.status, ==, 0);
  assert_contains (outcome.out, dbname);
  assert_contains (outcome.out, "Database layout:   none yet: run “frontdesk-admin migrate”");
  outcome_clear (&outcome);
  tables = count_rows (dbname, "SELECT count(*) FROM pg_namespace WHERE nspname = 'frontdesk'");
  g_assert_cmpstr (tables, ==, "0");

  /* Nor does any other command: it asks for migrate. */
  run_admin_as (&outcome, dbname, NULL, NULL, users);
  g_assert_cmpint (outcome.status, ==, 4);
  assert_contains (outcome.err, "Run “frontdesk-admin migrate”");
  outcome_clear (&outcome);
  g_clear_pointer (&tables, g_free);
  tables = count_rows (dbname, "SELECT count(*) FROM pg_namespace WHERE nspname = 'frontdesk'");
  g_assert_cmpstr (tables, ==, "0");

  /* migrate applies every migration and names each. */
  run_admin_as (&outcome, dbname, NULL, NULL, migrate);
  g_assert_cmpint (outcome.status, ==, 0);
  assert_contains (outcome.out, "Applied 0001-foundation\n");
  assert_contains (outcome.out, "Applied 0016-hostile-clients\n");
  assert_contains (outcome.out, "The database layout went from 0 to ");
  outcome_clear (&outcome);

  /* Then status reports it, as JSON too, and migrate has nothing left to do. */
  run_admin_as (&outcome, dbname, NULL, NULL, status_json);
  g_assert_cmpint (outcome.status, ==, 0);
  json = parse_json (outcome.out);
  object = json_node_get_object (json);
  g_assert_cmpstr (json_object_get_string_member (object, "database"), ==, dbname);
  g_assert_cmpint (json_object_get_int_member (object, "layout"), ==,
                   fd_migrations_get_latest_version ());
  g_assert_cmpstr (json_object_get_string_member (object, "role"), ==, "administrator");
  g_assert_false (json_object_get_boolean_member (object, "read_only"));
  g_clear_pointer (&json, json_node_unref);
  outcome_clear (&outcome);

  run_admin_as (&outcome, dbname, NULL, NULL, migrate_json);
  g_assert_cmpint (outcome.status, ==, 0);
  json = parse_json (outcome.out);
  object = json_node_get_object (json);
  g_assert_cmpint (json_array_get_length (json_object_get_array_member (object, "applied")), ==,
                   0);
  g_assert_cmpint (json_object_get_int_member (object, "layout_before"), ==,
                   fd_migrations_get_latest_version ());
  g_clear_pointer (&json, json_node_unref);
  outcome_clear (&outcome);

  /* A status leaves no session behind, and reads no row it would write. */
  g_clear_pointer (&tables, g_free);
  tables = count_rows (dbname, "SELECT count(*) FROM frontdesk.sessions");
  g_assert_cmpstr (tables, ==, "0");

  fd_test_drop_database (dbname);
}

static void
test_builtin_status_and_migrate (void)
{
  g_autofree char *folder = fd_test_make_temp_dir ("cli-builtin");
  const char *status[] = { "--host", "", "--data-folder", folder, "status", NULL };
  const char *migrate[] = { "--host", "", "--data-folder", folder, "migrate", NULL };
  Outcome outcome = { 0 };

  /* A new folder: the server starts, but the practice database waits for migrate. */
  run_program (&outcome, "FRONTDESK_ADMIN", status);
  g_assert_cmpint (outcome.status, ==, 4);
  assert_contains (outcome.err, "is not set up yet. Run “frontdesk-admin migrate” to create it");
  outcome_clear (&outcome);

  run_program (&outcome, "FRONTDESK_ADMIN", migrate);
  g_assert_cmpint (outcome.status, ==, 0);
  assert_contains (outcome.out, "Created the database “frontdesk”.");
  assert_contains (outcome.out, "Applied 0001-foundation");
  outcome_clear (&outcome);

  /* Asked for by name, the built-in database wins over a server in the environment. */
  run_program_with_env (&outcome, "FRONTDESK_ADMIN", status, "PGHOST", "/nonexistent-frontdesk");
  g_assert_cmpint (outcome.status, ==, 0);
  assert_contains (outcome.out, "Built-in database “frontdesk” in ");
  assert_contains (outcome.out, "(administrator)");
  outcome_clear (&outcome);

  fd_test_remove_tree (folder);
}

static void
test_version (void)
{
  const char *version[] = { "--version", NULL };
  g_autofree char *first = NULL;
  Outcome outcome = { 0 };

  run_program (&outcome, "FRONTDESK_ADMIN", version);
  g_assert_cmpint (outcome.status, ==, 0);
  first = g_strdup_printf ("frontdesk-admin (Frontdesk) %s\ndatabase layout %u, libpq ",
                           PACKAGE_VERSION, fd_migrations_get_latest_version ());
  g_assert_true (g_str_has_prefix (outcome.out, first));
  outcome_clear (&outcome);
}

/* psql's environment: the server, database, login and password from PG* and the password
 * file, with nothing on the command line; libpq reads them, the program shadows none. */
static void
test_environment (void)
{
  g_autofree char *dbname = fd_test_create_database (TRUE);
  g_autofree char *staff = fd_test_create_staff (FALSE);
  g_autofree char *password = fd_test_staff_password (staff);
  g_autofree char *folder = fd_test_make_temp_dir ("cli-env");
  g_autofree char *passfile = g_build_filename (folder, "pgpass", NULL);
  g_autofree char *servicefile = g_build_filename (folder, "services", NULL);
  g_autofree char *pass_line = g_strdup_printf ("*:*:%s:%s:%s\n", dbname, staff, password);
  g_autofree char *service = g_strdup_printf ("[practice]\nhost=%s\ndbname=%s\nuser=%s\n",
                                              fd_test_server_socket_dir (), dbname, staff);
  g_autofree char *signed_in = NULL;
  g_autofree char *in_database = g_strdup_printf ("“%s”", dbname);
  const char *status[] = { "status", NULL };
  const char *users_json[] = { "users", "list", "--json", NULL };
  const char *everything[] = { "PGHOST", fd_test_server_socket_dir (), "PGDATABASE", dbname,
                               "PGUSER", fd_test_server_user (), NULL };
  const char *wrong_port[] = { "PGHOST", fd_test_server_socket_dir (), "PGDATABASE", dbname,
                               "PGUSER", fd_test_server_user (), "PGPORT", "1", NULL };
  const char *from_passfile[] = { "PGHOST", fd_test_server_socket_dir (), "PGDATABASE", dbname,
                                  "PGUSER", staff, "PGPASSFILE", passfile, NULL };
  const char *from_service[] = { "PGSERVICEFILE", servicefile, "PGSERVICE", "practice",
                                 "PGPASSWORD", password, NULL };
  g_autoptr(JsonNode) json = NULL;
  Outcome outcome = { 0 };

  g_assert_true (g_file_set_contents (passfile, pass_line, -1, NULL));
  g_assert_cmpint (g_chmod (passfile, 0600), ==, 0);
  g_assert_true (g_file_set_contents (servicefile, service, -1, NULL));

  run_program_in (&outcome, "FRONTDESK_ADMIN", status, everything, NULL);
  g_assert_cmpint (outcome.status, ==, 0);
  assert_contains (outcome.out, in_database);
  assert_contains (outcome.out, "(administrator)");
  outcome_clear (&outcome);

  run_program_in (&outcome, "FRONTDESK_ADMIN", users_json, everything, NULL);
  g_assert_cmpint (outcome.status, ==, 0);
  json = parse_json (outcome.out);
  g_assert_false (json_object_get_boolean_member (find_object (json, "login", staff),
                                                  "is_admin"));
  outcome_clear (&outcome);

  /* PGPORT is honoured too: nobody listens on port 1. */
  run_program_in (&outcome, "FRONTDESK_ADMIN", status, wrong_port, NULL);
  g_assert_cmpint (outcome.status, ==, 4);
  outcome_clear (&outcome);

  /* The password from the password file, for a staff login. */
  run_program_in (&outcome, "FRONTDESK_ADMIN", status, from_passfile, NULL);
  g_assert_cmpint (outcome.status, ==, 0);
  signed_in = g_strdup_printf ("Signed in as:      %s (staff)", staff);
  assert_contains (outcome.out, signed_in);
  outcome_clear (&outcome);

  /* A service names host, database and login at once. */
  run_program_in (&outcome, "FRONTDESK_ADMIN", status, from_service, NULL);
  g_assert_cmpint (outcome.status, ==, 0);
  assert_contains (outcome.out, in_database);
  assert_contains (outcome.out, signed_in);
  outcome_clear (&outcome);

  fd_test_remove_tree (folder);
  fd_test_drop_database (dbname);
}

/* Several hosts, as libpq takes them: the first that answers as a primary. */
static void
test_several_hosts (void)
{
  g_autofree char *dbname = fd_test_create_database (TRUE);
  g_autofree char *hosts = g_strdup_printf ("/nonexistent-frontdesk,%s",
                                            fd_test_server_socket_dir ());
  g_autofree char *conninfo = g_strdup_printf ("host=%s dbname=%s user=%s "
                                               "target_session_attrs=read-write", hosts, dbname,
                                               fd_test_server_user ());
  g_autofree char *uri = g_strdup_printf ("postgresql:///%s?host=%s&user=%s", dbname,
                                          fd_test_server_socket_dir (), fd_test_server_user ());
  g_autofree char *in_database = g_strdup_printf ("“%s”", dbname);
  const char *by_flags[] = { "-h", hosts, "-d", dbname, "-U", fd_test_server_user (),
                             "sessions", "--json", NULL };
  const char *by_string[] = { "-d", conninfo, "status", NULL };
  const char *by_uri[] = { "-d", uri, "status", NULL };
  const char *by_environment[] = { "status", NULL };
  const char *environment[] = { "PGHOST", hosts, "PGDATABASE", dbname,
                                "PGUSER", fd_test_server_user (),
                                "PGTARGETSESSIONATTRS", "read-write", NULL };
  const char *bad_string[] = { "-d", "host=a dbname", "status", NULL };
  g_autoptr(JsonNode) json = NULL;
  Outcome outcome = { 0 };

  run_program (&outcome, "FRONTDESK_ADMIN", by_flags);
  g_assert_cmpint (outcome.status, ==, 0);
  json = parse_json (outcome.out);
  /* This command's own session, the only one. */
  assert_iso8601 (json_array_get_object_element (json_node_get_array (json), 0), "opened_at");
  outcome_clear (&outcome);

  run_program (&outcome, "FRONTDESK_ADMIN", by_string);
  g_assert_cmpint (outcome.status, ==, 0);
  assert_contains (outcome.out, in_database);
  outcome_clear (&outcome);

  run_program (&outcome, "FRONTDESK_ADMIN", by_uri);
  g_assert_cmpint (outcome.status, ==, 0);
  assert_contains (outcome.out, in_database);
  outcome_clear (&outcome);

  run_program_in (&outcome, "FRONTDESK_ADMIN", by_environment, environment, NULL);
  g_assert_cmpint (outcome.status, ==, 0);
  assert_contains (outcome.out, in_database);
  outcome_clear (&outcome);

  run_program (&outcome, "FRONTDESK_ADMIN", bad_string);
  g_assert_cmpint (outcome.status, ==, 2);
  assert_contains (outcome.err, "is not a connection string libpq understands");
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
  const char *no_action[] = { "users", "--help", NULL };
  const char *bad_port[] = { "--port", "70000", "status", NULL };
  const char *no_command[] = { NULL };

  assert_admin_fails (unknown, 2, "unknown command “reticulate”");
  assert_admin_fails (no_action, 2, "“users” needs one of: add, list, disable.");
  assert_admin_fails (bad_port, 2, "The port must be a number from 1 to 65535");
  assert_admin_fails (no_command, 2, "Commands:");
}

/* Each command has its own options; another's is wrong usage, before anything connects. */
static void
test_command_options (void)
{
  const char *fix_on_locks[] = { "locks", "list", "--fix", NULL };
  const char *reason_on_status[] = { "status", "--reason=why", NULL };
  const char *clients_on_users[] = { "users", "add", "anna", "--clients", "3", NULL };
  const char *json_on_set[] = { "client", "set", "3", "city=Kiel", "--json", NULL };
  const char *json_before[] = { "--json", "sessions", NULL };
  const char *unknown[] = { "sessions", "--colour", NULL };
  const char *integrity_help[] = { "integrity", "--help", NULL };
  const char *audit_help[] = { "audit", "--help", NULL };
  Outcome outcome = { 0 };

  assert_admin_fails (fix_on_locks, 2,
                      "--fix is an option of “integrity”, not of “locks list”. See "
                      "“frontdesk-admin locks list --help”.");
  assert_admin_fails (reason_on_status, 2, "--reason is an option of “maintenance on”");
  assert_admin_fails (clients_on_users, 2, "--clients is an option of “sample-data”");
  assert_admin_fails (json_on_set, 2, "--json is an option of “status”");
  assert_admin_fails (json_before, 2, "go after its word, like: frontdesk-admin sessions --json");
  assert_admin_fails (unknown, 2, "--colour");

  /* COMMAND --help: its options and psql's connection flags, and no other command's. */
  run_program (&outcome, "FRONTDESK_ADMIN", integrity_help);
  g_assert_cmpint (outcome.status, ==, 0);
  assert_contains (outcome.out, "integrity [--fix]");
  assert_contains (outcome.out, "--fix");
  assert_contains (outcome.out, "--json");
  assert_contains (outcome.out, "-h, --host=HOST");
  g_assert_null (strstr (outcome.out, "--reason"));
  g_assert_null (strstr (outcome.out, "--clients"));
  outcome_clear (&outcome);

  /* audit's --user is whose actions; the login stays -U. */
  run_program (&outcome, "FRONTDESK_ADMIN", audit_help);
  g_assert_cmpint (outcome.status, ==, 0);
  assert_contains (outcome.out, "--user=LOGIN");
  assert_contains (outcome.out, "--since=DATE");
  g_assert_null (strstr (outcome.out, "--fix"));
  outcome_clear (&outcome);
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
  assert_contains (outcome.out, "--new-instance");
  outcome_clear (&outcome);

  run_program (&outcome, "FRONTDESK", bad_port);
  g_assert_cmpint (outcome.status, !=, 0);
  assert_contains (outcome.err, "--port");
  outcome_clear (&outcome);
}

/* One Frontdesk per person: a second launch raises the first one's window and ends; with
 * another login it says how to open a second workstation; --new-instance opens one. */
static void
test_one_process_per_user (void)
{
  g_autofree char *dbname = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *first_password = NULL;
  g_autofree char *second_password = NULL;
  g_autofree char *first_err = NULL;
  g_autofree char *second_err = NULL;
  g_autofree char *count = NULL;
  g_autoptr(FdConnection) owner = NULL;
  g_autoptr(GSubprocess) primary = NULL;
  g_autoptr(GSubprocess) beside = NULL;
  const char *plain[] = { NULL };
  Outcome outcome = { 0 };

  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL || g_getenv ("DISPLAY") == NULL)
    {
      g_test_skip ("Needs a session bus and a display (dbus-run-session, xvfb-run)");
      return;
    }

  dbname = fd_test_create_database (TRUE);
  owner = fd_test_open_connection (dbname);
  first = fd_test_create_staff (TRUE);
  second = fd_test_create_staff (FALSE);
  first_password = fd_test_staff_password (first);
  second_password = fd_test_staff_password (second);

  {
    const char *args[] = { "--host", fd_test_server_socket_dir (), "--database", dbname,
                           "--user", first, "--workstation", "Reception 1", NULL };

    primary = spawn_frontdesk (first_password, args);
  }
  wait_for_workstation (owner, "Reception 1");

  /* Launched again as is: it hands over to the first and ends. */
  run_program (&outcome, "FRONTDESK", plain);
  g_assert_cmpint (outcome.status, ==, 0);
  outcome_clear (&outcome);

  /* Launched as someone else: the window cannot become another desk behind their back. */
  {
    const char *args[] = { "--host", fd_test_server_socket_dir (), "--database", dbname,
                           "--user", second, "--workstation", "Reception 2", NULL };

    run_program_with_env (&outcome, "FRONTDESK", args, "PGPASSWORD", second_password);
  }
  g_assert_cmpint (outcome.status, ==, 1);
  assert_contains (outcome.err, "add --new-instance");
  outcome_clear (&outcome);
  count = fd_test_query_value (owner, "SELECT count(*) FROM frontdesk.sessions "
                                      "WHERE workstation = 'Reception 2'");
  g_assert_cmpstr (count, ==, "0");

  /* --new-instance: the second workstation of README, beside the first. */
  {
    const char *args[] = { "--new-instance", "--host", fd_test_server_socket_dir (),
                           "--database", dbname, "--user", second, "--workstation",
                           "Reception 2", NULL };

    beside = spawn_frontdesk (second_password, args);
  }
  wait_for_workstation (owner, "Reception 2");
  wait_for_workstation (owner, "Reception 1");

  second_err = stop_frontdesk (beside);
  first_err = stop_frontdesk (primary);
  assert_contains (first_err, "Launched again: bringing the window to the front");
  g_assert_null (strstr (second_err, "Launched again"));

  g_clear_object (&owner);
  fd_test_drop_database (dbname);
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
  const char *show_json[] = { "client", "show", "3", "--json", NULL };
  g_autoptr(JsonNode) json = NULL;
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

  run_admin_as (&outcome, dbname, staff, NULL, show_json);
  g_assert_cmpint (outcome.status, ==, 0);
  json = parse_json (outcome.out);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (json), "phone_mobile"),
                   ==, "0711 555 000");
  g_assert_true (json_object_get_null_member (json_node_get_object (json), "city"));
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
  g_autoptr(JsonNode) json = NULL;
  JsonObject *lock;
  JsonObject *maintenance;
  JsonObject *entry;
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
  const char *sessions_json[] = { "sessions", "--json", NULL };
  const char *savelocks_json[] = { "savelocks", "list", "--json", NULL };
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
  assert_admin_command (&outcome, dbname, admin, locks_json, 0, NULL, NULL);
  json = parse_json (outcome.out);
  lock = find_object (json, "record_id", "3");
  g_assert_true (json_object_get_boolean_member (lock, "alive"));
  desk_session = fd_test_query_value (desk, "SELECT frontdesk.current_session_id()");
  g_assert_cmpint (json_object_get_int_member (lock, "holder_session"), ==,
                   g_ascii_strtoll (desk_session, NULL, 10));
  g_assert_cmpstr (json_object_get_string_member (lock, "holder_login"), ==, staff);
  assert_iso8601 (lock, "since");
  g_clear_pointer (&json, json_node_unref);
  assert_admin_command (&outcome, dbname, admin, sessions, 0, "Front desk 2", NULL);
  assert_contains (outcome.out, "(this command)");
  assert_admin_command (&outcome, dbname, admin, sessions_json, 0, NULL, NULL);
  json = parse_json (outcome.out);
  assert_iso8601 (find_object (json, "workstation", "Front desk 2"), "opened_at");
  g_clear_pointer (&json, json_node_unref);
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
  assert_admin_command (&outcome, dbname, admin, savelocks_json, 0, NULL, NULL);
  json = parse_json (outcome.out);
  assert_iso8601 (find_object (json, "record_id", account), "since");
  g_clear_pointer (&json, json_node_unref);
  assert_admin_command (&outcome, dbname, admin, savelocks_break, 0, "Released the save lock",
                        NULL);
  assert_admin_command (&outcome, dbname, admin, savelocks_list, 0, "No save lock is held.", NULL);

  /* Maintenance: the staff's writes are refused with the reason, until it is off. */
  assert_admin_command (&outcome, dbname, admin, on, 0, "Moving the \"server\"", NULL);
  assert_admin_command (&outcome, dbname, staff, status_json, 0, NULL, NULL);
  json = parse_json (outcome.out);
  maintenance = json_node_get_object (json);
  g_assert_true (json_object_get_boolean_member (maintenance, "active"));
  g_assert_cmpstr (json_object_get_string_member (maintenance, "reason"), ==,
                   "Moving the \"server\"\tback at 13:00");
  assert_iso8601 (maintenance, "since");
  g_clear_pointer (&json, json_node_unref);
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
  assert_admin_command (&outcome, dbname, admin, audit_record_json, 0, NULL, NULL);
  json = parse_json (outcome.out);
  entry = find_object (json, "action", "update");
  g_assert_true (json_object_has_member (json_object_get_object_member (entry, "changes"),
                                         "notes"));
  assert_iso8601 (entry, "at");
  g_clear_pointer (&json, json_node_unref);
  assert_admin_command (&outcome, dbname, admin, audit_one, 0, "More: add --before", NULL);

  /* Integrity: client set left a lock behind when its session ended; --fix releases it. */
  assert_admin_command (&outcome, dbname, admin, integrity, 5, "(repairable)", NULL);
  assert_contains (outcome.out, "Record locks held by sessions whose connection is gone");
  assert_contains (outcome.err, "[1/");
  assert_admin_command (&outcome, dbname, admin, integrity_fix, 0, "repaired", NULL);
  assert_admin_command (&outcome, dbname, admin, integrity_json, 0, NULL, NULL);
  json = parse_json (outcome.out);
  for (guint i = 0; i < json_array_get_length (json_node_get_array (json)); i++)
    g_assert_false (json_object_get_boolean_member (
      json_array_get_object_element (json_node_get_array (json), i), "repairable"));
  g_clear_pointer (&json, json_node_unref);

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

  g_test_add_func ("/frontdesk/cli/status-and-migrate", test_status_and_migrate);
  g_test_add_func ("/frontdesk/cli/builtin-status-and-migrate", test_builtin_status_and_migrate);
  g_test_add_func ("/frontdesk/cli/version", test_version);
  g_test_add_func ("/frontdesk/cli/environment", test_environment);
  g_test_add_func ("/frontdesk/cli/several-hosts", test_several_hosts);
  g_test_add_func ("/frontdesk/cli/command-options", test_command_options);
  g_test_add_func ("/frontdesk/cli/unreachable-server", test_unreachable_server);
  g_test_add_func ("/frontdesk/cli/wrong-login", test_wrong_login);
  g_test_add_func ("/frontdesk/cli/missing-database", test_missing_database);
  g_test_add_func ("/frontdesk/cli/cluster-of-other-version", test_cluster_of_other_version);
  g_test_add_func ("/frontdesk/cli/unwritable-folder", test_unwritable_folder);
  g_test_add_func ("/frontdesk/cli/bad-usage", test_bad_usage);
  g_test_add_func ("/frontdesk/cli/frontdesk-version-and-help", test_frontdesk_version_and_help);
  g_test_add_func ("/frontdesk/cli/one-process-per-user", test_one_process_per_user);
  g_test_add_func ("/frontdesk/cli/users", test_users);
  g_test_add_func ("/frontdesk/cli/sample-data", test_sample_data);
  g_test_add_func ("/frontdesk/cli/client-show-and-set", test_client_show_and_set);
  g_test_add_func ("/frontdesk/cli/administration", test_administration);

  return fd_test_run ();
}
