/* fd-appointment-editor.c: editing one appointment, a view of its edit session, or booking
 * a new one in an empty slot of the book.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opening an appointment goes through its FdEditSession as Client Details does: held by
 * another live session, the two-stage prompt comes first, and the window shows once the
 * appointment is read. Losing the lock is told at once: overridden → a state line (saving
 * takes it back); broken or expired → read-only. What is typed goes into the session's
 * record as it is typed, so saving writes the changed fields only, through the save path;
 * what someone else saves shows at once (fd-appointment-editor-live.c), and a save that
 * still meets their change asks field by field. A new booking picks its client by search
 * and is added through insert_record().
 */
#include <glib/gi18n.h>
#include <stdio.h>
#include <stdlib.h>

#include "fd-appointment-editor-private.h"
#include "fd-format.h"
#include "fd-book-hours.h"
#include "fd-double-book.h"
#include "fd-busy-dialog.h"
#include "fd-choices.h"
#include "fd-client-directory.h"

G_DEFINE_FINAL_TYPE (FdAppointmentEditor, fd_appointment_editor, ADW_TYPE_WINDOW)

static const char * const statuses[] = { "scheduled", "complete", "broken", "cancelled" };

static void save_clicked_cb (FdAppointmentEditor *self);

static FdRecord *
get_record (FdAppointmentEditor *self)
{
  return self->session != NULL ? fd_edit_session_get_record (self->session) : NULL;
}

static FdEditState
get_state (FdAppointmentEditor *self)
{
  return self->session != NULL ? fd_edit_session_get_state (self->session)
                               : FD_EDIT_STATE_EDITING;
}

/* The state line --------------------------------------------------------------------------- */

void
fd_appointment_editor_put_state (FdAppointmentEditor *self,
                                 const char          *message)
{
  gtk_label_set_text (self->state_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->state_label), message != NULL);
}

/* The appointment's own state: kept, to show again when maintenance, which covers it for a
 * while, ends. */
static void
show_state (FdAppointmentEditor *self,
            const char          *message)
{
  g_free (self->message);
  self->message = g_strdup (message);
  if (get_state (self) != FD_EDIT_STATE_MAINTENANCE)
    fd_appointment_editor_put_state (self, message);
}

void
fd_appointment_editor_update_editable (FdAppointmentEditor *self)
{
  FdEditState state = get_state (self);
  gboolean editable = state == FD_EDIT_STATE_EDITING || state == FD_EDIT_STATE_DISPLACED;
  g_autofree char *reason = NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), editable);
  gtk_editable_set_editable (GTK_EDITABLE (self->date_row), editable);
  gtk_editable_set_editable (GTK_EDITABLE (self->start_row), editable);
  gtk_editable_set_editable (GTK_EDITABLE (self->length_row), editable);
  gtk_editable_set_editable (GTK_EDITABLE (self->note_row), editable);
  if (state == FD_EDIT_STATE_MAINTENANCE)
    {
      reason = fd_maintenance_dup_read_only_reason (fd_database_get_maintenance (self->database));
      fd_appointment_editor_put_state (self, reason);
    }
  else
    fd_appointment_editor_put_state (self, self->message);
}

/* The form --------------------------------------------------------------------------------- */

