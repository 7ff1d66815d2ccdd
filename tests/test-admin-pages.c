/* test-admin-pages.c: the Admin module's audit log viewer and integrity tool, each in its own
 * window at an administrator's workstation, over real audit entries and real problems: the
 * viewer filters by user, record and action and pages through the log, and shows the
 * server's error for a date it cannot read; the integrity tool shows its progress, can be
 * cancelled, reports what it finds, and repairs what is safe after a confirmation.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "fd-administration.h"
#include "fd-audit-page.h"
#include "fd-format.h"
#include "fd-integrity-page.h"
#include "fd-test-desk.h"
#include "fd-test-server.h"
#include "fd-test-ui.h"

#define CLERK "temp_clerk"
#define CLERK_ENTRIES 230

typedef struct
{
  char         *dbname;
  FdConnection *owner;
  FdTestDesk    admin;
  GtkWidget    *window;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->dbname = fd_test_create_database (TRUE);
  fixture->owner = fd_test_open_connection (fixture->dbname);
  fd_test_exec (fixture->owner, "SELECT frontdesk.sample_data(30, 1)");
  fd_test_desk_open_as (&fixture->admin, fixture->dbname, "Back office", TRUE);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  fd_test_desk_destroy_dialogs ();
  g_clear_pointer ((GtkWindow **) &fixture->window, gtk_window_destroy);
  fd_test_desk_close (&fixture->admin);
  g_clear_object (&fixture->owner);
  fd_test_drop_database (fixture->dbname);
  g_free (fixture->dbname);
}

/* @page in a window of its own, as the Admin module will show it. */
static void
show_page (Fixture   *fixture,
           GtkWidget *page)
{
  fixture->window = gtk_window_new ();
  gtk_window_set_title (GTK_WINDOW (fixture->window), "Administration");
  gtk_window_set_child (GTK_WINDOW (fixture->window), page);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1000, 700);
  gtk_window_present (GTK_WINDOW (fixture->window));
}

/* The audit log viewer ------------------------------------------------------------------- */

static gboolean
search_done (gpointer user_data)
{
  return !fd_audit_page_get_searching (user_data);
}

static void
wait_for_search (FdAuditPage *page)
{
  fd_test_wait_until (search_done, page, "the audit search");
}

static GtkEditable *
filter (FdAuditPage *page,
        const char  *css_class)
{
  GtkWidget *entry = fd_test_ui_find_with_class (GTK_WIDGET (page), css_class, NULL);

  g_assert_nonnull (entry);
  return GTK_EDITABLE (entry);
}

/* Types @text into a filter and presses Enter there. */
static void
search_for (FdAuditPage *page,
            const char  *css_class,
            const char  *text)
{
  GtkEditable *entry = filter (page, css_class);

  GtkSpinner *spinner = GTK_SPINNER (fd_test_ui_find_descendant (GTK_WIDGET (page),
                                                                 GTK_TYPE_SPINNER));

  gtk_editable_set_text (entry, text);
  g_signal_emit_by_name (entry, "activate");
  g_assert_true (fd_audit_page_get_searching (page));
  g_assert_true (gtk_spinner_get_spinning (spinner) &&
                 gtk_widget_get_visible (GTK_WIDGET (spinner)));
  wait_for_search (page);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (spinner)));
}

/* Clicks the button with @css_class: at once, where gtk_widget_activate() waits a while. */
static void
click (GtkWidget  *root,
       const char *css_class)
{
  GtkWidget *button = fd_test_ui_find_with_class (root, css_class, NULL);

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button) && gtk_widget_is_drawable (button));
  g_signal_emit_by_name (button, "clicked");
}

static gboolean
sensitive (FdAuditPage *page,
           const char  *css_class)
{
  return gtk_widget_is_sensitive (fd_test_ui_find_with_class (GTK_WIDGET (page), css_class,
                                                              NULL));
}

static guint
n_entries (FdAuditPage *page)
{
  return g_list_model_get_n_items (fd_audit_page_get_entries (page));
}

