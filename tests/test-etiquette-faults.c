/* test-etiquette-faults.c: lock etiquette when things go wrong or crowd in, at two and three
 * workstations, each a real window: two desks ask for the record a third holds (the first
 * to ask gets it, the other is told who has it now, and reads along); a Save and Release
 * whose save the server refuses (the asker is answered, the holder sees why, nothing typed
 * is lost); a desk killed while it holds a record, a request and a slot (its badge goes from
 * the lists, the request is answered, the slot freed, in the same seconds); and saving a
 * move onto another appointment from the appointment editor asks first.
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

typedef struct
{
  FdTestOffice office;
  FdTestDesk   carl;      /* the third desk */
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fd_test_office_setup (&fixture->office, data);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  fd_test_desk_destroy_windows ();
  if (fixture->carl.window != NULL)
    fd_test_desk_close (&fixture->carl);
  fd_test_office_teardown (&fixture->office, data);
}

/* What a person sees ------------------------------------------------------------------------ */

static gboolean
badge_shown (gpointer user_data)
{
  return fd_test_book_find_badge (user_data) != NULL;
}

static gboolean
no_badge_shown (gpointer user_data)
{
  return fd_test_book_find_badge (user_data) == NULL;
}

/* A badge at @desk's list naming @workstation, as a screen reader reads it. */
static void
assert_badge (FdTestDesk *desk,
              const char *workstation)
{
  GtkWidget *list = GTK_WIDGET (desk->module);
  GtkWidget *badge;
  g_autofree char *start = g_strdup_printf ("Open at %s by ", workstation);

  fd_test_wait_until (badge_shown, list, "a lock badge in the list");
  badge = fd_test_book_find_badge (list);
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (badge), GTK_ACCESSIBLE_ROLE_IMG);
  g_assert_true (g_str_has_prefix (gtk_widget_get_tooltip_text (badge), start));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (badge), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       gtk_widget_get_tooltip_text (badge));
}

/* Opens the first client at @desk, whom another desk holds, and answers the warning. */
static void
open_held_and (FdTestDesk *desk,
               const char *button)
{
  AdwMessageDialog *dialog;

  fd_clients_module_select (desk->module, GTK_INVALID_LIST_POSITION);
  fd_test_desk_open_first_client (desk);
  dialog = fd_test_desk_wait_for_dialog ("first-warning");
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "cancel");
  fd_test_ui_press (GTK_WIDGET (dialog), button);
}

/* The server's word ------------------------------------------------------------------------- */

typedef struct
{
  FdConnection *owner;
  char         *sql;
  const char   *value;
} ValueWait;

static gboolean
value_is (gpointer user_data)
{
  ValueWait *wait = user_data;
  g_autofree char *value = fd_test_query_value (wait->owner, wait->sql);

  return g_strcmp0 (value ?: "", wait->value) == 0;
}

/* Waits until @sql (printf-style) reads @value on the server. */
static void
wait_for_value (FdConnection *owner,
                const char   *value,
                const char   *sql,
                ...) G_GNUC_PRINTF (3, 4);

static void
wait_for_value (FdConnection *owner,
                const char   *value,
                const char   *sql,
                ...)
{
  ValueWait wait = { owner, NULL, value };
  va_list args;

  va_start (args, sql);
  wait.sql = g_strdup_vprintf (sql, args);
  va_end (args);
  fd_test_wait_until (value_is, &wait, wait.sql);
  g_free (wait.sql);
}

#define LOCK_HOLDER_SQL \
  "SELECT coalesce((SELECT s.login FROM frontdesk.record_locks l JOIN frontdesk.sessions s " \
  "ON s.id = l.session_id WHERE l.record_kind = 'clients' AND l.record_id = '%s'), '')"

/* Tests ------------------------------------------------------------------------------------ */

