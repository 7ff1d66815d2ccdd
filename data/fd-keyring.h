/* fd-keyring.h: a workstation's database password in the desktop's keyring (the Secret
 * Service, or the Secret portal inside Flatpak), through libsecret.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "fd-types.h"

G_BEGIN_DECLS

#define FD_KEYRING_ERROR (fd_keyring_error_quark ())

typedef enum
{
  FD_KEYRING_ERROR_UNAVAILABLE,  /* no keyring on this desktop, or it did not answer */
  FD_KEYRING_ERROR_LOCKED,       /* the keyring holds the password but is locked */
} FdKeyringError;

GQuark    fd_keyring_error_quark   (void);

void      fd_keyring_lookup_async  (const FdServerConfig  *config,
                                    GCancellable          *cancellable,
                                    GAsyncReadyCallback    callback,
                                    gpointer               user_data);
char     *fd_keyring_lookup_finish (GAsyncResult          *result,
                                    GError               **error);
void      fd_keyring_store_async   (const FdServerConfig  *config,
                                    const char            *password,
                                    GCancellable          *cancellable,
                                    GAsyncReadyCallback    callback,
                                    gpointer               user_data);
gboolean  fd_keyring_store_finish  (GAsyncResult          *result,
                                    GError               **error);
void      fd_keyring_forget_async  (GCancellable          *cancellable,
                                    GAsyncReadyCallback    callback,
                                    gpointer               user_data);
gboolean  fd_keyring_forget_finish (GAsyncResult          *result,
                                    GError               **error);

G_END_DECLS
