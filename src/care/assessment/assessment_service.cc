#include "care/assessment/assessment_service.h"

#include <algorithm>
#include <boost/json/object.hpp>

#include "care/admissions/client_store.h"
#include "care/assessment/assessment_store.h"
#include "care/assessment/dsm5.h"
#include "care/assessment/response_service.h"
#include "care/assessment/response_store.h"
#include "care/program/program_service.h"
#include "platform/base/uuid.h"
#include "platform/db/records.h"
#include "platform/db/transaction_scope.h"

namespace stepwise::assessment {

using admissions::ClientStore;
using admissions::Episode;
using db::Access;
using db::Transaction;

namespace {

constexpr const char* kCategory = "clinical";

bool BeforeAdmission(const std::string& stage) { return stage == "intake" || stage == "assessment"; }
bool Admitted(const std::string& stage) {
  return stage == "orientation" || stage == "treatment" || stage == "aftercare";
}

Status Audit(Transaction& tx, const Actor& actor, const char* action, const Assessment& a, const std::string& now,
             const std::string& reason) {
  return audit::Append(tx, actor,
                       {.action = action,
                        .resource_type = "assessment",
                        .resource_id = a.meta.id,
                        .client_id = a.client_id,
                        .data_category = kCategory,
                        .reason = reason},
                       now);
}

Status RequireDraft(const Assessment& a) {
  if (a.status != "draft") return Error::Conflict("only a draft assessment can change; this one is " + a.status);
  return Ok();
}

Status RequireVersion(const Assessment& a, std::int64_t expected) {
  if (a.meta.voided) return Error::Conflict("the record is voided and can no longer change");
  if (a.meta.version != expected) return Error::StaleVersion();
  return Ok();
}

std::string ActorName(const Actor& actor) { return actor.display_name.empty() ? actor.username : actor.display_name; }

}  // namespace

std::string AssessmentService::Now() const { return FormatTimestamp(clock_.Now()); }

Status AssessmentService::RecordRead(const Actor& actor, const audit::Event& event) const {
  if (!read_log_) return Ok();
  return read_log_->Record(actor, event);
}

Result<Assessment> AssessmentService::LoadChecked(Transaction& tx, const Actor& actor, const std::string& id) {
  SW_ASSIGN(auto a, db::Found(AssessmentStore::Get(tx, actor.org_id, id), "assessment"));
  if (!clients_.CheckAccessIn(tx, actor, a.client_id).ok()) return Error::NotFound("no such assessment");
  return a;
}

Result<Recommendation> AssessmentService::RecommendFor(Transaction& tx, const Assessment& a) const {
  LevelOfCareInput input;
  for (const auto& d : a.dimensions) {
    if (d.number >= 1 && d.number <= 6) input.ratings[static_cast<std::size_t>(d.number - 1)] = d.rating;
  }
  for (const auto& f : a.flags) input.flags.insert(f);
  SW_ASSIGN(auto instrument_flags, ResponseService::AssessmentFlagsIn(tx, a.meta.org_id, a.meta.id));
  for (const auto& f : instrument_flags) {
    if (policy_->HasFlag(f)) input.flags.insert(f);
  }
  return policy_->Recommend(input);
}

Result<AssessmentView> AssessmentService::View(Transaction& tx, const Actor& actor, const std::string& id,
                                               bool check_access) {
  AssessmentView v;
  if (check_access) {
    SW_ASSIGN(v.assessment, LoadChecked(tx, actor, id));
  } else {
    SW_ASSIGN(v.assessment, db::Found(AssessmentStore::Get(tx, actor.org_id, id), "assessment"));
  }
  SW_ASSIGN(v.instrument_flags, ResponseService::AssessmentFlagsIn(tx, actor.org_id, id));
  SW_ASSIGN(v.responses, ResponseStore::List(tx, actor.org_id, {.assessment_id = id}));
  if (v.assessment.status == "draft" && AnyRating(v.assessment.dimensions)) {
    auto rec = RecommendFor(tx, v.assessment);
    if (rec.ok()) v.fresh = std::move(rec).value();
  }
  return v;
}

Status AssessmentService::MoveInquiry(Transaction& tx, const Actor& actor, const Assessment& a,
                                      const std::string& stage, const std::string& detail, bool required) {
  if (a.inquiry_id.empty() || !inquiry_outcome_) return Ok();
  auto moved = inquiry_outcome_(tx, actor, a.inquiry_id, stage, detail);
  if (moved.ok()) return moved;
  const auto code = moved.error().code;
  // The pipeline may already be past "assessed" (e.g. waitlisted): completing the assessment still counts.
  if (!required && code == ErrorCode::kFailedPrecondition) return Ok();
  if (code == ErrorCode::kFailedPrecondition || code == ErrorCode::kNotFound) {
    return Error::Conflict("the linked inquiry cannot move to " + stage + ": " + moved.error().message,
                           {{"inquiry_id", moved.error().message}});
  }
  return moved;
}

Result<AssessmentView> AssessmentService::Start(const Actor& actor, NewAssessment draft) {
  SW_TRY(program::RequireOrganization(actor));
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<AssessmentView> {
    SW_ASSIGN(auto client, db::Found(ClientStore::Get(tx, actor.org_id, draft.client_id), "client"));
    SW_TRY(clients_.CheckAccessIn(tx, actor, draft.client_id));
    if (client.meta.voided) return Error::Conflict("the client record is voided");
    std::optional<Episode> episode;
    if (!draft.episode_id.empty()) {
      SW_ASSIGN(episode, ClientStore::GetEpisode(tx, actor.org_id, draft.episode_id));
      if (!episode || episode->client_id != draft.client_id || episode->meta.voided)
        return Error::Field("episode_id", "is not an episode of this client");
    } else {
      SW_ASSIGN(episode, ClientStore::CurrentEpisode(tx, actor.org_id, draft.client_id));
      if (episode && !admissions::IsOpenStage(episode->stage)) episode.reset();
    }
    // An initial assessment belongs to the inquiry that brought the client, so completing, admitting or
    // referring moves the admissions pipeline too.
    std::string inquiry_id = draft.inquiry_id;
    if (inquiry_of_client_ && (draft.kind == "initial" || !inquiry_id.empty())) {
      SW_ASSIGN(inquiry_id, inquiry_of_client_(tx, actor, draft.client_id, draft.inquiry_id));
    } else if (!inquiry_id.empty()) {
      return Error::Field("inquiry_id", "cannot be checked: the admissions pipeline is not connected");
    }
    if (draft.kind == "continued_stay" && (!episode || !Admitted(episode->stage))) {
      return Error::Conflict("a continued-stay review needs an episode of care the client is admitted to",
                             {{"episode_id", "is not an admitted episode"}});
    }
    const std::string now = Now();
    Assessment a;
    a.meta = {NewUuidV7(clock_.Now()), actor.org_id, 1, false, "", now, now};
    a.client_id = draft.client_id;
    a.episode_id = episode ? episode->meta.id : "";
    a.inquiry_id = inquiry_id;
    a.kind = draft.kind;
    a.assessor_id = actor.staff_id;
    a.assessor_user = actor.user_id;
    a.asam_edition = policy_->edition();
    a.started_at = now;
    if (draft.kind == "continued_stay") a.current_level = episode->level_of_care;
    a.dimensions = EmptyDimensions();
    SW_TRY(AssessmentStore::Insert(tx, a));
    SW_TRY(Audit(tx, actor, "create", a, now, draft.kind));
    return View(tx, actor, a.meta.id, false);
  });
}

