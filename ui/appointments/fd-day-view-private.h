/* fd-day-view-private.h: the day view's instance and its free slots, shared by its parts:
 * fd-day-view.c (life cycle, layout, children, drawing) and fd-day-view-input.c (the
 * keyboard, the pointer, drag and drop).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fd-day-view.h"

G_BEGIN_DECLS

#define HEADER_HEIGHT    32
#define GUTTER_WIDTH     64
#define MIN_COLUMN_WIDTH 150
#define PIXELS_PER_MINUTE 1.6

/* A free slot: focusable, and booked with Enter. */
#define FD_TYPE_DAY_SLOT (fd_day_slot_get_type ())
G_DECLARE_FINAL_TYPE (FdDaySlot, fd_day_slot, FD, DAY_SLOT, GtkWidget)

struct _FdDaySlot
{
  GtkWidget  parent_instance;

  char      *operatory_id;
  int        minute;
};

struct _FdDayView
{
  GtkWidget      parent_instance;

  /* Owned */
  FdCache       *cache;
  FdOpenRecords *open_records;   /* who has which appointment open elsewhere */
  GListModel    *appointments;
  GPtrArray     *columns;        /* FdCacheRow of the operatories shown */
  GHashTable    *blocks;         /* appointment id → FdAppointmentBlock, children */
  GPtrArray     *slots;          /* FdDaySlot, children */

  double         drag_hotspot_y; /* where in its block the block being dragged was held */
  gboolean       show_cancelled;
  char          *provider_filter; /* the one provider shown, or NULL for all */

  int            opens;          /* minutes after midnight */
  int            closes;
  int            slot;
};

enum {
  FD_DAY_VIEW_MOVE_REQUESTED,
  FD_DAY_VIEW_MENU_REQUESTED,
  FD_DAY_VIEW_APPOINTMENT_ACTIVATED,
  FD_DAY_VIEW_SLOT_ACTIVATED,
  FD_DAY_VIEW_CUT_REQUESTED,
  FD_DAY_VIEW_PASTE_REQUESTED,
  FD_DAY_VIEW_N_SIGNALS
};

extern guint fd_day_view_signals[FD_DAY_VIEW_N_SIGNALS];

double     fd_day_view_column_width       (FdDayView        *self);
int        fd_day_view_column_of_operatory (FdDayView       *self,
                                           const char       *operatory_id);
gboolean   fd_day_view_child_position     (FdDayView        *self,
                                           GtkWidget        *child,
                                           int              *column,
                                           int              *start,
                                           int              *end);
GtkWidget *fd_day_view_focused_child      (FdDayView        *self);
void       fd_day_view_add_drag_source    (FdDayView        *self,
                                           GtkWidget        *block);
void       fd_day_view_init_input         (FdDayView        *self);
gboolean   fd_day_view_focus              (GtkWidget        *widget,
                                           GtkDirectionType  direction);

/* fd-day-slot.c */
char *_fd_day_view_format_times (int start,
                                 int length);

G_END_DECLS
