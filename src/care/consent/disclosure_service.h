// The one disclosure service every outward path calls (ADR 0011): it checks that an active, unexpired,
// unrevoked consent of this client covers the recipient, purpose and information (or, for legal proceedings,
// that a court order is recorded), and on success records the disclosure in the same transaction and returns
// the packet with the §2.32 notice and the consent summary. A refusal is kPermissionDenied with the reason
// code in a field error, audited as a denied "disclose"; a legal-proceedings refusal also raises a privacy
// alert. Content comes from sections the data's owners register per information category. Thread-safe once
// the sections are registered.
#pragma once

#include <functional>
#include <map>
#include <string>

#include "care/admissions/client_service.h"
#include "care/consent/consent_model.h"
#include "care/consent/disclosure_model.h"
#include "platform/audit/audit_log.h"
#include "platform/base/clock.h"
#include "platform/db/database.h"
#include "platform/pdf/document.h"
#include "platform/security/actor.h"

namespace stepwise::consent {

// Provides one category's content for a release, inside the disclosure's transaction.
using SectionSource = std::function<Result<Section>(db::Transaction&, const Actor&, const std::string& client_id)>;

class DisclosureService {
 public:
  DisclosureService(db::Database& db, const Clock& clock, admissions::ClientService& clients)
      : db_(db), clock_(clock), clients_(clients) {}
  void SetReadLog(audit::ReadLog* log) { read_log_ = log; }
  // Registers the content of `category` (one of InformationCategories()); call before serving.
  void AddSection(const std::string& category, SectionSource source) { sections_[category] = std::move(source); }

  // Checks, records and returns the release; see the header comment for refusals. 400 for a malformed request.
  Result<Packet> Disclose(const Actor& actor, DisclosureRequest request);
  // The client's disclosures in the last `years` (3 or 6) years, each with its consent's status now.
  Result<Accounting> AccountingOf(const Actor& actor, const std::string& client_id, int years);
  // The same as a document the client can be given.
  Result<pdf::Document> AccountingReport(const Actor& actor, const std::string& client_id, int years);

 private:
  struct Outcome {
    std::optional<Refusal> refusal;
    Packet packet;
  };
  Result<Outcome> DecideAndRecord(db::Transaction& tx, const Actor& actor, const DisclosureRequest& request);
  Result<Accounting> LoadAccounting(db::Transaction& tx, const Actor& actor, const std::string& client_id, int years);
  Status RecordRead(const Actor& actor, audit::Event event) const;

  db::Database& db_;
  const Clock& clock_;
  admissions::ClientService& clients_;
  audit::ReadLog* read_log_ = nullptr;
  std::map<std::string, SectionSource> sections_;
};

// Field errors for a request that is malformed (not a refusal): recipient_name, purpose, categories[i],
// channel, description (at most 500 characters).
void CheckRequestShape(const DisclosureRequest& request, FieldErrors& errors);

}  // namespace stepwise::consent
