/* test-save-locks.c: save locks on data contexts with three sessions and more: entering takes
 * a free lock, many acquirers and exactly one winner, no automatic re-acquire after a
 * release, taking (admins, and one's own other session), people without the right to save
 * kept out, the server's refusal of writes without the lock, limits, and a killed client;
 * the saves the locks govern (a family's account, a fee schedule) and FdSaveLock following
 * the lock as it changes hands.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "fd-pg.h"
#include "fd-save-lock.h"
#include "fd-session.h"
#include "fd-test-server.h"

#define N_RACERS 8

typedef struct
{
  FdConnection *connection;
  FdSession    *session;
} Desk;

typedef struct
{
  char         *dbname;
  FdConnection *owner;
  char         *anna_login;
  char         *ben_login;
  char         *admin_login;
  Desk          anna;
  Desk          anna_upstairs;   /* Anna's second session, at another workstation */
  Desk          ben;
  Desk          admin;
  char         *account;         /* the account context of client 4's family */
} Fixture;

static void
desk_open (Desk       *desk,
           const char *dbname,
           const char *login,
           const char *workstation)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  desk->connection = fd_test_open_connection_as (dbname, login);
  fd_session_open_async (desk->connection, workstation, NULL, fd_test_store_result_cb, &result);
  desk->session = fd_session_open_finish (fd_test_wait_for_result (&result), &error);
  g_assert_no_error (error);
}

static void
desk_close (Desk *desk)
{
  g_clear_object (&desk->session);
  g_clear_object (&desk->connection);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *guarantor = NULL;

  fixture->dbname = fd_test_create_database (TRUE);
  fixture->owner = fd_test_open_connection (fixture->dbname);
  fd_test_exec (fixture->owner, "SELECT frontdesk.sample_data(20, 1)");
  fixture->anna_login = fd_test_create_staff (FALSE);
  fixture->ben_login = fd_test_create_staff (FALSE);
  fixture->admin_login = fd_test_create_staff (TRUE);
  desk_open (&fixture->anna, fixture->dbname, fixture->anna_login, "Reception 1");
  desk_open (&fixture->anna_upstairs, fixture->dbname, fixture->anna_login, "Upstairs");
  desk_open (&fixture->ben, fixture->dbname, fixture->ben_login, "Reception 2");
  desk_open (&fixture->admin, fixture->dbname, fixture->admin_login, "Office");
  guarantor = fd_test_query_value (fixture->owner,
                                   "SELECT guarantor_id FROM frontdesk.clients WHERE id = 4");
  fixture->account = g_strdup_printf ("account:%s", guarantor);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  desk_close (&fixture->anna);
  desk_close (&fixture->anna_upstairs);
  desk_close (&fixture->ben);
  desk_close (&fixture->admin);
  g_clear_object (&fixture->owner);
  fd_test_drop_database (fixture->dbname);
  g_free (fixture->dbname);
  g_free (fixture->anna_login);
  g_free (fixture->ben_login);
  g_free (fixture->admin_login);
  g_free (fixture->account);
}

/* Helpers: the panel's questions, asked as the program asks them ------------------------- */

static gboolean
enter (Desk       *desk,
       const char *context)
{
  g_autofree char *sql = g_strdup_printf ("SELECT frontdesk.context_enter('%s', "
                                          "'Account of the test family')", context);
  g_autofree char *may_save = fd_test_query_value (desk->connection, sql);

  return g_str_equal (may_save, "t");
}

static char *
ask (Desk       *desk,
     const char *function,
     const char *context)
{
  g_autofree char *sql = g_strdup_printf ("SELECT frontdesk.%s('%s')", function, context);

  return fd_test_query_value (desk->connection, sql);
}

/* The holder's workstation as this desk sees it, or NULL when the lock is free. */
static char *
holder_of (Desk       *desk,
           const char *context)
{
  g_autofree char *sql = g_strdup_printf ("SELECT holder_workstation "
                                          "FROM frontdesk.context_status('%s')", context);
  g_autofree char *workstation = fd_test_query_value (desk->connection, sql);

  return workstation[0] != '\0' ? g_steal_pointer (&workstation) : NULL;
}

static gboolean
holds (Desk       *desk,
       const char *context)
{
  g_autofree char *sql = g_strdup_printf ("SELECT mine FROM frontdesk.context_status('%s')",
                                          context);
  g_autofree char *mine = fd_test_query_value (desk->connection, sql);

  return g_strcmp0 (mine, "t") == 0;
}

static char *
viewers_of (Desk       *desk,
            const char *context)
{
  g_autofree char *sql = g_strdup_printf ("SELECT string_agg(workstation || CASE WHEN holds "
                                          "THEN '*' ELSE '' END, ',') "
                                          "FROM frontdesk.context_viewers('%s')", context);

  return fd_test_query_value (desk->connection, sql);
}

/* Tests ----------------------------------------------------------------------------------- */

