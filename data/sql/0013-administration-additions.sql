-- 0013-administration-additions.sql: what administration gained after 0012 was merged:
-- releasing a save lock without taking it, maintenance switches as signals for workstations
-- that only poll, a SQLSTATE of its own for maintenance refusals, and two more integrity
-- checks.
-- SPDX-License-Identifier: GPL-3.0-or-later

-- Save locks -----------------------------------------------------------------------------

-- An administrator releases a save lock without taking it (a record lock is released with
-- lock_break()): the holder can no longer save under the context until they acquire it
-- again. Returns whether anyone held it.
CREATE FUNCTION frontdesk.context_break(context text) RETURNS boolean
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
DECLARE
  holder frontdesk.sessions;
BEGIN
  PERFORM frontdesk.require_admin('release save locks');
  PERFORM frontdesk.check_context_name(context);
  SELECT s.* INTO holder FROM frontdesk.save_contexts c
    JOIN frontdesk.sessions s ON s.id = c.holder
   WHERE c.name = context
     FOR UPDATE OF c;
  IF holder.id IS NULL THEN
    RETURN false;
  END IF;
  UPDATE frontdesk.save_contexts c SET holder = NULL, held_since = NULL WHERE c.name = context;
  PERFORM frontdesk.write_audit('save lock broken', NULL, context, NULL,
                                format('from %s at %s', holder.display_name, holder.workstation));
  PERFORM frontdesk.notify_context(context);
  RETURN true;
END
$$;

-- Maintenance mode -----------------------------------------------------------------------

-- Every switch is also a signal ('on' or 'off'), so a workstation that cannot LISTEN
-- (behind PgBouncer) learns of it at its next poll; maintenance_set() NOTIFYs the others.
CREATE FUNCTION frontdesk.signal_maintenance() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
BEGIN
  PERFORM frontdesk.emit_signal('maintenance', CASE WHEN NEW.active THEN 'on' ELSE 'off' END,
                                frontdesk.current_session_id());
  RETURN NULL;
END
$$;

CREATE TRIGGER maintenance_mode_signal AFTER UPDATE ON frontdesk.maintenance_mode
  FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*)
  EXECUTE FUNCTION frontdesk.signal_maintenance();

-- The refusal in one sentence, with a SQLSTATE no other refusal has (FD018 is a fee changed
-- meanwhile, 0011), so the program can tell maintenance from the rest.
CREATE OR REPLACE FUNCTION frontdesk.refuse_during_maintenance() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
DECLARE
  current frontdesk.maintenance_mode;
BEGIN
  SELECT * INTO current FROM frontdesk.maintenance_mode;
  IF current.active AND frontdesk.is_staff() AND NOT frontdesk.is_admin() THEN
    RAISE EXCEPTION 'The practice database is in maintenance (%), switched on by % at %. Changes are possible again once an administrator switches it off.',
      current.reason, current.by_name,
      to_char(current.since AT TIME ZONE (SELECT time_zone FROM frontdesk.practice), 'HH24:MI')
      USING ERRCODE = 'FD020';
  END IF;
  RETURN NULL;
END
$$;

-- Integrity checks -----------------------------------------------------------------------

INSERT INTO frontdesk.integrity_checks VALUES
  ('appointments_outside_hours', 12, 'Future appointments outside the practice''s hours', NULL),
  ('possible_duplicate_clients', 13, 'Clients who may be the same person twice', NULL);

CREATE FUNCTION frontdesk.check_appointments_outside_hours()
  RETURNS SETOF frontdesk.integrity_finding
  LANGUAGE sql STABLE
  AS $$
    SELECT 'warning', 'appointments', a.id::text,
           format('Appointment %s (%s, %s minutes) is outside the practice''s hours, %s to %s.',
                  a.id, frontdesk.practice_time(a.starts_at), a.length_minutes,
                  to_char(p.opens_at, 'HH24:MI'), to_char(p.closes_at, 'HH24:MI')),
           false
      FROM frontdesk.appointments a
      JOIN frontdesk.practice p ON true
     WHERE a.starts_at >= now() AND a.status = 'scheduled'
       AND ((a.starts_at AT TIME ZONE p.time_zone)::time < p.opens_at
            OR (a.starts_at AT TIME ZONE p.time_zone)::time
               + make_interval(mins => a.length_minutes) > p.closes_at
            OR (a.starts_at AT TIME ZONE p.time_zone)::time
               + make_interval(mins => a.length_minutes)
               < (a.starts_at AT TIME ZONE p.time_zone)::time)
     ORDER BY a.starts_at, a.id
  $$;

-- The same name and date of birth: often one person entered twice, sometimes twins.
CREATE FUNCTION frontdesk.check_possible_duplicate_clients()
  RETURNS SETOF frontdesk.integrity_finding
  LANGUAGE sql STABLE
  AS $$
    SELECT 'info', 'clients', (array_agg(c.id ORDER BY c.id))[2]::text,
           format('Clients %s are all %s %s, born %s: the same person twice?',
                  array_to_string(array_agg(c.id ORDER BY c.id), ', '), min(c.first_name),
                  min(c.last_name), c.birth_date),
           false
      FROM frontdesk.clients c
     WHERE c.birth_date IS NOT NULL AND c.status <> 'archived'
     GROUP BY lower(btrim(c.first_name)), lower(btrim(c.last_name)), c.birth_date
    HAVING count(*) > 1
     ORDER BY min(c.id)
  $$;

-- Who may call what ----------------------------------------------------------------------

REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA frontdesk FROM PUBLIC;
GRANT EXECUTE ON FUNCTION frontdesk.context_break(text) TO frontdesk_admin;
