/* fd-audit-page.c: the audit log viewer.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every filter is the server's to read: a period it cannot read, or a record not written
 * KIND:ID, comes back as its error on the state line. Pages are keyset pages: Older asks for
 * the entries before the last one shown, and the page asks for one entry more than it shows
 * to know whether there is an older page at all.
 */
#include <glib/gi18n.h>

#include "fd-administration.h"
#include "fd-calendar-popover.h"
#include "fd-format.h"
#include "fd-audit-page.h"
#include "fd-session.h"
#include "fd-ui-util.h"

#define PAGE_SIZE 100

/* When, to the second, in this workstation's time: 2026-11-21 14:07:32 */
static char *
dup_when (FdAuditEntry *entry)
{
  g_autoptr(GDateTime) local = NULL;

  if (fd_audit_entry_get_at (entry) == NULL)
    return g_strdup ("");
  local = g_date_time_to_local (fd_audit_entry_get_at (entry));
  return fd_format_date_time_seconds (local);
}

/* The record, named: an appointment by its client and start, in this desk's words and
 * clock ("Fatima Perez, Thu 3 Dec 13:00 (appointments:12)"). */
static char *
dup_record_label (FdAuditEntry *entry)
{
  GDateTime *moment = fd_audit_entry_get_record_moment (entry);
  const char *name = fd_audit_entry_get_record_name (entry);
  g_autofree char *day = NULL;
  g_autofree char *time = NULL;
  g_autofree char *named = NULL;

  if (moment == NULL || name == NULL)
    return fd_audit_entry_dup_record_label (entry, NULL);
  day = fd_format_date_short (moment);
  time = fd_format_time (moment);
  /* Translators: an appointment: its client, its day and its time, as
   * "Fatima Perez, Thu 3 Dec 13:00" */
  named = g_strdup_printf (_("%1$s, %2$s %3$s"), name, day, time);
  return fd_audit_entry_dup_record_label (entry, named);
}

/* What a column shows of an entry: the same text its cell shows. */
char *
fd_audit_page_dup_text (FdAuditEntry  *entry,
                        FdAuditColumn  column)
{
  g_return_val_if_fail (FD_IS_AUDIT_ENTRY (entry), NULL);
  g_return_val_if_fail (column < FD_AUDIT_N_COLUMNS, NULL);

  switch (column)
    {
    case FD_AUDIT_COLUMN_WHEN:
      return dup_when (entry);
    case FD_AUDIT_COLUMN_WHO:
      return fd_audit_entry_dup_who (entry);
    case FD_AUDIT_COLUMN_WORKSTATION:
      return g_strdup (fd_audit_entry_get_workstation (entry) != NULL
                       ? fd_audit_entry_get_workstation (entry) : "");
    case FD_AUDIT_COLUMN_ACTION:
      return g_strdup (fd_audit_entry_get_action (entry));
    case FD_AUDIT_COLUMN_RECORD:
      return dup_record_label (entry);
    case FD_AUDIT_COLUMN_CHANGES:
    case FD_AUDIT_N_COLUMNS:
    default:
      return fd_audit_entry_dup_changes (entry);
    }
}

/* The page ------------------------------------------------------------------------------- */

/* What the entries shown were searched for: the filters as they were, not as typed since. */
typedef struct
{
  char *login;
  char *record;
  char *action;
  char *since;
  char *until;
} Filters;

struct _FdAuditPage
{
  GtkWidget           parent_instance;

  /* Template widgets */
  GtkWidget          *filters_bar;
  GtkEditable        *login_entry;
  GtkEditable        *record_entry;
  GtkDropDown        *action_dropdown;
  GtkStringList      *actions;
  GtkEditable        *since_entry;
  GtkEditable        *until_entry;
  GtkMenuButton      *since_calendar_button;
  GtkMenuButton      *until_calendar_button;
  GtkSpinner         *spinner;
  GtkLabel           *state_label;
  GtkStack           *stack;
  GtkNoSelection     *entry_selection;
  GtkListItemFactory *factories[FD_AUDIT_N_COLUMNS];  /* a column's cells, in column order */
  GtkLabel           *page_label;
  GtkWidget          *newer_button;
  GtkWidget          *older_button;

