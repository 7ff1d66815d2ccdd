/* fd-edit-session.c: one open record's life under its soft lock.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A form is a view of an edit session. Opening takes the record's lock: free, the record
 * is read and the session is editing; held by another live session, the session waits
 * (held elsewhere) until the form, having asked the person twice, overrides or declines.
 * Losing the lock is news at once: overridden by a peer, the session is displaced and its
 * save takes the lock back; broken by an administrator or run out, it is read-only for
 * good. Maintenance makes it read-only for as long as it lasts. When someone else saves
 * the record, the session reads it again: every column not edited here takes what is
 * stored, and a column edited here that they saved becomes a conflict to settle while
 * typing (fd-edit-session-follow.c). For clients, the family's account comes along under
 * its save lock.
 *
 *   closed ─open→ loading ─free→ editing ⇄ saving
 *                    │                ↑ ↓ overridden
 *                    └held→ held elsewhere ─override→ loading     displaced ─save→ editing
 *   editing/displaced ─broken, expired, revoked→ lock lost;  maintenance covers editing and
 *   displaced while it lasts.
 */
#include <glib/gi18n.h>

#include "fd-db-error.h"
#include "fd-edit-session-private.h"
#include "fd-signals.h"

G_DEFINE_FINAL_TYPE (FdEditSession, fd_edit_session, G_TYPE_OBJECT)
G_DEFINE_QUARK (fd-edit-session-error-quark, fd_edit_session_error)

enum {
  PROP_0,
  PROP_STATE,
  PROP_READ_ONLY,
  PROP_DIRTY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  OPENED,
  OPEN_FAILED,
  LOCK_LOST,
  RELOADED,
  FIELD_CONFLICT,
  VIEWERS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

GType
fd_edit_state_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      static const GEnumValue values[] = {
        { FD_EDIT_STATE_CLOSED, "FD_EDIT_STATE_CLOSED", "closed" },
        { FD_EDIT_STATE_LOADING, "FD_EDIT_STATE_LOADING", "loading" },
        { FD_EDIT_STATE_HELD_ELSEWHERE, "FD_EDIT_STATE_HELD_ELSEWHERE", "held-elsewhere" },
        { FD_EDIT_STATE_EDITING, "FD_EDIT_STATE_EDITING", "editing" },
        { FD_EDIT_STATE_SAVING, "FD_EDIT_STATE_SAVING", "saving" },
        { FD_EDIT_STATE_DISPLACED, "FD_EDIT_STATE_DISPLACED", "displaced" },
        { FD_EDIT_STATE_LOCK_LOST, "FD_EDIT_STATE_LOCK_LOST", "lock-lost" },
        { FD_EDIT_STATE_MAINTENANCE, "FD_EDIT_STATE_MAINTENANCE", "maintenance" },
        { FD_EDIT_STATE_VIEWING, "FD_EDIT_STATE_VIEWING", "viewing" },
        { FD_EDIT_STATE_WAITING, "FD_EDIT_STATE_WAITING", "waiting" },
        { 0, NULL, NULL },
      };

      g_once_init_leave (&type_id, g_enum_register_static ("FdEditState", values));
    }
  return type_id;
}

FdLockManager *
_fd_edit_session_get_locks (FdEditSession *self)
{
  return fd_database_get_lock_manager (self->database);
}

/* Maintenance binds all but administrators (the server refuses their saves anyway). */
static gboolean
maintenance_applies (FdEditSession *self)
{
  FdMaintenance *maintenance = fd_database_get_maintenance (self->database);
  FdSession *session = fd_database_get_session (self->database);

  return maintenance != NULL && fd_maintenance_get_active (maintenance) &&
         (session == NULL || !fd_session_get_is_admin (session));
}

