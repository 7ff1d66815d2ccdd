/* fd-record-server.c: loading a record, saving its changed columns, and adding a new one,
 * each one round trip.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>
#include <string.h>

#include "fd-pg.h"
#include "fd-record-private.h"
#include "fd-pg-util.h"

/* Loading ---------------------------------------------------------------------------------- */

static void
take_row (FdRecord *self,
          PGresult *result,
          int       value_column)
{
  g_ptr_array_set_size (self->columns, 0);
  g_hash_table_remove_all (self->originals);

  for (int row = 0; row < PQntuples (result); row++)
    {
      const char *column = PQgetvalue (result, row, 1);

      g_ptr_array_add (self->columns, g_strdup (column));
      g_hash_table_insert (self->originals, g_strdup (column),
                           g_strdup (fd_pg_get_nullable (result, row, value_column)));
    }
  self->loaded = TRUE;
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FdRecord *self = g_task_get_source_object (task);
  g_autoptr(PGresult) pg_result = NULL;
  gboolean was_dirty = fd_record_is_dirty (self);
  GError *error = NULL;

  pg_result = fd_connection_query_finish (FD_CONNECTION (object), result, &error);
  if (pg_result == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  take_row (self, pg_result, 2);
  g_hash_table_remove_all (self->edits);
  _fd_record_notify_changed (self, NULL, was_dirty);
  g_task_return_boolean (task, TRUE);
}

/**
 * fd_record_load_async:
 *
 * Loads (or reloads) the row; edits are dropped.
 */
void
fd_record_load_async (FdRecord            *self,
                      FdConnection        *connection,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  GTask *task;
  const char *params[2];

  g_return_if_fail (FD_IS_RECORD (self));
  g_return_if_fail (FD_IS_CONNECTION (connection));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, fd_record_load_async);

  params[0] = self->table;
  params[1] = self->id;
  fd_connection_query_async (connection,
                             "SELECT 'loaded', column_name, value "
                             "FROM frontdesk.load_record($1, $2) ORDER BY column_name",
                             2, params, cancellable, loaded_cb, task);
}

gboolean
fd_record_load_finish (FdRecord      *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Saving ----------------------------------------------------------------------------------- */

typedef struct
{
  GHashTable *sent;        /* column → value sent */
  GPtrArray  *conflicts;   /* FdConflict */
  FdSaveOutcome outcome;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_clear_pointer (&data->sent, g_hash_table_unref);
  g_clear_pointer (&data->conflicts, g_ptr_array_unref);
  g_free (data);
}

/* Edits made while the save was on its way stay edits. */
static void
take_saved_row (FdRecord   *self,
                PGresult   *result,
                GHashTable *sent)
{
  GHashTableIter iter;
  gpointer column;
  gpointer value;

  take_row (self, result, 4);

  g_hash_table_iter_init (&iter, sent);
  while (g_hash_table_iter_next (&iter, &column, &value))
    {
      gpointer edit;

      if (g_hash_table_lookup_extended (self->edits, column, NULL, &edit) &&
          g_strcmp0 (edit, value) == 0)
        g_hash_table_remove (self->edits, column);
    }

  /* An edit now equal to the saved value is no edit. */
  g_hash_table_iter_init (&iter, self->edits);
  while (g_hash_table_iter_next (&iter, &column, &value))
    {
      if (g_strcmp0 (value, g_hash_table_lookup (self->originals, column)) == 0)
        g_hash_table_iter_remove (&iter);
    }
}

static GPtrArray *
collect_conflicts (PGresult *result)
{
  GPtrArray *conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) fd_conflict_free);

  for (int row = 0; row < PQntuples (result); row++)
    {
      FdConflict *conflict = g_new0 (FdConflict, 1);

      conflict->column = g_strdup (PQgetvalue (result, row, 1));
      conflict->original = g_strdup (fd_pg_get_nullable (result, row, 2));
      conflict->theirs = g_strdup (fd_pg_get_nullable (result, row, 3));
      conflict->mine = g_strdup (fd_pg_get_nullable (result, row, 4));
      g_ptr_array_add (conflicts, conflict);
    }
  return conflicts;
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FdRecord *self = g_task_get_source_object (task);
  SaveData *data = g_task_get_task_data (task);
  g_autoptr(PGresult) pg_result = NULL;
  gboolean was_dirty = fd_record_is_dirty (self);
  GError *error = NULL;

  pg_result = fd_connection_query_finish (FD_CONNECTION (object), result, &error);
  if (pg_result == NULL)
    {
      data->outcome = fd_db_error_is_connection (error) ||
                      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                      ? FD_SAVE_FAILED : FD_SAVE_REFUSED;
      g_task_return_error (task, error);
      return;
    }

  if (PQntuples (pg_result) > 0 && g_str_equal (PQgetvalue (pg_result, 0, 0), "conflict"))
    {
      data->outcome = FD_SAVE_CONFLICT;
      data->conflicts = collect_conflicts (pg_result);
      g_task_return_boolean (task, TRUE);
      return;
    }

  take_saved_row (self, pg_result, data->sent);
  _fd_record_notify_changed (self, NULL, was_dirty);
  data->outcome = FD_SAVE_SAVED;
  g_task_return_boolean (task, TRUE);
}

static char *
build_save_sql (const char *function,
                guint       n_changes)
{
  GString *sql = g_string_new (NULL);

  g_string_printf (sql, "SELECT outcome, column_name, original, theirs, mine "
                        "FROM frontdesk.%s($1, $2, VARIADIC ARRAY[", function);

  for (guint i = 0; i < n_changes * 3; i++)
    g_string_append_printf (sql, "%s$%u", i == 0 ? "" : ", ", i + 3);
  g_string_append (sql, "]::text[])");

  return g_string_free (sql, FALSE);
}

