-- 0011-saves-under-save-locks.sql: the saves that save locks govern: a family's account
-- (kept on the guarantor's row) and a fee schedule; and what the Save Lock panel needs to
-- offer Take.
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- A family's account columns are governed by the family's save lock, not by the guarantor's
-- record lock: whoever holds "account:<guarantor>" may change them while someone else has
-- the guarantor's record open for their address, and nobody else may.

-- Whether this session holds the context's save lock now.
CREATE FUNCTION frontdesk.holds_context(context text) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
    SELECT frontdesk.current_session_id() IS NOT NULL
       AND frontdesk.context_holder(context) = frontdesk.current_session_id()
  $$;

-- An UPDATE of a guarantor's row that touches only the account and is made by the holder
-- of the family's save lock: the record lock has no say in it. (A member's row keeps its
-- record lock: the account is the guarantor's.)
CREATE FUNCTION frontdesk.is_account_save(table_name text, old_row jsonb, new_row jsonb)
  RETURNS boolean
  LANGUAGE sql STABLE
  AS $$
    SELECT table_name = 'clients'
       AND old_row ->> 'id' = old_row ->> 'guarantor_id'
       AND old_row - ARRAY['billing_type_id', 'fee_schedule_id', 'insurance_category_id']
         = new_row - ARRAY['billing_type_id', 'fee_schedule_id', 'insurance_category_id']
       AND frontdesk.holds_context('account:' || (old_row ->> 'guarantor_id'))
  $$;

-- As in 0005, with the account save let through.
CREATE OR REPLACE FUNCTION frontdesk.refuse_write_under_foreign_lock() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
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

-- save_record() asks the record lock before the reread and claims it before the write; an
-- account save (marked by account_save() for the length of its transaction) does neither.
-- The mark counts only for the holder of the family's save lock, and the trigger above still
-- judges the row's columns, so setting it by hand lets nothing else through.
CREATE FUNCTION frontdesk.is_marked_account_save(kind text, record_key text) RETURNS boolean
  LANGUAGE sql STABLE
  AS $$
    SELECT kind = 'clients'
       AND coalesce(current_setting('frontdesk.account_save', true) = record_key, false)
       AND frontdesk.holds_context('account:' || record_key)
  $$;

-- The record-lock steps stay as 0005 wrote them, under new names; save_record() calls them
-- through these, which pass an account save by.
ALTER FUNCTION frontdesk.check_lock_for_save(text, text) RENAME TO check_record_lock_for_save;
ALTER FUNCTION frontdesk.claim_lock_for_save(text, text) RENAME TO claim_record_lock_for_save;

CREATE FUNCTION frontdesk.check_lock_for_save(kind text, record_key text) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
BEGIN
  IF NOT frontdesk.is_marked_account_save(kind, record_key) THEN
    PERFORM frontdesk.check_record_lock_for_save(kind, record_key);
  END IF;
END
$$;

CREATE FUNCTION frontdesk.claim_lock_for_save(kind text, record_key text) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
BEGIN
  IF NOT frontdesk.is_marked_account_save(kind, record_key) THEN
    PERFORM frontdesk.claim_record_lock_for_save(kind, record_key);
  END IF;
END
$$;

-- A family's account: save_record() on the guarantor's row, for the account columns only,
-- by the holder of the family's save lock. Same arguments and answers as save_record().
CREATE FUNCTION frontdesk.account_save(table_name text, record_id text,
                                                  VARIADIC changes text[])
  RETURNS TABLE (outcome text, column_name text, original text, theirs text, mine text)
  LANGUAGE plpgsql
  AS $$
BEGIN
  IF table_name IS DISTINCT FROM 'clients' THEN
    RAISE EXCEPTION 'Only a client’s account is saved this way.' USING ERRCODE = 'FD003';
  END IF;
  FOR i IN 0 .. coalesce(cardinality(changes), 0) / 3 - 1 LOOP
    IF changes[i * 3 + 1] NOT IN ('billing_type_id', 'fee_schedule_id', 'insurance_category_id') THEN
      RAISE EXCEPTION 'The field “%” is not part of the account.', changes[i * 3 + 1]
        USING ERRCODE = 'FD003';
    END IF;
  END LOOP;
  IF NOT EXISTS (SELECT 1 FROM frontdesk.clients c
                  WHERE c.id::text = record_id AND c.guarantor_id = c.id) THEN
    RAISE EXCEPTION 'Client No. % does not pay for a family; the account is kept on the guarantor.',
      record_id USING ERRCODE = 'FD003';
  END IF;

  PERFORM frontdesk.require_context_lock('account:' || record_id);
  PERFORM set_config('frontdesk.account_save', record_id, true);
  RETURN QUERY SELECT * FROM frontdesk.save_record(table_name, record_id, VARIADIC changes);
  PERFORM set_config('frontdesk.account_save', '', true);
END
$$;

-- A family has one payer: a client's guarantor pays for themselves, and someone who pays
-- for others keeps paying for themselves until the others have another guarantor. Checked
-- when a client moves to another family; the account columns stay the guarantor's.
CREATE FUNCTION frontdesk.guarantor_pays_for_the_family() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
BEGIN
  IF NEW.guarantor_id <> NEW.id AND NOT EXISTS (
       SELECT 1 FROM frontdesk.clients g WHERE g.id = NEW.guarantor_id AND g.guarantor_id = g.id) THEN
    RAISE EXCEPTION 'Client No. % does not pay for a family; the guarantor is the one who pays '
      '(their own guarantor).', NEW.guarantor_id
      USING ERRCODE = 'check_violation', CONSTRAINT = 'clients_guarantor_pays';
  END IF;
  IF NEW.guarantor_id <> NEW.id AND EXISTS (
       SELECT 1 FROM frontdesk.clients c WHERE c.guarantor_id = OLD.id AND c.id <> OLD.id) THEN
    RAISE EXCEPTION 'Client No. % pays for others in the family; give them another guarantor '
      'first.', OLD.id USING ERRCODE = 'check_violation', CONSTRAINT = 'clients_guarantor_pays';
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER clients_guarantor_pays BEFORE UPDATE OF guarantor_id ON frontdesk.clients
  FOR EACH ROW WHEN (OLD.guarantor_id IS DISTINCT FROM NEW.guarantor_id)
  EXECUTE FUNCTION frontdesk.guarantor_pays_for_the_family();

-- A fee schedule's fees, written together by the holder of its save lock: an amount sets
-- the code's fee, an empty one removes it. originals: each fee as the form showed it ("" for
-- none); a fee stored differently since is not overwritten, the whole save is refused
-- naming it. Returns how many fees changed.
CREATE FUNCTION frontdesk.fees_save(schedule bigint, codes bigint[], originals text[],
                                    amounts text[])
  RETURNS integer
  LANGUAGE plpgsql
  AS $$
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
      USING ERRCODE = 'FD004';
  END IF;
  PERFORM frontdesk.require_context_lock('fees:' || schedule);

  FOR i IN 1 .. coalesce(cardinality(codes), 0) LOOP
    SELECT p.code INTO code_name FROM frontdesk.procedure_codes p WHERE p.id = codes[i];
    IF code_name IS NULL THEN
      RAISE EXCEPTION 'There is no procedure code No. %.', codes[i] USING ERRCODE = 'FD004';
    END IF;
    SELECT f.amount INTO stored FROM frontdesk.fees f
     WHERE f.fee_schedule_id = schedule AND f.procedure_code_id = codes[i] FOR UPDATE;
    IF stored IS DISTINCT FROM nullif(btrim(originals[i]), '')::numeric THEN
      RAISE EXCEPTION 'The fee for % was changed to % meanwhile; nothing was saved. Check it '
        'and save again.', code_name, coalesce(stored::text, 'none') USING ERRCODE = 'FD018';
    END IF;
    IF nullif(btrim(amounts[i]), '') IS NULL THEN
      DELETE FROM frontdesk.fees f WHERE f.fee_schedule_id = schedule AND f.procedure_code_id = codes[i];
    ELSE
      BEGIN
        amount := btrim(amounts[i])::numeric;
      EXCEPTION WHEN data_exception THEN
        RAISE EXCEPTION 'The fee for % is not an amount: “%”.', code_name, amounts[i]
          USING ERRCODE = 'FD005';
      END;
      IF amount < 0 OR amount >= 100000000 OR amount <> round(amount, 2) THEN
        RAISE EXCEPTION 'The fee for % must be between 0 and 99999999.99, in cents at most: “%”.',
          code_name, amounts[i] USING ERRCODE = 'FD005';
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
$$;

