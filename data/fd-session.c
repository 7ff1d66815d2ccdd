/* fd-session.c: this workstation's session on the server, kept across reconnects.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The server knows a session is alive while the backend that opened it is. After a
 * reconnect the new backend takes the session over with the secret issued at open
 * (frontdesk.session_resume); if the server says no, because the session was closed or
 * taken over meanwhile, a new one is opened and ::resumed says so.
 */
#include <glib/gi18n-lib.h>
#include <stdlib.h>

#include "fd-pg.h"
#include "fd-query.h"
#include "fd-session.h"

struct _FdSession
{
  GObject       parent_instance;

  /* Owned */
  FdConnection *connection;
  GCancellable *cancellable;
  char         *secret;
  char         *login;
  char         *display_name;
  char         *workstation;

  gint64        id;
  gboolean      is_admin;
};

G_DEFINE_FINAL_TYPE (FdSession, fd_session, G_TYPE_OBJECT)

enum {
  RESUMED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define OPEN_SQL \
  "SELECT session_id, secret, login, display_name, is_admin FROM frontdesk.session_open($1)"

static void
take_open_result (FdSession *self,
                  PGresult  *result)
{
  self->id = g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10);
  g_free (self->secret);
  self->secret = g_strdup (PQgetvalue (result, 0, 1));
  g_free (self->login);
  self->login = g_strdup (PQgetvalue (result, 0, 2));
  g_free (self->display_name);
  self->display_name = g_strdup (PQgetvalue (result, 0, 3));
  self->is_admin = g_str_equal (PQgetvalue (result, 0, 4), "t");
}

static void
reopened_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(FdSession) self = user_data;
  g_autoptr(PGresult) pg_result = NULL;
  g_autoptr(GError) error = NULL;

  pg_result = fd_connection_query_finish (FD_CONNECTION (object), result, &error);
  if (pg_result == NULL)
    {
      /* The next reconnect tries again. */
      g_debug ("Cannot open a new session: %s", error->message);
      return;
    }

  take_open_result (self, pg_result);
  g_signal_emit (self, signals[RESUMED], 0, FALSE);
}

static void
resume_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(FdSession) self = user_data;
  g_autoptr(PGresult) pg_result = NULL;
  g_autoptr(GError) error = NULL;
  const char *params[] = { self->workstation };

  pg_result = fd_connection_query_finish (FD_CONNECTION (object), result, &error);
  if (pg_result == NULL)
    {
      g_debug ("Cannot resume session %" G_GINT64_FORMAT ": %s", self->id, error->message);
      return;
    }

  if (g_str_equal (PQgetvalue (pg_result, 0, 0), "t"))
    {
      g_signal_emit (self, signals[RESUMED], 0, TRUE);
      return;
    }

  fd_connection_query_async (self->connection, OPEN_SQL, 1, params, self->cancellable,
                             reopened_cb, g_object_ref (self));
}

static void
connection_reconnected_cb (FdSession *self)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, self->id);
  const char *params[] = { id, self->secret };

  fd_connection_query_async (self->connection,
                             "SELECT frontdesk.session_resume($1::bigint, $2)", 2, params,
                             self->cancellable, resume_cb, g_object_ref (self));
}

static void
fd_session_dispose (GObject *object)
{
  FdSession *self = FD_SESSION (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->connection);

  G_OBJECT_CLASS (fd_session_parent_class)->dispose (object);
}

static void
fd_session_finalize (GObject *object)
{
  FdSession *self = FD_SESSION (object);

  g_clear_object (&self->cancellable);
  g_free (self->secret);
  g_free (self->login);
  g_free (self->display_name);
  g_free (self->workstation);

  G_OBJECT_CLASS (fd_session_parent_class)->finalize (object);
}

