/* test-three-desks.c: slots, double-booking and the edit time limit at three workstations,
 * each a real window signed in as its own staff login: a slot one desk is booking warns the
 * other two, naming who, and is free everywhere once booked; booking or moving onto an
 * appointment another desk just saved asks first, and what is stored shows at the other
 * two; Keep Editing before the limit keeps the record held for the others until it is
 * released. And the faults: a desk killed while it holds only a slot (the books of the
 * others drop the hold within seconds, a third books there unwarned), and one killed while
 * its request to release is waiting (the holder's question goes).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "fd-appointment-editor.h"
#include "fd-appointments-module.h"
#include "fd-day-view.h"
#include "fd-test-book.h"
#include "fd-test-desk.h"
#include "fd-test-server.h"
#include "fd-test-ui.h"

/* Anna at Reception 1, Ben at Reception 2, Carl at Reception 3. */
typedef struct
{
  FdTestOffice office;
  FdTestDesk   carl;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fd_test_office_setup (&fixture->office, data);
  fd_test_desk_open (&fixture->carl, fixture->office.dbname, "Reception 3");
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  fd_test_desk_destroy_windows ();
  fd_test_desk_close (&fixture->carl);
  fd_test_office_teardown (&fixture->office, data);
}

/* The server's word ------------------------------------------------------------------------- */

/* Waits until @sql (printf-style) reads @value on the server. */
static void
wait_for_value (Fixture    *fixture,
                const char *value,
                const char *sql,
                ...) G_GNUC_PRINTF (3, 4);

static void
wait_for_value (Fixture    *fixture,
                const char *value,
                const char *sql,
                ...)
{
  g_autofree char *query = NULL;
  FdTestValueWait wait;
  va_list args;

  va_start (args, sql);
  query = g_strdup_vprintf (sql, args);
  va_end (args);
  wait = (FdTestValueWait) { fixture->office.owner, query, value };
  fd_test_wait_until (fd_test_value_is, &wait, query);
}

static char *
query_value (Fixture    *fixture,
             const char *sql,
             ...) G_GNUC_PRINTF (2, 3);

static char *
query_value (Fixture    *fixture,
             const char *sql,
             ...)
{
  g_autofree char *query = NULL;
  va_list args;

  va_start (args, sql);
  query = g_strdup_vprintf (sql, args);
  va_end (args);
  return fd_test_query_value (fixture->office.owner, query);
}

/* A day with appointments, one of its operatories, and a minute from which that operatory
 * is free for @free_minutes (the book ends at five). */
typedef struct
{
  char *day;
  char *operatory_id;
  int   minute;
} Place;

static void
place_clear (Place *place)
{
  g_free (place->day);
  g_free (place->operatory_id);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Place, place_clear)

static int
free_minute (Fixture    *fixture,
             const char *day,
             const char *operatory_id,
             int         from,
             int         free_minutes)
{
  g_autofree char *minute = query_value (
    fixture,
    "SELECT m FROM generate_series(%d, 17 * 60 - %d, 10) AS m "
    "WHERE NOT EXISTS (SELECT 1 FROM frontdesk.appointments a WHERE a.operatory_id = %s "
    "AND a.status <> 'cancelled' "
    "AND a.starts_at < frontdesk.practice_instant('%s', m + %d) "
    "AND a.starts_at + make_interval(mins => a.length_minutes) > "
    "frontdesk.practice_instant('%s', m)) ORDER BY m LIMIT 1",
    from, free_minutes, operatory_id, day, free_minutes, day);

  g_assert_nonnull (minute);
  return atoi (minute);
}

