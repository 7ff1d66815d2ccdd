/* test-open-badges.c: what the other desks are at: the client search list and the day view
 * at one desk show a lock on what another desk has open, with who and since when, and
 * follow it as it comes and goes; a slot another desk is booking warns before a second
 * booking there. Two workstations, each a real window signed in as its own staff login
 * (and a third desk that vanishes); screenshots go to the build folder.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "fd-appointment-editor.h"
#include "fd-appointments-module.h"
#include "fd-client-row.h"
#include "fd-day-view.h"
#include "fd-format.h"
#include "fd-pg.h"
#include "fd-test-book.h"
#include "fd-test-desk.h"
#include "fd-test-server.h"
#include "fd-test-ui.h"

/* Anna at Reception 1 and Ben at Reception 2, on one practice of 30 clients. */
typedef FdTestOffice Fixture;

/* What the badge says of @kind @id, as the server has it: "Open at … by … since …". */
static char *
expected_description (Fixture    *fixture,
                      const char *kind,
                      const char *id)
{
  g_autofree char *sql = g_strdup_printf (
    "SELECT s.workstation || '|' || s.display_name || '|' || extract(epoch FROM l.acquired_at) "
    "  FROM frontdesk.record_locks l JOIN frontdesk.sessions s ON s.id = l.session_id "
    " WHERE l.record_kind = '%s' AND l.record_id = '%s'", kind, id);
  g_autofree char *row = fd_test_query_value (fixture->owner, sql);
  g_auto(GStrv) parts = NULL;
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) since = NULL;
  g_autofree char *time = NULL;

  g_assert_nonnull (row);
  parts = g_strsplit (row, "|", 3);
  utc = g_date_time_new_from_unix_utc ((gint64) g_ascii_strtod (parts[2], NULL));
  since = g_date_time_to_local (utc);
  time = fd_format_time (since);
  return g_strdup_printf ("Open at %s by %s since %s", parts[0], parts[1], time);
}

static const char *
listed_name (FdClientsModule *module,
             guint            position)
{
  g_autoptr(FdClientSummary) summary =
    g_list_model_get_item (fd_clients_module_get_results (module), position);

  return fd_client_summary_get_name (summary);
}

typedef struct
{
  FdConnection *owner;
  const char   *sql;
  const char   *value;
} ValueWait;

static gboolean
value_is (gpointer user_data)
{
  ValueWait *wait = user_data;
  g_autofree char *value = fd_test_query_value (wait->owner, wait->sql);

  /* (A NULL reads as an empty string.) */
  return g_strcmp0 (value ?: "", wait->value ?: "") == 0;
}

/* Waits until the server holds @kind @id under a lock (or, @id NULL, none of @kind). */
static void
wait_for_lock (Fixture    *fixture,
               const char *kind,
               const char *id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT string_agg(record_id, ',') "
                                          "FROM frontdesk.record_locks WHERE record_kind = '%s'",
                                          kind);
  ValueWait wait = { fixture->owner, sql, id };

  if (!value_is (&wait))
    {
      g_autofree char *now = fd_test_query_value (fixture->owner, sql);

      g_test_message ("Waiting for %s locks %s (now %s)", kind, id, now);
    }
  fd_test_wait_until (value_is, &wait, "the lock on the server");
}

typedef struct
{
  GtkWidget  *root;
  const char *description;   /* NULL: no badge shown at all */
  GtkWidget  *found;
} BadgeWait;

static gboolean
badge_is (gpointer user_data)
{
  BadgeWait *wait = user_data;

  wait->found = fd_test_book_find_badge (wait->root);
  if (wait->description == NULL)
    return wait->found == NULL;
  return wait->found != NULL &&
         g_strcmp0 (gtk_widget_get_tooltip_text (wait->found), wait->description) == 0;
}

static void
assert_badge (GtkWidget  *badge,
              const char *description)
{
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (badge), GTK_ACCESSIBLE_ROLE_IMG);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (badge), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       description);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (badge), ==, description);
  g_assert_cmpstr (gtk_image_get_icon_name (GTK_IMAGE (badge)), ==, "changes-prevent-symbolic");
}

