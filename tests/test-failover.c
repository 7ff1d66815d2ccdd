/* test-failover.c: a primary and its synchronous streaming standby from Debian's
 * PostgreSQL; two desks edit clients under their record locks and their families' save
 * locks; the primary dies, the standby is promoted, and both desks find it through the host
 * list, resume their sessions with their typing and their locks, and save.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "fd-account.h"
#include "fd-database.h"
#include "fd-edit-session.h"
#include "fd-save-lock.h"
#include "fd-test-server.h"

/* The reconnect after a failover must be this quick (the promise to the desks). */
#define FAILOVER_LIMIT_S 10

typedef struct
{
  const char    *login;
  FdDatabase    *database;
  FdEditSession *session;
  char          *client_id;
  char          *session_id;
  int            resumed;      /* 0 not yet, 1 the same session, 2 a new one */
} Desk;

typedef struct
{
  FdTestPg *primary;
  FdTestPg *standby;
  char     *hosts;
  Desk      anna;
  Desk      ben;
} Fixture;

static gboolean
database_ready (gpointer user_data)
{
  return fd_database_get_phase (user_data) == FD_DATABASE_PHASE_READY;
}

static gboolean
editing (gpointer user_data)
{
  Desk *desk = user_data;

  FdAccount *account = fd_edit_session_get_account (desk->session);

  return fd_edit_session_get_state (desk->session) == FD_EDIT_STATE_EDITING &&
         fd_account_get_loaded (account) && fd_save_lock_get_held (fd_account_get_lock (account));
}

static gboolean
resumed (gpointer user_data)
{
  return ((Desk *) user_data)->resumed != 0;
}

static void
resumed_cb (FdSession *session,
            gboolean   same,
            Desk      *desk)
{
  desk->resumed = same ? 1 : 2;
}

static void
desk_open (Fixture    *fixture,
           Desk       *desk,
           const char *login,
           const char *workstation,
           const char *client_id)
{
  g_autoptr(FdServerConfig) config = fd_server_config_new ();

  desk->login = login;
  desk->client_id = g_strdup (client_id);
  g_free (config->host);
  config->host = g_strdup (fixture->hosts);
  g_free (config->user);
  config->user = g_strdup (login);
  g_free (config->workstation);
  config->workstation = g_strdup (workstation);

  desk->database = fd_database_new (config);
  fd_database_open_async (desk->database, NULL, NULL, NULL);
  fd_test_wait_until (database_ready, desk->database, "a desk signed in");
  desk->session_id = g_strdup_printf ("%" G_GINT64_FORMAT,
                                      fd_session_get_id (fd_database_get_session (desk->database)));
  g_signal_connect (fd_database_get_session (desk->database), "resumed",
                    G_CALLBACK (resumed_cb), desk);

  /* Client Details open with the Account section shown: the record lock and the family's
   * save lock. */
  desk->session = fd_edit_session_new (desk->database, "clients");
  fd_account_set_shown (fd_edit_session_get_account (desk->session), TRUE);
  fd_edit_session_open (desk->session, client_id);
  fd_test_wait_until (editing, desk, "a desk editing its client");
}

static void
desk_close (Desk *desk)
{
  g_assert_finalize_object (g_steal_pointer (&desk->session));
  fd_database_close (desk->database);
  g_clear_object (&desk->database);
  g_free (desk->client_id);
  g_free (desk->session_id);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(FdConnection) owner = NULL;
  g_autofree char *primary = NULL;
  g_autofree char *standby = NULL;
  g_autofree char *first = NULL;
  g_autofree char *other = NULL;
  g_autofree char *sql = NULL;

  fixture->primary = fd_test_pg_start_primary ();
  g_free (fd_test_pg_create_practice (fixture->primary));
  owner = fd_test_pg_connect (fixture->primary, "frontdesk");
  fd_test_exec (owner, "SELECT frontdesk.sample_data(20, 1)");
  fd_test_exec (owner, "CREATE ROLE anna LOGIN IN ROLE frontdesk_staff");
  fd_test_exec (owner, "CREATE ROLE ben LOGIN IN ROLE frontdesk_staff");
  first = fd_test_query_value (owner, "SELECT min(id) FROM frontdesk.clients");
  sql = g_strdup_printf ("SELECT min(id) FROM frontdesk.clients WHERE guarantor_id <> "
                         "(SELECT guarantor_id FROM frontdesk.clients WHERE id = %s)", first);
  other = fd_test_query_value (owner, sql);
  fd_connection_close (owner);

  /* The standby is taken after the practice exists, as an office adds one to a running
   * server; from here every commit waits for it. */
  fixture->standby = fd_test_pg_start_standby (fixture->primary, "standby");

  /* As Preferences hold it: both servers, one with a port of its own. */
  primary = fd_test_pg_address (fixture->primary);
  standby = fd_test_pg_address (fixture->standby);
  fixture->hosts = g_strdup_printf ("%s, %s", primary, standby);

  desk_open (fixture, &fixture->anna, "anna", "Reception 1", first);
  desk_open (fixture, &fixture->ben, "ben", "Reception 2", other);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  desk_close (&fixture->anna);
  desk_close (&fixture->ben);
  g_clear_pointer (&fixture->primary, fd_test_pg_free);
  g_clear_pointer (&fixture->standby, fd_test_pg_free);
  g_free (fixture->hosts);
}

