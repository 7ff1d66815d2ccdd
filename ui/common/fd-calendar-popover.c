/* fd-calendar-popover.c: a calendar in a popover, for picking the day of a date field.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each day selected is told with ::day-picked, so the field follows the calendar. A day
 * picked in the month shown is the answer and closes the popover (so does Enter); turning
 * the months with the calendar's arrows keeps it open, still looking. Date rows
 * (fd-date-row.c) hold one behind their calendar button; a plain entry takes one behind
 * an icon with fd_calendar_popover_attach_to_entry().
 */
#include <glib/gi18n.h>

#include "fd-calendar-popover.h"
#include "fd-format.h"

struct _FdCalendarPopover
{
  GtkPopover   parent_instance;

  /* Borrowed: the child */
  GtkCalendar *calendar;

  gboolean     syncing;      /* the calendar is being shown a day, not picked */
  int          shown_year;   /* the calendar's month before the day just selected */
  int          shown_month;
};

G_DEFINE_FINAL_TYPE (FdCalendarPopover, fd_calendar_popover, GTK_TYPE_POPOVER)

enum {
  DAY_PICKED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
remember_month (FdCalendarPopover *self)
{
  g_autoptr(GDateTime) shown = gtk_calendar_get_date (self->calendar);

  self->shown_year = g_date_time_get_year (shown);
  self->shown_month = g_date_time_get_month (shown);
}

static void
day_selected_cb (FdCalendarPopover *self)
{
  g_autoptr(GDateTime) picked = NULL;
  gboolean same_month;

  if (self->syncing)
    return;
  picked = gtk_calendar_get_date (self->calendar);
  same_month = g_date_time_get_year (picked) == self->shown_year &&
               g_date_time_get_month (picked) == self->shown_month;
  remember_month (self);
  g_signal_emit (self, signals[DAY_PICKED], 0, picked);
  if (same_month)
    gtk_popover_popdown (GTK_POPOVER (self));
}

static gboolean
key_pressed_cb (FdCalendarPopover *self,
                guint              keyval,
                guint              keycode,
                GdkModifierType    state)
{
  if (keyval != GDK_KEY_Return && keyval != GDK_KEY_KP_Enter && keyval != GDK_KEY_ISO_Enter)
    return FALSE;
  gtk_popover_popdown (GTK_POPOVER (self));
  return TRUE;
}

static void
fd_calendar_popover_class_init (FdCalendarPopoverClass *klass)
{
  /**
   * FdCalendarPopover::day-picked:
   * @day: the day selected in the calendar
   */
  signals[DAY_PICKED] =
    g_signal_new ("day-picked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_DATE_TIME);
}

static void
fd_calendar_popover_init (FdCalendarPopover *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  self->calendar = GTK_CALENDAR (gtk_calendar_new ());
  gtk_popover_set_child (GTK_POPOVER (self), GTK_WIDGET (self->calendar));
  g_signal_connect_object (self->calendar, "day-selected", G_CALLBACK (day_selected_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->calendar), keys);
}

FdCalendarPopover *
fd_calendar_popover_new (void)
{
  return g_object_new (FD_TYPE_CALENDAR_POPOVER, NULL);
}

GtkCalendar *
fd_calendar_popover_get_calendar (FdCalendarPopover *self)
{
  g_return_val_if_fail (FD_IS_CALENDAR_POPOVER (self), NULL);

  return self->calendar;
}

/**
 * fd_calendar_popover_show_day:
 * @day: (nullable): the field's day, %NULL for today
 *
 * Shows @day in the calendar, as it opens, without telling it as picked.
 */
void
fd_calendar_popover_show_day (FdCalendarPopover *self,
                              GDateTime         *day)
{
  g_autoptr(GDateTime) today = NULL;

  g_return_if_fail (FD_IS_CALENDAR_POPOVER (self));

  if (day == NULL)
    day = today = g_date_time_new_now_local ();
  self->syncing = TRUE;
  gtk_calendar_select_day (self->calendar, day);
  self->syncing = FALSE;
  remember_month (self);
}

/* A field's calendar ------------------------------------------------------------------- */

/* The first word of what @field holds, read as a day, or NULL. */
static GDateTime *
dup_typed_day (GtkEditable *field)
{
  g_auto(GStrv) words = g_strsplit (gtk_editable_get_text (field), " ", 2);
  int year, month, day;

  if (words[0] == NULL || !fd_format_parse_date (words[0], &year, &month, &day) ||
      !g_date_valid_dmy (day, month, year))
    return NULL;
  return g_date_time_new_local (year, month, day, 12, 0, 0);
}

/* Opening, the calendar shows the day typed, or today. */
static void
shown_cb (FdCalendarPopover *self,
          GtkEditable       *field)
{
  g_autoptr(GDateTime) day = dup_typed_day (field);

  fd_calendar_popover_show_day (self, day);
}

/* The day picked replaces the day typed; a time of day typed after it stays. */
static void
day_picked_cb (FdCalendarPopover *self,
               GDateTime         *day,
               GtkEditable       *field)
{
  g_auto(GStrv) words = g_strsplit (gtk_editable_get_text (field), " ", 2);
  g_autoptr(GDateTime) typed_day = dup_typed_day (field);
  g_autofree char *typed = fd_format_date_typed (day);
  g_autofree char *text = NULL;

  text = typed_day != NULL && words[0] != NULL && words[1] != NULL
         ? g_strconcat (typed, " ", words[1], NULL) : g_strdup (typed);
  gtk_editable_set_text (field, text);
}

/**
 * fd_calendar_popover_bind:
 * @button: the button beside @field that opens the calendar
 * @field: where the date is typed
 *
 * Gives @button a calendar that opens on the day @field holds and writes the day picked
 * there, in the locale's form.
 */
void
fd_calendar_popover_bind (GtkMenuButton *button,
                          GtkEditable   *field)
{
  FdCalendarPopover *self = fd_calendar_popover_new ();

  g_return_if_fail (GTK_IS_MENU_BUTTON (button));
  g_return_if_fail (GTK_IS_EDITABLE (field));

  gtk_menu_button_set_icon_name (button, "x-office-calendar-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (button), _("Pick from a calendar"));
  /* The button ends its field: the calendar opens leftwards, over the form, not past it. */
  gtk_widget_set_halign (GTK_WIDGET (self), GTK_ALIGN_END);
  gtk_menu_button_set_popover (button, GTK_WIDGET (self));
  g_signal_connect_object (self, "show", G_CALLBACK (shown_cb), field, 0);
  g_signal_connect_object (self, "day-picked", G_CALLBACK (day_picked_cb), field, 0);
}

/**
 * fd_calendar_popover_name_button:
 * @field: the date field, as its label names it ("Date of birth")
 *
 * Names @button ("Date of birth: pick from a calendar") and its calendar for a screen
 * reader.
 */
void
fd_calendar_popover_name_button (GtkMenuButton *button,
                                 const char    *field)
{
  GtkPopover *popover = gtk_menu_button_get_popover (button);
  g_autofree char *name = NULL;

  g_return_if_fail (FD_IS_CALENDAR_POPOVER (popover));

  /* Translators: a button's accessible name; %s is a date field, as "Date of birth" */
  name = g_strdup_printf (_("%s: pick from a calendar"), field);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (FD_CALENDAR_POPOVER (popover)->calendar),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, field, -1);
}
