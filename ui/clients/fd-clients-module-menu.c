/* fd-clients-module-menu.c: a search result's context menu: Open, and Archive… or
 * Unarchive, by right click, Shift+F10 or the Menu key.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Archiving from the list is Client Details' own: the client opens there (the record open
 * before is answered for first: Save, Discard or Cancel), and once its lock is held the
 * same confirmation and save run as for the Archive… button (fd-client-editor-archive.c).
 * The list then follows the save's signal like any other change.
 */
#include <glib/gi18n.h>

#include "fd-client-row.h"
#include "fd-clients-module-private.h"

static GMenuModel *
build_menu (FdClientSummary *summary)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenuItem) open = g_menu_item_new (_("_Open"), NULL);
  g_autoptr(GMenuItem) archive = NULL;
  GVariant *id = g_variant_new_string (fd_client_summary_get_id (summary));

  g_menu_item_set_action_and_target_value (open, "clients.open-client", id);
  g_menu_append_item (menu, open);
  archive = g_menu_item_new (fd_client_summary_is_archived (summary) ? _("_Unarchive")
                                                                     : _("_Archive…"),
                             NULL);
  g_menu_item_set_action_and_target_value (archive, "clients.archive-client", id);
  g_menu_append_item (menu, archive);
  return G_MENU_MODEL (menu);
}

/* Opens the menu of @row's client, pointing at @x, @y of @row (its middle when -1). */
static void
popup_for_row (FdClientsModule *self,
               GtkWidget       *row,
               double           x,
               double           y)
{
  FdClientSummary *summary = fd_client_row_get_summary (FD_CLIENT_ROW (row));
  g_autoptr(GMenuModel) model = NULL;
  graphene_point_t point;

  if (summary == NULL)
    return;
  if (x < 0)
    {
      x = gtk_widget_get_width (row) / 2.0;
      y = gtk_widget_get_height (row);
    }
  if (!gtk_widget_compute_point (row, GTK_WIDGET (self), &GRAPHENE_POINT_INIT (x, y), &point))
    return;

  model = build_menu (summary);
  gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->menu), model);
  gtk_popover_set_pointing_to (self->menu,
                               &(GdkRectangle) { (int) point.x, (int) point.y, 1, 1 });
  gtk_popover_popup (self->menu);
}

static void
row_pressed_cb (GtkGestureClick *gesture,
                int              n_press,
                double           x,
                double           y,
                FdClientsModule *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  popup_for_row (self, row, x, y);
}

/* Right click on a result. */
void
fd_clients_module_setup_menu_row (FdClientsModule *self,
                                  GtkWidget       *row)
{
  GtkGesture *click = gtk_gesture_click_new ();

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect_object (click, "pressed", G_CALLBACK (row_pressed_cb), self, 0);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (click));
}

/* Shift+F10 or the Menu key on the focused result, as a right click on it. */
static gboolean
list_key_pressed_cb (FdClientsModule       *self,
                     guint                  keyval,
                     guint                  keycode,
                     GdkModifierType        state,
                     GtkEventControllerKey *controller)
{
  GdkModifierType modifiers = state & gtk_accelerator_get_default_mod_mask ();
  GtkWidget *item;
  GtkWidget *row;

  if (!((keyval == GDK_KEY_F10 && modifiers == GDK_SHIFT_MASK) ||
        (keyval == GDK_KEY_Menu && modifiers == 0)))
    return FALSE;
  item = gtk_widget_get_focus_child (GTK_WIDGET (self->list_view));
  row = item != NULL ? gtk_widget_get_first_child (item) : NULL;
  if (row == NULL || !FD_IS_CLIENT_ROW (row))
    return FALSE;
  popup_for_row (self, row, -1, -1);
  return TRUE;
}

static void
archive_client_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  fd_clients_module_open_client (FD_CLIENTS_MODULE (widget),
                                 g_variant_get_string (parameter, NULL), TRUE);
}

void
fd_clients_module_class_add_menu_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "clients.archive-client", "s",
                                   archive_client_activated);
}

/* The menu is the module's child, outside the scrolled list: opening it moves neither the
 * list's scroll position nor its selection. */
void
fd_clients_module_init_menu (FdClientsModule *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  self->menu = GTK_POPOVER (gtk_popover_menu_new_from_model (NULL));
  gtk_popover_set_has_arrow (self->menu, FALSE);
  gtk_widget_set_halign (GTK_WIDGET (self->menu), GTK_ALIGN_START);
  gtk_widget_add_css_class (GTK_WIDGET (self->menu), "client-menu");
  gtk_widget_set_parent (GTK_WIDGET (self->menu), GTK_WIDGET (self));

  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (list_key_pressed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), keys);
}

void
fd_clients_module_dispose_menu (FdClientsModule *self)
{
  if (self->menu != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->menu));
  self->menu = NULL;
}
