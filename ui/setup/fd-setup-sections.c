/* fd-setup-sections.c: what each Setup section lists and edits, and how its values are
 * saved and added.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Edits go through the save path (FdRecord), new rows through frontdesk.insert_record();
 * the server decides who may, and words refusals, which show as a toast.
 */
#include <glib/gi18n.h>

#include "fd-record.h"
#include "fd-setup-entry-row.h"
#include "fd-setup-sections.h"
#include "fd-setup-switch-row.h"

static const FdSetupField provider_fields[] = {
  { "abbreviation", N_("Abbreviation"), FD_SETUP_FIELD_TEXT },
  { "title", N_("Title"), FD_SETUP_FIELD_TEXT },
  { "first_name", N_("First name"), FD_SETUP_FIELD_TEXT },
  { "last_name", N_("Last name"), FD_SETUP_FIELD_TEXT },
  { "color", N_("Colour in the appointment book (#rrggbb)"), FD_SETUP_FIELD_TEXT },
  { "is_hygienist", N_("Hygienist"), FD_SETUP_FIELD_SWITCH },
};
static const FdSetupField employee_fields[] = {
  { "first_name", N_("First name"), FD_SETUP_FIELD_TEXT },
  { "last_name", N_("Last name"), FD_SETUP_FIELD_TEXT },
};
static const FdSetupField operatory_fields[] = {
  { "name", N_("Name"), FD_SETUP_FIELD_TEXT },
  { "abbreviation", N_("Abbreviation"), FD_SETUP_FIELD_TEXT },
};
static const FdSetupField definition_fields[] = {
  { "category", N_("List"), FD_SETUP_FIELD_TEXT },
  { "name", N_("Name"), FD_SETUP_FIELD_TEXT },
  { "color", N_("Colour (#rrggbb, optional)"), FD_SETUP_FIELD_TEXT },
};
static const FdSetupField procedure_code_fields[] = {
  { "code", N_("Code"), FD_SETUP_FIELD_TEXT },
  { "description", N_("Description"), FD_SETUP_FIELD_TEXT },
  { "abbreviation", N_("Abbreviation"), FD_SETUP_FIELD_TEXT },
  { "default_minutes", N_("Usual length in minutes"), FD_SETUP_FIELD_TEXT },
};
static const FdSetupField name_fields[] = {
  { "name", N_("Name"), FD_SETUP_FIELD_TEXT },
};
static const FdSetupField practice_fields[] = {
  { "name", N_("Practice name"), FD_SETUP_FIELD_TEXT },
  { "opens_at", N_("Opens at (HH:MM)"), FD_SETUP_FIELD_TEXT },
  { "closes_at", N_("Closes at (HH:MM)"), FD_SETUP_FIELD_TEXT },
  { "slot_minutes", N_("Appointment grid in minutes"), FD_SETUP_FIELD_TEXT },
  { "edit_time_limit", N_("Edit time limit (for example 15 minutes; empty for none)"),
    FD_SETUP_FIELD_TEXT },
  { "time_zone", N_("Time zone"), FD_SETUP_FIELD_TEXT },
  { "currency", N_("Currency of fees (a code such as USD, EUR or GBP)"), FD_SETUP_FIELD_TEXT },
};

static const FdSetupSection sections[] = {
  { "practice", N_("Practice"), NULL, { "name" }, NULL,
    practice_fields, G_N_ELEMENTS (practice_fields) },
  { "providers", N_("Providers"), N_("Add Provider"),
    { "abbreviation", "first_name", "last_name" }, "title",
    provider_fields, G_N_ELEMENTS (provider_fields) },
  { "employees", N_("Employees"), N_("Add Employee"), { "first_name", "last_name" }, "login",
    employee_fields, G_N_ELEMENTS (employee_fields) },
  { "operatories", N_("Operatories"), N_("Add Operatory"), { "name" }, "abbreviation",
    operatory_fields, G_N_ELEMENTS (operatory_fields) },
  { "definitions", N_("Definitions"), N_("Add Definition"), { "name" }, "category",
    definition_fields, G_N_ELEMENTS (definition_fields) },
  { "procedure_codes", N_("Procedure Codes"), N_("Add Procedure Code"),
    { "code", "description" }, "abbreviation",
    procedure_code_fields, G_N_ELEMENTS (procedure_code_fields) },
  { "fee_schedules", N_("Fee Schedules"), N_("Add Fee Schedule"), { "name" }, NULL,
    name_fields, G_N_ELEMENTS (name_fields) },
  { "fees", N_("Fees"), NULL, { NULL }, NULL, NULL, 0 },
  { "insurance_categories", N_("Insurance Categories"), N_("Add Insurance Category"),
    { "name" }, NULL, name_fields, G_N_ELEMENTS (name_fields) },
};

