/* fd-fee-schedule-editor.c: Setup's fee schedule editor.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Picking a schedule makes it the form's data context, "fees:<id>": the old schedule's save
 * lock is let go and the new one's taken if it is free. Fees are typed into a grid of the
 * practice's procedure codes and written together by frontdesk.fees_save(), which the
 * server refuses to anyone but the lock's holder; the Procedure Codes editor uses the same
 * context, so one lock covers a schedule wherever its fees are edited.
 *
 * The grid follows the database as Setup's other forms do (FdSetupEntryRow): a fee someone
 * else saves shows in place, with who changed it, where nothing is typed; where something
 * is, it is marked with their fee and name, Use Theirs and Keep Mine; Save sends only the
 * fees still typed here, and waits until every marked one is settled.
 */
#include <glib/gi18n.h>
#include <string.h>

#include "fd-busy-dialog.h"
#include "fd-cache-row.h"
#include "fd-confirm-dialog.h"
#include "fd-fee-schedule-editor.h"
#include "fd-fees.h"
#include "fd-save-lock-panel.h"
#include "fd-setup-entry-row.h"

struct _FdFeeScheduleEditor
{
  GtkWidget       parent_instance;

  /* Template widgets */
  GtkDropDown    *schedule_dropdown;
  AdwSplitButton *save_button;
  GtkLabel       *state_label;
  GtkListBox     *list;

  /* Owned */
  FdDatabase     *database;
  FdSaveLock     *lock;
  GCancellable   *cancellable;
  GPtrArray      *schedule_ids;
  GHashTable     *rows;        /* procedure code id → FdSetupEntryRow, its column the id */
  GHashTable     *codes;       /* procedure code ("D0120") → its id */
  GHashTable     *fee_ids;     /* procedure code id → its fee's row, as signals name it */
  GHashTable     *invalid;     /* procedure code id → message */
  char           *schedule_id;
  char           *wanted_schedule_id;  /* picked while fees were typed, until answered */

  /* Borrowed */
  GtkRoot        *guarded_window;  /* asks before it closes with fees typed */

  gboolean        filling;
  gboolean        saving;
};

G_DEFINE_FINAL_TYPE (FdFeeScheduleEditor, fd_fee_schedule_editor, GTK_TYPE_WIDGET)

static FdCache *
get_cache (FdFeeScheduleEditor *self)
{
  return fd_database_get_cache (self->database);
}

/* State ------------------------------------------------------------------------------------ */

static void fill_schedules (FdFeeScheduleEditor *self);
static void revert_action  (GtkWidget           *widget,
                            const char          *action_name,
                            GVariant            *parameter);

static gboolean
may_edit (FdFeeScheduleEditor *self)
{
  return self->schedule_id != NULL && fd_save_lock_get_held (self->lock) && !self->saving;
}

static guint
count_conflicts (FdFeeScheduleEditor *self)
{
  GHashTableIter iter;
  gpointer row;
  guint n = 0;

  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, NULL, &row))
    n += fd_setup_entry_row_get_conflicted (row);
  return n;
}

static void
update_state (FdFeeScheduleEditor *self)
{
  GHashTableIter iter;
  gpointer row;
  g_autofree char *state = NULL;
  gboolean dirty = fd_fee_schedule_editor_get_dirty (self);

  /* Read-only rather than insensitive: a mark's Use Theirs and Keep Mine stay at hand. */
  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, NULL, &row))
    gtk_editable_set_editable (GTK_EDITABLE (row), may_edit (self));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "fees.save",
                                 dirty && may_edit (self) && count_conflicts (self) == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "fees.revert", dirty && !self->saving);

  if (g_hash_table_size (self->invalid) > 0)
    state = g_strdup (_("Correct the marked fees: a fee is an amount such as 85 or 85.50, or "
                        "nothing for no fee."));
  else if (count_conflicts (self) > 0)
    state = g_strdup (_("Someone else saved a fee typed here: choose Use Theirs or Keep Mine "
                        "beside it, then save."));
  else if (!fd_save_lock_get_held (self->lock))
    state = fd_save_lock_dup_state_text (self->lock);
  gtk_label_set_text (self->state_label, state != NULL ? state : "");
  gtk_widget_set_visible (GTK_WIDGET (self->state_label), state != NULL);
}

