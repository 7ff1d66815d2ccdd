/* test-live-forms.c: open forms follow the database, with two workstations driving the
 * widgets: a field another desk saves updates in place with who changed it, and a field
 * typed here that they saved is marked inline with their value, name, Use Theirs and Keep
 * Mine; the buttons settle it and the save sends only what is still the person's own. The
 * same in the Account section, the fee schedule editor and Setup's practice page (which name
 * the saver too), and between three workstations.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "fd-account-section.h"
#include "fd-appointment-editor.h"
#include "fd-appointments-module.h"
#include "fd-clients-module.h"
#include "fd-date-row.h"
#include "fd-day-view.h"
#include "fd-fee-schedule-editor.h"
#include "fd-save-lock.h"
#include "fd-setup-module.h"
#include "fd-test-book.h"
#include "fd-test-desk.h"
#include "fd-test-server.h"
#include "fd-test-ui.h"
#include "fd-window.h"

typedef FdTestOffice Fixture;

static char *
stored (Fixture    *fixture,
        const char *id,
        const char *column)
{
  g_autofree char *sql = g_strdup_printf ("SELECT coalesce(%s, '') FROM frontdesk.clients "
                                          "WHERE id = %s", column, id);

  return fd_test_query_value (fixture->owner, sql);
}

typedef struct
{
  GtkWidget  *row;
  const char *text;
} RowWait;

static gboolean
row_shows (gpointer user_data)
{
  RowWait *wait = user_data;

  return g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (wait->row)), wait->text) == 0;
}

static void
wait_for_row_text (GtkWidget  *row,
                   const char *text)
{
  RowWait wait = { row, text };

  fd_test_wait_until (row_shows, &wait, text);
}

/* The visible field mark of @row, or NULL. */
static GtkWidget *
find_mark (GtkWidget *row)
{
  GtkWidget *mark = fd_test_ui_find_with_class (row, "field-mark", NULL);

  return mark != NULL && gtk_widget_get_visible (mark) ? mark : NULL;
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  if (GTK_IS_BUTTON (root) && gtk_widget_get_visible (root) &&
      g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
mark_gone (gpointer user_data)
{
  return find_mark (user_data) == NULL || !gtk_widget_has_css_class (user_data, "field-conflict");
}

/* Presses @label in @row's mark; the click arrives a moment later, as a person's would. */
static void
press (GtkWidget  *row,
       const char *label)
{
  GtkWidget *button = find_button (find_mark (row), label);

  g_assert_true (gtk_widget_is_sensitive (button));
  gtk_widget_activate (button);
  fd_test_wait_until (mark_gone, row, label);
}

static void
assert_accessible_name (GtkWidget         *widget,
                        GtkAccessibleRole  role,
                        const char        *name)
{
  g_autofree char *mismatch = NULL;

  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (widget), role);
  mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget),
                                                 GTK_ACCESSIBLE_PROPERTY_LABEL, name);
  g_assert_null (mismatch);
}

/* Scrolls @row into view, as the person at that desk would have it while typing there. */
static void
show_row (GtkWidget *row)
{
  GtkWidget *viewport = gtk_widget_get_ancestor (row, GTK_TYPE_VIEWPORT);
  GtkAdjustment *adjustment;
  graphene_point_t point;

  g_assert_nonnull (viewport);
  fd_test_ui_wait_for_frames (row, 2);
  g_assert_true (gtk_widget_compute_point (row, gtk_widget_get_first_child (viewport),
                                           &GRAPHENE_POINT_INIT (0, 0), &point));
  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (viewport));
  gtk_adjustment_set_value (adjustment, point.y - 200);
}

/* Anna takes the record Ben has open; Ben is told and stays displaced, following. */
static char *
open_on_both (Fixture *fixture)
{
  char *id;

  fd_test_desk_open_first_client (&fixture->ben);
  fd_test_desk_wait_for_record (&fixture->ben, "Ben's record");
  id = g_strdup (fd_client_editor_get_client_id (fixture->ben.editor));
  fd_test_desk_open_first_client (&fixture->anna);
  fd_test_desk_answer (fd_test_desk_wait_for_dialog ("first-warning"), "open");
  fd_test_desk_answer (fd_test_desk_wait_for_dialog ("final-confirmation"), "override");
  fd_test_desk_wait_for_record (&fixture->anna, "Anna's record");
  fd_test_desk_answer (fd_test_desk_wait_for_dialog ("lock-lost-dialog"), "ok");
  return id;
}

static void
test_client_details_follow (Fixture       *fixture,
                            gconstpointer  data)
{
  GtkWidget *ben_window = GTK_WIDGET (fixture->ben.window);
  GtkWidget *city_row, *region_row, *postal_row, *mark;
  g_autofree char *id = NULL;
  g_autofree char *shot = NULL;
  g_autofree char *changed_by = NULL;
  g_autofree char *saved_by = NULL;
  g_autofree char *value = NULL;
  g_autofree char *name = NULL;
  const char *text;

  id = open_on_both (fixture);
  city_row = fd_test_desk_find_row (ben_window, "City");
  region_row = fd_test_desk_find_row (ben_window, "Region");
  postal_row = fd_test_desk_find_row (ben_window, "Postal code");
  g_assert_nonnull (city_row);

  /* Nothing typed at Ben's desk: Anna's city shows there, with who changed it. */
  fd_client_editor_set_field (fixture->anna.editor, "city", "Live Harbour");
  fd_test_desk_save (&fixture->anna);
  wait_for_row_text (city_row, "Live Harbour");
  changed_by = g_strdup_printf ("Changed by %s at ", fixture->anna.login);
  fd_test_ui_wait_for_label (city_row, changed_by);
  g_assert_true (gtk_widget_has_css_class (city_row, "changed-elsewhere"));
  g_assert_false (fd_client_editor_get_dirty (fixture->ben.editor));
  show_row (city_row);
  shot = fd_test_ui_screenshot (ben_window, "live-changed-by");

  /* Ben types the region; Anna saves the region and the postal code: his postal code
   * follows, his region stays as he typed it, marked with Anna's value and name. */
  fd_client_editor_set_field (fixture->ben.editor, "region", "Bens Region");
  fd_client_editor_set_field (fixture->anna.editor, "region", "Annas Region");
  fd_client_editor_set_field (fixture->anna.editor, "postal_code", "99999");
  fd_test_desk_save (&fixture->anna);
  wait_for_row_text (postal_row, "99999");
  saved_by = g_strdup_printf ("%s saved ‘Annas Region’ at ", fixture->anna.login);
  fd_test_ui_wait_for_label (region_row, saved_by);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (region_row)), ==, "Bens Region");
  g_assert_true (gtk_widget_has_css_class (region_row, "field-conflict"));
  mark = find_mark (region_row);
  g_assert_nonnull (mark);
  text = gtk_label_get_text (fd_test_ui_find_label (mark, saved_by));
  name = g_strdup_printf ("Region: %s", text);
  assert_accessible_name (mark, GTK_ACCESSIBLE_ROLE_GROUP, name);
  assert_accessible_name (find_button (mark, "Use Theirs"), GTK_ACCESSIBLE_ROLE_BUTTON,
                          "Use Theirs: Region");
  assert_accessible_name (find_button (mark, "Keep Mine"), GTK_ACCESSIBLE_ROLE_BUTTON,
                          "Keep Mine: Region");
  g_free (shot);
  show_row (region_row);
  shot = fd_test_ui_screenshot (ben_window, "live-inline-conflict");

  /* Keep Mine: his save goes through over Anna's region, with no dialog. */
  press (region_row, "Keep Mine");
  g_assert_null (find_mark (region_row));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (region_row)), ==, "Bens Region");
  fd_test_desk_save (&fixture->ben);
  g_assert_null (fd_test_desk_find_dialog ("merge-dialog"));
  value = stored (fixture, id, "region");
  g_assert_cmpstr (value, ==, "Bens Region");
  g_free (value);
  value = stored (fixture, id, "postal_code");
  g_assert_cmpstr (value, ==, "99999");
  fd_test_desk_answer (fd_test_desk_wait_for_dialog ("lock-lost-dialog"), "ok");

  /* Use Theirs: Ben types the city, Anna saves hers; he takes hers and has nothing left. */
  fd_client_editor_set_field (fixture->ben.editor, "city", "Bens City");
  fd_client_editor_set_field (fixture->anna.editor, "city", "Annas City");
  fd_test_desk_save (&fixture->anna);
  fd_test_desk_answer (fd_test_desk_wait_for_dialog ("lock-lost-dialog"), "ok");
  g_free (saved_by);
  saved_by = g_strdup_printf ("%s saved ‘Annas City’ at ", fixture->anna.login);
  fd_test_ui_wait_for_label (city_row, saved_by);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (city_row)), ==, "Bens City");
  press (city_row, "Use Theirs");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (city_row)), ==, "Annas City");
  g_assert_false (fd_client_editor_get_dirty (fixture->ben.editor));
  g_assert_true (gtk_widget_has_css_class (city_row, "changed-elsewhere"));
  g_free (value);
  value = stored (fixture, id, "city");
  g_assert_cmpstr (value, ==, "Annas City");
}

