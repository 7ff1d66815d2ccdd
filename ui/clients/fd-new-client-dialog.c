/* fd-new-client-dialog.c: New Client: the form that adds a client to the practice.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each field is checked as it is typed (fd-client-fields.c); once a name with a date of
 * birth or a phone number is there, the server is asked for possible duplicates, shown with
 * a button that opens the existing client instead. The family is chosen, never typed: "pays
 * for themselves", or a client found by name or phone, whose family's guarantor then pays.
 * Adding goes through frontdesk.insert_record(), whose refusals name the field; the form
 * stays as typed until the client is stored.
 */
#include <glib/gi18n.h>

#include "fd-client-directory.h"
#include "fd-client-fields.h"
#include "fd-family-picker.h"
#include "fd-new-client-dialog.h"
#include "fd-record.h"

#define DUPLICATE_CHECK_DELAY_MS 300

struct _FdNewClientDialog
{
  AdwWindow            parent_instance;

  /* Template widgets */
  GtkButton           *add_button;
  AdwPreferencesGroup *message_group;
  GtkLabel            *message_label;
  AdwPreferencesGroup *identity_group;
  AdwPreferencesGroup *contact_group;
  AdwPreferencesGroup *address_group;
  AdwPreferencesGroup *duplicates_group;
  GtkListBox          *duplicates_list;
  AdwPreferencesGroup *family_group;
  AdwActionRow        *join_row;
  GtkCheckButton      *self_check;
  GtkCheckButton      *join_check;
  FdFamilyPicker      *family_picker;

  /* Owned */
  FdDatabase          *database;
  GHashTable          *rows;            /* column → AdwEntryRow, FdDateRow for a date */
  GHashTable          *invalid;         /* column → message */
  GCancellable        *cancellable;     /* every query; cancelled on close */
  GCancellable        *duplicates_cancellable;
  char                *guarantor_id;    /* the family joined, NULL for none yet */
  guint                duplicates_source;

  gboolean             adding;
};

G_DEFINE_FINAL_TYPE (FdNewClientDialog, fd_new_client_dialog, ADW_TYPE_WINDOW)

enum {
  CLIENT_ADDED,
  OPEN_CLIENT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* What @column's row holds as the database takes it (a day as YYYY-MM-DD). */
static const char *
row_text (FdNewClientDialog *self,
          const char        *column)
{
  return fd_client_field_get_row_value (g_hash_table_lookup (self->rows, column));
}

static void
replace_cancellable (GCancellable **cancellable)
{
  g_cancellable_cancel (*cancellable);
  g_clear_object (cancellable);
  *cancellable = g_cancellable_new ();
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static void
show_message (FdNewClientDialog *self,
              const char        *message)
{
  gtk_label_set_text (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_group), message != NULL);
}

static gboolean
family_chosen (FdNewClientDialog *self)
{
  return gtk_check_button_get_active (self->self_check) ||
         (gtk_check_button_get_active (self->join_check) && self->guarantor_id != NULL);
}

static void
update_add (FdNewClientDialog *self)
{
  guint n_fields;
  const FdClientField *fields = fd_client_fields_get (&n_fields);
  const char *missing = NULL;

  for (guint i = n_fields; i-- > 0;)
    {
      g_autofree char *message = NULL;

      if (fields[i].required &&
          (message = fd_client_field_check_row (&fields[i],
                                                g_hash_table_lookup (self->rows,
                                                                     fields[i].column))))
        missing = _("Write the client’s first and last name.");
    }
  if (g_hash_table_size (self->invalid) > 0)
    missing = _("Correct the fields marked in red.");
  else if (missing == NULL && !family_chosen (self))
    missing = gtk_check_button_get_active (self->join_check)
              ? _("Search the family’s guarantor and pick them from the list.")
              : _("Choose who pays for the client, under Family.");

  gtk_widget_set_tooltip_text (GTK_WIDGET (self->add_button),
                               missing != NULL ? missing
                                               : _("Add the client to the practice (Ctrl+Enter)"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "new-client.add",
                                 !self->adding && missing == NULL);
}

/* Checking as it is typed ------------------------------------------------------------------ */

static void
duplicates_found_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  FdNewClientDialog *self = user_data;
  g_autoptr(GListModel) found = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  found = fd_client_directory_duplicates_finish (FD_CONNECTION (object), result, &error);
  if (found == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_message ("Cannot look for duplicates: %s", error->message);
      return;
    }

  clear_list (self->duplicates_list);
  n = g_list_model_get_n_items (found);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FdClientSummary) summary = g_list_model_get_item (found, i);
      GtkWidget *open = gtk_button_new_with_mnemonic (_("_Open"));
      g_autofree char *open_name = NULL;
      g_autofree char *subtitle = NULL;
      gboolean by_name = g_strcmp0 (fd_client_summary_get_reason (summary), "name") == 0;
      GtkWidget *row;