static FdAuditEntry *
entry_at (FdAuditPage *page,
          guint        position)
{
  g_autoptr(FdAuditEntry) entry = g_list_model_get_item (fd_audit_page_get_entries (page),
                                                         position);

  g_assert_nonnull (entry);
  return entry;  /* the list holds it */
}

/* @entry's @column shows @text, as its cell shows it. */
static void
assert_text (FdAuditEntry  *entry,
             FdAuditColumn  column,
             const char    *text)
{
  g_autofree char *shown = fd_audit_page_dup_text (entry, column);

  g_assert_cmpstr (shown, ==, text);
}

static void
assert_not_cut_off (GtkLabel *label)
{
  g_assert_nonnull (label);
  fd_test_ui_wait_for_frames (GTK_WIDGET (label), 2);
  g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (label)));
  g_assert_cmpstr (gtk_label_get_text (label), ==, "Reception 3 by the window");
}

/* Every entry shown has @text in @column. */
static void
assert_every_entry (FdAuditPage   *page,
                    FdAuditColumn  column,
                    const char    *text)
{
  for (guint i = 0; i < n_entries (page); i++)
    assert_text (entry_at (page, i), column, text);
}

/* The clerk's entries from the @first newest on, newest first: appointments:@first, … */
static void
assert_clerk_page (FdAuditPage *page,
                   guint        first,
                   guint        n)
{
  g_assert_cmpuint (n_entries (page), ==, n);
  assert_every_entry (page, FD_AUDIT_COLUMN_WHO, CLERK);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *record = g_strdup_printf ("appointments:%u", first + i);
      g_autofree char *named = g_strdup_printf ("(%s)", record);
      g_autofree char *shown = fd_audit_page_dup_text (entry_at (page, i),
                                                       FD_AUDIT_COLUMN_RECORD);

      /* Named when the practice has that appointment, the key alone otherwise. */
      if (!g_str_equal (shown, record) && !g_str_has_suffix (shown, named))
        g_error ("The record column shows “%s”, not %s", shown, record);
    }
}

static guint
action_position (FdAuditPage *page,
                 const char  *action)
{
  GtkDropDown *dropdown = GTK_DROP_DOWN (fd_test_ui_find_descendant (GTK_WIDGET (page),
                                                                     GTK_TYPE_DROP_DOWN));
  GListModel *actions = gtk_drop_down_get_model (dropdown);

  for (guint i = 0; i < g_list_model_get_n_items (actions); i++)
    if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (actions), i), action))
      return i;
  g_error ("The action drop-down has no “%s”", action);
}

static gboolean
actions_listed (gpointer user_data)
{
  GtkDropDown *dropdown = user_data;

  return g_list_model_get_n_items (gtk_drop_down_get_model (dropdown)) > 1;
}

