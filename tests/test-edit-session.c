/* test-edit-session.c: FdEditSession without GTK, with two and three workstations on the
 * test server: every state from closed through loading, held elsewhere, editing, saving,
 * displaced, lock lost and maintenance, following another desk's save, and a reconnect.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "fd-database.h"
#include "fd-db-error.h"
#include "fd-edit-session.h"
#include "fd-signals.h"
#include "fd-test-server.h"

typedef struct
{
  char          *login;
  FdDatabase    *database;
  FdEditSession *session;
  GArray        *states;       /* FdEditState, every one notified */
  GPtrArray     *losses;       /* FdLockLoss */
  GStrv          reloaded;     /* the columns of the last reload */
  guint          conflicts_told; /* ::field-conflict emissions */
  GError        *open_error;
  guint          opened;
  GPtrArray     *requests;     /* FdReleaseRequest: asked of this desk */
  GPtrArray     *withdrawn;    /* FdReleaseRequest: no longer waiting */
  GPtrArray     *answers;      /* FdReleaseRequest: answers to this desk's requests */
  GError        *ask_error;
  guint          expiring;
} Desk;

typedef struct
{
  char         *dbname;
  FdConnection *owner;
  char         *client_id;
  Desk          anna;
  Desk          ben;
  Desk          admin;
} Fixture;

static gboolean
database_ready (gpointer user_data)
{
  return fd_database_get_phase (user_data) == FD_DATABASE_PHASE_READY;
}

static void
state_cb (FdEditSession *session,
          GParamSpec    *pspec,
          Desk          *desk)
{
  FdEditState state = fd_edit_session_get_state (session);

  g_array_append_val (desk->states, state);
}

static void
lock_lost_cb (FdEditSession *session,
              FdLockLoss    *loss,
              Desk          *desk)
{
  g_ptr_array_add (desk->losses, fd_lock_loss_copy (loss));
}

static void
reloaded_cb (FdEditSession *session,
             GStrv          columns,
             Desk          *desk)
{
  g_strfreev (desk->reloaded);
  desk->reloaded = g_strdupv (columns);
}

static void
field_conflict_cb (FdEditSession *session,
                   const char    *column,
                   Desk          *desk)
{
  desk->conflicts_told++;
}

static void
opened_cb (FdEditSession *session,
           Desk          *desk)
{
  desk->opened++;
}

static void
open_failed_cb (FdEditSession *session,
                const GError  *error,
                Desk          *desk)
{
  g_clear_error (&desk->open_error);
  desk->open_error = g_error_copy (error);
}

static void
request_cb (FdEditSession    *session,
            FdReleaseRequest *request,
            GPtrArray        *into)
{
  g_ptr_array_add (into, fd_release_request_copy (request));
}

static void
ask_failed_cb (FdEditSession *session,
               const GError  *error,
               Desk          *desk)
{
  g_clear_error (&desk->ask_error);
  desk->ask_error = g_error_copy (error);
}

static void
expiring_cb (FdEditSession *session,
             Desk          *desk)
{
  desk->expiring++;
}

static void
desk_open (Desk       *desk,
           const char *dbname,
           const char *workstation,
           gboolean    admin,
           const char *table)
{
  g_autoptr(FdServerConfig) config = fd_server_config_new ();

  desk->login = fd_test_create_staff (admin);
  g_free (config->host);
  config->host = g_strdup (fd_test_server_socket_dir ());
  g_free (config->user);
  config->user = g_strdup (desk->login);
  config->password = fd_test_staff_password (desk->login);
  g_free (config->database);
  config->database = g_strdup (dbname);
  g_free (config->workstation);
  config->workstation = g_strdup (workstation);

  desk->database = fd_database_new (config);
  fd_database_open_async (desk->database, NULL, NULL, NULL);
  fd_test_wait_until (database_ready, desk->database, "a workstation's database");

  desk->session = fd_edit_session_new (desk->database, table);
  desk->states = g_array_new (FALSE, FALSE, sizeof (FdEditState));
  desk->losses = g_ptr_array_new_with_free_func ((GDestroyNotify) fd_lock_loss_free);
  g_signal_connect (desk->session, "notify::state", G_CALLBACK (state_cb), desk);
  g_signal_connect (desk->session, "lock-lost", G_CALLBACK (lock_lost_cb), desk);
  g_signal_connect (desk->session, "reloaded", G_CALLBACK (reloaded_cb), desk);
  g_signal_connect (desk->session, "opened", G_CALLBACK (opened_cb), desk);
  g_signal_connect (desk->session, "field-conflict", G_CALLBACK (field_conflict_cb), desk);
  g_signal_connect (desk->session, "open-failed", G_CALLBACK (open_failed_cb), desk);
  desk->requests = g_ptr_array_new_with_free_func ((GDestroyNotify) fd_release_request_free);
  desk->withdrawn = g_ptr_array_new_with_free_func ((GDestroyNotify) fd_release_request_free);
  desk->answers = g_ptr_array_new_with_free_func ((GDestroyNotify) fd_release_request_free);
  g_signal_connect (desk->session, "release-requested", G_CALLBACK (request_cb),
                    desk->requests);
  g_signal_connect (desk->session, "release-withdrawn", G_CALLBACK (request_cb),
                    desk->withdrawn);
  g_signal_connect (desk->session, "release-answered", G_CALLBACK (request_cb), desk->answers);
  g_signal_connect (desk->session, "ask-failed", G_CALLBACK (ask_failed_cb), desk);
  g_signal_connect (desk->session, "expiring", G_CALLBACK (expiring_cb), desk);
}

static void
desk_close (Desk *desk)
{
  if (desk->session == NULL)
    return;
  g_assert_finalize_object (g_steal_pointer (&desk->session));
  fd_database_close (desk->database);
  g_clear_object (&desk->database);
  g_array_unref (desk->states);
  g_ptr_array_unref (desk->losses);
  g_strfreev (desk->reloaded);
  g_clear_error (&desk->open_error);
  g_clear_error (&desk->ask_error);
  g_ptr_array_unref (desk->requests);
  g_ptr_array_unref (desk->withdrawn);
  g_ptr_array_unref (desk->answers);
  g_free (desk->login);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  const char *table = data != NULL ? data : "clients";

  fixture->dbname = fd_test_create_database (TRUE);
  fixture->owner = fd_test_open_connection (fixture->dbname);
  fd_test_exec (fixture->owner, "SELECT frontdesk.sample_data(20, 1)");
  fixture->client_id = fd_test_query_value (
    fixture->owner, g_str_equal (table, "clients")
                    ? "SELECT min(id) FROM frontdesk.clients"
                    : "SELECT min(id) FROM frontdesk.appointments");
  desk_open (&fixture->anna, fixture->dbname, "Reception 1", FALSE, table);
  desk_open (&fixture->ben, fixture->dbname, "Reception 2", FALSE, table);
  desk_open (&fixture->admin, fixture->dbname, "Office", TRUE, table);
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
  g_free (fixture->client_id);
}

