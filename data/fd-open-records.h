/* fd-open-records.h: the records of one kind other desks have open, following the lock table.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fd-connection.h"
#include "fd-lock-manager.h"
#include "fd-signals.h"

G_BEGIN_DECLS

#define FD_TYPE_OPEN_RECORDS (fd_open_records_get_type ())
G_DECLARE_FINAL_TYPE (FdOpenRecords, fd_open_records, FD, OPEN_RECORDS, GObject)

FdOpenRecords      *fd_open_records_new     (FdConnection  *connection,
                                             FdSignals     *signals,
                                             const char    *kind);
const char         *fd_open_records_get_kind (FdOpenRecords *self);
const FdLockHolder *fd_open_records_lookup  (FdOpenRecords *self,
                                             const char    *id);
void                fd_open_records_reload  (FdOpenRecords *self);

G_END_DECLS
