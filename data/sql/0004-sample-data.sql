-- 0004-sample-data.sql: frontdesk.sample_data(), which fills an empty practice with a
-- realistic one, the same for the same seed.
-- SPDX-License-Identifier: GPL-3.0-or-later

CREATE FUNCTION frontdesk.sample_data(client_count integer, seed integer)
  RETURNS TABLE (what text, how_many bigint)
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  SET max_parallel_workers_per_gather = 0
  AS $$
DECLARE
  first_names text[] := ARRAY['Olivia', 'Liam', 'Emma', 'Noah', 'Ava', 'Oliver', 'Sophia',
    'Elijah', 'Isabella', 'James', 'Mia', 'William', 'Amelia', 'Benjamin', 'Harper', 'Lucas',
    'Evelyn', 'Henry', 'Abigail', 'Alexander', 'Emily', 'Mason', 'Ella', 'Michael', 'Chloe',
    'Ethan', 'Grace', 'Daniel', 'Zoe', 'Jacob', 'Nora', 'Logan', 'Lily', 'Jackson', 'Hannah',
    'Sebastian', 'Aria', 'Mateo', 'Layla', 'Jack', 'Riley', 'Owen', 'Ellie', 'Samuel', 'Maya',
    'Leo', 'Sofia', 'Aiden', 'Léa', 'Zoë', 'Björn', 'Siobhán', 'Chidi', 'Amara', 'Hiroshi',
    'Mei', 'Priya', 'Arjun', 'Fatima', 'Omar', 'Ingrid', 'Mateus', 'Nadia', 'Tomás'];
  last_names text[] := ARRAY['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia',
    'Miller', 'Davis', 'Rodriguez', 'Martinez', 'Hernandez', 'Lopez', 'Gonzalez', 'Wilson',
    'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin', 'Lee', 'Perez', 'Thompson',
    'White', 'Harris', 'Sanchez', 'Clark', 'Ramirez', 'Lewis', 'Robinson', 'Walker', 'Young',
    'Allen', 'King', 'Wright', 'Scott', 'Torres', 'Nguyen', 'Hill', 'Flores', 'Green', 'Adams',
    'Nelson', 'Baker', 'Hall', 'Rivera', 'Campbell', 'Mitchell', 'Carter', 'Roberts',
    'O''Brien', 'Müller', 'Østergaard', 'Nakamura', 'Okafor', 'Kowalski', 'Fernández',
    'MacDonald', 'Van der Berg', 'Singh', 'Haddad', 'Novak', 'Lindqvist', 'Dubois'];
  streets text[] := ARRAY['Harbour Road', 'Mill Lane', 'Station Street', 'Church Street',
    'Park Avenue', 'Victoria Road', 'Green Lane', 'Manor Way', 'Orchard Close', 'Kings Road',
    'Queens Drive', 'Riverside', 'High Street', 'Elm Grove', 'Cedar Court', 'Bay View'];
  cities text[] := ARRAY['Port Elliot', 'Millbrook', 'Ashford', 'Kingsbridge', 'Westhaven',
    'Fairview', 'Lakeside', 'Northam'];
  note_texts text[] := ARRAY['No complications.', 'Patient tolerated the procedure well.',
    'Local anaesthetic given; numbness explained.', 'Reviewed home care and flossing.',
    'Sensitivity noted on the lower left; review at next visit.',
    'X-rays taken and reviewed with the patient.', 'Recommended a follow-up in six months.',
    'Patient anxious; took extra time and breaks.', 'Shade matched A2.',
    'Temporary placed; permanent in two weeks.'];
  base_client bigint;
  base_appointment bigint;
  base_procedure bigint;
  today date := (now() AT TIME ZONE (SELECT time_zone FROM frontdesk.practice))::date;
