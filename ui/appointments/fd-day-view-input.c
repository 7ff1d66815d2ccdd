/* fd-day-view-input.c: the day view's keyboard, pointer, and drag and drop.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The arrow keys move between blocks and free slots, Enter opens the appointment or books
 * the slot, Shift+F10 or the Menu key asks for the appointment's menu, as a right click
 * does; Ctrl+X on a block asks to cut it, Ctrl+V on a free slot to paste it there; a double click opens or books. Blocks drag with GTK's drag source onto the view's
 * drop target, which asks for the move (::move-requested).
 */
#include "fd-appointment-block.h"
#include "fd-day-view-private.h"

/* Drag and drop ----------------------------------------------------------------------------- */

static GdkContentProvider *
drag_prepare_cb (GtkDragSource *source,
                 double         x,
                 double         y,
                 FdDayView     *self)
{
  GtkWidget *block = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));

  self->drag_hotspot_y = y;
  return gdk_content_provider_new_typed (FD_TYPE_APPOINTMENT,
                                         fd_appointment_block_get_appointment (
                                           FD_APPOINTMENT_BLOCK (block)));
}

static void
drag_begin_cb (GtkDragSource *source,
               GdkDrag       *drag,
               FdDayView     *self)
{
  GtkWidget *block = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (block);

  gtk_drag_source_set_icon (source, paintable, 8, (int) self->drag_hotspot_y);
}

void
fd_day_view_add_drag_source (FdDayView *self,
                             GtkWidget *block)
{
  GtkDragSource *source = gtk_drag_source_new ();

  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect (source, "prepare", G_CALLBACK (drag_prepare_cb), self);
  g_signal_connect (source, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  gtk_widget_add_controller (block, GTK_EVENT_CONTROLLER (source));
}

/* Keyboard -------------------------------------------------------------------------------- */

/* The child next to @from: up and down in its column, left and right at the same time. */
static GtkWidget *
neighbour (FdDayView *self,
           GtkWidget *from,
           guint      keyval)
{
  GtkWidget *best = NULL;
  int best_distance = G_MAXINT;
  int column, start, end;

  if (!fd_day_view_child_position (self, from, &column, &start, &end))
    return NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int other_column, other_start, other_end, distance;

      if (child == from || !fd_day_view_child_position (self, child, &other_column, &other_start, &other_end))
        continue;
      switch (keyval)
        {
        case GDK_KEY_Up:
          if (other_column != column || other_start >= start)
            continue;
          distance = start - other_start;
          break;
        case GDK_KEY_Down:
          if (other_column != column || other_start <= start)
            continue;
          distance = other_start - start;
          break;
        default:
          if (other_column != column + (keyval == GDK_KEY_Left ? -1 : 1))
            continue;
          /* What spans the same minute first, else what starts nearest to it. */
          distance = other_start <= start && start < other_end ? 0 : 1 + ABS (other_start - start);
          break;
        }
      if (distance < best_distance)
        {
          best = child;
          best_distance = distance;
        }
    }
  return best;
}

static void
request_menu (FdDayView *self,
              GtkWidget *block,
              double     x,
              double     y)
{
  graphene_point_t point;

  if (!gtk_widget_compute_point (block, GTK_WIDGET (self), &GRAPHENE_POINT_INIT (x, y), &point))
    return;
  gtk_widget_grab_focus (block);
  g_signal_emit (self, fd_day_view_signals[FD_DAY_VIEW_MENU_REQUESTED], 0,
                 fd_appointment_block_get_appointment (FD_APPOINTMENT_BLOCK (block)),
                 (double) point.x, (double) point.y);
}

static void
activate_child (FdDayView *self,
                GtkWidget *child)
{
  if (FD_IS_APPOINTMENT_BLOCK (child))
    g_signal_emit (self, fd_day_view_signals[FD_DAY_VIEW_APPOINTMENT_ACTIVATED], 0,
                   fd_appointment_block_get_appointment (FD_APPOINTMENT_BLOCK (child)));
  else if (FD_IS_DAY_SLOT (child))
    g_signal_emit (self, fd_day_view_signals[FD_DAY_VIEW_SLOT_ACTIVATED], 0,
                   FD_DAY_SLOT (child)->operatory_id, FD_DAY_SLOT (child)->minute,
                   FD_DAY_SLOT (child)->day);
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                FdDayView             *self)
{
  GtkWidget *focused = fd_day_view_focused_child (self);
  GdkModifierType modifiers = state & gtk_accelerator_get_default_mod_mask ();
  GtkWidget *next;

  if (focused == NULL)
    return FALSE;

  if ((keyval == GDK_KEY_F10 && modifiers == GDK_SHIFT_MASK) ||
      (keyval == GDK_KEY_Menu && modifiers == 0))
    {
      if (FD_IS_APPOINTMENT_BLOCK (focused))
        request_menu (self, focused, 12, MIN (12, gtk_widget_get_height (focused) / 2));
      return TRUE;
    }
  /* Cut and Paste: an appointment onto the pinboard, and from it into a free slot. */
  if (keyval == GDK_KEY_x && modifiers == GDK_CONTROL_MASK && FD_IS_APPOINTMENT_BLOCK (focused))
    {
      g_signal_emit (self, fd_day_view_signals[FD_DAY_VIEW_CUT_REQUESTED], 0,
                     fd_appointment_block_get_appointment (FD_APPOINTMENT_BLOCK (focused)));
      return TRUE;
    }
  if (keyval == GDK_KEY_v && modifiers == GDK_CONTROL_MASK && FD_IS_DAY_SLOT (focused))
    {
      g_signal_emit (self, fd_day_view_signals[FD_DAY_VIEW_PASTE_REQUESTED], 0,
                     FD_DAY_SLOT (focused)->operatory_id, FD_DAY_SLOT (focused)->minute,
                     FD_DAY_SLOT (focused)->day);
      return TRUE;
    }
  if (modifiers != 0)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
    case GDK_KEY_space:
      activate_child (self, focused);
      return TRUE;
    case GDK_KEY_Up:
    case GDK_KEY_Down:
    case GDK_KEY_Left:
    case GDK_KEY_Right:
      next = neighbour (self, focused, keyval);
      if (next != NULL)
        gtk_widget_grab_focus (next);
      return TRUE;
    default:
      return FALSE;
    }
}

