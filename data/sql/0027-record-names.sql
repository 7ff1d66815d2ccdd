-- 0027-record-names.sql: the audit log names appointments and procedures too.
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- record_label() gives what the log shows beside a record's key in parts, so that the
-- client puts them in the reader's words: the name (a client's, a provider's…; for an
-- appointment, a procedure or a procedure's note, their client's), a procedure's code and
-- an appointment's start (a moment: the desk writes it in its locale and 12/24-hour clock).
--
-- Each part is read by primary key, for the page of the log shown only. Appointments and
-- procedures are busy tables: a lookup that would wait for a lock on one (a table locked by
-- maintenance or a schema change) gives up at once and leaves the record unnamed, so
-- reading the log never waits on the book. It is PL/pgSQL, never inlined into the log's
-- query, so the planner does not lock these tables either.
CREATE FUNCTION frontdesk.record_label(kind text, record_id text,
                                       OUT name text, OUT code text, OUT moment timestamptz)
  LANGUAGE plpgsql STABLE
  SET lock_timeout = '1ms'
  AS $$
DECLARE
  key bigint;
BEGIN
  IF record_id IS NULL OR record_id !~ '^[0-9]{1,18}$' THEN
    RETURN;
  END IF;
  key := record_id::bigint;
  BEGIN
    -- A procedure's note is named as its procedure.
    IF kind = 'procedure_notes' THEN
      SELECT n.procedure_id INTO key FROM frontdesk.procedure_notes n WHERE n.id = key;
      kind := 'procedures';
    END IF;
    CASE kind
      WHEN 'clients' THEN
        SELECT c.first_name || ' ' || c.last_name INTO name
          FROM frontdesk.clients c WHERE c.id = key;
      WHEN 'providers' THEN
        SELECT concat_ws(' ', v.title, v.first_name, v.last_name) INTO name
          FROM frontdesk.providers v WHERE v.id = key;
      WHEN 'operatories' THEN
        SELECT o.name INTO name FROM frontdesk.operatories o WHERE o.id = key;
      WHEN 'definitions' THEN
        SELECT d.name INTO name FROM frontdesk.definitions d WHERE d.id = key;
      WHEN 'appointments' THEN
        SELECT c.first_name || ' ' || c.last_name, a.starts_at INTO name, moment
          FROM frontdesk.appointments a JOIN frontdesk.clients c ON c.id = a.client_id
         WHERE a.id = key;
      WHEN 'procedures' THEN
        SELECT c.first_name || ' ' || c.last_name, pc.code INTO name, code
          FROM frontdesk.procedures p
          JOIN frontdesk.clients c ON c.id = p.client_id
          JOIN frontdesk.procedure_codes pc ON pc.id = p.procedure_code_id
         WHERE p.id = key;
      ELSE
        NULL;
    END CASE;
  EXCEPTION WHEN lock_not_available THEN
    name := NULL;
    code := NULL;
    moment := NULL;
  END;
END
$$;

REVOKE EXECUTE ON FUNCTION frontdesk.record_label(text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION frontdesk.record_label(text, text) TO frontdesk_staff;

-- The name in one text, for psql and scripts: "D1110 for Fatima Perez", "Fatima Perez,
-- 2026-12-03 13:00" (the practice's time). Redefined from 0021, its latest body, whose
-- lookups move into record_label().
CREATE OR REPLACE FUNCTION frontdesk.record_name(kind text, record_id text) RETURNS text
  LANGUAGE sql STABLE
  AS $$
    SELECT CASE
      WHEN l.code IS NOT NULL THEN l.code || ' for ' || l.name
      WHEN l.moment IS NOT NULL THEN
        l.name || ', ' || frontdesk.practice_time(l.moment)
      ELSE l.name
    END
    FROM frontdesk.record_label(kind, record_id) l
  $$;
