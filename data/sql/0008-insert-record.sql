-- 0008-insert-record.sql: adding a row through the same checks and words as saving one.
-- SPDX-License-Identifier: GPL-3.0-or-later

-- Inserts never conflict: the row is new. Columns are checked like save_record()'s, values
-- are converted with a message that names the field, and broken rules are worded.
--   values: column, value; again for each column given
--   returns: the new row, column by column
CREATE FUNCTION frontdesk.insert_record(table_name text, VARIADIC values_given text[])
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
BEGIN
  IF NOT EXISTS (SELECT 1 FROM frontdesk.editable_tables e WHERE e.table_name = insert_record.table_name)
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
    BEGIN
      EXECUTE format('SELECT $1::%s', coalesce(column_type, 'text')) USING new_value;
    EXCEPTION WHEN data_exception THEN
      RAISE EXCEPTION '“%” is not a valid % (%).', new_value, replace(col, '_', ' '), SQLERRM
        USING ERRCODE = 'FD005';
    END;
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
    GET STACKED DIAGNOSTICS violated = CONSTRAINT_NAME;
    RAISE EXCEPTION '%', frontdesk.explain_violation(violated, SQLERRM) USING ERRCODE = 'FD006';
  END;

  RETURN QUERY SELECT k, v FROM jsonb_each_text(inserted) AS e (k, v);
END
$$;

INSERT INTO frontdesk.constraint_messages VALUES
  ('providers_abbreviation_unique', 'Another provider has that abbreviation already.'),
  ('operatories_abbreviation_unique', 'Another operatory has that abbreviation already.'),
  ('procedure_codes_code_unique', 'Another procedure has that code already.'),
  ('definitions_name_unique', 'That name is used in this list already.'),
  ('fee_schedules_name_unique', 'Another fee schedule has that name already.'),
  ('insurance_categories_name_unique', 'Another insurance category has that name already.'),
  ('providers_color_valid', 'A colour is written like #3584e4.'),
  ('providers_abbreviation_length', 'An abbreviation has 1 to 10 characters.'),
  ('operatories_abbreviation_length', 'An abbreviation has 1 to 10 characters.'),
  ('procedure_codes_minutes_valid', 'A procedure takes 5 to 480 minutes, in steps of 5.'),
  ('practice_slot_minutes_valid', 'The appointment grid is 5, 10, 15, 20, 30 or 60 minutes.');

REVOKE EXECUTE ON FUNCTION frontdesk.insert_record(text, text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION frontdesk.insert_record(text, text[]) TO frontdesk_staff;
