/* test-save-lock-panels.c: save locks as people meet them: a family's account in Client
 * Details at three workstations (holder, not holder, free; release, acquire, an
 * administrator's take; left on navigation and on moving to another family), and the fee
 * schedule editor in Setup. Every state of the Save Lock panel is a screenshot.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "fd-account-section.h"
#include "fd-fee-field.h"
#include "fd-fee-schedule-editor.h"
#include "fd-save-lock-panel.h"
#include "fd-setup-module.h"
#include "fd-test-desk.h"
#include "fd-test-server.h"
#include "fd-test-ui.h"

/* Anna and Ben, two front desk workstations on one practice of 30 clients. */
typedef FdTestOffice Fixture;

/* What a desk shows -------------------------------------------------------------------- */

static FdAccountSection *
account_of (FdTestDesk *desk)
{
  return FD_ACCOUNT_SECTION (fd_test_ui_find_descendant (GTK_WIDGET (desk->editor),
                                                         FD_TYPE_ACCOUNT_SECTION));
}

static FdSaveLock *
lock_of (FdTestDesk *desk)
{
  return fd_account_section_get_lock (account_of (desk));
}

static GtkWidget *
panel_of (FdTestDesk *desk)
{
  AdwSplitButton *save = ADW_SPLIT_BUTTON (fd_test_ui_find_descendant (GTK_WIDGET (desk->editor),
                                                                       ADW_TYPE_SPLIT_BUTTON));

  return GTK_WIDGET (adw_split_button_get_popover (save));
}

/* Scrolls @widget's page to it, as a person would to look at it. */
static void
scroll_into_view (GtkWidget *widget)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *content = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled));
  GtkAdjustment *adjustment;
  graphene_point_t point;

  g_assert_true (gtk_widget_compute_point (widget, gtk_widget_get_first_child (content),
                                           &GRAPHENE_POINT_INIT (0, 0), &point));
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  gtk_adjustment_set_value (adjustment, point.y - 12);
}

/* Opens the panel from the Save button's arrow, as a person would to read it. */
static void
wait_for_panel_label (FdTestDesk *desk,
                      const char *text_part)
{
  GtkWidget *panel = panel_of (desk);

  fd_test_ui_popup (GTK_POPOVER (panel));
  fd_test_ui_wait_for_label (panel, text_part);
  gtk_popover_popdown (GTK_POPOVER (panel));
}

static GtkWidget *
first_choice_row (FdTestDesk *desk)
{
  return fd_test_ui_find_descendant (GTK_WIDGET (account_of (desk)), ADW_TYPE_COMBO_ROW);
}

/* Opens the panel from the Save button's arrow and saves what it shows. */
static char *
panel_screenshot (GtkWidget  *panel,
                  const char *name)
{
  char *shot;

  fd_test_ui_popup (GTK_POPOVER (panel));
  shot = fd_test_ui_screenshot (panel, name);
  gtk_popover_popdown (GTK_POPOVER (panel));
  return shot;
}

static void
click (GtkWidget  *root,
       const char *css_class)
{
  GtkWidget *button = fd_test_ui_find_with_class (root, css_class, NULL);

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_visible (button));
  gtk_widget_activate (button);
}

static gboolean
widget_sensitive (gpointer user_data)
{
  return gtk_widget_get_sensitive (user_data);
}

static void
wait_held (FdTestDesk *desk,
           gboolean    held)
{
  fd_test_desk_wait_save_lock (lock_of (desk), held,
                               held ? "the save lock" : "the save lock to go");
}

static char *
query (Fixture    *fixture,
       const char *format,
       ...) G_GNUC_PRINTF (2, 3);

static char *
query (Fixture    *fixture,
       const char *format,
       ...)
{
  g_autofree char *sql = NULL;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  return fd_test_query_value (fixture->owner, sql);
}

static char *
viewers_of (Fixture    *fixture,
            const char *context)
{
  return query (fixture, "SELECT string_agg(s.workstation, ', ' ORDER BY s.workstation) "
                         "FROM frontdesk.save_context_viewers v "
                         "JOIN frontdesk.sessions s ON s.id = v.session_id "
                         "WHERE v.name = '%s'", context);
}

