/* fd-open-records.c: the records of one kind other desks have open, following the lock table.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A list that marks who has a record open asks this model for each row it shows, never the
 * server: the model reads frontdesk.open_records() (0024) once, and again whenever the poller
 * reports a change of the lock table for its kind (or reloads everything). The locks are as
 * many as the desks, so a list of a million clients costs no more than a list of ten.
 * "changed" says the set is new; the lists then refresh the rows they show.
 *
 * A desk that vanishes changes nothing in the lock table by itself: while this model shows
 * another desk's record, it keeps an FdDepartedSweep active, which asks the server every
 * few seconds to sweep departed sessions (frontdesk.sweep_departed(), 0029); that signals
 * the lock table of every kind a dead desk held, so every list drops its badges within
 * the same seconds as its locks go free.
 */
#include "fd-departed-sweep.h"
#include "fd-open-records.h"
#include "fd-pg.h"

struct _FdOpenRecords
{
  GObject          parent_instance;

  /* Owned */
  FdConnection    *connection;
  GCancellable    *cancellable;
  char            *kind;
  GHashTable      *holders;     /* record id → FdLockHolder */
  FdDepartedSweep *sweep;       /* active while another desk has one open */

  gboolean         reading;
  gboolean         read_again;
};

G_DEFINE_FINAL_TYPE (FdOpenRecords, fd_open_records, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint open_records_signals[N_SIGNALS];

static void read_holders (FdOpenRecords *self);

/* Sweeping only while there is something another desk may have left behind. */
static void
update_sweep (FdOpenRecords *self)
{
  fd_departed_sweep_set_active (self->sweep, g_hash_table_size (self->holders) > 0);
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(FdOpenRecords) self = user_data;
  g_autoptr(PGresult) pg_result = NULL;
  g_autoptr(GError) error = NULL;

  pg_result = fd_connection_query_finish (FD_CONNECTION (object), result, &error);
  self->reading = FALSE;
  if (pg_result == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Reading who has %s open: %s", self->kind, error->message);
      return;
    }

  g_hash_table_remove_all (self->holders);
  for (int row = 0; row < PQntuples (pg_result); row++)
    g_hash_table_insert (self->holders, g_strdup (PQgetvalue (pg_result, row, 0)),
                         fd_lock_holder_new_from_result (pg_result, row, 1));
  update_sweep (self);
  g_signal_emit (self, open_records_signals[CHANGED], 0);

  if (self->read_again)
    {
      self->read_again = FALSE;
      read_holders (self);
    }
}

static void
read_holders (FdOpenRecords *self)
{
  const char *params[] = { self->kind };

  /* One read at a time; a change meanwhile reads once more when it is back. */
  if (self->reading)
    {
      self->read_again = TRUE;
      return;
    }
  self->reading = TRUE;
  fd_connection_query_async (self->connection,
                             "SELECT record_id, session_id, display_name, workstation, "
                             "extract(epoch FROM since) FROM frontdesk.open_records($1)",
                             1, params, self->cancellable, read_cb, g_object_ref (self));
}

static void
locks_changed_cb (FdOpenRecords *self,
                  const char    *kind,
                  GStrv          keys)
{
  /* A signal without keys may name any kind. */
  if (keys == NULL || keys[0] == NULL || g_strv_contains ((const char * const *) keys, self->kind))
    read_holders (self);
}

static void
fd_open_records_dispose (GObject *object)
{
  FdOpenRecords *self = FD_OPEN_RECORDS (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->sweep);

  G_OBJECT_CLASS (fd_open_records_parent_class)->dispose (object);
}

static void
fd_open_records_finalize (GObject *object)
{
  FdOpenRecords *self = FD_OPEN_RECORDS (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->connection);
  g_clear_pointer (&self->holders, g_hash_table_unref);
  g_free (self->kind);

  G_OBJECT_CLASS (fd_open_records_parent_class)->finalize (object);
}

static void
fd_open_records_class_init (FdOpenRecordsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = fd_open_records_dispose;
  object_class->finalize = fd_open_records_finalize;

  /**
   * FdOpenRecords::changed:
   *
   * Who has which record open was read anew.
   */
  open_records_signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
fd_open_records_init (FdOpenRecords *self)
{
  self->cancellable = g_cancellable_new ();
  self->holders = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) fd_lock_holder_free);
}

/**
 * fd_open_records_new:
 * @kind: a lockable table: "clients", "appointments"
 *
 * Reads at once, then follows @signals.
 */
FdOpenRecords *
fd_open_records_new (FdConnection *connection,
                     FdSignals    *signals,
                     const char   *kind)
{
  FdOpenRecords *self;

  g_return_val_if_fail (FD_IS_CONNECTION (connection), NULL);
  g_return_val_if_fail (FD_IS_SIGNALS (signals), NULL);
  g_return_val_if_fail (kind != NULL, NULL);

  self = g_object_new (FD_TYPE_OPEN_RECORDS, NULL);
  self->connection = g_object_ref (connection);
  self->sweep = fd_departed_sweep_new (connection);
  self->kind = g_strdup (kind);
  g_signal_connect_object (signals, "changed::record_locks", G_CALLBACK (locks_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (signals, "reload-all", G_CALLBACK (read_holders), self,
                           G_CONNECT_SWAPPED);
  read_holders (self);
  return self;
}

const char *
fd_open_records_get_kind (FdOpenRecords *self)
{
  g_return_val_if_fail (FD_IS_OPEN_RECORDS (self), NULL);

  return self->kind;
}

/**
 * fd_open_records_lookup:
 *
 * Returns: (transfer none) (nullable): the other desk that has @id open, or %NULL
 */
const FdLockHolder *
fd_open_records_lookup (FdOpenRecords *self,
                        const char    *id)
{
  g_return_val_if_fail (FD_IS_OPEN_RECORDS (self), NULL);

  return id != NULL ? g_hash_table_lookup (self->holders, id) : NULL;
}

/**
 * fd_open_records_reload:
 *
 * Reads again now: for a list reloaded by hand, or a holder whose desk vanished (which
 * says nothing to the lock table).
 */
void
fd_open_records_reload (FdOpenRecords *self)
{
  g_return_if_fail (FD_IS_OPEN_RECORDS (self));

  read_holders (self);
}
