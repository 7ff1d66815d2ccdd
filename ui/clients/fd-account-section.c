/* fd-account-section.c: Client Details' Account section, a view of the family's FdAccount.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A family shares one account, kept on the guarantor's row. While the section is on
 * screen the account holds the family's save lock "account:<guarantor>", so of everyone
 * looking at the family (at any member) one at a time may change it; the others see the
 * values and, in the section's description, why they cannot change them. Who pays (the
 * guarantor) is the client's own column, but moving a client to another family changes the
 * old family's account, so it too needs the old family's lock.
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

#define N_CHOICES G_N_ELEMENTS (choices)

struct _FdAccountSection
{
  AdwPreferencesGroup  parent_instance;

  /* Template widgets */
  AdwEntryRow         *guarantor_row;
  AdwComboRow         *billing_type_row;
  AdwComboRow         *fee_schedule_row;
  AdwComboRow         *insurance_category_row;

  /* Borrowed */
  AdwComboRow         *choice_rows[N_CHOICES];

  /* Owned */
  FdDatabase          *database;
  FdAccount           *account;
  FdRecord            *client;
  GPtrArray           *ids[N_CHOICES];
  char                *problem;      /* why the guarantor typed cannot be saved */
  FdRecord            *filled;       /* the account record the rows show (weak) */

  gboolean             filling;
  gboolean             read_only;
};

G_DEFINE_FINAL_TYPE (FdAccountSection, fd_account_section, ADW_TYPE_PREFERENCES_GROUP)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static FdRecord *
get_account_record (FdAccountSection *self)
{
  return self->account != NULL && fd_account_get_loaded (self->account)
         ? fd_account_get_record (self->account) : NULL;
}

static gboolean
guarantor_changed (FdAccountSection *self)
{
  return self->client != NULL && fd_record_is_changed (self->client, "guarantor_id");
}

/* State ------------------------------------------------------------------------------------ */

static char *
dup_description (FdAccountSection *self)
{
  FdSaveLock *lock = self->account != NULL ? fd_account_get_lock (self->account) : NULL;
  const GError *error = self->account != NULL ? fd_account_get_error (self->account) : NULL;
  g_autofree char *state = NULL;

  if (self->problem != NULL)
    return g_strdup (self->problem);
  if (error != NULL && self->client != NULL)
    /* Translators: %s says why */
    return g_strdup_printf (_("The family’s account cannot be shown: %s"), error->message);
  if (get_account_record (self) == NULL || self->client == NULL)
    return NULL;
  if (!fd_save_lock_get_held (lock))
    {
      state = fd_save_lock_dup_state_text (lock);
      /* Translators: says why the account cannot be changed; then where to see more */
      return g_strdup_printf (_("%s The arrow beside Save shows who has this account open."),
                              state);
    }
  if (guarantor_changed (self))
    return g_strdup (_("Save to move this client to the other family; its account then shows "
                       "here."));
  /* Translators: %s is the lock's description, such as "Account of Maria Berg" */
  return g_strdup_printf (_("%s, shared by the whole family. You hold its save lock."),
                          fd_save_lock_get_description (lock));
}

static void
update_state (FdAccountSection *self)
{
  gboolean editable = self->account != NULL && self->client != NULL &&
                      fd_account_get_editable (self->account) && !self->read_only;
  g_autofree char *description = dup_description (self);

  gtk_widget_set_sensitive (GTK_WIDGET (self->guarantor_row), editable);
  for (guint i = 0; i < N_CHOICES; i++)
    gtk_widget_set_sensitive (GTK_WIDGET (self->choice_rows[i]),
                              editable && !guarantor_changed (self));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self), description);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* Rows ------------------------------------------------------------------------------------- */

static void
fill_rows (FdAccountSection *self)
{
  FdCache *cache = fd_database_get_cache (self->database);
  FdRecord *account = get_account_record (self);
  const char *guarantor = self->client != NULL ? fd_record_get (self->client, "guarantor_id")
                                               : NULL;

  g_set_weak_pointer (&self->filled, account);
  self->filling = TRUE;
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->guarantor_row)), guarantor) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->guarantor_row), guarantor != NULL ? guarantor : "");
  for (guint i = 0; i < N_CHOICES && cache != NULL; i++)
    fd_choices_fill (self->choice_rows[i], self->ids[i],
                     fd_cache_get_table (cache, choices[i].table), choices[i].category, TRUE,
                     account != NULL ? fd_record_get (account, choices[i].column) : NULL);
  self->filling = FALSE;
}

/* Another account read (loaded, or read again after the lock came back): its values are
 * shown; an edit made here changes nothing on screen but what may be saved. */
static void
account_changed_cb (FdAccountSection *self)
{
  FdRecord *account = get_account_record (self);

  if (self->client != NULL && account != self->filled)
    fill_rows (self);
  update_state (self);
}

