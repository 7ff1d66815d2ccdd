-- 0016-hostile-clients.sql: what a hostile or careless client can no longer do: grant
-- itself a right with a setting, pick an id the sequence will hand out later, or make the
-- others wait for ever; a lock taken while its holder was away is told as a loss; every rule
-- of the schema is a sentence.
-- SPDX-License-Identifier: GPL-3.0-or-later

-- Marks only a function can set -----------------------------------------------------------
--
-- A setting (SET frontdesk.… or set_config) is the caller's to change, so nothing the server
-- grants may depend on one. What a function wants to tell the triggers below it for the
-- length of its transaction is a row in a table only the schema's owner writes, keyed by the
-- transaction: nobody else can write it, and it is gone when the transaction ends.

-- Set by sample_data() alone: it fills a whole practice, fixed ids and all.
CREATE TABLE frontdesk.bulk_fills (
  xact xid8 PRIMARY KEY
);

-- Set by account_save() alone: the guarantor's row whose account it is saving.
CREATE TABLE frontdesk.account_saves (
  xact      xid8 NOT NULL,
  guarantor text NOT NULL,
  PRIMARY KEY (xact, guarantor)
);

REVOKE ALL ON frontdesk.bulk_fills, frontdesk.account_saves FROM PUBLIC;

CREATE FUNCTION frontdesk.in_bulk_fill() RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
    SELECT EXISTS (SELECT 1 FROM frontdesk.bulk_fills f
                    WHERE f.xact = pg_current_xact_id_if_assigned())
  $$;

-- The fill itself keeps its body and its checks under a name nobody but the owner may call.
ALTER FUNCTION frontdesk.sample_data(integer, integer) RESET frontdesk.maintenance;
ALTER FUNCTION frontdesk.sample_data(integer, integer) RENAME TO fill_sample_data;

CREATE FUNCTION frontdesk.sample_data(client_count integer, seed integer)
  RETURNS TABLE (what text, how_many bigint)
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
BEGIN
  PERFORM frontdesk.require_admin('add sample data');
  INSERT INTO frontdesk.bulk_fills VALUES (pg_current_xact_id());
  RETURN QUERY SELECT * FROM frontdesk.fill_sample_data(client_count, seed);
  DELETE FROM frontdesk.bulk_fills f WHERE f.xact = pg_current_xact_id();
END
$$;

-- As in 0010, with the fill's exemption taken from its mark instead of a setting.
CREATE OR REPLACE FUNCTION frontdesk.require_context_lock(context text) RETURNS void
  LANGUAGE plpgsql STABLE SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
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
      holder.workstation, what USING ERRCODE = 'FD017';
  END IF;
  IF mine IS NOT NULL THEN
    RAISE EXCEPTION 'Not saved: take the save lock for % first.', what USING ERRCODE = 'FD017';
  END IF;
END
$$;

-- As in 0011, with the mark read from account_saves.
CREATE OR REPLACE FUNCTION frontdesk.is_marked_account_save(kind text, record_key text)
  RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
    SELECT kind = 'clients'
       AND EXISTS (SELECT 1 FROM frontdesk.account_saves a
                    WHERE a.xact = pg_current_xact_id_if_assigned() AND a.guarantor = record_key)
       AND frontdesk.holds_context('account:' || record_key)
  $$;

-- As in 0011; runs as the owner to write its mark. The account columns are the only ones it
-- lets through, and the triggers judge them by session_user as for any save.
CREATE OR REPLACE FUNCTION frontdesk.account_save(table_name text, record_id text,
                                                  VARIADIC changes text[])
  RETURNS TABLE (outcome text, column_name text, original text, theirs text, mine text)
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
BEGIN
  PERFORM frontdesk.require_staff();
  IF table_name IS DISTINCT FROM 'clients' THEN
    RAISE EXCEPTION 'Only a client’s account is saved this way.' USING ERRCODE = 'FD003';
  END IF;
  FOR i IN 0 .. coalesce(cardinality(changes), 0) / 3 - 1 LOOP
    IF changes[i * 3 + 1] NOT IN ('billing_type_id', 'fee_schedule_id', 'insurance_category_id') THEN
      RAISE EXCEPTION 'The field “%” is not part of the account.', changes[i * 3 + 1]
        USING ERRCODE = 'FD003';
    END IF;
  END LOOP;
  IF record_id !~ '^[0-9]{1,18}$' OR NOT EXISTS (
       SELECT 1 FROM frontdesk.clients c
        WHERE c.id = record_id::bigint AND c.guarantor_id = c.id) THEN
    RAISE EXCEPTION 'Client No. % does not pay for a family; the account is kept on the guarantor.',
      record_id USING ERRCODE = 'FD003';
  END IF;

  PERFORM frontdesk.require_context_lock('account:' || record_id);
  INSERT INTO frontdesk.account_saves VALUES (pg_current_xact_id(), record_id);
  RETURN QUERY SELECT * FROM frontdesk.save_record(table_name, record_id, VARIADIC changes);
  DELETE FROM frontdesk.account_saves a
   WHERE a.xact = pg_current_xact_id() AND a.guarantor = record_id;
