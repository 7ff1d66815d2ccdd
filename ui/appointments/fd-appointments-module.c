/* fd-appointments-module.c: the Appointments module: the appointment book, a day at a time,
 * following every change made at any workstation.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The day reloads when a signal names it (a change of an appointment signals its old and
 * new day), after a reconnect, and when the module's button is clicked again. What the book
 * changes (moves, statuses, cancellations) is fd-appointments-module-changes.c.
 */
#include <glib/gi18n.h>
#include <stdio.h>

#include "fd-appointment-editor.h"
#include "fd-appointments-module-private.h"
#include "fd-format.h"
#include "fd-client-appointments-dialog.h"
#include "fd-free-slot-dialog.h"
#include "fd-slot-booking.h"

static void fd_appointments_module_iface_init (FdModuleInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (FdAppointmentsModule, fd_appointments_module, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (FD_TYPE_MODULE,
                                                      fd_appointments_module_iface_init))

/* The day shown, as the server reads a date. */
char *
fd_appointments_module_format_day (FdAppointmentsModule *self)
{
  return g_date_time_format (self->day, "%Y-%m-%d");
}

void
fd_appointments_module_report (FdAppointmentsModule *self,
                               const char           *message)
{
  fd_module_show_toast (FD_MODULE (self), message);
  gtk_label_set_text (self->status_label, message);
}

/* Loading the day ------------------------------------------------------------------------- */

/* Brings the focused block into the scrolled book once it has its place. */
static gboolean
scroll_to_block (GtkWidget     *block,
                 GdkFrameClock *frame_clock,
                 gpointer       user_data)
{
  GtkWidget *view = user_data;
  GtkWidget *scrolled = gtk_widget_get_ancestor (view, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment;
  graphene_rect_t bounds;

  if (scrolled == NULL)
    return G_SOURCE_REMOVE;
  if (gtk_widget_get_height (block) == 0 || !gtk_widget_compute_bounds (block, view, &bounds))
    return G_SOURCE_CONTINUE;
  /* In the middle of the page, where a person's eyes go first. */
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  gtk_adjustment_set_value (adjustment, bounds.origin.y - (gtk_adjustment_get_page_size (adjustment)
                                                           - bounds.size.height) / 2);
  return G_SOURCE_REMOVE;
}

/* The appointment asked for (a client's list, Find a Free Slot): focuses its block once its
 * day is in. */
static void
focus_asked_appointment (FdAppointmentsModule *self)
{
  g_autofree char *id = g_steal_pointer (&self->focus_id);
  FdAppointment *appointment;
  GtkWidget *block;

  appointment = id != NULL ? fd_day_view_find (self->view, id) : NULL;
  if (appointment == NULL)
    return;
  if (fd_appointment_is_cancelled (appointment))
    gtk_toggle_button_set_active (self->cancelled_toggle, TRUE);
  block = fd_day_view_get_block (self->view, id);
  if (block == NULL)
    return;
  gtk_widget_grab_focus (block);
  gtk_widget_add_tick_callback (block, scroll_to_block, self->view, NULL);
}

static void
day_loaded_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  FdAppointmentsModule *self = user_data;
  g_autoptr(GListModel) appointments = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *count = NULL;
  guint cancelled = 0;
  guint n;

  appointments = fd_appointment_load_day_finish (FD_CONNECTION (object), result, &error);
  if (appointments == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        fd_appointments_module_report (self, error->message);
      return;
    }

  self->loads++;
  n = 0;
  fd_day_view_set_appointments (self->view, appointments);
  focus_asked_appointment (self);
  /* A week is read whole; what its operatory or provider has is what is counted. */
  for (guint i = 0; i < g_list_model_get_n_items (appointments); i++)
    {
      g_autoptr(FdAppointment) appointment = g_list_model_get_item (appointments, i);

      if (fd_day_view_is_week (self->view) &&
          !fd_day_view_has_column_of (self->view, appointment))
        continue;
      n++;
      cancelled += fd_appointment_is_cancelled (appointment);
    }
  n -= cancelled;
  if (cancelled == 0)
    count = g_strdup_printf (ngettext ("%u appointment", "%u appointments", n), n);
  else
    /* Translators: the appointments of the day, then how many were cancelled */
    count = g_strdup_printf (ngettext ("%u appointment, %u cancelled",
                                       "%u appointments, %u cancelled", n), n, cancelled);
  gtk_label_set_text (self->status_label, count);
}

void
fd_appointments_module_load_day (FdAppointmentsModule *self)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *label = fd_format_date_long (self->day);
  g_autofree char *shown = NULL;

  fd_appointments_module_shown_range (self, &from, &to);
  g_strstrip (label);
  if (gtk_toggle_button_get_active (self->week_toggle))
    {
      g_autoptr(GDateTime) monday = g_date_time_add_days (
        self->day, 1 - g_date_time_get_day_of_week (self->day));
      g_autofree char *date = fd_format_date_long (monday);
      g_autofree char *short_date = fd_format_date_short (monday);

      g_free (label);
      /* Translators: the week shown, by its Monday ("Monday 30 November 2026") */
      label = g_strdup_printf (_("Week of %s"), g_strstrip (date));
      /* The button says it in few letters, to leave the week's own buttons room beside it. */
      /* Translators: the week shown, by its Monday in few letters ("Mon 30 Nov") */
      shown = g_strdup_printf (_("Week of %s"), g_strstrip (short_date));
    }

  gtk_menu_button_set_label (self->date_button, shown != NULL ? shown : label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->date_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  if (self->database == NULL || fd_database_get_connection (self->database) == NULL ||
      fd_database_get_phase (self->database) != FD_DATABASE_PHASE_READY)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  fd_appointment_load_days_async (fd_database_get_connection (self->database), from, to,
                                  self->cancellable, day_loaded_cb, self);
  fd_appointments_module_load_holds (self);
}

/* Reloads only when a signal names a day shown. */
static void
appointments_changed_cb (FdAppointmentsModule  *self,
                         const char            *kind,
                         const char           **days)
{
  if (fd_appointments_module_shows_any (self, days))
    fd_appointments_module_load_day (self);
}

/* A slot another desk holds, or held, on a day shown. */
static void
slot_holds_changed_cb (FdAppointmentsModule  *self,
                       const char            *kind,
                       const char           **days)
{
  if (fd_appointments_module_shows_any (self, days))
    fd_appointments_module_load_holds (self);
}

static void
show_day (FdAppointmentsModule *self,
          GDateTime            *day)
{
  g_clear_pointer (&self->day, g_date_time_unref);
  self->day = g_date_time_new_local (g_date_time_get_year (day), g_date_time_get_month (day),
                                     g_date_time_get_day_of_month (day), 0, 0, 0);
  fd_appointments_module_apply_week (self);
  fd_appointments_module_load_day (self);
}

static void
calendar_day_selected_cb (FdAppointmentsModule *self)
{
  g_autoptr(GDateTime) picked = gtk_calendar_get_date (self->calendar);

  gtk_menu_button_popdown (self->date_button);
  show_day (self, picked);
}

static void
step_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  FdAppointmentsModule *self = FD_APPOINTMENTS_MODULE (widget);
  g_autoptr(GDateTime) day = NULL;

  if (g_str_equal (action_name, "book.today"))
    day = g_date_time_new_now_local ();
  else
    day = g_date_time_add_days (self->day,
                                (g_str_equal (action_name, "book.next") ? 1 : -1) *
                                (gtk_toggle_button_get_active (self->week_toggle) ? 7 : 1));
  show_day (self, day);
}

