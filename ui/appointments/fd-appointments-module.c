/* fd-appointments-module.c: the Appointments module: the appointment book, a day at a time,
 * following every change made at any workstation.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The day reloads when a signal names it (a change of an appointment signals its old and
 * new day), after a reconnect, and when the module's button is clicked again. Dragging a
 * block writes its start and operatory only; the menu's Complete, Break and confirmation
 * statuses each write one column: someone else's change of another column survives.
 */
#include <glib/gi18n.h>

#include "fd-appointment-editor.h"
#include "fd-appointments-module.h"
#include "fd-busy-dialog.h"

struct _FdAppointmentsModule
{
  GtkWidget       parent_instance;

  /* Template widgets */
  GtkMenuButton  *date_button;
  GtkCalendar    *calendar;
  GtkLabel       *status_label;
  FdDayView      *view;

  /* Owned */
  FdDatabase     *database;
  GDateTime      *day;
  GCancellable   *cancellable;
  GSignalGroup   *signal_group;
  FdAppointment  *menu_appointment;

  guint           loads;
};

static void fd_appointments_module_iface_init (FdModuleInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (FdAppointmentsModule, fd_appointments_module, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (FD_TYPE_MODULE,
                                                      fd_appointments_module_iface_init))

static char *
format_day (GDateTime *day)
{
  return g_date_time_format (day, "%Y-%m-%d");
}

static void
report (FdAppointmentsModule *self,
        const char           *message)
{
  fd_module_show_toast (FD_MODULE (self), message);
  gtk_label_set_text (self->status_label, message);
}

/* Loading the day ------------------------------------------------------------------------- */

static void
day_loaded_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  FdAppointmentsModule *self = user_data;
  g_autoptr(GListModel) appointments = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *count = NULL;
  guint n;

  appointments = fd_appointment_load_day_finish (FD_CONNECTION (object), result, &error);
  if (appointments == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        report (self, error->message);
      return;
    }

  self->loads++;
  n = g_list_model_get_n_items (appointments);
  fd_day_view_set_appointments (self->view, appointments);
  count = g_strdup_printf (ngettext ("%u appointment", "%u appointments", n), n);
  gtk_label_set_text (self->status_label, count);
}

static void
load_day (FdAppointmentsModule *self)
{
  g_autofree char *day = format_day (self->day);
  g_autofree char *label = g_date_time_format (self->day, "%A %e %B %Y");

  gtk_menu_button_set_label (self->date_button, g_strstrip (label));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->date_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  if (self->database == NULL || fd_database_get_connection (self->database) == NULL ||
      fd_database_get_phase (self->database) != FD_DATABASE_PHASE_READY)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  fd_appointment_load_day_async (fd_database_get_connection (self->database), day,
                                 self->cancellable, day_loaded_cb, self);
}

/* Reloads only when a signal names the day shown. */
static void
appointments_changed_cb (FdAppointmentsModule  *self,
                         const char            *kind,
                         const char           **days)
{
  g_autofree char *shown = format_day (self->day);

  if (g_strv_contains (days, shown))
    load_day (self);
}

static void
show_day (FdAppointmentsModule *self,
          GDateTime            *day)
{
  g_clear_pointer (&self->day, g_date_time_unref);
  self->day = g_date_time_new_local (g_date_time_get_year (day), g_date_time_get_month (day),
                                     g_date_time_get_day_of_month (day), 0, 0, 0);
  load_day (self);
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
    day = g_date_time_add_days (self->day, g_str_equal (action_name, "book.next") ? 1 : -1);
  show_day (self, day);
}

/* Changes from the book ------------------------------------------------------------------- */

/* A move or status change from the book, kept until it is answered (and tried again). */
typedef struct
{
  FdAppointmentsModule *module;
  FdAppointment        *appointment;
  guint                 n_columns;
  char                **columns;
  char                **values;   /* an entry may be NULL: the column is cleared */
} Change;

