/* fd-setup-row.c: a row of a Setup list, with its Edit and Hide buttons.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "fd-setup-row.h"

struct _FdSetupRow
{
  AdwActionRow          parent_instance;

  /* Template widgets */
  GtkButton            *edit_button;
  GtkButton            *hide_button;

  /* Owned */
  FdCacheRow           *item;
};

enum
{
  EDIT,
  TOGGLE_HIDDEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (FdSetupRow, fd_setup_row, ADW_TYPE_ACTION_ROW)

static char *
describe_item (const FdSetupSection *section,
               FdCacheRow           *item)
{
  GString *title = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (section->title_columns) && section->title_columns[i]; i++)
    {
      const char *value = fd_cache_row_get (item, section->title_columns[i]);

      if (value == NULL || value[0] == '\0')
        continue;
      if (title->len > 0)
        g_string_append (title, i == 1 && g_str_equal (section->table, "providers") ? " · " : " ");
      g_string_append (title, value);
    }
  if (fd_cache_row_get_boolean (item, "hidden"))
    g_string_append (title, _(" (hidden)"));
  return g_string_free (title, FALSE);
}

static void
edit_clicked_cb (FdSetupRow *self)
{
  g_signal_emit (self, signals[EDIT], 0);
}

static void
hide_clicked_cb (FdSetupRow *self)
{
  g_signal_emit (self, signals[TOGGLE_HIDDEN], 0);
}

static void
fd_setup_row_dispose (GObject *object)
{
  FdSetupRow *self = FD_SETUP_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), FD_TYPE_SETUP_ROW);
  g_clear_object (&self->item);

  G_OBJECT_CLASS (fd_setup_row_parent_class)->dispose (object);
}

static void
fd_setup_row_class_init (FdSetupRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fd_setup_row_dispose;

  /**
   * FdSetupRow::edit:
   *
   * The Edit button was clicked.
   */
  signals[EDIT] = g_signal_new ("edit", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * FdSetupRow::toggle-hidden:
   *
   * The Hide (or Unhide) button was clicked.
   */
  signals[TOGGLE_HIDDEN] = g_signal_new ("toggle-hidden", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/frontdesk/Frontdesk/fd-setup-row.ui");
  gtk_widget_class_bind_template_child (widget_class, FdSetupRow, edit_button);
  gtk_widget_class_bind_template_child (widget_class, FdSetupRow, hide_button);
  gtk_widget_class_bind_template_callback (widget_class, edit_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, hide_clicked_cb);
}

static void
fd_setup_row_init (FdSetupRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * fd_setup_row_new:
 * @may_change: whether Edit and Hide can be clicked
 *
 * A row showing @item of @section's table.
 */
GtkWidget *
fd_setup_row_new (const FdSetupSection *section,
                  FdCacheRow           *item,
                  gboolean              may_change)
{
  FdSetupRow *self;
  g_autofree char *title = NULL;
  const char *subtitle;

  g_return_val_if_fail (section != NULL, NULL);
  g_return_val_if_fail (FD_IS_CACHE_ROW (item), NULL);

  self = g_object_new (FD_TYPE_SETUP_ROW, NULL);
  self->item = g_object_ref (item);

  title = describe_item (section, item);
  subtitle = section->subtitle_column != NULL ? fd_cache_row_get (item, section->subtitle_column)
                                              : NULL;
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), title);
  /* A definition's list by its name, "Billing type", never its key. */
  if (subtitle != NULL && g_strcmp0 (section->subtitle_column, "category") == 0)
    subtitle = fd_setup_category_name (subtitle);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);
  gtk_button_set_label (self->hide_button, fd_cache_row_get_boolean (item, "hidden")
                                           ? _("_Unhide") : _("_Hide"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->edit_button), may_change);
  gtk_widget_set_sensitive (GTK_WIDGET (self->hide_button), may_change);
  return GTK_WIDGET (self);
}

FdCacheRow *
fd_setup_row_get_item (FdSetupRow *self)
{
  g_return_val_if_fail (FD_IS_SETUP_ROW (self), NULL);

  return self->item;
}
