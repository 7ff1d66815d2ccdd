/* test-client-editor.c: two workstations in one test, each a real window signed in as its
 * own staff login: search, the two-stage override, the displaced window's popup and state
 * line, take-back on save with the merge dialog, read-only after an admin break, leaving
 * with unsaved changes. Every key state is a screenshot in the build folder.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "fd-application.h"
#include "fd-client-directory.h"
#include "fd-clients-module.h"
#include "fd-setup-module.h"
#include "fd-test-desk.h"
#include "fd-test-server.h"
#include "fd-test-ui.h"
#include "fd-window.h"

/* Anna and Ben, two front desk workstations on one practice of 30 clients. */
typedef FdTestOffice Fixture;

/* Waiting on what a person sees ---------------------------------------------------------- */

static gboolean
editor_closed (gpointer user_data)
{
  return fd_client_editor_get_client_id (user_data) == NULL;
}

static gboolean
editor_read_only (gpointer user_data)
{
  return fd_client_editor_get_read_only (user_data);
}

static char *
stored_city (Fixture    *fixture,
             const char *id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT coalesce(city, '') FROM frontdesk.clients "
                                          "WHERE id = %s", id);

  return fd_test_query_value (fixture->owner, sql);
}

/* The whole story of one record between two desks. */
static void
test_two_workstations (Fixture       *fixture,
                       gconstpointer  data)
{
  GtkWidget *anna_window = GTK_WIDGET (fixture->anna.window);
  GtkWidget *ben_window = GTK_WIDGET (fixture->ben.window);
  g_autofree char *id = NULL;
  g_autofree char *shot = NULL;
  g_autofree char *took_over = NULL;
  g_autofree char *city = NULL;
  g_autofree char *break_sql = NULL;
  g_autofree char *ben_saved = NULL;
  g_autofree char *merge_saver = NULL;
  AdwMessageDialog *dialog;
  gint64 overridden_at;

  /* Anna opens the first client of the list. */
  fd_test_desk_open_first_client (&fixture->anna);
  fd_test_desk_wait_for_record (&fixture->anna, "Anna's record");
  id = g_strdup (fd_client_editor_get_client_id (fixture->anna.editor));
  g_free (shot);
  shot = fd_test_ui_screenshot (anna_window, "editor-open");

  /* Ben picks the same client: the warning, whose default (Enter) is Cancel. */
  fd_test_desk_open_first_client (&fixture->ben);
  dialog = fd_test_desk_wait_for_dialog ("first-warning");
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Client Record in Use");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), fixture->anna.login));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Reception 1"));
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "cancel");
  g_assert_cmpstr (adw_message_dialog_get_close_response (dialog), ==, "cancel");
  g_free (shot);
  shot = fd_test_ui_screenshot (GTK_WIDGET (dialog), "lock-first-warning");
  /* Enter: the window's default widget is the Cancel response. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "default.activate", NULL));
  fd_test_wait_until (editor_closed, fixture->ben.editor, "Ben's editor to stay closed");
  g_assert_null (fixture->anna.editor != NULL &&
                 fd_test_ui_find_label (anna_window, "took over") ? anna_window : NULL);

  /* Again, and this time Open Anyway, then the final, destructive confirmation. */
  fd_clients_module_select (fixture->ben.module, GTK_INVALID_LIST_POSITION);
  fd_clients_module_select (fixture->ben.module, 0);
  fd_test_desk_answer (fd_test_desk_wait_for_dialog ("first-warning"), "open");
  dialog = fd_test_desk_wait_for_dialog ("final-confirmation");
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "override"), ==,
                   ADW_RESPONSE_DESTRUCTIVE);
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "cancel");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "audit log"));
  g_free (shot);
  shot = fd_test_ui_screenshot (GTK_WIDGET (dialog), "lock-final-confirmation");
  overridden_at = g_get_monotonic_time ();
  fd_test_desk_answer (dialog, "override");
  fd_test_desk_wait_for_record (&fixture->ben, "Ben's record");

  /* Anna is told within a second, and her editor says so until she saves. */
  dialog = fd_test_desk_wait_for_dialog ("lock-lost-dialog");
  g_test_message ("Displacement popup after %.0f ms",
                  (g_get_monotonic_time () - overridden_at) / 1000.0);
  g_assert_cmpint (g_get_monotonic_time () - overridden_at, <, G_USEC_PER_SEC);
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), fixture->ben.login));
  /* What Ben did (opened it), and Anna had typed nothing: no word of changes kept. */
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "opened"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "You had no unsaved changes"));
  g_assert_null (strstr (adw_message_dialog_get_body (dialog), "still here"));
  g_free (shot);
  shot = fd_test_ui_screenshot (GTK_WIDGET (dialog), "displaced-popup");
  fd_test_desk_answer (dialog, "ok");
  took_over = g_strdup_printf ("%s took over at ", fixture->ben.login);
  fd_test_ui_wait_for_label (anna_window, took_over);
  fd_test_ui_wait_for_label (ben_window, "Also viewing: ");
  g_free (shot);
  shot = fd_test_ui_screenshot (anna_window, "displaced-state-line");

  /* Anna has changed the city when Ben changes it too and saves (her form, edited, keeps
   * her value); she saves: she takes the record back, and chooses in the merge dialog. */
  fd_client_editor_set_field (fixture->anna.editor, "city", "Annas Bay");
  fd_client_editor_set_field (fixture->ben.editor, "city", "Bens Harbour");
  fd_test_desk_save (&fixture->ben);
  /* Marked inline first, naming Ben; then the merge dialog names him too. */
  ben_saved = g_strdup_printf ("%s saved ‘Bens Harbour’", fixture->ben.login);
  fd_test_ui_wait_for_label (anna_window, ben_saved);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->anna.editor), "editor.save",
                                             NULL));
  dialog = fd_test_desk_wait_for_dialog ("merge-dialog");
  g_assert_nonnull (fd_test_ui_find_label (GTK_WIDGET (dialog), "Theirs: Bens Harbour"));
  merge_saver = g_strdup_printf ("%s at Reception 2 saved these fields", fixture->ben.login);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), merge_saver));
  g_free (shot);
  shot = fd_test_ui_screenshot (GTK_WIDGET (dialog), "merge-dialog");
  city = stored_city (fixture, id);
  g_assert_cmpstr (city, ==, "Bens Harbour");
  fd_test_desk_answer (dialog, "save");
  fd_test_desk_wait_until_clean (fixture->anna.editor, "Anna's merged save");
  g_free (city);
  city = stored_city (fixture, id);
  g_assert_cmpstr (city, ==, "Annas Bay");

  /* Ben, displaced by the take-back, is told in turn: Anna saved it, and Ben, whose save
   * went through, has nothing unsaved. */
  dialog = fd_test_desk_wait_for_dialog ("lock-lost-dialog");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "which took it back from you"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "You had no unsaved changes"));
  g_free (shot);
  shot = fd_test_ui_screenshot (GTK_WIDGET (dialog), "taken-back-popup");
  fd_test_desk_answer (dialog, "ok");

  /* An administrator breaks Anna's lock: read-only at once, her text still there. */
  fd_client_editor_set_field (fixture->anna.editor, "region", "Typed before the break");
  break_sql = g_strdup_printf ("SELECT frontdesk.lock_break('clients', '%s')", id);
  fd_test_exec (fixture->owner, break_sql);
  fd_test_wait_until (editor_read_only, fixture->anna.editor, "Anna's editor to turn read-only");
  fd_test_desk_answer (fd_test_desk_wait_for_dialog ("lock-lost-dialog"), "ok");
  fd_test_ui_wait_for_label (anna_window, "released your lock");
  g_assert_nonnull (fd_test_ui_find_label (anna_window, "Reload"));
  g_free (shot);
  shot = fd_test_ui_screenshot (anna_window, "read-only-after-break");
}