typedef struct
{
  Fixture    *fixture;
  const char *context;
  const char *expected;
} ViewersWait;

static gboolean
viewers_are (gpointer user_data)
{
  ViewersWait *wait = user_data;
  g_autofree char *viewers = viewers_of (wait->fixture, wait->context);

  return g_strcmp0 (viewers, wait->expected) == 0;
}

static void
wait_viewers (Fixture    *fixture,
              const char *context,
              const char *expected)
{
  ViewersWait wait = { fixture, context, expected };

  fd_test_wait_until (viewers_are, &wait, expected);
}

/* A family's account between three desks ------------------------------------------------- */

static void
test_account_panel_states (Fixture       *fixture,
                           gconstpointer  data)
{
  FdTestDesk manager = { 0 };
  g_autofree char *guarantor = NULL;
  g_autofree char *member = NULL;
  g_autofree char *third = NULL;
  g_autofree char *stranger = NULL;
  g_autofree char *context = NULL;
  g_autofree char *billing = NULL;
  g_autofree char *other_context = NULL;
  g_autofree char *holder = NULL;
  g_autofree char *shot = NULL;
  const char *wanted;
  AdwMessageDialog *dialog;

  /* A family of three or more: each desk opens its own member. */
  guarantor = query (fixture, "SELECT guarantor_id FROM frontdesk.clients "
                              "GROUP BY guarantor_id HAVING count(*) >= 3 ORDER BY 1 LIMIT 1");
  member = query (fixture, "SELECT id FROM frontdesk.clients WHERE guarantor_id = %s "
                           "AND id <> guarantor_id ORDER BY id LIMIT 1", guarantor);
  third = query (fixture, "SELECT id FROM frontdesk.clients WHERE guarantor_id = %s "
                          "AND id NOT IN (guarantor_id, %s) ORDER BY id LIMIT 1",
                 guarantor, member);
  stranger = query (fixture, "SELECT id FROM frontdesk.clients WHERE guarantor_id <> %s "
                             "ORDER BY id LIMIT 1", guarantor);
  context = g_strconcat ("account:", guarantor, NULL);

  /* Anna opens the guarantor: the family's account is hers to save. */
  fd_client_editor_open (fixture->anna.editor, guarantor);
  fd_test_desk_wait_for_record (&fixture->anna, "the guarantor's record");
  wait_held (&fixture->anna, TRUE);
  wait_for_panel_label (&fixture->anna, "You hold the save lock");
  g_assert_true (gtk_widget_get_sensitive (first_choice_row (&fixture->anna)));

  /* Ben opens another member of the family: same account, not his to save. */
  fd_client_editor_open (fixture->ben.editor, member);
  fd_test_desk_wait_for_record (&fixture->ben, "the family member's record");
  fd_test_ui_wait_for_label (GTK_WIDGET (account_of (&fixture->ben)),
                             "so you cannot save until they release it");
  wait_held (&fixture->ben, FALSE);
  g_assert_false (gtk_widget_get_sensitive (first_choice_row (&fixture->ben)));
  wait_viewers (fixture, context, "Reception 1, Reception 2");
  wait_for_panel_label (&fixture->anna, "Reception 2");
  g_assert_false (gtk_widget_get_visible (fd_test_ui_find_with_class (panel_of (&fixture->ben),
                                                                      "take-lock", NULL)));
  shot = panel_screenshot (panel_of (&fixture->anna), "save-lock-panel-holder");
  g_free (shot);
  shot = panel_screenshot (panel_of (&fixture->ben), "save-lock-panel-not-holder");
  g_free (shot);
  scroll_into_view (GTK_WIDGET (account_of (&fixture->ben)));
  shot = fd_test_ui_screenshot (GTK_WIDGET (fixture->ben.window), "account-without-lock");

  /* Anna releases it; Ben sees it free and acquires it by hand. */
  click (panel_of (&fixture->anna), "release-lock");
  wait_held (&fixture->anna, FALSE);
  wait_for_panel_label (&fixture->ben, "Nobody holds the save lock");
  wait_for_panel_label (&fixture->anna, "You released the save lock");
  g_free (shot);
  shot = panel_screenshot (panel_of (&fixture->ben), "save-lock-panel-free");
  click (panel_of (&fixture->ben), "acquire-lock");
  wait_held (&fixture->ben, TRUE);
  fd_test_ui_wait_for_label (GTK_WIDGET (account_of (&fixture->anna)), "holds the save lock");

  /* Ben saves the family's billing type, while Anna still has the guarantor's record open. */
  fd_test_wait_until (widget_sensitive, first_choice_row (&fixture->ben), "the account rows");
  billing = query (fixture, "SELECT coalesce(d.name, '') FROM frontdesk.clients c "
                            "LEFT JOIN frontdesk.definitions d ON d.id = c.billing_type_id "
                            "WHERE c.id = %s", guarantor);
  wanted = g_str_equal (billing, "Cash") ? "Monthly statement" : "Cash";
  fd_account_section_set_choice (account_of (&fixture->ben), "billing_type_id", wanted);
  g_assert_true (fd_client_editor_get_dirty (fixture->ben.editor));
  fd_test_desk_save (&fixture->ben);
  g_free (billing);
  billing = query (fixture, "SELECT d.name FROM frontdesk.clients c "
                            "JOIN frontdesk.definitions d ON d.id = c.billing_type_id "
                            "WHERE c.id = %s", guarantor);
  g_assert_cmpstr (billing, ==, wanted);

  /* An administrator takes it from Ben, after a confirmation. */
  fd_test_desk_open_as (&manager, fixture->dbname, "Back office", TRUE);
  fd_client_editor_open (manager.editor, third);
  fd_test_desk_wait_for_record (&manager, "the administrator's record");
  wait_for_panel_label (&manager, "Reception 2 holds the save lock");
  /* Offered Take Lock…, the panel does not say saving must wait. */
  wait_for_panel_label (&manager, "or take it from them");
  click (panel_of (&manager), "take-lock");
  dialog = fd_test_desk_wait_for_dialog ("take-save-lock-dialog");
  g_free (shot);
  shot = fd_test_ui_screenshot (GTK_WIDGET (dialog), "save-lock-take-dialog");
  fd_test_desk_answer (dialog, "take");
  wait_held (&manager, TRUE);
  wait_held (&fixture->ben, FALSE);
  fd_test_ui_wait_for_label (GTK_WIDGET (account_of (&fixture->ben)), "Back office");
  holder = query (fixture, "SELECT count(*) FROM frontdesk.audit_log "
                           "WHERE action = 'save lock taken' AND record_id = '%s'", context);
  g_assert_cmpstr (holder, ==, "1");

  /* Ben goes to the appointment book: he is no longer viewing the account. */
  wait_viewers (fixture, context, "Back office, Reception 1, Reception 2");
  fd_test_desk_show_module (&fixture->ben, "Appointments");
  wait_viewers (fixture, context, "Back office, Reception 1");
  fd_test_desk_show_module (&fixture->ben, "Clients");
  wait_viewers (fixture, context, "Back office, Reception 1, Reception 2");

  /* Ben moves on to a client of another family: the old context is left, the new one his. */
  fd_client_editor_open (fixture->ben.editor, stranger);
  g_free (other_context);
  other_context = query (fixture, "SELECT 'account:' || guarantor_id FROM frontdesk.clients "
                                  "WHERE id = %s", stranger);
  wait_viewers (fixture, context, "Back office, Reception 1");
  wait_viewers (fixture, other_context, "Reception 2");
  wait_held (&fixture->ben, TRUE);

  /* The administrator closes the record: the lock goes with it. */
  fd_client_editor_close (manager.editor);
  wait_viewers (fixture, context, "Reception 1");
  g_free (holder);
  holder = query (fixture, "SELECT coalesce(holder::text, 'free') FROM frontdesk.save_contexts "
                           "WHERE name = '%s'", context);
  g_assert_cmpstr (holder, ==, "free");
  fd_test_desk_close (&manager);
}

