/* fd-day-view.c: one day of the appointment book: a column for each operatory, a time
 * grid from the practice's hours, and each appointment a block in the provider's colour.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Like GNOME Calendar's week grid, every appointment is a child widget (FdAppointmentBlock)
 * and so is every free slot: each is focusable and named for a screen reader, the arrow
 * keys move between them, Enter opens the appointment or books the slot, Shift+F10 or the
 * Menu key asks for the appointment's menu (::menu-requested), as a right click does.
 * Blocks drag with GTK's drag source onto the view's drop target (::move-requested); that
 * input is fd-day-view-input.c, the free slots and times fd-day-slot.c. Everything comes
 * from the cache (operatories, providers, practice hours) and the day's appointments, so the
 * view follows either when it changes.
 */
#include <adwaita.h>
#include <glib/gi18n.h>
#include <stdlib.h>

#include "fd-appointment-block.h"
#include "fd-day-view-private.h"
#include "fd-ui-util.h"

/* The day view ----------------------------------------------------------------------------- */

G_DEFINE_FINAL_TYPE (FdDayView, fd_day_view, GTK_TYPE_WIDGET)

guint fd_day_view_signals[FD_DAY_VIEW_N_SIGNALS];


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

void
fd_day_view_layout_changed (FdDayView *self)
{
  read_practice_hours (self);
  fd_day_view_read_columns (self);
  fd_day_view_rebuild (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

double
fd_day_view_column_width (FdDayView *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));

  return self->columns->len == 0 ? 0 : (width - GUTTER_WIDTH) / (double) self->columns->len;
}

static double
y_of_minute (FdDayView *self,
             double     minute)
{
  return HEADER_HEIGHT + (minute - self->opens) * PIXELS_PER_MINUTE;
}

static gboolean
is_shown (FdDayView     *self,
          FdAppointment *appointment)
{
  const char *provider = fd_day_view_shown_provider (self);

  return (self->show_cancelled || !fd_appointment_is_cancelled (appointment)) &&
         (provider == NULL ||
          g_strcmp0 (fd_appointment_get_provider_id (appointment), provider) == 0) &&
         fd_day_view_column_of_appointment (self, appointment) >= 0;
}

/* Where a child sits: its column, and the minutes it spans. */
gboolean
fd_day_view_child_position (FdDayView *self,
                GtkWidget *child,
                int       *column,
                int       *start,
                int       *end)
{
  if (FD_IS_APPOINTMENT_BLOCK (child))
    {
      FdAppointment *appointment =
        fd_appointment_block_get_appointment (FD_APPOINTMENT_BLOCK (child));

      *column = fd_day_view_column_of_appointment (self, appointment);
      *start = fd_appointment_get_start_minute (appointment);
      *end = *start + fd_appointment_get_length (appointment);
      return *column >= 0;
    }
  if (FD_IS_DAY_SLOT (child))
    {
      *column = fd_day_view_column_of (self, FD_DAY_SLOT (child)->day,
                                       FD_DAY_SLOT (child)->operatory_id);
      *start = FD_DAY_SLOT (child)->minute;
      *end = *start + self->slot;
      return *column >= 0;
    }
  return FALSE;
}

/* Whether a shown block, or an appointment another provider's filter hides, takes the
 * time: a filtered book offers no slot that is not free. */
static gboolean
covered (FdDayView *self,
         int        column,
         int        from,
         int        to)
{
  guint n = self->appointments != NULL ? g_list_model_get_n_items (self->appointments) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FdAppointment) appointment = g_list_model_get_item (self->appointments, i);
      int start = fd_appointment_get_start_minute (appointment);
      int end = start + fd_appointment_get_length (appointment);

      if ((is_shown (self, appointment) || !fd_appointment_is_cancelled (appointment)) &&
          fd_day_view_column_of_appointment (self, appointment) == column &&
          start < to && end > from)
        return TRUE;
    }
  return FALSE;
}

/* Children ------------------------------------------------------------------------------- */

/* The child that has the window's focus, or holds it: asked of the window, as the focus
 * chain below the view is not kept while a menu outside it has had the focus. */
GtkWidget *
fd_day_view_focused_child (FdDayView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  while (focus != NULL && gtk_widget_get_parent (focus) != GTK_WIDGET (self))
    focus = gtk_widget_get_parent (focus);
  return focus;
}

