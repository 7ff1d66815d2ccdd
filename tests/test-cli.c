/* test-cli.c: frontdesk-admin and frontdesk on the command line: what they print and the
 * exit status a script sees, for good and for bad input.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

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
run_program_with_env (Outcome            *outcome,
                      const char         *env_name,
                      const char * const *args,
                      const char         *variable,
                      const char         *value)
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
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  if (variable != NULL)
    g_subprocess_launcher_setenv (launcher, variable, value, TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &outcome->out, &outcome->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  outcome->status = g_subprocess_get_exit_status (process);
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

  return fd_test_run ();
}
