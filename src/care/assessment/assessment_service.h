// Use cases for biopsychosocial assessments and continued-stay reviews: started, autosaved as drafts,
// completed with all six ASAM dimensions rated (the level-of-care recommendation is stored then), the
// clinician's decision (a reason when it differs from the recommendation), and the outcome: admission to
// IOP (the assessment, the episode and the inquiry in one transaction) or referral elsewhere. One
// transaction per call; client access as ClientService; changes audited (category "clinical"), reads
// recorded through the ReadLog. Thread-safe.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "care/admissions/client_service.h"
#include "care/assessment/assessment_json.h"
#include "care/assessment/assessment_model.h"
#include "care/assessment/level_of_care.h"
#include "platform/audit/audit_log.h"
#include "platform/base/clock.h"
#include "platform/base/dates.h"
#include "platform/db/database.h"
#include "platform/security/actor.h"

namespace stepwise::assessment {

// Records an inquiry's outcome inside the caller's transaction (InquiryService::RecordOutcomeIn, wired by
// the composition root): stage assessed | admitted | referred.
using InquiryOutcome = std::function<Status(db::Transaction&, const Actor&, const std::string& inquiry_id,
                                            const std::string& stage, const std::string& detail)>;
// The inquiry an initial assessment of a client belongs to (InquiryService::InquiryOfClientIn): the named
// one, checked, or the client's unsettled inquiry, or "".
using InquiryOfClient = std::function<Result<std::string>(db::Transaction&, const Actor&,
                                                          const std::string& client_id, const std::string& inquiry_id)>;

struct NewAssessment {
  std::string client_id;
  std::string kind = "initial";
  std::string inquiry_id;
  std::string episode_id;  // "" = the client's current episode
};

// A draft's changes (PATCH); absent parts stay as they are.
struct AssessmentChanges {
  SectionChanges sections;
  std::optional<std::vector<Substance>> substances;  // the whole list
  std::vector<DimensionRating> dimensions;           // replaces the dimensions with these numbers
  std::optional<std::vector<std::string>> flags;     // the whole list of clinician flags
};

struct AssessmentView {
  Assessment assessment;
  std::vector<std::string> instrument_flags;  // of completed responses linked to the assessment
  std::optional<Recommendation> fresh;        // a draft's recommendation once any rating is present
  std::vector<InstrumentResponse> responses;  // linked responses (summaries)
};

struct Admission {
  Date admission_date{};
  std::string track_id;
  std::string counselor_id;
  std::string program_id;  // needed only when the client has no episode before admission
};

class AssessmentService {
 public:
  AssessmentService(db::Database& db, const Clock& clock, admissions::ClientService& clients,
                    const LevelOfCarePolicy& policy)
      : db_(db), clock_(clock), clients_(clients), policy_(&policy) {}
  void SetReadLog(audit::ReadLog* log) { read_log_ = log; }
  void SetInquiryOutcome(InquiryOutcome f) { inquiry_outcome_ = std::move(f); }
  void SetInquiryOfClient(InquiryOfClient f) { inquiry_of_client_ = std::move(f); }
  void SetPolicy(const LevelOfCarePolicy& policy) { policy_ = &policy; }
  const LevelOfCarePolicy& policy() const { return *policy_; }

  Result<AssessmentView> Start(const Actor& actor, NewAssessment draft);
  Result<AssessmentView> Get(const Actor& actor, const std::string& id);
  Result<std::vector<Assessment>> List(const Actor& actor, const std::string& client_id);
  // Autosave of a draft; kConflict once complete.
  Result<AssessmentView> Save(const Actor& actor, const std::string& id, std::int64_t expected,
                              const AssessmentChanges& changes);
  // Field errors "dimensions[i].rating" / "dimensions[i].rationale" until all six are rated with a rationale
  // (the draft stays as it is); then stores the recommendation (and, for a continued-stay review, the
  // direction against the episode's level) and moves a linked inquiry to "assessed".
  Result<AssessmentView> Complete(const Actor& actor, const std::string& id, std::int64_t expected);
  // The clinician's decision; field "reason" is required when `level` differs from the recommendation.
  // For a continued-stay review the episode's level of care follows the decision.
  Result<AssessmentView> Decide(const Actor& actor, const std::string& id, std::int64_t expected,
                                const std::string& level, const std::string& reason);
  // Needs a decision for the policy's IOP level (kConflict naming "decision" otherwise). One transaction:
  // the outcome, the episode (stage orientation, level, admission date, track, counselor) and the inquiry.
  Result<AssessmentView> Admit(const Actor& actor, const std::string& id, std::int64_t expected,
                               const Admission& admission);
  // Outcome referred; the inquiry moves to referred; an episode still before admission is closed.
  Result<AssessmentView> Refer(const Actor& actor, const std::string& id, std::int64_t expected,
                               const std::string& referred_to, const std::string& note);
  Result<AssessmentView> Void(const Actor& actor, const std::string& id, std::int64_t expected,
                              const std::string& reason);

 private:
  Result<Assessment> LoadChecked(db::Transaction& tx, const Actor& actor, const std::string& id);
  // `check_access` false after a write call checked it (an admission may name another counselor).
  Result<AssessmentView> View(db::Transaction& tx, const Actor& actor, const std::string& id, bool check_access);
  Result<Recommendation> RecommendFor(db::Transaction& tx, const Assessment& a) const;
  Status MoveInquiry(db::Transaction& tx, const Actor& actor, const Assessment& a, const std::string& stage,
                     const std::string& detail, bool required);
  Status RecordRead(const Actor& actor, const audit::Event& event) const;
  std::string Now() const;

  db::Database& db_;
  const Clock& clock_;
  admissions::ClientService& clients_;
  const LevelOfCarePolicy* policy_;
  InquiryOutcome inquiry_outcome_;
  InquiryOfClient inquiry_of_client_;
  audit::ReadLog* read_log_ = nullptr;
};

}  // namespace stepwise::assessment
