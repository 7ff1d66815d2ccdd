-- 0030-search-by-names.sql: a substring search whose cost follows the 200 it returns, not
-- every client that matches. A practice has far fewer names than clients: each distinct
-- last and first name pair is one entry of a small dictionary, with how many clients bear
-- it, and a trigram index on it. The clients of the first matching names in name order are
-- then one range each of the name-order index; the rest of the search key (preferred name
-- and phone digits) has a trigram index of its own.
-- SPDX-License-Identifier: GPL-3.0-or-later

-- A search key (0006) is last_key || ' ' || first_key || rest, where the rest begins with a
-- space: the preferred name, then the phone digits.
CREATE FUNCTION frontdesk.client_search_rest(last_key text, first_key text, search_key text)
  RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$
    SELECT substr(search_key, char_length(last_key) + char_length(first_key) + 2)
  $$;

-- One row per last and first name pair, counted (all, and those not archived).
CREATE TABLE frontdesk.client_search_names (
  last_key  text    NOT NULL,
  first_key text    NOT NULL,
  name_key  text    NOT NULL,
  clients   integer NOT NULL,
  active    integer NOT NULL,
  PRIMARY KEY (last_key, first_key)
);

INSERT INTO frontdesk.client_search_names
SELECT e.last_key, e.first_key, e.last_key || ' ' || e.first_key, count(*),
       count(*) FILTER (WHERE NOT e.archived)
  FROM frontdesk.client_search_entries e
 GROUP BY e.last_key, e.first_key
 ORDER BY e.last_key, e.first_key;

CREATE INDEX client_search_names_trigrams ON frontdesk.client_search_names
  USING gin (name_key public.gin_trgm_ops);
GRANT SELECT ON frontdesk.client_search_names TO frontdesk_staff;

-- The names are searched in the dictionary: the entries' trigrams need only the rest.
CREATE INDEX client_search_entries_rest ON frontdesk.client_search_entries
  USING gin (frontdesk.client_search_rest(last_key, first_key, search_key)
             public.gin_trgm_ops);
DROP INDEX frontdesk.client_search_entries_trigrams;

-- The entries are stored in name order (0015 wrote them so, sample data and imports add
-- theirs sorted): the lowest and highest last name of each page say which pages hold the
-- start of the name order. One page a range, so that the planner intersects the trigram
-- index's exact matches with these pages rather than the other way round.
CREATE INDEX client_search_entries_name_pages ON frontdesk.client_search_entries
  USING brin ((last_key COLLATE "C")) WITH (pages_per_range = 1, autosummarize = on);

-- Kept by the entries' own changes (which follow the clients'), one statement at a time,
-- the names in order so that two desks adding clients lock them in the same order. A name
-- no client bears any longer stays, counted 0.
CREATE FUNCTION frontdesk.client_search_names_count() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO frontdesk.client_search_names AS n
    SELECT a.last_key, a.first_key, a.last_key || ' ' || a.first_key, count(*),
           count(*) FILTER (WHERE NOT a.archived)
      FROM added a GROUP BY a.last_key, a.first_key ORDER BY a.last_key, a.first_key
    ON CONFLICT (last_key, first_key) DO UPDATE
      SET clients = n.clients + excluded.clients, active = n.active + excluded.active;
  ELSIF TG_OP = 'DELETE' THEN
    UPDATE frontdesk.client_search_names n
       SET clients = n.clients - g.clients, active = n.active - g.active
      FROM (SELECT o.last_key, o.first_key, count(*) AS clients,
                   count(*) FILTER (WHERE NOT o.archived) AS active
              FROM gone o GROUP BY o.last_key, o.first_key) g
     WHERE n.last_key = g.last_key AND n.first_key = g.first_key;
  ELSE
    INSERT INTO frontdesk.client_search_names AS n
    SELECT d.last_key, d.first_key, d.last_key || ' ' || d.first_key, sum(d.clients),
           sum(d.active)
      FROM (SELECT a.last_key, a.first_key, 1 AS clients, (NOT a.archived)::integer AS active
              FROM added a
            UNION ALL
            SELECT o.last_key, o.first_key, -1, -(NOT o.archived)::integer FROM gone o) d
     GROUP BY d.last_key, d.first_key
    HAVING sum(d.clients) <> 0 OR sum(d.active) <> 0
     ORDER BY d.last_key, d.first_key
    ON CONFLICT (last_key, first_key) DO UPDATE
      SET clients = n.clients + excluded.clients, active = n.active + excluded.active;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER client_search_entries_names_insert AFTER INSERT
  ON frontdesk.client_search_entries REFERENCING NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION frontdesk.client_search_names_count();
