/* test-tls.c: encryption to the database server: a throwaway PostgreSQL with ssl=on and a
 * CA and server certificate made by openssl here (the certificate names "localhost" only).
 * verify-full connects by the right name; a wrong CA, or the address the certificate does not
 * name, is refused with a sentence; the automatic setting requires TLS for another computer;
 * Preferences takes the CA file through the file chooser, and the status line's lock says
 * the connection is encrypted, with the protocol in its tooltip.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "fd-application.h"
#include "fd-preferences-window.h"
#include "fd-test-server.h"
#include "fd-test-ui.h"
#include "fd-window.h"

static char *certs;
static FdTestPg *server;
static char *ca_file;
static char *wrong_ca_file;

static void
run (const char *first,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (
    G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;

  va_start (args, first);
  for (arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_subprocess_launcher_set_cwd (launcher, certs);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_wait_check (process, NULL, &error);
  g_assert_no_error (error);
}

/* A CA, a server certificate it signs for "localhost" alone, and a CA that signed nothing. */
static void
make_certificates (void)
{
  g_autofree char *ext = g_build_filename (certs, "server.ext", NULL);
  g_autoptr(GError) error = NULL;

  run ("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
       "-nodes", "-keyout", "ca.key", "-out", "ca.crt", "-days", "2",
       "-subj", "/CN=Frontdesk Test CA", NULL);
  run ("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
       "-nodes", "-keyout", "wrong-ca.key", "-out", "wrong-ca.crt", "-days", "2",
       "-subj", "/CN=Some Other CA", NULL);
  run ("openssl", "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
       "-nodes", "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=localhost", NULL);
  g_file_set_contents (ext, "subjectAltName = DNS:localhost\n", -1, &error);
  g_assert_no_error (error);
  run ("openssl", "x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key",
       "-CAcreateserial", "-out", "server.crt", "-days", "2", "-extfile", "server.ext", NULL);
  run ("chmod", "600", "server.key", NULL);

  ca_file = g_build_filename (certs, "ca.crt", NULL);
  wrong_ca_file = g_build_filename (certs, "wrong-ca.crt", NULL);
}

static FdServerConfig *
new_config (const char *host,
            const char *sslmode,
            const char *ca)
{
  FdServerConfig *config = fd_server_config_new ();

  g_free (config->host);
  config->host = g_strdup (host);
  config->port = server->port;
  g_free (config->user);
  config->user = g_strdup ("postgres");
  g_free (config->tls_mode);
  config->tls_mode = g_strdup (sslmode);
  g_free (config->ca_file);
  config->ca_file = g_strdup (ca);
  return config;
}

static gboolean
open_done (gpointer user_data)
{
  FdDatabasePhase phase = fd_database_get_phase (user_data);

  return phase == FD_DATABASE_PHASE_READY || phase == FD_DATABASE_PHASE_FAILED;
}

static FdDatabase *
open_database (FdServerConfig *config)
{
  FdDatabase *database = fd_database_new (config);

  fd_database_open_async (database, NULL, NULL, NULL);
  fd_test_wait_until (open_done, database, "the database open, or refused");
  return database;
}

static void
assert_refused (const char *host,
                const char *sslmode,
                const char *ca,
                FdDbError   code,
                const char *sentence_part)
{
  g_autoptr(FdServerConfig) config = new_config (host, sslmode, ca);
  g_autoptr(FdDatabase) database = open_database (config);
  const GError *error = fd_database_get_error (database);

  g_assert_cmpint (fd_database_get_phase (database), ==, FD_DATABASE_PHASE_FAILED);
  g_assert_error (error, FD_DB_ERROR, code);
  g_assert_nonnull (strstr (error->message, sentence_part));
  fd_database_close (database);
}

static void
test_verify_full (void)
{
  g_autoptr(FdServerConfig) config = new_config ("localhost", "verify-full", ca_file);
  g_autoptr(FdDatabase) database = open_database (config);
  FdConnectionTls tls;

  g_assert_no_error (fd_database_get_error (database));
  g_assert_cmpint (fd_database_get_phase (database), ==, FD_DATABASE_PHASE_READY);
  g_assert_true (fd_connection_get_tls (fd_database_get_connection (database), &tls));
  g_assert_true (tls.encrypted);
  g_assert_false (tls.local);
  g_assert_cmpstr (tls.protocol, ==, "TLSv1.3");
  g_assert_nonnull (tls.cipher);
  g_assert_cmpint (tls.key_bits, >=, 128);
  fd_database_close (database);

  /* verify-ca checks the signer, not the name: the address is fine there. */
  {
    g_autoptr(FdServerConfig) by_address = new_config ("127.0.0.1", "verify-ca", ca_file);
    g_autoptr(FdDatabase) other = open_database (by_address);

    g_assert_no_error (fd_database_get_error (other));
    fd_database_close (other);
  }
}

