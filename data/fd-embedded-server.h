/* fd-embedded-server.h: a private PostgreSQL cluster in the user's data folder, listening on
 * a Unix socket only, shared by every Frontdesk process of that user.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "fd-types.h"

G_BEGIN_DECLS

#define FD_EMBEDDED_SERVER_ERROR (fd_embedded_server_error_quark ())

typedef enum
{
  FD_EMBEDDED_SERVER_ERROR_FAILED,
  FD_EMBEDDED_SERVER_ERROR_FOLDER_NOT_WRITABLE,
  FD_EMBEDDED_SERVER_ERROR_PATH_TOO_LONG,
  FD_EMBEDDED_SERVER_ERROR_PROGRAMS_MISSING,
  FD_EMBEDDED_SERVER_ERROR_VERSION_MISMATCH,
  FD_EMBEDDED_SERVER_ERROR_NOT_A_CLUSTER,
  FD_EMBEDDED_SERVER_ERROR_INITDB_FAILED,
  FD_EMBEDDED_SERVER_ERROR_START_FAILED,
  FD_EMBEDDED_SERVER_ERROR_BUSY,
} FdEmbeddedServerError;

GQuark fd_embedded_server_error_quark (void);

#define FD_TYPE_EMBEDDED_SERVER (fd_embedded_server_get_type ())
G_DECLARE_FINAL_TYPE (FdEmbeddedServer, fd_embedded_server, FD, EMBEDDED_SERVER, GObject)

FdEmbeddedServer *fd_embedded_server_new               (const char           *folder);
char             *fd_embedded_server_dup_default_folder (void);
void              fd_embedded_server_set_throwaway     (FdEmbeddedServer     *self,
                                                        gboolean              throwaway);
const char       *fd_embedded_server_get_folder        (FdEmbeddedServer     *self);
const char       *fd_embedded_server_get_socket_dir    (FdEmbeddedServer     *self);
const char       *fd_embedded_server_get_user          (FdEmbeddedServer     *self);
GPid              fd_embedded_server_get_pid           (FdEmbeddedServer     *self);
gboolean          fd_embedded_server_get_reused        (FdEmbeddedServer     *self);
gboolean          fd_embedded_server_get_created       (FdEmbeddedServer     *self);

void              fd_embedded_server_start_async       (FdEmbeddedServer     *self,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
gboolean          fd_embedded_server_start_finish      (FdEmbeddedServer     *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);
gboolean          fd_embedded_server_release           (FdEmbeddedServer     *self);
void              fd_embedded_server_stop              (FdEmbeddedServer     *self);

G_END_DECLS