static void
test_audit_log (Fixture       *fixture,
                gconstpointer  data)
{
  FdAuditPage *page;
  GtkDropDown *dropdown;
  GtkWidget *focus;
  g_autofree char *old_notes = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *shot = NULL;
  FdAuditEntry *entry;

  /* A real change to client 12, audited by the server with what changed, and a clerk's
   * long day of entries: more than two pages of them. */
  old_notes = fd_test_query_value (fixture->owner, "SELECT coalesce(notes, '–') "
                                                   "FROM frontdesk.clients WHERE id = 12");
  fd_test_exec (fixture->owner,
                "UPDATE frontdesk.clients SET notes = 'Prefers mornings' WHERE id = 12");
  fd_test_exec (fixture->owner,
                "INSERT INTO frontdesk.audit_log (at, actor, workstation, action, table_name, "
                "record_id, changes, detail) "
                "SELECT now() - make_interval(mins => i), '" CLERK "', 'Reception 3 by the window', "
                "(ARRAY['update', 'insert', 'lock broken'])[1 + i % 3], 'appointments', i::text, "
                "CASE i % 3 WHEN 0 THEN jsonb_build_object('length_minutes', "
                "jsonb_build_object('old', 30, 'new', 45), 'notes', "
                "jsonb_build_object('old', NULL, 'new', 'Bring X-rays')) END, "
                "CASE i % 3 WHEN 2 THEN 'Held by Reception 1 since 09:12' END "
                "FROM generate_series(1, " G_STRINGIFY (CLERK_ENTRIES) ") i");

  page = FD_AUDIT_PAGE (fd_audit_page_new (fixture->admin.database));
  show_page (fixture, GTK_WIDGET (page));
  wait_for_search (page);
  g_assert_cmpuint (n_entries (page), ==, 100);
  g_assert_false (sensitive (page, "audit-newer"));
  g_assert_true (sensitive (page, "audit-older"));

  /* Ctrl+F: the first filter. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "audit.find", NULL));
  focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
  g_assert_nonnull (focus);
  g_assert_true (focus == GTK_WIDGET (filter (page, "audit-user")) ||
                 gtk_widget_is_ancestor (focus, GTK_WIDGET (filter (page, "audit-user"))));

  /* By record: the change to client 12, described as the server describes it. */
  search_for (page, "audit-record", "clients:12");
  g_assert_cmpuint (n_entries (page), >=, 1);
  /* Named, in the one query that reads the page. */
  assert_every_entry (page, FD_AUDIT_COLUMN_RECORD, "Benjamin Baker (clients:12)");
  entry = entry_at (page, 0);
  assert_text (entry, FD_AUDIT_COLUMN_ACTION, "update");
  expected = g_strdup_printf ("notes: %s → Prefers mornings", old_notes);
  assert_text (entry, FD_AUDIT_COLUMN_CHANGES, expected);
  fd_test_ui_wait_for_label (GTK_WIDGET (page), "Prefers mornings");
  g_assert_false (sensitive (page, "audit-older"));

  /* A record not written KIND:ID: the server says how to write it. */
  search_for (page, "audit-record", "clients");
  fd_test_ui_wait_for_label (GTK_WIDGET (page), "A record is written KIND:ID");

  /* By user, a page at a time: 100, 100, then the last 30, each older than the one before. */
  gtk_editable_set_text (filter (page, "audit-record"), "");
  search_for (page, "audit-user", CLERK);
  g_assert_null (fd_test_ui_find_label (GTK_WIDGET (page), "A record is written"));
  assert_clerk_page (page, 1, 100);
  assert_text (entry_at (page, 2), FD_AUDIT_COLUMN_CHANGES,
               "length_minutes: 30 → 45\nnotes: – → Bring X-rays");
  assert_text (entry_at (page, 1), FD_AUDIT_COLUMN_CHANGES, "Held by Reception 1 since 09:12");
  fd_test_ui_wait_for_label (GTK_WIDGET (page), "Entries 1–100");
  g_free (shot);
  shot = fd_test_ui_screenshot (fixture->window, "audit-log-viewer");
  /* A long workstation name is shown whole, on two lines if it must. */
  assert_not_cut_off (fd_test_ui_find_label (GTK_WIDGET (page), "Reception 3 by the window"));

  click (GTK_WIDGET (page), "audit-older");
  wait_for_search (page);
  g_assert_cmpuint (fd_audit_page_get_page (page), ==, 1);
  assert_clerk_page (page, 101, 100);
  fd_test_ui_wait_for_label (GTK_WIDGET (page), "Entries 101–200");
  g_assert_true (sensitive (page, "audit-newer"));

  click (GTK_WIDGET (page), "audit-older");
  wait_for_search (page);
  assert_clerk_page (page, 201, CLERK_ENTRIES - 200);
  g_assert_false (sensitive (page, "audit-older"));
  fd_test_ui_wait_for_label (GTK_WIDGET (page), "Entries 201–230");

  click (GTK_WIDGET (page), "audit-newer");
  wait_for_search (page);
  g_assert_cmpuint (fd_audit_page_get_page (page), ==, 1);
  assert_clerk_page (page, 101, 100);

  /* And by action, from the drop-down: a new search, from the newest. */
  dropdown = GTK_DROP_DOWN (fd_test_ui_find_descendant (GTK_WIDGET (page), GTK_TYPE_DROP_DOWN));
  fd_test_wait_until (actions_listed, dropdown, "the audit log's actions");
  gtk_drop_down_set_selected (dropdown, action_position (page, "lock broken"));
  g_assert_true (fd_audit_page_get_searching (page));
  wait_for_search (page);
  g_assert_cmpuint (fd_audit_page_get_page (page), ==, 0);
  g_free (expected);
  expected = fd_test_query_value (fixture->owner, "SELECT count(*) FROM frontdesk.audit_log "
                                                  "WHERE actor = '" CLERK "' "
                                                  "AND action = 'lock broken'");
  g_assert_cmpuint (n_entries (page), ==, g_ascii_strtoull (expected, NULL, 10));
  assert_every_entry (page, FD_AUDIT_COLUMN_WHO, CLERK);
  assert_every_entry (page, FD_AUDIT_COLUMN_ACTION, "lock broken");

  /* Nothing in a period before any of it. */
  search_for (page, "audit-until", "2001-01-01");
  g_assert_cmpuint (n_entries (page), ==, 0);
  fd_test_ui_wait_for_label (GTK_WIDGET (page), "No entries match");
  g_free (shot);
  shot = fd_test_ui_screenshot (fixture->window, "audit-log-no-entries");

  /* A date the server cannot read: its error, and the entries shown stay as they were. */
  search_for (page, "audit-since", "next tuesday");
  fd_test_ui_wait_for_label (GTK_WIDGET (page), "\"next tuesday\"");
  g_free (shot);
  shot = fd_test_ui_screenshot (fixture->window, "audit-log-unreadable-date");
  g_assert_false (sensitive (page, "audit-older"));
  search_for (page, "audit-since", "2000-12-31 14:00");
  g_assert_null (fd_test_ui_find_label (GTK_WIDGET (page), "\"next tuesday\""));

  /* From elsewhere (the lock table, say): one record's history, whoever acted. */
  fd_audit_page_show_record (page, "clients:12");
  wait_for_search (page);
  g_assert_cmpstr (gtk_editable_get_text (filter (page, "audit-user")), ==, "");
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 0);
  g_assert_cmpuint (n_entries (page), >=, 1);
  /* Named, in the one query that reads the page. */
  assert_every_entry (page, FD_AUDIT_COLUMN_RECORD, "Benjamin Baker (clients:12)");
}

