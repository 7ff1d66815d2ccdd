/* fd-client-editor-fields.c: Client Details' form: the client's fields, checked as they
 * are typed, and who else has the record open.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "fd-client-editor-private.h"
#include "fd-client-fields.h"
#include "fd-field-mark.h"

static FdRecord *
get_record (FdClientEditor *self)
{
  return self->session != NULL ? fd_edit_session_get_record (self->session) : NULL;
}

/* The field a row of the form shows. */
static const FdClientField *
find_field_of_row (FdClientEditor *self,
                   gpointer        row)
{
  guint n_fields;
  const FdClientField *fields = fd_client_fields_get (&n_fields);

  for (guint i = 0; i < n_fields; i++)
    {
      if (g_hash_table_lookup (self->rows, fields[i].column) == row)
        return &fields[i];
    }
  return NULL;
}

/* A column in the words of its row, for messages. */
const char *
fd_client_editor_describe_column (const char *column)
{
  const FdClientField *field = fd_client_fields_find (column);

  return field != NULL ? _(field->label) : g_str_equal (column, "notes") ? _("Notes") : column;
}

static void
mark_field (FdClientEditor *self,
            const char     *column,
            char           *message)
{
  fd_client_fields_mark (self->invalid, g_hash_table_lookup (self->rows, column), column,
                         message);
}

static void
describe_group_errors (FdClientEditor *self,
                       FdClientGroup   group)
{
  AdwPreferencesGroup *groups[] = { self->identity_group, self->contact_group,
                                    self->address_group };

  fd_client_fields_describe (self->invalid, groups[group], group);
}

static void
row_changed_cb (FdClientEditor *self,
                GtkEditable    *row)
{
  const FdClientField *field = find_field_of_row (self, row);
  const char *text = fd_client_field_get_row_value (GTK_WIDGET (row));
  FdRecord *record = get_record (self);
  g_autoptr(GError) error = NULL;

  if (self->filling || record == NULL || field == NULL)
    return;

  mark_field (self, field->column, fd_client_field_check_row (field, GTK_WIDGET (row)));
  /* An emptied field is cleared (NULL), as the database keeps "nothing". */
  if (!fd_record_set (record, field->column, text[0] != '\0' ? text : NULL, -1, &error))
    mark_field (self, field->column, g_strdup (error->message));
  describe_group_errors (self, field->group);
  fd_client_editor_update_actions (self);
}

static void
notes_changed_cb (FdClientEditor *self,
                  GtkTextBuffer  *buffer)
{
  FdRecord *record = get_record (self);
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  if (self->filling || record == NULL)
    return;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  fd_record_set (record, "notes", text[0] != '\0' ? text : NULL, -1, NULL);
  fd_client_editor_update_actions (self);
}

void
fd_client_editor_build_rows (FdClientEditor *self)
{
  AdwPreferencesGroup *groups[] = { self->identity_group, self->contact_group,
                                    self->address_group };
  guint n_fields;
  const FdClientField *fields = fd_client_fields_get (&n_fields);

  for (guint i = 0; i < n_fields; i++)
    {
      GtkWidget *row = fd_client_field_new_row (&fields[i]);
      FdFieldMark *mark;

      g_signal_connect_object (row, "changed", G_CALLBACK (row_changed_cb), self,
                               G_CONNECT_SWAPPED);
      mark = fd_field_mark_attach (row, _(fields[i].label));
      g_hash_table_insert (self->marks, g_strdup (fields[i].column), mark);
      adw_preferences_group_add (groups[fields[i].group], row);
      g_hash_table_insert (self->rows, g_strdup (fields[i].column), row);
    }

  g_signal_connect_object (gtk_text_view_get_buffer (self->notes_view), "changed",
                           G_CALLBACK (notes_changed_cb), self, G_CONNECT_SWAPPED);
}

/* A conflict stays marked until settled, whatever else the form shows again. */
static void
show_conflict_only (const char     *column,
                    FdFieldMark    *mark,
                    FdClientEditor *self)
{
  const FdFieldChange *conflict = fd_edit_session_get_conflict (self->session, column);
  g_autofree char *theirs = NULL;

  if (conflict != NULL)
    theirs = fd_client_field_describe_value (g_hash_table_lookup (self->rows, column),
                                             conflict->value);
  if (conflict != NULL)
    fd_field_mark_show_conflict (mark, conflict, theirs);
  else
    fd_field_mark_clear (mark);
}

