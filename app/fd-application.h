/* fd-application.h: the Frontdesk application: options, actions, and the practice database
 * that every window shows.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "fd-database.h"

G_BEGIN_DECLS

#define FD_TYPE_APPLICATION (fd_application_get_type ())
G_DECLARE_FINAL_TYPE (FdApplication, fd_application, FD, APPLICATION, AdwApplication)

FdApplication *fd_application_new               (void);
FdDatabase    *fd_application_get_database      (FdApplication        *self);
void           fd_application_set_server_config (FdApplication        *self,
                                                 const FdServerConfig *config);
void           fd_application_reconnect         (FdApplication        *self);

G_END_DECLS
