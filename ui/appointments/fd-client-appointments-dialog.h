/* fd-client-appointments-dialog.h: a client's next and past appointments, from the book;
 * activating one shows its day with it selected.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "fd-database.h"

G_BEGIN_DECLS

#define FD_TYPE_CLIENT_APPOINTMENTS_DIALOG (fd_client_appointments_dialog_get_type ())
G_DECLARE_FINAL_TYPE (FdClientAppointmentsDialog, fd_client_appointments_dialog, FD,
                      CLIENT_APPOINTMENTS_DIALOG, AdwWindow)

FdClientAppointmentsDialog *fd_client_appointments_dialog_new (GtkWindow  *parent,
                                                               FdDatabase *database,
                                                               const char *client_id,
                                                               const char *client_name);
gboolean fd_client_appointments_dialog_get_loaded (FdClientAppointmentsDialog *self);

FdAppointment *fd_client_appointments_dialog_get_appointment (FdClientAppointmentsDialog *self,
                                                            GtkListBoxRow              *row);

G_END_DECLS
