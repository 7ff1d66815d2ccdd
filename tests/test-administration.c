/* test-administration.c: the Admin module as an administrator uses it, with front desks at
 * work beside: the lock table follows their locks live and unlocks one after a
 * confirmation; maintenance mode puts a banner on another workstation and turns its
 * editors read-only, and switched off gives them back. Screenshots of each.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "fd-admin-module.h"
#include "fd-audit-page.h"
#include "fd-lock-row.h"
#include "fd-lock-table.h"
#include "fd-maintenance-page.h"
#include "fd-test-desk.h"
#include "fd-test-server.h"
#include "fd-test-ui.h"

typedef FdTestOffice Fixture;

static gboolean
admin_shown (gpointer user_data)
{
  return FD_IS_ADMIN_MODULE (fd_window_get_visible_module (user_data));
}

static FdAdminModule *
open_admin (FdTestDesk *desk)
{
  fd_test_desk_show_module (desk, "Admin");
  fd_test_wait_until (admin_shown, desk->window, "the Admin module");
  return FD_ADMIN_MODULE (fd_window_get_visible_module (desk->window));
}

typedef struct
{
  FdLockTable  *table;
  FdConnection *owner;
} LocksWait;

/* The table shows as many locks as the server holds: records open and save locks held. */
static gboolean
table_shows_every_lock (gpointer user_data)
{
  LocksWait *wait = user_data;
  g_autofree char *held = fd_test_query_value (wait->owner,
                                               "SELECT (SELECT count(*) FROM "
                                               "frontdesk.record_locks) + (SELECT count(*) "
                                               "FROM frontdesk.save_contexts "
                                               "WHERE holder IS NOT NULL)");

  return fd_lock_table_get_n_locks (wait->table) == g_ascii_strtoull (held, NULL, 10);
}

static void
wait_for_locks (Fixture     *fixture,
                FdLockTable *table)
{
  LocksWait wait = { table, fixture->owner };

  fd_test_wait_until (table_shows_every_lock, &wait, "the lock table to follow");
}

static GtkWidget *
lock_rows (FdLockTable *table)
{
  GtkWidget *view = fd_test_ui_find_with_class (GTK_WIDGET (table), "lock-rows", NULL);

  g_assert_true (GTK_IS_COLUMN_VIEW (view));
  return view;
}

/* Where the table shows the lock on @record_kind @record_id. */
static guint
lock_position (FdLockTable *table,
               const char  *record_kind,
               const char  *record_id)
{
  GListModel *locks = G_LIST_MODEL (fd_lock_table_get_locks (table));

  for (guint i = 0; i < g_list_model_get_n_items (locks); i++)
    {
      g_autoptr(FdLockRow) row = g_list_model_get_item (locks, i);

      if (g_str_equal (fd_lock_row_get_record_kind (row), record_kind) &&
          g_str_equal (fd_lock_row_get_record_id (row), record_id))
        return i;
    }
  g_error ("No lock on %s %s in the table", record_kind, record_id);
}

/* The row widget that shows @description. */
static GtkWidget *
row_showing (FdLockTable *table,
             const char  *description)
{
  GtkWidget *list = fd_test_ui_find_descendant (lock_rows (table), GTK_TYPE_LIST_VIEW);

  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (gtk_widget_get_visible (row) && fd_test_ui_find_label (row, description) != NULL)
      return row;
  return NULL;
}

/* Clicks the row of that lock, as a person does (a row's click focuses it, then selects it):
 * it is selected and has the focus. */
static FdLockRow *
select_lock (FdLockTable *table,
             const char  *record_kind,
             const char  *record_id)
{
  guint position = lock_position (table, record_kind, record_id);
  GtkSelectionModel *locks = fd_lock_table_get_locks (table);
  g_autoptr(FdLockRow) lock = g_list_model_get_item (G_LIST_MODEL (locks), position);
  GtkWidget *row = row_showing (table, fd_lock_row_get_description (lock));

  g_assert_nonnull (row);
  g_assert_true (gtk_widget_grab_focus (row));
  g_assert_true (gtk_widget_activate_action (row, "listitem.select", "(bb)", FALSE, FALSE));
  g_assert_true (gtk_selection_model_is_selected (locks, position));
  return gtk_single_selection_get_selected_item (GTK_SINGLE_SELECTION (locks));
}

