#include "care/admissions/client_routes.h"
#include "care/documents/document_routes.h"
#include "care/documents/orientation_json.h"
#include "platform/http/json.h"

namespace stepwise::documents {

using http::Method;
using http::Need;
using http::ObjectReader;
using http::Request;
using http::Response;
namespace json = boost::json;

namespace {

json::object ChecklistJson(const Checklist& c) {
  json::array items;
  for (const auto& i : c.items) items.emplace_back(ChecklistItemJson(i));
  json::object j;
  j["program_id"] = c.program_id;
  j["version"] = c.meta.version;
  j["is_default"] = c.is_default;
  j["created_at"] = http::TextOrNull(c.meta.created_at);
  j["updated_at"] = http::TextOrNull(c.meta.updated_at);
  j["items"] = std::move(items);
  return j;
}

Result<std::vector<ChecklistItem>> ReadChecklist(const Request& req) {
  SW_ASSIGN(auto body, http::ParseObject(req));
  std::vector<ChecklistItem> items;
  SW_TRY(http::ReadBody(body, [&](ObjectReader& r) {
    r.Objects("items", Need::kRequired, [&](ObjectReader& i) {
      ChecklistItem item;
      item.code = i.String("code", Need::kRequired, 60).value_or("");
      item.label = i.String("label", Need::kRequired, 200).value_or("");
      item.required = i.Bool("required").value_or(false);
      item.document_kind = i.String("document_kind", Need::kOptional, 60).value_or("");  // checked with the rest
      items.push_back(std::move(item));
    });
  }));
  return items;
}

// The version a checklist PUT is based on: If-Match, where "0" means the default checklist.
Result<std::int64_t> ChecklistIfMatch(const Request& req) { return http::RequireIfMatch(req); }

}  // namespace

void AddOrientationRoutes(http::Router& router, OrientationService& svc) {
  router.Add(Method::kGet, "/api/v1/programs/{id}/orientation-checklist", "program.read",
             http::WithId([&svc](Request& req, const std::string& id) -> Result<Response> {
               SW_ASSIGN(auto c, svc.GetChecklist(req.actor, id));
               return http::RecordResponse(200, ChecklistJson(c), c.meta.version);
             }));
  router.Add(Method::kPut, "/api/v1/programs/{id}/orientation-checklist", "program.write",
             http::WithId([&svc](Request& req, const std::string& id) -> Result<Response> {
               SW_ASSIGN(auto expected, ChecklistIfMatch(req));
               SW_ASSIGN(auto items, ReadChecklist(req));
               SW_ASSIGN(auto c, svc.PutChecklist(req.actor, id, std::move(items), expected));
               return http::RecordResponse(200, ChecklistJson(c), c.meta.version);
             }));
  router.Add(Method::kGet, "/api/v1/clients/{id}/orientation", "documents.read",
             http::WithId([&svc](Request& req, const std::string& id) -> Result<Response> {
               SW_ASSIGN(auto status, svc.Status(req.actor, id));
               return http::JsonResponse(200, OrientationStatusJson(status));
             }));
  router.Add(Method::kPost, "/api/v1/clients/{id}/orientation/items/{code}", "documents.write",
             http::WithId([&svc](Request& req, const std::string& id) -> Result<Response> {
               const std::string code = req.Param("code");
               SW_ASSIGN(auto body, http::ParseObject(req));
               bool done = false;
               std::string note;
               SW_TRY(http::ReadBody(body, [&](ObjectReader& r) {
                 done = r.Bool("done", Need::kRequired).value_or(false);
                 note = r.String("note", Need::kOptional, 1000).value_or("");
               }));
               SW_ASSIGN(auto status, svc.SetItem(req.actor, id, code, done, note));
               return http::JsonResponse(200, OrientationStatusJson(status));
             }));
  router.Add(Method::kPost, "/api/v1/clients/{id}/orientation/finalize", "documents.write",
             http::WithId([&svc](Request& req, const std::string& id) -> Result<Response> {
               SW_ASSIGN(auto episode, svc.Finalize(req.actor, id));
               return http::RecordResponse(200, admissions::EpisodeJson(episode), episode.meta.version);
             }));
}

}  // namespace stepwise::documents