      /* Translators: a client's details, then why they may be the same person */
      subtitle = g_strdup_printf (_("%s — %s"), fd_client_summary_get_details (summary),
                                  by_name ? _("the same name and date of birth")
                                          : _("the same phone number"));
      row = fd_client_summary_row_new (summary, subtitle);
      gtk_widget_set_valign (open, GTK_ALIGN_CENTER);
      /* Translators: %s is a client's name */
      open_name = g_strdup_printf (_("Open %s"), fd_client_summary_get_name (summary));
      gtk_accessible_update_property (GTK_ACCESSIBLE (open), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      open_name, -1);
      gtk_widget_set_tooltip_text (open, _("Open the existing client instead"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (open), "new-client.open-existing");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (open), "s",
                                        fd_client_summary_get_id (summary));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), open);
      gtk_list_box_append (self->duplicates_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->duplicates_group), n > 0);
}

static gboolean
check_duplicates_cb (gpointer user_data)
{
  FdNewClientDialog *self = user_data;
  const char *first = row_text (self, "first_name");
  const char *last = row_text (self, "last_name");
  const char *birth = row_text (self, "birth_date");
  const char *phones[] = { NULL, NULL, NULL, NULL };
  const char *phone_columns[] = { "phone_mobile", "phone_home", "phone_work" };
  guint n_phones = 0;
  gboolean birth_known = birth[0] != '\0' &&
                         !g_hash_table_contains (self->invalid, "birth_date");

  self->duplicates_source = 0;
  for (guint i = 0; i < G_N_ELEMENTS (phone_columns); i++)
    {
      if (row_text (self, phone_columns[i])[0] != '\0' &&
          !g_hash_table_contains (self->invalid, phone_columns[i]))
        phones[n_phones++] = row_text (self, phone_columns[i]);
    }

  replace_cancellable (&self->duplicates_cancellable);
  if ((first[0] == '\0' || last[0] == '\0' || !birth_known) && n_phones == 0)
    {
      clear_list (self->duplicates_list);
      gtk_widget_set_visible (GTK_WIDGET (self->duplicates_group), FALSE);
      return G_SOURCE_REMOVE;
    }

  fd_client_directory_duplicates_async (fd_database_get_connection (self->database),
                                        first, last, birth_known ? birth : NULL, phones,
                                        self->duplicates_cancellable, duplicates_found_cb, self);
  return G_SOURCE_REMOVE;
}

static void
row_changed_cb (FdNewClientDialog *self,
                GtkEditable       *row)
{
  guint n_fields;
  const FdClientField *fields = fd_client_fields_get (&n_fields);
  const FdClientField *field = NULL;
  AdwPreferencesGroup *groups[] = { self->identity_group, self->contact_group,
                                    self->address_group };
  char *message;

  for (guint i = 0; i < n_fields && field == NULL; i++)
    {
      if (g_hash_table_lookup (self->rows, fields[i].column) == row)
        field = &fields[i];
    }
  g_assert (field != NULL);

  message = fd_client_field_check_row (field, GTK_WIDGET (row));
  fd_client_fields_mark (self->invalid, GTK_WIDGET (row), field->column, message);
  fd_client_fields_describe (self->invalid, groups[field->group], field->group);
  show_message (self, NULL);

  if (g_str_equal (field->column, "first_name") || g_str_equal (field->column, "last_name") ||
      g_str_equal (field->column, "birth_date") || field->kind == FD_CLIENT_FIELD_PHONE)
    {
      g_clear_handle_id (&self->duplicates_source, g_source_remove);
      self->duplicates_source = g_timeout_add (DUPLICATE_CHECK_DELAY_MS, check_duplicates_cb,
                                               self);
    }
  update_add (self);
}

/* Enter in a field adds the client once the form is complete, as a default button would. */
static void
entry_activated_cb (FdNewClientDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "new-client.add", NULL);
}