/* Selects that lock's row and presses the button under the table with @css_class. */
static void
act_on_lock (FdLockTable *table,
             const char  *record_kind,
             const char  *record_id,
             const char  *css_class)
{
  GtkWidget *button;

  select_lock (table, record_kind, record_id);
  button = fd_test_ui_find_with_class (GTK_WIDGET (table), css_class, NULL);
  g_assert_true (GTK_IS_BUTTON (button));
  g_assert_true (gtk_widget_is_sensitive (button) && gtk_widget_is_drawable (button));
  g_signal_emit_by_name (button, "clicked");
}

static gboolean
editor_read_only_is (gpointer user_data)
{
  FdTestDesk *desk = user_data;

  return fd_client_editor_get_read_only (desk->editor) ==
         GPOINTER_TO_INT (g_object_get_data (G_OBJECT (desk->editor), "fd-test-wanted"));
}

static void
wait_read_only (FdTestDesk *desk,
                gboolean    read_only)
{
  g_object_set_data (G_OBJECT (desk->editor), "fd-test-wanted", GINT_TO_POINTER (read_only));
  fd_test_wait_until (editor_read_only_is, desk, read_only ? "a read-only form"
                                                           : "the form to be editable again");
}

static gboolean
banner_is (gpointer user_data)
{
  FdTestDesk *desk = user_data;
  const char *wanted = g_object_get_data (G_OBJECT (desk->window), "fd-test-banner");

  if (wanted == NULL)
    return fd_test_ui_find_label (GTK_WIDGET (desk->window), "in maintenance") == NULL;
  return fd_test_ui_find_label (GTK_WIDGET (desk->window), wanted) != NULL;
}

static void
wait_banner (FdTestDesk *desk,
             const char *text_part)
{
  g_object_set_data_full (G_OBJECT (desk->window), "fd-test-banner", g_strdup (text_part),
                          g_free);
  fd_test_wait_until (banner_is, desk, text_part != NULL ? text_part : "the banner to go");
}

static gboolean
save_lock_broken (gpointer user_data)
{
  g_autofree char *breaks = fd_test_query_value (user_data,
                                                 "SELECT count(*) FROM frontdesk.audit_log "
                                                 "WHERE action = 'save lock broken'");

  return g_str_equal (breaks, "1");
}