/* Shows the record's values, edited ones included. */
void
fd_client_editor_fill_rows (FdClientEditor *self)
{
  FdRecord *record = get_record (self);
  const FdClientField *fields;
  guint n_fields;
  const char *notes;

  if (record == NULL || !fd_record_is_loaded (record))
    return;

  fields = fd_client_fields_get (&n_fields);
  notes = fd_record_get (record, "notes");
  self->filling = TRUE;
  for (guint i = 0; i < n_fields; i++)
    {
      fd_client_field_show_value (g_hash_table_lookup (self->rows, fields[i].column),
                                  fd_record_get (record, fields[i].column));
      mark_field (self, fields[i].column, NULL);
    }
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view),
                            notes != NULL ? notes : "", -1);
  for (int group = 0; group < 3; group++)
    describe_group_errors (self, group);
  g_hash_table_foreach (self->marks, (GHFunc) show_conflict_only, self);
  self->filling = FALSE;
  fd_client_editor_update_actions (self);
}

/* Shows @column's value as the record holds it, unless the field already shows it (so a
 * field being typed in keeps its cursor), and its mark as the session says. */
static void
follow_column (FdClientEditor *self,
               const char     *column)
{
  FdRecord *record = get_record (self);
  const char *value = fd_record_get (record, column);
  GtkWidget *row = g_hash_table_lookup (self->rows, column);
  FdFieldMark *mark = g_hash_table_lookup (self->marks, column);
  const FdFieldChange *conflict = fd_edit_session_get_conflict (self->session, column);
  g_autofree char *theirs = NULL;

  self->filling = TRUE;
  if (row != NULL && fd_client_field_show_value (row, value))
    mark_field (self, column, NULL);
  else if (row == NULL && g_str_equal (column, "notes") &&
           !fd_record_is_changed (record, column))
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view),
                              value != NULL ? value : "", -1);
  self->filling = FALSE;

  if (mark == NULL)
    return;
  if (conflict != NULL && row != NULL)
    theirs = fd_client_field_describe_value (row, conflict->value);
  fd_field_mark_update (mark, self->session, column, theirs);
}

/* Someone else saved @columns, shown in place. */
void
fd_client_editor_follow_columns (FdClientEditor *self,
                                 GStrv           columns)
{
  FdRecord *record = get_record (self);

  if (record == NULL)
    return;
  for (guint i = 0; columns[i] != NULL; i++)
    follow_column (self, columns[i]);
  fd_client_editor_update_actions (self);
}

/* Someone else saved @column while it is edited here, or that was settled. */
void
fd_client_editor_mark_conflict (FdClientEditor *self,
                                const char     *column)
{
  if (get_record (self) == NULL)
    return;
  follow_column (self, column);
  fd_client_editor_update_actions (self);
}

/* Not insensitive: the values must stay selectable, so they can be copied out. */
void
fd_client_editor_set_editable (FdClientEditor *self,
                               gboolean        editable)
{
  GHashTableIter iter;
  gpointer row;

  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, NULL, &row))
    gtk_editable_set_editable (GTK_EDITABLE (row), editable);
  gtk_text_view_set_editable (self->notes_view, editable);
  fd_account_section_set_read_only (self->account_section, !editable);
}

/* Who else has it open -------------------------------------------------------------------- */

void
fd_client_editor_show_viewers (FdClientEditor *self)
{
  GPtrArray *viewers = fd_edit_session_get_viewers (self->session);
  g_autoptr(GString) text = NULL;

  for (guint i = 0; i < viewers->len; i++)
    {
      FdLockHolder *viewer = g_ptr_array_index (viewers, i);

      if (text == NULL)
        /* Translators: followed by a list of people and workstations */
        text = g_string_new (_("Also viewing: "));
      else
        g_string_append (text, ", ");
      /* Translators: a person and their workstation, as "Alex Kim (Reception 2)" */
      g_string_append_printf (text, _("%s (%s)"), viewer->name, viewer->workstation);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->viewers_label), text != NULL);
  gtk_label_set_text (self->viewers_label, text != NULL ? text->str : "");
}
