/* test-stress.c: torture: fifty staff logins save the same few records' columns at once
 * through the real save path, and sessions race for one free record lock and one free save
 * lock, round after round. Bounded by loop counts, not timers.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The saves race for real: each is one transaction of save_record() (which takes the free
 * record lock, rereads the row under it and compares the original) and lock_release(), so
 * the record lock is free again at every commit and nobody is refused for holding it; the
 * savers meet in the record's lock and row lock, and one who read a value someone else has
 * replaced since gets a conflict. Afterwards each column's audit chain must be unbroken and
 * end at the row's value, and hold every value a save answered "saved" for.
 */
#include <libpq-fe.h>
#include <string.h>

#include "fd-pg.h"
#include "fd-test-server.h"

#define N_SAVERS 50
#define SAVES_EACH 12
#define N_RACERS 20
#define N_ROUNDS 20

static const char * const records[] = { "1", "2", "3" };
static const char * const columns[] = { "notes", "city", "region" };

/* Helpers --------------------------------------------------------------------------------- */

static PGconn *
connect_as (const char *dbname,
            const char *login)
{
  g_autofree char *password = login != NULL ? fd_test_staff_password (login) : NULL;
  const char *keywords[] = { "host", "user", "password", "dbname", NULL };
  const char *values[] = { fd_test_server_socket_dir (),
                           login != NULL ? login : fd_test_server_user (), password, dbname,
                           NULL };
  PGconn *conn = PQconnectdbParams (keywords, values, 0);

  if (PQstatus (conn) != CONNECTION_OK)
    g_error ("Cannot connect as %s: %s", values[1], PQerrorMessage (conn));
  return conn;
}

static PGresult *
exec_params (PGconn             *conn,
             const char         *sql,
             int                 n_params,
             const char * const *params)
{
  return PQexecParams (conn, sql, n_params, NULL, params, NULL, NULL, 0);
}

static gboolean
succeeded (PGresult *result)
{
  return PQresultStatus (result) == PGRES_COMMAND_OK || PQresultStatus (result) == PGRES_TUPLES_OK;
}

static void
must (PGconn     *conn,
      const char *sql)
{
  g_autoptr(PGresult) result = PQexec (conn, sql);

  if (!succeeded (result))
    g_error ("“%s” failed: %s", sql, PQresultErrorMessage (result));
}

static char *
value_of (PGconn             *conn,
          const char         *sql,
          int                 n_params,
          const char * const *params)
{
  g_autoptr(PGresult) result = exec_params (conn, sql, n_params, params);

  if (PQresultStatus (result) != PGRES_TUPLES_OK)
    g_error ("“%s” failed: %s", sql, PQresultErrorMessage (result));
  if (PQntuples (result) == 0 || PQgetisnull (result, 0, 0))
    return NULL;
  return g_strdup (PQgetvalue (result, 0, 0));
}

static char *
open_session (PGconn     *conn,
              const char *workstation)
{
  const char *params[] = { workstation };

  return value_of (conn, "SELECT session_id FROM frontdesk.session_open($1)", 1, params);
}

typedef struct
{
  char   *dbname;
  PGconn *owner;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->dbname = fd_test_create_database (TRUE);
  fixture->owner = connect_as (fixture->dbname, NULL);
  must (fixture->owner, "SELECT frontdesk.sample_data(20, 1)");
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_pointer (&fixture->owner, PQfinish);
  fd_test_drop_database (fixture->dbname);
  g_free (fixture->dbname);
}

/* A start line: threads wait at it until everyone is there. */
typedef struct
{
  GMutex mutex;
  GCond  cond;
  guint  waiting;
  guint  expected;
  guint  generation;
} Barrier;

static void
barrier_wait (Barrier *barrier)
{
  guint generation;

  g_mutex_lock (&barrier->mutex);
  generation = barrier->generation;
  if (++barrier->waiting == barrier->expected)
    {
      barrier->waiting = 0;
      barrier->generation++;
      g_cond_broadcast (&barrier->cond);
    }
  else
    while (generation == barrier->generation)
      g_cond_wait (&barrier->cond, &barrier->mutex);
  g_mutex_unlock (&barrier->mutex);
}

/* Fifty savers ---------------------------------------------------------------------------- */

typedef enum
{
  ANSWER_SAVED,
  ANSWER_CONFLICT,
  ANSWER_FAILED,
} Answer;

typedef struct
{
  guint   record;
  guint   column;
  char   *value;
  Answer  answer;
  char   *failure;
} Save;

typedef struct
{
  guint    index;
  char    *dbname;
  char    *login;
  Barrier *start;
  Save     saves[SAVES_EACH];
  guint    busy;     /* FD023 answers, each retried */
} Saver;

