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
#include <langinfo.h>
#include <stdio.h>
#include <string.h>

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

/* The locale's numeric day (%x, from D_FMT) with the year in four digits: a date typed in a
 * field is read back as written, and "03/27/84" would leave the century to guess. */
static char *
typed_date_pattern (void)
{
  const char *pattern = nl_langinfo (D_FMT);
  GString *full = g_string_new (pattern != NULL && *pattern != '\0' ? pattern : "%m/%d/%y");

  g_string_replace (full, "%y", "%Y", 0);
  return g_string_free (full, FALSE);
}

/**
 * fd_format_date_typed:
 * @when: a day
 *
 * Returns: (transfer full): the day as a date field shows it and takes it typed: the
 *   locale's numeric order with the whole year (12/02/2026, 02.12.2026)
 */
char *
fd_format_date_typed (GDateTime *when)
{
  g_autofree char *pattern = typed_date_pattern ();
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (when != NULL, NULL);

  local = to_local (when);
  return g_date_time_format (local, pattern);
}

/* The order of day (d), month (m) and year (y) in the locale's numeric day, as "mdy". */
static void
find_order (char order[4])
{
  g_autofree char *pattern = typed_date_pattern ();
  guint n = 0;

  for (const char *p = pattern; *p != '\0' && p[1] != '\0' && n < 3; p++)
    {
      if (*p != '%')
        continue;
      p++;
      while (*p == '-' || *p == '_' || *p == '0' || *p == 'E' || *p == 'O')
        p++;
      if ((*p == 'd' || *p == 'e') && memchr (order, 'd', n) == NULL)
        order[n++] = 'd';
      else if ((*p == 'm' || *p == 'b' || *p == 'h') && memchr (order, 'm', n) == NULL)
        order[n++] = 'm';
      else if ((*p == 'Y' || *p == 'y') && memchr (order, 'y', n) == NULL)
        order[n++] = 'y';
    }
  if (n != 3)
    memcpy (order, "mdy", 3);
  order[3] = '\0';
}

/**
 * fd_format_date_order:
 *
 * Returns: (transfer full): the parts of fd_format_date_typed() in words and in their
 *   order, "month/day/year", for a sentence that says how to write a date
 */
char *
fd_format_date_order (void)
{
  char order[4];
  const char *words[3];

  find_order (order);
  for (guint i = 0; i < 3; i++)
    words[i] = order[i] == 'd' ? _("day") : order[i] == 'm' ? _("month") : _("year");
  /* Translators: the parts of a date in the locale's order, as "day/month/year" */
  return g_strdup_printf (_("%s/%s/%s"), words[0], words[1], words[2]);
}

/**
 * fd_format_parse_date:
 * @text: a date as typed: the locale's numeric order (any separator), or year-month-day
 *
 * Reads three numbers; the year is the first when written with four digits, otherwise the
 * one in the locale's year place. Nothing is checked but that three numbers are there: a
 * year written short (84) comes back as written, for the caller to ask for it whole.
 *
 * Returns: whether @text holds three numbers and nothing else
 */
gboolean
fd_format_parse_date (const char *text,
                      int        *year,
                      int        *month,
                      int        *day)
{
  int numbers[3];
  guint digits[3];
  guint n = 0;
  char order[4];
  const char *p = text;

  while (*p != '\0')
    {
      if (g_ascii_isdigit (*p))
        {
          if (n == 3)
            return FALSE;
          numbers[n] = 0;
          digits[n] = 0;
          while (g_ascii_isdigit (*p) && digits[n] < 6)
            {
              numbers[n] = numbers[n] * 10 + (*p++ - '0');
              digits[n]++;
            }
          if (g_ascii_isdigit (*p))
            return FALSE;
          n++;
        }
      else if (g_ascii_isalnum (*p))
        return FALSE;
      else
        p++;
    }
  if (n != 3)
    return FALSE;

  /* 1984-03-27, as the database writes it, is taken too: a four-digit first number can only
   * be a year. */
  if (digits[0] == 4)
    memcpy (order, "ymd", 4);
  else
    find_order (order);
  for (guint i = 0; i < 3; i++)
    {
      if (order[i] == 'y')
        *year = numbers[i];
      else if (order[i] == 'm')
        *month = numbers[i];
      else
        *day = numbers[i];
    }
  return TRUE;
}
