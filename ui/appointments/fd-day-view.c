/* fd-day-view.c: one day of the appointment book: a column for each operatory, a time
 * grid from the practice's hours, and blocks in the provider's colour.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything it draws comes from the cache (operatories, providers, practice hours) and
 * the day's appointments, so it redraws by itself when either changes. Dragging a block
 * asks to move it (::move-requested); a right click asks for its menu (::menu-requested).
 */
#include <glib/gi18n.h>
#include <stdlib.h>

#include "fd-day-view.h"

#define HEADER_HEIGHT    32
#define GUTTER_WIDTH     58
#define MIN_COLUMN_WIDTH 150
#define PIXELS_PER_MINUTE 1.6

struct _FdDayView
{
  GtkWidget      parent_instance;

  /* Owned */
  FdCache       *cache;
  GListModel    *appointments;
  GPtrArray     *columns;        /* FdCacheRow of the operatories shown */

  /* The block being dragged */
  FdAppointment *dragged;
  double         drag_start_x;
  double         drag_start_y;
  double         drag_dx;
  double         drag_dy;

  int            opens;          /* minutes after midnight */
  int            closes;
  int            slot;
};

G_DEFINE_FINAL_TYPE (FdDayView, fd_day_view, GTK_TYPE_WIDGET)

enum {
  MOVE_REQUESTED,
  MENU_REQUESTED,
  APPOINTMENT_ACTIVATED,
  SLOT_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Layout ---------------------------------------------------------------------------------- */

static int
parse_minutes (const char *time,
               int         fallback)
{
  int hours, minutes;

  if (time == NULL || sscanf (time, "%d:%d", &hours, &minutes) != 2)
    return fallback;
  return hours * 60 + minutes;
}

static void
read_practice_hours (FdDayView *self)
{
  g_autoptr(FdCacheRow) practice = NULL;

  self->opens = 8 * 60;
  self->closes = 18 * 60;
  self->slot = 10;
  if (self->cache == NULL)
    return;

  practice = g_list_model_get_item (fd_cache_get_table (self->cache, "practice"), 0);
  if (practice == NULL)
    return;
  self->opens = parse_minutes (fd_cache_row_get (practice, "opens_at"), self->opens);
  self->closes = parse_minutes (fd_cache_row_get (practice, "closes_at"), self->closes);
  self->slot = MAX (5, atoi (fd_cache_row_get (practice, "slot_minutes") ?: "10"));
}

static void
read_columns (FdDayView *self)
{
  GListModel *operatories;

  g_ptr_array_set_size (self->columns, 0);
  if (self->cache == NULL)
    return;

  operatories = fd_cache_get_table (self->cache, "operatories");
  for (guint i = 0; i < g_list_model_get_n_items (operatories); i++)
    {
      FdCacheRow *row = g_list_model_get_item (operatories, i);

      if (fd_cache_row_get_boolean (row, "hidden"))
        g_object_unref (row);
      else
        g_ptr_array_add (self->columns, row);
    }
}

static void
layout_changed_cb (FdDayView *self)
{
  read_practice_hours (self);
  read_columns (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static double
column_width (FdDayView *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));

  return self->columns->len == 0 ? 0 : (width - GUTTER_WIDTH) / (double) self->columns->len;
}

static int
column_of_operatory (FdDayView  *self,
                     const char *operatory_id)
{
  for (guint i = 0; i < self->columns->len; i++)
    {
      if (g_str_equal (fd_cache_row_get_id (g_ptr_array_index (self->columns, i)), operatory_id))
        return i;
    }
  return -1;
}

static double
y_of_minute (FdDayView *self,
             double     minute)
{
  return HEADER_HEIGHT + (minute - self->opens) * PIXELS_PER_MINUTE;
}

static gboolean
block_rect (FdDayView       *self,
            FdAppointment   *appointment,
            graphene_rect_t *rect)
{
  int column = column_of_operatory (self, fd_appointment_get_operatory_id (appointment));
  double width = column_width (self);

  if (column < 0)
    return FALSE;

  graphene_rect_init (rect, GUTTER_WIDTH + column * width + 3,
                      y_of_minute (self, fd_appointment_get_start_minute (appointment)) + 1,
                      width - 6, fd_appointment_get_length (appointment) * PIXELS_PER_MINUTE - 2);
  return TRUE;
}

static FdAppointment *
appointment_at (FdDayView *self,
                double     x,
                double     y)
{
  guint n = self->appointments != NULL ? g_list_model_get_n_items (self->appointments) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FdAppointment) appointment = g_list_model_get_item (self->appointments, i);
      graphene_rect_t rect;