static gboolean
dialog_gone (gpointer user_data)
{
  return fd_test_desk_find_dialog (user_data) == NULL;
}

static gboolean
list_points_at_open_record (gpointer user_data)
{
  FdTestDesk *desk = user_data;

  return g_strcmp0 (fd_clients_module_get_selected_client_id (desk->module),
                    fd_client_editor_get_client_id (desk->editor)) == 0;
}

typedef struct
{
  FdClientEditor *editor;
  const char     *left;
} LeftWait;

/* Client Details shows a client, and another than the one it left. */
static gboolean
editor_left (gpointer user_data)
{
  LeftWait *wait = user_data;
  const char *id = fd_client_editor_get_client_id (wait->editor);

  return id != NULL && g_strcmp0 (id, wait->left) != 0;
}

static void
test_leaving_with_unsaved_changes (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autofree char *shot = NULL;
  g_autofree char *first = NULL;
  AdwMessageDialog *dialog;

  fd_test_desk_open_first_client (&fixture->anna);
  fd_test_desk_wait_for_record (&fixture->anna, "Anna's record");
  first = g_strdup (fd_client_editor_get_client_id (fixture->anna.editor));
  fd_client_editor_set_field (fixture->anna.editor, "first_name", "");
  fd_test_ui_wait_for_label (GTK_WIDGET (fixture->anna.window), "Unsaved changes");
  /* Told right where the field is. */
  fd_test_ui_wait_for_label (GTK_WIDGET (fixture->anna.window), "First name is needed.");

  /* Another client: Save / Discard / Cancel. Cancel keeps everything as it was. */
  fd_clients_module_select (fixture->anna.module, 1);
  dialog = fd_test_desk_wait_for_dialog ("leave-dialog");
  /* Until it is answered, the list still points at the record with the changes. */
  g_assert_cmpstr (fd_clients_module_get_selected_client_id (fixture->anna.module), ==, first);
  g_free (shot);
  shot = fd_test_ui_screenshot (GTK_WIDGET (dialog), "leave-unsaved");
  fd_test_desk_answer (dialog, "cancel");
  fd_test_wait_until (dialog_gone, "leave-dialog", "the leave dialog to close");
  fd_test_wait_until (list_points_at_open_record, &fixture->anna,
                      "the list to point at the open record again");
  g_assert_cmpstr (fd_client_editor_get_client_id (fixture->anna.editor), ==, first);
  g_assert_true (fd_client_editor_get_dirty (fixture->anna.editor));

  /* Save with an empty first name: refused inline, and the record stays open. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->anna.editor), "editor.save",
                                             NULL));
  fd_test_ui_wait_for_label (GTK_WIDGET (fixture->anna.window), "correct the marked fields");

  /* Discard lets her go. */
  fd_clients_module_select (fixture->anna.module, 1);
  dialog = fd_test_desk_wait_for_dialog ("leave-dialog");
  g_assert_cmpstr (fd_clients_module_get_selected_client_id (fixture->anna.module), ==, first);
  fd_test_desk_answer (dialog, "discard");
  {
    LeftWait left = { fixture->anna.editor, first };

    fd_test_wait_until (editor_left, &left, "the next record");
  }
  fd_test_wait_until (list_points_at_open_record, &fixture->anna, "the list to follow it");
  g_assert_cmpstr (fd_client_editor_get_client_id (fixture->anna.editor), !=, first);
  fd_test_desk_wait_for_record (&fixture->anna, "the next record's fields");
  g_assert_false (fd_client_editor_get_dirty (fixture->anna.editor));
}

