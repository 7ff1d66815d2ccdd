/* fd-account-section.c: Client Details' Account section.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A family shares one account, kept on the guarantor's row: its billing type, fee schedule
 * and insurance category. Whoever shows it enters the save lock "account:<guarantor>", so
 * of everyone looking at the family (at any member) one at a time may change it; the
 * others see the values and, in the section's description, why they cannot change them.
 * Who pays (the guarantor) is the client's own column, but moving a client to another
 * family changes the old family's account, so it too needs the old family's lock.
 */
#include <glib/gi18n.h>
#include <string.h>

#include "fd-account-section.h"
#include "fd-choices.h"
#include "fd-save-lock-panel.h"

typedef struct
{
  const char *column;
  const char *table;
  const char *category;
  const char *label;
} Choice;

static const Choice choices[] = {
  { "billing_type_id", "definitions", "billing_type", N_("Billing type") },
  { "fee_schedule_id", "fee_schedules", NULL, N_("Fee schedule") },
  { "insurance_category_id", "insurance_categories", NULL, N_("Insurance category") },
};

struct _FdAccountSection
{
  AdwPreferencesGroup  parent_instance;

  /* Owned */
  FdDatabase          *database;
  FdSaveLock          *lock;
  FdRecord            *client;
  FdRecord            *account;      /* the guarantor's row, account columns only */
  GCancellable        *cancellable;
  GPtrArray           *ids[G_N_ELEMENTS (choices)];
  char                *problem;      /* why the guarantor typed cannot be saved */

  /* Borrowed */
  AdwEntryRow         *guarantor_row;
  AdwComboRow         *choice_rows[G_N_ELEMENTS (choices)];

  gboolean             filling;
  gboolean             read_only;
  gboolean             seen_without_lock;
};

G_DEFINE_FINAL_TYPE (FdAccountSection, fd_account_section, ADW_TYPE_PREFERENCES_GROUP)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void load_account (FdAccountSection *self);

static gboolean
guarantor_changed (FdAccountSection *self)
{
  return self->client != NULL && fd_record_is_changed (self->client, "guarantor_id");
}

/* State ------------------------------------------------------------------------------------ */

static void
update_state (FdAccountSection *self)
{
  gboolean loaded = self->account != NULL && fd_record_is_loaded (self->account);
  gboolean held = self->lock != NULL && fd_save_lock_get_held (self->lock);
  gboolean editable = loaded && held && !self->read_only;
  g_autofree char *description = NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (self->guarantor_row), editable);
  for (guint i = 0; i < G_N_ELEMENTS (choices); i++)
    gtk_widget_set_sensitive (GTK_WIDGET (self->choice_rows[i]),
                              editable && !guarantor_changed (self));

  if (self->problem != NULL)
    description = g_strdup (self->problem);
  else if (!loaded)
    description = NULL;
  else if (!held)
    {
      g_autofree char *state = fd_save_lock_dup_state_text (self->lock);

      /* Translators: says why the account cannot be changed; then where to see more */
      description = g_strdup_printf (_("%s The arrow beside Save shows who has this "
                                       "account open."), state);
    }
  else if (guarantor_changed (self))
    description = g_strdup (_("Save to move this client to the other family; its account "
                              "then shows here."));
  else
    /* Translators: %s is the lock's description, such as "Account of Maria Berg" */
    description = g_strdup_printf (_("%s, shared by the whole family. You hold its save lock."),
                                   fd_save_lock_get_description (self->lock));

  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self), description);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
lock_changed_cb (FdAccountSection *self)
{
  FdSaveLock *lock = self->lock;
  gboolean loaded = self->account != NULL && fd_record_is_loaded (self->account);

  /* Given the lock after someone else had it: they may have saved, show what is stored. */
  if (loaded && fd_save_lock_get_held (lock) && self->seen_without_lock &&
      !fd_record_is_dirty (self->account))
    {
      load_account (self);
      return;
    }
  if (loaded && fd_save_lock_get_known (lock) && !fd_save_lock_get_held (lock))
    self->seen_without_lock = TRUE;
  update_state (self);
}

/* Rows ------------------------------------------------------------------------------------- */

static void
fill_rows (FdAccountSection *self)
{
  FdCache *cache = fd_database_get_cache (self->database);
  const char *guarantor = fd_record_get (self->client, "guarantor_id");

  self->filling = TRUE;
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->guarantor_row)), guarantor) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->guarantor_row), guarantor != NULL ? guarantor : "");
  for (guint i = 0; i < G_N_ELEMENTS (choices); i++)
    fd_choices_fill (self->choice_rows[i], self->ids[i],
                     fd_cache_get_table (cache, choices[i].table), choices[i].category, TRUE,
                     self->account != NULL ? fd_record_get (self->account, choices[i].column)
                                           : NULL);
  self->filling = FALSE;
}

