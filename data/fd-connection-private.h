/* fd-connection-private.h: what fd-connection.c (the queries) and fd-connection-connect.c
 * (connecting and reconnecting) share: the instance and the query queue's entries.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-unix.h>

#include "fd-connection.h"
#include "fd-pg.h"

G_BEGIN_DECLS

#define DEFAULT_CONNECT_TIMEOUT_S 10
#define RECONNECT_FIRST_DELAY_MS  100
#define RECONNECT_MAX_DELAY_MS    5000

typedef struct
{
  GTask        *task;         /* NULL for internal queries, and once the caller was answered */
  gboolean      internal;     /* sent by the connection itself, like the LISTENs it renews */
  char         *sql;
  char         *statement;    /* the prepared statement's name, NULL for a plain query */
  gboolean      preparing;    /* the statement is being prepared; then it runs */
  GPtrArray    *params;       /* char *, NULL for SQL NULL */
  PGresult     *result;       /* the last result so far */
  PGresult     *error;        /* the first error result */
  GCancellable *cancellable;
  gulong        cancelled_id;
} QueryOp;

struct _FdConnection
{
  GObject            parent_instance;

  /* Owned */
  GStrv              keywords;
  GStrv              values;
  PGconn            *conn;
  GQueue             pending;
  QueryOp           *current;
  GHashTable        *channels;
  GHashTable        *prepared;        /* statement names prepared on this backend */
  GTask             *open_task;
  GMainContext      *context;

  FdConnectionState  state;
  guint              io_source;
  GIOCondition       io_condition;
  guint              connect_timeout_source;
  guint              connect_timeout_s;
  guint              reconnect_source;
  guint              reconnect_attempt;
  gboolean           reached_server;
  gboolean           was_ready;
  gboolean           cancel_in_flight;
  guint              cancel_generation;
  GCancellable      *resolve_cancellable;
};

void     _fd_connection_start_connect         (FdConnection        *self);
void     _fd_connection_handle_lost           (FdConnection        *self);
GError  *_fd_connection_new_lost_error        (void);
void     _fd_connection_dispatch              (FdConnection        *self);
void     _fd_connection_fail_all_queries      (FdConnection        *self,
                                               const GError        *error);
QueryOp *_fd_connection_query_op_new          (FdConnection        *self,
                                               const char          *sql,
                                               guint                n_params,
                                               const char * const  *params,
                                               GTask               *task);
void     _fd_connection_set_state             (FdConnection        *self,
                                               FdConnectionState    state);
void     _fd_connection_stop_watching         (FdConnection        *self);
void     _fd_connection_task_return_error     (GTask              **task,
                                               GError              *error);
void     _fd_connection_watch_socket          (FdConnection        *self,
                                               GIOCondition         condition,
                                               GUnixFDSourceFunc    func);
void     _fd_connection_emit_reconnected      (FdConnection        *self);
void     _fd_connection_drain_notifications   (FdConnection        *self);
void     _fd_connection_query_op_fail         (QueryOp             *op,
                                               const GError        *error);
void     _fd_connection_query_op_free         (QueryOp             *op);
void     _fd_connection_task_return_cancelled (GTask              **task);
gboolean _fd_connection_socket_ready_cb       (int                  fd,
                                               GIOCondition         condition,
                                               gpointer             user_data);

G_END_DECLS
