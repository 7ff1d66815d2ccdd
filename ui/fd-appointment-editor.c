/* fd-appointment-editor.c: editing one appointment under its record lock, or booking a new
 * one in an empty slot of the book.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opening an appointment takes its lock as Client Details does: held by another live
 * session, the two-stage prompt comes first. Losing the lock is told at once: overridden →
 * a state line (saving takes it back); broken or expired → read-only. Saving writes the
 * changed fields only, through the save path; a conflict shows what the other person saved.
 * A new booking picks its client by search and is added through insert_record().
 */
#include <glib/gi18n.h>
#include <stdlib.h>

#include "fd-appointment-editor.h"
#include "fd-busy-dialog.h"
#include "fd-choices.h"
#include "fd-client-directory.h"
#include "fd-lock-prompt.h"

#define LOCK_KIND "appointments"

struct _FdAppointmentEditor
{
  AdwWindow      parent_instance;

  /* Widgets */
  GtkLabel      *state_label;
  GtkButton     *save_button;
  GtkSearchEntry *client_search;
  GtkListBox    *client_list;
  AdwActionRow  *client_row;
  AdwEntryRow   *start_row;
  AdwEntryRow   *length_row;
  AdwComboRow   *provider_row;
  AdwComboRow   *operatory_row;
  AdwComboRow   *status_row;
  AdwComboRow   *confirmation_row;
  AdwEntryRow   *note_row;

  /* Owned */
  FdDatabase    *database;
  FdRecord      *record;          /* NULL for a new booking */
  GCancellable  *cancellable;
  char          *day;
  char          *client_id;
  GPtrArray     *provider_ids;
  GPtrArray     *operatory_ids;
  GPtrArray     *confirmation_ids;
  char          *pristine;        /* the form as opened, to know whether anything changed */
  int            start_minute;

  gboolean       read_only;
  gboolean       in_maintenance;
  char          *kept_state;
  gboolean       saving;
  gboolean       may_close;       /* saved, discarded, or nothing changed */
  gboolean       let_go;          /* lock and viewer place released */
};

G_DEFINE_FINAL_TYPE (FdAppointmentEditor, fd_appointment_editor, ADW_TYPE_WINDOW)

static const char * const statuses[] = { "scheduled", "complete", "broken" };

static FdLockManager *
get_locks (FdAppointmentEditor *self)
{
  return fd_database_get_lock_manager (self->database);
}

static void
put_state (FdAppointmentEditor *self,
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
  g_free (self->kept_state);
  self->kept_state = g_strdup (message);
  put_state (self, message);
}

/* The whole form as one string: compared with the form as opened, it tells whether closing
 * would lose anything. */
static char *
form_fingerprint (FdAppointmentEditor *self)
{
  return g_strdup_printf ("%s|%s|%u|%u|%u|%u|%s|%s",
                          gtk_editable_get_text (GTK_EDITABLE (self->start_row)),
                          gtk_editable_get_text (GTK_EDITABLE (self->length_row)),
                          adw_combo_row_get_selected (self->provider_row),
                          adw_combo_row_get_selected (self->operatory_row),
                          adw_combo_row_get_selected (self->status_row),
                          adw_combo_row_get_selected (self->confirmation_row),
                          gtk_editable_get_text (GTK_EDITABLE (self->note_row)),
                          self->client_id != NULL ? self->client_id : "");
}

static void
remember_pristine (FdAppointmentEditor *self)
{
  g_free (self->pristine);
  self->pristine = form_fingerprint (self);
}

static gboolean
has_unsaved_input (FdAppointmentEditor *self)
{
  g_autofree char *now = form_fingerprint (self);

  return !self->read_only && g_strcmp0 (now, self->pristine) != 0;
}