void
fd_appointment_editor_fill_form (FdAppointmentEditor *self,
                                 const char          *provider,
                                 const char          *operatory,
                                 const char          *status,
                                 const char          *confirmation,
                                 const char          *note,
                                 int                  length)
{
  FdCache *cache = fd_database_get_cache (self->database);
  g_autofree char *start = g_strdup_printf ("%02d:%02d", self->start_minute / 60,
                                            self->start_minute % 60);
  g_autofree char *minutes = g_strdup_printf ("%d", length);

  self->filling = TRUE;
  fd_date_row_set_value (self->date_row, self->day);
  gtk_editable_set_text (GTK_EDITABLE (self->start_row), start);
  gtk_editable_set_text (GTK_EDITABLE (self->length_row), minutes);
  fd_choices_fill (self->provider_row, self->provider_ids,
                   fd_cache_get_table (cache, "providers"), NULL, FALSE, provider);
  fd_choices_fill (self->operatory_row, self->operatory_ids,
                   fd_cache_get_table (cache, "operatories"), NULL, FALSE, operatory);
  fd_choices_fill (self->confirmation_row, self->confirmation_ids,
                   fd_cache_get_table (cache, "definitions"), "confirmation_status", TRUE,
                   confirmation);
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      if (g_strcmp0 (statuses[i], status) == 0)
        adw_combo_row_set_selected (self->status_row, i);
    }
  gtk_editable_set_text (GTK_EDITABLE (self->note_row), note != NULL ? note : "");
  self->filling = FALSE;
  g_clear_pointer (&self->form_problem, g_free);
}

/* Shows the record's values, edited ones included. */
void
fd_appointment_editor_fill_from_record (FdAppointmentEditor *self)
{
  FdRecord *record = get_record (self);
  g_autofree char *day = fd_appointment_day_of (fd_database_get_cache (self->database),
                                                fd_record_get (record, "starts_at"));

  self->start_minute = fd_appointment_minute_of_day (fd_database_get_cache (self->database),
                                                     fd_record_get (record, "starts_at"),
                                                     self->start_minute);
  if (day != NULL)
    {
      g_free (self->day);
      self->day = g_steal_pointer (&day);
    }
  fd_appointment_editor_fill_form (self, fd_record_get (record, "provider_id"),
                                   fd_record_get (record, "operatory_id"),
                                   fd_record_get (record, "status"),
                                   fd_record_get (record, "confirmation_id"),
                                   fd_record_get (record, "note"),
                                   atoi (fd_record_get (record, "length_minutes")));
}

/* What the form says, as column values; FALSE with a message when it cannot be saved. */
static gboolean
read_form (FdAppointmentEditor  *self,
           GHashTable           *values,
           char                **problem)
{
  const char *date = fd_date_row_get_value (self->date_row);
  const char *start = gtk_editable_get_text (GTK_EDITABLE (self->start_row));
  const char *length = gtk_editable_get_text (GTK_EDITABLE (self->length_row));
  const char *note = gtk_editable_get_text (GTK_EDITABLE (self->note_row));
  FdRecord *record = get_record (self);
  g_autofree char *day = NULL;
  int hours, minutes;
  char end;

  /* The date row says what is wrong with the date, in the locale's terms. */
  if (date == NULL)
    {
      *problem = g_strdup (fd_date_row_get_problem (self->date_row));
      return FALSE;
    }
  day = g_strdup (date);
  if (sscanf (start, "%d:%d%c", &hours, &minutes, &end) != 2 || hours < 0 || hours > 23 ||
      minutes < 0 || minutes > 59)
    {
      *problem = g_strdup (_("Write the start as hours:minutes, for example 09:30."));
      return FALSE;
    }
  if (atoi (length) <= 0)
    {
      *problem = g_strdup (_("The length is a number of minutes, for example 30."));
      return FALSE;
    }

  /* The start as stored, unless it was moved: the server's own spelling of it stays. */
  if (record != NULL && hours * 60 + minutes == self->start_minute &&
      g_strcmp0 (day, self->day) == 0)
    g_hash_table_insert (values, g_strdup ("starts_at"),
                         g_strdup (fd_record_get_original (record, "starts_at")));
  else
    g_hash_table_insert (values, g_strdup ("starts_at"),
                         fd_appointment_format_start (fd_database_get_cache (self->database),
                                                      day, hours * 60 + minutes));
  g_hash_table_insert (values, g_strdup ("length_minutes"), g_strdup (length));
  g_hash_table_insert (values, g_strdup ("provider_id"),
                       g_strdup (fd_choices_get_id (self->provider_row, self->provider_ids)));
  g_hash_table_insert (values, g_strdup ("operatory_id"),
                       g_strdup (fd_choices_get_id (self->operatory_row, self->operatory_ids)));
  g_hash_table_insert (values, g_strdup ("status"),
                       g_strdup (statuses[MIN (adw_combo_row_get_selected (self->status_row),
                                               G_N_ELEMENTS (statuses) - 1)]));
  g_hash_table_insert (values, g_strdup ("confirmation_id"),
                       g_strdup (fd_choices_get_id (self->confirmation_row,
                                                    self->confirmation_ids)));
  g_hash_table_insert (values, g_strdup ("note"), g_strdup (note));
  return TRUE;
}

