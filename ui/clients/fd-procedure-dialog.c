/* fd-procedure-dialog.c: Add Procedure, for the client open in Client Details.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The procedure code is found by searching its code or description among the practice's
 * codes (the cache); the fee starts as the family's fee schedule has it for that code and
 * may be changed. The procedure is added through frontdesk.insert_record(), which refuses in
 * words what the form missed; nothing half-made is stored.
 */
#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "fd-cache-row.h"
#include "fd-choices.h"
#include "fd-date-row.h"
#include "fd-fees.h"
#include "fd-procedure-dialog.h"
#include "fd-record.h"

#define CODES_SHOWN 8

struct _FdProcedureDialog
{
  AdwWindow            parent_instance;

  /* Template widgets */
  GtkButton           *add_button;
  AdwPreferencesGroup *procedure_group;
  AdwPreferencesGroup *details_group;
  AdwActionRow        *code_row;
  GtkSearchEntry      *code_search;
  GtkListBox          *code_results;
  AdwComboRow         *provider_row;
  FdDateRow           *date_row;
  GtkSwitch           *complete_switch;
  AdwEntryRow         *fee_row;

  /* Owned */
  FdDatabase          *database;
  char                *client_id;
  char                *fee_schedule_id;
  char                *code_id;        /* the procedure code picked */
  GPtrArray           *found;          /* FdCacheRow of the codes listed */
  GPtrArray           *provider_ids;
  GCancellable        *cancellable;

  gboolean             adding;
};

G_DEFINE_FINAL_TYPE (FdProcedureDialog, fd_procedure_dialog, ADW_TYPE_WINDOW)

enum {
  ADDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update_add (FdProcedureDialog *self)
{
  const char *date_problem = fd_date_row_get_problem (self->date_row);
  g_autofree char *fee_problem = fd_fees_check_amount (
    gtk_editable_get_text (GTK_EDITABLE (self->fee_row)));
  const char *missing = NULL;
  const char *provider = fd_choices_get_id (self->provider_row, self->provider_ids);

  /* The date row marks itself; its sentence is said here with the fee's. */
  if (date_problem != NULL)
    missing = date_problem;
  else if (fee_problem != NULL)
    missing = fee_problem;
  adw_preferences_group_set_description (self->details_group, missing);
  if (fee_problem == NULL)
    gtk_widget_remove_css_class (GTK_WIDGET (self->fee_row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->fee_row), "error");

  if (missing == NULL && self->code_id == NULL)
    missing = _("Search the procedure code and pick it from the list.");
  else if (missing == NULL && (provider == NULL || provider[0] == '\0'))
    missing = _("Choose the provider.");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->add_button), missing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "procedure.add",
                                 !self->adding && missing == NULL);
}

/* The fee the family's schedule has for @code_id, or NULL. */
static const char *
schedule_fee (FdProcedureDialog *self,
              const char        *code_id)
{
  GListModel *fees = fd_cache_get_table (fd_database_get_cache (self->database), "fees");

  for (guint i = 0; self->fee_schedule_id != NULL && fees != NULL &&
                    i < g_list_model_get_n_items (fees); i++)
    {
      g_autoptr(FdCacheRow) fee = g_list_model_get_item (fees, i);

      if (g_strcmp0 (fd_cache_row_get (fee, "fee_schedule_id"), self->fee_schedule_id) == 0 &&
          g_strcmp0 (fd_cache_row_get (fee, "procedure_code_id"), code_id) == 0)
        return fd_cache_row_get (fee, "amount");
    }
  return NULL;
}

static char *
describe_code (FdCacheRow *code)
{
  /* Translators: a procedure code and its description */
  return g_strdup_printf (_("%s %s"), fd_cache_row_get (code, "code"),
                          fd_cache_row_get (code, "description"));
}

