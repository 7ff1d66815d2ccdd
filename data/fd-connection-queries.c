/* fd-connection-queries.c: the query queue: sending each query in turn, collecting its
 * results, cancelling it.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib-unix.h>
#include <string.h>

#include "fd-connection-private.h"
#include "fd-pg.h"

/* Queries ----------------------------------------------------------------------------------- */

/* libpq's own error for a socket that closed under a query ("server closed the connection
 * unexpectedly") has no SQLSTATE: the query's end is unknown, as with any lost connection
 * (a commit may or may not have been made), and it is said so. */
static gboolean
lost_under_query (FdConnection *self,
                  PGresult     *error)
{
  return PQresultErrorField (error, PG_DIAG_SQLSTATE) == NULL &&
         (self->conn == NULL || PQstatus (self->conn) == CONNECTION_BAD);
}

static void
finish_current (FdConnection *self)
{
  QueryOp *op = g_steal_pointer (&self->current);

  if (op->task != NULL)
    {
      if (op->error != NULL && lost_under_query (self, op->error))
        _fd_connection_task_return_error (&op->task, _fd_connection_new_lost_error ());
      else if (op->error != NULL)
        {
          _fd_connection_task_return_error (&op->task, fd_db_error_from_result (op->error));
        }
      else
        {
          GTask *task = g_steal_pointer (&op->task);

          g_task_return_pointer (task, g_steal_pointer (&op->result), (GDestroyNotify) PQclear);
          g_object_unref (task);
        }
    }
  else if (op->internal && op->error != NULL && !lost_under_query (self, op->error))
    {
      g_warning ("Internal query “%s” failed: %s", op->sql, PQresultErrorMessage (op->error));
    }

  _fd_connection_query_op_free (op);
}

static void
collect_result (QueryOp  *op,
                PGresult *result)
{
  ExecStatusType status = PQresultStatus (result);

  if (status == PGRES_FATAL_ERROR || status == PGRES_BAD_RESPONSE)
    {
      if (op->error == NULL)
        op->error = result;
      else
        PQclear (result);
      return;
    }

  g_clear_pointer (&op->result, PQclear);
  op->result = result;
}

static void flush_output (FdConnection *self);

/* The current query's statement is prepared: remember it, and run it now. */
static void
run_prepared (FdConnection *self)
{
  QueryOp *op = self->current;

  op->preparing = FALSE;
  g_clear_pointer (&op->result, PQclear);
  g_hash_table_add (self->prepared, g_strdup (op->statement));
  if (!PQsendQueryPrepared (self->conn, op->statement, op->params->len,
                            (const char * const *) op->params->pdata, NULL, NULL, 0))
    {
      g_autoptr(GError) error = fd_db_error_from_connection (self->conn, TRUE);

      self->current = NULL;
      _fd_connection_query_op_fail (op, error);
      _fd_connection_dispatch (self);
      return;
    }
  flush_output (self);
}

static void
process_results (FdConnection *self)
{
  while (self->conn != NULL && !PQisBusy (self->conn))
    {
      PGresult *result = PQgetResult (self->conn);

      if (self->current == NULL)
        {
          /* A result nobody asked for: a FATAL sent by a server shutting down. */
          if (result == NULL)
            break;
          PQclear (result);
          continue;
        }

      if (result == NULL && self->current->preparing && self->current->error == NULL)
        {
          run_prepared (self);
          continue;
        }
      if (result == NULL)
        {
          finish_current (self);
          _fd_connection_dispatch (self);
          continue;
        }

      collect_result (self->current, result);
    }
}

