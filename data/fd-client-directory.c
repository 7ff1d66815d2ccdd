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
#include "fd-pg.h"
#include "fd-query.h"

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

static gpointer
read_client_summary (const PGresult *pg_result,
                     int             row)
{
  return fd_client_summary_new (PQgetvalue (pg_result, row, 0),
                                PQgetvalue (pg_result, row, 1),
                                PQgetvalue (pg_result, row, 2),
                                fd_pg_get_nullable (pg_result, row, 3),
                                fd_pg_get_nullable (pg_result, row, 4),
                                fd_pg_get_nullable (pg_result, row, 5),
                                PQgetvalue (pg_result, row, 6));
}

/* Archived clients are left out. */
void
fd_client_directory_search_async (FdConnection        *connection,
                                  const char          *query,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  fd_client_directory_search_all_async (connection, query, FALSE, cancellable, callback,
                                        user_data);
}

/**
 * fd_client_directory_search_all_async:
 * @include_archived: whether archived clients are found too
 *
 * Finish with fd_client_directory_search_finish().
 */
void
fd_client_directory_search_all_async (FdConnection        *connection,
                                      const char          *query,
                                      gboolean             include_archived,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autofree char *limit = g_strdup_printf ("%d", FD_CLIENT_SEARCH_LIMIT);
  const char *params[] = { query, limit, include_archived ? "true" : "false" };

  g_return_if_fail (FD_IS_CONNECTION (connection));
  g_return_if_fail (query != NULL);

  fd_query_async (connection, fd_client_directory_search_async, connection,
                  "SELECT id, last_name, first_name, preferred_name, birth_date, "
                  "phone, status FROM frontdesk.search_clients($1, $2::integer, $3::boolean)",
                  3, params, cancellable, callback, user_data);
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
  return fd_query_finish_list (connection, fd_client_directory_search_async, result,
                               FD_TYPE_CLIENT_SUMMARY, read_client_summary, error);
}

static gpointer
read_duplicate (const PGresult *pg_result,
                int             row)
{
  FdClientSummary *summary = read_client_summary (pg_result, row);

  fd_client_summary_set_reason (summary, PQgetvalue (pg_result, row, 7));
  return summary;
}

/* A text[] literal of @phones, the empty ones left out. */
static char *
phones_literal (const char * const *phones)
{
  GString *literal = g_string_new ("{");

  for (guint i = 0; phones != NULL && phones[i] != NULL; i++)
    {
      if (phones[i][0] == '\0')
        continue;
      if (literal->len > 1)
        g_string_append_c (literal, ',');
      g_string_append_c (literal, '"');
      for (const char *c = phones[i]; *c != '\0'; c++)
        {
          if (*c == '"' || *c == '\\')
            g_string_append_c (literal, '\\');
          g_string_append_c (literal, *c);
        }
      g_string_append_c (literal, '"');
    }
  g_string_append_c (literal, '}');
  return g_string_free (literal, FALSE);
}

/**
 * fd_client_directory_duplicates_async:
 * @birth_date: (nullable): as YYYY-MM-DD
 * @phones: (nullable) (array zero-terminated=1): the phone numbers typed so far
 *
 * Finds the clients who may be the person about to be added: the same name and date of
 * birth, or one of the same phone numbers, however they are written.
 */
void
fd_client_directory_duplicates_async (FdConnection        *connection,
                                      const char          *first_name,
                                      const char          *last_name,
                                      const char          *birth_date,
                                      const char * const  *phones,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autofree char *phone_array = phones_literal (phones);
  const char *params[] = { first_name, last_name, birth_date, phone_array };

  g_return_if_fail (FD_IS_CONNECTION (connection));
  g_return_if_fail (first_name != NULL && last_name != NULL);

  fd_query_async (connection, fd_client_directory_duplicates_async, connection,
                  "SELECT id, last_name, first_name, preferred_name, birth_date, phone, status, "
                  "reason FROM frontdesk.client_duplicates($1, $2, $3::date, $4::text[])",
                  4, params, cancellable, callback, user_data);
}

/**
 * fd_client_directory_duplicates_finish:
 *
 * Returns: (transfer full): a list of #FdClientSummary, each with its reason
 */
GListModel *
fd_client_directory_duplicates_finish (FdConnection  *connection,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  return fd_query_finish_list (connection, fd_client_directory_duplicates_async, result,
                               FD_TYPE_CLIENT_SUMMARY, read_duplicate, error);
}

static gpointer
read_family_member (const PGresult *pg_result,
                    int             row)
{
  FdClientSummary *summary = read_client_summary (pg_result, row);

  fd_client_summary_set_guarantor_id (summary, PQgetvalue (pg_result, row, 7));
  return summary;
}

void
fd_client_directory_family_async (FdConnection        *connection,
                                  const char          *client_id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  const char *params[] = { client_id };

  g_return_if_fail (FD_IS_CONNECTION (connection));
  g_return_if_fail (client_id != NULL);

  fd_query_async (connection, fd_client_directory_family_async, connection,
                  "SELECT id, last_name, first_name, preferred_name, birth_date, phone, status, "
                  "guarantor_id FROM frontdesk.client_family($1::bigint)",
                  1, params, cancellable, callback, user_data);
}

/**
 * fd_client_directory_family_finish:
 *
 * Returns: (transfer full): the family of the client, #FdClientSummary with their
 *   guarantor: the one who pays first, then the others in name order
 */
GListModel *
fd_client_directory_family_finish (FdConnection  *connection,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return fd_query_finish_list (connection, fd_client_directory_family_async, result,
                               FD_TYPE_CLIENT_SUMMARY, read_family_member, error);
}

static gpointer
read_procedure_entry (const PGresult *pg_result,
                      int             row)
{
  FdProcedureEntry *entry = g_new0 (FdProcedureEntry, 1);

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
  entry->note_written_at = fd_pg_dup_local_date_time (pg_result, row, 10);
  return entry;
}

void
fd_client_directory_procedures_async (FdConnection        *connection,
                                      const char          *client_id,
                                      gboolean             history,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  const char *params[] = { client_id, history ? "true" : "false" };

  g_return_if_fail (FD_IS_CONNECTION (connection));
  g_return_if_fail (client_id != NULL);

  fd_query_async (connection, fd_client_directory_procedures_async, connection,
                  "SELECT procedure_id, performed_on, code, description, provider, "
                  "status, fee, coalesce(note_version, 0), note, note_author, "
                  "extract(epoch FROM note_written_at) "
                  "FROM frontdesk.client_procedures($1::bigint, $2::boolean)",
                  2, params, cancellable, callback, user_data);
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
  return fd_query_finish_array (connection, fd_client_directory_procedures_async, result,
                                read_procedure_entry, (GDestroyNotify) fd_procedure_entry_free,
                                error);
}
