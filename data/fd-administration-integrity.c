/* fd-administration-integrity.c: the integrity checks, run one after another so a progress
 * bar can follow them, each repaired (and audited by the server) when asked.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>

#include "fd-administration-private.h"
#include "fd-pg-util.h"
#include "fd-pg.h"

/* The integrity checks, one after another ------------------------------------------------ */

typedef struct
{
  PGresult                *checks;    /* name, title, repair */
  int                      current;
  gboolean                 repair;
  gboolean                 repairing; /* the current check was repaired; now checked again */
  GListStore              *findings;  /* FdIntegrityFinding */
  FdIntegrityProgressFunc  progress;
  gpointer                 progress_data;
  GDestroyNotify           progress_destroy;
} IntegrityRun;

static void
integrity_run_free (IntegrityRun *run)
{
  g_clear_pointer (&run->checks, PQclear);
  g_clear_object (&run->findings);
  if (run->progress_destroy != NULL)
    run->progress_destroy (run->progress_data);
  g_free (run);
}

static void run_next_check (GTask *task);

static void
add_finding (IntegrityRun *run,
             const char   *severity,
             const char   *record_kind,
             const char   *record_id,
             const char   *message,
             gboolean      repairable)
{
  const char *repair = PQgetvalue (run->checks, run->current, 2);
  g_autoptr(FdIntegrityFinding) finding = NULL;

  finding = g_object_new (FD_TYPE_INTEGRITY_FINDING,
                          "check", PQgetvalue (run->checks, run->current, 0),
                          "title", PQgetvalue (run->checks, run->current, 1),
                          "severity", severity,
                          "record-kind", record_kind,
                          "record-id", record_id,
                          "message", message,
                          "repairable", repairable,
                          "repair", *repair != '\0' ? repair : NULL,
                          NULL);
  g_list_store_append (run->findings, finding);
}

static void
repaired_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  GTask *task = user_data;
  IntegrityRun *run = g_task_get_task_data (task);
  g_autoptr(PGresult) pg_result = NULL;
  g_autofree char *message = NULL;
  GError *error = NULL;

  pg_result = fd_connection_query_finish (FD_CONNECTION (object), result, &error);
  if (pg_result == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  /* Translators: what a repair did, and how many things it changed */
  message = g_strdup_printf (_("%s: %s"), PQgetvalue (run->checks, run->current, 2),
                             PQgetvalue (pg_result, 0, 0));
  add_finding (run, "repaired", NULL, NULL, message, FALSE);
  run->repairing = TRUE;
  run_next_check (task);
}

static void
checked_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  IntegrityRun *run = g_task_get_task_data (task);
  FdAdministration *self = g_task_get_source_object (task);
  g_autoptr(PGresult) pg_result = NULL;
  gboolean any_repairable = FALSE;
  GError *error = NULL;

  pg_result = fd_connection_query_finish (FD_CONNECTION (object), result, &error);
  if (pg_result == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  for (int row = 0; row < PQntuples (pg_result); row++)
    any_repairable |= g_str_equal (PQgetvalue (pg_result, row, 4), "t");

  /* Repair first, then report what is left, so the report says what a person must do. */
  if (run->repair && !run->repairing && any_repairable)
    {
      const char *params[] = { PQgetvalue (run->checks, run->current, 0) };

      fd_connection_query_async (self->connection, "SELECT frontdesk.integrity_repair($1)", 1,
                                 params, g_task_get_cancellable (task), repaired_cb, task);
      return;
    }

  for (int row = 0; row < PQntuples (pg_result); row++)
    add_finding (run, PQgetvalue (pg_result, row, 0), fd_pg_get_nullable (pg_result, row, 1),
                 fd_pg_get_nullable (pg_result, row, 2), PQgetvalue (pg_result, row, 3),
                 g_str_equal (PQgetvalue (pg_result, row, 4), "t"));

  run->current++;
  run->repairing = FALSE;
  run_next_check (task);
}

static void
run_next_check (GTask *task)
{
  IntegrityRun *run = g_task_get_task_data (task);
  FdAdministration *self = g_task_get_source_object (task);
  guint total = PQntuples (run->checks);
  const char *params[1];

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }

  if ((guint) run->current >= total)
    {
      if (run->progress != NULL)
        run->progress (total, total, NULL, run->progress_data);
      g_task_return_pointer (task, g_steal_pointer (&run->findings), g_object_unref);
      g_object_unref (task);
      return;
    }

  if (run->progress != NULL && !run->repairing)
    run->progress (run->current, total, PQgetvalue (run->checks, run->current, 1),
                   run->progress_data);

  params[0] = PQgetvalue (run->checks, run->current, 0);
  fd_connection_query_async (self->connection,
                             "SELECT severity, record_kind, record_id, message, repairable "
                             "FROM frontdesk.integrity_check($1)",
                             1, params, g_task_get_cancellable (task), checked_cb, task);
}

static void
checks_listed_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;
  IntegrityRun *run = g_task_get_task_data (task);
  GError *error = NULL;

  run->checks = fd_connection_query_finish (FD_CONNECTION (object), result, &error);
  if (run->checks == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  run_next_check (task);
}

/**
 * fd_administration_check_integrity_async:
 * @repair: repair what can be repaired safely (each repair audited), then check again
 * @progress: (nullable) (scope notified): told before each check and at the end
 * @destroy: (nullable): frees @progress_data when the run is over
 *
 * Runs every integrity check in order and collects the findings. With @repair, each check
 * that found something repairable repairs it, adds a finding of severity "repaired" saying
 * how much changed, and reports what is left.
 */
void
fd_administration_check_integrity_async (FdAdministration        *self,
                                         gboolean                 repair,
                                         FdIntegrityProgressFunc  progress,
                                         gpointer                 progress_data,
                                         GDestroyNotify           destroy,
                                         GCancellable            *cancellable,
                                         GAsyncReadyCallback      callback,
                                         gpointer                 user_data)
{
  GTask *task;
  IntegrityRun *run;

  g_return_if_fail (FD_IS_ADMINISTRATION (self));

  run = g_new0 (IntegrityRun, 1);
  run->repair = repair;
  run->findings = g_list_store_new (FD_TYPE_INTEGRITY_FINDING);
  run->progress = progress;
  run->progress_data = progress_data;
  run->progress_destroy = destroy;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, fd_administration_check_integrity_async);
  g_task_set_task_data (task, run, (GDestroyNotify) integrity_run_free);
  fd_connection_query_async (self->connection,
                             "SELECT name, title, coalesce(repair, '') "
                             "FROM frontdesk.integrity_checks ORDER BY position",
                             0, NULL, cancellable, checks_listed_cb, task);
}

/**
 * fd_administration_check_integrity_finish:
 *
 * Returns: (transfer full): the findings (FdIntegrityFinding), in the order of the checks;
 *   empty when all is well
 */
GListModel *
fd_administration_check_integrity_finish (FdAdministration  *self,
                                          GAsyncResult      *result,
                                          GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
