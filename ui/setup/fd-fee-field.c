/* fd-fee-field.c: the fee column of the Procedure Codes editor.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The field enters "fees:<schedule>", the context of the fee schedule editor, while it is
 * on screen: whoever holds that lock may change a schedule's fees in either form, and
 * nobody else in any. Picking another schedule changes the context. The fee follows the
 * database as the grid does (FdSetupEntryRow): saved elsewhere, it shows in place with who
 * saved it, or is marked with Use Theirs / Keep Mine where a fee is typed.
 */
#include <glib/gi18n.h>

#include "fd-cache-row.h"
#include "fd-choices.h"
#include "fd-fee-field.h"
#include "fd-fees.h"
#include "fd-record.h"
#include "fd-save-lock-panel.h"
#include "fd-setup-entry-row.h"

struct _FdFeeField
{
  AdwPreferencesGroup  parent_instance;

  /* Template widgets */
  AdwComboRow         *schedule_row;
  GtkMenuButton       *lock_button;

  /* Borrowed: a row of the group */
  FdSetupEntryRow     *amount_row;

  /* Owned */
  FdDatabase          *database;
  FdSaveLock          *lock;
  GPtrArray           *schedule_ids;
  char                *code_id;
  char                *fee_id;       /* the fee's row in the schedule shown, as signals name it */
  char                *problem;

  gboolean             filling;
};

G_DEFINE_FINAL_TYPE (FdFeeField, fd_fee_field, ADW_TYPE_PREFERENCES_GROUP)

static const char *
get_schedule (FdFeeField *self)
{
  const char *id = fd_choices_get_id (self->schedule_row, self->schedule_ids);

  return id[0] != '\0' ? id : NULL;
}

static char *
dup_amount (FdFeeField *self)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->amount_row))));
}

static void
update_state (FdFeeField *self)
{
  gboolean held = fd_save_lock_get_held (self->lock);
  g_autofree char *state = NULL;

  /* Read-only rather than insensitive: a mark's Use Theirs and Keep Mine stay at hand. */
  gtk_editable_set_editable (GTK_EDITABLE (self->amount_row), held);
  if (self->problem != NULL)
    state = g_strdup (self->problem);
  else if (!held)
    state = fd_save_lock_dup_state_text (self->lock);
  else
    state = g_strdup (_("Saved with the code. The Fees section shows every code’s fee."));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self), state);
}

/* The fee stored in the schedule shown (NULL for none), and its row. */
static const char *
find_stored (FdFeeField *self)
{
  GListModel *fees = fd_cache_get_table (fd_database_get_cache (self->database), "fees");
  const char *schedule = get_schedule (self);

  for (guint i = 0; schedule != NULL && i < g_list_model_get_n_items (fees); i++)
    {
      g_autoptr(FdCacheRow) fee = g_list_model_get_item (fees, i);

      if (g_strcmp0 (fd_cache_row_get (fee, "fee_schedule_id"), schedule) == 0 &&
          g_strcmp0 (fd_cache_row_get (fee, "procedure_code_id"), self->code_id) == 0)
        {
          g_free (self->fee_id);
          self->fee_id = g_strdup (fd_cache_row_get_id (fee));
          return fd_cache_row_get (fee, "amount");
        }
    }
  return NULL;
}

/* The stored fee of the schedule shown, into the field and as the value to compare with. */
static void
show_fee (FdFeeField *self)
{
  g_clear_pointer (&self->fee_id, g_free);
  self->filling = TRUE;
  fd_setup_entry_row_set_value (self->amount_row, find_stored (self));
  self->filling = FALSE;
  g_clear_pointer (&self->problem, g_free);
  gtk_widget_remove_css_class (GTK_WIDGET (self->amount_row), "error");
}

/* The fees changed in the cache: this one may be among them. */
static void
fees_changed_cb (FdFeeField *self)
{
  const char *stored = find_stored (self);
  g_autoptr(FdFieldChange) change = NULL;

  if (get_schedule (self) == NULL ||
      g_strcmp0 (stored, fd_setup_entry_row_get_loaded (self->amount_row)) == 0)
    return;
  change = fd_database_dup_cached_change (self->database, "fees", self->fee_id, self->code_id,
                                          stored);
  self->filling = TRUE;
  fd_setup_entry_row_follow (self->amount_row, stored, change);
  self->filling = FALSE;
}

static void
enter_context (FdFeeField *self)
{
  const char *schedule = get_schedule (self);
  g_autofree char *context = NULL;
  g_autofree char *description = NULL;

  if (schedule != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)))
    fd_fees_name_context (fd_database_get_cache (self->database), schedule, &context,
                          &description);
  fd_save_lock_set_context (self->lock, context, description);
  update_state (self);
}

static void
schedule_selected_cb (FdFeeField *self)
{
  if (self->filling)
    return;
  show_fee (self);
  enter_context (self);
}

static void
amount_changed_cb (FdFeeField *self)
{
  g_autofree char *text = dup_amount (self);

  if (self->filling)
    return;
  g_free (self->problem);
  self->problem = fd_fees_check_amount (text);
  if (self->problem != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->amount_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->amount_row), "error");
  update_state (self);
}

