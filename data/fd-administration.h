/* fd-administration.h: what administrators see and do: the lock table, the connected
 * sessions, breaking and taking locks, the audit log a page at a time, and the integrity
 * checks with their safe repairs. The server refuses all of it to anyone else.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "fd-connection.h"
#include "fd-integrity-finding.h"

G_BEGIN_DECLS

/* The list_ and search_ pairs hand out the server's rows as they are (the command line prints
 * them as tables and JSON); the load_ pairs hand out the same rows as GObjects in a
 * GListModel, their times as GDateTime, for the widgets. */

/* What the audit log viewer asks for; every filter is optional (NULL). */
typedef struct
{
  const char *login;      /* who acted */
  const char *record;     /* KIND:ID, like clients:12, or context:NAME, like context:fees:3 */
  const char *action;     /* as logged: update, lock broken, maintenance on… */
  const char *since;      /* a date or a date and time the server reads: 2026-11-01 14:00 */
  const char *until;      /* the same; entries before it */
  gint64      before_id;  /* 0 for the newest page, else the last id of the page before */
  guint       page_size;  /* 0 for 100; at most 1000 */
} FdAuditQuery;

/* Called before each check runs (@title its title), and once more at the end (@done ==
 * @total, @title NULL). */
typedef void (*FdIntegrityProgressFunc) (guint       done,
                                         guint       total,
                                         const char *title,
                                         gpointer    user_data);

#define FD_TYPE_ADMINISTRATION (fd_administration_get_type ())
G_DECLARE_FINAL_TYPE (FdAdministration, fd_administration, FD, ADMINISTRATION, GObject)

FdAdministration *fd_administration_new                    (FdConnection            *connection);
void              fd_administration_watch_locks            (FdAdministration        *self);

void              fd_administration_load_locks_async       (FdAdministration        *self,
                                                            GCancellable            *cancellable,
                                                            GAsyncReadyCallback      callback,
                                                            gpointer                 user_data);
GListModel       *fd_administration_load_locks_finish      (FdAdministration        *self,
                                                            GAsyncResult            *result,
                                                            GError                 **error);
void              fd_administration_load_sessions_async    (FdAdministration        *self,
                                                            GCancellable            *cancellable,
                                                            GAsyncReadyCallback      callback,
                                                            gpointer                 user_data);
GListModel       *fd_administration_load_sessions_finish   (FdAdministration        *self,
                                                            GAsyncResult            *result,
                                                            GError                 **error);
void              fd_administration_break_lock_async       (FdAdministration        *self,
                                                            const char              *kind,
                                                            const char              *record_id,
                                                            gint64                   expected_holder,
                                                            GCancellable            *cancellable,
                                                            GAsyncReadyCallback      callback,
                                                            gpointer                 user_data);
gboolean          fd_administration_break_lock_finish      (FdAdministration        *self,
                                                            GAsyncResult            *result,
                                                            gboolean                *was_locked,
                                                            GError                 **error);
void              fd_administration_break_save_lock_async  (FdAdministration        *self,
                                                            const char              *context,
                                                            gint64                   expected_holder,
                                                            GCancellable            *cancellable,
                                                            GAsyncReadyCallback      callback,
                                                            gpointer                 user_data);
gboolean          fd_administration_break_save_lock_finish (FdAdministration        *self,
                                                            GAsyncResult            *result,
                                                            gboolean                *was_held,
                                                            GError                 **error);
void              fd_administration_take_lock_async        (FdAdministration        *self,
                                                            const char              *kind,
                                                            const char              *record_id,
                                                            gint64                   expected_holder,
                                                            GCancellable            *cancellable,
                                                            GAsyncReadyCallback      callback,
                                                            gpointer                 user_data);
gboolean          fd_administration_take_lock_finish       (FdAdministration        *self,
                                                            GAsyncResult            *result,
                                                            GError                 **error);
void              fd_administration_take_save_lock_async   (FdAdministration        *self,
                                                            const char              *context,
                                                            gint64                   expected_holder,
                                                            GCancellable            *cancellable,
                                                            GAsyncReadyCallback      callback,
                                                            gpointer                 user_data);
gboolean          fd_administration_take_save_lock_finish  (FdAdministration        *self,
                                                            GAsyncResult            *result,
                                                            GError                 **error);
void              fd_administration_load_audit_async       (FdAdministration        *self,
                                                            const FdAuditQuery      *query,
                                                            GCancellable            *cancellable,
                                                            GAsyncReadyCallback      callback,
                                                            gpointer                 user_data);
GListModel       *fd_administration_load_audit_finish      (FdAdministration        *self,
                                                            GAsyncResult            *result,
                                                            GError                 **error);
void              fd_administration_audit_actions_async    (FdAdministration        *self,
                                                            GCancellable            *cancellable,
                                                            GAsyncReadyCallback      callback,
                                                            gpointer                 user_data);
GStrv             fd_administration_audit_actions_finish   (FdAdministration        *self,
                                                            GAsyncResult            *result,
                                                            GError                 **error);
void              fd_administration_check_integrity_async  (FdAdministration        *self,
                                                            gboolean                 repair,
                                                            FdIntegrityProgressFunc  progress,
                                                            gpointer                 progress_data,
                                                            GDestroyNotify           destroy,
                                                            GCancellable            *cancellable,
                                                            GAsyncReadyCallback      callback,
                                                            gpointer                 user_data);
GListModel       *fd_administration_check_integrity_finish (FdAdministration        *self,
                                                            GAsyncResult            *result,
                                                            GError                 **error);

G_END_DECLS
