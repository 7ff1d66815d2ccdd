/* test-appointment-week.c: the appointment book's week at two workstations, each a real
 * window signed in as its own staff login: Day / Week pressed, the operatory or provider
 * picked in the real dropdown, a column for each working day, blocks and slots as a screen
 * reader meets them, the arrow keys across days, an appointment dragged to another day
 * (the database and the other desk's open week), the double-book question, a slot another
 * desk is booking drawn as held until it is let go, and a short block's one clean line.
 * The days are next week's working days, whatever weekday the test runs on.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "fd-appointment-editor.h"
#include "fd-appointments-module.h"
#include "fd-day-view.h"
#include "fd-test-book.h"
#include "fd-test-desk.h"
#include "fd-test-server.h"
#include "fd-test-ui.h"
#include "fd-window.h"

typedef FdTestOffice Fixture;

/* The days and rows the test works on, from the sample practice. */
typedef struct
{
  GStrv      working;      /* next week's working days, YYYY-MM-DD */
  char      *operatory;    /* Surgery 1 */
  char      *provider;     /* Dr Okonkwo, scheduled there every working day */
  char      *appointment;  /* 10:00 to 10:30 on the first working day */
  char      *client;
  char      *short_one;    /* 11:00 to 11:15 the same day */
  GDateTime *first_day;
} Week;

static void
week_clear (Week *week)
{
  g_clear_pointer (&week->working, g_strfreev);
  g_clear_pointer (&week->operatory, g_free);
  g_clear_pointer (&week->provider, g_free);
  g_clear_pointer (&week->appointment, g_free);
  g_clear_pointer (&week->client, g_free);
  g_clear_pointer (&week->short_one, g_free);
  g_clear_pointer (&week->first_day, g_date_time_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Week, week_clear)

/* Surgery 1 emptied on the first two working days of next week (what was there cancelled,
 * so kept), then two appointments of Dr Okonkwo's there on the first. */
static void
prepare_week (Fixture *fixture,
              Week    *week)
{
  g_autofree char *days = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *iso = NULL;
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  guint n;

  /* Saturday becomes a working day: one hygienist works it, Dr Okonkwo does not. */
  fd_test_exec (fixture->owner,
                "INSERT INTO frontdesk.provider_schedules (provider_id, weekday, starts_at, "
                "ends_at) SELECT id, 6, '08:00', '13:00' FROM frontdesk.providers "
                "WHERE abbreviation = 'HYG2'");
  days = fd_test_query_value (
    fixture->owner,
    "SELECT string_agg(d::date::text, ',' ORDER BY d) FROM generate_series("
    "date_trunc('week', current_date)::date + 7, date_trunc('week', current_date)::date + 13, "
    "interval '1 day') d WHERE extract(isodow FROM d) IN "
    "(SELECT weekday FROM frontdesk.provider_schedules)");

  g_assert_nonnull (days);
  week->working = g_strsplit (days, ",", -1);
  n = g_strv_length (week->working);
  g_assert_cmpuint (n, >=, 3);
  week->operatory = fd_test_query_value (fixture->owner, "SELECT id FROM frontdesk.operatories "
                                                         "WHERE name = 'Surgery 1'");
  week->provider = fd_test_query_value (fixture->owner, "SELECT id FROM frontdesk.providers "
                                                        "WHERE abbreviation = 'DR1'");
  week->client = fd_test_query_value (fixture->owner, "SELECT first_name || ' ' || last_name "
                                                      "FROM frontdesk.clients WHERE id = 1");
  sql = g_strdup_printf ("UPDATE frontdesk.appointments SET status = 'cancelled', "
                         "cancel_reason = 'Cleared for the week' WHERE operatory_id = %s AND "
                         "frontdesk.practice_day(starts_at) IN ('%s', '%s', '%s')",
                         week->operatory, week->working[0], week->working[1],
                         week->working[n - 1]);
  fd_test_exec (fixture->owner, sql);
  g_free (sql);
  sql = g_strdup_printf ("INSERT INTO frontdesk.appointments (client_id, provider_id, "
                         "operatory_id, starts_at, length_minutes) VALUES (1, %s, %s, "
                         "frontdesk.practice_instant('%s', 600), 30) RETURNING id",
                         week->provider, week->operatory, week->working[0]);
  week->appointment = fd_test_query_value (fixture->owner, sql);
  g_free (sql);
  sql = g_strdup_printf ("INSERT INTO frontdesk.appointments (client_id, provider_id, "
                         "operatory_id, starts_at, length_minutes) VALUES (1, %s, %s, "
                         "frontdesk.practice_instant('%s', 660), 15) RETURNING id",
                         week->provider, week->operatory, week->working[0]);
  week->short_one = fd_test_query_value (fixture->owner, sql);
  iso = g_strdup_printf ("%sT12:00:00", week->working[0]);
  week->first_day = g_date_time_new_from_iso8601 (iso, local);
}

/* The person presses Week, then picks @choice ("Surgery 1", "Dr Okonkwo") in its dropdown. */
static void
show_week_of (FdAppointmentsModule *book,
              const char           *choice)
{
  GtkWidget *toggle = fd_test_ui_find_with_class (GTK_WIDGET (book), "week-toggle", NULL);
  GtkDropDown *dropdown = GTK_DROP_DOWN (fd_test_ui_find_with_class (GTK_WIDGET (book),
                                                                     "week-choice", NULL));
  GListModel *names;
  guint chosen = G_MAXUINT;

  g_assert_nonnull (toggle);
  if (!gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (toggle)))
    g_signal_emit_by_name (toggle, "clicked");
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (toggle)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dropdown)));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Week of");
  names = gtk_drop_down_get_model (dropdown);
  for (guint i = 0; i < g_list_model_get_n_items (names); i++)
    {
      if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (names), i), choice))
        chosen = i;
    }
  g_assert_cmpuint (chosen, !=, G_MAXUINT);
  gtk_drop_down_set_selected (dropdown, chosen);
}

