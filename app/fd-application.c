/* fd-application.c: the Frontdesk application: options, actions, and the practice database
 * that every window shows.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>
#include <glib-unix.h>
#include <libpq-fe.h>

#include "fd-application.h"
#include "fd-preferences-window.h"
#include "fd-ui.h"
#include "fd-window.h"

struct _FdApplication
{
  AdwApplication  parent_instance;

  /* Owned */
  GSettings      *settings;
  FdServerConfig *config_override;
  FdDatabase     *database;
  GCancellable   *cancellable;

  guint           sigint_source;
  guint           sigterm_source;
};

G_DEFINE_FINAL_TYPE (FdApplication, fd_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "version", 'v', 0, G_OPTION_ARG_NONE, NULL,
    N_("Show the version and exit"), NULL },
  { "host", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Use the database server on HOST for this run (empty: the built-in database)"),
    N_("HOST") },
  { "port", 0, 0, G_OPTION_ARG_INT, NULL,
    N_("Use this TCP port of the database server"), N_("PORT") },
  { "database", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Use this database on the server"), N_("NAME") },
  { "user", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Log in to the database server as USER"), N_("USER") },
  { "data-folder", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Keep the built-in database in FOLDER"), N_("FOLDER") },
  { "workstation", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Name this workstation NAME for this run, as other users see it"), N_("NAME") },
  { "new-instance", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Open a workstation of its own beside the Frontdesk already running (another person, "
       "another database)"), NULL },
  { NULL }
};

static void
database_opened_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* The window shows the failure; the log keeps it for whoever reads it. */
  if (!fd_database_open_finish (FD_DATABASE (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_message ("Cannot open the practice database: %s", error->message);
}

static FdServerConfig *
dup_server_config (FdApplication *self)
{
  if (self->config_override != NULL)
    return fd_server_config_copy (self->config_override);

  return fd_server_config_new_from_settings (self->settings);
}

static void
open_database (FdApplication *self)
{
  g_autoptr(FdServerConfig) config = dup_server_config (self);
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->database = fd_database_new (config);
  fd_database_set_refresh_interval (self->database,
                                    g_settings_get_uint (self->settings, "refresh-interval"));

  for (GList *l = windows; l != NULL; l = l->next)
    {
      if (FD_IS_WINDOW (l->data))
        fd_window_set_database (FD_WINDOW (l->data), self->database);
    }

  fd_database_open_async (self->database, self->cancellable, database_opened_cb, NULL);
}

/* Preferences apply at once. */
static void
refresh_interval_changed_cb (FdApplication *self)
{
  if (self->database != NULL)
    fd_database_set_refresh_interval (self->database,
                                      g_settings_get_uint (self->settings, "refresh-interval"));
}

static void
close_database (FdApplication *self)
{
  g_cancellable_cancel (self->cancellable);
  if (self->database != NULL)
    fd_database_close (self->database);
  g_clear_object (&self->database);
}

static gboolean
quit_on_signal_cb (gpointer user_data)
{
  /* Shutting down cleanly releases the built-in server for the next user. */
  g_application_quit (G_APPLICATION (user_data));
  return G_SOURCE_CONTINUE;
}

/* Actions -------------------------------------------------------------------------------- */

/* Closing each window lets it ask about unsaved changes; the last one to go ends the run. */
static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (user_data)));

  if (windows == NULL)
    g_application_quit (G_APPLICATION (user_data));

  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
}

static void
reconnect_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  fd_application_reconnect (FD_APPLICATION (user_data));
}

/* Preferences' Connect: the saved settings now win over the command line's server. */
static void
connect_saved_server_activated (GSimpleAction *action,
                                GVariant      *parameter,
                                gpointer       user_data)
{
  FdApplication *self = FD_APPLICATION (user_data);

  fd_application_set_server_config (self, NULL);
  fd_application_reconnect (self);
}

static FdPreferencesWindow *
present_preferences (FdApplication *self)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  /* The folder this run's built-in database is in, which --data-folder may have moved. */
  const FdServerConfig *config = self->database != NULL ? fd_database_get_config (self->database)
                                                        : self->config_override;
  FdPreferencesWindow *preferences;

  preferences = fd_preferences_window_new (parent, self->settings,
                                           config != NULL ? config->data_folder : NULL);

  gtk_window_present (GTK_WINDOW (preferences));
  return preferences;
}

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  present_preferences (FD_APPLICATION (user_data));
}

static void
database_settings_activated (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  fd_preferences_window_show_database_page (present_preferences (FD_APPLICATION (user_data)));
}

