/* fd-appointments-module-week.c: the book's week, of one operatory or one provider, and the
 * slots other desks are booking.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The week runs Monday to Sunday around the day picked and shows the practice's working
 * days: the weekdays some provider is scheduled (provider_schedules, as 0022 checks a
 * booking against). It is loaded and followed like the day: one query of short ranges on
 * the appointments' index, again when a signal names one of its days. What other desks
 * hold (slot_holds_on(), 0024) is read with it, and again when a hold comes or goes; a
 * desk that vanished while holding a slot is swept (0029) while its hold is drawn.
 */
#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "fd-appointments-module-private.h"
#include "fd-held-slot.h"

static GDateTime *
monday_of (GDateTime *day)
{
  return g_date_time_add_days (day, 1 - g_date_time_get_day_of_week (day));
}

/* The first and last day loaded, as the server reads a date. */
void
fd_appointments_module_shown_range (FdAppointmentsModule *self,
                                    char                **from,
                                    char                **to)
{
  g_autoptr(GDateTime) monday = NULL;
  g_autoptr(GDateTime) sunday = NULL;

  if (!gtk_toggle_button_get_active (self->week_toggle))
    {
      *from = fd_appointments_module_format_day (self);
      *to = fd_appointments_module_format_day (self);
      return;
    }
  monday = monday_of (self->day);
  sunday = g_date_time_add_days (monday, 6);
  *from = g_date_time_format (monday, "%Y-%m-%d");
  *to = g_date_time_format (sunday, "%Y-%m-%d");
}

/* Whether one of @days (YYYY-MM-DD) is shown. */
gboolean
fd_appointments_module_shows_any (FdAppointmentsModule  *self,
                                  const char           **days)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  fd_appointments_module_shown_range (self, &from, &to);
  for (guint i = 0; days != NULL && days[i] != NULL; i++)
    {
      if (strcmp (days[i], from) >= 0 && strcmp (days[i], to) <= 0)
        return TRUE;
    }
  return FALSE;
}

/* The weekdays (1 Monday … 7 Sunday) some provider is scheduled; Monday to Friday when no
 * schedule is kept at all. */
static void
working_weekdays (FdAppointmentsModule *self,
                  gboolean              working[8])
{
  GListModel *schedules = fd_cache_get_table (fd_database_get_cache (self->database),
                                              "provider_schedules");
  guint n = g_list_model_get_n_items (schedules);

  for (int i = 0; i < 8; i++)
    working[i] = n == 0 && i >= 1 && i <= 5;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FdCacheRow) row = g_list_model_get_item (schedules, i);
      int weekday = atoi (fd_cache_row_get (row, "weekday") ?: "0");

      if (weekday >= 1 && weekday <= 7)
        working[weekday] = TRUE;
    }
}

/* The view shows the day, or the week's working days of the operatory or provider chosen. */
void
fd_appointments_module_apply_week (FdAppointmentsModule *self)
{
  g_autoptr(GStrvBuilder) days = NULL;
  g_autoptr(GDateTime) monday = NULL;
  g_auto(GStrv) shown = NULL;
  guint chosen = gtk_drop_down_get_selected (self->week_dropdown);
  const char *choice;
  gboolean working[8];

  if (!gtk_toggle_button_get_active (self->week_toggle) || self->database == NULL ||
      chosen >= self->week_choices->len)
    {
      fd_day_view_set_week (self->view, NULL, NULL, NULL);
      return;
    }
  working_weekdays (self, working);
  days = g_strv_builder_new ();
  monday = monday_of (self->day);
  for (int i = 0; i < 7; i++)
    {
      g_autoptr(GDateTime) day = g_date_time_add_days (monday, i);

      g_autofree char *text = g_date_time_format (day, "%Y-%m-%d");

      if (working[g_date_time_get_day_of_week (day)])
        g_strv_builder_add (days, text);
    }
  shown = g_strv_builder_end (days);
  choice = g_ptr_array_index (self->week_choices, chosen);
  fd_day_view_set_week (self->view, (const char * const *) shown,
                        choice[0] == 'o' ? choice + 1 : NULL,
                        choice[0] == 'p' ? choice + 1 : NULL);
}

static void
add_choice (FdAppointmentsModule *self,
            const char           *kind,
            FdCacheRow           *row,
            const char           *name,
            const char           *current,
            guint                *keep)
{
  g_autofree char *choice = g_strconcat (kind, fd_cache_row_get_id (row), NULL);

  if (g_strcmp0 (choice, current) == 0)
    *keep = self->week_choices->len;
  gtk_string_list_append (self->week_names, name);
  g_ptr_array_add (self->week_choices, g_steal_pointer (&choice));
}

