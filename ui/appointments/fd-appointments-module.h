/* fd-appointments-module.h: the Appointments module: the appointment book, a day at a time,
 * following every change made at any workstation.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "fd-database.h"
#include "fd-day-view.h"
#include "fd-module.h"

G_BEGIN_DECLS

#define FD_TYPE_APPOINTMENTS_MODULE (fd_appointments_module_get_type ())
G_DECLARE_FINAL_TYPE (FdAppointmentsModule, fd_appointments_module, FD, APPOINTMENTS_MODULE,
                      GtkWidget)

FdAppointmentsModule *fd_appointments_module_new          (FdDatabase           *database);
void                  fd_appointments_module_set_database (FdAppointmentsModule *self,
                                                           FdDatabase           *database);
void                  fd_appointments_module_show_day     (FdAppointmentsModule *self,
                                                           GDateTime            *day);
void                  fd_appointments_module_show_appointment (FdAppointmentsModule *self,
                                                               GDateTime            *day,
                                                               const char           *id);
FdDayView            *fd_appointments_module_get_view     (FdAppointmentsModule *self);
guint                 fd_appointments_module_get_loads    (FdAppointmentsModule *self);
void                  fd_appointments_module_move         (FdAppointmentsModule *self,
                                                           FdAppointment        *appointment,
                                                           const char           *operatory_id,
                                                           int                   minute);
void                  fd_appointments_module_move_to_day  (FdAppointmentsModule *self,
                                                           FdAppointment        *appointment,
                                                           const char           *day,
                                                           const char           *operatory_id,
                                                           int                   minute);

gboolean   fd_appointments_module_get_focus_pending (FdAppointmentsModule *self);

G_END_DECLS