  /* Owned */
  FdDatabase         *database;
  FdAdministration   *administration;
  GCancellable       *cancellable;        /* the whole page's */
  GCancellable       *search_cancellable; /* the search under way */
  GListStore         *entries;
  GArray             *page_starts;        /* gint64 before_id of each page up to the one shown */
  Filters             filters;
  gboolean            may_read;           /* an administrator's session */
  gboolean            more;               /* an older page exists */
  gboolean            filling_actions;
};

G_DEFINE_FINAL_TYPE (FdAuditPage, fd_audit_page, GTK_TYPE_WIDGET)

static void
filters_clear (Filters *filters)
{
  g_clear_pointer (&filters->login, g_free);
  g_clear_pointer (&filters->record, g_free);
  g_clear_pointer (&filters->action, g_free);
  g_clear_pointer (&filters->since, g_free);
  g_clear_pointer (&filters->until, g_free);
}

/* What is typed, trimmed; NULL when nothing is. */
static char *
dup_filter (GtkEditable *entry)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

/* A moment typed with its day in the locale's form ("12/02/2026 14:00"), as the server
 * reads it ("2026-12-02 14:00"); what is not a day goes as typed, for the server to say
 * what is wrong with it. */
static char *
dup_moment_filter (GtkEditable *entry)
{
  g_autofree char *text = dup_filter (entry);
  g_auto(GStrv) words = NULL;
  int year, month, day;

  if (text == NULL)
    return NULL;
  words = g_strsplit (text, " ", 2);
  if (!fd_format_parse_date (words[0], &year, &month, &day) ||
      !g_date_valid_dmy (day, month, year))
    return g_steal_pointer (&text);
  return g_strdup_printf ("%04d-%02d-%02d%s%s", year, month, day, words[1] != NULL ? " " : "",
                          words[1] != NULL ? words[1] : "");
}

static void
read_filters (FdAuditPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->action_dropdown);

  filters_clear (&self->filters);
  self->filters.login = dup_filter (self->login_entry);
  self->filters.record = dup_filter (self->record_entry);
  if (selected != GTK_INVALID_LIST_POSITION && selected > 0)
    self->filters.action = g_strdup (gtk_string_list_get_string (self->actions, selected));
  self->filters.since = dup_moment_filter (self->since_entry);
  self->filters.until = dup_moment_filter (self->until_entry);
}

static void
set_searching (FdAuditPage *self,
               gboolean     searching)
{
  gtk_spinner_set_spinning (self->spinner, searching);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), searching);
}

static guint
page_index (FdAuditPage *self)
{
  return self->page_starts->len - 1;
}

static void
update_paging (FdAuditPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->entries));
  guint first = page_index (self) * PAGE_SIZE + 1;
  g_autofree char *text = NULL;

  if (n > 0)
    /* Translators: the first and the last entry shown, counted from the newest */
    text = g_strdup_printf (_("Entries %u–%u"), first, first + n - 1);
  gtk_label_set_text (self->page_label, text != NULL ? text : "");
  gtk_widget_set_sensitive (self->newer_button, page_index (self) > 0);
  gtk_widget_set_sensitive (self->older_button, self->more);
  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "entries" : "empty");
}

static void
searched_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  FdAuditPage *self = user_data;
  g_autoptr(GListModel) found = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  guint n_found;

  found = fd_administration_load_audit_finish (FD_ADMINISTRATION (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->search_cancellable);
  set_searching (self, FALSE);
  if (found == NULL)
    {
      /* What is shown was found with other filters: no paging from it with these. */
      fd_error_line_show (self->state_label, error->message);
      self->more = FALSE;
      gtk_widget_set_sensitive (self->newer_button, FALSE);
      gtk_widget_set_sensitive (self->older_button, FALSE);
      return;
    }

  /* One entry more than a page was asked for, to know whether an older page exists. */
  n_found = g_list_model_get_n_items (found);
  self->more = n_found > PAGE_SIZE;
  entries = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < MIN (n_found, PAGE_SIZE); i++)
    g_ptr_array_add (entries, g_list_model_get_item (found, i));
  g_list_store_splice (self->entries, 0, g_list_model_get_n_items (G_LIST_MODEL (self->entries)),
                       entries->pdata, entries->len);
  fd_error_line_show (self->state_label, NULL);
  update_paging (self);
}

