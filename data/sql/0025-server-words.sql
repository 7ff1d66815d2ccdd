-- 0025-server-words.sql: the server's refusals carry a key and their parameters.
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Every RAISE of a Frontdesk function keeps its SQLSTATE and its English MESSAGE (for psql
-- and the server's log) and gains a DETAIL: a JSON object with a stable "key" and the
-- parameters of the sentence (names, numbers, epoch seconds for moments, YYYY-MM-DD for
-- days). data/fd-db-error-sentences.c turns each key into a translated sentence; the
-- keys are listed there, and tests/test-server-words.c fails when one raised here is not.
--
-- Each function below is its latest definition (the highest migration that defines it, or
-- the *_unbounded body 0016's bound_wait() left under the renamed name), with only its
-- RAISE statements changed. Functions redefined here:
--
--   frontdesk.account_save_unbounded(table_name text, record_id text, VARIADIC changes text[])
--   frontdesk.add_procedure_note(procedure_id bigint, body text)
--   frontdesk.audit_search_sql(by_login name, record text, action_name text, since timestamp with time zone, until timestamp with time zone, before_id bigint, page_size integer)
--   frontdesk.check_context_name(context text)
--   frontdesk.clients_before_write()
--   frontdesk.context_enter_unbounded(context text, description text)
--   frontdesk.context_take_unbounded(context text)
--   frontdesk.family_make_payer(new_payer bigint)
--   frontdesk.fees_save_unbounded(schedule bigint, codes bigint[], originals text[], amounts text[])
--   frontdesk.fill_sample_data(client_count integer, seed integer)
--   frontdesk.free_slots(from_day date, length_minutes integer, provider bigint, operatory bigint, part_of_day text, max_rows integer)
--   frontdesk.guarantor_pays_for_the_family()
--   frontdesk.insert_record_unbounded(table_name text, VARIADIC values_given text[])
--   frontdesk.integrity_check(check_name text)
--   frontdesk.integrity_repair(check_name text)
--   frontdesk.load_record(table_name text, record_id text)
--   frontdesk.lock_override_unbounded(kind text, record_key text, expected_holder bigint)
--   frontdesk.lock_verdict(kind text, record_key text, mine bigint)
--   frontdesk.maintenance_set_unbounded(switch_on boolean, reason text)
--   frontdesk.may_save_context(context text)
--   frontdesk.raise_busy(kind text, record_key text)
--   frontdesk.refuse_change()
--   frontdesk.refuse_changed_id()
--   frontdesk.refuse_chosen_id()
--   frontdesk.refuse_during_maintenance()
--   frontdesk.refuse_write_under_foreign_lock()
--   frontdesk.require_admin(action text)
--   frontdesk.require_context_lock(context text)
--   frontdesk.require_expected_holder(holder bigint, expected bigint)
--   frontdesk.require_lockable(kind text)
--   frontdesk.require_may_save_context(context text)
--   frontdesk.require_session()
--   frontdesk.require_staff()
--   frontdesk.require_valid_value(column_name text, value text, type_name text)
--   frontdesk.save_record_unbounded(table_name text, record_id text, VARIADIC changes text[])
--   frontdesk.session_open(workstation text)
--   frontdesk.user_add(login name, password_verifier text, display_name text, admin boolean)
--   frontdesk.user_disable(login name)
--
-- and two new ones, frontdesk.busy_detail(integer) and
-- frontdesk.failure_detail(text, text, text).

-- frontdesk.busy_detail (new) ---------------------------------------------------------------
-- Who holds what a bounded wait waited on, as raise_busy()'s DETAIL: a Frontdesk session's
-- person and workstation, or the login of a connection outside Frontdesk.
CREATE FUNCTION frontdesk.busy_detail(backend integer) RETURNS text
  LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
    SELECT coalesce(
      (SELECT jsonb_build_object('key', 'busy-by', 'holder', s.display_name,
                                 'workstation', s.workstation)
         FROM frontdesk.sessions s
        WHERE s.backend_pid = backend AND s.closed_at IS NULL
          AND frontdesk.session_is_alive(s.id)
        ORDER BY s.id DESC LIMIT 1),
      (SELECT jsonb_build_object('key', 'busy-by-login', 'login', r.rolname)
         FROM pg_stat_get_activity(backend) a JOIN pg_roles r ON r.oid = a.usesysid
        LIMIT 1),
      jsonb_build_object('key', 'busy'))::text
  $$;
REVOKE ALL ON FUNCTION frontdesk.busy_detail(integer) FROM PUBLIC;

-- frontdesk.failure_detail (new) ------------------------------------------------------------
-- The DETAIL of a save or insert that broke a rule (FD006): the rule by its constraint's name
-- when the server explains it, else the key of the check trigger that refused (its DETAIL),
-- else the constraint and the column, for the client to word.
CREATE FUNCTION frontdesk.failure_detail(constraint_name text, column_name text,
                                         failed_detail text) RETURNS text
  LANGUAGE sql STABLE
  SET search_path = pg_catalog, pg_temp
  AS $$
    SELECT CASE
      WHEN NOT EXISTS (SELECT 1 FROM frontdesk.constraint_messages m
                        WHERE m.constraint_name = failure_detail.constraint_name)
           AND failed_detail ~ '^\{.*"key": "[a-z-]+"' THEN failed_detail
      ELSE jsonb_build_object('key', 'constraint', 'constraint', constraint_name,
                              'column', column_name)::text
    END
  $$;
REVOKE ALL ON FUNCTION frontdesk.failure_detail(text, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION frontdesk.failure_detail(text, text, text) TO frontdesk_staff;

-- frontdesk.account_save_unbounded --------------------------------------------------------
CREATE OR REPLACE FUNCTION frontdesk.account_save_unbounded(table_name text, record_id text, VARIADIC changes text[])
 RETURNS TABLE(outcome text, column_name text, original text, theirs text, mine text)
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
BEGIN
  PERFORM frontdesk.require_staff();
  IF table_name IS DISTINCT FROM 'clients' THEN
    RAISE EXCEPTION 'Only a client’s account is saved this way.' USING ERRCODE = 'FD003',
            DETAIL = jsonb_build_object('key', 'account-only')::text;
  END IF;
  FOR i IN 0 .. coalesce(cardinality(changes), 0) / 3 - 1 LOOP
    IF changes[i * 3 + 1] NOT IN ('billing_type_id', 'fee_schedule_id', 'insurance_category_id') THEN
      RAISE EXCEPTION 'The field “%” is not part of the account.', changes[i * 3 + 1]
        USING ERRCODE = 'FD003',
            DETAIL = jsonb_build_object('key', 'account-field',
                                        'field', changes[i * 3 + 1])::text;
    END IF;
  END LOOP;
  IF record_id !~ '^[0-9]{1,18}$' OR NOT EXISTS (
       SELECT 1 FROM frontdesk.clients c
        WHERE c.id = record_id::bigint AND c.guarantor_id = c.id) THEN
    RAISE EXCEPTION 'Client No. % does not pay for a family; the account is kept on the guarantor.',
      record_id USING ERRCODE = 'FD003',
            DETAIL = jsonb_build_object('key', 'account-on-guarantor',
                                        'client', record_id)::text;
  END IF;

  PERFORM frontdesk.require_context_lock('account:' || record_id);
  INSERT INTO frontdesk.account_saves VALUES (pg_current_xact_id(), record_id);
  RETURN QUERY SELECT * FROM frontdesk.save_record(table_name, record_id, VARIADIC changes);
  DELETE FROM frontdesk.account_saves a
   WHERE a.xact = pg_current_xact_id() AND a.guarantor = record_id;
END
$function$
;

-- frontdesk.add_procedure_note ------------------------------------------------------------
CREATE OR REPLACE FUNCTION frontdesk.add_procedure_note(procedure_id bigint, body text)
 RETURNS integer
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
 SET lock_timeout TO '3s'
AS $function$
DECLARE
  next_version integer;
  violated text;
  failed_column text;
  failed_detail text;
BEGIN
  PERFORM frontdesk.require_staff();
  BEGIN
    -- One writer at a time per procedure, so versions never collide.
    PERFORM 1 FROM frontdesk.procedures p WHERE p.id = add_procedure_note.procedure_id FOR UPDATE;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'Procedure % does not exist.', procedure_id USING ERRCODE = 'FD001',
            DETAIL = jsonb_build_object('key', 'procedure-gone',
                                        'procedure', procedure_id)::text;
    END IF;

    SELECT coalesce(max(n.version), 0) + 1 INTO next_version
      FROM frontdesk.procedure_notes n WHERE n.procedure_id = add_procedure_note.procedure_id;

    INSERT INTO frontdesk.procedure_notes (procedure_id, version, body, author, session_id)
    VALUES (procedure_id, next_version, body, session_user, frontdesk.current_session_id());
  EXCEPTION
    WHEN lock_not_available THEN
      PERFORM frontdesk.raise_busy('procedures', procedure_id::text);
    WHEN integrity_constraint_violation THEN
      GET STACKED DIAGNOSTICS violated = CONSTRAINT_NAME, failed_column = COLUMN_NAME,
                              failed_detail = PG_EXCEPTION_DETAIL;
      RAISE EXCEPTION '%', frontdesk.explain_failure(violated, failed_column, SQLERRM)
        USING ERRCODE = 'FD006',
            DETAIL = frontdesk.failure_detail(violated, failed_column, failed_detail);
  END;
  RETURN next_version;
END
$function$
;

-- frontdesk.audit_search_sql --------------------------------------------------------------
CREATE OR REPLACE FUNCTION frontdesk.audit_search_sql(by_login name, record text, action_name text, since timestamp with time zone, until timestamp with time zone, before_id bigint, page_size integer)
 RETURNS text
 LANGUAGE plpgsql
 STABLE
AS $function$
DECLARE
  conditions text[] := ARRAY['true'];
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

  IF by_login IS NOT NULL THEN
    conditions := conditions || 'a.actor = $1'::text;
  END IF;
  IF record IS NOT NULL THEN
    IF position(':' IN record) < 2 OR record LIKE '%:' THEN
      RAISE EXCEPTION 'A record is written KIND:ID, like clients:12 or context:fees:3; “%” is not.',
        left(record, 60) USING ERRCODE = 'FD004',
            DETAIL = jsonb_build_object('key', 'audit-record-form',
                                        'record', left(record, 60))::text;
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
      RAISE EXCEPTION 'There is no audit entry %.', before_id USING ERRCODE = 'FD001',
            DETAIL = jsonb_build_object('key', 'audit-entry-gone', 'entry', before_id)::text;
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
$function$
;

-- frontdesk.check_context_name ------------------------------------------------------------
CREATE OR REPLACE FUNCTION frontdesk.check_context_name(context text)
 RETURNS void
 LANGUAGE plpgsql
 IMMUTABLE
AS $function$
BEGIN
  IF context IS NULL OR length(context) = 0 OR length(context) > 250 THEN
    RAISE EXCEPTION 'A data context’s name has 1 to 250 characters; this one has %.',
      coalesce(length(context), 0) USING ERRCODE = 'FD014',
            DETAIL = jsonb_build_object('key', 'context-name-length',
                                        'length', length(context))::text;
  END IF;
END
$function$
;

-- frontdesk.clients_before_write ----------------------------------------------------------
CREATE OR REPLACE FUNCTION frontdesk.clients_before_write()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  IF NEW.guarantor_id IS NULL THEN
    NEW.guarantor_id := NEW.id;
  END IF;
  IF NEW.birth_date > current_date THEN
    RAISE EXCEPTION 'The date of birth % is in the future.', NEW.birth_date
      USING ERRCODE = 'check_violation', CONSTRAINT = 'clients_birth_date_valid',
            DETAIL = jsonb_build_object('key', 'birth-date-future',
                                        'date', NEW.birth_date::text)::text;
  END IF;
  RETURN NEW;
END
$function$
;

-- frontdesk.context_enter_unbounded -------------------------------------------------------
CREATE OR REPLACE FUNCTION frontdesk.context_enter_unbounded(context text, description text)
 RETURNS boolean
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
  mine bigint := frontdesk.require_session();
BEGIN
  PERFORM frontdesk.check_context_name(context);
  IF description IS NULL OR length(btrim(description)) = 0 OR length(description) > 200 THEN
    RAISE EXCEPTION 'A data context’s description has 1 to 200 characters; this one has %.',
      coalesce(length(description), 0) USING ERRCODE = 'FD014',
            DETAIL = jsonb_build_object('key', 'context-description-length',
                                        'length', length(description))::text;
  END IF;
  IF NOT frontdesk.may_save_context(context) THEN
    RETURN false;
  END IF;

  INSERT INTO frontdesk.save_contexts AS c (name, description) VALUES (context, description)
    ON CONFLICT (name) DO UPDATE SET description = excluded.description
    WHERE c.description IS DISTINCT FROM excluded.description;
  INSERT INTO frontdesk.save_context_viewers (name, session_id) VALUES (context, mine)
    ON CONFLICT DO NOTHING;
  IF NOT EXISTS (SELECT 1 FROM frontdesk.save_context_releases r
                  WHERE r.name = context AND r.session_id = mine) THEN
    PERFORM frontdesk.context_take_if_free(context, mine);
  END IF;
  PERFORM frontdesk.notify_context(context);
  RETURN true;
END
$function$
;

-- frontdesk.context_take_unbounded --------------------------------------------------------
CREATE OR REPLACE FUNCTION frontdesk.context_take_unbounded(context text)
 RETURNS void
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
  mine bigint := frontdesk.require_may_save_context(context);
  holder frontdesk.sessions;
BEGIN
  SELECT s.* INTO holder FROM frontdesk.save_contexts c
    JOIN frontdesk.sessions s ON s.id = c.holder
   WHERE c.name = context
     FOR UPDATE OF c;
  IF holder.id IS NOT NULL AND holder.id <> mine AND frontdesk.session_is_alive(holder.id)
     AND NOT frontdesk.is_admin() AND holder.login <> session_user THEN
    RAISE EXCEPTION '% at % holds the save lock; only an administrator can take it from them.',
      holder.display_name, holder.workstation USING ERRCODE = 'FD016',
            DETAIL = jsonb_build_object('key', 'save-lock-held', 'holder', holder.display_name,
                                        'workstation', holder.workstation)::text;
  END IF;
  DELETE FROM frontdesk.save_context_releases r WHERE r.name = context AND r.session_id = mine;
  UPDATE frontdesk.save_contexts c SET holder = mine, held_since = now() WHERE c.name = context;
  IF holder.id IS NOT NULL AND holder.id <> mine THEN
    PERFORM frontdesk.write_audit('save lock taken', NULL, context, NULL,
                                  format('from %s at %s', holder.display_name,
                                         holder.workstation));
  END IF;
  PERFORM frontdesk.notify_context(context);
END
$function$
;

-- frontdesk.family_make_payer -------------------------------------------------------------
CREATE OR REPLACE FUNCTION frontdesk.family_make_payer(new_payer bigint)
 RETURNS bigint
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
  old_payer bigint;
  account record;
BEGIN
  PERFORM frontdesk.require_staff();
  SELECT c.guarantor_id INTO old_payer FROM frontdesk.clients c WHERE c.id = new_payer;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'Client No. % does not exist.', new_payer USING ERRCODE = 'FD001',
            DETAIL = jsonb_build_object('key', 'client-gone', 'client', new_payer)::text;
  END IF;
  IF old_payer = new_payer THEN
    RAISE EXCEPTION 'Client No. % pays for the family already.', new_payer
      USING ERRCODE = 'FD004',
            DETAIL = jsonb_build_object('key', 'already-payer', 'client', new_payer)::text;
  END IF;

  -- The whole family, in id order, so that two of these never wait for each other.
  PERFORM 1 FROM frontdesk.clients c WHERE c.guarantor_id = old_payer ORDER BY c.id FOR UPDATE;
  SELECT g.billing_type_id, g.fee_schedule_id, g.insurance_category_id INTO account
    FROM frontdesk.clients g WHERE g.id = old_payer;

  UPDATE frontdesk.clients c
     SET guarantor_id = new_payer, billing_type_id = account.billing_type_id,
         fee_schedule_id = account.fee_schedule_id,
         insurance_category_id = account.insurance_category_id
   WHERE c.id = family_make_payer.new_payer;
  UPDATE frontdesk.clients c SET guarantor_id = new_payer
   WHERE c.guarantor_id = old_payer AND c.id <> old_payer;
  UPDATE frontdesk.clients c SET guarantor_id = new_payer WHERE c.id = old_payer;
  RETURN old_payer;
END
$function$
;

-- frontdesk.fees_save_unbounded -----------------------------------------------------------
CREATE OR REPLACE FUNCTION frontdesk.fees_save_unbounded(schedule bigint, codes bigint[], originals text[], amounts text[])
 RETURNS integer
 LANGUAGE plpgsql
AS $function$
DECLARE
  n integer := 0;
  amount numeric;
  stored numeric;
  code_name text;
  changed integer;
BEGIN
  IF cardinality(codes) IS DISTINCT FROM cardinality(amounts)
     OR cardinality(codes) IS DISTINCT FROM cardinality(originals) THEN
    RAISE EXCEPTION 'Each procedure code needs the fee shown and the fee wanted.'
      USING ERRCODE = 'FD004',
            DETAIL = jsonb_build_object('key', 'fees-malformed')::text;
  END IF;
  PERFORM frontdesk.require_context_lock('fees:' || schedule);

  FOR i IN 1 .. coalesce(cardinality(codes), 0) LOOP
    SELECT p.code INTO code_name FROM frontdesk.procedure_codes p WHERE p.id = codes[i];
    IF code_name IS NULL THEN
      RAISE EXCEPTION 'There is no procedure code No. %.', codes[i] USING ERRCODE = 'FD004',
            DETAIL = jsonb_build_object('key', 'procedure-code-gone', 'code', codes[i])::text;
    END IF;
    SELECT f.amount INTO stored FROM frontdesk.fees f
     WHERE f.fee_schedule_id = schedule AND f.procedure_code_id = codes[i] FOR UPDATE;
    IF stored IS DISTINCT FROM nullif(btrim(originals[i]), '')::numeric THEN
      RAISE EXCEPTION 'The fee for % was changed to % meanwhile; nothing was saved. Check it '
        'and save again.', code_name, coalesce(stored::text, 'none') USING ERRCODE = 'FD018',
            DETAIL = jsonb_build_object('key', 'fee-changed', 'code', code_name,
                                        'fee', stored::text)::text;
    END IF;
    IF nullif(btrim(amounts[i]), '') IS NULL THEN
      DELETE FROM frontdesk.fees f WHERE f.fee_schedule_id = schedule AND f.procedure_code_id = codes[i];
    ELSE
      BEGIN
        amount := btrim(amounts[i])::numeric;
      EXCEPTION WHEN data_exception THEN
        RAISE EXCEPTION 'The fee for % is not an amount: “%”.', code_name, amounts[i]
          USING ERRCODE = 'FD005',
            DETAIL = jsonb_build_object('key', 'fee-not-amount', 'code', code_name,
                                        'amount', left(amounts[i], 40))::text;
      END;
      IF amount < 0 OR amount >= 100000000 OR amount <> round(amount, 2) THEN
        RAISE EXCEPTION 'The fee for % must be between 0 and 99999999.99, in cents at most: “%”.',
          code_name, amounts[i] USING ERRCODE = 'FD005',
            DETAIL = jsonb_build_object('key', 'fee-out-of-range', 'code', code_name,
                                        'amount', left(amounts[i], 40))::text;
      END IF;
      INSERT INTO frontdesk.fees AS f (fee_schedule_id, procedure_code_id, amount)
        VALUES (schedule, codes[i], amount)
        ON CONFLICT (fee_schedule_id, procedure_code_id) DO UPDATE SET amount = excluded.amount
        WHERE f.amount IS DISTINCT FROM excluded.amount;
    END IF;
    GET DIAGNOSTICS changed = ROW_COUNT;
    n := n + changed;
  END LOOP;
  RETURN n;
END
$function$
;

-- frontdesk.fill_sample_data --------------------------------------------------------------
CREATE OR REPLACE FUNCTION frontdesk.fill_sample_data(client_count integer, seed integer)
 RETURNS TABLE(what text, how_many bigint)
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
 SET max_parallel_workers_per_gather TO '0'
AS $function$
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
    RAISE EXCEPTION 'The number of clients must be between 1 and 10,000,000.' USING ERRCODE = 'FD004',
            DETAIL = jsonb_build_object('key', 'sample-client-count')::text;
  END IF;
  IF EXISTS (SELECT 1 FROM frontdesk.clients) THEN
    RAISE EXCEPTION 'The practice has clients already; sample data only goes into an empty practice.'
      USING ERRCODE = 'FD007',
            DETAIL = jsonb_build_object('key', 'sample-not-empty')::text;
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
$function$
;

-- frontdesk.free_slots --------------------------------------------------------------------
CREATE OR REPLACE FUNCTION frontdesk.free_slots(from_day date, length_minutes integer, provider bigint, operatory bigint, part_of_day text, max_rows integer)
 RETURNS TABLE(day date, starts_minute integer, provider_id bigint, operatory_id bigint)
 LANGUAGE plpgsql
 STABLE
AS $function$
DECLARE
  practice frontdesk.practice;
  d date;
  found_rows integer := 0;
  n integer;
BEGIN
  IF length_minutes IS NULL OR length_minutes NOT BETWEEN 5 AND 600
     OR length_minutes % 5 <> 0 THEN
    RAISE EXCEPTION 'An appointment lasts 5 to 600 minutes, in steps of 5.'
      USING ERRCODE = 'FD004',
            DETAIL = jsonb_build_object('key', 'slot-length')::text;
  END IF;
  IF part_of_day IS NULL OR part_of_day NOT IN ('morning', 'afternoon', 'any') THEN
    RAISE EXCEPTION 'The part of the day is morning, afternoon or any.'
      USING ERRCODE = 'FD004',
            DETAIL = jsonb_build_object('key', 'slot-day-part')::text;
  END IF;
  IF from_day IS NULL OR max_rows IS NULL OR max_rows NOT BETWEEN 1 AND 500 THEN
    RAISE EXCEPTION 'A search needs a first day and 1 to 500 openings.'
      USING ERRCODE = 'FD004',
            DETAIL = jsonb_build_object('key', 'slot-search')::text;
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
$function$
;

-- frontdesk.guarantor_pays_for_the_family -------------------------------------------------
CREATE OR REPLACE FUNCTION frontdesk.guarantor_pays_for_the_family()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
BEGIN
  IF NEW.guarantor_id <> NEW.id AND NOT EXISTS (
       SELECT 1 FROM frontdesk.clients g WHERE g.id = NEW.guarantor_id AND g.guarantor_id = g.id) THEN
    RAISE EXCEPTION 'Client No. % does not pay for a family; the guarantor is the one who pays '
      '(their own guarantor).', NEW.guarantor_id
      USING ERRCODE = 'check_violation', CONSTRAINT = 'clients_guarantor_pays',
            DETAIL = jsonb_build_object('key', 'guarantor-not-payer',
                                        'client', NEW.guarantor_id)::text;
  END IF;
  IF NEW.guarantor_id <> NEW.id AND EXISTS (
       SELECT 1 FROM frontdesk.clients c WHERE c.guarantor_id = OLD.id AND c.id <> OLD.id) THEN
    RAISE EXCEPTION 'Client No. % pays for others in the family; give them another guarantor '
      'first.', OLD.id USING ERRCODE = 'check_violation', CONSTRAINT = 'clients_guarantor_pays',
            DETAIL = jsonb_build_object('key', 'payer-pays-for-others', 'client', OLD.id)::text;
  END IF;
  RETURN NEW;
END
$function$
;

-- frontdesk.insert_record_unbounded -------------------------------------------------------
CREATE OR REPLACE FUNCTION frontdesk.insert_record_unbounded(table_name text, VARIADIC values_given text[])
 RETURNS TABLE(column_name text, value text)
 LANGUAGE plpgsql
AS $function$
DECLARE
  new_values jsonb := '{}'::jsonb;
  column_list text := '';
  column_type text;
  col text;
  new_value text;
  inserted jsonb;
  violated text;
  failed_column text;
  failed_detail text;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM frontdesk.editable_tables e
                  WHERE e.table_name = insert_record_unbounded.table_name)
     OR table_name = 'practice' THEN
    RAISE EXCEPTION 'Records of “%” cannot be added here.', table_name USING ERRCODE = 'FD003',
            DETAIL = jsonb_build_object('key', 'table-not-insertable',
                                        'table', table_name)::text;
  END IF;
  IF values_given IS NULL OR cardinality(values_given) = 0 OR cardinality(values_given) % 2 <> 0 THEN
    RAISE EXCEPTION 'A new record needs a column and a value for each field given.'
      USING ERRCODE = 'FD004',
            DETAIL = jsonb_build_object('key', 'insert-malformed')::text;
  END IF;

  FOR i IN 0 .. cardinality(values_given) / 2 - 1 LOOP
    col := values_given[i * 2 + 1];
    new_value := values_given[i * 2 + 2];
    SELECT c.type_name INTO column_type FROM frontdesk.editable_columns(table_name) c
     WHERE c.column_name = col;
    IF column_type IS NULL AND NOT (table_name = 'definitions' AND col = 'category') THEN
      RAISE EXCEPTION 'The field “%” cannot be set.', col USING ERRCODE = 'FD003',
            DETAIL = jsonb_build_object('key', 'field-not-settable', 'field', col)::text;
    END IF;
    IF new_values ? col THEN
      RAISE EXCEPTION 'The field “%” is given twice.', col USING ERRCODE = 'FD004',
            DETAIL = jsonb_build_object('key', 'field-given-twice', 'field', col)::text;
    END IF;
    PERFORM frontdesk.require_valid_value(col, new_value, coalesce(column_type, 'text'));
    new_values := new_values || jsonb_build_object(col, new_value);
    column_list := column_list || CASE WHEN column_list = '' THEN '' ELSE ', ' END
                   || format('%I', col);
  END LOOP;

  BEGIN
    EXECUTE format('INSERT INTO frontdesk.%1$I AS added (%2$s) '
                   'SELECT %2$s FROM jsonb_populate_record(NULL::frontdesk.%1$I, $1) '
                   'RETURNING to_jsonb(added)',
                   table_name, column_list)
       INTO inserted USING new_values;
  EXCEPTION WHEN integrity_constraint_violation THEN
    GET STACKED DIAGNOSTICS violated = CONSTRAINT_NAME, failed_column = COLUMN_NAME,
                              failed_detail = PG_EXCEPTION_DETAIL;
    RAISE EXCEPTION '%', frontdesk.explain_failure(violated, failed_column, SQLERRM)
      USING ERRCODE = 'FD006',
            DETAIL = frontdesk.failure_detail(violated, failed_column, failed_detail);
  END;

  RETURN QUERY SELECT k, v FROM jsonb_each_text(inserted) AS e (k, v);
END
$function$
;

-- frontdesk.integrity_check ---------------------------------------------------------------
CREATE OR REPLACE FUNCTION frontdesk.integrity_check(check_name text)
 RETURNS SETOF frontdesk.integrity_finding
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
BEGIN
  PERFORM frontdesk.require_admin('run the integrity checks');
  IF NOT EXISTS (SELECT 1 FROM frontdesk.integrity_checks c WHERE c.name = check_name) THEN
    RAISE EXCEPTION 'There is no integrity check “%”.', left(check_name, 60)
      USING ERRCODE = 'FD019',
            DETAIL = jsonb_build_object('key', 'integrity-check-unknown',
                                        'check', left(check_name, 60))::text;
  END IF;
  RETURN QUERY EXECUTE format('SELECT * FROM frontdesk.%I()', 'check_' || check_name);
END
$function$
;

-- frontdesk.integrity_repair --------------------------------------------------------------
CREATE OR REPLACE FUNCTION frontdesk.integrity_repair(check_name text)
 RETURNS integer
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
  what text;
  n integer;
BEGIN
  PERFORM frontdesk.require_admin('repair what the integrity checks found');
  SELECT c.repair INTO what FROM frontdesk.integrity_checks c WHERE c.name = check_name;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'There is no integrity check “%”.', left(check_name, 60)
      USING ERRCODE = 'FD019',
            DETAIL = jsonb_build_object('key', 'integrity-check-unknown',
                                        'check', left(check_name, 60))::text;
  END IF;
  IF what IS NULL THEN
    RAISE EXCEPTION 'What “%” finds needs a person to decide; it is not repaired automatically.',
      check_name USING ERRCODE = 'FD019',
            DETAIL = jsonb_build_object('key', 'integrity-not-repairable',
                                        'check', check_name)::text;
  END IF;
  EXECUTE format('SELECT frontdesk.%I()', 'repair_' || check_name) INTO n;
  IF n > 0 THEN
    PERFORM frontdesk.write_audit('integrity repair', NULL, check_name, NULL,
                                  format('%s: %s', what, n));
  END IF;
  RETURN n;
END
$function$
;

-- frontdesk.load_record -------------------------------------------------------------------
CREATE OR REPLACE FUNCTION frontdesk.load_record(table_name text, record_id text)
 RETURNS TABLE(column_name text, value text)
 LANGUAGE plpgsql
 STABLE
AS $function$
DECLARE
  key_column text;
  key_type text;
  row_json jsonb;
BEGIN
  -- The key column and its type, from the catalog (a statement planned once per connection).
  SELECT e.key_column, format_type(a.atttypid, a.atttypmod) INTO key_column, key_type
    FROM frontdesk.editable_tables e
    LEFT JOIN pg_catalog.pg_attribute a
      ON a.attrelid = ('frontdesk.' || quote_ident(e.table_name))::regclass
     AND a.attname = e.key_column AND NOT a.attisdropped
   WHERE e.table_name = load_record.table_name;
  IF key_column IS NULL THEN
    RAISE EXCEPTION 'Records of “%” cannot be edited.', table_name USING ERRCODE = 'FD003',
            DETAIL = jsonb_build_object('key', 'table-not-editable', 'table', table_name)::text;
  END IF;

  -- The tables editors open, in statements planned once per connection; the others built.
  IF load_record.table_name = 'clients' AND key_column = 'id' THEN
    SELECT to_jsonb(t) INTO row_json FROM frontdesk.clients t
     WHERE t.id = frontdesk.key_as_bigint(record_id);
  ELSIF load_record.table_name = 'appointments' AND key_column = 'id' THEN
    SELECT to_jsonb(t) INTO row_json FROM frontdesk.appointments t
     WHERE t.id = frontdesk.key_as_bigint(record_id);
  ELSE
    EXECUTE format('SELECT to_jsonb(t) FROM frontdesk.%I t WHERE %s',
                   load_record.table_name, frontdesk.key_condition(key_column, key_type, 1))
       INTO row_json USING record_id;
  END IF;
  IF row_json IS NULL THEN
    RAISE EXCEPTION 'This record no longer exists.' USING ERRCODE = 'FD001',
            DETAIL = jsonb_build_object('key', 'record-gone')::text;
  END IF;

  RETURN QUERY SELECT k, v FROM jsonb_each_text(row_json) AS e (k, v);
END
$function$
;

-- frontdesk.lock_override_unbounded -------------------------------------------------------
CREATE OR REPLACE FUNCTION frontdesk.lock_override_unbounded(kind text, record_key text, expected_holder bigint)
 RETURNS timestamp with time zone
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
  mine bigint := frontdesk.require_session();
  current record;
  holder record;
BEGIN
  PERFORM frontdesk.require_lockable(kind);
  PERFORM pg_advisory_xact_lock(hashtext('frontdesk.lock:' || kind || ':' || record_key));

  SELECT * INTO current FROM frontdesk.lock_state(kind, record_key);
  IF current.session_id IS NOT NULL AND current.session_id <> mine AND current.alive THEN
    IF expected_holder IS NOT NULL AND current.session_id <> expected_holder THEN
      SELECT display_name, workstation INTO holder FROM frontdesk.sessions
       WHERE sessions.id = current.session_id;
      RAISE EXCEPTION 'The record changed hands meanwhile: % at % has it open now. Open it again to decide.',
        holder.display_name, holder.workstation USING ERRCODE = 'FD013',
            DETAIL = jsonb_build_object('key', 'record-changed-hands',
                                        'holder', holder.display_name,
                                        'workstation', holder.workstation)::text;
    END IF;
    PERFORM frontdesk.record_lock_loss(kind, record_key, current.session_id, 'overridden');
  ELSIF current.session_id IS NOT NULL AND current.session_id <> mine AND current.expired THEN
    PERFORM frontdesk.record_lock_loss(kind, record_key, current.session_id, 'expired');
  END IF;

  RETURN frontdesk.take_lock(kind, record_key, mine);
END
$function$
;

-- frontdesk.lock_verdict ------------------------------------------------------------------
CREATE OR REPLACE FUNCTION frontdesk.lock_verdict(kind text, record_key text, mine bigint)
 RETURNS text
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
  current record;
  holding_since timestamptz;
  last_loss record;
  holder record;
  ran_out constant text := 'Your time to edit this record ran out (the practice’s edit time limit), so it was not saved. Reload the record and make your changes again.';
BEGIN
  SELECT * INTO current FROM frontdesk.lock_state(kind, record_key);
  IF current.session_id = mine THEN
    IF current.expired THEN
      RAISE EXCEPTION '%', ran_out USING ERRCODE = 'FD012',
            DETAIL = jsonb_build_object('key', 'lock-ran-out')::text;
    END IF;
    RETURN 'held';
  END IF;

  -- Only what happened since this session last took the lock counts.
  SELECT v.since INTO holding_since FROM frontdesk.record_viewers v
   WHERE v.record_kind = kind AND v.record_id = record_key AND v.session_id = mine;
  SELECT * INTO last_loss FROM frontdesk.lock_losses ll
   WHERE ll.record_kind = kind AND ll.record_id = record_key AND ll.session_id = mine
     AND ll.at >= coalesce(holding_since, 'infinity')
   ORDER BY ll.id DESC LIMIT 1;

  IF last_loss.cause = 'broken' THEN
    RAISE EXCEPTION 'An administrator released your lock on this record, so it was not saved. Reload the record and make your changes again.'
      USING ERRCODE = 'FD012',
            DETAIL = jsonb_build_object('key', 'lock-broken')::text;
  ELSIF last_loss.cause = 'expired' OR last_loss.holding_expires_at <= now() THEN
    RAISE EXCEPTION '%', ran_out USING ERRCODE = 'FD012',
            DETAIL = jsonb_build_object('key', 'lock-ran-out')::text;
  END IF;

  IF current.session_id IS NOT NULL AND current.alive THEN
    IF last_loss.cause = 'overridden' AND last_loss.by_session = current.session_id THEN
      RETURN 'take back';
    END IF;
    SELECT display_name, workstation INTO holder FROM frontdesk.sessions
     WHERE sessions.id = current.session_id;
    RAISE EXCEPTION '% at % has this record open (since %), so it cannot be changed now.',
      holder.display_name, holder.workstation,
      to_char(current.acquired_at AT TIME ZONE (SELECT time_zone FROM frontdesk.practice), 'HH24:MI')
      USING ERRCODE = 'FD011',
            DETAIL = jsonb_build_object('key', 'record-held', 'holder', holder.display_name,
                                        'workstation', holder.workstation,
                                        'since', extract(epoch FROM current.acquired_at))::text;
  END IF;
  RETURN 'take';
END
$function$
;

-- frontdesk.maintenance_set_unbounded -----------------------------------------------------
CREATE OR REPLACE FUNCTION frontdesk.maintenance_set_unbounded(switch_on boolean, reason text)
 RETURNS boolean
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
  current frontdesk.maintenance_mode;
  why text := btrim(reason);
BEGIN
  PERFORM frontdesk.require_admin('switch maintenance mode');
  IF switch_on IS NULL THEN
    RAISE EXCEPTION 'Say whether maintenance mode goes on or off.' USING ERRCODE = 'FD004',
            DETAIL = jsonb_build_object('key', 'maintenance-on-off')::text;
  END IF;
  SELECT * INTO current FROM frontdesk.maintenance_mode FOR UPDATE;

  IF switch_on THEN
    IF why IS NULL OR length(why) NOT BETWEEN 1 AND 200 THEN
      RAISE EXCEPTION 'Maintenance mode needs a reason of 1 to 200 characters; everyone sees it in the banner.'
        USING ERRCODE = 'FD004',
            DETAIL = jsonb_build_object('key', 'maintenance-reason')::text;
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
$function$
;

-- frontdesk.may_save_context --------------------------------------------------------------
CREATE OR REPLACE FUNCTION frontdesk.may_save_context(context text)
 RETURNS boolean
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
  admins_only boolean;
BEGIN
  SELECT k.admins_only INTO admins_only FROM frontdesk.save_context_kinds k
   WHERE k.prefix = split_part(context, ':', 1);
  IF admins_only IS NULL THEN
    RAISE EXCEPTION '“%” is not a data context Frontdesk knows.', left(context, 60)
      USING ERRCODE = 'FD014',
            DETAIL = jsonb_build_object('key', 'context-unknown',
                                        'context', left(context, 60))::text;
  END IF;
  RETURN frontdesk.is_staff() AND (NOT admins_only OR frontdesk.is_admin());
END
$function$
;

-- frontdesk.raise_busy --------------------------------------------------------------------
CREATE OR REPLACE FUNCTION frontdesk.raise_busy(kind text, record_key text)
 RETURNS void
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
  holder_pid integer := frontdesk.busy_holder_pid(kind, record_key);
  who text := frontdesk.describe_backend(holder_pid);
BEGIN
  IF who IS NULL THEN
    RAISE EXCEPTION 'Someone else is in the middle of changing this, so nothing was done. Try '
      'again in a moment.' USING ERRCODE = 'FD023',
            DETAIL = jsonb_build_object('key', 'busy')::text;
  END IF;
  RAISE EXCEPTION '% is in the middle of changing this, so nothing was done. Try again in a '
    'moment.', who USING ERRCODE = 'FD023',
            DETAIL = frontdesk.busy_detail(holder_pid);
END
$function$
;

-- frontdesk.refuse_change -----------------------------------------------------------------
CREATE OR REPLACE FUNCTION frontdesk.refuse_change()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'FD002',
            DETAIL = jsonb_build_object('key', 'immutable', 'table', TG_TABLE_NAME,
                                        'operation', TG_OP)::text;
END
$function$
;

-- frontdesk.refuse_changed_id -------------------------------------------------------------
CREATE OR REPLACE FUNCTION frontdesk.refuse_changed_id()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
BEGIN
  IF NEW.id IS DISTINCT FROM OLD.id AND NOT frontdesk.in_bulk_fill() THEN
    RAISE EXCEPTION 'A record keeps its number: the id of % % cannot be changed.',
      replace(TG_TABLE_NAME, '_', ' '), OLD.id
      USING ERRCODE = 'FD022', COLUMN = 'id', TABLE = TG_TABLE_NAME,
            DETAIL = jsonb_build_object('key', 'id-changed', 'table', TG_TABLE_NAME,
                                        'id', OLD.id)::text;
  END IF;
  RETURN NEW;
END
$function$
;

-- frontdesk.refuse_chosen_id --------------------------------------------------------------
CREATE OR REPLACE FUNCTION frontdesk.refuse_chosen_id()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
  drawn bigint;
BEGIN
  BEGIN
    drawn := currval(TG_ARGV[0]::regclass);
  EXCEPTION WHEN object_not_in_prerequisite_state THEN
    drawn := NULL;   -- nothing drawn in this session yet: the id was chosen
  END;
  IF drawn IS DISTINCT FROM NEW.id AND NOT frontdesk.in_bulk_fill() THEN
    RAISE EXCEPTION 'The server numbers new % itself: leave out the id (% was given).',
      replace(TG_TABLE_NAME, '_', ' '), NEW.id
      USING ERRCODE = 'FD022', COLUMN = 'id', TABLE = TG_TABLE_NAME,
            DETAIL = jsonb_build_object('key', 'id-chosen', 'table', TG_TABLE_NAME,
                                        'id', NEW.id)::text;
  END IF;
  RETURN NEW;
END
$function$
;

-- frontdesk.refuse_during_maintenance -----------------------------------------------------
CREATE OR REPLACE FUNCTION frontdesk.refuse_during_maintenance()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
  current frontdesk.maintenance_mode;
BEGIN
  SELECT * INTO current FROM frontdesk.maintenance_mode;
  IF current.active AND frontdesk.is_staff() AND NOT frontdesk.is_admin() THEN
    RAISE EXCEPTION 'The practice database is in maintenance (%), switched on by % at %. Changes are possible again once an administrator switches it off.',
      current.reason, current.by_name,
      to_char(current.since AT TIME ZONE (SELECT time_zone FROM frontdesk.practice), 'HH24:MI')
      USING ERRCODE = 'FD020',
            DETAIL = jsonb_build_object('key', 'maintenance', 'reason', current.reason,
                                        'by', current.by_name,
                                        'since', extract(epoch FROM current.since))::text;
  END IF;
  RETURN NULL;
END
$function$
;

-- frontdesk.refuse_write_under_foreign_lock -----------------------------------------------
CREATE OR REPLACE FUNCTION frontdesk.refuse_write_under_foreign_lock()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
  mine bigint := frontdesk.current_session_id();
  key text := OLD.id::text;
  current record;
  holder record;
BEGIN
  IF TG_OP = 'UPDATE' AND frontdesk.is_account_save(TG_TABLE_NAME, to_jsonb(OLD), to_jsonb(NEW)) THEN
    RETURN NEW;
  END IF;

  -- No advisory lock here: a bulk UPDATE would need one per row.
  IF mine IS NOT NULL THEN
    IF frontdesk.lock_verdict(TG_TABLE_NAME, key, mine) = 'take back' THEN
      SELECT s.display_name, s.workstation INTO holder FROM frontdesk.sessions s
       WHERE s.id = (SELECT session_id FROM frontdesk.lock_state(TG_TABLE_NAME, key));
      RAISE EXCEPTION '% at % has this record open, so it cannot be changed now.',
        holder.display_name, holder.workstation USING ERRCODE = 'FD011',
            DETAIL = jsonb_build_object('key', 'record-held', 'holder', holder.display_name,
                                        'workstation', holder.workstation)::text;
    END IF;
  ELSE
    SELECT * INTO current FROM frontdesk.lock_state(TG_TABLE_NAME, key);
    IF current.session_id IS NOT NULL AND current.alive THEN
      SELECT display_name, workstation INTO holder FROM frontdesk.sessions
       WHERE id = current.session_id;
      RAISE EXCEPTION '% at % has this record open (since %), so it cannot be changed now.',
        holder.display_name, holder.workstation,
        to_char(current.acquired_at AT TIME ZONE (SELECT time_zone FROM frontdesk.practice), 'HH24:MI')
        USING ERRCODE = 'FD011',
            DETAIL = jsonb_build_object('key', 'record-held', 'holder', holder.display_name,
                                        'workstation', holder.workstation,
                                        'since', extract(epoch FROM current.acquired_at))::text;
    END IF;
  END IF;

  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END
$function$
;

-- frontdesk.require_admin -----------------------------------------------------------------
CREATE OR REPLACE FUNCTION frontdesk.require_admin(action text)
 RETURNS void
 LANGUAGE plpgsql
 STABLE
AS $function$
BEGIN
  IF NOT frontdesk.is_admin() THEN
    RAISE EXCEPTION 'Only an administrator may %.', action
      USING ERRCODE = 'insufficient_privilege',
            DETAIL = jsonb_build_object('key', 'admin-only', 'action', action)::text;
  END IF;
END
$function$
;

-- frontdesk.require_context_lock ----------------------------------------------------------
CREATE OR REPLACE FUNCTION frontdesk.require_context_lock(context text)
 RETURNS void
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
  mine bigint := CASE WHEN frontdesk.in_bulk_fill() THEN NULL
                      ELSE frontdesk.current_session_id() END;
  holder frontdesk.sessions;
  what text := coalesce((SELECT c.description FROM frontdesk.save_contexts c
                          WHERE c.name = context), context);
BEGIN
  SELECT s.* INTO holder FROM frontdesk.sessions s WHERE s.id = frontdesk.context_holder(context);
  IF holder.id IS NOT NULL AND holder.id IS NOT DISTINCT FROM mine THEN
    RETURN;
  END IF;
  IF holder.id IS NOT NULL THEN
    RAISE EXCEPTION 'Not saved: % at % holds the save lock for %.', holder.display_name,
      holder.workstation, what USING ERRCODE = 'FD017',
            DETAIL = jsonb_build_object('key', 'save-lock-held-save',
                                        'holder', holder.display_name,
                                        'workstation', holder.workstation,
                                        'context', what)::text;
  END IF;
  IF mine IS NOT NULL THEN
    RAISE EXCEPTION 'Not saved: take the save lock for % first.', what USING ERRCODE = 'FD017',
            DETAIL = jsonb_build_object('key', 'save-lock-not-held', 'context', what)::text;
  END IF;
END
$function$
;

-- frontdesk.require_expected_holder -------------------------------------------------------
CREATE OR REPLACE FUNCTION frontdesk.require_expected_holder(holder bigint, expected bigint)
 RETURNS void
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
  now_holder frontdesk.sessions;
BEGIN
  IF expected IS NULL OR holder IS NOT DISTINCT FROM expected THEN
    RETURN;
  END IF;
  IF holder IS NULL THEN
    RAISE EXCEPTION 'Nobody holds this lock any more; nothing was done.' USING ERRCODE = 'FD021',
            DETAIL = jsonb_build_object('key', 'lock-gone')::text;
  END IF;
  SELECT * INTO now_holder FROM frontdesk.sessions s WHERE s.id = holder;
  RAISE EXCEPTION 'The lock changed hands: % at % holds it now. Nothing was done; look again '
    'before you act.', now_holder.display_name, now_holder.workstation USING ERRCODE = 'FD021',
            DETAIL = jsonb_build_object('key', 'lock-changed-hands',
                                        'holder', now_holder.display_name,
                                        'workstation', now_holder.workstation)::text;
END
$function$
;

-- frontdesk.require_lockable --------------------------------------------------------------
CREATE OR REPLACE FUNCTION frontdesk.require_lockable(kind text)
 RETURNS void
 LANGUAGE plpgsql
 STABLE
AS $function$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM frontdesk.lockable_tables WHERE table_name = kind) THEN
    RAISE EXCEPTION 'Records of “%” are not locked.', kind USING ERRCODE = 'FD003',
            DETAIL = jsonb_build_object('key', 'kind-not-locked', 'kind', kind)::text;
  END IF;
END
$function$
;

-- frontdesk.require_may_save_context ------------------------------------------------------
CREATE OR REPLACE FUNCTION frontdesk.require_may_save_context(context text)
 RETURNS bigint
 LANGUAGE plpgsql
AS $function$
DECLARE
  mine bigint := frontdesk.require_session();
BEGIN
  PERFORM frontdesk.check_context_name(context);
  IF NOT frontdesk.may_save_context(context) THEN
    RAISE EXCEPTION 'You may look at this but not save it; only an administrator can.'
      USING ERRCODE = 'FD015',
            DETAIL = jsonb_build_object('key', 'context-read-only')::text;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM frontdesk.save_contexts c WHERE c.name = context) THEN
    RAISE EXCEPTION 'Nobody has “%” open; open it first.', left(context, 60)
      USING ERRCODE = 'FD014',
            DETAIL = jsonb_build_object('key', 'context-not-open',
                                        'context', left(context, 60))::text;
  END IF;
  RETURN mine;
