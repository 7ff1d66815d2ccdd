-- 0015-floors.sql: every everyday path at its floor at a million clients: records found by
-- their primary key, a client search that reads only what it returns, a poll that is
-- planned once per connection.
-- SPDX-License-Identifier: GPL-3.0-or-later

-- Keys ---------------------------------------------------------------------------------------
--
-- A record id arrives as text. Comparing "id::text = $1" cannot use the primary key (at a
-- million clients it is a sequential scan); the parameter is converted instead. The text of
-- an integer is canonical, so "id::text = t" holds exactly when t is the canonical text of
-- a number in range and id equals that number: anything else ("042", " 7", "abc") matches
-- no row, as before, and never raises a conversion error.

CREATE FUNCTION frontdesk.key_as_bigint(key_text text) RETURNS bigint
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$
    SELECT CASE WHEN key_text ~ '^(0|-?[1-9][0-9]{0,18})$' THEN
             CASE WHEN key_text::numeric BETWEEN -9223372036854775808 AND 9223372036854775807
                  THEN key_text::bigint END
           END
  $$;

-- The WHERE condition that finds the row whose @key_column (of type @key_type) has the text
-- in parameter $@param, by the index where the column is an integer. Other keys (the
-- practice's one-row singleton) keep the text comparison.
CREATE FUNCTION frontdesk.key_condition(key_column text, key_type text, param integer)
  RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$
    SELECT CASE WHEN key_type IN ('bigint', 'integer', 'smallint')
                THEN format('t.%I = frontdesk.key_as_bigint($%s)', key_column, param)
                ELSE format('t.%I::text = $%s', key_column, param) END
  $$;

-- The refusal of a value its column's type cannot hold: the field, the value (cut short: a
-- megabyte of digits is not read back to anyone) and what the field takes.
CREATE FUNCTION frontdesk.invalid_value_message(column_name text, value text, type_name text)
  RETURNS text
  LANGUAGE sql IMMUTABLE
  AS $$
    SELECT format('“%s” is not a valid %s: %s.',
                  CASE WHEN length(value) > 40 THEN left(value, 40) || '…' ELSE value END,
                  replace(column_name, '_', ' '),
                  CASE type_name
                    WHEN 'smallint' THEN 'it takes a whole number from -32768 to 32767'
                    WHEN 'integer' THEN 'it takes a whole number from -2147483648 to 2147483647'
                    WHEN 'bigint' THEN 'it takes a whole number of at most 18 digits'
                    WHEN 'date' THEN 'it takes a real date, written YYYY-MM-DD'
                    WHEN 'time without time zone' THEN 'it takes a time of day, written HH:MM'
                    WHEN 'timestamp with time zone'
                      THEN 'it takes a date and time, written YYYY-MM-DD HH:MM'
                    WHEN 'boolean' THEN 'it takes yes or no (true or false)'
                    WHEN 'interval' THEN 'it takes a length of time, such as 30 minutes'
                    ELSE CASE WHEN type_name LIKE 'numeric%'
                              THEN 'it takes a number, such as 120.50'
                              ELSE 'the field cannot hold it' END
                  END)
  $$;

-- Refuses @value, in words, when a column of type @type_name cannot hold it: the check every
-- save and insert makes before it writes.
CREATE FUNCTION frontdesk.require_valid_value(column_name text, value text, type_name text)
  RETURNS void
  LANGUAGE plpgsql STABLE
  AS $$
BEGIN
  EXECUTE format('SELECT $1::%s', type_name) USING value;
EXCEPTION WHEN data_exception THEN
  RAISE EXCEPTION '%', frontdesk.invalid_value_message(column_name, value, type_name)
    USING ERRCODE = 'FD005', COLUMN = column_name;
END
$$;

-- As in 0003, the row found by its key.
CREATE OR REPLACE FUNCTION frontdesk.load_record(table_name text, record_id text)
  RETURNS TABLE (column_name text, value text)
  LANGUAGE plpgsql STABLE
  AS $$
DECLARE
  key_column text;
  key_type text;
  row_json jsonb;
