/* fd-clock.c: whether the desktop's clock shows 12 or 24 hours, for the widgets' times
 * (ui/common/fd-format.c) and the data layer's sentences alike.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gio/gio.h>

#include "fd-clock.h"

/**
 * fd_clock_uses_12_hours:
 *
 * Returns: whether the desktop's clock is set to 12 hours (org.gnome.desktop.interface
 *   clock-format); 24 hours where that setting is not installed
 */
gboolean
fd_clock_uses_12_hours (void)
{
  static GSettings *interface = NULL;
  static gsize looked_up = 0;

  if (g_once_init_enter (&looked_up))
    {
      GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
      g_autoptr(GSettingsSchema) schema = NULL;

      if (source != NULL)
        schema = g_settings_schema_source_lookup (source, "org.gnome.desktop.interface", TRUE);
      if (schema != NULL && g_settings_schema_has_key (schema, "clock-format"))
        interface = g_settings_new ("org.gnome.desktop.interface");
      g_once_init_leave (&looked_up, 1);
    }
  if (interface == NULL)
    return FALSE;
  return g_settings_get_enum (interface, "clock-format") == 1;
}