/* Anna opens a client: Ben's list marks that row; she moves on, the mark follows her. */
static void
test_client_list_badge (Fixture       *fixture,
                        gconstpointer  data)
{
  GtkWidget *list = fd_test_ui_find_descendant (GTK_WIDGET (fixture->ben.module),
                                                GTK_TYPE_LIST_VIEW);
  BadgeWait wait = { list, NULL, NULL };
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *shot = NULL;
  GtkWidget *row;

  fd_test_desk_wait_for_list (fixture->ben.module, "Ben's client list");
  fd_test_wait_until (badge_is, &wait, "no badge before anyone opens a client");

  fd_test_desk_open_first_client (&fixture->anna);
  fd_test_desk_wait_for_record (&fixture->anna, "Anna's client");
  wait_for_lock (fixture, "clients", fd_client_editor_get_client_id (fixture->anna.editor));
  first = expected_description (fixture, "clients",
                                fd_client_editor_get_client_id (fixture->anna.editor));
  wait.description = first;
  fd_test_wait_until (badge_is, &wait, "the badge in Ben's list");
  assert_badge (wait.found, first);
  /* On the row of the client Anna has open. */
  row = gtk_widget_get_ancestor (wait.found, FD_TYPE_CLIENT_ROW);
  g_assert_nonnull (row);
  g_assert_nonnull (fd_test_ui_find_label (row, listed_name (fixture->anna.module, 0)));
  fd_test_ui_wait_for_frames (GTK_WIDGET (fixture->ben.window), 3);
  shot = fd_test_ui_screenshot (GTK_WIDGET (fixture->ben.window), "open-badge-client-list");

  /* She closes it: no badge left in Ben's list. */
  fd_client_editor_close (fixture->anna.editor);
  wait_for_lock (fixture, "clients", NULL);
  wait.description = NULL;
  fd_test_wait_until (badge_is, &wait, "the badge to go when Anna closes the client");

  /* Anna opens the next client: the badge is on that row. */
  fd_clients_module_select (fixture->anna.module, 1);
  {
    g_autoptr(FdClientSummary) next =
      g_list_model_get_item (fd_clients_module_get_results (fixture->anna.module), 1);

    wait_for_lock (fixture, "clients", fd_client_summary_get_id (next));
    second = expected_description (fixture, "clients", fd_client_summary_get_id (next));
  }
  wait.description = second;
  fd_test_wait_until (badge_is, &wait, "the badge on the second client");
  row = gtk_widget_get_ancestor (wait.found, FD_TYPE_CLIENT_ROW);
  g_assert_nonnull (fd_test_ui_find_label (row, listed_name (fixture->anna.module, 1)));
}

typedef struct
{
  FdDayView  *view;
  const char *id;
} BlockWait;

