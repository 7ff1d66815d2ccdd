/* test-german.c: Frontdesk in German. The main window with each module, Client Details,
 * Preferences, the keyboard shortcuts, About and the dialogs behind the main buttons are
 * opened under LANGUAGE=de, and every text a person reads or a screen reader says —
 * labels, buttons, window titles, row titles and subtitles, placeholders, tooltips, menu
 * items, accessible names — is compared with the English originals of the catalogue: a
 * text that is an English original with a different German translation is untranslated.
 * The originals are read from po/de.po, so one it leaves untranslated or fuzzy counts as
 * English too. Data from the database (names, sample data) is never an original.
 * Screenshots land in the build folder's tests/screenshots as german-*.png.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "fd-admin-module.h"
#include "fd-appointment-editor.h"
#include "fd-appointments-module.h"
#include "fd-new-client-dialog.h"
#include "fd-preferences-window.h"
#include "fd-free-slot-dialog.h"
#include "fd-procedure-dialog.h"
#include "fd-setup-edit-dialog.h"
#include "fd-setup-module.h"
#include "fd-test-desk.h"
#include "fd-test-server.h"
#include "fd-test-ui.h"

typedef FdTestPractice Fixture;

static gboolean german_locale;

/* The catalogue ---------------------------------------------------------------------------- */

/* English original → its German translation, for the originals German changes. */
static GHashTable *originals;
/* Originals with printf conversions, as patterns over a formatted text. */
static GPtrArray *original_patterns;

static void
add_original (const char *english,
              const char *german)
{
  g_autoptr(GString) stripped_english = NULL;
  g_autoptr(GString) stripped_german = NULL;

  if (english[0] == '\0' || g_strcmp0 (english, german) == 0)
    return;
  g_hash_table_insert (originals, g_strdup (english), g_strdup (german));

  /* "_Save" shows as "Save" once its mnemonic is taken. */
  stripped_english = g_string_new (english);
  stripped_german = g_string_new (german);
  g_string_replace (stripped_english, "_", "", 0);
  g_string_replace (stripped_german, "_", "", 0);
  if (!g_str_equal (stripped_english->str, stripped_german->str))
    g_hash_table_insert (originals, g_strdup (stripped_english->str),
                         g_strdup (stripped_german->str));

  if (strchr (english, '%') != NULL)
    {
      g_autoptr(GRegex) conversion = g_regex_new ("%(\\d+\\$)?[-+ #0]*\\d*(\\.\\d+)?"
                                                  "(l|ll|z|h)?[diouxXsfgc]|%\" G_[A-Z0-9_]+ \"",
                                                  0, 0, NULL);
      g_auto(GStrv) parts = g_regex_split (conversion, english, 0);
      g_autoptr(GString) pattern = g_string_new ("^");
      gboolean has_words = FALSE;

      for (guint i = 0; parts[i] != NULL; i++)
        {
          g_autofree char *escaped = NULL;

          /* g_regex_split returns the captured groups too: skip them. */
          if (g_regex_match_simple ("^(\\d+\\$|\\.\\d+|l|ll|z|h)$", parts[i], 0, 0))
            continue;
          escaped = g_regex_escape_string (parts[i], -1);
          if (i > 0)
            g_string_append (pattern, "(.+?)");
          g_string_append (pattern, escaped);
          if (g_regex_match_simple ("[A-Za-z]{3}", parts[i], 0, 0))
            has_words = TRUE;
        }
      g_string_append (pattern, "$");
      /* "%s, %s" matches anything: only originals with words of their own are patterns. */
      if (has_words)
        g_ptr_array_add (original_patterns, g_regex_new (pattern->str, G_REGEX_DOTALL, 0, NULL));
    }
}

/* One entry of po/de.po as it is read: a fuzzy or empty translation is none, as gettext
 * shows the English original for it. */
typedef struct
{
  GString  *msgid;
  GString  *msgid_plural;
  GString  *msgstr[2];
  GString  *current;
  gboolean  fuzzy;
} PoEntry;

