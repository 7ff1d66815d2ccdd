/* frontdesk-admin.c: the command line for administrators, scripts and agents.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * It links the data layer only and writes through the same save path as the program:
 * changed columns only, reread under lock, audited and signalled, as a session of its own.
 *
 * Exit status: 0 done, 1 failed otherwise, 2 wrong usage, 3 conflict or refused by the
 * server, 4 cannot connect, 5 the integrity checks found errors or warnings.
 *
 * Options before the command word are the program's (-U logs in as a user); after it, the
 * command's, where the program's are understood too unless the command has its own of the
 * same name (audit --user is whose actions to list).
 */
#include <glib/gi18n.h>
#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "fd-database.h"
#include "fd-pg.h"
#include "fd-record.h"
#include "frontdesk-admin.h"

typedef int (*CommandFunc) (Admin *admin,
                            char **args);

typedef struct
{
  const char  *name;
  const char  *action;     /* NULL for a command without actions */
  const char  *arguments;
  const char  *summary;
  CommandFunc  func;
} Command;

static char *opt_host;
static int opt_port;
static char *opt_database;
static char *opt_user;
static char *opt_data_folder;
static char *opt_workstation;
static gboolean opt_admin;
static char *opt_display_name;
static int opt_clients = 500;
static int opt_seed = 1;

static const GOptionEntry option_entries[] = {
  { "host", 'h', 0, G_OPTION_ARG_STRING, &opt_host,
    N_("Database server host or socket folder (empty: the built-in database)"), N_("HOST") },
  { "port", 'p', 0, G_OPTION_ARG_INT, &opt_port,
    N_("Database server port"), N_("PORT") },
  { "database", 'd', 0, G_OPTION_ARG_STRING, &opt_database,
    N_("Database name"), N_("NAME") },
  { "user", 'U', 0, G_OPTION_ARG_STRING, &opt_user,
    N_("Log in as USER (the password comes from PGPASSWORD, ~/.pgpass or a prompt)"),
    N_("USER") },
  { "data-folder", 0, 0, G_OPTION_ARG_FILENAME, &opt_data_folder,
    N_("Keep the built-in database in FOLDER"), N_("FOLDER") },
  { "workstation", 0, 0, G_OPTION_ARG_STRING, &opt_workstation,
    N_("Name this session's workstation in the audit log"), N_("NAME") },
  { "admin", 0, 0, G_OPTION_ARG_NONE, &opt_admin,
    N_("users add: make the new login an administrator"), NULL },
  { "name", 0, 0, G_OPTION_ARG_STRING, &opt_display_name,
    N_("users add: the person's full name"), N_("NAME") },
  { "clients", 0, 0, G_OPTION_ARG_INT, &opt_clients,
    N_("sample-data: how many clients (default 500)"), N_("N") },
  { "seed", 0, 0, G_OPTION_ARG_INT, &opt_seed,
    N_("sample-data: the same seed makes the same practice (default 1)"), N_("S") },
  { NULL }
};

/* Talking to the server, one thing at a time ---------------------------------------------- */

static gboolean
result_arrived (gpointer user_data)
{
  return *(GAsyncResult **) user_data != NULL;
}

void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* A command line may wait: it has no window to keep alive. */
GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (!result_arrived (slot))
    g_main_context_iteration (NULL, TRUE);
  return g_steal_pointer (slot);
}

static PGresult *
run_query (Admin               *admin,
           const char          *sql,
           guint                n_params,
           const char * const  *params,
           GError             **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  fd_connection_query_async (admin->connection, sql, n_params, params, NULL, store_result_cb,
                             &result);
  return fd_connection_query_finish (admin->connection, wait_for (&result), error);
}

static int
exit_status_for (const GError *error)
{
  if (error->domain == FD_EMBEDDED_SERVER_ERROR)
    return EXIT_CONNECTION;
  if (error->domain == FD_RECORD_ERROR)
    return EXIT_USAGE;
  if (error->domain != FD_DB_ERROR)
    return EXIT_FAILED;
  if (fd_db_error_is_refusal (error))
    return EXIT_REFUSED;

  switch (error->code)
    {
    case FD_DB_ERROR_SERVER_UNREACHABLE:
    case FD_DB_ERROR_AUTHENTICATION_FAILED:
    case FD_DB_ERROR_PASSWORD_REQUIRED:
    case FD_DB_ERROR_DATABASE_MISSING:
    case FD_DB_ERROR_SERVER_STARTING:
    case FD_DB_ERROR_TOO_MANY_CONNECTIONS:
    case FD_DB_ERROR_CONNECTION_LOST:
    case FD_DB_ERROR_SCHEMA_TOO_NEW:
      return EXIT_CONNECTION;
    default:
      return EXIT_FAILED;
    }
}

