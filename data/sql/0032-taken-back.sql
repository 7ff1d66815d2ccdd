-- 0032-taken-back.sql: a lock lost to a save that took the record back is told as such.
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- When a person whose lock was overridden saves, the save takes the record back from the one
-- who opened it anyway. That loss was recorded as 'overridden', so the displaced person read
-- that the other "opened" the record; it is now 'taken back' (audited as "lock taken back"),
-- and counts as an override everywhere one did: the person who lost it may take it back in turn.

ALTER TABLE frontdesk.lock_losses DROP CONSTRAINT lock_losses_cause_valid;
ALTER TABLE frontdesk.lock_losses ADD CONSTRAINT lock_losses_cause_valid
  CHECK (cause IN ('overridden', 'taken back', 'broken', 'expired'));

-- frontdesk.claim_record_lock_for_save (0005's claim_lock_for_save, renamed by 0011) -----
CREATE OR REPLACE FUNCTION frontdesk.claim_record_lock_for_save(kind text, record_key text)
  RETURNS void
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
    PERFORM frontdesk.record_lock_loss(kind, record_key, current.session_id, 'taken back');
  ELSIF current.session_id IS NOT NULL AND current.expired THEN
    PERFORM frontdesk.record_lock_loss(kind, record_key, current.session_id, 'expired');
  END IF;
  PERFORM frontdesk.take_lock(kind, record_key, mine);
END
$$;

-- frontdesk.lock_verdict (0025's, a loss by take-back counting as one by override) --------
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
    IF last_loss.cause IN ('overridden', 'taken back')
       AND last_loss.by_session = current.session_id THEN
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