END
$$;

-- Ids come from the sequence alone ---------------------------------------------------------
--
-- INSERT … OVERRIDING SYSTEM VALUE (and COPY, which always may) can put any number into an
-- identity column; one the sequence hands out later then fails someone else's insert with a
-- duplicate key. A row's id must be the value this session just drew from the column's
-- sequence; the owner cannot be kept out this way, so sample_data() says so with its mark.
CREATE FUNCTION frontdesk.refuse_chosen_id() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
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
      USING ERRCODE = 'FD022', COLUMN = 'id', TABLE = TG_TABLE_NAME;
  END IF;
  RETURN NEW;
END
$$;

-- A row keeps its number: UPDATE … SET id = DEFAULT would orphan every lock, signal, audit
-- entry and open form that names it.
CREATE FUNCTION frontdesk.refuse_changed_id() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
BEGIN
  IF NEW.id IS DISTINCT FROM OLD.id AND NOT frontdesk.in_bulk_fill() THEN
    RAISE EXCEPTION 'A record keeps its number: the id of % % cannot be changed.',
      replace(TG_TABLE_NAME, '_', ' '), OLD.id
      USING ERRCODE = 'FD022', COLUMN = 'id', TABLE = TG_TABLE_NAME;
  END IF;
  RETURN NEW;
END
$$;

-- Every identity column of the schema (all are called id), so a table of a later migration
-- only needs this block again; the security suite fails until it has the triggers.
DO $$
DECLARE
  col record;
BEGIN
  FOR col IN
    SELECT c.relname AS table_name, a.attname AS column_name,
           pg_get_serial_sequence(format('frontdesk.%I', c.relname), a.attname) AS sequence_name
      FROM pg_attribute a
      JOIN pg_class c ON c.oid = a.attrelid
     WHERE c.relnamespace = 'frontdesk'::regnamespace AND c.relkind IN ('r', 'p')
       AND a.attidentity <> '' AND NOT a.attisdropped
       AND NOT EXISTS (SELECT 1 FROM pg_trigger t
                        WHERE t.tgrelid = c.oid AND t.tgname = c.relname || '_server_numbers')
  LOOP
    IF col.column_name <> 'id' THEN
      RAISE EXCEPTION 'frontdesk.%: an identity column is called id', col.table_name;
    END IF;
    EXECUTE format('CREATE TRIGGER %I BEFORE INSERT ON frontdesk.%I FOR EACH ROW '
                   'EXECUTE FUNCTION frontdesk.refuse_chosen_id(%L)',
                   col.table_name || '_server_numbers', col.table_name, col.sequence_name);
    EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE OF id ON frontdesk.%I FOR EACH ROW '
                   'EXECUTE FUNCTION frontdesk.refuse_changed_id()',
                   col.table_name || '_id_kept', col.table_name);
  END LOOP;
END
$$;

-- Nobody waits for ever --------------------------------------------------------------------
--
-- Every save, lock acquire, override, take and break waits at most three seconds for a row
-- or lock that another open transaction holds, then fails with FD023, naming who holds it
-- where the server can tell. The waits are in many functions; the bound and the words are in
-- one place: each such function keeps its body under the name <name>_unbounded, and a
-- wrapper of the old name sets lock_timeout and turns the timeout into FD023. The wrapper
-- first takes the transaction-level advisory lock of what it works on (the one 0005's record
-- locks take): unlike a row's locker, which hides in a subtransaction, its holder stands in
-- pg_locks by process id, so the next one to wait can be told who it is.
--
-- A later migration that replaces one of these functions replaces its body, <name>_unbounded;
-- the security suite fails if a wrapped name loses its lock_timeout.