static void
type (Desk       *desk,
      const char *column,
      const char *value)
{
  g_autoptr(GError) error = NULL;

  fd_record_set (fd_edit_session_get_record (desk->session), column, value, -1, &error);
  g_assert_no_error (error);
}

static FdSaveOutcome
save_with_conflicts (Desk       *desk,
                     GPtrArray **conflicts,
                     GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) done = NULL;

  fd_edit_session_save_async (desk->session, NULL, fd_test_store_result_cb, &result);
  done = fd_test_wait_for_result (&result);
  return fd_edit_session_save_finish (desk->session, done, conflicts, NULL, error);
}

static FdSaveOutcome
save (Desk    *desk,
      GError **error)
{
  return save_with_conflicts (desk, NULL, error);
}

/* The server's own word on what @desk holds: its record lock and its family's save lock. */
static void
assert_holds (FdConnection *server,
              Desk         *desk)
{
  g_autofree char *sql = NULL;
  g_autofree char *record_holder = NULL;
  g_autofree char *save_holder = NULL;

  sql = g_strdup_printf ("SELECT session_id FROM frontdesk.record_locks "
                         "WHERE record_kind = 'clients' AND record_id = '%s'", desk->client_id);
  record_holder = fd_test_query_value (server, sql);
  g_assert_cmpstr (record_holder, ==, desk->session_id);
  g_free (sql);
  sql = g_strdup_printf ("SELECT coalesce(holder::text, 'nobody') FROM frontdesk.save_contexts "
                         "WHERE name = 'account:' || (SELECT guarantor_id FROM frontdesk.clients "
                         "WHERE id = %s)", desk->client_id);
  save_holder = fd_test_query_value (server, sql);
  g_assert_cmpstr (save_holder, ==, desk->session_id);
}

static char *
stored (FdConnection *server,
        Desk         *desk,
        const char   *column)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM frontdesk.clients WHERE id = %s",
                                          column, desk->client_id);

  return fd_test_query_value (server, sql);
}

static gboolean
connection_lost (gpointer user_data)
{
  FdConnection *connection = fd_database_get_connection (user_data);

  return fd_connection_get_state (connection) != FD_CONNECTION_STATE_READY;
}

static gboolean
both_resumed (gpointer user_data)
{
  Fixture *fixture = user_data;

  return resumed (&fixture->anna) && resumed (&fixture->ben);
}

