/* fd-release-prompt.c: the holder's questions about a record they hold.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Asked to release it: "Sam Patel at Reception 2 would like to open Aiden Adams", with Save
 * and Release or Keep Editing (the default: Enter keeps the record). When the window is
 * not the focused one, the same words come as a desktop notification, withdrawn once
 * answered. Before the edit time limit ends: Keep Editing (the default) renews the lock;
 * Let It Run Out leaves it. Cancelling @cancellable closes either question (the request
 * was withdrawn, the lock is gone); the answer is then %FALSE with the error.
 */
#include <glib/gi18n.h>

#include "fd-release-prompt.h"

typedef struct
{
  AdwMessageDialog *dialog;        /* (owned by the window list) */
  char             *notification;  /* the desktop notification's id, while it is shown */
  gulong            cancelled_id;
  GCancellable     *cancellable;
} Prompt;

static void
prompt_free (Prompt *prompt)
{
  GApplication *application = g_application_get_default ();

  if (prompt->notification != NULL && application != NULL)
    g_application_withdraw_notification (application, prompt->notification);
  g_free (prompt->notification);
  /* (Not g_cancellable_disconnect(): this may run inside the cancelled handler.) */
  if (prompt->cancelled_id != 0)
    g_signal_handler_disconnect (prompt->cancellable, prompt->cancelled_id);
  g_clear_object (&prompt->cancellable);
  g_free (prompt);
}

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             GTask            *task)
{
  Prompt *prompt = g_task_get_task_data (task);

  prompt->dialog = NULL;
  if (!g_task_return_error_if_cancelled (task))
    g_task_return_boolean (task, g_str_equal (response, "yes"));
  g_object_unref (task);
}

/* The question no longer stands: the dialog goes, answering "no" through its response.
 * (Only a response button closes the dialog by itself; adw_message_dialog_response() does
 * not. Destroyed rather than closed, which would respond a second time; held, as the
 * response may already have let go of the task.) */
static void
cancelled_cb (GCancellable *cancellable,
              GTask        *task)
{
  Prompt *prompt = g_task_get_task_data (task);
  g_autoptr(AdwMessageDialog) dialog = NULL;

  if (prompt->dialog == NULL)
    return;
  dialog = g_object_ref (prompt->dialog);
  adw_message_dialog_response (dialog, "no");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static GTask *
present (GtkWindow    *parent,
         const char   *heading,
         const char   *body,
         const char   *css_class,
         const char   *yes,
         const char   *no,
         gboolean      yes_is_default,
         GCancellable *cancellable,
         GAsyncReadyCallback callback,
         gpointer      user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  Prompt *prompt = g_new0 (Prompt, 1);

  prompt->dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, heading, body));
  gtk_window_set_modal (GTK_WINDOW (prompt->dialog), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (prompt->dialog), css_class);
  adw_message_dialog_add_responses (prompt->dialog, "no", no, "yes", yes, NULL);
  adw_message_dialog_set_default_response (prompt->dialog, yes_is_default ? "yes" : "no");
  adw_message_dialog_set_close_response (prompt->dialog, "no");
  if (yes_is_default)
    adw_message_dialog_set_response_appearance (prompt->dialog, "yes", ADW_RESPONSE_SUGGESTED);
  g_task_set_task_data (task, prompt, (GDestroyNotify) prompt_free);
  g_signal_connect (prompt->dialog, "response", G_CALLBACK (response_cb), g_object_ref (task));
  if (cancellable != NULL)
    {
      prompt->cancellable = g_object_ref (cancellable);
      prompt->cancelled_id = g_signal_connect (cancellable, "cancelled",
                                               G_CALLBACK (cancelled_cb), task);
    }
  gtk_window_present (GTK_WINDOW (prompt->dialog));
  return task;
}

/**
 * fd_release_prompt_async:
 * @request: who asks (FdReleaseRequest.name at .workstation)
 * @record_name: what they would like to open, as the form names it ("Aiden Adams")
 *
 * Asks the holder; the answer is %TRUE for Save and Release.
 */
