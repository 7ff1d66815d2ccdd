/* fd-test-book.c: the appointment book at a test workstation: opening it on a day, the
 * controllers its widgets carry, the booking window a desk has open.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "fd-test-book.h"
#include "fd-test-server.h"
#include "fd-window.h"

static gboolean
book_shown (gpointer user_data)
{
  return FD_IS_APPOINTMENTS_MODULE (fd_window_get_visible_module (user_data));
}

/* The person picks Appointments in the sidebar; the book then shows @day. */
FdAppointmentsModule *
fd_test_book_open (FdTestDesk *desk,
                   GDateTime  *day)
{
  FdAppointmentsModule *book;

  fd_test_desk_show_module (desk, "Appointments");
  fd_test_wait_until (book_shown, desk->window, "the appointment book");
  book = FD_APPOINTMENTS_MODULE (fd_window_get_visible_module (desk->window));
  fd_appointments_module_show_day (book, day);
  return book;
}

/* The appointment window open at @desk, or %NULL. */
FdAppointmentEditor *
fd_test_book_editor_of (FdTestDesk *desk)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (FD_IS_APPOINTMENT_EDITOR (window) && gtk_widget_get_visible (GTK_WIDGET (window)) &&
          gtk_window_get_transient_for (window) == GTK_WINDOW (desk->window))
        return FD_APPOINTMENT_EDITOR (window);
    }
  return NULL;
}

/* For fd_test_wait_until(): whether @desk (an #FdTestDesk) has an appointment window open. */
gboolean
fd_test_book_editor_shown (gpointer desk)
{
  return fd_test_book_editor_of (desk) != NULL;
}

gboolean
fd_test_book_editor_gone (gpointer desk)
{
  return fd_test_book_editor_of (desk) == NULL;
}

/* For fd_test_wait_until(): whether the query's one value is the one expected. */
gboolean
fd_test_value_is (gpointer user_data)
{
  FdTestValueWait *wait = user_data;
  g_autofree char *value = fd_test_query_value (wait->connection, wait->sql);

  return g_strcmp0 (value, wait->expected) == 0;
}
