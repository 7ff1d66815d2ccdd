/* fd-ui-util.h: small pieces many widgets build the same way.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

GtkWidget *fd_button_new         (const char *label,
                                  const char *css_name,
                                  GCallback   clicked,
                                  gpointer    instance);
GtkLabel  *fd_error_line_new     (void);
void       fd_error_line_show    (GtkLabel   *line,
                                  const char *message);

G_END_DECLS
