-- 0005-record-locks.sql: soft record locks: acquire, two-stage override, take-back on save,
-- admin break, expiry by the edit time limit, check-alive release, and the server's refusal
-- of any write to a record another live session holds.
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- A lock is a row (kind, id) → session. It is free when there is no row, when its session
-- is dead (its backend gone: a killed client frees its locks at once), or when it expired.
-- Every loss of a lock is a row in lock_losses with its cause; the loser hears of it by
-- NOTIFY frontdesk_locks (payload: the loser's session id) and reads the details.

CREATE TABLE frontdesk.lockable_tables (
  table_name text PRIMARY KEY
);
INSERT INTO frontdesk.lockable_tables VALUES ('clients'), ('appointments');

CREATE TABLE frontdesk.record_locks (
  record_kind text        NOT NULL REFERENCES frontdesk.lockable_tables,
  record_id   text        NOT NULL,
  session_id  bigint      NOT NULL REFERENCES frontdesk.sessions,
  acquired_at timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz,
  PRIMARY KEY (record_kind, record_id)
);
CREATE INDEX record_locks_session ON frontdesk.record_locks (session_id);

CREATE TABLE frontdesk.lock_losses (
  id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  record_kind text        NOT NULL,
  record_id   text        NOT NULL,
  session_id  bigint      NOT NULL REFERENCES frontdesk.sessions,
  cause       text        NOT NULL
    CONSTRAINT lock_losses_cause_valid CHECK (cause IN ('overridden', 'broken', 'expired')),
  by_session  bigint      REFERENCES frontdesk.sessions,
  by_login    name        NOT NULL DEFAULT session_user,
  at          timestamptz NOT NULL DEFAULT clock_timestamp(),
  -- The loser's own deadline: a take-back after it has passed is refused.
  holding_expires_at timestamptz
);
CREATE INDEX lock_losses_session ON frontdesk.lock_losses (session_id, id);
CREATE INDEX lock_losses_record ON frontdesk.lock_losses (record_kind, record_id, session_id, id);

-- Who has a record open in an editor, lock or not ("also viewing").
CREATE TABLE frontdesk.record_viewers (
  record_kind text        NOT NULL REFERENCES frontdesk.lockable_tables,
  record_id   text        NOT NULL,
  session_id  bigint      NOT NULL REFERENCES frontdesk.sessions,
  since       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (record_kind, record_id, session_id)
);
CREATE INDEX record_viewers_session ON frontdesk.record_viewers (session_id);

CREATE TRIGGER lock_losses_append_only BEFORE UPDATE OR DELETE ON frontdesk.lock_losses
  FOR EACH ROW EXECUTE FUNCTION frontdesk.refuse_change('A lock’s history is never changed.');

-- Helpers --------------------------------------------------------------------------------

CREATE FUNCTION frontdesk.require_session() RETURNS bigint
  LANGUAGE plpgsql STABLE
  AS $$
DECLARE
  mine bigint := frontdesk.current_session_id();
BEGIN
  IF mine IS NULL THEN
    RAISE EXCEPTION 'Open a Frontdesk session first (frontdesk.session_open).'
      USING ERRCODE = 'FD008';
  END IF;
  RETURN mine;
END
$$;

CREATE FUNCTION frontdesk.require_lockable(kind text) RETURNS void
  LANGUAGE plpgsql STABLE
  AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM frontdesk.lockable_tables WHERE table_name = kind) THEN
    RAISE EXCEPTION 'Records of “%” are not locked.', kind USING ERRCODE = 'FD003';
  END IF;
END
$$;

CREATE FUNCTION frontdesk.lock_expiry() RETURNS timestamptz
  LANGUAGE sql STABLE
  AS $$ SELECT now() + (SELECT edit_time_limit FROM frontdesk.practice) $$;