/* A column in the words of its row, for messages. */
static const char *
column_title (FdAppointmentEditor *self,
              const char          *column)
{
  struct { const char *column; gpointer row; } rows[] = {
    { "starts_at", self->start_row }, { "length_minutes", self->length_row },
    { "provider_id", self->provider_row }, { "operatory_id", self->operatory_row },
    { "status", self->status_row }, { "confirmation_id", self->confirmation_row },
    { "note", self->note_row },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      if (g_str_equal (rows[i].column, column))
        return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (rows[i].row));
    }
  return column;
}

static void
fill_form (FdAppointmentEditor *self,
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

  gtk_editable_set_text (GTK_EDITABLE (self->start_row), start);
  gtk_editable_set_text (GTK_EDITABLE (self->length_row), minutes);
  fd_choices_fill (self->provider_row, self->provider_ids, fd_cache_get_table (cache, "providers"),
                NULL, FALSE, provider);
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
}

/* What the form says, as column values; FALSE with a message when it cannot be saved. */
static gboolean
read_form (FdAppointmentEditor  *self,
           GHashTable           *values,
           char                **problem)
{
  const char *start = gtk_editable_get_text (GTK_EDITABLE (self->start_row));
  const char *length = gtk_editable_get_text (GTK_EDITABLE (self->length_row));
  const char *note = gtk_editable_get_text (GTK_EDITABLE (self->note_row));
  int hours, minutes;
  char end;

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

  if (hours * 60 + minutes != self->start_minute || self->record == NULL)
    g_hash_table_insert (values, g_strdup ("starts_at"),
                         fd_appointment_format_start (fd_database_get_cache (self->database),
                                                      self->day, hours * 60 + minutes));
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

/* Losing the lock --------------------------------------------------------------------------- */

static void
set_editable (FdAppointmentEditor *self,
              gboolean             editable)
{
  gtk_editable_set_editable (GTK_EDITABLE (self->start_row), editable);
  gtk_editable_set_editable (GTK_EDITABLE (self->length_row), editable);
  gtk_editable_set_editable (GTK_EDITABLE (self->note_row), editable);
}

static void
set_read_only (FdAppointmentEditor *self)
{
  self->read_only = TRUE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), FALSE);
  set_editable (self, FALSE);
}

static void
lock_lost_cb (FdAppointmentEditor *self,
              FdLockLoss          *loss)
{
  g_autofree char *at = NULL;
  g_autofree char *message = NULL;

  if (self->record == NULL || !g_str_equal (loss->kind, LOCK_KIND) ||
      !g_str_equal (loss->id, fd_record_get_id (self->record)))
    return;

  at = loss->at != NULL ? g_date_time_format (loss->at, "%H:%M") : g_strdup ("");
  if (loss->cause == FD_LOCK_LOSS_OVERRIDDEN)
    message = g_strdup_printf (_("%s at %s took over at %s — saving will take it back"),
                               loss->by_name, loss->by_workstation, at);
  else
    {
      set_read_only (self);
      message = loss->cause == FD_LOCK_LOSS_BROKEN
                ? g_strdup_printf (_("%s released your lock at %s — this appointment can no "
                                     "longer be saved; close and open it again"),
                                   loss->by_name, at)
                : g_strdup_printf (_("Your time to edit ran out at %s — this appointment can no "
                                     "longer be saved; close and open it again"), at);
    }
  show_state (self, message);
  gtk_widget_error_bell (GTK_WIDGET (self));
}

/* Saving ----------------------------------------------------------------------------------- */

static void
set_saving (FdAppointmentEditor *self,
            gboolean             saving)
{
  self->saving = saving;
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button),
                            !saving && !self->read_only && !self->in_maintenance);
}

/* Maintenance mode: nothing can be saved now but by administrators; the form says why and
 * keeps what is typed, to save once it ends. */
