/* fd-merge-dialog.c: at save, the fields someone else saved meanwhile, theirs and mine side
 * by side, for the person to choose field by field (mine is chosen at first: nothing typed
 * is lost unless the person says so).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "fd-merge-dialog.h"

struct _FdMergeDialog
{
  AdwMessageDialog  parent_instance;

  /* Owned */
  GPtrArray        *conflicts;    /* FdConflict */
  GPtrArray        *mine;         /* GtkCheckButton, borrowed, one for each conflict */
};

G_DEFINE_FINAL_TYPE (FdMergeDialog, fd_merge_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
fd_merge_dialog_finalize (GObject *object)
{
  FdMergeDialog *self = FD_MERGE_DIALOG (object);

  g_ptr_array_unref (self->conflicts);
  g_ptr_array_unref (self->mine);

  G_OBJECT_CLASS (fd_merge_dialog_parent_class)->finalize (object);
}

static void
fd_merge_dialog_class_init (FdMergeDialogClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = fd_merge_dialog_finalize;
}

static void
fd_merge_dialog_init (FdMergeDialog *self)
{
  self->mine = g_ptr_array_new ();
}

static char *
describe_value (FdMergeDescribeFunc  describe,
                gpointer             user_data,
                const char          *column,
                const char          *value)
{
  g_autofree char *text = value != NULL ? describe (column, value, user_data) : NULL;

  return g_strdup (text != NULL && text[0] != '\0' ? text : _("(empty)"));
}

/* Who saved the conflicting fields, when the record's signals have named them: one person,
 * or NULL (several, or not known yet — a save that came before its signal). */
static const FdFieldChange *
find_saver (GPtrArray     *conflicts,
            FdEditSession *session)
{
  const FdFieldChange *saver = NULL;

  for (guint i = 0; session != NULL && i < conflicts->len; i++)
    {
      FdConflict *conflict = g_ptr_array_index (conflicts, i);
      const FdFieldChange *change = fd_edit_session_get_conflict (session, conflict->column);

      if (change == NULL)
        change = fd_edit_session_get_change (session, conflict->column);
      if (change == NULL || change->name == NULL)
        return NULL;
      if (saver != NULL && g_strcmp0 (saver->name, change->name) != 0)
        return NULL;
      saver = change;
    }
  return saver;
}

static char *
dup_body (GPtrArray     *conflicts,
          FdEditSession *session)
{
  const FdFieldChange *saver = find_saver (conflicts, session);

  if (saver == NULL)
    return g_strdup (_("Someone saved these fields of the record while you were editing them. "
                       "Choose, field by field, which value to keep; then save."));
  if (saver->workstation == NULL)
    /* Translators: %s is a person */
    return g_strdup_printf (_("%s saved these fields of the record while you were editing "
                              "them. Choose, field by field, which value to keep; then save."),
                            saver->name);
  /* Translators: a person and their workstation */
  return g_strdup_printf (_("%s at %s saved these fields of the record while you were editing "
                            "them. Choose, field by field, which value to keep; then save."),
                          saver->name, saver->workstation);
}

/**
 * fd_merge_dialog_new:
 * @conflicts: (element-type FdConflict): what the save met
 * @describe: names a column (@value %NULL) or says a value as the form shows it
 *
 * Returns: (transfer none): the dialog, modal over @parent, with Cancel and Save (the
 *   default); on Save, fd_merge_dialog_apply() takes the choices into the record
 */
FdMergeDialog *
fd_merge_dialog_new (GtkWindow           *parent,
                     GPtrArray           *conflicts,
                     FdEditSession       *session,
                     FdMergeDescribeFunc  describe,
                     gpointer             user_data)
{
  FdMergeDialog *self;
  GtkWidget *grid = gtk_grid_new ();

  g_autofree char *body = dup_body (conflicts, session);

  self = g_object_new (FD_TYPE_MERGE_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       "heading", _("Choose Which Changes to Keep"),
                       "body", body,
                       NULL);
  self->conflicts = g_ptr_array_ref (conflicts);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 8);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);

  for (guint i = 0; i < conflicts->len; i++)
    {
      FdConflict *conflict = g_ptr_array_index (conflicts, i);
      g_autofree char *field = describe (conflict->column, NULL, user_data);
      g_autofree char *theirs_value = describe_value (describe, user_data, conflict->column,
                                                      conflict->theirs);
      g_autofree char *mine_value = describe_value (describe, user_data, conflict->column,
                                                    conflict->mine);
      /* Translators: the value someone else saved */
      g_autofree char *theirs_text = g_strdup_printf (_("Theirs: %s"), theirs_value);
      /* Translators: the value typed here */
      g_autofree char *mine_text = g_strdup_printf (_("Mine: %s"), mine_value);
      GtkWidget *label = gtk_label_new (field);
      GtkWidget *theirs = gtk_check_button_new_with_label (theirs_text);
      GtkWidget *mine = gtk_check_button_new_with_label (mine_text);

      gtk_widget_add_css_class (label, "heading");
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_check_button_set_group (GTK_CHECK_BUTTON (mine), GTK_CHECK_BUTTON (theirs));
      gtk_check_button_set_active (GTK_CHECK_BUTTON (mine), TRUE);
      gtk_grid_attach (GTK_GRID (grid), label, 0, i * 3, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), theirs, 0, i * 3 + 1, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), mine, 0, i * 3 + 2, 1, 1);
      g_ptr_array_add (self->mine, mine);
    }

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (self), grid);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (self), "cancel", _("_Cancel"),
                                    "save", _("_Save"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (self), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (self), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (self), "cancel");
  gtk_widget_add_css_class (GTK_WIDGET (self), "merge-dialog");
  return self;
}

/* Takes what was chosen into @record: each field's value, compared at the next save with
 * what they saved, so that save goes through. */
void
fd_merge_dialog_apply (FdMergeDialog *self,
                       FdRecord      *record)
{
  g_return_if_fail (FD_IS_MERGE_DIALOG (self));
  g_return_if_fail (FD_IS_RECORD (record));

  for (guint i = 0; i < self->conflicts->len; i++)
    fd_record_resolve_conflict (record, g_ptr_array_index (self->conflicts, i),
                                gtk_check_button_get_active (g_ptr_array_index (self->mine, i)));
}
