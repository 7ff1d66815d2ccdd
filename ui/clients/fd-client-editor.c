/* fd-client-editor.c: Client Details, a view of a client's edit session.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The FdEditSession owns the record's life: its lock, the record and the family's account,
 * viewers, losing the lock, maintenance and saving. The editor shows what the session's
 * state says: held elsewhere → the two-stage prompt (Cancel is the default); displaced → a
 * popup and a state line, and saving takes the record back (a conflict goes to the merge
 * dialog); lock lost → read-only with Reload, the typed values still there to copy out;
 * maintenance → read-only while it lasts, then as before; viewing and waiting (opened
 * read-only, or asking the holder to release it) → read-only with Edit
 * (fd-client-editor-etiquette.c).
 */
#include <glib/gi18n.h>

#include "fd-busy-dialog.h"
#include "fd-client-editor-private.h"
#include "fd-field-mark.h"
#include "fd-lock-prompt.h"
#include "fd-save-lock-panel.h"

G_DEFINE_FINAL_TYPE (FdClientEditor, fd_client_editor, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CLIENT_ID,
  PROP_DIRTY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Little helpers ------------------------------------------------------------------------- */

void
fd_client_editor_finish_leave (GTask    *leave_task,
                               gboolean  may_leave)
{
  if (leave_task == NULL)
    return;
  g_task_return_boolean (leave_task, may_leave);
  g_object_unref (leave_task);
}

static FdRecord *
get_record (FdClientEditor *self)
{
  return self->session != NULL ? fd_edit_session_get_record (self->session) : NULL;
}

static FdEditState
get_state (FdClientEditor *self)
{
  return self->session != NULL ? fd_edit_session_get_state (self->session)
                               : FD_EDIT_STATE_CLOSED;
}

GtkWindow *
fd_client_editor_get_window (FdClientEditor *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

char *
fd_client_editor_dup_name (FdClientEditor *self)
{
  FdRecord *record = get_record (self);

  if (record == NULL || !fd_record_is_loaded (record))
    return g_strdup ("");

  return g_strdup_printf ("%s %s", fd_record_get_original (record, "first_name"),
                          fd_record_get_original (record, "last_name"));
}

AdwMessageDialog *
fd_client_editor_new_dialog (FdClientEditor *self,
                             const char     *heading,
                             const char     *body)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (
    fd_client_editor_get_window (self), heading, body));

  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  return dialog;
}

static void
reset_cancellable (FdClientEditor *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
}

/* Title, buttons, state line -------------------------------------------------------------- */

void
fd_client_editor_update_actions (FdClientEditor *self)
{
  gboolean dirty = fd_client_editor_get_dirty (self);
  FdEditState state = get_state (self);
  const char *id = fd_client_editor_get_client_id (self);
  g_autofree char *name = fd_client_editor_dup_name (self);
  g_autofree char *subtitle = NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save",
                                 dirty && (state == FD_EDIT_STATE_EDITING ||
                                           state == FD_EDIT_STATE_DISPLACED));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.revert",
                                 dirty && state != FD_EDIT_STATE_SAVING);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.reload", id != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.edit",
                                 state == FD_EDIT_STATE_VIEWING ||
                                 state == FD_EDIT_STATE_WAITING);

  if (dirty)
    subtitle = g_strdup (_("Unsaved changes"));
  else if (id != NULL && fd_client_editor_is_archived (self))
    /* Translators: %s is the client's number in the practice */
    subtitle = g_strdup_printf (_("Client No. %s · Archived"), id);
  else if (id != NULL)
    /* Translators: %s is the client's number in the practice */
    subtitle = g_strdup_printf (_("Client No. %s"), id);
  adw_window_title_set_title (self->record_title, name);
  adw_window_title_set_subtitle (self->record_title, subtitle != NULL ? subtitle : "");
  fd_client_editor_update_archive (self);
}

static void
put_state_line (FdClientEditor *self,
                const char     *text,
                gboolean        error,
                gboolean        offer_reload)
{
  gtk_label_set_text (self->state_label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->state_label), text);
  gtk_image_set_from_icon_name (self->state_icon,
                                error ? "dialog-error-symbolic" : "dialog-warning-symbolic");
  if (error)
    gtk_widget_add_css_class (self->state_line, "error");
  else
    gtk_widget_remove_css_class (self->state_line, "error");
  gtk_widget_set_visible (GTK_WIDGET (self->reload_button), offer_reload);
  gtk_revealer_set_reveal_child (self->state_revealer, TRUE);
}

