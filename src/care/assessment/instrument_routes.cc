// Instruments, score previews, instrument responses, safety alerts and on-call lists over HTTP.
#include <boost/json/parse.hpp>

#include "care/assessment/assessment_json.h"
#include "care/assessment/assessment_routes.h"
#include "platform/base/uuid.h"
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


json::value StoredOr(const std::string& text, json::value fallback) { return FromText(text, std::move(fallback)); }

json::array StoredFlags(const InstrumentResponse& r) {
  auto scoring = FromText(r.scoring_json, json::object{});
  if (scoring.is_object()) {
    if (auto* flags = scoring.as_object().if_contains("flags"); flags && flags->is_array()) return flags->as_array();
  }
  json::array out;
  for (const auto& f : r.flags) out.emplace_back(json::object{{"code", f}, {"label", f}});
  return out;
}

json::object SummaryJson(const InstrumentResponse& r, const InstrumentCatalog& catalog) {
  const InstrumentDefinition* def = catalog.Find(r.instrument);
  return {{"id", r.meta.id},
          {"instrument", r.instrument},
          {"instrument_name", def ? def->name : r.instrument},
          {"status", r.status},
          {"total", r.total ? json::value(*r.total) : json::value(nullptr)},
          {"band_code", r.band_code},
          {"band_label", r.band_label},
          {"flags", StoredFlags(r)},
          {"started_at", r.started_at},
          {"completed_at", TextOrNull(r.completed_at)},
          {"completed_by", r.completed_by},
          {"assessment_id", TextOrNull(r.assessment_id)}};
}

json::object ResponseJson(const ResponseView& v, const InstrumentCatalog& catalog) {
  const InstrumentResponse& r = v.response;
  const InstrumentDefinition* def = catalog.Find(r.instrument);
  json::object j;
  http::PutMeta(j, r.meta);
  j["part2"] = true;  // Part 2 provenance (migration 0007)
  j["client_id"] = r.client_id;
  j["client_first_name"] = r.client_first_name;
  j["episode_id"] = TextOrNull(r.episode_id);
  j["assessment_id"] = TextOrNull(r.assessment_id);
  j["instrument"] = r.instrument;
  j["instrument_name"] = def ? def->name : r.instrument;
  j["instrument_version"] = r.instrument_version;
  j["status"] = r.status;
  j["completed_by"] = r.completed_by;
  j["administered_by"] = TextOrNull(r.administered_by);
  j["administered_by_name"] = r.administered_by_name;
  j["started_at"] = r.started_at;
  j["completed_at"] = TextOrNull(r.completed_at);
  json::object answers;
  for (const auto& a : r.answers) answers[a.item_id] = a.code;
  j["answers"] = std::move(answers);
  // A completed response shows the scores stored with it; a draft is scored afresh.
  j["scoring"] = r.status == "complete" && !r.scoring_json.empty() ? StoredOr(r.scoring_json, ScoringJson(v.scoring))
                                                                   : json::value(ScoringJson(v.scoring));
  return j;
}

json::object AlertJson(const SafetyAlert& a) {
  json::object j;
  http::PutMeta(j, a.meta);
  j["client_id"] = a.client_id;
  j["client_name"] = a.client_name;
  j["response_id"] = a.response_id;
  j["instrument"] = a.instrument;
  j["kind"] = a.kind;
  j["label"] = a.label;
  j["severity"] = a.severity;
  j["raised_at"] = a.raised_at;
  j["status"] = a.status;
  j["assigned_to"] = TextOrNull(a.assigned_to);
  j["assigned_to_name"] = a.assigned_to_name;
  json::array recipients;
  for (const auto& s : a.recipients) recipients.emplace_back(s);
  j["recipients"] = std::move(recipients);
  json::array actions;
  for (const auto& s : a.actions) actions.emplace_back(s);
  j["actions"] = std::move(actions);
  j["note"] = a.note;
  j["responded_by_name"] = TextOrNull(a.resolved_by_name);
  j["responded_at"] = TextOrNull(a.resolved_at);
  return j;
}

// {"answers": {"q1": "2", "q9": null}}: codes are strings; null removes an answer.
Result<AnswerChanges> ReadAnswers(const json::object& body, bool allow_null) {
  AnswerChanges out;
  const json::value* v = body.if_contains("answers");
  if (!v || v->is_null()) return out;
  if (!v->is_object()) return Error::Field("answers", "must be an object of item id -> answer code");
  FieldErrors errors;
  for (const auto& kv : v->as_object()) {
    const std::string item(kv.key());
    if (item.empty() || item.size() > 64) {
      errors.Add("answers." + item, "is not an item id");
    } else if (kv.value().is_null() && allow_null) {
      out[item] = std::nullopt;
    } else if (kv.value().is_string() && !kv.value().as_string().empty() && kv.value().as_string().size() <= 64) {
      out[item] = std::string(kv.value().as_string());
    } else {
      errors.Add("answers." + item,
                 allow_null ? "must be an answer code (a string) or null" : "must be an answer code");
    }
  }
  if (!errors.empty()) return errors.ToError();
  return out;
}