int
fail (const GError *error)
{
  g_printerr ("frontdesk-admin: %s\n", error->message);
  return exit_status_for (error);
}

int
usage_error (const char *message)
{
  g_printerr ("frontdesk-admin: %s\n", message);
  return EXIT_USAGE;
}

/* Reads a password from the terminal without showing it, or a line from a pipe. */
static char *
read_password (const char *prompt)
{
  struct termios saved;
  struct termios quiet;
  gboolean terminal = isatty (STDIN_FILENO);
  char line[1024];
  char *result = NULL;

  if (terminal)
    {
      g_printerr ("%s", prompt);
      tcgetattr (STDIN_FILENO, &saved);
      quiet = saved;
      quiet.c_lflag &= ~(tcflag_t) ECHO;
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet);
    }

  if (fgets (line, sizeof line, stdin) != NULL)
    {
      line[strcspn (line, "\r\n")] = '\0';
      result = g_strdup (line);
    }
  memset (line, 0, sizeof line);

  if (terminal)
    {
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved);
      g_printerr ("\n");
    }
  return result;
}

/* Commands -------------------------------------------------------------------------------- */

static int
status_command (Admin  *admin,
                char  **args)
{
  FdSession *session = fd_database_get_session (admin->database);

  g_print ("%-18s %s\n", _("Practice:"), fd_database_get_practice_name (admin->database));
  g_print ("%-18s %s\n", _("Database:"), fd_database_get_description (admin->database));
  g_print ("%-18s %s\n", _("PostgreSQL:"), fd_database_get_server_version (admin->database));
  g_print ("%-18s %u\n", _("Database layout:"), fd_database_get_schema_version (admin->database));
  g_print ("%-18s %s (%s)\n", _("Signed in as:"), fd_session_get_display_name (session),
           fd_session_get_is_admin (session) ? _("administrator") : _("staff"));
  return EXIT_OK;
}

