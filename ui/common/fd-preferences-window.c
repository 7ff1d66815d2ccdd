/* fd-preferences-window.c: this workstation's preferences: automatic refresh, its name, and
 * the database server.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The refresh interval and the workstation name apply as they are changed. The server
 * settings apply together when the user presses Connect, so that half-typed host names
 * never make the workstation reconnect. The certificate authority file is one of them;
 * Forget Password removes this workstation's passwords from the keyring at once.
 */
#include <glib/gi18n.h>

#include "fd-embedded-server.h"
#include "fd-keyring.h"
#include "fd-preferences-window.h"
#include "fd-server-config.h"

#define DEFAULT_INTERVAL_S 10

/* As in the template, for when a wrong host list has replaced it. */
#define SERVER_GROUP_DESCRIPTION \
  N_("Leave the host empty to use the database built into Frontdesk on this computer. With a " \
     "standby server, list every host separated by commas (db1.office.lan, " \
     "db2.office.lan:5433): Frontdesk uses the one that accepts changes, and finds the new one " \
     "by itself after a failover. Changes take effect when you connect.")

struct _FdPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template widgets */
  AdwPreferencesPage   *database_page;
  AdwPreferencesGroup  *workstation_group;
  GtkSwitch            *refresh_switch;
  GtkSpinButton        *interval_spin;
  AdwEntryRow          *workstation_row;
  GtkButton            *connect_button;
  AdwPreferencesGroup  *server_group;
  AdwEntryRow          *host_row;
  GtkSpinButton        *port_spin;
  AdwEntryRow          *database_row;
  AdwEntryRow          *user_row;
  AdwComboRow          *tls_row;
  AdwActionRow         *folder_row;
  AdwActionRow         *ca_row;
  GtkButton            *ca_clear_button;
  AdwActionRow         *keyring_row;
  GtkButton            *forget_button;

  /* Owned */
  GSettings            *settings;
  char                 *ca_file;
  GtkFileChooserNative *ca_chooser;
  GCancellable         *cancellable;

  gboolean              server_is_remote;
  gboolean              updating;
};

G_DEFINE_FINAL_TYPE (FdPreferencesWindow, fd_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_SERVER_IS_REMOTE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The order of the Encryption row's choices. */
static const char * const tls_modes[] = {
  "automatic", "disable", "allow", "prefer", "require", "verify-ca", "verify-full",
};

static guint
tls_mode_index (const char *mode)
{
  for (guint i = 0; i < G_N_ELEMENTS (tls_modes); i++)
    {
      if (g_strcmp0 (tls_modes[i], mode) == 0)
        return i;
    }
  return 0;
}

/* Refresh -------------------------------------------------------------------------------- */

static void
load_refresh_interval (FdPreferencesWindow *self)
{
  guint interval = g_settings_get_uint (self->settings, "refresh-interval");

  self->updating = TRUE;
  gtk_switch_set_active (self->refresh_switch, interval > 0);
  if (interval > 0)
    gtk_spin_button_set_value (self->interval_spin, interval);
  self->updating = FALSE;
}

static void
store_refresh_interval (FdPreferencesWindow *self)
{
  guint interval = 0;

  if (self->updating)
    return;

  if (gtk_switch_get_active (self->refresh_switch))
    interval = (guint) gtk_spin_button_get_value_as_int (self->interval_spin);

  g_settings_set_uint (self->settings, "refresh-interval", interval);
}

/* Server --------------------------------------------------------------------------------- */

static char *
dup_row_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static void
set_row_error (AdwEntryRow *row,
               gboolean     error)
{
  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

static void
server_changed_cb (FdPreferencesWindow *self)
{
  g_autofree char *host = dup_row_text (self->host_row);
  g_autofree char *database = dup_row_text (self->database_row);
  g_autoptr(GError) error = NULL;
  gboolean remote = host[0] != '\0';
  gboolean host_valid = !remote || fd_server_config_parse_hosts (
    host, (guint) gtk_spin_button_get_value_as_int (self->port_spin), NULL, NULL, &error);
  gboolean database_valid = database[0] != '\0';

  /* Why Connect is off, in words, where the person looks. */
  adw_preferences_group_set_description (self->server_group,
                                         error != NULL ? error->message
                                                       : _(SERVER_GROUP_DESCRIPTION));
  set_row_error (self->host_row, !host_valid);
  set_row_error (self->database_row, !database_valid);
  gtk_widget_set_sensitive (GTK_WIDGET (self->connect_button), host_valid && database_valid);

  if (self->server_is_remote != remote)
    {
      self->server_is_remote = remote;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SERVER_IS_REMOTE]);
    }
}

/* Certificate authority ------------------------------------------------------------------ */

static void
update_ca_row (FdPreferencesWindow *self)
{
  gboolean chosen = self->ca_file != NULL && self->ca_file[0] != '\0';

  adw_action_row_set_subtitle (self->ca_row,
                               chosen ? self->ca_file
                                      : _("None: the verifying encryption settings need one"));
  gtk_widget_set_visible (GTK_WIDGET (self->ca_clear_button), chosen);
}

