/* fd-preferences-window.h: this workstation's preferences: automatic refresh, its name, and
 * the database server.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "fd-ui-types.h"

G_BEGIN_DECLS

#define FD_TYPE_PREFERENCES_WINDOW (fd_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (FdPreferencesWindow, fd_preferences_window, FD, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

FdPreferencesWindow *fd_preferences_window_new                (GtkWindow           *parent,
                                                               GSettings           *settings,
                                                               const char          *builtin_folder);
void                 fd_preferences_window_show_database_page (FdPreferencesWindow *self);

G_END_DECLS
