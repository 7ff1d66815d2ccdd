/* fd-date-row.c: a form's date: typed in the locale's form or picked from a calendar,
 * checked as it is typed, and handed to the database as year-month-day.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The row shows the day as fd_format_date_typed() writes it (the locale's order, the year
 * whole) and reads back what is typed in that order, or as year-month-day. Its calendar
 * button opens an FdCalendarPopover on the row's day. What is wrong is said in a
 * sentence (fd_date_row_get_problem()) and marks the row; the form shows the sentence
 * where it shows the others and refuses to save while there is one.
 */
#include <glib/gi18n.h>
#include <stdio.h>

#include "fd-calendar-popover.h"
#include "fd-date-row.h"
#include "fd-format.h"

/* Before this a date is a typing mistake (no client, procedure or appointment is older). */
#define EARLIEST_YEAR 1880

struct _FdDateRow
{
  AdwEntryRow    parent_instance;

  /* Borrowed: the row's suffix, which opens its calendar */
  GtkMenuButton *button;

  /* Owned */
  char          *value;            /* YYYY-MM-DD, NULL when empty or wrong */
  char          *problem;
  char          *future_sentence;  /* a day after today is refused with it; NULL: taken */

  gboolean       optional;
};

G_DEFINE_FINAL_TYPE (FdDateRow, fd_date_row, ADW_TYPE_ENTRY_ROW)

enum {
  PROP_0,
  PROP_VALUE,
  PROP_PROBLEM,
  PROP_OPTIONAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Noon, so that no time zone moves the day. */
static GDateTime *
day_new (int year,
         int month,
         int day)
{
  return g_date_valid_dmy (day, month, year) ? g_date_time_new_local (year, month, day, 12, 0, 0)
                                             : NULL;
}

/**
 * fd_date_row_format_value:
 * @day: (nullable): YYYY-MM-DD
 *
 * Returns: (transfer full): @day as the row shows it; "" for none, @day itself when it is
 *   not a day
 */
char *
fd_date_row_format_value (const char *day)
{
  int year, month, day_of_month;
  char end;
  g_autoptr(GDateTime) date = NULL;

  if (day == NULL || day[0] == '\0')
    return g_strdup ("");
  if (sscanf (day, "%4d-%2d-%2d%c", &year, &month, &day_of_month, &end) != 3 ||
      (date = day_new (year, month, day_of_month)) == NULL)
    return g_strdup (day);
  return fd_format_date_typed (date);
}

/* "Write the date as 12/02/2026 (month/day/year) …": today, in the form that is read. */
static char *
describe_form (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *example = fd_format_date_typed (now);
  g_autofree char *order = fd_format_date_order ();

  /* Translators: an example date (today) and the order of its parts, as
   * "12/02/2026 (month/day/year)" */
  return g_strdup_printf (_("%s (%s)"), example, order);
}

/* What is wrong with @text, or NULL with the day in @value. */
static char *
check_text (FdDateRow  *self,
            const char *text,
            char      **value)
{
  int year = 0, month = 0, day = 0;
  g_autoptr(GDateTime) date = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *form = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  *value = NULL;
  if (stripped[0] == '\0')
    return self->optional ? NULL : g_strdup (_("Write the date, or pick it from the calendar."));

  form = describe_form ();
  if (!fd_format_parse_date (stripped, &year, &month, &day))
    /* Translators: %s is an example date and the order of its parts */
    return g_strdup_printf (_("Write the date as %s, or pick it from the calendar."), form);
  if (year < 1000)
    /* Translators: %s is an example date and the order of its parts */
    return g_strdup_printf (_("Write the year with all four digits, as in %s."), form);
  if (month < 1 || month > 12)
    /* Translators: %d is the month typed; %s an example date and the order of its parts */
    return g_strdup_printf (_("There is no month %d: write the date as %s."), month, form);
  if ((date = day_new (year, month, day)) == NULL)
    /* Translators: %d is the day of the month typed */
    return g_strdup_printf (_("That month has no day %d."), day);
  if (year < EARLIEST_YEAR)
    /* Translators: %d is the year typed */
    return g_strdup_printf (_("Check the year: %d is too long ago."), year);

  now = g_date_time_new_now_local ();
  if (self->future_sentence != NULL &&
      year * 10000 + month * 100 + day > g_date_time_get_year (now) * 10000 +
                                         g_date_time_get_month (now) * 100 +
                                         g_date_time_get_day_of_month (now))
    return g_strdup (self->future_sentence);

  *value = g_strdup_printf ("%04d-%02d-%02d", year, month, day);
  return NULL;
}

static void
check (FdDateRow *self)
{
  g_autofree char *value = NULL;
  g_autofree char *problem = check_text (self, gtk_editable_get_text (GTK_EDITABLE (self)),
                                         &value);

  if (problem != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "error");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), problem);
  if (problem != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                    problem, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);

  if (g_strcmp0 (problem, self->problem) != 0)
    {
      g_free (self->problem);
      self->problem = g_steal_pointer (&problem);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROBLEM]);
    }
  if (g_strcmp0 (value, self->value) != 0)
    {
      g_free (self->value);
      self->value = g_steal_pointer (&value);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUE]);
    }
}

/* The button's name says which date it picks: "Date of birth: pick from a calendar". */
static void
title_changed_cb (FdDateRow *self)
{
  const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self));

  fd_calendar_popover_name_button (self->button, title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
}

