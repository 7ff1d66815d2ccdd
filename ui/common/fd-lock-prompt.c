/* fd-lock-prompt.c: the two-stage question before taking a record someone else has open.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * First a warning naming who has the record, where and since when; Cancel is its default,
 * so Enter cancels. Beside it: Open Read-Only and Ask to Release, answered at once. Only
 * Open Anyway leads to the final confirmation, whose destructive action says the override
 * is recorded. Cancel at either stage answers Cancel.
 */
#include <glib/gi18n.h>

#include "fd-format.h"
#include "fd-lock-prompt.h"

static void
answer (GTask        *task,
        FdLockChoice  choice)
{
  g_task_return_int (task, choice);
  g_object_unref (task);
}

static AdwMessageDialog *
new_dialog (GtkWindow  *parent,
            const char *heading,
            const char *body,
            const char *css_class)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, heading, body));

  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  gtk_widget_add_css_class (GTK_WIDGET (dialog), css_class);
  return dialog;
}

/* Until the person presses a key, the focus the dialog gives itself (again when it lays its
 * responses out on top of one another) goes to the default response. */
static void
focus_default_cb (GtkWindow *dialog)
{
  GtkWidget *cancel = gtk_window_get_default_widget (dialog);
  GtkWidget *focus = gtk_window_get_focus (dialog);

  if (focus != NULL && focus != cancel)
    gtk_window_set_focus (dialog, cancel);
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkWindow             *dialog)
{
  g_signal_handlers_disconnect_by_func (dialog, focus_default_cb, NULL);
  return GDK_EVENT_PROPAGATE;
}

static void
keep_focus_on_default (AdwMessageDialog *dialog)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), dialog);
  gtk_widget_add_controller (GTK_WIDGET (dialog), keys);
  g_signal_connect (dialog, "notify::focus-widget", G_CALLBACK (focus_default_cb), NULL);
}

static void
final_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   GTask            *task)
{
  answer (task, g_str_equal (response, "override") ? FD_LOCK_CHOICE_OVERRIDE
                                                    : FD_LOCK_CHOICE_CANCEL);
}

static void
first_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   GTask            *task)
{
  const FdLockHolder *holder = g_task_get_task_data (task);
  g_autofree char *body = NULL;
  AdwMessageDialog *final;

  if (g_str_equal (response, "read-only"))
    {
      answer (task, FD_LOCK_CHOICE_READ_ONLY);
      return;
    }
  if (g_str_equal (response, "ask"))
    {
      answer (task, FD_LOCK_CHOICE_ASK);
      return;
    }
  if (!g_str_equal (response, "open"))
    {
      answer (task, FD_LOCK_CHOICE_CANCEL);
      return;
    }

  body = g_strdup_printf (_("%s at %s will be told at once that you took over, and may lose "
                            "changes they have not saved. The override is recorded in the "
                            "practice’s audit log under your name."),
                          holder->name, holder->workstation);
  final = new_dialog (gtk_window_get_transient_for (GTK_WINDOW (dialog)),
                      _("Take Over This Record?"), body, "final-confirmation");
  adw_message_dialog_add_responses (final, "cancel", _("_Cancel"),
                                    "override", _("_Override and Record It"), NULL);
  adw_message_dialog_set_response_appearance (final, "override", ADW_RESPONSE_DESTRUCTIVE);
  g_signal_connect (final, "response", G_CALLBACK (final_response_cb), task);
  gtk_window_present (GTK_WINDOW (final));
}

/**
 * fd_lock_prompt_async:
 * @holder: who has the record open
 * @heading: the warning's heading, naming what is in use ("Client Record in Use")
 *
 * Asks the two questions; fd_lock_prompt_finish_choice() tells what the person chose,
 * Open Anyway only after it was confirmed.
 */
void
fd_lock_prompt_async (GtkWindow           *parent,
                      const FdLockHolder  *holder,
                      const char          *heading,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autofree char *since = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;
  GTask *task;

  g_return_if_fail (holder != NULL && heading != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, fd_lock_prompt_async);
  g_task_set_task_data (task, fd_lock_holder_copy (holder), (GDestroyNotify) fd_lock_holder_free);

  since = holder->since != NULL ? fd_format_time (holder->since) : g_strdup ("—");
  /* Translators: who, at which workstation, since when; then who again */
  body = g_strdup_printf (_("%s at %s has had this record open since %s. If you open it "
                            "anyway, %s may lose changes they have not saved yet.\n\nUsually "
                            "it is best to wait until they have finished: open it read-only "
                            "meanwhile, or ask them to release it."),
                          holder->name, holder->workstation, since, holder->name);
  dialog = new_dialog (parent, heading, body, "first-warning");
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"),
                                    "read-only", _("Open _Read-Only"),
                                    "ask", _("_Ask to Release"),
                                    "open", _("_Open Anyway"), NULL);
  g_signal_connect (dialog, "response", G_CALLBACK (first_response_cb), task);
  /* Four responses stack, Open Anyway first: the focus starts on Cancel, so that Enter
   * (which activates the focused button) cancels. */
  keep_focus_on_default (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * fd_lock_prompt_finish:
 *
 * Returns: %TRUE if the person confirmed both times; %FALSE if they cancelled (no error),
 *   or if @cancellable was cancelled meanwhile (@error says so)
 */
gboolean
fd_lock_prompt_finish (GAsyncResult  *result,
                       GError       **error)
{
  return fd_lock_prompt_finish_choice (result, error) == FD_LOCK_CHOICE_OVERRIDE;
}

/**
 * fd_lock_prompt_finish_choice:
 *
 * Returns: what the person chose; Cancel also when @cancellable was cancelled meanwhile
 *   (@error says so)
 */
FdLockChoice
fd_lock_prompt_finish_choice (GAsyncResult  *result,
                              GError       **error)
{
  gssize choice;

  g_return_val_if_fail (G_IS_TASK (result), FD_LOCK_CHOICE_CANCEL);

  choice = g_task_propagate_int (G_TASK (result), error);
  return choice < 0 ? FD_LOCK_CHOICE_CANCEL : (FdLockChoice) choice;
}
