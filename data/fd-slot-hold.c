/* fd-slot-hold.c: the slot this desk holds while a new booking is open there.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * frontdesk.slot_hold() (0024) holds an operatory from a time to a time for this session,
 * unless another live session holds a slot that overlaps it: then it holds nothing and
 * names that desk, and the person decides (Book Anyway holds it beside theirs). A session
 * holds one slot at most; it is free when released, or as soon as its session is gone.
 */
#include "fd-pg.h"
#include "fd-query.h"
#include "fd-slot-hold.h"

/* The day and minutes are the practice's, as the book shows them. */
#define HOLD_SQL \
  "SELECT hold_id, holder_session, holder_name, holder_workstation, " \
  "       extract(epoch FROM holder_since) " \
  "  FROM frontdesk.slot_hold($1::bigint, frontdesk.practice_instant($2::date, $3::integer), " \
  "    frontdesk.practice_instant($2::date, $3::integer + $4::integer), $5::boolean)"

/**
 * fd_slot_hold_async:
 * @day: YYYY-MM-DD
 * @minute: the start, in minutes since the practice's midnight
 * @length: in minutes
 * @anyway: hold it even when another desk is booking there (the person was warned)
 */
void
fd_slot_hold_async (FdConnection        *connection,
                    const char          *operatory_id,
                    const char          *day,
                    int                  minute,
                    int                  length,
                    gboolean             anyway,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_autofree char *start = g_strdup_printf ("%d", minute);
  g_autofree char *minutes = g_strdup_printf ("%d", length);
  const char *params[] = { operatory_id, day, start, minutes, anyway ? "true" : "false" };

  g_return_if_fail (FD_IS_CONNECTION (connection));

  fd_query_async (connection, fd_slot_hold_async, connection, HOLD_SQL, G_N_ELEMENTS (params),
                  params, cancellable, callback, user_data);
}

/**
 * fd_slot_hold_finish:
 * @holder: (out) (optional): when another desk is booking there, who
 *
 * Returns: %TRUE when this desk holds the slot; %FALSE with @holder set when another desk
 *   is booking there, or with @error when the server refused or failed
 */
gboolean
fd_slot_hold_finish (FdConnection  *connection,
                     GAsyncResult  *result,
                     FdLockHolder **holder,
                     GError       **error)
{
  g_autoptr(PGresult) pg_result = fd_query_finish (connection, fd_slot_hold_async, result, error);

  if (holder != NULL)
    *holder = NULL;
  if (pg_result == NULL)
    return FALSE;
  if (PQntuples (pg_result) == 1 && PQgetisnull (pg_result, 0, 0))
    {
      if (holder != NULL)
        *holder = fd_lock_holder_new_from_result (pg_result, 0, 1);
      return FALSE;
    }
  return TRUE;
}

static void
released_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(PGresult) pg_result = NULL;
  g_autoptr(GError) error = NULL;

  pg_result = fd_connection_query_finish (FD_CONNECTION (object), result, &error);
  if (pg_result == NULL)
    g_debug ("Releasing the slot held for a booking: %s", error->message);
}

/**
 * fd_slot_hold_release:
 *
 * Frees the slot this desk holds, if any: its booking was saved or cancelled.
 */
void
fd_slot_hold_release (FdConnection *connection)
{
  g_return_if_fail (FD_IS_CONNECTION (connection));

  fd_connection_query_async (connection, "SELECT frontdesk.slot_release()", 0, NULL, NULL,
                             released_cb, NULL);
}