      if (block_rect (self, appointment, &rect) &&
          graphene_rect_contains_point (&rect, &GRAPHENE_POINT_INIT (x, y)))
        return appointment;
    }
  return NULL;
}

/* Drawing -------------------------------------------------------------------------------- */

static void
parse_colour (const char *text,
              GdkRGBA    *colour)
{
  if (text == NULL || !gdk_rgba_parse (colour, text))
    gdk_rgba_parse (colour, "#3584e4");
}

static void
draw_text (GtkWidget  *widget,
           cairo_t    *cr,
           const char *text,
           double      x,
           double      y,
           double      width,
           gboolean    bold)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);

  if (bold)
    {
      PangoAttrList *attributes = pango_attr_list_new ();

      pango_attr_list_insert (attributes, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
      pango_layout_set_attributes (layout, attributes);
      pango_attr_list_unref (attributes);
    }
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_grid (FdDayView *self,
           cairo_t   *cr,
           int        width,
           GdkRGBA   *foreground)
{
  double column = column_width (self);

  for (int minute = self->opens; minute <= self->closes; minute += self->slot)
    {
      double y = y_of_minute (self, minute);
      gboolean hour = minute % 60 == 0;

      cairo_set_source_rgba (cr, foreground->red, foreground->green, foreground->blue,
                             hour ? 0.25 : 0.08);
      cairo_move_to (cr, GUTTER_WIDTH, y + 0.5);
      cairo_line_to (cr, width, y + 0.5);
      cairo_stroke (cr);
      if (hour)
        {
          g_autofree char *label = g_strdup_printf ("%02d:00", minute / 60);

          cairo_set_source_rgba (cr, foreground->red, foreground->green, foreground->blue, 0.6);
          draw_text (GTK_WIDGET (self), cr, label, 8, y - 2, GUTTER_WIDTH - 12, FALSE);
        }
    }

  for (guint i = 0; i < self->columns->len; i++)
    {
      double x = GUTTER_WIDTH + i * column;

      cairo_set_source_rgba (cr, foreground->red, foreground->green, foreground->blue, 0.15);
      cairo_move_to (cr, x + 0.5, 0);
      cairo_line_to (cr, x + 0.5, y_of_minute (self, self->closes));
      cairo_stroke (cr);
      cairo_set_source_rgba (cr, foreground->red, foreground->green, foreground->blue, 0.9);
      draw_text (GTK_WIDGET (self), cr,
                 fd_cache_row_get (g_ptr_array_index (self->columns, i), "name"),
                 x + 8, 7, column - 16, TRUE);
    }
}

static void
draw_block (FdDayView     *self,
            cairo_t       *cr,
            FdAppointment *appointment,
            double         dx,
            double         dy)
{
  FdCacheRow *provider = fd_cache_lookup (self->cache, "providers",
                                          fd_appointment_get_provider_id (appointment));
  const char *status = fd_appointment_get_status (appointment);
  gboolean broken = g_str_equal (status, "broken");
  g_autofree char *state = NULL;
  graphene_rect_t rect;
  GdkRGBA colour;
  double radius = 6;

  if (!block_rect (self, appointment, &rect))
    return;
  graphene_rect_offset (&rect, dx, dy);
  parse_colour (provider != NULL ? fd_cache_row_get (provider, "color") : NULL, &colour);

  cairo_new_sub_path (cr);
  cairo_arc (cr, rect.origin.x + rect.size.width - radius, rect.origin.y + radius, radius,
             -G_PI / 2, 0);
  cairo_arc (cr, rect.origin.x + rect.size.width - radius,
             rect.origin.y + rect.size.height - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, rect.origin.x + radius, rect.origin.y + rect.size.height - radius, radius,
             G_PI / 2, G_PI);
  cairo_arc (cr, rect.origin.x + radius, rect.origin.y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
  cairo_set_source_rgba (cr, colour.red, colour.green, colour.blue, broken ? 0.12 : 0.28);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, colour.red, colour.green, colour.blue, 0.9);
  cairo_set_line_width (cr, dx != 0 || dy != 0 ? 2.5 : 1);
  cairo_stroke (cr);
  cairo_set_line_width (cr, 1);

  /* Translators: status, then confirmation, on an appointment in the book */
  state = g_strdup_printf (_("%s · %s"),
                           g_str_equal (status, "complete") ? _("✓ Complete")
                           : broken ? _("Broken") : _("Scheduled"),
                           fd_appointment_get_confirmation (appointment) ?: _("Not confirmed"));
  cairo_set_source_rgba (cr, 0.1, 0.1, 0.1, broken ? 0.5 : 0.95);
  draw_text (GTK_WIDGET (self), cr, fd_appointment_get_client_name (appointment),
             rect.origin.x + 6, rect.origin.y + 3, rect.size.width - 12, TRUE);
  if (rect.size.height > 36)
    draw_text (GTK_WIDGET (self), cr, fd_appointment_get_procedures (appointment) ?: "",
               rect.origin.x + 6, rect.origin.y + 20, rect.size.width - 12, FALSE);
  if (rect.size.height > 54)
    draw_text (GTK_WIDGET (self), cr, state, rect.origin.x + 6, rect.origin.y + 37,
               rect.size.width - 12, FALSE);
}

static void
fd_day_view_snapshot (GtkWidget   *widget,
                      GtkSnapshot *snapshot)
{
  FdDayView *self = FD_DAY_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  guint n = self->appointments != NULL ? g_list_model_get_n_items (self->appointments) : 0;
  GdkRGBA foreground;
  cairo_t *cr;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &foreground);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  draw_grid (self, cr, width, &foreground);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FdAppointment) appointment = g_list_model_get_item (self->appointments, i);

      if (appointment != self->dragged)
        draw_block (self, cr, appointment, 0, 0);
    }
  if (self->dragged != NULL)
    draw_block (self, cr, self->dragged, self->drag_dx, self->drag_dy);

  cairo_destroy (cr);
}

