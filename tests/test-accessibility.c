/* test-accessibility.c: what a screen reader meets in the main window: the roles and names
 * of the module buttons, the client search and list, Client Details' Save, the day
 * navigation of the appointment book, Setup's sections, the Admin pages and the lock table.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "fd-admin-module.h"
#include "fd-appointments-module.h"
#include "fd-setup-module.h"
#include "fd-test-desk.h"
#include "fd-test-server.h"
#include "fd-test-ui.h"

typedef FdTestPractice Fixture;

/* Names ------------------------------------------------------------------------------------ */

/* GTK 4.8 names a control by its label property, else by the widgets it is labelled by: a
 * button by the label showing its text. */
static GtkLabel *
find_labelling_label (GtkWidget *widget,
                      GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found;

      if (GTK_IS_LABEL (child))
        {
          g_autofree char *mismatch = gtk_test_accessible_check_relation (
            GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY, child, NULL);

          if (mismatch == NULL)
            return GTK_LABEL (child);
        }
      found = find_labelling_label (widget, child);
      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
has_name (GtkWidget *widget)
{
  return gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget),
                                           GTK_ACCESSIBLE_PROPERTY_LABEL) ||
         gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget),
                                           GTK_ACCESSIBLE_RELATION_LABELLED_BY);
}

static gboolean
is_named (GtkWidget  *widget,
          const char *name)
{
  GtkLabel *label = find_labelling_label (widget, widget);
  g_autofree char *mismatch = NULL;

  if (label != NULL && g_strcmp0 (gtk_label_get_text (label), name) == 0)
    return TRUE;
  if (!gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL))
    return FALSE;

  mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget),
                                                 GTK_ACCESSIBLE_PROPERTY_LABEL, name);
  return mismatch == NULL;
}

/**
 * find_accessible:
 *
 * What a screen reader user finds by role and name, on screen under @root.
 *
 * Returns: (transfer none) (nullable): the first mapped widget with @role named @name
 */
static GtkWidget *
find_accessible (GtkWidget         *root,
                 GtkAccessibleRole  role,
                 const char        *name)
{
  if (!gtk_widget_get_mapped (root))
    return NULL;
  if (gtk_test_accessible_has_role (GTK_ACCESSIBLE (root), role) && is_named (root, name))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_accessible (child, role, name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
assert_accessible (GtkWidget         *root,
                   GtkAccessibleRole  role,
                   const char        *name)
{
  GtkWidget *found = find_accessible (root, role, name);

  if (found == NULL)
    g_error ("No %s named “%s” on screen",
             g_enum_to_string (GTK_TYPE_ACCESSIBLE_ROLE, role), name);

  return found;
}

/* Roles a person operates or reads through, which each need a name to be told apart. */
static const GtkAccessibleRole control_roles[] = {
  GTK_ACCESSIBLE_ROLE_BUTTON,
  GTK_ACCESSIBLE_ROLE_CHECKBOX,
  GTK_ACCESSIBLE_ROLE_COMBO_BOX,
  GTK_ACCESSIBLE_ROLE_GRID,
  GTK_ACCESSIBLE_ROLE_LINK,
  GTK_ACCESSIBLE_ROLE_LIST,
  GTK_ACCESSIBLE_ROLE_RADIO,
  GTK_ACCESSIBLE_ROLE_SEARCH_BOX,
  GTK_ACCESSIBLE_ROLE_SLIDER,
  GTK_ACCESSIBLE_ROLE_SPIN_BUTTON,
  GTK_ACCESSIBLE_ROLE_SWITCH,
  GTK_ACCESSIBLE_ROLE_TAB,
  GTK_ACCESSIBLE_ROLE_TEXT_BOX,
  GTK_ACCESSIBLE_ROLE_TREE_GRID,
};

static gboolean
is_control (GtkWidget *widget)
{
  GtkAccessibleRole role = gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget));

  for (guint i = 0; i < G_N_ELEMENTS (control_roles); i++)
    if (role == control_roles[i])
      return TRUE;

  return FALSE;
}

static void
collect_unnamed (GtkWidget *widget,
                 GString   *unnamed)
{
  if (!gtk_widget_get_mapped (widget))
    return;

  if (is_control (widget) && !has_name (widget))
    {
      const char *tooltip = gtk_widget_get_tooltip_text (widget);

      g_string_append_printf (unnamed, "\n  %s (%s)", G_OBJECT_TYPE_NAME (widget),
                              g_enum_to_string (GTK_TYPE_ACCESSIBLE_ROLE,
                                                gtk_accessible_get_accessible_role (
                                                  GTK_ACCESSIBLE (widget))));
      if (tooltip != NULL)
        g_string_append_printf (unnamed, ", tooltip “%s”", tooltip);
      for (GtkWidget *ancestor = gtk_widget_get_parent (widget); ancestor != NULL;
           ancestor = gtk_widget_get_parent (ancestor))
        if (g_str_has_prefix (G_OBJECT_TYPE_NAME (ancestor), "Fd"))
          g_string_append_printf (unnamed, " in %s", G_OBJECT_TYPE_NAME (ancestor));
    }

  /* Their parts are GTK's and libadwaita's own, named through the whole. */
  if (GTK_IS_COLUMN_VIEW (widget) || GTK_IS_DROP_DOWN (widget) || ADW_IS_COMBO_ROW (widget))
    return;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_unnamed (child, unnamed);
}