/* A front desk login: both pages say they are for administrators and ask the server
 * nothing. */
static void
test_staff (Fixture       *fixture,
            gconstpointer  data)
{
  FdTestDesk staff = { 0 };
  GtkWidget *page;

  fd_test_desk_open (&staff, fixture->dbname, "Reception 1");
  page = fd_audit_page_new (staff.database);
  show_page (fixture, page);
  fd_test_ui_wait_for_label (page, "The audit log is for administrators.");
  g_assert_false (fd_audit_page_get_searching (FD_AUDIT_PAGE (page)));
  g_assert_cmpuint (n_entries (FD_AUDIT_PAGE (page)), ==, 0);
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (filter (FD_AUDIT_PAGE (page),
                                                               "audit-user"))));
  g_clear_pointer ((GtkWindow **) &fixture->window, gtk_window_destroy);

  page = fd_integrity_page_new (staff.database);
  show_page (fixture, page);
  fd_test_ui_wait_for_label (page, "The integrity checks are for administrators.");
  g_assert_false (gtk_widget_is_sensitive (fd_test_ui_find_with_class (page, "integrity-check",
                                                                       NULL)));
  g_clear_pointer ((GtkWindow **) &fixture->window, gtk_window_destroy);
  fd_test_desk_close (&staff);
}

/* The integrity tool --------------------------------------------------------------------- */

static gboolean
check_done (gpointer user_data)
{
  return !fd_integrity_page_get_running (user_data);
}

