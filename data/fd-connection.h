/* fd-connection.h: one PostgreSQL connection driven by libpq in non-blocking mode from the
 * GLib main context, with LISTEN/NOTIFY and automatic reconnect.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "fd-db-error.h"
#include "fd-types.h"

G_BEGIN_DECLS

typedef enum
{
  FD_CONNECTION_STATE_CLOSED,
  FD_CONNECTION_STATE_CONNECTING,
  FD_CONNECTION_STATE_READY,
  FD_CONNECTION_STATE_LOST,
} FdConnectionState;

#define FD_TYPE_CONNECTION_STATE (fd_connection_state_get_type ())
GType fd_connection_state_get_type (void) G_GNUC_CONST;

#define FD_TYPE_CONNECTION (fd_connection_get_type ())
G_DECLARE_FINAL_TYPE (FdConnection, fd_connection, FD, CONNECTION, GObject)

FdConnection      *fd_connection_new                  (const char * const  *keywords,
                                                       const char * const  *values);
/* How the connection is protected, read from libpq (PQsslInUse, PQsslAttribute). */
typedef struct
{
  gboolean    encrypted;  /* TLS is in use */
  gboolean    local;      /* a Unix socket: the connection never leaves this computer */
  const char *protocol;   /* "TLSv1.3", or NULL; owned by the connection */
  const char *cipher;     /* "TLS_AES_256_GCM_SHA384", or NULL; owned by the connection */
  int         key_bits;   /* the cipher's key length, or 0 */
} FdConnectionTls;

FdConnectionState  fd_connection_get_state            (FdConnection        *self);
int                fd_connection_get_server_version   (FdConnection        *self);
int                fd_connection_get_backend_pid      (FdConnection        *self);
char              *fd_connection_dup_server_address   (FdConnection        *self);
char              *fd_connection_dup_client_address   (FdConnection        *self);
gboolean           fd_connection_get_tls              (FdConnection        *self,
                                                       FdConnectionTls     *tls);
const char        *fd_connection_get_parameter        (FdConnection        *self,
                                                       const char          *keyword);
char              *fd_connection_encrypt_password     (FdConnection        *self,
                                                       const char          *user,
                                                       const char          *password,
                                                       GError             **error);
void               fd_connection_set_connect_timeout  (FdConnection        *self,
                                                       guint                seconds);

void               fd_connection_open_async           (FdConnection        *self,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean           fd_connection_open_finish          (FdConnection        *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);
void               fd_connection_close                (FdConnection        *self);


void               fd_connection_listen_async         (FdConnection        *self,
                                                       const char          *channel,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean           fd_connection_listen_finish        (FdConnection        *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);

G_END_DECLS