/* Appointments ---------------------------------------------------------------------------- */

static gboolean
book_shown (gpointer user_data)
{
  return FD_IS_APPOINTMENTS_MODULE (fd_window_get_visible_module (user_data));
}

typedef struct
{
  FdDayView  *view;
  const char *id;
} BlockWait;

static gboolean
block_shown (gpointer user_data)
{
  BlockWait *wait = user_data;

  return fd_day_view_find (wait->view, wait->id) != NULL;
}

typedef struct
{
  FdTestDesk           *desk;
  FdAppointmentsModule *book;
  const char           *id;
  const char           *day;
} Booking;

/* Double-clicks the appointment, as far as the editor: taken over if another desk has it. */
static FdAppointmentEditor *
edit_appointment (Booking  *booking,
                  gboolean  held)
{
  BlockWait shown = { fd_appointments_module_get_view (booking->book), booking->id };

  fd_test_wait_until (block_shown, &shown, "the appointment in the book");
  fd_appointment_editor_open (GTK_WINDOW (booking->desk->window), booking->desk->database,
                              fd_day_view_find (shown.view, booking->id), booking->day);
  if (held)
    {
      fd_test_desk_answer (fd_test_desk_wait_for_dialog ("first-warning"), "open");
      fd_test_desk_answer (fd_test_desk_wait_for_dialog ("final-confirmation"), "override");
    }
  fd_test_wait_until (fd_test_book_editor_shown, booking->desk, "the appointment editor");
  return fd_test_book_editor_of (booking->desk);
}

static void
save_appointment (FdTestDesk          *desk,
                  FdAppointmentEditor *editor)
{
  gtk_widget_activate (fd_test_ui_find_with_class (GTK_WIDGET (editor), "suggested-action", NULL));
  fd_test_wait_until (fd_test_book_editor_gone, desk, "the editor to close after saving");
}

static char *
stored_appointment (Fixture    *fixture,
                    const char *id,
                    const char *column)
{
  g_autofree char *sql = g_strdup_printf ("SELECT coalesce(%s::text, '') FROM "
                                          "frontdesk.appointments WHERE id = %s", column, id);

  return fd_test_query_value (fixture->owner, sql);
}

/* Ben has the appointment open; Anna saves its note, then its note and length while Ben has
 * typed the length; Keep Mine saves his length. Then both type the note and Ben saves
 * without settling: the merge dialog asks, field by field. */
