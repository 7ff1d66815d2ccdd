/* fd-client-fields.c: a client's own fields as the forms show them (Client Details and
 * New Client): their labels, groups and the checks made as they are typed.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The server checks the same rules again (its constraints, worded in constraint_messages);
 * these only say it sooner, while the person types.
 */
#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "fd-client-fields.h"

static const FdClientField fields[] = {
  { "first_name", N_("First name"), FD_CLIENT_GROUP_IDENTITY, FD_CLIENT_FIELD_TEXT, 100, TRUE },
  { "last_name", N_("Last name"), FD_CLIENT_GROUP_IDENTITY, FD_CLIENT_FIELD_TEXT, 100, TRUE },
  { "preferred_name", N_("Preferred name"), FD_CLIENT_GROUP_IDENTITY, FD_CLIENT_FIELD_TEXT, 100,
    FALSE },
  { "birth_date", N_("Date of birth (YYYY-MM-DD)"), FD_CLIENT_GROUP_IDENTITY,
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
      {
        int year, month, day;
        char end;
        g_autoptr(GDateTime) now = g_date_time_new_now_local ();
        int now_year, now_month, now_day;

        if (sscanf (text, "%4d-%2d-%2d%c", &year, &month, &day, &end) != 3 ||
            !g_date_valid_dmy (day, month, year) || year < 1880)
          return g_strdup (_("Write the date as year-month-day, for example 1984-03-27."));
        g_date_time_get_ymd (now, &now_year, &now_month, &now_day);
        if (year * 10000 + month * 100 + day > now_year * 10000 + now_month * 100 + now_day)
          return g_strdup (_("The date of birth cannot be in the future."));
        return NULL;
      }
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