static GHashTable *
new_values (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/* What is typed goes into the record at once; what cannot be read yet waits as a problem. */
static void
form_changed_cb (FdAppointmentEditor *self)
{
  g_autoptr(GHashTable) values = new_values ();
  FdRecord *record = get_record (self);
  GHashTableIter iter;
  gpointer column;
  gpointer value;

  /* Read-only (viewing, lock lost): nothing shown goes into the record, which follows. */
  if (self->filling || record == NULL || !fd_record_is_loaded (record) ||
      fd_edit_session_get_read_only (self->session))
    return;

  g_clear_pointer (&self->form_problem, g_free);
  if (!read_form (self, values, &self->form_problem))
    return;
  g_hash_table_iter_init (&iter, values);
  while (g_hash_table_iter_next (&iter, &column, &value))
    fd_record_set (record, column, ((char *) value)[0] != '\0' ? value : NULL, -1, NULL);
}

/* The whole form as one string: for a new booking, compared with the form as opened. */
char *
fd_appointment_editor_dup_fingerprint (FdAppointmentEditor *self)
{
  return g_strdup_printf ("%s|%s|%s|%u|%u|%u|%u|%s|%s",
                          gtk_editable_get_text (GTK_EDITABLE (self->date_row)),
                          gtk_editable_get_text (GTK_EDITABLE (self->start_row)),
                          gtk_editable_get_text (GTK_EDITABLE (self->length_row)),
                          adw_combo_row_get_selected (self->provider_row),
                          adw_combo_row_get_selected (self->operatory_row),
                          adw_combo_row_get_selected (self->status_row),
                          adw_combo_row_get_selected (self->confirmation_row),
                          gtk_editable_get_text (GTK_EDITABLE (self->note_row)),
                          self->client_id != NULL ? self->client_id : "");
}

static gboolean
has_unsaved_input (FdAppointmentEditor *self)
{
  g_autofree char *now = NULL;

  if (self->session != NULL)
    return !fd_edit_session_get_read_only (self->session) &&
           (fd_edit_session_get_dirty (self->session) || self->form_problem != NULL);
  now = fd_appointment_editor_dup_fingerprint (self);
  return g_strcmp0 (now, self->pristine) != 0;
}

/* What the session tells ----------------------------------------------------------------- */

void
fd_appointment_editor_lock_lost (FdAppointmentEditor *self,
                                 FdLockLoss          *loss)
{
  g_autofree char *at = loss->at != NULL ? fd_format_time (loss->at) : g_strdup ("");
  g_autofree char *message = NULL;

  if (loss->cause == FD_LOCK_LOSS_OVERRIDDEN)
    message = g_strdup_printf (_("%s at %s took over at %s — saving will take it back"),
                               loss->by_name, loss->by_workstation, at);
  else if (loss->cause == FD_LOCK_LOSS_TAKEN_BACK)
    /* Translators: a person, their workstation, and a time */
    message = g_strdup_printf (_("%s at %s saved and took this appointment back at %s — "
                                 "saving will take it back"),
                               loss->by_name, loss->by_workstation, at);
  else if (loss->cause == FD_LOCK_LOSS_BROKEN)
    message = g_strdup_printf (_("%s released your lock at %s — this appointment can no "
                                 "longer be saved; close and open it again"),
                               loss->by_name, at);
  else
    message = g_strdup_printf (_("Your time to edit ran out at %s — this appointment can no "
                                 "longer be saved; close and open it again"), at);
  show_state (self, message);
  gtk_widget_error_bell (GTK_WIDGET (self));
}

/* Saving ----------------------------------------------------------------------------------- */

static void
close_saved (FdAppointmentEditor *self)
{
  self->may_close = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  FdAppointmentEditor *self = user_data;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  FdSaveOutcome outcome;

  outcome = fd_edit_session_save_finish (FD_EDIT_SESSION (object), result, &conflicts, NULL,
                                         &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  switch (outcome)
    {
    case FD_SAVE_SAVED:
      close_saved (self);
      return;

    case FD_SAVE_CONFLICT:
      fd_appointment_editor_merge (self, conflicts);
      return;

    case FD_SAVE_REFUSED:
    case FD_SAVE_FAILED:
    default:
      message = fd_appointment_editor_save_failed (self, error->message);
      if (fd_busy_dialog_is_busy (error))
        fd_busy_dialog_present (GTK_WIDGET (self), error, G_CALLBACK (save_clicked_cb), self);
      break;
    }
  show_state (self, message);
}

static void
inserted_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  FdAppointmentEditor *self = user_data;
  g_autoptr(FdRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  record = fd_record_insert_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), TRUE);
  if (record == NULL)
    {
      /* Translators: %s is the server's explanation */
      message = g_strdup_printf (_("Not booked: %s"), error->message);
      show_state (self, message);
      if (fd_busy_dialog_is_busy (error))
        fd_busy_dialog_present (GTK_WIDGET (self), error, G_CALLBACK (save_clicked_cb), self);
      return;
    }
  close_saved (self);
}

