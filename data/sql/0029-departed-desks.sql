-- 0029-departed-desks.sql: a desk that vanishes is told to the other desks, and what it held
-- is freed; a release whose save failed is answered; a release goes to the first asker.
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- A killed client's record locks are free at once (session_is_alive(), 0003), but nothing
-- in the lock table changes, so no signal says so and the other desks' lists kept its badge
-- until the next lock change. sweep_departed() finds the sessions that hold something (a
-- record lock, a slot hold, a release request waiting) and are no longer alive, marks each
-- once (sessions.departed_at), signals 'record_locks' for the kinds it held (the lists read
-- open_records() again and drop the badge), deletes its slot holds (whose trigger signals
-- the book) and answers its waiting requests: 'gone' to those who asked it, 'void' to those
-- it asked, each told by NOTIFY. Its record lock rows stay: a desk whose connection only
-- dropped resumes its session with its locks (DESIGN §3), and session_resume() then signals
-- again so its badges come back. Desks that show another desk's badge, and desks that hold
-- or wait, call sweep_departed() every few seconds; it is one indexed read while nobody died.
--
-- A holder that chose Save and Release but whose save failed answers 'unsaved': the asker
-- hears that the holder could not save and is still editing. A release hands the lock to
-- the asker in the same transaction, so the first asker gets it, and every other request
-- for the same record is answered 'gone': their forms then learn who has it now.

ALTER TABLE frontdesk.sessions ADD COLUMN departed_at timestamptz;

ALTER TABLE frontdesk.release_requests
  DROP CONSTRAINT release_requests_answer_valid,
  ADD CONSTRAINT release_requests_answer_valid
    CHECK (answer IN ('released', 'kept', 'withdrawn', 'void', 'unsaved', 'gone'));

CREATE FUNCTION frontdesk.sweep_departed() RETURNS integer
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
DECLARE
  departed bigint;
  told bigint;
  kind text;
  swept integer := 0;
BEGIN
  PERFORM frontdesk.require_staff();
  -- SKIP LOCKED: two desks sweeping at once each take a session the other did not.
  FOR departed IN
    SELECT s.id FROM frontdesk.sessions s
     WHERE s.departed_at IS NULL
       AND s.id IN (SELECT l.session_id FROM frontdesk.record_locks l
                    UNION SELECT h.session_id FROM frontdesk.slot_holds h
                    UNION SELECT r.holder_session FROM frontdesk.release_requests r
                           WHERE r.answer IS NULL
                    UNION SELECT r.asker_session FROM frontdesk.release_requests r
                           WHERE r.answer IS NULL)
       AND NOT frontdesk.session_is_alive(s.id)
     FOR UPDATE OF s SKIP LOCKED
  LOOP
    UPDATE frontdesk.sessions SET departed_at = clock_timestamp() WHERE id = departed;
    FOR kind IN SELECT DISTINCT l.record_kind FROM frontdesk.record_locks l
                 WHERE l.session_id = departed LOOP
      PERFORM frontdesk.emit_signal('record_locks', kind, departed);
    END LOOP;
    DELETE FROM frontdesk.slot_holds h WHERE h.session_id = departed;
    FOR told IN
      UPDATE frontdesk.release_requests r
         SET answer = CASE WHEN r.holder_session = departed THEN 'gone' ELSE 'void' END,
             answered_at = clock_timestamp()
       WHERE r.answer IS NULL AND (r.holder_session = departed OR r.asker_session = departed)
      RETURNING CASE WHEN r.holder_session = departed THEN r.asker_session
                     ELSE r.holder_session END
    LOOP
      PERFORM frontdesk.notify_release_request(told);
    END LOOP;
    PERFORM frontdesk.write_audit('session departed', 'sessions', departed::text, NULL, NULL);
    swept := swept + 1;
  END LOOP;
  RETURN swept;
END
$$;

-- As in 0003; a session marked departed comes back, and so do its badges.
CREATE OR REPLACE FUNCTION frontdesk.session_resume(session_id bigint, secret text)
  RETURNS boolean
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
DECLARE
  found_id bigint;
  was_departed boolean;
  kind text;
