/* fd-client-editor.c: Client Details: edit a client under a soft record lock, with the
 * two-stage override, the displacement popup, take-back on save and the merge dialog.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opening a client acquires its lock. Held by another live session: a warning whose
 * default is Cancel, then a final confirmation; only then the override. A session that
 * loses the lock hears it at once: overridden → a popup and a state line, and its save
 * takes the lock back (a conflict, if any, goes to the merge dialog); broken by an admin or
 * expired → read-only with Reload, the typed values still there to copy out.
 */
#include <glib/gi18n.h>

#include "fd-account-section.h"
#include "fd-busy-dialog.h"
#include "fd-client-directory.h"
#include "fd-client-editor.h"
#include "fd-lock-prompt.h"
#include "fd-record.h"
#include "fd-save-lock-panel.h"

#define LOCK_KIND "clients"

typedef enum
{
  FIELD_TEXT,
  FIELD_DATE,
  FIELD_EMAIL,
  FIELD_PHONE,
} FieldKind;

typedef struct
{
  const char *column;
  const char *label;
  int         group;      /* 0 identity, 1 contact, 2 address */
  FieldKind   kind;
  int         max_length;
  gboolean    required;
} Field;

static const Field fields[] = {
  { "first_name", N_("First name"), 0, FIELD_TEXT, 100, TRUE },
  { "last_name", N_("Last name"), 0, FIELD_TEXT, 100, TRUE },
  { "preferred_name", N_("Preferred name"), 0, FIELD_TEXT, 100, FALSE },
  { "birth_date", N_("Date of birth (YYYY-MM-DD)"), 0, FIELD_DATE, 10, FALSE },
  { "phone_mobile", N_("Mobile phone"), 1, FIELD_PHONE, 30, FALSE },
  { "phone_home", N_("Home phone"), 1, FIELD_PHONE, 30, FALSE },
  { "phone_work", N_("Work phone"), 1, FIELD_PHONE, 30, FALSE },
  { "email", N_("Email"), 1, FIELD_EMAIL, 254, FALSE },
  { "address_line1", N_("Address"), 2, FIELD_TEXT, 200, FALSE },
  { "address_line2", N_("Address, second line"), 2, FIELD_TEXT, 200, FALSE },
  { "city", N_("City"), 2, FIELD_TEXT, 100, FALSE },
  { "region", N_("Region"), 2, FIELD_TEXT, 100, FALSE },
  { "postal_code", N_("Postal code"), 2, FIELD_TEXT, 20, FALSE },
};

struct _FdClientEditor
{
  GtkWidget            parent_instance;

  /* Template widgets */
  GtkStack            *stack;
  GtkSpinner          *loading_spinner;
  AdwWindowTitle      *record_title;
  GtkLabel            *viewers_label;
  GtkRevealer         *state_revealer;
  GtkWidget           *state_line;
  GtkImage            *state_icon;
  GtkLabel            *state_label;
  GtkButton           *reload_button;
  AdwSplitButton      *save_button;
  FdAccountSection    *account_section;
  AdwPreferencesGroup *identity_group;
  AdwPreferencesGroup *contact_group;
  AdwPreferencesGroup *address_group;
  GtkTextView         *notes_view;
  GtkToggleButton     *history_button;
  GtkListBox          *procedures_list;

  /* Owned */
  FdDatabase          *database;
  FdRecord            *record;
  char                *client_id;
  GCancellable        *cancellable;
  GHashTable          *rows;          /* column → AdwEntryRow */
  GHashTable          *invalid;       /* column → message */
  GSignalGroup        *lock_signals;
  GSignalGroup        *maintenance_signals;

  GTask               *pending_leave;  /* a leave waiting for the save under way */
  gint64               prompted_holder; /* whom the lock prompt warned about */

  gboolean             filling;
  gboolean             read_only;
  gboolean             revoked;       /* the lock was broken or ran out */
  char                *kept_state;    /* the record's state line, under maintenance's */
  gboolean             kept_state_error;
  gboolean             kept_state_reload;
  gboolean             in_maintenance; /* the state line says so */
  gboolean             displaced;
  gboolean             saving;
};

G_DEFINE_FINAL_TYPE (FdClientEditor, fd_client_editor, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CLIENT_ID,
  PROP_DIRTY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void save_record (FdClientEditor *self,
                         GTask          *leave_task);
static void save_account (FdClientEditor *self);
static void show_account (FdClientEditor *self);
static void load_record (FdClientEditor *self);

static void
finish_leave (GTask    *leave_task,
              gboolean  may_leave)
{
  if (leave_task == NULL)
    return;
  g_task_return_boolean (leave_task, may_leave);
  g_object_unref (leave_task);
}

/* Little helpers ------------------------------------------------------------------------- */

static FdLockManager *
get_locks (FdClientEditor *self)
{
  return self->database != NULL ? fd_database_get_lock_manager (self->database) : NULL;
}

static FdConnection *
get_connection (FdClientEditor *self)
{
  return fd_database_get_connection (self->database);
}

static GtkWindow *
get_window (FdClientEditor *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static char *
format_time (GDateTime *when)
{
  return when != NULL ? g_date_time_format (when, "%H:%M") : g_strdup ("—");
}

static char *
dup_client_name (FdClientEditor *self)
{
  if (self->record == NULL || !fd_record_is_loaded (self->record))
    return g_strdup ("");

  return g_strdup_printf ("%s %s", fd_record_get_original (self->record, "first_name"),
                          fd_record_get_original (self->record, "last_name"));
}

static AdwMessageDialog *
new_dialog (FdClientEditor *self,
            const char     *heading,
            const char     *body)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (get_window (self),
                                                                         heading, body));

  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  return dialog;
}

/* State: title, buttons, state line ------------------------------------------------------ */

