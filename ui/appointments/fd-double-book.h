/* fd-double-book.h: booking or moving into an operatory and time that is taken asks first.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "fd-appointment.h"
#include "fd-cache.h"

G_BEGIN_DECLS

FdAppointment *fd_double_book_find_occupant (GListModel          *appointments,
                                             const char          *except_id,
                                             const char          *day,
                                             const char          *operatory_id,
                                             int                  minute,
                                             int                  length);
const char    *fd_double_book_operatory_name (FdCache            *cache,
                                              const char         *operatory_id);
void           fd_double_book_ask_async     (GtkWindow           *parent,
                                             FdCache             *cache,
                                             const char          *operatory_id,
                                             FdAppointment       *occupant,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean       fd_double_book_ask_finish    (GAsyncResult        *result);

G_END_DECLS