static int
users_add_command (Admin  *admin,
                   char  **args)
{
  g_autoptr(PGresult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *password = NULL;
  g_autofree char *again = NULL;
  g_autofree char *verifier = NULL;
  const char *login;
  const char *params[4];

  if (g_strv_length (args) != 1)
    return usage_error (_("users add needs one login name, like: users add anna --name \"Anna "
                          "Berg\""));
  login = args[0];

  password = read_password (_("New password: "));
  if (isatty (STDIN_FILENO))
    {
      again = read_password (_("The same password again: "));
      if (g_strcmp0 (password, again) != 0)
        return usage_error (_("The two passwords differ; nothing was changed."));
    }
  if (password == NULL || g_utf8_strlen (password, -1) < 8)
    return usage_error (_("A password needs at least 8 characters; nothing was changed."));

  verifier = fd_connection_encrypt_password (admin->connection, login, password, &error);
  if (verifier == NULL)
    return fail (error);

  params[0] = login;
  params[1] = verifier;
  params[2] = opt_display_name != NULL ? opt_display_name : login;
  params[3] = opt_admin ? "true" : "false";
  result = run_query (admin, "SELECT frontdesk.user_add($1, $2, $3, $4::boolean)", 4, params,
                      &error);
  if (result == NULL)
    return fail (error);

  g_print (opt_admin ? _("Added the administrator login “%s”.\n")
                     : _("Added the staff login “%s”.\n"), login);
  return EXIT_OK;
}

static int
users_list_command (Admin  *admin,
                    char  **args)
{
  g_autoptr(PGresult) result = NULL;
  g_autoptr(GError) error = NULL;

  if (g_strv_length (args) != 0)
    return usage_error (_("users list takes no arguments."));

  result = run_query (admin, "SELECT login, display_name, is_admin, can_log_in, live_sessions "
                             "FROM frontdesk.users()", 0, NULL, &error);
  if (result == NULL)
    return fail (error);

  g_print ("%-20s %-28s %-14s %-10s %s\n", _("LOGIN"), _("NAME"), _("ROLE"), _("STATE"),
           _("SESSIONS"));
  for (int row = 0; row < PQntuples (result); row++)
    {
      const char *name = PQgetvalue (result, row, 1);
      /* Pad by characters, not bytes, so accented names line up. */
      int padding = 28 - (int) g_utf8_strlen (name, -1);

      g_print ("%-20s %s%*s %-14s %-10s %s\n", PQgetvalue (result, row, 0), name,
               MAX (padding, 0), "",
               g_str_equal (PQgetvalue (result, row, 2), "t") ? _("administrator") : _("staff"),
               g_str_equal (PQgetvalue (result, row, 3), "t") ? _("active") : _("disabled"),
               PQgetvalue (result, row, 4));
    }
  return EXIT_OK;
}

static int
users_disable_command (Admin  *admin,
                       char  **args)
{
  g_autoptr(PGresult) result = NULL;
  g_autoptr(GError) error = NULL;
  const char *params[1];

  if (g_strv_length (args) != 1)
    return usage_error (_("users disable needs one login name."));

  params[0] = args[0];
  result = run_query (admin, "SELECT frontdesk.user_disable($1)", 1, params, &error);
  if (result == NULL)
    return fail (error);

  g_print (_("Disabled the login “%s”; its sessions were ended.\n"), args[0]);
  return EXIT_OK;
}

static int
sample_data_command (Admin  *admin,
                     char  **args)
{
  g_autoptr(PGresult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *clients = g_strdup_printf ("%d", opt_clients);
  g_autofree char *seed = g_strdup_printf ("%d", opt_seed);
  const char *params[] = { clients, seed };
  gint64 started = g_get_monotonic_time ();

  if (g_strv_length (args) != 0)
    return usage_error (_("sample-data takes --clients and --seed, nothing else."));
  if (opt_clients < 1)
    return usage_error (_("--clients must be at least 1."));

  result = run_query (admin, "SELECT what, how_many FROM frontdesk.sample_data($1, $2)", 2,
                      params, &error);
  if (result == NULL)
    return fail (error);

  for (int row = 0; row < PQntuples (result); row++)
    g_print ("%-18s %s\n", PQgetvalue (result, row, 0), PQgetvalue (result, row, 1));
  g_print (_("Done in %.1f seconds.\n"), (g_get_monotonic_time () - started) / 1e6);
  return EXIT_OK;
}

static gboolean
load_record (Admin     *admin,
             FdRecord  *record,
             GError   **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  fd_record_load_async (record, admin->connection, NULL, store_result_cb, &result);
  return fd_record_load_finish (record, wait_for (&result), error);
}

static gboolean
is_record_id (const char *text)
{
  guint64 id;

  return g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &id, NULL);
}

static int
client_show_command (Admin  *admin,
                     char  **args)
{
  g_autoptr(FdRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) columns = NULL;

  if (g_strv_length (args) != 1 || !is_record_id (args[0]))
    return usage_error (_("client show needs a client number, like: client show 42"));

  record = fd_record_new ("clients", args[0]);
  if (!load_record (admin, record, &error))
    return fail (error);

  columns = fd_record_dup_columns (record);
  for (guint i = 0; columns[i] != NULL; i++)
    {
      const char *value = fd_record_get (record, columns[i]);

      g_print ("%-22s %s\n", columns[i], value != NULL ? value : "");
    }
  return EXIT_OK;
}

static int
report_conflicts (GPtrArray *conflicts)
{
  g_printerr (_("frontdesk-admin: not saved: someone else changed the same fields meanwhile\n"));
  for (guint i = 0; i < conflicts->len; i++)
    {
      FdConflict *conflict = g_ptr_array_index (conflicts, i);

      /* Translators: a field, the value read, the value stored now, the value wanted */
      g_printerr (_("  %s: read “%s”, now “%s”, wanted “%s”\n"), conflict->column,
                  conflict->original != NULL ? conflict->original : "",
                  conflict->theirs != NULL ? conflict->theirs : "",
                  conflict->mine != NULL ? conflict->mine : "");
    }
  return EXIT_REFUSED;
}

static int
client_set_command (Admin  *admin,
                    char  **args)
{
  g_autoptr(FdRecord) record = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) changed = NULL;
  g_autofree char *changed_text = NULL;
  FdSaveOutcome outcome;

  if (g_strv_length (args) < 2 || !is_record_id (args[0]))
    return usage_error (_("client set needs a client number and column=value pairs, like: "
                          "client set 42 phone_mobile=0712345678 (column= clears it)"));

  record = fd_record_new ("clients", args[0]);
  if (!load_record (admin, record, &error))
    return fail (error);

  for (guint i = 1; args[i] != NULL; i++)
    {
      const char *equals = strchr (args[i], '=');
      g_autofree char *column = NULL;

      if (equals == NULL || equals == args[i])
        return usage_error (_("Each change is column=value; column= clears the field."));

      column = g_strndup (args[i], equals - args[i]);
      if (!fd_record_set (record, column, equals[1] != '\0' ? equals + 1 : NULL, -1, &error))
        return fail (error);
    }

  if (!fd_record_is_dirty (record))
    {
      g_print (_("Nothing to change: client %s has these values already.\n"), args[0]);
      return EXIT_OK;
    }
  changed = fd_record_dup_changed_columns (record);

  fd_record_save_async (record, admin->connection, NULL, store_result_cb, &result);
  outcome = fd_record_save_finish (record, wait_for (&result), &conflicts, &error);
  switch (outcome)
    {
    case FD_SAVE_SAVED:
      changed_text = g_strjoinv (", ", changed);
      g_print (_("Saved client %s: %s.\n"), args[0], changed_text);
      return EXIT_OK;
    case FD_SAVE_CONFLICT:
      return report_conflicts (conflicts);
    case FD_SAVE_REFUSED:
      g_printerr (_("frontdesk-admin: not saved: %s\n"), error->message);
      return EXIT_REFUSED;
    case FD_SAVE_FAILED:
    default:
      return fail (error);
    }
}

