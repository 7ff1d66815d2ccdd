/* fd-appointment.c: an appointment as the day view shows it, a day's appointments, and the
 * one-column changes made from the book (move, complete, break, confirm).
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A change from the book takes the appointment's lock for a moment (refused, naming who,
 * when someone has it open in an editor), rereads it, sets only its columns and saves
 * through the save path, so someone else's change of another column survives.
 */
#include <glib/gi18n-lib.h>
#include <stdlib.h>

#include "fd-appointment.h"
#include "fd-pg-util.h"
#include "fd-pg.h"
#include "fd-query.h"

struct _FdAppointment
{
  GObject  parent_instance;

  char    *id;
  char    *operatory_id;
  char    *provider_id;
  int      start_minute;
  int      length;
  char    *client_name;
  char    *procedures;
  char    *status;
  char    *confirmation;
  char    *kind;
  char    *confirmation_id;
  char    *cancel_reason;
  char    *note;
  char    *client_id;
  char    *day;            /* YYYY-MM-DD, the practice's */
  gboolean upcoming;
};

G_DEFINE_FINAL_TYPE (FdAppointment, fd_appointment, G_TYPE_OBJECT)

static void
fd_appointment_finalize (GObject *object)
{
  FdAppointment *self = FD_APPOINTMENT (object);

  g_free (self->id);
  g_free (self->operatory_id);
  g_free (self->provider_id);
  g_free (self->client_name);
  g_free (self->procedures);
  g_free (self->status);
  g_free (self->confirmation);
  g_free (self->kind);
  g_free (self->confirmation_id);
  g_free (self->cancel_reason);
  g_free (self->note);
  g_free (self->client_id);
  g_free (self->day);

  G_OBJECT_CLASS (fd_appointment_parent_class)->finalize (object);
}

static void
fd_appointment_class_init (FdAppointmentClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = fd_appointment_finalize;
}

static void
fd_appointment_init (FdAppointment *self)
{
}

const char *
fd_appointment_get_id (FdAppointment *self)
{
  g_return_val_if_fail (FD_IS_APPOINTMENT (self), NULL);

  return self->id;
}

const char *
fd_appointment_get_operatory_id (FdAppointment *self)
{
  g_return_val_if_fail (FD_IS_APPOINTMENT (self), NULL);

  return self->operatory_id;
}

const char *
fd_appointment_get_provider_id (FdAppointment *self)
{
  g_return_val_if_fail (FD_IS_APPOINTMENT (self), NULL);

  return self->provider_id;
}

int
fd_appointment_get_start_minute (FdAppointment *self)
{
  g_return_val_if_fail (FD_IS_APPOINTMENT (self), 0);

  return self->start_minute;
}

int
fd_appointment_get_length (FdAppointment *self)
{
  g_return_val_if_fail (FD_IS_APPOINTMENT (self), 0);

  return self->length;
}

const char *
fd_appointment_get_client_name (FdAppointment *self)
{
  g_return_val_if_fail (FD_IS_APPOINTMENT (self), NULL);

  return self->client_name;
}

const char *
fd_appointment_get_procedures (FdAppointment *self)
{
  g_return_val_if_fail (FD_IS_APPOINTMENT (self), NULL);

  return self->procedures;
}

const char *
fd_appointment_get_status (FdAppointment *self)
{
  g_return_val_if_fail (FD_IS_APPOINTMENT (self), NULL);

  return self->status;
}

const char *
fd_appointment_get_confirmation (FdAppointment *self)
{
  g_return_val_if_fail (FD_IS_APPOINTMENT (self), NULL);

  return self->confirmation;
}

const char *
fd_appointment_get_kind (FdAppointment *self)
{
  g_return_val_if_fail (FD_IS_APPOINTMENT (self), NULL);

  return self->kind;
}

/* The id of the confirmation status, or %NULL when none is set. */
const char *
fd_appointment_get_confirmation_id (FdAppointment *self)
{
  g_return_val_if_fail (FD_IS_APPOINTMENT (self), NULL);

  return self->confirmation_id;
}