static FdEditState
compute_state (FdEditSession *self)
{
  switch (self->phase)
    {
    case PHASE_CLOSED:
      return FD_EDIT_STATE_CLOSED;
    case PHASE_LOADING:
      return FD_EDIT_STATE_LOADING;
    case PHASE_HELD_ELSEWHERE:
      return FD_EDIT_STATE_HELD_ELSEWHERE;
    case PHASE_LOCK_LOST:
      return FD_EDIT_STATE_LOCK_LOST;
    case PHASE_VIEWING:
      return FD_EDIT_STATE_VIEWING;
    case PHASE_WAITING:
      return FD_EDIT_STATE_WAITING;
    case PHASE_EDITING:
    case PHASE_DISPLACED:
    default:
      break;
    }
  if (self->saving)
    return FD_EDIT_STATE_SAVING;
  if (maintenance_applies (self))
    return FD_EDIT_STATE_MAINTENANCE;
  return self->phase == PHASE_DISPLACED ? FD_EDIT_STATE_DISPLACED : FD_EDIT_STATE_EDITING;
}

static gboolean
state_is_read_only (FdEditState state)
{
  return state == FD_EDIT_STATE_LOCK_LOST || state == FD_EDIT_STATE_MAINTENANCE ||
         state == FD_EDIT_STATE_VIEWING || state == FD_EDIT_STATE_WAITING;
}

void
_fd_edit_session_update_state (FdEditSession *self)
{
  FdEditState state = compute_state (self);
  gboolean was_read_only = state_is_read_only (self->state);

  if (state == self->state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
  if (was_read_only != state_is_read_only (state))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ_ONLY]);
}

void
_fd_edit_session_update_dirty (FdEditSession *self)
{
  gboolean dirty = fd_edit_session_get_dirty (self);

  if (dirty == self->dirty)
    return;
  self->dirty = dirty;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRTY]);
}

void
_fd_edit_session_set_phase (FdEditSession *self,
                            Phase          phase)
{
  self->phase = phase;
  _fd_edit_session_update_state (self);
}

