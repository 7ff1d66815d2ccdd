/* fd-book-hours.c: the editor's own check, before anything is written, of what the server
 * refuses (0022's appointments_within_hours()): a booking within the practice's opening
 * hours, on a day the provider is scheduled. Read from the cache.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <stdlib.h>

#include "fd-book-hours.h"
#include "fd-day-view.h"
#include "fd-format.h"

static int
parse_minutes (const char *time,
               int         fallback)
{
  int hours, minutes;

  if (time == NULL || sscanf (time, "%d:%d", &hours, &minutes) != 2)
    return fallback;
  return hours * 60 + minutes;
}

/* Noon of "YYYY-MM-DD" in local time, or NULL. */
static GDateTime *
parse_day (const char *day)
{
  int year, month, day_of_month;

  if (day == NULL || sscanf (day, "%d-%d-%d", &year, &month, &day_of_month) != 3 ||
      !g_date_valid_dmy (day_of_month, month, year))
    return NULL;
  return g_date_time_new_local (year, month, day_of_month, 12, 0, 0);
}

/**
 * fd_book_hours_check:
 * @day: the day, "YYYY-MM-DD"
 * @provider_id: (nullable): the provider's id
 *
 * Returns: (transfer full) (nullable): a sentence saying why the booking cannot be made
 *   then, or %NULL when it fits
 */
char *
fd_book_hours_check (FdCache    *cache,
                     const char *day,
                     int         start_minute,
                     int         length_minutes,
                     const char *provider_id)
{
  g_autoptr(FdCacheRow) practice = NULL;
  g_autofree char *start_text = fd_format_minutes (start_minute);
  g_autofree char *end_text = fd_format_minutes (start_minute + length_minutes);
  g_autofree char *name = NULL;
  GListModel *schedules;
  int opens = 8 * 60, closes = 18 * 60;
  g_autoptr(GDateTime) when = parse_day (day);
  g_autofree char *day_text = NULL;
  int weekday = when != NULL ? g_date_time_get_day_of_week (when) : 0;
  guint n;

  practice = g_list_model_get_item (fd_cache_get_table (cache, "practice"), 0);
  if (practice != NULL)
    {
      opens = parse_minutes (fd_cache_row_get (practice, "opens_at"), opens);
      closes = parse_minutes (fd_cache_row_get (practice, "closes_at"), closes);
    }
  if (start_minute < opens || start_minute + length_minutes > closes)
    {
      g_autofree char *opens_text = fd_format_minutes (opens);
      g_autofree char *closes_text = fd_format_minutes (closes);

      /* Translators: the practice's opening and closing time, then the appointment's */
      return g_strdup_printf (_("The practice is open from %s to %s: an appointment from %s to "
                                "%s is outside its hours. Pick a start and length within "
                                "them."),
                              opens_text, closes_text, start_text, end_text);
    }
  if (provider_id == NULL || weekday == 0)
    return NULL;

  schedules = fd_cache_get_table (cache, "provider_schedules");
  n = g_list_model_get_n_items (schedules);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FdCacheRow) row = g_list_model_get_item (schedules, i);

      if (g_strcmp0 (fd_cache_row_get (row, "provider_id"), provider_id) == 0 &&
          atoi (fd_cache_row_get (row, "weekday") ?: "0") == weekday)
        return NULL;
    }
  fd_day_view_provider_name (fd_cache_lookup (cache, "providers", provider_id), &name);
  day_text = fd_format_date_long (when);
  /* Translators: a provider ("Dr Lee"), then a day ("Saturday 5 December 2026") */
  return g_strdup_printf (_("%s is not scheduled on %s. Pick a day in their schedule, or "
                            "another provider."),
                          name != NULL ? name : _("The provider"), day_text);
}
