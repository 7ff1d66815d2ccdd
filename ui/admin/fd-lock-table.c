/* fd-lock-table.c: the Admin module's lock table.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Read from the server (frontdesk.lock_table(), frontdesk.admin_sessions(), both refused to
 * anyone but an administrator) whenever it announces a change, and every few seconds while
 * shown, since a holder whose connection dies says nothing. Each read is merged into the
 * lists shown, row by row (fd_list_store_sync()), so the lock a person selected stays
 * selected and focused while others come and go. Unlock and Take are in
 * fd-lock-table-actions.c.
 */
#include <glib/gi18n.h>

#include "fd-lock-row.h"
#include "fd-format.h"
#include "fd-lock-table-private.h"
#include "fd-model-util.h"
#include "fd-session-row.h"

#define REREAD_INTERVAL_S 5

G_DEFINE_FINAL_TYPE (FdLockTable, fd_lock_table, GTK_TYPE_WIDGET)

/* Cells ------------------------------------------------------------------------------------ */

/* A time as a person reads it: the time alone today, else the date too; "—" for none. */
static char *
format_time_cb (gpointer   this_object,
                GDateTime *at)
{
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  if (at == NULL)
    return g_strdup ("—");
  local = g_date_time_to_local (at);
  if (g_date_time_get_year (local) == g_date_time_get_year (now) &&
      g_date_time_get_day_of_year (local) == g_date_time_get_day_of_year (now))
    return fd_format_time_seconds (local);
  return fd_format_date_time (local);
}

static char *
lock_kind_text_cb (gpointer    this_object,
                   const char *lock_kind)
{
  return g_strdup (g_strcmp0 (lock_kind, "save") == 0 ? _("Save") : _("Record"));
}

static char *
holder_text_cb (gpointer    this_object,
                const char *name,
                const char *login)
{
  return g_strdup_printf ("%s (%s)", name != NULL ? name : "", login != NULL ? login : "");
}

static char *
lock_connection_text_cb (gpointer this_object,
                         gboolean alive)
{
  return g_strdup (alive ? _("Connected") : _("Gone"));
}

static char *
session_connection_text_cb (gpointer this_object,
                            gboolean alive)
{
  return g_strdup (alive ? _("Connected") : _("Gone, still holding locks"));
}

static GStrv
alive_classes_cb (gpointer this_object,
                  gboolean alive)
{
  const char *classes[] = { alive ? "success" : "error", NULL };

  return g_strdupv ((char **) classes);
}

static GStrv
expired_classes_cb (gpointer this_object,
                    gboolean expired)
{
  const char *classes[] = { expired ? "error" : NULL, NULL };

  return g_strdupv ((char **) classes);
}

/* Translators: a person, their login, and what they are, as "Dana Reyes (dana,
 * administrator, you)" */
static char *
person_text_cb (gpointer    this_object,
                const char *name,
                const char *login,
                gboolean    admin,
                gboolean    is_mine)
{
  return g_strdup_printf ("%s (%s%s%s)", name != NULL ? name : "", login != NULL ? login : "",
                          admin ? _(", administrator") : "", is_mine ? _(", you") : "");
}

static char *
address_text_cb (gpointer    this_object,
                 const char *address)
{
  return g_strdup (address != NULL ? address : "—");
}

static char *
held_text_cb (gpointer this_object,
              guint    record_locks,
              guint    save_locks)
{
  g_autofree char *records = NULL;
  g_autofree char *saves = NULL;

  /* Translators: how many record locks a session holds */
  records = g_strdup_printf (ngettext ("%u record", "%u records", record_locks), record_locks);
  /* Translators: how many save locks a session holds */
  saves = g_strdup_printf (ngettext ("%u save", "%u saves", save_locks), save_locks);
  /* Translators: record locks, then save locks, as above */
  return g_strdup_printf (_("%s, %s"), records, saves);
}

