-- 0015: a client's medications, referrals to a prescriber and adherence check-ins (issue 9, ADR 0012).
-- Medications are stopped with a reason, never deleted; every row can be voided with a reason.

CREATE TABLE medications (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organizations(id),
  client_id TEXT NOT NULL REFERENCES clients(id),
  name TEXT NOT NULL,
  rxnorm_code TEXT,
  dose TEXT NOT NULL,
  route TEXT NOT NULL,
  frequency TEXT NOT NULL,
  prescriber TEXT,
  start_on TEXT NOT NULL,
  stop_on TEXT,
  stop_reason TEXT,
  category TEXT NOT NULL,            -- addiction | psychiatric | other
  mat_kind TEXT,                     -- buprenorphine | methadone | naltrexone_oral | naltrexone_er | acamprosate | disulfiram
  source TEXT NOT NULL,              -- client_report | prescriber
  note TEXT,
  part2 INTEGER NOT NULL DEFAULT 1,
  version BIGINT NOT NULL,
  voided INTEGER NOT NULL DEFAULT 0,
  void_reason TEXT,
  voided_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX medications_by_client ON medications (org_id, client_id, start_on);

CREATE TABLE medication_referrals (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organizations(id),
  client_id TEXT NOT NULL REFERENCES clients(id),
  provider_name TEXT NOT NULL,
  provider_contact TEXT,
  reason TEXT NOT NULL,
  status TEXT NOT NULL,              -- sent | scheduled | seen | closed
  sent_on TEXT NOT NULL,
  appointment_on TEXT,
  seen_on TEXT,
  closed_on TEXT,
  outcome TEXT,
  part2 INTEGER NOT NULL DEFAULT 1,
  version BIGINT NOT NULL,
  voided INTEGER NOT NULL DEFAULT 0,
  void_reason TEXT,
  voided_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX medication_referrals_by_client ON medication_referrals (org_id, client_id, sent_on);

CREATE TABLE adherence_checkins (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organizations(id),
  client_id TEXT NOT NULL REFERENCES clients(id),
  medication_id TEXT REFERENCES medications(id),
  checked_on TEXT NOT NULL,
  taken_as_prescribed INTEGER NOT NULL,
  missed_doses INTEGER NOT NULL DEFAULT 0,
  side_effects TEXT,
  craving INTEGER NOT NULL DEFAULT 0,
  note TEXT,
  recorded_by TEXT,
  part2 INTEGER NOT NULL DEFAULT 1,
  version BIGINT NOT NULL,
  voided INTEGER NOT NULL DEFAULT 0,
  void_reason TEXT,
  voided_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX adherence_checkins_by_client ON adherence_checkins (org_id, client_id, checked_on);
