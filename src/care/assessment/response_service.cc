#include "care/assessment/response_service.h"

#include <algorithm>

#include "care/admissions/client_store.h"
#include "care/assessment/assessment_json.h"
#include "care/assessment/response_store.h"
#include "care/program/program_service.h"
#include "care/program/staff_service.h"
#include "platform/base/uuid.h"
#include "platform/db/records.h"
#include "platform/db/transaction_scope.h"

namespace stepwise::assessment {

using db::Access;
using db::Transaction;

namespace {

constexpr const char* kCategory = "clinical";

std::vector<StoredAnswer> ToStored(const InstrumentDefinition& def, const Answers& answers) {
  std::vector<StoredAnswer> out;
  for (const auto& [item_id, code] : answers) {
    StoredAnswer a{item_id, code, 0, ""};
    if (const Item* item = def.FindItem(item_id)) {
      if (const AnswerOption* o = item->FindOption(code)) {
        a.value = o->value;
        a.loinc = o->loinc;
      }
    }
    out.push_back(std::move(a));
  }
  return out;
}

Result<ScoringContext> ContextFor(Transaction& tx, const std::string& org_id, const std::string& client_id) {
  SW_ASSIGN(auto client, db::Found(admissions::ClientStore::Get(tx, org_id, client_id), "client"));
  return ScoringContext{client.sex_at_birth};
}

Status Audit(Transaction& tx, const Actor& actor, const char* action, const char* type, const std::string& id,
             const std::string& client_id, const std::string& now, const std::string& reason = "") {
  return audit::Append(tx, actor,
                       {.action = action,
                        .resource_type = type,
                        .resource_id = id,
                        .client_id = client_id,
                        .data_category = kCategory,
                        .reason = reason},
                       now);
}

bool IsRecipient(const Actor& actor, const SafetyAlert& a) {
  if (!actor.user_id.empty() && a.raised_for_user == actor.user_id) return true;
  return !actor.staff_id.empty() &&
         std::find(a.recipients.begin(), a.recipients.end(), actor.staff_id) != a.recipients.end();
}

}  // namespace

std::string ResponseService::Now() const { return FormatTimestamp(clock_.Now()); }

Status ResponseService::RecordRead(const Actor& actor, const audit::Event& event) const {
  if (!read_log_) return Ok();
  return read_log_->Record(actor, event);
}

Result<InstrumentResponse> ResponseService::LoadChecked(Transaction& tx, const Actor& actor, const std::string& id) {
  SW_ASSIGN(auto r, db::Found(ResponseStore::Get(tx, actor.org_id, id), "instrument response"));
  if (!clients_.CheckAccessIn(tx, actor, r.client_id).ok()) return Error::NotFound("no such instrument response");
  return r;
}

Result<ResponseView> ResponseService::View(Transaction& tx, const Actor& actor, InstrumentResponse r) {
  ResponseView v;
  if (const InstrumentDefinition* def = catalog_->Find(r.instrument)) {
    SW_ASSIGN(auto ctx, ContextFor(tx, actor.org_id, r.client_id));
    auto scoring = Score(*def, r.AnswerCodes(), ctx);
    if (scoring.ok()) v.scoring = std::move(scoring).value();
  }
  v.response = std::move(r);
  return v;
}

Result<ResponseView> ResponseService::Start(const Actor& actor, NewResponse draft) {
  SW_TRY(program::RequireOrganization(actor));
  return db::InTransaction(db_, Access::kWrite,
                           [&](Transaction& tx) -> Result<ResponseView> { return StartIn(tx, actor, draft, Now()); });
}

Result<ResponseView> ResponseService::RecordCompleted(const Actor& actor, NewResponse draft,
                                                      const std::string& completed_at) {
  SW_TRY(program::RequireOrganization(actor));
  auto when = ParseTimestamp(completed_at);
  if (!when || *when > clock_.Now())
    return Error::Field("completed_at", "must be a UTC time that is not in the future");
  const std::string at = FormatTimestamp(*when);
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<ResponseView> {
    SW_ASSIGN(auto started, StartIn(tx, actor, draft, at));
    return CompleteIn(tx, actor, started.response.meta.id, started.response.meta.version, at);
  });
}