static gpointer
saver_run_cb (gpointer user_data)
{
  Saver *saver = user_data;
  PGconn *conn = connect_as (saver->dbname, saver->login);
  g_autofree char *workstation = g_strdup_printf ("Desk %u", saver->index);
  g_autofree char *session = open_session (conn, workstation);

  barrier_wait (saver->start);
  for (guint i = 0; i < SAVES_EACH; i++)
    {
      Save *save = &saver->saves[i];

      save->record = (saver->index + i) % G_N_ELEMENTS (records);
      save->column = (saver->index / G_N_ELEMENTS (records) + i) % G_N_ELEMENTS (columns);
      save->value = g_strdup_printf ("Saver %u, save %u", saver->index, i);
      for (;;)
        {
          const char *load_params[] = { records[save->record], columns[save->column] };
          g_autofree char *original = value_of (conn, "SELECT value FROM frontdesk.load_record("
                                                "'clients', $1) WHERE column_name = $2", 2,
                                                load_params);
          const char *params[] = { records[save->record], columns[save->column], original,
                                   save->value };
          const char *release_params[] = { records[save->record] };
          g_autoptr(PGresult) saved = NULL;
          g_autoptr(PGresult) released = NULL;
          const char *state;

          must (conn, "BEGIN");
          saved = exec_params (conn, "SELECT outcome FROM frontdesk.save_record('clients', $1, "
                               "$2, $3, $4)", 4, params);
          if (!succeeded (saved))
            {
              state = PQresultErrorField (saved, PG_DIAG_SQLSTATE);
              must (conn, "ROLLBACK");
              if (g_strcmp0 (state, "FD023") == 0)
                {
                  saver->busy++;
                  continue;
                }
              save->answer = ANSWER_FAILED;
              save->failure = g_strdup_printf ("%s: %s", state,
                                               PQresultErrorField (saved,
                                                                   PG_DIAG_MESSAGE_PRIMARY));
              break;
            }
          released = exec_params (conn, "SELECT frontdesk.lock_release('clients', $1)", 1,
                                  release_params);
          if (!succeeded (released))
            g_error ("lock_release failed: %s", PQresultErrorMessage (released));
          must (conn, "COMMIT");
          save->answer = PQntuples (saved) > 0 && g_str_equal (PQgetvalue (saved, 0, 0), "saved")
                           ? ANSWER_SAVED : ANSWER_CONFLICT;
          break;
        }
    }
  PQfinish (conn);
  return NULL;
}

