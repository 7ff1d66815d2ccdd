/* fd-maintenance.c: the database's maintenance mode as every workstation sees it: read at
 * start, reread when the server announces a switch on frontdesk_maintenance and after each
 * reconnect (a switch may have happened while the connection was down); given FdSignals,
 * also when a poll reports a "maintenance" signal, for connections that cannot LISTEN.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The server refuses non-administrators' writes while maintenance is on, whatever this
 * object knows; the banner and the read-only editors built on it only say so in advance.
 */
#include <glib/gi18n-lib.h>

#include "fd-maintenance.h"
#include "fd-clock.h"
#include "fd-pg-util.h"
#include "fd-pg.h"
#include "fd-signals.h"

#define MAINTENANCE_CHANNEL "frontdesk_maintenance"
#define STATUS_SQL \
  "SELECT active, reason, by_name, extract(epoch FROM since) " \
  "FROM frontdesk.maintenance_status()"

struct _FdMaintenance
{
  GObject       parent_instance;

  /* Owned */
  FdConnection *connection;
  GCancellable *cancellable;
  char         *reason;
  char         *by_name;
  GDateTime    *since;

  gboolean      loaded;
  gboolean      active;
};

G_DEFINE_FINAL_TYPE (FdMaintenance, fd_maintenance, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LOADED,
  PROP_ACTIVE,
  PROP_REASON,
  PROP_BY_NAME,
  PROP_SINCE,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* g_set_str() arrives in GLib 2.76. */
static gboolean
replace_text (char       **slot,
              const char  *value)
{
  if (g_strcmp0 (*slot, value) == 0)
    return FALSE;
  g_free (*slot);
  *slot = g_strdup (value);
  return TRUE;
}

/* Takes the status row; emits ::changed once when anything a person sees changed. */
static void
take_status (FdMaintenance  *self,
             const PGresult *result)
{
  gboolean active = g_str_equal (PQgetvalue (result, 0, 0), "t");
  const char *reason = fd_pg_get_nullable (result, 0, 1);
  const char *by_name = fd_pg_get_nullable (result, 0, 2);
  g_autoptr(GDateTime) since = fd_pg_dup_local_date_time (result, 0, 3);
  gboolean changed = FALSE;

  g_object_freeze_notify (G_OBJECT (self));
  if (!self->loaded)
    {
      self->loaded = TRUE;
      changed = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
    }
  if (self->active != active)
    {
      self->active = active;
      changed = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
    }
  if (replace_text (&self->reason, reason))
    {
      changed = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REASON]);
    }
  if (replace_text (&self->by_name, by_name))
    {
      changed = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BY_NAME]);
    }
  if ((since == NULL) != (self->since == NULL) ||
      (since != NULL && !g_date_time_equal (since, self->since)))
    {
      g_clear_pointer (&self->since, g_date_time_unref);
      self->since = g_steal_pointer (&since);
      changed = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SINCE]);
    }
  g_object_thaw_notify (G_OBJECT (self));

  if (changed)
    g_signal_emit (self, signals[CHANGED], 0);
}

/* Reading the status ---------------------------------------------------------------------- */

static void
status_read_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FdMaintenance *self = g_task_get_source_object (task);
  g_autoptr(PGresult) pg_result = NULL;
  GError *error = NULL;

  pg_result = fd_connection_query_finish (FD_CONNECTION (object), result, &error);
  if (pg_result == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (PQntuples (pg_result) != 1)
    {
      g_task_return_new_error (task, FD_DB_ERROR, FD_DB_ERROR_PERMISSION_DENIED,
                               _("Only the practice's staff may see the maintenance status."));
      return;
    }

  take_status (self, pg_result);
  g_task_return_boolean (task, TRUE);
}

/**
 * fd_maintenance_refresh_async:
 *
 * Reads the status again; ::changed follows if it differs from what was known.
 */
void
fd_maintenance_refresh_async (FdMaintenance       *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (FD_IS_MAINTENANCE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, fd_maintenance_refresh_async);
  fd_connection_query_async (self->connection, STATUS_SQL, 0, NULL, cancellable, status_read_cb,
                             g_steal_pointer (&task));
}