/* Asks for the page that starts before @before_id (0: the newest), with the filters read. */
static void
load_page (FdAuditPage *self,
           gint64       before_id)
{
  FdAuditQuery query = {
    .login = self->filters.login,
    .record = self->filters.record,
    .action = self->filters.action,
    .since = self->filters.since,
    .until = self->filters.until,
    .before_id = before_id,
    .page_size = PAGE_SIZE + 1,
  };

  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  self->search_cancellable = g_cancellable_new ();
  set_searching (self, TRUE);
  fd_administration_load_audit_async (self->administration, &query, self->search_cancellable,
                                      searched_cb, self);
}

static void actions_listed_cb (GObject      *object,
                               GAsyncResult *result,
                               gpointer      user_data);

/**
 * fd_audit_page_search:
 *
 * Searches with the filters as they are typed, from the newest entry: what Enter in a
 * filter and the Search button do.
 */
void
fd_audit_page_search (FdAuditPage *self)
{
  gint64 newest = 0;

  g_return_if_fail (FD_IS_AUDIT_PAGE (self));

  if (!self->may_read)
    return;

  /* The actions logged since the last search join the drop-down. */
  fd_administration_audit_actions_async (self->administration, self->cancellable,
                                         actions_listed_cb, self);
  read_filters (self);
  g_array_set_size (self->page_starts, 0);
  g_array_append_val (self->page_starts, newest);
  load_page (self, newest);
}

/**
 * fd_audit_page_show_record:
 * @record: KIND:ID, like clients:12, or context:NAME
 *
 * Shows what happened to @record, by anyone: the other filters are cleared.
 */
void
fd_audit_page_show_record (FdAuditPage *self,
                           const char  *record)
{
  g_return_if_fail (FD_IS_AUDIT_PAGE (self));
  g_return_if_fail (record != NULL);

  gtk_editable_set_text (self->login_entry, "");
  gtk_editable_set_text (self->record_entry, record);
  gtk_editable_set_text (self->since_entry, "");
  gtk_editable_set_text (self->until_entry, "");
  self->filling_actions = TRUE;
  gtk_drop_down_set_selected (self->action_dropdown, 0);
  self->filling_actions = FALSE;
  fd_audit_page_search (self);
}

static void
older_clicked_cb (FdAuditPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->entries));
  g_autoptr(FdAuditEntry) last = NULL;
  gint64 before_id;

  if (n == 0 || !self->more)
    return;
  last = g_list_model_get_item (G_LIST_MODEL (self->entries), n - 1);
  before_id = fd_audit_entry_get_id (last);
  g_array_append_val (self->page_starts, before_id);
  load_page (self, before_id);
}

static void
newer_clicked_cb (FdAuditPage *self)
{
  if (page_index (self) == 0)
    return;
  g_array_set_size (self->page_starts, self->page_starts->len - 1);
  load_page (self, g_array_index (self->page_starts, gint64, page_index (self)));
}

/* The actions in the log, for the drop-down ----------------------------------------------- */

static void
actions_listed_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  FdAuditPage *self = user_data;
  g_auto(GStrv) names = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *chosen = NULL;
  guint n_items;
  guint selected;

  names = fd_administration_audit_actions_finish (FD_ADMINISTRATION (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (names == NULL)
    {
      fd_error_line_show (self->state_label, error->message);
      return;
    }

  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->actions));
  selected = gtk_drop_down_get_selected (self->action_dropdown);
  if (selected != GTK_INVALID_LIST_POSITION && selected > 0)
    chosen = g_strdup (gtk_string_list_get_string (self->actions, selected));

  /* The same choice stays chosen, where it is now. */
  self->filling_actions = TRUE;
  gtk_string_list_splice (self->actions, 1, n_items - 1, (const char * const *) names);
  selected = 0;
  for (guint i = 0; chosen != NULL && names[i] != NULL; i++)
    if (g_str_equal (names[i], chosen))
      selected = i + 1;
  gtk_drop_down_set_selected (self->action_dropdown, selected);
  self->filling_actions = FALSE;
}

