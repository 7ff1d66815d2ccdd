/* fd-client-editor-etiquette.c: Client Details around a record someone else holds: open it
 * read-only (it follows their saves) and Edit later, ask them to release it and open for
 * editing by itself when they do; and, holding it, answer such a request and keep the lock
 * when the edit time limit is about to end.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "fd-client-editor-private.h"
#include "fd-release-prompt.h"

static void
toast (FdClientEditor *self,
       const char     *text)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", text);
}

/* The state line of a read-only view: whose record it is, and what is being waited for. */
static void
show_viewing (FdClientEditor     *self,
              const FdLockHolder *holder,
              gboolean            asked)
{
  g_autofree char *text = NULL;

  if (asked)
    /* Translators: who, at which workstation */
    text = g_strdup_printf (_("Read-only until %s at %s releases it (you asked); then it "
                              "opens for editing here."),
                            holder->name, holder->workstation);
  else
    text = g_strdup_printf (_("Read-only: %s at %s has this record open; their saves show "
                              "here."),
                            holder->name, holder->workstation);
  fd_client_editor_show_message (self, text, FALSE, FALSE);
}

/**
 * fd_client_editor_choose_lock:
 *
 * What the person chose in the lock warning, held elsewhere.
 */
void
fd_client_editor_choose_lock (FdClientEditor *self,
                              FdLockChoice    choice)
{
  switch (choice)
    {
    case FD_LOCK_CHOICE_OVERRIDE:
      fd_edit_session_override (self->session);
      break;
    case FD_LOCK_CHOICE_READ_ONLY:
      fd_edit_session_open_read_only (self->session);
      break;
    case FD_LOCK_CHOICE_ASK:
      fd_edit_session_ask_release (self->session);
      break;
    case FD_LOCK_CHOICE_CANCEL:
    default:
      /* Declined: a read-only view stays as it was; else the record stays closed. */
      if (fd_edit_session_get_record (self->session) != NULL)
        fd_edit_session_decline (self->session);
      else
        fd_client_editor_close (self);
      break;
    }
}

/**
 * fd_client_editor_show_view:
 *
 * Viewing or waiting: the state line says whose the record is (unless it tells the answer
 * to a request, or why one failed) and what is waited for.
 */
void
fd_client_editor_show_view (FdClientEditor *self)
{
  const FdLockHolder *holder = fd_edit_session_get_holder (self->session);
  FdEditState state = fd_edit_session_get_state (self->session);

  if (holder == NULL)
    return;
  if (state == FD_EDIT_STATE_WAITING)
    show_viewing (self, holder, TRUE);
  else if (state == FD_EDIT_STATE_VIEWING && self->message.text == NULL)
    show_viewing (self, holder, FALSE);
}

/* The asker's side ------------------------------------------------------------------------ */

static void
release_answered_cb (FdClientEditor   *self,
                     FdReleaseRequest *answer)
{
  g_autofree char *name = fd_client_editor_dup_name (self);
  g_autofree char *text = fd_release_answer_describe (answer, name);

  toast (self, text);
  if (fd_release_answer_keeps (answer))
    fd_client_editor_show_message (self, text, FALSE, FALSE);
  else
    fd_client_editor_hide_message (self);
}

static void
ask_failed_cb (FdClientEditor *self,
               const GError   *error)
{
  fd_client_editor_show_message (self, error->message, TRUE, TRUE);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  FdClientEditor *self = FD_CLIENT_EDITOR (widget);

  fd_client_editor_hide_message (self);
  fd_edit_session_edit (self->session);
}

/* The holder's side ----------------------------------------------------------------------- */

typedef struct
{
  FdClientEditor *self;
  gint64          request_id;
  char           *asker;        /* "Sam Patel at Reception 2" */
} Answer;

static void
answer_free (Answer *answer)
{
  g_object_unref (answer->self);
  g_free (answer->asker);
  g_free (answer);
}