/* The earliest such place, so that the book opens on it without scrolling. */
static void
pick_place (Fixture *fixture,
            Place   *place,
            int      free_minutes)
{
  g_autofree char *day = query_value (
    fixture, "SELECT frontdesk.practice_day(min(starts_at)) FROM frontdesk.appointments");
  g_autofree char *picked = query_value (
    fixture,
    "SELECT o.id || '|' || m FROM frontdesk.operatories o, "
    "generate_series(8 * 60, 17 * 60 - %d, 10) AS m WHERE NOT o.hidden "
    "AND NOT EXISTS (SELECT 1 FROM frontdesk.appointments a WHERE a.operatory_id = o.id "
    "AND a.status <> 'cancelled' "
    "AND a.starts_at < frontdesk.practice_instant('%s', m + %d) "
    "AND a.starts_at + make_interval(mins => a.length_minutes) > "
    "frontdesk.practice_instant('%s', m)) ORDER BY m, o.sort_order, o.id LIMIT 1",
    free_minutes, day, free_minutes, day);
  g_auto(GStrv) parts = NULL;

  g_assert_nonnull (picked);
  parts = g_strsplit (picked, "|", 2);
  place->day = g_steal_pointer (&day);
  place->operatory_id = g_strdup (parts[0]);
  place->minute = atoi (parts[1]);
}

/* What a person sees ------------------------------------------------------------------------ */

static FdAppointmentsModule *
open_book (FdTestDesk *desk,
           const char *day)
{
  g_autofree char *iso = g_strdup_printf ("%sT12:00:00", day);
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  g_autoptr(GDateTime) shown = g_date_time_new_from_iso8601 (iso, local);
  FdAppointmentsModule *book = fd_test_book_open (desk, shown);

  fd_test_ui_wait_for_frames (GTK_WIDGET (desk->window), 2);
  return book;
}

typedef struct
{
  FdAppointmentsModule *book;
  const char           *operatory_id;
  int                   minute;
  const char           *holder;      /* NULL: drawn free */
} HoldWait;

static gboolean
slot_drawn_as (gpointer user_data)
{
  HoldWait *wait = user_data;
  GtkWidget *slot = fd_day_view_get_slot (fd_appointments_module_get_view (wait->book),
                                          wait->operatory_id, wait->minute);

  return slot != NULL && g_strcmp0 (fd_day_view_get_slot_holder (slot), wait->holder) == 0;
}

/* Waits until @book draws the free slot at @minute held by @holder ("Being booked by …"),
 * or not held at all; its tooltip says the same. */
static void
wait_for_slot (FdAppointmentsModule *book,
               const char           *operatory_id,
               int                   minute,
               const char           *holder)
{
  HoldWait wait = { book, operatory_id, minute, holder };
  GtkWidget *slot;

  fd_test_wait_until (slot_drawn_as, &wait, holder != NULL ? holder : "the slot drawn free");
  slot = fd_day_view_get_slot (fd_appointments_module_get_view (book), operatory_id, minute);
  if (holder != NULL)
    g_assert_cmpstr (gtk_widget_get_tooltip_text (slot), ==, holder);
}

typedef struct
{
  FdAppointmentsModule *book;
  const char           *id;
  const char           *operatory_id;   /* NULL: anywhere */
} BlockWait;

static gboolean
block_shown (gpointer user_data)
{
  BlockWait *wait = user_data;
  FdDayView *view = fd_appointments_module_get_view (wait->book);
  FdAppointment *appointment = fd_day_view_find (view, wait->id);

  return fd_day_view_get_block (view, wait->id) != NULL && appointment != NULL &&
         (wait->operatory_id == NULL ||
          g_strcmp0 (fd_appointment_get_operatory_id (appointment), wait->operatory_id) == 0);
}

/* Waits until @book shows the appointment @id (in @operatory_id, unless %NULL). */
static void
wait_for_block (FdAppointmentsModule *book,
                const char           *id,
                const char           *operatory_id)
{
  BlockWait wait = { book, id, operatory_id };

  fd_test_wait_until (block_shown, &wait, "the appointment in the book");
}

static gboolean
no_dialog_shown (gpointer user_data)
{
  return fd_test_desk_find_dialog (user_data) == NULL;
}