static void
maintenance_changed_cb (FdAppointmentEditor *self)
{
  FdMaintenance *maintenance = fd_database_get_maintenance (self->database);
  FdSession *session = fd_database_get_session (self->database);
  gboolean was = self->in_maintenance;
  g_autofree char *description = NULL;

  self->in_maintenance = maintenance != NULL && fd_maintenance_get_active (maintenance) &&
                         session != NULL && !fd_session_get_is_admin (session);
  set_saving (self, self->saving);
  set_editable (self, !self->read_only && !self->in_maintenance);
  if (self->in_maintenance)
    {
      description = fd_maintenance_dup_read_only_reason (maintenance);
      put_state (self, description);
    }
  else if (was)
    put_state (self, self->kept_state);
}

static void
close_saved (FdAppointmentEditor *self)
{
  self->may_close = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

/* After a conflict their values go into the form, so the person sees them and decides
 * again; every other field keeps what was typed. */
static void
show_theirs (FdAppointmentEditor *self,
             GPtrArray           *conflicts)
{
  g_autoptr(GString) fields = g_string_new (NULL);
  g_autofree char *typed_start = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->start_row)));
  g_autofree char *message = NULL;
  gboolean start_taken = FALSE;

  for (guint i = 0; i < conflicts->len; i++)
    {
      FdConflict *conflict = g_ptr_array_index (conflicts, i);

      fd_record_resolve_conflict (self->record, conflict, FALSE);
      g_string_append_printf (fields, "%s%s", i > 0 ? ", " : "",
                              column_title (self, conflict->column));
      if (g_str_equal (conflict->column, "starts_at"))
        {
          self->start_minute = fd_appointment_minute_of_day (
            fd_database_get_cache (self->database), fd_record_get (self->record, "starts_at"),
            self->start_minute);
          start_taken = TRUE;
        }
    }
  fill_form (self, fd_record_get (self->record, "provider_id"),
             fd_record_get (self->record, "operatory_id"), fd_record_get (self->record, "status"),
             fd_record_get (self->record, "confirmation_id"), fd_record_get (self->record, "note"),
             atoi (fd_record_get (self->record, "length_minutes")));
  if (!start_taken)
    gtk_editable_set_text (GTK_EDITABLE (self->start_row), typed_start);

  /* Translators: %s lists fields, for example "Provider, Note" */
  message = g_strdup_printf (_("Not saved: someone saved %s meanwhile. The form shows their "
                               "values now; change them again if you need to."), fields->str);
  show_state (self, message);
}

static void save_clicked_cb (FdAppointmentEditor *self);

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

  outcome = fd_record_save_finish (FD_RECORD (object), result, &conflicts, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_saving (self, FALSE);

  switch (outcome)
    {
    case FD_SAVE_SAVED:
      close_saved (self);
      return;

    case FD_SAVE_CONFLICT:
      show_theirs (self, conflicts);
      return;

    case FD_SAVE_REFUSED:
    case FD_SAVE_FAILED:
    default:
      if (g_str_equal (fd_db_error_get_sqlstate (error), "FD012"))
        set_read_only (self);
      /* Translators: %s is the server's explanation */
      message = g_strdup_printf (_("Not saved: %s"), error->message);
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
  set_saving (self, FALSE);
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
  set_saving (self, TRUE);
  fd_record_insert_async (fd_database_get_connection (self->database), "appointments",
                          columns->len, (const char * const *) columns->pdata,
                          (const char * const *) texts->pdata, self->cancellable, inserted_cb,
                          self);
}

static void
save_clicked_cb (FdAppointmentEditor *self)
{
  g_autoptr(GHashTable) values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *problem = NULL;
  GHashTableIter iter;
  gpointer column;
  gpointer value;

  if (self->read_only || self->saving || self->in_maintenance)
    return;
  if (!read_form (self, values, &problem))
    {
      show_state (self, problem);
      return;
    }
  if (self->record == NULL)
    {
      book (self, values);
      return;
    }

  g_hash_table_iter_init (&iter, values);
  while (g_hash_table_iter_next (&iter, &column, &value))
    fd_record_set (self->record, column, ((char *) value)[0] != '\0' ? value : NULL, -1, NULL);
  if (!fd_record_is_dirty (self->record))
    {
      close_saved (self);
      return;
    }
  set_saving (self, TRUE);
  fd_record_save_async (self->record, fd_database_get_connection (self->database),
                        self->cancellable, saved_cb, self);
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
  for (guint i = 0; i < MIN (g_list_model_get_n_items (found), 8); i++)
    {
      g_autoptr(FdClientSummary) summary = g_list_model_get_item (found, i);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     fd_client_summary_get_name (summary));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), fd_client_summary_get_details (summary));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "fd-summary", g_object_ref (summary),
                              g_object_unref);
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
  FdClientSummary *summary = g_object_get_data (G_OBJECT (row), "fd-summary");

  fd_appointment_editor_pick_client (self, fd_client_summary_get_id (summary),
                                     fd_client_summary_get_name (summary));
}

