/* test-locks.c: record locks with two and three sessions: acquire, override and the
 * displaced session's news, take-back on save, admin break, expiry, check-alive after a
 * kill -9, viewers, and the refusal of other writers (CLI and raw SQL).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <signal.h>
#include <string.h>

#include "fd-appointment.h"
#include "fd-database.h"
#include "fd-lock-manager.h"
#include "fd-record.h"
#include "fd-test-server.h"

typedef struct
{
  FdConnection  *connection;
  FdSession     *session;
  FdLockManager *locks;
  GPtrArray     *losses;
  char          *login;
} Desk;

typedef struct
{
  char         *dbname;
  FdConnection *owner;
  Desk          anna;
  Desk          ben;
  Desk          admin;
} Fixture;

static void
loss_cb (FdLockManager *locks,
         FdLockLoss    *loss,
         Desk          *desk)
{
  g_ptr_array_add (desk->losses, fd_lock_loss_copy (loss));
}

static void
desk_open (Desk       *desk,
           const char *dbname,
           gboolean    admin,
           const char *workstation)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  desk->login = fd_test_create_staff (admin);
  desk->connection = fd_test_open_connection_as (dbname, desk->login);
  fd_session_open_async (desk->connection, workstation, NULL, fd_test_store_result_cb, &result);
  desk->session = fd_session_open_finish (fd_test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  desk->locks = fd_lock_manager_new (desk->session);
  desk->losses = g_ptr_array_new_with_free_func ((GDestroyNotify) fd_lock_loss_free);
  g_signal_connect (desk->locks, "lock-lost", G_CALLBACK (loss_cb), desk);
}

static void
desk_close (Desk *desk)
{
  /* Queries under way keep the manager alive a moment longer: it must not call back. */
  g_signal_handlers_disconnect_by_data (desk->locks, desk);
  g_clear_object (&desk->locks);
  g_clear_object (&desk->session);
  g_clear_object (&desk->connection);
  g_clear_pointer (&desk->losses, g_ptr_array_unref);
  g_clear_pointer (&desk->login, g_free);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->dbname = fd_test_create_database (TRUE);
  fixture->owner = fd_test_open_connection (fixture->dbname);
  fd_test_exec (fixture->owner, "SELECT frontdesk.sample_data(20, 1)");
  desk_open (&fixture->anna, fixture->dbname, FALSE, "Reception 1");
  desk_open (&fixture->ben, fixture->dbname, FALSE, "Reception 2");
  desk_open (&fixture->admin, fixture->dbname, TRUE, "Back office");
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  desk_close (&fixture->anna);
  desk_close (&fixture->ben);
  desk_close (&fixture->admin);
  g_clear_object (&fixture->owner);
  fd_test_drop_database (fixture->dbname);
  g_free (fixture->dbname);
}

/* Returns NULL when @desk got the lock, else who holds it. */
static FdLockHolder *
acquire (Desk       *desk,
         const char *id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  FdLockHolder *holder = NULL;

  fd_lock_manager_acquire_async (desk->locks, "clients", id, NULL, fd_test_store_result_cb,
                                 &result);
  g_assert_true (fd_lock_manager_acquire_finish (desk->locks, fd_test_wait_for_result (&result),
                                                 &holder, &error));
  g_assert_no_error (error);
  return holder;
}

/* As the editor does: warned about the holder, then overriding that holder. */
static void
override (Desk       *desk,
          const char *id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FdLockHolder) holder = acquire (desk, id);

  g_assert_nonnull (holder);
  fd_lock_manager_override_async (desk->locks, "clients", id, holder->session_id, NULL,
                                  fd_test_store_result_cb, &result);
  g_assert_true (fd_lock_manager_override_finish (desk->locks, fd_test_wait_for_result (&result),
                                                  &error));
  g_assert_no_error (error);
}