static gboolean
block_shown (gpointer user_data)
{
  BlockWait *wait = user_data;

  return fd_day_view_get_block (wait->view, wait->id) != NULL;
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

/* Anna edits an appointment: its block in Ben's book shows the badge, and says so to a
 * screen reader; when she closes the editor it goes. */
static void
test_day_view_badge (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *picked = fd_test_query_value (
    fixture->owner, "SELECT a.id || '|' || frontdesk.practice_day(a.starts_at) "
                    "FROM frontdesk.appointments a ORDER BY a.starts_at LIMIT 1");
  g_auto(GStrv) parts = g_strsplit (picked, "|", 2);
  g_autofree char *iso = g_strdup_printf ("%sT12:00:00", parts[1]);
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  g_autoptr(GDateTime) day = g_date_time_new_from_iso8601 (iso, local);
  g_autofree char *description = NULL;
  g_autofree char *shot = NULL;
  FdAppointmentsModule *annas = fd_test_book_open (&fixture->anna, day);
  FdAppointmentsModule *bens = fd_test_book_open (&fixture->ben, day);
  BlockWait shown = { fd_appointments_module_get_view (annas), parts[0] };
  BadgeWait wait = { NULL, NULL, NULL };
  FdAppointmentEditor *editor;
  GtkWidget *block;
  g_auto(GStrv) lines = NULL;
  g_autofree char *name = NULL;

  fd_test_wait_until (block_shown, &shown, "the appointment in Anna's book");
  shown.view = fd_appointments_module_get_view (bens);
  fd_test_wait_until (block_shown, &shown, "the appointment in Ben's book");
  block = fd_day_view_get_block (shown.view, parts[0]);
  wait.root = block;
  g_assert_true (badge_is (&wait));

  fd_appointment_editor_open (GTK_WINDOW (fixture->anna.window), fixture->anna.database,
                              fd_day_view_find (fd_appointments_module_get_view (annas), parts[0]),
                              parts[1]);
  editor = FD_APPOINTMENT_EDITOR (fd_test_ui_wait_for_window (FD_TYPE_APPOINTMENT_EDITOR));
  wait_for_lock (fixture, "appointments", parts[0]);
  description = expected_description (fixture, "appointments", parts[0]);
  wait.description = description;
  fd_test_wait_until (badge_is, &wait, "the badge on the block in Ben's book");
  assert_badge (wait.found, description);

  /* The block's own name ends with it, so a screen reader on the block hears it too. */
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (block), GTK_ACCESSIBLE_ROLE_BUTTON);
  /* (The block's tooltip starts with its name as it was before.) */
  lines = g_strsplit (gtk_widget_get_tooltip_text (block), "\n", 2);
  name = g_strdup_printf ("%s, %s", lines[0], description);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (block), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       name);

  fd_test_ui_wait_for_frames (GTK_WIDGET (fixture->ben.window), 3);
  shot = fd_test_ui_screenshot (GTK_WIDGET (fixture->ben.window), "open-badge-day-view");

  gtk_window_close (GTK_WINDOW (editor));
  fd_test_wait_until (no_editor_left, NULL, "Anna's editor to close");
  wait_for_lock (fixture, "appointments", NULL);
  wait.description = NULL;
  fd_test_wait_until (badge_is, &wait, "the badge to go from Ben's block");
}

/* Slots ------------------------------------------------------------------------------- */

