#include "care/program/program_routes.h"

#include "platform/http/json.h"

namespace stepwise::program {

using http::Method;
using http::Need;
using http::ObjectReader;
using http::Request;
using http::Response;
namespace json = boost::json;

namespace {

json::object OrgJson(const Organization& o) {
  json::object j;
  http::PutMeta(j, o.meta);
  j["name"] = o.name;
  j["time_zone"] = o.time_zone;
  return j;
}

json::object SiteJson(const Site& s) {
  json::object j;
  http::PutMeta(j, s.meta);
  j["name"] = s.name;
  j["phone"] = s.phone;
  j["address"] = http::AddressJson(s.address);
  return j;
}

json::object ProgramJson(const Program& p) {
  json::object j;
  http::PutMeta(j, p.meta);
  j["site_id"] = p.site_id;
  j["name"] = p.name;
  j["level_of_care"] = p.level_of_care;
  return j;
}

json::object TrackJson(const Track& t) {
  json::object j;
  http::PutMeta(j, t.meta);
  j["program_id"] = t.program_id;
  j["name"] = t.name;
  json::array days;
  for (const auto& d : t.days) days.emplace_back(d);
  j["days"] = std::move(days);
  j["start_time"] = FormatClockTime(t.start_minute);
  j["end_time"] = FormatClockTime(t.end_minute);
  j["capacity"] = t.capacity;
  j["hours_per_week"] = HoursPerWeek(t);
  return j;
}

template <typename T, typename ToJson>
Response ListResponse(const std::vector<T>& items, ToJson to_json) {
  json::array arr;
  for (const auto& item : items) arr.emplace_back(to_json(item));
  return http::JsonResponse(200, json::object{{"items", std::move(arr)}, {"next_cursor", nullptr}});
}

Result<Organization> ReadOrganization(const Request& req) {
  SW_ASSIGN(auto body, http::ParseObject(req));
  Organization o;
  SW_TRY(http::ReadBody(body, [&](ObjectReader& r) {
    o.name = r.String("name", Need::kRequired).value_or("");
    o.time_zone = r.String("time_zone", Need::kRequired, 64).value_or("");
  }));
  return o;
}

Result<Site> ReadSite(const Request& req) {
  SW_ASSIGN(auto body, http::ParseObject(req));
  Site s;
  SW_TRY(http::ReadBody(body, [&](ObjectReader& r) {
    s.name = r.String("name", Need::kRequired).value_or("");
    s.phone = r.String("phone", Need::kOptional, 40).value_or("");
    r.Object("address", Need::kOptional, [&](ObjectReader& a) { s.address = http::ReadAddress(a); });
  }));
  return s;
}

Result<Program> ReadProgram(const Request& req) {
  SW_ASSIGN(auto body, http::ParseObject(req));
  Program p;
  SW_TRY(http::ReadBody(body, [&](ObjectReader& r) {
    p.site_id = r.Id("site_id", Need::kRequired).value_or("");
    p.name = r.String("name", Need::kRequired).value_or("");
    p.level_of_care = r.Code("level_of_care", Need::kRequired, Codes(LevelsOfCare())).value_or("");
  }));
  return p;
}

Result<Track> ReadTrack(const Request& req) {
  SW_ASSIGN(auto body, http::ParseObject(req));
  Track t;
  SW_TRY(http::ReadBody(body, [&](ObjectReader& r) {
    t.name = r.String("name", Need::kRequired).value_or("");
    t.days = r.Codes("days", Need::kRequired, Codes(Weekdays()));
    for (auto [key, out] : {std::pair{"start_time", &t.start_minute}, std::pair{"end_time", &t.end_minute}}) {
      if (auto s = r.String(key, Need::kRequired, 5)) {
        if (auto m = ParseClockTime(*s))
          *out = *m;
        else
          r.errors().Add(key, "must be a time as HH:MM (24-hour)");
      }
    }
    t.capacity = static_cast<int>(r.Int("capacity", Need::kRequired, 1, 500).value_or(0));
  }));
  return t;
}

}  // namespace

void AddProgramRoutes(http::Router& router, ProgramService& svc) {
  router.Add(Method::kGet, "/api/v1/organization", "organization.read", [&svc](Request& req) -> Result<Response> {
    SW_ASSIGN(auto o, svc.GetOrganization(req.actor));
    return http::RecordResponse(200, OrgJson(o), o.meta.version);
  });
  router.Add(Method::kPost, "/api/v1/organization", "organization.setup", [&svc](Request& req) -> Result<Response> {
    SW_ASSIGN(auto draft, ReadOrganization(req));
    SW_ASSIGN(auto o, svc.CreateOrganization(req.actor, std::move(draft)));
    return http::RecordResponse(201, OrgJson(o), o.meta.version);
  });
  router.Add(Method::kPut, "/api/v1/organization", "organization.write", [&svc](Request& req) -> Result<Response> {
    SW_ASSIGN(auto expected, http::RequireIfMatch(req));
    SW_ASSIGN(auto changes, ReadOrganization(req));
    SW_ASSIGN(auto o, svc.UpdateOrganization(req.actor, std::move(changes), expected));
    return http::RecordResponse(200, OrgJson(o), o.meta.version);
  });

  // Sites
  router.Add(Method::kGet, "/api/v1/sites", "program.read", [&svc](Request& req) -> Result<Response> {
    SW_ASSIGN(bool voided, http::QueryFlag(req, "include_voided"));
    SW_ASSIGN(auto sites, svc.ListSites(req.actor, voided));
    return ListResponse(sites, SiteJson);
  });
  router.Add(Method::kPost, "/api/v1/sites", "program.write", [&svc](Request& req) -> Result<Response> {
    SW_ASSIGN(auto draft, ReadSite(req));
    SW_ASSIGN(auto s, svc.CreateSite(req.actor, std::move(draft)));
    return http::RecordResponse(201, SiteJson(s), s.meta.version);
  });
  router.Add(Method::kGet, "/api/v1/sites/{id}", "program.read",
             http::WithId([&svc](Request& req, const std::string& id) -> Result<Response> {
               SW_ASSIGN(auto s, svc.GetSite(req.actor, id));
               return http::RecordResponse(200, SiteJson(s), s.meta.version);
             }));
  router.Add(Method::kPut, "/api/v1/sites/{id}", "program.write",
             http::WithVersion([&svc](Request& req, const std::string& id, std::int64_t expected) -> Result<Response> {
               SW_ASSIGN(auto changes, ReadSite(req));
               changes.meta.id = id;
               SW_ASSIGN(auto s, svc.UpdateSite(req.actor, std::move(changes), expected));
               return http::RecordResponse(200, SiteJson(s), s.meta.version);
             }));
  router.Add(Method::kPost, "/api/v1/sites/{id}/void", "program.write",
             http::VoidWith([&svc](Request& req, const std::string& id, std::int64_t expected,
                                   const std::string& reason) -> Result<Response> {
               SW_ASSIGN(auto s, svc.VoidSite(req.actor, id, expected, reason));
               return http::RecordResponse(200, SiteJson(s), s.meta.version);
             }));

  // Programs
  router.Add(Method::kGet, "/api/v1/programs", "program.read", [&svc](Request& req) -> Result<Response> {
    SW_ASSIGN(bool voided, http::QueryFlag(req, "include_voided"));
    SW_ASSIGN(auto programs, svc.ListPrograms(req.actor, voided));
    return ListResponse(programs, ProgramJson);
  });
  router.Add(Method::kPost, "/api/v1/programs", "program.write", [&svc](Request& req) -> Result<Response> {
    SW_ASSIGN(auto draft, ReadProgram(req));
    SW_ASSIGN(auto p, svc.CreateProgram(req.actor, std::move(draft)));
    return http::RecordResponse(201, ProgramJson(p), p.meta.version);
  });
  router.Add(Method::kGet, "/api/v1/programs/{id}", "program.read",
             http::WithId([&svc](Request& req, const std::string& id) -> Result<Response> {
               SW_ASSIGN(auto p, svc.GetProgram(req.actor, id));
               SW_ASSIGN(auto tracks, svc.ListTracks(req.actor, id, false));
               auto j = ProgramJson(p);
               json::array arr;
               for (const auto& t : tracks) arr.emplace_back(TrackJson(t));
               j["tracks"] = std::move(arr);
               return http::RecordResponse(200, j, p.meta.version);
             }));
  router.Add(Method::kPut, "/api/v1/programs/{id}", "program.write",
             http::WithVersion([&svc](Request& req, const std::string& id, std::int64_t expected) -> Result<Response> {
               SW_ASSIGN(auto changes, ReadProgram(req));
               changes.meta.id = id;
               SW_ASSIGN(auto p, svc.UpdateProgram(req.actor, std::move(changes), expected));
               return http::RecordResponse(200, ProgramJson(p), p.meta.version);
             }));
  router.Add(Method::kPost, "/api/v1/programs/{id}/void", "program.write",
             http::VoidWith([&svc](Request& req, const std::string& id, std::int64_t expected,
                                   const std::string& reason) -> Result<Response> {
               SW_ASSIGN(auto p, svc.VoidProgram(req.actor, id, expected, reason));
               return http::RecordResponse(200, ProgramJson(p), p.meta.version);
             }));

  // Tracks
  router.Add(Method::kGet, "/api/v1/tracks", "program.read", [&svc](Request& req) -> Result<Response> {
    SW_ASSIGN(bool voided, http::QueryFlag(req, "include_voided"));
    SW_ASSIGN(auto tracks, svc.ListTracks(req.actor, "", voided));
    return ListResponse(tracks, TrackJson);
  });
  router.Add(Method::kGet, "/api/v1/programs/{id}/tracks", "program.read",
             http::WithId([&svc](Request& req, const std::string& id) -> Result<Response> {
               SW_ASSIGN(bool voided, http::QueryFlag(req, "include_voided"));
               SW_ASSIGN(auto tracks, svc.ListTracks(req.actor, id, voided));
               return ListResponse(tracks, TrackJson);
             }));
  router.Add(Method::kPost, "/api/v1/programs/{id}/tracks", "program.write",
             http::WithId([&svc](Request& req, const std::string& id) -> Result<Response> {
               SW_ASSIGN(auto draft, ReadTrack(req));
               draft.program_id = id;
               SW_ASSIGN(auto t, svc.CreateTrack(req.actor, std::move(draft)));
               return http::RecordResponse(201, TrackJson(t), t.meta.version);
             }));
  router.Add(Method::kGet, "/api/v1/tracks/{id}", "program.read",
             http::WithId([&svc](Request& req, const std::string& id) -> Result<Response> {
               SW_ASSIGN(auto t, svc.GetTrack(req.actor, id));
               return http::RecordResponse(200, TrackJson(t), t.meta.version);
             }));
  router.Add(Method::kPut, "/api/v1/tracks/{id}", "program.write",
             http::WithVersion([&svc](Request& req, const std::string& id, std::int64_t expected) -> Result<Response> {
               SW_ASSIGN(auto changes, ReadTrack(req));
               changes.meta.id = id;
               SW_ASSIGN(auto t, svc.UpdateTrack(req.actor, std::move(changes), expected));
               return http::RecordResponse(200, TrackJson(t), t.meta.version);
             }));
  router.Add(Method::kPost, "/api/v1/tracks/{id}/void", "program.write",
             http::VoidWith([&svc](Request& req, const std::string& id, std::int64_t expected,
                                   const std::string& reason) -> Result<Response> {
               SW_ASSIGN(auto t, svc.VoidTrack(req.actor, id, expected, reason));
               return http::RecordResponse(200, TrackJson(t), t.meta.version);
             }));
}

}  // namespace stepwise::program
