-- 0021-archived-clients.sql: archiving a client (never deleting one): the search leaves the
-- archived out unless asked for them, a client who still pays for others in the family is
-- not archived, the practice's currency for fees, and the names of audited records.
-- SPDX-License-Identifier: GPL-3.0-or-later

-- The search's entries carry whether the client is archived, in the name-order index too,
-- so leaving the archived out still reads that index alone.
ALTER TABLE frontdesk.client_search_entries ADD COLUMN archived boolean NOT NULL DEFAULT false;
UPDATE frontdesk.client_search_entries e SET archived = true
  FROM frontdesk.clients c WHERE c.id = e.client_id AND c.status = 'archived';
DROP INDEX frontdesk.client_search_entries_order;
CREATE INDEX client_search_entries_order ON frontdesk.client_search_entries
  (last_key, first_key, client_id) INCLUDE (search_key, archived);

CREATE OR REPLACE FUNCTION frontdesk.client_search_entries_insert() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
BEGIN
  INSERT INTO frontdesk.client_search_entries
  SELECT n.id, lower(n.last_name), lower(n.first_name),
         frontdesk.client_search_key(n.first_name, n.last_name, n.preferred_name, n.phone_home,
                                     n.phone_mobile, n.phone_work),
         n.status = 'archived'
    FROM added n
   ORDER BY lower(n.last_name), lower(n.first_name), n.id;
  RETURN NULL;
END
$$;

CREATE FUNCTION frontdesk.client_search_entries_status() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
BEGIN
  UPDATE frontdesk.client_search_entries e SET archived = NEW.status = 'archived'
   WHERE e.client_id = NEW.id;
  RETURN NULL;
END
$$;

-- After clients_search_entries_update (triggers fire in name order), which follows an id.
CREATE TRIGGER clients_search_entries_y_status AFTER UPDATE OF status ON frontdesk.clients
  FOR EACH ROW
  WHEN ((OLD.status = 'archived') IS DISTINCT FROM (NEW.status = 'archived'))
  EXECUTE FUNCTION frontdesk.client_search_entries_status();

-- A client who pays for others in the family who are not archived stays: someone else must
-- become the family's payer first (or the others be archived before).
CREATE FUNCTION frontdesk.refuse_archiving_a_payer() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  IF NEW.status = 'archived' AND OLD.status <> 'archived' AND NEW.guarantor_id = NEW.id
     AND EXISTS (SELECT FROM frontdesk.clients m
                  WHERE m.guarantor_id = NEW.id AND m.id <> NEW.id
                    AND m.status <> 'archived') THEN
    RAISE EXCEPTION '% % pays for others in the family who are not archived: make someone else the family''s payer first.',
      NEW.first_name, NEW.last_name USING ERRCODE = 'FD042',
      DETAIL = jsonb_build_object('key', 'payer-not-archived', 'first_name', NEW.first_name,
                                  'last_name', NEW.last_name)::text;
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER clients_archive_payer BEFORE UPDATE OF status ON frontdesk.clients
  FOR EACH ROW EXECUTE FUNCTION frontdesk.refuse_archiving_a_payer();

-- As in 0015, with @include_archived: without it the archived are left out.
DROP FUNCTION frontdesk.search_clients(text, integer);
CREATE FUNCTION frontdesk.search_clients(query text, max_rows integer,
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
              '               e.search_key LIKE $1 AND NOT starts_with(e.last_key, $2) '
              '               AND ($7 OR NOT e.archived) AS hit '
              '          FROM frontdesk.client_search_entries e '
              '         WHERE (e.last_key, e.first_key, e.client_id) > ($3, $4, $5) '
              '         ORDER BY e.last_key, e.first_key, e.client_id '
              '         LIMIT $6) w'
         INTO walked_now, last_walked, hits
        USING pattern, wanted, after_last, after_first, after_id, stretch, include_archived;
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
              '             AND ($8 OR NOT e.archived) '
              '             AND (e.last_key, e.first_key, e.client_id) > ($3, $4, $5) '
              '          OFFSET 0) m '
              '   ORDER BY CASE WHEN $6 THEN m.last_key COLLATE "C" END, '
              '            CASE WHEN $6 THEN m.first_key COLLATE "C" END, '
              '            m.last_key, m.first_key, m.client_id '
              '   LIMIT $7) m'
         INTO hits
        USING pattern, wanted, after_last, after_first, after_id, by_code_point,
              need - cardinality(others), include_archived;
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

-- The practice's currency, an ISO 4217 code: fees are shown in it.
ALTER TABLE frontdesk.practice
  ADD COLUMN currency text NOT NULL DEFAULT 'USD'
    CONSTRAINT practice_currency_valid CHECK (currency ~ '^[A-Z]{3}$');
INSERT INTO frontdesk.constraint_messages VALUES
  ('practice_currency_valid', 'The currency is a three-letter code such as USD, EUR or GBP.');

-- The name of an audited record, as the audit log shows it beside its key: a client's, a
-- provider's, an operatory's, a definition's. Each a lookup by primary key; NULL for a
-- record gone or of another kind. Appointments and procedures are busy tables: reading the
-- log does not wait on them.
CREATE FUNCTION frontdesk.record_name(kind text, record_id text) RETURNS text
  LANGUAGE sql STABLE
  AS $$
    SELECT CASE
      WHEN record_id IS NULL OR record_id !~ '^[0-9]{1,18}$' THEN NULL
      WHEN kind = 'clients' THEN
        (SELECT c.first_name || ' ' || c.last_name FROM frontdesk.clients c
          WHERE c.id = record_id::bigint)
      WHEN kind = 'providers' THEN
        (SELECT concat_ws(' ', v.title, v.first_name, v.last_name) FROM frontdesk.providers v
          WHERE v.id = record_id::bigint)
      WHEN kind = 'operatories' THEN
        (SELECT o.name FROM frontdesk.operatories o WHERE o.id = record_id::bigint)
      WHEN kind = 'definitions' THEN
        (SELECT d.name FROM frontdesk.definitions d WHERE d.id = record_id::bigint)
    END
  $$;

REVOKE EXECUTE ON FUNCTION frontdesk.record_name(text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION frontdesk.record_name(text, text) TO frontdesk_staff;

REVOKE EXECUTE ON FUNCTION frontdesk.client_search_entries_status(),
  frontdesk.refuse_archiving_a_payer(),
  frontdesk.search_clients(text, integer, boolean) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION frontdesk.search_clients(text, integer, boolean) TO frontdesk_staff;
