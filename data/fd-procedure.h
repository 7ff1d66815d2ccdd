/* fd-procedure.h: what the front desk does to a client's procedure: complete a planned one,
 * and write its note, each edit a new version.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "fd-connection.h"

G_BEGIN_DECLS

void     fd_procedure_add_note_async  (FdConnection         *connection,
                                       const char           *procedure_id,
                                       const char           *body,
                                       GCancellable         *cancellable,
                                       GAsyncReadyCallback   callback,
                                       gpointer              user_data);
int      fd_procedure_add_note_finish (FdConnection         *connection,
                                       GAsyncResult         *result,
                                       GError              **error);
void     fd_procedure_complete_async  (FdConnection         *connection,
                                       const char           *procedure_id,
                                       GCancellable         *cancellable,
                                       GAsyncReadyCallback   callback,
                                       gpointer              user_data);
gboolean fd_procedure_complete_finish (GAsyncResult         *result,
                                       GError              **error);

G_END_DECLS
