/* test-server-words.c: the server's refusals reach a person in Frontdesk's own sentences.
 *
 * Every key the schema raises (data/sql/0025-server-words.sql) has a sentence in
 * data/fd-db-error-sentences.c; a representative set is raised for real, and the message
 * is the client's sentence for the DETAIL's key and parameters, not the server's MESSAGE.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <string.h>

#include "fd-db-error-private.h"
#include "fd-test-server.h"

#define MIGRATIONS "/org/frontdesk/Frontdesk/sql/"

typedef struct
{
  char   *dbname;
  char   *anna;        /* staff, with a session at Reception 1 */
  char   *ben;         /* staff, without a session */
  char   *admin;       /* an administrator, with a session at the Office */
  PGconn *annas;
  PGconn *bens;
  PGconn *admins;
  PGconn *owner;
} Fixture;

static PGconn *
connect_as (const char *dbname,
            const char *login)
{
  g_autofree char *password = fd_test_staff_password (login);
  const char *keywords[] = { "host", "user", "password", "dbname", NULL };
  const char *values[] = { fd_test_server_socket_dir (), login, password, dbname, NULL };
  PGconn *conn = PQconnectdbParams (keywords, values, 0);

  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  return conn;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(FdConnection) owner = NULL;

  fixture->dbname = fd_test_create_database (TRUE);
  owner = fd_test_open_connection (fixture->dbname);
  fd_test_exec (owner, "SELECT frontdesk.sample_data(20, 1)");

  fixture->anna = fd_test_create_staff (FALSE);
  fixture->ben = fd_test_create_staff (FALSE);
  fixture->admin = fd_test_create_staff (TRUE);
  fixture->annas = connect_as (fixture->dbname, fixture->anna);
  fixture->bens = connect_as (fixture->dbname, fixture->ben);
  fixture->admins = connect_as (fixture->dbname, fixture->admin);
  fixture->owner = fd_test_connect_blocking (fd_test_server_socket_dir (),
                                             fd_test_server_user (), fixture->dbname);
  fd_test_exec_blocking (fixture->annas, "SELECT frontdesk.session_open('Reception 1')");
  fd_test_exec_blocking (fixture->admins, "SELECT frontdesk.session_open('Office')");
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_pointer (&fixture->annas, PQfinish);
  g_clear_pointer (&fixture->bens, PQfinish);
  g_clear_pointer (&fixture->admins, PQfinish);
  g_clear_pointer (&fixture->owner, PQfinish);
  fd_test_drop_database (fixture->dbname);
  g_free (fixture->dbname);
  g_free (fixture->anna);
  g_free (fixture->ben);
  g_free (fixture->admin);
}

/* The keys the migrations raise, each once: every `'key', '…'` of a DETAIL. */
static GPtrArray *
raised_keys (void)
{
  g_autoptr(GRegex) regex = g_regex_new ("'key', '([a-z-]+)'", 0, 0, NULL);
  g_auto(GStrv) names = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *keys = g_ptr_array_new_with_free_func (g_free);

  names = g_resources_enumerate_children (MIGRATIONS, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_assert_no_error (error);
  for (guint n = 0; names[n] != NULL; n++)
    {
      g_autofree char *path = g_strconcat (MIGRATIONS, names[n], NULL);
      g_autoptr(GBytes) bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE,
                                                         &error);
      g_autofree char *text = NULL;
      g_autoptr(GMatchInfo) match = NULL;

      g_assert_no_error (error);
      text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      for (g_regex_match (regex, text, 0, &match); g_match_info_matches (match);
           g_match_info_next (match, NULL))
        {
          g_autofree char *key = g_match_info_fetch (match, 1);

          if (!g_ptr_array_find_with_equal_func (keys, key, g_str_equal, NULL))
            g_ptr_array_add (keys, g_steal_pointer (&key));
        }
    }
  return keys;
}