static void
action_selected_cb (FdAuditPage *self)
{
  if (!self->filling_actions)
    fd_audit_page_search (self);
}

/* Keys and cells --------------------------------------------------------------------------- */

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  FdAuditPage *self = FD_AUDIT_PAGE (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->login_entry));
}

/* Which column @factory makes the cells of. */
static FdAuditColumn
column_of (FdAuditPage        *self,
           GtkListItemFactory *factory)
{
  for (guint i = 0; i < FD_AUDIT_N_COLUMNS; i++)
    if (self->factories[i] == factory)
      return i;
  g_assert_not_reached ();
}

static void
cell_setup_cb (GtkListItemFactory *factory,
               GtkListItem        *item,
               FdAuditPage        *self)
{
  FdAuditColumn column = column_of (self, factory);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_yalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), column == FD_AUDIT_COLUMN_RECORD);
  /* Nothing is cut off: a long workstation or record name takes a second line. */
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (column == FD_AUDIT_COLUMN_WHEN)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
cell_bind_cb (GtkListItemFactory *factory,
              GtkListItem        *item,
              FdAuditPage        *self)
{
  FdAuditEntry *entry = gtk_list_item_get_item (item);
  g_autofree char *text = fd_audit_page_dup_text (entry, column_of (self, factory));

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), text);
  gtk_widget_set_tooltip_text (gtk_list_item_get_child (item), *text != '\0' ? text : NULL);
}

/* GObject ---------------------------------------------------------------------------------- */

