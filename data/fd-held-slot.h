/* fd-held-slot.h: a slot another desk holds while a booking is open there, as the book
 * draws it, and the search for those of some days.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "fd-connection.h"

G_BEGIN_DECLS

#define FD_TYPE_HELD_SLOT (fd_held_slot_get_type ())
G_DECLARE_FINAL_TYPE (FdHeldSlot, fd_held_slot, FD, HELD_SLOT, GObject)

const char *fd_held_slot_get_operatory_id  (FdHeldSlot *self);
const char *fd_held_slot_get_day           (FdHeldSlot *self);
int         fd_held_slot_get_start_minute  (FdHeldSlot *self);
int         fd_held_slot_get_end_minute    (FdHeldSlot *self);
const char *fd_held_slot_get_holder_name   (FdHeldSlot *self);
const char *fd_held_slot_get_workstation   (FdHeldSlot *self);

void        fd_held_slot_load_async        (FdConnection         *connection,
                                            const char           *from_day,
                                            const char           *to_day,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
GListModel *fd_held_slot_load_finish       (FdConnection         *connection,
                                            GAsyncResult         *result,
                                            GError              **error);

G_END_DECLS
