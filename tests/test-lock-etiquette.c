/* test-lock-etiquette.c: two and three workstations, each a real window, around a record
 * one of them holds: the lock warning's Open Read-Only (the form follows the holder's
 * saves; Edit asks again, and takes the lock once it is free), Ask to Release (the holder's
 * popup, Keep Editing and Save and Release, the asker's form opening for editing by itself),
 * a request to a desk that is gone, and the edit time limit's warning with Keep Editing.
 * The buttons pressed are the dialogs' and the form's own.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "fd-appointment-editor.h"
#include "fd-appointments-module.h"
#include "fd-day-view.h"
#include "fd-test-desk.h"
#include "fd-test-server.h"
#include "fd-test-ui.h"

typedef struct
{
  FdTestOffice office;
  FdTestDesk   carl;      /* a third desk, when a test needs one */
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

/* The summaries the desktop's notification server was sent, in order. */
static GPtrArray *notifications;

/* What a person sees and presses --------------------------------------------------------- */

static GtkButton *
edit_button (FdTestDesk *desk)
{
  GtkButton *button = fd_test_ui_find_button (GTK_WIDGET (desk->editor), "_Edit");

  g_assert_nonnull (button);
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (button)), ==,
                   GTK_ACCESSIBLE_ROLE_BUTTON);
  return button;
}

/* The server's word ------------------------------------------------------------------------- */

static char *
lock_holder (FdTestOffice *office,
             const char   *id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT coalesce((SELECT s.login FROM "
                                          "frontdesk.record_locks l JOIN frontdesk.sessions s "
                                          "ON s.id = l.session_id WHERE l.record_kind = "
                                          "'clients' AND l.record_id = '%s'), '')", id);

  return fd_test_query_value (office->owner, sql);
}

typedef struct
{
  FdTestOffice *office;
  const char   *id;
  const char   *login;
} HolderWait;

static gboolean
held_by (gpointer user_data)
{
  HolderWait *wait = user_data;
  g_autofree char *holder = lock_holder (wait->office, wait->id);

  return g_str_equal (holder, wait->login);
}

static void
wait_for_holder (FdTestOffice *office,
                 const char   *id,
                 const char   *login)
{
  HolderWait wait = { office, id, login };

  fd_test_wait_until (held_by, &wait, login[0] != '\0' ? login : "the lock free");
}

static char *
audit_count (FdTestOffice *office,
             const char   *action,
             const char   *id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM frontdesk.audit_log "
                                          "WHERE action = '%s' AND record_id = '%s'", action, id);

  return fd_test_query_value (office->owner, sql);
}

static char *
stored_city (FdTestOffice *office,
             const char   *id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT coalesce(city, '') FROM frontdesk.clients "
                                          "WHERE id = %s", id);

  return fd_test_query_value (office->owner, sql);
}

/* Opens the first client at @desk, whom another desk holds: the warning, with its buttons. */
static AdwMessageDialog *
open_held (FdTestDesk *desk)
{
  AdwMessageDialog *dialog;

  fd_clients_module_select (desk->module, GTK_INVALID_LIST_POSITION);
  fd_test_desk_open_first_client (desk);
  dialog = fd_test_desk_wait_for_dialog ("first-warning");
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "cancel");
  g_assert_cmpstr (adw_message_dialog_get_close_response (dialog), ==, "cancel");
  g_assert_cmpstr (adw_message_dialog_get_response_label (dialog, "read-only"), ==,
                   "Open _Read-Only");
  g_assert_cmpstr (adw_message_dialog_get_response_label (dialog, "ask"), ==, "_Ask to Release");
  g_assert_cmpstr (adw_message_dialog_get_response_label (dialog, "open"), ==, "_Open Anyway");
  return dialog;
}

static gboolean
has_notification (gpointer user_data)
{
  return notifications->len > 0;
}

/* Tests ------------------------------------------------------------------------------------ */

/* Ben opens Anna's record read-only: no lock taken, read-only, Edit offered; Anna's save
 * shows in his form. Edit while she has it asks again (Cancel keeps the view); once she has
 * let it go, Edit takes the lock. */
