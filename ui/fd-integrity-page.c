/* fd-integrity-page.c: the integrity tool.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Check Now runs the server's checks one after another, the progress bar naming each, and
 * changes nothing. The report groups the findings by check. Repair is offered only when a
 * finding can be repaired safely; after a confirmation that says what each repair changes,
 * the checks run again with their repairs (each one audited by the server), and the report
 * shows what was repaired beside what is left for a person to decide.
 */
#include <glib/gi18n.h>

#include "fd-administration.h"
#include "fd-integrity-page.h"
#include "fd-session.h"
#include "fd-ui-util.h"

struct _FdIntegrityPage
{
  GtkWidget         parent_instance;

  /* Owned */
  FdDatabase       *database;
  FdAdministration *administration;
  GCancellable     *run_cancellable;  /* the run under way */
  GPtrArray        *findings;         /* FdIntegrityFinding, of the last run */
  guint             n_checks;

  /* Borrowed */
  GtkWidget        *check_button;
  GtkWidget        *cancel_button;
  GtkWidget        *repair_button;
  GtkProgressBar   *progress_bar;
  GtkLabel         *state_label;
  GtkLabel         *summary_label;
  GtkWidget        *report;

  gboolean          repairing;        /* the run under way repairs */
};

G_DEFINE_FINAL_TYPE (FdIntegrityPage, fd_integrity_page, GTK_TYPE_WIDGET)

static gboolean
is_repaired (const FdIntegrityFinding *finding)
{
  return g_str_equal (finding->severity, "repaired");
}

static gboolean
any_repairable (FdIntegrityPage *self)
{
  for (guint i = 0; self->findings != NULL && i < self->findings->len; i++)
    if (((FdIntegrityFinding *) g_ptr_array_index (self->findings, i))->repairable)
      return TRUE;
  return FALSE;
}

static void
set_running (FdIntegrityPage *self,
             gboolean         running)
{
  gtk_widget_set_sensitive (self->check_button, !running);
  gtk_widget_set_visible (self->cancel_button, running);
  gtk_widget_set_visible (self->repair_button, !running && any_repairable (self));
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), running);
  if (running)
    {
      gtk_progress_bar_set_fraction (self->progress_bar, 0);
      gtk_progress_bar_set_text (self->progress_bar, _("Starting the checks…"));
    }
}

/* The report --------------------------------------------------------------------------- */

static const char *
severity_text (const char *severity)
{
  if (g_str_equal (severity, "error"))
    return _("Error");
  if (g_str_equal (severity, "warning"))
    return _("Warning");
  if (g_str_equal (severity, "info"))
    return _("Info");
  if (g_str_equal (severity, "repaired"))
    return _("Repaired");
  return severity;
}

static const char *
severity_css (const char *severity)
{
  if (g_str_equal (severity, "error"))
    return "error";
  if (g_str_equal (severity, "warning"))
    return "warning";
  if (g_str_equal (severity, "repaired"))
    return "success";
  return "dim-label";
}

static GtkWidget *
tag_new (const char *text,
         const char *css_class)
{
  GtkWidget *tag = gtk_label_new (text);

  gtk_widget_add_css_class (tag, "caption-heading");
  gtk_widget_add_css_class (tag, css_class);
  gtk_widget_set_valign (tag, GTK_ALIGN_CENTER);
  return tag;
}

static GtkWidget *
finding_row_new (const FdIntegrityFinding *finding)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *severity = tag_new (severity_text (finding->severity),
                                 severity_css (finding->severity));

  gtk_widget_set_size_request (severity, 70, -1);
  gtk_label_set_xalign (GTK_LABEL (severity), 0);
  gtk_widget_add_css_class (row, "integrity-finding");
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), finding->message);
  if (finding->record_kind != NULL && finding->record_id != NULL)
    {
      g_autofree char *record = g_strconcat (finding->record_kind, ":", finding->record_id,
                                             NULL);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), record);
      gtk_widget_set_tooltip_text (row, record);
    }
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), severity);
  if (finding->repairable)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), tag_new (_("Repairable"), "accent"));
  return row;
}

