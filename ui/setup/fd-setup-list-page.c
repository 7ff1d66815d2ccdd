/* fd-setup-list-page.c: a Setup section that lists a table's rows and adds new ones.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The list shows a cached table (FdCache), so a change made at any workstation appears here
 * by itself when its signal arrives. Rows are hidden, never deleted; Show Hidden shows them.
 */
#include <glib/gi18n.h>

#include "fd-setup-edit-dialog.h"
#include "fd-setup-list-page.h"
#include "fd-setup-row.h"

struct _FdSetupListPage
{
  AdwPreferencesPage    parent_instance;

  /* Template widgets */
  AdwPreferencesGroup  *group;
  GtkToggleButton      *show_hidden_button;
  GtkButton            *add_button;
  GtkListBox           *list;

  /* Owned */
  FdDatabase           *database;
  GtkCustomFilter      *filter;

  /* Borrowed */
  const FdSetupSection *section;
};

G_DEFINE_FINAL_TYPE (FdSetupListPage, fd_setup_list_page, ADW_TYPE_PREFERENCES_PAGE)

static void
edit_cb (FdSetupListPage *self,
         FdSetupRow      *row)
{
  fd_setup_edit_dialog_present (GTK_WIDGET (self), self->database, self->section,
                                fd_setup_row_get_item (row));
}

static void
toggle_hidden_cb (FdSetupListPage *self,
                  FdSetupRow      *row)
{
  FdCacheRow *item = fd_setup_row_get_item (row);

  fd_setup_set_hidden (GTK_WIDGET (self), self->database, self->section->table,
                       fd_cache_row_get_id (item), !fd_cache_row_get_boolean (item, "hidden"));
}

static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  FdSetupListPage *self = user_data;
  GtkWidget *row = fd_setup_row_new (self->section, item, fd_setup_is_admin (self->database));

  g_signal_connect_object (row, "edit", G_CALLBACK (edit_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (row, "toggle-hidden", G_CALLBACK (toggle_hidden_cb), self,
                           G_CONNECT_SWAPPED);
  return row;
}

static gboolean
row_visible_cb (gpointer item,
                gpointer user_data)
{
  FdSetupListPage *self = user_data;

  return gtk_toggle_button_get_active (self->show_hidden_button) ||
         !fd_cache_row_get_boolean (item, "hidden");
}

/* Show Hidden follows the module's setup.show-hidden, so every list shows the same. */
static void
show_hidden_changed_cb (FdSetupListPage *self)
{
  if (self->filter != NULL)
    gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
add_clicked_cb (FdSetupListPage *self)
{
  fd_setup_edit_dialog_present (GTK_WIDGET (self), self->database, self->section, NULL);
}

static void
fd_setup_list_page_dispose (GObject *object)
{
  FdSetupListPage *self = FD_SETUP_LIST_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), FD_TYPE_SETUP_LIST_PAGE);
  g_clear_object (&self->filter);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (fd_setup_list_page_parent_class)->dispose (object);
}

static void
fd_setup_list_page_class_init (FdSetupListPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fd_setup_list_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/frontdesk/Frontdesk/fd-setup-list-page.ui");
  gtk_widget_class_bind_template_child (widget_class, FdSetupListPage, group);
  gtk_widget_class_bind_template_child (widget_class, FdSetupListPage, show_hidden_button);
  gtk_widget_class_bind_template_child (widget_class, FdSetupListPage, add_button);
  gtk_widget_class_bind_template_child (widget_class, FdSetupListPage, list);
  gtk_widget_class_bind_template_callback (widget_class, add_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, show_hidden_changed_cb);
}

static void
fd_setup_list_page_init (FdSetupListPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->filter = gtk_custom_filter_new (row_visible_cb, self, NULL);
}

/* The rows of @section's table, as the cache of @database holds them. */
GtkWidget *
fd_setup_list_page_new (FdDatabase           *database,
                        const FdSetupSection *section)
{
  FdSetupListPage *self;
  GListModel *table;
  g_autoptr(GtkFilterListModel) visible = NULL;

  g_return_val_if_fail (FD_IS_DATABASE (database), NULL);
  g_return_val_if_fail (section != NULL && section->add_label != NULL, NULL);

  self = g_object_new (FD_TYPE_SETUP_LIST_PAGE, NULL);
  self->database = g_object_ref (database);
  self->section = section;

  table = fd_cache_get_table (fd_database_get_cache (database), section->table);
  visible = gtk_filter_list_model_new (g_object_ref (table),
                                       GTK_FILTER (g_object_ref (self->filter)));
  gtk_list_box_bind_model (self->list, G_LIST_MODEL (visible), create_row_cb, self, NULL);

  adw_preferences_group_set_title (self->group, _(section->title));
  gtk_button_set_label (self->add_button, _(section->add_label));
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button), fd_setup_is_admin (database));
  return GTK_WIDGET (self);
}
