/* fd-appointment.h: an appointment as the day view shows it, a day's appointments, and the
 * changes made from the book (move, complete, break, confirm, cancel).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "fd-cache.h"
#include "fd-lock-manager.h"
#include "fd-record.h"

G_BEGIN_DECLS

#define FD_TYPE_APPOINTMENT (fd_appointment_get_type ())
G_DECLARE_FINAL_TYPE (FdAppointment, fd_appointment, FD, APPOINTMENT, GObject)

const char *fd_appointment_get_id            (FdAppointment *self);
const char *fd_appointment_get_operatory_id  (FdAppointment *self);
const char *fd_appointment_get_provider_id   (FdAppointment *self);
int         fd_appointment_get_start_minute  (FdAppointment *self);
int         fd_appointment_get_length        (FdAppointment *self);
const char *fd_appointment_get_client_name   (FdAppointment *self);
const char *fd_appointment_get_procedures    (FdAppointment *self);
const char *fd_appointment_get_status        (FdAppointment *self);
const char *fd_appointment_get_confirmation  (FdAppointment *self);
const char *fd_appointment_get_kind          (FdAppointment *self);
const char *fd_appointment_get_confirmation_id (FdAppointment *self);
const char *fd_appointment_get_cancel_reason (FdAppointment *self);
const char *fd_appointment_get_note            (FdAppointment *self);
const char *fd_appointment_get_client_id     (FdAppointment *self);
const char *fd_appointment_get_day           (FdAppointment *self);
gboolean    fd_appointment_is_upcoming       (FdAppointment *self);
gboolean    fd_appointment_is_cancelled      (FdAppointment *self);

void        fd_appointment_load_day_async    (FdConnection         *connection,
                                              const char           *day,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
void        fd_appointment_load_days_async   (FdConnection         *connection,
                                              const char           *from_day,
                                              const char           *to_day,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
GListModel *fd_appointment_load_day_finish   (FdConnection         *connection,
                                              GAsyncResult         *result,
                                              GError              **error);

void        fd_appointment_load_client_async (FdConnection         *connection,
                                              const char           *client_id,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
GListModel *fd_appointment_load_client_finish (FdConnection        *connection,
                                               GAsyncResult        *result,
                                               GError             **error);
void          fd_appointment_change_async    (FdLockManager        *locks,
                                              const char           *id,
                                              guint                 n_columns,
                                              const char * const   *columns,
                                              const char * const   *values,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
FdSaveOutcome fd_appointment_change_finish   (GAsyncResult         *result,
                                              GError              **error);

char         *fd_appointment_format_start    (FdCache              *cache,
                                              const char           *day,
                                              int                   minute);
int           fd_appointment_minute_of_day   (FdCache              *cache,
                                              const char           *timestamp,
                                              int                   fallback);
char         *fd_appointment_day_of          (FdCache              *cache,
                                              const char           *timestamp);

G_END_DECLS
