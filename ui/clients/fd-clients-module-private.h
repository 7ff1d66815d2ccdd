/* fd-clients-module-private.h: what the parts of the Clients module share: the search and
 * Client Details beside it (fd-clients-module.c) and a result's context menu
 * (fd-clients-module-menu.c).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fd-clients-module.h"
#include "fd-open-records.h"

G_BEGIN_DECLS

struct _FdClientsModule
{
  GtkWidget           parent_instance;

  /* Template widgets */
  GtkSearchEntry     *search_entry;
  GtkCheckButton     *include_archived_check;
  GtkListView        *list_view;
  GtkLabel           *status_label;
  FdClientEditor     *editor;

  /* Owned */
  FdDatabase         *database;
  GListStore         *results;
  GtkSingleSelection *selection;
  GCancellable       *search_cancellable;
  GSignalGroup       *signal_group;     /* the database's signals */
  FdOpenRecords      *open_records;     /* the clients other desks have open */
  GtkPopover         *menu;             /* a result's context menu */

  gboolean            restoring_selection;
  gboolean            closing_window;
};

/* fd-clients-module.c */
void fd_clients_module_open_client        (FdClientsModule *self,
                                           const char      *client_id,
                                           gboolean         archive);

/* fd-clients-module-menu.c */
void fd_clients_module_init_menu          (FdClientsModule *self);
void fd_clients_module_dispose_menu       (FdClientsModule *self);
void fd_clients_module_setup_menu_row     (FdClientsModule *self,
                                           GtkWidget       *row);
void fd_clients_module_class_add_menu_actions (GtkWidgetClass *widget_class);

G_END_DECLS
