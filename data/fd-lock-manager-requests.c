/* fd-lock-manager-requests.c: asking the holder of a record to release it, answering such a
 * request, and renewing a lock before the edit time limit runs out.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The server keeps the requests (frontdesk.release_requests, 0023); a NOTIFY on
 * frontdesk_requests naming this session wakes the manager, which reads what is waiting
 * for it: requests to answer (::release-requested, then ::release-withdrawn when one no
 * longer waits) and the answers to its own (::release-answered). The read is repeated with
 * the loss poll while this session holds a lock or waits for an answer, so a lost
 * notification, or a desk that vanished, is news within seconds.
 */
#include "fd-lock-manager-private.h"
#include "fd-pg-util.h"
#include "fd-pg.h"
#include "fd-query.h"

G_DEFINE_BOXED_TYPE (FdReleaseRequest, fd_release_request, fd_release_request_copy,
                     fd_release_request_free)

FdReleaseRequest *
fd_release_request_copy (const FdReleaseRequest *request)
{
  FdReleaseRequest *copy = g_new0 (FdReleaseRequest, 1);

  *copy = *request;
  copy->kind = g_strdup (request->kind);
  copy->record_id = g_strdup (request->record_id);
  copy->name = g_strdup (request->name);
  copy->workstation = g_strdup (request->workstation);
  copy->asked_at = request->asked_at != NULL ? g_date_time_ref (request->asked_at) : NULL;
  return copy;
}

void
fd_release_request_free (FdReleaseRequest *request)
{
  if (request == NULL)
    return;

  g_free (request->kind);
  g_free (request->record_id);
  g_free (request->name);
  g_free (request->workstation);
  g_clear_pointer (&request->asked_at, g_date_time_unref);
  g_free (request);
}

static gint64 *
dup_id (gint64 id)
{
  return g_memdup2 (&id, sizeof id);
}

static FdReleaseAnswer
parse_answer (const char *answer)
{
  if (answer == NULL)
    return FD_RELEASE_ANSWER_NONE;
  if (g_str_equal (answer, "released"))
    return FD_RELEASE_ANSWER_RELEASED;
  if (g_str_equal (answer, "kept"))
    return FD_RELEASE_ANSWER_KEPT;
  if (g_str_equal (answer, "unsaved"))
    return FD_RELEASE_ANSWER_UNSAVED;
  return FD_RELEASE_ANSWER_GONE;
}

/* Reading what waits for this session ----------------------------------------------------- */

static FdReleaseRequest *
read_request (const PGresult *pg_result,
              int             row)
{
  FdReleaseRequest *request = g_new0 (FdReleaseRequest, 1);

  request->id = g_ascii_strtoll (PQgetvalue (pg_result, row, 0), NULL, 10);
  request->kind = g_strdup (PQgetvalue (pg_result, row, 2));
  request->record_id = g_strdup (PQgetvalue (pg_result, row, 3));
  request->name = g_strdup (PQgetvalue (pg_result, row, 4));
  request->workstation = g_strdup (PQgetvalue (pg_result, row, 5));
  request->asked_at = fd_pg_dup_local_date_time (pg_result, row, 6);
  request->answer = parse_answer (fd_pg_get_nullable (pg_result, row, 7));
  return request;
}

static void
requests_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(FdLockManager) self = user_data;
  g_autoptr(PGresult) pg_result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) waiting = NULL;
  g_autoptr(GPtrArray) withdrawn = NULL;
  GHashTableIter iter;
  gpointer key, value;

  self->fetching_requests = FALSE;
  pg_result = fd_connection_query_finish (FD_CONNECTION (object), result, &error);
  if (pg_result == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Reading release requests: %s", error->message);
      return;
    }

  waiting = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (int row = 0; row < PQntuples (pg_result); row++)
    {
      g_autoptr(FdReleaseRequest) request = read_request (pg_result, row);
      gboolean incoming = g_str_equal (PQgetvalue (pg_result, row, 1), "incoming");

      if (incoming && !g_hash_table_contains (self->announced, &request->id))
        {
          g_hash_table_insert (self->announced, dup_id (request->id),
                               fd_release_request_copy (request));
          g_signal_emit_by_name (self, "release-requested", request);
        }
      if (incoming)
        g_hash_table_add (waiting, g_hash_table_lookup_extended (self->announced, &request->id,
                                                                 &key, NULL) ? key : NULL);
      else if (g_hash_table_remove (self->asked, &request->id))
        g_signal_emit_by_name (self, "release-answered", request);
    }

  /* Told of before, no longer waiting: withdrawn, answered, its asker gone. */
  withdrawn = g_ptr_array_new_with_free_func ((GDestroyNotify) fd_release_request_free);
  g_hash_table_iter_init (&iter, self->announced);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (g_hash_table_contains (waiting, key))
        continue;
      g_ptr_array_add (withdrawn, fd_release_request_copy (value));
      g_hash_table_iter_remove (&iter);
    }
  for (guint i = 0; i < withdrawn->len; i++)
    g_signal_emit_by_name (self, "release-withdrawn", g_ptr_array_index (withdrawn, i));
  _fd_lock_manager_update_sweep (self);

  if (self->fetch_requests_again)
    {
      self->fetch_requests_again = FALSE;
      _fd_lock_manager_fetch_requests (self);
    }
}

