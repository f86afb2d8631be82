-- 0006: signatures (issues 5 and 6, ADR 0011). One append-only table for every signed thing: a signed
-- document, a Part 2 consent, a treatment-plan version, a written revocation. A row is written once and
-- never changed or deleted (triggers below on both engines).

CREATE TABLE signatures (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organizations(id),
  owner_kind TEXT NOT NULL,        -- "document" | "consent" | "plan_version" | "revocation"
  owner_id TEXT NOT NULL,
  seq INTEGER NOT NULL,            -- order of signing within the owner, from 1
  role TEXT NOT NULL,              -- "client" | "guardian" | "counselor" | "supervisor" | "witness" | "staff"
  signer_name TEXT NOT NULL,
  staff_id TEXT REFERENCES staff(id),
  user_id TEXT,
  method TEXT NOT NULL,            -- "drawn" | "typed"
  image TEXT,                      -- drawn: {"width":..,"height":..,"strokes":[[[x,y],..],..]}
  content_sha256 TEXT NOT NULL,    -- hex SHA-256 of the rendered text that was signed
  signed_at TEXT NOT NULL,
  device TEXT,
  address TEXT,
  part2 INTEGER NOT NULL DEFAULT 1,
  UNIQUE (owner_kind, owner_id, seq)
);
CREATE INDEX signatures_by_owner ON signatures (org_id, owner_kind, owner_id, seq);

-- {{IF_SQLITE}}
CREATE TRIGGER signatures_no_update BEFORE UPDATE ON signatures
BEGIN SELECT RAISE(ABORT, 'signatures cannot be changed'); END;
CREATE TRIGGER signatures_no_delete BEFORE DELETE ON signatures
BEGIN SELECT RAISE(ABORT, 'signatures cannot be deleted'); END;
-- {{END_IF}}

-- {{IF_POSTGRES}}
CREATE TRIGGER signatures_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON signatures
FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
-- {{END_IF}}
