/* fd-ui-types.h: forward declarations for the Frontdesk widgets.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _FdModule             FdModule;
typedef struct _FdPreferencesWindow  FdPreferencesWindow;
typedef struct _FdWindow             FdWindow;

G_END_DECLS
