/* fd-setup-module.c: the Setup module: the practice's lists and its settings, edited by
 * administrators, hidden and never deleted.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every list shows a cached table (FdCache), so a change made at any workstation appears
 * here by itself when its signal arrives. Edits go through the save path (FdRecord), new
 * rows through frontdesk.insert_record(); the server decides who may, and words refusals.
 */
#include <glib/gi18n.h>

#include "fd-fee-field.h"
#include "fd-fee-schedule-editor.h"
#include "fd-record.h"
#include "fd-setup-module.h"

typedef enum
{
  FIELD_TEXT,
  FIELD_SWITCH,
} FieldKind;

typedef struct
{
  const char *column;
  const char *label;
  FieldKind   kind;
} SetupField;

typedef struct
{
  const char       *table;
  const char       *title;
  const char       *add_label;
  const char       *title_columns[3];
  const char       *subtitle_column;
  const SetupField *fields;
  guint             n_fields;
} SetupSection;

static const SetupField provider_fields[] = {
  { "abbreviation", N_("Abbreviation"), FIELD_TEXT },
  { "title", N_("Title"), FIELD_TEXT },
  { "first_name", N_("First name"), FIELD_TEXT },
  { "last_name", N_("Last name"), FIELD_TEXT },
  { "color", N_("Colour in the appointment book (#rrggbb)"), FIELD_TEXT },
  { "is_hygienist", N_("Hygienist"), FIELD_SWITCH },
};
static const SetupField employee_fields[] = {
  { "first_name", N_("First name"), FIELD_TEXT },
  { "last_name", N_("Last name"), FIELD_TEXT },
};
static const SetupField operatory_fields[] = {
  { "name", N_("Name"), FIELD_TEXT },
  { "abbreviation", N_("Abbreviation"), FIELD_TEXT },
};
static const SetupField definition_fields[] = {
  { "category", N_("List"), FIELD_TEXT },
  { "name", N_("Name"), FIELD_TEXT },
  { "color", N_("Colour (#rrggbb, optional)"), FIELD_TEXT },
};
static const SetupField procedure_code_fields[] = {
  { "code", N_("Code"), FIELD_TEXT },
  { "description", N_("Description"), FIELD_TEXT },
  { "abbreviation", N_("Abbreviation"), FIELD_TEXT },
  { "default_minutes", N_("Usual length in minutes"), FIELD_TEXT },
};
static const SetupField name_fields[] = {
  { "name", N_("Name"), FIELD_TEXT },
};
static const SetupField practice_fields[] = {
  { "name", N_("Practice name"), FIELD_TEXT },
  { "opens_at", N_("Opens at (HH:MM)"), FIELD_TEXT },
  { "closes_at", N_("Closes at (HH:MM)"), FIELD_TEXT },
  { "slot_minutes", N_("Appointment grid in minutes"), FIELD_TEXT },
  { "edit_time_limit", N_("Edit time limit (for example 15 minutes; empty for none)"), FIELD_TEXT },
  { "time_zone", N_("Time zone"), FIELD_TEXT },
};