static FdRecord *
load (Desk       *desk,
      const char *id)
{
  g_autoptr(FdRecord) record = fd_record_new ("clients", id);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  fd_record_load_async (record, desk->connection, NULL, fd_test_store_result_cb, &result);
  fd_record_load_finish (record, fd_test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  return g_steal_pointer (&record);
}

static FdSaveOutcome
save (Desk      *desk,
      FdRecord  *record,
      GError   **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  fd_record_save_async (record, desk->connection, NULL, fd_test_store_result_cb, &result);
  return fd_record_save_finish (record, fd_test_wait_for_result (&result), NULL, error);
}

static gboolean
has_loss (gpointer user_data)
{
  return ((Desk *) user_data)->losses->len > 0;
}

static FdLockLoss *
wait_for_loss (Desk *desk)
{
  fd_test_wait_until (has_loss, desk, "news of a lost lock");
  return g_ptr_array_index (desk->losses, 0);
}

static gboolean
acquired_by (gpointer user_data)
{
  g_autoptr(FdLockHolder) holder = acquire (user_data, "1");

  return holder == NULL;
}

static void
test_acquire_names_the_holder (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(FdLockHolder) mine = acquire (&fixture->anna, "1");
  g_autoptr(FdLockHolder) again = acquire (&fixture->anna, "1");
  g_autoptr(FdLockHolder) holder = acquire (&fixture->ben, "1");

  g_assert_null (mine);
  g_assert_null (again);
  g_assert_nonnull (holder);
  g_assert_cmpstr (holder->name, ==, fixture->anna.login);
  g_assert_cmpstr (holder->workstation, ==, "Reception 1");
  g_assert_nonnull (holder->since);

  /* Released on navigation: the next one gets it (the release is on its way, not awaited). */
  fd_lock_manager_release (fixture->anna.locks, "clients", "1");
  fd_test_wait_until (acquired_by, &fixture->ben, "the released lock");
}

static gboolean
loss_within_a_second (gpointer user_data)
{
  gpointer *args = user_data;

  return has_loss (args[0]) || g_get_monotonic_time () > *(gint64 *) args[1];
}

static void
test_override_tells_the_holder_at_once (Fixture       *fixture,
                                        gconstpointer  data)
{
  g_autoptr(FdLockHolder) mine = acquire (&fixture->anna, "2");
  g_autofree char *audit = NULL;
  g_autofree char *expected = NULL;
  gint64 deadline;
  gpointer args[2];
  FdLockLoss *loss;

  g_assert_null (mine);
  override (&fixture->ben, "2");

  deadline = g_get_monotonic_time () + G_USEC_PER_SEC;
  args[0] = &fixture->anna;
  args[1] = &deadline;
  fd_test_wait_until (loss_within_a_second, args, "the displaced session's news");
  g_assert_cmpuint (fixture->anna.losses->len, ==, 1);

  loss = g_ptr_array_index (fixture->anna.losses, 0);
  g_assert_cmpstr (loss->kind, ==, "clients");
  g_assert_cmpstr (loss->id, ==, "2");
  g_assert_cmpint (loss->cause, ==, FD_LOCK_LOSS_OVERRIDDEN);
  g_assert_cmpstr (loss->by_name, ==, fixture->ben.login);
  g_assert_cmpstr (loss->by_workstation, ==, "Reception 2");

  audit = fd_test_query_value (fixture->owner,
                               "SELECT actor || '|' || action || '|' || record_id "
                               "FROM frontdesk.audit_log WHERE action = 'lock overridden'");
  expected = g_strdup_printf ("%s|lock overridden|2", fixture->ben.login);
  g_assert_cmpstr (audit, ==, expected);
}

static void
test_take_back_on_save (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(FdLockHolder) mine = acquire (&fixture->anna, "3");
  g_autoptr(FdRecord) annas = load (&fixture->anna, "3");
  g_autoptr(FdLockHolder) holder = NULL;
  g_autoptr(GError) error = NULL;
  FdLockLoss *loss;

  /* Ben overrides but only looks; Anna saves and has her lock back; Ben is told. */
  override (&fixture->ben, "3");
  g_assert_true (fd_record_set (annas, "region", "Harbourside", -1, NULL));
  g_assert_cmpint (save (&fixture->anna, annas, &error), ==, FD_SAVE_SAVED);
  g_assert_no_error (error);

  loss = wait_for_loss (&fixture->ben);
  g_assert_cmpint (loss->cause, ==, FD_LOCK_LOSS_TAKEN_BACK);
  g_assert_cmpstr (loss->by_name, ==, fixture->anna.login);
  holder = acquire (&fixture->ben, "3");
  g_assert_nonnull (holder);
  g_assert_cmpstr (holder->name, ==, fixture->anna.login);
}

static void
test_take_back_after_their_save_conflicts (Fixture       *fixture,
                                           gconstpointer  data)
{
  g_autoptr(FdLockHolder) mine = acquire (&fixture->anna, "4");
  g_autoptr(FdRecord) annas = load (&fixture->anna, "4");
  g_autoptr(FdRecord) bens = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = NULL;

  override (&fixture->ben, "4");
  bens = load (&fixture->ben, "4");
  g_assert_true (fd_record_set (bens, "city", "Ben's city", -1, NULL));
  g_assert_cmpint (save (&fixture->ben, bens, &error), ==, FD_SAVE_SAVED);

  /* Anna changed the same field: a conflict, nothing written, never a silent overwrite. */
  g_assert_true (fd_record_set (annas, "city", "Anna's city", -1, NULL));
  fd_record_save_async (annas, fixture->anna.connection, NULL, fd_test_store_result_cb, &result);
  g_assert_cmpint (fd_record_save_finish (annas, fd_test_wait_for_result (&result), &conflicts,
                                          &error), ==, FD_SAVE_CONFLICT);
  g_assert_cmpstr (((FdConflict *) g_ptr_array_index (conflicts, 0))->theirs, ==, "Ben's city");
  stored = fd_test_query_value (fixture->owner, "SELECT city FROM frontdesk.clients WHERE id = 4");
  g_assert_cmpstr (stored, ==, "Ben's city");
}

static void
test_admin_break_refuses_the_save (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(FdLockHolder) mine = acquire (&fixture->anna, "5");
  g_autoptr(FdRecord) annas = load (&fixture->anna, "5");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  FdLockLoss *loss;

  /* Staff cannot break a lock; the server says so. */
  fd_lock_manager_break_async (fixture->ben.locks, "clients", "5", NULL, fd_test_store_result_cb,
                               &result);
  g_assert_false (fd_lock_manager_break_finish (fixture->ben.locks,
                                                fd_test_wait_for_result (&result), &error));
  g_assert_error (error, FD_DB_ERROR, FD_DB_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);

  fd_lock_manager_break_async (fixture->admin.locks, "clients", "5", NULL,
                               fd_test_store_result_cb, &result);
  g_assert_true (fd_lock_manager_break_finish (fixture->admin.locks,
                                               fd_test_wait_for_result (&result), &error));
  g_assert_no_error (error);

  /* Told at once, without saving. */
  loss = wait_for_loss (&fixture->anna);
  g_assert_cmpint (loss->cause, ==, FD_LOCK_LOSS_BROKEN);
  g_assert_cmpstr (loss->by_name, ==, fixture->admin.login);

  g_assert_true (fd_record_set (annas, "region", "Nowhere", -1, NULL));
  g_assert_cmpint (save (&fixture->anna, annas, &error), ==, FD_SAVE_REFUSED);
  g_assert_nonnull (strstr (error->message, "An administrator released your lock"));
}

static void
test_expired_lock (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(FdLockHolder) mine = NULL;
  g_autoptr(FdLockHolder) taken = NULL;
  g_autoptr(FdRecord) annas = NULL;
  g_autoptr(GError) error = NULL;
  FdLockLoss *loss;

  /* A practice with an edit time limit; this lock's time is already up. */
  fd_test_exec (fixture->owner, "UPDATE frontdesk.practice SET edit_time_limit = '1 minute'");
  mine = acquire (&fixture->anna, "6");
  annas = load (&fixture->anna, "6");
  fd_test_exec (fixture->owner, "UPDATE frontdesk.record_locks SET expires_at = now() - "
                                "interval '1 second' WHERE record_id = '6'");

  g_assert_true (fd_record_set (annas, "region", "Late", -1, NULL));
  g_assert_cmpint (save (&fixture->anna, annas, &error), ==, FD_SAVE_REFUSED);
  g_assert_nonnull (strstr (error->message, "time to edit this record ran out"));

  /* Someone else takes an expired lock without an override; the first holder hears why. */
  taken = acquire (&fixture->ben, "6");
  g_assert_null (taken);
  loss = wait_for_loss (&fixture->anna);
  g_assert_cmpint (loss->cause, ==, FD_LOCK_LOSS_EXPIRED);
}

static void
test_expiry_timer_tells_the_holder (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(FdLockHolder) mine = NULL;

  /* The shortest limit the practice allows is a minute; the server's clock is moved by
   * giving this lock a deadline a second away, then asking the manager to track it. */
  fd_test_exec (fixture->owner, "UPDATE frontdesk.practice SET edit_time_limit = '1 minute'");
  fd_test_exec (fixture->owner,
                "CREATE OR REPLACE FUNCTION frontdesk.lock_expiry() RETURNS timestamptz "
                "LANGUAGE sql STABLE AS $$ SELECT now() + interval '1 second' $$");
  mine = acquire (&fixture->anna, "7");
  g_assert_null (mine);

  g_assert_cmpint (wait_for_loss (&fixture->anna)->cause, ==, FD_LOCK_LOSS_EXPIRED);
}

static void
test_killed_client_frees_its_locks (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autofree char *login = fd_test_create_staff (FALSE);
  g_autofree char *password = fd_test_staff_password (login);
  g_autoptr(GSubprocess) holder_process = NULL;
  g_autoptr(GDataInputStream) output = NULL;
  g_autoptr(FdLockHolder) holder = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  const char *program = g_getenv ("FRONTDESK_LOCK_HOLDER");
  gint64 killed_at;
  gint64 freed_after = -1;

  holder_process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, program,
                                     fd_test_server_socket_dir (), login, password,
                                     fixture->dbname, "clients", "8", NULL);
  g_assert_no_error (error);
  output = g_data_input_stream_new (g_subprocess_get_stdout_pipe (holder_process));
  line = g_data_input_stream_read_line_utf8 (output, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (line, ==, "held");

  holder = acquire (&fixture->anna, "8");
  g_assert_nonnull (holder);
  g_assert_cmpstr (holder->workstation, ==, "Crashing desk");
  g_clear_pointer (&holder, fd_lock_holder_free);

  kill (atoi (g_subprocess_get_identifier (holder_process)), SIGKILL);
  killed_at = g_get_monotonic_time ();
  while (g_get_monotonic_time () - killed_at < 5 * G_USEC_PER_SEC)
    {
      holder = acquire (&fixture->anna, "8");
      if (holder == NULL)
        {
          freed_after = g_get_monotonic_time () - killed_at;
          break;
        }
      g_clear_pointer (&holder, fd_lock_holder_free);
      fd_test_spin (50);
    }

  g_test_message ("Lock free %.0f ms after kill -9", freed_after / 1000.0);
  g_assert_cmpint (freed_after, >=, 0);
}

static void
test_other_writers_refused (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(FdLockHolder) mine = acquire (&fixture->anna, "9");
  g_autoptr(FdConnection) plain = fd_test_open_connection_as (fixture->dbname, fixture->ben.login);
  g_autoptr(GSubprocess) cli = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *password = fd_test_staff_password (fixture->ben.login);
  g_autofree char *err = NULL;
  g_autofree char *expected = g_strdup_printf ("%s at Reception 1 has this record open",
                                               fixture->anna.login);

  /* psql, or any program without a session: refused, naming holder and workstation. */
  fd_test_assert_refused (plain, "UPDATE frontdesk.clients SET notes = 'x' WHERE id = 9",
                          FD_DB_ERROR_RECORD_HELD, expected);
  fd_test_assert_refused (fixture->owner, "UPDATE frontdesk.clients SET notes = 'x' WHERE id = 9",
                          FD_DB_ERROR_RECORD_HELD, expected);

  /* The agent's own save path: refused too, with the same words and exit status 3. */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "PGPASSWORD", password, TRUE);
  cli = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("FRONTDESK_ADMIN"),
                                     "-h", fd_test_server_socket_dir (), "-d", fixture->dbname,
                                     "-U", fixture->ben.login, "client", "set", "9",
                                     "notes=from a script", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (cli, NULL, NULL, NULL, &err, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (cli), ==, 3);
  g_assert_nonnull (strstr (err, expected));
}

