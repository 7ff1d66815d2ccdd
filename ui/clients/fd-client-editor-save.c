/* fd-client-editor-save.c: Client Details saving through its edit session, the merge
 * dialog for fields someone else saved meanwhile, Try Again after a busy save, and the
 * popup of a lock lost.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "fd-busy-dialog.h"
#include "fd-format.h"
#include "fd-client-editor-private.h"
#include "fd-merge-dialog.h"

static char *
format_time (GDateTime *when)
{
  return fd_format_moment (when);
}

/* Losing the lock ---------------------------------------------------------------------- */

/* What happened, in what the other person really did, and what it means for what was typed
 * here: nothing is said of changes to someone who had none. */
static char *
dup_displaced_body (FdClientEditor   *self,
                    const FdLockLoss *loss,
                    const char       *name,
                    const char       *at)
{
  g_autofree char *what = NULL;
  g_autofree char *consequence = NULL;

  if (loss->cause == FD_LOCK_LOSS_TAKEN_BACK)
    /* Translators: a person, their workstation, a client's name, a time */
    what = g_strdup_printf (_("%s at %s saved %s’s record at %s, which took it back from you, "
                              "and holds it now."),
                            loss->by_name, loss->by_workstation, name, at);
  else
    /* Translators: a person, their workstation, a client's name, a time */
    what = g_strdup_printf (_("%s at %s opened %s’s record at %s and holds it now."),
                            loss->by_name, loss->by_workstation, name, at);

  if (fd_edit_session_get_dirty (self->session))
    /* Translators: %s is a person */
    consequence = g_strdup_printf (_("Your changes are still here. If you save, you take the "
                                     "record back and %s may lose what they have not saved; if "
                                     "they saved the same fields meanwhile, you will choose "
                                     "which values to keep."), loss->by_name);
  else
    /* Translators: %s is a person */
    consequence = g_strdup_printf (_("You had no unsaved changes. If you change something and "
                                     "save, you take the record back and %s may lose what they "
                                     "have not saved."), loss->by_name);

  return g_strdup_printf ("%s %s", what, consequence);
}


