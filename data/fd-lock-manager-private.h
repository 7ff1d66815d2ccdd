/* fd-lock-manager-private.h: what fd-lock-manager.c (held locks, their losses, viewers) and
 * fd-lock-manager-actions.c (acquire, override, break, release) share.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fd-departed-sweep.h"
#include "fd-lock-manager.h"

G_BEGIN_DECLS

#define LOSS_POLL_INTERVAL_S 5
/* How long before a lock runs out its holder is warned. */
#define EXPIRY_WARNING_S 60

struct _FdLockManager
{
  GObject       parent_instance;

  /* Owned */
  FdSession    *session;
  GCancellable *cancellable;
  GHashTable   *held;            /* "kind\nid" → expiry timer id, 0 for none */
  GHashTable   *warnings;        /* "kind\nid" → timer of the minute-before warning */
  GHashTable   *asked;           /* request ids (gint64 *) of this session, unanswered */
  GHashTable   *announced;       /* incoming request id (gint64 *) → FdReleaseRequest */
  FdDepartedSweep *sweep;        /* active while a request waits, here or from elsewhere */

  /* Borrowed */
  FdConnection *connection;

  gint64        last_loss_id;
  guint         poll_source;
  gboolean      fetching;
  gboolean      fetch_again;
  gboolean      fetching_requests;
  gboolean      fetch_requests_again;
};

void _fd_lock_manager_forget_all_locks (FdLockManager      *self);
void _fd_lock_manager_update_sweep     (FdLockManager      *self);
void _fd_lock_manager_forget_lock      (FdLockManager      *self,
                                        const char         *kind,
                                        const char         *id);
void _fd_lock_manager_log_failure_cb   (GObject            *object,
                                        GAsyncResult       *result,
                                        gpointer            user_data);
void _fd_lock_manager_remember_lock    (FdLockManager      *self,
                                        const char         *kind,
                                        const char         *id,
                                        const char         *expires_in);
/* What a task about one lock keeps. */
typedef struct
{
  char *kind;
  char *id;
} LockRequest;

GTask *_fd_lock_manager_new_lock_task (FdLockManager       *self,
                                       const char          *kind,
                                       const char          *id,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data,
                                       gpointer             source_tag);
void _fd_lock_manager_init_requests   (FdLockManager      *self);
void _fd_lock_manager_fetch_requests  (FdLockManager      *self);
void _fd_lock_manager_run_quietly      (FdLockManager      *self,
                                        const char         *sql,
                                        guint               n_params,
                                        const char * const *params);

G_END_DECLS
