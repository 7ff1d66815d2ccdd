/* fd-window.h: the main window: modules down the side, a status line along the bottom.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "fd-database.h"
#include "fd-module.h"
#include "fd-ui-types.h"

G_BEGIN_DECLS

#define FD_TYPE_WINDOW (fd_window_get_type ())
G_DECLARE_FINAL_TYPE (FdWindow, fd_window, FD, WINDOW, AdwApplicationWindow)

FdWindow   *fd_window_new                 (GtkApplication *application,
                                           FdDatabase     *database);
FdDatabase *fd_window_get_database        (FdWindow       *self);
void        fd_window_set_database        (FdWindow       *self,
                                           FdDatabase     *database);
void        fd_window_add_module          (FdWindow       *self,
                                           FdModule       *module);
FdModule   *fd_window_get_visible_module  (FdWindow       *self);
void        fd_window_show_toast          (FdWindow       *self,
                                           const char     *message);
const char *fd_window_get_page_name       (FdWindow       *self);
void        fd_window_show_signed_out     (FdWindow       *self,
                                           const char     *user,
                                           gboolean        switch_user);

G_END_DECLS