static void
choice_selected_cb (FdAccountSection *self,
                    GParamSpec       *pspec,
                    AdwComboRow      *row)
{
  FdRecord *account = get_account_record (self);
  const char *id;

  if (self->filling || account == NULL)
    return;

  for (guint i = 0; i < N_CHOICES; i++)
    {
      if (self->choice_rows[i] != row)
        continue;
      id = fd_choices_get_id (row, self->ids[i]);
      fd_record_set (account, choices[i].column, id[0] != '\0' ? id : NULL, -1, NULL);
    }
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

/* GObject ---------------------------------------------------------------------------------- */

static void
fd_account_section_map (GtkWidget *widget)
{
  FdAccountSection *self = FD_ACCOUNT_SECTION (widget);

  GTK_WIDGET_CLASS (fd_account_section_parent_class)->map (widget);
  /* Shown on screen: the family's context is entered; hidden (another module, the window
   * closed), it is left, and with it the lock. */
  if (self->account != NULL)
    fd_account_set_shown (self->account, TRUE);
}

static void
fd_account_section_unmap (GtkWidget *widget)
{
  FdAccountSection *self = FD_ACCOUNT_SECTION (widget);

  GTK_WIDGET_CLASS (fd_account_section_parent_class)->unmap (widget);
  if (self->account != NULL)
    fd_account_set_shown (self->account, FALSE);
}

static void
fd_account_section_dispose (GObject *object)
{
  FdAccountSection *self = FD_ACCOUNT_SECTION (object);

  fd_account_section_set_account (self, NULL);
  g_clear_weak_pointer (&self->filled);
  g_clear_object (&self->client);
  g_clear_object (&self->database);
  gtk_widget_dispose_template (GTK_WIDGET (self), FD_TYPE_ACCOUNT_SECTION);

  G_OBJECT_CLASS (fd_account_section_parent_class)->dispose (object);
}

static void
fd_account_section_finalize (GObject *object)
{
  FdAccountSection *self = FD_ACCOUNT_SECTION (object);

  for (guint i = 0; i < N_CHOICES; i++)
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

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/frontdesk/Frontdesk/fd-account-section.ui");
  gtk_widget_class_bind_template_child (widget_class, FdAccountSection, guarantor_row);
  gtk_widget_class_bind_template_child (widget_class, FdAccountSection, billing_type_row);
  gtk_widget_class_bind_template_child (widget_class, FdAccountSection, fee_schedule_row);
  gtk_widget_class_bind_template_child (widget_class, FdAccountSection, insurance_category_row);
  gtk_widget_class_bind_template_callback (widget_class, guarantor_edited_cb);
  gtk_widget_class_bind_template_callback (widget_class, choice_selected_cb);
}

static void
fd_account_section_init (FdAccountSection *self)
{
  /* Before the template: its rows report their first selection while it is built. */
  self->filling = TRUE;
  for (guint i = 0; i < N_CHOICES; i++)
    self->ids[i] = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));
  self->choice_rows[0] = self->billing_type_row;
  self->choice_rows[1] = self->fee_schedule_row;
  self->choice_rows[2] = self->insurance_category_row;
  self->filling = FALSE;
  update_state (self);
}

void
fd_account_section_set_database (FdAccountSection *self,
                                 FdDatabase       *database)
{
  g_return_if_fail (FD_IS_ACCOUNT_SECTION (self));

  fd_account_section_clear (self);
  g_set_object (&self->database, database);
}

/**
 * fd_account_section_set_account:
 * @account: (nullable): the family's account the section shows, from the edit session
 */
void
fd_account_section_set_account (FdAccountSection *self,
                                FdAccount        *account)
{
  g_return_if_fail (FD_IS_ACCOUNT_SECTION (self));

  if (self->account == account)
    return;
  if (self->account != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->account, self);
      fd_account_set_shown (self->account, FALSE);
    }
  g_set_object (&self->account, account);
  if (account != NULL)
    {
      g_signal_connect_object (account, "changed", G_CALLBACK (account_changed_cb), self,
                               G_CONNECT_SWAPPED);
      fd_account_set_shown (account, gtk_widget_get_mapped (GTK_WIDGET (self)));
    }
  update_state (self);
}

/**
 * fd_account_section_get_lock:
 *
 * Returns: (transfer none) (nullable): the family's save lock, for the Save Lock panel
 */
FdSaveLock *
fd_account_section_get_lock (FdAccountSection *self)
{
  g_return_val_if_fail (FD_IS_ACCOUNT_SECTION (self), NULL);

  return self->account != NULL ? fd_account_get_lock (self->account) : NULL;
}

/**
 * fd_account_section_show:
 *
 * Shows @client's guarantor and the family's account, which follows the client's family.
 */
void
fd_account_section_show (FdAccountSection *self,
                         FdRecord         *client)
{
  g_return_if_fail (FD_IS_ACCOUNT_SECTION (self));
  g_return_if_fail (fd_record_is_loaded (client));

  g_set_object (&self->client, client);
  g_clear_pointer (&self->problem, g_free);
  gtk_widget_remove_css_class (GTK_WIDGET (self->guarantor_row), "error");
  fill_rows (self);
  update_state (self);
}

/* Shows nothing. */
void
fd_account_section_clear (FdAccountSection *self)
{
  g_return_if_fail (FD_IS_ACCOUNT_SECTION (self));

  g_clear_object (&self->client);
  g_clear_pointer (&self->problem, g_free);
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

/* Forgets the guarantor typed (the client's revert drops it from the record). */
void
fd_account_section_revert (FdAccountSection *self)
{
  g_return_if_fail (FD_IS_ACCOUNT_SECTION (self));

  g_clear_pointer (&self->problem, g_free);
  gtk_widget_remove_css_class (GTK_WIDGET (self->guarantor_row), "error");
  if (self->client != NULL)
    fill_rows (self);
  update_state (self);
}

/**
 * fd_account_section_describe_conflicts:
 * @conflicts: (element-type FdConflict): what someone else saved in the account meanwhile
 *
 * Returns: (transfer full): the fields as the section's rows name them, for a message
 */
char *
fd_account_section_describe_conflicts (GPtrArray *conflicts)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < conflicts->len; i++)
    {
      const FdConflict *conflict = g_ptr_array_index (conflicts, i);

      for (guint c = 0; c < N_CHOICES; c++)
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

/* Chooses @name in the row of @column, as a person would. */
void
fd_account_section_set_choice (FdAccountSection *self,
                               const char       *column,
                               const char       *name)
{
  g_return_if_fail (FD_IS_ACCOUNT_SECTION (self));

  for (guint i = 0; i < N_CHOICES; i++)
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
