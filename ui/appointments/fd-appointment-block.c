/* fd-appointment-block.c: one appointment in the book, a focusable child of the day view.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The first row (status icon, client, confirmation) shows on every block whatever its
 * length; the times and procedures, then the note or the reason of a cancellation, follow
 * as the block has room. A screen reader meets the whole of it in the block's name:
 * "Fatima Perez, 13:00 to 13:30, Surgery 1, Dr Lee, Confirmed".
 */
#include <glib/gi18n.h>

#include "fd-appointment-block.h"
#include "fd-open-badge.h"

struct _FdAppointmentBlock
{
  GtkWidget      parent_instance;

  /* Owned */
  FdAppointment *appointment;
  GtkWidget     *box;
  FdOpenRecords *open_records;  /* who has which appointment open */
  gulong         open_changed_id;
  char          *accessible;    /* the name without who has it open */

  /* Borrowed: the children of box */
  GtkImage      *status_icon;
  GtkWidget     *open_badge;
  GtkLabel      *name_label;
  GtkLabel      *confirmation_label;
  GtkLabel      *detail_label;
  GtkLabel      *reason_label;

  GdkRGBA        colour;
};

G_DEFINE_FINAL_TYPE (FdAppointmentBlock, fd_appointment_block, GTK_TYPE_WIDGET)

static const char *
status_icon_name (const char *status)
{
  if (g_strcmp0 (status, "complete") == 0)
    return "object-select-symbolic";
  if (g_strcmp0 (status, "broken") == 0)
    return "action-unavailable-symbolic";
  if (g_strcmp0 (status, "cancelled") == 0)
    return "process-stop-symbolic";
  return "alarm-symbolic";
}

/**
 * fd_appointment_block_describe_status:
 *
 * Returns: (transfer full): the status as a person reads it
 */
char *
fd_appointment_block_describe_status (FdAppointment *appointment)
{
  const char *status = fd_appointment_get_status (appointment);

  if (g_strcmp0 (status, "complete") == 0)
    return g_strdup (_("Complete"));
  if (g_strcmp0 (status, "broken") == 0)
    return g_strdup (_("Broken"));
  if (g_strcmp0 (status, "cancelled") == 0)
    return g_strdup (_("Cancelled"));
  return g_strdup (_("Scheduled"));
}

/* The badge, and the block's name with who has it open at its end. */
static void
update_open_badge (FdAppointmentBlock *self)
{
  const FdLockHolder *holder = NULL;
  g_autofree char *name = NULL;

  if (self->open_records != NULL && self->appointment != NULL)
    holder = fd_open_records_lookup (self->open_records, fd_appointment_get_id (self->appointment));
  fd_open_badge_show (self->open_badge, holder);
  if (self->accessible == NULL)
    return;
  if (holder != NULL)
    {
      g_autofree char *open = fd_open_badge_describe (holder);

      name = g_strdup_printf ("%s, %s", self->accessible, open);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  name ?: self->accessible, -1);
}

static void
fd_appointment_block_measure (GtkWidget      *widget,
                              GtkOrientation  orientation,
                              int             for_size,
                              int            *minimum,
                              int            *natural,
                              int            *minimum_baseline,
                              int            *natural_baseline)
{
  FdAppointmentBlock *self = FD_APPOINTMENT_BLOCK (widget);

  /* The view gives a block the height of its length: what does not fit is cut off. */
  gtk_widget_measure (self->box, orientation, -1, NULL, natural, NULL, NULL);
  *minimum = 0;
}

/* A line the block has no room for whole is not shown at all: a short block (15 minutes)
 * shows its first line, with the status and confirmation, and nothing half cut off. */
static void
hide_cut_lines (FdAppointmentBlock *self,
                int                 width,
                int                 height)
{
  int bottom = gtk_widget_get_margin_top (self->box);

  for (GtkWidget *line = gtk_widget_get_first_child (self->box);
       line != NULL;
       line = gtk_widget_get_next_sibling (line))
    {
      int line_height;
      gboolean fits;

      if (!gtk_widget_get_visible (line))
        continue;
      gtk_widget_measure (line, GTK_ORIENTATION_VERTICAL, width, &line_height, NULL, NULL, NULL);
      bottom += line_height;
      fits = line == gtk_widget_get_first_child (self->box) || bottom <= height;
      if (gtk_widget_get_child_visible (line) != fits)
        gtk_widget_set_child_visible (line, fits);
    }
}

