/* frontdesk-admin.c: the command line for administrators, scripts and agents.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * It links the data layer only and writes through the same save path as the program:
 * changed columns only, reread under lock, audited and signalled, as a session of its own.
 *
 * Exit status: 0 done, 1 failed otherwise, 2 wrong usage, 3 conflict or refused by the
 * server, 4 cannot connect (or the database's layout does not fit), 5 the integrity checks
 * found errors or warnings.
 *
 * psql's connection options (-h -p -d -U -w) go before or after the command word; each
 * command's own options after it, and an option of another command is wrong usage.
 * `frontdesk-admin COMMAND --help` lists a command's options.
 */
#include <glib/gi18n.h>
#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "fd-admin-output.h"
#include "fd-migrations.h"
#include "fd-pg.h"
#include "fd-record.h"
#include "frontdesk-admin.h"

typedef int (*CommandFunc) (Admin *admin,
                            char **args);

typedef struct
{
  const char         *name;
  const char         *action;     /* NULL for a command without actions */
  const char         *arguments;
  const char         *summary;
  const GOptionEntry *entries;    /* the command's own options, or NULL */
  gboolean            listing;    /* takes --json */
  AdminOpen           open;
  CommandFunc         func;
} Command;

static AdminTarget target;
static gboolean opt_version;
static gboolean opt_admin;
static char *opt_display_name;
static int opt_clients = 500;
static int opt_seed = 1;

gboolean admin_json;

/* psql's connection options; --database and --user stay for the scripts that use them. */
static const GOptionEntry connection_entries[] = {
  { "host", 'h', 0, G_OPTION_ARG_STRING, &target.host,
    N_("Database server host, several as host1,host2, or socket folder (empty: the built-in "
       "database)"), N_("HOST") },
  { "port", 'p', 0, G_OPTION_ARG_STRING, &target.port,
    N_("Database server port, one for each host"), N_("PORT") },
  { "dbname", 'd', 0, G_OPTION_ARG_STRING, &target.dbname,
    N_("Database name, or a connection string (\"host=a,b target_session_attrs=read-write\")"),
    N_("DBNAME") },
  { "database", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &target.dbname, NULL, NULL },
  { "username", 'U', 0, G_OPTION_ARG_STRING, &target.user,
    N_("Log in as USER (the password comes from PGPASSWORD, ~/.pgpass or a prompt)"),
    N_("USER") },
  { "user", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &target.user, NULL, NULL },
  { "no-password", 'w', 0, G_OPTION_ARG_NONE, &target.no_password,
    N_("Never ask for a password"), NULL },
  { "data-folder", 0, 0, G_OPTION_ARG_FILENAME, &target.data_folder,
    N_("Keep the built-in database in FOLDER"), N_("FOLDER") },
  { "workstation", 0, 0, G_OPTION_ARG_STRING, &target.workstation,
    N_("Name this session's workstation in the audit log"), N_("NAME") },
  { NULL }
};

static const GOptionEntry program_entries[] = {
  { "version", 'V', 0, G_OPTION_ARG_NONE, &opt_version,
    N_("Print the version and exit"), NULL },
  { NULL }
};

const GOptionEntry admin_json_entries[] = {
  { "json", 0, 0, G_OPTION_ARG_NONE, &admin_json,
    N_("Print JSON for scripts instead of columns"), NULL },
  { NULL }
};

static const GOptionEntry users_add_entries[] = {
  { "admin", 0, 0, G_OPTION_ARG_NONE, &opt_admin,
    N_("Make the new login an administrator"), NULL },
  { "name", 0, 0, G_OPTION_ARG_STRING, &opt_display_name,
    N_("The person's full name"), N_("NAME") },
  { NULL }
};

