/* fd-clock.h: the desktop's clock, as every time of day Frontdesk writes follows it.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean fd_clock_uses_12_hours   (void);
char    *fd_clock_format_time     (GDateTime *when,
                                   gboolean   with_seconds);
char    *fd_clock_format_minutes  (int        minutes_since_midnight);

G_END_DECLS
