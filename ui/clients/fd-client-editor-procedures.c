/* fd-client-editor-procedures.c: Client Details' procedures: listed with their notes (every
 * version in History), added at the desk, a planned one completed, a note written, each edit
 * of it a new version. Another desk's procedure or note shows here as soon as it is saved.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "fd-cache-row.h"
#include "fd-client-directory.h"
#include "fd-client-editor-private.h"
#include "fd-format.h"
#include "fd-procedure.h"
#include "fd-procedure-dialog.h"
#include "fd-signals.h"

static const FdProcedureEntry *
find_entry (FdClientEditor *self,
            const char     *procedure_id)
{
  for (guint i = 0; self->procedures != NULL && i < self->procedures->len; i++)
    {
      const FdProcedureEntry *entry = g_ptr_array_index (self->procedures, i);

      if (g_str_equal (entry->procedure_id, procedure_id))
        return entry;
    }
  return NULL;
}

static GtkWidget *
row_button_new (const char             *label,
                const char             *accessible_name,
                const char             *action,
                const FdProcedureEntry *entry)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_name, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", entry->procedure_id);
  return button;
}

static const char *
describe_procedure_status (const char *status)
{
  if (g_strcmp0 (status, "planned") == 0)
    return _("Planned");
  if (g_strcmp0 (status, "complete") == 0)
    return _("Complete");
  return status;
}

/* The practice's currency, from the cache. */
static char *
dup_currency (FdClientEditor *self)
{
  FdCache *cache = self->database != NULL ? fd_database_get_cache (self->database) : NULL;
  g_autoptr(FdCacheRow) practice = NULL;

  if (cache == NULL)
    return NULL;
  practice = g_list_model_get_item (fd_cache_get_table (cache, "practice"), 0);
  return practice != NULL ? g_strdup (fd_cache_row_get (practice, "currency")) : NULL;
}

static GtkWidget *
procedure_row_new (const FdProcedureEntry *entry,
                   const char             *currency,
                   gboolean                history)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *performed = fd_format_iso_day (entry->performed_on);
  g_autofree char *fee = fd_format_amount (entry->fee, currency);
  g_autofree char *title = g_strdup_printf ("%s · %s %s · %s · %s · %s", performed,
                                            entry->code, entry->description, entry->provider,
                                            describe_procedure_status (entry->status), fee);
  g_autofree char *subtitle = NULL;
  g_autofree char *written = NULL;

  if (entry->note_version > 0)
    {
      written = entry->note_written_at != NULL
                ? fd_format_date_time (entry->note_written_at) : g_strdup ("");
      /* Translators: note version, its author, when it was written, and the note itself */
      subtitle = history ? g_strdup_printf (_("Version %d by %s, %s: %s"), entry->note_version,
                                            entry->note_author, written, entry->note)
                         : g_strdup (entry->note);
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  if (!history)
    {
      g_autofree char *note_name = NULL;

      if (g_strcmp0 (entry->status, "planned") == 0)
        {
          /* Translators: %s is a procedure code, as "Complete D1110" */
          g_autofree char *name = g_strdup_printf (_("Complete %s"), entry->code);

          adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                     row_button_new (_("_Complete"), name,
                                                     "editor.complete-procedure", entry));
        }
      /* Translators: %s is a procedure code */
      note_name = g_strdup_printf (entry->note_version > 0 ? _("Edit the note on %s")
                                                           : _("Write a note on %s"),
                                   entry->code);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 row_button_new (entry->note_version > 0 ? _("_Edit Note…")
                                                                         : _("_Write Note…"),
                                                 note_name, "editor.write-note", entry));
    }
  return row;
}

static void
procedures_loaded_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  FdClientEditor *self = user_data;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *currency = NULL;
  GtkWidget *child;
  gboolean history;

  entries = fd_client_directory_procedures_finish (FD_CONNECTION (object), result, &error);
  if (entries == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_message ("Cannot load the procedures: %s", error->message);
      return;
    }

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->procedures_list))) != NULL)
    gtk_list_box_remove (self->procedures_list, child);

  history = gtk_toggle_button_get_active (self->history_button);
  currency = dup_currency (self);
  for (guint i = 0; i < entries->len; i++)
    gtk_list_box_append (self->procedures_list,
                         procedure_row_new (g_ptr_array_index (entries, i), currency, history));

  if (entries->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No procedures yet"));
      gtk_list_box_append (self->procedures_list, row);
    }
  g_clear_pointer (&self->procedures, g_ptr_array_unref);
  self->procedures = g_steal_pointer (&entries);
}

