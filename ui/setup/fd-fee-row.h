/* fd-fee-row.h: a row of the fee schedule editor's grid: one procedure code's fee.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "fd-cache-row.h"

G_BEGIN_DECLS

#define FD_TYPE_FEE_ROW (fd_fee_row_get_type ())
G_DECLARE_FINAL_TYPE (FdFeeRow, fd_fee_row, FD, FEE_ROW, AdwEntryRow)

GtkWidget  *fd_fee_row_new         (FdCacheRow *code);
const char *fd_fee_row_get_code_id (FdFeeRow   *self);
const char *fd_fee_row_get_code    (FdFeeRow   *self);

G_END_DECLS