void
fd_client_editor_lock_lost (FdClientEditor *self,
                            FdLockLoss     *loss)
{
  g_autofree char *at = format_time (loss->at);
  g_autofree char *name = fd_client_editor_dup_name (self);
  g_autofree char *state = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  if (fd_lock_loss_is_displacement (loss))
    {
      /* Translators: who, and at what time */
      state = g_strdup_printf (_("%s took over at %s — saving will take it back"),
                               loss->by_name, at);
      fd_client_editor_show_message (self, state, FALSE, FALSE);
      if (loss->cause == FD_LOCK_LOSS_TAKEN_BACK)
        /* Translators: %s is a person */
        heading = g_strdup_printf (_("%s Took This Record Back"), loss->by_name);
      else
        /* Translators: %s is a person */
        heading = g_strdup_printf (_("%s Took Over This Record"), loss->by_name);
      body = dup_displaced_body (self, loss, name, at);
    }
  else if (loss->cause == FD_LOCK_LOSS_BROKEN)
    {
      state = g_strdup_printf (_("%s released your lock at %s — this record can no longer "
                                 "be saved; copy out what you need, then reload"),
                               loss->by_name, at);
      heading = g_strdup (_("An Administrator Released Your Lock"));
      body = g_strdup_printf (_("%s released your lock on %s’s record at %s. You can no "
                                "longer save it. Your changes are still in the form: copy "
                                "out what you need, then reload the record."),
                              loss->by_name, name, at);
      fd_client_editor_show_message (self, state, TRUE, TRUE);
    }
  else
    {
      state = g_strdup_printf (_("Your time to edit ran out at %s — this record can no "
                                 "longer be saved; copy out what you need, then reload"), at);
      heading = g_strdup (_("Your Time to Edit Ran Out"));
      body = g_strdup_printf (_("The practice allows a record to be held for a limited time, "
                                "and yours on %s’s record ran out at %s. You can no longer "
                                "save it. Your changes are still in the form: copy out what "
                                "you need, then reload the record."), name, at);
      fd_client_editor_show_message (self, state, TRUE, TRUE);
    }

  dialog = fd_client_editor_new_dialog (self, heading, body);
  adw_message_dialog_add_response (dialog, "ok", _("_OK"));
  adw_message_dialog_set_default_response (dialog, "ok");
  adw_message_dialog_set_close_response (dialog, "ok");
  gtk_widget_add_css_class (GTK_WIDGET (dialog), "lock-lost-dialog");
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The merge dialog ------------------------------------------------------------------------ */

typedef struct
{
  FdClientEditor *editor;
  GTask          *leave_task;   /* answered with the save the dialog leads to */
} Merge;

static void
merge_free (Merge *merge)
{
  fd_client_editor_finish_leave (g_steal_pointer (&merge->leave_task), FALSE);
  g_clear_object (&merge->editor);
  g_free (merge);
}

static void
merge_response_cb (FdMergeDialog *dialog,
                   const char    *response,
                   Merge         *merge)
{
  FdRecord *record = fd_edit_session_get_record (merge->editor->session);

  /* Cancel: the edits stay in the form. */
  if (!g_str_equal (response, "save") || record == NULL)
    return;

  fd_merge_dialog_apply (dialog, record);
  fd_client_editor_fill_rows (merge->editor);
  fd_client_editor_save (merge->editor, g_steal_pointer (&merge->leave_task));
}

static char *
describe_for_merge (const char *column,
                    const char *value,
                    gpointer    user_data)
{
  return g_strdup (value != NULL ? value : fd_client_editor_describe_column (column));
}

static void
show_merge_dialog (FdClientEditor *self,
                   GPtrArray      *conflicts,
                   GTask          *leave_task)
{
  Merge *merge = g_new0 (Merge, 1);
  FdMergeDialog *dialog;

  merge->editor = g_object_ref (self);
  merge->leave_task = leave_task;

  dialog = fd_merge_dialog_new (fd_client_editor_get_window (self), conflicts,
                                self->session, describe_for_merge, NULL);
  g_signal_connect_data (dialog, "response", G_CALLBACK (merge_response_cb), merge,
                         (GClosureNotify) merge_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Try Again after a busy save ---------------------------------------------------------------- */

/* A save that met someone else's unfinished change, waiting on the person's Try Again: the
 * leave that asked for it (closing, another client) goes on once it is saved. */
typedef struct
{
  FdClientEditor *editor;
  GTask          *leave_task;
} BusySave;

/* The question went away: answered with Try Again (the task moved on with it) or not. */
static void
busy_save_free (BusySave *busy)
{
  fd_client_editor_finish_leave (g_steal_pointer (&busy->leave_task), FALSE);
  g_clear_object (&busy->editor);
  g_free (busy);
}

/* Try Again: the same save, with what is typed now. */
static void
save_again_cb (BusySave *busy)
{
  fd_client_editor_save (busy->editor, g_steal_pointer (&busy->leave_task));
}

/* @leave_task: (nullable) (transfer full) */
static void
offer_save_again (FdClientEditor *self,
                  const GError   *error,
                  GTask          *leave_task)
{
  BusySave *busy = g_new0 (BusySave, 1);

  busy->editor = g_object_ref (self);
  busy->leave_task = leave_task;
  fd_busy_dialog_present_full (GTK_WIDGET (self), error, G_CALLBACK (save_again_cb), busy,
                               (GDestroyNotify) busy_save_free);
}

/* Saving --------------------------------------------------------------------------------- */

/* The family's account was not saved (the client's own fields were). */
static void
account_not_saved (FdClientEditor *self,
                   GPtrArray      *conflicts,
                   const GError   *error,
                   GTask          *leave_task)
{
  g_autofree char *names = NULL;
  g_autofree char *why = NULL;
  g_autofree char *message = NULL;

  if (conflicts != NULL)
    {
      names = fd_account_section_describe_conflicts (conflicts);
      why = g_strdup_printf (_("Someone changed the family’s %s meanwhile. Your choices are "
                               "still shown: save again to keep them."), names);
    }
  /* Translators: %s says why, in the server's words */
  message = g_strdup_printf (_("The account is not saved: %s"), why != NULL ? why
                                                                            : error->message);
  fd_client_editor_show_message (self, message, TRUE, FALSE);
  if (error != NULL && fd_busy_dialog_is_busy (error))
    offer_save_again (self, error, leave_task);
  else
    fd_client_editor_finish_leave (leave_task, FALSE);
}

static void
record_not_saved (FdClientEditor *self,
                  FdSaveOutcome   outcome,
                  const GError   *error,
                  GTask          *leave_task)
{
  g_autofree char *message = NULL;

  if (fd_edit_session_get_state (self->session) == FD_EDIT_STATE_LOCK_LOST)
    fd_client_editor_show_message (self, error->message, TRUE, TRUE);
  else if (outcome == FD_SAVE_REFUSED)
    {
      /* Translators: %s says why, in the server's words */
      message = g_strdup_printf (_("Not saved: %s"), error->message);
      fd_client_editor_show_message (self, message, TRUE, FALSE);
      if (fd_busy_dialog_is_busy (error))
        {
          offer_save_again (self, error, leave_task);
          return;
        }
    }
  else
    {
      message = g_strdup_printf (_("Not saved: %s Your changes are still here."),
                                 error->message);
      fd_client_editor_show_message (self, message, TRUE, FALSE);
    }
  fd_client_editor_finish_leave (leave_task, FALSE);
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  FdClientEditor *self = user_data;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  gboolean in_account = FALSE;
  GTask *leave_task;
  FdSaveOutcome outcome;

  /* Cancelled: the editor let the record go, and may be gone itself (closing answered the
   * leave that waited for this save). */
  outcome = fd_edit_session_save_finish (FD_EDIT_SESSION (object), result, &conflicts,
                                         &in_account, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  leave_task = g_steal_pointer (&self->pending_leave);
  if (outcome == FD_SAVE_SAVED)
    {
      g_autofree char *name = fd_client_editor_dup_name (self);
      g_autofree char *toast = NULL;

      /* Translators: %s is a client's name */
      toast = g_strdup_printf (_("Saved %s"), name);
      gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", toast);
      fd_client_editor_hide_message (self);
      fd_client_editor_fill_rows (self);
      fd_client_editor_show_account (self);
      fd_client_editor_load_procedures (self);
      fd_client_editor_finish_leave (leave_task, TRUE);
    }
  else if (in_account)
    {
      /* The client's own fields are saved; only the account is not. */
      fd_client_editor_fill_rows (self);
      account_not_saved (self, conflicts, error, leave_task);
    }
  else if (outcome == FD_SAVE_CONFLICT)
    show_merge_dialog (self, conflicts, leave_task);
  else
    record_not_saved (self, outcome, error, leave_task);
  fd_client_editor_update_actions (self);
}

/**
 * fd_client_editor_save:
 * @leave_task: (nullable) (transfer full): answered once the save is done with
 */
void
fd_client_editor_save (FdClientEditor *self,
                       GTask          *leave_task)
{
  FdEditState state = fd_edit_session_get_state (self->session);
  gboolean dirty = fd_edit_session_get_dirty (self->session);

  /* One save at a time: a second one would compare against values the first is writing. */
  if (state == FD_EDIT_STATE_SAVING)
    {
      fd_client_editor_finish_leave (leave_task, FALSE);
      return;
    }

  if (!dirty || (state != FD_EDIT_STATE_EDITING && state != FD_EDIT_STATE_DISPLACED))
    {
      fd_client_editor_finish_leave (leave_task, !dirty);
      return;
    }

  if (g_hash_table_size (self->invalid) > 0 ||
      fd_account_section_get_problem (self->account_section) != NULL)
    {
      fd_client_editor_show_message (self, _("Not saved: correct the marked fields first."),
                                     TRUE, FALSE);
      fd_client_editor_finish_leave (leave_task, FALSE);
      return;
    }

  self->pending_leave = leave_task;
  fd_edit_session_save_async (self->session, NULL, saved_cb, self);
}
