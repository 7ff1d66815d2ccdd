/* fd-server-config.c: which database server a workstation uses.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>
#include <string.h>

#include "fd-server-config.h"

G_DEFINE_BOXED_TYPE (FdServerConfig, fd_server_config,
                     fd_server_config_copy, fd_server_config_free)

/**
 * fd_server_config_new:
 *
 * Returns: (transfer full): the embedded server with the default database
 */
FdServerConfig *
fd_server_config_new (void)
{
  FdServerConfig *self = g_new0 (FdServerConfig, 1);

  self->host = g_strdup ("");
  self->port = 5432;
  self->database = g_strdup ("frontdesk");
  self->user = g_strdup ("");
  self->tls_mode = g_strdup ("automatic");
  self->ca_file = g_strdup ("");
  self->workstation = g_strdup (g_get_host_name ());

  return self;
}

/**
 * fd_server_config_new_from_settings:
 * @settings: a GSettings of the org.frontdesk.Frontdesk schema
 */
FdServerConfig *
fd_server_config_new_from_settings (GSettings *settings)
{
  FdServerConfig *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_new0 (FdServerConfig, 1);
  self->host = g_strstrip (g_settings_get_string (settings, "server-host"));
  self->port = g_settings_get_uint (settings, "server-port");
  self->database = g_strstrip (g_settings_get_string (settings, "server-database"));
  self->user = g_strstrip (g_settings_get_string (settings, "server-user"));
  self->tls_mode = g_settings_get_string (settings, "server-tls-mode");
  self->ca_file = g_strstrip (g_settings_get_string (settings, "server-ca-file"));
  self->workstation = g_strstrip (g_settings_get_string (settings, "workstation-name"));
  if (self->workstation[0] == '\0')
    {
      g_free (self->workstation);
      self->workstation = g_strdup (g_get_host_name ());
    }

  if (self->database[0] == '\0')
    {
      g_free (self->database);
      self->database = g_strdup ("frontdesk");
    }

  return self;
}

/**
 * fd_server_config_new_for_workstation:
 *
 * Returns: (transfer full): the server in this workstation's settings, or the built-in one
 *   where the settings schema is not installed (a command-line tool run from a build)
 */
FdServerConfig *
fd_server_config_new_for_workstation (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, "org.frontdesk.Frontdesk", TRUE);
  if (schema == NULL)
    return fd_server_config_new ();

  settings = g_settings_new_full (schema, NULL, NULL);
  return fd_server_config_new_from_settings (settings);
}

static gboolean
is_blank (const char *text)
{
  for (; *text != '\0'; text++)
    {
      if (!g_ascii_isspace (*text))
        return FALSE;
    }
  return TRUE;
}

static void
replace_string (char       **field,
                const char  *value)
{
  g_free (*field);
  *field = g_strstrip (g_strdup (value));
}

/**
 * fd_server_config_override:
 * @port: the port, or 0 to keep it
 * @changed: (out) (optional): whether any value was given
 *
 * Applies what a command line said; %NULL strings keep the current value.
 */
gboolean
fd_server_config_override (FdServerConfig  *self,
                           const char      *host,
                           int              port,
                           const char      *database,
                           const char      *user,
                           const char      *data_folder,
                           gboolean        *changed,
                           GError         **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (changed != NULL)
    *changed = host != NULL || port != 0 || database != NULL || user != NULL ||
               data_folder != NULL;

  if (port < 0 || port > 65535)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("The port must be a number from 1 to 65535, not %d."), port);
      return FALSE;
    }
  if (database != NULL && is_blank (database))
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("The database name must not be empty."));
      return FALSE;
    }

  if (host != NULL)
    replace_string (&self->host, host);
  if (port != 0)
    self->port = (guint) port;
  if (database != NULL)
    replace_string (&self->database, database);
  if (user != NULL)
    replace_string (&self->user, user);
  if (data_folder != NULL)
    {
      g_free (self->data_folder);
      self->data_folder = g_canonicalize_filename (data_folder, NULL);
    }

  return TRUE;
}

FdServerConfig *
fd_server_config_copy (const FdServerConfig *self)
{
  FdServerConfig *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (FdServerConfig, 1);
  copy->host = g_strdup (self->host);
  copy->port = self->port;
  copy->database = g_strdup (self->database);
  copy->user = g_strdup (self->user);
  copy->password = g_strdup (self->password);
  copy->tls_mode = g_strdup (self->tls_mode);
  copy->ca_file = g_strdup (self->ca_file);
  copy->data_folder = g_strdup (self->data_folder);
  copy->workstation = g_strdup (self->workstation);

  return copy;
}

void
fd_server_config_free (FdServerConfig *self)
{
  if (self == NULL)
    return;

  g_free (self->host);
  g_free (self->database);
  g_free (self->user);
  if (self->password != NULL)
    memset (self->password, 0, strlen (self->password));
  g_free (self->password);
  g_free (self->tls_mode);
  g_free (self->ca_file);
  g_free (self->data_folder);
  g_free (self->workstation);
  g_free (self);
}

gboolean
fd_server_config_is_embedded (const FdServerConfig *self)
{
  g_return_val_if_fail (self != NULL, TRUE);

  return self->host == NULL || self->host[0] == '\0';
}