static FdIntegrityFinding *
find_finding (FdIntegrityPage *page,
              const char      *check,
              const char      *severity)
{
  GListModel *findings = fd_integrity_page_get_findings (page);

  g_assert_nonnull (findings);
  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(FdIntegrityFinding) finding = g_list_model_get_item (findings, i);

      /* Borrowed: the page's model keeps it. */
      if (g_str_equal (fd_integrity_finding_get_check (finding), check) &&
          g_str_equal (fd_integrity_finding_get_severity (finding), severity))
        return finding;
    }
  return NULL;
}

typedef struct
{
  GtkProgressBar *bar;
  const char     *text;
} ProgressWait;

static gboolean
progress_shows (gpointer user_data)
{
  ProgressWait *wait = user_data;

  return gtk_widget_is_drawable (GTK_WIDGET (wait->bar)) &&
         g_strcmp0 (gtk_progress_bar_get_text (wait->bar), wait->text) == 0;
}

static void
wait_for_progress (FdIntegrityPage *page,
                   const char      *text)
{
  ProgressWait wait = {
    GTK_PROGRESS_BAR (fd_test_ui_find_descendant (GTK_WIDGET (page), GTK_TYPE_PROGRESS_BAR)),
    text
  };

  fd_test_wait_until (progress_shows, &wait, text);
}

/* "N problem(s) found in M checks", N the findings not repaired. */
static char *
dup_summary (FdIntegrityPage *page,
             const char      *n_checks)
{
  GListModel *findings = fd_integrity_page_get_findings (page);
  guint problems = 0;

  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(FdIntegrityFinding) finding = g_list_model_get_item (findings, i);

      if (!fd_integrity_finding_is_repaired (finding))
        problems++;
    }
  return g_strdup_printf ("%u %s found in %s checks", problems,
                          problems == 1 ? "problem" : "problems", n_checks);
}

static gboolean
lock_dead (gpointer user_data)
{
  g_autofree char *n = fd_test_query_value (user_data, "SELECT count(*) FROM "
                                                       "frontdesk.dead_record_locks()");

  return g_str_equal (n, "1");
}

/* A desk that locks client @id and dies with its connection, as a crashed client does. */
static void
leave_dead_lock (Fixture    *fixture,
                 const char *id)
{
  g_autofree char *login = fd_test_create_staff (FALSE);
  g_autoptr(FdConnection) ghost = fd_test_open_connection_as (fixture->dbname, login);
  g_autofree char *sql = g_strdup_printf ("SELECT frontdesk.lock_acquire('clients', '%s')", id);

  fd_test_exec (ghost, "SELECT frontdesk.session_open('Crashed desk')");
  fd_test_exec (ghost, sql);
  fd_connection_close (ghost);
  fd_test_wait_until (lock_dead, fixture->owner, "the crashed desk's backend to end");
}

