/* fd-release-prompt.h: the holder's questions about a record they hold: someone asks them to
 * release it (with a desktop notification when the window is not focused), and the edit
 * time limit is about to end.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "fd-lock-manager.h"

G_BEGIN_DECLS

void     fd_release_prompt_async   (GtkWindow              *parent,
                                    const FdReleaseRequest *request,
                                    const char             *record_name,
                                    GCancellable           *cancellable,
                                    GAsyncReadyCallback     callback,
                                    gpointer                user_data);
gboolean fd_release_prompt_finish  (GAsyncResult           *result,
                                    GError                **error);

void     fd_expiry_prompt_async    (GtkWindow              *parent,
                                    const char             *record_name,
                                    GCancellable           *cancellable,
                                    GAsyncReadyCallback     callback,
                                    gpointer                user_data);
gboolean fd_expiry_prompt_finish   (GAsyncResult           *result,
                                    GError                **error);

gboolean fd_release_answer_keeps    (const FdReleaseRequest *answer);
char    *fd_release_answer_describe (const FdReleaseRequest *answer,
                                     const char             *record_name);

G_END_DECLS