static void
test_open_read_only (Fixture       *fixture,
                     gconstpointer  data)
{
  FdTestOffice *office = &fixture->office;
  GtkWidget *ben_window = GTK_WIDGET (office->ben.window);
  g_autofree char *id = NULL;
  g_autofree char *shot = NULL;
  AdwMessageDialog *dialog;

  fd_test_desk_open_first_client (&office->anna);
  fd_test_desk_wait_for_record (&office->anna, "Anna's record");
  id = g_strdup (fd_client_editor_get_client_id (office->anna.editor));

  dialog = open_held (&office->ben);
  shot = fd_test_ui_screenshot (GTK_WIDGET (dialog), "lock-warning-etiquette");
  fd_test_ui_press (GTK_WIDGET (dialog), "Open _Read-Only");
  fd_test_wait_until (fd_test_desk_editor_read_only, office->ben.editor, "Ben's read-only form");
  fd_test_ui_wait_for_label (ben_window, "Read-only: ");
  fd_test_desk_wait_for_record (&office->ben, "Ben's read-only record");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (edit_button (&office->ben))));
  g_assert_false (gtk_editable_get_editable (GTK_EDITABLE (
    fd_test_ui_find_descendant (GTK_WIDGET (office->ben.editor), ADW_TYPE_ENTRY_ROW))));
  g_free (shot);
  shot = fd_test_ui_screenshot (ben_window, "read-only-form");
  g_assert_null (fd_test_desk_find_dialog ("lock-lost-dialog"));
  {
    g_autofree char *holder = lock_holder (office, id);

    g_assert_cmpstr (holder, ==, office->anna.login);
  }

  /* Anna saves a city: Ben's form follows. */
  fd_client_editor_set_field (office->anna.editor, "city", "Followed Bay");
  fd_test_desk_save (&office->anna);
  fd_test_desk_wait_until_clean (office->anna.editor, "Anna's save");
  fd_test_desk_wait_for_field (GTK_WIDGET (office->ben.editor), "Followed Bay");
  g_assert_true (fd_client_editor_get_read_only (office->ben.editor));

  /* Edit while Anna still has it: the same warning; Cancel leaves the view as it was. */
  fd_test_ui_press (GTK_WIDGET (office->ben.editor), "_Edit");
  dialog = fd_test_desk_wait_for_dialog ("first-warning");
  fd_test_ui_press (GTK_WIDGET (dialog), "_Cancel");
  fd_test_wait_until (fd_test_desk_editor_read_only, office->ben.editor, "Ben's view after Cancel");
  fd_test_ui_wait_for_label (ben_window, "Read-only: ");
  g_assert_nonnull (fd_test_desk_find_editable_with_text (GTK_WIDGET (office->ben.editor), "Followed Bay"));

  /* Anna moves on; Edit takes the lock. */
  fd_client_editor_close (office->anna.editor);
  wait_for_holder (office, id, "");
  fd_test_ui_press (GTK_WIDGET (office->ben.editor), "_Edit");
  fd_test_wait_until (fd_test_desk_editor_editable, office->ben.editor, "Ben editing");
  wait_for_holder (office, id, office->ben.login);
  g_assert_null (fd_test_ui_find_button (GTK_WIDGET (office->ben.editor), "_Edit"));
}

/* Three desks. Carl reads along. Ben asks Anna to release: her popup names him and the
 * client; Keep Editing, and Ben is told. He asks again; Anna has typed, and chooses Save and
 * Release: her change is saved, her form is read-only, and Ben's waiting form opens for
 * editing by itself; Carl's form shows Anna's change. */