static void
test_entering_takes_a_free_lock (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autofree char *viewers = NULL;
  g_autofree char *holder = NULL;

  g_assert_true (enter (&fixture->anna, fixture->account));
  g_assert_true (holds (&fixture->anna, fixture->account));
  g_assert_true (enter (&fixture->ben, fixture->account));
  g_assert_false (holds (&fixture->ben, fixture->account));

  holder = holder_of (&fixture->ben, fixture->account);
  g_assert_cmpstr (holder, ==, "Reception 1");
  viewers = viewers_of (&fixture->ben, fixture->account);
  g_assert_cmpstr (viewers, ==, "Reception 1*,Reception 2");

  /* Anna closes the form: the lock is free, and Ben is the only viewer left. */
  g_free (ask (&fixture->anna, "context_leave", fixture->account));
  g_clear_pointer (&holder, g_free);
  holder = holder_of (&fixture->ben, fixture->account);
  g_assert_null (holder);
  g_free (viewers);
  viewers = viewers_of (&fixture->ben, fixture->account);
  g_assert_cmpstr (viewers, ==, "Reception 2");
}

typedef struct
{
  GAsyncResult *result;
} Race;

static void
test_many_acquirers_one_wins (Fixture       *fixture,
                              gconstpointer  data)
{
  Desk racers[N_RACERS] = { { 0 } };
  Race races[N_RACERS] = { { 0 } };
  g_autofree char *sql = g_strdup_printf ("SELECT frontdesk.context_acquire('%s')",
                                          fixture->account);
  guint winners = 0;

  /* Anna holds it while everyone gathers; then she leaves and all of them ask at once. */
  g_assert_true (enter (&fixture->anna, fixture->account));
  for (guint i = 0; i < N_RACERS; i++)
    {
      g_autofree char *workstation = g_strdup_printf ("Desk %u", i + 1);

      desk_open (&racers[i], fixture->dbname, fixture->ben_login, workstation);
      g_assert_true (enter (&racers[i], fixture->account));
      g_assert_false (holds (&racers[i], fixture->account));
    }
  g_free (ask (&fixture->anna, "context_leave", fixture->account));

  for (guint i = 0; i < N_RACERS; i++)
    fd_connection_query_async (racers[i].connection, sql, 0, NULL, NULL,
                               fd_test_store_result_cb, &races[i].result);
  for (guint i = 0; i < N_RACERS; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PGresult) won = fd_connection_query_finish (racers[i].connection,
                                                            fd_test_wait_for_result (&races[i].result),
                                                            &error);

      g_assert_no_error (error);
      if (g_str_equal (PQgetvalue (won, 0, 0), "t"))
        {
          winners++;
          g_assert_true (holds (&racers[i], fixture->account));
        }
    }
  g_assert_cmpuint (winners, ==, 1);

  for (guint i = 0; i < N_RACERS; i++)
    desk_close (&racers[i]);
}

static void
test_no_automatic_reacquire_after_release (Fixture       *fixture,
                                           gconstpointer  data)
{
  g_autofree char *released = NULL;
  g_autofree char *acquired = NULL;
  g_autofree char *holder = NULL;

  g_assert_true (enter (&fixture->anna, fixture->account));
  released = ask (&fixture->anna, "context_release", fixture->account);
  g_assert_cmpstr (released, ==, "t");
  holder = holder_of (&fixture->anna, fixture->account);
  g_assert_null (holder);

  /* Coming back to the same family (or the form) does not take it again by itself... */
  g_free (ask (&fixture->anna, "context_leave", fixture->account));
  g_assert_true (enter (&fixture->anna, fixture->account));
  g_assert_false (holds (&fixture->anna, fixture->account));

  /* ...while someone else entering does, and Acquire by hand still works once it is free. */
  g_assert_true (enter (&fixture->ben, fixture->account));
  g_assert_true (holds (&fixture->ben, fixture->account));
  g_free (ask (&fixture->ben, "context_leave", fixture->account));
  acquired = ask (&fixture->anna, "context_acquire", fixture->account);
  g_assert_cmpstr (acquired, ==, "t");
  g_assert_true (holds (&fixture->anna, fixture->account));
}

static void
test_admin_takes_from_anyone (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *sql = g_strdup_printf ("SELECT frontdesk.context_take('%s')",
                                          fixture->account);
  g_autofree char *expected = g_strdup_printf ("%s at Reception 1 holds the save lock",
                                               fixture->anna_login);
  g_autofree char *audit = NULL;

  g_assert_true (enter (&fixture->anna, fixture->account));
  g_assert_true (enter (&fixture->ben, fixture->account));
  fd_test_assert_refused (fixture->ben.connection, sql, FD_DB_ERROR_SAVE_LOCK_HELD, expected);
  g_assert_true (holds (&fixture->anna, fixture->account));

  g_assert_true (enter (&fixture->admin, fixture->account));
  fd_test_exec (fixture->admin.connection, sql);
  g_assert_true (holds (&fixture->admin, fixture->account));
  g_assert_false (holds (&fixture->anna, fixture->account));

  audit = fd_test_query_value (fixture->owner, "SELECT detail FROM frontdesk.audit_log "
                                               "WHERE action = 'save lock taken'");
  g_assert_nonnull (strstr (audit, "Reception 1"));
}

