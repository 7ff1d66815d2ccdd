/* fd-lock-table.h: the Admin module's lock table: every record lock and save lock, every
 * connected session, with Unlock and Take for the lock selected.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "fd-database.h"

G_BEGIN_DECLS

#define FD_TYPE_LOCK_TABLE (fd_lock_table_get_type ())
G_DECLARE_FINAL_TYPE (FdLockTable, fd_lock_table, FD, LOCK_TABLE, GtkWidget)

GtkWidget         *fd_lock_table_new         (FdDatabase  *database);
guint              fd_lock_table_get_n_locks (FdLockTable *self);
GtkSelectionModel *fd_lock_table_get_locks   (FdLockTable *self);
void               fd_lock_table_reload      (FdLockTable *self);

G_END_DECLS
