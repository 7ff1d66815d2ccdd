/* test-keyring.c: Remember password at the sign-in, against a real gnome-keyring-daemon on a
 * private D-Bus of the test's own (a throwaway HOME and XDG_DATA_HOME, so no one's keyring
 * is touched): the password kept after the sign-in, the next start signing in by itself,
 * Forget Password in Preferences, and a locked or absent keyring (a sentence, then the
 * prompt). FRONTDESK_KEYRING_CASE names the keyring: "unlocked", "locked" or "absent"; each
 * runs in a process of its own, as a process has one session bus.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <libsecret/secret.h>

#include "fd-application.h"
#include "fd-preferences-window.h"
#include "fd-test-server.h"
#include "fd-test-ui.h"
#include "fd-window.h"

static const SecretSchema password_schema = {
  "org.frontdesk.Frontdesk.Password", SECRET_SCHEMA_NONE,
  {
    { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "port", SECRET_SCHEMA_ATTRIBUTE_INTEGER },
    { "database", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  }
};

static char *folder;
static GSubprocess *bus;
static GSubprocess *keyring;
static FdApplication *application;

/* The test's own session bus, with no service to activate: nothing starts by itself. */
static void
start_private_bus (void)
{
  g_autofree char *config_path = g_build_filename (folder, "bus.conf", NULL);
  g_autofree char *config = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *address = NULL;
  g_autoptr(GError) error = NULL;

  config = g_strdup_printf ("<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus "
                            "Configuration 1.0//EN\" "
                            "\"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
                            "<busconfig><type>session</type><listen>unix:dir=%s</listen>"
                            "<auth>EXTERNAL</auth><policy context=\"default\">"
                            "<allow send_destination=\"*\" eavesdrop=\"true\"/>"
                            "<allow eavesdrop=\"true\"/><allow own=\"*\"/></policy>"
                            "</busconfig>\n", folder);
  g_file_set_contents (config_path, config, -1, &error);
  g_assert_no_error (error);

  bus = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, "dbus-daemon",
                          "--config-file", config_path, "--print-address=1", "--nofork", NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (bus));
  address = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (address);
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", address, TRUE);
}

static gboolean
keyring_on_bus (gpointer user_data)
{
  GDBusConnection *connection = user_data;
  g_autoptr(GVariant) reply = NULL;
  gboolean owned = FALSE;

  reply = g_dbus_connection_call_sync (connection, "org.freedesktop.DBus",
                                       "/org/freedesktop/DBus", "org.freedesktop.DBus",
                                       "NameHasOwner",
                                       g_variant_new ("(s)", "org.freedesktop.secrets"),
                                       G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE, -1,
                                       NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &owned);
  return owned;
}

/* A real gnome-keyring-daemon, its login keyring created and unlocked with a password fed
 * on its standard input. */