static void
show_error (FdFeeScheduleEditor *self,
            const char          *message)
{
  gtk_label_set_text (self->state_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->state_label), TRUE);
}

/* The context follows the schedule shown, while the editor is on screen. */
static void
enter_context (FdFeeScheduleEditor *self)
{
  g_autofree char *context = NULL;
  g_autofree char *description = NULL;

  if (self->schedule_id != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)))
    fd_fees_name_context (get_cache (self), self->schedule_id, &context, &description);
  fd_save_lock_set_context (self->lock, context, description);
  update_state (self);
}

/* The grid --------------------------------------------------------------------------------- */

/* Marks @row when what is typed there is not a fee. */
static void
check_row (FdFeeScheduleEditor *self,
           FdSetupEntryRow     *row)
{
  const char *code_id = fd_setup_entry_row_get_column (row);
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  char *message;

  message = fd_fees_check_amount (text);
  if (message != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (row), message);
      g_hash_table_insert (self->invalid, g_strdup (code_id), message);
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (row), NULL);
      g_hash_table_remove (self->invalid, code_id);
    }
}

static void
fee_changed_cb (FdFeeScheduleEditor *self,
                FdSetupEntryRow     *row)
{
  if (self->filling)
    return;
  check_row (self, row);
  update_state (self);
}

static GHashTable *
stored_fees (FdFeeScheduleEditor *self)
{
  GListModel *fees = fd_cache_get_table (get_cache (self), "fees");
  GHashTable *amounts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < g_list_model_get_n_items (fees); i++)
    {
      g_autoptr(FdCacheRow) fee = g_list_model_get_item (fees, i);

      const char *code_id = fd_cache_row_get (fee, "procedure_code_id");

      if (g_strcmp0 (fd_cache_row_get (fee, "fee_schedule_id"), self->schedule_id) != 0)
        continue;
      g_hash_table_insert (amounts, g_strdup (code_id),
                           g_strdup (fd_cache_row_get (fee, "amount")));
      /* Kept after the fee is removed: its last signal names that row. */
      g_hash_table_insert (self->fee_ids, g_strdup (code_id),
                           g_strdup (fd_cache_row_get_id (fee)));
    }
  return amounts;
}

/* The fee of procedure code @code, titled with the code and what it is. */
static GtkWidget *
fee_row_new (FdFeeScheduleEditor *self,
             FdCacheRow          *code,
             const char          *amount)
{
  g_autofree char *title = NULL;
  GtkWidget *row;

  /* Translators: a procedure code and what it is, as "D0120 · Periodic oral evaluation" */
  title = g_strdup_printf (_("%s · %s"), fd_cache_row_get (code, "code"),
                           fd_cache_row_get (code, "description"));
  row = fd_setup_entry_row_new (fd_cache_row_get_id (code), title, amount);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  g_hash_table_insert (self->codes, g_strdup (fd_cache_row_get (code, "code")),
                       g_strdup (fd_cache_row_get_id (code)));
  g_signal_connect_object (row, "changed", G_CALLBACK (fee_changed_cb), self, G_CONNECT_SWAPPED);
  return row;
}

/* The codes the grid shows: those in use, and hidden ones while they still have a fee. */
static GPtrArray *
shown_codes (FdFeeScheduleEditor *self,
             GHashTable          *amounts)
{
  GListModel *codes = fd_cache_get_table (get_cache (self), "procedure_codes");
  GPtrArray *shown = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (codes); i++)
    {
      FdCacheRow *code = g_list_model_get_item (codes, i);

      if (fd_cache_row_get_boolean (code, "hidden") &&
          !g_hash_table_contains (amounts, fd_cache_row_get_id (code)))
        g_object_unref (code);
      else
        g_ptr_array_add (shown, code);
    }
  return shown;
}

static gboolean
grid_shows (FdFeeScheduleEditor *self,
            GPtrArray           *codes)
{
  if (codes->len != g_hash_table_size (self->rows))
    return FALSE;
  for (guint i = 0; i < codes->len; i++)
    {
      if (!g_hash_table_contains (self->rows, fd_cache_row_get_id (g_ptr_array_index (codes, i))))
        return FALSE;
    }
  return TRUE;
}

static void
clear_grid (FdFeeScheduleEditor *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  g_hash_table_remove_all (self->rows);
  g_hash_table_remove_all (self->codes);
  g_hash_table_remove_all (self->invalid);
}