static void
test_integrity (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(FdConnection) blocker = fd_test_open_connection (fixture->dbname);
  FdIntegrityPage *page;
  AdwMessageDialog *dialog;
  FdIntegrityFinding *finding;
  g_autofree char *second = NULL;
  g_autofree char *n_checks = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *value = NULL;
  g_autofree char *shot = NULL;

  /* Two bookings in one chair, and a crashed desk's lock on client 11. */
  second = fd_test_book_overlap (fixture->owner, NULL);
  leave_dead_lock (fixture, "11");
  n_checks = fd_test_query_value (fixture->owner,
                                  "SELECT count(*) FROM frontdesk.integrity_checks");

  page = FD_INTEGRITY_PAGE (fd_integrity_page_new (fixture->admin.database));
  show_page (fixture, GTK_WIDGET (page));
  fd_test_ui_wait_for_label (GTK_WIDGET (page), "Not checked yet");
  g_assert_false (gtk_widget_get_visible (fd_test_ui_find_with_class (GTK_WIDGET (page),
                                                                      "integrity-repair",
                                                                      NULL)));

  /* The first check waits for a table someone else has locked: the progress names it, and
   * Cancel stops it on the server. */
  fd_test_exec (blocker, "BEGIN");
  fd_test_exec (blocker, "LOCK TABLE frontdesk.appointments IN ACCESS EXCLUSIVE MODE");
  click (GTK_WIDGET (page), "integrity-check");
  g_assert_true (fd_integrity_page_get_running (page));
  g_assert_false (gtk_widget_get_sensitive (fd_test_ui_find_with_class (GTK_WIDGET (page),
                                                                        "integrity-check",
                                                                        NULL)));
  fd_test_ui_wait_for_label (GTK_WIDGET (page), "Checking…");
  g_free (summary);
  summary = g_strdup_printf ("1 of %s: Appointments overlapping in one operatory", n_checks);
  wait_for_progress (page, summary);
  g_free (shot);
  shot = fd_test_ui_screenshot (fixture->window, "integrity-progress");
  click (GTK_WIDGET (page), "integrity-cancel");
  fd_test_wait_until (check_done, page, "the cancelled check");
  fd_test_ui_wait_for_label (GTK_WIDGET (page), "The check was stopped");
  g_assert_null (fd_integrity_page_get_findings (page));
  fd_test_exec (blocker, "ROLLBACK");

  /* Checked: what it found, by check, and Repair offered for the lock. */
  click (GTK_WIDGET (page), "integrity-check");
  fd_test_wait_until (check_done, page, "the integrity check");
  finding = find_finding (page, "overlapping_appointments", "error");
  g_assert_nonnull (finding);
  g_assert_cmpstr (fd_integrity_finding_get_record_id (finding), ==, second);
  g_assert_false (fd_integrity_finding_get_repairable (finding));
  finding = find_finding (page, "dead_record_locks", "warning");
  g_assert_nonnull (finding);
  g_assert_true (fd_integrity_finding_get_repairable (finding));
  g_free (summary);
  summary = dup_summary (page, n_checks);
  fd_test_ui_wait_for_label (GTK_WIDGET (page), summary);
  fd_test_ui_wait_for_label (GTK_WIDGET (page), "Appointments overlapping in one operatory");
  fd_test_ui_wait_for_label (GTK_WIDGET (page), "whose connection is gone");
  fd_test_ui_wait_for_label (GTK_WIDGET (page), "Repairable");
  g_free (shot);
  shot = fd_test_ui_screenshot (fixture->window, "integrity-report");

  /* Repair asks first, saying what changes and that it is audited; Cancel changes nothing. */
  click (GTK_WIDGET (page), "integrity-repair");
  dialog = fd_test_desk_wait_for_dialog ("integrity-repair-dialog");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog),
                            "Record locks held by sessions whose connection is gone (1 finding): "
                            "Release them"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "audit log"));
  g_assert_null (strstr (adw_message_dialog_get_body (dialog), "overlapping"));
  g_free (shot);
  shot = fd_test_ui_screenshot (GTK_WIDGET (dialog), "integrity-repair-confirmation");
  fd_test_desk_answer (dialog, "cancel");
  g_assert_false (fd_integrity_page_get_running (page));

  click (GTK_WIDGET (page), "integrity-repair");
  dialog = fd_test_desk_wait_for_dialog ("integrity-repair-dialog");
  fd_test_desk_answer (dialog, "repair");
  g_assert_true (fd_integrity_page_get_running (page));
  fd_test_wait_until (check_done, page, "the repair");

  /* Repaired, in the report and in the database, and audited; the overlap needs a person. */
  finding = find_finding (page, "dead_record_locks", "repaired");
  g_assert_nonnull (finding);
  g_assert_null (find_finding (page, "dead_record_locks", "warning"));
  g_assert_nonnull (find_finding (page, "overlapping_appointments", "error"));
  fd_test_ui_wait_for_label (GTK_WIDGET (page), fd_integrity_finding_get_message (finding));
  g_free (summary);
  summary = dup_summary (page, n_checks);
  g_assert_false (g_str_has_prefix (summary, "0 "));
  fd_test_ui_wait_for_label (GTK_WIDGET (page), "1 repair made.");
  fd_test_ui_wait_for_label (GTK_WIDGET (page), summary);
  g_assert_false (gtk_widget_get_visible (fd_test_ui_find_with_class (GTK_WIDGET (page),
                                                                      "integrity-repair",
                                                                      NULL)));
  value = fd_test_query_value (fixture->owner, "SELECT count(*) FROM frontdesk.record_locks "
                                               "WHERE record_kind = 'clients' "
                                               "AND record_id = '11'");
  g_assert_cmpstr (value, ==, "0");
  g_clear_pointer (&value, g_free);
  value = fd_test_query_value (fixture->owner, "SELECT string_agg(a.actor, ',') "
                                               "FROM frontdesk.audit_log a "
                                               "WHERE a.action = 'integrity repair' "
                                               "AND a.record_id = 'dead_record_locks'");
  g_assert_cmpstr (value, ==, fixture->admin.login);
  g_free (shot);
  shot = fd_test_ui_screenshot (fixture->window, "integrity-repaired");
}

