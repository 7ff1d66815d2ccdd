/* fd-setup-edit-dialog.h: the dialog that edits a row of a Setup list, or adds one.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "fd-cache-row.h"
#include "fd-database.h"
#include "fd-setup-sections.h"

G_BEGIN_DECLS

#define FD_TYPE_SETUP_EDIT_DIALOG (fd_setup_edit_dialog_get_type ())
G_DECLARE_FINAL_TYPE (FdSetupEditDialog, fd_setup_edit_dialog, FD, SETUP_EDIT_DIALOG,
                      AdwMessageDialog)

FdSetupEditDialog *fd_setup_edit_dialog_present (GtkWidget            *owner,
                                                 FdDatabase           *database,
                                                 const FdSetupSection *section,
                                                 FdCacheRow           *row);

G_END_DECLS
