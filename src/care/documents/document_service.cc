#include "care/documents/document_service.h"

#include <algorithm>
#include <functional>

#include "care/admissions/client_store.h"
#include "care/documents/document_store.h"
#include "care/documents/signature_store.h"
#include "care/program/program_service.h"
#include "care/program/program_store.h"
#include "platform/base/uuid.h"
#include "platform/db/records.h"
#include "platform/db/transaction_scope.h"
#include "platform/pdf/render.h"
#include "platform/security/crypto.h"

namespace stepwise::documents {

using db::Access;
using db::Transaction;
using program::RequireOrganization;

namespace {

constexpr std::string_view kDocumentOwner = "document";

std::string LegalName(const admissions::Client& c) {
  std::string name = c.legal_name.given;
  if (!c.legal_name.middle.empty()) name += " " + c.legal_name.middle;
  return name + " " + c.legal_name.family;
}

std::string LabelOfKind(std::string_view kind) { return std::string(program::LabelOf(DocumentKinds(), kind)); }

}  // namespace

Status DocumentService::RecordRead(const Actor& actor, audit::Event event) const {
  if (!read_log_) return Ok();
  return read_log_->Record(actor, event);
}

Status DocumentService::EnsureDefaultsIn(Transaction& tx, const Actor& actor) {
  SW_ASSIGN(auto existing, tx.Query("SELECT COUNT(*) FROM document_templates WHERE org_id = ?", {actor.org_id}));
  if (existing.rows.at(0).Int(0) > 0) return Ok();
  SW_ASSIGN(auto defaults, BuiltinTemplates());
  const std::string now = FormatTimestamp(clock_.Now());
  for (const auto& d : defaults) {
    DocumentTemplate t;
    t.meta = {NewUuidV7(clock_.Now()), actor.org_id, 1, false, "", now, now};
    t.kind = d.kind;
    t.title = d.title;
    t.body = d.body;
    t.requires_witness = d.requires_witness;
    SW_TRY(DocumentStore::InsertTemplate(tx, t, actor.user_id));
    SW_TRY(audit::Append(tx, actor,
                         {.action = "create",
                          .resource_type = "document_template",
                          .resource_id = t.meta.id,
                          .data_category = "program",
                          .reason = "default template " + d.kind},
                         now));
  }
  return Ok();
}

Result<std::vector<DocumentTemplate>> DocumentService::ListTemplates(const Actor& actor) {
  SW_TRY(RequireOrganization(actor));
  auto list = [&] {
    return db::InTransaction(db_, Access::kRead,
                             [&](Transaction& tx) { return DocumentStore::ListTemplates(tx, actor.org_id); });
  };
  SW_ASSIGN(auto templates, list());
  if (!templates.empty()) return templates;
  SW_TRY(
      db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Status { return EnsureDefaultsIn(tx, actor); }));
  return list();
}

Result<DocumentTemplate> DocumentService::GetTemplate(const Actor& actor, const std::string& id) {
  SW_TRY(RequireOrganization(actor));
  return db::InTransaction(db_, Access::kRead, [&](Transaction& tx) {
    return db::Found(DocumentStore::GetTemplate(tx, actor.org_id, id), "document template");
  });
}

Result<std::vector<TemplateVersion>> DocumentService::TemplateVersions(const Actor& actor, const std::string& id) {
  SW_TRY(RequireOrganization(actor));
  return db::InTransaction(db_, Access::kRead, [&](Transaction& tx) -> Result<std::vector<TemplateVersion>> {
    SW_TRY(db::Found(DocumentStore::GetTemplate(tx, actor.org_id, id), "document template"));
    return DocumentStore::TemplateVersions(tx, actor.org_id, id);
  });
}

