/* fd-account.c: a family's account as Client Details holds it.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A family shares one account, kept on the guarantor's row: its billing type, fee schedule
 * and insurance category. Whoever shows it enters the save lock "account:<guarantor>", so
 * of everyone looking at the family (at any member) one at a time may change it. Given the
 * lock after someone else had it, the account is read again: they may have saved. When
 * someone else saves the guarantor's row, the account columns not edited here take what is
 * stored (::followed); an edit stays as typed, for the save to compare.
 */
#include <glib/gi18n.h>

#include "fd-account.h"
#include "fd-query.h"
#include "fd-signals.h"

struct _FdAccount
{
  GObject       parent_instance;

  FdDatabase   *database;
  FdSaveLock   *lock;
  FdRecord     *record;         /* the guarantor's row, account columns only */
  FdRecord     *reading;        /* read again after someone else saved it */
  FdRecord     *previous;       /* the same account as it was, while it is read again */
  GCancellable *cancellable;
  GError       *error;          /* why it could not be read */
  GHashTable   *changes;        /* column → FdFieldChange: what someone else saved, shown */
  gint64        reading_origin; /* who made the change being read again, 0 if unknown */
  gboolean      shown;
  gboolean      seen_without_lock;
};

G_DEFINE_FINAL_TYPE (FdAccount, fd_account, G_TYPE_OBJECT)

enum {
  CHANGED,
  FOLLOWED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void load (FdAccount  *self,
                  const char *guarantor);

static void
emit_changed (FdAccount *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

/* The context is entered only while the account is loaded and on screen. */
static void
enter_context (FdAccount *self)
{
  g_autofree char *context = NULL;
  g_autofree char *description = NULL;

  if (self->lock == NULL)
    return;
  if (fd_account_get_loaded (self) && self->shown)
    {
      context = g_strconcat ("account:", fd_record_get_id (self->record), NULL);
      /* Translators: %s %s is the guarantor's first and last name */
      description = g_strdup_printf (_("Account of %s %s"),
                                     fd_record_get_original (self->record, "first_name"),
                                     fd_record_get_original (self->record, "last_name"));
    }
  fd_save_lock_set_context (self->lock, context, description);
}

static void
lock_changed_cb (FdAccount *self)
{
  gboolean loaded = fd_account_get_loaded (self);

  if (loaded && fd_save_lock_get_held (self->lock) && self->seen_without_lock &&
      !fd_record_is_dirty (self->record))
    {
      g_autoptr(FdRecord) previous = g_object_ref (self->record);

      load (self, fd_record_get_id (self->record));
      g_set_object (&self->previous, previous);
      return;
    }
  if (loaded && fd_save_lock_get_known (self->lock) && !fd_save_lock_get_held (self->lock))
    self->seen_without_lock = TRUE;
  emit_changed (self);
}

/* @column shows what @origin saved (0: someone unknown). */
static void
add_change (FdAccount    *self,
            GStrvBuilder *followed,
            const char   *column,
            const char   *value,
            gint64        origin)
{
  FdSessionNames *names = fd_database_get_session_names (self->database);
  FdFieldChange *change = names != NULL
                          ? fd_session_names_new_change (names, origin, column, value)
                          : fd_field_change_new (column, value, NULL, NULL);

  g_hash_table_replace (self->changes, g_strdup (column), change);
  g_strv_builder_add (followed, column);
}

static void
emit_followed (FdAccount    *self,
               GStrvBuilder *builder)
{
  g_auto(GStrv) followed = g_strv_builder_end (builder);

  if (followed[0] != NULL)
    g_signal_emit (self, signals[FOLLOWED], 0, followed);
}

/* Tells which columns of @before now hold what someone else saved. */
static void
follow_reload (FdAccount *self,
               FdRecord  *before,
               FdRecord  *after)
{
  g_auto(GStrv) columns = fd_record_dup_columns (after);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; columns[i] != NULL; i++)
    {
      const char *theirs = fd_record_get_original (after, columns[i]);

      if (g_strcmp0 (fd_record_get_original (before, columns[i]), theirs) != 0)
        add_change (self, builder, columns[i], theirs, 0);
    }
  emit_followed (self, builder);
}

/* Read again after someone else saved the guarantor: the columns not edited here follow. */
static void
read_again_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  FdAccount *self = user_data;
  g_autoptr(FdRecord) fresh = g_object_ref (FD_RECORD (object));
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) columns = NULL;

  if (!fd_record_load_finish (fresh, result, NULL) || fresh != self->reading)
    return;
  g_clear_object (&self->reading);
  if (self->record == NULL || !fd_record_is_loaded (self->record) ||
      g_strcmp0 (fd_record_get_id (fresh), fd_record_get_id (self->record)) != 0)
    return;

  /* The columns edited here keep their edits, for the save to compare. */
  columns = fd_record_dup_columns (fresh);
  for (guint i = 0; columns[i] != NULL; i++)
    {
      const char *theirs = fd_record_get_original (fresh, columns[i]);

      if (!fd_record_has_column (self->record, columns[i]) ||
          fd_record_is_changed (self->record, columns[i]) ||
          g_strcmp0 (theirs, fd_record_get_original (self->record, columns[i])) == 0)
        continue;
      fd_record_take_stored (self->record, columns[i], theirs);
      add_change (self, builder, columns[i], theirs, self->reading_origin);
    }
  emit_followed (self, builder);
}