Result<ResponseView> ResponseService::StartIn(Transaction& tx, const Actor& actor, const NewResponse& draft,
                                              const std::string& started_at) {
  const InstrumentDefinition* def = catalog_->Find(draft.instrument);
  if (!def) return Error::Field("instrument", "is not an instrument this server knows");
  {
    SW_ASSIGN(auto client, db::Found(admissions::ClientStore::Get(tx, actor.org_id, draft.client_id), "client"));
    SW_TRY(clients_.CheckAccessIn(tx, actor, draft.client_id));
    if (client.meta.voided) return Error::Conflict("the client record is voided");
    if (!draft.assessment_id.empty()) {
      SW_ASSIGN(auto rs, tx.Query("SELECT client_id FROM assessments WHERE org_id = ? AND id = ? AND voided = 0",
                                  {actor.org_id, draft.assessment_id}));
      if (rs.empty() || rs.rows[0].Text(0) != draft.client_id)
        return Error::Field("assessment_id", "is not an assessment of this client");
    }
    SW_ASSIGN(auto scoring, Score(*def, draft.answers, ScoringContext{client.sex_at_birth}));
    SW_ASSIGN(auto episode, admissions::ClientStore::CurrentEpisode(tx, actor.org_id, draft.client_id));
    const std::string now = Now();
    InstrumentResponse r;
    r.meta = {NewUuidV7(clock_.Now()), actor.org_id, 1, false, "", now, now};
    r.client_id = draft.client_id;
    r.episode_id = episode ? episode->meta.id : "";
    r.assessment_id = draft.assessment_id;
    r.instrument = def->code;
    r.instrument_version = def->version;
    r.completed_by = draft.completed_by;
    r.administered_by = actor.staff_id;
    r.administered_by_user = actor.user_id;
    r.started_at = started_at;
    r.answers = ToStored(*def, draft.answers);
    SW_TRY(ResponseStore::Insert(tx, r));
    SW_TRY(Audit(tx, actor, "create", "instrument_response", r.meta.id, r.client_id, now, def->code));
    SW_ASSIGN(auto stored, db::Found(ResponseStore::Get(tx, actor.org_id, r.meta.id), "instrument response"));
    return ResponseView{std::move(stored), std::move(scoring)};
  }
}

Result<ResponseView> ResponseService::Get(const Actor& actor, const std::string& id) {
  SW_TRY(program::RequireOrganization(actor));
  auto view = db::InTransaction(db_, Access::kRead, [&](Transaction& tx) -> Result<ResponseView> {
    SW_ASSIGN(auto r, LoadChecked(tx, actor, id));
    return View(tx, actor, std::move(r));
  });
  audit::Event read{
      .action = "read", .resource_type = "instrument_response", .resource_id = id, .data_category = kCategory};
  if (view.ok()) read.client_id = view->response.client_id;
  if (!view.ok()) {
    if (view.error().code != ErrorCode::kNotFound) return view;
    read.outcome = "denied";
  }
  SW_TRY(RecordRead(actor, read));
  return view;
}

Result<std::vector<InstrumentResponse>> ResponseService::List(const Actor& actor, const std::string& client_id,
                                                              const std::string& instrument) {
  SW_TRY(program::RequireOrganization(actor));
  auto list = db::InTransaction(db_, Access::kRead, [&](Transaction& tx) -> Result<std::vector<InstrumentResponse>> {
    SW_TRY(db::Found(admissions::ClientStore::Get(tx, actor.org_id, client_id), "client"));
    SW_TRY(clients_.CheckAccessIn(tx, actor, client_id));
    return ResponseStore::List(tx, actor.org_id, {.client_id = client_id, .instrument = instrument});
  });
  audit::Event read{.action = "query",
                    .resource_type = "instrument_response",
                    .client_id = client_id,
                    .data_category = kCategory,
                    .reason = "instrument responses"};
  if (!list.ok()) {
    if (list.error().code != ErrorCode::kNotFound) return list;
    read.outcome = "denied";
  }
  SW_TRY(RecordRead(actor, read));
  return list;
}