static void
choice_selected_cb (FdAccountSection *self,
                    GParamSpec       *pspec,
                    AdwComboRow      *row)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "fd-choice"));
  const char *id;

  if (self->filling || self->account == NULL || !fd_record_is_loaded (self->account))
    return;

  id = fd_choices_get_id (row, self->ids[index]);
  fd_record_set (self->account, choices[index].column, id[0] != '\0' ? id : NULL, -1, NULL);
  update_state (self);
}

static void
guarantor_edited_cb (FdAccountSection *self,
                     GtkEditable      *row)
{
  const char *text = gtk_editable_get_text (row);

  if (self->filling || self->client == NULL)
    return;

  g_clear_pointer (&self->problem, g_free);
  if (text[0] == '\0' || strspn (text, "0123456789") != strlen (text) || strlen (text) > 18)
    {
      self->problem = g_strdup (_("The guarantor is given by their client number, such as "
                                  "1042; a client who pays for themselves has their own."));
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
      fd_record_set (self->client, "guarantor_id", text, -1, NULL);
    }
  update_state (self);
}

/* Loading the family's account -------------------------------------------------------------- */

static char *
dup_account_description (FdRecord *account)
{
  /* Translators: %s %s is the guarantor's first and last name */
  return g_strdup_printf (_("Account of %s %s"), fd_record_get_original (account, "first_name"),
                          fd_record_get_original (account, "last_name"));
}

/* Shown on screen: the family's context is entered; hidden (another module, the window
 * closed), it is left, and with it the lock. */
static void
enter_context (FdAccountSection *self)
{
  g_autofree char *context = NULL;
  g_autofree char *description = NULL;

  if (self->account != NULL && fd_record_is_loaded (self->account) &&
      gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      context = g_strconcat ("account:", fd_record_get_id (self->account), NULL);
      description = dup_account_description (self->account);
    }
  fd_save_lock_set_context (self->lock, context, description);
  update_state (self);
}

static void
account_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  FdAccountSection *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!fd_record_load_finish (FD_RECORD (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
          FD_RECORD (object) != self->account)
        return;
      /* Translators: %s says why */
      g_free (self->problem);
      self->problem = g_strdup_printf (_("The family’s account cannot be shown: %s"),
                                       error->message);
      update_state (self);
      return;
    }

  if (FD_RECORD (object) != self->account)
    return;
  fill_rows (self);
  enter_context (self);
}

static void
load_account (FdAccountSection *self)
{
  const char *guarantor = fd_record_get_original (self->client, "guarantor_id");

  g_clear_object (&self->account);
  self->seen_without_lock = FALSE;
  self->account = fd_record_new ("clients", guarantor);
  fd_record_set_account_only (self->account, TRUE);
  fd_record_load_async (self->account, fd_database_get_connection (self->database),
                        self->cancellable, account_loaded_cb, self);
}

/* Saving ----------------------------------------------------------------------------------- */

/* The column names of @conflicts, as the section's rows say them. */
static char *
describe_conflicts (GPtrArray *conflicts)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < conflicts->len; i++)
    {
      const FdConflict *conflict = g_ptr_array_index (conflicts, i);

      for (guint c = 0; c < G_N_ELEMENTS (choices); c++)
        {
          if (!g_str_equal (choices[c].column, conflict->column))
            continue;
          if (names->len > 0)
            g_string_append (names, ", ");
          g_string_append (names, _(choices[c].label));
        }
    }
  return g_string_free (g_steal_pointer (&names), FALSE);
}

static void
account_saved_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;
  FdAccountSection *self = g_task_get_source_object (task);
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autofree char *names = NULL;
  GError *error = NULL;
  FdSaveOutcome outcome;

  outcome = fd_record_save_finish (FD_RECORD (object), result, &conflicts, &error);
  g_task_set_task_data (task, GINT_TO_POINTER (outcome), NULL);
  /* Cancelled: the section let the account go, or is gone; touch nothing of it. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      FD_RECORD (object) != self->account)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s",
                               _("The account was closed before it was saved."));
      g_clear_error (&error);
      g_object_unref (task);
      return;
    }

  if (outcome == FD_SAVE_CONFLICT)
    {
      /* The choices made here stay; what is stored now is what the next save compares with. */
      for (guint i = 0; i < conflicts->len; i++)
        fd_record_resolve_conflict (FD_RECORD (object), g_ptr_array_index (conflicts, i), TRUE);
      names = describe_conflicts (conflicts);
      g_task_return_new_error (task, FD_RECORD_ERROR, FD_RECORD_ERROR_CHANGED_MEANWHILE,
                               _("Someone changed the family’s %s meanwhile. Your choices are "
                                 "still shown: save again to keep them."), names);
    }
  else if (error != NULL)
    g_task_return_error (task, error);
  else
    {
      fill_rows (self);
      g_task_return_boolean (task, TRUE);
    }
  update_state (self);
  g_object_unref (task);
}