static void
test_lock_table_and_maintenance (Fixture       *fixture,
                                 gconstpointer  data)
{
  FdTestDesk manager = { 0 };
  g_autofree char *client = NULL;
  g_autofree char *shot = NULL;
  g_autofree char *audit = NULL;
  FdAdminModule *admin;
  FdLockTable *table;
  GtkWidget *page;
  AdwMessageDialog *dialog;
  gint64 switched_at;
  guint before;

  /* Anna has a client open; the front desk has no Admin module at all. */
  fd_test_desk_open_first_client (&fixture->anna);
  fd_test_desk_wait_for_record (&fixture->anna, "Anna's record");
  client = g_strdup (fd_client_editor_get_client_id (fixture->anna.editor));
  g_assert_null (fd_test_ui_find_with_class (GTK_WIDGET (fixture->ben.window), "module-button",
                                             "Admin"));

  /* The administrator sees Anna's lock and both desks' sessions. */
  fd_test_desk_open_as (&manager, fixture->dbname, "Back office", TRUE);
  admin = open_admin (&manager);
  table = FD_LOCK_TABLE (fd_admin_module_show_page (admin, "locks"));
  fd_test_ui_wait_for_label (GTK_WIDGET (table), "Reception 1");
  wait_for_locks (fixture, table);
  g_assert_cmpuint (fd_lock_table_get_n_locks (table), >=, 1);
  fd_test_ui_wait_for_label (GTK_WIDGET (table), "Reception 2");
  fd_test_ui_wait_for_label (GTK_WIDGET (table), "Connected");
  shot = fd_test_ui_screenshot (GTK_WIDGET (manager.window), "admin-lock-table");

  /* Ben opens another client: the table follows without being asked. */
  before = fd_lock_table_get_n_locks (table);
  fd_client_editor_open (fixture->ben.editor, g_str_equal (client, "2") ? "3" : "2");
  fd_test_desk_wait_for_record (&fixture->ben, "Ben's record");
  wait_for_locks (fixture, table);
  g_assert_cmpuint (fd_lock_table_get_n_locks (table), >, before);

  /* Unlock Anna's client, after a confirmation: her form turns read-only. */
  act_on_lock (table, "clients", client, "unlock");
  dialog = fd_test_desk_wait_for_dialog ("lock-table-confirm");
  g_free (shot);
  shot = fd_test_ui_screenshot (GTK_WIDGET (dialog), "admin-unlock-confirmation");
  fd_test_desk_answer (dialog, "unlock");
  fd_test_desk_answer (fd_test_desk_wait_for_dialog ("lock-lost-dialog"), "ok");
  wait_read_only (&fixture->anna, TRUE);
  wait_for_locks (fixture, table);
  audit = fd_test_query_value (fixture->owner, "SELECT count(*) FROM frontdesk.audit_log "
                                               "WHERE action = 'lock broken'");
  g_assert_cmpstr (audit, ==, "1");

  /* Her family's save lock can be unlocked too: it is free afterwards, and audited. */
  g_free (audit);
  audit = fd_test_query_value (fixture->owner, "SELECT name FROM frontdesk.save_contexts "
                                               "WHERE holder IS NOT NULL AND name LIKE "
                                               "'account:%' ORDER BY name LIMIT 1");
  act_on_lock (table, "account", audit, "unlock");
  fd_test_desk_answer (fd_test_desk_wait_for_dialog ("lock-table-confirm"), "unlock");
  fd_test_wait_until (save_lock_broken, fixture->owner, "the save lock's break");
  wait_for_locks (fixture, table);

  /* The audit log page of the same module shows the break against the record. */
  page = fd_admin_module_show_page (admin, "audit");
  g_free (audit);
  audit = g_strconcat ("clients:", client, NULL);
  fd_audit_page_show_record (FD_AUDIT_PAGE (page), audit);
  fd_test_ui_wait_for_label (page, "lock broken");

  /* Maintenance: confirmed, then a banner at Ben's desk and his form read-only. */
  page = fd_admin_module_show_page (admin, "maintenance");
  gtk_editable_set_text (GTK_EDITABLE (fd_test_ui_find_descendant (page, ADW_TYPE_ENTRY_ROW)),
                         "Year-end fee update");
  gtk_widget_activate (fd_test_ui_find_with_class (page, "destructive-action", "Lock Database"));
  dialog = fd_test_desk_wait_for_dialog ("maintenance-confirm");
  g_free (shot);
  shot = fd_test_ui_screenshot (GTK_WIDGET (dialog), "maintenance-confirmation");
  switched_at = g_get_monotonic_time ();
  fd_test_desk_answer (dialog, "lock");
  wait_banner (&fixture->ben, "The practice database is in maintenance: Year-end fee update");
  g_test_message ("The banner reached the other workstation %.1f ms after the switch",
                  (g_get_monotonic_time () - switched_at) / 1000.0);
  wait_read_only (&fixture->ben, TRUE);
  fd_test_ui_wait_for_label (GTK_WIDGET (fixture->ben.editor), "Read-only during maintenance");
  g_free (shot);
  shot = fd_test_ui_screenshot (GTK_WIDGET (fixture->ben.window), "maintenance-banner");
  /* The whole sentence is there to read, on as many lines as it takes. */
  g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (
    fd_test_ui_find_label (GTK_WIDGET (fixture->ben.editor), "Read-only during maintenance"))));
  fd_test_ui_wait_for_label (GTK_WIDGET (manager.window), "you can still save");
  g_free (shot);
  shot = fd_test_ui_screenshot (GTK_WIDGET (manager.window), "maintenance-page");

  /* Switched off: the banner goes, the form is Ben's to edit again. */
  gtk_widget_activate (fd_test_ui_find_with_class (page, "suggested-action", "Unlock Database"));
  wait_banner (&fixture->ben, NULL);
  wait_read_only (&fixture->ben, FALSE);
  /* Anna's form was read-only before, for its broken lock: it still is, and says so again. */
  fd_test_ui_wait_for_label (GTK_WIDGET (fixture->anna.editor), "released your lock");
  g_assert_true (fd_client_editor_get_read_only (fixture->anna.editor));
  fd_test_desk_close (&manager);
}