/* Shows the stored fees. A fee typed and not yet saved stays as typed (and marked if it is
 * not a fee, or if someone else saved it meanwhile); the rows are rebuilt only when the
 * codes themselves changed, so a change elsewhere does not take the keyboard away from the
 * row being typed in. */
static void
fill_grid (FdFeeScheduleEditor *self)
{
  g_autoptr(GHashTable) amounts = NULL;
  g_autoptr(GPtrArray) codes = NULL;

  if (self->schedule_id == NULL)
    {
      clear_grid (self);
      update_state (self);
      return;
    }

  amounts = stored_fees (self);
  codes = shown_codes (self, amounts);
  if (!grid_shows (self, codes))
    {
      g_autoptr(GHashTable) typed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                           g_free);
      GHashTableIter iter;
      gpointer key, row;

      g_hash_table_iter_init (&iter, self->rows);
      while (g_hash_table_iter_next (&iter, &key, &row))
        if (fd_setup_entry_row_get_edited (row))
          g_hash_table_insert (typed, g_strdup (key), g_strdup (gtk_editable_get_text (row)));

      clear_grid (self);
      for (guint i = 0; i < codes->len; i++)
        {
          FdCacheRow *code = g_ptr_array_index (codes, i);
          const char *id = fd_cache_row_get_id (code);
          const char *text = g_hash_table_lookup (typed, id);
          GtkWidget *fee_row = fee_row_new (self, code, g_hash_table_lookup (amounts, id));

          gtk_list_box_append (self->list, fee_row);
          g_hash_table_insert (self->rows, g_strdup (id), fee_row);
          self->filling = TRUE;
          if (text != NULL)
            gtk_editable_set_text (GTK_EDITABLE (fee_row), text);
          self->filling = FALSE;
        }
    }

  for (guint i = 0; i < codes->len; i++)
    {
      const char *id = fd_cache_row_get_id (g_ptr_array_index (codes, i));
      const char *amount = g_hash_table_lookup (amounts, id);
      FdSetupEntryRow *row = g_hash_table_lookup (self->rows, id);

      if (g_strcmp0 (amount, fd_setup_entry_row_get_loaded (row)) != 0)
        {
          g_autoptr(FdFieldChange) change = NULL;

          change = fd_database_dup_cached_change (self->database, "fees",
                                                  g_hash_table_lookup (self->fee_ids, id), id,
                                                  amount);
          self->filling = TRUE;
          fd_setup_entry_row_follow (row, amount, change);
          self->filling = FALSE;
        }
      check_row (self, row);
    }
  update_state (self);
}

static void
cache_changed_cb (FdFeeScheduleEditor *self)
{
  if (self->saving)
    return;
  fill_schedules (self);
  fill_grid (self);
}

/* Schedules -------------------------------------------------------------------------------- */

static void
fill_schedules (FdFeeScheduleEditor *self)
{
  GListModel *schedules = fd_cache_get_table (get_cache (self), "fee_schedules");
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint selected = GTK_INVALID_LIST_POSITION;

  g_ptr_array_set_size (self->schedule_ids, 0);
  for (guint i = 0; i < g_list_model_get_n_items (schedules); i++)
    {
      g_autoptr(FdCacheRow) schedule = g_list_model_get_item (schedules, i);
      const char *id = fd_cache_row_get_id (schedule);

      if (fd_cache_row_get_boolean (schedule, "hidden") && g_strcmp0 (id, self->schedule_id) != 0)
        continue;
      if (g_strcmp0 (id, self->schedule_id) == 0)
        selected = self->schedule_ids->len;
      gtk_string_list_append (names, fd_cache_row_get (schedule, "name"));
      g_ptr_array_add (self->schedule_ids, g_strdup (id));
    }

  self->filling = TRUE;
  gtk_drop_down_set_model (self->schedule_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->schedule_dropdown, selected);
  self->filling = FALSE;
}

/* Not from inside the drop-down's own selection change: its model is replaced here. */
static void
show_schedule (FdFeeScheduleEditor *self,
               const char          *schedule_id)
{
  g_free (self->schedule_id);
  self->schedule_id = g_strdup (schedule_id);
  g_hash_table_remove_all (self->rows);
  g_hash_table_remove_all (self->fee_ids);
  fill_grid (self);
  enter_context (self);
}

