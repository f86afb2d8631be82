#include "care/plans/plan_service.h"

#include <algorithm>

#include "care/admissions/client_store.h"
#include "care/assessment/assessment_store.h"
#include "care/documents/signature_store.h"
#include "care/plans/plan_catalog.h"
#include "care/plans/plan_store.h"
#include "care/program/program_service.h"
#include "care/program/program_store.h"
#include "care/program/staff_store.h"
#include "platform/base/uuid.h"
#include "platform/db/records.h"
#include "platform/db/transaction_scope.h"

namespace stepwise::plans {

using admissions::ClientStore;
using db::Access;
using db::Transaction;

namespace {

constexpr const char* kCategory = "treatment_plan";

Status Audit(Transaction& tx, const Actor& actor, const char* action, const Plan& p, const std::string& now,
             const std::string& reason) {
  return audit::Append(tx, actor,
                       {.action = action,
                        .resource_type = "plan",
                        .resource_id = p.meta.id,
                        .client_id = p.client_id,
                        .data_category = kCategory,
                        .reason = reason},
                       now);
}

std::string ActorName(const Actor& actor) { return actor.display_name.empty() ? actor.username : actor.display_name; }

bool Admitted(const std::string& stage) {
  return stage == "orientation" || stage == "treatment" || stage == "aftercare";
}

bool Current(const program::Credential& c, Date today) {
  return !c.expires_on || std::chrono::sys_days(*c.expires_on) >= std::chrono::sys_days(today);
}

}  // namespace

std::string PlanService::Now() const { return FormatTimestamp(clock_.Now()); }
Date PlanService::Today() const { return UtcDate(clock_.Now()); }

Status PlanService::RecordRead(const Actor& actor, const audit::Event& event) const {
  if (!read_log_) return Ok();
  return read_log_->Record(actor, event);
}

Result<Plan> PlanService::LoadChecked(Transaction& tx, const Actor& actor, const std::string& plan_id) {
  SW_ASSIGN(auto p, db::Found(PlanStore::Get(tx, actor.org_id, plan_id), "plan"));
  if (!clients_.CheckAccessIn(tx, actor, p.client_id).ok()) return Error::NotFound("no such plan");
  return p;
}

Result<PlanVersion> PlanService::LoadVersion(Transaction& tx, const Plan& plan, int no) {
  SW_ASSIGN(auto v, db::Found(PlanStore::GetVersion(tx, plan.meta.org_id, plan.meta.id, no), "plan version"));
  SW_ASSIGN(v.signatures, documents::SignaturesOf(tx, plan.meta.org_id, "plan_version", v.id));
  return v;
}

Result<PlanSettings> SettingsForProgramIn(Transaction& tx, const PlanSettings& base, const std::string& org_id,
                                          const std::string& program_id) {
  SW_ASSIGN(auto stored, PlanStore::Catalog(tx, org_id, program_id));
  if (!stored) return base;
  return WithProgramCatalog(base, stored->catalog_json);
}

Result<PlanSettings> PlanService::SettingsFor(Transaction& tx, const std::string& org_id,
                                              const std::string& program_id) const {
  return SettingsForProgramIn(tx, *settings_, org_id, program_id);
}

Result<bool> PlanService::IsLicensed(Transaction& tx, const std::string& org_id, const std::string& staff_id,
                                     const PlanSettings& settings) const {
  if (staff_id.empty()) return false;
  SW_ASSIGN(auto staff, program::StaffStore::Get(tx, org_id, staff_id));
  if (!staff) return false;
  const Date today = Today();
  return std::any_of(staff->credentials.begin(), staff->credentials.end(),
                     [&](const program::Credential& c) { return settings.IsLicensed(c.type) && Current(c, today); });
}

Result<VersionView> PlanService::ViewOf(Transaction& tx, const Plan& plan, PlanVersion v) {
  VersionView view;
  SW_ASSIGN(auto settings, SettingsFor(tx, plan.meta.org_id, plan.program_id));
  SW_ASSIGN(auto client, db::Found(ClientStore::Get(tx, plan.meta.org_id, plan.client_id), "client"));
  SW_ASSIGN(auto episode, db::Found(ClientStore::GetEpisode(tx, plan.meta.org_id, plan.episode_id), "episode"));
  std::vector<std::string> days;
  if (!v.content.preferred_track_id.empty()) {
    SW_ASSIGN(auto track, program::ProgramStore::GetTrack(tx, plan.meta.org_id, v.content.preferred_track_id));
    if (track) days = track->days;
  }
  const Date on = ParseTimestamp(v.created_at) ? UtcDate(*ParseTimestamp(v.created_at)) : Today();
  view.population = PopulationOf(client.birth_date, on, settings);
  view.level_of_care = episode.level_of_care;
  view.hours = ComputeHours(v.content, settings, days);
  view.checks = EvaluateChecks(view.hours, settings.intensity_checks, view.level_of_care, view.population);
  view.version = std::move(v);
  return view;
}

PlanView PlanService::ViewOfPlan(const Plan& p) const {
  PlanView v{p, p.active_version_no ? "active" : "draft", std::nullopt};
  if (p.admission_date) v.initial_due = InitialPlanDue(*p.admission_date, *settings_);
  return v;
}

Status PlanService::PrepareContent(Transaction& tx, const std::string& org_id, const PlanSettings& settings,
                                   PlanContent& content) {
  AssignIds(content, [this] { return NewUuidV7(clock_.Now()); });
  FieldErrors errors;
  CheckContent(content, settings, errors);
  if (!content.preferred_track_id.empty()) {
    SW_ASSIGN(auto track, program::ProgramStore::GetTrack(tx, org_id, content.preferred_track_id));
    if (!track || track->meta.voided) errors.Add("preferred_track_id", "is not a track of the organization");
  }
  const Date today = Today();
  for (std::size_t i = 0; i < content.interventions.size(); ++i) {
    auto& v = content.interventions[i];
    const CatalogIntervention* item = settings.FindIntervention(v.code);
    if (item) v.label = item->label;
    v.staff_name.clear();
    if (v.staff_id.empty()) continue;
    const std::string path = "interventions[" + std::to_string(i) + "].staff_id";
    SW_ASSIGN(auto staff, program::StaffStore::Get(tx, org_id, v.staff_id));
    if (!staff || staff->meta.voided) {
      errors.Add(path, "is not a staff member of the organization");
      continue;
    }
    v.staff_name = program::DisplayName(*staff);
    if (!item || item->staff == "any") continue;
    bool qualified = false;
    for (const auto& c : staff->credentials) {
      if (!Current(c, today)) continue;
      if (item->staff == "credentialed" || (item->staff == "licensed" && settings.IsLicensed(c.type)) ||
          (item->staff == "medical" && settings.IsMedical(c.type))) {
        qualified = true;
      }
    }
    if (!qualified) {
      errors.Add(path, item->label + " needs " +
                           (item->staff == "licensed"   ? std::string("a licensed clinician")
                            : item->staff == "medical" ? std::string("medical staff")
                                                       : std::string("a credentialed staff member")) +
                           "; " + v.staff_name + " holds no such current credential");
    }
  }
  if (!errors.empty()) return errors.ToError();
  return Ok();
}

Result<PlanView> PlanService::Create(const Actor& actor, const std::string& client_id) {
  SW_TRY(program::RequireOrganization(actor));
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<PlanView> {
    SW_ASSIGN(auto client, db::Found(ClientStore::Get(tx, actor.org_id, client_id), "client"));
    SW_TRY(clients_.CheckAccessIn(tx, actor, client_id));
    if (client.meta.voided) return Error::Conflict("the client record is voided");
    SW_ASSIGN(auto episode, ClientStore::CurrentEpisode(tx, actor.org_id, client_id));
    if (!episode || !Admitted(episode->stage)) {
      return Error::Conflict("a treatment plan needs an episode the client is admitted to",
                             {{"episode_id", "the client has no episode in orientation, treatment or aftercare"}});
    }
    SW_ASSIGN(auto existing, PlanStore::PlanOfEpisode(tx, actor.org_id, episode->meta.id));
    if (existing) {
      return Error::Conflict("the episode has a treatment plan already; make a new version of it instead",
                             {{"episode_id", "has plan " + *existing}});
    }
    const std::string now = Now();
    Plan p;
    p.meta = {NewUuidV7(clock_.Now()), actor.org_id, 1, false, "", now, now};
    p.client_id = client_id;
    p.episode_id = episode->meta.id;
    p.program_id = episode->program_id;
    p.admission_date = episode->admission_date;
    PlanVersion v;
    v.id = NewUuidV7(clock_.Now());
    v.org_id = actor.org_id;
    v.plan_id = p.meta.id;
    v.no = 1;
    v.created_by = actor.user_id;
    v.created_by_name = ActorName(actor);
    v.created_at = v.updated_at = now;
    v.content.preferred_track_id = episode->track_id;
    // Problems from the latest completed assessment: every dimension rated 2 (moderate) or more.
    SW_ASSIGN(auto assessments, assessment::AssessmentStore::ListForClient(tx, actor.org_id, client_id));
    for (const auto& a : assessments) {
      if (a.status != "complete" || a.meta.voided) continue;
      SW_ASSIGN(auto full, db::Found(assessment::AssessmentStore::Get(tx, actor.org_id, a.meta.id), "assessment"));
      for (const auto& d : full.dimensions) {
        if (!d.rating || *d.rating < 2) continue;
        std::string text = d.rationale.empty() ? "Dimension " + std::to_string(d.number) + " rated " +
                                                     std::to_string(*d.rating) + " in the assessment"
                                               : d.rationale;
        v.content.problems.push_back({NewUuidV7(clock_.Now()), d.number, text, a.meta.id});
      }
      break;
    }
    SW_TRY(PlanStore::Insert(tx, p));
    SW_TRY(PlanStore::InsertVersion(tx, v));
    SW_TRY(Audit(tx, actor, "create", p, now, "version 1 drafted"));
    SW_ASSIGN(auto stored, db::Found(PlanStore::Get(tx, actor.org_id, p.meta.id), "plan"));
    return ViewOfPlan(stored);
  });
}