Result<ResponseView> ResponseService::SaveAnswers(const Actor& actor, const std::string& id, std::int64_t expected,
                                                  const AnswerChanges& changes) {
  SW_TRY(program::RequireOrganization(actor));
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<ResponseView> {
    SW_ASSIGN(auto r, LoadChecked(tx, actor, id));
    if (r.status != "draft") return Error::Conflict("only a draft response can change; this one is " + r.status);
    const InstrumentDefinition* def = catalog_->Find(r.instrument);
    if (!def) return Error::Conflict("the instrument " + r.instrument + " is no longer defined on this server");
    Answers answers = r.AnswerCodes();
    for (const auto& [item, code] : changes) {
      if (code) {
        answers[item] = *code;
      } else {
        answers.erase(item);
      }
    }
    SW_ASSIGN(auto ctx, ContextFor(tx, actor.org_id, r.client_id));
    SW_ASSIGN(auto scoring, Score(*def, answers, ctx));
    r.answers = ToStored(*def, answers);
    const std::string now = Now();
    SW_TRY(ResponseStore::Update(tx, r, expected, now));
    SW_TRY(Audit(tx, actor, "update", "instrument_response", id, r.client_id, now, "answers saved"));
    SW_ASSIGN(auto stored, db::Found(ResponseStore::Get(tx, actor.org_id, id), "instrument response"));
    return ResponseView{std::move(stored), std::move(scoring)};
  });
}

Result<ResponseView> ResponseService::Complete(const Actor& actor, const std::string& id, std::int64_t expected) {
  SW_TRY(program::RequireOrganization(actor));
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<ResponseView> {
    return CompleteIn(tx, actor, id, expected, Now());
  });
}

Result<ResponseView> ResponseService::CompleteIn(Transaction& tx, const Actor& actor, const std::string& id,
                                                 std::int64_t expected, const std::string& completed_at) {
  {
    SW_ASSIGN(auto r, LoadChecked(tx, actor, id));
    if (r.status != "draft") return Error::Conflict("only a draft response can be completed; this one is " + r.status);
    if (r.meta.version != expected) return Error::StaleVersion();
    const InstrumentDefinition* def = catalog_->Find(r.instrument);
    if (!def) return Error::Conflict("the instrument " + r.instrument + " is no longer defined on this server");
    SW_ASSIGN(auto ctx, ContextFor(tx, actor.org_id, r.client_id));
    SW_ASSIGN(auto scoring, Score(*def, r.AnswerCodes(), ctx));
    if (!scoring.complete) {
      FieldErrors errors;
      for (const auto& item : scoring.missing) errors.Add("answers." + item, "is required");
      return errors.ToError("answer every required item before completing the response");
    }
    // Answers to items hidden by skip logic are not part of the completed response.
    Answers kept;
    for (const auto& item : scoring.items) {
      if (item.visible && item.answered) kept[item.item_id] = item.code;
    }
    const std::string now = Now();
    r.answers = ToStored(*def, kept);
    r.status = "complete";
    r.completed_at = completed_at;
    r.total = scoring.total;
    r.band_code = scoring.band_code;
    r.band_label = scoring.band_label;
    r.flags.clear();
    for (const auto& f : scoring.flags) r.flags.push_back(f.code);
    r.scoring_json = ToText(ScoringJson(scoring));
    SW_TRY(ResponseStore::Update(tx, r, expected, now));
    SW_TRY(Audit(tx, actor, "update", "instrument_response", id, r.client_id, now, "completed"));

    // Safety flags raise alerts to the administering clinician and the program's on-call list.
    std::string program_id;
    SW_ASSIGN(auto episode, r.episode_id.empty()
                                ? admissions::ClientStore::CurrentEpisode(tx, actor.org_id, r.client_id)
                                : admissions::ClientStore::GetEpisode(tx, actor.org_id, r.episode_id));
    if (episode) program_id = episode->program_id;
    std::vector<std::string> recipients;
    if (!r.administered_by.empty()) recipients.push_back(r.administered_by);
    if (!program_id.empty()) {
      SW_ASSIGN(auto on_call, ResponseStore::OnCall(tx, actor.org_id, program_id));
      for (const auto& s : on_call) {
        if (std::find(recipients.begin(), recipients.end(), s) == recipients.end()) recipients.push_back(s);
      }
    }
    for (const auto& f : scoring.flags) {
      if (!f.safety) continue;
      SafetyAlert a;
      a.meta = {NewUuidV7(clock_.Now()), actor.org_id, 1, false, "", now, now};
      a.client_id = r.client_id;
      a.response_id = id;
      a.program_id = program_id;
      a.kind = f.code;
      a.label = f.label;
      a.severity = f.severity.empty() ? "urgent" : f.severity;
      a.raised_at = completed_at;
      a.assigned_to = r.administered_by;
      a.raised_for_user = r.administered_by_user;
      a.recipients = recipients;
      SW_TRY(ResponseStore::InsertAlert(tx, a));
      SW_TRY(Audit(tx, actor, "create", "safety_alert", a.meta.id, r.client_id, now, f.code));
    }
    SW_ASSIGN(auto stored, db::Found(ResponseStore::Get(tx, actor.org_id, id), "instrument response"));
    return ResponseView{std::move(stored), std::move(scoring)};
  }
}

