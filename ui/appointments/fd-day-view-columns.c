/* fd-day-view-columns.c: the book's columns, and the slots other desks hold in them.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A column is an operatory on a day. The day view has one for each operatory on the day
 * loaded; the week has one for each working day of the practice (a weekday on which some
 * provider is scheduled), all of one operatory, or all of one provider wherever they work.
 * Blocks, free slots, drops and held slots all find their column here, so the day and the
 * week share one layout and one set of children.
 */
#include <glib/gi18n.h>
#include <stdio.h>
#include <stdlib.h>

#include "fd-day-view-private.h"
#include "fd-format.h"
#include "fd-held-slot.h"

void
fd_book_column_free (FdBookColumn *column)
{
  g_clear_object (&column->operatory);
  g_free (column->day);
  g_free (column->title);
  g_free (column);
}

static GDateTime *
parse_day (const char *day)
{
  int year, month, date;

  if (day == NULL || sscanf (day, "%d-%d-%d", &year, &month, &date) != 3 ||
      !g_date_valid_dmy (date, month, year))
    return NULL;
  return g_date_time_new_local (year, month, date, 12, 0, 0);
}

static void
add_column (FdDayView  *self,
            FdCacheRow *operatory,
            const char *day,
            char       *title)
{
  FdBookColumn *column = g_new0 (FdBookColumn, 1);

  column->operatory = operatory != NULL ? g_object_ref (operatory) : NULL;
  column->day = g_strdup (day);
  column->title = title;
  g_ptr_array_add (self->columns, column);
}

/* The week's columns: its days, titled by day ("Wed 2 Dec"). */
static void
read_week_columns (FdDayView *self)
{
  FdCacheRow *operatory = self->week_operatory != NULL
                          ? fd_cache_lookup (self->cache, "operatories", self->week_operatory)
                          : NULL;

  for (guint i = 0; self->week_days[i] != NULL; i++)
    {
      g_autoptr(GDateTime) date = parse_day (self->week_days[i]);

      add_column (self, operatory, self->week_days[i],
                  date != NULL ? fd_format_date_short (date) : g_strdup (self->week_days[i]));
    }
}

void
fd_day_view_read_columns (FdDayView *self)
{
  GListModel *operatories;

  g_ptr_array_set_size (self->columns, 0);
  if (self->cache == NULL)
    return;
  if (self->week_days != NULL)
    {
      read_week_columns (self);
      return;
    }

  operatories = fd_cache_get_table (self->cache, "operatories");
  for (guint i = 0; i < g_list_model_get_n_items (operatories); i++)
    {
      g_autoptr(FdCacheRow) row = g_list_model_get_item (operatories, i);

      if (!fd_cache_row_get_boolean (row, "hidden"))
        add_column (self, row, NULL, g_strdup (fd_cache_row_get (row, "name")));
    }
}

/* The column of @operatory_id on @day (either %NULL: the day loaded), or -1. */
int
fd_day_view_column_of (FdDayView  *self,
                       const char *day,
                       const char *operatory_id)
{
  for (guint i = 0; i < self->columns->len; i++)
    {
      FdBookColumn *column = g_ptr_array_index (self->columns, i);

      if ((column->day == NULL || day == NULL || g_str_equal (column->day, day)) &&
          (column->operatory == NULL ||
           g_strcmp0 (fd_cache_row_get_id (column->operatory), operatory_id) == 0))
        return i;
    }
  return -1;
}

/* The column @appointment takes time in: in a provider's week, only their own do. */
int
fd_day_view_column_of_appointment (FdDayView     *self,
                                   FdAppointment *appointment)
{
  if (self->week_days != NULL && self->week_operatory == NULL &&
      g_strcmp0 (fd_appointment_get_provider_id (appointment), self->week_provider) != 0)
    return -1;
  return fd_day_view_column_of (self, fd_appointment_get_day (appointment),
                                fd_appointment_get_operatory_id (appointment));
}

/* Whether @appointment is in one of the columns shown, cancelled or not. */
gboolean
fd_day_view_has_column_of (FdDayView     *self,
                           FdAppointment *appointment)
{
  g_return_val_if_fail (FD_IS_DAY_VIEW (self), FALSE);

  return fd_day_view_column_of_appointment (self, appointment) >= 0;
}

