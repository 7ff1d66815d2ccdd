/* test-search.c: the client search, the record lookups and the day view of 0015 find exactly
 * what 0006, 0003 and 0009 found, on a sample practice, in the same order, and follow edits.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "fd-test-server.h"

/* 0006's search, as it was, for comparison: a LIKE on the search key in name order (the
 * phone shown being, since 0030, the one whose digits matched). */
static const char reference_search[] =
  "CREATE FUNCTION public.reference_search(query text, max_rows integer) "
  "RETURNS TABLE (id bigint, last_name text, first_name text, preferred_name text, "
  "               birth_date date, phone text, status text) "
  "LANGUAGE plpgsql STABLE AS $$ "
  "DECLARE "
  "  wanted text := lower(btrim(query)); "
  "  escaped text := replace(replace(replace(lower(btrim(query)), '\\', '\\\\'), '%', '\\%'), "
  "                          '_', '\\_'); "
  "  how_many integer := greatest(1, least(max_rows, 1000)); "
  "BEGIN "
  "  IF length(wanted) < 3 THEN "
  "    RETURN QUERY SELECT c.id, c.last_name, c.first_name, c.preferred_name, c.birth_date, "
  "                        coalesce(c.phone_mobile, c.phone_home, c.phone_work), c.status "
  "      FROM frontdesk.clients c WHERE lower(c.last_name) LIKE escaped || '%' "
  "     ORDER BY lower(c.last_name), lower(c.first_name), c.id LIMIT how_many; "
  "    RETURN; "
  "  END IF; "
  "  RETURN QUERY SELECT c.id, c.last_name, c.first_name, c.preferred_name, c.birth_date, "
  "                      frontdesk.matched_phone(wanted, c.phone_mobile, c.phone_home, "
  "                                              c.phone_work), c.status "
  "    FROM frontdesk.clients c "
  "   WHERE frontdesk.client_search_key(c.first_name, c.last_name, c.preferred_name, "
  "           c.phone_home, c.phone_mobile, c.phone_work) LIKE '%' || escaped || '%' "
  "   ORDER BY CASE WHEN lower(c.last_name) LIKE escaped || '%' THEN 0 ELSE 1 END, "
  "            lower(c.last_name), lower(c.first_name), c.id LIMIT how_many; "
  "END $$";

/* Every query of @source whose answer differs, with its row limit; empty when none does. The
 * archived included, and left out (the reference's first 1,000 without them). */
#define DIFFERENCES(source) \
  "SELECT coalesce(string_agg(format('%L/%s/%s', q.query, l.max_rows, a.archived), ', '), '') " \
  "  FROM " source " q CROSS JOIN (VALUES (200), (7), (1)) AS l (max_rows) " \
  "  CROSS JOIN (VALUES (true), (false)) AS a (archived) " \
  " WHERE (SELECT array_agg(row(r.*)::text) " \
  "          FROM (SELECT * FROM public.reference_search(q.query, 1000) r " \
  "                 WHERE a.archived OR r.status <> 'archived' LIMIT l.max_rows) r)" \
  "       IS DISTINCT FROM " \
  "       (SELECT array_agg(row(s.*)::text) " \
  "          FROM frontdesk.search_clients(q.query, l.max_rows, a.archived) s)"

static const char differences[] = DIFFERENCES ("queries");

/* Those of three characters or more: the substrings, which 0030 reads in parts. */
static const char substring_differences[] =
  DIFFERENCES ("(SELECT query FROM queries WHERE length(btrim(query)) >= 3)");

/* Letters, pairs of letters, the sample's other characters, parts of names and of phone
 * numbers, LIKE's own characters, spaces. */
static const char queries[] =
  "CREATE TEMPORARY TABLE queries AS "
  "SELECT q AS query FROM unnest(ARRAY['', ' ', '  a ', 'A', 'yO', 'zz', 'ø', 'ü', 'é', 'mü', "
  "  'o''', 'o''b', 'van', 'van der', 'van der berg', '%', '_', '\\', 'a%', 'm_l', '%%%', "
  "  '___', 'oun', 'mma', 'son', 'smith', 'SMITH emma', 'young oliv', 'xyz', 'ergaard', "
  "  'ström', 'léa', 'zoë', 'björn', '555', '07', '071', '0712', '555 0', '12345', '99999999', "
  "  ' 55', 'a b', 'ith ', 'h e', 'a 5', 'ia 07', 'emma 555', 'n ol', 'son 0', 'er b', "
  "  'berg l', 'ia 0', '5 07']) AS q "
  "UNION "
  "SELECT chr(a) FROM generate_series(97, 122) AS a "
  "UNION "
  "SELECT chr(a) || chr(b) FROM generate_series(97, 122) AS a, generate_series(97, 122) AS b";

