/* fd-database.c: opens the practice database: starts the embedded server when no server is
 * set, connects, creates the database on first use and brings its schema up to date.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The steps of opening are in fd-database-open.c; fd-database-private.h is what the two
 * share.
 */
#include "fd-database-private.h"

G_DEFINE_FINAL_TYPE (FdDatabase, fd_database, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (FdDatabasePhase, fd_database_phase,
                    G_DEFINE_ENUM_VALUE (FD_DATABASE_PHASE_IDLE, "idle"),
                    G_DEFINE_ENUM_VALUE (FD_DATABASE_PHASE_OPENING, "opening"),
                    G_DEFINE_ENUM_VALUE (FD_DATABASE_PHASE_READY, "ready"),
                    G_DEFINE_ENUM_VALUE (FD_DATABASE_PHASE_FAILED, "failed"))


enum {
  PROGRESS,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

void
_fd_database_notify (FdDatabase *self,
                     guint       prop_id)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

void
_fd_database_report_progress (FdDatabase *self,
                              const char *message)
{
  if (g_strcmp0 (self->progress, message) != 0)
    {
      g_free (self->progress);
      self->progress = g_strdup (message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
    }
  g_signal_emit (self, signals[PROGRESS], 0, message);
}

void
_fd_database_set_phase (FdDatabase      *self,
                        FdDatabasePhase  phase)
{
  if (self->phase == phase)
    return;

  self->phase = phase;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PHASE]);
}

static void
fd_database_dispose (GObject *object)
{
  fd_database_close (FD_DATABASE (object));

  G_OBJECT_CLASS (fd_database_parent_class)->dispose (object);
}

static void
fd_database_finalize (GObject *object)
{
  FdDatabase *self = FD_DATABASE (object);

  g_clear_pointer (&self->config, fd_server_config_free);
  g_free (self->description);
  g_free (self->server_address);
  g_free (self->notice);
  g_clear_pointer (&self->switched_at, g_date_time_unref);
  g_free (self->practice_name);
  g_free (self->server_version);
  g_free (self->progress);
  g_clear_error (&self->error);
  g_clear_pointer (&self->last_refresh, g_date_time_unref);

  G_OBJECT_CLASS (fd_database_parent_class)->finalize (object);
}

static void
fd_database_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  FdDatabase *self = FD_DATABASE (object);

  switch (prop_id)
    {
    case PROP_CONNECTION:
      g_value_set_object (value, self->connection);
      break;
    case PROP_PRACTICE_NAME:
      g_value_set_string (value, self->practice_name);
      break;
    case PROP_PHASE:
      g_value_set_enum (value, self->phase);
      break;
    case PROP_PROGRESS:
      g_value_set_string (value, self->progress);
      break;
    case PROP_LAST_REFRESH:
      g_value_set_boxed (value, self->last_refresh);
      break;
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_NOTICE:
      g_value_set_string (value, self->notice);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fd_database_class_init (FdDatabaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = fd_database_dispose;
  object_class->finalize = fd_database_finalize;
  object_class->get_property = fd_database_get_property;

  properties[PROP_CONNECTION] =
    g_param_spec_object ("connection", NULL, NULL, FD_TYPE_CONNECTION,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_PRACTICE_NAME] =
    g_param_spec_string ("practice-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_PHASE] =
    g_param_spec_enum ("phase", NULL, NULL, FD_TYPE_DATABASE_PHASE, FD_DATABASE_PHASE_IDLE,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_PROGRESS] =
    g_param_spec_string ("progress", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_LAST_REFRESH] =
    g_param_spec_boxed ("last-refresh", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, FD_TYPE_SESSION,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * FdDatabase:notice:
   *
   * What the last reconnect changed, as a sentence for the status line: another server
   * took over (a failover), and whether this workstation's session, with its locks, went on
   * there. %NULL when there is nothing to tell.
   */
  properties[PROP_NOTICE] =
    g_param_spec_string ("notice", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FdDatabase::progress:
   * @message: what opening the database is doing now, for a person
   */
  signals[PROGRESS] =
    g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
fd_database_init (FdDatabase *self)
{
}

FdDatabase *
fd_database_new (const FdServerConfig *config)
{
  FdDatabase *self;

  g_return_val_if_fail (config != NULL, NULL);

  self = g_object_new (FD_TYPE_DATABASE, NULL);
  self->config = fd_server_config_copy (config);
  self->description = fd_server_config_describe (config);

  return self;
}

const FdServerConfig *
fd_database_get_config (FdDatabase *self)
{
  g_return_val_if_fail (FD_IS_DATABASE (self), NULL);

  return self->config;
}

/**
 * fd_database_get_connection:
 *
 * Returns: (transfer none) (nullable): the connection, once opening has started
 */
FdConnection *
fd_database_get_connection (FdDatabase *self)
{
  g_return_val_if_fail (FD_IS_DATABASE (self), NULL);

  return self->connection;
}

/**
 * fd_database_get_embedded_server:
 *
 * Returns: (transfer none) (nullable): the built-in server, when it is the one in use
 */
FdEmbeddedServer *
fd_database_get_embedded_server (FdDatabase *self)
{
  g_return_val_if_fail (FD_IS_DATABASE (self), NULL);

  return self->embedded;
}

/**
 * fd_database_get_signals:
 *
 * Returns: (transfer none) (nullable): what changed elsewhere, once ready
 */
FdSignals *
fd_database_get_signals (FdDatabase *self)
{
  g_return_val_if_fail (FD_IS_DATABASE (self), NULL);

  return self->signals;
}

/**
 * fd_database_get_cache:
 *
 * Returns: (transfer none) (nullable): the lookup tables, once ready
 */
FdCache *
fd_database_get_cache (FdDatabase *self)
{
  g_return_val_if_fail (FD_IS_DATABASE (self), NULL);

  return self->cache;
}

/**
 * fd_database_get_session_names:
 *
 * Returns: (transfer none) (nullable): who the sessions are that saved something, once ready
 */
FdSessionNames *
fd_database_get_session_names (FdDatabase *self)
{
  g_return_val_if_fail (FD_IS_DATABASE (self), NULL);

  return self->cache != NULL ? fd_cache_get_session_names (self->cache) : NULL;
}

/**
 * fd_database_dup_cached_change:
 * @key: (nullable): the record as its signals name it, %NULL for the table's last change
 * @value: (nullable): what the cache holds in @column now
 *
 * A form that follows a cached table shows a value that changed with this: who saved it
 * (when known) and when it arrived.
 *
 * Returns: (transfer full) (nullable): the change, or %NULL when this session saved it
 */
FdFieldChange *
fd_database_dup_cached_change (FdDatabase *self,
                               const char *table,
                               const char *key,
                               const char *column,
                               const char *value)
{
  gint64 origin;

  g_return_val_if_fail (FD_IS_DATABASE (self), NULL);
  g_return_val_if_fail (self->cache != NULL, NULL);

  origin = fd_cache_get_origin (self->cache, table, key);
  if (origin != 0 && self->session != NULL && origin == fd_session_get_id (self->session))
    return NULL;
  return fd_session_names_new_change (fd_cache_get_session_names (self->cache), origin, column,
                                      value);
}

/**
 * fd_database_set_refresh_interval:
 * @seconds: how often this workstation checks for changes; 0 only when told (push)
 *
 * Takes effect at once, also before the database is open.
 */
void
fd_database_set_refresh_interval (FdDatabase *self,
                                  guint       seconds)
{
  g_return_if_fail (FD_IS_DATABASE (self));

  self->refresh_interval = seconds;
  if (self->signals != NULL)
    fd_signals_set_interval (self->signals, seconds);
}

/**
 * fd_database_get_lock_manager:
 *
 * Returns: (transfer none) (nullable): this session's record locks, once ready
 */
FdLockManager *
fd_database_get_lock_manager (FdDatabase *self)
{
  g_return_val_if_fail (FD_IS_DATABASE (self), NULL);

  return self->locks;
}

/**
 * fd_database_get_maintenance:
 *
 * Returns: (transfer none) (nullable): the practice's maintenance mode, once signed in
 */
FdMaintenance *
fd_database_get_maintenance (FdDatabase *self)
{
  g_return_val_if_fail (FD_IS_DATABASE (self), NULL);

  return self->maintenance_mode;
}

/**
 * fd_database_get_session:
 *
 * Returns: (transfer none) (nullable): who is signed in, once the database is ready
 */
FdSession *
fd_database_get_session (FdDatabase *self)
{
  g_return_val_if_fail (FD_IS_DATABASE (self), NULL);

  return self->session;
}

/**
 * fd_database_get_notice:
 *
 * Returns: (nullable): what the last reconnect changed, for the status line
 */
const char *
fd_database_get_notice (FdDatabase *self)
{
  g_return_val_if_fail (FD_IS_DATABASE (self), NULL);

  return self->notice;
}

const char *
fd_database_get_description (FdDatabase *self)
{
  g_return_val_if_fail (FD_IS_DATABASE (self), NULL);

  return self->description;
}

const char *
fd_database_get_practice_name (FdDatabase *self)
{
  g_return_val_if_fail (FD_IS_DATABASE (self), NULL);

  return self->practice_name;
}

const char *
fd_database_get_server_version (FdDatabase *self)
{
  g_return_val_if_fail (FD_IS_DATABASE (self), NULL);

  return self->server_version;
}

guint
fd_database_get_schema_version (FdDatabase *self)
{
  g_return_val_if_fail (FD_IS_DATABASE (self), 0);

  return self->schema_version;
}

FdDatabasePhase
fd_database_get_phase (FdDatabase *self)
{
  g_return_val_if_fail (FD_IS_DATABASE (self), FD_DATABASE_PHASE_IDLE);

  return self->phase;
}

/**
 * fd_database_get_progress:
 *
 * Returns: (nullable): what opening is doing now, for a person
 */
const char *
fd_database_get_progress (FdDatabase *self)
{
  g_return_val_if_fail (FD_IS_DATABASE (self), NULL);

  return self->progress;
}

/**
 * fd_database_get_error:
 *
 * Returns: (nullable): why opening failed, in the failed phase
 */
const GError *
fd_database_get_error (FdDatabase *self)
{
  g_return_val_if_fail (FD_IS_DATABASE (self), NULL);

  return self->error;
}

/**
 * fd_database_get_last_refresh:
 *
 * Returns: (nullable) (transfer none): when data was last loaded from the server
 */
GDateTime *
fd_database_get_last_refresh (FdDatabase *self)
{
  g_return_val_if_fail (FD_IS_DATABASE (self), NULL);

  return self->last_refresh;
}

void
fd_database_mark_refreshed (FdDatabase *self)
{
  g_return_if_fail (FD_IS_DATABASE (self));

  g_clear_pointer (&self->last_refresh, g_date_time_unref);
  self->last_refresh = g_date_time_new_now_local ();
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_REFRESH]);
}

/**
 * fd_database_close:
 *
 * Disconnects, and stops the built-in server if no other Frontdesk uses it.
 */
void
fd_database_close (FdDatabase *self)
{
  g_return_if_fail (FD_IS_DATABASE (self));

  g_clear_object (&self->cache);
  g_clear_object (&self->signals);
  if (self->locks != NULL)
    fd_lock_manager_release_all (self->locks);
  g_clear_object (&self->locks);
  g_clear_object (&self->maintenance_mode);
  if (self->session != NULL)
    fd_session_close (self->session);
  g_clear_object (&self->session);
  if (self->connection != NULL)
    fd_connection_close (self->connection);
  g_clear_object (&self->maintenance);
  g_clear_object (&self->probe);

  if (self->embedded != NULL)
    fd_embedded_server_release (self->embedded);
  g_clear_object (&self->embedded);

  if (self->phase == FD_DATABASE_PHASE_READY)
    _fd_database_set_phase (self, FD_DATABASE_PHASE_IDLE);
}
