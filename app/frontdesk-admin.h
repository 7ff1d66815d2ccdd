/* frontdesk-admin.h: what the command files of frontdesk-admin share: the exit statuses,
 * the open database, and waiting for the server one thing at a time.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "fd-pg.h"
#include "fd-embedded-server.h"
#include "fd-session.h"

G_BEGIN_DECLS

enum {
  EXIT_OK = 0,
  EXIT_FAILED = 1,
  EXIT_USAGE = 2,
  EXIT_REFUSED = 3,
  EXIT_CONNECTION = 4,
  EXIT_FOUND = 5,
};

/* Which server, as the command line and the environment name it (frontdesk-admin.c). */
typedef struct
{
  char     *host;         /* -h: NULL when not given, "" for the built-in database */
  char     *port;         /* -p: one port, or one for each host */
  char     *dbname;       /* -d: a database name or a libpq connection string */
  char     *user;         /* -U */
  char     *data_folder;  /* --data-folder: the built-in database's folder */
  char     *workstation;  /* how the audit log names this command's session */
  gboolean  no_password;  /* -w: never ask */
} AdminTarget;

/* How far a command needs the database opened. */
typedef enum
{
  ADMIN_OPEN_INSPECT,  /* connect and read, change nothing (status) */
  ADMIN_OPEN_MIGRATE,  /* create the built-in database if missing (migrate) */
  ADMIN_OPEN_SESSION,  /* a database of this layout, signed in as a session of its own */
} AdminOpen;

typedef struct
{
  FdEmbeddedServer *embedded;     /* NULL for another server */
  FdConnection     *connection;
  FdSession        *session;      /* with ADMIN_OPEN_SESSION */
  char             *dbname;       /* the built-in database's name */
  gboolean          created;      /* migrate created the built-in database */
  guint             layout;       /* the database layout version found on opening */
} Admin;

/* Whether a listing prints JSON (--json). */
extern gboolean admin_json;
extern const GOptionEntry admin_json_entries[];

void          store_result_cb (GObject       *object,
                               GAsyncResult  *result,
                               gpointer       user_data);
GAsyncResult *wait_for        (GAsyncResult **slot);
PGresult     *run_query       (Admin               *admin,
                               const char          *sql,
                               guint                n_params,
                               const char * const  *params,
                               GError             **error);
int           fail            (const GError  *error);
int           usage_error     (const char    *message);
char         *read_password   (const char    *prompt);

/* Opening and closing the database (frontdesk-admin-connect.c). */
int  admin_open              (Admin              *admin,
                              const AdminTarget  *target,
                              AdminOpen           how);
void admin_close             (Admin              *admin);
int  status_command          (Admin              *admin,
                              char              **args);
int  migrate_command         (Admin              *admin,
                              char              **args);

/* The administration commands (frontdesk-admin-server.c) and their options. */
extern const GOptionEntry admin_maintenance_on_entries[];
extern const GOptionEntry admin_integrity_entries[];
extern const GOptionEntry admin_audit_entries[];

/* frontdesk-admin-clients.c */
int client_show_command       (Admin  *admin,
                               char  **args);
int client_set_command        (Admin  *admin,
                               char  **args);

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