/* Every control on screen has a name: without one, a screen reader says only “button”. */
static void
assert_all_named (GtkWidget  *root,
                  const char *where)
{
  g_autoptr(GString) unnamed = g_string_new (NULL);

  fd_test_ui_wait_for_frames (root, 2);
  collect_unnamed (root, unnamed);
  if (unnamed->len > 0)
    g_error ("Controls without an accessible name in %s:%s", where, unnamed->str);
}

/* Tests ------------------------------------------------------------------------------------ */

typedef struct
{
  FdWindow *window;
  GType     type;
} ModuleWait;

static gboolean
module_is (gpointer user_data)
{
  ModuleWait *wait = user_data;

  return G_TYPE_CHECK_INSTANCE_TYPE (fd_window_get_visible_module (wait->window), wait->type);
}

static GtkWidget *
show_module (FdTestDesk *desk,
             const char *title,
             GType       type)
{
  ModuleWait wait = { desk->window, type };

  fd_test_desk_show_module (desk, title);
  fd_test_wait_until (module_is, &wait, title);
  return GTK_WIDGET (fd_window_get_visible_module (desk->window));
}

static const struct
{
  const char *title;
  GType     (*get_type) (void);
} modules[] = {
  { "Clients", fd_clients_module_get_type },
  { "Appointments", fd_appointments_module_get_type },
  { "Setup", fd_setup_module_get_type },
  { "Admin", fd_admin_module_get_type },
};

/* The side bar: one button per module, named for it, pressed while its module shows. */
static void
test_module_buttons (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->desk.window);

  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (window), GTK_ACCESSIBLE_ROLE_WINDOW);

  for (guint i = 0; i < G_N_ELEMENTS (modules); i++)
    {
      show_module (&fixture->desk, modules[i].title, modules[i].get_type ());

      for (guint j = 0; j < G_N_ELEMENTS (modules); j++)
        {
          GtkWidget *button = assert_accessible (window, GTK_ACCESSIBLE_ROLE_BUTTON,
                                                 modules[j].title);
          /* Not pressed: false, or never set on a button not yet pressed. */
          g_autofree char *not_pressed = gtk_test_accessible_check_state (
            GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_STATE_PRESSED, GTK_ACCESSIBLE_TRISTATE_TRUE);

          g_assert_true (gtk_widget_has_css_class (button, "module-button"));
          if (i == j)
            g_assert_null (not_pressed);
          else
            g_assert_nonnull (not_pressed);
        }
    }
}

/* The search, the list of clients, and Client Details with its Save. */
static void
test_clients (Fixture       *fixture,
              gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->desk.window);
  GtkWidget *search = assert_accessible (window, GTK_ACCESSIBLE_ROLE_SEARCH_BOX,
                                         "Search clients");
  GtkWidget *list = assert_accessible (window, GTK_ACCESSIBLE_ROLE_LIST, "Clients");

  g_assert_true (GTK_IS_SEARCH_ENTRY (search));
  g_assert_true (GTK_IS_LIST_VIEW (list));

  fd_test_desk_open_first_client (&fixture->desk);
  fd_test_desk_wait_for_record (&fixture->desk, "the first client");
  assert_accessible (GTK_WIDGET (fixture->desk.editor), GTK_ACCESSIBLE_ROLE_BUTTON, "Save");
  assert_accessible (GTK_WIDGET (fixture->desk.editor), GTK_ACCESSIBLE_ROLE_BUTTON, "Revert");
  assert_accessible (GTK_WIDGET (fixture->desk.editor), GTK_ACCESSIBLE_ROLE_BUTTON,
                     "Save Lock Panel");
  assert_accessible (GTK_WIDGET (fixture->desk.editor), GTK_ACCESSIBLE_ROLE_TEXT_BOX, "Notes");
  assert_accessible (GTK_WIDGET (fixture->desk.editor), GTK_ACCESSIBLE_ROLE_LIST, "Procedures");
  assert_all_named (window, "Clients");
}

typedef struct
{
  GtkMenuButton *button;
  char          *before;
} DayWait;