BEGIN
  PERFORM frontdesk.require_staff();

  SELECT s.departed_at IS NOT NULL INTO was_departed FROM frontdesk.sessions s
   WHERE s.id = session_resume.session_id;
  UPDATE frontdesk.sessions s
     SET backend_pid = pg_backend_pid(), backend_start = frontdesk.my_backend_start(),
         resumed_at = now(), departed_at = NULL
   WHERE s.id = session_resume.session_id
     AND s.login = session_user
     AND s.closed_at IS NULL
     AND s.secret_hash = sha256(convert_to(secret, 'UTF8'))
     AND NOT frontdesk.session_is_alive(s.id)
  RETURNING s.id INTO found_id;

  IF found_id IS NULL THEN
    RETURN false;
  END IF;

  IF was_departed THEN
    FOR kind IN SELECT DISTINCT l.record_kind FROM frontdesk.record_locks l
                 WHERE l.session_id = found_id LOOP
      PERFORM frontdesk.emit_signal('record_locks', kind, found_id);
    END LOOP;
  END IF;
  PERFORM frontdesk.write_audit('session resume', 'sessions', found_id::text, NULL, NULL);
  RETURN true;
END
$$;

-- The request @request, locked, that session @mine may answer now. Refused (FD032) for a
-- request not sent to it or no longer waiting (as 0023 did in release_answer()).
CREATE FUNCTION frontdesk.release_request_to_answer(request bigint, mine bigint)
  RETURNS frontdesk.release_requests
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
DECLARE
  asked frontdesk.release_requests;
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
  RETURN asked;
END
$$;

-- As in 0023, but a release hands the lock to the asker at once (the first to ask gets it,
-- whoever's form asks the server first), and the other requests for the record are
-- answered 'gone'.
CREATE OR REPLACE FUNCTION frontdesk.release_answer(request bigint, release boolean) RETURNS text
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
DECLARE
  mine bigint := frontdesk.require_session();
  asked frontdesk.release_requests;
  outcome text;
  told bigint;
BEGIN
  asked := frontdesk.release_request_to_answer(request, mine);

  IF NOT frontdesk.session_is_alive(asked.asker_session) THEN
    outcome := 'void';
  ELSIF release THEN
    outcome := 'released';
    UPDATE frontdesk.record_locks
       SET session_id = asked.asker_session, acquired_at = now(),
           expires_at = frontdesk.lock_expiry()
     WHERE record_kind = asked.record_kind AND record_id = asked.record_id AND session_id = mine;
    FOR told IN
      UPDATE frontdesk.release_requests r SET answer = 'gone', answered_at = clock_timestamp()
       WHERE r.record_kind = asked.record_kind AND r.record_id = asked.record_id
         AND r.holder_session = mine AND r.answer IS NULL AND r.id <> request
      RETURNING r.asker_session
    LOOP
      PERFORM frontdesk.notify_release_request(told);
    END LOOP;
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

-- The holder chose Save and Release, but the save failed (refused, or it could not reach
-- the server): the asker hears that the holder could not save and is still editing, and
-- the lock stays. Returns 'unsaved', or 'void' when the asker is no longer connected.
-- Refused (FD032) as release_answer() is.
CREATE FUNCTION frontdesk.release_answer_unsaved(request bigint) RETURNS text
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
DECLARE
  mine bigint := frontdesk.require_session();
  asked frontdesk.release_requests;
  outcome text := 'unsaved';
BEGIN
  asked := frontdesk.release_request_to_answer(request, mine);
  IF NOT frontdesk.session_is_alive(asked.asker_session) THEN
    outcome := 'void';
  END IF;

  UPDATE frontdesk.release_requests SET answer = outcome, answered_at = clock_timestamp()
   WHERE id = request;
  PERFORM frontdesk.write_audit('release ' || outcome, asked.record_kind, asked.record_id, NULL,
                                'asked by ' || frontdesk.describe_session(asked.asker_session));
  PERFORM frontdesk.notify_release_request(asked.asker_session);
  RETURN outcome;
END
$$;

REVOKE ALL ON FUNCTION frontdesk.sweep_departed(), frontdesk.release_answer_unsaved(bigint),
  frontdesk.release_request_to_answer(bigint, bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION frontdesk.sweep_departed(), frontdesk.release_answer_unsaved(bigint)
  TO frontdesk_staff;
