-- 0012-administration.sql: what administrators see and do: the lock table and the connected
-- sessions, maintenance mode, the audit log viewer's paged search, and the integrity checks
-- with their safe repairs.
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Everything here but maintenance_status() is for administrators only; the server refuses
-- it to anyone else, from psql as from the program. A record lock is taken from its holder
-- with lock_override() and a save lock with context_take(); both are audited already.

-- Maintenance mode ---------------------------------------------------------------------------

-- While it is on, only administrators change the practice's data; everyone else's write is
-- refused with the reason and the name of who switched it on. Sessions, locks and the audit
-- log go on as before: a workstation still signs in, shows the banner and reads.
CREATE TABLE frontdesk.maintenance_mode (
  singleton boolean     PRIMARY KEY DEFAULT true CHECK (singleton),
  active    boolean     NOT NULL DEFAULT false,
  reason    text
    CONSTRAINT maintenance_mode_reason_length CHECK (length(reason) <= 200),
  by_login  name,
  by_name   text,
  since     timestamptz
);
INSERT INTO frontdesk.maintenance_mode DEFAULT VALUES;

-- Any staff member may ask; the banner shows the answer.
CREATE FUNCTION frontdesk.maintenance_status()
  RETURNS TABLE (active boolean, reason text, by_login name, by_name text, since timestamptz)
  LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
    SELECT m.active, m.reason, m.by_login, m.by_name, m.since
      FROM frontdesk.maintenance_mode m
     WHERE frontdesk.is_staff()
  $$;

-- Switches maintenance on (with a reason a person reads in the banner) or off. Returns
-- whether anything changed; every change is audited and sent on frontdesk_maintenance
-- ('on' or 'off'), so every workstation rereads the status within a moment.
CREATE FUNCTION frontdesk.maintenance_set(switch_on boolean, reason text) RETURNS boolean
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
DECLARE
  current frontdesk.maintenance_mode;
  why text := btrim(reason);
BEGIN
  PERFORM frontdesk.require_admin('switch maintenance mode');
  IF switch_on IS NULL THEN
    RAISE EXCEPTION 'Say whether maintenance mode goes on or off.' USING ERRCODE = 'FD004';
  END IF;
  SELECT * INTO current FROM frontdesk.maintenance_mode FOR UPDATE;

  IF switch_on THEN
    IF why IS NULL OR length(why) NOT BETWEEN 1 AND 200 THEN
      RAISE EXCEPTION 'Maintenance mode needs a reason of 1 to 200 characters; everyone sees it in the banner.'
        USING ERRCODE = 'FD004';
    END IF;
    IF current.active AND current.reason = why AND current.by_login = session_user THEN
      RETURN false;
    END IF;
    UPDATE frontdesk.maintenance_mode
       SET active = true, reason = why, by_login = session_user,
           by_name = frontdesk.display_name_of(session_user),
           since = CASE WHEN current.active THEN current.since ELSE now() END;
    PERFORM frontdesk.write_audit('maintenance on', NULL, NULL, NULL, why);
    PERFORM pg_notify('frontdesk_maintenance', 'on');
    RETURN true;
  END IF;

  IF NOT current.active THEN
    RETURN false;
  END IF;
  UPDATE frontdesk.maintenance_mode
     SET active = false, reason = NULL, by_login = NULL, by_name = NULL, since = NULL;
  PERFORM frontdesk.write_audit('maintenance off', NULL, NULL, NULL,
                                format('on since %s by %s: %s',
                                       to_char(current.since, 'YYYY-MM-DD HH24:MI'),
                                       current.by_name, current.reason));
  PERFORM pg_notify('frontdesk_maintenance', 'off');
  RETURN true;
END
$$;

-- Before any change of the practice's data: refused during maintenance unless the writer is
-- an administrator. Logins outside the staff (the owner running migrations) have their own
-- rights and are not held back.
CREATE FUNCTION frontdesk.refuse_during_maintenance() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
DECLARE
  current frontdesk.maintenance_mode;