static void
code_activated_cb (FdProcedureDialog *self,
                   GtkListBoxRow     *row)
{
  FdCacheRow *code = g_ptr_array_index (self->found, gtk_list_box_row_get_index (row));
  g_autofree char *title = describe_code (code);
  const char *fee = schedule_fee (self, fd_cache_row_get_id (code));

  g_free (self->code_id);
  self->code_id = g_strdup (fd_cache_row_get_id (code));
  adw_action_row_set_subtitle (self->code_row, title);
  gtk_editable_set_text (GTK_EDITABLE (self->fee_row), fee != NULL ? fee : "");
  adw_preferences_group_set_description (
    self->procedure_group,
    fee != NULL ? _("The fee is the family’s fee schedule’s; change it if needed.")
                : _("The family’s fee schedule has no fee for this code; write one."));
  update_add (self);
}

static void
code_search_changed_cb (FdProcedureDialog *self)
{
  g_autofree char *wanted = g_utf8_casefold (
    gtk_editable_get_text (GTK_EDITABLE (self->code_search)), -1);
  GListModel *codes = fd_cache_get_table (fd_database_get_cache (self->database),
                                          "procedure_codes");
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->code_results))) != NULL)
    gtk_list_box_remove (self->code_results, child);
  g_ptr_array_set_size (self->found, 0);

  for (guint i = 0; wanted[0] != '\0' && codes != NULL &&
                    i < g_list_model_get_n_items (codes) && self->found->len < CODES_SHOWN; i++)
    {
      g_autoptr(FdCacheRow) code = g_list_model_get_item (codes, i);
      g_autofree char *title = describe_code (code);
      g_autofree char *folded = g_utf8_casefold (title, -1);
      GtkWidget *row;

      if (fd_cache_row_get_boolean (code, "hidden") || strstr (folded, wanted) == NULL)
        continue;
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_signal_connect_object (row, "activated", G_CALLBACK (code_activated_cb), self,
                               G_CONNECT_SWAPPED);
      gtk_list_box_append (self->code_results, row);
      g_ptr_array_add (self->found, g_object_ref (code));
    }
  if (wanted[0] != '\0' && self->found->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No procedure code matches."));
      gtk_list_box_append (self->code_results, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->code_results), wanted[0] != '\0');
}

static void
added_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(FdProcedureDialog) self = user_data;
  g_autoptr(FdRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *what = NULL;

  record = fd_record_insert_finish (result, &error);
  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  self->adding = FALSE;
  if (record == NULL)
    {
      adw_preferences_group_set_description (self->details_group, error->message);
      update_add (self);
      return;
    }
  what = g_strdup (adw_action_row_get_subtitle (self->code_row));
  g_signal_emit (self, signals[ADDED], 0, what);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
add_activated (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  FdProcedureDialog *self = FD_PROCEDURE_DIALOG (widget);
  const char *fee = gtk_editable_get_text (GTK_EDITABLE (self->fee_row));
  const char *columns[] = { "client_id", "procedure_code_id", "provider_id", "performed_on",
                            "status", "fee" };
  const char *values[] = {
    self->client_id, self->code_id, fd_choices_get_id (self->provider_row, self->provider_ids),
    fd_date_row_get_value (self->date_row),
    gtk_switch_get_active (self->complete_switch) ? "complete" : "planned",
    fee[0] != '\0' ? fee : "0",
  };

  self->adding = TRUE;
  update_add (self);
  fd_record_insert_async (fd_database_get_connection (self->database), "procedures",
                          G_N_ELEMENTS (columns), columns, values, self->cancellable, added_cb,
                          g_object_ref (self));
}

static void
fd_procedure_dialog_dispose (GObject *object)
{
  FdProcedureDialog *self = FD_PROCEDURE_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), FD_TYPE_PROCEDURE_DIALOG);

  G_OBJECT_CLASS (fd_procedure_dialog_parent_class)->dispose (object);
}

static void
fd_procedure_dialog_finalize (GObject *object)
{
  FdProcedureDialog *self = FD_PROCEDURE_DIALOG (object);

  g_clear_object (&self->database);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->found, g_ptr_array_unref);
  g_clear_pointer (&self->provider_ids, g_ptr_array_unref);
  g_free (self->client_id);
  g_free (self->fee_schedule_id);
  g_free (self->code_id);

  G_OBJECT_CLASS (fd_procedure_dialog_parent_class)->finalize (object);
}

