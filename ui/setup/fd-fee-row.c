/* fd-fee-row.c: a row of the fee schedule editor's grid: one procedure code's fee.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "fd-fee-row.h"

struct _FdFeeRow
{
  AdwEntryRow  parent_instance;

  /* Owned */
  char        *code_id;
  char        *code;      /* such as "D0120" */
};

G_DEFINE_FINAL_TYPE (FdFeeRow, fd_fee_row, ADW_TYPE_ENTRY_ROW)

static void
fd_fee_row_finalize (GObject *object)
{
  FdFeeRow *self = FD_FEE_ROW (object);

  g_free (self->code_id);
  g_free (self->code);

  G_OBJECT_CLASS (fd_fee_row_parent_class)->finalize (object);
}

static void
fd_fee_row_class_init (FdFeeRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = fd_fee_row_finalize;
}

static void
fd_fee_row_init (FdFeeRow *self)
{
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self), FALSE);
}

/* The fee of procedure code @code, titled with the code and what it is. */
GtkWidget *
fd_fee_row_new (FdCacheRow *code)
{
  FdFeeRow *self;
  g_autofree char *title = NULL;

  g_return_val_if_fail (FD_IS_CACHE_ROW (code), NULL);

  /* Translators: a procedure code and what it is, as "D0120 · Periodic oral evaluation" */
  title = g_strdup_printf (_("%s · %s"), fd_cache_row_get (code, "code"),
                           fd_cache_row_get (code, "description"));
  self = g_object_new (FD_TYPE_FEE_ROW, "title", title, NULL);
  self->code_id = g_strdup (fd_cache_row_get_id (code));
  self->code = g_strdup (fd_cache_row_get (code, "code"));
  return GTK_WIDGET (self);
}

const char *
fd_fee_row_get_code_id (FdFeeRow *self)
{
  g_return_val_if_fail (FD_IS_FEE_ROW (self), NULL);

  return self->code_id;
}

const char *
fd_fee_row_get_code (FdFeeRow *self)
{
  g_return_val_if_fail (FD_IS_FEE_ROW (self), NULL);

  return self->code;
}