-- The backend that holds what @kind:@record_key needs: a whole table it locked, the record
-- lock's advisory lock, or the transaction that locked the row itself, its record_locks row
-- or the save lock's row (each locker of a row several hold). NULL when none can be told.
-- Asking must not wait on the lock asked about, hence its own short lock_timeout.
CREATE FUNCTION frontdesk.busy_holder_pid(kind text, record_key text) RETURNS integer
  LANGUAGE plpgsql STABLE SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  SET lock_timeout = '100ms'
  AS $$
DECLARE
  advisory bigint := hashtext('frontdesk.lock:' || kind || ':' || record_key);
  tables regclass[] := ARRAY[to_regclass(format('frontdesk.%I', kind)),
                             'frontdesk.record_locks'::regclass,
                             'frontdesk.save_contexts'::regclass, 'frontdesk.fees'::regclass];
  lockers xid[] := ARRAY[]::xid[];
  members xid[] := ARRAY[]::xid[];
  locker xid;
  holder integer;
BEGIN
  -- LOCK TABLE, or anything else that keeps every row of a table from the others.
  SELECT l.pid INTO holder FROM pg_locks l
   WHERE l.locktype = 'relation' AND l.granted AND l.pid <> pg_backend_pid()
     AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
     AND l.mode IN ('ShareLock', 'ShareRowExclusiveLock', 'ExclusiveLock', 'AccessExclusiveLock')
     AND l.relation = ANY (tables)
   ORDER BY l.pid
   LIMIT 1;
  IF holder IS NOT NULL THEN
    RETURN holder;
  END IF;

  SELECT l.pid INTO holder FROM pg_locks l
   WHERE l.locktype = 'advisory' AND l.granted AND l.pid <> pg_backend_pid()
     AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
     AND l.classid = ((advisory >> 32) & 4294967295)::oid
     AND l.objid = (advisory & 4294967295)::oid AND l.objsubid = 1
   LIMIT 1;
  IF holder IS NOT NULL THEN
    RETURN holder;
  END IF;

  -- A row's xmax names the transaction that locked or changed it last.
  BEGIN
    IF record_key ~ '^[0-9]{1,18}$' AND EXISTS (SELECT 1 FROM frontdesk.editable_tables e
                                                  WHERE e.table_name = kind) THEN
      EXECUTE format('SELECT xmax FROM frontdesk.%I WHERE id = $1::bigint', kind)
         INTO locker USING record_key;
      lockers := lockers || locker;
    END IF;
    SELECT l.xmax INTO locker FROM frontdesk.record_locks l
     WHERE l.record_kind = kind AND l.record_id = record_key;
    lockers := lockers || locker;
    IF kind = 'context' THEN
      SELECT c.xmax INTO locker FROM frontdesk.save_contexts c WHERE c.name = record_key;
      lockers := lockers || locker;
      IF record_key ~ '^fees:[0-9]{1,18}$' THEN
        lockers := lockers || ARRAY(SELECT f.xmax FROM frontdesk.fees f
                                     WHERE f.fee_schedule_id = substr(record_key, 6)::bigint);
      END IF;
    END IF;
  EXCEPTION WHEN lock_not_available THEN
    NULL;   -- the table itself is held: what was found so far will do
  END;

  -- Several lockers at once share one MultiXactId in xmax; its members are the lockers.
  FOREACH locker IN ARRAY array_remove(lockers, NULL) LOOP
    BEGIN
      members := members || ARRAY(SELECT m.xid FROM pg_get_multixact_members(locker) m);
    EXCEPTION WHEN OTHERS THEN
      NULL;   -- a plain transaction id, not a MultiXactId
    END;
  END LOOP;

  SELECT l.pid INTO holder FROM pg_locks l
   WHERE l.locktype = 'transactionid' AND l.granted AND l.mode = 'ExclusiveLock'
     AND l.pid <> pg_backend_pid() AND l.transactionid = ANY (lockers || members)
   ORDER BY l.transactionid = ANY (members) DESC, l.pid
   LIMIT 1;
  RETURN holder;
END
$$;

-- "Alex Kim at Reception 2", or the login of a connection outside Frontdesk; the sentence
-- starts with it, so it starts with a capital.
CREATE FUNCTION frontdesk.describe_backend(backend integer) RETURNS text
  LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
    SELECT CASE WHEN backend IS NOT NULL THEN coalesce(
      (SELECT s.display_name || ' at ' || s.workstation FROM frontdesk.sessions s
        WHERE s.backend_pid = backend AND s.closed_at IS NULL
          AND frontdesk.session_is_alive(s.id)
        ORDER BY s.id DESC LIMIT 1),
      (SELECT format('The login “%s” (outside Frontdesk)', r.rolname)
         FROM pg_stat_get_activity(backend) a JOIN pg_roles r ON r.oid = a.usesysid
        LIMIT 1)) END
  $$;

