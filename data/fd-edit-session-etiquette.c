/* fd-edit-session-etiquette.c: an edit session's courtesies around a lock someone else
 * holds: opening read-only, asking the holder to release it, answering such a request, and
 * renewing the lock before the edit time limit runs out.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   held elsewhere ─open read-only→ viewing ─edit→ loading (the lock free → editing; still
 *   held → held elsewhere, whose decline goes back to viewing)
 *   held elsewhere ─ask release→ waiting ─released, holder gone→ loading → editing
 *                                          └kept→ viewing
 *   editing ─answer release (released)→ viewing
 */
#include "fd-edit-session-private.h"

static gboolean
holds_lock (FdEditSession *self)
{
  return self->phase == PHASE_EDITING || self->phase == PHASE_DISPLACED;
}

/* Read-only ------------------------------------------------------------------------------ */

/**
 * fd_edit_session_open_read_only:
 *
 * Held elsewhere: the record opens without its lock, read-only, and follows the holder's
 * saves (state viewing).
 */
void
fd_edit_session_open_read_only (FdEditSession *self)
{
  g_return_if_fail (FD_IS_EDIT_SESSION (self));
  g_return_if_fail (self->phase == PHASE_HELD_ELSEWHERE);

  if (self->viewed && self->record != NULL)
    {
      _fd_edit_session_set_phase (self, PHASE_VIEWING);
      return;
    }
  _fd_edit_session_set_phase (self, PHASE_LOADING);
  _fd_edit_session_load (self, PHASE_VIEWING);
}

/**
 * fd_edit_session_edit:
 *
 * Viewing or waiting: asks for the lock again. Free, the record is read again under it
 * (editing); still held, the session is held elsewhere, for the same two questions.
 */
void
fd_edit_session_edit (FdEditSession *self)
{
  g_return_if_fail (FD_IS_EDIT_SESSION (self));
  g_return_if_fail (self->phase == PHASE_VIEWING || self->phase == PHASE_WAITING);

  if (self->request_id != 0)
    fd_lock_manager_withdraw_release (_fd_edit_session_get_locks (self), self->request_id);
  self->request_id = 0;
  _fd_edit_session_set_phase (self, PHASE_LOADING);
  fd_lock_manager_acquire_async (_fd_edit_session_get_locks (self), self->table, self->id,
                                 self->cancellable, _fd_edit_session_acquired_cb, self);
}

/* Asking the holder ----------------------------------------------------------------------- */

static void
asked_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  FdEditSession *self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 id;

  id = fd_lock_manager_ask_release_finish (FD_LOCK_MANAGER (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error != NULL)
    {
      if (self->viewed && self->record != NULL)
        _fd_edit_session_set_phase (self, PHASE_VIEWING);
      else
        _fd_edit_session_set_phase (self, PHASE_CLOSED);
      g_signal_emit_by_name (self, "ask-failed", error);
      return;
    }

  self->request_id = id;
  if (self->viewed && self->record != NULL)
    _fd_edit_session_set_phase (self, PHASE_WAITING);
  else
    _fd_edit_session_load (self, PHASE_WAITING);
}

/**
 * fd_edit_session_ask_release:
 *
 * Held elsewhere: asks the holder to release the record, and opens it read-only meanwhile
 * (state waiting). ::release-answered tells the answer; released, the session takes the
 * lock by itself. A holder no longer connected cannot be asked: ::ask-failed says so.
 */
void
fd_edit_session_ask_release (FdEditSession *self)
{
  g_return_if_fail (FD_IS_EDIT_SESSION (self));
  g_return_if_fail (self->phase == PHASE_HELD_ELSEWHERE);

  _fd_edit_session_set_phase (self, PHASE_LOADING);
  fd_lock_manager_ask_release_async (_fd_edit_session_get_locks (self), self->table, self->id,
                                     self->holder->session_id, self->cancellable, asked_cb,
                                     self);
}

