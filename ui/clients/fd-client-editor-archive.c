/* fd-client-editor-archive.c: Client Details' Archive… and Unarchive: a client is never
 * deleted. Archiving is confirmed in a dialog that names the client's appointments still
 * to come, and is a save of the record's status through the edit session, so the server
 * audits it and applies its rule (a client who pays for others stays, FD042).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>
#include <stdio.h>

#include "fd-appointment.h"
#include "fd-client-editor-private.h"
#include "fd-format.h"

/* How many future appointments the dialog names before it counts the rest. */
#define NAMED_APPOINTMENTS 5

static void archive_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter);

/* Archive… from the client list's menu, once the record it opened is here: the button's
 * own confirmation and save, or, when the record cannot be archived now, why. */
static void
ask_wanted_archive (FdClientEditor *self,
                    FdEditState     state)
{
  FdRecord *record = fd_edit_session_get_record (self->session);

  if (self->archive_wanted == NULL ||
      g_strcmp0 (fd_edit_session_get_id (self->session), self->archive_wanted) != 0 ||
      (state == FD_EDIT_STATE_EDITING && (record == NULL || !fd_record_is_loaded (record))) ||
      state == FD_EDIT_STATE_LOADING || state == FD_EDIT_STATE_HELD_ELSEWHERE ||
      state == FD_EDIT_STATE_SAVING)
    return;

  g_clear_pointer (&self->archive_wanted, g_free);
  if (fd_edit_session_get_dirty (self->session))
    fd_client_editor_show_message (self, _("Save or discard the changes first, then archive."),
                                   TRUE, FALSE);
  else if (state == FD_EDIT_STATE_EDITING || state == FD_EDIT_STATE_DISPLACED)
    archive_action (GTK_WIDGET (self), "editor.archive", NULL);
  /* Otherwise it opened read-only or not at all, and the state line says why. */
}

gboolean
fd_client_editor_is_archived (FdClientEditor *self)
{
  FdRecord *record = self->session != NULL ? fd_edit_session_get_record (self->session) : NULL;

  return record != NULL && fd_record_is_loaded (record) &&
         g_strcmp0 (fd_record_get_original (record, "status"), "archived") == 0;
}

