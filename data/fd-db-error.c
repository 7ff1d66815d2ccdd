/* fd-db-error.c: maps libpq failures and SQLSTATEs to FD_DB_ERROR with messages a person can act on.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>
#include <string.h>

#include "fd-db-error.h"
#include "fd-db-error-private.h"
#include "fd-pg.h"

/* Each error keeps the server's SQLSTATE, for callers that must tell two refusals apart. */
typedef struct
{
  char sqlstate[6];
} FdDbErrorPrivate;

static void
fd_db_error_private_init (FdDbErrorPrivate *priv)
{
  priv->sqlstate[0] = '\0';
}

static void
fd_db_error_private_copy (const FdDbErrorPrivate *src,
                          FdDbErrorPrivate       *dest)
{
  memcpy (dest->sqlstate, src->sqlstate, sizeof dest->sqlstate);
}

static void
fd_db_error_private_clear (FdDbErrorPrivate *priv)
{
}

G_DEFINE_EXTENDED_ERROR (FdDbError, fd_db_error)

static GError *
new_error (FdDbError   code,
           const char *message,
           const char *sqlstate)
{
  GError *error = g_error_new_literal (FD_DB_ERROR, code, message);
  FdDbErrorPrivate *priv = fd_db_error_get_private (error);

  if (sqlstate != NULL)
    g_strlcpy (priv->sqlstate, sqlstate, sizeof priv->sqlstate);
  return error;
}

static gboolean
sqlstate_is (const char *sqlstate,
             const char *prefix)
{
  return sqlstate != NULL && g_str_has_prefix (sqlstate, prefix);
}

/* Frontdesk's own SQLSTATEs, each raised by the schema for one kind of refusal. FD006 is a
 * broken rule of the database that the server explains in a sentence. */
static const struct
{
  const char *sqlstate;
  FdDbError   code;
} own_codes[] = {
  { "FD001", FD_DB_ERROR_NOT_FOUND },
  { "FD002", FD_DB_ERROR_IMMUTABLE },
  { "FD003", FD_DB_ERROR_NOT_EDITABLE },
  { "FD004", FD_DB_ERROR_BAD_REQUEST },
  { "FD005", FD_DB_ERROR_INVALID_VALUE },
  { "FD006", FD_DB_ERROR_CONSTRAINT_VIOLATION },
  { "FD007", FD_DB_ERROR_ALREADY_EXISTS },
  { "FD008", FD_DB_ERROR_NO_SESSION },
  { "FD011", FD_DB_ERROR_RECORD_HELD },
  { "FD012", FD_DB_ERROR_LOCK_REVOKED },
  { "FD013", FD_DB_ERROR_RECORD_CHANGED_HANDS },
  { "FD014", FD_DB_ERROR_BAD_CONTEXT },
  { "FD015", FD_DB_ERROR_CONTEXT_READ_ONLY },
  { "FD016", FD_DB_ERROR_SAVE_LOCK_HELD },
  { "FD017", FD_DB_ERROR_SAVE_LOCK_NOT_HELD },
  { "FD018", FD_DB_ERROR_STALE_VALUE },
  { "FD019", FD_DB_ERROR_INTEGRITY_CHECK },
  { "FD020", FD_DB_ERROR_MAINTENANCE },
  { "FD021", FD_DB_ERROR_LOCK_CHANGED_HANDS },
  { "FD022", FD_DB_ERROR_ID_REFUSED },
  { "FD030", FD_DB_ERROR_SLOT_INVALID },
  /* The server's own timeout on a row or lock another open transaction holds; it names the
   * holder. Worth a retry, like a bare lock_timeout (55P03). */
  { "FD023", FD_DB_ERROR_LOCK_NOT_AVAILABLE },
  /* Release requests (0023): nobody left to ask; a request not waiting for you. */
  { "FD031", FD_DB_ERROR_NOBODY_TO_ASK },
  { "FD032", FD_DB_ERROR_REQUEST_NOT_WAITING },
  /* A booking or move from a desk outside the practice's hours or the provider's schedule
   * (0022); the server's sentence names the hours. */
  { "FD040", FD_DB_ERROR_OUTSIDE_HOURS },
  { "FD041", FD_DB_ERROR_PROVIDER_NOT_SCHEDULED },
  /* The server names the client and says to make someone else the family's payer first. */
  { "FD042", FD_DB_ERROR_PAYER_NOT_ARCHIVED },
};