static void
start_keyring (void)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (
    G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_autofree char *home = g_build_filename (folder, "home", NULL);
  g_autofree char *data = g_build_filename (folder, "data", NULL);
  g_autoptr(GDBusConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  GOutputStream *in;

  g_mkdir_with_parents (home, 0700);
  g_mkdir_with_parents (data, 0700);
  g_subprocess_launcher_setenv (launcher, "HOME", home, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_RUNTIME_DIR", folder, TRUE);
  keyring = g_subprocess_launcher_spawn (launcher, &error, "gnome-keyring-daemon",
                                         "--foreground", "--unlock", "--components=secrets",
                                         NULL);
  g_assert_no_error (error);
  in = g_subprocess_get_stdin_pipe (keyring);
  g_output_stream_write_all (in, "keyring-test", 12, NULL, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (in, NULL, &error);
  g_assert_no_error (error);

  connection = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  fd_test_wait_until (keyring_on_bus, connection, "the keyring on the bus");
}

static FdServerConfig *
new_config (const char *dbname,
            const char *login)
{
  FdServerConfig *config = fd_server_config_new ();

  g_free (config->host);
  config->host = g_strdup (fd_test_server_socket_dir ());
  g_free (config->user);
  config->user = g_strdup (login);
  g_free (config->database);
  config->database = g_strdup (dbname);
  return config;
}

static char *
keyring_password (const FdServerConfig *config)
{
  g_autoptr(GError) error = NULL;
  char *password = secret_password_lookup_sync (&password_schema, NULL, &error,
                                                "server", config->host,
                                                "port", (int) config->port,
                                                "database", config->database,
                                                "user", config->user, NULL);

  g_assert_no_error (error);
  return password;
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

/* "Restarts" the desk on @config: the database closes and opens again, no password given. */
static FdWindow *
start_desk (const FdServerConfig *config,
            const char           *page)
{
  g_autoptr(GError) error = NULL;
  PageWait wait = { NULL, page };

  if (application == NULL)
    {
      application = fd_application_new ();
      fd_application_set_server_config (application, (FdServerConfig *) config);
      g_application_register (G_APPLICATION (application), NULL, &error);
      g_assert_no_error (error);
    }
  else
    {
      fd_database_close (fd_application_get_database (application));
      fd_application_set_server_config (application, (FdServerConfig *) config);
      fd_application_reconnect (application);
    }
  g_application_activate (G_APPLICATION (application));

  wait.window = FD_WINDOW (fd_test_ui_wait_for_window (FD_TYPE_WINDOW));
  fd_test_wait_until (page_is, &wait, page);
  return wait.window;
}

static GtkWidget *
find_remember (GtkWidget *window)
{
  GtkWidget *check = fd_test_ui_find_descendant (window, GTK_TYPE_CHECK_BUTTON);

  g_assert_nonnull (check);
  g_assert_cmpstr (gtk_check_button_get_label (GTK_CHECK_BUTTON (check)), ==,
                   "_Remember password");
  g_assert_true (gtk_widget_get_mapped (check));
  return check;
}

/* Types the password, ticks Remember password (or not), presses Sign In. */
static void
sign_in (FdWindow   *window,
         const char *password,
         gboolean    remember)
{
  GtkWidget *entry = fd_test_ui_find_descendant (GTK_WIDGET (window), GTK_TYPE_PASSWORD_ENTRY);
  GtkWidget *check = find_remember (GTK_WIDGET (window));
  GtkWidget *button;

  g_assert_true (gtk_widget_get_mapped (entry));
  gtk_editable_set_text (GTK_EDITABLE (entry), password);
  if (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)) != remember)
    gtk_widget_activate (check);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)) == remember);
  button = GTK_WIDGET (gtk_window_get_default_widget (GTK_WINDOW (window)));
  g_assert_true (GTK_IS_BUTTON (button));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "_Sign In");
  gtk_widget_activate (button);
}

static gboolean
setting_is (gpointer user_data)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);

  return g_settings_get_boolean (settings, "password-in-keyring") == GPOINTER_TO_INT (user_data);
}

static void
assert_prompt (FdWindow *window)
{
  GtkWidget *entry = fd_test_ui_find_descendant (GTK_WIDGET (window), GTK_TYPE_PASSWORD_ENTRY);

  g_assert_cmpstr (fd_window_get_page_name (window), ==, "failed");
  g_assert_nonnull (fd_test_ui_find_label (GTK_WIDGET (window), "Sign In to the Practice Database"));
  g_assert_true (gtk_widget_get_mapped (entry));
  g_assert_true (gtk_widget_has_focus (entry) || gtk_widget_is_focus (entry) ||
                 gtk_widget_get_focus_child (entry) != NULL);
  find_remember (GTK_WIDGET (window));
}