/* Anna holds a client. Ben and Carl see her badge; Ben asks her to release it, then Carl.
 * Anna's popup names Ben, the first, and stays his; she types and picks Save and Release:
 * Ben's waiting form takes the lock and opens for editing, and Carl is told who has it now
 * (the warning names Ben at Reception 2). Carl reads along and sees Ben's save. */
static void
test_three_desks_ask (Fixture       *fixture,
                      gconstpointer  data)
{
  FdTestOffice *office = &fixture->office;
  GtkWidget *ben_window = GTK_WIDGET (office->ben.window);
  GtkWidget *carl_window;
  g_autofree char *id = NULL;
  g_autofree char *shot = NULL;
  g_autofree char *heading_start = NULL;
  AdwMessageDialog *dialog;
  AdwMessageDialog *warning;

  fd_test_desk_open (&fixture->carl, office->dbname, "Reception 3");
  carl_window = GTK_WIDGET (fixture->carl.window);
  fd_test_desk_open_first_client (&office->anna);
  fd_test_desk_wait_for_record (&office->anna, "Anna's record");
  id = g_strdup (fd_client_editor_get_client_id (office->anna.editor));

  /* Both other desks see who has it, in their lists. */
  assert_badge (&office->ben, "Reception 1");
  assert_badge (&fixture->carl, "Reception 1");
  g_free (shot);
  shot = fd_test_ui_screenshot (carl_window, "three-desks-badge");

  open_held_and (&office->ben, "_Ask to Release");
  fd_test_ui_wait_for_label (ben_window, "(you asked)");
  dialog = fd_test_desk_wait_for_dialog ("release-request");
  heading_start = g_strdup_printf ("%s at Reception 2 would like to open ", office->ben.login);
  g_assert_true (g_str_has_prefix (adw_message_dialog_get_heading (dialog), heading_start));

  open_held_and (&fixture->carl, "_Ask to Release");
  fd_test_ui_wait_for_label (carl_window, "(you asked)");
  wait_for_value (office->owner, "2",
                  "SELECT count(*) FROM frontdesk.release_requests WHERE answer IS NULL");
  /* Carl's request reaches Anna's desk meanwhile; her question stays Ben's. */
  fd_test_spin (500);
  dialog = fd_test_desk_find_dialog ("release-request");
  g_assert_nonnull (dialog);
  g_assert_true (g_str_has_prefix (adw_message_dialog_get_heading (dialog), heading_start));
  g_free (shot);
  shot = fd_test_ui_screenshot (GTK_WIDGET (dialog), "three-desks-release-holder");
  g_free (shot);
  shot = fd_test_ui_screenshot (carl_window, "three-desks-release-asker");

  fd_client_editor_set_field (office->anna.editor, "city", "First Asker Cove");
  fd_test_ui_press (GTK_WIDGET (dialog), "_Save and Release");

  /* Ben asked first: his form opens for editing with Anna's change. */
  fd_test_wait_until (fd_test_desk_editor_editable, office->ben.editor, "Ben's form opening for editing");
  wait_for_value (office->owner, office->ben.login, LOCK_HOLDER_SQL, id);
  fd_test_desk_wait_for_field (GTK_WIDGET (office->ben.editor), "First Asker Cove");
  g_assert_true (fd_client_editor_get_read_only (office->anna.editor));

  /* Carl is told who has it now, and reads along. */
  warning = fd_test_desk_wait_for_dialog ("first-warning");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (warning), "Reception 2"));
  g_assert_cmpstr (adw_message_dialog_get_default_response (warning), ==, "cancel");
  g_free (shot);
  shot = fd_test_ui_screenshot (GTK_WIDGET (warning), "three-desks-told-who-has-it");
  fd_test_ui_press (GTK_WIDGET (warning), "Open _Read-Only");
  fd_test_wait_until (fd_test_desk_editor_read_only, fixture->carl.editor, "Carl reading along");
  fd_test_ui_wait_for_label (carl_window, "Reception 2 has this record open");
  assert_badge (&fixture->carl, "Reception 2");

  fd_client_editor_set_field (office->ben.editor, "city", "Second Hand Harbour");
  fd_test_desk_save (&office->ben);
  fd_test_desk_wait_until_clean (office->ben.editor, "Ben's save");
  fd_test_desk_wait_for_field (GTK_WIDGET (fixture->carl.editor), "Second Hand Harbour");
  g_assert_true (fd_client_editor_get_read_only (fixture->carl.editor));
  wait_for_value (office->owner, "1", "SELECT count(*) FROM frontdesk.release_requests "
                                      "WHERE answer = 'gone'");
}

