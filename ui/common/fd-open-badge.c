/* fd-open-badge.c: the small lock a list shows on a record another desk has open.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The badge is an image whose tooltip and accessible name say who has the record open, at
 * which desk and since when: "Open at Reception 2 by Sam Patel since 10:42". The lists keep
 * it up to date from an FdOpenRecords; a record nobody else has open hides it.
 */
#include <glib/gi18n.h>

#include "fd-format.h"
#include "fd-open-badge.h"

GtkWidget *
fd_open_badge_new (void)
{
  GtkWidget *badge = gtk_image_new_from_icon_name ("changes-prevent-symbolic");

  gtk_widget_add_css_class (badge, "open-badge");
  gtk_accessible_update_property (GTK_ACCESSIBLE (badge), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
  gtk_widget_set_visible (badge, FALSE);
  return badge;
}

/**
 * fd_open_badge_describe:
 *
 * Returns: (transfer full): who has the record open, where and since when
 */
char *
fd_open_badge_describe (const FdLockHolder *holder)
{
  g_autofree char *since = NULL;

  g_return_val_if_fail (holder != NULL, NULL);

  since = holder->since != NULL ? fd_format_time (holder->since) : g_strdup ("");
  /* Translators: a record another desk has open: the workstation, the person, the time */
  return g_strdup_printf (_("Open at %s by %s since %s"), holder->workstation, holder->name,
                          since);
}

/**
 * fd_open_badge_show:
 * @holder: (nullable): the other desk that has the record open, or %NULL for nobody
 */
void
fd_open_badge_show (GtkWidget          *badge,
                    const FdLockHolder *holder)
{
  g_autofree char *description = NULL;

  g_return_if_fail (GTK_IS_IMAGE (badge));

  if (holder != NULL)
    description = fd_open_badge_describe (holder);
  gtk_widget_set_tooltip_text (badge, description);
  gtk_accessible_update_property (GTK_ACCESSIBLE (badge), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  description ?: "", -1);
  gtk_widget_set_visible (badge, holder != NULL);
}