static Change *
change_new (FdAppointmentsModule *module,
            FdAppointment        *appointment,
            guint                 n_columns,
            const char * const   *columns,
            const char * const   *values)
{
  Change *change = g_new0 (Change, 1);

  change->module = g_object_ref (module);
  change->appointment = g_object_ref (appointment);
  change->n_columns = n_columns;
  change->columns = g_new0 (char *, n_columns + 1);
  change->values = g_new0 (char *, n_columns + 1);
  for (guint i = 0; i < n_columns; i++)
    {
      change->columns[i] = g_strdup (columns[i]);
      change->values[i] = g_strdup (values[i]);
    }
  return change;
}

static void
change_free (Change *change)
{
  g_clear_object (&change->module);
  g_clear_object (&change->appointment);
  for (guint i = 0; i < change->n_columns; i++)
    g_free (change->values[i]);
  g_free (change->values);
  g_strfreev (change->columns);
  g_free (change);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Change, change_free)

static void send_change (Change *change);

/* Try Again in the busy dialog: the same change, sent again. */
static void
change_again_cb (Change *change)
{
  send_change (change_new (change->module, change->appointment, change->n_columns,
                           (const char * const *) change->columns,
                           (const char * const *) change->values));
}

static void
changed_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(Change) change = user_data;
  FdAppointmentsModule *self = change->module;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (fd_appointment_change_finish (result, &error) != FD_SAVE_SAVED)
    {
      message = g_strdup_printf (_("Not changed: %s"), error->message);
      report (self, message);
      if (fd_busy_dialog_is_busy (error))
        fd_busy_dialog_present_full (GTK_WIDGET (self), error, G_CALLBACK (change_again_cb),
                                     g_steal_pointer (&change), (GDestroyNotify) change_free);
    }
  /* What this workstation did shows at once, push or not. */
  load_day (self);
}

/* @change: (transfer full) */
static void
send_change (Change *change)
{
  fd_appointment_change_async (fd_database_get_lock_manager (change->module->database),
                               fd_appointment_get_id (change->appointment),
                               change->n_columns,
                               (const char * const *) change->columns,
                               (const char * const *) change->values, NULL, changed_cb, change);
}

static void
change (FdAppointmentsModule *self,
        FdAppointment        *appointment,
        guint                 n_columns,
        const char * const   *columns,
        const char * const   *values)
{
  send_change (change_new (self, appointment, n_columns, columns, values));
}

static void
move_requested_cb (FdAppointmentsModule *self,
                   FdAppointment        *appointment,
                   const char           *operatory_id,
                   int                   minute)
{
  fd_appointments_module_move (self, appointment, operatory_id, minute);
}

static void
menu_action_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  FdAppointmentsModule *self = user_data;
  const char *name = g_action_get_name (G_ACTION (action));
  const char *columns[1];
  const char *values[1];

  if (self->menu_appointment == NULL)
    return;

  if (g_str_equal (name, "confirm"))
    {
      columns[0] = "confirmation_id";
      values[0] = g_variant_get_string (parameter, NULL);
    }
  else
    {
      columns[0] = "status";
      values[0] = g_str_equal (name, "complete") ? "complete"
                  : g_str_equal (name, "break") ? "broken" : "scheduled";
    }
  change (self, self->menu_appointment, 1, columns, values);
}

static GMenuModel *
build_menu (FdAppointmentsModule *self)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) status = g_menu_new ();
  g_autoptr(GMenu) confirmations = g_menu_new ();
  GListModel *definitions = fd_cache_get_table (fd_database_get_cache (self->database),
                                                "definitions");

  g_menu_append (status, _("_Complete"), "appointment.complete");
  g_menu_append (status, _("_Break"), "appointment.break");
  g_menu_append (status, _("_Scheduled Again"), "appointment.reschedule");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (status));

  for (guint i = 0; i < g_list_model_get_n_items (definitions); i++)
    {
      g_autoptr(FdCacheRow) row = g_list_model_get_item (definitions, i);
      g_autofree char *action = NULL;

      if (g_strcmp0 (fd_cache_row_get (row, "category"), "confirmation_status") != 0 ||
          fd_cache_row_get_boolean (row, "hidden"))
        continue;
      action = g_strdup_printf ("appointment.confirm('%s')", fd_cache_row_get_id (row));
      g_menu_append (confirmations, fd_cache_row_get (row, "name"), action);
    }
  g_menu_append_section (menu, _("Confirmation"), G_MENU_MODEL (confirmations));
  return G_MENU_MODEL (menu);
}

