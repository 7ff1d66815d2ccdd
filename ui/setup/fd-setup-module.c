/* fd-setup-module.c: the Setup module: the practice's lists and its settings, edited by
 * administrators, hidden and never deleted.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each section is a page of its own: the practice's settings (FdSetupPracticePage), the
 * fee schedule editor (FdFeeScheduleEditor) and a list for each other table
 * (FdSetupListPage). The module keeps the side list, and Show Hidden, which every list
 * follows.
 */
#include <glib/gi18n.h>

#include "fd-fee-schedule-editor.h"
#include "fd-setup-edit-dialog.h"
#include "fd-setup-list-page.h"
#include "fd-setup-module.h"
#include "fd-setup-practice-page.h"
#include "fd-setup-sections.h"

struct _FdSetupModule
{
  GtkWidget    parent_instance;

  /* Template widgets */
  GtkListBox  *section_list;
  GtkStack    *section_stack;
  GtkLabel    *permission_label;

  /* Owned */
  FdDatabase  *database;

  gboolean     show_hidden;
};

enum
{
  PROP_0,
  PROP_SHOW_HIDDEN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void fd_setup_module_iface_init (FdModuleInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (FdSetupModule, fd_setup_module, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (FD_TYPE_MODULE, fd_setup_module_iface_init))

/* Sections -------------------------------------------------------------------------------- */

static void
section_selected_cb (FdSetupModule *self,
                     GtkListBoxRow *row)
{
  guint n_sections;
  const FdSetupSection *sections = fd_setup_sections (&n_sections);

  /* The side list's rows are the sections, in order. */
  if (row != NULL)
    gtk_stack_set_visible_child_name (self->section_stack,
                                      sections[gtk_list_box_row_get_index (row)].table);
}

static void
clear_sections (FdSetupModule *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->section_stack))) != NULL)
    gtk_stack_remove (self->section_stack, child);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->section_list))) != NULL)
    gtk_list_box_remove (self->section_list, child);
}

static GtkWidget *
create_page (FdSetupModule        *self,
             const FdSetupSection *section)
{
  if (g_str_equal (section->table, "practice"))
    return fd_setup_practice_page_new (self->database);
  if (g_str_equal (section->table, "fees"))
    return fd_fee_schedule_editor_new (self->database);

  return fd_setup_list_page_new (self->database, section);
}

static void
build_sections (FdSetupModule *self)
{
  guint n_sections;
  const FdSetupSection *sections = fd_setup_sections (&n_sections);

  clear_sections (self);
  if (self->database == NULL || fd_database_get_cache (self->database) == NULL)
    return;

  for (guint i = 0; i < n_sections; i++)
    {
      GtkWidget *label = gtk_label_new (_(sections[i].title));
      GtkWidget *row = gtk_list_box_row_new ();

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
      gtk_list_box_append (self->section_list, row);
      gtk_stack_add_named (self->section_stack, create_page (self, &sections[i]),
                           sections[i].table);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->permission_label),
                          !fd_setup_is_admin (self->database));
  gtk_list_box_select_row (self->section_list,
                           gtk_list_box_get_row_at_index (self->section_list, 0));
}

/* FdModule -------------------------------------------------------------------------------- */

static const char *
fd_setup_module_get_title (FdModule *module)
{
  return _("Setup");
}

static const char *
fd_setup_module_get_icon_name (FdModule *module)
{
  return "preferences-system-symbolic";
}

/* The module's button again: every list is read afresh from the server. */
static void
fd_setup_module_refresh (FdModule *module)
{
  FdSetupModule *self = FD_SETUP_MODULE (module);
  FdCache *cache = self->database != NULL ? fd_database_get_cache (self->database) : NULL;
  guint n_sections;
  const FdSetupSection *sections = fd_setup_sections (&n_sections);

  for (guint i = 0; cache != NULL && i < n_sections; i++)
    fd_cache_reload (cache, sections[i].table);
}

static void
module_set_database (FdModule   *module,
                     FdDatabase *database)
{
  fd_setup_module_set_database (FD_SETUP_MODULE (module), database);
}

static void
show_section (FdSetupModule *self,
              const char    *table)
{
  guint n_sections;
  const FdSetupSection *sections = fd_setup_sections (&n_sections);

  for (guint i = 0; i < n_sections; i++)
    if (g_str_equal (sections[i].table, table))
      gtk_list_box_select_row (self->section_list,
                               gtk_list_box_get_row_at_index (self->section_list, (int) i));
}

/* Signing out: fees typed and not saved keep the person here, with a sentence; the fee
 * schedule editor's own Save and Discard settle them. */
