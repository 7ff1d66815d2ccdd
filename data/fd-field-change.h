/* fd-field-change.h: a column someone else saved while a form has it open: their value,
 * who they are (when known) and when it arrived.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Shown in place when it was not edited here, a conflict to settle (Use Theirs, Keep Mine)
 * when it was. */
typedef struct
{
  char      *column;
  char      *value;        /* what they saved, NULL for SQL NULL */
  char      *name;         /* who saved it; NULL when unknown (psql, a closed session) */
  char      *workstation;  /* NULL when unknown */
  GDateTime *when;         /* when it arrived here */
} FdFieldChange;

#define FD_TYPE_FIELD_CHANGE (fd_field_change_get_type ())
GType          fd_field_change_get_type (void) G_GNUC_CONST;
FdFieldChange *fd_field_change_new      (const char          *column,
                                         const char          *value,
                                         const char          *name,
                                         const char          *workstation);
FdFieldChange *fd_field_change_copy     (const FdFieldChange *change);
void           fd_field_change_free     (FdFieldChange       *change);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FdFieldChange, fd_field_change_free)

G_END_DECLS