static void
book (FdAppointmentEditor *self,
      GHashTable          *values)
{
  g_autoptr(GPtrArray) columns = g_ptr_array_new ();
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer column;
  gpointer value;

  if (self->client_id == NULL)
    {
      show_state (self, _("Pick the client first: search by name or phone number."));
      return;
    }

  g_hash_table_insert (values, g_strdup ("client_id"), g_strdup (self->client_id));
  g_hash_table_iter_init (&iter, values);
  while (g_hash_table_iter_next (&iter, &column, &value))
    {
      if (((char *) value)[0] == '\0')
        continue;
      g_ptr_array_add (columns, column);
      g_ptr_array_add (texts, value);
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), FALSE);
  fd_record_insert_async (fd_database_get_connection (self->database), "appointments",
                          columns->len, (const char * const *) columns->pdata,
                          (const char * const *) texts->pdata, self->cancellable, inserted_cb,
                          self);
}

/* The day and start the form says, if it can be read. */
static gboolean
read_slot (FdAppointmentEditor  *self,
           char                **day,
           int                  *minute)
{
  const char *date = fd_date_row_get_value (self->date_row);
  int year, month, day_of_month, hours, minutes;

  if (date == NULL || sscanf (date, "%d-%d-%d", &year, &month, &day_of_month) != 3 ||
      sscanf (gtk_editable_get_text (GTK_EDITABLE (self->start_row)), "%d:%d", &hours,
              &minutes) != 2)
    return FALSE;
  *day = g_strdup_printf ("%04d-%02d-%02d", year, month, day_of_month);
  *minute = hours * 60 + minutes;
  return TRUE;
}

/* Whether a scheduled appointment is booked, or any of @columns changed. */
static gboolean
scheduled_and_moved (FdAppointmentEditor *self,
                     GHashTable          *values,
                     const char * const  *columns)
{
  FdRecord *record = get_record (self);
  gboolean moved = record == NULL;

  if (g_strcmp0 (g_hash_table_lookup (values, "status"), "scheduled") != 0)
    return FALSE;
  for (guint i = 0; record != NULL && columns[i] != NULL; i++)
    moved |= g_strcmp0 (g_hash_table_lookup (values, columns[i]),
                        fd_record_get_original (record, columns[i])) != 0;
  return moved;
}

/* The server's hours and schedule rule (0022), told before anything is written: for a new
 * booking, or when the start, length or provider of a scheduled one changed. */