/* The state line: maintenance's reason while it lasts, else the record's own message. */
static void
show_state_line (FdClientEditor *self)
{
  g_autofree char *reason = NULL;

  if (get_state (self) == FD_EDIT_STATE_MAINTENANCE)
    {
      reason = fd_maintenance_dup_read_only_reason (fd_database_get_maintenance (self->database));
      put_state_line (self, reason, TRUE, FALSE);
    }
  else if (self->message.text != NULL)
    put_state_line (self, self->message.text, self->message.error, self->message.offer_reload);
  else
    gtk_revealer_set_reveal_child (self->state_revealer, FALSE);
}

void
fd_client_editor_show_message (FdClientEditor *self,
                               const char     *text,
                               gboolean        error,
                               gboolean        offer_reload)
{
  g_free (self->message.text);
  self->message.text = g_strdup (text);
  self->message.error = error;
  self->message.offer_reload = offer_reload;
  show_state_line (self);
}

void
fd_client_editor_hide_message (FdClientEditor *self)
{
  g_clear_pointer (&self->message.text, g_free);
  show_state_line (self);
}

/* The family's account, and the Save button's arrow opening its Save Lock panel. */
void
fd_client_editor_show_account (FdClientEditor *self)
{
  FdSaveLock *lock = fd_account_section_get_lock (self->account_section);
  GtkPopover *panel = adw_split_button_get_popover (self->save_button);

  if (lock != NULL &&
      (panel == NULL || fd_save_lock_panel_get_lock (FD_SAVE_LOCK_PANEL (panel)) != lock))
    adw_split_button_set_popover (self->save_button, GTK_POPOVER (fd_save_lock_panel_new (lock)));
  fd_account_section_show (self->account_section, get_record (self));
}

/* What the session tells ------------------------------------------------------------------ */

static void
lock_prompt_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  FdClientEditor *self = user_data;
  g_autoptr(GError) error = NULL;
  FdLockChoice choice = fd_lock_prompt_finish_choice (result, &error);

  /* Cancelled with the editor or its record: it may be gone. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->prompting = FALSE;
  if (get_state (self) != FD_EDIT_STATE_HELD_ELSEWHERE)
    return;
  fd_client_editor_choose_lock (self, choice);
}

static void
ask_about_holder (FdClientEditor *self)
{
  if (self->prompting)
    return;
  self->prompting = TRUE;
  fd_lock_prompt_async (fd_client_editor_get_window (self),
                        fd_edit_session_get_holder (self->session), _("Client Record in Use"),
                        self->cancellable, lock_prompt_cb, self);
}

static void
state_changed_cb (FdClientEditor *self)
{
  FdEditState state = get_state (self);

  switch (state)
    {
    case FD_EDIT_STATE_LOADING:
      gtk_spinner_set_spinning (self->loading_spinner, TRUE);
      gtk_stack_set_visible_child_name (self->stack, "loading");
      break;
    case FD_EDIT_STATE_HELD_ELSEWHERE:
      ask_about_holder (self);
      break;
    case FD_EDIT_STATE_VIEWING:
    case FD_EDIT_STATE_WAITING:
      fd_client_editor_end_questions (self);
      fd_client_editor_show_view (self);
      gtk_spinner_set_spinning (self->loading_spinner, FALSE);
      gtk_stack_set_visible_child_name (self->stack, "record");
      break;
    case FD_EDIT_STATE_LOCK_LOST:
      fd_client_editor_end_questions (self);
      break;
    case FD_EDIT_STATE_CLOSED:
      fd_client_editor_end_questions (self);
      gtk_spinner_set_spinning (self->loading_spinner, FALSE);
      /* Closed with its id kept: it did not open, and the record page says why. */
      gtk_stack_set_visible_child_name (self->stack, fd_edit_session_get_id (self->session) != NULL
                                                     ? "record" : "empty");
      break;
    default:
      break;
    }
  fd_client_editor_set_editable (self, !fd_edit_session_get_read_only (self->session));
  gtk_widget_set_visible (GTK_WIDGET (self->edit_button),
                          state == FD_EDIT_STATE_VIEWING || state == FD_EDIT_STATE_WAITING);
  show_state_line (self);
  fd_client_editor_update_actions (self);
}