static gboolean
parse_port (const char *text,
            guint      *port)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 1, 65535, &value, NULL))
    return FALSE;
  *port = (guint) value;
  return TRUE;
}

/**
 * fd_server_config_parse_hosts:
 * @text: one host or several separated by commas, each optionally with ":port"
 *   (an IPv6 address in brackets when it has a port: "[fd00::5]:5433")
 * @default_port: the port of a host that names none
 * @hosts: (out) (optional): libpq's `host` value, the hosts separated by commas
 * @ports: (out) (optional): libpq's `port` value, one port for each host
 *
 * Reads the server list a person types in Preferences (or gives on a command line) into
 * libpq's multi-host form, which tries the hosts in turn (with `target_session_attrs`, until
 * one accepts writes).
 *
 * Returns: %FALSE with a sentence in @error when an entry is empty or a port is wrong
 */
gboolean
fd_server_config_parse_hosts (const char  *text,
                              guint        default_port,
                              char       **hosts,
                              char       **ports,
                              GError     **error)
{
  g_auto(GStrv) entries = NULL;
  g_autoptr(GString) host_list = g_string_new (NULL);
  g_autoptr(GString) port_list = g_string_new (NULL);

  g_return_val_if_fail (text != NULL, FALSE);

  entries = g_strsplit (text, ",", -1);
  for (guint i = 0; entries[i] != NULL; i++)
    {
      char *entry = g_strstrip (entries[i]);
      const char *colon = strrchr (entry, ':');
      g_autofree char *host = NULL;
      guint port = default_port;

      if (entry[0] == '[' && strchr (entry, ']') != NULL)
        {
          /* [IPv6]:port or [IPv6] */
          const char *close = strchr (entry, ']');

          host = g_strndup (entry + 1, (gsize) (close - entry - 1));
          colon = close[1] == ':' ? close + 1 : NULL;
          if (close[1] != '\0' && colon == NULL)
            host[0] = '\0';
        }
      else if (colon != NULL && strchr (entry, ':') == colon && entry[0] != '/')
        host = g_strndup (entry, (gsize) (colon - entry));
      else
        {
          /* No port, a bare IPv6 address, or a socket folder. */
          host = g_strdup (entry);
          colon = NULL;
        }

      g_strstrip (host);
      if (host[0] == '\0' || strpbrk (host, " \t") != NULL)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("“%s” is not a server name. Separate several servers with commas, "
                         "for example “db1.office.lan, db2.office.lan”."), entry);
          return FALSE;
        }
      if (colon != NULL && !parse_port (colon + 1, &port))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("The port of “%s” must be a number from 1 to 65535."), entry);
          return FALSE;
        }

      g_string_append_printf (host_list, "%s%s", i > 0 ? "," : "", host);
      g_string_append_printf (port_list, "%s%u", i > 0 ? "," : "", port);
    }

  if (hosts != NULL)
    *hosts = g_string_free (g_steal_pointer (&host_list), FALSE);
  if (ports != NULL)
    *ports = g_string_free (g_steal_pointer (&port_list), FALSE);
  return TRUE;
}

/**
 * fd_server_config_describe:
 *
 * Returns: (transfer full): the server as the status line names it
 */
char *
fd_server_config_describe (const FdServerConfig *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (fd_server_config_is_embedded (self))
    return g_strdup_printf (_("Built-in database “%s” on this computer"), self->database);

  return g_strdup_printf ("%s@%s:%u", self->database, self->host, self->port);
}

static gboolean
host_is_local (const char *host)
{
  return host[0] == '/' || host[0] == '@' ||
         g_ascii_strcasecmp (host, "localhost") == 0 ||
         g_str_has_prefix (host, "127.") || g_strcmp0 (host, "::1") == 0;
}

/**
 * fd_server_config_get_sslmode:
 *
 * The "automatic" encryption setting requires TLS for a server on another computer (a
 * network between them), and takes it when offered on this one (a Unix socket or the
 * loopback address, where libpq's "prefer" is the safe default).
 *
 * Returns: libpq's sslmode for the connection
 */
const char *
fd_server_config_get_sslmode (const FdServerConfig *self)
{
  g_auto(GStrv) hosts = NULL;

  g_return_val_if_fail (self != NULL, "require");

  if (self->tls_mode != NULL && self->tls_mode[0] != '\0' &&
      g_strcmp0 (self->tls_mode, "automatic") != 0)
    return self->tls_mode;

  hosts = g_strsplit (self->host != NULL ? self->host : "", ",", -1);
  for (guint i = 0; hosts[i] != NULL; i++)
    {
      char *host = g_strstrip (hosts[i]);
      char *colon = strrchr (host, ':');

      /* "db1:5433" → "db1"; "[::1]:5433" → "::1"; a bare IPv6 address keeps its colons. */
      if (host[0] == '[')
        {
          char *close = strchr (host, ']');

          if (close != NULL)
            *close = '\0';
          host++;
        }
      else if (colon != NULL && strchr (host, ':') == colon)
        *colon = '\0';

      if (host[0] != '\0' && !host_is_local (host))
        return "require";
    }

  return "prefer";
}
