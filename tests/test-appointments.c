/* test-appointments.c: the appointment book at two workstations, each a real window signed
 * in as its own staff login: moves, the appointment menu picked item by item in the open
 * popover, cancelling with a reason, Undo in the toast, the keyboard and what a screen
 * reader meets, drag and drop, the editor and new bookings. Screenshots go to the build
 * folder.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "fd-appointment-block.h"
#include "fd-appointment-editor.h"
#include "fd-appointments-module.h"
#include "fd-client-appointments-dialog.h"
#include "fd-day-view.h"
#include "fd-free-slot-dialog.h"
#include "fd-free-slot.h"
#include "fd-test-book.h"
#include "fd-test-desk.h"
#include "fd-test-server.h"
#include "fd-test-ui.h"
#include "fd-window.h"

/* Anna and Ben, two front desk workstations on one practice of 30 clients. */
typedef FdTestOffice Fixture;

typedef struct
{
  FdDayView  *view;
  const char *id;
  const char *operatory_id;
  int         minute;
} BlockWait;

static gboolean
block_is_at (gpointer user_data)
{
  BlockWait *wait = user_data;
  FdAppointment *appointment = fd_day_view_find (wait->view, wait->id);

  return appointment != NULL &&
         g_str_equal (fd_appointment_get_operatory_id (appointment), wait->operatory_id) &&
         fd_appointment_get_start_minute (appointment) == wait->minute;
}

static gboolean
block_shown (gpointer user_data)
{
  BlockWait *wait = user_data;

  return fd_day_view_find (wait->view, wait->id) != NULL;
}

/* Anna drags an appointment to another room and time; Ben's book shows it moved. */
static void
test_appointment_moved_at_one_desk_moves_at_the_other (Fixture       *fixture,
                                                       gconstpointer  data)
{
  g_autofree char *picked = fd_test_query_value (
    fixture->owner, "SELECT a.id || '|' || frontdesk.practice_day(a.starts_at) || '|' || "
                    "(SELECT min(o.id) FROM frontdesk.operatories o WHERE o.id <> a.operatory_id) "
                    "FROM frontdesk.appointments a WHERE a.length_minutes <= 30 "
                    "ORDER BY a.starts_at LIMIT 1");
  g_auto(GStrv) parts = g_strsplit (picked, "|", 3);
  g_autoptr(GDateTime) day = NULL;
  g_autofree char *iso = g_strdup_printf ("%sT12:00:00", parts[1]);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  FdAppointmentsModule *annas;
  FdAppointmentsModule *bens;
  BlockWait moved;

  day = g_date_time_new_from_iso8601 (iso, local);
  annas = fd_test_book_open (&fixture->anna, day);
  bens = fd_test_book_open (&fixture->ben, day);
  moved = (BlockWait) { fd_appointments_module_get_view (bens), parts[0], parts[2], 16 * 60 + 30 };

  fd_test_wait_until (block_shown, &moved, "the appointment in Ben's book");
  fd_test_wait_until (block_shown, &(BlockWait) { fd_appointments_module_get_view (annas),
                                                  parts[0], NULL, 0 },
                      "the appointment in Anna's book");
  before = fd_test_ui_screenshot (GTK_WIDGET (fixture->ben.window), "appointments-before-move");

  fd_appointments_module_move (annas,
                               fd_day_view_find (fd_appointments_module_get_view (annas), parts[0]),
                               parts[2], 16 * 60 + 30);
  fd_test_wait_until (block_is_at, &moved, "the move to reach Ben's book");
  after = fd_test_ui_screenshot (GTK_WIDGET (fixture->ben.window), "appointments-after-move");
}

static gboolean
no_editor_left (gpointer user_data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (FD_IS_APPOINTMENT_EDITOR (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return FALSE;
    }
  return TRUE;
}

/* Double-clicking an appointment edits it under its lock; an empty slot books a new one. */
static void
test_appointment_editor_and_booking (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autofree char *picked = fd_test_query_value (
    fixture->owner, "SELECT a.id || '|' || frontdesk.practice_day(a.starts_at) || '|' || "
                    "a.operatory_id FROM frontdesk.appointments a ORDER BY a.starts_at LIMIT 1");
  g_auto(GStrv) parts = g_strsplit (picked, "|", 3);
  g_autofree char *iso = g_strdup_printf ("%sT12:00:00", parts[1]);
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  g_autoptr(GDateTime) day = g_date_time_new_from_iso8601 (iso, local);
  g_autofree char *note = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *booked = NULL;
  g_autofree char *shot = NULL;
  FdAppointmentsModule *annas = fd_test_book_open (&fixture->anna, day);
  FdAppointmentsModule *bens = fd_test_book_open (&fixture->ben, day);
  BlockWait shown = { fd_appointments_module_get_view (annas), parts[0], NULL, 0 };
  FdAppointmentEditor *editor;
  AdwMessageDialog *dialog;

  fd_test_wait_until (block_shown, &shown, "the appointment in Anna's book");
  fd_appointment_editor_open (GTK_WINDOW (fixture->anna.window), fixture->anna.database,
                              fd_day_view_find (fd_appointments_module_get_view (annas), parts[0]),
                              parts[1]);
  editor = FD_APPOINTMENT_EDITOR (fd_test_ui_wait_for_window (FD_TYPE_APPOINTMENT_EDITOR));
  g_free (shot);
  shot = fd_test_ui_screenshot (GTK_WIDGET (editor), "appointment-editor");

  /* Ben double-clicks the same appointment: asked first, Cancel by default. */
  shown.view = fd_appointments_module_get_view (bens);
  fd_test_wait_until (block_shown, &shown, "the appointment in Ben's book");
  fd_appointment_editor_open (GTK_WINDOW (fixture->ben.window), fixture->ben.database,
                              fd_day_view_find (fd_appointments_module_get_view (bens), parts[0]),
                              parts[1]);
  dialog = fd_test_desk_wait_for_dialog ("first-warning");
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Appointment in Use");
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "cancel");
  fd_test_desk_answer (dialog, "cancel");

  /* Anna saves a note: only that column is written, and her editor closes. */
  fd_appointment_editor_set_field (editor, "note", "Bring the referral letter");
  gtk_widget_activate (fd_test_ui_find_with_class (GTK_WIDGET (editor), "suggested-action", NULL));
  fd_test_wait_until (no_editor_left, NULL, "the editor to close after saving");
  sql = g_strdup_printf ("SELECT note FROM frontdesk.appointments WHERE id = %s", parts[0]);
  note = fd_test_query_value (fixture->owner, sql);
  g_assert_cmpstr (note, ==, "Bring the referral letter");

  /* Closing a booking with something typed asks first; Discard stores nothing. */
  editor = fd_appointment_editor_new_booking (GTK_WINDOW (fixture->anna.window),
                                              fixture->anna.database, parts[1], parts[2],
                                              16 * 60 + 45);
  fd_appointment_editor_set_field (editor, "note", "Typed, then thought better of it");
  gtk_window_close (GTK_WINDOW (editor));
  dialog = fd_test_desk_wait_for_dialog ("leave-dialog");
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Book This Appointment?");
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "save");
  g_free (shot);
  shot = fd_test_ui_screenshot (GTK_WIDGET (dialog), "appointment-booking-leave");
  fd_test_desk_answer (dialog, "discard");
  fd_test_wait_until (no_editor_left, NULL, "the discarded booking to close");

  /* An empty slot at the end of the day: a new booking for client 1. */
  editor = fd_appointment_editor_new_booking (GTK_WINDOW (fixture->anna.window),
                                              fixture->anna.database, parts[1], parts[2],
                                              16 * 60 + 45);
  fd_appointment_editor_pick_client (editor, "1", "Client One");
  fd_appointment_editor_set_field (editor, "length", "15");
  g_free (shot);
  shot = fd_test_ui_screenshot (GTK_WIDGET (editor), "appointment-booking");
  gtk_widget_activate (fd_test_ui_find_with_class (GTK_WIDGET (editor), "suggested-action", NULL));
  fd_test_wait_until (no_editor_left, NULL, "the booking window to close");
  g_free (sql);
  sql = g_strdup_printf ("SELECT string_agg(id::text, ',') FROM frontdesk.appointments "
                         "WHERE client_id = 1 AND operatory_id = %s AND length_minutes = 15 "
                         "AND frontdesk.practice_day(starts_at) = '%s'", parts[2], parts[1]);
  booked = fd_test_query_value (fixture->owner, sql);
  g_assert_nonnull (booked);
  g_assert_null (strchr (booked, ','));

  /* Ben's book shows the new appointment without anyone asking it to. */
  shown.id = booked;
  fd_test_wait_until (block_shown, &shown, "the new booking in Ben's book");
}

/* A move in the book meets the appointment held by an open transaction elsewhere: the
 * person is told who, and Try Again moves it once they are done — at both desks. */