static const SetupSection sections[] = {
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

struct _FdSetupModule
{
  GtkWidget    parent_instance;

  /* Template widgets */
  GtkListBox  *section_list;
  GtkStack    *section_stack;
  GtkLabel    *permission_label;

  /* Owned */
  FdDatabase  *database;
  GPtrArray   *filters;        /* GtkCustomFilter, one for each list */

  /* Borrowed */
  GPtrArray   *toggles;        /* the Show Hidden buttons, one for each list */

  gboolean     show_hidden;
};

static void fd_setup_module_iface_init (FdModuleInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (FdSetupModule, fd_setup_module, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (FD_TYPE_MODULE, fd_setup_module_iface_init))

static const SetupSection *
find_section (const char *table)
{
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      if (g_str_equal (sections[i].table, table))
        return &sections[i];
    }
  return NULL;
}

static gboolean
is_admin (FdSetupModule *self)
{
  FdSession *session = self->database != NULL ? fd_database_get_session (self->database) : NULL;

  return session != NULL && fd_session_get_is_admin (session);
}

static void
report (FdSetupModule *self,
        const char    *message)
{
  fd_module_show_toast (FD_MODULE (self), message);
}

/* Saving, adding, hiding ------------------------------------------------------------------ */

typedef struct
{
  FdSetupModule *self;
  FdRecord      *record;
  GHashTable    *values;     /* column → text, NULL to clear */
} Edit;

static void
edit_free (Edit *edit)
{
  g_object_unref (edit->self);
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
    report (edit->self, _("Not saved: someone changed the same fields meanwhile. The list shows "
                          "their values now; make your change again."));
  else if (outcome != FD_SAVE_SAVED)
    {
      message = g_strdup_printf (_("Not saved: %s"), error->message);
      report (edit->self, message);
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
      report (edit->self, error->message);
      edit_free (edit);
      return;
    }

  g_hash_table_iter_init (&iter, edit->values);
  while (g_hash_table_iter_next (&iter, &column, &value))
    {
      if (!fd_record_set (edit->record, column, value, -1, &error))
        {
          report (edit->self, error->message);
          edit_free (edit);
          return;
        }
    }

  if (!fd_record_is_dirty (edit->record))
    {
      edit_free (edit);
      return;
    }
  fd_record_save_async (edit->record, fd_database_get_connection (edit->self->database), NULL,
                        edit_saved_cb, edit);
}

/* Reread, set, save: the save path compares with what was just read. */
static void
save_values (FdSetupModule *self,
             const char    *table,
             const char    *id,
             GHashTable    *values)
{
  Edit *edit = g_new0 (Edit, 1);

  edit->self = g_object_ref (self);
  edit->record = fd_record_new (table, id);
  edit->values = g_hash_table_ref (values);
  fd_record_load_async (edit->record, fd_database_get_connection (self->database), NULL,
                        edit_loaded_cb, edit);
}

static void
inserted_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(FdSetupModule) self = user_data;
  g_autoptr(FdRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  record = fd_record_insert_finish (result, &error);
  if (record == NULL)
    {
      message = g_strdup_printf (_("Not added: %s"), error->message);
      report (self, message);
    }
}

static void
insert_values (FdSetupModule *self,
               const char    *table,
               GHashTable    *values)
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

  fd_record_insert_async (fd_database_get_connection (self->database), table, columns->len,
                          (const char * const *) columns->pdata,
                          (const char * const *) texts->pdata, NULL, inserted_cb,
                          g_object_ref (self));
}

/* The edit dialog ------------------------------------------------------------------------- */

static GHashTable *
collect_values (AdwMessageDialog *dialog)
{
  GHashTable *values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GPtrArray *rows = g_object_get_data (G_OBJECT (dialog), "fd-rows");

  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);
      const char *column = g_object_get_data (G_OBJECT (row), "fd-column");
      GtkWidget *toggle = g_object_get_data (G_OBJECT (row), "fd-switch");
      const char *text;

      if (toggle != NULL)
        {
          g_hash_table_insert (values, g_strdup (column),
                               g_strdup (gtk_switch_get_active (GTK_SWITCH (toggle))
                                         ? "true" : "false"));
          continue;
        }
      text = gtk_editable_get_text (GTK_EDITABLE (row));
      g_hash_table_insert (values, g_strdup (column),
                           text[0] != '\0' ? g_strstrip (g_strdup (text)) : NULL);
    }
  return values;
}

static void
fee_saved_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(FdSetupModule) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!fd_fee_field_save_finish (FD_FEE_FIELD (object), result, &error))
    {
      /* Translators: %s says why, in the server's words */
      message = g_strdup_printf (_("The fee is not saved: %s"), error->message);
      report (self, message);
    }
}

static void
edit_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  FdSetupModule    *self)
{
  const SetupSection *section = g_object_get_data (G_OBJECT (dialog), "fd-section");
  const char *id = g_object_get_data (G_OBJECT (dialog), "fd-id");
  FdFeeField *fee = g_object_get_data (G_OBJECT (dialog), "fd-fee-field");
  g_autoptr(GHashTable) values = NULL;

  if (!g_str_equal (response, "save"))
    return;

  /* Sent before the dialog closes, and so before the fee's lock is let go. */
  if (fee != NULL && fd_fee_field_get_changed (fee))
    fd_fee_field_save_async (fee, NULL, fee_saved_cb, g_object_ref (self));

  values = collect_values (dialog);
  if (id != NULL)
    {
      /* Fixed once made: a definition's list. */
      if (g_str_equal (section->table, "definitions"))
        g_hash_table_remove (values, "category");
      save_values (self, section->table, id, values);
    }
  else
    insert_values (self, section->table, values);
}

