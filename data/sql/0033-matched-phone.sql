-- 0033-matched-phone.sql: a search by phone digits shows the number that matched.
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- The list showed a client's first phone (mobile, home, work) whatever was typed, so a search
-- for digits of the home number showed the mobile one, and the person could not see why the
-- client was found. The phone that contains the digits typed is shown now; the others as before.

-- The phone of (@mobile, @home, @work) whose digits contain @wanted (the search as typed,
-- lower-cased and trimmed), written as stored; the first one there is when @wanted is not
-- phone digits or none contains them.
CREATE FUNCTION frontdesk.matched_phone(wanted text, mobile text, home text, work text)
  RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$
    SELECT CASE
      WHEN length(wanted) < 3 OR wanted !~ '^[0-9 ]+$' THEN coalesce(mobile, home, work)
      WHEN strpos(regexp_replace(coalesce(mobile, ''), '[^0-9 ]', '', 'g'), wanted) > 0 THEN mobile
      WHEN strpos(regexp_replace(coalesce(home, ''), '[^0-9 ]', '', 'g'), wanted) > 0 THEN home
      WHEN strpos(regexp_replace(coalesce(work, ''), '[^0-9 ]', '', 'g'), wanted) > 0 THEN work
      ELSE coalesce(mobile, home, work)
    END
  $$;