static void
test_take_from_own_other_session (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autofree char *sql = g_strdup_printf ("SELECT frontdesk.context_take('%s')",
                                          fixture->account);

  /* Anna left the form open downstairs; upstairs she takes it over without an admin. */
  g_assert_true (enter (&fixture->anna, fixture->account));
  g_assert_true (enter (&fixture->anna_upstairs, fixture->account));
  g_assert_false (holds (&fixture->anna_upstairs, fixture->account));
  fd_test_exec (fixture->anna_upstairs.connection, sql);
  g_assert_true (holds (&fixture->anna_upstairs, fixture->account));
  g_assert_false (holds (&fixture->anna, fixture->account));
}

static void
test_without_save_right_invisible (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autofree char *viewers = NULL;

  /* Fee schedules are saved by administrators only: staff look, never appear, never lock. */
  g_assert_false (enter (&fixture->anna, "fees:1"));
  g_assert_true (enter (&fixture->admin, "fees:1"));
  g_assert_true (holds (&fixture->admin, "fees:1"));
  viewers = viewers_of (&fixture->admin, "fees:1");
  g_assert_cmpstr (viewers, ==, "Office*");
  fd_test_assert_refused (fixture->anna.connection, "SELECT frontdesk.context_acquire('fees:1')",
                          FD_DB_ERROR_CONTEXT_READ_ONLY, "only an administrator");
  fd_test_assert_refused (fixture->anna.connection, "SELECT frontdesk.context_take('fees:1')",
                          FD_DB_ERROR_CONTEXT_READ_ONLY, "only an administrator");
  g_assert_true (holds (&fixture->admin, "fees:1"));
}

static void
test_server_refuses_saves_without_the_lock (Fixture       *fixture,
                                            gconstpointer  data)
{
  g_autofree char *guarantor = fd_test_query_value (
    fixture->owner, "SELECT guarantor_id FROM frontdesk.clients WHERE id = 4");
  g_autofree char *account_write = g_strdup_printf (
    "UPDATE frontdesk.clients SET fee_schedule_id = NULL WHERE id = %s", guarantor);
  const char *fee_write = "UPDATE frontdesk.fees SET amount = amount + 1 "
                          "WHERE fee_schedule_id = 1";
  g_autoptr(FdConnection) office_psql = fd_test_open_connection_as (fixture->dbname,
                                                                    fixture->admin_login);
  g_autofree char *fee_before = fd_test_query_value (
    fixture->owner, "SELECT sum(amount) FROM frontdesk.fees WHERE fee_schedule_id = 1");
  g_autofree char *fee_after = NULL;
  Desk office_two = { 0 };

  /* A session that never took the lock is told to take it first. */
  fd_test_assert_refused (fixture->admin.connection, fee_write, FD_DB_ERROR_SAVE_LOCK_NOT_HELD,
                          "take the save lock");

  /* The admin holds the fee schedule: another admin session, and psql, are refused. */
  g_assert_true (enter (&fixture->admin, "fees:1"));
  desk_open (&office_two, fixture->dbname, fixture->admin_login, "Office 2");
  g_assert_true (enter (&office_two, "fees:1"));
  fd_test_assert_refused (office_two.connection, fee_write, FD_DB_ERROR_SAVE_LOCK_NOT_HELD,
                          "at Office holds the save lock");
  fd_test_assert_refused (office_psql, fee_write, FD_DB_ERROR_SAVE_LOCK_NOT_HELD,
                          "at Office holds the save lock");
  /* Claiming to be maintenance changes nothing while someone holds it. */
  fd_test_exec (office_psql, "SET frontdesk.maintenance = 'on'");
  fd_test_assert_refused (office_psql, fee_write, FD_DB_ERROR_SAVE_LOCK_NOT_HELD,
                          "at Office holds the save lock");
  fd_test_exec (fixture->admin.connection, fee_write);
  fee_after = fd_test_query_value (
    fixture->owner, "SELECT sum(amount) FROM frontdesk.fees WHERE fee_schedule_id = 1");
  g_assert_cmpstr (fee_before, !=, fee_after);
  desk_close (&office_two);

  /* A family's account: only Anna, who holds it, changes it; Ben's other edits still pass. */
  g_assert_true (enter (&fixture->anna, fixture->account));
  fd_test_assert_refused (fixture->ben.connection, account_write, FD_DB_ERROR_SAVE_LOCK_NOT_HELD,
                          "at Reception 1 holds the save lock for Account of the test family");
  fd_test_exec (fixture->ben.connection,
                "UPDATE frontdesk.clients SET notes = 'Prefers mornings' WHERE id = 4");
  fd_test_exec (fixture->anna.connection, account_write);
}