void
_fd_lock_manager_fetch_requests (FdLockManager *self)
{
  if (self->fetching_requests)
    {
      self->fetch_requests_again = TRUE;
      return;
    }

  self->fetching_requests = TRUE;
  fd_connection_query_async (self->connection,
                             "SELECT request_id, role, record_kind, record_id, other_name, "
                             "other_workstation, extract(epoch FROM asked_at), answer "
                             "FROM frontdesk.my_release_requests()",
                             0, NULL, self->cancellable, requests_cb, g_object_ref (self));
}

static void
requests_notification_cb (FdLockManager *self,
                          const char    *channel,
                          const char    *payload,
                          int            pid)
{
  g_autofree char *mine = g_strdup_printf ("%" G_GINT64_FORMAT,
                                           fd_session_get_id (self->session));

  if (g_strcmp0 (payload, mine) == 0)
    _fd_lock_manager_fetch_requests (self);
}

void
_fd_lock_manager_init_requests (FdLockManager *self)
{
  g_signal_connect_object (self->connection, "notification::frontdesk_requests",
                           G_CALLBACK (requests_notification_cb), self, G_CONNECT_SWAPPED);
  fd_connection_listen_async (self->connection, "frontdesk_requests", self->cancellable, NULL,
                              NULL);
}

/* Asking ------------------------------------------------------------------------------------ */

static void
asked_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FdLockManager *self = g_task_get_source_object (task);
  g_autoptr(PGresult) pg_result = NULL;
  GError *error = NULL;
  gint64 id;

  pg_result = fd_connection_query_finish (FD_CONNECTION (object), result, &error);
  if (pg_result == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  id = g_ascii_strtoll (PQgetvalue (pg_result, 0, 0), NULL, 10);
  if (self->asked != NULL)
    g_hash_table_add (self->asked, dup_id (id));
  _fd_lock_manager_update_sweep (self);
  g_task_return_int (task, id);
}

/* A desk asked, or asking, that vanished: its requests are answered, and its badges go
 * from every list, within seconds rather than at the next lock change (0029). */
void
_fd_lock_manager_update_sweep (FdLockManager *self)
{
  if (self->sweep != NULL && self->asked != NULL && self->announced != NULL)
    fd_departed_sweep_set_active (self->sweep, g_hash_table_size (self->asked) > 0 ||
                                                 g_hash_table_size (self->announced) > 0);
}

/**
 * fd_lock_manager_ask_release_async:
 * @expected_holder: the session the person was warned about (FdLockHolder.session_id)
 *
 * Asks the holder of @kind @id to release it; the answer comes as ::release-answered. The
 * server refuses at once, with a sentence, when the holder is no longer connected.
 */
void
fd_lock_manager_ask_release_async (FdLockManager       *self,
                                   const char          *kind,
                                   const char          *id,
                                   gint64               expected_holder,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autofree char *holder = g_strdup_printf ("%" G_GINT64_FORMAT, expected_holder);
  const char *params[] = { kind, id, holder };
  GTask *task;

  g_return_if_fail (FD_IS_LOCK_MANAGER (self));
  g_return_if_fail (kind != NULL && id != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, fd_lock_manager_ask_release_async);
  fd_connection_query_async (self->connection,
                             "SELECT frontdesk.release_request($1, $2, $3::bigint)", 3, params,
                             cancellable, asked_cb, task);
}

/**
 * fd_lock_manager_ask_release_finish:
 *
 * Returns: the request's id, or -1 with @error set
 */
gint64
fd_lock_manager_ask_release_finish (FdLockManager  *self,
                                    GAsyncResult   *result,
                                    GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), -1);

  return g_task_propagate_int (G_TASK (result), error);
}

/* The person stopped waiting: the holder's question goes away. */
void
fd_lock_manager_withdraw_release (FdLockManager *self,
                                  gint64         request_id)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, request_id);
  const char *params[] = { id };

  g_return_if_fail (FD_IS_LOCK_MANAGER (self));

  g_hash_table_remove (self->asked, &request_id);
  _fd_lock_manager_update_sweep (self);
  _fd_lock_manager_run_quietly (self, "SELECT frontdesk.release_withdraw($1::bigint)", 1,
                                params);
}

/* Answering --------------------------------------------------------------------------------- */

