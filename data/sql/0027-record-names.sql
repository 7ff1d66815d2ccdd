-- 0027-record-names.sql: the audit log names appointments and procedures too.
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- record_labels() gives what the log shows beside each record's key on a page, in parts, so
-- that the client puts them in the reader's words: the name (a client's, a provider's…;
-- for an appointment, a procedure or a note on a procedure, their client's), a procedure's
-- code, and an appointment's start (a moment: the desk writes it in its locale and 12/24-hour
-- clock).
--
-- One statement for the whole page (50 entries), each record read by primary key. The
-- page's records are on busy tables (appointments, procedures): when one of them is locked
-- (maintenance, a schema change), the statement gives up after 1 ms and the page shows its
-- keys alone, so reading the log never waits on the book. It is PL/pgSQL, never inlined
-- into the log's query, so planning that query locks none of these tables either.
CREATE FUNCTION frontdesk.record_labels(kinds text[], record_ids text[])
  RETURNS TABLE (item bigint, name text, code text, moment timestamptz)
  LANGUAGE plpgsql STABLE
  SET lock_timeout = '1ms'
  AS $$
BEGIN
  RETURN QUERY
    WITH wanted AS (
      SELECT u.i AS item, u.kind,
             CASE WHEN u.id ~ '^[0-9]{1,18}$' THEN u.id::bigint END AS key
        FROM unnest(kinds, record_ids) WITH ORDINALITY AS u(kind, id, i)
    )
    SELECT w.item,
           CASE w.kind
             WHEN 'providers' THEN concat_ws(' ', v.title, v.first_name, v.last_name)
             WHEN 'operatories' THEN o.name
             WHEN 'definitions' THEN d.name
             ELSE c.first_name || ' ' || c.last_name
           END,
           pc.code, a.starts_at
      FROM wanted w
      LEFT JOIN frontdesk.providers v ON w.kind = 'providers' AND v.id = w.key
      LEFT JOIN frontdesk.operatories o ON w.kind = 'operatories' AND o.id = w.key
      LEFT JOIN frontdesk.definitions d ON w.kind = 'definitions' AND d.id = w.key
      LEFT JOIN frontdesk.appointments a ON w.kind = 'appointments' AND a.id = w.key
      -- A note on a procedure is named as its procedure.
      LEFT JOIN frontdesk.procedure_notes n ON w.kind = 'procedure_notes' AND n.id = w.key
      LEFT JOIN frontdesk.procedures p
        ON w.kind IN ('procedures', 'procedure_notes')
       AND p.id = CASE w.kind WHEN 'procedures' THEN w.key ELSE n.procedure_id END
      LEFT JOIN frontdesk.procedure_codes pc ON pc.id = p.procedure_code_id
      LEFT JOIN frontdesk.clients c
        ON w.kind IN ('clients', 'appointments', 'procedures', 'procedure_notes')
       AND c.id = CASE w.kind WHEN 'clients' THEN w.key
                              WHEN 'appointments' THEN a.client_id
                              ELSE p.client_id END;
EXCEPTION WHEN lock_not_available THEN
  RETURN;
END
$$;

REVOKE EXECUTE ON FUNCTION frontdesk.record_labels(text[], text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION frontdesk.record_labels(text[], text[]) TO frontdesk_staff;

-- The name in one text, for psql and scripts: "D1110 for Fatima Perez", "Fatima Perez,
-- 2026-12-03 13:00" (the practice's time). Redefined from 0021, its latest body; the
-- lookups are record_labels()'s.
CREATE OR REPLACE FUNCTION frontdesk.record_name(kind text, record_id text) RETURNS text
  LANGUAGE sql STABLE
  AS $$
    SELECT CASE
      WHEN l.code IS NOT NULL THEN l.code || ' for ' || l.name
      WHEN l.moment IS NOT NULL THEN l.name || ', ' || frontdesk.practice_time(l.moment)
      ELSE l.name
    END
    FROM frontdesk.record_labels(ARRAY[kind], ARRAY[record_id]) l
  $$;
