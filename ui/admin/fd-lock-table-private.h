/* fd-lock-table-private.h: what the lock table's files share.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fd-administration.h"
#include "fd-lock-table.h"

G_BEGIN_DECLS

struct _FdLockTable
{
  GtkWidget           parent_instance;

  /* Template widgets */
  GtkLabel           *state_label;
  GtkColumnView      *lock_view;
  GtkLabel           *locks_empty;
  GtkColumnView      *session_view;

  /* Owned */
  FdDatabase         *database;
  FdAdministration   *administration;
  GCancellable       *cancellable;
  GListStore         *locks;          /* FdLockRow, as shown */
  GListStore         *sessions;       /* FdSessionRow, as shown */
  GtkSingleSelection *lock_selection;

  /* State */
  guint               reread_source;
  gboolean            keep_state;     /* an action's outcome stays for the reload it causes */
  gboolean            loading;
  gboolean            load_again;
};

void _fd_lock_table_show_state         (FdLockTable    *self,
                                        const char     *message);
void _fd_lock_table_update_actions     (FdLockTable    *self);
void _fd_lock_table_class_actions_init (GtkWidgetClass *widget_class);

G_END_DECLS
