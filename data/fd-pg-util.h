/* fd-pg-util.h: small helpers for reading PGresults.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <libpq-fe.h>

#include "fd-pg.h"

/* The value at @row, @column as text, or NULL for SQL NULL. */
static inline const char *
fd_pg_get_nullable (const PGresult *result,
                    int             row,
                    int             column)
{
  return PQgetisnull (result, row, column) ? NULL : PQgetvalue (result, row, column);
}

/* The one way the data layer reads a time: the query selects extract(epoch FROM …), seconds
 * since 1970 with a fraction, whatever the session's DateStyle or TimeZone; NULL stays NULL.
 * Returns: (transfer full) (nullable): the time in UTC; widgets show it in local time. */
static inline GDateTime *
fd_pg_dup_date_time (const PGresult *result,
                     int             row,
                     int             column)
{
  g_autoptr(GDateTime) epoch = NULL;
  double seconds;

  if (PQgetisnull (result, row, column))
    return NULL;
  seconds = g_ascii_strtod (PQgetvalue (result, row, column), NULL);
  epoch = g_date_time_new_utc (1970, 1, 1, 0, 0, 0);
  return g_date_time_add (epoch, (GTimeSpan) (seconds * G_USEC_PER_SEC));
}

/* As fd_pg_dup_date_time(), in this computer's time zone, for those who show it as it is.
 * Returns: (transfer full) (nullable) */
static inline GDateTime *
fd_pg_dup_local_date_time (const PGresult *result,
                           int             row,
                           int             column)
{
  g_autoptr(GDateTime) utc = fd_pg_dup_date_time (result, row, column);

  return utc != NULL ? g_date_time_to_local (utc) : NULL;
}
