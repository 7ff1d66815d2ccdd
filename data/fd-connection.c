/* fd-connection.c: one PostgreSQL connection driven by libpq in non-blocking mode from the
 * GLib main context, with LISTEN/NOTIFY and automatic reconnect.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Queries queue in FIFO order and run one at a time. Queries queued in one main-loop
 * iteration therefore run back to back, which is what lets a caller queue BEGIN, the
 * statements and COMMIT together. When the server goes away every query in the queue
 * fails with FD_DB_ERROR_CONNECTION_LOST and the connection reconnects with backoff,
 * LISTENs again, and emits ::reconnected.
 *
 * Connecting and reconnecting live in fd-connection-connect.c, the query queue in
 * fd-connection-queries.c; fd-connection-private.h is what the three share.
 */
#include <glib/gi18n-lib.h>
#include <glib-unix.h>
#include <string.h>
#include <sys/socket.h>

#include "fd-connection-private.h"
#include "fd-pg.h"

G_DEFINE_FINAL_TYPE (FdConnection, fd_connection, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (FdConnectionState, fd_connection_state,
                    G_DEFINE_ENUM_VALUE (FD_CONNECTION_STATE_CLOSED, "closed"),
                    G_DEFINE_ENUM_VALUE (FD_CONNECTION_STATE_CONNECTING, "connecting"),
                    G_DEFINE_ENUM_VALUE (FD_CONNECTION_STATE_READY, "ready"),
                    G_DEFINE_ENUM_VALUE (FD_CONNECTION_STATE_LOST, "lost"))

enum {
  PROP_0,
  PROP_STATE,
  N_PROPS
};

enum {
  NOTIFICATION,
  RECONNECTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The task pointer is owned: answering it also drops that reference. */
void
_fd_connection_task_return_error (GTask  **task,
                                  GError  *error)
{
  GTask *owned = g_steal_pointer (task);

  g_task_return_error (owned, error);
  g_object_unref (owned);
}

void
_fd_connection_task_return_cancelled (GTask **task)
{
  _fd_connection_task_return_error (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                               _("The operation was cancelled.")));
}

void
_fd_connection_query_op_free (QueryOp *op)
{
  if (op->cancelled_id != 0)
    g_cancellable_disconnect (op->cancellable, op->cancelled_id);
  g_clear_object (&op->cancellable);
  g_clear_object (&op->task);
  g_clear_pointer (&op->result, PQclear);
  g_clear_pointer (&op->error, PQclear);
  g_clear_pointer (&op->params, g_ptr_array_unref);
  g_free (op->sql);
  g_free (op->statement);
  g_free (op);
}

void
_fd_connection_set_state (FdConnection      *self,
                          FdConnectionState  state)
{
  if (self->state == state)
    return;

  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

void
_fd_connection_query_op_fail (QueryOp      *op,
                              const GError *error)
{
  if (op->task != NULL)
    _fd_connection_task_return_error (&op->task, g_error_copy (error));
  _fd_connection_query_op_free (op);
}

void
_fd_connection_fail_all_queries (FdConnection *self,
                                 const GError *error)
{
  QueryOp *op;

  if (self->current != NULL)
    _fd_connection_query_op_fail (g_steal_pointer (&self->current), error);

  while ((op = g_queue_pop_head (&self->pending)) != NULL)
    _fd_connection_query_op_fail (op, error);
}

void
_fd_connection_stop_watching (FdConnection *self)
{
  g_clear_handle_id (&self->io_source, g_source_remove);
  self->io_condition = 0;
}

void
_fd_connection_drain_notifications (FdConnection *self)
{
  PGnotify *notify;

  while (self->conn != NULL && (notify = PQnotifies (self->conn)) != NULL)
    {
      g_signal_emit (self, signals[NOTIFICATION], g_quark_from_string (notify->relname),
                     notify->relname, notify->extra, notify->be_pid);
      PQfreemem (notify);
    }
}


void
_fd_connection_emit_reconnected (FdConnection *self)
{
  g_signal_emit (self, signals[RECONNECTED], 0);
}

/* GObject ---------------------------------------------------------------------------------- */

static void
fd_connection_dispose (GObject *object)
{
  fd_connection_close (FD_CONNECTION (object));

  G_OBJECT_CLASS (fd_connection_parent_class)->dispose (object);
}

static void
fd_connection_finalize (GObject *object)
{
  FdConnection *self = FD_CONNECTION (object);

  g_strfreev (self->keywords);
  g_strfreev (self->values);
  g_hash_table_unref (self->channels);
  g_hash_table_unref (self->prepared);
  g_main_context_unref (self->context);

  G_OBJECT_CLASS (fd_connection_parent_class)->finalize (object);
}

static void
fd_connection_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  FdConnection *self = FD_CONNECTION (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fd_connection_class_init (FdConnectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = fd_connection_dispose;
  object_class->finalize = fd_connection_finalize;
  object_class->get_property = fd_connection_get_property;

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       FD_TYPE_CONNECTION_STATE, FD_CONNECTION_STATE_CLOSED,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FdConnection::notification:
   * @channel: the channel, also the signal's detail
   * @payload: the payload, "" when none
   * @pid: the backend pid of the session that sent it
   */
  signals[NOTIFICATION] =
    g_signal_new ("notification", G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_INT);

  /**
   * FdConnection::reconnected:
   *
   * The connection came back after it was lost; LISTENs are renewed. Anything the
   * server could have changed meanwhile must be reloaded.
   */
  signals[RECONNECTED] =
    g_signal_new ("reconnected", G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
fd_connection_init (FdConnection *self)
{
  self->channels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->prepared = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->context = g_main_context_ref_thread_default ();
  self->connect_timeout_s = DEFAULT_CONNECT_TIMEOUT_S;
  g_queue_init (&self->pending);
}

/* Public API ------------------------------------------------------------------------------- */

/**
 * fd_connection_new:
 * @keywords: libpq connection keywords, %NULL-terminated
 * @values: their values, same length
 *
 * TCP keepalives are turned on unless the caller sets them, so a cut network cable is
 * noticed within half a minute even when the connection is idle.
 */
FdConnection *
fd_connection_new (const char * const *keywords,
                   const char * const *values)
{
  static const char * const defaults[][2] = {
    { "application_name", "frontdesk" },
    { "keepalives", "1" },
    { "keepalives_idle", "10" },
    { "keepalives_interval", "5" },
    { "keepalives_count", "3" },
  };
  FdConnection *self;
  g_autoptr(GStrvBuilder) keyword_builder = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) value_builder = g_strv_builder_new ();

  g_return_val_if_fail (keywords != NULL, NULL);
  g_return_val_if_fail (values != NULL, NULL);

  for (guint i = 0; keywords[i] != NULL; i++)
    {
      g_strv_builder_add (keyword_builder, keywords[i]);
      g_strv_builder_add (value_builder, values[i] != NULL ? values[i] : "");
    }

  for (guint i = 0; i < G_N_ELEMENTS (defaults); i++)
    {
      if (g_strv_contains (keywords, defaults[i][0]))
        continue;
      g_strv_builder_add (keyword_builder, defaults[i][0]);
      g_strv_builder_add (value_builder, defaults[i][1]);
    }

  self = g_object_new (FD_TYPE_CONNECTION, NULL);
  self->keywords = g_strv_builder_end (keyword_builder);
  self->values = g_strv_builder_end (value_builder);

  return self;
}

FdConnectionState
fd_connection_get_state (FdConnection *self)
{
  g_return_val_if_fail (FD_IS_CONNECTION (self), FD_CONNECTION_STATE_CLOSED);

  return self->state;
}

int
fd_connection_get_server_version (FdConnection *self)
{
  g_return_val_if_fail (FD_IS_CONNECTION (self), 0);

  return self->conn != NULL ? PQserverVersion (self->conn) : 0;
}

int
fd_connection_get_backend_pid (FdConnection *self)
{
  g_return_val_if_fail (FD_IS_CONNECTION (self), 0);

  return self->conn != NULL ? PQbackendPID (self->conn) : 0;
}

/**
 * fd_connection_dup_server_address:
 *
 * Of several hosts in the connection string, the one this connection reached.
 *
 * Returns: (transfer full) (nullable): "host:port" of the server connected to, or %NULL
 *   while not connected
 */
char *
fd_connection_dup_server_address (FdConnection *self)
{
  g_return_val_if_fail (FD_IS_CONNECTION (self), NULL);

  if (self->conn == NULL || PQstatus (self->conn) != CONNECTION_OK)
    return NULL;
  return g_strdup_printf ("%s:%s", PQhost (self->conn), PQport (self->conn));
}

/**
 * fd_connection_dup_client_address:
 *
 * This end of a TCP connection, as the server would see it in `inet_client_addr()` and
 * `inet_client_port()` if nothing stood between them (a pooler does).
 *
 * Returns: (transfer full) (nullable): "address:port", or %NULL for a Unix socket or while
 *   not connected
 */
char *
fd_connection_dup_client_address (FdConnection *self)
{
  struct sockaddr_storage native;
  socklen_t length = sizeof native;
  g_autoptr(GSocketAddress) address = NULL;
  g_autofree char *text = NULL;
  GInetSocketAddress *inet;

  g_return_val_if_fail (FD_IS_CONNECTION (self), NULL);

  if (self->conn == NULL || PQsocket (self->conn) < 0 ||
      getsockname (PQsocket (self->conn), (struct sockaddr *) &native, &length) != 0)
    return NULL;
  address = g_socket_address_new_from_native (&native, length);
  if (!G_IS_INET_SOCKET_ADDRESS (address))
    return NULL;

  inet = G_INET_SOCKET_ADDRESS (address);
  text = g_inet_address_to_string (g_inet_socket_address_get_address (inet));
  return g_strdup_printf ("%s:%u", text, g_inet_socket_address_get_port (inet));
}

/**
 * fd_connection_get_parameter:
 *
 * Returns: (nullable): the value this connection was created with for @keyword
 */
const char *
fd_connection_get_parameter (FdConnection *self,
                             const char   *keyword)
{
  g_return_val_if_fail (FD_IS_CONNECTION (self), NULL);
  g_return_val_if_fail (keyword != NULL, NULL);

  for (guint i = 0; self->keywords[i] != NULL; i++)
    {
      if (g_str_equal (self->keywords[i], keyword))
        return self->values[i];
    }

  return NULL;
}

/**
 * fd_connection_encrypt_password:
 *
 * Returns: (transfer full): the SCRAM-SHA-256 verifier of @password for @user, so that
 *   the password itself never travels to the server or into its logs
 */
char *
fd_connection_encrypt_password (FdConnection  *self,
                                const char    *user,
                                const char    *password,
                                GError       **error)
{
  char *encrypted;
  char *copy;

  g_return_val_if_fail (FD_IS_CONNECTION (self), NULL);
  g_return_val_if_fail (user != NULL && password != NULL, NULL);

  /* With the algorithm named, libpq asks the server nothing: no blocking. */
  encrypted = self->conn != NULL ? PQencryptPasswordConn (self->conn, password, user,
                                                          "scram-sha-256")
                                 : NULL;
  if (encrypted == NULL)
    {
      g_set_error (error, FD_DB_ERROR, FD_DB_ERROR_FAILED,
                   _("Cannot encrypt the password: %s"),
                   self->conn != NULL ? PQerrorMessage (self->conn) : _("not connected"));
      return NULL;
    }

  copy = g_strdup (encrypted);
  PQfreemem (encrypted);
  return copy;
}

void
fd_connection_set_connect_timeout (FdConnection *self,
                                   guint         seconds)
{
  g_return_if_fail (FD_IS_CONNECTION (self));
  g_return_if_fail (seconds > 0);

  self->connect_timeout_s = seconds;
}

/**
 * fd_connection_open_async:
 *
 * Connects once. A first connection that fails is reported to the caller; only a
 * connection that was ready once reconnects by itself.
 */
void
fd_connection_open_async (FdConnection        *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (FD_IS_CONNECTION (self));
  g_return_if_fail (self->open_task == NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, fd_connection_open_async);

  if (self->state != FD_CONNECTION_STATE_CLOSED)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_EXISTS,
                               "The connection is already open");
      return;
    }

  self->was_ready = FALSE;
  self->open_task = g_steal_pointer (&task);
  _fd_connection_start_connect (self);
}

gboolean
fd_connection_open_finish (FdConnection  *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * fd_connection_close:
 *
 * Disconnects and stops reconnecting; queries still queued fail as cancelled.
 */
void
fd_connection_close (FdConnection *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (FD_IS_CONNECTION (self));

  g_clear_handle_id (&self->reconnect_source, g_source_remove);
  g_clear_handle_id (&self->connect_timeout_source, g_source_remove);
  g_cancellable_cancel (self->resolve_cancellable);
  g_clear_object (&self->resolve_cancellable);
  _fd_connection_stop_watching (self);
  g_clear_pointer (&self->conn, PQfinish);
  self->cancel_generation++;
  self->cancel_in_flight = FALSE;
  self->was_ready = FALSE;
  _fd_connection_set_state (self, FD_CONNECTION_STATE_CLOSED);

  error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               _("The database connection was closed."));
  _fd_connection_fail_all_queries (self, error);
  if (self->open_task != NULL)
    _fd_connection_task_return_error (&self->open_task, g_error_copy (error));
}

static void
enqueue_query (FdConnection        *self,
               const char          *statement,
               const char          *sql,
               guint                n_params,
               const char * const  *params,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  QueryOp *op;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, fd_connection_query_async);

  if (g_task_return_error_if_cancelled (task))
    return;

  if (self->state != FD_CONNECTION_STATE_READY)
    {
      g_task_return_new_error (task, FD_DB_ERROR, FD_DB_ERROR_CONNECTION_LOST,
                               _("Frontdesk is not connected to the database server right "
                                 "now. Try again in a moment."));
      return;
    }

  op = _fd_connection_query_op_new (self, sql, n_params, params, task);
  op->statement = g_strdup (statement);
  g_queue_push_tail (&self->pending, op);
  _fd_connection_dispatch (self);
}

/**
 * fd_connection_query_async:
 * @sql: one statement with $1… placeholders, or several statements when @n_params is 0
 * @params: (array length=n_params) (nullable): text values, %NULL for SQL NULL
 *
 * Queues @sql. Fails at once with %FD_DB_ERROR_CONNECTION_LOST while not connected.
 */
void
fd_connection_query_async (FdConnection        *self,
                           const char          *sql,
                           guint                n_params,
                           const char * const  *params,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (FD_IS_CONNECTION (self));
  g_return_if_fail (sql != NULL);
  g_return_if_fail (n_params == 0 || params != NULL);

  enqueue_query (self, NULL, sql, n_params, params, cancellable, callback, user_data);
}

/**
 * fd_connection_query_prepared_async:
 * @statement: a name for @sql, the same for every call with that @sql
 * @sql: one statement with $1… placeholders (cast where the type is not plain)
 *
 * As fd_connection_query_async(), for a statement asked again and again (a poll): it is
 * prepared on the server the first time on each backend, then only executed, so the
 * server neither parses nor plans it again. Finish with fd_connection_query_finish().
 */
void
fd_connection_query_prepared_async (FdConnection        *self,
                                    const char          *statement,
                                    const char          *sql,
                                    guint                n_params,
                                    const char * const  *params,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (FD_IS_CONNECTION (self));
  g_return_if_fail (statement != NULL && sql != NULL);
  g_return_if_fail (n_params == 0 || params != NULL);

  enqueue_query (self, statement, sql, n_params, params, cancellable, callback, user_data);
}

/**
 * fd_connection_query_finish:
 *
 * Returns: (transfer full): the last result of the query; free it with PQclear()
 */
PGresult *
fd_connection_query_finish (FdConnection  *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
listen_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(PGresult) pg_result = NULL;
  GError *error = NULL;

  pg_result = fd_connection_query_finish (FD_CONNECTION (object), result, &error);
  if (pg_result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * fd_connection_listen_async:
 *
 * LISTENs on @channel now and again after every reconnect; notifications arrive as
 * FdConnection::notification with @channel as detail.
 */
void
fd_connection_listen_async (FdConnection        *self,
                            const char          *channel,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *sql = NULL;
  char *escaped;

  g_return_if_fail (FD_IS_CONNECTION (self));
  g_return_if_fail (channel != NULL && channel[0] != '\0');

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, fd_connection_listen_async);

  if (self->conn == NULL || self->state != FD_CONNECTION_STATE_READY)
    {
      g_task_return_new_error (task, FD_DB_ERROR, FD_DB_ERROR_CONNECTION_LOST,
                               _("Frontdesk is not connected to the database server right "
                                 "now. Try again in a moment."));
      return;
    }

  g_hash_table_add (self->channels, g_strdup (channel));

  escaped = PQescapeIdentifier (self->conn, channel, strlen (channel));
  sql = g_strdup_printf ("LISTEN %s", escaped);
  PQfreemem (escaped);

  fd_connection_query_async (self, sql, 0, NULL, cancellable, listen_done_cb,
                             g_steal_pointer (&task));
}

gboolean
fd_connection_listen_finish (FdConnection  *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