/* Typed fees are saved or dropped before the schedule changes or the window closes. */
static void
ask_to_discard (FdFeeScheduleEditor *self,
                const char          *body,
                GCallback            response_cb)
{
  AdwMessageDialog *dialog;

  dialog = fd_confirm_dialog_present (GTK_WIDGET (self), _("Discard the Fees You Typed?"), body,
                                      _("_Keep Editing"), "discard", _("_Discard"),
                                      "fees-discard-dialog");
  g_signal_connect_object (dialog, "response", response_cb, self, 0);
}

static void
switch_response_cb (AdwMessageDialog    *dialog,
                    const char          *response,
                    FdFeeScheduleEditor *self)
{
  g_autofree char *wanted = g_steal_pointer (&self->wanted_schedule_id);

  if (g_str_equal (response, "discard"))
    show_schedule (self, wanted);
  else
    fill_schedules (self);
}

static void
schedule_selected_cb (FdFeeScheduleEditor *self)
{
  guint selected = gtk_drop_down_get_selected (self->schedule_dropdown);
  const char *wanted;

  if (self->filling || selected >= self->schedule_ids->len)
    return;
  wanted = g_ptr_array_index (self->schedule_ids, selected);
  if (g_strcmp0 (wanted, self->schedule_id) == 0)
    return;
  if (!fd_fee_schedule_editor_get_dirty (self))
    {
      show_schedule (self, wanted);
      return;
    }
  /* The dialog is modal: nothing else is picked until it is answered. */
  g_free (self->wanted_schedule_id);
  self->wanted_schedule_id = g_strdup (wanted);
  ask_to_discard (self, _("The fees typed into this schedule are not saved. Save them first, "
                          "or discard them to show the other schedule."),
                  G_CALLBACK (switch_response_cb));
}

static gboolean
destroy_window_cb (gpointer window)
{
  gtk_window_destroy (window);
  return G_SOURCE_REMOVE;
}

static void
close_response_cb (AdwMessageDialog    *dialog,
                   const char          *response,
                   FdFeeScheduleEditor *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (!g_str_equal (response, "discard") || !GTK_IS_WINDOW (root))
    return;
  revert_action (GTK_WIDGET (self), NULL, NULL);
  /* Not from inside the dialog's own response: the dialog goes with its window. */
  g_idle_add_full (G_PRIORITY_DEFAULT, destroy_window_cb, g_object_ref (root), g_object_unref);
}

static gboolean
close_request_cb (FdFeeScheduleEditor *self)
{
  if (!fd_fee_schedule_editor_get_dirty (self))
    return FALSE;
  ask_to_discard (self, _("The fees typed into this schedule are not saved. Save them first, "
                          "or discard them to close the window."),
                  G_CALLBACK (close_response_cb));
  return TRUE;
}

/* Saving ----------------------------------------------------------------------------------- */

/* After a save, what was typed is what is stored; the fees' signal then reloads the cache,
 * which brings it in the server's own form (85 → 85.00). */
static void
take_typed_as_stored (FdFeeScheduleEditor *self)
{
  GHashTableIter iter;
  gpointer key, row;

  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, &key, &row))
    {
      g_autofree char *typed = fd_setup_entry_row_dup_value (row);

      if (!fd_setup_entry_row_get_edited (row))
        continue;
      self->filling = TRUE;
      fd_setup_entry_row_set_value (row, typed);
      self->filling = FALSE;
    }
}

