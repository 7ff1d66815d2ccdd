-- 0003-sessions-audit-save.sql: sessions, the audit and signal triggers, append-only notes,
-- hide-not-delete, what the save path may write and how it words refusals, and user
-- management.
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Functions that write what staff may not write themselves are SECURITY DEFINER with a
-- fixed search_path; they check the caller with session_user, which nobody can change.

ALTER TABLE frontdesk.practice
  ADD COLUMN time_zone text NOT NULL DEFAULT current_setting('TimeZone')
    CONSTRAINT practice_time_zone_length CHECK (length(time_zone) BETWEEN 1 AND 64);

CREATE FUNCTION frontdesk.is_staff() RETURNS boolean
  LANGUAGE sql STABLE
  AS $$ SELECT pg_has_role(session_user, 'frontdesk_staff', 'MEMBER') $$;

CREATE FUNCTION frontdesk.require_staff() RETURNS void
  LANGUAGE plpgsql STABLE
  AS $$
BEGIN
  IF NOT frontdesk.is_staff() THEN
    RAISE EXCEPTION 'The login % is not on the practice staff.', session_user
      USING ERRCODE = 'insufficient_privilege';
  END IF;
END
$$;

-- Sessions -----------------------------------------------------------------------------------

-- This backend's start time: with the pid, it names a backend that no other will ever be.
CREATE FUNCTION frontdesk.my_backend_start() RETURNS timestamptz
  LANGUAGE sql STABLE
  AS $$ SELECT backend_start FROM pg_stat_get_activity(pg_backend_pid()) $$;

CREATE FUNCTION frontdesk.current_session_id() RETURNS bigint
  LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
    SELECT id FROM frontdesk.sessions
     WHERE backend_pid = pg_backend_pid() AND closed_at IS NULL
       AND backend_start = frontdesk.my_backend_start()
     ORDER BY id DESC LIMIT 1
  $$;

-- A session is alive while the backend that opened (or resumed) it is.
CREATE FUNCTION frontdesk.session_is_alive(session_id bigint) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
    SELECT EXISTS (
      SELECT 1 FROM frontdesk.sessions s
        JOIN pg_stat_get_activity(s.backend_pid) a ON a.backend_start = s.backend_start
       WHERE s.id = session_id AND s.closed_at IS NULL)
  $$;

CREATE FUNCTION frontdesk.display_name_of(login name) RETURNS text
  LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
    SELECT coalesce((SELECT nullif(btrim(first_name || ' ' || last_name), '')
                       FROM frontdesk.employees e WHERE e.login = display_name_of.login),
                    login::text)
  $$;

CREATE FUNCTION frontdesk.write_audit(action text, table_name text, record_id text,
                                      changes jsonb, detail text)
  RETURNS void
  LANGUAGE sql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
    INSERT INTO frontdesk.audit_log (actor, session_id, workstation, action, table_name,
                                     record_id, changes, detail)
    SELECT session_user, s.id, s.workstation, action, table_name, record_id, changes, detail
      FROM (SELECT frontdesk.current_session_id() AS id) c
      LEFT JOIN frontdesk.sessions s ON s.id = c.id
  $$;

CREATE FUNCTION frontdesk.session_open(workstation text)
  RETURNS TABLE (session_id bigint, secret text, login name, display_name text, is_admin boolean)
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
DECLARE
  new_secret text := replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '');
  new_id bigint;
BEGIN
  PERFORM frontdesk.require_staff();
  IF workstation IS NULL OR length(btrim(workstation)) NOT BETWEEN 1 AND 100 THEN
    RAISE EXCEPTION 'The workstation name must have 1 to 100 characters.'
      USING ERRCODE = 'check_violation';
  END IF;

  INSERT INTO frontdesk.sessions (secret_hash, login, display_name, workstation, backend_pid,
                                  backend_start)
  VALUES (sha256(convert_to(new_secret, 'UTF8')), session_user,
          frontdesk.display_name_of(session_user), btrim(workstation), pg_backend_pid(),
          frontdesk.my_backend_start())
  RETURNING id INTO new_id;

  PERFORM frontdesk.write_audit('session open', 'sessions', new_id::text, NULL, NULL);
  RETURN QUERY SELECT new_id, new_secret, session_user::name,
                      frontdesk.display_name_of(session_user), frontdesk.is_admin();
