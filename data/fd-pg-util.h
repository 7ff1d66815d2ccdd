/* fd-pg-util.h: small helpers for reading PGresults.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libpq-fe.h>

/* The value at @row, @column as text, or NULL for SQL NULL. */
static inline const char *
fd_pg_get_nullable (const PGresult *result,
                    int             row,
                    int             column)
{
  return PQgetisnull (result, row, column) ? NULL : PQgetvalue (result, row, column);
}
