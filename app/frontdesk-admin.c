/* frontdesk-admin.c: the command line for administrators and scripts.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Exit status: 0 done, 1 failed (the reason is on stderr), 2 wrong usage.
 */
#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <unistd.h>

#include "fd-database.h"

typedef struct
{
  GMainLoop  *loop;
  FdDatabase *database;
  GError     *error;
} Run;

typedef int (*CommandFunc) (FdDatabase *database);

typedef struct
{
  const char  *name;
  const char  *summary;
  CommandFunc  func;
} Command;

static char *opt_host;
static int opt_port;
static char *opt_database;
static char *opt_user;
static char *opt_data_folder;

static const GOptionEntry option_entries[] = {
  { "host", 0, 0, G_OPTION_ARG_STRING, &opt_host,
    N_("Use the database server on HOST (empty: the built-in database)"), N_("HOST") },
  { "port", 0, 0, G_OPTION_ARG_INT, &opt_port,
    N_("Use this TCP port of the database server"), N_("PORT") },
  { "database", 0, 0, G_OPTION_ARG_STRING, &opt_database,
    N_("Use this database on the server"), N_("NAME") },
  { "user", 0, 0, G_OPTION_ARG_STRING, &opt_user,
    N_("Log in to the database server as USER"), N_("USER") },
  { "data-folder", 0, 0, G_OPTION_ARG_FILENAME, &opt_data_folder,
    N_("Keep the built-in database in FOLDER"), N_("FOLDER") },
  { NULL }
};

static int
status_command (FdDatabase *database)
{
  g_print ("%-18s %s\n", _("Practice:"), fd_database_get_practice_name (database));
  g_print ("%-18s %s\n", _("Database:"), fd_database_get_description (database));
  g_print ("%-18s %s\n", _("PostgreSQL:"), fd_database_get_server_version (database));
  g_print ("%-18s %u\n", _("Database layout:"), fd_database_get_schema_version (database));
  return 0;
}

static const Command commands[] = {
  { "status", N_("Open the practice database, bring its layout up to date, and describe it"),
    status_command },
};

static void
database_opened_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Run *run = user_data;

  fd_database_open_finish (FD_DATABASE (object), result, &run->error);
  g_main_loop_quit (run->loop);
}

static void
progress_cb (FdDatabase *database,
             const char *message,
             gpointer    user_data)
{
  if (isatty (fileno (stderr)))
    g_printerr ("%s\n", message);
}

static char *
describe_commands (void)
{
  GString *text = g_string_new (_("Commands:"));

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (text, "\n  %-10s %s", commands[i].name, _(commands[i].summary));

  return g_string_free (text, FALSE);
}

static const Command *
find_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (g_str_equal (commands[i].name, name))
        return &commands[i];
    }
  return NULL;
}

static int
run_command (const Command  *command,
             FdServerConfig *config)
{
  Run run = { 0 };
  int status;

  run.loop = g_main_loop_new (NULL, FALSE);
  run.database = fd_database_new (config);
  g_signal_connect (run.database, "progress", G_CALLBACK (progress_cb), NULL);

  fd_database_open_async (run.database, NULL, database_opened_cb, &run);
  g_main_loop_run (run.loop);

  if (run.error != NULL)
    {
      g_printerr ("frontdesk-admin: %s\n", run.error->message);
      status = 1;
    }
  else
    {
      status = command->func (run.database);
    }

  /* Stops the built-in server again unless a Frontdesk window still uses it. */
  fd_database_close (run.database);
  g_clear_error (&run.error);
  g_object_unref (run.database);
  g_main_loop_unref (run.loop);
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

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  context = g_option_context_new (_("COMMAND"));
  g_option_context_set_summary (context, _("Administer the Frontdesk practice database."));
  description = describe_commands ();
  g_option_context_set_description (context, description);
  g_option_context_add_main_entries (context, option_entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("frontdesk-admin: %s\n", error->message);
      return 2;
    }

  if (argc != 2 || (command = find_command (argv[1])) == NULL)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

      if (argc >= 2)
        g_printerr (_("frontdesk-admin: unknown command “%s”\n\n"), argv[1]);
      g_printerr ("%s", help);
      return 2;
    }

  config = fd_server_config_new_for_workstation ();
  if (!fd_server_config_override (config, opt_host, opt_port, opt_database, opt_user,
                                  opt_data_folder, NULL, &error))
    {
      g_printerr ("frontdesk-admin: %s\n", error->message);
      return 2;
    }

  return run_command (command, config);
}