/* The warning a desk gets when it starts a booking on a slot Anna is booking. */
static AdwMessageDialog *
assert_slot_warning (FdTestDesk *desk,
                     const char *annas_name,
                     const char *shot_name)
{
  AdwMessageDialog *dialog = fd_test_desk_wait_for_dialog ("slot-warning");
  g_autofree char *shot = NULL;

  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (desk->window));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Someone Is Booking This Slot");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), annas_name));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "at Reception 1"));
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "cancel");
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (dialog), GTK_ACCESSIBLE_ROLE_DIALOG);
  fd_test_ui_wait_for_frames (GTK_WIDGET (dialog), 3);
  shot = fd_test_ui_screenshot (GTK_WIDGET (dialog), shot_name);
  return dialog;
}

/* In @desk's booking window: the client, the start (@minute, or as it is when negative),
 * the length, then Save, as a person fills it in. */
static FdAppointmentEditor *
fill_booking (FdTestDesk *desk,
              const char *client_id,
              int         minute,
              const char *length)
{
  FdAppointmentEditor *editor = fd_test_book_editor_of (desk);
  g_autofree char *client_name = g_strdup_printf ("Client %s", client_id);

  g_assert_nonnull (editor);
  fd_appointment_editor_pick_client (editor, client_id, client_name);
  if (minute >= 0)
    {
      /* (What is typed into the start field: hours and minutes.) */
      g_autofree char *start = g_strdup_printf ("%02d:%02d", minute / 60, minute % 60);

      fd_appointment_editor_set_field (editor, "start", start);
    }
  fd_appointment_editor_set_field (editor, "length", length);
  gtk_widget_activate (fd_test_ui_find_with_class (GTK_WIDGET (editor), "suggested-action",
                                                   NULL));
  return editor;
}

/* The id of what is stored in @place's operatory at @minute for @client_id. */
static char *
stored_at (Fixture     *fixture,
           const Place *place,
           int          minute,
           const char  *client_id)
{
  return query_value (fixture, "SELECT id FROM frontdesk.appointments WHERE operatory_id = %s "
                               "AND client_id = %s "
                               "AND starts_at = frontdesk.practice_instant('%s', %d)",
                      place->operatory_id, client_id, place->day, minute);
}

/* Slot held while booking ----------------------------------------------------------------- */

/* Anna presses Enter on an empty slot: it is held for her, and Ben's and Carl's books draw
 * it so. Ben starting a booking ten minutes later is warned, naming her, and cancels: no
 * booking opens. Carl, warned the same, books anyway, and books the half hour next to hers.
 * Anna books ten minutes of her slot: the hold is gone in Ben's and Carl's books, and a
 * booking Ben starts in the rest of it opens unwarned. */