void
fd_release_prompt_async (GtkWindow              *parent,
                         const FdReleaseRequest *request,
                         const char             *record_name,
                         GCancellable           *cancellable,
                         GAsyncReadyCallback     callback,
                         gpointer                user_data)
{
  GApplication *application = g_application_get_default ();
  g_autofree char *heading = NULL;
  g_autoptr(GTask) task = NULL;
  Prompt *prompt;

  g_return_if_fail (request != NULL && record_name != NULL);

  /* Translators: who, at which workstation, would like to open what */
  heading = g_strdup_printf (_("%s at %s would like to open %s"), request->name,
                             request->workstation, record_name);
  task = present (parent, heading,
                  _("Save and Release saves your changes and lets them edit it; you keep "
                    "it open to read. Keep Editing tells them you are still working on it."),
                  "release-request", _("_Save and Release"), _("_Keep Editing"), FALSE,
                  cancellable, callback, user_data);
  g_task_set_source_tag (task, fd_release_prompt_async);

  if (application != NULL && parent != NULL && !gtk_window_is_active (parent))
    {
      g_autoptr(GNotification) notification = g_notification_new (heading);

      g_notification_set_body (notification, _("Answer in Frontdesk: Save and Release, or "
                                               "Keep Editing."));
      g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_HIGH);
      prompt = g_task_get_task_data (task);
      prompt->notification = g_strdup_printf ("release-request-%" G_GINT64_FORMAT, request->id);
      g_application_send_notification (application, prompt->notification, notification);
    }
}

gboolean
fd_release_prompt_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * fd_expiry_prompt_async:
 * @record_name: the record whose edit time ends, as the form names it
 *
 * A minute before the edit time limit ends; the answer is %TRUE for Keep Editing.
 */
void
fd_expiry_prompt_async (GtkWindow           *parent,
                        const char          *record_name,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autofree char *body = NULL;
  g_autoptr(GTask) task = NULL;

  /* Translators: %s is the record, as the form names it */
  body = g_strdup_printf (_("The practice’s edit time limit lets you keep %s for one more "
                            "minute. Keep Editing gives you the full time again; otherwise "
                            "the record is let go, and what is not saved can only be copied "
                            "out."),
                          record_name);
  task = present (parent, _("Your Edit Time Is Almost Up"), body, "expiry-warning",
                  _("_Keep Editing"), _("_Let It Run Out"), TRUE, cancellable, callback,
                  user_data);
  g_task_set_source_tag (task, fd_expiry_prompt_async);
}

gboolean
fd_expiry_prompt_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * fd_release_answer_keeps:
 * @answer: the holder's answer to this desk's request
 *
 * Returns: %TRUE when the holder still has the record (kept, or could not save), so the
 *   asker's form stays read-only with the answer in view
 */
gboolean
fd_release_answer_keeps (const FdReleaseRequest *answer)
{
  return answer->answer == FD_RELEASE_ANSWER_KEPT || answer->answer == FD_RELEASE_ANSWER_UNSAVED;
}

/**
 * fd_release_answer_describe:
 * @answer: the holder's answer to this desk's request
 *
 * Returns: (transfer full): the sentence the asker reads
 */
char *
fd_release_answer_describe (const FdReleaseRequest *answer,
                            const char             *record_name)
{
  switch (answer->answer)
    {
    case FD_RELEASE_ANSWER_RELEASED:
      /* Translators: who released which record */
      return g_strdup_printf (_("%s released %s: it is open for editing here."), answer->name,
                              record_name);
    case FD_RELEASE_ANSWER_KEPT:
      return g_strdup_printf (_("%s at %s keeps editing %s. It stays open here to read."),
                              answer->name, answer->workstation, record_name);
    case FD_RELEASE_ANSWER_UNSAVED:
      /* Translators: who could not save which record */
      return g_strdup_printf (_("%s at %s could not save %s and is still editing it. It stays "
                                "open here to read."),
                              answer->name, answer->workstation, record_name);
    case FD_RELEASE_ANSWER_GONE:
    case FD_RELEASE_ANSWER_NONE:
    default:
      return g_strdup_printf (_("%s at %s no longer has %s open: it opens for editing here "
                                "unless someone else has it now."),
                              answer->name, answer->workstation, record_name);
    }
}
