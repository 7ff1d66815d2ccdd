/* fd-signals.c: what changed elsewhere: the signals table polled on a timer, woken at once
 * by NOTIFY, with every kind of change reported once per poll.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The poll is the truth and NOTIFY only a wake-up, so polling alone stays correct (behind
 * PgBouncer, say, where LISTEN does not work). frontdesk.poll_signals() (0007) explains the
 * horizon that makes sure no signal is missed, whatever order transactions commit in. The
 * ids read above the horizon are remembered, because the next poll reads from there again.
 * The poll asks what poll_signals() answers, as one prepared statement on the table itself
 * (0019): an idle poll is then about what a SELECT 1 costs the server.
 */
#include "fd-pg-util.h"
#include "fd-pg.h"
#include "fd-signals.h"

#define SIGNALS_CHANNEL "frontdesk_signals"
#define POLLS_BETWEEN_PURGES 360
#define RETENTION "1 day"

/* As frontdesk.poll_signals($1, $2): the signals at or above the last horizon not seen yet,
 * each with the new horizon. An idle poll returns no row and the horizon stays where it
 * was, which is still safe (every signal not yet visible is above it) and spares the server
 * a join on every idle poll of every desk. $1 is never NULL here: a coalesce() in the
 * condition would make the prepared plan twice as slow. The horizon is read in a
 * sub-select, bounded above by the largest xid8: the server then estimates the same few
 * rows whatever the horizon, its plan for any horizon costs what one for this horizon does,
 * and after five polls it keeps that plan rather than planning each poll again (a plan for
 * the value, which saw no signal above it, looked cheaper than one for a third of the
 * table, and took longer to make than to run). */
#define POLL_SQL \
  "SELECT s.id, s.xid, s.kind, s.key, s.origin_session, " \
  "       pg_catalog.pg_snapshot_xmin(pg_catalog.pg_current_snapshot()) " \
  "  FROM frontdesk.signals s WHERE s.xid >= (SELECT $1::xid8) " \
  "       AND s.xid <= '18446744073709551615'::xid8 AND s.id <> ALL ($2::bigint[]) " \
  " ORDER BY s.xid, s.id"

/* The first poll, which has no horizon yet: from the oldest transaction still running. */
#define FIRST_POLL_SQL \
  "SELECT signal_id, signal_xid, kind, key, origin_session, horizon " \
  "  FROM frontdesk.poll_signals(NULL, '{}')"

struct _FdSignals
{
  GObject       parent_instance;

  /* Owned */
  FdConnection *connection;
  GCancellable *cancellable;
  char         *horizon;        /* NULL until the first poll */
  GHashTable   *seen;           /* signal id → its xid, both as gint64 */
  GHashTable   *origins;        /* "kind\nkey" and "kind" → the origin sessions of this
                                 * poll's changes, in order (GArray of gint64, 0 for none) */
  GDateTime    *last_poll;

  guint         interval;
  guint         timer;
  guint         polls;
  gboolean      push;
  gboolean      listening;
  gboolean      polling;
  gboolean      poll_again;
};

G_DEFINE_FINAL_TYPE (FdSignals, fd_signals, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LAST_POLL,
  PROP_PUSH_ACTIVE,
  PROP_STARTED,
  N_PROPS
};

enum {
  CHANGED,
  RELOAD_ALL,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static char *
describe_seen (GHashTable *seen)
{
  GString *text = g_string_new ("{");
  GHashTableIter iter;
  gpointer id;
  gboolean first = TRUE;

  g_hash_table_iter_init (&iter, seen);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    {
      g_string_append_printf (text, "%s%" G_GINT64_FORMAT, first ? "" : ",", *(gint64 *) id);
      first = FALSE;
    }
  g_string_append_c (text, '}');
  return g_string_free (text, FALSE);
}

static void
forget_below_horizon (FdSignals *self)
{
  GHashTableIter iter;
  gpointer xid;
  guint64 horizon = g_ascii_strtoull (self->horizon, NULL, 10);

  g_hash_table_iter_init (&iter, self->seen);
  while (g_hash_table_iter_next (&iter, NULL, &xid))
    {
      if ((guint64) *(gint64 *) xid < horizon)
        g_hash_table_iter_remove (&iter);
    }
}

static void
remember (FdSignals  *self,
          const char *id,
          const char *xid)
{
  gint64 *key = g_new (gint64, 1);
  gint64 *value = g_new (gint64, 1);

  *key = g_ascii_strtoll (id, NULL, 10);
  *value = (gint64) g_ascii_strtoull (xid, NULL, 10);
  g_hash_table_insert (self->seen, key, value);
}

static void
purged_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(PGresult) pg_result = NULL;
  g_autoptr(GError) error = NULL;

