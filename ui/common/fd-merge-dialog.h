/* fd-merge-dialog.h: at save, the fields someone else saved meanwhile, theirs and mine side
 * by side, for the person to choose field by field.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "fd-edit-session.h"
#include "fd-record.h"

G_BEGIN_DECLS

/* A column, or a value of it, in the words of the form (a provider's name for its id). */
typedef char *(*FdMergeDescribeFunc) (const char *column,
                                      const char *value,
                                      gpointer    user_data);

#define FD_TYPE_MERGE_DIALOG (fd_merge_dialog_get_type ())
G_DECLARE_FINAL_TYPE (FdMergeDialog, fd_merge_dialog, FD, MERGE_DIALOG, AdwMessageDialog)

FdMergeDialog *fd_merge_dialog_new   (GtkWindow           *parent,
                                      GPtrArray           *conflicts,
                                      FdEditSession       *session,
                                      FdMergeDescribeFunc  describe,
                                      gpointer             user_data);
void           fd_merge_dialog_apply (FdMergeDialog       *self,
                                      FdRecord            *record);

G_END_DECLS