Result<AssessmentView> AssessmentService::Get(const Actor& actor, const std::string& id) {
  SW_TRY(program::RequireOrganization(actor));
  auto view = db::InTransaction(db_, Access::kRead, [&](Transaction& tx) { return View(tx, actor, id, true); });
  audit::Event read{.action = "read", .resource_type = "assessment", .resource_id = id, .data_category = kCategory};
  if (view.ok()) read.client_id = view->assessment.client_id;
  if (!view.ok()) {
    if (view.error().code != ErrorCode::kNotFound) return view;
    read.outcome = "denied";
  }
  SW_TRY(RecordRead(actor, read));
  return view;
}

Result<std::vector<Assessment>> AssessmentService::List(const Actor& actor, const std::string& client_id) {
  SW_TRY(program::RequireOrganization(actor));
  auto list = db::InTransaction(db_, Access::kRead, [&](Transaction& tx) -> Result<std::vector<Assessment>> {
    SW_TRY(db::Found(ClientStore::Get(tx, actor.org_id, client_id), "client"));
    SW_TRY(clients_.CheckAccessIn(tx, actor, client_id));
    return AssessmentStore::ListForClient(tx, actor.org_id, client_id);
  });
  audit::Event read{.action = "query",
                    .resource_type = "assessment",
                    .client_id = client_id,
                    .data_category = kCategory,
                    .reason = "assessment history"};
  if (!list.ok()) {
    if (list.error().code != ErrorCode::kNotFound) return list;
    read.outcome = "denied";
  }
  SW_TRY(RecordRead(actor, read));
  return list;
}

