/* fd-query.h: an _async/_finish pair that asks the server one question: a GTask whose
 * outcome is the query's PGresult, and the ways a _finish reads it.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <libpq-fe.h>

#include "fd-connection.h"
#include "fd-pg.h"

G_BEGIN_DECLS

/* Makes the object of one row of a result: (transfer full). */
typedef gpointer (*FdQueryRowFunc) (const PGresult *result,
                                    int             row);

void        fd_query_async        (gpointer              source_object,
                                   gpointer              source_tag,
                                   FdConnection         *connection,
                                   const char           *sql,
                                   guint                 n_params,
                                   const char * const   *params,
                                   GCancellable         *cancellable,
                                   GAsyncReadyCallback   callback,
                                   gpointer              user_data);
PGresult   *fd_query_finish       (gpointer              source_object,
                                   gpointer              source_tag,
                                   GAsyncResult         *result,
                                   GError              **error);
gboolean    fd_query_finish_ok    (gpointer              source_object,
                                   gpointer              source_tag,
                                   GAsyncResult         *result,
                                   GError              **error);
gboolean    fd_query_finish_flag  (gpointer              source_object,
                                   gpointer              source_tag,
                                   GAsyncResult         *result,
                                   gboolean             *flag,
                                   GError              **error);
GListModel *fd_query_finish_list  (gpointer              source_object,
                                   gpointer              source_tag,
                                   GAsyncResult         *result,
                                   GType                 item_type,
                                   FdQueryRowFunc        read_row,
                                   GError              **error);
GPtrArray  *fd_query_finish_array (gpointer              source_object,
                                   gpointer              source_tag,
                                   GAsyncResult         *result,
                                   FdQueryRowFunc        read_row,
                                   GDestroyNotify        free_item,
                                   GError              **error);

G_END_DECLS