static gboolean
lock_free_for (gpointer user_data)
{
  Desk *desk = user_data;
  g_autoptr(FdLockHolder) holder = acquire (desk, "11");

  return holder == NULL;
}

/* Anna overrode by Ben, Ben moves on, Carol opens it: Anna's save may not take it from Carol,
 * and Ben's override of a record that changed hands displaces nobody. */
static void
test_take_back_only_from_the_overrider (Fixture       *fixture,
                                        gconstpointer  data)
{
  Desk carol = { 0 };
  g_autoptr(FdLockHolder) mine = acquire (&fixture->anna, "11");
  g_autoptr(FdRecord) annas = load (&fixture->anna, "11");
  g_autoptr(FdLockHolder) seen = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;

  desk_open (&carol, fixture->dbname, FALSE, "Reception 3");
  override (&fixture->ben, "11");
  fd_lock_manager_release (fixture->ben.locks, "clients", "11");
  fd_test_wait_until (lock_free_for, &carol, "Carol's lock");

  g_assert_true (fd_record_set (annas, "region", "Too late", -1, NULL));
  g_assert_cmpint (save (&fixture->anna, annas, &error), ==, FD_SAVE_REFUSED);
  expected = g_strdup_printf ("%s at Reception 3 has this record open", carol.login);
  g_assert_nonnull (strstr (error->message, expected));
  g_clear_error (&error);

  /* Ben was warned about Anna; Carol has it now: his override is refused, not misapplied. */
  fd_lock_manager_override_async (fixture->ben.locks, "clients", "11",
                                  fd_session_get_id (fixture->anna.session), NULL,
                                  fd_test_store_result_cb, &result);
  g_assert_false (fd_lock_manager_override_finish (fixture->ben.locks,
                                                   fd_test_wait_for_result (&result), &error));
  g_assert_nonnull (strstr (error->message, "changed hands"));
  seen = acquire (&fixture->anna, "11");
  g_assert_cmpstr (seen->name, ==, carol.login);

  desk_close (&carol);
}

