-- 0017-appointment-book.sql: a cancelled appointment is kept with its reason, never deleted;
-- the day's appointments carry what the book needs to undo a change (the confirmation's id)
-- and to show a cancellation.
-- SPDX-License-Identifier: GPL-3.0-or-later

ALTER TABLE frontdesk.appointments
  DROP CONSTRAINT appointments_status_valid,
  ADD CONSTRAINT appointments_status_valid
    CHECK (status IN ('scheduled', 'complete', 'broken', 'cancelled')),
  ADD COLUMN cancel_reason text
    CONSTRAINT appointments_cancel_reason_length CHECK (length(cancel_reason) <= 500),
  ADD CONSTRAINT appointments_cancel_reason_given
    CHECK (status <> 'cancelled' OR length(btrim(coalesce(cancel_reason, ''))) > 0);

UPDATE frontdesk.constraint_messages
   SET message = 'An appointment’s status is scheduled, complete, broken or cancelled.'
 WHERE constraint_name = 'appointments_status_valid';
INSERT INTO frontdesk.constraint_messages VALUES
  ('appointments_cancel_reason_length',
   'The reason for a cancellation (cancel reason) can have at most 500 characters.'),
  ('appointments_cancel_reason_given',
   'A cancelled appointment needs the reason it was cancelled (cancel reason).')
ON CONFLICT (constraint_name) DO NOTHING;

DROP FUNCTION frontdesk.day_appointments(date);

CREATE FUNCTION frontdesk.day_appointments(day date)
  RETURNS TABLE (appointment_id bigint, operatory_id bigint, provider_id bigint,
                 starts_minute integer, length_minutes integer, client_id bigint,
                 client_name text, procedures text, status text, confirmation text,
                 appointment_type text, note text, confirmation_id bigint,
                 cancel_reason text)
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
           a.status, cd.name, td.name, a.note, a.confirmation_id, a.cancel_reason
      FROM frontdesk.appointments a
      JOIN frontdesk.practice p ON true
      JOIN frontdesk.clients c ON c.id = a.client_id
      LEFT JOIN frontdesk.definitions cd ON cd.id = a.confirmation_id
      LEFT JOIN frontdesk.definitions td ON td.id = a.appointment_type_id
     WHERE a.starts_at >= (day::timestamp AT TIME ZONE p.time_zone)
       AND a.starts_at < ((day + 1)::timestamp AT TIME ZONE p.time_zone)
     ORDER BY a.operatory_id, a.starts_at
  $$;

REVOKE ALL ON FUNCTION frontdesk.day_appointments(date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION frontdesk.day_appointments(date) TO frontdesk_staff;