/* Appointments and procedures named ------------------------------------------------------ */

/* An appointment by its client and start, in this desk's clock; a procedure by its code and
 * client; and, while the book is locked, the key alone, at once. */
static void
test_audit_names (Fixture       *fixture,
                  gconstpointer  data)
{
  FdAuditPage *page;
  g_autofree char *appointment = NULL;
  g_autofree char *procedure = NULL;
  g_autofree char *client = NULL;
  g_autofree char *code = NULL;
  g_autofree char *record = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *shot = NULL;
  g_autofree char *day = NULL;
  g_autofree char *time = NULL;
  g_autoptr(GDateTime) starts = g_date_time_new_local (2026, 12, 3, 13, 0, 0);
  g_autoptr(FdConnection) other = fd_test_open_connection (fixture->dbname);

  /* Booked and done as any desk does it: audited by the server's triggers. */
  client = fd_test_query_value (fixture->owner, "SELECT first_name || ' ' || last_name "
                                                "FROM frontdesk.clients WHERE id = 5");
  sql = g_strdup_printf ("INSERT INTO frontdesk.appointments (client_id, provider_id, "
                         "operatory_id, starts_at) SELECT 5, (SELECT min(id) FROM "
                         "frontdesk.providers), (SELECT min(id) FROM frontdesk.operatories), "
                         "to_timestamp(%" G_GINT64_FORMAT ") RETURNING id",
                         g_date_time_to_unix (starts));
  appointment = fd_test_query_value (fixture->owner, sql);
  procedure = fd_test_query_value (fixture->owner,
                                   "INSERT INTO frontdesk.procedures (client_id, "
                                   "procedure_code_id, provider_id, fee) SELECT 5, "
                                   "(SELECT min(id) FROM frontdesk.procedure_codes), "
                                   "(SELECT min(id) FROM frontdesk.providers), 80 RETURNING id");
  code = fd_test_query_value (fixture->owner, "SELECT code FROM frontdesk.procedure_codes "
                                              "ORDER BY id LIMIT 1");

  page = FD_AUDIT_PAGE (fd_audit_page_new (fixture->admin.database));
  show_page (fixture, GTK_WIDGET (page));
  wait_for_search (page);

  /* "Fatima Perez, Thu 3 Dec 13:00 (appointments:31)", in this desk's words and clock. */
  record = g_strdup_printf ("appointments:%s", appointment);
  search_for (page, "audit-record", record);
  g_assert_cmpuint (n_entries (page), >=, 1);
  day = fd_format_date_short (starts);
  time = fd_format_time (starts);
  expected = g_strdup_printf ("%s, %s %s (%s)", client, day, time, record);
  assert_every_entry (page, FD_AUDIT_COLUMN_RECORD, expected);
  fd_test_ui_wait_for_label (GTK_WIDGET (page), expected);
  shot = fd_test_ui_screenshot (fixture->window, "audit-log-appointment-named");

  /* "D1110 for Fatima Perez (procedures:7)". */
  g_free (record);
  record = g_strdup_printf ("procedures:%s", procedure);
  search_for (page, "audit-record", record);
  g_assert_cmpuint (n_entries (page), >=, 1);
  g_free (expected);
  expected = g_strdup_printf ("%s for %s (%s)", code, client, record);
  assert_every_entry (page, FD_AUDIT_COLUMN_RECORD, expected);
  fd_test_ui_wait_for_label (GTK_WIDGET (page), expected);
  g_free (shot);
  shot = fd_test_ui_screenshot (fixture->window, "audit-log-procedure-named");

  /* psql reads the same names in one text. */
  g_free (sql);
  sql = g_strdup_printf ("SELECT frontdesk.record_name('procedures', '%s')", procedure);
  g_free (expected);
  expected = fd_test_query_value (fixture->owner, sql);
  g_assert_true (g_str_has_prefix (expected, code) && g_str_has_suffix (expected, client));

  /* The book locked (a schema change, say): the log is read at once, its appointments and
   * procedures by their keys alone. */
  fd_test_exec (other, "BEGIN; LOCK TABLE frontdesk.appointments, frontdesk.procedures "
                       "IN ACCESS EXCLUSIVE MODE");
  search_for (page, "audit-record", record);
  g_assert_cmpuint (n_entries (page), >=, 1);
  assert_every_entry (page, FD_AUDIT_COLUMN_RECORD, record);
  fd_test_exec (other, "ROLLBACK");

  /* From: a day picked in its calendar, written as this desk writes days; the search reads
   * it as the day it is. */
  {
    GtkWidget *button = fd_test_ui_find_descendant (GTK_WIDGET (page), GTK_TYPE_MENU_BUTTON);
    GtkPopover *popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (button));
    GtkCalendar *calendar = GTK_CALENDAR (gtk_popover_get_child (popover));
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autofree char *today = fd_format_date_typed (now);
    /* Another day of this month: the day shown when it opens is no pick. */
    g_autoptr(GDateTime) first = g_date_time_new_local (
      g_date_time_get_year (now), g_date_time_get_month (now),
      g_date_time_get_day_of_month (now) == 1 ? 2 : 1, 12, 0, 0);
    g_autofree char *first_day = fd_format_date_typed (first);

    gtk_test_accessible_assert_role (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_ROLE_BUTTON);
    gtk_test_accessible_assert_property (GTK_ACCESSIBLE (button),
                                         GTK_ACCESSIBLE_PROPERTY_LABEL,
                                         "From: pick from a calendar");
    g_assert_cmpstr (gtk_entry_get_placeholder_text (GTK_ENTRY (filter (page, "audit-since"))),
                     ==, today);
    gtk_widget_activate (gtk_widget_get_first_child (button));
    fd_test_ui_wait_for_mapped (GTK_WIDGET (popover), TRUE, "the From calendar to open");
    g_free (shot);
    shot = fd_test_ui_screenshot_with_popover (fixture->window, popover, "audit-log-calendar");
    gtk_calendar_select_day (calendar, first);
    fd_test_ui_wait_for_mapped (GTK_WIDGET (popover), FALSE, "the From calendar to close");
    g_assert_cmpstr (gtk_editable_get_text (filter (page, "audit-since")), ==, first_day);
    gtk_editable_set_text (filter (page, "audit-record"), "");
    search_for (page, "audit-since", first_day);
    g_assert_cmpuint (n_entries (page), >=, 2);
  }
}

int
main (int   argc,
      char *argv[])
{
  fd_test_ui_init (&argc, &argv);

  g_test_add ("/frontdesk/ui/admin-pages/audit-log", Fixture, NULL, fixture_setup,
              test_audit_log, fixture_teardown);
  g_test_add ("/frontdesk/ui/admin-pages/audit-names", Fixture, NULL, fixture_setup,
              test_audit_names, fixture_teardown);
  g_test_add ("/frontdesk/ui/admin-pages/integrity", Fixture, NULL, fixture_setup,
              test_integrity, fixture_teardown);
  g_test_add ("/frontdesk/ui/admin-pages/staff", Fixture, NULL, fixture_setup, test_staff,
              fixture_teardown);

  return fd_test_run ();
}
