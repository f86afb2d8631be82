-- 0013: appointments, availability, optimizer proposals and calendar feeds (issue 7, ADR 0012).
-- Appointments are rows (individual and family sessions, drug-test collection slots); group occurrences
-- are computed from series (0012). Times: start_at/end_at are UTC instants; local_date and the minutes are
-- the program's local wall clock when the row was written (what the calendar shows and the rules compare).

CREATE TABLE appointments (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organizations(id),
  program_id TEXT,                      -- the client's program (or the staff member's for a drug-test slot)
  kind TEXT NOT NULL,                   -- "individual" | "family" | "drug_test_slot"
  client_id TEXT REFERENCES clients(id),-- NULL for a drug-test slot
  staff_id TEXT NOT NULL REFERENCES staff(id),
  room_id TEXT,                         -- NULL for telehealth
  modality TEXT NOT NULL,               -- "in_person" | "telehealth"
  meeting_link TEXT,
  start_at TEXT NOT NULL,
  end_at TEXT NOT NULL,
  local_date TEXT NOT NULL,
  start_minute BIGINT NOT NULL,
  end_minute BIGINT NOT NULL,
  status TEXT NOT NULL,                 -- "scheduled" | "cancelled"
  cancel_reason TEXT,
  pinned INTEGER NOT NULL DEFAULT 0,
  source TEXT NOT NULL,                 -- "manual" | "optimizer"
  proposal_id TEXT,
  plan_intervention_id TEXT,
  family_members TEXT,                  -- names, one per line
  part2 INTEGER NOT NULL DEFAULT 1,
  version BIGINT NOT NULL,
  voided INTEGER NOT NULL DEFAULT 0,
  void_reason TEXT,
  voided_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX appointments_by_time ON appointments (org_id, start_at);
CREATE INDEX appointments_by_client ON appointments (org_id, client_id, start_at);
CREATE INDEX appointments_by_staff ON appointments (org_id, staff_id, start_at);

-- A client's weekly availability and one-off absences (one record per client; windows are its rows).
CREATE TABLE client_availability (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organizations(id),
  client_id TEXT NOT NULL REFERENCES clients(id),
  part2 INTEGER NOT NULL DEFAULT 1,
  version BIGINT NOT NULL,
  voided INTEGER NOT NULL DEFAULT 0,
  void_reason TEXT,
  voided_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (org_id, client_id)
);
CREATE TABLE client_availability_windows (
  org_id TEXT NOT NULL,
  client_id TEXT NOT NULL REFERENCES clients(id),
  position BIGINT NOT NULL,
  day TEXT NOT NULL,                    -- mon..sun
  start_minute BIGINT NOT NULL,
  end_minute BIGINT NOT NULL,
  kind TEXT NOT NULL,                   -- "available" | "work" | "school" | "childcare" | "other"
  note TEXT,
  PRIMARY KEY (org_id, client_id, position)
);
CREATE TABLE client_absences (
  org_id TEXT NOT NULL,
  client_id TEXT NOT NULL REFERENCES clients(id),
  position BIGINT NOT NULL,
  from_date TEXT NOT NULL,
  to_date TEXT NOT NULL,
  reason TEXT,
  PRIMARY KEY (org_id, client_id, position)
);

-- A staff member's working hours, time off and limits (one record per staff member).
CREATE TABLE staff_availability (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organizations(id),
  staff_id TEXT NOT NULL REFERENCES staff(id),
  caseload_limit BIGINT,                -- NULL = no limit
  max_sessions_per_week BIGINT,         -- NULL = no limit
  version BIGINT NOT NULL,
  voided INTEGER NOT NULL DEFAULT 0,
  void_reason TEXT,
  voided_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (org_id, staff_id)
);
CREATE TABLE staff_working_hours (
  org_id TEXT NOT NULL,
  staff_id TEXT NOT NULL REFERENCES staff(id),
  position BIGINT NOT NULL,
  day TEXT NOT NULL,
  start_minute BIGINT NOT NULL,
  end_minute BIGINT NOT NULL,
  PRIMARY KEY (org_id, staff_id, position)
);
CREATE TABLE staff_time_off (
  org_id TEXT NOT NULL,
  staff_id TEXT NOT NULL REFERENCES staff(id),
  position BIGINT NOT NULL,
  from_date TEXT NOT NULL,
  to_date TEXT NOT NULL,
  reason TEXT,
  PRIMARY KEY (org_id, staff_id, position)
);

-- Manual session requirements (beyond those the active treatment plan implies).
CREATE TABLE session_requirements (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organizations(id),
  client_id TEXT NOT NULL REFERENCES clients(id),
  kind TEXT NOT NULL,                   -- "individual" | "family"
  minutes BIGINT NOT NULL,
  count BIGINT NOT NULL,
  per TEXT NOT NULL,                    -- "week" | "month"
  staff_id TEXT REFERENCES staff(id),
  part2 INTEGER NOT NULL DEFAULT 1,
  version BIGINT NOT NULL,
  voided INTEGER NOT NULL DEFAULT 0,
  void_reason TEXT,
  voided_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX session_requirements_by_client ON session_requirements (org_id, client_id);

-- An optimizer proposal: what it would create, what it could not place. Accepting turns items into
-- appointments (and enrollments) in one transaction.
CREATE TABLE schedule_proposals (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organizations(id),
  program_id TEXT NOT NULL REFERENCES programs(id),
  week_of TEXT NOT NULL,                -- a Monday
  weeks BIGINT NOT NULL,
  status TEXT NOT NULL,                 -- "open" | "accepted" | "partly_accepted" | "discarded"
  requested BIGINT NOT NULL,
  placed BIGINT NOT NULL,
  solve_ms BIGINT NOT NULL,
  created_by TEXT NOT NULL,
  part2 INTEGER NOT NULL DEFAULT 1,
  version BIGINT NOT NULL,
  voided INTEGER NOT NULL DEFAULT 0,
  void_reason TEXT,
  voided_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX schedule_proposals_by_program ON schedule_proposals (org_id, program_id, created_at);
CREATE TABLE schedule_proposal_items (
  org_id TEXT NOT NULL,
  proposal_id TEXT NOT NULL REFERENCES schedule_proposals(id),
  item_id TEXT NOT NULL,
  position BIGINT NOT NULL,
  action TEXT NOT NULL,                 -- "create" | "assign_track" | "unplaced"
  kind TEXT,                            -- "individual" | "family" (create); NULL otherwise
  client_id TEXT NOT NULL REFERENCES clients(id),
  staff_id TEXT,
  room_id TEXT,
  track_id TEXT,
  start_at TEXT,
  end_at TEXT,
  local_date TEXT,
  start_minute BIGINT,
  end_minute BIGINT,
  minutes BIGINT,
  plan_intervention_id TEXT,
  reason TEXT,
  accepted_at TEXT,
  result_id TEXT,                       -- the appointment or enrollment made on accept
  PRIMARY KEY (proposal_id, item_id)
);

-- iCalendar feeds behind unguessable, revocable URLs; only the token's SHA-256 is stored.
CREATE TABLE calendar_feeds (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organizations(id),
  owner_type TEXT NOT NULL,             -- "staff" | "client"
  owner_id TEXT NOT NULL,
  token_sha256 TEXT NOT NULL UNIQUE,
  created_by TEXT NOT NULL,
  revoked_at TEXT,
  revoked_by TEXT,
  version BIGINT NOT NULL,
  voided INTEGER NOT NULL DEFAULT 0,
  void_reason TEXT,
  voided_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX calendar_feeds_by_owner ON calendar_feeds (org_id, owner_type, owner_id);
