/* fd-ui.h: what the program's widgets need before the first window: the modules each main
 * window shows, from the capabilities' folders.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void fd_ui_register_modules (void);

G_END_DECLS
