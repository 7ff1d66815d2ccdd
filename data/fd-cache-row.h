/* fd-cache-row.h: one row of a cached lookup table, its columns as text.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define FD_TYPE_CACHE_ROW (fd_cache_row_get_type ())
G_DECLARE_FINAL_TYPE (FdCacheRow, fd_cache_row, FD, CACHE_ROW, GObject)

FdCacheRow *fd_cache_row_new         (const char *id);
const char *fd_cache_row_get_id      (FdCacheRow *self);
const char *fd_cache_row_get         (FdCacheRow *self,
                                      const char *column);
gboolean    fd_cache_row_get_boolean (FdCacheRow *self,
                                      const char *column);
void        fd_cache_row_take_value  (FdCacheRow *self,
                                      const char *column,
                                      char       *value);

G_END_DECLS
