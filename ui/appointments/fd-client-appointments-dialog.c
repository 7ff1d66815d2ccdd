/* fd-client-appointments-dialog.c: a client's next and past appointments, from the book;
 * activating one shows its day with it selected.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The list is the server's client_appointments() (0020), with day, times, operatory,
 * provider and status. Activating one emits "picked" with its day and id and closes: the
 * book shows that day and focuses the appointment.
 */
#include <glib/gi18n-lib.h>

#include "fd-appointment-block.h"
#include "fd-client-appointments-dialog.h"
#include "fd-day-view.h"

struct _FdClientAppointmentsDialog
{
  AdwWindow     parent_instance;

  /* Template widgets */
  GtkLabel     *next_label;
  GtkListBox   *next_list;
  GtkLabel     *past_label;
  GtkListBox   *past_list;

  /* Owned */
  FdDatabase   *database;
  GCancellable *cancellable;
  GHashTable   *row_appointments;  /* list row → its FdAppointment */
  gboolean      loaded;
};

G_DEFINE_FINAL_TYPE (FdClientAppointmentsDialog, fd_client_appointments_dialog, ADW_TYPE_WINDOW)

enum { PICKED, N_SIGNALS };
static guint signals[N_SIGNALS];

static GtkWidget *
appointment_row_new (FdClientAppointmentsDialog *self,
                     FdAppointment              *appointment)
{
  g_autofree char *status = fd_appointment_block_describe_status (appointment);
  const char *confirmation = fd_appointment_get_confirmation (appointment);
  g_autofree char *extra = confirmation != NULL && !fd_appointment_is_cancelled (appointment)
                           /* Translators: an appointment's status and confirmation */
                           ? g_strdup_printf (_("%s, %s"), status, confirmation)
                           : g_strdup (status);
  GtkWidget *row = fd_day_view_new_slot_row (fd_database_get_cache (self->database),
                                             fd_appointment_get_day (appointment),
                                             fd_appointment_get_start_minute (appointment),
                                             fd_appointment_get_length (appointment),
                                             fd_appointment_get_operatory_id (appointment),
                                             fd_appointment_get_provider_id (appointment),
                                             extra);

  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Activate to show it in the book"), -1);
  g_hash_table_insert (self->row_appointments, row, g_object_ref (appointment));
  return row;
}

static void
show_count (GtkLabel   *label,
            GtkListBox *list,
            guint       n,
            const char *none)
{
  gtk_widget_set_visible (GTK_WIDGET (list), n > 0);
  gtk_widget_set_visible (GTK_WIDGET (label), n == 0);
  gtk_label_set_text (label, none);
}

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(FdClientAppointmentsDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) appointments = fd_appointment_load_client_finish (FD_CONNECTION (source),
                                                                          result, &error);
  guint n_next = 0, n_past = 0;
  guint n;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->loaded = TRUE;
  if (appointments == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The appointments could not be read: %s"),
                                                  error->message);

      gtk_label_set_text (self->next_label, message);
      return;
    }

  /* Oldest first from the server: the next ones soonest first, the past ones latest first. */
  n = g_list_model_get_n_items (appointments);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FdAppointment) appointment = g_list_model_get_item (appointments, i);

      if (fd_appointment_is_upcoming (appointment))
        {
          gtk_list_box_append (self->next_list, appointment_row_new (self, appointment));
          n_next++;
        }
      else
        {
          gtk_list_box_prepend (self->past_list, appointment_row_new (self, appointment));
          n_past++;
        }
    }
  show_count (self->next_label, self->next_list, n_next, _("No appointment to come."));
  show_count (self->past_label, self->past_list, n_past, _("No appointment before now."));
}

static void
row_activated_cb (FdClientAppointmentsDialog *self,
                  GtkListBoxRow              *row)
{
  FdAppointment *appointment = g_hash_table_lookup (self->row_appointments, row);

  if (appointment == NULL)
    return;
  g_object_ref (appointment);
  g_signal_emit (self, signals[PICKED], 0, fd_appointment_get_day (appointment),
                 fd_appointment_get_id (appointment));
  g_object_unref (appointment);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
fd_client_appointments_dialog_dispose (GObject *object)
{
  FdClientAppointmentsDialog *self = FD_CLIENT_APPOINTMENTS_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->database);
  g_clear_pointer (&self->row_appointments, g_hash_table_unref);

  G_OBJECT_CLASS (fd_client_appointments_dialog_parent_class)->dispose (object);
}

static void
fd_client_appointments_dialog_class_init (FdClientAppointmentsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fd_client_appointments_dialog_dispose;

  /**
   * FdClientAppointmentsDialog::picked:
   * @day: the appointment's day, YYYY-MM-DD
   * @appointment_id: the appointment
   */
  signals[PICKED] = g_signal_new ("picked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING,
                                  G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/frontdesk/Frontdesk/"
                                               "fd-client-appointments-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, FdClientAppointmentsDialog, next_label);
  gtk_widget_class_bind_template_child (widget_class, FdClientAppointmentsDialog, next_list);
  gtk_widget_class_bind_template_child (widget_class, FdClientAppointmentsDialog, past_label);
  gtk_widget_class_bind_template_child (widget_class, FdClientAppointmentsDialog, past_list);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
fd_client_appointments_dialog_init (FdClientAppointmentsDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->row_appointments = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
}

/**
 * fd_client_appointments_dialog_new:
 *
 * Returns: (transfer none): the dialog, shown and reading, owned by the window list
 */
FdClientAppointmentsDialog *
fd_client_appointments_dialog_new (GtkWindow  *parent,
                                   FdDatabase *database,
                                   const char *client_id,
                                   const char *client_name)
{
  FdClientAppointmentsDialog *self = g_object_new (FD_TYPE_CLIENT_APPOINTMENTS_DIALOG,
                                                   "transient-for", parent, NULL);
  g_autofree char *title = g_strdup_printf (_("Appointments of %s"), client_name);

  self->database = g_object_ref (database);
  gtk_window_set_title (GTK_WINDOW (self), title);
  gtk_window_present (GTK_WINDOW (self));
  fd_appointment_load_client_async (fd_database_get_connection (database), client_id,
                                    self->cancellable, loaded_cb, g_object_ref (self));
  return self;
}

/* Whether the appointments have been read: tests wait on it. */
gboolean
fd_client_appointments_dialog_get_loaded (FdClientAppointmentsDialog *self)
{
  g_return_val_if_fail (FD_IS_CLIENT_APPOINTMENTS_DIALOG (self), FALSE);

  return self->loaded;
}

/**
 * fd_client_appointments_dialog_get_appointment:
 * @row: a row of either list
 *
 * Returns: (transfer none) (nullable): the appointment @row shows
 */
FdAppointment *
fd_client_appointments_dialog_get_appointment (FdClientAppointmentsDialog *self,
                                               GtkListBoxRow              *row)
{
  g_return_val_if_fail (FD_IS_CLIENT_APPOINTMENTS_DIALOG (self), NULL);

  return g_hash_table_lookup (self->row_appointments, row);
}