static void
test_ask_to_release (Fixture       *fixture,
                     gconstpointer  data)
{
  FdTestOffice *office = &fixture->office;
  GtkWidget *anna_window = GTK_WIDGET (office->anna.window);
  GtkWidget *ben_window = GTK_WIDGET (office->ben.window);
  g_autofree char *id = NULL;
  g_autofree char *name = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *shot = NULL;
  g_autofree char *city = NULL;
  g_autofree char *asked = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *released = NULL;
  AdwMessageDialog *dialog;

  fd_test_desk_open (&fixture->carl, office->dbname, "Reception 3");
  fd_test_desk_open_first_client (&office->anna);
  fd_test_desk_wait_for_record (&office->anna, "Anna's record");
  id = g_strdup (fd_client_editor_get_client_id (office->anna.editor));
  dialog = open_held (&fixture->carl);
  fd_test_ui_press (GTK_WIDGET (dialog), "Open _Read-Only");
  fd_test_wait_until (fd_test_desk_editor_read_only, fixture->carl.editor, "Carl reading along");

  dialog = open_held (&office->ben);
  fd_test_ui_press (GTK_WIDGET (dialog), "_Ask to Release");
  fd_test_ui_wait_for_label (ben_window, "(you asked)");
  g_assert_true (fd_client_editor_get_read_only (office->ben.editor));

  /* Anna's popup: who, where, and which client; Enter keeps editing. */
  dialog = fd_test_desk_wait_for_dialog ("release-request");
  name = g_strdup (adw_window_title_get_title (ADW_WINDOW_TITLE (
    fd_test_ui_find_descendant (GTK_WIDGET (office->anna.editor), ADW_TYPE_WINDOW_TITLE))));
  heading = g_strdup_printf ("%s at Reception 2 would like to open %s", office->ben.login, name);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, heading);
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "no");
  g_assert_cmpstr (adw_message_dialog_get_response_label (dialog, "yes"), ==, "_Save and Release");
  g_assert_cmpstr (adw_message_dialog_get_response_label (dialog, "no"), ==, "_Keep Editing");
  /* Anna's window is not the focused one (Ben's or Carl's is): her desktop shows it too. */
  if (!gtk_window_is_active (GTK_WINDOW (anna_window)))
    {
      fd_test_wait_until (has_notification, NULL, "the desktop notification");
      g_assert_cmpstr (g_ptr_array_index (notifications, 0), ==, heading);
    }
  else
    g_test_message ("Anna's window is focused: no desktop notification expected");
  g_free (shot);
  shot = fd_test_ui_screenshot (GTK_WIDGET (dialog), "release-request-holder");
  g_free (shot);
  shot = fd_test_ui_screenshot (ben_window, "release-request-asker");
  fd_test_ui_press (GTK_WIDGET (dialog), "_Keep Editing");
  fd_test_ui_wait_for_label (ben_window, "keeps editing");
  g_assert_true (fd_client_editor_get_read_only (office->ben.editor));
  g_assert_false (fd_client_editor_get_read_only (office->anna.editor));
  g_free (shot);
  shot = fd_test_ui_screenshot (ben_window, "release-request-kept");

  /* Again; Anna has typed a city, and saves and releases. */
  fd_client_editor_set_field (office->anna.editor, "city", "Released Cove");
  fd_test_ui_press (GTK_WIDGET (office->ben.editor), "_Edit");
  fd_test_ui_press (GTK_WIDGET (fd_test_desk_wait_for_dialog ("first-warning")), "_Ask to Release");
  dialog = fd_test_desk_wait_for_dialog ("release-request");
  fd_test_ui_press (GTK_WIDGET (dialog), "_Save and Release");
  fd_test_wait_until (fd_test_desk_editor_editable, office->ben.editor, "Ben's form opening for editing");
  wait_for_holder (office, id, office->ben.login);
  city = stored_city (office, id);
  g_assert_cmpstr (city, ==, "Released Cove");
  fd_test_desk_wait_for_field (GTK_WIDGET (office->ben.editor), "Released Cove");
  fd_test_ui_wait_for_label (anna_window, "Released to ");
  g_assert_true (fd_client_editor_get_read_only (office->anna.editor));
  fd_test_desk_wait_for_field (GTK_WIDGET (fixture->carl.editor), "Released Cove");
  g_free (shot);
  shot = fd_test_ui_screenshot (anna_window, "release-request-released");

  asked = audit_count (office, "release request", id);
  kept = audit_count (office, "release kept", id);
  released = audit_count (office, "release released", id);
  g_assert_cmpstr (asked, ==, "2");
  g_assert_cmpstr (kept, ==, "1");
  g_assert_cmpstr (released, ==, "1");
}