static const Command commands[] = {
  { "status", NULL, "",
    N_("Open the database, bring its layout up to date, and describe it"), status_command },
  { "users", "add", N_("LOGIN [--admin] [--name NAME]"),
    N_("Add a staff login; the password is asked for, or read from standard input"),
    users_add_command },
  { "users", "list", "", N_("List the staff logins"), users_list_command },
  { "users", "disable", N_("LOGIN"), N_("Stop a login from signing in, and end its sessions"),
    users_disable_command },
  { "sample-data", NULL, N_("[--clients N] [--seed S]"),
    N_("Fill an empty practice with a realistic one"), sample_data_command },
  { "client", "show", N_("ID"), N_("Show a client's fields"), client_show_command },
  { "client", "set", N_("ID COLUMN=VALUE…"),
    N_("Change fields of a client, as an editor saves them (COLUMN= clears one)"),
    client_set_command },
  { "locks", "list", N_("[--json]"),
    N_("List the record locks: record, holder, workstation, since, expiry, state"),
    locks_list_command },
  { "locks", "break", N_("KIND ID"),
    N_("Release a record lock (like: locks break clients 12); its holder must reload"),
    locks_break_command },
  { "savelocks", "list", N_("[--json]"), N_("List the held save locks of data contexts"),
    savelocks_list_command },
  { "savelocks", "take", N_("CONTEXT"),
    N_("Take a save lock from its holder (like: savelocks take fees:3)"),
    savelocks_take_command },
  { "savelocks", "break", N_("CONTEXT"),
    N_("Release a save lock without taking it; its holder must acquire it again"),
    savelocks_break_command },
  { "sessions", NULL, N_("[--json]"),
    N_("List the connected sessions, and gone ones still holding locks"), sessions_command },
  { "maintenance", "on", N_("--reason TEXT"),
    N_("Lock the whole database for maintenance: only administrators can change anything"),
    maintenance_on_command },
  { "maintenance", "off", "", N_("End maintenance mode"), maintenance_off_command },
  { "maintenance", "status", N_("[--json]"), N_("Say whether maintenance mode is on, and why"),
    maintenance_status_command },
  { "audit", NULL,
    N_("[--user LOGIN] [--record KIND:ID] [--action ACTION] [--since DATE] [--until DATE] "
       "[--limit N] [--before ID] [--json]"),
    N_("Show the audit log, newest first, old → new for each change"), audit_command },
  { "integrity", NULL, N_("[--fix] [--json]"),
    N_("Check what the database's rules cannot; --fix repairs what is safe to repair"),
    integrity_command },
};

static char *
describe_commands (void)
{
  GString *text = g_string_new (_("Commands:"));

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_string_append_printf (text, "\n  %s", commands[i].name);
      if (commands[i].action != NULL)
        g_string_append_printf (text, " %s", commands[i].action);
      if (commands[i].arguments[0] != '\0')
        g_string_append_printf (text, " %s", _(commands[i].arguments));
      g_string_append_printf (text, "\n      %s", _(commands[i].summary));
    }
  g_string_append (text, _("\n\nExit status: 0 done, 1 failed, 2 wrong usage, 3 conflict or "
                           "refused by the server, 4 cannot connect, 5 integrity problems "
                           "found."));
  return g_string_free (text, FALSE);
}

