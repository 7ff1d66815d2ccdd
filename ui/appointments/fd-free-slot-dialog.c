/* fd-free-slot-dialog.c: Find a Free Slot: the next openings for a length, provider,
 * operatory and part of the day; activating one opens its booking.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The openings come from the server (fd_free_slot_search_async, 0020's free_slots()), which
 * reads the practice's hours, the providers' schedules and the appointments not cancelled;
 * the dialog only asks and lists. Activating an opening closes the dialog, emits "picked"
 * with its day (the book shows that day) and opens the booking there, for that provider and
 * length; the booking's own save still refuses a slot taken meanwhile at another desk.
 */
#include <glib/gi18n-lib.h>

#include "fd-appointment-editor.h"
#include "fd-choices.h"
#include "fd-day-view.h"
#include "fd-free-slot-dialog.h"
#include "fd-free-slot.h"

#define MAX_OPENINGS 20

struct _FdFreeSlotDialog
{
  AdwWindow      parent_instance;

  /* Template widgets */
  GtkButton     *find_button;
  GtkSpinButton *length_spin;
  AdwComboRow   *provider_row;
  AdwComboRow   *operatory_row;
  AdwComboRow   *part_row;
  GtkLabel      *status_label;
  GtkListBox    *results_list;

  /* Owned */
  FdDatabase    *database;
  GCancellable  *cancellable;
  GPtrArray     *provider_ids;
  GPtrArray     *operatory_ids;
  GPtrArray     *slots;           /* FdFreeSlot: the results, a row's index is its slot's */
  char          *from_day;
  int            searched_length;
  guint          searches;
};

G_DEFINE_FINAL_TYPE (FdFreeSlotDialog, fd_free_slot_dialog, ADW_TYPE_WINDOW)

enum { PICKED, N_SIGNALS };
static guint signals[N_SIGNALS];

static const char * const parts[] = { "any", "morning", "afternoon" };

/* Results ------------------------------------------------------------------------------- */

static GtkWidget *
result_row_new (FdFreeSlotDialog *self,
                FdFreeSlot       *slot)
{
  GtkWidget *row = fd_day_view_new_slot_row (fd_database_get_cache (self->database),
                                             fd_free_slot_get_day (slot),
                                             fd_free_slot_get_start_minute (slot),
                                             self->searched_length,
                                             fd_free_slot_get_operatory_id (slot),
                                             fd_free_slot_get_provider_id (slot), NULL);

  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Activate to book it"), -1);
  g_ptr_array_add (self->slots, g_object_ref (slot));
  return row;
}

static void
clear_results (FdFreeSlotDialog *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->results_list))) != NULL)
    gtk_list_box_remove (self->results_list, child);
  g_ptr_array_set_size (self->slots, 0);
}

static void
search_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(FdFreeSlotDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) slots = fd_free_slot_search_finish (FD_CONNECTION (source), result,
                                                            &error);
  guint n;
  g_autofree char *status = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->searches++;
  gtk_widget_set_sensitive (GTK_WIDGET (self->find_button), TRUE);
  clear_results (self);
  if (slots == NULL)
    {
      status = g_strdup_printf (_("The openings could not be found: %s"), error->message);
      gtk_label_set_text (self->status_label, status);
      return;
    }

  n = g_list_model_get_n_items (slots);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FdFreeSlot) slot = g_list_model_get_item (slots, i);

      gtk_list_box_append (self->results_list, result_row_new (self, slot));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->results_list), n > 0);
  if (n == 0)
    status = g_strdup_printf (ngettext ("No opening of %d minute in the next three months. Try "
                                        "another provider, operatory or part of the day, or a "
                                        "shorter length.",
                                        "No opening of %d minutes in the next three months. Try "
                                        "another provider, operatory or part of the day, or a "
                                        "shorter length.",
                                        self->searched_length),
                              self->searched_length);
  else
    status = g_strdup_printf (ngettext ("%u opening of %d minutes. Activate it to book it.",
                                        "%u openings of %d minutes, the soonest first. "
                                        "Activate one to book it.", n),
                              n, self->searched_length);
  gtk_label_set_text (self->status_label, status);
}

static const char *
chosen_id (AdwComboRow *combo,
           GPtrArray   *ids)
{
  const char *id = fd_choices_get_id (combo, ids);

  return id != NULL && *id != '\0' ? id : NULL;
}

static void
find_clicked_cb (FdFreeSlotDialog *self)
{
  guint part = adw_combo_row_get_selected (self->part_row);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  gtk_spin_button_update (self->length_spin);
  self->searched_length = gtk_spin_button_get_value_as_int (self->length_spin);
  gtk_widget_set_sensitive (GTK_WIDGET (self->find_button), FALSE);
  gtk_label_set_text (self->status_label, _("Looking for openings…"));
  fd_free_slot_search_async (fd_database_get_connection (self->database), self->from_day,
                             self->searched_length,
                             chosen_id (self->provider_row, self->provider_ids),
                             chosen_id (self->operatory_row, self->operatory_ids),
                             parts[part < G_N_ELEMENTS (parts) ? part : 0], MAX_OPENINGS,
                             self->cancellable, search_done_cb, g_object_ref (self));
}

