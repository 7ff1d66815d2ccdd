/* fd-day-view-private.h: the day view's instance and its free slots, shared by its parts:
 * fd-day-view.c (life cycle, layout, children, drawing), fd-day-view-input.c (the
 * keyboard, the pointer, drag and drop), fd-day-view-columns.c (the columns of a day or a
 * week, and the slots other desks hold) and fd-day-slot.c (a free slot).
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
  char      *day;           /* (nullable): the day loaded, in the day view */
  char      *held_by;       /* (nullable): who is booking it at another desk */
  gboolean   hold_starts;   /* the first slot of a hold: it says who */
  int        minute;
};

/* A column: an operatory on a day. */
typedef struct
{
  FdCacheRow *operatory;  /* (nullable): every operatory of the week's provider */
  char       *day;        /* (nullable): the day loaded, in the day view */
  char       *title;
} FdBookColumn;

void fd_book_column_free (FdBookColumn *column);

struct _FdDayView
{
  GtkWidget      parent_instance;

  /* Owned */
  FdCache       *cache;
  FdOpenRecords *open_records;   /* who has which appointment open elsewhere */
  GListModel    *appointments;
  GPtrArray     *columns;        /* FdBookColumn */
  GListModel    *holds;          /* FdHeldSlot: what other desks are booking */
  GStrv          week_days;      /* (nullable): the week's working days, or the day view */
  char          *week_operatory; /* the week's one operatory, or */
  char          *week_provider;  /* the week's one provider */
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
void       fd_day_view_rebuild            (FdDayView        *self);
void       fd_day_view_layout_changed     (FdDayView        *self);
void       fd_day_view_mark_holds         (FdDayView        *self);

/* fd-day-view-columns.c */
void        fd_day_view_read_columns          (FdDayView     *self);
int         fd_day_view_column_of             (FdDayView     *self,
                                               const char    *day,
                                               const char    *operatory_id);
int         fd_day_view_column_of_appointment (FdDayView     *self,
                                               FdAppointment *appointment);
const char *fd_day_view_shown_provider        (FdDayView     *self);
const char *fd_day_view_column_operatory      (FdDayView     *self,
                                               guint          index);
char       *fd_day_view_describe_hold         (FdDayView     *self,
                                               guint          index,
                                               int            minute);
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