-- The lock as it stands: alive means its session lives and it has not expired.
CREATE FUNCTION frontdesk.lock_state(kind text, record_key text,
                                     OUT session_id bigint, OUT alive boolean,
                                     OUT expired boolean, OUT acquired_at timestamptz,
                                     OUT expires_at timestamptz)
  LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
    SELECT l.session_id,
           frontdesk.session_is_alive(l.session_id) AND NOT coalesce(l.expires_at <= now(), false),
           coalesce(l.expires_at <= now(), false), l.acquired_at, l.expires_at
      FROM frontdesk.record_locks l
     WHERE l.record_kind = kind AND l.record_id = record_key
  $$;

CREATE FUNCTION frontdesk.notify_lock_loss(loser bigint) RETURNS void
  LANGUAGE sql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$ SELECT pg_notify('frontdesk_locks', loser::text) $$;

CREATE FUNCTION frontdesk.record_lock_loss(kind text, record_key text, loser bigint, cause text)
  RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
BEGIN
  INSERT INTO frontdesk.lock_losses (record_kind, record_id, session_id, cause, by_session,
                                     by_login, holding_expires_at)
  VALUES (kind, record_key, loser, cause, frontdesk.current_session_id(), session_user,
          (SELECT l.expires_at FROM frontdesk.record_locks l
            WHERE l.record_kind = kind AND l.record_id = record_key AND l.session_id = loser));
  PERFORM frontdesk.write_audit('lock ' || cause, kind, record_key, NULL,
                                format('from session %s (%s at %s)', loser,
                                       (SELECT display_name FROM frontdesk.sessions WHERE sessions.id = loser),
                                       (SELECT workstation FROM frontdesk.sessions WHERE sessions.id = loser)));
  PERFORM frontdesk.notify_lock_loss(loser);
END
$$;

-- Takes the lock for this session, whoever had it.
-- Takes the lock for this session, whoever had it, and starts its holding anew: losses
-- from before no longer count against its saves.
CREATE FUNCTION frontdesk.take_lock(kind text, record_key text, mine bigint) RETURNS timestamptz
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
DECLARE
  expiry timestamptz;
BEGIN
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

-- Acquire, override, release, break ------------------------------------------------------

-- One round trip. outcome: 'acquired' (free, dead holder, expired, or already mine) or
-- 'held' with the live holder's name, workstation and since when.
CREATE FUNCTION frontdesk.lock_acquire(kind text, record_key text)
  RETURNS TABLE (outcome text, holder_session bigint, holder_name text,
                 holder_workstation text, held_since timestamptz, expires_at timestamptz)
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
DECLARE
  mine bigint := frontdesk.require_session();
  current record;
  expiry timestamptz;
BEGIN
  PERFORM frontdesk.require_lockable(kind);
  -- One acquirer at a time per record; the row may not exist yet.
  PERFORM pg_advisory_xact_lock(hashtext('frontdesk.lock:' || kind || ':' || record_key));

  SELECT * INTO current FROM frontdesk.lock_state(kind, record_key);
  IF current.session_id IS NOT NULL AND current.session_id <> mine AND current.alive THEN
    RETURN QUERY SELECT 'held', s.id, s.display_name, s.workstation, current.acquired_at,
                        current.expires_at
                   FROM frontdesk.sessions s WHERE s.id = current.session_id;
    RETURN;
  END IF;

  IF current.session_id IS NOT NULL AND current.session_id <> mine AND current.expired THEN
    PERFORM frontdesk.record_lock_loss(kind, record_key, current.session_id, 'expired');
  END IF;

  expiry := frontdesk.take_lock(kind, record_key, mine);
  RETURN QUERY SELECT 'acquired', mine, NULL::text, NULL::text, now(), expiry;
END
$$;

