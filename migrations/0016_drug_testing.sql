-- 0016: drug testing (issue 9, ADR 0012 decision 9). A program's own testing policy (JSON, versioned, every
-- version kept), the secret seeds of random selection (only their SHA-256 fingerprint leaves the server),
-- each day's recorded selection with every selected client, collections, results (each analyte stored
-- with the cut-offs it was judged by), lab files imported (by SHA-256, so a file is imported once) and the
-- consequences ladder's events, which are also the review queue. Nothing is deleted; records are voided.

CREATE TABLE testing_policies (
  id TEXT PRIMARY KEY,                   -- the program id
  org_id TEXT NOT NULL REFERENCES organizations(id),
  program_id TEXT NOT NULL REFERENCES programs(id),
  policy TEXT NOT NULL,                  -- JSON (config/drug_testing.json format)
  updated_by TEXT NOT NULL,
  version BIGINT NOT NULL,
  voided INTEGER NOT NULL DEFAULT 0,
  void_reason TEXT,
  voided_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (org_id, program_id)
);

CREATE TABLE testing_policy_versions (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organizations(id),
  program_id TEXT NOT NULL REFERENCES programs(id),
  version BIGINT NOT NULL,
  policy TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (org_id, program_id, version)
);

CREATE TABLE testing_seeds (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organizations(id),
  program_id TEXT NOT NULL REFERENCES programs(id),
  secret TEXT NOT NULL,                  -- never sent out; replays a recorded selection
  fingerprint TEXT NOT NULL,             -- SHA-256 hex of the secret, recorded with each selection
  created_at TEXT NOT NULL,
  UNIQUE (org_id, program_id)
);

CREATE TABLE testing_selections (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organizations(id),
  program_id TEXT NOT NULL REFERENCES programs(id),
  selected_on TEXT NOT NULL,             -- local date
  seed_fingerprint TEXT NOT NULL,
  policy_version BIGINT NOT NULL,        -- 0 = the installation's default policy
  candidates BIGINT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (org_id, program_id, selected_on)
);

CREATE TABLE testing_selected (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organizations(id),
  selection_id TEXT NOT NULL REFERENCES testing_selections(id),
  program_id TEXT NOT NULL REFERENCES programs(id),
  client_id TEXT NOT NULL REFERENCES clients(id),
  selected_on TEXT NOT NULL,
  reason TEXT NOT NULL,                  -- "random" | "schedule" | "contract"
  probability DOUBLE PRECISION NOT NULL,
  draw DOUBLE PRECISION NOT NULL,
  observed INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL,                  -- "to_collect" | "collected" | "missed" | "refused"
  collection_id TEXT,
  part2 INTEGER NOT NULL DEFAULT 1,
  version BIGINT NOT NULL,
  voided INTEGER NOT NULL DEFAULT 0,
  void_reason TEXT,
  voided_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (selection_id, client_id)
);
CREATE INDEX testing_selected_by_day ON testing_selected (org_id, selected_on, status);
CREATE INDEX testing_selected_by_client ON testing_selected (org_id, client_id, selected_on);

CREATE TABLE testing_collections (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organizations(id),
  client_id TEXT NOT NULL REFERENCES clients(id),
  program_id TEXT REFERENCES programs(id),
  collected_at TEXT NOT NULL,            -- UTC instant
  collected_on TEXT NOT NULL,            -- the program's local date
  collector_staff_id TEXT,
  collector_user TEXT NOT NULL,
  collector_name TEXT NOT NULL,
  specimen TEXT NOT NULL,                -- "urine" | "oral_fluid"
  temperature_f DOUBLE PRECISION,
  temperature_in_range INTEGER,
  observed INTEGER NOT NULL DEFAULT 0,
  chain_of_custody_id TEXT,
  lab TEXT,
  panel_code TEXT NOT NULL,
  refused INTEGER NOT NULL DEFAULT 0,
  selected_id TEXT REFERENCES testing_selected(id),
  outcome TEXT NOT NULL,                 -- "pending" | "negative" | "positive" | "expected_positive" | "refused"
  validity TEXT NOT NULL,                -- "valid" | "dilute" | "substituted" | "adulterated" | "invalid" | "not_tested"
  part2 INTEGER NOT NULL DEFAULT 1,
  version BIGINT NOT NULL,
  voided INTEGER NOT NULL DEFAULT 0,
  void_reason TEXT,
  voided_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX testing_collections_by_client ON testing_collections (org_id, client_id, collected_at);
CREATE INDEX testing_collections_by_day ON testing_collections (org_id, collected_on);
CREATE INDEX testing_collections_by_coc ON testing_collections (org_id, chain_of_custody_id);

CREATE TABLE testing_imports (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organizations(id),
  sha256 TEXT NOT NULL,
  row_count BIGINT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (org_id, sha256)
);

CREATE TABLE testing_results (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organizations(id),
  collection_id TEXT NOT NULL REFERENCES testing_collections(id),
  client_id TEXT NOT NULL REFERENCES clients(id),
  method TEXT NOT NULL,                  -- "poc_cup" | "lab"
  presumptive_method TEXT,               -- "read_by_eye" | "instrument" | "analyzer" (billing)
  analytes TEXT NOT NULL,                -- JSON: [{code, value, unit, reading, stage, screening_cutoff, confirmation_cutoff, outcome}]
  validity TEXT NOT NULL,                -- JSON: {creatinine, specific_gravity, ph, nitrite}
  import_id TEXT REFERENCES testing_imports(id),
  entered_by TEXT NOT NULL,
  entered_by_name TEXT NOT NULL,
  part2 INTEGER NOT NULL DEFAULT 1,
  version BIGINT NOT NULL,
  voided INTEGER NOT NULL DEFAULT 0,
  void_reason TEXT,
  voided_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX testing_results_by_collection ON testing_results (org_id, collection_id, created_at);

CREATE TABLE testing_events (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organizations(id),
  client_id TEXT NOT NULL REFERENCES clients(id),
  program_id TEXT REFERENCES programs(id),
  kind TEXT NOT NULL,                    -- "positive" | "missed" | "refused"
  occurred_on TEXT NOT NULL,             -- local date
  step BIGINT NOT NULL,
  action TEXT NOT NULL,                  -- the ladder step's action ("warning", "behavioral_contract", ...)
  collection_id TEXT REFERENCES testing_collections(id),
  selected_id TEXT REFERENCES testing_selected(id),
  result_ids TEXT,                       -- comma-separated
  task_id TEXT,
  status TEXT NOT NULL,                  -- "open" | "decided" | "withdrawn"
  decision TEXT,
  reason TEXT,
  decided_by TEXT,
  decided_by_name TEXT,
  decided_at TEXT,
  part2 INTEGER NOT NULL DEFAULT 1,
  version BIGINT NOT NULL,
  voided INTEGER NOT NULL DEFAULT 0,
  void_reason TEXT,
  voided_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX testing_events_by_client ON testing_events (org_id, client_id, occurred_on);
CREATE INDEX testing_events_by_status ON testing_events (org_id, status);