static void
opened_cb (FdClientEditor *self)
{
  fd_client_editor_fill_rows (self);
  fd_client_editor_show_account (self);
  gtk_spinner_set_spinning (self->loading_spinner, FALSE);
  gtk_stack_set_visible_child_name (self->stack, "record");
  fd_client_editor_load_procedures (self);
  fd_client_appointment_list_set_client_id (self->appointment_list,
                                            fd_edit_session_get_id (self->session));
}

/* Try Again after an open that met someone else's unfinished change. */
static void
open_again_cb (FdClientEditor *self)
{
  g_autofree char *id = g_strdup (fd_client_editor_get_client_id (self));

  if (id != NULL)
    fd_client_editor_open (self, id);
}

static void
open_failed_cb (FdClientEditor *self,
                const GError   *error)
{
  g_message ("Cannot open client %s: %s", fd_client_editor_get_client_id (self),
             error->message);
  if (fd_busy_dialog_is_busy (error))
    fd_busy_dialog_present (GTK_WIDGET (self), error, G_CALLBACK (open_again_cb), self);
  gtk_spinner_set_spinning (self->loading_spinner, FALSE);
  gtk_stack_set_visible_child_name (self->stack, "record");
  fd_client_editor_show_message (self, error->message, TRUE, TRUE);
}

static void
lock_lost_cb (FdClientEditor *self,
              FdLockLoss     *loss)
{
  fd_client_editor_lock_lost (self, loss);
}

/* Someone else saved it: the fields not edited here show what is stored, and who. */
static void
reloaded_cb (FdClientEditor *self,
             GStrv           columns)
{
  fd_client_editor_follow_columns (self, columns);
  fd_client_editor_show_account (self);
}

static void
dirty_changed_cb (FdClientEditor *self)
{
  fd_client_editor_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRTY]);
}

/* Actions ---------------------------------------------------------------------------------- */

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  fd_client_editor_save (FD_CLIENT_EDITOR (widget), NULL);
}

static void
revert_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  FdClientEditor *self = FD_CLIENT_EDITOR (widget);

  if (get_record (self) == NULL)
    return;
  fd_edit_session_revert (self->session);
  fd_account_section_revert (self->account_section);
  fd_client_editor_fill_rows (self);
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  FdClientEditor *self = FD_CLIENT_EDITOR (widget);
  g_autofree char *id = g_strdup (fd_client_editor_get_client_id (self));

  if (id != NULL)
    fd_client_editor_open (self, id);
}

static void
history_toggled_cb (FdClientEditor *self)
{
  if (get_record (self) != NULL)
    fd_client_editor_load_procedures (self);
}

/* GObject ---------------------------------------------------------------------------------- */

/* Lets the record go, with what the form showed of it. */
static void
let_go (FdClientEditor *self)
{
  reset_cancellable (self);
  self->prompting = FALSE;
  if (self->pending_leave != NULL)
    fd_client_editor_finish_leave (g_steal_pointer (&self->pending_leave), FALSE);
  g_hash_table_remove_all (self->invalid);
  g_clear_pointer (&self->message.text, g_free);
  g_clear_pointer (&self->archive_wanted, g_free);
  if (self->session != NULL)
    fd_edit_session_close (self->session);
  fd_account_section_clear (self->account_section);
  gtk_widget_set_visible (GTK_WIDGET (self->viewers_label), FALSE);
}

