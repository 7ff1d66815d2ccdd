/* fd-new-client-dialog.h: New Client: the form that adds a client to the practice.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "fd-database.h"
#include "fd-family-picker.h"

G_BEGIN_DECLS

#define FD_TYPE_NEW_CLIENT_DIALOG (fd_new_client_dialog_get_type ())
G_DECLARE_FINAL_TYPE (FdNewClientDialog, fd_new_client_dialog, FD, NEW_CLIENT_DIALOG, AdwWindow)

FdNewClientDialog *fd_new_client_dialog_new          (GtkWindow         *parent,
                                                      FdDatabase        *database);
GtkEditable       *fd_new_client_dialog_get_row      (FdNewClientDialog *self,
                                                      const char        *column);
GtkListBox        *fd_new_client_dialog_get_duplicates (FdNewClientDialog *self);
FdFamilyPicker    *fd_new_client_dialog_get_family_picker (FdNewClientDialog *self);
const char        *fd_new_client_dialog_get_guarantor_id (FdNewClientDialog *self);

G_END_DECLS
