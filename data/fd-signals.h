/* fd-signals.h: what changed elsewhere: the signals table polled on a timer, woken at once
 * by NOTIFY, with every kind of change reported once per poll.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "fd-connection.h"

G_BEGIN_DECLS

#define FD_TYPE_SIGNALS (fd_signals_get_type ())
G_DECLARE_FINAL_TYPE (FdSignals, fd_signals, FD, SIGNALS, GObject)

FdSignals *fd_signals_new                (FdConnection *connection);
void       fd_signals_set_interval       (FdSignals    *self,
                                          guint         seconds);
guint      fd_signals_get_interval       (FdSignals    *self);
void       fd_signals_set_push           (FdSignals    *self,
                                          gboolean      push);
gboolean   fd_signals_get_push_active    (FdSignals    *self);
GDateTime *fd_signals_get_last_poll      (FdSignals    *self);
gboolean   fd_signals_get_started        (FdSignals    *self);
void       fd_signals_poll               (FdSignals    *self);
gint64     fd_signals_get_origin         (FdSignals    *self,
                                          const char   *kind,
                                          const char   *key,
                                          gint64        exclude);

const char *fd_signals_get_poll_sql     (void);

G_END_DECLS