/* What a screen reader says for a lock's row: the whole lock in one sentence. */
static char *
lock_accessible_text_cb (gpointer    this_object,
                         const char *lock_kind,
                         const char *description,
                         const char *name,
                         const char *workstation)
{
  if (description == NULL)
    return g_strdup ("");
  if (g_strcmp0 (lock_kind, "save") == 0)
    /* Translators: a save lock's row, as "Save lock: Account of the Berg family, held by Anna
     * Berg at Reception 1" */
    return g_strdup_printf (_("Save lock: %s, held by %s at %s"), description, name,
                            workstation);
  /* Translators: a record lock's row, as "Record lock: Client Maria Berg (No. 12), held by
   * Anna Berg at Reception 1" */
  return g_strdup_printf (_("Record lock: %s, held by %s at %s"), description, name,
                          workstation);
}

/* Translators: a session's row, as "Anna Berg (anna) at Reception 1" */
static char *
session_accessible_text_cb (gpointer    this_object,
                            const char *person,
                            const char *workstation)
{
  return g_strdup_printf (_("%s at %s"), person != NULL ? person : "",
                          workstation != NULL ? workstation : "");
}

/* The list item's item's @property. */
static GtkExpression *
item_property (GType       item_type,
               const char *property)
{
  return gtk_property_expression_new (item_type,
                                      gtk_property_expression_new (GTK_TYPE_LIST_ITEM, NULL,
                                                                   "item"),
                                      property);
}

/* @callback over the item's @n properties. */
static GtkExpression *
item_closure (GType       value_type,
              GCallback   callback,
              GType       item_type,
              guint       n,
              const char *first_property,
              ...)
{
  GtkExpression *params[5];
  const char *property = first_property;
  va_list args;

  g_assert (n <= G_N_ELEMENTS (params));
  va_start (args, first_property);
  for (guint i = 0; i < n; i++)
    {
      params[i] = item_property (item_type, property);
      property = va_arg (args, const char *);
    }
  va_end (args);
  return gtk_cclosure_expression_new (value_type, NULL, n, params, callback, NULL, NULL);
}

/* What a column shows: its text, and optionally its style, each following the item. */
typedef struct
{
  const char      *title;
  gboolean         expand;
  GtkExpression *(*text) (void);
  GtkExpression *(*classes) (void);  /* nullable */
  GtkExpression *(*accessible) (void);  /* nullable: the row's name, on its first cell */
} Column;

/* The row's accessible name, on its first cell (GTK 4.8 has no API for the row itself),
 * kept as its item changes. */
typedef struct
{
  GtkListItem   *item;        /* borrowed: the watch ends with it */
  GtkExpression *expression;
} AccessibleName;

static void
accessible_name_free (gpointer data)
{
  AccessibleName *name = data;

  gtk_expression_unref (name->expression);
  g_free (name);
}

static void
accessible_name_changed_cb (gpointer user_data)
{
  AccessibleName *name = user_data;
  GtkWidget *cell = gtk_list_item_get_child (name->item);
  g_auto(GValue) value = G_VALUE_INIT;

  if (cell == NULL || !gtk_expression_evaluate (name->expression, name->item, &value))
    return;
  gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  g_value_get_string (&value), -1);
}

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               const Column             *column)
{
  GtkWidget *label = gtk_label_new (NULL);
  GtkExpression *text = column->text ();

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (column->expand)
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (label), 12);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 36);
    }
  gtk_widget_set_margin_top (label, 4);
  gtk_widget_set_margin_bottom (label, 4);
  gtk_list_item_set_child (item, label);

  /* Bound to the list item, so a row's cells follow its item's every change in place. */
  gtk_expression_bind (gtk_expression_ref (text), label, "label", item);
  gtk_expression_bind (text, label, "tooltip-text", item);
  if (column->classes != NULL)
    gtk_expression_bind (column->classes (), label, "css-classes", item);
  if (column->accessible != NULL)
    {
      AccessibleName *name = g_new0 (AccessibleName, 1);

      name->item = item;
      name->expression = column->accessible ();
      gtk_expression_watch (name->expression, item, accessible_name_changed_cb, name,
                            accessible_name_free);
    }
}