static gboolean
is_dirty (FdClientEditor *self)
{
  return (self->record != NULL && fd_record_is_dirty (self->record)) ||
         fd_account_section_get_dirty (self->account_section);
}

static void
update_actions (FdClientEditor *self)
{
  gboolean dirty = is_dirty (self);
  g_autofree char *name = dup_client_name (self);
  g_autofree char *subtitle = NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save",
                                 dirty && !self->read_only && !self->saving);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.revert", dirty && !self->saving);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.reload", self->client_id != NULL);

  adw_window_title_set_title (self->record_title, name);
  if (dirty)
    subtitle = g_strdup (_("Unsaved changes"));
  else if (self->client_id != NULL)
    /* Translators: %s is the client's number in the practice */
    subtitle = g_strdup_printf (_("Client No. %s"), self->client_id);
  adw_window_title_set_subtitle (self->record_title, subtitle != NULL ? subtitle : "");
}

static void
put_state (FdClientEditor *self,
           const char     *message,
           gboolean        error,
           gboolean        offer_reload)
{
  gtk_label_set_text (self->state_label, message);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->state_label), message);
  gtk_image_set_from_icon_name (self->state_icon,
                                error ? "dialog-error-symbolic" : "dialog-warning-symbolic");
  if (error)
    gtk_widget_add_css_class (self->state_line, "error");
  else
    gtk_widget_remove_css_class (self->state_line, "error");
  gtk_widget_set_visible (GTK_WIDGET (self->reload_button), offer_reload);
  gtk_revealer_set_reveal_child (self->state_revealer, TRUE);
}

/* The record's own state (a lock taken over or lost, a refused save): kept, so that it is
 * shown again when maintenance, which covers it for a while, ends. */
static void
show_state (FdClientEditor *self,
            const char     *message,
            gboolean        error,
            gboolean        offer_reload)
{
  g_free (self->kept_state);
  self->kept_state = g_strdup (message);
  self->kept_state_error = error;
  self->kept_state_reload = offer_reload;
  put_state (self, message, error, offer_reload);
}

static void
hide_state (FdClientEditor *self)
{
  g_clear_pointer (&self->kept_state, g_free);
  gtk_revealer_set_reveal_child (self->state_revealer, FALSE);
}

static void
set_read_only (FdClientEditor *self,
               gboolean        read_only)
{
  GHashTableIter iter;
  gpointer row;

  self->read_only = read_only;

  /* Not insensitive: the values must stay selectable, so they can be copied out. */
  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, NULL, &row))
    gtk_editable_set_editable (GTK_EDITABLE (row), !read_only);
  gtk_text_view_set_editable (self->notes_view, !read_only);
  fd_account_section_set_read_only (self->account_section, read_only);
  update_actions (self);
}

/* Maintenance mode turns the form read-only for all but administrators (the server refuses
 * their saves anyway); it says why and by whom, and switched off, the form is as before. */
static gboolean
maintenance_applies (FdClientEditor *self)
{
  FdMaintenance *maintenance = self->database != NULL
                               ? fd_database_get_maintenance (self->database) : NULL;
  FdSession *session = self->database != NULL ? fd_database_get_session (self->database) : NULL;

  return maintenance != NULL && fd_maintenance_get_active (maintenance) &&
         (session == NULL || !fd_session_get_is_admin (session));
}

static void
apply_read_only (FdClientEditor *self)
{
  gboolean maintenance = self->client_id != NULL && maintenance_applies (self);
  g_autofree char *description = NULL;

  set_read_only (self, self->revoked || maintenance);
  if (maintenance)
    {
      description = fd_maintenance_dup_read_only_reason (
        fd_database_get_maintenance (self->database));
      put_state (self, description, TRUE, FALSE);
    }
  else if (self->in_maintenance && self->kept_state != NULL)
    put_state (self, self->kept_state, self->kept_state_error, self->kept_state_reload);
  else if (self->in_maintenance)
    gtk_revealer_set_reveal_child (self->state_revealer, FALSE);
  self->in_maintenance = maintenance;
}

/* Fields ----------------------------------------------------------------------------------- */

static const Field *
find_field (const char *column)
{
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      if (g_str_equal (fields[i].column, column))
        return &fields[i];
    }
  return NULL;
}

static char *
validate (const Field *field,
          const char  *text)
{
  if (text[0] == '\0')
    return field->required ? g_strdup_printf (_("%s is needed."), _(field->label)) : NULL;

  if (g_utf8_strlen (text, -1) > field->max_length)
    return g_strdup_printf (_("%s can have at most %d characters."), _(field->label),
                            field->max_length);

  switch (field->kind)
    {
    case FIELD_DATE:
      {
        int year, month, day;
        char end;

        if (sscanf (text, "%4d-%2d-%2d%c", &year, &month, &day, &end) != 3 ||
            !g_date_valid_dmy (day, month, year))
          return g_strdup (_("Write the date as year-month-day, for example 1984-03-27."));
        return NULL;
      }
    case FIELD_EMAIL:
      return strchr (text, '@') == NULL || strchr (text, ' ') != NULL
             ? g_strdup (_("An email address looks like name@example.org.")) : NULL;
    case FIELD_PHONE:
      return strspn (text, "+0123456789 ()./-") != strlen (text)
             ? g_strdup (_("A phone number holds digits, spaces and + ( ) . / - only.")) : NULL;
    case FIELD_TEXT:
    default:
      return NULL;
    }
}

static void
mark_field (FdClientEditor *self,
            const char     *column,
            char           *message)
{
  GtkWidget *row = g_hash_table_lookup (self->rows, column);

  if (message != NULL)
    {
      gtk_widget_add_css_class (row, "error");
      gtk_widget_set_tooltip_text (row, message);
      g_hash_table_insert (self->invalid, g_strdup (column), message);
    }
  else
    {
      gtk_widget_remove_css_class (row, "error");
      gtk_widget_set_tooltip_text (row, NULL);
      g_hash_table_remove (self->invalid, column);
    }
}

