/* fd-query.c: one server question as an _async/_finish pair.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The task keeps the PGresult; each _finish reads it in the form its caller wants, so a
 * pair that runs one server function is a call here and a call there.
 */
#include "fd-pg.h"
#include "fd-query.h"

static void
query_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PGresult *pg_result;
  GError *error = NULL;

  pg_result = fd_connection_query_finish (FD_CONNECTION (object), result, &error);
  if (pg_result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, pg_result, (GDestroyNotify) PQclear);
}

/**
 * fd_query_async:
 * @source_object: (nullable): the object the pair belongs to, as g_task_new() takes it
 * @source_tag: the _async function, which its _finish checks
 *
 * Runs @sql with @params on @connection; @callback's _finish reads the outcome with one of
 * the fd_query_finish functions.
 */
void
fd_query_async (gpointer              source_object,
                gpointer              source_tag,
                FdConnection         *connection,
                const char           *sql,
                guint                 n_params,
                const char * const   *params,
                GCancellable         *cancellable,
                GAsyncReadyCallback   callback,
                gpointer              user_data)
{
  GTask *task;

  g_return_if_fail (FD_IS_CONNECTION (connection));
  g_return_if_fail (sql != NULL);

  task = g_task_new (source_object, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  fd_connection_query_async (connection, sql, n_params, params, cancellable, query_done_cb,
                             task);
}

/**
 * fd_query_finish:
 *
 * Returns: (transfer full) (nullable): the result, or %NULL with @error set
 */
PGresult *
fd_query_finish (gpointer       source_object,
                 gpointer       source_tag,
                 GAsyncResult  *result,
                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, source_object), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * fd_query_finish_ok:
 *
 * Returns: whether the server ran the query; what it answered does not matter
 */
gboolean
fd_query_finish_ok (gpointer       source_object,
                    gpointer       source_tag,
                    GAsyncResult  *result,
                    GError       **error)
{
  g_autoptr(PGresult) pg_result = fd_query_finish (source_object, source_tag, result, error);

  return pg_result != NULL;
}

/**
 * fd_query_finish_flag:
 * @flag: (out) (optional): the boolean the query answered, in its first row and column
 *
 * Returns: whether the server ran the query
 */
gboolean
fd_query_finish_flag (gpointer       source_object,
                      gpointer       source_tag,
                      GAsyncResult  *result,
                      gboolean      *flag,
                      GError       **error)
{
  g_autoptr(PGresult) pg_result = fd_query_finish (source_object, source_tag, result, error);

  if (pg_result == NULL)
    return FALSE;
  if (flag != NULL)
    *flag = g_str_equal (PQgetvalue (pg_result, 0, 0), "t");
  return TRUE;
}

/**
 * fd_query_finish_list:
 * @read_row: makes the item of one row, an instance of @item_type
 *
 * Returns: (transfer full) (nullable): a #GListModel of the rows' items, in their order
 */
GListModel *
fd_query_finish_list (gpointer         source_object,
                      gpointer         source_tag,
                      GAsyncResult    *result,
                      GType            item_type,
                      FdQueryRowFunc   read_row,
                      GError         **error)
{
  g_autoptr(PGresult) pg_result = fd_query_finish (source_object, source_tag, result, error);
  GListStore *store;

  if (pg_result == NULL)
    return NULL;

  store = g_list_store_new (item_type);
  for (int row = 0; row < PQntuples (pg_result); row++)
    {
      g_autoptr(GObject) item = read_row (pg_result, row);

      g_list_store_append (store, item);
    }
  return G_LIST_MODEL (store);
}

/**
 * fd_query_finish_array:
 * @read_row: makes the item of one row
 * @free_item: frees an item
 *
 * Returns: (transfer full) (nullable): the rows' items, in their order
 */
GPtrArray *
fd_query_finish_array (gpointer         source_object,
                       gpointer         source_tag,
                       GAsyncResult    *result,
                       FdQueryRowFunc   read_row,
                       GDestroyNotify   free_item,
                       GError         **error)
{
  g_autoptr(PGresult) pg_result = fd_query_finish (source_object, source_tag, result, error);
  GPtrArray *items;

  if (pg_result == NULL)
    return NULL;

  items = g_ptr_array_new_full (PQntuples (pg_result), free_item);
  for (int row = 0; row < PQntuples (pg_result); row++)
    g_ptr_array_add (items, read_row (pg_result, row));
  return items;
}
