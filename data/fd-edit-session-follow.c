/* fd-edit-session-follow.c: an edit session follows the database: when someone else saves
 * the open record, every column not edited here takes what they saved, and a column edited
 * here that they saved is a conflict, settled while typing with Use Theirs or Keep Mine.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The signal says which session saved; FdSessionNames names it (asked once per session).
 * Nothing typed is touched by a reload: an edit stays as typed until the person chooses.
 * Use Theirs takes their value as loaded and drops the edit; Keep Mine takes their value as
 * the one the save compares with, so the save overwrites it knowingly, with no dialog.
 */
#include "fd-edit-session-private.h"
#include "fd-signals.h"

static FdSessionNames *
get_names (FdEditSession *self)
{
  return fd_database_get_session_names (self->database);
}

static FdFieldChange *
change_new (FdEditSession *self,
            gint64         origin,
            const char    *column,
            const char    *value)
{
  FdSessionNames *names = get_names (self);

  return names != NULL ? fd_session_names_new_change (names, origin, column, value)
                       : fd_field_change_new (column, value, NULL, NULL);
}

/* Merging what is stored ------------------------------------------------------------------ */

/* How long after a change was read its signal may still name who made it: the record can
 * be read again (for a change of another kind, or this session's own) before the signal of
 * someone else's commit is polled. */
#define NAMED_LATER_USEC (5 * G_USEC_PER_SEC)

/* A change read before its signal named who made it is named now. */
static gboolean
name_later (FdEditSession *self,
            FdFieldChange *change,
            gint64         origin,
            GDateTime     *now)
{
  const char *name, *workstation;

  if (change == NULL || change->name != NULL || get_names (self) == NULL ||
      !fd_session_names_lookup (get_names (self), origin, &name, &workstation) ||
      g_date_time_difference (now, change->when) > NAMED_LATER_USEC)
    return FALSE;
  change->name = g_strdup (name);
  change->workstation = g_strdup (workstation);
  return TRUE;
}

/* Each column someone else saved: in place when not edited here, else a conflict. */
static void
merge (FdEditSession *self,
       FdRecord      *fresh,
       gint64         origin)
{
  g_auto(GStrv) columns = fd_record_dup_columns (fresh);
  g_autoptr(GStrvBuilder) in_place = g_strv_builder_new ();
  g_autoptr(GPtrArray) conflicted = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_auto(GStrv) changed = NULL;
  gboolean any = FALSE;

  for (guint i = 0; columns[i] != NULL; i++)
    {
      const char *column = columns[i];
      const char *theirs = fd_record_get_original (fresh, column);
      FdFieldChange *conflict;

      if (!fd_record_has_column (self->record, column))
        continue;
      conflict = g_hash_table_lookup (self->conflicts, column);
      if (g_strcmp0 (theirs, fd_record_get_original (self->record, column)) == 0)
        {
          /* Stored as loaded again: nothing to settle any more. */
          if (g_hash_table_remove (self->conflicts, column))
            g_ptr_array_add (conflicted, g_strdup (column));
          else if (name_later (self, g_hash_table_lookup (self->changes, column), origin, now))
            {
              g_strv_builder_add (in_place, column);
              any = TRUE;
            }
          continue;
        }
      if (conflict != NULL && g_strcmp0 (conflict->value, theirs) == 0)
        {
          if (name_later (self, conflict, origin, now))
            g_ptr_array_add (conflicted, g_strdup (column));
          continue;
        }

      if (!fd_record_is_changed (self->record, column) ||
          g_strcmp0 (fd_record_get (self->record, column), theirs) == 0)
        {
          g_hash_table_remove (self->conflicts, column);
          g_hash_table_replace (self->changes, g_strdup (column),
                                change_new (self, origin, column, theirs));
          fd_record_take_stored (self->record, column, theirs);
          g_strv_builder_add (in_place, column);
          any = TRUE;
        }
      else
        {
          g_hash_table_replace (self->conflicts, g_strdup (column),
                                change_new (self, origin, column, theirs));
          g_ptr_array_add (conflicted, g_strdup (column));
        }
    }

  changed = g_strv_builder_end (in_place);
  /* Moved to another family: its account from now on (the same family's edits stay). */
  if (self->account != NULL && g_strv_contains ((const char * const *) changed, "guarantor_id"))
    fd_account_follow (self->account, self->record);
  if (any)
    _fd_edit_session_emit_reloaded (self, changed);
  for (guint i = 0; i < conflicted->len; i++)
    _fd_edit_session_emit_field_conflict (self, g_ptr_array_index (conflicted, i));
}