/* Held by a desk that is gone before Ben asks: the request fails at once, with a sentence
 * in his form. */
static void
test_ask_a_desk_that_is_gone (Fixture       *fixture,
                              gconstpointer  data)
{
  FdTestOffice *office = &fixture->office;
  g_autofree char *login = fd_test_create_staff (FALSE);
  g_autoptr(FdConnection) vanishing = fd_test_open_connection_as (office->dbname, login);
  g_autofree char *pid = fd_test_query_value (vanishing, "SELECT pg_backend_pid()");
  g_autofree char *id = NULL;
  g_autofree char *acquire = NULL;
  g_autofree char *shot = NULL;
  AdwMessageDialog *dialog;

  fd_test_exec (vanishing, "SELECT frontdesk.session_open('Reception 4')");
  fd_test_desk_open_first_client (&office->anna);
  fd_test_desk_wait_for_record (&office->anna, "Anna's record");
  id = g_strdup (fd_client_editor_get_client_id (office->anna.editor));
  fd_client_editor_close (office->anna.editor);
  wait_for_holder (office, id, "");
  acquire = g_strdup_printf ("SELECT * FROM frontdesk.lock_acquire('clients', '%s')", id);
  fd_test_exec (vanishing, acquire);

  dialog = open_held (&office->ben);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Reception 4"));
  fd_test_end_backend (office->owner, pid);
  fd_test_ui_press (GTK_WIDGET (dialog), "_Ask to Release");
  fd_test_ui_wait_for_label (GTK_WIDGET (office->ben.window),
                             "Reception 4 is no longer connected, so nobody can answer.");
  g_free (shot);
  shot = fd_test_ui_screenshot (GTK_WIDGET (office->ben.window), "release-request-gone");
  g_assert_null (fd_test_desk_find_dialog ("release-request"));
}

static char *
stored_expiry (FdTestOffice *office,
               const char   *id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT expires_at FROM frontdesk.record_locks "
                                          "WHERE record_kind = 'clients' AND record_id = '%s'",
                                          id);

  return fd_test_query_value (office->owner, sql);
}

typedef struct
{
  FdTestOffice *office;
  const char   *id;
  const char   *before;
} ExpiryWait;

static gboolean
expiry_moved (gpointer user_data)
{
  ExpiryWait *wait = user_data;
  g_autofree char *now = stored_expiry (wait->office, wait->id);

  return g_strcmp0 (now, wait->before) != 0;
}

/* A short edit time limit: a minute before its end, Anna is warned; Keep Editing renews the
 * lock on the server, which records it, and she goes on editing. */
static void
test_expiry_warning (Fixture       *fixture,
                     gconstpointer  data)
{
  FdTestOffice *office = &fixture->office;
  g_autofree char *id = NULL;
  g_autofree char *before = NULL;
  g_autofree char *renewed = NULL;
  g_autofree char *shot = NULL;
  AdwMessageDialog *dialog;
  ExpiryWait wait;

  fd_test_exec (office->owner, "UPDATE frontdesk.practice SET edit_time_limit = '62 seconds'");
  fd_test_desk_open_first_client (&office->anna);
  fd_test_desk_wait_for_record (&office->anna, "Anna's record");
  id = g_strdup (fd_client_editor_get_client_id (office->anna.editor));
  fd_client_editor_set_field (office->anna.editor, "city", "Typed Before the Limit");

  dialog = fd_test_desk_wait_for_dialog ("expiry-warning");
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Your Edit Time Is Almost Up");
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "yes");
  g_assert_cmpstr (adw_message_dialog_get_response_label (dialog, "yes"), ==, "_Keep Editing");
  g_free (shot);
  shot = fd_test_ui_screenshot (GTK_WIDGET (dialog), "expiry-warning");
  before = stored_expiry (office, id);
  fd_test_ui_press (GTK_WIDGET (dialog), "_Keep Editing");
  wait = (ExpiryWait) { office, id, before };
  fd_test_wait_until (expiry_moved, &wait, "the lock renewed on the server");
  renewed = audit_count (office, "lock renewed", id);
  g_assert_cmpstr (renewed, ==, "1");
  g_assert_false (fd_client_editor_get_read_only (office->anna.editor));
  g_assert_true (fd_client_editor_get_dirty (office->anna.editor));
  fd_test_desk_save (&office->anna);
  fd_test_desk_wait_until_clean (office->anna.editor, "Anna's save after renewing");
}