/* 0009's day view, as it was, for comparison. */
static const char reference_day[] =
  "CREATE FUNCTION public.reference_day(day date) "
  "RETURNS TABLE (appointment_id bigint, operatory_id bigint, provider_id bigint, "
  "               starts_minute integer, length_minutes integer, client_id bigint, "
  "               client_name text, procedures text, status text, confirmation text, "
  "               appointment_type text, note text) "
  "LANGUAGE sql STABLE AS $$ "
  "  SELECT a.id, a.operatory_id, a.provider_id, "
  "         (extract(hour FROM a.starts_at AT TIME ZONE p.time_zone) * 60 "
  "          + extract(minute FROM a.starts_at AT TIME ZONE p.time_zone))::integer, "
  "         a.length_minutes, a.client_id, c.first_name || ' ' || c.last_name, "
  "         (SELECT string_agg(pc.abbreviation, ', ' ORDER BY pr.id) "
  "            FROM frontdesk.procedures pr "
  "            JOIN frontdesk.procedure_codes pc ON pc.id = pr.procedure_code_id "
  "           WHERE pr.appointment_id = a.id), "
  "         a.status, cd.name, td.name, a.note "
  "    FROM frontdesk.appointments a "
  "    JOIN frontdesk.practice p ON true "
  "    JOIN frontdesk.clients c ON c.id = a.client_id "
  "    LEFT JOIN frontdesk.definitions cd ON cd.id = a.confirmation_id "
  "    LEFT JOIN frontdesk.definitions td ON td.id = a.appointment_type_id "
  "   WHERE a.starts_at >= (day::timestamp AT TIME ZONE p.time_zone) "
  "     AND a.starts_at < ((day + 1)::timestamp AT TIME ZONE p.time_zone) "
  "   ORDER BY a.operatory_id, a.starts_at $$";

typedef struct
{
  char         *dbname;
  FdConnection *owner;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->dbname = fd_test_create_database (TRUE);
  fixture->owner = fd_test_open_connection (fixture->dbname);
  fd_test_exec (fixture->owner, "SELECT frontdesk.sample_data(3000, 7)");
  fd_test_exec (fixture->owner, reference_search);
  fd_test_exec (fixture->owner, queries);
  fd_test_exec (fixture->owner, reference_day);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->owner);
  fd_test_drop_database (fixture->dbname);
  g_free (fixture->dbname);
}

static void
assert_same_as_before (Fixture *fixture)
{
  g_autofree char *differing = fd_test_query_value (fixture->owner, differences);

  g_assert_cmpstr (differing, ==, "");
}

static void
test_same_as_before (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *found = NULL;

  /* Not an empty comparison: the sample has what the queries look for. */
  found = fd_test_query_value (fixture->owner,
                               "SELECT count(*) FROM queries q, "
                               "LATERAL frontdesk.search_clients(q.query, 200) s");
  g_assert_cmpint (g_ascii_strtoll (found, NULL, 10), >, 1000);
  assert_same_as_before (fixture);
}