static void
result_activated_cb (FdFreeSlotDialog *self,
                     GtkListBoxRow    *row)
{
  FdFreeSlot *slot = fd_free_slot_dialog_get_slot (self, row);
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (slot == NULL)
    return;
  g_object_ref (slot);
  g_signal_emit (self, signals[PICKED], 0, fd_free_slot_get_day (slot));
  fd_appointment_editor_new_booking_for (parent, self->database, fd_free_slot_get_day (slot),
                                         fd_free_slot_get_operatory_id (slot),
                                         fd_free_slot_get_start_minute (slot),
                                         fd_free_slot_get_provider_id (slot),
                                         self->searched_length);
  g_object_unref (slot);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* Choices ------------------------------------------------------------------------------- */

/* Fills @combo from a cached table with "Any …" first. */
static void
fill_with_any (AdwComboRow *combo,
               GPtrArray   *ids,
               GListModel  *rows,
               const char  *any)
{
  const char * const first[] = { any, NULL };

  fd_choices_fill (combo, ids, rows, NULL, TRUE, NULL);
  gtk_string_list_splice (GTK_STRING_LIST (adw_combo_row_get_model (combo)), 0, 1, first);
  adw_combo_row_set_selected (combo, 0);
}

/* GObject --------------------------------------------------------------------------------- */

static void
fd_free_slot_dialog_dispose (GObject *object)
{
  FdFreeSlotDialog *self = FD_FREE_SLOT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (fd_free_slot_dialog_parent_class)->dispose (object);
}

static void
fd_free_slot_dialog_finalize (GObject *object)
{
  FdFreeSlotDialog *self = FD_FREE_SLOT_DIALOG (object);

  g_ptr_array_unref (self->provider_ids);
  g_ptr_array_unref (self->operatory_ids);
  g_ptr_array_unref (self->slots);
  g_free (self->from_day);

  G_OBJECT_CLASS (fd_free_slot_dialog_parent_class)->finalize (object);
}

static void
fd_free_slot_dialog_class_init (FdFreeSlotDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fd_free_slot_dialog_dispose;
  object_class->finalize = fd_free_slot_dialog_finalize;

  /**
   * FdFreeSlotDialog::picked:
   * @day: the opening's day, YYYY-MM-DD
   *
   * An opening was activated: its booking opens next.
   */
  signals[PICKED] = g_signal_new ("picked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/frontdesk/Frontdesk/fd-free-slot-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, FdFreeSlotDialog, find_button);
  gtk_widget_class_bind_template_child (widget_class, FdFreeSlotDialog, length_spin);
  gtk_widget_class_bind_template_child (widget_class, FdFreeSlotDialog, provider_row);
  gtk_widget_class_bind_template_child (widget_class, FdFreeSlotDialog, operatory_row);
  gtk_widget_class_bind_template_child (widget_class, FdFreeSlotDialog, part_row);
  gtk_widget_class_bind_template_child (widget_class, FdFreeSlotDialog, status_label);
  gtk_widget_class_bind_template_child (widget_class, FdFreeSlotDialog, results_list);
  gtk_widget_class_bind_template_callback (widget_class, find_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, result_activated_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
fd_free_slot_dialog_init (FdFreeSlotDialog *self)
{
  /* Before the template: its rows may report a change, which clears the results. */
  self->slots = g_ptr_array_new_with_free_func (g_object_unref);
  gtk_widget_init_template (GTK_WIDGET (self));
  self->provider_ids = g_ptr_array_new_with_free_func (g_free);
  self->operatory_ids = g_ptr_array_new_with_free_func (g_free);
  self->cancellable = g_cancellable_new ();
}

/**
 * fd_free_slot_dialog_new:
 * @from_day: YYYY-MM-DD, the first day searched (today's times already past are skipped)
 *
 * Returns: (transfer none): the dialog, shown and already looking, owned by the window list
 */
FdFreeSlotDialog *
fd_free_slot_dialog_new (GtkWindow  *parent,
                         FdDatabase *database,
                         const char *from_day)
{
  FdFreeSlotDialog *self = g_object_new (FD_TYPE_FREE_SLOT_DIALOG, "transient-for", parent,
                                         NULL);
  FdCache *cache = fd_database_get_cache (database);

  self->database = g_object_ref (database);
  self->from_day = g_strdup (from_day);
  fill_with_any (self->provider_row, self->provider_ids, fd_cache_get_table (cache, "providers"),
                 _("Any provider"));
  fill_with_any (self->operatory_row, self->operatory_ids,
                 fd_cache_get_table (cache, "operatories"), _("Any operatory"));
  gtk_window_present (GTK_WINDOW (self));
  find_clicked_cb (self);
  return self;
}

/* How many searches have answered: tests wait on it. */
guint
fd_free_slot_dialog_get_searches (FdFreeSlotDialog *self)
{
  g_return_val_if_fail (FD_IS_FREE_SLOT_DIALOG (self), 0);

  return self->searches;
}

/**
 * fd_free_slot_dialog_get_slot:
 * @row: a row of the results
 *
 * Returns: (transfer none) (nullable): the opening @row offers
 */
FdFreeSlot *
fd_free_slot_dialog_get_slot (FdFreeSlotDialog *self,
                              GtkListBoxRow    *row)
{
  int index;

  g_return_val_if_fail (FD_IS_FREE_SLOT_DIALOG (self), NULL);

  index = gtk_list_box_row_get_index (row);
  return index >= 0 && (guint) index < self->slots->len ? g_ptr_array_index (self->slots, index)
                                                         : NULL;
}