/**
 * fd_day_view_provider_name:
 * @provider: (nullable): a row of the cached providers
 * @owned: (out): set to the name made, to be freed
 *
 * Returns: (nullable): the provider as the book names them ("Dr Lee")
 */
const char *
fd_day_view_provider_name (FdCacheRow *provider,
                           char      **owned)
{
  const char *title;

  if (provider == NULL)
    return NULL;
  title = fd_cache_row_get (provider, "title");
  *owned = g_strdup_printf ("%s %s", title != NULL && *title != '\0'
                                     ? title : fd_cache_row_get (provider, "first_name"),
                            fd_cache_row_get (provider, "last_name"));
  return *owned;
}


static GtkWidget *
block_for (FdDayView     *self,
           FdAppointment *appointment)
{
  GtkWidget *block = g_hash_table_lookup (self->blocks, fd_appointment_get_id (appointment));

  if (block != NULL)
    return block;

  block = fd_appointment_block_new ();
  fd_appointment_block_set_open_records (FD_APPOINTMENT_BLOCK (block), self->open_records);
  fd_day_view_add_drag_source (self, block);
  gtk_widget_set_parent (block, GTK_WIDGET (self));
  g_hash_table_insert (self->blocks, g_strdup (fd_appointment_get_id (appointment)), block);
  return block;
}

static void
update_block (FdDayView     *self,
              FdAppointment *appointment)
{
  FdCacheRow *provider = fd_cache_lookup (self->cache, "providers",
                                          fd_appointment_get_provider_id (appointment));
  FdCacheRow *operatory = fd_cache_lookup (self->cache, "operatories",
                                           fd_appointment_get_operatory_id (appointment));
  g_autofree char *times = _fd_day_view_format_times (fd_appointment_get_start_minute (appointment),
                                         fd_appointment_get_length (appointment));
  g_autofree char *name = NULL;

  fd_appointment_block_set_appointment (FD_APPOINTMENT_BLOCK (block_for (self, appointment)),
                                        appointment, times,
                                        operatory != NULL ? fd_cache_row_get (operatory, "name")
                                                          : NULL,
                                        fd_day_view_provider_name (provider, &name),
                                        provider != NULL ? fd_cache_row_get (provider, "color")
                                                         : NULL);
}

static void
add_slot (FdDayView *self,
          guint      column,
          int        minute)
{
  FdDaySlot *slot = g_object_new (FD_TYPE_DAY_SLOT, NULL);

  slot->operatory_id = g_strdup (fd_day_view_column_operatory (self, column));
  slot->day = g_strdup (((FdBookColumn *) g_ptr_array_index (self->columns, column))->day);
  slot->minute = minute;
  /* Free slots go first among the children: the blocks are drawn over them. */
  gtk_widget_insert_after (GTK_WIDGET (slot), GTK_WIDGET (self), NULL);
  g_ptr_array_add (self->slots, slot);
}

/* The blocks follow the appointments (kept by id, so focus stays where it was), and a free
 * slot is wherever no block is. */