static void
po_entry_flush (PoEntry *entry)
{
  if (entry->msgid->len > 0)
    {
      const char *none = "(not translated)";
      gboolean translated = !entry->fuzzy && entry->msgstr[0]->len > 0;

      add_original (entry->msgid->str, translated ? entry->msgstr[0]->str : none);
      if (entry->msgid_plural->len > 0)
        add_original (entry->msgid_plural->str,
                      translated && entry->msgstr[1]->len > 0 ? entry->msgstr[1]->str : none);
    }
  g_string_truncate (entry->msgid, 0);
  g_string_truncate (entry->msgid_plural, 0);
  g_string_truncate (entry->msgstr[0], 0);
  g_string_truncate (entry->msgstr[1], 0);
  entry->current = NULL;
  entry->fuzzy = FALSE;
}

/* Reads the originals from po/de.po: the translated ones, and those it leaves English
 * (untranslated or fuzzy), which must then never be shown. */
static void
load_catalogue (void)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  PoEntry entry = { g_string_new (NULL), g_string_new (NULL),
                    { g_string_new (NULL), g_string_new (NULL) }, NULL, FALSE };

  originals = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  original_patterns = g_ptr_array_new_with_free_func ((GDestroyNotify) g_regex_unref);

  g_file_get_contents (FD_SOURCE_DIR "/po/de.po", &contents, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      const char *quoted = strchr (line, '"');
      g_autofree char *text = NULL;
      g_autofree char *unescaped = NULL;

      if (line[0] == '\0' || g_str_has_prefix (line, "#~"))
        {
          po_entry_flush (&entry);
          continue;
        }
      if (g_str_has_prefix (line, "#,") && strstr (line, "fuzzy") != NULL)
        entry.fuzzy = TRUE;
      if (line[0] == '#' || quoted == NULL || !g_str_has_suffix (line, "\""))
        continue;

      if (g_str_has_prefix (line, "msgid_plural "))
        entry.current = entry.msgid_plural;
      else if (g_str_has_prefix (line, "msgid "))
        entry.current = entry.msgid;
      else if (g_str_has_prefix (line, "msgstr[1] "))
        entry.current = entry.msgstr[1];
      else if (g_str_has_prefix (line, "msgstr"))
        entry.current = entry.msgstr[0];
      else if (line[0] != '"' || entry.current == NULL)
        continue;

      text = g_strndup (quoted + 1, strlen (quoted + 1) - 1);
      unescaped = g_strcompress (text);
      g_string_append (entry.current, unescaped);
    }
  po_entry_flush (&entry);

  for (guint i = 0; i < 2; i++)
    g_string_free (entry.msgstr[i], TRUE);
  g_string_free (entry.msgid, TRUE);
  g_string_free (entry.msgid_plural, TRUE);
  g_assert_cmpuint (g_hash_table_size (originals), >, 500);
}

/* What the practice database holds: names, sample data, the lists of Setup. A text shown
 * from there is data, even where it reads like an English original ("Not confirmed"). */
static GHashTable *data_texts;

static void
load_data_texts (FdConnection *owner)
{
  g_autofree char *tables = fd_test_query_value (
    owner, "SELECT string_agg(quote_ident(table_name), ',') FROM information_schema.tables "
           "WHERE table_schema = 'frontdesk' AND table_type = 'BASE TABLE'");
  g_auto(GStrv) names = g_strsplit (tables, ",", -1);

  g_clear_pointer (&data_texts, g_hash_table_unref);
  data_texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *sql = g_strdup_printf (
        "SELECT coalesce(string_agg(DISTINCT j.value, E'\\x1f'), '') "
        "FROM frontdesk.%s t, jsonb_each_text(to_jsonb(t)) j", names[i]);
      g_autofree char *values = fd_test_query_value (owner, sql);
      g_auto(GStrv) texts = g_strsplit (values, "\x1f", -1);

      for (guint j = 0; texts[j] != NULL; j++)
        g_hash_table_add (data_texts, g_strdup (texts[j]));
    }
}

