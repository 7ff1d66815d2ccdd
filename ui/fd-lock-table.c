/* fd-lock-table.c: the Admin module's lock table.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Read from the server (frontdesk.lock_table(), frontdesk.admin_sessions(), both refused to
 * anyone but an administrator) whenever it announces a change, and every few seconds while
 * shown, since a holder whose connection dies says nothing. Unlock breaks a record lock (its
 * holder's editor turns read-only); Take moves a lock to this session. Both are confirmed
 * first and written to the audit log by the server.
 */
#include <glib/gi18n.h>

#include "fd-administration.h"
#include "fd-confirm-dialog.h"
#include "fd-lock-table.h"
#include "fd-pg-util.h"

#define REREAD_INTERVAL_S 5

enum {
  COL_LOCK_KIND,
  COL_RECORD_KIND,
  COL_RECORD_ID,
  COL_DESCRIPTION,
  COL_HOLDER_SESSION,
  COL_HOLDER_LOGIN,
  COL_HOLDER_NAME,
  COL_HOLDER_WORKSTATION,
  COL_SINCE,
  COL_EXPIRES,
  COL_ALIVE,
  COL_EXPIRED,
};

enum {
  SES_ID,
  SES_LOGIN,
  SES_NAME,
  SES_WORKSTATION,
  SES_IS_ADMIN,
  SES_OPENED,
  SES_RESUMED,
  SES_ALIVE,
  SES_ADDRESS,
  SES_RECORD_LOCKS,
  SES_SAVE_LOCKS,
  SES_IS_MINE,
};

struct _FdLockTable
{
  GtkWidget         parent_instance;

  /* Owned */
  FdDatabase       *database;
  FdAdministration *administration;
  GCancellable     *cancellable;
  PGresult         *locks;

  /* Borrowed */
  GtkGrid          *lock_grid;
  GtkGrid          *session_grid;
  GtkLabel         *state_label;
  GtkLabel         *locks_empty;

  guint             reread_source;
  gboolean          keep_state;     /* an action's outcome stays for the reload it causes */
  gboolean          loading;
  gboolean          load_again;
};

G_DEFINE_FINAL_TYPE (FdLockTable, fd_lock_table, GTK_TYPE_WIDGET)

/* Cells ------------------------------------------------------------------------------------ */

/* A timestamp as PostgreSQL writes it ("2026-11-21 14:05:12.3+00"), as a person reads it. */
static char *
format_time (const char *text)
{
  g_autofree char *iso = NULL;
  g_autoptr(GDateTime) at = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  if (text == NULL)
    return g_strdup ("—");
  iso = g_strdup (text);
  if (strlen (iso) > 10 && iso[10] == ' ')
    iso[10] = 'T';
  at = g_date_time_new_from_iso8601 (iso, NULL);
  if (at == NULL)
    return g_strdup (text);
  local = g_date_time_to_local (at);
  if (g_date_time_get_year (local) == g_date_time_get_year (now) &&
      g_date_time_get_day_of_year (local) == g_date_time_get_day_of_year (now))
    return g_date_time_format (local, "%H:%M:%S");
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

static GtkWidget *
cell_new (const char *text,
          const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_tooltip_text (label, text);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static void
clear_grid (GtkGrid *grid)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))) != NULL)
    gtk_grid_remove (grid, child);
}

static void
attach_headings (GtkGrid            *grid,
                 const char * const *headings)
{
  for (guint i = 0; headings[i] != NULL; i++)
    gtk_grid_attach (grid, cell_new (_(headings[i]), "caption-heading"), i, 0, 1, 1);
}

static void
show_state (FdLockTable *self,
            const char  *message)
{
  gtk_label_set_text (self->state_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->state_label), message != NULL);
}

/* A cell for long text: a name, a description; the rest of it in the tooltip. */
static GtkWidget *
wide_cell_new (const char *text)
{
  GtkWidget *label = cell_new (text, NULL);

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (label), 12);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 36);
  gtk_widget_set_hexpand (label, TRUE);
  return label;
}

/* Unlock and Take --------------------------------------------------------------------------- */

