/* fd-connection.c: one PostgreSQL connection driven by libpq in non-blocking mode from the
 * GLib main context, with LISTEN/NOTIFY and automatic reconnect.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Queries queue in FIFO order and run one at a time. Queries queued in one main-loop
 * iteration therefore run back to back, which is what lets a caller queue BEGIN, the
 * statements and COMMIT together. When the server goes away every query in the queue
 * fails with FD_DB_ERROR_CONNECTION_LOST and the connection reconnects with backoff,
 * LISTENs again, and emits ::reconnected.
 */
#include <glib/gi18n-lib.h>
#include <glib-unix.h>
#include <string.h>

#include "fd-connection.h"

#define DEFAULT_CONNECT_TIMEOUT_S 10
#define RECONNECT_FIRST_DELAY_MS  100
#define RECONNECT_MAX_DELAY_MS    5000

typedef struct
{
  GTask        *task;         /* NULL for internal queries, and once the caller was answered */
  gboolean      internal;     /* sent by the connection itself, like the LISTENs it renews */
  char         *sql;
  GPtrArray    *params;       /* char *, NULL for SQL NULL */
  PGresult     *result;       /* the last result so far */
  PGresult     *error;        /* the first error result */
  GCancellable *cancellable;
  gulong        cancelled_id;
} QueryOp;

struct _FdConnection
{
  GObject            parent_instance;

  /* Owned */
  GStrv              keywords;
  GStrv              values;
  PGconn            *conn;
  GQueue             pending;
  QueryOp           *current;
  GHashTable        *channels;
  GTask             *open_task;
  GMainContext      *context;

  FdConnectionState  state;
  guint              io_source;
  GIOCondition       io_condition;
  guint              connect_timeout_source;
  guint              connect_timeout_s;
  guint              reconnect_source;
  guint              reconnect_attempt;
  gboolean           reached_server;
  gboolean           was_ready;
  gboolean           cancel_in_flight;
  guint              cancel_generation;
  GCancellable      *resolve_cancellable;
};

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

static void start_connect        (FdConnection *self);
static void dispatch             (FdConnection *self);
static void handle_lost          (FdConnection *self);
static void watch_socket         (FdConnection *self,
                                  GIOCondition  condition,
                                  GUnixFDSourceFunc func);

/* The task pointer is owned: answering it also drops that reference. */
static void
task_return_error (GTask  **task,
                   GError  *error)
{
  GTask *owned = g_steal_pointer (task);

  g_task_return_error (owned, error);
  g_object_unref (owned);
}

static void
task_return_cancelled (GTask **task)
{
  task_return_error (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                _("The operation was cancelled.")));
}

static void
query_op_free (QueryOp *op)
{
  if (op->cancelled_id != 0)
    g_cancellable_disconnect (op->cancellable, op->cancelled_id);
  g_clear_object (&op->cancellable);
  g_clear_object (&op->task);
  g_clear_pointer (&op->result, PQclear);
  g_clear_pointer (&op->error, PQclear);
  g_clear_pointer (&op->params, g_ptr_array_unref);
  g_free (op->sql);
  g_free (op);
}

static void
set_state (FdConnection      *self,
           FdConnectionState  state)
{
  if (self->state == state)
    return;

  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
query_op_fail (QueryOp      *op,
               const GError *error)
{
  if (op->task != NULL)
    task_return_error (&op->task, g_error_copy (error));
  query_op_free (op);
}

static void
fail_all_queries (FdConnection *self,
                  const GError *error)
{
  QueryOp *op;

  if (self->current != NULL)
    query_op_fail (g_steal_pointer (&self->current), error);

  while ((op = g_queue_pop_head (&self->pending)) != NULL)
    query_op_fail (op, error);
}

static void
stop_watching (FdConnection *self)
{
  g_clear_handle_id (&self->io_source, g_source_remove);
  self->io_condition = 0;
}

static void
drain_notifications (FdConnection *self)
{
  PGnotify *notify;

  while (self->conn != NULL && (notify = PQnotifies (self->conn)) != NULL)
    {
      g_signal_emit (self, signals[NOTIFICATION], g_quark_from_string (notify->relname),
                     notify->relname, notify->extra, notify->be_pid);
      PQfreemem (notify);
    }
}

/* Queries ----------------------------------------------------------------------------------- */

static void
finish_current (FdConnection *self)
{
  QueryOp *op = g_steal_pointer (&self->current);

  if (op->task != NULL)
    {
      if (op->error != NULL)
        {
          task_return_error (&op->task, fd_db_error_from_result (op->error));
        }
      else
        {
          GTask *task = g_steal_pointer (&op->task);

          g_task_return_pointer (task, g_steal_pointer (&op->result), (GDestroyNotify) PQclear);
          g_object_unref (task);
        }
    }
  else if (op->internal && op->error != NULL)
    {
      g_warning ("Internal query “%s” failed: %s", op->sql, PQresultErrorMessage (op->error));
    }

  query_op_free (op);
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

      if (result == NULL)
        {
          finish_current (self);
          dispatch (self);
          continue;
        }

      collect_result (self->current, result);
    }
}

