/* fd-lock-row.h: one line of the lock table: a record lock or a held save lock, and its holder.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define FD_TYPE_LOCK_ROW (fd_lock_row_get_type ())
G_DECLARE_FINAL_TYPE (FdLockRow, fd_lock_row, FD, LOCK_ROW, GObject)

gboolean    fd_lock_row_is_save_lock           (FdLockRow     *self);
const char *fd_lock_row_get_lock_kind          (FdLockRow     *self);
const char *fd_lock_row_get_record_kind        (FdLockRow     *self);
const char *fd_lock_row_get_record_id          (FdLockRow     *self);
const char *fd_lock_row_get_description        (FdLockRow     *self);
gint64      fd_lock_row_get_holder_session     (FdLockRow     *self);
const char *fd_lock_row_get_holder_login       (FdLockRow     *self);
const char *fd_lock_row_get_holder_name        (FdLockRow     *self);
const char *fd_lock_row_get_holder_workstation (FdLockRow     *self);
GDateTime  *fd_lock_row_get_since              (FdLockRow     *self);
GDateTime  *fd_lock_row_get_expires_at         (FdLockRow     *self);
gboolean    fd_lock_row_get_alive              (FdLockRow     *self);
gboolean    fd_lock_row_get_expired            (FdLockRow     *self);
gboolean    fd_lock_row_is_same_lock           (gconstpointer  a,
                                                gconstpointer  b);

G_END_DECLS
