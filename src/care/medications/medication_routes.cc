#include "care/medications/medication_routes.h"

#include "platform/http/json.h"

namespace stepwise::medications {
namespace {

namespace json = boost::json;
using http::Method;
using http::Need;
using http::ObjectReader;
using http::Request;
using http::Response;

json::array Strings(const std::vector<std::string>& list) {
  json::array out;
  for (const auto& s : list) out.emplace_back(s);
  return out;
}

json::object MedicationJson(const Medication& m, const Settings& settings, Date today) {
  json::object o;
  http::PutMeta(o, m.meta);
  o["client_id"] = m.client_id;
  o["part2"] = true;
  o["name"] = m.name;
  o["rxnorm_code"] = http::TextOrNull(m.rxnorm_code);
  o["dose"] = m.dose;
  o["route"] = m.route;
  o["frequency"] = m.frequency;
  o["prescriber"] = http::TextOrNull(m.prescriber);
  o["start_on"] = FormatDate(m.start_on);
  o["stop_on"] = http::DateOrNull(m.stop_on);
  o["stop_reason"] = http::TextOrNull(m.stop_reason);
  o["category"] = m.category;
  o["mat_kind"] = http::TextOrNull(m.mat_kind);
  o["source"] = m.source;
  o["note"] = http::TextOrNull(m.note);
  o["active"] = ActiveOn(m, today);
  o["expected_analytes"] = Strings(ExpectedAnalytesOf(m, settings));
  return o;
}

json::object ReferralJson(const Referral& r) {
  json::object o;
  http::PutMeta(o, r.meta);
  o["client_id"] = r.client_id;
  o["part2"] = true;
  o["provider_name"] = r.provider_name;
  o["provider_contact"] = http::TextOrNull(r.provider_contact);
  o["reason"] = r.reason;
  o["status"] = r.status;
  o["sent_on"] = FormatDate(r.sent_on);
  o["appointment_on"] = http::DateOrNull(r.appointment_on);
  o["seen_on"] = http::DateOrNull(r.seen_on);
  o["closed_on"] = http::DateOrNull(r.closed_on);
  o["outcome"] = http::TextOrNull(r.outcome);
  return o;
}

json::object CheckinJson(const Checkin& c) {
  json::object o;
  http::PutMeta(o, c.meta);
  o["client_id"] = c.client_id;
  o["part2"] = true;
  o["medication_id"] = http::TextOrNull(c.medication_id);
  o["checked_on"] = FormatDate(c.checked_on);
  o["taken_as_prescribed"] = c.taken_as_prescribed;
  o["missed_doses"] = c.missed_doses;
  o["non_adherent"] = NonAdherent(c);
  o["side_effects"] = http::TextOrNull(c.side_effects);
  o["craving"] = c.craving;
  o["note"] = http::TextOrNull(c.note);
  o["recorded_by"] = http::TextOrNull(c.recorded_by);
  return o;
}

json::object TrendJson(const WeekTrend& w) {
  return {{"week_of", FormatDate(w.week_of)},     {"checkins", w.checkins},
          {"as_prescribed", w.as_prescribed},     {"missed_doses", w.missed_doses},
          {"average_craving", w.average_craving}, {"max_craving", w.max_craving},
          {"side_effect_reports", w.side_effect_reports}};
}

// The editable fields of a medication, as POST and PUT take them.
void ReadMedication(ObjectReader& r, Medication& m) {
  m.name = r.String("name", Need::kRequired, 200).value_or("");
  m.rxnorm_code = r.String("rxnorm_code", Need::kOptional, 20).value_or("");
  m.dose = r.String("dose", Need::kRequired, 100).value_or("");
  m.route = r.Code("route", Need::kRequired, Routes()).value_or("");
  m.frequency = r.String("frequency", Need::kRequired, 100).value_or("");
  m.prescriber = r.String("prescriber", Need::kOptional, 200).value_or("");
  m.start_on = r.DateValue("start_on", Need::kRequired).value_or(Date{});
  m.mat_kind = r.Code("mat_kind", Need::kOptional, MatKinds()).value_or("");
  m.category = r.Code("category", Need::kOptional, Categories()).value_or(m.mat_kind.empty() ? "other" : "addiction");
  m.source = r.Code("source", Need::kRequired, Sources()).value_or("");
  m.note = r.String("note", Need::kOptional, 2000).value_or("");
}

template <typename T, typename F>
Response Items(const std::vector<T>& list, F&& to_json) {
  json::array items;
  for (const auto& x : list) items.emplace_back(to_json(x));
  return http::JsonResponse(200, json::object{{"items", std::move(items)}});
}

}  // namespace

void AddMedicationRoutes(http::Router& router, MedicationService& svc) {
  router.Add(Method::kGet, "/api/v1/clients/{id}/medications", "medications.read",
             http::WithId([&svc](Request& req, const std::string& client_id) -> Result<Response> {
               SW_ASSIGN(auto list, svc.OfClient(req.actor, client_id));
               const Date today = svc.Today();
               return Items(list, [&](const Medication& m) { return MedicationJson(m, svc.settings(), today); });
             }));
  router.Add(Method::kPost, "/api/v1/clients/{id}/medications", "medications.write",
             http::WithId([&svc](Request& req, const std::string& client_id) -> Result<Response> {
               SW_ASSIGN(auto body, http::ParseObject(req));
               Medication draft;
               draft.client_id = client_id;
               SW_TRY(http::ReadBody(body, [&](ObjectReader& r) { ReadMedication(r, draft); }));
               SW_ASSIGN(auto m, svc.Add(req.actor, std::move(draft)));
               auto resp = http::RecordResponse(201, MedicationJson(m, svc.settings(), svc.Today()), m.meta.version);
               resp.SetHeader("Location", "/api/v1/medications/" + m.meta.id);
               return resp;
             }));
  router.Add(Method::kPut, "/api/v1/medications/{id}", "medications.write",
             http::WithVersion([&svc](Request& req, const std::string& id, std::int64_t expected) -> Result<Response> {
               SW_ASSIGN(auto body, http::ParseObject(req));
               Medication changes;
               SW_TRY(http::ReadBody(body, [&](ObjectReader& r) { ReadMedication(r, changes); }));
               SW_ASSIGN(auto m, svc.Update(req.actor, id, expected, std::move(changes)));
               return http::RecordResponse(200, MedicationJson(m, svc.settings(), svc.Today()), m.meta.version);
             }));
  router.Add(Method::kPost, "/api/v1/medications/{id}/stop", "medications.write",
             http::WithVersion([&svc](Request& req, const std::string& id, std::int64_t expected) -> Result<Response> {
               SW_ASSIGN(auto body, http::ParseObject(req));
               std::optional<Date> stop_on;
               std::string reason;
               SW_TRY(http::ReadBody(body, [&](ObjectReader& r) {
                 stop_on = r.DateValue("stop_on", Need::kRequired);
                 reason = r.String("reason", Need::kRequired, 500).value_or("");
               }));
               SW_ASSIGN(auto m, svc.Stop(req.actor, id, expected, *stop_on, reason));
               return http::RecordResponse(200, MedicationJson(m, svc.settings(), svc.Today()), m.meta.version);
             }));
  router.Add(Method::kPost, "/api/v1/medications/{id}/void", "medications.write",
             http::VoidWith([&svc](Request& req, const std::string& id, std::int64_t expected,
                                   const std::string& reason) -> Result<Response> {
               SW_ASSIGN(auto m, svc.Void(req.actor, id, expected, reason));
               return http::RecordResponse(200, MedicationJson(m, svc.settings(), svc.Today()), m.meta.version);
             }));

  router.Add(Method::kGet, "/api/v1/clients/{id}/medication-referrals", "medications.read",
             http::WithId([&svc](Request& req, const std::string& client_id) -> Result<Response> {
               SW_ASSIGN(auto list, svc.ReferralsOf(req.actor, client_id));
               return Items(list, ReferralJson);
             }));
  router.Add(Method::kPost, "/api/v1/clients/{id}/medication-referrals", "medications.write",
             http::WithId([&svc](Request& req, const std::string& client_id) -> Result<Response> {
               SW_ASSIGN(auto body, http::ParseObject(req));
               Referral draft;
               draft.client_id = client_id;
               SW_TRY(http::ReadBody(body, [&](ObjectReader& r) {
                 draft.provider_name = r.String("provider_name", Need::kRequired, 200).value_or("");
                 draft.provider_contact = r.String("provider_contact", Need::kOptional, 500).value_or("");
                 draft.reason = r.String("reason", Need::kRequired, 1000).value_or("");
                 draft.sent_on = r.DateValue("sent_on", Need::kOptional).value_or(svc.Today());
               }));
               SW_ASSIGN(auto ref, svc.Refer(req.actor, std::move(draft)));
               return http::RecordResponse(201, ReferralJson(ref), ref.meta.version);
             }));
  router.Add(Method::kPost, "/api/v1/medication-referrals/{id}/status", "medications.write",
             http::WithVersion([&svc](Request& req, const std::string& id, std::int64_t expected) -> Result<Response> {
               SW_ASSIGN(auto body, http::ParseObject(req));
               std::string status, outcome;
               std::optional<Date> date;
               SW_TRY(http::ReadBody(body, [&](ObjectReader& r) {
                 status = r.Code("status", Need::kRequired, {"scheduled", "seen", "closed"}).value_or("");
                 date = r.DateValue("date", Need::kRequired);
                 outcome = r.String("outcome", Need::kOptional, 2000).value_or("");
               }));
               SW_ASSIGN(auto ref, svc.SetReferralStatus(req.actor, id, expected, status, *date, outcome));
               return http::RecordResponse(200, ReferralJson(ref), ref.meta.version);
             }));

  router.Add(Method::kGet, "/api/v1/clients/{id}/adherence", "medications.read",
             http::WithId([&svc](Request& req, const std::string& client_id) -> Result<Response> {
               SW_ASSIGN(auto list, svc.CheckinsOf(req.actor, client_id));
               return Items(list, CheckinJson);
             }));
  router.Add(Method::kGet, "/api/v1/clients/{id}/adherence/trend", "medications.read",
             http::WithId([&svc](Request& req, const std::string& client_id) -> Result<Response> {
               SW_ASSIGN(auto weeks, svc.Trend(req.actor, client_id));
               json::array items;
               for (const auto& w : weeks) items.emplace_back(TrendJson(w));
               return http::JsonResponse(
                   200, json::object{{"weeks", std::move(items)},
                                     {"non_adherent_count", svc.settings().non_adherent_count},
                                     {"window_days", svc.settings().window_days}});
             }));
  router.Add(Method::kPost, "/api/v1/clients/{id}/adherence", "medications.write",
             http::WithId([&svc](Request& req, const std::string& client_id) -> Result<Response> {
               SW_ASSIGN(auto body, http::ParseObject(req));
               Checkin draft;
               draft.client_id = client_id;
               SW_TRY(http::ReadBody(body, [&](ObjectReader& r) {
                 draft.medication_id = r.Id("medication_id").value_or("");
                 draft.checked_on = r.DateValue("checked_on", Need::kOptional).value_or(svc.Today());
                 draft.taken_as_prescribed = r.Bool("taken_as_prescribed", Need::kRequired).value_or(true);
                 draft.missed_doses = static_cast<int>(r.Int("missed_doses", Need::kOptional, 0, 100).value_or(0));
                 draft.side_effects = r.String("side_effects", Need::kOptional, 1000).value_or("");
                 draft.craving = static_cast<int>(r.Int("craving", Need::kOptional, 0, 10).value_or(0));
                 draft.note = r.String("note", Need::kOptional, 2000).value_or("");
               }));
               SW_ASSIGN(auto result, svc.CheckIn(req.actor, std::move(draft)));
               auto j = CheckinJson(result.checkin);
               j["adherence_task_id"] = http::TextOrNull(result.task_id);
               return http::RecordResponse(201, j, result.checkin.meta.version);
             }));
  router.Add(Method::kPost, "/api/v1/adherence/{id}/void", "medications.write",
             http::VoidWith([&svc](Request& req, const std::string& id, std::int64_t expected,
                                   const std::string& reason) -> Result<Response> {
               SW_ASSIGN(auto c, svc.VoidCheckin(req.actor, id, expected, reason));
               return http::RecordResponse(200, CheckinJson(c), c.meta.version);
             }));
}

}  // namespace stepwise::medications
