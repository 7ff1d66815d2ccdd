-- 0010-save-locks.sql: save locks on named data contexts (a fee schedule, a family's account):
-- viewers, automatic acquire on entering, first-wins acquire, release, take, and the
-- server's refusal of any write under a context whose lock the writer does not hold.
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- A context is a name built from what is edited ("fees:12", "account:4711") and a
-- description a person can read. Its lock is one session or nobody; a dead session holds
-- nothing (its backend is gone), so a killed client frees its locks at once. Whoever may
-- save under a context is decided here, by the part of the name before the colon; the
-- others never appear as viewers and never lock. Every change of hands is a NOTIFY on
-- frontdesk_save_locks with the context's name, so every viewer rereads the state.

CREATE TABLE frontdesk.save_context_kinds (
  prefix      text    PRIMARY KEY,
  admins_only boolean NOT NULL
);
INSERT INTO frontdesk.save_context_kinds VALUES ('account', false), ('fees', true);

CREATE TABLE frontdesk.save_contexts (
  name        text        PRIMARY KEY
    CONSTRAINT save_contexts_name_length CHECK (length(name) BETWEEN 1 AND 250),
  description text        NOT NULL
    CONSTRAINT save_contexts_description_length CHECK (length(description) BETWEEN 1 AND 200),
  holder      bigint      REFERENCES frontdesk.sessions,
  held_since  timestamptz
);

CREATE TABLE frontdesk.save_context_viewers (
  name       text        NOT NULL REFERENCES frontdesk.save_contexts,
  session_id bigint      NOT NULL REFERENCES frontdesk.sessions,
  since      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (name, session_id)
);
CREATE INDEX save_context_viewers_session ON frontdesk.save_context_viewers (session_id);

-- A session that let a context go by hand: it does not take it again by itself.
CREATE TABLE frontdesk.save_context_releases (
  name       text   NOT NULL REFERENCES frontdesk.save_contexts,
  session_id bigint NOT NULL REFERENCES frontdesk.sessions,
  PRIMARY KEY (name, session_id)
);

-- Helpers --------------------------------------------------------------------------------

CREATE FUNCTION frontdesk.may_save_context(context text) RETURNS boolean
  LANGUAGE plpgsql STABLE SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
DECLARE
  admins_only boolean;
BEGIN
  SELECT k.admins_only INTO admins_only FROM frontdesk.save_context_kinds k
   WHERE k.prefix = split_part(context, ':', 1);
  IF admins_only IS NULL THEN
    RAISE EXCEPTION '“%” is not a data context Frontdesk knows.', left(context, 60)
      USING ERRCODE = 'FD014';
  END IF;
  RETURN frontdesk.is_staff() AND (NOT admins_only OR frontdesk.is_admin());
END
$$;

CREATE FUNCTION frontdesk.check_context_name(context text) RETURNS void
  LANGUAGE plpgsql IMMUTABLE
  AS $$
BEGIN
  IF context IS NULL OR length(context) = 0 OR length(context) > 250 THEN
    RAISE EXCEPTION 'A data context’s name has 1 to 250 characters; this one has %.',
      coalesce(length(context), 0) USING ERRCODE = 'FD014';
  END IF;
END
$$;

-- The live holder, or NULL when the lock is free (nobody, or a dead session).
CREATE FUNCTION frontdesk.context_holder(context text) RETURNS bigint
  LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
    SELECT c.holder FROM frontdesk.save_contexts c
     WHERE c.name = context AND c.holder IS NOT NULL AND frontdesk.session_is_alive(c.holder)
  $$;

CREATE FUNCTION frontdesk.notify_context(context text) RETURNS void
  LANGUAGE sql
  AS $$ SELECT pg_notify('frontdesk_save_locks', context) $$;

-- Takes a free lock for this session; TRUE if it is this session's afterwards. The UPDATE's
-- condition is checked again on the row it locks, so of many at once exactly one wins.
CREATE FUNCTION frontdesk.context_take_if_free(context text, mine bigint) RETURNS boolean
  LANGUAGE plpgsql
  AS $$
BEGIN
  UPDATE frontdesk.save_contexts c SET holder = mine, held_since = now()
   WHERE c.name = context
     AND (c.holder IS NULL OR c.holder = mine OR NOT frontdesk.session_is_alive(c.holder));
  IF FOUND THEN
    PERFORM frontdesk.notify_context(context);
  END IF;
  RETURN frontdesk.context_holder(context) IS NOT DISTINCT FROM mine;
END
$$;

CREATE FUNCTION frontdesk.require_may_save_context(context text) RETURNS bigint
  LANGUAGE plpgsql
  AS $$
DECLARE
  mine bigint := frontdesk.require_session();
BEGIN
  PERFORM frontdesk.check_context_name(context);
  IF NOT frontdesk.may_save_context(context) THEN
    RAISE EXCEPTION 'You may look at this but not save it; only an administrator can.'
      USING ERRCODE = 'FD015';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM frontdesk.save_contexts c WHERE c.name = context) THEN
    RAISE EXCEPTION 'Nobody has “%” open; open it first.', left(context, 60)
      USING ERRCODE = 'FD014';
  END IF;
  RETURN mine;
