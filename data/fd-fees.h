/* fd-fees.h: a fee schedule's fees: checking a typed amount, and saving fees together under
 * the schedule's save lock.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fd-cache.h"
#include "fd-connection.h"

G_BEGIN_DECLS

char    *fd_fees_check_amount (const char           *text);
void     fd_fees_name_context (FdCache              *cache,
                               const char           *schedule_id,
                               char                **context,
                               char                **description);
void     fd_fees_save_async   (FdConnection         *connection,
                               const char           *schedule_id,
                               guint                 n_fees,
                               const char * const   *code_ids,
                               const char * const   *originals,
                               const char * const   *amounts,
                               GCancellable         *cancellable,
                               GAsyncReadyCallback   callback,
                               gpointer              user_data);
gboolean fd_fees_save_finish  (GAsyncResult         *result,
                               GError              **error);

G_END_DECLS