static void
clients_changed_cb (FdAccount  *self,
                    const char *kind,
                    GStrv       keys)
{
  FdSession *session = fd_database_get_session (self->database);
  FdSessionNames *names = fd_database_get_session_names (self->database);

  if (!fd_account_get_loaded (self) ||
      !g_strv_contains ((const char * const *) keys, fd_record_get_id (self->record)))
    return;
  self->reading_origin = fd_signals_get_origin (fd_database_get_signals (self->database),
                                                "clients", fd_record_get_id (self->record),
                                                session != NULL ? fd_session_get_id (session)
                                                                : 0);
  /* Asked on the same connection before the read, so answered before it. */
  if (names != NULL)
    fd_session_names_ask_async (names, self->reading_origin, self->cancellable, NULL, NULL);
  g_set_object (&self->reading, NULL);
  self->reading = fd_record_new ("clients", fd_record_get_id (self->record));
  fd_record_set_account_only (self->reading, TRUE);
  fd_record_load_async (self->reading, fd_database_get_connection (self->database),
                        self->cancellable, read_again_cb, self);
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  FdAccount *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!fd_record_load_finish (FD_RECORD (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
          FD_RECORD (object) != self->record)
        return;
      g_clear_error (&self->error);
      self->error = g_steal_pointer (&error);
      emit_changed (self);
      return;
    }
  if (FD_RECORD (object) != self->record)
    return;
  enter_context (self);
  emit_changed (self);
  if (self->previous != NULL)
    follow_reload (self, self->previous, self->record);
  g_clear_object (&self->previous);
}

static void
load (FdAccount  *self,
      const char *guarantor)
{
  g_autofree char *id = g_strdup (guarantor);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_clear_error (&self->error);
  g_clear_object (&self->record);
  g_hash_table_remove_all (self->changes);
  self->seen_without_lock = FALSE;
  if (id == NULL)
    return;
  self->record = fd_record_new ("clients", id);
  fd_record_set_account_only (self->record, TRUE);
  g_signal_connect_object (self->record, "notify::dirty", G_CALLBACK (emit_changed), self,
                           G_CONNECT_SWAPPED);
  fd_record_load_async (self->record, fd_database_get_connection (self->database),
                        self->cancellable, loaded_cb, self);
}

static void
fd_account_dispose (GObject *object)
{
  FdAccount *self = FD_ACCOUNT (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->lock != NULL)
    fd_save_lock_set_context (self->lock, NULL, NULL);
  g_clear_object (&self->lock);
  g_clear_object (&self->record);
  g_clear_object (&self->reading);
  g_clear_object (&self->previous);
  g_clear_object (&self->database);
  g_clear_error (&self->error);
  g_clear_pointer (&self->changes, g_hash_table_unref);

  G_OBJECT_CLASS (fd_account_parent_class)->dispose (object);
}