static void
acted_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(FdLockTable) self = user_data;
  gpointer tag = g_task_get_source_tag (G_TASK (result));
  FdAdministration *administration = FD_ADMINISTRATION (object);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  gboolean done;
  gboolean was_held = TRUE;

  if (tag == fd_administration_break_lock_async)
    done = fd_administration_break_lock_finish (administration, result, &was_held, &error);
  else if (tag == fd_administration_break_save_lock_async)
    done = fd_administration_break_save_lock_finish (administration, result, &was_held, &error);
  else if (tag == fd_administration_take_lock_async)
    done = fd_administration_take_lock_finish (administration, result, &error);
  else
    done = fd_administration_take_save_lock_finish (administration, result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (!done)
    {
      /* Translators: %s says why, in the server's words */
      message = g_strdup_printf (_("Not done: %s"), error->message);
      show_state (self, message);
    }
  else if (!was_held)
    show_state (self, _("Nobody held that lock any more: it was released meanwhile."));
  self->keep_state = !done || !was_held;
  fd_lock_table_reload (self);
}

static void
confirm_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     FdLockTable      *self)
{
  const char *lock_kind = g_object_get_data (G_OBJECT (dialog), "fd-lock-kind");
  const char *record_kind = g_object_get_data (G_OBJECT (dialog), "fd-record-kind");
  const char *record_id = g_object_get_data (G_OBJECT (dialog), "fd-record-id");
  /* The holder the question named: the server refuses if the lock changed hands since. */
  gint64 holder = g_ascii_strtoll (g_object_get_data (G_OBJECT (dialog), "fd-holder"), NULL, 10);

  show_state (self, NULL);
  if (g_str_equal (response, "unlock") && g_str_equal (lock_kind, "save"))
    fd_administration_break_save_lock_async (self->administration, record_id, holder,
                                             self->cancellable, acted_cb, g_object_ref (self));
  else if (g_str_equal (response, "unlock"))
    fd_administration_break_lock_async (self->administration, record_kind, record_id, holder,
                                        self->cancellable, acted_cb, g_object_ref (self));
  else if (g_str_equal (response, "take") && g_str_equal (lock_kind, "save"))
    fd_administration_take_save_lock_async (self->administration, record_id, holder,
                                            self->cancellable, acted_cb, g_object_ref (self));
  else if (g_str_equal (response, "take"))
    fd_administration_take_lock_async (self->administration, record_kind, record_id, holder,
                                       self->cancellable, acted_cb, g_object_ref (self));
}

/* Asks before @action ("unlock" or "take") on the lock in @row of the table. */
static void
confirm (FdLockTable *self,
         int          row,
         const char  *action)
{
  const char *description = PQgetvalue (self->locks, row, COL_DESCRIPTION);
  const char *name = PQgetvalue (self->locks, row, COL_HOLDER_NAME);
  const char *workstation = PQgetvalue (self->locks, row, COL_HOLDER_WORKSTATION);
  gboolean unlock = g_str_equal (action, "unlock");
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  /* Translators: %s is what is locked, as "Client Maria Berg (No. 12)" */
  heading = g_strdup_printf (unlock ? _("Unlock %s?") : _("Take %s?"), description);
  if (unlock && g_str_equal (PQgetvalue (self->locks, row, COL_LOCK_KIND), "save"))
    body = g_strdup_printf (_("%s at %s holds it. Unlocked, they can no longer save it until "
                              "they get the lock back; anyone who has it open may acquire it. "
                              "This is written to the audit log."), name, workstation);
  else if (unlock)
    body = g_strdup_printf (_("%s at %s holds it. Unlocked, their form turns read-only: what "
                              "they have not saved stays on their screen to copy out, but "
                              "cannot be saved. This is written to the audit log."),
                            name, workstation);
  else
    body = g_strdup_printf (_("%s at %s holds it. Taken, the lock is this session’s and they "
                              "can no longer save what they have not saved. This is written "
                              "to the audit log."), name, workstation);

  dialog = fd_confirm_dialog_present (GTK_WIDGET (self), heading, body, _("_Cancel"), action,
                                      unlock ? _("_Unlock") : _("_Take"), "lock-table-confirm");
  g_object_set_data_full (G_OBJECT (dialog), "fd-lock-kind",
                          g_strdup (PQgetvalue (self->locks, row, COL_LOCK_KIND)), g_free);
  g_object_set_data_full (G_OBJECT (dialog), "fd-record-kind",
                          g_strdup (PQgetvalue (self->locks, row, COL_RECORD_KIND)), g_free);
  g_object_set_data_full (G_OBJECT (dialog), "fd-record-id",
                          g_strdup (PQgetvalue (self->locks, row, COL_RECORD_ID)), g_free);
  g_object_set_data_full (G_OBJECT (dialog), "fd-holder",
                          g_strdup (PQgetvalue (self->locks, row, COL_HOLDER_SESSION)), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (confirm_response_cb), self, 0);
}