static void
test_fifty_savers (Fixture       *fixture,
                   gconstpointer  data)
{
  Saver savers[N_SAVERS] = { { 0 } };
  GThread *threads[N_SAVERS];
  Barrier start = { .expected = N_SAVERS };
  char *initial[G_N_ELEMENTS (records)][G_N_ELEMENTS (columns)];
  guint saved = 0;
  guint conflicts = 0;
  guint busy = 0;
  gint64 began;

  for (guint r = 0; r < G_N_ELEMENTS (records); r++)
    for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
      {
        const char *params[] = { records[r] };
        g_autofree char *sql = g_strdup_printf ("SELECT %s FROM frontdesk.clients WHERE "
                                                "id = $1::bigint", columns[c]);

        initial[r][c] = value_of (fixture->owner, sql, 1, params);
      }

  g_mutex_init (&start.mutex);
  g_cond_init (&start.cond);
  for (guint i = 0; i < N_SAVERS; i++)
    {
      savers[i].index = i;
      savers[i].dbname = fixture->dbname;
      savers[i].login = fd_test_create_staff (FALSE);
      savers[i].start = &start;
    }
  began = g_get_monotonic_time ();
  for (guint i = 0; i < N_SAVERS; i++)
    threads[i] = g_thread_new ("saver", saver_run_cb, &savers[i]);
  for (guint i = 0; i < N_SAVERS; i++)
    g_thread_join (threads[i]);

  for (guint i = 0; i < N_SAVERS; i++)
    {
      busy += savers[i].busy;
      for (guint s = 0; s < SAVES_EACH; s++)
        {
          Save *save = &savers[i].saves[s];

          if (save->answer == ANSWER_SAVED)
            saved++;
          else if (save->answer == ANSWER_CONFLICT)
            conflicts++;
          else
            g_test_fail_printf ("Saver %u's save %u answered neither saved nor conflict: %s", i,
                                s, save->failure);
        }
    }
  g_test_message ("%u sessions, %u saves in %.2f s: %u saved, %u conflicts, %u busy (retried)",
                  N_SAVERS, N_SAVERS * SAVES_EACH, (g_get_monotonic_time () - began) / 1e6,
                  saved, conflicts, busy);
  g_assert_cmpuint (saved, >, 0);

  /* Each column's audit chain: unbroken from the value before the storm to the row's value
   * now, and holding every value a save was told was saved. */
  for (guint r = 0; r < G_N_ELEMENTS (records); r++)
    for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
      {
        const char *params[] = { records[r], columns[c] };
        g_autoptr(PGresult) chain = exec_params (fixture->owner,
                                                 "SELECT changes -> $2 ->> 'old', "
                                                 "changes -> $2 ->> 'new' "
                                                 "FROM frontdesk.audit_log WHERE table_name = "
                                                 "'clients' AND record_id = $1 AND action = "
                                                 "'update' AND changes ? $2 ORDER BY id",
                                                 2, params);
        g_autofree char *sql = g_strdup_printf ("SELECT %s FROM frontdesk.clients WHERE "
                                                "id = $1::bigint", columns[c]);
        g_autofree char *now = value_of (fixture->owner, sql, 1, params);
        g_autoptr(GHashTable) chained = g_hash_table_new (g_str_hash, g_str_equal);
        const char *previous = initial[r][c];
        guint saved_here = 0;

        g_assert_cmpint (PQresultStatus (chain), ==, PGRES_TUPLES_OK);
        for (int row = 0; row < PQntuples (chain); row++)
          {
            const char *old = PQgetisnull (chain, row, 0) ? NULL : PQgetvalue (chain, row, 0);
            const char *new = PQgetisnull (chain, row, 1) ? NULL : PQgetvalue (chain, row, 1);

            if (g_strcmp0 (old, previous) != 0)
              g_test_fail_printf ("clients %s.%s: audit entry %d says “%s” → “%s”, but the "
                                  "value was “%s”: a change was lost", records[r], columns[c],
                                  row, old, new, previous);
            if (new != NULL)
              g_hash_table_add (chained, (gpointer) new);
            previous = new;
          }
        if (g_strcmp0 (previous, now) != 0)
          g_test_fail_printf ("clients %s.%s: the audit chain ends at “%s”, the row holds “%s”",
                              records[r], columns[c], previous, now);

        for (guint i = 0; i < N_SAVERS; i++)
          for (guint s = 0; s < SAVES_EACH; s++)
            {
              Save *save = &savers[i].saves[s];

              if (save->record != r || save->column != c || save->answer != ANSWER_SAVED)
                continue;
              saved_here++;
              if (!g_hash_table_contains (chained, save->value))
                g_test_fail_printf ("clients %s.%s: “%s” was answered saved but is not in the "
                                    "audit chain", records[r], columns[c], save->value);
            }
        if (saved_here != (guint) PQntuples (chain))
          g_test_fail_printf ("clients %s.%s: %u saves answered saved, %d audit entries",
                              records[r], columns[c], saved_here, PQntuples (chain));
      }

  for (guint r = 0; r < G_N_ELEMENTS (records); r++)
    for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
      g_free (initial[r][c]);
  for (guint i = 0; i < N_SAVERS; i++)
    {
      g_free (savers[i].login);
      for (guint s = 0; s < SAVES_EACH; s++)
        {
          g_free (savers[i].saves[s].value);
          g_free (savers[i].saves[s].failure);
        }
    }
  g_mutex_clear (&start.mutex);
  g_cond_clear (&start.cond);
}

/* Racers for one free lock ---------------------------------------------------------------- */

typedef struct
{
  GMutex      mutex;
  GCond       cond;
  guint       round;     /* the round now called, 0 before the first */
  guint       answered;
  const char *sql;       /* the call of the round; NULL: go home */
  Barrier     start;
} Race;

typedef struct
{
  Race   *race;
  PGconn *conn;
  char   *session;
  char   *answer;   /* the first value the call returned, or the error */
  gboolean failed;
} Racer;

static gpointer
racer_run_cb (gpointer user_data)
{
  Racer *racer = user_data;
  Race *race = racer->race;
  guint seen = 0;

  for (;;)
    {
      const char *sql;
      g_autoptr(PGresult) result = NULL;

      g_mutex_lock (&race->mutex);
      while (race->round == seen)
        g_cond_wait (&race->cond, &race->mutex);
      seen = race->round;
      sql = race->sql;
      g_mutex_unlock (&race->mutex);
      if (sql == NULL)
        return NULL;

      /* Everyone leaves the line together. */
      barrier_wait (&race->start);
      result = PQexec (racer->conn, sql);
      g_clear_pointer (&racer->answer, g_free);
      racer->failed = !succeeded (result);
      racer->answer = g_strdup (racer->failed ? PQresultErrorMessage (result)
                                              : PQgetvalue (result, 0, 0));

      g_mutex_lock (&race->mutex);
      race->answered++;
      g_cond_broadcast (&race->cond);
      g_mutex_unlock (&race->mutex);
    }
}

