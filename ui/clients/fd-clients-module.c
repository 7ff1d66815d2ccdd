/* fd-clients-module.c: the Clients module: search the practice's clients and edit one in
 * Client Details.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The search runs on the server as the person types (GtkSearchEntry waits for a pause);
 * a newer search cancels the one before, so the list never shows stale results and the
 * main loop never waits. Picking another client first asks the editor whether the open
 * one may be left (Save / Discard / Cancel); the list keeps the open one selected until
 * that is answered.
 */
#include <glib/gi18n.h>

#include "fd-client-directory.h"
#include "fd-client-row.h"
#include "fd-clients-module-private.h"
#include "fd-new-client-dialog.h"
#include "fd-signals.h"


static void fd_clients_module_iface_init (FdModuleInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (FdClientsModule, fd_clients_module, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (FD_TYPE_MODULE, fd_clients_module_iface_init))

static void select_client_in_list (FdClientsModule *self,
                                   const char      *client_id);

/* Searching -------------------------------------------------------------------------------- */

static void
searched_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  FdClientsModule *self = user_data;
  g_autoptr(GListModel) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *status = NULL;
  guint n;

  found = fd_client_directory_search_finish (FD_CONNECTION (object), result, &error);
  if (found == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gtk_label_set_text (self->status_label, error->message);
      return;
    }

  n = g_list_model_get_n_items (found);
  self->restoring_selection = TRUE;
  g_list_store_splice (self->results, 0, g_list_model_get_n_items (G_LIST_MODEL (self->results)),
                       NULL, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (found, i);

      g_list_store_append (self->results, item);
    }
  self->restoring_selection = FALSE;
  /* A search again (another desk changed a client) keeps pointing at the open record. */
  select_client_in_list (self, fd_client_editor_get_client_id (self->editor));

  if (n == 0)
    status = g_strdup (_("No client matches."));
  else if (n >= FD_CLIENT_SEARCH_LIMIT)
    status = g_strdup_printf (ngettext ("The first %u match; type more to narrow it down.",
                                        "The first %u matches; type more to narrow them down.",
                                        n), n);
  else
    status = g_strdup_printf (ngettext ("%u client", "%u clients", n), n);
  gtk_label_set_text (self->status_label, status);
}

static void
run_search (FdClientsModule *self)
{
  FdConnection *connection;

  if (self->database == NULL ||
      (connection = fd_database_get_connection (self->database)) == NULL ||
      fd_database_get_phase (self->database) != FD_DATABASE_PHASE_READY)
    return;

  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  self->search_cancellable = g_cancellable_new ();

  fd_client_directory_search_all_async (connection,
                                        gtk_editable_get_text (GTK_EDITABLE (self->search_entry)),
                                        gtk_check_button_get_active (self->include_archived_check),
                                        self->search_cancellable, searched_cb, self);
}

static void
search_changed_cb (FdClientsModule *self)
{
  run_search (self);
}

/* Down from the search goes to the results; Enter there opens the first one. */
static gboolean
search_key_pressed_cb (FdClientsModule       *self,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       GtkEventControllerKey *controller)
{
  if ((keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down) ||
      g_list_model_get_n_items (G_LIST_MODEL (self->results)) == 0)
    return FALSE;
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
  return TRUE;
}

/* Picking a client ------------------------------------------------------------------------ */

static void
select_client_in_list (FdClientsModule *self,
                       const char      *client_id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->results));
  guint position = GTK_INVALID_LIST_POSITION;

  for (guint i = 0; i < n && client_id != NULL; i++)
    {
      g_autoptr(FdClientSummary) summary = g_list_model_get_item (G_LIST_MODEL (self->results), i);

      if (g_str_equal (fd_client_summary_get_id (summary), client_id))
        position = i;
    }

  self->restoring_selection = TRUE;
  gtk_single_selection_set_selected (self->selection, position);
  self->restoring_selection = FALSE;
}

static void open_client (FdClientsModule *self,
                         const char      *client_id);

static void
selection_changed_cb (FdClientsModule *self)
{
  FdClientSummary *summary = gtk_single_selection_get_selected_item (self->selection);
  g_autofree char *id = NULL;

  if (self->restoring_selection || summary == NULL)
    return;
  if (g_strcmp0 (fd_client_summary_get_id (summary),
                 fd_client_editor_get_client_id (self->editor)) == 0)
    return;

  id = g_strdup (fd_client_summary_get_id (summary));
  /* With changes to answer for, the list keeps pointing at the open record until Save,
   * Discard or Cancel is chosen; then it follows what is open. */
  if (fd_client_editor_get_dirty (self->editor))
    select_client_in_list (self, fd_client_editor_get_client_id (self->editor));
  open_client (self, id);
}

