/* fd-maintenance-page.c: the Admin module's maintenance switch.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Locking asks first (every workstation is affected) and needs a reason, which every
 * workstation shows in its banner. The server refuses the switch to anyone but an
 * administrator and writes it to the audit log.
 */
#include <glib/gi18n.h>

#include "fd-confirm-dialog.h"
#include "fd-maintenance-page.h"

struct _FdMaintenancePage
{
  GtkWidget      parent_instance;

  /* Template widgets */
  AdwActionRow  *status_row;
  AdwEntryRow   *reason_row;
  GtkButton     *lock_button;
  GtkButton     *unlock_button;
  GtkLabel      *error_label;

  /* Owned */
  FdMaintenance *maintenance;
  GCancellable  *cancellable;

  gboolean       switching;
};

G_DEFINE_FINAL_TYPE (FdMaintenancePage, fd_maintenance_page, GTK_TYPE_WIDGET)

static void
update (FdMaintenancePage *self)
{
  FdMaintenance *maintenance = self->maintenance;
  gboolean active = fd_maintenance_get_active (maintenance);
  g_autofree char *description = fd_maintenance_dup_description (maintenance);
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (
                                          GTK_EDITABLE (self->reason_row))));

  adw_action_row_set_subtitle (self->status_row,
                               description != NULL
                               ? description
                               : _("Off: everyone works as usual."));
  gtk_widget_set_visible (GTK_WIDGET (self->lock_button), !active);
  gtk_widget_set_visible (GTK_WIDGET (self->unlock_button), active);
  gtk_widget_set_sensitive (GTK_WIDGET (self->lock_button), !self->switching && reason[0] != '\0');
  gtk_widget_set_sensitive (GTK_WIDGET (self->unlock_button), !self->switching);
  gtk_widget_set_sensitive (GTK_WIDGET (self->reason_row), !active);
}

static void
switched_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(FdMaintenancePage) self = user_data;
  g_autoptr(GError) error = NULL;

  self->switching = FALSE;
  if (!fd_maintenance_switch_finish (FD_MAINTENANCE (object), result, NULL, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
    }
  update (self);
}

/**
 * fd_maintenance_page_switch:
 *
 * Switches maintenance mode on (with @reason) or off, without asking.
 */
void
fd_maintenance_page_switch (FdMaintenancePage *self,
                            gboolean           active,
                            const char        *reason)
{
  g_return_if_fail (FD_IS_MAINTENANCE_PAGE (self));

  self->switching = TRUE;
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  update (self);
  fd_maintenance_switch_async (self->maintenance, active, reason, self->cancellable,
                               switched_cb, g_object_ref (self));
}

static void
lock_response_cb (AdwMessageDialog  *dialog,
                  const char        *response,
                  FdMaintenancePage *self)
{
  g_autofree char *reason = NULL;

  if (!g_str_equal (response, "lock"))
    return;
  reason = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->reason_row))));
  fd_maintenance_page_switch (self, TRUE, reason);
}

static void
lock_clicked_cb (FdMaintenancePage *self)
{
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (
                                          GTK_EDITABLE (self->reason_row))));
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  if (reason[0] == '\0')
    {
      gtk_widget_error_bell (GTK_WIDGET (self->reason_row));
      return;
    }

  /* Translators: %s is the reason typed for the maintenance */
  body = g_strdup_printf (_("Every workstation shows “%s” in a banner within a second, and "
                            "nobody but administrators can save anything until you unlock "
                            "the database. Forms stay open with what is typed in them."),
                          reason);
  dialog = fd_confirm_dialog_present (GTK_WIDGET (self), _("Lock the Practice Database?"), body,
                                      _("_Cancel"), "lock", _("_Lock Database"),
                                      "maintenance-confirm");
  g_signal_connect_object (dialog, "response", G_CALLBACK (lock_response_cb), self, 0);
}

static void
unlock_clicked_cb (FdMaintenancePage *self)
{
  fd_maintenance_page_switch (self, FALSE, NULL);
}

/* GObject ---------------------------------------------------------------------------------- */

static void
fd_maintenance_page_dispose (GObject *object)
{
  FdMaintenancePage *self = FD_MAINTENANCE_PAGE (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->maintenance);
  gtk_widget_dispose_template (GTK_WIDGET (self), FD_TYPE_MAINTENANCE_PAGE);
  /* The template's page is not a bound child: it is unparented by hand. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (fd_maintenance_page_parent_class)->dispose (object);
}

static void
fd_maintenance_page_class_init (FdMaintenancePageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = fd_maintenance_page_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/frontdesk/Frontdesk/fd-maintenance-page.ui");
  gtk_widget_class_bind_template_child (widget_class, FdMaintenancePage, status_row);
  gtk_widget_class_bind_template_child (widget_class, FdMaintenancePage, reason_row);
  gtk_widget_class_bind_template_child (widget_class, FdMaintenancePage, lock_button);
  gtk_widget_class_bind_template_child (widget_class, FdMaintenancePage, unlock_button);
  gtk_widget_class_bind_template_child (widget_class, FdMaintenancePage, error_label);
  gtk_widget_class_bind_template_callback (widget_class, update);
  gtk_widget_class_bind_template_callback (widget_class, lock_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, unlock_clicked_cb);
}

static void
fd_maintenance_page_init (FdMaintenancePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

GtkWidget *
fd_maintenance_page_new (FdDatabase *database)
{
  FdMaintenancePage *self;

  g_return_val_if_fail (FD_IS_DATABASE (database), NULL);
  g_return_val_if_fail (fd_database_get_maintenance (database) != NULL, NULL);

  self = g_object_new (FD_TYPE_MAINTENANCE_PAGE, NULL);
  self->maintenance = g_object_ref (fd_database_get_maintenance (database));
  g_signal_connect_object (self->maintenance, "notify", G_CALLBACK (update), self,
                           G_CONNECT_SWAPPED);
  update (self);
  return GTK_WIDGET (self);
}
