/* fd-lock-manager-actions.c: acquiring a record lock, overriding, breaking and releasing one.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "fd-lock-manager-private.h"
#include "fd-pg-util.h"
#include "fd-pg.h"
#include "fd-query.h"

/* Acquire and override ----------------------------------------------------------------- */

static void
lock_request_free (LockRequest *request)
{
  g_free (request->kind);
  g_free (request->id);
  g_free (request);
}

/* A task about the lock on @kind @id, which it keeps as its LockRequest. */
GTask *
_fd_lock_manager_new_lock_task (FdLockManager       *self,
                                const char          *kind,
                                const char          *id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data,
                                gpointer             source_tag)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  LockRequest *request = g_new0 (LockRequest, 1);

  request->kind = g_strdup (kind);
  request->id = g_strdup (id);
  g_task_set_task_data (task, request, (GDestroyNotify) lock_request_free);
  g_task_set_source_tag (task, source_tag);
  return task;
}

static void
acquired_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FdLockManager *self = g_task_get_source_object (task);
  LockRequest *request = g_task_get_task_data (task);
  g_autoptr(PGresult) pg_result = NULL;
  FdLockHolder *holder;
  GError *error = NULL;

  pg_result = fd_connection_query_finish (FD_CONNECTION (object), result, &error);
  if (pg_result == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (g_str_equal (PQgetvalue (pg_result, 0, 0), "acquired"))
    {
      _fd_lock_manager_remember_lock (self, request->kind, request->id,
                                      fd_pg_get_nullable (pg_result, 0, 5));
      g_task_return_pointer (task, NULL, NULL);
      return;
    }

  holder = fd_lock_holder_new_from_result (pg_result, 0, 1);
  holder->holds_lock = TRUE;
  g_task_return_pointer (task, holder, (GDestroyNotify) fd_lock_holder_free);
}

/**
 * fd_lock_manager_acquire_async:
 *
 * Takes the lock on @kind @id if it is free (or its holder is dead, or it expired), in
 * one round trip; otherwise tells who holds it.
 */
void
fd_lock_manager_acquire_async (FdLockManager       *self,
                               const char          *kind,
                               const char          *id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task;
  const char *params[] = { kind, id };

  g_return_if_fail (FD_IS_LOCK_MANAGER (self));
  g_return_if_fail (kind != NULL && id != NULL);

  task = _fd_lock_manager_new_lock_task (self, kind, id, cancellable, callback, user_data,
                                         fd_lock_manager_acquire_async);
  fd_connection_query_async (self->connection,
                             "SELECT outcome, holder_session, holder_name, holder_workstation, "
                             "extract(epoch FROM held_since), "
                             "extract(epoch FROM expires_at - now()) "
                             "FROM frontdesk.lock_acquire($1, $2)",
                             2, params, cancellable, acquired_cb, task);
}

/**
 * fd_lock_manager_acquire_finish:
 * @holder: (out) (transfer full) (nullable): who holds the record, when this session did
 *   not get the lock; %NULL when it did
 *
 * Returns: %FALSE only when the server could not be asked
 */
