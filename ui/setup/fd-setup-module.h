/* fd-setup-module.h: the Setup module: the practice's lists (providers, employees,
 * operatories, definitions, procedure codes, fee schedules, insurance categories) and its
 * settings, edited by administrators, hidden and never deleted.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "fd-database.h"
#include "fd-module.h"

G_BEGIN_DECLS

#define FD_TYPE_SETUP_MODULE (fd_setup_module_get_type ())
G_DECLARE_FINAL_TYPE (FdSetupModule, fd_setup_module, FD, SETUP_MODULE, GtkWidget)

FdSetupModule *fd_setup_module_new           (FdDatabase    *database);
void           fd_setup_module_set_database  (FdSetupModule *self,
                                              FdDatabase    *database);
void           fd_setup_module_show_section  (FdSetupModule *self,
                                              const char    *table);
void           fd_setup_module_edit          (FdSetupModule *self,
                                              const char    *table,
                                              const char    *id);
void           fd_setup_module_set_hidden    (FdSetupModule *self,
                                              const char    *table,
                                              const char    *id,
                                              gboolean       hidden);
void           fd_setup_module_set_show_hidden (FdSetupModule *self,
                                                gboolean       show_hidden);

G_END_DECLS
