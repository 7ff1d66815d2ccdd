/* test-save.c: the save path with two staff sessions: changed columns only, conflicts,
 * audit and signals, append-only notes, and bad input that must store nothing.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "fd-pg.h"
#include "fd-record.h"
#include "fd-session.h"
#include "fd-test-server.h"

typedef struct
{
  char         *dbname;
  FdConnection *owner;
  char         *anna_login;
  char         *ben_login;
  FdConnection *anna;
  FdConnection *ben;
  FdSession    *anna_session;
  FdSession    *ben_session;
} Fixture;

static FdSession *
open_session (FdConnection *connection,
              const char   *workstation)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  FdSession *session;

  fd_session_open_async (connection, workstation, NULL, fd_test_store_result_cb, &result);
  session = fd_session_open_finish (fd_test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  return session;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->dbname = fd_test_create_database (TRUE);
  fixture->owner = fd_test_open_connection (fixture->dbname);
  fd_test_exec (fixture->owner, "SELECT frontdesk.sample_data(20, 1)");

  fixture->anna_login = fd_test_create_staff (FALSE);
  fixture->ben_login = fd_test_create_staff (FALSE);
  fixture->anna = fd_test_open_connection_as (fixture->dbname, fixture->anna_login);
  fixture->ben = fd_test_open_connection_as (fixture->dbname, fixture->ben_login);
  fixture->anna_session = open_session (fixture->anna, "Reception 1");
  fixture->ben_session = open_session (fixture->ben, "Reception 2");
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->anna_session);
  g_clear_object (&fixture->ben_session);
  g_clear_object (&fixture->anna);
  g_clear_object (&fixture->ben);
  g_clear_object (&fixture->owner);
  fd_test_drop_database (fixture->dbname);
  g_free (fixture->dbname);
  g_free (fixture->anna_login);
  g_free (fixture->ben_login);
}

static FdRecord *
load (FdConnection *connection,
      const char   *table,
      const char   *id)
{
  g_autoptr(FdRecord) record = fd_record_new (table, id);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  fd_record_load_async (record, connection, NULL, fd_test_store_result_cb, &result);
  fd_record_load_finish (record, fd_test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  return g_steal_pointer (&record);
}

static void
set (FdRecord   *record,
     const char *column,
     const char *value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (fd_record_set (record, column, value, -1, &error));
  g_assert_no_error (error);
}

static FdSaveOutcome
save (FdRecord      *record,
      FdConnection  *connection,
      GPtrArray    **conflicts,
      GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  fd_record_save_async (record, connection, NULL, fd_test_store_result_cb, &result);
  return fd_record_save_finish (record, fd_test_wait_for_result (&result), conflicts, error);
}

static void
assert_saved (FdRecord     *record,
              FdConnection *connection)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (save (record, connection, NULL, &error), ==, FD_SAVE_SAVED);
  g_assert_no_error (error);
  g_assert_false (fd_record_is_dirty (record));
}

static char *
stored (Fixture    *fixture,
        const char *sql)
{
  return fd_test_query_value (fixture->owner, sql);
}

/* What an editor does on opening a record, and on the second confirmation of an override. */
static void
lock (FdConnection *connection,
      const char   *how,
      const char   *kind,
      const char   *id)
{
  g_autofree char *sql = g_str_equal (how, "lock_override")
                         ? g_strdup_printf ("SELECT frontdesk.%s('%s', '%s', NULL)", how, kind, id)
                         : g_strdup_printf ("SELECT frontdesk.%s('%s', '%s')", how, kind, id);

  fd_test_exec (connection, sql);
}

static void
test_different_columns_both_kept (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(FdRecord) annas = load (fixture->anna, "clients", "3");
  g_autoptr(FdRecord) bens = load (fixture->ben, "clients", "3");
  g_autofree char *mobile = NULL;
  g_autofree char *email = NULL;

  /* Anna has it open; Ben overrides; Ben saves; Anna's save takes it back. */
  lock (fixture->anna, "lock_acquire", "clients", "3");
  lock (fixture->ben, "lock_override", "clients", "3");

  set (annas, "phone_mobile", "0711 000 111");
  set (bens, "email", "ben.saw.this@example.org");
  assert_saved (bens, fixture->ben);
  assert_saved (annas, fixture->anna);

  mobile = stored (fixture, "SELECT phone_mobile FROM frontdesk.clients WHERE id = 3");
  email = stored (fixture, "SELECT email FROM frontdesk.clients WHERE id = 3");
  g_assert_cmpstr (mobile, ==, "0711 000 111");
  g_assert_cmpstr (email, ==, "ben.saw.this@example.org");

  /* Anna's record now holds Ben's change too: it is the row as saved. */
  g_assert_cmpstr (fd_record_get (annas, "email"), ==, "ben.saw.this@example.org");
}