static void
test_conflict_takes_nothing_back (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(FdLockHolder) mine = acquire (&fixture->anna, "12");
  g_autoptr(FdRecord) annas = load (&fixture->anna, "12");
  g_autoptr(FdRecord) bens = NULL;
  g_autoptr(FdLockHolder) holder = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;

  override (&fixture->ben, "12");
  bens = load (&fixture->ben, "12");
  g_assert_true (fd_record_set (bens, "city", "Ben's", -1, NULL));
  g_assert_cmpint (save (&fixture->ben, bens, &error), ==, FD_SAVE_SAVED);

  g_assert_true (fd_record_set (annas, "city", "Anna's", -1, NULL));
  fd_record_save_async (annas, fixture->anna.connection, NULL, fd_test_store_result_cb, &result);
  g_assert_cmpint (fd_record_save_finish (annas, fd_test_wait_for_result (&result), &conflicts,
                                          &error), ==, FD_SAVE_CONFLICT);

  /* Nothing saved, so nothing taken: Ben still holds it, untroubled. */
  fd_test_spin (300);
  g_assert_cmpuint (fixture->ben.losses->len, ==, 0);
  holder = acquire (&fixture->admin, "12");
  g_assert_cmpstr (holder->name, ==, fixture->ben.login);
}

static void
test_broken_lock_refuses_raw_writes (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(FdLockHolder) mine = acquire (&fixture->anna, "13");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  fd_lock_manager_break_async (fixture->admin.locks, "clients", "13", NULL,
                               fd_test_store_result_cb, &result);
  g_assert_true (fd_lock_manager_break_finish (fixture->admin.locks,
                                               fd_test_wait_for_result (&result), &error));

  /* Not through the save path, not around it. */
  fd_test_assert_refused (fixture->anna.connection,
                          "UPDATE frontdesk.clients SET city = 'Around' WHERE id = 13",
                          FD_DB_ERROR_LOCK_REVOKED, "An administrator released your lock");
}