static void
action_clicked_cb (GtkButton   *button,
                   FdLockTable *self)
{
  const char *record_kind = g_object_get_data (G_OBJECT (button), "fd-record-kind");
  const char *record_id = g_object_get_data (G_OBJECT (button), "fd-record-id");
  const char *action = g_object_get_data (G_OBJECT (button), "fd-action");

  fd_lock_table_act (self, record_kind, record_id, action);
}

static GtkWidget *
action_button_new (FdLockTable *self,
                   int          row,
                   const char  *label,
                   const char  *action)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, action);
  g_object_set_data_full (G_OBJECT (button), "fd-record-kind",
                          g_strdup (PQgetvalue (self->locks, row, COL_RECORD_KIND)), g_free);
  g_object_set_data_full (G_OBJECT (button), "fd-record-id",
                          g_strdup (PQgetvalue (self->locks, row, COL_RECORD_ID)), g_free);
  g_object_set_data (G_OBJECT (button), "fd-action", (gpointer) action);
  g_signal_connect_object (button, "clicked", G_CALLBACK (action_clicked_cb), self, 0);
  return button;
}

/* The locks -------------------------------------------------------------------------------- */

static void
show_locks (FdLockTable *self)
{
  static const char * const headings[] = {
    N_("Lock"), N_("What"), N_("Held by"), N_("Workstation"), N_("Since"), N_("Expires"),
    N_("Connection"), NULL
  };
  gint64 mine = fd_session_get_id (fd_database_get_session (self->database));

  clear_grid (self->lock_grid);
  attach_headings (self->lock_grid, headings);
  for (int row = 0; row < PQntuples (self->locks); row++)
    {
      gboolean record = g_str_equal (PQgetvalue (self->locks, row, COL_LOCK_KIND), "record");
      gboolean alive = g_str_equal (PQgetvalue (self->locks, row, COL_ALIVE), "t");
      gboolean expired = g_str_equal (PQgetvalue (self->locks, row, COL_EXPIRED), "t");
      gboolean is_mine = g_ascii_strtoll (PQgetvalue (self->locks, row, COL_HOLDER_SESSION),
                                          NULL, 10) == mine;
      g_autofree char *holder = g_strdup_printf ("%s (%s)",
                                                 PQgetvalue (self->locks, row, COL_HOLDER_NAME),
                                                 PQgetvalue (self->locks, row, COL_HOLDER_LOGIN));
      g_autofree char *since = format_time (PQgetvalue (self->locks, row, COL_SINCE));
      g_autofree char *expires = format_time (fd_pg_get_nullable (self->locks, row, COL_EXPIRES));
      GtkWidget *actions = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      int y = row + 1;

      gtk_grid_attach (self->lock_grid, cell_new (record ? _("Record") : _("Save"), NULL),
                       0, y, 1, 1);
      gtk_grid_attach (self->lock_grid,
                       wide_cell_new (PQgetvalue (self->locks, row, COL_DESCRIPTION)), 1, y, 1, 1);
      gtk_grid_attach (self->lock_grid, wide_cell_new (holder), 2, y, 1, 1);
      gtk_grid_attach (self->lock_grid,
                       cell_new (PQgetvalue (self->locks, row, COL_HOLDER_WORKSTATION), NULL),
                       3, y, 1, 1);
      gtk_grid_attach (self->lock_grid, cell_new (since, NULL), 4, y, 1, 1);
      gtk_grid_attach (self->lock_grid, cell_new (expires, expired ? "error" : NULL), 5, y, 1, 1);
      gtk_grid_attach (self->lock_grid,
                       cell_new (alive ? _("Connected") : _("Gone"), alive ? "success" : "error"),
                       6, y, 1, 1);
      gtk_box_append (GTK_BOX (actions), action_button_new (self, row, _("_Unlock…"), "unlock"));
      if (!is_mine)
        gtk_box_append (GTK_BOX (actions), action_button_new (self, row, _("_Take…"), "take"));
      gtk_grid_attach (self->lock_grid, actions, 7, y, 1, 1);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->locks_empty), PQntuples (self->locks) == 0);
}