END
$function$
;

-- frontdesk.require_session ---------------------------------------------------------------
CREATE OR REPLACE FUNCTION frontdesk.require_session()
 RETURNS bigint
 LANGUAGE plpgsql
 STABLE
AS $function$
DECLARE
  mine bigint := frontdesk.current_session_id();
BEGIN
  IF mine IS NULL THEN
    RAISE EXCEPTION 'Open a Frontdesk session first (frontdesk.session_open).'
      USING ERRCODE = 'FD008',
            DETAIL = jsonb_build_object('key', 'no-session')::text;
  END IF;
  RETURN mine;
END
$function$
;

-- frontdesk.require_staff -----------------------------------------------------------------
CREATE OR REPLACE FUNCTION frontdesk.require_staff()
 RETURNS void
 LANGUAGE plpgsql
 STABLE
AS $function$
BEGIN
  IF NOT frontdesk.is_staff() THEN
    RAISE EXCEPTION 'The login % is not on the practice staff.', session_user
      USING ERRCODE = 'insufficient_privilege',
            DETAIL = jsonb_build_object('key', 'not-staff', 'login', session_user)::text;
  END IF;
END
$function$
;

-- frontdesk.require_valid_value -----------------------------------------------------------
CREATE OR REPLACE FUNCTION frontdesk.require_valid_value(column_name text, value text, type_name text)
 RETURNS void
 LANGUAGE plpgsql
 STABLE
