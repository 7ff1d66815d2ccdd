/* test-clients.c: a day's work on clients at two workstations, driven through the widgets a
 * person touches: New Client (checked as typed, possible duplicates with a way to open the
 * existing client, the family picked by search), and the server's rules behind it.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "fd-account-section.h"
#include "fd-client-directory.h"
#include "fd-client-row.h"
#include "fd-clients-module.h"
#include "fd-client-editor-private.h"
#include "fd-date-row.h"
#include "fd-format.h"
#include "fd-new-client-dialog.h"
#include "fd-procedure-dialog.h"
#include "fd-setup-module.h"
#include "fd-test-desk.h"
#include "fd-test-server.h"
#include "fd-test-ui.h"
#include "fd-window.h"

typedef FdTestOffice Fixture;

/* Finding what a person sees ------------------------------------------------------------- */

static GtkWidget *
find_actionable (GtkWidget  *root,
                 const char *action_name)
{
  if (GTK_IS_BUTTON (root) && gtk_widget_get_mapped (root) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), action_name) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_actionable (child, action_name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Presses the button, as a click would (its "clicked" arrives a moment later). */
static void
press (GtkWidget *button)
{
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  gtk_widget_activate (button);
}

static void
type_into (FdNewClientDialog *dialog,
           const char        *column,
           const char        *text)
{
  GtkEditable *row = fd_new_client_dialog_get_row (dialog, column);

  gtk_widget_grab_focus (GTK_WIDGET (row));
  gtk_editable_set_text (row, text);
}

static guint
count_rows (GtkListBox *list)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n++;
  return n;
}

static GtkWidget *
find_row_titled (GtkListBox *list,
                 const char *title)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (ADW_IS_PREFERENCES_ROW (child) &&
          g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child)), title) == 0)
        return child;
    }
  return NULL;
}

typedef struct
{
  GtkListBox *list;
  const char *title;
} RowWait;

static gboolean
row_listed (gpointer user_data)
{
  RowWait *wait = user_data;

  return gtk_widget_get_mapped (GTK_WIDGET (wait->list)) &&
         find_row_titled (wait->list, wait->title) != NULL;
}

static gboolean
list_unmapped (gpointer user_data)
{
  return !gtk_widget_get_mapped (user_data);
}

static gboolean
no_dialog (gpointer user_data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (FD_IS_NEW_CLIENT_DIALOG (window))
        return FALSE;
    }
  return TRUE;
}

static gboolean
action_enabled (gpointer user_data)
{
  return gtk_widget_is_sensitive (user_data);
}

typedef struct
{
  FdClientEditor *editor;
  const char     *id;
} EditorWait;

static gboolean
editor_shows (gpointer user_data)
{
  EditorWait *wait = user_data;

  return g_strcmp0 (fd_client_editor_get_client_id (wait->editor), wait->id) == 0;
}

typedef struct
{
  GListModel *results;
  const char *name;
} ListedWait;

static gboolean
client_listed (gpointer user_data)
{
  ListedWait *wait = user_data;

  for (guint i = 0; i < g_list_model_get_n_items (wait->results); i++)
    {
      g_autoptr(FdClientSummary) summary = g_list_model_get_item (wait->results, i);

      if (g_str_equal (fd_client_summary_get_name (summary), wait->name))
        return TRUE;
    }
  return FALSE;
}

static FdNewClientDialog *
open_new_client (FdTestDesk *desk)
{
  FdNewClientDialog *dialog;

  /* The New Client button beside the search, named for a screen reader. */
  GtkWidget *button = find_actionable (GTK_WIDGET (desk->module), "clients.new-client");

  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_ROLE_BUTTON);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "New Client");
  press (button);
  dialog = FD_NEW_CLIENT_DIALOG (fd_test_ui_wait_for_window (FD_TYPE_NEW_CLIENT_DIALOG));
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (dialog), GTK_ACCESSIBLE_ROLE_WINDOW);
  return dialog;
}

/* Under Family, "Pays for themselves", as a click on its row. */
static void
choose_pays_for_themselves (FdNewClientDialog *dialog)
{
  GtkWidget *self_row = GTK_WIDGET (fd_test_ui_find_label (GTK_WIDGET (dialog),
                                                           "Pays for themselves"));

  while (self_row != NULL && !ADW_IS_ACTION_ROW (self_row))
    self_row = gtk_widget_get_parent (self_row);
  g_assert_nonnull (self_row);
  gtk_widget_activate (self_row);
}

/* New Client: one desk adds, the other finds ---------------------------------------------- */

static void
test_new_client_found_at_the_other_desk (Fixture       *fixture,
                                         gconstpointer  data)
{
  FdNewClientDialog *dialog;
  GtkWidget *add_button;
  g_autofree char *member = NULL;
  g_autofree char *member_name = NULL;
  g_autofree char *member_last = NULL;
  g_autofree char *guarantor = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *new_id = NULL;
  g_autofree char *shot = NULL;
  g_autofree char *sql = NULL;
  ListedWait listed = { fd_clients_module_get_results (fixture->ben.module), "Lindqvist, Marit" };
  EditorWait shown = { fixture->anna.editor, NULL };

  /* A member of a family, not the one who pays: joining them joins their guarantor. */
  member = fd_test_query_value (fixture->owner, "SELECT min(id) FROM frontdesk.clients "
                                                "WHERE guarantor_id <> id");
  sql = g_strdup_printf ("SELECT last_name || ', ' || first_name || '|' || last_name || '|' || "
                         "guarantor_id FROM frontdesk.clients WHERE id = %s", member);
  {
    g_autofree char *row = fd_test_query_value (fixture->owner, sql);
    g_auto(GStrv) parts = g_strsplit (row, "|", 3);

    member_name = g_strdup (parts[0]);
    member_last = g_strdup (parts[1]);
    guarantor = g_strdup (parts[2]);
  }

  /* Ben is searching for her before she exists. */
  fd_test_desk_wait_for_list (fixture->ben.module, "Ben's list");
  fd_clients_module_search (fixture->ben.module, "Lindqvist");
  fd_test_ui_wait_for_label (GTK_WIDGET (fixture->ben.window), "No client matches.");

  fd_test_desk_wait_for_list (fixture->anna.module, "Anna's list");
  dialog = open_new_client (&fixture->anna);
  add_button = find_actionable (GTK_WIDGET (dialog), "new-client.add");
  g_assert_false (gtk_widget_is_sensitive (add_button));

  /* Checked as typed, in sentences. */
  type_into (dialog, "first_name", "Marit");
  type_into (dialog, "last_name", "Lindqvist");
  type_into (dialog, "email", "marit at home");
  fd_test_ui_wait_for_label (GTK_WIDGET (dialog), "An email address looks like name@example.org.");
  type_into (dialog, "birth_date", "13/40/1984");
  fd_test_ui_wait_for_label (GTK_WIDGET (dialog), "There is no month 13: write the date as");
  type_into (dialog, "phone_mobile", "0711 abc");
  fd_test_ui_wait_for_label (GTK_WIDGET (dialog), "A phone number holds digits");
  g_assert_false (gtk_widget_is_sensitive (add_button));
  g_free (shot);
  shot = fd_test_ui_screenshot (GTK_WIDGET (dialog), "new-client-checked-as-typed");

  type_into (dialog, "email", "marit@example.org");
  type_into (dialog, "birth_date", "1984-03-27");
  type_into (dialog, "phone_mobile", "+46 70 555 01 99");
  g_assert_null (fd_test_ui_find_label (GTK_WIDGET (dialog), "An email address looks like"));
  /* Complete but for the family: Add says what is missing. */
  g_assert_false (gtk_widget_is_sensitive (add_button));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (add_button), ==,
                   "Choose who pays for the client, under Family.");

  /* The family: search the member by name, pick them from the list. */
  type_into (dialog, "city", "Harbour View");
  fd_test_desk_pick_family (fd_new_client_dialog_get_family_picker (dialog), member_last,
                            member_name);
  fd_test_wait_until (action_enabled, add_button, "Add Client to be offered");
  g_assert_cmpstr (fd_new_client_dialog_get_guarantor_id (dialog), ==, guarantor);
  fd_test_ui_wait_for_label (GTK_WIDGET (dialog), "who pays");
  {
    /* Scrolled down to the family, as the person is. */
    GtkScrolledWindow *scrolled = GTK_SCROLLED_WINDOW (
      fd_test_ui_find_descendant (GTK_WIDGET (dialog), GTK_TYPE_SCROLLED_WINDOW));
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (scrolled);

    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  }
  g_free (shot);
  shot = fd_test_ui_screenshot (GTK_WIDGET (dialog), "new-client-family-picked");

  press (add_button);
  fd_test_wait_until (no_dialog, NULL, "New Client to close");
  new_id = fd_test_query_value (fixture->owner, "SELECT max(id) FROM frontdesk.clients");
  g_free (sql);
  sql = g_strdup_printf ("SELECT first_name || ' ' || last_name || ' ' || birth_date || ' ' || "
                         "phone_mobile || ' ' || email || ' ' || city || ' ' || guarantor_id "
                         "FROM frontdesk.clients WHERE id = %s", new_id);
  stored = fd_test_query_value (fixture->owner, sql);
  {
    g_autofree char *expected = g_strdup_printf ("Marit Lindqvist 1984-03-27 +46 70 555 01 99 "
                                                 "marit@example.org Harbour View %s", guarantor);

    g_assert_cmpstr (stored, ==, expected);
  }

  /* Anna's Client Details shows her; the toast says what was saved. */
  shown.id = new_id;
  fd_test_wait_until (editor_shows, &shown, "the new client in Anna's Client Details");
  fd_test_desk_wait_for_record (&fixture->anna, "the new client's record");
  fd_test_ui_wait_for_label (GTK_WIDGET (fixture->anna.window), "Added Marit Lindqvist");

  /* Ben's list, untouched by him, shows her within the refresh. */
  fd_test_wait_until (client_listed, &listed, "the new client in Ben's search");
  g_free (shot);
  shot = fd_test_ui_screenshot (GTK_WIDGET (fixture->ben.window), "new-client-at-the-other-desk");
}