BEGIN
  -- The key column and its type, from the catalog (a statement planned once per connection).
  SELECT e.key_column, format_type(a.atttypid, a.atttypmod) INTO key_column, key_type
    FROM frontdesk.editable_tables e
    LEFT JOIN pg_catalog.pg_attribute a
      ON a.attrelid = ('frontdesk.' || quote_ident(e.table_name))::regclass
     AND a.attname = e.key_column AND NOT a.attisdropped
   WHERE e.table_name = load_record.table_name;
  IF key_column IS NULL THEN
    RAISE EXCEPTION 'Records of “%” cannot be edited.', table_name USING ERRCODE = 'FD003';
  END IF;

  -- The tables editors open, in statements planned once per connection; the others built.
  IF load_record.table_name = 'clients' AND key_column = 'id' THEN
    SELECT to_jsonb(t) INTO row_json FROM frontdesk.clients t
     WHERE t.id = frontdesk.key_as_bigint(record_id);
  ELSIF load_record.table_name = 'appointments' AND key_column = 'id' THEN
    SELECT to_jsonb(t) INTO row_json FROM frontdesk.appointments t
     WHERE t.id = frontdesk.key_as_bigint(record_id);
  ELSE
    EXECUTE format('SELECT to_jsonb(t) FROM frontdesk.%I t WHERE %s',
                   load_record.table_name, frontdesk.key_condition(key_column, key_type, 1))
       INTO row_json USING record_id;
  END IF;
  IF row_json IS NULL THEN
    RAISE EXCEPTION 'This record no longer exists.' USING ERRCODE = 'FD001';
  END IF;

  RETURN QUERY SELECT k, v FROM jsonb_each_text(row_json) AS e (k, v);
END
$$;

-- As in 0005, with the reread and the update found by the key.
CREATE OR REPLACE FUNCTION frontdesk.save_record(table_name text, record_id text,
                                                 VARIADIC changes text[])
  RETURNS TABLE (outcome text, column_name text, original text, theirs text, mine text)
  LANGUAGE plpgsql
  AS $$
DECLARE
  key_column text;
  key_type text;
  current_row jsonb;
  saved_row jsonb;
  new_values jsonb := '{}'::jsonb;
  conflicts jsonb := '[]'::jsonb;
  column_list text := '';
  column_type text;
  col text;
  old_value text;
  new_value text;
  violated text;
