/* fd-window-sign-out.c: Sign Out and Switch User from the main menu, and the page a signed
 * out window shows.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Signing out settles first what is not saved, as closing the window does: other windows
 * (an appointment being edited) are closed, and each module is left (Client Details asks
 * Save / Discard / Cancel). Only then does the application end the database session, which
 * releases every lock this desk held; the password typed for it is forgotten, and the keyring
 * does not sign the next person in by itself. Cancel anywhere keeps the person signed in.
 */
#include <glib/gi18n.h>

#include "fd-module.h"
#include "fd-window-private.h"

typedef struct
{
  FdWindow *window;
  GList    *modules;       /* the modules still to leave, borrowed */
  gboolean  switch_user;
} SignOut;

static void
sign_out_free (SignOut *sign_out)
{
  g_list_free (sign_out->modules);
  g_object_unref (sign_out->window);
  g_free (sign_out);
}

/* Windows of this application other than the main ones (an appointment editor, Preferences)
 * are closed; one that stays open is asking about unsaved changes. */
static gboolean
close_other_windows (FdWindow *self)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));
  g_autoptr(GList) windows = NULL;
  gboolean all_closed = TRUE;

  if (application == NULL)
    return TRUE;

  windows = g_list_copy (gtk_application_get_windows (application));
  for (GList *l = windows; l != NULL; l = l->next)
    {
      if (FD_IS_WINDOW (l->data) || !gtk_widget_get_visible (l->data))
        continue;
      gtk_window_close (l->data);
    }

  g_list_free (windows);
  windows = g_list_copy (gtk_application_get_windows (application));
  for (GList *l = windows; l != NULL; l = l->next)
    if (!FD_IS_WINDOW (l->data) && gtk_widget_get_visible (l->data))
      all_closed = FALSE;
  return all_closed;
}

static void leave_next_module (SignOut *sign_out);

static void
module_left_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  SignOut *sign_out = user_data;

  if (!fd_module_leave_finish (FD_MODULE (object), result))
    {
      sign_out_free (sign_out);
      return;
    }
  sign_out->modules = g_list_delete_link (sign_out->modules, sign_out->modules);
  leave_next_module (sign_out);
}

static void
leave_next_module (SignOut *sign_out)
{
  if (sign_out->modules != NULL)
    {
      fd_module_leave_async (sign_out->modules->data, module_left_cb, sign_out);
      return;
    }

  gtk_widget_activate_action (GTK_WIDGET (sign_out->window), "app.end-session", "b",
                              sign_out->switch_user);
  sign_out_free (sign_out);
}

static void
begin_sign_out (FdWindow *self,
                gboolean  switch_user)
{
  SignOut *sign_out;

  if (!close_other_windows (self))
    {
      fd_window_show_toast (self, _("A window still has unsaved changes: save or close it, "
                                    "then sign out."));
      return;
    }

  sign_out = g_new0 (SignOut, 1);
  sign_out->window = g_object_ref (self);
  sign_out->switch_user = switch_user;
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->module_stack));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *page = gtk_stack_page_get_child (gtk_stack_get_page (self->module_stack, child));

      if (FD_IS_MODULE (page))
        sign_out->modules = g_list_append (sign_out->modules, page);
    }
  leave_next_module (sign_out);
}

static void
sign_out_activated (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  begin_sign_out (FD_WINDOW (user_data), FALSE);
}

static void
switch_user_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  begin_sign_out (FD_WINDOW (user_data), TRUE);
}

static const GActionEntry sign_out_actions[] = {
  { "sign-out", sign_out_activated },
  { "switch-user", switch_user_activated },
};

/* The signed-out page ------------------------------------------------------------------ */

static void
signed_out_sign_in_clicked_cb (FdWindow *self)
{
  g_autofree char *user = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->user_entry)));
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->signed_out_password));

  g_strstrip (user);
  if (user[0] == '\0')
    {
      gtk_widget_error_bell (GTK_WIDGET (self->user_entry));
      gtk_widget_grab_focus (GTK_WIDGET (self->user_entry));
      return;
    }
  gtk_widget_activate_action (GTK_WIDGET (self), "app.sign-in-as", "(ss)", user, password);
  gtk_editable_set_text (GTK_EDITABLE (self->signed_out_password), "");
}

/**
 * fd_window_show_signed_out:
 * @user: who was signed in, offered for the next sign-in
 * @switch_user: whether the next person is someone else: the user name is then empty
 *
 * Shows the page of a window whose database session has ended: who signs in next, and
 * their password.
 */
void
fd_window_show_signed_out (FdWindow   *self,
                           const char *user,
                           gboolean    switch_user)
{
  g_return_if_fail (FD_IS_WINDOW (self));

  fd_window_set_database (self, NULL);
  self->signed_out = TRUE;
  self->keyring_suppressed = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->user_entry), switch_user ? "" : user);
  gtk_editable_set_text (GTK_EDITABLE (self->signed_out_password), "");
  _fd_window_update_page (self);
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->signed_out_button));
  gtk_widget_grab_focus (switch_user ? GTK_WIDGET (self->user_entry)
                                     : GTK_WIDGET (self->signed_out_password));
}

/* Sign Out and Switch User are for a desk that is signed in. */
void
_fd_window_sign_out_update (FdWindow *self,
                            gboolean  signed_in)
{
  for (guint i = 0; i < G_N_ELEMENTS (sign_out_actions); i++)
    {
      GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self),
                                                    sign_out_actions[i].name);

      g_simple_action_set_enabled (G_SIMPLE_ACTION (action), signed_in);
    }
}

void
_fd_window_sign_out_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, FdWindow, user_entry);
  gtk_widget_class_bind_template_child (widget_class, FdWindow, signed_out_password);
  gtk_widget_class_bind_template_child (widget_class, FdWindow, signed_out_button);
  gtk_widget_class_bind_template_callback (widget_class, signed_out_sign_in_clicked_cb);
}

void
_fd_window_sign_out_init (FdWindow *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), sign_out_actions,
                                   G_N_ELEMENTS (sign_out_actions), self);
  _fd_window_sign_out_update (self, FALSE);
}
