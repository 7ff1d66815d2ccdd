/* fd-embedded-server-private.h: what fd-embedded-server.c (the object, its release and stop)
 * and fd-embedded-server-start.c (starting the server) share.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fd-embedded-server.h"

G_BEGIN_DECLS

#define POLL_INTERVAL_MS       50
#define LOCK_WAIT_LIMIT_S      120
#define SERVER_START_LIMIT_S   60
#define SERVER_STOP_LIMIT_S    30
#define SOCKET_FILE_NAME       ".s.PGSQL.5432"

typedef enum
{
  SERVER_ABSENT,
  SERVER_STARTING,
  SERVER_READY,
  SERVER_STOPPING,
} ServerStatus;

struct _FdEmbeddedServer
{
  GObject      parent_instance;

  /* Owned */
  char        *folder;
  char        *cluster_dir;
  char        *socket_dir;
  char        *log_path;
  char        *bindir;
  char        *user;
  char        *major_version;
  GSubprocess *postmaster;

  int          startup_lock_fd;
  int          clients_lock_fd;
  gboolean     throwaway;
  gboolean     reused;
  gboolean     created;
  gboolean     postmaster_exited;
  GPid         pid;
};

typedef gboolean (*PollFunc) (GTask *task);

typedef struct
{
  PollFunc  check;     /* returns TRUE when the wait is over (it then advanced the task) */
  gint64    deadline;
  guint     source;
} StartData;
void         _fd_embedded_server_emit_progress        (FdEmbeddedServer *self,
                                                       const char       *message);
void         _fd_embedded_server_release_startup_lock (FdEmbeddedServer *self);
void         _fd_embedded_server_close_fd             (int              *fd);
ServerStatus _fd_embedded_server_read_server_status   (FdEmbeddedServer *self,
                                                       GPid             *pid_out);

G_END_DECLS