/* The book --------------------------------------------------------------------------------- */

static void
move_requested_cb (FdAppointmentsModule *self,
                   FdAppointment        *appointment,
                   const char           *operatory_id,
                   int                   minute,
                   const char           *day)
{
  fd_appointments_module_move_to_day (self, appointment, day, operatory_id, minute);
}

static void
show_cancelled_cb (FdAppointmentsModule *self)
{
  fd_day_view_set_show_cancelled (self->view,
                                  gtk_toggle_button_get_active (self->cancelled_toggle));
}

static void
provider_filter_cb (FdAppointmentsModule *self)
{
  guint selected = gtk_drop_down_get_selected (self->provider_dropdown);

  if (self->provider_ids == NULL)
    return;
  fd_day_view_set_provider_filter (self->view, selected < self->provider_ids->len
                                               ? g_ptr_array_index (self->provider_ids, selected)
                                               : NULL);
}

/* The filter's choices: everyone, then each provider not hidden, the one chosen kept. */
static void
fill_providers (FdAppointmentsModule *self)
{
  g_autofree char *current = NULL;
  GListModel *providers;
  guint selected, n;
  guint keep = 0;

  if (self->provider_ids == NULL || self->database == NULL)
    return;
  providers = fd_cache_get_table (fd_database_get_cache (self->database), "providers");
  selected = gtk_drop_down_get_selected (self->provider_dropdown);
  current = g_strdup (selected < self->provider_ids->len
                      ? g_ptr_array_index (self->provider_ids, selected) : "");
  n = g_list_model_get_n_items (providers);

  g_ptr_array_set_size (self->provider_ids, 0);
  gtk_string_list_splice (self->provider_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->provider_names)), NULL);
  gtk_string_list_append (self->provider_names, _("All providers"));
  g_ptr_array_add (self->provider_ids, g_strdup (""));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FdCacheRow) row = g_list_model_get_item (providers, i);
      g_autofree char *name = NULL;

      if (fd_cache_row_get_boolean (row, "hidden"))
        continue;
      if (g_strcmp0 (fd_cache_row_get_id (row), current) == 0)
        keep = self->provider_ids->len;
      gtk_string_list_append (self->provider_names, fd_day_view_provider_name (row, &name));
      g_ptr_array_add (self->provider_ids, g_strdup (fd_cache_row_get_id (row)));
    }
  gtk_drop_down_set_selected (self->provider_dropdown, keep);
  provider_filter_cb (self);
}