void
_fd_edit_session_set_record (FdEditSession *self,
                             FdRecord      *record)
{
  if (self->record != NULL)
    g_signal_handlers_disconnect_by_data (self->record, self);
  g_set_object (&self->record, record);
  g_hash_table_remove_all (self->changes);
  g_hash_table_remove_all (self->conflicts);
  if (record != NULL)
    {
      g_signal_connect_object (record, "notify::dirty",
                               G_CALLBACK (_fd_edit_session_update_dirty), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (record, "changed",
                               G_CALLBACK (_fd_edit_session_record_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }
  _fd_edit_session_update_dirty (self);
}

gboolean
_fd_edit_session_is_open_record (FdEditSession *self,
                                 const char    *kind,
                                 const char    *id)
{
  return self->id != NULL && g_str_equal (kind, self->table) && g_strcmp0 (id, self->id) == 0;
}

/* Viewers ------------------------------------------------------------------------------- */

static void
viewers_listed_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  FdEditSession *self = user_data;
  g_autoptr(GPtrArray) viewers = NULL;

  viewers = fd_lock_manager_list_viewers_finish (FD_LOCK_MANAGER (object), result, NULL);
  if (viewers == NULL)
    return;

  g_ptr_array_set_size (self->viewers, 0);
  for (guint i = 0; i < viewers->len; i++)
    {
      FdLockHolder *viewer = g_ptr_array_index (viewers, i);

      if (!viewer->is_mine)
        g_ptr_array_add (self->viewers, fd_lock_holder_copy (viewer));
    }
  g_signal_emit (self, signals[VIEWERS_CHANGED], 0);
}

static void
list_viewers (FdEditSession *self)
{
  fd_lock_manager_list_viewers_async (_fd_edit_session_get_locks (self), self->table, self->id,
                                      self->cancellable, viewers_listed_cb, self);
}

static void
viewers_changed_cb (FdEditSession *self,
                    const char    *kind,
                    const char    *id)
{
  if (_fd_edit_session_is_open_record (self, kind, id) && self->record != NULL)
    list_viewers (self);
}

/* Losing the lock ----------------------------------------------------------------------- */

static void
lock_lost_cb (FdEditSession *self,
              FdLockLoss    *loss)
{
  if (!_fd_edit_session_is_open_record (self, loss->kind, loss->id) ||
      (self->phase != PHASE_EDITING && self->phase != PHASE_DISPLACED))
    return;

  _fd_edit_session_set_phase (self, fd_lock_loss_is_displacement (loss) ? PHASE_DISPLACED
                                                                        : PHASE_LOCK_LOST);
  g_signal_emit (self, signals[LOCK_LOST], 0, loss);
}

/* Someone else saved the open record: @columns changed. */
void
_fd_edit_session_emit_reloaded (FdEditSession *self,
                                GStrv          columns)
{
  g_signal_emit (self, signals[RELOADED], 0, columns);
}

/* Someone else saved @column, edited here; or that conflict was settled. */
void
_fd_edit_session_emit_field_conflict (FdEditSession *self,
                                      const char    *column)
{
  g_signal_emit (self, signals[FIELD_CONFLICT], g_quark_from_string (column), column);
}

/* Opening -------------------------------------------------------------------------------- */

static void
open_failed (FdEditSession *self,
             const GError  *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* The lock may already be ours: give it back (the server only removes our own). */
  fd_lock_manager_release (_fd_edit_session_get_locks (self), self->table, self->id);
  _fd_edit_session_set_record (self, NULL);
  _fd_edit_session_set_phase (self, PHASE_CLOSED);
  g_signal_emit (self, signals[OPEN_FAILED], 0, error);
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  FdEditSession *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!fd_record_load_finish (FD_RECORD (object), result, &error))
    {
      open_failed (self, error);
      return;
    }

  fd_lock_manager_enter_viewer (_fd_edit_session_get_locks (self), self->table, self->id);
  list_viewers (self);
  if (self->account != NULL)
    fd_account_follow (self->account, self->record);
  if (self->load_into != PHASE_EDITING)
    self->viewed = TRUE;
  _fd_edit_session_set_phase (self, self->load_into);
  g_signal_emit (self, signals[OPENED], 0);
  _fd_edit_session_loaded (self);
}

/* Reads the record; the session is then in @into: editing, or viewing or waiting (no lock). */
void
_fd_edit_session_load (FdEditSession *self,
                       Phase          into)
{
  g_autoptr(FdRecord) record = fd_record_new (self->table, self->id);

  self->load_into = into;
  _fd_edit_session_set_record (self, record);
  fd_record_load_async (record, fd_database_get_connection (self->database), self->cancellable,
                        loaded_cb, self);
}

static void
overridden_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  FdEditSession *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!fd_lock_manager_override_finish (FD_LOCK_MANAGER (object), result, &error))
    {
      open_failed (self, error);
      return;
    }
  _fd_edit_session_load (self, PHASE_EDITING);
}

void
_fd_edit_session_acquired_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  FdEditSession *self = user_data;
  FdLockHolder *holder = NULL;
  g_autoptr(GError) error = NULL;

  if (!fd_lock_manager_acquire_finish (FD_LOCK_MANAGER (object), result, &holder, &error))
    {
      open_failed (self, error);
      return;
    }
  if (holder == NULL)
    {
      _fd_edit_session_load (self, PHASE_EDITING);
      return;
    }
  g_clear_pointer (&self->holder, fd_lock_holder_free);
  self->holder = holder;
  _fd_edit_session_set_phase (self, PHASE_HELD_ELSEWHERE);
}

/* GObject -------------------------------------------------------------------------------- */

static void
fd_edit_session_dispose (GObject *object)
{
  FdEditSession *self = FD_EDIT_SESSION (object);

  if (self->database != NULL)
    fd_edit_session_close (self);
  g_clear_object (&self->lock_signals);
  g_clear_object (&self->maintenance_signals);
  g_clear_object (&self->data_signals);
  g_clear_object (&self->account);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (fd_edit_session_parent_class)->dispose (object);
}

static void
fd_edit_session_finalize (GObject *object)
{
  FdEditSession *self = FD_EDIT_SESSION (object);

  g_free (self->table);
  g_free (self->id);
  g_ptr_array_unref (self->viewers);
  g_hash_table_unref (self->changes);
  g_hash_table_unref (self->conflicts);
  g_clear_pointer (&self->asked_after, g_ptr_array_unref);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (fd_edit_session_parent_class)->finalize (object);
}

