/* fd-setup-entry-row.c: a text field of a Setup form, with the column it edits, following
 * what another workstation saves in it.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The row keeps the value it was filled with. When the stored value changes, a row not
 * typed in shows it in place, marked for a few seconds with who changed it; a row typed in
 * keeps what is typed and is marked with their value and name, Use Theirs and Keep Mine
 * (both take their value as the one loaded, so only what is still the person's own counts
 * as edited). A change this session saved itself shows without a mark.
 */
#include <string.h>

#include "fd-field-mark.h"
#include "fd-setup-entry-row.h"

struct _FdSetupEntryRow
{
  AdwEntryRow  parent_instance;

  /* Borrowed: a suffix of the row */
  FdFieldMark *mark;

  /* Owned */
  char        *column;
  char        *loaded;      /* what the row was filled with, NULL for nothing */
  FdFieldChange *theirs;    /* saved elsewhere while typed in here, until settled */
};

G_DEFINE_FINAL_TYPE (FdSetupEntryRow, fd_setup_entry_row, ADW_TYPE_ENTRY_ROW)

static void
fd_setup_entry_row_finalize (GObject *object)
{
  FdSetupEntryRow *self = FD_SETUP_ENTRY_ROW (object);

  g_free (self->column);
  g_free (self->loaded);
  g_clear_pointer (&self->theirs, fd_field_change_free);

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

/* A time of day as the server writes it ("08:00:00") is shown as it is typed ("08:00"), and
 * kept so: what the row was filled with is what it shows, so it is not taken for an edit. */
static char *
dup_shown (const char *value)
{
  if (value != NULL && strlen (value) == 8 && g_str_has_suffix (value, ":00") &&
      g_ascii_isdigit (value[0]) && g_ascii_isdigit (value[1]) && value[2] == ':' &&
      g_ascii_isdigit (value[3]) && g_ascii_isdigit (value[4]))
    return g_strndup (value, 5);
  return g_strdup (value);
}

static void
settle (FdSetupEntryRow *self,
        gboolean         keep_mine)
{
  g_autoptr(FdFieldChange) theirs = g_steal_pointer (&self->theirs);

  if (theirs == NULL)
    return;
  g_free (self->loaded);
  self->loaded = dup_shown (theirs->value);
  if (keep_mine)
    fd_field_mark_clear (self->mark);
  else
    {
      gtk_editable_set_text (GTK_EDITABLE (self), self->loaded != NULL ? self->loaded : "");
      fd_field_mark_show_change (self->mark, theirs);
    }
}

static void
use_theirs_cb (FdSetupEntryRow *self)
{
  settle (self, FALSE);
}

static void
keep_mine_cb (FdSetupEntryRow *self)
{
  settle (self, TRUE);
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
  self->mark = fd_field_mark_attach (GTK_WIDGET (self), title);
  g_signal_connect_object (self->mark, "use-theirs", G_CALLBACK (use_theirs_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->mark, "keep-mine", G_CALLBACK (keep_mine_cb), self,
                           G_CONNECT_SWAPPED);
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

  g_free (self->loaded);
  self->loaded = dup_shown (value);
  g_clear_pointer (&self->theirs, fd_field_change_free);
  gtk_editable_set_text (GTK_EDITABLE (self), self->loaded != NULL ? self->loaded : "");
  fd_field_mark_clear (self->mark);
}

/* Whether what is typed differs from what the row was filled with (or settled to). */
gboolean
fd_setup_entry_row_get_edited (FdSetupEntryRow *self)
{
  g_autofree char *value = NULL;

  g_return_val_if_fail (FD_IS_SETUP_ENTRY_ROW (self), FALSE);

  value = fd_setup_entry_row_dup_value (self);
  return g_strcmp0 (value, self->loaded) != 0;
}

/* What the row was filled with (or settled to), NULL for nothing. */
const char *
fd_setup_entry_row_get_loaded (FdSetupEntryRow *self)
{
  g_return_val_if_fail (FD_IS_SETUP_ENTRY_ROW (self), NULL);

  return self->loaded;
}

/**
 * fd_setup_entry_row_follow:
 * @stored: (nullable): what is stored in the column now
 * @change: (nullable): who saved it, from the database; %NULL when this session did
 *
 * Someone may have saved the column: shown in place when nothing is typed here, marked
 * with their value and name, Use Theirs and Keep Mine when something is.
 */
void
fd_setup_entry_row_follow (FdSetupEntryRow     *self,
                           const char          *stored_value,
                           const FdFieldChange *change)
{
  g_autofree char *value = NULL;
  g_autofree char *stored = dup_shown (stored_value);
  g_autofree char *theirs = NULL;

  g_return_if_fail (FD_IS_SETUP_ENTRY_ROW (self));

  if (self->theirs != NULL)
    theirs = dup_shown (self->theirs->value);
  if (g_strcmp0 (stored, self->loaded) == 0 ||
      (self->theirs != NULL && g_strcmp0 (stored, theirs) == 0))
    return;
  value = fd_setup_entry_row_dup_value (self);
  if (g_strcmp0 (value, self->loaded) == 0 || g_strcmp0 (value, stored) == 0)
    {
      fd_setup_entry_row_set_value (self, stored);
      if (change != NULL)
        fd_field_mark_show_change (self->mark, change);
      return;
    }
  /* Saved by this session (another of its forms): what is typed here stays to be saved. */
  if (change == NULL)
    {
      g_free (self->loaded);
      self->loaded = g_strdup (stored);
      return;
    }
  g_clear_pointer (&self->theirs, fd_field_change_free);
  self->theirs = fd_field_change_copy (change);
  fd_field_mark_show_conflict (self->mark, change, stored);
}

/* Whether the row is marked with a value saved elsewhere, until the person settles it. */
gboolean
fd_setup_entry_row_get_conflicted (FdSetupEntryRow *self)
{
  g_return_val_if_fail (FD_IS_SETUP_ENTRY_ROW (self), FALSE);

  return self->theirs != NULL;
}

/* Drops what is typed: the row shows what is stored, their fee where one is marked. */
void
fd_setup_entry_row_revert (FdSetupEntryRow *self)
{
  g_autofree char *loaded = NULL;

  g_return_if_fail (FD_IS_SETUP_ENTRY_ROW (self));

  if (self->theirs != NULL)
    {
      settle (self, FALSE);
      return;
    }
  loaded = g_strdup (self->loaded);
  fd_setup_entry_row_set_value (self, loaded);
}
