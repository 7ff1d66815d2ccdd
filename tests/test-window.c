/* test-window.c: the real application under Xvfb: the main window on a real database,
 * Preferences, the unreachable-server page, the connection status, About and shortcuts.
 * Screenshots land in the build folder's tests/screenshots.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "fd-application.h"
#include "fd-clients-module.h"
#include "fd-preferences-window.h"
#include "fd-test-desk.h"
#include "fd-test-server.h"
#include "fd-test-ui.h"
#include "fd-window.h"

typedef struct
{
  char          *dbname;
  FdApplication *application;
  FdWindow      *window;
} Fixture;

/* One application for the whole program, as GApplication registers its id only once. */
static FdApplication *application;

static FdServerConfig *
config_for_test_database (const char *dbname)
{
  FdServerConfig *config = fd_server_config_new ();

  /* A socket folder as host: libpq's way to a local server, and no embedded start. */
  g_free (config->host);
  config->host = g_strdup (fd_test_server_socket_dir ());
  g_free (config->user);
  config->user = g_strdup (fd_test_server_user ());
  g_free (config->database);
  config->database = g_strdup (dbname);

  return config;
}

typedef struct
{
  FdWindow   *window;
  const char *name;
} PageWait;

static gboolean
page_is (gpointer user_data)
{
  PageWait *wait = user_data;

  return g_strcmp0 (fd_window_get_page_name (wait->window), wait->name) == 0;
}

static void
wait_for_page (FdWindow   *window,
               const char *name)
{
  PageWait wait = { window, name };

  fd_test_wait_until (page_is, &wait, name);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(FdServerConfig) config = NULL;
  g_autoptr(GError) error = NULL;

  fixture->dbname = fd_test_create_database (TRUE);
  config = config_for_test_database (fixture->dbname);

  if (application == NULL)
    {
      application = fd_application_new ();
      fd_application_set_server_config (application, config);
      g_application_register (G_APPLICATION (application), NULL, &error);
      g_assert_no_error (error);
    }
  else
    {
      fd_application_set_server_config (application, config);
      fd_application_reconnect (application);
    }
  fixture->application = application;
  g_application_activate (G_APPLICATION (fixture->application));

  fixture->window = FD_WINDOW (fd_test_ui_wait_for_window (FD_TYPE_WINDOW));
  wait_for_page (fixture->window, "ready");
}

/* Dialogs a test left open go; the main window stays for the next test, and so does its
 * hidden Keyboard Shortcuts window, which it shows again and again. */
static void
destroy_other_windows (FdWindow *main_window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i - 1);

      if (window != GTK_WINDOW (main_window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        gtk_window_destroy (window);
    }
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  destroy_other_windows (fixture->window);
  fd_database_close (fd_application_get_database (fixture->application));
  fd_test_drop_database (fixture->dbname);
  g_free (fixture->dbname);
}