static void
test_same_column_conflict (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(FdRecord) annas = load (fixture->anna, "clients", "4");
  g_autoptr(FdRecord) bens = load (fixture->ben, "clients", "4");
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *original = g_strdup (fd_record_get (annas, "first_name"));
  g_autofree char *name = NULL;
  g_autofree char *audits_before = NULL;
  g_autofree char *audits_after = NULL;
  FdConflict *conflict;

  lock (fixture->ben, "lock_acquire", "clients", "4");
  lock (fixture->anna, "lock_override", "clients", "4");
  set (annas, "first_name", "Annabel");
  set (bens, "first_name", "Bella");
  set (bens, "notes", "Ben's note");
  assert_saved (annas, fixture->anna);
  audits_before = stored (fixture, "SELECT count(*) FROM frontdesk.audit_log "
                                   "WHERE action = 'update'");

  g_assert_cmpint (save (bens, fixture->ben, &conflicts, &error), ==, FD_SAVE_CONFLICT);
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts->len, ==, 1);
  conflict = g_ptr_array_index (conflicts, 0);
  g_assert_cmpstr (conflict->column, ==, "first_name");
  g_assert_cmpstr (conflict->original, ==, original);
  g_assert_cmpstr (conflict->theirs, ==, "Annabel");
  g_assert_cmpstr (conflict->mine, ==, "Bella");

  /* Nothing of Ben's was written, not even the column nobody else touched; the lock is his
   * again, though (Anna's window is told), so his next save needs no override. */
  name = stored (fixture, "SELECT first_name || '/' || coalesce(notes, '') "
                          "FROM frontdesk.clients WHERE id = 4");
  g_assert_cmpstr (name, ==, "Annabel/");
  audits_after = stored (fixture, "SELECT count(*) FROM frontdesk.audit_log "
                                  "WHERE action = 'update'");
  g_assert_cmpstr (audits_after, ==, audits_before);
  g_assert_true (fd_record_is_dirty (bens));

  /* Ben has seen Anna's value and keeps his own: now it saves. */
  fd_record_resolve_conflict (bens, conflict, TRUE);
  assert_saved (bens, fixture->ben);
  g_free (name);
  name = stored (fixture, "SELECT first_name || '/' || notes FROM frontdesk.clients WHERE id = 4");
  g_assert_cmpstr (name, ==, "Bella/Ben's note");
}

static void
insert_appointment_async (FdConnection *connection,
                          const char   *starts_at,
                          GAsyncResult **result)
{
  const char * const columns[] = { "client_id", "provider_id", "operatory_id", "starts_at" };
  const char * const values[] = { "2", "1", "1", starts_at };

  fd_record_insert_async (connection, "appointments", G_N_ELEMENTS (columns), columns, values,
                          NULL, fd_test_store_result_cb, result);
}

static void
test_inserts_never_conflict (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GAsyncResult) first = NULL;
  g_autoptr(GAsyncResult) second = NULL;
  g_autoptr(FdRecord) annas = NULL;
  g_autoptr(FdRecord) bens = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *count = NULL;

  /* The same slot, at the same moment, from two desks: both are stored, and each desk gets
   * back its own new row as the server stored it. */
  insert_appointment_async (fixture->anna, "2030-01-07 09:00+00", &first);
  insert_appointment_async (fixture->ben, "2030-01-07 09:00+00", &second);
  annas = fd_record_insert_finish (fd_test_wait_for_result (&first), &error);
  g_assert_no_error (error);
  bens = fd_record_insert_finish (fd_test_wait_for_result (&second), &error);
  g_assert_no_error (error);

  g_assert_cmpstr (fd_record_get_id (annas), !=, fd_record_get_id (bens));
  g_assert_cmpstr (fd_record_get (annas, "client_id"), ==, "2");
  g_assert_cmpstr (fd_record_get (bens, "status"), ==, "scheduled");
  count = stored (fixture, "SELECT count(*) FROM frontdesk.appointments "
                           "WHERE starts_at = '2030-01-07 09:00+00'");
  g_assert_cmpstr (count, ==, "2");
}

