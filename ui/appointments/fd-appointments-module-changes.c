/* fd-appointments-module-changes.c: what the book changes: moves, status changes,
 * confirmations and cancellations, each offering Undo in a toast; Cut and Paste through the
 * pinboard; the appointment menu.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every change writes only its own columns through the save path (fd_appointment_change_*),
 * so someone else's change of another column survives, and its Undo writes back the values
 * the book showed before. A cancelled appointment is kept, with its reason.
 */
#include <glib/gi18n.h>

#include "fd-appointment-block.h"
#include "fd-appointment-editor.h"
#include "fd-appointments-module-private.h"
#include "fd-format.h"
#include "fd-busy-dialog.h"
#include "fd-double-book.h"

/* A change from the book, kept until it is answered (and tried again). */
typedef struct
{
  FdAppointmentsModule *module;
  FdAppointment        *appointment;
  GStrv                 columns;
  GPtrArray            *values;       /* an entry may be NULL: the column is cleared */
  GPtrArray            *undo_values;  /* (nullable): what Undo writes back */
  char                 *done;         /* what the toast says once it is saved */
} Change;

static Change *
change_new (FdAppointmentsModule *module,
            FdAppointment        *appointment,
            const char * const   *columns,
            guint                 n_columns,
            const char * const   *values,
            const char * const   *undo_values,
            const char           *done)
{
  Change *change = g_new0 (Change, 1);

  change->module = g_object_ref (module);
  change->appointment = g_object_ref (appointment);
  change->columns = g_new0 (char *, n_columns + 1);
  change->values = g_ptr_array_new_with_free_func (g_free);
  if (undo_values != NULL)
    change->undo_values = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < n_columns; i++)
    {
      change->columns[i] = g_strdup (columns[i]);
      g_ptr_array_add (change->values, g_strdup (values[i]));
      if (undo_values != NULL)
        g_ptr_array_add (change->undo_values, g_strdup (undo_values[i]));
    }
  change->done = g_strdup (done);
  return change;
}

static Change *
change_copy (Change *change)
{
  return change_new (change->module, change->appointment,
                     (const char * const *) change->columns, g_strv_length (change->columns),
                     (const char * const *) change->values->pdata,
                     change->undo_values != NULL
                     ? (const char * const *) change->undo_values->pdata : NULL,
                     change->done);
}

static void
change_free (Change *change)
{
  g_clear_object (&change->module);
  g_clear_object (&change->appointment);
  g_strfreev (change->columns);
  g_ptr_array_unref (change->values);
  g_clear_pointer (&change->undo_values, g_ptr_array_unref);
  g_free (change->done);
  g_free (change);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Change, change_free)

static void send_change (Change *change);

/* Try Again in the busy dialog: the same change, sent again. */
static void
change_again_cb (Change *change)
{
  send_change (change_copy (change));
}

/* Undo in the toast: the values the book showed before, written back the same way. */
static void
undo_clicked_cb (AdwToast *toast,
                 Change   *change)
{
  g_autofree char *undone = g_strdup_printf (_("Undone: %s"), change->done);

  send_change (change_new (change->module, change->appointment,
                           (const char * const *) change->columns,
                           g_strv_length (change->columns),
                           (const char * const *) change->undo_values->pdata, NULL, undone));
}

static void
show_done (Change *change)
{
  AdwToast *toast = adw_toast_new (change->done);

  gtk_label_set_text (change->module->status_label, change->done);
  if (change->undo_values != NULL)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      adw_toast_set_timeout (toast, 10);
      g_signal_connect_data (toast, "button-clicked", G_CALLBACK (undo_clicked_cb),
                             change_copy (change), (GClosureNotify) change_free, 0);
    }
  adw_toast_overlay_add_toast (change->module->toast_overlay, toast);
}

static void
changed_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(Change) change = user_data;
  FdAppointmentsModule *self = change->module;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (fd_appointment_change_finish (result, &error) == FD_SAVE_SAVED)
    show_done (change);
  else
    {
      message = g_strdup_printf (_("Not changed: %s"), error->message);
      fd_appointments_module_report (self, message);
      if (fd_busy_dialog_is_busy (error))
        fd_busy_dialog_present_full (GTK_WIDGET (self), error, G_CALLBACK (change_again_cb),
                                     g_steal_pointer (&change), (GDestroyNotify) change_free);
    }
  /* What this workstation did shows at once, push or not. */
  fd_appointments_module_load_day (self);
}