static void
test_busy_move_offers_try_again (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autofree char *picked = fd_test_query_value (
    fixture->owner, "SELECT a.id || '|' || frontdesk.practice_day(a.starts_at) || '|' || "
                    "(SELECT min(o.id) FROM frontdesk.operatories o WHERE o.id <> a.operatory_id) "
                    "FROM frontdesk.appointments a ORDER BY a.starts_at LIMIT 1");
  g_auto(GStrv) parts = g_strsplit (picked, "|", 3);
  g_autofree char *iso = g_strdup_printf ("%sT12:00:00", parts[1]);
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  g_autoptr(GDateTime) day = g_date_time_new_from_iso8601 (iso, local);
  g_autoptr(FdConnection) blocker = fd_test_open_connection (fixture->dbname);
  g_autofree char *sql = NULL;
  g_autofree char *where = NULL;
  FdAppointmentsModule *annas;
  FdAppointmentsModule *bens;
  AdwMessageDialog *dialog;
  BlockWait moved;

  /* The 15:00 slot is cleared first, so no double-booking is asked about. */
  sql = g_strdup_printf ("UPDATE frontdesk.appointments SET starts_at = starts_at + "
                         "interval '10 hours' WHERE operatory_id = %s AND "
                         "frontdesk.practice_day(starts_at) = '%s' AND "
                         "starts_at < frontdesk.practice_instant('%s', 17 * 60) AND "
                         "starts_at + make_interval(mins => length_minutes) > "
                         "frontdesk.practice_instant('%s', 15 * 60)", parts[2], parts[1],
                         parts[1], parts[1]);
  fd_test_exec (fixture->owner, sql);
  g_clear_pointer (&sql, g_free);
  annas = fd_test_book_open (&fixture->anna, day);
  bens = fd_test_book_open (&fixture->ben, day);
  moved = (BlockWait) { fd_appointments_module_get_view (bens), parts[0], parts[2], 15 * 60 };
  fd_test_wait_until (block_shown, &(BlockWait) { fd_appointments_module_get_view (annas),
                                                  parts[0], NULL, 0 },
                      "the appointment in Anna's book");

  fd_test_exec (blocker, "BEGIN");
  sql = g_strdup_printf ("SELECT 1 FROM frontdesk.appointments WHERE id = %s FOR UPDATE",
                         parts[0]);
  fd_test_exec (blocker, sql);
  fd_appointments_module_move (annas,
                               fd_day_view_find (fd_appointments_module_get_view (annas), parts[0]),
                               parts[2], 15 * 60);
  dialog = fd_test_desk_wait_for_dialog ("busy-dialog");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "(outside Frontdesk) is in the "
                                                                  "middle of changing this"));
  g_free (sql);
  sql = g_strdup_printf ("SELECT operatory_id FROM frontdesk.appointments WHERE id = %s",
                         parts[0]);
  where = fd_test_query_value (fixture->owner, sql);
  g_assert_cmpstr (where, !=, parts[2]);

  fd_test_exec (blocker, "COMMIT");
  fd_test_desk_answer (dialog, "retry");
  fd_test_wait_until (block_is_at, &moved, "the retried move to reach Ben's book");
  g_free (where);
  where = fd_test_query_value (fixture->owner, sql);
  g_assert_cmpstr (where, ==, parts[2]);
}

/* What a person touches ------------------------------------------------------------------ */

static GtkWidget *
focused_in (FdDayView *view)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (view));

  return gtk_root_get_focus (root);
}

/* A key pressed while something in the book has focus, as the book's key handler meets it. */
static void
press_key (FdDayView       *view,
           guint            keyval,
           GdkModifierType  state)
{
  gboolean handled = FALSE;

  g_assert_true (gtk_widget_is_ancestor (focused_in (view), GTK_WIDGET (view)));
  g_signal_emit_by_name (fd_test_ui_find_controller (GTK_WIDGET (view),
                                                     GTK_TYPE_EVENT_CONTROLLER_KEY),
                         "key-pressed", keyval, 0, state, &handled);
  g_assert_true (handled);
}

/* Opens the menu of @block with the keyboard (Shift+F10) and picks @item in it. */
static void
pick_from_menu (FdAppointmentsModule *book,
                GtkWidget            *block,
                const char           *item,
                const char           *shot)
{
  FdDayView *view = fd_appointments_module_get_view (book);
  GtkPopover *menu;
  GtkWidget *button;
  GdkRectangle pointing;
  graphene_point_t origin;
  g_autofree char *path = NULL;

  fd_test_ui_wait_for_frames (block, 2);
  g_assert_true (gtk_widget_grab_focus (block));
  press_key (view, GDK_KEY_F10, GDK_SHIFT_MASK);
  fd_test_ui_wait_for_menu (GTK_WIDGET (book), TRUE, "the appointment menu");
  menu = fd_test_ui_find_open_menu (GTK_WIDGET (book));

  /* It points into the block it belongs to. */
  g_assert_true (gtk_popover_get_pointing_to (menu, &pointing));
  g_assert_true (gtk_widget_compute_point (block, GTK_WIDGET (book),
                                           &GRAPHENE_POINT_INIT (0, 0), &origin));
  g_assert_cmpint (pointing.x, >=, (int) origin.x);
  g_assert_cmpint (pointing.x, <=, (int) origin.x + gtk_widget_get_width (block));
  g_assert_cmpint (pointing.y, >=, (int) origin.y);
  g_assert_cmpint (pointing.y, <=, (int) origin.y + gtk_widget_get_height (block));

  if (shot != NULL)
    path = fd_test_ui_screenshot (GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (book))), shot);
  button = fd_test_ui_find_menu_item (GTK_WIDGET (menu), item);
  g_assert_nonnull (button);
  gtk_widget_activate (button);
  fd_test_ui_wait_for_menu (GTK_WIDGET (book), FALSE, "the menu to close");
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child) && gtk_widget_get_mapped (child) &&
          g_strcmp0 (gtk_button_get_label (GTK_BUTTON (child)), label) == 0)
        return child;
      found = find_button (child, label);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_undo (GtkWidget *root)
{
  return find_button (root, "_Undo");
}

static gboolean
undo_offered (gpointer user_data)
{
  return find_undo (user_data) != NULL;
}

/* Presses Undo in the toast the change just made shows. */
static void
press_undo (FdTestDesk *desk)
{
  fd_test_wait_until (undo_offered, desk->window, "Undo in the toast");
  gtk_widget_activate (find_undo (GTK_WIDGET (desk->window)));
}

/* What the database and the books hold ------------------------------------------------------- */

typedef struct
{
  FdConnection *connection;
  char         *sql;
  const char   *expected;
} StoredWait;

static gboolean
stored_is (gpointer user_data)
{
  StoredWait *wait = user_data;
  g_autofree char *value = fd_test_query_value (wait->connection, wait->sql);

  return g_strcmp0 (value, wait->expected) == 0;
}

static void
wait_stored (Fixture    *fixture,
             const char *id,
             const char *column,
             const char *expected)
{
  StoredWait wait = { fixture->owner, NULL, expected };
  g_autofree char *what = g_strdup_printf ("%s to be stored as %s", column,
                                           expected ? expected : "nothing");

  wait.sql = g_strdup_printf ("SELECT %s FROM frontdesk.appointments WHERE id = %s", column, id);
  fd_test_wait_until (stored_is, &wait, what);
  g_free (wait.sql);
}

typedef struct
{
  FdDayView  *view;
  const char *id;
  const char *label;
} NameWait;

static gboolean
block_named (gpointer user_data)
{
  NameWait *wait = user_data;
  GtkWidget *block = fd_day_view_get_block (wait->view, wait->id);
  g_autofree char *mismatch = NULL;

  if (block == NULL)
    return FALSE;
  mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (block),
                                                 GTK_ACCESSIBLE_PROPERTY_LABEL, wait->label);
  return mismatch == NULL;
}

static gboolean
block_gone (gpointer user_data)
{
  NameWait *wait = user_data;

  return fd_day_view_get_block (wait->view, wait->id) == NULL;
}

/* A scheduled appointment in the afternoon: id, day, operatory, what a screen reader reads,
 * its start minute and length. */
typedef struct
{
  GStrv      parts;
  GDateTime *day;
} Picked;

static void
picked_clear (Picked *picked)
{
  g_clear_pointer (&picked->parts, g_strfreev);
  g_clear_pointer (&picked->day, g_date_time_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Picked, picked_clear)

#define NAME_SQL(confirmation)                                                              \
  "c.first_name || ' ' || c.last_name || ', ' || "                                         \
  "to_char(a.starts_at AT TIME ZONE p.time_zone, 'HH24:MI') || ' to ' || "                 \
  "to_char((a.starts_at + make_interval(mins => a.length_minutes)) AT TIME ZONE "          \
  "p.time_zone, 'HH24:MI') || ', ' || o.name || ', ' || "                                   \
  "coalesce(nullif(pr.title, ''), pr.first_name) || ' ' || pr.last_name || ', ' || "        \
  confirmation

#define FROM_SQL                                                                            \
  " FROM frontdesk.appointments a JOIN frontdesk.practice p ON true "                       \
  "JOIN frontdesk.clients c ON c.id = a.client_id "                                         \
  "JOIN frontdesk.operatories o ON o.id = a.operatory_id "                                  \
  "JOIN frontdesk.providers pr ON pr.id = a.provider_id "                                   \
  "LEFT JOIN frontdesk.definitions cd ON cd.id = a.confirmation_id "

static void
pick_afternoon (Fixture *fixture,
                Picked  *picked)
{
  g_autofree char *row = fd_test_query_value (
    fixture->owner,
    "SELECT a.id || '|' || frontdesk.practice_day(a.starts_at) || '|' || a.operatory_id || '|' || "
    NAME_SQL ("coalesce(cd.name, 'Not confirmed')") " || '|' || "
    "(extract(hour FROM a.starts_at AT TIME ZONE p.time_zone) * 60)::int || '|' || "
    "a.length_minutes" FROM_SQL
    "WHERE a.status = 'scheduled' AND a.starts_at > now() "
    "AND extract(hour FROM a.starts_at AT TIME ZONE p.time_zone) BETWEEN 14 AND 15 "
    "ORDER BY a.starts_at LIMIT 1");
  g_autofree char *iso = NULL;
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();

  g_assert_nonnull (row);
  picked->parts = g_strsplit (row, "|", 6);
  iso = g_strdup_printf ("%sT12:00:00", picked->parts[1]);
  picked->day = g_date_time_new_from_iso8601 (iso, local);
}

/* The day after @day that the sample providers work (Monday to Friday): the server refuses
 * a move to a day the provider is not scheduled. */
static GDateTime *
next_working_day (GDateTime *day)
{
  GDateTime *next = g_date_time_add_days (day, 1);

  while (g_date_time_get_day_of_week (next) > 5)
    {
      GDateTime *later = g_date_time_add_days (next, 1);

      g_date_time_unref (next);
      next = later;
    }
  return next;
}

static char *
stored_name (Fixture    *fixture,
             const char *id)
{
  g_autofree char *sql = g_strdup_printf (
    "SELECT " NAME_SQL ("coalesce(cd.name, 'Not confirmed')") FROM_SQL "WHERE a.id = %s", id);

  return fd_test_query_value (fixture->owner, sql);
}

static GtkAdjustment *
book_scroll (FdAppointmentsModule *book)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (GTK_WIDGET (fd_appointments_module_get_view (book)),
                                                 GTK_TYPE_SCROLLED_WINDOW);

  return gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
}