/* Tab enters the book at its first appointment (or slot) and leaves it at once: inside,
 * the arrow keys move. */
gboolean
fd_day_view_focus (GtkWidget        *widget,
                   GtkDirectionType  direction)
{
  FdDayView *self = FD_DAY_VIEW (widget);
  GtkWidget *first = NULL;
  int first_column = G_MAXINT, first_start = G_MAXINT;

  if (fd_day_view_focused_child (self) != NULL)
    return FALSE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int column, start, end;
      gboolean is_block = FD_IS_APPOINTMENT_BLOCK (child);

      if (!fd_day_view_child_position (self, child, &column, &start, &end))
        continue;
      /* Blocks before slots, then by time, then by column. */
      start += is_block ? 0 : 24 * 60;
      if (start < first_start || (start == first_start && column < first_column))
        {
          first = child;
          first_start = start;
          first_column = column;
        }
    }
  return first != NULL && gtk_widget_grab_focus (first);
}

/* Pointer ---------------------------------------------------------------------------------- */

static GtkWidget *
child_at (FdDayView *self,
          double     x,
          double     y)
{
  GtkWidget *picked = gtk_widget_pick (GTK_WIDGET (self), x, y, GTK_PICK_DEFAULT);

  while (picked != NULL && picked != GTK_WIDGET (self) &&
         gtk_widget_get_parent (picked) != GTK_WIDGET (self))
    picked = gtk_widget_get_parent (picked);
  return picked != GTK_WIDGET (self) ? picked : NULL;
}

/* A double click opens the appointment there, or books one in the free slot. */
static void
primary_pressed_cb (GtkGestureClick *gesture,
                    int              n_press,
                    double           x,
                    double           y,
                    FdDayView       *self)
{
  GtkWidget *child = child_at (self, x, y);

  if (child != NULL)
    gtk_widget_grab_focus (child);
  if (n_press == 2 && child != NULL)
    activate_child (self, child);
}

static void
secondary_pressed_cb (GtkGestureClick *gesture,
                      int              n_press,
                      double           x,
                      double           y,
                      FdDayView       *self)
{
  GtkWidget *child = child_at (self, x, y);
  graphene_point_t point;

  if (!FD_IS_APPOINTMENT_BLOCK (child) ||
      !gtk_widget_compute_point (GTK_WIDGET (self), child, &GRAPHENE_POINT_INIT (x, y), &point))
    return;
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  request_menu (self, child, point.x, point.y);
}

/* The dropped block's top lands on the slot nearest to where it was dropped. */
static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         FdDayView     *self)
{
  FdAppointment *appointment = g_value_get_object (value);
  double width = fd_day_view_column_width (self);
  FdBookColumn *shown;
  int column;
  int minute;

  if (appointment == NULL || width <= 0 || self->columns->len == 0)
    return FALSE;

  column = CLAMP ((int) ((x - GUTTER_WIDTH) / width), 0, (int) self->columns->len - 1);
  minute = self->opens + (int) ((y - self->drag_hotspot_y - HEADER_HEIGHT) / PIXELS_PER_MINUTE);
  minute = (int) (((minute + self->slot / 2) / self->slot) * self->slot);
  minute = CLAMP (minute, self->opens, self->closes - fd_appointment_get_length (appointment));
  self->drag_hotspot_y = 0;

  if (minute == fd_appointment_get_start_minute (appointment) &&
      column == fd_day_view_column_of_appointment (self, appointment))
    return FALSE;
  shown = g_ptr_array_index (self->columns, column);
  /* In a provider's week a day is every room: the appointment keeps its own. */
  g_signal_emit (self, fd_day_view_signals[FD_DAY_VIEW_MOVE_REQUESTED], 0, appointment,
                 shown->operatory != NULL ? fd_cache_row_get_id (shown->operatory)
                                          : fd_appointment_get_operatory_id (appointment),
                 minute, shown->day);
  return TRUE;
}

void
fd_day_view_init_input (FdDayView *self)
{
  GtkGesture *secondary = gtk_gesture_click_new ();
  GtkGesture *primary = gtk_gesture_click_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkDropTarget *drop = gtk_drop_target_new (FD_TYPE_APPOINTMENT, GDK_ACTION_MOVE);


  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (primary), GDK_BUTTON_PRIMARY);
  g_signal_connect (primary, "pressed", G_CALLBACK (primary_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (primary));

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (secondary), GDK_BUTTON_SECONDARY);
  g_signal_connect (secondary, "pressed", G_CALLBACK (secondary_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (secondary));

  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  g_signal_connect (drop, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}