static void
editable_changed_cb (FdDateRow *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->button),
                            gtk_editable_get_editable (GTK_EDITABLE (self)));
}

/* GObject -------------------------------------------------------------------------------- */

static void
fd_date_row_finalize (GObject *object)
{
  FdDateRow *self = FD_DATE_ROW (object);

  g_free (self->value);
  g_free (self->problem);
  g_free (self->future_sentence);

  G_OBJECT_CLASS (fd_date_row_parent_class)->finalize (object);
}

static void
fd_date_row_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  FdDateRow *self = FD_DATE_ROW (object);

  switch (prop_id)
    {
    case PROP_VALUE:
      g_value_set_string (value, self->value);
      break;
    case PROP_PROBLEM:
      g_value_set_string (value, self->problem);
      break;
    case PROP_OPTIONAL:
      g_value_set_boolean (value, self->optional);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fd_date_row_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  FdDateRow *self = FD_DATE_ROW (object);

  switch (prop_id)
    {
    case PROP_VALUE:
      fd_date_row_set_value (self, g_value_get_string (value));
      break;
    case PROP_OPTIONAL:
      fd_date_row_set_optional (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fd_date_row_class_init (FdDateRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = fd_date_row_finalize;
  object_class->get_property = fd_date_row_get_property;
  object_class->set_property = fd_date_row_set_property;

  properties[PROP_VALUE] =
    g_param_spec_string ("value", NULL, "The day, YYYY-MM-DD; NULL when empty or wrong", NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_PROBLEM] =
    g_param_spec_string ("problem", NULL, "What is wrong with what is typed, in a sentence",
                         NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_OPTIONAL] =
    g_param_spec_boolean ("optional", NULL, "Whether no date is an answer too", FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
fd_date_row_init (FdDateRow *self)
{
  self->button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  fd_calendar_popover_bind (self->button, GTK_EDITABLE (self));
  gtk_widget_set_valign (GTK_WIDGET (self->button), GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->button), "flat");
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (self), GTK_WIDGET (self->button));

  /* Connected first, so that the value is known to whoever hears "changed" next. */
  g_signal_connect (self, "changed", G_CALLBACK (check), NULL);
  g_signal_connect (self, "notify::title", G_CALLBACK (title_changed_cb), NULL);
  g_signal_connect (self, "notify::editable", G_CALLBACK (editable_changed_cb), NULL);
  title_changed_cb (self);
  check (self);
}

GtkWidget *
fd_date_row_new (void)
{
  return g_object_new (FD_TYPE_DATE_ROW, NULL);
}

/**
 * fd_date_row_get_value:
 *
 * Returns: (nullable): the day, YYYY-MM-DD, or %NULL when the row is empty or wrong
 */
const char *
fd_date_row_get_value (FdDateRow *self)
{
  g_return_val_if_fail (FD_IS_DATE_ROW (self), NULL);

  return self->value;
}

/**
 * fd_date_row_set_value:
 * @day: (nullable): YYYY-MM-DD, or %NULL for none
 *
 * Shows @day in the locale's form (and the row's text stays as it is when it already
 * reads that day, so a field being typed in keeps its cursor).
 */
void
fd_date_row_set_value (FdDateRow  *self,
                       const char *day)
{
  g_autofree char *text = NULL;

  g_return_if_fail (FD_IS_DATE_ROW (self));

  if (day != NULL && g_strcmp0 (day, self->value) == 0)
    return;
  text = fd_date_row_format_value (day);
  if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (self))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self), text);
}

/**
 * fd_date_row_get_problem:
 *
 * Returns: (nullable): what is wrong with what is typed, in a sentence, or %NULL
 */
const char *
fd_date_row_get_problem (FdDateRow *self)
{
  g_return_val_if_fail (FD_IS_DATE_ROW (self), NULL);

  return self->problem;
}

gboolean
fd_date_row_get_optional (FdDateRow *self)
{
  g_return_val_if_fail (FD_IS_DATE_ROW (self), FALSE);

  return self->optional;
}

/* Optional: an empty row is an answer (no date of birth known), not a mistake. */
void
fd_date_row_set_optional (FdDateRow *self,
                          gboolean   optional)
{
  g_return_if_fail (FD_IS_DATE_ROW (self));

  if (self->optional == !!optional)
    return;
  self->optional = !!optional;
  check (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPTIONAL]);
}

/**
 * fd_date_row_refuse_future:
 * @sentence: what to say of a day after today, as "The date of birth cannot be in the
 *   future."
 */
void
fd_date_row_refuse_future (FdDateRow  *self,
                           const char *sentence)
{
  g_return_if_fail (FD_IS_DATE_ROW (self));

  g_free (self->future_sentence);
  self->future_sentence = g_strdup (sentence);
  check (self);
}

/**
 * fd_date_row_get_calendar_button:
 *
 * Returns: (transfer none): the button that opens the calendar
 */
GtkWidget *
fd_date_row_get_calendar_button (FdDateRow *self)
{
  g_return_val_if_fail (FD_IS_DATE_ROW (self), NULL);

  return GTK_WIDGET (self->button);
}

/**
 * fd_date_row_get_calendar:
 *
 * Returns: (transfer none): the calendar of the button's popover
 */
GtkCalendar *
fd_date_row_get_calendar (FdDateRow *self)
{
  g_return_val_if_fail (FD_IS_DATE_ROW (self), NULL);

  return fd_calendar_popover_get_calendar (
    FD_CALENDAR_POPOVER (gtk_menu_button_get_popover (self->button)));
}
