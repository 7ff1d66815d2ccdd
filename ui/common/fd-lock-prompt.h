/* fd-lock-prompt.h: the two-stage question before taking a record someone else has open:
 * a warning whose default is Cancel, then a final, destructive confirmation.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "fd-lock-manager.h"

G_BEGIN_DECLS

void     fd_lock_prompt_async  (GtkWindow            *parent,
                                const FdLockHolder   *holder,
                                const char           *heading,
                                GCancellable         *cancellable,
                                GAsyncReadyCallback   callback,
                                gpointer              user_data);
gboolean fd_lock_prompt_finish (GAsyncResult         *result,
                                GError              **error);

G_END_DECLS
