/* fd-setup-list-page.h: a Setup section that lists a table's rows, each with Edit and Hide,
 * and adds new ones.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "fd-database.h"
#include "fd-setup-sections.h"

G_BEGIN_DECLS

#define FD_TYPE_SETUP_LIST_PAGE (fd_setup_list_page_get_type ())
G_DECLARE_FINAL_TYPE (FdSetupListPage, fd_setup_list_page, FD, SETUP_LIST_PAGE,
                      AdwPreferencesPage)

GtkWidget *fd_setup_list_page_new (FdDatabase           *database,
                                   const FdSetupSection *section);

G_END_DECLS
