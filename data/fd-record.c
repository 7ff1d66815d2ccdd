/* fd-record.c: one row as an editor holds it: the values it loaded beside the edits, saved
 * by rereading the row under lock and writing only the changed columns.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Values are text as PostgreSQL's jsonb renders them (NULL for SQL NULL), the same on load
 * and in the comparison frontdesk.save_record() makes, so an unchanged value always compares
 * equal. The save is one statement and so one transaction: the function rereads the row
 * FOR UPDATE, compares each changed column with what this editor loaded, and updates only
 * those columns, or writes nothing and reports the conflicts. There is no other way to
 * write a row through this API.
 *
 * Loading, saving and adding, the round trips to the server, are in fd-record-server.c;
 * fd-record-private.h is what the two share.
 */
#include <glib/gi18n-lib.h>
#include <string.h>

#include "fd-record-private.h"

G_DEFINE_QUARK (fd-record-error-quark, fd_record_error)

G_DEFINE_FINAL_TYPE (FdRecord, fd_record, G_TYPE_OBJECT)

G_DEFINE_BOXED_TYPE (FdConflict, fd_conflict, fd_conflict_copy, fd_conflict_free)

enum {
  PROP_0,
  PROP_DIRTY,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

FdConflict *
fd_conflict_copy (const FdConflict *conflict)
{
  FdConflict *copy = g_new0 (FdConflict, 1);

  copy->column = g_strdup (conflict->column);
  copy->original = g_strdup (conflict->original);
  copy->theirs = g_strdup (conflict->theirs);
  copy->mine = g_strdup (conflict->mine);
  return copy;
}

void
fd_conflict_free (FdConflict *conflict)
{
  if (conflict == NULL)
    return;

  g_free (conflict->column);
  g_free (conflict->original);
  g_free (conflict->theirs);
  g_free (conflict->mine);
  g_free (conflict);
}

void
_fd_record_notify_changed (FdRecord   *self,
                           const char *column,
                           gboolean    was_dirty)
{
  g_signal_emit (self, signals[CHANGED], 0, column);
  if (was_dirty != fd_record_is_dirty (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRTY]);
}

/* GObject ---------------------------------------------------------------------------------- */

static void
fd_record_finalize (GObject *object)
{
  FdRecord *self = FD_RECORD (object);

  g_free (self->table);
  g_free (self->id);
  g_ptr_array_unref (self->columns);
  g_hash_table_unref (self->originals);
  g_hash_table_unref (self->edits);

  G_OBJECT_CLASS (fd_record_parent_class)->finalize (object);
}

static void
fd_record_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  FdRecord *self = FD_RECORD (object);