CREATE FUNCTION frontdesk.raise_busy(kind text, record_key text) RETURNS void
  LANGUAGE plpgsql STABLE SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
DECLARE
  who text := frontdesk.describe_backend(frontdesk.busy_holder_pid(kind, record_key));
BEGIN
  IF who IS NULL THEN
    RAISE EXCEPTION 'Someone else is in the middle of changing this, so nothing was done. Try '
      'again in a moment.' USING ERRCODE = 'FD023';
  END IF;
  RAISE EXCEPTION '% is in the middle of changing this, so nothing was done. Try again in a '
    'moment.', who USING ERRCODE = 'FD023';
END
$$;

-- Wraps @fn (an overload, by its signature) as described above. @kind_sql and @key_sql are
-- SQL expressions over its parameters: the kind and key raise_busy() names the holder by.
CREATE FUNCTION frontdesk.bound_wait(fn regprocedure, kind_sql text, key_sql text) RETURNS void
  LANGUAGE plpgsql
  SET search_path = pg_catalog, pg_temp
  AS $fn$
DECLARE
  p pg_proc;
  inner_name text;
  call_args text;
  body text;
  grantee text;
BEGIN
  SELECT * INTO p FROM pg_proc WHERE oid = fn;
  inner_name := p.proname || '_unbounded';
  SELECT string_agg(CASE WHEN p.provariadic <> 0 AND n = cardinality(p.proargtypes)
                         THEN 'VARIADIC ' ELSE '' END || '$' || n, ', ' ORDER BY n)
    INTO call_args FROM generate_series(1, cardinality(p.proargtypes)) AS n;
  call_args := coalesce(call_args, '');

  IF p.proretset THEN
    body := format('RETURN QUERY SELECT * FROM frontdesk.%I(%s);', inner_name, call_args);
  ELSIF p.prorettype = 'void'::regtype THEN
    body := format('PERFORM frontdesk.%I(%s);', inner_name, call_args);
  ELSE
    body := format('RETURN frontdesk.%I(%s);', inner_name, call_args);
  END IF;

  EXECUTE format('ALTER FUNCTION %s RENAME TO %I', fn, inner_name);
  -- A PL/pgSQL body may qualify its parameters with the function's name (save_record.x):
  -- under its new name it says so.
  IF p.prosrc ~ ('\m' || p.proname || '\.') THEN
    EXECUTE regexp_replace(pg_get_functiondef(fn), '\m' || p.proname || '\.',
                           inner_name || '.', 'g');
  END IF;
  EXECUTE format($f$CREATE FUNCTION frontdesk.%I(%s) RETURNS %s
                      LANGUAGE plpgsql %s
                      SET search_path = pg_catalog, pg_temp
                      SET lock_timeout = '3s'
                      AS $body$
                    BEGIN
                      IF %s <> '' THEN
                        PERFORM pg_advisory_xact_lock(hashtext('frontdesk.lock:' || %s
                                                               || ':' || %s));
                      END IF;
                      %s
                    EXCEPTION WHEN lock_not_available THEN
                      PERFORM frontdesk.raise_busy(%s, %s);
                    END
                    $body$
                 $f$,
                 p.proname, pg_get_function_arguments(fn), pg_get_function_result(fn),
                 CASE WHEN p.prosecdef THEN 'SECURITY DEFINER' ELSE '' END,
                 key_sql, kind_sql, key_sql, body, kind_sql, key_sql);

  -- The wrapper is granted as the function was; a definer's body is the owner's alone, an
  -- invoker's stays callable (its caller's rights are what it runs with).
  EXECUTE format('REVOKE EXECUTE ON FUNCTION frontdesk.%I(%s) FROM PUBLIC',
                 p.proname, pg_get_function_identity_arguments(fn));
  FOREACH grantee IN ARRAY ARRAY['frontdesk_staff', 'frontdesk_admin'] LOOP
    IF has_function_privilege(grantee, fn, 'EXECUTE') THEN
      EXECUTE format('GRANT EXECUTE ON FUNCTION frontdesk.%I(%s) TO %I',
                     p.proname, pg_get_function_identity_arguments(fn), grantee);
      IF p.prosecdef THEN
        EXECUTE format('REVOKE EXECUTE ON FUNCTION %s FROM %I', fn, grantee);
      END IF;
    END IF;
  END LOOP;