/* The week prepared, and Surgery 1's week at both desks. */
static void
open_weeks (Fixture               *fixture,
            Week                  *week,
            FdAppointmentsModule **annas,
            FdAppointmentsModule **bens)
{
  prepare_week (fixture, week);
  *annas = fd_test_book_open (&fixture->anna, week->first_day);
  *bens = fd_test_book_open (&fixture->ben, week->first_day);
  show_week_of (*annas, "Surgery 1");
  show_week_of (*bens, "Surgery 1");
}

typedef struct
{
  FdDayView  *view;
  const char *id;
  const char *day;
  int         minute;
} BlockWait;

static gboolean
block_on_day (gpointer user_data)
{
  BlockWait *wait = user_data;
  FdAppointment *appointment = fd_day_view_find (wait->view, wait->id);

  return appointment != NULL && fd_day_view_get_block (wait->view, wait->id) != NULL &&
         g_strcmp0 (fd_appointment_get_day (appointment), wait->day) == 0 &&
         fd_appointment_get_start_minute (appointment) == wait->minute;
}

static void
assert_working_days (FdDayView *view,
                     Week      *week)
{
  g_assert_true (fd_day_view_is_week (view));
  g_assert_cmpuint (fd_day_view_get_n_columns (view), ==, g_strv_length (week->working));
  for (guint i = 0; week->working[i] != NULL; i++)
    g_assert_cmpstr (fd_day_view_get_column_day (view, i), ==, week->working[i]);
}

static char *
expected_name (Week       *week,
               int         start,
               int         length)
{
  g_autofree char *from = fd_day_view_format_time (start);
  g_autofree char *to = fd_day_view_format_time (start + length);

  return g_strdup_printf ("%s, %s to %s, Surgery 1, Dr Okonkwo, Not confirmed", week->client,
                          from, to);
}

static void
press_key (FdDayView *view,
           guint      keyval)
{
  gboolean handled = FALSE;

  g_signal_emit_by_name (fd_test_ui_find_controller (GTK_WIDGET (view), GTK_TYPE_EVENT_CONTROLLER_KEY),
                         "key-pressed", keyval, 0, 0, &handled);
  g_assert_true (handled);
}