static void
german_setup (Fixture       *fixture,
              gconstpointer  data)
{
  fd_test_practice_setup (fixture, data);
  load_data_texts (fixture->owner);
}

/* Finding English -------------------------------------------------------------------------- */

typedef struct
{
  GString    *found;
  GHashTable *seen;
} Findings;

static void
check_text (Findings   *findings,
            GtkWidget  *widget,
            const char *what,
            const char *text)
{
  const char *german;
  g_autofree char *key = NULL;

  if (text == NULL || text[0] == '\0' || g_hash_table_contains (data_texts, text))
    return;

  key = g_strdup_printf ("%s\n%s", G_OBJECT_TYPE_NAME (widget), text);
  if (g_hash_table_contains (findings->seen, key))
    return;

  german = g_hash_table_lookup (originals, text);
  for (guint i = 0; german == NULL && i < original_patterns->len; i++)
    if (g_regex_match (g_ptr_array_index (original_patterns, i), text, 0, NULL))
      german = g_regex_get_pattern (g_ptr_array_index (original_patterns, i));

  if (german != NULL)
    {
      g_string_append_printf (findings->found, "\n  %s of %s: “%s” (German: “%s”)", what,
                              G_OBJECT_TYPE_NAME (widget), text, german);
      g_hash_table_add (findings->seen, g_steal_pointer (&key));
    }
}

/* The accessible name and description: GTK 4.8 has no getter, but its test helper tells
 * the value it finds when it is not the one expected. */
static void
check_accessible (Findings              *findings,
                  GtkWidget             *widget,
                  GtkAccessibleProperty  property,
                  const char            *what)
{
  g_autofree char *value = NULL;

  if (!gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), property))
    return;
  value = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget), property,
                                              "\x01 not a name \x01");
  check_text (findings, widget, what, value);
}

static void
check_menu (Findings   *findings,
            GtkWidget  *widget,
            GMenuModel *menu)
{
  for (int i = 0; menu != NULL && i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *label = NULL;

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &label))
        check_text (findings, widget, "menu item", label);
      for (guint j = 0; j < 2; j++)
        {
          g_autoptr(GMenuModel) link = g_menu_model_get_item_link (
            menu, i, j == 0 ? G_MENU_LINK_SECTION : G_MENU_LINK_SUBMENU);

          check_menu (findings, widget, link);
        }
    }
}

static void
check_string_property (Findings   *findings,
                       GtkWidget  *widget,
                       const char *name)
{
  GParamSpec *spec = g_object_class_find_property (G_OBJECT_GET_CLASS (widget), name);
  g_autofree char *value = NULL;

  if (spec == NULL || spec->value_type != G_TYPE_STRING || !(spec->flags & G_PARAM_READABLE))
    return;
  g_object_get (widget, name, &value, NULL);
  check_text (findings, widget, name, value);
}

static void
collect_english (Findings  *findings,
                 GtkWidget *widget)
{
  /* What an entry holds is typed or loaded data, never an original. */
  static const char *properties[] = {
    "label", "title", "subtitle", "description", "placeholder-text", "heading", "body",
    "tooltip-text", "accessible-name", "icon-name-tooltip",
  };

  if (!gtk_widget_get_mapped (widget))
    return;

  if (GTK_IS_LABEL (widget))
    check_text (findings, widget, "text", gtk_label_get_text (GTK_LABEL (widget)));
  for (guint i = 0; i < G_N_ELEMENTS (properties); i++)
    check_string_property (findings, widget, properties[i]);
  if (GTK_IS_MENU_BUTTON (widget))
    check_menu (findings, widget, gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget)));
  check_accessible (findings, widget, GTK_ACCESSIBLE_PROPERTY_LABEL, "accessible name");
  check_accessible (findings, widget, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                    "accessible description");
  check_accessible (findings, widget, GTK_ACCESSIBLE_PROPERTY_PLACEHOLDER,
                    "accessible placeholder");

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_english (findings, child);
}

