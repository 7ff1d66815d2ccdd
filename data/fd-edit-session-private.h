/* fd-edit-session-private.h: what the parts of FdEditSession share: the life cycle and
 * opening (fd-edit-session.c), following the database (fd-edit-session-follow.c) and
 * saving (fd-edit-session-save.c).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fd-edit-session.h"

G_BEGIN_DECLS

/* Where the record's lock stands; the public state adds saving and maintenance on top. */
typedef enum
{
  PHASE_CLOSED,
  PHASE_LOADING,
  PHASE_HELD_ELSEWHERE,
  PHASE_EDITING,
  PHASE_DISPLACED,
  PHASE_LOCK_LOST,
  PHASE_VIEWING,
  PHASE_WAITING,
} Phase;

struct _FdEditSession
{
  GObject        parent_instance;

  FdDatabase    *database;
  char          *table;
  char          *id;
  FdRecord      *record;
  FdRecord      *reloading;     /* a fresh read under way, swapped in if still clean */
  FdAccount     *account;       /* clients only */
  FdLockHolder  *holder;        /* who holds it, while held elsewhere */
  GPtrArray     *viewers;       /* FdLockHolder: the others with it open */
  GCancellable  *cancellable;   /* everything of the open record */
  GSignalGroup  *lock_signals;
  GSignalGroup  *maintenance_signals;
  GSignalGroup  *data_signals;
  GHashTable    *changes;       /* column → FdFieldChange, shown in place */
  GHashTable    *conflicts;     /* column → FdFieldChange, edited here and saved there */
  gint64         reload_origin; /* who made the change being read again, 0 if unknown */

  Phase          phase;
  Phase          load_into;     /* where a read under way leads: editing, viewing, waiting */
  gboolean       viewed;        /* a read-only view is open: declining goes back to it */
  gboolean       edit_when_loaded; /* released while the waiting view was still read */
  gint64         request_id;    /* this session's request to release it, waiting */
  gint64         asked_of_me;   /* the request to release it that is being answered */
  GPtrArray     *asked_after;   /* FdReleaseRequest: those that came after, oldest first */
  gboolean       saving;
  gboolean       reload_after_save; /* someone else saved while this session was saving */
  FdEditState    state;         /* as last notified */
  gboolean       dirty;         /* as last notified */
};

FdLockManager *_fd_edit_session_get_locks      (FdEditSession *self);
void           _fd_edit_session_update_state   (FdEditSession *self);
void           _fd_edit_session_update_dirty   (FdEditSession *self);
void           _fd_edit_session_set_record     (FdEditSession *self,
                                                FdRecord      *record);
gboolean       _fd_edit_session_is_open_record (FdEditSession *self,
                                                const char    *kind,
                                                const char    *id);
void           _fd_edit_session_emit_reloaded  (FdEditSession *self,
                                                GStrv          columns);
void           _fd_edit_session_emit_field_conflict (FdEditSession *self,
                                                     const char    *column);
void           _fd_edit_session_record_changed_cb (FdEditSession *self,
                                                   const char    *column);
void           _fd_edit_session_reload         (FdEditSession *self);
void           _fd_edit_session_set_phase      (FdEditSession *self,
                                                Phase          phase);
void           _fd_edit_session_load           (FdEditSession *self,
                                                Phase          into);
void           _fd_edit_session_acquired_cb    (GObject       *object,
                                                GAsyncResult  *result,
                                                gpointer       user_data);
/* fd-edit-session-etiquette.c */
void           _fd_edit_session_init_etiquette (FdEditSession *self);
void           _fd_edit_session_loaded         (FdEditSession *self);
void           _fd_edit_session_forget_requests (FdEditSession *self);
void           _fd_edit_session_data_changed_cb (FdEditSession *self,
                                                 const char    *kind,
                                                 GStrv          keys);

G_END_DECLS