/* Drops @block (held 5 pixels below its top) on @slot, as GTK's drag and drop would. */
static void
drag_onto (FdDayView *view,
           GtkWidget *block,
           GtkWidget *slot)
{
  GdkContentProvider *content = NULL;
  GValue value = G_VALUE_INIT;
  gboolean dropped = FALSE;
  graphene_point_t at;

  g_signal_emit_by_name (fd_test_ui_find_controller (block, GTK_TYPE_DRAG_SOURCE), "prepare", 20.0, 5.0,
                         &content);
  g_assert_nonnull (content);
  g_value_init (&value, FD_TYPE_APPOINTMENT);
  g_assert_true (gdk_content_provider_get_value (content, &value, NULL));
  g_object_unref (content);
  g_assert_true (gtk_widget_compute_point (slot, GTK_WIDGET (view),
                                           &GRAPHENE_POINT_INIT (10, 5), &at));
  g_signal_emit_by_name (fd_test_ui_find_controller (GTK_WIDGET (view), GTK_TYPE_DROP_TARGET), "drop",
                         &value, (double) at.x, (double) at.y, &dropped);
  g_value_unset (&value);
  g_assert_true (dropped);
}

/* Week, the operatory's and the provider's; keys across days; a drag to another day,
 * seen in the database and in Ben's open week; the double-book question. */