static void
test_appointment_editor_follows (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autofree char *picked = fd_test_query_value (
    fixture->owner, "SELECT a.id || '|' || frontdesk.practice_day(a.starts_at) "
                    "FROM frontdesk.appointments a ORDER BY a.starts_at LIMIT 1");
  g_auto(GStrv) parts = g_strsplit (picked, "|", 2);
  g_autofree char *iso = g_strdup_printf ("%sT12:00:00", parts[1]);
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  g_autoptr(GDateTime) day = g_date_time_new_from_iso8601 (iso, local);
  g_autofree char *changed_by = NULL;
  g_autofree char *saved_by = NULL;
  g_autofree char *value = NULL;
  g_autofree char *shot = NULL;
  Booking annas = { &fixture->anna, NULL, parts[0], parts[1] };
  Booking bens = { &fixture->ben, NULL, parts[0], parts[1] };
  FdAppointmentEditor *anna, *ben;
  GtkWidget *note_row, *length_row, *mark;
  AdwMessageDialog *dialog;

  fd_test_desk_show_module (&fixture->anna, "Appointments");
  fd_test_wait_until (book_shown, fixture->anna.window, "Anna's book");
  annas.book = FD_APPOINTMENTS_MODULE (fd_window_get_visible_module (fixture->anna.window));
  fd_appointments_module_show_day (annas.book, day);
  fd_test_desk_show_module (&fixture->ben, "Appointments");
  fd_test_wait_until (book_shown, fixture->ben.window, "Ben's book");
  bens.book = FD_APPOINTMENTS_MODULE (fd_window_get_visible_module (fixture->ben.window));
  fd_appointments_module_show_day (bens.book, day);

  ben = edit_appointment (&bens, FALSE);
  note_row = fd_test_desk_find_row (GTK_WIDGET (ben), "Note");
  length_row = fd_test_desk_find_row (GTK_WIDGET (ben), "Length in minutes");
  g_assert_nonnull (note_row);
  g_assert_nonnull (length_row);

  /* Nothing typed at Ben's: Anna's note shows there, with who changed it. */
  anna = edit_appointment (&annas, TRUE);
  fd_appointment_editor_set_field (anna, "note", "Live note");
  save_appointment (&fixture->anna, anna);
  wait_for_row_text (note_row, "Live note");
  changed_by = g_strdup_printf ("Changed by %s at ", fixture->anna.login);
  fd_test_ui_wait_for_label (note_row, changed_by);
  g_free (shot);
  shot = fd_test_ui_screenshot (GTK_WIDGET (ben), "live-appointment-changed-by");

  /* Ben types the length; Anna saves the length and the note. */
  fd_appointment_editor_set_field (ben, "length", "65");
  anna = edit_appointment (&annas, FALSE);
  fd_appointment_editor_set_field (anna, "length", "85");
  fd_appointment_editor_set_field (anna, "note", "Second note");
  save_appointment (&fixture->anna, anna);
  wait_for_row_text (note_row, "Second note");
  saved_by = g_strdup_printf ("%s saved ‘85’ at ", fixture->anna.login);
  fd_test_ui_wait_for_label (length_row, saved_by);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (length_row)), ==, "65");
  mark = find_mark (length_row);
  assert_accessible_name (find_button (mark, "Use Theirs"), GTK_ACCESSIBLE_ROLE_BUTTON,
                          "Use Theirs: Length in minutes");
  assert_accessible_name (find_button (mark, "Keep Mine"), GTK_ACCESSIBLE_ROLE_BUTTON,
                          "Keep Mine: Length in minutes");
  g_free (shot);
  shot = fd_test_ui_screenshot (GTK_WIDGET (ben), "live-appointment-conflict");

  /* Keep Mine: his save writes his length over hers, with no dialog. */
  press (length_row, "Keep Mine");
  save_appointment (&fixture->ben, ben);
  value = stored_appointment (fixture, parts[0], "length_minutes");
  g_assert_cmpstr (value, ==, "65");
  g_free (value);
  value = stored_appointment (fixture, parts[0], "note");
  g_assert_cmpstr (value, ==, "Second note");

  /* Both type the note; Ben saves without settling: the merge dialog, his value first. */
  ben = edit_appointment (&bens, FALSE);
  note_row = fd_test_desk_find_row (GTK_WIDGET (ben), "Note");
  fd_appointment_editor_set_field (ben, "note", "Bens note");
  anna = edit_appointment (&annas, TRUE);
  fd_appointment_editor_set_field (anna, "note", "Annas note");
  save_appointment (&fixture->anna, anna);
  g_free (saved_by);
  saved_by = g_strdup_printf ("%s saved ‘Annas note’ at ", fixture->anna.login);
  fd_test_ui_wait_for_label (note_row, saved_by);
  gtk_widget_activate (fd_test_ui_find_with_class (GTK_WIDGET (ben), "suggested-action", NULL));
  dialog = fd_test_desk_wait_for_dialog ("merge-dialog");
  g_assert_nonnull (fd_test_ui_find_label (GTK_WIDGET (dialog), "Theirs: Annas note"));
  g_assert_nonnull (fd_test_ui_find_label (GTK_WIDGET (dialog), "Mine: Bens note"));
  g_free (shot);
  shot = fd_test_ui_screenshot (GTK_WIDGET (dialog), "live-appointment-merge-dialog");
  fd_test_desk_answer (dialog, "save");
  fd_test_wait_until (fd_test_book_editor_gone, &fixture->ben, "Ben's merged save");
  g_free (value);
  value = stored_appointment (fixture, parts[0], "note");
  g_assert_cmpstr (value, ==, "Bens note");
}

/* The Account section ---------------------------------------------------------------------- */

static FdAccountSection *
account_of (FdTestDesk *desk)
{
  return FD_ACCOUNT_SECTION (fd_test_ui_find_descendant (GTK_WIDGET (desk->editor),
                                                         FD_TYPE_ACCOUNT_SECTION));
}

static gboolean
account_held (gpointer user_data)
{
  FdSaveLock *lock = fd_account_section_get_lock (account_of (user_data));

  return lock != NULL && fd_save_lock_get_known (lock) && fd_save_lock_get_held (lock);
}

typedef struct
{
  GtkWidget  *row;
  const char *name;
} ComboWait;

static gboolean
combo_shows (gpointer user_data)
{
  ComboWait *wait = user_data;
  GListModel *names = adw_combo_row_get_model (ADW_COMBO_ROW (wait->row));
  guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (wait->row));

  return names != NULL && selected < g_list_model_get_n_items (names) &&
         g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (names), selected),
                    wait->name) == 0;
}

/* Anna has the guarantor open and the family's save lock; Ben has another member open. Anna
 * saves the billing type: Ben's Account section shows it in place, saying who changed it;
 * Anna saves again: it follows again. */
static void
test_account_follows (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *guarantor = NULL;
  g_autofree char *member = NULL;
  g_autofree char *billing = NULL;
  g_autofree char *changed_by = NULL;
  g_autofree char *shot = NULL;
  g_autofree char *name = NULL;
  const char *wanted, *second;
  ComboWait wait = { NULL, NULL };
  GtkWidget *mark;

  guarantor = fd_test_query_value (fixture->owner,
                                   "SELECT guarantor_id FROM frontdesk.clients GROUP BY "
                                   "guarantor_id HAVING count(*) >= 2 ORDER BY 1 LIMIT 1");
  name = g_strdup_printf ("SELECT id FROM frontdesk.clients WHERE guarantor_id = %s "
                          "AND id <> guarantor_id ORDER BY id LIMIT 1", guarantor);
  member = fd_test_query_value (fixture->owner, name);
  g_free (name);
  name = g_strdup_printf ("SELECT coalesce(d.name, '') FROM frontdesk.clients c LEFT JOIN "
                          "frontdesk.definitions d ON d.id = c.billing_type_id "
                          "WHERE c.id = %s", guarantor);
  billing = fd_test_query_value (fixture->owner, name);
  wanted = g_str_equal (billing, "Cash") ? "Monthly statement" : "Cash";
  second = g_str_equal (wanted, "Cash") ? "Monthly statement" : "Cash";

  fd_client_editor_open (fixture->anna.editor, guarantor);
  fd_test_desk_wait_for_record (&fixture->anna, "the guarantor's record");
  fd_test_wait_until (account_held, &fixture->anna, "Anna's save lock");
  if (data != NULL)
    {
      /* Ben opens the guarantor too, read-only while Anna has it. */
      fd_client_editor_open (fixture->ben.editor, guarantor);
      fd_test_desk_answer (fd_test_desk_wait_for_dialog ("first-warning"), "read-only");
    }
  else
    fd_client_editor_open (fixture->ben.editor, member);
  fd_test_desk_wait_for_record (&fixture->ben, "Ben's record of the family");
  wait.row = fd_test_desk_find_row (GTK_WIDGET (account_of (&fixture->ben)), "Billing type");
  g_assert_nonnull (wait.row);
  /* Ben's section has read the account before Anna changes it. */
  wait.name = billing[0] != '\0' ? billing : "Not set";
  fd_test_wait_until (combo_shows, &wait, "the family's billing type at Ben's desk");

  /* Anna chooses in the real row and saves; Ben, who typed nothing, sees it in place. */
  fd_account_section_set_choice (account_of (&fixture->anna), "billing_type_id", wanted);
  fd_test_desk_save (&fixture->anna);
  wait.name = wanted;
  fd_test_wait_until (combo_shows, &wait, "Anna's billing type at Ben's desk");
  changed_by = g_strdup_printf ("Changed by %s at ", fixture->anna.login);
  g_assert_true (gtk_widget_has_css_class (wait.row, "changed-elsewhere"));
  fd_test_ui_wait_for_label (wait.row, changed_by);
  mark = find_mark (wait.row);
  g_assert_nonnull (mark);
  g_free (name);
  name = g_strdup_printf ("Billing type: %s",
                          gtk_label_get_text (fd_test_ui_find_label (mark, changed_by)));
  assert_accessible_name (mark, GTK_ACCESSIBLE_ROLE_GROUP, name);
  g_assert_false (fd_client_editor_get_dirty (fixture->ben.editor));
  show_row (wait.row);
  shot = fd_test_ui_screenshot (GTK_WIDGET (fixture->ben.window),
                               data != NULL ? "live-account-changed-by-read-only"
                                            : "live-account-changed-by");

  /* A second save follows too: nothing stays as first read. */
  fd_account_section_set_choice (account_of (&fixture->anna), "billing_type_id", second);
  fd_test_desk_save (&fixture->anna);
  wait.name = second;
  fd_test_wait_until (combo_shows, &wait, "Anna's second billing type at Ben's desk");
}