static void
release_answered_cb (FdEditSession    *self,
                     FdReleaseRequest *request)
{
  gboolean free_now;

  if (self->request_id == 0 || request->id != self->request_id)
    return;

  self->request_id = 0;
  free_now = request->answer == FD_RELEASE_ANSWER_RELEASED ||
             request->answer == FD_RELEASE_ANSWER_GONE;
  g_signal_emit_by_name (self, "release-answered", request);
  if (self->phase == PHASE_LOADING && self->load_into == PHASE_WAITING)
    {
      /* Answered before the view was read: it is read into viewing, then goes on. */
      self->load_into = PHASE_VIEWING;
      self->edit_when_loaded = free_now;
    }
  else if (self->phase == PHASE_WAITING && free_now)
    fd_edit_session_edit (self);
  else if (self->phase == PHASE_WAITING)
    _fd_edit_session_set_phase (self, PHASE_VIEWING);
}

/* The record was read: a release that came meanwhile takes the lock now. */
void
_fd_edit_session_loaded (FdEditSession *self)
{
  if (!self->edit_when_loaded || self->phase != PHASE_VIEWING)
    return;
  self->edit_when_loaded = FALSE;
  fd_edit_session_edit (self);
}

/* Being asked ------------------------------------------------------------------------------ */

/* One request is asked about at a time, the first that came; the others wait behind it,
 * and the next is asked about once it is answered (kept, or not saved) or withdrawn. A
 * release gives the record to the first: the server answers the others itself. */
static void
ask_next (FdEditSession *self)
{
  g_autoptr(FdReleaseRequest) next = NULL;

  if (self->asked_of_me != 0 || self->asked_after == NULL || self->asked_after->len == 0 ||
      !holds_lock (self))
    return;
  next = g_ptr_array_steal_index (self->asked_after, 0);
  self->asked_of_me = next->id;
  g_signal_emit_by_name (self, "release-requested", next);
}

void
_fd_edit_session_forget_requests (FdEditSession *self)
{
  self->asked_of_me = 0;
  if (self->asked_after != NULL)
    g_ptr_array_set_size (self->asked_after, 0);
}

static void
release_requested_cb (FdEditSession    *self,
                      FdReleaseRequest *request)
{
  if (!_fd_edit_session_is_open_record (self, request->kind, request->record_id) ||
      !holds_lock (self))
    return;
  if (self->asked_after == NULL)
    self->asked_after = g_ptr_array_new_with_free_func ((GDestroyNotify)
                                                        fd_release_request_free);
  g_ptr_array_add (self->asked_after, fd_release_request_copy (request));
  ask_next (self);
}

static void
release_withdrawn_cb (FdEditSession    *self,
                      FdReleaseRequest *request)
{
  if (!_fd_edit_session_is_open_record (self, request->kind, request->record_id))
    return;
  for (guint i = 0; self->asked_after != NULL && i < self->asked_after->len; i++)
    if (((FdReleaseRequest *) g_ptr_array_index (self->asked_after, i))->id == request->id)
      g_ptr_array_remove_index (self->asked_after, i--);
  if (request->id != self->asked_of_me)
    return;
  self->asked_of_me = 0;
  g_signal_emit_by_name (self, "release-withdrawn", request);
  ask_next (self);
}

static void
answered_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(FdEditSession) self = user_data;
  g_autoptr(GError) error = NULL;
  FdReleaseAnswer answer;

  answer = fd_lock_manager_answer_release_finish (FD_LOCK_MANAGER (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (answer == FD_RELEASE_ANSWER_RELEASED)
    _fd_edit_session_forget_requests (self);
  self->asked_of_me = 0;
  ask_next (self);
  if (answer == FD_RELEASE_ANSWER_NONE)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Answering a release request: %s", error->message);
      return;
    }
  if (answer != FD_RELEASE_ANSWER_RELEASED || !holds_lock (self))
    return;

  /* Let go: what is left is a view that follows the new holder's saves. */
  fd_edit_session_revert (self);
  self->viewed = TRUE;
  _fd_edit_session_set_phase (self, PHASE_VIEWING);
}

