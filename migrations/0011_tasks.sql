-- 0011: staff tasks (ADR 0012 decision 7). Other services create them inside their own write transaction
-- (outreach after absences, adherence, drug-test reviews, contracts, discharge reviews, referral follow-ups);
-- a task is also the notification: it shows in its assignee's "My day". Never deleted: done or cancelled.

CREATE TABLE tasks (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organizations(id),
  client_id TEXT REFERENCES clients(id),
  assignee_staff_id TEXT,            -- a staff record, or NULL for the role queue below
  assignee_role TEXT,                -- e.g. "program_director": whoever holds the role
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  detail TEXT,
  source_type TEXT,
  source_id TEXT,
  due_on TEXT,
  status TEXT NOT NULL,              -- "open" | "done" | "cancelled"
  completed_at TEXT,
  completed_by TEXT,                 -- user id
  outcome TEXT,
  part2 INTEGER NOT NULL DEFAULT 1,
  version BIGINT NOT NULL,
  voided INTEGER NOT NULL DEFAULT 0,
  void_reason TEXT,
  voided_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX tasks_by_staff ON tasks (org_id, assignee_staff_id, status);
CREATE INDEX tasks_by_role ON tasks (org_id, assignee_role, status);
CREATE INDEX tasks_by_client ON tasks (org_id, client_id, status);
CREATE INDEX tasks_by_source ON tasks (org_id, kind, source_type, source_id, status);
