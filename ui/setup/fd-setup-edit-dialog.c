/* fd-setup-edit-dialog.c: the dialog that edits a row of a Setup list, or adds one.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A procedure code's dialog also shows its fee in a fee schedule picked there, under that
 * schedule's save lock (FdFeeField). While it is open, the row follows the database: what
 * another workstation saves shows in place, or marked where something is typed; Save sends
 * only what is typed here (a field still marked keeps what is typed).
 */
#include <glib/gi18n.h>

#include "fd-fee-field.h"
#include "fd-setup-edit-dialog.h"

struct _FdSetupEditDialog
{
  AdwMessageDialog      parent_instance;

  /* Template widgets */
  GtkBox               *fields_box;
  GtkListBox           *field_list;

  /* Owned */
  GtkWidget            *owner;      /* tells of failures after the dialog is gone */
  FdDatabase           *database;
  char                 *id;         /* the row edited, NULL for a new one */

  /* Borrowed */
  const FdSetupSection *section;
  FdFeeField           *fee;
};

G_DEFINE_FINAL_TYPE (FdSetupEditDialog, fd_setup_edit_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
fee_saved_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GtkWidget) owner = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!fd_fee_field_save_finish (FD_FEE_FIELD (object), result, &error))
    {
      /* Translators: %s says why, in the server's words */
      message = g_strdup_printf (_("The fee is not saved: %s"), error->message);
      fd_setup_report (owner, message);
    }
}

static GHashTable *
collect_values (FdSetupEditDialog *self)
{
  GHashTable *values = fd_setup_values_new ();

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->field_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      if (self->id != NULL)
        fd_setup_field_row_collect_edited (row, values);
      else
        fd_setup_field_row_collect (row, values);
    }
  return values;
}

/* The table changed in the cache: the row edited here may be among the changes. */
static void
table_changed_cb (FdSetupEditDialog *self,
                  guint              position,
                  guint              removed,
                  guint              added,
                  GListModel        *model)
{
  for (guint i = 0; self->id != NULL && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(FdCacheRow) stored = g_list_model_get_item (model, i);

      if (g_strcmp0 (fd_cache_row_get_id (stored), self->id) != 0)
        continue;
      for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->field_list));
           row != NULL;
           row = gtk_widget_get_next_sibling (row))
        fd_setup_field_row_follow (row, self->database, self->section->table, self->id,
                                   stored);
      return;
    }
}

static void
response_cb (FdSetupEditDialog *self,
             const char        *response)
{
  g_autoptr(GHashTable) values = NULL;

  if (!g_str_equal (response, "save"))
    return;

  /* Sent before the dialog closes, and so before the fee's lock is let go. */
  if (self->fee != NULL && fd_fee_field_get_changed (self->fee))
    fd_fee_field_save_async (self->fee, NULL, fee_saved_cb, g_object_ref (self->owner));

  values = collect_values (self);
  if (self->id != NULL)
    {
      /* Fixed once made: a definition's list. */
      if (g_str_equal (self->section->table, "definitions"))
        g_hash_table_remove (values, "category");
      fd_setup_save_values (self->owner, self->database, self->section->table, self->id,
                            values);
    }
  else
    fd_setup_insert_values (self->owner, self->database, self->section->table, values);
}

static void
fill (FdSetupEditDialog *self,
      FdCacheRow        *row)
{
  for (guint i = 0; i < self->section->n_fields; i++)
    {
      const FdSetupField *field = &self->section->fields[i];
      GtkWidget *field_row = fd_setup_field_row_new (field, row != NULL
                                                            ? fd_cache_row_get (row, field->column)
                                                            : NULL);

      /* A definition's list is chosen when it is made and fixed afterwards. */
      if (row != NULL && g_str_equal (field->column, "category"))
        gtk_editable_set_editable (GTK_EDITABLE (field_row), FALSE);
      gtk_list_box_append (self->field_list, field_row);
    }

  /* A procedure code's fee, in a schedule picked in the dialog, under that schedule's lock. */
  if (row != NULL && g_str_equal (self->section->table, "procedure_codes"))
    {
      self->fee = FD_FEE_FIELD (fd_fee_field_new (self->database, fd_cache_row_get_id (row)));
      gtk_box_append (self->fields_box, GTK_WIDGET (self->fee));
    }
}

static void
fd_setup_edit_dialog_dispose (GObject *object)
{
  FdSetupEditDialog *self = FD_SETUP_EDIT_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), FD_TYPE_SETUP_EDIT_DIALOG);
  self->fee = NULL;
  g_clear_object (&self->owner);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (fd_setup_edit_dialog_parent_class)->dispose (object);
}

static void
fd_setup_edit_dialog_finalize (GObject *object)
{
  FdSetupEditDialog *self = FD_SETUP_EDIT_DIALOG (object);

  g_free (self->id);

  G_OBJECT_CLASS (fd_setup_edit_dialog_parent_class)->finalize (object);
}

static void
fd_setup_edit_dialog_class_init (FdSetupEditDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fd_setup_edit_dialog_dispose;
  object_class->finalize = fd_setup_edit_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/frontdesk/Frontdesk/fd-setup-edit-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, FdSetupEditDialog, fields_box);
  gtk_widget_class_bind_template_child (widget_class, FdSetupEditDialog, field_list);
  gtk_widget_class_bind_template_callback (widget_class, response_cb);
}

static void
fd_setup_edit_dialog_init (FdSetupEditDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * fd_setup_edit_dialog_present:
 * @owner: the widget asking: the dialog is on its window, which is told if a save fails
 * @row: (nullable): the row to edit, or NULL for a new one
 *
 * Shows the fields of @section, and saves (or adds) them when Save (or Add) is picked.
 *
 * Returns: (transfer none): the dialog, shown
 */
FdSetupEditDialog *
fd_setup_edit_dialog_present (GtkWidget            *owner,
                              FdDatabase           *database,
                              const FdSetupSection *section,
                              FdCacheRow           *row)
{
  GtkRoot *root;
  FdSetupEditDialog *self;

  g_return_val_if_fail (GTK_IS_WIDGET (owner), NULL);
  g_return_val_if_fail (FD_IS_DATABASE (database), NULL);
  g_return_val_if_fail (section != NULL, NULL);

  root = gtk_widget_get_root (owner);
  self = g_object_new (FD_TYPE_SETUP_EDIT_DIALOG,
                       "transient-for", GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                       "heading", row != NULL ? _("Edit") : _(section->add_label),
                       NULL);
  self->owner = g_object_ref (owner);
  self->database = g_object_ref (database);
  self->section = section;
  self->id = row != NULL ? g_strdup (fd_cache_row_get_id (row)) : NULL;
  if (row == NULL)
    adw_message_dialog_set_response_label (ADW_MESSAGE_DIALOG (self), "save", _("_Add"));
  fill (self, row);
  if (row != NULL)
    g_signal_connect_object (fd_cache_get_table (fd_database_get_cache (database),
                                                 section->table),
                             "items-changed", G_CALLBACK (table_changed_cb), self,
                             G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (self));
  return self;
}
