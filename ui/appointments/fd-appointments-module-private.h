/* fd-appointments-module-private.h: the Appointments module's instance, shared by its parts:
 * fd-appointments-module.c (life cycle, the day and its navigation),
 * fd-appointments-module-changes.c (the menu, moves, status changes, cancelling, Undo) and
 * fd-appointments-module-week.c (the week of one operatory or provider, and held slots).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "fd-appointments-module.h"
#include "fd-departed-sweep.h"

G_BEGIN_DECLS

struct _FdAppointmentsModule
{
  GtkWidget        parent_instance;

  /* Template widgets */
  AdwToastOverlay *toast_overlay;
  GtkWidget       *previous_button;
  GtkWidget       *next_button;
  GtkMenuButton   *date_button;
  GtkCalendar     *calendar;
  GtkLabel        *status_label;
  GtkToggleButton *cancelled_toggle;
  GtkDropDown     *provider_dropdown;
  GtkStringList   *provider_names;
  GtkLabel        *pinboard_label;
  FdDayView       *view;
  GtkToggleButton *week_toggle;
  GtkDropDown     *week_dropdown;
  GtkStringList   *week_names;

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
  GPtrArray       *week_choices;    /* beside week_names: "o" or "p" and an id: "o12", "p3" */
  GCancellable    *holds_cancellable;
  FdDepartedSweep *sweep;           /* active while another desk's hold is drawn */

  guint            loads;
};

char *fd_appointments_module_format_day (FdAppointmentsModule *self);
void  fd_appointments_module_show_client_appointments (FdAppointmentsModule *self,
                                                       FdAppointment        *appointment);
void  fd_appointments_module_report     (FdAppointmentsModule *self,
                                         const char           *message);
void  fd_appointments_module_load_day   (FdAppointmentsModule *self);

void  fd_appointments_module_init_changes (FdAppointmentsModule *self);

/* fd-appointments-module-week.c */
void     fd_appointments_module_shown_range  (FdAppointmentsModule *self,
                                              char                **from,
                                              char                **to);
gboolean fd_appointments_module_shows_any    (FdAppointmentsModule *self,
                                              const char          **days);
void     fd_appointments_module_apply_week   (FdAppointmentsModule *self);
void     fd_appointments_module_fill_week_choices (FdAppointmentsModule *self);
void     fd_appointments_module_load_holds   (FdAppointmentsModule *self);
void     fd_appointments_module_week_toggled_cb (FdAppointmentsModule *self);
void     fd_appointments_module_week_chosen_cb  (FdAppointmentsModule *self);
void  fd_appointments_module_cut_requested_cb (FdAppointmentsModule *self,
                                               FdAppointment        *appointment);
void  fd_appointments_module_paste_requested_cb (FdAppointmentsModule *self,
                                                 const char           *operatory_id,
                                                 int                   minute,
                                                 const char           *day);
void  fd_appointments_module_menu_requested_cb (FdAppointmentsModule *self,
                                                FdAppointment        *appointment,
                                                double                x,
                                                double                y);

G_END_DECLS
