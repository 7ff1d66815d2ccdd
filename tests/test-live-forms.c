/* test-live-forms.c: open forms follow the database, with two workstations driving the
 * widgets: a field another desk saves updates in place with who changed it, and a field
 * typed here that they saved is marked inline with their value, name, Use Theirs and Keep
 * Mine; the buttons settle it and the save sends only what is still the person's own.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "fd-appointment-editor.h"
#include "fd-appointments-module.h"
#include "fd-clients-module.h"
#include "fd-date-row.h"
#include "fd-day-view.h"
#include "fd-setup-module.h"
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

/* The row titled @title. */
static GtkWidget *
find_row (GtkWidget  *root,
          const char *title)
{
  if (ADW_IS_PREFERENCES_ROW (root) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row (child, title);

      if (found != NULL)
        return found;
    }
  return NULL;
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
  gtk_widget_activate (find_button (find_mark (row), label));
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
  city_row = find_row (ben_window, "City");
  region_row = find_row (ben_window, "Region");
  postal_row = find_row (ben_window, "Postal code");
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

/* @desk's appointment editor, once it shows. */
static FdAppointmentEditor *
find_editor (FdTestDesk *desk)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (FD_IS_APPOINTMENT_EDITOR (window) && gtk_widget_get_visible (GTK_WIDGET (window)) &&
          gtk_window_get_transient_for (window) == GTK_WINDOW (desk->window))
        return FD_APPOINTMENT_EDITOR (window);
    }
  return NULL;
}

static gboolean
editor_shown (gpointer user_data)
{
  return find_editor (user_data) != NULL;
}

static gboolean
editor_gone (gpointer user_data)
{
  return find_editor (user_data) == NULL;
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
  fd_test_wait_until (editor_shown, booking->desk, "the appointment editor");
  return find_editor (booking->desk);
}

static void
save_appointment (FdTestDesk          *desk,
                  FdAppointmentEditor *editor)
{
  gtk_widget_activate (fd_test_ui_find_with_class (GTK_WIDGET (editor), "suggested-action", NULL));
  fd_test_wait_until (editor_gone, desk, "the editor to close after saving");
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
  note_row = find_row (GTK_WIDGET (ben), "Note");
  length_row = find_row (GTK_WIDGET (ben), "Length in minutes");
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
  note_row = find_row (GTK_WIDGET (ben), "Note");
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
  fd_test_wait_until (editor_gone, &fixture->ben, "Ben's merged save");
  g_free (value);
  value = stored_appointment (fixture, parts[0], "note");
  g_assert_cmpstr (value, ==, "Bens note");
}

/* Setup ------------------------------------------------------------------------------------ */

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
  name_row = find_row (window, "Practice name");
  zone_row = find_row (window, "Appointment grid in minutes");
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
  anna_row = find_row (anna_window, "Date of birth");
  ben_row = find_row (ben_window, "Date of birth");
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
  g_test_add ("/frontdesk/ui/live-forms/setup-practice-follows", Fixture, NULL,
              fd_test_office_setup, test_setup_practice_follows, fd_test_office_teardown);

  return fd_test_run ();
}
