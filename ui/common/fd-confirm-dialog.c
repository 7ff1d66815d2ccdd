/* fd-confirm-dialog.c: the question asked before a destructive action.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "fd-confirm-dialog.h"

/**
 * fd_confirm_dialog_present:
 * @for_widget: the widget asking; the dialog is modal to its window
 * @response: the id of the action's response; the other is "cancel"
 * @css_class: names the dialog, for tests and style
 *
 * Shows a modal question whose default, and Escape, is @cancel_label. Connect to
 * ::response to act.
 *
 * Returns: (transfer none): the dialog, shown
 */
AdwMessageDialog *
fd_confirm_dialog_present (GtkWidget  *for_widget,
                           const char *heading,
                           const char *body,
                           const char *cancel_label,
                           const char *response,
                           const char *response_label,
                           const char *css_class)
{
  GtkRoot *root = gtk_widget_get_root (for_widget);
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                            : NULL,
                                                       heading, body));
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  adw_message_dialog_add_responses (dialog, "cancel", cancel_label, response, response_label,
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, response, ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  gtk_widget_add_css_class (GTK_WIDGET (dialog), css_class);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}