END
$$;

-- After a reconnect: the same person, with the secret, takes their session to this backend.
CREATE FUNCTION frontdesk.session_resume(session_id bigint, secret text)
  RETURNS boolean
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
DECLARE
  found_id bigint;
BEGIN
  PERFORM frontdesk.require_staff();

  UPDATE frontdesk.sessions s
     SET backend_pid = pg_backend_pid(), backend_start = frontdesk.my_backend_start(),
         resumed_at = now()
   WHERE s.id = session_resume.session_id
     AND s.login = session_user
     AND s.closed_at IS NULL
     AND s.secret_hash = sha256(convert_to(secret, 'UTF8'))
     AND NOT frontdesk.session_is_alive(s.id)
  RETURNING s.id INTO found_id;

  IF found_id IS NULL THEN
    RETURN false;
  END IF;

  PERFORM frontdesk.write_audit('session resume', 'sessions', found_id::text, NULL, NULL);
  RETURN true;
END
$$;

CREATE FUNCTION frontdesk.session_close() RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
DECLARE
  closing bigint := frontdesk.current_session_id();
BEGIN
  IF closing IS NULL THEN
    RETURN;
  END IF;
  PERFORM frontdesk.write_audit('session close', 'sessions', closing::text, NULL, NULL);
  UPDATE frontdesk.sessions SET closed_at = now() WHERE id = closing;
END
$$;

CREATE FUNCTION frontdesk.live_sessions()
  RETURNS TABLE (session_id bigint, login name, display_name text, workstation text,
                 opened_at timestamptz, is_mine boolean)
  LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
    SELECT s.id, s.login, s.display_name, s.workstation, s.opened_at,
           s.backend_pid = pg_backend_pid()
      FROM frontdesk.sessions s
      JOIN pg_stat_get_activity(NULL) a ON a.pid = s.backend_pid
                                       AND a.backend_start = s.backend_start
     WHERE s.closed_at IS NULL AND frontdesk.is_staff()
     ORDER BY s.opened_at
  $$;

-- Signals ------------------------------------------------------------------------------------

CREATE FUNCTION frontdesk.emit_signal(kind text, key text, origin bigint) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
BEGIN
  INSERT INTO frontdesk.signals (kind, key, origin_session) VALUES (kind, key, origin);
  -- A wake-up only: listeners read the signals table, which stays the truth.
  PERFORM pg_notify('frontdesk_signals', kind);
END
$$;

-- The calendar day of an appointment, in the practice's time zone.
CREATE FUNCTION frontdesk.practice_day(at timestamptz) RETURNS date
  LANGUAGE sql STABLE
  AS $$ SELECT (at AT TIME ZONE (SELECT time_zone FROM frontdesk.practice))::date $$;

-- Audit and signals for every change of a domain table --------------------------------------

CREATE FUNCTION frontdesk.audit_and_signal() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
DECLARE
  old_row jsonb;
  new_row jsonb;
  key_column text := coalesce(TG_ARGV[0], 'id');
  record_key text;
  changed jsonb;
  origin bigint := frontdesk.current_session_id();
  old_day date;
  new_day date;
