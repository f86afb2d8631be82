#include "care/documents/document_store.h"

#include "platform/db/records.h"

namespace stepwise::documents {

namespace {

constexpr std::string_view kTemplateColumns =
    "t.id, t.org_id, t.version, t.voided, t.void_reason, t.created_at, t.updated_at, t.kind, v.title, v.body, "
    "v.version_no, v.requires_witness, t.active";

DocumentTemplate ReadTemplate(const db::Row& row) {
  DocumentTemplate t;
  t.meta = db::ReadMeta(row, 0);
  t.kind = row.Text(7);
  t.title = row.Text(8);
  t.body = row.Text(9);
  t.version_no = static_cast<int>(row.Int(10));
  t.requires_witness = row.Int(11) != 0;
  t.active = row.Int(12) != 0;
  return t;
}

constexpr std::string_view kDocumentColumns =
    "d.id, d.org_id, d.client_id, d.episode_id, d.template_id, d.template_version_no, d.kind, d.title, d.text, "
    "d.content_sha256, d.delivery_method, d.signed_at, d.recorded_by, d.created_at, v.reason, v.voided_at, "
    "d.client_name, d.client_birth_date, d.program_name, d.organization_name, d.document_date";

SignedDocument ReadDocument(const db::Row& row) {
  SignedDocument d;
  d.id = row.Text(0);
  d.org_id = row.Text(1);
  d.client_id = row.Text(2);
  d.episode_id = row.Text(3);
  d.template_id = row.Text(4);
  d.template_version_no = static_cast<int>(row.Int(5));
  d.kind = row.Text(6);
  d.title = row.Text(7);
  d.text = row.Text(8);
  d.content_sha256 = row.Text(9);
  d.delivery_method = row.Text(10);
  d.signed_at = row.Text(11);
  d.recorded_by = row.Text(12);
  d.created_at = row.Text(13);
  d.voided = !row.IsNull(14);
  d.void_reason = row.Text(14);
  d.voided_at = row.Text(15);
  d.context = {row.Text(16), row.Text(17), row.Text(18), row.Text(19), row.Text(20)};
  return d;
}

std::string DocumentSelect() {
  return "SELECT " + std::string(kDocumentColumns) +
         " FROM signed_documents d LEFT JOIN signed_document_voids v ON v.document_id = d.id ";
}

}  // namespace

Result<std::vector<DocumentTemplate>> DocumentStore::ListTemplates(db::Transaction& tx, const std::string& org_id) {
  return db::ReadAll<DocumentTemplate>(
      tx,
      "SELECT " + std::string(kTemplateColumns) +
          " FROM document_templates t JOIN document_template_versions v ON v.template_id = t.id AND "
          "v.version_no = t.current_version_no WHERE t.org_id = ? AND t.voided = 0 ORDER BY t.kind, v.title, t.id",
      {org_id}, ReadTemplate);
}

Result<std::optional<DocumentTemplate>> DocumentStore::GetTemplate(db::Transaction& tx, const std::string& org_id,
                                                                   const std::string& id, int version_no) {
  std::string sql = "SELECT " + std::string(kTemplateColumns) +
                    " FROM document_templates t JOIN document_template_versions v ON v.template_id = t.id AND "
                    "v.version_no = ";
  std::vector<db::Param> params;
  if (version_no > 0) {
    sql += "?";
    params.push_back(std::int64_t{version_no});
  } else {
    sql += "t.current_version_no";
  }
  sql += " WHERE t.org_id = ? AND t.id = ?";
  params.push_back(org_id);
  params.push_back(id);
  return db::ReadOne<DocumentTemplate>(tx, sql, std::move(params), ReadTemplate);
}

Result<std::vector<TemplateVersion>> DocumentStore::TemplateVersions(db::Transaction& tx, const std::string& org_id,
                                                                     const std::string& id) {
  return db::ReadAll<TemplateVersion>(
      tx,
      "SELECT template_id, version_no, title, body, requires_witness, created_at, created_by FROM "
      "document_template_versions WHERE org_id = ? AND template_id = ? ORDER BY version_no",
      {org_id, id}, [](const db::Row& row) {
        return TemplateVersion{
            row.Text(0), static_cast<int>(row.Int(1)), row.Text(2), row.Text(3), row.Int(4) != 0, row.Text(5),
            row.Text(6)};
      });
}

namespace {

Status InsertVersion(db::Transaction& tx, const DocumentTemplate& t, const std::string& now,
                     const std::string& created_by) {
  SW_TRY(tx.Execute(
      "INSERT INTO document_template_versions (template_id, org_id, version_no, title, body, requires_witness, "
      "created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      {t.meta.id, t.meta.org_id, std::int64_t{t.version_no}, t.title, t.body, std::int64_t{t.requires_witness ? 1 : 0},
       now, created_by}));
  return Ok();
}

}  // namespace

