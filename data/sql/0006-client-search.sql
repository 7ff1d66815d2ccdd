-- 0006-client-search.sql: finding a client as the front desk types: any part of a name, or
-- any digits of a phone number, served by a trigram index at 100,000 clients and more.
-- SPDX-License-Identifier: GPL-3.0-or-later

CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;

-- Names in lower case, then every phone number as digits only.
CREATE FUNCTION frontdesk.client_search_key(first_name text, last_name text,
                                            preferred_name text, phone_home text,
                                            phone_mobile text, phone_work text)
  RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$
    SELECT lower(last_name || ' ' || first_name || ' ' || coalesce(preferred_name, '')) || ' '
           || regexp_replace(coalesce(phone_home, '') || ' ' || coalesce(phone_mobile, '') || ' '
                             || coalesce(phone_work, ''), '[^0-9 ]', '', 'g')
  $$;

CREATE INDEX clients_search ON frontdesk.clients USING gin (
  frontdesk.client_search_key(first_name, last_name, preferred_name, phone_home, phone_mobile,
                              phone_work) public.gin_trgm_ops);

-- One or two letters are too few for trigrams: those match the start of the last name.
CREATE INDEX clients_last_name_prefix ON frontdesk.clients (lower(last_name) text_pattern_ops);

-- Up to @max_rows clients matching @query, those whose last name starts with it first.
CREATE FUNCTION frontdesk.search_clients(query text, max_rows integer)
  RETURNS TABLE (id bigint, last_name text, first_name text, preferred_name text,
                 birth_date date, phone text, status text)
  LANGUAGE plpgsql STABLE
  AS $$
DECLARE
  wanted text := lower(btrim(query));
  escaped text := replace(replace(replace(lower(btrim(query)), '\', '\\'), '%', '\%'), '_', '\_');
  how_many integer := greatest(1, least(max_rows, 1000));
BEGIN
  IF length(wanted) < 3 THEN
    RETURN QUERY
      SELECT c.id, c.last_name, c.first_name, c.preferred_name, c.birth_date,
             coalesce(c.phone_mobile, c.phone_home, c.phone_work), c.status
        FROM frontdesk.clients c
       WHERE lower(c.last_name) LIKE escaped || '%'
       ORDER BY lower(c.last_name), lower(c.first_name), c.id
       LIMIT how_many;
    RETURN;
  END IF;

  RETURN QUERY
    SELECT c.id, c.last_name, c.first_name, c.preferred_name, c.birth_date,
           coalesce(c.phone_mobile, c.phone_home, c.phone_work), c.status
      FROM frontdesk.clients c
     WHERE frontdesk.client_search_key(c.first_name, c.last_name, c.preferred_name, c.phone_home,
                                       c.phone_mobile, c.phone_work) LIKE '%' || escaped || '%'
     ORDER BY CASE WHEN lower(c.last_name) LIKE escaped || '%' THEN 0 ELSE 1 END,
              lower(c.last_name), lower(c.first_name), c.id
     LIMIT how_many;
END
$$;

-- A client's procedures with the latest version of each note, or with every version.
CREATE FUNCTION frontdesk.client_procedures(client bigint, history boolean)
  RETURNS TABLE (procedure_id bigint, performed_on date, code text, description text,
                 provider text, status text, fee numeric, note_version integer, note text,
                 note_author text, note_written_at timestamptz)
  LANGUAGE sql STABLE
  AS $$
    SELECT p.id, p.performed_on, pc.code, pc.description, pr.abbreviation, p.status, p.fee,
           n.version, n.body, frontdesk.display_name_of(n.author), n.written_at
      FROM frontdesk.procedures p
      JOIN frontdesk.procedure_codes pc ON pc.id = p.procedure_code_id
      JOIN frontdesk.providers pr ON pr.id = p.provider_id
      LEFT JOIN frontdesk.procedure_notes n
        ON n.procedure_id = p.id
       AND (history OR n.version = (SELECT max(version) FROM frontdesk.procedure_notes m
                                     WHERE m.procedure_id = p.id))
     WHERE p.client_id = client
     ORDER BY p.performed_on DESC, p.id DESC, n.version DESC
  $$;

GRANT EXECUTE ON FUNCTION frontdesk.client_search_key(text, text, text, text, text, text),
  frontdesk.search_clients(text, integer), frontdesk.client_procedures(bigint, boolean)
  TO frontdesk_staff;
