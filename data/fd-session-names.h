/* fd-session-names.h: who a session is (display name, workstation), asked of the server once
 * per session, so that a form can say who saved what it shows.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "fd-connection.h"
#include "fd-field-change.h"

G_BEGIN_DECLS

#define FD_TYPE_SESSION_NAMES (fd_session_names_get_type ())
G_DECLARE_FINAL_TYPE (FdSessionNames, fd_session_names, FD, SESSION_NAMES, GObject)

FdSessionNames *fd_session_names_new        (FdConnection         *connection);
gboolean        fd_session_names_lookup     (FdSessionNames       *self,
                                             gint64                session_id,
                                             const char          **name,
                                             const char          **workstation);
void            fd_session_names_ask_async  (FdSessionNames       *self,
                                             gint64                session_id,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
gboolean        fd_session_names_ask_finish (FdSessionNames       *self,
                                             GAsyncResult         *result,
                                             GError              **error);
FdFieldChange  *fd_session_names_new_change (FdSessionNames       *self,
                                             gint64                session_id,
                                             const char           *column,
                                             const char           *value);

G_END_DECLS
