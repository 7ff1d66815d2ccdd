/* fd-session.h: this workstation's session on the server: who is signed in where, kept
 * across reconnects with the secret the server issued.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "fd-connection.h"

G_BEGIN_DECLS

#define FD_TYPE_SESSION (fd_session_get_type ())
G_DECLARE_FINAL_TYPE (FdSession, fd_session, FD, SESSION, GObject)

void        fd_session_open_async        (FdConnection         *connection,
                                          const char           *workstation,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data);
FdSession  *fd_session_open_finish       (GAsyncResult         *result,
                                          GError              **error);
gint64      fd_session_get_id            (FdSession            *self);
const char *fd_session_get_login         (FdSession            *self);
const char *fd_session_get_display_name  (FdSession            *self);
const char *fd_session_get_workstation   (FdSession            *self);
gboolean    fd_session_get_is_admin      (FdSession            *self);
FdConnection *fd_session_get_connection  (FdSession            *self);
void        fd_session_close             (FdSession            *self);

G_END_DECLS
