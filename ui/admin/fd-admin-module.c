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

  /* Template widgets */
  AdwViewStack *stack;

  /* Owned */
  FdDatabase   *database;
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
module_set_database (FdModule   *module,
                     FdDatabase *database)
{
  fd_admin_module_set_database (FD_ADMIN_MODULE (module), database);
}

static void
fd_admin_module_iface_init (FdModuleInterface *iface)
{
  iface->get_title = fd_admin_module_get_title;
  iface->get_icon_name = fd_admin_module_get_icon_name;
  iface->refresh = fd_admin_module_refresh;
  iface->set_database = module_set_database;
}

/* GObject ---------------------------------------------------------------------------------- */

static void
fd_admin_module_dispose (GObject *object)
{
  FdAdminModule *self = FD_ADMIN_MODULE (object);
  GtkWidget *child;

  g_clear_object (&self->database);
  gtk_widget_dispose_template (GTK_WIDGET (self), FD_TYPE_ADMIN_MODULE);
  /* The template's box is not a bound child: it is unparented by hand. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (fd_admin_module_parent_class)->dispose (object);
}

static void
fd_admin_module_class_init (FdAdminModuleClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = fd_admin_module_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/frontdesk/Frontdesk/fd-admin-module.ui");
  gtk_widget_class_bind_template_child (widget_class, FdAdminModule, stack);
}

static void
fd_admin_module_init (FdAdminModule *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
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