Result<PlanView> PlanService::Get(const Actor& actor, const std::string& plan_id) {
  SW_TRY(program::RequireOrganization(actor));
  auto plan = db::InTransaction(db_, Access::kRead, [&](Transaction& tx) { return LoadChecked(tx, actor, plan_id); });
  audit::Event read{.action = "read", .resource_type = "plan", .resource_id = plan_id, .data_category = kCategory};
  if (plan.ok()) read.client_id = plan->client_id;
  if (!plan.ok()) {
    if (plan.error().code != ErrorCode::kNotFound) return std::move(plan).error();
    read.outcome = "denied";
  }
  SW_TRY(RecordRead(actor, read));
  if (!plan.ok()) return std::move(plan).error();
  return ViewOfPlan(*plan);
}

Result<std::vector<PlanView>> PlanService::ListForClient(const Actor& actor, const std::string& client_id) {
  SW_TRY(program::RequireOrganization(actor));
  auto list = db::InTransaction(db_, Access::kRead, [&](Transaction& tx) -> Result<std::vector<Plan>> {
    SW_TRY(db::Found(ClientStore::Get(tx, actor.org_id, client_id), "client"));
    SW_TRY(clients_.CheckAccessIn(tx, actor, client_id));
    return PlanStore::ListForClient(tx, actor.org_id, client_id);
  });
  audit::Event read{.action = "query", .resource_type = "plan", .client_id = client_id, .data_category = kCategory,
                    .reason = "treatment plans of a client"};
  if (!list.ok()) {
    if (list.error().code != ErrorCode::kNotFound) return std::move(list).error();
    read.outcome = "denied";
  }
  SW_TRY(RecordRead(actor, read));
  if (!list.ok()) return std::move(list).error();
  std::vector<PlanView> out;
  for (const auto& p : *list) out.push_back(ViewOfPlan(p));
  return out;
}

