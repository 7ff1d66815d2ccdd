/* fd-pg.h: the data layer's libpq face: the calls that hand out or take a PGresult or a
 * PGconn, for the data layer itself, the command-line tool and the tests. The widgets never
 * include it (their libraries are built without libpq's headers), so nothing above data/
 * sees a PGresult.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <libpq-fe.h>

#include "fd-administration.h"
#include "fd-connection.h"
#include "fd-db-error.h"
#include "fd-lock-manager.h"
#include "fd-session.h"

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGresult, PQclear)

/* Queries on a connection */
void               fd_connection_query_async          (FdConnection        *self,
                                                       const char          *sql,
                                                       guint                n_params,
                                                       const char * const  *params,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
void               fd_connection_query_prepared_async (FdConnection      *self,
                                                       const char          *statement,
                                                       const char          *sql,
                                                       guint                n_params,
                                                       const char * const  *params,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
PGresult          *fd_connection_query_finish         (FdConnection        *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);

/* Errors from libpq */
GError  *fd_db_error_from_result       (const PGresult *result);
GError  *fd_db_error_from_connection   (PGconn         *conn,
                                        gboolean        reached_server);

/* Lock holders from a result */
FdLockHolder *fd_lock_holder_new_from_result (const PGresult *pg_result,
                                              int             row,
                                              int             first);

/* Administration listings as results, for the command-line tool */
void              fd_administration_list_locks_async       (FdAdministration        *self,
                                                            GCancellable            *cancellable,
                                                            GAsyncReadyCallback      callback,
                                                            gpointer                 user_data);
PGresult         *fd_administration_list_locks_finish      (FdAdministration        *self,
                                                            GAsyncResult            *result,
                                                            GError                 **error);
void              fd_administration_list_sessions_async    (FdAdministration        *self,
                                                            GCancellable            *cancellable,
                                                            GAsyncReadyCallback      callback,
                                                            gpointer                 user_data);
PGresult         *fd_administration_list_sessions_finish   (FdAdministration        *self,
                                                            GAsyncResult            *result,
                                                            GError                 **error);
void              fd_administration_search_audit_async     (FdAdministration        *self,
                                                            const FdAuditQuery      *query,
                                                            GCancellable            *cancellable,
                                                            GAsyncReadyCallback      callback,
                                                            gpointer                 user_data);
PGresult         *fd_administration_search_audit_finish    (FdAdministration        *self,
                                                            GAsyncResult            *result,
                                                            GError                 **error);

/* Live sessions as a result, for the command-line tool */
void        fd_session_list_live_async   (FdSession            *self,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data);
PGresult   *fd_session_list_live_finish  (FdSession            *self,
                                          GAsyncResult         *result,
                                          GError              **error);

G_END_DECLS
