-- 0002-roles-and-domain.sql: staff roles, the practice's tables, and what staff may do to them.
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Every staff member is a login role, member of frontdesk_staff; admins are also members of
-- frontdesk_admin. Staff read the domain tables and write them only as granted below: no
-- DELETE anywhere (providers, employees, operatories, definitions and procedure codes are
-- hidden instead), and no direct write to audit, sessions, signals or note history, which
-- only SECURITY DEFINER functions and triggers write.

-- Roles are shared by every database of the cluster; another database may have made them.
DO $$
BEGIN
  BEGIN
    CREATE ROLE frontdesk_staff NOLOGIN;
  EXCEPTION WHEN duplicate_object OR unique_violation THEN
    NULL;
  END;
  BEGIN
    CREATE ROLE frontdesk_admin NOLOGIN;
  EXCEPTION WHEN duplicate_object OR unique_violation THEN
    NULL;
  END;
END
$$;
GRANT frontdesk_staff TO frontdesk_admin;

REVOKE ALL ON SCHEMA frontdesk FROM PUBLIC;
GRANT USAGE ON SCHEMA frontdesk TO frontdesk_staff;
ALTER DEFAULT PRIVILEGES IN SCHEMA frontdesk REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;

-- Helpers ------------------------------------------------------------------------------------

CREATE FUNCTION frontdesk.is_admin() RETURNS boolean
  LANGUAGE sql STABLE
  AS $$ SELECT pg_has_role(session_user, 'frontdesk_admin', 'MEMBER') $$;

CREATE FUNCTION frontdesk.require_admin(action text) RETURNS void
  LANGUAGE plpgsql STABLE
  AS $$
BEGIN
  IF NOT frontdesk.is_admin() THEN
    RAISE EXCEPTION 'Only an administrator may %.', action
      USING ERRCODE = 'insufficient_privilege';
  END IF;
END
$$;

-- Practice settings (one row, made by 0001) -------------------------------------------------

ALTER TABLE frontdesk.practice
  ADD COLUMN opens_at        time     NOT NULL DEFAULT '08:00',
  ADD COLUMN closes_at       time     NOT NULL DEFAULT '18:00',
  ADD COLUMN slot_minutes    smallint NOT NULL DEFAULT 10
    CONSTRAINT practice_slot_minutes_valid CHECK (slot_minutes IN (5, 10, 15, 20, 30, 60)),
  ADD COLUMN edit_time_limit interval
    CONSTRAINT practice_edit_time_limit_valid
      CHECK (edit_time_limit IS NULL OR edit_time_limit BETWEEN '1 minute' AND '1 day'),
  ADD CONSTRAINT practice_hours_valid CHECK (opens_at < closes_at);

-- Lookup tables ------------------------------------------------------------------------------

CREATE TABLE frontdesk.definitions (
  id         bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  category   text    NOT NULL
    CONSTRAINT definitions_category_valid
      CHECK (category IN ('confirmation_status', 'billing_type', 'appointment_type',
                          'procedure_category', 'client_status')),
  name       text    NOT NULL
    CONSTRAINT definitions_name_length CHECK (length(btrim(name)) BETWEEN 1 AND 100),
  color      text
    CONSTRAINT definitions_color_valid CHECK (color ~ '^#[0-9a-f]{6}$'),
  sort_order integer NOT NULL DEFAULT 0,
  hidden     boolean NOT NULL DEFAULT false,
  CONSTRAINT definitions_name_unique UNIQUE (category, name)
);

CREATE TABLE frontdesk.providers (
  id            bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  abbreviation  text    NOT NULL
    CONSTRAINT providers_abbreviation_length CHECK (length(btrim(abbreviation)) BETWEEN 1 AND 10),
  first_name    text    NOT NULL
    CONSTRAINT providers_first_name_length CHECK (length(btrim(first_name)) BETWEEN 1 AND 100),
  last_name     text    NOT NULL
    CONSTRAINT providers_last_name_length CHECK (length(btrim(last_name)) BETWEEN 1 AND 100),
  title         text
    CONSTRAINT providers_title_length CHECK (length(title) <= 50),
  color         text    NOT NULL DEFAULT '#3584e4'
    CONSTRAINT providers_color_valid CHECK (color ~ '^#[0-9a-f]{6}$'),
  is_hygienist  boolean NOT NULL DEFAULT false,
  sort_order    integer NOT NULL DEFAULT 0,
  hidden        boolean NOT NULL DEFAULT false,
  CONSTRAINT providers_abbreviation_unique UNIQUE (abbreviation)
);

