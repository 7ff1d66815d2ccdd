/* fd-session-row.h: one connected session as an administrator sees it, with the locks it holds.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define FD_TYPE_SESSION_ROW (fd_session_row_get_type ())
G_DECLARE_FINAL_TYPE (FdSessionRow, fd_session_row, FD, SESSION_ROW, GObject)

gint64      fd_session_row_get_session_id     (FdSessionRow  *self);
const char *fd_session_row_get_login          (FdSessionRow  *self);
const char *fd_session_row_get_display_name   (FdSessionRow  *self);
const char *fd_session_row_get_workstation    (FdSessionRow  *self);
gboolean    fd_session_row_get_is_admin       (FdSessionRow  *self);
GDateTime  *fd_session_row_get_opened_at      (FdSessionRow  *self);
GDateTime  *fd_session_row_get_resumed_at     (FdSessionRow  *self);
gboolean    fd_session_row_get_alive          (FdSessionRow  *self);
const char *fd_session_row_get_client_address (FdSessionRow  *self);
guint       fd_session_row_get_record_locks   (FdSessionRow  *self);
guint       fd_session_row_get_save_locks     (FdSessionRow  *self);
gboolean    fd_session_row_get_is_mine        (FdSessionRow  *self);
gboolean    fd_session_row_is_same_session    (gconstpointer  a,
                                               gconstpointer  b);

G_END_DECLS
