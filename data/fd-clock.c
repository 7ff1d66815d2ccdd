/* fd-clock.c: whether the desktop's clock shows 12 or 24 hours, for the widgets' times
 * (ui/common/fd-format.c) and the data layer's sentences alike.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gio/gio.h>
#include <glib/gi18n-lib.h>

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

static char *
format_clock (int      hour,
              int      minute,
              int      second,
              gboolean with_seconds)
{
  if (!fd_clock_uses_12_hours ())
    return with_seconds ? g_strdup_printf ("%02d:%02d:%02d", hour, minute, second)
                        : g_strdup_printf ("%02d:%02d", hour, minute);
  /* Not %p: many locales have no AM/PM words, and a 12-hour clock still needs them. */
  if (with_seconds)
    /* Translators: a time with seconds on the 12-hour clock, before and after noon */
    return g_strdup_printf (hour < 12 ? _("%d:%02d:%02d AM") : _("%d:%02d:%02d PM"),
                            hour % 12 == 0 ? 12 : hour % 12, minute, second);
  /* Translators: a time on the 12-hour clock, before and after noon */
  return g_strdup_printf (hour < 12 ? _("%d:%02d AM") : _("%d:%02d PM"),
                          hour % 12 == 0 ? 12 : hour % 12, minute);
}

/**
 * fd_clock_format_time:
 * @when: a moment
 * @with_seconds: whether to write the seconds too
 *
 * Returns: (transfer full): the local time of day of @when on the desktop's clock,
 *   "14:05" or "2:05 PM"
 */
char *
fd_clock_format_time (GDateTime *when,
                      gboolean   with_seconds)
{
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (when != NULL, NULL);

  local = g_date_time_to_local (when);
  return format_clock (g_date_time_get_hour (local), g_date_time_get_minute (local),
                       g_date_time_get_second (local), with_seconds);
}

/**
 * fd_clock_format_minutes:
 * @minutes_since_midnight: a time of day, 0 to 1440
 *
 * Returns: (transfer full): that time of day on the desktop's clock
 */
char *
fd_clock_format_minutes (int minutes_since_midnight)
{
  return format_clock (minutes_since_midnight / 60 % 24, minutes_since_midnight % 60, 0, FALSE);
}