static void
show_sessions (FdLockTable *self,
               PGresult    *sessions)
{
  static const char * const headings[] = {
    N_("Person"), N_("Workstation"), N_("Signed in"), N_("Address"), N_("Locks held"),
    N_("Connection"), NULL
  };

  clear_grid (self->session_grid);
  attach_headings (self->session_grid, headings);
  for (int row = 0; row < PQntuples (sessions); row++)
    {
      gboolean alive = g_str_equal (PQgetvalue (sessions, row, SES_ALIVE), "t");
      gboolean is_mine = g_str_equal (PQgetvalue (sessions, row, SES_IS_MINE), "t");
      gboolean admin = g_str_equal (PQgetvalue (sessions, row, SES_IS_ADMIN), "t");
      /* Translators: a person, their login, and what they are, as "Dana Reyes (dana,
       * administrator, you)" */
      g_autofree char *person = g_strdup_printf ("%s (%s%s%s)",
                                                 PQgetvalue (sessions, row, SES_NAME),
                                                 PQgetvalue (sessions, row, SES_LOGIN),
                                                 admin ? _(", administrator") : "",
                                                 is_mine ? _(", you") : "");
      g_autofree char *opened = format_time (PQgetvalue (sessions, row, SES_OPENED));
      /* Translators: how many record locks and save locks a session holds */
      g_autofree char *held = g_strdup_printf (_("%s record, %s save"),
                                               PQgetvalue (sessions, row, SES_RECORD_LOCKS),
                                               PQgetvalue (sessions, row, SES_SAVE_LOCKS));
      const char *address = fd_pg_get_nullable (sessions, row, SES_ADDRESS);
      int y = row + 1;

      gtk_grid_attach (self->session_grid, wide_cell_new (person), 0, y, 1, 1);
      gtk_grid_attach (self->session_grid,
                       cell_new (PQgetvalue (sessions, row, SES_WORKSTATION), NULL), 1, y, 1, 1);
      gtk_grid_attach (self->session_grid, cell_new (opened, NULL), 2, y, 1, 1);
      gtk_grid_attach (self->session_grid, cell_new (address != NULL ? address : "—", NULL),
                       3, y, 1, 1);
      gtk_grid_attach (self->session_grid, cell_new (held, NULL), 4, y, 1, 1);
      gtk_grid_attach (self->session_grid,
                       cell_new (alive ? _("Connected") : _("Gone, still holding locks"),
                                 alive ? "success" : "error"),
                       5, y, 1, 1);
    }
}

static void
load (FdLockTable *self);