static void
set_session (FdClientEditor *self,
             FdEditSession  *session)
{
  GHashTableIter iter;
  gpointer column, mark;

  if (self->session != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->session, self);
      fd_edit_session_close (self->session);
    }
  g_set_object (&self->session, session);
  g_hash_table_iter_init (&iter, self->marks);
  while (g_hash_table_iter_next (&iter, &column, &mark))
    fd_field_mark_settle_in (mark, session, column);
  fd_account_section_set_account (self->account_section,
                                  session != NULL ? fd_edit_session_get_account (session) : NULL);
  if (session == NULL)
    return;

  g_signal_connect_object (session, "notify::state", G_CALLBACK (state_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::dirty", G_CALLBACK (dirty_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "opened", G_CALLBACK (opened_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "open-failed", G_CALLBACK (open_failed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "lock-lost", G_CALLBACK (lock_lost_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "reloaded", G_CALLBACK (reloaded_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "field-conflict",
                           G_CALLBACK (fd_client_editor_mark_conflict), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "viewers-changed",
                           G_CALLBACK (fd_client_editor_show_viewers), self, G_CONNECT_SWAPPED);
  fd_client_editor_connect_etiquette (self, session);
}

static void
fd_client_editor_dispose (GObject *object)
{
  FdClientEditor *self = FD_CLIENT_EDITOR (object);
  GtkWidget *child;

  if (self->cancellable != NULL)
    let_go (self);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->procedures_cancellable);
  g_clear_object (&self->procedures_cancellable);
  g_cancellable_cancel (self->release_cancellable);
  g_clear_object (&self->release_cancellable);
  g_cancellable_cancel (self->expiry_cancellable);
  g_clear_object (&self->expiry_cancellable);
  g_clear_object (&self->procedure_signals);
  g_clear_pointer (&self->procedures, g_ptr_array_unref);
  if (self->account_section != NULL)
    set_session (self, NULL);
  g_clear_object (&self->session);
  g_clear_object (&self->database);
  gtk_widget_dispose_template (GTK_WIDGET (self), FD_TYPE_CLIENT_EDITOR);
  /* The template's outer box is not a bound child: it is unparented by hand. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (fd_client_editor_parent_class)->dispose (object);
}

static void
fd_client_editor_finalize (GObject *object)
{
  FdClientEditor *self = FD_CLIENT_EDITOR (object);

  g_free (self->message.text);
  g_free (self->archive_wanted);
  g_hash_table_unref (self->rows);
  g_hash_table_unref (self->marks);
  g_hash_table_unref (self->invalid);

  G_OBJECT_CLASS (fd_client_editor_parent_class)->finalize (object);
}

static void
fd_client_editor_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  FdClientEditor *self = FD_CLIENT_EDITOR (object);

  switch (prop_id)
    {
    case PROP_CLIENT_ID:
      g_value_set_string (value, fd_client_editor_get_client_id (self));
      break;
    case PROP_DIRTY:
      g_value_set_boolean (value, fd_client_editor_get_dirty (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fd_client_editor_class_init (FdClientEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fd_client_editor_dispose;
  object_class->finalize = fd_client_editor_finalize;
  object_class->get_property = fd_client_editor_get_property;

  properties[PROP_CLIENT_ID] =
    g_param_spec_string ("client-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_DIRTY] =
    g_param_spec_boolean ("dirty", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (FD_TYPE_ACCOUNT_SECTION);
  g_type_ensure (FD_TYPE_CLIENT_APPOINTMENT_LIST);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/frontdesk/Frontdesk/fd-client-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, FdClientEditor, stack);
  gtk_widget_class_bind_template_child (widget_class, FdClientEditor, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, FdClientEditor, record_title);
  gtk_widget_class_bind_template_child (widget_class, FdClientEditor, viewers_label);
  gtk_widget_class_bind_template_child (widget_class, FdClientEditor, state_revealer);
  gtk_widget_class_bind_template_child (widget_class, FdClientEditor, state_line);
  gtk_widget_class_bind_template_child (widget_class, FdClientEditor, state_icon);
  gtk_widget_class_bind_template_child (widget_class, FdClientEditor, state_label);
  gtk_widget_class_bind_template_child (widget_class, FdClientEditor, reload_button);
  gtk_widget_class_bind_template_child (widget_class, FdClientEditor, edit_button);
  gtk_widget_class_bind_template_child (widget_class, FdClientEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, FdClientEditor, archive_button);
  gtk_widget_class_bind_template_child (widget_class, FdClientEditor, archived_label);
  gtk_widget_class_bind_template_child (widget_class, FdClientEditor, account_section);
  gtk_widget_class_bind_template_child (widget_class, FdClientEditor, identity_group);
  gtk_widget_class_bind_template_child (widget_class, FdClientEditor, contact_group);
  gtk_widget_class_bind_template_child (widget_class, FdClientEditor, address_group);
  gtk_widget_class_bind_template_child (widget_class, FdClientEditor, notes_view);
  gtk_widget_class_bind_template_child (widget_class, FdClientEditor, history_button);
  gtk_widget_class_bind_template_child (widget_class, FdClientEditor, procedures_list);
  gtk_widget_class_bind_template_child (widget_class, FdClientEditor, appointment_list);
  gtk_widget_class_bind_template_callback (widget_class, history_toggled_cb);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.revert", NULL, revert_action);
  gtk_widget_class_install_action (widget_class, "editor.reload", NULL, reload_action);
  fd_client_editor_class_add_archive_actions (widget_class);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "editor.save", NULL);
  fd_client_editor_class_add_procedure_actions (widget_class);
  fd_client_editor_class_add_etiquette_actions (widget_class);
}

static void
fd_client_editor_init (FdClientEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* libadwaita 1.2 gives the split button's arrow a tooltip but no accessible name. */
  gtk_accessible_update_property (
    GTK_ACCESSIBLE (gtk_widget_get_last_child (GTK_WIDGET (self->save_button))),
    GTK_ACCESSIBLE_PROPERTY_LABEL, _("Save Lock Panel"), -1);

  self->cancellable = g_cancellable_new ();
  self->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->marks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->invalid = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_signal_connect_object (self->account_section, "changed",
                           G_CALLBACK (fd_client_editor_update_actions), self,
                           G_CONNECT_SWAPPED);
  fd_client_editor_build_rows (self);
  fd_client_editor_follow_procedures (self);
  gtk_stack_set_visible_child_name (self->stack, "empty");
  fd_client_editor_update_actions (self);
}

