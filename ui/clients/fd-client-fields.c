/* fd-client-fields.c: a client's own fields as the forms show them (Client Details and
 * New Client): their labels, groups and the checks made as they are typed.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The server checks the same rules again (its constraints, worded in constraint_messages);
 * these only say it sooner, while the person types.
 */
#include <glib/gi18n.h>
#include <string.h>

#include "fd-client-fields.h"
#include "fd-date-row.h"

static const FdClientField fields[] = {
  { "first_name", N_("First name"), FD_CLIENT_GROUP_IDENTITY, FD_CLIENT_FIELD_TEXT, 100, TRUE },
  { "last_name", N_("Last name"), FD_CLIENT_GROUP_IDENTITY, FD_CLIENT_FIELD_TEXT, 100, TRUE },
  { "preferred_name", N_("Preferred name"), FD_CLIENT_GROUP_IDENTITY, FD_CLIENT_FIELD_TEXT, 100,
    FALSE },
  { "birth_date", N_("Date of birth"), FD_CLIENT_GROUP_IDENTITY,
    FD_CLIENT_FIELD_DATE, 10, FALSE },
  { "phone_mobile", N_("Mobile phone"), FD_CLIENT_GROUP_CONTACT, FD_CLIENT_FIELD_PHONE, 30,
    FALSE },
  { "phone_home", N_("Home phone"), FD_CLIENT_GROUP_CONTACT, FD_CLIENT_FIELD_PHONE, 30, FALSE },
  { "phone_work", N_("Work phone"), FD_CLIENT_GROUP_CONTACT, FD_CLIENT_FIELD_PHONE, 30, FALSE },
  { "email", N_("Email"), FD_CLIENT_GROUP_CONTACT, FD_CLIENT_FIELD_EMAIL, 254, FALSE },
  { "address_line1", N_("Address"), FD_CLIENT_GROUP_ADDRESS, FD_CLIENT_FIELD_TEXT, 200, FALSE },
  { "address_line2", N_("Address, second line"), FD_CLIENT_GROUP_ADDRESS, FD_CLIENT_FIELD_TEXT,
    200, FALSE },
  { "city", N_("City"), FD_CLIENT_GROUP_ADDRESS, FD_CLIENT_FIELD_TEXT, 100, FALSE },
  { "region", N_("Region"), FD_CLIENT_GROUP_ADDRESS, FD_CLIENT_FIELD_TEXT, 100, FALSE },
  { "postal_code", N_("Postal code"), FD_CLIENT_GROUP_ADDRESS, FD_CLIENT_FIELD_TEXT, 20, FALSE },
};

/**
 * fd_client_fields_get:
 *
 * Returns: (array length=n_fields): every field, in the order the forms show them
 */
const FdClientField *
fd_client_fields_get (guint *n_fields)
{
  *n_fields = G_N_ELEMENTS (fields);
  return fields;
}

const FdClientField *
fd_client_fields_find (const char *column)
{
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      if (g_str_equal (fields[i].column, column))
        return &fields[i];
    }
  return NULL;
}

/**
 * fd_client_field_validate:
 *
 * Returns: (nullable) (transfer full): what is wrong with @text in a sentence, or %NULL
 */
char *
fd_client_field_validate (const FdClientField *field,
                          const char          *text)
{
  if (text[0] == '\0')
    return field->required ? g_strdup_printf (_("%s is needed."), _(field->label)) : NULL;

  if (g_utf8_strlen (text, -1) > field->max_length)
    return g_strdup_printf (ngettext ("%s can have at most %d character.",
                                      "%s can have at most %d characters.",
                                      field->max_length),
                            _(field->label), field->max_length);

  switch (field->kind)
    {
    case FD_CLIENT_FIELD_DATE:
      /* Typed into an FdDateRow, which checks it (fd_client_field_check_row()). */
      return NULL;
    case FD_CLIENT_FIELD_EMAIL:
      return strchr (text, '@') == NULL || strchr (text, ' ') != NULL
             ? g_strdup (_("An email address looks like name@example.org.")) : NULL;
    case FD_CLIENT_FIELD_PHONE:
      if (strspn (text, "+0123456789 ()./-") != strlen (text) ||
          strchr (text + 1, '+') != NULL)
        return g_strdup (_("A phone number holds digits, spaces and + ( ) . / - only."));
      if (strlen (text) < 3)
        return g_strdup (_("A phone number has at least 3 characters."));
      return NULL;
    case FD_CLIENT_FIELD_TEXT:
    default:
      {
        g_autofree char *stripped = g_strstrip (g_strdup (text));

        return field->required && stripped[0] == '\0'
               ? g_strdup_printf (_("%s is needed."), _(field->label)) : NULL;
      }
    }
}

