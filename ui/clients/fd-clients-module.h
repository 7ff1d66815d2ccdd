/* fd-clients-module.h: the Clients module: search the practice's clients and edit one in
 * Client Details.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "fd-client-editor.h"
#include "fd-database.h"
#include "fd-module.h"

G_BEGIN_DECLS

#define FD_TYPE_CLIENTS_MODULE (fd_clients_module_get_type ())
G_DECLARE_FINAL_TYPE (FdClientsModule, fd_clients_module, FD, CLIENTS_MODULE, GtkWidget)

FdClientsModule *fd_clients_module_new           (FdDatabase      *database);
void             fd_clients_module_set_database  (FdClientsModule *self,
                                                  FdDatabase      *database);
FdClientEditor  *fd_clients_module_get_editor    (FdClientsModule *self);
GListModel      *fd_clients_module_get_results   (FdClientsModule *self);
void             fd_clients_module_search        (FdClientsModule *self,
                                                  const char      *text);
const char      *fd_clients_module_get_selected_client_id (FdClientsModule *self);
void             fd_clients_module_select        (FdClientsModule *self,
                                                  guint            position);

G_END_DECLS
