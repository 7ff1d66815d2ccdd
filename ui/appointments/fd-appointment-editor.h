/* fd-appointment-editor.h: editing one appointment under its record lock, or booking a new
 * one in an empty slot of the book.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "fd-appointment.h"
#include "fd-database.h"

G_BEGIN_DECLS

#define FD_TYPE_APPOINTMENT_EDITOR (fd_appointment_editor_get_type ())
G_DECLARE_FINAL_TYPE (FdAppointmentEditor, fd_appointment_editor, FD, APPOINTMENT_EDITOR,
                      AdwWindow)

void                 fd_appointment_editor_open      (GtkWindow           *parent,
                                                      FdDatabase          *database,
                                                      FdAppointment       *appointment,
                                                      const char          *day);
FdAppointmentEditor *fd_appointment_editor_new_booking (GtkWindow         *parent,
                                                        FdDatabase        *database,
                                                        const char        *day,
                                                        const char        *operatory_id,
                                                        int                minute);
FdAppointmentEditor *fd_appointment_editor_new_booking_for (GtkWindow     *parent,
                                                            FdDatabase    *database,
                                                            const char    *day,
                                                            const char    *operatory_id,
                                                            int            minute,
                                                            const char    *provider_id,
                                                            int            length);
void                 fd_appointment_editor_set_field (FdAppointmentEditor *self,
                                                      const char          *field,
                                                      const char          *value);
void                 fd_appointment_editor_pick_client (FdAppointmentEditor *self,
                                                        const char          *client_id,
                                                        const char          *name);
gboolean             fd_appointment_editor_get_read_only (FdAppointmentEditor *self);

G_END_DECLS
