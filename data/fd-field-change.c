/* fd-field-change.c: a column someone else saved while a form has it open.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "fd-field-change.h"

G_DEFINE_BOXED_TYPE (FdFieldChange, fd_field_change, fd_field_change_copy, fd_field_change_free)

/**
 * fd_field_change_new:
 * @value: (nullable): what they saved, %NULL for SQL NULL
 * @name: (nullable): who saved it, %NULL when unknown
 * @workstation: (nullable): where, %NULL when unknown
 *
 * Returns: (transfer full): the change, arrived now
 */
FdFieldChange *
fd_field_change_new (const char *column,
                     const char *value,
                     const char *name,
                     const char *workstation)
{
  FdFieldChange *change = g_new0 (FdFieldChange, 1);

  change->column = g_strdup (column);
  change->value = g_strdup (value);
  change->name = g_strdup (name);
  change->workstation = g_strdup (workstation);
  change->when = g_date_time_new_now_local ();
  return change;
}

FdFieldChange *
fd_field_change_copy (const FdFieldChange *change)
{
  FdFieldChange *copy = g_new0 (FdFieldChange, 1);

  copy->column = g_strdup (change->column);
  copy->value = g_strdup (change->value);
  copy->name = g_strdup (change->name);
  copy->workstation = g_strdup (change->workstation);
  copy->when = change->when != NULL ? g_date_time_ref (change->when) : NULL;
  return copy;
}

void
fd_field_change_free (FdFieldChange *change)
{
  if (change == NULL)
    return;

  g_free (change->column);
  g_free (change->value);
  g_free (change->name);
  g_free (change->workstation);
  g_clear_pointer (&change->when, g_date_time_unref);
  g_free (change);
}
