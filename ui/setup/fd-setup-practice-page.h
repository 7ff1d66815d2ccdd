/* fd-setup-practice-page.h: Setup's Practice section: the settings of every workstation
 * of the practice.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "fd-database.h"

G_BEGIN_DECLS

#define FD_TYPE_SETUP_PRACTICE_PAGE (fd_setup_practice_page_get_type ())
G_DECLARE_FINAL_TYPE (FdSetupPracticePage, fd_setup_practice_page, FD, SETUP_PRACTICE_PAGE,
                      AdwPreferencesPage)

GtkWidget *fd_setup_practice_page_new (FdDatabase *database);

G_END_DECLS