static FdDbError
code_for_sqlstate (const char *sqlstate)
{
  if (sqlstate == NULL)
    return FD_DB_ERROR_FAILED;
  for (gsize i = 0; i < G_N_ELEMENTS (own_codes); i++)
    if (strcmp (sqlstate, own_codes[i].sqlstate) == 0)
      return own_codes[i].code;
  if (strcmp (sqlstate, "3D000") == 0)
    return FD_DB_ERROR_DATABASE_MISSING;
  if (strcmp (sqlstate, "57P03") == 0)
    return FD_DB_ERROR_SERVER_STARTING;
  if (strcmp (sqlstate, "53300") == 0)
    return FD_DB_ERROR_TOO_MANY_CONNECTIONS;
  if (strcmp (sqlstate, "42501") == 0)
    return FD_DB_ERROR_PERMISSION_DENIED;
  if (strcmp (sqlstate, "40001") == 0 || strcmp (sqlstate, "40P01") == 0)
    return FD_DB_ERROR_SERIALIZATION;
  if (strcmp (sqlstate, "55P03") == 0)
    return FD_DB_ERROR_LOCK_NOT_AVAILABLE;
  if (strcmp (sqlstate, "57014") == 0)
    return FD_DB_ERROR_CANCELLED;
  if (strcmp (sqlstate, "P0001") == 0 || sqlstate_is (sqlstate, "FD"))
    return FD_DB_ERROR_REFUSED;
  if (sqlstate_is (sqlstate, "28"))
    return FD_DB_ERROR_AUTHENTICATION_FAILED;
  if (sqlstate_is (sqlstate, "08") || sqlstate_is (sqlstate, "57P"))
    return FD_DB_ERROR_CONNECTION_LOST;
  if (sqlstate_is (sqlstate, "23"))
    return FD_DB_ERROR_CONSTRAINT_VIOLATION;
  if (sqlstate_is (sqlstate, "22"))
    return FD_DB_ERROR_INVALID_DATA;
  if (sqlstate_is (sqlstate, "42"))
    return FD_DB_ERROR_QUERY;
  return FD_DB_ERROR_FAILED;
}

/* The sentence shown to a person; @detail is what the server said. */
static char *
describe (FdDbError   code,
          const char *detail,
          const char *user,
          const char *database,
          const char *where)
{
  switch (code)
    {
    case FD_DB_ERROR_SERVER_UNREACHABLE:
      return g_strdup_printf (_("Cannot reach the database server at %s. Check that the server is "
                                "running and that this computer can reach it."),
                              where);
    case FD_DB_ERROR_AUTHENTICATION_FAILED:
      return g_strdup_printf (_("The database server did not accept the login “%s”. Check the "
                                "user name and password in Preferences, or ask your administrator "
                                "(the server said: %s)."),
                              user, detail);
    case FD_DB_ERROR_PASSWORD_REQUIRED:
      return g_strdup_printf (_("The database server needs a password for “%s”."), user);
    case FD_DB_ERROR_DATABASE_MISSING:
      return g_strdup_printf (_("The database “%s” does not exist on the server at %s. Check the "
                                "database name in Preferences."),
                              database, where);
    case FD_DB_ERROR_SERVER_STARTING:
      return g_strdup (_("The database server is starting up or shutting down. Try again in a "
                         "moment."));
    case FD_DB_ERROR_TOO_MANY_CONNECTIONS:
      return g_strdup (_("The database server has no free connections. Close Frontdesk on a "
                         "workstation that is not in use, or ask your administrator to allow "
                         "more connections."));
    case FD_DB_ERROR_CONNECTION_LOST:
      return g_strdup (_("The connection to the database server was lost. Frontdesk reconnects "
                         "by itself; try again in a moment."));
    case FD_DB_ERROR_PERMISSION_DENIED:
      return g_strdup_printf (_("You are not allowed to do this (%s). Ask your administrator if "
                                "you need to."),
                              detail);
    case FD_DB_ERROR_INVALID_DATA:
      return g_strdup_printf (_("A value is not valid: %s."), detail);
    case FD_DB_ERROR_CONSTRAINT_VIOLATION:
      return g_strdup_printf (_("The change was not saved because it breaks a rule of the "
                                "practice database: %s."),
                              detail);
    case FD_DB_ERROR_SERIALIZATION:
      return g_strdup (_("Someone else changed the same data at the same moment. Try again."));
    case FD_DB_ERROR_LOCK_NOT_AVAILABLE:
      return g_strdup (_("Someone else is in the middle of changing this, so nothing was done. "
                         "Try again in a moment."));
    case FD_DB_ERROR_CANCELLED:
      return g_strdup (_("The operation was cancelled."));
    case FD_DB_ERROR_REFUSED:
      return g_strdup_printf (_("The database server said: %s"), detail);
    case FD_DB_ERROR_QUERY:
      return g_strdup_printf (_("Frontdesk sent the database a request it could not run: %s. "
                                "This is a bug; please report it."),
                              detail);
    case FD_DB_ERROR_SCHEMA_TOO_NEW:
    case FD_DB_ERROR_FAILED:
    default:
      return g_strdup_printf (_("The database reported an error: %s."), detail);
    }
}