typedef struct
{
  GListModel *results;
  char       *wanted;
} SearchWait;

static gboolean
all_results_match (gpointer user_data)
{
  SearchWait *wait = user_data;
  guint n = g_list_model_get_n_items (wait->results);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FdClientSummary) summary = g_list_model_get_item (wait->results, i);
      g_autofree char *name = g_utf8_strdown (fd_client_summary_get_name (summary), -1);

      if (strstr (name, wait->wanted) == NULL)
        return FALSE;
    }
  return n > 0;
}

static void
test_search_as_you_type (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *last = fd_test_query_value (fixture->owner, "SELECT last_name FROM "
                                                               "frontdesk.clients WHERE id = 7");
  g_autofree char *part = g_utf8_substring (last, 1, 4);
  g_autofree char *expected = NULL;
  GListModel *results = fd_clients_module_get_results (fixture->anna.module);
  g_autofree char *shot = NULL;
  SearchWait wait = { results, NULL };

  fd_test_desk_wait_for_list (fixture->anna.module, "the client list");
  fd_clients_module_search (fixture->anna.module, part);
  expected = g_strdup_printf ("%s, ", last);
  fd_test_ui_wait_for_label (GTK_WIDGET (fixture->anna.window), expected);
  /* The client was in the list before the search too: wait for the list to be the answer,
   * every name containing what was typed. */
  wait.wanted = g_utf8_strdown (part, -1);
  fd_test_wait_until (all_results_match, &wait, "only matching clients listed");
  g_free (wait.wanted);
  shot = fd_test_ui_screenshot (GTK_WIDGET (fixture->anna.window), "client-search");
}

