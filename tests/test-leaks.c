/* test-leaks.c: every editor, module and window, used briefly over a real database and
 * closed, is finalized once the main loop has run what was pending, and lets go of the
 * database and of the locks it held.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "fd-admin-module.h"
#include "fd-appointment-editor.h"
#include "fd-appointments-module.h"
#include "fd-fee-schedule-editor.h"
#include "fd-preferences-window.h"
#include "fd-setup-module.h"
#include "fd-test-desk.h"
#include "fd-test-server.h"
#include "fd-test-ui.h"

/* What each test makes sits beside the administrator's main window, on its database. */
typedef struct
{
  FdTestPractice  practice;
  guint           database_refs;

  /* Borrowed from the practice */
  FdTestDesk     *desk;
  FdDatabase     *database;
  FdConnection   *owner;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fd_test_practice_setup (&fixture->practice, data);
  fixture->desk = &fixture->practice.desk;
  fixture->database = fixture->desk->database;
  fixture->owner = fixture->practice.owner;
  fixture->database_refs = G_OBJECT (fixture->database)->ref_count;
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  fd_test_practice_teardown (&fixture->practice, data);
}

/* Waiting for what is gone ----------------------------------------------------------------- */

static gboolean
pointer_cleared (gpointer user_data)
{
  return *(gpointer *) user_data == NULL;
}

/* Destroys @window, then runs the main loop until @object (the window, or a widget in it)
 * is finalized: what a closed window left pending may finish first, but nothing may keep
 * it for good. */
static void
destroy_and_wait_finalized (GtkWindow  *window,
                            gpointer    object,
                            const char *what)
{
  g_autofree char *waiting_for = g_strdup_printf ("%s to be finalized", what);
  gpointer watched = object;
  gpointer window_watched = window;

  g_object_add_weak_pointer (G_OBJECT (object), &watched);
  g_object_add_weak_pointer (G_OBJECT (window), &window_watched);
  gtk_window_destroy (window);
  fd_test_wait_until (pointer_cleared, &watched, waiting_for);
  fd_test_wait_until (pointer_cleared, &window_watched, "its window to be finalized");
}

/* Closes @window as a person would (Escape, or its close button) and waits until it is
 * finalized. */
static void
close_and_wait_finalized (GtkWindow  *window,
                          const char *what)
{
  g_autofree char *waiting_for = g_strdup_printf ("%s to be finalized", what);
  gpointer watched = window;

  g_object_add_weak_pointer (G_OBJECT (window), &watched);
  gtk_window_close (window);
  fd_test_wait_until (pointer_cleared, &watched, waiting_for);
}

static gboolean
database_let_go (gpointer user_data)
{
  Fixture *fixture = user_data;

  return G_OBJECT (fixture->database)->ref_count <= fixture->database_refs;
}

/* Whatever was made holds no reference to the workstation's database any more. */
static void
wait_database_let_go (Fixture *fixture)
{
  fd_test_wait_until (database_let_go, fixture, "the database to be let go");
  g_assert_cmpuint (G_OBJECT (fixture->database)->ref_count, ==, fixture->database_refs);
}

typedef struct
{
  Fixture    *fixture;
  const char *kind;
  const char *id;
  gboolean    held;
} LockWait;

static gboolean
lock_is (gpointer user_data)
{
  LockWait *wait = user_data;
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM frontdesk.record_locks "
                                          "WHERE record_kind = '%s' AND record_id = '%s'",
                                          wait->kind, wait->id);
  g_autofree char *count = fd_test_query_value (wait->fixture->owner, sql);

  return g_str_equal (count, "0") != wait->held;
}

/* The record lock is taken; once its editor has closed, it is free for others to take. */
static void
wait_lock (Fixture    *fixture,
           const char *kind,
           const char *id,
           gboolean    held)
{
  LockWait wait = { fixture, kind, id, held };

  fd_test_wait_until (lock_is, &wait, held ? "the record lock to be taken"
                                            : "the record lock to be released");
}

/* @widget alone in a window, on screen. */
static GtkWindow *
show_in_window (GtkWidget *widget)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  gtk_window_set_default_size (window, 1100, 760);
  gtk_window_set_child (window, widget);
  gtk_window_present (window);
  fd_test_ui_wait_for_frames (GTK_WIDGET (window), 2);
  return window;
}

/* Editors ---------------------------------------------------------------------------------- */