/* Unlocked: remember, start again signed in, forget, asked again. */
static void
test_remember_and_forget (void)
{
  g_autofree char *dbname = fd_test_create_database (TRUE);
  g_autofree char *login = fd_test_create_staff (FALSE);
  g_autofree char *password = fd_test_staff_password (login);
  g_autoptr(FdServerConfig) config = new_config (dbname, login);
  g_autofree char *kept = NULL;
  g_autofree char *gone = NULL;
  g_autofree char *shot = NULL;
  g_autofree char *prefs_shot = NULL;
  GtkWindow *preferences;
  GtkWidget *forget;
  FdWindow *window;

  window = start_desk (config, "failed");
  assert_prompt (window);
  g_assert_null (keyring_password (config));

  gtk_editable_set_text (GTK_EDITABLE (fd_test_ui_find_descendant (GTK_WIDGET (window),
                                                                   GTK_TYPE_PASSWORD_ENTRY)),
                         "");
  gtk_widget_activate (find_remember (GTK_WIDGET (window)));
  shot = fd_test_ui_screenshot (GTK_WIDGET (window), "keyring-sign-in-remember");
  sign_in (window, password, TRUE);
  fd_test_wait_until (page_is, &(PageWait) { window, "ready" }, "signed in");
  fd_test_ui_wait_for_label (GTK_WIDGET (window), "The password is kept in the keyring");
  fd_test_wait_until (setting_is, GINT_TO_POINTER (TRUE), "the setting says kept");

  /* What the keyring holds, under the server, port, database and login. */
  kept = keyring_password (config);
  g_assert_cmpstr (kept, ==, password);

  /* The next start signs in by itself: no password typed. */
  window = start_desk (config, "ready");
  g_assert_nonnull (fd_test_ui_find_label (GTK_WIDGET (window), login));

  /* Preferences: Forget Password, and a toast that says so. */
  g_action_group_activate_action (G_ACTION_GROUP (application), "preferences", NULL);
  preferences = fd_test_ui_wait_for_window (FD_TYPE_PREFERENCES_WINDOW);
  fd_preferences_window_show_database_page (FD_PREFERENCES_WINDOW (preferences));
  fd_test_ui_wait_for_label (GTK_WIDGET (preferences), "Kept in the keyring");
  forget = fd_test_ui_find_with_class (GTK_WIDGET (preferences), "destructive-action",
                                       "Forget Password");
  g_assert_nonnull (forget);
  g_assert_true (gtk_widget_get_sensitive (forget));
  {
    GtkWidget *scrolled = gtk_widget_get_ancestor (forget, GTK_TYPE_SCROLLED_WINDOW);
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));

    fd_test_ui_wait_for_frames (GTK_WIDGET (preferences), 2);
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  }
  prefs_shot = fd_test_ui_screenshot (GTK_WIDGET (preferences), "keyring-preferences-forget");
  gtk_widget_activate (forget);
  fd_test_ui_wait_for_label (GTK_WIDGET (preferences), "Password forgotten");
  fd_test_wait_until (setting_is, GINT_TO_POINTER (FALSE), "the setting says forgotten");
  g_assert_nonnull (fd_test_ui_find_label (GTK_WIDGET (preferences), "None: Frontdesk asks"));
  g_assert_false (gtk_widget_get_sensitive (forget));
  gone = keyring_password (config);
  g_assert_null (gone);
  gtk_window_destroy (preferences);

  /* Started again: the password prompt, as before Remember. */
  window = start_desk (config, "failed");
  assert_prompt (window);
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (find_remember (GTK_WIDGET (window)))));

  fd_database_close (fd_application_get_database (application));
  fd_test_drop_database (dbname);
}

