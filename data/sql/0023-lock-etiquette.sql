-- 0023-lock-etiquette.sql: asking the holder of a record to release it, and renewing a lock
-- whose edit time is about to run out.
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- A release request is a row from the asker's session to the holder's, for one record. The
-- holder hears of it by NOTIFY frontdesk_requests (payload: the holder's session id) and
-- answers: released (its lock goes, the asker takes it) or kept. The asker hears the answer
-- the same way. A request lives only while both sessions do: one whose asker is dead is no
-- longer offered to the holder, and one whose holder is dead (or no longer holds the record)
-- reads as "gone" to the asker, whose form then takes the free lock: both within the same
-- seconds as the dead session's record locks, because both are read through
-- session_is_alive(). Requests, answers and renewals are in the audit log.

CREATE TABLE frontdesk.release_requests (
  id             bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  record_kind    text        NOT NULL REFERENCES frontdesk.lockable_tables,
  record_id      text        NOT NULL,
  asker_session  bigint      NOT NULL REFERENCES frontdesk.sessions,
  holder_session bigint      NOT NULL REFERENCES frontdesk.sessions,
  asked_at       timestamptz NOT NULL DEFAULT clock_timestamp(),
  answer         text
    CONSTRAINT release_requests_answer_valid
      CHECK (answer IN ('released', 'kept', 'withdrawn', 'void')),
  answered_at    timestamptz
);
CREATE INDEX release_requests_holder ON frontdesk.release_requests (holder_session)
  WHERE answer IS NULL;
CREATE INDEX release_requests_asker ON frontdesk.release_requests (asker_session, asked_at);

CREATE FUNCTION frontdesk.notify_release_request(target bigint) RETURNS void
  LANGUAGE sql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$ SELECT pg_notify('frontdesk_requests', target::text) $$;

CREATE FUNCTION frontdesk.describe_session(session bigint) RETURNS text
  LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
    SELECT format('session %s (%s at %s)', s.id, s.display_name, s.workstation)
      FROM frontdesk.sessions s WHERE s.id = session
  $$;

-- Asks @expected_holder, whom the person was warned about, to release @kind @record_key.
-- Returns the request's id (the same one again while a request of this session is waiting).
-- Refused at once when the holder is no longer connected or no longer has it (FD031), when
-- someone else has it now (FD013), or when it is this session's own (FD032).
CREATE FUNCTION frontdesk.release_request(kind text, record_key text, expected_holder bigint)
  RETURNS bigint
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
DECLARE
  mine bigint := frontdesk.require_session();
  current record;
  holder record;
  found bigint;
BEGIN
  PERFORM frontdesk.require_lockable(kind);
  SELECT display_name, workstation INTO holder FROM frontdesk.sessions
   WHERE sessions.id = expected_holder;
  IF holder.display_name IS NULL THEN
    RAISE EXCEPTION 'Nobody has this record open any more. Open it again.'
      USING ERRCODE = 'FD031',
            DETAIL = jsonb_build_object('key', 'release-nobody')::text;
  END IF;
  IF NOT frontdesk.session_is_alive(expected_holder) THEN
    RAISE EXCEPTION '% at % is no longer connected, so nobody can answer. The record is free now: open it again.',
      holder.display_name, holder.workstation USING ERRCODE = 'FD031',
            DETAIL = jsonb_build_object('key', 'release-holder-gone', 'holder', holder.display_name, 'workstation', holder.workstation)::text;
  END IF;

  SELECT * INTO current FROM frontdesk.lock_state(kind, record_key);
  IF current.session_id = mine THEN
    RAISE EXCEPTION 'You have this record open already.' USING ERRCODE = 'FD032',
            DETAIL = jsonb_build_object('key', 'release-own')::text;
  END IF;
  IF current.session_id IS NULL OR NOT current.alive THEN
    RAISE EXCEPTION '% at % no longer has this record open. Open it again.',
      holder.display_name, holder.workstation USING ERRCODE = 'FD031',
            DETAIL = jsonb_build_object('key', 'release-holder-left', 'holder', holder.display_name, 'workstation', holder.workstation)::text;
  END IF;
  IF current.session_id <> expected_holder THEN
    SELECT display_name, workstation INTO holder FROM frontdesk.sessions
     WHERE sessions.id = current.session_id;
    RAISE EXCEPTION 'The record changed hands meanwhile: % at % has it open now. Open it again to decide.',
      holder.display_name, holder.workstation USING ERRCODE = 'FD013',
            DETAIL = jsonb_build_object('key', 'record-changed-hands', 'holder', holder.display_name, 'workstation', holder.workstation)::text;
  END IF;

  SELECT r.id INTO found FROM frontdesk.release_requests r
   WHERE r.asker_session = mine AND r.holder_session = expected_holder
     AND r.record_kind = kind AND r.record_id = record_key AND r.answer IS NULL;
  IF found IS NOT NULL THEN
    RETURN found;
  END IF;

  INSERT INTO frontdesk.release_requests (record_kind, record_id, asker_session, holder_session)
  VALUES (kind, record_key, mine, expected_holder)
  RETURNING id INTO found;
  PERFORM frontdesk.write_audit('release request', kind, record_key, NULL,
                                'to ' || frontdesk.describe_session(expected_holder));
  PERFORM frontdesk.notify_release_request(expected_holder);
  RETURN found;
END
$$;

-- The holder's answer to request @request: @release true gives the lock up (the asker's form
-- takes it), false keeps it. Returns 'released', 'kept', or 'void' when the asker is no
-- longer connected (then nothing is given up). Refused (FD032) for a request not sent to
-- this session or no longer waiting.
CREATE FUNCTION frontdesk.release_answer(request bigint, release boolean) RETURNS text
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
DECLARE
  mine bigint := frontdesk.require_session();
  asked frontdesk.release_requests;
  outcome text;
