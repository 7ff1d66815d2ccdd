/* fd-client-row.h: one client in the search list: name, details, and who has it open.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "fd-client-summary.h"
#include "fd-open-records.h"

G_BEGIN_DECLS

#define FD_TYPE_CLIENT_ROW (fd_client_row_get_type ())
G_DECLARE_FINAL_TYPE (FdClientRow, fd_client_row, FD, CLIENT_ROW, GtkWidget)

GtkWidget *fd_client_row_new  (void);
void       fd_client_row_bind (FdClientRow     *self,
                               FdClientSummary *summary,
                               FdOpenRecords   *open_records);
FdClientSummary *fd_client_row_get_summary (FdClientRow *self);

G_END_DECLS