static const GOptionEntry sample_data_entries[] = {
  { "clients", 0, 0, G_OPTION_ARG_INT, &opt_clients,
    N_("How many clients (default 500)"), N_("N") },
  { "seed", 0, 0, G_OPTION_ARG_INT, &opt_seed,
    N_("The same seed makes the same practice (default 1)"), N_("S") },
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

PGresult *
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
char *
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
  if (admin_json)
    {
      fd_admin_print_json (fd_admin_json_rows (result, NULL, 0));
      return EXIT_OK;
    }

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
  if (admin_json)
    {
      fd_admin_print_json (fd_admin_json_rows (result, NULL, 0));
      return EXIT_OK;
    }

  for (int row = 0; row < PQntuples (result); row++)
    g_print ("%-18s %s\n", PQgetvalue (result, row, 0), PQgetvalue (result, row, 1));
  g_print (_("Done in %.1f seconds.\n"), (g_get_monotonic_time () - started) / 1e6);
  return EXIT_OK;
}


/* Name, action, arguments, summary; own options, whether a listing (--json), how far it opens
 * the database, and the function. */
static const Command commands[] = {
  { "status", NULL, "",
    N_("Describe the database, its layout and who is signed in; changes nothing"),
    NULL, TRUE, ADMIN_OPEN_INSPECT, status_command },
  { "migrate", NULL, "",
    N_("Bring the database's layout up to date (creating a new built-in database), and say "
       "what was applied"),
    NULL, TRUE, ADMIN_OPEN_MIGRATE, migrate_command },
  { "users", "add", N_("LOGIN [--admin] [--name NAME]"),
    N_("Add a staff login; the password is asked for, or read from standard input"),
    users_add_entries, FALSE, ADMIN_OPEN_SESSION, users_add_command },
  { "users", "list", "",
    N_("List the staff logins"),
    NULL, TRUE, ADMIN_OPEN_SESSION, users_list_command },
  { "users", "disable", N_("LOGIN"),
    N_("Stop a login from signing in, and end its sessions"),
    NULL, FALSE, ADMIN_OPEN_SESSION, users_disable_command },
  { "sample-data", NULL, N_("[--clients N] [--seed S]"),
    N_("Fill an empty practice with a realistic one"),
    sample_data_entries, TRUE, ADMIN_OPEN_SESSION, sample_data_command },
  { "client", "show", N_("ID"),
    N_("Show a client's fields"),
    NULL, TRUE, ADMIN_OPEN_SESSION, client_show_command },
  { "client", "set", N_("ID COLUMN=VALUE…"),
    N_("Change fields of a client, as an editor saves them (COLUMN= clears one)"),
    NULL, FALSE, ADMIN_OPEN_SESSION, client_set_command },
  { "locks", "list", "",
    N_("List the record locks: record, holder, workstation, since, expiry, state"),
    NULL, TRUE, ADMIN_OPEN_SESSION, locks_list_command },
  { "locks", "break", N_("KIND ID"),
    N_("Release a record lock (like: locks break clients 12); its holder must reload"),
    NULL, TRUE, ADMIN_OPEN_SESSION, locks_break_command },
  { "savelocks", "list", "",
    N_("List the held save locks of data contexts"),
    NULL, TRUE, ADMIN_OPEN_SESSION, savelocks_list_command },
  { "savelocks", "take", N_("CONTEXT"),
    N_("Take a save lock from its holder (like: savelocks take fees:3)"),
    NULL, TRUE, ADMIN_OPEN_SESSION, savelocks_take_command },
  { "savelocks", "break", N_("CONTEXT"),
    N_("Release a save lock without taking it; its holder must acquire it again"),
    NULL, TRUE, ADMIN_OPEN_SESSION, savelocks_break_command },
  { "sessions", NULL, "",
    N_("List the connected sessions, and gone ones still holding locks"),
    NULL, TRUE, ADMIN_OPEN_SESSION, sessions_command },
  { "maintenance", "on", N_("--reason TEXT"),
    N_("Lock the whole database for maintenance: only administrators can change anything"),
    admin_maintenance_on_entries, TRUE, ADMIN_OPEN_SESSION, maintenance_on_command },
  { "maintenance", "off", "",
    N_("End maintenance mode"),
    NULL, TRUE, ADMIN_OPEN_SESSION, maintenance_off_command },
  { "maintenance", "status", "",
    N_("Say whether maintenance mode is on, and why"),
    NULL, TRUE, ADMIN_OPEN_SESSION, maintenance_status_command },
  { "audit", NULL,
    N_("[--user LOGIN] [--record KIND:ID] [--action ACTION] [--since DATE] [--until DATE] "
       "[--limit N] [--before ID]"),
    N_("Show the audit log, newest first, old → new for each change"),
    admin_audit_entries, TRUE, ADMIN_OPEN_SESSION, audit_command },
  { "integrity", NULL, N_("[--fix]"),
    N_("Check what the database's rules cannot; --fix repairs what is safe to repair"),
    admin_integrity_entries, TRUE, ADMIN_OPEN_SESSION, integrity_command },
};

