/* fd-appointment-editor-etiquette.c: the appointment editor around an appointment someone
 * else holds: opened read-only (it follows their saves) with Edit, or waiting while they are
 * asked to release it; and, holding it, answering such a request and keeping the lock when
 * the edit time limit is about to end.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "fd-appointment-editor-private.h"
#include "fd-release-prompt.h"

static char *
dup_name (FdAppointmentEditor *self)
{
  /* Translators: %s is a client's name */
  return g_strdup_printf (_("the appointment of %s"),
                          fd_appointment_get_client_name (self->appointment));
}

static void
set_message (FdAppointmentEditor *self,
             const char          *message)
{
  g_free (self->message);
  self->message = g_strdup (message);
  fd_appointment_editor_update_editable (self);
}

/* What the person chose in the lock warning, held elsewhere; %FALSE if the editor goes. */
gboolean
fd_appointment_editor_choose_lock (FdAppointmentEditor *self,
                                   FdLockChoice         choice)
{
  switch (choice)
    {
    case FD_LOCK_CHOICE_OVERRIDE:
      self->overriding = TRUE;
      fd_edit_session_override (self->session);
      return TRUE;
    case FD_LOCK_CHOICE_READ_ONLY:
      fd_edit_session_open_read_only (self->session);
      return TRUE;
    case FD_LOCK_CHOICE_ASK:
      fd_edit_session_ask_release (self->session);
      return TRUE;
    case FD_LOCK_CHOICE_CANCEL:
    default:
      /* A read-only view stays as it was; else the editor, never shown, goes. */
      if (fd_edit_session_get_record (self->session) == NULL)
        return FALSE;
      fd_edit_session_decline (self->session);
      return TRUE;
    }
}

/* Viewing or waiting: the state line says whose it is, unless it tells an answer. */
void
fd_appointment_editor_show_view (FdAppointmentEditor *self)
{
  const FdLockHolder *holder = fd_edit_session_get_holder (self->session);
  FdEditState state = fd_edit_session_get_state (self->session);
  g_autofree char *text = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->edit_button),
                          state == FD_EDIT_STATE_VIEWING || state == FD_EDIT_STATE_WAITING);
  if (holder == NULL)
    return;
  if (state == FD_EDIT_STATE_WAITING)
    /* Translators: who, at which workstation */
    text = g_strdup_printf (_("Read-only until %s at %s releases it (you asked); then it "
                              "opens for editing here."),
                            holder->name, holder->workstation);
  else if (state == FD_EDIT_STATE_VIEWING && self->message == NULL)
    text = g_strdup_printf (_("Read-only: %s at %s has this appointment open; their saves "
                              "show here."),
                            holder->name, holder->workstation);
  if (text != NULL)
    set_message (self, text);
}

/* The asker's side ------------------------------------------------------------------------ */

static void
release_answered_cb (FdAppointmentEditor *self,
                     FdReleaseRequest    *answer)
{
  g_autofree char *name = dup_name (self);
  g_autofree char *text = fd_release_answer_describe (answer, name);

  set_message (self, fd_release_answer_keeps (answer) ? text : NULL);
  if (!fd_release_answer_keeps (answer))
    gtk_widget_activate_action (GTK_WIDGET (gtk_window_get_transient_for (GTK_WINDOW (self))),
                                "win.toast", "s", text);
}