/* New Client: the same person twice is seen before saving --------------------------------- */

static void
test_new_client_duplicate_opens_existing (Fixture       *fixture,
                                          gconstpointer  data)
{
  FdNewClientDialog *dialog;
  g_autofree char *row = NULL;
  g_auto(GStrv) parts = NULL;
  g_autofree char *title = NULL;
  g_autofree char *open_name = NULL;
  g_autofree char *shot = NULL;
  g_autofree char *count_before = NULL;
  g_autofree char *count_after = NULL;
  g_autofree char *phone_sql = NULL;
  GtkListBox *duplicates;
  GtkWidget *duplicate_row;
  GtkWidget *open_button;
  RowWait wait;
  EditorWait shown = { fixture->anna.editor, NULL };

  fd_test_exec (fixture->owner, "UPDATE frontdesk.clients SET birth_date = '1971-06-05', "
                                "phone_home = '0711 / 22 33 44' WHERE id = 5");
  row = fd_test_query_value (fixture->owner, "SELECT first_name || '|' || last_name || '|' || "
                                             "last_name || ', ' || first_name "
                                             "FROM frontdesk.clients WHERE id = 5");
  parts = g_strsplit (row, "|", 3);
  count_before = fd_test_query_value (fixture->owner, "SELECT count(*) FROM frontdesk.clients");

  fd_test_desk_wait_for_list (fixture->anna.module, "Anna's list");
  dialog = open_new_client (&fixture->anna);
  duplicates = fd_new_client_dialog_get_duplicates (dialog);

  /* The same phone, written otherwise, is a possible duplicate by itself. */
  type_into (dialog, "phone_work", "0711223344");
  wait.list = duplicates;
  wait.title = parts[2];
  fd_test_wait_until (row_listed, &wait, "the client of the same phone among the duplicates");
  fd_test_ui_wait_for_label (GTK_WIDGET (dialog), "the same phone number");
  type_into (dialog, "phone_work", "");
  fd_test_wait_until (list_unmapped, duplicates, "the duplicates to go with the phone");

  /* The same name (in other letter case) and date of birth. */
  title = g_utf8_strup (parts[0], -1);
  type_into (dialog, "first_name", title);
  type_into (dialog, "last_name", parts[1]);
  type_into (dialog, "birth_date", "1971-06-05");
  fd_test_wait_until (row_listed, &wait, "the client of the same name among the duplicates");
  fd_test_ui_wait_for_label (GTK_WIDGET (dialog), "the same name and date of birth");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (duplicates),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Possible duplicates");
  g_assert_cmpuint (count_rows (duplicates), ==, 1);
  g_free (shot);
  shot = fd_test_ui_screenshot (GTK_WIDGET (dialog), "new-client-possible-duplicate");

  /* Its Open button, named for a screen reader, opens the existing client instead. */
  duplicate_row = find_row_titled (duplicates, parts[2]);
  open_button = find_actionable (duplicate_row, "new-client.open-existing");
  open_name = g_strdup_printf ("Open %s", parts[2]);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (open_button),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, open_name);
  press (open_button);
  fd_test_wait_until (no_dialog, NULL, "New Client to close");
  shown.id = "5";
  fd_test_wait_until (editor_shows, &shown, "the existing client in Client Details");
  fd_test_desk_wait_for_record (&fixture->anna, "the existing client's record");
  count_after = fd_test_query_value (fixture->owner, "SELECT count(*) FROM frontdesk.clients");
  g_assert_cmpstr (count_after, ==, count_before);
}

/* New Client: pays for themselves; Cancel keeps nothing ---------------------------------- */

static void
test_new_client_pays_for_themselves (Fixture       *fixture,
                                     gconstpointer  data)
{
  FdNewClientDialog *dialog;
  GtkWidget *add_button;
  g_autofree char *count_before = NULL;
  g_autofree char *count_after = NULL;
  g_autofree char *own = NULL;

  count_before = fd_test_query_value (fixture->owner, "SELECT count(*) FROM frontdesk.clients");
  fd_test_desk_wait_for_list (fixture->anna.module, "Anna's list");

  /* Cancel: nothing is stored. */
  dialog = open_new_client (&fixture->anna);
  type_into (dialog, "first_name", "Half");
  type_into (dialog, "last_name", "Made");
  press (find_actionable (GTK_WIDGET (dialog), "window.close"));
  fd_test_wait_until (no_dialog, NULL, "New Client to close on Cancel");
  count_after = fd_test_query_value (fixture->owner, "SELECT count(*) FROM frontdesk.clients");
  g_assert_cmpstr (count_after, ==, count_before);

  dialog = open_new_client (&fixture->anna);
  add_button = find_actionable (GTK_WIDGET (dialog), "new-client.add");
  type_into (dialog, "first_name", "Jon");
  type_into (dialog, "last_name", "Ekberg");
  type_into (dialog, "last_name", "");
  fd_test_ui_wait_for_label (GTK_WIDGET (dialog), "Last name is needed.");
  type_into (dialog, "last_name", "Ekberg");
  choose_pays_for_themselves (dialog);
  fd_test_wait_until (action_enabled, add_button, "Add Client to be offered");
  press (add_button);
  fd_test_wait_until (no_dialog, NULL, "New Client to close");

  own = fd_test_query_value (fixture->owner, "SELECT (guarantor_id = id)::text FROM "
                                             "frontdesk.clients WHERE last_name = 'Ekberg'");
  g_assert_cmpstr (own, ==, "true");
}

/* The family in the Account section ------------------------------------------------------ */

static GtkWidget *
account_of (FdTestDesk *desk)
{
  return fd_test_ui_find_descendant (GTK_WIDGET (desk->editor), FD_TYPE_ACCOUNT_SECTION);
}

static gboolean
widget_sensitive (gpointer user_data)
{
  return gtk_widget_is_sensitive (user_data);
}

static gboolean
widget_insensitive (gpointer user_data)
{
  return !gtk_widget_is_sensitive (user_data);
}

