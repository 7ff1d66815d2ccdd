/* fd-account.h: a family's account as Client Details holds it: the guarantor's account
 * columns, edited under the family's save lock "account:<guarantor>".
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "fd-database.h"
#include "fd-field-change.h"
#include "fd-record.h"
#include "fd-save-lock.h"

G_BEGIN_DECLS

#define FD_TYPE_ACCOUNT (fd_account_get_type ())
G_DECLARE_FINAL_TYPE (FdAccount, fd_account, FD, ACCOUNT, GObject)

FdAccount     *fd_account_new          (FdDatabase           *database);
FdSaveLock    *fd_account_get_lock     (FdAccount            *self);
FdRecord      *fd_account_get_record   (FdAccount            *self);
gboolean       fd_account_get_loaded   (FdAccount            *self);
const GError  *fd_account_get_error    (FdAccount            *self);
gboolean       fd_account_get_dirty    (FdAccount            *self);
gboolean       fd_account_get_editable (FdAccount            *self);
void           fd_account_follow       (FdAccount            *self,
                                        FdRecord             *client);
void           fd_account_clear        (FdAccount            *self);
void           fd_account_set_shown    (FdAccount            *self,
                                        gboolean              shown);
void           fd_account_revert       (FdAccount            *self);
const FdFieldChange *fd_account_get_change (FdAccount        *self,
                                            const char       *column);
void           fd_account_save_async   (FdAccount            *self,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
FdSaveOutcome  fd_account_save_finish  (FdAccount            *self,
                                        GAsyncResult         *result,
                                        GPtrArray           **conflicts,
                                        GError              **error);

void           fd_account_make_payer_async  (FdAccount            *self,
                                             const char           *client_id,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
gboolean       fd_account_make_payer_finish (FdAccount            *self,
                                             GAsyncResult         *result,
                                             GError              **error);

G_END_DECLS