static void
editor_client_changed_cb (FdClientsModule *self)
{
  /* The editor closed itself (a Cancel in the lock dialogs): the list follows. */
  if (fd_client_editor_get_client_id (self->editor) == NULL)
    select_client_in_list (self, NULL);
}

/* New Client ----------------------------------------------------------------------------- */

typedef struct
{
  FdClientsModule *module;
  char            *client_id;
  gboolean         archive;         /* Archive… or Unarchive from the list's menu */
} WantedClient;

static void
wanted_client_free (WantedClient *wanted)
{
  g_object_unref (wanted->module);
  g_free (wanted->client_id);
  g_free (wanted);
}

static void
left_for_wanted_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  WantedClient *wanted = user_data;
  FdClientsModule *self = wanted->module;

  if (fd_client_editor_leave_finish (self->editor, result))
    {
      fd_client_editor_open (self->editor, wanted->client_id);
      select_client_in_list (self, wanted->client_id);
      if (wanted->archive)
        fd_client_editor_archive_when_open (self->editor, wanted->client_id);
    }
  wanted_client_free (wanted);
}

/* Opens @client_id in Client Details once the record open there may be left, and with
 * @archive asks there to archive or unarchive it, as its Archive… button would. */
void
fd_clients_module_open_client (FdClientsModule *self,
                               const char      *client_id,
                               gboolean         archive)
{
  WantedClient *wanted;

  if (g_strcmp0 (client_id, fd_client_editor_get_client_id (self->editor)) == 0)
    {
      if (archive)
        fd_client_editor_archive_when_open (self->editor, client_id);
      return;
    }
  wanted = g_new0 (WantedClient, 1);
  wanted->module = g_object_ref (self);
  wanted->client_id = g_strdup (client_id);
  wanted->archive = archive;
  fd_client_editor_leave_async (self->editor, NULL, left_for_wanted_cb, wanted);
}

static void
open_client (FdClientsModule *self,
             const char      *client_id)
{
  fd_clients_module_open_client (self, client_id, FALSE);
}

static void
client_added_cb (FdClientsModule *self,
                 const char      *client_id,
                 const char      *name)
{
  g_autofree char *toast = NULL;

  /* Translators: %s is the new client's name */
  toast = g_strdup_printf (_("Added %s"), name);
  fd_module_show_toast (FD_MODULE (self), toast);
  run_search (self);
  open_client (self, client_id);
}

/* Enter on a result (or in the search, on the first one) opens it. */
static void
list_activate_cb (FdClientsModule *self,
                  guint            position)
{
  g_autoptr(FdClientSummary) summary = g_list_model_get_item (G_LIST_MODEL (self->results),
                                                               position);

  if (summary != NULL)
    open_client (self, fd_client_summary_get_id (summary));
}

static void
search_activate_cb (FdClientsModule *self)
{
  list_activate_cb (self, 0);
}

static void
find_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  FdClientsModule *self = FD_CLIENTS_MODULE (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

static void
new_client_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  FdClientsModule *self = FD_CLIENTS_MODULE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  FdNewClientDialog *dialog;

  if (self->database == NULL)
    return;

  dialog = fd_new_client_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                     self->database);
  g_signal_connect_object (dialog, "client-added", G_CALLBACK (client_added_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "open-client", G_CALLBACK (open_client), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
open_client_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  open_client (FD_CLIENTS_MODULE (widget), g_variant_get_string (parameter, NULL));
}

/* Another desk added or changed a client: the list shows it within the refresh. */
static void
clients_changed_cb (FdClientsModule *self)
{
  run_search (self);
}

/* Leaving the window ----------------------------------------------------------------------- */

static void
left_for_close_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(FdClientsModule) self = user_data;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (!fd_client_editor_leave_finish (self->editor, result) || root == NULL)
    return;

  self->closing_window = TRUE;
  fd_client_editor_close (self->editor);
  gtk_window_destroy (GTK_WINDOW (root));
}

static gboolean
window_close_request_cb (FdClientsModule *self)
{
  if (self->closing_window || !fd_client_editor_get_dirty (self->editor))
    {
      fd_client_editor_close (self->editor);
      return FALSE;
    }

  fd_client_editor_leave_async (self->editor, NULL, left_for_close_cb, g_object_ref (self));
  return TRUE;
}

