#include "care/admissions/client_routes.h"

#include <algorithm>

#include "platform/base/uuid.h"
#include "platform/http/json.h"

namespace stepwise::admissions {

using http::Method;
using http::Need;
using http::ObjectReader;
using http::Request;
using http::Response;
using http::DateOrNull;
namespace json = boost::json;

namespace {


json::object LegalNameJson(const Client& c) {
  return {{"given", c.legal_name.given}, {"middle", c.legal_name.middle}, {"family", c.legal_name.family}};
}

}  // namespace

json::object EpisodeJson(const Episode& e) {
  json::object j;
  http::PutMeta(j, e.meta);
  j["part2"] = true;  // Part 2 provenance (migration 0007): every record the program creates is a Part 2 record
  j["client_id"] = e.client_id;
  j["program_id"] = e.program_id;
  j["track_id"] = e.track_id.empty() ? json::value(nullptr) : json::value(e.track_id);
  j["counselor_id"] = e.counselor_id.empty() ? json::value(nullptr) : json::value(e.counselor_id);
  j["stage"] = e.stage;
  j["status"] = IsOpenStage(e.stage) ? "open" : "closed";
  j["level_of_care"] = e.level_of_care;
  j["admission_date"] = DateOrNull(e.admission_date);
  j["discharge_date"] = DateOrNull(e.discharge_date);
  return j;
}

json::object ClientSummaryJson(const ClientSummary& s) {
  const Client& c = s.client;
  return {{"id", c.meta.id},
          {"mrn", c.mrn},
          {"legal_name", LegalNameJson(c)},
          {"preferred_name", c.preferred_name},
          {"display_name", DisplayName(c)},
          {"pronouns", c.pronouns},
          {"birth_date", FormatDate(c.birth_date)},
          {"age", AgeInYears(c.birth_date, UtcDate(std::chrono::system_clock::now()))},
          {"stage", s.stage.empty() ? json::value(nullptr) : json::value(s.stage)},
          {"track_name", s.track_name.empty() ? json::value(nullptr) : json::value(s.track_name)},
          {"counselor_name", s.counselor_name.empty() ? json::value(nullptr) : json::value(s.counselor_name)},
          {"voided", c.meta.voided}};
}

void ReadClientFields(ObjectReader& r, Client& c) {
  c.mrn = r.String("mrn", Need::kOptional, 32).value_or("");
  if (!r.Object("legal_name", Need::kRequired, [&](ObjectReader& n) {
        c.legal_name.given = n.String("given", Need::kRequired, 100).value_or("");
        c.legal_name.middle = n.String("middle", Need::kOptional, 100).value_or("");
        c.legal_name.family = n.String("family", Need::kRequired, 100).value_or("");
      })) {
    return;
  }
  c.preferred_name = r.String("preferred_name", Need::kOptional, 100).value_or("");
  c.pronouns = r.String("pronouns", Need::kOptional, 40).value_or("");
  c.birth_date = r.DateValue("birth_date", Need::kRequired).value_or(Date{});
  c.sex_at_birth = r.Code("sex_at_birth", Need::kOptional, program::Codes(SexAtBirth())).value_or("");
  c.gender_identity = r.String("gender_identity", Need::kOptional, 60).value_or("");
  c.phone = r.String("phone", Need::kOptional, 40).value_or("");
  c.email = r.String("email", Need::kOptional, 254).value_or("");
  r.Object("address", Need::kOptional, [&](ObjectReader& a) { c.address = http::ReadAddress(a); });
  r.Object("emergency_contact", Need::kOptional, [&](ObjectReader& e) {
    c.emergency_contact.name = e.String("name", Need::kOptional, 100).value_or("");
    c.emergency_contact.relationship = e.String("relationship", Need::kOptional, 60).value_or("");
    c.emergency_contact.phone = e.String("phone", Need::kOptional, 40).value_or("");
  });
  r.Objects("identifiers", Need::kOptional, [&](ObjectReader& i) {
    c.identifiers.push_back(
        {i.String("system", Need::kRequired, 40).value_or(""), i.String("value", Need::kRequired, 64).value_or("")});
  });
}

namespace {

int Age(const Client& c) { return AgeInYears(c.birth_date, UtcDate(std::chrono::system_clock::now())); }

}  // namespace

json::object PossibleDuplicatesJson(const std::vector<PossibleDuplicate>& found) {
  json::array items;
  for (const auto& d : found) {
    auto j = ClientSummaryJson(d.summary);
    json::array why;
    for (const auto& w : d.why) why.emplace_back(w);
    j["why"] = std::move(why);
    items.emplace_back(std::move(j));
  }
  return {{"items", std::move(items)}};
}

namespace {

json::object RecordJson(const ClientRecord& r) {
  const Client& c = r.summary.client;
  json::object j;
  http::PutMeta(j, c.meta);
  j["part2"] = true;  // Part 2 provenance (migration 0007)
  j["mrn"] = c.mrn;
  j["legal_name"] = LegalNameJson(c);
  j["preferred_name"] = c.preferred_name;
  j["display_name"] = DisplayName(c);
  j["pronouns"] = c.pronouns;
  j["birth_date"] = FormatDate(c.birth_date);
  j["age"] = Age(c);
  j["sex_at_birth"] = c.sex_at_birth;
  j["gender_identity"] = c.gender_identity;
  j["phone"] = c.phone;
  j["email"] = c.email;
  j["address"] = http::AddressJson(c.address);
  j["emergency_contact"] = json::object{{"name", c.emergency_contact.name},
                                        {"relationship", c.emergency_contact.relationship},
                                        {"phone", c.emergency_contact.phone}};
  json::array ids;
  for (const auto& i : c.identifiers) ids.emplace_back(json::object{{"system", i.system}, {"value", i.value}});
  j["identifiers"] = std::move(ids);
  if (r.current_episode) {
    auto e = EpisodeJson(*r.current_episode);
    e["track_name"] = r.summary.track_name.empty() ? json::value(nullptr) : json::value(r.summary.track_name);
    e["counselor_name"] =
        r.summary.counselor_name.empty() ? json::value(nullptr) : json::value(r.summary.counselor_name);
    j["current_episode"] = std::move(e);
  } else {
    j["current_episode"] = nullptr;
  }
  return j;
}

Result<Client> ReadClient(const Request& req) {
  SW_ASSIGN(auto body, http::ParseObject(req));
  Client c;
  SW_TRY(http::ReadBody(body, [&](ObjectReader& r) { ReadClientFields(r, c); }));
  return c;
}

Result<Episode> ReadEpisode(const Request& req) {
  SW_ASSIGN(auto body, http::ParseObject(req));
  Episode e;
  SW_TRY(http::ReadBody(body, [&](ObjectReader& r) {
    e.program_id = r.Id("program_id", Need::kRequired).value_or("");
    e.track_id = r.Id("track_id").value_or("");
    e.counselor_id = r.Id("counselor_id").value_or("");
    e.stage = r.Code("stage", Need::kRequired, program::Codes(CareStages())).value_or("");
    e.level_of_care = r.Code("level_of_care", Need::kRequired, program::Codes(program::LevelsOfCare())).value_or("");
    e.admission_date = r.DateValue("admission_date");
    e.discharge_date = r.DateValue("discharge_date");
  }));
  return e;
}

Result<std::string> OptionalIdQuery(const Request& req, std::string_view name) {
  auto v = req.Query(name);
  if (!v || v->empty()) return std::string();
  if (!IsUuid(*v)) return Error::Field(std::string(name), "must be an id (UUID)");
  return AsciiLower(*v);
}

}  // namespace

void AddClientRoutes(http::Router& router, ClientService& svc) {
  router.Add(Method::kGet, "/api/v1/clients", "clients.read", [&svc](Request& req) -> Result<Response> {
    ClientSearch s;
    s.q = std::string(req.Query("q").value_or(""));
    if (s.q.size() > 200) return Error::Field("q", "must be at most 200 characters");
    if (auto d = req.Query("birth_date"); d && !d->empty()) {
      s.birth_date = ParseDate(*d);
      if (!s.birth_date) return Error::Field("birth_date", "must be a real date as YYYY-MM-DD");
    }
    s.mrn = std::string(req.Query("mrn").value_or(""));
    if (auto stage = req.Query("stage"); stage && !stage->empty()) {
      auto codes = program::Codes(CareStages());
      if (std::find(codes.begin(), codes.end(), *stage) == codes.end())
        return Error::Field("stage", "is not a care stage");
      s.stage = std::string(*stage);
    }
    SW_ASSIGN(s.track_id, OptionalIdQuery(req, "track_id"));
    SW_ASSIGN(s.counselor_id, OptionalIdQuery(req, "counselor_id"));
    SW_ASSIGN(s.cursor, OptionalIdQuery(req, "cursor"));
    SW_ASSIGN(s.include_voided, http::QueryFlag(req, "include_voided"));
    SW_ASSIGN(s.limit, http::QueryLimit(req));
    SW_ASSIGN(auto page, svc.Search(req.actor, std::move(s)));
    json::array items;
    for (const auto& item : page.items) items.emplace_back(ClientSummaryJson(item));
    return http::JsonResponse(
        200,
        json::object{{"items", std::move(items)},
                     {"next_cursor", page.next_cursor.empty() ? json::value(nullptr) : json::value(page.next_cursor)}});
  });
  router.Add(Method::kPost, "/api/v1/clients", "clients.write", [&svc](Request& req) -> Result<Response> {
    SW_ASSIGN(auto draft, ReadClient(req));
    SW_ASSIGN(auto r, svc.Create(req.actor, std::move(draft)));
    auto resp = http::RecordResponse(201, RecordJson(r), r.summary.client.meta.version);
    resp.SetHeader("Location", "/api/v1/clients/" + r.summary.client.meta.id);
    return resp;
  });
  // Before registering someone: existing clients who may be the same person. A POST, so names, birth dates
  // and phone numbers stay out of URLs; it reads and changes nothing but the audit trail.
  router.Add(Method::kPost, "/api/v1/clients/possible-duplicates", "clients.read",
             [&svc](Request& req) -> Result<Response> {
               SW_ASSIGN(auto body, http::ParseObject(req));
               std::string given, family, phone;
               std::optional<Date> birth_date;
               SW_TRY(http::ReadBody(body, [&](ObjectReader& r) {
                 given = r.String("given", Need::kOptional, 100).value_or("");
                 family = r.String("family", Need::kRequired, 100).value_or("");
                 birth_date = r.DateValue("birth_date", Need::kOptional);
                 phone = r.String("phone", Need::kOptional, 40).value_or("");
               }));
               SW_ASSIGN(auto found, svc.PossibleDuplicates(req.actor, given, family, birth_date, phone));
               return http::JsonResponse(200, PossibleDuplicatesJson(found));
             });
  router.Add(Method::kGet, "/api/v1/clients/{id}", "clients.read",
             http::WithId([&svc](Request& req, const std::string& id) -> Result<Response> {
               SW_ASSIGN(auto r, svc.Get(req.actor, id));
               return http::RecordResponse(200, RecordJson(r), r.summary.client.meta.version);
             }));
  router.Add(Method::kPut, "/api/v1/clients/{id}", "clients.write",
             http::WithVersion([&svc](Request& req, const std::string& id, std::int64_t expected) -> Result<Response> {
               SW_ASSIGN(auto changes, ReadClient(req));
               changes.meta.id = id;
               SW_ASSIGN(auto r, svc.Update(req.actor, std::move(changes), expected));
               return http::RecordResponse(200, RecordJson(r), r.summary.client.meta.version);
             }));
  router.Add(Method::kPost, "/api/v1/clients/{id}/void", "clients.write",
             http::VoidWith([&svc](Request& req, const std::string& id, std::int64_t expected,
                                   const std::string& reason) -> Result<Response> {
               SW_ASSIGN(auto r, svc.Void(req.actor, id, expected, reason));
               return http::RecordResponse(200, RecordJson(r), r.summary.client.meta.version);
             }));

  router.Add(Method::kGet, "/api/v1/clients/{id}/episodes", "clients.read",
             http::WithId([&svc](Request& req, const std::string& id) -> Result<Response> {
               SW_ASSIGN(auto episodes, svc.ListEpisodes(req.actor, id));
               json::array items;
               for (const auto& e : episodes) items.emplace_back(EpisodeJson(e));
               return http::JsonResponse(200, json::object{{"items", std::move(items)}, {"next_cursor", nullptr}});
             }));
  router.Add(Method::kPost, "/api/v1/clients/{id}/episodes", "clients.write",
             http::WithId([&svc](Request& req, const std::string& id) -> Result<Response> {
               SW_ASSIGN(auto draft, ReadEpisode(req));
               draft.client_id = id;
               SW_ASSIGN(auto e, svc.OpenEpisode(req.actor, std::move(draft)));
               return http::RecordResponse(201, EpisodeJson(e), e.meta.version);
             }));
  router.Add(Method::kGet, "/api/v1/episodes/{id}", "clients.read",
             http::WithId([&svc](Request& req, const std::string& id) -> Result<Response> {
               SW_ASSIGN(auto e, svc.GetEpisode(req.actor, id));
               return http::RecordResponse(200, EpisodeJson(e), e.meta.version);
             }));
  router.Add(Method::kPut, "/api/v1/episodes/{id}", "clients.write",
             http::WithVersion([&svc](Request& req, const std::string& id, std::int64_t expected) -> Result<Response> {
               SW_ASSIGN(auto changes, ReadEpisode(req));
               changes.meta.id = id;
               SW_ASSIGN(auto e, svc.UpdateEpisode(req.actor, std::move(changes), expected));
               return http::RecordResponse(200, EpisodeJson(e), e.meta.version);
             }));
  router.Add(Method::kPost, "/api/v1/episodes/{id}/void", "clients.write",
             http::VoidWith([&svc](Request& req, const std::string& id, std::int64_t expected,
                                   const std::string& reason) -> Result<Response> {
               SW_ASSIGN(auto e, svc.VoidEpisode(req.actor, id, expected, reason));
               return http::RecordResponse(200, EpisodeJson(e), e.meta.version);
             }));
}

}  // namespace stepwise::admissions
