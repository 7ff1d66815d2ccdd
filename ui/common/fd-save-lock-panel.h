/* fd-save-lock-panel.h: the Save Lock panel: what a form's save lock covers, who holds it,
 * who else could save, and Release / Acquire / Take.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "fd-save-lock.h"

G_BEGIN_DECLS

#define FD_TYPE_SAVE_LOCK_PANEL (fd_save_lock_panel_get_type ())
G_DECLARE_FINAL_TYPE (FdSaveLockPanel, fd_save_lock_panel, FD, SAVE_LOCK_PANEL, GtkPopover)

GtkWidget  *fd_save_lock_panel_new          (FdSaveLock *lock);
FdSaveLock *fd_save_lock_panel_get_lock     (FdSaveLockPanel *self);

char       *fd_save_lock_dup_state_text     (FdSaveLock *lock);

G_END_DECLS