BEGIN
  IF TG_OP <> 'INSERT' THEN
    old_row := to_jsonb(OLD);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    new_row := to_jsonb(NEW);
  END IF;
  record_key := coalesce(new_row, old_row) ->> key_column;

  IF TG_OP = 'UPDATE' THEN
    SELECT jsonb_object_agg(k, jsonb_build_object('old', old_row -> k, 'new', new_row -> k))
      INTO changed
      FROM jsonb_object_keys(new_row) AS k
     WHERE new_row -> k IS DISTINCT FROM old_row -> k;
    IF changed IS NULL THEN
      RETURN NULL;
    END IF;
  ELSIF TG_OP = 'INSERT' THEN
    SELECT jsonb_object_agg(k, jsonb_build_object('new', v)) INTO changed
      FROM jsonb_each(new_row) AS e (k, v)
     WHERE v <> 'null'::jsonb;
  ELSE
    SELECT jsonb_object_agg(k, jsonb_build_object('old', v)) INTO changed
      FROM jsonb_each(old_row) AS e (k, v);
  END IF;

  PERFORM frontdesk.write_audit(lower(TG_OP), TG_TABLE_NAME, record_key, changed, NULL);

  IF TG_TABLE_NAME = 'appointments' THEN
    -- The appointment book reloads a day when a signal names it: the old and the new one.
    IF TG_OP <> 'INSERT' THEN
      old_day := frontdesk.practice_day(OLD.starts_at);
      PERFORM frontdesk.emit_signal('appointments', old_day::text, origin);
    END IF;
    IF TG_OP <> 'DELETE' THEN
      new_day := frontdesk.practice_day(NEW.starts_at);
      IF new_day IS DISTINCT FROM old_day THEN
        PERFORM frontdesk.emit_signal('appointments', new_day::text, origin);
      END IF;
    END IF;
  ELSE
    PERFORM frontdesk.emit_signal(TG_TABLE_NAME, record_key, origin);
  END IF;

  RETURN NULL;
END
$$;

DO $$
DECLARE
  audited text[] := ARRAY['definitions', 'providers', 'employees', 'operatories',
                          'procedure_codes', 'fee_schedules', 'fees', 'insurance_categories',
                          'provider_schedules', 'clients', 'appointments', 'procedures',
                          'procedure_notes'];
  t text;
BEGIN
  FOREACH t IN ARRAY audited LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE ON frontdesk.%I '
                   'FOR EACH ROW EXECUTE FUNCTION frontdesk.audit_and_signal()',
                   t || '_audit', t);
  END LOOP;
END
$$;
CREATE TRIGGER practice_audit AFTER UPDATE ON frontdesk.practice
  FOR EACH ROW EXECUTE FUNCTION frontdesk.audit_and_signal('singleton');

-- Rules nobody is exempt from ---------------------------------------------------------------

CREATE FUNCTION frontdesk.refuse_change() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'FD002';
END
$$;

CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON frontdesk.audit_log
  FOR EACH ROW EXECUTE FUNCTION frontdesk.refuse_change('The audit log is never changed.');
CREATE TRIGGER procedure_notes_append_only BEFORE UPDATE OR DELETE ON frontdesk.procedure_notes
  FOR EACH ROW EXECUTE FUNCTION frontdesk.refuse_change(
    'Procedure notes are never changed: a new version is added instead.');

DO $$
DECLARE
  kept text[][] := ARRAY[
    ARRAY['providers', 'Providers are hidden, never deleted.'],
    ARRAY['employees', 'Employees are hidden, never deleted.'],
    ARRAY['operatories', 'Operatories are hidden, never deleted.'],
    ARRAY['definitions', 'Definitions are hidden, never deleted.'],
    ARRAY['procedure_codes', 'Procedure codes are hidden, never deleted.'],
    ARRAY['fee_schedules', 'Fee schedules are hidden, never deleted.'],
    ARRAY['insurance_categories', 'Insurance categories are hidden, never deleted.'],
    ARRAY['clients', 'Clients are archived, never deleted.'],
    ARRAY['appointments', 'Appointments are broken or completed, never deleted.'],
    ARRAY['procedures', 'Procedures are never deleted.']];