static void
test_limits_have_clear_errors (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *long_name = g_strnfill (251, 'x');
  g_autofree char *long_description = g_strnfill (201, 'y');
  g_autofree char *sql = NULL;

  sql = g_strdup_printf ("SELECT frontdesk.context_enter('account:%s', 'Too long')", long_name);
  fd_test_assert_refused (fixture->anna.connection, sql, FD_DB_ERROR_BAD_CONTEXT,
                          "1 to 250 characters; this one has 259");
  g_free (sql);
  sql = g_strdup_printf ("SELECT frontdesk.context_enter('account:1', '%s')", long_description);
  fd_test_assert_refused (fixture->anna.connection, sql, FD_DB_ERROR_BAD_CONTEXT,
                          "1 to 200 characters; this one has 201");
  fd_test_assert_refused (fixture->anna.connection,
                          "SELECT frontdesk.context_enter('payroll:1', 'Payroll')",
                          FD_DB_ERROR_BAD_CONTEXT, "not a data context Frontdesk knows");
}

static gboolean
lock_is_free (gpointer user_data)
{
  Fixture *fixture = user_data;
  g_autofree char *holder = holder_of (&fixture->ben, fixture->account);

  return holder == NULL;
}

static void
test_killed_client_frees_its_lock (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autofree char *password = fd_test_staff_password (fixture->anna_login);
  g_autoptr(GSubprocess) holder_process = NULL;
  g_autoptr(GDataInputStream) output = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  g_autofree char *holder = NULL;
  g_autofree char *acquired = NULL;
  gint64 killed_at;

  holder_process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                                     g_getenv ("FRONTDESK_LOCK_HOLDER"),
                                     fd_test_server_socket_dir (), fixture->anna_login, password,
                                     fixture->dbname, "save-context", fixture->account, NULL);
  g_assert_no_error (error);
  output = g_data_input_stream_new (g_subprocess_get_stdout_pipe (holder_process));
  line = g_data_input_stream_read_line_utf8 (output, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (line, ==, "held");

  g_assert_true (enter (&fixture->ben, fixture->account));
  holder = holder_of (&fixture->ben, fixture->account);
  g_assert_cmpstr (holder, ==, "Crashing desk");

  kill (atoi (g_subprocess_get_identifier (holder_process)), SIGKILL);
  killed_at = g_get_monotonic_time ();
  fd_test_wait_until (lock_is_free, fixture, "the killed client's save lock to be free");
  g_test_message ("Save lock free %.0f ms after kill -9",
                  (g_get_monotonic_time () - killed_at) / 1000.0);
  g_assert_cmpint (g_get_monotonic_time () - killed_at, <, 5 * G_USEC_PER_SEC);
  acquired = ask (&fixture->ben, "context_acquire", fixture->account);
  g_assert_cmpstr (acquired, ==, "t");
}

/* The saves under save locks ----------------------------------------------------------- */

static char *
sql_literal (const char *value)
{
  return value[0] != '\0' ? g_strdup_printf ("'%s'", value) : g_strdup ("NULL");
}

