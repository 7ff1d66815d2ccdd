/* fd-account-section.c: Client Details' Account section, a view of the family's FdAccount.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A family shares one account, kept on the guarantor's row. While the section is on
 * screen the account holds the family's save lock "account:<guarantor>", so of everyone
 * looking at the family (at any member) one at a time may change it; the others see the
 * values and, in the section's description, why they cannot change them. Who pays (the
 * guarantor) is the client's own column, but moving a client to another family changes the
 * old family's account, so it too needs the old family's lock. The guarantor is picked by
 * searching a client of the other family, never typed; the family's members are listed,
 * each with a button that opens them.
 */
#include <glib/gi18n.h>
#include <string.h>

#include "fd-account-section.h"
#include "fd-choices.h"
#include "fd-client-directory.h"
#include "fd-confirm-dialog.h"
#include "fd-family-picker.h"
#include "fd-field-mark.h"
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
  AdwActionRow        *guarantor_row;
  GtkMenuButton       *move_button;
  GtkPopover          *move_popover;
  FdFamilyPicker      *family_picker;
  GtkLabel            *members_label;
  GtkListBox          *members_list;
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
  char                *problem;      /* why the family could not be read or picked */
  char                *payer_name;   /* who pays for the family now */
  char                *moving_to;    /* the guarantor picked, to be saved; NULL for none */
  char                *notice;       /* why making a payer failed */
  GListModel          *family;       /* FdClientSummary: the members listed */
  char                *new_payer;    /* the member being made payer */
  GCancellable        *cancellable;  /* reading the family */
  FdRecord            *filled;       /* the account record the rows show (weak) */
  FdFieldMark         *marks[N_CHOICES];  /* suffixes of the choice rows */

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
  if (self->notice != NULL)
    return g_strdup (self->notice);
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

static void show_guarantor (FdAccountSection *self);

static void
update_state (FdAccountSection *self)
{
  gboolean editable = self->account != NULL && self->client != NULL &&
                      fd_account_get_editable (self->account) && !self->read_only;
  g_autofree char *description = dup_description (self);

  gtk_widget_set_sensitive (GTK_WIDGET (self->move_button), editable);
  /* The family changes payer as a whole: only from a client record without edits. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "account.make-payer",
                                 editable && self->client != NULL &&
                                 !fd_record_is_dirty (self->client) &&
                                 !fd_account_get_dirty (self->account));
  for (guint i = 0; i < N_CHOICES; i++)
    gtk_widget_set_sensitive (GTK_WIDGET (self->choice_rows[i]),
                              editable && !guarantor_changed (self));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self), description);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* Who pays, and the family ------------------------------------------------------------- */

static void
show_guarantor (FdAccountSection *self)
{
  g_autofree char *subtitle = NULL;

  if (self->client == NULL)
    subtitle = g_strdup ("");
  else if (guarantor_changed (self) &&
           g_strcmp0 (fd_record_get (self->client, "guarantor_id"),
                      fd_record_get_id (self->client)) == 0)
    subtitle = g_strdup (_("Will pay for themselves once saved"));
  else if (guarantor_changed (self) && self->moving_to != NULL)
    /* Translators: %s is the name of who pays for the other family */
    subtitle = g_strdup_printf (_("Moves to the family of %s once saved"), self->moving_to);
  else if (g_strcmp0 (fd_record_get (self->client, "guarantor_id"),
                      fd_record_get_id (self->client)) == 0)
    subtitle = g_strdup (_("The client pays for themselves"));
  else
    subtitle = g_strdup (self->payer_name != NULL ? self->payer_name : "");
  adw_action_row_set_subtitle (self->guarantor_row, subtitle);
}

static void
clear_members (FdAccountSection *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->members_list))) != NULL)
    gtk_list_box_remove (self->members_list, child);
  gtk_label_set_text (self->members_label, "");
}