/* Try Again in the busy dialog: the same save, with the fees typed now. */
static void
save_again_cb (FdFeeScheduleEditor *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "fees.save", NULL);
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  FdFeeScheduleEditor *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!fd_fees_save_finish (result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->saving = FALSE;
  if (error != NULL)
    {
      update_state (self);
      /* Translators: %s says why, in the server's words */
      message = g_strdup_printf (_("Not saved: %s Your fees are still here."), error->message);
      show_error (self, message);
      if (fd_busy_dialog_is_busy (error))
        fd_busy_dialog_present (GTK_WIDGET (self), error, G_CALLBACK (save_again_cb), self);
      return;
    }

  take_typed_as_stored (self);
  /* What others saved while this save was on its way shows now. */
  fill_grid (self);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  FdFeeScheduleEditor *self = FD_FEE_SCHEDULE_EDITOR (widget);
  g_autoptr(GPtrArray) codes = g_ptr_array_new ();
  g_autoptr(GPtrArray) originals = g_ptr_array_new ();
  g_autoptr(GPtrArray) amounts = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer key, row;

  if (!fd_fee_schedule_editor_get_dirty (self) || !may_edit (self))
    return;
  if (g_hash_table_size (self->invalid) > 0 || count_conflicts (self) > 0)
    {
      update_state (self);
      return;
    }

  /* Only the fees still typed here, each compared with the fee as last stored here. */
  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, &key, &row))
    {
      const char *loaded = fd_setup_entry_row_get_loaded (row);
      char *text;

      if (!fd_setup_entry_row_get_edited (row))
        continue;
      text = fd_setup_entry_row_dup_value (row);
      g_ptr_array_add (codes, key);
      g_ptr_array_add (originals, (gpointer) (loaded != NULL ? loaded : ""));
      g_ptr_array_add (amounts, text != NULL ? text : g_strdup (""));
    }

  self->saving = TRUE;
  update_state (self);
  fd_fees_save_async (fd_database_get_connection (self->database), self->schedule_id, codes->len,
                      (const char * const *) codes->pdata,
                      (const char * const *) originals->pdata,
                      (const char * const *) amounts->pdata,
                      self->cancellable, saved_cb, self);
}

static void
revert_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  FdFeeScheduleEditor *self = FD_FEE_SCHEDULE_EDITOR (widget);
  GHashTableIter iter;
  gpointer key, row;

  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, &key, &row))
    fd_setup_entry_row_revert (row);
  update_state (self);
}

/* GObject ---------------------------------------------------------------------------------- */

