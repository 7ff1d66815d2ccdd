/* fd-model-util.h: what the data layer's row objects and their list models share: setters
 * that say whether a value changed, and updating a list store in place from a fresh read.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

gboolean fd_set_string             (char       **field,
                                    const char  *value);
gboolean fd_set_date_time          (GDateTime  **field,
                                    GDateTime   *value);
void     fd_object_copy_properties (GObject     *into,
                                    GObject     *from);
void     fd_list_store_sync        (GListStore  *store,
                                    GListModel  *fresh,
                                    GEqualFunc   same);

G_END_DECLS