/* Fails with every English original shown in @window. */
static void
assert_german (GtkWidget  *window,
               const char *where)
{
  Findings findings = { g_string_new (NULL),
                        g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL) };

  fd_test_ui_wait_for_frames (window, 2);
  if (GTK_IS_WINDOW (window))
    check_text (&findings, window, "window title",
                gtk_window_get_title (GTK_WINDOW (window)));
  collect_english (&findings, window);
  g_hash_table_unref (findings.seen);

  if (findings.found->len > 0)
    g_error ("English in %s:%s", where, findings.found->str);
  g_string_free (findings.found, TRUE);
  g_test_message ("%s: no English original shown", where);
}

/* Driving the windows ---------------------------------------------------------------------- */

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

/* Presses the side bar's button for the module, found by its German name. */
static GtkWidget *
show_module (FdTestDesk *desk,
             const char *german_title,
             GType       type)
{
  ModuleWait wait = { desk->window, type };

  fd_test_desk_show_module (desk, german_title);
  fd_test_wait_until (module_is, &wait, german_title);
  return GTK_WIDGET (fd_window_get_visible_module (desk->window));
}

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

static void
press (GtkWidget *button)
{
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  gtk_widget_activate (button);
}

static GtkWindow *
open_and_check (GtkWidget  *button,
                GType       type,
                const char *where,
                const char *screenshot)
{
  GtkWindow *window;

  press (button);
  window = fd_test_ui_wait_for_window (type);
  assert_german (GTK_WIDGET (window), where);
  if (screenshot != NULL)
    g_free (fd_test_ui_screenshot (GTK_WIDGET (window), screenshot));
  return window;
}

static gboolean
record_shown (gpointer user_data)
{
  FdTestDesk *desk = user_data;

  return fd_client_editor_get_client_id (desk->editor) != NULL &&
         fd_test_ui_find_label (GTK_WIDGET (desk->window), "Klient Nr. ") != NULL;
}

static gboolean
openings_listed (gpointer user_data)
{
  return gtk_list_box_get_row_at_index (GTK_LIST_BOX (user_data), 0) != NULL;
}

/* Tests ------------------------------------------------------------------------------------ */

/* The window and Clients with Client Details open, then each dialog behind its buttons. */
static void
test_clients (Fixture       *fixture,
              gconstpointer  data)
{
  FdTestDesk *desk = &fixture->desk;
  GtkWidget *window = GTK_WIDGET (desk->window);
  GtkWindow *dialog;

  /* The side bar speaks German: its buttons are found by their German names. */
  g_assert_cmpstr (_("Clients"), ==, "Klienten");
  fd_test_desk_wait_for_list (desk->module, "the client list");
  assert_german (window, "the main window");
  g_free (fd_test_ui_screenshot (window, "german-main-window"));

  fd_test_desk_open_first_client (desk);
  fd_test_wait_until (record_shown, desk, "the first client, under its German title");
  assert_german (window, "Client Details");
  g_free (fd_test_ui_screenshot (window, "german-client-details"));

  dialog = open_and_check (find_actionable (window, "clients.new-client"),
                           FD_TYPE_NEW_CLIENT_DIALOG, "New Client", "german-new-client");
  gtk_window_destroy (dialog);

  dialog = open_and_check (find_actionable (GTK_WIDGET (desk->editor), "editor.add-procedure"),
                           FD_TYPE_PROCEDURE_DIALOG, "Add Procedure", NULL);
  gtk_window_destroy (dialog);
}