BEGIN
  FOR i IN 1 .. array_length(kept, 1) LOOP
    EXECUTE format('CREATE TRIGGER %I BEFORE DELETE ON frontdesk.%I FOR EACH ROW '
                   'EXECUTE FUNCTION frontdesk.refuse_change(%L)',
                   kept[i][1] || '_never_deleted', kept[i][1], kept[i][2]);
  END LOOP;
END
$$;

-- Procedure notes: a new version for every edit ----------------------------------------------

CREATE FUNCTION frontdesk.add_procedure_note(procedure_id bigint, body text) RETURNS integer
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
DECLARE
  next_version integer;
BEGIN
  PERFORM frontdesk.require_staff();
  -- One writer at a time per procedure, so versions never collide.
  PERFORM 1 FROM frontdesk.procedures p WHERE p.id = add_procedure_note.procedure_id FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'Procedure % does not exist.', procedure_id USING ERRCODE = 'FD001';
  END IF;

  SELECT coalesce(max(n.version), 0) + 1 INTO next_version
    FROM frontdesk.procedure_notes n WHERE n.procedure_id = add_procedure_note.procedure_id;

  INSERT INTO frontdesk.procedure_notes (procedure_id, version, body, author, session_id)
  VALUES (procedure_id, next_version, body, session_user, frontdesk.current_session_id());
  RETURN next_version;
END
$$;

-- The save path ------------------------------------------------------------------------------

-- What may be saved through save_record(), and under which key.
CREATE TABLE frontdesk.editable_tables (
  table_name text PRIMARY KEY,
  key_column text NOT NULL DEFAULT 'id',
  fixed      text[] NOT NULL DEFAULT ARRAY['id']
);
INSERT INTO frontdesk.editable_tables (table_name, key_column, fixed) VALUES
  ('clients', 'id', ARRAY['id', 'created_at']),
  ('appointments', 'id', ARRAY['id', 'created_at']),
  ('procedures', 'id', ARRAY['id']),
  ('definitions', 'id', ARRAY['id', 'category']),
  ('providers', 'id', ARRAY['id']),
  ('employees', 'id', ARRAY['id', 'login']),
  ('operatories', 'id', ARRAY['id']),
  ('procedure_codes', 'id', ARRAY['id']),
  ('fee_schedules', 'id', ARRAY['id']),
  ('fees', 'id', ARRAY['id', 'fee_schedule_id', 'procedure_code_id']),
  ('insurance_categories', 'id', ARRAY['id']),
  ('provider_schedules', 'id', ARRAY['id']),
  ('practice', 'singleton', ARRAY['singleton']);
GRANT SELECT ON frontdesk.editable_tables TO frontdesk_staff;

-- Words for the rules a value can break, shown instead of the constraint's name.
CREATE TABLE frontdesk.constraint_messages (
  constraint_name text PRIMARY KEY,
  message         text NOT NULL
);
INSERT INTO frontdesk.constraint_messages VALUES
  ('clients_first_name_length', 'The first name must have 1 to 100 characters.'),
  ('clients_last_name_length', 'The last name must have 1 to 100 characters.'),
  ('clients_preferred_name_length', 'The preferred name can have at most 100 characters.'),
  ('clients_birth_date_valid', 'The date of birth must be a real date, not in the future.'),
  ('clients_email_valid', 'The email address must look like name@example.org.'),
  ('clients_phone_home_valid', 'The home phone may hold digits, spaces and + ( ) . / - only.'),
  ('clients_phone_mobile_valid', 'The mobile phone may hold digits, spaces and + ( ) . / - only.'),
  ('clients_phone_work_valid', 'The work phone may hold digits, spaces and + ( ) . / - only.'),
  ('clients_address_line1_length', 'An address line can have at most 200 characters.'),
  ('clients_address_line2_length', 'An address line can have at most 200 characters.'),
  ('clients_city_length', 'The city can have at most 100 characters.'),
  ('clients_region_length', 'The region can have at most 100 characters.'),
  ('clients_postal_code_length', 'The postal code can have at most 20 characters.'),
  ('clients_notes_length', 'The notes can have at most 10,000 characters.'),
  ('clients_status_valid', 'The status must be active, inactive or archived.'),
  ('clients_guarantor_id_fkey', 'The guarantor must be a client of the practice.'),
  ('appointments_length_valid', 'An appointment lasts 5 to 600 minutes, in steps of 5.'),
  ('appointments_status_valid', 'An appointment is scheduled, complete or broken.'),
  ('appointments_note_length', 'An appointment note can have at most 2,000 characters.'),
  ('procedure_notes_body_length', 'A note must have 1 to 20,000 characters.'),
  ('procedures_fee_valid', 'A fee cannot be negative.'),
  ('fees_amount_valid', 'A fee cannot be negative.'),
  ('practice_hours_valid', 'The practice must open before it closes.'),
  ('practice_edit_time_limit_valid',
   'The edit time limit must be between one minute and one day, or none.');
