/* frontdesk-admin-connect.c: which server frontdesk-admin talks to, opening it as far as a
 * command needs, and the two commands about the database itself: status and migrate.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * As psql does, it passes libpq only what the command line gave, so PGHOST, PGPORT,
 * PGDATABASE, PGUSER, PGPASSWORD, PGSERVICE, PGSSLMODE, PGTARGETSESSIONATTRS and
 * ~/.pgpass mean what they mean to psql. -h takes several hosts (a,b), -p a port for each,
 * -d a connection string ("host=a,b target_session_attrs=read-write" or a postgresql:// URI).
 * With no server named anywhere, it uses the one in this computer's Frontdesk preferences,
 * and without one there, the built-in database.
 *
 * Only migrate changes the database's layout: status reads it, and every other command
 * needs a database of the layout this program writes.
 */
#include <glib/gi18n.h>
#include <string.h>
#include <unistd.h>

#include "fd-admin-output.h"
#include "fd-migrations.h"
#include "fd-server-config.h"
#include "frontdesk-admin.h"

#define DEFAULT_DATABASE "frontdesk"

/* libpq keywords and values, each keyword once: a later value replaces an earlier one. */
typedef struct
{
  GPtrArray *keywords;
  GPtrArray *values;
} Params;

static void
params_init (Params *params)
{
  params->keywords = g_ptr_array_new_with_free_func (g_free);
  params->values = g_ptr_array_new_with_free_func (g_free);
}

static void
params_clear (Params *params)
{
  g_clear_pointer (&params->keywords, g_ptr_array_unref);
  g_clear_pointer (&params->values, g_ptr_array_unref);
}

static const char *
params_get (const Params *params,
            const char   *keyword)
{
  for (guint i = 0; i < params->keywords->len; i++)
    if (g_str_equal (g_ptr_array_index (params->keywords, i), keyword))
      return g_ptr_array_index (params->values, i);
  return NULL;
}

static void
params_set (Params     *params,
            const char *keyword,
            const char *value)
{
  for (guint i = 0; i < params->keywords->len; i++)
    if (g_str_equal (g_ptr_array_index (params->keywords, i), keyword))
      {
        g_free (params->values->pdata[i]);
        params->values->pdata[i] = g_strdup (value);
        return;
      }
  g_ptr_array_add (params->keywords, g_strdup (keyword));
  g_ptr_array_add (params->values, g_strdup (value));
}

/* Whether libpq will take @keyword from the command line, the connection string or its
 * environment variable: then nothing is filled in for it. */
static gboolean
params_given (const Params *params,
              const char   *keyword,
              const char   *variable)
{
  return params_get (params, keyword) != NULL || g_getenv (variable) != NULL;
}

static gboolean
is_connection_string (const char *text)
{
  return strchr (text, '=') != NULL || g_str_has_prefix (text, "postgresql://") ||
         g_str_has_prefix (text, "postgres://");
}

static gboolean
check_ports (const char  *ports,
             GError     **error)
{
  g_auto(GStrv) each = g_strsplit (ports, ",", -1);

  for (guint i = 0; each[i] != NULL; i++)
    {
      guint64 port;

      if (!g_ascii_string_to_unsigned (each[i], 10, 1, 65535, &port, NULL))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("The port must be a number from 1 to 65535, not “%s”."), each[i]);
          return FALSE;
        }
    }
  return TRUE;
}

/* What the command line says, over the connection string in -d; FALSE on bad usage. */
static gboolean
params_from_target (Params             *params,
                    const AdminTarget  *target,
                    GError            **error)
{
  if (target->dbname != NULL && is_connection_string (target->dbname))
    {
      char *message = NULL;
      PQconninfoOption *options = PQconninfoParse (target->dbname, &message);

      if (options == NULL)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("-d “%s” is not a connection string libpq understands: %s"),
                       target->dbname, message != NULL ? g_strstrip (message) : "");
          PQfreemem (message);
          return FALSE;
        }
      for (PQconninfoOption *option = options; option->keyword != NULL; option++)
        if (option->val != NULL)
          params_set (params, option->keyword, option->val);
      PQconninfoFree (options);
    }
  else if (target->dbname != NULL)
    {
      g_autofree char *name = g_strstrip (g_strdup (target->dbname));

      if (name[0] == '\0')
        {
          g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                               _("The database name must not be empty."));
          return FALSE;
        }
      params_set (params, "dbname", target->dbname);
    }

  if (target->port != NULL && !check_ports (target->port, error))
    return FALSE;
  if (target->host != NULL && target->host[0] != '\0')
    params_set (params, "host", target->host);
  if (target->port != NULL)
    params_set (params, "port", target->port);
  if (target->user != NULL)
    params_set (params, "user", target->user);
  return TRUE;
}

