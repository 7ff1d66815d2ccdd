/* fd-appointments-module-private.h: the Appointments module's instance, shared by its parts:
 * fd-appointments-module.c (life cycle, the day and its navigation) and
 * fd-appointments-module-changes.c (the menu, moves, status changes, cancelling, Undo).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "fd-appointments-module.h"

G_BEGIN_DECLS

struct _FdAppointmentsModule
{
  GtkWidget        parent_instance;

  /* Template widgets */
  AdwToastOverlay *toast_overlay;
  GtkMenuButton   *date_button;
  GtkCalendar     *calendar;
  GtkLabel        *status_label;
  GtkToggleButton *cancelled_toggle;
  GtkDropDown     *provider_dropdown;
  GtkStringList   *provider_names;
  GtkLabel        *pinboard_label;
  FdDayView       *view;

  /* Borrowed: a child of the module, outside the scrolled book */
  GtkPopover      *menu;

  /* Owned */
  FdDatabase      *database;
  GDateTime       *day;
  GCancellable    *cancellable;
  GSignalGroup    *signal_group;
  FdAppointment   *menu_appointment;
  FdAppointment   *pinned;          /* cut, waiting on the pinboard to be pasted */
  char            *pinned_from;     /* its start when it was cut, as the server reads it */
  char            *focus_id;        /* the appointment to focus when its day has loaded */
  GPtrArray       *provider_ids;    /* beside provider_names: "" for everyone, then ids */

  guint            loads;
};

char *fd_appointments_module_format_day (FdAppointmentsModule *self);
void  fd_appointments_module_show_client_appointments (FdAppointmentsModule *self,
                                                       FdAppointment        *appointment);
void  fd_appointments_module_report     (FdAppointmentsModule *self,
                                         const char           *message);
void  fd_appointments_module_load_day   (FdAppointmentsModule *self);

void  fd_appointments_module_init_changes (FdAppointmentsModule *self);
void  fd_appointments_module_cut_requested_cb (FdAppointmentsModule *self,
                                               FdAppointment        *appointment);
void  fd_appointments_module_paste_requested_cb (FdAppointmentsModule *self,
                                                 const char           *operatory_id,
                                                 int                   minute);
void  fd_appointments_module_menu_requested_cb (FdAppointmentsModule *self,
                                                FdAppointment        *appointment,
                                                double                x,
                                                double                y);

G_END_DECLS
