/* fd-procedure-dialog.h: Add Procedure, for the client open in Client Details.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "fd-database.h"
#include "fd-date-row.h"

G_BEGIN_DECLS

#define FD_TYPE_PROCEDURE_DIALOG (fd_procedure_dialog_get_type ())
G_DECLARE_FINAL_TYPE (FdProcedureDialog, fd_procedure_dialog, FD, PROCEDURE_DIALOG, AdwWindow)

FdProcedureDialog *fd_procedure_dialog_new         (GtkWindow         *parent,
                                                    FdDatabase        *database,
                                                    const char        *client_id,
                                                    const char        *fee_schedule_id);
GtkEditable       *fd_procedure_dialog_get_search  (FdProcedureDialog *self);
GtkListBox        *fd_procedure_dialog_get_codes   (FdProcedureDialog *self);
GtkEditable       *fd_procedure_dialog_get_fee     (FdProcedureDialog *self);
FdDateRow         *fd_procedure_dialog_get_date    (FdProcedureDialog *self);
GtkSwitch         *fd_procedure_dialog_get_done    (FdProcedureDialog *self);

G_END_DECLS
