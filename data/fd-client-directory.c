/* fd-client-directory.c: finding clients, and reading what the editor shows beside a
 * client's fields: their procedures and notes.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The search runs on the server against a trigram index (frontdesk.search_clients), so it
 * stays instant at 100,000 clients, and returns at most FD_CLIENT_SEARCH_LIMIT rows.
 */
#include <stdlib.h>

#include "fd-pg-util.h"
#include "fd-client-directory.h"

G_DEFINE_BOXED_TYPE (FdProcedureEntry, fd_procedure_entry,
                     fd_procedure_entry_copy, fd_procedure_entry_free)

FdProcedureEntry *
fd_procedure_entry_copy (const FdProcedureEntry *entry)
{
  FdProcedureEntry *copy = g_new0 (FdProcedureEntry, 1);

  *copy = *entry;
  copy->procedure_id = g_strdup (entry->procedure_id);
  copy->performed_on = g_strdup (entry->performed_on);
  copy->code = g_strdup (entry->code);
  copy->description = g_strdup (entry->description);
  copy->provider = g_strdup (entry->provider);
  copy->status = g_strdup (entry->status);
  copy->fee = g_strdup (entry->fee);
  copy->note = g_strdup (entry->note);
  copy->note_author = g_strdup (entry->note_author);
  copy->note_written_at = entry->note_written_at != NULL
                          ? g_date_time_ref (entry->note_written_at) : NULL;
  return copy;
}

void
fd_procedure_entry_free (FdProcedureEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->procedure_id);
  g_free (entry->performed_on);
  g_free (entry->code);
  g_free (entry->description);
  g_free (entry->provider);
  g_free (entry->status);
  g_free (entry->fee);
  g_free (entry->note);
  g_free (entry->note_author);
  g_clear_pointer (&entry->note_written_at, g_date_time_unref);
  g_free (entry);
}

static void
searched_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(PGresult) pg_result = NULL;
  GListStore *store;
  GError *error = NULL;

  pg_result = fd_connection_query_finish (FD_CONNECTION (object), result, &error);
  if (pg_result == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  store = g_list_store_new (FD_TYPE_CLIENT_SUMMARY);
  for (int row = 0; row < PQntuples (pg_result); row++)
    {
      g_autoptr(FdClientSummary) summary = NULL;

      summary = fd_client_summary_new (PQgetvalue (pg_result, row, 0),
                                       PQgetvalue (pg_result, row, 1),
                                       PQgetvalue (pg_result, row, 2),
                                       fd_pg_get_nullable (pg_result, row, 3),
                                       fd_pg_get_nullable (pg_result, row, 4),
                                       fd_pg_get_nullable (pg_result, row, 5),
                                       PQgetvalue (pg_result, row, 6));
      g_list_store_append (store, summary);
    }
  g_task_return_pointer (task, store, g_object_unref);
}

/**
 * fd_client_directory_search_async:
 * @query: any part of a name, or digits of a phone number; "" lists from the start
 */
void
fd_client_directory_search_async (FdConnection        *connection,
                                  const char          *query,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autofree char *limit = g_strdup_printf ("%d", FD_CLIENT_SEARCH_LIMIT);
  const char *params[] = { query, limit };
  GTask *task;

  g_return_if_fail (FD_IS_CONNECTION (connection));
  g_return_if_fail (query != NULL);

  task = g_task_new (connection, cancellable, callback, user_data);
  g_task_set_source_tag (task, fd_client_directory_search_async);
  fd_connection_query_async (connection,
                             "SELECT id, last_name, first_name, preferred_name, birth_date, "
                             "phone, status FROM frontdesk.search_clients($1, $2::integer)",
                             2, params, cancellable, searched_cb, task);
}

/**
 * fd_client_directory_search_finish:
 *
 * Returns: (transfer full): a list of #FdClientSummary
 */
GListModel *
fd_client_directory_search_finish (FdConnection  *connection,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, connection), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
procedures_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(PGresult) pg_result = NULL;
  GPtrArray *entries;
  GError *error = NULL;

  pg_result = fd_connection_query_finish (FD_CONNECTION (object), result, &error);
  if (pg_result == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  entries = g_ptr_array_new_with_free_func ((GDestroyNotify) fd_procedure_entry_free);
  for (int row = 0; row < PQntuples (pg_result); row++)
    {
      FdProcedureEntry *entry = g_new0 (FdProcedureEntry, 1);
      const char *written = fd_pg_get_nullable (pg_result, row, 10);

      entry->procedure_id = g_strdup (PQgetvalue (pg_result, row, 0));
      entry->performed_on = g_strdup (PQgetvalue (pg_result, row, 1));
      entry->code = g_strdup (PQgetvalue (pg_result, row, 2));
      entry->description = g_strdup (PQgetvalue (pg_result, row, 3));
      entry->provider = g_strdup (PQgetvalue (pg_result, row, 4));
      entry->status = g_strdup (PQgetvalue (pg_result, row, 5));
      entry->fee = g_strdup (PQgetvalue (pg_result, row, 6));
      entry->note_version = atoi (PQgetvalue (pg_result, row, 7));
      entry->note = g_strdup (fd_pg_get_nullable (pg_result, row, 8));
      entry->note_author = g_strdup (fd_pg_get_nullable (pg_result, row, 9));
      if (written != NULL)
        entry->note_written_at = g_date_time_new_from_unix_local ((gint64) g_ascii_strtod (written,
                                                                                          NULL));
      g_ptr_array_add (entries, entry);
    }
  g_task_return_pointer (task, entries, (GDestroyNotify) g_ptr_array_unref);
}

/**
 * fd_client_directory_procedures_async:
 * @history: every version of each note (audit mode), or only the latest
 */
void
fd_client_directory_procedures_async (FdConnection        *connection,
                                      const char          *client_id,
                                      gboolean             history,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  const char *params[] = { client_id, history ? "true" : "false" };
  GTask *task;

  g_return_if_fail (FD_IS_CONNECTION (connection));
  g_return_if_fail (client_id != NULL);

  task = g_task_new (connection, cancellable, callback, user_data);
  g_task_set_source_tag (task, fd_client_directory_procedures_async);
  fd_connection_query_async (connection,
                             "SELECT procedure_id, performed_on, code, description, provider, "
                             "status, fee, coalesce(note_version, 0), note, note_author, "
                             "extract(epoch FROM note_written_at) "
                             "FROM frontdesk.client_procedures($1::bigint, $2::boolean)",
                             2, params, cancellable, procedures_cb, task);
}

/**
 * fd_client_directory_procedures_finish:
 *
 * Returns: (transfer full) (element-type FdProcedureEntry): newest first; with history,
 *   one entry for each version of each note
 */
GPtrArray *
fd_client_directory_procedures_finish (FdConnection  *connection,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, connection), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
