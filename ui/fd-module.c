/* fd-module.c: a page of the main window with a button in its side bar.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "fd-module.h"

G_DEFINE_INTERFACE (FdModule, fd_module, GTK_TYPE_WIDGET)

static void
fd_module_default_init (FdModuleInterface *iface)
{
}

const char *
fd_module_get_title (FdModule *self)
{
  g_return_val_if_fail (FD_IS_MODULE (self), NULL);

  return FD_MODULE_GET_IFACE (self)->get_title (self);
}

const char *
fd_module_get_icon_name (FdModule *self)
{
  g_return_val_if_fail (FD_IS_MODULE (self), NULL);

  return FD_MODULE_GET_IFACE (self)->get_icon_name (self);
}

/**
 * fd_module_refresh:
 *
 * Reloads what the module shows from the server, as when its button is clicked again.
 */
void
fd_module_refresh (FdModule *self)
{
  g_return_if_fail (FD_IS_MODULE (self));

  if (FD_MODULE_GET_IFACE (self)->refresh != NULL)
    FD_MODULE_GET_IFACE (self)->refresh (self);
}

/**
 * fd_module_show_toast:
 *
 * Shows @message briefly over the window that holds @module (its win.toast action); a
 * module not in a window shows nothing.
 */
void
fd_module_show_toast (FdModule   *self,
                      const char *message)
{
  g_return_if_fail (FD_IS_MODULE (self));
  g_return_if_fail (message != NULL);

  gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", message);
}