static gboolean
socket_ready_cb (int          fd,
                 GIOCondition condition,
                 gpointer     user_data)
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
        watch_socket (self, G_IO_IN, socket_ready_cb);
    }

  if (condition & (G_IO_IN | G_IO_HUP | G_IO_ERR))
    {
      if (!PQconsumeInput (self->conn))
        {
          /* Deliver what arrived before the end: notifications, complete results. */
          drain_notifications (self);
          process_results (self);
          goto lost;
        }
    }

  drain_notifications (self);
  process_results (self);
  drain_notifications (self);

  if (self->conn != NULL && PQstatus (self->conn) == CONNECTION_BAD)
    goto lost;

  g_object_unref (self);
  return G_SOURCE_CONTINUE;

lost:
  /* handle_lost() removes whichever watch is current, this one or its replacement. */
  if (self->conn != NULL)
    handle_lost (self);
  g_object_unref (self);
  return G_SOURCE_REMOVE;
}

static void
watch_socket (FdConnection      *self,
              GIOCondition       condition,
              GUnixFDSourceFunc  func)
{
  stop_watching (self);
  self->io_condition = condition;
  self->io_source = g_unix_fd_add (PQsocket (self->conn), condition, func, self);
}

static void
flush_output (FdConnection *self)
{
  int flushed = PQflush (self->conn);

  if (flushed == -1)
    handle_lost (self);
  else if (flushed == 1)
    watch_socket (self, G_IO_IN | G_IO_OUT, socket_ready_cb);
}

static gboolean
send_query (FdConnection *self,
            QueryOp      *op)
{
  if (op->params->len == 0)
    return PQsendQuery (self->conn, op->sql);

  return PQsendQueryParams (self->conn, op->sql, op->params->len, NULL,
                            (const char * const *) op->params->pdata, NULL, NULL, 0);
}

static void
dispatch (FdConnection *self)
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

          query_op_fail (op, error);
          if (PQstatus (self->conn) == CONNECTION_BAD)
            {
              handle_lost (self);
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
  dispatch (self);
}

/* Answers the caller at once and asks the server to stop the query; its result is dropped.
 * Nothing else is sent until the cancel request is out, so it cannot hit the next query. */