gboolean
_fd_connection_socket_ready_cb (int           fd,
                                               GIOCondition  condition,
                                               gpointer      user_data)
{
  FdConnection *self = user_data;
  int flushed;

  g_object_ref (self);

  if (condition & G_IO_OUT)
    {
      flushed = PQflush (self->conn);
      if (flushed == -1)
        goto lost;
      if (flushed == 0 && (self->io_condition & G_IO_OUT))
        _fd_connection_watch_socket (self, G_IO_IN, _fd_connection_socket_ready_cb);
    }

  if (condition & (G_IO_IN | G_IO_HUP | G_IO_ERR))
    {
      if (!PQconsumeInput (self->conn))
        {
          /* Deliver what arrived before the end: notifications, complete results. */
          _fd_connection_drain_notifications (self);
          process_results (self);
          goto lost;
        }
    }

  _fd_connection_drain_notifications (self);
  process_results (self);
  _fd_connection_drain_notifications (self);

  if (self->conn != NULL && PQstatus (self->conn) == CONNECTION_BAD)
    goto lost;

  g_object_unref (self);
  return G_SOURCE_CONTINUE;

lost:
  /* _fd_connection_handle_lost() removes whichever watch is current, this one or its
   * replacement. */
  if (self->conn != NULL)
    _fd_connection_handle_lost (self);
  g_object_unref (self);
  return G_SOURCE_REMOVE;
}

void
_fd_connection_watch_socket (FdConnection      *self,
                             GIOCondition       condition,
                             GUnixFDSourceFunc  func)
{
  _fd_connection_stop_watching (self);
  self->io_condition = condition;
  self->io_source = g_unix_fd_add (PQsocket (self->conn), condition, func, self);
}

static void
flush_output (FdConnection *self)
{
  int flushed = PQflush (self->conn);

  if (flushed == -1)
    _fd_connection_handle_lost (self);
  else if (flushed == 1)
    _fd_connection_watch_socket (self, G_IO_IN | G_IO_OUT, _fd_connection_socket_ready_cb);
}

static gboolean
send_query (FdConnection *self,
            QueryOp      *op)
{
  const char * const *values = (const char * const *) op->params->pdata;

  if (op->statement != NULL && !g_hash_table_contains (self->prepared, op->statement))
    {
      /* Prepared first, on this backend; process_results() then runs it. */
      op->preparing = TRUE;
      return PQsendPrepare (self->conn, op->statement, op->sql, op->params->len, NULL);
    }
  if (op->statement != NULL)
    return PQsendQueryPrepared (self->conn, op->statement, op->params->len, values, NULL, NULL,
                                0);
  if (op->params->len == 0)
    return PQsendQuery (self->conn, op->sql);

  return PQsendQueryParams (self->conn, op->sql, op->params->len, NULL, values, NULL, NULL, 0);
}

void
_fd_connection_dispatch (FdConnection *self)
{
  QueryOp *op;

  if (self->state != FD_CONNECTION_STATE_READY || self->conn == NULL || self->current != NULL ||
      self->cancel_in_flight)
    return;

  while ((op = g_queue_pop_head (&self->pending)) != NULL)
    {
      if (!send_query (self, op))
        {
          g_autoptr(GError) error = fd_db_error_from_connection (self->conn, TRUE);

          _fd_connection_query_op_fail (op, error);
          if (PQstatus (self->conn) == CONNECTION_BAD)
            {
              _fd_connection_handle_lost (self);
              return;
            }
          continue;
        }

      self->current = op;
      flush_output (self);
      return;
    }
}

static void
cancel_thread_func (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  PGcancel *cancel = task_data;
  char message[256];

  if (!PQcancel (cancel, message, sizeof message))
    g_debug ("Could not cancel a running query: %s", message);

  g_task_return_boolean (task, TRUE);
}

static void
cancel_sent_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  FdConnection *self = FD_CONNECTION (object);

  /* A cancel meant for a backend this connection has since lost changes nothing now. */
  if (GPOINTER_TO_UINT (user_data) != self->cancel_generation)
    return;

  self->cancel_in_flight = FALSE;
  _fd_connection_dispatch (self);
}

/* Answers the caller at once and asks the server to stop the query; its result is dropped.
 * Nothing else is sent until the cancel request is out, so it cannot hit the next query. */