FdClientEditor *
fd_client_editor_new (void)
{
  return g_object_new (FD_TYPE_CLIENT_EDITOR, NULL);
}

void
fd_client_editor_set_database (FdClientEditor *self,
                               FdDatabase     *database)
{
  g_autoptr(FdEditSession) session = NULL;

  g_return_if_fail (FD_IS_CLIENT_EDITOR (self));

  if (self->database == database)
    return;

  fd_client_editor_close (self);
  g_set_object (&self->database, database);
  g_signal_group_set_target (self->procedure_signals,
                             database != NULL ? fd_database_get_signals (database) : NULL);
  fd_account_section_set_database (self->account_section, database);
  fd_client_appointment_list_set_database (self->appointment_list, database);
  if (database != NULL && fd_database_get_lock_manager (database) != NULL)
    session = fd_edit_session_new (database, "clients");
  set_session (self, session);
}

/**
 * fd_client_editor_open:
 *
 * Opens @client_id, after the lock dialogs when someone else holds it. Whatever was open
 * is let go first; ask fd_client_editor_leave_async() before, if it may hold changes.
 */
void
fd_client_editor_open (FdClientEditor *self,
                       const char     *client_id)
{
  g_autofree char *id = g_strdup (client_id);

  g_return_if_fail (FD_IS_CLIENT_EDITOR (self));
  g_return_if_fail (client_id != NULL);
  g_return_if_fail (self->session != NULL);

  let_go (self);
  fd_edit_session_open (self->session, id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT_ID]);
}

/**
 * fd_client_editor_close:
 *
 * Closes the record, releasing its lock; unsaved changes are dropped.
 */
void
fd_client_editor_close (FdClientEditor *self)
{
  g_return_if_fail (FD_IS_CLIENT_EDITOR (self));

  let_go (self);
  fd_client_appointment_list_set_client_id (self->appointment_list, NULL);
  gtk_spinner_set_spinning (self->loading_spinner, FALSE);
  gtk_stack_set_visible_child_name (self->stack, "empty");
  fd_client_editor_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT_ID]);
}

/**
 * fd_client_editor_get_client_id:
 *
 * Returns: (nullable): the client open, being opened, or that failed to open
 */