/* Scrolls the book so that @block is in sight, for a screenshot. */
static void
scroll_to_block (FdAppointmentsModule *book,
                 GtkWidget            *block)
{
  graphene_point_t at;

  fd_test_ui_wait_for_frames (block, 2);
  g_assert_true (gtk_widget_compute_point (block, GTK_WIDGET (fd_appointments_module_get_view (book)),
                                           &GRAPHENE_POINT_INIT (0, 0), &at));
  gtk_adjustment_set_value (book_scroll (book), at.y - 150);
  fd_test_ui_wait_for_frames (block, 2);
}

/* The menu ---------------------------------------------------------------------------------- */

/* Anna sets an appointment Complete, then confirms it, each picked from the open menu; Ben's
 * book shows each at once; Undo in Anna's toast puts it back at both desks. The book stays
 * scrolled where it was. */
static void
test_status_menu_and_undo (Fixture       *fixture,
                           gconstpointer  data)
{
  g_auto(Picked) picked = { 0 };
  g_autofree char *sql = NULL;
  g_autofree char *confirmation = NULL;
  g_autofree char *audits = NULL;
  g_auto(GStrv) confirm = NULL;
  g_autofree char *complete_name = NULL;
  g_autofree char *confirmed_name = NULL;
  FdAppointmentsModule *annas;
  FdAppointmentsModule *bens;
  GtkAdjustment *scroll;
  GtkWidget *block;
  double scrolled_to;
  NameWait shown;

  pick_afternoon (fixture, &picked);
  annas = fd_test_book_open (&fixture->anna, picked.day);
  bens = fd_test_book_open (&fixture->ben, picked.day);
  shown = (NameWait) { fd_appointments_module_get_view (bens), picked.parts[0], picked.parts[3] };
  fd_test_wait_until (block_named, &shown, "the appointment, named, in Ben's book");
  shown.view = fd_appointments_module_get_view (annas);
  fd_test_wait_until (block_named, &shown, "the appointment, named, in Anna's book");
  block = fd_day_view_get_block (shown.view, picked.parts[0]);
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (block), GTK_ACCESSIBLE_ROLE_BUTTON);
  g_assert_true (gtk_widget_get_focusable (block));

  /* Anna has scrolled down to the afternoon. */
  g_assert_true (gtk_widget_grab_focus (block));
  fd_test_ui_wait_for_frames (GTK_WIDGET (fixture->anna.window), 2);
  scroll = book_scroll (annas);
  gtk_adjustment_set_value (scroll, gtk_adjustment_get_upper (scroll));
  fd_test_ui_wait_for_frames (GTK_WIDGET (fixture->anna.window), 2);
  scrolled_to = gtk_adjustment_get_value (scroll);
  g_assert_cmpfloat (scrolled_to, >, 100);

  audits = g_strdup_printf ("SELECT count(*) FROM frontdesk.audit_log WHERE "
                            "table_name = 'appointments' AND record_id = '%s'", picked.parts[0]);
  g_free (confirmation);
  confirmation = fd_test_query_value (fixture->owner, audits);
  g_assert_cmpstr (confirmation, ==, "0");

  pick_from_menu (annas, block, "Complete", "appointment-menu");
  wait_stored (fixture, picked.parts[0], "status", "complete");
  g_free (confirmation);
  confirmation = fd_test_query_value (fixture->owner, audits);
  g_assert_cmpstr (confirmation, ==, "1");
  complete_name = g_strdup_printf ("%s", picked.parts[3]);
  {
    /* "…, Dr Lee, Complete, Confirmed": the status comes before the confirmation. */
    char *last = strrchr (complete_name, ',');
    g_autofree char *tail = g_strdup (last);

    *last = '\0';
    confirmed_name = g_strdup_printf ("%s, Complete%s", complete_name, tail);
  }
  shown = (NameWait) { fd_appointments_module_get_view (bens), picked.parts[0], confirmed_name };
  fd_test_wait_until (block_named, &shown, "Complete in Ben's book");
  shown.view = fd_appointments_module_get_view (annas);
  fd_test_wait_until (block_named, &shown, "Complete in Anna's book");
  fd_test_ui_wait_for_frames (GTK_WIDGET (fixture->anna.window), 2);
  g_assert_cmpfloat (ABS (gtk_adjustment_get_value (scroll) - scrolled_to), <, 1);
  g_assert_true (focused_in (shown.view) == fd_day_view_get_block (shown.view, picked.parts[0]));

  /* Undo, in Anna's toast: scheduled again at both desks. */
  press_undo (&fixture->anna);
  wait_stored (fixture, picked.parts[0], "status", "scheduled");
  shown = (NameWait) { fd_appointments_module_get_view (bens), picked.parts[0], picked.parts[3] };
  fd_test_wait_until (block_named, &shown, "the undone status in Ben's book");

  /* A confirmation other than the one it has, picked by name. */
  sql = g_strdup_printf ("SELECT d.id || '|' || d.name FROM frontdesk.definitions d "
                         "WHERE d.category = 'confirmation_status' AND NOT d.hidden AND "
                         "d.id IS DISTINCT FROM (SELECT confirmation_id FROM "
                         "frontdesk.appointments WHERE id = %s) ORDER BY d.sort_order LIMIT 1",
                         picked.parts[0]);
  g_free (confirmation);
  confirmation = fd_test_query_value (fixture->owner, sql);
  confirm = g_strsplit (confirmation, "|", 2);
  block = fd_day_view_get_block (fd_appointments_module_get_view (annas), picked.parts[0]);
  pick_from_menu (annas, block, confirm[1], NULL);
  wait_stored (fixture, picked.parts[0], "confirmation_id::text", confirm[0]);
  g_free (confirmed_name);
  confirmed_name = stored_name (fixture, picked.parts[0]);
  g_assert_nonnull (g_str_has_suffix (confirmed_name, confirm[1]) ? confirmed_name : NULL);
  shown = (NameWait) { fd_appointments_module_get_view (bens), picked.parts[0], confirmed_name };
  fd_test_wait_until (block_named, &shown, "the confirmation in Ben's book");
  g_assert_cmpfloat (ABS (gtk_adjustment_get_value (scroll) - scrolled_to), <, 1);
}

/* Anna cancels an appointment with a reason: kept, hidden from both books until Show
 * Cancelled, which shows it with the reason; Undo brings it back. */
static void
test_cancel_with_reason (Fixture       *fixture,
                         gconstpointer  data)
{
  g_auto(Picked) picked = { 0 };
  g_autofree char *shot = NULL;
  g_autofree char *count = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *cancelled_name = NULL;
  FdAppointmentsModule *annas;
  FdAppointmentsModule *bens;
  AdwMessageDialog *dialog;
  GtkWidget *reason;
  GtkWidget *toggle;
  NameWait shown;

  pick_afternoon (fixture, &picked);
  annas = fd_test_book_open (&fixture->anna, picked.day);
  bens = fd_test_book_open (&fixture->ben, picked.day);
  shown = (NameWait) { fd_appointments_module_get_view (bens), picked.parts[0], picked.parts[3] };
  fd_test_wait_until (block_named, &shown, "the appointment in Ben's book");
  shown.view = fd_appointments_module_get_view (annas);
  fd_test_wait_until (block_named, &shown, "the appointment in Anna's book");

  pick_from_menu (annas, fd_day_view_get_block (shown.view, picked.parts[0]),
                  "Cancel Appointment…", NULL);
  dialog = fd_test_desk_wait_for_dialog ("cancel-dialog");
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Cancel Appointment?");
  g_assert_cmpstr (adw_message_dialog_get_close_response (dialog), ==, "keep");
  /* No reason, no cancellation. */
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "cancel-appointment"));
  reason = adw_message_dialog_get_extra_child (dialog);
  g_assert_true (GTK_IS_ENTRY (reason));
  g_assert_null (gtk_test_accessible_check_property (GTK_ACCESSIBLE (reason),
                                                     GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                     "Reason for the cancellation"));
  gtk_editable_set_text (GTK_EDITABLE (reason), "   ");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "cancel-appointment"));
  gtk_editable_set_text (GTK_EDITABLE (reason), "Called in sick");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "cancel-appointment"));
  shot = fd_test_ui_screenshot (GTK_WIDGET (dialog), "appointment-cancel-dialog");
  /* Enter in the reason: the default response, Cancel Appointment. */
  g_signal_emit_by_name (reason, "activate");
  fd_test_wait_until (block_gone, &shown, "the cancelled appointment to leave Anna's book");

  wait_stored (fixture, picked.parts[0], "status || ': ' || cancel_reason",
               "cancelled: Called in sick");
  shown.view = fd_appointments_module_get_view (bens);
  fd_test_wait_until (block_gone, &shown, "the cancelled appointment to leave Ben's book");
  fd_test_ui_wait_for_label (GTK_WIDGET (fixture->ben.window), "cancelled");

  /* Ben shows the cancelled ones: there it is, with its reason. */
  toggle = find_button (GTK_WIDGET (fixture->ben.window), "Show _Cancelled");
  g_assert_true (GTK_IS_TOGGLE_BUTTON (toggle));
  gtk_widget_activate (toggle);
  {
    /* The status goes before the confirmation. */
    char *last = strrchr (picked.parts[3], ',');
    g_autofree char *head = g_strndup (picked.parts[3], last - picked.parts[3]);

    cancelled_name = g_strdup_printf ("%s, Cancelled%s, Called in sick", head, last);
  }
  shown = (NameWait) { fd_appointments_module_get_view (bens), picked.parts[0], cancelled_name };
  fd_test_wait_until (block_named, &shown, "the cancelled appointment shown in Ben's book");
  fd_test_ui_wait_for_label (GTK_WIDGET (fixture->ben.window), "Cancelled: Called in sick");
  scroll_to_block (bens, fd_day_view_get_block (shown.view, picked.parts[0]));
  g_free (shot);
  shot = fd_test_ui_screenshot (GTK_WIDGET (fixture->ben.window), "appointments-show-cancelled");

  /* Undo in Anna's toast: scheduled again, the reason gone, back in both books. */
  press_undo (&fixture->anna);
  wait_stored (fixture, picked.parts[0], "status || coalesce(cancel_reason, '')", "scheduled");
  shown = (NameWait) { fd_appointments_module_get_view (annas), picked.parts[0], picked.parts[3] };
  fd_test_wait_until (block_named, &shown, "the appointment back in Anna's book");
  shown.view = fd_appointments_module_get_view (bens);
  fd_test_wait_until (block_named, &shown, "the appointment back in Ben's book");

  /* The server refuses a cancellation without a reason, whoever asks. */
  sql = g_strdup_printf ("SELECT frontdesk.explain_violation('appointments_cancel_reason_given', '')");
  count = fd_test_query_value (fixture->owner, sql);
  g_assert_cmpstr (count, ==,
                   "A cancelled appointment needs the reason it was cancelled (cancel reason).");
}