END
$$;

-- Entering and leaving -------------------------------------------------------------------

-- Opening a form under a context: registers this session as a viewer and takes the lock
-- if it is free and this session has not let it go by hand. Returns whether this session
-- may save; FALSE (and nothing registered) for someone without the right to save.
CREATE FUNCTION frontdesk.context_enter(context text, description text) RETURNS boolean
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
DECLARE
  mine bigint := frontdesk.require_session();
BEGIN
  PERFORM frontdesk.check_context_name(context);
  IF description IS NULL OR length(btrim(description)) = 0 OR length(description) > 200 THEN
    RAISE EXCEPTION 'A data context’s description has 1 to 200 characters; this one has %.',
      coalesce(length(description), 0) USING ERRCODE = 'FD014';
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
$$;

-- Closing the form, moving to another context, signing out: the viewer's place and the lock
-- go; the hand release is forgotten only when the session ends.
CREATE FUNCTION frontdesk.context_leave(context text) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
DECLARE
  mine bigint := frontdesk.require_session();
BEGIN
  DELETE FROM frontdesk.save_context_viewers v WHERE v.name = context AND v.session_id = mine;
  UPDATE frontdesk.save_contexts c SET holder = NULL, held_since = NULL
   WHERE c.name = context AND c.holder = mine;
  PERFORM frontdesk.notify_context(context);
END
$$;

-- Every context of this session, at sign-out.
CREATE FUNCTION frontdesk.context_leave_all() RETURNS integer
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
DECLARE
  mine bigint := frontdesk.require_session();
  context text;
  n integer := 0;
BEGIN
  FOR context IN SELECT v.name FROM frontdesk.save_context_viewers v WHERE v.session_id = mine
  LOOP
    PERFORM frontdesk.context_leave(context);
    n := n + 1;
  END LOOP;
  RETURN n;
END
$$;

-- Acquire, release, take ---------------------------------------------------------------

-- Acquire by hand: first wins. Returns whether this session holds the lock now.
CREATE FUNCTION frontdesk.context_acquire(context text) RETURNS boolean
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
DECLARE
  mine bigint := frontdesk.require_may_save_context(context);
BEGIN
  DELETE FROM frontdesk.save_context_releases r WHERE r.name = context AND r.session_id = mine;
  RETURN frontdesk.context_take_if_free(context, mine);
END
$$;

CREATE FUNCTION frontdesk.context_release(context text) RETURNS boolean
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
DECLARE
  mine bigint := frontdesk.require_may_save_context(context);
BEGIN
  INSERT INTO frontdesk.save_context_releases (name, session_id) VALUES (context, mine)
    ON CONFLICT DO NOTHING;
  UPDATE frontdesk.save_contexts c SET holder = NULL, held_since = NULL
   WHERE c.name = context AND c.holder = mine;
  IF FOUND THEN
    PERFORM frontdesk.notify_context(context);
  END IF;
  RETURN FOUND;
END
$$;