typedef struct
{
  FdClientEditor *editor;
  const char     *id;
} RecordWait;

static gboolean
record_shown (gpointer user_data)
{
  RecordWait *wait = user_data;

  return g_strcmp0 (fd_client_editor_get_client_id (wait->editor), wait->id) == 0 &&
         fd_test_ui_find_label (GTK_WIDGET (wait->editor), "Client No. ") != NULL;
}

static void
open_client (FdClientEditor *editor,
             const char     *id)
{
  RecordWait wait = { editor, id };

  fd_client_editor_open (editor, id);
  fd_test_wait_until (record_shown, &wait, "the client's record");
}

/* Client Details: a client opened and closed, another opened and left open as the window
 * closes, with something typed. */
static void
test_client_editor (Fixture       *fixture,
                    gconstpointer  data)
{
  FdClientEditor *editor = fd_client_editor_new ();
  GtkWindow *window;

  fd_client_editor_set_database (editor, fixture->database);
  window = show_in_window (GTK_WIDGET (editor));

  open_client (editor, "1");
  wait_lock (fixture, "clients", "1", TRUE);
  fd_client_editor_close (editor);
  wait_lock (fixture, "clients", "1", FALSE);

  open_client (editor, "2");
  fd_client_editor_set_field (editor, "city", "Typed, never saved");
  g_assert_true (fd_client_editor_get_dirty (editor));

  destroy_and_wait_finalized (window, editor, "Client Details");
  wait_lock (fixture, "clients", "2", FALSE);
  wait_database_let_go (fixture);
}

/* The appointment editor: an appointment opened under its lock, then a new booking. */
static void
test_appointment_editor (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *picked = fd_test_query_value (
    fixture->owner, "SELECT a.id || '|' || frontdesk.practice_day(a.starts_at) || '|' || "
                    "a.operatory_id FROM frontdesk.appointments a ORDER BY a.starts_at LIMIT 1");
  g_auto(GStrv) parts = g_strsplit (picked, "|", 3);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) day = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FdAppointment) appointment = NULL;
  FdConnection *connection = fd_database_get_connection (fixture->database);
  FdAppointmentEditor *editor;

  fd_appointment_load_day_async (connection, parts[1], NULL, fd_test_store_result_cb, &result);
  day = fd_appointment_load_day_finish (connection, fd_test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (day) && appointment == NULL; i++)
    {
      g_autoptr(FdAppointment) item = g_list_model_get_item (day, i);

      if (g_str_equal (fd_appointment_get_id (item), parts[0]))
        appointment = g_steal_pointer (&item);
    }
  g_assert_nonnull (appointment);

  fd_appointment_editor_open (GTK_WINDOW (fixture->desk->window), fixture->database,
                              appointment, parts[1]);
  editor = FD_APPOINTMENT_EDITOR (fd_test_ui_wait_for_window (FD_TYPE_APPOINTMENT_EDITOR));
  wait_lock (fixture, "appointments", parts[0], TRUE);
  fd_appointment_editor_set_field (editor, "note", "Typed, never saved");
  destroy_and_wait_finalized (GTK_WINDOW (editor), editor, "the appointment editor");
  wait_lock (fixture, "appointments", parts[0], FALSE);

  editor = fd_appointment_editor_new_booking (GTK_WINDOW (fixture->desk->window),
                                              fixture->database, parts[1], parts[2],
                                              16 * 60 + 45);
  fd_appointment_editor_pick_client (editor, "1", "Client One");
  fd_test_ui_wait_for_frames (GTK_WIDGET (editor), 2);
  destroy_and_wait_finalized (GTK_WINDOW (editor), editor, "the booking window");
  wait_database_let_go (fixture);
}

static gboolean
save_lock_held (gpointer user_data)
{
  return fd_save_lock_get_held (fd_fee_schedule_editor_get_lock (user_data));
}