/* The keyboard and screen reader --------------------------------------------------------------- */

static gboolean
editor_shown (gpointer user_data)
{
  return !no_editor_left (NULL);
}

static FdAppointmentEditor *
close_editor_shown (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (FD_IS_APPOINTMENT_EDITOR (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        {
          gtk_window_close (window);
          return FD_APPOINTMENT_EDITOR (window);
        }
    }
  return NULL;
}

/* The first 10-minute slot of @day where @operatory_id is free for @length minutes, in
 * minutes after midnight. */
static char *
first_free_minute_for (Fixture    *fixture,
                       const char *operatory_id,
                       const char *day,
                       int         length)
{
  g_autofree char *sql = g_strdup_printf (
    "SELECT m FROM generate_series(8 * 60, 17 * 60 - %d, 10) AS m "
    "WHERE NOT EXISTS (SELECT 1 FROM frontdesk.appointments a WHERE a.operatory_id = %s "
    "AND a.starts_at < frontdesk.practice_instant('%s', m + %d) "
    "AND a.starts_at + make_interval(mins => a.length_minutes) > "
    "frontdesk.practice_instant('%s', m)) ORDER BY m LIMIT 1",
    length, operatory_id, day, length, day);

  return fd_test_query_value (fixture->owner, sql);
}

static char *
first_free_minute (Fixture    *fixture,
                   const char *operatory_id,
                   const char *day)
{
  return first_free_minute_for (fixture, operatory_id, day, 10);
}

/* Tab reaches the first appointment; the arrows move between blocks and free slots, each
 * named; Enter opens an appointment and books a free slot. A 15-minute block still shows
 * its status and confirmation. */
static void
test_keyboard_and_screen_reader (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_auto(Picked) picked = { 0 };
  g_autofree char *sql = NULL;
  g_autofree char *free_minute = NULL;
  g_autofree char *shot = NULL;
  g_autofree char *slot_name = NULL;
  g_autofree char *short_name = NULL;
  FdAppointmentsModule *annas;
  FdAppointmentsModule *bens;
  FdDayView *view;
  GtkWidget *block;
  GtkWidget *slot;
  GtkWidget *focus;
  GtkLabel *status;
  NameWait shown;
  int start;

  pick_afternoon (fixture, &picked);
  /* The appointment is 15 minutes long, made so at another desk. */
  sql = g_strdup_printf ("UPDATE frontdesk.appointments SET length_minutes = 15 WHERE id = %s",
                         picked.parts[0]);
  fd_test_exec (fixture->owner, sql);
  short_name = stored_name (fixture, picked.parts[0]);

  annas = fd_test_book_open (&fixture->anna, picked.day);
  bens = fd_test_book_open (&fixture->ben, picked.day);
  view = fd_appointments_module_get_view (annas);
  shown = (NameWait) { view, picked.parts[0], short_name };
  fd_test_wait_until (block_named, &shown, "the short appointment in Anna's book");
  block = fd_day_view_get_block (view, picked.parts[0]);
  fd_test_ui_wait_for_frames (GTK_WIDGET (fixture->anna.window), 2);

  /* Status and confirmation on the short block's first row, inside the block. */
  g_assert_cmpint (gtk_widget_get_height (block), <, 30);
  status = fd_test_ui_find_label (block, strrchr (short_name, ',') + 2);
  g_assert_nonnull (status);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (status)));
  {
    graphene_point_t at;

    g_assert_true (gtk_widget_compute_point (GTK_WIDGET (status), block,
                                             &GRAPHENE_POINT_INIT (0, 0), &at));
    g_assert_cmpfloat (at.y + gtk_widget_get_height (GTK_WIDGET (status)), <=,
                       gtk_widget_get_height (block) + 2);
    g_assert_cmpfloat (at.x + gtk_widget_get_width (GTK_WIDGET (status)), <=,
                       gtk_widget_get_width (block));
  }
  g_assert_nonnull (fd_test_ui_find_descendant (block, GTK_TYPE_IMAGE));
  gtk_widget_grab_focus (block);
  scroll_to_block (annas, block);
  shot = fd_test_ui_screenshot (GTK_WIDGET (fixture->anna.window), "appointments-short-block");

  /* Tab enters the book at its first appointment. */
  gtk_widget_grab_focus (GTK_WIDGET (fixture->anna.window));
  gtk_root_set_focus (GTK_ROOT (fixture->anna.window), NULL);
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (view), GTK_DIR_TAB_FORWARD));
  focus = focused_in (view);
  g_assert_true (FD_IS_APPOINTMENT_BLOCK (focus));
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (focus), GTK_ACCESSIBLE_ROLE_BUTTON);
  g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (focus),
                                                   GTK_ACCESSIBLE_PROPERTY_LABEL));

  /* Down from the short block: the free slot after it (the grid is 10 minutes, so the first
   * free one starts 20 minutes after the block's start), named for a screen reader. */
  gtk_widget_grab_focus (block);
  start = atoi (picked.parts[4]);
  press_key (view, GDK_KEY_Down, 0);
  slot = fd_day_view_get_slot (view, picked.parts[2], start + 20);
  g_assert_nonnull (slot);
  g_assert_true (focused_in (view) == slot);
  g_free (sql);
  sql = g_strdup_printf ("SELECT 'Free, %02d:%02d, ' || name FROM frontdesk.operatories "
                         "WHERE id = %s", (start + 20) / 60, (start + 20) % 60, picked.parts[2]);
  slot_name = fd_test_query_value (fixture->owner, sql);
  g_assert_null (gtk_test_accessible_check_property (GTK_ACCESSIBLE (slot),
                                                     GTK_ACCESSIBLE_PROPERTY_LABEL, slot_name));
  /* Up comes back. */
  press_key (view, GDK_KEY_Up, 0);
  g_assert_true (focused_in (view) == block);
  /* Right: the next operatory, at the same time. */
  press_key (view, GDK_KEY_Right, 0);
  focus = focused_in (view);
  g_assert_true (focus != block);
  press_key (view, GDK_KEY_Left, 0);
  g_assert_true (focused_in (view) == block);

  /* Enter on the block opens it in the editor. */
  press_key (view, GDK_KEY_Return, 0);
  fd_test_wait_until (editor_shown, NULL, "the appointment editor");
  close_editor_shown ();
  fd_test_wait_until (no_editor_left, NULL, "the editor to close");

  /* Enter on a free slot books there: the new booking's window opens. */
  free_minute = first_free_minute (fixture, picked.parts[2], picked.parts[1]);
  g_assert_nonnull (free_minute);
  slot = fd_day_view_get_slot (view, picked.parts[2], atoi (free_minute));
  g_assert_nonnull (slot);
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (slot), GTK_ACCESSIBLE_ROLE_BUTTON);
  g_assert_true (gtk_widget_grab_focus (slot));
  press_key (view, GDK_KEY_Return, 0);
  fd_test_wait_until (editor_shown, NULL, "the new booking's window");
  close_editor_shown ();
  fd_test_wait_until (no_editor_left, NULL, "the new booking's window to close");

  /* The view itself: a grid named for what it is. */
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_ROLE_GRID);
  (void) bens;
}

/* Drag and drop ------------------------------------------------------------------------------ */

/* Anna drags a block with GTK's drag source and drops it two hours later in another
 * operatory; Ben's book shows it there, and Undo puts it back. */
