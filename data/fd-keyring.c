/* fd-keyring.c: a workstation's database password in the desktop's keyring.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The password is kept under one libsecret schema whose attributes name the server, port,
 * database and login, so that two servers (or two logins) keep two passwords. Every call is
 * asynchronous. Reading never asks to unlock the keyring: a locked keyring is a sentence and
 * the password prompt, never a dialog the desk did not ask for, and no keyring on the bus
 * (a desktop without one) is the same sentence and the prompt.
 */
#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "fd-keyring.h"
#include "fd-server-config.h"

G_DEFINE_QUARK (fd-keyring-error-quark, fd_keyring_error)

static const SecretSchema *
get_schema (void)
{
  static const SecretSchema schema = {
    "org.frontdesk.Frontdesk.Password", SECRET_SCHEMA_NONE,
    {
      { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "port", SECRET_SCHEMA_ATTRIBUTE_INTEGER },
      { "database", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

static GHashTable *
new_attributes (const FdServerConfig *config)
{
  const char *user = config->user != NULL && config->user[0] != '\0'
                     ? config->user : g_get_user_name ();

  return secret_attributes_build (get_schema (),
                                  "server", config->host != NULL ? config->host : "",
                                  "port", (int) config->port,
                                  "database", config->database,
                                  "user", user,
                                  NULL);
}

/* Any failure but a cancel is a keyring that cannot be used now, said in words. */
static void
return_error (GTask  *task,
              GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, error);
      return;
    }

  g_debug ("The keyring did not answer: %s", error->message);
  g_task_return_new_error (task, FD_KEYRING_ERROR, FD_KEYRING_ERROR_UNAVAILABLE,
                           _("No keyring answered on this computer, so Frontdesk cannot "
                             "remember the password. Type it to sign in."));
  g_error_free (error);
}

/* Lookup --------------------------------------------------------------------------------- */

static void
search_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  GList *items = secret_service_search_finish (SECRET_SERVICE (object), result, &error);
  g_autoptr(SecretValue) value = NULL;

  if (error != NULL)
    {
      return_error (task, error);
      return;
    }

  if (items == NULL)
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }

  if (secret_item_get_locked (items->data))
    g_task_return_new_error (task, FD_KEYRING_ERROR, FD_KEYRING_ERROR_LOCKED,
                             _("The keyring is locked, so Frontdesk cannot read the saved "
                               "password. Type it to sign in, or unlock the keyring and "
                               "start Frontdesk again."));
  else if ((value = secret_item_get_secret (items->data)) != NULL)
    g_task_return_pointer (task, g_strdup (secret_value_get_text (value)), g_free);
  else
    g_task_return_pointer (task, NULL, NULL);

  g_list_free_full (items, g_object_unref);
}

static void
service_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  GError *error = NULL;
  g_autoptr(SecretService) service = secret_service_get_finish (result, &error);

  if (error != NULL)
    {
      return_error (task, error);
      g_object_unref (task);
      return;
    }

  /* Without SECRET_SEARCH_UNLOCK: a locked item comes back locked, and no prompt opens. */
  secret_service_search (service, get_schema (), g_task_get_task_data (task),
                         SECRET_SEARCH_LOAD_SECRETS, g_task_get_cancellable (task),
                         search_cb, task);
}

/**
 * fd_keyring_lookup_async:
 * @config: the server, database and login whose password is wanted
 *
 * Reads the password kept for @config, without asking to unlock the keyring.
 */
void
fd_keyring_lookup_async (const FdServerConfig *config,
                         GCancellable         *cancellable,
                         GAsyncReadyCallback   callback,
                         gpointer              user_data)
{
  GTask *task;

  g_return_if_fail (config != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, fd_keyring_lookup_async);
  g_task_set_task_data (task, new_attributes (config), (GDestroyNotify) g_hash_table_unref);
  secret_service_get (SECRET_SERVICE_NONE, cancellable, service_cb, task);
}

/**
 * fd_keyring_lookup_finish:
 *
 * Returns: (transfer full) (nullable): the password, or %NULL with no error when none is
 *   kept; %NULL with an %FD_KEYRING_ERROR sentence when the keyring is locked or absent
 */
char *
fd_keyring_lookup_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Store and forget ----------------------------------------------------------------------- */

typedef struct
{
  GHashTable  *attributes;
  char        *label;
  SecretValue *value;      /* NULL to forget */
} Change;

static void
change_free (Change *change)
{
  g_hash_table_unref (change->attributes);
  g_free (change->label);
  g_clear_pointer (&change->value, secret_value_unref);
  g_free (change);
}

static void
changed_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Change *change = g_task_get_task_data (task);
  GError *error = NULL;

  /* Clearing nothing is FALSE without an error: there was nothing to forget, as asked. */
  if (change->value != NULL)
    secret_service_store_finish (SECRET_SERVICE (object), result, &error);
  else
    secret_service_clear_finish (SECRET_SERVICE (object), result, &error);

  if (error != NULL)
    return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
change_service_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GTask *task = user_data;
  Change *change = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(SecretService) service = secret_service_get_finish (result, &error);

  if (error != NULL)
    {
      return_error (task, error);
      g_object_unref (task);
      return;
    }

  if (change->value != NULL)
    secret_service_store (service, get_schema (), change->attributes,
                          SECRET_COLLECTION_DEFAULT, change->label, change->value,
                          g_task_get_cancellable (task), changed_cb, task);
  else
    secret_service_clear (service, get_schema (), change->attributes,
                          g_task_get_cancellable (task), changed_cb, task);
}

/* Store, lookup and forget all speak to the Secret Service itself (never libsecret's file
 * backend), so that what one keeps the others find. */
static void
change_async (Change              *change,
              gpointer             source_tag,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, change, (GDestroyNotify) change_free);
  secret_service_get (SECRET_SERVICE_NONE, cancellable, change_service_cb, task);
}

/**
 * fd_keyring_store_async:
 * @config: the server, database and login the password is for
 * @password: the password that signed in
 *
 * Keeps @password in the default keyring, replacing one kept for the same login.
 */
void
fd_keyring_store_async (const FdServerConfig *config,
                        const char           *password,
                        GCancellable         *cancellable,
                        GAsyncReadyCallback   callback,
                        gpointer              user_data)
{
  g_autofree char *where = NULL;
  Change *change;

  g_return_if_fail (config != NULL);
  g_return_if_fail (password != NULL);

  change = g_new0 (Change, 1);
  change->attributes = new_attributes (config);
  where = fd_server_config_describe (config);
  /* Translators: the keyring's name for the item; %s is database@host:port */
  change->label = g_strdup_printf (_("Frontdesk password for %s"), where);
  change->value = secret_value_new (password, -1, "text/plain");
  change_async (change, fd_keyring_store_async, cancellable, callback, user_data);
}

gboolean
fd_keyring_store_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * fd_keyring_forget_async:
 *
 * Removes every password this workstation's Frontdesk kept, for every server and login.
 */
void
fd_keyring_forget_async (GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  Change *change = g_new0 (Change, 1);

  change->attributes = secret_attributes_build (get_schema (), NULL);
  change_async (change, fd_keyring_forget_async, cancellable, callback, user_data);
}

gboolean
fd_keyring_forget_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
