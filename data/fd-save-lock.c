/* fd-save-lock.c: a form's save lock on a named data context.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Setting a context enters it on the server (this session becomes a viewer and takes the
 * lock if it is free, this user may save, and this session has not let it go by hand);
 * setting another, or none, leaves the old one first. Every change of hands is announced on
 * frontdesk_save_locks with the context's name; the lock then rereads its status and its
 * viewers and emits "changed". After a reconnect it enters again, as the server may have
 * forgotten a dead connection's place.
 */
#include <glib/gi18n.h>

#include "fd-pg.h"
#include "fd-save-lock.h"

#define CHANNEL "frontdesk_save_locks"
#define MAX_DESCRIPTION 200

struct _FdSaveLock
{
  GObject        parent_instance;

  /* Owned */
  FdSession     *session;
  char          *context;
  char          *description;
  GCancellable  *cancellable;         /* cancelled with the context */
  FdLockHolder  *holder;
  GPtrArray     *viewers;             /* FdLockHolder, holder first */
  GError        *error;

  /* Borrowed */
  FdConnection  *connection;

  guint          generation;          /* bumped with every context change */
  gboolean       known;
  gboolean       may_save;
  gboolean       held;
  gboolean       released_by_me;
  gboolean       may_take;
  gboolean       refreshing;
  gboolean       refresh_again;
};

G_DEFINE_FINAL_TYPE (FdSaveLock, fd_save_lock, G_TYPE_OBJECT)
G_DEFINE_QUARK (fd-save-lock-error-quark, fd_save_lock_error)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void refresh (FdSaveLock *self);

/* A reply for the context of @generation; a later context makes it stale. */
typedef struct
{
  FdSaveLock *self;
  guint       generation;
} Reply;

static Reply *
reply_new (FdSaveLock *self)
{
  Reply *reply = g_new0 (Reply, 1);

  reply->self = g_object_ref (self);
  reply->generation = self->generation;
  return reply;
}

static FdSaveLock *
reply_take (Reply *reply)
{
  FdSaveLock *self = reply->self;
  gboolean current = reply->generation == self->generation;

  g_free (reply);
  if (!current)
    {
      g_object_unref (self);
      return NULL;
    }
  return self;
}

static void
forget_state (FdSaveLock *self)
{
  self->known = FALSE;
  self->may_save = FALSE;
  self->held = FALSE;
  self->released_by_me = FALSE;
  self->may_take = FALSE;
  self->refreshing = FALSE;
  self->refresh_again = FALSE;
  g_clear_pointer (&self->holder, fd_lock_holder_free);
  g_ptr_array_set_size (self->viewers, 0);
  g_clear_error (&self->error);
}

static void
fail (FdSaveLock *self,
      GError     *error)
{
  g_clear_error (&self->error);
  self->error = error;
  self->known = TRUE;
  self->held = FALSE;
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
log_leave_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(PGresult) pg_result = NULL;
  g_autoptr(GError) error = NULL;

  pg_result = fd_connection_query_finish (FD_CONNECTION (object), result, &error);
  if (pg_result == NULL)
    g_debug ("Cannot leave a save lock's context: %s", error->message);
}

static void
leave_context (FdSaveLock *self)
{
  const char *params[1] = { self->context };

  if (self->context == NULL)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  /* Not cancellable: the form is going away, the server must still hear it. */
  fd_connection_query_async (self->connection, "SELECT frontdesk.context_leave($1)", 1, params,
                             NULL, log_leave_cb, NULL);
}

/* Status and viewers --------------------------------------------------------------------- */

static void
viewers_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  FdSaveLock *self = reply_take (user_data);
  g_autoptr(PGresult) pg_result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 mine;

  pg_result = fd_connection_query_finish (FD_CONNECTION (object), result, &error);
  if (self == NULL)
    return;

  self->refreshing = FALSE;
  if (pg_result == NULL)
    {
      fail (self, g_steal_pointer (&error));
      g_object_unref (self);
      return;
    }

  mine = fd_session_get_id (self->session);
  g_ptr_array_set_size (self->viewers, 0);
  for (int row = 0; row < PQntuples (pg_result); row++)
    {
      FdLockHolder *viewer = fd_lock_holder_new_from_result (pg_result, row, 0);

      viewer->holds_lock = g_str_equal (PQgetvalue (pg_result, row, 4), "t");
      viewer->is_mine = viewer->session_id == mine;
      g_ptr_array_add (self->viewers, viewer);
    }

  g_clear_error (&self->error);
  self->known = TRUE;
  g_signal_emit (self, signals[CHANGED], 0);

  if (self->refresh_again)
    {
      self->refresh_again = FALSE;
      refresh (self);
    }
  g_object_unref (self);
}

