/* fd-database.h: opens the practice database: starts the embedded server when no server is
 * set, connects, creates the database on first use and brings its schema up to date.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "fd-connection.h"
#include "fd-embedded-server.h"
#include "fd-server-config.h"
#include "fd-cache.h"
#include "fd-lock-manager.h"
#include "fd-maintenance.h"
#include "fd-session.h"

G_BEGIN_DECLS

typedef enum
{
  FD_DATABASE_PHASE_IDLE,
  FD_DATABASE_PHASE_OPENING,
  FD_DATABASE_PHASE_READY,
  FD_DATABASE_PHASE_FAILED,
} FdDatabasePhase;

#define FD_TYPE_DATABASE_PHASE (fd_database_phase_get_type ())
GType fd_database_phase_get_type (void) G_GNUC_CONST;

#define FD_TYPE_DATABASE (fd_database_get_type ())
G_DECLARE_FINAL_TYPE (FdDatabase, fd_database, FD, DATABASE, GObject)

FdDatabase           *fd_database_new                 (const FdServerConfig  *config);
const FdServerConfig *fd_database_get_config          (FdDatabase            *self);
FdConnection         *fd_database_get_connection      (FdDatabase            *self);
FdEmbeddedServer     *fd_database_get_embedded_server (FdDatabase            *self);
FdSignals            *fd_database_get_signals         (FdDatabase            *self);
FdCache              *fd_database_get_cache           (FdDatabase            *self);
FdSessionNames       *fd_database_get_session_names   (FdDatabase            *self);
FdFieldChange        *fd_database_dup_cached_change   (FdDatabase            *self,
                                                       const char            *table,
                                                       const char            *key,
                                                       const char            *column,
                                                       const char            *value);
void                  fd_database_set_refresh_interval (FdDatabase           *self,
                                                        guint                 seconds);
FdLockManager        *fd_database_get_lock_manager    (FdDatabase            *self);
FdMaintenance        *fd_database_get_maintenance     (FdDatabase            *self);
FdSession            *fd_database_get_session         (FdDatabase            *self);
const char           *fd_database_get_description     (FdDatabase            *self);
const char           *fd_database_get_practice_name   (FdDatabase            *self);
const char           *fd_database_get_notice          (FdDatabase            *self);
const char           *fd_database_get_server_version  (FdDatabase            *self);
guint                 fd_database_get_schema_version  (FdDatabase            *self);
FdDatabasePhase       fd_database_get_phase           (FdDatabase            *self);
const char           *fd_database_get_progress        (FdDatabase            *self);
const GError         *fd_database_get_error           (FdDatabase            *self);
GDateTime            *fd_database_get_last_refresh    (FdDatabase            *self);
void                  fd_database_mark_refreshed      (FdDatabase            *self);

void                  fd_database_open_async          (FdDatabase            *self,
                                                       GCancellable          *cancellable,
                                                       GAsyncReadyCallback    callback,
                                                       gpointer               user_data);
gboolean              fd_database_open_finish         (FdDatabase            *self,
                                                       GAsyncResult          *result,
                                                       GError               **error);
void                  fd_database_close               (FdDatabase            *self);

G_END_DECLS