/* Anna drags an appointment while Ben changes its provider in an editor: both stay. */
static void
test_move_keeps_provider_change (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autofree char *id = fd_test_query_value (fixture->owner,
                                             "SELECT min(id) FROM frontdesk.appointments");
  g_autofree char *other_provider = NULL;
  g_autofree char *other_room = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(FdRecord) bens = fd_record_new ("appointments", id);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const char *columns[] = { "starts_at", "operatory_id" };
  const char *values[2];

  sql = g_strdup_printf ("SELECT min(p.id) FROM frontdesk.providers p, frontdesk.appointments a "
                         "WHERE a.id = %s AND p.id <> a.provider_id", id);
  other_provider = fd_test_query_value (fixture->owner, sql);
  g_free (sql);
  sql = g_strdup_printf ("SELECT min(o.id) FROM frontdesk.operatories o, frontdesk.appointments a "
                         "WHERE a.id = %s AND o.id <> a.operatory_id", id);
  other_room = fd_test_query_value (fixture->owner, sql);

  /* Ben has read the appointment and changes its provider... */
  fd_record_load_async (bens, fixture->ben.connection, NULL, fd_test_store_result_cb, &result);
  g_assert_true (fd_record_load_finish (bens, fd_test_wait_for_result (&result), &error));
  g_assert_true (fd_record_set (bens, "provider_id", other_provider, -1, NULL));

  /* ...while Anna drags it to another room and time. */
  values[0] = "2031-05-06 15:30:00+00";
  values[1] = other_room;
  fd_appointment_change_async (fixture->anna.locks, id, 2, columns, values, NULL,
                               fd_test_store_result_cb, &result);
  g_assert_cmpint (fd_appointment_change_finish (fd_test_wait_for_result (&result), &error), ==,
                   FD_SAVE_SAVED);
  g_assert_no_error (error);

  fd_record_save_async (bens, fixture->ben.connection, NULL, fd_test_store_result_cb, &result);
  g_assert_cmpint (fd_record_save_finish (bens, fd_test_wait_for_result (&result), NULL, &error),
                   ==, FD_SAVE_SAVED);
  g_assert_no_error (error);

  g_free (sql);
  sql = g_strdup_printf ("SELECT provider_id || '|' || operatory_id || '|' || "
                         "(starts_at = '2031-05-06 15:30:00+00') FROM frontdesk.appointments "
                         "WHERE id = %s", id);
  stored = fd_test_query_value (fixture->owner, sql);
  expected = g_strdup_printf ("%s|%s|true", other_provider, other_room);
  g_assert_cmpstr (stored, ==, expected);
}

