/* fd-database-private.h: what fd-database.c (the object and its parts) and fd-database-open.c
 * (the steps of opening) share.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fd-database.h"

G_BEGIN_DECLS

struct _FdDatabase
{
  GObject           parent_instance;

  /* Owned */
  FdServerConfig   *config;
  FdEmbeddedServer *embedded;
  FdConnection     *connection;
  FdConnection     *maintenance;   /* to the "postgres" database, while creating ours */
  FdConnection     *probe;         /* a second look through a pooler, while signing in */
  int               probe_first_pid;
  int               probe_second_pid;
  FdSession        *session;
  FdLockManager    *locks;
  FdMaintenance    *maintenance_mode;  /* as the server says */
  FdSignals        *signals;
  FdCache          *cache;
  guint             refresh_interval;
  char             *description;
  char             *server_address;  /* the host:port reached, of several */
  char             *notice;          /* what the last reconnect changed, for a person */
  GDateTime        *switched_at;     /* a reconnect reached another server than before */
  char             *practice_name;
  char             *server_version;
  char             *progress;
  GError           *error;
  GDateTime        *last_refresh;
  FdDatabasePhase   phase;
  guint             schema_version;
  gboolean          created_database;
};

enum {
  PROP_0,
  PROP_CONNECTION,
  PROP_PRACTICE_NAME,
  PROP_PHASE,
  PROP_PROGRESS,
  PROP_LAST_REFRESH,
  PROP_SESSION,
  PROP_NOTICE,
  N_PROPS
};

void _fd_database_notify          (FdDatabase      *self,
                                   guint            prop_id);
void _fd_database_report_progress (FdDatabase      *self,
                                   const char      *message);
void _fd_database_set_phase       (FdDatabase      *self,
                                   FdDatabasePhase  phase);

G_END_DECLS