/* Whether the command line, the connection string or libpq's environment names a server. */
static gboolean
names_a_server (const Params *params)
{
  return params_given (params, "host", "PGHOST") ||
         params_given (params, "hostaddr", "PGHOSTADDR") ||
         params_given (params, "service", "PGSERVICE");
}

/* A server from this computer's Frontdesk preferences; what libpq is told otherwise wins. */
static void
params_from_preferences (Params               *params,
                         const FdServerConfig *config)
{
  g_autofree char *port = g_strdup_printf ("%u", config->port);

  params_set (params, "host", config->host);
  if (!params_given (params, "port", "PGPORT"))
    params_set (params, "port", port);
  if (!params_given (params, "dbname", "PGDATABASE"))
    params_set (params, "dbname", config->database);
  if (!params_given (params, "user", "PGUSER") && config->user[0] != '\0')
    params_set (params, "user", config->user);
  if (!params_given (params, "sslmode", "PGSSLMODE"))
    params_set (params, "sslmode", fd_server_config_get_sslmode (config));
  if (!params_given (params, "sslrootcert", "PGSSLROOTCERT") && config->ca_file != NULL &&
      config->ca_file[0] != '\0')
    params_set (params, "sslrootcert", config->ca_file);
}

static gboolean
start_embedded (Admin              *admin,
                const AdminTarget  *target,
                GError            **error)
{
  g_autofree char *folder = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  folder = target->data_folder != NULL ? g_canonicalize_filename (target->data_folder, NULL)
                                       : fd_embedded_server_dup_default_folder ();
  admin->embedded = fd_embedded_server_new (folder);
  fd_embedded_server_start_async (admin->embedded, NULL, store_result_cb, &result);
  return fd_embedded_server_start_finish (admin->embedded, wait_for (&result), error);
}

static gboolean
connect_with (Admin         *admin,
              const Params  *params,
              const char    *password,
              GError       **error)
{
  g_autoptr(GPtrArray) keywords = g_ptr_array_new ();
  g_autoptr(GPtrArray) values = g_ptr_array_new ();
  g_autoptr(GAsyncResult) result = NULL;

  for (guint i = 0; i < params->keywords->len; i++)
    {
      g_ptr_array_add (keywords, g_ptr_array_index (params->keywords, i));
      g_ptr_array_add (values, g_ptr_array_index (params->values, i));
    }
  if (password != NULL)
    {
      g_ptr_array_add (keywords, (gpointer) "password");
      g_ptr_array_add (values, (gpointer) password);
    }
  g_ptr_array_add (keywords, NULL);
  g_ptr_array_add (values, NULL);

  g_clear_object (&admin->connection);
  admin->connection = fd_connection_new ((const char * const *) keywords->pdata,
                                         (const char * const *) values->pdata);
  fd_connection_open_async (admin->connection, NULL, store_result_cb, &result);
  return fd_connection_open_finish (admin->connection, wait_for (&result), error);
}

/* Connects, asking for the password on a terminal when the server wants one. */
static gboolean
connect_asking (Admin              *admin,
                const AdminTarget  *target,
                const Params       *params,
                GError            **error)
{
  g_autofree char *password = NULL;
  g_autofree char *prompt = NULL;
  const char *user;

  if (connect_with (admin, params, NULL, error))
    return TRUE;
  if (!g_error_matches (*error, FD_DB_ERROR, FD_DB_ERROR_PASSWORD_REQUIRED) ||
      target->no_password || !isatty (STDIN_FILENO))
    return FALSE;

  user = params_get (params, "user");
  if (user == NULL)
    user = g_getenv ("PGUSER") != NULL ? g_getenv ("PGUSER") : g_get_user_name ();
  prompt = g_strdup_printf (_("Password for %s: "), user);
  password = read_password (prompt);
  g_clear_error (error);
  return connect_with (admin, params, password, error);
}