static char *
check_hours (FdAppointmentEditor *self,
             GHashTable          *values)
{
  static const char * const timing[] = { "starts_at", "length_minutes", "provider_id", NULL };
  g_autofree char *day = NULL;
  int minute;

  if (!scheduled_and_moved (self, values, timing) || !read_slot (self, &day, &minute))
    return NULL;
  return fd_book_hours_check (fd_database_get_cache (self->database), day, minute,
                              atoi (g_hash_table_lookup (values, "length_minutes")),
                              g_hash_table_lookup (values, "provider_id"));
}

static void save_checked (FdAppointmentEditor *self,
                          gboolean             ask_first);

static void
double_book_answered_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(FdAppointmentEditor) self = user_data;

  g_autofree char *message = NULL;

  if (fd_double_book_ask_finish (result))
    save_checked (self, FALSE);
  else if (self->release_after_save != 0)
    {
      /* A Save and Release that stops here still answers the one who asked. */
      message = fd_appointment_editor_save_failed (self, _("you chose not to double-book."));
      show_state (self, message);
    }
}

/* The book of the day it goes to was read: onto another appointment, it asks first, as a
 * drag does. A book that cannot be read asks nothing: the save then says what is wrong. */
static void
book_read_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(FdAppointmentEditor) self = user_data;
  g_autoptr(GListModel) book = NULL;
  g_autoptr(GHashTable) values = new_values ();
  g_autoptr(FdAppointment) occupant = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *problem = NULL;
  g_autofree char *day = NULL;
  const char *operatory_id;
  int minute;

  book = fd_appointment_load_day_finish (FD_CONNECTION (object), result, &error);
  self->checking_slot = FALSE;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      !read_form (self, values, &problem) || !read_slot (self, &day, &minute))
    return;
  operatory_id = g_hash_table_lookup (values, "operatory_id");
  occupant = fd_double_book_find_occupant (book, self->appointment != NULL
                                                   ? fd_appointment_get_id (self->appointment)
                                                   : NULL,
                                           NULL, operatory_id, minute,
                                           atoi (g_hash_table_lookup (values, "length_minutes")));
  if (occupant == NULL)
    {
      save_checked (self, FALSE);
      return;
    }
  fd_double_book_ask_async (GTK_WINDOW (self), fd_database_get_cache (self->database),
                            operatory_id, occupant, double_book_answered_cb,
                            g_object_ref (self));
}

/* @ask_first: a booking, or a move to another time or operatory, reads that day's book
 * first, to ask before it goes onto someone else's appointment. */
static void
save_checked (FdAppointmentEditor *self,
              gboolean             ask_first)
{
  static const char * const place[] = { "starts_at", "length_minutes", "operatory_id", NULL };
  g_autoptr(GHashTable) values = new_values ();
  g_autofree char *problem = NULL;
  g_autofree char *day = NULL;
  FdEditState state = get_state (self);
  int minute;

  if ((state != FD_EDIT_STATE_EDITING && state != FD_EDIT_STATE_DISPLACED) ||
      self->checking_slot)
    return;
  if (!read_form (self, values, &problem) || (problem = check_hours (self, values)) != NULL)
    {
      show_state (self, problem);
      return;
    }
  if (self->session != NULL && !fd_edit_session_get_dirty (self->session))
    {
      close_saved (self);
      return;
    }
  if (ask_first && scheduled_and_moved (self, values, place) && read_slot (self, &day, &minute))
    {
      self->checking_slot = TRUE;
      fd_appointment_load_day_async (fd_database_get_connection (self->database), day,
                                     self->cancellable, book_read_cb, g_object_ref (self));
      return;
    }
  if (self->session == NULL)
    {
      if (gtk_widget_get_sensitive (GTK_WIDGET (self->save_button)))
        book (self, values);
      return;
    }
  fd_edit_session_save_async (self->session, NULL, saved_cb, self);
}

static void
save_clicked_cb (FdAppointmentEditor *self)
{
  save_checked (self, TRUE);
}