static void
reloaded_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  FdEditSession *self = user_data;
  g_autoptr(FdRecord) fresh = g_object_ref (FD_RECORD (object));
  g_autoptr(GError) error = NULL;

  if (!fd_record_load_finish (fresh, result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Cannot read %s %s again: %s", self->table, self->id, error->message);
      if (self->reloading == fresh)
        g_clear_object (&self->reloading);
      return;
    }
  if (self->reloading != fresh)
    return;
  g_clear_object (&self->reloading);

  if (self->record == NULL || !fd_record_is_loaded (self->record))
    return;
  /* A save went out meanwhile: what it wrote is compared first, this is read again after. */
  if (self->saving)
    {
      self->reload_after_save = TRUE;
      return;
    }
  merge (self, fresh, self->reload_origin);
}

static void
read_record (FdEditSession *self)
{
  g_set_object (&self->reloading, NULL);
  self->reloading = fd_record_new (self->table, self->id);
  fd_record_load_async (self->reloading, fd_database_get_connection (self->database),
                        self->cancellable, reloaded_cb, self);
}

static void
saver_named_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  FdEditSession *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!fd_session_names_ask_finish (FD_SESSION_NAMES (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_debug ("Who saved %s %s: %s", self->table, self->id, error->message);
    }
  read_record (self);
}

void
_fd_edit_session_reload (FdEditSession *self)
{
  if (self->record == NULL || !fd_record_is_loaded (self->record))
    return;
  if (self->saving)
    {
      self->reload_after_save = TRUE;
      return;
    }
  if (get_names (self) == NULL)
    {
      read_record (self);
      return;
    }
  /* Who saved it is asked first, so that the fields it changed say so when they show it. */
  fd_session_names_ask_async (get_names (self), self->reload_origin, self->cancellable,
                              saver_named_cb, self);
}

void
_fd_edit_session_data_changed_cb (FdEditSession *self,
                                  const char    *kind,
                                  GStrv          keys)
{
  FdSignals *data_signals = fd_database_get_signals (self->database);
  FdSession *session = fd_database_get_session (self->database);
  gint64 mine = session != NULL ? fd_session_get_id (session) : 0;
  gint64 origin;

  if (self->id == NULL || !g_str_equal (kind, self->table))
    return;
  /* The book's signals name days, not appointments: any of them may be this one. */
  if (g_str_equal (kind, "appointments"))
    origin = fd_signals_get_origin (data_signals, kind, NULL, mine);
  else if (g_strv_contains ((const char * const *) keys, self->id))
    origin = fd_signals_get_origin (data_signals, kind, self->id, mine);
  else
    return;
  /* A change of this session's own does not hide who made the one still being read. */
  if (origin != 0 || self->reloading == NULL)
    self->reload_origin = origin;
  _fd_edit_session_reload (self);
}

/* Settling -------------------------------------------------------------------------------- */