BEGIN
  SELECT * INTO current FROM frontdesk.maintenance_mode;
  IF current.active AND frontdesk.is_staff() AND NOT frontdesk.is_admin() THEN
    RAISE EXCEPTION 'Not saved: the practice database is in maintenance (%), switched on by % at %. Changes are possible again once an administrator switches it off.',
      current.reason, current.by_name,
      to_char(current.since AT TIME ZONE (SELECT time_zone FROM frontdesk.practice), 'HH24:MI')
      USING ERRCODE = 'FD018';
  END IF;
  RETURN NULL;
END
$$;

DO $$
DECLARE
  guarded text[] := ARRAY['definitions', 'providers', 'employees', 'operatories',
                          'procedure_codes', 'fee_schedules', 'fees', 'insurance_categories',
                          'provider_schedules', 'clients', 'appointments', 'procedures',
                          'procedure_notes', 'practice'];
  t text;
BEGIN
  FOREACH t IN ARRAY guarded LOOP
    EXECUTE format('CREATE TRIGGER %I BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE '
                   'ON frontdesk.%I FOR EACH STATEMENT '
                   'EXECUTE FUNCTION frontdesk.refuse_during_maintenance()',
                   t || '_maintenance', t);
  END LOOP;
END
$$;

-- The lock table -----------------------------------------------------------------------------

-- What a person calls a locked record: a client's name, an appointment's client and time.
CREATE FUNCTION frontdesk.describe_record(kind text, record_key text) RETURNS text
  LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
    SELECT coalesce(
      CASE WHEN record_key !~ '^[0-9]{1,18}$' THEN NULL
           WHEN kind = 'clients' THEN
             (SELECT format('Client %s %s', c.first_name, c.last_name)
                FROM frontdesk.clients c WHERE c.id = record_key::bigint)
           WHEN kind = 'appointments' THEN
             (SELECT format('Appointment of %s %s, %s', c.first_name, c.last_name,
                            to_char(a.starts_at AT TIME ZONE p.time_zone, 'YYYY-MM-DD HH24:MI'))
                FROM frontdesk.appointments a
                JOIN frontdesk.clients c ON c.id = a.client_id
                JOIN frontdesk.practice p ON true
               WHERE a.id = record_key::bigint)
      END,
      format('%s %s', kind, record_key))
  $$;

-- Every record lock and every held save lock, oldest first. alive: the holder's connection
-- still exists (a dead holder holds nothing; the next one to ask gets the lock).
CREATE FUNCTION frontdesk.lock_table()
  RETURNS TABLE (lock_kind text, record_kind text, record_id text, description text,
                 holder_session bigint, holder_login name, holder_name text,
                 holder_workstation text, since timestamptz, expires_at timestamptz,
                 alive boolean, expired boolean)
  LANGUAGE plpgsql STABLE SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
#variable_conflict use_column
BEGIN
  PERFORM frontdesk.require_admin('see the lock table');
  RETURN QUERY
    SELECT 'record', l.record_kind, l.record_id,
           frontdesk.describe_record(l.record_kind, l.record_id),
           s.id, s.login, s.display_name, s.workstation, l.acquired_at, l.expires_at,
           frontdesk.session_is_alive(s.id), coalesce(l.expires_at <= now(), false)
      FROM frontdesk.record_locks l
      JOIN frontdesk.sessions s ON s.id = l.session_id
    UNION ALL
    SELECT 'save', split_part(c.name, ':', 1), c.name, c.description,
           s.id, s.login, s.display_name, s.workstation, c.held_since, NULL::timestamptz,
           frontdesk.session_is_alive(s.id), false
      FROM frontdesk.save_contexts c
      JOIN frontdesk.sessions s ON s.id = c.holder
    ORDER BY 9, 3;
END
$$;