/* The appointment editor ----------------------------------------------------------------- */

/* Ben opens the appointment Anna has open read-only; Anna's saved note shows in his editor;
 * she closes it; his Edit takes the lock and the form can be edited. */
static void
test_appointment_read_only (Fixture       *fixture,
                            gconstpointer  data)
{
  FdTestOffice *office = &fixture->office;
  g_autofree char *picked = fd_test_query_value (
    office->owner, "SELECT a.id || '|' || frontdesk.practice_day(a.starts_at) "
                   "FROM frontdesk.appointments a ORDER BY a.starts_at LIMIT 1");
  g_auto(GStrv) parts = g_strsplit (picked, "|", 2);
  g_autofree char *shot = NULL;
  g_autofree char *holder = NULL;
  FdAppointmentEditor *annas;
  FdAppointmentEditor *bens;
  AdwMessageDialog *dialog;

  fd_appointment_editor_open (GTK_WINDOW (office->anna.window), office->anna.database,
                              fd_test_desk_show_in_book (&office->anna, parts[0], parts[1]), parts[1]);
  annas = FD_APPOINTMENT_EDITOR (fd_test_ui_wait_for_window (FD_TYPE_APPOINTMENT_EDITOR));
  fd_appointment_editor_open (GTK_WINDOW (office->ben.window), office->ben.database,
                              fd_test_desk_show_in_book (&office->ben, parts[0], parts[1]), parts[1]);
  dialog = fd_test_desk_wait_for_dialog ("first-warning");
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Appointment in Use");
  g_assert_cmpstr (adw_message_dialog_get_response_label (dialog, "read-only"), ==,
                   "Open _Read-Only");
  fd_test_ui_press (GTK_WIDGET (dialog), "Open _Read-Only");
  fd_test_wait_until (fd_test_desk_other_editor_shown, annas, "Ben's read-only editor");
  bens = fd_test_desk_find_appointment_editor (annas);
  g_assert_true (fd_appointment_editor_get_read_only (bens));
  fd_test_ui_wait_for_label (GTK_WIDGET (bens), "Read-only: ");
  g_assert_nonnull (fd_test_ui_find_button (GTK_WIDGET (bens), "_Edit"));
  g_free (shot);
  shot = fd_test_ui_screenshot (GTK_WIDGET (bens), "appointment-read-only");
  holder = fd_test_query_value (office->owner,
                                "SELECT s.login FROM frontdesk.record_locks l JOIN "
                                "frontdesk.sessions s ON s.id = l.session_id "
                                "WHERE l.record_kind = 'appointments'");
  g_assert_cmpstr (holder, ==, office->anna.login);

  /* Anna saves a note (her editor closes): Ben's editor shows it. */
  fd_appointment_editor_set_field (annas, "note", "Seen through the read-only editor");
  gtk_widget_activate (fd_test_ui_find_with_class (GTK_WIDGET (annas), "suggested-action", NULL));
  fd_test_desk_wait_for_field (GTK_WIDGET (bens), "Seen through the read-only editor");
  g_assert_true (fd_appointment_editor_get_read_only (bens));

  /* The lock is free now: Edit takes it. */
  fd_test_ui_press (GTK_WIDGET (bens), "_Edit");
  fd_test_wait_until (fd_test_desk_appointment_editable, bens, "Ben's editor editing");
  g_free (holder);
  holder = fd_test_query_value (office->owner,
                                "SELECT s.login FROM frontdesk.record_locks l JOIN "
                                "frontdesk.sessions s ON s.id = l.session_id "
                                "WHERE l.record_kind = 'appointments'");
  g_assert_cmpstr (holder, ==, office->ben.login);
}

/* Ben asks Anna for the appointment she is editing; she has typed a note and chooses Save
 * and Release in her popup: the note is saved, her editor closes, and Ben's waiting editor
 * opens for editing by itself. */