static void
build_rows (FdNewClientDialog *self)
{
  AdwPreferencesGroup *groups[] = { self->identity_group, self->contact_group,
                                    self->address_group };
  guint n_fields;
  const FdClientField *fields = fd_client_fields_get (&n_fields);

  for (guint i = 0; i < n_fields; i++)
    {
      GtkWidget *row = fd_client_field_new_row (&fields[i]);

      gtk_editable_set_max_width_chars (GTK_EDITABLE (row), fields[i].max_length);
      g_signal_connect_object (row, "changed", G_CALLBACK (row_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (row, "entry-activated", G_CALLBACK (entry_activated_cb), self,
                               G_CONNECT_SWAPPED);
      adw_preferences_group_add (groups[fields[i].group], row);
      g_hash_table_insert (self->rows, g_strdup (fields[i].column), row);
    }
}

/* The family ----------------------------------------------------------------------------- */

static void
family_toggled_cb (FdNewClientDialog *self)
{
  update_add (self);
}

static void
family_picked_cb (FdNewClientDialog *self,
                  const char        *guarantor_id,
                  const char        *guarantor_name,
                  guint              n_members)
{
  g_autofree char *subtitle = NULL;

  g_free (self->guarantor_id);
  self->guarantor_id = g_strdup (guarantor_id);
  /* Translators: the guarantor's name, and how many are in the family now */
  subtitle = g_strdup_printf (ngettext ("The family of %s, who pays (%u member now)",
                                        "The family of %s, who pays (%u members now)",
                                        n_members),
                              guarantor_name, n_members);
  adw_action_row_set_subtitle (self->join_row, subtitle);
  gtk_check_button_set_active (self->join_check, TRUE);
  show_message (self, NULL);
  update_add (self);
}

/* Adding ---------------------------------------------------------------------------------- */

static void
added_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(FdNewClientDialog) self = user_data;
  g_autoptr(FdRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  record = fd_record_insert_finish (result, &error);
  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  self->adding = FALSE;
  if (record == NULL)
    {
      show_message (self, error->message);
      update_add (self);
      return;
    }

  name = g_strdup_printf ("%s %s", fd_record_get (record, "first_name"),
                          fd_record_get (record, "last_name"));
  g_signal_emit (self, signals[CLIENT_ADDED], 0, fd_record_get_id (record), name);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
add_activated (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  FdNewClientDialog *self = FD_NEW_CLIENT_DIALOG (widget);
  g_autoptr(GPtrArray) columns = g_ptr_array_new ();
  g_autoptr(GPtrArray) values = g_ptr_array_new ();
  guint n_fields;
  const FdClientField *fields = fd_client_fields_get (&n_fields);

  for (guint i = 0; i < n_fields; i++)
    {
      const char *text = row_text (self, fields[i].column);

      if (text[0] == '\0')
        continue;
      g_ptr_array_add (columns, (gpointer) fields[i].column);
      g_ptr_array_add (values, (gpointer) text);
    }
  /* Without a guarantor the server makes the client their own. */
  if (gtk_check_button_get_active (self->join_check) && self->guarantor_id != NULL)
    {
      g_ptr_array_add (columns, (gpointer) "guarantor_id");
      g_ptr_array_add (values, self->guarantor_id);
    }

  self->adding = TRUE;
  update_add (self);
  show_message (self, NULL);
  fd_record_insert_async (fd_database_get_connection (self->database), "clients",
                          columns->len, (const char * const *) columns->pdata,
                          (const char * const *) values->pdata, self->cancellable, added_cb,
                          g_object_ref (self));
}

static void
open_existing_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  FdNewClientDialog *self = FD_NEW_CLIENT_DIALOG (widget);

  g_signal_emit (self, signals[OPEN_CLIENT], 0, g_variant_get_string (parameter, NULL));
  gtk_window_destroy (GTK_WINDOW (self));
}

/* GObject -------------------------------------------------------------------------------- */

static void
fd_new_client_dialog_dispose (GObject *object)
{
  FdNewClientDialog *self = FD_NEW_CLIENT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->duplicates_cancellable);
  g_clear_handle_id (&self->duplicates_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), FD_TYPE_NEW_CLIENT_DIALOG);

  G_OBJECT_CLASS (fd_new_client_dialog_parent_class)->dispose (object);
}

static void
fd_new_client_dialog_finalize (GObject *object)
{
  FdNewClientDialog *self = FD_NEW_CLIENT_DIALOG (object);

  g_clear_object (&self->database);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->duplicates_cancellable);
  g_clear_pointer (&self->rows, g_hash_table_unref);
  g_clear_pointer (&self->invalid, g_hash_table_unref);
  g_free (self->guarantor_id);

  G_OBJECT_CLASS (fd_new_client_dialog_parent_class)->finalize (object);
}