/* The messages of a group's invalid fields, under the group's title where they are read. */
static void
describe_group_errors (FdClientEditor *self,
                       int             group)
{
  AdwPreferencesGroup *groups[] = { self->identity_group, self->contact_group,
                                    self->address_group };
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      const char *message = g_hash_table_lookup (self->invalid, fields[i].column);

      if (fields[i].group != group || message == NULL)
        continue;
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, message);
    }
  adw_preferences_group_set_description (groups[group], text->len > 0 ? text->str : NULL);
}

static void
row_changed_cb (FdClientEditor *self,
                GtkEditable    *row)
{
  const char *column = g_object_get_data (G_OBJECT (row), "fd-column");
  const char *text = gtk_editable_get_text (row);
  g_autoptr(GError) error = NULL;

  if (self->filling || self->record == NULL)
    return;

  mark_field (self, column, validate (find_field (column), text));
  /* An emptied field is cleared (NULL), as the database keeps "nothing". */
  if (!fd_record_set (self->record, column, text[0] != '\0' ? text : NULL, -1, &error))
    mark_field (self, column, g_strdup (error->message));
  describe_group_errors (self, find_field (column)->group);
  update_actions (self);
}

static void
notes_changed_cb (FdClientEditor *self,
                  GtkTextBuffer  *buffer)
{
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  if (self->filling || self->record == NULL)
    return;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  fd_record_set (self->record, "notes", text[0] != '\0' ? text : NULL, -1, NULL);
  update_actions (self);
}

static void
build_rows (FdClientEditor *self)
{
  AdwPreferencesGroup *groups[] = { self->identity_group, self->contact_group,
                                    self->address_group };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      GtkWidget *row = adw_entry_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(fields[i].label));
      g_object_set_data (G_OBJECT (row), "fd-column", (gpointer) fields[i].column);
      g_signal_connect_object (row, "changed", G_CALLBACK (row_changed_cb), self,
                               G_CONNECT_SWAPPED);
      adw_preferences_group_add (groups[fields[i].group], row);
      g_hash_table_insert (self->rows, g_strdup (fields[i].column), row);
    }

  g_signal_connect_object (gtk_text_view_get_buffer (self->notes_view), "changed",
                           G_CALLBACK (notes_changed_cb), self, G_CONNECT_SWAPPED);
}

/* Shows the record's values, edited ones included. */
static void
fill_rows (FdClientEditor *self)
{
  const char *notes = fd_record_get (self->record, "notes");

  self->filling = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      const char *value = fd_record_get (self->record, fields[i].column);
      GtkEditable *row = g_hash_table_lookup (self->rows, fields[i].column);

      if (g_strcmp0 (gtk_editable_get_text (row), value != NULL ? value : "") != 0)
        gtk_editable_set_text (row, value != NULL ? value : "");
      mark_field (self, fields[i].column, NULL);
    }
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view),
                            notes != NULL ? notes : "", -1);
  for (int group = 0; group < 3; group++)
    describe_group_errors (self, group);
  self->filling = FALSE;
  update_actions (self);
}

/* Procedures and notes --------------------------------------------------------------------- */

static GtkWidget *
procedure_row_new (const FdProcedureEntry *entry,
                   gboolean                history)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = g_strdup_printf ("%s · %s %s · %s · %s · %s", entry->performed_on,
                                            entry->code, entry->description, entry->provider,
                                            entry->status, entry->fee);
  g_autofree char *subtitle = NULL;
  g_autofree char *written = NULL;

  if (entry->note_version > 0)
    {
      written = entry->note_written_at != NULL
                ? g_date_time_format (entry->note_written_at, "%Y-%m-%d %H:%M") : g_strdup ("");
      /* Translators: note version, its author, when it was written, and the note itself */
      subtitle = history ? g_strdup_printf (_("Version %d by %s, %s: %s"), entry->note_version,
                                            entry->note_author, written, entry->note)
                         : g_strdup (entry->note);
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  return row;
}

static void
procedures_loaded_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  FdClientEditor *self = user_data;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;
  gboolean history;

  entries = fd_client_directory_procedures_finish (FD_CONNECTION (object), result, &error);
  if (entries == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_message ("Cannot load the procedures: %s", error->message);
      return;
    }

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->procedures_list))) != NULL)
    gtk_list_box_remove (self->procedures_list, child);

  history = gtk_toggle_button_get_active (self->history_button);
  for (guint i = 0; i < entries->len; i++)
    gtk_list_box_append (self->procedures_list,
                         procedure_row_new (g_ptr_array_index (entries, i), history));

  if (entries->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No procedures yet"));
      gtk_list_box_append (self->procedures_list, row);
    }
}

static void
load_procedures (FdClientEditor *self)
{
  fd_client_directory_procedures_async (get_connection (self), self->client_id,
                                        gtk_toggle_button_get_active (self->history_button),
                                        self->cancellable, procedures_loaded_cb, self);
}

static void
history_toggled_cb (FdClientEditor *self)
{
  if (self->client_id != NULL)
    load_procedures (self);
}

/* Who else has it open -------------------------------------------------------------------- */