Result<VersionView> PlanService::GetVersion(const Actor& actor, const std::string& plan_id, int no) {
  SW_TRY(program::RequireOrganization(actor));
  std::string client_id;
  auto view = db::InTransaction(db_, Access::kRead, [&](Transaction& tx) -> Result<VersionView> {
    SW_ASSIGN(auto plan, LoadChecked(tx, actor, plan_id));
    client_id = plan.client_id;
    SW_ASSIGN(auto v, LoadVersion(tx, plan, no));
    return ViewOf(tx, plan, std::move(v));
  });
  audit::Event read{.action = "read", .resource_type = "plan", .resource_id = plan_id, .client_id = client_id,
                    .data_category = kCategory, .reason = "version " + std::to_string(no)};
  if (!view.ok()) {
    if (view.error().code != ErrorCode::kNotFound) return view;
    read.outcome = "denied";
  }
  SW_TRY(RecordRead(actor, read));
  return view;
}

Result<VersionView> PlanService::SaveVersion(const Actor& actor, const std::string& plan_id, int no,
                                             std::int64_t expected, PlanContent content) {
  SW_TRY(program::RequireOrganization(actor));
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<VersionView> {
    SW_ASSIGN(auto plan, LoadChecked(tx, actor, plan_id));
    SW_ASSIGN(auto v, LoadVersion(tx, plan, no));
    if (IsLocked(v.status)) {
      return Error::Conflict("version " + std::to_string(no) + " is " + v.status +
                                 "; a signed version is locked: make a new version with a reason",
                             {{"version", "is locked (" + v.status + ")"}});
    }
    if (v.version != expected) return Error::StaleVersion();
    SW_ASSIGN(auto settings, SettingsFor(tx, actor.org_id, plan.program_id));
    SW_TRY(PrepareContent(tx, actor.org_id, settings, content));
    v.content = std::move(content);
    const std::string now = Now();
    SW_TRY(PlanStore::UpdateVersion(tx, v, expected, now));
    SW_TRY(Audit(tx, actor, "update", plan, now, "version " + std::to_string(no) + " draft saved"));
    SW_ASSIGN(auto saved, LoadVersion(tx, plan, no));
    return ViewOf(tx, plan, std::move(saved));
  });
}