static void
menu_requested_cb (FdAppointmentsModule *self,
                   FdAppointment        *appointment,
                   double                x,
                   double                y)
{
  g_autoptr(GMenuModel) model = build_menu (self);
  GtkWidget *popover = gtk_popover_menu_new_from_model (model);

  g_set_object (&self->menu_appointment, appointment);
  gtk_widget_set_parent (popover, GTK_WIDGET (self->view));
  gtk_popover_set_pointing_to (GTK_POPOVER (popover), &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  gtk_popover_set_has_arrow (GTK_POPOVER (popover), FALSE);
  g_signal_connect (popover, "closed", G_CALLBACK (gtk_widget_unparent), NULL);
  gtk_popover_popup (GTK_POPOVER (popover));
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
  g_autofree char *day = format_day (self->day);

  fd_appointment_editor_open (get_window (self), self->database, appointment, day);
}

static void
slot_activated_cb (FdAppointmentsModule *self,
                   const char           *operatory_id,
                   int                   minute)
{
  g_autofree char *day = format_day (self->day);

  fd_appointment_editor_new_booking (get_window (self), self->database, day, operatory_id, minute);
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
  load_day (FD_APPOINTMENTS_MODULE (module));
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
  g_clear_object (&self->signal_group);
  g_clear_object (&self->menu_appointment);
  g_clear_object (&self->database);
  g_clear_pointer (&self->day, g_date_time_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), FD_TYPE_APPOINTMENTS_MODULE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (fd_appointments_module_parent_class)->dispose (object);
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
  gtk_widget_class_bind_template_child (widget_class, FdAppointmentsModule, date_button);
  gtk_widget_class_bind_template_child (widget_class, FdAppointmentsModule, calendar);
  gtk_widget_class_bind_template_child (widget_class, FdAppointmentsModule, status_label);
  gtk_widget_class_bind_template_child (widget_class, FdAppointmentsModule, view);
  gtk_widget_class_bind_template_callback (widget_class, calendar_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, move_requested_cb);
  gtk_widget_class_bind_template_callback (widget_class, menu_requested_cb);
  gtk_widget_class_bind_template_callback (widget_class, appointment_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, slot_activated_cb);

  gtk_widget_class_install_action (widget_class, "book.previous", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "book.next", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "book.today", NULL, step_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "book.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK,
                                       "book.next", NULL);
}

static void
fd_appointments_module_init (FdAppointmentsModule *self)
{
  static const GActionEntry menu_actions[] = {
    { "complete", menu_action_cb },
    { "break", menu_action_cb },
    { "reschedule", menu_action_cb },
    { "confirm", menu_action_cb, "s" },
  };
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->day = g_date_time_new_now_local ();
  self->cancellable = g_cancellable_new ();
  self->signal_group = g_signal_group_new (FD_TYPE_SIGNALS);
  g_signal_group_connect_swapped (self->signal_group, "changed::appointments",
                                  G_CALLBACK (appointments_changed_cb), self);
  g_signal_group_connect_swapped (self->signal_group, "reload-all", G_CALLBACK (load_day), self);

  g_action_map_add_action_entries (G_ACTION_MAP (group), menu_actions,
                                   G_N_ELEMENTS (menu_actions), self);
  gtk_widget_insert_action_group (GTK_WIDGET (self->view), "appointment", G_ACTION_GROUP (group));
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

/**
 * fd_appointments_module_move:
 * @minute: the new start, in minutes after midnight of the day shown
 *
 * Moves @appointment, as dropping its block would: its start and operatory only.
 */
void
fd_appointments_module_move (FdAppointmentsModule *self,
                             FdAppointment        *appointment,
                             const char           *operatory_id,
                             int                   minute)
{
  g_autofree char *day = format_day (self->day);
  g_autofree char *starts_at = fd_appointment_format_start (fd_database_get_cache (self->database),
                                                            day, minute);
  const char *columns[] = { "starts_at", "operatory_id" };
  const char *values[] = { starts_at, operatory_id };

  g_return_if_fail (FD_IS_APPOINTMENTS_MODULE (self));

  change (self, appointment, G_N_ELEMENTS (columns), columns, values);
}