static void
fd_account_class_init (FdAccountClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = fd_account_dispose;

  /**
   * FdAccount::changed:
   *
   * Loaded, edited, or the save lock changed hands: what the section shows may differ.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);

  /**
   * FdAccount::followed:
   * @columns: the account columns someone else saved, shown in place
   */
  signals[FOLLOWED] =
    g_signal_new ("followed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_STRV);
}

static void
fd_account_init (FdAccount *self)
{
  self->cancellable = g_cancellable_new ();
  self->changes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) fd_field_change_free);
}

FdAccount *
fd_account_new (FdDatabase *database)
{
  FdAccount *self;
  FdSession *session;

  g_return_val_if_fail (FD_IS_DATABASE (database), NULL);

  self = g_object_new (FD_TYPE_ACCOUNT, NULL);
  self->database = g_object_ref (database);
  if (fd_database_get_signals (database) != NULL)
    g_signal_connect_object (fd_database_get_signals (database), "changed::clients",
                             G_CALLBACK (clients_changed_cb), self, G_CONNECT_SWAPPED);
  session = fd_database_get_session (database);
  if (session != NULL)
    {
      self->lock = fd_save_lock_new (session);
      g_signal_connect_object (self->lock, "changed", G_CALLBACK (lock_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }
  return self;
}

/**
 * fd_account_get_lock:
 *
 * Returns: (transfer none) (nullable): the family's save lock, for the Save Lock panel
 */
FdSaveLock *
fd_account_get_lock (FdAccount *self)
{
  g_return_val_if_fail (FD_IS_ACCOUNT (self), NULL);

  return self->lock;
}

/**
 * fd_account_get_record:
 *
 * Returns: (transfer none) (nullable): the guarantor's account columns
 */
FdRecord *
fd_account_get_record (FdAccount *self)
{
  g_return_val_if_fail (FD_IS_ACCOUNT (self), NULL);

  return self->record;
}

gboolean
fd_account_get_loaded (FdAccount *self)
{
  g_return_val_if_fail (FD_IS_ACCOUNT (self), FALSE);

  return self->record != NULL && fd_record_is_loaded (self->record);
}

/**
 * fd_account_get_error:
 *
 * Returns: (nullable): why the account could not be read
 */
const GError *
fd_account_get_error (FdAccount *self)
{
  g_return_val_if_fail (FD_IS_ACCOUNT (self), NULL);

  return self->error;
}

gboolean
fd_account_get_dirty (FdAccount *self)
{
  g_return_val_if_fail (FD_IS_ACCOUNT (self), FALSE);

  return self->record != NULL && fd_record_is_dirty (self->record);
}

/* Loaded, and this session holds the family's save lock. */
gboolean
fd_account_get_editable (FdAccount *self)
{
  g_return_val_if_fail (FD_IS_ACCOUNT (self), FALSE);

  return fd_account_get_loaded (self) && self->lock != NULL &&
         fd_save_lock_get_held (self->lock);
}

/**
 * fd_account_follow:
 *
 * Shows the account of @client's (stored) family: another family than before changes the
 * context, which lets the old family's lock go and takes the new one's if it is free; the
 * same family drops the account's edits.
 */
void
fd_account_follow (FdAccount *self,
                   FdRecord  *client)
{
  const char *guarantor;

  g_return_if_fail (FD_IS_ACCOUNT (self));
  g_return_if_fail (fd_record_is_loaded (client));

  guarantor = fd_record_get_original (client, "guarantor_id");
  if (self->record != NULL && g_strcmp0 (fd_record_get_id (self->record), guarantor) == 0)
    {
      fd_record_revert (self->record);
      emit_changed (self);
      return;
    }
  load (self, guarantor);
  enter_context (self);
  emit_changed (self);
}

/* Shows nothing, and leaves the family's context (its lock goes with it). */
void
fd_account_clear (FdAccount *self)
{
  g_return_if_fail (FD_IS_ACCOUNT (self));

  load (self, NULL);
  enter_context (self);
  emit_changed (self);
}

/* On screen or not: the family's context is entered only while the account is shown. */
void
fd_account_set_shown (FdAccount *self,
                      gboolean   shown)
{
  g_return_if_fail (FD_IS_ACCOUNT (self));

  self->shown = shown;
  enter_context (self);
}

void
fd_account_revert (FdAccount *self)
{
  g_return_if_fail (FD_IS_ACCOUNT (self));

  if (self->record != NULL)
    fd_record_revert (self->record);
  emit_changed (self);
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FdAccount *self = g_task_get_source_object (task);
  GPtrArray *conflicts = NULL;
  GError *error = NULL;
  FdSaveOutcome outcome;

  outcome = fd_record_save_finish (FD_RECORD (object), result, &conflicts, &error);
  g_task_set_task_data (task, GINT_TO_POINTER (outcome), NULL);
  if (FD_RECORD (object) != self->record && error == NULL)
    error = g_error_new (G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s",
                         _("The account was closed before it was saved."));
  if (outcome == FD_SAVE_CONFLICT && error == NULL)
    {
      /* The choices made here stay; what is stored now is what the next save compares with. */
      for (guint i = 0; i < conflicts->len; i++)
        fd_record_resolve_conflict (FD_RECORD (object), g_ptr_array_index (conflicts, i), TRUE);
      g_task_return_pointer (task, conflicts, (GDestroyNotify) g_ptr_array_unref);
    }
  else if (error != NULL)
    {
      g_clear_pointer (&conflicts, g_ptr_array_unref);
      g_task_return_error (task, error);
    }
  else
    g_task_return_pointer (task, NULL, NULL);
  emit_changed (self);
}

/**
 * fd_account_save_async:
 *
 * Saves the account's changed columns under the family's save lock (the server refuses
 * them without it). Nothing changed: done at once.
 */
void
fd_account_save_async (FdAccount           *self,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (FD_IS_ACCOUNT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, fd_account_save_async);
  g_task_set_task_data (task, GINT_TO_POINTER (FD_SAVE_SAVED), NULL);
  if (!fd_account_get_dirty (self))
    {
      g_task_return_pointer (task, NULL, NULL);
      g_object_unref (task);
      return;
    }
  /* The account's own cancellable too: it goes when another family is shown. */
  fd_record_save_async (self->record, fd_database_get_connection (self->database),
                        self->cancellable, saved_cb, task);
}

/**
 * fd_account_save_finish:
 * @conflicts: (out) (optional) (transfer full): on %FD_SAVE_CONFLICT, the fields someone
 *   else saved meanwhile; the choices made here are kept for the next save
 */
FdSaveOutcome
fd_account_save_finish (FdAccount     *self,
                        GAsyncResult  *result,
                        GPtrArray    **conflicts,
                        GError       **error)
{
  FdSaveOutcome outcome;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), FD_SAVE_FAILED);

  outcome = GPOINTER_TO_INT (g_task_get_task_data (G_TASK (result)));
  found = g_task_propagate_pointer (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return outcome == FD_SAVE_SAVED ? FD_SAVE_FAILED : outcome;
    }
  if (conflicts != NULL)
    *conflicts = g_steal_pointer (&found);
  return outcome;
}

/**
 * fd_account_make_payer_async:
 *
 * Makes @client_id the one who pays for their family (frontdesk.family_make_payer()): the
 * family's account goes with them. Refused without the family's save lock, or while a
 * member is open at another desk.
 */
void
fd_account_make_payer_async (FdAccount           *self,
                             const char          *client_id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  const char *params[] = { client_id };

  g_return_if_fail (FD_IS_ACCOUNT (self));
  g_return_if_fail (client_id != NULL);

  fd_query_async (self, fd_account_make_payer_async, fd_database_get_connection (self->database),
                  "SELECT frontdesk.family_make_payer($1::bigint)", 1, params, cancellable,
                  callback, user_data);
}

gboolean
fd_account_make_payer_finish (FdAccount     *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return fd_query_finish_ok (self, fd_account_make_payer_async, result, error);
}

/**
 * fd_account_get_change:
 *
 * Returns: (nullable): what someone else last saved in @column that the account shows, and
 *   who, since this family's account was read
 */
const FdFieldChange *
fd_account_get_change (FdAccount  *self,
                       const char *column)
{
  g_return_val_if_fail (FD_IS_ACCOUNT (self), NULL);

  return self->changes != NULL ? g_hash_table_lookup (self->changes, column) : NULL;
}
