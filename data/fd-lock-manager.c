/* fd-lock-manager.c: this session's record locks: acquire, override, release, break, and
 * word of every lock it loses (overridden by a peer, broken by an admin, expired).
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The server keeps the locks and every loss (frontdesk.lock_losses); a NOTIFY on
 * frontdesk_locks naming this session wakes the manager, which reads its new losses and
 * emits ::lock-lost for each. The read is also repeated every few seconds while locks are
 * held, and after a reconnect, so a lost notification delays the news but never loses it.
 * A timer at each lock's expiry asks the server, so an expired lock is told at once.
 *
 * Acquiring, overriding, breaking and releasing are in fd-lock-manager-actions.c;
 * fd-lock-manager-private.h is what the two share.
 */
#include <stdlib.h>
#include <string.h>

#include "fd-pg-util.h"
#include "fd-pg.h"
#include "fd-query.h"
#include "fd-lock-manager-private.h"

G_DEFINE_FINAL_TYPE (FdLockManager, fd_lock_manager, G_TYPE_OBJECT)

G_DEFINE_BOXED_TYPE (FdLockHolder, fd_lock_holder, fd_lock_holder_copy, fd_lock_holder_free)
G_DEFINE_BOXED_TYPE (FdLockLoss, fd_lock_loss, fd_lock_loss_copy, fd_lock_loss_free)