static void
test_family_members_and_move (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *payer = NULL;
  g_autofree char *member = NULL;
  g_autofree char *other = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *payer_title = NULL;
  g_autofree char *other_title = NULL;
  g_autofree char *other_last = NULL;
  g_autofree char *stranger = NULL;
  g_autofree char *stranger_payer = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *open_name = NULL;
  g_autofree char *shot = NULL;
  GtkWidget *open_button = NULL;
  GtkWidget *anna_move;
  GtkWidget *ben_move;
  EditorWait shown = { fixture->anna.editor, NULL };

  payer = fd_test_query_value (fixture->owner, "SELECT guarantor_id FROM frontdesk.clients "
                                               "GROUP BY guarantor_id HAVING count(*) >= 3 "
                                               "ORDER BY 1 LIMIT 1");
  sql = g_strdup_printf ("SELECT min(id) FROM frontdesk.clients WHERE guarantor_id = %s "
                         "AND id <> %s", payer, payer);
  member = fd_test_query_value (fixture->owner, sql);
  g_free (sql);
  sql = g_strdup_printf ("SELECT max(id) FROM frontdesk.clients WHERE guarantor_id = %s "
                         "AND id <> %s", payer, payer);
  other = fd_test_query_value (fixture->owner, sql);
  g_free (sql);
  sql = g_strdup_printf ("SELECT last_name || ', ' || first_name FROM frontdesk.clients "
                         "WHERE id = %s", payer);
  payer_title = fd_test_query_value (fixture->owner, sql);
  g_free (sql);
  sql = g_strdup_printf ("SELECT last_name || ', ' || first_name FROM frontdesk.clients "
                         "WHERE id = %s", other);
  other_title = fd_test_query_value (fixture->owner, sql);
  stranger = fd_test_query_value (fixture->owner, "SELECT min(id) FROM frontdesk.clients "
                                                  "WHERE guarantor_id = id AND id NOT IN "
                                                  "(SELECT guarantor_id FROM frontdesk.clients "
                                                  "WHERE id <> guarantor_id)");
  g_free (sql);
  sql = g_strdup_printf ("SELECT last_name FROM frontdesk.clients WHERE id = %s", stranger);
  other_last = fd_test_query_value (fixture->owner, sql);
  g_free (sql);
  sql = g_strdup_printf ("SELECT last_name || ', ' || first_name FROM frontdesk.clients "
                         "WHERE id = %s", stranger);
  stranger_payer = fd_test_query_value (fixture->owner, sql);

  /* Anna opens a member: the Account section names who pays and lists the family. */
  fd_test_desk_wait_for_list (fixture->anna.module, "Anna's list");
  fd_client_editor_open (fixture->anna.editor, member);
  fd_test_desk_wait_for_record (&fixture->anna, "the member's record");
  fd_test_ui_wait_for_label (account_of (&fixture->anna), "Family: ");
  fd_test_ui_wait_for_label (account_of (&fixture->anna), "pays for the family");
  fd_test_ui_wait_for_label (account_of (&fixture->anna), payer_title);
  fd_test_ui_wait_for_label (account_of (&fixture->anna), other_title);

  /* Each other member has an Open button named for a screen reader; it opens them. */
  open_name = g_strdup_printf ("Open %s", other_title);
  {
    GtkWidget *row = GTK_WIDGET (fd_test_ui_find_label (account_of (&fixture->anna),
                                                        other_title));

    while (row != NULL && !ADW_IS_ACTION_ROW (row))
      row = gtk_widget_get_parent (row);
    open_button = find_actionable (row, "clients.open-client");
  }
  g_assert_nonnull (open_button);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (open_button),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, open_name);
  {
    GtkWidget *members = gtk_widget_get_ancestor (open_button, GTK_TYPE_LIST_BOX);

    gtk_test_accessible_assert_role (GTK_ACCESSIBLE (members), GTK_ACCESSIBLE_ROLE_LIST);
    gtk_widget_grab_focus (open_button);
  }
  g_free (shot);
  shot = fd_test_ui_screenshot (GTK_WIDGET (fixture->anna.window), "account-family-members");
  press (open_button);
  shown.id = other;
  fd_test_wait_until (editor_shows, &shown, "the other member in Client Details");
  fd_test_desk_wait_for_record (&fixture->anna, "the other member's record");

  /* Ben opens the first member: Anna holds the family's save lock, so his Change… is off
   * while hers is on. */
  fd_client_editor_open (fixture->ben.editor, member);
  fd_test_desk_wait_for_record (&fixture->ben, "Ben's member record");
  anna_move = fd_test_ui_find_descendant (account_of (&fixture->anna), GTK_TYPE_MENU_BUTTON);
  ben_move = fd_test_ui_find_descendant (account_of (&fixture->ben), GTK_TYPE_MENU_BUTTON);
  fd_test_wait_until (widget_sensitive, anna_move, "Anna's Change button");
  fd_test_ui_wait_for_label (account_of (&fixture->ben), "holds the save lock");
  fd_test_wait_until (widget_insensitive, ben_move, "Ben's Change button to be off");

  /* Anna moves the member she has open to a family found by name, and saves. */
  fd_test_desk_change_family (account_of (&fixture->anna), other_last, stranger_payer);
  fd_test_ui_wait_for_label (account_of (&fixture->anna), "Moves to the family of");
  fd_test_ui_wait_for_label (account_of (&fixture->anna), "Save to move");
  g_free (shot);
  shot = fd_test_ui_screenshot (GTK_WIDGET (fixture->anna.window), "account-moving");
  fd_test_desk_save (&fixture->anna);
  g_free (sql);
  sql = g_strdup_printf ("SELECT guarantor_id FROM frontdesk.clients WHERE id = %s", other);
  stored = fd_test_query_value (fixture->owner, sql);
  g_assert_cmpstr (stored, ==, stranger);
  fd_test_ui_wait_for_label (GTK_WIDGET (fixture->anna.window), "Saved");
}

/* Procedures and notes at the desk ------------------------------------------------------- */

typedef struct
{
  GtkWidget  *root;
  const char *action;
  const char *title_part;
} ButtonWait;

/* The button for @action in the procedure row whose title holds @title_part. */
static GtkWidget *
find_row_button (ButtonWait *wait)
{
  GtkWidget *label = GTK_WIDGET (fd_test_ui_find_label (wait->root, wait->title_part));
  GtkWidget *row = label;

  while (row != NULL && !ADW_IS_ACTION_ROW (row))
    row = gtk_widget_get_parent (row);
  return row != NULL ? find_actionable (row, wait->action) : NULL;
}

static gboolean
row_button_shown (gpointer user_data)
{
  return find_row_button (user_data) != NULL;
}

static gboolean
row_button_gone (gpointer user_data)
{
  return find_row_button (user_data) == NULL;
}

static GtkWidget *
wait_for_row_button (GtkWidget  *root,
                     const char *action,
                     const char *title_part)
{
  ButtonWait wait = { root, action, title_part };

  fd_test_wait_until (row_button_shown, &wait, action);
  return find_row_button (&wait);
}

typedef struct
{
  Fixture    *fixture;
  const char *sql;
  const char *expected;
} StoredWait;

static gboolean
stored_is (gpointer user_data)
{
  StoredWait *wait = user_data;
  g_autofree char *value = fd_test_query_value (wait->fixture->owner, wait->sql);

  return g_strcmp0 (value, wait->expected) == 0;
}

static gboolean
toggle_active (gpointer user_data)
{
  return gtk_toggle_button_get_active (user_data);
}

static void
write_note (GtkWidget  *button,
            const char *text)
{
  AdwMessageDialog *dialog;
  GtkTextView *view;

  press (button);
  dialog = fd_test_desk_wait_for_dialog ("note-dialog");
  view = GTK_TEXT_VIEW (fd_test_ui_find_descendant (GTK_WIDGET (dialog), GTK_TYPE_TEXT_VIEW));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Note");
  gtk_widget_grab_focus (GTK_WIDGET (view));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text, -1);
  fd_test_desk_answer (dialog, "save");
}