/* Setup ------------------------------------------------------------------------------------ */

static gboolean setup_shown (gpointer user_data);

static FdFeeScheduleEditor *
open_fees (FdTestDesk *desk,
           const char *schedule)
{
  FdSetupModule *setup;
  FdFeeScheduleEditor *editor;

  fd_test_desk_show_module (desk, "Setup");
  fd_test_wait_until (setup_shown, desk->window, "the Setup module");
  setup = FD_SETUP_MODULE (fd_window_get_visible_module (desk->window));
  fd_setup_module_show_section (setup, "fees");
  editor = FD_FEE_SCHEDULE_EDITOR (fd_test_ui_find_descendant (GTK_WIDGET (setup),
                                                               FD_TYPE_FEE_SCHEDULE_EDITOR));
  fd_fee_schedule_editor_set_schedule (editor, schedule);
  return editor;
}

static void
wait_fees_held (FdFeeScheduleEditor *editor,
                gboolean             held)
{
  fd_test_desk_wait_save_lock (fd_fee_schedule_editor_get_lock (editor), held,
                               held ? "the fee schedule's lock" : "its lock to go");
}

static gboolean
read_only (gpointer user_data)
{
  return !gtk_editable_get_editable (user_data);
}

static gboolean
widget_sensitive (gpointer user_data)
{
  return gtk_widget_is_sensitive (user_data);
}

/* Presses the button of @css_class in the Save Lock panel, opened from Save's arrow. */
static void
press_in_panel (FdFeeScheduleEditor *editor,
                const char          *css_class)
{
  AdwSplitButton *save = ADW_SPLIT_BUTTON (fd_test_ui_find_descendant (GTK_WIDGET (editor),
                                                                       ADW_TYPE_SPLIT_BUTTON));
  GtkWidget *panel = GTK_WIDGET (adw_split_button_get_popover (save));
  GtkWidget *button;

  fd_test_ui_popup (GTK_POPOVER (panel));
  button = fd_test_ui_find_with_class (panel, css_class, NULL);
  g_assert_nonnull (button);
  fd_test_wait_until (widget_sensitive, button, css_class);
  gtk_widget_activate (button);
  gtk_popover_popdown (GTK_POPOVER (panel));
}

/* Presses Save, the split button's main part, once it may be pressed. */
static void
press_save (gpointer form)
{
  GtkWidget *split = fd_test_ui_find_descendant (GTK_WIDGET (form), ADW_TYPE_SPLIT_BUTTON);
  GtkWidget *save = fd_test_ui_find_descendant (split, GTK_TYPE_BUTTON);

  fd_test_wait_until (widget_sensitive, save, "Save to be offered");
  gtk_widget_activate (save);
}

/* The fee of @code in @schedule, as stored, once it is @expected. */
static void
wait_fee_stored (Fixture    *fixture,
                 const char *schedule,
                 const char *code,
                 const char *expected)
{
  g_autofree char *sql = NULL;

  sql = g_strdup_printf ("SELECT coalesce(max(f.amount)::text, '') FROM frontdesk.fees f "
                         "JOIN frontdesk.procedure_codes p ON p.id = f.procedure_code_id "
                         "WHERE f.fee_schedule_id = %s AND p.code = '%s'", schedule, code);
  fd_test_wait_for_value (fixture->owner, sql, expected);
}

/* The grid row of procedure code @code. */
static GtkWidget *
fee_row (FdFeeScheduleEditor *editor,
         Fixture             *fixture,
         const char          *code)
{
  g_autofree char *sql = g_strdup_printf ("SELECT code || ' · ' || description FROM "
                                          "frontdesk.procedure_codes WHERE code = '%s'", code);
  g_autofree char *title = fd_test_query_value (fixture->owner, sql);
  GtkWidget *row = fd_test_desk_find_row (GTK_WIDGET (editor), title);

  g_assert_nonnull (row);
  return row;
}

/* Two administrators in one fee schedule. Hers saves a fee: his grid shows it in place, with
 * who changed it. He types two fees; she takes the lock and saves them and a third: the
 * third follows, the two are marked with her fee and name. Use Theirs takes hers; Keep Mine
 * keeps his, which he saves once the lock is his again. */