void
fd_appointment_editor_save (FdAppointmentEditor *self)
{
  save_clicked_cb (self);
}

/* Picking the client of a new booking ---------------------------------------------------- */

static void
client_found_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  FdAppointmentEditor *self = user_data;
  g_autoptr(GListModel) found = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  found = fd_client_directory_search_finish (FD_CONNECTION (object), result, &error);
  if (found == NULL)
    return;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->client_list))) != NULL)
    gtk_list_box_remove (self->client_list, child);
  /* The rows stand for the first clients found, in order: a row's index is its client's. */
  g_set_object (&self->found, found);
  for (guint i = 0; i < MIN (g_list_model_get_n_items (found), 8); i++)
    {
      g_autoptr(FdClientSummary) summary = g_list_model_get_item (found, i);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     fd_client_summary_get_name (summary));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), fd_client_summary_get_details (summary));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_list_box_append (self->client_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->client_list), TRUE);
}

static void
client_search_changed_cb (FdAppointmentEditor *self)
{
  fd_client_directory_search_async (fd_database_get_connection (self->database),
                                    gtk_editable_get_text (GTK_EDITABLE (self->client_search)),
                                    self->cancellable, client_found_cb, self);
}

static void
client_activated_cb (FdAppointmentEditor *self,
                     GtkListBoxRow       *row)
{
  g_autoptr(FdClientSummary) summary = NULL;

  if (self->found == NULL)
    return;
  summary = g_list_model_get_item (self->found, gtk_list_box_row_get_index (row));
  if (summary != NULL)
    fd_appointment_editor_pick_client (self, fd_client_summary_get_id (summary),
                                       fd_client_summary_get_name (summary));
}

/* Closing ---------------------------------------------------------------------------------- */

static gboolean
close_later_cb (gpointer user_data)
{
  gtk_window_close (GTK_WINDOW (user_data));
  return G_SOURCE_REMOVE;
}

static void
leave_response_cb (AdwMessageDialog    *dialog,
                   const char          *response,
                   FdAppointmentEditor *self)
{
  if (g_str_equal (response, "save"))
    save_clicked_cb (self);
  else if (g_str_equal (response, "discard"))
    {
      /* Closed once the dialog, which is ours, has finished closing. */
      self->may_close = TRUE;
      g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, close_later_cb, g_object_ref (self),
                       g_object_unref);
    }
}

/* Closing with unsaved input asks first, as Client Details does: Save (or Book) is the
 * default, Discard is destructive, Escape keeps the window. */