static void
viewers_listed_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  FdClientEditor *self = user_data;
  g_autoptr(GPtrArray) viewers = NULL;
  g_autoptr(GString) text = NULL;

  viewers = fd_lock_manager_list_viewers_finish (FD_LOCK_MANAGER (object), result, NULL);
  if (viewers == NULL)
    return;

  for (guint i = 0; i < viewers->len; i++)
    {
      FdLockHolder *viewer = g_ptr_array_index (viewers, i);

      if (viewer->is_mine)
        continue;
      if (text == NULL)
        /* Translators: followed by a list of people and workstations */
        text = g_string_new (_("Also viewing: "));
      else
        g_string_append (text, ", ");
      /* Translators: a person and their workstation, as "Alex Kim (Reception 2)" */
      g_string_append_printf (text, _("%s (%s)"), viewer->name, viewer->workstation);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->viewers_label), text != NULL);
  gtk_label_set_text (self->viewers_label, text != NULL ? text->str : "");
}

static void
list_viewers (FdClientEditor *self)
{
  if (self->client_id == NULL || get_locks (self) == NULL)
    return;

  fd_lock_manager_list_viewers_async (get_locks (self), LOCK_KIND, self->client_id,
                                      self->cancellable, viewers_listed_cb, self);
}

static void
viewers_changed_cb (FdClientEditor *self,
                    const char     *kind,
                    const char     *id)
{
  if (g_str_equal (kind, LOCK_KIND) && g_strcmp0 (id, self->client_id) == 0)
    list_viewers (self);
}

/* Losing the lock ---------------------------------------------------------------------- */

static void
lock_lost_cb (FdClientEditor *self,
              FdLockLoss     *loss)
{
  g_autofree char *at = NULL;
  g_autofree char *name = NULL;
  g_autofree char *state = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  if (!g_str_equal (loss->kind, LOCK_KIND) || g_strcmp0 (loss->id, self->client_id) != 0)
    return;

  at = format_time (loss->at);
  name = dup_client_name (self);

  if (loss->cause == FD_LOCK_LOSS_OVERRIDDEN)
    {
      self->displaced = TRUE;
      /* Translators: who, and at what time */
      state = g_strdup_printf (_("%s took over at %s — saving will take it back"),
                               loss->by_name, at);
      show_state (self, state, FALSE, FALSE);
      /* Translators: %s is a person */
      heading = g_strdup_printf (_("%s Took Over This Record"), loss->by_name);
      body = g_strdup_printf (_("%s at %s opened %s’s record at %s and holds it now. Your changes "
                                "are still here. If you save, you take the record back and %s "
                                "may lose what they have not saved; if they saved the same fields "
                                "meanwhile, you will choose which values to keep."),
                              loss->by_name, loss->by_workstation, name, at, loss->by_name);
    }
  else
    {
      self->revoked = TRUE;
      apply_read_only (self);
      if (loss->cause == FD_LOCK_LOSS_BROKEN)
        {
          state = g_strdup_printf (_("%s released your lock at %s — this record can no longer "
                                     "be saved; copy out what you need, then reload"),
                                   loss->by_name, at);
          heading = g_strdup (_("An Administrator Released Your Lock"));
          body = g_strdup_printf (_("%s released your lock on %s’s record at %s. You can no "
                                    "longer save it. Your changes are still in the form: copy "
                                    "out what you need, then reload the record."),
                                  loss->by_name, name, at);
        }
      else
        {
          state = g_strdup_printf (_("Your time to edit ran out at %s — this record can no "
                                     "longer be saved; copy out what you need, then reload"), at);
          heading = g_strdup (_("Your Time to Edit Ran Out"));
          body = g_strdup_printf (_("The practice allows a record to be held for a limited time, "
                                    "and yours on %s’s record ran out at %s. You can no longer "
                                    "save it. Your changes are still in the form: copy out what "
                                    "you need, then reload the record."), name, at);
        }
      show_state (self, state, TRUE, TRUE);
    }

  dialog = new_dialog (self, heading, body);
  adw_message_dialog_add_response (dialog, "ok", _("_OK"));
  adw_message_dialog_set_default_response (dialog, "ok");
  adw_message_dialog_set_close_response (dialog, "ok");
  gtk_widget_add_css_class (GTK_WIDGET (dialog), "lock-lost-dialog");
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Opening ---------------------------------------------------------------------------------- */

static void
reset (FdClientEditor *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  if (self->client_id != NULL && get_locks (self) != NULL)
    {
      fd_lock_manager_release (get_locks (self), LOCK_KIND, self->client_id);
      fd_lock_manager_leave_viewer (get_locks (self), LOCK_KIND, self->client_id);
    }

  if (self->pending_leave != NULL)
    finish_leave (g_steal_pointer (&self->pending_leave), FALSE);
  g_clear_object (&self->record);
  g_clear_pointer (&self->client_id, g_free);
  g_hash_table_remove_all (self->invalid);
  self->displaced = FALSE;
  self->saving = FALSE;
  self->revoked = FALSE;
  self->in_maintenance = FALSE;
  set_read_only (self, FALSE);
  hide_state (self);
  gtk_widget_set_visible (GTK_WIDGET (self->viewers_label), FALSE);
}

/* Try Again after an open that met someone else's unfinished change. */
static void
open_again_cb (FdClientEditor *self)
{
  g_autofree char *client_id = g_strdup (self->client_id);

  if (client_id != NULL)
    fd_client_editor_open (self, client_id);
}

static void
show_failure (FdClientEditor *self,
              const GError   *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (fd_busy_dialog_is_busy (error) &&
      (self->record == NULL || !fd_record_is_loaded (self->record)))
    fd_busy_dialog_present (GTK_WIDGET (self), error, G_CALLBACK (open_again_cb), self);

  gtk_spinner_set_spinning (self->loading_spinner, FALSE);
  if (self->record != NULL && fd_record_is_loaded (self->record))
    {
      show_state (self, error->message, TRUE, TRUE);
      return;
    }

  g_message ("Cannot open client %s: %s", self->client_id, error->message);
  gtk_stack_set_visible_child_name (self->stack, "record");
  show_state (self, error->message, TRUE, TRUE);
}

/* The family's account, and the Save button's arrow opening its Save Lock panel. */
static void
show_account (FdClientEditor *self)
{
  FdSaveLock *lock = fd_account_section_get_lock (self->account_section);
  GtkPopover *panel = adw_split_button_get_popover (self->save_button);

  if (panel == NULL || fd_save_lock_panel_get_lock (FD_SAVE_LOCK_PANEL (panel)) != lock)
    adw_split_button_set_popover (self->save_button, GTK_POPOVER (fd_save_lock_panel_new (lock)));
  fd_account_section_show (self->account_section, self->record);
}

static void
record_loaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  FdClientEditor *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!fd_record_load_finish (FD_RECORD (object), result, &error))
    {
      show_failure (self, error);
      return;
    }

  fill_rows (self);
  apply_read_only (self);
  show_account (self);
  gtk_spinner_set_spinning (self->loading_spinner, FALSE);
  gtk_stack_set_visible_child_name (self->stack, "record");

  fd_lock_manager_enter_viewer (get_locks (self), LOCK_KIND, self->client_id);
  list_viewers (self);
  load_procedures (self);
}