static void
fd_audit_page_dispose (GObject *object)
{
  FdAuditPage *self = FD_AUDIT_PAGE (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  g_clear_object (&self->administration);
  g_clear_object (&self->database);
  gtk_widget_dispose_template (GTK_WIDGET (self), FD_TYPE_AUDIT_PAGE);
  /* The template's box is not a bound child: it is unparented by hand. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (fd_audit_page_parent_class)->dispose (object);
}

static void
fd_audit_page_finalize (GObject *object)
{
  FdAuditPage *self = FD_AUDIT_PAGE (object);

  filters_clear (&self->filters);
  g_clear_pointer (&self->page_starts, g_array_unref);
  g_clear_object (&self->entries);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (fd_audit_page_parent_class)->finalize (object);
}

/* The template's factories, a column each, in FdAuditColumn order. */
static const char *factory_names[] = {
  "when_factory", "who_factory", "workstation_factory", "action_factory", "record_factory",
  "changes_factory",
};
G_STATIC_ASSERT (G_N_ELEMENTS (factory_names) == FD_AUDIT_N_COLUMNS);

static void
fd_audit_page_class_init (FdAuditPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fd_audit_page_dispose;
  object_class->finalize = fd_audit_page_finalize;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/frontdesk/Frontdesk/fd-audit-page.ui");
  gtk_widget_class_bind_template_child (widget_class, FdAuditPage, filters_bar);
  gtk_widget_class_bind_template_child (widget_class, FdAuditPage, login_entry);
  gtk_widget_class_bind_template_child (widget_class, FdAuditPage, record_entry);
  gtk_widget_class_bind_template_child (widget_class, FdAuditPage, action_dropdown);
  gtk_widget_class_bind_template_child (widget_class, FdAuditPage, actions);
  gtk_widget_class_bind_template_child (widget_class, FdAuditPage, since_entry);
  gtk_widget_class_bind_template_child (widget_class, FdAuditPage, until_entry);
  gtk_widget_class_bind_template_child (widget_class, FdAuditPage, since_calendar_button);
  gtk_widget_class_bind_template_child (widget_class, FdAuditPage, until_calendar_button);
  gtk_widget_class_bind_template_child (widget_class, FdAuditPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, FdAuditPage, state_label);
  gtk_widget_class_bind_template_child (widget_class, FdAuditPage, stack);
  gtk_widget_class_bind_template_child (widget_class, FdAuditPage, entry_selection);
  for (guint i = 0; i < FD_AUDIT_N_COLUMNS; i++)
    gtk_widget_class_bind_template_child_full (widget_class, factory_names[i], FALSE,
                                               G_STRUCT_OFFSET (FdAuditPage, factories) +
                                               i * sizeof (GtkListItemFactory *));
  gtk_widget_class_bind_template_child (widget_class, FdAuditPage, page_label);
  gtk_widget_class_bind_template_child (widget_class, FdAuditPage, newer_button);
  gtk_widget_class_bind_template_child (widget_class, FdAuditPage, older_button);
  gtk_widget_class_bind_template_callback (widget_class, fd_audit_page_search);
  gtk_widget_class_bind_template_callback (widget_class, action_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, newer_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, older_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cell_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, cell_bind_cb);

  gtk_widget_class_install_action (widget_class, "audit.find", NULL, find_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "audit.find",
                                       NULL);
}

static void
fd_audit_page_init (FdAuditPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = fd_format_date_typed (now);
  g_autofree char *afternoon = fd_format_minutes (14 * 60);
  g_autofree char *moment = g_strdup_printf ("%s %s", today, afternoon);

  gtk_widget_init_template (GTK_WIDGET (self));
  /* The days typed as the locale writes them, or picked from a calendar. */
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->since_entry), today);
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->until_entry), moment);
  fd_calendar_popover_bind (self->since_calendar_button, self->since_entry);
  fd_calendar_popover_bind (self->until_calendar_button, self->until_entry);
  fd_calendar_popover_name_button (self->since_calendar_button, _("From"));
  fd_calendar_popover_name_button (self->until_calendar_button, _("Until"));
  self->cancellable = g_cancellable_new ();
  self->entries = g_list_store_new (FD_TYPE_AUDIT_ENTRY);
  self->page_starts = g_array_new (FALSE, FALSE, sizeof (gint64));
  gtk_no_selection_set_model (self->entry_selection, G_LIST_MODEL (self->entries));
  update_paging (self);
}

/**
 * fd_audit_page_new:
 *
 * The audit log viewer over @database's connection, showing the newest entries. Only an
 * administrator may read the log; anyone else sees the server's refusal.
 */
GtkWidget *
fd_audit_page_new (FdDatabase *database)
{
  FdAuditPage *self;

  g_return_val_if_fail (FD_IS_DATABASE (database), NULL);

  self = g_object_new (FD_TYPE_AUDIT_PAGE, NULL);
  self->database = g_object_ref (database);
  self->administration = fd_administration_new (fd_database_get_connection (database));
  self->may_read = fd_database_get_session (database) != NULL &&
                   fd_session_get_is_admin (fd_database_get_session (database));
  if (!self->may_read)
    {
      fd_error_line_show (self->state_label, _("The audit log is for administrators."));
      gtk_widget_set_sensitive (self->filters_bar, FALSE);
    }
  fd_audit_page_search (self);
  return GTK_WIDGET (self);
}

gboolean
fd_audit_page_get_searching (FdAuditPage *self)
{
  g_return_val_if_fail (FD_IS_AUDIT_PAGE (self), FALSE);

  return self->search_cancellable != NULL;
}

/**
 * fd_audit_page_get_entries:
 *
 * Returns: (transfer none): the #FdAuditEntry items of the page shown, newest first
 */
GListModel *
fd_audit_page_get_entries (FdAuditPage *self)
{
  g_return_val_if_fail (FD_IS_AUDIT_PAGE (self), NULL);

  return G_LIST_MODEL (self->entries);
}

/* Which page is shown: 0 for the newest. */
guint
fd_audit_page_get_page (FdAuditPage *self)
{
  g_return_val_if_fail (FD_IS_AUDIT_PAGE (self), 0);

  return page_index (self);
}