/**
 * fd_edit_session_answer_release:
 * @request_id: FdReleaseRequest.id of ::release-requested
 * @release: %TRUE to let the record go (save first: what is not saved is dropped), %FALSE
 *   to keep editing
 *
 * The asker is told at once. Released, the session is viewing.
 */
void
fd_edit_session_answer_release (FdEditSession *self,
                                gint64         request_id,
                                gboolean       release)
{
  g_return_if_fail (FD_IS_EDIT_SESSION (self));

  fd_lock_manager_answer_release_async (_fd_edit_session_get_locks (self), request_id, release,
                                        self->cancellable, answered_cb, g_object_ref (self));
}

/**
 * fd_edit_session_answer_unsaved:
 * @request_id: FdReleaseRequest.id of ::release-requested
 *
 * Save and Release was chosen but the save failed: the asker is told at once that the
 * record could not be saved and is still being edited. The session keeps its lock.
 */
void
fd_edit_session_answer_unsaved (FdEditSession *self,
                                gint64         request_id)
{
  g_return_if_fail (FD_IS_EDIT_SESSION (self));

  fd_lock_manager_answer_unsaved_async (_fd_edit_session_get_locks (self), request_id,
                                        self->cancellable, answered_cb, g_object_ref (self));
}

/* The edit time limit --------------------------------------------------------------------- */

static void
lock_expiring_cb (FdEditSession *self,
                  const char    *kind,
                  const char    *id)
{
  if (_fd_edit_session_is_open_record (self, kind, id) && holds_lock (self))
    g_signal_emit_by_name (self, "expiring");
}

static void
renewed_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* Refused, it ran out meanwhile: the loss is told as ::lock-lost. */
  if (!fd_lock_manager_renew_finish (FD_LOCK_MANAGER (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("Renewing a lock: %s", error->message);
}

/**
 * fd_edit_session_renew:
 *
 * Keep Editing, after ::expiring: the lock's edit time starts again on the server, which
 * records it.
 */
void
fd_edit_session_renew (FdEditSession *self)
{
  g_return_if_fail (FD_IS_EDIT_SESSION (self));

  if (!holds_lock (self))
    return;
  fd_lock_manager_renew_async (_fd_edit_session_get_locks (self), self->table, self->id,
                               self->cancellable, renewed_cb, NULL);
}

void
_fd_edit_session_init_etiquette (FdEditSession *self)
{
  g_signal_group_connect_swapped (self->lock_signals, "release-requested",
                                  G_CALLBACK (release_requested_cb), self);
  g_signal_group_connect_swapped (self->lock_signals, "release-withdrawn",
                                  G_CALLBACK (release_withdrawn_cb), self);
  g_signal_group_connect_swapped (self->lock_signals, "release-answered",
                                  G_CALLBACK (release_answered_cb), self);
  g_signal_group_connect_swapped (self->lock_signals, "lock-expiring",
                                  G_CALLBACK (lock_expiring_cb), self);
}

/* Who has it ------------------------------------------------------------------------------ */

/**
 * fd_edit_session_get_holder:
 *
 * Returns: (nullable): who holds the record, while it is held elsewhere, viewed read-only
 *   or waited for
 */
const FdLockHolder *
fd_edit_session_get_holder (FdEditSession *self)
{
  g_return_val_if_fail (FD_IS_EDIT_SESSION (self), NULL);

  return self->state == FD_EDIT_STATE_HELD_ELSEWHERE || self->state == FD_EDIT_STATE_WAITING ||
         self->state == FD_EDIT_STATE_VIEWING
         ? self->holder : NULL;
}

/**
 * fd_edit_session_get_viewers:
 *
 * Returns: (transfer none) (element-type FdLockHolder): the others who have it open
 */
GPtrArray *
fd_edit_session_get_viewers (FdEditSession *self)
{
  g_return_val_if_fail (FD_IS_EDIT_SESSION (self), NULL);

  return self->viewers;
}
