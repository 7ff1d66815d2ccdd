-- 0020-free-slots.sql: Find a Free Slot: the next openings of a length, within the practice's
-- opening hours and a provider's schedule, where neither the operatory nor the provider is
-- booked (a cancelled appointment blocks nothing); and a client's appointments, past and to
-- come.
-- SPDX-License-Identifier: GPL-3.0-or-later

-- A provider's day is read by provider and start, as an operatory's already is.
CREATE INDEX appointments_provider ON frontdesk.appointments (provider_id, starts_at);

-- Openings from @from_day on, day by day, at most @max_rows of them and at most 92 days
-- ahead. @provider and @operatory NULL mean any; @part_of_day is 'morning' (starting before
-- noon), 'afternoon' (from noon) or 'any'. A schedule bound to an operatory offers that one,
-- an unbound one every operatory not hidden. Each blocking test is a range on
-- (operatory_id, starts_at) or (provider_id, starts_at); an appointment lasts at most 600
-- minutes, which bounds how far back one may start and still overlap.
CREATE FUNCTION frontdesk.free_slots(from_day date, length_minutes integer, provider bigint,
                                     operatory bigint, part_of_day text, max_rows integer)
  RETURNS TABLE (day date, starts_minute integer, provider_id bigint, operatory_id bigint)
  LANGUAGE plpgsql STABLE
  AS $$
DECLARE
  practice frontdesk.practice;
  d date;
  found_rows integer := 0;
  n integer;
BEGIN
  IF length_minutes IS NULL OR length_minutes NOT BETWEEN 5 AND 600
     OR length_minutes % 5 <> 0 THEN
    RAISE EXCEPTION 'An appointment lasts 5 to 600 minutes, in steps of 5.'
      USING ERRCODE = 'FD004';
  END IF;
  IF part_of_day IS NULL OR part_of_day NOT IN ('morning', 'afternoon', 'any') THEN
    RAISE EXCEPTION 'The part of the day is morning, afternoon or any.'
      USING ERRCODE = 'FD004';
  END IF;
  IF from_day IS NULL OR max_rows IS NULL OR max_rows NOT BETWEEN 1 AND 500 THEN
    RAISE EXCEPTION 'A search needs a first day and 1 to 500 openings.'
      USING ERRCODE = 'FD004';
  END IF;
  SELECT * INTO practice FROM frontdesk.practice;

  FOR d IN SELECT g::date FROM generate_series(from_day, from_day + 91, interval '1 day') g LOOP
    RETURN QUERY
      WITH candidates AS (
        SELECT s.provider_id AS provider_id, o.id AS operatory_id, m.minute AS minute,
               pr.sort_order AS provider_order, o.sort_order AS operatory_order,
               (d + make_interval(mins => m.minute))::timestamp
                 AT TIME ZONE practice.time_zone AS slot_start
          FROM frontdesk.provider_schedules s
          JOIN frontdesk.providers pr ON pr.id = s.provider_id AND NOT pr.hidden
          JOIN frontdesk.operatories o
            ON NOT o.hidden AND (s.operatory_id IS NULL OR o.id = s.operatory_id)
         CROSS JOIN LATERAL generate_series(
                  -- the first start on the book's grid of slot_minutes
                  ((extract(epoch FROM greatest(s.starts_at, practice.opens_at))::integer / 60
                    + practice.slot_minutes - 1) / practice.slot_minutes) * practice.slot_minutes,
                  (extract(epoch FROM least(s.ends_at, practice.closes_at)) / 60)::integer
                    - free_slots.length_minutes,
                  practice.slot_minutes) AS m(minute)
         WHERE s.weekday = extract(isodow FROM d)
           AND (free_slots.provider IS NULL OR s.provider_id = free_slots.provider)
           AND (free_slots.operatory IS NULL OR o.id = free_slots.operatory)
           AND (free_slots.part_of_day = 'any'
                OR (free_slots.part_of_day = 'morning' AND m.minute < 720)
                OR (free_slots.part_of_day = 'afternoon' AND m.minute >= 720)))
      SELECT DISTINCT ON (c.minute, c.provider_order, c.provider_id, c.operatory_order,
                          c.operatory_id)
             d, c.minute, c.provider_id, c.operatory_id
        FROM candidates c
       WHERE c.slot_start > now()
         AND NOT EXISTS (
               SELECT 1 FROM frontdesk.appointments a
                WHERE a.operatory_id = c.operatory_id
                  AND a.starts_at > c.slot_start - interval '600 minutes'
                  AND a.starts_at < c.slot_start + make_interval(mins => free_slots.length_minutes)
                  AND a.starts_at + make_interval(mins => a.length_minutes) > c.slot_start
                  AND a.status <> 'cancelled')
         AND NOT EXISTS (
               SELECT 1 FROM frontdesk.appointments a
                WHERE a.provider_id = c.provider_id
                  AND a.starts_at > c.slot_start - interval '600 minutes'
                  AND a.starts_at < c.slot_start + make_interval(mins => free_slots.length_minutes)
                  AND a.starts_at + make_interval(mins => a.length_minutes) > c.slot_start
                  AND a.status <> 'cancelled')
       ORDER BY c.minute, c.provider_order, c.provider_id, c.operatory_order, c.operatory_id
       LIMIT max_rows - found_rows;
    GET DIAGNOSTICS n = ROW_COUNT;
    found_rows := found_rows + n;
    EXIT WHEN found_rows >= max_rows;
  END LOOP;
END
$$;

REVOKE ALL ON FUNCTION frontdesk.free_slots(date, integer, bigint, bigint, text, integer)
  FROM PUBLIC;
GRANT EXECUTE ON FUNCTION frontdesk.free_slots(date, integer, bigint, bigint, text, integer)
  TO frontdesk_staff;

-- A client's appointments, past and to come, for Find from the book: read by
-- appointments_client (client_id, starts_at).
CREATE FUNCTION frontdesk.client_appointments(client bigint)
  RETURNS TABLE (appointment_id bigint, day date, starts_minute integer, length_minutes integer,
                 operatory_id bigint, provider_id bigint, status text, confirmation text,
                 upcoming boolean)
  LANGUAGE sql STABLE
  AS $$
    SELECT a.id, (a.starts_at AT TIME ZONE p.time_zone)::date,
           (extract(hour FROM a.starts_at AT TIME ZONE p.time_zone) * 60
            + extract(minute FROM a.starts_at AT TIME ZONE p.time_zone))::integer,
           a.length_minutes, a.operatory_id, a.provider_id, a.status, cd.name,
           a.starts_at >= now()
      FROM frontdesk.appointments a
      JOIN frontdesk.practice p ON true
      LEFT JOIN frontdesk.definitions cd ON cd.id = a.confirmation_id
     WHERE a.client_id = client
     ORDER BY a.starts_at, a.id
  $$;

REVOKE ALL ON FUNCTION frontdesk.client_appointments(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION frontdesk.client_appointments(bigint) TO frontdesk_staff;