/* Anna picks Save and Release, but the server refuses her change: Ben is told she could not
 * save and is still editing; Anna's form says why and still has what she typed. */
static void
test_failed_save_and_release (Fixture       *fixture,
                              gconstpointer  data)
{
  FdTestOffice *office = &fixture->office;
  GtkWidget *anna_window = GTK_WIDGET (office->anna.window);
  GtkWidget *ben_window = GTK_WIDGET (office->ben.window);
  g_autofree char *id = NULL;
  g_autofree char *shot = NULL;
  g_autofree char *city_sql = NULL;
  g_autofree char *city = NULL;
  AdwMessageDialog *dialog;

  /* A rule of the practice the form does not know: the server refuses this city. */
  fd_test_exec (office->owner, "ALTER TABLE frontdesk.clients ADD CONSTRAINT test_no_such_town "
                               "CHECK (city IS DISTINCT FROM 'Nowhere Town') NOT VALID");
  fd_test_desk_open_first_client (&office->anna);
  fd_test_desk_wait_for_record (&office->anna, "Anna's record");
  id = g_strdup (fd_client_editor_get_client_id (office->anna.editor));
  city_sql = g_strdup_printf ("SELECT coalesce(city, '') FROM frontdesk.clients WHERE id = %s",
                              id);
  city = fd_test_query_value (office->owner, city_sql);
  fd_client_editor_set_field (office->anna.editor, "city", "Nowhere Town");

  open_held_and (&office->ben, "_Ask to Release");
  fd_test_ui_wait_for_label (ben_window, "(you asked)");
  dialog = fd_test_desk_wait_for_dialog ("release-request");
  fd_test_ui_press (GTK_WIDGET (dialog), "_Save and Release");

  fd_test_ui_wait_for_label (ben_window, "could not save");
  g_assert_true (fd_client_editor_get_read_only (office->ben.editor));
  fd_test_ui_wait_for_label (anna_window, "Not saved");
  g_assert_false (fd_client_editor_get_read_only (office->anna.editor));
  g_assert_true (fd_client_editor_get_dirty (office->anna.editor));
  g_assert_nonnull (fd_test_desk_find_editable_with_text (GTK_WIDGET (office->anna.editor), "Nowhere Town"));
  wait_for_value (office->owner, office->anna.login, LOCK_HOLDER_SQL, id);
  wait_for_value (office->owner, city, "%s", city_sql);
  wait_for_value (office->owner, "1", "SELECT count(*) FROM frontdesk.audit_log "
                                      "WHERE action = 'release unsaved'");
  g_free (shot);
  shot = fd_test_ui_screenshot (ben_window, "release-unsaved-asker");
  g_free (shot);
  shot = fd_test_ui_screenshot (anna_window, "release-unsaved-holder");

  /* She corrects it and saves; Ben may ask again. */
  fd_client_editor_set_field (office->anna.editor, "city", "Somewhere Town");
  fd_test_desk_save (&office->anna);
  fd_test_desk_wait_until_clean (office->anna.editor, "Anna's corrected save");
  fd_test_desk_wait_for_field (GTK_WIDGET (office->ben.editor), "Somewhere Town");
}

/* A desk, a process of its own, holds a client (Anna's and Ben's lists show its badge) and
 * another holds a slot. Both are killed: the badges go from both lists and the slot is
 * free, without any other change to the lock table. Then a third holds the client and Ben
 * asks it to release it; killed, its request is answered and Ben's waiting form takes the
 * record. */