static GtkWidget *
member_row_new (FdAccountSection *self,
                FdClientSummary  *member)
{
  gboolean pays = g_strcmp0 (fd_client_summary_get_id (member),
                             fd_client_summary_get_guarantor_id (member)) == 0;
  g_autofree char *subtitle = NULL;
  GtkWidget *row;

  /* Translators: a client's details, then that they pay for the family */
  subtitle = pays ? g_strdup_printf (_("%s · pays for the family"),
                                     fd_client_summary_get_details (member))
                  : NULL;
  row = fd_client_summary_row_new (member, subtitle);
  if (!pays)
    {
      GtkWidget *make = gtk_button_new_with_mnemonic (_("_Make Payer"));
      g_autofree char *make_name = NULL;

      /* Translators: %s is a client's name */
      make_name = g_strdup_printf (_("Make %s the family’s payer"),
                                   fd_client_summary_get_name (member));
      gtk_accessible_update_property (GTK_ACCESSIBLE (make), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      make_name, -1);
      gtk_widget_set_tooltip_text (make, _("Let this client pay for the whole family; the "
                                           "family’s account goes with them"));
      gtk_widget_set_valign (make, GTK_ALIGN_CENTER);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (make), "account.make-payer");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (make), "s",
                                        fd_client_summary_get_id (member));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), make);
    }
  if (g_strcmp0 (fd_client_summary_get_id (member), fd_record_get_id (self->client)) != 0)
    {
      GtkWidget *open = gtk_button_new_with_mnemonic (_("_Open"));
      g_autofree char *open_name = NULL;

      /* Translators: %s is a client's name */
      open_name = g_strdup_printf (_("Open %s"), fd_client_summary_get_name (member));
      gtk_accessible_update_property (GTK_ACCESSIBLE (open), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      open_name, -1);
      gtk_widget_set_valign (open, GTK_ALIGN_CENTER);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (open), "clients.open-client");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (open), "s",
                                        fd_client_summary_get_id (member));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), open);
    }
  return row;
}

static void
family_loaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  FdAccountSection *self = user_data;
  g_autoptr(GListModel) family = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  guint n;

  family = fd_client_directory_family_finish (FD_CONNECTION (object), result, &error);
  if (family == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_free (self->problem);
      /* Translators: %s says why */
      self->problem = g_strdup_printf (_("The family cannot be shown: %s"), error->message);
      update_state (self);
      return;
    }

  clear_members (self);
  g_set_object (&self->family, family);
  n = g_list_model_get_n_items (family);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FdClientSummary) member = g_list_model_get_item (family, i);
      GtkWidget *row = member_row_new (self, member);

      if (i == 0)
        {
          g_free (self->payer_name);
          self->payer_name = g_strdup (fd_client_summary_get_name (member));
        }
      gtk_list_box_append (self->members_list, row);
    }
  /* Translators: %u is how many clients are in the family */
  title = g_strdup_printf (ngettext ("Family: %u client", "Family: %u clients", n), n);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->members_list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  gtk_label_set_text (self->members_label, title);
  show_guarantor (self);
}

static void
load_family (FdAccountSection *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  if (self->client == NULL || self->database == NULL)
    return;
  fd_client_directory_family_async (fd_database_get_connection (self->database),
                                    fd_record_get_id (self->client), self->cancellable,
                                    family_loaded_cb, self);
}

static void
set_guarantor (FdAccountSection *self,
               const char       *guarantor_id,
               const char       *name)
{
  g_clear_pointer (&self->problem, g_free);
  g_free (self->moving_to);
  self->moving_to = g_strdup (name);
  if (fd_record_get_original (self->client, "guarantor_id") != NULL &&
      g_str_equal (fd_record_get_original (self->client, "guarantor_id"), guarantor_id))
    g_clear_pointer (&self->moving_to, g_free);
  fd_record_set (self->client, "guarantor_id", guarantor_id, -1, NULL);
  gtk_popover_popdown (self->move_popover);
  fd_family_picker_reset (self->family_picker);
  show_guarantor (self);
  update_state (self);
}