static GtkWidget *
field_row_new (const SetupField *field,
               FdCacheRow       *row)
{
  const char *value = row != NULL ? fd_cache_row_get (row, field->column) : NULL;
  GtkWidget *widget;

  if (field->kind == FIELD_SWITCH)
    {
      GtkWidget *toggle = gtk_switch_new ();

      widget = adw_action_row_new ();
      gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
      gtk_switch_set_active (GTK_SWITCH (toggle), g_strcmp0 (value, "true") == 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (widget), toggle);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (widget), toggle);
      g_object_set_data (G_OBJECT (widget), "fd-switch", toggle);
    }
  else
    {
      widget = adw_entry_row_new ();
      gtk_editable_set_text (GTK_EDITABLE (widget), value != NULL ? value : "");
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (widget), _(field->label));
  g_object_set_data (G_OBJECT (widget), "fd-column", (gpointer) field->column);
  return widget;
}

/* A procedure code's fee, in a schedule picked in the dialog, under that schedule's lock. */
static GtkWidget *
with_fee_column (FdSetupModule      *self,
                 AdwMessageDialog   *dialog,
                 const SetupSection *section,
                 FdCacheRow         *row,
                 GtkWidget          *list)
{
  GtkWidget *box;
  GtkWidget *fee;

  if (row == NULL || !g_str_equal (section->table, "procedure_codes"))
    return list;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  fee = fd_fee_field_new (self->database, fd_cache_row_get_id (row));
  gtk_box_append (GTK_BOX (box), list);
  gtk_box_append (GTK_BOX (box), fee);
  g_object_set_data (G_OBJECT (dialog), "fd-fee-field", fee);
  return box;
}

/* @row: (nullable): the row to edit, or NULL for a new one */
static void
show_edit_dialog (FdSetupModule      *self,
                  const SetupSection *section,
                  FdCacheRow         *row)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *list = gtk_list_box_new ();
  GPtrArray *rows = g_ptr_array_new ();
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                            : NULL,
                                                       row != NULL ? _("Edit") : _(section->add_label),
                                                       NULL));
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  for (guint i = 0; i < section->n_fields; i++)
    {
      GtkWidget *field = field_row_new (&section->fields[i], row);

      /* A definition's list is chosen when it is made and fixed afterwards. */
      if (row != NULL && g_str_equal (section->fields[i].column, "category"))
        gtk_editable_set_editable (GTK_EDITABLE (field), FALSE);
      gtk_list_box_append (GTK_LIST_BOX (list), field);
      g_ptr_array_add (rows, field);
    }
  gtk_widget_set_size_request (list, 420, -1);

  adw_message_dialog_set_extra_child (dialog, with_fee_column (self, dialog, section, row, list));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "save",
                                    row != NULL ? _("_Save") : _("_Add"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");
  gtk_widget_add_css_class (GTK_WIDGET (dialog), "setup-edit-dialog");
  g_object_set_data (G_OBJECT (dialog), "fd-section", (gpointer) section);
  g_object_set_data_full (G_OBJECT (dialog), "fd-rows", rows, (GDestroyNotify) g_ptr_array_unref);
  if (row != NULL)
    g_object_set_data_full (G_OBJECT (dialog), "fd-id", g_strdup (fd_cache_row_get_id (row)),
                            g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (edit_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* List rows ------------------------------------------------------------------------------- */

static char *
describe_row (const SetupSection *section,
              FdCacheRow         *row)
{
  GString *title = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (section->title_columns) && section->title_columns[i]; i++)
    {
      const char *value = fd_cache_row_get (row, section->title_columns[i]);

      if (value == NULL || value[0] == '\0')
        continue;
      if (title->len > 0)
        g_string_append (title, i == 1 && g_str_equal (section->table, "providers") ? " · " : " ");
      g_string_append (title, value);
    }
  if (fd_cache_row_get_boolean (row, "hidden"))
    g_string_append (title, _(" (hidden)"));
  return g_string_free (title, FALSE);
}

static void
hide_clicked_cb (GtkButton     *button,
                 FdSetupModule *self)
{
  const SetupSection *section = g_object_get_data (G_OBJECT (button), "fd-section");
  FdCacheRow *row = g_object_get_data (G_OBJECT (button), "fd-row");

  fd_setup_module_set_hidden (self, section->table, fd_cache_row_get_id (row),
                              !fd_cache_row_get_boolean (row, "hidden"));
}

static void
edit_clicked_cb (GtkButton     *button,
                 FdSetupModule *self)
{
  show_edit_dialog (self, g_object_get_data (G_OBJECT (button), "fd-section"),
                    g_object_get_data (G_OBJECT (button), "fd-row"));
}

typedef struct
{
  FdSetupModule      *self;
  const SetupSection *section;
} RowFactory;

static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  RowFactory *factory = user_data;
  FdCacheRow *row = item;
  GtkWidget *widget = adw_action_row_new ();
  GtkWidget *edit = gtk_button_new_with_mnemonic (_("_Edit"));
  GtkWidget *hide = gtk_button_new_with_mnemonic (fd_cache_row_get_boolean (row, "hidden")
                                                  ? _("_Unhide") : _("_Hide"));
  g_autofree char *title = describe_row (factory->section, row);
  const char *subtitle = factory->section->subtitle_column != NULL
                         ? fd_cache_row_get (row, factory->section->subtitle_column) : NULL;
  gboolean admin = is_admin (factory->self);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (widget), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (widget), FALSE);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (widget), subtitle);

  for (GtkWidget *button = edit; button != NULL; button = button == edit ? hide : NULL)
    {
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_sensitive (button, admin);
      g_object_set_data (G_OBJECT (button), "fd-section", (gpointer) factory->section);
      g_object_set_data_full (G_OBJECT (button), "fd-row", g_object_ref (row), g_object_unref);
      adw_action_row_add_suffix (ADW_ACTION_ROW (widget), button);
    }
  g_signal_connect_object (edit, "clicked", G_CALLBACK (edit_clicked_cb), factory->self, 0);
  g_signal_connect_object (hide, "clicked", G_CALLBACK (hide_clicked_cb), factory->self, 0);
  return widget;
}

