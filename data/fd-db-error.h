/* fd-db-error.h: the error domain for everything that talks to PostgreSQL.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define FD_DB_ERROR (fd_db_error_quark ())

/* The codes from FD_DB_ERROR_NOT_FOUND on are Frontdesk's own refusals (SQLSTATE FD0nn, raised
 * by the schema in data/sql/); their message is the sentence of the key the server gives with
 * its parameters (data/fd-db-error-sentences.c), translated. */
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
  FD_DB_ERROR_REFUSED,                /* P0001, or an FD SQLSTATE this program does not know */
  FD_DB_ERROR_QUERY,
  FD_DB_ERROR_TLS_UNAVAILABLE,        /* encryption required, the server offers none */
  FD_DB_ERROR_TLS_UNTRUSTED,          /* the server's certificate is not from the CA file */
  FD_DB_ERROR_TLS_HOST_MISMATCH,      /* the certificate is for another host name */
  FD_DB_ERROR_TLS_NO_CA,              /* a verifying mode without a readable CA file */
  FD_DB_ERROR_NOT_FOUND,              /* FD001: the record, procedure, login or entry is gone */
  FD_DB_ERROR_IMMUTABLE,              /* FD002: rows that are never changed or deleted */
  FD_DB_ERROR_NOT_EDITABLE,           /* FD003: a table or field not written this way */
  FD_DB_ERROR_BAD_REQUEST,            /* FD004: malformed arguments to a server function */
  FD_DB_ERROR_INVALID_VALUE,          /* FD005: a field's value is not valid for it */
  FD_DB_ERROR_ALREADY_EXISTS,         /* FD007: a login or sample data that exists already */
  FD_DB_ERROR_NO_SESSION,             /* FD008: no Frontdesk session is open on the connection */
  FD_DB_ERROR_RECORD_HELD,            /* FD011: another live session holds the record's lock */
  FD_DB_ERROR_LOCK_REVOKED,           /* FD012: this session's record lock was broken or ran out */
  FD_DB_ERROR_RECORD_CHANGED_HANDS,   /* FD013: the record's lock went to someone else meanwhile */
  FD_DB_ERROR_BAD_CONTEXT,            /* FD014: a data context unknown, badly named or not open */
  FD_DB_ERROR_CONTEXT_READ_ONLY,      /* FD015: only an administrator may save this context */
  FD_DB_ERROR_SAVE_LOCK_HELD,         /* FD016: another session holds the context's save lock */
  FD_DB_ERROR_SAVE_LOCK_NOT_HELD,     /* FD017: a save without holding the context's save lock */
  FD_DB_ERROR_STALE_VALUE,            /* FD018: a stored value changed since it was read */
  FD_DB_ERROR_INTEGRITY_CHECK,        /* FD019: no such integrity check, or none to repair */
  FD_DB_ERROR_MAINTENANCE,            /* FD020: the database is in maintenance mode */
  FD_DB_ERROR_LOCK_CHANGED_HANDS,     /* FD021: the lock an administrator acts on changed hands */
  FD_DB_ERROR_ID_REFUSED,             /* FD022: a chosen or changed id; the server numbers rows */
  FD_DB_ERROR_NOBODY_TO_ASK,          /* FD031: the holder asked to release is gone */
  FD_DB_ERROR_REQUEST_NOT_WAITING,    /* FD032: a release request not for you, or answered */
  FD_DB_ERROR_OUTSIDE_HOURS,          /* FD040: an appointment outside the practice's hours */
  FD_DB_ERROR_PROVIDER_NOT_SCHEDULED, /* FD041: the provider does not work then */
  FD_DB_ERROR_SLOT_INVALID,           /* FD030: a slot to hold that ends before it starts, or no operatory */
  FD_DB_ERROR_PAYER_NOT_ARCHIVED,     /* FD042: archiving a client who pays for others */
} FdDbError;

GQuark   fd_db_error_quark             (void);
gboolean fd_db_error_is_connection     (const GError   *error);
gboolean fd_db_error_is_refusal        (const GError   *error);
const char *fd_db_error_get_sqlstate  (const GError   *error);


G_END_DECLS