/* Waiting -------------------------------------------------------------------------------- */

typedef struct
{
  Desk        *desk;
  FdEditState  state;
} StateWait;

static gboolean
in_state (gpointer user_data)
{
  StateWait *wait = user_data;

  return fd_edit_session_get_state (wait->desk->session) == wait->state;
}

static void
wait_for_state (Desk        *desk,
                FdEditState  state)
{
  StateWait wait = { desk, state };
  g_autoptr(GEnumClass) states = g_type_class_ref (FD_TYPE_EDIT_STATE);
  g_autofree char *what = g_strdup_printf ("%s's session %s", desk->login,
                                           g_enum_get_value (states, state)->value_nick);

  fd_test_wait_until (in_state, &wait, what);
}

static gboolean
has_loss (gpointer user_data)
{
  return ((Desk *) user_data)->losses->len > 0;
}

static gboolean
has_reloaded (gpointer user_data)
{
  return ((Desk *) user_data)->reloaded != NULL;
}

static gboolean
has_conflict_told (gpointer user_data)
{
  return ((Desk *) user_data)->conflicts_told > 0;
}

static gboolean
has_two_conflicts (gpointer user_data)
{
  return fd_edit_session_get_n_conflicts (((Desk *) user_data)->session) == 2;
}

static gboolean
open_has_failed (gpointer user_data)
{
  return ((Desk *) user_data)->open_error != NULL;
}

/* Opens the fixture's record at @desk, editing. */
static void
open_for_editing (Fixture *fixture,
                  Desk    *desk)
{
  fd_edit_session_open (desk->session, fixture->client_id);
  g_assert_cmpint (fd_edit_session_get_state (desk->session), ==, FD_EDIT_STATE_LOADING);
  wait_for_state (desk, FD_EDIT_STATE_EDITING);
  g_assert_true (fd_record_is_loaded (fd_edit_session_get_record (desk->session)));
  g_assert_false (fd_edit_session_get_read_only (desk->session));
}

static FdSaveOutcome
save (Desk       *desk,
      GPtrArray **conflicts,
      GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) done = NULL;

  fd_edit_session_save_async (desk->session, NULL, fd_test_store_result_cb, &result);
  done = fd_test_wait_for_result (&result);
  return fd_edit_session_save_finish (desk->session, done, conflicts, NULL, error);
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

static char *
stored (Fixture    *fixture,
        const char *column)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM frontdesk.clients WHERE id = %s",
                                          column, fixture->client_id);

  return fd_test_query_value (fixture->owner, sql);
}

static gboolean
seen_state (Desk        *desk,
            FdEditState  state)
{
  for (guint i = 0; i < desk->states->len; i++)
    {
      if (g_array_index (desk->states, FdEditState, i) == state)
        return TRUE;
    }
  return FALSE;
}

static gboolean
lock_is_free (gpointer user_data)
{
  Fixture *fixture = user_data;
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM frontdesk.record_locks "
                                          "WHERE record_kind = 'clients' AND record_id = '%s'",
                                          fixture->client_id);
  g_autofree char *count = fd_test_query_value (fixture->owner, sql);

  return g_str_equal (count, "0");
}

/* Tests ---------------------------------------------------------------------------------- */

/* closed → loading → editing → saving → editing; only the typed column is written. */
static void
test_open_edit_save (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *city = NULL;

  g_assert_cmpint (fd_edit_session_get_state (fixture->anna.session), ==, FD_EDIT_STATE_CLOSED);
  open_for_editing (fixture, &fixture->anna);
  g_assert_cmpuint (fixture->anna.opened, ==, 1);
  g_assert_false (fd_edit_session_get_dirty (fixture->anna.session));

  type (&fixture->anna, "city", "Lindau");
  g_assert_true (fd_edit_session_get_dirty (fixture->anna.session));
  g_assert_cmpint (save (&fixture->anna, NULL, &error), ==, FD_SAVE_SAVED);
  g_assert_no_error (error);
  g_assert_true (seen_state (&fixture->anna, FD_EDIT_STATE_SAVING));
  g_assert_cmpint (fd_edit_session_get_state (fixture->anna.session), ==, FD_EDIT_STATE_EDITING);
  g_assert_false (fd_edit_session_get_dirty (fixture->anna.session));
  city = stored (fixture, "city");
  g_assert_cmpstr (city, ==, "Lindau");

  fd_edit_session_close (fixture->anna.session);
  g_assert_cmpint (fd_edit_session_get_state (fixture->anna.session), ==, FD_EDIT_STATE_CLOSED);
  g_assert_null (fd_edit_session_get_record (fixture->anna.session));
  /* Let go: Ben takes it without a question. */
  fd_test_wait_until (lock_is_free, fixture, "Anna's lock released");
  open_for_editing (fixture, &fixture->ben);
}

/* Held elsewhere: the person declines (Anna keeps it), then overrides; Anna is displaced
 * and her save takes it back, which displaces Ben in turn. */
static void
test_held_elsewhere_override_and_take_back (Fixture       *fixture,
                                            gconstpointer  data)
{
  const FdLockHolder *holder;
  g_autoptr(GError) error = NULL;
  FdLockLoss *loss;

  open_for_editing (fixture, &fixture->anna);

  fd_edit_session_open (fixture->ben.session, fixture->client_id);
  wait_for_state (&fixture->ben, FD_EDIT_STATE_HELD_ELSEWHERE);
  holder = fd_edit_session_get_holder (fixture->ben.session);
  g_assert_nonnull (holder);
  g_assert_cmpstr (holder->name, ==, fixture->anna.login);
  g_assert_cmpstr (holder->workstation, ==, "Reception 1");
  g_assert_null (fd_edit_session_get_record (fixture->ben.session));
  fd_edit_session_decline (fixture->ben.session);
  g_assert_cmpint (fd_edit_session_get_state (fixture->ben.session), ==, FD_EDIT_STATE_CLOSED);

  fd_edit_session_open (fixture->ben.session, fixture->client_id);
  wait_for_state (&fixture->ben, FD_EDIT_STATE_HELD_ELSEWHERE);
  fd_edit_session_override (fixture->ben.session);
  g_assert_cmpint (fd_edit_session_get_state (fixture->ben.session), ==, FD_EDIT_STATE_LOADING);
  wait_for_state (&fixture->ben, FD_EDIT_STATE_EDITING);

  fd_test_wait_until (has_loss, &fixture->anna, "Anna hearing of the override");
  loss = g_ptr_array_index (fixture->anna.losses, 0);
  g_assert_cmpint (loss->cause, ==, FD_LOCK_LOSS_OVERRIDDEN);
  g_assert_cmpstr (loss->by_name, ==, fixture->ben.login);
  g_assert_cmpint (fd_edit_session_get_state (fixture->anna.session), ==,
                   FD_EDIT_STATE_DISPLACED);
  g_assert_false (fd_edit_session_get_read_only (fixture->anna.session));

  type (&fixture->anna, "region", "Swabia");
  g_assert_cmpint (save (&fixture->anna, NULL, &error), ==, FD_SAVE_SAVED);
  g_assert_no_error (error);
  g_assert_cmpint (fd_edit_session_get_state (fixture->anna.session), ==, FD_EDIT_STATE_EDITING);
  fd_test_wait_until (has_loss, &fixture->ben, "Ben hearing Anna took it back");
  g_assert_cmpint (fd_edit_session_get_state (fixture->ben.session), ==,
                   FD_EDIT_STATE_DISPLACED);
}

