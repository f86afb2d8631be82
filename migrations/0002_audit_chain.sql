-- The audit trail becomes a tamper-evident, append-only hash chain (issue 3; docs/adr/0007-audit-hash-chain.md).
--
-- Every event gets a sequence number (contiguous from 1 across the installation) and
-- hash = SHA-256(prev_hash || canonical row), hex; the first event's prev_hash is 64 zeros, or the hash
-- recorded by the latest purge checkpoint. `audit_chain` is the one-row head: appending takes its row
-- lock (UPDATE ... RETURNING) until the caller's transaction commits, so concurrent writers on
-- PostgreSQL extend one unbroken chain.
--
-- Rows written before this migration are numbered here in time order and sealed (hashed) by the first
-- audit event appended afterwards; until then the head's last_hash is NULL. Only that sealing may update
-- a row, and only its prev_hash and hash while they are NULL.

ALTER TABLE audit_events ADD COLUMN seq BIGINT;
ALTER TABLE audit_events ADD COLUMN username TEXT;
ALTER TABLE audit_events ADD COLUMN role TEXT;
ALTER TABLE audit_events ADD COLUMN data_category TEXT;
ALTER TABLE audit_events ADD COLUMN source_address TEXT;
ALTER TABLE audit_events ADD COLUMN prev_hash TEXT;
ALTER TABLE audit_events ADD COLUMN hash TEXT;

UPDATE audit_events SET seq = (
  SELECT COUNT(*) FROM audit_events b
  WHERE b.occurred_at < audit_events.occurred_at
     OR (b.occurred_at = audit_events.occurred_at AND b.id <= audit_events.id));

CREATE UNIQUE INDEX audit_events_by_seq ON audit_events (seq);
CREATE INDEX audit_events_by_client ON audit_events (org_id, client_id, occurred_at);
CREATE INDEX audit_events_by_user ON audit_events (org_id, user_id, occurred_at);

CREATE TABLE audit_chain (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  seq BIGINT NOT NULL,  -- the last event's seq (0 when there is none)
  last_hash TEXT        -- the last event's hash; NULL while rows from before this migration are unsealed
);
INSERT INTO audit_chain (id, seq, last_hash)
SELECT 1, COUNT(*),
       CASE WHEN COUNT(*) = 0 THEN '0000000000000000000000000000000000000000000000000000000000000000' END
FROM audit_events;

-- One row per purge (`stepwise audit purge`): the last purged event becomes the anchor the remaining
-- chain starts from.
CREATE TABLE audit_checkpoints (
  seq BIGINT PRIMARY KEY,        -- the last purged event's seq
  hash TEXT NOT NULL,            -- its hash: the prev_hash of event seq + 1
  occurred_at TEXT NOT NULL,     -- the last purged event's time
  events_purged BIGINT NOT NULL,
  cutoff TEXT NOT NULL,          -- events before this instant were purged
  archive_sha256 TEXT,           -- SHA-256 of the archive file written before the purge
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
);

-- {{IF_SQLITE}}
CREATE TRIGGER audit_events_insert_sealed BEFORE INSERT ON audit_events
WHEN NEW.seq IS NULL OR NEW.prev_hash IS NULL OR NEW.hash IS NULL
BEGIN SELECT RAISE(ABORT, 'audit events must be appended through the hash chain'); END;

CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
WHEN OLD.hash IS NOT NULL OR NEW.hash IS NULL OR NEW.prev_hash IS NULL
  OR NEW.seq IS NOT OLD.seq OR NEW.id IS NOT OLD.id OR NEW.org_id IS NOT OLD.org_id
  OR NEW.occurred_at IS NOT OLD.occurred_at OR NEW.user_id IS NOT OLD.user_id
  OR NEW.username IS NOT OLD.username OR NEW.role IS NOT OLD.role OR NEW.action IS NOT OLD.action
  OR NEW.resource_type IS NOT OLD.resource_type OR NEW.resource_id IS NOT OLD.resource_id
  OR NEW.client_id IS NOT OLD.client_id OR NEW.data_category IS NOT OLD.data_category
  OR NEW.source_address IS NOT OLD.source_address OR NEW.request_id IS NOT OLD.request_id
  OR NEW.outcome IS NOT OLD.outcome OR NEW.reason IS NOT OLD.reason
BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;

-- Only a purge may delete, and only events covered by a checkpoint and older than the 6-year floor.
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
WHEN OLD.hash IS NULL
  OR OLD.seq > COALESCE((SELECT MAX(seq) FROM audit_checkpoints), 0)
  OR OLD.occurred_at >= strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-6 years')
BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;

CREATE TRIGGER audit_chain_no_delete BEFORE DELETE ON audit_chain
BEGIN SELECT RAISE(ABORT, 'the audit chain head cannot be deleted'); END;

CREATE TRIGGER audit_checkpoints_no_update BEFORE UPDATE ON audit_checkpoints
BEGIN SELECT RAISE(ABORT, 'audit checkpoints are append-only'); END;

CREATE TRIGGER audit_checkpoints_no_delete BEFORE DELETE ON audit_checkpoints
BEGIN SELECT RAISE(ABORT, 'audit checkpoints are append-only'); END;
-- {{END_IF}}

