/* fd-client-appointment-list.h: Client Details' Appointments group: the client's appointments,
 * upcoming then past, each opening the appointment book at its day.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "fd-database.h"

G_BEGIN_DECLS

#define FD_TYPE_CLIENT_APPOINTMENT_LIST (fd_client_appointment_list_get_type ())
G_DECLARE_FINAL_TYPE (FdClientAppointmentList, fd_client_appointment_list, FD,
                      CLIENT_APPOINTMENT_LIST, AdwPreferencesGroup)

void        fd_client_appointment_list_set_database  (FdClientAppointmentList *self,
                                                      FdDatabase              *database);
void        fd_client_appointment_list_set_client_id (FdClientAppointmentList *self,
                                                      const char              *client_id);
GtkListBox *fd_client_appointment_list_get_list      (FdClientAppointmentList *self);
guint       fd_client_appointment_list_get_loads     (FdClientAppointmentList *self);

G_END_DECLS