gboolean
fd_lock_manager_acquire_finish (FdLockManager  *self,
                                GAsyncResult   *result,
                                FdLockHolder  **holder,
                                GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  FdLockHolder *found;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  found = g_task_propagate_pointer (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (holder != NULL)
    *holder = found;
  else
    fd_lock_holder_free (found);
  return TRUE;
}

static void
overridden_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FdLockManager *self = g_task_get_source_object (task);
  LockRequest *request = g_task_get_task_data (task);
  g_autoptr(PGresult) pg_result = NULL;
  GError *error = NULL;

  pg_result = fd_connection_query_finish (FD_CONNECTION (object), result, &error);
  if (pg_result == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  _fd_lock_manager_remember_lock (self, request->kind, request->id,
                                  fd_pg_get_nullable (pg_result, 0, 0));
  g_task_return_boolean (task, TRUE);
}

/**
 * fd_lock_manager_override_async:
 * @expected_holder: the session the person was warned about (FdLockHolder.session_id)
 *
 * Takes the lock from its live holder, after the person confirmed twice. The server
 * records it in the audit log and tells the holder at once. If the record changed hands
 * since the warning, nothing happens and the error says who has it now.
 */
void
fd_lock_manager_override_async (FdLockManager       *self,
                                const char          *kind,
                                const char          *id,
                                gint64               expected_holder,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GTask *task;
  g_autofree char *holder = g_strdup_printf ("%" G_GINT64_FORMAT, expected_holder);
  const char *params[] = { kind, id, holder };

  g_return_if_fail (FD_IS_LOCK_MANAGER (self));
  g_return_if_fail (kind != NULL && id != NULL);

  task = _fd_lock_manager_new_lock_task (self, kind, id, cancellable, callback, user_data,
                                         fd_lock_manager_override_async);
  fd_connection_query_async (self->connection,
                             "SELECT extract(epoch FROM frontdesk.lock_override($1, $2, "
                             "$3::bigint) - now())",
                             3, params, cancellable, overridden_cb, task);
}

gboolean
fd_lock_manager_override_finish (FdLockManager  *self,
                                 GAsyncResult   *result,
                                 GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * fd_lock_manager_break_async:
 *
 * Releases whoever holds @kind @id; administrators only (the server refuses anyone else).
 * The holder can no longer save and is told.
 */
void
fd_lock_manager_break_async (FdLockManager       *self,
                             const char          *kind,
                             const char          *id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  const char *params[] = { kind, id };

  g_return_if_fail (FD_IS_LOCK_MANAGER (self));

  fd_query_async (self, fd_lock_manager_break_async, self->connection,
                  "SELECT frontdesk.lock_break($1, $2)", 2, params, cancellable, callback,
                  user_data);
}

/**
 * fd_lock_manager_break_finish:
 *
 * Returns: %TRUE if there was a lock to break
 */
gboolean
fd_lock_manager_break_finish (FdLockManager  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  gboolean broken = FALSE;

  return fd_query_finish_flag (self, fd_lock_manager_break_async, result, &broken, error) &&
         broken;
}

void
fd_lock_manager_release (FdLockManager *self,
                         const char    *kind,
                         const char    *id)
{
  g_return_if_fail (FD_IS_LOCK_MANAGER (self));

  fd_lock_manager_release_async (self, kind, id, self->cancellable, _fd_lock_manager_log_failure_cb,
                                 (gpointer) "release");
}

/**
 * fd_lock_manager_release_async:
 *
 * As fd_lock_manager_release(), for a caller that must know the lock is free on the server
 * before it goes on (another desk may act on it at once).
 */
void
fd_lock_manager_release_async (FdLockManager       *self,
                               const char          *kind,
                               const char          *id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  const char *params[] = { kind, id };

  g_return_if_fail (FD_IS_LOCK_MANAGER (self));

  _fd_lock_manager_forget_lock (self, kind, id);
  fd_connection_query_async (self->connection, "SELECT frontdesk.lock_release($1, $2)", 2,
                             params, cancellable, callback, user_data);
}

gboolean
fd_lock_manager_release_finish (FdLockManager  *self,
                                GAsyncResult   *result,
                                GError        **error)
{
  g_autoptr(PGresult) released = NULL;

  g_return_val_if_fail (FD_IS_LOCK_MANAGER (self), FALSE);

  released = fd_connection_query_finish (self->connection, result, error);
  return released != NULL;
}

void
fd_lock_manager_release_all (FdLockManager *self)
{
  g_return_if_fail (FD_IS_LOCK_MANAGER (self));

  _fd_lock_manager_forget_all_locks (self);
  _fd_lock_manager_run_quietly (self, "SELECT frontdesk.lock_release_all()", 0, NULL);
}

typedef struct
{
  FdLockManager *self;
  char          *kind;
  char          *id;
} SavedCheck;

static void
saved_check_free (SavedCheck *check)
{
  g_object_unref (check->self);
  g_free (check->kind);
  g_free (check->id);
  g_free (check);
}

static void
saved_checked_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  SavedCheck *check = user_data;
  g_autoptr(PGresult) pg_result = NULL;
  g_autoptr(GError) error = NULL;

  pg_result = fd_connection_query_finish (FD_CONNECTION (object), result, &error);
  if (pg_result != NULL && g_str_equal (PQgetvalue (pg_result, 0, 0), "held") &&
      check->self->held != NULL)
    _fd_lock_manager_remember_lock (check->self, check->kind, check->id,
                                    fd_pg_get_nullable (pg_result, 0, 1));
  saved_check_free (check);
}

/**
 * fd_lock_manager_note_saved:
 * @cancellable: cancelled when the editor lets the record go
 *
 * A save holds the lock afterwards (it may have taken it back, and its edit time starts
 * again): learn its new expiry. Asks only; takes nothing.
 */
void
fd_lock_manager_note_saved (FdLockManager *self,
                            const char    *kind,
                            const char    *id,
                            GCancellable  *cancellable)
{
  SavedCheck *check;
  const char *params[] = { kind, id };

  g_return_if_fail (FD_IS_LOCK_MANAGER (self));

  check = g_new0 (SavedCheck, 1);
  check->self = g_object_ref (self);
  check->kind = g_strdup (kind);
  check->id = g_strdup (id);
  fd_connection_query_async (self->connection,
                             "SELECT state, extract(epoch FROM expires_at - now()) "
                             "FROM frontdesk.lock_check($1, $2)",
                             2, params, cancellable, saved_checked_cb, check);
}
