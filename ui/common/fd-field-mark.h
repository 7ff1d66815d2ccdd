/* fd-field-mark.h: beside a form's field, what another desk saved there: "Changed by Alex
 * Kim at 10:42" for a while when it was shown in place, or, for a field edited here, their
 * value and name with Use Theirs and Keep Mine until the person settles it.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "fd-edit-session.h"

G_BEGIN_DECLS

#define FD_TYPE_FIELD_MARK (fd_field_mark_get_type ())
G_DECLARE_FINAL_TYPE (FdFieldMark, fd_field_mark, FD, FIELD_MARK, GtkWidget)

FdFieldMark *fd_field_mark_attach          (GtkWidget           *row,
                                            const char          *field);
void         fd_field_mark_settle_in       (FdFieldMark         *self,
                                            FdEditSession       *session,
                                            const char          *column);
void         fd_field_mark_show_change     (FdFieldMark         *self,
                                            const FdFieldChange *change);
void         fd_field_mark_show_conflict   (FdFieldMark         *self,
                                            const FdFieldChange *conflict,
                                            const char          *their_text);
void         fd_field_mark_clear           (FdFieldMark         *self);
gboolean     fd_field_mark_get_conflicted  (FdFieldMark         *self);
void         fd_field_mark_update          (FdFieldMark         *self,
                                            FdEditSession       *session,
                                            const char          *column,
                                            const char          *their_text);

G_END_DECLS
