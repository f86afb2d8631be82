// Use cases for individualized treatment plans: a draft prefilled from the latest assessment, edits while
// a draft, signing (client, counselor as author, a licensed supervisor's co-signature when the author is
// unlicensed) into an active version that supersedes the previous one, new versions with a reason, the
// diff between versions, reviews, the plans-due list and each program's catalog. One transaction per
// call; client access as ClientService (caseload scope sees its own clients; others are "not found");
// changes audited in their transaction (data category "treatment_plan"), reads recorded through the
// ReadLog. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "care/admissions/client_service.h"
#include "care/documents/signature.h"
#include "care/plans/plan_document.h"
#include "care/plans/plan_records.h"
#include "platform/audit/audit_log.h"
#include "platform/base/clock.h"
#include "platform/db/database.h"
#include "platform/security/actor.h"

namespace stepwise::plans {

struct VersionView {
  PlanVersion version;
  PlannedHours hours;
  std::vector<CheckResult> checks;
  std::string population;  // "adult" or "adolescent" on the version's date
  std::string level_of_care;
};

struct PlanView {
  Plan plan;
  std::string status;  // "draft" until a version is active, then "active"
  std::optional<Date> initial_due;
};

struct Preview {
  std::string text;
  std::string content_sha256;
};

struct CatalogView {
  std::string program_id;
  std::string source;     // "program" (its own catalog) or "installation"
  std::int64_t version = 0;  // 0 while the program has none of its own
  PlanSettings settings;  // effective
};

// The plan as a section of a disclosure (consent category "treatment_plan"), for the composition root to
// hand to the disclosure service.
struct PlanSection {
  std::string title = "Treatment plan";
  std::vector<std::pair<std::string, std::string>> fields;
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;
  std::string note;
};

// The settings in effect for a program inside the caller's transaction: `base` (the installation's) with
// the program's own catalog over it when it has one. The weekly session optimizer reads which interventions
// it schedules from here.
Result<PlanSettings> SettingsForProgramIn(db::Transaction& tx, const PlanSettings& base, const std::string& org_id,
                                          const std::string& program_id);

class PlanService {
 public:
  PlanService(db::Database& db, const Clock& clock, admissions::ClientService& clients, const PlanSettings& settings)
      : db_(db), clock_(clock), clients_(clients), settings_(&settings) {}
  // The same service acting as of another clock's time (the demo's back-dated history, tests).
  PlanService(const PlanService& other, const Clock& clock)
      : db_(other.db_), clock_(clock), clients_(other.clients_), settings_(other.settings_),
        read_log_(other.read_log_) {}
  void SetReadLog(audit::ReadLog* log) { read_log_ = log; }
  void SetSettings(const PlanSettings& settings) { settings_ = &settings; }
  const PlanSettings& settings() const { return *settings_; }

  // A new plan for the client's open, admitted episode (orientation, treatment or aftercare): version 1, a
  // draft with a problem for each dimension rated 2 or more in the latest completed assessment. kConflict
  // naming "episode_id" without such an episode or when the episode has a plan already.
  Result<PlanView> Create(const Actor& actor, const std::string& client_id);
  Result<PlanView> Get(const Actor& actor, const std::string& plan_id);
  Result<std::vector<PlanView>> ListForClient(const Actor& actor, const std::string& client_id);
  Result<VersionView> GetVersion(const Actor& actor, const std::string& plan_id, int no);
  // Replaces a draft's content. Field errors name the JSON path; a version anyone has signed is locked
  // (kConflict naming "version"); kFailedPrecondition when `expected` is stale.
  Result<VersionView> SaveVersion(const Actor& actor, const std::string& plan_id, int no, std::int64_t expected,
                                  PlanContent content);
  // A new draft copied from the active version; "reason" is required. kConflict while a newer version is
  // not yet active, or before any version is.
  Result<VersionView> NewVersion(const Actor& actor, const std::string& plan_id, const std::string& reason);
  Result<std::vector<Change>> Diff(const Actor& actor, const std::string& plan_id, int no, int against);
  // The text a signer is shown and its SHA-256.
  Result<Preview> PreviewVersion(const Actor& actor, const std::string& plan_id, int no);
  // Adds a signature. The version must be signable (goals, objectives, interventions; field errors
  // otherwise), `content_sha256` must match a fresh rendering (kConflict naming it), the role must be due
  // (field "signature.role"). The counselor who signs is the author; when their credentials are not
  // licensed a licensed supervisor co-signs last. Fully signed, the version becomes active and the
  // previous active version superseded; the review clock restarts.
  Result<VersionView> Sign(const Actor& actor, const std::string& plan_id, int no, const std::string& content_sha256,
                           documents::Signature signature, const documents::SigningContext& context);
  // The version as a PDF with its signatures; audited as an export.
  Result<std::string> Pdf(const Actor& actor, const std::string& plan_id, int no);

  // Records a review of the active version and moves the next review date.
  Result<Review> AddReview(const Actor& actor, const std::string& plan_id, ReviewContent review);
  Result<std::vector<Review>> Reviews(const Actor& actor, const std::string& plan_id);

  // Initial plans and reviews due within `within_days` (or overdue), soonest first: a caseload-scoped
  // actor sees their caseload (as ClientService: their clients, their groups', emergency grants), a
  // program-scoped one everyone.
  Result<std::vector<DueItem>> Due(const Actor& actor, int within_days);

  Result<CatalogView> Catalog(const Actor& actor, const std::string& program_id);
  // Stores a program's own catalog (JSON text from NormalizeProgramCatalog); `expected` 0 for the first.
  Result<CatalogView> PutCatalog(const Actor& actor, const std::string& program_id, std::int64_t expected,
                                 const std::string& catalog_json);

  // The client's active plan (or a note that there is none) inside the caller's transaction.
  Result<PlanSection> TreatmentPlanSectionIn(db::Transaction& tx, const Actor& actor, const std::string& client_id);

 private:
  Result<Plan> LoadChecked(db::Transaction& tx, const Actor& actor, const std::string& plan_id);
  Result<PlanVersion> LoadVersion(db::Transaction& tx, const Plan& plan, int no);
  Result<PlanSettings> SettingsFor(db::Transaction& tx, const std::string& org_id, const std::string& program_id) const;
  Result<VersionView> ViewOf(db::Transaction& tx, const Plan& plan, PlanVersion v);
  Result<pdf::Document> DocumentOf(db::Transaction& tx, const Plan& plan, const VersionView& view);
  // Fills intervention labels and staff names; field errors for unknown staff or staff not qualified.
  Status PrepareContent(db::Transaction& tx, const std::string& org_id, const PlanSettings& settings,
                        PlanContent& content);
  Result<bool> IsLicensed(db::Transaction& tx, const std::string& org_id, const std::string& staff_id,
                          const PlanSettings& settings) const;
  PlanView ViewOfPlan(const Plan& p) const;
  Status RecordRead(const Actor& actor, const audit::Event& event) const;
  std::string Now() const;
  Date Today() const;

  db::Database& db_;
  const Clock& clock_;
  admissions::ClientService& clients_;
  const PlanSettings* settings_;
  audit::ReadLog* read_log_ = nullptr;
};

}  // namespace stepwise::plans