static void
test_refusals (void)
{
  /* The certificate names localhost; 127.0.0.1 is another name. */
  assert_refused ("127.0.0.1", "verify-full", ca_file, FD_DB_ERROR_TLS_HOST_MISMATCH,
                  "certificate made out to another name");
  assert_refused ("localhost", "verify-full", wrong_ca_file, FD_DB_ERROR_TLS_UNTRUSTED,
                  "not signed by the certificate authority");
  assert_refused ("localhost", "verify-ca", wrong_ca_file, FD_DB_ERROR_TLS_UNTRUSTED,
                  "Choose the practice’s certificate authority file");
}

static void
test_automatic_mode (void)
{
  g_autoptr(FdServerConfig) config = new_config ("db.office.lan", "automatic", "");

  g_assert_cmpstr (fd_server_config_get_sslmode (config), ==, "require");
  g_free (config->host);
  config->host = g_strdup ("db1.office.lan:5433, localhost");
  g_assert_cmpstr (fd_server_config_get_sslmode (config), ==, "require");
  g_free (config->host);
  config->host = g_strdup ("[fd00::5]:5433");
  g_assert_cmpstr (fd_server_config_get_sslmode (config), ==, "require");
  g_free (config->host);
  config->host = g_strdup ("localhost, 127.0.0.1:5433, [::1]:5434");
  g_assert_cmpstr (fd_server_config_get_sslmode (config), ==, "prefer");
  g_free (config->host);
  config->host = g_strdup ("/run/postgresql");
  g_assert_cmpstr (fd_server_config_get_sslmode (config), ==, "prefer");
  g_free (config->tls_mode);
  config->tls_mode = g_strdup ("verify-full");
  g_assert_cmpstr (fd_server_config_get_sslmode (config), ==, "verify-full");

  /* A new workstation's setting. */
  {
    g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
    g_autofree char *mode = g_settings_get_string (settings, "server-tls-mode");

    g_assert_cmpstr (mode, ==, "automatic");
  }
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

static gboolean
visible_file_chooser (gpointer user_data)
{
  GtkWindow **found = user_data;
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (GTK_IS_FILE_CHOOSER_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        {
          *found = window;
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
file_selected (gpointer user_data)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (user_data);

  return file != NULL && g_str_equal (g_file_peek_path (file), ca_file);
}

static gboolean
label_gone (gpointer user_data)
{
  return fd_test_ui_find_label (user_data, "None: the verifying") == NULL;
}

/* The status line's lock: the image that shows a channel icon. */
static GtkWidget *
find_lock (GtkWidget *root)
{
  if (GTK_IS_IMAGE (root) && gtk_image_get_icon_name (GTK_IMAGE (root)) != NULL &&
      g_str_has_prefix (gtk_image_get_icon_name (GTK_IMAGE (root)), "channel-"))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_lock (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Preferences: the CA file through the file chooser, verify-full, Connect; the lock. */
static void
test_preferences_and_lock (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(FdApplication) application = fd_application_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (ca_file);
  g_autofree char *stored = NULL;
  g_autofree char *prefs_shot = NULL;
  g_autofree char *lock_shot = NULL;
  GtkWindow *preferences;
  GtkWindow *chooser = NULL;
  GtkWidget *choose;
  GtkWidget *connect;
  GtkWidget *icon;
  GtkWidget *scrolled;
  AdwComboRow *tls_row;
  FdWindow *window;
  const char *tooltip;

  g_settings_set_string (settings, "server-host", "localhost");
  g_settings_set_uint (settings, "server-port", server->port);
  g_settings_set_string (settings, "server-user", "postgres");
  g_settings_set_string (settings, "server-database", "frontdesk");

  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (application));
  window = FD_WINDOW (fd_test_ui_wait_for_window (FD_TYPE_WINDOW));
  fd_test_wait_until (page_is, &(PageWait) { window, "ready" }, "signed in, automatic TLS");

  g_action_group_activate_action (G_ACTION_GROUP (application), "preferences", NULL);
  preferences = fd_test_ui_wait_for_window (FD_TYPE_PREFERENCES_WINDOW);
  fd_preferences_window_show_database_page (FD_PREFERENCES_WINDOW (preferences));
  fd_test_ui_wait_for_label (GTK_WIDGET (preferences), "None: the verifying");

  choose = gtk_widget_get_ancestor (
    GTK_WIDGET (fd_test_ui_find_label (GTK_WIDGET (preferences), "Choose…")), GTK_TYPE_BUTTON);
  g_assert_nonnull (choose);
  gtk_widget_activate (choose);
  fd_test_wait_until (visible_file_chooser, &chooser, "the file chooser");
  gtk_file_chooser_set_file (GTK_FILE_CHOOSER (chooser), file, &error);
  g_assert_no_error (error);
  fd_test_wait_until (file_selected, chooser, "the CA file selected in the chooser");
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  fd_test_wait_until (label_gone, preferences, "the CA file shown");
  g_assert_nonnull (fd_test_ui_find_label (GTK_WIDGET (preferences), "ca.crt"));

  /* "Required, verify certificate and host" */
  tls_row = ADW_COMBO_ROW (gtk_widget_get_ancestor (
    GTK_WIDGET (fd_test_ui_find_label (GTK_WIDGET (preferences), "Encryption")),
    ADW_TYPE_COMBO_ROW));
  g_assert_nonnull (tls_row);
  adw_combo_row_set_selected (tls_row, 6);

  scrolled = gtk_widget_get_ancestor (GTK_WIDGET (tls_row), GTK_TYPE_SCROLLED_WINDOW);
  prefs_shot = fd_test_ui_screenshot (GTK_WIDGET (preferences), "tls-preferences-ca-file");
  if (scrolled != NULL)
    {
      GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));

      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
      g_free (prefs_shot);
      prefs_shot = fd_test_ui_screenshot (GTK_WIDGET (preferences), "tls-preferences-sign-in");
    }

  connect = fd_test_ui_find_with_class (GTK_WIDGET (preferences), "suggested-action", "Connect");
  gtk_widget_activate (connect);
  fd_test_ui_wait_for_label (GTK_WIDGET (preferences), "Connecting with the new settings");
  stored = g_settings_get_string (settings, "server-ca-file");
  g_assert_cmpstr (stored, ==, ca_file);
  g_free (stored);
  stored = g_settings_get_string (settings, "server-tls-mode");
  g_assert_cmpstr (stored, ==, "verify-full");
  gtk_window_destroy (preferences);

  fd_test_wait_until (page_is, &(PageWait) { window, "ready" }, "signed in, verify-full");
  icon = find_lock (GTK_WIDGET (window));
  g_assert_nonnull (icon);
  g_assert_true (gtk_widget_get_visible (icon));
  g_assert_cmpstr (gtk_image_get_icon_name (GTK_IMAGE (icon)), ==, "channel-secure-symbolic");
  tooltip = gtk_widget_get_tooltip_text (icon);
  g_assert_nonnull (strstr (tooltip, "Encrypted with TLSv1.3"));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Encrypted connection");
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_ROLE_IMG);
  lock_shot = fd_test_ui_screenshot (GTK_WIDGET (window), "tls-status-line-lock");

  /* The wrong CA in the settings: the sign-in page says so, in words. */
  g_settings_set_string (settings, "server-ca-file", wrong_ca_file);
  g_action_group_activate_action (G_ACTION_GROUP (application), "connect-saved-server", NULL);
  fd_test_wait_until (page_is, &(PageWait) { window, "failed" }, "refused");
  g_assert_nonnull (fd_test_ui_find_label (GTK_WIDGET (window),
                                           "not signed by the certificate authority"));
  g_assert_false (gtk_widget_get_visible (icon));
  g_free (lock_shot);
  lock_shot = fd_test_ui_screenshot (GTK_WIDGET (window), "tls-wrong-ca");

  fd_database_close (fd_application_get_database (application));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  fd_test_ui_init (&argc, &argv);

  certs = fd_test_make_temp_dir ("certs");
  make_certificates ();
  {
    g_autofree char *cert = g_build_filename (certs, "server.crt", NULL);
    g_autofree char *key = g_build_filename (certs, "server.key", NULL);
    g_autofree char *dbname = NULL;

    server = fd_test_pg_start_tls (cert, key);
    dbname = fd_test_pg_create_practice (server);
  }

  g_test_add_func ("/frontdesk/tls/verify-full", test_verify_full);
  g_test_add_func ("/frontdesk/tls/refusals", test_refusals);
  g_test_add_func ("/frontdesk/tls/automatic-mode", test_automatic_mode);
  g_test_add_func ("/frontdesk/tls/preferences-and-lock", test_preferences_and_lock);

  status = fd_test_run ();

  fd_test_pg_free (server);
  fd_test_remove_tree (certs);
  g_free (certs);
  g_free (ca_file);
  g_free (wrong_ca_file);
  return status;
}