BEGIN
  SELECT * INTO asked FROM frontdesk.release_requests r WHERE r.id = request FOR UPDATE;
  IF asked.id IS NULL OR asked.holder_session <> mine THEN
    RAISE EXCEPTION 'This request to release a record was not sent to you.'
      USING ERRCODE = 'FD032',
            DETAIL = jsonb_build_object('key', 'release-not-yours')::text;
  END IF;
  IF asked.answer IS NOT NULL THEN
    RAISE EXCEPTION 'This request to release a record is no longer waiting for an answer.'
      USING ERRCODE = 'FD032',
            DETAIL = jsonb_build_object('key', 'release-answered')::text;
  END IF;

  IF NOT frontdesk.session_is_alive(asked.asker_session) THEN
    outcome := 'void';
  ELSIF release THEN
    outcome := 'released';
    DELETE FROM frontdesk.record_locks
     WHERE record_kind = asked.record_kind AND record_id = asked.record_id AND session_id = mine;
  ELSE
    outcome := 'kept';
  END IF;

  UPDATE frontdesk.release_requests SET answer = outcome, answered_at = clock_timestamp()
   WHERE id = request;
  PERFORM frontdesk.write_audit('release ' || outcome, asked.record_kind, asked.record_id, NULL,
                                'asked by ' || frontdesk.describe_session(asked.asker_session));
  PERFORM frontdesk.notify_release_request(asked.asker_session);
  RETURN outcome;
END
$$;

-- The asker stops waiting (closed the form): the holder's question goes away.
CREATE FUNCTION frontdesk.release_withdraw(request bigint) RETURNS boolean
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
DECLARE
  holder bigint;
BEGIN
  UPDATE frontdesk.release_requests SET answer = 'withdrawn', answered_at = clock_timestamp()
   WHERE id = request AND asker_session = frontdesk.current_session_id() AND answer IS NULL
  RETURNING holder_session INTO holder;
  IF holder IS NULL THEN
    RETURN false;
  END IF;
  PERFORM frontdesk.notify_release_request(holder);
  RETURN true;
END
$$;

-- What this session should know: requests waiting for its answer ('incoming', answer NULL),
-- and the fate of its own requests of the last day ('asked': released, kept, or gone when
-- the holder is no longer connected or no longer holds the record).
CREATE FUNCTION frontdesk.my_release_requests()
  RETURNS TABLE (request_id bigint, role text, record_kind text, record_id text,
                 other_session bigint, other_name text, other_workstation text,
                 asked_at timestamptz, answer text)
  LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
    SELECT r.id, 'incoming', r.record_kind, r.record_id, s.id, s.display_name, s.workstation,
           r.asked_at, NULL::text
      FROM frontdesk.release_requests r
      JOIN frontdesk.sessions s ON s.id = r.asker_session
     WHERE r.holder_session = frontdesk.current_session_id() AND r.answer IS NULL
       AND frontdesk.session_is_alive(r.asker_session)
       AND EXISTS (SELECT 1 FROM frontdesk.record_locks l
                    WHERE l.record_kind = r.record_kind AND l.record_id = r.record_id
                      AND l.session_id = r.holder_session)
    UNION ALL
    SELECT * FROM (
      SELECT r.id, 'asked', r.record_kind, r.record_id, s.id, s.display_name, s.workstation,
             r.asked_at,
             coalesce(r.answer,
                      CASE WHEN NOT frontdesk.session_is_alive(r.holder_session)
                             OR NOT EXISTS (SELECT 1 FROM frontdesk.record_locks l
                                             WHERE l.record_kind = r.record_kind
                                               AND l.record_id = r.record_id
                                               AND l.session_id = r.holder_session)
                           THEN 'gone' END) AS answer
        FROM frontdesk.release_requests r
        JOIN frontdesk.sessions s ON s.id = r.holder_session
       WHERE r.asker_session = frontdesk.current_session_id()
         AND r.asked_at > now() - interval '1 day'
         AND r.answer IS DISTINCT FROM 'withdrawn') asked
     WHERE asked.answer IS NOT NULL
  $$;

-- The holder chose Keep Editing before the edit time limit ran out: the lock's time starts
-- again (recorded). Refused (FD012) when it is no longer this session's or has run out.
CREATE FUNCTION frontdesk.lock_renew(kind text, record_key text) RETURNS timestamptz
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
DECLARE
  mine bigint := frontdesk.require_session();
  current record;
  expiry timestamptz;
BEGIN
  PERFORM frontdesk.require_lockable(kind);
  SELECT * INTO current FROM frontdesk.lock_state(kind, record_key);
  IF current.session_id IS DISTINCT FROM mine OR current.expired THEN
    RAISE EXCEPTION 'Your time to edit this record has already run out, so it cannot be extended. Reload the record to edit it again.'
      USING ERRCODE = 'FD012',
            DETAIL = jsonb_build_object('key', 'lock-renew-ran-out')::text;
  END IF;
  UPDATE frontdesk.record_locks SET expires_at = frontdesk.lock_expiry()
   WHERE record_locks.record_kind = kind AND record_locks.record_id = record_key
     AND session_id = mine
  RETURNING expires_at INTO expiry;
  PERFORM frontdesk.write_audit('lock renewed', kind, record_key, NULL,
                                format('until %s', expiry));
  RETURN expiry;
END
$$;

REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA frontdesk FROM PUBLIC;
GRANT EXECUTE ON FUNCTION
  frontdesk.release_request(text, text, bigint), frontdesk.release_answer(bigint, boolean),
  frontdesk.release_withdraw(bigint), frontdesk.my_release_requests(),
  frontdesk.lock_renew(text, text)
  TO frontdesk_staff;