static void
test_fee_schedule_follows (Fixture       *fixture,
                           gconstpointer  data)
{
  FdTestDesk hers = { 0 };
  FdTestDesk his = { 0 };
  FdFeeScheduleEditor *her_fees, *his_fees;
  g_autofree char *schedule = fd_test_query_value (fixture->owner,
                                                   "SELECT min(id) FROM frontdesk.fee_schedules");
  g_autofree char *codes = fd_test_query_value (
    fixture->owner, "SELECT string_agg(code, ' ' ORDER BY code) FROM "
                    "(SELECT code FROM frontdesk.procedure_codes ORDER BY code LIMIT 4) c");
  g_auto(GStrv) code = g_strsplit (codes, " ", 4);
  g_autofree char *changed_by = NULL;
  g_autofree char *saved_by = NULL;
  g_autofree char *name = NULL;
  g_autofree char *shot = NULL;
  g_autofree char *title = NULL;
  GtkWidget *first, *second, *third, *fourth, *mark, *panel, *fee_field;
  g_autofree char *code_id_sql = NULL;
  g_autofree char *code_id = NULL;
  g_autofree char *schedule_sql = NULL;
  g_autofree char *schedule_name = NULL;
  ComboWait combo = { NULL, NULL };
  FdSetupModule *setup;
  AdwMessageDialog *dialog;

  fd_test_desk_open_as (&his, fixture->dbname, "Back office", TRUE);
  his_fees = open_fees (&his, schedule);
  wait_fees_held (his_fees, TRUE);
  fd_test_desk_open_as (&hers, fixture->dbname, "Manager desk", TRUE);
  her_fees = open_fees (&hers, schedule);
  wait_fees_held (her_fees, FALSE);
  first = fee_row (his_fees, fixture, code[0]);
  second = fee_row (his_fees, fixture, code[1]);
  third = fee_row (his_fees, fixture, code[2]);
  fourth = fee_row (his_fees, fixture, code[3]);

  /* He types two fees; she takes the lock and saves four: the two he did not type follow in
   * place, with who changed them; his two stay as typed, marked with hers. */
  gtk_editable_set_text (GTK_EDITABLE (second), "222");
  gtk_editable_set_text (GTK_EDITABLE (fourth), "444");
  press_in_panel (her_fees, "take-lock");
  dialog = fd_test_desk_wait_for_dialog ("take-save-lock-dialog");
  fd_test_desk_answer (dialog, "take");
  wait_fees_held (her_fees, TRUE);
  wait_fees_held (his_fees, FALSE);
  fd_test_wait_until (read_only, second, "his grid to be read-only");
  fd_fee_schedule_editor_set_fee (her_fees, code[0], "111");
  fd_fee_schedule_editor_set_fee (her_fees, code[1], "120");
  fd_fee_schedule_editor_set_fee (her_fees, code[2], "130");
  fd_fee_schedule_editor_set_fee (her_fees, code[3], "140");
  press_save (her_fees);
  wait_for_row_text (first, "111.00");
  wait_for_row_text (third, "130.00");
  changed_by = g_strdup_printf ("Changed by %s at ", hers.login);
  fd_test_ui_wait_for_label (first, changed_by);
  g_assert_true (gtk_widget_has_css_class (first, "changed-elsewhere"));
  saved_by = g_strdup_printf ("%s saved ‘120.00’ at ", hers.login);
  fd_test_ui_wait_for_label (second, saved_by);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (second)), ==, "222");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (fourth)), ==, "444");
  g_assert_true (gtk_widget_has_css_class (second, "field-conflict"));
  mark = find_mark (second);
  title = g_strdup (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (second)));
  name = g_strdup_printf ("%s: %s", title,
                          gtk_label_get_text (fd_test_ui_find_label (mark, saved_by)));
  assert_accessible_name (mark, GTK_ACCESSIBLE_ROLE_GROUP, name);
  g_free (name);
  name = g_strdup_printf ("Keep Mine: %s", title);
  assert_accessible_name (find_button (mark, "Keep Mine"), GTK_ACCESSIBLE_ROLE_BUTTON, name);
  fd_test_ui_wait_for_label (GTK_WIDGET (his_fees), "Use Theirs or Keep Mine");
  show_row (second);
  shot = fd_test_ui_screenshot (GTK_WIDGET (his.window), "live-fee-schedule-conflict");

  /* Use Theirs on the fourth: hers shows and nothing is typed there any more. Keep Mine on
   * the second: his stays, to be saved. She lets the lock go; he acquires it and saves. */
  press (fourth, "Use Theirs");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (fourth)), ==, "140.00");
  press (second, "Keep Mine");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (second)), ==, "222");
  g_assert_true (fd_fee_schedule_editor_get_dirty (his_fees));
  press_in_panel (her_fees, "release-lock");
  wait_fees_held (her_fees, FALSE);
  panel = GTK_WIDGET (adw_split_button_get_popover (ADW_SPLIT_BUTTON (
    fd_test_ui_find_descendant (GTK_WIDGET (his_fees), ADW_TYPE_SPLIT_BUTTON))));
  fd_test_ui_popup (GTK_POPOVER (panel));
  fd_test_ui_wait_for_label (panel, "Nobody holds the save lock");
  gtk_popover_popdown (GTK_POPOVER (panel));
  press_in_panel (his_fees, "acquire-lock");
  wait_fees_held (his_fees, TRUE);
  press_save (his_fees);
  wait_fee_stored (fixture, schedule, code[1], "222.00");
  wait_fee_stored (fixture, schedule, code[3], "140.00");
  wait_fee_stored (fixture, schedule, code[2], "130.00");

  /* Her grid follows his save, naming him. */
  g_free (changed_by);
  changed_by = g_strdup_printf ("Changed by %s at ", his.login);
  wait_for_row_text (fee_row (her_fees, fixture, code[1]), "222.00");
  fd_test_ui_wait_for_label (fee_row (her_fees, fixture, code[1]), changed_by);

  /* She opens the third code in Procedure Codes: its fee follows his next save there too. */
  code_id_sql = g_strdup_printf ("SELECT id FROM frontdesk.procedure_codes WHERE code = '%s'",
                                 code[2]);
  code_id = fd_test_query_value (fixture->owner, code_id_sql);
  setup = FD_SETUP_MODULE (fd_window_get_visible_module (hers.window));
  fd_setup_module_show_section (setup, "procedure_codes");
  fd_setup_module_edit (setup, "procedure_codes", code_id);
  dialog = fd_test_desk_wait_for_dialog ("setup-edit-dialog");
  schedule_sql = g_strdup_printf ("SELECT name FROM frontdesk.fee_schedules WHERE id = %s",
                                  schedule);
  schedule_name = fd_test_query_value (fixture->owner, schedule_sql);
  combo.row = fd_test_desk_find_row (GTK_WIDGET (dialog), "Fee schedule");
  fd_test_desk_pick_choice (ADW_COMBO_ROW (combo.row), schedule_name);
  combo.name = schedule_name;
  fd_test_wait_until (combo_shows, &combo, schedule_name);
  fee_field = fd_test_desk_find_row (GTK_WIDGET (dialog), "Fee in this schedule (empty for none)");
  g_assert_nonnull (fee_field);
  wait_for_row_text (fee_field, "130.00");
  fd_fee_schedule_editor_set_fee (his_fees, code[2], "135");
  press_save (his_fees);
  wait_for_row_text (fee_field, "135.00");
  fd_test_ui_wait_for_label (fee_field, changed_by);
  fd_test_desk_answer (dialog, "cancel");
  fd_test_desk_close (&hers);
  fd_test_desk_close (&his);
}


/* Three workstations ---------------------------------------------------------------------- */