static char *
dup_debug_info (FdApplication *self)
{
  GString *info = g_string_new (NULL);

  g_string_append_printf (info, "Frontdesk %s\n", PACKAGE_VERSION);
  g_string_append_printf (info, "GTK %u.%u.%u, libadwaita %u.%u.%u, GLib %u.%u.%u, libpq %d\n",
                          gtk_get_major_version (), gtk_get_minor_version (),
                          gtk_get_micro_version (), adw_get_major_version (),
                          adw_get_minor_version (), adw_get_micro_version (),
                          glib_major_version, glib_minor_version, glib_micro_version,
                          PQlibVersion ());
  if (self->database != NULL)
    {
      g_string_append_printf (info, "Database: %s\n", fd_database_get_description (self->database));
      if (fd_database_get_phase (self->database) == FD_DATABASE_PHASE_READY)
        g_string_append_printf (info, "PostgreSQL %s, database layout %u\n",
                                fd_database_get_server_version (self->database),
                                fd_database_get_schema_version (self->database));
    }

  return g_string_free (info, FALSE);
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  FdApplication *self = FD_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autofree char *debug_info = dup_debug_info (self);
  AdwAboutWindow *about;

  about = ADW_ABOUT_WINDOW (adw_about_window_new ());
  g_object_set (about,
                "transient-for", parent,
                "application-name", _("Frontdesk"),
                "application-icon", APPLICATION_ID,
                "version", PACKAGE_VERSION,
                "developer-name", _("Frontdesk developers"),
                "copyright", _("© 2026 Frontdesk developers"),
                "license-type", GTK_LICENSE_GPL_3_0,
                "comments", _("Client records, the appointment book and fee schedules for the "
                              "front desk of a practice, shared by every workstation."),
                "debug-info", debug_info,
                "debug-info-filename", "frontdesk-debug-info.txt",
                "translator-credits", _("translator-credits"),
                NULL);
  gtk_window_present (GTK_WINDOW (about));
}

/* The password lives in memory for this run only, and goes with the next reconnect. */
static void
sign_in_activated (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  FdApplication *self = FD_APPLICATION (user_data);
  g_autoptr(FdServerConfig) config = dup_server_config (self);

  g_free (config->password);
  config->password = g_variant_dup_string (parameter, NULL);
  fd_application_set_server_config (self, config);
  fd_application_reconnect (self);
}

/* Who signed in: the login the settings or the command line give, else this computer's
 * account (as libpq takes it). */
static char *
dup_login (const FdServerConfig *config)
{
  if (config->user != NULL && config->user[0] != '\0')
    return g_strdup (config->user);
  return g_strdup (g_get_user_name ());
}

/* A window's Sign Out, once what was unsaved is settled (fd-window-sign-out.c): the
 * database session ends, which frees this desk's locks, and its password is forgotten. */
static void
end_session_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  FdApplication *self = FD_APPLICATION (user_data);
  g_autoptr(FdServerConfig) config = dup_server_config (self);
  g_autofree char *login = dup_login (config);
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  g_clear_pointer (&config->password, g_free);
  fd_application_set_server_config (self, config);
  close_database (self);

  for (GList *l = windows; l != NULL; l = l->next)
    {
      if (FD_IS_WINDOW (l->data))
        fd_window_show_signed_out (FD_WINDOW (l->data), login,
                                   g_variant_get_boolean (parameter));
    }
}

/* The signed-out page's Sign In: this login, for this run. An empty password is none: the
 * server may not want one, and asks again when it does. */
static void
sign_in_as_activated (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  FdApplication *self = FD_APPLICATION (user_data);
  g_autoptr(FdServerConfig) config = dup_server_config (self);
  const char *user;
  const char *password;

  g_variant_get (parameter, "(&s&s)", &user, &password);
  g_free (config->user);
  config->user = g_strdup (user);
  g_free (config->password);
  config->password = password[0] != '\0' ? g_strdup (password) : NULL;
  fd_application_set_server_config (self, config);
  fd_application_reconnect (self);
}

static const GActionEntry app_actions[] = {
  { "sign-in", sign_in_activated, "s" },
  { "sign-in-as", sign_in_as_activated, "(ss)" },
  { "end-session", end_session_activated, "b" },
  { "quit", quit_activated },
  { "reconnect", reconnect_activated },
  { "connect-saved-server", connect_saved_server_activated },
  { "preferences", preferences_activated },
  { "database-settings", database_settings_activated },
  { "about", about_activated },
};

/* GApplication --------------------------------------------------------------------------- */

