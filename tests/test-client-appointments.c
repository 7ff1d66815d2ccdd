/* test-client-appointments.c: the client's appointments in Client Details, at two
 * workstations: upcoming soonest first then past latest first, named for a screen reader,
 * following a move made at the other desk, and a row opening the appointment book at its
 * day with the appointment focused.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "fd-appointments-module.h"
#include "fd-client-appointment-list.h"
#include "fd-client-editor-private.h"
#include "fd-format.h"
#include "fd-test-desk.h"
#include "fd-test-server.h"
#include "fd-test-ui.h"
#include "fd-window.h"

typedef FdTestOffice Fixture;

typedef struct
{
  FdClientAppointmentList *list;
  guint                    n_rows;
  const char              *first_title_suffix;
} ListWait;

static guint
count_rows (GtkListBox *list)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += GTK_IS_LIST_BOX_ROW (child);
  return n;
}

static gboolean
list_is (gpointer user_data)
{
  ListWait *wait = user_data;
  GtkListBox *list = fd_client_appointment_list_get_list (wait->list);
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (list, 0);

  return count_rows (list) == wait->n_rows && first != NULL && ADW_IS_ACTION_ROW (first) &&
         g_str_has_suffix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (first)),
                           wait->first_title_suffix);
}

/* The title a row should have: the date in the user's locale, the time in 24 hours (the
 * tests run without the desktop's clock setting). */
static char *
expected_title (const char *day,
                const char *time)
{
  g_autofree char *iso = g_strdup_printf ("%sT12:00:00", day);
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  g_autoptr(GDateTime) date = g_date_time_new_from_iso8601 (iso, local);
  g_autofree char *formatted = fd_format_date_long (date);

  return g_strdup_printf ("%s, %s", formatted, time);
}

static gboolean
book_visible (gpointer user_data)
{
  return FD_IS_APPOINTMENTS_MODULE (fd_window_get_visible_module (user_data));
}

static gboolean
book_shows (gpointer user_data)
{
  FdTestDesk *desk = user_data;
  FdModule *module = fd_window_get_visible_module (desk->window);

  return FD_IS_APPOINTMENTS_MODULE (module) &&
         !fd_appointments_module_get_focus_pending (FD_APPOINTMENTS_MODULE (module));
}

typedef struct
{
  FdTestDesk *desk;
  const char *id;
} FocusWait;

static gboolean
block_focused (gpointer user_data)
{
  FocusWait *wait = user_data;
  FdModule *module = fd_window_get_visible_module (wait->desk->window);
  GtkWidget *block;

  if (!FD_IS_APPOINTMENTS_MODULE (module))
    return FALSE;
  block = fd_day_view_get_block (fd_appointments_module_get_view (FD_APPOINTMENTS_MODULE (module)),
                                 wait->id);
  return block != NULL && gtk_widget_has_focus (block);
}

static gboolean
appointment_in_book (gpointer user_data)
{
  FocusWait *wait = user_data;
  FdModule *module = fd_window_get_visible_module (wait->desk->window);

  return FD_IS_APPOINTMENTS_MODULE (module) &&
         fd_day_view_find (fd_appointments_module_get_view (FD_APPOINTMENTS_MODULE (module)),
                           wait->id) != NULL;
}

