/* fd-administration.c: the administrator's questions and actions, each one round trip except
 * the integrity checks, which run one after another so a progress bar can follow them.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Permissions are the server's: every function here is granted to frontdesk_admin alone or
 * checks the caller, so a staff member's connection gets a refusal, not less data.
 *
 * The integrity checks, a run of queries rather than one, are in
 * fd-administration-integrity.c.
 */

#include "fd-administration-private.h"
#include "fd-audit-entry.h"
#include "fd-lock-row.h"
#include "fd-pg-util.h"
#include "fd-pg.h"
#include "fd-query.h"
#include "fd-session-row.h"

#define DEFAULT_PAGE_SIZE 100
#define LOCK_TABLE_CHANNEL "frontdesk_lock_table"

G_DEFINE_FINAL_TYPE (FdAdministration, fd_administration, G_TYPE_OBJECT)

enum {
  LOCKS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
get_boolean (const PGresult *result,
             int             row,
             int             column)
{
  return g_str_equal (PQgetvalue (result, row, column), "t");
}

/**
 * fd_administration_list_locks_async:
 *
 * Every record lock and every held save lock, oldest first. Columns: lock_kind (record or
 * save), record_kind, record_id (the context's name for a save lock), description,
 * holder_session, holder_login, holder_name, holder_workstation, since, expires_at, alive
 * (the holder's connection exists), expired.
 */
void
fd_administration_list_locks_async (FdAdministration    *self,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (FD_IS_ADMINISTRATION (self));

  fd_query_async (self, fd_administration_list_locks_async, self->connection,
                  "SELECT lock_kind, record_kind, record_id, description, holder_session, "
                  "holder_login, holder_name, holder_workstation, since, expires_at, alive, "
                  "expired "
                  "FROM frontdesk.lock_table()",
                  0, NULL, cancellable, callback, user_data);
}

PGresult *
fd_administration_list_locks_finish (FdAdministration  *self,
                                     GAsyncResult      *result,
                                     GError           **error)
{
  return fd_query_finish (self, fd_administration_list_locks_async, result, error);
}

static gpointer
read_lock_row (const PGresult *result,
               int             row)
{
  g_autoptr(GDateTime) since = fd_pg_dup_date_time (result, row, 8);
  g_autoptr(GDateTime) expires_at = fd_pg_dup_date_time (result, row, 9);

  return g_object_new (FD_TYPE_LOCK_ROW,
                       "lock-kind", PQgetvalue (result, row, 0),
                       "record-kind", PQgetvalue (result, row, 1),
                       "record-id", PQgetvalue (result, row, 2),
                       "description", PQgetvalue (result, row, 3),
                       "holder-session", g_ascii_strtoll (PQgetvalue (result, row, 4), NULL, 10),
                       "holder-login", PQgetvalue (result, row, 5),
                       "holder-name", PQgetvalue (result, row, 6),
                       "holder-workstation", PQgetvalue (result, row, 7),
                       "since", since,
                       "expires-at", expires_at,
                       "alive", get_boolean (result, row, 10),
                       "expired", get_boolean (result, row, 11),
                       NULL);
}

/**
 * fd_administration_load_locks_async:
 *
 * The lock table as fd_administration_list_locks_async() reads it, as #FdLockRow items.
 */
void
fd_administration_load_locks_async (FdAdministration    *self,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (FD_IS_ADMINISTRATION (self));

  fd_query_async (self, fd_administration_load_locks_async, self->connection,
                  "SELECT lock_kind, record_kind, record_id, description, holder_session, "
                  "holder_login, holder_name, holder_workstation, extract(epoch FROM since), "
                  "extract(epoch FROM expires_at), alive, expired "
                  "FROM frontdesk.lock_table()",
                  0, NULL, cancellable, callback, user_data);
}

/**
 * fd_administration_load_locks_finish:
 *
 * Returns: (transfer full): a #GListModel of #FdLockRow, oldest first
 */
GListModel *
fd_administration_load_locks_finish (FdAdministration  *self,
                                     GAsyncResult      *result,
                                     GError           **error)
{
  return fd_query_finish_list (self, fd_administration_load_locks_async, result,
                               FD_TYPE_LOCK_ROW, read_lock_row, error);
}

/**
 * fd_administration_list_sessions_async:
 *
 * The connected sessions, and those gone without signing out that still hold a lock.
 * Columns: session_id, login, display_name, workstation, is_admin, opened_at, resumed_at,
 * alive, client_address, record_locks, save_locks, is_mine.
 */
void
fd_administration_list_sessions_async (FdAdministration    *self,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_return_if_fail (FD_IS_ADMINISTRATION (self));

  fd_query_async (self, fd_administration_list_sessions_async, self->connection,
                  "SELECT session_id, login, display_name, workstation, is_admin, opened_at, "
                  "resumed_at, alive, client_address, record_locks, save_locks, is_mine "
                  "FROM frontdesk.admin_sessions()",
                  0, NULL, cancellable, callback, user_data);
}

PGresult *
fd_administration_list_sessions_finish (FdAdministration  *self,
                                        GAsyncResult      *result,
                                        GError           **error)
{
  return fd_query_finish (self, fd_administration_list_sessions_async, result, error);
}

static gpointer
read_session_row (const PGresult *result,
                  int             row)
{
  g_autoptr(GDateTime) opened_at = fd_pg_dup_date_time (result, row, 5);
  g_autoptr(GDateTime) resumed_at = fd_pg_dup_date_time (result, row, 6);

  return g_object_new (FD_TYPE_SESSION_ROW,
                       "session-id", g_ascii_strtoll (PQgetvalue (result, row, 0), NULL, 10),
                       "login", PQgetvalue (result, row, 1),
                       "display-name", PQgetvalue (result, row, 2),
                       "workstation", PQgetvalue (result, row, 3),
                       "is-admin", get_boolean (result, row, 4),
                       "opened-at", opened_at,
                       "resumed-at", resumed_at,
                       "alive", get_boolean (result, row, 7),
                       "client-address", fd_pg_get_nullable (result, row, 8),
                       "record-locks", (guint) g_ascii_strtoull (PQgetvalue (result, row, 9),
                                                                 NULL, 10),
                       "save-locks", (guint) g_ascii_strtoull (PQgetvalue (result, row, 10),
                                                               NULL, 10),
                       "is-mine", get_boolean (result, row, 11),
                       NULL);
}

/**
 * fd_administration_load_sessions_async:
 *
 * The sessions as fd_administration_list_sessions_async() reads them, as #FdSessionRow items.
 */
void
fd_administration_load_sessions_async (FdAdministration    *self,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_return_if_fail (FD_IS_ADMINISTRATION (self));

  fd_query_async (self, fd_administration_load_sessions_async, self->connection,
                  "SELECT session_id, login, display_name, workstation, is_admin, "
                  "extract(epoch FROM opened_at), extract(epoch FROM resumed_at), alive, "
                  "client_address, record_locks, save_locks, is_mine "
                  "FROM frontdesk.admin_sessions()",
                  0, NULL, cancellable, callback, user_data);
}

/**
 * fd_administration_load_sessions_finish:
 *
 * Returns: (transfer full): a #GListModel of #FdSessionRow
 */
GListModel *
fd_administration_load_sessions_finish (FdAdministration  *self,
                                        GAsyncResult      *result,
                                        GError           **error)
{
  return fd_query_finish_list (self, fd_administration_load_sessions_async, result,
                               FD_TYPE_SESSION_ROW, read_session_row, error);
}

/* The holder a break or take is meant for, as a query parameter: NULL (anyone) for 0. */
static char *
format_expected_holder (gint64 expected_holder)
{
  return expected_holder > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, expected_holder) : NULL;
}

