/* fd-double-book.c: booking or moving into an operatory and time that is taken asks first:
 * "Double-book with Fatima Perez?", Cancel the default. Dragging, pasting and saving from
 * the appointment editor all ask the same question.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "fd-day-view.h"
#include "fd-double-book.h"

/**
 * fd_double_book_find_occupant:
 * @appointments: (element-type FdAppointment): the book of the day
 * @except_id: (nullable): the appointment being moved, which cannot be in its own way
 * @day: (nullable): the day (YYYY-MM-DD) in a book of several days, as the week's
 * @minute: the start, in minutes after midnight
 *
 * Returns: (transfer full) (nullable): what is in @operatory_id from @minute for @length
 *   minutes, other than @except_id and what is cancelled
 */
FdAppointment *
fd_double_book_find_occupant (GListModel *appointments,
                              const char *except_id,
                              const char *day,
                              const char *operatory_id,
                              int         minute,
                              int         length)
{
  for (guint i = 0; appointments != NULL && i < g_list_model_get_n_items (appointments); i++)
    {
      g_autoptr(FdAppointment) other = g_list_model_get_item (appointments, i);
      int starts = fd_appointment_get_start_minute (other);

      if (g_strcmp0 (fd_appointment_get_id (other), except_id) != 0 &&
          !fd_appointment_is_cancelled (other) &&
          (day == NULL || g_strcmp0 (fd_appointment_get_day (other), day) == 0) &&
          g_strcmp0 (fd_appointment_get_operatory_id (other), operatory_id) == 0 &&
          starts < minute + length && starts + fd_appointment_get_length (other) > minute)
        return g_steal_pointer (&other);
    }
  return NULL;
}

const char *
fd_double_book_operatory_name (FdCache    *cache,
                               const char *operatory_id)
{
  FdCacheRow *row = fd_cache_lookup (cache, "operatories", operatory_id);

  return row != NULL ? fd_cache_row_get (row, "name") : operatory_id;
}

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             GTask            *task)
{
  g_task_return_boolean (task, g_strcmp0 (response, "double-book") == 0);
  g_object_unref (task);
}

/**
 * fd_double_book_ask_async:
 * @occupant: the appointment already there
 *
 * Asks whether to book into @operatory_id anyway; %TRUE for Double-Book.
 */
void
fd_double_book_ask_async (GtkWindow           *parent,
                          FdCache             *cache,
                          const char          *operatory_id,
                          FdAppointment       *occupant,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GTask *task = g_task_new (NULL, NULL, callback, user_data);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  g_autofree char *times = NULL;
  AdwMessageDialog *dialog;

  g_task_set_source_tag (task, fd_double_book_ask_async);
  times = fd_day_view_format_time (fd_appointment_get_start_minute (occupant));
  /* Translators: the client already booked in the slot */
  heading = g_strdup_printf (_("Double-book with %s?"), fd_appointment_get_client_name (occupant));
  /* Translators: the operatory, the client already there and their time */
  body = g_strdup_printf (_("%s already has %s at %s. Both appointments will be in the book "
                            "at once."), fd_double_book_operatory_name (cache, operatory_id),
                          fd_appointment_get_client_name (occupant), times);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, heading, body));
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"),
                                    "double-book", _("_Double-Book"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "double-book", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  gtk_widget_add_css_class (GTK_WIDGET (dialog), "double-book-dialog");
  g_signal_connect (dialog, "response", G_CALLBACK (response_cb), task);
  gtk_window_present (GTK_WINDOW (dialog));
}

gboolean
fd_double_book_ask_finish (GAsyncResult *result)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), NULL);
}
