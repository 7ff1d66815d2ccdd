/* fd-appointment-editor-live.c: the appointment editor follows the database: a field
 * someone else saves shows their value in place with who changed it, a field typed here
 * that they saved is marked with Use Theirs / Keep Mine, and a save that still meets their
 * change asks field by field in the merge dialog.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>
#include <stdlib.h>

#include "fd-appointment-editor-private.h"
#include "fd-field-mark.h"
#include "fd-format.h"
#include "fd-merge-dialog.h"

static const char * const statuses[] = { "scheduled", "complete", "broken", "cancelled" };

static GtkWidget *
row_of_column (FdAppointmentEditor *self,
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
        return rows[i].row;
    }
  return NULL;
}

/* The name a combo row shows for @id. */
static char *
describe_choice (AdwComboRow *combo,
                 GPtrArray   *ids,
                 const char  *id)
{
  GListModel *names = adw_combo_row_get_model (combo);

  for (guint i = 0; i < ids->len && names != NULL; i++)
    {
      if (g_strcmp0 (g_ptr_array_index (ids, i), id) == 0)
        return g_strdup (gtk_string_list_get_string (GTK_STRING_LIST (names), i));
    }
  return g_strdup (id);
}

/* @value of @column as the form shows it: a provider's name for its id, a start as a date
 * and a time; the row's title for @value %NULL. */
static char *
describe (const char *column,
          const char *value,
          gpointer    user_data)
{
  FdAppointmentEditor *self = user_data;
  FdCache *cache = fd_database_get_cache (self->database);
  GtkWidget *row = row_of_column (self, column);

  if (value == NULL)
    return g_strdup (row != NULL ? adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row))
                                 : column);
  if (g_str_equal (column, "provider_id"))
    return describe_choice (self->provider_row, self->provider_ids, value);
  if (g_str_equal (column, "operatory_id"))
    return describe_choice (self->operatory_row, self->operatory_ids, value);
  if (g_str_equal (column, "confirmation_id"))
    return describe_choice (self->confirmation_row, self->confirmation_ids, value);
  if (g_str_equal (column, "status"))
    {
      GListModel *names = adw_combo_row_get_model (self->status_row);

      for (guint i = 0; i < G_N_ELEMENTS (statuses) && names != NULL; i++)
        {
          if (g_str_equal (statuses[i], value))
            return g_strdup (gtk_string_list_get_string (GTK_STRING_LIST (names), i));
        }
    }
  if (g_str_equal (column, "starts_at"))
    {
      g_autofree char *day = fd_appointment_day_of (cache, value);
      g_autofree char *time = fd_format_minutes (fd_appointment_minute_of_day (cache, value, 0));

      /* Translators: a day and a time, as "2026-12-03 09:30" */
      return g_strdup_printf (_("%s %s"), day != NULL ? day : "", time);
    }
  return g_strdup (value);
}

static void
update_mark (FdAppointmentEditor *self,
             const char          *column)
{
  FdFieldMark *mark = g_hash_table_lookup (self->marks, column);
  const FdFieldChange *conflict = fd_edit_session_get_conflict (self->session, column);
  g_autofree char *their_text = NULL;

  if (mark == NULL)
    return;
  if (conflict != NULL && conflict->value != NULL)
    their_text = describe (column, conflict->value, self);
  fd_field_mark_update (mark, self->session, column, their_text);
}

/* Gives each field of an open appointment its mark. */
void
fd_appointment_editor_build_marks (FdAppointmentEditor *self)
{
  const char * const columns[] = { "starts_at", "length_minutes", "provider_id",
                                   "operatory_id", "status", "confirmation_id", "note" };

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      GtkWidget *row = row_of_column (self, columns[i]);
      FdFieldMark *mark = fd_field_mark_attach (
        row, adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));

      fd_field_mark_settle_in (mark, self->session, columns[i]);
      g_hash_table_insert (self->marks, g_strdup (columns[i]), mark);
    }
}

/* Someone else saved it: the fields not typed here show what is stored, and who changed
 * them. A form that cannot be read yet (a half-typed time) is left as it is. */
void
fd_appointment_editor_reloaded (FdAppointmentEditor *self,
                                GStrv                columns)
{
  if (self->form_problem == NULL)
    fd_appointment_editor_fill_from_record (self);
  for (guint i = 0; columns[i] != NULL; i++)
    update_mark (self, columns[i]);
}

/* Someone else saved a field typed here, or that was settled. */
void
fd_appointment_editor_field_conflict (FdAppointmentEditor *self,
                                      const char          *column)
{
  if (self->form_problem == NULL)
    fd_appointment_editor_fill_from_record (self);
  update_mark (self, column);
}

static void
merge_response_cb (FdMergeDialog       *dialog,
                   const char          *response,
                   FdAppointmentEditor *self)
{
  FdRecord *record = fd_edit_session_get_record (self->session);

  /* Cancel: what is typed stays in the form. */
  if (!g_str_equal (response, "save") || record == NULL)
    return;
  fd_merge_dialog_apply (dialog, record);
  fd_appointment_editor_fill_from_record (self);
  fd_appointment_editor_save (self);
}

/* The save met what someone else saved in fields typed here: choose, field by field. */
void
fd_appointment_editor_merge (FdAppointmentEditor *self,
                             GPtrArray           *conflicts)
{
  FdMergeDialog *dialog = fd_merge_dialog_new (GTK_WINDOW (self), conflicts,
                                               self->session, describe, self);

  g_signal_connect_object (dialog, "response", G_CALLBACK (merge_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}
