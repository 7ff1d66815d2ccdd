/* fd-ui-util.c: small pieces many widgets build the same way.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "fd-ui-util.h"


/**
 * fd_button_new:
 * @label: with a mnemonic
 * @css_name: a class that names the button, for style and for tests
 * @clicked: called with @instance alone, for as long as @instance lives
 */
GtkWidget *
fd_button_new (const char *label,
               const char *css_name,
               GCallback   clicked,
               gpointer    instance)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_add_css_class (button, css_name);
  g_signal_connect_object (button, "clicked", clicked, instance, G_CONNECT_SWAPPED);
  return button;
}

/**
 * fd_error_line_new:
 *
 * A state line (see style.css) for what went wrong, hidden until there is something to say.
 */
GtkLabel *
fd_error_line_new (void)
{
  GtkLabel *line = GTK_LABEL (gtk_label_new (NULL));

  gtk_label_set_wrap (line, TRUE);
  gtk_label_set_xalign (line, 0);
  gtk_widget_add_css_class (GTK_WIDGET (line), "state-line");
  gtk_widget_add_css_class (GTK_WIDGET (line), "error");
  gtk_widget_set_visible (GTK_WIDGET (line), FALSE);
  return line;
}

/* Shows @message on @line, or hides the line for NULL. */
void
fd_error_line_show (GtkLabel   *line,
                    const char *message)
{
  gtk_label_set_text (line, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (line), message != NULL);
}