/* Locked: the password is in the keyring, but the keyring is locked. */
static void
test_locked (void)
{
  g_autofree char *dbname = fd_test_create_database (TRUE);
  g_autofree char *login = fd_test_create_staff (FALSE);
  g_autofree char *password = fd_test_staff_password (login);
  g_autoptr(FdServerConfig) config = new_config (dbname, login);
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(SecretService) service = NULL;
  g_autoptr(SecretCollection) login_keyring = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *shot = NULL;
  GList *collections;
  FdWindow *window;

  secret_password_store_sync (&password_schema, SECRET_COLLECTION_DEFAULT, "Frontdesk test",
                              password, NULL, &error,
                              "server", config->host, "port", (int) config->port,
                              "database", config->database, "user", config->user, NULL);
  g_assert_no_error (error);
  g_settings_set_boolean (settings, "password-in-keyring", TRUE);

  service = secret_service_get_sync (SECRET_SERVICE_LOAD_COLLECTIONS, NULL, &error);
  g_assert_no_error (error);
  login_keyring = secret_collection_for_alias_sync (service, SECRET_COLLECTION_DEFAULT,
                                                    SECRET_COLLECTION_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (login_keyring);
  collections = g_list_append (NULL, login_keyring);
  secret_service_lock_sync (service, collections, NULL, NULL, &error);
  g_list_free (collections);
  g_assert_no_error (error);
  g_assert_true (secret_collection_get_locked (login_keyring));

  window = start_desk (config, "failed");
  fd_test_ui_wait_for_label (GTK_WIDGET (window), "The keyring is locked");
  assert_prompt (window);
  g_assert_nonnull (fd_test_ui_find_label (GTK_WIDGET (window), "needs a password"));
  shot = fd_test_ui_screenshot (GTK_WIDGET (window), "keyring-locked");

  /* Typed, it signs in as ever. */
  sign_in (window, password, FALSE);
  fd_test_wait_until (page_is, &(PageWait) { window, "ready" }, "signed in");

  fd_database_close (fd_application_get_database (application));
  fd_test_drop_database (dbname);
}

/* Absent: no keyring on the bus at all. */
static void
test_absent (void)
{
  g_autofree char *dbname = fd_test_create_database (TRUE);
  g_autofree char *login = fd_test_create_staff (FALSE);
  g_autofree char *password = fd_test_staff_password (login);
  g_autoptr(FdServerConfig) config = new_config (dbname, login);
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autofree char *shot = NULL;
  FdWindow *window;

  g_settings_set_boolean (settings, "password-in-keyring", TRUE);
  window = start_desk (config, "failed");
  fd_test_ui_wait_for_label (GTK_WIDGET (window), "No keyring answered on this computer");
  assert_prompt (window);
  shot = fd_test_ui_screenshot (GTK_WIDGET (window), "keyring-absent");

  /* Remember ticked with no keyring: signed in all the same, and told it was not kept. */
  g_settings_set_boolean (settings, "password-in-keyring", FALSE);
  sign_in (window, password, TRUE);
  fd_test_wait_until (page_is, &(PageWait) { window, "ready" }, "signed in");
  fd_test_ui_wait_for_label (GTK_WIDGET (window), "No keyring answered on this computer");
  g_assert_false (g_settings_get_boolean (settings, "password-in-keyring"));

  fd_database_close (fd_application_get_database (application));
  fd_test_drop_database (dbname);
}

int
main (int   argc,
      char *argv[])
{
  const char *which = g_getenv ("FRONTDESK_KEYRING_CASE");
  int status;

  /* Before anything speaks to a session bus. */
  folder = fd_test_make_temp_dir ("keyring");
  start_private_bus ();
  if (g_strcmp0 (which, "absent") != 0)
    start_keyring ();

  fd_test_ui_init (&argc, &argv);

  if (g_strcmp0 (which, "locked") == 0)
    g_test_add_func ("/frontdesk/keyring/locked", test_locked);
  else if (g_strcmp0 (which, "absent") == 0)
    g_test_add_func ("/frontdesk/keyring/absent", test_absent);
  else
    g_test_add_func ("/frontdesk/keyring/remember-and-forget", test_remember_and_forget);

  status = fd_test_run ();

  g_clear_object (&application);
  if (keyring != NULL)
    {
      g_subprocess_force_exit (keyring);
      g_subprocess_wait (keyring, NULL, NULL);
    }
  g_subprocess_force_exit (bus);
  g_subprocess_wait (bus, NULL, NULL);
  g_clear_object (&keyring);
  g_clear_object (&bus);
  fd_test_remove_tree (folder);
  g_free (folder);
  return status;
}