/* An administrator breaks the lock: lock lost, read-only, and a save is refused at once. */
static void
test_broken_lock_is_read_only (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  FdLockManager *admin_locks = fd_database_get_lock_manager (fixture->admin.database);
  FdLockLoss *loss;

  open_for_editing (fixture, &fixture->anna);
  type (&fixture->anna, "city", "Typed before the break");

  fd_lock_manager_break_async (admin_locks, "clients", fixture->client_id, NULL,
                               fd_test_store_result_cb, &result);
  fd_lock_manager_break_finish (admin_locks, fd_test_wait_for_result (&result), &error);
  g_assert_no_error (error);

  fd_test_wait_until (has_loss, &fixture->anna, "Anna hearing of the break");
  loss = g_ptr_array_index (fixture->anna.losses, 0);
  g_assert_cmpint (loss->cause, ==, FD_LOCK_LOSS_BROKEN);
  g_assert_cmpint (fd_edit_session_get_state (fixture->anna.session), ==,
                   FD_EDIT_STATE_LOCK_LOST);
  g_assert_true (fd_edit_session_get_read_only (fixture->anna.session));
  /* The typed value is still there to be copied out. */
  g_assert_cmpstr (fd_record_get (fd_edit_session_get_record (fixture->anna.session), "city"), ==,
                   "Typed before the break");

  g_assert_cmpint (save (&fixture->anna, NULL, &error), ==, FD_SAVE_FAILED);
  g_assert_error (error, FD_EDIT_SESSION_ERROR, FD_EDIT_SESSION_ERROR_NOT_EDITABLE);
}

/* The practice's edit time ran out before the save: the server refuses it as revoked, and
 * the session is lock lost — read-only, the typed value still there. */
static void
test_expired_lock_at_save_is_lock_lost (Fixture       *fixture,
                                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *expire = NULL;
  g_autofree char *city = NULL;

  fd_test_exec (fixture->owner, "UPDATE frontdesk.practice SET edit_time_limit = '1 minute'");
  open_for_editing (fixture, &fixture->anna);
  expire = g_strdup_printf ("UPDATE frontdesk.record_locks SET expires_at = now() - "
                            "interval '1 second' WHERE record_kind = 'clients' "
                            "AND record_id = '%s'", fixture->client_id);
  fd_test_exec (fixture->owner, expire);
  type (&fixture->anna, "city", "Typed too late");

  g_assert_cmpint (save (&fixture->anna, NULL, &error), ==, FD_SAVE_REFUSED);
  g_assert_error (error, FD_DB_ERROR, FD_DB_ERROR_LOCK_REVOKED);
  g_assert_cmpint (fd_edit_session_get_state (fixture->anna.session), ==,
                   FD_EDIT_STATE_LOCK_LOST);
  g_assert_true (fd_edit_session_get_read_only (fixture->anna.session));
  g_assert_cmpstr (fd_record_get (fd_edit_session_get_record (fixture->anna.session), "city"), ==,
                   "Typed too late");
  city = stored (fixture, "city");
  g_assert_cmpstr (city, !=, "Typed too late");
}

/* Maintenance covers editing and displaced while it lasts, and only for staff. */
static void
test_maintenance_is_read_only_while_it_lasts (Fixture       *fixture,
                                              gconstpointer  data)
{
  FdMaintenance *maintenance = fd_database_get_maintenance (fixture->admin.database);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  open_for_editing (fixture, &fixture->anna);
  type (&fixture->anna, "city", "Kept through maintenance");

  fd_maintenance_switch_async (maintenance, TRUE, "Year-end close", NULL,
                               fd_test_store_result_cb, &result);
  fd_maintenance_switch_finish (maintenance, fd_test_wait_for_result (&result), NULL, &error);
  g_assert_no_error (error);
  wait_for_state (&fixture->anna, FD_EDIT_STATE_MAINTENANCE);
  g_assert_true (fd_edit_session_get_read_only (fixture->anna.session));
  g_assert_cmpint (save (&fixture->anna, NULL, &error), ==, FD_SAVE_FAILED);
  g_assert_error (error, FD_EDIT_SESSION_ERROR, FD_EDIT_SESSION_ERROR_NOT_EDITABLE);
  g_clear_error (&error);

  fd_maintenance_switch_async (maintenance, FALSE, NULL, NULL, fd_test_store_result_cb,
                               &result);
  fd_maintenance_switch_finish (maintenance, fd_test_wait_for_result (&result), NULL, &error);
  g_assert_no_error (error);
  wait_for_state (&fixture->anna, FD_EDIT_STATE_EDITING);
  g_assert_true (fd_edit_session_get_dirty (fixture->anna.session));
  g_assert_cmpint (save (&fixture->anna, NULL, &error), ==, FD_SAVE_SAVED);
  g_assert_no_error (error);
}

/* Ben has it open without edits when Anna saves it: his session reads it again and names
 * the column; with an edit of his own it does not, and his save meets the conflict. */