static void
test_main_window (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *path = NULL;
  GtkWidget *window = GTK_WIDGET (fixture->window);

  g_assert_nonnull (fd_test_ui_find_label (window, "Frontdesk Practice"));
  g_assert_nonnull (fd_test_ui_find_label (window, "Connected"));
  g_assert_nonnull (fd_test_ui_find_label (window, "Last refresh: "));
  fd_test_ui_wait_for_label (window, "instant updates");
  g_assert_null (fd_test_ui_find_label (window, "Last refresh: never"));
  g_assert_nonnull (fd_test_ui_find_label (window, fixture->dbname));

  /* The Clients module is the first one; this practice has no clients yet. */
  g_assert_true (FD_IS_CLIENTS_MODULE (fd_window_get_visible_module (fixture->window)));
  fd_test_ui_wait_for_label (window, "No client matches.");
  g_assert_nonnull (fd_test_ui_find_label (window, "No Client Open"));

  path = fd_test_ui_screenshot (window, "main-window");
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

static void
activate_app_action (Fixture    *fixture,
                     const char *name)
{
  g_action_group_activate_action (G_ACTION_GROUP (fixture->application), name, NULL);
}

static void
test_preferences (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autofree char *general = NULL;
  g_autofree char *database = NULL;
  GtkWindow *preferences;
  GtkSwitch *refresh_switch;
  GtkSpinButton *interval;

  activate_app_action (fixture, "preferences");
  preferences = fd_test_ui_wait_for_window (FD_TYPE_PREFERENCES_WINDOW);
  g_assert_true (gtk_window_get_transient_for (preferences) == GTK_WINDOW (fixture->window));
  g_assert_nonnull (fd_test_ui_find_label (GTK_WIDGET (preferences), "Automatic refresh"));
  general = fd_test_ui_screenshot (GTK_WIDGET (preferences), "preferences-general");

  /* The refresh interval applies as it changes. */
  refresh_switch = GTK_SWITCH (fd_test_ui_find_descendant (GTK_WIDGET (preferences),
                                                           GTK_TYPE_SWITCH));
  interval = GTK_SPIN_BUTTON (fd_test_ui_find_descendant (GTK_WIDGET (preferences),
                                                          GTK_TYPE_SPIN_BUTTON));
  g_assert_true (gtk_switch_get_active (refresh_switch));
  gtk_spin_button_set_value (interval, 25);
  g_assert_cmpuint (g_settings_get_uint (settings, "refresh-interval"), ==, 25);
  gtk_switch_set_active (refresh_switch, FALSE);
  g_assert_cmpuint (g_settings_get_uint (settings, "refresh-interval"), ==, 0);
  gtk_switch_set_active (refresh_switch, TRUE);
  g_assert_cmpuint (g_settings_get_uint (settings, "refresh-interval"), ==, 25);

  fd_preferences_window_show_database_page (FD_PREFERENCES_WINDOW (preferences));
  fd_test_ui_wait_for_label (GTK_WIDGET (preferences), "Leave the host empty");
  database = fd_test_ui_screenshot (GTK_WIDGET (preferences), "preferences-database");

  gtk_window_destroy (preferences);
}

static void
test_unreachable_server (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(FdServerConfig) config = fd_server_config_new ();
  g_autofree char *path = NULL;
  GtkWidget *window = GTK_WIDGET (fixture->window);

  g_free (config->host);
  config->host = g_strdup ("127.0.0.1");
  config->port = 1;
  fd_application_set_server_config (fixture->application, config);
  activate_app_action (fixture, "reconnect");

  wait_for_page (fixture->window, "failed");
  g_assert_nonnull (fd_test_ui_find_label (window, "Cannot Open the Practice Database"));
  g_assert_nonnull (fd_test_ui_find_label (window, "Cannot reach the database server at "
                                                   "127.0.0.1:1"));
  g_assert_nonnull (fd_test_ui_find_label (window, "Not connected"));
  path = fd_test_ui_screenshot (window, "main-window-unreachable");

  /* Try Again with the right server recovers without restarting. */
  g_clear_pointer (&config, fd_server_config_free);
  config = config_for_test_database (fixture->dbname);
  fd_application_set_server_config (fixture->application, config);
  activate_app_action (fixture, "reconnect");
  wait_for_page (fixture->window, "ready");
  g_assert_nonnull (fd_test_ui_find_label (window, "Connected"));
}

static void
test_connection_lost_and_restored (Fixture       *fixture,
                                   gconstpointer  data)
{
  FdConnection *connection = fd_database_get_connection (fd_window_get_database (fixture->window));
  g_autoptr(FdConnection) killer = fd_test_open_connection (fixture->dbname);
  g_autofree char *sql = NULL;
  g_autofree char *killed = NULL;
  g_autofree char *path = NULL;
  GtkWidget *window = GTK_WIDGET (fixture->window);

  sql = g_strdup_printf ("SELECT pg_terminate_backend(%d)",
                         fd_connection_get_backend_pid (connection));
  killed = fd_test_query_value (killer, sql);
  g_assert_cmpstr (killed, ==, "t");

  fd_test_ui_wait_for_label (window, "Connection to the database restored");
  g_assert_nonnull (fd_test_ui_find_label (window, "Connected"));
  path = fd_test_ui_screenshot (window, "main-window-reconnected");
}

static void
test_sign_in_with_password (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(FdServerConfig) config = config_for_test_database (fixture->dbname);
  g_autofree char *login = fd_test_create_staff (FALSE);
  g_autofree char *password = fd_test_staff_password (login);
  g_autofree char *signed_in = NULL;
  g_autofree char *path = NULL;
  GtkWidget *window = GTK_WIDGET (fixture->window);
  GtkWidget *entry;
  GtkWidget *button;

  g_free (config->user);
  config->user = g_strdup (login);
  g_free (config->workstation);
  config->workstation = g_strdup ("Reception 2");
  fd_application_set_server_config (fixture->application, config);
  activate_app_action (fixture, "reconnect");

  wait_for_page (fixture->window, "failed");
  g_assert_nonnull (fd_test_ui_find_label (window, "Sign In to the Practice Database"));
  g_assert_nonnull (fd_test_ui_find_label (window, "needs a password"));
  entry = fd_test_ui_find_descendant (window, GTK_TYPE_PASSWORD_ENTRY);
  g_assert_true (gtk_widget_get_mapped (entry));
  path = fd_test_ui_screenshot (window, "main-window-sign-in");

  gtk_editable_set_text (GTK_EDITABLE (entry), password);
  button = GTK_WIDGET (gtk_window_get_default_widget (GTK_WINDOW (window)));
  g_assert_true (GTK_IS_BUTTON (button));
  gtk_widget_activate (button);

  wait_for_page (fixture->window, "ready");
  signed_in = g_strdup_printf ("%s at Reception 2", login);
  g_assert_nonnull (fd_test_ui_find_label (window, signed_in));
}

static void
test_first_start_shows_progress (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(FdServerConfig) config = fd_server_config_new ();
  g_autoptr(FdEmbeddedServer) server = NULL;
  g_autofree char *folder = fd_test_make_temp_dir ("ui-embedded");
  g_autofree char *starting = NULL;
  g_autofree char *ready = NULL;
  GtkWidget *window = GTK_WIDGET (fixture->window);
  GtkWindow *preferences;

  /* The built-in database, created from nothing: never a blank or frozen window. */
  config->data_folder = g_strdup (folder);
  fd_application_set_server_config (fixture->application, config);
  activate_app_action (fixture, "reconnect");

  fd_test_ui_wait_for_label (window, "Creating the practice database (first start)");
  g_assert_cmpstr (fd_window_get_page_name (fixture->window), ==, "opening");
  g_assert_nonnull (fd_test_ui_find_label (window, "Connecting…"));
  starting = fd_test_ui_screenshot (window, "main-window-first-start");

  wait_for_page (fixture->window, "ready");
  g_assert_nonnull (fd_test_ui_find_label (window, "Built-in database"));
  ready = fd_test_ui_screenshot (window, "main-window-built-in");

  /* Preferences names the folder in use, not the default one. */
  activate_app_action (fixture, "preferences");
  preferences = fd_test_ui_wait_for_window (FD_TYPE_PREFERENCES_WINDOW);
  fd_preferences_window_show_database_page (FD_PREFERENCES_WINDOW (preferences));
  fd_test_ui_wait_for_label (GTK_WIDGET (preferences), folder);
  gtk_window_destroy (preferences);

  fd_database_close (fd_application_get_database (fixture->application));
  server = fd_embedded_server_new (folder);
  fd_embedded_server_stop (server);
  fd_test_remove_tree (folder);
}

/* Sign Out and Switch User ------------------------------------------------------------- */

/* Opens the main menu as a click on its button does and picks @item in it. */
static void
pick_main_menu_item (FdWindow   *window,
                     const char *item)
{
  GtkWidget *button = fd_test_ui_find_descendant (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON);
  GtkPopover *popover;
  GtkWidget *menu_item;

  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (button)), ==,
                   "open-menu-symbolic");
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (button));
  fd_test_ui_wait_for_frames (GTK_WIDGET (popover), 2);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (popover)));
  menu_item = fd_test_ui_find_menu_item (GTK_WIDGET (popover), item);
  g_assert_nonnull (menu_item);
  gtk_widget_activate (menu_item);
}

