// Use cases for document templates and signed documents: list, add and edit templates (each edit a new
// version), preview a template for a client, sign it (the hash the signer saw must match a fresh rendering),
// read, print and verify signed documents, void one signed in error. One transaction per call; reads of
// client documents go to the read log, writes are audited in their transaction. Thread-safe.
#pragma once

#include <string>
#include <vector>

#include "care/admissions/client_service.h"
#include "care/documents/signature.h"
#include "care/documents/template_model.h"
#include "platform/audit/audit_log.h"
#include "platform/base/clock.h"
#include "platform/db/database.h"
#include "platform/security/actor.h"

namespace stepwise::documents {

struct DocumentPreview {
  DocumentTemplate tmpl;  // the current version
  pdf::Document document;
  std::string text;  // PlainText(document): what the signer is shown
  std::string content_sha256;
};

struct SignRequest {
  std::string template_id;
  int template_version_no = 0;
  std::string content_sha256;  // the hash the screen showed
  std::vector<Signature> signatures;
  std::string delivery_method;  // notices (part2_notice, hipaa_npp_ack): in_person, electronic, mail
};

struct DocumentVerification {
  std::string content_sha256;       // as stored when signed
  std::string recomputed;           // SHA-256 of the stored text now
  bool rerendered_matches = false;  // the stored template version, rendered again with the stored values
  bool signatures_match = false;    // every signature signed this hash
  bool matches() const { return recomputed == content_sha256 && signatures_match; }
};

class DocumentService {
 public:
  DocumentService(db::Database& db, const Clock& clock, admissions::ClientService& clients)
      : db_(db), clock_(clock), clients_(clients) {}
  void SetReadLog(audit::ReadLog* log) { read_log_ = log; }

  // The organization's templates; the first call copies the defaults (config/documents) in as version 1.
  Result<std::vector<DocumentTemplate>> ListTemplates(const Actor& actor);
  Result<DocumentTemplate> GetTemplate(const Actor& actor, const std::string& id);
  Result<std::vector<TemplateVersion>> TemplateVersions(const Actor& actor, const std::string& id);
  Result<DocumentTemplate> CreateTemplate(const Actor& actor, DocumentTemplate draft);
  // Saves the changes as the next version; documents signed earlier keep theirs.
  Result<DocumentTemplate> UpdateTemplate(const Actor& actor, DocumentTemplate changes, std::int64_t expected);
  // Copies the defaults in when the organization has no templates yet (inside a write transaction).
  Status EnsureDefaultsIn(db::Transaction& tx, const Actor& actor);

  Result<DocumentPreview> Preview(const Actor& actor, const std::string& client_id, const std::string& template_id);
  // kConflict (409) naming content_sha256 (or template_version_no) when the text changed since the preview;
  // nothing is written then.
  Result<SignedDocument> Sign(const Actor& actor, const std::string& client_id, SignRequest request,
                              const SigningContext& context);
  Result<std::vector<SignedDocument>> List(const Actor& actor, const std::string& client_id);
  Result<SignedDocument> Get(const Actor& actor, const std::string& id);
  // The signed document as PDF, its hash in the footer of every page.
  Result<std::string> Pdf(const Actor& actor, const std::string& id);
  Result<DocumentVerification> Verify(const Actor& actor, const std::string& id);
  Result<SignedDocument> Void(const Actor& actor, const std::string& id, const std::string& reason);

  // The document as printed: the signed text, the signatures and the delivery method.
  static pdf::Document PrintDocument(const SignedDocument& d, const DocumentTemplate& version);

 private:
  Result<SignedDocument> Load(db::Transaction& tx, const Actor& actor, const std::string& id);
  Result<RenderContext> ContextFor(db::Transaction& tx, const Actor& actor, const std::string& client_id,
                                   std::string* episode_id);
  Status RecordRead(const Actor& actor, audit::Event event) const;

  db::Database& db_;
  const Clock& clock_;
  admissions::ClientService& clients_;
  audit::ReadLog* read_log_ = nullptr;
};

}  // namespace stepwise::documents