-- The second stage, after the person confirmed twice: the live holder loses the lock, the
-- override is audited, and the holder's window hears of it at once. @expected_holder is the
-- session the person was warned about; if the record changed hands meanwhile, nobody else
-- is displaced unawares (NULL: whoever holds it, for tools).
CREATE FUNCTION frontdesk.lock_override(kind text, record_key text, expected_holder bigint)
  RETURNS timestamptz
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
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
        holder.display_name, holder.workstation USING ERRCODE = 'FD013';
    END IF;
    PERFORM frontdesk.record_lock_loss(kind, record_key, current.session_id, 'overridden');
  ELSIF current.session_id IS NOT NULL AND current.session_id <> mine AND current.expired THEN
    PERFORM frontdesk.record_lock_loss(kind, record_key, current.session_id, 'expired');
  END IF;

  RETURN frontdesk.take_lock(kind, record_key, mine);
END
$$;

CREATE FUNCTION frontdesk.lock_release(kind text, record_key text) RETURNS boolean
  LANGUAGE sql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
    WITH gone AS (
      DELETE FROM frontdesk.record_locks
       WHERE record_kind = kind AND record_id = record_key
         AND session_id = frontdesk.current_session_id()
      RETURNING 1)
    SELECT EXISTS (SELECT 1 FROM gone)
  $$;

CREATE FUNCTION frontdesk.lock_release_all() RETURNS integer
  LANGUAGE sql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
    WITH gone AS (
      DELETE FROM frontdesk.record_locks WHERE session_id = frontdesk.current_session_id()
      RETURNING 1)
    SELECT count(*)::integer FROM gone
  $$;

-- Admins only: the holder can no longer save and must reload.
CREATE FUNCTION frontdesk.lock_break(kind text, record_key text) RETURNS boolean
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
DECLARE
  current record;
BEGIN
  PERFORM frontdesk.require_admin('break record locks');
  PERFORM frontdesk.require_lockable(kind);
  PERFORM pg_advisory_xact_lock(hashtext('frontdesk.lock:' || kind || ':' || record_key));

  SELECT * INTO current FROM frontdesk.lock_state(kind, record_key);
  IF current.session_id IS NULL THEN
    RETURN false;
  END IF;

  DELETE FROM frontdesk.record_locks WHERE record_kind = kind AND record_id = record_key;
  PERFORM frontdesk.record_lock_loss(kind, record_key, current.session_id, 'broken');
  RETURN true;
END
$$;

-- The edit time limit ran out for a lock of mine: say so, for the record and the user.
CREATE FUNCTION frontdesk.lock_check(kind text, record_key text)
  RETURNS TABLE (state text, expires_at timestamptz)
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
DECLARE
  mine bigint := frontdesk.require_session();
  current record;
BEGIN
  SELECT * INTO current FROM frontdesk.lock_state(kind, record_key);
  IF current.session_id = mine AND current.expired THEN
    IF NOT EXISTS (SELECT 1 FROM frontdesk.lock_losses ll
                    WHERE ll.record_kind = kind AND ll.record_id = record_key AND ll.session_id = mine
                      AND ll.cause = 'expired' AND ll.at >= current.expires_at) THEN
      PERFORM frontdesk.record_lock_loss(kind, record_key, mine, 'expired');
    END IF;
    RETURN QUERY SELECT 'expired', current.expires_at;
  ELSIF current.session_id = mine THEN
    RETURN QUERY SELECT 'held', current.expires_at;
  ELSE
    RETURN QUERY SELECT 'lost', NULL::timestamptz;
  END IF;
END
$$;

-- The losses of this session after @after_id, with who caused them.
CREATE FUNCTION frontdesk.my_lock_losses(after_id bigint)
  RETURNS TABLE (loss_id bigint, record_kind text, record_id text, cause text,
                 by_name text, by_workstation text, at timestamptz)
  LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
    SELECT ll.id, ll.record_kind, ll.record_id, ll.cause,
           coalesce(s.display_name, frontdesk.display_name_of(ll.by_login)), s.workstation, ll.at
      FROM frontdesk.lock_losses ll
      LEFT JOIN frontdesk.sessions s ON s.id = ll.by_session
     WHERE ll.session_id = frontdesk.current_session_id() AND ll.id > after_id
       -- News made old by a later holding of the same record (a take-back, a reopening).
       AND NOT EXISTS (SELECT 1 FROM frontdesk.record_locks l
                        WHERE l.record_kind = ll.record_kind AND l.record_id = ll.record_id
                          AND l.session_id = ll.session_id AND l.acquired_at > ll.at)
     ORDER BY ll.id
  $$;

