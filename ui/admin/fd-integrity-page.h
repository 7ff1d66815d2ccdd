/* fd-integrity-page.h: the Admin module's integrity tool: runs the server's integrity checks
 * with progress, reports what they find, and repairs what is safe to repair.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "fd-database.h"

G_BEGIN_DECLS

#define FD_TYPE_INTEGRITY_PAGE (fd_integrity_page_get_type ())
G_DECLARE_FINAL_TYPE (FdIntegrityPage, fd_integrity_page, FD, INTEGRITY_PAGE, GtkWidget)

GtkWidget *fd_integrity_page_new         (FdDatabase      *database);
void       fd_integrity_page_check       (FdIntegrityPage *self);
void       fd_integrity_page_cancel      (FdIntegrityPage *self);
gboolean   fd_integrity_page_get_running (FdIntegrityPage *self);
GListModel *fd_integrity_page_get_findings (FdIntegrityPage *self);

G_END_DECLS