void
fd_day_view_rebuild (FdDayView *self)
{
  GtkWidget *focused = fd_day_view_focused_child (self);
  g_autofree char *focused_id = NULL;
  g_autofree char *focused_operatory = NULL;
  g_autofree char *focused_day = NULL;
  int focused_minute = -1;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = self->appointments != NULL ? g_list_model_get_n_items (self->appointments) : 0;
  GHashTableIter iter;
  gpointer id, block;

  if (FD_IS_APPOINTMENT_BLOCK (focused))
    focused_id = g_strdup (fd_appointment_get_id (
      fd_appointment_block_get_appointment (FD_APPOINTMENT_BLOCK (focused))));
  else if (FD_IS_DAY_SLOT (focused))
    {
      focused_operatory = g_strdup (FD_DAY_SLOT (focused)->operatory_id);
      focused_day = g_strdup (FD_DAY_SLOT (focused)->day);
      focused_minute = FD_DAY_SLOT (focused)->minute;
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FdAppointment) appointment = g_list_model_get_item (self->appointments, i);

      if (!is_shown (self, appointment))
        continue;
      update_block (self, appointment);
      g_hash_table_add (seen, (gpointer) fd_appointment_get_id (appointment));
    }
  g_hash_table_iter_init (&iter, self->blocks);
  while (g_hash_table_iter_next (&iter, &id, &block))
    {
      if (!g_hash_table_contains (seen, id))
        {
          gtk_widget_unparent (block);
          g_hash_table_iter_remove (&iter);
        }
    }

  for (guint i = 0; i < self->slots->len; i++)
    gtk_widget_unparent (g_ptr_array_index (self->slots, i));
  g_ptr_array_set_size (self->slots, 0);
  for (guint column = 0; column < self->columns->len; column++)
    {
      for (int minute = self->opens; minute + self->slot <= self->closes; minute += self->slot)
        {
          if (!covered (self, column, minute, minute + self->slot))
            add_slot (self, column, minute);
        }
    }

  fd_day_view_mark_holds (self);

  if (focused_id != NULL && g_hash_table_contains (self->blocks, focused_id))
    gtk_widget_grab_focus (g_hash_table_lookup (self->blocks, focused_id));
  else if (focused_operatory != NULL || focused_id != NULL)
    {
      GtkWidget *slot = fd_day_view_get_slot_on (self, focused_day, focused_operatory ?: "",
                                                 focused_minute);

      if (slot != NULL)
        gtk_widget_grab_focus (slot);
    }
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

/* Drawing -------------------------------------------------------------------------------- */

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

/* The lines of the grid stop at blocks: never drawn through one. */
static void
draw_grid (FdDayView *self,
           cairo_t   *cr,
           GdkRGBA   *foreground)
{
  double column = fd_day_view_column_width (self);

  for (int minute = self->opens; minute <= self->closes; minute += self->slot)
    {
      double y = y_of_minute (self, minute);
      gboolean hour = minute % 60 == 0;

      cairo_set_source_rgba (cr, foreground->red, foreground->green, foreground->blue,
                             hour ? 0.25 : 0.08);
      for (guint i = 0; i < self->columns->len; i++)
        {
          if (covered (self, i, minute - 1, minute + 1))
            continue;
          cairo_move_to (cr, GUTTER_WIDTH + i * column, y + 0.5);
          cairo_line_to (cr, GUTTER_WIDTH + (i + 1) * column, y + 0.5);
        }
      cairo_move_to (cr, GUTTER_WIDTH - 6, y + 0.5);
      cairo_line_to (cr, GUTTER_WIDTH, y + 0.5);
      cairo_stroke (cr);
      if (hour)
        {
          g_autofree char *label = fd_day_view_format_time (minute);

          cairo_set_source_rgba (cr, foreground->red, foreground->green, foreground->blue, 0.6);
          draw_text (GTK_WIDGET (self), cr, label, 4, y - 2, GUTTER_WIDTH - 10, FALSE);
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
                 ((FdBookColumn *) g_ptr_array_index (self->columns, i))->title,
                 x + 8, 7, column - 16, TRUE);
    }
}

static void
fd_day_view_snapshot (GtkWidget   *widget,
                      GtkSnapshot *snapshot)
{
  FdDayView *self = FD_DAY_VIEW (widget);
  GdkRGBA foreground;
  cairo_t *cr;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &foreground);
  cr = gtk_snapshot_append_cairo (snapshot,
                                  &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (widget),
                                                       gtk_widget_get_height (widget)));
  cairo_set_line_width (cr, 1);
  draw_grid (self, cr, &foreground);
  cairo_destroy (cr);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_snapshot_child (widget, child, snapshot);
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

static void
fd_day_view_size_allocate (GtkWidget *widget,
                           int        width,
                           int        height,
                           int        baseline)
{
  FdDayView *self = FD_DAY_VIEW (widget);
  double column = fd_day_view_column_width (self);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_column, start, end;
      int inset = FD_IS_APPOINTMENT_BLOCK (child) ? 3 : 1;
      double top, bottom;

      if (!fd_day_view_child_position (self, child, &child_column, &start, &end))
        continue;
      top = y_of_minute (self, start) + 1;
      bottom = y_of_minute (self, end) - 1;
      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, NULL, NULL, NULL, NULL);
      gtk_widget_size_allocate (child,
                                &(GtkAllocation) { (int) (GUTTER_WIDTH + child_column * column) + inset,
                                                   (int) top,
                                                   MAX (1, (int) column - 2 * inset),
                                                   MAX (1, (int) (bottom - top)) },
                                -1);
    }
}