static void
race_call (Race       *race,
           const char *sql,
           guint       n_racers)
{
  g_mutex_lock (&race->mutex);
  race->sql = sql;
  race->answered = 0;
  race->round++;
  g_cond_broadcast (&race->cond);
  while (sql != NULL && race->answered < n_racers)
    g_cond_wait (&race->cond, &race->mutex);
  g_mutex_unlock (&race->mutex);
}

static void
test_one_winner (Fixture       *fixture,
                 gconstpointer  data)
{
  Race race = { .start = { .expected = N_RACERS } };
  Racer racers[N_RACERS] = { { 0 } };
  GThread *threads[N_RACERS];
  const char *context = "account:1";
  g_autofree char *enter = g_strdup_printf ("SELECT frontdesk.context_enter('%s', "
                                            "'Account of the racing family')", context);
  g_autofree char *leave = g_strdup_printf ("SELECT frontdesk.context_leave('%s')", context);
  g_autofree char *acquire = g_strdup_printf ("SELECT frontdesk.context_acquire('%s')::text",
                                              context);
  g_autofree char *release = g_strdup_printf ("SELECT frontdesk.context_release('%s')",
                                              context);
  g_autofree char *holder_sql = g_strdup_printf ("SELECT holder FROM frontdesk.save_contexts "
                                                 "WHERE name = '%s'", context);

  g_mutex_init (&race.mutex);
  g_cond_init (&race.cond);
  g_mutex_init (&race.start.mutex);
  g_cond_init (&race.start.cond);
  for (guint i = 0; i < N_RACERS; i++)
    {
      g_autofree char *login = fd_test_create_staff (FALSE);
      g_autofree char *workstation = g_strdup_printf ("Racer %u", i);

      racers[i].race = &race;
      racers[i].conn = connect_as (fixture->dbname, login);
      racers[i].session = open_session (racers[i].conn, workstation);
      /* Everyone is a viewer of the context; the first to enter takes it and lets it go. */
      must (racers[i].conn, enter);
      if (i == 0)
        must (racers[i].conn, release);
      threads[i] = g_thread_new ("racer", racer_run_cb, &racers[i]);
    }

  for (guint round = 0; round < N_ROUNDS; round++)
    for (guint kind = 0; kind < 2; kind++)
      {
        const char *sql = kind == 0 ? "SELECT outcome FROM frontdesk.lock_acquire('clients', '7')"
                                    : acquire;
        const char *won = kind == 0 ? "acquired" : "true";
        g_autofree char *holder = NULL;
        guint winners = 0;
        int winner = -1;

        race_call (&race, sql, N_RACERS);
        for (guint i = 0; i < N_RACERS; i++)
          {
            if (racers[i].failed)
              g_test_fail_printf ("Round %u: racer %u's “%s” failed: %s", round, i, sql,
                                  racers[i].answer);
            else if (g_str_equal (racers[i].answer, won))
              {
                winners++;
                winner = (int) i;
              }
          }
        if (winners != 1)
          g_test_fail_printf ("Round %u of “%s”: %u winners", round, sql, winners);
        holder = kind == 0 ? value_of (fixture->owner, "SELECT session_id FROM "
                                       "frontdesk.record_locks WHERE record_kind = 'clients' "
                                       "AND record_id = '7'", 0, NULL)
                           : value_of (fixture->owner, holder_sql, 0, NULL);
        if (winner >= 0 && g_strcmp0 (holder, racers[winner].session) != 0)
          g_test_fail_printf ("Round %u of “%s”: the winner is session %s, the lock is %s's",
                              round, sql, racers[winner].session, holder);
        if (winner >= 0)
          must (racers[winner].conn, kind == 0 ? "SELECT frontdesk.lock_release('clients', '7')"
                                               : release);
      }
  g_test_message ("%u rounds of %u racers for a record lock and a save lock", N_ROUNDS,
                  N_RACERS);

  race_call (&race, NULL, N_RACERS);
  for (guint i = 0; i < N_RACERS; i++)
    {
      g_autoptr(PGresult) left = NULL;

      g_thread_join (threads[i]);
      left = PQexec (racers[i].conn, leave);
      PQfinish (racers[i].conn);
      g_free (racers[i].session);
      g_free (racers[i].answer);
    }
  g_mutex_clear (&race.mutex);
  g_cond_clear (&race.cond);
  g_mutex_clear (&race.start.mutex);
  g_cond_clear (&race.start.cond);
}

int
main (int   argc,
      char *argv[])
{
  fd_test_init (&argc, &argv);
  g_test_set_nonfatal_assertions ();

  g_test_add ("/frontdesk/stress/fifty-savers-lose-nothing", Fixture, NULL, fixture_setup,
              test_fifty_savers, fixture_teardown);
  g_test_add ("/frontdesk/stress/one-winner-per-free-lock", Fixture, NULL, fixture_setup,
              test_one_winner, fixture_teardown);

  return fd_test_run ();
}
