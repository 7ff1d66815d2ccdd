/* fd-setup-switch-row.c: a yes-or-no field of a Setup form, with the column it edits.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "fd-setup-switch-row.h"

struct _FdSetupSwitchRow
{
  AdwActionRow  parent_instance;

  /* Template widgets */
  GtkSwitch    *toggle;

  /* Owned */
  char         *column;
};

G_DEFINE_FINAL_TYPE (FdSetupSwitchRow, fd_setup_switch_row, ADW_TYPE_ACTION_ROW)

static void
fd_setup_switch_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), FD_TYPE_SETUP_SWITCH_ROW);

  G_OBJECT_CLASS (fd_setup_switch_row_parent_class)->dispose (object);
}

static void
fd_setup_switch_row_finalize (GObject *object)
{
  FdSetupSwitchRow *self = FD_SETUP_SWITCH_ROW (object);

  g_free (self->column);

  G_OBJECT_CLASS (fd_setup_switch_row_parent_class)->finalize (object);
}

static void
fd_setup_switch_row_class_init (FdSetupSwitchRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fd_setup_switch_row_dispose;
  object_class->finalize = fd_setup_switch_row_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/frontdesk/Frontdesk/fd-setup-switch-row.ui");
  gtk_widget_class_bind_template_child (widget_class, FdSetupSwitchRow, toggle);
}

static void
fd_setup_switch_row_init (FdSetupSwitchRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
fd_setup_switch_row_new (const char *column,
                         const char *title,
                         gboolean    active)
{
  FdSetupSwitchRow *self;

  g_return_val_if_fail (column != NULL, NULL);

  self = g_object_new (FD_TYPE_SETUP_SWITCH_ROW, "title", title, NULL);
  self->column = g_strdup (column);
  gtk_switch_set_active (self->toggle, active);
  return GTK_WIDGET (self);
}

const char *
fd_setup_switch_row_get_column (FdSetupSwitchRow *self)
{
  g_return_val_if_fail (FD_IS_SETUP_SWITCH_ROW (self), NULL);

  return self->column;
}

gboolean
fd_setup_switch_row_get_active (FdSetupSwitchRow *self)
{
  g_return_val_if_fail (FD_IS_SETUP_SWITCH_ROW (self), FALSE);

  return gtk_switch_get_active (self->toggle);
}