-- The Save Lock panel's status, with whether this session may take the lock from its
-- holder (an administrator from anyone, a person from another session of their own).
DROP FUNCTION frontdesk.context_status(text);
CREATE FUNCTION frontdesk.context_status(context text)
  RETURNS TABLE (description text, holder_session bigint, holder_name text,
                 holder_workstation text, held_since timestamptz, mine boolean,
                 may_save boolean, released_by_me boolean, may_take boolean)
  LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
    SELECT c.description, s.id, s.display_name, s.workstation,
           CASE WHEN s.id IS NOT NULL THEN c.held_since END,
           s.id IS NOT NULL AND s.id = frontdesk.current_session_id(),
           frontdesk.may_save_context(context),
           EXISTS (SELECT 1 FROM frontdesk.save_context_releases r
                    WHERE r.name = c.name AND r.session_id = frontdesk.current_session_id()),
           s.id IS NOT NULL AND s.id IS DISTINCT FROM frontdesk.current_session_id()
             AND frontdesk.may_save_context(context)
             AND (frontdesk.is_admin() OR s.login = session_user)
      FROM frontdesk.save_contexts c
      LEFT JOIN frontdesk.sessions s ON s.id = frontdesk.context_holder(context)
     WHERE c.name = context
  $$;

REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA frontdesk FROM PUBLIC;
GRANT EXECUTE ON FUNCTION
  frontdesk.context_status(text), frontdesk.account_save(text, text, text[]),
  frontdesk.require_context_lock(text), frontdesk.check_lock_for_save(text, text),
  frontdesk.claim_lock_for_save(text, text)
  TO frontdesk_staff;
GRANT EXECUTE ON FUNCTION frontdesk.fees_save(bigint, bigint[], text[], text[]) TO frontdesk_admin;