static void
test_slot_held (Fixture       *fixture,
                gconstpointer  data)
{
  FdTestOffice *office = &fixture->office;
  g_auto(Place) place = { 0 };
  g_autofree char *before = NULL;
  g_autofree char *count = NULL;
  g_autofree char *annas_name = NULL;
  g_autofree char *held_by = NULL;
  g_autofree char *annas_id = NULL;
  g_autofree char *carls_id = NULL;
  g_autofree char *shot = NULL;
  FdAppointmentsModule *annas;
  FdAppointmentsModule *bens;
  FdAppointmentsModule *carls;
  AdwMessageDialog *dialog;
  int m;

  pick_place (fixture, &place, 60);
  m = place.minute;
  annas = open_book (&office->anna, place.day);
  bens = open_book (&office->ben, place.day);
  carls = open_book (&fixture->carl, place.day);
  before = query_value (fixture, "SELECT count(*) FROM frontdesk.appointments");

  fd_test_book_press_slot (annas, place.operatory_id, m);
  fd_test_wait_until (fd_test_book_editor_shown, &office->anna, "Anna's booking window");
  wait_for_value (fixture, "1", "SELECT count(*) FROM frontdesk.slot_holds");
  annas_name = query_value (fixture, "SELECT s.display_name FROM frontdesk.slot_holds h "
                                     "JOIN frontdesk.sessions s ON s.id = h.session_id");
  held_by = g_strdup_printf ("Being booked by %s at Reception 1", annas_name);
  wait_for_slot (bens, place.operatory_id, m + 10, held_by);
  wait_for_slot (carls, place.operatory_id, m + 10, held_by);
  fd_test_ui_wait_for_frames (GTK_WIDGET (fixture->carl.window), 3);
  shot = fd_test_ui_screenshot (GTK_WIDGET (fixture->carl.window), "three-desks-slot-held-c");

  /* Ben: warned, and Cancel: nothing opens at his desk, nothing more is held. */
  fd_test_book_press_slot (bens, place.operatory_id, m + 10);
  dialog = assert_slot_warning (&office->ben, annas_name, "three-desks-slot-warning-b");
  fd_test_ui_press (GTK_WIDGET (dialog), "_Cancel");
  fd_test_wait_until (no_dialog_shown, "slot-warning", "Ben's warning to go");
  g_assert_null (fd_test_book_editor_of (&office->ben));
  wait_for_value (fixture, "1", "SELECT count(*) FROM frontdesk.slot_holds");

  /* Carl: warned, and Book Anyway: he books the half hour after hers. */
  fd_test_book_press_slot (carls, place.operatory_id, m + 20);
  dialog = assert_slot_warning (&fixture->carl, annas_name, "three-desks-slot-warning-c");
  fd_test_ui_press (GTK_WIDGET (dialog), "_Book Anyway");
  fd_test_wait_until (fd_test_book_editor_shown, &fixture->carl, "Carl's booking window");
  wait_for_value (fixture, "2", "SELECT count(*) FROM frontdesk.slot_holds");
  fill_booking (&fixture->carl, "2", m + 30, "30");
  fd_test_wait_until (fd_test_book_editor_gone, &fixture->carl, "Carl's booking saved");
  carls_id = stored_at (fixture, &place, m + 30, "2");
  g_assert_nonnull (carls_id);

  /* Anna books ten minutes of the half hour she held. */
  g_assert_null (fd_test_desk_find_dialog ("double-book-dialog"));
  fill_booking (&office->anna, "1", -1, "10");
  fd_test_wait_until (fd_test_book_editor_gone, &office->anna, "Anna's booking saved");
  annas_id = stored_at (fixture, &place, m, "1");
  g_assert_nonnull (annas_id);
  wait_for_value (fixture, "0", "SELECT count(*) FROM frontdesk.slot_holds");
  count = query_value (fixture, "SELECT count(*) - %s FROM frontdesk.appointments", before);
  g_assert_cmpstr (count, ==, "2");

  /* Ben's and Carl's books: both bookings, and the rest of her slot no longer held. */
  wait_for_block (bens, annas_id, place.operatory_id);
  wait_for_block (carls, annas_id, place.operatory_id);
  wait_for_block (bens, carls_id, place.operatory_id);
  wait_for_slot (bens, place.operatory_id, m + 10, NULL);
  wait_for_slot (carls, place.operatory_id, m + 20, NULL);

  /* A booking there opens at once, unwarned. */
  fd_test_book_press_slot (bens, place.operatory_id, m + 10);
  fd_test_wait_until (fd_test_book_editor_shown, &office->ben, "Ben's booking window");
  g_assert_null (fd_test_desk_find_dialog ("slot-warning"));
  wait_for_value (fixture, "1", "SELECT count(*) FROM frontdesk.slot_holds");
  gtk_window_close (GTK_WINDOW (fd_test_book_editor_of (&office->ben)));
  fd_test_wait_until (fd_test_book_editor_gone, &office->ben, "Ben's booking closed");
  wait_for_value (fixture, "0", "SELECT count(*) FROM frontdesk.slot_holds");
}

/* A desk, a process of its own, holds a slot (and nothing else) and is killed: the three
 * books drop the hold within seconds, though nothing else changed, and Carl books there
 * unwarned. */
