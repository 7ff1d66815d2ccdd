/* fd-day-view.h: one day of the appointment book: a column for each operatory, a time
 * grid from the practice's hours, and each appointment a block in the provider's colour.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "fd-appointment.h"
#include "fd-cache.h"
#include "fd-open-records.h"

G_BEGIN_DECLS

#define FD_TYPE_DAY_VIEW (fd_day_view_get_type ())
G_DECLARE_FINAL_TYPE (FdDayView, fd_day_view, FD, DAY_VIEW, GtkWidget)

GtkWidget     *fd_day_view_new                (void);
void           fd_day_view_set_cache          (FdDayView  *self,
                                               FdCache    *cache);
void           fd_day_view_set_open_records   (FdDayView     *self,
                                               FdOpenRecords *open_records);
void           fd_day_view_set_appointments   (FdDayView  *self,
                                               GListModel *appointments);
GListModel    *fd_day_view_get_appointments   (FdDayView  *self);
FdAppointment *fd_day_view_find               (FdDayView  *self,
                                               const char *appointment_id);
GtkWidget     *fd_day_view_get_block          (FdDayView  *self,
                                               const char *appointment_id);
GtkWidget     *fd_day_view_get_slot           (FdDayView  *self,
                                               const char *operatory_id,
                                               int         minute);
GtkWidget     *fd_day_view_get_slot_on        (FdDayView  *self,
                                               const char *day,
                                               const char *operatory_id,
                                               int         minute);
const char    *fd_day_view_get_slot_holder    (GtkWidget  *slot);
void           fd_day_view_set_holds          (FdDayView  *self,
                                               GListModel *holds);
void           fd_day_view_set_week           (FdDayView          *self,
                                               const char * const *days,
                                               const char         *operatory_id,
                                               const char         *provider_id);
gboolean       fd_day_view_is_week            (FdDayView  *self);
gboolean       fd_day_view_has_column_of      (FdDayView     *self,
                                               FdAppointment *appointment);
guint          fd_day_view_get_n_columns      (FdDayView  *self);
const char    *fd_day_view_get_column_day     (FdDayView  *self,
                                               guint       index);
void           fd_day_view_set_show_cancelled (FdDayView  *self,
                                               gboolean    show_cancelled);
gboolean       fd_day_view_get_show_cancelled (FdDayView  *self);
void           fd_day_view_set_provider_filter (FdDayView *self,
                                                const char *provider_id);
char          *fd_day_view_format_time        (int         minute);
const char    *fd_day_view_provider_name      (FdCacheRow *provider,
                                               char      **owned);
GtkWidget     *fd_day_view_new_slot_row       (FdCache    *cache,
                                               const char *day,
                                               int         start,
                                               int         length,
                                               const char *operatory_id,
                                               const char *provider_id,
                                               const char *extra);

G_END_DECLS
