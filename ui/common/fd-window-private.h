/* fd-window-private.h: the main window's instance, shared by its parts: fd-window.c (life
 * cycle, pages, status line), fd-window-keyring.c (the password kept in the keyring) and
 * fd-window-sign-out.c (Sign Out, Switch User).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fd-window.h"

G_BEGIN_DECLS

struct _FdWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwWindowTitle       *window_title;
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  AdwStatusPage        *opening_page;
  GtkSpinner           *opening_spinner;
  AdwStatusPage        *failed_page;
  GtkPasswordEntry     *password_entry;
  GtkButton            *sign_in_button;
  GtkButton            *retry_button;
  GtkLabel             *user_label;
  GtkBox               *module_bar;
  GtkStack             *module_stack;
  GtkImage             *connection_icon;
  GtkLabel             *connection_label;
  GtkImage             *tls_icon;
  GtkLabel             *server_label;
  GtkLabel             *refresh_label;
  GtkRevealer          *maintenance_revealer;
  GtkLabel             *maintenance_label;
  GtkEntry             *user_entry;
  GtkPasswordEntry     *signed_out_password;
  GtkButton            *signed_out_button;

  /* Owned */
  FdDatabase           *database;
  GSignalGroup         *database_signals;
  GSignalGroup         *connection_signals;
  GSignalGroup         *maintenance_signals;
  GSettings            *settings;
  GHashTable           *module_buttons;  /* FdModule → its GtkToggleButton, both borrowed */

  /* Borrowed */
  GtkToggleButton      *first_module_button;
  AdwToast             *connection_toast;

  /* The keyring: the password typed with Remember ticked, kept until the sign-in succeeds */
  GtkCheckButton       *remember_check;
  char                 *password_to_remember;
  GCancellable         *keyring_cancellable;
  char                 *keyring_notice;
  gboolean              keyring_tried;
  gboolean              keyring_suppressed;  /* signed out: the next person types it */

  /* The person signed out (fd-window-sign-out.c); a new database signs in again */
  gboolean              signed_out;
};

void     _fd_window_keyring_sign_in_failed (FdWindow     *self,
                                            const GError *error);
void     _fd_window_keyring_opening        (FdWindow     *self);
void     _fd_window_keyring_ready          (FdWindow     *self);
void     _fd_window_keyring_remember       (FdWindow     *self,
                                            const char   *password);
void     _fd_window_keyring_dispose        (FdWindow     *self);

void     _fd_window_update_page            (FdWindow     *self);
void     _fd_window_sign_out_class_init    (GtkWidgetClass *widget_class);
void     _fd_window_sign_out_init          (FdWindow     *self);
void     _fd_window_sign_out_update        (FdWindow     *self,
                                            gboolean      signed_in);

G_END_DECLS