static void
test_account_saved_beside_the_record_lock (Fixture       *fixture,
                                           gconstpointer  data)
{
  const char *guarantor = fixture->account + strlen ("account:");
  g_autofree char *original = NULL;
  g_autofree char *original_sql = NULL;
  g_autofree char *wanted = NULL;
  g_autofree char *save = NULL;
  g_autofree char *outcome = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *back = NULL;
  g_autofree char *address = NULL;
  g_autofree char *member = NULL;
  g_autofree char *member_save = NULL;
  g_autofree char *other = NULL;
  g_autofree char *other_context = NULL;
  g_autofree char *sql = NULL;

  sql = g_strdup_printf ("SELECT coalesce(billing_type_id::text, '') FROM frontdesk.clients "
                         "WHERE id = %s", guarantor);
  original = fd_test_query_value (fixture->owner, sql);
  original_sql = sql_literal (original);
  g_free (sql);
  sql = g_strdup_printf ("SELECT min(id) FROM frontdesk.definitions WHERE category = "
                         "'billing_type' AND id::text <> '%s'", original);
  wanted = fd_test_query_value (fixture->owner, sql);

  /* Ben has the guarantor's record open; Anna holds the family's save lock. */
  g_free (sql);
  sql = g_strdup_printf ("SELECT * FROM frontdesk.lock_acquire('clients', '%s')", guarantor);
  fd_test_exec (fixture->ben.connection, sql);
  g_assert_true (enter (&fixture->anna, fixture->account));

  /* The account is Anna's to save, though the record is Ben's. */
  save = g_strdup_printf ("SELECT outcome FROM frontdesk.account_save('clients', '%s', "
                          "'billing_type_id', %s, '%s')", guarantor, original_sql, wanted);
  outcome = fd_test_query_value (fixture->anna.connection, save);
  g_assert_cmpstr (outcome, ==, "saved");
  g_free (sql);
  sql = g_strdup_printf ("SELECT billing_type_id FROM frontdesk.clients WHERE id = %s",
                         guarantor);
  stored = fd_test_query_value (fixture->owner, sql);
  g_assert_cmpstr (stored, ==, wanted);

  /* The rest of the record stays Ben's, and the account stays Anna's. */
  address = g_strdup_printf ("SELECT * FROM frontdesk.save_record('clients', '%s', 'city', "
                             "(SELECT city FROM frontdesk.clients WHERE id = %s), 'Elsewhere')",
                             guarantor, guarantor);
  fd_test_assert_refused (fixture->anna.connection, address, FD_DB_ERROR_RECORD_HELD,
                          "has this record open");
  g_free (address);
  address = g_strdup_printf ("SELECT * FROM frontdesk.account_save('clients', '%s', 'city', "
                             "(SELECT city FROM frontdesk.clients WHERE id = %s), 'Elsewhere')",
                             guarantor, guarantor);
  fd_test_assert_refused (fixture->anna.connection, address, FD_DB_ERROR_NOT_EDITABLE,
                          "is not part of the account");
  back = g_strdup_printf ("SELECT * FROM frontdesk.account_save('clients', '%s', "
                          "'billing_type_id', '%s', %s)", guarantor, wanted, original_sql);
  fd_test_assert_refused (fixture->ben.connection, back, FD_DB_ERROR_SAVE_LOCK_NOT_HELD,
                          "at Reception 1 holds the save lock");
  /* Marking a save as an account save by hand lets nothing more through. */
  g_free (sql);
  sql = g_strdup_printf ("SELECT set_config('frontdesk.account_save', '%s', false)", guarantor);
  fd_test_exec (fixture->anna.connection, sql);
  g_free (address);
  address = g_strdup_printf ("SELECT * FROM frontdesk.save_record('clients', '%s', 'city', "
                             "(SELECT city FROM frontdesk.clients WHERE id = %s), 'Elsewhere')",
                             guarantor, guarantor);
  fd_test_assert_refused (fixture->anna.connection, address, FD_DB_ERROR_RECORD_HELD,
                          "has this record open");

  /* The exemption is the guarantor's row's alone: a member's row keeps its record lock. */
  other = fd_test_query_value (fixture->owner,
                               "SELECT min(guarantor_id) FROM frontdesk.clients "
                               "WHERE guarantor_id <> id");
  other_context = g_strdup_printf ("account:%s", other);
  g_assert_true (enter (&fixture->anna, other_context));
  g_free (sql);
  sql = g_strdup_printf ("SELECT * FROM frontdesk.lock_acquire('clients', (SELECT min(id)::text "
                         "FROM frontdesk.clients WHERE guarantor_id = %s AND id <> %s))",
                         other, other);
  fd_test_exec (fixture->ben.connection, sql);
  g_free (sql);
  sql = g_strdup_printf ("UPDATE frontdesk.clients SET billing_type_id = %s WHERE id = "
                         "(SELECT min(id) FROM frontdesk.clients WHERE guarantor_id = %s "
                         "AND id <> %s)", wanted, other, other);
  fd_test_assert_refused (fixture->anna.connection, sql, FD_DB_ERROR_RECORD_HELD,
                          "has this record open");

  /* Without the family's lock, the mark is nothing: a save takes the record lock as ever. */
  g_free (sql);
  sql = g_strdup_printf ("SELECT set_config('frontdesk.account_save', '%s', false)", other);
  fd_test_exec (fixture->ben.connection, sql);
  g_free (sql);
  sql = g_strdup_printf ("SELECT outcome FROM frontdesk.save_record('clients', '%s', 'city', "
                         "(SELECT city FROM frontdesk.clients WHERE id = %s), 'Elsewhere') "
                         "LIMIT 1", other, other);
  g_free (outcome);
  outcome = fd_test_query_value (fixture->ben.connection, sql);
  g_assert_cmpstr (outcome, ==, "saved");
  g_free (sql);
  sql = g_strdup_printf ("SELECT count(*) FROM frontdesk.record_locks WHERE record_kind = "
                         "'clients' AND record_id = '%s' AND session_id = %" G_GINT64_FORMAT,
                         other, fd_session_get_id (fixture->ben.session));
  g_free (stored);
  stored = fd_test_query_value (fixture->owner, sql);
  g_assert_cmpstr (stored, ==, "1");

  /* A family has one payer: nobody moves under someone who pays for no family, and
   * someone who pays for others does not leave them without a payer. */
  g_free (sql);
  sql = g_strdup_printf ("SELECT min(id) FROM frontdesk.clients WHERE guarantor_id <> id "
                         "AND guarantor_id NOT IN (%s, %s)", guarantor, other);
  member = fd_test_query_value (fixture->owner, sql);
  g_free (sql);
  sql = g_strdup_printf ("SELECT * FROM frontdesk.save_record('clients', '%s', "
                         "'guarantor_id', '%s', '%s')", guarantor, guarantor, member);
  /* Anna's hand-set mark above lets her past nobody's record lock. */
  fd_test_assert_refused (fixture->anna.connection, sql, FD_DB_ERROR_RECORD_HELD,
                          "has this record open");
  g_free (sql);
  sql = g_strdup_printf ("UPDATE frontdesk.clients SET guarantor_id = %s WHERE id = "
                         "(SELECT max(id) FROM frontdesk.clients WHERE guarantor_id = id "
                         "AND id NOT IN (%s, %s))", member, guarantor, other);
  fd_test_assert_refused (fixture->owner, sql, FD_DB_ERROR_CONSTRAINT_VIOLATION,
                          "does not pay for a family");
  g_free (sql);
  sql = g_strdup_printf ("UPDATE frontdesk.clients SET guarantor_id = id WHERE id = %s", member);
  fd_test_exec (fixture->owner, sql);
  g_free (sql);
  sql = g_strdup_printf ("UPDATE frontdesk.clients SET guarantor_id = %s WHERE id = "
                         "(SELECT min(guarantor_id) FROM frontdesk.clients "
                         "WHERE guarantor_id <> id AND guarantor_id NOT IN (%s, %s))", member,
                         guarantor, other);
  fd_test_assert_refused (fixture->owner, sql, FD_DB_ERROR_CONSTRAINT_VIOLATION,
                          "pays for others");
  g_free (member);

  /* A client who pays for nobody has no account of their own. */
  member = fd_test_query_value (fixture->owner,
                                "SELECT min(id) FROM frontdesk.clients WHERE guarantor_id <> id");
  member_save = g_strdup_printf ("SELECT * FROM frontdesk.account_save('clients', '%s', "
                                 "'billing_type_id', NULL, '%s')", member, wanted);
  fd_test_assert_refused (fixture->anna.connection, member_save, FD_DB_ERROR_NOT_EDITABLE,
                          "does not pay for a family");
}