static void
saved_for_release_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  Answer *answer = user_data;
  gboolean saved = g_task_propagate_boolean (G_TASK (result), NULL);

  /* Not saved (refused, or the server out of reach; a conflict is merged first): the asker
   * hears the holder could not save and is still editing, the form shows why, as after
   * any save, and keeps everything typed. */
  if (answer->self->session != NULL && saved)
    fd_edit_session_answer_release (answer->self->session, answer->request_id, TRUE);
  else if (answer->self->session != NULL)
    {
      /* Translators: %s is who asked, and where ("Sam Patel at Reception 2") */
      g_autofree char *told = g_strdup_printf (_("%s was told you could not save and are "
                                                 "still editing."), answer->asker);

      fd_edit_session_answer_unsaved (answer->self->session, answer->request_id);
      toast (answer->self, told);
    }
  if (saved)
    {
      /* Translators: %s is who asked, and where ("Sam Patel at Reception 2") */
      g_autofree char *text = g_strdup_printf (_("Released to %s. It stays open here to read; "
                                                 "Edit asks for it again."),
                                               answer->asker);

      fd_client_editor_show_message (answer->self, text, FALSE, FALSE);
    }
  answer_free (answer);
}

static void
release_prompt_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Answer *answer = user_data;
  FdClientEditor *self = answer->self;
  g_autoptr(GError) error = NULL;
  gboolean release = fd_release_prompt_finish (result, &error);

  if (error != NULL || self->session == NULL)
    {
      /* Withdrawn, or the record let go meanwhile: nothing to answer. */
      answer_free (answer);
      return;
    }
  if (!release)
    {
      fd_edit_session_answer_release (self->session, answer->request_id, FALSE);
      answer_free (answer);
      return;
    }
  fd_client_editor_save (self, g_task_new (NULL, NULL, saved_for_release_cb, answer));
}

/* The session asks about one request at a time, the first to come. */
static void
release_requested_cb (FdClientEditor   *self,
                      FdReleaseRequest *request)
{
  g_autofree char *name = fd_client_editor_dup_name (self);
  Answer *answer = g_new0 (Answer, 1);

  answer->self = g_object_ref (self);
  answer->request_id = request->id;
  /* Translators: who, at which workstation */
  answer->asker = g_strdup_printf (_("%s at %s"), request->name, request->workstation);
  g_cancellable_cancel (self->release_cancellable);
  g_clear_object (&self->release_cancellable);
  self->release_cancellable = g_cancellable_new ();
  fd_release_prompt_async (fd_client_editor_get_window (self), request, name,
                           self->release_cancellable, release_prompt_cb, answer);
}

static void
release_withdrawn_cb (FdClientEditor *self)
{
  g_cancellable_cancel (self->release_cancellable);
}

static void
expiry_prompt_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(FdClientEditor) self = user_data;
  g_autoptr(GError) error = NULL;

  if (fd_expiry_prompt_finish (result, &error) && self->session != NULL)
    fd_edit_session_renew (self->session);
}

static void
expiring_cb (FdClientEditor *self)
{
  g_autofree char *name = fd_client_editor_dup_name (self);

  g_cancellable_cancel (self->expiry_cancellable);
  g_clear_object (&self->expiry_cancellable);
  self->expiry_cancellable = g_cancellable_new ();
  fd_expiry_prompt_async (fd_client_editor_get_window (self), name, self->expiry_cancellable,
                          expiry_prompt_cb, g_object_ref (self));
}

/**
 * fd_client_editor_end_questions:
 *
 * The lock is gone or let go: questions about it no longer stand.
 */
void
fd_client_editor_end_questions (FdClientEditor *self)
{
  g_cancellable_cancel (self->release_cancellable);
  g_cancellable_cancel (self->expiry_cancellable);
}

void
fd_client_editor_connect_etiquette (FdClientEditor *self,
                                    FdEditSession  *session)
{
  g_signal_connect_object (session, "release-answered", G_CALLBACK (release_answered_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "ask-failed", G_CALLBACK (ask_failed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "release-requested", G_CALLBACK (release_requested_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "release-withdrawn", G_CALLBACK (release_withdrawn_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "expiring", G_CALLBACK (expiring_cb), self,
                           G_CONNECT_SWAPPED);
}

void
fd_client_editor_class_add_etiquette_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "editor.edit", NULL, edit_action);
}
