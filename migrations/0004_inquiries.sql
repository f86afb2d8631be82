-- 0004: inquiries (the first phone call) and the admissions pipeline, follow-up tasks and the waitlist
-- (issue 4, ADR 0010). Codes are text ("assessment_booked", TEDS "2"); lists of codes are comma-separated.
-- Nothing is deleted: inquiries and tasks are voided with a reason.

CREATE TABLE inquiries (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organizations(id),
  received_at TEXT NOT NULL,          -- UTC
  caller_type TEXT NOT NULL,          -- "self", "family", "referrer", "other"
  caller_name TEXT,
  caller_relationship TEXT,
  caller_phone TEXT,
  may_leave_message INTEGER NOT NULL DEFAULT 0,
  given_name TEXT NOT NULL,           -- the person the call is about
  family_name TEXT,
  birth_date TEXT,
  phone TEXT,
  email TEXT,
  referral_source TEXT,               -- TEDS referral source "1".."7"
  referrer_name TEXT,
  substances TEXT,                    -- TEDS substance codes: "2,10"
  urgency TEXT NOT NULL,              -- "routine", "soon", "urgent"
  payer TEXT,
  member_id TEXT,
  preferred_schedule TEXT NOT NULL,   -- "mornings", "evenings", "either", "unknown"
  program_id TEXT REFERENCES programs(id),
  notes TEXT,
  stage TEXT NOT NULL,                -- pipeline stage
  stage_changed_at TEXT NOT NULL,
  stage_reason TEXT,                  -- why closed, or an outcome's detail
  referred_to TEXT,
  track_id TEXT REFERENCES tracks(id),  -- the track waited for
  waitlisted_at TEXT,                 -- set while waitlisted: the place in the queue
  assessment_at TEXT,                 -- the booked assessment, UTC
  assessor_id TEXT REFERENCES staff(id),
  client_id TEXT REFERENCES clients(id),   -- set once a user linked or registered the client
  episode_id TEXT REFERENCES episodes(id),
  search_text TEXT NOT NULL,          -- " dana reyes maria " : lowercase name words for LIKE '% word%'
  version BIGINT NOT NULL,
  voided INTEGER NOT NULL DEFAULT 0,
  void_reason TEXT,
  voided_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX inquiries_by_received ON inquiries (org_id, received_at, id);
CREATE INDEX inquiries_by_stage ON inquiries (org_id, stage, received_at);
CREATE INDEX inquiries_by_client ON inquiries (org_id, client_id);
CREATE INDEX inquiries_by_track ON inquiries (org_id, track_id, stage);

CREATE TABLE inquiry_tasks (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organizations(id),
  inquiry_id TEXT NOT NULL REFERENCES inquiries(id),
  title TEXT NOT NULL,
  due_on TEXT NOT NULL,               -- a date
  assigned_to TEXT REFERENCES staff(id),
  done_at TEXT,                       -- UTC; NULL while open
  done_by TEXT,                       -- user id
  version BIGINT NOT NULL,
  voided INTEGER NOT NULL DEFAULT 0,
  void_reason TEXT,
  voided_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX inquiry_tasks_by_inquiry ON inquiry_tasks (org_id, inquiry_id, due_on);
CREATE INDEX inquiry_tasks_by_due ON inquiry_tasks (org_id, done_at, due_on);