Result<VersionView> PlanService::NewVersion(const Actor& actor, const std::string& plan_id, const std::string& reason) {
  SW_TRY(program::RequireOrganization(actor));
  if (reason.empty()) return Error::Field("reason", "is required: why the plan changes");
  if (CharacterCount(reason) > 500) return Error::Field("reason", "must be at most 500 characters");
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<VersionView> {
    SW_ASSIGN(auto plan, LoadChecked(tx, actor, plan_id));
    if (plan.meta.voided) return Error::Conflict("the plan is voided");
    if (!plan.active_version_no) {
      return Error::Conflict("version 1 is not active yet; edit or sign it instead",
                             {{"version", "no active version to start from"}});
    }
    if (plan.current_version_no != *plan.active_version_no) {
      return Error::Conflict("version " + std::to_string(plan.current_version_no) +
                                 " is not active yet; finish or edit it first",
                             {{"version", "a newer version is in progress"}});
    }
    SW_ASSIGN(auto active, LoadVersion(tx, plan, *plan.active_version_no));
    const std::string now = Now();
    PlanVersion v;
    v.id = NewUuidV7(clock_.Now());
    v.org_id = actor.org_id;
    v.plan_id = plan.meta.id;
    v.no = plan.current_version_no + 1;
    v.reason = reason;
    v.content = active.content;
    v.created_by = actor.user_id;
    v.created_by_name = ActorName(actor);
    v.created_at = v.updated_at = now;
    SW_TRY(PlanStore::InsertVersion(tx, v));
    Plan changed = plan;
    changed.current_version_no = v.no;
    SW_TRY(PlanStore::Update(tx, changed, plan.meta.version, now));
    SW_TRY(Audit(tx, actor, "update", plan, now, "version " + std::to_string(v.no) + " drafted: " + reason));
    SW_ASSIGN(auto fresh, db::Found(PlanStore::Get(tx, actor.org_id, plan_id), "plan"));
    SW_ASSIGN(auto saved, LoadVersion(tx, fresh, v.no));
    return ViewOf(tx, fresh, std::move(saved));
  });
}

