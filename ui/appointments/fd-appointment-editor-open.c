/* fd-appointment-editor-open.c: opening an appointment through its edit session (the
 * window shows once it is read), and a new booking in an empty slot.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "fd-appointment-editor-private.h"
#include "fd-busy-dialog.h"

/* Opening an existing appointment ------------------------------------------------------- */

/* What the book asked to open, kept for Try Again after someone else's unfinished change. */
typedef struct
{
  GtkWindow     *parent;
  FdDatabase    *database;
  FdAppointment *appointment;
  char          *day;
} Retry;

static void
retry_free (Retry *retry)
{
  g_clear_object (&retry->parent);
  g_clear_object (&retry->database);
  g_clear_object (&retry->appointment);
  g_free (retry->day);
  g_free (retry);
}

static void
open_again_cb (Retry *retry)
{
  fd_appointment_editor_open (retry->parent, retry->database, retry->appointment, retry->day);
}

static GtkWindow *
get_parent (FdAppointmentEditor *self)
{
  return gtk_window_get_transient_for (GTK_WINDOW (self));
}

static gboolean
parent_shown (FdAppointmentEditor *self)
{
  GtkWindow *parent = get_parent (self);

  return parent != NULL && gtk_widget_get_visible (GTK_WIDGET (parent));
}

/* Opening failed or was given up: say why over the book (unless the person chose to stop),
 * and the window, never shown, goes. */
static void
open_failed_cb (FdAppointmentEditor *self,
                const GError        *error)
{
  const char *heading = self->overriding ? _("Cannot Take Over the Appointment")
                                         : _("Cannot Open the Appointment");
  Retry *retry;

  if (parent_shown (self) && fd_busy_dialog_is_busy (error))
    {
      retry = g_new0 (Retry, 1);
      retry->parent = g_object_ref (get_parent (self));
      retry->database = g_object_ref (self->database);
      retry->appointment = g_object_ref (self->appointment);
      retry->day = g_strdup (self->day);
      fd_busy_dialog_present_full (GTK_WIDGET (retry->parent), error, G_CALLBACK (open_again_cb),
                                   retry, (GDestroyNotify) retry_free);
    }
  else if (parent_shown (self))
    {
      GtkWidget *dialog = adw_message_dialog_new (get_parent (self), heading, error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
opened_cb (FdAppointmentEditor *self)
{
  g_autofree char *title = NULL;

  /* The book went away meanwhile: nothing to show it over. */
  if (!parent_shown (self))
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  self->start_minute = fd_appointment_get_start_minute (self->appointment);
  adw_action_row_set_subtitle (self->client_row,
                               fd_appointment_get_client_name (self->appointment));
  fd_appointment_editor_fill_from_record (self);
  /* Translators: %s is a client's name */
  title = g_strdup_printf (_("Appointment of %s"),
                           fd_appointment_get_client_name (self->appointment));
  gtk_window_set_title (GTK_WINDOW (self), title);
  fd_appointment_editor_update_editable (self);
  gtk_window_present (GTK_WINDOW (self));
}

static void
prompt_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(FdAppointmentEditor) self = user_data;

  FdLockChoice choice = fd_lock_prompt_finish_choice (result, NULL);

  if (fd_edit_session_get_state (self->session) != FD_EDIT_STATE_HELD_ELSEWHERE)
    return;
  if (!fd_appointment_editor_choose_lock (self, choice))
    gtk_window_destroy (GTK_WINDOW (self));
}

static void
state_changed_cb (FdAppointmentEditor *self)
{
  FdEditState state = fd_edit_session_get_state (self->session);

  if (state == FD_EDIT_STATE_HELD_ELSEWHERE)
    fd_lock_prompt_async (get_parent (self), fd_edit_session_get_holder (self->session),
                          _("Appointment in Use"), NULL, prompt_cb, g_object_ref (self));
  if (state != FD_EDIT_STATE_EDITING && state != FD_EDIT_STATE_SAVING &&
      state != FD_EDIT_STATE_DISPLACED && state != FD_EDIT_STATE_MAINTENANCE)
    fd_appointment_editor_end_questions (self);
  fd_appointment_editor_show_view (self);
  fd_appointment_editor_update_editable (self);
}

/* An editor of @database for @appointment_id, shown or still opening. */
static FdAppointmentEditor *
find_editor (FdDatabase *database,
             const char *appointment_id)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);
      FdAppointmentEditor *editor = FD_IS_APPOINTMENT_EDITOR (window)
                                    ? FD_APPOINTMENT_EDITOR (window) : NULL;

      if (editor != NULL && editor->database == database && editor->session != NULL &&
          g_strcmp0 (fd_edit_session_get_id (editor->session), appointment_id) == 0)
        return editor;
    }
  return NULL;
}

