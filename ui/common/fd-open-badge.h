/* fd-open-badge.h: the small lock a list shows on a record another desk has open.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "fd-open-records.h"

G_BEGIN_DECLS

GtkWidget *fd_open_badge_new      (void);
char      *fd_open_badge_describe (const FdLockHolder *holder);
void       fd_open_badge_show     (GtkWidget          *badge,
                                   const FdLockHolder *holder);

G_END_DECLS
