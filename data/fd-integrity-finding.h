/* fd-integrity-finding.h: one finding of an integrity check: which check, how bad, on which
 * record, what it found, and whether and how a repair changes it.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define FD_TYPE_INTEGRITY_FINDING (fd_integrity_finding_get_type ())
G_DECLARE_FINAL_TYPE (FdIntegrityFinding, fd_integrity_finding, FD, INTEGRITY_FINDING, GObject)

const char *fd_integrity_finding_get_check       (FdIntegrityFinding *self);
const char *fd_integrity_finding_get_title       (FdIntegrityFinding *self);
const char *fd_integrity_finding_get_severity    (FdIntegrityFinding *self);
const char *fd_integrity_finding_get_record_kind (FdIntegrityFinding *self);
const char *fd_integrity_finding_get_record_id   (FdIntegrityFinding *self);
const char *fd_integrity_finding_get_message     (FdIntegrityFinding *self);
gboolean    fd_integrity_finding_get_repairable  (FdIntegrityFinding *self);
const char *fd_integrity_finding_get_repair      (FdIntegrityFinding *self);
gboolean    fd_integrity_finding_is_repaired     (FdIntegrityFinding *self);
char       *fd_integrity_finding_dup_record      (FdIntegrityFinding *self);

G_END_DECLS
