/* fd-maintenance-page.h: the Admin module's maintenance switch: lock the whole practice
 * database with a reason, and unlock it.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "fd-database.h"

G_BEGIN_DECLS

#define FD_TYPE_MAINTENANCE_PAGE (fd_maintenance_page_get_type ())
G_DECLARE_FINAL_TYPE (FdMaintenancePage, fd_maintenance_page, FD, MAINTENANCE_PAGE, GtkWidget)

GtkWidget *fd_maintenance_page_new        (FdDatabase        *database);
void       fd_maintenance_page_switch     (FdMaintenancePage *self,
                                           gboolean           active,
                                           const char        *reason);

G_END_DECLS