static void
test_procedures_and_notes (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *client = NULL;
  g_autofree char *code = NULL;
  g_autofree char *description = NULL;
  g_autofree char *code_title = NULL;
  g_autofree char *schedule_fee = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *procedure_sql = NULL;
  g_autofree char *shot = NULL;
  g_autofree char *versions = NULL;
  FdProcedureDialog *dialog;
  GtkWidget *add_button;
  GtkWidget *code_row;
  StoredWait stored = { fixture, NULL, NULL };
  g_autofree char *shown_day = NULL;
  RowWait code_wait;

  /* A client whose family has a fee schedule, and a code it has a fee for. */
  client = fd_test_query_value (fixture->owner,
                                "SELECT min(c.id) FROM frontdesk.clients c "
                                "JOIN frontdesk.clients g ON g.id = c.guarantor_id "
                                "JOIN frontdesk.fees f ON f.fee_schedule_id = g.fee_schedule_id");
  g_free (sql);
  sql = g_strdup_printf ("SELECT pc.code || '|' || pc.description || '|' || f.amount "
                         "FROM frontdesk.clients c "
                         "JOIN frontdesk.clients g ON g.id = c.guarantor_id "
                         "JOIN frontdesk.fees f ON f.fee_schedule_id = g.fee_schedule_id "
                         "JOIN frontdesk.procedure_codes pc ON pc.id = f.procedure_code_id "
                         "WHERE c.id = %s AND NOT pc.hidden ORDER BY pc.code DESC LIMIT 1",
                         client);
  {
    g_autofree char *row = fd_test_query_value (fixture->owner, sql);
    g_auto(GStrv) parts = g_strsplit (row, "|", 3);

    code = g_strdup (parts[0]);
    description = g_strdup (parts[1]);
    schedule_fee = g_strdup (parts[2]);
  }
  code_title = g_strdup_printf ("%s %s", code, description);

  /* Ben has the client open with History on. */
  fd_client_editor_open (fixture->ben.editor, client);
  fd_test_desk_wait_for_record (&fixture->ben, "Ben's record");
  {
    GtkWidget *history = GTK_WIDGET (fd_test_ui_find_label (GTK_WIDGET (fixture->ben.editor),
                                                            "History"));

    history = gtk_widget_get_ancestor (history, GTK_TYPE_TOGGLE_BUTTON);
    press (history);
    fd_test_wait_until (toggle_active, history, "History to be on");
  }

  /* Anna opens it too, over the two-stage warning. */
  fd_client_editor_open (fixture->anna.editor, client);
  fd_test_desk_answer (fd_test_desk_wait_for_dialog ("first-warning"), "open");
  fd_test_desk_answer (fd_test_desk_wait_for_dialog ("final-confirmation"), "override");
  fd_test_desk_wait_for_record (&fixture->anna, "Anna's record");
  fd_test_desk_answer (fd_test_desk_wait_for_dialog ("lock-lost-dialog"), "ok");

  /* Add Procedure: the code by search, the fee from the family's schedule. */
  press (find_actionable (GTK_WIDGET (fixture->anna.editor), "editor.add-procedure"));
  dialog = FD_PROCEDURE_DIALOG (fd_test_ui_wait_for_window (FD_TYPE_PROCEDURE_DIALOG));
  add_button = find_actionable (GTK_WIDGET (dialog), "procedure.add");
  g_assert_false (gtk_widget_is_sensitive (add_button));
  gtk_widget_grab_focus (GTK_WIDGET (fd_procedure_dialog_get_search (dialog)));
  gtk_editable_set_text (fd_procedure_dialog_get_search (dialog), description);
  code_wait.list = fd_procedure_dialog_get_codes (dialog);
  code_wait.title = code_title;
  fd_test_wait_until (row_listed, &code_wait, "the code among those found");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (code_wait.list),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Procedure codes found");
  code_row = find_row_titled (code_wait.list, code_title);
  gtk_widget_activate (code_row);
  fd_test_wait_until (action_enabled, add_button, "Add to be offered");
  g_assert_cmpstr (gtk_editable_get_text (fd_procedure_dialog_get_fee (dialog)), ==,
                   schedule_fee);

  /* Bad input is said in a sentence, and Add waits for it to be right. */
  gtk_editable_set_text (fd_procedure_dialog_get_fee (dialog), "12,50");
  fd_test_ui_wait_for_label (GTK_WIDGET (dialog), "A fee is an amount such as 85");
  g_assert_false (gtk_widget_is_sensitive (add_button));
  gtk_editable_set_text (GTK_EDITABLE (fd_procedure_dialog_get_date (dialog)), "2/30/2026");
  fd_test_ui_wait_for_label (GTK_WIDGET (dialog), "That month has no day 30.");
  gtk_editable_set_text (GTK_EDITABLE (fd_procedure_dialog_get_date (dialog)), "11/30/2026");
  gtk_editable_set_text (fd_procedure_dialog_get_fee (dialog), "85.50");
  fd_test_wait_until (action_enabled, add_button, "Add to be offered again");
  g_free (shot);
  shot = fd_test_ui_screenshot (GTK_WIDGET (dialog), "add-procedure");
  press (add_button);

  procedure_sql = g_strdup_printf ("SELECT coalesce((SELECT p.status || ' ' || p.fee || ' ' || "
                                   "p.performed_on "
                                   "FROM frontdesk.procedures p JOIN frontdesk.procedure_codes pc "
                                   "ON pc.id = p.procedure_code_id WHERE p.client_id = %s "
                                   "AND pc.code = '%s' AND p.fee = 85.50), '')", client, code);
  stored.sql = procedure_sql;
  stored.expected = "planned 85.50 2026-11-30";
  fd_test_wait_until (stored_is, &stored, "the planned procedure stored");
  fd_test_ui_wait_for_label (GTK_WIDGET (fixture->anna.window), "Added ");

  /* Its row writes the day as the locale does. */
  shown_day = fd_format_iso_day ("2026-11-30");
  /* A planned procedure is completed from its row. */
  press (wait_for_row_button (GTK_WIDGET (fixture->anna.editor), "editor.complete-procedure",
                              shown_day));
  stored.expected = "complete 85.50 2026-11-30";
  fd_test_wait_until (stored_is, &stored, "the procedure completed");
  {
    ButtonWait gone = { GTK_WIDGET (fixture->anna.editor), "editor.complete-procedure",
                        shown_day };

    fd_test_wait_until (row_button_gone, &gone, "the row to show it complete");
  }

  /* A note, then an edit of it: two versions, the first unchanged. */
  write_note (wait_for_row_button (GTK_WIDGET (fixture->anna.editor), "editor.write-note",
                                   shown_day),
              "Gum line checked.");
  fd_test_ui_wait_for_label (GTK_WIDGET (fixture->anna.window), "Note saved as version 1");
  fd_test_ui_wait_for_label (GTK_WIDGET (fixture->anna.editor), "Gum line checked.");
  fd_test_ui_wait_for_label (GTK_WIDGET (fixture->anna.editor), "Edit Note");
  write_note (wait_for_row_button (GTK_WIDGET (fixture->anna.editor), "editor.write-note",
                                   shown_day),
              "Gum line checked; recall in six months.");
  fd_test_ui_wait_for_label (GTK_WIDGET (fixture->anna.window), "Note saved as version 2");
  g_free (sql);
  sql = g_strdup_printf ("SELECT string_agg(n.version || ':' || n.body, ' / ' ORDER BY n.version) "
                         "FROM frontdesk.procedure_notes n JOIN frontdesk.procedures p "
                         "ON p.id = n.procedure_id WHERE p.client_id = %s "
                         "AND p.performed_on = '2026-11-30'", client);
  versions = fd_test_query_value (fixture->owner, sql);
  g_assert_cmpstr (versions, ==,
                   "1:Gum line checked. / 2:Gum line checked; recall in six months.");

  /* Ben's History shows both versions, with who wrote them. */
  fd_test_ui_wait_for_label (GTK_WIDGET (fixture->ben.editor), "Version 2 by ");
  fd_test_ui_wait_for_label (GTK_WIDGET (fixture->ben.editor),
                             "Version 1 by ");
  g_assert_nonnull (fd_test_ui_find_label (GTK_WIDGET (fixture->ben.editor),
                                           "Gum line checked."));
  {
    GtkWidget *version = GTK_WIDGET (fd_test_ui_find_label (GTK_WIDGET (fixture->ben.editor),
                                                            "Version 2 by "));
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (
      gtk_widget_get_ancestor (version, GTK_TYPE_SCROLLED_WINDOW)));

    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  }
  g_free (shot);
  shot = fd_test_ui_screenshot (GTK_WIDGET (fixture->ben.window), "procedure-note-history");

  /* The server refuses what the form would not send: a procedure without a code. */
  g_free (sql);
  sql = g_strdup_printf ("SELECT * FROM frontdesk.insert_record('procedures', 'client_id', '%s', "
                         "'provider_id', '1')", client);
  fd_test_assert_refused (fixture->owner, sql, FD_DB_ERROR_CONSTRAINT_VIOLATION, NULL);
}

/* Another member made the family's payer, under the family's save lock. */
static void
test_make_payer (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *payer = NULL;
  g_autofree char *member = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *title = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *make_name = NULL;
  g_autofree char *login = NULL;
  g_autoptr(FdConnection) other = NULL;
  g_autofree char *shot = NULL;
  GtkWidget *make;
  AdwMessageDialog *dialog;
  StoredWait stored = { fixture, NULL, NULL };

  payer = fd_test_query_value (fixture->owner, "SELECT guarantor_id FROM frontdesk.clients "
                                               "GROUP BY guarantor_id HAVING count(*) >= 3 "
                                               "ORDER BY 1 LIMIT 1");
  sql = g_strdup_printf ("SELECT min(id) FROM frontdesk.clients WHERE guarantor_id = %s "
                         "AND id <> %s", payer, payer);
  member = fd_test_query_value (fixture->owner, sql);
  g_free (sql);
  sql = g_strdup_printf ("SELECT last_name || ', ' || first_name FROM frontdesk.clients "
                         "WHERE id = %s", member);
  title = fd_test_query_value (fixture->owner, sql);
  g_free (sql);
  sql = g_strdup_printf ("SELECT count(*) || ' ' || coalesce(max(g.fee_schedule_id)::text, '-') "
                         "|| ' ' || coalesce(max(g.billing_type_id)::text, '-') "
                         "FROM frontdesk.clients c JOIN frontdesk.clients g "
                         "ON g.id = c.guarantor_id WHERE c.guarantor_id = %s", payer);
  before = fd_test_query_value (fixture->owner, sql);

  fd_client_editor_open (fixture->anna.editor, member);
  fd_test_desk_wait_for_record (&fixture->anna, "the member's record");
  fd_test_wait_until (widget_sensitive,
                      fd_test_ui_find_descendant (account_of (&fixture->anna),
                                                  GTK_TYPE_MENU_BUTTON),
                      "the family's save lock at Anna's desk");

  /* Without the family's save lock, the server refuses in words. */
  login = fd_test_create_staff (FALSE);
  other = fd_test_open_connection_as (fixture->dbname, login);
  g_free (sql);
  sql = g_strdup_printf ("SELECT frontdesk.family_make_payer(%s)", member);
  fd_test_assert_refused (other, sql, FD_DB_ERROR_SAVE_LOCK_NOT_HELD, "holds the save lock");

  /* Anna presses Make Payer in the member's row, and confirms. */
  make = wait_for_row_button (account_of (&fixture->anna), "account.make-payer", title);
  make_name = g_strdup_printf ("Make %s the family’s payer", title);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (make), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       make_name);
  fd_test_wait_until (widget_sensitive, make, "Make Payer to be offered");
  press (make);
  dialog = fd_test_desk_wait_for_dialog ("make-payer-dialog");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "audit log"));
  g_free (shot);
  shot = fd_test_ui_screenshot (GTK_WIDGET (dialog), "make-payer-dialog");
  fd_test_desk_answer (dialog, "make");

  /* The whole family follows, and the account goes with the new payer. */
  g_free (sql);
  sql = g_strdup_printf ("SELECT count(*) || ' ' || coalesce(max(g.fee_schedule_id)::text, '-') "
                         "|| ' ' || coalesce(max(g.billing_type_id)::text, '-') "
                         "FROM frontdesk.clients c JOIN frontdesk.clients g "
                         "ON g.id = c.guarantor_id WHERE c.guarantor_id = %s", member);
  stored.sql = sql;
  stored.expected = before;
  fd_test_wait_until (stored_is, &stored, "the family to follow its new payer");
  fd_test_ui_wait_for_label (GTK_WIDGET (fixture->anna.window), "pays for the family now");
  fd_test_desk_wait_for_record (&fixture->anna, "the member's record again");
  fd_test_ui_wait_for_label (account_of (&fixture->anna), "The client pays for themselves");
  after = fd_test_query_value (fixture->owner,
                               "SELECT count(*) FROM frontdesk.audit_log "
                               "WHERE table_name = 'clients' AND changes ? 'guarantor_id'");
  g_assert_cmpint (atoi (after), >=, atoi (before));
}

/* A name changed at one desk is found by any part of it at the other --------------------- */

