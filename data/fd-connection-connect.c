/* fd-connection-connect.c: connecting to the server, and reconnecting with backoff when it
 * goes away.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>
#include <glib-unix.h>
#include <string.h>

#include "fd-connection-private.h"
#include "fd-pg.h"

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
  _fd_connection_start_connect (self);
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
  _fd_connection_stop_watching (self);
  g_clear_handle_id (&self->connect_timeout_source, g_source_remove);
  g_clear_pointer (&self->conn, PQfinish);

  if (self->open_task != NULL)
    {
      _fd_connection_set_state (self, FD_CONNECTION_STATE_CLOSED);
      _fd_connection_task_return_error (&self->open_task, error);
      return;
    }

  g_debug ("Reconnect failed: %s", error->message);
  g_error_free (error);
  _fd_connection_set_state (self, FD_CONNECTION_STATE_LOST);
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
      g_queue_push_tail (&self->pending, _fd_connection_query_op_new (self, sql, 0, NULL, NULL));
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
  _fd_connection_watch_socket (self, G_IO_IN, _fd_connection_socket_ready_cb);

  self->reconnect_attempt = 0;
  self->was_ready = TRUE;

  if (is_reconnect)
    listen_again (self);

  _fd_connection_set_state (self, FD_CONNECTION_STATE_READY);

  if (self->open_task != NULL)
    {
      GTask *task = g_steal_pointer (&self->open_task);

      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
    }

  if (is_reconnect)
    _fd_connection_emit_reconnected (self);

  _fd_connection_dispatch (self);
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
      _fd_connection_watch_socket (self, G_IO_IN, connect_poll_cb);
      break;
    case PGRES_POLLING_WRITING:
      _fd_connection_watch_socket (self, G_IO_OUT, connect_poll_cb);
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
                                     ngettext ("The database server at %s did not answer within "
                                               "%u second. Check that it is running and reachable.",
                                               "The database server at %s did not answer within "
                                               "%u seconds. Check that it is running and reachable.",
                                               self->connect_timeout_s),
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

  _fd_connection_watch_socket (self, G_IO_OUT, connect_poll_cb);
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

void
_fd_connection_start_connect (FdConnection *self)
{
  g_assert (self->conn == NULL);

  /* A new backend has none of the old one's prepared statements. */
  g_hash_table_remove_all (self->prepared);
  self->reached_server = FALSE;
  _fd_connection_set_state (self, FD_CONNECTION_STATE_CONNECTING);
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

void
_fd_connection_handle_lost (FdConnection *self)
{
  g_autoptr(GError) error = NULL;

  g_debug ("Connection lost: %s", self->conn != NULL ? PQerrorMessage (self->conn) : "");

  _fd_connection_stop_watching (self);
  g_clear_pointer (&self->conn, PQfinish);
  self->cancel_generation++;
  self->cancel_in_flight = FALSE;

  /* The state goes first: a callback below that queues a query must be turned away. */
  _fd_connection_set_state (self, FD_CONNECTION_STATE_LOST);
  schedule_reconnect (self);

  error = _fd_connection_new_lost_error ();
  _fd_connection_fail_all_queries (self, error);
}

GError *
_fd_connection_new_lost_error (void)
{
  return g_error_new_literal (FD_DB_ERROR, FD_DB_ERROR_CONNECTION_LOST,
                              _("The connection to the database server was lost. Frontdesk "
                                "reconnects by itself; try again in a moment."));
}
