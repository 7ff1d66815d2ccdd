/* fd-test-desk.c: a workstation in a UI test.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "fd-application.h"
#include "fd-appointment-editor.h"
#include "fd-appointments-module.h"
#include "fd-day-view.h"
#include "fd-test-desk.h"
#include "fd-test-server.h"
#include "fd-test-ui.h"

static FdApplication *application;

static gboolean
database_ready (gpointer user_data)
{
  return fd_database_get_phase (user_data) == FD_DATABASE_PHASE_READY;
}

void
fd_test_desk_open_as (FdTestDesk *desk,
                      const char *dbname,
                      const char *name,
                      gboolean    admin)
{
  g_autoptr(FdServerConfig) config = fd_server_config_new ();
  g_autoptr(GError) error = NULL;

  if (application == NULL)
    {
      application = fd_application_new ();
      g_application_register (G_APPLICATION (application), NULL, &error);
      g_assert_no_error (error);
    }

  desk->login = fd_test_create_staff (admin);
  g_free (config->host);
  config->host = g_strdup (fd_test_server_socket_dir ());
  g_free (config->user);
  config->user = g_strdup (desk->login);
  config->password = fd_test_staff_password (desk->login);
  g_free (config->database);
  config->database = g_strdup (dbname);
  g_free (config->workstation);
  config->workstation = g_strdup (name);

  desk->database = fd_database_new (config);
  fd_database_open_async (desk->database, NULL, NULL, NULL);
  fd_test_wait_until (database_ready, desk->database, "a workstation's database");

  desk->window = fd_window_new (GTK_APPLICATION (application), desk->database);
  gtk_window_set_default_size (GTK_WINDOW (desk->window), 1100, 760);
  gtk_window_present (GTK_WINDOW (desk->window));
  desk->module = FD_CLIENTS_MODULE (fd_window_get_visible_module (desk->window));
  desk->editor = fd_clients_module_get_editor (desk->module);
}

void
fd_test_desk_open (FdTestDesk *desk,
                   const char *dbname,
                   const char *name)
{
  fd_test_desk_open_as (desk, dbname, name, FALSE);
}

void
fd_test_desk_close (FdTestDesk *desk)
{
  gtk_window_destroy (GTK_WINDOW (desk->window));
  fd_database_close (desk->database);
  g_clear_object (&desk->database);
  g_clear_pointer (&desk->login, g_free);
}

void
fd_test_desk_destroy_dialogs (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i - 1);

      if (ADW_IS_MESSAGE_DIALOG (window))
        gtk_window_destroy (window);
    }
}

/* What a test left open: questions, and appointment editors, which go before their desks'
 * database does. */
void
fd_test_desk_destroy_windows (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i - 1);

      if (FD_IS_APPOINTMENT_EDITOR (window))
        gtk_window_destroy (window);
    }
  fd_test_desk_destroy_dialogs ();
}

/* The office: Anna at Reception 1, Ben at Reception 2 ----------------------------------- */

void
fd_test_office_setup (FdTestOffice  *office,
                      gconstpointer  data)
{
  office->dbname = fd_test_create_database (TRUE);
  office->owner = fd_test_open_connection (office->dbname);
  fd_test_exec (office->owner, "SELECT frontdesk.sample_data(30, 1)");
  fd_test_desk_open (&office->anna, office->dbname, "Reception 1");
  fd_test_desk_open (&office->ben, office->dbname, "Reception 2");
}

void
fd_test_office_teardown (FdTestOffice  *office,
                         gconstpointer  data)
{
  fd_test_desk_destroy_windows ();
  fd_test_desk_close (&office->anna);
  fd_test_desk_close (&office->ben);
  g_clear_object (&office->owner);
  fd_test_drop_database (office->dbname);
  g_free (office->dbname);
}

/* The practice: an administrator at Reception 1 ---------------------------------------- */

