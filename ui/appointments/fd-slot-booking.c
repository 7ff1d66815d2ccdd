/* fd-slot-booking.c: a new booking in an empty slot, held on the server while it is open.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Double-clicking an empty slot (or Enter on it) first holds that operatory and time for
 * this desk (frontdesk.slot_hold, 0024), then opens the booking. When another desk is
 * already booking a slot that overlaps it, the person is told who, and Cancel is the
 * default; Book Anyway holds it beside theirs. The hold goes when the booking window does,
 * saved or cancelled, and with this desk's session if the desk vanishes.
 */
#include <adwaita.h>
#include <glib/gi18n.h>

#include "fd-appointment-editor.h"
#include "fd-format.h"
#include "fd-slot-booking.h"
#include "fd-slot-hold.h"

#define BOOKING_LENGTH 30

typedef struct
{
  GtkWindow  *parent;
  FdDatabase *database;
  char       *day;
  char       *operatory_id;
  int         minute;
} Booking;

static void
booking_free (Booking *booking)
{
  g_clear_object (&booking->parent);
  g_clear_object (&booking->database);
  g_free (booking->day);
  g_free (booking->operatory_id);
  g_free (booking);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Booking, booking_free)

static void hold (Booking  *booking,
                  gboolean  anyway);

static void
release_hold (FdConnection *connection)
{
  fd_slot_hold_release (connection);
}

static void
open_booking (Booking *booking)
{
  FdAppointmentEditor *editor =
    fd_appointment_editor_new_booking (booking->parent, booking->database, booking->day,
                                       booking->operatory_id, booking->minute);

  g_signal_connect_data (editor, "destroy", G_CALLBACK (release_hold),
                         g_object_ref (fd_database_get_connection (booking->database)),
                         (GClosureNotify) (void (*) (void)) g_object_unref, G_CONNECT_SWAPPED);
}

static void
warning_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     gpointer          user_data)
{
  g_autoptr(Booking) booking = user_data;

  if (g_strcmp0 (response, "book-anyway") == 0)
    hold (g_steal_pointer (&booking), TRUE);
}

/* Another desk is booking there: say who, and let the person decide. */
static void
warn (Booking            *booking,
      const FdLockHolder *holder)
{
  FdCacheRow *operatory = fd_cache_lookup (fd_database_get_cache (booking->database),
                                           "operatories", booking->operatory_id);
  g_autofree char *time = fd_format_minutes (booking->minute);
  g_autofree char *since = holder->since != NULL ? fd_format_time (holder->since) : g_strdup ("");
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  /* Translators: the person, their workstation, the operatory, the time, since when */
  body = g_strdup_printf (_("%s at %s is booking %s at %s (since %s). Book it as well only if "
                            "you have agreed who takes the slot."),
                          holder->name, holder->workstation,
                          operatory != NULL ? fd_cache_row_get (operatory, "name") : "",
                          time, since);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (booking->parent,
                                                       _("Someone Is Booking This Slot"), body));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"),
                                    "book-anyway", _("_Book Anyway"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "book-anyway", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  gtk_widget_add_css_class (GTK_WIDGET (dialog), "slot-warning");
  g_signal_connect (dialog, "response", G_CALLBACK (warning_response_cb), booking);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
held_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(Booking) booking = user_data;
  g_autoptr(FdLockHolder) holder = NULL;
  g_autoptr(GError) error = NULL;

  if (fd_slot_hold_finish (FD_CONNECTION (object), result, &holder, &error))
    {
      open_booking (booking);
      return;
    }
  if (holder != NULL)
    {
      warn (g_steal_pointer (&booking), holder);
      return;
    }
  /* The hold is a courtesy to the other desks: without it, the booking still opens, and
   * saving it says what is wrong if the connection is. */
  g_debug ("Holding the slot for a booking: %s", error->message);
  open_booking (booking);
}

static void
hold (Booking  *booking,
      gboolean  anyway)
{
  fd_slot_hold_async (fd_database_get_connection (booking->database), booking->operatory_id,
                      booking->day, booking->minute, BOOKING_LENGTH, anyway, NULL, held_cb,
                      booking);
}

/**
 * fd_slot_booking_start:
 * @day: YYYY-MM-DD
 * @minute: the slot's start, in minutes since midnight
 *
 * Holds the slot and opens its booking, or warns first when another desk is booking there.
 */
void
fd_slot_booking_start (GtkWindow  *parent,
                       FdDatabase *database,
                       const char *day,
                       const char *operatory_id,
                       int         minute)
{
  Booking *booking;

  g_return_if_fail (FD_IS_DATABASE (database));

  booking = g_new0 (Booking, 1);
  booking->parent = parent != NULL ? g_object_ref (parent) : NULL;
  booking->database = g_object_ref (database);
  booking->day = g_strdup (day);
  booking->operatory_id = g_strdup (operatory_id);
  booking->minute = minute;
  hold (booking, FALSE);
}