static void
type_into (GtkWidget  *window,
           const char *title,
           const char *text)
{
  GtkWidget *row = fd_test_desk_find_row (window, title);

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

/* Carl has the client open and the lock; Ben opens it read-only; Anna takes it over. Anna
 * saves the city and the postal code: Ben, who typed nothing, sees both in place naming her;
 * Carl had typed the city, which is marked with her value and name. Keep Mine and Save: the
 * database, Anna's and Ben's forms show Carl's city. Then both type the region, Anna saves,
 * Carl takes hers with Use Theirs: nothing is left to save, and all three show her region. */
static void
test_three_desks_follow (Fixture       *fixture,
                         gconstpointer  data)
{
  FdTestDesk carl = { 0 };
  GtkWidget *anna_window = GTK_WIDGET (fixture->anna.window);
  GtkWidget *ben_window = GTK_WIDGET (fixture->ben.window);
  GtkWidget *carl_window;
  g_autofree char *id = NULL;
  g_autofree char *changed_by = NULL;
  g_autofree char *saved_by = NULL;
  g_autofree char *name = NULL;
  g_autofree char *value = NULL;
  g_autofree char *shot = NULL;
  GtkWidget *mark;

  fd_test_desk_open (&carl, fixture->dbname, "Reception 3");
  carl_window = GTK_WIDGET (carl.window);
  fd_test_desk_open_first_client (&carl);
  fd_test_desk_wait_for_record (&carl, "Carl's record");
  id = g_strdup (fd_client_editor_get_client_id (carl.editor));
  fd_test_desk_open_first_client (&fixture->ben);
  fd_test_desk_answer (fd_test_desk_wait_for_dialog ("first-warning"), "read-only");
  fd_test_desk_wait_for_record (&fixture->ben, "Ben's read-only record");
  fd_test_desk_open_first_client (&fixture->anna);
  fd_test_desk_answer (fd_test_desk_wait_for_dialog ("first-warning"), "open");
  fd_test_desk_answer (fd_test_desk_wait_for_dialog ("final-confirmation"), "override");
  fd_test_desk_wait_for_record (&fixture->anna, "Anna's record");
  fd_test_desk_answer (fd_test_desk_wait_for_dialog ("lock-lost-dialog"), "ok");

  /* Carl types the city; Anna saves the city and the postal code. */
  type_into (carl_window, "City", "Carls City");
  type_into (anna_window, "City", "Annas City");
  type_into (anna_window, "Postal code", "11111");
  press_save (fixture->anna.editor);
  fd_test_desk_wait_until_clean (fixture->anna.editor, "Anna's save");

  /* Ben: both in place, naming Anna. */
  wait_for_row_text (fd_test_desk_find_row (ben_window, "City"), "Annas City");
  wait_for_row_text (fd_test_desk_find_row (ben_window, "Postal code"), "11111");
  changed_by = g_strdup_printf ("Changed by %s at ", fixture->anna.login);
  fd_test_ui_wait_for_label (fd_test_desk_find_row (ben_window, "City"), changed_by);
  g_assert_false (fd_client_editor_get_dirty (fixture->ben.editor));

  /* Carl: the postal code in place, the city his, marked with Anna's and her name. */
  wait_for_row_text (fd_test_desk_find_row (carl_window, "Postal code"), "11111");
  saved_by = g_strdup_printf ("%s saved ‘Annas City’ at ", fixture->anna.login);
  fd_test_ui_wait_for_label (fd_test_desk_find_row (carl_window, "City"), saved_by);
  g_assert_cmpstr (gtk_editable_get_text (
                     GTK_EDITABLE (fd_test_desk_find_row (carl_window, "City"))), ==,
                   "Carls City");
  mark = find_mark (fd_test_desk_find_row (carl_window, "City"));
  name = g_strdup_printf ("City: %s", gtk_label_get_text (fd_test_ui_find_label (mark, saved_by)));
  assert_accessible_name (mark, GTK_ACCESSIBLE_ROLE_GROUP, name);
  assert_accessible_name (find_button (mark, "Keep Mine"), GTK_ACCESSIBLE_ROLE_BUTTON,
                          "Keep Mine: City");
  show_row (fd_test_desk_find_row (carl_window, "City"));
  shot = fd_test_ui_screenshot (carl_window, "live-three-desks-conflict");

  /* Keep Mine, Save: his city is stored, and shows at Anna's and Ben's desks, naming him. */
  press (fd_test_desk_find_row (carl_window, "City"), "Keep Mine");
  press_save (carl.editor);
  fd_test_desk_wait_until_clean (carl.editor, "Carl's save");
  fd_test_desk_answer (fd_test_desk_wait_for_dialog ("lock-lost-dialog"), "ok");
  value = stored (fixture, id, "city");
  g_assert_cmpstr (value, ==, "Carls City");
  g_free (changed_by);
  changed_by = g_strdup_printf ("Changed by %s at ", carl.login);
  wait_for_row_text (fd_test_desk_find_row (ben_window, "City"), "Carls City");
  fd_test_ui_wait_for_label (fd_test_desk_find_row (ben_window, "City"), changed_by);
  wait_for_row_text (fd_test_desk_find_row (anna_window, "City"), "Carls City");
  fd_test_ui_wait_for_label (fd_test_desk_find_row (anna_window, "City"), changed_by);
  g_free (value);
  value = stored (fixture, id, "postal_code");
  g_assert_cmpstr (value, ==, "11111");

  /* Both type the region; Anna saves; Carl takes hers. */
  type_into (carl_window, "Region", "Carls Region");
  type_into (anna_window, "Region", "Annas Region");
  press_save (fixture->anna.editor);
  fd_test_desk_wait_until_clean (fixture->anna.editor, "Anna's second save");
  fd_test_desk_answer (fd_test_desk_wait_for_dialog ("lock-lost-dialog"), "ok");
  g_free (saved_by);
  saved_by = g_strdup_printf ("%s saved ‘Annas Region’ at ", fixture->anna.login);
  fd_test_ui_wait_for_label (fd_test_desk_find_row (carl_window, "Region"), saved_by);
  press (fd_test_desk_find_row (carl_window, "Region"), "Use Theirs");
  g_assert_cmpstr (gtk_editable_get_text (
                     GTK_EDITABLE (fd_test_desk_find_row (carl_window, "Region"))), ==,
                   "Annas Region");
  g_assert_false (fd_client_editor_get_dirty (carl.editor));
  wait_for_row_text (fd_test_desk_find_row (ben_window, "Region"), "Annas Region");
  g_free (value);
  value = stored (fixture, id, "region");
  g_assert_cmpstr (value, ==, "Annas Region");
  fd_test_desk_close (&carl);
}

static gboolean
practice_named (gpointer user_data)
{
  Fixture *fixture = user_data;
  g_autofree char *name = fd_test_query_value (fixture->owner,
                                               "SELECT name FROM frontdesk.practice");

  return g_strcmp0 (name, "Typed Here Dental") == 0;
}

static gboolean
setup_shown (gpointer user_data)
{
  return FD_IS_SETUP_MODULE (fd_window_get_visible_module (user_data));
}

/* The practice page at an administrator's desk: a setting saved elsewhere shows in place;
 * one typed here is marked; Keep Mine saves it, and only it. */
static void
test_setup_practice_follows (Fixture       *fixture,
                             gconstpointer  data)
{
  FdTestDesk manager = { 0 };
  GtkWidget *window, *name_row, *zone_row;
  g_autofree char *shot = NULL;
  g_autofree char *value = NULL;
  FdSetupModule *setup;

  fd_test_desk_open_as (&manager, fixture->dbname, "Back office", TRUE);
  window = GTK_WIDGET (manager.window);
  fd_test_desk_show_module (&manager, "Setup");
  fd_test_wait_until (setup_shown, manager.window, "the Setup module");
  setup = FD_SETUP_MODULE (fd_window_get_visible_module (manager.window));
  fd_setup_module_show_section (setup, "practice");
  name_row = fd_test_desk_find_row (window, "Practice name");
  zone_row = fd_test_desk_find_row (window, "Appointment grid in minutes");
  /* Opening hours read as they are typed, 08:00, not as the server writes them. */
  value = fd_test_query_value (fixture->owner,
                               "SELECT to_char(opens_at, 'HH24:MI') FROM frontdesk.practice");
  g_assert_cmpstr (gtk_editable_get_text (
                     GTK_EDITABLE (fd_test_desk_find_row (window, "Opens at (HH:MM)"))),
                   ==, value);
  g_clear_pointer (&value, g_free);
  g_assert_nonnull (name_row);
  g_assert_nonnull (zone_row);

  /* Typed here: the name. Saved elsewhere: the name and the grid. */
  gtk_editable_set_text (GTK_EDITABLE (name_row), "Typed Here Dental");
  fd_test_exec (fixture->owner, "UPDATE frontdesk.practice "
                                "SET name = 'Saved Elsewhere Dental', slot_minutes = 20");
  wait_for_row_text (zone_row, "20");
  fd_test_ui_wait_for_label (zone_row, "Changed elsewhere at ");
  fd_test_ui_wait_for_label (name_row, "saved ‘Saved Elsewhere Dental’ at ");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name_row)), ==, "Typed Here Dental");
  shot = fd_test_ui_screenshot (window, "live-setup-practice");

  /* Keep Mine, then Save: the name is written, the grid left as saved elsewhere. */
  fd_test_exec (fixture->owner, "UPDATE frontdesk.practice SET slot_minutes = 15");
  wait_for_row_text (zone_row, "15");
  press (name_row, "Keep Mine");
  fd_test_exec (fixture->owner, "UPDATE frontdesk.practice SET slot_minutes = 10");
  wait_for_row_text (zone_row, "10");
  gtk_widget_activate (fd_test_ui_find_with_class (window, "suggested-action", "Save"));
  fd_test_wait_until (practice_named, fixture, "the practice name saved");
  value = fd_test_query_value (fixture->owner, "SELECT slot_minutes FROM frontdesk.practice");
  g_assert_cmpstr (value, ==, "10");
  fd_test_desk_close (&manager);
}