-- Viewers ----------------------------------------------------------------------------------

CREATE FUNCTION frontdesk.viewer_enter(kind text, record_key text) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
DECLARE
  mine bigint := frontdesk.require_session();
BEGIN
  PERFORM frontdesk.require_lockable(kind);
  INSERT INTO frontdesk.record_viewers (record_kind, record_id, session_id)
  VALUES (kind, record_key, mine) ON CONFLICT DO NOTHING;
  PERFORM pg_notify('frontdesk_viewers', kind || ':' || record_key);
END
$$;

CREATE FUNCTION frontdesk.viewer_leave(kind text, record_key text) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
BEGIN
  DELETE FROM frontdesk.record_viewers
   WHERE record_kind = kind AND record_id = record_key AND session_id = frontdesk.current_session_id();
  PERFORM pg_notify('frontdesk_viewers', kind || ':' || record_key);
END
$$;

CREATE FUNCTION frontdesk.record_viewers(kind text, record_key text)
  RETURNS TABLE (session_id bigint, display_name text, workstation text, since timestamptz,
                 holds_lock boolean, is_mine boolean)
  LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
    SELECT s.id, s.display_name, s.workstation, v.since,
           EXISTS (SELECT 1 FROM frontdesk.record_locks l
                    WHERE l.record_kind = kind AND l.record_id = record_key AND l.session_id = s.id),
           s.id = frontdesk.current_session_id()
      FROM frontdesk.record_viewers v
      JOIN frontdesk.sessions s ON s.id = v.session_id
     WHERE v.record_kind = kind AND v.record_id = record_key AND frontdesk.session_is_alive(s.id)
     ORDER BY v.since
  $$;

-- The server's rule for writes (DESIGN §4.5–8) -----------------------------------------------

-- What @mine may do with the lock on @kind @record_key to write it: 'held' (its own, in
-- time), 'take' (free, its holder dead, or expired), or 'take back' (from the session that
-- overrode it, within its own time). Everything else is refused: broken or expired for this
-- session (FD012), or held by another live session (FD011, naming holder and workstation).
-- The caller holds the record's advisory lock.
CREATE FUNCTION frontdesk.lock_verdict(kind text, record_key text, mine bigint) RETURNS text
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
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
      RAISE EXCEPTION '%', ran_out USING ERRCODE = 'FD012';
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
      USING ERRCODE = 'FD012';
  ELSIF last_loss.cause = 'expired' OR last_loss.holding_expires_at <= now() THEN
    RAISE EXCEPTION '%', ran_out USING ERRCODE = 'FD012';
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
      USING ERRCODE = 'FD011';
  END IF;
  RETURN 'take';
END
$$;

-- Refuses UPDATE or DELETE of a record the writer may not write now, whoever sends it: psql,
-- agents, the program. A take-back happens only through save_record().
CREATE FUNCTION frontdesk.refuse_write_under_foreign_lock() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
DECLARE
  mine bigint := frontdesk.current_session_id();
  key text := OLD.id::text;
  current record;
  holder record;