static void
test_bad_insert_stores_nothing (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(FdRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *count = NULL;

  insert_appointment_async (fixture->anna, "next Tuesday-ish", &result);
  record = fd_record_insert_finish (fd_test_wait_for_result (&result), &error);
  g_assert_null (record);
  g_assert_nonnull (error);
  /* The message names the field, in words a person at the desk can act on. */
  g_assert_nonnull (strstr (error->message, "starts at"));
  count = stored (fixture, "SELECT count(*) FROM frontdesk.appointments "
                           "WHERE starts_at >= '2030-01-01'");
  g_assert_cmpstr (count, ==, "0");
}

static void
count_notification_cb (FdConnection *connection,
                       const char   *channel,
                       const char   *payload,
                       int           pid,
                       GPtrArray    *payloads)
{
  g_ptr_array_add (payloads, g_strdup (payload));
}

/* Locks taken and let go are signalled too (record_locks); the save's own is "clients". */
static gboolean
has_clients_payload (gpointer user_data)
{
  return g_ptr_array_find_with_equal_func (user_data, "clients", g_str_equal, NULL);
}

static void
test_changes_wake_listeners (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GPtrArray) payloads = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(FdRecord) annas = load (fixture->anna, "clients", "7");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_signal_connect (fixture->ben, "notification::frontdesk_signals",
                    G_CALLBACK (count_notification_cb), payloads);
  fd_connection_listen_async (fixture->ben, "frontdesk_signals", NULL, fd_test_store_result_cb,
                              &result);
  fd_connection_listen_finish (fixture->ben, fd_test_wait_for_result (&result), &error);
  g_assert_no_error (error);

  set (annas, "region", "North");
  assert_saved (annas, fixture->anna);
  fd_test_wait_until (has_clients_payload, payloads, "the clients signal's notification");
  g_assert_true (has_clients_payload (payloads));
}

static void
test_audit_row_of_a_save (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(FdRecord) annas = load (fixture->anna, "clients", "5");
  g_autofree char *old_city = g_strdup (fd_record_get (annas, "city"));
  g_autofree char *expected = NULL;
  g_autofree char *audit = NULL;
  g_autofree char *sql = NULL;

  set (annas, "city", "Port Elliot North");
  assert_saved (annas, fixture->anna);

  sql = g_strdup_printf ("SELECT actor || '|' || session_id || '|' || workstation || '|' || "
                         "action || '|' || (changes - 'x')::text FROM frontdesk.audit_log "
                         "WHERE table_name = 'clients' AND record_id = '5' "
                         "ORDER BY id DESC LIMIT 1");
  audit = stored (fixture, sql);
  expected = g_strdup_printf ("%s|%" G_GINT64_FORMAT "|Reception 1|update|"
                              "{\"city\": {\"new\": \"Port Elliot North\", \"old\": \"%s\"}}",
                              fixture->anna_login, fd_session_get_id (fixture->anna_session),
                              old_city);
  /* Only the changed column is in it: only the changed column was written. */
  g_assert_cmpstr (audit, ==, expected);
}

static void
test_appointment_move_signals_both_days (Fixture       *fixture,
                                         gconstpointer  data)
{
  g_autofree char *id = stored (fixture, "SELECT min(id) FROM frontdesk.appointments");
  g_autoptr(FdRecord) appointment = load (fixture->anna, "appointments", id);
  g_autofree char *old_day = NULL;
  g_autofree char *signals = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *expected = NULL;

  sql = g_strdup_printf ("SELECT frontdesk.practice_day(starts_at) FROM frontdesk.appointments "
                         "WHERE id = %s", id);
  old_day = stored (fixture, sql);
  fd_test_exec (fixture->owner, "DELETE FROM frontdesk.signals");

  set (appointment, "starts_at", "2031-03-04 10:30:00+00");
  assert_saved (appointment, fixture->anna);

  signals = stored (fixture, "SELECT string_agg(kind || ':' || key || ':' || "
                             "(origin_session IS NOT NULL), ',' ORDER BY id) "
                             "FROM frontdesk.signals WHERE kind = 'appointments'");
  expected = g_strdup_printf ("appointments:%s:true,appointments:2031-03-04:true", old_day);
  g_assert_cmpstr (signals, ==, expected);
}

static void
assert_refused (FdRecord     *record,
                FdConnection *connection,
                const char   *message_part)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (save (record, connection, NULL, &error), ==, FD_SAVE_REFUSED);
  g_assert_nonnull (error);
  if (strstr (error->message, message_part) == NULL)
    g_error ("“%s” does not mention “%s”", error->message, message_part);
  fd_record_revert (record);
}