static void
test_killed_desk (Fixture       *fixture,
                  gconstpointer  data)
{
  FdTestOffice *office = &fixture->office;
  g_autofree char *id = NULL;
  g_autofree char *slot = NULL;
  g_autofree char *shot = NULL;
  g_autoptr(GSubprocess) record_holder = NULL;
  g_autoptr(GSubprocess) slot_holder = NULL;
  g_autoptr(GSubprocess) asked_holder = NULL;

  fd_test_desk_open_first_client (&office->anna);
  fd_test_desk_wait_for_record (&office->anna, "Anna's record");
  id = g_strdup (fd_client_editor_get_client_id (office->anna.editor));
  fd_client_editor_close (office->anna.editor);
  wait_for_value (office->owner, "", LOCK_HOLDER_SQL, id);

  record_holder = fd_test_holder_start (office->dbname, "clients", id, "held");
  slot = fd_test_query_value (office->owner,
                              "SELECT min(id) || ' ' || current_date || ' 600' "
                              "FROM frontdesk.operatories");
  slot_holder = fd_test_holder_start (office->dbname, "slot", slot, "held");
  assert_badge (&office->anna, "Crashing desk");
  assert_badge (&office->ben, "Crashing desk");
  fd_test_holder_kill (slot_holder);
  fd_test_holder_kill (record_holder);
  fd_test_wait_until (no_badge_shown, office->anna.module, "the badge gone at Anna's desk");
  fd_test_wait_until (no_badge_shown, office->ben.module, "the badge gone at Ben's desk");
  g_free (shot);
  shot = fd_test_ui_screenshot (GTK_WIDGET (office->anna.window), "killed-desk-badge-gone");
  wait_for_value (office->owner, "0", "SELECT count(*) FROM frontdesk.slot_holds");
  wait_for_value (office->owner, "2", "SELECT count(*) FROM frontdesk.audit_log "
                                      "WHERE action = 'session departed'");

  /* Asked, and killed before it answers. */
  asked_holder = fd_test_holder_start (office->dbname, "clients", id, "held");
  assert_badge (&office->anna, "Crashing desk");
  open_held_and (&office->ben, "_Ask to Release");
  fd_test_ui_wait_for_label (GTK_WIDGET (office->ben.window), "(you asked)");
  fd_test_holder_kill (asked_holder);
  fd_test_wait_until (fd_test_desk_editor_editable, office->ben.editor,
                      "Ben's form taking the record");
  wait_for_value (office->owner, office->ben.login, LOCK_HOLDER_SQL, id);
  wait_for_value (office->owner, "gone", "SELECT string_agg(answer, ',') "
                                         "FROM frontdesk.release_requests");
  assert_badge (&office->anna, "Reception 2");
}

/* The appointment editor ----------------------------------------------------------------- */

static gboolean
no_editor_shown (gpointer user_data)
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

static gboolean
no_dialog_shown (gpointer user_data)
{
  return fd_test_desk_find_dialog (user_data) == NULL;
}

/* Anna moves an appointment, in its editor, onto another one in the same operatory: Save
 * asks "Double-book with …?" (Cancel the default); Cancel keeps the editor and writes
 * nothing, Double-Book saves the move. */