static void
test_follows_another_desks_save (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  FdConflict *conflict;

  open_for_editing (fixture, &fixture->anna);
  /* Ben reads it as a viewer would, with the lock Anna holds taken over and given back. */
  fd_edit_session_open (fixture->ben.session, fixture->client_id);
  wait_for_state (&fixture->ben, FD_EDIT_STATE_HELD_ELSEWHERE);
  fd_edit_session_override (fixture->ben.session);
  wait_for_state (&fixture->ben, FD_EDIT_STATE_EDITING);
  fd_test_wait_until (has_loss, &fixture->anna, "Anna displaced");

  type (&fixture->anna, "city", "Saved at Anna's desk");
  g_assert_cmpint (save (&fixture->anna, NULL, &error), ==, FD_SAVE_SAVED);
  g_assert_no_error (error);
  fd_signals_poll (fd_database_get_signals (fixture->ben.database));
  fd_test_wait_until (has_reloaded, &fixture->ben, "Ben's session following Anna's save");
  g_assert_true (g_strv_contains ((const char * const *) fixture->ben.reloaded, "city"));
  g_assert_cmpstr (fd_record_get (fd_edit_session_get_record (fixture->ben.session), "city"), ==,
                   "Saved at Anna's desk");
  g_assert_false (fd_edit_session_get_dirty (fixture->ben.session));

  /* Now Ben has typed: Anna's next save leaves his typing as it is, marked as a conflict,
   * and a save that does not settle it meets the merge at save. */
  g_clear_pointer (&fixture->ben.reloaded, g_strfreev);
  type (&fixture->ben, "city", "Typed at Ben's desk");
  type (&fixture->anna, "city", "Saved again at Anna's");
  g_assert_cmpint (save (&fixture->anna, NULL, &error), ==, FD_SAVE_SAVED);
  g_assert_no_error (error);
  fd_signals_poll (fd_database_get_signals (fixture->ben.database));
  fd_test_wait_until (has_conflict_told, &fixture->ben, "Ben told of Anna's city");
  g_assert_null (fixture->ben.reloaded);
  g_assert_cmpstr (fd_record_get (fd_edit_session_get_record (fixture->ben.session), "city"), ==,
                   "Typed at Ben's desk");
  g_assert_cmpint (save (&fixture->ben, &conflicts, &error), ==, FD_SAVE_CONFLICT);
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts->len, ==, 1);
  conflict = g_ptr_array_index (conflicts, 0);
  g_assert_cmpstr (conflict->theirs, ==, "Saved again at Anna's");
  g_assert_cmpstr (conflict->mine, ==, "Typed at Ben's desk");
}

/* @desk takes the record over from whoever holds it (its second open of the prompt). */
static void
take_over (Fixture *fixture,
           Desk    *desk)
{
  fd_edit_session_open (desk->session, fixture->client_id);
  wait_for_state (desk, FD_EDIT_STATE_HELD_ELSEWHERE);
  fd_edit_session_override (desk->session);
  wait_for_state (desk, FD_EDIT_STATE_EDITING);
}

static const char *
name_of (Desk *desk)
{
  return fd_session_get_display_name (fd_database_get_session (desk->database));
}

/* Ben has city typed when Anna saves city and phone, then the office saves city and the
 * address: the phone and the address follow in place, each with who saved it; the city
 * stays as Ben typed it, a conflict naming Anna, then the office. Keep Mine saves his city
 * over theirs without a conflict; Use Theirs takes Anna's postal code and sends nothing. */
