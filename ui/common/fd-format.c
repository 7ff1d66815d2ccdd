/* fd-format.c: dates, times and amounts as the person at the desk reads them.
 *
 * Every date and time a window shows goes through here, so that the order of day and
 * month comes from the locale (and the translation, for the long forms) and the clock
 * follows the desktop's 12/24-hour setting; nothing else in ui/ formats a time by hand.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "fd-format.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "fd-clock.h"

static GDateTime *
to_local (GDateTime *when)
{
  return g_date_time_to_local (when);
}

/**
 * fd_format_time:
 * @when: a moment
 *
 * Returns: (transfer full): the time of day of @when in local time, "14:05" or
 *   "2:05 PM" as the desktop's clock-format says
 */
char *
fd_format_time (GDateTime *when)
{
  g_return_val_if_fail (when != NULL, NULL);

  return fd_clock_format_time (when, FALSE);
}

/**
 * fd_format_time_seconds:
 * @when: a moment
 *
 * Returns: (transfer full): the time of day of @when with its seconds, for logs
 */
char *
fd_format_time_seconds (GDateTime *when)
{
  g_return_val_if_fail (when != NULL, NULL);

  return fd_clock_format_time (when, TRUE);
}

/**
 * fd_format_minutes:
 * @minutes_since_midnight: a time of day, 0 to 1440
 *
 * Returns: (transfer full): that time of day as fd_format_time() writes it
 */
char *
fd_format_minutes (int minutes_since_midnight)
{
  return fd_clock_format_minutes (minutes_since_midnight);
}

/**
 * fd_format_date:
 * @when: a moment or a day
 *
 * Returns: (transfer full): the day in the locale's numeric form (%x: 12/02/2026,
 *   02.12.2026)
 */
char *
fd_format_date (GDateTime *when)
{
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (when != NULL, NULL);

  local = to_local (when);
  return g_date_time_format (local, "%x");
}

/**
 * fd_format_date_long:
 * @when: a day
 *
 * Returns: (transfer full): the day written out, "Wednesday 2 December 2026"
 */
char *
fd_format_date_long (GDateTime *when)
{
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (when != NULL, NULL);

  local = to_local (when);
  /* Translators: a day written out in full, as g_date_time_format() takes it
   * (%A weekday, %-d day of month, %B month, %Y year); put them in your order. */
  return g_date_time_format (local, _("%A %-d %B %Y"));
}

/**
 * fd_format_date_short:
 * @when: a day
 *
 * Returns: (transfer full): the day in few letters, "Wed 2 Dec"
 */
char *
fd_format_date_short (GDateTime *when)
{
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (when != NULL, NULL);

  local = to_local (when);
  /* Translators: a day in a few letters, as g_date_time_format() takes it
   * (%a weekday, %-d day of month, %b month); put them in your order. */
  return g_date_time_format (local, _("%a %-d %b"));
}

/**
 * fd_format_date_time:
 * @when: a moment
 *
 * Returns: (transfer full): the day and the time of day, "02/12/2026 14:05"
 */
char *
fd_format_date_time (GDateTime *when)
{
  g_autofree char *date = NULL;
  g_autofree char *time = NULL;

  g_return_val_if_fail (when != NULL, NULL);

  date = fd_format_date (when);
  time = fd_format_time (when);
  /* Translators: a day (%1$s) and a time of day (%2$s). */
  return g_strdup_printf (_("%1$s %2$s"), date, time);
}

/**
 * fd_format_moment:
 * @when: (nullable): a moment, often recent
 *
 * Returns: (transfer full): the time alone when @when is today, the day and time
 *   otherwise, and a dash for %NULL
 */
char *
fd_format_moment (GDateTime *when)
{
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) now = NULL;

  if (when == NULL)
    return g_strdup ("—");

  local = to_local (when);
  now = g_date_time_new_now_local ();
  if (g_date_time_get_year (local) == g_date_time_get_year (now)
      && g_date_time_get_day_of_year (local) == g_date_time_get_day_of_year (now))
    return fd_format_time (local);
  return fd_format_date_time (local);
}

/**
 * fd_format_iso_day:
 * @day: (nullable): a day as the database writes it, YYYY-MM-DD
 *
 * Returns: (transfer full): the day as fd_format_date() writes it; "" for none, and
 *   @day itself when it is not a day
 */
char *
fd_format_iso_day (const char *day)
{
  int year, month, day_of_month;
  g_autoptr(GDateTime) date = NULL;

  if (day == NULL || *day == '\0')
    return g_strdup ("");
  if (sscanf (day, "%d-%d-%d", &year, &month, &day_of_month) != 3 ||
      (date = g_date_time_new_local (year, month, day_of_month, 12, 0, 0)) == NULL)
    return g_strdup (day);
  return fd_format_date (date);
}

static const struct
{
  const char *code;
  const char *symbol;
} currency_symbols[] = {
  { "USD", "$" }, { "CAD", "CA$" }, { "AUD", "A$" }, { "NZD", "NZ$" }, { "EUR", "€" },
  { "GBP", "£" }, { "JPY", "¥" }, { "INR", "₹" },
};

/**
 * fd_format_amount:
 * @amount: (nullable): an amount as the database writes it, "1234.5"
 * @currency: (nullable): the practice's currency, an ISO 4217 code
 *
 * Returns: (transfer full): the amount with the locale's decimal point and digit grouping
 *   and the currency's sign, "$1,234.50" (or "1,234.50 CHF" for a code without one); ""
 *   for none
 */
char *
fd_format_amount (const char *amount,
                  const char *currency)
{
  g_autofree char *number = NULL;
  char *end = NULL;
  double value;

  if (amount == NULL || *amount == '\0')
    return g_strdup ("");
  value = g_ascii_strtod (amount, &end);
  if (end == amount || *end != '\0')
    return g_strdup (amount);
  number = g_strdup_printf ("%'.2f", value);
  if (currency == NULL || *currency == '\0')
    return g_steal_pointer (&number);
  for (gsize i = 0; i < G_N_ELEMENTS (currency_symbols); i++)
    if (g_str_equal (currency, currency_symbols[i].code))
      /* Translators: a currency sign and an amount, as "$1,234.50"; swap them if your
       * language writes the sign after the amount */
      return g_strdup_printf (C_("amount", "%1$s%2$s"), currency_symbols[i].symbol, number);
  /* Translators: an amount and a currency code, as "1,234.50 CHF" */
  return g_strdup_printf (C_("amount", "%1$s %2$s"), number, currency);
}

/**
 * fd_format_date_time_seconds:
 * @when: a moment
 *
 * Returns: (transfer full): the day and the time of day with its seconds, for logs
 */
char *
fd_format_date_time_seconds (GDateTime *when)
{
  g_autofree char *date = NULL;
  g_autofree char *time = NULL;

  g_return_val_if_fail (when != NULL, NULL);

  date = fd_format_date (when);
  time = fd_format_time_seconds (when);
  /* Translators: a day (%1$s) and a time of day (%2$s). */
  return g_strdup_printf (_("%1$s %2$s"), date, time);
}