/**
 * fd_account_section_save_async:
 *
 * Saves the account's changed columns under the family's save lock (the server refuses
 * them without it). Nothing changed: done at once.
 */
void
fd_account_section_save_async (FdAccountSection    *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (FD_IS_ACCOUNT_SECTION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, fd_account_section_save_async);
  g_task_set_task_data (task, GINT_TO_POINTER (FD_SAVE_SAVED), NULL);
  if (!fd_account_section_get_dirty (self))
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }
  /* The section's own cancellable: it goes with the account, or with the section. */
  fd_record_save_async (self->account, fd_database_get_connection (self->database),
                        self->cancellable, account_saved_cb, task);
}

FdSaveOutcome
fd_account_section_save_finish (FdAccountSection  *self,
                                GAsyncResult      *result,
                                GError           **error)
{
  FdSaveOutcome outcome;

  g_return_val_if_fail (g_task_is_valid (result, self), FD_SAVE_FAILED);

  outcome = GPOINTER_TO_INT (g_task_get_task_data (G_TASK (result)));
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return outcome == FD_SAVE_SAVED ? FD_SAVE_FAILED : outcome;
  return outcome;
}

/* GObject ---------------------------------------------------------------------------------- */

static void
fd_account_section_map (GtkWidget *widget)
{
  FdAccountSection *self = FD_ACCOUNT_SECTION (widget);

  GTK_WIDGET_CLASS (fd_account_section_parent_class)->map (widget);
  if (self->lock != NULL)
    enter_context (self);
}

static void
fd_account_section_unmap (GtkWidget *widget)
{
  FdAccountSection *self = FD_ACCOUNT_SECTION (widget);

  GTK_WIDGET_CLASS (fd_account_section_parent_class)->unmap (widget);
  if (self->lock != NULL)
    enter_context (self);
}

static void
fd_account_section_dispose (GObject *object)
{
  FdAccountSection *self = FD_ACCOUNT_SECTION (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->lock != NULL)
    fd_save_lock_set_context (self->lock, NULL, NULL);
  g_clear_object (&self->lock);
  g_clear_object (&self->client);
  g_clear_object (&self->account);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (fd_account_section_parent_class)->dispose (object);
}

static void
fd_account_section_finalize (GObject *object)
{
  FdAccountSection *self = FD_ACCOUNT_SECTION (object);

  for (guint i = 0; i < G_N_ELEMENTS (choices); i++)
    g_ptr_array_unref (self->ids[i]);
  g_free (self->problem);

  G_OBJECT_CLASS (fd_account_section_parent_class)->finalize (object);
}