static void
sessions_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(FdLockTable) self = user_data;
  g_autoptr(PGresult) sessions = NULL;
  g_autoptr(GError) error = NULL;

  sessions = fd_administration_list_sessions_finish (FD_ADMINISTRATION (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->loading = FALSE;
  if (sessions == NULL)
    show_state (self, error->message);
  else
    show_sessions (self, sessions);

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
  g_autoptr(GError) error = NULL;
  PGresult *locks;

  locks = fd_administration_list_locks_finish (FD_ADMINISTRATION (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (locks == NULL)
    show_state (self, error->message);
  else
    {
      if (!self->keep_state)
        show_state (self, NULL);
      self->keep_state = FALSE;
      g_clear_pointer (&self->locks, PQclear);
      self->locks = locks;
      show_locks (self);
    }
  fd_administration_list_sessions_async (self->administration, self->cancellable, sessions_cb,
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
  fd_administration_list_locks_async (self->administration, self->cancellable, locks_cb,
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

/* Building --------------------------------------------------------------------------------- */

static GtkWidget *
grid_group_new (const char  *title,
                const char  *description,
                GtkGrid    **grid)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *frame = gtk_frame_new (NULL);

  *grid = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_column_spacing (*grid, 18);
  gtk_grid_set_row_spacing (*grid, 8);
  gtk_widget_set_margin_start (GTK_WIDGET (*grid), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (*grid), 12);
  gtk_widget_set_margin_top (GTK_WIDGET (*grid), 10);
  gtk_widget_set_margin_bottom (GTK_WIDGET (*grid), 10);
  gtk_frame_set_child (GTK_FRAME (frame), GTK_WIDGET (*grid));
  gtk_widget_add_css_class (frame, "view");
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), frame);
  return group;
}

static void
build (FdLockTable *self)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *locks = grid_group_new (_("Locks"),
                                     _("Every record open for editing and every save lock, "
                                       "as the server holds them now."), &self->lock_grid);
  GtkWidget *sessions = grid_group_new (_("Connected Sessions"),
                                        _("Everyone signed in, and anyone gone without "
                                          "signing out who still holds a lock."),
                                        &self->session_grid);

  self->state_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->state_label, TRUE);
  gtk_label_set_xalign (self->state_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->state_label), "state-line");
  gtk_widget_add_css_class (GTK_WIDGET (self->state_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->state_label), FALSE);

  self->locks_empty = GTK_LABEL (gtk_label_new (_("Nobody holds a lock.")));
  gtk_widget_add_css_class (GTK_WIDGET (self->locks_empty), "dim-label");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (locks), GTK_WIDGET (self->locks_empty));

  /* The full width: a table needs it more than a form does. */
  gtk_widget_set_margin_start (content, 24);
  gtk_widget_set_margin_end (content, 24);
  gtk_widget_set_margin_top (content, 24);
  gtk_widget_set_margin_bottom (content, 24);
  gtk_box_append (GTK_BOX (content), locks);
  gtk_box_append (GTK_BOX (content), sessions);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), content);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->state_label));
  gtk_box_append (GTK_BOX (box), scrolled);
  gtk_widget_set_parent (box, GTK_WIDGET (self));
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
  g_clear_object (&self->cancellable);
  g_clear_object (&self->administration);
  g_clear_object (&self->database);
  g_clear_pointer (&self->locks, PQclear);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

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
}

static void
fd_lock_table_init (FdLockTable *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_add_css_class (GTK_WIDGET (self), "lock-table");
  build (self);
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
  return GTK_WIDGET (self);
}

/* How many locks the table shows. */
guint
fd_lock_table_get_n_locks (FdLockTable *self)
{
  g_return_val_if_fail (FD_IS_LOCK_TABLE (self), 0);

  return self->locks != NULL ? (guint) PQntuples (self->locks) : 0;
}

void
fd_lock_table_reload (FdLockTable *self)
{
  g_return_if_fail (FD_IS_LOCK_TABLE (self));

  load (self);
}

/**
 * fd_lock_table_act:
 * @record_kind: a table ("clients", "appointments") or a context's kind ("account", "fees")
 * @record_id: the record's id, or the context's name
 * @action: "unlock" or "take"
 *
 * Asks to unlock or take that lock, as its button in the table would.
 */
void
fd_lock_table_act (FdLockTable *self,
                   const char  *record_kind,
                   const char  *record_id,
                   const char  *action)
{
  g_return_if_fail (FD_IS_LOCK_TABLE (self));

  for (int row = 0; self->locks != NULL && row < PQntuples (self->locks); row++)
    {
      if (g_str_equal (PQgetvalue (self->locks, row, COL_RECORD_KIND), record_kind) &&
          g_str_equal (PQgetvalue (self->locks, row, COL_RECORD_ID), record_id))
        {
          confirm (self, row, action);
          return;
        }
    }
  g_critical ("No lock on %s in the table", record_id);
}