static FdSetupModule *
open_practice (FdTestDesk *desk,
               const char *dbname,
               const char *workstation)
{
  FdSetupModule *setup;

  fd_test_desk_open_as (desk, dbname, workstation, TRUE);
  fd_test_desk_show_module (desk, "Setup");
  fd_test_wait_until (setup_shown, desk->window, "the Setup module");
  setup = FD_SETUP_MODULE (fd_window_get_visible_module (desk->window));
  fd_setup_module_show_section (setup, "practice");
  return setup;
}

/* Two administrators on the practice page: what one saves shows at the other's desk naming
 * who saved it, in place or marked; the saver's own page shows no mark for its own save. */
static void
test_setup_names_saver (Fixture       *fixture,
                        gconstpointer  data)
{
  FdTestDesk here = { 0 };
  FdTestDesk there = { 0 };
  GtkWidget *window, *name_row, *zone_row, *mark;
  g_autofree char *changed_by = NULL;
  g_autofree char *saved_by = NULL;
  g_autofree char *name = NULL;
  g_autofree char *shot = NULL;
  g_autofree char *value = NULL;

  open_practice (&here, fixture->dbname, "Back office");
  open_practice (&there, fixture->dbname, "Manager desk");
  window = GTK_WIDGET (here.window);
  name_row = fd_test_desk_find_row (window, "Practice name");
  zone_row = fd_test_desk_find_row (window, "Appointment grid in minutes");

  /* Typed here: the name. Saved there, with the real Save button: the name and the grid. */
  gtk_editable_set_text (GTK_EDITABLE (name_row), "Typed Here Dental");
  type_into (GTK_WIDGET (there.window), "Practice name", "Saved There Dental");
  type_into (GTK_WIDGET (there.window), "Appointment grid in minutes", "20");
  gtk_widget_activate (fd_test_ui_find_with_class (GTK_WIDGET (there.window), "suggested-action",
                                                   "Save"));
  wait_for_row_text (zone_row, "20");
  changed_by = g_strdup_printf ("Changed by %s at ", there.login);
  fd_test_ui_wait_for_label (zone_row, changed_by);
  saved_by = g_strdup_printf ("%s saved ‘Saved There Dental’ at ", there.login);
  fd_test_ui_wait_for_label (name_row, saved_by);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name_row)), ==, "Typed Here Dental");
  mark = find_mark (name_row);
  name = g_strdup_printf ("Practice name: %s",
                          gtk_label_get_text (fd_test_ui_find_label (mark, saved_by)));
  assert_accessible_name (mark, GTK_ACCESSIBLE_ROLE_GROUP, name);
  g_free (name);
  name = g_strdup_printf ("Changed by %s (Manager desk) at ", there.login);
  g_assert_true (g_str_has_prefix (gtk_widget_get_tooltip_text (zone_row), name));
  shot = fd_test_ui_screenshot (window, "live-setup-names-saver");

  /* The saver's own page: its values, no mark. */
  g_assert_null (find_mark (fd_test_desk_find_row (GTK_WIDGET (there.window), "Practice name")));
  g_assert_null (find_mark (fd_test_desk_find_row (GTK_WIDGET (there.window),
                                                   "Appointment grid in minutes")));

  /* Use Theirs: their name here, nothing left to save. */
  press (name_row, "Use Theirs");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name_row)), ==, "Saved There Dental");
  value = fd_test_query_value (fixture->owner, "SELECT name FROM frontdesk.practice");
  g_assert_cmpstr (value, ==, "Saved There Dental");
  fd_test_desk_close (&there);
  fd_test_desk_close (&here);
}

/* @desk's open Setup edit dialog. */
static GtkWidget *
edit_dialog_of (FdTestDesk *desk)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (gtk_widget_has_css_class (GTK_WIDGET (window), "setup-edit-dialog") &&
          gtk_widget_get_visible (GTK_WIDGET (window)) &&
          gtk_window_get_transient_for (window) == GTK_WINDOW (desk->window))
        return GTK_WIDGET (window);
    }
  return NULL;
}

static gboolean
edit_dialog_shown (gpointer user_data)
{
  return edit_dialog_of (user_data) != NULL;
}

static GtkWidget *
edit_operatory (FdTestDesk    *desk,
                FdSetupModule *setup,
                const char    *id)
{
  fd_setup_module_show_section (setup, "operatories");
  fd_setup_module_edit (setup, "operatories", id);
  fd_test_wait_until (edit_dialog_shown, desk, "the operatory's dialog");
  return edit_dialog_of (desk);
}

/* Two administrators edit one operatory in Setup's dialog: the name saved there shows here
 * in place, naming who saved it; the abbreviation typed here is marked with theirs; Keep
 * Mine and Save write only the abbreviation. */