void
fd_test_practice_setup (FdTestPractice *practice,
                        gconstpointer   data)
{
  practice->dbname = fd_test_create_database (TRUE);
  practice->owner = fd_test_open_connection (practice->dbname);
  fd_test_exec (practice->owner, "SELECT frontdesk.sample_data(30, 1)");
  fd_test_desk_open_as (&practice->desk, practice->dbname, "Reception 1", TRUE);
}

void
fd_test_practice_teardown (FdTestPractice *practice,
                           gconstpointer   data)
{
  fd_test_desk_destroy_dialogs ();
  fd_test_desk_close (&practice->desk);
  g_clear_object (&practice->owner);
  fd_test_drop_database (practice->dbname);
  g_free (practice->dbname);
}

/* Waiting on what a person sees ---------------------------------------------------------- */

static gboolean
results_listed (gpointer user_data)
{
  return g_list_model_get_n_items (fd_clients_module_get_results (user_data)) > 0;
}

void
fd_test_desk_wait_for_list (FdClientsModule *module,
                            const char      *what)
{
  fd_test_wait_until (results_listed, module, what);
}

static gboolean
record_shown (gpointer user_data)
{
  FdTestDesk *desk = user_data;

  return fd_client_editor_get_client_id (desk->editor) != NULL &&
         fd_test_ui_find_label (GTK_WIDGET (desk->window), "Client No. ") != NULL;
}

void
fd_test_desk_wait_for_record (FdTestDesk *desk,
                              const char *what)
{
  fd_test_wait_until (record_shown, desk, what);
}

void
fd_test_desk_open_first_client (FdTestDesk *desk)
{
  fd_test_desk_wait_for_list (desk->module, "the client list");
  fd_clients_module_select (desk->module, 0);
}

static gboolean
editor_clean (gpointer user_data)
{
  return !fd_client_editor_get_dirty (user_data);
}

void
fd_test_desk_wait_until_clean (FdClientEditor *editor,
                               const char     *what)
{
  fd_test_wait_until (editor_clean, editor, what);
}

void
fd_test_desk_save (FdTestDesk *desk)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (desk->editor), "editor.save", NULL));
  fd_test_desk_wait_until_clean (desk->editor, "the save");
}

void
fd_test_desk_show_module (FdTestDesk *desk,
                          const char *title)
{
  /* The module's button, as a click would (the click arrives a moment later). */
  GtkWidget *button = fd_test_ui_find_with_class (GTK_WIDGET (desk->window), "module-button",
                                                  title);

  g_assert_nonnull (button);
  gtk_widget_activate (button);
}

/* Families -------------------------------------------------------------------------------- */

typedef struct
{
  GtkListBox *list;
  const char *title;
} FamilyRowWait;

static GtkWidget *
find_family_row (FamilyRowWait *wait)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (wait->list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (ADW_IS_PREFERENCES_ROW (child) &&
          g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child)),
                     wait->title) == 0)
        return child;
    }
  return NULL;
}

static gboolean
family_row_listed (gpointer user_data)
{
  FamilyRowWait *wait = user_data;

  return gtk_widget_get_mapped (GTK_WIDGET (wait->list)) && find_family_row (wait) != NULL;
}

/* Types @search into the family search and picks the client @row_title in the list, as a
 * click would. */