static void
read_status (FdSaveLock *self,
             PGresult   *pg_result)
{
  g_clear_pointer (&self->holder, fd_lock_holder_free);
  if (PQntuples (pg_result) == 0)
    {
      /* Nobody who may save has it open: nothing to hold, nobody holding. */
      self->held = FALSE;
      self->released_by_me = FALSE;
      self->may_take = FALSE;
      return;
    }

  if (!PQgetisnull (pg_result, 0, 1))
    {
      self->holder = fd_lock_holder_new_from_result (pg_result, 0, 1);
      self->holder->holds_lock = TRUE;
    }
  self->held = g_str_equal (PQgetvalue (pg_result, 0, 5), "t");
  if (self->holder != NULL)
    self->holder->is_mine = self->held;
  self->may_save = g_str_equal (PQgetvalue (pg_result, 0, 6), "t");
  self->released_by_me = g_str_equal (PQgetvalue (pg_result, 0, 7), "t");
  self->may_take = g_str_equal (PQgetvalue (pg_result, 0, 8), "t");
}

static void
status_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  FdSaveLock *self = reply_take (user_data);
  g_autoptr(PGresult) pg_result = NULL;
  g_autoptr(GError) error = NULL;
  const char *params[1];

  pg_result = fd_connection_query_finish (FD_CONNECTION (object), result, &error);
  if (self == NULL)
    return;

  if (pg_result == NULL)
    {
      self->refreshing = FALSE;
      fail (self, g_steal_pointer (&error));
      g_object_unref (self);
      return;
    }

  read_status (self, pg_result);
  params[0] = self->context;
  fd_connection_query_async (self->connection,
                             "SELECT session_id, display_name, workstation, "
                             "extract(epoch FROM since), holds "
                             "FROM frontdesk.context_viewers($1)",
                             1, params, self->cancellable, viewers_cb, reply_new (self));
  g_object_unref (self);
}

static void
refresh (FdSaveLock *self)
{
  const char *params[1] = { self->context };

  if (self->context == NULL)
    return;
  if (self->refreshing)
    {
      self->refresh_again = TRUE;
      return;
    }

  self->refreshing = TRUE;
  fd_connection_query_async (self->connection,
                             "SELECT description, holder_session, holder_name, "
                             "holder_workstation, extract(epoch FROM held_since), mine, "
                             "may_save, released_by_me, may_take "
                             "FROM frontdesk.context_status($1)",
                             1, params, self->cancellable, status_cb, reply_new (self));
}

/* Entering --------------------------------------------------------------------------------- */

static void
entered_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  FdSaveLock *self = reply_take (user_data);
  g_autoptr(PGresult) pg_result = NULL;
  g_autoptr(GError) error = NULL;

  pg_result = fd_connection_query_finish (FD_CONNECTION (object), result, &error);
  if (self == NULL)
    return;

  if (pg_result == NULL)
    fail (self, g_steal_pointer (&error));
  else
    {
      self->may_save = g_str_equal (PQgetvalue (pg_result, 0, 0), "t");
      refresh (self);
    }
  g_object_unref (self);
}

/* @released: this workstation let the lock go by hand (in a session now replaced) */
static void
enter_context (FdSaveLock *self,
               gboolean    released)
{
  const char *params[2] = { self->context, self->description };

  fd_connection_query_async (self->connection,
                             released ? "SELECT frontdesk.context_enter_released($1, $2)"
                                      : "SELECT frontdesk.context_enter($1, $2)",
                             2, params, self->cancellable, entered_cb, reply_new (self));
}

static void
notification_cb (FdSaveLock *self,
                 const char *channel,
                 const char *payload,
                 int         pid)
{
  if (g_strcmp0 (payload, self->context) == 0)
    refresh (self);
}

static void
session_resumed_cb (FdSaveLock *self,
                    gboolean    same)
{
  /* A new session knows nothing of the old one's hand release: tell it. */
  if (self->context != NULL)
    enter_context (self, !same && self->released_by_me);
}

/* Acquire, release, take ----------------------------------------------------------------- */