/* Moving a client to another family: the old family's lock goes, the new one's comes. */
static void
test_moving_to_another_family (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *old_payer = NULL;
  g_autofree char *member = NULL;
  g_autofree char *new_payer = NULL;
  g_autofree char *old_context = NULL;
  g_autofree char *new_context = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *new_name = NULL;
  g_autofree char *shot = NULL;
  g_autofree char *new_last = NULL;
  g_autofree char *new_title = NULL;
  GtkWidget *move_button;

  old_payer = query (fixture, "SELECT min(guarantor_id) FROM frontdesk.clients "
                              "WHERE guarantor_id <> id");
  member = query (fixture, "SELECT min(id) FROM frontdesk.clients WHERE guarantor_id = %s "
                           "AND id <> %s", old_payer, old_payer);
  new_payer = query (fixture, "SELECT min(id) FROM frontdesk.clients WHERE guarantor_id = id "
                              "AND id <> %s", old_payer);
  new_name = query (fixture, "SELECT first_name || ' ' || last_name FROM frontdesk.clients "
                             "WHERE id = %s", new_payer);
  new_last = query (fixture, "SELECT last_name FROM frontdesk.clients WHERE id = %s", new_payer);
  new_title = query (fixture, "SELECT last_name || ', ' || first_name FROM frontdesk.clients "
                              "WHERE id = %s", new_payer);
  old_context = g_strconcat ("account:", old_payer, NULL);
  new_context = g_strconcat ("account:", new_payer, NULL);

  fd_client_editor_open (fixture->anna.editor, member);
  fd_test_desk_wait_for_record (&fixture->anna, "the member's record");
  wait_held (&fixture->anna, TRUE);
  /* The other family is picked by searching its guarantor, never typed as a number. */
  move_button = fd_test_ui_find_descendant (GTK_WIDGET (account_of (&fixture->anna)),
                                            GTK_TYPE_MENU_BUTTON);
  fd_test_wait_until (widget_sensitive, move_button, "the guarantor's Change button");
  fd_test_desk_change_family (GTK_WIDGET (account_of (&fixture->anna)), new_last, new_title);
  fd_test_ui_wait_for_label (GTK_WIDGET (account_of (&fixture->anna)), "Save to move");
  fd_test_desk_save (&fixture->anna);

  stored = query (fixture, "SELECT guarantor_id FROM frontdesk.clients WHERE id = %s", member);
  g_assert_cmpstr (stored, ==, new_payer);
  wait_viewers (fixture, old_context, "");
  wait_viewers (fixture, new_context, "Reception 1");
  wait_held (&fixture->anna, TRUE);
  g_assert_cmpstr (fd_save_lock_get_context (lock_of (&fixture->anna)), ==, new_context);
  fd_test_ui_wait_for_label (GTK_WIDGET (account_of (&fixture->anna)), new_name);
  scroll_into_view (GTK_WIDGET (account_of (&fixture->anna)));
  shot = fd_test_ui_screenshot (GTK_WIDGET (fixture->anna.window), "account-moved-family");
}

