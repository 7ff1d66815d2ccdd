/* fd-database.c: opens the practice database: starts the embedded server when no server is
 * set, connects, creates the database on first use and brings its schema up to date.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>
#include <stdlib.h>

#include "fd-database.h"
#include "fd-migrations.h"

struct _FdDatabase
{
  GObject           parent_instance;

  /* Owned */
  FdServerConfig   *config;
  FdEmbeddedServer *embedded;
  FdConnection     *connection;
  FdConnection     *maintenance;   /* to the "postgres" database, while creating ours */
  FdSession        *session;
  FdLockManager    *locks;
  FdMaintenance    *maintenance_mode;  /* as the server says */
  FdSignals        *signals;
  FdCache          *cache;
  guint             refresh_interval;
  char             *description;
  char             *practice_name;
  char             *server_version;
  char             *progress;
  GError           *error;
  GDateTime        *last_refresh;
  FdDatabasePhase   phase;
  guint             schema_version;
  gboolean          created_database;
};

G_DEFINE_FINAL_TYPE (FdDatabase, fd_database, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (FdDatabasePhase, fd_database_phase,
                    G_DEFINE_ENUM_VALUE (FD_DATABASE_PHASE_IDLE, "idle"),
                    G_DEFINE_ENUM_VALUE (FD_DATABASE_PHASE_OPENING, "opening"),
                    G_DEFINE_ENUM_VALUE (FD_DATABASE_PHASE_READY, "ready"),
                    G_DEFINE_ENUM_VALUE (FD_DATABASE_PHASE_FAILED, "failed"))

enum {
  PROP_0,
  PROP_CONNECTION,
  PROP_PRACTICE_NAME,
  PROP_PHASE,
  PROP_PROGRESS,
  PROP_LAST_REFRESH,
  PROP_SESSION,
  N_PROPS
};

enum {
  PROGRESS,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void connect_to_database (GTask *task);

static void
report_progress (FdDatabase *self,
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

static void
set_phase (FdDatabase      *self,
           FdDatabasePhase  phase)
{
  if (self->phase == phase)
    return;

  self->phase = phase;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PHASE]);
}

/* Every way out of opening passes here, so the phase always tells the truth. */
static void
open_failed (GTask  *task,
             GError *error)
{
  FdDatabase *self = g_task_get_source_object (task);

  g_clear_error (&self->error);
  self->error = g_error_copy (error);
  set_phase (self, FD_DATABASE_PHASE_FAILED);
  g_task_return_error (task, error);
  g_object_unref (task);
}

static void
connection_reconnected_cb (FdDatabase *self)
{
  /* Whatever was loaded may be stale after an outage; readers reload on ::reconnected. */
  fd_database_mark_refreshed (self);
}

static void
embedded_progress_cb (FdDatabase *self,
                      const char *message)
{
  report_progress (self, message);
}

static FdConnection *
new_connection (FdDatabase *self,
                const char *database)
{
  g_autoptr(GStrvBuilder) keywords = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) values = g_strv_builder_new ();
  g_auto(GStrv) keyword_list = NULL;
  g_auto(GStrv) value_list = NULL;
  g_autofree char *port = NULL;
  const FdServerConfig *config = self->config;

  if (self->embedded != NULL)
    {
      /* The folder's owner by default; a staff login when one is named. */
      g_strv_builder_add_many (keywords, "host", "port", "user", NULL);
      g_strv_builder_add_many (values, fd_embedded_server_get_socket_dir (self->embedded),
                               "5432",
                               config->user != NULL && config->user[0] != '\0'
                               ? config->user : fd_embedded_server_get_user (self->embedded),
                               NULL);
    }
  else
    {
      port = g_strdup_printf ("%u", config->port);
      g_strv_builder_add_many (keywords, "host", "port", "sslmode", NULL);
      g_strv_builder_add_many (values, config->host, port, config->tls_mode, NULL);
      if (config->user != NULL && config->user[0] != '\0')
        {
          g_strv_builder_add (keywords, "user");
          g_strv_builder_add (values, config->user);
        }
    }

  if (config->password != NULL)
    {
      g_strv_builder_add (keywords, "password");
      g_strv_builder_add (values, config->password);
    }

  g_strv_builder_add (keywords, "dbname");
  g_strv_builder_add (values, database);

  keyword_list = g_strv_builder_end (keywords);
  value_list = g_strv_builder_end (values);
  return fd_connection_new ((const char * const *) keyword_list,
                            (const char * const *) value_list);
}

