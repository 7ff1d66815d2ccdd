/* fd-field-mark.c: beside a form's field, what another desk saved there.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The mark is a suffix of the field's row. Shown in place, the row is highlighted and the
 * mark says who changed it and when, for a few seconds. For a field edited here it stays,
 * with their value and name and Use Theirs / Keep Mine, until the person settles it; the
 * edit session does the settling (fd_field_mark_settle_in()), or the form, told by
 * ::use-theirs and ::keep-mine.
 */
#include <glib/gi18n.h>

#include "fd-field-mark.h"
#include "fd-format.h"

#define CHANGE_SHOWN_SECONDS 6

struct _FdFieldMark
{
  GtkWidget  parent_instance;

  /* Template widgets */
  GtkImage  *icon;
  GtkLabel  *message_label;
  GtkButton *theirs_button;
  GtkButton *mine_button;

  /* Borrowed: the row owns the mark */
  GtkWidget *row;

  /* Weak */
  FdEditSession *session;  /* settles the conflict of the column, when set */

  /* Owned */
  char      *field;
  char      *column;
  guint      fade;
  gboolean   conflicted;
};

G_DEFINE_FINAL_TYPE (FdFieldMark, fd_field_mark, GTK_TYPE_WIDGET)

enum {
  USE_THEIRS,
  KEEP_MINE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
theirs_clicked_cb (FdFieldMark *self)
{
  if (self->session != NULL && fd_edit_session_get_conflict (self->session, self->column))
    fd_edit_session_use_theirs (self->session, self->column);
  g_signal_emit (self, signals[USE_THEIRS], 0);
}

static void
mine_clicked_cb (FdFieldMark *self)
{
  if (self->session != NULL && fd_edit_session_get_conflict (self->session, self->column))
    fd_edit_session_keep_mine (self->session, self->column);
  g_signal_emit (self, signals[KEEP_MINE], 0);
}

static void
fd_field_mark_dispose (GObject *object)
{
  FdFieldMark *self = FD_FIELD_MARK (object);

  g_clear_handle_id (&self->fade, g_source_remove);
  g_clear_weak_pointer (&self->session);
  gtk_widget_dispose_template (GTK_WIDGET (self), FD_TYPE_FIELD_MARK);

  G_OBJECT_CLASS (fd_field_mark_parent_class)->dispose (object);
}

static void
fd_field_mark_finalize (GObject *object)
{
  FdFieldMark *self = FD_FIELD_MARK (object);

  g_free (self->field);
  g_free (self->column);

  G_OBJECT_CLASS (fd_field_mark_parent_class)->finalize (object);
}

static void
fd_field_mark_class_init (FdFieldMarkClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fd_field_mark_dispose;
  object_class->finalize = fd_field_mark_finalize;

  /**
   * FdFieldMark::use-theirs:
   *
   * The person chose the other desk's value.
   */
  signals[USE_THEIRS] =
    g_signal_new ("use-theirs", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);
  /**
   * FdFieldMark::keep-mine:
   *
   * The person keeps what they typed, to save over the other desk's value.
   */
  signals[KEEP_MINE] =
    g_signal_new ("keep-mine", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/frontdesk/Frontdesk/fd-field-mark.ui");
  gtk_widget_class_bind_template_child (widget_class, FdFieldMark, icon);
  gtk_widget_class_bind_template_child (widget_class, FdFieldMark, message_label);
  gtk_widget_class_bind_template_child (widget_class, FdFieldMark, theirs_button);
  gtk_widget_class_bind_template_child (widget_class, FdFieldMark, mine_button);
  gtk_widget_class_bind_template_callback (widget_class, theirs_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, mine_clicked_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
}

static void
fd_field_mark_init (FdFieldMark *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                              6);
}

/**
 * fd_field_mark_attach:
 * @row: an #AdwEntryRow or #AdwActionRow (a combo row too)
 * @field: the field as its row names it, for the buttons' accessible names
 *
 * Returns: (transfer none): the mark, a suffix of @row
 */
FdFieldMark *
fd_field_mark_attach (GtkWidget  *row,
                      const char *field)
{
  FdFieldMark *self = g_object_new (FD_TYPE_FIELD_MARK, NULL);
  g_autofree char *theirs = NULL;
  g_autofree char *mine = NULL;

  self->row = row;
  self->field = g_strdup (field);
  if (ADW_IS_ENTRY_ROW (row))
    adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), GTK_WIDGET (self));
  else
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (self));
  gtk_widget_add_css_class (row, "live-field");

  /* Translators: a button's accessible name; %s is a field, as "City" */
  theirs = g_strdup_printf (_("Use Theirs: %s"), field);
  /* Translators: a button's accessible name; %s is a field, as "City" */
  mine = g_strdup_printf (_("Keep Mine: %s"), field);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->theirs_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, theirs, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->mine_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, mine, -1);
  return self;
}

/**
 * fd_field_mark_settle_in:
 *
 * Use Theirs and Keep Mine settle @column's conflict in @session (the form then hears of
 * it through #FdEditSession::field-conflict).
 */
void
fd_field_mark_settle_in (FdFieldMark   *self,
                         FdEditSession *session,
                         const char    *column)
{
  g_return_if_fail (FD_IS_FIELD_MARK (self));

  g_set_weak_pointer (&self->session, session);
  g_free (self->column);
  self->column = g_strdup (column);
}

static void
set_message (FdFieldMark *self,
             const char  *text,
             const char  *tooltip)
{
  g_autofree char *name = g_strdup_printf ("%s: %s", self->field, text);

  gtk_label_set_text (self->message_label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), tooltip);
  gtk_widget_set_tooltip_text (self->row, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
}