static void
fd_session_class_init (FdSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = fd_session_dispose;
  object_class->finalize = fd_session_finalize;

  /**
   * FdSession::resumed:
   * @same: %TRUE if the session went on; %FALSE if a new one replaced it, so whatever the
   *   old one held (record locks) is no longer this workstation's
   */
  signals[RESUMED] =
    g_signal_new ("resumed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
}

static void
fd_session_init (FdSession *self)
{
  self->cancellable = g_cancellable_new ();
}

static void
opened_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FdSession *self = g_task_get_task_data (task);
  g_autoptr(PGresult) pg_result = NULL;
  GError *error = NULL;

  pg_result = fd_connection_query_finish (FD_CONNECTION (object), result, &error);
  if (pg_result == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  take_open_result (self, pg_result);
  g_signal_connect_object (self->connection, "reconnected",
                           G_CALLBACK (connection_reconnected_cb), self, G_CONNECT_SWAPPED);
  g_task_return_pointer (task, g_object_ref (self), g_object_unref);
}

/**
 * fd_session_open_async:
 * @workstation: how other users see this computer
 *
 * Opens a session for the login of @connection, which must be on the practice staff.
 */
void
fd_session_open_async (FdConnection        *connection,
                       const char          *workstation,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  FdSession *self;
  const char *params[1];

  g_return_if_fail (FD_IS_CONNECTION (connection));
  g_return_if_fail (workstation != NULL);

  self = g_object_new (FD_TYPE_SESSION, NULL);
  self->connection = g_object_ref (connection);
  self->workstation = g_strdup (workstation);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, fd_session_open_async);
  g_task_set_task_data (task, self, g_object_unref);

  params[0] = workstation;
  fd_connection_query_async (connection, OPEN_SQL, 1, params, cancellable, opened_cb,
                             g_steal_pointer (&task));
}

/**
 * fd_session_open_finish:
 *
 * Returns: (transfer full): the session
 */
FdSession *
fd_session_open_finish (GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

gint64
fd_session_get_id (FdSession *self)
{
  g_return_val_if_fail (FD_IS_SESSION (self), 0);

  return self->id;
}

const char *
fd_session_get_login (FdSession *self)
{
  g_return_val_if_fail (FD_IS_SESSION (self), NULL);

  return self->login;
}

/**
 * fd_session_get_display_name:
 *
 * Returns: the signed-in person's name, from the employee list, or their login
 */
const char *
fd_session_get_display_name (FdSession *self)
{
  g_return_val_if_fail (FD_IS_SESSION (self), NULL);

  return self->display_name;
}

const char *
fd_session_get_workstation (FdSession *self)
{
  g_return_val_if_fail (FD_IS_SESSION (self), NULL);

  return self->workstation;
}

gboolean
fd_session_get_is_admin (FdSession *self)
{
  g_return_val_if_fail (FD_IS_SESSION (self), FALSE);

  return self->is_admin;
}

/**
 * fd_session_get_connection:
 *
 * Returns: (transfer none): the connection the session lives on
 */
FdConnection *
fd_session_get_connection (FdSession *self)
{
  g_return_val_if_fail (FD_IS_SESSION (self), NULL);

  return self->connection;
}

/**
 * fd_session_list_live_async:
 *
 * Lists every live session: session_id, login, display_name, workstation, opened_at, is_mine.
 */
void
fd_session_list_live_async (FdSession           *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (FD_IS_SESSION (self));

  fd_query_async (self, fd_session_list_live_async, self->connection,
                  "SELECT session_id, login, display_name, workstation, opened_at, "
                  "is_mine FROM frontdesk.live_sessions()",
                  0, NULL, cancellable, callback, user_data);
}

/**
 * fd_session_list_live_finish:
 *
 * Returns: (transfer full): one row for each live session
 */
PGresult *
fd_session_list_live_finish (FdSession     *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (FD_IS_SESSION (self), NULL);

  return fd_query_finish (self, fd_session_list_live_async, result, error);
}

static void
closed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(PGresult) pg_result = NULL;
  g_autoptr(GError) error = NULL;

  pg_result = fd_connection_query_finish (FD_CONNECTION (object), result, &error);
  if (pg_result == NULL)
    g_debug ("Closing the session: %s", error->message);
}

/**
 * fd_session_close:
 *
 * Ends the session on the server, if the connection still stands; a session whose
 * backend is gone is dead anyway.
 */
void
fd_session_close (FdSession *self)
{
  g_return_if_fail (FD_IS_SESSION (self));

  g_signal_handlers_disconnect_by_data (self->connection, self);
  if (fd_connection_get_state (self->connection) == FD_CONNECTION_STATE_READY)
    fd_connection_query_async (self->connection, "SELECT frontdesk.session_close()", 0, NULL,
                               NULL, closed_cb, NULL);
}