static const struct
{
  const char *key;
  const char *name;
} definition_categories[] = {
  { "confirmation_status", N_("Confirmation status") },
  { "billing_type", N_("Billing type") },
  { "appointment_type", N_("Appointment type") },
  { "procedure_category", N_("Procedure category") },
  { "client_status", N_("Client status") },
};

/**
 * fd_setup_category_name:
 * @category: a definition's category, as stored ("billing_type")
 *
 * Returns: (transfer none): its name as a person reads it ("Billing type"); @category
 *   itself for one this program does not know
 */
const char *
fd_setup_category_name (const char *category)
{
  for (gsize i = 0; category != NULL && i < G_N_ELEMENTS (definition_categories); i++)
    if (g_str_equal (category, definition_categories[i].key))
      return _(definition_categories[i].name);
  return category;
}

/* The sections in the order of Setup's side list. */
const FdSetupSection *
fd_setup_sections (guint *n_sections)
{
  *n_sections = G_N_ELEMENTS (sections);
  return sections;
}

const FdSetupSection *
fd_setup_section_find (const char *table)
{
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      if (g_str_equal (sections[i].table, table))
        return &sections[i];
    }
  return NULL;
}

gboolean
fd_setup_is_admin (FdDatabase *database)
{
  FdSession *session = database != NULL ? fd_database_get_session (database) : NULL;

  return session != NULL && fd_session_get_is_admin (session);
}

/* Tells the person at @widget's window, as a toast (the window's win.toast action; a
 * widget not in a window shows nothing). */
void
fd_setup_report (GtkWidget  *widget,
                 const char *message)
{
  gtk_widget_activate_action (widget, "win.toast", "s", message);
}

/* column → text, NULL to clear */
GHashTable *
fd_setup_values_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/* Saving ----------------------------------------------------------------------------------- */

typedef struct
{
  GtkWidget  *reporter;
  FdDatabase *database;
  FdRecord   *record;
  GHashTable *values;
} Edit;

static void
edit_free (Edit *edit)
{
  g_object_unref (edit->reporter);
  g_object_unref (edit->database);
  g_clear_object (&edit->record);
  g_hash_table_unref (edit->values);
  g_free (edit);
}

static void
edit_saved_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Edit *edit = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  FdSaveOutcome outcome;

  outcome = fd_record_save_finish (FD_RECORD (object), result, NULL, &error);
  if (outcome == FD_SAVE_CONFLICT)
    fd_setup_report (edit->reporter,
                     _("Not saved: someone changed the same fields meanwhile. The list shows "
                       "their values now; make your change again."));
  else if (outcome != FD_SAVE_SAVED)
    {
      message = g_strdup_printf (_("Not saved: %s"), error->message);
      fd_setup_report (edit->reporter, message);
    }
  edit_free (edit);
}

static void
edit_loaded_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Edit *edit = user_data;
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer column;
  gpointer value;

  if (!fd_record_load_finish (edit->record, result, &error))
    {
      fd_setup_report (edit->reporter, error->message);
      edit_free (edit);
      return;
    }

  g_hash_table_iter_init (&iter, edit->values);
  while (g_hash_table_iter_next (&iter, &column, &value))
    {
      if (!fd_record_set (edit->record, column, value, -1, &error))
        {
          fd_setup_report (edit->reporter, error->message);
          edit_free (edit);
          return;
        }
    }

  if (!fd_record_is_dirty (edit->record))
    {
      edit_free (edit);
      return;
    }
  fd_record_save_async (edit->record, fd_database_get_connection (edit->database), NULL,
                        edit_saved_cb, edit);
}

/**
 * fd_setup_save_values:
 * @reporter: the widget whose window is told when the save fails
 * @values: column → text, NULL to clear
 *
 * Rereads the row, sets @values and saves: the save path compares with what was just read.
 */
void
fd_setup_save_values (GtkWidget  *reporter,
                      FdDatabase *database,
                      const char *table,
                      const char *id,
                      GHashTable *values)
{
  Edit *edit = g_new0 (Edit, 1);

  edit->reporter = g_object_ref (reporter);
  edit->database = g_object_ref (database);
  edit->record = fd_record_new (table, id);
  edit->values = g_hash_table_ref (values);
  fd_record_load_async (edit->record, fd_database_get_connection (database), NULL,
                        edit_loaded_cb, edit);
}