static char *
command_words (const Command *command)
{
  if (command->action == NULL)
    return g_strdup (command->name);
  return g_strdup_printf ("%s %s", command->name, command->action);
}

static char *
describe_commands (void)
{
  GString *text = g_string_new (_("Commands:"));

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *words = command_words (&commands[i]);

      g_string_append_printf (text, "\n  %s", words);
      if (commands[i].arguments[0] != '\0')
        g_string_append_printf (text, " %s", _(commands[i].arguments));
      if (commands[i].listing)
        g_string_append (text, " [--json]");
      g_string_append_printf (text, "\n      %s", _(commands[i].summary));
    }
  g_string_append (text, _("\n\n“frontdesk-admin COMMAND --help” lists a command's options."));
  g_string_append (text, _("\n\nThe environment: PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD, "
                           "PGSERVICE, PGSSLMODE, PGTARGETSESSIONATTRS and ~/.pgpass as for "
                           "psql. With no server named there or by -h, the one in this "
                           "computer's Frontdesk preferences (by default the built-in one)."));
  g_string_append (text, _("\n\nExit status: 0 done, 1 failed, 2 wrong usage, 3 conflict or "
                           "refused by the server, 4 cannot connect or the database's layout "
                           "does not fit, 5 integrity problems found."));
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

/* Returns: (nullable): the actions of command @name ("add, list, disable"), if it has any */
static char *
list_actions (const char *name)
{
  g_autoptr(GPtrArray) actions = g_ptr_array_new_null_terminated (0, NULL, TRUE);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (commands[i].action != NULL && g_str_equal (commands[i].name, name))
      g_ptr_array_add (actions, (gpointer) commands[i].action);
  if (actions->len == 0)
    return NULL;
  return g_strjoinv (", ", (char **) actions->pdata);
}

static gboolean
entries_have (const GOptionEntry *entries,
              const char         *name)
{
  for (guint i = 0; entries != NULL && entries[i].long_name != NULL; i++)
    if (g_str_equal (entries[i].long_name, name))
      return TRUE;
  return FALSE;
}

static gboolean
command_has_option (const Command *command,
                    const char    *name)
{
  return entries_have (command->entries, name) ||
         (command->listing && g_str_equal (name, "json"));
}

/* An option another command has, after this one's word: say whose it is. */
static gboolean
check_foreign_options (const Command  *command,
                       int             argc,
                       char          **argv,
                       GError        **error)
{
  for (int i = 1; i < argc && !g_str_equal (argv[i], "--"); i++)
    {
      g_autofree char *name = NULL;

      if (!g_str_has_prefix (argv[i], "--"))
        continue;
      name = g_strndup (argv[i] + 2, strcspn (argv[i] + 2, "="));
      if (command_has_option (command, name) || entries_have (connection_entries, name) ||
          g_str_has_prefix (name, "help"))
        continue;

      for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
        if (command_has_option (&commands[c], name))
          {
            g_autofree char *mine = command_words (command);
            g_autofree char *theirs = command_words (&commands[c]);

            g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_UNKNOWN_OPTION,
                         _("--%s is an option of “%s”, not of “%s”. See “frontdesk-admin %s "
                           "--help”."), name, theirs, mine, mine);
            return FALSE;
          }
    }
  return TRUE;
}

/* The connection options, without --user where the command has its own. */
static GOptionGroup *
connection_group (const Command *command)
{
  GOptionGroup *group = g_option_group_new ("connection", _("Connection options:"),
                                            _("Show the connection options"), NULL, NULL);
  g_autoptr(GArray) entries = g_array_new (TRUE, TRUE, sizeof (GOptionEntry));

  for (guint i = 0; connection_entries[i].long_name != NULL; i++)
    if (!command_has_option (command, connection_entries[i].long_name))
      g_array_append_val (entries, connection_entries[i]);
  g_option_group_add_entries (group, (GOptionEntry *) entries->data);
  g_option_group_set_translation_domain (group, GETTEXT_PACKAGE);
  return group;
}