static guint
count_sessions (FdConnection *owner)
{
  g_autofree char *count = fd_test_query_value (owner,
                                                "SELECT count(*) FROM frontdesk.live_sessions()");

  return (guint) g_ascii_strtoull (count, NULL, 10);
}

typedef struct
{
  FdConnection *owner;
  guint         wanted;
} SessionsWait;

static gboolean
sessions_are (gpointer user_data)
{
  SessionsWait *wait = user_data;

  return count_sessions (wait->owner) == wait->wanted;
}

/* A session ends as its connection closes, a moment after the window says so. */
static void
wait_for_sessions (FdConnection *owner,
                   guint         wanted)
{
  SessionsWait wait = { owner, wanted };

  fd_test_wait_until (sessions_are, &wait, "the number of live sessions");
}

static void
sign_in_from_signed_out_page (FdWindow   *window,
                              const char *user,
                              const char *password)
{
  GtkWidget *user_entry = fd_test_ui_find_descendant (GTK_WIDGET (window), GTK_TYPE_ENTRY);
  GtkWidget *password_entry = NULL;
  GtkWidget *button = GTK_WIDGET (gtk_window_get_default_widget (GTK_WINDOW (window)));

  /* The page's own entries: the user name is the first, the password the one after it. */
  g_assert_true (gtk_widget_get_mapped (user_entry));
  password_entry = gtk_widget_get_next_sibling (user_entry);
  g_assert_true (GTK_IS_PASSWORD_ENTRY (password_entry));
  gtk_editable_set_text (GTK_EDITABLE (user_entry), user);
  gtk_editable_set_text (GTK_EDITABLE (password_entry), password);
  g_assert_true (GTK_IS_BUTTON (button));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "_Sign In");
  gtk_widget_activate (button);
}

