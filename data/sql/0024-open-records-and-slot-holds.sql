-- 0024: who has a record open, for the lists; and the slot a desk is booking.
--
-- A change of who holds a record lock is a signal 'record_locks' keyed by the record's
-- kind, so a list that marks the records another desk has open reads them again through
-- open_records(): one query per change, whatever the size of the list.
--
-- A slot hold is a row (operatory, from, to) → session while a new booking is open on that
-- desk. Like a record lock it is free the moment its session is no longer alive, so a desk
-- that vanishes frees it within the same seconds; each session holds one slot at most.

CREATE FUNCTION frontdesk.signal_record_locks() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.session_id = NEW.session_id AND OLD.acquired_at = NEW.acquired_at
  THEN
    RETURN NULL;  -- a renewal: the same holder since the same moment
  END IF;
  IF TG_OP = 'DELETE' THEN
    PERFORM frontdesk.emit_signal('record_locks', OLD.record_kind, frontdesk.current_session_id());
  ELSE
    PERFORM frontdesk.emit_signal('record_locks', NEW.record_kind, frontdesk.current_session_id());
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER record_locks_signal AFTER INSERT OR UPDATE OR DELETE ON frontdesk.record_locks
  FOR EACH ROW EXECUTE FUNCTION frontdesk.signal_record_locks();

-- The records of @kind that other live sessions hold, with who and since when. Locks are
-- as many as the desks, so this reads a handful of rows however many records there are.
CREATE FUNCTION frontdesk.open_records(kind text)
  RETURNS TABLE (record_id text, session_id bigint, display_name text, workstation text,
                 since timestamptz)
  LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
    SELECT l.record_id, s.id, s.display_name, s.workstation, l.acquired_at
      FROM frontdesk.record_locks l
      JOIN frontdesk.sessions s ON s.id = l.session_id
     WHERE l.record_kind = kind AND frontdesk.is_staff()
       AND l.session_id IS DISTINCT FROM frontdesk.current_session_id()
       AND NOT coalesce(l.expires_at <= now(), false)
       AND frontdesk.session_is_alive(l.session_id)
     ORDER BY l.record_id
  $$;

CREATE TABLE frontdesk.slot_holds (
  id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  session_id   bigint      NOT NULL REFERENCES frontdesk.sessions,
  operatory_id bigint      NOT NULL REFERENCES frontdesk.operatories,
  starts_at    timestamptz NOT NULL,
  ends_at      timestamptz NOT NULL,
  held_at      timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT slot_holds_ends_after_start CHECK (ends_at > starts_at)
);
CREATE INDEX slot_holds_operatory ON frontdesk.slot_holds (operatory_id, starts_at);
CREATE UNIQUE INDEX slot_holds_session ON frontdesk.slot_holds (session_id);

-- A hold that comes or goes is a signal 'slot_holds' keyed by its day, as appointments are.
CREATE FUNCTION frontdesk.signal_slot_holds() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM frontdesk.emit_signal('slot_holds', frontdesk.practice_day(OLD.starts_at)::text,
                                  frontdesk.current_session_id());
  ELSE
    PERFORM frontdesk.emit_signal('slot_holds', frontdesk.practice_day(NEW.starts_at)::text,
                                  frontdesk.current_session_id());
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER slot_holds_signal AFTER INSERT OR DELETE ON frontdesk.slot_holds
  FOR EACH ROW EXECUTE FUNCTION frontdesk.signal_slot_holds();

-- Holds @operatory from @starts to @ends for this session's new booking, in place of any
-- slot it held before. When another live session holds a slot that overlaps it, nothing
-- is held and that holder is answered (hold_id NULL), unless @anyway: the person was
-- warned and books anyway. A slot that ends before it starts is refused (FD030).
CREATE FUNCTION frontdesk.slot_hold(operatory bigint, starts timestamptz, ends timestamptz,
                                    anyway boolean)
  RETURNS TABLE (hold_id bigint, holder_session bigint, holder_name text,
                 holder_workstation text, holder_since timestamptz)
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
DECLARE
  mine bigint := frontdesk.require_session();
  other record;
  new_id bigint;
BEGIN
  IF starts IS NULL OR ends IS NULL OR ends <= starts THEN
    RAISE EXCEPTION 'A booking must end after it starts.' USING ERRCODE = 'FD030',
      DETAIL = jsonb_build_object('key', 'slot-ends-first')::text;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM frontdesk.operatories o WHERE o.id = operatory) THEN
    RAISE EXCEPTION 'That operatory no longer exists; choose another.' USING ERRCODE = 'FD030',
      DETAIL = jsonb_build_object('key', 'slot-no-operatory')::text;
  END IF;
  -- One booking at a time per operatory decides who was first.
  PERFORM pg_advisory_xact_lock(hashtext('frontdesk.slot_holds'), operatory::integer);
  DELETE FROM frontdesk.slot_holds h WHERE h.session_id = mine;
  SELECT h.session_id, s.display_name, s.workstation, h.held_at INTO other
    FROM frontdesk.slot_holds h
    JOIN frontdesk.sessions s ON s.id = h.session_id
   WHERE h.operatory_id = operatory AND h.starts_at < ends AND h.ends_at > starts
     AND frontdesk.session_is_alive(h.session_id)
   ORDER BY h.held_at
   LIMIT 1;
  IF FOUND AND NOT anyway THEN
    RETURN QUERY SELECT NULL::bigint, other.session_id, other.display_name, other.workstation,
                        other.held_at;
    RETURN;
  END IF;
  INSERT INTO frontdesk.slot_holds (session_id, operatory_id, starts_at, ends_at)
  VALUES (mine, operatory, starts, ends)
  RETURNING id INTO new_id;
  RETURN QUERY SELECT new_id, NULL::bigint, NULL::text, NULL::text, NULL::timestamptz;
END
$$;

-- Frees this session's slot: its booking was saved or cancelled.
CREATE FUNCTION frontdesk.slot_release() RETURNS boolean
  LANGUAGE sql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
    WITH gone AS (
      DELETE FROM frontdesk.slot_holds WHERE session_id = frontdesk.current_session_id()
      RETURNING 1)
    SELECT EXISTS (SELECT 1 FROM gone)
  $$;

-- The slots other live sessions hold on @day, for the book.
CREATE FUNCTION frontdesk.slot_holds_on(day date)
  RETURNS TABLE (operatory_id bigint, starts_at timestamptz, ends_at timestamptz,
                 holder_name text, holder_workstation text)
  LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
    SELECT h.operatory_id, h.starts_at, h.ends_at, s.display_name, s.workstation
      FROM frontdesk.slot_holds h
      JOIN frontdesk.sessions s ON s.id = h.session_id
     WHERE frontdesk.is_staff() AND frontdesk.practice_day(h.starts_at) = day
       AND h.session_id IS DISTINCT FROM frontdesk.current_session_id()
       AND frontdesk.session_is_alive(h.session_id)
     ORDER BY h.starts_at
  $$;

REVOKE ALL ON FUNCTION frontdesk.signal_record_locks(), frontdesk.signal_slot_holds(),
  frontdesk.open_records(text), frontdesk.slot_hold(bigint, timestamptz, timestamptz, boolean),
  frontdesk.slot_release(), frontdesk.slot_holds_on(date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION frontdesk.open_records(text),
  frontdesk.slot_hold(bigint, timestamptz, timestamptz, boolean), frontdesk.slot_release(),
  frontdesk.slot_holds_on(date) TO frontdesk_staff;
