/* fd-window.c: the main window: modules down the side, a status line along the bottom.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "fd-window-private.h"
#include "fd-format.h"


G_DEFINE_FINAL_TYPE (FdWindow, fd_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_DATABASE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *status_classes[] = { "success", "warning", "error" };

static void
set_connection_status (FdWindow   *self,
                       const char *icon_name,
                       const char *style_class,
                       const char *text)
{
  gtk_image_set_from_icon_name (self->connection_icon, icon_name);
  for (guint i = 0; i < G_N_ELEMENTS (status_classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->connection_icon), status_classes[i]);
  if (style_class != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->connection_icon), style_class);
  gtk_label_set_text (self->connection_label, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->connection_icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
}

/* A lock when the connection is encrypted, with its protocol and cipher for whoever asks. */
static void
update_tls_status (FdWindow     *self,
                   FdConnection *connection)
{
  FdConnectionTls tls;
  g_autofree char *tooltip = NULL;
  const char *name;

  if (connection == NULL || !fd_connection_get_tls (connection, &tls))
    {
      gtk_widget_set_visible (GTK_WIDGET (self->tls_icon), FALSE);
      return;
    }

  if (tls.encrypted)
    {
      name = _("Encrypted connection");
      /* Translators: the protocol (TLSv1.3), the cipher, then its key length in bits */
      tooltip = g_strdup_printf (_("Encrypted with %s, %s (%d-bit key)"),
                                 tls.protocol != NULL ? tls.protocol : "TLS",
                                 tls.cipher != NULL ? tls.cipher : "", tls.key_bits);
    }
  else if (tls.local)
    {
      name = _("Unencrypted connection on this computer");
      tooltip = g_strdup (_("Not encrypted: the database is on this computer and the "
                            "connection does not leave it."));
    }
  else
    {
      name = _("Unencrypted connection");
      tooltip = g_strdup (_("Not encrypted: what the desk reads and writes crosses the network "
                            "in plain text. Set Encryption to Required in Preferences."));
    }

  gtk_image_set_from_icon_name (self->tls_icon, tls.encrypted ? "channel-secure-symbolic"
                                                              : "channel-insecure-symbolic");
  if (tls.encrypted || tls.local)
    gtk_widget_remove_css_class (GTK_WIDGET (self->tls_icon), "warning");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->tls_icon), "warning");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->tls_icon), tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->tls_icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, tooltip, -1);
  gtk_widget_set_visible (GTK_WIDGET (self->tls_icon), TRUE);
}

static void
update_connection_status (FdWindow *self)
{
  FdConnection *connection = self->database != NULL ?
                             fd_database_get_connection (self->database) : NULL;
  FdDatabasePhase phase = self->database != NULL ?
                          fd_database_get_phase (self->database) : FD_DATABASE_PHASE_IDLE;

  update_tls_status (self, phase == FD_DATABASE_PHASE_READY ? connection : NULL);
  if (phase == FD_DATABASE_PHASE_FAILED || phase == FD_DATABASE_PHASE_IDLE)
    {
      set_connection_status (self, "network-wired-disconnected-symbolic", "error",
                             _("Not connected"));
      return;
    }

  if (phase == FD_DATABASE_PHASE_OPENING || connection == NULL)
    {
      set_connection_status (self, "network-wired-acquiring-symbolic", NULL, _("Connecting…"));
      return;
    }

  switch (fd_connection_get_state (connection))
    {
    case FD_CONNECTION_STATE_READY:
      /* After a failover: which server took over, and whether the session went on. */
      set_connection_status (self, "network-wired-symbolic", "success",
                             fd_database_get_notice (self->database) != NULL
                             ? fd_database_get_notice (self->database) : _("Connected"));
      break;
    case FD_CONNECTION_STATE_CONNECTING:
    case FD_CONNECTION_STATE_LOST:
      set_connection_status (self, "network-wired-no-route-symbolic", "warning",
                             _("Connection lost — reconnecting…"));
      break;
    case FD_CONNECTION_STATE_CLOSED:
    default:
      set_connection_status (self, "network-wired-disconnected-symbolic", "error",
                             _("Not connected"));
      break;
    }
}