Result<DocumentTemplate> DocumentService::CreateTemplate(const Actor& actor, DocumentTemplate draft) {
  SW_TRY(RequireOrganization(actor));
  FieldErrors errors;
  CheckTemplate(draft, errors);
  if (!errors.empty()) return errors.ToError();
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<DocumentTemplate> {
    SW_TRY(EnsureDefaultsIn(tx, actor));
    const std::string now = FormatTimestamp(clock_.Now());
    draft.meta = {NewUuidV7(clock_.Now()), actor.org_id, 1, false, "", now, now};
    draft.version_no = 1;
    SW_TRY(DocumentStore::InsertTemplate(tx, draft, actor.user_id));
    SW_TRY(audit::Append(tx, actor,
                         {.action = "create",
                          .resource_type = "document_template",
                          .resource_id = draft.meta.id,
                          .data_category = "program"},
                         now));
    return db::Found(DocumentStore::GetTemplate(tx, actor.org_id, draft.meta.id), "document template");
  });
}

Result<DocumentTemplate> DocumentService::UpdateTemplate(const Actor& actor, DocumentTemplate changes,
                                                         std::int64_t expected) {
  SW_TRY(RequireOrganization(actor));
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<DocumentTemplate> {
    SW_ASSIGN(auto current,
              db::Found(DocumentStore::GetTemplate(tx, actor.org_id, changes.meta.id), "document template"));
    changes.kind = current.kind;  // a template keeps its kind
    FieldErrors errors;
    CheckTemplate(changes, errors);
    if (!errors.empty()) return errors.ToError();
    if (current.meta.version != expected) return Error::StaleVersion();
    const std::string now = FormatTimestamp(clock_.Now());
    changes.meta.org_id = actor.org_id;
    changes.version_no = current.version_no + 1;
    SW_TRY(DocumentStore::AddTemplateVersion(tx, changes, expected, now, actor.user_id));
    SW_TRY(audit::Append(tx, actor,
                         {.action = "update",
                          .resource_type = "document_template",
                          .resource_id = changes.meta.id,
                          .data_category = "program",
                          .reason = "version " + std::to_string(changes.version_no)},
                         now));
    return db::Found(DocumentStore::GetTemplate(tx, actor.org_id, changes.meta.id), "document template");
  });
}

Result<RenderContext> DocumentService::ContextFor(Transaction& tx, const Actor& actor, const std::string& client_id,
                                                  std::string* episode_id) {
  SW_ASSIGN(auto client, db::Found(admissions::ClientStore::Get(tx, actor.org_id, client_id), "client"));
  if (client.meta.voided) return Error::Conflict("the client record is voided");
  RenderContext ctx;
  ctx.client_name = LegalName(client);
  ctx.client_birth_date = FormatDate(client.birth_date);
  ctx.date = FormatDate(UtcDate(clock_.Now()));
  SW_ASSIGN(auto org, program::ProgramStore::GetOrganization(tx, actor.org_id));
  if (org) ctx.organization_name = org->name;
  SW_ASSIGN(auto episode, admissions::ClientStore::CurrentEpisode(tx, actor.org_id, client_id));
  if (episode && admissions::IsOpenStage(episode->stage)) {
    if (episode_id) *episode_id = episode->meta.id;
    SW_ASSIGN(auto prog, program::ProgramStore::GetProgram(tx, actor.org_id, episode->program_id));
    if (prog) ctx.program_name = prog->name;
  }
  if (ctx.program_name.empty()) ctx.program_name = ctx.organization_name;
  return ctx;
}

Result<DocumentPreview> DocumentService::Preview(const Actor& actor, const std::string& client_id,
                                                 const std::string& template_id) {
  SW_TRY(RequireOrganization(actor));
  auto preview = db::InTransaction(db_, Access::kRead, [&](Transaction& tx) -> Result<DocumentPreview> {
    SW_TRY(clients_.CheckAccessIn(tx, actor, client_id));
    DocumentPreview p;
    SW_ASSIGN(p.tmpl, db::Found(DocumentStore::GetTemplate(tx, actor.org_id, template_id), "document template"));
    SW_ASSIGN(auto ctx, ContextFor(tx, actor, client_id, nullptr));
    p.document = RenderTemplate(p.tmpl, ctx);
    p.text = pdf::PlainText(p.document);
    p.content_sha256 = security::Sha256Hex(p.text);
    return p;
  });
  audit::Event read{.action = "read",
                    .resource_type = "document_preview",
                    .resource_id = template_id,
                    .client_id = client_id,
                    .data_category = "documents"};
  if (!preview.ok()) {
    if (preview.error().code != ErrorCode::kNotFound) return preview;
    read.outcome = "denied";
  }
  SW_TRY(RecordRead(actor, read));
  return preview;
}