static char *
fee_of (Fixture    *fixture,
        const char *code_id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT coalesce(amount::text, 'none') FROM "
                                          "frontdesk.procedure_codes p LEFT JOIN "
                                          "frontdesk.fees f ON f.procedure_code_id = p.id "
                                          "AND f.fee_schedule_id = 1 WHERE p.id = %s",
                                          code_id);

  return fd_test_query_value (fixture->owner, sql);
}

static void
test_fees_saved_together (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *first = fd_test_query_value (fixture->owner,
                                                "SELECT min(id) FROM frontdesk.procedure_codes");
  g_autofree char *second = NULL;
  g_autofree char *save = NULL;
  g_autofree char *bad = NULL;
  g_autofree char *fee = NULL;
  const char *wrong[] = { "abc", "-1", "12.345", "100000000" };

  second = fd_test_query_value (fixture->owner, "SELECT min(id) FROM frontdesk.procedure_codes "
                                                "WHERE id > (SELECT min(id) FROM "
                                                "frontdesk.procedure_codes)");
  save = g_strdup_printf ("SELECT frontdesk.fees_save(1, ARRAY[%s, %s], ARRAY[(SELECT "
                          "amount::text FROM frontdesk.fees WHERE fee_schedule_id = 1 AND "
                          "procedure_code_id = %s), (SELECT amount::text FROM frontdesk.fees "
                          "WHERE fee_schedule_id = 1 AND procedure_code_id = %s)], "
                          "ARRAY['12.5', ''])", first, second, first, second);

  /* Without the lock: refused; a front desk login may not at all. */
  fd_test_assert_refused (fixture->admin.connection, save, FD_DB_ERROR_SAVE_LOCK_NOT_HELD,
                          "take the save lock");
  fd_test_assert_refused (fixture->ben.connection, save, FD_DB_ERROR_PERMISSION_DENIED, NULL);

  g_assert_true (enter (&fixture->admin, "fees:1"));
  fd_test_exec (fixture->admin.connection, save);
  fee = fee_of (fixture, first);
  g_assert_cmpstr (fee, ==, "12.50");
  g_free (fee);
  fee = fee_of (fixture, second);
  g_assert_cmpstr (fee, ==, "none");

  /* A wrong amount stores nothing, not even the right ones beside it. */
  for (guint i = 0; i < G_N_ELEMENTS (wrong); i++)
    {
      g_free (bad);
      bad = g_strdup_printf ("SELECT frontdesk.fees_save(1, ARRAY[%s, %s], ARRAY['12.50', ''], "
                             "ARRAY['13', '%s'])", first, second, wrong[i]);
      fd_test_assert_refused (fixture->admin.connection, bad, FD_DB_ERROR_INVALID_VALUE, wrong[i]);
      g_free (fee);
      fee = fee_of (fixture, first);
      g_assert_cmpstr (fee, ==, "12.50");
    }

  /* A fee stored differently since the form showed it is not overwritten. */
  g_free (bad);
  bad = g_strdup_printf ("SELECT frontdesk.fees_save(1, ARRAY[%s], ARRAY['40'], ARRAY['41'])",
                         first);
  fd_test_assert_refused (fixture->admin.connection, bad, FD_DB_ERROR_STALE_VALUE,
                          "was changed to 12.50 meanwhile");
  g_free (fee);
  fee = fee_of (fixture, first);
  g_assert_cmpstr (fee, ==, "12.50");
}

