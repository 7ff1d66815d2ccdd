/* fd-format.h: dates, times and amounts as the person at the desk reads them.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *fd_format_time         (GDateTime *when);
char *fd_format_minutes      (int        minutes_since_midnight);
char *fd_format_date         (GDateTime *when);
char *fd_format_date_long    (GDateTime *when);
char *fd_format_date_short   (GDateTime *when);
char *fd_format_date_time    (GDateTime *when);
char *fd_format_moment       (GDateTime *when);
char *fd_format_time_seconds (GDateTime *when);
char *fd_format_date_time_seconds (GDateTime *when);
char *fd_format_iso_day      (const char *day);
char *fd_format_date_typed   (GDateTime *when);
char *fd_format_date_order   (void);
gboolean fd_format_parse_date (const char *text,
                               int        *year,
                               int        *month,
                               int        *day);
char *fd_format_amount       (const char *amount,
                              const char *currency);

G_END_DECLS