/* @change: (transfer full) */
static void
send_change (Change *change)
{
  fd_appointment_change_async (fd_database_get_lock_manager (change->module->database),
                               fd_appointment_get_id (change->appointment),
                               g_strv_length (change->columns),
                               (const char * const *) change->columns,
                               (const char * const *) change->values->pdata, NULL, changed_cb,
                               change);
}

static const char *
operatory_name (FdAppointmentsModule *self,
                const char           *operatory_id)
{
  return fd_double_book_operatory_name (fd_database_get_cache (self->database), operatory_id);
}

/* The day @appointment is on, as the server reads a date. */
static char *
day_of (FdAppointmentsModule *self,
        FdAppointment        *appointment)
{
  return fd_appointment_get_day (appointment) != NULL
         ? g_strdup (fd_appointment_get_day (appointment))
         : fd_appointments_module_format_day (self);
}

static void
double_book_answered_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  Change *change = user_data;

  if (fd_double_book_ask_finish (result))
    send_change (change);
  else
    change_free (change);
}

/* A move of @appointment from @was_at (as the server reads a start) to @minute of @day,
 * in @operatory_id; its Undo puts it back. Onto another appointment, it asks first
 * (Cancel is the default). */
static void
move_from (FdAppointmentsModule *self,
           FdAppointment        *appointment,
           const char           *was_at,
           const char           *day,
           const char           *operatory_id,
           int                   minute,
           const char           *done)
{
  g_autofree char *starts_at = fd_appointment_format_start (fd_database_get_cache (self->database),
                                                            day, minute);
  const char *columns[] = { "starts_at", "operatory_id" };
  g_autoptr(FdAppointment) occupant =
    fd_double_book_find_occupant (fd_day_view_get_appointments (self->view),
                                  fd_appointment_get_id (appointment), day, operatory_id, minute,
                                  fd_appointment_get_length (appointment));
  Change *change = change_new (self, appointment, columns, G_N_ELEMENTS (columns),
                               (const char *[]) { starts_at, operatory_id },
                               (const char *[]) { was_at,
                                                  fd_appointment_get_operatory_id (appointment) },
                               done);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (occupant == NULL)
    {
      send_change (change);
      return;
    }

  fd_double_book_ask_async (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                            fd_database_get_cache (self->database), operatory_id, occupant,
                            double_book_answered_cb, change);
}

/**
 * fd_appointments_module_move:
 * @minute: the new start, in minutes after midnight of the day shown
 *
 * Moves @appointment, as dropping its block would: its start and operatory only; the
 * toast that says so offers Undo.
 */
void
fd_appointments_module_move (FdAppointmentsModule *self,
                             FdAppointment        *appointment,
                             const char           *operatory_id,
                             int                   minute)
{
  fd_appointments_module_move_to_day (self, appointment, NULL, operatory_id, minute);
}

/**
 * fd_appointments_module_move_to_day:
 * @day: (nullable): the day it moves to, YYYY-MM-DD; %NULL: the day it is on
 * @minute: the new start, in minutes after midnight of @day
 *
 * Moves @appointment, as dropping its block in the week would: its start, and its
 * operatory when that changes; the toast that says so offers Undo.
 */
void
fd_appointments_module_move_to_day (FdAppointmentsModule *self,
                                    FdAppointment        *appointment,
                                    const char           *day,
                                    const char           *operatory_id,
                                    int                   minute)
{
  g_autofree char *was_day = NULL;
  g_autofree char *was_at = NULL;
  g_autofree char *time = NULL;
  g_autofree char *done = NULL;

  g_return_if_fail (FD_IS_APPOINTMENTS_MODULE (self));
  g_return_if_fail (FD_IS_APPOINTMENT (appointment));

  was_day = day_of (self, appointment);
  was_at = fd_appointment_format_start (fd_database_get_cache (self->database), was_day,
                                        fd_appointment_get_start_minute (appointment));
  time = fd_day_view_format_time (minute);
  if (day != NULL && g_strcmp0 (day, was_day) != 0)
    {
      g_autofree char *date_text = fd_format_iso_day (day);

      /* Translators: a client, then the day, time and operatory their appointment moved to */
      done = g_strdup_printf (_("%s moved to %s, %s, %s"),
                              fd_appointment_get_client_name (appointment), date_text, time,
                              operatory_name (self, operatory_id));
    }
  else
    /* Translators: a client, then the time and operatory their appointment moved to */
    done = g_strdup_printf (_("%s moved to %s, %s"), fd_appointment_get_client_name (appointment),
                            time, operatory_name (self, operatory_id));
  move_from (self, appointment, was_at, day != NULL ? day : was_day, operatory_id, minute, done);
}