static void
test_renamed_found_by_substring (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autofree char *id = NULL;
  g_autofree char *first = NULL;
  g_autofree char *title = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *counted = NULL;
  g_autofree char *shot = NULL;
  GtkWidget *search;
  ListedWait listed = { fd_clients_module_get_results (fixture->ben.module), NULL };

  id = fd_test_query_value (fixture->owner, "SELECT min(id) FROM frontdesk.clients");
  sql = g_strdup_printf ("SELECT first_name FROM frontdesk.clients WHERE id = %s", id);
  first = fd_test_query_value (fixture->owner, sql);
  title = g_strdup_printf ("Krisostrophel, %s", first);
  listed.name = title;

  /* Ben types the middle of a name nobody has yet. */
  fd_test_desk_wait_for_list (fixture->ben.module, "Ben's list");
  search = fd_test_ui_find_descendant (GTK_WIDGET (fixture->ben.module), GTK_TYPE_SEARCH_ENTRY);
  gtk_widget_grab_focus (search);
  gtk_editable_set_text (GTK_EDITABLE (search), "ostroph");
  fd_test_ui_wait_for_label (GTK_WIDGET (fixture->ben.window), "No client matches.");

  /* Anna renames the client in Client Details and saves. */
  fd_client_editor_open (fixture->anna.editor, id);
  fd_test_desk_wait_for_record (&fixture->anna, "the client's record");
  fd_client_editor_set_field (fixture->anna.editor, "last_name", "Krisostrophel");
  fd_test_desk_save (&fixture->anna);

  /* Ben's search, untouched by him, finds them within the refresh. */
  fd_test_wait_until (client_listed, &listed, "the renamed client in Ben's search");
  shot = fd_test_ui_screenshot (GTK_WIDGET (fixture->ben.window), "renamed-found-by-substring");

  /* The search's dictionary of names counts them under the new name, not the old one. */
  g_free (sql);
  sql = g_strdup_printf ("SELECT n.clients || '/' || n.active FROM frontdesk.client_search_names n "
                         "WHERE n.last_key = 'krisostrophel' AND n.first_key = lower(%s)",
                         "(SELECT first_name FROM frontdesk.clients WHERE last_name = "
                         "'Krisostrophel')");
  counted = fd_test_query_value (fixture->owner, sql);
  g_assert_cmpstr (counted, ==, "1/1");
}

/* Archive at one desk, the other's search leaves them out --------------------------------- */

static gboolean
client_unlisted (gpointer user_data)
{
  return !client_listed (user_data);
}

static void
test_archive_and_unarchive (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *member = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *name = NULL;
  g_autofree char *last = NULL;
  g_autofree char *title = NULL;
  g_autofree char *payer = NULL;
  g_autofree char *audited = NULL;
  g_autofree char *shot = NULL;
  g_autofree char *toast = NULL;
  g_autofree char *status_sql = NULL;
  GtkWidget *archive;
  GtkWidget *include;
  AdwMessageDialog *dialog;
  StoredWait stored = { fixture, NULL, "archived" };
  ListedWait listed = { fd_clients_module_get_results (fixture->ben.module), NULL };

  /* A member of a family, not its payer, with an appointment to come. */
  member = fd_test_query_value (fixture->owner, "SELECT min(id) FROM frontdesk.clients "
                                                "WHERE guarantor_id <> id");
  sql = g_strdup_printf ("INSERT INTO frontdesk.appointments (client_id, provider_id, "
                         "operatory_id, starts_at) SELECT %s, (SELECT min(id) FROM "
                         "frontdesk.providers), (SELECT min(id) FROM frontdesk.operatories), "
                         "date_trunc('day', now()) + interval '3 days 10 hours'", member);
  fd_test_exec (fixture->owner, sql);
  g_free (sql);
  sql = g_strdup_printf ("SELECT first_name || ' ' || last_name || '|' || last_name || '|' || "
                         "last_name || ', ' || first_name FROM frontdesk.clients WHERE id = %s",
                         member);
  {
    g_autofree char *row = fd_test_query_value (fixture->owner, sql);
    g_auto(GStrv) parts = g_strsplit (row, "|", 3);

    name = g_strdup (parts[0]);
    last = g_strdup (parts[1]);
    title = g_strdup (parts[2]);
  }
  listed.name = title;

  /* Ben has them in his search. */
  fd_test_desk_wait_for_list (fixture->ben.module, "Ben's list");
  fd_clients_module_search (fixture->ben.module, last);
  fd_test_wait_until (client_listed, &listed, "the client in Ben's search");

  /* Anna opens them and presses Archive…; the dialog names the appointment to come. */
  fd_client_editor_open (fixture->anna.editor, member);
  fd_test_desk_wait_for_record (&fixture->anna, "the client's record");
  archive = find_actionable (GTK_WIDGET (fixture->anna.editor), "editor.archive");
  g_assert_nonnull (archive);
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (archive), GTK_ACCESSIBLE_ROLE_BUTTON);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (archive)), ==, "_Archive…");
  fd_test_wait_until (action_enabled, archive, "Archive to be offered");
  press (archive);
  dialog = fd_test_desk_wait_for_dialog ("archive-dialog");
  shot = fd_test_ui_screenshot (GTK_WIDGET (dialog), "archive-dialog");
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), name));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "to come stay"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "• "));

  /* Cancel keeps them as they are. */
  fd_test_desk_answer (dialog, "cancel");
  status_sql = g_strdup_printf ("SELECT status FROM frontdesk.clients WHERE id = %s", member);
  {
    g_autofree char *status = fd_test_query_value (fixture->owner, status_sql);

    g_assert_cmpstr (status, ==, "active");
  }

  press (archive);
  dialog = fd_test_desk_wait_for_dialog ("archive-dialog");
  fd_test_desk_answer (dialog, "archive");
  stored.sql = status_sql;
  fd_test_wait_until (stored_is, &stored, "the client to be archived");
  toast = g_strdup_printf ("Archived %s", name);
  fd_test_ui_wait_for_label (GTK_WIDGET (fixture->anna.window), toast);
  fd_test_ui_wait_for_label (GTK_WIDGET (fixture->anna.editor), "Archived");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (archive)), ==, "_Unarchive");
  g_free (shot);
  shot = fd_test_ui_screenshot (GTK_WIDGET (fixture->anna.window), "archived-client");

  /* Audited through the save path, under Anna's session. */
  g_free (sql);
  sql = g_strdup_printf ("SELECT changes -> 'status' ->> 'new' FROM frontdesk.audit_log "
                         "WHERE table_name = 'clients' AND record_id = '%s' "
                         "AND changes ? 'status' ORDER BY id DESC LIMIT 1", member);
  audited = fd_test_query_value (fixture->owner, sql);
  g_assert_cmpstr (audited, ==, "archived");
  /* The audit log names the record: the client's name, resolved on the server. */
  g_free (sql);
  sql = g_strdup_printf ("SELECT frontdesk.record_name('clients', '%s')", member);
  g_free (audited);
  audited = fd_test_query_value (fixture->owner, sql);
  g_assert_cmpstr (audited, ==, name);

  /* Ben's search leaves them out, until he asks for the archived too. */
  fd_test_wait_until (client_unlisted, &listed, "the archived client out of Ben's search");
  include = fd_test_ui_find_descendant (GTK_WIDGET (fixture->ben.module), GTK_TYPE_CHECK_BUTTON);
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (include), GTK_ACCESSIBLE_ROLE_CHECKBOX);
  gtk_widget_activate (include);
  fd_test_wait_until (client_listed, &listed, "the archived client with Include archived");
  {
    g_autofree char *details = g_strdup_printf ("No. %s", member);

    fd_test_ui_wait_for_label (GTK_WIDGET (fixture->ben.module), details);
    g_assert_nonnull (strstr (gtk_label_get_text (fd_test_ui_find_label (
                                GTK_WIDGET (fixture->ben.module), details)), "Archived"));
  }
  g_free (shot);
  shot = fd_test_ui_screenshot (GTK_WIDGET (fixture->ben.window), "archived-in-search");
  gtk_widget_activate (include);
  fd_test_wait_until (client_unlisted, &listed, "the archived client out again");

  /* Unarchive brings them back, everywhere. */
  press (archive);
  stored.expected = "active";
  fd_test_wait_until (stored_is, &stored, "the client to be active again");
  g_free (toast);
  toast = g_strdup_printf ("Unarchived %s", name);
  fd_test_ui_wait_for_label (GTK_WIDGET (fixture->anna.window), toast);
  fd_test_wait_until (client_listed, &listed, "the client back in Ben's search");

  /* The server: a payer of others who are not archived stays, in words. */
  payer = fd_test_query_value (fixture->owner, "SELECT guarantor_id FROM frontdesk.clients "
                                               "WHERE guarantor_id <> id LIMIT 1");
  g_free (sql);
  sql = g_strdup_printf ("UPDATE frontdesk.clients SET status = 'archived' WHERE id = %s", payer);
  fd_test_assert_refused (fixture->owner, sql, FD_DB_ERROR_PAYER_NOT_ARCHIVED,
                          "make someone else the family’s payer first");
}

/* Keyboard: the shortcuts as GTK meets them -------------------------------------------- */

/* The key as GTK dispatches it: from the focused widget up, the first shortcut controller
 * (a widget's own or its class's bindings) with that key runs its action. */
static void
press_shortcut (GtkWindow       *window,
                guint            keyval,
                GdkModifierType  modifiers)
{
  for (GtkWidget *widget = gtk_root_get_focus (GTK_ROOT (window));
       widget != NULL;
       widget = gtk_widget_get_parent (widget))
    {
      g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

      for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
        {
          g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

          if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
            continue;
          for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
            {
              g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller),
                                                                       j);
              GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

              if (!GTK_IS_KEYVAL_TRIGGER (trigger) ||
                  gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) != keyval ||
                  gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) != modifiers)
                continue;
              g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                                           0, widget,
                                                           gtk_shortcut_get_arguments (shortcut)));
              return;
            }
        }
    }
  g_error ("No shortcut for key %s", gdk_keyval_name (keyval));
}