Result<ResponseView> ResponseService::Void(const Actor& actor, const std::string& id, std::int64_t expected,
                                           const std::string& reason) {
  SW_TRY(program::RequireOrganization(actor));
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<ResponseView> {
    SW_ASSIGN(auto r, LoadChecked(tx, actor, id));
    const std::string now = Now();
    SW_TRY(ResponseStore::Void(tx, actor.org_id, id, expected, reason, now));
    SW_TRY(Audit(tx, actor, "void", "instrument_response", id, r.client_id, now, reason));
    // Its open safety alerts go with it (a response entered for the wrong client must not alarm anyone).
    SW_ASSIGN(auto alerts, ResponseStore::VoidOpenAlertsOf(tx, actor.org_id, id, reason, now));
    for (const auto& alert : alerts) SW_TRY(Audit(tx, actor, "void", "safety_alert", alert, r.client_id, now, reason));
    SW_ASSIGN(auto stored, db::Found(ResponseStore::Get(tx, actor.org_id, id), "instrument response"));
    return View(tx, actor, std::move(stored));
  });
}

Result<std::vector<SafetyAlert>> ResponseService::MyAlerts(const Actor& actor, const std::string& status) {
  SW_TRY(program::RequireOrganization(actor));
  auto alerts = db::InTransaction(db_, Access::kRead, [&](Transaction& tx) {
    return ResponseStore::ListAlerts(tx, actor.org_id,
                                     {.staff_id = actor.staff_id, .user_id = actor.user_id, .status = status});
  });
  if (!alerts.ok()) return alerts;
  SW_TRY(RecordRead(actor, {.action = "query",
                            .resource_type = "safety_alert",
                            .data_category = kCategory,
                            .reason = std::to_string(alerts->size()) + " safety alert(s) addressed to the user"}));
  return alerts;
}

Result<std::vector<SafetyAlert>> ResponseService::ClientAlerts(const Actor& actor, const std::string& client_id) {
  SW_TRY(program::RequireOrganization(actor));
  auto alerts = db::InTransaction(db_, Access::kRead, [&](Transaction& tx) -> Result<std::vector<SafetyAlert>> {
    SW_TRY(db::Found(admissions::ClientStore::Get(tx, actor.org_id, client_id), "client"));
    SW_TRY(clients_.CheckAccessIn(tx, actor, client_id));
    return ResponseStore::ListAlerts(tx, actor.org_id, {.client_id = client_id});
  });
  audit::Event read{.action = "query",
                    .resource_type = "safety_alert",
                    .client_id = client_id,
                    .data_category = kCategory,
                    .reason = "the chart's safety alerts"};
  if (!alerts.ok()) {
    if (alerts.error().code != ErrorCode::kNotFound) return alerts;
    read.outcome = "denied";
  }
  SW_TRY(RecordRead(actor, read));
  return alerts;
}

