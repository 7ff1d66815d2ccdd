/* fd-cache.c: the lookup tables every window needs, loaded once and reloaded table by
 * table when a signal says one changed.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each table is a GListStore of FdCacheRow, replaced in one splice when it reloads, so a
 * view bound to it updates itself. A burst of signals for one table is one reload: FdSignals
 * reports each kind once per poll, and a reload asked for during a reload follows it once.
 *
 * Each reload also keeps who made the changes it brings (the signals' origins, by record),
 * and asks who those sessions are before it reads the table: a form that follows the table
 * can then say who changed a value the moment it shows it.
 */
#include "fd-cache.h"
#include "fd-pg-util.h"
#include "fd-pg.h"
#include "fd-session-names.h"

typedef struct
{
  const char *name;
  const char *sql;   /* key, column, value; rows of one record together, in display order */
} CachedTable;

#define ROWS_SQL(table, order) \
  "SELECT t.id::text, e.key, e.value FROM frontdesk." table " t, " \
  "jsonb_each_text(to_jsonb(t)) e ORDER BY " order ", t.id, e.key"

static const CachedTable cached_tables[] = {
  { "practice", "SELECT 'practice', e.key, e.value FROM frontdesk.practice t, "
                "jsonb_each_text(to_jsonb(t)) e ORDER BY e.key" },
  { "definitions", ROWS_SQL ("definitions", "t.category, t.sort_order") },
  { "providers", ROWS_SQL ("providers", "t.sort_order") },
  { "employees", ROWS_SQL ("employees", "lower(t.last_name), lower(t.first_name)") },
  { "operatories", ROWS_SQL ("operatories", "t.sort_order") },
  { "procedure_codes", ROWS_SQL ("procedure_codes", "t.code") },
  { "fee_schedules", ROWS_SQL ("fee_schedules", "t.name") },
  { "fees", ROWS_SQL ("fees", "t.fee_schedule_id, t.procedure_code_id") },
  { "insurance_categories", ROWS_SQL ("insurance_categories", "t.name") },
  { "provider_schedules", ROWS_SQL ("provider_schedules", "t.provider_id, t.weekday") },
};

typedef struct
{
  GListStore *store;
  GHashTable *by_id;    /* id → FdCacheRow, borrowed from store */
  GHashTable *origins;  /* key → session id (gint64 *): who made its last change, as loaded */
  GHashTable *signalled;  /* the same, of changes signalled and not yet loaded */
  gint64      origin;   /* who made the table's last change, as loaded */
  gint64      signalled_origin;
  guint       loads;
  gboolean    loading;
  gboolean    load_again;
} TableState;

struct _FdCache
{
  GObject       parent_instance;

  /* Owned */
  FdConnection *connection;
  FdSignals    *signals;
  FdSessionNames *names;
  GCancellable *cancellable;
  GHashTable   *tables;   /* name → TableState */
};

G_DEFINE_FINAL_TYPE (FdCache, fd_cache, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LOADED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
table_state_free (TableState *state)
{
  g_clear_object (&state->store);
  g_clear_pointer (&state->by_id, g_hash_table_unref);
  g_clear_pointer (&state->origins, g_hash_table_unref);
  g_clear_pointer (&state->signalled, g_hash_table_unref);
  g_free (state);
}

static const CachedTable *
find_table (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (cached_tables); i++)
    {
      if (g_str_equal (cached_tables[i].name, name))
        return &cached_tables[i];
    }
  return NULL;
}

typedef struct
{
  FdCache           *self;
  const CachedTable *table;
  GHashTable        *origins;  /* what was signalled before this load was sent */
  gint64             origin;
} Load;

static GHashTable *
origins_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/* What this load brings was made by these sessions (0: unknown, as from psql). */
static void
take_origins (TableState *state,
              Load       *load)
{
  GHashTableIter iter;
  gpointer key, origin;

  g_hash_table_iter_init (&iter, load->origins);
  while (g_hash_table_iter_next (&iter, &key, &origin))
    {
      g_hash_table_iter_steal (&iter);
      g_hash_table_replace (state->origins, key, origin);
    }
  state->origin = load->origin;
}

