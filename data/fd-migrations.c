/* fd-migrations.c: applies the numbered schema migrations compiled into Frontdesk.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Migrations live in data/sql/NNNN-what.sql and are compiled in as resources. They run
 * under a session advisory lock, so two workstations starting at once take turns; each
 * one runs in its own transaction together with the row that records it.
 */
#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "fd-migrations.h"
#include "fd-pg.h"

#define SQL_RESOURCE_PATH "/org/frontdesk/Frontdesk/sql/"

/* Any constant will do, as long as it stays the same across versions. */
#define MIGRATION_LOCK_KEY "7336180001"

typedef struct
{
  guint  version;
  char  *name;
} Migration;

typedef struct
{
  FdConnection *connection;
  GPtrArray    *migrations;
  guint         next;
  guint         current_version;
  guint         n_applied;

  /* The four statements of one migration */
  guint         batch_remaining;
  GError       *batch_error;
  gboolean      batch_committed;

  GError       *error;  /* reported after the advisory lock is released */
} RunData;

static void apply_next (GTask *task);

static void
migration_free (Migration *migration)
{
  g_free (migration->name);
  g_free (migration);
}

static void
run_data_free (RunData *data)
{
  g_clear_object (&data->connection);
  g_clear_pointer (&data->migrations, g_ptr_array_unref);
  g_clear_error (&data->batch_error);
  g_clear_error (&data->error);
  g_free (data);
}

static int
compare_migrations (gconstpointer a,
                    gconstpointer b)
{
  const Migration *ma = *(const Migration * const *) a;
  const Migration *mb = *(const Migration * const *) b;

  return (ma->version > mb->version) - (ma->version < mb->version);
}

static GPtrArray *
list_migrations (void)
{
  GPtrArray *migrations = g_ptr_array_new_with_free_func ((GDestroyNotify) migration_free);
  g_auto(GStrv) names = g_resources_enumerate_children (SQL_RESOURCE_PATH, 0, NULL);

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      Migration *migration;
      char *end = NULL;
      guint64 version = g_ascii_strtoull (names[i], &end, 10);

      if (version == 0 || end == names[i] || *end != '-' || !g_str_has_suffix (names[i], ".sql"))
        continue;

      migration = g_new0 (Migration, 1);
      migration->version = (guint) version;
      migration->name = g_strndup (names[i], strlen (names[i]) - strlen (".sql"));
      g_ptr_array_add (migrations, migration);
    }

  g_ptr_array_sort (migrations, compare_migrations);
  return migrations;
}

/**
 * fd_migrations_get_latest_version:
 *
 * Returns: the schema version this build of Frontdesk writes
 */
guint
fd_migrations_get_latest_version (void)
{
  g_autoptr(GPtrArray) migrations = list_migrations ();

  if (migrations->len == 0)
    return 0;

  return ((Migration *) g_ptr_array_index (migrations, migrations->len - 1))->version;
}

static void
finish (GTask *task)
{
  RunData *data = g_task_get_task_data (task);

  if (data->error != NULL)
    g_task_return_error (task, g_steal_pointer (&data->error));
  else
    g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static void
unlock_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(PGresult) pg_result = NULL;
  g_autoptr(GError) error = NULL;

  /* A lost connection releases the lock by itself; nothing to report beyond the cause. */
  pg_result = fd_connection_query_finish (FD_CONNECTION (object), result, &error);
  if (pg_result == NULL)
    g_debug ("Releasing the migration lock: %s", error->message);

  finish (task);
}

static void
unlock_and_finish (GTask *task)
{
  RunData *data = g_task_get_task_data (task);
  const char *params[] = { MIGRATION_LOCK_KEY };

  fd_connection_query_async (data->connection, "SELECT pg_advisory_unlock($1::bigint)",
                             1, params, NULL, unlock_cb, task);
}

static void
fail_and_unlock (GTask  *task,
                 GError *error)
{
  RunData *data = g_task_get_task_data (task);

  g_clear_error (&data->error);
  data->error = error;
  unlock_and_finish (task);
}

static void
batch_statement_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GTask *task = user_data;
  RunData *data = g_task_get_task_data (task);
  g_autoptr(PGresult) pg_result = NULL;
  GError *error = NULL;

  pg_result = fd_connection_query_finish (FD_CONNECTION (object), result, &error);
  if (pg_result == NULL && data->batch_error == NULL)
    data->batch_error = error;
  else if (pg_result == NULL)
    g_error_free (error);

  /* COMMIT of a failed transaction answers ROLLBACK. */
  if (pg_result != NULL && g_strcmp0 (PQcmdStatus (pg_result), "COMMIT") == 0)
    data->batch_committed = TRUE;

  if (--data->batch_remaining > 0)
    return;

  if (data->batch_error == NULL && data->batch_committed)
    {
      Migration *migration = g_ptr_array_index (data->migrations, data->next);

      g_debug ("Applied migration %s", migration->name);
      data->current_version = migration->version;
      data->n_applied++;
      data->next++;
      apply_next (task);
      return;
    }

  if (data->batch_error == NULL)
    data->batch_error = g_error_new_literal (FD_DB_ERROR, FD_DB_ERROR_FAILED,
                                             _("The database did not commit a schema update."));

  fail_and_unlock (task, g_steal_pointer (&data->batch_error));
}