static void
test_follows_edits (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *renamed = NULL;
  g_autofree char *old_name = NULL;  /* the new phone */
  g_autofree char *added = NULL;
  g_autofree char *matched = NULL;

  fd_test_exec (fixture->owner,
                "UPDATE frontdesk.clients SET last_name = 'Zyxwvut', phone_mobile = '0799 123 456' "
                "WHERE id = 17");
  fd_test_exec (fixture->owner,
                "UPDATE frontdesk.clients SET preferred_name = 'Qwerty' WHERE id BETWEEN 20 AND 25");
  fd_test_exec (fixture->owner, "UPDATE frontdesk.clients SET notes = 'x' WHERE id = 30");
  fd_test_exec (fixture->owner,
                "INSERT INTO frontdesk.clients (first_name, last_name, phone_home) "
                "VALUES ('Ada', 'Zyxwvutson', '555 0000'), ('Bo', 'Aardvark', NULL)");

  renamed = fd_test_query_value (fixture->owner,
                                 "SELECT string_agg(first_name || ' ' || last_name, ', ') "
                                 "FROM frontdesk.search_clients('zyx', 200)");
  g_assert_nonnull (strstr (renamed, "Zyxwvut"));
  g_assert_nonnull (strstr (renamed, "Ada Zyxwvutson"));
  old_name = fd_test_query_value (fixture->owner,
                                  "SELECT count(*) FROM frontdesk.search_clients('99 123 4', 200) "
                                  "WHERE id = 17");
  g_assert_cmpstr (old_name, ==, "1");
  added = fd_test_query_value (fixture->owner,
                               "SELECT count(*) FROM frontdesk.search_clients('qwerty', 200)");
  g_assert_cmpstr (added, ==, "6");

  /* Found by the digits of the home phone: the home phone is the one shown. */
  fd_test_exec (fixture->owner,
                "UPDATE frontdesk.clients SET phone_mobile = '0711 999 999', "
                "phone_home = '(555) 424-2' WHERE id = 18");
  matched = fd_test_query_value (fixture->owner,
                                 "SELECT phone FROM frontdesk.search_clients('555 424', 200) "
                                 "WHERE id = 18");
  g_assert_cmpstr (matched, ==, "(555) 424-2");
  g_free (matched);
  matched = fd_test_query_value (fixture->owner,
                                 "SELECT phone FROM frontdesk.search_clients('0711 9', 200) "
                                 "WHERE id = 18");
  g_assert_cmpstr (matched, ==, "0711 999 999");

  fd_test_exec (fixture->owner,
                "INSERT INTO queries VALUES ('zyx'), ('qwerty'), ('aar'), ('0799'), ('799123'), "
                "('555 424'), ('0711 9')");
  assert_same_as_before (fixture);
}

/* Each way 0030 reads the rest of the search keys (a walk of the name order, the trigram
 * matches on the first pages of the name order, every trigram match) finds the same, with
 * preferred names, archived clients and names that sort in between; the dictionary of names
 * counts what the entries hold. */
static void
test_every_way (Fixture       *fixture,
                gconstpointer  data)
{
  const char *ways[] = { "walk", "pages", "all", "" };
  g_autofree char *miscounted = NULL;

  fd_test_exec (fixture->owner,
                "UPDATE frontdesk.clients SET preferred_name = (ARRAY['Bounty', 'Smithy', "
                "'Mimma', 'Ia'])[1 + id % 4] WHERE id % 37 = 0");
  fd_test_exec (fixture->owner,
                "UPDATE frontdesk.clients SET status = 'archived' "
                "WHERE id % 23 = 0 AND guarantor_id <> id");
  fd_test_exec (fixture->owner,
                "INSERT INTO frontdesk.clients (first_name, last_name, phone_mobile) "
                "SELECT 'Mid', 'Jones' || i, '0712' || lpad(i::text, 6, '0') "
                "  FROM generate_series(1, 40) i");
  fd_test_exec (fixture->owner, "UPDATE frontdesk.clients SET last_name = 'Moved' WHERE id = 5");
  fd_test_exec (fixture->owner,
                "INSERT INTO queries VALUES ('unty'), ('ithy'), ('mimma'), ('y 5'), ('mid 07'), "
                "('0712'), ('ones1'), ('oved')");

  for (guint i = 0; i < G_N_ELEMENTS (ways); i++)
    {
      g_autofree char *set = g_strdup_printf ("SET frontdesk.search_rest_way = '%s'", ways[i]);

      g_autofree char *differing = NULL;

      fd_test_exec (fixture->owner, set);
      differing = fd_test_query_value (fixture->owner, substring_differences);
      g_assert_cmpstr (differing, ==, "");
    }
  assert_same_as_before (fixture);

  miscounted = fd_test_query_value (
    fixture->owner,
    "SELECT count(*) FROM frontdesk.client_search_names n "
    "  FULL JOIN (SELECT e.last_key, e.first_key, count(*) AS clients, "
    "                    count(*) FILTER (WHERE NOT e.archived) AS active "
    "               FROM frontdesk.client_search_entries e GROUP BY 1, 2) c "
    "    ON c.last_key = n.last_key AND c.first_key = n.first_key "
    " WHERE coalesce(c.clients, 0) <> coalesce(n.clients, -1) "
    "    OR coalesce(c.active, 0) <> coalesce(n.active, -1)");
  g_assert_cmpstr (miscounted, ==, "0");
}

/* 0033 finds digits (three, four, five and more, alone) in windows of the entries' digits:
 * the same as 0006 and as 0030's ways, through preferred names with digits, archived
 * clients, phones changed or removed after they were added, and a client deleted; the
 * windows are what the entries' digits give. */