/* A workstation that had to open a new session keeps a lock it let go by hand let go. */
static void
test_release_survives_a_new_session (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autofree char *sql = g_strdup_printf ("SELECT frontdesk.context_enter_released('%s', "
                                          "'Account of the test family')", fixture->account);
  g_autofree char *may_save = fd_test_query_value (fixture->anna_upstairs.connection, sql);
  g_autofree char *released = NULL;

  g_assert_cmpstr (may_save, ==, "t");
  g_assert_false (holds (&fixture->anna_upstairs, fixture->account));
  g_free (sql);
  sql = g_strdup_printf ("SELECT released_by_me FROM frontdesk.context_status('%s')",
                         fixture->account);
  released = fd_test_query_value (fixture->anna_upstairs.connection, sql);
  g_assert_cmpstr (released, ==, "t");
  /* Entering as usual now takes nothing either; Acquire by hand does. */
  g_assert_true (enter (&fixture->anna_upstairs, fixture->account));
  g_assert_false (holds (&fixture->anna_upstairs, fixture->account));
  g_free (released);
  released = ask (&fixture->anna_upstairs, "context_acquire", fixture->account);
  g_assert_cmpstr (released, ==, "t");
}

/* Take and Unlock act on the holder the person confirmed, or not at all. */
static void
test_locks_change_hands_only_as_confirmed (Fixture       *fixture,
                                           gconstpointer  data)
{
  g_autofree char *take = NULL;
  g_autofree char *break_sql = NULL;
  g_autofree char *broken = NULL;
  g_autofree char *holder = NULL;
  gint64 anna = fd_session_get_id (fixture->anna.session);
  gint64 ben = fd_session_get_id (fixture->ben.session);

  /* A save lock: the administrator was asked about Ben, but Anna holds it. */
  g_assert_true (enter (&fixture->anna, fixture->account));
  g_assert_true (enter (&fixture->admin, fixture->account));
  take = g_strdup_printf ("SELECT frontdesk.context_take('%s', %" G_GINT64_FORMAT ")",
                          fixture->account, ben);
  fd_test_assert_refused (fixture->admin.connection, take, FD_DB_ERROR_LOCK_CHANGED_HANDS,
                          "changed hands: ");
  holder = holder_of (&fixture->admin, fixture->account);
  g_assert_cmpstr (holder, ==, "Reception 1");
  g_free (take);
  take = g_strdup_printf ("SELECT frontdesk.context_take('%s', %" G_GINT64_FORMAT ")",
                          fixture->account, anna);
  fd_test_exec (fixture->admin.connection, take);
  g_assert_true (holds (&fixture->admin, fixture->account));

  /* A record lock: Ben holds client 7; an Unlock meant for Anna's lock does nothing. */
  fd_test_exec (fixture->ben.connection, "SELECT * FROM frontdesk.lock_acquire('clients', '7')");
  break_sql = g_strdup_printf ("SELECT frontdesk.lock_break('clients', '7', %" G_GINT64_FORMAT
                               ")", anna);
  fd_test_assert_refused (fixture->admin.connection, break_sql, FD_DB_ERROR_LOCK_CHANGED_HANDS,
                          "at Reception 2 holds it now");
  g_free (break_sql);
  break_sql = g_strdup_printf ("SELECT frontdesk.lock_break('clients', '7', %" G_GINT64_FORMAT
                               ")", ben);
  broken = fd_test_query_value (fixture->admin.connection, break_sql);
  g_assert_cmpstr (broken, ==, "t");
  fd_test_assert_refused (fixture->admin.connection, break_sql, FD_DB_ERROR_LOCK_CHANGED_HANDS,
                          "Nobody holds this lock any more");
}

/* FdSaveLock as the forms use it --------------------------------------------------------- */

typedef struct
{
  FdSaveLock *lock;
  const char *holder;   /* the holder's workstation, NULL for free */
  guint       viewers;
} LockWait;

static gboolean
lock_shows (gpointer user_data)
{
  LockWait *wait = user_data;
  const FdLockHolder *holder = fd_save_lock_get_holder (wait->lock);

  return fd_save_lock_get_known (wait->lock) &&
         g_strcmp0 (holder != NULL ? holder->workstation : NULL, wait->holder) == 0 &&
         fd_save_lock_get_viewers (wait->lock)->len == wait->viewers;
}

static void
wait_lock (FdSaveLock *lock,
           const char *holder,
           guint       viewers)
{
  LockWait wait = { lock, holder, viewers };

  fd_test_wait_until (lock_shows, &wait, holder != NULL ? holder : "a free lock");
}

static void
change_hands (FdSaveLock *lock,
              void      (*change) (FdSaveLock *, GCancellable *, GAsyncReadyCallback, gpointer))
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  change (lock, NULL, fd_test_store_result_cb, &result);
  g_assert_true (fd_save_lock_change_finish (lock, fd_test_wait_for_result (&result), &error));
  g_assert_no_error (error);
}

