/* fd-audit-page.h: the Admin module's audit log viewer: filters by user, record, action and
 * period, the entries a page at a time, newest first.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "fd-audit-entry.h"
#include "fd-database.h"

G_BEGIN_DECLS

/* What an entry shows, a column each. */
typedef enum
{
  FD_AUDIT_COLUMN_WHEN,
  FD_AUDIT_COLUMN_WHO,
  FD_AUDIT_COLUMN_WORKSTATION,
  FD_AUDIT_COLUMN_ACTION,
  FD_AUDIT_COLUMN_RECORD,
  FD_AUDIT_COLUMN_CHANGES,
  FD_AUDIT_N_COLUMNS
} FdAuditColumn;

#define FD_TYPE_AUDIT_PAGE (fd_audit_page_get_type ())
G_DECLARE_FINAL_TYPE (FdAuditPage, fd_audit_page, FD, AUDIT_PAGE, GtkWidget)

GtkWidget  *fd_audit_page_new           (FdDatabase    *database);
void        fd_audit_page_search        (FdAuditPage   *self);
void        fd_audit_page_show_record   (FdAuditPage   *self,
                                         const char    *record);
gboolean    fd_audit_page_get_searching (FdAuditPage   *self);
GListModel *fd_audit_page_get_entries   (FdAuditPage   *self);
guint       fd_audit_page_get_page      (FdAuditPage   *self);
char       *fd_audit_page_dup_text      (FdAuditEntry  *entry,
                                         FdAuditColumn  column);

G_END_DECLS