static void
fd_day_view_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  FdDayView *self = FD_DAY_VIEW (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = *natural = GUTTER_WIDTH + MAX (1, self->columns->len) * MIN_COLUMN_WIDTH;
  else
    *minimum = *natural = (int) y_of_minute (self, self->closes) + 8;
}

/* Pointer ---------------------------------------------------------------------------------- */

static void
drag_begin_cb (GtkGestureDrag *gesture,
               double          x,
               double          y,
               FdDayView      *self)
{
  FdAppointment *appointment = appointment_at (self, x, y);

  if (appointment == NULL)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  g_set_object (&self->dragged, appointment);
  self->drag_start_x = x;
  self->drag_start_y = y;
  self->drag_dx = self->drag_dy = 0;
}

static void
drag_update_cb (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                FdDayView      *self)
{
  if (self->dragged == NULL)
    return;
  self->drag_dx = dx;
  self->drag_dy = dy;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
drag_end_cb (GtkGestureDrag *gesture,
             double          dx,
             double          dy,
             FdDayView      *self)
{
  g_autoptr(FdAppointment) moved = g_steal_pointer (&self->dragged);
  double width = column_width (self);
  int column;
  int minute;

  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (moved == NULL || (ABS (dx) < 4 && ABS (dy) < 4) || width <= 0)
    return;

  column = CLAMP ((int) ((self->drag_start_x + dx - GUTTER_WIDTH) / width), 0,
                  (int) self->columns->len - 1);
  /* The block's top lands on the slot nearest to where it was dropped. */
  minute = fd_appointment_get_start_minute (moved) + (int) (dy / PIXELS_PER_MINUTE);
  minute = (int) (((minute + self->slot / 2) / self->slot) * self->slot);
  minute = CLAMP (minute, self->opens, self->closes - fd_appointment_get_length (moved));

  g_signal_emit (self, signals[MOVE_REQUESTED], 0, moved,
                 fd_cache_row_get_id (g_ptr_array_index (self->columns, column)), minute);
}

/* A double click opens the appointment there, or books one in the empty slot. */
static void
primary_pressed_cb (GtkGestureClick *gesture,
                    int              n_press,
                    double           x,
                    double           y,
                    FdDayView       *self)
{
  FdAppointment *appointment;
  double width = column_width (self);
  int column;
  int minute;

  if (n_press != 2)
    return;

  appointment = appointment_at (self, x, y);
  if (appointment != NULL)
    {
      g_signal_emit (self, signals[APPOINTMENT_ACTIVATED], 0, appointment);
      return;
    }

  if (width <= 0 || x < GUTTER_WIDTH || y < HEADER_HEIGHT)
    return;
  column = MIN ((int) ((x - GUTTER_WIDTH) / width), (int) self->columns->len - 1);
  minute = self->opens + (int) ((y - HEADER_HEIGHT) / PIXELS_PER_MINUTE);
  minute -= minute % self->slot;
  if (minute >= self->closes)
    return;
  g_signal_emit (self, signals[SLOT_ACTIVATED], 0,
                 fd_cache_row_get_id (g_ptr_array_index (self->columns, column)), minute);
}

static void
secondary_pressed_cb (GtkGestureClick *gesture,
                      int              n_press,
                      double           x,
                      double           y,
                      FdDayView       *self)
{
  FdAppointment *appointment = appointment_at (self, x, y);

  if (appointment != NULL)
    g_signal_emit (self, signals[MENU_REQUESTED], 0, appointment, x, y);
}

/* GObject --------------------------------------------------------------------------------- */

static void
fd_day_view_dispose (GObject *object)
{
  FdDayView *self = FD_DAY_VIEW (object);

  g_clear_object (&self->dragged);
  g_clear_object (&self->appointments);
  g_clear_object (&self->cache);
  g_clear_pointer (&self->columns, g_ptr_array_unref);

  G_OBJECT_CLASS (fd_day_view_parent_class)->dispose (object);
}

static void
fd_day_view_class_init (FdDayViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fd_day_view_dispose;
  widget_class->snapshot = fd_day_view_snapshot;
  widget_class->measure = fd_day_view_measure;

  /**
   * FdDayView::move-requested:
   * @appointment: what was dragged
   * @operatory_id: the column it was dropped in
   * @minute: its new start, in minutes after midnight
   */
  signals[MOVE_REQUESTED] =
    g_signal_new ("move-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 3, FD_TYPE_APPOINTMENT, G_TYPE_STRING, G_TYPE_INT);

  /**
   * FdDayView::menu-requested:
   * @appointment: what was clicked
   * @x: where, in the view's coordinates
   * @y: where, in the view's coordinates
   */
  signals[MENU_REQUESTED] =
    g_signal_new ("menu-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 3, FD_TYPE_APPOINTMENT, G_TYPE_DOUBLE, G_TYPE_DOUBLE);

  /**
   * FdDayView::appointment-activated:
   * @appointment: what was double-clicked
   */
  signals[APPOINTMENT_ACTIVATED] =
    g_signal_new ("appointment-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 1, FD_TYPE_APPOINTMENT);

  /**
   * FdDayView::slot-activated:
   * @operatory_id: the column of the empty slot double-clicked
   * @minute: its start, minutes after midnight
   */
  signals[SLOT_ACTIVATED] =
    g_signal_new ("slot-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_INT);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GRID);
}

static void
fd_day_view_init (FdDayView *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkGesture *secondary = gtk_gesture_click_new ();
  GtkGesture *primary = gtk_gesture_click_new ();

  self->columns = g_ptr_array_new_with_free_func (g_object_unref);
  read_practice_hours (self);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (primary), GDK_BUTTON_PRIMARY);
  g_signal_connect (primary, "pressed", G_CALLBACK (primary_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (primary));

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (secondary), GDK_BUTTON_SECONDARY);
  g_signal_connect (secondary, "pressed", G_CALLBACK (secondary_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (secondary));
}

GtkWidget *
fd_day_view_new (void)
{
  return g_object_new (FD_TYPE_DAY_VIEW, NULL);
}

/* The columns, hours and colours come from @cache and follow it. */
void
fd_day_view_set_cache (FdDayView *self,
                       FdCache   *cache)
{
  const char *tables[] = { "operatories", "providers", "practice" };

  g_return_if_fail (FD_IS_DAY_VIEW (self));

  if (!g_set_object (&self->cache, cache))
    return;
  for (guint i = 0; cache != NULL && i < G_N_ELEMENTS (tables); i++)
    g_signal_connect_object (fd_cache_get_table (cache, tables[i]), "items-changed",
                             G_CALLBACK (layout_changed_cb), self, G_CONNECT_SWAPPED);
  layout_changed_cb (self);
}

void
fd_day_view_set_appointments (FdDayView  *self,
                              GListModel *appointments)
{
  g_return_if_fail (FD_IS_DAY_VIEW (self));

  g_set_object (&self->appointments, appointments);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * fd_day_view_get_appointments:
 *
 * Returns: (transfer none) (nullable): the appointments shown
 */
GListModel *
fd_day_view_get_appointments (FdDayView *self)
{
  g_return_val_if_fail (FD_IS_DAY_VIEW (self), NULL);

  return self->appointments;
}

/**
 * fd_day_view_find:
 *
 * Returns: (transfer none) (nullable): the appointment shown with @appointment_id
 */
FdAppointment *
fd_day_view_find (FdDayView  *self,
                  const char *appointment_id)
{
  guint n = self->appointments != NULL ? g_list_model_get_n_items (self->appointments) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FdAppointment) appointment = g_list_model_get_item (self->appointments, i);

      if (g_str_equal (fd_appointment_get_id (appointment), appointment_id))
        return appointment;
    }
  return NULL;
}