static GtkWidget *
check_group_new (const FdIntegrityFinding *first)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), first->title);
  gtk_widget_add_css_class (group, "integrity-check-group");
  return group;
}

/* Says under the check's title what Repair would change, once there is something to. */
static void
offer_repair (GtkWidget                *group,
              const FdIntegrityFinding *finding)
{
  /* Translators: what the repair of a check changes */
  g_autofree char *repair = g_strdup_printf (_("Repair: %s."), finding->repair);

  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), repair);
}

static char *
dup_summary (FdIntegrityPage *self)
{
  guint problems = 0;
  guint repairs = 0;
  g_autofree char *found = NULL;

  for (guint i = 0; i < self->findings->len; i++)
    {
      if (is_repaired (g_ptr_array_index (self->findings, i)))
        repairs++;
      else
        problems++;
    }

  if (problems == 0)
    found = g_strdup (_("No problems found"));
  else
    /* Translators: how many findings, and in how many checks */
    found = g_strdup_printf (ngettext ("%u problem found in %u checks",
                                       "%u problems found in %u checks", problems),
                             problems, self->n_checks);
  if (repairs == 0)
    return g_steal_pointer (&found);
  /* Translators: how many repairs were made, then what the checks found after them */
  return g_strdup_printf (ngettext ("%u repair made. %s", "%u repairs made. %s", repairs),
                          repairs, found);
}

static void
show_report (FdIntegrityPage *self)
{
  GtkWidget *child;
  GtkWidget *group = NULL;
  const char *check = NULL;
  g_autofree char *summary = dup_summary (self);

  while ((child = gtk_widget_get_first_child (self->report)) != NULL)
    gtk_box_remove (GTK_BOX (self->report), child);

  for (guint i = 0; i < self->findings->len; i++)
    {
      const FdIntegrityFinding *finding = g_ptr_array_index (self->findings, i);

      if (g_strcmp0 (check, finding->check) != 0)
        {
          group = check_group_new (finding);
          gtk_box_append (GTK_BOX (self->report), group);
          check = finding->check;
        }
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), finding_row_new (finding));
      if (finding->repairable && finding->repair != NULL)
        offer_repair (group, finding);
    }

  gtk_label_set_text (self->summary_label, summary);
}

/* Running the checks --------------------------------------------------------------------- */

static void
progress_cb (guint       done,
             guint       total,
             const char *title,
             gpointer    user_data)
{
  FdIntegrityPage *self = user_data;
  g_autofree char *text = NULL;

  if (self->run_cancellable == NULL || g_cancellable_is_cancelled (self->run_cancellable))
    return;

  self->n_checks = total;
  if (title != NULL)
    /* Translators: which check of how many runs now, and what it looks for */
    text = g_strdup_printf (_("%u of %u: %s"), done + 1, total, title);
  else
    text = g_strdup (_("All checks done"));
  gtk_progress_bar_set_fraction (self->progress_bar, total > 0 ? (double) done / total : 1);
  gtk_progress_bar_set_text (self->progress_bar, text);
}