void
fd_test_desk_pick_family (FdFamilyPicker *picker,
                          const char     *search,
                          const char     *row_title)
{
  FamilyRowWait wait = { fd_family_picker_get_results (picker), row_title };

  gtk_widget_grab_focus (GTK_WIDGET (fd_family_picker_get_entry (picker)));
  gtk_editable_set_text (fd_family_picker_get_entry (picker), search);
  fd_test_wait_until (family_row_listed, &wait, "the client among the families found");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (wait.list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Families found");
  gtk_widget_activate (find_family_row (&wait));
}

/* In @account (Client Details' Account section), presses Change… once it is on screen and
 * picks the family of @row_title, found by typing @search. */
void
fd_test_desk_change_family (GtkWidget  *account,
                            const char *search,
                            const char *row_title)
{
  GtkWidget *button = fd_test_ui_find_descendant (account, GTK_TYPE_MENU_BUTTON);
  GtkWidget *scrolled = gtk_widget_get_ancestor (button, GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *content = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled));
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  GtkPopover *popover;
  graphene_point_t point;

  /* A person presses the button where they see it: scrolled into view first. */
  g_assert_true (gtk_widget_compute_point (button, gtk_widget_get_first_child (content),
                                           &GRAPHENE_POINT_INIT (0, 0), &point));
  gtk_adjustment_set_value (adjustment, point.y - 60);
  fd_test_ui_wait_for_frames (button, 2);
  gtk_widget_activate (gtk_widget_get_first_child (button));
  popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (button));
  fd_test_ui_wait_for_frames (GTK_WIDGET (popover), 1);
  fd_test_desk_pick_family (FD_FAMILY_PICKER (fd_test_ui_find_descendant (GTK_WIDGET (popover),
                                                                          FD_TYPE_FAMILY_PICKER)),
                            search, row_title);
}

/* Dialogs ---------------------------------------------------------------------------------- */

/**
 * fd_test_desk_find_dialog:
 *
 * Returns: (nullable) (transfer none): the message dialog with @css_class on screen
 */
AdwMessageDialog *
fd_test_desk_find_dialog (const char *css_class)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_mapped (GTK_WIDGET (window)) &&
          gtk_widget_has_css_class (GTK_WIDGET (window), css_class))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static gboolean
dialog_shown (gpointer user_data)
{
  return fd_test_desk_find_dialog (user_data) != NULL;
}

AdwMessageDialog *
fd_test_desk_wait_for_dialog (const char *css_class)
{
  fd_test_wait_until (dialog_shown, (gpointer) css_class, css_class);
  return fd_test_desk_find_dialog (css_class);
}

void
fd_test_desk_answer (AdwMessageDialog *dialog,
                     const char       *response)
{
  /* Held: the response may close the dialog's parent, and the dialog with it. */
  g_autoptr(AdwMessageDialog) held = g_object_ref (dialog);

  adw_message_dialog_response (held, response);
  if (gtk_widget_get_visible (GTK_WIDGET (held)))
    gtk_window_destroy (GTK_WINDOW (held));
}

/* Client Details and the appointment editor, as the etiquette tests wait for them ------ */

/* The entry row under @root whose text is @text. */
GtkEditable *
fd_test_desk_find_editable_with_text (GtkWidget  *root,
                                      const char *text)
{
  if (ADW_IS_ENTRY_ROW (root) && g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (root)), text) == 0)
    return GTK_EDITABLE (root);

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkEditable *found = fd_test_desk_find_editable_with_text (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

typedef struct
{
  GtkWidget  *root;
  const char *text;
} FieldWait;

static gboolean
field_shows (gpointer user_data)
{
  FieldWait *wait = user_data;

  return fd_test_desk_find_editable_with_text (wait->root, wait->text) != NULL;
}

/* Waits until an entry row under @root shows @text. */
void
fd_test_desk_wait_for_field (GtkWidget  *root,
                             const char *text)
{
  FieldWait wait = { root, text };

  fd_test_wait_until (field_shows, &wait, text);
}

/* Conditions for fd_test_wait_until() on a Client Details editor: read-only. */
gboolean
fd_test_desk_editor_read_only (gpointer user_data)
{
  return fd_client_editor_get_read_only (user_data);
}

/* Open for editing: not read-only, and no longer loading (its spinner stopped). */
gboolean
fd_test_desk_editor_editable (gpointer user_data)
{
  GtkWidget *spinner = fd_test_ui_find_descendant (GTK_WIDGET (user_data), GTK_TYPE_SPINNER);

  return !fd_client_editor_get_read_only (user_data) &&
         fd_client_editor_get_client_id (user_data) != NULL &&
         !gtk_spinner_get_spinning (GTK_SPINNER (spinner)) &&
         fd_test_ui_find_button (GTK_WIDGET (user_data), "_Edit") == NULL &&
         fd_test_ui_find_label (GTK_WIDGET (user_data), "Client No. ") != NULL;
}

/* The appointment editor window shown, other than @not. */
FdAppointmentEditor *
fd_test_desk_find_appointment_editor (FdAppointmentEditor *not)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (FD_IS_APPOINTMENT_EDITOR (window) && (gpointer) window != (gpointer) not &&
          gtk_widget_get_visible (GTK_WIDGET (window)))
        return FD_APPOINTMENT_EDITOR (window);
    }
  return NULL;
}