static void
test_setup_dialog_names_saver (Fixture       *fixture,
                               gconstpointer  data)
{
  FdTestDesk here = { 0 };
  FdTestDesk there = { 0 };
  g_autofree char *id = fd_test_query_value (fixture->owner,
                                             "SELECT min(id) FROM frontdesk.operatories");
  g_autofree char *sql = g_strdup_printf ("SELECT name || '|' || abbreviation FROM "
                                          "frontdesk.operatories WHERE id = %s", id);
  g_autofree char *changed_by = NULL;
  g_autofree char *saved_by = NULL;
  GtkWidget *mine, *theirs;
  FdSetupModule *setup;

  setup = open_practice (&here, fixture->dbname, "Back office");
  mine = edit_operatory (&here, setup, id);
  setup = open_practice (&there, fixture->dbname, "Manager desk");
  theirs = edit_operatory (&there, setup, id);

  type_into (mine, "Abbreviation", "HERE");
  type_into (theirs, "Name", "There Room");
  type_into (theirs, "Abbreviation", "THR");
  fd_test_desk_answer (ADW_MESSAGE_DIALOG (theirs), "save");
  fd_test_wait_for_value (fixture->owner, sql, "There Room|THR");

  wait_for_row_text (fd_test_desk_find_row (mine, "Name"), "There Room");
  changed_by = g_strdup_printf ("Changed by %s at ", there.login);
  fd_test_ui_wait_for_label (fd_test_desk_find_row (mine, "Name"), changed_by);
  saved_by = g_strdup_printf ("%s saved ‘THR’ at ", there.login);
  fd_test_ui_wait_for_label (fd_test_desk_find_row (mine, "Abbreviation"), saved_by);
  g_assert_cmpstr (gtk_editable_get_text (
                     GTK_EDITABLE (fd_test_desk_find_row (mine, "Abbreviation"))), ==,
                   "HERE");
  press (fd_test_desk_find_row (mine, "Abbreviation"), "Keep Mine");
  fd_test_desk_answer (ADW_MESSAGE_DIALOG (mine), "save");
  fd_test_wait_for_value (fixture->owner, sql, "There Room|HERE");
  fd_test_desk_close (&there);
  fd_test_desk_close (&here);
}

/* The date of birth follows as the other fields do, in the locale's form: typed wrong, a
 * sentence and no save; saved at one desk as year-month-day, shown at the other as it reads
 * dates; typed at both, marked with the other's date in its own form. */
static void
test_date_of_birth_follows (Fixture       *fixture,
                            gconstpointer  data)
{
  GtkWidget *anna_window = GTK_WIDGET (fixture->anna.window);
  GtkWidget *ben_window = GTK_WIDGET (fixture->ben.window);
  GtkWidget *anna_row, *ben_row;
  g_autofree char *id = NULL;
  g_autofree char *before = NULL;
  g_autofree char *value = NULL;
  g_autofree char *changed_by = NULL;
  g_autofree char *saved_by = NULL;
  g_autofree char *shot = NULL;

  id = open_on_both (fixture);
  anna_row = fd_test_desk_find_row (anna_window, "Date of birth");
  ben_row = fd_test_desk_find_row (ben_window, "Date of birth");
  g_assert_true (FD_IS_DATE_ROW (anna_row) && FD_IS_DATE_ROW (ben_row));
  before = stored (fixture, id, "birth_date::text");

  /* Typed wrong: the sentence under Identity, and the save refused. */
  fd_client_editor_set_field (fixture->anna.editor, "birth_date", "2/30/1990");
  fd_test_ui_wait_for_label (anna_window, "That month has no day 30.");
  g_assert_true (gtk_widget_has_css_class (anna_row, "error"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->anna.editor), "editor.save",
                                             NULL));
  fd_test_ui_wait_for_label (anna_window, "Not saved: correct the marked fields first.");
  value = stored (fixture, id, "birth_date::text");
  g_assert_cmpstr (value, ==, before);

  /* Typed right, month/day/year here: stored as the database writes days; Ben, who typed
   * nothing there, sees it as his desk writes dates, with who changed it. */
  fd_client_editor_set_field (fixture->anna.editor, "birth_date", "6/15/1979");
  g_assert_false (gtk_widget_has_css_class (anna_row, "error"));
  fd_test_desk_save (&fixture->anna);
  g_free (value);
  value = stored (fixture, id, "birth_date::text");
  g_assert_cmpstr (value, ==, "1979-06-15");
  wait_for_row_text (ben_row, "06/15/1979");
  changed_by = g_strdup_printf ("Changed by %s at ", fixture->anna.login);
  fd_test_ui_wait_for_label (ben_row, changed_by);
  g_assert_false (fd_client_editor_get_dirty (fixture->ben.editor));

  /* Both type it: Ben's stays as he typed it, marked with Anna's date in his desk's form;
   * Use Theirs takes hers and leaves him nothing to save. */
  fd_client_editor_set_field (fixture->ben.editor, "birth_date", "1/2/1980");
  fd_client_editor_set_field (fixture->anna.editor, "birth_date", "3/4/1981");
  fd_test_desk_save (&fixture->anna);
  saved_by = g_strdup_printf ("%s saved ‘03/04/1981’ at ", fixture->anna.login);
  fd_test_ui_wait_for_label (ben_row, saved_by);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ben_row)), ==, "1/2/1980");
  g_assert_true (gtk_widget_has_css_class (ben_row, "field-conflict"));
  show_row (ben_row);
  shot = fd_test_ui_screenshot (ben_window, "live-date-of-birth-conflict");
  press (ben_row, "Use Theirs");
  wait_for_row_text (ben_row, "03/04/1981");
  fd_test_desk_wait_until_clean (fixture->ben.editor, "Ben's form to hold nothing unsaved");
}

int
main (int   argc,
      char *argv[])
{
  fd_test_ui_init (&argc, &argv);

  g_test_add ("/frontdesk/ui/live-forms/client-details-follow", Fixture, NULL,
              fd_test_office_setup, test_client_details_follow, fd_test_office_teardown);
  g_test_add ("/frontdesk/ui/live-forms/date-of-birth-follows", Fixture, NULL,
              fd_test_office_setup, test_date_of_birth_follows, fd_test_office_teardown);
  g_test_add ("/frontdesk/ui/live-forms/appointment-editor-follows", Fixture, NULL,
              fd_test_office_setup, test_appointment_editor_follows, fd_test_office_teardown);
  g_test_add ("/frontdesk/ui/live-forms/account-follows", Fixture, NULL,
              fd_test_office_setup, test_account_follows, fd_test_office_teardown);
  g_test_add ("/frontdesk/ui/live-forms/account-follows-same-record", Fixture, "same",
              fd_test_office_setup, test_account_follows, fd_test_office_teardown);
  g_test_add ("/frontdesk/ui/live-forms/fee-schedule-follows", Fixture, NULL,
              fd_test_office_setup, test_fee_schedule_follows, fd_test_office_teardown);
  g_test_add ("/frontdesk/ui/live-forms/three-desks-follow", Fixture, NULL,
              fd_test_office_setup, test_three_desks_follow, fd_test_office_teardown);
  g_test_add ("/frontdesk/ui/live-forms/setup-practice-follows", Fixture, NULL,
              fd_test_office_setup, test_setup_practice_follows, fd_test_office_teardown);

  g_test_add ("/frontdesk/ui/live-forms/setup-names-saver", Fixture, NULL,
              fd_test_office_setup, test_setup_names_saver, fd_test_office_teardown);

  g_test_add ("/frontdesk/ui/live-forms/setup-dialog-names-saver", Fixture, NULL,
              fd_test_office_setup, test_setup_dialog_names_saver, fd_test_office_teardown);

  return fd_test_run ();
}