static void
test_week_view (Fixture       *fixture,
                gconstpointer  data)
{
  g_auto(Week) week = { 0 };
  g_autofree char *name = NULL;
  g_autofree char *short_name = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *shot = NULL;
  FdAppointmentsModule *annas;
  FdAppointmentsModule *bens;
  FdDayView *view;
  FdDayView *bens_view;
  GtkWidget *block;
  GtkWidget *slot;
  AdwMessageDialog *dialog;
  GtkWidget *previous;
  g_autoptr(GDateTime) week_before = NULL;
  BlockWait wait;

  open_weeks (fixture, &week, &annas, &bens);
  view = fd_appointments_module_get_view (annas);
  bens_view = fd_appointments_module_get_view (bens);
  wait = (BlockWait) { view, week.appointment, week.working[0], 600 };
  fd_test_wait_until (block_on_day, &wait, "the appointment in Anna's week");
  wait.view = bens_view;
  fd_test_wait_until (block_on_day, &wait, "the appointment in Ben's week");
  assert_working_days (view, &week);
  assert_working_days (bens_view, &week);

  /* Each block and slot as in the day view: a button with the same kind of name. */
  block = fd_day_view_get_block (view, week.appointment);
  name = expected_name (&week, 600, 30);
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (block), GTK_ACCESSIBLE_ROLE_BUTTON);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (block), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       name);
  short_name = expected_name (&week, 660, 15);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (fd_day_view_get_block (view,
                                                                              week.short_one)),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, short_name);
  slot = fd_day_view_get_slot_on (view, week.working[1], week.operatory, 600);
  g_assert_nonnull (slot);
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (slot), GTK_ACCESSIBLE_ROLE_BUTTON);

  /* Right from the block: the same time on the next working day. */
  g_assert_true (gtk_widget_grab_focus (block));
  press_key (view, GDK_KEY_Right);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (fixture->anna.window)) == slot);
  press_key (view, GDK_KEY_Left);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (fixture->anna.window)) == block);

  fd_test_ui_wait_for_frames (GTK_WIDGET (fixture->anna.window), 3);
  shot = fd_test_ui_screenshot (GTK_WIDGET (fixture->anna.window), "week-view");
  g_free (shot);
  shot = fd_test_ui_screenshot (fd_day_view_get_block (view, week.short_one),
                                "week-short-block");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_DARK);
  fd_test_ui_wait_for_frames (GTK_WIDGET (fixture->anna.window), 3);
  g_free (shot);
  shot = fd_test_ui_screenshot (GTK_WIDGET (fixture->anna.window), "week-view-dark");
  g_free (shot);
  shot = fd_test_ui_screenshot (fd_day_view_get_block (view, week.short_one),
                                "week-short-block-dark");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_DEFAULT);

  /* Anna drags it to the next working day at the same time: only its start is written,
   * and Ben's open week shows it there. */
  drag_onto (view, block, slot);
  sql = g_strdup_printf ("SELECT frontdesk.practice_day(starts_at) || ' ' || "
                         "(frontdesk.practice_instant(frontdesk.practice_day(starts_at), 600) "
                         "= starts_at) || ' ' || operatory_id FROM frontdesk.appointments "
                         "WHERE id = %s", week.appointment);
  expected = g_strdup_printf ("%s true %s", week.working[1], week.operatory);
  fd_test_wait_until (fd_test_value_is, &(FdTestValueWait) { fixture->owner, sql, expected },
                      "the moved appointment in the database");
  wait = (BlockWait) { bens_view, week.appointment, week.working[1], 600 };
  fd_test_wait_until (block_on_day, &wait, "the appointment moved in Ben's week");
  wait.view = view;
  fd_test_wait_until (block_on_day, &wait, "the appointment moved in Anna's week");

  /* The short one dropped onto it: asked first, Cancel the default; nothing written. */
  fd_test_ui_wait_for_frames (GTK_WIDGET (fixture->anna.window), 2);
  drag_onto (view, fd_day_view_get_block (view, week.short_one),
             fd_day_view_get_block (view, week.appointment));
  dialog = fd_test_desk_wait_for_dialog ("double-book-dialog");
  g_free (expected);
  expected = g_strdup_printf ("Double-book with %s?", week.client);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, expected);
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "cancel");
  fd_test_desk_answer (dialog, "cancel");
  g_free (sql);
  sql = g_strdup_printf ("SELECT frontdesk.practice_day(starts_at)::text FROM "
                         "frontdesk.appointments WHERE id = %s", week.short_one);
  g_free (expected);
  expected = fd_test_query_value (fixture->owner, sql);
  g_assert_cmpstr (expected, ==, week.working[0]);

  /* Onto Saturday, which Dr Okonkwo does not work: the server refuses, in a sentence. */
  drag_onto (view, fd_day_view_get_block (view, week.appointment),
             fd_day_view_get_slot_on (view, week.working[g_strv_length (week.working) - 1],
                                      week.operatory, 600));
  fd_test_ui_wait_for_label (GTK_WIDGET (annas), "is not scheduled on");
  g_free (sql);
  sql = g_strdup_printf ("SELECT frontdesk.practice_day(starts_at)::text FROM "
                         "frontdesk.appointments WHERE id = %s", week.appointment);
  g_free (expected);
  expected = fd_test_query_value (fixture->owner, sql);
  g_assert_cmpstr (expected, ==, week.working[1]);

  /* The provider's week: the same working days, their appointments wherever they are. */
  show_week_of (annas, "Dr Okonkwo");
  fd_test_wait_until (block_on_day, &wait, "the appointment in the provider's week");
  assert_working_days (view, &week);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (fd_day_view_get_block (view,
                                                                              week.appointment)),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, name);

  /* Previous steps a week back: the same working days, seven days earlier. */
  previous = fd_test_ui_find_descendant (GTK_WIDGET (annas), GTK_TYPE_BUTTON);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (previous), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Previous week");
  g_signal_emit_by_name (previous, "clicked");
  week_before = g_date_time_add_days (week.first_day, -7);
  g_free (expected);
  expected = g_date_time_format (week_before, "%Y-%m-%d");
  g_assert_cmpstr (fd_day_view_get_column_day (view, 0), ==, expected);
  g_assert_cmpuint (fd_day_view_get_n_columns (view), ==, g_strv_length (week.working));
}

typedef struct
{
  FdDayView  *view;
  const char *day;
  const char *operatory;
  int         minute;
  gboolean    held;
} HoldWait;