static void
ca_chosen_cb (FdPreferencesWindow *self,
              int                  response,
              GtkNativeDialog     *chooser)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL && g_file_peek_path (file) != NULL)
    {
      g_free (self->ca_file);
      self->ca_file = g_file_get_path (file);
      update_ca_row (self);
    }
  g_clear_object (&self->ca_chooser);
}

static void
ca_choose_clicked_cb (FdPreferencesWindow *self)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->ca_chooser != NULL)
    return;

  self->ca_chooser = gtk_file_chooser_native_new (_("Certificate Authority"), GTK_WINDOW (self),
                                                  GTK_FILE_CHOOSER_ACTION_OPEN, _("_Select"),
                                                  _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Certificates (PEM)"));
  gtk_file_filter_add_pattern (filter, "*.pem");
  gtk_file_filter_add_pattern (filter, "*.crt");
  gtk_file_filter_add_mime_type (filter, "application/x-x509-ca-cert");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->ca_chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->ca_chooser), TRUE);
  g_signal_connect_object (self->ca_chooser, "response", G_CALLBACK (ca_chosen_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->ca_chooser));
}

static void
ca_clear_clicked_cb (FdPreferencesWindow *self)
{
  g_free (self->ca_file);
  self->ca_file = g_strdup ("");
  update_ca_row (self);
}

/* Keyring -------------------------------------------------------------------------------- */

static void
update_keyring_row (FdPreferencesWindow *self)
{
  gboolean kept = g_settings_get_boolean (self->settings, "password-in-keyring");

  adw_action_row_set_subtitle (self->keyring_row,
                               kept ? _("Kept in the keyring: Frontdesk signs in by itself")
                                    : _("None: Frontdesk asks for the password"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->forget_button), kept);
}

static void
forgotten_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(FdPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!fd_keyring_forget_finish (result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      update_keyring_row (self);
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                        adw_toast_new (error->message));
      return;
    }

  g_settings_set_boolean (self->settings, "password-in-keyring", FALSE);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                    adw_toast_new (_("Password forgotten; Frontdesk asks for it "
                                                     "at the next sign-in.")));
}

static void
forget_clicked_cb (FdPreferencesWindow *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->forget_button), FALSE);
  fd_keyring_forget_async (self->cancellable, forgotten_cb, g_object_ref (self));
}

static void
load_server (FdPreferencesWindow *self)
{
  g_autofree char *host = g_settings_get_string (self->settings, "server-host");
  g_autofree char *database = g_settings_get_string (self->settings, "server-database");
  g_autofree char *user = g_settings_get_string (self->settings, "server-user");
  g_autofree char *tls_mode = g_settings_get_string (self->settings, "server-tls-mode");

  gtk_editable_set_text (GTK_EDITABLE (self->host_row), host);
  gtk_spin_button_set_value (self->port_spin, g_settings_get_uint (self->settings, "server-port"));
  gtk_editable_set_text (GTK_EDITABLE (self->database_row), database);
  gtk_editable_set_text (GTK_EDITABLE (self->user_row), user);
  adw_combo_row_set_selected (self->tls_row, tls_mode_index (tls_mode));
  g_free (self->ca_file);
  self->ca_file = g_settings_get_string (self->settings, "server-ca-file");
  update_ca_row (self);
  server_changed_cb (self);
}

static void
connect_clicked_cb (FdPreferencesWindow *self)
{
  g_autofree char *host = dup_row_text (self->host_row);
  g_autofree char *database = dup_row_text (self->database_row);
  g_autofree char *user = dup_row_text (self->user_row);
  guint tls = adw_combo_row_get_selected (self->tls_row);

  g_settings_delay (self->settings);
  g_settings_set_string (self->settings, "server-host", host);
  g_settings_set_uint (self->settings, "server-port",
                       (guint) gtk_spin_button_get_value_as_int (self->port_spin));
  g_settings_set_string (self->settings, "server-database", database);
  g_settings_set_string (self->settings, "server-user", user);
  g_settings_set_string (self->settings, "server-tls-mode",
                         tls_modes[MIN (tls, G_N_ELEMENTS (tls_modes) - 1)]);
  g_settings_set_string (self->settings, "server-ca-file", self->ca_file);
  g_settings_apply (self->settings);

  gtk_widget_activate_action (GTK_WIDGET (self), "app.connect-saved-server", NULL);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                    adw_toast_new (_("Connecting with the new settings…")));
}

/* GObject -------------------------------------------------------------------------------- */

