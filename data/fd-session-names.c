/* fd-session-names.c: who a session is, asked of the server once per session.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A signal names the session that made a change; frontdesk.live_sessions() says who that is
 * while it is alive (a closed session, or psql, stays unnamed). The question goes on the
 * connection's queue like any query, so asked before a read, it is answered before it.
 */
#include "fd-pg.h"
#include "fd-session-names.h"

#define NAME_SQL \
  "SELECT display_name, workstation FROM frontdesk.live_sessions() " \
  " WHERE session_id = $1::bigint"

struct _FdSessionNames
{
  GObject       parent_instance;

  FdConnection *connection;
  GHashTable   *names;      /* session id → GStrv: name, workstation */
  GHashTable   *asking;     /* session id → GPtrArray of GTask, while it is asked */
};

G_DEFINE_FINAL_TYPE (FdSessionNames, fd_session_names, G_TYPE_OBJECT)

static void
fd_session_names_finalize (GObject *object)
{
  FdSessionNames *self = FD_SESSION_NAMES (object);

  g_clear_object (&self->connection);
  g_hash_table_unref (self->names);
  g_hash_table_unref (self->asking);

  G_OBJECT_CLASS (fd_session_names_parent_class)->finalize (object);
}

static void
fd_session_names_class_init (FdSessionNamesClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = fd_session_names_finalize;
}

static void
fd_session_names_init (FdSessionNames *self)
{
  self->names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                       (GDestroyNotify) g_strfreev);
  self->asking = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                        (GDestroyNotify) g_ptr_array_unref);
}

FdSessionNames *
fd_session_names_new (FdConnection *connection)
{
  FdSessionNames *self;

  g_return_val_if_fail (FD_IS_CONNECTION (connection), NULL);

  self = g_object_new (FD_TYPE_SESSION_NAMES, NULL);
  self->connection = g_object_ref (connection);
  return self;
}

/**
 * fd_session_names_lookup:
 * @name: (out) (optional) (transfer none): the person's display name
 * @workstation: (out) (optional) (transfer none): their workstation
 *
 * Returns: whether @session_id is named (asked before, and alive then)
 */
gboolean
fd_session_names_lookup (FdSessionNames  *self,
                         gint64           session_id,
                         const char     **name,
                         const char     **workstation)
{
  GStrv known;

  g_return_val_if_fail (FD_IS_SESSION_NAMES (self), FALSE);

  known = g_hash_table_lookup (self->names, &session_id);
  if (known == NULL)
    return FALSE;
  if (name != NULL)
    *name = known[0];
  if (workstation != NULL)
    *workstation = known[1];
  return TRUE;
}

typedef struct
{
  FdSessionNames *self;
  gint64          session_id;
} Asked;

static void
named_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autofree Asked *asked = user_data;
  g_autoptr(FdSessionNames) self = asked->self;
  gint64 session_id = asked->session_id;
  g_autoptr(PGresult) pg_result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) waiting = NULL;

  g_hash_table_steal_extended (self->asking, &session_id, NULL, (gpointer *) &waiting);
  pg_result = fd_connection_query_finish (FD_CONNECTION (object), result, &error);
  if (pg_result != NULL && PQntuples (pg_result) == 1)
    {
      gint64 *key = g_new (gint64, 1);
      GStrv known = g_new0 (char *, 3);

      *key = session_id;
      known[0] = g_strdup (PQgetvalue (pg_result, 0, 0));
      known[1] = g_strdup (PQgetvalue (pg_result, 0, 1));
      g_hash_table_replace (self->names, key, known);
    }
  for (guint i = 0; waiting != NULL && i < waiting->len; i++)
    {
      GTask *task = g_ptr_array_index (waiting, i);

      if (error != NULL)
        g_task_return_error (task, g_error_copy (error));
      else
        g_task_return_boolean (task, TRUE);
    }
}

/**
 * fd_session_names_ask_async:
 * @callback: (nullable): told when it is answered
 *
 * Asks who @session_id is, unless that is known already; a session no longer alive stays
 * unnamed. Answered before any query sent after it on the same connection.
 */
void
fd_session_names_ask_async (FdSessionNames      *self,
                            gint64               session_id,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autofree char *id = NULL;
  const char *params[1];
  GPtrArray *waiting;
  gint64 *key;
  Asked *asked;
  GTask *task;

  g_return_if_fail (FD_IS_SESSION_NAMES (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, fd_session_names_ask_async);
  if (session_id == 0 || fd_session_names_lookup (self, session_id, NULL, NULL))
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }
  /* Asked once, however many changes of one burst it made. */
  waiting = g_hash_table_lookup (self->asking, &session_id);
  if (waiting != NULL)
    {
      g_ptr_array_add (waiting, task);
      return;
    }
  key = g_new (gint64, 1);
  *key = session_id;
  waiting = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (waiting, task);
  g_hash_table_insert (self->asking, key, waiting);

  asked = g_new0 (Asked, 1);
  asked->self = g_object_ref (self);
  asked->session_id = session_id;
  id = g_strdup_printf ("%" G_GINT64_FORMAT, session_id);
  params[0] = id;
  /* Not cancelled by one asker: others may wait for the same answer. */
  fd_connection_query_async (self->connection, NAME_SQL, 1, params, NULL, named_cb, asked);
}

gboolean
fd_session_names_ask_finish (FdSessionNames  *self,
                             GAsyncResult    *result,
                             GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * fd_session_names_new_change:
 * @session_id: who saved it, 0 when unknown
 *
 * Returns: (transfer full): @column's change to @value, arrived now, naming who saved it
 *   when that is known
 */
FdFieldChange *
fd_session_names_new_change (FdSessionNames *self,
                             gint64          session_id,
                             const char     *column,
                             const char     *value)
{
  const char *name = NULL;
  const char *workstation = NULL;

  g_return_val_if_fail (FD_IS_SESSION_NAMES (self), NULL);

  fd_session_names_lookup (self, session_id, &name, &workstation);
  return fd_field_change_new (column, value, name, workstation);
}