static void
load_record (FdClientEditor *self)
{
  GCancellable *cancellable = self->cancellable;

  g_clear_object (&self->record);
  self->record = fd_record_new ("clients", self->client_id);
  g_signal_connect_object (self->record, "notify::dirty", G_CALLBACK (update_actions), self,
                           G_CONNECT_SWAPPED);
  fd_record_load_async (self->record, get_connection (self), cancellable, record_loaded_cb, self);
}

static void
overridden_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  FdClientEditor *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!fd_lock_manager_override_finish (FD_LOCK_MANAGER (object), result, &error))
    {
      show_failure (self, error);
      return;
    }
  load_record (self);
}

static void
lock_prompt_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  FdClientEditor *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!fd_lock_prompt_finish (result, &error))
    {
      /* Cancelled with the editor (it may be gone); declined: the record stays closed. */
      if (error == NULL)
        fd_client_editor_close (self);
      return;
    }

  fd_lock_manager_override_async (get_locks (self), LOCK_KIND, self->client_id,
                                  self->prompted_holder, self->cancellable, overridden_cb, self);
}

static void
acquired_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  FdClientEditor *self = user_data;
  FdLockHolder *holder = NULL;
  g_autoptr(GError) error = NULL;

  if (!fd_lock_manager_acquire_finish (FD_LOCK_MANAGER (object), result, &holder, &error))
    {
      show_failure (self, error);
      return;
    }

  if (holder == NULL)
    {
      load_record (self);
      return;
    }

  self->prompted_holder = holder->session_id;
  fd_lock_prompt_async (get_window (self), holder, _("Client Record in Use"), self->cancellable,
                        lock_prompt_cb, self);
  fd_lock_holder_free (holder);
}

/* Saving --------------------------------------------------------------------------------- */

static void
merge_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   FdClientEditor   *self)
{
  GPtrArray *conflicts = g_object_get_data (G_OBJECT (dialog), "fd-conflicts");
  GTask *leave_task = g_object_get_data (G_OBJECT (dialog), "fd-leave-task");

  if (!g_str_equal (response, "save"))
    {
      /* The edits stay in the form. */
      finish_leave (leave_task, FALSE);
      return;
    }

  for (guint i = 0; i < conflicts->len; i++)
    {
      FdConflict *conflict = g_ptr_array_index (conflicts, i);
      g_autofree char *key = g_strconcat ("fd-mine-", conflict->column, NULL);
      GtkCheckButton *mine = g_object_get_data (G_OBJECT (dialog), key);

      fd_record_resolve_conflict (self->record, conflict, gtk_check_button_get_active (mine));
    }
  fill_rows (self);
  save_record (self, leave_task);
}

static const char *
describe_column (const char *column)
{
  const Field *field = find_field (column);

  return field != NULL ? _(field->label) : g_str_equal (column, "notes") ? _("Notes") : column;
}