static void
test_drag_and_drop (Fixture       *fixture,
                    gconstpointer  data)
{
  g_auto(Picked) picked = { 0 };
  g_autofree char *sql = NULL;
  g_autofree char *other = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *was = NULL;
  GdkContentProvider *content;
  FdAppointmentsModule *annas;
  FdAppointmentsModule *bens;
  FdDayView *view;
  GtkWidget *block;
  GtkWidget *target_slot;
  GValue value = G_VALUE_INIT;
  gboolean dropped = FALSE;
  graphene_point_t at;
  BlockWait moved;
  int start;

  pick_afternoon (fixture, &picked);
  start = atoi (picked.parts[4]);
  sql = g_strdup_printf ("SELECT min(o.id) FROM frontdesk.operatories o WHERE o.id <> %s "
                         "AND NOT o.hidden AND NOT EXISTS (SELECT 1 FROM frontdesk.appointments a "
                         "WHERE a.operatory_id = o.id AND frontdesk.practice_day(a.starts_at) = '%s' "
                         "AND a.starts_at < frontdesk.practice_instant('%s', %d) "
                         "AND a.starts_at + make_interval(mins => a.length_minutes) > "
                         "frontdesk.practice_instant('%s', %d))",
                         picked.parts[2], picked.parts[1], picked.parts[1], 8 * 60 + 60,
                         picked.parts[1], 8 * 60);
  other = fd_test_query_value (fixture->owner, sql);
  if (other == NULL)
    {
      g_free (sql);
      sql = g_strdup_printf ("UPDATE frontdesk.appointments SET starts_at = starts_at + "
                             "interval '10 hours' WHERE frontdesk.practice_day(starts_at) = '%s' "
                             "AND operatory_id <> %s AND starts_at < frontdesk.practice_instant('%s', 9 * 60) "
                             "AND id <> %s", picked.parts[1], picked.parts[2], picked.parts[1],
                             picked.parts[0]);
      fd_test_exec (fixture->owner, sql);
      g_free (sql);
      sql = g_strdup_printf ("SELECT min(o.id) FROM frontdesk.operatories o WHERE o.id <> %s",
                             picked.parts[2]);
      other = fd_test_query_value (fixture->owner, sql);
    }

  annas = fd_test_book_open (&fixture->anna, picked.day);
  bens = fd_test_book_open (&fixture->ben, picked.day);
  view = fd_appointments_module_get_view (annas);
  moved = (BlockWait) { fd_appointments_module_get_view (bens), picked.parts[0], other, 8 * 60 };
  fd_test_wait_until (block_shown, &(BlockWait) { fd_appointments_module_get_view (bens),
                                                  picked.parts[0], NULL, 0 },
                      "the appointment in Ben's book");
  fd_test_wait_until (block_shown, &(BlockWait) { view, picked.parts[0], NULL, 0 },
                      "the appointment in Anna's book");
  fd_test_ui_wait_for_frames (GTK_WIDGET (fixture->anna.window), 2);
  block = fd_day_view_get_block (view, picked.parts[0]);
  g_assert_nonnull (block);

  /* The drag source offers the appointment, held 5 pixels below the block's top. */
  g_signal_emit_by_name (fd_test_ui_find_controller (block, GTK_TYPE_DRAG_SOURCE), "prepare",
                         20.0, 5.0, &content);
  g_assert_nonnull (content);
  g_value_init (&value, FD_TYPE_APPOINTMENT);
  g_assert_true (gdk_content_provider_get_value (content, &value, NULL));
  g_assert_true (g_value_get_object (&value) == fd_day_view_find (view, picked.parts[0]));
  g_object_unref (content);

  /* Dropped over the 08:00 slot of the other operatory, as held. */
  target_slot = fd_day_view_get_slot (view, other, 8 * 60);
  g_assert_nonnull (target_slot);
  g_assert_true (gtk_widget_compute_point (target_slot, GTK_WIDGET (view),
                                           &GRAPHENE_POINT_INIT (10, 5), &at));
  g_signal_emit_by_name (fd_test_ui_find_controller (GTK_WIDGET (view), GTK_TYPE_DROP_TARGET),
                         "drop", &value, (double) at.x, (double) at.y, &dropped);
  g_value_unset (&value);
  g_assert_true (dropped);
  fd_test_wait_until (block_is_at, &moved, "the dropped appointment in Ben's book");
  g_free (expected);
  expected = g_strdup (other);
  wait_stored (fixture, picked.parts[0], "operatory_id::text", expected);

  /* Undo at Anna's desk: back where it was, at both desks. */
  press_undo (&fixture->anna);
  moved = (BlockWait) { fd_appointments_module_get_view (bens), picked.parts[0], picked.parts[2],
                        start };
  fd_test_wait_until (block_is_at, &moved, "the undone move in Ben's book");
  moved.view = view;
  fd_test_wait_until (block_is_at, &moved, "the undone move in Anna's book");
  was = g_strdup (picked.parts[2]);
  wait_stored (fixture, picked.parts[0], "operatory_id::text", was);
}

/* The editor's date ------------------------------------------------------------------------- */

/* Anna gives an appointment another date in its editor: a date that cannot be is a sentence
 * and writes nothing; a real one moves it, start time kept, writing its start alone. It
 * leaves her book of the old day and appears in Ben's book of the new one. */
static void
test_editor_date (Fixture       *fixture,
                  gconstpointer  data)
{
  g_auto(Picked) picked = { 0 };
  g_autoptr(GDateTime) next_day = NULL;
  g_autofree char *next = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *changed = NULL;
  g_autofree char *shot = NULL;
  FdAppointmentsModule *annas;
  FdAppointmentsModule *bens;
  FdAppointmentEditor *editor;
  BlockWait shown;
  NameWait gone;

  pick_afternoon (fixture, &picked);
  next_day = next_working_day (picked.day);
  next = g_date_time_format (next_day, "%Y-%m-%d");
  annas = fd_test_book_open (&fixture->anna, picked.day);
  bens = fd_test_book_open (&fixture->ben, next_day);
  shown = (BlockWait) { fd_appointments_module_get_view (annas), picked.parts[0], NULL, 0 };
  fd_test_wait_until (block_shown, &shown, "the appointment in Anna's book");

  fd_appointment_editor_open (GTK_WINDOW (fixture->anna.window), fixture->anna.database,
                              fd_day_view_find (shown.view, picked.parts[0]), picked.parts[1]);
  editor = FD_APPOINTMENT_EDITOR (fd_test_ui_wait_for_window (FD_TYPE_APPOINTMENT_EDITOR));
  /* The date in the locale's form, with its calendar; no YYYY-MM-DD to read. */
  fd_test_ui_wait_for_label (GTK_WIDGET (editor), "Date");
  g_assert_null (fd_test_ui_find_label (GTK_WIDGET (editor), "YYYY"));
  shot = fd_test_ui_screenshot (GTK_WIDGET (editor), "appointment-editor-date");

  /* No such day: a sentence, and nothing written. */
  fd_appointment_editor_set_field (editor, "date", "02/30/2026");
  gtk_widget_activate (fd_test_ui_find_with_class (GTK_WIDGET (editor), "suggested-action", NULL));
  fd_test_ui_wait_for_label (GTK_WIDGET (editor), "That month has no day 30.");
  sql = g_strdup_printf ("SELECT frontdesk.practice_day(starts_at) FROM frontdesk.appointments "
                         "WHERE id = %s", picked.parts[0]);
  stored = fd_test_query_value (fixture->owner, sql);
  g_assert_cmpstr (stored, ==, picked.parts[1]);

  fd_appointment_editor_set_field (editor, "date", next);
  gtk_widget_activate (fd_test_ui_find_with_class (GTK_WIDGET (editor), "suggested-action", NULL));
  fd_test_wait_until (no_editor_left, NULL, "the editor to close after saving");
  g_free (stored);
  stored = fd_test_query_value (fixture->owner, sql);
  g_assert_cmpstr (stored, ==, next);
  g_free (sql);
  sql = g_strdup_printf ("SELECT (extract(hour FROM a.starts_at AT TIME ZONE p.time_zone) * 60 + "
                         "extract(minute FROM a.starts_at AT TIME ZONE p.time_zone))::int "
                         "FROM frontdesk.appointments a, frontdesk.practice p WHERE a.id = %s",
                         picked.parts[0]);
  g_free (stored);
  stored = fd_test_query_value (fixture->owner, sql);
  g_assert_cmpstr (stored, ==, picked.parts[4]);
  /* The save wrote the start and nothing else. */
  g_free (sql);
  sql = g_strdup_printf ("SELECT (SELECT string_agg(k, ',' ORDER BY k) FROM "
                         "jsonb_object_keys(changes) AS k) FROM frontdesk.audit_log WHERE "
                         "table_name = 'appointments' AND record_id = '%s' AND action = 'update' "
                         "ORDER BY id DESC LIMIT 1", picked.parts[0]);
  changed = fd_test_query_value (fixture->owner, sql);
  g_assert_cmpstr (changed, ==, "starts_at");

  gone = (NameWait) { shown.view, picked.parts[0], NULL };
  fd_test_wait_until (block_gone, &gone, "the appointment to leave Anna's book of the old day");
  shown.view = fd_appointments_module_get_view (bens);
  fd_test_wait_until (block_shown, &shown, "the appointment in Ben's book of the new day");
}

/* The provider filter: Anna shows one provider's day; the others' appointments leave her
 * book, their time offers no free slot, and All providers brings them back. */
static void
test_provider_filter (Fixture       *fixture,
                      gconstpointer  data)
{
  g_auto(Picked) picked = { 0 };
  g_autofree char *sql = NULL;
  g_autofree char *mine = NULL;
  g_autofree char *other = NULL;
  g_autofree char *shot = NULL;
  g_auto(GStrv) other_parts = NULL;
  FdAppointmentsModule *annas;
  GtkDropDown *dropdown;
  GListModel *names;
  BlockWait shown;
  guint chosen = G_MAXUINT;

  pick_afternoon (fixture, &picked);
  sql = g_strdup_printf ("SELECT coalesce(nullif(pr.title, ''), pr.first_name) || ' ' || "
                         "pr.last_name FROM frontdesk.appointments a JOIN frontdesk.providers pr "
                         "ON pr.id = a.provider_id WHERE a.id = %s", picked.parts[0]);
  mine = fd_test_query_value (fixture->owner, sql);
  g_free (sql);
  sql = g_strdup_printf ("SELECT b.id || '|' || b.operatory_id || '|' || "
                         "(extract(hour FROM b.starts_at AT TIME ZONE p.time_zone) * 60 + "
                         "extract(minute FROM b.starts_at AT TIME ZONE p.time_zone))::int "
                         "FROM frontdesk.appointments a, frontdesk.appointments b, "
                         "frontdesk.practice p WHERE a.id = %s AND b.provider_id <> a.provider_id "
                         "AND frontdesk.practice_day(b.starts_at) = frontdesk.practice_day("
                         "a.starts_at) AND b.status <> 'cancelled' ORDER BY b.starts_at LIMIT 1",
                         picked.parts[0]);
  other = fd_test_query_value (fixture->owner, sql);
  g_assert_nonnull (other);
  other_parts = g_strsplit (other, "|", 3);

  annas = fd_test_book_open (&fixture->anna, picked.day);
  shown = (BlockWait) { fd_appointments_module_get_view (annas), other_parts[0], NULL, 0 };
  fd_test_wait_until (block_shown, &shown, "another provider's appointment in Anna's book");

  dropdown = GTK_DROP_DOWN (fd_test_ui_find_descendant (GTK_WIDGET (annas), GTK_TYPE_DROP_DOWN));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Provider");
  names = gtk_drop_down_get_model (dropdown);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (names), 0), ==, "All providers");
  for (guint i = 0; i < g_list_model_get_n_items (names); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (names), i), mine) == 0)
      chosen = i;
  g_assert_cmpuint (chosen, !=, G_MAXUINT);
  gtk_drop_down_set_selected (dropdown, chosen);

  /* The other provider's block is gone, its time is still taken, the picked one stays. */
  g_assert_null (fd_day_view_get_block (shown.view, other_parts[0]));
  g_assert_null (fd_day_view_get_slot (shown.view, other_parts[1], atoi (other_parts[2])));
  g_assert_nonnull (fd_day_view_get_block (shown.view, picked.parts[0]));
  shot = fd_test_ui_screenshot (GTK_WIDGET (fixture->anna.window), "appointments-provider-filter");

  /* The same book in the dark style, to be looked at. */
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_DARK);
  g_free (shot);
  shot = fd_test_ui_screenshot (GTK_WIDGET (fixture->anna.window),
                                "appointments-provider-filter-dark");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  gtk_drop_down_set_selected (dropdown, 0);
  g_assert_nonnull (fd_day_view_get_block (shown.view, other_parts[0]));
}