CREATE TABLE frontdesk.employees (
  id          bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  first_name  text    NOT NULL
    CONSTRAINT employees_first_name_length CHECK (length(btrim(first_name)) BETWEEN 1 AND 100),
  last_name   text    NOT NULL
    CONSTRAINT employees_last_name_length CHECK (length(btrim(last_name)) BETWEEN 0 AND 100),
  login       name
    CONSTRAINT employees_login_unique UNIQUE,
  hidden      boolean NOT NULL DEFAULT false
);

CREATE TABLE frontdesk.operatories (
  id            bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name          text    NOT NULL
    CONSTRAINT operatories_name_length CHECK (length(btrim(name)) BETWEEN 1 AND 50),
  abbreviation  text    NOT NULL
    CONSTRAINT operatories_abbreviation_length CHECK (length(btrim(abbreviation)) BETWEEN 1 AND 10),
  sort_order    integer NOT NULL DEFAULT 0,
  hidden        boolean NOT NULL DEFAULT false,
  CONSTRAINT operatories_abbreviation_unique UNIQUE (abbreviation)
);

CREATE TABLE frontdesk.procedure_codes (
  id              bigint   GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code            text     NOT NULL
    CONSTRAINT procedure_codes_code_length CHECK (length(btrim(code)) BETWEEN 1 AND 15),
  description     text     NOT NULL
    CONSTRAINT procedure_codes_description_length
      CHECK (length(btrim(description)) BETWEEN 1 AND 200),
  abbreviation    text     NOT NULL
    CONSTRAINT procedure_codes_abbreviation_length
      CHECK (length(btrim(abbreviation)) BETWEEN 1 AND 20),
  default_minutes smallint NOT NULL DEFAULT 30
    CONSTRAINT procedure_codes_minutes_valid
      CHECK (default_minutes BETWEEN 5 AND 480 AND default_minutes % 5 = 0),
  category_id     bigint   REFERENCES frontdesk.definitions,
  hidden          boolean  NOT NULL DEFAULT false,
  CONSTRAINT procedure_codes_code_unique UNIQUE (code)
);

CREATE TABLE frontdesk.fee_schedules (
  id      bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name    text    NOT NULL
    CONSTRAINT fee_schedules_name_length CHECK (length(btrim(name)) BETWEEN 1 AND 100),
  hidden  boolean NOT NULL DEFAULT false,
  CONSTRAINT fee_schedules_name_unique UNIQUE (name)
);

CREATE TABLE frontdesk.fees (
  id                bigint        GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  fee_schedule_id   bigint        NOT NULL REFERENCES frontdesk.fee_schedules,
  procedure_code_id bigint        NOT NULL REFERENCES frontdesk.procedure_codes,
  amount            numeric(10,2) NOT NULL
    CONSTRAINT fees_amount_valid CHECK (amount >= 0),
  CONSTRAINT fees_one_per_code UNIQUE (fee_schedule_id, procedure_code_id)
);

CREATE TABLE frontdesk.insurance_categories (
  id      bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name    text    NOT NULL
    CONSTRAINT insurance_categories_name_length CHECK (length(btrim(name)) BETWEEN 1 AND 100),
  hidden  boolean NOT NULL DEFAULT false,
  CONSTRAINT insurance_categories_name_unique UNIQUE (name)
);

CREATE TABLE frontdesk.provider_schedules (
  id           bigint   GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  provider_id  bigint   NOT NULL REFERENCES frontdesk.providers,
  weekday      smallint NOT NULL
    CONSTRAINT provider_schedules_weekday_valid CHECK (weekday BETWEEN 1 AND 7),
  starts_at    time     NOT NULL,
  ends_at      time     NOT NULL,
  operatory_id bigint   REFERENCES frontdesk.operatories,
  CONSTRAINT provider_schedules_hours_valid CHECK (starts_at < ends_at)
);
CREATE INDEX provider_schedules_provider ON frontdesk.provider_schedules (provider_id, weekday);

-- Clients ------------------------------------------------------------------------------------

