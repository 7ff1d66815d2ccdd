/* fd-calendar-popover.h: a calendar in a popover, for picking the day of a date field.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define FD_TYPE_CALENDAR_POPOVER (fd_calendar_popover_get_type ())
G_DECLARE_FINAL_TYPE (FdCalendarPopover, fd_calendar_popover, FD, CALENDAR_POPOVER, GtkPopover)

FdCalendarPopover *fd_calendar_popover_new          (void);
GtkCalendar       *fd_calendar_popover_get_calendar (FdCalendarPopover *self);
void               fd_calendar_popover_show_day     (FdCalendarPopover *self,
                                                     GDateTime         *day);
void               fd_calendar_popover_bind         (GtkMenuButton     *button,
                                                     GtkEditable       *field);
void               fd_calendar_popover_name_button  (GtkMenuButton     *button,
                                                     const char        *field);

G_END_DECLS