static void
fd_procedure_dialog_class_init (FdProcedureDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fd_procedure_dialog_dispose;
  object_class->finalize = fd_procedure_dialog_finalize;

  /**
   * FdProcedureDialog::added:
   * @what: the procedure's code and description
   */
  signals[ADDED] =
    g_signal_new ("added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/frontdesk/Frontdesk/fd-procedure-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, FdProcedureDialog, add_button);
  gtk_widget_class_bind_template_child (widget_class, FdProcedureDialog, procedure_group);
  gtk_widget_class_bind_template_child (widget_class, FdProcedureDialog, details_group);
  gtk_widget_class_bind_template_child (widget_class, FdProcedureDialog, code_row);
  gtk_widget_class_bind_template_child (widget_class, FdProcedureDialog, code_search);
  gtk_widget_class_bind_template_child (widget_class, FdProcedureDialog, code_results);
  gtk_widget_class_bind_template_child (widget_class, FdProcedureDialog, provider_row);
  gtk_widget_class_bind_template_child (widget_class, FdProcedureDialog, date_row);
  gtk_widget_class_bind_template_child (widget_class, FdProcedureDialog, complete_switch);
  gtk_widget_class_bind_template_child (widget_class, FdProcedureDialog, fee_row);
  gtk_widget_class_bind_template_callback (widget_class, code_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, update_add);

  gtk_widget_class_install_action (widget_class, "procedure.add", NULL, add_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
fd_procedure_dialog_init (FdProcedureDialog *self)
{
  self->found = g_ptr_array_new_with_free_func (g_object_unref);
  self->provider_ids = g_ptr_array_new_with_free_func (g_free);
  self->cancellable = g_cancellable_new ();
  self->adding = TRUE;     /* nothing to add while the template is built */
  g_type_ensure (FD_TYPE_DATE_ROW);
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * fd_procedure_dialog_new:
 * @fee_schedule_id: (nullable): the family's fee schedule, where fees start from
 */
FdProcedureDialog *
fd_procedure_dialog_new (GtkWindow  *parent,
                         FdDatabase *database,
                         const char *client_id,
                         const char *fee_schedule_id)
{
  FdProcedureDialog *self = g_object_new (FD_TYPE_PROCEDURE_DIALOG, "transient-for", parent,
                                          NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

  self->database = g_object_ref (database);
  self->client_id = g_strdup (client_id);
  self->fee_schedule_id = g_strdup (fee_schedule_id);
  fd_choices_fill (self->provider_row, self->provider_ids,
                   fd_cache_get_table (fd_database_get_cache (database), "providers"), NULL,
                   FALSE, NULL);
  fd_date_row_set_value (self->date_row, today);
  self->adding = FALSE;
  update_add (self);
  return self;
}

/**
 * fd_procedure_dialog_get_search:
 *
 * Returns: (transfer none): where the code is searched
 */
GtkEditable *
fd_procedure_dialog_get_search (FdProcedureDialog *self)
{
  return GTK_EDITABLE (self->code_search);
}

/**
 * fd_procedure_dialog_get_codes:
 *
 * Returns: (transfer none): the codes found, a row each
 */
GtkListBox *
fd_procedure_dialog_get_codes (FdProcedureDialog *self)
{
  return self->code_results;
}

/**
 * fd_procedure_dialog_get_fee:
 *
 * Returns: (transfer none): the fee's entry
 */
GtkEditable *
fd_procedure_dialog_get_fee (FdProcedureDialog *self)
{
  return GTK_EDITABLE (self->fee_row);
}

/**
 * fd_procedure_dialog_get_date:
 *
 * Returns: (transfer none): the date's row, typed or picked from its calendar
 */
FdDateRow *
fd_procedure_dialog_get_date (FdProcedureDialog *self)
{
  return self->date_row;
}

/**
 * fd_procedure_dialog_get_done:
 *
 * Returns: (transfer none): the switch that says it is done already
 */
GtkSwitch *
fd_procedure_dialog_get_done (FdProcedureDialog *self)
{
  return self->complete_switch;
}