static void
become_ready (GTask *task)
{
  FdDatabase *self = g_task_get_source_object (task);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRACTICE_NAME]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTION]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
  fd_database_mark_refreshed (self);
  set_phase (self, FD_DATABASE_PHASE_READY);
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

/* Setup renamed the practice: every window's title follows. */
static void
practice_reloaded_cb (FdDatabase *self)
{
  GListModel *rows = fd_cache_get_table (self->cache, "practice");
  g_autoptr(FdCacheRow) row = g_list_model_get_item (rows, 0);

  if (row == NULL || g_strcmp0 (self->practice_name, fd_cache_row_get (row, "name")) == 0)
    return;
  g_free (self->practice_name);
  self->practice_name = g_strdup (fd_cache_row_get (row, "name"));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRACTICE_NAME]);
}

static void
cache_loaded_cb (GTask *task)
{
  FdDatabase *self = g_task_get_source_object (task);

  g_signal_handlers_disconnect_by_data (self->cache, task);
  become_ready (task);
}

static void
session_opened_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GTask *task = user_data;
  FdDatabase *self = g_task_get_source_object (task);
  GError *error = NULL;

  self->session = fd_session_open_finish (result, &error);
  if (self->session == NULL)
    {
      open_failed (task, error);
      return;
    }

  self->locks = fd_lock_manager_new (self->session);
  self->maintenance_mode = fd_maintenance_new (self->connection);
  g_signal_connect_object (self->connection, "reconnected",
                           G_CALLBACK (connection_reconnected_cb), self, G_CONNECT_SWAPPED);

  report_progress (self, _("Loading the practice’s lists…"));
  self->signals = fd_signals_new (self->connection);
  fd_signals_set_interval (self->signals, self->refresh_interval);
  g_signal_connect_object (self->signals, "notify::last-poll",
                           G_CALLBACK (fd_database_mark_refreshed), self, G_CONNECT_SWAPPED);
  self->cache = fd_cache_new (self->connection, self->signals);
  /* Behind a pooler that drops LISTEN, maintenance still arrives with the next poll. */
  fd_maintenance_follow_signals (self->maintenance_mode, self->signals);
  g_signal_connect_object (fd_cache_get_table (self->cache, "practice"), "items-changed",
                           G_CALLBACK (practice_reloaded_cb), self, G_CONNECT_SWAPPED);
  if (fd_cache_get_loaded (self->cache))
    become_ready (task);
  else
    g_signal_connect_swapped (self->cache, "notify::loaded", G_CALLBACK (cache_loaded_cb), task);
}

static void
practice_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  GTask *task = user_data;
  FdDatabase *self = g_task_get_source_object (task);
  g_autoptr(PGresult) pg_result = NULL;
  GError *error = NULL;

  pg_result = fd_connection_query_finish (FD_CONNECTION (object), result, &error);
  if (pg_result == NULL)
    {
      open_failed (task, error);
      return;
    }

  g_free (self->practice_name);
  self->practice_name = g_strdup (PQntuples (pg_result) > 0 ? PQgetvalue (pg_result, 0, 0) : "");
  g_free (self->server_version);
  self->server_version = g_strdup (PQgetvalue (pg_result, 0, 1));
  self->schema_version = (guint) strtoul (PQgetvalue (pg_result, 0, 2), NULL, 10);

  report_progress (self, _("Signing in…"));
  fd_session_open_async (self->connection, self->config->workstation,
                         g_task_get_cancellable (task), session_opened_cb, task);
}

static void
migrations_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask *task = user_data;
  GError *error = NULL;

  if (!fd_migrations_run_finish (result, NULL, &error))
    {
      open_failed (task, error);
      return;
    }

  fd_connection_query_async (FD_CONNECTION (object),
                             "SELECT (SELECT name FROM frontdesk.practice), "
                             "split_part(current_setting('server_version'), ' ', 1), "
                             "(SELECT max(version) FROM frontdesk.schema_version)",
                             0, NULL, g_task_get_cancellable (task), practice_cb, task);
}

static void
create_database_done_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  GTask *task = user_data;
  FdDatabase *self = g_task_get_source_object (task);
  g_autoptr(PGresult) pg_result = NULL;
  GError *error = NULL;

  pg_result = fd_connection_query_finish (FD_CONNECTION (object), result, &error);
  g_clear_object (&self->maintenance);

  /* Another Frontdesk starting at the same moment made it first: just as good. */
  if (pg_result == NULL && g_str_equal (fd_db_error_get_sqlstate (error), "42P04"))
    g_clear_error (&error);
  else if (pg_result == NULL)
    {
      open_failed (task, error);
      return;
    }

  self->created_database = TRUE;
  connect_to_database (task);
}

