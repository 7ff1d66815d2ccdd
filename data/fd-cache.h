/* fd-cache.h: the lookup tables every window needs, loaded once and reloaded table by
 * table when a signal says one changed.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "fd-cache-row.h"
#include "fd-session-names.h"
#include "fd-signals.h"

G_BEGIN_DECLS

#define FD_TYPE_CACHE (fd_cache_get_type ())
G_DECLARE_FINAL_TYPE (FdCache, fd_cache, FD, CACHE, GObject)

FdCache            *fd_cache_new          (FdConnection *connection,
                                           FdSignals    *signals);
const char * const *fd_cache_list_tables  (void);
GListModel         *fd_cache_get_table    (FdCache      *self,
                                           const char   *table);
FdCacheRow         *fd_cache_lookup       (FdCache      *self,
                                           const char   *table,
                                           const char   *id);
guint               fd_cache_get_loads    (FdCache      *self,
                                           const char   *table);
gboolean            fd_cache_get_loaded   (FdCache      *self);
void                fd_cache_reload       (FdCache      *self,
                                           const char   *table);
FdSessionNames     *fd_cache_get_session_names (FdCache *self);
gint64              fd_cache_get_origin   (FdCache      *self,
                                           const char   *table,
                                           const char   *key);

G_END_DECLS