static void
test_appointment_ask_to_release (Fixture       *fixture,
                                 gconstpointer  data)
{
  FdTestOffice *office = &fixture->office;
  g_autofree char *picked = fd_test_query_value (
    office->owner, "SELECT a.id || '|' || frontdesk.practice_day(a.starts_at) "
                   "FROM frontdesk.appointments a ORDER BY a.starts_at LIMIT 1");
  g_auto(GStrv) parts = g_strsplit (picked, "|", 2);
  g_autofree char *sql = g_strdup_printf ("SELECT coalesce(note, '') FROM frontdesk.appointments "
                                          "WHERE id = %s", parts[0]);
  g_autofree char *note = NULL;
  g_autofree char *released = NULL;
  g_autofree char *shot = NULL;
  FdAppointmentEditor *annas;
  FdAppointmentEditor *bens;
  AdwMessageDialog *dialog;

  fd_appointment_editor_open (GTK_WINDOW (office->anna.window), office->anna.database,
                              fd_test_desk_show_in_book (&office->anna, parts[0], parts[1]), parts[1]);
  annas = FD_APPOINTMENT_EDITOR (fd_test_ui_wait_for_window (FD_TYPE_APPOINTMENT_EDITOR));
  fd_appointment_editor_set_field (annas, "note", "Saved as it was let go");
  fd_appointment_editor_open (GTK_WINDOW (office->ben.window), office->ben.database,
                              fd_test_desk_show_in_book (&office->ben, parts[0], parts[1]), parts[1]);
  fd_test_ui_press (GTK_WIDGET (fd_test_desk_wait_for_dialog ("first-warning")), "_Ask to Release");
  fd_test_wait_until (fd_test_desk_other_editor_shown, annas, "Ben's waiting editor");
  bens = fd_test_desk_find_appointment_editor (annas);
  fd_test_ui_wait_for_label (GTK_WIDGET (bens), "(you asked)");
  g_assert_true (fd_appointment_editor_get_read_only (bens));

  dialog = fd_test_desk_wait_for_dialog ("release-request");
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), "would like to open the "
                                                                      "appointment of "));
  g_free (shot);
  shot = fd_test_ui_screenshot (GTK_WIDGET (dialog), "appointment-release-request");
  fd_test_ui_press (GTK_WIDGET (dialog), "_Save and Release");
  fd_test_wait_until (fd_test_desk_appointment_editable, bens, "Ben's editor opening for editing");
  note = fd_test_query_value (office->owner, sql);
  g_assert_cmpstr (note, ==, "Saved as it was let go");
  g_assert_true (fd_test_desk_find_appointment_editor (bens) == NULL);
  released = fd_test_query_value (office->owner, "SELECT count(*) FROM frontdesk.audit_log "
                                                 "WHERE action = 'release released'");
  g_assert_cmpstr (released, ==, "1");
}

int
main (int   argc,
      char *argv[])
{
  fd_test_ui_init (&argc, &argv);
  notifications = fd_test_ui_serve_notifications ();

  g_test_add ("/frontdesk/lock-etiquette/open-read-only", Fixture, NULL, fixture_setup,
              test_open_read_only, fixture_teardown);
  g_test_add ("/frontdesk/lock-etiquette/ask-to-release", Fixture, NULL, fixture_setup,
              test_ask_to_release, fixture_teardown);
  g_test_add ("/frontdesk/lock-etiquette/ask-a-desk-that-is-gone", Fixture, NULL, fixture_setup,
              test_ask_a_desk_that_is_gone, fixture_teardown);
  g_test_add ("/frontdesk/lock-etiquette/expiry-warning", Fixture, NULL, fixture_setup,
              test_expiry_warning, fixture_teardown);
  g_test_add ("/frontdesk/lock-etiquette/appointment-read-only", Fixture, NULL, fixture_setup,
              test_appointment_read_only, fixture_teardown);
  g_test_add ("/frontdesk/lock-etiquette/appointment-ask-to-release", Fixture, NULL,
              fixture_setup, test_appointment_ask_to_release, fixture_teardown);

  return fd_test_run ();
}