static void
test_editor_double_book (Fixture       *fixture,
                         gconstpointer  data)
{
  FdTestOffice *office = &fixture->office;
  g_autofree char *picked = fd_test_query_value (
    office->owner,
    "SELECT a.id || '|' || b.id || '|' || frontdesk.practice_day(a.starts_at) || '|' || "
    "       right(frontdesk.practice_time(b.starts_at), 5) || '|' || "
    "       c.last_name "
    "  FROM frontdesk.appointments a "
    "  JOIN frontdesk.appointments b ON frontdesk.practice_day(b.starts_at) = "
    "       frontdesk.practice_day(a.starts_at) AND b.operatory_id = a.operatory_id "
    "       AND b.provider_id = a.provider_id AND b.id <> a.id "
    "       AND (b.starts_at >= a.starts_at + make_interval(mins => a.length_minutes) "
    "            OR a.starts_at >= b.starts_at + make_interval(mins => b.length_minutes)) "
    "  JOIN frontdesk.clients c ON c.id = b.client_id "
    " WHERE a.status = 'scheduled' AND b.status = 'scheduled' "
    "   AND b.starts_at + make_interval(mins => a.length_minutes) <= "
    "       b.starts_at + make_interval(mins => b.length_minutes) "
    " ORDER BY a.starts_at, b.starts_at LIMIT 1");
  g_auto(GStrv) parts = NULL;
  g_autofree char *starts_sql = NULL;
  g_autofree char *before = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *shot = NULL;
  FdAppointmentEditor *editor;
  AdwMessageDialog *dialog;

  g_assert_nonnull (picked);
  parts = g_strsplit (picked, "|", 5);
  starts_sql = g_strdup_printf ("SELECT starts_at FROM frontdesk.appointments WHERE id = %s",
                                parts[0]);
  before = fd_test_query_value (office->owner, starts_sql);

  fd_appointment_editor_open (GTK_WINDOW (office->anna.window), office->anna.database,
                              fd_test_desk_show_in_book (&office->anna, parts[0], parts[2]), parts[2]);
  editor = FD_APPOINTMENT_EDITOR (fd_test_ui_wait_for_window (FD_TYPE_APPOINTMENT_EDITOR));
  fd_test_wait_until (fd_test_desk_appointment_editable, editor, "Anna's editor editing");
  fd_appointment_editor_set_field (editor, "start", parts[3]);

  /* Save asks first, naming who is there; Enter would cancel. */
  gtk_widget_activate (fd_test_ui_find_with_class (GTK_WIDGET (editor), "suggested-action",
                                                   NULL));
  dialog = fd_test_desk_wait_for_dialog ("double-book-dialog");
  heading = g_strdup_printf ("Double-book with ");
  g_assert_true (g_str_has_prefix (adw_message_dialog_get_heading (dialog), heading));
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), parts[4]));
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "cancel");
  g_assert_cmpstr (adw_message_dialog_get_close_response (dialog), ==, "cancel");
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (editor));
  fd_test_ui_wait_for_frames (GTK_WIDGET (dialog), 3);
  shot = fd_test_ui_screenshot (GTK_WIDGET (dialog), "editor-double-book");
  fd_test_ui_press (GTK_WIDGET (dialog), "_Cancel");
  fd_test_wait_until (no_dialog_shown, "double-book-dialog", "the question to go");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));
  g_assert_nonnull (fd_test_desk_find_editable_with_text (GTK_WIDGET (editor), parts[3]));
  wait_for_value (office->owner, before, "%s", starts_sql);

  /* Again, and Double-Book: the move is saved and the editor closes. */
  gtk_widget_activate (fd_test_ui_find_with_class (GTK_WIDGET (editor), "suggested-action",
                                                   NULL));
  dialog = fd_test_desk_wait_for_dialog ("double-book-dialog");
  fd_test_ui_press (GTK_WIDGET (dialog), "_Double-Book");
  fd_test_wait_until (no_editor_shown, NULL, "the editor to close, saved");
  {
    g_autofree char *after = fd_test_query_value (office->owner, starts_sql);

    g_assert_cmpstr (after, !=, before);
  }
}

/* In the appointment editor: Anna picks Save and Release, but the server refuses her note:
 * Ben is told she could not save and is still editing; her editor stays open, says why and
 * who was told, and keeps the note. */