/**
 * fd_administration_break_lock_async:
 *
 * Releases a record lock: the holder can no longer save and is told so at once. Audited as
 * "lock broken". @expected_holder: the session the person confirmed it for, or 0 for
 * whoever holds it; the server refuses if someone else holds it now.
 */
void
fd_administration_break_lock_async (FdAdministration    *self,
                                    const char          *kind,
                                    const char          *record_id,
                                    gint64               expected_holder,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autofree char *expected = format_expected_holder (expected_holder);
  const char *params[] = { kind, record_id, expected };

  g_return_if_fail (FD_IS_ADMINISTRATION (self));
  g_return_if_fail (kind != NULL && record_id != NULL);

  fd_query_async (self, fd_administration_break_lock_async, self->connection,
                  "SELECT frontdesk.lock_break($1, $2, $3::bigint)", 3, params, cancellable,
                  callback, user_data);
}

/**
 * fd_administration_break_lock_finish:
 * @was_locked: (out) (optional): FALSE when nobody held the lock
 */
gboolean
fd_administration_break_lock_finish (FdAdministration  *self,
                                     GAsyncResult      *result,
                                     gboolean          *was_locked,
                                     GError           **error)
{
  return fd_query_finish_flag (self, fd_administration_break_lock_async, result, was_locked,
                               error);
}