static void
fd_appointment_block_size_allocate (GtkWidget *widget,
                                    int        width,
                                    int        height,
                                    int        baseline)
{
  FdAppointmentBlock *self = FD_APPOINTMENT_BLOCK (widget);
  int min_width, min_height;

  gtk_widget_measure (self->box, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  gtk_widget_measure (self->box, GTK_ORIENTATION_VERTICAL, MAX (width, min_width), &min_height,
                      NULL, NULL, NULL);
  gtk_widget_allocate (self->box, MAX (width, min_width), MAX (height, min_height), -1, NULL);
  hide_cut_lines (self, MAX (width, min_width), height);
}

static void
append_rounded (GtkSnapshot           *snapshot,
                const graphene_rect_t *rect,
                const GdkRGBA         *fill,
                const GdkRGBA         *border,
                float                  border_width)
{
  GskRoundedRect outline;
  float widths[4] = { border_width, border_width, border_width, border_width };
  GdkRGBA colours[4] = { *border, *border, *border, *border };

  gsk_rounded_rect_init_from_rect (&outline, rect, 6);
  gtk_snapshot_push_rounded_clip (snapshot, &outline);
  gtk_snapshot_append_color (snapshot, fill, rect);
  gtk_snapshot_pop (snapshot);
  gtk_snapshot_append_border (snapshot, &outline, widths, colours);
}

static void
fd_appointment_block_snapshot (GtkWidget   *widget,
                               GtkSnapshot *snapshot)
{
  FdAppointmentBlock *self = FD_APPOINTMENT_BLOCK (widget);
  graphene_rect_t rect = GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (widget),
                                             gtk_widget_get_height (widget));
  gboolean faded = self->appointment != NULL &&
                   (g_strcmp0 (fd_appointment_get_status (self->appointment), "broken") == 0 ||
                    fd_appointment_is_cancelled (self->appointment));
  GdkRGBA fill = self->colour;
  GdkRGBA border = self->colour;

  fill.alpha = faded ? 0.12 : 0.3;
  border.alpha = 0.9;
  append_rounded (snapshot, &rect, &fill, &border, 1);
  if (gtk_widget_has_visible_focus (widget))
    {
      GdkRGBA focus;

      gtk_style_context_get_color (gtk_widget_get_style_context (widget), &focus);
      focus.alpha = 0.8;
      append_rounded (snapshot, &rect, &(GdkRGBA) { 0, 0, 0, 0 }, &focus, 2.5);
    }
  gtk_widget_snapshot_child (widget, self->box, snapshot);
}

static void
fd_appointment_block_dispose (GObject *object)
{
  FdAppointmentBlock *self = FD_APPOINTMENT_BLOCK (object);

  if (self->open_records != NULL)
    g_clear_signal_handler (&self->open_changed_id, self->open_records);
  g_clear_object (&self->open_records);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->appointment);
  g_clear_pointer (&self->accessible, g_free);

  G_OBJECT_CLASS (fd_appointment_block_parent_class)->dispose (object);
}

static void
fd_appointment_block_class_init (FdAppointmentBlockClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fd_appointment_block_dispose;
  widget_class->measure = fd_appointment_block_measure;
  widget_class->size_allocate = fd_appointment_block_size_allocate;
  widget_class->snapshot = fd_appointment_block_snapshot;

  gtk_widget_class_set_css_name (widget_class, "appointment");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_BUTTON);
}

static GtkLabel *
add_label (GtkWidget  *box,
           gboolean    expand,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, expand);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_box_append (GTK_BOX (box), label);
  return GTK_LABEL (label);
}

static void
fd_appointment_block_init (FdAppointmentBlock *self)
{
  GtkWidget *first = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gdk_rgba_parse (&self->colour, "#3584e4");

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_margin_start (self->box, 5);
  gtk_widget_set_margin_end (self->box, 5);
  gtk_widget_set_margin_top (self->box, 1);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  self->status_icon = GTK_IMAGE (gtk_image_new ());
  gtk_box_append (GTK_BOX (first), GTK_WIDGET (self->status_icon));
  self->name_label = add_label (first, TRUE, "heading");
  self->confirmation_label = add_label (first, FALSE, "caption");
  gtk_label_set_max_width_chars (self->confirmation_label, 14);
  self->open_badge = fd_open_badge_new ();
  gtk_box_append (GTK_BOX (first), self->open_badge);
  gtk_box_append (GTK_BOX (self->box), first);
  self->detail_label = add_label (self->box, FALSE, "caption");
  self->reason_label = add_label (self->box, FALSE, "caption");
}

