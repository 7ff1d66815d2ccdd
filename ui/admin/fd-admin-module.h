/* fd-admin-module.h: the Admin module, for administrators: the lock table and the connected
 * sessions, maintenance mode, the audit log and the integrity checks.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "fd-database.h"
#include "fd-module.h"

G_BEGIN_DECLS

#define FD_TYPE_ADMIN_MODULE (fd_admin_module_get_type ())
G_DECLARE_FINAL_TYPE (FdAdminModule, fd_admin_module, FD, ADMIN_MODULE, GtkWidget)

FdAdminModule *fd_admin_module_new          (FdDatabase    *database);
void           fd_admin_module_set_database (FdAdminModule *self,
                                             FdDatabase    *database);
GtkWidget     *fd_admin_module_show_page    (FdAdminModule *self,
                                             const char    *name);

G_END_DECLS