static gboolean
row_visible_cb (gpointer item,
                gpointer user_data)
{
  FdSetupModule *self = user_data;

  return self->show_hidden || !fd_cache_row_get_boolean (item, "hidden");
}

static void
add_clicked_cb (GtkButton     *button,
                FdSetupModule *self)
{
  show_edit_dialog (self, g_object_get_data (G_OBJECT (button), "fd-section"), NULL);
}

static void
show_hidden_toggled_cb (GtkToggleButton *toggle,
                        FdSetupModule   *self)
{
  fd_setup_module_set_show_hidden (self, gtk_toggle_button_get_active (toggle));
}

static GtkWidget *
create_list_page (FdSetupModule      *self,
                  const SetupSection *section)
{
  FdCache *cache = fd_database_get_cache (self->database);
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *show_hidden = gtk_toggle_button_new_with_mnemonic (_("Show _Hidden"));
  GtkWidget *add = gtk_button_new_with_mnemonic (_(section->add_label));
  GtkWidget *list = gtk_list_box_new ();
  GtkCustomFilter *filter = gtk_custom_filter_new (row_visible_cb, self, NULL);
  GtkFilterListModel *visible;
  RowFactory *factory = g_new0 (RowFactory, 1);

  g_ptr_array_add (self->filters, g_object_ref (filter));
  visible = gtk_filter_list_model_new (g_object_ref (fd_cache_get_table (cache, section->table)),
                                       GTK_FILTER (filter));
  factory->self = self;
  factory->section = section;
  gtk_list_box_bind_model (GTK_LIST_BOX (list), G_LIST_MODEL (visible), create_row_cb, factory,
                           g_free);
  g_object_unref (visible);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (show_hidden), self->show_hidden);
  g_signal_connect_object (show_hidden, "toggled", G_CALLBACK (show_hidden_toggled_cb), self, 0);
  g_object_set_data (G_OBJECT (add), "fd-section", (gpointer) section);
  g_signal_connect_object (add, "clicked", G_CALLBACK (add_clicked_cb), self, 0);
  gtk_widget_set_sensitive (add, is_admin (self));
  gtk_widget_add_css_class (add, "suggested-action");
  gtk_box_append (GTK_BOX (buttons), show_hidden);
  gtk_box_append (GTK_BOX (buttons), add);
  gtk_widget_set_valign (buttons, GTK_ALIGN_CENTER);
  g_ptr_array_add (self->toggles, show_hidden);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _(section->title));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Nothing here is ever deleted: what is no longer "
                                           "used is hidden, and can be shown again."));
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), buttons);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), list);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  return page;
}

/* The practice's settings ---------------------------------------------------------------- */