static void
test_sign_out_and_switch_user (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(FdConnection) owner = fd_test_open_connection (fixture->dbname);
  g_autofree char *login = fd_test_create_staff (FALSE);
  g_autofree char *password = fd_test_staff_password (login);
  g_autofree char *signed_in = NULL;
  g_autofree char *shot = NULL;
  GtkWidget *window = GTK_WIDGET (fixture->window);
  GtkWidget *user_entry;

  g_assert_cmpuint (count_sessions (owner), ==, 1);
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "sign-out"));

  /* Sign Out: the session ends (its locks with it); the same login is offered again. */
  pick_main_menu_item (fixture->window, "Sign Out");
  wait_for_page (fixture->window, "signed-out");
  wait_for_sessions (owner, 0);
  g_assert_nonnull (fd_test_ui_find_label (window, "Signed Out"));
  user_entry = fd_test_ui_find_descendant (window, GTK_TYPE_ENTRY);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (user_entry)), ==, fd_test_server_user ());
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (user_entry)), ==,
                   GTK_ACCESSIBLE_ROLE_TEXT_BOX);
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "sign-out"));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "switch-user"));
  shot = fd_test_ui_screenshot (window, "main-window-signed-out");

  /* Someone else signs in with their password. */
  sign_in_from_signed_out_page (fixture->window, login, password);
  wait_for_page (fixture->window, "ready");
  signed_in = g_strdup_printf ("%s at ", login);
  fd_test_ui_wait_for_label (window, signed_in);
  g_assert_cmpuint (count_sessions (owner), ==, 1);

  /* Switch User: nobody's name is offered; the first login signs in again. */
  pick_main_menu_item (fixture->window, "Switch User…");
  wait_for_page (fixture->window, "signed-out");
  wait_for_sessions (owner, 0);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (user_entry)), ==, "");
  g_assert_true (gtk_widget_has_focus (user_entry) ||
                 gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), user_entry));
  sign_in_from_signed_out_page (fixture->window, fd_test_server_user (), "");
  wait_for_page (fixture->window, "ready");
  wait_for_sessions (owner, 1);
}