static void
test_bad_input_stores_nothing (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(FdRecord) client = load (fixture->anna, "clients", "6");
  g_autofree char *before = stored (fixture, "SELECT to_jsonb(c)::text FROM frontdesk.clients c "
                                             "WHERE id = 6");
  g_autofree char *after = NULL;
  g_autofree char *long_name = g_strnfill (101, 'a');
  g_autofree char *sneaky = NULL;
  g_autoptr(GError) error = NULL;

  set (client, "first_name", long_name);
  assert_refused (client, fixture->anna, "The first name must have 1 to 100 characters");
  set (client, "birth_date", "2026-02-30");
  assert_refused (client, fixture->anna, "is not a valid birth date");
  set (client, "birth_date", "2999-01-01");
  assert_refused (client, fixture->anna, "date of birth");
  set (client, "email", "not an address");
  assert_refused (client, fixture->anna, "email address must look like");
  set (client, "id", "999");
  assert_refused (client, fixture->anna, "The field “id” cannot be changed");

  /* A NUL byte never leaves this program. */
  g_assert_false (fd_record_set (client, "notes", "before\0after", 12, &error));
  g_assert_error (error, FD_RECORD_ERROR, FD_RECORD_ERROR_INVALID_TEXT);
  g_clear_error (&error);
  g_assert_false (fd_record_set (client, "notes", "\xff\xfe", 2, &error));
  g_assert_error (error, FD_RECORD_ERROR, FD_RECORD_ERROR_INVALID_TEXT);
  g_assert_false (fd_record_is_dirty (client));

  after = stored (fixture, "SELECT to_jsonb(c)::text FROM frontdesk.clients c WHERE id = 6");
  g_assert_cmpstr (after, ==, before);

  /* SQL's own characters are just text. */
  set (client, "last_name", "O'Brien\"); DROP TABLE frontdesk.clients; --");
  assert_saved (client, fixture->anna);
  sneaky = stored (fixture, "SELECT last_name FROM frontdesk.clients WHERE id = 6");
  g_assert_cmpstr (sneaky, ==, "O'Brien\"); DROP TABLE frontdesk.clients; --");
}

static void
test_notes_are_versions (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *procedure = stored (fixture, "SELECT min(id) FROM frontdesk.procedures");
  g_autofree char *huge = g_strnfill (1024 * 1024, 'x');
  const char *first[] = { procedure, "Tooth 36: cold sensitivity." };
  const char *second[] = { procedure, "Tooth 36: cold sensitivity; review in 2 weeks." };
  const char *too_long[] = { procedure, huge };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(PGresult) pg_result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *count_before = NULL;
  g_autofree char *latest = NULL;
  g_autofree char *history = NULL;

  sql = g_strdup_printf ("SELECT count(*) FROM frontdesk.procedure_notes WHERE procedure_id = %s",
                         procedure);
  count_before = stored (fixture, sql);

  fd_connection_query_async (fixture->anna, "SELECT frontdesk.add_procedure_note($1, $2)", 2,
                             first, NULL, fd_test_store_result_cb, &result);
  g_clear_pointer (&pg_result, PQclear);
  pg_result = fd_connection_query_finish (fixture->anna, fd_test_wait_for_result (&result),
                                          &error);
  g_assert_no_error (error);
  fd_connection_query_async (fixture->ben, "SELECT frontdesk.add_procedure_note($1, $2)", 2,
                             second, NULL, fd_test_store_result_cb, &result);
  g_clear_pointer (&pg_result, PQclear);
  pg_result = fd_connection_query_finish (fixture->ben, fd_test_wait_for_result (&result),
                                          &error);
  g_assert_no_error (error);

  /* A 1 MB note is refused in words, and stores nothing. */
  fd_connection_query_async (fixture->ben, "SELECT frontdesk.add_procedure_note($1, $2)", 2,
                             too_long, NULL, fd_test_store_result_cb, &result);
  g_clear_pointer (&pg_result, PQclear);
  pg_result = fd_connection_query_finish (fixture->ben, fd_test_wait_for_result (&result),
                                          &error);
  g_assert_null (pg_result);
  g_assert_error (error, FD_DB_ERROR, FD_DB_ERROR_CONSTRAINT_VIOLATION);
  g_assert_cmpstr (error->message, ==, "A note must have 1 to 20,000 characters.");
  g_clear_error (&error);

  g_free (sql);
  sql = g_strdup_printf ("SELECT body FROM frontdesk.procedure_notes_latest "
                         "WHERE procedure_id = %s", procedure);
  latest = stored (fixture, sql);
  g_assert_cmpstr (latest, ==, "Tooth 36: cold sensitivity; review in 2 weeks.");

  g_free (sql);
  sql = g_strdup_printf ("SELECT string_agg(version || ':' || author, ',' ORDER BY version) "
                         "FROM frontdesk.procedure_notes WHERE procedure_id = %s "
                         "AND version > %s", procedure, count_before);
  history = stored (fixture, sql);
  g_free (sql);
  sql = g_strdup_printf ("%d:%s,%d:%s", atoi (count_before) + 1, fixture->anna_login,
                         atoi (count_before) + 2, fixture->ben_login);
  g_assert_cmpstr (history, ==, sql);
}

