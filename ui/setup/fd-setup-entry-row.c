/* fd-setup-entry-row.c: a text field of a Setup form, with the column it edits.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "fd-setup-entry-row.h"

struct _FdSetupEntryRow
{
  AdwEntryRow  parent_instance;

  /* Owned */
  char        *column;
};

G_DEFINE_FINAL_TYPE (FdSetupEntryRow, fd_setup_entry_row, ADW_TYPE_ENTRY_ROW)

static void
fd_setup_entry_row_finalize (GObject *object)
{
  FdSetupEntryRow *self = FD_SETUP_ENTRY_ROW (object);

  g_free (self->column);

  G_OBJECT_CLASS (fd_setup_entry_row_parent_class)->finalize (object);
}

static void
fd_setup_entry_row_class_init (FdSetupEntryRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = fd_setup_entry_row_finalize;
}

static void
fd_setup_entry_row_init (FdSetupEntryRow *self)
{
}

/* @value: (nullable): the text shown, NULL for none */
GtkWidget *
fd_setup_entry_row_new (const char *column,
                        const char *title,
                        const char *value)
{
  FdSetupEntryRow *self;

  g_return_val_if_fail (column != NULL, NULL);

  self = g_object_new (FD_TYPE_SETUP_ENTRY_ROW, "title", title, NULL);
  self->column = g_strdup (column);
  fd_setup_entry_row_set_value (self, value);
  return GTK_WIDGET (self);
}

const char *
fd_setup_entry_row_get_column (FdSetupEntryRow *self)
{
  g_return_val_if_fail (FD_IS_SETUP_ENTRY_ROW (self), NULL);

  return self->column;
}

/* What is typed, without the spaces around it; NULL when nothing is. */
char *
fd_setup_entry_row_dup_value (FdSetupEntryRow *self)
{
  const char *text;

  g_return_val_if_fail (FD_IS_SETUP_ENTRY_ROW (self), NULL);

  text = gtk_editable_get_text (GTK_EDITABLE (self));
  return text[0] != '\0' ? g_strstrip (g_strdup (text)) : NULL;
}

void
fd_setup_entry_row_set_value (FdSetupEntryRow *self,
                              const char      *value)
{
  g_return_if_fail (FD_IS_SETUP_ENTRY_ROW (self));

  gtk_editable_set_text (GTK_EDITABLE (self), value != NULL ? value : "");
}
