/* fd-lock-manager.h: this session's record locks: acquire, override, release, break, and
 * word of every lock it loses (overridden by a peer, broken by an admin, expired).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "fd-session.h"

G_BEGIN_DECLS

/* Who holds (or views) a record. */
typedef struct
{
  gint64     session_id;
  char      *name;
  char      *workstation;
  GDateTime *since;
  gboolean   holds_lock;
  gboolean   is_mine;
} FdLockHolder;

#define FD_TYPE_LOCK_HOLDER (fd_lock_holder_get_type ())
GType         fd_lock_holder_get_type (void) G_GNUC_CONST;
FdLockHolder *fd_lock_holder_copy     (const FdLockHolder *holder);
void          fd_lock_holder_free     (FdLockHolder       *holder);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FdLockHolder, fd_lock_holder_free)

typedef enum
{
  FD_LOCK_LOSS_OVERRIDDEN,   /* someone opened it anyway */
  FD_LOCK_LOSS_TAKEN_BACK,   /* its earlier holder, displaced, saved and took it back */
  FD_LOCK_LOSS_BROKEN,
  FD_LOCK_LOSS_EXPIRED,
} FdLockLossCause;

/* A lock this session lost, and who made it lose it. */
typedef struct
{
  char            *kind;
  char            *id;
  FdLockLossCause  cause;
  char            *by_name;
  char            *by_workstation;  /* NULL when no session caused it */
  GDateTime       *at;
} FdLockLoss;

#define FD_TYPE_LOCK_LOSS (fd_lock_loss_get_type ())
GType       fd_lock_loss_get_type (void) G_GNUC_CONST;
FdLockLoss *fd_lock_loss_copy     (const FdLockLoss *loss);
void        fd_lock_loss_free     (FdLockLoss       *loss);
gboolean    fd_lock_loss_is_displacement (const FdLockLoss *loss);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FdLockLoss, fd_lock_loss_free)

/**
 * FdReleaseAnswer:
 * @FD_RELEASE_ANSWER_NONE: not answered yet
 * @FD_RELEASE_ANSWER_RELEASED: the holder saved and let the record go
 * @FD_RELEASE_ANSWER_KEPT: the holder keeps editing
 * @FD_RELEASE_ANSWER_GONE: the holder is no longer connected, or no longer has the record
 * @FD_RELEASE_ANSWER_UNSAVED: the holder chose to release it but could not save, and keeps
 *   editing
 */
typedef enum
{
  FD_RELEASE_ANSWER_NONE,
  FD_RELEASE_ANSWER_RELEASED,
  FD_RELEASE_ANSWER_KEPT,
  FD_RELEASE_ANSWER_GONE,
  FD_RELEASE_ANSWER_UNSAVED,
} FdReleaseAnswer;

/* A request to release a record: incoming (from @name at @workstation, the asker) or one
 * this session made (to @name at @workstation, the holder), with its answer. */
typedef struct
{
  gint64           id;
  char            *kind;
  char            *record_id;
  char            *name;
  char            *workstation;
  GDateTime       *asked_at;
  FdReleaseAnswer  answer;
} FdReleaseRequest;

#define FD_TYPE_RELEASE_REQUEST (fd_release_request_get_type ())
GType             fd_release_request_get_type (void) G_GNUC_CONST;
FdReleaseRequest *fd_release_request_copy     (const FdReleaseRequest *request);
void              fd_release_request_free     (FdReleaseRequest       *request);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FdReleaseRequest, fd_release_request_free)

#define FD_TYPE_LOCK_MANAGER (fd_lock_manager_get_type ())
G_DECLARE_FINAL_TYPE (FdLockManager, fd_lock_manager, FD, LOCK_MANAGER, GObject)

FdLockManager *fd_lock_manager_new              (FdSession            *session);
FdSession     *fd_lock_manager_get_session      (FdLockManager        *self);

void           fd_lock_manager_acquire_async    (FdLockManager        *self,
                                                 const char           *kind,
                                                 const char           *id,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gboolean       fd_lock_manager_acquire_finish   (FdLockManager        *self,
                                                 GAsyncResult         *result,
                                                 FdLockHolder        **holder,
                                                 GError              **error);
void           fd_lock_manager_override_async   (FdLockManager        *self,
                                                 const char           *kind,
                                                 const char           *id,
                                                 gint64                expected_holder,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gboolean       fd_lock_manager_override_finish  (FdLockManager        *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);
void           fd_lock_manager_break_async      (FdLockManager        *self,
                                                 const char           *kind,
                                                 const char           *id,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gboolean       fd_lock_manager_break_finish     (FdLockManager        *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);
void           fd_lock_manager_release          (FdLockManager        *self,
                                                 const char           *kind,
                                                 const char           *id);
void           fd_lock_manager_release_async    (FdLockManager        *self,
                                                 const char           *kind,
                                                 const char           *id,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gboolean       fd_lock_manager_release_finish   (FdLockManager        *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);
void           fd_lock_manager_release_all      (FdLockManager        *self);
void           fd_lock_manager_note_saved       (FdLockManager        *self,
                                                 const char           *kind,
                                                 const char           *id,
                                                 GCancellable         *cancellable);

void           fd_lock_manager_ask_release_async   (FdLockManager     *self,
                                                    const char        *kind,
                                                    const char        *id,
                                                    gint64             expected_holder,
                                                    GCancellable      *cancellable,
                                                    GAsyncReadyCallback callback,
                                                    gpointer           user_data);
gint64         fd_lock_manager_ask_release_finish  (FdLockManager     *self,
                                                    GAsyncResult      *result,
                                                    GError           **error);
void           fd_lock_manager_withdraw_release    (FdLockManager     *self,
                                                    gint64             request_id);
void           fd_lock_manager_answer_release_async  (FdLockManager   *self,
                                                      gint64           request_id,
                                                      gboolean         release,
                                                      GCancellable    *cancellable,
                                                      GAsyncReadyCallback callback,
                                                      gpointer         user_data);
FdReleaseAnswer fd_lock_manager_answer_release_finish (FdLockManager  *self,
                                                       GAsyncResult   *result,
                                                       GError        **error);
void           fd_lock_manager_answer_unsaved_async  (FdLockManager   *self,
                                                      gint64           request_id,
                                                      GCancellable    *cancellable,
                                                      GAsyncReadyCallback callback,
                                                      gpointer         user_data);
void           fd_lock_manager_renew_async      (FdLockManager        *self,
                                                 const char           *kind,
                                                 const char           *id,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gboolean       fd_lock_manager_renew_finish     (FdLockManager        *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);

void           fd_lock_manager_enter_viewer     (FdLockManager        *self,
                                                 const char           *kind,
                                                 const char           *id);
void           fd_lock_manager_leave_viewer     (FdLockManager        *self,
                                                 const char           *kind,
                                                 const char           *id);
void           fd_lock_manager_list_viewers_async  (FdLockManager     *self,
                                                    const char        *kind,
                                                    const char        *id,
                                                    GCancellable      *cancellable,
                                                    GAsyncReadyCallback callback,
                                                    gpointer           user_data);
GPtrArray     *fd_lock_manager_list_viewers_finish (FdLockManager     *self,
                                                    GAsyncResult      *result,
                                                    GError           **error);

G_END_DECLS
