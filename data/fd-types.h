/* fd-types.h: forward declarations for the Frontdesk data layer.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _FdConnection     FdConnection;
typedef struct _FdDatabase       FdDatabase;
typedef struct _FdEmbeddedServer FdEmbeddedServer;
typedef struct _FdServerConfig   FdServerConfig;

G_END_DECLS
