/* fd-module.h: a page of the main window with a button in its side bar (Clients,
 * Appointments, Setup, Admin). Clicking the button of the current module refreshes it.
 * A module speaks to its window only through the window's actions (win.toast), so modules
 * need not know the window that holds them.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "fd-database.h"

#include "fd-ui-types.h"

G_BEGIN_DECLS

#define FD_TYPE_MODULE (fd_module_get_type ())
G_DECLARE_INTERFACE (FdModule, fd_module, FD, MODULE, GtkWidget)

struct _FdModuleInterface
{
  GTypeInterface parent_iface;

  const char *(*get_title)     (FdModule *self);
  const char *(*get_icon_name) (FdModule *self);
  void        (*refresh)       (FdModule *self);
  void        (*set_database)  (FdModule   *self,
                                FdDatabase *database);
  /* Optional: settles what the module has unsaved before the person signs out */
  void        (*leave_async)   (FdModule            *self,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data);
  gboolean    (*leave_finish)  (FdModule            *self,
                                GAsyncResult        *result);
};

/* Who a module is for: everyone signed in, or administrators only (the server refuses all
 * of it to anyone else anyway). */
typedef enum
{
  FD_MODULE_FOR_EVERYONE,
  FD_MODULE_FOR_ADMINISTRATORS,
} FdModuleAudience;

typedef struct
{
  GType            type;
  FdModuleAudience audience;
} FdModuleEntry;

const char *fd_module_get_title     (FdModule   *self);
const char *fd_module_get_icon_name (FdModule   *self);
void        fd_module_refresh       (FdModule   *self);
void        fd_module_show_toast    (FdModule   *self,
                                     const char *message);
void        fd_module_set_database  (FdModule   *self,
                                     FdDatabase *database);
void        fd_module_leave_async   (FdModule            *self,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
gboolean    fd_module_leave_finish  (FdModule            *self,
                                     GAsyncResult        *result);

void                 fd_module_register        (GType             type,
                                                FdModuleAudience  audience);
const FdModuleEntry *fd_module_get_registered  (guint            *n_entries);

G_END_DECLS