gboolean
fd_maintenance_refresh_finish (FdMaintenance  *self,
                               GAsyncResult   *result,
                               GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
refreshed_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!fd_maintenance_refresh_finish (FD_MAINTENANCE (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("Reading the maintenance status: %s", error->message);
}

static void
reread (FdMaintenance *self)
{
  fd_maintenance_refresh_async (self, self->cancellable, refreshed_cb, NULL);
}

static void
listened_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!fd_connection_listen_finish (FD_CONNECTION (object), result, &error))
    g_debug ("No push for maintenance mode: %s", error->message);
}

/**
 * fd_maintenance_follow_signals:
 *
 * Rereads the status also when @poller reports a switch, or reloads everything: the way
 * the news arrives when the connection cannot LISTEN (behind PgBouncer, say).
 */
void
fd_maintenance_follow_signals (FdMaintenance *self,
                               FdSignals     *poller)
{
  g_return_if_fail (FD_IS_MAINTENANCE (self));
  g_return_if_fail (FD_IS_SIGNALS (poller));

  g_signal_connect_object (poller, "changed::maintenance", G_CALLBACK (reread), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (poller, "reload-all", G_CALLBACK (reread), self, G_CONNECT_SWAPPED);
}

/* Switching ------------------------------------------------------------------------------ */

/* After the switch, the status as it is now, so the caller sees it at once (the
 * notification follows too). */
static void
reread_after_switch_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!fd_maintenance_refresh_finish (FD_MAINTENANCE (object), result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_int (task, GPOINTER_TO_INT (g_task_get_task_data (task)));
}

static void
switched_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FdMaintenance *self = g_task_get_source_object (task);
  g_autoptr(PGresult) pg_result = NULL;
  GCancellable *cancellable;
  GError *error = NULL;

  pg_result = fd_connection_query_finish (FD_CONNECTION (object), result, &error);
  if (pg_result == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  cancellable = g_task_get_cancellable (task);
  g_task_set_task_data (task, GINT_TO_POINTER (g_str_equal (PQgetvalue (pg_result, 0, 0), "t")),
                        NULL);
  fd_maintenance_refresh_async (self, cancellable, reread_after_switch_cb,
                                g_steal_pointer (&task));
}

/**
 * fd_maintenance_switch_async:
 * @reason: (nullable): what everyone reads in the banner; needed to switch it on
 *
 * Switches maintenance mode on or off (administrators only; the server refuses anyone
 * else). The change is audited and every workstation hears of it.
 */
void
fd_maintenance_switch_async (FdMaintenance       *self,
                             gboolean             active,
                             const char          *reason,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  const char *params[] = { active ? "true" : "false", reason };

  g_return_if_fail (FD_IS_MAINTENANCE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, fd_maintenance_switch_async);
  fd_connection_query_async (self->connection,
                             "SELECT frontdesk.maintenance_set($1::boolean, $2)", 2, params,
                             cancellable, switched_cb, g_steal_pointer (&task));
}

/**
 * fd_maintenance_switch_finish:
 * @changed: (out) (optional): whether the state changed (FALSE: it was so already)
 */
gboolean
fd_maintenance_switch_finish (FdMaintenance  *self,
                              GAsyncResult   *result,
                              gboolean       *changed,
                              GError        **error)
{
  GError *local_error = NULL;
  gssize outcome;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  outcome = g_task_propagate_int (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (changed != NULL)
    *changed = outcome != 0;
  return TRUE;
}

/* GObject -------------------------------------------------------------------------------- */

static void
fd_maintenance_dispose (GObject *object)
{
  FdMaintenance *self = FD_MAINTENANCE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->connection);

  G_OBJECT_CLASS (fd_maintenance_parent_class)->dispose (object);
}

static void
fd_maintenance_finalize (GObject *object)
{
  FdMaintenance *self = FD_MAINTENANCE (object);

  g_clear_object (&self->cancellable);
  g_free (self->reason);
  g_free (self->by_name);
  g_clear_pointer (&self->since, g_date_time_unref);

  G_OBJECT_CLASS (fd_maintenance_parent_class)->finalize (object);
}

static void
fd_maintenance_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  FdMaintenance *self = FD_MAINTENANCE (object);

  switch (prop_id)
    {
    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;
    case PROP_ACTIVE:
      g_value_set_boolean (value, self->active);
      break;
    case PROP_REASON:
      g_value_set_string (value, self->reason);
      break;
    case PROP_BY_NAME:
      g_value_set_string (value, self->by_name);
      break;
    case PROP_SINCE:
      g_value_set_boxed (value, self->since);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fd_maintenance_class_init (FdMaintenanceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = fd_maintenance_dispose;
  object_class->finalize = fd_maintenance_finalize;
  object_class->get_property = fd_maintenance_get_property;

  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ACTIVE] =
    g_param_spec_boolean ("active", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_REASON] =
    g_param_spec_string ("reason", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_BY_NAME] =
    g_param_spec_string ("by-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SINCE] =
    g_param_spec_boxed ("since", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FdMaintenance::changed:
   *
   * Maintenance went on or off, or its reason changed: the banner and the editors update.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);
}

static void
fd_maintenance_init (FdMaintenance *self)
{
  self->cancellable = g_cancellable_new ();
}

/**
 * fd_maintenance_new:
 *
 * Follows the maintenance mode of @connection's database: reads it now, LISTENs for
 * switches, and reads it again after every reconnect.
 */
FdMaintenance *
fd_maintenance_new (FdConnection *connection)
{
  FdMaintenance *self;

  g_return_val_if_fail (FD_IS_CONNECTION (connection), NULL);

  self = g_object_new (FD_TYPE_MAINTENANCE, NULL);
  self->connection = g_object_ref (connection);

  g_signal_connect_object (connection, "notification::" MAINTENANCE_CHANNEL,
                           G_CALLBACK (reread), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (connection, "reconnected", G_CALLBACK (reread), self,
                           G_CONNECT_SWAPPED);
  fd_connection_listen_async (connection, MAINTENANCE_CHANNEL, self->cancellable, listened_cb,
                              NULL);
  reread (self);
  return self;
}

/**
 * fd_maintenance_get_loaded:
 *
 * Returns: whether the status was read at least once
 */
gboolean
fd_maintenance_get_loaded (FdMaintenance *self)
{
  g_return_val_if_fail (FD_IS_MAINTENANCE (self), FALSE);

  return self->loaded;
}

gboolean
fd_maintenance_get_active (FdMaintenance *self)
{
  g_return_val_if_fail (FD_IS_MAINTENANCE (self), FALSE);

  return self->active;
}

/**
 * fd_maintenance_get_reason:
 *
 * Returns: (nullable): why maintenance is on, %NULL while it is off
 */
const char *
fd_maintenance_get_reason (FdMaintenance *self)
{
  g_return_val_if_fail (FD_IS_MAINTENANCE (self), NULL);

  return self->reason;
}

/**
 * fd_maintenance_get_by_name:
 *
 * Returns: (nullable): who switched maintenance on, %NULL while it is off
 */
const char *
fd_maintenance_get_by_name (FdMaintenance *self)
{
  g_return_val_if_fail (FD_IS_MAINTENANCE (self), NULL);

  return self->by_name;
}

/**
 * fd_maintenance_get_since:
 *
 * Returns: (nullable) (transfer none): since when maintenance is on, in local time
 */
GDateTime *
fd_maintenance_get_since (FdMaintenance *self)
{
  g_return_val_if_fail (FD_IS_MAINTENANCE (self), NULL);

  return self->since;
}

/**
 * fd_maintenance_dup_description:
 *
 * Returns: (nullable): the banner's sentence while maintenance is on, %NULL while it is off
 */
char *
fd_maintenance_dup_description (FdMaintenance *self)
{
  g_autofree char *time = NULL;

  g_return_val_if_fail (FD_IS_MAINTENANCE (self), NULL);

  if (!self->active)
    return NULL;

  time = self->since != NULL ? fd_clock_format_time (self->since, FALSE) : g_strdup ("?");
  /* Translators: the reason, who switched maintenance on, and the time, like 14:05 */
  return g_strdup_printf (_("The practice database is in maintenance: %s (%s, since %s). "
                            "Nothing can be changed until an administrator switches it off."),
                          self->reason != NULL ? self->reason : "",
                          self->by_name != NULL ? self->by_name : "", time);
}

/**
 * fd_maintenance_dup_read_only_reason:
 *
 * Returns: (nullable): what a form says while maintenance keeps it read-only; %NULL while
 *   maintenance is off
 */
char *
fd_maintenance_dup_read_only_reason (FdMaintenance *self)
{
  g_return_val_if_fail (FD_IS_MAINTENANCE (self), NULL);

  if (!self->active)
    return NULL;
  /* Translators: the maintenance's reason, and who switched it on */
  return g_strdup_printf (_("Read-only during maintenance (%s, by %s): what you type stays "
                            "here to save when it ends."),
                          self->reason != NULL ? self->reason : "",
                          self->by_name != NULL ? self->by_name : "");
}