/* migrate on a new built-in database: the server makes it, as the program does. */
static gboolean
create_builtin_database (Admin         *admin,
                         Params        *params,
                         GError       **error)
{
  g_autoptr(PGresult) statement = NULL;
  g_autoptr(PGresult) created = NULL;
  const char *names[] = { admin->dbname };

  params_set (params, "dbname", "postgres");
  if (!connect_with (admin, params, NULL, error))
    return FALSE;
  /* CREATE DATABASE takes no parameters; let the server quote the name. */
  statement = run_query (admin, "SELECT format('CREATE DATABASE %I', $1::text)", 1, names, error);
  if (statement == NULL)
    return FALSE;
  created = run_query (admin, PQgetvalue (statement, 0, 0), 0, NULL, error);
  if (created == NULL)
    return FALSE;
  admin->created = TRUE;
  params_set (params, "dbname", admin->dbname);
  return connect_with (admin, params, NULL, error);
}

static gboolean
read_layout (Admin   *admin,
             GError **error)
{
  g_autoptr(PGresult) exists = NULL;
  g_autoptr(PGresult) version = NULL;

  exists = run_query (admin, "SELECT to_regclass('frontdesk.schema_version') IS NOT NULL", 0,
                      NULL, error);
  if (exists == NULL)
    return FALSE;
  admin->layout = 0;
  if (!g_str_equal (PQgetvalue (exists, 0, 0), "t"))
    return TRUE;

  version = run_query (admin, "SELECT coalesce(max(version), 0) FROM frontdesk.schema_version",
                       0, NULL, error);
  if (version == NULL)
    return FALSE;
  admin->layout = (guint) g_ascii_strtoull (PQgetvalue (version, 0, 0), NULL, 10);
  return TRUE;
}

/* Every command but status and migrate works on a database of this program's layout. */
static gboolean
check_layout (Admin   *admin,
              GError **error)
{
  guint latest = fd_migrations_get_latest_version ();

  if (admin->layout > latest)
    {
      g_set_error (error, FD_DB_ERROR, FD_DB_ERROR_SCHEMA_TOO_NEW,
                   _("This database was updated by a newer version of Frontdesk (database "
                     "layout %u; this program knows up to %u). Install the newer Frontdesk on "
                     "this computer."), admin->layout, latest);
      return FALSE;
    }
  if (admin->layout < latest)
    {
      g_set_error (error, FD_DB_ERROR, FD_DB_ERROR_SCHEMA_TOO_NEW,
                   _("This database has layout %u; this program works with layout %u. Run "
                     "“frontdesk-admin migrate” to bring it up to date (or start Frontdesk), "
                     "then try again."), admin->layout, latest);
      return FALSE;
    }
  return TRUE;
}

static gboolean
open_session (Admin              *admin,
              const AdminTarget  *target,
              GError            **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  fd_session_open_async (admin->connection, target->workstation, NULL, store_result_cb,
                         &result);
  admin->session = fd_session_open_finish (wait_for (&result), error);
  return admin->session != NULL;
}