static void
update_last_refresh (FdWindow *self)
{
  GDateTime *when = self->database != NULL ? fd_database_get_last_refresh (self->database) : NULL;
  g_autofree char *time = NULL;
  g_autofree char *text = NULL;
  FdSignals *signals;

  if (when == NULL)
    {
      gtk_label_set_text (self->refresh_label, _("Last refresh: never"));
      return;
    }

  time = fd_format_time_seconds (when);
  signals = fd_database_get_signals (self->database);
  if (signals != NULL && fd_signals_get_push_active (signals))
    /* Translators: %s is a time of day; changes from other workstations arrive at once */
    text = g_strdup_printf (_("Last refresh: %s · instant updates"), time);
  else if (signals != NULL && fd_signals_get_interval (signals) > 0)
    /* Translators: a time of day, then how many seconds between checks */
    text = g_strdup_printf (_("Last refresh: %s · checking every %u s"), time,
                            fd_signals_get_interval (signals));
  else if (signals != NULL)
    text = g_strdup_printf (_("Last refresh: %s · automatic refresh off"), time);
  else
    /* Translators: %s is a time of day, like 10:42:13 */
    text = g_strdup_printf (_("Last refresh: %s"), time);
  gtk_label_set_text (self->refresh_label, text);
}

static void
update_titles (FdWindow *self)
{
  const char *practice = self->database != NULL ?
                         fd_database_get_practice_name (self->database) : NULL;
  g_autofree char *user = NULL;
  FdSession *session;

  adw_window_title_set_subtitle (self->window_title, practice != NULL ? practice : "");
  gtk_label_set_text (self->server_label,
                      self->database != NULL ? fd_database_get_description (self->database) : "");

  session = self->database != NULL ? fd_database_get_session (self->database) : NULL;
  gtk_widget_set_visible (GTK_WIDGET (self->user_label), session != NULL);
  if (session != NULL)
    {
      /* Translators: a person's name, then the workstation's, as "Dana Reyes at Reception 1" */
      user = g_strdup_printf (_("%s at %s"), fd_session_get_display_name (session),
                              fd_session_get_workstation (session));
      gtk_label_set_text (self->user_label, user);
    }

}

/* Maintenance mode: a banner in every window, within a second of the switch (the server
 * announces it). */
static void
update_maintenance_banner (FdWindow *self)
{
  FdMaintenance *maintenance = g_signal_group_dup_target (self->maintenance_signals);
  FdSession *session = self->database != NULL ? fd_database_get_session (self->database) : NULL;
  g_autofree char *description = NULL;
  g_autofree char *text = NULL;

  if (maintenance != NULL)
    description = fd_maintenance_dup_description (maintenance);
  g_clear_object (&maintenance);
  if (description != NULL && session != NULL && fd_session_get_is_admin (session))
    /* Translators: after the maintenance banner's sentence */
    text = g_strdup_printf (_("%s As an administrator, you can still save."), description);
  else
    text = g_steal_pointer (&description);

  if (text != NULL)
    gtk_label_set_text (self->maintenance_label, text);
  gtk_revealer_set_reveal_child (self->maintenance_revealer, text != NULL);
}

/* The modules work on the database once it is ready; a new database (reconnect, another
 * server) is handed to the modules there are. */
/* Takes @module and its button out of the window. */
static void
remove_module (FdWindow *self,
               FdModule *module)
{
  GtkWidget *button = g_hash_table_lookup (self->module_buttons, module);

  if (gtk_stack_get_visible_child (self->module_stack) == GTK_WIDGET (module))
    gtk_widget_activate (GTK_WIDGET (self->first_module_button));
  gtk_box_remove (self->module_bar, button);
  g_hash_table_remove (self->module_buttons, module);
  gtk_stack_remove (self->module_stack, GTK_WIDGET (module));
}

/* The module of @type the window shows, if any. */
static FdModule *
find_module (FdWindow *self,
             GType     type)
{
  GHashTableIter iter;
  gpointer module;

  g_hash_table_iter_init (&iter, self->module_buttons);
  while (g_hash_table_iter_next (&iter, &module, NULL))
    {
      if (G_TYPE_CHECK_INSTANCE_TYPE (module, type))
        return module;
    }
  return NULL;
}

