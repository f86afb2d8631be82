-- 0012: the program calendar core (ADR 0012): rooms, closures, group series with their one-occurrence
-- changes, enrollments of clients in tracks, drop-ins and make-ups on an occurrence, programs' opening
-- hours. Occurrences are computed from series + changes, never stored. Local dates "YYYY-MM-DD" and times
-- "HH:MM" are in the organization's time zone. Nothing is deleted: rows are voided with a reason.

CREATE TABLE rooms (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organizations(id),
  site_id TEXT NOT NULL REFERENCES sites(id),
  name TEXT NOT NULL,
  capacity BIGINT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  version BIGINT NOT NULL,
  voided INTEGER NOT NULL DEFAULT 0,
  void_reason TEXT,
  voided_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX rooms_by_org ON rooms (org_id, site_id, name);

CREATE TABLE closures (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organizations(id),
  program_id TEXT REFERENCES programs(id),   -- NULL: the whole organization
  closed_on TEXT NOT NULL,
  name TEXT NOT NULL,
  version BIGINT NOT NULL,
  voided INTEGER NOT NULL DEFAULT 0,
  void_reason TEXT,
  voided_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX closures_by_date ON closures (org_id, closed_on);

CREATE TABLE group_series (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organizations(id),
  program_id TEXT NOT NULL REFERENCES programs(id),
  track_id TEXT NOT NULL REFERENCES tracks(id),
  title TEXT NOT NULL,
  group_type TEXT NOT NULL,
  topic TEXT,
  curriculum_module TEXT,
  days TEXT NOT NULL,              -- comma-separated weekday codes in week order
  start_time TEXT NOT NULL,        -- "HH:MM" local
  end_time TEXT NOT NULL,
  interval_weeks BIGINT NOT NULL,
  starts_on TEXT NOT NULL,
  ends_on TEXT,                    -- inclusive; NULL = open-ended
  room_id TEXT REFERENCES rooms(id),
  modality TEXT NOT NULL,          -- in_person | telehealth
  meeting_link TEXT,
  facilitator_staff_ids TEXT NOT NULL,   -- comma-separated staff ids
  required_credentials TEXT NOT NULL,    -- comma-separated credential type codes
  size_limit BIGINT NOT NULL,
  version BIGINT NOT NULL,
  voided INTEGER NOT NULL DEFAULT 0,
  void_reason TEXT,
  voided_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX group_series_by_track ON group_series (org_id, track_id);

-- The current state of one changed occurrence; NULL columns keep the series' value.
CREATE TABLE occurrence_changes (
  org_id TEXT NOT NULL REFERENCES organizations(id),
  series_id TEXT NOT NULL REFERENCES group_series(id),
  original_date TEXT NOT NULL,
  cancelled INTEGER NOT NULL DEFAULT 0,
  cancel_reason TEXT,
  moved_to TEXT,
  start_time TEXT,
  end_time TEXT,
  room_id TEXT,                    -- '' = no room
  facilitator_staff_ids TEXT,
  reason TEXT NOT NULL,
  version BIGINT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (series_id, original_date)
);
CREATE INDEX occurrence_changes_by_date ON occurrence_changes (org_id, original_date);
CREATE INDEX occurrence_changes_by_move ON occurrence_changes (org_id, moved_to);

CREATE TABLE enrollments (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organizations(id),
  client_id TEXT NOT NULL REFERENCES clients(id),
  track_id TEXT NOT NULL REFERENCES tracks(id),
  starts_on TEXT NOT NULL,
  planned_end_on TEXT,
  ended_on TEXT,                   -- exclusive: active while date < ended_on
  end_reason TEXT,
  version BIGINT NOT NULL,
  voided INTEGER NOT NULL DEFAULT 0,
  void_reason TEXT,
  voided_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX enrollments_by_client ON enrollments (org_id, client_id);
CREATE INDEX enrollments_by_track ON enrollments (org_id, track_id);

CREATE TABLE roster_additions (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organizations(id),
  series_id TEXT NOT NULL REFERENCES group_series(id),
  original_date TEXT NOT NULL,
  client_id TEXT NOT NULL REFERENCES clients(id),
  kind TEXT NOT NULL,              -- drop_in | make_up
  version BIGINT NOT NULL,
  voided INTEGER NOT NULL DEFAULT 0,
  void_reason TEXT,
  voided_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX roster_additions_by_occurrence ON roster_additions (org_id, series_id, original_date);

CREATE TABLE program_hours (
  program_id TEXT PRIMARY KEY REFERENCES programs(id),
  org_id TEXT NOT NULL REFERENCES organizations(id),
  open_time TEXT NOT NULL,
  close_time TEXT NOT NULL,
  version BIGINT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