/* Setup's fee schedule editor: a schedule opened under its save lock, a fee typed. */
static void
test_fee_schedule_editor (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *schedule = fd_test_query_value (fixture->owner,
                                                   "SELECT min(id) FROM frontdesk.fee_schedules");
  g_autofree char *code = fd_test_query_value (fixture->owner, "SELECT min(code) FROM "
                                                               "frontdesk.procedure_codes");
  GtkWidget *editor = fd_fee_schedule_editor_new (fixture->database);
  GtkWindow *window = show_in_window (editor);

  fd_fee_schedule_editor_set_schedule (FD_FEE_SCHEDULE_EDITOR (editor), schedule);
  fd_test_wait_until (save_lock_held, editor, "the fee schedule's save lock");
  fd_fee_schedule_editor_set_fee (FD_FEE_SCHEDULE_EDITOR (editor), code, "12.34");
  g_assert_true (fd_fee_schedule_editor_get_dirty (FD_FEE_SCHEDULE_EDITOR (editor)));

  destroy_and_wait_finalized (window, editor, "the fee schedule editor");
  wait_database_let_go (fixture);
}

/* Modules ---------------------------------------------------------------------------------- */

static gboolean
results_listed (gpointer user_data)
{
  return g_list_model_get_n_items (fd_clients_module_get_results (user_data)) > 0;
}

/* Clients: a client opened from the list, then a search. */
static void
test_clients_module (Fixture       *fixture,
                     gconstpointer  data)
{
  FdClientsModule *module = fd_clients_module_new (fixture->database);
  GtkWindow *window = show_in_window (GTK_WIDGET (module));
  g_autofree char *id = NULL;
  RecordWait wait = { fd_clients_module_get_editor (module), NULL };

  fd_test_wait_until (results_listed, module, "the client list");
  fd_clients_module_select (module, 0);
  id = g_strdup (fd_clients_module_get_selected_client_id (module));
  g_assert_nonnull (id);
  wait.id = id;
  fd_test_wait_until (record_shown, &wait, "the client picked");
  fd_clients_module_search (module, "a");
  fd_test_spin (500);

  destroy_and_wait_finalized (window, module, "the Clients module");
  wait_database_let_go (fixture);
}

static gboolean
day_loaded (gpointer user_data)
{
  return fd_appointments_module_get_loads (user_data) > 0;
}

/* Appointments: the book of a day with appointments, and the next day. */
static void
test_appointments_module (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *first = fd_test_query_value (
    fixture->owner, "SELECT frontdesk.practice_day(min(starts_at)) FROM frontdesk.appointments");
  g_autofree char *iso = g_strdup_printf ("%sT12:00:00", first);
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  g_autoptr(GDateTime) day = g_date_time_new_from_iso8601 (iso, local);
  g_autoptr(GDateTime) next = g_date_time_add_days (day, 1);
  FdAppointmentsModule *module = fd_appointments_module_new (fixture->database);
  GtkWindow *window = show_in_window (GTK_WIDGET (module));

  fd_appointments_module_show_day (module, day);
  fd_test_wait_until (day_loaded, module, "the day's appointments");
  fd_appointments_module_show_day (module, next);
  fd_test_ui_wait_for_frames (GTK_WIDGET (window), 2);

  destroy_and_wait_finalized (window, module, "the Appointments module");
  wait_database_let_go (fixture);
}

/* Setup: each list it edits, the first provider in its form. */
static void
test_setup_module (Fixture       *fixture,
                   gconstpointer  data)
{
  static const char *sections[] = { "providers", "employees", "operatories", "definitions",
                                    "procedure_codes", "fee_schedules", "fees",
                                    "insurance_categories", "practice" };
  g_autofree char *provider = fd_test_query_value (fixture->owner,
                                                   "SELECT min(id) FROM frontdesk.providers");
  FdSetupModule *module = fd_setup_module_new (fixture->database);
  GtkWindow *window = show_in_window (GTK_WIDGET (module));
  GtkWindow *dialog;

  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      fd_setup_module_show_section (module, sections[i]);
      fd_test_ui_wait_for_frames (GTK_WIDGET (window), 1);
    }
  fd_setup_module_show_section (module, "providers");
  fd_setup_module_edit (module, "providers", provider);
  dialog = fd_test_ui_wait_for_window (ADW_TYPE_MESSAGE_DIALOG);
  close_and_wait_finalized (dialog, "the provider's edit dialog");

  destroy_and_wait_finalized (window, module, "the Setup module");
  wait_database_let_go (fixture);
}