/**
 * fd_administration_break_save_lock_async:
 *
 * Releases the save lock of @context whoever holds it, without taking it: the holder can no
 * longer save under it until they acquire it again. Audited as "save lock broken".
 */
void
fd_administration_break_save_lock_async (FdAdministration    *self,
                                         const char          *context,
                                         gint64               expected_holder,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_autofree char *expected = format_expected_holder (expected_holder);
  const char *params[] = { context, expected };

  g_return_if_fail (FD_IS_ADMINISTRATION (self));
  g_return_if_fail (context != NULL);

  fd_query_async (self, fd_administration_break_save_lock_async, self->connection,
                  "SELECT frontdesk.context_break($1, $2::bigint)", 2, params, cancellable,
                  callback, user_data);
}

/**
 * fd_administration_break_save_lock_finish:
 * @was_held: (out) (optional): FALSE when nobody held the lock
 */
gboolean
fd_administration_break_save_lock_finish (FdAdministration  *self,
                                          GAsyncResult      *result,
                                          gboolean          *was_held,
                                          GError           **error)
{
  return fd_query_finish_flag (self, fd_administration_break_save_lock_async, result, was_held,
                               error);
}

/**
 * fd_administration_take_lock_async:
 *
 * Takes a record lock for this session from whoever holds it, as a confirmed override:
 * audited, and the holder is told at once. Needs a session on the connection.
 */
void
fd_administration_take_lock_async (FdAdministration    *self,
                                   const char          *kind,
                                   const char          *record_id,
                                   gint64               expected_holder,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autofree char *expected = format_expected_holder (expected_holder);
  const char *params[] = { kind, record_id, expected };

  g_return_if_fail (FD_IS_ADMINISTRATION (self));
  g_return_if_fail (kind != NULL && record_id != NULL);

  fd_query_async (self, fd_administration_take_lock_async, self->connection,
                  "SELECT frontdesk.lock_override($1, $2, $3::bigint)", 3, params, cancellable,
                  callback, user_data);
}

gboolean
fd_administration_take_lock_finish (FdAdministration  *self,
                                    GAsyncResult      *result,
                                    GError           **error)
{
  return fd_query_finish_ok (self, fd_administration_take_lock_async, result, error);
}

/**
 * fd_administration_take_save_lock_async:
 *
 * Takes the save lock of @context for this session; audited as "save lock taken" when
 * someone else held it. Needs a session on the connection.
 */
void
fd_administration_take_save_lock_async (FdAdministration    *self,
                                        const char          *context,
                                        gint64               expected_holder,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autofree char *expected = format_expected_holder (expected_holder);
  const char *params[] = { context, expected };

  g_return_if_fail (FD_IS_ADMINISTRATION (self));
  g_return_if_fail (context != NULL);

  fd_query_async (self, fd_administration_take_save_lock_async, self->connection,
                  "SELECT frontdesk.context_take($1, $2::bigint)", 2, params, cancellable,
                  callback, user_data);
}

gboolean
fd_administration_take_save_lock_finish (FdAdministration  *self,
                                         GAsyncResult      *result,
                                         GError           **error)
{
  return fd_query_finish_ok (self, fd_administration_take_save_lock_async, result, error);
}