/* The one provider shown: the week's, else the filter's, else %NULL for everyone. */
const char *
fd_day_view_shown_provider (FdDayView *self)
{
  if (self->week_days != NULL && self->week_operatory == NULL)
    return self->week_provider;
  return self->provider_filter;
}

/* Where a booking in @column goes: its operatory, or in a provider's week the operatory
 * their schedule names that weekday, else the first one. */
const char *
fd_day_view_column_operatory (FdDayView *self,
                              guint      index)
{
  FdBookColumn *column = g_ptr_array_index (self->columns, index);
  g_autoptr(GDateTime) date = parse_day (column->day);
  int weekday = date != NULL ? g_date_time_get_day_of_week (date) : 0;
  GListModel *table;
  g_autoptr(FdCacheRow) first = NULL;

  if (column->operatory != NULL)
    return fd_cache_row_get_id (column->operatory);

  table = fd_cache_get_table (self->cache, "provider_schedules");
  for (guint i = 0; i < g_list_model_get_n_items (table); i++)
    {
      g_autoptr(FdCacheRow) row = g_list_model_get_item (table, i);
      const char *operatory = fd_cache_row_get (row, "operatory_id");

      if (g_strcmp0 (fd_cache_row_get (row, "provider_id"), self->week_provider) == 0 &&
          atoi (fd_cache_row_get (row, "weekday") ?: "0") == weekday &&
          operatory != NULL && fd_cache_lookup (self->cache, "operatories", operatory) != NULL)
        return fd_cache_row_get_id (fd_cache_lookup (self->cache, "operatories", operatory));
    }
  table = fd_cache_get_table (self->cache, "operatories");
  for (guint i = 0; i < g_list_model_get_n_items (table); i++)
    {
      g_autoptr(FdCacheRow) row = g_list_model_get_item (table, i);

      if (!fd_cache_row_get_boolean (row, "hidden"))
        return fd_cache_row_get_id (fd_cache_lookup (self->cache, "operatories",
                                                     fd_cache_row_get_id (row)));
    }
  return NULL;
}

/**
 * fd_day_view_describe_hold:
 *
 * Returns: (transfer full) (nullable): who is booking in @column at @minute at another
 *   desk ("Being booked by Sam Patel at Reception 2"), or %NULL
 */
char *
fd_day_view_describe_hold (FdDayView *self,
                           guint      index,
                           int        minute)
{
  guint n = self->holds != NULL ? g_list_model_get_n_items (self->holds) : 0;
  FdBookColumn *column = g_ptr_array_index (self->columns, index);
  const char *operatory = fd_day_view_column_operatory (self, index);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FdHeldSlot) hold = g_list_model_get_item (self->holds, i);
      const char *workstation = fd_held_slot_get_workstation (hold);

      if ((column->day != NULL && g_strcmp0 (column->day, fd_held_slot_get_day (hold)) != 0) ||
          g_strcmp0 (operatory, fd_held_slot_get_operatory_id (hold)) != 0 ||
          fd_held_slot_get_start_minute (hold) >= minute + self->slot ||
          fd_held_slot_get_end_minute (hold) <= minute)
        continue;
      if (workstation != NULL && *workstation != '\0')
        /* Translators: who is booking a slot at another desk, then that desk */
        return g_strdup_printf (_("Being booked by %s at %s"),
                                fd_held_slot_get_holder_name (hold), workstation);
      /* Translators: who is booking a slot at another desk */
      return g_strdup_printf (_("Being booked by %s"), fd_held_slot_get_holder_name (hold));
    }
  return NULL;
}

/* A free slot's name: "Free, 10:00, Surgery 1" (in the week "Free, Wed 2 Dec, 10:00,
 * Surgery 1"), or while another desk books there "Being booked by Sam Patel at Reception 2,
 * 10:00, …"; that desk's name is drawn on the first slot of its hold. */