Result<AssessmentView> AssessmentService::Save(const Actor& actor, const std::string& id, std::int64_t expected,
                                               const AssessmentChanges& changes) {
  SW_TRY(program::RequireOrganization(actor));
  FieldErrors errors;
  if (changes.substances) CheckSubstances(*changes.substances, errors);
  CheckDimensions(changes.dimensions, false, errors);
  for (std::size_t i = 0; i < changes.dimensions.size(); ++i) {
    const int n = changes.dimensions[i].number;
    if (n < 1 || n > 6) errors.Add("dimensions[" + std::to_string(i) + "].number", "must be 1 to 6");
  }
  if (changes.flags) {
    for (std::size_t i = 0; i < changes.flags->size(); ++i) {
      if (!policy_->HasFlag((*changes.flags)[i]))
        errors.Add("flags[" + std::to_string(i) + "]", "is not a flag of the level-of-care policy");
    }
  }
  if (!errors.empty()) return errors.ToError();
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<AssessmentView> {
    SW_ASSIGN(auto a, LoadChecked(tx, actor, id));
    SW_TRY(RequireDraft(a));
    if (!changes.sections.empty()) a.sections_json = MergeSections(a.sections_json, changes.sections);
    if (changes.substances) {
      a.substances = *changes.substances;
      for (auto& s : a.substances) s.severity = SudSeverity(static_cast<int>(s.criteria.size()));
    }
    for (const auto& d : changes.dimensions) a.dimensions[static_cast<std::size_t>(d.number - 1)] = d;
    if (changes.flags) a.flags = *changes.flags;
    const std::string now = Now();
    SW_TRY(AssessmentStore::Update(tx, a, expected, now));
    SW_TRY(Audit(tx, actor, "update", a, now, "draft saved"));
    return View(tx, actor, id, false);
  });
}

Result<AssessmentView> AssessmentService::Complete(const Actor& actor, const std::string& id, std::int64_t expected) {
  SW_TRY(program::RequireOrganization(actor));
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<AssessmentView> {
    SW_ASSIGN(auto a, LoadChecked(tx, actor, id));
    SW_TRY(RequireVersion(a, expected));
    SW_TRY(RequireDraft(a));
    FieldErrors errors;
    CheckDimensions(a.dimensions, true, errors);
    if (!errors.empty()) return errors.ToError("rate all six dimensions, each with a rationale, to complete");
    SW_ASSIGN(auto rec, RecommendFor(tx, a));
    const std::string now = Now();
    a.status = "complete";
    a.completed_at = now;
    a.recommendation_json = ToText(RecommendationJson(rec));
    a.recommended_level = rec.level;
    if (a.kind == "continued_stay") {
      SW_ASSIGN(auto episode, db::Found(ClientStore::GetEpisode(tx, actor.org_id, a.episode_id), "episode"));
      a.current_level = episode.level_of_care;
      a.direction = std::string(DirectionCode(policy_->Compare(a.current_level, rec.level)));
    }
    SW_TRY(AssessmentStore::Update(tx, a, expected, now));
    SW_TRY(Audit(tx, actor, "update", a, now, "completed; recommended " + rec.level));
    SW_TRY(MoveInquiry(tx, actor, a, "assessed", "", false));
    return View(tx, actor, id, false);
  });
}

