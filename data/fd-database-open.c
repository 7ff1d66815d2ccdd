/* fd-database-open.c: the steps of opening the practice database: the built-in server, the
 * connection, creating the database on first use, the migrations, the session and the cache.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>
#include <stdlib.h>

#include "fd-database-private.h"
#include "fd-clock.h"
#include "fd-migrations.h"
#include "fd-pg.h"

static void connect_to_database (GTask *task);

/* Every way out of opening passes here, so the phase always tells the truth. */
static void
open_failed (GTask  *task,
             GError *error)
{
  FdDatabase *self = g_task_get_source_object (task);

  g_clear_error (&self->error);
  self->error = g_error_copy (error);
  _fd_database_set_phase (self, FD_DATABASE_PHASE_FAILED);
  g_task_return_error (task, error);
  g_object_unref (task);
}

static void
set_notice (FdDatabase *self,
            char       *notice)
{
  g_free (self->notice);
  self->notice = notice;
  _fd_database_notify (self, PROP_NOTICE);
}

static void
connection_reconnected_cb (FdDatabase *self)
{
  g_autofree char *address = fd_connection_dup_server_address (self->connection);

  /* Of several servers, another one answered: the standby was promoted (a failover). */
  if (address != NULL && self->server_address != NULL &&
      !g_str_equal (address, self->server_address))
    {
      g_debug ("The database server changed from %s to %s", self->server_address, address);
      g_clear_pointer (&self->switched_at, g_date_time_unref);
      self->switched_at = g_date_time_new_now_local ();
      g_free (self->description);
      self->description = g_strdup_printf ("%s@%s", self->config->database, address);
    }
  if (address != NULL)
    {
      g_free (self->server_address);
      self->server_address = g_steal_pointer (&address);
    }

  /* Whatever was loaded may be stale after an outage; readers reload on ::reconnected. */
  fd_database_mark_refreshed (self);
}

/* The session went on (or not) after the reconnect: the person hears what that means. */
static void
session_resumed_cb (FdDatabase *self,
                    gboolean    same)
{
  g_autofree char *time = NULL;

  if (self->switched_at == NULL)
    {
      if (!same)
        set_notice (self, g_strdup (_("Reconnected, but signed in again: records that were "
                                      "open must be opened again.")));
      return;
    }

  time = fd_clock_format_time (self->switched_at, TRUE);
  if (same)
    /* Translators: a time of day, then the server's host:port */
    set_notice (self, g_strdup_printf (_("The database server changed at %s; now connected to "
                                         "%s. Open records, locks and typing were kept."),
                                       time, self->server_address));
  else
    set_notice (self, g_strdup_printf (_("The database server changed at %s; now connected to "
                                         "%s, signed in again. Records that were open must be "
                                         "opened again."),
                                       time, self->server_address));
  g_clear_pointer (&self->switched_at, g_date_time_unref);
}