static guint
count_editors (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (FD_IS_APPOINTMENT_EDITOR (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        n++;
    }
  return n;
}

static gboolean
editors_are (gpointer user_data)
{
  return count_editors () == GPOINTER_TO_UINT (user_data);
}

static void
wait_for_holds (Fixture    *fixture,
                const char *count)
{
  ValueWait wait = { fixture->owner, "SELECT count(*) FROM frontdesk.slot_holds h "
                                     "WHERE frontdesk.session_is_alive(h.session_id)", count };

  g_test_message ("Waiting for %s slot holds", count);
  fd_test_wait_until (value_is, &wait, "the slot holds on the server");
}

/* Anna starts a booking in an empty slot; Ben starting one that overlaps it is warned,
 * naming her (Cancel the default, Book Anyway otherwise); each hold goes with its window;
 * a desk that vanishes while booking holds nothing. */
static void
test_slot_held_while_booking (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *picked = fd_test_query_value (
    fixture->owner, "SELECT frontdesk.practice_day(a.starts_at) || '|' || a.operatory_id "
                    "FROM frontdesk.appointments a ORDER BY a.starts_at LIMIT 1");
  g_auto(GStrv) parts = g_strsplit (picked, "|", 2);
  g_autofree char *sql = g_strdup_printf (
    "SELECT m FROM generate_series(8 * 60, 17 * 60 - 30, 10) AS m "
    "WHERE NOT EXISTS (SELECT 1 FROM frontdesk.appointments a WHERE a.operatory_id = %s "
    "AND a.starts_at < frontdesk.practice_instant('%s', m + 30) "
    "AND a.starts_at + make_interval(mins => a.length_minutes) > "
    "frontdesk.practice_instant('%s', m)) ORDER BY m LIMIT 1", parts[1], parts[0], parts[0]);
  g_autofree char *free_minute = fd_test_query_value (fixture->owner, sql);
  g_autofree char *iso = g_strdup_printf ("%sT12:00:00", parts[0]);
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  g_autoptr(GDateTime) day = g_date_time_new_from_iso8601 (iso, local);
  g_autofree char *annas_name = NULL;
  g_autofree char *appointments_before = NULL;
  g_autofree char *appointments_after = NULL;
  g_autofree char *shot = NULL;
  g_autofree char *slot_id = NULL;
  g_autoptr(GSubprocess) holder_process = NULL;
  FdAppointmentsModule *annas;
  FdAppointmentsModule *bens;
  AdwMessageDialog *dialog;
  int minute;

  g_assert_nonnull (free_minute);
  minute = atoi (free_minute);
  annas = fd_test_book_open (&fixture->anna, day);
  bens = fd_test_book_open (&fixture->ben, day);
  fd_test_ui_wait_for_frames (GTK_WIDGET (fixture->anna.window), 2);
  fd_test_ui_wait_for_frames (GTK_WIDGET (fixture->ben.window), 2);
  appointments_before = fd_test_query_value (fixture->owner,
                                             "SELECT count(*) FROM frontdesk.appointments");

  /* Anna presses Enter on the empty slot: it is held for her while her booking is open. */
  fd_test_book_press_slot (annas, parts[1], minute);
  fd_test_wait_until (editors_are, GUINT_TO_POINTER (1), "Anna's booking window");
  wait_for_holds (fixture, "1");
  annas_name = fd_test_query_value (fixture->owner,
                                    "SELECT s.display_name FROM frontdesk.slot_holds h "
                                    "JOIN frontdesk.sessions s ON s.id = h.session_id");

  /* Ben starts a booking ten minutes later in the same room: warned, naming Anna. */
  fd_test_book_press_slot (bens, parts[1], minute + 10);
  dialog = fd_test_desk_wait_for_dialog ("slot-warning");
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Someone Is Booking This Slot");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), annas_name));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "at Reception 1"));
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "cancel");
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) ==
                 GTK_WINDOW (fixture->ben.window));
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (dialog), GTK_ACCESSIBLE_ROLE_DIALOG);
  fd_test_ui_wait_for_frames (GTK_WIDGET (dialog), 3);
  shot = fd_test_ui_screenshot (GTK_WIDGET (dialog), "slot-warning");

  /* Cancel: nothing opens at Ben's desk, nothing is held for him or written. */
  fd_test_desk_answer (dialog, "cancel");
  g_assert_cmpuint (count_editors (), ==, 1);
  g_assert_null (fd_test_book_editor_of (&fixture->ben));
  wait_for_holds (fixture, "1");

  /* Book Anyway: his booking opens, holding the slot beside hers. */
  fd_test_book_press_slot (bens, parts[1], minute + 10);
  dialog = fd_test_desk_wait_for_dialog ("slot-warning");
  fd_test_desk_answer (dialog, "book-anyway");
  fd_test_wait_until (editors_are, GUINT_TO_POINTER (2), "Ben's booking window");
  g_assert_nonnull (fd_test_book_editor_of (&fixture->ben));
  wait_for_holds (fixture, "2");

  /* Each closes without booking: the holds go with the windows, nothing was written. */
  gtk_window_close (GTK_WINDOW (fd_test_book_editor_of (&fixture->ben)));
  fd_test_wait_until (editors_are, GUINT_TO_POINTER (1), "Ben's booking to close");
  wait_for_holds (fixture, "1");
  gtk_window_close (GTK_WINDOW (fd_test_book_editor_of (&fixture->anna)));
  fd_test_wait_until (editors_are, GUINT_TO_POINTER (0), "Anna's booking to close");
  wait_for_holds (fixture, "0");
  appointments_after = fd_test_query_value (fixture->owner,
                                            "SELECT count(*) FROM frontdesk.appointments");
  g_assert_cmpstr (appointments_after, ==, appointments_before);

  /* A third desk, a process of its own, holds the slot and is killed: Ben books there at
   * once, unwarned. */
  slot_id = g_strdup_printf ("%s %s %d", parts[1], parts[0], minute);
  holder_process = fd_test_holder_start (fixture->dbname, "slot", slot_id, "held");
  wait_for_holds (fixture, "1");
  fd_test_holder_kill (holder_process);
  wait_for_holds (fixture, "0");
  fd_test_book_press_slot (bens, parts[1], minute);
  fd_test_wait_until (editors_are, GUINT_TO_POINTER (1), "Ben's booking where the desk vanished");
  g_assert_null (fd_test_desk_find_dialog ("slot-warning"));
  wait_for_holds (fixture, "1");
  gtk_window_close (GTK_WINDOW (fd_test_book_editor_of (&fixture->ben)));
  fd_test_wait_until (editors_are, GUINT_TO_POINTER (0), "Ben's booking to close");
  wait_for_holds (fixture, "0");
}