static void
add_columns (GtkColumnView *view,
             const Column  *columns,
             guint          n_columns)
{
  for (guint i = 0; i < n_columns; i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;

      g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), (gpointer) &columns[i]);
      column = gtk_column_view_column_new (_(columns[i].title), factory);
      gtk_column_view_column_set_expand (column, columns[i].expand);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_append_column (view, column);
    }
}

/* The locks' columns ------------------------------------------------------------------------ */

static GtkExpression *
lock_kind_text (void)
{
  return item_closure (G_TYPE_STRING, G_CALLBACK (lock_kind_text_cb), FD_TYPE_LOCK_ROW, 1,
                       "lock-kind");
}

static GtkExpression *
lock_accessible_text (void)
{
  return item_closure (G_TYPE_STRING, G_CALLBACK (lock_accessible_text_cb), FD_TYPE_LOCK_ROW, 4,
                       "lock-kind", "description", "holder-name", "holder-workstation");
}

static GtkExpression *
description_text (void)
{
  return item_property (FD_TYPE_LOCK_ROW, "description");
}

static GtkExpression *
holder_text (void)
{
  return item_closure (G_TYPE_STRING, G_CALLBACK (holder_text_cb), FD_TYPE_LOCK_ROW, 2,
                       "holder-name", "holder-login");
}

static GtkExpression *
holder_workstation_text (void)
{
  return item_property (FD_TYPE_LOCK_ROW, "holder-workstation");
}

static GtkExpression *
since_text (void)
{
  return item_closure (G_TYPE_STRING, G_CALLBACK (format_time_cb), FD_TYPE_LOCK_ROW, 1, "since");
}

static GtkExpression *
expires_text (void)
{
  return item_closure (G_TYPE_STRING, G_CALLBACK (format_time_cb), FD_TYPE_LOCK_ROW, 1,
                       "expires-at");
}

static GtkExpression *
expires_classes (void)
{
  return item_closure (G_TYPE_STRV, G_CALLBACK (expired_classes_cb), FD_TYPE_LOCK_ROW, 1,
                       "expired");
}

static GtkExpression *
lock_connection_text (void)
{
  return item_closure (G_TYPE_STRING, G_CALLBACK (lock_connection_text_cb), FD_TYPE_LOCK_ROW, 1,
                       "alive");
}

static GtkExpression *
lock_connection_classes (void)
{
  return item_closure (G_TYPE_STRV, G_CALLBACK (alive_classes_cb), FD_TYPE_LOCK_ROW, 1, "alive");
}

static const Column lock_columns[] = {
  { N_("Lock"), FALSE, lock_kind_text, NULL, lock_accessible_text },
  { N_("What"), TRUE, description_text, NULL, NULL },
  { N_("Held by"), TRUE, holder_text, NULL, NULL },
  { N_("Workstation"), FALSE, holder_workstation_text, NULL, NULL },
  { N_("Since"), FALSE, since_text, NULL, NULL },
  { N_("Expires"), FALSE, expires_text, expires_classes, NULL },
  { N_("Connection"), FALSE, lock_connection_text, lock_connection_classes, NULL },
};

/* The sessions' columns --------------------------------------------------------------------- */

static GtkExpression *
person_text (void)
{
  return item_closure (G_TYPE_STRING, G_CALLBACK (person_text_cb), FD_TYPE_SESSION_ROW, 4,
                       "display-name", "login", "is-admin", "is-mine");
}

static GtkExpression *
session_accessible_text (void)
{
  GtkExpression *params[] = {
    person_text (), item_property (FD_TYPE_SESSION_ROW, "workstation")
  };

  return gtk_cclosure_expression_new (G_TYPE_STRING, NULL, G_N_ELEMENTS (params), params,
                                      G_CALLBACK (session_accessible_text_cb), NULL, NULL);
}

static GtkExpression *
session_workstation_text (void)
{
  return item_property (FD_TYPE_SESSION_ROW, "workstation");
}

static GtkExpression *
opened_text (void)
{
  return item_closure (G_TYPE_STRING, G_CALLBACK (format_time_cb), FD_TYPE_SESSION_ROW, 1,
                       "opened-at");
}