static void
settle (FdEditSession *self,
        const char    *column,
        gboolean       keep_mine)
{
  FdFieldChange *conflict = g_hash_table_lookup (self->conflicts, column);
  FdConflict settled = { 0, };

  g_return_if_fail (conflict != NULL);

  settled.column = (char *) column;
  settled.original = (char *) fd_record_get_original (self->record, column);
  settled.theirs = conflict->value;
  settled.mine = (char *) fd_record_get (self->record, column);

  /* Taken out first, so that the record's ::changed finds nothing left to settle. */
  g_hash_table_steal_extended (self->conflicts, column, NULL, (gpointer *) &conflict);
  {
    g_autofree char *key = g_strdup (column);
    g_autoptr(FdFieldChange) owned = conflict;

    fd_record_resolve_conflict (self->record, &settled, keep_mine);
    if (!keep_mine)
      g_hash_table_replace (self->changes, g_strdup (key), g_steal_pointer (&owned));
    _fd_edit_session_emit_field_conflict (self, key);
  }
}

/**
 * fd_edit_session_use_theirs:
 *
 * Settles the conflict of @column with what was saved there: the field shows it, and it is
 * not edited here any more.
 */
void
fd_edit_session_use_theirs (FdEditSession *self,
                            const char    *column)
{
  g_return_if_fail (FD_IS_EDIT_SESSION (self));
  g_return_if_fail (column != NULL);

  settle (self, column, FALSE);
}

/**
 * fd_edit_session_keep_mine:
 *
 * Settles the conflict of @column with what is typed here: the save overwrites what they
 * saved, knowingly, without asking again.
 */
void
fd_edit_session_keep_mine (FdEditSession *self,
                           const char    *column)
{
  g_return_if_fail (FD_IS_EDIT_SESSION (self));
  g_return_if_fail (column != NULL);

  settle (self, column, TRUE);
}

/* The record changed here: typing their value, or the merge dialog at save, settles; so
 * does Revert, after which the field shows what they saved. */
void
_fd_edit_session_record_changed_cb (FdEditSession *self,
                                    const char    *column)
{
  g_autoptr(GPtrArray) settled = NULL;
  GHashTableIter iter;
  gpointer key, value;

  settled = g_ptr_array_new_with_free_func ((GDestroyNotify) fd_field_change_free);
  g_hash_table_iter_init (&iter, self->conflicts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      FdFieldChange *conflict = value;

      if (column != NULL && !g_str_equal (column, key))
        continue;
      if (g_strcmp0 (fd_record_get (self->record, key), conflict->value) == 0 ||
          g_strcmp0 (fd_record_get_original (self->record, key), conflict->value) == 0 ||
          (column == NULL && !fd_record_is_changed (self->record, key)))
        {
          g_hash_table_iter_steal (&iter);
          g_free (key);
          g_ptr_array_add (settled, conflict);
        }
    }

  for (guint i = 0; i < settled->len; i++)
    {
      FdFieldChange *conflict = g_ptr_array_index (settled, i);

      /* Their value is the one loaded from now on, so the save does not send it again. */
      if (g_strcmp0 (fd_record_get_original (self->record, conflict->column),
                     conflict->value) != 0)
        fd_record_take_stored (self->record, conflict->column, conflict->value);
      _fd_edit_session_emit_field_conflict (self, conflict->column);
    }
}

/**
 * fd_edit_session_get_change:
 *
 * Returns: (nullable): the last change someone else saved in @column that the form shows
 *   in place (or took with Use Theirs), since the record was opened
 */
const FdFieldChange *
fd_edit_session_get_change (FdEditSession *self,
                            const char    *column)
{
  g_return_val_if_fail (FD_IS_EDIT_SESSION (self), NULL);

  return column != NULL ? g_hash_table_lookup (self->changes, column) : NULL;
}

/**
 * fd_edit_session_get_conflict:
 *
 * Returns: (nullable): what someone else saved in @column while it is edited here, until
 *   the person settles it
 */
const FdFieldChange *
fd_edit_session_get_conflict (FdEditSession *self,
                              const char    *column)
{
  g_return_val_if_fail (FD_IS_EDIT_SESSION (self), NULL);

  return column != NULL ? g_hash_table_lookup (self->conflicts, column) : NULL;
}

guint
fd_edit_session_get_n_conflicts (FdEditSession *self)
{
  g_return_val_if_fail (FD_IS_EDIT_SESSION (self), 0);

  return g_hash_table_size (self->conflicts);
}
