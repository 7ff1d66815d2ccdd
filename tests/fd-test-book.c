/* fd-test-book.c: the appointment book at a test workstation: opening it on a day, the
 * controllers its widgets carry, the booking window a desk has open.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <signal.h>
#include <stdlib.h>

#include "fd-day-view.h"
#include "fd-test-book.h"
#include "fd-test-server.h"
#include "fd-test-ui.h"
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

typedef struct
{
  FdDayView  *view;
  const char *operatory_id;
  int         minute;
} SlotWait;

static gboolean
slot_shown (gpointer user_data)
{
  SlotWait *wait = user_data;

  return fd_day_view_get_slot (wait->view, wait->operatory_id, wait->minute) != NULL;
}

/* Focuses the free slot and presses Enter on it, as a person at the keyboard would. */
void
fd_test_book_press_slot (FdAppointmentsModule *book,
                         const char           *operatory_id,
                         int                   minute)
{
  FdDayView *view = fd_appointments_module_get_view (book);
  SlotWait shown = { view, operatory_id, minute };
  GtkWidget *slot;
  gboolean handled = FALSE;

  fd_test_wait_until (slot_shown, &shown, "the free slot in the book");
  slot = fd_day_view_get_slot (view, operatory_id, minute);
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (slot), GTK_ACCESSIBLE_ROLE_BUTTON);
  g_assert_true (gtk_widget_grab_focus (slot));
  g_signal_emit_by_name (fd_test_ui_find_controller (GTK_WIDGET (view),
                                                     GTK_TYPE_EVENT_CONTROLLER_KEY),
                         "key-pressed", GDK_KEY_Return, 0, 0, &handled);
  g_assert_true (handled);
}

/* Drags the block of @id onto the block of @target_id: held 5 pixels below its top,
 * dropped 5 pixels below the other's top, through the controllers a mouse would drive. */
void
fd_test_book_drop_onto (FdAppointmentsModule *book,
                        const char           *id,
                        const char           *target_id)
{
  FdDayView *view = fd_appointments_module_get_view (book);
  GtkWidget *block = fd_day_view_get_block (view, id);
  GtkWidget *target = fd_day_view_get_block (view, target_id);
  GdkContentProvider *content;
  GValue value = G_VALUE_INIT;
  gboolean dropped = FALSE;
  graphene_point_t at;

  g_assert_nonnull (block);
  g_assert_nonnull (target);
  g_signal_emit_by_name (fd_test_ui_find_controller (block, GTK_TYPE_DRAG_SOURCE),
                         "prepare", 20.0, 5.0, &content);
  g_value_init (&value, FD_TYPE_APPOINTMENT);
  g_assert_true (gdk_content_provider_get_value (content, &value, NULL));
  g_object_unref (content);
  g_assert_true (gtk_widget_compute_point (target, GTK_WIDGET (view),
                                           &GRAPHENE_POINT_INIT (10, 5), &at));
  g_signal_emit_by_name (fd_test_ui_find_controller (GTK_WIDGET (view), GTK_TYPE_DROP_TARGET),
                         "drop", &value, (double) at.x, (double) at.y, &dropped);
  g_value_unset (&value);
  g_assert_true (dropped);
}

/* The lock badge shown under @root, if any. */
GtkWidget *
fd_test_book_find_badge (GtkWidget *root)
{
  if (!gtk_widget_get_visible (root))
    return NULL;
  if (gtk_widget_has_css_class (root, "open-badge"))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = fd_test_book_find_badge (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/**
 * fd_test_holder_start:
 * @kind: what it takes: a record kind, "slot", "ask:clients" (see lock-holder.c)
 * @says: what it prints once it holds (or has asked)
 *
 * Signs in as a staff login of its own at "Crashing desk" and waits to be killed.
 */
GSubprocess *
fd_test_holder_start (const char *dbname,
                      const char *kind,
                      const char *id,
                      const char *says)
{
  g_autofree char *login = fd_test_create_staff (FALSE);
  g_autofree char *password = fd_test_staff_password (login);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) output = NULL;
  g_autofree char *line = NULL;
  GSubprocess *process;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                              g_getenv ("FRONTDESK_LOCK_HOLDER"), fd_test_server_socket_dir (),
                              login, password, dbname, kind, id, NULL);
  g_assert_no_error (error);
  output = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  line = g_data_input_stream_read_line_utf8 (output, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (line, ==, says);
  return process;
}

/* The desk vanishes, as a crash or a pulled cable would: nothing is said to the server. */
void
fd_test_holder_kill (GSubprocess *process)
{
  kill (atoi (g_subprocess_get_identifier (process)), SIGKILL);
  g_subprocess_wait (process, NULL, NULL);
}

/* For fd_test_wait_until(): whether the query's one value is the one expected. */
gboolean
fd_test_value_is (gpointer user_data)
{
  FdTestValueWait *wait = user_data;
  g_autofree char *value = fd_test_query_value (wait->connection, wait->sql);

  return g_strcmp0 (value, wait->expected) == 0;
}
