/* fd-setup-row.h: a row of a Setup list: one provider, operatory, code… with its Edit and
 * Hide buttons.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "fd-cache-row.h"
#include "fd-setup-sections.h"

G_BEGIN_DECLS

#define FD_TYPE_SETUP_ROW (fd_setup_row_get_type ())
G_DECLARE_FINAL_TYPE (FdSetupRow, fd_setup_row, FD, SETUP_ROW, AdwActionRow)

GtkWidget  *fd_setup_row_new      (const FdSetupSection *section,
                                   FdCacheRow           *item,
                                   gboolean              may_change);
FdCacheRow *fd_setup_row_get_item (FdSetupRow           *self);

G_END_DECLS