  pg_result = fd_connection_query_finish (FD_CONNECTION (object), result, &error);
  if (pg_result == NULL)
    g_debug ("Purging old signals: %s", error->message);
}

static void
purge_now_and_then (FdSignals *self)
{
  if (++self->polls % POLLS_BETWEEN_PURGES != 0)
    return;

  fd_connection_query_async (self->connection,
                             "SELECT frontdesk.purge_signals(interval '" RETENTION "')", 0, NULL,
                             self->cancellable, purged_cb, NULL);
}

static void
add_origin (GHashTable *origins,
            char       *name,
            gint64      session_id)
{
  GArray *sessions = g_hash_table_lookup (origins, name);

  if (sessions == NULL)
    {
      sessions = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_hash_table_insert (origins, g_strdup (name), sessions);
    }
  g_array_append_val (sessions, session_id);
  g_free (name);
}

static void
note_origin (FdSignals  *self,
             const char *kind,
             const char *key,
             const char *origin)
{
  gint64 session_id = origin != NULL ? g_ascii_strtoll (origin, NULL, 10) : 0;

  if (key != NULL)
    add_origin (self->origins, g_strconcat (kind, "\n", key, NULL), session_id);
  add_origin (self->origins, g_strdup (kind), session_id);
}

/* Emits ::changed once for each kind, with each key once. */
static void
report (FdSignals  *self,
        GHashTable *changes)
{
  GHashTableIter iter;
  gpointer kind;
  gpointer keys;

  g_hash_table_iter_init (&iter, changes);
  while (g_hash_table_iter_next (&iter, &kind, &keys))
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) key_list = NULL;
      GHashTableIter key_iter;
      gpointer key;

      g_hash_table_iter_init (&key_iter, keys);
      while (g_hash_table_iter_next (&key_iter, &key, NULL))
        g_strv_builder_add (builder, key);
      key_list = g_strv_builder_end (builder);

      g_signal_emit (self, signals[CHANGED], g_quark_from_string (kind), kind, key_list);
    }
}

static void
poll_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(FdSignals) self = user_data;
  g_autoptr(PGresult) pg_result = NULL;
  g_autoptr(GHashTable) changes = NULL;
  g_autoptr(GError) error = NULL;
  gboolean first = self->horizon == NULL;

  self->polling = FALSE;
  pg_result = fd_connection_query_finish (FD_CONNECTION (object), result, &error);
  if (pg_result == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Polling signals: %s", error->message);
      return;
    }

  changes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                   (GDestroyNotify) g_hash_table_unref);
  g_hash_table_remove_all (self->origins);
  for (int row = 0; row < PQntuples (pg_result); row++)
    {
      const char *id = fd_pg_get_nullable (pg_result, row, 0);
      const char *key = fd_pg_get_nullable (pg_result, row, 3);
      const char *kind = PQgetvalue (pg_result, row, 2);
      GHashTable *keys;

      if (id == NULL)
        continue;
      remember (self, id, PQgetvalue (pg_result, row, 1));
      if (first)
        continue;

      keys = g_hash_table_lookup (changes, kind);
      if (keys == NULL)
        {
          keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          g_hash_table_insert (changes, g_strdup (kind), keys);
        }
      if (key != NULL)
        g_hash_table_add (keys, g_strdup (key));
      note_origin (self, kind, key, fd_pg_get_nullable (pg_result, row, 4));
    }

  if (PQntuples (pg_result) > 0)
    {
      g_free (self->horizon);
      self->horizon = g_strdup (PQgetvalue (pg_result, 0, 5));
      forget_below_horizon (self);
    }

  g_clear_pointer (&self->last_poll, g_date_time_unref);
  self->last_poll = g_date_time_new_now_local ();

  report (self, changes);
  if (first)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STARTED]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_POLL]);
  purge_now_and_then (self);

  if (self->poll_again)
    {
      self->poll_again = FALSE;
      fd_signals_poll (self);
    }
}

