/* fd-fees.c: a fee schedule's fees.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Fees are written by frontdesk.fees_save(), which the server refuses to anyone but the
 * holder of the schedule's save lock ("fees:<id>"), whichever form they typed them in.
 */
#include <glib/gi18n.h>
#include <string.h>

#include "fd-cache-row.h"
#include "fd-fees.h"
#include "fd-query.h"

/**
 * fd_fees_check_amount:
 *
 * Returns: (nullable): why @text is not a fee, in words; %NULL if it is one, or is empty
 *   (no fee)
 */
char *
fd_fees_check_amount (const char *text)
{
  const char *dot = strchr (text, '.');
  gsize whole = dot != NULL ? (gsize) (dot - text) : strlen (text);

  if (text[0] == '\0')
    return NULL;
  if (strspn (text, "0123456789.") != strlen (text) || whole == 0 || whole > 8 ||
      (dot != NULL && (strchr (dot + 1, '.') != NULL || strlen (dot + 1) > 2)))
    return g_strdup (_("A fee is an amount such as 85 or 85.50, up to 99999999.99; leave it "
                       "empty for no fee."));
  return NULL;
}

/**
 * fd_fees_name_context:
 * @context: (out): the save lock's context, "fees:<id>"
 * @description: (out): what it is, in words
 *
 * The data context of a fee schedule, the same in every form that edits its fees, so that
 * one lock covers them all.
 */
void
fd_fees_name_context (FdCache     *cache,
                      const char  *schedule_id,
                      char       **context,
                      char       **description)
{
  FdCacheRow *schedule = fd_cache_lookup (cache, "fee_schedules", schedule_id);

  *context = g_strconcat ("fees:", schedule_id, NULL);
  /* Translators: %s is a fee schedule's name */
  *description = g_strdup_printf (_("Fee schedule: %s"),
                                  schedule != NULL ? fd_cache_row_get (schedule, "name")
                                                   : schedule_id);
}

/* An element of a PostgreSQL array literal, quoted; the first opens the literal. */
static void
append_array_element (GString    *array,
                      const char *value)
{
  g_string_append_c (array, array->len > 0 ? ',' : '{');
  g_string_append_c (array, '"');
  for (const char *c = value; *c != '\0'; c++)
    {
      if (*c == '"' || *c == '\\')
        g_string_append_c (array, '\\');
      g_string_append_c (array, *c);
    }
  g_string_append_c (array, '"');
}

/**
 * fd_fees_save_async:
 * @code_ids: the procedure codes' ids
 * @originals: each code's fee as the form showed it, "" for none
 * @amounts: each code's fee, "" to remove it
 *
 * Sets the fees of @schedule_id together, or none of them: the server refuses the whole
 * save if one of them was stored differently since the form showed it.
 */
void
fd_fees_save_async (FdConnection        *connection,
                    const char          *schedule_id,
                    guint                n_fees,
                    const char * const  *code_ids,
                    const char * const  *originals,
                    const char * const  *amounts,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_autoptr(GString) codes = g_string_new (NULL);
  g_autoptr(GString) shown = g_string_new (NULL);
  g_autoptr(GString) values = g_string_new (NULL);
  const char *params[4];

  g_return_if_fail (FD_IS_CONNECTION (connection));
  g_return_if_fail (n_fees > 0);

  for (guint i = 0; i < n_fees; i++)
    {
      append_array_element (codes, code_ids[i]);
      append_array_element (shown, originals[i]);
      append_array_element (values, amounts[i]);
    }
  g_string_append_c (codes, '}');
  g_string_append_c (shown, '}');
  g_string_append_c (values, '}');

  params[0] = schedule_id;
  params[1] = codes->str;
  params[2] = shown->str;
  params[3] = values->str;
  fd_query_async (connection, fd_fees_save_async, connection,
                  "SELECT frontdesk.fees_save($1::bigint, $2::bigint[], $3::text[], $4::text[])",
                  4, params, cancellable, callback, user_data);
}

gboolean
fd_fees_save_finish (GAsyncResult  *result,
                     GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);

  return fd_query_finish_ok (g_task_get_source_object (G_TASK (result)), fd_fees_save_async,
                             result, error);
}