static void
test_live_fields_with_three_desks (Fixture       *fixture,
                                   gconstpointer  data)
{
  FdEditSession *ben = NULL;
  const FdFieldChange *change;
  FdSaveOutcome outcome;
  g_autoptr(GError) error = NULL;
  g_autofree char *city = NULL;
  g_autofree char *phone = NULL;
  g_autofree char *address = NULL;
  g_autofree char *postal_code = NULL;

  open_for_editing (fixture, &fixture->ben);
  ben = fixture->ben.session;
  type (&fixture->ben, "city", "Ben's city");

  take_over (fixture, &fixture->anna);
  type (&fixture->anna, "city", "Anna's city");
  type (&fixture->anna, "phone_home", "555 0101");
  g_assert_cmpint (save (&fixture->anna, NULL, &error), ==, FD_SAVE_SAVED);
  g_assert_no_error (error);
  fd_test_wait_until (has_reloaded, &fixture->ben, "Ben following Anna's phone");
  g_assert_true (g_strv_contains ((const char * const *) fixture->ben.reloaded, "phone_home"));
  g_assert_false (g_strv_contains ((const char * const *) fixture->ben.reloaded, "city"));
  g_assert_cmpstr (fd_record_get (fd_edit_session_get_record (ben), "phone_home"), ==,
                   "555 0101");
  g_assert_false (fd_record_is_changed (fd_edit_session_get_record (ben), "phone_home"));
  change = fd_edit_session_get_change (ben, "phone_home");
  g_assert_nonnull (change);
  g_assert_cmpstr (change->name, ==, name_of (&fixture->anna));
  g_assert_cmpstr (change->workstation, ==, "Reception 1");
  g_assert_nonnull (change->when);

  fd_test_wait_until (has_conflict_told, &fixture->ben, "Ben told of Anna's city");
  g_assert_cmpstr (fd_record_get (fd_edit_session_get_record (ben), "city"), ==, "Ben's city");
  g_assert_cmpuint (fd_edit_session_get_n_conflicts (ben), ==, 1);
  change = fd_edit_session_get_conflict (ben, "city");
  g_assert_cmpstr (change->value, ==, "Anna's city");
  g_assert_cmpstr (change->name, ==, name_of (&fixture->anna));
  g_assert_null (fd_edit_session_get_change (ben, "city"));

  /* The third desk saves the city again, and the address. */
  g_clear_pointer (&fixture->ben.reloaded, g_strfreev);
  fixture->ben.conflicts_told = 0;
  take_over (fixture, &fixture->admin);
  type (&fixture->admin, "city", "The office's city");
  type (&fixture->admin, "address_line1", "1 Office Road");
  g_assert_cmpint (save (&fixture->admin, NULL, &error), ==, FD_SAVE_SAVED);
  g_assert_no_error (error);
  fd_test_wait_until (has_reloaded, &fixture->ben, "Ben following the office's address");
  fd_test_wait_until (has_conflict_told, &fixture->ben, "Ben told of the office's city");
  g_assert_cmpstr (fd_record_get (fd_edit_session_get_record (ben), "address_line1"), ==,
                   "1 Office Road");
  g_assert_cmpstr (fd_edit_session_get_change (ben, "address_line1")->workstation, ==, "Office");
  g_assert_cmpstr (fd_edit_session_get_change (ben, "phone_home")->workstation, ==,
                   "Reception 1");
  change = fd_edit_session_get_conflict (ben, "city");
  g_assert_cmpstr (change->value, ==, "The office's city");
  g_assert_cmpstr (change->name, ==, name_of (&fixture->admin));
  g_assert_cmpstr (fd_record_get (fd_edit_session_get_record (ben), "city"), ==, "Ben's city");

  /* Keep Mine: the save goes through, over the office's city, knowingly (the office has
   * left the record; the lock is Ben's to take back). */
  fd_edit_session_close (fixture->admin.session);
  fd_test_wait_until (lock_is_free, fixture, "the office's lock given back");
  fixture->ben.conflicts_told = 0;
  fd_edit_session_keep_mine (ben, "city");
  g_assert_cmpuint (fixture->ben.conflicts_told, ==, 1);
  g_assert_null (fd_edit_session_get_conflict (ben, "city"));
  g_assert_true (fd_record_is_changed (fd_edit_session_get_record (ben), "city"));
  outcome = save (&fixture->ben, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (outcome, ==, FD_SAVE_SAVED);
  g_assert_false (fd_edit_session_get_dirty (ben));
  city = stored (fixture, "city");
  phone = stored (fixture, "phone_home");
  address = stored (fixture, "address_line1");
  g_assert_cmpstr (city, ==, "Ben's city");
  g_assert_cmpstr (phone, ==, "555 0101");
  g_assert_cmpstr (address, ==, "1 Office Road");

  /* Use Theirs: Anna's postal code, and Ben's own is no longer an edit. */
  type (&fixture->ben, "postal_code", "11111");
  take_over (fixture, &fixture->anna);
  fixture->ben.conflicts_told = 0;
  type (&fixture->anna, "postal_code", "22222");
  g_assert_cmpint (save (&fixture->anna, NULL, &error), ==, FD_SAVE_SAVED);
  g_assert_no_error (error);
  fd_test_wait_until (has_conflict_told, &fixture->ben, "Ben told of Anna's postal code");
  g_assert_cmpstr (fd_edit_session_get_conflict (ben, "postal_code")->value, ==, "22222");
  fd_edit_session_use_theirs (ben, "postal_code");
  g_assert_null (fd_edit_session_get_conflict (ben, "postal_code"));
  g_assert_cmpstr (fd_record_get (fd_edit_session_get_record (ben), "postal_code"), ==, "22222");
  g_assert_false (fd_edit_session_get_dirty (ben));
  g_assert_cmpstr (fd_edit_session_get_change (ben, "postal_code")->name, ==,
                   name_of (&fixture->anna));
  postal_code = stored (fixture, "postal_code");
  g_assert_cmpstr (postal_code, ==, "22222");
}

/* Typing their very value settles the conflict; Revert shows what they saved. */
static void
test_typing_their_value_settles (Fixture       *fixture,
                                 gconstpointer  data)
{
  FdEditSession *ben;
  g_autoptr(GError) error = NULL;

  open_for_editing (fixture, &fixture->ben);
  ben = fixture->ben.session;
  type (&fixture->ben, "city", "Mine");
  type (&fixture->ben, "region", "My region");
  take_over (fixture, &fixture->anna);
  type (&fixture->anna, "city", "Theirs");
  type (&fixture->anna, "region", "Their region");
  g_assert_cmpint (save (&fixture->anna, NULL, &error), ==, FD_SAVE_SAVED);
  g_assert_no_error (error);
  fd_test_wait_until (has_conflict_told, &fixture->ben, "Ben told of Anna's save");
  fd_test_wait_until (has_two_conflicts, &fixture->ben, "Ben's two conflicts");

  type (&fixture->ben, "city", "Theirs");
  g_assert_null (fd_edit_session_get_conflict (ben, "city"));
  g_assert_false (fd_record_is_changed (fd_edit_session_get_record (ben), "city"));
  g_assert_nonnull (fd_edit_session_get_conflict (ben, "region"));

  fd_edit_session_revert (ben);
  g_assert_cmpuint (fd_edit_session_get_n_conflicts (ben), ==, 0);
  g_assert_cmpstr (fd_record_get (fd_edit_session_get_record (ben), "region"), ==,
                   "Their region");
  g_assert_false (fd_edit_session_get_dirty (ben));
}

/* An appointment someone else saves follows too: the book's signals name days. */
static void
test_appointment_follows (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  open_for_editing (fixture, &fixture->ben);
  take_over (fixture, &fixture->anna);
  type (&fixture->anna, "note", "Bring the X-rays");
  g_assert_cmpint (save (&fixture->anna, NULL, &error), ==, FD_SAVE_SAVED);
  g_assert_no_error (error);
  fd_test_wait_until (has_reloaded, &fixture->ben, "Ben following Anna's note");
  g_assert_cmpstr (fd_record_get (fd_edit_session_get_record (fixture->ben.session), "note"), ==,
                   "Bring the X-rays");
  g_assert_cmpstr (fd_edit_session_get_change (fixture->ben.session, "note")->name, ==,
                   name_of (&fixture->anna));
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

/* Anna's connection drops while she edits; she comes back still editing and saves. Taken
 * while she was away, she is displaced as soon as she is back. */
static void
test_reconnect_keeps_or_tells (Fixture       *fixture,
                               gconstpointer  data)
{
  FdConnection *connection = fd_database_get_connection (fixture->anna.database);
  g_autoptr(FdConnection) killer = fd_test_open_connection (fixture->dbname);
  g_autofree char *pid = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *anna_session = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *city = NULL;
  int resumed = 0;

  open_for_editing (fixture, &fixture->anna);
  type (&fixture->anna, "city", "Typed before the outage");
  pid = g_strdup_printf ("%d", fd_connection_get_backend_pid (connection));
  g_signal_connect (fd_database_get_session (fixture->anna.database), "resumed",
                    G_CALLBACK (resumed_cb), &resumed);
  fd_test_end_backend (killer, pid);
  /* The first save meets the dropped connection: not saved, nothing lost, still editing. */
  g_assert_cmpint (save (&fixture->anna, NULL, &error), ==, FD_SAVE_FAILED);
  g_assert_true (fd_db_error_is_connection (error));
  g_clear_error (&error);
  g_assert_cmpint (fd_edit_session_get_state (fixture->anna.session), ==, FD_EDIT_STATE_EDITING);
  g_assert_true (fd_edit_session_get_dirty (fixture->anna.session));
  fd_test_wait_until (int_set, &resumed, "Anna's session resumed");
  g_assert_cmpint (resumed, ==, 1);
  g_assert_cmpint (save (&fixture->anna, NULL, &error), ==, FD_SAVE_SAVED);
  g_assert_no_error (error);
  g_assert_cmpint (fd_edit_session_get_state (fixture->anna.session), ==, FD_EDIT_STATE_EDITING);
  city = stored (fixture, "city");
  g_assert_cmpstr (city, ==, "Typed before the outage");

  /* Away again, and Ben opens it meanwhile (her row is held so she cannot resume first). */
  anna_session = g_strdup_printf ("%" G_GINT64_FORMAT,
                                  fd_session_get_id (fd_database_get_session (
                                    fixture->anna.database)));
  g_free (pid);
  sql = g_strdup_printf ("SELECT backend_pid FROM frontdesk.sessions WHERE id = %s", anna_session);
  pid = fd_test_query_value (fixture->owner, sql);
  fd_test_exec (fixture->owner, "BEGIN");
  g_free (sql);
  sql = g_strdup_printf ("SELECT 1 FROM frontdesk.sessions WHERE id = %s FOR NO KEY UPDATE",
                         anna_session);
  fd_test_exec (fixture->owner, sql);
  fd_test_end_backend (killer, pid);
  open_for_editing (fixture, &fixture->ben);
  fd_test_exec (fixture->owner, "COMMIT");

  fd_test_wait_until (has_loss, &fixture->anna, "Anna told on her return");
  g_assert_cmpint (fd_edit_session_get_state (fixture->anna.session), ==,
                   FD_EDIT_STATE_DISPLACED);
}

/* A record that is not there: open-failed with a sentence, closed, the id kept to retry. */
static void
test_open_failure_is_told (Fixture       *fixture,
                           gconstpointer  data)
{
  fd_edit_session_open (fixture->anna.session, "987654321");
  fd_test_wait_until (open_has_failed, &fixture->anna, "the failed open");
  g_assert_cmpint (fd_edit_session_get_state (fixture->anna.session), ==, FD_EDIT_STATE_CLOSED);
  g_assert_cmpstr (fd_edit_session_get_id (fixture->anna.session), ==, "987654321");
  g_assert_cmpuint (fixture->anna.opened, ==, 0);
  g_assert_nonnull (fixture->anna.open_error->message);
  g_assert_cmpuint (strlen (fixture->anna.open_error->message), >, 10);
}

static gboolean
account_editable (gpointer user_data)
{
  return fd_account_get_editable (user_data);
}

/* A client's session brings the family's account; shown, it takes the save lock, and the
 * session's save writes the account after the record. */
static void
test_account_comes_with_the_client (Fixture       *fixture,
                                    gconstpointer  data)
{
  FdAccount *account = fd_edit_session_get_account (fixture->anna.session);
  g_autoptr(GError) error = NULL;
  g_autofree char *guarantor = stored (fixture, "guarantor_id");
  g_autofree char *sql = NULL;
  g_autofree char *schedule = NULL;
  g_autofree char *other = NULL;

  g_assert_nonnull (account);
  open_for_editing (fixture, &fixture->anna);
  fd_account_set_shown (account, TRUE);
  fd_test_wait_until (account_editable, account, "the family's save lock");
  g_assert_cmpstr (fd_record_get_id (fd_account_get_record (account)), ==, guarantor);

  other = fd_test_query_value (fixture->owner, "SELECT max(id) FROM frontdesk.fee_schedules");
  fd_record_set (fd_account_get_record (account), "fee_schedule_id", other, -1, &error);
  g_assert_no_error (error);
  g_assert_true (fd_edit_session_get_dirty (fixture->anna.session));
  g_assert_cmpint (save (&fixture->anna, NULL, &error), ==, FD_SAVE_SAVED);
  g_assert_no_error (error);
  sql = g_strdup_printf ("SELECT fee_schedule_id FROM frontdesk.clients WHERE id = %s",
                         guarantor);
  schedule = fd_test_query_value (fixture->owner, sql);
  g_assert_cmpstr (schedule, ==, other);

  fd_edit_session_close (fixture->anna.session);
  g_assert_false (fd_account_get_loaded (account));
  g_assert_null (fd_save_lock_get_context (fd_account_get_lock (account)));
}

/* An appointment's session has no account, and follows the same rules. */
static void
test_appointment_session (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (fd_edit_session_get_account (fixture->anna.session));
  open_for_editing (fixture, &fixture->anna);
  type (&fixture->anna, "note", "Bring the X-rays");
  g_assert_cmpint (save (&fixture->anna, NULL, &error), ==, FD_SAVE_SAVED);
  g_assert_no_error (error);
  fd_edit_session_open (fixture->ben.session, fixture->client_id);
  wait_for_state (&fixture->ben, FD_EDIT_STATE_HELD_ELSEWHERE);
}

/* Lock etiquette ------------------------------------------------------------------------- */

static gboolean
has_items (gpointer user_data)
{
  return ((GPtrArray *) user_data)->len > 0;
}

static gboolean
has_second (gpointer user_data)
{
  return ((GPtrArray *) user_data)->len > 1;
}

static char *
audit_count (Fixture    *fixture,
             const char *action)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM frontdesk.audit_log "
                                          "WHERE action = '%s' AND record_id = '%s'",
                                          action, fixture->client_id);

  return fd_test_query_value (fixture->owner, sql);
}

