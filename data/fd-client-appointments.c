/* fd-client-appointments.c: a client's appointments, upcoming (soonest first) then past
 * (latest first), read through the appointments_client index.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdlib.h>

#include "fd-client-appointments.h"
#include "fd-pg-util.h"
#include "fd-query.h"

void
fd_client_appointment_free (FdClientAppointment *appointment)
{
  if (appointment == NULL)
    return;
  g_free (appointment->appointment_id);
  g_free (appointment->day);
  g_free (appointment->operatory);
  g_free (appointment->provider);
  g_free (appointment->status);
  g_free (appointment->confirmation);
  g_free (appointment);
}

static gpointer
read_appointment (const PGresult *result,
                  int             row)
{
  FdClientAppointment *appointment = g_new0 (FdClientAppointment, 1);

  appointment->appointment_id = g_strdup (PQgetvalue (result, row, 0));
  appointment->day = g_strdup (PQgetvalue (result, row, 1));
  appointment->minute = atoi (PQgetvalue (result, row, 2));
  appointment->length_minutes = atoi (PQgetvalue (result, row, 3));
  appointment->operatory = g_strdup (PQgetvalue (result, row, 4));
  appointment->provider = g_strdup (PQgetvalue (result, row, 5));
  appointment->status = g_strdup (PQgetvalue (result, row, 6));
  appointment->confirmation = g_strdup (fd_pg_get_nullable (result, row, 7));
  appointment->upcoming = g_str_equal (PQgetvalue (result, row, 8), "t");
  return appointment;
}

/**
 * fd_client_appointments_list_async:
 *
 * Lists @client_id's appointments, cancelled ones included.
 */
void
fd_client_appointments_list_async (FdConnection        *connection,
                                   const char          *client_id,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  const char *params[] = { client_id };

  g_return_if_fail (FD_IS_CONNECTION (connection));
  g_return_if_fail (client_id != NULL);

  fd_query_async (connection, fd_client_appointments_list_async, connection,
                  "SELECT a.id, to_char(a.starts_at AT TIME ZONE p.time_zone, 'YYYY-MM-DD'), "
                  "(extract(hour FROM a.starts_at AT TIME ZONE p.time_zone) * 60 "
                  " + extract(minute FROM a.starts_at AT TIME ZONE p.time_zone))::integer, "
                  "a.length_minutes, o.name, "
                  "concat_ws(' ', pv.title, pv.first_name, pv.last_name), "
                  "a.status, cd.name, a.starts_at >= now() "
                  "FROM frontdesk.appointments a "
                  "JOIN frontdesk.practice p ON true "
                  "JOIN frontdesk.operatories o ON o.id = a.operatory_id "
                  "JOIN frontdesk.providers pv ON pv.id = a.provider_id "
                  "LEFT JOIN frontdesk.definitions cd ON cd.id = a.confirmation_id "
                  "WHERE a.client_id = $1::bigint "
                  "ORDER BY a.starts_at < now(), "
                  "CASE WHEN a.starts_at >= now() THEN a.starts_at END, "
                  "a.starts_at DESC, a.id",
                  1, params, cancellable, callback, user_data);
}

/**
 * fd_client_appointments_list_finish:
 *
 * Returns: (transfer full) (element-type FdClientAppointment): upcoming first, soonest
 *   first, then past, latest first
 */
GPtrArray *
fd_client_appointments_list_finish (FdConnection  *connection,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return fd_query_finish_array (connection, fd_client_appointments_list_async, result,
                                read_appointment,
                                (GDestroyNotify) fd_client_appointment_free, error);
}