static gboolean
fade_cb (gpointer user_data)
{
  FdFieldMark *self = user_data;

  self->fade = 0;
  fd_field_mark_clear (self);
  return G_SOURCE_REMOVE;
}

/* "Alex Kim (Reception 2)", or "Someone" when nobody is known (psql, a closed session). */
static char *
describe_saver (const FdFieldChange *change)
{
  if (change->name == NULL)
    return g_strdup (_("Someone"));
  if (change->workstation == NULL)
    return g_strdup (change->name);
  /* Translators: a person and their workstation, as "Alex Kim (Reception 2)" */
  return g_strdup_printf (_("%s (%s)"), change->name, change->workstation);
}

/* Shown in place: the row lights up, and says who changed it, for a few seconds. */
void
fd_field_mark_show_change (FdFieldMark         *self,
                           const FdFieldChange *change)
{
  g_autofree char *at = fd_format_time (change->when);
  g_autofree char *saver = describe_saver (change);
  g_autofree char *text = NULL;
  g_autofree char *tooltip = NULL;

  g_return_if_fail (FD_IS_FIELD_MARK (self));

  self->conflicted = FALSE;
  if (change->name != NULL)
    /* Translators: "Changed by Alex Kim at 10:42" */
    text = g_strdup_printf (_("Changed by %s at %s"), change->name, at);
  else
    /* Translators: %s is a time, as "10:42" */
    text = g_strdup_printf (_("Changed elsewhere at %s"), at);
  /* Translators: "Changed by Alex Kim (Reception 2) at 10:42" */
  tooltip = g_strdup_printf (_("Changed by %s at %s"), saver, at);

  gtk_widget_set_visible (GTK_WIDGET (self->icon), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->theirs_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->mine_button), FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), "warning");
  gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "accent");
  gtk_widget_remove_css_class (self->row, "field-conflict");
  gtk_widget_add_css_class (self->row, "changed-elsewhere");
  set_message (self, text, tooltip);

  g_clear_handle_id (&self->fade, g_source_remove);
  self->fade = g_timeout_add_seconds (CHANGE_SHOWN_SECONDS, fade_cb, self);
}

/**
 * fd_field_mark_show_conflict:
 * @their_text: (nullable): their value as the field shows it, %NULL when they cleared it
 *
 * Saved elsewhere while edited here: stays until the person settles it.
 */
void
fd_field_mark_show_conflict (FdFieldMark         *self,
                             const FdFieldChange *conflict,
                             const char          *their_text)
{
  g_autofree char *at = fd_format_time (conflict->when);
  g_autofree char *saver = describe_saver (conflict);
  const char *name = conflict->name != NULL ? conflict->name : _("Someone");
  g_autofree char *text = NULL;
  g_autofree char *tooltip = NULL;

  g_return_if_fail (FD_IS_FIELD_MARK (self));

  if (their_text != NULL && their_text[0] != '\0')
    {
      /* Translators: "Alex Kim saved ‘AJ’ at 10:42" */
      text = g_strdup_printf (_("%s saved ‘%s’ at %s"), name, their_text, at);
      /* Translators: "Alex Kim (Reception 2) saved ‘AJ’ at 10:42" */
      tooltip = g_strdup_printf (_("%s saved ‘%s’ at %s"), saver, their_text, at);
    }
  else
    {
      /* Translators: "Alex Kim cleared it at 10:42" */
      text = g_strdup_printf (_("%s cleared it at %s"), name, at);
      /* Translators: "Alex Kim (Reception 2) cleared it at 10:42" */
      tooltip = g_strdup_printf (_("%s cleared it at %s"), saver, at);
    }

  self->conflicted = TRUE;
  g_clear_handle_id (&self->fade, g_source_remove);
  gtk_widget_set_visible (GTK_WIDGET (self->icon), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->theirs_button), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->mine_button), TRUE);
  gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), "accent");
  gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "warning");
  gtk_widget_remove_css_class (self->row, "changed-elsewhere");
  gtk_widget_add_css_class (self->row, "field-conflict");
  set_message (self, text, tooltip);
}

void
fd_field_mark_clear (FdFieldMark *self)
{
  g_return_if_fail (FD_IS_FIELD_MARK (self));

  self->conflicted = FALSE;
  g_clear_handle_id (&self->fade, g_source_remove);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  gtk_widget_set_tooltip_text (self->row, NULL);
  gtk_widget_remove_css_class (self->row, "changed-elsewhere");
  gtk_widget_remove_css_class (self->row, "field-conflict");
}

gboolean
fd_field_mark_get_conflicted (FdFieldMark *self)
{
  g_return_val_if_fail (FD_IS_FIELD_MARK (self), FALSE);

  return self->conflicted;
}

/**
 * fd_field_mark_update:
 * @their_text: (nullable): the other desk's value as the field shows it
 *
 * Shows what @session says of @column: a conflict to settle, a change just shown in place,
 * or nothing (settled with Keep Mine).
 */
void
fd_field_mark_update (FdFieldMark   *self,
                      FdEditSession *session,
                      const char    *column,
                      const char    *their_text)
{
  const FdFieldChange *conflict = fd_edit_session_get_conflict (session, column);
  const FdFieldChange *change = fd_edit_session_get_change (session, column);
  FdRecord *record = fd_edit_session_get_record (session);

  g_return_if_fail (FD_IS_FIELD_MARK (self));

  if (conflict != NULL)
    fd_field_mark_show_conflict (self, conflict, their_text);
  else if (change != NULL && record != NULL && !fd_record_is_changed (record, column))
    fd_field_mark_show_change (self, change);
  else
    fd_field_mark_clear (self);
}