static void
inserted_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GtkWidget) reporter = user_data;
  g_autoptr(FdRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  record = fd_record_insert_finish (result, &error);
  if (record == NULL)
    {
      message = g_strdup_printf (_("Not added: %s"), error->message);
      fd_setup_report (reporter, message);
    }
}

/* Adds a row of @values to @table; the columns left NULL take their defaults. */
void
fd_setup_insert_values (GtkWidget  *reporter,
                        FdDatabase *database,
                        const char *table,
                        GHashTable *values)
{
  g_autoptr(GPtrArray) columns = g_ptr_array_new ();
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer column;
  gpointer value;

  g_hash_table_iter_init (&iter, values);
  while (g_hash_table_iter_next (&iter, &column, &value))
    {
      if (value == NULL)
        continue;
      g_ptr_array_add (columns, column);
      g_ptr_array_add (texts, value);
    }
  if (columns->len == 0)
    return;

  fd_record_insert_async (fd_database_get_connection (database), table, columns->len,
                          (const char * const *) columns->pdata,
                          (const char * const *) texts->pdata, NULL, inserted_cb,
                          g_object_ref (reporter));
}

/* Hides (or shows again) a row of a list, through the save path. */
void
fd_setup_set_hidden (GtkWidget  *reporter,
                     FdDatabase *database,
                     const char *table,
                     const char *id,
                     gboolean    hidden)
{
  g_autoptr(GHashTable) values = fd_setup_values_new ();

  g_hash_table_insert (values, g_strdup ("hidden"), g_strdup (hidden ? "true" : "false"));
  fd_setup_save_values (reporter, database, table, id, values);
}

/* Field rows ------------------------------------------------------------------------------- */

/* A row editing @field, showing @value (NULL for none). */
GtkWidget *
fd_setup_field_row_new (const FdSetupField *field,
                        const char         *value)
{
  if (field->kind == FD_SETUP_FIELD_SWITCH)
    return fd_setup_switch_row_new (field->column, _(field->label),
                                    g_strcmp0 (value, "true") == 0);
  return fd_setup_entry_row_new (field->column, _(field->label), value);
}

/* Puts what @row holds into @values under its column. */
void
fd_setup_field_row_collect (GtkWidget  *row,
                            GHashTable *values)
{
  if (FD_IS_SETUP_SWITCH_ROW (row))
    g_hash_table_insert (values,
                         g_strdup (fd_setup_switch_row_get_column (FD_SETUP_SWITCH_ROW (row))),
                         g_strdup (fd_setup_switch_row_get_active (FD_SETUP_SWITCH_ROW (row))
                                   ? "true" : "false"));
  else
    g_hash_table_insert (values,
                         g_strdup (fd_setup_entry_row_get_column (FD_SETUP_ENTRY_ROW (row))),
                         fd_setup_entry_row_dup_value (FD_SETUP_ENTRY_ROW (row)));
}

/* Puts what @row holds into @values only when it is typed here: what another workstation
 * saved since is not sent back. A switch is always sent. */
void
fd_setup_field_row_collect_edited (GtkWidget  *row,
                                   GHashTable *values)
{
  if (FD_IS_SETUP_ENTRY_ROW (row) && !fd_setup_entry_row_get_edited (FD_SETUP_ENTRY_ROW (row)))
    return;
  fd_setup_field_row_collect (row, values);
}

/* @stored is the row of @table as the cache holds it now (@key: as its signals name it, NULL
 * for the table's one row): a text field follows it (see fd_setup_entry_row_follow()),
 * saying who saved it. */
void
fd_setup_field_row_follow (GtkWidget  *row,
                           FdDatabase *database,
                           const char *table,
                           const char *key,
                           FdCacheRow *stored)
{
  g_autoptr(FdFieldChange) change = NULL;
  FdSetupEntryRow *entry;
  const char *column, *value;

  if (!FD_IS_SETUP_ENTRY_ROW (row) || stored == NULL)
    return;
  entry = FD_SETUP_ENTRY_ROW (row);
  column = fd_setup_entry_row_get_column (entry);
  value = fd_cache_row_get (stored, column);
  if (g_strcmp0 (value, fd_setup_entry_row_get_loaded (entry)) == 0)
    return;
  change = fd_database_dup_cached_change (database, table, key, column, value);
  fd_setup_entry_row_follow (entry, value, change);
}