/* GObject --------------------------------------------------------------------------------- */

static void
fd_day_view_dispose (GObject *object)
{
  FdDayView *self = FD_DAY_VIEW (object);
  GtkWidget *child;

  g_clear_pointer (&self->blocks, g_hash_table_unref);
  g_clear_pointer (&self->slots, g_ptr_array_unref);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->appointments);
  g_clear_object (&self->cache);
  g_clear_object (&self->open_records);
  g_clear_pointer (&self->columns, g_ptr_array_unref);
  g_clear_pointer (&self->provider_filter, g_free);
  g_clear_object (&self->holds);
  g_clear_pointer (&self->week_days, g_strfreev);
  g_clear_pointer (&self->week_operatory, g_free);
  g_clear_pointer (&self->week_provider, g_free);

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
  widget_class->size_allocate = fd_day_view_size_allocate;
  widget_class->focus = fd_day_view_focus;

  /**
   * FdDayView::move-requested:
   * @appointment: what was dragged
   * @operatory_id: the column it was dropped in
   * @minute: its new start, in minutes after midnight
   * @day: (nullable): the week's day it was dropped on; %NULL: the day shown
   */
  fd_day_view_signals[FD_DAY_VIEW_MOVE_REQUESTED] =
    g_signal_new ("move-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 4, FD_TYPE_APPOINTMENT, G_TYPE_STRING, G_TYPE_INT,
                  G_TYPE_STRING);

  /**
   * FdDayView::menu-requested:
   * @appointment: what was clicked, or had focus when the menu key was pressed
   * @x: where, in the view's coordinates
   * @y: where, in the view's coordinates
   */
  fd_day_view_signals[FD_DAY_VIEW_MENU_REQUESTED] =
    g_signal_new ("menu-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 3, FD_TYPE_APPOINTMENT, G_TYPE_DOUBLE, G_TYPE_DOUBLE);

  /**
   * FdDayView::appointment-activated:
   * @appointment: what was double-clicked, or had focus when Enter was pressed
   */
  fd_day_view_signals[FD_DAY_VIEW_APPOINTMENT_ACTIVATED] =
    g_signal_new ("appointment-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 1, FD_TYPE_APPOINTMENT);

  /**
   * FdDayView::slot-activated:
   * @operatory_id: the column of the free slot double-clicked or activated with Enter
   * @minute: its start, minutes after midnight
   * @day: (nullable): the week's day of the slot; %NULL: the day shown
   */
  fd_day_view_signals[FD_DAY_VIEW_SLOT_ACTIVATED] =
    g_signal_new ("slot-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_INT, G_TYPE_STRING);

  /**
   * FdDayView::cut-requested:
   * @appointment: the appointment that had focus when Ctrl+X was pressed
   */
  fd_day_view_signals[FD_DAY_VIEW_CUT_REQUESTED] =
    g_signal_new ("cut-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, FD_TYPE_APPOINTMENT);

  /**
   * FdDayView::paste-requested:
   * @operatory_id: the column of the free slot that had focus when Ctrl+V was pressed
   * @minute: its start, minutes after midnight
   * @day: (nullable): the week's day of the slot; %NULL: the day shown
   */
  fd_day_view_signals[FD_DAY_VIEW_PASTE_REQUESTED] =
    g_signal_new ("paste-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_INT, G_TYPE_STRING);

  gtk_widget_class_set_css_name (widget_class, "dayview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GRID);
}

static void
fd_day_view_init (FdDayView *self)
{
  self->columns = g_ptr_array_new_with_free_func ((GDestroyNotify) fd_book_column_free);
  self->blocks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->slots = g_ptr_array_new ();
  read_practice_hours (self);
  fd_day_view_init_input (self);
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
  const char *tables[] = { "operatories", "providers", "practice", "provider_schedules" };

  g_return_if_fail (FD_IS_DAY_VIEW (self));

  if (!g_set_object (&self->cache, cache))
    return;
  for (guint i = 0; cache != NULL && i < G_N_ELEMENTS (tables); i++)
    g_signal_connect_object (fd_cache_get_table (cache, tables[i]), "items-changed",
                             G_CALLBACK (fd_day_view_layout_changed), self, G_CONNECT_SWAPPED);
  fd_day_view_layout_changed (self);
}

/* The blocks show a badge on the appointments @open_records says another desk has open. */
void
fd_day_view_set_open_records (FdDayView     *self,
                              FdOpenRecords *open_records)
{
  GHashTableIter iter;
  gpointer block;

  g_return_if_fail (FD_IS_DAY_VIEW (self));

  if (!g_set_object (&self->open_records, open_records))
    return;
  g_hash_table_iter_init (&iter, self->blocks);
  while (g_hash_table_iter_next (&iter, NULL, &block))
    fd_appointment_block_set_open_records (block, open_records);
}

void
fd_day_view_set_appointments (FdDayView  *self,
                              GListModel *appointments)
{
  g_return_if_fail (FD_IS_DAY_VIEW (self));

  g_set_object (&self->appointments, appointments);
  fd_day_view_rebuild (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * fd_day_view_get_appointments:
 *
 * Returns: (transfer none) (nullable): the day's appointments, shown or not
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
 * Returns: (transfer none) (nullable): the appointment of the day with @appointment_id
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

/**
 * fd_day_view_get_block:
 *
 * Returns: (transfer none) (nullable): the block showing @appointment_id, if it is shown
 */
GtkWidget *
fd_day_view_get_block (FdDayView  *self,
                       const char *appointment_id)
{
  g_return_val_if_fail (FD_IS_DAY_VIEW (self), NULL);

  return g_hash_table_lookup (self->blocks, appointment_id);
}

/**
 * fd_day_view_get_slot:
 *
 * Returns: (transfer none) (nullable): the free slot of @operatory_id at @minute
 */
GtkWidget *
fd_day_view_get_slot (FdDayView  *self,
                      const char *operatory_id,
                      int         minute)
{
  return fd_day_view_get_slot_on (self, NULL, operatory_id, minute);
}

/**
 * fd_day_view_get_slot_on:
 * @day: (nullable): the week's day, YYYY-MM-DD; %NULL for any
 *
 * Returns: (transfer none) (nullable): the free slot of @operatory_id at @minute on @day
 */
GtkWidget *
fd_day_view_get_slot_on (FdDayView  *self,
                         const char *day,
                         const char *operatory_id,
                         int         minute)
{
  g_return_val_if_fail (FD_IS_DAY_VIEW (self), NULL);

  for (guint i = 0; i < self->slots->len; i++)
    {
      FdDaySlot *slot = g_ptr_array_index (self->slots, i);

      if (slot->minute == minute && g_strcmp0 (slot->operatory_id, operatory_id) == 0 &&
          (day == NULL || slot->day == NULL || g_str_equal (slot->day, day)))
        return GTK_WIDGET (slot);
    }
  return NULL;
}

/* Cancelled appointments are hidden unless asked for; they are kept all the same. */
void
fd_day_view_set_show_cancelled (FdDayView *self,
                                gboolean   show_cancelled)
{
  g_return_if_fail (FD_IS_DAY_VIEW (self));

  if (self->show_cancelled == !!show_cancelled)
    return;
  self->show_cancelled = !!show_cancelled;
  fd_day_view_rebuild (self);
}

/* Only @provider_id's appointments are shown (all when %NULL or ""); the time the others
 * take stays taken. */
void
fd_day_view_set_provider_filter (FdDayView  *self,
                                 const char *provider_id)
{
  g_return_if_fail (FD_IS_DAY_VIEW (self));

  if (provider_id != NULL && provider_id[0] == '\0')
    provider_id = NULL;
  if (g_strcmp0 (self->provider_filter, provider_id) == 0)
    return;
  g_free (self->provider_filter);
  self->provider_filter = g_strdup (provider_id);
  fd_day_view_rebuild (self);
}

gboolean
fd_day_view_get_show_cancelled (FdDayView *self)
{
  g_return_val_if_fail (FD_IS_DAY_VIEW (self), FALSE);

  return self->show_cancelled;
}