/* Every accelerator the Keyboard Shortcuts window lists, space-separated. */
static char *
listed_accelerators (void)
{
  g_autoptr(GtkBuilder) builder =
    gtk_builder_new_from_resource ("/org/frontdesk/Frontdesk/gtk/help-overlay.ui");
  g_autoptr(GSList) objects = gtk_builder_get_objects (builder);
  GString *all = g_string_new (" ");

  for (GSList *l = objects; l != NULL; l = l->next)
    {
      g_autofree char *accelerator = NULL;

      if (!GTK_IS_SHORTCUTS_SHORTCUT (l->data))
        continue;
      g_object_get (l->data, "accelerator", &accelerator, NULL);
      if (accelerator != NULL)
        g_string_append_printf (all, "%s ", accelerator);
    }
  return g_string_free (all, FALSE);
}

static gboolean
module_shown (gpointer user_data)
{
  return gtk_widget_get_mapped (user_data);
}

static void
test_shortcuts (Fixture       *fixture,
                gconstpointer  data)
{
  FdTestDesk *desk = &fixture->anna;
  GtkWindow *window = GTK_WINDOW (desk->window);
  g_autofree char *listed = listed_accelerators ();
  const char *expected[] = { "<Control>f", "<Control>n", "<Alt>1...<Alt>4", "<Control>s",
                             "Down", "Return", "<Control>w" };
  GtkWidget *search;
  GtkWidget *focus;
  EditorWait shown = { desk->editor, NULL };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *word = g_strdup_printf (" %s ", expected[i]);

      if (strstr (listed, word) == NULL)
        g_error ("The Keyboard Shortcuts window does not list %s: %s", expected[i], listed);
    }

  fd_test_desk_wait_for_list (desk->module, "Anna's list");
  search = fd_test_ui_find_descendant (GTK_WIDGET (desk->module), GTK_TYPE_SEARCH_ENTRY);

  /* Alt+2 shows the book, Alt+1 Clients again. */
  gtk_widget_grab_focus (search);
  press_shortcut (window, GDK_KEY_2, GDK_ALT_MASK);
  fd_test_wait_until (list_unmapped, desk->module, "Clients to be hidden by Alt+2");
  gtk_widget_grab_focus (GTK_WIDGET (window));
  press_shortcut (window, GDK_KEY_1, GDK_ALT_MASK);
  fd_test_wait_until (module_shown, desk->module, "Clients again by Alt+1");

  /* Ctrl+F from Client Details' form focuses the search. */
  fd_test_desk_open_first_client (desk);
  fd_test_desk_wait_for_record (desk, "the first client's record");
  gtk_widget_grab_focus (GTK_WIDGET (desk->editor));
  gtk_widget_child_focus (GTK_WIDGET (desk->editor), GTK_DIR_TAB_FORWARD);
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_true (gtk_widget_is_ancestor (focus, GTK_WIDGET (desk->editor)));
  press_shortcut (window, GDK_KEY_f, GDK_CONTROL_MASK);
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_true (focus == search || gtk_widget_is_ancestor (focus, search));

  /* Down in the search goes to the results. */
  {
    g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (search);
    gboolean handled = FALSE;

    for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
      {
        g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

        if (GTK_IS_EVENT_CONTROLLER_KEY (controller) && !handled)
          g_signal_emit_by_name (controller, "key-pressed", GDK_KEY_Down, 0, 0, &handled);
      }
    g_assert_true (handled);
    focus = gtk_root_get_focus (GTK_ROOT (window));
    g_assert_true (gtk_widget_is_ancestor (focus, GTK_WIDGET (fd_test_ui_find_descendant (
                     GTK_WIDGET (desk->module), GTK_TYPE_LIST_VIEW))) ||
                   GTK_IS_LIST_VIEW (focus));
  }

  /* Enter in the search opens the first result. */
  gtk_widget_grab_focus (search);
  g_signal_emit_by_name (search, "activate");
  {
    g_autoptr(FdClientSummary) summary =
      g_list_model_get_item (fd_clients_module_get_results (desk->module), 0);

    shown.id = fd_client_summary_get_id (summary);
    fd_test_wait_until (editor_shows, &shown, "the first result opened by Enter");
  }

  /* Ctrl+N opens New Client. */
  press_shortcut (window, GDK_KEY_n, GDK_CONTROL_MASK);
  fd_test_ui_wait_for_window (FD_TYPE_NEW_CLIENT_DIALOG);
  fd_test_desk_destroy_dialogs ();
}

/* Fees in the practice's currency, dates as the locale writes them ------------------------ */

typedef struct
{
  GtkListBox *list;
  const char *part;
} RowPartWait;

static gboolean
row_with_part (gpointer user_data)
{
  RowPartWait *wait = user_data;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (wait->list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (ADW_IS_PREFERENCES_ROW (child) &&
        strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child)), wait->part) != NULL)
      return TRUE;
  return FALSE;
}

static void
test_fees_in_the_practice_currency (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autofree char *client = fd_test_query_value (fixture->owner,
                                                 "SELECT min(id) FROM frontdesk.clients");
  g_autofree char *sql = NULL;
  g_autofree char *day = NULL;
  g_autofree char *part = NULL;
  g_autofree char *shot = NULL;
  g_autoptr(GDateTime) performed = g_date_time_new_local (2026, 3, 14, 12, 0, 0);
  RowPartWait wait = { fixture->anna.editor->procedures_list, NULL };

  sql = g_strdup_printf ("INSERT INTO frontdesk.procedures (client_id, procedure_code_id, "
                         "provider_id, performed_on, status, fee) SELECT %s, "
                         "(SELECT min(id) FROM frontdesk.procedure_codes), "
                         "(SELECT min(id) FROM frontdesk.providers), '2026-03-14', "
                         "'complete', 1234.5", client);
  fd_test_exec (fixture->owner, sql);
  fd_test_exec (fixture->owner, "UPDATE frontdesk.practice SET currency = 'EUR'");

  fd_client_editor_open (fixture->anna.editor, client);
  fd_test_desk_wait_for_record (&fixture->anna, "the client's record");
  /* The day as the locale writes it, never YYYY-MM-DD; the fee with the euro sign. */
  day = fd_format_date (performed);
  part = g_strdup_printf ("%s · ", day);
  wait.part = part;
  fd_test_wait_until (row_with_part, &wait, "the procedure's day in the locale's form");
  wait.part = "€1234.50";
  fd_test_wait_until (row_with_part, &wait, "the fee in euros");
  g_assert_cmpstr (fd_format_amount ("1234.5", "USD"), ==, "$1234.50");
  g_assert_cmpstr (fd_format_amount ("80", "CHF"), ==, "80.00 CHF");
  shot = fd_test_ui_screenshot (GTK_WIDGET (fixture->anna.window), "fees-in-euros");
}

/* Setup: the practice's currency, definitions by their list's name ----------------------- */

static gboolean
setup_shown (gpointer user_data)
{
  return FD_IS_SETUP_MODULE (fd_window_get_visible_module (user_data));
}

static void
test_setup_currency_and_categories (Fixture       *fixture,
                                    gconstpointer  data)
{
  FdTestDesk *desk = &fixture->anna;
  FdModule *setup;
  g_autofree char *shot = NULL;

  fd_test_desk_wait_for_list (desk->module, "Anna's list");
  fd_test_desk_show_module (desk, "Setup");
  fd_test_wait_until (setup_shown, desk->window, "Setup to be shown");
  setup = fd_window_get_visible_module (desk->window);
  g_assert_true (FD_IS_SETUP_MODULE (setup));

  fd_setup_module_show_section (FD_SETUP_MODULE (setup), "definitions");
  fd_test_ui_wait_for_label (GTK_WIDGET (setup), "Billing type");
  g_assert_null (fd_test_ui_find_label (GTK_WIDGET (setup), "billing_type"));
  g_assert_null (fd_test_ui_find_label (GTK_WIDGET (setup), "confirmation_status"));

  fd_setup_module_show_section (FD_SETUP_MODULE (setup), "practice");
  fd_test_ui_wait_for_label (GTK_WIDGET (setup), "Currency of fees");
  shot = fd_test_ui_screenshot (GTK_WIDGET (desk->window), "setup-practice-currency");
}

/* The server: a family is joined through the one who pays; duplicates and families -------- */

