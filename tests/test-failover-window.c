/* test-failover-window.c: what a person at the front desk sees when the practice's server
 * fails over: the main window's status line names the change and the server now in use,
 * and the client open in Client Details still holds what was typed.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "fd-application.h"
#include "fd-test-desk.h"
#include "fd-test-server.h"
#include "fd-test-ui.h"

static gboolean
database_ready (gpointer user_data)
{
  return fd_database_get_phase (user_data) == FD_DATABASE_PHASE_READY;
}


static void
test_status_line_tells_of_the_failover (void)
{
  g_autoptr(FdTestPg) primary = fd_test_pg_start_primary ();
  g_autoptr(FdTestPg) standby = NULL;
  g_autoptr(FdConnection) owner = NULL;
  g_autoptr(FdServerConfig) config = fd_server_config_new ();
  g_autoptr(FdApplication) application = fd_application_new ();
  g_autoptr(FdDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *primary_address = fd_test_pg_address (primary);
  g_autofree char *standby_address = NULL;
  g_autofree char *shot = NULL;
  GtkLabel *status;
  FdWindow *window;
  FdClientsModule *module;
  FdClientEditor *editor;
  FdTestDesk desk = { 0 };

  g_free (fd_test_pg_create_practice (primary));
  owner = fd_test_pg_connect (primary, "frontdesk");
  fd_test_exec (owner, "SELECT frontdesk.sample_data(20, 1)");
  fd_test_exec (owner, "CREATE ROLE anna LOGIN IN ROLE frontdesk_staff");
  fd_connection_close (owner);
  standby = fd_test_pg_start_standby (primary, "standby");
  standby_address = fd_test_pg_address (standby);

  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);
  g_free (config->host);
  config->host = g_strdup_printf ("%s, %s", primary_address, standby_address);
  g_free (config->user);
  config->user = g_strdup ("anna");
  g_free (config->workstation);
  config->workstation = g_strdup ("Reception 1");
  database = fd_database_new (config);
  fd_database_open_async (database, NULL, NULL, NULL);
  fd_test_wait_until (database_ready, database, "the workstation signed in");

  window = fd_window_new (GTK_APPLICATION (application), database);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  gtk_window_present (GTK_WINDOW (window));
  module = FD_CLIENTS_MODULE (fd_window_get_visible_module (window));
  editor = fd_clients_module_get_editor (module);
  fd_test_desk_wait_for_list (module, "the client list");
  fd_clients_module_select (module, 0);
  desk.window = window;
  desk.editor = editor;
  fd_test_desk_wait_for_record (&desk, "the first client open");
  fd_client_editor_set_field (editor, "city", "Typed before the failover");
  g_assert_true (fd_client_editor_get_dirty (editor));
  fd_test_ui_wait_for_label (GTK_WIDGET (window), "Connected");

  fd_test_pg_kill (primary);
  fd_test_pg_promote (standby);

  /* The status line says what happened, naming the server the desk is on now. */
  fd_test_ui_wait_for_label (GTK_WIDGET (window), "The database server changed at");
  status = fd_test_ui_find_label (GTK_WIDGET (window), "The database server changed at");
  g_assert_nonnull (status);
  g_assert_nonnull (strstr (gtk_label_get_text (status), standby_address));
  g_assert_true (fd_client_editor_get_dirty (editor));
  shot = fd_test_ui_screenshot (GTK_WIDGET (window), "failover-status-line");

  gtk_window_destroy (GTK_WINDOW (window));
  fd_database_close (database);
}

int
main (int   argc,
      char *argv[])
{
  fd_test_ui_init (&argc, &argv);

  g_test_add_func ("/frontdesk/ui/failover/status-line-tells-of-the-failover",
                   test_status_line_tells_of_the_failover);

  return fd_test_run ();
}