-- Every change of the lock table or of the sessions is a NOTIFY frontdesk_lock_table, so an
-- open lock table window reads it again. (A backend that dies says nothing: the window also
-- rereads now and then, to see a holder's connection gone.)
CREATE FUNCTION frontdesk.notify_lock_table() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  PERFORM pg_notify('frontdesk_lock_table', TG_TABLE_NAME);
  RETURN NULL;
END
$$;

CREATE TRIGGER record_locks_notify AFTER INSERT OR UPDATE OR DELETE ON frontdesk.record_locks
  FOR EACH STATEMENT EXECUTE FUNCTION frontdesk.notify_lock_table();
CREATE TRIGGER save_contexts_notify AFTER UPDATE OF holder ON frontdesk.save_contexts
  FOR EACH STATEMENT EXECUTE FUNCTION frontdesk.notify_lock_table();
CREATE TRIGGER sessions_notify AFTER INSERT OR UPDATE ON frontdesk.sessions
  FOR EACH STATEMENT EXECUTE FUNCTION frontdesk.notify_lock_table();

-- The connected sessions, and those gone without signing out that still hold a lock.
CREATE FUNCTION frontdesk.admin_sessions()
  RETURNS TABLE (session_id bigint, login name, display_name text, workstation text,
                 is_admin boolean, opened_at timestamptz, resumed_at timestamptz,
                 alive boolean, client_address text, record_locks bigint, save_locks bigint,
                 is_mine boolean)
  LANGUAGE plpgsql STABLE SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
#variable_conflict use_column
BEGIN
  PERFORM frontdesk.require_admin('see who is connected');
  RETURN QUERY
    SELECT * FROM (
      SELECT s.id, s.login, s.display_name, s.workstation,
             pg_has_role(s.login, 'frontdesk_admin', 'MEMBER'), s.opened_at, s.resumed_at,
             a.pid IS NOT NULL,
             CASE WHEN a.pid IS NULL THEN NULL
                  WHEN a.client_addr IS NULL THEN 'local'
                  ELSE host(a.client_addr) END,
             (SELECT count(*) FROM frontdesk.record_locks l WHERE l.session_id = s.id),
             (SELECT count(*) FROM frontdesk.save_contexts c WHERE c.holder = s.id),
             s.id = frontdesk.current_session_id()
        FROM frontdesk.sessions s
        LEFT JOIN pg_stat_get_activity(NULL) a ON a.pid = s.backend_pid
                                              AND a.backend_start = s.backend_start
       WHERE s.closed_at IS NULL) x (id, login, display_name, workstation, is_admin, opened_at,
                                     resumed_at, alive, client_address, record_locks,
                                     save_locks, is_mine)
     WHERE x.alive OR x.record_locks > 0 OR x.save_locks > 0
     ORDER BY x.opened_at, x.id;
END
$$;

-- The audit log viewer -----------------------------------------------------------------------

-- Newest first, a page at a time: the next page starts before the last row shown
-- (before_id), at the same cost as the first, whatever the log's size. Each filter has an
-- index ending in (at, id), so a page is read from an index without sorting the rest.
DROP INDEX frontdesk.audit_log_record;
DROP INDEX frontdesk.audit_log_actor;
DROP INDEX frontdesk.audit_log_at;
CREATE INDEX audit_log_at ON frontdesk.audit_log (at, id);
CREATE INDEX audit_log_actor ON frontdesk.audit_log (actor, at, id);
CREATE INDEX audit_log_record ON frontdesk.audit_log (table_name, record_id, at, id);
CREATE INDEX audit_log_action ON frontdesk.audit_log (action, at, id);

-- A change as a person reads it: one line for each column, old → new.
CREATE FUNCTION frontdesk.describe_changes(changes jsonb) RETURNS text
  LANGUAGE sql IMMUTABLE
  AS $$
    SELECT string_agg(format('%s: %s → %s', e.k, coalesce(e.v ->> 'old', '–'),
                             coalesce(e.v ->> 'new', '–')), E'\n' ORDER BY e.k)
      FROM jsonb_each(CASE jsonb_typeof(changes) WHEN 'object' THEN changes END) AS e (k, v)
  $$;

--   by_login: who acted; record: KIND:ID (clients:12), or context:NAME for a data context
--   (context:fees:3);
--   action_name: as written (update, lock broken, maintenance on…); since ≤ at < until.
-- Any of them NULL: no filter. page_size: 1 to 1000.
-- Returns the statement a page is read with, its parameters $1 to $7 the arguments; only the
-- filters given are in it, so each page is planned with the index that fits.
CREATE FUNCTION frontdesk.audit_search_sql(by_login name, record text, action_name text,
                                           since timestamptz, until timestamptz,
                                           before_id bigint, page_size integer)
  RETURNS text
  LANGUAGE plpgsql STABLE
  AS $$
DECLARE
  conditions text[] := ARRAY['true'];
BEGIN
  PERFORM frontdesk.require_admin('read the audit log');
  IF page_size IS NULL OR page_size NOT BETWEEN 1 AND 1000 THEN
    RAISE EXCEPTION 'A page of the audit log has 1 to 1000 rows, not %.', page_size
      USING ERRCODE = 'FD004';
  END IF;
  IF since IS NOT NULL AND until IS NOT NULL AND since >= until THEN
    RAISE EXCEPTION 'The period is empty: % is not before %.', since, until
      USING ERRCODE = 'FD004';
  END IF;

  IF by_login IS NOT NULL THEN
    conditions := conditions || 'a.actor = $1'::text;
  END IF;
  IF record IS NOT NULL THEN
    IF position(':' IN record) < 2 OR record LIKE '%:' THEN
      RAISE EXCEPTION 'A record is written KIND:ID, like clients:12 or context:fees:3; “%” is not.',
        left(record, 60) USING ERRCODE = 'FD004';
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
      RAISE EXCEPTION 'There is no audit entry %.', before_id USING ERRCODE = 'FD001';
    END IF;
    conditions := conditions
      || '(a.at, a.id) < ((SELECT l.at FROM frontdesk.audit_log l WHERE l.id = $6), $6)'::text;
  END IF;

  RETURN 'SELECT a.id, a.at, a.actor, frontdesk.display_name_of(a.actor), a.workstation, '
         '       a.action, a.table_name, a.record_id, a.changes, '
         '       frontdesk.describe_changes(a.changes), a.detail '
         '  FROM frontdesk.audit_log a WHERE ' || array_to_string(conditions, ' AND ')
         || ' ORDER BY a.at DESC, a.id DESC LIMIT $7';
END
$$;

CREATE FUNCTION frontdesk.audit_search(by_login name, record text, action_name text,
                                       since timestamptz, until timestamptz,
                                       before_id bigint, page_size integer)
  RETURNS TABLE (audit_id bigint, at timestamptz, actor name, actor_name text,
                 workstation text, action text, record_kind text, record_id text,
                 changes jsonb, change_lines text, detail text)
  LANGUAGE plpgsql STABLE SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
BEGIN
  RETURN QUERY EXECUTE frontdesk.audit_search_sql(by_login, record, action_name, since, until,
                                                  before_id, page_size)
    USING by_login, record, action_name, since, until, before_id, page_size;
END
$$;

-- How a page is read, for tests and benchmarks: the plan of audit_search()'s statement.
CREATE FUNCTION frontdesk.audit_search_plan(by_login name, record text, action_name text,
                                            since timestamptz, until timestamptz,
                                            before_id bigint, page_size integer)
  RETURNS text
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
DECLARE
  line text;
  plan text := '';
BEGIN
  FOR line IN EXECUTE 'EXPLAIN ' || frontdesk.audit_search_sql(by_login, record, action_name,
                                                               since, until, before_id, page_size)
    USING by_login, record, action_name, since, until, before_id, page_size
  LOOP
    plan := plan || line || E'\n';
  END LOOP;
  RETURN plan;
END
$$;

-- The actions the log holds, for the viewer's filter: one index probe for each.
CREATE FUNCTION frontdesk.audit_actions() RETURNS SETOF text
  LANGUAGE plpgsql STABLE SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
BEGIN
  PERFORM frontdesk.require_admin('read the audit log');
  RETURN QUERY
    WITH RECURSIVE found (action) AS (
      SELECT min(l.action) FROM frontdesk.audit_log l
      UNION ALL
      SELECT (SELECT min(l.action) FROM frontdesk.audit_log l WHERE l.action > f.action)
        FROM found f WHERE f.action IS NOT NULL)
    SELECT f.action FROM found f WHERE f.action IS NOT NULL;
END
$$;

-- The integrity checks -----------------------------------------------------------------------

-- What constraints cannot check. Each check is a function check_<name>() returning findings;
-- those with a repair have repair_<name>(), which changes only what is safe to change
-- without asking anyone, and is audited.
CREATE TABLE frontdesk.integrity_checks (
  name     text    PRIMARY KEY,
  position integer NOT NULL UNIQUE,
  title    text    NOT NULL,
  repair   text
);
INSERT INTO frontdesk.integrity_checks VALUES
  ('overlapping_appointments', 1, 'Appointments overlapping in one operatory', NULL),
  ('hidden_provider_appointments', 2, 'Future appointments of hidden providers', NULL),
  ('hidden_operatory_appointments', 3, 'Future appointments in hidden operatories', NULL),
  ('archived_client_appointments', 4, 'Future appointments of archived clients', NULL),
  ('procedure_of_other_client', 5, 'Procedures attached to another client''s appointment', NULL),
  ('fee_differs_from_schedule', 6, 'Procedures whose fee differs from their fee schedule',
   'Set each planned procedure''s fee to its schedule''s fee'),
  ('guarantor_not_own', 7, 'Families whose guarantor pays for another family', NULL),
  ('past_appointments_scheduled', 8, 'Past appointments never set complete or broken', NULL),
  ('dead_record_locks', 9, 'Record locks held by sessions whose connection is gone',
   'Release them; their sessions are told an administrator did'),
  ('dead_save_locks', 10, 'Save locks held by sessions whose connection is gone',
   'Release them'),
  ('signal_backlog', 11, 'Change signals older than a day (nobody purges them)',
   'Purge the signals older than a day');

-- What a check finds: how bad (error, warning, info), where, what, and whether
-- integrity_repair() may repair it.
CREATE TYPE frontdesk.integrity_finding AS (
  severity    text,
  record_kind text,
  record_id   text,
  message     text,
  repairable  boolean
);

CREATE FUNCTION frontdesk.practice_time(at timestamptz) RETURNS text
  LANGUAGE sql STABLE
  AS $$ SELECT to_char(at AT TIME ZONE (SELECT time_zone FROM frontdesk.practice), 'YYYY-MM-DD HH24:MI') $$;

CREATE FUNCTION frontdesk.check_overlapping_appointments()
  RETURNS SETOF frontdesk.integrity_finding
  LANGUAGE sql STABLE
  AS $$
    SELECT 'error', 'appointments', b.id::text,
           format('Appointment %s (%s) overlaps appointment %s (%s) in operatory %s.',
                  b.id, frontdesk.practice_time(b.starts_at), a.id,
                  frontdesk.practice_time(a.starts_at), o.name),
           false
      FROM frontdesk.appointments a
      JOIN frontdesk.appointments b
        ON b.operatory_id = a.operatory_id AND b.id <> a.id
       AND b.starts_at >= a.starts_at
       AND b.starts_at < a.starts_at + make_interval(mins => a.length_minutes)
       AND (b.starts_at > a.starts_at OR b.id > a.id)
      JOIN frontdesk.operatories o ON o.id = a.operatory_id
     WHERE a.status <> 'broken' AND b.status <> 'broken'
     ORDER BY b.starts_at, b.id
  $$;

CREATE FUNCTION frontdesk.check_hidden_provider_appointments()
  RETURNS SETOF frontdesk.integrity_finding
  LANGUAGE sql STABLE
  AS $$
    SELECT 'warning', 'appointments', a.id::text,
           format('Appointment %s (%s) is booked with %s %s, who is hidden; book it with another provider.',
                  a.id, frontdesk.practice_time(a.starts_at), p.first_name, p.last_name),
           false
      FROM frontdesk.appointments a
      JOIN frontdesk.providers p ON p.id = a.provider_id
     WHERE p.hidden AND a.starts_at >= now() AND a.status = 'scheduled'
     ORDER BY a.starts_at, a.id
  $$;

CREATE FUNCTION frontdesk.check_hidden_operatory_appointments()
  RETURNS SETOF frontdesk.integrity_finding
  LANGUAGE sql STABLE
  AS $$
    SELECT 'warning', 'appointments', a.id::text,
           format('Appointment %s (%s) is in operatory %s, which is hidden; move it to another.',
                  a.id, frontdesk.practice_time(a.starts_at), o.name),
           false
      FROM frontdesk.appointments a
      JOIN frontdesk.operatories o ON o.id = a.operatory_id
     WHERE o.hidden AND a.starts_at >= now() AND a.status = 'scheduled'
     ORDER BY a.starts_at, a.id
  $$;

CREATE FUNCTION frontdesk.check_archived_client_appointments()
  RETURNS SETOF frontdesk.integrity_finding
  LANGUAGE sql STABLE
  AS $$
    SELECT 'warning', 'appointments', a.id::text,
           format('Appointment %s (%s) is booked for %s %s, who is archived.',
                  a.id, frontdesk.practice_time(a.starts_at), c.first_name, c.last_name),
           false
      FROM frontdesk.appointments a
      JOIN frontdesk.clients c ON c.id = a.client_id
     WHERE c.status = 'archived' AND a.starts_at >= now() AND a.status = 'scheduled'
     ORDER BY a.starts_at, a.id
  $$;

CREATE FUNCTION frontdesk.check_procedure_of_other_client()
  RETURNS SETOF frontdesk.integrity_finding
  LANGUAGE sql STABLE
  AS $$
    SELECT 'error', 'procedures', p.id::text,
           format('Procedure %s belongs to client %s but is attached to appointment %s of client %s.',
                  p.id, p.client_id, a.id, a.client_id),
           false
      FROM frontdesk.procedures p
      JOIN frontdesk.appointments a ON a.id = p.appointment_id
     WHERE a.client_id <> p.client_id
     ORDER BY p.id
  $$;

-- The fee a procedure should have: its code's fee in the fee schedule of the family's
-- account (the guarantor's row). NULL when the family has no schedule or it has no fee.
CREATE FUNCTION frontdesk.schedule_fees()
  RETURNS TABLE (procedure_id bigint, fee numeric, schedule_fee numeric, schedule_name text,
                 status text)
  LANGUAGE sql STABLE
  AS $$
    SELECT p.id, p.fee, f.amount, s.name, p.status
      FROM frontdesk.procedures p
      JOIN frontdesk.clients c ON c.id = p.client_id
      JOIN frontdesk.clients g ON g.id = c.guarantor_id
      JOIN frontdesk.fee_schedules s ON s.id = g.fee_schedule_id
      JOIN frontdesk.fees f ON f.fee_schedule_id = s.id AND f.procedure_code_id = p.procedure_code_id
  $$;

CREATE FUNCTION frontdesk.check_fee_differs_from_schedule()
  RETURNS SETOF frontdesk.integrity_finding
  LANGUAGE sql STABLE
  AS $$
    SELECT CASE WHEN f.status = 'planned' THEN 'warning' ELSE 'info' END,
           'procedures', f.procedure_id::text,
           format('Procedure %s (%s) costs %s, but the fee schedule “%s” says %s.',
                  f.procedure_id, f.status, f.fee, f.schedule_name, f.schedule_fee),
           f.status = 'planned'
      FROM frontdesk.schedule_fees() f
     WHERE f.fee <> f.schedule_fee
     ORDER BY f.procedure_id
  $$;

-- Complete procedures keep the fee charged; only planned ones follow the schedule.
CREATE FUNCTION frontdesk.repair_fee_differs_from_schedule() RETURNS integer
  LANGUAGE sql
  AS $$
    WITH fixed AS (
      UPDATE frontdesk.procedures p SET fee = f.schedule_fee
        FROM frontdesk.schedule_fees() f
       WHERE f.procedure_id = p.id AND f.status = 'planned' AND p.status = 'planned'
         AND f.fee <> f.schedule_fee
      RETURNING 1)
    SELECT count(*)::integer FROM fixed
  $$;

CREATE FUNCTION frontdesk.check_guarantor_not_own()
  RETURNS SETOF frontdesk.integrity_finding
  LANGUAGE sql STABLE
  AS $$
    SELECT 'warning', 'clients', c.id::text,
           format('%s %s pays for client %s but is in the family of client %s.',
                  g.first_name, g.last_name, c.id, g.guarantor_id),
           false
      FROM frontdesk.clients c
      JOIN frontdesk.clients g ON g.id = c.guarantor_id
     WHERE g.guarantor_id <> g.id
     ORDER BY c.id
  $$;

CREATE FUNCTION frontdesk.check_past_appointments_scheduled()
  RETURNS SETOF frontdesk.integrity_finding
  LANGUAGE sql STABLE
  AS $$
    SELECT 'info', NULL::text, NULL::text,
           format('%s appointments before today are still scheduled, the oldest on %s; set them complete or broken.',
                  count(*), min(frontdesk.practice_day(a.starts_at))),
           false
      FROM frontdesk.appointments a
     WHERE a.status = 'scheduled'
       AND a.starts_at < (current_date::timestamp AT TIME ZONE (SELECT time_zone FROM frontdesk.practice))
    HAVING count(*) > 0
  $$;

CREATE FUNCTION frontdesk.dead_record_locks()
  RETURNS TABLE (record_kind text, record_id text, session_id bigint, display_name text,
                 workstation text, acquired_at timestamptz)
  LANGUAGE sql STABLE
  AS $$
    SELECT l.record_kind, l.record_id, s.id, s.display_name, s.workstation, l.acquired_at
      FROM frontdesk.record_locks l
      JOIN frontdesk.sessions s ON s.id = l.session_id
     WHERE NOT frontdesk.session_is_alive(s.id)
     ORDER BY l.acquired_at
  $$;

CREATE FUNCTION frontdesk.check_dead_record_locks()
  RETURNS SETOF frontdesk.integrity_finding
  LANGUAGE sql STABLE
  AS $$
    SELECT 'warning', d.record_kind, d.record_id,
           format('%s is locked since %s by %s at %s, whose connection is gone.',
                  frontdesk.describe_record(d.record_kind, d.record_id),
                  frontdesk.practice_time(d.acquired_at), d.display_name, d.workstation),
           true
      FROM frontdesk.dead_record_locks() d
  $$;

-- Through the same path as an administrator's break: audited, and a session that resumes
-- later is told its lock was released rather than finding it gone unannounced.
CREATE FUNCTION frontdesk.repair_dead_record_locks() RETURNS integer
  LANGUAGE plpgsql
  AS $$
DECLARE
  dead record;
  n integer := 0;
BEGIN
  FOR dead IN SELECT * FROM frontdesk.dead_record_locks() LOOP
    PERFORM pg_advisory_xact_lock(hashtext('frontdesk.lock:' || dead.record_kind || ':'
                                           || dead.record_id));
    DELETE FROM frontdesk.record_locks l
     WHERE l.record_kind = dead.record_kind AND l.record_id = dead.record_id
       AND l.session_id = dead.session_id AND NOT frontdesk.session_is_alive(dead.session_id);
    IF FOUND THEN
      PERFORM frontdesk.record_lock_loss(dead.record_kind, dead.record_id, dead.session_id,
                                         'broken');
      n := n + 1;
    END IF;
  END LOOP;
  RETURN n;
END
$$;

CREATE FUNCTION frontdesk.check_dead_save_locks()
  RETURNS SETOF frontdesk.integrity_finding
  LANGUAGE sql STABLE
  AS $$
    SELECT 'warning', split_part(c.name, ':', 1), c.name,
           format('The save lock for %s is held since %s by %s at %s, whose connection is gone.',
                  c.description, frontdesk.practice_time(c.held_since), s.display_name,
                  s.workstation),
           true
      FROM frontdesk.save_contexts c
      JOIN frontdesk.sessions s ON s.id = c.holder
     WHERE NOT frontdesk.session_is_alive(s.id)
     ORDER BY c.held_since
  $$;

CREATE FUNCTION frontdesk.repair_dead_save_locks() RETURNS integer
  LANGUAGE sql
  AS $$
    WITH freed AS (
      UPDATE frontdesk.save_contexts c SET holder = NULL, held_since = NULL
       WHERE c.holder IS NOT NULL AND NOT frontdesk.session_is_alive(c.holder)
      RETURNING frontdesk.notify_context(c.name))
    SELECT count(*)::integer FROM freed
  $$;

CREATE FUNCTION frontdesk.check_signal_backlog()
  RETURNS SETOF frontdesk.integrity_finding
  LANGUAGE sql STABLE
  AS $$
    SELECT 'warning', NULL::text, NULL::text,
           format('%s change signals are older than a day, the oldest from %s; workstations purge them as they poll, so none may have run for a while.',
                  count(*), frontdesk.practice_time(min(s.created_at))),
           true
      FROM frontdesk.signals s
     WHERE s.created_at < now() - interval '1 day'
    HAVING count(*) > 0
  $$;

CREATE FUNCTION frontdesk.repair_signal_backlog() RETURNS integer
  LANGUAGE sql
  AS $$ SELECT frontdesk.purge_signals(interval '1 day')::integer $$;

-- One check's findings, for the integrity tool's progress: it runs them one after another.
CREATE FUNCTION frontdesk.integrity_check(check_name text)
  RETURNS SETOF frontdesk.integrity_finding
  LANGUAGE plpgsql STABLE SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
BEGIN
  PERFORM frontdesk.require_admin('run the integrity checks');
  IF NOT EXISTS (SELECT 1 FROM frontdesk.integrity_checks c WHERE c.name = check_name) THEN
    RAISE EXCEPTION 'There is no integrity check “%”.', left(check_name, 60)
      USING ERRCODE = 'FD019';
  END IF;
  RETURN QUERY EXECUTE format('SELECT * FROM frontdesk.%I()', 'check_' || check_name);
END
$$;

-- Repairs what one check found, where that is safe; returns how many things it changed.
CREATE FUNCTION frontdesk.integrity_repair(check_name text) RETURNS integer
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
DECLARE
  what text;
  n integer;
BEGIN
  PERFORM frontdesk.require_admin('repair what the integrity checks found');
  SELECT c.repair INTO what FROM frontdesk.integrity_checks c WHERE c.name = check_name;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'There is no integrity check “%”.', left(check_name, 60)
      USING ERRCODE = 'FD019';
  END IF;
  IF what IS NULL THEN
    RAISE EXCEPTION 'What “%” finds needs a person to decide; it is not repaired automatically.',
      check_name USING ERRCODE = 'FD019';
  END IF;
  EXECUTE format('SELECT frontdesk.%I()', 'repair_' || check_name) INTO n;
  IF n > 0 THEN
    PERFORM frontdesk.write_audit('integrity repair', NULL, check_name, NULL,
                                  format('%s: %s', what, n));
  END IF;
  RETURN n;
END
$$;

-- Who may call what --------------------------------------------------------------------------

REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA frontdesk FROM PUBLIC;
GRANT EXECUTE ON FUNCTION frontdesk.maintenance_status(), frontdesk.practice_time(timestamptz),
  frontdesk.describe_changes(jsonb)
  TO frontdesk_staff;
GRANT EXECUTE ON FUNCTION
  frontdesk.maintenance_set(boolean, text), frontdesk.describe_record(text, text),
  frontdesk.lock_table(), frontdesk.admin_sessions(),
  frontdesk.audit_search(name, text, text, timestamptz, timestamptz, bigint, integer),
  frontdesk.audit_search_plan(name, text, text, timestamptz, timestamptz, bigint, integer),
  frontdesk.audit_actions(), frontdesk.integrity_check(text), frontdesk.integrity_repair(text)
  TO frontdesk_admin;
GRANT SELECT ON frontdesk.integrity_checks, frontdesk.maintenance_mode TO frontdesk_admin;