Result<std::vector<Change>> PlanService::Diff(const Actor& actor, const std::string& plan_id, int no, int against) {
  SW_TRY(program::RequireOrganization(actor));
  std::string client_id;
  auto changes = db::InTransaction(db_, Access::kRead, [&](Transaction& tx) -> Result<std::vector<Change>> {
    SW_ASSIGN(auto plan, LoadChecked(tx, actor, plan_id));
    client_id = plan.client_id;
    SW_ASSIGN(auto after, db::Found(PlanStore::GetVersion(tx, actor.org_id, plan_id, no), "plan version"));
    auto before = PlanStore::GetVersion(tx, actor.org_id, plan_id, against);
    if (!before.ok()) return std::move(before).error();
    if (!*before) return Error::Field("against", "is not a version of this plan");
    return plans::Diff((*before)->content, after.content);
  });
  audit::Event read{.action = "read", .resource_type = "plan", .resource_id = plan_id, .client_id = client_id,
                    .data_category = kCategory,
                    .reason = "diff of versions " + std::to_string(against) + " and " + std::to_string(no)};
  if (!changes.ok()) {
    if (changes.error().code != ErrorCode::kNotFound) return changes;
    read.outcome = "denied";
  }
  SW_TRY(RecordRead(actor, read));
  return changes;
}

Result<Review> PlanService::AddReview(const Actor& actor, const std::string& plan_id, ReviewContent review) {
  SW_TRY(program::RequireOrganization(actor));
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<Review> {
    SW_ASSIGN(auto plan, LoadChecked(tx, actor, plan_id));
    if (!plan.active_version_no) {
      return Error::Conflict("only an active plan is reviewed", {{"version", "no version is active yet"}});
    }
    SW_ASSIGN(auto active, LoadVersion(tx, plan, *plan.active_version_no));
    const Date today = Today();
    if (!review.reviewed_on) review.reviewed_on = today;
    FieldErrors errors;
    CheckReview(review, active.content, errors);
    if (std::chrono::sys_days(*review.reviewed_on) > std::chrono::sys_days(today))
      errors.Add("reviewed_on", "cannot be in the future");
    if (plan.activated_on && std::chrono::sys_days(*review.reviewed_on) < std::chrono::sys_days(*plan.activated_on))
      errors.Add("reviewed_on", "is before the active version took effect");
    if (!errors.empty()) return errors.ToError();
    const std::string now = Now();
    Review r;
    r.meta = {NewUuidV7(clock_.Now()), actor.org_id, 1, false, "", now, now};
    r.plan_id = plan.meta.id;
    r.version_no = *plan.active_version_no;
    r.reviewed_on = *review.reviewed_on;
    r.reviewer_staff_id = actor.staff_id;
    r.reviewer_user = actor.user_id;
    r.reviewer_name = ActorName(actor);
    r.content = std::move(review);
    Plan changed = plan;
    if (!changed.last_review_on ||
        std::chrono::sys_days(r.reviewed_on) > std::chrono::sys_days(*changed.last_review_on)) {
      changed.last_review_on = r.reviewed_on;
    }
    changed.next_review_due = NextReviewDue(changed.activated_on.value_or(r.reviewed_on), changed.last_review_on,
                                            *settings_);
    r.next_review_due = changed.next_review_due;
    SW_TRY(PlanStore::InsertReview(tx, r));
    SW_TRY(PlanStore::Update(tx, changed, plan.meta.version, now));
    SW_TRY(Audit(tx, actor, "update", plan, now, "reviewed: " + r.content.level_of_care.direction));
    return r;
  });
}

Result<std::vector<Review>> PlanService::Reviews(const Actor& actor, const std::string& plan_id) {
  SW_TRY(program::RequireOrganization(actor));
  std::string client_id;
  auto list = db::InTransaction(db_, Access::kRead, [&](Transaction& tx) -> Result<std::vector<Review>> {
    SW_ASSIGN(auto plan, LoadChecked(tx, actor, plan_id));
    client_id = plan.client_id;
    return PlanStore::Reviews(tx, actor.org_id, plan_id);
  });
  audit::Event read{.action = "query", .resource_type = "plan_review", .resource_id = plan_id,
                    .client_id = client_id, .data_category = kCategory, .reason = "plan reviews"};
  if (!list.ok()) {
    if (list.error().code != ErrorCode::kNotFound) return list;
    read.outcome = "denied";
  }
  SW_TRY(RecordRead(actor, read));
  return list;
}