/* GObject and building ------------------------------------------------------------------- */

/* Lets the appointment go, once: its lock (the server only ever removes this session's own)
 * and the viewer's place. */
static void
let_go (FdAppointmentEditor *self)
{
  g_cancellable_cancel (self->cancellable);
  if (self->let_go || self->record == NULL || self->database == NULL)
    return;
  self->let_go = TRUE;
  fd_lock_manager_release (get_locks (self), LOCK_KIND, fd_record_get_id (self->record));
  fd_lock_manager_leave_viewer (get_locks (self), LOCK_KIND, fd_record_get_id (self->record));
}

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
  gboolean booking = self->record == NULL;
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

  if (!self->may_close && has_unsaved_input (self))
    {
      if (!self->saving)
        ask_before_leaving (self);
      return TRUE;
    }
  let_go (self);
  return FALSE;
}

static void
fd_appointment_editor_dispose (GObject *object)
{
  FdAppointmentEditor *self = FD_APPOINTMENT_EDITOR (object);

  /* Destroyed without closing (the application quits, the person signs out). */
  let_go (self);
  g_clear_object (&self->record);
  g_clear_object (&self->database);

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
  g_free (self->kept_state);
  g_ptr_array_unref (self->provider_ids);
  g_ptr_array_unref (self->operatory_ids);
  g_ptr_array_unref (self->confirmation_ids);

  G_OBJECT_CLASS (fd_appointment_editor_parent_class)->finalize (object);
}

static void
fd_appointment_editor_class_init (FdAppointmentEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fd_appointment_editor_dispose;
  object_class->finalize = fd_appointment_editor_finalize;

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static GtkWidget *
entry_row_new (const char *title)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  /* Enter in a field saves, as in any dialog. */
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (row), TRUE);
  return row;
}

