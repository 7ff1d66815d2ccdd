/* frontdesk-admin-clients.c: frontdesk-admin's client commands: show a client's record,
 * and change columns of it through the same save path as Client Details.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "fd-admin-output.h"
#include "fd-record.h"
#include "frontdesk-admin.h"

static gboolean
load_record (Admin     *admin,
             FdRecord  *record,
             GError   **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  fd_record_load_async (record, admin->connection, NULL, store_result_cb, &result);
  return fd_record_load_finish (record, wait_for (&result), error);
}

static gboolean
is_record_id (const char *text)
{
  guint64 id;

  return g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &id, NULL);
}

int
client_show_command (Admin  *admin,
                     char  **args)
{
  g_autoptr(FdRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) columns = NULL;

  if (g_strv_length (args) != 1 || !is_record_id (args[0]))
    return usage_error (_("client show needs a client number, like: client show 42"));

  record = fd_record_new ("clients", args[0]);
  if (!load_record (admin, record, &error))
    return fail (error);

  columns = fd_record_dup_columns (record);
  if (admin_json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      /* Each value as the server writes it, NULL as null. */
      json_builder_begin_object (builder);
      for (guint i = 0; columns[i] != NULL; i++)
        {
          const char *value = fd_record_get (record, columns[i]);

          json_builder_set_member_name (builder, columns[i]);
          if (value != NULL)
            json_builder_add_string_value (builder, value);
          else
            json_builder_add_null_value (builder);
        }
      json_builder_end_object (builder);
      fd_admin_print_json (json_builder_get_root (builder));
      return EXIT_OK;
    }
  for (guint i = 0; columns[i] != NULL; i++)
    {
      const char *value = fd_record_get (record, columns[i]);

      g_print ("%-22s %s\n", columns[i], value != NULL ? value : "");
    }
  return EXIT_OK;
}

static int
report_conflicts (GPtrArray *conflicts)
{
  g_printerr (_("frontdesk-admin: not saved: someone else changed the same fields meanwhile\n"));
  for (guint i = 0; i < conflicts->len; i++)
    {
      FdConflict *conflict = g_ptr_array_index (conflicts, i);

      /* Translators: a field, the value read, the value stored now, the value wanted */
      g_printerr (_("  %s: read “%s”, now “%s”, wanted “%s”\n"), conflict->column,
                  conflict->original != NULL ? conflict->original : "",
                  conflict->theirs != NULL ? conflict->theirs : "",
                  conflict->mine != NULL ? conflict->mine : "");
    }
  return EXIT_REFUSED;
}

int
client_set_command (Admin  *admin,
                    char  **args)
{
  g_autoptr(FdRecord) record = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) changed = NULL;
  g_autofree char *changed_text = NULL;
  FdSaveOutcome outcome;

  if (g_strv_length (args) < 2 || !is_record_id (args[0]))
    return usage_error (_("client set needs a client number and column=value pairs, like: "
                          "client set 42 phone_mobile=0712345678 (column= clears it)"));

  record = fd_record_new ("clients", args[0]);
  if (!load_record (admin, record, &error))
    return fail (error);

  for (guint i = 1; args[i] != NULL; i++)
    {
      const char *equals = strchr (args[i], '=');
      g_autofree char *column = NULL;

      if (equals == NULL || equals == args[i])
        return usage_error (_("Each change is column=value; column= clears the field."));

      column = g_strndup (args[i], equals - args[i]);
      if (!fd_record_set (record, column, equals[1] != '\0' ? equals + 1 : NULL, -1, &error))
        return fail (error);
    }

  if (!fd_record_is_dirty (record))
    {
      g_print (_("Nothing to change: client %s has these values already.\n"), args[0]);
      return EXIT_OK;
    }
  changed = fd_record_dup_changed_columns (record);

  fd_record_save_async (record, admin->connection, NULL, store_result_cb, &result);
  outcome = fd_record_save_finish (record, wait_for (&result), &conflicts, &error);
  switch (outcome)
    {
    case FD_SAVE_SAVED:
      changed_text = g_strjoinv (", ", changed);
      g_print (_("Saved client %s: %s.\n"), args[0], changed_text);
      return EXIT_OK;
    case FD_SAVE_CONFLICT:
      return report_conflicts (conflicts);
    case FD_SAVE_REFUSED:
      g_printerr (_("frontdesk-admin: not saved: %s\n"), error->message);
      return EXIT_REFUSED;
    case FD_SAVE_FAILED:
    default:
      return fail (error);
    }
}
