/* fd-client-row.c: one client in the search list: name, details, and who has it open.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * While bound, a row follows the list's FdOpenRecords: when another desk opens or leaves
 * the client, its badge comes or goes, without asking the server about the row.
 */
#include "fd-client-row.h"
#include "fd-open-badge.h"

struct _FdClientRow
{
  GtkWidget        parent_instance;

  /* Owned */
  GtkWidget       *box;
  FdClientSummary *summary;
  FdOpenRecords   *open_records;
  gulong           changed_id;

  /* Borrowed: the children of box */
  GtkLabel        *name_label;
  GtkLabel        *details_label;
  GtkWidget       *badge;
};

G_DEFINE_FINAL_TYPE (FdClientRow, fd_client_row, GTK_TYPE_WIDGET)

static void
update_badge (FdClientRow *self)
{
  const FdLockHolder *holder = NULL;

  if (self->summary != NULL && self->open_records != NULL)
    holder = fd_open_records_lookup (self->open_records, fd_client_summary_get_id (self->summary));
  fd_open_badge_show (self->badge, holder);
}

static void
forget_open_records (FdClientRow *self)
{
  if (self->open_records != NULL)
    g_clear_signal_handler (&self->changed_id, self->open_records);
  g_clear_object (&self->open_records);
}

static void
fd_client_row_dispose (GObject *object)
{
  FdClientRow *self = FD_CLIENT_ROW (object);

  forget_open_records (self);
  g_clear_object (&self->summary);
  g_clear_pointer (&self->box, gtk_widget_unparent);

  G_OBJECT_CLASS (fd_client_row_parent_class)->dispose (object);
}

static void
fd_client_row_class_init (FdClientRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fd_client_row_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static GtkLabel *
add_label (GtkWidget *box)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), label);
  return GTK_LABEL (label);
}

static void
fd_client_row_init (FdClientRow *self)
{
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

  self->box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_margin_top (self->box, 4);
  gtk_widget_set_margin_bottom (self->box, 4);
  gtk_widget_set_hexpand (texts, TRUE);
  self->name_label = add_label (texts);
  self->details_label = add_label (texts);
  gtk_widget_add_css_class (GTK_WIDGET (self->details_label), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (self->details_label), "dim-label");
  gtk_box_append (GTK_BOX (self->box), texts);
  self->badge = fd_open_badge_new ();
  gtk_widget_set_valign (self->badge, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (self->box), self->badge);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
}

GtkWidget *
fd_client_row_new (void)
{
  return g_object_new (FD_TYPE_CLIENT_ROW, NULL);
}

/**
 * fd_client_row_bind:
 * @summary: (nullable): the client to show, %NULL when the row is unbound
 * @open_records: (nullable): who has which client open
 */
void
fd_client_row_bind (FdClientRow     *self,
                    FdClientSummary *summary,
                    FdOpenRecords   *open_records)
{
  g_return_if_fail (FD_IS_CLIENT_ROW (self));

  g_set_object (&self->summary, summary);
  if (open_records != self->open_records)
    {
      forget_open_records (self);
      if (open_records != NULL)
        {
          self->open_records = g_object_ref (open_records);
          self->changed_id = g_signal_connect_swapped (open_records, "changed",
                                                       G_CALLBACK (update_badge), self);
        }
    }
  gtk_label_set_text (self->name_label, summary != NULL ? fd_client_summary_get_name (summary) : "");
  gtk_label_set_text (self->details_label,
                      summary != NULL ? fd_client_summary_get_details (summary) : "");
  /* An archived client, found with Include archived, is dimmed and says so in its details. */
  if (summary != NULL && fd_client_summary_is_archived (summary))
    gtk_widget_add_css_class (GTK_WIDGET (self->name_label), "dim-label");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->name_label), "dim-label");
  update_badge (self);
}

/**
 * fd_client_row_get_summary:
 *
 * Returns: (transfer none) (nullable): the client shown
 */
FdClientSummary *
fd_client_row_get_summary (FdClientRow *self)
{
  g_return_val_if_fail (FD_IS_CLIENT_ROW (self), NULL);

  return self->summary;
}
