/* fd-record-private.h: the instance that fd-record.c (values and edits) and
 * fd-record-server.c (loading, saving, adding) share.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fd-record.h"

G_BEGIN_DECLS

struct _FdRecord
{
  GObject     parent_instance;

  /* Owned */
  char       *table;
  char       *id;
  GPtrArray  *columns;     /* in the order loaded */
  GHashTable *originals;   /* column → value, NULL for SQL NULL */
  GHashTable *edits;       /* column → new value, NULL for SQL NULL */
  gboolean    loaded;
  gboolean    account_only;  /* saved through frontdesk.account_save() */
};

void _fd_record_notify_changed (FdRecord   *self,
                                const char *column,
                                gboolean    was_dirty);

G_END_DECLS
