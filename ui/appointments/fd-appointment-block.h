/* fd-appointment-block.h: one appointment in the book, a focusable child of the day view.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "fd-appointment.h"
#include "fd-open-records.h"

G_BEGIN_DECLS

#define FD_TYPE_APPOINTMENT_BLOCK (fd_appointment_block_get_type ())
G_DECLARE_FINAL_TYPE (FdAppointmentBlock, fd_appointment_block, FD, APPOINTMENT_BLOCK, GtkWidget)

GtkWidget     *fd_appointment_block_new             (void);
void           fd_appointment_block_set_appointment (FdAppointmentBlock *self,
                                                     FdAppointment      *appointment,
                                                     const char         *times,
                                                     const char         *operatory,
                                                     const char         *provider,
                                                     const char         *colour);
void           fd_appointment_block_set_open_records (FdAppointmentBlock *self,
                                                      FdOpenRecords      *open_records);
FdAppointment *fd_appointment_block_get_appointment (FdAppointmentBlock *self);
char          *fd_appointment_block_describe_status (FdAppointment      *appointment);

G_END_DECLS