/* Runs frontdesk.audit_search() for @query, selecting @columns. */
static void
run_audit_search (FdAdministration    *self,
                  gpointer             source_tag,
                  const char          *columns,
                  gboolean             named,
                  const FdAuditQuery  *query,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  g_autofree char *before = NULL;
  g_autofree char *page_size = NULL;
  g_autofree char *sql = NULL;
  const char *params[7];

  before = query->before_id > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, query->before_id) : NULL;
  page_size = g_strdup_printf ("%u", query->page_size > 0 ? query->page_size : DEFAULT_PAGE_SIZE);
  params[0] = query->login;
  params[1] = query->record;
  params[2] = query->action;
  params[3] = query->since;
  params[4] = query->until;
  params[5] = before;
  params[6] = page_size;
  if (named)
    /* The page's records named in one call for the page (each read by primary key), in
     * the order audit_search() gives. */
    sql = g_strconcat ("WITH a AS MATERIALIZED (SELECT * FROM frontdesk.audit_search($1, $2, "
                       "$3, $4::timestamptz, $5::timestamptz, $6::bigint, $7::integer) "
                       "WITH ORDINALITY) SELECT ", columns, " FROM a LEFT JOIN "
                       "frontdesk.record_labels(ARRAY(SELECT record_kind FROM a ORDER BY "
                       "ordinality), ARRAY(SELECT record_id FROM a ORDER BY ordinality)) AS l "
                       "ON l.item = a.ordinality ORDER BY a.ordinality", NULL);
  else
    sql = g_strconcat ("SELECT ", columns, " FROM frontdesk.audit_search($1, $2, $3, "
                       "$4::timestamptz, $5::timestamptz, $6::bigint, $7::integer)", NULL);
  fd_query_async (self, source_tag, self->connection, sql, G_N_ELEMENTS (params), params,
                  cancellable, callback, user_data);
}

/**
 * fd_administration_search_audit_async:
 *
 * One page of the audit log, newest first. Columns: audit_id, at, actor, actor_name,
 * workstation, action, record_kind, record_id, changes (JSON: column → {old, new}),
 * change_lines (the same as text, a line for each column: "notes: old → new"), detail.
 * The next page: the same query with before_id set to the last audit_id.
 */
void
fd_administration_search_audit_async (FdAdministration    *self,
                                      const FdAuditQuery  *query,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_return_if_fail (FD_IS_ADMINISTRATION (self));
  g_return_if_fail (query != NULL);

  run_audit_search (self, fd_administration_search_audit_async,
                    "audit_id, at, actor, actor_name, workstation, action, record_kind, "
                    "record_id, changes, change_lines, detail", FALSE,
                    query, cancellable, callback, user_data);
}

PGresult *
fd_administration_search_audit_finish (FdAdministration  *self,
                                       GAsyncResult      *result,
                                       GError           **error)
{
  return fd_query_finish (self, fd_administration_search_audit_async, result, error);
}

static gpointer
read_audit_entry (const PGresult *result,
                  int             row)
{
  g_autoptr(GDateTime) at = fd_pg_dup_date_time (result, row, 1);
  g_autoptr(GDateTime) moment = fd_pg_dup_date_time (result, row, 12);

  return g_object_new (FD_TYPE_AUDIT_ENTRY,
                       "id", g_ascii_strtoll (PQgetvalue (result, row, 0), NULL, 10),
                       "at", at,
                       "actor", PQgetvalue (result, row, 2),
                       "actor-name", fd_pg_get_nullable (result, row, 3),
                       "workstation", fd_pg_get_nullable (result, row, 4),
                       "action", PQgetvalue (result, row, 5),
                       "record-kind", fd_pg_get_nullable (result, row, 6),
                       "record-id", fd_pg_get_nullable (result, row, 7),
                       "change-lines", fd_pg_get_nullable (result, row, 8),
                       "detail", fd_pg_get_nullable (result, row, 9),
                       "record-name", fd_pg_get_nullable (result, row, 10),
                       "record-code", fd_pg_get_nullable (result, row, 11),
                       "record-moment", moment,
                       NULL);
}

/**
 * fd_administration_load_audit_async:
 *
 * The page of the audit log fd_administration_search_audit_async() reads, as #FdAuditEntry
 * items.
 */
void
fd_administration_load_audit_async (FdAdministration    *self,
                                    const FdAuditQuery  *query,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (FD_IS_ADMINISTRATION (self));
  g_return_if_fail (query != NULL);

  run_audit_search (self, fd_administration_load_audit_async,
                    "audit_id, extract(epoch FROM at), actor, actor_name, workstation, action, "
                    "record_kind, record_id, change_lines, detail, l.name, l.code, "
                    "extract(epoch FROM l.moment)",
                    TRUE,
                    query, cancellable, callback, user_data);
}

