/* fd-fee-schedule-editor.h: Setup's fee schedule editor: one schedule's fee for every
 * procedure code, saved under the schedule's save lock.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "fd-database.h"
#include "fd-save-lock.h"

G_BEGIN_DECLS

#define FD_TYPE_FEE_SCHEDULE_EDITOR (fd_fee_schedule_editor_get_type ())
G_DECLARE_FINAL_TYPE (FdFeeScheduleEditor, fd_fee_schedule_editor, FD, FEE_SCHEDULE_EDITOR,
                      GtkWidget)

GtkWidget  *fd_fee_schedule_editor_new          (FdDatabase          *database);
FdSaveLock *fd_fee_schedule_editor_get_lock     (FdFeeScheduleEditor *self);
gboolean    fd_fee_schedule_editor_get_dirty    (FdFeeScheduleEditor *self);
void        fd_fee_schedule_editor_set_schedule (FdFeeScheduleEditor *self,
                                                 const char          *schedule_id);
void        fd_fee_schedule_editor_set_fee      (FdFeeScheduleEditor *self,
                                                 const char          *code,
                                                 const char          *amount);

G_END_DECLS
