/* fd-server-config.h: which database server a workstation uses; an empty host means the
 * embedded server in the user's data folder.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "fd-types.h"

G_BEGIN_DECLS

struct _FdServerConfig
{
  char  *host;          /* "" for the embedded server; else one host or several,
                         * "db1, db2:5433" (a port of its own after a colon) */
  guint  port;
  char  *database;
  char  *user;          /* "" for the account name */
  char  *password;      /* NULL unless given */
  char  *tls_mode;      /* libpq sslmode, or "automatic" */
  char  *ca_file;       /* libpq sslrootcert; "" for none */
  char  *data_folder;   /* the embedded server's folder; NULL for the default */
  char  *workstation;   /* how other users see this computer */
};

#define FD_TYPE_SERVER_CONFIG (fd_server_config_get_type ())
GType           fd_server_config_get_type          (void) G_GNUC_CONST;

FdServerConfig *fd_server_config_new               (void);
FdServerConfig *fd_server_config_new_from_settings (GSettings            *settings);
FdServerConfig *fd_server_config_copy              (const FdServerConfig *self);
void            fd_server_config_free              (FdServerConfig       *self);
FdServerConfig *fd_server_config_new_for_workstation (void);
gboolean        fd_server_config_override          (FdServerConfig       *self,
                                                    const char           *host,
                                                    int                   port,
                                                    const char           *database,
                                                    const char           *user,
                                                    const char           *data_folder,
                                                    gboolean             *changed,
                                                    GError              **error);
gboolean        fd_server_config_is_embedded       (const FdServerConfig *self);
char           *fd_server_config_describe          (const FdServerConfig *self);
const char     *fd_server_config_get_sslmode       (const FdServerConfig *self);
gboolean        fd_server_config_parse_hosts       (const char           *text,
                                                    guint                 default_port,
                                                    char                **hosts,
                                                    char                **ports,
                                                    GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FdServerConfig, fd_server_config_free)

G_END_DECLS