/* Anna drags one appointment onto another: asked first, naming the client already there;
 * Cancel leaves both as they were, Double-Book moves it. */
static void
test_double_book_prompt (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *picked = fd_test_query_value (
    fixture->owner,
    "SELECT a.id || '|' || b.id || '|' || frontdesk.practice_day(a.starts_at) || '|' || "
    "b.operatory_id || '|' || a.operatory_id || '|' || c.last_name "
    "  FROM frontdesk.appointments a "
    "  JOIN frontdesk.appointments b ON frontdesk.practice_day(b.starts_at) = "
    "       frontdesk.practice_day(a.starts_at) AND b.operatory_id <> a.operatory_id "
    "  JOIN frontdesk.clients c ON c.id = b.client_id "
    " WHERE a.status = 'scheduled' AND b.status = 'scheduled' "
    " ORDER BY a.starts_at, b.starts_at LIMIT 1");
  g_auto(GStrv) parts = g_strsplit (picked, "|", 6);
  g_autofree char *iso = g_strdup_printf ("%sT12:00:00", parts[2]);
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  g_autoptr(GDateTime) day = g_date_time_new_from_iso8601 (iso, local);
  g_autofree char *sql = g_strdup_printf ("SELECT operatory_id FROM frontdesk.appointments "
                                          "WHERE id = %s", parts[0]);
  g_autofree char *heading = NULL;
  g_autofree char *shot = NULL;
  FdAppointmentsModule *annas = fd_test_book_open (&fixture->anna, day);
  FdDayView *view = fd_appointments_module_get_view (annas);
  BlockWait shown = { view, parts[0] };
  FdAppointment *occupant;
  AdwMessageDialog *dialog;
  ValueWait stored = { fixture->owner, sql, NULL };

  fd_test_wait_until (block_shown, &shown, "the appointment in Anna's book");
  shown.id = parts[1];
  fd_test_wait_until (block_shown, &shown, "the other appointment in Anna's book");
  fd_test_ui_wait_for_frames (GTK_WIDGET (fixture->anna.window), 2);
  occupant = fd_day_view_find (view, parts[1]);
  heading = g_strdup_printf ("Double-book with %s?", fd_appointment_get_client_name (occupant));

  for (guint attempt = 0; attempt < 2; attempt++)
    {
      fd_test_book_drop_onto (annas, parts[0], parts[1]);
      dialog = fd_test_desk_wait_for_dialog ("double-book-dialog");
      g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, heading);
      g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "cancel");
      gtk_test_accessible_assert_role (GTK_ACCESSIBLE (dialog), GTK_ACCESSIBLE_ROLE_DIALOG);
      if (attempt == 0)
        {
          fd_test_ui_wait_for_frames (GTK_WIDGET (dialog), 3);
          shot = fd_test_ui_screenshot (GTK_WIDGET (dialog), "double-book");
          fd_test_desk_answer (dialog, "cancel");
          /* Nothing written: it stays in its own operatory. */
          stored.value = parts[4];
          g_assert_true (value_is (&stored));
        }
      else
        fd_test_desk_answer (dialog, "double-book");
    }
  stored.value = parts[3];
  fd_test_wait_until (value_is, &stored, "the double-booked move to be stored");
}

int
main (int   argc,
      char *argv[])
{
  fd_test_ui_init (&argc, &argv);

  g_test_add ("/open-badges/client-list", Fixture, NULL,
              fd_test_office_setup, test_client_list_badge, fd_test_office_teardown);
  g_test_add ("/open-badges/day-view", Fixture, NULL,
              fd_test_office_setup, test_day_view_badge, fd_test_office_teardown);

  g_test_add ("/open-badges/slot-held-while-booking", Fixture, NULL,
              fd_test_office_setup, test_slot_held_while_booking, fd_test_office_teardown);

  g_test_add ("/open-badges/double-book-prompt", Fixture, NULL,
              fd_test_office_setup, test_double_book_prompt, fd_test_office_teardown);

  return g_test_run ();
}