AS $function$
BEGIN
  EXECUTE format('SELECT $1::%s', type_name) USING value;
EXCEPTION WHEN data_exception THEN
  RAISE EXCEPTION '%', frontdesk.invalid_value_message(column_name, value, type_name)
    USING ERRCODE = 'FD005', COLUMN = column_name,
            DETAIL = jsonb_build_object('key', 'invalid-value', 'field', column_name,
                                        'value', left(value, 41), 'type', type_name)::text;
END
$function$
;

-- frontdesk.save_record_unbounded ---------------------------------------------------------
CREATE OR REPLACE FUNCTION frontdesk.save_record_unbounded(table_name text, record_id text, VARIADIC changes text[])
 RETURNS TABLE(outcome text, column_name text, original text, theirs text, mine text)
 LANGUAGE plpgsql
AS $function$
DECLARE
  key_column text;
  key_type text;
  current_row jsonb;
  saved_row jsonb;
  new_values jsonb := '{}'::jsonb;
  conflicts jsonb := '[]'::jsonb;
  column_list text := '';
  column_type text;
  col text;
  old_value text;
  new_value text;
  violated text;
  failed_detail text;
BEGIN
  -- The key column and its type, from the catalog (a statement planned once per connection).
  SELECT e.key_column, format_type(a.atttypid, a.atttypmod) INTO key_column, key_type
    FROM frontdesk.editable_tables e
    LEFT JOIN pg_catalog.pg_attribute a
      ON a.attrelid = ('frontdesk.' || quote_ident(e.table_name))::regclass
     AND a.attname = e.key_column AND NOT a.attisdropped
   WHERE e.table_name = save_record_unbounded.table_name;
  IF key_column IS NULL THEN
    RAISE EXCEPTION 'Records of “%” cannot be edited.', table_name USING ERRCODE = 'FD003',
            DETAIL = jsonb_build_object('key', 'table-not-editable', 'table', table_name)::text;
  END IF;
  IF changes IS NULL OR cardinality(changes) = 0 OR cardinality(changes) % 3 <> 0 THEN
    RAISE EXCEPTION 'A save needs a column, its original and its new value for each change.'
      USING ERRCODE = 'FD004',
            DETAIL = jsonb_build_object('key', 'save-malformed')::text;
  END IF;

  FOR i IN 0 .. cardinality(changes) / 3 - 1 LOOP
    col := changes[i * 3 + 1];
    SELECT c.type_name INTO column_type FROM frontdesk.editable_columns(table_name) c
     WHERE c.column_name = col;
    IF column_type IS NULL THEN
      RAISE EXCEPTION 'The field “%” cannot be changed.', col USING ERRCODE = 'FD003',
            DETAIL = jsonb_build_object('key', 'field-not-changeable', 'field', col)::text;
    END IF;
    IF new_values ? col THEN
      RAISE EXCEPTION 'The field “%” is changed twice in one save.', col USING ERRCODE = 'FD004',
            DETAIL = jsonb_build_object('key', 'field-changed-twice', 'field', col)::text;
    END IF;
    new_value := changes[i * 3 + 3];
    PERFORM frontdesk.require_valid_value(col, new_value, column_type);
    new_values := new_values || jsonb_build_object(col, new_value);
    column_list := column_list || CASE WHEN column_list = '' THEN '' ELSE ', ' END
                   || format('%I', col);
  END LOOP;

  -- The record lock first (take back, or refuse), then the reread under the row lock.
  PERFORM frontdesk.check_lock_for_save(table_name, record_id);

  IF save_record_unbounded.table_name = 'clients' AND key_column = 'id' THEN
    SELECT to_jsonb(t) INTO current_row FROM frontdesk.clients t
     WHERE t.id = frontdesk.key_as_bigint(record_id) FOR UPDATE;
  ELSIF save_record_unbounded.table_name = 'appointments' AND key_column = 'id' THEN
    SELECT to_jsonb(t) INTO current_row FROM frontdesk.appointments t
     WHERE t.id = frontdesk.key_as_bigint(record_id) FOR UPDATE;
  ELSE
    EXECUTE format('SELECT to_jsonb(t) FROM frontdesk.%I t WHERE %s FOR UPDATE',
                   table_name, frontdesk.key_condition(key_column, key_type, 1))
       INTO current_row USING record_id;
  END IF;
  IF current_row IS NULL THEN
    RAISE EXCEPTION 'This record no longer exists.' USING ERRCODE = 'FD001',
            DETAIL = jsonb_build_object('key', 'record-gone')::text;
  END IF;

  FOR i IN 0 .. cardinality(changes) / 3 - 1 LOOP
    col := changes[i * 3 + 1];
    old_value := changes[i * 3 + 2];
    IF (current_row ->> col) IS DISTINCT FROM old_value THEN
      conflicts := conflicts || jsonb_build_array(jsonb_build_array(
        col, old_value, current_row ->> col, changes[i * 3 + 3]));
    END IF;
  END LOOP;

  IF jsonb_array_length(conflicts) > 0 THEN
    RETURN QUERY SELECT 'conflict', c ->> 0, c ->> 1, c ->> 2, c ->> 3
                   FROM jsonb_array_elements(conflicts) AS c;
    RETURN;
  END IF;

  PERFORM frontdesk.claim_lock_for_save(table_name, record_id);

  BEGIN
    EXECUTE format('UPDATE frontdesk.%1$I t SET (%2$s) = '
                   '(SELECT %2$s FROM jsonb_populate_record(NULL::frontdesk.%1$I, $1)) '
                   'WHERE %3$s RETURNING to_jsonb(t)',
                   table_name, column_list, frontdesk.key_condition(key_column, key_type, 2))
       INTO saved_row USING new_values, record_id;
  EXCEPTION WHEN integrity_constraint_violation THEN
    GET STACKED DIAGNOSTICS violated = CONSTRAINT_NAME, failed_detail = PG_EXCEPTION_DETAIL;
    RAISE EXCEPTION '%', frontdesk.explain_violation(violated, SQLERRM) USING ERRCODE = 'FD006',
            DETAIL = frontdesk.failure_detail(violated, NULL, failed_detail);
  END;

  RETURN QUERY SELECT 'saved', k, NULL::text, NULL::text, v
                 FROM jsonb_each_text(saved_row) AS e (k, v);