/* Why it was cancelled, when its status is "cancelled". */
const char *
fd_appointment_get_cancel_reason (FdAppointment *self)
{
  g_return_val_if_fail (FD_IS_APPOINTMENT (self), NULL);

  return self->cancel_reason;
}

const char *
fd_appointment_get_note (FdAppointment *self)
{
  g_return_val_if_fail (FD_IS_APPOINTMENT (self), NULL);

  return self->note;
}

const char *
fd_appointment_get_client_id (FdAppointment *self)
{
  g_return_val_if_fail (FD_IS_APPOINTMENT (self), NULL);

  return self->client_id;
}

/* Its day, YYYY-MM-DD, when it comes from a client's appointments; otherwise %NULL. */
const char *
fd_appointment_get_day (FdAppointment *self)
{
  g_return_val_if_fail (FD_IS_APPOINTMENT (self), NULL);

  return self->day;
}

/* From a client's appointments: whether it starts now or later. */
gboolean
fd_appointment_is_upcoming (FdAppointment *self)
{
  g_return_val_if_fail (FD_IS_APPOINTMENT (self), FALSE);

  return self->upcoming;
}

gboolean
fd_appointment_is_cancelled (FdAppointment *self)
{
  g_return_val_if_fail (FD_IS_APPOINTMENT (self), FALSE);

  return g_strcmp0 (self->status, "cancelled") == 0;
}


/* A day --------------------------------------------------------------------------------- */

static gpointer
read_appointment (const PGresult *pg_result,
                  int             row)
{
  FdAppointment *appointment = g_object_new (FD_TYPE_APPOINTMENT, NULL);

  appointment->id = g_strdup (PQgetvalue (pg_result, row, 0));
  appointment->operatory_id = g_strdup (PQgetvalue (pg_result, row, 1));
  appointment->provider_id = g_strdup (PQgetvalue (pg_result, row, 2));
  appointment->start_minute = atoi (PQgetvalue (pg_result, row, 3));
  appointment->length = atoi (PQgetvalue (pg_result, row, 4));
  appointment->client_id = g_strdup (PQgetvalue (pg_result, row, 5));
  appointment->client_name = g_strdup (PQgetvalue (pg_result, row, 6));
  appointment->procedures = g_strdup (fd_pg_get_nullable (pg_result, row, 7));
  appointment->status = g_strdup (PQgetvalue (pg_result, row, 8));
  appointment->confirmation = g_strdup (fd_pg_get_nullable (pg_result, row, 9));
  appointment->kind = g_strdup (fd_pg_get_nullable (pg_result, row, 10));
  appointment->note = g_strdup (fd_pg_get_nullable (pg_result, row, 11));
  appointment->confirmation_id = g_strdup (fd_pg_get_nullable (pg_result, row, 12));
  appointment->cancel_reason = g_strdup (fd_pg_get_nullable (pg_result, row, 13));
  appointment->day = g_strdup (PQgetvalue (pg_result, row, 14));
  return appointment;
}

/**
 * fd_appointment_load_day_async:
 * @day: YYYY-MM-DD, in the practice's time zone
 */
void
fd_appointment_load_day_async (FdConnection        *connection,
                               const char          *day,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  fd_appointment_load_days_async (connection, day, day, cancellable, callback, user_data);
}

/**
 * fd_appointment_load_days_async:
 * @from_day: the first day, YYYY-MM-DD, in the practice's time zone
 * @to_day: the last day, included
 *
 * Each day is day_appointments(), a range of starts on the appointments' index, so a week
 * reads seven short ranges however large the book.
 */
