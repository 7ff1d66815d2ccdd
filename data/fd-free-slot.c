/* fd-free-slot.c: an opening in the book, as Find a Free Slot lists it, and the search for
 * the next ones, made by the server's free_slots() (0020) from the practice's hours, the
 * providers' schedules and the appointments that are not cancelled.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdlib.h>

#include "fd-free-slot.h"
#include "fd-pg.h"
#include "fd-query.h"

struct _FdFreeSlot
{
  GObject  parent_instance;

  char    *day;
  int      start_minute;
  char    *provider_id;
  char    *operatory_id;
};

G_DEFINE_FINAL_TYPE (FdFreeSlot, fd_free_slot, G_TYPE_OBJECT)

static void
fd_free_slot_finalize (GObject *object)
{
  FdFreeSlot *self = FD_FREE_SLOT (object);

  g_free (self->day);
  g_free (self->provider_id);
  g_free (self->operatory_id);

  G_OBJECT_CLASS (fd_free_slot_parent_class)->finalize (object);
}

static void
fd_free_slot_class_init (FdFreeSlotClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = fd_free_slot_finalize;
}

static void
fd_free_slot_init (FdFreeSlot *self)
{
}

/* YYYY-MM-DD, in the practice's time zone. */
const char *
fd_free_slot_get_day (FdFreeSlot *self)
{
  g_return_val_if_fail (FD_IS_FREE_SLOT (self), NULL);

  return self->day;
}

/* Minutes after midnight. */
int
fd_free_slot_get_start_minute (FdFreeSlot *self)
{
  g_return_val_if_fail (FD_IS_FREE_SLOT (self), 0);

  return self->start_minute;
}

const char *
fd_free_slot_get_provider_id (FdFreeSlot *self)
{
  g_return_val_if_fail (FD_IS_FREE_SLOT (self), NULL);

  return self->provider_id;
}

const char *
fd_free_slot_get_operatory_id (FdFreeSlot *self)
{
  g_return_val_if_fail (FD_IS_FREE_SLOT (self), NULL);

  return self->operatory_id;
}

static gpointer
read_free_slot (const PGresult *pg_result,
                int             row)
{
  FdFreeSlot *slot = g_object_new (FD_TYPE_FREE_SLOT, NULL);

  slot->day = g_strdup (PQgetvalue (pg_result, row, 0));
  slot->start_minute = atoi (PQgetvalue (pg_result, row, 1));
  slot->provider_id = g_strdup (PQgetvalue (pg_result, row, 2));
  slot->operatory_id = g_strdup (PQgetvalue (pg_result, row, 3));
  return slot;
}

/**
 * fd_free_slot_search_async:
 * @from_day: YYYY-MM-DD, the first day searched (times already past are skipped)
 * @length_minutes: 5 to 600, in steps of 5
 * @provider_id: (nullable): one provider, or %NULL for any
 * @operatory_id: (nullable): one operatory, or %NULL for any
 * @part_of_day: "morning" (starting before noon), "afternoon" or "any"
 * @max_rows: how many openings at most
 */
void
fd_free_slot_search_async (FdConnection        *connection,
                           const char          *from_day,
                           int                  length_minutes,
                           const char          *provider_id,
                           const char          *operatory_id,
                           const char          *part_of_day,
                           int                  max_rows,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autofree char *length = g_strdup_printf ("%d", length_minutes);
  g_autofree char *rows = g_strdup_printf ("%d", max_rows);
  const char *params[] = { from_day, length, provider_id, operatory_id, part_of_day, rows };

  g_return_if_fail (FD_IS_CONNECTION (connection));
  g_return_if_fail (from_day != NULL && part_of_day != NULL);

  fd_query_async (connection, fd_free_slot_search_async, connection,
                  "SELECT day, starts_minute, provider_id, operatory_id "
                  "FROM frontdesk.free_slots($1::date, $2::integer, $3::bigint, $4::bigint, "
                  "$5::text, $6::integer)",
                  G_N_ELEMENTS (params), params, cancellable, callback, user_data);
}

/**
 * fd_free_slot_search_finish:
 *
 * Returns: (transfer full): the openings as #FdFreeSlot, soonest first
 */
GListModel *
fd_free_slot_search_finish (FdConnection  *connection,
                            GAsyncResult  *result,
                            GError       **error)
{
  return fd_query_finish_list (connection, fd_free_slot_search_async, result,
                               FD_TYPE_FREE_SLOT, read_free_slot, error);
}