/**
 * fd_client_fields_mark:
 * @invalid: column → message, of the fields that are wrong
 * @message: (nullable) (transfer full): what is wrong, or %NULL when nothing is
 *
 * Marks @row red with @message as its tooltip, or clears it.
 */
void
fd_client_fields_mark (GHashTable *invalid,
                       GtkWidget  *row,
                       const char *column,
                       char       *message)
{
  if (message != NULL)
    {
      gtk_widget_add_css_class (row, "error");
      gtk_widget_set_tooltip_text (row, message);
      g_hash_table_insert (invalid, g_strdup (column), message);
    }
  else
    {
      gtk_widget_remove_css_class (row, "error");
      gtk_widget_set_tooltip_text (row, NULL);
      g_hash_table_remove (invalid, column);
    }
}

/* The messages of a group's invalid fields, under the group's title where they are read. */
void
fd_client_fields_describe (GHashTable          *invalid,
                           AdwPreferencesGroup *group_widget,
                           FdClientGroup        group)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      const char *message = g_hash_table_lookup (invalid, fields[i].column);

      if (fields[i].group != group || message == NULL)
        continue;
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, message);
    }
  adw_preferences_group_set_description (group_widget, text->len > 0 ? text->str : NULL);
}

/* Rows ----------------------------------------------------------------------------------- */

/**
 * fd_client_field_new_row:
 *
 * Returns: (transfer floating): where @field is typed: an #FdDateRow for a date (with its
 *   calendar; none is an answer, a day to come is not), an #AdwEntryRow otherwise
 */
GtkWidget *
fd_client_field_new_row (const FdClientField *field)
{
  GtkWidget *row;

  if (field->kind == FD_CLIENT_FIELD_DATE)
    {
      row = fd_date_row_new ();
      fd_date_row_set_optional (FD_DATE_ROW (row), !field->required);
      fd_date_row_refuse_future (FD_DATE_ROW (row),
                                 _("The date of birth cannot be in the future."));
    }
  else
    row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(field->label));
  return row;
}

/**
 * fd_client_field_check_row:
 *
 * Returns: (nullable) (transfer full): what is wrong with what @row holds, or %NULL
 */
char *
fd_client_field_check_row (const FdClientField *field,
                           GtkWidget           *row)
{
  if (FD_IS_DATE_ROW (row))
    return g_strdup (fd_date_row_get_problem (FD_DATE_ROW (row)));
  return fd_client_field_validate (field, gtk_editable_get_text (GTK_EDITABLE (row)));
}

/**
 * fd_client_field_get_row_value:
 *
 * Returns: the value @row holds as the database takes it: a day as YYYY-MM-DD (what is
 *   typed, while it is not a day), "" for nothing
 */
const char *
fd_client_field_get_row_value (GtkWidget *row)
{
  if (FD_IS_DATE_ROW (row) && fd_date_row_get_value (FD_DATE_ROW (row)) != NULL)
    return fd_date_row_get_value (FD_DATE_ROW (row));
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

/**
 * fd_client_field_show_value:
 * @value: (nullable): as the database writes it
 *
 * Shows @value in @row, unless it already shows it (so a field being typed in keeps its
 * cursor).
 *
 * Returns: whether the row changed
 */
gboolean
fd_client_field_show_value (GtkWidget  *row,
                            const char *value)
{
  if (g_strcmp0 (fd_client_field_get_row_value (row), value != NULL ? value : "") == 0)
    return FALSE;
  if (FD_IS_DATE_ROW (row))
    fd_date_row_set_value (FD_DATE_ROW (row), value);
  else
    gtk_editable_set_text (GTK_EDITABLE (row), value != NULL ? value : "");
  return TRUE;
}

/**
 * fd_client_field_describe_value:
 * @value: (nullable): as the database writes it
 *
 * Returns: (transfer full) (nullable): @value as @row would show it, for a sentence
 */
char *
fd_client_field_describe_value (GtkWidget  *row,
                                const char *value)
{
  if (value != NULL && FD_IS_DATE_ROW (row))
    return fd_date_row_format_value (value);
  return g_strdup (value);
}