static void
fd_edit_session_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  FdEditSession *self = FD_EDIT_SESSION (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_READ_ONLY:
      g_value_set_boolean (value, fd_edit_session_get_read_only (self));
      break;
    case PROP_DIRTY:
      g_value_set_boolean (value, fd_edit_session_get_dirty (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fd_edit_session_class_init (FdEditSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = fd_edit_session_dispose;
  object_class->finalize = fd_edit_session_finalize;
  object_class->get_property = fd_edit_session_get_property;

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, FD_TYPE_EDIT_STATE, FD_EDIT_STATE_CLOSED,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_READ_ONLY] =
    g_param_spec_boolean ("read-only", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_DIRTY] =
    g_param_spec_boolean ("dirty", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FdEditSession::opened:
   *
   * The record is read, under this session's lock: the form shows it.
   */
  signals[OPENED] =
    g_signal_new ("opened", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * FdEditSession::open-failed:
   * @error: why, in the server's words where it gave some
   *
   * Opening stopped; the session is closed but keeps the id, so opening again retries.
   */
  signals[OPEN_FAILED] =
    g_signal_new ("open-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE);

  /**
   * FdEditSession::lock-lost:
   * @loss: how and to whom
   *
   * The open record's lock went; the state says what is left (displaced or lock lost).
   */
  signals[LOCK_LOST] =
    g_signal_new ("lock-lost", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, FD_TYPE_LOCK_LOSS | G_SIGNAL_TYPE_STATIC_SCOPE);

  /**
   * FdEditSession::reloaded:
   * @columns: the columns whose stored values changed and are shown in place
   *
   * Someone else saved the record: each of @columns was not edited here (or was edited to
   * the very value they saved), and the record holds what is stored now;
   * fd_edit_session_get_change() says who and when. Columns edited here are left as typed,
   * each announced by #FdEditSession::field-conflict.
   */
  signals[RELOADED] =
    g_signal_new ("reloaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_STRV);

  /**
   * FdEditSession::field-conflict:
   * @column: the column, also the signal's detail
   *
   * Someone else saved @column while it is edited here, or the conflict was settled (Use
   * Theirs, Keep Mine, the merge dialog at save, or typing their value):
   * fd_edit_session_get_conflict() says which, with their value, who and when.
   */
  signals[FIELD_CONFLICT] =
    g_signal_new ("field-conflict", G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED, 0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                  G_TYPE_STRING);

  /**
   * FdEditSession::viewers-changed:
   *
   * Someone else opened or left the record: see fd_edit_session_get_viewers().
   */
  signals[VIEWERS_CHANGED] =
    g_signal_new ("viewers-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 0);

  /**
   * FdEditSession::release-requested:
   * @request: who would like to open the record this session holds
   *
   * Answer with fd_edit_session_answer_release().
   */
  g_signal_new ("release-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                NULL, NULL, G_TYPE_NONE, 1, FD_TYPE_RELEASE_REQUEST);

  /**
   * FdEditSession::release-withdrawn:
   * @request: a request told of by ::release-requested that no longer waits
   */
  g_signal_new ("release-withdrawn", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                NULL, NULL, G_TYPE_NONE, 1, FD_TYPE_RELEASE_REQUEST);

  /**
   * FdEditSession::release-answered:
   * @request: this session's request, with the holder's answer
   *
   * Released (or the holder gone), the session goes on to take the lock by itself.
   */
  g_signal_new ("release-answered", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                NULL, NULL, G_TYPE_NONE, 1, FD_TYPE_RELEASE_REQUEST);

  /**
   * FdEditSession::ask-failed:
   * @error: why the holder could not be asked, in a sentence
   */
  g_signal_new ("ask-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                NULL, G_TYPE_NONE, 1, G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE);

  /**
   * FdEditSession::expiring:
   *
   * The lock runs out in a minute (the edit time limit): fd_edit_session_renew() keeps it.
   */
  g_signal_new ("expiring", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                NULL, G_TYPE_NONE, 0);
}

static void
fd_edit_session_init (FdEditSession *self)
{
  self->cancellable = g_cancellable_new ();
  self->viewers = g_ptr_array_new_with_free_func ((GDestroyNotify) fd_lock_holder_free);
  self->changes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) fd_field_change_free);
  self->conflicts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify) fd_field_change_free);
  self->lock_signals = g_signal_group_new (FD_TYPE_LOCK_MANAGER);
  g_signal_group_connect_swapped (self->lock_signals, "lock-lost", G_CALLBACK (lock_lost_cb),
                                  self);
  g_signal_group_connect_swapped (self->lock_signals, "viewers-changed",
                                  G_CALLBACK (viewers_changed_cb), self);
  _fd_edit_session_init_etiquette (self);
  self->maintenance_signals = g_signal_group_new (FD_TYPE_MAINTENANCE);
  g_signal_group_connect_swapped (self->maintenance_signals, "notify::active",
                                  G_CALLBACK (_fd_edit_session_update_state), self);
  self->data_signals = g_signal_group_new (FD_TYPE_SIGNALS);
  g_signal_group_connect_swapped (self->data_signals, "reload-all",
                                  G_CALLBACK (_fd_edit_session_reload), self);
}

/**
 * fd_edit_session_new:
 * @table: what it edits, which is also the lock's kind: clients, appointments, …
 *
 * Returns: (transfer full): a closed session; for clients it comes with the family's account
 */
FdEditSession *
fd_edit_session_new (FdDatabase *database,
                     const char *table)
{
  FdEditSession *self;
  g_autofree char *detailed = NULL;

  g_return_val_if_fail (FD_IS_DATABASE (database), NULL);
  g_return_val_if_fail (fd_database_get_lock_manager (database) != NULL, NULL);
  g_return_val_if_fail (table != NULL, NULL);

  self = g_object_new (FD_TYPE_EDIT_SESSION, NULL);
  self->database = g_object_ref (database);
  self->table = g_strdup (table);
  if (g_str_equal (table, "clients"))
    {
      self->account = fd_account_new (database);
      g_signal_connect_object (self->account, "changed",
                               G_CALLBACK (_fd_edit_session_update_dirty), self,
                               G_CONNECT_SWAPPED);
    }

  detailed = g_strconcat ("changed::", table, NULL);
  g_signal_group_connect_swapped (self->data_signals, detailed,
                                  G_CALLBACK (_fd_edit_session_data_changed_cb), self);
  g_signal_group_set_target (self->lock_signals, _fd_edit_session_get_locks (self));
  g_signal_group_set_target (self->maintenance_signals, fd_database_get_maintenance (database));
  g_signal_group_set_target (self->data_signals, fd_database_get_signals (database));
  return self;
}

/**
 * fd_edit_session_get_database:
 *
 * Returns: (transfer none): the database it edits in
 */
FdDatabase *
fd_edit_session_get_database (FdEditSession *self)
{
  g_return_val_if_fail (FD_IS_EDIT_SESSION (self), NULL);

  return self->database;
}

const char *
fd_edit_session_get_table (FdEditSession *self)
{
  g_return_val_if_fail (FD_IS_EDIT_SESSION (self), NULL);

  return self->table;
}

/**
 * fd_edit_session_get_id:
 *
 * Returns: (nullable): the record being opened or open; kept after a failed open
 */
const char *
fd_edit_session_get_id (FdEditSession *self)
{
  g_return_val_if_fail (FD_IS_EDIT_SESSION (self), NULL);

  return self->id;
}

FdEditState
fd_edit_session_get_state (FdEditSession *self)
{
  g_return_val_if_fail (FD_IS_EDIT_SESSION (self), FD_EDIT_STATE_CLOSED);

  return self->state;
}

/* Lock lost or maintenance: the values stay to be read and copied out, not saved. */
gboolean
fd_edit_session_get_read_only (FdEditSession *self)
{
  g_return_val_if_fail (FD_IS_EDIT_SESSION (self), FALSE);

  return state_is_read_only (self->state);
}

/* The record or the family's account holds edits not saved yet. */
gboolean
fd_edit_session_get_dirty (FdEditSession *self)
{
  g_return_val_if_fail (FD_IS_EDIT_SESSION (self), FALSE);

  return (self->record != NULL && fd_record_is_dirty (self->record)) ||
         (self->account != NULL && fd_account_get_dirty (self->account));
}

/**
 * fd_edit_session_get_record:
 *
 * Returns: (transfer none) (nullable): the record, loaded once the session is editing; it
 *   follows what others save in place (see #FdEditSession::reloaded)
 */
FdRecord *
fd_edit_session_get_record (FdEditSession *self)
{
  g_return_val_if_fail (FD_IS_EDIT_SESSION (self), NULL);

  return self->record;
}

/**
 * fd_edit_session_get_account:
 *
 * Returns: (transfer none) (nullable): the family's account, for a client
 */
FdAccount *
fd_edit_session_get_account (FdEditSession *self)
{
  g_return_val_if_fail (FD_IS_EDIT_SESSION (self), NULL);

  return self->account;
}

/**
 * fd_edit_session_open:
 *
 * Lets whatever was open go, then opens @id: takes its lock and reads it (state editing),
 * or stops at held elsewhere for the person's choice.
 */
void
fd_edit_session_open (FdEditSession *self,
                      const char    *id)
{
  g_autofree char *wanted = g_strdup (id);

  g_return_if_fail (FD_IS_EDIT_SESSION (self));
  g_return_if_fail (id != NULL);

  fd_edit_session_close (self);
  self->id = g_steal_pointer (&wanted);
  _fd_edit_session_set_phase (self, PHASE_LOADING);
  fd_lock_manager_acquire_async (_fd_edit_session_get_locks (self), self->table, self->id,
                                 self->cancellable, _fd_edit_session_acquired_cb, self);
}

/* The person chose Open Anyway twice: take the lock from whom they were warned about. */
void
fd_edit_session_override (FdEditSession *self)
{
  g_return_if_fail (FD_IS_EDIT_SESSION (self));
  g_return_if_fail (self->phase == PHASE_HELD_ELSEWHERE);

  _fd_edit_session_set_phase (self, PHASE_LOADING);
  fd_lock_manager_override_async (_fd_edit_session_get_locks (self), self->table, self->id,
                                  self->holder->session_id, self->cancellable, overridden_cb,
                                  self);
}

/* The person left the record to whoever holds it; a read-only view of it stays open. */
void
fd_edit_session_decline (FdEditSession *self)
{
  g_return_if_fail (FD_IS_EDIT_SESSION (self));

  if (self->phase == PHASE_HELD_ELSEWHERE && self->viewed && self->record != NULL)
    _fd_edit_session_set_phase (self, PHASE_VIEWING);
  else
    fd_edit_session_close (self);
}

/**
 * fd_edit_session_close:
 *
 * Lets the record go: its lock, the viewer's place, the family's context; unsaved edits
 * are dropped and anything under way is cancelled.
 */
void
fd_edit_session_close (FdEditSession *self)
{
  g_return_if_fail (FD_IS_EDIT_SESSION (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  if (self->request_id != 0)
    fd_lock_manager_withdraw_release (_fd_edit_session_get_locks (self), self->request_id);
  self->request_id = 0;
  _fd_edit_session_forget_requests (self);
  self->viewed = FALSE;
  self->edit_when_loaded = FALSE;
  if (self->id != NULL)
    {
      fd_lock_manager_release (_fd_edit_session_get_locks (self), self->table, self->id);
      fd_lock_manager_leave_viewer (_fd_edit_session_get_locks (self), self->table, self->id);
    }
  if (self->account != NULL)
    fd_account_clear (self->account);
  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->holder, fd_lock_holder_free);
  g_clear_object (&self->reloading);
  g_ptr_array_set_size (self->viewers, 0);
  _fd_edit_session_set_record (self, NULL);
  self->saving = FALSE;
  self->reload_after_save = FALSE;
  _fd_edit_session_set_phase (self, PHASE_CLOSED);
}

