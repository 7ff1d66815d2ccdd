/* fd-edit-session.h: one open record's life under its soft lock: opening (with the
 * two-stage override), the record and its edits, viewers, losing the lock, maintenance,
 * saving, and following the record when someone else saves it.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "fd-account.h"
#include "fd-database.h"
#include "fd-field-change.h"
#include "fd-lock-manager.h"
#include "fd-record.h"

G_BEGIN_DECLS

/**
 * FdEditState:
 * @FD_EDIT_STATE_CLOSED: nothing open (or opening failed or was declined)
 * @FD_EDIT_STATE_LOADING: taking the lock and reading the record
 * @FD_EDIT_STATE_HELD_ELSEWHERE: another live session holds the lock; the form asks the
 *   person, then calls fd_edit_session_override() or fd_edit_session_decline()
 * @FD_EDIT_STATE_EDITING: loaded under this session's lock
 * @FD_EDIT_STATE_SAVING: a save is on its way
 * @FD_EDIT_STATE_DISPLACED: someone took the lock over; saving takes it back
 * @FD_EDIT_STATE_LOCK_LOST: the lock was broken or ran out; read-only for good
 * @FD_EDIT_STATE_MAINTENANCE: read-only while the practice database is in maintenance
 * @FD_EDIT_STATE_VIEWING: opened read-only without the lock (someone else holds it); it
 *   follows their saves; fd_edit_session_edit() asks for the lock
 * @FD_EDIT_STATE_WAITING: read-only as viewing, while the holder is asked to release it;
 *   released, the session takes the lock by itself
 */
typedef enum
{
  FD_EDIT_STATE_CLOSED,
  FD_EDIT_STATE_LOADING,
  FD_EDIT_STATE_HELD_ELSEWHERE,
  FD_EDIT_STATE_EDITING,
  FD_EDIT_STATE_SAVING,
  FD_EDIT_STATE_DISPLACED,
  FD_EDIT_STATE_LOCK_LOST,
  FD_EDIT_STATE_MAINTENANCE,
  FD_EDIT_STATE_VIEWING,
  FD_EDIT_STATE_WAITING,
} FdEditState;

GType fd_edit_state_get_type (void) G_GNUC_CONST;
#define FD_TYPE_EDIT_STATE (fd_edit_state_get_type ())

#define FD_EDIT_SESSION_ERROR (fd_edit_session_error_quark ())

typedef enum
{
  FD_EDIT_SESSION_ERROR_NOT_EDITABLE,
  FD_EDIT_SESSION_ERROR_BUSY,
} FdEditSessionError;

GQuark fd_edit_session_error_quark (void);

#define FD_TYPE_EDIT_SESSION (fd_edit_session_get_type ())
G_DECLARE_FINAL_TYPE (FdEditSession, fd_edit_session, FD, EDIT_SESSION, GObject)

FdEditSession *fd_edit_session_new             (FdDatabase           *database,
                                                const char           *table);
FdDatabase    *fd_edit_session_get_database    (FdEditSession        *self);
const char    *fd_edit_session_get_table       (FdEditSession        *self);
const char    *fd_edit_session_get_id          (FdEditSession        *self);
FdEditState    fd_edit_session_get_state       (FdEditSession        *self);
gboolean       fd_edit_session_get_read_only   (FdEditSession        *self);
gboolean       fd_edit_session_get_dirty       (FdEditSession        *self);
FdRecord      *fd_edit_session_get_record      (FdEditSession        *self);
FdAccount     *fd_edit_session_get_account     (FdEditSession        *self);
const FdLockHolder *fd_edit_session_get_holder (FdEditSession        *self);
GPtrArray     *fd_edit_session_get_viewers     (FdEditSession        *self);

void           fd_edit_session_open            (FdEditSession        *self,
                                                const char           *id);
void           fd_edit_session_override        (FdEditSession        *self);
void           fd_edit_session_decline         (FdEditSession        *self);
void           fd_edit_session_open_read_only  (FdEditSession        *self);
void           fd_edit_session_ask_release     (FdEditSession        *self);
void           fd_edit_session_edit            (FdEditSession        *self);
void           fd_edit_session_answer_release  (FdEditSession        *self,
                                                gint64                request_id,
                                                gboolean              release);
void           fd_edit_session_answer_unsaved  (FdEditSession        *self,
                                                gint64                request_id);
void           fd_edit_session_renew           (FdEditSession        *self);
void           fd_edit_session_close           (FdEditSession        *self);

void           fd_edit_session_revert          (FdEditSession        *self);

const FdFieldChange *fd_edit_session_get_change   (FdEditSession  *self,
                                                   const char     *column);
const FdFieldChange *fd_edit_session_get_conflict (FdEditSession  *self,
                                                   const char     *column);
guint          fd_edit_session_get_n_conflicts (FdEditSession        *self);
void           fd_edit_session_use_theirs      (FdEditSession        *self,
                                                const char           *column);
void           fd_edit_session_keep_mine       (FdEditSession        *self,
                                                const char           *column);

void           fd_edit_session_save_async      (FdEditSession        *self,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
FdSaveOutcome  fd_edit_session_save_finish     (FdEditSession        *self,
                                                GAsyncResult         *result,
                                                GPtrArray           **conflicts,
                                                gboolean             *in_account,
                                                GError              **error);

G_END_DECLS