static void
describe_slot (FdDayView *self,
               FdDaySlot *slot,
               guint      column,
               gboolean   after_hold)
{
  FdBookColumn *shown = g_ptr_array_index (self->columns, column);
  FdCacheRow *operatory = fd_cache_lookup (self->cache, "operatories", slot->operatory_id);
  const char *name = operatory != NULL ? fd_cache_row_get (operatory, "name") : "";
  g_autofree char *time = fd_day_view_format_time (slot->minute);
  g_autofree char *place = NULL;
  g_autofree char *label = NULL;

  g_free (slot->held_by);
  slot->held_by = fd_day_view_describe_hold (self, column, slot->minute);
  slot->hold_starts = slot->held_by != NULL && !after_hold;
  /* Translators: a slot's day, then its operatory */
  place = shown->day != NULL ? g_strdup_printf (_("%s, %s"), shown->title, name)
                             : g_strdup (name);
  if (slot->held_by != NULL)
    label = g_strdup_printf ("%s, %s, %s", slot->held_by, time, place);
  else
    /* Translators: an empty slot in the book: its time and place */
    label = g_strdup_printf (_("Free, %s, %s"), time, place);
  gtk_widget_set_tooltip_text (GTK_WIDGET (slot), slot->held_by);
  if (slot->held_by != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (slot), "held");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (slot), "held");
  gtk_accessible_update_property (GTK_ACCESSIBLE (slot), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Press Enter to book an appointment here"), -1);
  gtk_widget_queue_draw (GTK_WIDGET (slot));
}

/* The slots other desks hold, marked on the free slots in place: the slots stay, and so
 * does the focus. */
void
fd_day_view_mark_holds (FdDayView *self)
{
  FdDaySlot *previous = NULL;

  for (guint i = 0; i < self->slots->len; i++)
    {
      FdDaySlot *slot = g_ptr_array_index (self->slots, i);
      int column, start, end;

      if (!fd_day_view_child_position (self, GTK_WIDGET (slot), &column, &start, &end))
        continue;
      describe_slot (self, slot, column,
                     previous != NULL && previous->held_by != NULL &&
                     g_strcmp0 (previous->day, slot->day) == 0 &&
                     g_strcmp0 (previous->operatory_id, slot->operatory_id) == 0 &&
                     previous->minute + self->slot == slot->minute);
      previous = slot;
    }
}

/* The slots other desks hold: drawn as held, with who, until they are released. */
void
fd_day_view_set_holds (FdDayView  *self,
                       GListModel *holds)
{
  g_return_if_fail (FD_IS_DAY_VIEW (self));

  g_set_object (&self->holds, holds);
  fd_day_view_mark_holds (self);
}

/**
 * fd_day_view_set_week:
 * @days: (nullable): the working days shown, YYYY-MM-DD; %NULL for the day view again
 * @operatory_id: (nullable): the operatory shown on each day
 * @provider_id: (nullable): else the provider shown on each day, wherever they work
 *
 * Shows a column for each of @days, of one operatory or of one provider.
 */
void
fd_day_view_set_week (FdDayView          *self,
                      const char * const *days,
                      const char         *operatory_id,
                      const char         *provider_id)
{
  g_return_if_fail (FD_IS_DAY_VIEW (self));

  g_clear_pointer (&self->week_days, g_strfreev);
  g_clear_pointer (&self->week_operatory, g_free);
  g_clear_pointer (&self->week_provider, g_free);
  if (days != NULL)
    {
      self->week_days = g_strdupv ((char **) days);
      self->week_operatory = g_strdup (operatory_id);
      self->week_provider = g_strdup (operatory_id == NULL ? provider_id : NULL);
    }
  fd_day_view_layout_changed (self);
}

gboolean
fd_day_view_is_week (FdDayView *self)
{
  g_return_val_if_fail (FD_IS_DAY_VIEW (self), FALSE);

  return self->week_days != NULL;
}

/* How many columns are shown: operatories in the day, days in the week. */
guint
fd_day_view_get_n_columns (FdDayView *self)
{
  g_return_val_if_fail (FD_IS_DAY_VIEW (self), 0);

  return self->columns->len;
}

/**
 * fd_day_view_get_column_day:
 *
 * Returns: (nullable): the day of column @index in the week, YYYY-MM-DD; %NULL in the day
 */
const char *
fd_day_view_get_column_day (FdDayView *self,
                            guint      index)
{
  g_return_val_if_fail (FD_IS_DAY_VIEW (self), NULL);
  g_return_val_if_fail (index < self->columns->len, NULL);

  return ((FdBookColumn *) g_ptr_array_index (self->columns, index))->day;
}