static void
practice_save_clicked_cb (GtkButton     *button,
                          FdSetupModule *self)
{
  GPtrArray *rows = g_object_get_data (G_OBJECT (button), "fd-rows");
  g_autoptr(GHashTable) values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);
      const char *text = gtk_editable_get_text (GTK_EDITABLE (row));

      g_hash_table_insert (values, g_strdup (g_object_get_data (G_OBJECT (row), "fd-column")),
                           text[0] != '\0' ? g_strstrip (g_strdup (text)) : NULL);
    }
  save_values (self, "practice", "true", values);
}

static void
practice_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     GtkWidget  *page)
{
  g_autoptr(FdCacheRow) practice = g_list_model_get_item (model, 0);
  GPtrArray *rows = g_object_get_data (G_OBJECT (page), "fd-rows");

  for (guint i = 0; practice != NULL && i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);
      const char *value = fd_cache_row_get (practice, g_object_get_data (G_OBJECT (row),
                                                                          "fd-column"));

      gtk_editable_set_text (GTK_EDITABLE (row), value != NULL ? value : "");
    }
}

static GtkWidget *
create_practice_page (FdSetupModule *self)
{
  const SetupSection *section = find_section ("practice");
  GListModel *model = fd_cache_get_table (fd_database_get_cache (self->database), "practice");
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *save = gtk_button_new_with_mnemonic (_("_Save"));
  GPtrArray *rows = g_ptr_array_new ();

  for (guint i = 0; i < section->n_fields; i++)
    {
      GtkWidget *row = field_row_new (&section->fields[i], NULL);

      gtk_editable_set_editable (GTK_EDITABLE (row), is_admin (self));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
      g_ptr_array_add (rows, row);
    }
  g_object_set_data_full (G_OBJECT (page), "fd-rows", g_ptr_array_ref (rows),
                          (GDestroyNotify) g_ptr_array_unref);
  practice_changed_cb (model, 0, 0, 0, page);
  /* Another workstation's change shows here; the handler goes with the page. */
  g_signal_connect_object (model, "items-changed", G_CALLBACK (practice_changed_cb), page, 0);

  gtk_widget_set_valign (save, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (save, "suggested-action");
  gtk_widget_set_sensitive (save, is_admin (self));
  g_object_set_data_full (G_OBJECT (save), "fd-rows", rows,
                          (GDestroyNotify) g_ptr_array_unref);
  g_signal_connect_object (save, "clicked", G_CALLBACK (practice_save_clicked_cb), self, 0);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Practice Settings"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("For every workstation of the practice. This "
                                           "workstation's own settings are in Preferences."));
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), save);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  return page;
}

/* Sections -------------------------------------------------------------------------------- */

static void
section_selected_cb (FdSetupModule *self,
                     GtkListBoxRow *row)
{
  if (row != NULL)
    gtk_stack_set_visible_child_name (self->section_stack,
                                      g_object_get_data (G_OBJECT (row), "fd-table"));
}

static void
clear_sections (FdSetupModule *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->section_stack))) != NULL)
    gtk_stack_remove (self->section_stack, child);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->section_list))) != NULL)
    gtk_list_box_remove (self->section_list, child);
  g_ptr_array_set_size (self->filters, 0);
  g_ptr_array_set_size (self->toggles, 0);
}

static GtkWidget *
create_page (FdSetupModule      *self,
             const SetupSection *section)
{
  if (g_str_equal (section->table, "practice"))
    return create_practice_page (self);
  if (g_str_equal (section->table, "fees"))
    return fd_fee_schedule_editor_new (self->database);
  return create_list_page (self, section);
}

static void
build_sections (FdSetupModule *self)
{
  clear_sections (self);
  if (self->database == NULL || fd_database_get_cache (self->database) == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      GtkWidget *label = gtk_label_new (_(sections[i].title));
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *page = create_page (self, &sections[i]);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
      g_object_set_data (G_OBJECT (row), "fd-table", (gpointer) sections[i].table);
      gtk_list_box_append (self->section_list, row);
      gtk_stack_add_named (self->section_stack, page, sections[i].table);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->permission_label), !is_admin (self));
  gtk_list_box_select_row (self->section_list, gtk_list_box_get_row_at_index (self->section_list, 0));
}

/* FdModule -------------------------------------------------------------------------------- */

static const char *
fd_setup_module_get_title (FdModule *module)
{
  return _("Setup");
}

static const char *
fd_setup_module_get_icon_name (FdModule *module)
{
  return "preferences-system-symbolic";
}