static void
test_by_digits (Fixture       *fixture,
                gconstpointer  data)
{
  const char *ways[] = { "", "walk", "all", "pages" };
  g_autofree char *deleted = NULL;
  g_autofree char *stale = NULL;

  fd_test_exec (fixture->owner,
                "UPDATE frontdesk.clients SET preferred_name = (ARRAY['R2d2', 'Agent 0071', "
                "'x12345y', 'Bo 555'])[1 + id % 4] WHERE id % 41 = 0");
  fd_test_exec (fixture->owner,
                "UPDATE frontdesk.clients SET status = 'archived' "
                "WHERE id % 19 = 0 AND guarantor_id <> id");
  fd_test_exec (fixture->owner,
                "INSERT INTO frontdesk.clients (first_name, last_name, phone_mobile, phone_work) "
                "SELECT 'Dig', 'Its' || i, '+49 (0)711 ' || lpad(i::text, 4, '0'), "
                "       CASE WHEN i % 3 = 0 THEN '0711-3' || i END "
                "  FROM generate_series(1, 30) i");
  /* Changed after they were added: the old digits no longer find them, the new ones do. */
  fd_test_exec (fixture->owner,
                "UPDATE frontdesk.clients SET phone_mobile = '0799 8642 13' "
                "WHERE last_name IN ('Its4', 'Its5')");
  fd_test_exec (fixture->owner,
                "UPDATE frontdesk.clients SET phone_mobile = NULL, phone_work = NULL "
                "WHERE last_name = 'Its6'");
  fd_test_exec (fixture->owner,
                "UPDATE frontdesk.clients SET last_name = 'Renamed' WHERE last_name = 'Its7'");
  fd_test_exec (fixture->owner,
                "UPDATE frontdesk.clients SET status = 'archived' WHERE last_name = 'Its8'");
  fd_test_exec (fixture->owner,
                "INSERT INTO frontdesk.clients (first_name, last_name, phone_home) "
                "VALUES ('Del', 'Eted', '0799 97531')");
  /* Clients are archived, never deleted; the owner can all the same (a mistaken import). */
  fd_test_exec (fixture->owner,
                "ALTER TABLE frontdesk.clients DISABLE TRIGGER clients_never_deleted");
  fd_test_exec (fixture->owner, "DELETE FROM frontdesk.clients WHERE last_name = 'Eted'");
  fd_test_exec (fixture->owner,
                "ALTER TABLE frontdesk.clients ENABLE TRIGGER clients_never_deleted");
  fd_test_exec (fixture->owner,
                "INSERT INTO queries VALUES ('123'), ('0711'), ('711'), ('0004'), ('00040'), "
                "('4907110'), ('8642'), ('864213'), ('97531'), ('975'), ('0799'), ('071'), "
                "('2345'), ('12345'), ('007'), ('0071'), ('555'), ('55510'), ('3000'), "
                "('0711 0'), ('711 00'), ('7113'), ('71130'), ('98989898'), ('000'), ('999'), "
                "('42424242424242424242')");

  deleted = fd_test_query_value (fixture->owner,
                                 "SELECT count(*) FROM frontdesk.search_clients('97531', 200)");
  g_assert_cmpstr (deleted, ==, "0");
  for (guint i = 0; i < G_N_ELEMENTS (ways); i++)
    {
      g_autofree char *set = g_strdup_printf ("SET frontdesk.search_rest_way = '%s'", ways[i]);
      g_autofree char *differing = NULL;

      fd_test_exec (fixture->owner, set);
      differing = fd_test_query_value (fixture->owner, substring_differences);
      g_assert_cmpstr (differing, ==, "");
    }

  /* Every row of the windows is one an entry gives, and every one an entry gives is there. */
  stale = fd_test_query_value (
    fixture->owner,
    "SELECT count(*) FROM frontdesk.client_search_digits d "
    "  FULL JOIN (SELECT e.client_id, w.gram, e.archived, e.last_key, e.first_key "
    "               FROM frontdesk.client_search_entries e "
    "              CROSS JOIN LATERAL unnest(frontdesk.client_search_digit_windows( "
    "                frontdesk.client_search_rest(e.last_key, e.first_key, e.search_key))) "
    "                AS w (gram)) x "
    "    ON x.client_id = d.client_id AND x.gram = d.gram AND x.archived = d.archived "
    "   AND x.last_key = d.last_key AND x.first_key = d.first_key "
    " WHERE x.client_id IS NULL OR d.client_id IS NULL");
  g_assert_cmpstr (stale, ==, "0");
}