void
fd_appointment_load_days_async (FdConnection        *connection,
                                const char          *from_day,
                                const char          *to_day,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  const char *params[] = { from_day, to_day };

  g_return_if_fail (FD_IS_CONNECTION (connection));

  fd_query_async (connection, fd_appointment_load_days_async, connection,
                  "SELECT a.appointment_id, a.operatory_id, a.provider_id, a.starts_minute, "
                  "a.length_minutes, a.client_id, a.client_name, a.procedures, a.status, "
                  "a.confirmation, a.appointment_type, a.note, a.confirmation_id, "
                  "a.cancel_reason, d::date::text "
                  "FROM generate_series($1::date, $2::date, interval '1 day') d "
                  "CROSS JOIN LATERAL frontdesk.day_appointments(d::date) a "
                  "ORDER BY d, a.operatory_id, a.starts_minute",
                  2, params, cancellable, callback, user_data);
}

/**
 * fd_appointment_load_day_finish:
 *
 * Returns: (transfer full): the days' #FdAppointment, by day, operatory and time
 */
GListModel *
fd_appointment_load_day_finish (FdConnection  *connection,
                                GAsyncResult  *result,
                                GError       **error)
{
  return fd_query_finish_list (connection, fd_appointment_load_days_async, result,
                               FD_TYPE_APPOINTMENT, read_appointment, error);
}

/* A client's ---------------------------------------------------------------------------- */

static gpointer
read_client_appointment (const PGresult *pg_result,
                         int             row)
{
  FdAppointment *appointment = g_object_new (FD_TYPE_APPOINTMENT, NULL);

  appointment->id = g_strdup (PQgetvalue (pg_result, row, 0));
  appointment->day = g_strdup (PQgetvalue (pg_result, row, 1));
  appointment->start_minute = atoi (PQgetvalue (pg_result, row, 2));
  appointment->length = atoi (PQgetvalue (pg_result, row, 3));
  appointment->operatory_id = g_strdup (PQgetvalue (pg_result, row, 4));
  appointment->provider_id = g_strdup (PQgetvalue (pg_result, row, 5));
  appointment->status = g_strdup (PQgetvalue (pg_result, row, 6));
  appointment->confirmation = g_strdup (fd_pg_get_nullable (pg_result, row, 7));
  appointment->upcoming = g_str_equal (PQgetvalue (pg_result, row, 8), "t");
  return appointment;
}

/**
 * fd_appointment_load_client_async:
 * @client_id: the client whose appointments, past and to come
 */
void
fd_appointment_load_client_async (FdConnection        *connection,
                                  const char          *client_id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  const char *params[] = { client_id };

  g_return_if_fail (FD_IS_CONNECTION (connection));

  fd_query_async (connection, fd_appointment_load_client_async, connection,
                  "SELECT appointment_id, day, starts_minute, length_minutes, operatory_id, "
                  "provider_id, status, confirmation, upcoming "
                  "FROM frontdesk.client_appointments($1::bigint)",
                  1, params, cancellable, callback, user_data);
}

/**
 * fd_appointment_load_client_finish:
 *
 * Returns: (transfer full): the client's #FdAppointment, oldest first, each with its day
 */
GListModel *
fd_appointment_load_client_finish (FdConnection  *connection,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return fd_query_finish_list (connection, fd_appointment_load_client_async, result,
                               FD_TYPE_APPOINTMENT, read_client_appointment, error);
}

/* Times of day in the practice's time zone ---------------------------------------------- */

static const char *
practice_time_zone (FdCache *cache)
{
  g_autoptr(FdCacheRow) practice = g_list_model_get_item (fd_cache_get_table (cache, "practice"),
                                                          0);
  const char *zone = practice != NULL ? fd_cache_row_get (practice, "time_zone") : NULL;

  /* Interned: the row may be replaced by a reload while the caller still uses the name. */
  return g_intern_string (zone != NULL ? zone : "UTC");
}

/**
 * fd_appointment_format_start:
 * @day: YYYY-MM-DD
 * @minute: minutes after midnight
 *
 * Returns: (transfer full): the start as the server reads it, in the practice's time zone
 */