/* The fee schedule editor between two administrators and a front desk ------------------- */

static gboolean
setup_shown (gpointer user_data)
{
  return FD_IS_SETUP_MODULE (fd_window_get_visible_module (user_data));
}

static FdFeeScheduleEditor *
open_fees (FdTestDesk *desk)
{
  FdSetupModule *setup;

  fd_test_desk_show_module (desk, "Setup");
  fd_test_wait_until (setup_shown, desk->window, "the Setup module");
  setup = FD_SETUP_MODULE (fd_window_get_visible_module (desk->window));
  fd_setup_module_show_section (setup, "fees");
  return FD_FEE_SCHEDULE_EDITOR (fd_test_ui_find_descendant (GTK_WIDGET (setup),
                                                             FD_TYPE_FEE_SCHEDULE_EDITOR));
}

static void
wait_fees_held (FdFeeScheduleEditor *editor,
                gboolean             held)
{
  fd_test_desk_wait_save_lock (fd_fee_schedule_editor_get_lock (editor), held,
                               held ? "the fee schedule's lock" : "its lock to go");
}

/* The Save half of a split button, which goes insensitive without the lock. */
static GtkWidget *
save_part (GtkWidget *form)
{
  GtkWidget *split = fd_test_ui_find_descendant (form, ADW_TYPE_SPLIT_BUTTON);

  return fd_test_ui_find_descendant (split, GTK_TYPE_BUTTON);
}