void
fd_client_editor_load_procedures (FdClientEditor *self)
{
  const char *id = self->session != NULL ? fd_edit_session_get_id (self->session) : NULL;

  if (id == NULL)
    return;
  g_cancellable_cancel (self->procedures_cancellable);
  g_clear_object (&self->procedures_cancellable);
  self->procedures_cancellable = g_cancellable_new ();
  fd_client_directory_procedures_async (fd_database_get_connection (self->database), id,
                                        gtk_toggle_button_get_active (self->history_button),
                                        self->procedures_cancellable, procedures_loaded_cb,
                                        self);
}

static void
toast (FdClientEditor *self,
       const char     *message)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", message);
}

/* Adding ---------------------------------------------------------------------------------- */

static void
procedure_added_cb (FdClientEditor *self,
                    const char     *what)
{
  g_autofree char *message = g_strdup_printf (_("Added %s"), what);

  toast (self, message);
  fd_client_editor_load_procedures (self);
}

static void
add_procedure_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  FdClientEditor *self = FD_CLIENT_EDITOR (widget);
  FdAccount *account = fd_edit_session_get_account (self->session);
  FdRecord *record = account != NULL && fd_account_get_loaded (account)
                     ? fd_account_get_record (account) : NULL;
  FdProcedureDialog *dialog;

  if (fd_edit_session_get_id (self->session) == NULL)
    return;
  dialog = fd_procedure_dialog_new (fd_client_editor_get_window (self), self->database,
                                    fd_edit_session_get_id (self->session),
                                    record != NULL ? fd_record_get (record, "fee_schedule_id")
                                                   : NULL);
  g_signal_connect_object (dialog, "added", G_CALLBACK (procedure_added_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Completing ------------------------------------------------------------------------------ */

static void
completed_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(FdClientEditor) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!fd_procedure_complete_finish (result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        fd_client_editor_show_message (self, error->message, TRUE, FALSE);
      return;
    }
  toast (self, _("Procedure completed"));
  fd_client_editor_load_procedures (self);
}

static void
complete_procedure_activated (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  FdClientEditor *self = FD_CLIENT_EDITOR (widget);

  fd_procedure_complete_async (fd_database_get_connection (self->database),
                               g_variant_get_string (parameter, NULL), self->cancellable,
                               completed_cb, g_object_ref (self));
}

/* Notes ----------------------------------------------------------------------------------- */

typedef struct
{
  FdClientEditor *editor;
  char           *procedure_id;
  GtkTextBuffer  *buffer;
} NoteEdit;

static void
note_edit_free (NoteEdit *edit)
{
  g_object_unref (edit->editor);
  g_free (edit->procedure_id);
  g_object_unref (edit->buffer);
  g_free (edit);
}

static void open_note_dialog (FdClientEditor *self,
                              const char     *procedure_id,
                              const char     *text,
                              const char     *problem);

static char *
dup_buffer_text (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
note_saved_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  NoteEdit *edit = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  int version;

  version = fd_procedure_add_note_finish (FD_CONNECTION (object), result, &error);
  if (version == 0)
    {
      g_autofree char *text = dup_buffer_text (edit->buffer);

      /* Nothing typed is lost: the note comes back with what went wrong. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        open_note_dialog (edit->editor, edit->procedure_id, text, error->message);
      note_edit_free (edit);
      return;
    }
  /* Translators: %d is the note's version number */
  message = g_strdup_printf (_("Note saved as version %d"), version);
  toast (edit->editor, message);
  fd_client_editor_load_procedures (edit->editor);
  note_edit_free (edit);
}

static void
note_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  NoteEdit         *edit)
{
  g_autofree char *text = NULL;

  if (!g_str_equal (response, "save"))
    {
      note_edit_free (edit);
      return;
    }
  text = dup_buffer_text (edit->buffer);
  fd_procedure_add_note_async (fd_database_get_connection (edit->editor->database),
                               edit->procedure_id, text, edit->editor->cancellable,
                               note_saved_cb, edit);
}

typedef struct
{
  AdwMessageDialog *dialog;
  char             *original;
} NoteCheck;

static void
note_check_free (gpointer data)
{
  NoteCheck *check = data;

  g_free (check->original);
  g_free (check);
}

/* Save is offered once the note holds something new. */
static void
note_changed_cb (GtkTextBuffer *buffer,
                 NoteCheck     *check)
{
  g_autofree char *text = dup_buffer_text (buffer);
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  adw_message_dialog_set_response_enabled (check->dialog, "save",
                                           stripped[0] != '\0' &&
                                           g_strcmp0 (text, check->original) != 0);
}

static void
open_note_dialog (FdClientEditor *self,
                  const char     *procedure_id,
                  const char     *text,
                  const char     *problem)
{
  const FdProcedureEntry *entry = find_entry (self, procedure_id);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *view = gtk_text_view_new ();
  NoteEdit *edit = g_new0 (NoteEdit, 1);
  NoteCheck *check = g_new0 (NoteCheck, 1);

  /* Translators: a procedure's code and description */
  heading = entry != NULL ? g_strdup_printf (_("Note on %s %s"), entry->code, entry->description)
                          : g_strdup (_("Note on the Procedure"));
  if (problem != NULL)
    /* Translators: %s says why the note was not saved */
    body = g_strdup_printf (_("Not saved: %s"), problem);
  else if (entry != NULL && entry->note_version > 0)
    body = g_strdup (_("Saving adds a new version; the earlier ones stay in History."));
  else
    body = g_strdup (_("The note is kept with the procedure, with who wrote it and when."));
  dialog = fd_client_editor_new_dialog (self, heading, body);
  gtk_widget_add_css_class (GTK_WIDGET (dialog), "note-dialog");
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "save", _("_Save Note"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (dialog, "cancel");

  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 8);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Note"), -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 140);
  gtk_widget_add_css_class (scrolled, "card");
  adw_message_dialog_set_extra_child (dialog, scrolled);

  check->dialog = dialog;
  check->original = g_strdup (entry != NULL && entry->note_version > 0 ? entry->note : "");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)),
                            text != NULL ? text : check->original, -1);
  g_signal_connect_data (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), "changed",
                         G_CALLBACK (note_changed_cb), check, (GClosureNotify) note_check_free,
                         0);
  note_changed_cb (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), check);

  edit->editor = g_object_ref (self);
  edit->procedure_id = g_strdup (procedure_id);
  edit->buffer = g_object_ref (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)));
  g_signal_connect (dialog, "response", G_CALLBACK (note_response_cb), edit);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (view);
}

static void
write_note_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  open_note_dialog (FD_CLIENT_EDITOR (widget), g_variant_get_string (parameter, NULL), NULL,
                    NULL);
}

/* Following the database ------------------------------------------------------------------ */

static void
procedures_changed_cb (FdClientEditor *self)
{
  fd_client_editor_load_procedures (self);
}

void
fd_client_editor_follow_procedures (FdClientEditor *self)
{
  self->procedure_signals = g_signal_group_new (FD_TYPE_SIGNALS);
  g_signal_group_connect_swapped (self->procedure_signals, "changed::procedures",
                                  G_CALLBACK (procedures_changed_cb), self);
  g_signal_group_connect_swapped (self->procedure_signals, "changed::procedure_notes",
                                  G_CALLBACK (procedures_changed_cb), self);
}

void
fd_client_editor_class_add_procedure_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "editor.add-procedure", NULL,
                                   add_procedure_activated);
  gtk_widget_class_install_action (widget_class, "editor.complete-procedure", "s",
                                   complete_procedure_activated);
  gtk_widget_class_install_action (widget_class, "editor.write-note", "s",
                                   write_note_activated);
}