static int
fd_application_handle_local_options (GApplication *application,
                                     GVariantDict *options)
{
  FdApplication *self = FD_APPLICATION (application);
  g_autoptr(FdServerConfig) config = NULL;
  g_autoptr(GError) error = NULL;
  const char *host = NULL;
  const char *database = NULL;
  const char *user = NULL;
  const char *data_folder = NULL;
  const char *workstation = NULL;
  gint32 port = 0;
  gboolean overridden = FALSE;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
      return 0;
    }

  /* One Frontdesk per person: a second launch raises the first one's window, unless it
   * asks to be a workstation of its own. */
  if (!g_variant_dict_contains (options, "new-instance"))
    g_application_set_flags (application,
                             g_application_get_flags (application) & ~G_APPLICATION_NON_UNIQUE);

  g_variant_dict_lookup (options, "host", "&s", &host);
  g_variant_dict_lookup (options, "port", "i", &port);
  g_variant_dict_lookup (options, "database", "&s", &database);
  g_variant_dict_lookup (options, "user", "&s", &user);
  g_variant_dict_lookup (options, "data-folder", "^&ay", &data_folder);
  g_variant_dict_lookup (options, "workstation", "&s", &workstation);

  config = fd_server_config_new_from_settings (self->settings);
  if (!fd_server_config_override (config, host, port, database, user, data_folder,
                                  &overridden, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  if (workstation != NULL && workstation[0] != '\0')
    {
      g_free (config->workstation);
      config->workstation = g_strdup (workstation);
      overridden = TRUE;
    }

  if (overridden && !g_variant_dict_contains (options, "new-instance"))
    {
      if (!g_application_register (application, NULL, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      /* The window already open would silently ignore another server or login. */
      if (g_application_get_is_remote (application))
        {
          g_application_activate (application);
          g_printerr ("%s\n", _("Frontdesk is already running on this computer; its window was "
                                "brought to the front. To open a second workstation beside it "
                                "(another person, another database), add --new-instance."));
          return 1;
        }
    }

  if (overridden)
    fd_application_set_server_config (self, config);
  return -1;
}

static void
fd_application_startup (GApplication *application)
{
  FdApplication *self = FD_APPLICATION (application);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };

  G_APPLICATION_CLASS (fd_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions),
                                   self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         preferences_accels);

  self->sigint_source = g_unix_signal_add (SIGINT, quit_on_signal_cb, self);
  self->sigterm_source = g_unix_signal_add (SIGTERM, quit_on_signal_cb, self);
}

static void
fd_application_activate (GApplication *application)
{
  FdApplication *self = FD_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (self->database == NULL)
    open_database (self);

  if (window == NULL)
    window = GTK_WINDOW (fd_window_new (GTK_APPLICATION (self), self->database));
  else
    g_debug ("Launched again: bringing the window to the front");

  gtk_window_present (window);
}

static void
fd_application_shutdown (GApplication *application)
{
  FdApplication *self = FD_APPLICATION (application);

  close_database (self);
  g_clear_handle_id (&self->sigint_source, g_source_remove);
  g_clear_handle_id (&self->sigterm_source, g_source_remove);

  G_APPLICATION_CLASS (fd_application_parent_class)->shutdown (application);
}

static void
fd_application_finalize (GObject *object)
{
  FdApplication *self = FD_APPLICATION (object);

  g_clear_object (&self->database);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->config_override, fd_server_config_free);

  G_OBJECT_CLASS (fd_application_parent_class)->finalize (object);
}

static void
fd_application_class_init (FdApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = fd_application_finalize;
  app_class->handle_local_options = fd_application_handle_local_options;
  app_class->startup = fd_application_startup;
  app_class->activate = fd_application_activate;
  app_class->shutdown = fd_application_shutdown;
}

static void
fd_application_init (FdApplication *self)
{
  fd_ui_register_modules ();
  self->settings = g_settings_new (APPLICATION_ID);
  g_signal_connect_object (self->settings, "changed::refresh-interval",
                           G_CALLBACK (refresh_interval_changed_cb), self, G_CONNECT_SWAPPED);

  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), NULL);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Client records and appointments for the front "
                                              "desk of a practice."));
}

/**
 * fd_application_new:
 *
 * Run from a command line (g_application_run()), Frontdesk is unique for the user: a
 * second launch raises the window already open, and `--new-instance` opens a workstation
 * of its own. Used without a command line — a test opening its desks — it stays a
 * workstation of its own and never hands over to another process.
 */
FdApplication *
fd_application_new (void)
{
  return g_object_new (FD_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_NON_UNIQUE,
                       "resource-base-path", RESOURCE_BASE,
                       NULL);
}

/**
 * fd_application_get_database:
 *
 * Returns: (transfer none) (nullable): the database the windows show
 */
FdDatabase *
fd_application_get_database (FdApplication *self)
{
  g_return_val_if_fail (FD_IS_APPLICATION (self), NULL);

  return self->database;
}

/**
 * fd_application_set_server_config:
 * @config: (nullable): the server for this run, or %NULL for the one in the settings
 *
 * Takes effect at the next (re)connect.
 */
void
fd_application_set_server_config (FdApplication        *self,
                                  const FdServerConfig *config)
{
  g_return_if_fail (FD_IS_APPLICATION (self));

  g_clear_pointer (&self->config_override, fd_server_config_free);
  if (config != NULL)
    self->config_override = fd_server_config_copy (config);
}

/**
 * fd_application_reconnect:
 *
 * Closes the database and opens it again with the current settings.
 */
void
fd_application_reconnect (FdApplication *self)
{
  g_return_if_fail (FD_IS_APPLICATION (self));

  close_database (self);
  open_database (self);
}