Answers OnlySet(const AnswerChanges& changes) {
  Answers out;
  for (const auto& [k, v] : changes) {
    if (v) out[k] = *v;
  }
  return out;
}

// Reads the body minus "answers" with `read`; answers separately.
Status ReadRest(json::object body, const std::function<void(ObjectReader&)>& read) {
  body.erase("answers");
  return http::ReadBody(body, read);
}

}  // namespace

void AddInstrumentRoutes(http::Router& router, ResponseService& svc) {
  router.Add(Method::kGet, "/api/v1/instruments", "assessments.read", [&svc](Request&) -> Result<Response> {
    json::array items;
    for (const auto& def : svc.catalog().All()) items.emplace_back(FromText(svc.catalog().DefinitionJson(def.code)));
    return http::JsonResponse(200, json::object{{"items", std::move(items)}});
  });
  router.Add(Method::kPost, "/api/v1/instruments/{code}/score", "assessments.read",
             [&svc](Request& req) -> Result<Response> {
               const InstrumentDefinition* def = svc.catalog().Find(req.Param("code"));
               if (!def) return Error::NotFound("no such instrument");
               SW_ASSIGN(auto body, http::ParseObject(req));
               SW_ASSIGN(auto answers, ReadAnswers(body, false));
               ScoringContext ctx;
               SW_TRY(ReadRest(body, [&](ObjectReader& r) {
                 ctx.sex_at_birth = r.String("sex_at_birth", Need::kOptional, 20).value_or("");
               }));
               SW_ASSIGN(auto scoring, Score(*def, OnlySet(answers), ctx));
               return http::JsonResponse(200, ScoringJson(scoring));
             });

  router.Add(Method::kPost, "/api/v1/clients/{id}/instrument-responses", "assessments.write",
             http::WithId([&svc](Request& req, const std::string& client_id) -> Result<Response> {
               SW_ASSIGN(auto body, http::ParseObject(req));
               SW_ASSIGN(auto answers, ReadAnswers(body, false));
               NewResponse draft;
               draft.client_id = client_id;
               draft.answers = OnlySet(answers);
               SW_TRY(ReadRest(body, [&](ObjectReader& r) {
                 draft.instrument = r.String("instrument", Need::kRequired, 40).value_or("");
                 draft.assessment_id = r.Id("assessment_id").value_or("");
                 draft.completed_by =
                     r.Code("completed_by", Need::kOptional, program::Codes(CompletedByCodes())).value_or("clinician");
               }));
               SW_ASSIGN(auto v, svc.Start(req.actor, std::move(draft)));
               auto resp = http::RecordResponse(201, ResponseJson(v, svc.catalog()), v.response.meta.version);
               resp.SetHeader("Location", "/api/v1/instrument-responses/" + v.response.meta.id);
               return resp;
             }));
  router.Add(Method::kGet, "/api/v1/clients/{id}/instrument-responses", "assessments.read",
             http::WithId([&svc](Request& req, const std::string& client_id) -> Result<Response> {
               std::string instrument(req.Query("instrument").value_or(""));
               if (instrument.size() > 40) return Error::Field("instrument", "must be at most 40 characters");
               SW_ASSIGN(auto list, svc.List(req.actor, client_id, instrument));
               json::array items;
               for (const auto& r : list) items.emplace_back(SummaryJson(r, svc.catalog()));
               return http::JsonResponse(200, json::object{{"items", std::move(items)}});
             }));
  router.Add(Method::kGet, "/api/v1/instrument-responses/{id}", "assessments.read",
             http::WithId([&svc](Request& req, const std::string& id) -> Result<Response> {
               SW_ASSIGN(auto v, svc.Get(req.actor, id));
               return http::RecordResponse(200, ResponseJson(v, svc.catalog()), v.response.meta.version);
             }));
  router.Add(Method::kPatch, "/api/v1/instrument-responses/{id}", "assessments.write",
             http::WithVersion([&svc](Request& req, const std::string& id, std::int64_t expected) -> Result<Response> {
               SW_ASSIGN(auto body, http::ParseObject(req));
               SW_ASSIGN(auto changes, ReadAnswers(body, true));
               SW_TRY(ReadRest(body, [](ObjectReader&) {}));
               SW_ASSIGN(auto v, svc.SaveAnswers(req.actor, id, expected, changes));
               return http::RecordResponse(200, ResponseJson(v, svc.catalog()), v.response.meta.version);
             }));
  router.Add(Method::kPost, "/api/v1/instrument-responses/{id}/complete", "assessments.write",
             http::WithVersion([&svc](Request& req, const std::string& id, std::int64_t expected) -> Result<Response> {
               SW_ASSIGN(auto v, svc.Complete(req.actor, id, expected));
               return http::RecordResponse(200, ResponseJson(v, svc.catalog()), v.response.meta.version);
             }));
  router.Add(Method::kPost, "/api/v1/instrument-responses/{id}/void", "assessments.write",
             http::VoidWith([&svc](Request& req, const std::string& id, std::int64_t expected,
                                   const std::string& reason) -> Result<Response> {
               SW_ASSIGN(auto v, svc.Void(req.actor, id, expected, reason));
               return http::RecordResponse(200, ResponseJson(v, svc.catalog()), v.response.meta.version);
             }));

  router.Add(Method::kGet, "/api/v1/safety-alerts", "assessments.read", [&svc](Request& req) -> Result<Response> {
    std::string status(req.Query("status").value_or("open"));
    if (status == "all") status.clear();
    if (!status.empty() && status != "open" && status != "resolved")
      return Error::Field("status", "must be open, resolved or all");
    SW_ASSIGN(auto alerts, svc.MyAlerts(req.actor, status));
    json::array items;
    for (const auto& a : alerts) items.emplace_back(AlertJson(a));
    return http::JsonResponse(200, json::object{{"items", std::move(items)}});
  });
  router.Add(Method::kGet, "/api/v1/clients/{id}/safety-alerts", "assessments.read",
             http::WithId([&svc](Request& req, const std::string& client_id) -> Result<Response> {
               SW_ASSIGN(auto alerts, svc.ClientAlerts(req.actor, client_id));
               json::array items;
               for (const auto& a : alerts) items.emplace_back(AlertJson(a));
               return http::JsonResponse(200, json::object{{"items", std::move(items)}});
             }));
  router.Add(Method::kPost, "/api/v1/safety-alerts/{id}/respond", "assessments.write",
             http::WithId([&svc](Request& req, const std::string& id) -> Result<Response> {
               std::optional<std::int64_t> expected;
               if (req.Header("if-match")) {
                 SW_ASSIGN(expected, http::RequireIfMatch(req));
               }
               SW_ASSIGN(auto body, http::ParseObject(req));
               std::vector<std::string> actions;
               std::string note;
               SW_TRY(http::ReadBody(body, [&](ObjectReader& r) {
                 actions = r.Codes("actions", Need::kOptional, program::Codes(SafetyActions()));
                 note = r.String("note", Need::kRequired, 4000).value_or("");
               }));
               SW_ASSIGN(auto a, svc.Respond(req.actor, id, expected, actions, note));
               return http::RecordResponse(200, AlertJson(a), a.meta.version);
             }));

  router.Add(
      Method::kGet, "/api/v1/programs/{id}/on-call", "program.read",
      http::WithId([&svc](Request& req, const std::string& program_id) -> Result<Response> {
        SW_ASSIGN(auto ids, svc.OnCall(req.actor, program_id));
        json::array staff;
        for (const auto& s : ids) staff.emplace_back(s);
        return http::JsonResponse(200, json::object{{"program_id", program_id}, {"staff_ids", std::move(staff)}});
      }));
  router.Add(
      Method::kPut, "/api/v1/programs/{id}/on-call", "program.write",
      http::WithId([&svc](Request& req, const std::string& program_id) -> Result<Response> {
        SW_ASSIGN(auto body, http::ParseObject(req));
        std::vector<std::string> ids;
        FieldErrors errors;
        const json::value* v = body.if_contains("staff_ids");
        if (!v || !v->is_array()) {
          errors.Add("staff_ids", "is required: a list of staff ids");
        } else {
          for (std::size_t i = 0; i < v->as_array().size(); ++i) {
            const auto& item = v->as_array()[i];
            if (!item.is_string() || !IsUuid(item.as_string())) {
              errors.Add("staff_ids[" + std::to_string(i) + "]", "must be an id (UUID)");
            } else {
              ids.push_back(AsciiLower(item.as_string()));
            }
          }
        }
        for (const auto& kv : body) {
          if (kv.key() != "staff_ids") errors.Add(std::string(kv.key()), "is not a known field");
        }
        if (!errors.empty()) return errors.ToError();
        SW_ASSIGN(auto saved, svc.SetOnCall(req.actor, program_id, ids));
        json::array staff;
        for (const auto& s : saved) staff.emplace_back(s);
        return http::JsonResponse(200, json::object{{"program_id", program_id}, {"staff_ids", std::move(staff)}});
      }));
}

}  // namespace stepwise::assessment
