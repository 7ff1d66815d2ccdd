/* fd-client-appointments.h: a client's appointments, upcoming (soonest first) then past
 * (latest first), as Client Details lists them.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "fd-connection.h"

G_BEGIN_DECLS

typedef struct
{
  char     *appointment_id;
  char     *day;             /* YYYY-MM-DD in the practice's time zone */
  int       minute;          /* minutes after midnight there */
  int       length_minutes;
  char     *operatory;
  char     *provider;
  char     *status;          /* scheduled, complete, broken or cancelled */
  char     *confirmation;    /* (nullable) */
  gboolean  upcoming;
} FdClientAppointment;

void       fd_client_appointment_free         (FdClientAppointment  *appointment);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FdClientAppointment, fd_client_appointment_free)

void       fd_client_appointments_list_async  (FdConnection         *connection,
                                               const char           *client_id,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
GPtrArray *fd_client_appointments_list_finish (FdConnection         *connection,
                                               GAsyncResult         *result,
                                               GError              **error);

G_END_DECLS
