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

/* Hands the module the database to work on (a reconnect, another sign-in). */
void
fd_module_set_database (FdModule   *self,
                        FdDatabase *database)
{
  g_return_if_fail (FD_IS_MODULE (self));

  FD_MODULE_GET_IFACE (self)->set_database (self, database);
}

/**
 * fd_module_leave_async:
 *
 * Settles what the module has not saved before the person signs out: it may ask (Save /
 * Discard / Cancel). A module with nothing of its own to settle is left at once.
 */
void
fd_module_leave_async (FdModule            *self,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (FD_IS_MODULE (self));

  if (FD_MODULE_GET_IFACE (self)->leave_async != NULL)
    {
      FD_MODULE_GET_IFACE (self)->leave_async (self, callback, user_data);
      return;
    }
  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, fd_module_leave_async);
  g_task_return_boolean (task, TRUE);
}

/**
 * fd_module_leave_finish:
 *
 * Returns: %TRUE when the module may be left; %FALSE when the person chose to stay
 */
gboolean
fd_module_leave_finish (FdModule     *self,
                        GAsyncResult *result)
{
  g_return_val_if_fail (FD_IS_MODULE (self), FALSE);

  if (FD_MODULE_GET_IFACE (self)->leave_finish != NULL &&
      !g_async_result_is_tagged (result, fd_module_leave_async))
    return FD_MODULE_GET_IFACE (self)->leave_finish (self, result);
  return g_task_propagate_boolean (G_TASK (result), NULL);
}

/* The modules the window shows, in the order of its side bar. */
static GArray *registered;

/**
 * fd_module_register:
 * @type: a widget type implementing #FdModule
 *
 * Adds a module to those every main window shows (from the next window on), after the
 * ones registered before it. The window knows modules only by this list, so the
 * capabilities' folders need not be known to it.
 */
void
fd_module_register (GType            type,
                    FdModuleAudience audience)
{
  FdModuleEntry entry = { type, audience };

  g_return_if_fail (g_type_is_a (type, FD_TYPE_MODULE));

  if (registered == NULL)
    registered = g_array_new (FALSE, FALSE, sizeof (FdModuleEntry));
  for (guint i = 0; i < registered->len; i++)
    {
      if (g_array_index (registered, FdModuleEntry, i).type == type)
        return;
    }
  g_array_append_val (registered, entry);
}

/**
 * fd_module_get_registered:
 *
 * Returns: (array length=n_entries): the registered modules, in order
 */
const FdModuleEntry *
fd_module_get_registered (guint *n_entries)
{
  *n_entries = registered != NULL ? registered->len : 0;
  return registered != NULL ? (const FdModuleEntry *) registered->data : NULL;
}