static void
test_every_key_has_a_sentence (void)
{
  g_autoptr(GPtrArray) keys = raised_keys ();
  g_autoptr(JsonObject) params = json_object_new ();
  g_autofree char *unknown = NULL;

  /* The scan finds the keys (the migration raises some seventy). */
  g_assert_cmpuint (keys->len, >=, 60);
  g_assert_true (g_ptr_array_find_with_equal_func (keys, "record-held", g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (keys, "birth-date-future", g_str_equal, NULL));

  json_object_set_string_member (params, "constraint", "clients_first_name_length");
  for (guint i = 0; i < keys->len; i++)
    {
      const char *key = g_ptr_array_index (keys, i);
      g_autofree char *sentence = fd_db_error_sentence (key, params);

      if (sentence == NULL || sentence[0] == '\0')
        g_error ("A migration raises “%s”, which has no sentence in fd-db-error-sentences.c",
                 key);
    }

  unknown = fd_db_error_sentence ("no-such-key", params);
  g_assert_null (unknown);
}

/* Every RAISE EXCEPTION of the schema's functions, as they stand after all migrations,
 * carries a DETAIL (its key): none reaches a window in the server's English alone. */
static void
test_every_raise_has_a_key (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(PGresult) result = NULL;
  g_autoptr(GRegex) statement = NULL;
  guint n_raises = 0;

  result = PQexec (fixture->owner,
                   "SELECT p.oid::regprocedure, p.prosrc FROM pg_proc p "
                   "JOIN pg_namespace n ON n.oid = p.pronamespace "
                   "WHERE n.nspname = 'frontdesk' AND p.prosrc ~* 'RAISE\\s+EXCEPTION'");
  g_assert_cmpint (PQresultStatus (result), ==, PGRES_TUPLES_OK);
  statement = g_regex_new ("RAISE\\s+EXCEPTION(?:[^;']|'[^']*')*;", G_REGEX_CASELESS, 0, NULL);

  for (int i = 0; i < PQntuples (result); i++)
    {
      g_autoptr(GMatchInfo) match = NULL;

      for (g_regex_match (statement, PQgetvalue (result, i, 1), 0, &match);
           g_match_info_matches (match); g_match_info_next (match, NULL))
        {
          g_autofree char *raise = g_match_info_fetch (match, 0);

          n_raises++;
          if (strstr (raise, "DETAIL") == NULL)
            g_error ("%s raises without a key: %s", PQgetvalue (result, i, 0), raise);
        }
    }
  g_assert_cmpuint (n_raises, >=, 70);
}

/* Every rule the server explains has a sentence of the client's too. */
static void
test_every_constraint_has_a_sentence (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autoptr(PGresult) result = PQexec (fixture->owner,
                                       "SELECT constraint_name FROM frontdesk.constraint_messages");

  g_assert_cmpint (PQresultStatus (result), ==, PGRES_TUPLES_OK);
  g_assert_cmpint (PQntuples (result), >, 50);
  for (int i = 0; i < PQntuples (result); i++)
    if (fd_db_error_constraint_sentence (PQgetvalue (result, i, 0)) == NULL)
      g_error ("No sentence for the rule %s", PQgetvalue (result, i, 0));
}

/* Runs @sql on @conn, which the server must refuse with @code and the DETAIL key @key; the
 * message must be the client's sentence for that DETAIL and contain @part. Returns the
 * parameters the server sent. */
static JsonObject *
assert_refused (PGconn     *conn,
                const char *sql,
                FdDbError   code,
                const char *key,
                const char *part)
{
  g_autoptr(PGresult) result = PQexec (conn, sql);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *sentence = NULL;
  const char *detail;
  JsonObject *params;

  g_assert_cmpint (PQresultStatus (result), ==, PGRES_FATAL_ERROR);
  g_test_message ("%s: %s", sql, PQresultErrorMessage (result));
  error = fd_db_error_from_result (result);
  g_assert_error (error, FD_DB_ERROR, code);

  detail = PQresultErrorField (result, PG_DIAG_MESSAGE_DETAIL);
  g_assert_nonnull (detail);
  g_assert_true (json_parser_load_from_data (parser, detail, -1, NULL));
  params = json_object_ref (json_node_get_object (json_parser_get_root (parser)));
  g_assert_cmpstr (json_object_get_string_member (params, "key"), ==, key);

  sentence = fd_db_error_sentence_for_detail (detail);
  g_assert_cmpstr (error->message, ==, sentence);
  if (strstr (error->message, part) == NULL)
    g_error ("“%s” does not mention “%s”", error->message, part);
  g_test_message ("%s: %s", key, error->message);
  return params;
}

static void
test_refusals_in_the_clients_words (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(JsonObject) held = NULL;
  g_autoptr(JsonObject) none = NULL;
  g_autoptr(JsonObject) born = NULL;
  g_autoptr(PGresult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) future = g_date_time_add_days (now, 10);
  g_autofree char *future_day = g_date_time_format (future, "%x");
  g_autofree char *holder = g_strdup_printf ("%s at Reception 1 has this record open",
                                             fixture->anna);
  g_autofree char *original = NULL;
  g_autofree char *save_sql = NULL;

  /* Record held: the holder comes as a parameter, not parsed out of words. */
  fd_test_exec_blocking (fixture->annas, "SELECT frontdesk.lock_acquire('clients', '3')");
  held = assert_refused (fixture->bens, "UPDATE frontdesk.clients SET notes = 'x' WHERE id = 3",
                         FD_DB_ERROR_RECORD_HELD, "record-held", holder);
  g_assert_cmpstr (json_object_get_string_member (held, "holder"), ==, fixture->anna);
  g_assert_cmpstr (json_object_get_string_member (held, "workstation"), ==, "Reception 1");

  /* Bad request, not found. */
  assert_refused (fixture->annas, "SELECT frontdesk.save_record('clients', '3', 'notes')",
                  FD_DB_ERROR_BAD_REQUEST, "save-malformed", "for each change");
  assert_refused (fixture->annas, "SELECT * FROM frontdesk.load_record('clients', '999999')",
                  FD_DB_ERROR_NOT_FOUND, "record-gone", "no longer exists");

  /* Lock revoked: an administrator broke Anna's lock, her save is refused. */
  fd_test_exec_blocking (fixture->admins, "SELECT frontdesk.lock_break('clients', '3')");
  result = PQexec (fixture->owner, "SELECT coalesce(notes, '') FROM frontdesk.clients WHERE id = 3");
  original = g_strdup (PQgetvalue (result, 0, 0));
  g_clear_pointer (&result, PQclear);
  save_sql = g_strdup_printf ("SELECT frontdesk.save_record('clients', '3', 'notes', '%s', 'y')",
                              original);
  assert_refused (fixture->annas, save_sql, FD_DB_ERROR_LOCK_REVOKED, "lock-broken",
                  "An administrator released your lock");

  /* Permission: the action is named in the person's language (the function checks the
   * caller itself, even with the right granted by mistake). */
  fd_test_exec_blocking (fixture->owner,
                         "GRANT EXECUTE ON FUNCTION frontdesk.lock_table() TO frontdesk_staff");
  assert_refused (fixture->bens, "SELECT * FROM frontdesk.lock_table()",
                  FD_DB_ERROR_PERMISSION_DENIED, "admin-only",
                  "Only an administrator may see the lock table.");

  /* A check trigger: the day comes as YYYY-MM-DD and is written the locale's way. */
  born = assert_refused (fixture->owner,
                         "UPDATE frontdesk.clients SET birth_date = current_date + 10 WHERE id = 4", FD_DB_ERROR_CONSTRAINT_VIOLATION,
                         "birth-date-future", future_day);

  /* No session: the client's sentence is not the server's English one. */
  result = PQexec (fixture->bens, "SELECT frontdesk.lock_acquire('clients', '5')");
  none = assert_refused (fixture->bens, "SELECT frontdesk.lock_acquire('clients', '5')",
                         FD_DB_ERROR_NO_SESSION, "no-session", "Sign in again");
  error = fd_db_error_from_result (result);
  g_assert_cmpstr (error->message, !=, PQresultErrorField (result, PG_DIAG_MESSAGE_PRIMARY));
  g_assert_null (strstr (error->message, "frontdesk.session_open"));
  g_clear_error (&error);
  g_clear_pointer (&result, PQclear);

  /* A generic trigger (its sentence a trigger argument) words it by its table. */
  assert_refused (fixture->owner, "DELETE FROM frontdesk.audit_log", FD_DB_ERROR_IMMUTABLE,
                  "immutable", "The audit log is never changed.");

  /* A rule broken by plain SQL: PostgreSQL's own check, in the rule's sentence. */
  result = PQexec (fixture->owner, "UPDATE frontdesk.clients SET first_name = '' WHERE id = 6");
  error = fd_db_error_from_result (result);
  g_assert_error (error, FD_DB_ERROR, FD_DB_ERROR_CONSTRAINT_VIOLATION);
  g_assert_cmpstr (error->message, ==,
                   fd_db_error_constraint_sentence ("clients_first_name_length"));
  g_clear_error (&error);
  g_clear_pointer (&result, PQclear);

  /* A refusal with no key is marked as the server's own words. */
  result = PQexec (fixture->bens, "DO $$ BEGIN RAISE EXCEPTION 'Plain words' "
                                  "USING ERRCODE = 'FD004'; END $$");
  error = fd_db_error_from_result (result);
  g_assert_error (error, FD_DB_ERROR, FD_DB_ERROR_BAD_REQUEST);
  g_assert_cmpstr (error->message, ==, "The database server said: Plain words");
}

/* A moment of the record-held sentence is written on the desktop's clock, in local time. */
static void
test_times_follow_the_desktop_clock (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) interface = NULL;
  g_autoptr(GDateTime) afternoon = g_date_time_new_local (2026, 3, 4, 14, 5, 0);
  g_autoptr(JsonObject) params = json_object_new ();
  g_autofree char *sentence = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, "org.gnome.desktop.interface", TRUE);
  if (schema == NULL)
    {
      g_test_skip ("org.gnome.desktop.interface is not installed");
      return;
    }
  interface = g_settings_new ("org.gnome.desktop.interface");
  g_settings_set_string (interface, "clock-format", "12h");

  json_object_set_string_member (params, "holder", "Anna Berg");
  json_object_set_string_member (params, "workstation", "Reception 1");
  json_object_set_double_member (params, "since", (double) g_date_time_to_unix (afternoon));
  sentence = fd_db_error_sentence ("record-held", params);
  g_assert_cmpstr (sentence, ==, "Anna Berg at Reception 1 has this record open (since 2:05 PM), "
                                 "so it cannot be changed now.");
  g_settings_reset (interface, "clock-format");
}