static char *
lock_holder_login (Fixture *fixture)
{
  g_autofree char *sql = g_strdup_printf ("SELECT coalesce((SELECT s.login FROM "
                                          "frontdesk.record_locks l JOIN frontdesk.sessions s "
                                          "ON s.id = l.session_id WHERE l.record_kind = 'clients' "
                                          "AND l.record_id = '%s'), '')", fixture->client_id);

  return fd_test_query_value (fixture->owner, sql);
}

/* Held elsewhere → viewing: read-only, no lock taken, follows the holder's saves; Edit while
 * still held asks again (declining keeps the view), and once it is free takes the lock. */
static void
test_open_read_only_follows_then_edit (Fixture       *fixture,
                                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *holder = NULL;

  open_for_editing (fixture, &fixture->anna);
  fd_edit_session_open (fixture->ben.session, fixture->client_id);
  wait_for_state (&fixture->ben, FD_EDIT_STATE_HELD_ELSEWHERE);
  fd_edit_session_open_read_only (fixture->ben.session);
  wait_for_state (&fixture->ben, FD_EDIT_STATE_VIEWING);
  g_assert_true (fd_edit_session_get_read_only (fixture->ben.session));
  g_assert_cmpuint (fixture->ben.opened, ==, 1);
  holder = lock_holder_login (fixture);
  g_assert_cmpstr (holder, ==, fixture->anna.login);
  g_assert_cmpuint (fixture->anna.losses->len, ==, 0);

  /* Anna saves: Ben's view follows. */
  type (&fixture->anna, "city", "Konstanz");
  g_assert_cmpint (save (&fixture->anna, NULL, &error), ==, FD_SAVE_SAVED);
  g_assert_no_error (error);
  fd_signals_poll (fd_database_get_signals (fixture->ben.database));
  fd_test_wait_until (has_reloaded, &fixture->ben, "Ben's view following Anna's save");
  g_assert_cmpstr (fd_record_get (fd_edit_session_get_record (fixture->ben.session), "city"), ==,
                   "Konstanz");
  g_assert_cmpint (fd_edit_session_get_state (fixture->ben.session), ==, FD_EDIT_STATE_VIEWING);

  /* Edit while Anna still has it: the same question; Cancel keeps the view. */
  fd_edit_session_edit (fixture->ben.session);
  wait_for_state (&fixture->ben, FD_EDIT_STATE_HELD_ELSEWHERE);
  g_assert_cmpstr (fd_edit_session_get_holder (fixture->ben.session)->name, ==,
                   fixture->anna.login);
  fd_edit_session_decline (fixture->ben.session);
  g_assert_cmpint (fd_edit_session_get_state (fixture->ben.session), ==, FD_EDIT_STATE_VIEWING);
  g_assert_nonnull (fd_edit_session_get_record (fixture->ben.session));

  /* Anna lets it go: Edit takes the lock. */
  fd_edit_session_close (fixture->anna.session);
  fd_test_wait_until (lock_is_free, fixture, "Anna's lock released");
  fd_edit_session_edit (fixture->ben.session);
  wait_for_state (&fixture->ben, FD_EDIT_STATE_EDITING);
  g_assert_false (fd_edit_session_get_read_only (fixture->ben.session));
  g_free (holder);
  holder = lock_holder_login (fixture);
  g_assert_cmpstr (holder, ==, fixture->ben.login);
}

