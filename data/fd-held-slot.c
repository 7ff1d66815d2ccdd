/* fd-held-slot.c: a slot another desk holds while a booking is open there, as the book
 * draws it, read through the server's slot_holds_on() (0024): the holds of other live
 * sessions, one day at a time, as few as the desks.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdlib.h>

#include "fd-held-slot.h"
#include "fd-pg-util.h"
#include "fd-pg.h"
#include "fd-query.h"

struct _FdHeldSlot
{
  GObject  parent_instance;

  char    *operatory_id;
  char    *day;
  int      start_minute;
  int      end_minute;
  char    *holder_name;
  char    *workstation;
};

G_DEFINE_FINAL_TYPE (FdHeldSlot, fd_held_slot, G_TYPE_OBJECT)

static void
fd_held_slot_finalize (GObject *object)
{
  FdHeldSlot *self = FD_HELD_SLOT (object);

  g_free (self->operatory_id);
  g_free (self->day);
  g_free (self->holder_name);
  g_free (self->workstation);

  G_OBJECT_CLASS (fd_held_slot_parent_class)->finalize (object);
}

static void
fd_held_slot_class_init (FdHeldSlotClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = fd_held_slot_finalize;
}

static void
fd_held_slot_init (FdHeldSlot *self)
{
}

const char *
fd_held_slot_get_operatory_id (FdHeldSlot *self)
{
  g_return_val_if_fail (FD_IS_HELD_SLOT (self), NULL);

  return self->operatory_id;
}

/* YYYY-MM-DD, in the practice's time zone. */
const char *
fd_held_slot_get_day (FdHeldSlot *self)
{
  g_return_val_if_fail (FD_IS_HELD_SLOT (self), NULL);

  return self->day;
}

/* Minutes after the practice's midnight. */
int
fd_held_slot_get_start_minute (FdHeldSlot *self)
{
  g_return_val_if_fail (FD_IS_HELD_SLOT (self), 0);

  return self->start_minute;
}

int
fd_held_slot_get_end_minute (FdHeldSlot *self)
{
  g_return_val_if_fail (FD_IS_HELD_SLOT (self), 0);

  return self->end_minute;
}

const char *
fd_held_slot_get_holder_name (FdHeldSlot *self)
{
  g_return_val_if_fail (FD_IS_HELD_SLOT (self), NULL);

  return self->holder_name;
}

/* (nullable) */
const char *
fd_held_slot_get_workstation (FdHeldSlot *self)
{
  g_return_val_if_fail (FD_IS_HELD_SLOT (self), NULL);

  return self->workstation;
}

static gpointer
read_held_slot (const PGresult *pg_result,
                int             row)
{
  FdHeldSlot *slot = g_object_new (FD_TYPE_HELD_SLOT, NULL);

  slot->operatory_id = g_strdup (PQgetvalue (pg_result, row, 0));
  slot->day = g_strdup (PQgetvalue (pg_result, row, 1));
  slot->start_minute = atoi (PQgetvalue (pg_result, row, 2));
  slot->end_minute = atoi (PQgetvalue (pg_result, row, 3));
  slot->holder_name = g_strdup (PQgetvalue (pg_result, row, 4));
  slot->workstation = g_strdup (fd_pg_get_nullable (pg_result, row, 5));
  return slot;
}

/**
 * fd_held_slot_load_async:
 * @from_day: the first day, YYYY-MM-DD, in the practice's time zone
 * @to_day: the last day, included
 *
 * The slots other desks hold on those days.
 */
void
fd_held_slot_load_async (FdConnection        *connection,
                         const char          *from_day,
                         const char          *to_day,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  const char *params[] = { from_day, to_day };

  g_return_if_fail (FD_IS_CONNECTION (connection));

  /* Minutes counted from the practice's midnight of the day, as the book counts them. */
  fd_query_async (connection, fd_held_slot_load_async, connection,
                  "SELECT h.operatory_id, d::date::text, "
                  "  (extract(epoch FROM h.starts_at - frontdesk.practice_instant(d::date, 0)) "
                  "   / 60)::integer, "
                  "  (extract(epoch FROM h.ends_at - frontdesk.practice_instant(d::date, 0)) "
                  "   / 60)::integer, "
                  "  h.holder_name, h.holder_workstation "
                  "FROM generate_series($1::date, $2::date, interval '1 day') d "
                  "CROSS JOIN LATERAL frontdesk.slot_holds_on(d::date) h "
                  "ORDER BY d, h.operatory_id, h.starts_at",
                  G_N_ELEMENTS (params), params, cancellable, callback, user_data);
}

/**
 * fd_held_slot_load_finish:
 *
 * Returns: (transfer full): the #FdHeldSlot of those days
 */
GListModel *
fd_held_slot_load_finish (FdConnection  *connection,
                          GAsyncResult  *result,
                          GError       **error)
{
  return fd_query_finish_list (connection, fd_held_slot_load_async, result,
                               FD_TYPE_HELD_SLOT, read_held_slot, error);
}