static void
family_picked_cb (FdAccountSection *self,
                  const char       *guarantor_id,
                  const char       *guarantor_name)
{
  if (self->client != NULL)
    set_guarantor (self, guarantor_id, guarantor_name);
}

static void
family_failed_cb (FdAccountSection *self,
                  const char       *message)
{
  g_free (self->problem);
  self->problem = g_strdup (message);
  update_state (self);
}

static void
own_family_clicked_cb (FdAccountSection *self)
{
  if (self->client != NULL)
    set_guarantor (self, fd_record_get_id (self->client), NULL);
}

/* Another member pays ------------------------------------------------------------------- */

static FdClientSummary *
find_member (FdAccountSection *self,
             const char       *client_id)
{
  for (guint i = 0; self->family != NULL && i < g_list_model_get_n_items (self->family); i++)
    {
      g_autoptr(FdClientSummary) member = g_list_model_get_item (self->family, i);

      if (g_str_equal (fd_client_summary_get_id (member), client_id))
        return member;
    }
  return NULL;
}

static void
made_payer_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(FdAccountSection) self = user_data;
  g_autoptr(GError) error = NULL;
  FdClientSummary *member;
  g_autofree char *toast = NULL;

  if (!fd_account_make_payer_finish (FD_ACCOUNT (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_free (self->notice);
      /* Translators: %s says why */
      self->notice = g_strdup_printf (_("The payer was not changed: %s"), error->message);
      update_state (self);
      return;
    }
  member = self->new_payer != NULL ? find_member (self, self->new_payer) : NULL;
  /* Translators: %s is a client's name */
  toast = g_strdup_printf (_("%s pays for the family now"),
                           member != NULL ? fd_client_summary_get_name (member) : "");
  gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", toast);
  /* The open client's guarantor changed: Client Details reads the record again. */
  gtk_widget_activate_action (GTK_WIDGET (self), "editor.reload", NULL);
}

static void
make_payer_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        FdAccountSection *self)
{
  if (!g_str_equal (response, "make") || self->account == NULL || self->new_payer == NULL)
    return;
  g_clear_pointer (&self->notice, g_free);
  fd_account_make_payer_async (self->account, self->new_payer, NULL, made_payer_cb,
                               g_object_ref (self));
}

static void
make_payer_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  FdAccountSection *self = FD_ACCOUNT_SECTION (widget);
  FdClientSummary *member = find_member (self, g_variant_get_string (parameter, NULL));
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  if (member == NULL)
    return;
  if (self->client != NULL && fd_record_is_dirty (self->client))
    {
      g_free (self->notice);
      self->notice = g_strdup (_("Save or revert the changes to this client first; then make "
                                 "another member the family’s payer."));
      update_state (self);
      return;
    }
  g_free (self->new_payer);
  self->new_payer = g_strdup (fd_client_summary_get_id (member));
  /* Translators: %s is a client's name */
  heading = g_strdup_printf (_("Make %s the Family’s Payer?"),
                             fd_client_summary_get_name (member));
  body = g_strdup_printf (_("%s will pay for everyone in the family, with the family’s billing "
                            "type, fee schedule and insurance category. The change is recorded "
                            "in the audit log."), fd_client_summary_get_name (member));
  dialog = fd_confirm_dialog_present (widget, heading, body, _("_Cancel"), "make",
                                      _("_Make Payer"), "make-payer-dialog");
  adw_message_dialog_set_response_appearance (dialog, "make", ADW_RESPONSE_SUGGESTED);
  g_signal_connect_object (dialog, "response", G_CALLBACK (make_payer_response_cb), self, 0);
}

/* Rows ------------------------------------------------------------------------------------- */

static void
fill_rows (FdAccountSection *self)
{
  FdCache *cache = fd_database_get_cache (self->database);
  FdRecord *account = get_account_record (self);

  g_set_weak_pointer (&self->filled, account);
  self->filling = TRUE;
  show_guarantor (self);
  for (guint i = 0; i < N_CHOICES && cache != NULL; i++)
    fd_choices_fill (self->choice_rows[i], self->ids[i],
                     fd_cache_get_table (cache, choices[i].table), choices[i].category, TRUE,
                     account != NULL ? fd_record_get (account, choices[i].column) : NULL);
  self->filling = FALSE;
}

