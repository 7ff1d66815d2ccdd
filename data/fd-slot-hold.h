/* fd-slot-hold.h: the slot this desk holds while a new booking is open there.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fd-connection.h"
#include "fd-lock-manager.h"

G_BEGIN_DECLS

void     fd_slot_hold_async   (FdConnection         *connection,
                               const char           *operatory_id,
                               const char           *day,
                               int                   minute,
                               int                   length,
                               gboolean              anyway,
                               GCancellable         *cancellable,
                               GAsyncReadyCallback   callback,
                               gpointer              user_data);
gboolean fd_slot_hold_finish  (FdConnection         *connection,
                               GAsyncResult         *result,
                               FdLockHolder        **holder,
                               GError              **error);
void     fd_slot_hold_release (FdConnection         *connection);

G_END_DECLS
