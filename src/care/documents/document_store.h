// SQL for document templates with their versions and for signed documents (migration 0008). Signed documents
// and template versions are inserted once; the tables refuse UPDATE and DELETE.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "care/documents/orientation_model.h"
#include "care/documents/template_model.h"
#include "platform/db/database.h"

namespace stepwise::documents {

class DocumentStore {
 public:
  // Live templates of the organization with their current version's body, by kind then title.
  static Result<std::vector<DocumentTemplate>> ListTemplates(db::Transaction& tx, const std::string& org_id);
  // The template with its current version (version_no 0 = current) or with version `version_no`.
  static Result<std::optional<DocumentTemplate>> GetTemplate(db::Transaction& tx, const std::string& org_id,
                                                             const std::string& id, int version_no = 0);
  static Result<std::vector<TemplateVersion>> TemplateVersions(db::Transaction& tx, const std::string& org_id,
                                                               const std::string& id);
  // Inserts the series and its first version (t.version_no).
  static Status InsertTemplate(db::Transaction& tx, const DocumentTemplate& t, const std::string& created_by);
  // Adds version t.version_no and makes it current (If-Match on the series' version).
  static Status AddTemplateVersion(db::Transaction& tx, const DocumentTemplate& t, std::int64_t expected,
                                   const std::string& now, const std::string& created_by);

  static Status InsertDocument(db::Transaction& tx, const SignedDocument& d);
  static Status InsertVoid(db::Transaction& tx, const std::string& org_id, const std::string& document_id,
                           const std::string& reason, const std::string& now, const std::string& user_id);
  // A document without its signatures (the service adds them).
  static Result<std::optional<SignedDocument>> GetDocument(db::Transaction& tx, const std::string& org_id,
                                                           const std::string& id);
  static Result<std::vector<SignedDocument>> ListDocuments(db::Transaction& tx, const std::string& org_id,
                                                           const std::string& client_id);
  // Live documents signed in an episode, oldest first, with the first signer's name (for the checklist).
  static Result<std::vector<SignedDocumentRef>> EpisodeDocuments(db::Transaction& tx, const std::string& org_id,
                                                                 const std::string& episode_id);
};

}  // namespace stepwise::documents