static void
fd_account_section_class_init (FdAccountSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fd_account_section_dispose;
  object_class->finalize = fd_account_section_finalize;
  widget_class->map = fd_account_section_map;
  widget_class->unmap = fd_account_section_unmap;

  /**
   * FdAccountSection::changed:
   *
   * An edit, or the save lock changed hands: whether the section can be saved may differ.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);
}

static void
fd_account_section_init (FdAccountSection *self)
{
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("Account"));
  gtk_widget_add_css_class (GTK_WIDGET (self), "account-section");

  self->guarantor_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->guarantor_row),
                                 _("Guarantor’s client number"));
  g_signal_connect_object (self->guarantor_row, "changed", G_CALLBACK (guarantor_edited_cb),
                           self, G_CONNECT_SWAPPED);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->guarantor_row));

  for (guint i = 0; i < G_N_ELEMENTS (choices); i++)
    {
      self->ids[i] = g_ptr_array_new_with_free_func (g_free);
      self->choice_rows[i] = ADW_COMBO_ROW (fd_choices_row_new (_(choices[i].label)));
      g_object_set_data (G_OBJECT (self->choice_rows[i]), "fd-choice", GUINT_TO_POINTER (i));
      g_signal_connect_object (self->choice_rows[i], "notify::selected",
                               G_CALLBACK (choice_selected_cb), self, G_CONNECT_SWAPPED);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self),
                                 GTK_WIDGET (self->choice_rows[i]));
    }
  update_state (self);
}

void
fd_account_section_set_database (FdAccountSection *self,
                                 FdDatabase       *database)
{
  g_return_if_fail (FD_IS_ACCOUNT_SECTION (self));

  fd_account_section_clear (self);
  g_set_object (&self->database, database);
  if (self->lock != NULL)
    fd_save_lock_set_context (self->lock, NULL, NULL);
  g_clear_object (&self->lock);
}

/**
 * fd_account_section_get_lock:
 *
 * Returns: (transfer none): the family's save lock, for the Save Lock panel
 */
FdSaveLock *
fd_account_section_get_lock (FdAccountSection *self)
{
  FdSession *session;

  g_return_val_if_fail (FD_IS_ACCOUNT_SECTION (self), NULL);

  session = self->database != NULL ? fd_database_get_session (self->database) : NULL;
  if (self->lock != NULL && fd_save_lock_get_session (self->lock) != session)
    {
      fd_save_lock_set_context (self->lock, NULL, NULL);
      g_clear_object (&self->lock);
    }
  if (self->lock == NULL && session != NULL)
    {
      self->lock = fd_save_lock_new (session);
      g_signal_connect_object (self->lock, "changed", G_CALLBACK (lock_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }
  return self->lock;
}

/**
 * fd_account_section_show:
 *
 * Shows the account of @client's family; another family than before changes the context,
 * which lets the old family's lock go and takes the new one's if it is free.
 */
void
fd_account_section_show (FdAccountSection *self,
                         FdRecord         *client)
{
  const char *guarantor;

  g_return_if_fail (FD_IS_ACCOUNT_SECTION (self));
  g_return_if_fail (fd_record_is_loaded (client));
  g_return_if_fail (fd_account_section_get_lock (self) != NULL);

  g_set_object (&self->client, client);
  g_clear_pointer (&self->problem, g_free);
  gtk_widget_remove_css_class (GTK_WIDGET (self->guarantor_row), "error");
  guarantor = fd_record_get_original (client, "guarantor_id");
  if (self->account != NULL && g_strcmp0 (fd_record_get_id (self->account), guarantor) == 0)
    {
      fd_record_revert (self->account);
      fill_rows (self);
      update_state (self);
      return;
    }

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  load_account (self);
  fill_rows (self);
  update_state (self);
}

/**
 * fd_account_section_clear:
 *
 * Shows nothing, and leaves the family's context (its lock goes with it).
 */
void
fd_account_section_clear (FdAccountSection *self)
{
  g_return_if_fail (FD_IS_ACCOUNT_SECTION (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_clear_object (&self->client);
  g_clear_object (&self->account);
  g_clear_pointer (&self->problem, g_free);
  if (self->lock != NULL)
    fd_save_lock_set_context (self->lock, NULL, NULL);
  self->filling = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->guarantor_row), "");
  self->filling = FALSE;
  update_state (self);
}

void
fd_account_section_set_read_only (FdAccountSection *self,
                                  gboolean          read_only)
{
  g_return_if_fail (FD_IS_ACCOUNT_SECTION (self));

  self->read_only = read_only;
  update_state (self);
}

gboolean
fd_account_section_get_dirty (FdAccountSection *self)
{
  g_return_val_if_fail (FD_IS_ACCOUNT_SECTION (self), FALSE);

  return self->account != NULL && fd_record_is_dirty (self->account);
}

/**
 * fd_account_section_get_problem:
 *
 * Returns: (nullable): why the section cannot be saved as it is, in words
 */
const char *
fd_account_section_get_problem (FdAccountSection *self)
{
  g_return_val_if_fail (FD_IS_ACCOUNT_SECTION (self), NULL);

  return self->problem;
}

void
fd_account_section_revert (FdAccountSection *self)
{
  g_return_if_fail (FD_IS_ACCOUNT_SECTION (self));

  if (self->account != NULL)
    fd_record_revert (self->account);
  g_clear_pointer (&self->problem, g_free);
  gtk_widget_remove_css_class (GTK_WIDGET (self->guarantor_row), "error");
  if (self->client != NULL)
    fill_rows (self);
  update_state (self);
}

/* Chooses @name in the row of @column, as a person would. */
void
fd_account_section_set_choice (FdAccountSection *self,
                               const char       *column,
                               const char       *name)
{
  g_return_if_fail (FD_IS_ACCOUNT_SECTION (self));

  for (guint i = 0; i < G_N_ELEMENTS (choices); i++)
    {
      GListModel *names = adw_combo_row_get_model (self->choice_rows[i]);

      if (!g_str_equal (choices[i].column, column))
        continue;
      for (guint n = 0; n < g_list_model_get_n_items (names); n++)
        {
          if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (names), n), name))
            {
              adw_combo_row_set_selected (self->choice_rows[i], n);
              return;
            }
        }
    }
  g_critical ("No choice “%s” for %s", name, column);
}
