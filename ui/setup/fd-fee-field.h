/* fd-fee-field.h: the fee column of the Procedure Codes editor: a code's fee in one fee
 * schedule, under the same save lock as the fee schedule editor.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "fd-database.h"
#include "fd-save-lock.h"

G_BEGIN_DECLS

#define FD_TYPE_FEE_FIELD (fd_fee_field_get_type ())
G_DECLARE_FINAL_TYPE (FdFeeField, fd_fee_field, FD, FEE_FIELD, AdwPreferencesGroup)

GtkWidget  *fd_fee_field_new          (FdDatabase          *database,
                                       const char          *code_id);
FdSaveLock *fd_fee_field_get_lock     (FdFeeField          *self);
gboolean    fd_fee_field_get_changed  (FdFeeField          *self);
void        fd_fee_field_save_async   (FdFeeField          *self,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
gboolean    fd_fee_field_save_finish  (FdFeeField          *self,
                                       GAsyncResult        *result,
                                       GError             **error);

G_END_DECLS
