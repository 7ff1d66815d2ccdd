/* fd-client-appointment-list.c: Client Details' Appointments group: the client's appointments,
 * upcoming (soonest first) then past (latest first), with operatory, provider, status and
 * confirmation. It follows the database, and activating a row asks the window to show the
 * appointment in the book (win.show-appointment), so Clients never reaches into Appointments.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>
#include <stdio.h>

#include "fd-appointment.h"
#include "fd-cache-row.h"
#include "fd-client-appointment-list.h"
#include "fd-format.h"
#include "fd-signals.h"

struct _FdClientAppointmentList
{
  AdwPreferencesGroup  parent_instance;

  GtkListBox          *list;

  FdDatabase          *database;
  char                *client_id;
  GCancellable        *cancellable;
  GSignalGroup        *signals;
  GHashTable          *upcoming_rows;  /* the rows of appointments still to come */
  guint                loads;
};

G_DEFINE_FINAL_TYPE (FdClientAppointmentList, fd_client_appointment_list,
                    ADW_TYPE_PREFERENCES_GROUP)

static const char *
describe_status (FdAppointment *appointment)
{
  const char *status = fd_appointment_get_status (appointment);

  if (fd_appointment_is_cancelled (appointment) || g_strcmp0 (status, "cancelled") == 0)
    return _("Cancelled");
  if (g_strcmp0 (status, "complete") == 0)
    return _("Complete");
  if (g_strcmp0 (status, "broken") == 0)
    return _("Broken");
  return _("Scheduled");
}

/* The operatory's and the provider's names, from the lookup tables' cache. */
static char *
dup_cached_name (FdClientAppointmentList *self,
                 const char              *table,
                 const char              *id)
{
  FdCache *cache = fd_database_get_cache (self->database);
  FdCacheRow *row = cache != NULL ? fd_cache_lookup (cache, table, id) : NULL;
  const char *title, *first, *last;

  if (row == NULL)
    return g_strdup (id);
  if (g_str_equal (table, "operatories"))
    return g_strdup (fd_cache_row_get (row, "name"));
  title = fd_cache_row_get (row, "title");
  first = fd_cache_row_get (row, "first_name");
  last = fd_cache_row_get (row, "last_name");
  return g_strstrip (g_strdup_printf ("%s %s %s", title != NULL ? title : "",
                                      first != NULL ? first : "", last != NULL ? last : ""));
}

static GtkWidget *
appointment_row_new (FdClientAppointmentList *self,
                     FdAppointment           *appointment)
{
  GtkWidget *row = adw_action_row_new ();
  int year, month, day_of_month;
  g_autoptr(GDateTime) starts = NULL;
  g_autofree char *date = NULL;
  g_autofree char *time = NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *name = NULL;
  g_autofree char *operatory = dup_cached_name (self, "operatories",
                                                 fd_appointment_get_operatory_id (appointment));
  g_autofree char *provider = dup_cached_name (self, "providers",
                                               fd_appointment_get_provider_id (appointment));
  const char *day = fd_appointment_get_day (appointment);
  int minute = fd_appointment_get_start_minute (appointment);
  const char *confirmation = fd_appointment_get_confirmation (appointment);

  if (sscanf (day, "%d-%d-%d", &year, &month, &day_of_month) != 3)
    year = 1970, month = 1, day_of_month = 1;
  starts = g_date_time_new_local (year, month, day_of_month, minute / 60, minute % 60, 0);
  date = fd_format_date_long (starts);
  time = fd_format_minutes (minute);
  if (confirmation == NULL || *confirmation == '\0')
    confirmation = _("Not confirmed");

  /* Translators: an appointment's date and time */
  title = g_strdup_printf (_("%s, %s"), date, time);
  /* Translators: an appointment's operatory, provider, status and confirmation */
  subtitle = g_strdup_printf (_("%s · %s · %s · %s"), operatory, provider,
                              describe_status (appointment), confirmation);
  /* Translators: the whole row for a screen reader: date, time, operatory, provider,
   * status and confirmation */
  name = g_strdup_printf (_("%s at %s, %s, %s, %s, %s"), date, time, operatory, provider,
                          describe_status (appointment), confirmation);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.show-appointment");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "(ss)", day,
                                    fd_appointment_get_id (appointment));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Opens the appointment in the appointment book"), -1);
  if (fd_appointment_is_upcoming (appointment))
    g_hash_table_add (self->upcoming_rows, row);
  return row;
}

/* "Upcoming" over the first upcoming row, "Past" over the first past one; none over the
 * row that says there are none. */
static void
update_header (GtkListBoxRow *row,
               GtkListBoxRow *before,
               gpointer       user_data)
{
  FdClientAppointmentList *self = user_data;
  gboolean upcoming = g_hash_table_contains (self->upcoming_rows, row);
  GtkWidget *header;

  if (gtk_widget_has_css_class (GTK_WIDGET (row), "placeholder-row") ||
      (before != NULL && g_hash_table_contains (self->upcoming_rows, before) == upcoming))
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }
  header = gtk_label_new (upcoming ? _("Upcoming") : _("Past"));
  gtk_label_set_xalign (GTK_LABEL (header), 0);
  gtk_widget_add_css_class (header, "heading");
  gtk_widget_add_css_class (header, "dim-label");
  gtk_widget_set_margin_start (header, 12);
  gtk_widget_set_margin_top (header, 6);
  gtk_widget_set_margin_bottom (header, 6);
  gtk_list_box_row_set_header (row, header);
}