typedef struct
{
  FdDatabase *database;
  const char *id;
  gboolean    hidden;
} HiddenWait;

static gboolean
provider_hidden_is (gpointer user_data)
{
  HiddenWait *wait = user_data;
  FdCacheRow *row = fd_cache_lookup (fd_database_get_cache (wait->database), "providers",
                                     wait->id);

  return row != NULL && fd_cache_row_get_boolean (row, "hidden") == wait->hidden;
}

static void
show_setup (FdTestDesk *desk)
{
  fd_test_desk_show_module (desk, "Setup");
}

static gboolean
setup_shown (gpointer user_data)
{
  return FD_IS_SETUP_MODULE (fd_window_get_visible_module (user_data));
}

/* An administrator hides a provider and shows it again; the front desk sees it follow. */
static void
test_setup_hide_and_unhide (Fixture       *fixture,
                            gconstpointer  data)
{
  FdTestDesk manager = { 0 };
  HiddenWait hidden = { fixture->ben.database, "2", TRUE };
  HiddenWait shown = { fixture->ben.database, "2", FALSE };
  g_autofree char *shot = NULL;
  FdSetupModule *setup;
  FdSetupModule *bens_setup;

  fd_test_desk_open_as (&manager, fixture->dbname, "Back office", TRUE);
  show_setup (&manager);
  fd_test_wait_until (setup_shown, manager.window, "the Setup module");
  setup = FD_SETUP_MODULE (fd_window_get_visible_module (manager.window));
  fd_setup_module_show_section (setup, "providers");
  fd_test_ui_wait_for_label (GTK_WIDGET (manager.window), "DR2 · Martin Haas");
  g_free (shot);
  shot = fd_test_ui_screenshot (GTK_WIDGET (manager.window), "setup-providers");

  /* Ben, at the front desk, may look but not change. */
  show_setup (&fixture->ben);
  fd_test_wait_until (setup_shown, fixture->ben.window, "Ben's Setup module");
  bens_setup = FD_SETUP_MODULE (fd_window_get_visible_module (fixture->ben.window));
  fd_setup_module_show_section (bens_setup, "providers");
  fd_test_ui_wait_for_label (GTK_WIDGET (fixture->ben.window), "Only an administrator");

  fd_setup_module_set_hidden (setup, "providers", "2", TRUE);
  fd_test_wait_until (provider_hidden_is, &hidden, "the provider to be hidden at Ben's desk");
  fd_setup_module_set_show_hidden (setup, TRUE);
  fd_test_ui_wait_for_label (GTK_WIDGET (manager.window), "Martin Haas (hidden)");
  g_free (shot);
  shot = fd_test_ui_screenshot (GTK_WIDGET (manager.window), "setup-provider-hidden");

  fd_setup_module_set_hidden (setup, "providers", "2", FALSE);
  fd_test_wait_until (provider_hidden_is, &shown, "the provider to be back at Ben's desk");

  /* The server refuses a staff login's Setup change, whatever the window does. */
  fd_setup_module_set_hidden (bens_setup, "providers", "2", TRUE);
  fd_test_ui_wait_for_label (GTK_WIDGET (fixture->ben.window), "Not saved: ");

  fd_setup_module_show_section (setup, "practice");
  g_free (shot);
  shot = fd_test_ui_screenshot (GTK_WIDGET (manager.window), "setup-practice");
  fd_test_desk_close (&manager);
}