CREATE TABLE frontdesk.clients (
  id                    bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  first_name            text    NOT NULL
    CONSTRAINT clients_first_name_length CHECK (length(btrim(first_name)) BETWEEN 1 AND 100),
  last_name             text    NOT NULL
    CONSTRAINT clients_last_name_length CHECK (length(btrim(last_name)) BETWEEN 1 AND 100),
  preferred_name        text
    CONSTRAINT clients_preferred_name_length CHECK (length(preferred_name) <= 100),
  birth_date            date
    CONSTRAINT clients_birth_date_valid CHECK (birth_date BETWEEN '1880-01-01' AND '2200-01-01'),
  email                 text
    CONSTRAINT clients_email_valid
      CHECK (length(email) <= 254 AND email ~ '^[^@[:space:]]+@[^@[:space:]]+$'),
  phone_home            text
    CONSTRAINT clients_phone_home_valid CHECK (phone_home ~ '^\+?[0-9 ()./-]{3,30}$'),
  phone_mobile          text
    CONSTRAINT clients_phone_mobile_valid CHECK (phone_mobile ~ '^\+?[0-9 ()./-]{3,30}$'),
  phone_work            text
    CONSTRAINT clients_phone_work_valid CHECK (phone_work ~ '^\+?[0-9 ()./-]{3,30}$'),
  address_line1         text
    CONSTRAINT clients_address_line1_length CHECK (length(address_line1) <= 200),
  address_line2         text
    CONSTRAINT clients_address_line2_length CHECK (length(address_line2) <= 200),
  city                  text
    CONSTRAINT clients_city_length CHECK (length(city) <= 100),
  region                text
    CONSTRAINT clients_region_length CHECK (length(region) <= 100),
  postal_code           text
    CONSTRAINT clients_postal_code_length CHECK (length(postal_code) <= 20),
  notes                 text
    CONSTRAINT clients_notes_length CHECK (length(notes) <= 10000),
  -- The account, shared by a family: the values on the guarantor's row count.
  guarantor_id          bigint  NOT NULL REFERENCES frontdesk.clients DEFERRABLE INITIALLY DEFERRED,
  billing_type_id       bigint  REFERENCES frontdesk.definitions,
  fee_schedule_id       bigint  REFERENCES frontdesk.fee_schedules,
  insurance_category_id bigint  REFERENCES frontdesk.insurance_categories,
  status                text    NOT NULL DEFAULT 'active'
    CONSTRAINT clients_status_valid CHECK (status IN ('active', 'inactive', 'archived')),
  created_at            timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX clients_name ON frontdesk.clients (lower(last_name), lower(first_name));
CREATE INDEX clients_guarantor ON frontdesk.clients (guarantor_id);
CREATE INDEX clients_birth_date ON frontdesk.clients (birth_date);

-- A client without a guarantor is their own; dates of birth are not in the future.
CREATE FUNCTION frontdesk.clients_before_write() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  IF NEW.guarantor_id IS NULL THEN
    NEW.guarantor_id := NEW.id;
  END IF;
  IF NEW.birth_date > current_date THEN
    RAISE EXCEPTION 'The date of birth % is in the future.', NEW.birth_date
      USING ERRCODE = 'check_violation', CONSTRAINT = 'clients_birth_date_valid';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER clients_before_write BEFORE INSERT OR UPDATE ON frontdesk.clients
  FOR EACH ROW EXECUTE FUNCTION frontdesk.clients_before_write();

-- Appointments and procedures ----------------------------------------------------------------

CREATE TABLE frontdesk.appointments (
  id                  bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  client_id           bigint      NOT NULL REFERENCES frontdesk.clients,
  provider_id         bigint      NOT NULL REFERENCES frontdesk.providers,
  operatory_id        bigint      NOT NULL REFERENCES frontdesk.operatories,
  starts_at           timestamptz NOT NULL,
  length_minutes      smallint    NOT NULL DEFAULT 30
    CONSTRAINT appointments_length_valid
      CHECK (length_minutes BETWEEN 5 AND 600 AND length_minutes % 5 = 0),
  status              text        NOT NULL DEFAULT 'scheduled'
    CONSTRAINT appointments_status_valid CHECK (status IN ('scheduled', 'complete', 'broken')),
  confirmation_id     bigint      REFERENCES frontdesk.definitions,
  appointment_type_id bigint      REFERENCES frontdesk.definitions,
  note                text
    CONSTRAINT appointments_note_length CHECK (length(note) <= 2000),
  created_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX appointments_day ON frontdesk.appointments (starts_at);
CREATE INDEX appointments_operatory ON frontdesk.appointments (operatory_id, starts_at);
CREATE INDEX appointments_client ON frontdesk.appointments (client_id, starts_at);

CREATE TABLE frontdesk.procedures (
  id                bigint        GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  client_id         bigint        NOT NULL REFERENCES frontdesk.clients,
  appointment_id    bigint        REFERENCES frontdesk.appointments,
  procedure_code_id bigint        NOT NULL REFERENCES frontdesk.procedure_codes,
  provider_id       bigint        NOT NULL REFERENCES frontdesk.providers,
  performed_on      date          NOT NULL DEFAULT current_date
    CONSTRAINT procedures_date_valid CHECK (performed_on BETWEEN '1900-01-01' AND '2200-01-01'),
  status            text          NOT NULL DEFAULT 'planned'
    CONSTRAINT procedures_status_valid CHECK (status IN ('planned', 'complete')),
  fee               numeric(10,2) NOT NULL DEFAULT 0
    CONSTRAINT procedures_fee_valid CHECK (fee >= 0)
);
CREATE INDEX procedures_client ON frontdesk.procedures (client_id, performed_on);
CREATE INDEX procedures_appointment ON frontdesk.procedures (appointment_id);

-- Sessions, audit and signals: written by the functions and triggers of 0003 alone ----------

CREATE TABLE frontdesk.sessions (
  id            bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  secret_hash   bytea       NOT NULL,
  login         name        NOT NULL,
  display_name  text        NOT NULL,
  workstation   text        NOT NULL
    CONSTRAINT sessions_workstation_length CHECK (length(btrim(workstation)) BETWEEN 1 AND 100),
  backend_pid   integer     NOT NULL,
  backend_start timestamptz NOT NULL,
  opened_at     timestamptz NOT NULL DEFAULT now(),
  resumed_at    timestamptz,
  closed_at     timestamptz
);
CREATE INDEX sessions_backend ON frontdesk.sessions (backend_pid) WHERE closed_at IS NULL;

CREATE TABLE frontdesk.audit_log (
  id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at          timestamptz NOT NULL DEFAULT clock_timestamp(),
  actor       name        NOT NULL DEFAULT session_user,
  session_id  bigint      REFERENCES frontdesk.sessions,
  workstation text,
  action      text        NOT NULL,
  table_name  text,
  record_id   text,
  changes     jsonb,
  detail      text
);
CREATE INDEX audit_log_record ON frontdesk.audit_log (table_name, record_id, at);
CREATE INDEX audit_log_actor ON frontdesk.audit_log (actor, at);
CREATE INDEX audit_log_at ON frontdesk.audit_log (at);

CREATE TABLE frontdesk.signals (
  id             bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  xid            xid8        NOT NULL DEFAULT pg_current_xact_id(),
  kind           text        NOT NULL,
  key            text,
  origin_session bigint,
  created_at     timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX signals_xid ON frontdesk.signals (xid, id);
CREATE INDEX signals_created ON frontdesk.signals (created_at);

-- Procedure notes: append-only versions.
CREATE TABLE frontdesk.procedure_notes (
  id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  procedure_id bigint      NOT NULL REFERENCES frontdesk.procedures,
  version      integer     NOT NULL
    CONSTRAINT procedure_notes_version_valid CHECK (version >= 1),
  body         text        NOT NULL
    CONSTRAINT procedure_notes_body_length CHECK (length(body) BETWEEN 1 AND 20000),
  author       name        NOT NULL DEFAULT session_user,
  session_id   bigint      REFERENCES frontdesk.sessions,
  written_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
  CONSTRAINT procedure_notes_one_version UNIQUE (procedure_id, version)
);

CREATE VIEW frontdesk.procedure_notes_latest AS
  SELECT DISTINCT ON (procedure_id) procedure_id, version, body, author, written_at
    FROM frontdesk.procedure_notes
   ORDER BY procedure_id, version DESC;

-- Privileges ---------------------------------------------------------------------------------

GRANT SELECT ON frontdesk.practice, frontdesk.definitions, frontdesk.providers,
  frontdesk.employees, frontdesk.operatories, frontdesk.procedure_codes,
  frontdesk.fee_schedules, frontdesk.fees, frontdesk.insurance_categories,
  frontdesk.provider_schedules, frontdesk.clients, frontdesk.appointments,
  frontdesk.procedures, frontdesk.procedure_notes, frontdesk.procedure_notes_latest,
  frontdesk.schema_version
  TO frontdesk_staff;

-- Front-desk work: clients, appointments and procedures, never deleted.
GRANT INSERT, UPDATE ON frontdesk.clients, frontdesk.appointments, frontdesk.procedures
  TO frontdesk_staff;

-- Setup: admins add and edit (and hide) lookup rows; nobody deletes them.
GRANT INSERT, UPDATE ON frontdesk.definitions, frontdesk.providers, frontdesk.employees,
  frontdesk.operatories, frontdesk.procedure_codes, frontdesk.fee_schedules,
  frontdesk.insurance_categories, frontdesk.provider_schedules
  TO frontdesk_admin;
GRANT INSERT, UPDATE, DELETE ON frontdesk.fees TO frontdesk_admin;
GRANT UPDATE ON frontdesk.practice TO frontdesk_admin;
GRANT DELETE ON frontdesk.provider_schedules TO frontdesk_admin;

GRANT SELECT ON frontdesk.audit_log, frontdesk.sessions, frontdesk.signals TO frontdesk_admin;
