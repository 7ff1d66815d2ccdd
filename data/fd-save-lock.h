/* fd-save-lock.h: a form's save lock on a named data context: entered when the form shows
 * it, left when the form closes or moves on, and kept up to date as it changes hands.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "fd-lock-manager.h"
#include "fd-session.h"

G_BEGIN_DECLS

#define FD_SAVE_LOCK_ERROR (fd_save_lock_error_quark ())

typedef enum
{
  FD_SAVE_LOCK_ERROR_NO_CONTEXT,
} FdSaveLockError;

GQuark fd_save_lock_error_quark (void);

#define FD_TYPE_SAVE_LOCK (fd_save_lock_get_type ())
G_DECLARE_FINAL_TYPE (FdSaveLock, fd_save_lock, FD, SAVE_LOCK, GObject)

FdSaveLock         *fd_save_lock_new                (FdSession            *session);
FdSession          *fd_save_lock_get_session        (FdSaveLock           *self);

void                fd_save_lock_set_context        (FdSaveLock           *self,
                                                     const char           *name,
                                                     const char           *description);
const char         *fd_save_lock_get_context        (FdSaveLock           *self);
const char         *fd_save_lock_get_description    (FdSaveLock           *self);

gboolean            fd_save_lock_get_known          (FdSaveLock           *self);
gboolean            fd_save_lock_get_may_save       (FdSaveLock           *self);
gboolean            fd_save_lock_get_held           (FdSaveLock           *self);
gboolean            fd_save_lock_get_released_by_me (FdSaveLock           *self);
gboolean            fd_save_lock_get_may_take       (FdSaveLock           *self);
const FdLockHolder *fd_save_lock_get_holder         (FdSaveLock           *self);
GPtrArray          *fd_save_lock_get_viewers        (FdSaveLock           *self);
const GError       *fd_save_lock_get_error          (FdSaveLock           *self);

void                fd_save_lock_acquire_async      (FdSaveLock           *self,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
void                fd_save_lock_release_async      (FdSaveLock           *self,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
void                fd_save_lock_take_async         (FdSaveLock           *self,
                                                     gint64                expected_holder,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
gboolean            fd_save_lock_change_finish      (FdSaveLock           *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);

G_END_DECLS