/* Built in code: the rows' choices come from the cache anyway. */
static void
fd_appointment_editor_init (FdAppointmentEditor *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *client_group = adw_preferences_group_new ();
  GtkWidget *group = adw_preferences_group_new ();
  g_autoptr(GtkStringList) status_names = gtk_string_list_new (NULL);

  self->cancellable = g_cancellable_new ();
  self->provider_ids = g_ptr_array_new_with_free_func (g_free);
  self->operatory_ids = g_ptr_array_new_with_free_func (g_free);
  self->confirmation_ids = g_ptr_array_new_with_free_func (g_free);

  gtk_window_set_default_size (GTK_WINDOW (self), 560, 640);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  self->save_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Save")));
  gtk_widget_add_css_class (GTK_WIDGET (self->save_button), "suggested-action");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), GTK_WIDGET (self->save_button));
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (gtk_window_close), self);
  g_signal_connect_swapped (self->save_button, "clicked", G_CALLBACK (save_clicked_cb), self);

  self->state_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->state_label, TRUE);
  gtk_label_set_xalign (self->state_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->state_label), "state-line");
  gtk_widget_set_visible (GTK_WIDGET (self->state_label), FALSE);

  self->client_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->client_row), _("Client"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (client_group), GTK_WIDGET (self->client_row));
  self->client_search = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  g_object_set (self->client_search, "placeholder-text", _("Find the client: name or phone"),
                NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->client_search), FALSE);
  g_signal_connect_swapped (self->client_search, "search-changed",
                            G_CALLBACK (client_search_changed_cb), self);
  self->client_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_widget_add_css_class (GTK_WIDGET (self->client_list), "boxed-list");
  gtk_widget_set_visible (GTK_WIDGET (self->client_list), FALSE);
  g_signal_connect_swapped (self->client_list, "row-activated",
                            G_CALLBACK (client_activated_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (client_group),
                             GTK_WIDGET (self->client_search));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (client_group), GTK_WIDGET (self->client_list));

  self->start_row = ADW_ENTRY_ROW (entry_row_new (_("Starts at (HH:MM)")));
  self->length_row = ADW_ENTRY_ROW (entry_row_new (_("Length in minutes")));
  self->provider_row = ADW_COMBO_ROW (fd_choices_row_new (_("Provider")));
  self->operatory_row = ADW_COMBO_ROW (fd_choices_row_new (_("Operatory")));
  self->status_row = ADW_COMBO_ROW (fd_choices_row_new (_("Status")));
  self->confirmation_row = ADW_COMBO_ROW (fd_choices_row_new (_("Confirmation")));
  self->note_row = ADW_ENTRY_ROW (entry_row_new (_("Note")));
  gtk_string_list_append (status_names, _("Scheduled"));
  gtk_string_list_append (status_names, _("Complete"));
  gtk_string_list_append (status_names, _("Broken"));
  adw_combo_row_set_model (self->status_row, G_LIST_MODEL (status_names));

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->start_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->length_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->provider_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->operatory_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->status_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->confirmation_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->note_row));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (client_group));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  gtk_widget_set_vexpand (page, TRUE);

  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->state_label));
  gtk_box_append (GTK_BOX (box), page);
  adw_window_set_content (ADW_WINDOW (self), box);
  /* Enter saves; set once the button is inside the window. */
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->save_button));

  g_signal_connect (self, "close-request", G_CALLBACK (close_request_cb), NULL);
}

static FdAppointmentEditor *
editor_new (GtkWindow  *parent,
            FdDatabase *database,
            const char *day)
{
  FdAppointmentEditor *self = g_object_new (FD_TYPE_APPOINTMENT_EDITOR,
                                            "transient-for", parent, NULL);

  self->database = g_object_ref (database);
  self->day = g_strdup (day);
  g_signal_connect_object (get_locks (self), "lock-lost", G_CALLBACK (lock_lost_cb), self,
                           G_CONNECT_SWAPPED);
  if (fd_database_get_maintenance (database) != NULL)
    {
      g_signal_connect_object (fd_database_get_maintenance (database), "notify",
                               G_CALLBACK (maintenance_changed_cb), self, G_CONNECT_SWAPPED);
      maintenance_changed_cb (self);
    }
  return self;
}

/* Opening an existing appointment ------------------------------------------------------- */

typedef struct
{
  GtkWindow     *parent;
  FdDatabase    *database;
  FdAppointment *appointment;
  char          *day;
  FdRecord      *record;
  gint64         holder;        /* whom the prompt warned about */
} Opening;

#define OPENING_KEY "fd-appointment-opening"

static void
opening_free (Opening *opening)
{
  if (opening->parent != NULL &&
      g_object_get_data (G_OBJECT (opening->parent), OPENING_KEY) == opening)
    g_object_set_data (G_OBJECT (opening->parent), OPENING_KEY, NULL);
  g_clear_object (&opening->parent);
  g_clear_object (&opening->database);
  g_clear_object (&opening->appointment);
  g_clear_object (&opening->record);
  g_free (opening->day);
  g_free (opening);
}

/* Try Again after an open that met someone else's unfinished change: the same request. */
static void
open_again_cb (Opening *opening)
{
  fd_appointment_editor_open (opening->parent, opening->database, opening->appointment,
                              opening->day);
}

