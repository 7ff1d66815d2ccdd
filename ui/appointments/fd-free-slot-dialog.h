/* fd-free-slot-dialog.h: Find a Free Slot: the next openings for a length, provider,
 * operatory and part of the day; activating one opens its booking.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "fd-database.h"

#include "fd-free-slot.h"

G_BEGIN_DECLS

#define FD_TYPE_FREE_SLOT_DIALOG (fd_free_slot_dialog_get_type ())
G_DECLARE_FINAL_TYPE (FdFreeSlotDialog, fd_free_slot_dialog, FD, FREE_SLOT_DIALOG, AdwWindow)

FdFreeSlotDialog *fd_free_slot_dialog_new        (GtkWindow        *parent,
                                                  FdDatabase       *database,
                                                  const char       *from_day);
guint             fd_free_slot_dialog_get_searches (FdFreeSlotDialog *self);

FdFreeSlot       *fd_free_slot_dialog_get_slot   (FdFreeSlotDialog *self,
                                                 GtkListBoxRow    *row);

G_END_DECLS