/* The day view, and Find a Free Slot with its answer. */
static void
test_appointments (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkWidget *book = show_module (&fixture->desk, _("Appointments"),
                                 FD_TYPE_APPOINTMENTS_MODULE);
  GtkMenuButton *date = GTK_MENU_BUTTON (fd_test_ui_find_descendant (book,
                                                                     GTK_TYPE_MENU_BUTTON));
  GtkListBox *list;
  GtkWindow *dialog;
  GtkWindow *editor;

  assert_german (GTK_WIDGET (fixture->desk.window), "Appointments");
  g_free (fd_test_ui_screenshot (GTK_WIDGET (fixture->desk.window), "german-appointments"));

  /* The day is written out in German order, with German names, when the locale exists. */
  if (german_locale)
    g_assert_true (g_regex_match_simple ("^(Montag|Dienstag|Mittwoch|Donnerstag|Freitag|"
                                         "Samstag|Sonntag), \\d{1,2}\\. \\w+ \\d{4}$",
                                         gtk_menu_button_get_label (date), 0, 0));

  dialog = open_and_check (fd_test_ui_find_with_class (book, "text-button",
                                                       _("Find a Free Slot")),
                           FD_TYPE_FREE_SLOT_DIALOG, "Find a Free Slot", "german-free-slot");
  /* The group's title “Openings” is there from the start: wait for the answer itself. */
  list = GTK_LIST_BOX (fd_test_ui_find_with_class (GTK_WIDGET (dialog), "openings", NULL));
  fd_test_wait_until (openings_listed, list, "the openings, listed");
  assert_german (GTK_WIDGET (dialog), "Find a Free Slot, answered");

  /* The first opening, activated, opens its booking. */
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_widget_activate (GTK_WIDGET (gtk_list_box_get_row_at_index (list, 0)));
  editor = fd_test_ui_wait_for_window (FD_TYPE_APPOINTMENT_EDITOR);
  assert_german (GTK_WIDGET (editor), "New Appointment");
  g_free (fd_test_ui_screenshot (GTK_WIDGET (editor), "german-new-appointment"));
  gtk_window_destroy (editor);
  /* The dialog closes once it has handed over its opening; if it stays, it goes now. */
  if (dialog != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
      gtk_window_destroy (dialog);
    }
}

/* Every section of Setup, and an Add dialog. */
static void
test_setup (Fixture       *fixture,
            gconstpointer  data)
{
  static const char *sections[] = {
    "practice", "providers", "employees", "operatories", "definitions", "procedure_codes",
    "fee_schedules", "fees", "insurance_categories",
  };
  GtkWidget *setup = show_module (&fixture->desk, _("Setup"), FD_TYPE_SETUP_MODULE);
  GtkWindow *dialog;

  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      g_autofree char *where = g_strdup_printf ("Setup’s %s", sections[i]);

      fd_setup_module_show_section (FD_SETUP_MODULE (setup), sections[i]);
      assert_german (GTK_WIDGET (fixture->desk.window), where);
    }

  fd_setup_module_show_section (FD_SETUP_MODULE (setup), "providers");
  fd_test_ui_wait_for_frames (setup, 2);
  dialog = open_and_check (fd_test_ui_find_with_class (setup, "suggested-action",
                                                       _("Add Provider")),
                           FD_TYPE_SETUP_EDIT_DIALOG, "Add Provider", "german-add-provider");
  gtk_window_destroy (dialog);
}