Status DocumentStore::InsertTemplate(db::Transaction& tx, const DocumentTemplate& t, const std::string& created_by) {
  SW_TRY(tx.Execute(
      "INSERT INTO document_templates (id, org_id, kind, title, current_version_no, requires_witness, active, "
      "version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {t.meta.id, t.meta.org_id, t.kind, t.title, std::int64_t{t.version_no}, std::int64_t{t.requires_witness ? 1 : 0},
       std::int64_t{t.active ? 1 : 0}, t.meta.version, t.meta.created_at, t.meta.updated_at}));
  return InsertVersion(tx, t, t.meta.created_at, created_by);
}

Status DocumentStore::AddTemplateVersion(db::Transaction& tx, const DocumentTemplate& t, std::int64_t expected,
                                         const std::string& now, const std::string& created_by) {
  SW_TRY(db::UpdateVersioned(
      tx, "document_templates", t.meta.org_id, t.meta.id, expected,
      "title = ?, current_version_no = ?, requires_witness = ?, active = ?",
      {t.title, std::int64_t{t.version_no}, std::int64_t{t.requires_witness ? 1 : 0}, std::int64_t{t.active ? 1 : 0}},
      now));
  return InsertVersion(tx, t, now, created_by);
}

Status DocumentStore::InsertDocument(db::Transaction& tx, const SignedDocument& d) {
  SW_TRY(tx.Execute(
      "INSERT INTO signed_documents (id, org_id, client_id, episode_id, template_id, template_version_no, kind, "
      "title, text, content_sha256, delivery_method, signed_at, recorded_by, created_at, client_name, "
      "client_birth_date, program_name, organization_name, document_date) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {d.id, d.org_id, d.client_id, db::OptText(d.episode_id), d.template_id, std::int64_t{d.template_version_no},
       d.kind, d.title, d.text, d.content_sha256, db::OptText(d.delivery_method), d.signed_at, d.recorded_by,
       d.created_at, d.context.client_name, d.context.client_birth_date, d.context.program_name,
       d.context.organization_name, d.context.date}));
  return Ok();
}

Status DocumentStore::InsertVoid(db::Transaction& tx, const std::string& org_id, const std::string& document_id,
                                 const std::string& reason, const std::string& now, const std::string& user_id) {
  SW_TRY(tx.Execute(
      "INSERT INTO signed_document_voids (document_id, org_id, reason, voided_at, voided_by) VALUES (?, ?, ?, ?, ?)",
      {document_id, org_id, reason, now, user_id}));
  return Ok();
}

Result<std::optional<SignedDocument>> DocumentStore::GetDocument(db::Transaction& tx, const std::string& org_id,
                                                                 const std::string& id) {
  return db::ReadOne<SignedDocument>(tx, DocumentSelect() + "WHERE d.org_id = ? AND d.id = ?", {org_id, id},
                                     ReadDocument);
}

Result<std::vector<SignedDocument>> DocumentStore::ListDocuments(db::Transaction& tx, const std::string& org_id,
                                                                 const std::string& client_id) {
  return db::ReadAll<SignedDocument>(
      tx, DocumentSelect() + "WHERE d.org_id = ? AND d.client_id = ? ORDER BY d.signed_at DESC, d.id DESC",
      {org_id, client_id}, ReadDocument);
}

Result<std::vector<SignedDocumentRef>> DocumentStore::EpisodeDocuments(db::Transaction& tx, const std::string& org_id,
                                                                       const std::string& episode_id) {
  return db::ReadAll<SignedDocumentRef>(
      tx,
      "SELECT d.id, d.kind, d.signed_at, (SELECT s.signer_name FROM signatures s WHERE s.owner_kind = 'document' "
      "AND s.owner_id = d.id ORDER BY s.seq LIMIT 1), d.delivery_method FROM signed_documents d "
      "WHERE d.org_id = ? AND d.episode_id = ? AND NOT EXISTS (SELECT 1 FROM signed_document_voids v "
      "WHERE v.document_id = d.id) ORDER BY d.signed_at, d.id",
      {org_id, episode_id}, [](const db::Row& row) {
        return SignedDocumentRef{row.Text(0), row.Text(1), row.Text(2), row.Text(3), row.Text(4)};
      });
}

}  // namespace stepwise::documents
