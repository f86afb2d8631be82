-- 0007: 42 CFR Part 2 consents, court orders, disclosures (the accounting of disclosures) and the Part 2
-- provenance flag on the records the program creates (issue 5, ADR 0011).

-- A consent is drafted, activated once every §2.31 element is present and it is signed (the signature is a
-- row of `signatures` with owner_kind "consent"), and revoked by a recorded event. "expired" is computed.
CREATE TABLE consents (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organizations(id),
  client_id TEXT NOT NULL REFERENCES clients(id),
  kind TEXT NOT NULL,                  -- "tpo" | "specific"
  status TEXT NOT NULL,                -- "draft" | "active" | "revoked"
  discloser TEXT,
  categories TEXT,                     -- comma-separated information category codes
  information_description TEXT,
  recipient_kind TEXT,                 -- "person" | "organization" | "tpo_class"
  recipient_category TEXT,
  recipient_name TEXT,
  recipient_organization TEXT,
  recipient_address TEXT,
  recipient_relationship TEXT,
  purpose_code TEXT,
  purpose_text TEXT,
  revocation_statement TEXT,
  expiration_kind TEXT,                -- "date" | "event" | "none"
  expiration_date TEXT,
  expiration_event TEXT,
  tpo_redisclosure TEXT,
  tpo_refusal TEXT,
  signer_name TEXT,
  signed_on TEXT,
  activated_at TEXT,
  activated_by TEXT,
  revoked_at TEXT,
  revoked_on TEXT,
  revoked_by TEXT,
  revoked_by_name TEXT,
  revocation_method TEXT,              -- "written" | "oral"
  revocation_note TEXT,
  part2 INTEGER NOT NULL DEFAULT 1,
  version BIGINT NOT NULL,
  voided INTEGER NOT NULL DEFAULT 0,
  void_reason TEXT,
  voided_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX consents_by_client ON consents (org_id, client_id, created_at);
CREATE INDEX consents_by_expiry ON consents (org_id, status, expiration_date);

-- A court order under §§2.61-2.67; the only authority for a disclosure for legal proceedings.
CREATE TABLE court_orders (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organizations(id),
  client_id TEXT NOT NULL REFERENCES clients(id),
  court TEXT NOT NULL,
  case_number TEXT NOT NULL,
  judge TEXT,
  order_date TEXT NOT NULL,
  description TEXT NOT NULL,
  expires_on TEXT,
  recorded_by TEXT NOT NULL,
  recorded_by_name TEXT,
  part2 INTEGER NOT NULL DEFAULT 1,
  version BIGINT NOT NULL,
  voided INTEGER NOT NULL DEFAULT 0,
  void_reason TEXT,
  voided_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX court_orders_by_client ON court_orders (org_id, client_id, order_date);

-- Every disclosure made, written in the transaction that released the information: the accounting of
-- disclosures (§2.25, 45 CFR 164.528, 170.210(d)). Append-only on both engines.
CREATE TABLE disclosures (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organizations(id),
  client_id TEXT NOT NULL REFERENCES clients(id),
  consent_id TEXT REFERENCES consents(id),
  court_order_id TEXT REFERENCES court_orders(id),
  disclosed_at TEXT NOT NULL,
  recipient_name TEXT NOT NULL,
  recipient_address TEXT,
  purpose TEXT NOT NULL,
  categories TEXT NOT NULL,            -- comma-separated information category codes
  description TEXT NOT NULL,
  channel TEXT NOT NULL,               -- "pdf" | "print" | "csv" | "api" | "referral_packet"
  user_id TEXT NOT NULL,
  user_name TEXT NOT NULL,
  notice_version TEXT NOT NULL,
  part2 INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX disclosures_by_client ON disclosures (org_id, client_id, disclosed_at);
CREATE INDEX disclosures_by_consent ON disclosures (org_id, consent_id);

-- {{IF_SQLITE}}
CREATE TRIGGER disclosures_no_update BEFORE UPDATE ON disclosures
BEGIN SELECT RAISE(ABORT, 'disclosures cannot be changed'); END;
CREATE TRIGGER disclosures_no_delete BEFORE DELETE ON disclosures
BEGIN SELECT RAISE(ABORT, 'disclosures cannot be deleted'); END;
-- {{END_IF}}

-- {{IF_POSTGRES}}
CREATE TRIGGER disclosures_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON disclosures
FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
-- {{END_IF}}

-- Part 2 provenance: every record the program created so far is a Part 2 record; a record received from
-- elsewhere will say so when imports exist.
ALTER TABLE clients ADD COLUMN part2 INTEGER NOT NULL DEFAULT 1;
ALTER TABLE episodes ADD COLUMN part2 INTEGER NOT NULL DEFAULT 1;
ALTER TABLE instrument_responses ADD COLUMN part2 INTEGER NOT NULL DEFAULT 1;
ALTER TABLE assessments ADD COLUMN part2 INTEGER NOT NULL DEFAULT 1;
