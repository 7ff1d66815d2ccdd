/* fd-procedure.c: what the front desk does to a client's procedure: complete a planned one,
 * and write its note, each edit a new version.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A note is never changed: frontdesk.add_procedure_note() adds the next version, so History
 * keeps every one with who wrote it and when. Completing goes through the save path
 * (FdRecord): the row is reread under lock and only its status is written.
 */
#include <glib/gi18n-lib.h>
#include <stdlib.h>

#include "fd-procedure.h"
#include "fd-query.h"
#include "fd-record.h"

void
fd_procedure_add_note_async (FdConnection        *connection,
                             const char          *procedure_id,
                             const char          *body,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  const char *params[] = { procedure_id, body };

  g_return_if_fail (FD_IS_CONNECTION (connection));
  g_return_if_fail (procedure_id != NULL && body != NULL);

  fd_query_async (connection, fd_procedure_add_note_async, connection,
                  "SELECT frontdesk.add_procedure_note($1::bigint, $2)",
                  2, params, cancellable, callback, user_data);
}

/**
 * fd_procedure_add_note_finish:
 *
 * Returns: the version written, or 0 with @error set
 */
int
fd_procedure_add_note_finish (FdConnection  *connection,
                              GAsyncResult  *result,
                              GError       **error)
{
  PGresult *pg_result = fd_query_finish (connection, fd_procedure_add_note_async, result, error);
  int version;

  if (pg_result == NULL)
    return 0;
  version = atoi (PQgetvalue (pg_result, 0, 0));
  PQclear (pg_result);
  return version;
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GPtrArray) conflicts = NULL;
  GError *error = NULL;

  switch (fd_record_save_finish (FD_RECORD (object), result, &conflicts, &error))
    {
    case FD_SAVE_SAVED:
      g_task_return_boolean (task, TRUE);
      break;
    case FD_SAVE_CONFLICT:
      g_clear_error (&error);
      g_task_return_new_error (task, FD_RECORD_ERROR, FD_RECORD_ERROR_CHANGED_MEANWHILE,
                               _("Someone changed the procedure meanwhile; look again and "
                                 "complete it then."));
      break;
    default:
      g_task_return_error (task, error);
      break;
    }
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FdRecord *record = FD_RECORD (object);
  FdConnection *connection;
  GCancellable *cancellable;
  GError *error = NULL;

  if (!fd_record_load_finish (record, result, &error) ||
      !fd_record_set (record, "status", "complete", -1, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (!fd_record_is_dirty (record))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  connection = g_task_get_task_data (task);
  cancellable = g_task_get_cancellable (task);
  fd_record_save_async (record, connection, cancellable, saved_cb, g_steal_pointer (&task));
}

/* Marks a planned procedure complete; one that is complete already stays so. */
void
fd_procedure_complete_async (FdConnection        *connection,
                             const char          *procedure_id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(FdRecord) record = NULL;
  GTask *task;

  g_return_if_fail (FD_IS_CONNECTION (connection));
  g_return_if_fail (procedure_id != NULL);

  record = fd_record_new ("procedures", procedure_id);
  task = g_task_new (record, cancellable, callback, user_data);
  g_task_set_source_tag (task, fd_procedure_complete_async);
  g_task_set_task_data (task, g_object_ref (connection), g_object_unref);
  fd_record_load_async (record, connection, cancellable, loaded_cb, task);
}

gboolean
fd_procedure_complete_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == fd_procedure_complete_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