enum {
  LOCK_LOST,
  VIEWERS_CHANGED,
  LOCK_EXPIRING,
  RELEASE_REQUESTED,
  RELEASE_WITHDRAWN,
  RELEASE_ANSWERED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void fetch_losses (FdLockManager *self);

FdLockHolder *
fd_lock_holder_copy (const FdLockHolder *holder)
{
  FdLockHolder *copy = g_new0 (FdLockHolder, 1);

  *copy = *holder;
  copy->name = g_strdup (holder->name);
  copy->workstation = g_strdup (holder->workstation);
  copy->since = holder->since != NULL ? g_date_time_ref (holder->since) : NULL;
  return copy;
}

void
fd_lock_holder_free (FdLockHolder *holder)
{
  if (holder == NULL)
    return;

  g_free (holder->name);
  g_free (holder->workstation);
  g_clear_pointer (&holder->since, g_date_time_unref);
  g_free (holder);
}

FdLockLoss *
fd_lock_loss_copy (const FdLockLoss *loss)
{
  FdLockLoss *copy = g_new0 (FdLockLoss, 1);

  *copy = *loss;
  copy->kind = g_strdup (loss->kind);
  copy->id = g_strdup (loss->id);
  copy->by_name = g_strdup (loss->by_name);
  copy->by_workstation = g_strdup (loss->by_workstation);
  copy->at = loss->at != NULL ? g_date_time_ref (loss->at) : NULL;
  return copy;
}

void
fd_lock_loss_free (FdLockLoss *loss)
{
  if (loss == NULL)
    return;

  g_free (loss->kind);
  g_free (loss->id);
  g_free (loss->by_name);
  g_free (loss->by_workstation);
  g_clear_pointer (&loss->at, g_date_time_unref);
  g_free (loss);
}

/**
 * fd_lock_holder_new_from_result:
 *
 * A session from four columns starting at @first: id, name, workstation, since (epoch).
 */
FdLockHolder *
fd_lock_holder_new_from_result (const PGresult *pg_result,
                                int             row,
                                int             first)
{
  FdLockHolder *holder = g_new0 (FdLockHolder, 1);

  holder->session_id = g_ascii_strtoll (PQgetvalue (pg_result, row, first), NULL, 10);
  holder->name = g_strdup (PQgetvalue (pg_result, row, first + 1));
  holder->workstation = g_strdup (PQgetvalue (pg_result, row, first + 2));
  holder->since = fd_pg_dup_local_date_time (pg_result, row, first + 3);
  return holder;
}

static char *
held_key (const char *kind,
          const char *id)
{
  return g_strconcat (kind, "\n", id, NULL);
}

void
_fd_lock_manager_log_failure_cb (GObject      *object,
                                 GAsyncResult *result,
                                 gpointer      user_data)
{
  g_autoptr(PGresult) pg_result = NULL;
  g_autoptr(GError) error = NULL;

  pg_result = fd_connection_query_finish (FD_CONNECTION (object), result, &error);
  if (pg_result == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("Lock bookkeeping (%s): %s", (const char *) user_data, error->message);
}

/* Fire and forget: what fails here fails because the connection is gone, and the server
 * frees a dead session's locks by itself. */
void
_fd_lock_manager_run_quietly (FdLockManager      *self,
                              const char         *sql,
                              guint               n_params,
                              const char * const *params)
{
  fd_connection_query_async (self->connection, sql, n_params, params, self->cancellable,
                             _fd_lock_manager_log_failure_cb, (gpointer) sql);
}

/* Held locks and their expiry ------------------------------------------------------------ */

/* Every held lock goes, and with it its expiry timer. */
void
_fd_lock_manager_forget_all_locks (FdLockManager *self)
{
  GHashTableIter iter;
  gpointer timer;

  g_hash_table_iter_init (&iter, self->held);
  while (g_hash_table_iter_next (&iter, NULL, &timer))
    {
      if (GPOINTER_TO_UINT (timer) != 0)
        g_source_remove (GPOINTER_TO_UINT (timer));
      g_hash_table_iter_remove (&iter);
    }
  g_hash_table_remove_all (self->warnings);
}

void
_fd_lock_manager_forget_lock (FdLockManager *self,
                              const char    *kind,
                              const char    *id)
{
  g_autofree char *key = held_key (kind, id);
  guint timer = GPOINTER_TO_UINT (g_hash_table_lookup (self->held, key));

  if (timer != 0)
    g_source_remove (timer);
  g_hash_table_remove (self->held, key);
  g_hash_table_remove (self->warnings, key);
}

static void
checked_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(FdLockManager) self = user_data;
  g_autoptr(PGresult) pg_result = NULL;
  g_autoptr(GError) error = NULL;

  pg_result = fd_connection_query_finish (FD_CONNECTION (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (pg_result == NULL)
    g_debug ("Checking a lock's expiry: %s", error->message);

  /* The server has recorded the expiry as a loss: read it like any other. */
  fetch_losses (self);
}

typedef struct
{
  FdLockManager *self;
  char          *kind;
  char          *id;
} ExpiryCheck;

static void
expiry_check_free (ExpiryCheck *check)
{
  g_free (check->kind);
  g_free (check->id);
  g_free (check);
}

static gboolean
expiry_reached_cb (gpointer user_data)
{
  ExpiryCheck *check = user_data;
  FdLockManager *self = check->self;
  g_autofree char *key = held_key (check->kind, check->id);
  const char *params[] = { check->kind, check->id };

  g_hash_table_insert (self->held, g_steal_pointer (&key), GUINT_TO_POINTER (0));
  fd_connection_query_async (self->connection,
                             "SELECT state FROM frontdesk.lock_check($1, $2)", 2, params,
                             self->cancellable, checked_cb, g_object_ref (self));
  return G_SOURCE_REMOVE;
}

static gboolean
poll_losses_cb (gpointer user_data)
{
  FdLockManager *self = user_data;

  if (g_hash_table_size (self->held) > 0)
    fetch_losses (self);
  if (g_hash_table_size (self->held) > 0 || g_hash_table_size (self->asked) > 0)
    _fd_lock_manager_fetch_requests (self);
  return G_SOURCE_CONTINUE;
}

/* A minute before a lock runs out: its holder may still keep it. */
static gboolean
expiry_near_cb (gpointer user_data)
{
  ExpiryCheck *check = user_data;
  g_autofree char *key = held_key (check->kind, check->id);

  g_hash_table_steal (check->self->warnings, key);
  g_signal_emit (check->self, signals[LOCK_EXPIRING], 0, check->kind, check->id);
  return G_SOURCE_REMOVE;
}

static guint
add_expiry_timer (FdLockManager *self,
                  const char    *kind,
                  const char    *id,
                  guint          milliseconds,
                  GSourceFunc    func)
{
  ExpiryCheck *check = g_new0 (ExpiryCheck, 1);

  check->self = self;
  check->kind = g_strdup (kind);
  check->id = g_strdup (id);
  return g_timeout_add_full (G_PRIORITY_DEFAULT, milliseconds, func, check,
                             (GDestroyNotify) expiry_check_free);
}

/* @expires_in: seconds left, as the server counts them, or NULL for no limit. */
void
_fd_lock_manager_remember_lock (FdLockManager *self,
                                const char    *kind,
                                const char    *id,
                                const char    *expires_in)
{
  g_autofree char *key = held_key (kind, id);
  guint timer = 0;

  _fd_lock_manager_forget_lock (self, kind, id);

  if (expires_in != NULL)
    {
      double seconds = MAX (g_ascii_strtod (expires_in, NULL), 0.0);
      double warn_in = MAX (seconds - EXPIRY_WARNING_S, 0.0);

      /* A moment after the server's deadline, so the server agrees it has passed. */
      timer = add_expiry_timer (self, kind, id, (guint) (seconds * 1000) + 250,
                                expiry_reached_cb);
      g_hash_table_insert (self->warnings, g_strdup (key),
                           GUINT_TO_POINTER (add_expiry_timer (self, kind, id,
                                                               (guint) (warn_in * 1000),
                                                               expiry_near_cb)));
    }

  g_hash_table_insert (self->held, g_steal_pointer (&key), GUINT_TO_POINTER (timer));
}

/* Losses --------------------------------------------------------------------------------- */

/**
 * fd_lock_loss_is_displacement:
 *
 * Returns: whether a peer has the record now (opened anyway, or took it back by saving), so
 *   that saving here takes it back in turn; %FALSE for a lock broken or run out
 */
gboolean
fd_lock_loss_is_displacement (const FdLockLoss *loss)
{
  return loss->cause == FD_LOCK_LOSS_OVERRIDDEN || loss->cause == FD_LOCK_LOSS_TAKEN_BACK;
}

static FdLockLossCause
parse_cause (const char *cause)
{
  if (g_str_equal (cause, "broken"))
    return FD_LOCK_LOSS_BROKEN;
  if (g_str_equal (cause, "expired"))
    return FD_LOCK_LOSS_EXPIRED;
  if (g_str_equal (cause, "taken back"))
    return FD_LOCK_LOSS_TAKEN_BACK;
  return FD_LOCK_LOSS_OVERRIDDEN;
}

static void
losses_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(FdLockManager) self = user_data;
  g_autoptr(PGresult) pg_result = NULL;
  g_autoptr(GError) error = NULL;

  self->fetching = FALSE;
  pg_result = fd_connection_query_finish (FD_CONNECTION (object), result, &error);
  if (pg_result == NULL)
    {
      g_debug ("Reading lost locks: %s", error->message);
      return;
    }

  for (int row = 0; row < PQntuples (pg_result); row++)
    {
      g_autoptr(FdLockLoss) loss = g_new0 (FdLockLoss, 1);

      self->last_loss_id = MAX (self->last_loss_id,
                                g_ascii_strtoll (PQgetvalue (pg_result, row, 0), NULL, 10));
      loss->kind = g_strdup (PQgetvalue (pg_result, row, 1));
      loss->id = g_strdup (PQgetvalue (pg_result, row, 2));
      loss->cause = parse_cause (PQgetvalue (pg_result, row, 3));
      loss->by_name = g_strdup (PQgetvalue (pg_result, row, 4));
      loss->by_workstation = g_strdup (fd_pg_get_nullable (pg_result, row, 5));
      loss->at = fd_pg_dup_local_date_time (pg_result, row, 6);

      _fd_lock_manager_forget_lock (self, loss->kind, loss->id);
      g_signal_emit (self, signals[LOCK_LOST], 0, loss);
    }

  if (self->fetch_again)
    {
      self->fetch_again = FALSE;
      fetch_losses (self);
    }
}

static void
fetch_losses (FdLockManager *self)
{
  g_autofree char *after = NULL;
  const char *params[1];

  if (self->fetching)
    {
      self->fetch_again = TRUE;
      return;
    }

  self->fetching = TRUE;
  after = g_strdup_printf ("%" G_GINT64_FORMAT, self->last_loss_id);
  params[0] = after;
  fd_connection_query_async (self->connection,
                             "SELECT loss_id, record_kind, record_id, cause, by_name, "
                             "by_workstation, extract(epoch FROM at) "
                             "FROM frontdesk.my_lock_losses($1::bigint)",
                             1, params, self->cancellable, losses_cb, g_object_ref (self));
}

static void
locks_notification_cb (FdLockManager *self,
                       const char    *channel,
                       const char    *payload,
                       int            pid)
{
  g_autofree char *mine = g_strdup_printf ("%" G_GINT64_FORMAT,
                                           fd_session_get_id (self->session));

  if (g_strcmp0 (payload, mine) == 0)
    fetch_losses (self);
}

static void
viewers_notification_cb (FdLockManager *self,
                         const char    *channel,
                         const char    *payload,
                         int            pid)
{
  const char *colon = strchr (payload, ':');
  g_autofree char *kind = NULL;

  if (colon == NULL)
    return;
  kind = g_strndup (payload, colon - payload);
  g_signal_emit (self, signals[VIEWERS_CHANGED], 0, kind, colon + 1);
}

static void
session_resumed_cb (FdLockManager *self,
                    gboolean       same)
{
  fetch_losses (self);
  _fd_lock_manager_fetch_requests (self);
}

static void
baseline_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(FdLockManager) self = user_data;
  g_autoptr(PGresult) pg_result = NULL;
  g_autoptr(GError) error = NULL;

  pg_result = fd_connection_query_finish (FD_CONNECTION (object), result, &error);
  if (pg_result != NULL)
    self->last_loss_id = MAX (self->last_loss_id,
                              g_ascii_strtoll (PQgetvalue (pg_result, 0, 0), NULL, 10));
}

/* GObject -------------------------------------------------------------------------------- */

static void
fd_lock_manager_dispose (GObject *object)
{
  FdLockManager *self = FD_LOCK_MANAGER (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->poll_source, g_source_remove);
  if (self->held != NULL)
    {
      _fd_lock_manager_forget_all_locks (self);
      g_clear_pointer (&self->held, g_hash_table_unref);
    }
  g_clear_pointer (&self->warnings, g_hash_table_unref);
  g_clear_pointer (&self->asked, g_hash_table_unref);
  g_clear_pointer (&self->announced, g_hash_table_unref);
  g_clear_object (&self->sweep);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (fd_lock_manager_parent_class)->dispose (object);
}

static void
fd_lock_manager_finalize (GObject *object)
{
  FdLockManager *self = FD_LOCK_MANAGER (object);

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (fd_lock_manager_parent_class)->finalize (object);
}

static void
fd_lock_manager_class_init (FdLockManagerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = fd_lock_manager_dispose;
  object_class->finalize = fd_lock_manager_finalize;

  /**
   * FdLockManager::lock-lost:
   * @loss: which lock, why, and who
   */
  signals[LOCK_LOST] =
    g_signal_new ("lock-lost", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, FD_TYPE_LOCK_LOSS);

  /**
   * FdLockManager::viewers-changed:
   *
   * Someone opened or left the record @kind @id.
   */
  signals[VIEWERS_CHANGED] =
    g_signal_new ("viewers-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  /**
   * FdLockManager::lock-expiring:
   *
   * The lock on @kind @id runs out in a minute (the edit time limit), unless renewed.
   */
  signals[LOCK_EXPIRING] =
    g_signal_new ("lock-expiring", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  /**
   * FdLockManager::release-requested:
   * @request: who asks for which record this session holds
   */
  signals[RELEASE_REQUESTED] =
    g_signal_new ("release-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 1, FD_TYPE_RELEASE_REQUEST);

  /**
   * FdLockManager::release-withdrawn:
   * @request: a request told of before that no longer waits (withdrawn, the asker gone)
   */
  signals[RELEASE_WITHDRAWN] =
    g_signal_new ("release-withdrawn", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 1, FD_TYPE_RELEASE_REQUEST);

  /**
   * FdLockManager::release-answered:
   * @request: a request of this session, with its answer
   */
  signals[RELEASE_ANSWERED] =
    g_signal_new ("release-answered", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 1, FD_TYPE_RELEASE_REQUEST);
}

static void
remove_source (gpointer source_id)
{
  g_source_remove (GPOINTER_TO_UINT (source_id));
}

static void
fd_lock_manager_init (FdLockManager *self)
{
  self->cancellable = g_cancellable_new ();
  self->held = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->warnings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          remove_source);
  self->asked = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->announced = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                           (GDestroyNotify) fd_release_request_free);
}

/**
 * fd_lock_manager_new:
 *
 * Starts listening for this session's lost locks.
 */
FdLockManager *
fd_lock_manager_new (FdSession *session)
{
  FdLockManager *self;

  g_return_val_if_fail (FD_IS_SESSION (session), NULL);

  self = g_object_new (FD_TYPE_LOCK_MANAGER, NULL);
  self->session = g_object_ref (session);
  self->connection = fd_session_get_connection (session);
  self->sweep = fd_departed_sweep_new (self->connection);

  g_signal_connect_object (self->connection, "notification::frontdesk_locks",
                           G_CALLBACK (locks_notification_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->connection, "notification::frontdesk_viewers",
                           G_CALLBACK (viewers_notification_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "resumed", G_CALLBACK (session_resumed_cb), self,
                           G_CONNECT_SWAPPED);
  fd_connection_listen_async (self->connection, "frontdesk_locks", self->cancellable, NULL, NULL);
  fd_connection_listen_async (self->connection, "frontdesk_viewers", self->cancellable, NULL,
                              NULL);
  _fd_lock_manager_init_requests (self);

  /* Losses from before this manager are old news. */
  fd_connection_query_async (self->connection,
                             "SELECT coalesce(max(loss_id), 0) FROM frontdesk.my_lock_losses(0)",
                             0, NULL, self->cancellable, baseline_cb, g_object_ref (self));
  self->poll_source = g_timeout_add_seconds (LOSS_POLL_INTERVAL_S, poll_losses_cb, self);

  return self;
}

/**
 * fd_lock_manager_get_session:
 *
 * Returns: (transfer none): the session whose locks these are
 */
FdSession *
fd_lock_manager_get_session (FdLockManager *self)
{
  g_return_val_if_fail (FD_IS_LOCK_MANAGER (self), NULL);

  return self->session;
}

/* Viewers ------------------------------------------------------------------------------- */

void
fd_lock_manager_enter_viewer (FdLockManager *self,
                              const char    *kind,
                              const char    *id)
{
  const char *params[] = { kind, id };

  g_return_if_fail (FD_IS_LOCK_MANAGER (self));

  _fd_lock_manager_run_quietly (self, "SELECT frontdesk.viewer_enter($1, $2)", 2, params);
}

void
fd_lock_manager_leave_viewer (FdLockManager *self,
                              const char    *kind,
                              const char    *id)
{
  const char *params[] = { kind, id };

  g_return_if_fail (FD_IS_LOCK_MANAGER (self));

  _fd_lock_manager_run_quietly (self, "SELECT frontdesk.viewer_leave($1, $2)", 2, params);
}

static gpointer
read_viewer (const PGresult *pg_result,
             int             row)
{
  FdLockHolder *viewer = fd_lock_holder_new_from_result (pg_result, row, 0);

  viewer->holds_lock = g_str_equal (PQgetvalue (pg_result, row, 4), "t");
  viewer->is_mine = g_str_equal (PQgetvalue (pg_result, row, 5), "t");
  return viewer;
}

/**
 * fd_lock_manager_list_viewers_async:
 *
 * Lists the live sessions that have @kind @id open, this one included.
 */
void
fd_lock_manager_list_viewers_async (FdLockManager       *self,
                                    const char          *kind,
                                    const char          *id,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  const char *params[] = { kind, id };

  g_return_if_fail (FD_IS_LOCK_MANAGER (self));

  fd_query_async (self, fd_lock_manager_list_viewers_async, self->connection,
                  "SELECT session_id, display_name, workstation, "
                  "extract(epoch FROM since), holds_lock, is_mine "
                  "FROM frontdesk.record_viewers($1, $2)",
                  2, params, cancellable, callback, user_data);
}

/**
 * fd_lock_manager_list_viewers_finish:
 *
 * Returns: (transfer full) (element-type FdLockHolder): the viewers
 */
GPtrArray *
fd_lock_manager_list_viewers_finish (FdLockManager  *self,
                                     GAsyncResult   *result,
                                     GError        **error)
{
  return fd_query_finish_array (self, fd_lock_manager_list_viewers_async, result, read_viewer,
                                (GDestroyNotify) fd_lock_holder_free, error);
}