/* Admin: every page, the lock table read with a lock in it. */
static void
test_admin_module (Fixture       *fixture,
                   gconstpointer  data)
{
  static const char *pages[] = { "locks", "maintenance", "audit", "integrity" };
  FdAdminModule *module = fd_admin_module_new (fixture->database);
  GtkWindow *window = show_in_window (GTK_WIDGET (module));

  fd_test_desk_open_first_client (fixture->desk);
  fd_test_desk_wait_for_record (fixture->desk, "a record locked at the desk");
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      fd_admin_module_show_page (module, pages[i]);
      fd_test_ui_wait_for_frames (GTK_WIDGET (window), 2);
    }
  fd_module_refresh (FD_MODULE (module));
  fd_test_ui_wait_for_frames (GTK_WIDGET (window), 2);

  destroy_and_wait_finalized (window, module, "the Admin module");
  fd_client_editor_close (fixture->desk->editor);
  wait_database_let_go (fixture);
}

/* Windows ---------------------------------------------------------------------------------- */

/* Preferences, both pages shown. (libadwaita 1.2 itself never finalizes the groups of an
 * AdwPreferencesWindow; the window, and its hold on the settings, must go.) */
static void
test_preferences_window (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  guint settings_refs = G_OBJECT (settings)->ref_count;
  FdPreferencesWindow *preferences = fd_preferences_window_new (GTK_WINDOW (fixture->desk->window),
                                                                settings, NULL);

  gtk_window_present (GTK_WINDOW (preferences));
  fd_test_ui_wait_for_frames (GTK_WIDGET (preferences), 2);
  fd_preferences_window_show_database_page (FD_PREFERENCES_WINDOW (preferences));
  fd_test_ui_wait_for_frames (GTK_WIDGET (preferences), 2);

  destroy_and_wait_finalized (GTK_WINDOW (preferences), preferences, "Preferences");
  g_assert_cmpuint (G_OBJECT (settings)->ref_count, ==, settings_refs);
}

/* The main window with its four modules, each shown once, a client open. */
static void
test_main_window (Fixture       *fixture,
                  gconstpointer  data)
{
  static const char *titles[] = { "Appointments", "Setup", "Admin", "Clients" };
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (fixture->desk->window));
  g_autofree char *client = NULL;

  fd_test_desk_open_first_client (fixture->desk);
  fd_test_desk_wait_for_record (fixture->desk, "a client's record");
  client = g_strdup (fd_client_editor_get_client_id (fixture->desk->editor));
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      fd_test_desk_show_module (fixture->desk, titles[i]);
      fd_test_spin (300);
    }

  destroy_and_wait_finalized (GTK_WINDOW (fixture->desk->window), fixture->desk->window,
                              "the main window");
  fixture->desk->window = NULL;
  wait_lock (fixture, "clients", client, FALSE);
  g_assert_cmpuint (G_OBJECT (fixture->database)->ref_count, <, fixture->database_refs);

  /* Another window on the same database, for the teardown to close as usual. */
  fixture->desk->window = fd_window_new (application, fixture->database);
  gtk_window_present (GTK_WINDOW (fixture->desk->window));
}

int
main (int   argc,
      char *argv[])
{
  fd_test_ui_init (&argc, &argv);

  g_test_add ("/frontdesk/ui/leaks/client-editor", Fixture, NULL,
              fixture_setup, test_client_editor, fixture_teardown);
  g_test_add ("/frontdesk/ui/leaks/appointment-editor", Fixture, NULL,
              fixture_setup, test_appointment_editor, fixture_teardown);
  g_test_add ("/frontdesk/ui/leaks/fee-schedule-editor", Fixture, NULL,
              fixture_setup, test_fee_schedule_editor, fixture_teardown);
  g_test_add ("/frontdesk/ui/leaks/clients-module", Fixture, NULL,
              fixture_setup, test_clients_module, fixture_teardown);
  g_test_add ("/frontdesk/ui/leaks/appointments-module", Fixture, NULL,
              fixture_setup, test_appointments_module, fixture_teardown);
  g_test_add ("/frontdesk/ui/leaks/setup-module", Fixture, NULL,
              fixture_setup, test_setup_module, fixture_teardown);
  g_test_add ("/frontdesk/ui/leaks/admin-module", Fixture, NULL,
              fixture_setup, test_admin_module, fixture_teardown);
  g_test_add ("/frontdesk/ui/leaks/preferences-window", Fixture, NULL,
              fixture_setup, test_preferences_window, fixture_teardown);
  g_test_add ("/frontdesk/ui/leaks/main-window", Fixture, NULL,
              fixture_setup, test_main_window, fixture_teardown);

  return fd_test_run ();
}
