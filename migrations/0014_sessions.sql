-- 0014: session records and notes (issue 8, ADR 0012 decision 6). A group session record is keyed by the
-- calendar occurrence id ("<series id>:<YYYY-MM-DD>"): its roll call (one attendance row per client) and the
-- shared group note. Every note of a client is its own row in session_notes: the per-attendee part of a
-- group (kind "group"), individual and family sessions. A signed note's text and its SHA-256 never change
-- (triggers below); later changes are addenda, append-only.

CREATE TABLE session_settings (
  program_id TEXT PRIMARY KEY REFERENCES programs(id),
  org_id TEXT NOT NULL REFERENCES organizations(id),
  note_format TEXT NOT NULL,               -- DAP | SOAP | BIRP
  sign_deadline_hours BIGINT NOT NULL,
  late_entry_hours BIGINT NOT NULL,
  absences_for_outreach BIGINT NOT NULL,
  group_size_limit BIGINT NOT NULL,
  h0015_min_minutes_per_day BIGINT NOT NULL,
  version BIGINT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE group_sessions (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organizations(id),
  occurrence_id TEXT NOT NULL,             -- the calendar's "<series id>:<YYYY-MM-DD>"
  program_id TEXT,
  title TEXT NOT NULL,                     -- the group's title when the record was made
  session_date TEXT NOT NULL,              -- local date
  start_at TEXT NOT NULL,                  -- UTC instants of the occurrence
  end_at TEXT NOT NULL,
  length_minutes BIGINT NOT NULL,
  status TEXT NOT NULL,                    -- draft | awaiting_cosign | signed
  topic TEXT,
  curriculum_module TEXT,
  modality TEXT,
  summary TEXT,
  facilitator_staff_ids TEXT,              -- comma-separated
  author_staff_id TEXT,
  author_user_id TEXT NOT NULL,
  author_name TEXT NOT NULL,
  author_licensed INTEGER NOT NULL DEFAULT 0,
  signed_text TEXT,                        -- the shared note as signed
  signed_sha256 TEXT,
  signed_at TEXT,
  late_entry INTEGER NOT NULL DEFAULT 0,
  cosigner_staff_id TEXT,
  cosigner_name TEXT,
  cosigned_at TEXT,
  part2 INTEGER NOT NULL DEFAULT 1,
  version BIGINT NOT NULL,
  voided INTEGER NOT NULL DEFAULT 0,
  void_reason TEXT,
  voided_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (org_id, occurrence_id)
);
CREATE INDEX group_sessions_by_date ON group_sessions (org_id, session_date);

CREATE TABLE attendance (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organizations(id),
  group_session_id TEXT NOT NULL REFERENCES group_sessions(id),
  client_id TEXT NOT NULL REFERENCES clients(id),
  session_date TEXT NOT NULL,
  start_at TEXT NOT NULL,
  status TEXT NOT NULL,                    -- present | late | left_early | late_and_left_early |
                                           -- absent_excused | absent_unexcused | telehealth
  late_minutes BIGINT NOT NULL DEFAULT 0,
  left_early_minutes BIGINT NOT NULL DEFAULT 0,
  absence_reason TEXT,
  attended_minutes BIGINT NOT NULL DEFAULT 0,
  part2 INTEGER NOT NULL DEFAULT 1,
  version BIGINT NOT NULL,
  voided INTEGER NOT NULL DEFAULT 0,       -- taken off the roll call while a draft
  void_reason TEXT,
  voided_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (group_session_id, client_id)
);
CREATE INDEX attendance_by_client ON attendance (org_id, client_id, start_at);

CREATE TABLE session_notes (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organizations(id),
  client_id TEXT NOT NULL REFERENCES clients(id),
  kind TEXT NOT NULL,                      -- group | individual | family
  group_session_id TEXT REFERENCES group_sessions(id),
  appointment_id TEXT,
  session_date TEXT NOT NULL,              -- local date
  start_at TEXT NOT NULL,
  end_at TEXT NOT NULL,
  format TEXT,                             -- DAP | SOAP | BIRP (individual and family)
  content TEXT NOT NULL,                   -- JSON: the group part or the sections, modality, delivery, ...
  objective_ids TEXT,                      -- comma-separated plan objective ids
  intervention_ids TEXT,
  author_staff_id TEXT,
  author_user_id TEXT NOT NULL,
  author_name TEXT NOT NULL,
  author_licensed INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL,                    -- draft | awaiting_cosign | signed
  signed_text TEXT,
  signed_sha256 TEXT,
  signed_at TEXT,
  late_entry INTEGER NOT NULL DEFAULT 0,
  cosigner_staff_id TEXT,
  cosigner_name TEXT,
  cosigned_at TEXT,
  part2 INTEGER NOT NULL DEFAULT 1,
  version BIGINT NOT NULL,
  voided INTEGER NOT NULL DEFAULT 0,
  void_reason TEXT,
  voided_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (group_session_id, client_id)
);
CREATE INDEX session_notes_by_client ON session_notes (org_id, client_id, start_at);
CREATE INDEX session_notes_by_author ON session_notes (org_id, author_user_id, status);
CREATE INDEX session_notes_by_status ON session_notes (org_id, status, end_at);

CREATE TABLE note_addenda (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organizations(id),
  note_id TEXT NOT NULL REFERENCES session_notes(id),
  client_id TEXT NOT NULL REFERENCES clients(id),
  reason TEXT NOT NULL,
  text TEXT NOT NULL,
  text_sha256 TEXT NOT NULL,
  author_staff_id TEXT,
  author_user_id TEXT NOT NULL,
  author_name TEXT NOT NULL,
  part2 INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL
);
CREATE INDEX note_addenda_by_note ON note_addenda (org_id, note_id, created_at);

-- {{IF_SQLITE}}
CREATE TRIGGER session_notes_signed_fixed BEFORE UPDATE ON session_notes
WHEN OLD.signed_sha256 IS NOT NULL AND (NEW.signed_sha256 IS NOT OLD.signed_sha256
  OR NEW.signed_text IS NOT OLD.signed_text)
BEGIN SELECT RAISE(ABORT, 'a signed note cannot change'); END;
CREATE TRIGGER session_notes_no_delete BEFORE DELETE ON session_notes
BEGIN SELECT RAISE(ABORT, 'notes cannot be deleted'); END;
CREATE TRIGGER group_sessions_signed_fixed BEFORE UPDATE ON group_sessions
WHEN OLD.signed_sha256 IS NOT NULL AND (NEW.signed_sha256 IS NOT OLD.signed_sha256
  OR NEW.signed_text IS NOT OLD.signed_text)
BEGIN SELECT RAISE(ABORT, 'a signed group note cannot change'); END;
CREATE TRIGGER note_addenda_no_update BEFORE UPDATE ON note_addenda
BEGIN SELECT RAISE(ABORT, 'addenda cannot be changed'); END;
CREATE TRIGGER note_addenda_no_delete BEFORE DELETE ON note_addenda
BEGIN SELECT RAISE(ABORT, 'addenda cannot be deleted'); END;
-- {{END_IF}}

-- {{IF_POSTGRES}}
CREATE FUNCTION signed_note_fixed() RETURNS trigger LANGUAGE plpgsql AS $guard$
BEGIN
  IF OLD.signed_sha256 IS NOT NULL AND (NEW.signed_sha256 IS DISTINCT FROM OLD.signed_sha256
      OR NEW.signed_text IS DISTINCT FROM OLD.signed_text) THEN
    RAISE EXCEPTION 'a signed note cannot change' USING ERRCODE = 'restrict_violation';
  END IF;
  RETURN NEW;
END
$guard$;
CREATE TRIGGER session_notes_signed_fixed BEFORE UPDATE ON session_notes
FOR EACH ROW EXECUTE FUNCTION signed_note_fixed();
CREATE TRIGGER group_sessions_signed_fixed BEFORE UPDATE ON group_sessions
FOR EACH ROW EXECUTE FUNCTION signed_note_fixed();
CREATE TRIGGER session_notes_no_delete BEFORE DELETE OR TRUNCATE ON session_notes
FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER note_addenda_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON note_addenda
FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
-- {{END_IF}}