/* The row of the lock table that has the focus: the list's child that holds the focus. */
static GtkWidget *
focused_row (FdTestDesk  *desk,
             FdLockTable *table)
{
  GtkWidget *list = fd_test_ui_find_descendant (lock_rows (table), GTK_TYPE_LIST_VIEW);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (desk->window));

  while (focus != NULL && gtk_widget_get_parent (focus) != list)
    focus = gtk_widget_get_parent (focus);
  return focus;
}

/* @row is the lock selected, and its row in the table has the focus. */
static void
assert_selected_and_focused (FdTestDesk  *desk,
                             FdLockTable *table,
                             FdLockRow   *row)
{
  GtkSingleSelection *locks = GTK_SINGLE_SELECTION (fd_lock_table_get_locks (table));
  GtkWidget *focused = focused_row (desk, table);

  g_assert_true (gtk_single_selection_get_selected_item (locks) == row);
  g_assert_cmpuint (gtk_single_selection_get_selected (locks), ==,
                    lock_position (table, fd_lock_row_get_record_kind (row),
                                   fd_lock_row_get_record_id (row)));
  g_assert_nonnull (focused);
  g_assert_nonnull (fd_test_ui_find_label (focused, fd_lock_row_get_description (row)));
}

typedef struct
{
  FdLockTable *table;
  const char  *record_id;
} LockShown;

static gboolean
lock_shown (gpointer user_data)
{
  LockShown *shown = user_data;
  GListModel *locks = G_LIST_MODEL (fd_lock_table_get_locks (shown->table));

  for (guint i = 0; i < g_list_model_get_n_items (locks); i++)
    {
      g_autoptr(FdLockRow) row = g_list_model_get_item (locks, i);

      if (g_str_equal (fd_lock_row_get_record_kind (row), "clients") &&
          g_str_equal (fd_lock_row_get_record_id (row), shown->record_id))
        return TRUE;
    }
  return FALSE;
}

/* Every lock's row is named for a screen reader: the lock, what it locks, who holds it. */
static void
assert_rows_named (FdLockTable *table)
{
  GListModel *locks = G_LIST_MODEL (fd_lock_table_get_locks (table));
  GtkWidget *list = fd_test_ui_find_descendant (lock_rows (table), GTK_TYPE_LIST_VIEW);
  guint named = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      for (guint i = 0; i < g_list_model_get_n_items (locks); i++)
        {
          g_autoptr(FdLockRow) lock = g_list_model_get_item (locks, i);
          g_autofree char *name = NULL;
          GtkWidget *cell;

          if (fd_test_ui_find_label (row, fd_lock_row_get_description (lock)) == NULL)
            continue;
          name = g_strdup_printf ("%s: %s, held by %s at %s",
                                  fd_lock_row_is_save_lock (lock) ? "Save lock" : "Record lock",
                                  fd_lock_row_get_description (lock),
                                  fd_lock_row_get_holder_name (lock),
                                  fd_lock_row_get_holder_workstation (lock));
          cell = GTK_WIDGET (fd_test_ui_find_label (row, fd_lock_row_is_save_lock (lock)
                                                         ? "Save" : "Record"));
          g_assert_nonnull (cell);
          gtk_test_accessible_assert_property (GTK_ACCESSIBLE (cell),
                                               GTK_ACCESSIBLE_PROPERTY_LABEL, name);
          named++;
        }
    }
  g_assert_cmpuint (named, ==, g_list_model_get_n_items (locks));
}