BEGIN
  -- No advisory lock here: a bulk UPDATE would need one per row.
  IF mine IS NOT NULL THEN
    IF frontdesk.lock_verdict(TG_TABLE_NAME, key, mine) = 'take back' THEN
      SELECT s.display_name, s.workstation INTO holder FROM frontdesk.sessions s
       WHERE s.id = (SELECT session_id FROM frontdesk.lock_state(TG_TABLE_NAME, key));
      RAISE EXCEPTION '% at % has this record open, so it cannot be changed now.',
        holder.display_name, holder.workstation USING ERRCODE = 'FD011';
    END IF;
  ELSE
    SELECT * INTO current FROM frontdesk.lock_state(TG_TABLE_NAME, key);
    IF current.session_id IS NOT NULL AND current.alive THEN
      SELECT display_name, workstation INTO holder FROM frontdesk.sessions
       WHERE id = current.session_id;
      RAISE EXCEPTION '% at % has this record open (since %), so it cannot be changed now.',
        holder.display_name, holder.workstation,
        to_char(current.acquired_at AT TIME ZONE (SELECT time_zone FROM frontdesk.practice), 'HH24:MI')
        USING ERRCODE = 'FD011';
    END IF;
  END IF;

  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER clients_lock_check BEFORE UPDATE OR DELETE ON frontdesk.clients
  FOR EACH ROW EXECUTE FUNCTION frontdesk.refuse_write_under_foreign_lock();
CREATE TRIGGER appointments_lock_check BEFORE UPDATE OR DELETE ON frontdesk.appointments
  FOR EACH ROW EXECUTE FUNCTION frontdesk.refuse_write_under_foreign_lock();