/* Each of the server's refusals arrives as its own FD_DB_ERROR code, whoever asks: the
 * program tells them apart by code, and shows the server's sentence. */
static void
test_refusals_have_names (Fixture       *fixture,
                          gconstpointer  data)
{
  const struct
  {
    const char *who;
    const char *sql;
    FdDbError   code;
    const char *words;
  } refusals[] = {
    { "anna", "SELECT * FROM frontdesk.load_record('clients', '999999')",
      FD_DB_ERROR_NOT_FOUND, "no longer exists" },
    { "ben", "UPDATE frontdesk.clients SET notes = 'x' WHERE id = 3",
      FD_DB_ERROR_RECORD_HELD, "has this record open" },
    { "owner", "SELECT frontdesk.lock_acquire('clients', '4')",
      FD_DB_ERROR_NO_SESSION, "session" },
    { "owner", "UPDATE frontdesk.audit_log SET actor = 'x'",
      FD_DB_ERROR_IMMUTABLE, "never changed" },
    { "ben", "UPDATE frontdesk.clients SET id = DEFAULT WHERE id = 5",
      FD_DB_ERROR_ID_REFUSED, "keeps its number" },
    { "ben", "SELECT frontdesk.add_procedure_note(1, '')",
      FD_DB_ERROR_CONSTRAINT_VIOLATION, "1 to 20,000 characters" },
  };
  g_autoptr(PGresult) held = NULL;
  g_autoptr(GError) error = NULL;

  held = fd_test_query (fixture->anna, "SELECT frontdesk.lock_acquire('clients', '3')", &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (refusals); i++)
    {
      FdConnection *connection = g_str_equal (refusals[i].who, "anna") ? fixture->anna
                                 : g_str_equal (refusals[i].who, "ben") ? fixture->ben
                                 : fixture->owner;
      g_autoptr(PGresult) result = fd_test_query (connection, refusals[i].sql, &error);

      g_assert_null (result);
      if (!g_error_matches (error, FD_DB_ERROR, refusals[i].code))
        g_error ("“%s” was refused with code %d, not %d: %s", refusals[i].sql,
                 error != NULL ? error->code : -1, refusals[i].code,
                 error != NULL ? error->message : "");
      g_assert_true (fd_db_error_is_refusal (error));
      g_assert_nonnull (strstr (error->message, refusals[i].words));
      g_clear_error (&error);
    }
}

int
main (int   argc,
      char *argv[])
{
  fd_test_init (&argc, &argv);

  g_test_add ("/frontdesk/save/different-columns-both-kept", Fixture, NULL,
              fixture_setup, test_different_columns_both_kept, fixture_teardown);
  g_test_add ("/frontdesk/save/same-column-conflict", Fixture, NULL,
              fixture_setup, test_same_column_conflict, fixture_teardown);
  g_test_add ("/frontdesk/save/inserts-never-conflict", Fixture, NULL,
              fixture_setup, test_inserts_never_conflict, fixture_teardown);
  g_test_add ("/frontdesk/save/bad-insert-stores-nothing", Fixture, NULL,
              fixture_setup, test_bad_insert_stores_nothing, fixture_teardown);
  g_test_add ("/frontdesk/save/changes-wake-listeners", Fixture, NULL,
              fixture_setup, test_changes_wake_listeners, fixture_teardown);
  g_test_add ("/frontdesk/save/audit-row-of-a-save", Fixture, NULL,
              fixture_setup, test_audit_row_of_a_save, fixture_teardown);
  g_test_add ("/frontdesk/save/appointment-move-signals-both-days", Fixture, NULL,
              fixture_setup, test_appointment_move_signals_both_days, fixture_teardown);
  g_test_add ("/frontdesk/save/bad-input-stores-nothing", Fixture, NULL,
              fixture_setup, test_bad_input_stores_nothing, fixture_teardown);
  g_test_add ("/frontdesk/save/notes-are-versions", Fixture, NULL,
              fixture_setup, test_notes_are_versions, fixture_teardown);
  g_test_add ("/frontdesk/save/refusals-have-names", Fixture, NULL,
              fixture_setup, test_refusals_have_names, fixture_teardown);

  return fd_test_run ();
}