Result<AssessmentView> AssessmentService::Decide(const Actor& actor, const std::string& id, std::int64_t expected,
                                                 const std::string& level, const std::string& reason) {
  SW_TRY(program::RequireOrganization(actor));
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<AssessmentView> {
    SW_ASSIGN(auto a, LoadChecked(tx, actor, id));
    SW_TRY(RequireVersion(a, expected));
    if (a.status != "complete") return Error::Conflict("complete the assessment before deciding the level of care");
    if (!a.outcome_kind.empty()) return Error::Conflict("the outcome is recorded; the decision can no longer change");
    FieldErrors errors;
    if (!policy_->FindLevel(level)) errors.Add("level", "is not a level of care of the policy's edition");
    if (level != a.recommended_level && reason.empty()) {
      errors.Add("reason",
                 "is required when the decision differs from the recommendation (" + a.recommended_level + ")");
    }
    if (!errors.empty()) return errors.ToError();
    const std::string now = Now();
    a.decided_level = level;
    a.decision_reason = reason;
    a.decided_by = actor.user_id;
    a.decided_by_name = ActorName(actor);
    a.decided_at = now;
    if (a.kind == "continued_stay") {
      SW_ASSIGN(auto episode, db::Found(ClientStore::GetEpisode(tx, actor.org_id, a.episode_id), "episode"));
      boost::json::object detail{{"episode_id", episode.meta.id}, {"previous_level", episode.level_of_care}};
      if (episode.level_of_care != level) {
        Episode changed = episode;
        changed.level_of_care = level;
        SW_TRY(clients_.UpdateEpisodeIn(tx, actor, changed, episode.meta.version));
        a.outcome_kind = "level_changed";
      } else {
        a.outcome_kind = "continued";
      }
      a.outcome_detail_json = ToText(detail);
      a.outcome_at = now;
    }
    SW_TRY(AssessmentStore::Update(tx, a, expected, now));
    SW_TRY(Audit(tx, actor, "update", a, now,
                 "decided " + level + (level != a.recommended_level ? " (differs from the recommendation)" : "")));
    return View(tx, actor, id, false);
  });
}

Result<AssessmentView> AssessmentService::Admit(const Actor& actor, const std::string& id, std::int64_t expected,
                                                const Admission& admission) {
  SW_TRY(program::RequireOrganization(actor));
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<AssessmentView> {
    SW_ASSIGN(auto a, LoadChecked(tx, actor, id));
    SW_TRY(RequireVersion(a, expected));
    if (a.kind != "initial") return Error::Conflict("only an initial assessment leads to an admission");
    if (!a.outcome_kind.empty()) return Error::Conflict("the outcome is already recorded: " + a.outcome_kind);
    if (a.decided_level.empty() || a.decided_level != policy_->iop_level().code) {
      return Error::Conflict(
          "admission to intensive outpatient care needs a decision for level " + policy_->iop_level().code,
          {{"decision", a.decided_level.empty() ? "is missing" : "is " + a.decided_level + ", not the IOP level"}});
    }
    // The episode opened for the assessment, if it is still before admission; else a new one.
    std::optional<Episode> episode;
    if (!a.episode_id.empty()) {
      SW_ASSIGN(episode, ClientStore::GetEpisode(tx, actor.org_id, a.episode_id));
    }
    if (!episode || episode->meta.voided || !admissions::IsOpenStage(episode->stage)) {
      SW_ASSIGN(episode, ClientStore::CurrentEpisode(tx, actor.org_id, a.client_id));
      if (episode && !admissions::IsOpenStage(episode->stage)) episode.reset();
    }
    if (episode && !BeforeAdmission(episode->stage)) {
      return Error::Conflict("the client is already admitted to an episode of care (stage " + episode->stage + ")");
    }
    Episode e;
    if (episode) {
      e = *episode;
      if (!admission.program_id.empty() && admission.program_id != e.program_id)
        return Error::Field("program_id", "differs from the program of the client's open episode");
    } else {
      if (admission.program_id.empty())
        return Error::Field("program_id", "is required: the client has no episode of care to admit into");
      e.client_id = a.client_id;
      e.program_id = admission.program_id;
    }
    e.stage = "orientation";
    e.level_of_care = a.decided_level;
    e.admission_date = admission.admission_date;
    if (!admission.track_id.empty()) e.track_id = admission.track_id;
    if (!admission.counselor_id.empty()) e.counselor_id = admission.counselor_id;
    if (episode) {
      SW_ASSIGN(e, clients_.UpdateEpisodeIn(tx, actor, e, episode->meta.version));
    } else {
      SW_ASSIGN(e, clients_.OpenEpisodeIn(tx, actor, e));
    }
    const std::string now = Now();
    a.episode_id = e.meta.id;
    a.outcome_kind = "admitted";
    a.outcome_detail_json = ToText(boost::json::object{{"episode_id", e.meta.id},
                                                       {"admission_date", FormatDate(admission.admission_date)},
                                                       {"track_id", e.track_id},
                                                       {"counselor_id", e.counselor_id}});
    a.outcome_at = now;
    SW_TRY(AssessmentStore::Update(tx, a, expected, now));
    SW_TRY(Audit(tx, actor, "update", a, now, "admitted"));
    SW_TRY(MoveInquiry(tx, actor, a, "admitted", "", true));
    return View(tx, actor, id, false);
  });
}