/* Every registered module, in its order; those for administrators only while an
 * administrator is signed in (the server refuses all of it to anyone else anyway). Signed
 * in anew as someone else, such a module comes or goes with them. */
static void
show_modules (FdWindow *self)
{
  gboolean admin = fd_session_get_is_admin (fd_database_get_session (self->database));
  const FdModuleEntry *entries;
  guint n_entries;

  entries = fd_module_get_registered (&n_entries);
  for (guint i = 0; i < n_entries; i++)
    {
      FdModule *module = find_module (self, entries[i].type);
      gboolean wanted = entries[i].audience == FD_MODULE_FOR_EVERYONE || admin;

      if (module != NULL && wanted)
        fd_module_set_database (module, self->database);
      else if (wanted)
        {
          module = g_object_new (entries[i].type, NULL);
          fd_module_set_database (module, self->database);
          fd_window_add_module (self, module);
        }
      else if (module != NULL)
        remove_module (self, module);
    }
}

static gboolean
error_needs_password (const GError *error)
{
  return g_error_matches (error, FD_DB_ERROR, FD_DB_ERROR_PASSWORD_REQUIRED) ||
         g_error_matches (error, FD_DB_ERROR, FD_DB_ERROR_AUTHENTICATION_FAILED);
}

/* A login the server wants a password for gets a place to type it, right there. */
static void
show_sign_in (FdWindow     *self,
              const GError *error)
{
  gboolean needed = error_needs_password (error);

  adw_status_page_set_title (self->failed_page, _("Cannot Open the Practice Database"));
  adw_status_page_set_icon_name (self->failed_page, "network-wired-disconnected-symbolic");

  gtk_widget_set_visible (GTK_WIDGET (self->password_entry), needed);
  gtk_widget_set_visible (GTK_WIDGET (self->remember_check), needed);
  gtk_widget_set_visible (GTK_WIDGET (self->sign_in_button), needed);
  gtk_widget_set_visible (GTK_WIDGET (self->retry_button), !needed);
  if (!needed)
    return;

  adw_status_page_set_title (self->failed_page, _("Sign In to the Practice Database"));
  adw_status_page_set_icon_name (self->failed_page, "dialog-password-symbolic");
  gtk_editable_set_text (GTK_EDITABLE (self->password_entry), "");
  g_object_set (self->password_entry, "placeholder-text", _("Password"), NULL);
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->sign_in_button));
  gtk_widget_grab_focus (GTK_WIDGET (self->password_entry));
}

static void
sign_in_clicked_cb (FdWindow *self)
{
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_entry));

  if (password[0] == '\0')
    {
      gtk_widget_error_bell (GTK_WIDGET (self->password_entry));
      return;
    }
  _fd_window_keyring_remember (self, gtk_check_button_get_active (self->remember_check)
                                     ? password : NULL);
  gtk_widget_activate_action (GTK_WIDGET (self), "app.sign-in", "s", password);
  gtk_editable_set_text (GTK_EDITABLE (self->password_entry), "");
}

void
_fd_window_update_page (FdWindow *self)
{
  FdDatabasePhase phase = self->database != NULL ?
                          fd_database_get_phase (self->database) : FD_DATABASE_PHASE_IDLE;
  const GError *error;

  gtk_spinner_set_spinning (self->opening_spinner, phase == FD_DATABASE_PHASE_OPENING);
  /* The banner speaks of the database the window shows, once it is open. */
  g_signal_group_set_target (self->maintenance_signals,
                             phase == FD_DATABASE_PHASE_READY
                             ? fd_database_get_maintenance (self->database) : NULL);
  update_maintenance_banner (self);
  _fd_window_sign_out_update (self, phase == FD_DATABASE_PHASE_READY);

  if (self->signed_out)
    {
      gtk_stack_set_visible_child_name (self->main_stack, "signed-out");
      update_titles (self);
      update_connection_status (self);
      return;
    }

  switch (phase)
    {
    case FD_DATABASE_PHASE_READY:
      show_modules (self);
      gtk_stack_set_visible_child_name (self->main_stack, "ready");
      _fd_window_keyring_ready (self);
      break;
    case FD_DATABASE_PHASE_FAILED:
      error = fd_database_get_error (self->database);
      adw_status_page_set_description (self->failed_page, error != NULL ? error->message : NULL);
      show_sign_in (self, error);
      gtk_stack_set_visible_child_name (self->main_stack, "failed");
      _fd_window_keyring_sign_in_failed (self, error);
      break;
    case FD_DATABASE_PHASE_OPENING:
      _fd_window_keyring_opening (self);
      gtk_stack_set_visible_child_name (self->main_stack, "opening");
      break;
    case FD_DATABASE_PHASE_IDLE:
    default:
      gtk_stack_set_visible_child_name (self->main_stack, "opening");
      break;
    }

  update_titles (self);
  update_connection_status (self);
}

