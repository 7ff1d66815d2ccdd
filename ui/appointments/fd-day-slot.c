/* fd-day-slot.c: a free slot of the day view, focusable and booked with Enter, and the
 * times of day as the desktop writes them, for the view, its rows and its dialogs.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>
#include <glib/gi18n.h>
#include <stdlib.h>

#include "fd-day-view-private.h"
#include "fd-format.h"
#include "fd-ui-util.h"

/* A free slot: focusable, and booked with Enter ------------------------------------------- */

G_DEFINE_FINAL_TYPE (FdDaySlot, fd_day_slot, GTK_TYPE_WIDGET)

/* A slot another desk is booking: hatched in the accent of a warning, saying who on its
 * first slot. */
static void
snapshot_held (FdDaySlot   *self,
               GtkSnapshot *snapshot)
{
  GtkWidget *widget = GTK_WIDGET (self);
  float width = gtk_widget_get_width (widget);
  float height = gtk_widget_get_height (widget);
  GdkRGBA warning = { 0.90, 0.60, 0.05, 0.22 };
  GdkRGBA stripe = { 0.90, 0.60, 0.05, 0.45 };
  GdkRGBA colour;
  g_autoptr(PangoLayout) layout = NULL;

  /* A pixel past each edge: the slots of one hold meet as one band. */
  gtk_snapshot_append_color (snapshot, &warning, &GRAPHENE_RECT_INIT (0, -1, width, height + 2));
  gtk_snapshot_append_color (snapshot, &stripe, &GRAPHENE_RECT_INIT (0, -1, 3, height + 2));
  if (!self->hold_starts)
    return;
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &colour);
  layout = gtk_widget_create_pango_layout (widget, self->held_by);
  pango_layout_set_width (layout, (int) ((width - 10) * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (7, 0));
  gtk_snapshot_append_layout (snapshot, layout, &colour);
  gtk_snapshot_restore (snapshot);
}

static void
fd_day_slot_snapshot (GtkWidget   *widget,
                      GtkSnapshot *snapshot)
{
  GskRoundedRect outline;
  GdkRGBA colour;
  graphene_rect_t rect = GRAPHENE_RECT_INIT (1, 1, gtk_widget_get_width (widget) - 2,
                                             gtk_widget_get_height (widget) - 2);

  if (FD_DAY_SLOT (widget)->held_by != NULL)
    snapshot_held (FD_DAY_SLOT (widget), snapshot);
  if (!gtk_widget_has_visible_focus (widget))
    return;
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &colour);
  colour.alpha = 0.7;
  gsk_rounded_rect_init_from_rect (&outline, &rect, 4);
  gtk_snapshot_append_border (snapshot, &outline, (float[4]) { 2, 2, 2, 2 },
                              (GdkRGBA[4]) { colour, colour, colour, colour });
}

static void
fd_day_slot_finalize (GObject *object)
{
  g_free (FD_DAY_SLOT (object)->operatory_id);
  g_free (FD_DAY_SLOT (object)->day);
  g_free (FD_DAY_SLOT (object)->held_by);

  G_OBJECT_CLASS (fd_day_slot_parent_class)->finalize (object);
}

static void
fd_day_slot_class_init (FdDaySlotClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = fd_day_slot_finalize;
  GTK_WIDGET_CLASS (klass)->snapshot = fd_day_slot_snapshot;
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "slot");
  gtk_widget_class_set_accessible_role (GTK_WIDGET_CLASS (klass), GTK_ACCESSIBLE_ROLE_BUTTON);
}

static void
fd_day_slot_init (FdDaySlot *self)
{
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
}

/**
 * fd_day_view_get_slot_holder:
 * @slot: a free slot of the book
 *
 * Returns: (nullable): who is booking it at another desk, as the slot says it
 */
const char *
fd_day_view_get_slot_holder (GtkWidget *slot)
{
  g_return_val_if_fail (FD_IS_DAY_SLOT (slot), NULL);

  return FD_DAY_SLOT (slot)->held_by;
}

/* Times as the desktop writes them ------------------------------------------------------- */

/**
 * fd_day_view_format_time:
 * @minute: minutes after midnight
 *
 * Returns: (transfer full): the time of day, in the desktop's 12- or 24-hour clock
 */
char *
fd_day_view_format_time (int minute)
{
  return fd_format_minutes (minute);
}

static GDateTime *
parse_day (const char *day)
{
  int year, month, date;

  if (day == NULL || sscanf (day, "%d-%d-%d", &year, &month, &date) != 3)
    return NULL;
  return g_date_time_new_local (year, month, date, 0, 0, 0);
}

/**
 * fd_day_view_new_slot_row:
 * @day: YYYY-MM-DD
 * @start: minutes after midnight
 * @extra: (nullable): said last, a status for example
 *
 * A list row for a time in the book, as Find lists them: "Monday 7 June 2027, 10:00 to
 * 10:30" over "Surgery 1 · Dr Lee", read as one sentence by a screen reader.
 *
 * Returns: (transfer floating): an activatable #AdwActionRow
 */
GtkWidget *
fd_day_view_new_slot_row (FdCache    *cache,
                          const char *day,
                          int         start,
                          int         length,
                          const char *operatory_id,
                          const char *provider_id,
                          const char *extra)
{
  g_autoptr(GDateTime) date = parse_day (day);
  g_autofree char *day_text = date != NULL ? fd_format_date_long (date)
                                           : g_strdup (day);
  g_autofree char *from = fd_day_view_format_time (start);
  g_autofree char *to = fd_day_view_format_time (start + length);
  FdCacheRow *operatory = fd_cache_lookup (cache, "operatories", operatory_id);
  FdCacheRow *provider = fd_cache_lookup (cache, "providers", provider_id);
  g_autofree char *owned_name = NULL;
  const char *provider_name = fd_day_view_provider_name (provider, &owned_name);
  const char *operatory_name = operatory != NULL ? fd_cache_row_get (operatory, "name") : NULL;
  g_autofree char *title = NULL;
  g_autofree char *place = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *accessible = NULL;
  GtkWidget *row = adw_action_row_new ();

  if (operatory_name == NULL)
    operatory_name = operatory_id;
  if (provider_name == NULL)
    provider_name = provider_id;
  /* Translators: a time in the book: its day, then its start and end */
  title = g_strdup_printf (_("%s, %s to %s"), day_text, from, to);
  /* Translators: a time's operatory and provider */
  place = g_strdup_printf (_("%s · %s"), operatory_name, provider_name);
  /* Translators: a time in the book's place, then its status */
  subtitle = extra != NULL ? g_strdup_printf (_("%s · %s"), place, extra) : g_strdup (place);
  /* Translators: a time in the book as a screen reader reads it: day, times, operatory,
   * provider */
  accessible = g_strdup_printf (_("%s, %s to %s, %s, %s"), day_text, from, to, operatory_name,
                                provider_name);
  if (extra != NULL)
    {
      g_autofree char *with_extra = g_strdup_printf ("%s, %s", accessible, extra);

      g_free (accessible);
      accessible = g_steal_pointer (&with_extra);
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  return row;
}

char *
_fd_day_view_format_times (int start,
                           int length)
{
  g_autofree char *from = fd_day_view_format_time (start);
  g_autofree char *to = fd_day_view_format_time (start + length);

  /* Translators: an appointment's start and end */
  return g_strdup_printf (_("%s to %s"), from, to);
}