/* The module's button again: every list is read afresh from the server. */
static void
fd_setup_module_refresh (FdModule *module)
{
  FdSetupModule *self = FD_SETUP_MODULE (module);
  FdCache *cache = self->database != NULL ? fd_database_get_cache (self->database) : NULL;

  for (guint i = 0; cache != NULL && i < G_N_ELEMENTS (sections); i++)
    fd_cache_reload (cache, sections[i].table);
}

static void
fd_setup_module_iface_init (FdModuleInterface *iface)
{
  iface->get_title = fd_setup_module_get_title;
  iface->get_icon_name = fd_setup_module_get_icon_name;
  iface->refresh = fd_setup_module_refresh;
}

/* GObject --------------------------------------------------------------------------------- */

static void
fd_setup_module_dispose (GObject *object)
{
  FdSetupModule *self = FD_SETUP_MODULE (object);
  GtkWidget *child;

  if (self->section_stack != NULL)
    clear_sections (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), FD_TYPE_SETUP_MODULE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->database);
  g_clear_pointer (&self->filters, g_ptr_array_unref);
  g_clear_pointer (&self->toggles, g_ptr_array_unref);

  G_OBJECT_CLASS (fd_setup_module_parent_class)->dispose (object);
}

static void
fd_setup_module_class_init (FdSetupModuleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fd_setup_module_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/frontdesk/Frontdesk/fd-setup-module.ui");
  gtk_widget_class_bind_template_child (widget_class, FdSetupModule, section_list);
  gtk_widget_class_bind_template_child (widget_class, FdSetupModule, section_stack);
  gtk_widget_class_bind_template_child (widget_class, FdSetupModule, permission_label);
  gtk_widget_class_bind_template_callback (widget_class, section_selected_cb);
}

static void
fd_setup_module_init (FdSetupModule *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->filters = g_ptr_array_new_with_free_func (g_object_unref);
  self->toggles = g_ptr_array_new ();
}

FdSetupModule *
fd_setup_module_new (FdDatabase *database)
{
  FdSetupModule *self = g_object_new (FD_TYPE_SETUP_MODULE, NULL);

  fd_setup_module_set_database (self, database);
  return self;
}

void
fd_setup_module_set_database (FdSetupModule *self,
                              FdDatabase    *database)
{
  g_return_if_fail (FD_IS_SETUP_MODULE (self));

  if (g_set_object (&self->database, database))
    build_sections (self);
}

/* Shows the section of @table, as a click in the side list would. */
void
fd_setup_module_show_section (FdSetupModule *self,
                              const char    *table)
{
  g_return_if_fail (FD_IS_SETUP_MODULE (self));

  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      if (g_str_equal (sections[i].table, table))
        gtk_list_box_select_row (self->section_list,
                                 gtk_list_box_get_row_at_index (self->section_list, i));
    }
}

/* Opens the edit dialog of a row of a list, as its Edit button would. */
void
fd_setup_module_edit (FdSetupModule *self,
                      const char    *table,
                      const char    *id)
{
  FdCacheRow *row;

  g_return_if_fail (FD_IS_SETUP_MODULE (self));

  row = fd_cache_lookup (fd_database_get_cache (self->database), table, id);
  g_return_if_fail (row != NULL && find_section (table) != NULL);
  show_edit_dialog (self, find_section (table), row);
}

/**
 * fd_setup_module_set_hidden:
 *
 * Hides (or shows again) a row of a list, through the save path.
 */
void
fd_setup_module_set_hidden (FdSetupModule *self,
                            const char    *table,
                            const char    *id,
                            gboolean       hidden)
{
  g_autoptr(GHashTable) values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  g_return_if_fail (FD_IS_SETUP_MODULE (self));

  g_hash_table_insert (values, g_strdup ("hidden"), g_strdup (hidden ? "true" : "false"));
  save_values (self, table, id, values);
}

void
fd_setup_module_set_show_hidden (FdSetupModule *self,
                                 gboolean       show_hidden)
{
  g_return_if_fail (FD_IS_SETUP_MODULE (self));

  if (self->show_hidden == !!show_hidden)
    return;
  self->show_hidden = !!show_hidden;
  /* Every list follows, and so does every list's button. */
  for (guint i = 0; i < self->toggles->len; i++)
    gtk_toggle_button_set_active (g_ptr_array_index (self->toggles, i), show_hidden);
  for (guint i = 0; i < self->filters->len; i++)
    gtk_filter_changed (g_ptr_array_index (self->filters, i), GTK_FILTER_CHANGE_DIFFERENT);
}