GtkWidget *
fd_appointment_block_new (void)
{
  return g_object_new (FD_TYPE_APPOINTMENT_BLOCK, NULL);
}

/**
 * fd_appointment_block_set_appointment:
 * @times: its start and end as the desktop writes times ("13:00 to 13:30")
 * @operatory: (nullable): the operatory's name
 * @provider: (nullable): the provider's name
 * @colour: (nullable): the provider's colour
 */
void
fd_appointment_block_set_appointment (FdAppointmentBlock *self,
                                      FdAppointment      *appointment,
                                      const char         *times,
                                      const char         *operatory,
                                      const char         *provider,
                                      const char         *colour)
{
  const char *confirmation;
  const char *procedures;
  const char *reason;
  g_autofree char *status = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *name = NULL;
  g_autofree char *tooltip = NULL;
  g_autoptr(GString) accessible = NULL;

  g_return_if_fail (FD_IS_APPOINTMENT_BLOCK (self));
  g_return_if_fail (FD_IS_APPOINTMENT (appointment));

  g_set_object (&self->appointment, appointment);
  if (colour == NULL || !gdk_rgba_parse (&self->colour, colour))
    gdk_rgba_parse (&self->colour, "#3584e4");

  status = fd_appointment_block_describe_status (appointment);
  confirmation = fd_appointment_get_confirmation (appointment);
  procedures = fd_appointment_get_procedures (appointment);
  reason = fd_appointment_is_cancelled (appointment)
           ? fd_appointment_get_cancel_reason (appointment)
           : fd_appointment_get_note (appointment);

  gtk_image_set_from_icon_name (self->status_icon,
                                status_icon_name (fd_appointment_get_status (appointment)));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->status_icon), status);
  gtk_label_set_text (self->name_label, fd_appointment_get_client_name (appointment));
  gtk_label_set_text (self->confirmation_label, confirmation ?: _("Not confirmed"));
  if (procedures != NULL && *procedures != '\0')
    /* Translators: an appointment's times, then its procedures */
    detail = g_strdup_printf (_("%s · %s"), times, procedures);
  gtk_label_set_text (self->detail_label, detail ?: times);
  if (fd_appointment_is_cancelled (appointment))
    /* Translators: why an appointment was cancelled */
    name = g_strdup_printf (_("Cancelled: %s"), reason ?: "");
  gtk_label_set_text (self->reason_label, name ?: reason ?: "");
  gtk_widget_set_visible (GTK_WIDGET (self->reason_label), name != NULL || reason != NULL);

  accessible = g_string_new (fd_appointment_get_client_name (appointment));
  g_string_append_printf (accessible, ", %s", times);
  if (operatory != NULL)
    g_string_append_printf (accessible, ", %s", operatory);
  if (provider != NULL)
    g_string_append_printf (accessible, ", %s", provider);
  /* "Scheduled" is what every appointment is until something happens: said only otherwise. */
  if (g_strcmp0 (fd_appointment_get_status (appointment), "scheduled") != 0)
    g_string_append_printf (accessible, ", %s", status);
  g_string_append_printf (accessible, ", %s", confirmation ?: _("Not confirmed"));
  if (fd_appointment_is_cancelled (appointment) && reason != NULL)
    g_string_append_printf (accessible, ", %s", reason);
  g_free (self->accessible);
  self->accessible = g_strdup (accessible->str);
  tooltip = g_strdup_printf ("%s\n%s", accessible->str, procedures ?: "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), g_strstrip (tooltip));
  update_open_badge (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * fd_appointment_block_set_open_records:
 * @open_records: (nullable): who has which appointment open, followed while shown
 */
void
fd_appointment_block_set_open_records (FdAppointmentBlock *self,
                                       FdOpenRecords      *open_records)
{
  g_return_if_fail (FD_IS_APPOINTMENT_BLOCK (self));

  if (open_records == self->open_records)
    return;
  if (self->open_records != NULL)
    g_clear_signal_handler (&self->open_changed_id, self->open_records);
  g_set_object (&self->open_records, open_records);
  if (open_records != NULL)
    self->open_changed_id = g_signal_connect_swapped (open_records, "changed",
                                                      G_CALLBACK (update_open_badge), self);
  update_open_badge (self);
}

/**
 * fd_appointment_block_get_appointment:
 *
 * Returns: (transfer none) (nullable): the appointment shown
 */
FdAppointment *
fd_appointment_block_get_appointment (FdAppointmentBlock *self)
{
  g_return_val_if_fail (FD_IS_APPOINTMENT_BLOCK (self), NULL);

  return self->appointment;
}
