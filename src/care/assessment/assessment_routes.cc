// The level-of-care policy, assessment options and assessments over HTTP.
#include "care/assessment/assessment_routes.h"

#include "care/assessment/assessment_json.h"
#include "care/assessment/dsm5.h"
#include "platform/http/json.h"

namespace stepwise::assessment {

using http::Method;
using http::Need;
using http::ObjectReader;
using http::Request;
using http::Response;
using http::TextOrNull;
namespace json = boost::json;

namespace {


json::array CodeLabels(const std::vector<program::CodeLabel>& list) {
  json::array out;
  for (const auto& c : list) out.emplace_back(json::object{{"code", c.code}, {"label", c.label}});
  return out;
}

json::object PolicyJson(const LevelOfCarePolicy& p) {
  json::array levels;
  for (const auto& l : p.levels()) {
    levels.emplace_back(json::object{{"code", l.code}, {"label", l.label}, {"iop", l.iop}, {"intensity", l.intensity}});
  }
  json::array dimensions;
  for (std::size_t i = 0; i < p.dimension_names().size(); ++i) {
    dimensions.emplace_back(json::object{{"number", i + 1}, {"name", p.dimension_names()[i]}});
  }
  json::array flags;
  for (const auto& [code, label] : p.flags()) flags.emplace_back(json::object{{"code", code}, {"label", label}});
  json::array rules;
  for (const auto& r : p.rules()) {
    rules.emplace_back(
        json::object{{"rule", r.rule}, {"reason", r.reason}, {"needs_level", r.needs_level}, {"edition", r.edition}});
  }
  json::array editions;
  for (int e : p.editions()) editions.emplace_back(e);
  return {{"name", p.name()},
          {"example", p.is_example()},
          {"edition", p.edition()},
          {"editions", std::move(editions)},
          {"iop_level", p.iop_level().code},
          {"levels", std::move(levels)},
          {"dimensions", std::move(dimensions)},
          {"flags", std::move(flags)},
          {"rules", std::move(rules)}};
}

json::object OptionsJson() {
  json::array icd;
  for (const auto& s : TedsSubstances()) {
    const int teds = std::stoi(std::string(s.code));
    for (const char* severity : {"mild", "moderate", "severe"}) {
      for (const auto& sug : SuggestIcd10(teds, severity)) {
        icd.emplace_back(json::object{{"teds_code", teds},
                                      {"severity", severity},
                                      {"code", sug.code},
                                      {"label", sug.label},
                                      {"dsm_label", sug.dsm_label}});
      }
    }
  }
  return {{"teds_substances", CodeLabels(TedsSubstances())},
          {"teds_routes", CodeLabels(TedsRoutes())},
          {"teds_frequencies", CodeLabels(TedsFrequencies())},
          {"dsm5_criteria", CodeLabels(SudCriteria())},
          {"icd10", std::move(icd)},
          {"sections", CodeLabels(AssessmentSections())},
          {"kinds", CodeLabels(AssessmentKinds())},
          {"directions", CodeLabels(Directions())},
          {"safety_actions", CodeLabels(SafetyActions())}};
}

std::string LevelLabel(const LevelOfCarePolicy& p, const std::string& code) {
  const CareLevel* l = p.FindLevel(code);
  return l ? l->label : code;
}

json::object SubstanceJson(const Substance& s) {
  json::array criteria;
  for (const auto& c : s.criteria) criteria.emplace_back(c);
  json::array suggested;
  if (s.teds_code) {
    for (const auto& sug : SuggestIcd10(*s.teds_code, s.severity)) {
      suggested.emplace_back(json::object{{"code", sug.code}, {"label", sug.label}, {"dsm_label", sug.dsm_label}});
    }
  }
  auto opt_int = [](const std::optional<int>& v) { return v ? json::value(*v) : json::value(nullptr); };
  return {{"teds_code", opt_int(s.teds_code)},
          {"age_first_use", opt_int(s.age_first_use)},
          {"route", s.route},
          {"frequency_30d", s.frequency_30d},
          {"last_use", s.last_use},
          {"amount", s.amount},
          {"criteria", std::move(criteria)},
          {"criteria_count", s.criteria.size()},
          {"severity", s.severity.empty() ? "none" : s.severity},
          {"suggested_icd10", std::move(suggested)},
          {"diagnosis_code", s.diagnosis_code}};
}

json::object ResponseSummaryJson(const InstrumentResponse& r) {
  return {{"id", r.meta.id},
          {"instrument", r.instrument},
          {"status", r.status},
          {"total", r.total ? json::value(*r.total) : json::value(nullptr)},
          {"band_code", r.band_code},
          {"band_label", r.band_label},
          {"completed_at", TextOrNull(r.completed_at)}};
}

json::object AssessmentJson(const AssessmentView& v, const LevelOfCarePolicy& p) {
  const Assessment& a = v.assessment;
  json::object j;
  http::PutMeta(j, a.meta);
  j["part2"] = true;  // Part 2 provenance (migration 0007): every record the program creates is a Part 2 record
  j["client_id"] = a.client_id;
  j["episode_id"] = TextOrNull(a.episode_id);
  j["inquiry_id"] = TextOrNull(a.inquiry_id);
  j["kind"] = a.kind;
  j["status"] = a.status;
  j["assessor_id"] = TextOrNull(a.assessor_id);
  j["assessor_name"] = a.assessor_name;
  j["asam_edition"] = a.asam_edition;
  j["started_at"] = a.started_at;
  j["completed_at"] = TextOrNull(a.completed_at);
  j["sections"] = FromText(a.sections_json, json::object{});
  json::array substances;
  for (const auto& s : a.substances) substances.emplace_back(SubstanceJson(s));
  j["substances"] = std::move(substances);
  json::array dimensions;
  for (const auto& d : a.dimensions) {
    const auto& names = p.dimension_names();
    const std::string name = d.number >= 1 && static_cast<std::size_t>(d.number) <= names.size()
                                 ? names[static_cast<std::size_t>(d.number - 1)]
                                 : "";
    dimensions.emplace_back(json::object{{"number", d.number},
                                         {"name", name},
                                         {"rating", d.rating ? json::value(*d.rating) : json::value(nullptr)},
                                         {"rationale", d.rationale}});
  }
  j["dimensions"] = std::move(dimensions);
  json::array flags;
  for (const auto& f : a.flags) flags.emplace_back(f);
  j["flags"] = std::move(flags);
  json::array instrument_flags;
  for (const auto& f : v.instrument_flags) instrument_flags.emplace_back(f);
  j["instrument_flags"] = std::move(instrument_flags);
  if (a.status == "complete" || !a.recommendation_json.empty()) {
    j["recommendation"] = FromText(a.recommendation_json);
  } else if (v.fresh) {
    j["recommendation"] = RecommendationJson(*v.fresh);
  } else {
    j["recommendation"] = nullptr;
  }
  j["recommended_level"] = TextOrNull(a.recommended_level);
  j["current_level"] = TextOrNull(a.current_level);
  j["direction"] = TextOrNull(a.direction);
  if (a.decided_level.empty()) {
    j["decision"] = nullptr;
  } else {
    j["decision"] = json::object{{"level", a.decided_level},
                                 {"level_label", LevelLabel(p, a.decided_level)},
                                 {"reason", a.decision_reason},
                                 {"differs", a.decided_level != a.recommended_level},
                                 {"decided_by_name", a.decided_by_name},
                                 {"decided_at", a.decided_at}};
  }
  if (a.outcome_kind.empty()) {
    j["outcome"] = nullptr;
  } else {
    json::object outcome{{"kind", a.outcome_kind}, {"recorded_at", a.outcome_at}};
    auto detail = FromText(a.outcome_detail_json, json::object{});
    if (detail.is_object()) {
      for (const auto& kv : detail.as_object()) outcome[kv.key()] = kv.value();
    }
    j["outcome"] = std::move(outcome);
  }
  json::array responses;
  for (const auto& r : v.responses) responses.emplace_back(ResponseSummaryJson(r));
  j["responses"] = std::move(responses);
  return j;
}

json::object HistoryJson(const Assessment& a) {
  return {{"id", a.meta.id},
          {"kind", a.kind},
          {"status", a.status},
          {"assessor_name", a.assessor_name},
          {"started_at", a.started_at},
          {"completed_at", TextOrNull(a.completed_at)},
          {"recommended_level", TextOrNull(a.recommended_level)},
          {"decided_level", TextOrNull(a.decided_level)},
          {"direction", TextOrNull(a.direction)},
          {"outcome_kind", TextOrNull(a.outcome_kind)}};
}

constexpr std::size_t kMaxSectionChars = 20000;

Result<AssessmentChanges> ReadChanges(const Request& req, const LevelOfCarePolicy& p) {
  SW_ASSIGN(auto body, http::ParseObject(req));
  AssessmentChanges c;
  FieldErrors errors;
  if (const json::value* sections = body.if_contains("sections"); sections && !sections->is_null()) {
    if (!sections->is_object()) {
      errors.Add("sections", "must be an object of section -> fields");
    } else {
      auto known = program::Codes(AssessmentSections());
      for (const auto& kv : sections->as_object()) {
        const std::string code(kv.key());
        const std::string path = "sections." + code;
        if (std::find(known.begin(), known.end(), code) == known.end()) {
          errors.Add(path, "is not a section of the assessment");
        } else if (kv.value().is_null()) {
          c.sections[code] = std::nullopt;
        } else if (!kv.value().is_object()) {
          errors.Add(path, "must be an object");
        } else {
          std::string text = ToText(kv.value());
          if (text.size() > kMaxSectionChars) {
            errors.Add(path, "must be at most " + std::to_string(kMaxSectionChars) + " characters of JSON");
          } else {
            c.sections[code] = std::move(text);
          }
        }
      }
    }
  }
  body.erase("sections");
  const bool has_flags = body.contains("flags");
  std::vector<std::string_view> flag_codes;
  for (const auto& f : p.flags()) flag_codes.push_back(f.first);
  auto read = http::ReadBody(body, [&](ObjectReader& r) {
    std::vector<Substance> substances;
    if (r.Objects("substances", Need::kOptional, [&](ObjectReader& s) {
          Substance x;
          if (auto v = s.Int("teds_code", Need::kOptional, 1, 19)) x.teds_code = static_cast<int>(*v);
          if (auto v = s.Int("age_first_use", Need::kOptional, 0, 120)) x.age_first_use = static_cast<int>(*v);
          x.route = s.Code("route", Need::kOptional, program::Codes(TedsRoutes())).value_or("");
          x.frequency_30d = s.Code("frequency_30d", Need::kOptional, program::Codes(TedsFrequencies())).value_or("");
          x.last_use = s.String("last_use", Need::kOptional, 60).value_or("");
          x.amount = s.String("amount", Need::kOptional, 200).value_or("");
          x.criteria = s.Codes("criteria", Need::kOptional, program::Codes(SudCriteria()));
          x.diagnosis_code = s.String("diagnosis_code", Need::kOptional, 16).value_or("");
          s.String("severity", Need::kOptional, 20);  // derived; accepted and ignored (round trips)
          s.Objects("suggested_icd10", Need::kOptional, [](ObjectReader& i) {
            i.String("code");
            i.String("label");
            i.String("dsm_label");
          });
          s.Int("criteria_count", Need::kOptional, 0, 11);
          substances.push_back(std::move(x));
        })) {
      c.substances = std::move(substances);
    }
    r.Objects("dimensions", Need::kOptional, [&](ObjectReader& d) {
      DimensionRating x;
      x.number = static_cast<int>(d.Int("number", Need::kRequired, 1, 6).value_or(0));
      if (auto v = d.Int("rating", Need::kOptional, 0, 4)) x.rating = static_cast<int>(*v);
      x.rationale = d.String("rationale", Need::kOptional, 4000).value_or("");
      d.String("name", Need::kOptional, 200);  // shown, not stored
      c.dimensions.push_back(std::move(x));
    });
    auto flags = r.Codes("flags", Need::kOptional, flag_codes);
    if (has_flags) c.flags = std::move(flags);
  });
  if (!read.ok()) {
    for (const auto& f : read.error().fields) errors.Add(f.field, f.message);
  }
  if (!errors.empty()) return errors.ToError();
  // Dimensions that failed to parse must not be saved as "unrated".
  for (const auto& d : c.dimensions) {
    if (d.number == 0) return Error::Field("dimensions", "each needs a number 1 to 6");
  }
  return c;
}

Response AssessmentResponse(int status, const AssessmentView& v, const LevelOfCarePolicy& p) {
  return http::RecordResponse(status, AssessmentJson(v, p), v.assessment.meta.version);
}

}  // namespace

void AddAssessmentRoutes(http::Router& router, AssessmentService& svc) {
  router.Add(Method::kGet, "/api/v1/level-of-care/policy", "assessments.read",
             [&svc](Request&) -> Result<Response> { return http::JsonResponse(200, PolicyJson(svc.policy())); });
  router.Add(Method::kGet, "/api/v1/assessment-options", "assessments.read",
             [](Request&) -> Result<Response> { return http::JsonResponse(200, OptionsJson()); });

  router.Add(Method::kPost, "/api/v1/clients/{id}/assessments", "assessments.write",
             http::WithId([&svc](Request& req, const std::string& client_id) -> Result<Response> {
               SW_ASSIGN(auto body, http::ParseObject(req));
               NewAssessment draft;
               draft.client_id = client_id;
               SW_TRY(http::ReadBody(body, [&](ObjectReader& r) {
                 draft.kind = r.Code("kind", Need::kOptional, program::Codes(AssessmentKinds())).value_or("initial");
                 draft.inquiry_id = r.Id("inquiry_id").value_or("");
                 draft.episode_id = r.Id("episode_id").value_or("");
               }));
               SW_ASSIGN(auto v, svc.Start(req.actor, std::move(draft)));
               auto resp = AssessmentResponse(201, v, svc.policy());
               resp.SetHeader("Location", "/api/v1/assessments/" + v.assessment.meta.id);
               return resp;
             }));
  router.Add(Method::kGet, "/api/v1/clients/{id}/assessments", "assessments.read",
             http::WithId([&svc](Request& req, const std::string& client_id) -> Result<Response> {
               SW_ASSIGN(auto list, svc.List(req.actor, client_id));
               json::array items;
               for (const auto& a : list) items.emplace_back(HistoryJson(a));
               return http::JsonResponse(200, json::object{{"items", std::move(items)}});
             }));
  router.Add(Method::kGet, "/api/v1/assessments/{id}", "assessments.read",
             http::WithId([&svc](Request& req, const std::string& id) -> Result<Response> {
               SW_ASSIGN(auto v, svc.Get(req.actor, id));
               return AssessmentResponse(200, v, svc.policy());
             }));
  router.Add(Method::kPatch, "/api/v1/assessments/{id}", "assessments.write",
             http::WithVersion([&svc](Request& req, const std::string& id, std::int64_t expected) -> Result<Response> {
               SW_ASSIGN(auto changes, ReadChanges(req, svc.policy()));
               SW_ASSIGN(auto v, svc.Save(req.actor, id, expected, changes));
               return AssessmentResponse(200, v, svc.policy());
             }));
  router.Add(Method::kPost, "/api/v1/assessments/{id}/complete", "assessments.write",
             http::WithVersion([&svc](Request& req, const std::string& id, std::int64_t expected) -> Result<Response> {
               SW_ASSIGN(auto v, svc.Complete(req.actor, id, expected));
               return AssessmentResponse(200, v, svc.policy());
             }));
  router.Add(Method::kPost, "/api/v1/assessments/{id}/decision", "assessments.write",
             http::WithVersion([&svc](Request& req, const std::string& id, std::int64_t expected) -> Result<Response> {
               SW_ASSIGN(auto body, http::ParseObject(req));
               std::string level, reason;
               SW_TRY(http::ReadBody(body, [&](ObjectReader& r) {
                 level = r.String("level", Need::kRequired, 8).value_or("");
                 reason = r.String("reason", Need::kOptional, 4000).value_or("");
               }));
               SW_ASSIGN(auto v, svc.Decide(req.actor, id, expected, level, reason));
               return AssessmentResponse(200, v, svc.policy());
             }));
  router.Add(Method::kPost, "/api/v1/assessments/{id}/admit", "assessments.write",
             http::WithVersion([&svc](Request& req, const std::string& id, std::int64_t expected) -> Result<Response> {
               SW_ASSIGN(auto body, http::ParseObject(req));
               Admission admission;
               SW_TRY(http::ReadBody(body, [&](ObjectReader& r) {
                 admission.admission_date = r.DateValue("admission_date", Need::kRequired).value_or(Date{});
                 admission.track_id = r.Id("track_id").value_or("");
                 admission.counselor_id = r.Id("counselor_id").value_or("");
                 admission.program_id = r.Id("program_id").value_or("");
               }));
               SW_ASSIGN(auto v, svc.Admit(req.actor, id, expected, admission));
               return AssessmentResponse(200, v, svc.policy());
             }));
  router.Add(Method::kPost, "/api/v1/assessments/{id}/refer", "assessments.write",
             http::WithVersion([&svc](Request& req, const std::string& id, std::int64_t expected) -> Result<Response> {
               SW_ASSIGN(auto body, http::ParseObject(req));
               std::string referred_to, note;
               SW_TRY(http::ReadBody(body, [&](ObjectReader& r) {
                 referred_to = r.String("referred_to", Need::kRequired, 200).value_or("");
                 note = r.String("note", Need::kOptional, 4000).value_or("");
               }));
               SW_ASSIGN(auto v, svc.Refer(req.actor, id, expected, referred_to, note));
               return AssessmentResponse(200, v, svc.policy());
             }));
  router.Add(Method::kPost, "/api/v1/assessments/{id}/void", "assessments.write",
             http::VoidWith([&svc](Request& req, const std::string& id, std::int64_t expected,
                                   const std::string& reason) -> Result<Response> {
               SW_ASSIGN(auto v, svc.Void(req.actor, id, expected, reason));
               return AssessmentResponse(200, v, svc.policy());
             }));
}

}  // namespace stepwise::assessment
