/* fd-administration-private.h: the instance that fd-administration.c and
 * fd-administration-integrity.c share.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fd-administration.h"

G_BEGIN_DECLS

struct _FdAdministration
{
  GObject       parent_instance;

  /* Owned */
  FdConnection *connection;
  GCancellable *cancellable;
  gboolean      watching;
};

G_END_DECLS
