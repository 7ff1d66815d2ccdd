/* fd-audit-entry.h: one entry of the audit log: who did what to which record, when, and what
 * changed.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define FD_TYPE_AUDIT_ENTRY (fd_audit_entry_get_type ())
G_DECLARE_FINAL_TYPE (FdAuditEntry, fd_audit_entry, FD, AUDIT_ENTRY, GObject)

gint64      fd_audit_entry_get_id           (FdAuditEntry *self);
GDateTime  *fd_audit_entry_get_at           (FdAuditEntry *self);
const char *fd_audit_entry_get_actor        (FdAuditEntry *self);
const char *fd_audit_entry_get_actor_name   (FdAuditEntry *self);
const char *fd_audit_entry_get_workstation  (FdAuditEntry *self);
const char *fd_audit_entry_get_action       (FdAuditEntry *self);
const char *fd_audit_entry_get_record_kind  (FdAuditEntry *self);
const char *fd_audit_entry_get_record_id    (FdAuditEntry *self);
const char *fd_audit_entry_get_change_lines (FdAuditEntry *self);
const char *fd_audit_entry_get_detail       (FdAuditEntry *self);
const char *fd_audit_entry_get_record_name  (FdAuditEntry *self);
GDateTime  *fd_audit_entry_get_record_moment (FdAuditEntry *self);
char       *fd_audit_entry_dup_record_label (FdAuditEntry *self,
                                             const char   *name);
char       *fd_audit_entry_dup_who          (FdAuditEntry *self);
char       *fd_audit_entry_dup_record       (FdAuditEntry *self);
char       *fd_audit_entry_dup_changes      (FdAuditEntry *self);

G_END_DECLS