static gboolean
open_database (Admin              *admin,
               const AdminTarget  *target,
               AdminOpen           how,
               Params             *params,
               GError            **error)
{
  g_autoptr(FdServerConfig) preferences = fd_server_config_new_for_workstation ();
  gboolean builtin;

  /* The built-in database, asked for by name, wins over whatever the environment says. */
  if (target->data_folder != NULL &&
      (params_get (params, "host") != NULL || params_get (params, "hostaddr") != NULL ||
       params_get (params, "service") != NULL))
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("--data-folder is the built-in database's folder; it does not go "
                             "with a database server (-h, or a host or service in -d)."));
      return FALSE;
    }
  /* As psql names itself to the server, unless PGAPPNAME says otherwise. */
  if (params_get (params, "application_name") == NULL)
    params_set (params, "application_name",
                g_getenv ("PGAPPNAME") != NULL ? g_getenv ("PGAPPNAME") : "frontdesk-admin");

  builtin = target->data_folder != NULL ||
            (target->host != NULL && target->host[0] == '\0') ||
            (!names_a_server (params) && fd_server_config_is_embedded (preferences));

  if (!builtin)
    {
      if (!names_a_server (params))
        params_from_preferences (params, preferences);
      else if (!params_given (params, "dbname", "PGDATABASE") &&
               !params_given (params, "service", "PGSERVICE"))
        params_set (params, "dbname", DEFAULT_DATABASE);
      return connect_asking (admin, target, params, error);
    }

  if (!start_embedded (admin, target, error))
    return FALSE;
  /* Its own socket, whatever PGHOST says; the folder's owner unless a login is named. */
  params_set (params, "host", fd_embedded_server_get_socket_dir (admin->embedded));
  params_set (params, "port", "5432");
  if (!params_given (params, "user", "PGUSER"))
    params_set (params, "user", fd_embedded_server_get_user (admin->embedded));
  if (!params_given (params, "dbname", "PGDATABASE"))
    params_set (params, "dbname", DEFAULT_DATABASE);
  admin->dbname = g_strdup (params_get (params, "dbname") != NULL ? params_get (params, "dbname")
                                                                  : g_getenv ("PGDATABASE"));

  if (connect_asking (admin, target, params, error))
    return TRUE;
  if (!g_error_matches (*error, FD_DB_ERROR, FD_DB_ERROR_DATABASE_MISSING))
    return FALSE;
  g_clear_error (error);
  if (how == ADMIN_OPEN_MIGRATE)
    return create_builtin_database (admin, params, error);
  g_set_error (error, FD_DB_ERROR, FD_DB_ERROR_DATABASE_MISSING,
               _("The built-in database “%s” in %s is not set up yet. Run “frontdesk-admin "
                 "migrate” to create it (or start Frontdesk)."), admin->dbname,
               fd_embedded_server_get_folder (admin->embedded));
  return FALSE;
}

/**
 * admin_open:
 *
 * Opens what @target names as far as @how needs it.
 *
 * Returns: %EXIT_OK, or the exit status of the failure it reported
 */
int
admin_open (Admin             *admin,
            const AdminTarget *target,
            AdminOpen          how)
{
  g_autoptr(GError) error = NULL;
  Params params;
  gboolean usage;
  gboolean opened;

  params_init (&params);
  usage = !params_from_target (&params, target, &error);
  opened = !usage && open_database (admin, target, how, &params, &error) &&
           read_layout (admin, &error) &&
           (how != ADMIN_OPEN_SESSION || (check_layout (admin, &error) &&
                                          open_session (admin, target, &error)));
  params_clear (&params);

  if (opened)
    return EXIT_OK;
  if (usage || error->domain == G_OPTION_ERROR)
    return usage_error (error->message);
  return fail (error);
}

/**
 * admin_close:
 *
 * Ends the session, disconnects, and stops the built-in server unless a Frontdesk window
 * still uses it.
 */
void
admin_close (Admin *admin)
{
  if (admin->session != NULL)
    fd_session_close (admin->session);
  g_clear_object (&admin->session);
  if (admin->connection != NULL)
    fd_connection_close (admin->connection);
  g_clear_object (&admin->connection);
  if (admin->embedded != NULL)
    fd_embedded_server_release (admin->embedded);
  g_clear_object (&admin->embedded);
  g_clear_pointer (&admin->dbname, g_free);
}

/* status ---------------------------------------------------------------------------------- */