static GtkWindow *
get_window (FdAppointmentsModule *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
appointment_activated_cb (FdAppointmentsModule *self,
                          FdAppointment        *appointment)
{
  g_autofree char *day = fd_appointment_get_day (appointment) != NULL
                         ? g_strdup (fd_appointment_get_day (appointment))
                         : fd_appointments_module_format_day (self);

  fd_appointment_editor_open (get_window (self), self->database, appointment, day);
}

static void
slot_activated_cb (FdAppointmentsModule *self,
                   const char           *operatory_id,
                   int                   minute,
                   const char           *slot_day)
{
  g_autofree char *day = slot_day != NULL ? g_strdup (slot_day)
                                          : fd_appointments_module_format_day (self);

  fd_slot_booking_start (get_window (self), self->database, day, operatory_id, minute);
}

/* Shows @day, YYYY-MM-DD. */
static void
free_slot_picked_cb (FdAppointmentsModule *self,
                     const char           *day)
{
  int year, month, date;
  g_autoptr(GDateTime) shown = NULL;

  if (sscanf (day, "%d-%d-%d", &year, &month, &date) == 3)
    shown = g_date_time_new_local (year, month, date, 12, 0, 0);
  if (shown != NULL)
    show_day (self, shown);
}

/* Find a Free Slot, from the day shown (or today, when the book shows a day gone by). */
static void
find_slot_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  FdAppointmentsModule *self = FD_APPOINTMENTS_MODULE (widget);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *day = g_date_time_format (g_date_time_compare (self->day, now) > 0 ? self->day
                                             : now, "%Y-%m-%d");
  FdFreeSlotDialog *dialog;

  if (self->database == NULL)
    return;
  dialog = fd_free_slot_dialog_new (get_window (self), self->database, day);
  g_signal_connect_object (dialog, "picked", G_CALLBACK (free_slot_picked_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
client_appointment_picked_cb (FdAppointmentsModule *self,
                              const char           *day,
                              const char           *appointment_id)
{
  g_free (self->focus_id);
  self->focus_id = g_strdup (appointment_id);
  free_slot_picked_cb (self, day);
}

/* The client's next and past appointments; the one picked is shown, focused, on its day. */
void
fd_appointments_module_show_client_appointments (FdAppointmentsModule *self,
                                                 FdAppointment        *appointment)
{
  FdClientAppointmentsDialog *dialog;

  if (self->database == NULL || fd_appointment_get_client_id (appointment) == NULL)
    return;
  dialog = fd_client_appointments_dialog_new (get_window (self), self->database,
                                              fd_appointment_get_client_id (appointment),
                                              fd_appointment_get_client_name (appointment));
  g_signal_connect_object (dialog, "picked", G_CALLBACK (client_appointment_picked_cb), self,
                           G_CONNECT_SWAPPED);
}

/* FdModule -------------------------------------------------------------------------------- */

static const char *
fd_appointments_module_get_title (FdModule *module)
{
  return _("Appointments");
}

static const char *
fd_appointments_module_get_icon_name (FdModule *module)
{
  return "x-office-calendar-symbolic";
}

/* The module's button again: the day is read afresh. */
static void
fd_appointments_module_refresh (FdModule *module)
{
  fd_appointments_module_load_day (FD_APPOINTMENTS_MODULE (module));
}

static void
module_set_database (FdModule   *module,
                     FdDatabase *database)
{
  fd_appointments_module_set_database (FD_APPOINTMENTS_MODULE (module), database);
}

static void
fd_appointments_module_iface_init (FdModuleInterface *iface)
{
  iface->get_title = fd_appointments_module_get_title;
  iface->get_icon_name = fd_appointments_module_get_icon_name;
  iface->refresh = fd_appointments_module_refresh;
  iface->set_database = module_set_database;
}

/* GObject --------------------------------------------------------------------------------- */

static void
fd_appointments_module_dispose (GObject *object)
{
  FdAppointmentsModule *self = FD_APPOINTMENTS_MODULE (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->holds_cancellable);
  g_clear_object (&self->holds_cancellable);
  g_clear_object (&self->sweep);
  g_clear_object (&self->signal_group);
  g_clear_object (&self->menu_appointment);
  g_clear_object (&self->pinned);
  g_clear_pointer (&self->pinned_from, g_free);
  g_clear_pointer (&self->focus_id, g_free);
  g_clear_pointer (&self->provider_ids, g_ptr_array_unref);
  g_clear_pointer (&self->week_choices, g_ptr_array_unref);
  g_clear_object (&self->database);
  g_clear_pointer (&self->day, g_date_time_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), FD_TYPE_APPOINTMENTS_MODULE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (fd_appointments_module_parent_class)->dispose (object);
}

/* What the window asks (win.show-appointment), knowing no module: the day and the id. */
static void
show_appointment_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  const char *day, *id;
  g_autoptr(GDateTime) date = NULL;
  int year, month, day_of_month;

  g_variant_get (parameter, "(&s&s)", &day, &id);
  if (sscanf (day, "%d-%d-%d", &year, &month, &day_of_month) != 3)
    return;
  date = g_date_time_new_local (year, month, day_of_month, 0, 0, 0);
  if (date != NULL)
    fd_appointments_module_show_appointment (FD_APPOINTMENTS_MODULE (widget), date, id);
}

static void
fd_appointments_module_class_init (FdAppointmentsModuleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fd_appointments_module_dispose;

  g_type_ensure (FD_TYPE_DAY_VIEW);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/frontdesk/Frontdesk/fd-appointments-module.ui");
  gtk_widget_class_bind_template_child (widget_class, FdAppointmentsModule, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, FdAppointmentsModule, previous_button);
  gtk_widget_class_bind_template_child (widget_class, FdAppointmentsModule, next_button);
  gtk_widget_class_bind_template_child (widget_class, FdAppointmentsModule, date_button);
  gtk_widget_class_bind_template_child (widget_class, FdAppointmentsModule, cancelled_toggle);
  gtk_widget_class_bind_template_child (widget_class, FdAppointmentsModule, provider_dropdown);
  gtk_widget_class_bind_template_child (widget_class, FdAppointmentsModule, provider_names);
  gtk_widget_class_bind_template_child (widget_class, FdAppointmentsModule, pinboard_label);
  gtk_widget_class_bind_template_child (widget_class, FdAppointmentsModule, calendar);
  gtk_widget_class_bind_template_child (widget_class, FdAppointmentsModule, status_label);
  gtk_widget_class_bind_template_child (widget_class, FdAppointmentsModule, view);
  gtk_widget_class_bind_template_child (widget_class, FdAppointmentsModule, week_toggle);
  gtk_widget_class_bind_template_child (widget_class, FdAppointmentsModule, week_dropdown);
  gtk_widget_class_bind_template_child (widget_class, FdAppointmentsModule, week_names);
  gtk_widget_class_bind_template_callback_full (widget_class, "week_toggled_cb",
                                                G_CALLBACK (fd_appointments_module_week_toggled_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "week_chosen_cb",
                                                G_CALLBACK (fd_appointments_module_week_chosen_cb));
  gtk_widget_class_bind_template_callback (widget_class, calendar_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, move_requested_cb);
  gtk_widget_class_bind_template_callback_full (widget_class, "menu_requested_cb",
                                                G_CALLBACK (fd_appointments_module_menu_requested_cb));
  gtk_widget_class_bind_template_callback (widget_class, show_cancelled_cb);
  gtk_widget_class_bind_template_callback (widget_class, provider_filter_cb);
  gtk_widget_class_bind_template_callback_full (widget_class, "cut_requested_cb",
                                                G_CALLBACK (fd_appointments_module_cut_requested_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "paste_requested_cb",
                                                G_CALLBACK (fd_appointments_module_paste_requested_cb));
  gtk_widget_class_bind_template_callback (widget_class, appointment_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, slot_activated_cb);

  gtk_widget_class_install_action (widget_class, "book.previous", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "book.next", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "book.today", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "book.find-slot", NULL, find_slot_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "book.find-slot", NULL);
  gtk_widget_class_install_action (widget_class, "book.show-appointment", "(ss)",
                                   show_appointment_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "book.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK,
                                       "book.next", NULL);
}

static void
fd_appointments_module_init (FdAppointmentsModule *self)
{
  self->provider_ids = g_ptr_array_new_with_free_func (g_free);
  self->week_choices = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));

  self->day = g_date_time_new_now_local ();
  self->cancellable = g_cancellable_new ();
  self->signal_group = g_signal_group_new (FD_TYPE_SIGNALS);
  g_signal_group_connect_swapped (self->signal_group, "changed::appointments",
                                  G_CALLBACK (appointments_changed_cb), self);
  g_signal_group_connect_swapped (self->signal_group, "changed::slot_holds",
                                  G_CALLBACK (slot_holds_changed_cb), self);
  g_signal_group_connect_swapped (self->signal_group, "reload-all",
                                  G_CALLBACK (fd_appointments_module_load_day), self);
  fd_appointments_module_init_changes (self);
}

FdAppointmentsModule *
fd_appointments_module_new (FdDatabase *database)
{
  FdAppointmentsModule *self = g_object_new (FD_TYPE_APPOINTMENTS_MODULE, NULL);

  fd_appointments_module_set_database (self, database);
  return self;
}

void
fd_appointments_module_set_database (FdAppointmentsModule *self,
                                     FdDatabase           *database)
{
  g_return_if_fail (FD_IS_APPOINTMENTS_MODULE (self));

  if (!g_set_object (&self->database, database))
    return;

  g_signal_group_set_target (self->signal_group,
                             database != NULL ? fd_database_get_signals (database) : NULL);
  fd_day_view_set_cache (self->view, database != NULL ? fd_database_get_cache (database) : NULL);
  if (database != NULL)
    {
      g_autoptr(FdOpenRecords) open_records =
        fd_open_records_new (fd_database_get_connection (database),
                             fd_database_get_signals (database), "appointments");

      g_signal_connect_object (fd_cache_get_table (fd_database_get_cache (database), "providers"),
                               "items-changed", G_CALLBACK (fill_providers), self,
                               G_CONNECT_SWAPPED);
      fill_providers (self);
      for (guint i = 0; i < 2; i++)
        g_signal_connect_object (fd_cache_get_table (fd_database_get_cache (database),
                                                     i == 0 ? "operatories" : "providers"),
                                 "items-changed",
                                 G_CALLBACK (fd_appointments_module_fill_week_choices), self,
                                 G_CONNECT_SWAPPED);
      g_signal_connect_object (fd_cache_get_table (fd_database_get_cache (database),
                                                   "provider_schedules"),
                               "items-changed", G_CALLBACK (fd_appointments_module_apply_week),
                               self, G_CONNECT_SWAPPED);
      fd_appointments_module_fill_week_choices (self);
      fd_day_view_set_open_records (self->view, open_records);
    }
  else
    fd_day_view_set_open_records (self->view, NULL);
  show_day (self, self->day);
}

/* Shows @day, as the calendar would. */
void
fd_appointments_module_show_day (FdAppointmentsModule *self,
                                 GDateTime            *day)
{
  g_return_if_fail (FD_IS_APPOINTMENTS_MODULE (self));

  show_day (self, day);
}

/**
 * fd_appointments_module_show_appointment:
 *
 * Shows @day and focuses the block of appointment @id there once the day is read.
 */
void
fd_appointments_module_show_appointment (FdAppointmentsModule *self,
                                         GDateTime            *day,
                                         const char           *id)
{
  g_return_if_fail (FD_IS_APPOINTMENTS_MODULE (self));
  g_return_if_fail (id != NULL);

  g_free (self->focus_id);
  self->focus_id = g_strdup (id);
  show_day (self, day);
}

/**
 * fd_appointments_module_get_view:
 *
 * Returns: (transfer none): the day view
 */
FdDayView *
fd_appointments_module_get_view (FdAppointmentsModule *self)
{
  g_return_val_if_fail (FD_IS_APPOINTMENTS_MODULE (self), NULL);

  return self->view;
}

/**
 * fd_appointments_module_get_loads:
 *
 * Returns: how many times a day has been loaded
 */
guint
fd_appointments_module_get_loads (FdAppointmentsModule *self)
{
  g_return_val_if_fail (FD_IS_APPOINTMENTS_MODULE (self), 0);

  return self->loads;
}

/* Whether an appointment asked for is still waiting for its day to be read. */
gboolean
fd_appointments_module_get_focus_pending (FdAppointmentsModule *self)
{
  g_return_val_if_fail (FD_IS_APPOINTMENTS_MODULE (self), FALSE);

  return self->focus_id != NULL;
}