/**
 * fd_record_set_account_only:
 *
 * Makes this record a family's account: the guarantor's row, of which only the account
 * columns are saved, under the family's save lock instead of the record lock.
 */
void
fd_record_set_account_only (FdRecord *self,
                            gboolean  account_only)
{
  g_return_if_fail (FD_IS_RECORD (self));

  self->account_only = account_only;
}

/**
 * fd_record_save_async:
 *
 * Saves the changed columns. See fd_record_save_finish() for what can come of it.
 */
void
fd_record_save_async (FdRecord            *self,
                      FdConnection        *connection,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GPtrArray) params = g_ptr_array_new ();
  g_auto(GStrv) changed = NULL;
  g_autofree char *sql = NULL;
  SaveData *data;
  GTask *task;

  g_return_if_fail (FD_IS_RECORD (self));
  g_return_if_fail (FD_IS_CONNECTION (connection));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, fd_record_save_async);
  data = g_new0 (SaveData, 1);
  data->outcome = FD_SAVE_REFUSED;
  data->sent = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_task_set_task_data (task, data, (GDestroyNotify) save_data_free);

  changed = fd_record_dup_changed_columns (self);
  if (changed[0] == NULL)
    {
      g_task_return_new_error (task, FD_RECORD_ERROR, FD_RECORD_ERROR_NOTHING_TO_SAVE,
                               _("There are no changes to save."));
      g_object_unref (task);
      return;
    }

  g_ptr_array_add (params, self->table);
  g_ptr_array_add (params, self->id);
  for (guint i = 0; changed[i] != NULL; i++)
    {
      const char *value = fd_record_get (self, changed[i]);

      g_ptr_array_add (params, changed[i]);
      g_ptr_array_add (params, (gpointer) fd_record_get_original (self, changed[i]));
      g_ptr_array_add (params, (gpointer) value);
      g_hash_table_insert (data->sent, g_strdup (changed[i]), g_strdup (value));
    }

  sql = build_save_sql (self->account_only ? "account_save" : "save_record",
                        g_strv_length (changed));
  fd_connection_query_async (connection, sql, params->len, (const char * const *) params->pdata,
                             cancellable, saved_cb, task);
}

/**
 * fd_record_save_finish:
 * @conflicts: (out) (optional) (transfer full) (element-type FdConflict): on
 *   %FD_SAVE_CONFLICT, each column someone else saved meanwhile
 *
 * %FD_SAVE_SAVED: the changed columns are stored and the record holds the row as saved.
 * %FD_SAVE_CONFLICT: nothing was written; the edits are kept.
 * %FD_SAVE_REFUSED: the server said no (@error says why); nothing was written.
 * %FD_SAVE_FAILED: the server could not be asked (@error says why).
 */
FdSaveOutcome
fd_record_save_finish (FdRecord      *self,
                       GAsyncResult  *result,
                       GPtrArray    **conflicts,
                       GError       **error)
{
  SaveData *data;

  g_return_val_if_fail (g_task_is_valid (result, self), FD_SAVE_FAILED);

  data = g_task_get_task_data (G_TASK (result));
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return data->outcome == FD_SAVE_SAVED ? FD_SAVE_FAILED : data->outcome;

  if (conflicts != NULL)
    *conflicts = data->conflicts != NULL ? g_ptr_array_ref (data->conflicts) : NULL;
  return data->outcome;
}

/* Adding ----------------------------------------------------------------------------------- */

static void
inserted_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(PGresult) pg_result = NULL;
  FdRecord *record;
  GError *error = NULL;

  pg_result = fd_connection_query_finish (FD_CONNECTION (object), result, &error);
  if (pg_result == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  record = fd_record_new (g_task_get_task_data (task), "");
  take_row (record, pg_result, 2);
  g_free (record->id);
  record->id = g_strdup (fd_record_get_original (record, "id"));
  g_task_return_pointer (task, record, g_object_unref);
}

/**
 * fd_record_insert_async:
 * @columns: (array length=n_fields): the fields given
 * @values: (array length=n_fields): their values as text, %NULL for SQL NULL
 *
 * Adds a row to @table through frontdesk.insert_record(): the same field checks and
 * worded refusals as a save. Inserts never conflict.
 */
void
fd_record_insert_async (FdConnection        *connection,
                        const char          *table,
                        guint                n_fields,
                        const char * const  *columns,
                        const char * const  *values,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GPtrArray) params = g_ptr_array_new ();
  g_autoptr(GString) sql = g_string_new ("SELECT 'inserted', column_name, value "
                                         "FROM frontdesk.insert_record($1, VARIADIC ARRAY[");
  GTask *task;

  g_return_if_fail (FD_IS_CONNECTION (connection));
  g_return_if_fail (table != NULL && n_fields > 0);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, fd_record_insert_async);
  g_task_set_task_data (task, g_strdup (table), g_free);

  g_ptr_array_add (params, (gpointer) table);
  for (guint i = 0; i < n_fields; i++)
    {
      g_ptr_array_add (params, (gpointer) columns[i]);
      g_ptr_array_add (params, (gpointer) values[i]);
      g_string_append_printf (sql, "%s$%u, $%u", i == 0 ? "" : ", ", i * 2 + 2, i * 2 + 3);
    }
  g_string_append (sql, "]::text[]) ORDER BY column_name");

  fd_connection_query_async (connection, sql->str, params->len,
                             (const char * const *) params->pdata, cancellable, inserted_cb,
                             task);
}

/**
 * fd_record_insert_finish:
 *
 * Returns: (transfer full): the new row, loaded, with its id
 */
FdRecord *
fd_record_insert_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