static void
database_progress_cb (FdWindow   *self,
                      GParamSpec *pspec,
                      FdDatabase *database)
{
  adw_status_page_set_description (self->opening_page, fd_database_get_progress (database));
}

static void
database_connection_cb (FdWindow   *self,
                        GParamSpec *pspec,
                        FdDatabase *database)
{
  g_signal_group_set_target (self->connection_signals, fd_database_get_connection (database));
  update_connection_status (self);
}

static void
connection_toast_dismissed_cb (FdWindow *self)
{
  self->connection_toast = NULL;
}

static void
connection_reconnected_cb (FdWindow *self)
{
  if (self->connection_toast != NULL)
    return;

  self->connection_toast = adw_toast_new (_("Connection to the database restored"));
  g_signal_connect_object (self->connection_toast, "dismissed",
                           G_CALLBACK (connection_toast_dismissed_cb), self, G_CONNECT_SWAPPED);
  adw_toast_overlay_add_toast (self->toast_overlay, self->connection_toast);
}

static void
toast_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  fd_window_show_toast (FD_WINDOW (user_data), g_variant_get_string (parameter, NULL));
}

/* Shows an appointment ("(ss)": its day, YYYY-MM-DD, and its id) in whichever module
 * offers book.show-appointment, so that modules need not know one another. */
static void
show_appointment_activated (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  FdWindow *self = FD_WINDOW (user_data);
  GHashTableIter iter;
  gpointer module, button;

  g_hash_table_iter_init (&iter, self->module_buttons);
  while (g_hash_table_iter_next (&iter, &module, &button))
    {
      if (!gtk_widget_activate_action_variant (GTK_WIDGET (module), "book.show-appointment",
                                               parameter))
        continue;
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), TRUE);
      gtk_stack_set_visible_child (self->module_stack, GTK_WIDGET (module));
      return;
    }
}

/* Alt+1…Alt+9: the module at that place in the side bar, as its button would. */
static void
show_module_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  FdWindow *self = FD_WINDOW (widget);
  int wanted = g_variant_get_int32 (parameter);
  int position = 1;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->module_stack));
       child != NULL;
       child = gtk_widget_get_next_sibling (child), position++)
    {
      GtkWidget *button = g_hash_table_lookup (self->module_buttons, child);

      if (position != wanted)
        continue;
      if (button != NULL)
        gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), TRUE);
      gtk_stack_set_visible_child (self->module_stack, child);
      return;
    }
}

/* What the modules may ask of the window that holds them (see fd-module.h). */
static const GActionEntry window_actions[] = {
  { "toast", toast_activated, "s" },
  { "show-appointment", show_appointment_activated, "(ss)" },
};

static void
fd_window_dispose (GObject *object)
{
  FdWindow *self = FD_WINDOW (object);

  g_clear_object (&self->database_signals);
  g_clear_object (&self->connection_signals);
  g_clear_object (&self->maintenance_signals);
  g_clear_object (&self->database);
  _fd_window_keyring_dispose (self);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->module_buttons, g_hash_table_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), FD_TYPE_WINDOW);

  G_OBJECT_CLASS (fd_window_parent_class)->dispose (object);
}

