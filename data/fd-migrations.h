/* fd-migrations.h: applies the numbered schema migrations compiled into Frontdesk.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "fd-connection.h"

G_BEGIN_DECLS

guint    fd_migrations_get_latest_version (void);
void     fd_migrations_run_async          (FdConnection         *connection,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
gboolean fd_migrations_run_finish         (GAsyncResult         *result,
                                           guint                *n_applied,
                                           GError              **error);

G_END_DECLS
