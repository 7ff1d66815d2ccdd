/* fd-admin-module.c: the Admin module.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shown only to administrators; the server refuses what is in it to everyone else, whatever
 * a program shows. Each page is its own widget, built anew for a new database.
 */
#include <glib/gi18n.h>

#include "fd-admin-module.h"
#include "fd-audit-page.h"
#include "fd-integrity-page.h"
#include "fd-lock-table.h"
#include "fd-maintenance-page.h"

typedef struct
{
  const char *name;
  const char *title;
  const char *icon_name;
  GtkWidget *(*create) (FdDatabase *database);
} AdminPage;

static const AdminPage pages[] = {
  { "locks", N_("Locks"), "changes-prevent-symbolic", fd_lock_table_new },
  { "maintenance", N_("Maintenance"), "dialog-warning-symbolic", fd_maintenance_page_new },
  { "audit", N_("Audit Log"), "document-open-recent-symbolic", fd_audit_page_new },
  { "integrity", N_("Integrity"), "emblem-ok-symbolic", fd_integrity_page_new },
};

struct _FdAdminModule
{
  GtkWidget     parent_instance;

  /* Owned */
  FdDatabase   *database;

  /* Borrowed */
  AdwViewStack *stack;
};

static void fd_admin_module_iface_init (FdModuleInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (FdAdminModule, fd_admin_module, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (FD_TYPE_MODULE, fd_admin_module_iface_init))

static void
clear_pages (FdAdminModule *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->stack))) != NULL)
    adw_view_stack_remove (self->stack, child);
}

static void
build_pages (FdAdminModule *self)
{
  clear_pages (self);
  if (self->database == NULL || fd_database_get_session (self->database) == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      AdwViewStackPage *page = adw_view_stack_add_titled (self->stack,
                                                          pages[i].create (self->database),
                                                          pages[i].name, _(pages[i].title));

      adw_view_stack_page_set_icon_name (page, pages[i].icon_name);
    }
}

/* FdModule --------------------------------------------------------------------------------- */

static const char *
fd_admin_module_get_title (FdModule *module)
{
  return _("Admin");
}

static const char *
fd_admin_module_get_icon_name (FdModule *module)
{
  return "emblem-system-symbolic";
}

/* The module's button again: the lock table is read afresh. */
static void
fd_admin_module_refresh (FdModule *module)
{
  FdAdminModule *self = FD_ADMIN_MODULE (module);
  GtkWidget *locks = adw_view_stack_get_child_by_name (self->stack, "locks");

  if (locks != NULL)
    fd_lock_table_reload (FD_LOCK_TABLE (locks));
}

static void
fd_admin_module_iface_init (FdModuleInterface *iface)
{
  iface->get_title = fd_admin_module_get_title;
  iface->get_icon_name = fd_admin_module_get_icon_name;
  iface->refresh = fd_admin_module_refresh;
}

/* GObject ---------------------------------------------------------------------------------- */

static void
fd_admin_module_dispose (GObject *object)
{
  FdAdminModule *self = FD_ADMIN_MODULE (object);
  GtkWidget *child;

  g_clear_object (&self->database);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (fd_admin_module_parent_class)->dispose (object);
}

static void
fd_admin_module_class_init (FdAdminModuleClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = fd_admin_module_dispose;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
}

static void
fd_admin_module_init (FdAdminModule *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *switcher = adw_view_switcher_new ();

  self->stack = ADW_VIEW_STACK (adw_view_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  adw_view_switcher_set_stack (ADW_VIEW_SWITCHER (switcher), self->stack);
  adw_view_switcher_set_policy (ADW_VIEW_SWITCHER (switcher), ADW_VIEW_SWITCHER_POLICY_WIDE);
  gtk_widget_set_halign (switcher, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (switcher, 6);
  gtk_widget_set_margin_bottom (switcher, 6);

  gtk_box_append (GTK_BOX (box), switcher);
  gtk_box_append (GTK_BOX (box), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->stack));
  gtk_widget_set_parent (box, GTK_WIDGET (self));
  gtk_widget_add_css_class (GTK_WIDGET (self), "admin-module");
}

FdAdminModule *
fd_admin_module_new (FdDatabase *database)
{
  FdAdminModule *self = g_object_new (FD_TYPE_ADMIN_MODULE, NULL);

  fd_admin_module_set_database (self, database);
  return self;
}

void
fd_admin_module_set_database (FdAdminModule *self,
                              FdDatabase    *database)
{
  g_return_if_fail (FD_IS_ADMIN_MODULE (self));

  if (g_set_object (&self->database, database))
    build_pages (self);
}

/**
 * fd_admin_module_show_page:
 * @name: "locks", "maintenance", "audit" or "integrity"
 *
 * Returns: (transfer none) (nullable): the page shown
 */
GtkWidget *
fd_admin_module_show_page (FdAdminModule *self,
                           const char    *name)
{
  g_return_val_if_fail (FD_IS_ADMIN_MODULE (self), NULL);

  adw_view_stack_set_visible_child_name (self->stack, name);
  return adw_view_stack_get_child_by_name (self->stack, name);
}