static void
root_changed_cb (FdClientsModule *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (GTK_IS_WINDOW (root))
    g_signal_connect_object (root, "close-request", G_CALLBACK (window_close_request_cb), self,
                             G_CONNECT_SWAPPED);
}

/* List rows ------------------------------------------------------------------------------- */

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              FdClientsModule          *self)
{
  GtkWidget *row = fd_client_row_new ();

  fd_clients_module_setup_menu_row (self, row);
  gtk_list_item_set_child (item, row);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             FdClientsModule          *self)
{
  fd_client_row_bind (FD_CLIENT_ROW (gtk_list_item_get_child (item)),
                      gtk_list_item_get_item (item), self->open_records);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               FdClientsModule          *self)
{
  fd_client_row_bind (FD_CLIENT_ROW (gtk_list_item_get_child (item)), NULL, NULL);
}

/* FdModule -------------------------------------------------------------------------------- */

static const char *
fd_clients_module_get_title (FdModule *module)
{
  return _("Clients");
}

static const char *
fd_clients_module_get_icon_name (FdModule *module)
{
  return "x-office-address-book-symbolic";
}

/* The module's button again: search anew, and reload a record that holds no edits. */
static void
fd_clients_module_refresh (FdModule *module)
{
  FdClientsModule *self = FD_CLIENTS_MODULE (module);
  const char *open_id = fd_client_editor_get_client_id (self->editor);

  run_search (self);
  if (self->open_records != NULL)
    fd_open_records_reload (self->open_records);
  if (open_id != NULL && !fd_client_editor_get_dirty (self->editor))
    gtk_widget_activate_action (GTK_WIDGET (self->editor), "editor.reload", NULL);
}

static void
module_set_database (FdModule   *module,
                     FdDatabase *database)
{
  fd_clients_module_set_database (FD_CLIENTS_MODULE (module), database);
}

/* Signing out: the client open in Client Details is left as when another is opened. */
static void
left_for_sign_out_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FdClientsModule *self = g_task_get_source_object (task);
  gboolean left = fd_client_editor_leave_finish (self->editor, result);

  if (left)
    fd_client_editor_close (self->editor);
  g_task_return_boolean (task, left);
}

static void
module_leave_async (FdModule            *module,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  FdClientsModule *self = FD_CLIENTS_MODULE (module);
  GTask *task = g_task_new (self, NULL, callback, user_data);

  g_task_set_source_tag (task, module_leave_async);
  fd_client_editor_leave_async (self->editor, NULL, left_for_sign_out_cb, task);
}

static gboolean
module_leave_finish (FdModule     *module,
                     GAsyncResult *result)
{
  return g_task_propagate_boolean (G_TASK (result), NULL);
}

static void
fd_clients_module_iface_init (FdModuleInterface *iface)
{
  iface->get_title = fd_clients_module_get_title;
  iface->get_icon_name = fd_clients_module_get_icon_name;
  iface->refresh = fd_clients_module_refresh;
  iface->set_database = module_set_database;
  iface->leave_async = module_leave_async;
  iface->leave_finish = module_leave_finish;
}

/* GObject -------------------------------------------------------------------------------- */

static void
fd_clients_module_dispose (GObject *object)
{
  FdClientsModule *self = FD_CLIENTS_MODULE (object);
  GtkWidget *child;

  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  g_clear_object (&self->signal_group);
  g_clear_object (&self->database);
  gtk_widget_dispose_template (GTK_WIDGET (self), FD_TYPE_CLIENTS_MODULE);
  g_clear_object (&self->open_records);
  fd_clients_module_dispose_menu (self);
  /* The template's outer box is not a bound child: it is unparented by hand. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->selection);
  g_clear_object (&self->results);

  G_OBJECT_CLASS (fd_clients_module_parent_class)->dispose (object);
}

static void
fd_clients_module_class_init (FdClientsModuleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fd_clients_module_dispose;

  g_type_ensure (FD_TYPE_CLIENT_EDITOR);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/frontdesk/Frontdesk/fd-clients-module.ui");
  gtk_widget_class_bind_template_child (widget_class, FdClientsModule, search_entry);
  gtk_widget_class_bind_template_child (widget_class, FdClientsModule, include_archived_check);
  gtk_widget_class_bind_template_child (widget_class, FdClientsModule, list_view);
  gtk_widget_class_bind_template_child (widget_class, FdClientsModule, status_label);
  gtk_widget_class_bind_template_child (widget_class, FdClientsModule, editor);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);

  gtk_widget_class_install_action (widget_class, "clients.new-client", NULL,
                                   new_client_activated);
  gtk_widget_class_install_action (widget_class, "clients.find", NULL, find_activated);
  /* A family member's Open button in Client Details. */
  gtk_widget_class_install_action (widget_class, "clients.open-client", "s",
                                   open_client_activated);
  fd_clients_module_class_add_menu_actions (widget_class);
}