static void
fd_preferences_window_dispose (GObject *object)
{
  FdPreferencesWindow *self = FD_PREFERENCES_WINDOW (object);

  /* libadwaita 1.2 never finalizes the groups of a closed AdwPreferencesWindow: the row
   * must not stay bound to the settings (g_settings_bind also binds its sensitivity). */
  if (self->workstation_row != NULL)
    {
      g_settings_unbind (self->workstation_row, "text");
      g_settings_unbind (self->workstation_row, "sensitive");
    }
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->ca_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->ca_chooser));
  g_clear_object (&self->ca_chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), FD_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->ca_file, g_free);

  G_OBJECT_CLASS (fd_preferences_window_parent_class)->dispose (object);
}

static void
fd_preferences_window_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  FdPreferencesWindow *self = FD_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SERVER_IS_REMOTE:
      g_value_set_boolean (value, self->server_is_remote);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fd_preferences_window_class_init (FdPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fd_preferences_window_dispose;
  object_class->get_property = fd_preferences_window_get_property;

  properties[PROP_SERVER_IS_REMOTE] =
    g_param_spec_boolean ("server-is-remote", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/frontdesk/Frontdesk/fd-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, FdPreferencesWindow, database_page);
  gtk_widget_class_bind_template_child (widget_class, FdPreferencesWindow, workstation_group);
  gtk_widget_class_bind_template_child (widget_class, FdPreferencesWindow, refresh_switch);
  gtk_widget_class_bind_template_child (widget_class, FdPreferencesWindow, interval_spin);
  gtk_widget_class_bind_template_child (widget_class, FdPreferencesWindow, workstation_row);
  gtk_widget_class_bind_template_child (widget_class, FdPreferencesWindow, connect_button);
  gtk_widget_class_bind_template_child (widget_class, FdPreferencesWindow, server_group);
  gtk_widget_class_bind_template_child (widget_class, FdPreferencesWindow, host_row);
  gtk_widget_class_bind_template_child (widget_class, FdPreferencesWindow, port_spin);
  gtk_widget_class_bind_template_child (widget_class, FdPreferencesWindow, database_row);
  gtk_widget_class_bind_template_child (widget_class, FdPreferencesWindow, user_row);
  gtk_widget_class_bind_template_child (widget_class, FdPreferencesWindow, tls_row);
  gtk_widget_class_bind_template_child (widget_class, FdPreferencesWindow, folder_row);
  gtk_widget_class_bind_template_child (widget_class, FdPreferencesWindow, ca_row);
  gtk_widget_class_bind_template_child (widget_class, FdPreferencesWindow, ca_clear_button);
  gtk_widget_class_bind_template_child (widget_class, FdPreferencesWindow, keyring_row);
  gtk_widget_class_bind_template_child (widget_class, FdPreferencesWindow, forget_button);
  gtk_widget_class_bind_template_callback (widget_class, ca_choose_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, ca_clear_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, forget_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, server_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, connect_clicked_cb);
}

static void
fd_preferences_window_init (FdPreferencesWindow *self)
{
  g_autofree char *workstation_hint = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();

  /* Translators: %s is this computer's host name */
  workstation_hint = g_strdup_printf (_("How other users see this computer, for example when "
                                        "it has a record open. Leave empty to use “%s”."),
                                      g_get_host_name ());
  adw_preferences_group_set_description (self->workstation_group, workstation_hint);
}

/**
 * fd_preferences_window_new:
 * @builtin_folder: (nullable): the folder of the built-in database this run uses
 *   (`--data-folder`), or %NULL for the default one
 */
FdPreferencesWindow *
fd_preferences_window_new (GtkWindow  *parent,
                           GSettings  *settings,
                           const char *builtin_folder)
{
  g_autofree char *default_folder = NULL;
  FdPreferencesWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (FD_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "application", parent != NULL ? gtk_window_get_application (parent) : NULL,
                       NULL);
  self->settings = g_object_ref (settings);

  load_refresh_interval (self);
  if (!gtk_switch_get_active (self->refresh_switch))
    gtk_spin_button_set_value (self->interval_spin, DEFAULT_INTERVAL_S);
  g_signal_connect_object (self->settings, "changed::refresh-interval",
                           G_CALLBACK (load_refresh_interval), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->refresh_switch, "notify::active",
                           G_CALLBACK (store_refresh_interval), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->interval_spin, "value-changed",
                           G_CALLBACK (store_refresh_interval), self, G_CONNECT_SWAPPED);

  g_settings_bind (self->settings, "workstation-name", self->workstation_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
  load_server (self);
  if (builtin_folder == NULL)
    builtin_folder = default_folder = fd_embedded_server_dup_default_folder ();
  adw_action_row_set_subtitle (self->folder_row, builtin_folder);
  update_keyring_row (self);
  g_signal_connect_object (self->settings, "changed::password-in-keyring",
                           G_CALLBACK (update_keyring_row), self, G_CONNECT_SWAPPED);

  return self;
}

void
fd_preferences_window_show_database_page (FdPreferencesWindow *self)
{
  g_return_if_fail (FD_IS_PREFERENCES_WINDOW (self));

  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (self),
                                           ADW_PREFERENCES_PAGE (self->database_page));
}
