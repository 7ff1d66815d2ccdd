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
  self->tls_mode = g_strdup ("prefer");

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

  if (self->database[0] == '\0')
    {
      g_free (self->database);
      self->database = g_strdup ("frontdesk");
    }

  return self;
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
  copy->data_folder = g_strdup (self->data_folder);

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
  g_free (self->data_folder);
  g_free (self);
}

gboolean
fd_server_config_is_embedded (const FdServerConfig *self)
{
  g_return_val_if_fail (self != NULL, TRUE);

  return self->host == NULL || self->host[0] == '\0';
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