/* Ben asks Anna to release: Anna is asked (naming Ben and his desk) and keeps editing; Ben is
 * told and views. He asks again; Anna releases: she views, his waiting session takes the
 * lock by itself. Requests and answers are in the audit log. */
static void
test_ask_to_release (Fixture       *fixture,
                     gconstpointer  data)
{
  FdReleaseRequest *request;
  FdReleaseRequest *answer;
  g_autofree char *asked = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *released = NULL;
  g_autofree char *holder = NULL;

  open_for_editing (fixture, &fixture->anna);
  fd_edit_session_open (fixture->ben.session, fixture->client_id);
  wait_for_state (&fixture->ben, FD_EDIT_STATE_HELD_ELSEWHERE);
  fd_edit_session_ask_release (fixture->ben.session);
  wait_for_state (&fixture->ben, FD_EDIT_STATE_WAITING);
  g_assert_true (fd_edit_session_get_read_only (fixture->ben.session));
  g_assert_cmpstr (fd_edit_session_get_holder (fixture->ben.session)->name, ==,
                   fixture->anna.login);

  fd_test_wait_until (has_items, fixture->anna.requests, "Anna being asked");
  request = g_ptr_array_index (fixture->anna.requests, 0);
  g_assert_cmpstr (request->name, ==, fixture->ben.login);
  g_assert_cmpstr (request->workstation, ==, "Reception 2");
  g_assert_cmpstr (request->record_id, ==, fixture->client_id);
  fd_edit_session_answer_release (fixture->anna.session, request->id, FALSE);
  fd_test_wait_until (has_items, fixture->ben.answers, "Ben hearing Anna's answer");
  answer = g_ptr_array_index (fixture->ben.answers, 0);
  g_assert_cmpint (answer->answer, ==, FD_RELEASE_ANSWER_KEPT);
  g_assert_cmpstr (answer->name, ==, fixture->anna.login);
  wait_for_state (&fixture->ben, FD_EDIT_STATE_VIEWING);
  g_assert_cmpint (fd_edit_session_get_state (fixture->anna.session), ==, FD_EDIT_STATE_EDITING);

  /* Again: Edit, held, ask; this time Anna releases. */
  fd_edit_session_edit (fixture->ben.session);
  wait_for_state (&fixture->ben, FD_EDIT_STATE_HELD_ELSEWHERE);
  fd_edit_session_ask_release (fixture->ben.session);
  wait_for_state (&fixture->ben, FD_EDIT_STATE_WAITING);
  g_ptr_array_set_size (fixture->ben.answers, 0);
  fd_test_wait_until (has_second, fixture->anna.requests, "Anna asked again");
  request = g_ptr_array_index (fixture->anna.requests, 1);
  fd_edit_session_answer_release (fixture->anna.session, request->id, TRUE);
  wait_for_state (&fixture->anna, FD_EDIT_STATE_VIEWING);
  wait_for_state (&fixture->ben, FD_EDIT_STATE_EDITING);
  answer = g_ptr_array_index (fixture->ben.answers, 0);
  g_assert_cmpint (answer->answer, ==, FD_RELEASE_ANSWER_RELEASED);
  holder = lock_holder_login (fixture);
  g_assert_cmpstr (holder, ==, fixture->ben.login);
  g_assert_cmpuint (fixture->anna.losses->len, ==, 0);

  asked = audit_count (fixture, "release request");
  kept = audit_count (fixture, "release kept");
  released = audit_count (fixture, "release released");
  g_assert_cmpstr (asked, ==, "2");
  g_assert_cmpstr (kept, ==, "1");
  g_assert_cmpstr (released, ==, "1");
}

/* A desk that holds the record from a connection of its own, and vanishes. */
typedef struct
{
  FdConnection *connection;
  char         *pid;
} Vanishing;

static void
vanishing_open (Fixture    *fixture,
                Vanishing  *desk,
                const char *sql)
{
  g_autofree char *login = fd_test_create_staff (FALSE);

  desk->connection = fd_test_open_connection_as (fixture->dbname, login);
  desk->pid = fd_test_query_value (desk->connection, "SELECT pg_backend_pid()");
  fd_test_exec (desk->connection, "SELECT frontdesk.session_open('Reception 3')");
  fd_test_exec (desk->connection, sql);
}

static void
vanishing_end (Fixture   *fixture,
               Vanishing *desk)
{
  fd_test_end_backend (fixture->owner, desk->pid);
  g_clear_object (&desk->connection);
  g_free (desk->pid);
}

static gboolean
has_ask_error (gpointer user_data)
{
  return ((Desk *) user_data)->ask_error != NULL;
}

/* Three desks. A request to a holder whose desk is gone fails at once, with a sentence; a
 * holder that vanishes while asked frees the record to the waiting asker, who takes it; an
 * asker that vanishes takes the question away from the holder. */
static void
test_release_requests_of_vanished_desks (Fixture       *fixture,
                                         gconstpointer  data)
{
  g_autofree char *acquire = g_strdup_printf ("SELECT * FROM frontdesk.lock_acquire('clients', "
                                              "'%s')", fixture->client_id);
  g_autofree char *ask = NULL;
  g_autofree char *anna_session = NULL;
  Vanishing holder = { NULL, NULL };
  Vanishing asker = { NULL, NULL };

  /* Held by Reception 3, which vanishes before Ben asks. */
  vanishing_open (fixture, &holder, acquire);
  fd_edit_session_open (fixture->ben.session, fixture->client_id);
  wait_for_state (&fixture->ben, FD_EDIT_STATE_HELD_ELSEWHERE);
  vanishing_end (fixture, &holder);
  fd_edit_session_ask_release (fixture->ben.session);
  fd_test_wait_until (has_ask_error, &fixture->ben, "Ben's request refused");
  g_assert_true (g_error_matches (fixture->ben.ask_error, FD_DB_ERROR,
                                  FD_DB_ERROR_NOBODY_TO_ASK));
  g_assert_nonnull (strstr (fixture->ben.ask_error->message, "Reception 3 is no longer connected"));
  g_assert_cmpint (fd_edit_session_get_state (fixture->ben.session), ==, FD_EDIT_STATE_CLOSED);

  /* Held again by Reception 3; Ben asks and waits; Reception 3 vanishes: Ben takes it. */
  vanishing_open (fixture, &holder, acquire);
  fd_edit_session_open (fixture->ben.session, fixture->client_id);
  wait_for_state (&fixture->ben, FD_EDIT_STATE_HELD_ELSEWHERE);
  fd_edit_session_ask_release (fixture->ben.session);
  wait_for_state (&fixture->ben, FD_EDIT_STATE_WAITING);
  vanishing_end (fixture, &holder);
  wait_for_state (&fixture->ben, FD_EDIT_STATE_EDITING);
  g_assert_cmpint (((FdReleaseRequest *) g_ptr_array_index (fixture->ben.answers, 0))->answer, ==,
                   FD_RELEASE_ANSWER_GONE);
  fd_edit_session_close (fixture->ben.session);
  fd_test_wait_until (lock_is_free, fixture, "Ben's lock released");

  /* Anna edits; Reception 3 asks her, then vanishes: her question goes away. */
  open_for_editing (fixture, &fixture->anna);
  anna_session = fd_test_query_value (fixture->owner,
                                      "SELECT max(session_id) FROM frontdesk.record_locks");
  ask = g_strdup_printf ("SELECT frontdesk.release_request('clients', '%s', %s)",
                         fixture->client_id, anna_session);
  vanishing_open (fixture, &asker, ask);
  fd_test_wait_until (has_items, fixture->anna.requests, "Anna asked by Reception 3");
  g_assert_cmpstr (((FdReleaseRequest *) g_ptr_array_index (fixture->anna.requests, 0))->workstation,
                   ==, "Reception 3");
  vanishing_end (fixture, &asker);
  fd_test_wait_until (has_items, fixture->anna.withdrawn, "Anna's question going away");
  g_assert_cmpint (fd_edit_session_get_state (fixture->anna.session), ==, FD_EDIT_STATE_EDITING);
}

