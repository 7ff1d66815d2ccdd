/* fd-lock-prompt.h: the two-stage question before taking a record someone else has open:
 * a warning whose default is Cancel, then a final, destructive confirmation.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "fd-lock-manager.h"

G_BEGIN_DECLS

/**
 * FdLockChoice:
 * @FD_LOCK_CHOICE_CANCEL: leave the record to its holder (the default)
 * @FD_LOCK_CHOICE_OVERRIDE: Open Anyway, confirmed a second time
 * @FD_LOCK_CHOICE_READ_ONLY: open it without the lock, to read
 * @FD_LOCK_CHOICE_ASK: ask the holder to release it
 */
typedef enum
{
  FD_LOCK_CHOICE_CANCEL,
  FD_LOCK_CHOICE_OVERRIDE,
  FD_LOCK_CHOICE_READ_ONLY,
  FD_LOCK_CHOICE_ASK,
} FdLockChoice;

void     fd_lock_prompt_async  (GtkWindow            *parent,
                                const FdLockHolder   *holder,
                                const char           *heading,
                                GCancellable         *cancellable,
                                GAsyncReadyCallback   callback,
                                gpointer              user_data);
gboolean fd_lock_prompt_finish (GAsyncResult         *result,
                                GError              **error);
FdLockChoice fd_lock_prompt_finish_choice (GAsyncResult  *result,
                                           GError       **error);

G_END_DECLS