/* Cut and Paste: the pinboard ----------------------------------------------------------------- */

static void
show_pinboard (FdAppointmentsModule *self)
{
  g_autofree char *text = NULL;

  if (self->pinned != NULL)
    /* Translators: the client whose appointment waits on the pinboard to be pasted */
    text = g_strdup_printf (_("On the pinboard: %s — Ctrl+V on a free slot puts it there"),
                            fd_appointment_get_client_name (self->pinned));
  gtk_label_set_text (self->pinboard_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->pinboard_label), text != NULL);
}

/* Puts @appointment on the pinboard, to be pasted on any day; it stays where it is meanwhile. */
static void
cut (FdAppointmentsModule *self,
     FdAppointment        *appointment)
{
  g_autofree char *day = day_of (self, appointment);
  g_autofree char *done = NULL;

  g_set_object (&self->pinned, appointment);
  g_free (self->pinned_from);
  self->pinned_from = fd_appointment_format_start (fd_database_get_cache (self->database), day,
                                                   fd_appointment_get_start_minute (appointment));
  show_pinboard (self);
  /* Translators: the client whose appointment was cut */
  done = g_strdup_printf (_("%s is on the pinboard: pick a day and a free slot, then Paste "
                            "(Ctrl+V)"), fd_appointment_get_client_name (appointment));
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (done));
}

void
fd_appointments_module_cut_requested_cb (FdAppointmentsModule *self,
                                         FdAppointment        *appointment)
{
  cut (self, appointment);
}

/* Ctrl+V on a free slot: the appointment on the pinboard moves there, on the slot's day. */
void
fd_appointments_module_paste_requested_cb (FdAppointmentsModule *self,
                                           const char           *operatory_id,
                                           int                   minute,
                                           const char           *slot_day)
{
  g_autofree char *day = slot_day != NULL ? g_strdup (slot_day)
                                          : fd_appointments_module_format_day (self);
  g_autoptr(FdAppointment) pinned = g_steal_pointer (&self->pinned);
  g_autofree char *was_at = g_steal_pointer (&self->pinned_from);
  g_autofree char *date = NULL;
  g_autofree char *time = NULL;
  g_autofree char *done = NULL;

  show_pinboard (self);
  if (pinned == NULL)
    {
      fd_appointments_module_report (self, _("Nothing to paste: cut an appointment first "
                                             "(Ctrl+X, or Cut in its menu)."));
      return;
    }
  date = fd_format_iso_day (day);
  time = fd_day_view_format_time (minute);
  /* Translators: a client, then the day, time and operatory their appointment moved to */
  done = g_strdup_printf (_("%s moved to %s, %s, %s"), fd_appointment_get_client_name (pinned),
                          g_strstrip (date), time, operatory_name (self, operatory_id));
  move_from (self, pinned, was_at, day, operatory_id, minute, done);
}

/* A status, with the reason of a cancellation (cleared by any other status). */
static void
set_status (FdAppointmentsModule *self,
            FdAppointment        *appointment,
            const char           *status,
            const char           *reason)
{
  const char *columns[] = { "status", "cancel_reason" };
  g_autofree char *done = NULL;
  g_autofree char *described = NULL;

  if (g_str_equal (status, "cancelled"))
    /* Translators: a client whose appointment was cancelled */
    done = g_strdup_printf (_("%s’s appointment cancelled"),
                            fd_appointment_get_client_name (appointment));
  else
    {
      described = g_str_equal (status, "complete") ? g_strdup (_("Complete"))
                  : g_str_equal (status, "broken") ? g_strdup (_("Broken"))
                  : g_strdup (_("Scheduled"));
      /* Translators: a client, then the new status of their appointment */
      done = g_strdup_printf (_("%s: %s"), fd_appointment_get_client_name (appointment),
                              described);
    }
  send_change (change_new (self, appointment, columns, G_N_ELEMENTS (columns),
                           (const char *[]) { status, reason },
                           (const char *[]) { fd_appointment_get_status (appointment),
                                              fd_appointment_get_cancel_reason (appointment) },
                           done));
}

