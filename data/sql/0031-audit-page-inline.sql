-- 0031-audit-page-inline.sql: a page of the audit log names each entry's author and lists
-- its changes in the page's own query, rather than by a call per entry: display_name_of()
-- is SECURITY DEFINER with its own search_path, so each of its calls switched settings
-- (most of a page's cost), and describe_changes() ran its query once per entry. The same
-- text as theirs (0003, 0012), written into the statement.
-- SPDX-License-Identifier: GPL-3.0-or-later

CREATE OR REPLACE FUNCTION frontdesk.audit_search_sql(by_login name, record text, action_name text, since timestamp with time zone, until timestamp with time zone, before_id bigint, page_size integer)
 RETURNS text
 LANGUAGE plpgsql
 STABLE
AS $function$
DECLARE
  conditions text[] := ARRAY['true'];
BEGIN
  PERFORM frontdesk.require_admin('read the audit log');
  IF page_size IS NULL OR page_size NOT BETWEEN 1 AND 1000 THEN
    RAISE EXCEPTION 'A page of the audit log has 1 to 1000 rows, not %.', page_size
      USING ERRCODE = 'FD004',
            DETAIL = jsonb_build_object('key', 'audit-page-size', 'size', page_size)::text;
  END IF;
  IF since IS NOT NULL AND until IS NOT NULL AND since >= until THEN
    RAISE EXCEPTION 'The period is empty: % is not before %.', since, until
      USING ERRCODE = 'FD004',
            DETAIL = jsonb_build_object('key', 'audit-period-empty',
                                        'since', extract(epoch FROM since),
                                        'until', extract(epoch FROM until))::text;
  END IF;

  IF by_login IS NOT NULL THEN
    conditions := conditions || 'a.actor = $1'::text;
  END IF;
  IF record IS NOT NULL THEN
    IF position(':' IN record) < 2 OR record LIKE '%:' THEN
      RAISE EXCEPTION 'A record is written KIND:ID, like clients:12 or context:fees:3; “%” is not.',
        left(record, 60) USING ERRCODE = 'FD004',
            DETAIL = jsonb_build_object('key', 'audit-record-form',
                                        'record', left(record, 60))::text;
    END IF;
    -- A data context (its save lock taken) has no table: context:fees:3 names fees:3.
    IF split_part(record, ':', 1) = 'context' THEN
      conditions := conditions
        || 'a.table_name IS NULL AND a.record_id = substr($2, 9)'::text;
    ELSE
      conditions := conditions
        || 'a.table_name = split_part($2, '':'', 1) AND a.record_id = substr($2, strpos($2, '':'') + 1)'::text;
    END IF;
  END IF;
  IF action_name IS NOT NULL THEN
    conditions := conditions || 'a.action = $3'::text;
  END IF;
  IF since IS NOT NULL THEN
    conditions := conditions || 'a.at >= $4'::text;
  END IF;
  IF until IS NOT NULL THEN
    conditions := conditions || 'a.at < $5'::text;
  END IF;
  IF before_id IS NOT NULL THEN
    IF NOT EXISTS (SELECT 1 FROM frontdesk.audit_log l WHERE l.id = before_id) THEN
      RAISE EXCEPTION 'There is no audit entry %.', before_id USING ERRCODE = 'FD001',
            DETAIL = jsonb_build_object('key', 'audit-entry-gone', 'entry', before_id)::text;
    END IF;
    conditions := conditions
      || '(a.at, a.id) < ((SELECT l.at FROM frontdesk.audit_log l WHERE l.id = $6), $6)'::text;
  END IF;

  RETURN 'SELECT a.id, a.at, a.actor, '
         '       coalesce((SELECT nullif(btrim(w.first_name || '' '' || w.last_name), '''') '
         '                   FROM frontdesk.employees w WHERE w.login = a.actor), '
         '                a.actor::text), '
         '       a.workstation, a.action, a.table_name, a.record_id, a.changes, '
         '       (SELECT string_agg(format(''%s: %s → %s'', c.k, coalesce(c.v ->> ''old'', ''–''), '
         '                                 coalesce(c.v ->> ''new'', ''–'')), E''\n'' ORDER BY c.k) '
         '          FROM jsonb_each(CASE jsonb_typeof(a.changes) WHEN ''object'' '
         '                               THEN a.changes END) AS c (k, v)), '
         '       a.detail '
         '  FROM frontdesk.audit_log a WHERE ' || array_to_string(conditions, ' AND ')
         || ' ORDER BY a.at DESC, a.id DESC LIMIT $7';
END
$function$
;