static void
ask_before_leaving (FdAppointmentEditor *self)
{
  gboolean booking = self->session == NULL;
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (
    GTK_WINDOW (self),
    booking ? _("Book This Appointment?") : _("Save Changes to This Appointment?"),
    booking ? _("It is not booked yet. If you close this window, what you entered is lost.")
            : _("You changed this appointment. If you close without saving, your changes are "
                "lost.")));

  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "discard", _("_Discard"),
                                    "save", booking ? _("_Book") : _("_Save"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");
  gtk_widget_add_css_class (GTK_WIDGET (dialog), "leave-dialog");
  g_signal_connect_object (dialog, "response", G_CALLBACK (leave_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
close_request_cb (GtkWindow *window)
{
  FdAppointmentEditor *self = FD_APPOINTMENT_EDITOR (window);

  if (!self->may_close && gtk_widget_get_visible (GTK_WIDGET (self)) &&
      has_unsaved_input (self))
    {
      if (get_state (self) != FD_EDIT_STATE_SAVING)
        ask_before_leaving (self);
      return TRUE;
    }
  g_cancellable_cancel (self->cancellable);
  /* The lock (the server only ever removes this session's own) and the viewer's place. */
  if (self->session != NULL)
    fd_edit_session_close (self->session);
  return FALSE;
}

/* GObject ---------------------------------------------------------------------------------- */

static void
fd_appointment_editor_dispose (GObject *object)
{
  FdAppointmentEditor *self = FD_APPOINTMENT_EDITOR (object);

  /* Destroyed without closing (the application quits, the person signs out). */
  g_cancellable_cancel (self->cancellable);
  fd_appointment_editor_end_questions (self);
  g_clear_object (&self->release_cancellable);
  g_clear_object (&self->expiry_cancellable);
  if (self->session != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->session, self);
      fd_edit_session_close (self->session);
    }
  g_clear_object (&self->session);
  g_clear_object (&self->appointment);
  g_clear_object (&self->found);
  g_clear_object (&self->database);
  gtk_widget_dispose_template (GTK_WIDGET (self), FD_TYPE_APPOINTMENT_EDITOR);

  G_OBJECT_CLASS (fd_appointment_editor_parent_class)->dispose (object);
}

static void
fd_appointment_editor_finalize (GObject *object)
{
  FdAppointmentEditor *self = FD_APPOINTMENT_EDITOR (object);

  g_clear_object (&self->cancellable);
  g_free (self->day);
  g_free (self->client_id);
  g_free (self->pristine);
  g_free (self->form_problem);
  g_free (self->message);
  g_free (self->release_asker);
  g_ptr_array_unref (self->provider_ids);
  g_ptr_array_unref (self->operatory_ids);
  g_ptr_array_unref (self->confirmation_ids);
  g_hash_table_unref (self->marks);

  G_OBJECT_CLASS (fd_appointment_editor_parent_class)->finalize (object);
}

static void
fd_appointment_editor_class_init (FdAppointmentEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = fd_appointment_editor_dispose;
  object_class->finalize = fd_appointment_editor_finalize;
  window_class->close_request = close_request_cb;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/frontdesk/Frontdesk/fd-appointment-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, FdAppointmentEditor, state_label);
  gtk_widget_class_bind_template_child (widget_class, FdAppointmentEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, FdAppointmentEditor, edit_button);
  gtk_widget_class_bind_template_child (widget_class, FdAppointmentEditor, client_search);
  gtk_widget_class_bind_template_child (widget_class, FdAppointmentEditor, client_list);
  gtk_widget_class_bind_template_child (widget_class, FdAppointmentEditor, client_row);
  gtk_widget_class_bind_template_child (widget_class, FdAppointmentEditor, date_row);
  gtk_widget_class_bind_template_child (widget_class, FdAppointmentEditor, start_row);
  gtk_widget_class_bind_template_child (widget_class, FdAppointmentEditor, length_row);
  gtk_widget_class_bind_template_child (widget_class, FdAppointmentEditor, provider_row);
  gtk_widget_class_bind_template_child (widget_class, FdAppointmentEditor, operatory_row);
  gtk_widget_class_bind_template_child (widget_class, FdAppointmentEditor, status_row);
  gtk_widget_class_bind_template_child (widget_class, FdAppointmentEditor, confirmation_row);
  gtk_widget_class_bind_template_child (widget_class, FdAppointmentEditor, note_row);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, form_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, client_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, client_activated_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  fd_appointment_editor_class_add_etiquette_actions (widget_class);
}

static void
fd_appointment_editor_init (FdAppointmentEditor *self)
{
  self->filling = TRUE;
  self->cancellable = g_cancellable_new ();
  self->provider_ids = g_ptr_array_new_with_free_func (g_free);
  self->operatory_ids = g_ptr_array_new_with_free_func (g_free);
  self->confirmation_ids = g_ptr_array_new_with_free_func (g_free);
  self->marks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_type_ensure (FD_TYPE_DATE_ROW);
  gtk_widget_init_template (GTK_WIDGET (self));
  self->filling = FALSE;
}

FdAppointmentEditor *
fd_appointment_editor_create (GtkWindow  *parent,
                              FdDatabase *database,
                              const char *day)
{
  FdAppointmentEditor *self = g_object_new (FD_TYPE_APPOINTMENT_EDITOR,
                                            "transient-for", parent, NULL);

  self->database = g_object_ref (database);
  self->day = g_strdup (day);
  return self;
}