static void
set_confirmation (FdAppointmentsModule *self,
                  FdAppointment        *appointment,
                  const char           *confirmation_id)
{
  const char *columns[] = { "confirmation_id" };
  FdCacheRow *row = fd_cache_lookup (fd_database_get_cache (self->database), "definitions",
                                     confirmation_id);
  /* Translators: a client, then how their appointment is confirmed */
  g_autofree char *done = g_strdup_printf (_("%s: %s"),
                                           fd_appointment_get_client_name (appointment),
                                           row != NULL ? fd_cache_row_get (row, "name")
                                                       : confirmation_id);

  send_change (change_new (self, appointment, columns, 1,
                           (const char *[]) { confirmation_id },
                           (const char *[]) { fd_appointment_get_confirmation_id (appointment) },
                           done));
}

/* Cancelling, with a reason ---------------------------------------------------------------- */

typedef struct
{
  FdAppointmentsModule *module;
  FdAppointment        *appointment;
  GtkEditable          *reason;
} Cancelling;

static void
cancelling_free (Cancelling *cancelling)
{
  g_clear_object (&cancelling->module);
  g_clear_object (&cancelling->appointment);
  g_free (cancelling);
}

static void
reason_changed_cb (GtkEditable      *reason,
                   AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (reason)));

  adw_message_dialog_set_response_enabled (dialog, "cancel-appointment", *text != '\0');
}

/* Enter in the reason cancels the appointment, once there is a reason. */
static void
reason_activate_cb (GtkEditable      *reason,
                    AdwMessageDialog *dialog)
{
  if (!adw_message_dialog_get_response_enabled (dialog, "cancel-appointment"))
    return;
  adw_message_dialog_response (dialog, "cancel-appointment");
  gtk_window_close (GTK_WINDOW (dialog));
}

static void
cancel_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    Cancelling       *cancelling)
{
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (cancelling->reason)));

  if (g_str_equal (response, "cancel-appointment") && *reason != '\0')
    set_status (cancelling->module, cancelling->appointment, "cancelled", reason);
}

static void
present_cancel_dialog (FdAppointmentsModule *self,
                       FdAppointment        *appointment)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *from = fd_day_view_format_time (fd_appointment_get_start_minute (appointment));
  g_autofree char *body = NULL;
  Cancelling *cancelling = g_new0 (Cancelling, 1);
  GtkWidget *dialog;
  GtkWidget *reason = gtk_entry_new ();

  /* Translators: the client and start of the appointment to cancel */
  body = g_strdup_printf (_("%s at %s. The appointment stays in the book as cancelled, with "
                            "the reason; Show Cancelled shows it."),
                          fd_appointment_get_client_name (appointment), from);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Cancel Appointment?"), body);
  gtk_widget_add_css_class (dialog, "cancel-dialog");
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "keep", _("_Keep Appointment"),
                                    "cancel-appointment", _("_Cancel Appointment"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "cancel-appointment",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "cancel-appointment",
                                           FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel-appointment");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");

  gtk_entry_set_placeholder_text (GTK_ENTRY (reason), _("Reason, for example “called in sick”"));
  gtk_entry_set_max_length (GTK_ENTRY (reason), 500);
  gtk_accessible_update_property (GTK_ACCESSIBLE (reason), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Reason for the cancellation"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), reason);
  g_signal_connect (reason, "changed", G_CALLBACK (reason_changed_cb), dialog);
  g_signal_connect (reason, "activate", G_CALLBACK (reason_activate_cb), dialog);

  cancelling->module = g_object_ref (self);
  cancelling->appointment = g_object_ref (appointment);
  cancelling->reason = GTK_EDITABLE (reason);
  g_signal_connect_data (dialog, "response", G_CALLBACK (cancel_response_cb), cancelling,
                         (GClosureNotify) cancelling_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (reason);
}

/* The menu -------------------------------------------------------------------------------- */

static void
menu_action_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  FdAppointmentsModule *self = user_data;
  const char *name = g_action_get_name (G_ACTION (action));
  g_autoptr(FdAppointment) appointment = NULL;
  g_autofree char *day = NULL;
  GtkRoot *root;

  if (self->menu_appointment == NULL)
    return;
  appointment = g_object_ref (self->menu_appointment);

  if (g_str_equal (name, "confirm"))
    set_confirmation (self, appointment, g_variant_get_string (parameter, NULL));
  else if (g_str_equal (name, "edit"))
    {
      root = gtk_widget_get_root (GTK_WIDGET (self));
      day = day_of (self, appointment);
      fd_appointment_editor_open (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                  self->database, appointment, day);
    }
  else if (g_str_equal (name, "cancel"))
    present_cancel_dialog (self, appointment);
  else if (g_str_equal (name, "cut"))
    cut (self, appointment);
  else if (g_str_equal (name, "client-appointments"))
    fd_appointments_module_show_client_appointments (self, appointment);
  else
    set_status (self, appointment,
                g_str_equal (name, "complete") ? "complete"
                : g_str_equal (name, "break") ? "broken" : "scheduled", NULL);
}