/**
 * fd_administration_load_audit_finish:
 *
 * Returns: (transfer full): a #GListModel of #FdAuditEntry, newest first
 */
GListModel *
fd_administration_load_audit_finish (FdAdministration  *self,
                                     GAsyncResult      *result,
                                     GError           **error)
{
  return fd_query_finish_list (self, fd_administration_load_audit_async, result,
                               FD_TYPE_AUDIT_ENTRY, read_audit_entry, error);
}

/**
 * fd_administration_audit_actions_async:
 *
 * The actions the audit log holds, for the viewer's filter.
 */
void
fd_administration_audit_actions_async (FdAdministration    *self,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_return_if_fail (FD_IS_ADMINISTRATION (self));

  fd_query_async (self, fd_administration_audit_actions_async, self->connection,
                  "SELECT action FROM frontdesk.audit_actions() AS action", 0, NULL,
                  cancellable, callback, user_data);
}

/**
 * fd_administration_audit_actions_finish:
 *
 * Returns: (transfer full): the actions, in alphabetical order
 */
GStrv
fd_administration_audit_actions_finish (FdAdministration  *self,
                                        GAsyncResult      *result,
                                        GError           **error)
{
  g_autoptr(PGresult) pg_result = fd_query_finish (self, fd_administration_audit_actions_async,
                                                   result, error);
  g_autoptr(GStrvBuilder) actions = NULL;

  if (pg_result == NULL)
    return NULL;
  actions = g_strv_builder_new ();
  for (int row = 0; row < PQntuples (pg_result); row++)
    g_strv_builder_add (actions, PQgetvalue (pg_result, row, 0));
  return g_strv_builder_end (actions);
}

/* Following the lock table ------------------------------------------------------------ */

static void
lock_table_changed_cb (FdAdministration *self)
{
  g_signal_emit (self, signals[LOCKS_CHANGED], 0);
}

static void
listened_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!fd_connection_listen_finish (FD_CONNECTION (object), result, &error))
    g_debug ("No push for the lock table: %s", error->message);
}

/**
 * fd_administration_watch_locks:
 *
 * From now on, ::locks-changed says when a lock or a session changed (and after a
 * reconnect), so a lock table shown can be read again. A holder whose connection dies
 * sends nothing: a window should also reread now and then.
 */
void
fd_administration_watch_locks (FdAdministration *self)
{
  g_return_if_fail (FD_IS_ADMINISTRATION (self));

  if (self->watching)
    return;
  self->watching = TRUE;
  g_signal_connect_object (self->connection, "notification::" LOCK_TABLE_CHANNEL,
                           G_CALLBACK (lock_table_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->connection, "reconnected", G_CALLBACK (lock_table_changed_cb),
                           self, G_CONNECT_SWAPPED);
  fd_connection_listen_async (self->connection, LOCK_TABLE_CHANNEL, self->cancellable,
                              listened_cb, NULL);
}

/* GObject -------------------------------------------------------------------------------- */

static void
fd_administration_dispose (GObject *object)
{
  FdAdministration *self = FD_ADMINISTRATION (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->connection);

  G_OBJECT_CLASS (fd_administration_parent_class)->dispose (object);
}

static void
fd_administration_finalize (GObject *object)
{
  FdAdministration *self = FD_ADMINISTRATION (object);

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (fd_administration_parent_class)->finalize (object);
}

static void
fd_administration_class_init (FdAdministrationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = fd_administration_dispose;
  object_class->finalize = fd_administration_finalize;

  /**
   * FdAdministration::locks-changed:
   *
   * A lock or a session changed (see fd_administration_watch_locks()).
   */
  signals[LOCKS_CHANGED] =
    g_signal_new ("locks-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);
}

static void
fd_administration_init (FdAdministration *self)
{
  self->cancellable = g_cancellable_new ();
}

FdAdministration *
fd_administration_new (FdConnection *connection)
{
  FdAdministration *self;

  g_return_val_if_fail (FD_IS_CONNECTION (connection), NULL);

  self = g_object_new (FD_TYPE_ADMINISTRATION, NULL);
  self->connection = g_object_ref (connection);
  return self;
}
