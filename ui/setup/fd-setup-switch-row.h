/* fd-setup-switch-row.h: a yes-or-no field of a Setup form, with the column it edits.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define FD_TYPE_SETUP_SWITCH_ROW (fd_setup_switch_row_get_type ())
G_DECLARE_FINAL_TYPE (FdSetupSwitchRow, fd_setup_switch_row, FD, SETUP_SWITCH_ROW, AdwActionRow)

GtkWidget  *fd_setup_switch_row_new        (const char       *column,
                                            const char       *title,
                                            gboolean          active);
const char *fd_setup_switch_row_get_column (FdSetupSwitchRow *self);
gboolean    fd_setup_switch_row_get_active (FdSetupSwitchRow *self);

G_END_DECLS