/* Someone outside Frontdesk (psql) holds Anna's record lock, then her row, in an open
 * transaction: opening and saving give up after a few seconds, name them, and Try Again
 * succeeds once they are done. */
static void
test_busy_open_and_save_offer_try_again (Fixture       *fixture,
                                         gconstpointer  data)
{
  g_autoptr(FdConnection) blocker = fd_test_open_connection (fixture->dbname);
  g_autofree char *id = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *shot = NULL;
  g_autofree char *city = NULL;
  AdwMessageDialog *dialog;

  fd_test_desk_open_first_client (&fixture->anna);
  fd_test_desk_wait_for_record (&fixture->anna, "Anna's record");
  id = g_strdup (fd_client_editor_get_client_id (fixture->anna.editor));

  /* Opening waits for a lock acquire still under way elsewhere, then offers Try Again. */
  fd_client_editor_close (fixture->anna.editor);
  fd_test_exec (blocker, "BEGIN");
  sql = g_strdup_printf ("SELECT pg_advisory_xact_lock(hashtext('frontdesk.lock:clients:%s'))",
                         id);
  fd_test_exec (blocker, sql);
  fd_clients_module_select (fixture->anna.module, GTK_INVALID_LIST_POSITION);
  fd_clients_module_select (fixture->anna.module, 0);
  dialog = fd_test_desk_wait_for_dialog ("busy-dialog");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "(outside Frontdesk) is in the "
                                                                  "middle of changing this"));
  fd_test_exec (blocker, "COMMIT");
  fd_test_desk_answer (dialog, "retry");
  fd_test_desk_wait_for_record (&fixture->anna, "Anna's record after Try Again");
  g_assert_cmpstr (fd_client_editor_get_client_id (fixture->anna.editor), ==, id);

  /* Saving meets a row held in an open transaction. */
  fd_test_exec (blocker, "BEGIN");
  g_free (sql);
  sql = g_strdup_printf ("SELECT 1 FROM frontdesk.clients WHERE id = %s FOR UPDATE", id);
  fd_test_exec (blocker, sql);

  fd_client_editor_set_field (fixture->anna.editor, "city", "Busy Harbour");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->anna.editor), "editor.save",
                                             NULL));
  dialog = fd_test_desk_wait_for_dialog ("busy-dialog");
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Someone Else Is Changing This");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "(outside Frontdesk) is in the "
                                                                  "middle of changing this"));
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "retry");
  g_assert_cmpstr (adw_message_dialog_get_response_label (dialog, "retry"), ==, "_Try Again");
  fd_test_ui_wait_for_label (GTK_WIDGET (fixture->anna.window), "Not saved: ");
  shot = fd_test_ui_screenshot (GTK_WIDGET (dialog), "busy-dialog");
  city = stored_city (fixture, id);
  g_assert_cmpstr (city, !=, "Busy Harbour");

  fd_test_exec (blocker, "COMMIT");
  fd_test_desk_answer (dialog, "retry");
  fd_test_desk_wait_until_clean (fixture->anna.editor, "the second try");
  g_free (city);
  city = stored_city (fixture, id);
  g_assert_cmpstr (city, ==, "Busy Harbour");
}

