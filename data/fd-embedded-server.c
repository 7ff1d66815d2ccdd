/* fd-embedded-server.c: a private PostgreSQL cluster in the user's data folder, listening on
 * a Unix socket only, shared by every Frontdesk process of that user.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The folder holds:
 *   cluster/       the PostgreSQL data directory (created by initdb on first start)
 *   run/           the socket directory, mode 0700: only this user can connect
 *   server.log     what the server prints
 *   startup.lock   held exclusively while one process checks and starts the server
 *   clients.lock   held shared by every Frontdesk process using the server
 *
 * Whoever releases clients.lock and can then take it exclusively is the last user and
 * stops the server. A crashed process loses its lock with its file descriptors, so the
 * count is never wrong; a server left by a crash is found and reused on the next start.
 *
 * initdb and postgres refuse to run as root. As root they run in a user namespace mapped
 * to an unprivileged account, so every file stays owned by the real user.
 *
 * Starting, from the folder to a server that answers, is in fd-embedded-server-start.c;
 * fd-embedded-server-private.h is what the two share.
 */
#include <glib/gstdio.h>
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/prctl.h>
#include <sys/un.h>
#include <unistd.h>

#include "fd-embedded-server-private.h"

G_DEFINE_FINAL_TYPE (FdEmbeddedServer, fd_embedded_server, G_TYPE_OBJECT)
G_DEFINE_QUARK (fd-embedded-server-error-quark, fd_embedded_server_error)