/* Saving ----------------------------------------------------------------------------------- */

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  GTask *task = user_data;
  GError *error = NULL;

  if (fd_fees_save_finish (result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
  g_object_unref (task);
}

/**
 * fd_fee_field_save_async:
 *
 * Saves the fee typed, if it changed; the server refuses it without the schedule's lock.
 */
void
fd_fee_field_save_async (FdFeeField          *self,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autofree char *amount = NULL;
  const char *code_ids[1];
  const char *originals[1];
  const char *amounts[1];
  GTask *task;

  g_return_if_fail (FD_IS_FEE_FIELD (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, fd_fee_field_save_async);
  if (self->problem != NULL)
    {
      g_task_return_new_error (task, FD_RECORD_ERROR, FD_RECORD_ERROR_INVALID_TEXT, "%s",
                               self->problem);
      g_object_unref (task);
      return;
    }
  if (!fd_fee_field_get_changed (self))
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }

  amount = dup_amount (self);
  code_ids[0] = self->code_id;
  originals[0] = fd_setup_entry_row_get_loaded (self->amount_row) != NULL
                 ? fd_setup_entry_row_get_loaded (self->amount_row) : "";
  amounts[0] = amount;
  fd_fees_save_async (fd_database_get_connection (self->database), get_schedule (self), 1,
                      code_ids, originals, amounts, cancellable, saved_cb, task);
}

gboolean
fd_fee_field_save_finish (FdFeeField    *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* GObject ---------------------------------------------------------------------------------- */

static void
fd_fee_field_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (fd_fee_field_parent_class)->map (widget);
  enter_context (FD_FEE_FIELD (widget));
}

static void
fd_fee_field_unmap (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (fd_fee_field_parent_class)->unmap (widget);
  enter_context (FD_FEE_FIELD (widget));
}

static void
fd_fee_field_dispose (GObject *object)
{
  FdFeeField *self = FD_FEE_FIELD (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), FD_TYPE_FEE_FIELD);
  if (self->lock != NULL)
    fd_save_lock_set_context (self->lock, NULL, NULL);
  g_clear_object (&self->lock);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (fd_fee_field_parent_class)->dispose (object);
}

static void
fd_fee_field_finalize (GObject *object)
{
  FdFeeField *self = FD_FEE_FIELD (object);

  g_ptr_array_unref (self->schedule_ids);
  g_free (self->code_id);
  g_free (self->fee_id);
  g_free (self->problem);

  G_OBJECT_CLASS (fd_fee_field_parent_class)->finalize (object);
}

static void
fd_fee_field_class_init (FdFeeFieldClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fd_fee_field_dispose;
  object_class->finalize = fd_fee_field_finalize;
  widget_class->map = fd_fee_field_map;
  widget_class->unmap = fd_fee_field_unmap;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/frontdesk/Frontdesk/fd-fee-field.ui");
  gtk_widget_class_bind_template_child (widget_class, FdFeeField, schedule_row);
  gtk_widget_class_bind_template_child (widget_class, FdFeeField, lock_button);
  gtk_widget_class_bind_template_callback (widget_class, schedule_selected_cb);
}

static void
fd_fee_field_init (FdFeeField *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->schedule_ids = g_ptr_array_new_with_free_func (g_free);
}

/**
 * fd_fee_field_new:
 *
 * The fee of procedure code @code_id, in the first fee schedule until another is picked.
 */
GtkWidget *
fd_fee_field_new (FdDatabase *database,
                  const char *code_id)
{
  FdFeeField *self;

  g_return_val_if_fail (FD_IS_DATABASE (database), NULL);
  g_return_val_if_fail (fd_database_get_session (database) != NULL, NULL);

  self = g_object_new (FD_TYPE_FEE_FIELD, NULL);
  self->database = g_object_ref (database);
  self->code_id = g_strdup (code_id);
  self->amount_row = FD_SETUP_ENTRY_ROW (
    fd_setup_entry_row_new (code_id, _("Fee in this schedule (empty for none)"), NULL));
  g_signal_connect_object (self->amount_row, "changed", G_CALLBACK (amount_changed_cb), self,
                           G_CONNECT_SWAPPED);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->amount_row));
  g_signal_connect_object (fd_cache_get_table (fd_database_get_cache (database), "fees"),
                           "items-changed", G_CALLBACK (fees_changed_cb), self,
                           G_CONNECT_SWAPPED);
  self->lock = fd_save_lock_new (fd_database_get_session (database));
  g_signal_connect_object (self->lock, "changed", G_CALLBACK (update_state), self,
                           G_CONNECT_SWAPPED);

  gtk_menu_button_set_popover (self->lock_button, fd_save_lock_panel_new (self->lock));

  self->filling = TRUE;
  fd_choices_fill (self->schedule_row, self->schedule_ids,
                   fd_cache_get_table (fd_database_get_cache (database), "fee_schedules"),
                   NULL, FALSE, NULL);
  self->filling = FALSE;
  show_fee (self);
  update_state (self);
  return GTK_WIDGET (self);
}

FdSaveLock *
fd_fee_field_get_lock (FdFeeField *self)
{
  g_return_val_if_fail (FD_IS_FEE_FIELD (self), NULL);

  return self->lock;
}

/* Whether a fee different from the stored one was typed. */
gboolean
fd_fee_field_get_changed (FdFeeField *self)
{
  g_return_val_if_fail (FD_IS_FEE_FIELD (self), FALSE);

  return get_schedule (self) != NULL && fd_setup_entry_row_get_edited (self->amount_row);
}