static void
test_killed_slot_holder (Fixture       *fixture,
                         gconstpointer  data)
{
  FdTestOffice *office = &fixture->office;
  g_auto(Place) place = { 0 };
  g_autofree char *slot = NULL;
  g_autofree char *holder_name = NULL;
  g_autofree char *held_by = NULL;
  g_autofree char *locks = NULL;
  g_autofree char *shot = NULL;
  g_autoptr(GSubprocess) holder = NULL;
  FdAppointmentsModule *books[3];

  pick_place (fixture, &place, 30);
  books[0] = open_book (&office->anna, place.day);
  books[1] = open_book (&office->ben, place.day);
  books[2] = open_book (&fixture->carl, place.day);

  slot = g_strdup_printf ("%s %s %d", place.operatory_id, place.day, place.minute);
  holder = fd_test_holder_start (office->dbname, "slot", slot, "held");
  holder_name = query_value (fixture, "SELECT s.display_name FROM frontdesk.slot_holds h "
                                      "JOIN frontdesk.sessions s ON s.id = h.session_id");
  held_by = g_strdup_printf ("Being booked by %s at Crashing desk", holder_name);
  for (guint i = 0; i < G_N_ELEMENTS (books); i++)
    wait_for_slot (books[i], place.operatory_id, place.minute, held_by);
  fd_test_ui_wait_for_frames (GTK_WIDGET (office->ben.window), 3);
  shot = fd_test_ui_screenshot (GTK_WIDGET (office->ben.window), "three-desks-slot-held-by-killed");
  /* Nobody holds a record or waits for one: nothing else would sweep. */
  locks = query_value (fixture, "SELECT count(*) FROM frontdesk.record_locks");
  g_assert_cmpstr (locks, ==, "0");

  fd_test_holder_kill (holder);
  for (guint i = 0; i < G_N_ELEMENTS (books); i++)
    wait_for_slot (books[i], place.operatory_id, place.minute, NULL);
  fd_test_ui_wait_for_frames (GTK_WIDGET (office->ben.window), 3);
  g_free (shot);
  shot = fd_test_ui_screenshot (GTK_WIDGET (office->ben.window), "three-desks-slot-freed");
  wait_for_value (fixture, "0", "SELECT count(*) FROM frontdesk.slot_holds");
  wait_for_value (fixture, "1", "SELECT count(*) FROM frontdesk.audit_log "
                                "WHERE action = 'session departed'");

  fd_test_book_press_slot (books[2], place.operatory_id, place.minute);
  fd_test_wait_until (fd_test_book_editor_shown, &fixture->carl, "Carl's booking window");
  g_assert_null (fd_test_desk_find_dialog ("slot-warning"));
  wait_for_value (fixture, "1", "SELECT count(*) FROM frontdesk.slot_holds");
}

/* Double-booking --------------------------------------------------------------------------- */

/* The double-book question at @parent, asked about @name (or anyone, %NULL). */
static AdwMessageDialog *
assert_double_book (GtkWidget  *parent,
                    const char *name)
{
  AdwMessageDialog *dialog = fd_test_desk_wait_for_dialog ("double-book-dialog");
  const char *heading = adw_message_dialog_get_heading (dialog);

  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (parent));
  g_assert_true (g_str_has_prefix (heading, "Double-book with "));
  g_assert_true (g_str_has_suffix (heading, "?"));
  if (name != NULL)
    g_assert_nonnull (strstr (heading, name));
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "cancel");
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (dialog), GTK_ACCESSIBLE_ROLE_DIALOG);
  return dialog;
}

/* Ben books a free half hour. In his book, Carl drags another appointment onto it: asked
 * "Double-book with …?" naming Ben's client; Cancel stores nothing, Double-Book moves it,
 * and Anna's and Ben's books show it there. Then Carl books that time from the booking
 * window: asked again; Cancel stores nothing, Double-Book stores it, and the others see
 * it. */
