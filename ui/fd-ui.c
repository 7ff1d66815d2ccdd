/* fd-ui.c: the modules each main window shows, in the order of its side bar.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The one place that knows every capability: the window (ui/common) knows modules only as
 * FdModule, and no capability knows another.
 */
#include "fd-admin-module.h"
#include "fd-appointments-module.h"
#include "fd-clients-module.h"
#include "fd-setup-module.h"
#include "fd-ui.h"

void
fd_ui_register_modules (void)
{
  fd_module_register (FD_TYPE_CLIENTS_MODULE, FD_MODULE_FOR_EVERYONE);
  fd_module_register (FD_TYPE_APPOINTMENTS_MODULE, FD_MODULE_FOR_EVERYONE);
  fd_module_register (FD_TYPE_SETUP_MODULE, FD_MODULE_FOR_EVERYONE);
  fd_module_register (FD_TYPE_ADMIN_MODULE, FD_MODULE_FOR_ADMINISTRATORS);
}
