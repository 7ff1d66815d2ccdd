/* test-preferences-hosts.c: the database server in Preferences takes a list of hosts, a
 * primary and its standby: a wrong entry is named on the page and Connect stays off; a right
 * list is saved as typed when Connect is pressed.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>

#include "fd-preferences-window.h"
#include "fd-server-config.h"
#include "fd-test-desk.h"
#include "fd-test-server.h"
#include "fd-test-ui.h"

#define APPLICATION_ID "org.frontdesk.Frontdesk"

static gboolean
host_saved (gpointer user_data)
{
  g_autofree char *host = g_settings_get_string (user_data, "server-host");

  return g_str_equal (host, "db1.office.lan, db2.office.lan:5433");
}

static void
test_host_list (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  FdPreferencesWindow *preferences = fd_preferences_window_new (NULL, settings, NULL);
  g_autofree char *wrong = NULL;
  g_autofree char *right = NULL;
  GtkWidget *host;
  GtkWidget *connect;

  gtk_window_present (GTK_WINDOW (preferences));
  fd_preferences_window_show_database_page (preferences);
  fd_test_ui_wait_for_label (GTK_WIDGET (preferences), "list every host separated by commas");
  host = fd_test_desk_find_row (GTK_WIDGET (preferences), "_Host");
  g_assert_nonnull (host);
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (host)), ==,
                   GTK_ACCESSIBLE_ROLE_TEXT_BOX);
  connect = fd_test_ui_find_with_class (GTK_WIDGET (preferences), "suggested-action", "Connect");
  g_assert_nonnull (connect);

  /* A port out of range: the page says which entry, and Connect is off. */
  gtk_widget_grab_focus (host);
  gtk_editable_set_text (GTK_EDITABLE (host), "db1.office.lan, db2.office.lan:99999");
  fd_test_ui_wait_for_label (GTK_WIDGET (preferences),
                             "The port of “db2.office.lan:99999” must be a number from 1 to "
                             "65535.");
  g_assert_false (gtk_widget_get_sensitive (connect));
  g_assert_true (gtk_widget_has_css_class (host, "error"));
  wrong = fd_test_ui_screenshot (GTK_WIDGET (preferences), "preferences-hosts-wrong");

  /* An empty entry between the commas. */
  gtk_editable_set_text (GTK_EDITABLE (host), "db1.office.lan, , db2.office.lan");
  fd_test_ui_wait_for_label (GTK_WIDGET (preferences), "Separate several servers with commas");
  g_assert_false (gtk_widget_get_sensitive (connect));

  /* Right: Connect saves the list as typed. */
  gtk_editable_set_text (GTK_EDITABLE (host), "db1.office.lan, db2.office.lan:5433");
  fd_test_ui_wait_for_label (GTK_WIDGET (preferences), "list every host separated by commas");
  g_assert_true (gtk_widget_get_sensitive (connect));
  g_assert_false (gtk_widget_has_css_class (host, "error"));
  right = fd_test_ui_screenshot (GTK_WIDGET (preferences), "preferences-hosts");
  gtk_widget_activate (connect);
  fd_test_wait_until (host_saved, settings, "the host list saved");

  gtk_window_destroy (GTK_WINDOW (preferences));
}

/* What libpq gets from the list: every host, and a port for each. */
static void
test_host_list_to_libpq (void)
{
  g_autofree char *hosts = NULL;
  g_autofree char *ports = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (fd_server_config_parse_hosts (" db1.office.lan , 10.0.0.12:5433, [fd00::5]:6432,"
                                               " fd00::6", 5432, &hosts, &ports, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (hosts, ==, "db1.office.lan,10.0.0.12,fd00::5,fd00::6");
  g_assert_cmpstr (ports, ==, "5432,5433,6432,5432");

  g_assert_false (fd_server_config_parse_hosts ("db1:0", 5432, NULL, NULL, &error));
  g_assert_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE);
  g_clear_error (&error);
  g_assert_false (fd_server_config_parse_hosts ("db1,", 5432, NULL, NULL, &error));
  g_assert_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE);
}

int
main (int   argc,
      char *argv[])
{
  fd_test_ui_init (&argc, &argv);
  adw_init ();

  g_test_add_func ("/frontdesk/preferences/host-list", test_host_list);
  g_test_add_func ("/frontdesk/preferences/host-list-to-libpq", test_host_list_to_libpq);

  return g_test_run ();
}