Result<SafetyAlert> ResponseService::Respond(const Actor& actor, const std::string& alert_id,
                                             std::optional<std::int64_t> expected,
                                             const std::vector<std::string>& actions, const std::string& note) {
  SW_TRY(program::RequireOrganization(actor));
  FieldErrors errors;
  CheckSafetyResponse(actions, note, errors);
  if (!errors.empty()) return errors.ToError("record what was done and a note");
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<SafetyAlert> {
    SW_ASSIGN(auto a, db::Found(ResponseStore::GetAlert(tx, actor.org_id, alert_id), "safety alert"));
    // Recipients may respond even outside their caseload: the alert was addressed to them.
    if (!IsRecipient(actor, a) && !clients_.CheckAccessIn(tx, actor, a.client_id).ok()) {
      return Error::NotFound("no such safety alert");
    }
    if (a.status != "open") return Error::Conflict("the safety alert is already resolved");
    const std::string now = Now();
    a.actions = actions;
    a.note = note;
    a.resolved_by = actor.user_id;
    a.resolved_by_name = actor.display_name.empty() ? actor.username : actor.display_name;
    SW_TRY(ResponseStore::ResolveAlert(tx, a, expected.value_or(a.meta.version), now));
    SW_TRY(Audit(tx, actor, "update", "safety_alert", alert_id, a.client_id, now, "safety response recorded"));
    return db::Found(ResponseStore::GetAlert(tx, actor.org_id, alert_id), "safety alert");
  });
}

Result<std::vector<std::string>> ResponseService::OnCall(const Actor& actor, const std::string& program_id) {
  SW_TRY(program::RequireOrganization(actor));
  return db::InTransaction(db_, Access::kRead, [&](Transaction& tx) -> Result<std::vector<std::string>> {
    SW_ASSIGN(bool live, db::ExistsLive(tx, "programs", actor.org_id, program_id));
    if (!live) return Error::NotFound("no such program");
    return ResponseStore::OnCall(tx, actor.org_id, program_id);
  });
}

Result<std::vector<std::string>> ResponseService::SetOnCall(const Actor& actor, const std::string& program_id,
                                                            const std::vector<std::string>& staff_ids) {
  SW_TRY(program::RequireOrganization(actor));
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<std::vector<std::string>> {
    SW_ASSIGN(bool live, db::ExistsLive(tx, "programs", actor.org_id, program_id));
    if (!live) return Error::NotFound("no such program");
    FieldErrors errors;
    for (std::size_t i = 0; i < staff_ids.size(); ++i) {
      const std::string field = "staff_ids[" + std::to_string(i) + "]";
      if (std::find(staff_ids.begin(), staff_ids.begin() + static_cast<long>(i), staff_ids[i]) !=
          staff_ids.begin() + static_cast<long>(i)) {
        errors.Add(field, "is listed twice");
        continue;
      }
      auto checked = program::StaffService::CheckLive(tx, actor, staff_ids[i], field);
      if (!checked.ok()) {
        if (checked.error().fields.empty()) return std::move(checked).error();
        for (const auto& f : checked.error().fields) errors.Add(f.field, f.message);
      }
    }
    if (!errors.empty()) return errors.ToError();
    SW_TRY(ResponseStore::SetOnCall(tx, actor.org_id, program_id, staff_ids));
    const std::string now = Now();
    SW_TRY(audit::Append(tx, actor,
                         {.action = "update",
                          .resource_type = "program_on_call",
                          .resource_id = program_id,
                          .data_category = "program",
                          .reason = std::to_string(staff_ids.size()) + " staff on call"},
                         now));
    return ResponseStore::OnCall(tx, actor.org_id, program_id);
  });
}

Result<std::vector<std::string>> ResponseService::AssessmentFlagsIn(Transaction& tx, const std::string& org_id,
                                                                    const std::string& assessment_id) {
  SW_ASSIGN(auto responses, ResponseStore::List(tx, org_id, {.assessment_id = assessment_id}));
  std::vector<std::string> flags;
  for (const auto& r : responses) {
    if (r.status != "complete") continue;
    for (const auto& f : r.flags) {
      if (std::find(flags.begin(), flags.end(), f) == flags.end()) flags.push_back(f);
    }
  }
  std::sort(flags.begin(), flags.end());
  return flags;
}

}  // namespace stepwise::assessment
