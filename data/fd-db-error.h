/* fd-db-error.h: the error domain for everything that talks to PostgreSQL.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <libpq-fe.h>

G_BEGIN_DECLS

#define FD_DB_ERROR (fd_db_error_quark ())

typedef enum
{
  FD_DB_ERROR_FAILED,
  FD_DB_ERROR_SERVER_UNREACHABLE,
  FD_DB_ERROR_AUTHENTICATION_FAILED,
  FD_DB_ERROR_PASSWORD_REQUIRED,
  FD_DB_ERROR_DATABASE_MISSING,
  FD_DB_ERROR_SERVER_STARTING,
  FD_DB_ERROR_TOO_MANY_CONNECTIONS,
  FD_DB_ERROR_CONNECTION_LOST,
  FD_DB_ERROR_SCHEMA_TOO_NEW,
  FD_DB_ERROR_PERMISSION_DENIED,
  FD_DB_ERROR_INVALID_DATA,
  FD_DB_ERROR_CONSTRAINT_VIOLATION,
  FD_DB_ERROR_SERIALIZATION,
  FD_DB_ERROR_LOCK_NOT_AVAILABLE,
  FD_DB_ERROR_CANCELLED,
  FD_DB_ERROR_REFUSED,
  FD_DB_ERROR_QUERY,
} FdDbError;

GQuark   fd_db_error_quark             (void);
GError  *fd_db_error_from_result       (const PGresult *result);
GError  *fd_db_error_from_connection   (PGconn         *conn,
                                        gboolean        reached_server);
gboolean fd_db_error_is_connection     (const GError   *error);
const char *fd_db_error_get_sqlstate  (const GError   *error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGresult, PQclear)

G_END_DECLS