static void
test_sign_out_asks_about_unsaved_changes (Fixture       *fixture,
                                          gconstpointer  data)
{
  g_autoptr(FdConnection) owner = fd_test_open_connection (fixture->dbname);
  FdTestDesk desk = { .window = fixture->window };
  FdClientEditor *editor;
  AdwMessageDialog *dialog;
  g_autofree char *locks = NULL;

  fd_test_exec (owner, "SELECT frontdesk.sample_data(30, 1)");
  desk.module = FD_CLIENTS_MODULE (fd_window_get_visible_module (fixture->window));
  desk.editor = editor = fd_clients_module_get_editor (desk.module);
  fd_module_refresh (FD_MODULE (desk.module));
  fd_test_desk_open_first_client (&desk);
  fd_test_desk_wait_for_record (&desk, "the first client open");
  fd_client_editor_set_field (editor, "first_name", "Signing-out");
  g_assert_true (fd_client_editor_get_dirty (editor));

  /* Cancel keeps the person signed in, with what they typed. */
  pick_main_menu_item (fixture->window, "Sign Out");
  dialog = fd_test_desk_wait_for_dialog ("leave-dialog");
  fd_test_desk_answer (dialog, "cancel");
  g_assert_cmpstr (fd_window_get_page_name (fixture->window), ==, "ready");
  g_assert_true (fd_client_editor_get_dirty (editor));
  g_assert_cmpuint (count_sessions (owner), ==, 1);

  /* Discard: signed out, and the record's lock is free. */
  pick_main_menu_item (fixture->window, "Sign Out");
  dialog = fd_test_desk_wait_for_dialog ("leave-dialog");
  fd_test_desk_answer (dialog, "discard");
  wait_for_page (fixture->window, "signed-out");
  wait_for_sessions (owner, 0);
  locks = fd_test_query_value (owner,
                               "SELECT count(*) FROM frontdesk.record_locks l "
                               "WHERE frontdesk.session_is_alive(l.session_id)");
  g_assert_cmpstr (locks, ==, "0");

  sign_in_from_signed_out_page (fixture->window, fd_test_server_user (), "");
  wait_for_page (fixture->window, "ready");
}

static void
test_about_and_shortcuts (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *about_path = NULL;
  g_autofree char *shortcuts_path = NULL;
  GtkWindow *about;
  GtkWindow *shortcuts;

  activate_app_action (fixture, "about");
  about = fd_test_ui_wait_for_window (ADW_TYPE_ABOUT_WINDOW);
  g_assert_cmpstr (adw_about_window_get_version (ADW_ABOUT_WINDOW (about)), ==, PACKAGE_VERSION);
  g_assert_nonnull (strstr (adw_about_window_get_debug_info (ADW_ABOUT_WINDOW (about)),
                            fixture->dbname));
  about_path = fd_test_ui_screenshot (GTK_WIDGET (about), "about");
  gtk_window_destroy (about);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                                             "win.show-help-overlay", NULL));
  shortcuts = fd_test_ui_wait_for_window (GTK_TYPE_SHORTCUTS_WINDOW);
  shortcuts_path = fd_test_ui_screenshot (GTK_WIDGET (shortcuts), "keyboard-shortcuts");
  gtk_window_close (shortcuts);
}

int
main (int   argc,
      char *argv[])
{
  fd_test_ui_init (&argc, &argv);

  g_test_add ("/frontdesk/ui/main-window", Fixture, NULL,
              fixture_setup, test_main_window, fixture_teardown);
  g_test_add ("/frontdesk/ui/preferences", Fixture, NULL,
              fixture_setup, test_preferences, fixture_teardown);
  g_test_add ("/frontdesk/ui/unreachable-server", Fixture, NULL,
              fixture_setup, test_unreachable_server, fixture_teardown);
  g_test_add ("/frontdesk/ui/connection-lost-and-restored", Fixture, NULL,
              fixture_setup, test_connection_lost_and_restored, fixture_teardown);
  g_test_add ("/frontdesk/ui/sign-in-with-password", Fixture, NULL,
              fixture_setup, test_sign_in_with_password, fixture_teardown);
  g_test_add ("/frontdesk/ui/first-start-shows-progress", Fixture, NULL,
              fixture_setup, test_first_start_shows_progress, fixture_teardown);
  g_test_add ("/frontdesk/ui/sign-out-and-switch-user", Fixture, NULL,
              fixture_setup, test_sign_out_and_switch_user, fixture_teardown);
  g_test_add ("/frontdesk/ui/sign-out-asks-about-unsaved-changes", Fixture, NULL,
              fixture_setup, test_sign_out_asks_about_unsaved_changes, fixture_teardown);
  g_test_add ("/frontdesk/ui/about-and-shortcuts", Fixture, NULL,
              fixture_setup, test_about_and_shortcuts, fixture_teardown);

  return fd_test_run ();
}