static void
fd_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  FdWindow *self = FD_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, self->database);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fd_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  FdWindow *self = FD_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      fd_window_set_database (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fd_window_class_init (FdWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fd_window_dispose;
  object_class->get_property = fd_window_get_property;
  object_class->set_property = fd_window_set_property;

  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL, FD_TYPE_DATABASE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/frontdesk/Frontdesk/fd-window.ui");
  gtk_widget_class_bind_template_child (widget_class, FdWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, FdWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, FdWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, FdWindow, opening_page);
  gtk_widget_class_bind_template_child (widget_class, FdWindow, opening_spinner);
  gtk_widget_class_bind_template_child (widget_class, FdWindow, failed_page);
  gtk_widget_class_bind_template_child (widget_class, FdWindow, password_entry);
  gtk_widget_class_bind_template_child (widget_class, FdWindow, tls_icon);
  gtk_widget_class_bind_template_child (widget_class, FdWindow, remember_check);
  gtk_widget_class_bind_template_child (widget_class, FdWindow, sign_in_button);
  gtk_widget_class_bind_template_child (widget_class, FdWindow, retry_button);
  gtk_widget_class_bind_template_child (widget_class, FdWindow, user_label);
  gtk_widget_class_bind_template_callback (widget_class, sign_in_clicked_cb);
  _fd_window_sign_out_class_init (widget_class);
  gtk_widget_class_bind_template_child (widget_class, FdWindow, module_bar);
  gtk_widget_class_bind_template_child (widget_class, FdWindow, module_stack);
  gtk_widget_class_bind_template_child (widget_class, FdWindow, connection_icon);
  gtk_widget_class_bind_template_child (widget_class, FdWindow, connection_label);
  gtk_widget_class_bind_template_child (widget_class, FdWindow, server_label);
  gtk_widget_class_bind_template_child (widget_class, FdWindow, refresh_label);
  gtk_widget_class_bind_template_child (widget_class, FdWindow, maintenance_revealer);
  gtk_widget_class_bind_template_child (widget_class, FdWindow, maintenance_label);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK,
                                       "window.close", NULL);
  gtk_widget_class_install_action (widget_class, "window.show-module", "i",
                                   show_module_activated);
  for (int i = 1; i <= 9; i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i - 1, GDK_ALT_MASK,
                                         "window.show-module", "i", i);
}

static void
fd_window_init (FdWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_action_map_add_action_entries (G_ACTION_MAP (self), window_actions,
                                   G_N_ELEMENTS (window_actions), self);
  _fd_window_sign_out_init (self);
  self->module_buttons = g_hash_table_new (NULL, NULL);

  self->settings = g_settings_new (APPLICATION_ID);
  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized",
                   G_SETTINGS_BIND_DEFAULT);

  self->database_signals = g_signal_group_new (FD_TYPE_DATABASE);
  g_signal_group_connect_swapped (self->database_signals, "notify::phase",
                                  G_CALLBACK (_fd_window_update_page), self);
  g_signal_group_connect_swapped (self->database_signals, "notify::progress",
                                  G_CALLBACK (database_progress_cb), self);
  g_signal_group_connect_swapped (self->database_signals, "notify::connection",
                                  G_CALLBACK (database_connection_cb), self);
  g_signal_group_connect_swapped (self->database_signals, "notify::last-refresh",
                                  G_CALLBACK (update_last_refresh), self);
  g_signal_group_connect_swapped (self->database_signals, "notify::practice-name",
                                  G_CALLBACK (update_titles), self);
  g_signal_group_connect_swapped (self->database_signals, "notify::notice",
                                  G_CALLBACK (update_connection_status), self);
  g_signal_group_connect_swapped (self->database_signals, "notify::notice",
                                  G_CALLBACK (update_titles), self);

  self->connection_signals = g_signal_group_new (FD_TYPE_CONNECTION);
  g_signal_group_connect_swapped (self->connection_signals, "notify::state",
                                  G_CALLBACK (update_connection_status), self);
  g_signal_group_connect_swapped (self->connection_signals, "notify::state",
                                  G_CALLBACK (update_last_refresh), self);
  g_signal_group_connect_swapped (self->connection_signals, "reconnected",
                                  G_CALLBACK (connection_reconnected_cb), self);

  self->maintenance_signals = g_signal_group_new (FD_TYPE_MAINTENANCE);
  g_signal_group_connect_swapped (self->maintenance_signals, "notify",
                                  G_CALLBACK (update_maintenance_banner), self);

  _fd_window_update_page (self);
  update_last_refresh (self);
}

FdWindow *
fd_window_new (GtkApplication *application,
               FdDatabase     *database)
{
  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (database == NULL || FD_IS_DATABASE (database), NULL);

  return g_object_new (FD_TYPE_WINDOW,
                       "application", application,
                       "database", database,
                       NULL);
}