const char *
fd_client_editor_get_client_id (FdClientEditor *self)
{
  g_return_val_if_fail (FD_IS_CLIENT_EDITOR (self), NULL);

  return self->session != NULL ? fd_edit_session_get_id (self->session) : NULL;
}

gboolean
fd_client_editor_get_dirty (FdClientEditor *self)
{
  g_return_val_if_fail (FD_IS_CLIENT_EDITOR (self), FALSE);

  return self->session != NULL && fd_edit_session_get_dirty (self->session);
}

gboolean
fd_client_editor_get_read_only (FdClientEditor *self)
{
  g_return_val_if_fail (FD_IS_CLIENT_EDITOR (self), FALSE);

  return self->session != NULL && fd_edit_session_get_read_only (self->session);
}

/* Types into @column as a person would. */
void
fd_client_editor_set_field (FdClientEditor *self,
                            const char     *column,
                            const char     *value)
{
  GtkEditable *row;

  g_return_if_fail (FD_IS_CLIENT_EDITOR (self));

  row = g_hash_table_lookup (self->rows, column);
  g_return_if_fail (row != NULL);
  gtk_editable_set_text (row, value);
}

/* Leaving ---------------------------------------------------------------------------------- */

static void
leave_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   GTask            *task)
{
  FdClientEditor *self = g_task_get_source_object (task);

  if (g_str_equal (response, "save"))
    fd_client_editor_save (self, g_object_ref (task));
  else if (g_str_equal (response, "discard"))
    {
      fd_edit_session_revert (self->session);
      fd_account_section_revert (self->account_section);
      fd_client_editor_finish_leave (g_object_ref (task), TRUE);
    }
  else
    fd_client_editor_finish_leave (g_object_ref (task), FALSE);
}

static void
present_leave_dialog (FdClientEditor   *self,
                      AdwMessageDialog *dialog,
                      GTask            *task)
{
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (dialog, "cancel");
  gtk_widget_add_css_class (GTK_WIDGET (dialog), "leave-dialog");
  /* The dialog holds the task; the response answers it once. */
  g_signal_connect_data (dialog, "response", G_CALLBACK (leave_response_cb), task,
                         (GClosureNotify) g_object_unref, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * fd_client_editor_leave_async:
 *
 * Asks whether the open record may be left: at once when it holds no unsaved changes (or
 * can no longer be saved), else Save / Discard / Cancel.
 */
void
fd_client_editor_leave_async (FdClientEditor      *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task;
  AdwMessageDialog *dialog;
  g_autofree char *name = NULL;
  g_autofree char *heading = NULL;

  g_return_if_fail (FD_IS_CLIENT_EDITOR (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, fd_client_editor_leave_async);

  if (!fd_client_editor_get_dirty (self) || get_state (self) == FD_EDIT_STATE_LOCK_LOST)
    {
      fd_client_editor_finish_leave (task, TRUE);
      return;
    }

  name = fd_client_editor_dup_name (self);
  if (get_state (self) == FD_EDIT_STATE_MAINTENANCE)
    {
      /* Translators: %s is a client's name */
      heading = g_strdup_printf (_("Discard Changes to %s?"), name);
      dialog = fd_client_editor_new_dialog (self, heading,
                                            _("The practice database is in maintenance, so "
                                              "your changes cannot be saved now. Stay, and you "
                                              "can save them as soon as it ends."));
      adw_message_dialog_add_responses (dialog, "cancel", _("_Stay"), "discard", _("_Discard"),
                                        NULL);
      adw_message_dialog_set_default_response (dialog, "cancel");
      present_leave_dialog (self, dialog, task);
      return;
    }
  /* Translators: %s is a client's name */
  heading = g_strdup_printf (_("Save Changes to %s?"), name);
  dialog = fd_client_editor_new_dialog (self, heading,
                                        _("You changed this client’s record. If you leave "
                                          "without saving, your changes are lost."));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "discard", _("_Discard"),
                                    "save", _("_Save"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  present_leave_dialog (self, dialog, task);
}

/**
 * fd_client_editor_leave_finish:
 *
 * Returns: %TRUE if the record may be left (saved, discarded or unchanged)
 */
gboolean
fd_client_editor_leave_finish (FdClientEditor *self,
                               GAsyncResult   *result)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), NULL);
}