-- {{IF_POSTGRES}}
CREATE FUNCTION audit_events_guard() RETURNS trigger LANGUAGE plpgsql AS $guard$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NEW.seq IS NULL OR NEW.prev_hash IS NULL OR NEW.hash IS NULL THEN
      RAISE EXCEPTION 'audit events must be appended through the hash chain' USING ERRCODE = 'restrict_violation';
    END IF;
    RETURN NEW;
  END IF;
  IF TG_OP = 'UPDATE' THEN
    IF OLD.hash IS NULL AND NEW.hash IS NOT NULL AND NEW.prev_hash IS NOT NULL
       AND (NEW.seq, NEW.id, NEW.org_id, NEW.occurred_at, NEW.user_id, NEW.username, NEW.role, NEW.action,
            NEW.resource_type, NEW.resource_id, NEW.client_id, NEW.data_category, NEW.source_address,
            NEW.request_id, NEW.outcome, NEW.reason)
           IS NOT DISTINCT FROM
           (OLD.seq, OLD.id, OLD.org_id, OLD.occurred_at, OLD.user_id, OLD.username, OLD.role, OLD.action,
            OLD.resource_type, OLD.resource_id, OLD.client_id, OLD.data_category, OLD.source_address,
            OLD.request_id, OLD.outcome, OLD.reason) THEN
      RETURN NEW;
    END IF;
  END IF;
  IF TG_OP = 'DELETE' THEN
    IF OLD.hash IS NOT NULL
       AND OLD.seq <= COALESCE((SELECT MAX(seq) FROM audit_checkpoints), 0)
       AND OLD.occurred_at < to_char((now() AT TIME ZONE 'UTC') - interval '6 years',
                                     'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') THEN
      RETURN OLD;
    END IF;
  END IF;
  RAISE EXCEPTION 'audit events are append-only' USING ERRCODE = 'restrict_violation';
END
$guard$;

CREATE TRIGGER audit_events_guard_rows BEFORE INSERT OR UPDATE OR DELETE ON audit_events
FOR EACH ROW EXECUTE FUNCTION audit_events_guard();
CREATE TRIGGER audit_events_guard_truncate BEFORE TRUNCATE ON audit_events
FOR EACH STATEMENT EXECUTE FUNCTION audit_events_guard();

CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $guard$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
END
$guard$;

CREATE TRIGGER audit_chain_no_delete BEFORE DELETE OR TRUNCATE ON audit_chain
FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_checkpoints_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_checkpoints
FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();

-- Append in one round trip (audit::Append calls this on PostgreSQL): lock the head (SELECT ... FOR UPDATE
-- returns the latest committed head after waiting), hash, insert, move the head. The serialization is the
-- one in src/platform/audit/audit_hash.h: prev_hash, then per column 0x00 for NULL or 0x01, the length as
-- 4 big-endian bytes (int4send) and the UTF-8 bytes. Returns NULL, changing nothing, while events from
-- before this migration are unsealed (the caller seals them and appends itself).
CREATE FUNCTION audit_field(v text) RETURNS bytea LANGUAGE sql IMMUTABLE AS $f$
  SELECT CASE WHEN v IS NULL THEN '\x00'::bytea
              ELSE '\x01'::bytea || int4send(octet_length(v)) || convert_to(v, 'UTF8') END
$f$;

CREATE FUNCTION audit_append(p_id text, p_org_id text, p_occurred_at text, p_user_id text, p_username text,
                             p_role text, p_action text, p_resource_type text, p_resource_id text,
                             p_client_id text, p_data_category text, p_source_address text, p_request_id text,
                             p_outcome text, p_reason text) RETURNS bigint LANGUAGE plpgsql AS $f$
DECLARE
  s bigint;
  prev text;
  h text;
BEGIN
  SELECT seq, last_hash INTO s, prev FROM audit_chain WHERE id = 1 FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'the audit chain head is missing';
  END IF;
  IF prev IS NULL THEN
    RETURN NULL;
  END IF;
  s := s + 1;
  h := encode(sha256(convert_to(prev, 'UTF8') || audit_field(s::text) || audit_field(p_id)
                     || audit_field(p_org_id) || audit_field(p_occurred_at) || audit_field(p_user_id)
                     || audit_field(p_username) || audit_field(p_role) || audit_field(p_action)
                     || audit_field(p_resource_type) || audit_field(p_resource_id) || audit_field(p_client_id)
                     || audit_field(p_data_category) || audit_field(p_source_address)
                     || audit_field(p_request_id) || audit_field(p_outcome) || audit_field(p_reason)), 'hex');
  INSERT INTO audit_events (seq, id, org_id, occurred_at, user_id, username, role, action, resource_type,
                            resource_id, client_id, data_category, source_address, request_id, outcome, reason,
                            prev_hash, hash)
  VALUES (s, p_id, p_org_id, p_occurred_at, p_user_id, p_username, p_role, p_action, p_resource_type,
          p_resource_id, p_client_id, p_data_category, p_source_address, p_request_id, p_outcome, p_reason,
          prev, h);
  UPDATE audit_chain SET seq = s, last_hash = h WHERE id = 1;
  RETURN s;
END
$f$;

-- The database owner keeps every privilege; run `serve` as a role granted only what it needs
-- (docs/operations.md, "A separate database role for serve").
REVOKE UPDATE, DELETE, TRUNCATE ON audit_events FROM PUBLIC;
REVOKE DELETE, TRUNCATE ON audit_chain FROM PUBLIC;
REVOKE UPDATE, DELETE, TRUNCATE ON audit_checkpoints FROM PUBLIC;
-- {{END_IF}}