static GMenuModel *
build_menu (FdAppointmentsModule *self,
            FdAppointment        *appointment)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) edit = g_menu_new ();
  g_autoptr(GMenu) status = g_menu_new ();
  g_autoptr(GMenu) confirmations = g_menu_new ();
  g_autoptr(GMenu) cancel = g_menu_new ();
  GListModel *definitions = fd_cache_get_table (fd_database_get_cache (self->database),
                                                "definitions");

  g_menu_append (edit, _("_Edit…"), "appointment.edit");
  g_menu_append (edit, _("Cu_t"), "appointment.cut");
  g_menu_append (edit, _("Client’s _Appointments…"), "appointment.client-appointments");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (edit));

  g_menu_append (status, _("_Complete"), "appointment.complete");
  g_menu_append (status, _("_Break"), "appointment.break");
  g_menu_append (status, _("_Scheduled Again"), "appointment.reschedule");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (status));

  for (guint i = 0; i < g_list_model_get_n_items (definitions); i++)
    {
      g_autoptr(FdCacheRow) row = g_list_model_get_item (definitions, i);
      g_autofree char *action = NULL;

      if (g_strcmp0 (fd_cache_row_get (row, "category"), "confirmation_status") != 0 ||
          fd_cache_row_get_boolean (row, "hidden"))
        continue;
      action = g_strdup_printf ("appointment.confirm('%s')", fd_cache_row_get_id (row));
      g_menu_append (confirmations, fd_cache_row_get (row, "name"), action);
    }
  g_menu_append_section (menu, _("Confirmation"), G_MENU_MODEL (confirmations));

  if (!fd_appointment_is_cancelled (appointment))
    {
      g_menu_append (cancel, _("Cancel _Appointment…"), "appointment.cancel");
      g_menu_append_section (menu, NULL, G_MENU_MODEL (cancel));
    }
  return G_MENU_MODEL (menu);
}

/* The menu is the module's child, outside the scrolled book: opening it moves neither the
 * book's scroll position nor its focus, and it points at where the block was clicked. */
void
fd_appointments_module_menu_requested_cb (FdAppointmentsModule *self,
                                          FdAppointment        *appointment,
                                          double                x,
                                          double                y)
{
  g_autoptr(GMenuModel) model = build_menu (self, appointment);
  graphene_point_t point;

  if (!gtk_widget_compute_point (GTK_WIDGET (self->view), GTK_WIDGET (self),
                                 &GRAPHENE_POINT_INIT (x, y), &point))
    return;
  g_set_object (&self->menu_appointment, appointment);
  gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->menu), model);
  gtk_popover_set_pointing_to (self->menu,
                               &(GdkRectangle) { (int) point.x, (int) point.y, 1, 1 });
  gtk_popover_popup (self->menu);
}

/* Focus goes back to the block whose menu it was, as it would to a menu's button. */
static void
menu_closed_cb (FdAppointmentsModule *self)
{
  GtkWidget *block;

  if (self->menu_appointment == NULL)
    return;
  block = fd_day_view_get_block (self->view, fd_appointment_get_id (self->menu_appointment));
  if (block != NULL)
    gtk_widget_grab_focus (block);
}

void
fd_appointments_module_init_changes (FdAppointmentsModule *self)
{
  static const GActionEntry menu_actions[] = {
    { "edit", menu_action_cb },
    { "complete", menu_action_cb },
    { "break", menu_action_cb },
    { "reschedule", menu_action_cb },
    { "confirm", menu_action_cb, "s" },
    { "cancel", menu_action_cb },
    { "cut", menu_action_cb },
    { "client-appointments", menu_action_cb },
  };
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();

  g_action_map_add_action_entries (G_ACTION_MAP (group), menu_actions,
                                   G_N_ELEMENTS (menu_actions), self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "appointment", G_ACTION_GROUP (group));

  self->menu = GTK_POPOVER (gtk_popover_menu_new_from_model (NULL));
  gtk_popover_set_has_arrow (self->menu, FALSE);
  gtk_widget_set_halign (GTK_WIDGET (self->menu), GTK_ALIGN_START);
  gtk_widget_set_parent (GTK_WIDGET (self->menu), GTK_WIDGET (self));
  g_signal_connect_object (self->menu, "closed", G_CALLBACK (menu_closed_cb), self,
                           G_CONNECT_SWAPPED);
}