static gboolean
viewers_changed_for (gpointer user_data)
{
  return *(gboolean *) user_data;
}

static void
viewers_changed_cb (FdLockManager *locks,
                    const char    *kind,
                    const char    *id,
                    gboolean      *changed)
{
  if (g_str_equal (kind, "clients") && g_str_equal (id, "10"))
    *changed = TRUE;
}

static void
test_also_viewing (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) viewers = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FdLockHolder) mine = acquire (&fixture->anna, "10");
  gboolean changed = FALSE;
  FdLockHolder *first;
  FdLockHolder *second;

  g_signal_connect (fixture->anna.locks, "viewers-changed", G_CALLBACK (viewers_changed_cb),
                    &changed);
  fd_lock_manager_enter_viewer (fixture->ben.locks, "clients", "10");
  fd_test_wait_until (viewers_changed_for, &changed, "news of another viewer");

  fd_lock_manager_list_viewers_async (fixture->anna.locks, "clients", "10", NULL,
                                      fd_test_store_result_cb, &result);
  viewers = fd_lock_manager_list_viewers_finish (fixture->anna.locks,
                                                 fd_test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (viewers->len, ==, 2);
  first = g_ptr_array_index (viewers, 0);
  second = g_ptr_array_index (viewers, 1);
  g_assert_true (first->is_mine && first->holds_lock);
  g_assert_cmpstr (second->name, ==, fixture->ben.login);
  g_assert_false (second->holds_lock);
}

