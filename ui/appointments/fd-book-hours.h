/* fd-book-hours.h: whether a booking fits the practice's hours and the provider's schedule
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fd-cache.h"

G_BEGIN_DECLS

char *fd_book_hours_check (FdCache    *cache,
                           const char *day,
                           int         start_minute,
                           int         length_minutes,
                           const char *provider_id);

G_END_DECLS
