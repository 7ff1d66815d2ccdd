-- 0037-record-labels-by-key.sql: an audit page names its entries with a primary-key read for
-- each, and no other.
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- As 0027 wrote it, each entry was joined to every table a record may be in, the kind
-- checked beside the key: each of the page's 50 entries probed the providers', operatories',
-- definitions', appointments', notes' and procedures' primary keys, whatever its kind. The
-- key is now given only to the table of the entry's kind (NULL to the others, which the
-- index answers without reading), so a page reads one key per entry, two for an
-- appointment, a procedure or a note (their client). The rows are 0027's.

CREATE OR REPLACE FUNCTION frontdesk.record_labels(kinds text[], record_ids text[])
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
      LEFT JOIN frontdesk.providers v
        ON v.id = CASE WHEN w.kind = 'providers' THEN w.key END
      LEFT JOIN frontdesk.operatories o
        ON o.id = CASE WHEN w.kind = 'operatories' THEN w.key END
      LEFT JOIN frontdesk.definitions d
        ON d.id = CASE WHEN w.kind = 'definitions' THEN w.key END
      LEFT JOIN frontdesk.appointments a
        ON a.id = CASE WHEN w.kind = 'appointments' THEN w.key END
      -- A note on a procedure is named as its procedure.
      LEFT JOIN frontdesk.procedure_notes n
        ON n.id = CASE WHEN w.kind = 'procedure_notes' THEN w.key END
      LEFT JOIN frontdesk.procedures p
        ON p.id = CASE w.kind WHEN 'procedures' THEN w.key
                              WHEN 'procedure_notes' THEN n.procedure_id END
      LEFT JOIN frontdesk.procedure_codes pc ON pc.id = p.procedure_code_id
      LEFT JOIN frontdesk.clients c
        ON c.id = CASE w.kind WHEN 'clients' THEN w.key
                              WHEN 'appointments' THEN a.client_id
                              WHEN 'procedures' THEN p.client_id
                              WHEN 'procedure_notes' THEN p.client_id END;
EXCEPTION WHEN lock_not_available THEN
  RETURN;
END
$$;
