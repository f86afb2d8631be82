// Use cases for instrument responses (started, autosaved as drafts, completed, voided), the safety alerts a
// completed response raises, and the programs' on-call lists. One transaction per call, scoped to the
// actor's organization; client record-level access exactly as ClientService (a client outside one's
// access is "not found"); changes audited (category "clinical"), reads recorded through the ReadLog.
// Thread-safe.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "care/admissions/client_service.h"
#include "care/assessment/assessment_model.h"
#include "care/assessment/instrument_catalog.h"
#include "care/assessment/instrument_model.h"
#include "platform/audit/audit_log.h"
#include "platform/base/clock.h"
#include "platform/db/database.h"
#include "platform/security/actor.h"

namespace stepwise::assessment {

struct NewResponse {
  std::string client_id;
  std::string instrument;
  std::string assessment_id;
  std::string completed_by = "clinician";
  Answers answers;
};

// A response with its scoring: fresh for a draft, as stored once complete.
struct ResponseView {
  InstrumentResponse response;
  Scoring scoring;
};

// Answer changes: a code sets the answer, nullopt removes it.
using AnswerChanges = std::map<std::string, std::optional<std::string>>;

class ResponseService {
 public:
  ResponseService(db::Database& db, const Clock& clock, admissions::ClientService& clients,
                  const InstrumentCatalog& catalog)
      : db_(db), clock_(clock), clients_(clients), catalog_(&catalog) {}
  void SetReadLog(audit::ReadLog* log) { read_log_ = log; }
  void SetCatalog(const InstrumentCatalog& catalog) { catalog_ = &catalog; }
  const InstrumentCatalog& catalog() const { return *catalog_; }

  Result<ResponseView> Start(const Actor& actor, NewResponse draft);
  Result<ResponseView> Get(const Actor& actor, const std::string& id);
  // Newest first; `instrument` "" = every instrument.
  Result<std::vector<InstrumentResponse>> List(const Actor& actor, const std::string& client_id,
                                               const std::string& instrument);
  // Merges answer changes into a draft (autosave) and returns the fresh scoring. kConflict once complete.
  Result<ResponseView> SaveAnswers(const Actor& actor, const std::string& id, std::int64_t expected,
                                   const AnswerChanges& changes);
  // Completes a draft: kInvalidArgument naming "answers.<id>" for every required item not answered (the
  // draft is kept as it is); otherwise stores the scores, drops answers hidden by skip logic and raises a
  // safety alert for every safety flag, all in one transaction.
  Result<ResponseView> Complete(const Actor& actor, const std::string& id, std::int64_t expected);
  // Voids a response with a reason; its open safety alerts are voided with it (resolved ones stay).
  Result<ResponseView> Void(const Actor& actor, const std::string& id, std::int64_t expected,
                            const std::string& reason);
  // Enters a response completed earlier (on paper, or for the demo's history) in one transaction: started
  // and completed at `completed_at` (UTC, not in the future), with the same checks and safety alerts.
  Result<ResponseView> RecordCompleted(const Actor& actor, NewResponse draft, const std::string& completed_at);

  // Open (or all, status "") alerts addressed to the actor: raised for them, or to their staff record as
  // administering clinician or on the program's on-call list.
  Result<std::vector<SafetyAlert>> MyAlerts(const Actor& actor, const std::string& status);
  // A chart's alerts, open first.
  Result<std::vector<SafetyAlert>> ClientAlerts(const Actor& actor, const std::string& client_id);
  // Records the safety response and resolves the alert. `expected` nullopt = the current version.
  Result<SafetyAlert> Respond(const Actor& actor, const std::string& alert_id, std::optional<std::int64_t> expected,
                              const std::vector<std::string>& actions, const std::string& note);

  Result<std::vector<std::string>> OnCall(const Actor& actor, const std::string& program_id);
  Result<std::vector<std::string>> SetOnCall(const Actor& actor, const std::string& program_id,
                                             const std::vector<std::string>& staff_ids);

  // Completed responses' flags of an assessment's responses (inside the caller's transaction).
  static Result<std::vector<std::string>> AssessmentFlagsIn(db::Transaction& tx, const std::string& org_id,
                                                            const std::string& assessment_id);

 private:
  Result<ResponseView> StartIn(db::Transaction& tx, const Actor& actor, const NewResponse& draft,
                               const std::string& started_at);
  Result<ResponseView> CompleteIn(db::Transaction& tx, const Actor& actor, const std::string& id, std::int64_t expected,
                                  const std::string& completed_at);
  Result<ResponseView> View(db::Transaction& tx, const Actor& actor, InstrumentResponse r);
  Result<InstrumentResponse> LoadChecked(db::Transaction& tx, const Actor& actor, const std::string& id);
  Status RecordRead(const Actor& actor, const audit::Event& event) const;
  std::string Now() const;

  db::Database& db_;
  const Clock& clock_;
  admissions::ClientService& clients_;
  const InstrumentCatalog* catalog_;
  audit::ReadLog* read_log_ = nullptr;
};

}  // namespace stepwise::assessment
