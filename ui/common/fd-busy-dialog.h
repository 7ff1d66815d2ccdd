/* fd-busy-dialog.h: what a person sees when the server gave up waiting for someone else's
 * unfinished change: who, where the server could tell, and Try Again.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

gboolean          fd_busy_dialog_is_busy  (const GError *error);
AdwMessageDialog *fd_busy_dialog_present  (GtkWidget    *for_widget,
                                           const GError *error,
                                           GCallback     try_again,
                                           gpointer      instance);
AdwMessageDialog *fd_busy_dialog_present_full (GtkWidget      *for_widget,
                                               const GError   *error,
                                               GCallback       try_again,
                                               gpointer        data,
                                               GDestroyNotify  destroy_data);

G_END_DECLS