-- Take a held lock: an administrator from anyone, anyone from another session of their own.
CREATE FUNCTION frontdesk.context_take(context text) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
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
      holder.display_name, holder.workstation USING ERRCODE = 'FD016';
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
$$;

-- What the Save Lock panel shows ---------------------------------------------------------

CREATE FUNCTION frontdesk.context_status(context text)
  RETURNS TABLE (description text, holder_session bigint, holder_name text,
                 holder_workstation text, held_since timestamptz, mine boolean,
                 may_save boolean, released_by_me boolean)
  LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
    SELECT c.description, s.id, s.display_name, s.workstation,
           CASE WHEN s.id IS NOT NULL THEN c.held_since END,
           s.id IS NOT NULL AND s.id = frontdesk.current_session_id(),
           frontdesk.may_save_context(context),
           EXISTS (SELECT 1 FROM frontdesk.save_context_releases r
                    WHERE r.name = c.name AND r.session_id = frontdesk.current_session_id())
      FROM frontdesk.save_contexts c
      LEFT JOIN frontdesk.sessions s ON s.id = frontdesk.context_holder(context)
     WHERE c.name = context
  $$;

-- The live viewers who may save, holder first.
CREATE FUNCTION frontdesk.context_viewers(context text)
  RETURNS TABLE (session_id bigint, display_name text, workstation text, since timestamptz,
                 holds boolean)
  LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
    SELECT s.id, s.display_name, s.workstation, v.since,
           s.id IS NOT DISTINCT FROM frontdesk.context_holder(context)
      FROM frontdesk.save_context_viewers v
      JOIN frontdesk.sessions s ON s.id = v.session_id
     WHERE v.name = context AND frontdesk.session_is_alive(s.id)
     ORDER BY 5 DESC, v.since
  $$;

-- The server's refusal -------------------------------------------------------------------

-- A write under a context: from a session, only by the lock's holder; from outside any
-- session (psql), or by maintenance that fills the whole practice (frontdesk.maintenance set
-- for the duration of a function such as sample_data()), only while no live session holds
-- it. Setting that option by hand grants nothing a connection without a session lacks.
CREATE FUNCTION frontdesk.require_context_lock(context text) RETURNS void
  LANGUAGE plpgsql STABLE SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
DECLARE
  mine bigint := CASE WHEN current_setting('frontdesk.maintenance', true) = 'on' THEN NULL
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

CREATE FUNCTION frontdesk.fees_under_save_lock() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM frontdesk.require_context_lock('fees:' || OLD.fee_schedule_id);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM frontdesk.require_context_lock('fees:' || NEW.fee_schedule_id);
    RETURN NEW;
  END IF;
  RETURN OLD;
END
$$;

CREATE TRIGGER fees_under_save_lock BEFORE INSERT OR UPDATE OR DELETE ON frontdesk.fees
  FOR EACH ROW EXECUTE FUNCTION frontdesk.fees_under_save_lock();

-- A family's account: billing type, fee schedule and insurance category, and who pays.
CREATE FUNCTION frontdesk.account_under_save_lock() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
BEGIN
  IF (OLD.guarantor_id, OLD.billing_type_id, OLD.fee_schedule_id, OLD.insurance_category_id)
     IS DISTINCT FROM
     (NEW.guarantor_id, NEW.billing_type_id, NEW.fee_schedule_id, NEW.insurance_category_id) THEN
    PERFORM frontdesk.require_context_lock('account:' || OLD.guarantor_id);
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER clients_account_under_save_lock BEFORE UPDATE ON frontdesk.clients
  FOR EACH ROW EXECUTE FUNCTION frontdesk.account_under_save_lock();

ALTER FUNCTION frontdesk.sample_data(integer, integer) SET frontdesk.maintenance = 'on';

REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA frontdesk FROM PUBLIC;
GRANT EXECUTE ON FUNCTION
  frontdesk.context_enter(text, text), frontdesk.context_leave(text),
  frontdesk.context_leave_all(), frontdesk.context_acquire(text),
  frontdesk.context_release(text), frontdesk.context_take(text),
  frontdesk.context_status(text), frontdesk.context_viewers(text)
  TO frontdesk_staff;