/* Ben's lock stays selected and focused while the table is read again, and while Anna's
 * locks go and come through the server's NOTIFY. */
static void
test_lock_table_keeps_selection (Fixture       *fixture,
                                 gconstpointer  data)
{
  FdTestDesk manager = { 0 };
  g_autofree char *anna_client = NULL;
  g_autofree char *ben_client = NULL;
  g_autofree char *shot = NULL;
  const char *anna_next;
  FdLockTable *table;
  FdLockRow *selected;
  LockShown shown;

  fd_test_desk_open_first_client (&fixture->anna);
  fd_test_desk_wait_for_record (&fixture->anna, "Anna's record");
  anna_client = g_strdup (fd_client_editor_get_client_id (fixture->anna.editor));
  ben_client = g_strdup (g_str_equal (anna_client, "2") ? "3" : "2");
  anna_next = g_str_equal (anna_client, "4") || g_str_equal (ben_client, "4") ? "5" : "4";
  fd_client_editor_open (fixture->ben.editor, ben_client);
  fd_test_desk_wait_for_record (&fixture->ben, "Ben's record");

  fd_test_desk_open_as (&manager, fixture->dbname, "Back office", TRUE);
  table = FD_LOCK_TABLE (fd_admin_module_show_page (open_admin (&manager), "locks"));
  wait_for_locks (fixture, table);
  shown = (LockShown) { table, ben_client };
  fd_test_wait_until (lock_shown, &shown, "Ben's lock in the table");
  assert_rows_named (table);

  /* Ben's row, clicked: selected, focused, and Take is offered for it. */
  selected = select_lock (table, "clients", ben_client);
  assert_selected_and_focused (&manager, table, selected);
  g_assert_true (gtk_widget_is_sensitive (fd_test_ui_find_with_class (GTK_WIDGET (table), "take",
                                                                      NULL)));

  /* The reread every few seconds changes nothing a person works with. */
  fd_test_spin (5600);
  assert_selected_and_focused (&manager, table, selected);

  /* Anna moves on to another client: her lock goes, a new one appears, announced by the
   * server; Ben's row stays the selected, focused row, wherever it is now. */
  fd_client_editor_open (fixture->anna.editor, anna_next);
  shown = (LockShown) { table, anna_next };
  fd_test_wait_until (lock_shown, &shown, "Anna's new lock in the table");
  wait_for_locks (fixture, table);
  assert_selected_and_focused (&manager, table, selected);
  assert_rows_named (table);
  shot = fd_test_ui_screenshot (GTK_WIDGET (manager.window), "admin-lock-table-selected");
  fd_test_desk_close (&manager);
}

int
main (int   argc,
      char *argv[])
{
  /* An accessibility context that keeps what widgets tell a screen reader, with no bus:
   * the rows' names are asserted. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  fd_test_ui_init (&argc, &argv);

  g_test_add ("/frontdesk/ui/admin/lock-table-and-maintenance", Fixture, NULL,
              fd_test_office_setup, test_lock_table_and_maintenance, fd_test_office_teardown);
  g_test_add ("/frontdesk/ui/admin/lock-table-keeps-selection", Fixture, NULL,
              fd_test_office_setup, test_lock_table_keeps_selection, fd_test_office_teardown);

  return fd_test_run ();
}