static void
checked_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(FdIntegrityPage) self = user_data;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GError) error = NULL;

  findings = fd_administration_check_integrity_finish (FD_ADMINISTRATION (object), result,
                                                       &error);
  /* Gone with the page. */
  if (self->run_cancellable == NULL)
    return;

  g_clear_object (&self->run_cancellable);
  if (findings == NULL)
    {
      /* A repair run commits check by check: those before the stop are done and audited. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gtk_label_set_text (self->summary_label,
                            self->repairing
                            ? _("Stopped. Repairs made before the stop are kept, and in the "
                                "audit log; check again to see where things stand.")
                            : _("The check was stopped; checking changes nothing."));
      else
        {
          fd_error_line_show (self->state_label, error->message);
          gtk_label_set_text (self->summary_label,
                              _("The check could not finish; check again to see where things "
                                "stand."));
        }
      set_running (self, FALSE);
      return;
    }

  g_clear_pointer (&self->findings, g_ptr_array_unref);
  self->findings = g_steal_pointer (&findings);
  show_report (self);
  set_running (self, FALSE);
}

static void
run_checks (FdIntegrityPage *self,
            gboolean         repair)
{
  if (self->run_cancellable != NULL)
    return;

  self->run_cancellable = g_cancellable_new ();
  self->repairing = repair;
  fd_error_line_show (self->state_label, NULL);
  gtk_label_set_text (self->summary_label, repair ? _("Repairing and checking again…")
                                                  : _("Checking…"));
  gtk_widget_set_visible (self->repair_button, FALSE);
  set_running (self, TRUE);
  fd_administration_check_integrity_async (self->administration, repair, progress_cb,
                                           g_object_ref (self), g_object_unref,
                                           self->run_cancellable, checked_cb,
                                           g_object_ref (self));
}

/**
 * fd_integrity_page_check:
 *
 * Runs every check, changing nothing: what Check Now does.
 */
void
fd_integrity_page_check (FdIntegrityPage *self)
{
  g_return_if_fail (FD_IS_INTEGRITY_PAGE (self));

  run_checks (self, FALSE);
}

/**
 * fd_integrity_page_cancel:
 *
 * Stops the run under way; the check running is cancelled on the server.
 */
void
fd_integrity_page_cancel (FdIntegrityPage *self)
{
  g_return_if_fail (FD_IS_INTEGRITY_PAGE (self));

  if (self->run_cancellable != NULL)
    g_cancellable_cancel (self->run_cancellable);
}

/* Repairing, after asking ---------------------------------------------------------------- */

/* A line for each check with something to repair: what its repair changes. */
static char *
dup_repair_list (FdIntegrityPage *self)
{
  GString *list = g_string_new (NULL);
  guint next;

  for (guint i = 0; i < self->findings->len; i = next)
    {
      const FdIntegrityFinding *first = g_ptr_array_index (self->findings, i);
      guint n = 0;

      /* The findings come check by check. */
      for (next = i; next < self->findings->len; next++)
        {
          const FdIntegrityFinding *finding = g_ptr_array_index (self->findings, next);

          if (!g_str_equal (finding->check, first->check))
            break;
          n += finding->repairable ? 1 : 0;
        }
      if (n > 0)
        /* Translators: a check, how many of its findings a repair changes, and what it does */
        g_string_append_printf (list, ngettext ("• %s (%u finding): %s.\n",
                                                "• %s (%u findings): %s.\n", n),
                                first->title, n, first->repair != NULL ? first->repair : "");
    }
  return g_string_free (list, FALSE);
}

static void
repair_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    FdIntegrityPage  *self)
{
  if (g_str_equal (response, "repair"))
    run_checks (self, TRUE);
}

static void
repair_clicked_cb (FdIntegrityPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *list = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (!any_repairable (self) || self->run_cancellable != NULL)
    return;

  list = dup_repair_list (self);
  body = g_strdup_printf (_("This will change:\n\n%s\nEach repair is recorded in the audit log "
                            "under your name. What needs a person to decide stays as it is. "
                            "The checks then run again."), list);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Repair What Is Safe to Repair?"), body);
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "repair", _("_Repair"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "repair",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  gtk_widget_add_css_class (dialog, "integrity-repair-dialog");
  g_signal_connect_object (dialog, "response", G_CALLBACK (repair_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Building --------------------------------------------------------------------------------- */

static GtkWidget *
build_bar (FdIntegrityPage *self)
{
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *intro = gtk_label_new (_("The checks look for what the database's rules cannot "
                                      "stop. Checking changes nothing."));

  gtk_label_set_wrap (GTK_LABEL (intro), TRUE);
  gtk_label_set_xalign (GTK_LABEL (intro), 0);
  gtk_widget_set_hexpand (intro, TRUE);
  gtk_widget_add_css_class (intro, "dim-label");
  self->check_button = fd_button_new (_("_Check Now"), "integrity-check",
                                      G_CALLBACK (fd_integrity_page_check), self);
  gtk_widget_add_css_class (self->check_button, "suggested-action");
  self->cancel_button = fd_button_new (_("_Cancel"), "integrity-cancel",
                                       G_CALLBACK (fd_integrity_page_cancel), self);
  self->repair_button = fd_button_new (_("_Repair…"), "integrity-repair",
                                       G_CALLBACK (repair_clicked_cb), self);
  gtk_box_append (GTK_BOX (bar), intro);
  gtk_box_append (GTK_BOX (bar), self->repair_button);
  gtk_box_append (GTK_BOX (bar), self->cancel_button);
  gtk_box_append (GTK_BOX (bar), self->check_button);
  return bar;
}

static void
build (FdIntegrityPage *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);

  self->state_label = fd_error_line_new ();

  self->progress_bar = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_progress_bar_set_show_text (self->progress_bar, TRUE);
  gtk_progress_bar_set_ellipsize (self->progress_bar, PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (GTK_WIDGET (self->progress_bar), "integrity-progress");

  self->summary_label = GTK_LABEL (gtk_label_new (_("Not checked yet.")));
  gtk_label_set_wrap (self->summary_label, TRUE);
  gtk_label_set_xalign (self->summary_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->summary_label), "title-4");
  gtk_widget_add_css_class (GTK_WIDGET (self->summary_label), "integrity-summary");

  self->report = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);

  gtk_box_append (GTK_BOX (content), build_bar (self));
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->progress_bar));
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->summary_label));
  gtk_box_append (GTK_BOX (content), self->report);
  gtk_widget_set_margin_top (content, 18);
  gtk_widget_set_margin_bottom (content, 18);
  gtk_widget_set_margin_start (content, 12);
  gtk_widget_set_margin_end (content, 12);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 860);
  adw_clamp_set_child (ADW_CLAMP (clamp), content);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);

  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->state_label));
  gtk_box_append (GTK_BOX (box), scrolled);
  gtk_widget_set_parent (box, GTK_WIDGET (self));
  set_running (self, FALSE);
}

