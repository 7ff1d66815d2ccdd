/* fd-cache-row.c: one row of a cached lookup table, its columns as text.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "fd-cache-row.h"

struct _FdCacheRow
{
  GObject     parent_instance;

  char       *id;
  GHashTable *values;   /* column → text, NULL for SQL NULL */
};

G_DEFINE_FINAL_TYPE (FdCacheRow, fd_cache_row, G_TYPE_OBJECT)

static void
fd_cache_row_finalize (GObject *object)
{
  FdCacheRow *self = FD_CACHE_ROW (object);

  g_free (self->id);
  g_hash_table_unref (self->values);

  G_OBJECT_CLASS (fd_cache_row_parent_class)->finalize (object);
}

static void
fd_cache_row_class_init (FdCacheRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = fd_cache_row_finalize;
}

static void
fd_cache_row_init (FdCacheRow *self)
{
  self->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

FdCacheRow *
fd_cache_row_new (const char *id)
{
  FdCacheRow *self = g_object_new (FD_TYPE_CACHE_ROW, NULL);

  self->id = g_strdup (id);
  return self;
}

const char *
fd_cache_row_get_id (FdCacheRow *self)
{
  g_return_val_if_fail (FD_IS_CACHE_ROW (self), NULL);

  return self->id;
}

/**
 * fd_cache_row_get:
 *
 * Returns: (nullable): the value of @column as text, %NULL for SQL NULL or no such column
 */
const char *
fd_cache_row_get (FdCacheRow *self,
                  const char *column)
{
  g_return_val_if_fail (FD_IS_CACHE_ROW (self), NULL);

  return g_hash_table_lookup (self->values, column);
}

gboolean
fd_cache_row_get_boolean (FdCacheRow *self,
                          const char *column)
{
  return g_strcmp0 (fd_cache_row_get (self, column), "true") == 0;
}

void
fd_cache_row_take_value (FdCacheRow *self,
                         const char *column,
                         char       *value)
{
  g_return_if_fail (FD_IS_CACHE_ROW (self));

  g_hash_table_insert (self->values, g_strdup (column), value);
}