static void
test_double_book (Fixture       *fixture,
                  gconstpointer  data)
{
  FdTestOffice *office = &fixture->office;
  g_auto(Place) place = { 0 };
  g_autofree char *moved = NULL;
  g_autofree char *moved_from = NULL;
  g_autofree char *bens_id = NULL;
  g_autofree char *carls_id = NULL;
  g_autofree char *before = NULL;
  g_autofree char *count = NULL;
  g_autofree char *shot = NULL;
  FdAppointmentsModule *annas;
  FdAppointmentsModule *bens;
  FdAppointmentsModule *carls;
  FdAppointmentEditor *editor;
  AdwMessageDialog *dialog;
  const char *bens_client;
  int carls_start;

  pick_place (fixture, &place, 30);
  /* Another appointment of the day, in another operatory, to move onto Ben's. */
  moved = query_value (fixture, "SELECT id FROM frontdesk.appointments "
                                "WHERE frontdesk.practice_day(starts_at) = '%s' "
                                "AND operatory_id <> %s AND status = 'scheduled' "
                                "ORDER BY starts_at LIMIT 1", place.day, place.operatory_id);
  g_assert_nonnull (moved);
  moved_from = query_value (fixture, "SELECT operatory_id FROM frontdesk.appointments "
                                     "WHERE id = %s", moved);
  carls_start = free_minute (fixture, place.day, place.operatory_id, place.minute + 30, 30);
  annas = open_book (&office->anna, place.day);
  bens = open_book (&office->ben, place.day);
  carls = open_book (&fixture->carl, place.day);

  fd_test_book_press_slot (bens, place.operatory_id, place.minute);
  fd_test_wait_until (fd_test_book_editor_shown, &office->ben, "Ben's booking window");
  fill_booking (&office->ben, "3", -1, "30");
  fd_test_wait_until (fd_test_book_editor_gone, &office->ben, "Ben's booking saved");
  bens_id = stored_at (fixture, &place, place.minute, "3");
  g_assert_nonnull (bens_id);
  wait_for_block (carls, bens_id, place.operatory_id);
  wait_for_block (carls, moved, NULL);
  fd_test_ui_wait_for_frames (GTK_WIDGET (fixture->carl.window), 2);
  bens_client = fd_appointment_get_client_name (
    fd_day_view_find (fd_appointments_module_get_view (carls), bens_id));

  /* From the day view: Cancel, then Double-Book. */
  fd_test_book_drop_onto (carls, moved, bens_id);
  dialog = assert_double_book (GTK_WIDGET (fixture->carl.window), bens_client);
  fd_test_ui_press (GTK_WIDGET (dialog), "_Cancel");
  fd_test_wait_until (no_dialog_shown, "double-book-dialog", "the question to go");
  fd_test_spin (300);
  wait_for_value (fixture, moved_from, "SELECT operatory_id FROM frontdesk.appointments "
                                       "WHERE id = %s", moved);
  fd_test_book_drop_onto (carls, moved, bens_id);
  dialog = assert_double_book (GTK_WIDGET (fixture->carl.window), bens_client);
  fd_test_ui_press (GTK_WIDGET (dialog), "_Double-Book");
  wait_for_value (fixture, place.operatory_id, "SELECT operatory_id FROM "
                                               "frontdesk.appointments WHERE id = %s", moved);
  wait_for_block (annas, moved, place.operatory_id);
  wait_for_block (bens, moved, place.operatory_id);
  wait_for_block (annas, bens_id, place.operatory_id);

  /* From the booking window: a free slot, then the time of Ben's booking. */
  before = query_value (fixture, "SELECT count(*) FROM frontdesk.appointments");
  fd_test_book_press_slot (carls, place.operatory_id, carls_start);
  fd_test_wait_until (fd_test_book_editor_shown, &fixture->carl, "Carl's booking window");
  editor = fill_booking (&fixture->carl, "4", place.minute, "30");
  dialog = assert_double_book (GTK_WIDGET (editor), NULL);
  fd_test_ui_wait_for_frames (GTK_WIDGET (dialog), 3);
  shot = fd_test_ui_screenshot (GTK_WIDGET (dialog), "three-desks-double-book");
  fd_test_ui_press (GTK_WIDGET (dialog), "_Cancel");
  fd_test_wait_until (no_dialog_shown, "double-book-dialog", "the question to go");
  g_assert_true (fd_test_book_editor_of (&fixture->carl) == editor);
  fd_test_spin (300);
  count = query_value (fixture, "SELECT count(*) FROM frontdesk.appointments");
  g_assert_cmpstr (count, ==, before);

  gtk_widget_activate (fd_test_ui_find_with_class (GTK_WIDGET (editor), "suggested-action",
                                                   NULL));
  dialog = assert_double_book (GTK_WIDGET (editor), NULL);
  fd_test_ui_press (GTK_WIDGET (dialog), "_Double-Book");
  fd_test_wait_until (fd_test_book_editor_gone, &fixture->carl, "Carl's booking saved");
  carls_id = stored_at (fixture, &place, place.minute, "4");
  g_assert_nonnull (carls_id);
  wait_for_block (annas, carls_id, place.operatory_id);
  wait_for_block (bens, carls_id, place.operatory_id);
}

