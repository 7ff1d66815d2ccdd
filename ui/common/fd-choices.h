/* fd-choices.h: a combo row's choices from a cached table, and the id chosen in it.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void        fd_choices_fill      (AdwComboRow *combo,
                                  GPtrArray   *ids,
                                  GListModel  *rows,
                                  const char  *category,
                                  gboolean     with_none,
                                  const char  *current);
const char *fd_choices_get_id    (AdwComboRow *combo,
                                  GPtrArray   *ids);
GtkWidget  *fd_choices_row_new   (const char  *title);

G_END_DECLS
