// Use cases for Part 2 consents and court orders: draft, edit, activate (every §2.31 element, signed),
// revoke, void a draft, read with the status now, the expiring-soon list, the consent as a PDF document.
// One transaction per call, client access through ClientService (caseload/program), every change audited
// in its transaction and every read through the read log. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "care/admissions/client_service.h"
#include "care/consent/consent_model.h"
#include "care/documents/signature.h"
#include "platform/audit/audit_log.h"
#include "platform/base/clock.h"
#include "platform/db/database.h"
#include "platform/pdf/document.h"
#include "platform/security/actor.h"

namespace stepwise::consent {

// A consent as shown: the record, its status now, expiry, the plain-language text, its signatures and how
// many disclosures it authorized.
struct ConsentView {
  Consent consent;
  std::string status_now;
  std::optional<int> days_to_expiry;
  bool expiring_soon = false;
  std::string plain_language;
  std::vector<documents::Signature> signatures;
  std::int64_t disclosure_count = 0;
  std::string client_name;
};

struct RevokeRequest {
  std::string method;  // written | oral
  std::string note;
  std::optional<Date> revoked_on;  // default today
};

class ConsentService {
 public:
  ConsentService(db::Database& db, const Clock& clock, admissions::ClientService& clients)
      : db_(db), clock_(clock), clients_(clients) {}
  void SetReadLog(audit::ReadLog* log) { read_log_ = log; }
  // Days before expiry a consent counts as expiring soon (default 30).
  void SetWarningDays(int days) { warning_days_ = days; }
  int warning_days() const { return warning_days_; }

  // A draft may leave elements out; codes that can never be right are field errors.
  Result<ConsentView> Create(const Actor& actor, const std::string& client_id, Consent draft);
  // Replaces a draft's elements; kConflict unless a draft.
  Result<ConsentView> Update(const Actor& actor, const std::string& id, Consent changes, std::int64_t expected);
  // Signs and activates a draft: every missing element is a field error and nothing changes. The signature
  // (client or guardian) signs the SHA-256 of the consent's text as rendered by ConsentDocument.
  Result<ConsentView> Activate(const Actor& actor, const std::string& id, std::int64_t expected,
                               documents::Signature signature, std::optional<Date> signed_on,
                               const documents::SigningContext& context);
  // Records a revocation of an active (or expired) consent; it takes effect at once.
  Result<ConsentView> Revoke(const Actor& actor, const std::string& id, std::int64_t expected, RevokeRequest request);
  // Voids a draft entered in error; an activated consent is revoked instead (kConflict).
  Result<ConsentView> Void(const Actor& actor, const std::string& id, std::int64_t expected,
                           const std::string& reason);

  Result<ConsentView> Get(const Actor& actor, const std::string& id);
  Result<std::vector<ConsentView>> ListForClient(const Actor& actor, const std::string& client_id);
  // Active consents of clients within the actor's access expiring within `within_days` (dashboard card).
  Result<std::vector<ConsentView>> Expiring(const Actor& actor, int within_days);
  // The consent as a document (plain language, every element, signatures); audited as an export.
  Result<pdf::Document> Document(const Actor& actor, const std::string& id);

  Result<CourtOrder> RecordCourtOrder(const Actor& actor, const std::string& client_id, CourtOrder order);
  Result<std::vector<CourtOrder>> CourtOrders(const Actor& actor, const std::string& client_id);

  // For the disclosure service, inside its transaction: the consent's client's discharge date when the
  // current episode is discharged (the "end of treatment" event).
  static Result<std::optional<Date>> TreatmentEnded(db::Transaction& tx, const std::string& org_id,
                                                    const std::string& client_id);
  // The client's display name (for summaries).
  static Result<std::string> ClientName(db::Transaction& tx, const std::string& org_id, const std::string& client_id);

 private:
  Result<ConsentView> Load(db::Transaction& tx, const Actor& actor, const std::string& id);
  Result<Consent> LoadForChange(db::Transaction& tx, const Actor& actor, const std::string& id);
  Status RecordRead(const Actor& actor, audit::Event event) const;
  Status Audit(db::Transaction& tx, const Actor& actor, const std::string& action, const Consent& c,
               const std::string& now, const std::string& reason = "") const;
  Date Today() const { return UtcDate(clock_.Now()); }

  db::Database& db_;
  const Clock& clock_;
  admissions::ClientService& clients_;
  audit::ReadLog* read_log_ = nullptr;
  int warning_days_ = 30;
};

}  // namespace stepwise::consent
