/* fd-slot-booking.h: a new booking in an empty slot, held on the server while it is open.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "fd-database.h"

G_BEGIN_DECLS

void fd_slot_booking_start (GtkWindow  *parent,
                            FdDatabase *database,
                            const char *day,
                            const char *operatory_id,
                            int         minute);

G_END_DECLS