/* The whole failover, as a busy morning would have it. */
static void
test_failover_mid_edit (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(FdConnection) promoted = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *standby = fd_test_pg_address (fixture->standby);
  g_autofree char *value = NULL;
  gint64 promoted_at;
  gint64 back_after;

  /* On the primary: both hold their locks; Anna's save is acknowledged, so the standby has
   * flushed it (synchronous replication) before she hears "saved". */
  {
    g_autoptr(FdConnection) primary = fd_test_pg_connect (fixture->primary, "frontdesk");

    assert_holds (primary, &fixture->anna);
    assert_holds (primary, &fixture->ben);
    fd_connection_close (primary);
  }
  type (&fixture->anna, "city", "Saved before the failure");
  g_assert_cmpint (save (&fixture->anna, &error), ==, FD_SAVE_SAVED);
  g_assert_no_error (error);

  /* Typed, not saved, when the server dies. */
  type (&fixture->anna, "phone_mobile", "0711 100 200");
  type (&fixture->ben, "city", "Typed by Ben during the failure");

  fd_test_pg_kill (fixture->primary);
  fd_test_wait_until (connection_lost, fixture->anna.database, "Anna's connection lost");
  fd_test_wait_until (connection_lost, fixture->ben.database, "Ben's connection lost");

  /* A save meanwhile is not made and says so; nothing typed goes. */
  g_assert_cmpint (save (&fixture->anna, &error), ==, FD_SAVE_FAILED);
  g_assert_true (fd_db_error_is_connection (error));
  g_clear_error (&error);
  g_assert_true (fd_edit_session_get_dirty (fixture->anna.session));
  g_assert_cmpint (fd_edit_session_get_state (fixture->anna.session), ==, FD_EDIT_STATE_EDITING);

  /* The standby, still replaying, is never taken for the primary: nobody is connected to
   * it while it is read-only, however often the desks retry. */
  fd_test_spin (1500);
  g_assert_true (connection_lost (fixture->anna.database));
  g_assert_true (connection_lost (fixture->ben.database));
  {
    g_autoptr(FdConnection) replica = fd_test_pg_connect (fixture->standby, "frontdesk");
    g_autofree char *in_recovery = fd_test_query_value (replica, "SELECT pg_is_in_recovery()");
    g_autofree char *desks = fd_test_query_value (replica,
                                                  "SELECT count(*) FROM pg_stat_activity "
                                                  "WHERE usename IN ('anna', 'ben')");

    g_assert_cmpstr (in_recovery, ==, "t");
    g_assert_cmpstr (desks, ==, "0");
    fd_connection_close (replica);
  }

  fd_test_pg_promote (fixture->standby);
  promoted_at = g_get_monotonic_time ();
  fd_test_wait_until (both_resumed, fixture, "both desks resumed on the promoted standby");
  back_after = g_get_monotonic_time () - promoted_at;
  g_test_message ("Both desks resumed %.2f s after the promotion", back_after / 1e6);
  g_assert_cmpint (back_after, <, FAILOVER_LIMIT_S * G_USEC_PER_SEC);

  /* The same sessions, so the same locks, with the typing where it was. */
  g_assert_cmpint (fixture->anna.resumed, ==, 1);
  g_assert_cmpint (fixture->ben.resumed, ==, 1);
  promoted = fd_test_pg_connect (fixture->standby, "frontdesk");
  assert_holds (promoted, &fixture->anna);
  assert_holds (promoted, &fixture->ben);
  g_assert_cmpint (fd_edit_session_get_state (fixture->anna.session), ==, FD_EDIT_STATE_EDITING);
  g_assert_cmpint (fd_edit_session_get_state (fixture->ben.session), ==, FD_EDIT_STATE_EDITING);
  g_assert_true (fd_edit_session_get_dirty (fixture->anna.session));
  g_assert_true (fd_edit_session_get_dirty (fixture->ben.session));
  g_assert_cmpstr (fd_record_get (fd_edit_session_get_record (fixture->ben.session), "city"), ==,
                   "Typed by Ben during the failure");

  /* What was acknowledged before the failure is there. */
  value = stored (promoted, &fixture->anna, "city");
  g_assert_cmpstr (value, ==, "Saved before the failure");
  g_clear_pointer (&value, g_free);

  /* The status line says what happened, naming the server now in use. */
  g_assert_nonnull (fd_database_get_notice (fixture->anna.database));
  g_assert_nonnull (strstr (fd_database_get_notice (fixture->anna.database), standby));
  g_assert_nonnull (strstr (fd_database_get_notice (fixture->anna.database),
                            "locks and typing were kept"));
  g_assert_nonnull (strstr (fd_database_get_description (fixture->ben.database), standby));

  /* Both save: each change once. */
  g_assert_cmpint (save (&fixture->anna, &error), ==, FD_SAVE_SAVED);
  g_assert_no_error (error);
  g_assert_cmpint (save (&fixture->ben, &error), ==, FD_SAVE_SAVED);
  g_assert_no_error (error);
  value = stored (promoted, &fixture->anna, "phone_mobile");
  g_assert_cmpstr (value, ==, "0711 100 200");
  g_clear_pointer (&value, g_free);
  value = stored (promoted, &fixture->anna, "city");
  g_assert_cmpstr (value, ==, "Saved before the failure");
  g_clear_pointer (&value, g_free);
  value = stored (promoted, &fixture->ben, "city");
  g_assert_cmpstr (value, ==, "Typed by Ben during the failure");
  g_clear_pointer (&value, g_free);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM frontdesk.audit_log "
                                            "WHERE table_name = 'clients' AND record_id = '%s' "
                                            "AND changes ? 'phone_mobile'",
                                            fixture->anna.client_id);

    value = fd_test_query_value (promoted, sql);
    g_assert_cmpstr (value, ==, "1");
  }
  fd_connection_close (promoted);
}