static char *
strip_trailing_space (const char *text)
{
  char *copy = g_strdup (text != NULL ? text : "");

  return g_strstrip (copy);
}

GError *
fd_db_error_from_result (const PGresult *result)
{
  const char *sqlstate;
  g_autofree char *primary = NULL;
  g_autofree char *message = NULL;
  const char *rule;
  FdDbError code;

  g_return_val_if_fail (result != NULL, NULL);

  sqlstate = PQresultErrorField (result, PG_DIAG_SQLSTATE);
  primary = strip_trailing_space (PQresultErrorField (result, PG_DIAG_MESSAGE_PRIMARY));
  if (primary[0] == '\0')
    {
      g_free (primary);
      primary = strip_trailing_space (PQresultErrorMessage (result));
    }

  code = code_for_sqlstate (sqlstate);
  rule = fd_db_error_constraint_sentence (PQresultErrorField (result, PG_DIAG_CONSTRAINT_NAME));
  /* Frontdesk's own refusals carry a key and its parameters in their DETAIL, and the sentence
   * is this program's, in the person's language; the server's English MESSAGE is for psql. */
  message = fd_db_error_sentence_for_detail (PQresultErrorField (result,
                                                                 PG_DIAG_MESSAGE_DETAIL));
  if (message == NULL && sqlstate != NULL &&
      (sqlstate_is (sqlstate, "FD") || strcmp (sqlstate, "P0001") == 0))
    /* Translators: a refusal of the server that has no sentence of Frontdesk's; the server's
     * words follow as it wrote them */
    message = g_strdup_printf (_("The database server said: %s"), primary);
  else if (message == NULL && sqlstate_is (sqlstate, "23") && rule != NULL)
    /* A rule of the schema broken outside a save (psql, a script): the rule's sentence. */
    message = g_strdup (rule);
  else if (message == NULL)
    message = describe (code, primary, "", "", "");

  return new_error (code, message, sqlstate);
}

/* libpq puts the server's FATAL message, with its SQLSTATE when the verbosity is
 * PQERRORS_VERBOSE, inside the connection's error text: "…FATAL:  3D000: database …". */
static gboolean
parse_server_message (const char  *text,
                      char       **sqlstate,
                      char       **message)
{
  g_autoptr(GRegex) regex = NULL;
  g_autoptr(GMatchInfo) match = NULL;

  regex = g_regex_new (":  ([0-9A-Z]{5}): ([^\n]*)", 0, 0, NULL);
  if (!g_regex_match (regex, text, 0, &match))
    return FALSE;

  *sqlstate = g_match_info_fetch (match, 1);
  *message = g_match_info_fetch (match, 2);
  return TRUE;
}

static char *
describe_where (PGconn *conn)
{
  const char *host = PQhost (conn);
  const char *port = PQport (conn);

  if (host == NULL || host[0] == '\0' || host[0] == '/')
    return g_strdup_printf (_("the database socket in %s"),
                            host != NULL && host[0] != '\0' ? host : "/var/run/postgresql");

  return g_strdup_printf ("%s:%s", host, port != NULL ? port : "5432");
}

/* libpq's words for a refused TLS handshake (it gives them no code), as codes; NULL for
 * other failures. @where is the server as the window names it. */
static char *
describe_tls_failure (const char  *text,
                      const char  *where,
                      FdDbError   *code)
{
  if (strstr (text, "does not match host name") != NULL ||
      strstr (text, "does not match the host name") != NULL)
    {
      *code = FD_DB_ERROR_TLS_HOST_MISMATCH;
      return g_strdup_printf (_("The server at %s showed a certificate made out to another "
                                "name. Connect with the host name the certificate names, or "
                                "choose Required, verify certificate in Preferences."),
                              where);
    }
  if (strstr (text, "certificate verify failed") != NULL)
    {
      *code = FD_DB_ERROR_TLS_UNTRUSTED;
      return g_strdup_printf (_("The certificate of the server at %s is not signed by the "
                                "certificate authority chosen in Preferences. Choose the "
                                "practice’s certificate authority file, or ask your "
                                "administrator which one signed the server."),
                              where);
    }
  if (strstr (text, "root certificate file") != NULL)
    {
      *code = FD_DB_ERROR_TLS_NO_CA;
      return g_strdup (_("Verifying the server needs its certificate authority file. Choose "
                         "it under Certificate authority in Preferences."));
    }
  if (strstr (text, "server does not support SSL") != NULL)
    {
      *code = FD_DB_ERROR_TLS_UNAVAILABLE;
      return g_strdup_printf (_("The server at %s does not offer encryption, and this "
                                "workstation requires it. Ask your administrator to turn on "
                                "TLS on the server."),
                              where);
    }
  return NULL;
}