static Opening *
opening_copy (const Opening *opening)
{
  Opening *copy = g_new0 (Opening, 1);

  copy->parent = g_object_ref (opening->parent);
  copy->database = g_object_ref (opening->database);
  copy->appointment = g_object_ref (opening->appointment);
  copy->day = g_strdup (opening->day);
  return copy;
}

/* Opening failed or was given up: say why (unless the person chose to stop), and free. */
static void
opening_fail (Opening    *opening,
              const char *heading,
              GError     *error)
{
  if (error != NULL && opening->parent != NULL &&
      gtk_widget_get_visible (GTK_WIDGET (opening->parent)) && fd_busy_dialog_is_busy (error))
    {
      /* Freed first: the retry must not find this opening still under way. */
      Opening *again = opening_copy (opening);

      opening_free (opening);
      fd_busy_dialog_present_full (GTK_WIDGET (again->parent), error, G_CALLBACK (open_again_cb),
                                   again, (GDestroyNotify) opening_free);
      return;
    }
  if (error != NULL && opening->parent != NULL &&
      gtk_widget_get_visible (GTK_WIDGET (opening->parent)))
    {
      GtkWidget *dialog = adw_message_dialog_new (opening->parent, heading, error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }
  opening_free (opening);
}

static void
record_loaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Opening *opening = user_data;
  FdAppointmentEditor *self;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  if (!fd_record_load_finish (opening->record, result, &error) ||
      (opening->parent != NULL && !gtk_widget_get_visible (GTK_WIDGET (opening->parent))))
    {
      /* The lock is already ours: give it back. */
      fd_lock_manager_release (fd_database_get_lock_manager (opening->database), LOCK_KIND,
                               fd_appointment_get_id (opening->appointment));
      opening_fail (opening, _("Cannot Open the Appointment"), error);
      return;
    }

  self = editor_new (opening->parent, opening->database, opening->day);
  self->record = g_object_ref (opening->record);
  self->start_minute = fd_appointment_get_start_minute (opening->appointment);
  adw_action_row_set_subtitle (self->client_row,
                               fd_appointment_get_client_name (opening->appointment));
  fill_form (self, fd_record_get (self->record, "provider_id"),
             fd_record_get (self->record, "operatory_id"), fd_record_get (self->record, "status"),
             fd_record_get (self->record, "confirmation_id"), fd_record_get (self->record, "note"),
             atoi (fd_record_get (self->record, "length_minutes")));
  /* Translators: %s is a client's name */
  title = g_strdup_printf (_("Appointment of %s"),
                           fd_appointment_get_client_name (opening->appointment));
  gtk_window_set_title (GTK_WINDOW (self), title);
  remember_pristine (self);
  fd_lock_manager_enter_viewer (get_locks (self), LOCK_KIND, fd_record_get_id (self->record));
  gtk_window_present (GTK_WINDOW (self));
  opening_free (opening);
}

static void
load_for_editing (Opening *opening)
{
  opening->record = fd_record_new ("appointments", fd_appointment_get_id (opening->appointment));
  fd_record_load_async (opening->record, fd_database_get_connection (opening->database), NULL,
                        record_loaded_cb, opening);
}

static void
overridden_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Opening *opening = user_data;
  g_autoptr(GError) error = NULL;

  if (!fd_lock_manager_override_finish (FD_LOCK_MANAGER (object), result, &error))
    {
      opening_fail (opening, _("Cannot Take Over the Appointment"), error);
      return;
    }
  load_for_editing (opening);
}

static void
prompt_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Opening *opening = user_data;

  if (!fd_lock_prompt_finish (result, NULL))
    {
      opening_free (opening);
      return;
    }
  fd_lock_manager_override_async (fd_database_get_lock_manager (opening->database),
                                  LOCK_KIND, fd_appointment_get_id (opening->appointment),
                                  opening->holder, NULL, overridden_cb, opening);
}