BEGIN
  -- The key column and its type, from the catalog (a statement planned once per connection).
  SELECT e.key_column, format_type(a.atttypid, a.atttypmod) INTO key_column, key_type
    FROM frontdesk.editable_tables e
    LEFT JOIN pg_catalog.pg_attribute a
      ON a.attrelid = ('frontdesk.' || quote_ident(e.table_name))::regclass
     AND a.attname = e.key_column AND NOT a.attisdropped
   WHERE e.table_name = save_record.table_name;
  IF key_column IS NULL THEN
    RAISE EXCEPTION 'Records of “%” cannot be edited.', table_name USING ERRCODE = 'FD003';
  END IF;
  IF changes IS NULL OR cardinality(changes) = 0 OR cardinality(changes) % 3 <> 0 THEN
    RAISE EXCEPTION 'A save needs a column, its original and its new value for each change.'
      USING ERRCODE = 'FD004';
  END IF;

  FOR i IN 0 .. cardinality(changes) / 3 - 1 LOOP
    col := changes[i * 3 + 1];
    SELECT c.type_name INTO column_type FROM frontdesk.editable_columns(table_name) c
     WHERE c.column_name = col;
    IF column_type IS NULL THEN
      RAISE EXCEPTION 'The field “%” cannot be changed.', col USING ERRCODE = 'FD003';
    END IF;
    IF new_values ? col THEN
      RAISE EXCEPTION 'The field “%” is changed twice in one save.', col USING ERRCODE = 'FD004';
    END IF;
    new_value := changes[i * 3 + 3];
    PERFORM frontdesk.require_valid_value(col, new_value, column_type);
    new_values := new_values || jsonb_build_object(col, new_value);
    column_list := column_list || CASE WHEN column_list = '' THEN '' ELSE ', ' END
                   || format('%I', col);
  END LOOP;

  -- The record lock first (take back, or refuse), then the reread under the row lock.
  PERFORM frontdesk.check_lock_for_save(table_name, record_id);

  IF save_record.table_name = 'clients' AND key_column = 'id' THEN
    SELECT to_jsonb(t) INTO current_row FROM frontdesk.clients t
     WHERE t.id = frontdesk.key_as_bigint(record_id) FOR UPDATE;
  ELSIF save_record.table_name = 'appointments' AND key_column = 'id' THEN
    SELECT to_jsonb(t) INTO current_row FROM frontdesk.appointments t
     WHERE t.id = frontdesk.key_as_bigint(record_id) FOR UPDATE;
  ELSE
    EXECUTE format('SELECT to_jsonb(t) FROM frontdesk.%I t WHERE %s FOR UPDATE',
                   table_name, frontdesk.key_condition(key_column, key_type, 1))
       INTO current_row USING record_id;
  END IF;
  IF current_row IS NULL THEN
    RAISE EXCEPTION 'This record no longer exists.' USING ERRCODE = 'FD001';
  END IF;

  FOR i IN 0 .. cardinality(changes) / 3 - 1 LOOP
    col := changes[i * 3 + 1];
    old_value := changes[i * 3 + 2];
    IF (current_row ->> col) IS DISTINCT FROM old_value THEN
      conflicts := conflicts || jsonb_build_array(jsonb_build_array(
        col, old_value, current_row ->> col, changes[i * 3 + 3]));
    END IF;
  END LOOP;

  IF jsonb_array_length(conflicts) > 0 THEN
    RETURN QUERY SELECT 'conflict', c ->> 0, c ->> 1, c ->> 2, c ->> 3
                   FROM jsonb_array_elements(conflicts) AS c;
    RETURN;
  END IF;

  PERFORM frontdesk.claim_lock_for_save(table_name, record_id);

  BEGIN
    EXECUTE format('UPDATE frontdesk.%1$I t SET (%2$s) = '
                   '(SELECT %2$s FROM jsonb_populate_record(NULL::frontdesk.%1$I, $1)) '
                   'WHERE %3$s RETURNING to_jsonb(t)',
                   table_name, column_list, frontdesk.key_condition(key_column, key_type, 2))
       INTO saved_row USING new_values, record_id;
  EXCEPTION WHEN integrity_constraint_violation THEN
    GET STACKED DIAGNOSTICS violated = CONSTRAINT_NAME;
    RAISE EXCEPTION '%', frontdesk.explain_violation(violated, SQLERRM) USING ERRCODE = 'FD006';
  END;

  RETURN QUERY SELECT 'saved', k, NULL::text, NULL::text, v
                 FROM jsonb_each_text(saved_row) AS e (k, v);
END
$$;

-- As in 0011, with the guarantor found by the key.
CREATE OR REPLACE FUNCTION frontdesk.account_save(table_name text, record_id text,
                                                  VARIADIC changes text[])
  RETURNS TABLE (outcome text, column_name text, original text, theirs text, mine text)
  LANGUAGE plpgsql
  AS $$
BEGIN
  IF table_name IS DISTINCT FROM 'clients' THEN
    RAISE EXCEPTION 'Only a client’s account is saved this way.' USING ERRCODE = 'FD003';
  END IF;
  FOR i IN 0 .. coalesce(cardinality(changes), 0) / 3 - 1 LOOP
    IF changes[i * 3 + 1] NOT IN ('billing_type_id', 'fee_schedule_id', 'insurance_category_id') THEN
      RAISE EXCEPTION 'The field “%” is not part of the account.', changes[i * 3 + 1]
        USING ERRCODE = 'FD003';
    END IF;
  END LOOP;
  IF NOT EXISTS (SELECT 1 FROM frontdesk.clients c
                  WHERE c.id = frontdesk.key_as_bigint(record_id) AND c.guarantor_id = c.id) THEN
    RAISE EXCEPTION 'Client No. % does not pay for a family; the account is kept on the guarantor.',
      record_id USING ERRCODE = 'FD003';
  END IF;

  PERFORM frontdesk.require_context_lock('account:' || record_id);
  PERFORM set_config('frontdesk.account_save', record_id, true);
  RETURN QUERY SELECT * FROM frontdesk.save_record(table_name, record_id, VARIADIC changes);
  PERFORM set_config('frontdesk.account_save', '', true);
