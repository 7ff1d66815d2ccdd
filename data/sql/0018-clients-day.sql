-- 0018-clients-day.sql: a new client at the front desk: the possible duplicates shown before
-- saving, and a family joined only through the one who pays for it; a family's members, and
-- another of them made its payer.
-- SPDX-License-Identifier: GPL-3.0-or-later

-- A phone number as its digits alone, so "0711 222-333" and "0711222333" are one number.
CREATE FUNCTION frontdesk.phone_digits(phone text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$
    SELECT nullif(regexp_replace(phone, '[^0-9]', '', 'g'), '')
  $$;

-- Every phone of a client, as digits: one index finds a number in any of the three columns.
CREATE INDEX clients_phone_digits ON frontdesk.clients USING gin (
  (array_remove(ARRAY[frontdesk.phone_digits(phone_home), frontdesk.phone_digits(phone_mobile),
                      frontdesk.phone_digits(phone_work)], NULL)));

-- Clients who may be the person about to be added: the same name and date of birth (read
-- through clients_name), or one of the same phone numbers (through clients_phone_digits).
-- Archived clients count too: a returning client is unarchived, not added twice.
--   reason: 'name' or 'phone'
CREATE FUNCTION frontdesk.client_duplicates(first_name text, last_name text, birth_date date,
                                            phones text[])
  RETURNS TABLE (id bigint, last_name text, first_name text, preferred_name text,
                 birth_date date, phone text, status text, reason text)
  LANGUAGE sql STABLE
  AS $$
    WITH wanted AS (
      SELECT coalesce(array_agg(DISTINCT d) FILTER (WHERE d IS NOT NULL), '{}') AS digits
        FROM unnest(phones) AS p, frontdesk.phone_digits(p) AS d
    ), found AS (
      SELECT c.id, 'name' AS reason
        FROM frontdesk.clients c
       WHERE lower(c.last_name) = lower(btrim(client_duplicates.last_name))
         AND lower(c.first_name) = lower(btrim(client_duplicates.first_name))
         AND c.birth_date = client_duplicates.birth_date
      UNION ALL
      SELECT c.id, 'phone'
        FROM frontdesk.clients c, wanted w
       WHERE cardinality(w.digits) > 0
         AND array_remove(ARRAY[frontdesk.phone_digits(c.phone_home),
                                frontdesk.phone_digits(c.phone_mobile),
                                frontdesk.phone_digits(c.phone_work)], NULL) && w.digits
    )
    SELECT c.id, c.last_name, c.first_name, c.preferred_name, c.birth_date,
           coalesce(c.phone_mobile, c.phone_home, c.phone_work), c.status, min(f.reason)
      FROM found f
      JOIN frontdesk.clients c ON c.id = f.id
     GROUP BY c.id
     ORDER BY lower(c.last_name), lower(c.first_name), c.id
     LIMIT 20
  $$;

-- A client's family: its guarantor first, then the others in name order.
CREATE FUNCTION frontdesk.client_family(client bigint)
  RETURNS TABLE (id bigint, last_name text, first_name text, preferred_name text,
                 birth_date date, phone text, status text, guarantor_id bigint)
  LANGUAGE sql STABLE
  AS $$
    SELECT m.id, m.last_name, m.first_name, m.preferred_name, m.birth_date,
           coalesce(m.phone_mobile, m.phone_home, m.phone_work), m.status, m.guarantor_id
      FROM frontdesk.clients c
      JOIN frontdesk.clients m ON m.guarantor_id = c.guarantor_id
     WHERE c.id = client_family.client
     ORDER BY m.id <> m.guarantor_id, lower(m.last_name), lower(m.first_name), m.id
  $$;

-- A new client joins a family only through the one who pays for it, as a moved one does
-- (0011): the same rule, checked on INSERT too.
CREATE TRIGGER clients_guarantor_pays_on_insert BEFORE INSERT ON frontdesk.clients
  FOR EACH ROW WHEN (NEW.guarantor_id IS NOT NULL)
  EXECUTE FUNCTION frontdesk.guarantor_pays_for_the_family();

-- Makes @new_payer the one who pays for their family: they become their own guarantor with
-- the family's account, then every other member, the old payer last, follows them. Made as
-- the caller, so the rules of a move hold for each row: the family's save lock
-- "account:<old payer>" (FD017 without it) and no member open at another desk (FD011).
--   returns: the old payer
CREATE FUNCTION frontdesk.family_make_payer(new_payer bigint) RETURNS bigint
  LANGUAGE plpgsql
  SET search_path = pg_catalog, pg_temp
  AS $$
DECLARE
  old_payer bigint;
  account record;
BEGIN
  PERFORM frontdesk.require_staff();
  SELECT c.guarantor_id INTO old_payer FROM frontdesk.clients c WHERE c.id = new_payer;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'Client No. % does not exist.', new_payer USING ERRCODE = 'FD001';
  END IF;
  IF old_payer = new_payer THEN
    RAISE EXCEPTION 'Client No. % pays for the family already.', new_payer
      USING ERRCODE = 'FD004';
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
$$;

REVOKE EXECUTE ON FUNCTION frontdesk.phone_digits(text),
  frontdesk.client_duplicates(text, text, date, text[]),
  frontdesk.client_family(bigint), frontdesk.family_make_payer(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION frontdesk.phone_digits(text),
  frontdesk.client_duplicates(text, text, date, text[]),
  frontdesk.client_family(bigint), frontdesk.family_make_payer(bigint) TO frontdesk_staff;