-- Before the reread: refuses a save this session may not make (no session, or a table
-- without locks: the trigger's rule alone applies).
CREATE FUNCTION frontdesk.check_lock_for_save(kind text, record_key text) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
DECLARE
  mine bigint := frontdesk.current_session_id();
BEGIN
  IF mine IS NULL OR NOT EXISTS (SELECT 1 FROM frontdesk.lockable_tables WHERE table_name = kind) THEN
    RETURN;
  END IF;
  PERFORM pg_advisory_xact_lock(hashtext('frontdesk.lock:' || kind || ':' || record_key));
  PERFORM frontdesk.lock_verdict(kind, record_key, mine);
END
$$;

-- After the comparison found no conflict, before the write: the save holds the lock from
-- now on. Taken back from a peer's override, the peer is told; a conflict takes nothing.
CREATE FUNCTION frontdesk.claim_lock_for_save(kind text, record_key text) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
DECLARE
  mine bigint := frontdesk.current_session_id();
  verdict text;
  current record;
BEGIN
  IF mine IS NULL OR NOT EXISTS (SELECT 1 FROM frontdesk.lockable_tables WHERE table_name = kind) THEN
    RETURN;
  END IF;

  verdict := frontdesk.lock_verdict(kind, record_key, mine);
  IF verdict = 'held' THEN
    RETURN;
  END IF;

  SELECT * INTO current FROM frontdesk.lock_state(kind, record_key);
  IF verdict = 'take back' THEN
    PERFORM frontdesk.record_lock_loss(kind, record_key, current.session_id, 'overridden');
  ELSIF current.session_id IS NOT NULL AND current.expired THEN
    PERFORM frontdesk.record_lock_loss(kind, record_key, current.session_id, 'expired');
  END IF;
  PERFORM frontdesk.take_lock(kind, record_key, mine);
END
$$;

-- Rereads the row FOR UPDATE, compares each changed column with the value the editor loaded,
-- and writes only those columns, in the caller's transaction and with the caller's rights.
--   changes: column, original, new value; again for each changed column
--   returns: ('saved', column, NULL, NULL, value) for every column of the saved row, or
--            ('conflict', column, original, theirs, mine) for each column changed meanwhile
-- Refusals are errors with SQLSTATE class FD.
CREATE FUNCTION frontdesk.save_record(table_name text, record_id text,
                                                 VARIADIC changes text[])
  RETURNS TABLE (outcome text, column_name text, original text, theirs text, mine text)
  LANGUAGE plpgsql
  AS $$
DECLARE
  key_column text;
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
BEGIN
  SELECT e.key_column INTO key_column FROM frontdesk.editable_tables e
   WHERE e.table_name = save_record.table_name;
  IF key_column IS NULL THEN
    RAISE EXCEPTION 'Records of “%” cannot be edited.', table_name USING ERRCODE = 'FD003';
  END IF;
  IF changes IS NULL OR cardinality(changes) = 0 OR cardinality(changes) % 3 <> 0 THEN
    RAISE EXCEPTION 'A save needs a column, its original and its new value for each change.'
      USING ERRCODE = 'FD004';
  END IF;

  FOR i IN 0 .. cardinality(changes) / 3 - 1 LOOP
    col := changes[i * 3 + 1];
    SELECT c.type_name INTO column_type FROM frontdesk.editable_columns(table_name) c
     WHERE c.column_name = col;
    IF column_type IS NULL THEN
      RAISE EXCEPTION 'The field “%” cannot be changed.', col USING ERRCODE = 'FD003';
    END IF;
    IF new_values ? col THEN
      RAISE EXCEPTION 'The field “%” is changed twice in one save.', col USING ERRCODE = 'FD004';
    END IF;
    new_value := changes[i * 3 + 3];
    BEGIN
      EXECUTE format('SELECT $1::%s', column_type) USING new_value;
    EXCEPTION WHEN data_exception THEN
      RAISE EXCEPTION '“%” is not a valid % (%).', new_value, replace(col, '_', ' '), SQLERRM
        USING ERRCODE = 'FD005';
    END;
    new_values := new_values || jsonb_build_object(col, new_value);
    column_list := column_list || CASE WHEN column_list = '' THEN '' ELSE ', ' END
                   || format('%I', col);
  END LOOP;

  -- The record lock first (take back, or refuse), then the reread under the row lock.
  PERFORM frontdesk.check_lock_for_save(table_name, record_id);

  EXECUTE format('SELECT to_jsonb(t) FROM frontdesk.%I t WHERE %I::text = $1 FOR UPDATE',
                 table_name, key_column)
     INTO current_row USING record_id;
  IF current_row IS NULL THEN
    RAISE EXCEPTION 'This record no longer exists.' USING ERRCODE = 'FD001';
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
                   'WHERE t.%3$I::text = $2 RETURNING to_jsonb(t)',
                   table_name, column_list, key_column)
       INTO saved_row USING new_values, record_id;
  EXCEPTION WHEN integrity_constraint_violation THEN
    GET STACKED DIAGNOSTICS violated = CONSTRAINT_NAME;
    RAISE EXCEPTION '%', frontdesk.explain_violation(violated, SQLERRM) USING ERRCODE = 'FD006';
  END;

  RETURN QUERY SELECT 'saved', k, NULL::text, NULL::text, v
                 FROM jsonb_each_text(saved_row) AS e (k, v);
END
$$;

-- Who may call what --------------------------------------------------------------------------

REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA frontdesk FROM PUBLIC;
GRANT EXECUTE ON FUNCTION
  frontdesk.require_session(), frontdesk.require_lockable(text), frontdesk.lock_expiry(),
  frontdesk.lock_state(text, text), frontdesk.lock_acquire(text, text),
  frontdesk.lock_override(text, text, bigint), frontdesk.lock_release(text, text),
  frontdesk.lock_release_all(), frontdesk.lock_check(text, text),
  frontdesk.my_lock_losses(bigint), frontdesk.viewer_enter(text, text),
  frontdesk.viewer_leave(text, text), frontdesk.record_viewers(text, text),
  frontdesk.check_lock_for_save(text, text),
  frontdesk.claim_lock_for_save(text, text), frontdesk.save_record(text, text, text[])
  TO frontdesk_staff;
GRANT EXECUTE ON FUNCTION frontdesk.lock_break(text, text) TO frontdesk_admin;
GRANT SELECT ON frontdesk.lockable_tables TO frontdesk_staff;
GRANT SELECT ON frontdesk.record_locks, frontdesk.lock_losses, frontdesk.record_viewers
  TO frontdesk_admin;