/* Who is signed in, by the server's words; %NULL before the layout that has them. */
static PGresult *
query_person (Admin *admin)
{
  g_autoptr(GError) error = NULL;
  PGresult *result;

  if (admin->layout == 0)
    return NULL;
  result = run_query (admin, "SELECT (SELECT name FROM frontdesk.practice LIMIT 1) AS practice, "
                             "frontdesk.display_name_of(session_user) AS name, "
                             "frontdesk.is_admin() AS is_admin, "
                             "pg_has_role(session_user, 'frontdesk_staff', 'MEMBER') AS is_staff",
                      0, NULL, &error);
  if (result == NULL)
    g_debug ("Cannot tell who is signed in: %s", error->message);
  return result;
}

static const char *
role_of (const PGresult *person)
{
  if (person == NULL)
    return NULL;
  if (g_str_equal (PQgetvalue (person, 0, 2), "t"))
    return "administrator";
  if (g_str_equal (PQgetvalue (person, 0, 3), "t"))
    return "staff";
  return "none";
}

static char *
describe_where (Admin          *admin,
                const PGresult *server)
{
  const char *database = PQgetvalue (server, 0, 0);

  if (admin->embedded != NULL)
    /* Translators: a database name and the folder it is kept in */
    return g_strdup_printf (_("Built-in database “%s” in %s"), database,
                            fd_embedded_server_get_folder (admin->embedded));
  if (PQgetisnull (server, 0, 1))
    /* Translators: a database name, on a server reached through a local socket */
    return g_strdup_printf (_("“%s” on this computer’s server (port %s)"), database,
                            PQgetvalue (server, 0, 2));
  /* Translators: a database name, the server's address and port */
  return g_strdup_printf (_("“%s” at %s:%s"), database, PQgetvalue (server, 0, 1),
                          PQgetvalue (server, 0, 2));
}

static void
print_status_json (Admin          *admin,
                   const PGresult *server,
                   const PGresult *person)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  guint latest = fd_migrations_get_latest_version ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "practice");
  if (person != NULL && !PQgetisnull (person, 0, 0))
    json_builder_add_string_value (builder, PQgetvalue (person, 0, 0));
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "database");
  json_builder_add_string_value (builder, PQgetvalue (server, 0, 0));
  json_builder_set_member_name (builder, "built_in");
  json_builder_add_boolean_value (builder, admin->embedded != NULL);
  json_builder_set_member_name (builder, "server_address");
  if (PQgetisnull (server, 0, 1))
    json_builder_add_null_value (builder);
  else
    json_builder_add_string_value (builder, PQgetvalue (server, 0, 1));
  json_builder_set_member_name (builder, "server_port");
  json_builder_add_int_value (builder, g_ascii_strtoll (PQgetvalue (server, 0, 2), NULL, 10));
  json_builder_set_member_name (builder, "server_version");
  json_builder_add_string_value (builder, PQgetvalue (server, 0, 3));
  json_builder_set_member_name (builder, "read_only");
  json_builder_add_boolean_value (builder, g_str_equal (PQgetvalue (server, 0, 5), "t"));
  json_builder_set_member_name (builder, "layout");
  json_builder_add_int_value (builder, admin->layout);
  json_builder_set_member_name (builder, "layout_of_this_program");
  json_builder_add_int_value (builder, latest);
  json_builder_set_member_name (builder, "login");
  json_builder_add_string_value (builder, PQgetvalue (server, 0, 4));
  json_builder_set_member_name (builder, "name");
  if (person != NULL)
    json_builder_add_string_value (builder, PQgetvalue (person, 0, 1));
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "role");
  if (role_of (person) != NULL)
    json_builder_add_string_value (builder, role_of (person));
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
  fd_admin_print_json (json_builder_get_root (builder));
}

static void
print_layout (guint layout)
{
  guint latest = fd_migrations_get_latest_version ();

  if (layout == latest)
    g_print ("%-18s %u\n", _("Database layout:"), layout);
  else if (layout == 0)
    g_print ("%-18s %s\n", _("Database layout:"),
             _("none yet: run “frontdesk-admin migrate” to set this database up"));
  else if (layout < latest)
    g_print (_("%-18s %u, older than this program’s %u: run “frontdesk-admin migrate”\n"),
             _("Database layout:"), layout, latest);
  else
    g_print (_("%-18s %u, newer than this program’s %u: install the newer Frontdesk\n"),
             _("Database layout:"), layout, latest);
}

