/* fd-family-picker.c: a family chosen by searching one of its members by name or phone.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The person searches as in the client list and picks a client; the family is theirs, and
 * the one who pays for it (their guarantor, read by frontdesk.client_family()) is what
 * ::picked reports. A guarantor is never typed as a number.
 */
#include <glib/gi18n.h>

#include "fd-client-directory.h"
#include "fd-family-picker.h"

#define RESULTS_SHOWN 8

struct _FdFamilyPicker
{
  GtkWidget       parent_instance;

  /* Template widgets */
  GtkSearchEntry *search_entry;
  GtkListBox     *results;

  /* Owned */
  FdDatabase     *database;
  GListModel     *found;          /* FdClientSummary, a row of results each */
  GCancellable   *cancellable;
};

G_DEFINE_FINAL_TYPE (FdFamilyPicker, fd_family_picker, GTK_TYPE_WIDGET)

enum {
  PICKED,
  FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/**
 * fd_client_summary_row_new:
 * @subtitle: (nullable): what to say under the name; the client's details when %NULL
 *
 * Returns: (transfer floating): a row naming a client
 */
GtkWidget *
fd_client_summary_row_new (FdClientSummary *summary,
                           const char      *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), fd_client_summary_get_name (summary));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               subtitle != NULL ? subtitle
                                                : fd_client_summary_get_details (summary));
  return row;
}

static void
clear_results (FdFamilyPicker *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->results))) != NULL)
    gtk_list_box_remove (self->results, child);
}

static void
restart (FdFamilyPicker *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
}

static void
family_found_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  FdFamilyPicker *self = user_data;
  g_autoptr(GListModel) family = NULL;
  g_autoptr(FdClientSummary) guarantor = NULL;
  g_autoptr(GError) error = NULL;

  family = fd_client_directory_family_finish (FD_CONNECTION (object), result, &error);
  if (family == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_signal_emit (self, signals[FAILED], 0, error->message);
      return;
    }
  if (g_list_model_get_n_items (family) == 0)
    {
      g_signal_emit (self, signals[FAILED], 0,
                     _("That client is no longer in the practice; search again."));
      return;
    }

  guarantor = g_list_model_get_item (family, 0);
  g_signal_emit (self, signals[PICKED], 0, fd_client_summary_get_guarantor_id (guarantor),
                 fd_client_summary_get_name (guarantor), g_list_model_get_n_items (family));
}

/* A click, Enter or Space on a client found: their family is the one picked. */
static void
row_activated_cb (FdFamilyPicker *self,
                  GtkListBoxRow  *row)
{
  g_autoptr(FdClientSummary) summary = NULL;

  if (self->found == NULL ||
      (summary = g_list_model_get_item (self->found, gtk_list_box_row_get_index (row))) == NULL)
    return;

  restart (self);
  fd_client_directory_family_async (fd_database_get_connection (self->database),
                                    fd_client_summary_get_id (summary), self->cancellable,
                                    family_found_cb, self);
}

static void
searched_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  FdFamilyPicker *self = user_data;
  g_autoptr(GListModel) found = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  found = fd_client_directory_search_finish (FD_CONNECTION (object), result, &error);
  if (found == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_signal_emit (self, signals[FAILED], 0, error->message);
      return;
    }

  clear_results (self);
  g_set_object (&self->found, found);
  n = MIN (g_list_model_get_n_items (found), RESULTS_SHOWN);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FdClientSummary) summary = g_list_model_get_item (found, i);
      GtkWidget *row = fd_client_summary_row_new (summary, NULL);

      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_signal_connect_object (row, "activated", G_CALLBACK (row_activated_cb), self,
                               G_CONNECT_SWAPPED);
      gtk_list_box_append (self->results, row);
    }
  if (n == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No client matches."));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_list_box_append (self->results, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->results), TRUE);
}

static void
search_changed_cb (FdFamilyPicker *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  restart (self);
  if (text[0] == '\0' || self->database == NULL)
    {
      g_clear_object (&self->found);
      clear_results (self);
      gtk_widget_set_visible (GTK_WIDGET (self->results), FALSE);
      return;
    }
  fd_client_directory_search_async (fd_database_get_connection (self->database), text,
                                    self->cancellable, searched_cb, self);
}

static void
fd_family_picker_dispose (GObject *object)
{
  FdFamilyPicker *self = FD_FAMILY_PICKER (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->found);
  g_clear_object (&self->database);
  gtk_widget_dispose_template (GTK_WIDGET (self), FD_TYPE_FAMILY_PICKER);
  /* The template's box is not a bound child: it is unparented by hand. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (fd_family_picker_parent_class)->dispose (object);
}

static void
fd_family_picker_class_init (FdFamilyPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fd_family_picker_dispose;

  /**
   * FdFamilyPicker::picked:
   * @guarantor_id: who pays for the family picked
   * @guarantor_name: their name, as the client list writes it
   * @n_members: how many are in the family now
   */
  signals[PICKED] =
    g_signal_new ("picked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_UINT);
  /**
   * FdFamilyPicker::failed:
   * @message: why the search or the family could not be read, in a sentence
   */
  signals[FAILED] =
    g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/frontdesk/Frontdesk/fd-family-picker.ui");
  gtk_widget_class_bind_template_child (widget_class, FdFamilyPicker, search_entry);
  gtk_widget_class_bind_template_child (widget_class, FdFamilyPicker, results);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
}

static void
fd_family_picker_init (FdFamilyPicker *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

void
fd_family_picker_set_database (FdFamilyPicker *self,
                               FdDatabase     *database)
{
  g_return_if_fail (FD_IS_FAMILY_PICKER (self));

  g_set_object (&self->database, database);
}

/* Empties the search and the list, for the next client. */
void
fd_family_picker_reset (FdFamilyPicker *self)
{
  g_return_if_fail (FD_IS_FAMILY_PICKER (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  search_changed_cb (self);
}

/**
 * fd_family_picker_get_entry:
 *
 * Returns: (transfer none): where the person types the search
 */
GtkEditable *
fd_family_picker_get_entry (FdFamilyPicker *self)
{
  g_return_val_if_fail (FD_IS_FAMILY_PICKER (self), NULL);

  return GTK_EDITABLE (self->search_entry);
}

/**
 * fd_family_picker_get_results:
 *
 * Returns: (transfer none): the clients found, a row each
 */
GtkListBox *
fd_family_picker_get_results (FdFamilyPicker *self)
{
  g_return_val_if_fail (FD_IS_FAMILY_PICKER (self), NULL);

  return self->results;
}