GError *
fd_db_error_from_connection (PGconn   *conn,
                             gboolean  reached_server)
{
  g_autofree char *sqlstate = NULL;
  g_autofree char *server_message = NULL;
  g_autofree char *where = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *message = NULL;
  const char *text;
  const char *user;
  const char *database;
  FdDbError code;

  g_return_val_if_fail (conn != NULL, NULL);

  text = PQerrorMessage (conn);
  user = PQuser (conn) != NULL ? PQuser (conn) : "";
  database = PQdb (conn) != NULL ? PQdb (conn) : "";
  where = describe_where (conn);

  if (parse_server_message (text, &sqlstate, &server_message))
    {
      code = code_for_sqlstate (sqlstate);
      detail = g_strdup (server_message);
    }
  else
    {
      detail = strip_trailing_space (text);
      code = reached_server ? FD_DB_ERROR_FAILED : FD_DB_ERROR_SERVER_UNREACHABLE;
    }

  if (PQconnectionNeedsPassword (conn))
    code = FD_DB_ERROR_PASSWORD_REQUIRED;

  if (sqlstate == NULL)
    message = describe_tls_failure (text, where, &code);
  if (message == NULL && code == FD_DB_ERROR_FAILED)
    message = g_strdup_printf (_("Cannot connect to the database server at %s: %s"), where, detail);
  else if (message == NULL)
    message = describe (code, detail, user, database, where);

  return new_error (code, message, sqlstate);
}

gboolean
fd_db_error_is_connection (const GError *error)
{
  return error != NULL && error->domain == FD_DB_ERROR &&
         (error->code == FD_DB_ERROR_CONNECTION_LOST ||
          error->code == FD_DB_ERROR_SERVER_UNREACHABLE ||
          error->code == FD_DB_ERROR_SERVER_STARTING);
}

/**
 * fd_db_error_is_refusal:
 *
 * Returns: whether the server refused the request for a reason a person can read in the
 * message (a Frontdesk rule, a permission, a value, a conflict), not a failure to run it
 */
gboolean
fd_db_error_is_refusal (const GError *error)
{
  if (error == NULL || error->domain != FD_DB_ERROR)
    return FALSE;

  switch ((FdDbError) error->code)
    {
    case FD_DB_ERROR_REFUSED:
    case FD_DB_ERROR_PERMISSION_DENIED:
    case FD_DB_ERROR_INVALID_DATA:
    case FD_DB_ERROR_CONSTRAINT_VIOLATION:
    case FD_DB_ERROR_SERIALIZATION:
    case FD_DB_ERROR_LOCK_NOT_AVAILABLE:
      return TRUE;
    case FD_DB_ERROR_FAILED:
    case FD_DB_ERROR_SERVER_UNREACHABLE:
    case FD_DB_ERROR_AUTHENTICATION_FAILED:
    case FD_DB_ERROR_PASSWORD_REQUIRED:
    case FD_DB_ERROR_DATABASE_MISSING:
    case FD_DB_ERROR_SERVER_STARTING:
    case FD_DB_ERROR_TOO_MANY_CONNECTIONS:
    case FD_DB_ERROR_CONNECTION_LOST:
    case FD_DB_ERROR_SCHEMA_TOO_NEW:
    case FD_DB_ERROR_CANCELLED:
    case FD_DB_ERROR_QUERY:
    case FD_DB_ERROR_TLS_UNAVAILABLE:
    case FD_DB_ERROR_TLS_UNTRUSTED:
    case FD_DB_ERROR_TLS_HOST_MISMATCH:
    case FD_DB_ERROR_TLS_NO_CA:
      return FALSE;
    default:
      return error->code >= FD_DB_ERROR_NOT_FOUND;
    }
}

/**
 * fd_db_error_get_sqlstate:
 *
 * Returns: the server's SQLSTATE for @error, or "" when there is none
 */
const char *
fd_db_error_get_sqlstate (const GError *error)
{
  FdDbErrorPrivate *priv;

  if (error == NULL || error->domain != FD_DB_ERROR)
    return "";

  priv = fd_db_error_get_private (error);
  return priv != NULL ? priv->sqlstate : "";
}