static GtkExpression *
address_text (void)
{
  return item_closure (G_TYPE_STRING, G_CALLBACK (address_text_cb), FD_TYPE_SESSION_ROW, 1,
                       "client-address");
}

static GtkExpression *
held_text (void)
{
  return item_closure (G_TYPE_STRING, G_CALLBACK (held_text_cb), FD_TYPE_SESSION_ROW, 2,
                       "record-locks", "save-locks");
}

static GtkExpression *
session_connection_text (void)
{
  return item_closure (G_TYPE_STRING, G_CALLBACK (session_connection_text_cb),
                       FD_TYPE_SESSION_ROW, 1, "alive");
}

static GtkExpression *
session_connection_classes (void)
{
  return item_closure (G_TYPE_STRV, G_CALLBACK (alive_classes_cb), FD_TYPE_SESSION_ROW, 1,
                       "alive");
}

static const Column session_columns[] = {
  { N_("Person"), TRUE, person_text, NULL, session_accessible_text },
  { N_("Workstation"), FALSE, session_workstation_text, NULL, NULL },
  { N_("Signed in"), FALSE, opened_text, NULL, NULL },
  { N_("Address"), FALSE, address_text, NULL, NULL },
  { N_("Locks held"), FALSE, held_text, NULL, NULL },
  { N_("Connection"), FALSE, session_connection_text, session_connection_classes, NULL },
};

/* The state line ---------------------------------------------------------------------------- */

void
_fd_lock_table_show_state (FdLockTable *self,
                           const char  *message)
{
  gtk_label_set_text (self->state_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->state_label), message != NULL);
}

/* Reading ----------------------------------------------------------------------------------- */

static void
load (FdLockTable *self);