static void
test_server_rules (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *member = fd_test_query_value (fixture->owner,
                                                 "SELECT min(id) FROM frontdesk.clients "
                                                 "WHERE guarantor_id <> id");
  g_autofree char *sql = NULL;
  g_autofree char *family = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(FdConnection) staff = NULL;
  g_autofree char *login = fd_test_create_staff (FALSE);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  staff = fd_test_open_connection_as (fixture->dbname, login);
  before = fd_test_query_value (fixture->owner, "SELECT count(*) FROM frontdesk.clients");
  sql = g_strdup_printf ("SELECT * FROM frontdesk.insert_record('clients', 'first_name', 'Ann', "
                         "'last_name', 'Other', 'guarantor_id', '%s')", member);
  fd_test_assert_refused (staff, sql, FD_DB_ERROR_CONSTRAINT_VIOLATION, "does not pay for a family");
  after = fd_test_query_value (fixture->owner, "SELECT count(*) FROM frontdesk.clients");
  g_assert_cmpstr (after, ==, before);

  /* A family: the guarantor first, whoever asks. */
  g_free (sql);
  sql = g_strdup_printf ("SELECT string_agg((id = guarantor_id)::text, ',') FROM "
                         "frontdesk.client_family(%s)", member);
  family = fd_test_query_value (staff, sql);
  g_assert_true (g_str_has_prefix (family, "true,"));
  g_assert_null (strstr (family + 5, "true"));

  /* Phones match by their digits, through the index. */
  fd_test_exec (fixture->owner, "UPDATE frontdesk.clients SET phone_work = '(040) 12-34-56' "
                                "WHERE id = 9");
  expected = fd_test_query_value (staff, "SELECT string_agg(id || ':' || reason, ',') FROM "
                                         "frontdesk.client_duplicates('x', 'y', NULL, "
                                         "ARRAY['040 123456'])");
  g_assert_cmpstr (expected, ==, "9:phone");
}

/* Dates: typed in the locale's form or picked from the calendar -------------------------- */

typedef struct
{
  GtkEditable *row;
  const char  *text;
} TextWait;

static gboolean
text_shown (gpointer user_data)
{
  TextWait *wait = user_data;

  return g_strcmp0 (gtk_editable_get_text (wait->row), wait->text) == 0;
}

/* Opens @row's calendar with its button, where a click lands (the menu button's toggle). */
static GtkWidget *
open_calendar (FdDateRow *row)
{
  GtkWidget *button = fd_date_row_get_calendar_button (row);
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (fd_date_row_get_calendar (row)),
                                                GTK_TYPE_POPOVER);

  press (gtk_widget_get_first_child (button));
  fd_test_ui_wait_for_mapped (popover, TRUE, "the calendar to open");
  return popover;
}

/* New Client's date of birth, typed wrong, typed right, left out and picked from the
 * calendar; saved as the database writes days, and read at the other desk in its form. */
static void
test_date_of_birth_typed_and_picked (Fixture       *fixture,
                                     gconstpointer  data)
{
  FdNewClientDialog *dialog;
  FdDateRow *row;
  GtkWidget *add_button;
  GtkWidget *button;
  GtkWidget *popover;
  GtkCalendar *calendar;
  GtkEditable *bens_row;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) browsed = g_date_time_new_local (1979, 6, 14, 12, 0, 0);
  g_autoptr(GDateTime) picked = g_date_time_new_local (1979, 6, 15, 12, 0, 0);
  g_autofree char *browsed_text = fd_format_date_typed (browsed);
  g_autofree char *picked_text = fd_format_date_typed (picked);
  g_autofree char *listed_day = fd_format_iso_day ("1979-06-15");
  g_autofree char *stored = NULL;
  g_autofree char *shot = NULL;
  ListedWait listed = { fd_clients_module_get_results (fixture->ben.module),
                        "Kowalczyk, Zofia" };
  TextWait shown;

  /* Month/day/year in this locale, the year whole. */
  g_assert_cmpstr (picked_text, ==, "06/15/1979");

  fd_test_desk_wait_for_list (fixture->ben.module, "Ben's list");
  fd_clients_module_search (fixture->ben.module, "Kowalczyk");
  fd_test_ui_wait_for_label (GTK_WIDGET (fixture->ben.window), "No client matches.");

  fd_test_desk_wait_for_list (fixture->anna.module, "Anna's list");
  dialog = open_new_client (&fixture->anna);
  add_button = find_actionable (GTK_WIDGET (dialog), "new-client.add");
  type_into (dialog, "first_name", "Zofia");
  type_into (dialog, "last_name", "Kowalczyk");
  choose_pays_for_themselves (dialog);
  fd_test_wait_until (action_enabled, add_button, "Add Client to be offered");

  /* A row a screen reader names, with no YYYY-MM-DD to read; its button names its date. */
  row = FD_DATE_ROW (fd_new_client_dialog_get_row (dialog, "birth_date"));
  g_assert_true (FD_IS_DATE_ROW (row));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "Date of birth");
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_ROLE_TEXT_BOX);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Date of birth");
  button = fd_date_row_get_calendar_button (row);
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_ROLE_BUTTON);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Date of birth: pick from a calendar");
  calendar = fd_date_row_get_calendar (row);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (calendar),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Date of birth");
  g_assert_null (fd_test_ui_find_label (GTK_WIDGET (dialog), "YYYY"));

  /* Typed wrong: each in a sentence a person can act on, and Add refused. */
  type_into (dialog, "birth_date", "2/30/1990");
  fd_test_ui_wait_for_label (GTK_WIDGET (dialog), "That month has no day 30.");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (row), "error"));
  g_assert_false (gtk_widget_is_sensitive (add_button));
  type_into (dialog, "birth_date", "12/31/2099");
  fd_test_ui_wait_for_label (GTK_WIDGET (dialog), "The date of birth cannot be in the future.");
  g_assert_false (gtk_widget_is_sensitive (add_button));
  type_into (dialog, "birth_date", "4/7/90");
  fd_test_ui_wait_for_label (GTK_WIDGET (dialog), "Write the year with all four digits");
  type_into (dialog, "birth_date", "the 4th");
  fd_test_ui_wait_for_label (GTK_WIDGET (dialog), "(month/day/year), or pick it from the "
                                                  "calendar.");
  g_assert_false (gtk_widget_is_sensitive (add_button));
  g_free (shot);
  shot = fd_test_ui_screenshot (GTK_WIDGET (dialog), "new-client-date-wrong");

  /* Typed right, in this locale's order; and none is an answer too. */
  type_into (dialog, "birth_date", "7/4/1990");
  fd_test_wait_until (action_enabled, add_button, "Add Client to be offered again");
  g_assert_cmpstr (fd_date_row_get_value (row), ==, "1990-07-04");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (row), "error"));
  type_into (dialog, "birth_date", "");
  g_assert_null (fd_date_row_get_value (row));
  g_assert_null (fd_date_row_get_problem (row));
  g_assert_true (gtk_widget_is_sensitive (add_button));

  /* Picked: the calendar opens on today; turning to June 1979 keeps it open, a day picked
   * in the month shown is taken and closes it. */
  popover = open_calendar (row);
  {
    g_autoptr(GDateTime) opened_on = gtk_calendar_get_date (calendar);

    g_assert_cmpint (g_date_time_get_year (opened_on), ==, g_date_time_get_year (now));
    g_assert_cmpint (g_date_time_get_month (opened_on), ==, g_date_time_get_month (now));
  }
  gtk_calendar_select_day (calendar, browsed);
  g_assert_true (gtk_widget_get_mapped (popover));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, browsed_text);
  g_free (shot);
  shot = fd_test_ui_screenshot_with_popover (GTK_WIDGET (dialog), GTK_POPOVER (popover),
                                             "date-row-calendar-open");
  gtk_calendar_select_day (calendar, picked);
  fd_test_ui_wait_for_mapped (popover, FALSE, "the calendar to close on the day picked");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, picked_text);
  g_assert_cmpstr (fd_date_row_get_value (row), ==, "1979-06-15");
  g_free (shot);
  shot = fd_test_ui_screenshot (GTK_WIDGET (dialog), "new-client-date-picked");

  /* Opened again, it shows the day picked. */
  open_calendar (row);
  {
    g_autoptr(GDateTime) opened_on = gtk_calendar_get_date (calendar);

    g_assert_cmpint (g_date_time_get_year (opened_on), ==, 1979);
    g_assert_cmpint (g_date_time_get_day_of_month (opened_on), ==, 15);
  }
  gtk_popover_popdown (GTK_POPOVER (popover));
  fd_test_ui_wait_for_mapped (popover, FALSE, "the calendar to close");

  press (add_button);
  fd_test_wait_until (no_dialog, NULL, "New Client to close");
  stored = fd_test_query_value (fixture->owner, "SELECT birth_date FROM frontdesk.clients "
                                                "WHERE last_name = 'Kowalczyk'");
  g_assert_cmpstr (stored, ==, "1979-06-15");

  /* Ben's search finds her with the day in his locale's form, and so does his Client
   * Details. */
  fd_test_wait_until (client_listed, &listed, "the new client in Ben's search");
  fd_test_ui_wait_for_label (GTK_WIDGET (fixture->ben.module), listed_day);
  fd_clients_module_select (fixture->ben.module, 0);
  /* Anna has her open still: Ben reads her record without taking it. */
  fd_test_desk_answer (fd_test_desk_wait_for_dialog ("first-warning"), "read-only");
  bens_row = g_hash_table_lookup (fixture->ben.editor->rows, "birth_date");
  shown = (TextWait) { bens_row, picked_text };
  fd_test_wait_until (text_shown, &shown, "the date of birth at Ben's desk");
}

/* The list's context menu ----------------------------------------------------------------- */

/* The row of the list that shows @client_id. */
static GtkWidget *
find_client_row (GtkWidget  *root,
                 const char *client_id)
{
  if (FD_IS_CLIENT_ROW (root) && fd_client_row_get_summary (FD_CLIENT_ROW (root)) != NULL &&
      g_str_equal (fd_client_summary_get_id (fd_client_row_get_summary (FD_CLIENT_ROW (root))),
                   client_id))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_client_row (child, client_id);

      if (found != NULL)
        return found;
    }
  return NULL;
}