static void
fd_fee_schedule_editor_map (GtkWidget *widget)
{
  FdFeeScheduleEditor *self = FD_FEE_SCHEDULE_EDITOR (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  GTK_WIDGET_CLASS (fd_fee_schedule_editor_parent_class)->map (widget);
  if (GTK_IS_WINDOW (root) && root != self->guarded_window)
    {
      self->guarded_window = root;
      g_signal_connect_object (root, "close-request", G_CALLBACK (close_request_cb), self,
                               G_CONNECT_SWAPPED);
    }
  enter_context (self);
}

static void
fd_fee_schedule_editor_unmap (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (fd_fee_schedule_editor_parent_class)->unmap (widget);
  enter_context (FD_FEE_SCHEDULE_EDITOR (widget));
}

static void
fd_fee_schedule_editor_dispose (GObject *object)
{
  FdFeeScheduleEditor *self = FD_FEE_SCHEDULE_EDITOR (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->lock != NULL)
    fd_save_lock_set_context (self->lock, NULL, NULL);
  g_clear_object (&self->lock);
  g_clear_object (&self->database);
  gtk_widget_dispose_template (GTK_WIDGET (self), FD_TYPE_FEE_SCHEDULE_EDITOR);
  /* The template's box is not a bound child: it is unparented by hand. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (fd_fee_schedule_editor_parent_class)->dispose (object);
}

static void
fd_fee_schedule_editor_finalize (GObject *object)
{
  FdFeeScheduleEditor *self = FD_FEE_SCHEDULE_EDITOR (object);

  g_ptr_array_unref (self->schedule_ids);
  g_hash_table_unref (self->rows);
  g_hash_table_unref (self->codes);
  g_hash_table_unref (self->fee_ids);
  g_hash_table_unref (self->invalid);
  g_free (self->schedule_id);
  g_free (self->wanted_schedule_id);

  G_OBJECT_CLASS (fd_fee_schedule_editor_parent_class)->finalize (object);
}

static void
fd_fee_schedule_editor_class_init (FdFeeScheduleEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fd_fee_schedule_editor_dispose;
  object_class->finalize = fd_fee_schedule_editor_finalize;
  widget_class->map = fd_fee_schedule_editor_map;
  widget_class->unmap = fd_fee_schedule_editor_unmap;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (
    widget_class, "/org/frontdesk/Frontdesk/fd-fee-schedule-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, FdFeeScheduleEditor, schedule_dropdown);
  gtk_widget_class_bind_template_child (widget_class, FdFeeScheduleEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, FdFeeScheduleEditor, state_label);
  gtk_widget_class_bind_template_child (widget_class, FdFeeScheduleEditor, list);
  gtk_widget_class_bind_template_callback (widget_class, schedule_selected_cb);

  gtk_widget_class_install_action (widget_class, "fees.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "fees.revert", NULL, revert_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "fees.save",
                                       NULL);
}

static void
fd_fee_schedule_editor_init (FdFeeScheduleEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* libadwaita 1.2 gives the split button's arrow a tooltip but no accessible name. */
  gtk_accessible_update_property (
    GTK_ACCESSIBLE (gtk_widget_get_last_child (GTK_WIDGET (self->save_button))),
    GTK_ACCESSIBLE_PROPERTY_LABEL, _("Save Lock Panel"), -1);
  self->cancellable = g_cancellable_new ();
  self->schedule_ids = g_ptr_array_new_with_free_func (g_free);
  self->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->fee_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->invalid = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/**
 * fd_fee_schedule_editor_new:
 *
 * Shows the first fee schedule; the schedules and fees follow the cache.
 */
GtkWidget *
fd_fee_schedule_editor_new (FdDatabase *database)
{
  FdFeeScheduleEditor *self;
  const char *watched[] = { "fees", "procedure_codes", "fee_schedules" };
  GListModel *schedules;

  g_return_val_if_fail (FD_IS_DATABASE (database), NULL);
  g_return_val_if_fail (fd_database_get_session (database) != NULL, NULL);

  self = g_object_new (FD_TYPE_FEE_SCHEDULE_EDITOR, NULL);
  self->database = g_object_ref (database);
  self->lock = fd_save_lock_new (fd_database_get_session (database));
  g_signal_connect_object (self->lock, "changed", G_CALLBACK (update_state), self,
                           G_CONNECT_SWAPPED);
  adw_split_button_set_popover (self->save_button,
                                GTK_POPOVER (fd_save_lock_panel_new (self->lock)));

  for (guint i = 0; i < G_N_ELEMENTS (watched); i++)
    g_signal_connect_object (fd_cache_get_table (get_cache (self), watched[i]), "items-changed",
                             G_CALLBACK (cache_changed_cb), self, G_CONNECT_SWAPPED);

  schedules = fd_cache_get_table (get_cache (self), "fee_schedules");
  if (g_list_model_get_n_items (schedules) > 0)
    {
      g_autoptr(FdCacheRow) first = g_list_model_get_item (schedules, 0);

      show_schedule (self, fd_cache_row_get_id (first));
    }
  fill_schedules (self);
  return GTK_WIDGET (self);
}

FdSaveLock *
fd_fee_schedule_editor_get_lock (FdFeeScheduleEditor *self)
{
  g_return_val_if_fail (FD_IS_FEE_SCHEDULE_EDITOR (self), NULL);

  return self->lock;
}

gboolean
fd_fee_schedule_editor_get_dirty (FdFeeScheduleEditor *self)
{
  GHashTableIter iter;
  gpointer row;

  g_return_val_if_fail (FD_IS_FEE_SCHEDULE_EDITOR (self), FALSE);

  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, NULL, &row))
    {
      if (fd_setup_entry_row_get_edited (row))
        return TRUE;
    }
  return FALSE;
}

/* Shows @schedule_id, as picking it in the list would. */
void
fd_fee_schedule_editor_set_schedule (FdFeeScheduleEditor *self,
                                     const char          *schedule_id)
{
  g_return_if_fail (FD_IS_FEE_SCHEDULE_EDITOR (self));

  for (guint i = 0; i < self->schedule_ids->len; i++)
    {
      if (g_str_equal (g_ptr_array_index (self->schedule_ids, i), schedule_id))
        {
          gtk_drop_down_set_selected (self->schedule_dropdown, i);
          return;
        }
    }
  g_critical ("No fee schedule %s", schedule_id);
}

/* Types @amount as the fee of procedure code @code (such as "D0120"), as a person would. */
void
fd_fee_schedule_editor_set_fee (FdFeeScheduleEditor *self,
                                const char          *code,
                                const char          *amount)
{
  const char *code_id;
  GtkWidget *row;

  g_return_if_fail (FD_IS_FEE_SCHEDULE_EDITOR (self));

  code_id = g_hash_table_lookup (self->codes, code);
  row = code_id != NULL ? g_hash_table_lookup (self->rows, code_id) : NULL;
  if (row == NULL)
    {
      g_critical ("No procedure code %s", code);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (row), amount);
}