enum {
  PROGRESS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
_fd_embedded_server_emit_progress (FdEmbeddedServer *self,
                                   const char       *message)
{
  g_signal_emit (self, signals[PROGRESS], 0, message);
}

/* GObject ---------------------------------------------------------------------------------- */

static void
fd_embedded_server_finalize (GObject *object)
{
  FdEmbeddedServer *self = FD_EMBEDDED_SERVER (object);

  _fd_embedded_server_release_startup_lock (self);
  if (self->clients_lock_fd >= 0)
    _fd_embedded_server_close_fd (&self->clients_lock_fd);

  g_clear_object (&self->postmaster);
  g_free (self->folder);
  g_free (self->cluster_dir);
  g_free (self->socket_dir);
  g_free (self->log_path);
  g_free (self->bindir);
  g_free (self->user);
  g_free (self->major_version);

  G_OBJECT_CLASS (fd_embedded_server_parent_class)->finalize (object);
}

static void
fd_embedded_server_class_init (FdEmbeddedServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = fd_embedded_server_finalize;

  /**
   * FdEmbeddedServer::progress:
   * @message: what is happening, for a person
   */
  signals[PROGRESS] =
    g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
fd_embedded_server_init (FdEmbeddedServer *self)
{
  const char *bindir = g_getenv ("FRONTDESK_POSTGRESQL_BINDIR");

  self->startup_lock_fd = -1;
  self->clients_lock_fd = -1;
  self->bindir = g_strdup (bindir != NULL && bindir[0] != '\0' ? bindir : POSTGRESQL_BINDIR);
  self->user = g_strdup (g_get_user_name ());
}

/* Public API ------------------------------------------------------------------------------- */

/**
 * fd_embedded_server_new:
 * @folder: where the cluster, its socket and its log live
 */
FdEmbeddedServer *
fd_embedded_server_new (const char *folder)
{
  FdEmbeddedServer *self;

  g_return_val_if_fail (folder != NULL && g_path_is_absolute (folder), NULL);

  self = g_object_new (FD_TYPE_EMBEDDED_SERVER, NULL);
  self->folder = g_strdup (folder);
  self->cluster_dir = g_build_filename (folder, "cluster", NULL);
  self->socket_dir = g_build_filename (folder, "run", NULL);
  self->log_path = g_build_filename (folder, "server.log", NULL);

  return self;
}

/**
 * fd_embedded_server_dup_default_folder:
 *
 * Returns: (transfer full): the user's Frontdesk database folder
 */
char *
fd_embedded_server_dup_default_folder (void)
{
  return g_build_filename (g_get_user_data_dir (), "frontdesk", "database", NULL);
}

/**
 * fd_embedded_server_set_throwaway:
 *
 * Trades crash safety for speed (no fsync), for tests whose data may be lost.
 */
void
fd_embedded_server_set_throwaway (FdEmbeddedServer *self,
                                  gboolean          throwaway)
{
  g_return_if_fail (FD_IS_EMBEDDED_SERVER (self));

  self->throwaway = !!throwaway;
}

const char *
fd_embedded_server_get_folder (FdEmbeddedServer *self)
{
  g_return_val_if_fail (FD_IS_EMBEDDED_SERVER (self), NULL);

  return self->folder;
}

const char *
fd_embedded_server_get_socket_dir (FdEmbeddedServer *self)
{
  g_return_val_if_fail (FD_IS_EMBEDDED_SERVER (self), NULL);

  return self->socket_dir;
}

/**
 * fd_embedded_server_get_user:
 *
 * Returns: the database superuser, named after the account that created the cluster
 */
const char *
fd_embedded_server_get_user (FdEmbeddedServer *self)
{
  g_return_val_if_fail (FD_IS_EMBEDDED_SERVER (self), NULL);

  return self->user;
}

GPid
fd_embedded_server_get_pid (FdEmbeddedServer *self)
{
  g_return_val_if_fail (FD_IS_EMBEDDED_SERVER (self), 0);

  return self->pid;
}

/**
 * fd_embedded_server_get_reused:
 *
 * Returns: whether the last start found the server already running
 */
gboolean
fd_embedded_server_get_reused (FdEmbeddedServer *self)
{
  g_return_val_if_fail (FD_IS_EMBEDDED_SERVER (self), FALSE);

  return self->reused;
}

/**
 * fd_embedded_server_get_created:
 *
 * Returns: whether the last start ran initdb
 */
gboolean
fd_embedded_server_get_created (FdEmbeddedServer *self)
{
  g_return_val_if_fail (FD_IS_EMBEDDED_SERVER (self), FALSE);

  return self->created;
}

static void
signal_postmaster (FdEmbeddedServer *self)
{
  GPid pid;

  /* SIGINT is PostgreSQL's fast shutdown: sessions end, data is written out. */
  if (_fd_embedded_server_read_server_status (self, &pid) != SERVER_ABSENT)
    kill (pid, SIGINT);
}

/* Until the postmaster has gone, or SERVER_STOP_LIMIT_S. */
static void
wait_until_gone (FdEmbeddedServer *self)
{
  gint64 deadline = g_get_monotonic_time () + SERVER_STOP_LIMIT_S * G_USEC_PER_SEC;
  GPid pid;

  while (_fd_embedded_server_read_server_status (self, &pid) != SERVER_ABSENT &&
         g_get_monotonic_time () < deadline)
    g_usleep (20 * 1000);
}

/**
 * fd_embedded_server_release:
 *
 * Stops using the server. The last Frontdesk process to let go stops it, and waits until
 * it has gone while it still holds the clients' lock: a process starting meanwhile (two
 * frontdesk-admin commands one after the other) would otherwise find the server still
 * "ready", reuse it, and lose its connection as the server shut down.
 *
 * Returns: %TRUE if this call stopped the server
 */
gboolean
fd_embedded_server_release (FdEmbeddedServer *self)
{
  gboolean last;

  g_return_val_if_fail (FD_IS_EMBEDDED_SERVER (self), FALSE);

  if (self->clients_lock_fd < 0)
    return FALSE;

  flock (self->clients_lock_fd, LOCK_UN);
  last = flock (self->clients_lock_fd, LOCK_EX | LOCK_NB) == 0;
  if (last)
    {
      signal_postmaster (self);
      wait_until_gone (self);
    }

  _fd_embedded_server_close_fd (&self->clients_lock_fd);
  return last;
}

/**
 * fd_embedded_server_stop:
 *
 * Stops the server whoever else uses it, and waits until it is gone.
 */
void
fd_embedded_server_stop (FdEmbeddedServer *self)
{
  g_return_if_fail (FD_IS_EMBEDDED_SERVER (self));

  signal_postmaster (self);
  wait_until_gone (self);

  if (self->clients_lock_fd >= 0)
    _fd_embedded_server_close_fd (&self->clients_lock_fd);
}
