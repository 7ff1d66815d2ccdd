/* fd-family-picker.h: a family chosen by searching one of its members by name or phone.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "fd-client-summary.h"
#include "fd-database.h"

G_BEGIN_DECLS

#define FD_TYPE_FAMILY_PICKER (fd_family_picker_get_type ())
G_DECLARE_FINAL_TYPE (FdFamilyPicker, fd_family_picker, FD, FAMILY_PICKER, GtkWidget)

void         fd_family_picker_set_database (FdFamilyPicker *self,
                                            FdDatabase     *database);
void         fd_family_picker_reset        (FdFamilyPicker *self);
GtkEditable *fd_family_picker_get_entry    (FdFamilyPicker *self);
GtkListBox  *fd_family_picker_get_results  (FdFamilyPicker *self);

GtkWidget   *fd_client_summary_row_new     (FdClientSummary *summary,
                                            const char      *subtitle);

G_END_DECLS
