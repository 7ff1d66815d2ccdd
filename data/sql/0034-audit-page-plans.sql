-- 0034-audit-page-plans.sql: a page of the audit log is read by a statement planned once
-- per connection, not at every call. Until now audit_search() built its statement as text
-- and ran it with EXECUTE, which parses and plans it each time (most of a page's cost).
-- Now the filters given pick one of six statements written into audit_search() itself;
-- PL/pgSQL keeps each one's plan, and since the function forces generic plans each is
-- planned once, with its parameters unknown. Not knowing the page's size, the planner
-- reckons on a tenth of the log and would compile the plan (JIT) at every call: jit is off
-- for the function, a page being 1 to 1000 entries.
--
-- Each statement reads one range of one index, in order:
-- * A filter left out is no filter by its value: the period starts at -infinity. The end
--   of the period and the page's start (before the last entry shown) are one bound on
--   (at, id), the earlier of the two, so that a page read backwards starts at it (with two
--   bounds the index is read from the later one and the other checked on each entry).
-- * A person's or an action's range is bounded by rows, (actor, at, id) from … to …, and
--   ordered by the index's columns. With actor = $1 the planner, planning for any person,
--   may read the whole log by time and check each entry (it does for an action); a row
--   bound is no equality, so only that index gives the order asked for.
-- * Each text parameter is compared in its column's collation: called with a name
--   (by_login, collation "C") and a text, the function's parameters take the call's
--   collation, and a comparison in another collation than the index's cannot read it.
--
-- A person's entries of one action (--user anna --action update) have their own index:
-- before, a page read the person's index and checked the action, and when none matched
-- it read all of the person's entries (a quarter of a million at ten million entries).
-- Writes to the log wait while this migration builds it. A record's entries with another
-- filter are read from the record's index and checked: they are one record's, a few
-- hundred at most.
-- SPDX-License-Identifier: GPL-3.0-or-later

CREATE INDEX audit_log_actor_action ON frontdesk.audit_log (actor, action, at, id);

-- What a page shows of each entry: who (by name), what changed (a line for each column).
-- The same text as display_name_of() and describe_changes() (0003, 0012, 0031).
CREATE VIEW frontdesk.audit_entries AS
  SELECT a.id AS audit_id, a.at, a.actor,
         coalesce((SELECT nullif(btrim(w.first_name || ' ' || w.last_name), '')
                     FROM frontdesk.employees w WHERE w.login = a.actor),
                  a.actor::text) AS actor_name,
         a.workstation, a.action, a.table_name AS record_kind, a.record_id, a.changes,
         (SELECT string_agg(format('%s: %s → %s', c.k, coalesce(c.v ->> 'old', '–'),
                                   coalesce(c.v ->> 'new', '–')), E'\n' ORDER BY c.k)
            FROM jsonb_each(CASE jsonb_typeof(a.changes) WHEN 'object'
                                 THEN a.changes END) AS c (k, v)) AS change_lines,
         a.detail
    FROM frontdesk.audit_log a;
REVOKE ALL ON frontdesk.audit_entries FROM PUBLIC;

-- Checks audit_search()'s arguments and names the statement that reads their page:
-- none, actor, action, actor action, record or context.
CREATE FUNCTION frontdesk.audit_search_shape(by_login name, record text, action_name text,
                                             since timestamptz, until timestamptz,
                                             before_id bigint, page_size integer)
  RETURNS text
  LANGUAGE plpgsql STABLE
  AS $$
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
  IF before_id IS NOT NULL
     AND NOT EXISTS (SELECT 1 FROM frontdesk.audit_log l WHERE l.id = before_id) THEN
    RAISE EXCEPTION 'There is no audit entry %.', before_id USING ERRCODE = 'FD001',
          DETAIL = jsonb_build_object('key', 'audit-entry-gone', 'entry', before_id)::text;
  END IF;
  IF record IS NOT NULL THEN
    IF position(':' IN record) < 2 OR record LIKE '%:' THEN
      RAISE EXCEPTION 'A record is written KIND:ID, like clients:12 or context:fees:3; “%” is not.',
        left(record, 60) USING ERRCODE = 'FD004',
            DETAIL = jsonb_build_object('key', 'audit-record-form',
                                        'record', left(record, 60))::text;
    END IF;
    -- A data context (its save lock taken) has no table: context:fees:3 names fees:3.
    RETURN CASE split_part(record, ':', 1) WHEN 'context' THEN 'context' ELSE 'record' END;
  END IF;
  RETURN CASE WHEN by_login IS NOT NULL AND action_name IS NOT NULL THEN 'actor action'
              WHEN by_login IS NOT NULL THEN 'actor'
              WHEN action_name IS NOT NULL THEN 'action'
              ELSE 'none' END;
END
$$;

-- The statement audit_search() reads a page with, its parameters $1 to $7 the arguments,
-- for audit_search_plan(). Each is written into audit_search() as well (tests/test-admin
-- checks that they are the same).
CREATE OR REPLACE FUNCTION frontdesk.audit_search_sql(by_login name, record text, action_name text, since timestamp with time zone, until timestamp with time zone, before_id bigint, page_size integer)
 RETURNS text
 LANGUAGE plpgsql
 STABLE
AS $function$
DECLARE
  shape text := frontdesk.audit_search_shape(by_login, record, action_name, since, until,
                                             before_id, page_size);
BEGIN
  RETURN CASE shape
    WHEN 'none' THEN
      'SELECT * FROM frontdesk.audit_entries a WHERE a.at >= coalesce($4, ''-infinity'') AND (a.at, a.audit_id) < (coalesce(least((SELECT l.at FROM frontdesk.audit_log l WHERE l.id = $6), $5), ''infinity''), CASE WHEN $5 IS NULL OR (SELECT l.at FROM frontdesk.audit_log l WHERE l.id = $6) < $5 THEN coalesce($6, 9223372036854775807) ELSE -9223372036854775807 END) ORDER BY a.at DESC, a.audit_id DESC LIMIT $7'
    WHEN 'actor' THEN
      'SELECT * FROM frontdesk.audit_entries a WHERE (a.actor, a.at, a.audit_id) >= ($1 COLLATE "C", coalesce($4, ''-infinity''), -9223372036854775807) AND (a.actor, a.at, a.audit_id) < ($1 COLLATE "C", coalesce(least((SELECT l.at FROM frontdesk.audit_log l WHERE l.id = $6), $5), ''infinity''), CASE WHEN $5 IS NULL OR (SELECT l.at FROM frontdesk.audit_log l WHERE l.id = $6) < $5 THEN coalesce($6, 9223372036854775807) ELSE -9223372036854775807 END) ORDER BY a.actor DESC, a.at DESC, a.audit_id DESC LIMIT $7'
    WHEN 'action' THEN
      'SELECT * FROM frontdesk.audit_entries a WHERE (a.action, a.at, a.audit_id) >= ($3 COLLATE "default", coalesce($4, ''-infinity''), -9223372036854775807) AND (a.action, a.at, a.audit_id) < ($3 COLLATE "default", coalesce(least((SELECT l.at FROM frontdesk.audit_log l WHERE l.id = $6), $5), ''infinity''), CASE WHEN $5 IS NULL OR (SELECT l.at FROM frontdesk.audit_log l WHERE l.id = $6) < $5 THEN coalesce($6, 9223372036854775807) ELSE -9223372036854775807 END) ORDER BY a.action DESC, a.at DESC, a.audit_id DESC LIMIT $7'
    WHEN 'actor action' THEN
      'SELECT * FROM frontdesk.audit_entries a WHERE a.actor = $1 COLLATE "C" AND (a.action, a.at, a.audit_id) >= ($3 COLLATE "default", coalesce($4, ''-infinity''), -9223372036854775807) AND (a.action, a.at, a.audit_id) < ($3 COLLATE "default", coalesce(least((SELECT l.at FROM frontdesk.audit_log l WHERE l.id = $6), $5), ''infinity''), CASE WHEN $5 IS NULL OR (SELECT l.at FROM frontdesk.audit_log l WHERE l.id = $6) < $5 THEN coalesce($6, 9223372036854775807) ELSE -9223372036854775807 END) ORDER BY a.action DESC, a.at DESC, a.audit_id DESC LIMIT $7'
    WHEN 'record' THEN
      'SELECT * FROM frontdesk.audit_entries a WHERE a.record_kind = split_part($2, '':'', 1) COLLATE "default" AND a.record_id = substr($2, strpos($2, '':'') + 1) COLLATE "default" AND a.at >= coalesce($4, ''-infinity'') AND (a.at, a.audit_id) < (coalesce(least((SELECT l.at FROM frontdesk.audit_log l WHERE l.id = $6), $5), ''infinity''), CASE WHEN $5 IS NULL OR (SELECT l.at FROM frontdesk.audit_log l WHERE l.id = $6) < $5 THEN coalesce($6, 9223372036854775807) ELSE -9223372036854775807 END) AND ($1 IS NULL OR a.actor = $1) AND ($3 IS NULL OR a.action = $3) ORDER BY a.at DESC, a.audit_id DESC LIMIT $7'
    WHEN 'context' THEN
      'SELECT * FROM frontdesk.audit_entries a WHERE a.record_kind IS NULL AND a.record_id = substr($2, 9) COLLATE "default" AND a.at >= coalesce($4, ''-infinity'') AND (a.at, a.audit_id) < (coalesce(least((SELECT l.at FROM frontdesk.audit_log l WHERE l.id = $6), $5), ''infinity''), CASE WHEN $5 IS NULL OR (SELECT l.at FROM frontdesk.audit_log l WHERE l.id = $6) < $5 THEN coalesce($6, 9223372036854775807) ELSE -9223372036854775807 END) AND ($1 IS NULL OR a.actor = $1) AND ($3 IS NULL OR a.action = $3) ORDER BY a.record_kind DESC, a.at DESC, a.audit_id DESC LIMIT $7'
  END;
END
$function$
;

-- Each statement as audit_search_sql() gives it, so that each keeps its plan.
CREATE OR REPLACE FUNCTION frontdesk.audit_search(by_login name, record text, action_name text, since timestamp with time zone, until timestamp with time zone, before_id bigint, page_size integer)
 RETURNS TABLE(audit_id bigint, at timestamp with time zone, actor name, actor_name text, workstation text, action text, record_kind text, record_id text, changes jsonb, change_lines text, detail text)
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
 SET plan_cache_mode TO 'force_generic_plan'
 SET jit TO 'off'
AS $function$
DECLARE
  shape text := frontdesk.audit_search_shape(by_login, record, action_name, since, until,
                                             before_id, page_size);
BEGIN
  IF shape = 'none' THEN
    RETURN QUERY SELECT * FROM frontdesk.audit_entries a WHERE a.at >= coalesce($4, '-infinity') AND (a.at, a.audit_id) < (coalesce(least((SELECT l.at FROM frontdesk.audit_log l WHERE l.id = $6), $5), 'infinity'), CASE WHEN $5 IS NULL OR (SELECT l.at FROM frontdesk.audit_log l WHERE l.id = $6) < $5 THEN coalesce($6, 9223372036854775807) ELSE -9223372036854775807 END) ORDER BY a.at DESC, a.audit_id DESC LIMIT $7;
  ELSIF shape = 'actor' THEN
    RETURN QUERY SELECT * FROM frontdesk.audit_entries a WHERE (a.actor, a.at, a.audit_id) >= ($1 COLLATE "C", coalesce($4, '-infinity'), -9223372036854775807) AND (a.actor, a.at, a.audit_id) < ($1 COLLATE "C", coalesce(least((SELECT l.at FROM frontdesk.audit_log l WHERE l.id = $6), $5), 'infinity'), CASE WHEN $5 IS NULL OR (SELECT l.at FROM frontdesk.audit_log l WHERE l.id = $6) < $5 THEN coalesce($6, 9223372036854775807) ELSE -9223372036854775807 END) ORDER BY a.actor DESC, a.at DESC, a.audit_id DESC LIMIT $7;
  ELSIF shape = 'action' THEN
    RETURN QUERY SELECT * FROM frontdesk.audit_entries a WHERE (a.action, a.at, a.audit_id) >= ($3 COLLATE "default", coalesce($4, '-infinity'), -9223372036854775807) AND (a.action, a.at, a.audit_id) < ($3 COLLATE "default", coalesce(least((SELECT l.at FROM frontdesk.audit_log l WHERE l.id = $6), $5), 'infinity'), CASE WHEN $5 IS NULL OR (SELECT l.at FROM frontdesk.audit_log l WHERE l.id = $6) < $5 THEN coalesce($6, 9223372036854775807) ELSE -9223372036854775807 END) ORDER BY a.action DESC, a.at DESC, a.audit_id DESC LIMIT $7;
  ELSIF shape = 'actor action' THEN
    RETURN QUERY SELECT * FROM frontdesk.audit_entries a WHERE a.actor = $1 COLLATE "C" AND (a.action, a.at, a.audit_id) >= ($3 COLLATE "default", coalesce($4, '-infinity'), -9223372036854775807) AND (a.action, a.at, a.audit_id) < ($3 COLLATE "default", coalesce(least((SELECT l.at FROM frontdesk.audit_log l WHERE l.id = $6), $5), 'infinity'), CASE WHEN $5 IS NULL OR (SELECT l.at FROM frontdesk.audit_log l WHERE l.id = $6) < $5 THEN coalesce($6, 9223372036854775807) ELSE -9223372036854775807 END) ORDER BY a.action DESC, a.at DESC, a.audit_id DESC LIMIT $7;
  ELSIF shape = 'record' THEN
    RETURN QUERY SELECT * FROM frontdesk.audit_entries a WHERE a.record_kind = split_part($2, ':', 1) COLLATE "default" AND a.record_id = substr($2, strpos($2, ':') + 1) COLLATE "default" AND a.at >= coalesce($4, '-infinity') AND (a.at, a.audit_id) < (coalesce(least((SELECT l.at FROM frontdesk.audit_log l WHERE l.id = $6), $5), 'infinity'), CASE WHEN $5 IS NULL OR (SELECT l.at FROM frontdesk.audit_log l WHERE l.id = $6) < $5 THEN coalesce($6, 9223372036854775807) ELSE -9223372036854775807 END) AND ($1 IS NULL OR a.actor = $1) AND ($3 IS NULL OR a.action = $3) ORDER BY a.at DESC, a.audit_id DESC LIMIT $7;
  ELSE
    RETURN QUERY SELECT * FROM frontdesk.audit_entries a WHERE a.record_kind IS NULL AND a.record_id = substr($2, 9) COLLATE "default" AND a.at >= coalesce($4, '-infinity') AND (a.at, a.audit_id) < (coalesce(least((SELECT l.at FROM frontdesk.audit_log l WHERE l.id = $6), $5), 'infinity'), CASE WHEN $5 IS NULL OR (SELECT l.at FROM frontdesk.audit_log l WHERE l.id = $6) < $5 THEN coalesce($6, 9223372036854775807) ELSE -9223372036854775807 END) AND ($1 IS NULL OR a.actor = $1) AND ($3 IS NULL OR a.action = $3) ORDER BY a.record_kind DESC, a.at DESC, a.audit_id DESC LIMIT $7;
  END IF;
END
$function$
;

-- The plan audit_search() reads a page with: its statement planned as the function plans
-- it, once, with its parameters unknown (a generic plan).
CREATE OR REPLACE FUNCTION frontdesk.audit_search_plan(by_login name, record text, action_name text, since timestamp with time zone, until timestamp with time zone, before_id bigint, page_size integer)
 RETURNS text
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
 SET plan_cache_mode TO 'force_generic_plan'
 SET jit TO 'off'
AS $function$
DECLARE
  line text;
  plan text := '';
BEGIN
  -- PREPARE fails when the connection has a statement of this name: what is explained is
  -- always the function's own.
  EXECUTE 'PREPARE frontdesk_audit_search_plan (name, text, text, timestamptz, '
          'timestamptz, bigint, integer) AS '
          || frontdesk.audit_search_sql(by_login, record, action_name, since, until,
                                        before_id, page_size);
  BEGIN
    FOR line IN EXECUTE format('EXPLAIN EXECUTE frontdesk_audit_search_plan (%L, %L, %L, '
                               '%L, %L, %L, %L)', by_login, record, action_name, since, until,
                               before_id, page_size)
    LOOP
      plan := plan || line || E'\n';
    END LOOP;
  EXCEPTION WHEN OTHERS THEN
    -- A prepared statement outlives the transaction: never leave it behind.
    EXECUTE 'DEALLOCATE frontdesk_audit_search_plan';
    RAISE;
  END;
  EXECUTE 'DEALLOCATE frontdesk_audit_search_plan';
  RETURN plan;
END
$function$
;

REVOKE ALL ON FUNCTION frontdesk.audit_search_shape(name, text, text, timestamptz,
                                                   timestamptz, bigint, integer) FROM PUBLIC;
