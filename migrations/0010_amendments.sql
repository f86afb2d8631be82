-- 0010: clients' requests to amend their record (HIPAA 164.526, ADR 0011). The record itself is never
-- changed: the decision, the appended correction or the denial and the client's disagreement live here.

CREATE TABLE amendments (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organizations(id),
  client_id TEXT NOT NULL REFERENCES clients(id),
  record_type TEXT NOT NULL,
  record_id TEXT,
  record_description TEXT NOT NULL,
  requested_change TEXT NOT NULL,
  client_reason TEXT,
  received_on TEXT NOT NULL,
  due_on TEXT NOT NULL,
  extended_to TEXT,
  extension_reason TEXT,
  status TEXT NOT NULL,              -- "pending" | "accepted" | "denied"
  decided_at TEXT,
  decided_by TEXT,                   -- user id
  decided_by_name TEXT,
  amendment_text TEXT,
  denial_reason TEXT,
  disagreement TEXT,
  part2 INTEGER NOT NULL DEFAULT 1,
  version BIGINT NOT NULL,
  voided INTEGER NOT NULL DEFAULT 0,
  void_reason TEXT,
  voided_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX amendments_by_client ON amendments (org_id, client_id, received_on);
CREATE INDEX amendments_open ON amendments (org_id, status, due_on);
