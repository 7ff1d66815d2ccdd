/* frontdesk-admin.h: what the command files of frontdesk-admin share: the exit statuses,
 * the open database, and waiting for the server one thing at a time.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "fd-database.h"

G_BEGIN_DECLS

enum {
  EXIT_OK = 0,
  EXIT_FAILED = 1,
  EXIT_USAGE = 2,
  EXIT_REFUSED = 3,
  EXIT_CONNECTION = 4,
  EXIT_FOUND = 5,
};

typedef struct
{
  FdDatabase   *database;
  FdConnection *connection;
} Admin;

void          store_result_cb (GObject       *object,
                               GAsyncResult  *result,
                               gpointer       user_data);
GAsyncResult *wait_for        (GAsyncResult **slot);
int           fail            (const GError  *error);
int           usage_error     (const char    *message);

/* The administration commands (frontdesk-admin-server.c) and their options. */
extern const GOptionEntry admin_server_entries[];
extern const GOptionEntry admin_audit_user_entry[];

int locks_list_command        (Admin  *admin,
                               char  **args);
int locks_break_command       (Admin  *admin,
                               char  **args);
int savelocks_list_command    (Admin  *admin,
                               char  **args);
int savelocks_take_command    (Admin  *admin,
                               char  **args);
int savelocks_break_command   (Admin  *admin,
                               char  **args);
int sessions_command          (Admin  *admin,
                               char  **args);
int maintenance_on_command    (Admin  *admin,
                               char  **args);
int maintenance_off_command   (Admin  *admin,
                               char  **args);
int maintenance_status_command (Admin  *admin,
                                char  **args);
int audit_command             (Admin  *admin,
                               char  **args);
int integrity_command         (Admin  *admin,
                               char  **args);

G_END_DECLS