static gboolean
slot_held_is (gpointer user_data)
{
  HoldWait *wait = user_data;
  GtkWidget *slot = fd_day_view_get_slot_on (wait->view, wait->day, wait->operatory,
                                             wait->minute);

  return slot != NULL && (fd_day_view_get_slot_holder (slot) != NULL) == wait->held;
}

/* Ben presses Enter on a free slot of his week: Anna's week draws it held by him, and so
 * does her day; it is free again once he closes his booking. */
static void
test_held_slot (Fixture       *fixture,
                gconstpointer  data)
{
  g_auto(Week) week = { 0 };
  g_autofree char *holder = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *label = NULL;
  g_autofree char *shot = NULL;
  g_autofree char *time = fd_day_view_format_time (12 * 60);
  g_autofree char *date = NULL;
  FdAppointmentsModule *annas;
  FdAppointmentsModule *bens;
  FdDayView *view;
  FdDayView *bens_view;
  GtkWidget *slot;
  HoldWait wait;

  open_weeks (fixture, &week, &annas, &bens);
  date = g_date_time_format (week.first_day, "%a %-d %b");
  view = fd_appointments_module_get_view (annas);
  bens_view = fd_appointments_module_get_view (bens);
  wait = (HoldWait) { view, week.working[0], week.operatory, 12 * 60, FALSE };
  fd_test_wait_until (slot_held_is, &wait, "the free slot in Anna's week");
  wait.view = bens_view;
  fd_test_wait_until (slot_held_is, &wait, "the free slot in Ben's week");

  slot = fd_day_view_get_slot_on (bens_view, week.working[0], week.operatory, 12 * 60);
  g_assert_true (gtk_widget_grab_focus (slot));
  press_key (bens_view, GDK_KEY_Return);
  fd_test_wait_until (fd_test_book_editor_shown, &fixture->ben, "Ben's booking window");

  /* Anna's week: the slot held, saying by whom, to the eye and to a screen reader. */
  wait.view = view;
  wait.held = TRUE;
  fd_test_wait_until (slot_held_is, &wait, "the held slot in Anna's week");
  holder = fd_test_query_value (fixture->owner,
                                "SELECT s.display_name FROM frontdesk.slot_holds h "
                                "JOIN frontdesk.sessions s ON s.id = h.session_id");
  expected = g_strdup_printf ("Being booked by %s at Reception 2", holder);
  slot = fd_day_view_get_slot_on (view, week.working[0], week.operatory, 12 * 60);
  g_assert_cmpstr (fd_day_view_get_slot_holder (slot), ==, expected);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (slot), ==, expected);
  label = g_strdup_printf ("%s, %s, %s, Surgery 1", expected, time, date);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (slot), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       label);
  shot = fd_test_ui_screenshot (GTK_WIDGET (fixture->anna.window), "week-held-slot");

  /* Anna's day view draws it held too. */
  g_signal_emit_by_name (fd_test_ui_find_with_class (GTK_WIDGET (annas), "day-toggle", NULL),
                         "clicked");
  g_assert_false (fd_day_view_is_week (view));
  wait.day = NULL;
  fd_test_wait_until (slot_held_is, &wait, "the held slot in Anna's day");
  g_free (shot);
  shot = fd_test_ui_screenshot (GTK_WIDGET (fixture->anna.window), "day-held-slot");

  /* Ben closes his booking: the slot is free again at Anna's. */
  gtk_window_close (GTK_WINDOW (fd_test_book_editor_of (&fixture->ben)));
  fd_test_wait_until (fd_test_book_editor_gone, &fixture->ben, "Ben's booking to close");
  wait.held = FALSE;
  fd_test_wait_until (slot_held_is, &wait, "the slot free again in Anna's day");
}

int
main (int   argc,
      char *argv[])
{
  fd_test_ui_init (&argc, &argv);

  g_test_add ("/frontdesk/ui/appointment-week/week-view", Fixture, NULL,
              fd_test_office_setup, test_week_view, fd_test_office_teardown);
  g_test_add ("/frontdesk/ui/appointment-week/held-slot", Fixture, NULL,
              fd_test_office_setup, test_held_slot, fd_test_office_teardown);

  return fd_test_run ();
}