/* The options after the command word: its own, --json for a listing, and the connection's. */
static gboolean
parse_command_options (const Command  *command,
                       int            *argc,
                       char         ***argv,
                       GError        **error)
{
  g_autofree char *words = command_words (command);
  g_autofree char *parameters = g_strdup_printf ("%s %s", words, _(command->arguments));
  g_autoptr(GOptionContext) context = g_option_context_new (parameters);

  if (!check_foreign_options (command, *argc, *argv, error))
    return FALSE;

  g_option_context_set_summary (context, _(command->summary));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (command->entries != NULL)
    g_option_context_add_main_entries (context, command->entries, GETTEXT_PACKAGE);
  if (command->listing)
    g_option_context_add_main_entries (context, admin_json_entries, GETTEXT_PACKAGE);
  /* Shown by --help too, psql's flags being what a reader looks for; in a group of their own
   * where the command has an option of the same name (audit --user). */
  if (command_has_option (command, "user"))
    g_option_context_add_group (context, connection_group (command));
  else
    g_option_context_add_main_entries (context, connection_entries, GETTEXT_PACKAGE);
  return g_option_context_parse (context, argc, argv, error);
}

static int
run_command (const Command  *command,
             char          **args)
{
  Admin admin = { 0 };
  int status;

  status = admin_open (&admin, &target, command->open);
  if (status == EXIT_OK)
    status = command->func (&admin, args);
  admin_close (&admin);
  return status;
}

static void
print_version (void)
{
  g_print ("frontdesk-admin (Frontdesk) %s\n", PACKAGE_VERSION);
  /* Translators: the schema version this program writes, and libpq's version */
  g_print (_("database layout %u, libpq %d.%d\n"), fd_migrations_get_latest_version (),
           PQlibVersion () / 10000, PQlibVersion () % 10000);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  g_autofree char *default_workstation = NULL;
  const Command *command;
  int n_words = 0;
  int command_argc;
  char **command_argv;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  context = g_option_context_new (_("COMMAND [ARGUMENT…]"));
  g_option_context_set_summary (context, _("Administer the Frontdesk practice database."));
  description = describe_commands ();
  g_option_context_set_description (context, description);
  g_option_context_add_main_entries (context, program_entries, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, connection_entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  /* -h is the host, as in psql; --help remains. Parsing stops at the command word. */
  g_option_context_set_help_enabled (context, TRUE);
  g_option_context_set_strict_posix (context, TRUE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_autofree char *message = NULL;

      if (!g_error_matches (error, G_OPTION_ERROR, G_OPTION_ERROR_UNKNOWN_OPTION))
        return usage_error (error->message);
      /* Translators: GLib's “Unknown option --json”, then a hint */
      message = g_strdup_printf (_("%s. A command's own options go after its word, like: "
                                   "frontdesk-admin sessions --json"), error->message);
      return usage_error (message);
    }
  if (opt_version)
    {
      print_version ();
      return EXIT_OK;
    }

  command = find_command (argc, argv, &n_words);
  if (command == NULL)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

      g_autofree char *actions = argc >= 2 ? list_actions (argv[1]) : NULL;

      if (actions != NULL)
        {
          /* Translators: a command and the actions it takes, like “add, list, disable” */
          g_printerr (_("frontdesk-admin: “%s” needs one of: %s. See “frontdesk-admin --help”.\n"),
                      argv[1], actions);
          return EXIT_USAGE;
        }
      if (argc >= 2)
        g_printerr (_("frontdesk-admin: unknown command “%s”\n\n"), argv[1]);
      g_printerr ("%s", help);
      return EXIT_USAGE;
    }

  command_argc = argc - n_words;
  command_argv = argv + n_words;
  if (!parse_command_options (command, &command_argc, &command_argv, &error))
    return usage_error (error->message);

  if (target.workstation == NULL)
    target.workstation = g_strdup_printf ("frontdesk-admin@%s", g_get_host_name ());
  return run_command (command, command_argv + 1);
}
