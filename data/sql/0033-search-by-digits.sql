-- 0033-search-by-digits.sql: a search by digits whose cost follows the 200 it returns, not
-- how the entries happen to lie on disk. Digits are spread evenly over the names (a phone
-- number says nothing of its owner's name), so the trigram index's matches for them are
-- spread over the whole name order and 0030 had to intersect them with the first pages.
-- Here every run of digits in the rest of a search key (0030: the preferred name, then the
-- phone digits) is cut into windows of four digits (a run of three is one), each window one
-- row with the entry's name keys: one btree range per window is then already in name order.
-- SPDX-License-Identifier: GPL-3.0-or-later

-- A window as a number: four digits are themselves (0 to 9999), a run of three digits 10000
-- and up. Three digits of a longer run begin one of its windows of four or end its last, so
-- a query of three digits is 21 ranges and one of four digits is one.
CREATE FUNCTION frontdesk.client_search_digit_windows(rest text)
  RETURNS smallint[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$
    SELECT coalesce(array_agg(DISTINCT w.gram ORDER BY w.gram), '{}')
      FROM regexp_matches(rest, '[0-9]{3,}', 'g') AS m (run)
     CROSS JOIN LATERAL (
       SELECT substr(m.run[1], i, 4)::smallint AS gram
         FROM generate_series(1, char_length(m.run[1]) - 3) AS i
       UNION ALL
       SELECT (10000 + m.run[1]::integer)::smallint WHERE char_length(m.run[1]) = 3) w
  $$;

-- Column order packs the rows (the number first, then the short texts).
CREATE TABLE frontdesk.client_search_digits (
  client_id bigint   NOT NULL,
  gram      smallint NOT NULL,
  archived  boolean  NOT NULL,
  last_key  text     NOT NULL,
  first_key text     NOT NULL
);

INSERT INTO frontdesk.client_search_digits
SELECT e.client_id, w.gram, e.archived, e.last_key, e.first_key
  FROM frontdesk.client_search_entries e
 CROSS JOIN LATERAL unnest(frontdesk.client_search_digit_windows(
                             frontdesk.client_search_rest(e.last_key, e.first_key,
                                                          e.search_key))) AS w (gram)
 ORDER BY w.gram, e.last_key, e.first_key, e.client_id;

-- Each window's entries in name order, archived read from the index too. The same index
-- finds a client's rows when they change: its windows and name keys are the whole key.
CREATE INDEX client_search_digits_order ON frontdesk.client_search_digits
  (gram, last_key, first_key, client_id) INCLUDE (archived);
GRANT SELECT ON frontdesk.client_search_digits TO frontdesk_staff;

-- Kept by the entries' own changes: inserts and deletes one statement at a time, the rows in
-- index order.
CREATE FUNCTION frontdesk.client_search_digits_insert() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
BEGIN
  INSERT INTO frontdesk.client_search_digits
  SELECT a.client_id, w.gram, a.archived, a.last_key, a.first_key
    FROM added a
   CROSS JOIN LATERAL unnest(frontdesk.client_search_digit_windows(
                               frontdesk.client_search_rest(a.last_key, a.first_key,
                                                            a.search_key))) AS w (gram)
   ORDER BY w.gram, a.last_key, a.first_key, a.client_id;
  RETURN NULL;
END
$$;

CREATE FUNCTION frontdesk.client_search_digits_delete() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
BEGIN
  DELETE FROM frontdesk.client_search_digits d
   USING (SELECT o.client_id, o.last_key, o.first_key,
                 frontdesk.client_search_digit_windows(
                   frontdesk.client_search_rest(o.last_key, o.first_key, o.search_key))
                   AS windows
            FROM gone o) g
   WHERE d.gram = ANY (g.windows) AND d.last_key = g.last_key
     AND d.first_key = g.first_key AND d.client_id = g.client_id;
  RETURN NULL;
END
$$;

-- A save rewrites its client's entry; the rows change only when the windows or the name
-- keys do (a new phone, a new name), and only archived when only that does.
CREATE FUNCTION frontdesk.client_search_digits_update() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
DECLARE
  old_windows smallint[] := frontdesk.client_search_digit_windows(
    frontdesk.client_search_rest(OLD.last_key, OLD.first_key, OLD.search_key));
  new_windows smallint[] := frontdesk.client_search_digit_windows(
    frontdesk.client_search_rest(NEW.last_key, NEW.first_key, NEW.search_key));
BEGIN
  IF old_windows = new_windows AND OLD.client_id = NEW.client_id
     AND OLD.last_key = NEW.last_key AND OLD.first_key = NEW.first_key THEN
    IF OLD.archived <> NEW.archived THEN
      UPDATE frontdesk.client_search_digits d SET archived = NEW.archived
       WHERE d.gram = ANY (old_windows) AND d.last_key = OLD.last_key
         AND d.first_key = OLD.first_key AND d.client_id = OLD.client_id;
    END IF;
    RETURN NULL;
  END IF;
  DELETE FROM frontdesk.client_search_digits d
   WHERE d.gram = ANY (old_windows) AND d.last_key = OLD.last_key
     AND d.first_key = OLD.first_key AND d.client_id = OLD.client_id;
  INSERT INTO frontdesk.client_search_digits
  SELECT NEW.client_id, w.gram, NEW.archived, NEW.last_key, NEW.first_key
    FROM unnest(new_windows) AS w (gram);
  RETURN NULL;
END
$$;

CREATE TRIGGER client_search_entries_digits_insert AFTER INSERT
  ON frontdesk.client_search_entries REFERENCING NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION frontdesk.client_search_digits_insert();
CREATE TRIGGER client_search_entries_digits_update AFTER UPDATE
  ON frontdesk.client_search_entries
  FOR EACH ROW
  WHEN (OLD.search_key IS DISTINCT FROM NEW.search_key OR OLD.archived <> NEW.archived
        OR OLD.client_id <> NEW.client_id OR OLD.last_key <> NEW.last_key
        OR OLD.first_key <> NEW.first_key)
  EXECUTE FUNCTION frontdesk.client_search_digits_update();
CREATE TRIGGER client_search_entries_digits_delete AFTER DELETE
  ON frontdesk.client_search_entries REFERENCING OLD TABLE AS gone
  FOR EACH STATEMENT EXECUTE FUNCTION frontdesk.client_search_digits_delete();

-- The first @need entries, in name order, whose rest holds the digits @wanted (three or
-- more, nothing else) and whose last name does not start with them: for three digits the
-- 21 windows that begin or end with them (or are them) merged, for four the one window, for
-- more the windows of their first and last four intersected and the rest then compared.
CREATE FUNCTION frontdesk.client_search_by_digits(wanted text, need integer,
                                                  include_archived boolean)
  RETURNS bigint[]
  LANGUAGE plpgsql STABLE
  AS $$
DECLARE
  first_window smallint := left(wanted, 4)::integer;
  last_window smallint := right(wanted, 4)::integer;
  three integer := left(wanted, 3)::integer;
BEGIN
  IF char_length(wanted) = 3 THEN
    -- 21 ranges, each in name order: merged (the planner's Merge Append), a client in two
    -- of them once.
    RETURN ARRAY(
      SELECT DISTINCT ON (m.last_key, m.first_key, m.client_id) m.client_id
        FROM (
        (SELECT d.last_key, d.first_key, d.client_id FROM frontdesk.client_search_digits d
          WHERE d.gram = three * 10 + 0 AND NOT starts_with(d.last_key, wanted)
            AND (include_archived OR NOT d.archived)
          ORDER BY d.last_key, d.first_key, d.client_id LIMIT need)
        UNION ALL
        (SELECT d.last_key, d.first_key, d.client_id FROM frontdesk.client_search_digits d
          WHERE d.gram = three * 10 + 1 AND NOT starts_with(d.last_key, wanted)
            AND (include_archived OR NOT d.archived)
          ORDER BY d.last_key, d.first_key, d.client_id LIMIT need)
        UNION ALL
        (SELECT d.last_key, d.first_key, d.client_id FROM frontdesk.client_search_digits d
          WHERE d.gram = three * 10 + 2 AND NOT starts_with(d.last_key, wanted)
            AND (include_archived OR NOT d.archived)
          ORDER BY d.last_key, d.first_key, d.client_id LIMIT need)
        UNION ALL
        (SELECT d.last_key, d.first_key, d.client_id FROM frontdesk.client_search_digits d
          WHERE d.gram = three * 10 + 3 AND NOT starts_with(d.last_key, wanted)
            AND (include_archived OR NOT d.archived)
          ORDER BY d.last_key, d.first_key, d.client_id LIMIT need)
        UNION ALL
        (SELECT d.last_key, d.first_key, d.client_id FROM frontdesk.client_search_digits d
          WHERE d.gram = three * 10 + 4 AND NOT starts_with(d.last_key, wanted)
            AND (include_archived OR NOT d.archived)
          ORDER BY d.last_key, d.first_key, d.client_id LIMIT need)
        UNION ALL
        (SELECT d.last_key, d.first_key, d.client_id FROM frontdesk.client_search_digits d
          WHERE d.gram = three * 10 + 5 AND NOT starts_with(d.last_key, wanted)
            AND (include_archived OR NOT d.archived)
          ORDER BY d.last_key, d.first_key, d.client_id LIMIT need)
        UNION ALL
        (SELECT d.last_key, d.first_key, d.client_id FROM frontdesk.client_search_digits d
          WHERE d.gram = three * 10 + 6 AND NOT starts_with(d.last_key, wanted)
            AND (include_archived OR NOT d.archived)
          ORDER BY d.last_key, d.first_key, d.client_id LIMIT need)
        UNION ALL
        (SELECT d.last_key, d.first_key, d.client_id FROM frontdesk.client_search_digits d
          WHERE d.gram = three * 10 + 7 AND NOT starts_with(d.last_key, wanted)
            AND (include_archived OR NOT d.archived)
          ORDER BY d.last_key, d.first_key, d.client_id LIMIT need)
        UNION ALL
        (SELECT d.last_key, d.first_key, d.client_id FROM frontdesk.client_search_digits d
          WHERE d.gram = three * 10 + 8 AND NOT starts_with(d.last_key, wanted)
            AND (include_archived OR NOT d.archived)
          ORDER BY d.last_key, d.first_key, d.client_id LIMIT need)
        UNION ALL
        (SELECT d.last_key, d.first_key, d.client_id FROM frontdesk.client_search_digits d
          WHERE d.gram = three * 10 + 9 AND NOT starts_with(d.last_key, wanted)
            AND (include_archived OR NOT d.archived)
          ORDER BY d.last_key, d.first_key, d.client_id LIMIT need)
        UNION ALL
        (SELECT d.last_key, d.first_key, d.client_id FROM frontdesk.client_search_digits d
          WHERE d.gram = three AND NOT starts_with(d.last_key, wanted)
            AND (include_archived OR NOT d.archived)
          ORDER BY d.last_key, d.first_key, d.client_id LIMIT need)
        UNION ALL
        (SELECT d.last_key, d.first_key, d.client_id FROM frontdesk.client_search_digits d
          WHERE d.gram = 1000 + three AND NOT starts_with(d.last_key, wanted)
            AND (include_archived OR NOT d.archived)
          ORDER BY d.last_key, d.first_key, d.client_id LIMIT need)
        UNION ALL
        (SELECT d.last_key, d.first_key, d.client_id FROM frontdesk.client_search_digits d
          WHERE d.gram = 2000 + three AND NOT starts_with(d.last_key, wanted)
            AND (include_archived OR NOT d.archived)
          ORDER BY d.last_key, d.first_key, d.client_id LIMIT need)
        UNION ALL
        (SELECT d.last_key, d.first_key, d.client_id FROM frontdesk.client_search_digits d
          WHERE d.gram = 3000 + three AND NOT starts_with(d.last_key, wanted)
            AND (include_archived OR NOT d.archived)
          ORDER BY d.last_key, d.first_key, d.client_id LIMIT need)
        UNION ALL
        (SELECT d.last_key, d.first_key, d.client_id FROM frontdesk.client_search_digits d
          WHERE d.gram = 4000 + three AND NOT starts_with(d.last_key, wanted)
            AND (include_archived OR NOT d.archived)
          ORDER BY d.last_key, d.first_key, d.client_id LIMIT need)
        UNION ALL
        (SELECT d.last_key, d.first_key, d.client_id FROM frontdesk.client_search_digits d
          WHERE d.gram = 5000 + three AND NOT starts_with(d.last_key, wanted)
            AND (include_archived OR NOT d.archived)
          ORDER BY d.last_key, d.first_key, d.client_id LIMIT need)
        UNION ALL
        (SELECT d.last_key, d.first_key, d.client_id FROM frontdesk.client_search_digits d
          WHERE d.gram = 6000 + three AND NOT starts_with(d.last_key, wanted)
            AND (include_archived OR NOT d.archived)
          ORDER BY d.last_key, d.first_key, d.client_id LIMIT need)
        UNION ALL
        (SELECT d.last_key, d.first_key, d.client_id FROM frontdesk.client_search_digits d
          WHERE d.gram = 7000 + three AND NOT starts_with(d.last_key, wanted)
            AND (include_archived OR NOT d.archived)
          ORDER BY d.last_key, d.first_key, d.client_id LIMIT need)
        UNION ALL
        (SELECT d.last_key, d.first_key, d.client_id FROM frontdesk.client_search_digits d
          WHERE d.gram = 8000 + three AND NOT starts_with(d.last_key, wanted)
            AND (include_archived OR NOT d.archived)
          ORDER BY d.last_key, d.first_key, d.client_id LIMIT need)
        UNION ALL
        (SELECT d.last_key, d.first_key, d.client_id FROM frontdesk.client_search_digits d
          WHERE d.gram = 9000 + three AND NOT starts_with(d.last_key, wanted)
            AND (include_archived OR NOT d.archived)
          ORDER BY d.last_key, d.first_key, d.client_id LIMIT need)
        UNION ALL
        (SELECT d.last_key, d.first_key, d.client_id FROM frontdesk.client_search_digits d
          WHERE d.gram = 10000 + three AND NOT starts_with(d.last_key, wanted)
            AND (include_archived OR NOT d.archived)
          ORDER BY d.last_key, d.first_key, d.client_id LIMIT need)) m
       ORDER BY m.last_key, m.first_key, m.client_id LIMIT need);
  ELSIF char_length(wanted) = 4 THEN
    RETURN ARRAY(
      SELECT d.client_id FROM frontdesk.client_search_digits d
       WHERE d.gram = first_window
         AND NOT starts_with(d.last_key, wanted) AND (include_archived OR NOT d.archived)
       ORDER BY d.last_key, d.first_key, d.client_id LIMIT need);
  END IF;
  RETURN ARRAY(
    SELECT a.client_id
      FROM frontdesk.client_search_digits a
      JOIN frontdesk.client_search_digits b
        ON b.gram = last_window AND b.last_key = a.last_key AND b.first_key = a.first_key
       AND b.client_id = a.client_id
      JOIN frontdesk.client_search_entries e ON e.client_id = a.client_id
     WHERE a.gram = first_window
       AND NOT starts_with(a.last_key, wanted) AND (include_archived OR NOT a.archived)
       AND frontdesk.client_search_rest(e.last_key, e.first_key, e.search_key)
             LIKE '%' || wanted || '%'
     ORDER BY a.last_key, a.first_key, a.client_id LIMIT need);
END
$$;
-- A stretch of @stretch entries of the name order after (@after_last, @after_first,
-- @after_id): how many, the last one's keys, and those whose rest matches @pattern (0030's
-- walk, its plan kept from call to call).
CREATE FUNCTION frontdesk.client_search_walk(pattern text, wanted text, after_last text,
                                             after_first text, after_id bigint,
                                             stretch integer, include_archived boolean)
  RETURNS TABLE (walked integer, last_key text, first_key text, client_id bigint,
                 hits bigint[])
  LANGUAGE plpgsql STABLE
  AS $$
BEGIN
  RETURN QUERY
    SELECT count(*)::integer, (array_agg(w.last_key))[count(*)],
           (array_agg(w.first_key))[count(*)], (array_agg(w.client_id))[count(*)],
           coalesce(array_agg(w.client_id) FILTER (WHERE w.hit), '{}')
      FROM (SELECT e.client_id, e.last_key, e.first_key,
                   frontdesk.client_search_rest(e.last_key, e.first_key, e.search_key)
                     LIKE pattern
                   AND NOT starts_with(e.last_key, wanted)
                   AND (include_archived OR NOT e.archived) AS hit
              FROM frontdesk.client_search_entries e
             WHERE (e.last_key, e.first_key, e.client_id) > (after_last, after_first, after_id)
             ORDER BY e.last_key, e.first_key, e.client_id
             LIMIT stretch) w;
END
$$;

-- As in 0030; a query of digits alone (three or more) finds those of the rest in their
-- windows, in name order, without a sample. The tests still try 0030's ways on them.
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
  chosen boolean;
  attempt integer;
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
    chosen := coalesce(current_setting('frontdesk.search_rest_way', true), '')
                IN ('walk', 'all', 'pages');
    IF wanted ~ '^[0-9]{3,}$' AND NOT chosen THEN
      rest := frontdesk.client_search_by_digits(wanted, need, include_archived);
      done := true;
    ELSIF wanted ~ '^[0-9 ]+$' AND NOT chosen THEN
      -- Digits and spaces run across a phone's parts ("555 1"): where they are common, the
      -- first stretches of the name order hold enough of them, found without the sample; a
      -- first thousand entries says how many more (families share a home phone and a name:
      -- the count is redone after each stretch), 8,000 at most. Otherwise as 0030 did, from
      -- the start.
      stretch := 1000;
      FOR attempt IN 1 .. 4 LOOP
        SELECT w.walked, w.last_key, w.first_key, w.client_id, w.hits
          INTO walked_now, after_last, after_first, after_id, hits
          FROM frontdesk.client_search_walk(pattern, wanted, after_last, after_first, after_id,
                                            stretch, include_archived) w;
        rest := rest || hits;
        walked := walked + walked_now;
        IF cardinality(rest) >= need OR walked_now < stretch THEN
          done := true;
          EXIT;
        END IF;
        EXIT WHEN cardinality(rest) = 0;
        stretch := least(ceil((need - cardinality(rest)) * walked / cardinality(rest) * 1.25)
                         + 100, 8000 - walked);
        EXIT WHEN stretch < 100;
      END LOOP;
      IF NOT done THEN
        rest := '{}';
        walked := 0;
        after_last := '';
        after_first := '';
        after_id := -9223372036854775808;
      END IF;
    END IF;
    IF NOT done THEN
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
        SELECT w.walked, w.client_id, w.hits INTO walked_now, last_walked, hits
          FROM frontdesk.client_search_walk(pattern, wanted, after_last, after_first, after_id,
                                            stretch, include_archived) w;
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

REVOKE EXECUTE ON FUNCTION frontdesk.client_search_digit_windows(text),
  frontdesk.client_search_digits_insert(), frontdesk.client_search_digits_update(),
  frontdesk.client_search_digits_delete(),
  frontdesk.client_search_by_digits(text, integer, boolean),
  frontdesk.client_search_walk(text, text, text, text, bigint, integer, boolean)
  FROM PUBLIC;
GRANT EXECUTE ON FUNCTION frontdesk.client_search_digit_windows(text),
  frontdesk.client_search_by_digits(text, integer, boolean),
  frontdesk.client_search_walk(text, text, text, text, bigint, integer, boolean)
  TO frontdesk_staff;