static void
acquired_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Opening *opening = user_data;
  g_autoptr(FdLockHolder) holder = NULL;
  g_autoptr(GError) error = NULL;

  if (!fd_lock_manager_acquire_finish (FD_LOCK_MANAGER (object), result, &holder, &error))
    {
      opening_fail (opening, _("Cannot Open the Appointment"), error);
      return;
    }
  if (holder == NULL)
    {
      load_for_editing (opening);
      return;
    }

  opening->holder = holder->session_id;
  fd_lock_prompt_async (opening->parent, holder, _("Appointment in Use"), NULL, prompt_cb,
                        opening);
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
  GListModel *toplevels = gtk_window_get_toplevels ();
  Opening *opening;

  /* Already open here: show that window rather than a second editor under the same lock. */
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);
      FdAppointmentEditor *editor = FD_IS_APPOINTMENT_EDITOR (window)
                                    ? FD_APPOINTMENT_EDITOR (window) : NULL;

      if (editor != NULL && editor->database == database && editor->record != NULL &&
          !editor->let_go &&
          g_str_equal (fd_record_get_id (editor->record), fd_appointment_get_id (appointment)))
        {
          gtk_window_present (window);
          return;
        }
    }
  /* A double-click while the last one is still opening is the same request. */
  if (parent != NULL && g_object_get_data (G_OBJECT (parent), OPENING_KEY) != NULL)
    return;

  opening = g_new0 (Opening, 1);
  opening->parent = parent != NULL ? g_object_ref (parent) : NULL;
  if (parent != NULL)
    g_object_set_data (G_OBJECT (parent), OPENING_KEY, opening);
  opening->database = g_object_ref (database);
  opening->appointment = g_object_ref (appointment);
  opening->day = g_strdup (day);
  fd_lock_manager_acquire_async (fd_database_get_lock_manager (database), LOCK_KIND,
                                 fd_appointment_get_id (appointment), NULL, acquired_cb, opening);
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
  FdAppointmentEditor *self = editor_new (parent, database, day);
  FdCache *cache = fd_database_get_cache (database);
  g_autoptr(FdCacheRow) provider = g_list_model_get_item (fd_cache_get_table (cache, "providers"),
                                                          0);
  g_autoptr(FdCacheRow) schedule = NULL;
  GListModel *schedules = fd_cache_get_table (cache, "provider_schedules");

  /* The provider who works in that operatory, when the schedules say so. */
  for (guint i = 0; i < g_list_model_get_n_items (schedules) && schedule == NULL; i++)
    {
      g_autoptr(FdCacheRow) row = g_list_model_get_item (schedules, i);

      if (g_strcmp0 (fd_cache_row_get (row, "operatory_id"), operatory_id) == 0)
        schedule = g_steal_pointer (&row);
    }

  self->start_minute = minute;
  fill_form (self, schedule != NULL ? fd_cache_row_get (schedule, "provider_id")
                                    : provider != NULL ? fd_cache_row_get_id (provider) : NULL,
             operatory_id, "scheduled", NULL, NULL, 30);
  remember_pristine (self);
  adw_action_row_set_subtitle (self->client_row, _("Not picked yet"));
  gtk_widget_set_visible (GTK_WIDGET (self->client_search), TRUE);
  gtk_window_set_title (GTK_WINDOW (self), _("New Appointment"));
  gtk_button_set_label (self->save_button, _("_Book"));
  gtk_button_set_use_underline (self->save_button, TRUE);
  gtk_window_present (GTK_WINDOW (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->client_search));
  return self;
}

/* Types into a field, as a person would: start, length or note. */
void
fd_appointment_editor_set_field (FdAppointmentEditor *self,
                                 const char          *field,
                                 const char          *value)
{
  g_return_if_fail (FD_IS_APPOINTMENT_EDITOR (self));

  if (g_str_equal (field, "start"))
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

  return self->read_only;
}