static const char *
role_text (const char *role)
{
  if (g_strcmp0 (role, "administrator") == 0)
    return _("administrator");
  if (g_strcmp0 (role, "staff") == 0)
    return _("staff");
  return _("not on the practice’s staff");
}

/* Reads; never writes, not even a session row. */
int
status_command (Admin  *admin,
                char  **args)
{
  g_autoptr(PGresult) server = NULL;
  g_autoptr(PGresult) person = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *where = NULL;

  if (g_strv_length (args) != 0)
    return usage_error (_("status takes no arguments."));

  server = run_query (admin, "SELECT current_database(), host(inet_server_addr()), "
                             "current_setting('port'), "
                             "split_part(current_setting('server_version'), ' ', 1), "
                             "session_user, pg_is_in_recovery()", 0, NULL, &error);
  if (server == NULL)
    return fail (error);
  person = query_person (admin);

  if (admin_json)
    {
      print_status_json (admin, server, person);
      return EXIT_OK;
    }

  where = describe_where (admin, server);
  if (person != NULL && !PQgetisnull (person, 0, 0))
    g_print ("%-18s %s\n", _("Practice:"), PQgetvalue (person, 0, 0));
  g_print ("%-18s %s\n", _("Database:"), where);
  g_print ("%-18s %s%s\n", _("PostgreSQL:"), PQgetvalue (server, 0, 3),
           g_str_equal (PQgetvalue (server, 0, 5), "t") ? _(" (a standby: read-only)") : "");
  print_layout (admin->layout);
  if (person != NULL)
    g_print ("%-18s %s (%s)\n", _("Signed in as:"), PQgetvalue (person, 0, 1),
             role_text (role_of (person)));
  else
    g_print ("%-18s %s\n", _("Signed in as:"), PQgetvalue (server, 0, 4));
  return EXIT_OK;
}

/* migrate --------------------------------------------------------------------------------- */

int
migrate_command (Admin  *admin,
                 char  **args)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(PGresult) applied = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  const char *params[1];
  guint n_applied = 0;

  if (g_strv_length (args) != 0)
    return usage_error (_("migrate takes no arguments."));

  before = g_strdup_printf ("%u", admin->layout);
  fd_migrations_run_async (admin->connection, NULL, store_result_cb, &result);
  if (!fd_migrations_run_finish (wait_for (&result), &n_applied, &error))
    return fail (error);

  params[0] = before;
  applied = run_query (admin, "SELECT version, name, applied_at FROM frontdesk.schema_version "
                              "WHERE version > $1::integer ORDER BY version", 1, params, &error);
  if (applied == NULL)
    return fail (error);

  if (admin_json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "created_database");
      json_builder_add_boolean_value (builder, admin->created);
      json_builder_set_member_name (builder, "layout_before");
      json_builder_add_int_value (builder, admin->layout);
      json_builder_set_member_name (builder, "layout");
      json_builder_add_int_value (builder, fd_migrations_get_latest_version ());
      json_builder_set_member_name (builder, "applied");
      json_builder_add_value (builder, fd_admin_json_rows (applied, NULL, 0));
      json_builder_end_object (builder);
      fd_admin_print_json (json_builder_get_root (builder));
      return EXIT_OK;
    }

  if (admin->created)
    g_print (_("Created the database “%s”.\n"), admin->dbname);
  if (PQntuples (applied) == 0)
    {
      g_print (_("The database layout is up to date (%u); nothing to apply.\n"), admin->layout);
      return EXIT_OK;
    }
  for (int row = 0; row < PQntuples (applied); row++)
    /* Translators: a migration's name, like 0016-hostile-clients */
    g_print (_("Applied %s\n"), PQgetvalue (applied, row, 1));
  g_print (ngettext ("The database layout went from %u to %u: %d change applied.\n",
                     "The database layout went from %u to %u: %d changes applied.\n",
                     PQntuples (applied)),
           admin->layout, fd_migrations_get_latest_version (), PQntuples (applied));
  return EXIT_OK;
}
