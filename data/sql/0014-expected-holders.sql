-- 0014-expected-holders.sql: a lock is taken or released from the holder the person was
-- asked about. Take and Unlock are confirmed naming a holder; should the lock change hands
-- before the answer, the server refuses rather than act on someone nobody asked about.
-- SPDX-License-Identifier: GPL-3.0-or-later

-- Refuses when @holder, who holds the lock now, is not @expected (NULL: anyone will do).
CREATE FUNCTION frontdesk.require_expected_holder(holder bigint, expected bigint) RETURNS void
  LANGUAGE plpgsql STABLE SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
DECLARE
  now_holder frontdesk.sessions;
BEGIN
  IF expected IS NULL OR holder IS NOT DISTINCT FROM expected THEN
    RETURN;
  END IF;
  IF holder IS NULL THEN
    RAISE EXCEPTION 'Nobody holds this lock any more; nothing was done.' USING ERRCODE = 'FD021';
  END IF;
  SELECT * INTO now_holder FROM frontdesk.sessions s WHERE s.id = holder;
  RAISE EXCEPTION 'The lock changed hands: % at % holds it now. Nothing was done; look again '
    'before you act.', now_holder.display_name, now_holder.workstation USING ERRCODE = 'FD021';
END
$$;

CREATE FUNCTION frontdesk.lock_break(kind text, record_key text, expected_holder bigint)
  RETURNS boolean
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
BEGIN
  PERFORM frontdesk.require_admin('break record locks');
  PERFORM frontdesk.require_lockable(kind);
  -- The same lock lock_break() takes: nobody changes hands between the check and the break.
  PERFORM pg_advisory_xact_lock(hashtext('frontdesk.lock:' || kind || ':' || record_key));
  PERFORM frontdesk.require_expected_holder(
    (SELECT l.session_id FROM frontdesk.lock_state(kind, record_key) l), expected_holder);
  RETURN frontdesk.lock_break(kind, record_key);
END
$$;

CREATE FUNCTION frontdesk.context_take(context text, expected_holder bigint) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
BEGIN
  PERFORM 1 FROM frontdesk.save_contexts c WHERE c.name = context FOR UPDATE;
  PERFORM frontdesk.require_expected_holder(frontdesk.context_holder(context), expected_holder);
  PERFORM frontdesk.context_take(context);
END
$$;

CREATE FUNCTION frontdesk.context_break(context text, expected_holder bigint) RETURNS boolean
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
BEGIN
  PERFORM frontdesk.require_admin('release save locks');
  PERFORM 1 FROM frontdesk.save_contexts c WHERE c.name = context FOR UPDATE;
  PERFORM frontdesk.require_expected_holder(frontdesk.context_holder(context), expected_holder);
  RETURN frontdesk.context_break(context);
END
$$;

REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA frontdesk FROM PUBLIC;
GRANT EXECUTE ON FUNCTION frontdesk.context_take(text, bigint) TO frontdesk_staff;
GRANT EXECUTE ON FUNCTION frontdesk.lock_break(text, text, bigint),
  frontdesk.context_break(text, bigint) TO frontdesk_admin;

-- A workstation that had to open a new session (its connection was gone too long) enters
-- its contexts again; a lock it had let go by hand stays let go, as it would have in the
-- old session: the release is remembered for the new one before it enters.
CREATE FUNCTION frontdesk.context_enter_released(context text, description text)
  RETURNS boolean
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
DECLARE
  mine bigint := frontdesk.require_session();
BEGIN
  PERFORM frontdesk.check_context_name(context);
  -- A description context_enter() refuses is refused there, in its words.
  IF frontdesk.may_save_context(context) AND length(btrim(description)) BETWEEN 1 AND 200 THEN
    INSERT INTO frontdesk.save_contexts AS c (name, description) VALUES (context, description)
      ON CONFLICT (name) DO NOTHING;
    INSERT INTO frontdesk.save_context_releases (name, session_id) VALUES (context, mine)
      ON CONFLICT DO NOTHING;
  END IF;
  RETURN frontdesk.context_enter(context, description);
END
$$;

GRANT EXECUTE ON FUNCTION frontdesk.context_enter_released(text, text) TO frontdesk_staff;