/* GObject ---------------------------------------------------------------------------------- */

static void
fd_integrity_page_dispose (GObject *object)
{
  FdIntegrityPage *self = FD_INTEGRITY_PAGE (object);
  GtkWidget *child;

  g_cancellable_cancel (self->run_cancellable);
  g_clear_object (&self->run_cancellable);
  g_clear_object (&self->administration);
  g_clear_object (&self->database);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (fd_integrity_page_parent_class)->dispose (object);
}

static void
fd_integrity_page_finalize (GObject *object)
{
  FdIntegrityPage *self = FD_INTEGRITY_PAGE (object);

  g_clear_pointer (&self->findings, g_ptr_array_unref);

  G_OBJECT_CLASS (fd_integrity_page_parent_class)->finalize (object);
}

static void
fd_integrity_page_class_init (FdIntegrityPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fd_integrity_page_dispose;
  object_class->finalize = fd_integrity_page_finalize;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
fd_integrity_page_init (FdIntegrityPage *self)
{
  build (self);
}

/**
 * fd_integrity_page_new:
 *
 * The integrity tool over @database's connection. Nothing runs until Check Now. Only an
 * administrator may run the checks; anyone else sees the server's refusal.
 */
GtkWidget *
fd_integrity_page_new (FdDatabase *database)
{
  FdIntegrityPage *self;

  g_return_val_if_fail (FD_IS_DATABASE (database), NULL);

  self = g_object_new (FD_TYPE_INTEGRITY_PAGE, NULL);
  self->database = g_object_ref (database);
  self->administration = fd_administration_new (fd_database_get_connection (database));
  if (fd_database_get_session (database) == NULL ||
      !fd_session_get_is_admin (fd_database_get_session (database)))
    {
      fd_error_line_show (self->state_label, _("The integrity checks are for administrators."));
      gtk_widget_set_sensitive (self->check_button, FALSE);
    }
  return GTK_WIDGET (self);
}

gboolean
fd_integrity_page_get_running (FdIntegrityPage *self)
{
  g_return_val_if_fail (FD_IS_INTEGRITY_PAGE (self), FALSE);

  return self->run_cancellable != NULL;
}

/**
 * fd_integrity_page_get_findings:
 *
 * Returns: (transfer none) (nullable) (element-type FdIntegrityFinding): what the last
 *   finished run found, as the report shows it; NULL before the first
 */
GPtrArray *
fd_integrity_page_get_findings (FdIntegrityPage *self)
{
  g_return_val_if_fail (FD_IS_INTEGRITY_PAGE (self), NULL);

  return self->findings;
}