static void
module_leave_async (FdModule            *module,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  FdSetupModule *self = FD_SETUP_MODULE (module);
  g_autoptr(GTask) task = g_task_new (self, NULL, callback, user_data);
  GtkWidget *page = gtk_stack_get_child_by_name (self->section_stack, "fees");

  g_task_set_source_tag (task, module_leave_async);
  if (page != NULL && FD_IS_FEE_SCHEDULE_EDITOR (page) &&
      fd_fee_schedule_editor_get_dirty (FD_FEE_SCHEDULE_EDITOR (page)))
    {
      show_section (self, "fees");
      fd_module_show_toast (module, _("The fees typed in Setup are not saved. Save or discard "
                                      "them, then sign out."));
      g_task_return_boolean (task, FALSE);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static gboolean
module_leave_finish (FdModule     *module,
                     GAsyncResult *result)
{
  return g_task_propagate_boolean (G_TASK (result), NULL);
}

static void
fd_setup_module_iface_init (FdModuleInterface *iface)
{
  iface->get_title = fd_setup_module_get_title;
  iface->get_icon_name = fd_setup_module_get_icon_name;
  iface->refresh = fd_setup_module_refresh;
  iface->set_database = module_set_database;
  iface->leave_async = module_leave_async;
  iface->leave_finish = module_leave_finish;
}

/* GObject --------------------------------------------------------------------------------- */

static void
fd_setup_module_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  FdSetupModule *self = FD_SETUP_MODULE (object);

  switch (prop_id)
    {
    case PROP_SHOW_HIDDEN:
      g_value_set_boolean (value, self->show_hidden);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fd_setup_module_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  FdSetupModule *self = FD_SETUP_MODULE (object);

  switch (prop_id)
    {
    case PROP_SHOW_HIDDEN:
      fd_setup_module_set_show_hidden (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fd_setup_module_dispose (GObject *object)
{
  FdSetupModule *self = FD_SETUP_MODULE (object);
  GtkWidget *child;

  if (self->section_stack != NULL)
    clear_sections (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), FD_TYPE_SETUP_MODULE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (fd_setup_module_parent_class)->dispose (object);
}

static void
fd_setup_module_class_init (FdSetupModuleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = fd_setup_module_get_property;
  object_class->set_property = fd_setup_module_set_property;
  object_class->dispose = fd_setup_module_dispose;

  /**
   * FdSetupModule:show-hidden:
   *
   * Whether the lists show their hidden rows too.
   */
  properties[PROP_SHOW_HIDDEN] =
    g_param_spec_boolean ("show-hidden", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Every list's Show Hidden button: toggling one shows the hidden rows of all. */
  gtk_widget_class_install_property_action (widget_class, "setup.show-hidden", "show-hidden");

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/frontdesk/Frontdesk/fd-setup-module.ui");
  gtk_widget_class_bind_template_child (widget_class, FdSetupModule, section_list);
  gtk_widget_class_bind_template_child (widget_class, FdSetupModule, section_stack);
  gtk_widget_class_bind_template_child (widget_class, FdSetupModule, permission_label);
  gtk_widget_class_bind_template_callback (widget_class, section_selected_cb);
}

static void
fd_setup_module_init (FdSetupModule *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

FdSetupModule *
fd_setup_module_new (FdDatabase *database)
{
  FdSetupModule *self = g_object_new (FD_TYPE_SETUP_MODULE, NULL);

  fd_setup_module_set_database (self, database);
  return self;
}

void
fd_setup_module_set_database (FdSetupModule *self,
                              FdDatabase    *database)
{
  g_return_if_fail (FD_IS_SETUP_MODULE (self));

  if (g_set_object (&self->database, database))
    build_sections (self);
}

/* Shows the section of @table, as a click in the side list would. */
void
fd_setup_module_show_section (FdSetupModule *self,
                              const char    *table)
{
  guint n_sections;
  const FdSetupSection *sections = fd_setup_sections (&n_sections);

  g_return_if_fail (FD_IS_SETUP_MODULE (self));

  for (guint i = 0; i < n_sections; i++)
    {
      if (g_str_equal (sections[i].table, table))
        gtk_list_box_select_row (self->section_list,
                                 gtk_list_box_get_row_at_index (self->section_list, i));
    }
}

/* Opens the edit dialog of a row of a list, as its Edit button would. */
void
fd_setup_module_edit (FdSetupModule *self,
                      const char    *table,
                      const char    *id)
{
  FdCacheRow *row;

  g_return_if_fail (FD_IS_SETUP_MODULE (self));

  row = fd_cache_lookup (fd_database_get_cache (self->database), table, id);
  g_return_if_fail (row != NULL && fd_setup_section_find (table) != NULL);
  fd_setup_edit_dialog_present (GTK_WIDGET (self), self->database,
                                fd_setup_section_find (table), row);
}

/**
 * fd_setup_module_set_hidden:
 *
 * Hides (or shows again) a row of a list, through the save path.
 */
void
fd_setup_module_set_hidden (FdSetupModule *self,
                            const char    *table,
                            const char    *id,
                            gboolean       hidden)
{
  g_return_if_fail (FD_IS_SETUP_MODULE (self));

  fd_setup_set_hidden (GTK_WIDGET (self), self->database, table, id, hidden);
}

void
fd_setup_module_set_show_hidden (FdSetupModule *self,
                                 gboolean       show_hidden)
{
  g_return_if_fail (FD_IS_SETUP_MODULE (self));

  if (self->show_hidden == !!show_hidden)
    return;
  self->show_hidden = !!show_hidden;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_HIDDEN]);
}