/* Opening hours and provider schedules -------------------------------------------------- */

/* Outside the practice's hours, or on a day the provider does not work: the editor says so
 * before anything is written, and the server refuses the same when asked directly. */
static void
test_outside_hours_refused (Fixture       *fixture,
                            gconstpointer  data)
{
  g_auto(Picked) picked = { 0 };
  g_autofree char *provider = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *count = NULL;
  g_autofree char *saturday = NULL;
  g_autofree char *shot = NULL;
  g_autoptr(GDateTime) weekend = NULL;
  FdConnection *annas_connection = fd_database_get_connection (fixture->anna.database);
  FdAppointmentEditor *editor;

  pick_afternoon (fixture, &picked);
  weekend = g_date_time_add_days (picked.day, 6 - g_date_time_get_day_of_week (picked.day));
  saturday = g_date_time_format (weekend, "%Y-%m-%d");
  sql = g_strdup_printf ("SELECT provider_id FROM frontdesk.appointments WHERE id = %s",
                         picked.parts[0]);
  provider = fd_test_query_value (fixture->owner, sql);
  fd_test_book_open (&fixture->anna, picked.day);

  /* Straight to the server from Anna's session: an hour before opening, and a Saturday. */
  g_free (sql);
  sql = g_strdup_printf ("INSERT INTO frontdesk.appointments (client_id, provider_id, "
                         "operatory_id, starts_at) VALUES (1, %s, %s, "
                         "frontdesk.practice_instant('%s', 7 * 60))",
                         provider, picked.parts[2], picked.parts[1]);
  fd_test_assert_refused (annas_connection, sql, FD_DB_ERROR_OUTSIDE_HOURS,
                          "outside its hours");
  g_free (sql);
  sql = g_strdup_printf ("UPDATE frontdesk.appointments SET starts_at = "
                         "frontdesk.practice_instant('%s', 10 * 60) WHERE id = %s",
                         saturday, picked.parts[0]);
  fd_test_assert_refused (annas_connection, sql, FD_DB_ERROR_PROVIDER_NOT_SCHEDULED,
                          "is not scheduled on Saturday");

  /* In the editor: a booking running past closing time, then one on the Saturday. */
  editor = fd_appointment_editor_new_booking (GTK_WINDOW (fixture->anna.window),
                                              fixture->anna.database, picked.parts[1],
                                              picked.parts[2], 17 * 60 + 45);
  fd_appointment_editor_pick_client (editor, "1", "Client One");
  fd_appointment_editor_set_field (editor, "length", "30");
  gtk_widget_activate (fd_test_ui_find_with_class (GTK_WIDGET (editor), "suggested-action", NULL));
  fd_test_ui_wait_for_label (GTK_WIDGET (editor), "is outside its hours");
  shot = fd_test_ui_screenshot (GTK_WIDGET (editor), "appointment-booking-outside-hours");

  fd_appointment_editor_set_field (editor, "start", "10:00");
  fd_appointment_editor_set_field (editor, "date", saturday);
  gtk_widget_activate (fd_test_ui_find_with_class (GTK_WIDGET (editor), "suggested-action", NULL));
  fd_test_ui_wait_for_label (GTK_WIDGET (editor), "is not scheduled on");
  g_free (shot);
  shot = fd_test_ui_screenshot (GTK_WIDGET (editor), "appointment-booking-not-scheduled");

  g_free (sql);
  sql = g_strdup_printf ("SELECT count(*) FROM frontdesk.appointments WHERE client_id = 1 AND "
                         "frontdesk.practice_day(starts_at) IN ('%s', '%s') AND "
                         "(frontdesk.practice_day(starts_at) = '%s' OR "
                         "(starts_at AT TIME ZONE (SELECT time_zone FROM frontdesk.practice))"
                         "::time >= '17:45')",
                         picked.parts[1], saturday, saturday);
  count = fd_test_query_value (fixture->owner, sql);
  g_assert_cmpstr (count, ==, "0");
  gtk_window_destroy (GTK_WINDOW (editor));
}

/* Cut and Paste ------------------------------------------------------------------------------- */

/* Anna cuts an appointment from its menu, turns to the next day, and pastes it into a free
 * slot with Ctrl+V: its start and operatory move, Ben's book of that day shows it, and Undo
 * puts it back on its own day. */
static void
test_cut_and_paste (Fixture       *fixture,
                    gconstpointer  data)
{
  g_auto(Picked) picked = { 0 };
  g_autoptr(GDateTime) next_day = NULL;
  g_autofree char *next = NULL;
  g_autofree char *free_minute = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *shot = NULL;
  FdAppointmentsModule *annas;
  FdAppointmentsModule *bens;
  GtkWidget *slot;
  BlockWait shown;

  pick_afternoon (fixture, &picked);
  next_day = next_working_day (picked.day);
  next = g_date_time_format (next_day, "%Y-%m-%d");
  /* Free for the whole of it, so no double-booking is asked about. */
  sql = g_strdup_printf ("SELECT length_minutes FROM frontdesk.appointments WHERE id = %s",
                         picked.parts[0]);
  stored = fd_test_query_value (fixture->owner, sql);
  free_minute = first_free_minute_for (fixture, picked.parts[2], next, atoi (stored));
  g_clear_pointer (&sql, g_free);
  g_clear_pointer (&stored, g_free);
  g_assert_nonnull (free_minute);
  annas = fd_test_book_open (&fixture->anna, picked.day);
  bens = fd_test_book_open (&fixture->ben, next_day);
  shown = (BlockWait) { fd_appointments_module_get_view (annas), picked.parts[0], NULL, 0 };
  fd_test_wait_until (block_shown, &shown, "the appointment in Anna's book");

  pick_from_menu (annas, fd_day_view_get_block (shown.view, picked.parts[0]), "Cut", NULL);
  fd_test_ui_wait_for_label (GTK_WIDGET (fixture->anna.window), "On the pinboard: ");

  /* The next day: a free slot, focused, and Ctrl+V. */
  fd_appointments_module_show_day (annas, next_day);
  fd_test_wait_until (block_gone, &(NameWait) { shown.view, picked.parts[0], NULL },
                      "Anna's book of the next day");
  fd_test_ui_wait_for_frames (GTK_WIDGET (fixture->anna.window), 2);
  slot = fd_day_view_get_slot (shown.view, picked.parts[2], atoi (free_minute));
  g_assert_nonnull (slot);
  g_assert_true (gtk_widget_grab_focus (slot));
  press_key (shown.view, GDK_KEY_v, GDK_CONTROL_MASK);

  sql = g_strdup_printf ("SELECT frontdesk.practice_day(starts_at) || ' ' || "
                         "(starts_at = frontdesk.practice_instant(frontdesk.practice_day(starts_at), "
                         "%s))::text || ' ' || operatory_id FROM frontdesk.appointments WHERE id = %s",
                         free_minute, picked.parts[0]);
  expected = g_strdup_printf ("%s true %s", next, picked.parts[2]);
  {
    StoredWait wait = { fixture->owner, sql, expected };

    fd_test_wait_until (stored_is, &wait, "the pasted appointment to be stored");
  }
  {
    /* The pinboard is empty again. */
    GtkLabel *pinboard = fd_test_ui_find_label (GTK_WIDGET (fixture->anna.window),
                                                "On the pinboard: ");

    g_assert_true (pinboard == NULL || !gtk_widget_get_visible (GTK_WIDGET (pinboard)));
  }
  fd_test_wait_until (block_shown, &(BlockWait) { fd_appointments_module_get_view (bens),
                                                  picked.parts[0], NULL, 0 },
                      "the pasted appointment in Ben's book of the next day");
  shot = fd_test_ui_screenshot (GTK_WIDGET (fixture->anna.window), "appointments-pasted");

  /* Undo: back on its own day, at its own time. */
  press_undo (&fixture->anna);
  g_free (sql);
  sql = g_strdup_printf ("SELECT frontdesk.practice_day(starts_at) FROM frontdesk.appointments "
                         "WHERE id = %s", picked.parts[0]);
  {
    StoredWait wait = { fixture->owner, sql, picked.parts[1] };

    fd_test_wait_until (stored_is, &wait, "the paste to be undone");
  }
  fd_test_wait_until (block_gone, &(NameWait) { fd_appointments_module_get_view (bens),
                                                picked.parts[0], NULL },
                      "the undone paste to leave Ben's book of the next day");
  g_free (stored);
  stored = stored_name (fixture, picked.parts[0]);
  g_assert_cmpstr (stored, ==, picked.parts[3]);
}

/* Find a Free Slot ---------------------------------------------------------------------- */

typedef struct
{
  FdFreeSlotDialog *dialog;
  guint             searches;
} SearchWait;

static gboolean
search_answered (gpointer user_data)
{
  SearchWait *wait = user_data;

  return fd_free_slot_dialog_get_searches (wait->dialog) >= wait->searches;
}

static AdwComboRow *
find_combo (GtkWidget  *root,
            const char *title)
{
  if (ADW_IS_COMBO_ROW (root) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0)
    return ADW_COMBO_ROW (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwComboRow *found = find_combo (child, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Picks the choice that reads @label, as a person does in the open list. */
static void
choose (FdFreeSlotDialog *dialog,
        const char       *title,
        const char       *label)
{
  AdwComboRow *combo = find_combo (GTK_WIDGET (dialog), title);
  GListModel *choices;

  g_assert_nonnull (combo);
  choices = adw_combo_row_get_model (combo);
  for (guint i = 0; i < g_list_model_get_n_items (choices); i++)
    {
      if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (choices), i), label) == 0)
        {
          adw_combo_row_set_selected (combo, i);
          return;
        }
    }
  g_error ("No choice “%s” in %s", label, title);
}

