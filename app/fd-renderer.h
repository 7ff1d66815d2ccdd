/* fd-renderer.h: picks GTK's cairo renderer where OpenGL would be drawn in software.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean     fd_renderer_name_is_software (const char *renderer);
const char  *fd_renderer_choose           (void);

G_END_DECLS
