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

  /* Template widgets */
  GtkWidget        *check_button;
  GtkWidget        *cancel_button;
  GtkWidget        *repair_button;
  GtkProgressBar   *progress_bar;
  GtkLabel         *state_label;
  GtkLabel         *summary_label;
  GtkWidget        *report;

  /* Owned */
  FdDatabase       *database;
  FdAdministration *administration;
  GCancellable     *run_cancellable;  /* the run under way */
  GListModel       *findings;         /* FdIntegrityFinding, of the last run */
  guint             n_checks;

  gboolean          repairing;        /* the run under way repairs */
};

G_DEFINE_FINAL_TYPE (FdIntegrityPage, fd_integrity_page, GTK_TYPE_WIDGET)

static guint
n_findings (FdIntegrityPage *self)
{
  return self->findings != NULL ? g_list_model_get_n_items (self->findings) : 0;
}

/* Returns: (transfer none): the @position-th finding; the model keeps it */
static FdIntegrityFinding *
get_finding (FdIntegrityPage *self,
             guint            position)
{
  g_autoptr(FdIntegrityFinding) finding = g_list_model_get_item (self->findings, position);

  return finding;
}

static gboolean
any_repairable (FdIntegrityPage *self)
{
  for (guint i = 0; i < n_findings (self); i++)
    if (fd_integrity_finding_get_repairable (get_finding (self, i)))
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

/* A finding's row, made from the finding alone. */
static GtkWidget *
finding_row_new (FdIntegrityFinding *finding)
{
  const char *severity_name = fd_integrity_finding_get_severity (finding);
  g_autofree char *record = fd_integrity_finding_dup_record (finding);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *severity = tag_new (severity_text (severity_name), severity_css (severity_name));

  gtk_widget_set_size_request (severity, 70, -1);
  gtk_label_set_xalign (GTK_LABEL (severity), 0);
  gtk_widget_add_css_class (row, "integrity-finding");
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 fd_integrity_finding_get_message (finding));
  if (record != NULL)
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), record);
      gtk_widget_set_tooltip_text (row, record);
    }
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), severity);
  if (fd_integrity_finding_get_repairable (finding))
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), tag_new (_("Repairable"), "accent"));
  return row;
}

static GtkWidget *
check_group_new (FdIntegrityFinding *first)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group),
                                   fd_integrity_finding_get_title (first));
  gtk_widget_add_css_class (group, "integrity-check-group");
  return group;
}

/* Says under the check's title what Repair would change, once there is something to. */
static void
offer_repair (GtkWidget          *group,
              FdIntegrityFinding *finding)
{
  /* Translators: what the repair of a check changes */
  g_autofree char *repair = g_strdup_printf (_("Repair: %s."),
                                             fd_integrity_finding_get_repair (finding));

  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), repair);
}

static char *
dup_summary (FdIntegrityPage *self)
{
  guint problems = 0;
  guint repairs = 0;
  g_autofree char *found = NULL;

  for (guint i = 0; i < n_findings (self); i++)
    {
      if (fd_integrity_finding_is_repaired (get_finding (self, i)))
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

  for (guint i = 0; i < n_findings (self); i++)
    {
      FdIntegrityFinding *finding = get_finding (self, i);

      if (g_strcmp0 (check, fd_integrity_finding_get_check (finding)) != 0)
        {
          group = check_group_new (finding);
          gtk_box_append (GTK_BOX (self->report), group);
          check = fd_integrity_finding_get_check (finding);
        }
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), finding_row_new (finding));
      if (fd_integrity_finding_get_repairable (finding) &&
          fd_integrity_finding_get_repair (finding) != NULL)
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
  g_autoptr(GListModel) findings = NULL;
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

  g_set_object (&self->findings, findings);
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

  for (guint i = 0; i < n_findings (self); i = next)
    {
      FdIntegrityFinding *first = get_finding (self, i);
      const char *repair = fd_integrity_finding_get_repair (first);
      guint n = 0;

      /* The findings come check by check. */
      for (next = i; next < n_findings (self); next++)
        {
          FdIntegrityFinding *finding = get_finding (self, next);

          if (!g_str_equal (fd_integrity_finding_get_check (finding),
                            fd_integrity_finding_get_check (first)))
            break;
          n += fd_integrity_finding_get_repairable (finding) ? 1 : 0;
        }
      if (n > 0)
        /* Translators: a check, how many of its findings a repair changes, and what it does */
        g_string_append_printf (list, ngettext ("• %s (%u finding): %s.\n",
                                                "• %s (%u findings): %s.\n", n),
                                fd_integrity_finding_get_title (first), n,
                                repair != NULL ? repair : "");
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
  gtk_widget_dispose_template (GTK_WIDGET (self), FD_TYPE_INTEGRITY_PAGE);
  /* The template's box is not a bound child: it is unparented by hand. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (fd_integrity_page_parent_class)->dispose (object);
}

static void
fd_integrity_page_finalize (GObject *object)
{
  FdIntegrityPage *self = FD_INTEGRITY_PAGE (object);

  g_clear_object (&self->findings);

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
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/frontdesk/Frontdesk/fd-integrity-page.ui");
  gtk_widget_class_bind_template_child (widget_class, FdIntegrityPage, check_button);
  gtk_widget_class_bind_template_child (widget_class, FdIntegrityPage, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, FdIntegrityPage, repair_button);
  gtk_widget_class_bind_template_child (widget_class, FdIntegrityPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, FdIntegrityPage, state_label);
  gtk_widget_class_bind_template_child (widget_class, FdIntegrityPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, FdIntegrityPage, report);
  gtk_widget_class_bind_template_callback (widget_class, fd_integrity_page_check);
  gtk_widget_class_bind_template_callback (widget_class, fd_integrity_page_cancel);
  gtk_widget_class_bind_template_callback (widget_class, repair_clicked_cb);
}

static void
fd_integrity_page_init (FdIntegrityPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  set_running (self, FALSE);
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
 * Returns: (transfer none) (nullable): what the last finished run found (FdIntegrityFinding),
 *   as the report shows it; NULL before the first
 */
GListModel *
fd_integrity_page_get_findings (FdIntegrityPage *self)
{
  g_return_val_if_fail (FD_IS_INTEGRITY_PAGE (self), NULL);

  return self->findings;
}