/* Presses Find and waits for the openings it lists; returns the list. */
static GtkListBox *
press_find (FdFreeSlotDialog *dialog,
            SearchWait       *wait)
{
  gtk_widget_activate (fd_test_ui_find_with_class (GTK_WIDGET (dialog), "suggested-action",
                                                   "Find"));
  wait->searches++;
  fd_test_wait_until (search_answered, wait, "the openings");
  return GTK_LIST_BOX (fd_test_ui_find_with_class (GTK_WIDGET (dialog), "openings", NULL));
}

static FdFreeSlot *
opening (GtkListBox *list,
         int         index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, index);

  g_assert_nonnull (row);
  return fd_free_slot_dialog_get_slot (
    FD_FREE_SLOT_DIALOG (gtk_widget_get_root (GTK_WIDGET (list))), row);
}

/* Anna looks for half an hour with a provider: the list skips the closed hour before 09:00,
 * the hour booked, not the cancelled half hour, and the provider's unscheduled Monday;
 * activating an opening shows its day and opens its booking, which she books. */
static void
test_find_free_slot (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *monday = fd_test_query_value (
    fixture->owner, "SELECT (date_trunc('week', current_date + 400)::date + 7)::text");
  g_autofree char *first = fd_test_query_value (
    fixture->owner, "SELECT s.provider_id || '|' || s.operatory_id || '|' || o.name || '|' || "
                    "coalesce(nullif(p.title, ''), p.first_name) || ' ' || p.last_name || '|' || "
                    "p.abbreviation || ' ' || p.first_name || ' ' || p.last_name "
                    "FROM frontdesk.provider_schedules s "
                    "JOIN frontdesk.providers p ON p.id = s.provider_id "
                    "JOIN frontdesk.operatories o ON o.id = s.operatory_id "
                    "WHERE s.weekday = 1 AND NOT p.hidden AND NOT o.hidden "
                    "ORDER BY p.sort_order, p.id LIMIT 1");
  g_auto(GStrv) lee = g_strsplit (first, "|", 5);
  g_autofree char *second = NULL;
  g_auto(GStrv) other = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *iso = g_strdup_printf ("%sT12:00:00", monday);
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  g_autoptr(GDateTime) day = g_date_time_new_from_iso8601 (iso, local);
  g_autofree char *day_text = g_date_time_format (day, "%A %-d %B %Y");
  g_autofree char *from = fd_day_view_format_time (10 * 60);
  g_autofree char *to = fd_day_view_format_time (10 * 60 + 30);
  g_autofree char *expected = NULL;
  g_autofree char *booked = NULL;
  g_autofree char *shot = NULL;
  g_autoptr(FdFreeSlot) slot = NULL;
  BlockWait shown = { NULL, NULL, NULL, 0 };
  FdAppointmentsModule *book;
  FdFreeSlotDialog *dialog;
  FdAppointmentEditor *editor;
  GtkListBox *list;
  GtkListBoxRow *row;
  SearchWait wait = { NULL, 1 };
  const char *mismatch;

  g_assert_cmpint (g_strv_length (lee), ==, 5);
  sql = g_strdup_printf ("SELECT s.provider_id || '|' || p.abbreviation || ' ' || p.first_name "
                         "|| ' ' || p.last_name FROM frontdesk.provider_schedules s "
                         "JOIN frontdesk.providers p ON p.id = s.provider_id "
                         "WHERE s.weekday = 2 AND NOT p.hidden AND p.id <> %s "
                         "ORDER BY p.sort_order, p.id LIMIT 1", lee[0]);
  second = fd_test_query_value (fixture->owner, sql);
  other = g_strsplit (second, "|", 2);

  /* The practice opens at 09:00 though the schedule starts at 08:00; 09:00 to 10:00 is
   * booked, 10:00 to 10:30 was cancelled; the other provider does not work on Mondays. */
  g_free (sql);
  sql = g_strdup_printf (
    "UPDATE frontdesk.practice SET opens_at = '09:00', closes_at = '17:00';"
    "INSERT INTO frontdesk.appointments (client_id, provider_id, operatory_id, starts_at, "
    "length_minutes) VALUES (2, %1$s, %2$s, frontdesk.practice_instant('%3$s', 540), 60);"
    "INSERT INTO frontdesk.appointments (client_id, provider_id, operatory_id, starts_at, "
    "length_minutes, status, cancel_reason) VALUES (3, %1$s, %2$s, "
    "frontdesk.practice_instant('%3$s', 600), 30, 'cancelled', 'Unwell');"
    "DELETE FROM frontdesk.provider_schedules WHERE provider_id = %4$s AND weekday = 1",
    lee[0], lee[1], monday, other[0]);
  fd_test_exec (fixture->owner, sql);

  /* She opens the dialog with the book's button: it looks at once, from the day shown. */
  book = fd_test_book_open (&fixture->anna, day);
  gtk_widget_activate (fd_test_ui_find_with_class (GTK_WIDGET (book), "text-button",
                                                   "Find a Free Slot"));
  dialog = FD_FREE_SLOT_DIALOG (fd_test_ui_wait_for_window (FD_TYPE_FREE_SLOT_DIALOG));
  wait.dialog = dialog;
  fd_test_wait_until (search_answered, &wait, "the first openings");
  list = GTK_LIST_BOX (fd_test_ui_find_with_class (GTK_WIDGET (dialog), "openings", NULL));
  g_assert_cmpstr (fd_free_slot_get_day (opening (list, 0)), ==, monday);
  for (int i = 0; gtk_list_box_get_row_at_index (list, i) != NULL; i++)
    {
      FdFreeSlot *listed = opening (list, i);

      g_assert_cmpint (fd_free_slot_get_start_minute (listed), >=, 9 * 60);
      g_assert_cmpint (fd_free_slot_get_start_minute (listed) + 30, <=, 17 * 60);
      g_assert_false (g_str_equal (fd_free_slot_get_provider_id (listed), other[0]) &&
                      g_str_equal (fd_free_slot_get_day (listed), monday));
    }

  /* Her provider, any operatory, in the morning: 10:00, in the schedule's operatory. */
  gtk_editable_set_text (GTK_EDITABLE (fd_test_ui_find_descendant (GTK_WIDGET (dialog),
                                                                   GTK_TYPE_SPIN_BUTTON)), "30");
  choose (dialog, "_Provider", lee[4]);
  choose (dialog, "Part of _Day", "Morning");
  list = press_find (dialog, &wait);
  g_assert_cmpstr (fd_free_slot_get_day (opening (list, 0)), ==, monday);
  g_assert_cmpint (fd_free_slot_get_start_minute (opening (list, 0)), ==, 10 * 60);
  g_assert_cmpstr (fd_free_slot_get_operatory_id (opening (list, 0)), ==, lee[1]);
  for (int i = 0; gtk_list_box_get_row_at_index (list, i) != NULL; i++)
    {
      g_assert_cmpint (fd_free_slot_get_start_minute (opening (list, i)), <, 12 * 60);
      g_assert_cmpstr (fd_free_slot_get_provider_id (opening (list, i)), ==, lee[0]);
    }
  row = gtk_list_box_get_row_at_index (list, 0);
  expected = g_strdup_printf ("%s, %s to %s, %s, %s", day_text, from, to, lee[2], lee[3]);
  mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (row),
                                                 GTK_ACCESSIBLE_PROPERTY_LABEL, expected);
  g_assert_null (mismatch);
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_ROLE_LIST_ITEM);
  g_assert_true (gtk_list_box_row_get_activatable (row));
  shot = fd_test_ui_screenshot (GTK_WIDGET (dialog), "find-free-slot");

  /* The provider off on Mondays: the first opening is on Tuesday, in the afternoon. */
  choose (dialog, "_Provider", other[1]);
  choose (dialog, "Part of _Day", "Afternoon");
  list = press_find (dialog, &wait);
  g_assert_cmpstr (fd_free_slot_get_provider_id (opening (list, 0)), ==, other[0]);
  g_assert_cmpstr (fd_free_slot_get_day (opening (list, 0)), !=, monday);
  g_assert_cmpint (fd_free_slot_get_start_minute (opening (list, 0)), >=, 12 * 60);

  /* Activating that Tuesday opening shows Tuesday in the book and opens its booking at that
   * slot, for that provider and length; she books it, and the book shows it. */
  slot = g_object_ref (opening (list, 0));
  gtk_widget_activate (GTK_WIDGET (gtk_list_box_get_row_at_index (list, 0)));
  editor = FD_APPOINTMENT_EDITOR (fd_test_ui_wait_for_window (FD_TYPE_APPOINTMENT_EDITOR));
  fd_appointment_editor_pick_client (editor, "1", "Client One");
  gtk_widget_activate (fd_test_ui_find_with_class (GTK_WIDGET (editor), "suggested-action", NULL));
  fd_test_wait_until (no_editor_left, NULL, "the booking window to close");
  g_free (sql);
  sql = g_strdup_printf ("SELECT string_agg(id::text, ',') FROM frontdesk.appointments "
                         "WHERE client_id = 1 AND provider_id = %s AND operatory_id = %s "
                         "AND length_minutes = 30 AND status = 'scheduled' "
                         "AND starts_at = frontdesk.practice_instant('%s', %d)",
                         other[0], fd_free_slot_get_operatory_id (slot),
                         fd_free_slot_get_day (slot), fd_free_slot_get_start_minute (slot));
  booked = fd_test_query_value (fixture->owner, sql);
  g_assert_nonnull (booked);
  g_assert_null (strchr (booked, ','));
  shown.view = fd_appointments_module_get_view (book);
  shown.id = booked;
  fd_test_wait_until (block_shown, &shown, "the booking in the book of its day");
}