static void
clear (FdClientAppointmentList *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  g_hash_table_remove_all (self->upcoming_rows);
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  FdClientAppointmentList *self = user_data;
  g_autoptr(GListModel) appointments = NULL;
  g_autoptr(GError) error = NULL;
  guint n, n_upcoming = 0;

  appointments = fd_appointment_load_client_finish (FD_CONNECTION (object), result, &error);
  if (appointments == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_message ("Cannot load the client's appointments: %s", error->message);
      return;
    }

  /* Oldest first from the server: upcoming soonest first, then past latest first. */
  clear (self);
  n = g_list_model_get_n_items (appointments);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FdAppointment) appointment = g_list_model_get_item (appointments, i);
      GtkWidget *row = appointment_row_new (self, appointment);

      if (fd_appointment_is_upcoming (appointment))
        gtk_list_box_insert (self->list, row, n_upcoming++);
      else
        gtk_list_box_insert (self->list, row, n_upcoming);
    }
  if (n == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No appointments yet"));
      gtk_widget_add_css_class (row, "placeholder-row");
      gtk_list_box_append (self->list, row);
    }
  self->loads++;
}

static void
load (FdClientAppointmentList *self)
{
  FdConnection *connection;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  connection = self->database != NULL ? fd_database_get_connection (self->database) : NULL;
  if (self->client_id == NULL || connection == NULL)
    {
      clear (self);
      return;
    }
  self->cancellable = g_cancellable_new ();
  fd_appointment_load_client_async (connection, self->client_id, self->cancellable,
                                    loaded_cb, self);
}

static void
fd_client_appointment_list_dispose (GObject *object)
{
  FdClientAppointmentList *self = FD_CLIENT_APPOINTMENT_LIST (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->signals);
  g_clear_object (&self->database);
  g_clear_pointer (&self->client_id, g_free);

  G_OBJECT_CLASS (fd_client_appointment_list_parent_class)->dispose (object);
}

/* After dispose: the rows, and the list's header function, may ask for it until then. */
static void
fd_client_appointment_list_finalize (GObject *object)
{
  FdClientAppointmentList *self = FD_CLIENT_APPOINTMENT_LIST (object);

  g_hash_table_unref (self->upcoming_rows);

  G_OBJECT_CLASS (fd_client_appointment_list_parent_class)->finalize (object);
}

static void
fd_client_appointment_list_class_init (FdClientAppointmentListClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = fd_client_appointment_list_dispose;
  G_OBJECT_CLASS (klass)->finalize = fd_client_appointment_list_finalize;
}

static void
fd_client_appointment_list_init (FdClientAppointmentList *self)
{
  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  self->upcoming_rows = g_hash_table_new (NULL, NULL);
  gtk_list_box_set_header_func (self->list, update_header, self, NULL);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Appointments"), -1);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("Appointments"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->list));

  /* Any appointment may be this client's, or may have stopped being: read them again. */
  self->signals = g_signal_group_new (FD_TYPE_SIGNALS);
  g_signal_group_connect_swapped (self->signals, "changed::appointments", G_CALLBACK (load),
                                  self);
}

void
fd_client_appointment_list_set_database (FdClientAppointmentList *self,
                                         FdDatabase              *database)
{
  g_return_if_fail (FD_IS_CLIENT_APPOINTMENT_LIST (self));

  if (!g_set_object (&self->database, database))
    return;
  g_signal_group_set_target (self->signals,
                             database != NULL ? fd_database_get_signals (database) : NULL);
  load (self);
}

/**
 * fd_client_appointment_list_set_client_id:
 * @client_id: (nullable): the client shown, or %NULL for none
 */
void
fd_client_appointment_list_set_client_id (FdClientAppointmentList *self,
                                          const char              *client_id)
{
  g_return_if_fail (FD_IS_CLIENT_APPOINTMENT_LIST (self));

  g_free (self->client_id);
  self->client_id = g_strdup (client_id);
  load (self);
}

/**
 * fd_client_appointment_list_get_list:
 *
 * Returns: (transfer none): the list of rows
 */
GtkListBox *
fd_client_appointment_list_get_list (FdClientAppointmentList *self)
{
  g_return_val_if_fail (FD_IS_CLIENT_APPOINTMENT_LIST (self), NULL);

  return self->list;
}

/**
 * fd_client_appointment_list_get_loads:
 *
 * Returns: how many times the list has been read
 */
guint
fd_client_appointment_list_get_loads (FdClientAppointmentList *self)
{
  g_return_val_if_fail (FD_IS_CLIENT_APPOINTMENT_LIST (self), 0);

  return self->loads;
}