Result<std::vector<DueItem>> PlanService::Due(const Actor& actor, int within_days) {
  SW_TRY(program::RequireOrganization(actor));
  if (actor.client_scope == ClientScope::kNone) return std::vector<DueItem>{};
  const Date today = Today();
  const auto horizon = std::chrono::sys_days(today) + std::chrono::days(within_days);
  auto rows = db::InTransaction(db_, Access::kRead, [&](Transaction& tx) -> Result<std::vector<DueCandidate>> {
    // The caseload rule as ClientService applies it: counselor, the groups they facilitate, emergency grants.
    SW_ASSIGN(auto reached, clients_.ReachedIn(tx, actor));
    return PlanStore::DueCandidates(tx, actor.org_id, actor.client_scope == ClientScope::kCaseload, actor.staff_id,
                                    reached);
  });
  if (!rows.ok()) return std::move(rows).error();
  std::vector<DueItem> out;
  for (const auto& c : *rows) {
    DueItem item{c.client_id, c.client_name, c.episode_id, c.counselor_id, c.counselor_name, c.plan_id};
    if (c.active_version_no && c.next_review_due) {
      item.kind = "review";
      item.due_on = *c.next_review_due;
    } else if (!c.active_version_no && c.admission_date) {
      item.kind = "initial";
      item.due_on = InitialPlanDue(*c.admission_date, *settings_);
    } else {
      continue;
    }
    if (std::chrono::sys_days(item.due_on) > horizon) continue;
    item.overdue = std::chrono::sys_days(item.due_on) < std::chrono::sys_days(today);
    out.push_back(std::move(item));
  }
  std::stable_sort(out.begin(), out.end(), [](const DueItem& a, const DueItem& b) {
    return std::chrono::sys_days(a.due_on) < std::chrono::sys_days(b.due_on);
  });
  SW_TRY(RecordRead(actor, {.action = "query", .resource_type = "plan", .data_category = kCategory,
                            .reason = "plans due within " + std::to_string(within_days) + " days"}));
  return out;
}

Result<CatalogView> PlanService::Catalog(const Actor& actor, const std::string& program_id) {
  SW_TRY(program::RequireOrganization(actor));
  return db::InTransaction(db_, Access::kRead, [&](Transaction& tx) -> Result<CatalogView> {
    SW_TRY(db::Found(program::ProgramStore::GetProgram(tx, actor.org_id, program_id), "program"));
    SW_ASSIGN(auto stored, PlanStore::Catalog(tx, actor.org_id, program_id));
    SW_ASSIGN(auto settings, SettingsFor(tx, actor.org_id, program_id));
    return CatalogView{program_id, stored ? "program" : "installation", stored ? stored->version : 0,
                       std::move(settings)};
  });
}

Result<CatalogView> PlanService::PutCatalog(const Actor& actor, const std::string& program_id, std::int64_t expected,
                                            const std::string& catalog_json) {
  SW_TRY(program::RequireOrganization(actor));
  SW_TRY(WithProgramCatalog(*settings_, catalog_json));
  auto done = db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Status {
    SW_TRY(db::Found(program::ProgramStore::GetProgram(tx, actor.org_id, program_id), "program"));
    const std::string now = Now();
    SW_TRY(PlanStore::PutCatalog(tx, actor.org_id, program_id, catalog_json, expected, now));
    return audit::Append(tx, actor,
                         {.action = "update", .resource_type = "plan_catalog", .resource_id = program_id,
                          .data_category = "program", .reason = "program's treatment-plan catalog"},
                         now);
  });
  if (!done.ok()) return std::move(done).error();
  return Catalog(actor, program_id);
}

}  // namespace stepwise::plans