static void
embedded_progress_cb (FdDatabase *self,
                      const char *message)
{
  _fd_database_report_progress (self, message);
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
      g_autofree char *hosts = NULL;

      /* Several servers (a primary and its standbys): libpq tries them in turn and takes
       * the one that accepts writes, so after a failover the reconnect finds the promoted
       * standby by itself, and a standby still replaying is never written to. */
      if (!fd_server_config_parse_hosts (config->host, config->port, &hosts, &port, NULL))
        {
          hosts = g_strdup (config->host);
          port = g_strdup_printf ("%u", config->port);
        }
      g_strv_builder_add_many (keywords, "host", "port", "sslmode", "target_session_attrs",
                               NULL);
      g_strv_builder_add_many (values, hosts, port, fd_server_config_get_sslmode (config),
                               "read-write", NULL);
      if (config->ca_file != NULL && config->ca_file[0] != '\0')
        {
          g_strv_builder_add (keywords, "sslrootcert");
          g_strv_builder_add (values, config->ca_file);
        }
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

  _fd_database_notify (self, PROP_PRACTICE_NAME);
  _fd_database_notify (self, PROP_CONNECTION);
  _fd_database_notify (self, PROP_SESSION);
  fd_database_mark_refreshed (self);
  _fd_database_set_phase (self, FD_DATABASE_PHASE_READY);
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
  _fd_database_notify (self, PROP_PRACTICE_NAME);
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
  g_free (self->server_address);
  self->server_address = fd_connection_dup_server_address (self->connection);
  g_signal_connect_object (self->connection, "reconnected",
                           G_CALLBACK (connection_reconnected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "resumed",
                           G_CALLBACK (session_resumed_cb), self, G_CONNECT_SWAPPED);

  _fd_database_report_progress (self, _("Loading the practice’s lists…"));
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
    g_signal_connect_swapped (self->cache,
                              "notify::loaded", G_CALLBACK (cache_loaded_cb), task);
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

  _fd_database_report_progress (self, _("Signing in…"));
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

  _fd_database_report_progress (self, _("Creating the practice database…"));
  self->maintenance = new_connection (self, "postgres");
  fd_connection_open_async (self->maintenance, g_task_get_cancellable (task),
                            maintenance_open_cb, task);
}

static void
run_migrations (GTask *task)
{
  FdDatabase *self = g_task_get_source_object (task);

  _fd_database_report_progress (self, _("Checking the database layout…"));
  fd_migrations_run_async (self->connection, g_task_get_cancellable (task), migrations_cb, task);
}

/* Pooling --------------------------------------------------------------------------------
 *
 * A session is the backend that opened it: its locks live while that backend does, and the
 * server knows who calls by the backend's pid. Behind PgBouncer in session pooling a client
 * keeps one backend, and all is well. In transaction (or statement) pooling each transaction
 * may run on another backend, one another workstation used a moment ago: the server would
 * take one desk for another. Frontdesk refuses that at sign-in.
 *
 * The test needs no pooler's cooperation. A direct connection is seen by the server from
 * this very address and port. Otherwise a second connection asks for its backend right after
 * this one let its transaction end, and this one asks again: with a backend of its own for the
 * whole session (no pooler, or session pooling) the second never gets this one's backend and
 * this one always keeps it; a transaction pooler hands the idle backend to the next client
 * that asks. */

#define BACKEND_SQL "SELECT pg_backend_pid()"

static void
refuse_transaction_pooling (GTask *task)
{
  open_failed (task, g_error_new_literal (FD_DB_ERROR, FD_DB_ERROR_FAILED,
                                          _("The database server is reached through a "
                                            "connection pooler in transaction pooling mode, "
                                            "which would mix up the workstations’ sessions and "
                                            "locks. Set “pool_mode = session” for the practice "
                                            "database in PgBouncer, or connect to the server "
                                            "directly.")));
}

static int
backend_pid_of (FdConnection  *connection,
                GAsyncResult  *result,
                GError       **error)
{
  g_autoptr(PGresult) pg_result = fd_connection_query_finish (connection, result, error);

  return pg_result != NULL ? atoi (PQgetvalue (pg_result, 0, 0)) : 0;
}

static void
backend_again_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;
  FdDatabase *self = g_task_get_source_object (task);
  GError *error = NULL;
  int pid = backend_pid_of (FD_CONNECTION (object), result, &error);

  if (error != NULL)
    {
      open_failed (task, error);
      return;
    }

  g_debug ("Backends through the pooler: %d, a second connection %d, then %d",
           self->probe_first_pid, self->probe_second_pid, pid);
  if (self->probe_second_pid == self->probe_first_pid || pid != self->probe_first_pid)
    refuse_transaction_pooling (task);
  else
    run_migrations (task);
}

static void
probe_backend_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;
  FdDatabase *self = g_task_get_source_object (task);
  GError *error = NULL;

  self->probe_second_pid = backend_pid_of (FD_CONNECTION (object), result, &error);
  fd_connection_close (self->probe);
  g_clear_object (&self->probe);
  if (error != NULL)
    {
      open_failed (task, error);
      return;
    }

  fd_connection_query_async (self->connection, BACKEND_SQL, 0, NULL,
                             g_task_get_cancellable (task), backend_again_cb, task);
}

static void
probe_open_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask *task = user_data;
  FdDatabase *self = g_task_get_source_object (task);
  GError *error = NULL;

  if (!fd_connection_open_finish (FD_CONNECTION (object), result, &error))
    {
      g_clear_object (&self->probe);
      open_failed (task, error);
      return;
    }

  fd_connection_query_async (self->probe, BACKEND_SQL, 0, NULL, g_task_get_cancellable (task),
                             probe_backend_cb, task);
}

static void
first_backend_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;
  FdDatabase *self = g_task_get_source_object (task);
  g_autoptr(PGresult) pg_result = NULL;
  g_autofree char *here = NULL;
  GError *error = NULL;

  pg_result = fd_connection_query_finish (FD_CONNECTION (object), result, &error);
  if (pg_result == NULL)
    {
      open_failed (task, error);
      return;
    }

  here = fd_connection_dup_client_address (self->connection);
  if (here != NULL && !PQgetisnull (pg_result, 0, 1) &&
      g_str_equal (here, PQgetvalue (pg_result, 0, 1)))
    {
      run_migrations (task);
      return;
    }

  self->probe_first_pid = atoi (PQgetvalue (pg_result, 0, 0));
  self->probe = new_connection (self, self->config->database);
  fd_connection_open_async (self->probe, g_task_get_cancellable (task), probe_open_cb, task);
}

static void
check_pooling (GTask *task)
{
  FdDatabase *self = g_task_get_source_object (task);

  fd_connection_query_async (self->connection,
                             "SELECT pg_backend_pid(), "
                             "host(inet_client_addr()) || ':' || inet_client_port()",
                             0, NULL, g_task_get_cancellable (task), first_backend_cb, task);
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

  if (self->embedded != NULL)
    run_migrations (task);
  else
    check_pooling (task);
}

static void
connect_to_database (GTask *task)
{
  FdDatabase *self = g_task_get_source_object (task);

  _fd_database_report_progress (self, _("Connecting to the database…"));
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
  _fd_database_set_phase (self, FD_DATABASE_PHASE_OPENING);

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

  _fd_database_report_progress (self, _("Starting the practice database…"));
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