Result<SignedDocument> DocumentService::Sign(const Actor& actor, const std::string& client_id, SignRequest req,
                                             const SigningContext& context) {
  SW_TRY(RequireOrganization(actor));
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<SignedDocument> {
    SW_TRY(clients_.CheckAccessIn(tx, actor, client_id));
    SW_ASSIGN(auto tmpl, DocumentStore::GetTemplate(tx, actor.org_id, req.template_id));
    if (!tmpl || tmpl->meta.voided)
      return Error::Field("template_id", "is not a document template of this organization");
    if (!tmpl->active) return Error::Field("template_id", "is not active");
    if (req.template_version_no != tmpl->version_no) {
      return Error::Conflict(
          "the template was changed since the preview; preview it again",
          {{"template_version_no", "is not the current version (" + std::to_string(tmpl->version_no) + ")"}});
    }
    FieldErrors errors;
    bool signer = false, witness = false;
    for (const auto& s : req.signatures) {
      if (s.role == "client" || s.role == "guardian") signer = true;
      if (s.role == "witness") witness = true;
    }
    if (!signer) errors.Add("signatures", "must include the client's (or a guardian's) signature");
    if (tmpl->requires_witness && !witness) errors.Add("signatures", "this document needs a staff witness signature");
    if (NeedsDeliveryMethod(tmpl->kind) && req.delivery_method.empty()) {
      errors.Add("delivery_method", "is required for this notice (in_person, electronic or mail)");
    }
    std::string episode_id;
    SW_ASSIGN(auto ctx, ContextFor(tx, actor, client_id, &episode_id));
    const pdf::Document doc = RenderTemplate(*tmpl, ctx);
    const std::string text = pdf::PlainText(doc);
    const std::string sha = security::Sha256Hex(text);
    const std::string now = FormatTimestamp(clock_.Now());
    for (std::size_t i = 0; i < req.signatures.size(); ++i) {
      Stamp(req.signatures[i], "signatures[" + std::to_string(i) + "]", actor.user_id, actor.staff_id, context, now,
            sha, errors);
    }
    if (!errors.empty()) return errors.ToError();
    if (req.content_sha256 != sha) {
      return Error::Conflict("the document text changed since it was shown; show it again and sign the new text",
                             {{"content_sha256", "does not match the document as it reads now"}});
    }
    SignedDocument d;
    d.id = NewUuidV7(clock_.Now());
    d.org_id = actor.org_id;
    d.client_id = client_id;
    d.episode_id = episode_id;
    d.template_id = tmpl->meta.id;
    d.template_version_no = tmpl->version_no;
    d.kind = tmpl->kind;
    d.title = doc.title;
    d.context = ctx;
    d.text = text;
    d.content_sha256 = sha;
    d.delivery_method = NeedsDeliveryMethod(tmpl->kind) ? req.delivery_method : "";
    d.signed_at = now;
    d.recorded_by = actor.user_id;
    d.created_at = now;
    SW_TRY(DocumentStore::InsertDocument(tx, d));
    for (auto& s : req.signatures) SW_TRY(InsertSignature(tx, actor.org_id, std::string(kDocumentOwner), d.id, s));
    d.signatures = std::move(req.signatures);
    SW_TRY(audit::Append(tx, actor,
                         {.action = "sign",
                          .resource_type = "document",
                          .resource_id = d.id,
                          .client_id = client_id,
                          .data_category = "documents",
                          .reason = d.kind + " version " + std::to_string(d.template_version_no)},
                         now));
    return d;
  });
}

