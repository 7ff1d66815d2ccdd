/* fd-maintenance.h: whether the practice database is in maintenance, why, since when and by
 * whom, followed live; and switching it, for administrators.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "fd-connection.h"
#include "fd-signals.h"

G_BEGIN_DECLS

#define FD_TYPE_MAINTENANCE (fd_maintenance_get_type ())
G_DECLARE_FINAL_TYPE (FdMaintenance, fd_maintenance, FD, MAINTENANCE, GObject)

FdMaintenance *fd_maintenance_new              (FdConnection         *connection);
void           fd_maintenance_follow_signals   (FdMaintenance        *self,
                                                FdSignals            *poller);
gboolean       fd_maintenance_get_loaded       (FdMaintenance        *self);
gboolean       fd_maintenance_get_active       (FdMaintenance        *self);
const char    *fd_maintenance_get_reason       (FdMaintenance        *self);
const char    *fd_maintenance_get_by_name      (FdMaintenance        *self);
GDateTime     *fd_maintenance_get_since        (FdMaintenance        *self);
char          *fd_maintenance_dup_description  (FdMaintenance        *self);
char          *fd_maintenance_dup_read_only_reason (FdMaintenance    *self);

void           fd_maintenance_refresh_async    (FdMaintenance        *self,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
gboolean       fd_maintenance_refresh_finish   (FdMaintenance        *self,
                                                GAsyncResult         *result,
                                                GError              **error);

void           fd_maintenance_switch_async     (FdMaintenance        *self,
                                                gboolean              active,
                                                const char           *reason,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
gboolean       fd_maintenance_switch_finish    (FdMaintenance        *self,
                                                GAsyncResult         *result,
                                                gboolean             *changed,
                                                GError              **error);

G_END_DECLS