/* The key is found by the index, and only its exact text finds it, as before. */
static void
test_record_keys (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *loaded = NULL;
  g_autofree char *practice = NULL;
  const char *not_keys[] = { "042", " 42", "42 ", "+42", "abc", "", "4.2",
                             "99999999999999999999", "9223372036854775808" };

  loaded = fd_test_query_value (fixture->owner,
                                "SELECT value FROM frontdesk.load_record('clients', '42') "
                                "WHERE column_name = 'id'");
  g_assert_cmpstr (loaded, ==, "42");
  practice = fd_test_query_value (fixture->owner,
                                  "SELECT value FROM frontdesk.load_record('practice', 'true') "
                                  "WHERE column_name = 'name'");
  g_assert_cmpstr (practice, ==, "Harbour View Dental");

  for (guint i = 0; i < G_N_ELEMENTS (not_keys); i++)
    {
      g_autofree char *load = g_strdup_printf ("SELECT * FROM frontdesk.load_record("
                                               "'clients', '%s')", not_keys[i]);
      g_autofree char *save = g_strdup_printf ("SELECT * FROM frontdesk.save_record("
                                               "'clients', '%s', 'notes', NULL, 'x')",
                                               not_keys[i]);

      fd_test_assert_refused (fixture->owner, load, FD_DB_ERROR_NOT_FOUND, "no longer exists");
      fd_test_assert_refused (fixture->owner, save, FD_DB_ERROR_NOT_FOUND, "no longer exists");
    }
  fd_test_assert_refused (fixture->owner,
                          "SELECT * FROM frontdesk.load_record('practice', 'yes')",
                          FD_DB_ERROR_NOT_FOUND, "no longer exists");
}

/* Every day of the sample's weeks, and one in another time zone, as 0009 showed them (0017
 * adds columns after these). */
static void
test_day_view (Fixture       *fixture,
               gconstpointer  data)
{
  static const char compare[] =
    "SELECT coalesce(string_agg(d::date::text, ', '), '') "
    "  FROM generate_series(current_date - 10, current_date + 10, interval '1 day') AS d "
    " WHERE (SELECT array_agg(row(r.*)::text) FROM public.reference_day(d::date) r) "
    "       IS DISTINCT FROM "
    "       (SELECT array_agg(row(n.appointment_id, n.operatory_id, n.provider_id, "
    "                             n.starts_minute, n.length_minutes, n.client_id, "
    "                             n.client_name, n.procedures, n.status, n.confirmation, "
    "                             n.appointment_type, n.note)::text) "
    "          FROM frontdesk.day_appointments(d::date) n)";
  g_autofree char *booked = NULL;
  g_autofree char *differing = NULL;
  g_autofree char *elsewhere = NULL;

  booked = fd_test_query_value (fixture->owner,
                                "SELECT count(*) FROM generate_series(current_date - 10, "
                                "current_date + 10, interval '1 day') AS d, "
                                "LATERAL frontdesk.day_appointments(d::date) a "
                                "WHERE a.procedures IS NOT NULL");
  g_assert_cmpint (g_ascii_strtoll (booked, NULL, 10), >, 10);
  differing = fd_test_query_value (fixture->owner, compare);
  g_assert_cmpstr (differing, ==, "");

  fd_test_exec (fixture->owner, "UPDATE frontdesk.practice SET time_zone = 'Pacific/Auckland'");
  elsewhere = fd_test_query_value (fixture->owner, compare);
  g_assert_cmpstr (elsewhere, ==, "");
}

int
main (int   argc,
      char *argv[])
{
  fd_test_init (&argc, &argv);

  g_test_add ("/frontdesk/search/same-as-before", Fixture, NULL, fixture_setup,
              test_same_as_before, fixture_teardown);
  g_test_add ("/frontdesk/search/follows-edits", Fixture, NULL, fixture_setup,
              test_follows_edits, fixture_teardown);
  g_test_add ("/frontdesk/search/every-way", Fixture, NULL, fixture_setup, test_every_way,
              fixture_teardown);
  g_test_add ("/frontdesk/search/by-digits", Fixture, NULL, fixture_setup, test_by_digits,
              fixture_teardown);
  g_test_add ("/frontdesk/search/day-view-as-before", Fixture, NULL, fixture_setup,
              test_day_view, fixture_teardown);
  g_test_add ("/frontdesk/search/record-keys", Fixture, NULL, fixture_setup,
              test_record_keys, fixture_teardown);

  return fd_test_run ();
}