static void
replace_rows (TableState *state,
              PGresult   *result)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  FdCacheRow *row = NULL;

  g_hash_table_remove_all (state->by_id);
  for (int i = 0; i < PQntuples (result); i++)
    {
      const char *id = PQgetvalue (result, i, 0);

      if (row == NULL || !g_str_equal (fd_cache_row_get_id (row), id))
        {
          row = fd_cache_row_new (id);
          g_ptr_array_add (rows, row);
          g_hash_table_insert (state->by_id, g_strdup (id), row);
        }
      fd_cache_row_take_value (row, PQgetvalue (result, i, 1),
                               g_strdup (fd_pg_get_nullable (result, i, 2)));
    }

  g_list_store_splice (state->store, 0, g_list_model_get_n_items (G_LIST_MODEL (state->store)),
                       rows->pdata, rows->len);
}

static void load_table (FdCache           *self,
                        const CachedTable *table);

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Load *load = user_data;
  g_autoptr(FdCache) self = load->self;
  const CachedTable *table = load->table;
  TableState *state = g_hash_table_lookup (self->tables, table->name);
  g_autoptr(PGresult) pg_result = NULL;
  g_autoptr(GError) error = NULL;
  gboolean was_loaded = fd_cache_get_loaded (self);

  state->loading = FALSE;
  pg_result = fd_connection_query_finish (FD_CONNECTION (object), result, &error);
  if (pg_result == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Loading %s: %s", table->name, error->message);
      g_hash_table_unref (load->origins);
      g_free (load);
      return;
    }

  /* Before the rows: a view of them asks who changed them as soon as they change. */
  take_origins (state, load);
  g_hash_table_unref (load->origins);
  g_free (load);
  replace_rows (state, pg_result);
  state->loads++;
  if (!was_loaded && fd_cache_get_loaded (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);

  if (state->load_again)
    {
      state->load_again = FALSE;
      load_table (self, table);
    }
}

static void
load_table (FdCache           *self,
            const CachedTable *table)
{
  TableState *state = g_hash_table_lookup (self->tables, table->name);
  Load *load;

  if (state->loading)
    {
      state->load_again = TRUE;
      return;
    }

  state->loading = TRUE;
  load = g_new0 (Load, 1);
  load->self = g_object_ref (self);
  load->table = table;
  load->origins = g_steal_pointer (&state->signalled);
  load->origin = state->signalled_origin;
  state->signalled = origins_new ();
  state->signalled_origin = 0;
  fd_connection_query_async (self->connection, table->sql, 0, NULL, self->cancellable,
                             loaded_cb, load);
}

static void
signals_changed_cb (FdCache     *self,
                    const char  *kind,
                    const char **keys)
{
  const CachedTable *table = find_table (kind);
  TableState *state;

  if (table == NULL)
    return;
  state = g_hash_table_lookup (self->tables, table->name);
  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      gint64 *origin = g_new (gint64, 1);

      *origin = fd_signals_get_origin (self->signals, kind, keys[i], 0);
      g_hash_table_replace (state->signalled, g_strdup (keys[i]), origin);
      fd_session_names_ask_async (self->names, *origin, self->cancellable, NULL, NULL);
    }
  state->signalled_origin = fd_signals_get_origin (self->signals, kind, NULL, 0);
  fd_session_names_ask_async (self->names, state->signalled_origin, self->cancellable, NULL,
                              NULL);
  load_table (self, table);
}

static void
reload_all_cb (FdCache *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (cached_tables); i++)
    load_table (self, &cached_tables[i]);
}

static void
fd_cache_dispose (GObject *object)
{
  FdCache *self = FD_CACHE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->signals);
  g_clear_object (&self->names);
  g_clear_object (&self->connection);

  G_OBJECT_CLASS (fd_cache_parent_class)->dispose (object);
}

static void
fd_cache_finalize (GObject *object)
{
  FdCache *self = FD_CACHE (object);

  g_clear_object (&self->cancellable);
  g_hash_table_unref (self->tables);

  G_OBJECT_CLASS (fd_cache_parent_class)->finalize (object);
}

static void
fd_cache_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_LOADED:
      g_value_set_boolean (value, fd_cache_get_loaded (FD_CACHE (object)));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fd_cache_class_init (FdCacheClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = fd_cache_dispose;
  object_class->finalize = fd_cache_finalize;
  object_class->get_property = fd_cache_get_property;

  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
fd_cache_init (FdCache *self)
{
  self->cancellable = g_cancellable_new ();
  self->tables = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                        (GDestroyNotify) table_state_free);

  for (guint i = 0; i < G_N_ELEMENTS (cached_tables); i++)
    {
      TableState *state = g_new0 (TableState, 1);

      state->store = g_list_store_new (FD_TYPE_CACHE_ROW);
      state->by_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      state->origins = origins_new ();
      state->signalled = origins_new ();
      g_hash_table_insert (self->tables, (gpointer) cached_tables[i].name, state);
    }
}