static void
cancel_current (FdConnection *self)
{
  g_autoptr(GTask) cancel_task = NULL;
  PGcancel *cancel;

  task_return_cancelled (&self->current->task);

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
          task_return_cancelled (&op->task);
          query_op_free (op);
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

static QueryOp *
query_op_new (FdConnection       *self,
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

/* Connecting ------------------------------------------------------------------------------- */

static gboolean
status_reached_server (ConnStatusType status)
{
  switch (status)
    {
    case CONNECTION_MADE:
    case CONNECTION_AWAITING_RESPONSE:
    case CONNECTION_AUTH_OK:
    case CONNECTION_SETENV:
    case CONNECTION_SSL_STARTUP:
    case CONNECTION_CHECK_WRITABLE:
    case CONNECTION_CONSUME:
    case CONNECTION_GSS_STARTUP:
    case CONNECTION_CHECK_TARGET:
    case CONNECTION_CHECK_STANDBY:
      return TRUE;
    case CONNECTION_OK:
    case CONNECTION_BAD:
    case CONNECTION_STARTED:
    case CONNECTION_NEEDED:
    default:
      return FALSE;
    }
}

static guint
next_reconnect_delay_ms (FdConnection *self)
{
  guint delay = RECONNECT_FIRST_DELAY_MS;

  for (guint i = 0; i < self->reconnect_attempt && delay < RECONNECT_MAX_DELAY_MS; i++)
    delay *= 2;
  delay = MIN (delay, RECONNECT_MAX_DELAY_MS);

  /* Spread the workstations of a whole office that lost the same server. */
  return (guint) (delay * g_random_double_range (0.8, 1.2));
}

static gboolean
reconnect_cb (gpointer user_data)
{
  FdConnection *self = user_data;

  self->reconnect_source = 0;
  start_connect (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_reconnect (FdConnection *self)
{
  guint delay = next_reconnect_delay_ms (self);

  self->reconnect_attempt++;
  g_debug ("Reconnecting in %u ms (attempt %u)", delay, self->reconnect_attempt);
  self->reconnect_source = g_timeout_add (delay, reconnect_cb, self);
}

static void
connect_failed (FdConnection *self,
                GError       *error)
{
  g_cancellable_cancel (self->resolve_cancellable);
  g_clear_object (&self->resolve_cancellable);
  stop_watching (self);
  g_clear_handle_id (&self->connect_timeout_source, g_source_remove);
  g_clear_pointer (&self->conn, PQfinish);

  if (self->open_task != NULL)
    {
      set_state (self, FD_CONNECTION_STATE_CLOSED);
      task_return_error (&self->open_task, error);
      return;
    }

  g_debug ("Reconnect failed: %s", error->message);
  g_error_free (error);
  set_state (self, FD_CONNECTION_STATE_LOST);
  schedule_reconnect (self);
}

static void
listen_again (FdConnection *self)
{
  GHashTableIter iter;
  gpointer channel;

  g_hash_table_iter_init (&iter, self->channels);
  while (g_hash_table_iter_next (&iter, &channel, NULL))
    {
      g_autofree char *quoted = NULL;
      g_autofree char *sql = NULL;
      char *escaped = PQescapeIdentifier (self->conn, channel, strlen (channel));

      quoted = g_strdup (escaped);
      PQfreemem (escaped);
      sql = g_strdup_printf ("LISTEN %s", quoted);
      g_queue_push_tail (&self->pending, query_op_new (self, sql, 0, NULL, NULL));
    }
}

static void
connect_succeeded (FdConnection *self)
{
  gboolean is_reconnect = self->was_ready;

  /* The caller gave up meanwhile: do not become ready behind its back. */
  if (self->open_task != NULL && g_task_get_cancellable (self->open_task) != NULL &&
      g_cancellable_is_cancelled (g_task_get_cancellable (self->open_task)))
    {
      fd_connection_close (self);
      return;
    }

  g_clear_handle_id (&self->connect_timeout_source, g_source_remove);
  PQsetnonblocking (self->conn, 1);
  watch_socket (self, G_IO_IN, socket_ready_cb);

  self->reconnect_attempt = 0;
  self->was_ready = TRUE;

  if (is_reconnect)
    listen_again (self);

  set_state (self, FD_CONNECTION_STATE_READY);

  if (self->open_task != NULL)
    {
      GTask *task = g_steal_pointer (&self->open_task);

      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
    }

  if (is_reconnect)
    g_signal_emit (self, signals[RECONNECTED], 0);

  dispatch (self);
}

static gboolean
connect_poll_cb (int          fd,
                 GIOCondition condition,
                 gpointer     user_data)
{
  FdConnection *self = user_data;
  PostgresPollingStatusType polling = PQconnectPoll (self->conn);

  if (status_reached_server (PQstatus (self->conn)))
    self->reached_server = TRUE;

  self->io_source = 0;

  switch (polling)
    {
    case PGRES_POLLING_OK:
      connect_succeeded (self);
      break;
    case PGRES_POLLING_READING:
      watch_socket (self, G_IO_IN, connect_poll_cb);
      break;
    case PGRES_POLLING_WRITING:
      watch_socket (self, G_IO_OUT, connect_poll_cb);
      break;
    case PGRES_POLLING_FAILED:
    case PGRES_POLLING_ACTIVE:
    default:
      connect_failed (self, fd_db_error_from_connection (self->conn, self->reached_server));
      break;
    }

  return G_SOURCE_REMOVE;
}

static gboolean
connect_timeout_cb (gpointer user_data)
{
  FdConnection *self = user_data;
  g_autofree char *where = NULL;
  const char *host = fd_connection_get_parameter (self, "host");

  self->connect_timeout_source = 0;
  where = g_strdup (host != NULL && host[0] != '\0' ? host : _("this computer"));
  connect_failed (self, g_error_new (FD_DB_ERROR, FD_DB_ERROR_SERVER_UNREACHABLE,
                                     _("The database server at %s did not answer within %u "
                                       "seconds. Check that it is running and reachable."),
                                     where, self->connect_timeout_s));
  return G_SOURCE_REMOVE;
}

/* Server notices (and the FATAL of a backend being shut down) are for the log, not stderr. */
static void
log_notice (void       *user_data,
            const char *message)
{
  g_debug ("Database server: %s", message);
}

static void
start_libpq_connect (FdConnection *self,
                     const char   *hostaddr)
{
  g_autoptr(GPtrArray) keywords = g_ptr_array_new ();
  g_autoptr(GPtrArray) values = g_ptr_array_new ();

  for (guint i = 0; self->keywords[i] != NULL; i++)
    {
      g_ptr_array_add (keywords, self->keywords[i]);
      g_ptr_array_add (values, self->values[i]);
    }
  if (hostaddr != NULL)
    {
      g_ptr_array_add (keywords, (gpointer) "hostaddr");
      g_ptr_array_add (values, (gpointer) hostaddr);
    }
  g_ptr_array_add (keywords, NULL);
  g_ptr_array_add (values, NULL);

  self->conn = PQconnectStartParams ((const char * const *) keywords->pdata,
                                     (const char * const *) values->pdata, 0);
  if (self->conn == NULL)
    g_error ("Out of memory starting a database connection");

  PQsetNoticeProcessor (self->conn, log_notice, NULL);

  /* Verbose errors carry the SQLSTATE, which fd_db_error_from_connection() reads. */
  PQsetErrorVerbosity (self->conn, PQERRORS_VERBOSE);

  if (PQstatus (self->conn) == CONNECTION_BAD || PQsocket (self->conn) < 0)
    {
      connect_failed (self, fd_db_error_from_connection (self->conn, FALSE));
      return;
    }

  watch_socket (self, G_IO_OUT, connect_poll_cb);
}

static void
host_resolved_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(FdConnection) self = user_data;
  g_autolist(GInetAddress) addresses = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *address = NULL;

  addresses = g_resolver_lookup_by_name_finish (G_RESOLVER (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->resolve_cancellable);
  if (addresses == NULL)
    {
      connect_failed (self, g_error_new (FD_DB_ERROR, FD_DB_ERROR_SERVER_UNREACHABLE,
                                         _("Cannot find the database server “%s” (%s). Check "
                                           "the host name in Preferences."),
                                         fd_connection_get_parameter (self, "host"),
                                         error->message));
      return;
    }

  address = g_inet_address_to_string (addresses->data);
  start_libpq_connect (self, address);
}

/* libpq would look a host name up synchronously, freezing the window while DNS answers. */
static gboolean
host_needs_lookup (FdConnection *self)
{
  const char *host = fd_connection_get_parameter (self, "host");

  return host != NULL && host[0] != '\0' && host[0] != '/' && strchr (host, ',') == NULL &&
         !g_hostname_is_ip_address (host) && fd_connection_get_parameter (self, "hostaddr") == NULL;
}

static void
start_connect (FdConnection *self)
{
  g_assert (self->conn == NULL);

  self->reached_server = FALSE;
  set_state (self, FD_CONNECTION_STATE_CONNECTING);
  self->connect_timeout_source = g_timeout_add_seconds (self->connect_timeout_s,
                                                        connect_timeout_cb, self);

  if (!host_needs_lookup (self))
    {
      start_libpq_connect (self, NULL);
      return;
    }

  self->resolve_cancellable = g_cancellable_new ();
  g_resolver_lookup_by_name_async (g_resolver_get_default (),
                                   fd_connection_get_parameter (self, "host"),
                                   self->resolve_cancellable, host_resolved_cb,
                                   g_object_ref (self));
}

static void
handle_lost (FdConnection *self)
{
  g_autoptr(GError) error = NULL;

  g_debug ("Connection lost: %s", self->conn != NULL ? PQerrorMessage (self->conn) : "");

  stop_watching (self);
  g_clear_pointer (&self->conn, PQfinish);
  self->cancel_generation++;
  self->cancel_in_flight = FALSE;

  /* The state goes first: a callback below that queues a query must be turned away. */
  set_state (self, FD_CONNECTION_STATE_LOST);
  schedule_reconnect (self);

  error = g_error_new_literal (FD_DB_ERROR, FD_DB_ERROR_CONNECTION_LOST,
                               _("The connection to the database server was lost. Frontdesk "
                                 "reconnects by itself; try again in a moment."));
  fail_all_queries (self, error);
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
  start_connect (self);
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
  stop_watching (self);
  g_clear_pointer (&self->conn, PQfinish);
  self->cancel_generation++;
  self->cancel_in_flight = FALSE;
  self->was_ready = FALSE;
  set_state (self, FD_CONNECTION_STATE_CLOSED);

  error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               _("The database connection was closed."));
  fail_all_queries (self, error);
  if (self->open_task != NULL)
    task_return_error (&self->open_task, g_error_copy (error));
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
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (FD_IS_CONNECTION (self));
  g_return_if_fail (sql != NULL);
  g_return_if_fail (n_params == 0 || params != NULL);

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

  g_queue_push_tail (&self->pending, query_op_new (self, sql, n_params, params, task));
  dispatch (self);
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