static void
create_statement_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GTask *task = user_data;
  FdDatabase *self = g_task_get_source_object (task);
  g_autoptr(PGresult) pg_result = NULL;
  GError *error = NULL;

  pg_result = fd_connection_query_finish (FD_CONNECTION (object), result, &error);
  if (pg_result == NULL)
    {
      g_clear_object (&self->maintenance);
      open_failed (task, error);
      return;
    }

  fd_connection_query_async (self->maintenance, PQgetvalue (pg_result, 0, 0), 0, NULL,
                             g_task_get_cancellable (task), create_database_done_cb, task);
}

static void
maintenance_open_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GTask *task = user_data;
  FdDatabase *self = g_task_get_source_object (task);
  const char *params[] = { self->config->database };
  GError *error = NULL;

  if (!fd_connection_open_finish (FD_CONNECTION (object), result, &error))
    {
      g_clear_object (&self->maintenance);
      open_failed (task, error);
      return;
    }

  /* CREATE DATABASE takes no parameters; let the server quote the name. */
  fd_connection_query_async (self->maintenance, "SELECT format('CREATE DATABASE %I', $1::text)",
                             1, params, g_task_get_cancellable (task), create_statement_cb, task);
}

static void
create_database (GTask *task)
{
  FdDatabase *self = g_task_get_source_object (task);

  report_progress (self, _("Creating the practice database…"));
  self->maintenance = new_connection (self, "postgres");
  fd_connection_open_async (self->maintenance, g_task_get_cancellable (task),
                            maintenance_open_cb, task);
}

static void
connection_open_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GTask *task = user_data;
  FdDatabase *self = g_task_get_source_object (task);
  GError *error = NULL;

  if (!fd_connection_open_finish (FD_CONNECTION (object), result, &error))
    {
      /* The built-in server makes its own database; a shared server's is the admin's job. */
      if (self->embedded != NULL && !self->created_database &&
          g_error_matches (error, FD_DB_ERROR, FD_DB_ERROR_DATABASE_MISSING))
        {
          g_clear_error (&error);
          g_clear_object (&self->connection);
          create_database (task);
          return;
        }

      open_failed (task, error);
      return;
    }

  report_progress (self, _("Checking the database layout…"));
  fd_migrations_run_async (self->connection, g_task_get_cancellable (task), migrations_cb, task);
}

static void
connect_to_database (GTask *task)
{
  FdDatabase *self = g_task_get_source_object (task);

  report_progress (self, _("Connecting to the database…"));
  g_clear_object (&self->connection);
  self->connection = new_connection (self, self->config->database);
  fd_connection_open_async (self->connection, g_task_get_cancellable (task),
                            connection_open_cb, task);
}

static void
embedded_started_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GTask *task = user_data;
  GError *error = NULL;

  if (!fd_embedded_server_start_finish (FD_EMBEDDED_SERVER (object), result, &error))
    {
      open_failed (task, error);
      return;
    }

  connect_to_database (task);
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
 * fd_database_open_async:
 *
 * Emits FdDatabase::progress as it goes, so a window can say what is happening.
 */
void
fd_database_open_async (FdDatabase          *self,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  GTask *task;
  g_autofree char *folder = NULL;

  g_return_if_fail (FD_IS_DATABASE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, fd_database_open_async);

  g_clear_error (&self->error);
  set_phase (self, FD_DATABASE_PHASE_OPENING);

  if (!fd_server_config_is_embedded (self->config))
    {
      connect_to_database (task);
      return;
    }

  if (self->embedded == NULL)
    {
      folder = self->config->data_folder != NULL ? g_strdup (self->config->data_folder)
                                                 : fd_embedded_server_dup_default_folder ();
      self->embedded = fd_embedded_server_new (folder);
      g_signal_connect_object (self->embedded, "progress", G_CALLBACK (embedded_progress_cb),
                               self, G_CONNECT_SWAPPED);
    }

  report_progress (self, _("Starting the practice database…"));
  fd_embedded_server_start_async (self->embedded, cancellable, embedded_started_cb, task);
}

gboolean
fd_database_open_finish (FdDatabase    *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
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

  if (self->embedded != NULL)
    fd_embedded_server_release (self->embedded);
  g_clear_object (&self->embedded);

  if (self->phase == FD_DATABASE_PHASE_READY)
    set_phase (self, FD_DATABASE_PHASE_IDLE);
}
