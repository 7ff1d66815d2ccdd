-- 0036-day-at-its-floor.sql: the day view reads its day at the cost of the day's rows.
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- As 0017 read it, each of the day's appointments looked for its procedures in a sub-plan of
-- its own (on a small procedures table a scan of it, once per appointment), and the SQL
-- function, inlined into each caller's query, was planned again at every call (about as long
-- as reading a busy day). The procedures of the day's appointments are now gathered in one
-- pass over their index, and the function is PL/pgSQL, whose query plan a session keeps.
-- Rows, columns and order are 0017's.

CREATE OR REPLACE FUNCTION frontdesk.day_appointments(day date)
  RETURNS TABLE (appointment_id bigint, operatory_id bigint, provider_id bigint,
                 starts_minute integer, length_minutes integer, client_id bigint,
                 client_name text, procedures text, status text, confirmation text,
                 appointment_type text, note text, confirmation_id bigint,
                 cancel_reason text)
  LANGUAGE plpgsql STABLE
  AS $$
BEGIN
  RETURN QUERY
    WITH booked AS MATERIALIZED (
      SELECT a.*, p.time_zone
        FROM frontdesk.practice p
        JOIN frontdesk.appointments a
          ON a.starts_at >= (day::timestamp AT TIME ZONE p.time_zone)
         AND a.starts_at < ((day + 1)::timestamp AT TIME ZONE p.time_zone)
    ), planned AS (
      SELECT pr.appointment_id,
             string_agg(pc.abbreviation, ', ' ORDER BY pr.id) AS abbreviations
        FROM frontdesk.procedures pr
        JOIN frontdesk.procedure_codes pc ON pc.id = pr.procedure_code_id
       WHERE pr.appointment_id = ANY (ARRAY(SELECT b.id FROM booked b))
       GROUP BY pr.appointment_id
    )
    SELECT b.id, b.operatory_id, b.provider_id,
           (extract(hour FROM b.starts_at AT TIME ZONE b.time_zone) * 60
            + extract(minute FROM b.starts_at AT TIME ZONE b.time_zone))::integer,
           b.length_minutes::integer, b.client_id,
           c.first_name || ' ' || c.last_name,
           pl.abbreviations,
           b.status, cd.name, td.name, b.note, b.confirmation_id, b.cancel_reason
      FROM booked b
      JOIN frontdesk.clients c ON c.id = b.client_id
      LEFT JOIN planned pl ON pl.appointment_id = b.id
      LEFT JOIN frontdesk.definitions cd ON cd.id = b.confirmation_id
      LEFT JOIN frontdesk.definitions td ON td.id = b.appointment_type_id
     ORDER BY b.operatory_id, b.starts_at;
END
$$;