void
fd_client_editor_update_archive (FdClientEditor *self)
{
  gboolean archived = fd_client_editor_is_archived (self);
  FdEditState state;

  if (self->session == NULL)
    {
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.archive", FALSE);
      return;
    }
  state = fd_edit_session_get_state (self->session);

  gtk_button_set_label (self->archive_button, archived ? _("_Unarchive") : _("_Archive…"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->archive_button),
                               archived ? _("Bring the client back into the search")
                                        : _("Keep the client but leave them out of the search"));
  gtk_widget_set_visible (GTK_WIDGET (self->archived_label), archived);
  /* Archiving saves the record alone: with edits open, those are saved or reverted first. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.archive",
                                 !fd_edit_session_get_dirty (self->session) &&
                                 (state == FD_EDIT_STATE_EDITING ||
                                  state == FD_EDIT_STATE_DISPLACED));
  ask_wanted_archive (self, state);
}

/* Saving the status --------------------------------------------------------------------- */

static void
status_saved_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(FdClientEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;
  FdRecord *record;
  FdSaveOutcome outcome;
  gboolean archived;

  outcome = fd_edit_session_save_finish (FD_EDIT_SESSION (object), result, NULL, NULL, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  name = fd_client_editor_dup_name (self);
  record = fd_edit_session_get_record (self->session);
  archived = fd_client_editor_is_archived (self);
  if (outcome == FD_SAVE_SAVED)
    {
      /* Translators: %s is a client's name */
      text = g_strdup_printf (archived ? _("Archived %s") : _("Unarchived %s"), name);
      gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", text);
      fd_client_editor_hide_message (self);
    }
  else
    {
      /* Nothing else was changed: the status goes back to what is stored. */
      if (record != NULL)
        fd_record_revert (record);
      /* Translators: %s says why, in the server's words */
      text = g_strdup_printf (archived ? _("Not unarchived: %s") : _("Not archived: %s"),
                              error != NULL ? error->message
                                            : _("someone saved the record meanwhile; try again."));
      fd_client_editor_show_message (self, text, TRUE, FALSE);
    }
  fd_client_editor_fill_rows (self);
  fd_client_editor_update_actions (self);
}

static void
save_status (FdClientEditor *self,
             const char     *status)
{
  FdRecord *record = fd_edit_session_get_record (self->session);
  g_autoptr(GError) error = NULL;

  if (record == NULL || !fd_record_set (record, "status", status, -1, &error))
    {
      fd_client_editor_show_message (self, error != NULL ? error->message : "", TRUE, FALSE);
      return;
    }
  fd_edit_session_save_async (self->session, NULL, status_saved_cb, g_object_ref (self));
}

/* The confirmation ---------------------------------------------------------------------- */

static void
archive_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     FdClientEditor   *self)
{
  if (g_str_equal (response, "archive") && !fd_client_editor_is_archived (self))
    save_status (self, "archived");
}

/* "Tuesday, 5 January 2027 at 10:30" for an appointment's day (YYYY-MM-DD) and start. */
static char *
describe_appointment (FdAppointment *appointment)
{
  int year, month, day;
  g_autoptr(GDateTime) date = NULL;
  g_autofree char *on = NULL;
  g_autofree char *at = NULL;

  if (sscanf (fd_appointment_get_day (appointment), "%d-%d-%d", &year, &month, &day) != 3 ||
      (date = g_date_time_new_local (year, month, day, 0, 0, 0)) == NULL)
    return g_strdup (fd_appointment_get_day (appointment));
  on = fd_format_date_long (date);
  at = fd_format_minutes (fd_appointment_get_start_minute (appointment));
  /* Translators: an appointment's date and time of day */
  return g_strdup_printf (_("%s at %s"), on, at);
}

static char *
describe_future (GListModel *appointments)
{
  g_autoptr(GString) named = g_string_new (NULL);
  guint n_future = 0;

  for (guint i = 0; appointments != NULL && i < g_list_model_get_n_items (appointments); i++)
    {
      g_autoptr(FdAppointment) appointment = g_list_model_get_item (appointments, i);

      if (!fd_appointment_is_upcoming (appointment) ||
          g_strcmp0 (fd_appointment_get_status (appointment), "scheduled") != 0 ||
          fd_appointment_is_cancelled (appointment))
        continue;
      if (++n_future <= NAMED_APPOINTMENTS)
        {
          g_autofree char *line = describe_appointment (appointment);

          g_string_append_printf (named, "\n• %s", line);
        }
    }
  if (n_future == 0)
    return g_strdup (_("They have no appointments to come."));
  if (n_future > NAMED_APPOINTMENTS)
    {
      g_string_append (named, "\n• ");
      g_string_append_printf (named, ngettext ("and %u more", "and %u more",
                                               n_future - NAMED_APPOINTMENTS),
                              n_future - NAMED_APPOINTMENTS);
    }
  return g_strdup_printf (ngettext ("Their %u appointment to come stays in the book; cancel "
                                    "it there if it should go:%s",
                                    "Their %u appointments to come stay in the book; cancel "
                                    "them there if they should go:%s", n_future),
                          n_future, named->str);
}

static void
future_loaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(FdClientEditor) self = user_data;
  g_autoptr(GListModel) appointments = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *future = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  appointments = fd_appointment_load_client_finish (FD_CONNECTION (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (appointments == NULL)
    {
      fd_client_editor_show_message (self, error->message, TRUE, FALSE);
      return;
    }

  name = fd_client_editor_dup_name (self);
  /* Translators: %s is a client's name */
  heading = g_strdup_printf (_("Archive %s?"), name);
  future = describe_future (appointments);
  body = g_strdup_printf (_("An archived client is kept with their history but left out of "
                            "the search unless “Include archived” is on; Unarchive brings "
                            "them back. %s"), future);
  dialog = fd_client_editor_new_dialog (self, heading, body);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "archive", _("_Archive"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "archive", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  gtk_widget_add_css_class (GTK_WIDGET (dialog), "archive-dialog");
  g_signal_connect_object (dialog, "response", G_CALLBACK (archive_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
archive_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  FdClientEditor *self = FD_CLIENT_EDITOR (widget);
  FdConnection *connection = fd_database_get_connection (self->database);

  if (fd_client_editor_is_archived (self))
    {
      save_status (self, "active");
      return;
    }
  if (connection == NULL)
    return;
  fd_appointment_load_client_async (connection, fd_edit_session_get_id (self->session),
                                    self->cancellable, future_loaded_cb, g_object_ref (self));
}

void
fd_client_editor_class_add_archive_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "editor.archive", NULL, archive_action);
}

/**
 * fd_client_editor_archive_when_open:
 * @client_id: the client just opened here (fd_client_editor_open())
 *
 * Once @client_id is held here, asks to archive it (or unarchives it) as the Archive…
 * button does; nothing happens if another record is opened first.
 */
void
fd_client_editor_archive_when_open (FdClientEditor *self,
                                    const char     *client_id)
{
  g_return_if_fail (FD_IS_CLIENT_EDITOR (self));

  g_free (self->archive_wanted);
  self->archive_wanted = g_strdup (client_id);
  if (self->session != NULL)
    ask_wanted_archive (self, fd_edit_session_get_state (self->session));
}