CREATE TRIGGER client_search_entries_names_update AFTER UPDATE
  ON frontdesk.client_search_entries REFERENCING OLD TABLE AS gone NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION frontdesk.client_search_names_count();
CREATE TRIGGER client_search_entries_names_delete AFTER DELETE
  ON frontdesk.client_search_entries REFERENCING OLD TABLE AS gone
  FOR EACH STATEMENT EXECUTE FUNCTION frontdesk.client_search_names_count();

-- The first @need clients, in name order, of the names that match @pattern (as
-- client_search_names rows) and whose last name does not start with @wanted. The counts
-- say how many names are enough; where they are too few, every matching name is read.
CREATE FUNCTION frontdesk.client_search_by_names(pattern text, wanted text, need integer,
                                                 include_archived boolean)
  RETURNS bigint[]
  LANGUAGE plpgsql STABLE
  AS $$
DECLARE
  hits bigint[];
BEGIN
  hits := ARRAY(
    SELECT m.client_id
      FROM (SELECT n.last_key, n.first_key,
                   coalesce(sum(CASE WHEN include_archived THEN n.clients ELSE n.active END)
                              OVER (ORDER BY n.last_key, n.first_key
                                    ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)
                     AS before
              FROM frontdesk.client_search_names n
             WHERE n.name_key LIKE pattern AND NOT starts_with(n.last_key, wanted)
               AND CASE WHEN include_archived THEN n.clients ELSE n.active END > 0) g
     CROSS JOIN LATERAL (
       SELECT e.client_id FROM frontdesk.client_search_entries e
        WHERE e.last_key = g.last_key AND e.first_key = g.first_key
          AND (include_archived OR NOT e.archived)
        ORDER BY e.client_id LIMIT need) m
     WHERE g.before < need
     ORDER BY g.last_key, g.first_key, m.client_id LIMIT need);
  IF cardinality(hits) < need THEN
    -- Fewer than the counts promised (or none promised): every matching name, counts aside.
    hits := ARRAY(
      SELECT m.client_id
        FROM frontdesk.client_search_names n
       CROSS JOIN LATERAL (
         SELECT e.client_id FROM frontdesk.client_search_entries e
          WHERE e.last_key = n.last_key AND e.first_key = n.first_key
            AND (include_archived OR NOT e.archived)
          ORDER BY e.client_id LIMIT need) m
       WHERE n.name_key LIKE pattern AND NOT starts_with(n.last_key, wanted)
       ORDER BY n.last_key, n.first_key, m.client_id LIMIT need);
  END IF;
  RETURN hits;
END
$$;

-- Those where @wanted runs from the end of the first name into the rest (it has a space
-- there): the names that end with what comes before one of its spaces, their clients read
-- one by one.
CREATE FUNCTION frontdesk.client_search_across(pattern text, wanted text, need integer,
                                               include_archived boolean)
  RETURNS bigint[]
  LANGUAGE plpgsql STABLE
  AS $$
DECLARE
  hits bigint[] := '{}';
  head text;
BEGIN
  FOR position IN 2 .. coalesce(char_length(wanted), 0) LOOP
    CONTINUE WHEN substr(wanted, position, 1) <> ' ';
    head := replace(replace(replace(left(wanted, position - 1), '\', '\\'), '%', '\%'),
                    '_', '\_');
    hits := hits || ARRAY(
      SELECT m.client_id
        FROM frontdesk.client_search_names n
       CROSS JOIN LATERAL (
         SELECT e.client_id FROM frontdesk.client_search_entries e
          WHERE e.last_key = n.last_key AND e.first_key = n.first_key
            AND e.search_key LIKE pattern AND (include_archived OR NOT e.archived)
          ORDER BY e.client_id LIMIT need) m
       WHERE n.name_key LIKE '%' || head AND NOT starts_with(n.last_key, wanted)
       ORDER BY n.last_key, n.first_key, m.client_id LIMIT need);
  END LOOP;
  RETURN hits;
END
$$;

-- The first @need entries, in name order, whose rest matches @pattern (and perhaps a few
-- whose names do, found elsewhere as well), among those up to the name (@last_key,
-- @first_key), where names sort by code point: the trigram index's matches on the pages
-- that hold those names, intersected before any entry is read (a walk of the name-order
-- index, which the planner would take for the order it gives, reads every entry in the
-- range). Phone numbers share their first digits (an area code, a mobile prefix): the
-- trigram index is asked for what follows the first character, and the whole key is then
-- compared.
CREATE FUNCTION frontdesk.client_search_rest_through(pattern text, wanted text,
                                                     last_key text, first_key text,
                                                     need integer, include_archived boolean,
                                                     by_code_point boolean)
  RETURNS bigint[]
  LANGUAGE plpgsql STABLE
  SET enable_indexscan = off
  SET enable_indexonlyscan = off
  AS $$
DECLARE
  probe text := CASE WHEN char_length(wanted) >= 4
                     THEN '%' || replace(replace(replace(substr(wanted, 2), '\', '\\'), '%', '\%'),
                                         '_', '\_') || '%'
                     ELSE pattern END;
  hits bigint[];
BEGIN
  EXECUTE 'SELECT coalesce(array_agg(m.client_id), ''{}'') FROM ('
          '  SELECT m.client_id '
          '    FROM (SELECT e.client_id, e.last_key, e.first_key '
          '            FROM frontdesk.client_search_entries e '
          '           WHERE frontdesk.client_search_rest(e.last_key, e.first_key, '
          '                                              e.search_key) LIKE $8 '
          '             AND e.search_key LIKE $1 '
          '             AND NOT starts_with(e.last_key, $2) '
          '             AND ($7 OR NOT e.archived) '
          '             AND e.last_key COLLATE "C" <= $3 '
          '             AND (e.last_key, e.first_key) <= ($3, $4) '
          '          OFFSET 0) m '
          '   ORDER BY CASE WHEN $6 THEN m.last_key COLLATE "C" END, '
          '            CASE WHEN $6 THEN m.first_key COLLATE "C" END, '
          '            m.last_key, m.first_key, m.client_id '
          '   LIMIT $5) m'
     INTO hits
    USING pattern, wanted, last_key, first_key, need, by_code_point, include_archived, probe;
  RETURN hits;
END
$$;

-- A search by phone digits shows the number that matched, not the first one the client has:
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

-- As in 0021; the substrings are found in three parts, each its first matches in name
-- order: in the names (the dictionary), across the end of the first name (when the query
-- has a space), and in the rest of the search key (0015's walk or trigrams, on the rest).
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

REVOKE EXECUTE ON FUNCTION frontdesk.client_search_rest(text, text, text),
  frontdesk.client_search_names_count(),
  frontdesk.client_search_by_names(text, text, integer, boolean),
  frontdesk.client_search_across(text, text, integer, boolean),
  frontdesk.client_search_rest_through(text, text, text, text, integer, boolean, boolean)
  FROM PUBLIC;
GRANT EXECUTE ON FUNCTION frontdesk.client_search_rest(text, text, text),
  frontdesk.client_search_by_names(text, text, integer, boolean),
  frontdesk.client_search_across(text, text, integer, boolean),
  frontdesk.client_search_rest_through(text, text, text, text, integer, boolean, boolean)
  TO frontdesk_staff;