/* Anna's connection drops; while it is gone Ben opens her record (free: her backend is gone).
 * When she is back, she hears of it at once, as of a live override, not first at her save. */
static void
test_lock_taken_while_away_is_told_on_resume (Fixture       *fixture,
                                              gconstpointer  data)
{
  g_autoptr(FdLockHolder) mine = acquire (&fixture->anna, "3");
  g_autoptr(FdLockHolder) bens = NULL;
  g_autoptr(FdConnection) killer = fd_test_open_connection (fixture->dbname);
  g_autofree char *anna_session = NULL;
  g_autofree char *anna_pid = NULL;
  g_autofree char *sql = NULL;
  FdLockLoss *loss;

  g_assert_null (mine);
  anna_session = g_strdup_printf ("%" G_GINT64_FORMAT, fd_session_get_id (fixture->anna.session));
  sql = g_strdup_printf ("SELECT backend_pid FROM frontdesk.sessions WHERE id = %s", anna_session);
  anna_pid = fd_test_query_value (fixture->owner, sql);

  /* Her session row is held, so her workstation cannot resume before Ben has the record. */
  fd_test_exec (fixture->owner, "BEGIN");
  g_free (sql);
  sql = g_strdup_printf ("SELECT 1 FROM frontdesk.sessions WHERE id = %s FOR NO KEY UPDATE",
                         anna_session);
  fd_test_exec (fixture->owner, sql);
  fd_test_end_backend (killer, anna_pid);

  bens = acquire (&fixture->ben, "3");
  g_assert_null (bens);
  g_assert_cmpuint (fixture->anna.losses->len, ==, 0);
  fd_test_exec (fixture->owner, "COMMIT");

  loss = wait_for_loss (&fixture->anna);
  g_assert_cmpstr (loss->kind, ==, "clients");
  g_assert_cmpstr (loss->id, ==, "3");
  g_assert_cmpint (loss->cause, ==, FD_LOCK_LOSS_OVERRIDDEN);
  g_assert_cmpstr (loss->by_name, ==, fixture->ben.login);
  g_assert_cmpstr (loss->by_workstation, ==, "Reception 2");
}

static void
resumed_cb (FdSession *session,
            gboolean   same,
            int       *resumed)
{
  *resumed = same ? 1 : 2;
}

static gboolean
int_set (gpointer user_data)
{
  return *(int *) user_data != 0;
}

static gboolean
database_ready (gpointer user_data)
{
  return fd_database_get_phase (user_data) != FD_DATABASE_PHASE_OPENING;
}

static void
test_server_restart_keeps_edits (void)
{
  g_autofree char *folder = fd_test_make_temp_dir ("restart-edit");
  g_autoptr(FdEmbeddedServer) server = fd_test_start_private_server (folder);
  g_autoptr(FdEmbeddedServer) restarted = NULL;
  g_autoptr(FdServerConfig) config = fd_server_config_new ();
  g_autoptr(FdDatabase) database = NULL;
  g_autoptr(FdRecord) record = NULL;
  g_autoptr(FdLockHolder) holder = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = NULL;
  FdLockManager *locks;
  int resumed = 0;

  config->data_folder = g_strdup (folder);
  database = fd_database_new (config);
  fd_database_open_async (database, NULL, NULL, NULL);
  fd_test_wait_until (database_ready, database, "the database");
  g_assert_cmpint (fd_database_get_phase (database), ==, FD_DATABASE_PHASE_READY);
  fd_test_exec (fd_database_get_connection (database), "SELECT frontdesk.sample_data(5, 1)");
  g_signal_connect (fd_database_get_session (database), "resumed", G_CALLBACK (resumed_cb),
                    &resumed);

  locks = fd_database_get_lock_manager (database);
  fd_lock_manager_acquire_async (locks, "clients", "1", NULL, fd_test_store_result_cb, &result);
  g_assert_true (fd_lock_manager_acquire_finish (locks, fd_test_wait_for_result (&result),
                                                 &holder, &error));
  g_assert_null (holder);
  record = fd_record_new ("clients", "1");
  fd_record_load_async (record, fd_database_get_connection (database), NULL,
                        fd_test_store_result_cb, &result);
  g_assert_true (fd_record_load_finish (record, fd_test_wait_for_result (&result), &error));
  g_assert_true (fd_record_set (record, "city", "Typed during the outage", -1, NULL));

  /* The server goes away and comes back; the edit waits in the record meanwhile. */
  fd_embedded_server_stop (server);
  restarted = fd_test_start_private_server (folder);
  fd_test_wait_until (int_set, &resumed, "the session to resume");
  g_assert_cmpint (resumed, ==, 1);
  g_assert_true (fd_record_is_dirty (record));

  fd_record_save_async (record, fd_database_get_connection (database), NULL,
                        fd_test_store_result_cb, &result);
  g_assert_cmpint (fd_record_save_finish (record, fd_test_wait_for_result (&result), NULL,
                                          &error), ==, FD_SAVE_SAVED);
  g_assert_no_error (error);
  stored = fd_test_query_value (fd_database_get_connection (database),
                                "SELECT city FROM frontdesk.clients WHERE id = 1");
  g_assert_cmpstr (stored, ==, "Typed during the outage");

  fd_database_close (database);
  fd_embedded_server_stop (restarted);
  fd_test_remove_tree (folder);
}

