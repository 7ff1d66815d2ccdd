/* fd-client-editor.h: Client Details: edit a client under a soft record lock, with the
 * two-stage override, the displacement popup, take-back on save and the merge dialog.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "fd-database.h"
#include "fd-ui-types.h"

G_BEGIN_DECLS

#define FD_TYPE_CLIENT_EDITOR (fd_client_editor_get_type ())
G_DECLARE_FINAL_TYPE (FdClientEditor, fd_client_editor, FD, CLIENT_EDITOR, GtkWidget)

FdClientEditor *fd_client_editor_new             (void);
void            fd_client_editor_set_database    (FdClientEditor       *self,
                                                  FdDatabase           *database);
void            fd_client_editor_open            (FdClientEditor       *self,
                                                  const char           *client_id);
void            fd_client_editor_close           (FdClientEditor       *self);
const char     *fd_client_editor_get_client_id   (FdClientEditor       *self);
gboolean        fd_client_editor_get_dirty       (FdClientEditor       *self);
gboolean        fd_client_editor_get_read_only   (FdClientEditor       *self);
void            fd_client_editor_leave_async     (FdClientEditor       *self,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean        fd_client_editor_leave_finish    (FdClientEditor       *self,
                                                  GAsyncResult         *result);
void            fd_client_editor_archive_when_open (FdClientEditor     *self,
                                                    const char         *client_id);
void            fd_client_editor_set_field       (FdClientEditor       *self,
                                                  const char           *column,
                                                  const char           *value);

G_END_DECLS