gboolean
fd_test_desk_other_editor_shown (gpointer user_data)
{
  return fd_test_desk_find_appointment_editor (user_data) != NULL;
}

gboolean
fd_test_desk_appointment_editable (gpointer user_data)
{
  GtkWidget *note = fd_test_ui_find_descendant (GTK_WIDGET (user_data), ADW_TYPE_ENTRY_ROW);

  return !fd_appointment_editor_get_read_only (user_data) &&
         fd_test_ui_find_button (GTK_WIDGET (user_data), "_Edit") == NULL &&
         gtk_editable_get_editable (GTK_EDITABLE (note));
}

static gboolean
book_shown (gpointer user_data)
{
  return FD_IS_APPOINTMENTS_MODULE (fd_window_get_visible_module (user_data));
}

typedef struct
{
  FdAppointmentsModule *book;
  const char           *id;
} BlockWait;

static gboolean
block_shown (gpointer user_data)
{
  BlockWait *wait = user_data;

  return fd_day_view_find (fd_appointments_module_get_view (wait->book), wait->id) != NULL;
}

/* @desk's book on @day (YYYY-MM-DD), once it shows appointment @id. */
FdAppointment *
fd_test_desk_show_in_book (FdTestDesk *desk,
                           const char *id,
                           const char *day)
{
  g_autofree char *iso = g_strdup_printf ("%sT12:00:00", day);
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  g_autoptr(GDateTime) noon = g_date_time_new_from_iso8601 (iso, local);
  BlockWait wait = { NULL, id };

  fd_test_desk_show_module (desk, "Appointments");
  fd_test_wait_until (book_shown, desk->window, "the appointment book");
  wait.book = FD_APPOINTMENTS_MODULE (fd_window_get_visible_module (desk->window));
  fd_appointments_module_show_day (wait.book, noon);
  fd_test_wait_until (block_shown, &wait, "the appointment in the book");
  return fd_day_view_find (fd_appointments_module_get_view (wait.book), id);
}

typedef struct
{
  FdSaveLock *lock;
  gboolean    held;
} HeldWait;

static gboolean
held_is (gpointer user_data)
{
  HeldWait *wait = user_data;

  return fd_save_lock_get_known (wait->lock) && fd_save_lock_get_held (wait->lock) == wait->held;
}

/* Waits until this desk's @lock is held (or not), as its server says. */
void
fd_test_desk_wait_save_lock (FdSaveLock *lock,
                             gboolean    held,
                             const char *what)
{
  HeldWait wait = { lock, held };

  fd_test_wait_until (held_is, &wait, what);
}

/* Chooses @name in @row's list. */
void
fd_test_desk_pick_choice (AdwComboRow *row,
                          const char  *name)
{
  GListModel *names = adw_combo_row_get_model (row);

  for (guint i = 0; i < g_list_model_get_n_items (names); i++)
    {
      if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (names), i), name))
        {
          adw_combo_row_set_selected (row, i);
          return;
        }
    }
  g_assert_not_reached ();
}

/* The row titled @title. */
GtkWidget *
fd_test_desk_find_row (GtkWidget  *root,
                       const char *title)
{
  if (ADW_IS_PREFERENCES_ROW (root) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = fd_test_desk_find_row (child, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}
