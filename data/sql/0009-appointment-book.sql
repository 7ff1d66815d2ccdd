-- 0009-appointment-book.sql: one day of the appointment book, as the day view draws it.
-- SPDX-License-Identifier: GPL-3.0-or-later

CREATE FUNCTION frontdesk.day_appointments(day date)
  RETURNS TABLE (appointment_id bigint, operatory_id bigint, provider_id bigint,
                 starts_minute integer, length_minutes integer, client_id bigint,
                 client_name text, procedures text, status text, confirmation text,
                 appointment_type text, note text)
  LANGUAGE sql STABLE
  AS $$
    SELECT a.id, a.operatory_id, a.provider_id,
           (extract(hour FROM a.starts_at AT TIME ZONE p.time_zone) * 60
            + extract(minute FROM a.starts_at AT TIME ZONE p.time_zone))::integer,
           a.length_minutes, a.client_id,
           c.first_name || ' ' || c.last_name,
           (SELECT string_agg(pc.abbreviation, ', ' ORDER BY pr.id)
              FROM frontdesk.procedures pr
              JOIN frontdesk.procedure_codes pc ON pc.id = pr.procedure_code_id
             WHERE pr.appointment_id = a.id),
           a.status, cd.name, td.name, a.note
      FROM frontdesk.appointments a
      JOIN frontdesk.practice p ON true
      JOIN frontdesk.clients c ON c.id = a.client_id
      LEFT JOIN frontdesk.definitions cd ON cd.id = a.confirmation_id
      LEFT JOIN frontdesk.definitions td ON td.id = a.appointment_type_id
     WHERE a.starts_at >= (day::timestamp AT TIME ZONE p.time_zone)
       AND a.starts_at < ((day + 1)::timestamp AT TIME ZONE p.time_zone)
     ORDER BY a.operatory_id, a.starts_at
  $$;

-- The instant a day's minute is, in the practice's time zone (for moves and new bookings).
CREATE FUNCTION frontdesk.practice_instant(day date, minute integer) RETURNS timestamptz
  LANGUAGE sql STABLE
  AS $$
    SELECT (day::timestamp + make_interval(mins => minute))
           AT TIME ZONE (SELECT time_zone FROM frontdesk.practice)
  $$;

GRANT EXECUTE ON FUNCTION frontdesk.day_appointments(date),
  frontdesk.practice_instant(date, integer) TO frontdesk_staff;
