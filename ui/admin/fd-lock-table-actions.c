/* fd-lock-table-actions.c: the lock table's Unlock and Take.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Unlock breaks the selected lock (a record lock's holder sees their editor turn read-only);
 * Take moves it to this session. Both are confirmed first, name the holder the question named
 * (the server refuses if the lock changed hands since), and are written to the audit log by
 * the server.
 */
#include <glib/gi18n.h>

#include "fd-confirm-dialog.h"
#include "fd-lock-row.h"
#include "fd-lock-table-private.h"
#include "fd-model-util.h"

static FdLockRow *
get_selected (FdLockTable *self)
{
  return gtk_single_selection_get_selected_item (self->lock_selection);
}

static gboolean
is_mine (FdLockTable *self,
         FdLockRow   *row)
{
  FdSession *session = fd_database_get_session (self->database);

  return session != NULL && fd_lock_row_get_holder_session (row) == fd_session_get_id (session);
}

/* Unlock for any lock selected; Take for one held by someone else. */
void
_fd_lock_table_update_actions (FdLockTable *self)
{
  FdLockRow *selected = get_selected (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "lock-table.unlock", selected != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "lock-table.take",
                                 selected != NULL && !is_mine (self, selected));
}

static void
acted_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(FdLockTable) self = user_data;
  gpointer tag = g_task_get_source_tag (G_TASK (result));
  FdAdministration *administration = FD_ADMINISTRATION (object);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  gboolean done;
  gboolean was_held = TRUE;

  if (tag == fd_administration_break_lock_async)
    done = fd_administration_break_lock_finish (administration, result, &was_held, &error);
  else if (tag == fd_administration_break_save_lock_async)
    done = fd_administration_break_save_lock_finish (administration, result, &was_held, &error);
  else if (tag == fd_administration_take_lock_async)
    done = fd_administration_take_lock_finish (administration, result, &error);
  else
    done = fd_administration_take_save_lock_finish (administration, result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (!done)
    {
      /* Translators: %s says why, in the server's words */
      message = g_strdup_printf (_("Not done: %s"), error->message);
      _fd_lock_table_show_state (self, message);
    }
  else if (!was_held)
    _fd_lock_table_show_state (self, _("Nobody held that lock any more: it was released meanwhile."));
  self->keep_state = !done || !was_held;
  fd_lock_table_reload (self);
}

/* The question asked: the lock as it was then, holder and all, whatever the table shows by
 * the time it is answered. */
typedef struct
{
  GWeakRef   table;
  FdLockRow *lock;
} Question;

static void
question_free (gpointer data,
               GClosure *closure)
{
  Question *question = data;

  g_weak_ref_clear (&question->table);
  g_clear_object (&question->lock);
  g_free (question);
}

static void
confirm_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     Question         *question)
{
  g_autoptr(FdLockTable) self = g_weak_ref_get (&question->table);
  FdLockRow *lock = question->lock;
  const char *record_kind = fd_lock_row_get_record_kind (lock);
  const char *record_id = fd_lock_row_get_record_id (lock);
  /* The holder the question named: the server refuses if the lock changed hands since. */
  gint64 holder = fd_lock_row_get_holder_session (lock);
  gboolean save = fd_lock_row_is_save_lock (lock);

  if (self == NULL)
    return;
  _fd_lock_table_show_state (self, NULL);
  if (g_str_equal (response, "unlock") && save)
    fd_administration_break_save_lock_async (self->administration, record_id, holder,
                                             self->cancellable, acted_cb, g_object_ref (self));
  else if (g_str_equal (response, "unlock"))
    fd_administration_break_lock_async (self->administration, record_kind, record_id, holder,
                                        self->cancellable, acted_cb, g_object_ref (self));
  else if (g_str_equal (response, "take") && save)
    fd_administration_take_save_lock_async (self->administration, record_id, holder,
                                            self->cancellable, acted_cb, g_object_ref (self));
  else if (g_str_equal (response, "take"))
    fd_administration_take_lock_async (self->administration, record_kind, record_id, holder,
                                       self->cancellable, acted_cb, g_object_ref (self));
}

/* Asks before @action ("unlock" or "take") on the selected lock. */
static void
confirm (FdLockTable *self,
         const char  *action)
{
  FdLockRow *selected = get_selected (self);
  const char *description;
  const char *name;
  const char *workstation;
  gboolean unlock = g_str_equal (action, "unlock");
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;
  Question *question;

  if (selected == NULL)
    return;
  description = fd_lock_row_get_description (selected);
  name = fd_lock_row_get_holder_name (selected);
  workstation = fd_lock_row_get_holder_workstation (selected);

  /* Translators: %s is what is locked, as "Client Maria Berg (No. 12)" */
  heading = g_strdup_printf (unlock ? _("Unlock %s?") : _("Take %s?"), description);
  if (unlock && fd_lock_row_is_save_lock (selected))
    body = g_strdup_printf (_("%s at %s holds it. Unlocked, they can no longer save it until "
                              "they get the lock back; anyone who has it open may acquire it. "
                              "This is written to the audit log."), name, workstation);
  else if (unlock)
    body = g_strdup_printf (_("%s at %s holds it. Unlocked, their form turns read-only: what "
                              "they have not saved stays on their screen to copy out, but "
                              "cannot be saved. This is written to the audit log."),
                            name, workstation);
  else
    body = g_strdup_printf (_("%s at %s holds it. Taken, the lock is this session’s and they "
                              "can no longer save what they have not saved. This is written "
                              "to the audit log."), name, workstation);

  question = g_new0 (Question, 1);
  g_weak_ref_init (&question->table, self);
  question->lock = g_object_new (FD_TYPE_LOCK_ROW, NULL);
  fd_object_copy_properties (G_OBJECT (question->lock), G_OBJECT (selected));

  dialog = fd_confirm_dialog_present (GTK_WIDGET (self), heading, body, _("_Cancel"), action,
                                      unlock ? _("_Unlock") : _("_Take"), "lock-table-confirm");
  g_signal_connect_data (dialog, "response", G_CALLBACK (confirm_response_cb), question,
                         question_free, 0);
}

static void
unlock_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  confirm (FD_LOCK_TABLE (widget), "unlock");
}

static void
take_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  confirm (FD_LOCK_TABLE (widget), "take");
}

void
_fd_lock_table_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "lock-table.unlock", NULL, unlock_action);
  gtk_widget_class_install_action (widget_class, "lock-table.take", NULL, take_action);
}
