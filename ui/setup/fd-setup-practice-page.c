/* fd-setup-practice-page.c: Setup's Practice section: the settings of every workstation.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The fields follow the cached practice row, so another workstation's change shows here:
 * in place where nothing is typed, marked with Use Theirs / Keep Mine where something is.
 * Save sends only what is typed here.
 */
#include "fd-setup-entry-row.h"
#include "fd-setup-practice-page.h"
#include "fd-setup-sections.h"

struct _FdSetupPracticePage
{
  AdwPreferencesPage   parent_instance;

  /* Template widgets */
  AdwPreferencesGroup *group;
  GtkButton           *save_button;

  /* Owned */
  FdDatabase          *database;
  GPtrArray           *rows;        /* FdSetupEntryRow, one for each setting */
};

G_DEFINE_FINAL_TYPE (FdSetupPracticePage, fd_setup_practice_page, ADW_TYPE_PREFERENCES_PAGE)

static void
save_clicked_cb (FdSetupPracticePage *self)
{
  g_autoptr(GHashTable) values = fd_setup_values_new ();

  for (guint i = 0; i < self->rows->len; i++)
    fd_setup_field_row_collect_edited (g_ptr_array_index (self->rows, i), values);
  fd_setup_save_values (GTK_WIDGET (self), self->database, "practice", "true", values);
}

static void
practice_changed_cb (FdSetupPracticePage *self,
                     guint                position,
                     guint                removed,
                     guint                added,
                     GListModel          *model)
{
  g_autoptr(FdCacheRow) practice = g_list_model_get_item (model, 0);

  for (guint i = 0; practice != NULL && i < self->rows->len; i++)
    fd_setup_field_row_follow (g_ptr_array_index (self->rows, i), self->database, "practice",
                               NULL, practice);
}

static void
fill (FdSetupPracticePage *self,
      GListModel          *model)
{
  g_autoptr(FdCacheRow) practice = g_list_model_get_item (model, 0);

  for (guint i = 0; practice != NULL && i < self->rows->len; i++)
    {
      FdSetupEntryRow *row = g_ptr_array_index (self->rows, i);

      fd_setup_entry_row_set_value (row, fd_cache_row_get (practice,
                                                           fd_setup_entry_row_get_column (row)));
    }
}

static void
fd_setup_practice_page_dispose (GObject *object)
{
  FdSetupPracticePage *self = FD_SETUP_PRACTICE_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), FD_TYPE_SETUP_PRACTICE_PAGE);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (fd_setup_practice_page_parent_class)->dispose (object);
}

static void
fd_setup_practice_page_class_init (FdSetupPracticePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fd_setup_practice_page_dispose;

  gtk_widget_class_set_template_from_resource (
    widget_class, "/org/frontdesk/Frontdesk/fd-setup-practice-page.ui");
  gtk_widget_class_bind_template_child (widget_class, FdSetupPracticePage, group);
  gtk_widget_class_bind_template_child (widget_class, FdSetupPracticePage, save_button);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
}

static void
fd_setup_practice_page_init (FdSetupPracticePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
}

GtkWidget *
fd_setup_practice_page_new (FdDatabase *database)
{
  const FdSetupSection *section = fd_setup_section_find ("practice");
  gboolean admin = fd_setup_is_admin (database);
  FdSetupPracticePage *self;
  GListModel *model;

  g_return_val_if_fail (FD_IS_DATABASE (database), NULL);

  self = g_object_new (FD_TYPE_SETUP_PRACTICE_PAGE, NULL);
  self->database = g_object_ref (database);
  for (guint i = 0; i < section->n_fields; i++)
    {
      GtkWidget *row = fd_setup_field_row_new (&section->fields[i], NULL);

      gtk_editable_set_editable (GTK_EDITABLE (row), admin);
      adw_preferences_group_add (self->group, row);
      g_ptr_array_add (self->rows, row);
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), admin);

  model = fd_cache_get_table (fd_database_get_cache (database), "practice");
  fill (self, model);
  /* Another workstation's change shows here; the handler goes with the page. */
  g_signal_connect_object (model, "items-changed", G_CALLBACK (practice_changed_cb), self,
                           G_CONNECT_SWAPPED);
  return GTK_WIDGET (self);
}
