/* fd-free-slot.h: an opening in the book, as Find a Free Slot lists it, and the search for
 * the next ones.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "fd-connection.h"

G_BEGIN_DECLS

#define FD_TYPE_FREE_SLOT (fd_free_slot_get_type ())
G_DECLARE_FINAL_TYPE (FdFreeSlot, fd_free_slot, FD, FREE_SLOT, GObject)

const char *fd_free_slot_get_day          (FdFreeSlot *self);
int         fd_free_slot_get_start_minute (FdFreeSlot *self);
const char *fd_free_slot_get_provider_id  (FdFreeSlot *self);
const char *fd_free_slot_get_operatory_id (FdFreeSlot *self);

void        fd_free_slot_search_async     (FdConnection         *connection,
                                           const char           *from_day,
                                           int                   length_minutes,
                                           const char           *provider_id,
                                           const char           *operatory_id,
                                           const char           *part_of_day,
                                           int                   max_rows,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
GListModel *fd_free_slot_search_finish    (FdConnection         *connection,
                                           GAsyncResult         *result,
                                           GError              **error);

G_END_DECLS