static gboolean
timer_cb (gpointer user_data)
{
  fd_signals_poll (user_data);
  return G_SOURCE_CONTINUE;
}

static void
notification_cb (FdSignals  *self,
                 const char *channel,
                 const char *payload,
                 int         pid)
{
  if (self->push)
    fd_signals_poll (self);
}

static void
listened_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(FdSignals) self = user_data;
  g_autoptr(GError) error = NULL;

  self->listening = fd_connection_listen_finish (FD_CONNECTION (object), result, &error);
  if (!self->listening)
    g_debug ("No push for signals: %s", error->message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PUSH_ACTIVE]);
}

static void
connection_state_cb (FdSignals *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PUSH_ACTIVE]);
}

/* Anything may have changed while the connection was down: everything is read again. */
static void
reconnected_cb (FdSignals *self)
{
  g_signal_emit (self, signals[RELOAD_ALL], 0);
  fd_signals_poll (self);
}

/* GObject -------------------------------------------------------------------------------- */

static void
fd_signals_dispose (GObject *object)
{
  FdSignals *self = FD_SIGNALS (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->timer, g_source_remove);
  g_clear_object (&self->connection);

  G_OBJECT_CLASS (fd_signals_parent_class)->dispose (object);
}

static void
fd_signals_finalize (GObject *object)
{
  FdSignals *self = FD_SIGNALS (object);

  g_clear_object (&self->cancellable);
  g_free (self->horizon);
  g_hash_table_unref (self->seen);
  g_hash_table_unref (self->origins);
  g_clear_pointer (&self->last_poll, g_date_time_unref);

  G_OBJECT_CLASS (fd_signals_parent_class)->finalize (object);
}