static gboolean
day_changed (gpointer user_data)
{
  DayWait *wait = user_data;

  return g_strcmp0 (gtk_menu_button_get_label (wait->button), wait->before) != 0;
}

/* The day navigation above the book: the date button is named by the day it shows. */
static void
test_appointments (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkWidget *book = show_module (&fixture->desk, "Appointments", FD_TYPE_APPOINTMENTS_MODULE);
  GtkMenuButton *date = GTK_MENU_BUTTON (fd_test_ui_find_descendant (book,
                                                                     GTK_TYPE_MENU_BUTTON));
  DayWait wait = { date, g_strdup (gtk_menu_button_get_label (date)) };

  assert_accessible (book, GTK_ACCESSIBLE_ROLE_BUTTON, "Previous day");
  assert_accessible (book, GTK_ACCESSIBLE_ROLE_BUTTON, "Today");
  assert_accessible (book, GTK_ACCESSIBLE_ROLE_GRID, "Appointment book");
  g_assert_true (assert_accessible (book, GTK_ACCESSIBLE_ROLE_BUTTON, wait.before) ==
                 GTK_WIDGET (date));
  assert_all_named (book, "Appointments");

  gtk_widget_activate (assert_accessible (book, GTK_ACCESSIBLE_ROLE_BUTTON, "Next day"));
  fd_test_wait_until (day_changed, &wait, "the next day");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (date), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       gtk_menu_button_get_label (date));
  g_free (wait.before);
}

/* Setup's sections, and the fee schedule editor with its own Save. */
static void
test_setup (Fixture       *fixture,
            gconstpointer  data)
{
  GtkWidget *setup = show_module (&fixture->desk, "Setup", FD_TYPE_SETUP_MODULE);

  assert_accessible (setup, GTK_ACCESSIBLE_ROLE_LIST, "Setup sections");
  assert_all_named (setup, "Setup");

  fd_setup_module_show_section (FD_SETUP_MODULE (setup), "fees");
  assert_accessible (setup, GTK_ACCESSIBLE_ROLE_BUTTON, "Save");
  assert_accessible (setup, GTK_ACCESSIBLE_ROLE_BUTTON, "Save Lock Panel");
  assert_all_named (setup, "Setup’s fee schedules");
}

/* The Admin pages' switcher, the lock table and every page. */
static void
test_admin (Fixture       *fixture,
            gconstpointer  data)
{
  static const char *pages[][2] = {
    { "locks", "Locks" },
    { "maintenance", "Maintenance" },
    { "audit", "Audit Log" },
    { "integrity", "Integrity" },
  };
  GtkWidget *admin = show_module (&fixture->desk, "Admin", FD_TYPE_ADMIN_MODULE);
  GtkWidget *table;

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    assert_accessible (admin, GTK_ACCESSIBLE_ROLE_TAB, pages[i][1]);

  table = fd_admin_module_show_page (FD_ADMIN_MODULE (admin), "locks");
  g_assert_true (assert_accessible (table, GTK_ACCESSIBLE_ROLE_TREE_GRID, "Locks") ==
                 fd_test_ui_find_descendant (table, GTK_TYPE_COLUMN_VIEW));
  assert_accessible (table, GTK_ACCESSIBLE_ROLE_TREE_GRID, "Connected Sessions");
  assert_accessible (table, GTK_ACCESSIBLE_ROLE_BUTTON, "Unlock…");
  assert_accessible (table, GTK_ACCESSIBLE_ROLE_BUTTON, "Take…");

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autofree char *where = g_strdup_printf ("Admin’s %s page", pages[i][1]);

      fd_admin_module_show_page (FD_ADMIN_MODULE (admin), pages[i][0]);
      assert_all_named (admin, where);
    }
}

int
main (int   argc,
      char *argv[])
{
  /* The test AT context keeps what each widget tells a screen reader, with no bus. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  fd_test_ui_init (&argc, &argv);

  g_test_add ("/frontdesk/ui/accessibility/module-buttons", Fixture, NULL,
              fd_test_practice_setup, test_module_buttons, fd_test_practice_teardown);
  g_test_add ("/frontdesk/ui/accessibility/clients", Fixture, NULL,
              fd_test_practice_setup, test_clients, fd_test_practice_teardown);
  g_test_add ("/frontdesk/ui/accessibility/appointments", Fixture, NULL,
              fd_test_practice_setup, test_appointments, fd_test_practice_teardown);
  g_test_add ("/frontdesk/ui/accessibility/setup", Fixture, NULL,
              fd_test_practice_setup, test_setup, fd_test_practice_teardown);
  g_test_add ("/frontdesk/ui/accessibility/admin", Fixture, NULL,
              fd_test_practice_setup, test_admin, fd_test_practice_teardown);

  return fd_test_run ();
}