static void
test_appointment_failed_save_and_release (Fixture       *fixture,
                                          gconstpointer  data)
{
  FdTestOffice *office = &fixture->office;
  g_autofree char *picked = fd_test_query_value (
    office->owner, "SELECT a.id || '|' || frontdesk.practice_day(a.starts_at) "
                   "FROM frontdesk.appointments a ORDER BY a.starts_at LIMIT 1");
  g_auto(GStrv) parts = g_strsplit (picked, "|", 2);
  g_autofree char *note_sql = g_strdup_printf ("SELECT coalesce(note, '') FROM "
                                               "frontdesk.appointments WHERE id = %s", parts[0]);
  g_autofree char *note = fd_test_query_value (office->owner, note_sql);
  g_autofree char *shot = NULL;
  FdAppointmentEditor *annas;
  FdAppointmentEditor *bens;

  fd_test_exec (office->owner, "ALTER TABLE frontdesk.appointments ADD CONSTRAINT "
                               "test_no_such_note CHECK (note IS DISTINCT FROM 'Refused note') "
                               "NOT VALID");
  fd_appointment_editor_open (GTK_WINDOW (office->anna.window), office->anna.database,
                              fd_test_desk_show_in_book (&office->anna, parts[0], parts[1]), parts[1]);
  annas = FD_APPOINTMENT_EDITOR (fd_test_ui_wait_for_window (FD_TYPE_APPOINTMENT_EDITOR));
  fd_test_wait_until (fd_test_desk_appointment_editable, annas, "Anna's editor editing");
  fd_appointment_editor_set_field (annas, "note", "Refused note");
  fd_appointment_editor_open (GTK_WINDOW (office->ben.window), office->ben.database,
                              fd_test_desk_show_in_book (&office->ben, parts[0], parts[1]), parts[1]);
  fd_test_ui_press (GTK_WIDGET (fd_test_desk_wait_for_dialog ("first-warning")),
                    "_Ask to Release");
  fd_test_wait_until (fd_test_desk_other_editor_shown, annas, "Ben's waiting editor");
  bens = fd_test_desk_find_appointment_editor (annas);
  fd_test_ui_wait_for_label (GTK_WIDGET (bens), "(you asked)");
  fd_test_ui_press (GTK_WIDGET (fd_test_desk_wait_for_dialog ("release-request")),
                    "_Save and Release");

  fd_test_ui_wait_for_label (GTK_WIDGET (bens), "could not save");
  g_assert_true (fd_appointment_editor_get_read_only (bens));
  fd_test_ui_wait_for_label (GTK_WIDGET (annas), "was told you could not save");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (annas)));
  g_assert_false (fd_appointment_editor_get_read_only (annas));
  g_assert_nonnull (fd_test_desk_find_editable_with_text (GTK_WIDGET (annas), "Refused note"));
  wait_for_value (office->owner, note, "%s", note_sql);
  wait_for_value (office->owner, "1", "SELECT count(*) FROM frontdesk.audit_log "
                                      "WHERE action = 'release unsaved'");
  g_free (shot);
  shot = fd_test_ui_screenshot (GTK_WIDGET (annas), "appointment-release-unsaved-holder");
  g_free (shot);
  shot = fd_test_ui_screenshot (GTK_WIDGET (bens), "appointment-release-unsaved-asker");
}

int
main (int   argc,
      char *argv[])
{
  fd_test_ui_init (&argc, &argv);
  fd_test_ui_serve_notifications ();

  g_test_add ("/frontdesk/etiquette-faults/three-desks-ask", Fixture, NULL, fixture_setup,
              test_three_desks_ask, fixture_teardown);
  g_test_add ("/frontdesk/etiquette-faults/failed-save-and-release", Fixture, NULL,
              fixture_setup, test_failed_save_and_release, fixture_teardown);
  g_test_add ("/frontdesk/etiquette-faults/killed-desk", Fixture, NULL, fixture_setup,
              test_killed_desk, fixture_teardown);
  g_test_add ("/frontdesk/etiquette-faults/appointment-failed-save-and-release", Fixture, NULL,
              fixture_setup, test_appointment_failed_save_and_release, fixture_teardown);
  g_test_add ("/frontdesk/etiquette-faults/editor-double-book", Fixture, NULL, fixture_setup,
              test_editor_double_book, fixture_teardown);

  return fd_test_run ();
}