GRANT SELECT ON frontdesk.constraint_messages TO frontdesk_staff;

CREATE FUNCTION frontdesk.explain_violation(constraint_name text, fallback text) RETURNS text
  LANGUAGE sql STABLE
  AS $$
    SELECT coalesce((SELECT message FROM frontdesk.constraint_messages m
                      WHERE m.constraint_name = explain_violation.constraint_name), fallback)
  $$;

-- The columns of @table_name as name → type, for those a save may write.
CREATE FUNCTION frontdesk.editable_columns(table_name text)
  RETURNS TABLE (column_name text, type_name text)
  LANGUAGE sql STABLE
  AS $$
    SELECT a.attname::text, format_type(a.atttypid, a.atttypmod)
      FROM pg_attribute a
      JOIN frontdesk.editable_tables e ON e.table_name = editable_columns.table_name
     WHERE a.attrelid = format('frontdesk.%I', e.table_name)::regclass
       AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
       AND a.attidentity = '' AND a.attname <> ALL (e.fixed)
  $$;

CREATE FUNCTION frontdesk.load_record(table_name text, record_id text)
  RETURNS TABLE (column_name text, value text)
  LANGUAGE plpgsql STABLE
  AS $$
DECLARE
  key_column text;
  row_json jsonb;
BEGIN
  SELECT e.key_column INTO key_column FROM frontdesk.editable_tables e
   WHERE e.table_name = load_record.table_name;
  IF key_column IS NULL THEN
    RAISE EXCEPTION 'Records of “%” cannot be edited.', table_name USING ERRCODE = 'FD003';
  END IF;

  EXECUTE format('SELECT to_jsonb(t) FROM frontdesk.%I t WHERE %I::text = $1',
                 load_record.table_name, key_column)
     INTO row_json USING record_id;
  IF row_json IS NULL THEN
    RAISE EXCEPTION 'This record no longer exists.' USING ERRCODE = 'FD001';
  END IF;

  RETURN QUERY SELECT k, v FROM jsonb_each_text(row_json) AS e (k, v);
END
$$;

-- frontdesk.save_record(), which needs the record locks of 0005, is defined there.

-- Staff logins -------------------------------------------------------------------------------

CREATE FUNCTION frontdesk.user_add(login name, password_verifier text, display_name text,
                                   admin boolean)
  RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
DECLARE
  first text := split_part(btrim(display_name), ' ', 1);
  last text := btrim(substr(btrim(display_name), length(split_part(btrim(display_name), ' ', 1)) + 1));
