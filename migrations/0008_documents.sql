-- 0008: document templates with their versions, signed documents, and the orientation checklist with its
-- item completions (issue 5, ADR 0011). A signed document keeps the exact text it was signed on and its
-- SHA-256; it is written once and never changed or deleted (triggers below on both engines). Its signatures
-- are rows of `signatures` (0006) with owner_kind "document".

-- One template series per kind (or several of kind "other"); `current_version_no` names the version used
-- for new documents. Every edit adds a row to document_template_versions; earlier versions stay.
CREATE TABLE document_templates (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organizations(id),
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  current_version_no BIGINT NOT NULL,
  requires_witness INTEGER NOT NULL DEFAULT 0,
  active INTEGER NOT NULL DEFAULT 1,
  version BIGINT NOT NULL,
  voided INTEGER NOT NULL DEFAULT 0,
  void_reason TEXT,
  voided_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX document_templates_by_kind ON document_templates (org_id, kind, id);

CREATE TABLE document_template_versions (
  template_id TEXT NOT NULL REFERENCES document_templates(id),
  org_id TEXT NOT NULL REFERENCES organizations(id),
  version_no BIGINT NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  requires_witness INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,        -- user id ("system:…" for the defaults)
  PRIMARY KEY (template_id, version_no)
);

CREATE TABLE signed_documents (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organizations(id),
  client_id TEXT NOT NULL REFERENCES clients(id),
  episode_id TEXT REFERENCES episodes(id),
  template_id TEXT NOT NULL REFERENCES document_templates(id),
  template_version_no BIGINT NOT NULL,
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  client_name TEXT NOT NULL,        -- the values the template was rendered with (placeholders)
  client_birth_date TEXT NOT NULL,
  program_name TEXT NOT NULL,
  organization_name TEXT NOT NULL,
  document_date TEXT NOT NULL,
  text TEXT NOT NULL,               -- the rendered plain text the client was shown and signed
  content_sha256 TEXT NOT NULL,     -- hex SHA-256 of `text`
  delivery_method TEXT,             -- notices: "in_person" | "electronic" | "mail"
  signed_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL,        -- the user who recorded the signing
  part2 INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  FOREIGN KEY (template_id, template_version_no) REFERENCES document_template_versions(template_id, version_no)
);
CREATE INDEX signed_documents_by_client ON signed_documents (org_id, client_id, signed_at, id);
CREATE INDEX signed_documents_by_episode ON signed_documents (org_id, episode_id, kind);

-- A document signed in error is marked void here (with the reason); its row and text stay as they were.
CREATE TABLE signed_document_voids (
  document_id TEXT PRIMARY KEY REFERENCES signed_documents(id),
  org_id TEXT NOT NULL REFERENCES organizations(id),
  reason TEXT NOT NULL,
  voided_at TEXT NOT NULL,
  voided_by TEXT NOT NULL
);

-- A program's own orientation checklist (without one, config/orientation.json applies). `items` is the
-- JSON array [{"code","label","required","document_kind"}].
CREATE TABLE orientation_checklists (
  program_id TEXT PRIMARY KEY REFERENCES programs(id),
  org_id TEXT NOT NULL REFERENCES organizations(id),
  items TEXT NOT NULL,
  version BIGINT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- Staff marking an orientation item done (or undone) for one episode of care; the audit trail keeps the
-- history of each change.
CREATE TABLE orientation_completions (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organizations(id),
  client_id TEXT NOT NULL REFERENCES clients(id),
  episode_id TEXT NOT NULL REFERENCES episodes(id),
  code TEXT NOT NULL,
  done INTEGER NOT NULL,
  note TEXT,
  completed_at TEXT NOT NULL,
  completed_by TEXT NOT NULL,
  completed_by_name TEXT NOT NULL,
  part2 INTEGER NOT NULL DEFAULT 1,
  version BIGINT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (episode_id, code)
);
CREATE INDEX orientation_completions_by_episode ON orientation_completions (org_id, episode_id);

-- {{IF_SQLITE}}
CREATE TRIGGER signed_documents_no_update BEFORE UPDATE ON signed_documents
BEGIN SELECT RAISE(ABORT, 'signed documents cannot be changed'); END;
CREATE TRIGGER signed_documents_no_delete BEFORE DELETE ON signed_documents
BEGIN SELECT RAISE(ABORT, 'signed documents cannot be deleted'); END;
CREATE TRIGGER document_template_versions_no_update BEFORE UPDATE ON document_template_versions
BEGIN SELECT RAISE(ABORT, 'template versions cannot be changed'); END;
CREATE TRIGGER document_template_versions_no_delete BEFORE DELETE ON document_template_versions
BEGIN SELECT RAISE(ABORT, 'template versions cannot be deleted'); END;
CREATE TRIGGER signed_document_voids_no_change BEFORE UPDATE ON signed_document_voids
BEGIN SELECT RAISE(ABORT, 'document voids cannot be changed'); END;
CREATE TRIGGER signed_document_voids_no_delete BEFORE DELETE ON signed_document_voids
BEGIN SELECT RAISE(ABORT, 'document voids cannot be deleted'); END;
-- {{END_IF}}

-- {{IF_POSTGRES}}
CREATE TRIGGER signed_documents_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON signed_documents
FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER document_template_versions_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON document_template_versions
FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER signed_document_voids_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON signed_document_voids
FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
-- {{END_IF}}
