/* fd-confirm-dialog.h: the question asked before anything that affects someone else or
 * drops what was typed: Cancel by default, the action shown as destructive.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

AdwMessageDialog *fd_confirm_dialog_present (GtkWidget  *for_widget,
                                             const char *heading,
                                             const char *body,
                                             const char *cancel_label,
                                             const char *response,
                                             const char *response_label,
                                             const char *css_class);

G_END_DECLS