static void
sessions_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(FdLockTable) self = user_data;
  g_autoptr(GListModel) sessions = NULL;
  g_autoptr(GError) error = NULL;

  sessions = fd_administration_load_sessions_finish (FD_ADMINISTRATION (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->loading = FALSE;
  if (sessions == NULL)
    _fd_lock_table_show_state (self, error->message);
  else
    fd_list_store_sync (self->sessions, sessions, fd_session_row_is_same_session);

  if (self->load_again)
    {
      self->load_again = FALSE;
      load (self);
    }
}

static void
locks_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(FdLockTable) self = user_data;
  g_autoptr(GListModel) locks = NULL;
  g_autoptr(GError) error = NULL;

  locks = fd_administration_load_locks_finish (FD_ADMINISTRATION (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (locks == NULL)
    {
      _fd_lock_table_show_state (self, error->message);
    }
  else
    {
      if (!self->keep_state)
        _fd_lock_table_show_state (self, NULL);
      self->keep_state = FALSE;
      fd_list_store_sync (self->locks, locks, fd_lock_row_is_same_lock);
      gtk_widget_set_visible (GTK_WIDGET (self->locks_empty),
                              g_list_model_get_n_items (G_LIST_MODEL (self->locks)) == 0);
      _fd_lock_table_update_actions (self);
    }
  fd_administration_load_sessions_async (self->administration, self->cancellable, sessions_cb,
                                         g_object_ref (self));
}

static void
load (FdLockTable *self)
{
  if (self->loading)
    {
      self->load_again = TRUE;
      return;
    }
  self->loading = TRUE;
  fd_administration_load_locks_async (self->administration, self->cancellable, locks_cb,
                                      g_object_ref (self));
}

/* Read again only while shown; showing it reads it anyway. */
static void
locks_changed_cb (FdLockTable *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    load (self);
}

static gboolean
reread_cb (gpointer user_data)
{
  load (user_data);
  return G_SOURCE_CONTINUE;
}

/* GObject ---------------------------------------------------------------------------------- */

static void
fd_lock_table_map (GtkWidget *widget)
{
  FdLockTable *self = FD_LOCK_TABLE (widget);

  GTK_WIDGET_CLASS (fd_lock_table_parent_class)->map (widget);
  load (self);
  if (self->reread_source == 0)
    self->reread_source = g_timeout_add_seconds (REREAD_INTERVAL_S, reread_cb, self);
}

static void
fd_lock_table_unmap (GtkWidget *widget)
{
  FdLockTable *self = FD_LOCK_TABLE (widget);

  g_clear_handle_id (&self->reread_source, g_source_remove);
  GTK_WIDGET_CLASS (fd_lock_table_parent_class)->unmap (widget);
}

static void
fd_lock_table_dispose (GObject *object)
{
  FdLockTable *self = FD_LOCK_TABLE (object);
  GtkWidget *child;

  g_clear_handle_id (&self->reread_source, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), FD_TYPE_LOCK_TABLE);
  /* The template's box is not a bound child: it is unparented by hand. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->lock_selection);
  g_clear_object (&self->locks);
  g_clear_object (&self->sessions);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->administration);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (fd_lock_table_parent_class)->dispose (object);
}

static void
fd_lock_table_class_init (FdLockTableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fd_lock_table_dispose;
  widget_class->map = fd_lock_table_map;
  widget_class->unmap = fd_lock_table_unmap;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/frontdesk/Frontdesk/fd-lock-table.ui");
  gtk_widget_class_bind_template_child (widget_class, FdLockTable, state_label);
  gtk_widget_class_bind_template_child (widget_class, FdLockTable, lock_view);
  gtk_widget_class_bind_template_child (widget_class, FdLockTable, locks_empty);
  gtk_widget_class_bind_template_child (widget_class, FdLockTable, session_view);
  _fd_lock_table_class_actions_init (widget_class);
}

static void
fd_lock_table_init (FdLockTable *self)
{
  g_autoptr(GtkNoSelection) sessions = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->locks = g_list_store_new (FD_TYPE_LOCK_ROW);
  self->sessions = g_list_store_new (FD_TYPE_SESSION_ROW);

  self->lock_selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->locks)));
  gtk_single_selection_set_autoselect (self->lock_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->lock_selection, TRUE);
  gtk_single_selection_set_selected (self->lock_selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect_object (self->lock_selection, "notify::selected-item",
                           G_CALLBACK (_fd_lock_table_update_actions), self, G_CONNECT_SWAPPED);
  gtk_column_view_set_model (self->lock_view, GTK_SELECTION_MODEL (self->lock_selection));
  add_columns (self->lock_view, lock_columns, G_N_ELEMENTS (lock_columns));

  sessions = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->sessions)));
  gtk_column_view_set_model (self->session_view, GTK_SELECTION_MODEL (sessions));
  add_columns (self->session_view, session_columns, G_N_ELEMENTS (session_columns));
  _fd_lock_table_update_actions (self);
}

/**
 * fd_lock_table_new:
 *
 * The lock table of @database's practice, following every change while shown.
 */
GtkWidget *
fd_lock_table_new (FdDatabase *database)
{
  FdLockTable *self;

  g_return_val_if_fail (FD_IS_DATABASE (database), NULL);

  self = g_object_new (FD_TYPE_LOCK_TABLE, NULL);
  self->database = g_object_ref (database);
  self->administration = fd_administration_new (fd_database_get_connection (database));
  fd_administration_watch_locks (self->administration);
  g_signal_connect_object (self->administration, "locks-changed",
                           G_CALLBACK (locks_changed_cb), self, G_CONNECT_SWAPPED);
  _fd_lock_table_update_actions (self);
  return GTK_WIDGET (self);
}

/* How many locks the table shows. */
guint
fd_lock_table_get_n_locks (FdLockTable *self)
{
  g_return_val_if_fail (FD_IS_LOCK_TABLE (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->locks));
}

/**
 * fd_lock_table_get_locks:
 *
 * Returns: (transfer none): the #FdLockRow items shown, and which one is selected
 */
GtkSelectionModel *
fd_lock_table_get_locks (FdLockTable *self)
{
  g_return_val_if_fail (FD_IS_LOCK_TABLE (self), NULL);

  return GTK_SELECTION_MODEL (self->lock_selection);
}

void
fd_lock_table_reload (FdLockTable *self)
{
  g_return_if_fail (FD_IS_LOCK_TABLE (self));

  load (self);
}