/**
 * fd_cache_new:
 *
 * Loads every table now; afterwards @signals keeps each one fresh.
 */
FdCache *
fd_cache_new (FdConnection *connection,
              FdSignals    *signals)
{
  FdCache *self;

  g_return_val_if_fail (FD_IS_CONNECTION (connection), NULL);
  g_return_val_if_fail (FD_IS_SIGNALS (signals), NULL);

  self = g_object_new (FD_TYPE_CACHE, NULL);
  self->connection = g_object_ref (connection);
  self->signals = g_object_ref (signals);
  self->names = fd_session_names_new (connection);
  g_signal_connect_object (signals, "changed", G_CALLBACK (signals_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (signals, "reload-all", G_CALLBACK (reload_all_cb), self,
                           G_CONNECT_SWAPPED);
  reload_all_cb (self);

  return self;
}

/**
 * fd_cache_list_tables:
 *
 * Returns: (transfer none): the names of the cached tables, %NULL-terminated
 */
const char * const *
fd_cache_list_tables (void)
{
  static const char *names[G_N_ELEMENTS (cached_tables) + 1];

  if (names[0] == NULL)
    for (guint i = 0; i < G_N_ELEMENTS (cached_tables); i++)
      names[i] = cached_tables[i].name;
  return names;
}

/**
 * fd_cache_get_table:
 *
 * Returns: (transfer none): the rows of @table, #FdCacheRow, in display order
 */
GListModel *
fd_cache_get_table (FdCache    *self,
                    const char *table)
{
  TableState *state;

  g_return_val_if_fail (FD_IS_CACHE (self), NULL);

  state = g_hash_table_lookup (self->tables, table);
  g_return_val_if_fail (state != NULL, NULL);
  return G_LIST_MODEL (state->store);
}

/**
 * fd_cache_lookup:
 *
 * Returns: (transfer none) (nullable): the row of @table with @id
 */
FdCacheRow *
fd_cache_lookup (FdCache    *self,
                 const char *table,
                 const char *id)
{
  TableState *state;

  g_return_val_if_fail (FD_IS_CACHE (self), NULL);

  state = g_hash_table_lookup (self->tables, table);
  return state != NULL && id != NULL ? g_hash_table_lookup (state->by_id, id) : NULL;
}

/**
 * fd_cache_get_loads:
 *
 * Returns: how many times @table has been loaded
 */
guint
fd_cache_get_loads (FdCache    *self,
                    const char *table)
{
  TableState *state;

  g_return_val_if_fail (FD_IS_CACHE (self), 0);

  state = g_hash_table_lookup (self->tables, table);
  return state != NULL ? state->loads : 0;
}

gboolean
fd_cache_get_loaded (FdCache *self)
{
  GHashTableIter iter;
  gpointer state;

  g_return_val_if_fail (FD_IS_CACHE (self), FALSE);

  g_hash_table_iter_init (&iter, self->tables);
  while (g_hash_table_iter_next (&iter, NULL, &state))
    {
      if (((TableState *) state)->loads == 0)
        return FALSE;
    }
  return TRUE;
}

/**
 * fd_cache_reload:
 *
 * Loads @table again, as a click on a module's button does.
 */
void
fd_cache_reload (FdCache    *self,
                 const char *table)
{
  const CachedTable *found;

  g_return_if_fail (FD_IS_CACHE (self));

  found = find_table (table);
  g_return_if_fail (found != NULL);
  load_table (self, found);
}

/**
 * fd_cache_get_session_names:
 *
 * Returns: (transfer none): who the sessions are that changed the tables, as asked
 */
FdSessionNames *
fd_cache_get_session_names (FdCache *self)
{
  g_return_val_if_fail (FD_IS_CACHE (self), NULL);

  return self->names;
}

/**
 * fd_cache_get_origin:
 * @key: (nullable): the record as its signals name it (its id), or %NULL for the table's
 *   last change (a table of one row, as the practice)
 *
 * Returns: the session that made the last change the cache loaded, 0 when unknown (psql, a
 *   full reload)
 */
gint64
fd_cache_get_origin (FdCache    *self,
                     const char *table,
                     const char *key)
{
  TableState *state;
  gint64 *origin;

  g_return_val_if_fail (FD_IS_CACHE (self), 0);

  state = g_hash_table_lookup (self->tables, table);
  g_return_val_if_fail (state != NULL, 0);
  if (key == NULL)
    return state->origin;
  origin = g_hash_table_lookup (state->origins, key);
  return origin != NULL ? *origin : 0;
}