/* Returns the command @argv names, and how many words named it. */
static const Command *
find_command (int    argc,
              char **argv,
              int   *n_words)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (argc < 2 || !g_str_equal (commands[i].name, argv[1]))
        continue;
      if (commands[i].action == NULL)
        {
          *n_words = 1;
          return &commands[i];
        }
      if (argc >= 3 && g_str_equal (commands[i].action, argv[2]))
        {
          *n_words = 2;
          return &commands[i];
        }
    }
  return NULL;
}

/* The options after the command word: the program's, with the command's own in place of
 * any of the same name. */
static gboolean
parse_command_options (const Command  *command,
                       int            *argc,
                       char         ***argv,
                       GError        **error)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GArray) entries = g_array_new (TRUE, TRUE, sizeof (GOptionEntry));
  gboolean audit = g_str_equal (command->name, "audit");

  for (guint i = 0; option_entries[i].long_name != NULL; i++)
    if (!audit || !g_str_equal (option_entries[i].long_name, "user"))
      g_array_append_val (entries, option_entries[i]);
  if (audit)
    g_array_append_vals (entries, admin_audit_user_entry, 1);

  g_option_context_add_main_entries (context, (GOptionEntry *) entries->data, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, admin_server_entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  return g_option_context_parse (context, argc, argv, error);
}

/* Opening the database ------------------------------------------------------------------ */

static gboolean
open_database (Admin           *admin,
               FdServerConfig  *config,
               GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  admin->database = fd_database_new (config);
  fd_database_open_async (admin->database, NULL, store_result_cb, &result);
  if (!fd_database_open_finish (admin->database, wait_for (&result), error))
    return FALSE;

  admin->connection = fd_database_get_connection (admin->database);
  return TRUE;
}

static int
run_command (const Command   *command,
             FdServerConfig  *config,
             char           **args)
{
  Admin admin = { 0 };
  g_autoptr(GError) error = NULL;
  int status;

  if (!open_database (&admin, config, &error) &&
      g_error_matches (error, FD_DB_ERROR, FD_DB_ERROR_PASSWORD_REQUIRED) &&
      isatty (STDIN_FILENO))
    {
      g_autofree char *prompt = g_strdup_printf (_("Password for %s: "), config->user);

      g_clear_error (&error);
      g_clear_object (&admin.database);
      config->password = read_password (prompt);
      open_database (&admin, config, &error);
    }

  if (error != NULL)
    status = fail (error);
  else
    status = command->func (&admin, args);

  /* Stops the built-in server again unless a Frontdesk window still uses it. */
  if (admin.database != NULL)
    fd_database_close (admin.database);
  g_clear_object (&admin.database);
  return status;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(FdServerConfig) config = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  const Command *command;
  int n_words = 0;
  int command_argc;
  char **command_argv;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  context = g_option_context_new (_("COMMAND [ARGUMENT…]"));
  g_option_context_set_summary (context, _("Administer the Frontdesk practice database. With no "
                                           "server given, the one in this computer's Frontdesk "
                                           "preferences is used (by default the built-in one)."));
  description = describe_commands ();
  g_option_context_set_description (context, description);
  g_option_context_add_main_entries (context, option_entries, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, admin_server_entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  /* -h is the host, as in psql; --help remains. */
  g_option_context_set_help_enabled (context, TRUE);
  g_option_context_set_strict_posix (context, TRUE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error (error->message);

  command = find_command (argc, argv, &n_words);
  if (command == NULL)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

      if (argc >= 2)
        g_printerr (_("frontdesk-admin: unknown command “%s”\n\n"), argv[1]);
      g_printerr ("%s", help);
      return EXIT_USAGE;
    }

  command_argc = argc - n_words;
  command_argv = argv + n_words;
  if (!parse_command_options (command, &command_argc, &command_argv, &error))
    return usage_error (error->message);

  config = fd_server_config_new_for_workstation ();
  if (!fd_server_config_override (config, opt_host, opt_port, opt_database, opt_user,
                                  opt_data_folder, NULL, &error))
    return usage_error (error->message);
  g_free (config->workstation);
  config->workstation = opt_workstation != NULL
                        ? g_strdup (opt_workstation)
                        : g_strdup_printf ("frontdesk-admin@%s", g_get_host_name ());
  if (config->user == NULL || config->user[0] == '\0')
    {
      g_free (config->user);
      config->user = g_strdup (g_get_user_name ());
    }

  return run_command (command, config, command_argv + 1);
}