static void
show_merge_dialog (FdClientEditor *self,
                   GPtrArray      *conflicts,
                   GTask          *leave_task)
{
  GtkWidget *grid = gtk_grid_new ();
  AdwMessageDialog *dialog;
  g_autofree char *body = NULL;

  body = g_strdup (_("Someone saved these fields of the record while you were editing them. "
                     "Choose, field by field, which value to keep; then save."));
  dialog = new_dialog (self, _("Choose Which Changes to Keep"), body);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 8);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);

  for (guint i = 0; i < conflicts->len; i++)
    {
      FdConflict *conflict = g_ptr_array_index (conflicts, i);
      g_autofree char *theirs_text = g_strdup_printf (_("Theirs: %s"), conflict->theirs != NULL
                                                      ? conflict->theirs : _("(empty)"));
      g_autofree char *mine_text = g_strdup_printf (_("Mine: %s"), conflict->mine != NULL
                                                    ? conflict->mine : _("(empty)"));
      g_autofree char *key = g_strconcat ("fd-mine-", conflict->column, NULL);
      GtkWidget *label = gtk_label_new (describe_column (conflict->column));
      GtkWidget *theirs = gtk_check_button_new_with_label (theirs_text);
      GtkWidget *mine = gtk_check_button_new_with_label (mine_text);

      gtk_widget_add_css_class (label, "heading");
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_check_button_set_group (GTK_CHECK_BUTTON (mine), GTK_CHECK_BUTTON (theirs));
      gtk_check_button_set_active (GTK_CHECK_BUTTON (mine), TRUE);
      gtk_grid_attach (GTK_GRID (grid), label, 0, i * 3, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), theirs, 0, i * 3 + 1, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), mine, 0, i * 3 + 2, 1, 1);
      g_object_set_data (G_OBJECT (dialog), key, mine);
    }

  adw_message_dialog_set_extra_child (dialog, grid);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "save", _("_Save"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");
  gtk_widget_add_css_class (GTK_WIDGET (dialog), "merge-dialog");
  g_object_set_data_full (G_OBJECT (dialog), "fd-conflicts", g_ptr_array_ref (conflicts),
                          (GDestroyNotify) g_ptr_array_unref);
  g_object_set_data (G_OBJECT (dialog), "fd-leave-task", leave_task);
  g_signal_connect_object (dialog, "response", G_CALLBACK (merge_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
lock_was_revoked (const GError *error)
{
  return g_str_equal (fd_db_error_get_sqlstate (error), "FD012");
}

/* A save that met someone else's unfinished change, waiting on the person's Try Again: the
 * leave that asked for it (closing, another client) goes on once it is saved. */
typedef struct
{
  FdClientEditor *editor;
  GTask          *leave_task;
} BusySave;

/* The question went away: answered with Try Again (the task moved on with it) or not. */
static void
busy_save_free (BusySave *busy)
{
  finish_leave (g_steal_pointer (&busy->leave_task), FALSE);
  g_clear_object (&busy->editor);
  g_free (busy);
}

/* Try Again: the same save, with what is typed now. */
static void
save_again_cb (BusySave *busy)
{
  save_record (busy->editor, g_steal_pointer (&busy->leave_task));
}

/* @leave_task: (nullable) (transfer full) */
static void
offer_save_again (FdClientEditor *self,
                  const GError   *error,
                  GTask          *leave_task)
{
  BusySave *busy = g_new0 (BusySave, 1);

  busy->editor = g_object_ref (self);
  busy->leave_task = leave_task;
  fd_busy_dialog_present_full (GTK_WIDGET (self), error, G_CALLBACK (save_again_cb), busy,
                               (GDestroyNotify) busy_save_free);
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  FdClientEditor *self = user_data;
  GTask *leave_task;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  FdSaveOutcome outcome;

  /* Cancelled: the editor let the record go, and may be gone itself (reset() answered the
   * leave that waited for this save). */
  outcome = fd_record_save_finish (FD_RECORD (object), result, &conflicts, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  leave_task = g_steal_pointer (&self->pending_leave);
  self->saving = FALSE;

  switch (outcome)
    {
    case FD_SAVE_SAVED:
      self->displaced = FALSE;
      hide_state (self);
      fill_rows (self);
      fd_lock_manager_note_saved (get_locks (self), LOCK_KIND, self->client_id,
                                  self->cancellable);
      load_procedures (self);
      /* The family's account next, under its own lock. */
      self->saving = TRUE;
      self->pending_leave = leave_task;
      save_account (self);
      break;

    case FD_SAVE_CONFLICT:
      show_merge_dialog (self, conflicts, leave_task);
      break;

    case FD_SAVE_REFUSED:
      if (lock_was_revoked (error))
        {
          self->revoked = TRUE;
          apply_read_only (self);
          show_state (self, error->message, TRUE, TRUE);
        }
      else
        {
          /* Translators: %s says why, in the server's words */
          message = g_strdup_printf (_("Not saved: %s"), error->message);
          show_state (self, message, TRUE, FALSE);
          if (fd_busy_dialog_is_busy (error))
            {
              offer_save_again (self, error, g_steal_pointer (&leave_task));
              break;
            }
        }
      finish_leave (leave_task, FALSE);
      break;

    case FD_SAVE_FAILED:
    default:
      message = g_strdup_printf (_("Not saved: %s Your changes are still here."), error->message);
      show_state (self, message, TRUE, FALSE);
      finish_leave (leave_task, FALSE);
      break;
    }

  update_actions (self);
}

static void
account_saved_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  FdClientEditor *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  GTask *leave_task;
  FdSaveOutcome outcome;

  outcome = fd_account_section_save_finish (FD_ACCOUNT_SECTION (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  leave_task = g_steal_pointer (&self->pending_leave);
  self->saving = FALSE;
  if (outcome == FD_SAVE_SAVED)
    {
      /* Moved to another family: its account, and its lock, from now on. */
      show_account (self);
      finish_leave (leave_task, TRUE);
    }
  else
    {
      /* Translators: %s says why, in the server's words */
      message = g_strdup_printf (_("The account is not saved: %s"), error->message);
      show_state (self, message, TRUE, FALSE);
      if (fd_busy_dialog_is_busy (error))
        offer_save_again (self, error, g_steal_pointer (&leave_task));
      else
        finish_leave (leave_task, FALSE);
    }
  update_actions (self);
}

/* Second part of a save, with self->saving set and the leave task in self->pending_leave. */
static void
save_account (FdClientEditor *self)
{
  fd_account_section_save_async (self->account_section, self->cancellable, account_saved_cb,
                                 self);
}

/* @leave_task: (nullable) (transfer full): answered once the save is done with */
static void
save_record (FdClientEditor *self,
             GTask          *leave_task)
{
  /* One save at a time: a second one would compare against values the first is writing. */
  if (self->saving)
    {
      finish_leave (leave_task, FALSE);
      return;
    }

  if (self->record == NULL || !is_dirty (self) || self->read_only)
    {
      finish_leave (leave_task, self->record == NULL || !is_dirty (self));
      return;
    }

  if (g_hash_table_size (self->invalid) > 0 ||
      fd_account_section_get_problem (self->account_section) != NULL)
    {
      show_state (self, _("Not saved: correct the marked fields first."), TRUE, FALSE);
      finish_leave (leave_task, FALSE);
      return;
    }

  self->saving = TRUE;
  self->pending_leave = leave_task;
  update_actions (self);
  if (fd_record_is_dirty (self->record))
    fd_record_save_async (self->record, get_connection (self), self->cancellable, saved_cb, self);
  else
    save_account (self);
}

/* Actions ---------------------------------------------------------------------------------- */

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  save_record (FD_CLIENT_EDITOR (widget), NULL);
}

static void
revert_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  FdClientEditor *self = FD_CLIENT_EDITOR (widget);

  if (self->record == NULL)
    return;
  fd_record_revert (self->record);
  fd_account_section_revert (self->account_section);
  fill_rows (self);
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  FdClientEditor *self = FD_CLIENT_EDITOR (widget);
  g_autofree char *id = g_strdup (self->client_id);

  if (id != NULL)
    fd_client_editor_open (self, id);
}

/* GObject ---------------------------------------------------------------------------------- */

static void
fd_client_editor_dispose (GObject *object)
{
  FdClientEditor *self = FD_CLIENT_EDITOR (object);
  GtkWidget *child;

  if (self->cancellable != NULL)
    reset (self);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->lock_signals);
  g_clear_object (&self->maintenance_signals);
  g_clear_object (&self->database);
  g_clear_object (&self->record);
  gtk_widget_dispose_template (GTK_WIDGET (self), FD_TYPE_CLIENT_EDITOR);
  /* The template's outer box is not a bound child: it is unparented by hand. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (fd_client_editor_parent_class)->dispose (object);
}

static void
fd_client_editor_finalize (GObject *object)
{
  FdClientEditor *self = FD_CLIENT_EDITOR (object);

  g_free (self->client_id);
  g_free (self->kept_state);
  g_hash_table_unref (self->rows);
  g_hash_table_unref (self->invalid);

  G_OBJECT_CLASS (fd_client_editor_parent_class)->finalize (object);
}

static void
fd_client_editor_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  FdClientEditor *self = FD_CLIENT_EDITOR (object);

  switch (prop_id)
    {
    case PROP_CLIENT_ID:
      g_value_set_string (value, self->client_id);
      break;
    case PROP_DIRTY:
      g_value_set_boolean (value, fd_client_editor_get_dirty (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fd_client_editor_class_init (FdClientEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fd_client_editor_dispose;
  object_class->finalize = fd_client_editor_finalize;
  object_class->get_property = fd_client_editor_get_property;

  properties[PROP_CLIENT_ID] =
    g_param_spec_string ("client-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_DIRTY] =
    g_param_spec_boolean ("dirty", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (FD_TYPE_ACCOUNT_SECTION);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/frontdesk/Frontdesk/fd-client-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, FdClientEditor, stack);
  gtk_widget_class_bind_template_child (widget_class, FdClientEditor, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, FdClientEditor, record_title);
  gtk_widget_class_bind_template_child (widget_class, FdClientEditor, viewers_label);
  gtk_widget_class_bind_template_child (widget_class, FdClientEditor, state_revealer);
  gtk_widget_class_bind_template_child (widget_class, FdClientEditor, state_line);
  gtk_widget_class_bind_template_child (widget_class, FdClientEditor, state_icon);
  gtk_widget_class_bind_template_child (widget_class, FdClientEditor, state_label);
  gtk_widget_class_bind_template_child (widget_class, FdClientEditor, reload_button);
  gtk_widget_class_bind_template_child (widget_class, FdClientEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, FdClientEditor, account_section);
  gtk_widget_class_bind_template_child (widget_class, FdClientEditor, identity_group);
  gtk_widget_class_bind_template_child (widget_class, FdClientEditor, contact_group);
  gtk_widget_class_bind_template_child (widget_class, FdClientEditor, address_group);
  gtk_widget_class_bind_template_child (widget_class, FdClientEditor, notes_view);
  gtk_widget_class_bind_template_child (widget_class, FdClientEditor, history_button);
  gtk_widget_class_bind_template_child (widget_class, FdClientEditor, procedures_list);
  gtk_widget_class_bind_template_callback (widget_class, history_toggled_cb);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.revert", NULL, revert_action);
  gtk_widget_class_install_action (widget_class, "editor.reload", NULL, reload_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "editor.save", NULL);
}

static void
fd_client_editor_init (FdClientEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->invalid = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->lock_signals = g_signal_group_new (FD_TYPE_LOCK_MANAGER);
  g_signal_group_connect_swapped (self->lock_signals, "lock-lost", G_CALLBACK (lock_lost_cb),
                                  self);
  g_signal_group_connect_swapped (self->lock_signals, "viewers-changed",
                                  G_CALLBACK (viewers_changed_cb), self);
  self->maintenance_signals = g_signal_group_new (FD_TYPE_MAINTENANCE);
  g_signal_group_connect_swapped (self->maintenance_signals, "notify::active",
                                  G_CALLBACK (apply_read_only), self);
  g_signal_group_connect_swapped (self->maintenance_signals, "notify::reason",
                                  G_CALLBACK (apply_read_only), self);
  g_signal_group_connect_swapped (self->maintenance_signals, "notify::by-name",
                                  G_CALLBACK (apply_read_only), self);

  g_signal_connect_object (self->account_section, "changed", G_CALLBACK (update_actions), self,
                           G_CONNECT_SWAPPED);
  build_rows (self);
  gtk_stack_set_visible_child_name (self->stack, "empty");
  update_actions (self);
  /* libadwaita 1.2 gives the split button's arrow a tooltip but no accessible name. */
  gtk_accessible_update_property (
    GTK_ACCESSIBLE (gtk_widget_get_last_child (GTK_WIDGET (self->save_button))),
    GTK_ACCESSIBLE_PROPERTY_LABEL, _("Save Lock Panel"), -1);
}

FdClientEditor *
fd_client_editor_new (void)
{
  return g_object_new (FD_TYPE_CLIENT_EDITOR, NULL);
}

void
fd_client_editor_set_database (FdClientEditor *self,
                               FdDatabase     *database)
{
  g_return_if_fail (FD_IS_CLIENT_EDITOR (self));

  if (self->database == database)
    return;

  fd_client_editor_close (self);
  g_set_object (&self->database, database);
  fd_account_section_set_database (self->account_section, database);
  g_signal_group_set_target (self->lock_signals,
                             database != NULL ? fd_database_get_lock_manager (database) : NULL);
  g_signal_group_set_target (self->maintenance_signals,
                             database != NULL ? fd_database_get_maintenance (database) : NULL);
}

/**
 * fd_client_editor_open:
 *
 * Opens @client_id, after the lock dialogs when someone else holds it. Whatever was open
 * is let go first; ask fd_client_editor_leave_async() before, if it may hold changes.
 */
void
fd_client_editor_open (FdClientEditor *self,
                       const char     *client_id)
{
  g_return_if_fail (FD_IS_CLIENT_EDITOR (self));
  g_return_if_fail (client_id != NULL);
  g_return_if_fail (self->database != NULL && get_locks (self) != NULL);

  reset (self);
  self->client_id = g_strdup (client_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT_ID]);
  gtk_spinner_set_spinning (self->loading_spinner, TRUE);
  gtk_stack_set_visible_child_name (self->stack, "loading");

  fd_lock_manager_acquire_async (get_locks (self), LOCK_KIND, client_id, self->cancellable,
                                 acquired_cb, self);
}

/**
 * fd_client_editor_close:
 *
 * Closes the record, releasing its lock; unsaved changes are dropped.
 */
void
fd_client_editor_close (FdClientEditor *self)
{
  g_return_if_fail (FD_IS_CLIENT_EDITOR (self));

  reset (self);
  fd_account_section_clear (self->account_section);
  gtk_spinner_set_spinning (self->loading_spinner, FALSE);
  gtk_stack_set_visible_child_name (self->stack, "empty");
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT_ID]);
}

