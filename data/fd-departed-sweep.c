/* fd-departed-sweep.c: asking the server, every few seconds while something another desk
 * holds is shown, to free what departed desks left behind.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A desk that vanishes changes nothing on the server by itself: its record locks are free
 * at once (session_is_alive()), but no row changes, so no signal tells the other desks.
 * frontdesk.sweep_departed() (0029) finds such sessions and frees what they held, with the
 * signals that go with it: 'record_locks' for each kind of record a dead desk had open,
 * and 'slot_holds' as its held slots are deleted. Whoever shows something another desk
 * holds (a lock badge in a list, a held slot in the book) keeps one of these active, so
 * that what a vanished desk held disappears everywhere within the same seconds. It is one
 * indexed read while nobody died, and it runs only while it is active.
 */
#include "fd-departed-sweep.h"
#include "fd-pg.h"

#define SWEEP_INTERVAL_S 2

struct _FdDepartedSweep
{
  GObject       parent_instance;

  /* Owned */
  FdConnection *connection;
  GCancellable *cancellable;
  guint         source;         /* while active */
};

G_DEFINE_FINAL_TYPE (FdDepartedSweep, fd_departed_sweep, G_TYPE_OBJECT)

static void
swept_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(PGresult) pg_result = NULL;
  g_autoptr(GError) error = NULL;

  pg_result = fd_connection_query_finish (FD_CONNECTION (object), result, &error);
  if (pg_result == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("Sweeping departed desks: %s", error->message);
}

static gboolean
sweep_cb (gpointer user_data)
{
  FdDepartedSweep *self = user_data;

  fd_connection_query_async (self->connection, "SELECT frontdesk.sweep_departed()", 0, NULL,
                             self->cancellable, swept_cb, NULL);
  return G_SOURCE_CONTINUE;
}

static void
fd_departed_sweep_dispose (GObject *object)
{
  FdDepartedSweep *self = FD_DEPARTED_SWEEP (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->source, g_source_remove);

  G_OBJECT_CLASS (fd_departed_sweep_parent_class)->dispose (object);
}

static void
fd_departed_sweep_finalize (GObject *object)
{
  FdDepartedSweep *self = FD_DEPARTED_SWEEP (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->connection);

  G_OBJECT_CLASS (fd_departed_sweep_parent_class)->finalize (object);
}

static void
fd_departed_sweep_class_init (FdDepartedSweepClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = fd_departed_sweep_dispose;
  object_class->finalize = fd_departed_sweep_finalize;
}

static void
fd_departed_sweep_init (FdDepartedSweep *self)
{
  self->cancellable = g_cancellable_new ();
}

/**
 * fd_departed_sweep_new:
 *
 * Inactive until fd_departed_sweep_set_active().
 */
FdDepartedSweep *
fd_departed_sweep_new (FdConnection *connection)
{
  FdDepartedSweep *self;

  g_return_val_if_fail (FD_IS_CONNECTION (connection), NULL);

  self = g_object_new (FD_TYPE_DEPARTED_SWEEP, NULL);
  self->connection = g_object_ref (connection);
  return self;
}

/**
 * fd_departed_sweep_get_connection:
 *
 * Returns: (transfer none): the connection it sweeps through
 */
FdConnection *
fd_departed_sweep_get_connection (FdDepartedSweep *self)
{
  g_return_val_if_fail (FD_IS_DEPARTED_SWEEP (self), NULL);

  return self->connection;
}

/**
 * fd_departed_sweep_set_active:
 * @active: whether something another desk holds is shown
 *
 * Sweeps every few seconds while @active; the first sweep comes after the interval.
 */
void
fd_departed_sweep_set_active (FdDepartedSweep *self,
                              gboolean         active)
{
  g_return_if_fail (FD_IS_DEPARTED_SWEEP (self));

  if (active && self->source == 0)
    self->source = g_timeout_add_seconds (SWEEP_INTERVAL_S, sweep_cb, self);
  else if (!active)
    g_clear_handle_id (&self->source, g_source_remove);
}

gboolean
fd_departed_sweep_get_active (FdDepartedSweep *self)
{
  g_return_val_if_fail (FD_IS_DEPARTED_SWEEP (self), FALSE);

  return self->source != 0;
}
