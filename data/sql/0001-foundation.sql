-- 0001-foundation.sql: the frontdesk schema, the migration record and the practice's name.
-- SPDX-License-Identifier: GPL-3.0-or-later

CREATE SCHEMA IF NOT EXISTS frontdesk;
COMMENT ON SCHEMA frontdesk IS 'Frontdesk: clients, appointments and the tables behind them';

CREATE TABLE frontdesk.schema_version (
  version    integer     PRIMARY KEY CHECK (version > 0),
  name       text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  applied_at timestamptz NOT NULL DEFAULT now(),
  applied_by name        NOT NULL DEFAULT session_user
);
COMMENT ON TABLE frontdesk.schema_version IS 'One row for each migration applied, written by Frontdesk';

-- The practice this database belongs to; the window title shows its name.
CREATE TABLE frontdesk.practice (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  name      text    NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200)
);
INSERT INTO frontdesk.practice (name) VALUES ('Frontdesk Practice');