/* The edit time limit ------------------------------------------------------------------------ */

static gboolean
badge_gone (gpointer user_data)
{
  return fd_test_book_find_badge (user_data) == NULL;
}

static gboolean
badge_shown (gpointer user_data)
{
  return fd_test_book_find_badge (user_data) != NULL;
}

/* @desk's list shows the badge of Anna's record, as a screen reader reads it. */
static void
assert_annas_badge (FdTestDesk *desk)
{
  GtkWidget *badge;

  fd_test_wait_until (badge_shown, desk->module, "a lock badge in the list");
  badge = fd_test_book_find_badge (GTK_WIDGET (desk->module));
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (badge), GTK_ACCESSIBLE_ROLE_IMG);
  g_assert_true (g_str_has_prefix (gtk_widget_get_tooltip_text (badge),
                                   "Open at Reception 1 by "));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (badge), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       gtk_widget_get_tooltip_text (badge));
}

/* @desk opens the first client, whom Anna holds: the warning names her desk; Cancel. */
static void
assert_held_by_anna (FdTestDesk *desk)
{
  AdwMessageDialog *dialog;

  fd_clients_module_select (desk->module, GTK_INVALID_LIST_POSITION);
  fd_test_desk_open_first_client (desk);
  dialog = fd_test_desk_wait_for_dialog ("first-warning");
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (desk->window));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "at Reception 1"));
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "cancel");
  fd_test_ui_press (GTK_WIDGET (dialog), "_Cancel");
  fd_test_wait_until (no_dialog_shown, "first-warning", "the warning to go");
}

#define LOCK_HOLDER_SQL \
  "SELECT coalesce((SELECT s.login FROM frontdesk.record_locks l JOIN frontdesk.sessions s " \
  "ON s.id = l.session_id WHERE l.record_kind = 'clients' AND l.record_id = '%s'), '')"

/* With an edit time limit, Anna holds a client; Ben and Carl see her badge. A minute
 * before the limit she is warned and keeps editing: the lock is renewed and audited, and
 * for Ben and Carl it is still hers, with the later expiry. Once she closes it, both see it
 * free, and Ben opens it for editing unwarned. */