static void
fd_clients_module_init (FdClientsModule *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkEventController *shortcuts;
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->results = g_list_store_new (FD_TYPE_CLIENT_SUMMARY);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->results)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect_object (self->editor, "notify::client-id",
                           G_CALLBACK (editor_client_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "notify::root", G_CALLBACK (root_changed_cb), NULL);

  self->signal_group = g_signal_group_new (FD_TYPE_SIGNALS);
  g_signal_group_connect_swapped (self->signal_group, "changed::clients",
                                  G_CALLBACK (clients_changed_cb), self);

  /* Ctrl+N from anywhere in the window while Clients is shown (a hidden module is not
   * mapped, and its shortcuts are not active). */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                     GTK_SHORTCUT_SCOPE_GLOBAL);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_n, GDK_CONTROL_MASK),
                      gtk_named_action_new ("clients.new-client")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_f, GDK_CONTROL_MASK),
                      gtk_named_action_new ("clients.find")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (search_key_pressed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), keys);
  g_signal_connect_object (self->search_entry, "activate", G_CALLBACK (search_activate_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list_view, "activate", G_CALLBACK (list_activate_cb), self,
                           G_CONNECT_SWAPPED);
  fd_clients_module_init_menu (self);
}

FdClientsModule *
fd_clients_module_new (FdDatabase *database)
{
  FdClientsModule *self = g_object_new (FD_TYPE_CLIENTS_MODULE, NULL);

  fd_clients_module_set_database (self, database);
  return self;
}

/**
 * fd_clients_module_set_database:
 *
 * Shows the clients of @database, which is ready.
 */
void
fd_clients_module_set_database (FdClientsModule *self,
                                FdDatabase      *database)
{
  g_return_if_fail (FD_IS_CLIENTS_MODULE (self));

  if (g_set_object (&self->database, database))
    {
      g_signal_group_set_target (self->signal_group,
                                 database != NULL ? fd_database_get_signals (database) : NULL);
      g_clear_object (&self->open_records);
      if (database != NULL)
        self->open_records = fd_open_records_new (fd_database_get_connection (database),
                                                  fd_database_get_signals (database), "clients");
      fd_client_editor_set_database (self->editor, database);
      run_search (self);
    }
}

/**
 * fd_clients_module_get_editor:
 *
 * Returns: (transfer none): Client Details
 */
FdClientEditor *
fd_clients_module_get_editor (FdClientsModule *self)
{
  g_return_val_if_fail (FD_IS_CLIENTS_MODULE (self), NULL);

  return self->editor;
}

/**
 * fd_clients_module_get_results:
 *
 * Returns: (transfer none): the clients listed, #FdClientSummary
 */
GListModel *
fd_clients_module_get_results (FdClientsModule *self)
{
  g_return_val_if_fail (FD_IS_CLIENTS_MODULE (self), NULL);

  return G_LIST_MODEL (self->results);
}

/* Types @text into the search field, as a person would. */
void
fd_clients_module_search (FdClientsModule *self,
                          const char      *text)
{
  g_return_if_fail (FD_IS_CLIENTS_MODULE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  run_search (self);
}

/* Picks the client at @position in the list, as a click would. */
void
fd_clients_module_select (FdClientsModule *self,
                          guint            position)
{
  g_return_if_fail (FD_IS_CLIENTS_MODULE (self));

  gtk_single_selection_set_selected (self->selection, position);
}

/**
 * fd_clients_module_get_selected_client_id:
 *
 * Returns: (nullable): the client picked in the list
 */
const char *
fd_clients_module_get_selected_client_id (FdClientsModule *self)
{
  FdClientSummary *summary;

  g_return_val_if_fail (FD_IS_CLIENTS_MODULE (self), NULL);

  summary = gtk_single_selection_get_selected_item (self->selection);
  return summary != NULL ? fd_client_summary_get_id (summary) : NULL;
}