static void
answered_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FdLockManager *self = g_task_get_source_object (task);
  FdReleaseRequest *request = g_task_get_task_data (task);
  g_autoptr(PGresult) pg_result = NULL;
  GError *error = NULL;
  const char *outcome;

  pg_result = fd_connection_query_finish (FD_CONNECTION (object), result, &error);
  if (pg_result == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  outcome = PQgetvalue (pg_result, 0, 0);
  if (self->announced != NULL)
    g_hash_table_remove (self->announced, &request->id);
  _fd_lock_manager_update_sweep (self);
  if (g_str_equal (outcome, "released") && self->held != NULL)
    _fd_lock_manager_forget_lock (self, request->kind, request->record_id);
  g_task_return_int (task, parse_answer (outcome));
}

/* Sends @sql, the answer to @request_id, whose first parameter is the request's id. */
static void
answer_async (FdLockManager       *self,
              gint64               request_id,
              const char          *sql,
              const char          *release,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, request_id);
  const char *params[] = { id, release };
  FdReleaseRequest *announced;
  FdReleaseRequest *request;
  GTask *task;

  announced = g_hash_table_lookup (self->announced, &request_id);
  request = announced != NULL ? fd_release_request_copy (announced)
                              : g_new0 (FdReleaseRequest, 1);
  request->id = request_id;
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, fd_lock_manager_answer_release_async);
  g_task_set_task_data (task, request, (GDestroyNotify) fd_release_request_free);
  fd_connection_query_async (self->connection, sql, release != NULL ? 2 : 1, params,
                             cancellable, answered_cb, task);
}

/**
 * fd_lock_manager_answer_release_async:
 * @release: %TRUE to let the record go to the asker, %FALSE to keep editing
 *
 * Answers an incoming request (see ::release-requested); the asker is told at once.
 * Released, the lock is the asker's from then on.
 */
void
fd_lock_manager_answer_release_async (FdLockManager       *self,
                                      gint64               request_id,
                                      gboolean             release,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_return_if_fail (FD_IS_LOCK_MANAGER (self));

  answer_async (self, request_id, "SELECT frontdesk.release_answer($1::bigint, $2::boolean)",
                release ? "true" : "false", cancellable, callback, user_data);
}

/**
 * fd_lock_manager_answer_unsaved_async:
 *
 * The holder chose Save and Release but the save failed: the asker hears that they could
 * not save and are still editing; the lock stays. Finish with
 * fd_lock_manager_answer_release_finish().
 */
void
fd_lock_manager_answer_unsaved_async (FdLockManager       *self,
                                      gint64               request_id,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_return_if_fail (FD_IS_LOCK_MANAGER (self));

  answer_async (self, request_id, "SELECT frontdesk.release_answer_unsaved($1::bigint)", NULL,
                cancellable, callback, user_data);
}

/**
 * fd_lock_manager_answer_release_finish:
 *
 * Returns: released or kept as answered, gone when the asker is no longer connected (then
 *   nothing was given up), none with @error set
 */
FdReleaseAnswer
fd_lock_manager_answer_release_finish (FdLockManager  *self,
                                       GAsyncResult   *result,
                                       GError        **error)
{
  gssize answer;

  g_return_val_if_fail (g_task_is_valid (result, self), FD_RELEASE_ANSWER_NONE);

  answer = g_task_propagate_int (G_TASK (result), error);
  return answer < 0 ? FD_RELEASE_ANSWER_NONE : (FdReleaseAnswer) answer;
}

/* Renewing -------------------------------------------------------------------------------- */

static void
renewed_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FdLockManager *self = g_task_get_source_object (task);
  LockRequest *lock = g_task_get_task_data (task);
  g_autoptr(PGresult) pg_result = NULL;
  GError *error = NULL;

  pg_result = fd_connection_query_finish (FD_CONNECTION (object), result, &error);
  if (pg_result == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (self->held != NULL)
    _fd_lock_manager_remember_lock (self, lock->kind, lock->id,
                                    fd_pg_get_nullable (pg_result, 0, 0));
  g_task_return_boolean (task, TRUE);
}

/**
 * fd_lock_manager_renew_async:
 *
 * Starts the edit time of this session's lock on @kind @id again, before it runs out (the
 * holder chose Keep Editing). The server records it; refused once the lock is gone.
 */
void
fd_lock_manager_renew_async (FdLockManager       *self,
                             const char          *kind,
                             const char          *id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  const char *params[] = { kind, id };
  GTask *task;

  g_return_if_fail (FD_IS_LOCK_MANAGER (self));
  g_return_if_fail (kind != NULL && id != NULL);

  task = _fd_lock_manager_new_lock_task (self, kind, id, cancellable, callback, user_data,
                                         fd_lock_manager_renew_async);
  fd_connection_query_async (self->connection,
                             "SELECT extract(epoch FROM frontdesk.lock_renew($1, $2) - now())",
                             2, params, cancellable, renewed_cb, task);
}

gboolean
fd_lock_manager_renew_finish (FdLockManager  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