static void
changed_hands_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;
  FdSaveLock *self = g_task_get_source_object (task);
  g_autoptr(PGresult) pg_result = NULL;
  GError *error = NULL;

  pg_result = fd_connection_query_finish (FD_CONNECTION (object), result, &error);
  if (pg_result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
  /* The notification will tell too; this reads the outcome without waiting for it. */
  refresh (self);
  g_object_unref (task);
}

/* @expected_holder: NULL, or the session whose lock this is meant to take */
static void
change_hands (FdSaveLock          *self,
              const char          *sql,
              const char          *expected_holder,
              gpointer             source_tag,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  const char *params[2] = { self->context, expected_holder };
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  if (self->context == NULL)
    {
      g_task_return_new_error (task, FD_SAVE_LOCK_ERROR, FD_SAVE_LOCK_ERROR_NO_CONTEXT,
                               _("This form has nothing to lock yet."));
      g_object_unref (task);
      return;
    }
  fd_connection_query_async (self->connection, sql, expected_holder != NULL ? 2 : 1, params,
                             cancellable, changed_hands_cb, task);
}

/**
 * fd_save_lock_acquire_async:
 *
 * Asks for a free lock; the first to ask wins. Afterwards fd_save_lock_get_held() tells
 * whether this session won.
 */
void
fd_save_lock_acquire_async (FdSaveLock          *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (FD_IS_SAVE_LOCK (self));

  change_hands (self, "SELECT frontdesk.context_acquire($1)", NULL, fd_save_lock_acquire_async,
                cancellable, callback, user_data);
}

/**
 * fd_save_lock_release_async:
 *
 * Lets the lock go; this session will not take it again by itself.
 */
void
fd_save_lock_release_async (FdSaveLock          *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (FD_IS_SAVE_LOCK (self));

  change_hands (self, "SELECT frontdesk.context_release($1)", NULL, fd_save_lock_release_async,
                cancellable, callback, user_data);
}

/**
 * fd_save_lock_take_async:
 * @expected_holder: the session the person was asked about taking it from
 *
 * Takes the lock from its holder: administrators from anyone, a person from another
 * session of their own. The server refuses everyone else, and refuses if the lock changed
 * hands since.
 */
void
fd_save_lock_take_async (FdSaveLock          *self,
                         gint64               expected_holder,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autofree char *expected = g_strdup_printf ("%" G_GINT64_FORMAT, expected_holder);

  g_return_if_fail (FD_IS_SAVE_LOCK (self));

  change_hands (self, "SELECT frontdesk.context_take($1, $2::bigint)", expected,
                fd_save_lock_take_async, cancellable, callback, user_data);
}