/* Anna's connection drops while she has a client open; Ben opens the same client meanwhile
 * (free: her backend is gone, so no warning). When her workstation is back, she is told at
 * once, with the popup and state line of a live override, before she tries to save. */
static void
test_taken_while_away_told_on_return (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autoptr(FdConnection) killer = fd_test_open_connection (fixture->dbname);
  g_autofree char *id = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *anna_session = NULL;
  g_autofree char *anna_pid = NULL;
  g_autofree char *took_over = NULL;
  g_autofree char *shot = NULL;
  AdwMessageDialog *dialog;

  fd_test_desk_open_first_client (&fixture->anna);
  fd_test_desk_wait_for_record (&fixture->anna, "Anna's record");
  id = g_strdup (fd_client_editor_get_client_id (fixture->anna.editor));
  fd_client_editor_set_field (fixture->anna.editor, "city", "Typed before the outage");

  anna_session = g_strdup_printf ("%" G_GINT64_FORMAT,
                                  fd_session_get_id (fd_database_get_session (
                                    fixture->anna.database)));
  sql = g_strdup_printf ("SELECT backend_pid FROM frontdesk.sessions WHERE id = %s", anna_session);
  anna_pid = fd_test_query_value (fixture->owner, sql);

  /* Her session row is held, so her workstation cannot resume before Ben has the record. */
  fd_test_exec (fixture->owner, "BEGIN");
  g_free (sql);
  sql = g_strdup_printf ("SELECT 1 FROM frontdesk.sessions WHERE id = %s FOR NO KEY UPDATE",
                         anna_session);
  fd_test_exec (fixture->owner, sql);
  fd_test_end_backend (killer, anna_pid);

  fd_test_desk_open_first_client (&fixture->ben);
  fd_test_desk_wait_for_record (&fixture->ben, "Ben's record");
  g_assert_cmpstr (fd_client_editor_get_client_id (fixture->ben.editor), ==, id);
  g_assert_null (fd_test_desk_find_dialog ("lock-lost-dialog"));
  fd_test_exec (fixture->owner, "COMMIT");

  dialog = fd_test_desk_wait_for_dialog ("lock-lost-dialog");
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), fixture->ben.login));
  shot = fd_test_ui_screenshot (GTK_WIDGET (dialog), "taken-while-away-popup");
  fd_test_desk_answer (dialog, "ok");
  took_over = g_strdup_printf ("%s took over at ", fixture->ben.login);
  fd_test_ui_wait_for_label (GTK_WIDGET (fixture->anna.window), took_over);
  g_assert_true (fd_client_editor_get_dirty (fixture->anna.editor));
}

int
main (int   argc,
      char *argv[])
{
  fd_test_ui_init (&argc, &argv);

  g_test_add ("/frontdesk/ui/client-editor/two-workstations", Fixture, NULL,
              fd_test_office_setup, test_two_workstations, fd_test_office_teardown);
  g_test_add ("/frontdesk/ui/client-editor/leaving-with-unsaved-changes", Fixture, NULL,
              fd_test_office_setup, test_leaving_with_unsaved_changes, fd_test_office_teardown);
  g_test_add ("/frontdesk/ui/setup/hide-and-unhide", Fixture, NULL,
              fd_test_office_setup, test_setup_hide_and_unhide, fd_test_office_teardown);
  g_test_add ("/frontdesk/ui/client-editor/busy-open-and-save-offer-try-again", Fixture, NULL,
              fd_test_office_setup, test_busy_open_and_save_offer_try_again, fd_test_office_teardown);
  g_test_add ("/frontdesk/ui/client-editor/taken-while-away-told-on-return", Fixture, NULL,
              fd_test_office_setup, test_taken_while_away_told_on_return,
              fd_test_office_teardown);
  g_test_add ("/frontdesk/ui/client-editor/search-as-you-type", Fixture, NULL,
              fd_test_office_setup, test_search_as_you_type, fd_test_office_teardown);

  return fd_test_run ();
}
