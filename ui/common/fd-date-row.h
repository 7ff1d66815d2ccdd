/* fd-date-row.h: a form's date: typed in the locale's form or picked from a calendar,
 * checked as it is typed, and handed to the database as year-month-day.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define FD_TYPE_DATE_ROW (fd_date_row_get_type ())
G_DECLARE_FINAL_TYPE (FdDateRow, fd_date_row, FD, DATE_ROW, AdwEntryRow)

GtkWidget   *fd_date_row_new                (void);
const char  *fd_date_row_get_value          (FdDateRow  *self);
void         fd_date_row_set_value          (FdDateRow  *self,
                                             const char *day);
const char  *fd_date_row_get_problem        (FdDateRow  *self);
gboolean     fd_date_row_get_optional       (FdDateRow  *self);
void         fd_date_row_set_optional       (FdDateRow  *self,
                                             gboolean    optional);
void         fd_date_row_refuse_future      (FdDateRow  *self,
                                             const char *sentence);
GtkWidget   *fd_date_row_get_calendar_button (FdDateRow *self);
GtkCalendar *fd_date_row_get_calendar       (FdDateRow  *self);
char        *fd_date_row_format_value       (const char *day);

G_END_DECLS