char *
fd_appointment_format_start (FdCache    *cache,
                             const char *day,
                             int         minute)
{
  g_return_val_if_fail (FD_IS_CACHE (cache), NULL);

  return g_strdup_printf ("%s %02d:%02d:00 %s", day, minute / 60, minute % 60,
                          practice_time_zone (cache));
}

/* @timestamp as the server writes it, in the practice's time zone; NULL if unreadable. */
static GDateTime *
in_practice_zone (FdCache    *cache,
                  const char *timestamp)
{
  g_autofree char *iso = NULL;
  g_autoptr(GDateTime) at = NULL;
  g_autoptr(GTimeZone) zone = NULL;

  if (timestamp == NULL)
    return NULL;
  iso = g_strdelimit (g_strdup (timestamp), " ", 'T');
  at = g_date_time_new_from_iso8601 (iso, NULL);
  if (at == NULL)
    return NULL;
  zone = g_time_zone_new_identifier (practice_time_zone (cache));
  if (zone == NULL)
    zone = g_time_zone_new_utc ();
  return g_date_time_to_timezone (at, zone);
}

/**
 * fd_appointment_minute_of_day:
 * @timestamp: as the server writes it, for example "2026-11-23 08:00:00+00"
 * @fallback: the answer when @timestamp cannot be read
 *
 * Returns: minutes after midnight of @timestamp in the practice's time zone
 */
int
fd_appointment_minute_of_day (FdCache    *cache,
                              const char *timestamp,
                              int         fallback)
{
  g_autoptr(GDateTime) there = NULL;

  g_return_val_if_fail (FD_IS_CACHE (cache), fallback);

  there = in_practice_zone (cache, timestamp);
  if (there == NULL)
    return fallback;
  return g_date_time_get_hour (there) * 60 + g_date_time_get_minute (there);
}

/**
 * fd_appointment_day_of:
 * @timestamp: as the server writes it
 *
 * Returns: (transfer full) (nullable): the practice's day of @timestamp, YYYY-MM-DD
 */
char *
fd_appointment_day_of (FdCache    *cache,
                       const char *timestamp)
{
  g_autoptr(GDateTime) there = NULL;

  g_return_val_if_fail (FD_IS_CACHE (cache), NULL);

  there = in_practice_zone (cache, timestamp);
  return there != NULL ? g_date_time_format (there, "%Y-%m-%d") : NULL;
}

/* A change from the book ------------------------------------------------------------------ */

typedef struct
{
  FdLockManager *locks;
  FdRecord      *record;
  GStrv          columns;
  GStrv          values;       /* "" stands for NULL */
  gboolean       locked;
  FdSaveOutcome  outcome;
  GError        *error;        /* held while the lock is given back */
} Change;

static void
change_free (Change *change)
{
  g_clear_object (&change->locks);
  g_clear_object (&change->record);
  g_strfreev (change->columns);
  g_strfreev (change->values);
  g_clear_error (&change->error);
  g_free (change);
}

static void
return_change (GTask  *task,
               GError *error)
{
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static void
change_released_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GTask *task = user_data;
  Change *change = g_task_get_task_data (task);

  /* A failed release is the server's to clean up (the lock dies with the session); the
   * change itself is what the caller asked about. */
  fd_lock_manager_release_finish (change->locks, result, NULL);
  return_change (task, g_steal_pointer (&change->error));
}

/* Whatever happened, the lock taken for the change is let go, and only then is the change
 * reported: another desk acting on the news must find the appointment free. */
static void
finish_change (GTask  *task,
               GError *error)
{
  Change *change = g_task_get_task_data (task);

  if (!change->locked)
    {
      return_change (task, error);
      return;
    }
  change->error = error;
  fd_lock_manager_release_async (change->locks, "appointments",
                                 fd_record_get_id (change->record), NULL, change_released_cb,
                                 task);
}