/* Someone else saved the family's account: the choices not edited here show it, and who. */
static void
account_followed_cb (FdAccountSection *self,
                     GStrv             columns)
{
  fill_rows (self);
  for (guint i = 0; i < N_CHOICES; i++)
    {
      const FdFieldChange *change = fd_account_get_change (self->account, choices[i].column);

      if (change != NULL && g_strv_contains ((const char * const *) columns, choices[i].column))
        fd_field_mark_show_change (self->marks[i], change);
    }
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
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_weak_pointer (&self->filled);
  g_clear_object (&self->family);
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
  g_free (self->payer_name);
  g_free (self->moving_to);
  g_free (self->notice);
  g_free (self->new_payer);

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
  gtk_widget_class_bind_template_child (widget_class, FdAccountSection, move_button);
  gtk_widget_class_bind_template_child (widget_class, FdAccountSection, move_popover);
  gtk_widget_class_bind_template_child (widget_class, FdAccountSection, family_picker);
  gtk_widget_class_bind_template_child (widget_class, FdAccountSection, members_label);
  gtk_widget_class_bind_template_child (widget_class, FdAccountSection, members_list);
  gtk_widget_class_bind_template_child (widget_class, FdAccountSection, billing_type_row);
  gtk_widget_class_bind_template_child (widget_class, FdAccountSection, fee_schedule_row);
  gtk_widget_class_bind_template_child (widget_class, FdAccountSection, insurance_category_row);
  gtk_widget_class_bind_template_callback (widget_class, family_picked_cb);
  gtk_widget_class_bind_template_callback (widget_class, family_failed_cb);
  gtk_widget_class_bind_template_callback (widget_class, own_family_clicked_cb);

  gtk_widget_class_install_action (widget_class, "account.make-payer", "s",
                                   make_payer_activated);
  gtk_widget_class_bind_template_callback (widget_class, choice_selected_cb);
}

static void
fd_account_section_init (FdAccountSection *self)
{
  /* Before the template: its rows report their first selection while it is built. */
  self->filling = TRUE;
  for (guint i = 0; i < N_CHOICES; i++)
    self->ids[i] = g_ptr_array_new_with_free_func (g_free);
  g_type_ensure (FD_TYPE_FAMILY_PICKER);
  gtk_widget_init_template (GTK_WIDGET (self));
  self->choice_rows[0] = self->billing_type_row;
  self->choice_rows[1] = self->fee_schedule_row;
  self->choice_rows[2] = self->insurance_category_row;
  for (guint i = 0; i < N_CHOICES; i++)
    self->marks[i] = fd_field_mark_attach (GTK_WIDGET (self->choice_rows[i]),
                                           _(choices[i].label));
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
  fd_family_picker_set_database (self->family_picker, database);
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
      g_signal_connect_object (account, "followed", G_CALLBACK (account_followed_cb), self,
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
  g_clear_pointer (&self->notice, g_free);
  fill_rows (self);
  load_family (self);
  update_state (self);
}

/* Shows nothing. */
void
fd_account_section_clear (FdAccountSection *self)
{
  g_return_if_fail (FD_IS_ACCOUNT_SECTION (self));

  g_clear_object (&self->client);
  g_clear_pointer (&self->problem, g_free);
  g_clear_pointer (&self->payer_name, g_free);
  g_cancellable_cancel (self->cancellable);
  clear_members (self);
  show_guarantor (self);
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

/* Forgets the family picked (the client's revert drops it from the record). */
void
fd_account_section_revert (FdAccountSection *self)
{
  g_return_if_fail (FD_IS_ACCOUNT_SECTION (self));

  g_clear_pointer (&self->problem, g_free);
  g_clear_pointer (&self->moving_to, g_free);
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