Result<SignedDocument> DocumentService::Load(Transaction& tx, const Actor& actor, const std::string& id) {
  SW_ASSIGN(auto d, db::Found(DocumentStore::GetDocument(tx, actor.org_id, id), "document"));
  if (!clients_.CheckAccessIn(tx, actor, d.client_id).ok()) return Error::NotFound("no such document");
  SW_ASSIGN(d.signatures, SignaturesOf(tx, actor.org_id, std::string(kDocumentOwner), d.id));
  return d;
}

Result<std::vector<SignedDocument>> DocumentService::List(const Actor& actor, const std::string& client_id) {
  SW_TRY(RequireOrganization(actor));
  auto docs = db::InTransaction(db_, Access::kRead, [&](Transaction& tx) -> Result<std::vector<SignedDocument>> {
    SW_TRY(db::Found(admissions::ClientStore::Get(tx, actor.org_id, client_id), "client"));
    SW_TRY(clients_.CheckAccessIn(tx, actor, client_id));
    SW_ASSIGN(auto list, DocumentStore::ListDocuments(tx, actor.org_id, client_id));
    for (auto& d : list) {
      SW_ASSIGN(d.signatures, SignaturesOf(tx, actor.org_id, std::string(kDocumentOwner), d.id));
    }
    return list;
  });
  audit::Event read{.action = "read",
                    .resource_type = "document",
                    .client_id = client_id,
                    .data_category = "documents",
                    .reason = "signed documents"};
  if (!docs.ok()) {
    if (docs.error().code != ErrorCode::kNotFound) return docs;
    read.outcome = "denied";
  }
  SW_TRY(RecordRead(actor, read));
  return docs;
}

namespace {

template <typename T>
Result<T> Audited(Result<T> r, audit::Event read, const std::function<Status(const audit::Event&)>& record,
                  const std::string& client_id) {
  if (!r.ok()) {
    if (r.error().code != ErrorCode::kNotFound) return r;
    read.outcome = "denied";
  } else {
    read.client_id = client_id;
  }
  SW_TRY(record(read));
  return r;
}

}  // namespace

Result<SignedDocument> DocumentService::Get(const Actor& actor, const std::string& id) {
  SW_TRY(RequireOrganization(actor));
  auto d = db::InTransaction(db_, Access::kRead, [&](Transaction& tx) { return Load(tx, actor, id); });
  const std::string client_id = d.ok() ? d->client_id : "";
  return Audited<SignedDocument>(
      std::move(d), {.action = "read", .resource_type = "document", .resource_id = id, .data_category = "documents"},
      [&](const audit::Event& e) { return RecordRead(actor, e); }, client_id);
}

pdf::Document DocumentService::PrintDocument(const SignedDocument& d, const DocumentTemplate& version) {
  pdf::Document doc = RenderTemplate(version, d.context);
  if (security::Sha256Hex(pdf::PlainText(doc)) != d.content_sha256) {
    // The renderer changed since the signing: print the stored text as it was signed.
    pdf::Document plain;
    plain.title = d.title;
    std::size_t start = 0;
    while (start < d.text.size()) {
      std::size_t end = d.text.find("\n\n", start);
      if (end == std::string::npos) end = d.text.size();
      if (end > start) plain.blocks.push_back(pdf::Paragraph(d.text.substr(start, end - start)));
      start = end + 2;
    }
    doc = std::move(plain);
  }
  if (d.voided) doc.blocks.insert(doc.blocks.begin(), pdf::Notice("VOIDED on " + d.voided_at + ": " + d.void_reason));
  doc.blocks.push_back(pdf::Heading("Signatures"));
  for (const auto& s : d.signatures) doc.blocks.push_back(SignatureBlock(s));
  std::vector<std::pair<std::string, std::string>> fields = {
      {"Document", LabelOfKind(d.kind) + ", template version " + std::to_string(d.template_version_no)},
      {"Signed", d.signed_at}};
  if (!d.delivery_method.empty()) {
    fields.push_back({"Notice delivered", std::string(program::LabelOf(DeliveryMethods(), d.delivery_method))});
  }
  fields.push_back({"SHA-256 of the signed text", d.content_sha256});
  doc.blocks.push_back(pdf::Fields(std::move(fields)));
  doc.footer = "SHA-256 " + d.content_sha256;
  return doc;
}