const char *
fd_client_editor_get_client_id (FdClientEditor *self)
{
  g_return_val_if_fail (FD_IS_CLIENT_EDITOR (self), NULL);

  return self->client_id;
}

gboolean
fd_client_editor_get_dirty (FdClientEditor *self)
{
  g_return_val_if_fail (FD_IS_CLIENT_EDITOR (self), FALSE);

  return is_dirty (self);
}

gboolean
fd_client_editor_get_read_only (FdClientEditor *self)
{
  g_return_val_if_fail (FD_IS_CLIENT_EDITOR (self), FALSE);

  return self->read_only;
}

/* Types into @column as a person would. */
void
fd_client_editor_set_field (FdClientEditor *self,
                            const char     *column,
                            const char     *value)
{
  GtkEditable *row;

  g_return_if_fail (FD_IS_CLIENT_EDITOR (self));

  row = g_hash_table_lookup (self->rows, column);
  g_return_if_fail (row != NULL);
  gtk_editable_set_text (row, value);
}

static void
leave_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   FdClientEditor   *self)
{
  GTask *task = g_object_get_data (G_OBJECT (dialog), "fd-leave-task");

  if (g_str_equal (response, "save"))
    save_record (self, task);
  else if (g_str_equal (response, "discard"))
    {
      fd_record_revert (self->record);
      fd_account_section_revert (self->account_section);
      finish_leave (task, TRUE);
    }
  else
    finish_leave (task, FALSE);
}

