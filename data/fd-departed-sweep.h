/* fd-departed-sweep.h: asking the server, every few seconds while something another desk
 * holds is shown, to free what departed desks left behind.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fd-connection.h"

G_BEGIN_DECLS

#define FD_TYPE_DEPARTED_SWEEP (fd_departed_sweep_get_type ())
G_DECLARE_FINAL_TYPE (FdDepartedSweep, fd_departed_sweep, FD, DEPARTED_SWEEP, GObject)

FdDepartedSweep *fd_departed_sweep_new            (FdConnection    *connection);
FdConnection    *fd_departed_sweep_get_connection (FdDepartedSweep *self);
void             fd_departed_sweep_set_active     (FdDepartedSweep *self,
                                                   gboolean         active);
gboolean         fd_departed_sweep_get_active     (FdDepartedSweep *self);

G_END_DECLS