Result<std::string> DocumentService::Pdf(const Actor& actor, const std::string& id) {
  SW_TRY(RequireOrganization(actor));
  auto printed =
      db::InTransaction(db_, Access::kRead, [&](Transaction& tx) -> Result<std::pair<SignedDocument, pdf::Document>> {
        SW_ASSIGN(auto d, Load(tx, actor, id));
        SW_ASSIGN(auto version,
                  db::Found(DocumentStore::GetTemplate(tx, actor.org_id, d.template_id, d.template_version_no),
                            "template version"));
        auto doc = PrintDocument(d, version);
        return std::make_pair(std::move(d), std::move(doc));
      });
  const std::string client_id = printed.ok() ? printed->first.client_id : "";
  using Printed = std::pair<SignedDocument, pdf::Document>;
  SW_TRY(Audited<Printed>(
      printed,
      {.action = "export",
       .resource_type = "document",
       .resource_id = id,
       .data_category = "documents",
       .reason = "PDF"},
      [&](const audit::Event& e) { return RecordRead(actor, e); }, client_id));
  return pdf::Render(printed->second);
}

Result<DocumentVerification> DocumentService::Verify(const Actor& actor, const std::string& id) {
  SW_TRY(RequireOrganization(actor));
  auto checked = db::InTransaction(
      db_, Access::kRead, [&](Transaction& tx) -> Result<std::pair<std::string, DocumentVerification>> {
        SW_ASSIGN(auto d, Load(tx, actor, id));
        SW_ASSIGN(auto version,
                  db::Found(DocumentStore::GetTemplate(tx, actor.org_id, d.template_id, d.template_version_no),
                            "template version"));
        DocumentVerification v;
        v.content_sha256 = d.content_sha256;
        v.recomputed = security::Sha256Hex(d.text);
        v.rerendered_matches =
            security::Sha256Hex(pdf::PlainText(RenderTemplate(version, d.context))) == d.content_sha256;
        v.signatures_match = !d.signatures.empty() &&
                             std::all_of(d.signatures.begin(), d.signatures.end(),
                                         [&](const Signature& s) { return s.content_sha256 == d.content_sha256; });
        return std::make_pair(d.client_id, v);
      });
  const std::string client_id = checked.ok() ? checked->first : "";
  using Checked = std::pair<std::string, DocumentVerification>;
  SW_TRY(Audited<Checked>(
      checked,
      {.action = "read",
       .resource_type = "document",
       .resource_id = id,
       .data_category = "documents",
       .reason = "verify hash"},
      [&](const audit::Event& e) { return RecordRead(actor, e); }, client_id));
  return checked->second;
}

Result<SignedDocument> DocumentService::Void(const Actor& actor, const std::string& id, const std::string& reason) {
  SW_TRY(RequireOrganization(actor));
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<SignedDocument> {
    SW_ASSIGN(auto d, Load(tx, actor, id));
    if (d.voided) return Error::Conflict("the document is already voided");
    const std::string now = FormatTimestamp(clock_.Now());
    SW_TRY(DocumentStore::InsertVoid(tx, actor.org_id, id, reason, now, actor.user_id));
    SW_TRY(audit::Append(tx, actor,
                         {.action = "void",
                          .resource_type = "document",
                          .resource_id = id,
                          .client_id = d.client_id,
                          .data_category = "documents",
                          .reason = reason},
                         now));
    return Load(tx, actor, id);
  });
}

}  // namespace stepwise::documents