static char *
load_migration_sql (Migration  *migration,
                    GError    **error)
{
  g_autofree char *path = g_strconcat (SQL_RESOURCE_PATH, migration->name, ".sql", NULL);
  g_autoptr(GBytes) bytes = g_resources_lookup_data (path, 0, error);

  if (bytes == NULL)
    return NULL;

  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

/* The four statements are queued together, so nothing else runs inside the transaction. */
static void
apply_next (GTask *task)
{
  RunData *data = g_task_get_task_data (task);
  g_autofree char *sql = NULL;
  g_autofree char *version = NULL;
  const char *params[2];
  Migration *migration;
  GError *error = NULL;

  if (data->next >= data->migrations->len)
    {
      unlock_and_finish (task);
      return;
    }

  migration = g_ptr_array_index (data->migrations, data->next);
  sql = load_migration_sql (migration, &error);
  if (sql == NULL)
    {
      fail_and_unlock (task, error);
      return;
    }

  version = g_strdup_printf ("%u", migration->version);
  params[0] = version;
  params[1] = migration->name;

  data->batch_remaining = 4;
  data->batch_committed = FALSE;
  g_clear_error (&data->batch_error);

  fd_connection_query_async (data->connection, "BEGIN", 0, NULL, NULL, batch_statement_cb, task);
  fd_connection_query_async (data->connection, sql, 0, NULL, NULL, batch_statement_cb, task);
  fd_connection_query_async (data->connection,
                             "INSERT INTO frontdesk.schema_version (version, name) "
                             "VALUES ($1::integer, $2)",
                             2, params, NULL, batch_statement_cb, task);
  fd_connection_query_async (data->connection, "COMMIT", 0, NULL, NULL, batch_statement_cb, task);
}

static void
skip_applied (RunData *data)
{
  while (data->next < data->migrations->len &&
         ((Migration *) g_ptr_array_index (data->migrations, data->next))->version <=
         data->current_version)
    data->next++;
}

static void
version_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  RunData *data = g_task_get_task_data (task);
  g_autoptr(PGresult) pg_result = NULL;
  GError *error = NULL;
  guint latest;

  pg_result = fd_connection_query_finish (FD_CONNECTION (object), result, &error);
  if (pg_result == NULL)
    {
      fail_and_unlock (task, error);
      return;
    }

  data->current_version = (guint) strtoul (PQgetvalue (pg_result, 0, 0), NULL, 10);
  latest = fd_migrations_get_latest_version ();
  if (data->current_version > latest)
    {
      fail_and_unlock (task,
                       g_error_new (FD_DB_ERROR, FD_DB_ERROR_SCHEMA_TOO_NEW,
                                    _("This database was updated by a newer version of "
                                      "Frontdesk (database layout %u; this program knows up to "
                                      "%u). Install the newer Frontdesk on this workstation."),
                                    data->current_version, latest));
      return;
    }

  skip_applied (data);
  apply_next (task);
}

/* A database that never saw Frontdesk has no version table: it is at version 0. */
static void
version_table_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;
  RunData *data = g_task_get_task_data (task);
  g_autoptr(PGresult) pg_result = NULL;
  GError *error = NULL;

  pg_result = fd_connection_query_finish (FD_CONNECTION (object), result, &error);
  if (pg_result == NULL)
    {
      fail_and_unlock (task, error);
      return;
    }

  if (!g_str_equal (PQgetvalue (pg_result, 0, 0), "t"))
    {
      data->current_version = 0;
      apply_next (task);
      return;
    }

  fd_connection_query_async (data->connection,
                             "SELECT coalesce(max(version), 0) FROM frontdesk.schema_version",
                             0, NULL, NULL, version_cb, task);
}

static void
lock_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  RunData *data = g_task_get_task_data (task);
  g_autoptr(PGresult) pg_result = NULL;
  GError *error = NULL;

  pg_result = fd_connection_query_finish (FD_CONNECTION (object), result, &error);
  if (pg_result == NULL)
    {
      data->error = error;
      finish (task);
      return;
    }

  fd_connection_query_async (data->connection,
                             "SELECT to_regclass('frontdesk.schema_version') IS NOT NULL",
                             0, NULL, NULL, version_table_cb, task);
}

/**
 * fd_migrations_run_async:
 *
 * Brings the database to fd_migrations_get_latest_version(). A database written by a newer
 * Frontdesk fails with %FD_DB_ERROR_SCHEMA_TOO_NEW and is left untouched.
 */
void
fd_migrations_run_async (FdConnection        *connection,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  GTask *task;
  RunData *data;
  const char *params[] = { MIGRATION_LOCK_KEY };

  g_return_if_fail (FD_IS_CONNECTION (connection));

  task = g_task_new (connection, cancellable, callback, user_data);
  g_task_set_source_tag (task, fd_migrations_run_async);

  data = g_new0 (RunData, 1);
  data->connection = g_object_ref (connection);
  data->migrations = list_migrations ();
  g_task_set_task_data (task, data, (GDestroyNotify) run_data_free);

  /* Query (not the text) form, whose result is a plain "SELECT 1" row. */
  fd_connection_query_async (connection, "SELECT 1 FROM pg_advisory_lock($1::bigint)",
                             1, params, NULL, lock_cb, task);
}

gboolean
fd_migrations_run_finish (GAsyncResult  *result,
                          guint         *n_applied,
                          GError       **error)
{
  RunData *data;

  g_return_val_if_fail (G_IS_TASK (result), FALSE);

  data = g_task_get_task_data (G_TASK (result));
  if (n_applied != NULL)
    *n_applied = data->n_applied;

  return g_task_propagate_boolean (G_TASK (result), error);
}