/* The server refuses a search it cannot make, with a sentence. */
static void
test_free_slot_bad_input (Fixture       *fixture,
                          gconstpointer  data)
{
  fd_test_assert_refused (fixture->owner,
                          "SELECT * FROM frontdesk.free_slots(current_date, 7, NULL, NULL, "
                          "'any', 5)", FD_DB_ERROR_BAD_REQUEST, "5 to 600 minutes");
  fd_test_assert_refused (fixture->owner,
                          "SELECT * FROM frontdesk.free_slots(current_date, 30, NULL, NULL, "
                          "'evening', 5)", FD_DB_ERROR_BAD_REQUEST, "morning, afternoon or any");
}

/* The client's appointments -------------------------------------------------------------- */

static gboolean
client_appointments_loaded (gpointer user_data)
{
  return fd_client_appointments_dialog_get_loaded (user_data);
}

static guint
count_rows (GtkListBox *list)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (list, n) != NULL)
    n++;
  return n;
}

/* The row of appointment @id in @list, or NULL. */
static GtkListBoxRow *
row_of (GtkListBox *list,
        const char *id)
{
  for (guint i = 0; gtk_list_box_get_row_at_index (list, i) != NULL; i++)
    {
      GtkListBoxRow *listed = gtk_list_box_get_row_at_index (list, i);
      FdAppointment *appointment = fd_client_appointments_dialog_get_appointment (
        FD_CLIENT_APPOINTMENTS_DIALOG (gtk_widget_get_root (GTK_WIDGET (list))), listed);

      if (appointment != NULL && g_str_equal (fd_appointment_get_id (appointment), id))
        return listed;
    }
  return NULL;
}

static gboolean
block_focused (gpointer user_data)
{
  BlockWait *wait = user_data;
  GtkWidget *block = fd_day_view_get_block (wait->view, wait->id);

  return block != NULL && gtk_widget_is_focus (block);
}

/* From an appointment's menu, Anna lists its client's next and past appointments, each read
 * whole by a screen reader; activating one a year ahead shows that day with it focused. */
static void
test_client_appointments (Fixture       *fixture,
                          gconstpointer  data)
{
  g_auto(Picked) picked = { 0 };
  g_autofree char *sql = NULL;
  g_autofree char *row = NULL;
  g_auto(GStrv) client = NULL;
  g_autofree char *far_day = fd_test_query_value (
    fixture->owner, "SELECT (date_trunc('week', current_date + 400)::date + 7)::text");
  g_autofree char *far_id = NULL;
  g_autofree char *past_id = NULL;
  g_autofree char *stored_counts = NULL;
  g_autofree char *listed_counts = NULL;
  g_autofree char *title = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *iso = g_strdup_printf ("%sT12:00:00", far_day);
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  g_autoptr(GDateTime) far = g_date_time_new_from_iso8601 (iso, local);
  g_autofree char *day_text = g_date_time_format (far, "%A %-d %B %Y");
  g_autofree char *from = fd_day_view_format_time (11 * 60);
  g_autofree char *to = fd_day_view_format_time (11 * 60 + 30);
  g_autofree char *shot = NULL;
  FdAppointmentsModule *book;
  FdClientAppointmentsDialog *dialog;
  GtkListBox *next_list;
  GtkListBox *past_list;
  GtkListBoxRow *far_row;
  NameWait named;
  BlockWait focused;

  pick_afternoon (fixture, &picked);
  sql = g_strdup_printf (
    "SELECT a.client_id || '|' || c.first_name || ' ' || c.last_name || '|' || o.name || '|' "
    "|| coalesce(nullif(pr.title, ''), pr.first_name) || ' ' || pr.last_name || '|' || "
    "a.provider_id || '|' || a.operatory_id FROM frontdesk.appointments a "
    "JOIN frontdesk.clients c ON c.id = a.client_id "
    "JOIN frontdesk.operatories o ON o.id = a.operatory_id "
    "JOIN frontdesk.providers pr ON pr.id = a.provider_id WHERE a.id = %s", picked.parts[0]);
  row = fd_test_query_value (fixture->owner, sql);
  client = g_strsplit (row, "|", 6);

  /* One appointment of hers twenty days ago, one a year ahead. */
  g_free (sql);
  sql = g_strdup_printf ("INSERT INTO frontdesk.appointments (client_id, provider_id, "
                         "operatory_id, starts_at, length_minutes) VALUES (%s, %s, %s, "
                         "frontdesk.practice_instant(current_date - 20, 600), 30) RETURNING id",
                         client[0], client[4], client[5]);
  past_id = fd_test_query_value (fixture->owner, sql);
  g_free (sql);
  sql = g_strdup_printf ("INSERT INTO frontdesk.appointments (client_id, provider_id, "
                         "operatory_id, starts_at, length_minutes) VALUES (%s, %s, %s, "
                         "frontdesk.practice_instant('%s', 660), 30) RETURNING id",
                         client[0], client[4], client[5], far_day);
  far_id = fd_test_query_value (fixture->owner, sql);
  g_free (sql);
  sql = g_strdup_printf ("SELECT count(*) FILTER (WHERE starts_at >= now()) || '|' || "
                         "count(*) FILTER (WHERE starts_at < now()) "
                         "FROM frontdesk.appointments WHERE client_id = %s", client[0]);
  stored_counts = fd_test_query_value (fixture->owner, sql);

  book = fd_test_book_open (&fixture->anna, picked.day);
  named = (NameWait) { fd_appointments_module_get_view (book), picked.parts[0], picked.parts[3] };
  fd_test_wait_until (block_named, &named, "the appointment in Anna's book");
  pick_from_menu (book, fd_day_view_get_block (named.view, picked.parts[0]),
                  "Client’s Appointments…", NULL);
  dialog = FD_CLIENT_APPOINTMENTS_DIALOG (
    fd_test_ui_wait_for_window (FD_TYPE_CLIENT_APPOINTMENTS_DIALOG));
  fd_test_wait_until (client_appointments_loaded, dialog, "the client's appointments");
  title = g_strdup_printf ("Appointments of %s", client[1]);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, title);

  next_list = GTK_LIST_BOX (fd_test_ui_find_with_class (GTK_WIDGET (dialog),
                                                        "next-appointments", NULL));
  past_list = GTK_LIST_BOX (fd_test_ui_find_with_class (GTK_WIDGET (dialog),
                                                        "past-appointments", NULL));
  listed_counts = g_strdup_printf ("%u|%u", count_rows (next_list), count_rows (past_list));
  g_assert_cmpstr (listed_counts, ==, stored_counts);
  g_assert_nonnull (row_of (past_list, past_id));
  g_assert_null (row_of (next_list, past_id));
  far_row = row_of (next_list, far_id);
  g_assert_nonnull (far_row);
  expected = g_strdup_printf ("%s, %s to %s, %s, %s, Scheduled", day_text, from, to,
                              client[2], client[3]);
  g_assert_null (gtk_test_accessible_check_property (GTK_ACCESSIBLE (far_row),
                                                     GTK_ACCESSIBLE_PROPERTY_LABEL, expected));
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (far_row), GTK_ACCESSIBLE_ROLE_LIST_ITEM);
  shot = fd_test_ui_screenshot (GTK_WIDGET (dialog), "client-appointments");

  gtk_widget_activate (GTK_WIDGET (far_row));
  focused = (BlockWait) { named.view, far_id, NULL, 0 };
  fd_test_wait_until (block_focused, &focused, "the appointment focused on its day");
}

int
main (int   argc,
      char *argv[])
{
  fd_test_ui_init (&argc, &argv);

  g_test_add ("/frontdesk/ui/appointments/moved-at-one-desk-moves-at-the-other", Fixture, NULL,
              fd_test_office_setup, test_appointment_moved_at_one_desk_moves_at_the_other,
              fd_test_office_teardown);
  g_test_add ("/frontdesk/ui/appointments/editor-and-booking", Fixture, NULL,
              fd_test_office_setup, test_appointment_editor_and_booking, fd_test_office_teardown);
  g_test_add ("/frontdesk/ui/appointments/busy-move-offers-try-again", Fixture, NULL,
              fd_test_office_setup, test_busy_move_offers_try_again, fd_test_office_teardown);
  g_test_add ("/frontdesk/ui/appointments/status-menu-and-undo", Fixture, NULL,
              fd_test_office_setup, test_status_menu_and_undo, fd_test_office_teardown);
  g_test_add ("/frontdesk/ui/appointments/cancel-with-reason", Fixture, NULL,
              fd_test_office_setup, test_cancel_with_reason, fd_test_office_teardown);
  g_test_add ("/frontdesk/ui/appointments/keyboard-and-screen-reader", Fixture, NULL,
              fd_test_office_setup, test_keyboard_and_screen_reader, fd_test_office_teardown);
  g_test_add ("/frontdesk/ui/appointments/provider-filter", Fixture, NULL,
              fd_test_office_setup, test_provider_filter, fd_test_office_teardown);
  g_test_add ("/frontdesk/ui/appointments/outside-hours-refused", Fixture, NULL,
              fd_test_office_setup, test_outside_hours_refused, fd_test_office_teardown);
  g_test_add ("/frontdesk/ui/appointments/editor-date", Fixture, NULL,
              fd_test_office_setup, test_editor_date, fd_test_office_teardown);
  g_test_add ("/frontdesk/ui/appointments/cut-and-paste", Fixture, NULL,
              fd_test_office_setup, test_cut_and_paste, fd_test_office_teardown);
  g_test_add ("/frontdesk/ui/appointments/drag-and-drop", Fixture, NULL,
              fd_test_office_setup, test_drag_and_drop, fd_test_office_teardown);

  g_test_add ("/frontdesk/ui/appointments/find-free-slot", Fixture, NULL,
              fd_test_office_setup, test_find_free_slot, fd_test_office_teardown);
  g_test_add ("/frontdesk/ui/appointments/client-appointments", Fixture, NULL,
              fd_test_office_setup, test_client_appointments, fd_test_office_teardown);
  g_test_add ("/frontdesk/ui/appointments/free-slot-bad-input", Fixture, NULL,
              fd_test_office_setup, test_free_slot_bad_input, fd_test_office_teardown);

  return fd_test_run ();
}