/* Under German, with a test-only catalogue (tests/server-words-de.po), the sentence is the
 * translation: the client's words, whatever the server's MESSAGE says. */
static void
test_sentences_are_translated (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *folder = fd_test_make_temp_dir ("words");
  g_autofree char *messages = g_build_filename (folder, "de", "LC_MESSAGES", NULL);
  g_autofree char *catalogue = g_build_filename (messages, GETTEXT_PACKAGE ".mo", NULL);
  g_autofree char *built = g_test_build_filename (G_TEST_BUILT, "server-words-de.mo", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *held = g_strdup_printf ("%s an Reception 1 hat diesen Datensatz offen (seit ",
                                           fixture->anna);
  g_autoptr(GError) error = NULL;
  g_autoptr(PGresult) result = NULL;
  gsize length;

  if (setlocale (LC_ALL, "de_DE.UTF-8") == NULL)
    {
      g_test_skip ("The de_DE.UTF-8 locale is not installed");
      return;
    }
  g_assert_true (g_file_get_contents (built, &contents, &length, NULL));
  g_assert_cmpint (g_mkdir_with_parents (messages, 0700), ==, 0);
  g_assert_true (g_file_set_contents (catalogue, contents, length, NULL));
  bindtextdomain (GETTEXT_PACKAGE, folder);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  assert_refused (fixture->annas, "SELECT * FROM frontdesk.load_record('clients', '999999')",
                  FD_DB_ERROR_NOT_FOUND, "record-gone", "Diesen Datensatz gibt es nicht mehr.");
  fd_test_exec_blocking (fixture->annas, "SELECT frontdesk.lock_acquire('clients', '7')");
  json_object_unref (assert_refused (fixture->bens,
                                     "UPDATE frontdesk.clients SET notes = 'x' WHERE id = 7",
                                     FD_DB_ERROR_RECORD_HELD, "record-held", held));

  result = PQexec (fixture->bens, "DO $$ BEGIN RAISE EXCEPTION 'Plain words' "
                                  "USING ERRCODE = 'FD004'; END $$");
  error = fd_db_error_from_result (result);
  g_assert_cmpstr (error->message, ==, "Der Datenbankserver sagte: Plain words");

  setlocale (LC_ALL, "C.UTF-8");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  fd_test_remove_tree (folder);
}

int
main (int   argc,
      char *argv[])
{
  fd_test_init (&argc, &argv);

  g_test_add_func ("/server-words/every-key", test_every_key_has_a_sentence);
  g_test_add_func ("/server-words/desktop-clock", test_times_follow_the_desktop_clock);
  g_test_add ("/server-words/every-raise", Fixture, NULL, fixture_setup,
              test_every_raise_has_a_key, fixture_teardown);
  g_test_add ("/server-words/every-constraint", Fixture, NULL, fixture_setup,
              test_every_constraint_has_a_sentence, fixture_teardown);
  g_test_add ("/server-words/refusals", Fixture, NULL, fixture_setup,
              test_refusals_in_the_clients_words, fixture_teardown);
  g_test_add ("/server-words/translated", Fixture, NULL, fixture_setup,
              test_sentences_are_translated, fixture_teardown);

  return fd_test_run ();
}
