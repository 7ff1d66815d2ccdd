/* fd-window-keyring.c: the main window's password in the keyring: kept after a sign-in with
 * Remember password ticked, read at the next start so that the desk signs in by itself.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The keyring is asked only when this workstation kept a password there (the
 * password-in-keyring setting), and only when the server wants one. Every call is
 * asynchronous: the sign-in page stays usable while the keyring answers, and a locked or
 * absent keyring is a sentence above the password prompt.
 */
#include <glib/gi18n.h>
#include <string.h>

#include "fd-keyring.h"
#include "fd-window-private.h"

static void
clear_password (FdWindow *self)
{
  if (self->password_to_remember != NULL)
    memset (self->password_to_remember, 0, strlen (self->password_to_remember));
  g_clear_pointer (&self->password_to_remember, g_free);
}

/* The sentence stays under the server's own until the desk has signed in. */
static void
show_notice (FdWindow   *self,
             const char *notice)
{
  const GError *error = self->database != NULL ? fd_database_get_error (self->database) : NULL;
  g_autofree char *description = NULL;

  g_free (self->keyring_notice);
  self->keyring_notice = g_strdup (notice);
  if (notice == NULL)
    return;

  description = g_strdup_printf ("%s\n\n%s", error != NULL ? error->message : "", notice);
  adw_status_page_set_description (self->failed_page, g_strstrip (description));
}

static void
looked_up_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(FdWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *password = fd_keyring_lookup_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->keyring_cancellable);

  if (error != NULL)
    {
      show_notice (self, error->message);
      return;
    }
  if (password == NULL)
    {
      show_notice (self, _("No password is kept in the keyring for this login; type it to "
                           "sign in."));
      return;
    }

  gtk_widget_activate_action (GTK_WIDGET (self), "app.sign-in", "s", password);
  memset (password, 0, strlen (password));
}

/**
 * _fd_window_keyring_sign_in_failed:
 * @error: why the database did not open
 *
 * The server wants a password: the keyring's, when this workstation kept one.
 */
void
_fd_window_keyring_sign_in_failed (FdWindow     *self,
                                   const GError *error)
{
  gboolean kept = g_settings_get_boolean (self->settings, "password-in-keyring");

  clear_password (self);
  if (self->keyring_notice != NULL)
    show_notice (self, self->keyring_notice);
  if (!g_error_matches (error, FD_DB_ERROR, FD_DB_ERROR_PASSWORD_REQUIRED))
    return;

  /* Once for each failure: a later update of the page keeps what the person ticked. */
  if (self->keyring_tried)
    return;
  self->keyring_tried = TRUE;
  gtk_check_button_set_active (self->remember_check, kept);
  if (!kept || self->database == NULL || self->keyring_suppressed)
    return;

  g_cancellable_cancel (self->keyring_cancellable);
  g_clear_object (&self->keyring_cancellable);
  self->keyring_cancellable = g_cancellable_new ();
  fd_keyring_lookup_async (fd_database_get_config (self->database), self->keyring_cancellable,
                           looked_up_cb, g_object_ref (self));
}

/* Another try starts: the next failure may read the keyring again (it may be unlocked). */
void
_fd_window_keyring_opening (FdWindow *self)
{
  self->keyring_tried = FALSE;
  g_clear_pointer (&self->keyring_notice, g_free);
}

static void
stored_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(FdWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!fd_keyring_store_finish (result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        fd_window_show_toast (self, error->message);
      return;
    }

  g_settings_set_boolean (self->settings, "password-in-keyring", TRUE);
  fd_window_show_toast (self, _("The password is kept in the keyring; Frontdesk signs in by "
                                "itself at the next start."));
}

/* Signed in: the password that worked goes to the keyring, if asked. */
void
_fd_window_keyring_ready (FdWindow *self)
{
  g_clear_pointer (&self->keyring_notice, g_free);
  self->keyring_suppressed = FALSE;
  if (self->password_to_remember == NULL || self->database == NULL)
    return;

  fd_keyring_store_async (fd_database_get_config (self->database), self->password_to_remember,
                          NULL, stored_cb, g_object_ref (self));
  clear_password (self);
}

/**
 * _fd_window_keyring_remember:
 * @password: (nullable): what was typed at the sign-in, or %NULL when Remember is off
 */
void
_fd_window_keyring_remember (FdWindow   *self,
                             const char *password)
{
  clear_password (self);
  self->password_to_remember = g_strdup (password);
}

void
_fd_window_keyring_dispose (FdWindow *self)
{
  g_cancellable_cancel (self->keyring_cancellable);
  g_clear_object (&self->keyring_cancellable);
  g_clear_pointer (&self->keyring_notice, g_free);
  clear_password (self);
}