static void
test_save_lock_follows_its_context (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(FdSaveLock) annas = fd_save_lock_new (fixture->anna.session);
  g_autoptr(FdSaveLock) bens = fd_save_lock_new (fixture->ben.session);
  const FdLockHolder *first_viewer;

  fd_save_lock_set_context (annas, fixture->account, "Account of the test family");
  wait_lock (annas, "Reception 1", 1);
  g_assert_true (fd_save_lock_get_held (annas));
  g_assert_true (fd_save_lock_get_may_save (annas));

  /* Ben comes second: he sees Anna hold it, and both viewers, holder first. */
  fd_save_lock_set_context (bens, fixture->account, "Account of the test family");
  wait_lock (bens, "Reception 1", 2);
  wait_lock (annas, "Reception 1", 2);
  g_assert_false (fd_save_lock_get_held (bens));
  g_assert_false (fd_save_lock_get_may_take (bens));
  first_viewer = g_ptr_array_index (fd_save_lock_get_viewers (bens), 0);
  g_assert_true (first_viewer->holds_lock);
  g_assert_cmpstr (first_viewer->workstation, ==, "Reception 1");

  /* Anna lets it go: Ben hears it, takes it by hand, and Anna hears that. */
  change_hands (annas, fd_save_lock_release_async);
  wait_lock (bens, NULL, 2);
  wait_lock (annas, NULL, 2);
  g_assert_true (fd_save_lock_get_released_by_me (annas));
  change_hands (bens, fd_save_lock_acquire_async);
  wait_lock (annas, "Reception 2", 2);
  wait_lock (bens, "Reception 2", 2);
  g_assert_true (fd_save_lock_get_held (bens));

  /* Ben moves to another context: he leaves this one, and his lock with it. */
  fd_save_lock_set_context (bens, "fees:1", "Fee schedule: Standard");
  wait_lock (annas, NULL, 1);
  wait_lock (bens, NULL, 0);
  g_assert_false (fd_save_lock_get_may_save (bens));
  g_assert_false (fd_save_lock_get_held (bens));

  /* Closing the form: nothing of Anna's is left either. */
  g_clear_object (&annas);
  wait_lock (bens, NULL, 0);
}

int
main (int   argc,
      char *argv[])
{
  fd_test_init (&argc, &argv);

  g_test_add ("/frontdesk/save-locks/entering-takes-a-free-lock", Fixture, NULL,
              fixture_setup, test_entering_takes_a_free_lock, fixture_teardown);
  g_test_add ("/frontdesk/save-locks/many-acquirers-one-wins", Fixture, NULL,
              fixture_setup, test_many_acquirers_one_wins, fixture_teardown);
  g_test_add ("/frontdesk/save-locks/no-automatic-reacquire-after-release", Fixture, NULL,
              fixture_setup, test_no_automatic_reacquire_after_release, fixture_teardown);
  g_test_add ("/frontdesk/save-locks/admin-takes-from-anyone", Fixture, NULL,
              fixture_setup, test_admin_takes_from_anyone, fixture_teardown);
  g_test_add ("/frontdesk/save-locks/take-from-own-other-session", Fixture, NULL,
              fixture_setup, test_take_from_own_other_session, fixture_teardown);
  g_test_add ("/frontdesk/save-locks/without-save-right-invisible", Fixture, NULL,
              fixture_setup, test_without_save_right_invisible, fixture_teardown);
  g_test_add ("/frontdesk/save-locks/server-refuses-saves-without-the-lock", Fixture, NULL,
              fixture_setup, test_server_refuses_saves_without_the_lock, fixture_teardown);
  g_test_add ("/frontdesk/save-locks/limits-have-clear-errors", Fixture, NULL,
              fixture_setup, test_limits_have_clear_errors, fixture_teardown);
  g_test_add ("/frontdesk/save-locks/account-saved-beside-the-record-lock", Fixture, NULL,
              fixture_setup, test_account_saved_beside_the_record_lock, fixture_teardown);
  g_test_add ("/frontdesk/save-locks/fees-saved-together", Fixture, NULL,
              fixture_setup, test_fees_saved_together, fixture_teardown);
  g_test_add ("/frontdesk/save-locks/release-survives-a-new-session", Fixture, NULL,
              fixture_setup, test_release_survives_a_new_session, fixture_teardown);
  g_test_add ("/frontdesk/save-locks/locks-change-hands-only-as-confirmed", Fixture, NULL,
              fixture_setup, test_locks_change_hands_only_as_confirmed, fixture_teardown);
  g_test_add ("/frontdesk/save-locks/save-lock-follows-its-context", Fixture, NULL,
              fixture_setup, test_save_lock_follows_its_context, fixture_teardown);
  g_test_add ("/frontdesk/save-locks/killed-client-frees-its-lock", Fixture, NULL,
              fixture_setup, test_killed_client_frees_its_lock, fixture_teardown);

  return fd_test_run ();
}