/* Every Admin page. */
static void
test_admin (Fixture       *fixture,
            gconstpointer  data)
{
  static const char *pages[] = { "locks", "maintenance", "audit", "integrity" };
  GtkWidget *admin = show_module (&fixture->desk, _("Admin"), FD_TYPE_ADMIN_MODULE);
  AdwMessageDialog *dialog;
  GtkWidget *page;
  GtkWidget *reason;

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autofree char *where = g_strdup_printf ("Admin’s %s page", pages[i]);

      fd_admin_module_show_page (FD_ADMIN_MODULE (admin), pages[i]);
      assert_german (GTK_WIDGET (fixture->desk.window), where);
    }

  /* Maintenance asks first, in German, with the reason typed. */
  page = fd_admin_module_show_page (FD_ADMIN_MODULE (admin), "maintenance");
  reason = fd_test_ui_find_descendant (page, ADW_TYPE_ENTRY_ROW);
  gtk_widget_grab_focus (reason);
  gtk_editable_set_text (GTK_EDITABLE (reason), "Umzug des Servers");
  press (fd_test_ui_find_with_class (page, "destructive-action", NULL));
  dialog = fd_test_desk_wait_for_dialog ("maintenance-confirm");
  assert_german (GTK_WIDGET (dialog), "Lock the Practice Database?");
  g_free (fd_test_ui_screenshot (GTK_WIDGET (dialog), "german-maintenance-confirm"));
  fd_test_desk_answer (dialog, "cancel");
}

/* Preferences (both pages), the keyboard shortcuts and About. */
static void
test_preferences_and_shortcuts (Fixture       *fixture,
                                gconstpointer  data)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (fixture->desk.window));
  GtkWindow *window;

  g_action_group_activate_action (G_ACTION_GROUP (application), "preferences", NULL);
  window = fd_test_ui_wait_for_window (FD_TYPE_PREFERENCES_WINDOW);
  assert_german (GTK_WIDGET (window), "Preferences, General");
  g_free (fd_test_ui_screenshot (GTK_WIDGET (window), "german-preferences"));
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (window), "database");
  assert_german (GTK_WIDGET (window), "Preferences, Database");
  gtk_window_destroy (window);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->desk.window),
                                             "win.show-help-overlay", NULL));
  window = fd_test_ui_wait_for_window (GTK_TYPE_SHORTCUTS_WINDOW);
  assert_german (GTK_WIDGET (window), "Keyboard Shortcuts");
  g_free (fd_test_ui_screenshot (GTK_WIDGET (window), "german-keyboard-shortcuts"));
  gtk_window_close (window);

  g_action_group_activate_action (G_ACTION_GROUP (application), "about", NULL);
  window = fd_test_ui_wait_for_window (ADW_TYPE_ABOUT_WINDOW);
  assert_german (GTK_WIDGET (window), "About");
  gtk_window_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  /* gettext honours LANGUAGE in any locale but plain C; the weekday and month names come
   * from the locale itself, so de_DE.UTF-8 when it exists (tools/install-deps makes it). */
  g_setenv ("LANGUAGE", "de", TRUE);
  g_setenv ("LC_ALL", "de_DE.UTF-8", TRUE);
  german_locale = setlocale (LC_ALL, "") != NULL;
  if (!german_locale)
    {
      g_setenv ("LC_ALL", "C.UTF-8", TRUE);
      g_assert_nonnull (setlocale (LC_ALL, ""));
    }
  bindtextdomain (GETTEXT_PACKAGE, FD_BUILT_LOCALE_DIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_setenv ("GTK_A11Y", "test", TRUE);
  fd_test_ui_init (&argc, &argv);
  if (!german_locale)
    g_test_message ("No de_DE.UTF-8 locale (run tools/install-deps): the texts are German, "
                    "the weekday and month names stay C's");
  load_catalogue ();

  g_test_add ("/frontdesk/ui/german/clients", Fixture, NULL,
              german_setup, test_clients, fd_test_practice_teardown);
  g_test_add ("/frontdesk/ui/german/appointments", Fixture, NULL,
              german_setup, test_appointments, fd_test_practice_teardown);
  g_test_add ("/frontdesk/ui/german/setup", Fixture, NULL,
              german_setup, test_setup, fd_test_practice_teardown);
  g_test_add ("/frontdesk/ui/german/admin", Fixture, NULL,
              german_setup, test_admin, fd_test_practice_teardown);
  g_test_add ("/frontdesk/ui/german/preferences-and-shortcuts", Fixture, NULL,
              german_setup, test_preferences_and_shortcuts, fd_test_practice_teardown);

  return fd_test_run ();
}