static void
ask_failed_cb (FdAppointmentEditor *self,
               const GError        *error)
{
  GtkWindow *book = gtk_window_get_transient_for (GTK_WINDOW (self));
  GtkWidget *dialog;

  if (gtk_widget_get_visible (GTK_WIDGET (self)))
    {
      set_message (self, error->message);
      return;
    }
  /* Never shown: the sentence comes over the book, and the editor goes. */
  dialog = adw_message_dialog_new (book, _("Cannot Ask to Release"), error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_widget_add_css_class (dialog, "ask-failed");
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  FdAppointmentEditor *self = FD_APPOINTMENT_EDITOR (widget);

  set_message (self, NULL);
  fd_edit_session_edit (self->session);
}

/* The holder's side ----------------------------------------------------------------------- */

static void
release_prompt_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(FdAppointmentEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean release = fd_release_prompt_finish (result, &error);

  if (error != NULL || self->session == NULL)
    return;
  if (release && fd_edit_session_get_dirty (self->session))
    {
      /* Saved the person's own way; the saved editor closes and answers as it goes. */
      self->release_after_save = self->release_request_id;
      gtk_widget_activate (GTK_WIDGET (self->save_button));
      return;
    }
  fd_edit_session_answer_release (self->session, self->release_request_id, release);
}

static void
release_requested_cb (FdAppointmentEditor *self,
                      FdReleaseRequest    *request)
{
  g_autofree char *name = dup_name (self);

  g_cancellable_cancel (self->release_cancellable);
  g_clear_object (&self->release_cancellable);
  self->release_cancellable = g_cancellable_new ();
  self->release_request_id = request->id;
  g_free (self->release_asker);
  /* Translators: who, at which workstation */
  self->release_asker = g_strdup_printf (_("%s at %s"), request->name, request->workstation);
  fd_release_prompt_async (GTK_WINDOW (self), request, name, self->release_cancellable,
                           release_prompt_cb, g_object_ref (self));
}

static void
release_withdrawn_cb (FdAppointmentEditor *self)
{
  g_cancellable_cancel (self->release_cancellable);
}

static void
expiry_prompt_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(FdAppointmentEditor) self = user_data;
  g_autoptr(GError) error = NULL;

  if (fd_expiry_prompt_finish (result, &error) && self->session != NULL)
    fd_edit_session_renew (self->session);
}

static void
expiring_cb (FdAppointmentEditor *self)
{
  g_autofree char *name = dup_name (self);

  g_cancellable_cancel (self->expiry_cancellable);
  g_clear_object (&self->expiry_cancellable);
  self->expiry_cancellable = g_cancellable_new ();
  fd_expiry_prompt_async (GTK_WINDOW (self), name, self->expiry_cancellable, expiry_prompt_cb,
                          g_object_ref (self));
}

/* The lock is gone, let go, or the editor closes: questions about it no longer stand. A
 * Save and Release whose save went through is answered now, before the lock goes. */
void
fd_appointment_editor_end_questions (FdAppointmentEditor *self)
{
  g_cancellable_cancel (self->release_cancellable);
  g_cancellable_cancel (self->expiry_cancellable);
  if (self->release_after_save != 0 && self->may_close && self->session != NULL)
    fd_lock_manager_answer_release_async (fd_database_get_lock_manager (self->database),
                                          self->release_after_save, TRUE, NULL, NULL, NULL);
  self->release_after_save = 0;
}

/* A save failed with @why: a Save and Release waiting for it is answered that the record
 * could not be saved and is still being edited. Returns the state line that says so. */
char *
fd_appointment_editor_save_failed (FdAppointmentEditor *self,
                                   const char          *why)
{
  gint64 request_id = self->release_after_save;

  /* Translators: %s is the server's explanation */
  g_autofree char *message = g_strdup_printf (_("Not saved: %s"), why);

  if (request_id == 0 || self->session == NULL)
    return g_steal_pointer (&message);
  self->release_after_save = 0;
  fd_edit_session_answer_unsaved (self->session, request_id);
  /* Translators: why it was not saved, then who asked, and where */
  return g_strdup_printf (_("%s\n%s was told you could not save and are still editing."),
                          message, self->release_asker);
}

void
fd_appointment_editor_connect_etiquette (FdAppointmentEditor *self)
{
  g_signal_connect_object (self->session, "release-answered", G_CALLBACK (release_answered_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "ask-failed", G_CALLBACK (ask_failed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "release-requested",
                           G_CALLBACK (release_requested_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "release-withdrawn",
                           G_CALLBACK (release_withdrawn_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "expiring", G_CALLBACK (expiring_cb), self,
                           G_CONNECT_SWAPPED);
}

void
fd_appointment_editor_class_add_etiquette_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "editor.edit", NULL, edit_action);
}