static void
change_saved_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GTask *task = user_data;
  Change *change = g_task_get_task_data (task);
  GError *error = NULL;

  change->outcome = fd_record_save_finish (FD_RECORD (object), result, NULL, &error);
  if (change->outcome == FD_SAVE_CONFLICT)
    error = g_error_new_literal (FD_DB_ERROR, FD_DB_ERROR_REFUSED,
                                 _("Someone changed the same detail of this appointment a moment "
                                   "ago; the book shows it now. Try again if it is still "
                                   "needed."));
  finish_change (task, error);
}

static void
change_loaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;
  Change *change = g_task_get_task_data (task);
  GError *error = NULL;

  if (!fd_record_load_finish (change->record, result, &error))
    {
      finish_change (task, error);
      return;
    }

  for (guint i = 0; change->columns[i] != NULL; i++)
    {
      const char *value = change->values[i][0] != '\0' ? change->values[i] : NULL;

      if (!fd_record_set (change->record, change->columns[i], value, -1, &error))
        {
          finish_change (task, error);
          return;
        }
    }

  if (!fd_record_is_dirty (change->record))
    {
      change->outcome = FD_SAVE_SAVED;
      finish_change (task, NULL);
      return;
    }
  fd_record_save_async (change->record,
                        fd_session_get_connection (fd_lock_manager_get_session (change->locks)),
                        g_task_get_cancellable (task), change_saved_cb, task);
}

static void
change_locked_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;
  Change *change = g_task_get_task_data (task);
  g_autoptr(FdLockHolder) holder = NULL;
  GError *error = NULL;

  if (!fd_lock_manager_acquire_finish (change->locks, result, &holder, &error))
    {
      finish_change (task, error);
      return;
    }
  if (holder != NULL)
    {
      change->outcome = FD_SAVE_REFUSED;
      finish_change (task, g_error_new (FD_DB_ERROR, FD_DB_ERROR_REFUSED,
                                        _("%s at %s has this appointment open; try again when "
                                          "they are done."),
                                        holder->name, holder->workstation));
      return;
    }

  change->locked = TRUE;
  fd_record_load_async (change->record,
                        fd_session_get_connection (fd_lock_manager_get_session (change->locks)),
                        g_task_get_cancellable (task), change_loaded_cb, task);
}

/**
 * fd_appointment_change_async:
 * @columns: (array length=n_columns): what to change
 * @values: (array length=n_columns): the new values as text; "" clears
 *
 * Changes a few columns of one appointment from the book: lock, reread, save the changed
 * columns only, release.
 */
void
fd_appointment_change_async (FdLockManager       *locks,
                             const char          *id,
                             guint                n_columns,
                             const char * const  *columns,
                             const char * const  *values,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  Change *change;
  GTask *task;

  g_return_if_fail (FD_IS_LOCK_MANAGER (locks));
  g_return_if_fail (id != NULL && n_columns > 0);

  change = g_new0 (Change, 1);
  change->locks = g_object_ref (locks);
  change->record = fd_record_new ("appointments", id);
  change->columns = g_new0 (char *, n_columns + 1);
  change->values = g_new0 (char *, n_columns + 1);
  change->outcome = FD_SAVE_FAILED;
  for (guint i = 0; i < n_columns; i++)
    {
      change->columns[i] = g_strdup (columns[i]);
      change->values[i] = g_strdup (values[i] != NULL ? values[i] : "");
    }

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, fd_appointment_change_async);
  g_task_set_task_data (task, change, (GDestroyNotify) change_free);
  fd_lock_manager_acquire_async (locks, "appointments", id, cancellable, change_locked_cb, task);
}

/**
 * fd_appointment_change_finish:
 *
 * Returns: %FD_SAVE_SAVED, or why not, with @error set
 */
FdSaveOutcome
fd_appointment_change_finish (GAsyncResult  *result,
                              GError       **error)
{
  Change *change;

  g_return_val_if_fail (G_IS_TASK (result), FD_SAVE_FAILED);

  change = g_task_get_task_data (G_TASK (result));
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return change->outcome == FD_SAVE_SAVED ? FD_SAVE_FAILED : change->outcome;
  return FD_SAVE_SAVED;
}