/**
 * fd_appointment_editor_open:
 * @day: the day the book shows, YYYY-MM-DD
 *
 * Takes the appointment's lock (asking twice if someone else has it open), then shows it.
 */
void
fd_appointment_editor_open (GtkWindow     *parent,
                            FdDatabase    *database,
                            FdAppointment *appointment,
                            const char    *day)
{
  FdAppointmentEditor *self = find_editor (database, fd_appointment_get_id (appointment));

  /* Already open here: show that window rather than a second editor under the same lock;
   * a double-click while it is still opening is the same request. */
  if (self != NULL)
    {
      if (gtk_widget_get_visible (GTK_WIDGET (self)))
        gtk_window_present (GTK_WINDOW (self));
      return;
    }

  self = fd_appointment_editor_create (parent, database, day);
  self->appointment = g_object_ref (appointment);
  self->session = fd_edit_session_new (database, LOCK_KIND);
  g_signal_connect_object (self->session, "notify::state", G_CALLBACK (state_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "opened", G_CALLBACK (opened_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "open-failed", G_CALLBACK (open_failed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "lock-lost",
                           G_CALLBACK (fd_appointment_editor_lock_lost), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "reloaded",
                           G_CALLBACK (fd_appointment_editor_reloaded), self, G_CONNECT_SWAPPED);
  fd_appointment_editor_connect_etiquette (self);
  g_signal_connect_object (self->session, "field-conflict",
                           G_CALLBACK (fd_appointment_editor_field_conflict), self,
                           G_CONNECT_SWAPPED);
  fd_appointment_editor_build_marks (self);
  fd_edit_session_open (self->session, fd_appointment_get_id (appointment));
}

/* Maintenance: nothing can be booked now but by administrators; the form says why and
 * keeps what is typed, to book once it ends. */
static void
booking_maintenance_cb (FdAppointmentEditor *self)
{
  FdMaintenance *maintenance = fd_database_get_maintenance (self->database);
  FdSession *session = fd_database_get_session (self->database);
  gboolean blocked = maintenance != NULL && fd_maintenance_get_active (maintenance) &&
                     session != NULL && !fd_session_get_is_admin (session);
  g_autofree char *reason = blocked ? fd_maintenance_dup_read_only_reason (maintenance) : NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), !blocked);
  fd_appointment_editor_put_state (self, blocked ? reason : self->message);
}

/**
 * fd_appointment_editor_new_booking:
 * @minute: the slot's start, minutes after midnight
 *
 * Returns: (transfer none): the booking window, shown, owned by the window list
 */
FdAppointmentEditor *
fd_appointment_editor_new_booking (GtkWindow  *parent,
                                   FdDatabase *database,
                                   const char *day,
                                   const char *operatory_id,
                                   int         minute)
{
  return fd_appointment_editor_new_booking_for (parent, database, day, operatory_id, minute,
                                                NULL, 30);
}

/**
 * fd_appointment_editor_new_booking_for:
 * @provider_id: (nullable): the provider, or %NULL for the one the schedules put there
 * @length: the length offered, in minutes
 *
 * A booking of an opening found for a provider and a length (Find a Free Slot).
 *
 * Returns: (transfer none): the booking window, shown, owned by the window list
 */
FdAppointmentEditor *
fd_appointment_editor_new_booking_for (GtkWindow  *parent,
                                       FdDatabase *database,
                                       const char *day,
                                       const char *operatory_id,
                                       int         minute,
                                       const char *provider_id,
                                       int         length)
{
  FdAppointmentEditor *self = fd_appointment_editor_create (parent, database, day);
  FdCache *cache = fd_database_get_cache (database);
  g_autoptr(FdCacheRow) provider = g_list_model_get_item (fd_cache_get_table (cache, "providers"),
                                                          0);
  g_autoptr(FdCacheRow) schedule = NULL;
  GListModel *schedules = fd_cache_get_table (cache, "provider_schedules");
  FdMaintenance *maintenance = fd_database_get_maintenance (database);

  /* The provider who works in that operatory, when the schedules say so. */
  for (guint i = 0; i < g_list_model_get_n_items (schedules) && schedule == NULL; i++)
    {
      g_autoptr(FdCacheRow) row = g_list_model_get_item (schedules, i);

      if (g_strcmp0 (fd_cache_row_get (row, "operatory_id"), operatory_id) == 0)
        schedule = g_steal_pointer (&row);
    }

  self->start_minute = minute;
  fd_appointment_editor_fill_form (self,
                                   provider_id != NULL ? provider_id
                                   : schedule != NULL ? fd_cache_row_get (schedule, "provider_id")
                                   : provider != NULL ? fd_cache_row_get_id (provider) : NULL,
                                   operatory_id, "scheduled", NULL, NULL, length);
  self->pristine = fd_appointment_editor_dup_fingerprint (self);
  adw_action_row_set_subtitle (self->client_row, _("Not picked yet"));
  gtk_widget_set_visible (GTK_WIDGET (self->client_search), TRUE);
  gtk_window_set_title (GTK_WINDOW (self), _("New Appointment"));
  gtk_button_set_label (self->save_button, _("_Book"));
  if (maintenance != NULL)
    g_signal_connect_object (maintenance, "notify::active",
                             G_CALLBACK (booking_maintenance_cb), self, G_CONNECT_SWAPPED);
  booking_maintenance_cb (self);
  gtk_window_present (GTK_WINDOW (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->client_search));
  return self;
}

/* Types into a field, as a person would: date, start, length or note. */
void
fd_appointment_editor_set_field (FdAppointmentEditor *self,
                                 const char          *field,
                                 const char          *value)
{
  g_return_if_fail (FD_IS_APPOINTMENT_EDITOR (self));

  if (g_str_equal (field, "date"))
    gtk_editable_set_text (GTK_EDITABLE (self->date_row), value);
  else if (g_str_equal (field, "start"))
    gtk_editable_set_text (GTK_EDITABLE (self->start_row), value);
  else if (g_str_equal (field, "length"))
    gtk_editable_set_text (GTK_EDITABLE (self->length_row), value);
  else if (g_str_equal (field, "note"))
    gtk_editable_set_text (GTK_EDITABLE (self->note_row), value);
}

/* The client of a new booking, as picking them from the search would. */
void
fd_appointment_editor_pick_client (FdAppointmentEditor *self,
                                   const char          *client_id,
                                   const char          *name)
{
  g_return_if_fail (FD_IS_APPOINTMENT_EDITOR (self));

  g_free (self->client_id);
  self->client_id = g_strdup (client_id);
  adw_action_row_set_subtitle (self->client_row, name);
  gtk_widget_set_visible (GTK_WIDGET (self->client_list), FALSE);
}

gboolean
fd_appointment_editor_get_read_only (FdAppointmentEditor *self)
{
  g_return_val_if_fail (FD_IS_APPOINTMENT_EDITOR (self), FALSE);

  return self->session != NULL && fd_edit_session_get_read_only (self->session);
}