END
$$;

-- Client search ------------------------------------------------------------------------------
--
-- The search returns the first matches in name order (last name, first name, number, in
-- lower case), those whose last name starts with the query first. Reading them from the
-- clients' rows costs a heap visit per row looked at; a substring can need thousands of
-- rows looked at for 200 found. So each client also has one narrow entry here, its name
-- keys and its search key (0006's client_search_key()), kept by triggers, and two indexes
-- on it: one in name order that carries the search key, so that walking the names and
-- testing the key reads the index alone, and a trigram index for rare substrings. Only the
-- clients returned are then read.

CREATE TABLE frontdesk.client_search_entries (
  client_id  bigint PRIMARY KEY,
  last_key   text   NOT NULL,
  first_key  text   NOT NULL,
  search_key text   NOT NULL
);

INSERT INTO frontdesk.client_search_entries
SELECT c.id, lower(c.last_name), lower(c.first_name),
       frontdesk.client_search_key(c.first_name, c.last_name, c.preferred_name, c.phone_home,
                                   c.phone_mobile, c.phone_work)
  FROM frontdesk.clients c
 ORDER BY lower(c.last_name), lower(c.first_name), c.id;

CREATE INDEX client_search_entries_order ON frontdesk.client_search_entries
  (last_key, first_key, client_id) INCLUDE (search_key);
CREATE INDEX client_search_entries_trigrams ON frontdesk.client_search_entries
  USING gin (search_key public.gin_trgm_ops);
GRANT SELECT ON frontdesk.client_search_entries TO frontdesk_staff;

-- Superseded by the entries' indexes.
DROP INDEX frontdesk.clients_search;
DROP INDEX frontdesk.clients_last_name_prefix;

-- Inserts arrive in bulk (sample data, imports): one statement, one insert of entries.
CREATE FUNCTION frontdesk.client_search_entries_insert() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
BEGIN
  INSERT INTO frontdesk.client_search_entries
  SELECT n.id, lower(n.last_name), lower(n.first_name),
         frontdesk.client_search_key(n.first_name, n.last_name, n.preferred_name, n.phone_home,
                                     n.phone_mobile, n.phone_work)
    FROM added n
   ORDER BY lower(n.last_name), lower(n.first_name), n.id;
  RETURN NULL;
END
$$;

-- An update touches the entry only when it changes what the search reads.
CREATE FUNCTION frontdesk.client_search_entries_update() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
BEGIN
  UPDATE frontdesk.client_search_entries e
     SET client_id = NEW.id, last_key = lower(NEW.last_name), first_key = lower(NEW.first_name),
         search_key = frontdesk.client_search_key(NEW.first_name, NEW.last_name,
                                                  NEW.preferred_name, NEW.phone_home,
                                                  NEW.phone_mobile, NEW.phone_work)
   WHERE e.client_id = OLD.id;
  RETURN NULL;
END
$$;

CREATE FUNCTION frontdesk.client_search_entries_delete() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
BEGIN
  DELETE FROM frontdesk.client_search_entries e USING gone g WHERE e.client_id = g.id;
  RETURN NULL;
END
$$;

CREATE TRIGGER clients_search_entries_insert AFTER INSERT ON frontdesk.clients
  REFERENCING NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION frontdesk.client_search_entries_insert();
CREATE TRIGGER clients_search_entries_update
  AFTER UPDATE OF id, first_name, last_name, preferred_name, phone_home, phone_mobile, phone_work
  ON frontdesk.clients
  FOR EACH ROW
  WHEN (OLD.id IS DISTINCT FROM NEW.id OR OLD.first_name IS DISTINCT FROM NEW.first_name
        OR OLD.last_name IS DISTINCT FROM NEW.last_name
        OR OLD.preferred_name IS DISTINCT FROM NEW.preferred_name
        OR OLD.phone_home IS DISTINCT FROM NEW.phone_home
        OR OLD.phone_mobile IS DISTINCT FROM NEW.phone_mobile
        OR OLD.phone_work IS DISTINCT FROM NEW.phone_work)
  EXECUTE FUNCTION frontdesk.client_search_entries_update();
CREATE TRIGGER clients_search_entries_delete AFTER DELETE ON frontdesk.clients
  REFERENCING OLD TABLE AS gone
  FOR EACH STATEMENT EXECUTE FUNCTION frontdesk.client_search_entries_delete();

-- Whether text sorts by code point here (C, POSIX, C.UTF-8): then the names that start with
-- a prefix are exactly one range of the name order, from the prefix to its successor.
CREATE FUNCTION frontdesk.sorts_by_code_point() RETURNS boolean
  LANGUAGE sql STABLE
  AS $$
    SELECT coalesce((SELECT d.datlocprovider = 'c'
                            AND d.datcollate IN ('C', 'POSIX', 'C.UTF-8', 'C.utf8', 'C.UTF8')
                       FROM pg_catalog.pg_database d WHERE d.datname = current_database()),
                    false)
  $$;

-- The first text after every text that starts with @prefix, in code point order; NULL when
-- there is none (an empty prefix, or one of the last code point only).
CREATE FUNCTION frontdesk.prefix_successor(prefix text) RETURNS text
  LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
  AS $$
DECLARE
  rest text := prefix;
  last integer;
BEGIN
  WHILE rest <> '' LOOP
    last := ascii(right(rest, 1));
    rest := left(rest, -1);
    IF last < 1114111 THEN
      RETURN rest || chr(CASE WHEN last = 55295 THEN 57344 ELSE last + 1 END);
    END IF;
  END LOOP;
  RETURN NULL;
END
$$;

-- As in 0006: up to @max_rows clients matching @query, those whose last name starts with it
-- first, each group in name order. One or two characters match the start of the last name;
-- three or more any part of the search key.
CREATE OR REPLACE FUNCTION frontdesk.search_clients(query text, max_rows integer)
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
BEGIN
  -- Those whose last name starts with the query: one range of the name order, read from the
  -- index alone; elsewhere a walk of the same index.
  upper_bound := frontdesk.prefix_successor(wanted);
  IF NOT by_code_point THEN
    found := ARRAY(SELECT e.client_id FROM frontdesk.client_search_entries e
                    WHERE e.last_key LIKE escaped || '%'
                    ORDER BY e.last_key, e.first_key, e.client_id LIMIT how_many);
  ELSIF upper_bound IS NULL THEN
    found := ARRAY(SELECT e.client_id FROM frontdesk.client_search_entries e
                    WHERE e.last_key >= wanted AND e.last_key LIKE escaped || '%'
                    ORDER BY e.last_key, e.first_key, e.client_id LIMIT how_many);
  ELSE
    found := ARRAY(SELECT e.client_id FROM frontdesk.client_search_entries e
                    WHERE e.last_key >= wanted AND e.last_key < upper_bound
                      AND e.last_key LIKE escaped || '%'
                    ORDER BY e.last_key, e.first_key, e.client_id LIMIT how_many);
  END IF;

  IF length(wanted) >= 3 AND cardinality(found) < how_many THEN
    -- The others that contain it, in name order. Where they are common, the first ones are
    -- near the start of the name order: walk it in stretches, reading the index alone.
    -- Where they are rare, or gathered late in the alphabet, the trigram index finds every
    -- one (the entries, stored in name order, keep those late ones together). How common
    -- they are comes from a sample of the entries' pages; the walk goes on while it has cost
    -- less than reading every match would (about twice as much per match as per entry
    -- walked), so a search costs at most about twice the cheaper of the two.
    need := how_many - cardinality(found);
    pattern := '%' || escaped || '%';
    SELECT greatest(c.reltuples, 1) INTO entries
      FROM pg_catalog.pg_class c WHERE c.oid = 'frontdesk.client_search_entries'::regclass;
    EXECUTE 'SELECT count(*) FILTER (WHERE e.search_key LIKE $1), count(*) '
            '  FROM frontdesk.client_search_entries e TABLESAMPLE SYSTEM ($2) REPEATABLE (0)'
       INTO sampled_hits, sampled
      USING pattern, least(100, 100 * 2000 / entries);
    budget := 2 * entries * sampled_hits / greatest(sampled, 1);
    stretch := least(4000, budget)::integer;

    WHILE stretch >= 100 LOOP
      -- Planned for these values each time (EXECUTE): a plan for any values would not know
      -- the stretch is a small part of the index.
      EXECUTE 'SELECT count(*), (array_agg(w.client_id))[count(*)], '
              '       coalesce(array_agg(w.client_id) FILTER (WHERE w.hit), ''{}'') '
              '  FROM (SELECT e.client_id, '
              '               e.search_key LIKE $1 AND NOT starts_with(e.last_key, $2) AS hit '
              '          FROM frontdesk.client_search_entries e '
              '         WHERE (e.last_key, e.first_key, e.client_id) > ($3, $4, $5) '
              '         ORDER BY e.last_key, e.first_key, e.client_id '
              '         LIMIT $6) w'
         INTO walked_now, last_walked, hits
        USING pattern, wanted, after_last, after_first, after_id, stretch;
      others := others || hits;
      walked := walked + walked_now;
      IF cardinality(others) >= need OR walked_now < stretch THEN
        done := true;
        EXIT;
      END IF;

      SELECT e.last_key, e.first_key, e.client_id INTO after_last, after_first, after_id
        FROM frontdesk.client_search_entries e WHERE e.client_id = last_walked;
      density := cardinality(others) / walked;
      stretch := least(CASE WHEN density > 0
                            THEN ceil((need - cardinality(others)) / density * 1.25) + 100
                            ELSE 2 * stretch END,
                       budget - walked, 200000)::integer;
    END LOOP;

    IF NOT done THEN
      -- Byte order first where it is the name order: cheaper to compare.
      EXECUTE 'SELECT array_agg(m.client_id) FROM ('
              '  SELECT m.client_id '
              '    FROM (SELECT e.client_id, e.last_key, e.first_key '
              '            FROM frontdesk.client_search_entries e '
              '           WHERE e.search_key LIKE $1 AND NOT starts_with(e.last_key, $2) '
              '             AND (e.last_key, e.first_key, e.client_id) > ($3, $4, $5) '
              '          OFFSET 0) m '
              '   ORDER BY CASE WHEN $6 THEN m.last_key COLLATE "C" END, '
              '            CASE WHEN $6 THEN m.first_key COLLATE "C" END, '
              '            m.last_key, m.first_key, m.client_id '
              '   LIMIT $7) m'
         INTO hits
        USING pattern, wanted, after_last, after_first, after_id, by_code_point,
              need - cardinality(others);
      others := others || coalesce(hits, '{}');
    END IF;

    found := found || ARRAY(SELECT e.client_id FROM frontdesk.client_search_entries e
                             WHERE e.client_id = ANY (others)
                             ORDER BY e.last_key, e.first_key, e.client_id LIMIT need);
  END IF;

  RETURN QUERY
    SELECT c.id, c.last_name, c.first_name, c.preferred_name, c.birth_date,
           coalesce(c.phone_mobile, c.phone_home, c.phone_work), c.status
      FROM unnest(found) WITH ORDINALITY AS f (client_id, position)
      JOIN frontdesk.clients c ON c.id = f.client_id
     ORDER BY f.position;
END
$$;

-- The appointment book ---------------------------------------------------------------------
--
-- As in 0009, the same rows in the same order. The day's bounds were compared with the
-- practice's time zone through a join, so no index range found the day: every appointment
-- was read, and at a million clients the estimate was high enough to compile the query with
-- JIT (0.6 s). Now the day is one range of appointments_day, the procedures of its
-- appointments are gathered once instead of once per appointment, and the statement is
-- planned once per connection.
CREATE OR REPLACE FUNCTION frontdesk.day_appointments(day date)
  RETURNS TABLE (appointment_id bigint, operatory_id bigint, provider_id bigint,
                 starts_minute integer, length_minutes integer, client_id bigint,
                 client_name text, procedures text, status text, confirmation text,
                 appointment_type text, note text)
  LANGUAGE plpgsql STABLE
  AS $$
BEGIN
  RETURN QUERY
    WITH booked AS MATERIALIZED (
      SELECT a.*, p.time_zone
        FROM frontdesk.practice p
        JOIN frontdesk.appointments a
          ON a.starts_at >= (day_appointments.day::timestamp AT TIME ZONE p.time_zone)
         AND a.starts_at < ((day_appointments.day + 1)::timestamp AT TIME ZONE p.time_zone)),
    planned AS (
      SELECT pr.appointment_id, string_agg(pc.abbreviation, ', ' ORDER BY pr.id) AS codes
        FROM frontdesk.procedures pr
        JOIN frontdesk.procedure_codes pc ON pc.id = pr.procedure_code_id
       WHERE pr.appointment_id IN (SELECT b.id FROM booked b)
       GROUP BY pr.appointment_id)
    SELECT a.id, a.operatory_id, a.provider_id,
           (extract(hour FROM a.starts_at AT TIME ZONE a.time_zone) * 60
            + extract(minute FROM a.starts_at AT TIME ZONE a.time_zone))::integer,
           a.length_minutes::integer, a.client_id,
           c.first_name || ' ' || c.last_name,
           pl.codes,
           a.status, cd.name, td.name, a.note
      FROM booked a
      JOIN frontdesk.clients c ON c.id = a.client_id
      LEFT JOIN planned pl ON pl.appointment_id = a.id
      LEFT JOIN frontdesk.definitions cd ON cd.id = a.confirmation_id
      LEFT JOIN frontdesk.definitions td ON td.id = a.appointment_type_id
     ORDER BY a.operatory_id, a.starts_at;
END
$$;

-- Polling ------------------------------------------------------------------------------------

-- As in 0007, answering the same rows under the same snapshot (a STABLE function's
-- statements share the calling statement's), but cheaper when nothing is new, as nearly
-- every poll finds: a SQL function that cannot be inlined is planned at every call, and its
-- ORDER BY set up a sort even for no rows. In PL/pgSQL the statements are planned once per
-- connection, and an idle poll is one EXISTS and the horizon.
CREATE OR REPLACE FUNCTION frontdesk.poll_signals(since xid8, seen bigint[])
  RETURNS TABLE (signal_id bigint, signal_xid xid8, kind text, key text,
                 origin_session bigint, horizon xid8)
  LANGUAGE plpgsql STABLE SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
DECLARE
  snapshot_xmin xid8 := pg_snapshot_xmin(pg_current_snapshot());
BEGIN
  IF EXISTS (SELECT FROM frontdesk.signals s
              WHERE s.xid >= coalesce(since, snapshot_xmin)
                AND s.id <> ALL (coalesce(seen, '{}'))) THEN
    RETURN QUERY
      SELECT s.id, s.xid, s.kind, s.key, s.origin_session, snapshot_xmin
        FROM frontdesk.signals s
       WHERE s.xid >= coalesce(since, snapshot_xmin) AND s.id <> ALL (coalesce(seen, '{}'))
       ORDER BY s.xid, s.id;
    RETURN;
  END IF;

  -- As the LEFT JOIN of 0007 answered: no signal, and the horizon.
  horizon := snapshot_xmin;
  RETURN NEXT;
END
$$;

REVOKE EXECUTE ON FUNCTION frontdesk.key_as_bigint(text),
  frontdesk.key_condition(text, text, integer),
  frontdesk.client_search_entries_insert(), frontdesk.client_search_entries_update(),
  frontdesk.client_search_entries_delete(), frontdesk.sorts_by_code_point(),
  frontdesk.prefix_successor(text), frontdesk.invalid_value_message(text, text, text),
  frontdesk.require_valid_value(text, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION frontdesk.invalid_value_message(text, text, text),
  frontdesk.require_valid_value(text, text, text) TO frontdesk_staff;
GRANT EXECUTE ON FUNCTION frontdesk.key_as_bigint(text),
  frontdesk.key_condition(text, text, integer), frontdesk.sorts_by_code_point(),
  frontdesk.prefix_successor(text)
  TO frontdesk_staff;