gboolean
fd_save_lock_change_finish (FdSaveLock    *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* GObject ---------------------------------------------------------------------------------- */

static void
fd_save_lock_dispose (GObject *object)
{
  FdSaveLock *self = FD_SAVE_LOCK (object);

  if (self->session != NULL)
    {
      leave_context (self);
      g_clear_object (&self->session);
    }

  G_OBJECT_CLASS (fd_save_lock_parent_class)->dispose (object);
}

static void
fd_save_lock_finalize (GObject *object)
{
  FdSaveLock *self = FD_SAVE_LOCK (object);

  g_clear_object (&self->cancellable);
  g_free (self->context);
  g_free (self->description);
  g_clear_pointer (&self->holder, fd_lock_holder_free);
  g_ptr_array_unref (self->viewers);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (fd_save_lock_parent_class)->finalize (object);
}

static void
fd_save_lock_class_init (FdSaveLockClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = fd_save_lock_dispose;
  object_class->finalize = fd_save_lock_finalize;

  /**
   * FdSaveLock::changed:
   *
   * The context, its holder, its viewers or this session's rights changed.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);
}

static void
fd_save_lock_init (FdSaveLock *self)
{
  self->viewers = g_ptr_array_new_with_free_func ((GDestroyNotify) fd_lock_holder_free);
}

/**
 * fd_save_lock_new:
 *
 * A save lock with no context yet, for a form of @session's.
 */
FdSaveLock *
fd_save_lock_new (FdSession *session)
{
  FdSaveLock *self;

  g_return_val_if_fail (FD_IS_SESSION (session), NULL);

  self = g_object_new (FD_TYPE_SAVE_LOCK, NULL);
  self->session = g_object_ref (session);
  self->connection = fd_session_get_connection (session);
  g_signal_connect_object (self->connection, "notification::" CHANNEL,
                           G_CALLBACK (notification_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "resumed", G_CALLBACK (session_resumed_cb), self,
                           G_CONNECT_SWAPPED);
  fd_connection_listen_async (self->connection, CHANNEL, NULL, NULL, NULL);
  return self;
}

FdSession *
fd_save_lock_get_session (FdSaveLock *self)
{
  g_return_val_if_fail (FD_IS_SAVE_LOCK (self), NULL);

  return self->session;
}

/**
 * fd_save_lock_set_context:
 * @name: (nullable): the context, such as "fees:12"; %NULL for none
 * @description: (nullable): what it is, in words, for the Save Lock panel; cut to 200
 *   characters
 *
 * Leaves the context shown until now (its lock goes with it) and enters @name. The same
 * name again changes nothing, so a lock survives moving within one context.
 */
void
fd_save_lock_set_context (FdSaveLock *self,
                          const char *name,
                          const char *description)
{
  g_autofree char *cut = NULL;

  g_return_if_fail (FD_IS_SAVE_LOCK (self));
  g_return_if_fail (name == NULL || description != NULL);

  /* The server keeps at most 200 characters; a longer name is cut, not refused. */
  cut = description != NULL ? g_utf8_substring (description, 0,
                                                MIN (g_utf8_strlen (description, -1),
                                                     MAX_DESCRIPTION))
                            : NULL;
  if (g_strcmp0 (name, self->context) == 0 && g_strcmp0 (cut, self->description) == 0)
    return;

  if (g_strcmp0 (name, self->context) != 0)
    {
      leave_context (self);
      forget_state (self);
      self->generation++;
      g_free (self->context);
      self->context = g_strdup (name);
    }
  g_free (self->description);
  self->description = g_steal_pointer (&cut);

  if (self->context != NULL)
    {
      if (self->cancellable == NULL)
        self->cancellable = g_cancellable_new ();
      enter_context (self, FALSE);
    }
  g_signal_emit (self, signals[CHANGED], 0);
}

const char *
fd_save_lock_get_context (FdSaveLock *self)
{
  g_return_val_if_fail (FD_IS_SAVE_LOCK (self), NULL);

  return self->context;
}

const char *
fd_save_lock_get_description (FdSaveLock *self)
{
  g_return_val_if_fail (FD_IS_SAVE_LOCK (self), NULL);

  return self->description;
}

/* Whether the server has answered for the current context yet. */
gboolean
fd_save_lock_get_known (FdSaveLock *self)
{
  g_return_val_if_fail (FD_IS_SAVE_LOCK (self), FALSE);

  return self->known;
}

/* Whether this user may save under the context at all (the server decides). */
gboolean
fd_save_lock_get_may_save (FdSaveLock *self)
{
  g_return_val_if_fail (FD_IS_SAVE_LOCK (self), FALSE);

  return self->may_save;
}

/* Whether this session holds the lock, and so may save now. */
gboolean
fd_save_lock_get_held (FdSaveLock *self)
{
  g_return_val_if_fail (FD_IS_SAVE_LOCK (self), FALSE);

  return self->held;
}

gboolean
fd_save_lock_get_released_by_me (FdSaveLock *self)
{
  g_return_val_if_fail (FD_IS_SAVE_LOCK (self), FALSE);

  return self->released_by_me;
}

/* Whether the server would let this session take the lock from its holder. */
gboolean
fd_save_lock_get_may_take (FdSaveLock *self)
{
  g_return_val_if_fail (FD_IS_SAVE_LOCK (self), FALSE);

  return self->may_take;
}

/**
 * fd_save_lock_get_holder:
 *
 * Returns: (nullable) (transfer none): who holds the lock, %NULL when it is free
 */
const FdLockHolder *
fd_save_lock_get_holder (FdSaveLock *self)
{
  g_return_val_if_fail (FD_IS_SAVE_LOCK (self), NULL);

  return self->holder;
}

/**
 * fd_save_lock_get_viewers:
 *
 * Returns: (transfer none) (element-type FdLockHolder): everyone who has the context open
 *   and may save under it, this session included, the holder first
 */
GPtrArray *
fd_save_lock_get_viewers (FdSaveLock *self)
{
  g_return_val_if_fail (FD_IS_SAVE_LOCK (self), NULL);

  return self->viewers;
}

/**
 * fd_save_lock_get_error:
 *
 * Returns: (nullable): why the status could not be read, if it could not
 */
const GError *
fd_save_lock_get_error (FdSaveLock *self)
{
  g_return_val_if_fail (FD_IS_SAVE_LOCK (self), NULL);

  return self->error;
}