BEGIN
  PERFORM frontdesk.require_admin('add sample data');
  IF client_count IS NULL OR client_count NOT BETWEEN 1 AND 10000000 THEN
    RAISE EXCEPTION 'The number of clients must be between 1 and 10,000,000.' USING ERRCODE = 'FD004';
  END IF;
  IF EXISTS (SELECT 1 FROM frontdesk.clients) THEN
    RAISE EXCEPTION 'The practice has clients already; sample data only goes into an empty practice.'
      USING ERRCODE = 'FD007';
  END IF;

  -- The same seed gives the same practice: one generator, used in a fixed order.
  PERFORM setseed(((seed::bigint % 2000000) - 1000000) / 1000000.0);

  UPDATE frontdesk.practice SET name = 'Harbour View Dental', opens_at = '08:00',
                                closes_at = '17:00', slot_minutes = 10;

  INSERT INTO frontdesk.definitions (category, name, color, sort_order)
  SELECT d.category, d.name, d.color, d.sort_order FROM (VALUES
    ('confirmation_status', 'Not confirmed', '#c0bfbc', 1),
    ('confirmation_status', 'Left message', '#f6d32d', 2),
    ('confirmation_status', 'Confirmed', '#33d17a', 3),
    ('confirmation_status', 'Arrived', '#3584e4', 4),
    ('billing_type', 'Standard', NULL, 1),
    ('billing_type', 'Monthly statement', NULL, 2),
    ('billing_type', 'Insurance only', NULL, 3),
    ('billing_type', 'Cash', NULL, 4),
    ('appointment_type', 'Check-up', '#99c1f1', 1),
    ('appointment_type', 'Cleaning', '#8ff0a4', 2),
    ('appointment_type', 'Treatment', '#f9f06b', 3),
    ('appointment_type', 'Emergency', '#f66151', 4),
    ('appointment_type', 'Consultation', '#dc8add', 5),
    ('procedure_category', 'Diagnostic', NULL, 1),
    ('procedure_category', 'Preventive', NULL, 2),
    ('procedure_category', 'Restorative', NULL, 3),
    ('procedure_category', 'Surgery', NULL, 4),
    ('client_status', 'Active', NULL, 1),
    ('client_status', 'Moved away', NULL, 2))
    AS d (category, name, color, sort_order)
  ON CONFLICT ON CONSTRAINT definitions_name_unique DO NOTHING;

  INSERT INTO frontdesk.providers (abbreviation, first_name, last_name, title, color,
                                   is_hygienist, sort_order)
  VALUES ('DR1', 'Helen', 'Okonkwo', 'Dr', '#1c71d8', false, 1),
         ('DR2', 'Martin', 'Haas', 'Dr', '#9141ac', false, 2),
         ('HYG1', 'Carla', 'Mendes', NULL, '#26a269', true, 3),
         ('HYG2', 'Tom', 'Becker', NULL, '#c64600', true, 4)
  ON CONFLICT ON CONSTRAINT providers_abbreviation_unique DO NOTHING;

  INSERT INTO frontdesk.operatories (name, abbreviation, sort_order)
  VALUES ('Surgery 1', 'S1', 1), ('Surgery 2', 'S2', 2), ('Hygiene 1', 'H1', 3),
         ('Hygiene 2', 'H2', 4)
  ON CONFLICT ON CONSTRAINT operatories_abbreviation_unique DO NOTHING;

  INSERT INTO frontdesk.procedure_codes (code, description, abbreviation, default_minutes,
                                         category_id)
  SELECT p.code, p.description, p.abbreviation, p.minutes,
         (SELECT id FROM frontdesk.definitions
           WHERE category = 'procedure_category' AND name = p.category)
    FROM (VALUES
      ('EX-P', 'Periodic examination', 'Exam', 15, 'Diagnostic'),
      ('EX-C', 'Comprehensive examination', 'CompEx', 30, 'Diagnostic'),
      ('XR-BW', 'Bitewing radiographs', 'BWX', 10, 'Diagnostic'),
      ('XR-PAN', 'Panoramic radiograph', 'Pano', 15, 'Diagnostic'),
      ('PR-AD', 'Scale and polish, adult', 'Pro', 45, 'Preventive'),
      ('PR-CH', 'Scale and polish, child', 'ProCh', 30, 'Preventive'),
      ('PR-FL', 'Fluoride varnish', 'Fl', 10, 'Preventive'),
      ('PR-FS', 'Fissure sealant, per tooth', 'Seal', 15, 'Preventive'),
      ('RS-C1', 'Composite filling, one surface', 'Comp1', 30, 'Restorative'),
      ('RS-C2', 'Composite filling, two surfaces', 'Comp2', 45, 'Restorative'),
      ('RS-CR', 'Crown, porcelain fused to metal', 'Crown', 90, 'Restorative'),
      ('RS-RCT', 'Root canal treatment, molar', 'RCT', 90, 'Restorative'),
      ('SU-EX', 'Extraction, erupted tooth', 'Ext', 30, 'Surgery'),
      ('SU-SX', 'Surgical extraction', 'SurgEx', 60, 'Surgery'),
      ('EM-PA', 'Emergency palliative treatment', 'Pall', 20, 'Surgery'))
      AS p (code, description, abbreviation, minutes, category)
  ON CONFLICT ON CONSTRAINT procedure_codes_code_unique DO NOTHING;

  INSERT INTO frontdesk.fee_schedules (name) VALUES ('Standard'), ('Insurance plan')
  ON CONFLICT ON CONSTRAINT fee_schedules_name_unique DO NOTHING;

  INSERT INTO frontdesk.fees (fee_schedule_id, procedure_code_id, amount)
  SELECT s.id, c.id,
         round((CASE c.code
                  WHEN 'EX-P' THEN 55 WHEN 'EX-C' THEN 95 WHEN 'XR-BW' THEN 45
                  WHEN 'XR-PAN' THEN 85 WHEN 'PR-AD' THEN 110 WHEN 'PR-CH' THEN 70
                  WHEN 'PR-FL' THEN 30 WHEN 'PR-FS' THEN 40 WHEN 'RS-C1' THEN 140
                  WHEN 'RS-C2' THEN 195 WHEN 'RS-CR' THEN 980 WHEN 'RS-RCT' THEN 1100
                  WHEN 'SU-EX' THEN 180 WHEN 'SU-SX' THEN 420 ELSE 90 END)
               * CASE s.name WHEN 'Standard' THEN 1.0 ELSE 0.85 END, 2)
    FROM frontdesk.fee_schedules s CROSS JOIN frontdesk.procedure_codes c
  ON CONFLICT ON CONSTRAINT fees_one_per_code DO NOTHING;

  INSERT INTO frontdesk.insurance_categories (name)
  VALUES ('None'), ('Private'), ('Public'), ('Employer plan')
  ON CONFLICT ON CONSTRAINT insurance_categories_name_unique DO NOTHING;

  INSERT INTO frontdesk.provider_schedules (provider_id, weekday, starts_at, ends_at, operatory_id)
  SELECT p.id, d, '08:00', '17:00', o.id
    FROM frontdesk.providers p
    JOIN frontdesk.operatories o ON o.sort_order = p.sort_order
   CROSS JOIN generate_series(1, 5) AS d;

  -- The bulk of it is audited and signalled as one change per table, not row by row: the
  -- triggers stay off only inside this transaction, which nobody else can see into.
  ALTER TABLE frontdesk.clients DISABLE TRIGGER clients_audit;
  ALTER TABLE frontdesk.appointments DISABLE TRIGGER appointments_audit;
  ALTER TABLE frontdesk.procedures DISABLE TRIGGER procedures_audit;
  ALTER TABLE frontdesk.procedure_notes DISABLE TRIGGER procedure_notes_audit;

  -- Clients, in families of one to five who share a last name, an address and a guarantor.
  SELECT coalesce(max(id), 0) INTO base_client FROM frontdesk.clients;

  CREATE TEMPORARY TABLE sample_people ON COMMIT DROP AS
  WITH people AS (
    SELECT i, random() AS new_family, random() AS r_first, random() AS r_last,
           random() AS r_birth, random() AS r_phone, random() AS r_mail, random() AS r_street,
           random() AS r_city, random() AS r_plan, random() AS r_notes
      FROM generate_series(1, client_count) AS i
     ORDER BY i
  ), numbered AS (
    SELECT *, sum(CASE WHEN i = 1 OR new_family < 0.45 THEN 1 ELSE 0 END)
                OVER (ORDER BY i) AS family
      FROM people
  )
  SELECT n.*, first_value(i) OVER (PARTITION BY family ORDER BY i) AS head,
         first_value(r_last) OVER (PARTITION BY family ORDER BY i) AS family_last,
         first_value(r_street) OVER (PARTITION BY family ORDER BY i) AS family_street,
         first_value(r_city) OVER (PARTITION BY family ORDER BY i) AS family_city,
         first_value(r_plan) OVER (PARTITION BY family ORDER BY i) AS family_plan
    FROM numbered n;

  INSERT INTO frontdesk.clients (id, first_name, last_name, birth_date, email, phone_home,
                                 phone_mobile, address_line1, city, postal_code, notes,
                                 guarantor_id, billing_type_id, fee_schedule_id,
                                 insurance_category_id)
  OVERRIDING SYSTEM VALUE
  SELECT base_client + p.i,
         first_names[1 + floor(p.r_first * array_length(first_names, 1))::int],
         last_names[1 + floor(p.family_last * array_length(last_names, 1))::int],
         CASE WHEN p.i = p.head THEN date '1950-01-01' + floor(p.r_birth * 15000)::int
              ELSE date '1985-01-01' + floor(p.r_birth * 13000)::int END,
         CASE WHEN p.r_mail < 0.6
              THEN translate(lower(first_names[1 + floor(p.r_first * array_length(first_names, 1))::int]
                                   || '.' || last_names[1 + floor(p.family_last * array_length(last_names, 1))::int]),
                             ' éëöøüñáóíçšł''', '_eeoounaoicsl')
                   || (base_client + p.i) || '@example.org' END,
         '555 ' || lpad((floor(p.family_street * 10000))::text, 4, '0'),
         CASE WHEN p.r_phone < 0.8 THEN '07' || lpad((floor(p.r_phone * 100000000))::text, 8, '0') END,
         (1 + floor(p.family_street * 180))::int || ' '
           || streets[1 + floor(p.family_city * array_length(streets, 1))::int],
         cities[1 + floor(p.family_city * 997)::int % array_length(cities, 1)],
         lpad((1000 + floor(p.family_city * 8999))::text, 4, '0'),
         CASE WHEN p.r_notes < 0.05 THEN 'Prefers morning appointments.'
              WHEN p.r_notes < 0.08 THEN 'Allergic to latex.'
              WHEN p.r_notes < 0.10 THEN 'Needs a wheelchair-accessible room.' END,
         base_client + p.head,
         (SELECT id FROM frontdesk.definitions WHERE category = 'billing_type'
           ORDER BY sort_order OFFSET (floor(p.family_plan * 4))::int LIMIT 1),
         (SELECT id FROM frontdesk.fee_schedules
           WHERE name = CASE WHEN p.family_plan < 0.8 THEN 'Standard' ELSE 'Insurance plan' END),
         (SELECT id FROM frontdesk.insurance_categories
           ORDER BY id OFFSET (floor(p.family_plan * 4))::int LIMIT 1)
    FROM sample_people p
   ORDER BY p.i;

  PERFORM setval(pg_get_serial_sequence('frontdesk.clients', 'id'), base_client + client_count);

  -- A week of appointments around today, weekdays only, hour by hour in every operatory.
  SELECT coalesce(max(id), 0) INTO base_appointment FROM frontdesk.appointments;

  CREATE TEMPORARY TABLE sample_slots ON COMMIT DROP AS
  SELECT row_number() OVER (ORDER BY d, o.sort_order, h) AS n, d AS day, o.id AS operatory_id,
         p.id AS provider_id, p.is_hygienist, h, random() AS r_fill, random() AS r_client,
         random() AS r_length, random() AS r_status, random() AS r_confirm, random() AS r_code
    FROM generate_series(today - 3, today + 3, interval '1 day') AS d
   CROSS JOIN frontdesk.operatories o
    JOIN frontdesk.providers p ON p.sort_order = o.sort_order
   CROSS JOIN generate_series(8, 16) AS h
   WHERE extract(isodow FROM d) < 6
   ORDER BY d, o.sort_order, h;

  INSERT INTO frontdesk.appointments (id, client_id, provider_id, operatory_id, starts_at,
                                      length_minutes, status, confirmation_id,
                                      appointment_type_id, note)
  OVERRIDING SYSTEM VALUE
  SELECT base_appointment + s.n,
         base_client + 1 + floor(s.r_client * client_count)::int,
         s.provider_id, s.operatory_id,
         (s.day::date + make_time(s.h, 0, 0)) AT TIME ZONE (SELECT time_zone FROM frontdesk.practice),
         (ARRAY[30, 45, 60])[1 + floor(s.r_length * 3)::int],
         CASE WHEN s.day::date >= today THEN 'scheduled'
              WHEN s.r_status < 0.85 THEN 'complete'
              WHEN s.r_status < 0.95 THEN 'broken' ELSE 'scheduled' END,
         (SELECT id FROM frontdesk.definitions WHERE category = 'confirmation_status'
           ORDER BY sort_order OFFSET (floor(s.r_confirm * 4))::int LIMIT 1),
         (SELECT id FROM frontdesk.definitions WHERE category = 'appointment_type'
           AND name = CASE WHEN s.is_hygienist THEN 'Cleaning'
                           WHEN s.r_code < 0.5 THEN 'Check-up' ELSE 'Treatment' END),
         CASE WHEN s.r_status > 0.97 THEN 'Running late; called ahead.' END
    FROM sample_slots s
   WHERE s.r_fill < 0.75
   ORDER BY s.n;

  PERFORM setval(pg_get_serial_sequence('frontdesk.appointments', 'id'),
                 greatest(base_appointment + 1, (SELECT max(id) FROM frontdesk.appointments)));

  -- Procedures for the appointments: done for completed ones, planned for those to come.
  SELECT coalesce(max(id), 0) INTO base_procedure FROM frontdesk.procedures;

  INSERT INTO frontdesk.procedures (client_id, appointment_id, procedure_code_id, provider_id,
                                    performed_on, status, fee)
  SELECT a.client_id, a.id, c.id, a.provider_id, frontdesk.practice_day(a.starts_at),
         CASE WHEN a.status = 'complete' THEN 'complete' ELSE 'planned' END,
         coalesce((SELECT f.amount FROM frontdesk.fees f
                    JOIN frontdesk.clients g ON g.id = (SELECT guarantor_id FROM frontdesk.clients
                                                        WHERE id = a.client_id)
                   WHERE f.fee_schedule_id = g.fee_schedule_id AND f.procedure_code_id = c.id), 0)
    FROM frontdesk.appointments a
    JOIN frontdesk.providers p ON p.id = a.provider_id
    JOIN frontdesk.procedure_codes c
      ON c.code = ANY (CASE WHEN p.is_hygienist THEN ARRAY['PR-AD', 'XR-BW']
                            ELSE ARRAY['EX-P', (ARRAY['RS-C1', 'RS-C2', 'SU-EX', 'RS-CR'])
                                               [1 + (a.id % 4)::int]] END)
   WHERE a.id > base_appointment AND a.status <> 'broken'
   ORDER BY a.id, c.id;

  -- Notes on completed procedures; some edited once, so their history has two versions.
  INSERT INTO frontdesk.procedure_notes (procedure_id, version, body, author)
  SELECT pr.id, 1, note_texts[1 + (pr.id % array_length(note_texts, 1))::int], session_user
    FROM frontdesk.procedures pr
   WHERE pr.id > base_procedure AND pr.status = 'complete'
   ORDER BY pr.id;

  INSERT INTO frontdesk.procedure_notes (procedure_id, version, body, author)
  SELECT pr.id, 2, note_texts[1 + (pr.id % array_length(note_texts, 1))::int]
                   || ' Follow-up call made; all well.', session_user
    FROM frontdesk.procedures pr
   WHERE pr.id > base_procedure AND pr.status = 'complete' AND pr.id % 5 = 0
   ORDER BY pr.id;

  -- Check the deferred guarantor references now: a table with checks pending cannot be altered.
  SET CONSTRAINTS ALL IMMEDIATE;
  ALTER TABLE frontdesk.clients ENABLE TRIGGER clients_audit;
  ALTER TABLE frontdesk.appointments ENABLE TRIGGER appointments_audit;
  ALTER TABLE frontdesk.procedures ENABLE TRIGGER procedures_audit;
  ALTER TABLE frontdesk.procedure_notes ENABLE TRIGGER procedure_notes_audit;

  PERFORM frontdesk.write_audit('sample data', NULL, NULL, NULL,
                                format('%s clients (seed %s), with their appointments, '
                                       'procedures and notes', client_count, seed));
  PERFORM frontdesk.emit_signal(t, NULL, frontdesk.current_session_id())
     FROM unnest(ARRAY['clients', 'appointments', 'procedures', 'procedure_notes']) AS t;

  RETURN QUERY
    SELECT 'clients', count(*) FROM frontdesk.clients
    UNION ALL SELECT 'families', count(DISTINCT guarantor_id) FROM frontdesk.clients
    UNION ALL SELECT 'providers', count(*) FROM frontdesk.providers
    UNION ALL SELECT 'operatories', count(*) FROM frontdesk.operatories
    UNION ALL SELECT 'procedure codes', count(*) FROM frontdesk.procedure_codes
    UNION ALL SELECT 'fee schedules', count(*) FROM frontdesk.fee_schedules
    UNION ALL SELECT 'appointments', count(*) FROM frontdesk.appointments
    UNION ALL SELECT 'procedures', count(*) FROM frontdesk.procedures
    UNION ALL SELECT 'procedure notes', count(*) FROM frontdesk.procedure_notes;
END
$$;

REVOKE EXECUTE ON FUNCTION frontdesk.sample_data(integer, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION frontdesk.sample_data(integer, integer) TO frontdesk_admin;