static void
wait_for_fees_panel_label (FdFeeScheduleEditor *editor,
                           const char          *text_part)
{
  AdwSplitButton *save = ADW_SPLIT_BUTTON (fd_test_ui_find_descendant (GTK_WIDGET (editor),
                                                                       ADW_TYPE_SPLIT_BUTTON));
  GtkWidget *panel = GTK_WIDGET (adw_split_button_get_popover (save));

  fd_test_ui_popup (GTK_POPOVER (panel));
  fd_test_ui_wait_for_label (panel, text_part);
  gtk_popover_popdown (GTK_POPOVER (panel));
}

static void
pick_schedule (FdFeeField *fee,
               const char *name)
{
  fd_test_desk_pick_choice (ADW_COMBO_ROW (fd_test_ui_find_descendant (GTK_WIDGET (fee),
                                                                       ADW_TYPE_COMBO_ROW)),
                            name);
}

static void
wait_fee_field_held (FdFeeField *fee,
                     gboolean    held)
{
  fd_test_desk_wait_save_lock (fd_fee_field_get_lock (fee), held,
                               held ? "the fee's lock" : "the fee's lock to be held");
}

static void
test_fee_schedule_editor (Fixture       *fixture,
                          gconstpointer  data)
{
  FdTestDesk first = { 0 };
  FdTestDesk second = { 0 };
  FdFeeScheduleEditor *firsts;
  FdFeeScheduleEditor *seconds;
  FdFeeScheduleEditor *bens;
  g_autofree char *code = NULL;
  g_autofree char *schedule = NULL;
  g_autofree char *other_schedule = NULL;
  g_autofree char *context = NULL;
  g_autofree char *fee_sql = NULL;
  g_autofree char *shot = NULL;
  g_autofree char *code_id = NULL;
  g_autofree char *schedule_name = NULL;
  g_autofree char *other_schedule_name = NULL;
  FdSetupModule *setup;
  AdwMessageDialog *dialog;
  FdFeeField *fee;

  code = query (fixture, "SELECT code FROM frontdesk.procedure_codes ORDER BY code LIMIT 1");
  schedule = query (fixture, "SELECT min(id) FROM frontdesk.fee_schedules");
  other_schedule = query (fixture, "SELECT min(id) FROM frontdesk.fee_schedules "
                                   "WHERE id > %s", schedule);
  context = g_strconcat ("fees:", schedule, NULL);
  code_id = query (fixture, "SELECT id FROM frontdesk.procedure_codes WHERE code = '%s'", code);
  schedule_name = query (fixture, "SELECT name FROM frontdesk.fee_schedules WHERE id = %s",
                         schedule);
  other_schedule_name = query (fixture, "SELECT name FROM frontdesk.fee_schedules "
                                        "WHERE id = %s", other_schedule);
  fee_sql = g_strdup_printf ("SELECT f.amount FROM frontdesk.fees f "
                             "JOIN frontdesk.procedure_codes p ON p.id = f.procedure_code_id "
                             "WHERE f.fee_schedule_id = %s AND p.code = '%s'", schedule, code);

  /* The first administrator opens the fees: the first schedule is hers to save. */
  fd_test_desk_open_as (&first, fixture->dbname, "Back office", TRUE);
  firsts = open_fees (&first);
  fd_fee_schedule_editor_set_schedule (firsts, schedule);
  wait_fees_held (firsts, TRUE);
  fd_fee_schedule_editor_set_fee (firsts, code, "123.45");
  g_assert_true (fd_fee_schedule_editor_get_dirty (firsts));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (firsts), "fees.save", NULL));
  fd_test_wait_for_value (fixture->owner, fee_sql, "123.45");
  g_free (shot);
  shot = fd_test_ui_screenshot (GTK_WIDGET (first.window), "fee-schedule-editor-holder");

  /* The second sees it held: the grid cannot be typed into, and the reason shows. */
  fd_test_desk_open_as (&second, fixture->dbname, "Manager desk", TRUE);
  seconds = open_fees (&second);
  fd_fee_schedule_editor_set_schedule (seconds, schedule);
  wait_fees_held (seconds, FALSE);
  fd_test_ui_wait_for_label (GTK_WIDGET (seconds), "Back office holds the save lock");
  fd_fee_schedule_editor_set_fee (seconds, code, "1.00");
  g_assert_true (fd_fee_schedule_editor_get_dirty (seconds));
  g_assert_false (gtk_widget_get_sensitive (save_part (GTK_WIDGET (seconds))));
  g_assert_false (gtk_editable_get_editable (
    GTK_EDITABLE (fd_test_ui_find_descendant (GTK_WIDGET (seconds), ADW_TYPE_ENTRY_ROW))));
  wait_for_fees_panel_label (seconds, "Take Lock");
  g_free (shot);
  shot = fd_test_ui_screenshot (GTK_WIDGET (second.window), "fee-schedule-editor-not-holder");

  /* A front desk login may look, is told why it cannot save, and never shows as a viewer. */
  bens = open_fees (&fixture->ben);
  fd_fee_schedule_editor_set_schedule (bens, schedule);
  fd_test_ui_wait_for_label (GTK_WIDGET (bens), "saving it is for administrators");
  wait_viewers (fixture, context, "Back office, Manager desk");

  /* The first administrator moves to another schedule: the first one's lock is free. */
  fd_fee_schedule_editor_set_schedule (firsts, other_schedule);
  wait_viewers (fixture, context, "Manager desk");
  wait_for_fees_panel_label (seconds, "Nobody holds the save lock");
  wait_fees_held (firsts, TRUE);

  /* The second administrator edits the same code's fee in the Procedure Codes editor: the
   * schedule the first one holds cannot be changed there either; the free one can. */
  setup = FD_SETUP_MODULE (fd_window_get_visible_module (second.window));
  fd_setup_module_show_section (setup, "procedure_codes");
  fd_setup_module_edit (setup, "procedure_codes", code_id);
  dialog = fd_test_desk_wait_for_dialog ("setup-edit-dialog");
  fee = FD_FEE_FIELD (fd_test_ui_find_descendant (GTK_WIDGET (dialog), FD_TYPE_FEE_FIELD));
  pick_schedule (fee, other_schedule_name);
  wait_fee_field_held (fee, FALSE);
  fd_test_ui_wait_for_label (GTK_WIDGET (fee), "Back office holds the save lock");
  g_assert_false (gtk_editable_get_editable (
    GTK_EDITABLE (fd_test_ui_find_descendant (GTK_WIDGET (fee), ADW_TYPE_ENTRY_ROW))));
  g_free (shot);
  shot = fd_test_ui_screenshot (GTK_WIDGET (dialog), "procedure-code-fee-not-holder");
  pick_schedule (fee, schedule_name);
  wait_fee_field_held (fee, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (fd_test_ui_find_descendant (GTK_WIDGET (fee),
                                                                   ADW_TYPE_ENTRY_ROW)), "99.5");
  g_free (shot);
  shot = fd_test_ui_screenshot (GTK_WIDGET (dialog), "procedure-code-fee-holder");
  fd_test_desk_answer (dialog, "save");
  fd_test_wait_for_value (fixture->owner, fee_sql, "99.50");

  fd_test_desk_close (&second);
  fd_test_desk_close (&first);
}

int
main (int   argc,
      char *argv[])
{
  fd_test_ui_init (&argc, &argv);

  g_test_add ("/frontdesk/ui/save-locks/account-panel-states", Fixture, NULL,
              fd_test_office_setup, test_account_panel_states, fd_test_office_teardown);
  g_test_add ("/frontdesk/ui/save-locks/moving-to-another-family", Fixture, NULL,
              fd_test_office_setup, test_moving_to_another_family, fd_test_office_teardown);
  g_test_add ("/frontdesk/ui/save-locks/fee-schedule-editor", Fixture, NULL,
              fd_test_office_setup, test_fee_schedule_editor, fd_test_office_teardown);

  return fd_test_run ();
}