Result<AssessmentView> AssessmentService::Refer(const Actor& actor, const std::string& id, std::int64_t expected,
                                                const std::string& referred_to, const std::string& note) {
  SW_TRY(program::RequireOrganization(actor));
  if (referred_to.empty()) return Error::Field("referred_to", "is required: where the client is referred");
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<AssessmentView> {
    SW_ASSIGN(auto a, LoadChecked(tx, actor, id));
    SW_TRY(RequireVersion(a, expected));
    if (a.kind != "initial") return Error::Conflict("only an initial assessment ends in a referral");
    if (!a.outcome_kind.empty()) return Error::Conflict("the outcome is already recorded: " + a.outcome_kind);
    if (a.decided_level.empty()) {
      return Error::Conflict("decide the level of care before referring", {{"decision", "is missing"}});
    }
    const std::string now = Now();
    boost::json::object detail{{"referred_to", referred_to}, {"note", note}, {"level", a.decided_level}};
    if (!a.episode_id.empty()) {
      SW_ASSIGN(auto episode, ClientStore::GetEpisode(tx, actor.org_id, a.episode_id));
      if (episode && !episode->meta.voided && BeforeAdmission(episode->stage)) {
        Episode closed = *episode;
        closed.stage = "discharged";
        closed.discharge_date = UtcDate(clock_.Now());
        if (closed.admission_date &&
            std::chrono::sys_days(*closed.admission_date) > std::chrono::sys_days(*closed.discharge_date)) {
          closed.admission_date.reset();
        }
        SW_TRY(clients_.UpdateEpisodeIn(tx, actor, closed, episode->meta.version));
        detail["closed_episode_id"] = episode->meta.id;
      }
    }
    a.outcome_kind = "referred";
    a.outcome_detail_json = ToText(detail);
    a.outcome_at = now;
    SW_TRY(AssessmentStore::Update(tx, a, expected, now));
    SW_TRY(Audit(tx, actor, "update", a, now, "referred"));
    SW_TRY(MoveInquiry(tx, actor, a, "referred", referred_to, true));
    return View(tx, actor, id, false);
  });
}

Result<AssessmentView> AssessmentService::Void(const Actor& actor, const std::string& id, std::int64_t expected,
                                               const std::string& reason) {
  SW_TRY(program::RequireOrganization(actor));
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<AssessmentView> {
    SW_ASSIGN(auto a, LoadChecked(tx, actor, id));
    if (!a.outcome_kind.empty() && a.outcome_kind != "continued") {
      return Error::Conflict("the assessment's outcome (" + a.outcome_kind +
                             ") is recorded; correct the episode or inquiry instead");
    }
    const std::string now = Now();
    SW_TRY(AssessmentStore::Void(tx, actor.org_id, id, expected, reason, now));
    SW_TRY(Audit(tx, actor, "void", a, now, reason));
    return View(tx, actor, id, false);
  });
}

}  // namespace stepwise::assessment