static void
test_client_appointments (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *client = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *ids = NULL;
  g_autofree char *days = NULL;
  g_autofree char *names = NULL;
  g_autofree char *shot = NULL;
  g_autofree char *book_shot = NULL;
  g_auto(GStrv) id = NULL;
  g_auto(GStrv) day = NULL;
  g_auto(GStrv) name = NULL;
  const char *times[] = { "09:00", "14:30", "10:00", "08:15" };
  FdClientAppointmentList *annas;
  FdClientAppointmentList *bens;
  GtkListBox *list;
  FdAppointmentsModule *book;
  g_autoptr(GDateTime) moved_day = NULL;
  g_autofree char *iso = NULL;
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();

  /* A client, whose appointments are given to another, gets four: two to come, two past,
   * one complete and confirmed. They are inserted out of order. */
  client = fd_test_query_value (fixture->owner, "SELECT max(id) FROM frontdesk.clients");
  sql = g_strdup_printf ("UPDATE frontdesk.appointments SET client_id = "
                         "(SELECT min(id) FROM frontdesk.clients) WHERE client_id = %s", client);
  fd_test_exec (fixture->owner, sql);
  g_free (sql);
  sql = g_strdup_printf (
    "WITH p AS (SELECT time_zone, (now() AT TIME ZONE time_zone)::date AS today "
    "           FROM frontdesk.practice), "
    "o AS (SELECT min(id) AS id FROM frontdesk.operatories WHERE NOT hidden), "
    "v AS (SELECT min(id) AS id FROM frontdesk.providers), "
    "w (n, offset_days, starts, status) AS (VALUES (1, -1, time '10:00', 'scheduled'), "
    "  (2, 7, time '14:30', 'scheduled'), (3, -30, time '08:15', 'complete'), "
    "  (4, 1, time '09:00', 'scheduled')) "
    "INSERT INTO frontdesk.appointments (client_id, provider_id, operatory_id, starts_at, "
    "  status, confirmation_id) "
    "SELECT %s, v.id, o.id, ((p.today + w.offset_days) + w.starts) AT TIME ZONE p.time_zone, "
    "  w.status, CASE WHEN w.n = 3 THEN (SELECT id FROM frontdesk.definitions "
    "    WHERE category = 'confirmation_status' AND name = 'Confirmed') END "
    "FROM w, p, o, v ORDER BY w.n", client);
  fd_test_exec (fixture->owner, sql);
  g_free (sql);
  sql = g_strdup_printf ("SELECT string_agg(a.id::text, ',' ORDER BY x.k) FROM "
                         "frontdesk.appointments a JOIN (VALUES (1, 1), (7, 2), (-1, 3), "
                         "(-30, 4)) x (d, k) ON frontdesk.practice_day(a.starts_at) = "
                         "(now() AT TIME ZONE (SELECT time_zone FROM frontdesk.practice))::date "
                         "+ x.d WHERE a.client_id = %s", client);
  ids = fd_test_query_value (fixture->owner, sql);
  g_free (sql);
  sql = g_strdup_printf ("SELECT string_agg(frontdesk.practice_day(a.starts_at)::text, ',' "
                         "ORDER BY a.starts_at < now(), CASE WHEN a.starts_at >= now() THEN "
                         "a.starts_at END, a.starts_at DESC) FROM frontdesk.appointments a "
                         "WHERE a.client_id = %s", client);
  days = fd_test_query_value (fixture->owner, sql);
  names = fd_test_query_value (fixture->owner,
                               "SELECT (SELECT name FROM frontdesk.operatories WHERE id = "
                               "(SELECT min(id) FROM frontdesk.operatories WHERE NOT hidden)) "
                               "|| '|' || (SELECT last_name FROM frontdesk.providers ORDER BY id "
                               "LIMIT 1) || '|Confirmed'");
  id = g_strsplit (ids, ",", -1);
  day = g_strsplit (days, ",", -1);
  name = g_strsplit (names, "|", 3);
  g_assert_cmpuint (g_strv_length (id), ==, 4);
  g_assert_cmpuint (g_strv_length (day), ==, 4);

  /* Both desks open the client: Anna's and Ben's Client Details list them, in order. */
  fd_client_editor_open (fixture->ben.editor, client);
  fd_test_desk_wait_for_record (&fixture->ben, "Ben's record");
  fd_client_editor_open (fixture->anna.editor, client);
  fd_test_desk_answer (fd_test_desk_wait_for_dialog ("first-warning"), "open");
  fd_test_desk_answer (fd_test_desk_wait_for_dialog ("final-confirmation"), "override");
  fd_test_desk_wait_for_record (&fixture->anna, "Anna's record");
  fd_test_desk_answer (fd_test_desk_wait_for_dialog ("lock-lost-dialog"), "ok");

  annas = fixture->anna.editor->appointment_list;
  bens = fixture->ben.editor->appointment_list;
  list = fd_client_appointment_list_get_list (annas);
  fd_test_wait_until (list_is, &(ListWait) { annas, 4, "09:00" }, "Anna's four appointments");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Appointments");
  for (guint i = 0; i < 4; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, i);
      g_autofree char *title = expected_title (day[i], times[i]);
      const char *subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
      GtkWidget *header = gtk_list_box_row_get_header (row);

      g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, title);
      g_assert_nonnull (strstr (subtitle, name[0]));
      g_assert_nonnull (strstr (subtitle, name[1]));
      g_assert_nonnull (strstr (subtitle, i == 3 ? "Complete" : "Scheduled"));
      g_assert_nonnull (strstr (subtitle, i == 3 ? name[2] : "Not confirmed"));
      g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (row)), ==,
                       "win.show-appointment");
      /* Upcoming over the first, Past over the third. */
      if (i == 0 || i == 2)
        g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (header)), ==,
                         i == 0 ? "Upcoming" : "Past");
      else
        g_assert_null (header);
      /* A screen reader hears the whole row. */
      {
        g_autofree char *date = g_strndup (title, strlen (title) - strlen (times[i]) - 2);
        g_auto(GStrv) parts = g_strsplit (subtitle, " · ", 4);
        g_autofree char *expected = NULL;

        g_assert_cmpuint (g_strv_length (parts), ==, 4);
        expected = g_strdup_printf ("%s at %s, %s, %s, %s, %s", date, times[i], parts[0],
                                    parts[1], parts[2], parts[3]);
        gtk_test_accessible_assert_property (GTK_ACCESSIBLE (row),
                                             GTK_ACCESSIBLE_PROPERTY_LABEL, expected);
      }
    }
  {
    /* Scrolled to the group, as a person would, for the screenshot. */
    GtkWidget *scrolled = gtk_widget_get_ancestor (GTK_WIDGET (annas), GTK_TYPE_SCROLLED_WINDOW);
    GtkWidget *content = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled));
    graphene_point_t at;

    fd_test_ui_wait_for_frames (GTK_WIDGET (fixture->anna.window), 2);
    g_assert_true (gtk_widget_compute_point (GTK_WIDGET (annas), content,
                                             &GRAPHENE_POINT_INIT (0, 0), &at));
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)),
                              at.y - 24);
  }
  shot = fd_test_ui_screenshot (GTK_WIDGET (fixture->anna.window), "client-appointments");

  /* Ben moves tomorrow's appointment to 11:30 in his book; Anna's list follows, and so does
   * his own Client Details. */
  iso = g_strdup_printf ("%sT12:00:00", day[0]);
  moved_day = g_date_time_new_from_iso8601 (iso, local);
  fd_test_desk_show_module (&fixture->ben, "Appointments");
  fd_test_wait_until (book_visible, fixture->ben.window, "Ben's appointment book");
  book = FD_APPOINTMENTS_MODULE (fd_window_get_visible_module (fixture->ben.window));
  fd_appointments_module_show_day (book, moved_day);
  {
    FdDayView *view = fd_appointments_module_get_view (book);
    FdAppointment *tomorrow;

    fd_test_wait_until (appointment_in_book, &(FocusWait) { &fixture->ben, id[0] },
                        "tomorrow's appointment in Ben's book");
    tomorrow = fd_day_view_find (view, id[0]);
    fd_appointments_module_move (book, tomorrow, fd_appointment_get_operatory_id (tomorrow),
                                 11 * 60 + 30);
  }
  fd_test_wait_until (list_is, &(ListWait) { annas, 4, "11:30" },
                      "the move to reach Anna's list");
  fd_test_wait_until (list_is, &(ListWait) { bens, 4, "11:30" },
                      "the move to reach Ben's list");

  /* Anna activates next week's appointment: the book opens at its day with it focused. */
  g_assert_true (FD_IS_CLIENTS_MODULE (fd_window_get_visible_module (fixture->anna.window)));
  gtk_widget_activate (GTK_WIDGET (gtk_list_box_get_row_at_index (list, 1)));
  fd_test_wait_until (book_shows, &fixture->anna, "Anna's book to show the appointment");
  fd_test_wait_until (block_focused, &(FocusWait) { &fixture->anna, id[1] },
                      "the appointment focused in Anna's book");
  {
    FdAppointmentsModule *annas_book =
      FD_APPOINTMENTS_MODULE (fd_window_get_visible_module (fixture->anna.window));
    FdDayView *view = fd_appointments_module_get_view (annas_book);
    GtkWidget *button = fd_test_ui_find_descendant (GTK_WIDGET (annas_book),
                                                    GTK_TYPE_MENU_BUTTON);

    /* The book's date is the appointment's day; the focused block is named for it. */
    g_assert_nonnull (fd_day_view_find (view, id[1]));
    g_assert_true (gtk_root_get_focus (GTK_ROOT (fixture->anna.window)) ==
                   fd_day_view_get_block (view, id[1]));
    {
      g_autofree char *shown_iso = g_strdup_printf ("%sT12:00:00", day[1]);
      g_autoptr(GDateTime) shown_day = g_date_time_new_from_iso8601 (shown_iso, local);
      g_autofree char *label = g_date_time_format (shown_day, "%A %-d %B %Y");

      g_assert_cmpstr (gtk_menu_button_get_label (GTK_MENU_BUTTON (button)), ==,
                       g_strstrip (label));
    }
  }
  fd_test_ui_wait_for_frames (GTK_WIDGET (fixture->anna.window), 3);
  book_shot = fd_test_ui_screenshot (GTK_WIDGET (fixture->anna.window),
                                     "client-appointment-in-book");
}

int
main (int   argc,
      char *argv[])
{
  fd_test_ui_init (&argc, &argv);

  g_test_add ("/frontdesk/ui/clients/appointments", Fixture, NULL, fd_test_office_setup,
              test_client_appointments, fd_test_office_teardown);

  return fd_test_run ();
}