int
main (int   argc,
      char *argv[])
{
  fd_test_init (&argc, &argv);

  g_test_add ("/frontdesk/locks/acquire-names-the-holder", Fixture, NULL,
              fixture_setup, test_acquire_names_the_holder, fixture_teardown);
  g_test_add ("/frontdesk/locks/override-tells-the-holder-at-once", Fixture, NULL,
              fixture_setup, test_override_tells_the_holder_at_once, fixture_teardown);
  g_test_add ("/frontdesk/locks/take-back-on-save", Fixture, NULL,
              fixture_setup, test_take_back_on_save, fixture_teardown);
  g_test_add ("/frontdesk/locks/take-back-after-their-save-conflicts", Fixture, NULL,
              fixture_setup, test_take_back_after_their_save_conflicts, fixture_teardown);
  g_test_add ("/frontdesk/locks/admin-break-refuses-the-save", Fixture, NULL,
              fixture_setup, test_admin_break_refuses_the_save, fixture_teardown);
  g_test_add ("/frontdesk/locks/expired-lock", Fixture, NULL,
              fixture_setup, test_expired_lock, fixture_teardown);
  g_test_add ("/frontdesk/locks/expiry-timer-tells-the-holder", Fixture, NULL,
              fixture_setup, test_expiry_timer_tells_the_holder, fixture_teardown);
  g_test_add ("/frontdesk/locks/killed-client-frees-its-locks", Fixture, NULL,
              fixture_setup, test_killed_client_frees_its_locks, fixture_teardown);
  g_test_add ("/frontdesk/locks/other-writers-refused", Fixture, NULL,
              fixture_setup, test_other_writers_refused, fixture_teardown);
  g_test_add ("/frontdesk/locks/also-viewing", Fixture, NULL,
              fixture_setup, test_also_viewing, fixture_teardown);
  g_test_add ("/frontdesk/locks/take-back-only-from-the-overrider", Fixture, NULL,
              fixture_setup, test_take_back_only_from_the_overrider, fixture_teardown);
  g_test_add ("/frontdesk/locks/conflict-takes-nothing-back", Fixture, NULL,
              fixture_setup, test_conflict_takes_nothing_back, fixture_teardown);
  g_test_add ("/frontdesk/locks/broken-lock-refuses-raw-writes", Fixture, NULL,
              fixture_setup, test_broken_lock_refuses_raw_writes, fixture_teardown);
  g_test_add ("/frontdesk/locks/move-keeps-provider-change", Fixture, NULL,
              fixture_setup, test_move_keeps_provider_change, fixture_teardown);
  g_test_add ("/frontdesk/locks/lock-taken-while-away-is-told-on-resume", Fixture, NULL,
              fixture_setup, test_lock_taken_while_away_is_told_on_resume, fixture_teardown);
  g_test_add_func ("/frontdesk/locks/server-restart-keeps-edits",
                   test_server_restart_keeps_edits);

  return fd_test_run ();
}