END
$fn$;

SELECT frontdesk.bound_wait('frontdesk.save_record(text, text, text[])', '$1', '$2');
SELECT frontdesk.bound_wait('frontdesk.account_save(text, text, text[])', '$1', '$2');
SELECT frontdesk.bound_wait('frontdesk.insert_record(text, text[])', '$1', '''''');
SELECT frontdesk.bound_wait('frontdesk.fees_save(bigint, bigint[], text[], text[])',
                            '''context''', '''fees:'' || $1');
SELECT frontdesk.bound_wait('frontdesk.lock_acquire(text, text)', '$1', '$2');
SELECT frontdesk.bound_wait('frontdesk.lock_override(text, text, bigint)', '$1', '$2');
SELECT frontdesk.bound_wait('frontdesk.lock_release(text, text)', '$1', '$2');
SELECT frontdesk.bound_wait('frontdesk.lock_break(text, text)', '$1', '$2');
SELECT frontdesk.bound_wait('frontdesk.lock_break(text, text, bigint)', '$1', '$2');
SELECT frontdesk.bound_wait('frontdesk.context_enter(text, text)', '''context''', '$1');
SELECT frontdesk.bound_wait('frontdesk.context_acquire(text)', '''context''', '$1');
SELECT frontdesk.bound_wait('frontdesk.context_release(text)', '''context''', '$1');
SELECT frontdesk.bound_wait('frontdesk.context_take(text)', '''context''', '$1');
SELECT frontdesk.bound_wait('frontdesk.context_take(text, bigint)', '''context''', '$1');
SELECT frontdesk.bound_wait('frontdesk.context_break(text)', '''context''', '$1');
SELECT frontdesk.bound_wait('frontdesk.context_break(text, bigint)', '''context''', '$1');
-- Letting go waits no longer than taking: closing a form or signing out behind someone
-- else's open transaction answers within the same bound.
SELECT frontdesk.bound_wait('frontdesk.lock_release_all()', '''session''', '''''');
SELECT frontdesk.bound_wait('frontdesk.viewer_enter(text, text)', '$1', '$2');
SELECT frontdesk.bound_wait('frontdesk.viewer_leave(text, text)', '$1', '$2');
SELECT frontdesk.bound_wait('frontdesk.context_leave(text)', '''context''', '$1');
SELECT frontdesk.bound_wait('frontdesk.context_leave_all()', '''session''', '''''');
SELECT frontdesk.bound_wait('frontdesk.context_enter_released(text, text)', '''context''', '$1');
SELECT frontdesk.bound_wait('frontdesk.session_close()', '''session''', '''''');
SELECT frontdesk.bound_wait('frontdesk.maintenance_set(boolean, text)', '''maintenance''', '''''');

-- Told after an outage -----------------------------------------------------------------------
--
-- A lock whose holder's connection is gone is free, and whoever takes it meanwhile displaces
-- the holder as an override would: when the holder's workstation comes back and resumes its
-- session, it reads the loss at once (my_lock_losses), and its save takes the record back
-- unless someone saved the same fields.
CREATE OR REPLACE FUNCTION frontdesk.take_lock(kind text, record_key text, mine bigint)
  RETURNS timestamptz
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
DECLARE
  current record;
  expiry timestamptz;
BEGIN
  SELECT * INTO current FROM frontdesk.lock_state(kind, record_key);
  -- (Not when the same person opens it again in a session of their own: a restart.)
  IF current.session_id IS NOT NULL AND current.session_id <> mine AND NOT current.expired
     AND NOT frontdesk.session_is_alive(current.session_id)
     AND EXISTS (SELECT 1 FROM frontdesk.sessions s
                  WHERE s.id = current.session_id AND s.closed_at IS NULL
                    AND s.login <> session_user) THEN
    PERFORM frontdesk.record_lock_loss(kind, record_key, current.session_id, 'overridden');
  END IF;

  INSERT INTO frontdesk.record_viewers (record_kind, record_id, session_id, since)
  VALUES (kind, record_key, mine, clock_timestamp())
  ON CONFLICT (record_kind, record_id, session_id) DO UPDATE SET since = EXCLUDED.since;

  INSERT INTO frontdesk.record_locks (record_kind, record_id, session_id, acquired_at, expires_at)
  VALUES (kind, record_key, mine, now(), frontdesk.lock_expiry())
  ON CONFLICT (record_kind, record_id) DO UPDATE
    SET session_id = EXCLUDED.session_id, acquired_at = EXCLUDED.acquired_at,
        expires_at = EXCLUDED.expires_at
  RETURNING expires_at INTO expiry;
  RETURN expiry;
END
$$;

-- Every rule in words ----------------------------------------------------------------------
--
-- Each constraint of the schema has a sentence naming its field (the security suite checks
-- that none is missing); a value a column cannot hold at all is refused in words too.
INSERT INTO frontdesk.constraint_messages VALUES
  ('definitions_category_valid', 'A definition’s category must be one Frontdesk knows.'),
  ('definitions_color_valid', 'The colour must be written as #rrggbb (for example #3584e4).'),
  ('definitions_name_length', 'The name must have 1 to 100 characters.'),
  ('definitions_name_unique', 'There is already a definition with this name in the category.'),
  ('employees_first_name_length', 'The first name must have 1 to 100 characters.'),
  ('employees_last_name_length', 'The last name can have at most 100 characters.'),
  ('employees_login_unique', 'Another employee already has this login.'),
  ('fee_schedules_name_length', 'The fee schedule’s name must have 1 to 100 characters.'),
  ('fees_one_per_code', 'A fee schedule has one fee for each procedure code.'),
  ('fees_fee_schedule_id_fkey', 'The fee schedule must be one of the practice’s.'),
  ('fees_procedure_code_id_fkey', 'The procedure code must be one of the practice’s.'),
  ('insurance_categories_name_length',
   'The insurance category’s name must have 1 to 100 characters.'),
  ('integrity_checks_position_key', 'Each integrity check has a place of its own in the order.'),
  ('lock_losses_cause_valid', 'A lock is lost by an override, a break or its time running out.'),
  ('maintenance_mode_reason_length', 'The reason for maintenance can have at most 200 characters.'),
  ('maintenance_mode_singleton_check', 'There is one maintenance switch for the practice.'),
  ('operatories_name_length', 'The operatory’s name must have 1 to 50 characters.'),
  ('practice_name_check', 'The practice’s name must have 1 to 200 characters.'),
  ('practice_singleton_check', 'There is one practice in the database.'),
  ('practice_time_zone_length', 'The time zone must have 1 to 64 characters.'),
  ('procedure_codes_abbreviation_length', 'The abbreviation must have 1 to 20 characters.'),
  ('procedure_codes_code_length', 'The procedure code must have 1 to 15 characters.'),
  ('procedure_codes_description_length', 'The description must have 1 to 200 characters.'),
  ('procedure_codes_category_id_fkey', 'The category must be a procedure category of the practice.'),
  ('procedure_notes_one_version', 'A note’s version is written once.'),
  ('procedure_notes_version_valid', 'A note’s version is 1 or more.'),
  ('procedure_notes_procedure_id_fkey', 'The note must belong to a procedure of the practice.'),
  ('procedure_notes_session_id_fkey', 'The note’s session must be a Frontdesk session.'),
  ('procedures_date_valid', 'The date performed must be between 1900 and 2200.'),
  ('procedures_status_valid', 'A procedure is planned or complete.'),
  ('procedures_appointment_id_fkey', 'The appointment must be one of the practice’s.'),
  ('procedures_client_id_fkey', 'The client must be a client of the practice.'),
  ('procedures_procedure_code_id_fkey', 'The procedure code must be one of the practice’s.'),
  ('procedures_provider_id_fkey', 'The provider must be one of the practice’s.'),
  ('provider_schedules_hours_valid', 'A schedule must start before it ends.'),
  ('provider_schedules_weekday_valid', 'The weekday must be 1 (Monday) to 7 (Sunday).'),
  ('provider_schedules_operatory_id_fkey', 'The operatory must be one of the practice’s.'),
  ('provider_schedules_provider_id_fkey', 'The provider must be one of the practice’s.'),
  ('providers_first_name_length', 'The first name must have 1 to 100 characters.'),
  ('providers_last_name_length', 'The last name must have 1 to 100 characters.'),
  ('providers_title_length', 'The title can have at most 50 characters.'),
  ('clients_billing_type_id_fkey', 'The billing type must be one of the practice’s.'),
  ('clients_fee_schedule_id_fkey', 'The fee schedule must be one of the practice’s.'),
  ('clients_insurance_category_id_fkey',
   'The insurance category must be one of the practice’s.'),
  ('appointments_appointment_type_id_fkey',
   'The appointment type must be one of the practice’s.'),
  ('appointments_client_id_fkey', 'The client must be a client of the practice.'),
  ('appointments_confirmation_id_fkey',
   'The confirmation status must be one of the practice’s.'),
  ('appointments_operatory_id_fkey', 'The operatory must be one of the practice’s.'),
  ('appointments_provider_id_fkey', 'The provider must be one of the practice’s.'),
  ('sessions_workstation_length', 'The workstation’s name must have 1 to 100 characters.'),
  ('audit_log_session_id_fkey', 'An audit entry’s session must be a Frontdesk session.'),
  ('record_locks_record_kind_fkey', 'Only clients and appointments are locked.'),
  ('record_locks_session_id_fkey', 'A lock’s holder must be a Frontdesk session.'),
  ('lock_losses_by_session_fkey', 'A lock’s taker must be a Frontdesk session.'),
  ('lock_losses_session_id_fkey', 'A lock’s loser must be a Frontdesk session.'),
  ('record_viewers_record_kind_fkey', 'Only clients and appointments are locked.'),
  ('record_viewers_session_id_fkey', 'A viewer must be a Frontdesk session.'),
  ('save_contexts_description_length',
   'A data context’s description must have 1 to 200 characters.'),
  ('save_contexts_holder_fkey', 'A save lock’s holder must be a Frontdesk session.'),
  ('save_contexts_name_length', 'A data context’s name must have 1 to 250 characters.'),
  ('save_context_viewers_name_fkey', 'A save lock’s viewer must view a known data context.'),
  ('save_context_viewers_session_id_fkey', 'A save lock’s viewer must be a Frontdesk session.'),
  ('save_context_releases_name_fkey', 'A release must be of a known data context.'),
  ('save_context_releases_session_id_fkey', 'A release must be by a Frontdesk session.'),
  ('schema_version_name_check', 'A migration’s name must have 1 to 200 characters.'),
  ('schema_version_version_check', 'A migration’s number is 1 or more.')
ON CONFLICT (constraint_name) DO NOTHING;

-- A phone number's rule has a length too (3 to 30 characters); say so. A provider's colour
-- says which field it is.
UPDATE frontdesk.constraint_messages m
   SET message = 'The colour must be written as #rrggbb (for example #3584e4).'
 WHERE m.constraint_name = 'providers_color_valid';

-- The other rules of fields a form edits name their fields too.
UPDATE frontdesk.constraint_messages m SET message = w.message
  FROM (VALUES
    ('appointments_status_valid', 'An appointment’s status is scheduled, complete or broken.'),
    ('procedures_status_valid', 'A procedure’s status is planned or complete.'),
    ('fees_amount_valid', 'A fee’s amount cannot be negative.'),
    ('practice_hours_valid',
     'The practice opens (opens at) before it closes (closes at).'),
    ('practice_slot_minutes_valid',
     'The appointment grid (slot minutes) is 5, 10, 15, 20, 30 or 60 minutes.'),
    ('provider_schedules_hours_valid',
     'A schedule starts (starts at) before it ends (ends at).'),
    ('definitions_name_unique', 'That name is used in this category already.'))
    AS w (constraint_name, message)
 WHERE m.constraint_name = w.constraint_name;
UPDATE frontdesk.constraint_messages m
   SET message = format('The %s phone has 3 to 30 characters: digits, spaces and + ( ) . / - only.',
                        substring(m.constraint_name from 'clients_phone_([a-z]+)_valid'))
 WHERE m.constraint_name IN ('clients_phone_home_valid', 'clients_phone_mobile_valid',
                             'clients_phone_work_valid');

-- A sentence for a failed write that names no constraint of ours (a NOT NULL column, a value
-- the column's type cannot hold), built from what the server reported.
CREATE FUNCTION frontdesk.explain_failure(constraint_name text, column_name text,
                                          fallback text) RETURNS text
  LANGUAGE sql STABLE
  AS $$
    SELECT coalesce(
      (SELECT m.message FROM frontdesk.constraint_messages m
        WHERE m.constraint_name = explain_failure.constraint_name),
      CASE WHEN coalesce(column_name, '') <> ''
           THEN format('The %s must be filled in with a valid value.',
                       replace(column_name, '_', ' ')) END,
      fallback)
  $$;

-- As 0008 wrote it (now insert_record()'s body, see bound_wait()), with a bad value told in
-- words of its own.
CREATE OR REPLACE FUNCTION frontdesk.insert_record_unbounded(table_name text,
                                                             VARIADIC values_given text[])
  RETURNS TABLE (column_name text, value text)
  LANGUAGE plpgsql
  AS $$
DECLARE
  new_values jsonb := '{}'::jsonb;
  column_list text := '';
  column_type text;
  col text;
  new_value text;
  inserted jsonb;
  violated text;
  failed_column text;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM frontdesk.editable_tables e
                  WHERE e.table_name = insert_record_unbounded.table_name)
     OR table_name = 'practice' THEN
    RAISE EXCEPTION 'Records of “%” cannot be added here.', table_name USING ERRCODE = 'FD003';
  END IF;
  IF values_given IS NULL OR cardinality(values_given) = 0 OR cardinality(values_given) % 2 <> 0 THEN
    RAISE EXCEPTION 'A new record needs a column and a value for each field given.'
      USING ERRCODE = 'FD004';
  END IF;

  FOR i IN 0 .. cardinality(values_given) / 2 - 1 LOOP
    col := values_given[i * 2 + 1];
    new_value := values_given[i * 2 + 2];
    SELECT c.type_name INTO column_type FROM frontdesk.editable_columns(table_name) c
     WHERE c.column_name = col;
    IF column_type IS NULL AND NOT (table_name = 'definitions' AND col = 'category') THEN
      RAISE EXCEPTION 'The field “%” cannot be set.', col USING ERRCODE = 'FD003';
    END IF;
    IF new_values ? col THEN
      RAISE EXCEPTION 'The field “%” is given twice.', col USING ERRCODE = 'FD004';
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
    GET STACKED DIAGNOSTICS violated = CONSTRAINT_NAME, failed_column = COLUMN_NAME;
    RAISE EXCEPTION '%', frontdesk.explain_failure(violated, failed_column, SQLERRM)
      USING ERRCODE = 'FD006';
  END;

  RETURN QUERY SELECT k, v FROM jsonb_each_text(inserted) AS e (k, v);
END
$$;

-- As in 0003, with the rules a note can break told in words.
CREATE OR REPLACE FUNCTION frontdesk.add_procedure_note(procedure_id bigint, body text)
  RETURNS integer
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  SET lock_timeout = '3s'
  AS $$
DECLARE
  next_version integer;
  violated text;
  failed_column text;
BEGIN
  PERFORM frontdesk.require_staff();
  BEGIN
    -- One writer at a time per procedure, so versions never collide.
    PERFORM 1 FROM frontdesk.procedures p WHERE p.id = add_procedure_note.procedure_id FOR UPDATE;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'Procedure % does not exist.', procedure_id USING ERRCODE = 'FD001';
    END IF;

    SELECT coalesce(max(n.version), 0) + 1 INTO next_version
      FROM frontdesk.procedure_notes n WHERE n.procedure_id = add_procedure_note.procedure_id;

    INSERT INTO frontdesk.procedure_notes (procedure_id, version, body, author, session_id)
    VALUES (procedure_id, next_version, body, session_user, frontdesk.current_session_id());
  EXCEPTION
    WHEN lock_not_available THEN
      PERFORM frontdesk.raise_busy('procedures', procedure_id::text);
    WHEN integrity_constraint_violation THEN
      GET STACKED DIAGNOSTICS violated = CONSTRAINT_NAME, failed_column = COLUMN_NAME;
      RAISE EXCEPTION '%', frontdesk.explain_failure(violated, failed_column, SQLERRM)
        USING ERRCODE = 'FD006';
  END;
  RETURN next_version;
END
$$;

REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA frontdesk FROM PUBLIC;
-- The record-lock steps are the save path's (check_lock_for_save(), claim_lock_for_save() call
-- them as the owner); nobody calls them directly.
REVOKE EXECUTE ON FUNCTION frontdesk.fill_sample_data(integer, integer),
  frontdesk.bound_wait(regprocedure, text, text),
  frontdesk.check_record_lock_for_save(text, text),
  frontdesk.claim_record_lock_for_save(text, text) FROM frontdesk_admin, frontdesk_staff;
GRANT EXECUTE ON FUNCTION frontdesk.sample_data(integer, integer) TO frontdesk_admin;
GRANT EXECUTE ON FUNCTION frontdesk.in_bulk_fill(), frontdesk.raise_busy(text, text),
  frontdesk.explain_failure(text, text, text) TO frontdesk_staff;