static void
test_expiry_kept (Fixture       *fixture,
                  gconstpointer  data)
{
  FdTestOffice *office = &fixture->office;
  g_autofree char *id = NULL;
  g_autofree char *before = NULL;
  g_autofree char *shot = NULL;
  AdwMessageDialog *dialog;

  /* The warning comes a minute before the end: here six seconds after opening. */
  fd_test_exec (office->owner, "UPDATE frontdesk.practice SET edit_time_limit = '66 seconds'");
  fd_test_desk_open_first_client (&office->anna);
  fd_test_desk_wait_for_record (&office->anna, "Anna's record");
  id = g_strdup (fd_client_editor_get_client_id (office->anna.editor));
  assert_annas_badge (&office->ben);
  assert_annas_badge (&fixture->carl);
  before = query_value (fixture, "SELECT expires_at FROM frontdesk.record_locks "
                                 "WHERE record_kind = 'clients' AND record_id = '%s'", id);

  dialog = fd_test_desk_wait_for_dialog ("expiry-warning");
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) ==
                 GTK_WINDOW (office->anna.window));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Your Edit Time Is Almost Up");
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "yes");
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (dialog), GTK_ACCESSIBLE_ROLE_DIALOG);
  fd_test_ui_wait_for_frames (GTK_WIDGET (dialog), 3);
  shot = fd_test_ui_screenshot (GTK_WIDGET (dialog), "three-desks-expiry-warning");
  fd_test_ui_press (GTK_WIDGET (dialog), "_Keep Editing");
  wait_for_value (fixture, "t", "SELECT expires_at > '%s' FROM frontdesk.record_locks "
                                "WHERE record_kind = 'clients' AND record_id = '%s'",
                  before, id);
  wait_for_value (fixture, "1", "SELECT count(*) FROM frontdesk.audit_log "
                                "WHERE action = 'lock renewed' AND record_id = '%s'", id);
  g_assert_false (fd_client_editor_get_read_only (office->anna.editor));

  /* Still Anna's for the others, until the later expiry (which their screens do not show:
   * the badge and the warning say who and since when). */
  assert_annas_badge (&office->ben);
  assert_annas_badge (&fixture->carl);
  assert_held_by_anna (&office->ben);
  assert_held_by_anna (&fixture->carl);
  wait_for_value (fixture, office->anna.login, LOCK_HOLDER_SQL, id);

  /* She closes it: free at both desks. */
  fd_client_editor_close (office->anna.editor);
  wait_for_value (fixture, "", LOCK_HOLDER_SQL, id);
  fd_test_wait_until (badge_gone, office->ben.module, "the badge gone at Ben's desk");
  fd_test_wait_until (badge_gone, fixture->carl.module, "the badge gone at Carl's desk");
  fd_clients_module_select (office->ben.module, GTK_INVALID_LIST_POSITION);
  fd_test_desk_open_first_client (&office->ben);
  fd_test_wait_until (fd_test_desk_editor_editable, office->ben.editor, "Ben editing it");
  g_assert_null (fd_test_desk_find_dialog ("first-warning"));
  wait_for_value (fixture, office->ben.login, LOCK_HOLDER_SQL, id);
}

/* Faults -------------------------------------------------------------------------------- */

/* Anna holds a client; a desk, a process of its own, asks her to release it and is killed
 * before she answers: her question goes within seconds, the request is answered for the
 * desk that is gone, and she still has the record. */
static void
test_killed_asker (Fixture       *fixture,
                   gconstpointer  data)
{
  FdTestOffice *office = &fixture->office;
  g_autoptr(GSubprocess) asker = NULL;
  g_autofree char *id = NULL;
  AdwMessageDialog *dialog;

  fd_test_desk_open_first_client (&office->anna);
  fd_test_desk_wait_for_record (&office->anna, "Anna's record");
  id = g_strdup (fd_client_editor_get_client_id (office->anna.editor));
  wait_for_value (fixture, office->anna.login, LOCK_HOLDER_SQL, id);

  asker = fd_test_holder_start (office->dbname, "ask:clients", id, "asked");
  dialog = fd_test_desk_wait_for_dialog ("release-request");
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog),
                            "at Crashing desk would like to open "));
  fd_test_holder_kill (asker);

  fd_test_wait_until (no_dialog_shown, "release-request", "Anna's question to go");
  wait_for_value (fixture, "void", "SELECT string_agg(answer, ',') "
                                   "FROM frontdesk.release_requests");
  wait_for_value (fixture, office->anna.login, LOCK_HOLDER_SQL, id);
  g_assert_false (fd_client_editor_get_read_only (office->anna.editor));
}

int
main (int   argc,
      char *argv[])
{
  fd_test_ui_init (&argc, &argv);
  fd_test_ui_serve_notifications ();

  g_test_add ("/frontdesk/three-desks/slot-held", Fixture, NULL, fixture_setup,
              test_slot_held, fixture_teardown);
  g_test_add ("/frontdesk/three-desks/killed-slot-holder", Fixture, NULL, fixture_setup,
              test_killed_slot_holder, fixture_teardown);
  g_test_add ("/frontdesk/three-desks/double-book", Fixture, NULL, fixture_setup,
              test_double_book, fixture_teardown);
  g_test_add ("/frontdesk/three-desks/expiry-kept", Fixture, NULL, fixture_setup,
              test_expiry_kept, fixture_teardown);
  g_test_add ("/frontdesk/three-desks/killed-asker", Fixture, NULL, fixture_setup,
              test_killed_asker, fixture_teardown);

  return fd_test_run ();
}
