-- 0022-book-hours.sql: a booking or move from a desk stays within the practice's opening
-- hours, on a day the provider is scheduled. The practice's working days are the days
-- some provider is scheduled (provider_schedules), which the week view shows.
-- SPDX-License-Identifier: GPL-3.0-or-later

-- Checked when an appointment's start, length or provider is written by a Frontdesk
-- session (a desk); the sample data and restores, written by the owner without a session,
-- are loaded as they are. An end before its start is the length's own check
-- (appointments_length_valid: 5 to 600 minutes).
CREATE FUNCTION frontdesk.appointments_within_hours() RETURNS trigger
  LANGUAGE plpgsql
  SET search_path = pg_catalog, pg_temp
  AS $$
DECLARE
  p frontdesk.practice;
  local_start timestamp;
  local_end timestamp;
  who text;
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.starts_at = OLD.starts_at
     AND NEW.length_minutes = OLD.length_minutes AND NEW.provider_id = OLD.provider_id THEN
    RETURN NEW;
  END IF;
  IF NEW.status <> 'scheduled' OR frontdesk.current_session_id() IS NULL THEN
    RETURN NEW;
  END IF;
  SELECT * INTO p FROM frontdesk.practice;
  local_start := NEW.starts_at AT TIME ZONE p.time_zone;
  local_end := local_start + make_interval(mins => NEW.length_minutes);
  IF local_start::time < p.opens_at OR local_end > local_start::date + p.closes_at THEN
    RAISE EXCEPTION 'The practice is open from % to %: an appointment from % to % is outside '
                    'its hours. Pick a start and length within them.',
                    to_char(p.opens_at, 'HH24:MI'), to_char(p.closes_at, 'HH24:MI'),
                    to_char(local_start, 'HH24:MI'), to_char(local_end, 'HH24:MI')
      USING ERRCODE = 'FD040',
            DETAIL = jsonb_build_object(
              'key', 'outside-hours',
              'opens', extract(epoch FROM (local_start::date + p.opens_at) AT TIME ZONE p.time_zone),
              'closes', extract(epoch FROM (local_start::date + p.closes_at) AT TIME ZONE p.time_zone),
              'starts', extract(epoch FROM NEW.starts_at),
              'ends', extract(epoch FROM NEW.starts_at + make_interval(mins => NEW.length_minutes)))::text;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM frontdesk.provider_schedules s
                  WHERE s.provider_id = NEW.provider_id
                    AND s.weekday = extract(isodow FROM local_start)) THEN
    SELECT concat_ws(' ', nullif(pr.title, ''), pr.first_name, pr.last_name) INTO who
      FROM frontdesk.providers pr WHERE pr.id = NEW.provider_id;
    RAISE EXCEPTION '% is not scheduled on %. Pick a day in their schedule, or another '
                    'provider.',
                    coalesce(who, 'The provider'), to_char(local_start, 'FMDay YYYY-MM-DD')
      USING ERRCODE = 'FD041',
            DETAIL = jsonb_build_object('key', 'provider-not-scheduled',
                                        'provider', coalesce(who, ''),
                                        'day', to_char(local_start, 'YYYY-MM-DD'))::text;
  END IF;
  RETURN NEW;
END
$$;

REVOKE ALL ON FUNCTION frontdesk.appointments_within_hours() FROM PUBLIC;

CREATE TRIGGER appointments_within_hours
  BEFORE INSERT OR UPDATE OF starts_at, length_minutes, provider_id
  ON frontdesk.appointments
  FOR EACH ROW EXECUTE FUNCTION frontdesk.appointments_within_hours();