BEGIN
  PERFORM frontdesk.require_admin('add staff logins');
  IF login !~ '^[a-z][a-z0-9_]{1,62}$' OR login LIKE 'pg\_%' OR login LIKE 'frontdesk\_%' THEN
    RAISE EXCEPTION 'The login “%” is not allowed: use 2 to 63 lower-case letters, digits or _, starting with a letter.', login
      USING ERRCODE = 'FD004';
  END IF;
  IF password_verifier IS NULL OR password_verifier NOT LIKE 'SCRAM-SHA-256$%' THEN
    RAISE EXCEPTION 'The password must arrive encrypted (SCRAM-SHA-256).' USING ERRCODE = 'FD004';
  END IF;
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = login) THEN
    RAISE EXCEPTION 'The login “%” exists already.', login USING ERRCODE = 'FD007';
  END IF;

  EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L IN ROLE frontdesk_staff',
                 login, password_verifier);
  IF admin THEN
    EXECUTE format('GRANT frontdesk_admin TO %I', login);
  END IF;

  INSERT INTO frontdesk.employees (first_name, last_name, login)
  VALUES (coalesce(nullif(first, ''), login), coalesce(last, ''), login)
  ON CONFLICT ON CONSTRAINT employees_login_unique DO UPDATE SET hidden = false;

  PERFORM frontdesk.write_audit('user add', 'employees', login, NULL,
                                CASE WHEN admin THEN 'administrator' ELSE 'staff' END);
END
$$;

CREATE FUNCTION frontdesk.user_disable(login name) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
BEGIN
  PERFORM frontdesk.require_admin('disable staff logins');
  IF NOT EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = login
                   AND pg_has_role(r.oid, 'frontdesk_staff', 'MEMBER') AND NOT r.rolsuper) THEN
    RAISE EXCEPTION 'There is no staff login “%”.', login USING ERRCODE = 'FD001';
  END IF;
  IF login = session_user THEN
    RAISE EXCEPTION 'You cannot disable your own login.' USING ERRCODE = 'FD004';
  END IF;

  EXECUTE format('ALTER ROLE %I NOLOGIN', login);
  UPDATE frontdesk.employees SET hidden = true WHERE employees.login = user_disable.login;
  PERFORM pg_terminate_backend(a.pid) FROM pg_stat_activity a WHERE a.usename = login;
  PERFORM frontdesk.write_audit('user disable', 'employees', login, NULL, NULL);
END
$$;

CREATE FUNCTION frontdesk.users()
  RETURNS TABLE (login name, display_name text, is_admin boolean, can_log_in boolean,
                 live_sessions bigint)
  LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
    SELECT r.rolname, frontdesk.display_name_of(r.rolname),
           pg_has_role(r.oid, 'frontdesk_admin', 'MEMBER'), r.rolcanlogin,
           (SELECT count(*) FROM frontdesk.live_sessions() l WHERE l.login = r.rolname)
      FROM pg_roles r
     WHERE pg_has_role(r.oid, 'frontdesk_staff', 'MEMBER') AND r.rolcanlogin IS NOT NULL
       AND r.rolname NOT IN ('frontdesk_staff', 'frontdesk_admin') AND NOT r.rolsuper
       AND frontdesk.is_staff()
     ORDER BY r.rolname
  $$;

-- Who may call what --------------------------------------------------------------------------

REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA frontdesk FROM PUBLIC;
GRANT EXECUTE ON FUNCTION
  frontdesk.is_admin(), frontdesk.is_staff(), frontdesk.require_admin(text),
  frontdesk.require_staff(), frontdesk.my_backend_start(), frontdesk.current_session_id(),
  frontdesk.session_is_alive(bigint), frontdesk.display_name_of(name),
  frontdesk.session_open(text), frontdesk.session_resume(bigint, text),
  frontdesk.session_close(), frontdesk.live_sessions(), frontdesk.practice_day(timestamptz),
  frontdesk.add_procedure_note(bigint, text), frontdesk.explain_violation(text, text),
  frontdesk.editable_columns(text), frontdesk.load_record(text, text), frontdesk.users()
  TO frontdesk_staff;
GRANT EXECUTE ON FUNCTION frontdesk.user_add(name, text, text, boolean),
  frontdesk.user_disable(name)
  TO frontdesk_admin;