/**
 * fd_window_get_database:
 *
 * Returns: (transfer none) (nullable): the database the window shows
 */
FdDatabase *
fd_window_get_database (FdWindow *self)
{
  g_return_val_if_fail (FD_IS_WINDOW (self), NULL);

  return self->database;
}

/**
 * fd_window_set_database:
 *
 * Shows @database: its opening progress, its failure, or its modules once ready.
 */
void
fd_window_set_database (FdWindow   *self,
                        FdDatabase *database)
{
  g_return_if_fail (FD_IS_WINDOW (self));
  g_return_if_fail (database == NULL || FD_IS_DATABASE (database));

  if (!g_set_object (&self->database, database))
    return;
  if (database != NULL)
    self->signed_out = FALSE;

  /* News about the connection to the previous database is no news any more. */
  if (self->connection_toast != NULL)
    adw_toast_dismiss (self->connection_toast);

  g_signal_group_set_target (self->database_signals, database);
  g_signal_group_set_target (self->connection_signals,
                             database != NULL ? fd_database_get_connection (database) : NULL);
  if (database != NULL)
    database_progress_cb (self, NULL, database);

  _fd_window_update_page (self);
  update_last_refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATABASE]);
}

static void
module_button_clicked_cb (GtkToggleButton *button,
                          FdModule        *module)
{
  FdWindow *self = FD_WINDOW (gtk_widget_get_root (GTK_WIDGET (button)));

  /* The button of the module already shown refreshes it, as people expect at the desk. */
  if (gtk_stack_get_visible_child (self->module_stack) == GTK_WIDGET (module))
    {
      fd_module_refresh (module);
      return;
    }

  gtk_stack_set_visible_child (self->module_stack, GTK_WIDGET (module));
}

static GtkWidget *
create_module_button (FdModule *module)
{
  GtkWidget *button = gtk_toggle_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *icon = gtk_image_new_from_icon_name (fd_module_get_icon_name (module));
  GtkWidget *label = gtk_label_new (fd_module_get_title (module));

  gtk_image_set_icon_size (GTK_IMAGE (icon), GTK_ICON_SIZE_LARGE);
  gtk_widget_add_css_class (label, "caption");
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "module-button");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  fd_module_get_title (module), -1);

  return button;
}

/**
 * fd_window_add_module:
 *
 * Adds @module's button to the side bar. The first module added is the one shown.
 */
void
fd_window_add_module (FdWindow *self,
                      FdModule *module)
{
  GtkWidget *button;

  g_return_if_fail (FD_IS_WINDOW (self));
  g_return_if_fail (FD_IS_MODULE (module));

  button = create_module_button (module);
  g_hash_table_insert (self->module_buttons, module, button);
  gtk_stack_add_named (self->module_stack, GTK_WIDGET (module), fd_module_get_title (module));
  gtk_box_append (self->module_bar, button);
  g_signal_connect_object (button, "clicked", G_CALLBACK (module_button_clicked_cb), module, 0);

  if (self->first_module_button == NULL)
    {
      self->first_module_button = GTK_TOGGLE_BUTTON (button);
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), TRUE);
      gtk_stack_set_visible_child (self->module_stack, GTK_WIDGET (module));
    }
  else
    {
      gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), self->first_module_button);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->module_bar), TRUE);
}

/**
 * fd_window_get_visible_module:
 *
 * Returns: (transfer none) (nullable): the module shown, if any
 */
FdModule *
fd_window_get_visible_module (FdWindow *self)
{
  GtkWidget *child;

  g_return_val_if_fail (FD_IS_WINDOW (self), NULL);

  child = gtk_stack_get_visible_child (self->module_stack);
  return FD_IS_MODULE (child) ? FD_MODULE (child) : NULL;
}

void
fd_window_show_toast (FdWindow   *self,
                      const char *message)
{
  g_return_if_fail (FD_IS_WINDOW (self));
  g_return_if_fail (message != NULL);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

/**
 * fd_window_get_page_name:
 *
 * Returns: "opening", "failed" or "ready"
 */
const char *
fd_window_get_page_name (FdWindow *self)
{
  g_return_val_if_fail (FD_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->main_stack);
}