static gboolean
expiring_seen (gpointer user_data)
{
  return ((Desk *) user_data)->expiring >= 1;
}

static gboolean
expiring_again (gpointer user_data)
{
  return ((Desk *) user_data)->expiring >= 2;
}

static char *
stored_expiry (Fixture *fixture)
{
  g_autofree char *sql = g_strdup_printf ("SELECT expires_at FROM frontdesk.record_locks "
                                          "WHERE record_kind = 'clients' AND record_id = '%s'",
                                          fixture->client_id);

  return fd_test_query_value (fixture->owner, sql);
}

typedef struct
{
  Fixture *fixture;
  char    *before;
} ExpiryWait;

static gboolean
expiry_moved (gpointer user_data)
{
  ExpiryWait *wait = user_data;
  g_autofree char *now = stored_expiry (wait->fixture);

  return g_strcmp0 (now, wait->before) != 0;
}

/* With an edit time limit, the holder hears a minute before the end; renewing starts its
 * time again on the server (recorded), and the warning comes again a minute before the new
 * end. */
static void
test_expiry_warning_and_renew (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *renewed = NULL;
  ExpiryWait wait = { fixture, NULL };

  fd_test_exec (fixture->owner, "UPDATE frontdesk.practice SET edit_time_limit = '62 seconds'");
  open_for_editing (fixture, &fixture->anna);
  fd_test_wait_until (expiring_seen, &fixture->anna,
                      "Anna warned of the edit time limit");
  g_assert_cmpint (fd_edit_session_get_state (fixture->anna.session), ==, FD_EDIT_STATE_EDITING);
  g_assert_cmpuint (fixture->anna.losses->len, ==, 0);

  wait.before = stored_expiry (fixture);
  fd_edit_session_renew (fixture->anna.session);
  fd_test_wait_until (expiry_moved, &wait, "the lock renewed on the server");
  renewed = audit_count (fixture, "lock renewed");
  g_assert_cmpstr (renewed, ==, "1");
  fd_test_wait_until (expiring_again, &fixture->anna,
                      "Anna warned again before the new end");
  g_assert_cmpuint (fixture->anna.losses->len, ==, 0);
  g_free (wait.before);
}

int
main (int   argc,
      char *argv[])
{
  fd_test_init (&argc, &argv);

  g_test_add ("/frontdesk/edit-session/open-edit-save", Fixture, NULL, fixture_setup,
              test_open_edit_save, fixture_teardown);
  g_test_add ("/frontdesk/edit-session/held-elsewhere-override-and-take-back", Fixture, NULL,
              fixture_setup, test_held_elsewhere_override_and_take_back, fixture_teardown);
  g_test_add ("/frontdesk/edit-session/broken-lock-is-read-only", Fixture, NULL, fixture_setup,
              test_broken_lock_is_read_only, fixture_teardown);
  g_test_add ("/frontdesk/edit-session/expired-lock-at-save-is-lock-lost", Fixture, NULL,
              fixture_setup, test_expired_lock_at_save_is_lock_lost, fixture_teardown);
  g_test_add ("/frontdesk/edit-session/maintenance-is-read-only-while-it-lasts", Fixture, NULL,
              fixture_setup, test_maintenance_is_read_only_while_it_lasts, fixture_teardown);
  g_test_add ("/frontdesk/edit-session/follows-another-desks-save", Fixture, NULL,
              fixture_setup, test_follows_another_desks_save, fixture_teardown);
  g_test_add ("/frontdesk/edit-session/live-fields-with-three-desks", Fixture, NULL,
              fixture_setup, test_live_fields_with_three_desks, fixture_teardown);
  g_test_add ("/frontdesk/edit-session/typing-their-value-settles", Fixture, NULL,
              fixture_setup, test_typing_their_value_settles, fixture_teardown);
  g_test_add ("/frontdesk/edit-session/appointment-follows", Fixture, "appointments",
              fixture_setup, test_appointment_follows, fixture_teardown);
  g_test_add ("/frontdesk/edit-session/reconnect-keeps-or-tells", Fixture, NULL, fixture_setup,
              test_reconnect_keeps_or_tells, fixture_teardown);
  g_test_add ("/frontdesk/edit-session/open-failure-is-told", Fixture, NULL, fixture_setup,
              test_open_failure_is_told, fixture_teardown);
  g_test_add ("/frontdesk/edit-session/account-comes-with-the-client", Fixture, NULL,
              fixture_setup, test_account_comes_with_the_client, fixture_teardown);
  g_test_add ("/frontdesk/edit-session/open-read-only-follows-then-edit", Fixture, NULL,
              fixture_setup, test_open_read_only_follows_then_edit, fixture_teardown);
  g_test_add ("/frontdesk/edit-session/ask-to-release", Fixture, NULL, fixture_setup,
              test_ask_to_release, fixture_teardown);
  g_test_add ("/frontdesk/edit-session/release-requests-of-vanished-desks", Fixture, NULL,
              fixture_setup, test_release_requests_of_vanished_desks, fixture_teardown);
  g_test_add ("/frontdesk/edit-session/expiry-warning-and-renew", Fixture, NULL, fixture_setup,
              test_expiry_warning_and_renew, fixture_teardown);
  g_test_add ("/frontdesk/edit-session/appointment-session", Fixture, "appointments",
              fixture_setup, test_appointment_session, fixture_teardown);

  return fd_test_run ();
}