static void
fd_new_client_dialog_class_init (FdNewClientDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fd_new_client_dialog_dispose;
  object_class->finalize = fd_new_client_dialog_finalize;

  /**
   * FdNewClientDialog::client-added:
   * @client_id: the new client's number
   * @name: their first and last name
   */
  signals[CLIENT_ADDED] =
    g_signal_new ("client-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  /**
   * FdNewClientDialog::open-client:
   * @client_id: the existing client the person chose instead of adding one
   */
  signals[OPEN_CLIENT] =
    g_signal_new ("open-client", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/frontdesk/Frontdesk/fd-new-client-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, FdNewClientDialog, add_button);
  gtk_widget_class_bind_template_child (widget_class, FdNewClientDialog, message_group);
  gtk_widget_class_bind_template_child (widget_class, FdNewClientDialog, message_label);
  gtk_widget_class_bind_template_child (widget_class, FdNewClientDialog, identity_group);
  gtk_widget_class_bind_template_child (widget_class, FdNewClientDialog, contact_group);
  gtk_widget_class_bind_template_child (widget_class, FdNewClientDialog, address_group);
  gtk_widget_class_bind_template_child (widget_class, FdNewClientDialog, duplicates_group);
  gtk_widget_class_bind_template_child (widget_class, FdNewClientDialog, duplicates_list);
  gtk_widget_class_bind_template_child (widget_class, FdNewClientDialog, family_group);
  gtk_widget_class_bind_template_child (widget_class, FdNewClientDialog, join_row);
  gtk_widget_class_bind_template_child (widget_class, FdNewClientDialog, self_check);
  gtk_widget_class_bind_template_child (widget_class, FdNewClientDialog, join_check);
  gtk_widget_class_bind_template_child (widget_class, FdNewClientDialog, family_picker);
  gtk_widget_class_bind_template_callback (widget_class, family_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, family_picked_cb);
  gtk_widget_class_bind_template_callback (widget_class, show_message);

  gtk_widget_class_install_action (widget_class, "new-client.add", NULL, add_activated);
  gtk_widget_class_install_action (widget_class, "new-client.open-existing", "s",
                                   open_existing_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "new-client.add", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
fd_new_client_dialog_init (FdNewClientDialog *self)
{
  g_type_ensure (FD_TYPE_FAMILY_PICKER);
  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->invalid = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->cancellable = g_cancellable_new ();
  self->duplicates_cancellable = g_cancellable_new ();
  build_rows (self);
  update_add (self);
}

FdNewClientDialog *
fd_new_client_dialog_new (GtkWindow  *parent,
                          FdDatabase *database)
{
  FdNewClientDialog *self = g_object_new (FD_TYPE_NEW_CLIENT_DIALOG, "transient-for", parent,
                                          NULL);

  g_return_val_if_fail (FD_IS_DATABASE (database), NULL);

  self->database = g_object_ref (database);
  fd_family_picker_set_database (self->family_picker, database);
  return self;
}

/**
 * fd_new_client_dialog_get_row:
 *
 * Returns: (transfer none): the entry of @column, where a person types it
 */
GtkEditable *
fd_new_client_dialog_get_row (FdNewClientDialog *self,
                              const char        *column)
{
  g_return_val_if_fail (FD_IS_NEW_CLIENT_DIALOG (self), NULL);

  return g_hash_table_lookup (self->rows, column);
}

/**
 * fd_new_client_dialog_get_duplicates:
 *
 * Returns: (transfer none): the possible duplicates shown, each with its Open button
 */
GtkListBox *
fd_new_client_dialog_get_duplicates (FdNewClientDialog *self)
{
  g_return_val_if_fail (FD_IS_NEW_CLIENT_DIALOG (self), NULL);

  return self->duplicates_list;
}

/**
 * fd_new_client_dialog_get_family_picker:
 *
 * Returns: (transfer none): where the family's guarantor is searched and picked
 */
FdFamilyPicker *
fd_new_client_dialog_get_family_picker (FdNewClientDialog *self)
{
  g_return_val_if_fail (FD_IS_NEW_CLIENT_DIALOG (self), NULL);

  return self->family_picker;
}

/**
 * fd_new_client_dialog_get_guarantor_id:
 *
 * Returns: (nullable): the guarantor of the family chosen, if any
 */
const char *
fd_new_client_dialog_get_guarantor_id (FdNewClientDialog *self)
{
  g_return_val_if_fail (FD_IS_NEW_CLIENT_DIALOG (self), NULL);

  return self->guarantor_id;
}