/**
 * fd_client_editor_leave_async:
 *
 * Asks whether the open record may be left: at once when it holds no unsaved changes (or
 * can no longer be saved), else Save / Discard / Cancel.
 */
void
fd_client_editor_leave_async (FdClientEditor      *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task;
  AdwMessageDialog *dialog;
  g_autofree char *name = NULL;
  g_autofree char *heading = NULL;

  g_return_if_fail (FD_IS_CLIENT_EDITOR (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, fd_client_editor_leave_async);

  if (!fd_client_editor_get_dirty (self) || self->revoked)
    {
      finish_leave (task, TRUE);
      return;
    }

  name = dup_client_name (self);
  if (self->in_maintenance)
    {
      /* Translators: %s is a client's name */
      heading = g_strdup_printf (_("Discard Changes to %s?"), name);
      dialog = new_dialog (self, heading, _("The practice database is in maintenance, so your "
                                            "changes cannot be saved now. Stay, and you can "
                                            "save them as soon as it ends."));
      adw_message_dialog_add_responses (dialog, "cancel", _("_Stay"), "discard", _("_Discard"),
                                        NULL);
      adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_default_response (dialog, "cancel");
      adw_message_dialog_set_close_response (dialog, "cancel");
      gtk_widget_add_css_class (GTK_WIDGET (dialog), "leave-dialog");
      g_object_set_data (G_OBJECT (dialog), "fd-leave-task", task);
      g_signal_connect_object (dialog, "response", G_CALLBACK (leave_response_cb), self, 0);
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }
  /* Translators: %s is a client's name */
  heading = g_strdup_printf (_("Save Changes to %s?"), name);
  dialog = new_dialog (self, heading, _("You changed this client’s record. If you leave without "
                                        "saving, your changes are lost."));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "discard", _("_Discard"),
                                    "save", _("_Save"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");
  gtk_widget_add_css_class (GTK_WIDGET (dialog), "leave-dialog");
  g_object_set_data (G_OBJECT (dialog), "fd-leave-task", task);
  g_signal_connect_object (dialog, "response", G_CALLBACK (leave_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * fd_client_editor_leave_finish:
 *
 * Returns: %TRUE if the record may be left (saved, discarded or unchanged)
 */
gboolean
fd_client_editor_leave_finish (FdClientEditor *self,
                               GAsyncResult   *result)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), NULL);
}