static void
cancel_current (FdConnection *self)
{
  g_autoptr(GTask) cancel_task = NULL;
  PGcancel *cancel;

  _fd_connection_task_return_cancelled (&self->current->task);

  cancel = PQgetCancel (self->conn);
  if (cancel == NULL)
    return;

  self->cancel_in_flight = TRUE;
  cancel_task = g_task_new (self, NULL, cancel_sent_cb,
                            GUINT_TO_POINTER (self->cancel_generation));
  g_task_set_source_tag (cancel_task, cancel_current);
  g_task_set_task_data (cancel_task, cancel, (GDestroyNotify) PQfreeCancel);
  g_task_run_in_thread (cancel_task, cancel_thread_func);
}

static gboolean
cancel_query_idle_cb (gpointer user_data)
{
  GTask *task = user_data;
  FdConnection *self = g_task_get_source_object (task);
  GList *link;

  if (self->current != NULL && self->current->task == task)
    {
      cancel_current (self);
      return G_SOURCE_REMOVE;
    }

  for (link = self->pending.head; link != NULL; link = link->next)
    {
      QueryOp *op = link->data;

      if (op->task == task)
        {
          g_queue_delete_link (&self->pending, link);
          _fd_connection_task_return_cancelled (&op->task);
          _fd_connection_query_op_free (op);
          break;
        }
    }

  return G_SOURCE_REMOVE;
}

/* May run in any thread, and must not disconnect itself: defer to the connection's context. */
static void
query_cancelled_cb (GCancellable *cancellable,
                    gpointer      user_data)
{
  GTask *task = user_data;
  FdConnection *self = g_task_get_source_object (task);
  GSource *source = g_idle_source_new ();

  g_source_set_callback (source, cancel_query_idle_cb, g_object_ref (task), g_object_unref);
  g_source_set_static_name (source, "[frontdesk] cancel query");
  g_source_attach (source, self->context);
  g_source_unref (source);
}

QueryOp *
_fd_connection_query_op_new (FdConnection       *self,
                             const char         *sql,
                             guint               n_params,
                             const char * const *params,
                             GTask              *task)
{
  QueryOp *op = g_new0 (QueryOp, 1);
  GCancellable *cancellable = task != NULL ? g_task_get_cancellable (task) : NULL;

  op->sql = g_strdup (sql);
  op->params = g_ptr_array_new_full (n_params, g_free);
  for (guint i = 0; i < n_params; i++)
    g_ptr_array_add (op->params, g_strdup (params[i]));

  if (task != NULL)
    op->task = g_object_ref (task);
  else
    op->internal = TRUE;

  if (cancellable != NULL)
    {
      op->cancellable = g_object_ref (cancellable);
      op->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (query_cancelled_cb),
                                                g_object_ref (task), g_object_unref);
    }

  return op;
}

/**
 * fd_connection_get_tls:
 * @tls: (out caller-allocates): how the connection is protected; its strings stay valid
 *   until the connection is closed or reconnects
 *
 * Returns: %FALSE (and @tls zeroed) while not connected
 */
gboolean
fd_connection_get_tls (FdConnection    *self,
                       FdConnectionTls *tls)
{
  const char *host;
  const char *bits;

  g_return_val_if_fail (FD_IS_CONNECTION (self), FALSE);
  g_return_val_if_fail (tls != NULL, FALSE);

  memset (tls, 0, sizeof *tls);
  if (self->conn == NULL || PQstatus (self->conn) != CONNECTION_OK)
    return FALSE;

  host = PQhost (self->conn);
  tls->local = host != NULL && (host[0] == '/' || host[0] == '@');
  tls->encrypted = PQsslInUse (self->conn) != 0;
  if (tls->encrypted)
    {
      tls->protocol = PQsslAttribute (self->conn, "protocol");
      tls->cipher = PQsslAttribute (self->conn, "cipher");
      bits = PQsslAttribute (self->conn, "key_bits");
      tls->key_bits = bits != NULL ? (int) g_ascii_strtoll (bits, NULL, 10) : 0;
    }
  return TRUE;
}
