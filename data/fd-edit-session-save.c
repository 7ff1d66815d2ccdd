/* fd-edit-session-save.c: saving an edit session: the record's changed columns (rereading
 * it under lock; displaced, this takes the lock back), then the family's account.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "fd-db-error.h"
#include "fd-edit-session-private.h"

typedef struct
{
  FdSaveOutcome  outcome;
  gboolean       in_account;
  GPtrArray     *conflicts;
} SaveResult;

static void
save_result_free (SaveResult *save)
{
  g_clear_pointer (&save->conflicts, g_ptr_array_unref);
  g_free (save);
}

static void
save_done (GTask         *task,
           FdSaveOutcome  outcome,
           GError        *error)
{
  FdEditSession *self = g_task_get_source_object (task);
  SaveResult *save = g_task_get_task_data (task);

  save->outcome = outcome;
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      self->saving = FALSE;
      _fd_edit_session_update_state (self);
      /* Someone else saved meanwhile: what they wrote is read now the save is settled. */
      if (self->reload_after_save)
        {
          self->reload_after_save = FALSE;
          _fd_edit_session_reload (self);
        }
    }
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static void
account_saved_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;
  FdEditSession *self = g_task_get_source_object (task);
  SaveResult *save = g_task_get_task_data (task);
  GError *error = NULL;
  FdSaveOutcome outcome;

  save->in_account = TRUE;
  outcome = fd_account_save_finish (FD_ACCOUNT (object), result, &save->conflicts, &error);
  /* Moved to another family: its account, and its lock, from now on. */
  if (outcome == FD_SAVE_SAVED && self->record != NULL)
    fd_account_follow (self->account, self->record);
  save_done (task, outcome, error);
}

static void
record_saved_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GTask *task = user_data;
  FdEditSession *self = g_task_get_source_object (task);
  SaveResult *save = g_task_get_task_data (task);
  GError *error = NULL;
  FdSaveOutcome outcome;

  outcome = fd_record_save_finish (FD_RECORD (object), result, &save->conflicts, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      save_done (task, outcome, error);
      return;
    }

  if (outcome == FD_SAVE_REFUSED &&
      g_error_matches (error, FD_DB_ERROR, FD_DB_ERROR_LOCK_REVOKED))
    self->phase = PHASE_LOCK_LOST;
  if (outcome != FD_SAVE_SAVED)
    {
      save_done (task, outcome, error);
      return;
    }

  /* Saving took the lock back, and its edit time starts again. */
  self->phase = PHASE_EDITING;
  fd_lock_manager_note_saved (_fd_edit_session_get_locks (self), self->table, self->id,
                              self->cancellable);
  if (self->account != NULL)
    {
      fd_account_save_async (self->account, self->cancellable, account_saved_cb, task);
      return;
    }
  save_done (task, outcome, NULL);
}

/* Drops the edits of the record and of the family's account. */
void
fd_edit_session_revert (FdEditSession *self)
{
  g_return_if_fail (FD_IS_EDIT_SESSION (self));

  if (self->record != NULL)
    fd_record_revert (self->record);
  if (self->account != NULL)
    fd_account_revert (self->account);
}

/**
 * fd_edit_session_save_async:
 *
 * Saves the record's changed columns (rereading it under lock; displaced, this takes the
 * lock back), then the family's account under its save lock.
 */
void
fd_edit_session_save_async (FdEditSession       *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (FD_IS_EDIT_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, fd_edit_session_save_async);
  g_task_set_task_data (task, g_new0 (SaveResult, 1), (GDestroyNotify) save_result_free);

  if (self->saving)
    {
      /* One save at a time: a second one would compare against values the first writes. */
      g_task_return_new_error (task, FD_EDIT_SESSION_ERROR, FD_EDIT_SESSION_ERROR_BUSY, "%s",
                               _("The last save is still on its way."));
      g_object_unref (task);
      return;
    }
  if (self->state != FD_EDIT_STATE_EDITING && self->state != FD_EDIT_STATE_DISPLACED)
    {
      g_task_return_new_error (task, FD_EDIT_SESSION_ERROR, FD_EDIT_SESSION_ERROR_NOT_EDITABLE,
                               "%s", _("This record cannot be saved now."));
      g_object_unref (task);
      return;
    }

  self->saving = TRUE;
  _fd_edit_session_update_state (self);
  if (fd_record_is_dirty (self->record))
    fd_record_save_async (self->record, fd_database_get_connection (self->database),
                          self->cancellable, record_saved_cb, task);
  else if (self->account != NULL)
    fd_account_save_async (self->account, self->cancellable, account_saved_cb, task);
  else
    save_done (task, FD_SAVE_SAVED, NULL);
}

/**
 * fd_edit_session_save_finish:
 * @conflicts: (out) (optional) (transfer full): on %FD_SAVE_CONFLICT, what someone else
 *   saved meanwhile
 * @in_account: (out) (optional): whether the outcome is the family account's (the record
 *   itself was saved)
 *
 * Returns: the outcome; @error says why, except for %FD_SAVE_SAVED and %FD_SAVE_CONFLICT
 */
FdSaveOutcome
fd_edit_session_save_finish (FdEditSession  *self,
                             GAsyncResult   *result,
                             GPtrArray     **conflicts,
                             gboolean       *in_account,
                             GError        **error)
{
  SaveResult *save;

  g_return_val_if_fail (g_task_is_valid (result, self), FD_SAVE_FAILED);

  save = g_task_get_task_data (G_TASK (result));
  if (in_account != NULL)
    *in_account = save->in_account;
  if (conflicts != NULL)
    *conflicts = g_steal_pointer (&save->conflicts);
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return save->outcome == FD_SAVE_SAVED ? FD_SAVE_FAILED : save->outcome;
  return save->outcome;
}