static void
fd_signals_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  FdSignals *self = FD_SIGNALS (object);

  switch (prop_id)
    {
    case PROP_LAST_POLL:
      g_value_set_boxed (value, self->last_poll);
      break;
    case PROP_PUSH_ACTIVE:
      g_value_set_boolean (value, fd_signals_get_push_active (self));
      break;
    case PROP_STARTED:
      g_value_set_boolean (value, fd_signals_get_started (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fd_signals_class_init (FdSignalsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = fd_signals_dispose;
  object_class->finalize = fd_signals_finalize;
  object_class->get_property = fd_signals_get_property;

  properties[PROP_LAST_POLL] =
    g_param_spec_boxed ("last-poll", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_PUSH_ACTIVE] =
    g_param_spec_boolean ("push-active", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_STARTED] =
    g_param_spec_boolean ("started", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FdSignals::changed:
   * @kind: what changed: a table (clients, providers, …); also the signal's detail
   * @keys: which records, once each; for appointments the days touched (YYYY-MM-DD)
   *
   * Emitted once for each kind in a poll, however many signals of that kind it read.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRV);

  /**
   * FdSignals::reload-all:
   *
   * The connection came back; whatever was loaded must be loaded again.
   */
  signals[RELOAD_ALL] =
    g_signal_new ("reload-all", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
fd_signals_init (FdSignals *self)
{
  self->cancellable = g_cancellable_new ();
  self->seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->origins = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) g_array_unref);
  self->push = TRUE;
}

/**
 * fd_signals_new:
 *
 * Starts at once: the first poll sets where reading begins (what was signalled before is
 * not reported), and NOTIFY wakes later polls. Polling on a timer needs an interval.
 */
FdSignals *
fd_signals_new (FdConnection *connection)
{
  FdSignals *self;

  g_return_val_if_fail (FD_IS_CONNECTION (connection), NULL);

  self = g_object_new (FD_TYPE_SIGNALS, NULL);
  self->connection = g_object_ref (connection);
  g_signal_connect_object (connection, "notification::" SIGNALS_CHANNEL,
                           G_CALLBACK (notification_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (connection, "reconnected", G_CALLBACK (reconnected_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (connection, "notify::state", G_CALLBACK (connection_state_cb), self,
                           G_CONNECT_SWAPPED);
  fd_connection_listen_async (connection, SIGNALS_CHANNEL, self->cancellable, listened_cb,
                              g_object_ref (self));
  fd_signals_poll (self);

  return self;
}

/**
 * fd_signals_set_interval:
 * @seconds: between polls; 0 polls only when NOTIFY wakes it (or by hand)
 *
 * Takes effect at once.
 */
void
fd_signals_set_interval (FdSignals *self,
                         guint      seconds)
{
  g_return_if_fail (FD_IS_SIGNALS (self));

  self->interval = seconds;
  g_clear_handle_id (&self->timer, g_source_remove);
  if (seconds > 0)
    self->timer = g_timeout_add (seconds * 1000, timer_cb, self);
}

guint
fd_signals_get_interval (FdSignals *self)
{
  g_return_val_if_fail (FD_IS_SIGNALS (self), 0);

  return self->interval;
}

/**
 * fd_signals_set_push:
 *
 * Whether a NOTIFY wakes a poll at once. Without push, only the timer polls.
 */
void
fd_signals_set_push (FdSignals *self,
                     gboolean   push)
{
  g_return_if_fail (FD_IS_SIGNALS (self));

  if (self->push == !!push)
    return;
  self->push = !!push;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PUSH_ACTIVE]);
}

/**
 * fd_signals_get_push_active:
 *
 * Returns: whether changes arrive at once now (push on, listening, connected)
 */
gboolean
fd_signals_get_push_active (FdSignals *self)
{
  g_return_val_if_fail (FD_IS_SIGNALS (self), FALSE);

  return self->push && self->listening &&
         fd_connection_get_state (self->connection) == FD_CONNECTION_STATE_READY;
}

/**
 * fd_signals_get_last_poll:
 *
 * Returns: (nullable) (transfer none): when the signals were last read
 */
GDateTime *
fd_signals_get_last_poll (FdSignals *self)
{
  g_return_val_if_fail (FD_IS_SIGNALS (self), NULL);

  return self->last_poll;
}

/**
 * fd_signals_get_started:
 *
 * Returns: whether the first poll has set where reading begins
 */
gboolean
fd_signals_get_started (FdSignals *self)
{
  g_return_val_if_fail (FD_IS_SIGNALS (self), FALSE);

  return self->horizon != NULL;
}

/**
 * fd_signals_get_poll_sql:
 *
 * Returns: the statement a poll sends, prepared: $1 the last horizon (xid8), $2
 *   the ids seen above it (bigint[]); for the benchmarks, which measure what workstations do
 */
const char *
fd_signals_get_poll_sql (void)
{
  return POLL_SQL;
}

/**
 * fd_signals_poll:
 *
 * Reads new signals now; a poll asked for while one runs follows it.
 */
void
fd_signals_poll (FdSignals *self)
{
  g_autofree char *seen = NULL;
  const char *params[2];

  g_return_if_fail (FD_IS_SIGNALS (self));

  if (self->polling)
    {
      self->poll_again = TRUE;
      return;
    }
  if (fd_connection_get_state (self->connection) != FD_CONNECTION_STATE_READY)
    return;

  self->polling = TRUE;
  seen = describe_seen (self->seen);
  params[0] = self->horizon;
  params[1] = seen;
  if (self->horizon == NULL)
    fd_connection_query_async (self->connection, FIRST_POLL_SQL, 0, NULL, self->cancellable,
                               poll_cb, g_object_ref (self));
  else
    fd_connection_query_prepared_async (self->connection, "frontdesk_poll", POLL_SQL, 2, params,
                                        self->cancellable, poll_cb, g_object_ref (self));
}

/**
 * fd_signals_get_origin:
 * @key: (nullable): the record, or %NULL for any change of @kind
 * @exclude: a session whose own changes do not count (this one), or 0
 *
 * Who made a change the last poll read, for a handler of #FdSignals::changed.
 *
 * Returns: the session that made the last change of @kind (of @key) other than @exclude,
 *   0 when none is known (a change from psql, or none in the last poll)
 */
gint64
fd_signals_get_origin (FdSignals  *self,
                       const char *kind,
                       const char *key,
                       gint64      exclude)
{
  g_autofree char *name = NULL;
  GArray *sessions;

  g_return_val_if_fail (FD_IS_SIGNALS (self), 0);
  g_return_val_if_fail (kind != NULL, 0);

  name = key != NULL ? g_strconcat (kind, "\n", key, NULL) : g_strdup (kind);
  sessions = g_hash_table_lookup (self->origins, name);
  for (guint i = sessions != NULL ? sessions->len : 0; i > 0; i--)
    {
      gint64 session_id = g_array_index (sessions, gint64, i - 1);

      if (session_id != exclude)
        return session_id;
    }
  return 0;
}