END
$function$
;

-- frontdesk.session_open ------------------------------------------------------------------
CREATE OR REPLACE FUNCTION frontdesk.session_open(workstation text)
 RETURNS TABLE(session_id bigint, secret text, login name, display_name text, is_admin boolean)
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
  new_secret text := replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '');
  new_id bigint;
BEGIN
  PERFORM frontdesk.require_staff();
  IF workstation IS NULL OR length(btrim(workstation)) NOT BETWEEN 1 AND 100 THEN
    RAISE EXCEPTION 'The workstation name must have 1 to 100 characters.'
      USING ERRCODE = 'check_violation',
            DETAIL = jsonb_build_object('key', 'workstation-name-length')::text;
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
$function$
;

-- frontdesk.user_add ----------------------------------------------------------------------
CREATE OR REPLACE FUNCTION frontdesk.user_add(login name, password_verifier text, display_name text, admin boolean)
 RETURNS void
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
  first text := split_part(btrim(display_name), ' ', 1);
  last text := btrim(substr(btrim(display_name), length(split_part(btrim(display_name), ' ', 1)) + 1));
BEGIN
  PERFORM frontdesk.require_admin('add staff logins');
  IF login !~ '^[a-z][a-z0-9_]{1,62}$' OR login LIKE 'pg\_%' OR login LIKE 'frontdesk\_%' THEN
    RAISE EXCEPTION 'The login “%” is not allowed: use 2 to 63 lower-case letters, digits or _, starting with a letter.', login
      USING ERRCODE = 'FD004',
            DETAIL = jsonb_build_object('key', 'login-invalid', 'login', left(login, 63))::text;
  END IF;
  IF password_verifier IS NULL OR password_verifier NOT LIKE 'SCRAM-SHA-256$%' THEN
    RAISE EXCEPTION 'The password must arrive encrypted (SCRAM-SHA-256).' USING ERRCODE = 'FD004',
            DETAIL = jsonb_build_object('key', 'password-not-encrypted')::text;
  END IF;
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = login) THEN
    RAISE EXCEPTION 'The login “%” exists already.', login USING ERRCODE = 'FD007',
            DETAIL = jsonb_build_object('key', 'login-exists', 'login', login)::text;
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
$function$
;

-- frontdesk.user_disable ------------------------------------------------------------------
CREATE OR REPLACE FUNCTION frontdesk.user_disable(login name)
 RETURNS void
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
BEGIN
  PERFORM frontdesk.require_admin('disable staff logins');
  IF NOT EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = login
                   AND pg_has_role(r.oid, 'frontdesk_staff', 'MEMBER') AND NOT r.rolsuper) THEN
    RAISE EXCEPTION 'There is no staff login “%”.', login USING ERRCODE = 'FD001',
            DETAIL = jsonb_build_object('key', 'login-unknown', 'login', login)::text;
  END IF;
  IF login = session_user THEN
    RAISE EXCEPTION 'You cannot disable your own login.' USING ERRCODE = 'FD004',
            DETAIL = jsonb_build_object('key', 'disable-own-login')::text;
  END IF;

  EXECUTE format('ALTER ROLE %I NOLOGIN', login);
  UPDATE frontdesk.employees SET hidden = true WHERE employees.login = user_disable.login;
  PERFORM pg_terminate_backend(a.pid) FROM pg_stat_activity a WHERE a.usename = login;
  PERFORM frontdesk.write_audit('user disable', 'employees', login, NULL, NULL);
END
$function$
;
