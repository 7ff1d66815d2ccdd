/* fd-setup-entry-row.h: a text field of a Setup form, with the column it edits.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "fd-field-change.h"

G_BEGIN_DECLS

#define FD_TYPE_SETUP_ENTRY_ROW (fd_setup_entry_row_get_type ())
G_DECLARE_FINAL_TYPE (FdSetupEntryRow, fd_setup_entry_row, FD, SETUP_ENTRY_ROW, AdwEntryRow)

GtkWidget  *fd_setup_entry_row_new        (const char      *column,
                                           const char      *title,
                                           const char      *value);
const char *fd_setup_entry_row_get_column (FdSetupEntryRow *self);
char       *fd_setup_entry_row_dup_value  (FdSetupEntryRow *self);
void        fd_setup_entry_row_set_value  (FdSetupEntryRow *self,
                                           const char      *value);
gboolean    fd_setup_entry_row_get_edited (FdSetupEntryRow *self);
const char *fd_setup_entry_row_get_loaded (FdSetupEntryRow *self);
void        fd_setup_entry_row_follow     (FdSetupEntryRow *self,
                                           const char      *stored,
                                           const FdFieldChange *change);
gboolean    fd_setup_entry_row_get_conflicted (FdSetupEntryRow *self);
void        fd_setup_entry_row_revert     (FdSetupEntryRow *self);

G_END_DECLS
