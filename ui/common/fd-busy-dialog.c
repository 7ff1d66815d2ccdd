/* fd-busy-dialog.c: the Try Again question for a save or lock the server could not get in
 * time because another open transaction held what it needed.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "fd-db-error.h"
#include "fd-busy-dialog.h"

/**
 * fd_busy_dialog_is_busy:
 *
 * Returns: whether @error says that someone else's unfinished change was in the way, so
 *   that the same request is likely to succeed a moment later
 */
gboolean
fd_busy_dialog_is_busy (const GError *error)
{
  return g_error_matches (error, FD_DB_ERROR, FD_DB_ERROR_LOCK_NOT_AVAILABLE);
}

/**
 * fd_busy_dialog_present:
 * @for_widget: the widget that asked; the dialog is modal to its window
 * @error: the busy error, in the server's words
 * @try_again: called with @instance alone when the person picks Try Again, while @instance
 *   lives
 *
 * Try Again is the default: waiting a moment is what the message asks for, and nothing is
 * lost either way (what was typed stays in the form).
 *
 * Returns: (transfer none): the dialog, shown
 */
AdwMessageDialog *
fd_busy_dialog_present (GtkWidget    *for_widget,
                        const GError *error,
                        GCallback     try_again,
                        gpointer      instance)
{
  AdwMessageDialog *dialog = fd_busy_dialog_present_full (for_widget, error, NULL, NULL, NULL);

  if (dialog != NULL)
    g_signal_connect_object (dialog, "response::retry", try_again, instance, G_CONNECT_SWAPPED);
  return dialog;
}

/**
 * fd_busy_dialog_present_full:
 * @try_again: (nullable): called with @data alone when the person picks Try Again
 * @destroy_data: frees @data when the dialog goes
 *
 * As fd_busy_dialog_present(), for a retry that needs more than one object: what to try
 * again travels in @data, owned by the dialog.
 *
 * Returns: (transfer none): the dialog, shown
 */
AdwMessageDialog *
fd_busy_dialog_present_full (GtkWidget      *for_widget,
                             const GError   *error,
                             GCallback       try_again,
                             gpointer        data,
                             GDestroyNotify  destroy_data)
{
  GtkRoot *root;
  AdwMessageDialog *dialog;

  g_return_val_if_fail (GTK_IS_WIDGET (for_widget), NULL);
  g_return_val_if_fail (error != NULL, NULL);

  root = gtk_widget_get_root (for_widget);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                            : NULL,
                                                       _("Someone Else Is Changing This"),
                                                       error->message));
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  /* Closing the window closes the question: Try Again never reaches a form that is gone. */
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "retry", _("_Try Again"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "retry", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "retry");
  adw_message_dialog_set_close_response (dialog, "cancel");
  gtk_widget_add_css_class (GTK_WIDGET (dialog), "busy-dialog");
  if (try_again != NULL)
    g_signal_connect_data (dialog, "response::retry", try_again, data,
                           (GClosureNotify) (void (*) (void)) destroy_data, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}
