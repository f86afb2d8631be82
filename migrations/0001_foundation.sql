-- 0001: organizations, sites, programs and tracks, staff, clients, episodes of care, audit events.
-- The same SQL runs on SQLite and PostgreSQL; {{TEXT_C}} marks text compared bytewise (prefix search).
-- Codes are stored as text ("treatment"), never as enum integers. Nothing here is ever deleted: rows
-- are voided with a reason.

CREATE TABLE organizations (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  time_zone TEXT NOT NULL,
  version BIGINT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE org_counters (
  org_id TEXT NOT NULL REFERENCES organizations(id),
  name TEXT NOT NULL,
  value BIGINT NOT NULL,
  PRIMARY KEY (org_id, name)
);

CREATE TABLE sites (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organizations(id),
  name TEXT NOT NULL,
  phone TEXT,
  address_line1 TEXT, address_line2 TEXT, address_city TEXT, address_state TEXT, address_postal_code TEXT,
  version BIGINT NOT NULL,
  voided INTEGER NOT NULL DEFAULT 0,
  void_reason TEXT,
  voided_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX sites_by_org ON sites (org_id, name);

CREATE TABLE programs (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organizations(id),
  site_id TEXT NOT NULL REFERENCES sites(id),
  name TEXT NOT NULL,
  level_of_care TEXT NOT NULL,
  version BIGINT NOT NULL,
  voided INTEGER NOT NULL DEFAULT 0,
  void_reason TEXT,
  voided_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX programs_by_org ON programs (org_id, name);

CREATE TABLE tracks (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organizations(id),
  program_id TEXT NOT NULL REFERENCES programs(id),
  name TEXT NOT NULL,
  days TEXT NOT NULL,            -- comma-separated weekday codes in week order: "mon,wed,fri"
  start_time TEXT NOT NULL,      -- "HH:MM", the organization's time zone
  end_time TEXT NOT NULL,
  capacity BIGINT NOT NULL,
  version BIGINT NOT NULL,
  voided INTEGER NOT NULL DEFAULT 0,
  void_reason TEXT,
  voided_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX tracks_by_program ON tracks (org_id, program_id);

CREATE TABLE staff (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organizations(id),
  given_name TEXT NOT NULL,
  family_name TEXT NOT NULL,
  preferred_name TEXT,
  email TEXT,
  phone TEXT,
  roles TEXT NOT NULL,           -- comma-separated role codes: "counselor,therapist"
  sort_key {{TEXT_C}} NOT NULL,
  version BIGINT NOT NULL,
  voided INTEGER NOT NULL DEFAULT 0,
  void_reason TEXT,
  voided_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX staff_by_name ON staff (org_id, sort_key, id);

CREATE TABLE staff_credentials (
  staff_id TEXT NOT NULL REFERENCES staff(id),
  org_id TEXT NOT NULL REFERENCES organizations(id),
  position BIGINT NOT NULL,
  type TEXT NOT NULL,
  license_number TEXT,
  issuing_state TEXT,
  expires_on TEXT,
  PRIMARY KEY (staff_id, position)
);

CREATE TABLE clients (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organizations(id),
  mrn TEXT NOT NULL,
  given_name TEXT NOT NULL,
  middle_name TEXT,
  family_name TEXT NOT NULL,
  preferred_name TEXT,
  pronouns TEXT,
  birth_date TEXT NOT NULL,
  sex_at_birth TEXT,
  gender_identity TEXT,
  phone TEXT,
  email TEXT,
  address_line1 TEXT, address_line2 TEXT, address_city TEXT, address_state TEXT, address_postal_code TEXT,
  emergency_name TEXT, emergency_relationship TEXT, emergency_phone TEXT,
  sort_key {{TEXT_C}} NOT NULL,  -- lowercase "family given middle", for ordering
  version BIGINT NOT NULL,
  voided INTEGER NOT NULL DEFAULT 0,
  void_reason TEXT,
  voided_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (org_id, mrn)
);
CREATE INDEX clients_by_name ON clients (org_id, sort_key, id);
CREATE INDEX clients_by_birth_date ON clients (org_id, birth_date);

CREATE TABLE client_identifiers (
  client_id TEXT NOT NULL REFERENCES clients(id),
  org_id TEXT NOT NULL REFERENCES organizations(id),
  position BIGINT NOT NULL,
  system TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (client_id, position)
);

-- One row per name word of a client, lowercase, for prefix search that uses an index on both engines.
-- `prefix` holds the first three characters of `term` and `sort_key` copies the client's, so a search
-- reads (org_id, prefix) index entries already in name order and stops after one page; the primary key
-- serves "this client's terms" (rewriting them, and checking a second search word).
CREATE TABLE client_search_terms (
  org_id TEXT NOT NULL REFERENCES organizations(id),
  client_id TEXT NOT NULL REFERENCES clients(id),
  term {{TEXT_C}} NOT NULL,
  prefix {{TEXT_C}} NOT NULL,
  sort_key {{TEXT_C}} NOT NULL,
  PRIMARY KEY (org_id, client_id, term)
);
CREATE INDEX client_search_terms_by_prefix ON client_search_terms (org_id, prefix, sort_key, client_id);

CREATE TABLE episodes (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organizations(id),
  client_id TEXT NOT NULL REFERENCES clients(id),
  program_id TEXT NOT NULL REFERENCES programs(id),
  track_id TEXT REFERENCES tracks(id),
  counselor_id TEXT REFERENCES staff(id),
  stage TEXT NOT NULL,
  level_of_care TEXT NOT NULL,
  admission_date TEXT,
  discharge_date TEXT,
  version BIGINT NOT NULL,
  voided INTEGER NOT NULL DEFAULT 0,
  void_reason TEXT,
  voided_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX episodes_by_client ON episodes (org_id, client_id, created_at, id);

-- Audit events, written in the same transaction as the change they describe. Issue 3 adds the hash
-- chain, read auditing and the append-only guards.
CREATE TABLE audit_events (
  id TEXT PRIMARY KEY,
  org_id TEXT,
  occurred_at TEXT NOT NULL,
  user_id TEXT NOT NULL,
  action TEXT NOT NULL,
  resource_type TEXT NOT NULL,
  resource_id TEXT,
  client_id TEXT,
  request_id TEXT,
  outcome TEXT NOT NULL,
  reason TEXT
);
CREATE INDEX audit_events_by_time ON audit_events (org_id, occurred_at);