  switch (prop_id)
    {
    case PROP_DIRTY:
      g_value_set_boolean (value, fd_record_is_dirty (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fd_record_class_init (FdRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = fd_record_finalize;
  object_class->get_property = fd_record_get_property;

  properties[PROP_DIRTY] =
    g_param_spec_boolean ("dirty", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FdRecord::changed:
   * @column: (nullable): the column whose value changed, or %NULL for all of them
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
fd_record_init (FdRecord *self)
{
  self->columns = g_ptr_array_new_with_free_func (g_free);
  self->originals = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->edits = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/* Values ----------------------------------------------------------------------------------- */

/**
 * fd_record_new:
 * @table: a table of the frontdesk schema that can be edited (frontdesk.editable_tables)
 * @id: the record's key
 */
FdRecord *
fd_record_new (const char *table,
               const char *id)
{
  FdRecord *self;

  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  self = g_object_new (FD_TYPE_RECORD, NULL);
  self->table = g_strdup (table);
  self->id = g_strdup (id);
  return self;
}

const char *
fd_record_get_table (FdRecord *self)
{
  g_return_val_if_fail (FD_IS_RECORD (self), NULL);

  return self->table;
}

const char *
fd_record_get_id (FdRecord *self)
{
  g_return_val_if_fail (FD_IS_RECORD (self), NULL);

  return self->id;
}

gboolean
fd_record_is_loaded (FdRecord *self)
{
  g_return_val_if_fail (FD_IS_RECORD (self), FALSE);

  return self->loaded;
}

gboolean
fd_record_has_column (FdRecord   *self,
                      const char *column)
{
  g_return_val_if_fail (FD_IS_RECORD (self), FALSE);

  return column != NULL && g_hash_table_contains (self->originals, column);
}

/**
 * fd_record_dup_columns:
 *
 * Returns: (transfer full): the record's columns
 */
GStrv
fd_record_dup_columns (FdRecord *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (FD_IS_RECORD (self), NULL);

  for (guint i = 0; i < self->columns->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (self->columns, i));
  return g_strv_builder_end (builder);
}

/**
 * fd_record_get_original:
 *
 * Returns: (nullable): the value loaded (or last saved), %NULL for SQL NULL
 */
const char *
fd_record_get_original (FdRecord   *self,
                        const char *column)
{
  g_return_val_if_fail (FD_IS_RECORD (self), NULL);

  return g_hash_table_lookup (self->originals, column);
}

/**
 * fd_record_get:
 *
 * Returns: (nullable): the value as edited, or as loaded when unchanged
 */
const char *
fd_record_get (FdRecord   *self,
               const char *column)
{
  gpointer value;

  g_return_val_if_fail (FD_IS_RECORD (self), NULL);

  if (g_hash_table_lookup_extended (self->edits, column, NULL, &value))
    return value;
  return g_hash_table_lookup (self->originals, column);
}

gboolean
fd_record_is_changed (FdRecord   *self,
                      const char *column)
{
  g_return_val_if_fail (FD_IS_RECORD (self), FALSE);

  return g_hash_table_contains (self->edits, column);
}

gboolean
fd_record_is_dirty (FdRecord *self)
{
  g_return_val_if_fail (FD_IS_RECORD (self), FALSE);

  return g_hash_table_size (self->edits) > 0;
}

/**
 * fd_record_dup_changed_columns:
 *
 * Returns: (transfer full): the changed columns, in the record's order
 */
GStrv
fd_record_dup_changed_columns (FdRecord *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (FD_IS_RECORD (self), NULL);

  for (guint i = 0; i < self->columns->len; i++)
    {
      const char *column = g_ptr_array_index (self->columns, i);

      if (g_hash_table_contains (self->edits, column))
        g_strv_builder_add (builder, column);
    }
  return g_strv_builder_end (builder);
}

/* "address_line2" as a person reads it: "address line 2". */
static char *
describe_column (const char *column)
{
  GString *words = g_string_new (NULL);

  for (const char *c = column; *c != '\0'; c++)
    {
      if (*c == '_')
        g_string_append_c (words, ' ');
      else
        {
          if (g_ascii_isdigit (*c) && c > column && g_ascii_isalpha (c[-1]))
            g_string_append_c (words, ' ');
          g_string_append_c (words, *c);
        }
    }
  return g_string_free (words, FALSE);
}

/**
 * fd_record_set:
 * @value: (nullable): the new value as text, %NULL for SQL NULL
 * @length: the length of @value in bytes, or -1 if it ends with a NUL
 *
 * Edits @column. Text that is not UTF-8, or that holds a NUL byte, is refused here;
 * whether the value suits the column is for the server to say when saving. Setting a
 * column back to what was loaded undoes the edit.
 */
gboolean
fd_record_set (FdRecord    *self,
               const char  *column,
               const char  *value,
               gssize       length,
               GError     **error)
{
  g_autofree char *text = NULL;
  g_autofree char *field = NULL;
  gboolean was_dirty;
  gsize size;

  g_return_val_if_fail (FD_IS_RECORD (self), FALSE);
  g_return_val_if_fail (column != NULL, FALSE);

  if (!self->loaded)
    {
      g_set_error (error, FD_RECORD_ERROR, FD_RECORD_ERROR_NOT_LOADED,
                   _("The record is not loaded yet."));
      return FALSE;
    }
  if (!g_hash_table_contains (self->originals, column))
    {
      g_set_error (error, FD_RECORD_ERROR, FD_RECORD_ERROR_UNKNOWN_COLUMN,
                   _("There is no field “%s” here."), column);
      return FALSE;
    }
  size = value == NULL ? 0 : length < 0 ? strlen (value) : (gsize) length;
  if (value != NULL && memchr (value, '\0', size) != NULL)
    {
      field = describe_column (column);
      /* Translators: %s is the field, as "sort order" */
      g_set_error (error, FD_RECORD_ERROR, FD_RECORD_ERROR_INVALID_TEXT,
                   _("The %s holds a NUL character, which cannot be stored."), field);
      return FALSE;
    }
  if (value != NULL && !g_utf8_validate_len (value, size, NULL))
    {
      field = describe_column (column);
      /* Translators: %s is the field, as "sort order" */
      g_set_error (error, FD_RECORD_ERROR, FD_RECORD_ERROR_INVALID_TEXT,
                   _("The %s is not valid text (UTF-8)."), field);
      return FALSE;
    }

  was_dirty = fd_record_is_dirty (self);
  text = value != NULL ? g_strndup (value, size) : NULL;
  if (g_strcmp0 (text, g_hash_table_lookup (self->originals, column)) == 0)
    g_hash_table_remove (self->edits, column);
  else
    g_hash_table_insert (self->edits, g_strdup (column), g_steal_pointer (&text));

  _fd_record_notify_changed (self, column, was_dirty);
  return TRUE;
}

/**
 * fd_record_revert:
 *
 * Drops every edit.
 */
void
fd_record_revert (FdRecord *self)
{
  gboolean was_dirty;

  g_return_if_fail (FD_IS_RECORD (self));

  was_dirty = fd_record_is_dirty (self);
  g_hash_table_remove_all (self->edits);
  _fd_record_notify_changed (self, NULL, was_dirty);
}

/**
 * fd_record_resolve_conflict:
 * @keep_mine: keep this editor's value (%TRUE) or take what is stored (%FALSE)
 *
 * Takes what is stored now as the loaded value of the conflicting column, so that the
 * next save compares against it: the person has seen it and chosen.
 */
void
fd_record_resolve_conflict (FdRecord         *self,
                            const FdConflict *conflict,
                            gboolean          keep_mine)
{
  gboolean was_dirty;

  g_return_if_fail (FD_IS_RECORD (self));
  g_return_if_fail (conflict != NULL);
  g_return_if_fail (g_hash_table_contains (self->originals, conflict->column));

  was_dirty = fd_record_is_dirty (self);
  g_hash_table_insert (self->originals, g_strdup (conflict->column), g_strdup (conflict->theirs));
  if (keep_mine && g_strcmp0 (conflict->mine, conflict->theirs) != 0)
    g_hash_table_insert (self->edits, g_strdup (conflict->column), g_strdup (conflict->mine));
  else
    g_hash_table_remove (self->edits, conflict->column);

  _fd_record_notify_changed (self, conflict->column, was_dirty);
}

/**
 * fd_record_take_stored:
 * @value: (nullable): what is stored in @column now, %NULL for SQL NULL
 *
 * Someone else saved @column: what is stored becomes its loaded value. An unedited column
 * shows it from now on; an edit is kept as it is (nothing typed is lost), unless it is
 * that very value, when it is an edit no longer.
 */
void
fd_record_take_stored (FdRecord   *self,
                       const char *column,
                       const char *value)
{
  gpointer edit;
  gboolean was_dirty;

  g_return_if_fail (FD_IS_RECORD (self));
  g_return_if_fail (g_hash_table_contains (self->originals, column));

  was_dirty = fd_record_is_dirty (self);
  g_hash_table_insert (self->originals, g_strdup (column), g_strdup (value));
  if (g_hash_table_lookup_extended (self->edits, column, NULL, &edit) &&
      g_strcmp0 (edit, value) == 0)
    g_hash_table_remove (self->edits, column);

  _fd_record_notify_changed (self, column, was_dirty);
}