typedef struct
{
  GtkWidget  *root;
  const char *client_id;
} ClientRowWait;

static gboolean
client_row_shown (gpointer user_data)
{
  ClientRowWait *wait = user_data;
  GtkWidget *row = find_client_row (wait->root, wait->client_id);

  return row != NULL && gtk_widget_get_mapped (row);
}

/* The item of @module's open menu that reads @text, if it can be picked. */
static GtkWidget *
menu_item (GtkWidget  *module,
           const char *text)
{
  GtkPopover *menu = fd_test_ui_find_open_menu (module);

  g_assert_nonnull (menu);
  return fd_test_ui_find_menu_item (GTK_WIDGET (menu), text);
}

/* Picks @item in the open menu, as a click on it; the menu closes. */
static void
pick_in_menu (FdClientsModule *module,
              const char      *item)
{
  GtkWidget *button = menu_item (GTK_WIDGET (module), item);

  g_assert_nonnull (button);
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_ROLE_MENU_ITEM);
  gtk_widget_activate (button);
  fd_test_ui_wait_for_menu (GTK_WIDGET (module), FALSE, "the menu to close");
}

/* Anna archives a client from the list's menu (right click), with Client Details' own
 * confirmation; it leaves her list and Ben's search. Unarchive, by Shift+F10 on the row
 * found with Include archived, brings it back. */
static void
test_list_menu_archive (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *member = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *last = NULL;
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  g_autofree char *toast = NULL;
  g_autofree char *shot = NULL;
  GtkWidget *row;
  GtkWidget *include;
  GtkGesture *click;
  AdwMessageDialog *dialog;
  gboolean handled = FALSE;
  StoredWait stored = { fixture, NULL, "archived" };
  ListedWait bens = { fd_clients_module_get_results (fixture->ben.module), NULL };
  ListedWait annas = { fd_clients_module_get_results (fixture->anna.module), NULL };
  GtkWidget *module = GTK_WIDGET (fixture->anna.module);
  ClientRowWait row_wait = { module, NULL };

  /* A member of a family, not its payer: archiving them is allowed. */
  member = fd_test_query_value (fixture->owner, "SELECT min(id) FROM frontdesk.clients "
                                                "WHERE guarantor_id <> id");
  sql = g_strdup_printf ("SELECT last_name || '|' || first_name || ' ' || last_name || '|' || "
                         "last_name || ', ' || first_name FROM frontdesk.clients WHERE id = %s",
                         member);
  {
    g_autofree char *line = fd_test_query_value (fixture->owner, sql);
    g_auto(GStrv) parts = g_strsplit (line, "|", 3);

    last = g_strdup (parts[0]);
    name = g_strdup (parts[1]);
    title = g_strdup (parts[2]);
  }
  bens.name = annas.name = title;
  row_wait.client_id = member;
  g_free (sql);
  sql = g_strdup_printf ("SELECT status FROM frontdesk.clients WHERE id = %s", member);
  stored.sql = sql;

  fd_test_desk_wait_for_list (fixture->ben.module, "Ben's list");
  fd_clients_module_search (fixture->ben.module, last);
  fd_test_wait_until (client_listed, &bens, "the client in Ben's search");
  fd_test_desk_wait_for_list (FD_CLIENTS_MODULE (module), "Anna's list");
  fd_clients_module_search (FD_CLIENTS_MODULE (module), last);
  fd_test_wait_until (client_row_shown, &row_wait, "the client's row in Anna's list");

  /* A right click on the row: Open and Archive…, named as menu items. */
  row = find_client_row (module, member);
  click = GTK_GESTURE (fd_test_ui_find_controller (row, GTK_TYPE_GESTURE_CLICK));
  g_assert_nonnull (click);
  g_assert_cmpuint (gtk_gesture_single_get_button (GTK_GESTURE_SINGLE (click)), ==,
                    GDK_BUTTON_SECONDARY);
  g_signal_emit_by_name (click, "pressed", 1, 20.0, 10.0);
  fd_test_ui_wait_for_menu (module, TRUE, "the client's menu");
  g_assert_nonnull (menu_item (module, "Open"));
  g_assert_null (menu_item (module, "Unarchive"));
  shot = fd_test_ui_screenshot_with_popover (GTK_WIDGET (fixture->anna.window),
                                             fd_test_ui_find_open_menu (module),
                                             "client-list-menu");

  /* Archive…: the client opens in Client Details, which asks as its own button does. */
  pick_in_menu (FD_CLIENTS_MODULE (module), "Archive…");
  dialog = fd_test_desk_wait_for_dialog ("archive-dialog");
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), name));
  g_assert_cmpstr (fd_client_editor_get_client_id (fixture->anna.editor), ==, member);
  fd_test_desk_answer (dialog, "archive");
  fd_test_wait_until (stored_is, &stored, "the client to be archived");
  toast = g_strdup_printf ("Archived %s", name);
  fd_test_ui_wait_for_label (GTK_WIDGET (fixture->anna.window), toast);

  /* Out of both lists. */
  fd_test_wait_until (client_unlisted, &annas, "the archived client out of Anna's list");
  fd_test_wait_until (client_unlisted, &bens, "the archived client out of Ben's search");

  /* Shift+F10 on the row found with Include archived: Unarchive brings them back. */
  include = fd_test_ui_find_descendant (module, GTK_TYPE_CHECK_BUTTON);
  gtk_widget_activate (include);
  fd_test_wait_until (client_row_shown, &row_wait, "the archived client's row");
  row = find_client_row (module, member);
  g_assert_true (gtk_widget_grab_focus (gtk_widget_get_parent (row)));
  {
    GtkWidget *list = gtk_widget_get_ancestor (row, GTK_TYPE_LIST_VIEW);

    g_signal_emit_by_name (fd_test_ui_find_controller (list, GTK_TYPE_EVENT_CONTROLLER_KEY),
                           "key-pressed", GDK_KEY_F10, 0, GDK_SHIFT_MASK, &handled);
  }
  g_assert_true (handled);
  fd_test_ui_wait_for_menu (module, TRUE, "the archived client's menu");
  g_assert_null (menu_item (module, "Archive…"));
  pick_in_menu (FD_CLIENTS_MODULE (module), "Unarchive");
  stored.expected = "active";
  fd_test_wait_until (stored_is, &stored, "the client to be active again");
  g_free (toast);
  toast = g_strdup_printf ("Unarchived %s", name);
  fd_test_ui_wait_for_label (GTK_WIDGET (fixture->anna.window), toast);
  fd_test_wait_until (client_listed, &bens, "the client back in Ben's search");
}

int
main (int   argc,
      char *argv[])
{
  fd_test_ui_init (&argc, &argv);

  g_test_add ("/frontdesk/ui/clients/new-client-found-at-the-other-desk", Fixture, NULL,
              fd_test_office_setup, test_new_client_found_at_the_other_desk,
              fd_test_office_teardown);
  g_test_add ("/frontdesk/ui/clients/new-client-duplicate-opens-existing", Fixture, NULL,
              fd_test_office_setup, test_new_client_duplicate_opens_existing,
              fd_test_office_teardown);
  g_test_add ("/frontdesk/ui/clients/new-client-pays-for-themselves", Fixture, NULL,
              fd_test_office_setup, test_new_client_pays_for_themselves, fd_test_office_teardown);
  g_test_add ("/frontdesk/ui/clients/family-members-and-move", Fixture, NULL,
              fd_test_office_setup, test_family_members_and_move, fd_test_office_teardown);
  g_test_add ("/frontdesk/ui/clients/make-payer", Fixture, NULL,
              fd_test_office_setup, test_make_payer, fd_test_office_teardown);
  g_test_add ("/frontdesk/ui/clients/procedures-and-notes", Fixture, NULL,
              fd_test_office_setup, test_procedures_and_notes, fd_test_office_teardown);
  g_test_add ("/frontdesk/ui/clients/renamed-found-by-substring", Fixture, NULL,
              fd_test_office_setup, test_renamed_found_by_substring, fd_test_office_teardown);
  g_test_add ("/frontdesk/ui/clients/archive-and-unarchive", Fixture, NULL,
              fd_test_office_setup, test_archive_and_unarchive, fd_test_office_teardown);
  g_test_add ("/frontdesk/ui/clients/date-of-birth-typed-and-picked", Fixture, NULL,
              fd_test_office_setup, test_date_of_birth_typed_and_picked,
              fd_test_office_teardown);
  g_test_add ("/frontdesk/ui/clients/list-menu-archive", Fixture, NULL,
              fd_test_office_setup, test_list_menu_archive, fd_test_office_teardown);
  g_test_add ("/frontdesk/ui/clients/shortcuts", Fixture, NULL,
              fd_test_office_setup, test_shortcuts, fd_test_office_teardown);
  g_test_add ("/frontdesk/ui/clients/fees-in-the-practice-currency", Fixture, NULL,
              fd_test_office_setup, test_fees_in_the_practice_currency, fd_test_office_teardown);
  g_test_add ("/frontdesk/ui/clients/setup-currency-and-categories", Fixture, NULL,
              fd_test_office_setup, test_setup_currency_and_categories, fd_test_office_teardown);
  g_test_add ("/frontdesk/ui/clients/server-rules", Fixture, NULL,
              fd_test_office_setup, test_server_rules, fd_test_office_teardown);

  return fd_test_run ();
}