static gboolean
waits_for_standby (gpointer user_data)
{
  g_autofree char *waiting = fd_test_query_value (user_data,
                                                  "SELECT count(*) FROM pg_stat_activity "
                                                  "WHERE usename = 'anna' "
                                                  "AND wait_event = 'SyncRep'");

  return g_str_equal (waiting, "1");
}

static gboolean
result_arrived (gpointer user_data)
{
  return *(GAsyncResult **) user_data != NULL;
}

/* The primary dies while Anna's save waits for the standby to confirm its commit: she is
 * told it was not saved, keeps her typing, and her next save on the promoted standby stores
 * it once — or, had the commit reached the standby after all, shows the field changed to
 * the very value she typed, never writing it twice. */
static void
test_failover_during_save (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(FdConnection) watcher = fd_test_pg_connect (fixture->primary, "frontdesk");
  g_autoptr(FdConnection) promoted = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) done = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *value = NULL;
  FdSaveOutcome outcome;

  type (&fixture->anna, "phone_mobile", "0711 300 400");
  fd_test_pg_pause (fixture->standby, TRUE);
  fd_edit_session_save_async (fixture->anna.session, NULL, fd_test_store_result_cb, &result);
  fd_test_wait_until (waits_for_standby, watcher, "Anna's commit waiting for the standby");
  fd_connection_close (watcher);
  g_assert_null (result);

  fd_test_pg_kill (fixture->primary);
  fd_test_pg_pause (fixture->standby, FALSE);
  fd_test_wait_until (result_arrived, &result, "Anna's save answered");
  done = g_steal_pointer (&result);
  outcome = fd_edit_session_save_finish (fixture->anna.session, done, NULL, NULL, &error);
  g_assert_cmpint (outcome, ==, FD_SAVE_FAILED);
  g_assert_true (fd_db_error_is_connection (error));
  g_clear_error (&error);
  g_assert_true (fd_edit_session_get_dirty (fixture->anna.session));

  fd_test_pg_promote (fixture->standby);
  fd_test_wait_until (both_resumed, fixture, "both desks resumed on the promoted standby");
  g_assert_cmpint (fixture->anna.resumed, ==, 1);

  outcome = save_with_conflicts (&fixture->anna, &conflicts, &error);
  g_assert_no_error (error);
  if (outcome == FD_SAVE_CONFLICT)
    {
      const FdConflict *conflict;

      g_test_message ("The commit had reached the standby: shown as changed to the same value");
      g_assert_cmpuint (conflicts->len, ==, 1);
      conflict = g_ptr_array_index (conflicts, 0);
      g_assert_cmpstr (conflict->column, ==, "phone_mobile");
      g_assert_cmpstr (conflict->theirs, ==, "0711 300 400");
      g_assert_cmpstr (conflict->mine, ==, "0711 300 400");
    }
  else
    {
      g_test_message ("The commit had not reached the standby: saved now");
      g_assert_cmpint (outcome, ==, FD_SAVE_SAVED);
    }

  promoted = fd_test_pg_connect (fixture->standby, "frontdesk");
  value = stored (promoted, &fixture->anna, "phone_mobile");
  g_assert_cmpstr (value, ==, "0711 300 400");
  g_clear_pointer (&value, g_free);
  sql = g_strdup_printf ("SELECT count(*) FROM frontdesk.audit_log WHERE table_name = 'clients' "
                         "AND record_id = '%s' AND changes ? 'phone_mobile'",
                         fixture->anna.client_id);
  value = fd_test_query_value (promoted, sql);
  g_assert_cmpstr (value, ==, "1");
  fd_connection_close (promoted);
}

int
main (int   argc,
      char *argv[])
{
  fd_test_init (&argc, &argv);

  g_test_add ("/frontdesk/failover/mid-edit", Fixture, NULL, fixture_setup,
              test_failover_mid_edit, fixture_teardown);
  g_test_add ("/frontdesk/failover/during-save", Fixture, NULL, fixture_setup,
              test_failover_during_save, fixture_teardown);

  return fd_test_run ();
}