REVOKE EXECUTE ON FUNCTION frontdesk.matched_phone(text, text, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION frontdesk.matched_phone(text, text, text, text) TO frontdesk_staff;

-- frontdesk.search_clients (0030's, the phone shown being the one that matched) -----------
CREATE OR REPLACE FUNCTION frontdesk.search_clients(query text, max_rows integer,
                                                    include_archived boolean DEFAULT false)
  RETURNS TABLE (id bigint, last_name text, first_name text, preferred_name text,
                 birth_date date, phone text, status text)
  LANGUAGE plpgsql STABLE
  AS $$
DECLARE
  wanted text := lower(btrim(query));
  escaped text := replace(replace(replace(lower(btrim(query)), '\', '\\'), '%', '\%'), '_', '\_');
  how_many integer := greatest(1, least(max_rows, 1000));
  upper_bound text;
  by_code_point boolean := frontdesk.sorts_by_code_point();
  found bigint[];
  others bigint[] := '{}';
  across bigint[] := '{}';
  rest bigint[] := '{}';
  hits bigint[];
  need integer;
  pattern text;
  entries float8;
  sampled_hits bigint;
  sampled bigint;
  budget float8;
  done boolean := false;
  stretch integer;
  walked float8 := 0;
  walked_now integer;
  last_walked bigint;
  after_last text := '';
  after_first text := '';
  after_id bigint := -9223372036854775808;
  density float8;
  expected float8;
  positions float8;
  pages float8;
  cost_walk float8;
  cost_range float8;
  cost_all float8;
  way text;
BEGIN
  -- Those whose last name starts with the query: one range of the name order, read from the
  -- index alone; elsewhere a walk of the same index.
  upper_bound := frontdesk.prefix_successor(wanted);
  IF NOT by_code_point THEN
    found := ARRAY(SELECT e.client_id FROM frontdesk.client_search_entries e
                    WHERE e.last_key LIKE escaped || '%' AND (include_archived OR NOT e.archived)
                    ORDER BY e.last_key, e.first_key, e.client_id LIMIT how_many);
  ELSIF upper_bound IS NULL THEN
    found := ARRAY(SELECT e.client_id FROM frontdesk.client_search_entries e
                    WHERE e.last_key >= wanted AND e.last_key LIKE escaped || '%'
                      AND (include_archived OR NOT e.archived)
                    ORDER BY e.last_key, e.first_key, e.client_id LIMIT how_many);
  ELSE
    found := ARRAY(SELECT e.client_id FROM frontdesk.client_search_entries e
                    WHERE e.last_key >= wanted AND e.last_key < upper_bound
                      AND e.last_key LIKE escaped || '%'
                      AND (include_archived OR NOT e.archived)
                    ORDER BY e.last_key, e.first_key, e.client_id LIMIT how_many);
  END IF;

  IF length(wanted) >= 3 AND cardinality(found) < how_many THEN
    need := how_many - cardinality(found);
    pattern := '%' || escaped || '%';
    others := frontdesk.client_search_by_names(pattern, wanted, need, include_archived);
    IF strpos(wanted, ' ') > 0 THEN
      across := frontdesk.client_search_across(pattern, wanted, need, include_archived);
    END IF;

    -- In the rest (phone digits, preferred names), as 0015 searched the whole key, in the
    -- cheapest of three ways, judged from a sample of the entries' pages: where matches are
    -- common, a walk of the name order in stretches, reading the index alone; where they are
    -- rare, every one found by the trigram index; in between (phone digits are spread evenly
    -- over the names), the trigram index's matches within the first stretch of the name
    -- order that should hold enough of them, the names' counts saying where it ends (where
    -- names sort by code point). Per entry walked, per match read and per page of entries
    -- looked up: about 0.45, 2.4 and 0.1 µs.
    SELECT greatest(c.reltuples, 1), c.relpages INTO entries, pages
      FROM pg_catalog.pg_class c WHERE c.oid = 'frontdesk.client_search_entries'::regclass;
    EXECUTE 'SELECT count(*) FILTER (WHERE frontdesk.client_search_rest(e.last_key, '
            '                              e.first_key, e.search_key) LIKE $1), count(*) '
            '  FROM frontdesk.client_search_entries e TABLESAMPLE SYSTEM ($2) REPEATABLE (0)'
       INTO sampled_hits, sampled
      USING pattern, least(100, 100 * 2000 / entries);
    expected := greatest(entries * sampled_hits / greatest(sampled, 1), 1);
    cost_walk := 0.45 * need * entries / expected;
    cost_range := CASE WHEN by_code_point
                       THEN 0.1 * pages + 0.11 * expected + 2.4 * 2 * need END;
    cost_all := 2.4 * expected + 0.11 * expected;
    way := CASE WHEN sampled_hits = 0 THEN 'all'
                WHEN coalesce(cost_range < least(cost_walk, cost_all), false) THEN 'pages'
                WHEN cost_all < cost_walk THEN 'all'
                ELSE 'walk' END;
    -- The tests try each way on a small practice (where one is always cheapest).
    way := CASE current_setting('frontdesk.search_rest_way', true)
             WHEN 'walk' THEN 'walk' WHEN 'all' THEN 'all'
             WHEN 'pages' THEN CASE WHEN by_code_point THEN 'pages' ELSE way END
             ELSE way END;
    budget := CASE WHEN way = 'walk' THEN greatest(2 * expected, 100) ELSE 0 END;
    stretch := least(4000, budget)::integer;

    IF way = 'pages' THEN
      positions := least(entries, ceil(2 * need * entries / expected));
      SELECT s.last_key, s.first_key INTO after_last, after_first
        FROM (SELECT n.last_key, n.first_key,
                     sum(n.clients) OVER (ORDER BY n.last_key, n.first_key
                                          ROWS UNBOUNDED PRECEDING) AS through
                FROM frontdesk.client_search_names n) s
       WHERE s.through >= positions LIMIT 1;
      IF after_last IS NOT NULL THEN
        rest := frontdesk.client_search_rest_through(pattern, wanted, after_last, after_first,
                                                      need, include_archived, by_code_point);
        after_id := 9223372036854775807;
        done := cardinality(rest) >= need;
      ELSE
        after_last := '';
        after_first := '';
      END IF;
    END IF;

    WHILE stretch >= 100 LOOP
      EXECUTE 'SELECT count(*), (array_agg(w.client_id))[count(*)], '
              '       coalesce(array_agg(w.client_id) FILTER (WHERE w.hit), ''{}'') '
              '  FROM (SELECT e.client_id, '
              '               frontdesk.client_search_rest(e.last_key, e.first_key, '
              '                                            e.search_key) LIKE $1 '
              '               AND NOT starts_with(e.last_key, $2) '
              '               AND ($7 OR NOT e.archived) AS hit '
              '          FROM frontdesk.client_search_entries e '
              '         WHERE (e.last_key, e.first_key, e.client_id) > ($3, $4, $5) '
              '         ORDER BY e.last_key, e.first_key, e.client_id '
              '         LIMIT $6) w'
         INTO walked_now, last_walked, hits
        USING pattern, wanted, after_last, after_first, after_id, stretch, include_archived;
      rest := rest || hits;
      walked := walked + walked_now;
      IF cardinality(rest) >= need OR walked_now < stretch THEN
        done := true;
        EXIT;
      END IF;

      SELECT e.last_key, e.first_key, e.client_id INTO after_last, after_first, after_id
        FROM frontdesk.client_search_entries e WHERE e.client_id = last_walked;
      density := cardinality(rest) / walked;
      stretch := least(CASE WHEN density > 0
                            THEN ceil((need - cardinality(rest)) / density * 1.25) + 100
                            ELSE 2 * stretch END,
                       budget - walked, 200000)::integer;
    END LOOP;

    IF NOT done THEN
      -- Every match after what was walked or read: byte order first where it is the name
      -- order, cheaper to compare.
      EXECUTE 'SELECT array_agg(m.client_id) FROM ('
              '  SELECT m.client_id '
              '    FROM (SELECT e.client_id, e.last_key, e.first_key '
              '            FROM frontdesk.client_search_entries e '
              '           WHERE frontdesk.client_search_rest(e.last_key, e.first_key, '
              '                                              e.search_key) LIKE $1 '
              '             AND NOT starts_with(e.last_key, $2) '
              '             AND ($8 OR NOT e.archived) '
              '             AND (e.last_key, e.first_key, e.client_id) > ($3, $4, $5) '
              '          OFFSET 0) m '
              '   ORDER BY CASE WHEN $6 THEN m.last_key COLLATE "C" END, '
              '            CASE WHEN $6 THEN m.first_key COLLATE "C" END, '
              '            m.last_key, m.first_key, m.client_id '
              '   LIMIT $7) m'
         INTO hits
        USING pattern, wanted, after_last, after_first, after_id, by_code_point,
              need - cardinality(rest), include_archived;
      rest := rest || coalesce(hits, '{}');
    END IF;

    -- Each part is in name order: one alone is the answer; two or more are merged.
    IF cardinality(across) = 0 AND (cardinality(others) = 0 OR cardinality(rest) = 0) THEN
      found := found || (others || rest)[1:need];
    ELSE
      found := found || ARRAY(SELECT e.client_id FROM frontdesk.client_search_entries e
                               WHERE e.client_id = ANY (others || across || rest)
                               ORDER BY e.last_key, e.first_key, e.client_id LIMIT need);
    END IF;
  END IF;

  RETURN QUERY
    SELECT c.id, c.last_name, c.first_name, c.preferred_name, c.birth_date,
           frontdesk.matched_phone(wanted, c.phone_mobile, c.phone_home, c.phone_work), c.status
      FROM unnest(found) WITH ORDINALITY AS f (client_id, position)
      JOIN frontdesk.clients c ON c.id = f.client_id
     ORDER BY f.position;
END
$$;