/* The week's choices: each operatory, then each provider, not hidden; the one chosen kept. */
void
fd_appointments_module_fill_week_choices (FdAppointmentsModule *self)
{
  FdCache *cache = fd_database_get_cache (self->database);
  GListModel *operatories = fd_cache_get_table (cache, "operatories");
  GListModel *providers = fd_cache_get_table (cache, "providers");
  guint selected = gtk_drop_down_get_selected (self->week_dropdown);
  g_autofree char *current = g_strdup (selected < self->week_choices->len
                                       ? g_ptr_array_index (self->week_choices, selected) : "");
  guint keep = 0;

  g_ptr_array_set_size (self->week_choices, 0);
  gtk_string_list_splice (self->week_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->week_names)), NULL);
  for (guint i = 0; i < g_list_model_get_n_items (operatories); i++)
    {
      g_autoptr(FdCacheRow) row = g_list_model_get_item (operatories, i);

      if (!fd_cache_row_get_boolean (row, "hidden"))
        add_choice (self, "o", row, fd_cache_row_get (row, "name"), current, &keep);
    }
  for (guint i = 0; i < g_list_model_get_n_items (providers); i++)
    {
      g_autoptr(FdCacheRow) row = g_list_model_get_item (providers, i);
      g_autofree char *name = NULL;

      if (!fd_cache_row_get_boolean (row, "hidden"))
        add_choice (self, "p", row, fd_day_view_provider_name (row, &name), current, &keep);
    }
  gtk_drop_down_set_selected (self->week_dropdown, keep);
  fd_appointments_module_apply_week (self);
}

/* A desk that vanishes while booking says nothing to the slot holds: while the book draws
 * another desk's hold, the server is asked every few seconds to free what departed desks
 * held, whose signal then takes the hold from the book here and at every other desk. */
static void
follow_departed (FdAppointmentsModule *self,
                 FdConnection         *connection,
                 gboolean              drawn)
{
  if (self->sweep != NULL && fd_departed_sweep_get_connection (self->sweep) != connection)
    g_clear_object (&self->sweep);
  if (self->sweep == NULL)
    self->sweep = fd_departed_sweep_new (connection);
  fd_departed_sweep_set_active (self->sweep, drawn);
}

static void
holds_loaded_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  FdAppointmentsModule *self = user_data;
  g_autoptr(GListModel) holds = NULL;
  g_autoptr(GError) error = NULL;

  holds = fd_held_slot_load_finish (FD_CONNECTION (object), result, &error);
  if (holds != NULL)
    {
      fd_day_view_set_holds (self->view, holds);
      follow_departed (self, FD_CONNECTION (object), g_list_model_get_n_items (holds) > 0);
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("The slots other desks hold: %s", error->message);
}

/* What other desks are booking on the days shown. */
void
fd_appointments_module_load_holds (FdAppointmentsModule *self)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  if (self->database == NULL || fd_database_get_connection (self->database) == NULL ||
      fd_database_get_phase (self->database) != FD_DATABASE_PHASE_READY)
    return;
  fd_appointments_module_shown_range (self, &from, &to);
  g_cancellable_cancel (self->holds_cancellable);
  g_clear_object (&self->holds_cancellable);
  self->holds_cancellable = g_cancellable_new ();
  fd_held_slot_load_async (fd_database_get_connection (self->database), from, to,
                           self->holds_cancellable, holds_loaded_cb, self);
}

/* Previous and Next step a day, or a week. */
static void
name_steps (FdAppointmentsModule *self)
{
  gboolean week = gtk_toggle_button_get_active (self->week_toggle);
  const char *previous = week ? _("Previous week") : _("Previous day");
  const char *next = week ? _("Next week") : _("Next day");
  /* Translators: a button's name, then its shortcut */
  g_autofree char *previous_tip = g_strdup_printf (_("%s (Alt+Left)"), previous);
  /* Translators: a button's name, then its shortcut */
  g_autofree char *next_tip = g_strdup_printf (_("%s (Alt+Right)"), next);

  gtk_widget_set_tooltip_text (self->previous_button, previous_tip);
  gtk_widget_set_tooltip_text (self->next_button, next_tip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->previous_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, previous, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->next_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, next, -1);
}

/* Day or Week, pressed. */
void
fd_appointments_module_week_toggled_cb (FdAppointmentsModule *self)
{
  name_steps (self);
  fd_appointments_module_apply_week (self);
  fd_appointments_module_load_day (self);
}

/* Another operatory or provider for the week: the same days, other columns. */
void
fd_appointments_module_week_chosen_cb (FdAppointmentsModule *self)
{
  if (gtk_toggle_button_get_active (self->week_toggle))
    fd_appointments_module_apply_week (self);
}
