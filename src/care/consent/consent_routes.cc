#include "care/consent/consent_routes.h"

#include "care/consent/consent_json.h"
#include "care/consent/consent_render.h"
#include "care/documents/signature_json.h"
#include "platform/pdf/render.h"

namespace stepwise::consent {

namespace json = boost::json;
using http::Method;
using http::Need;
using http::ObjectReader;
using http::Request;
using http::Response;

namespace {

Response FileResponse(std::string content_type, std::string bytes, const std::string& filename) {
  Response r;
  r.status = 200;
  r.content_type = std::move(content_type);
  r.SetHeader("Content-Disposition", "attachment; filename=\"" + filename + "\"");
  r.SetHeader("Cache-Control", "no-store");
  r.body = std::move(bytes);
  return r;
}

Result<Response> PdfResponse(const pdf::Document& doc, const std::string& filename) {
  SW_ASSIGN(auto bytes, pdf::Render(doc));
  return FileResponse("application/pdf", std::move(bytes), filename);
}

Response ConsentResponse(int status, const ConsentView& v) {
  return http::RecordResponse(status, ConsentJson(v), v.consent.meta.version);
}

Result<int> YearsQuery(const Request& req) {
  auto v = req.Query("years");
  if (!v || v->empty() || *v == "3") return 3;
  if (*v == "6") return 6;
  return Error::Field("years", "must be 3 or 6");
}

}  // namespace

void AddConsentRoutes(http::Router& router, ConsentService& svc) {
  router.Add(Method::kGet, "/api/v1/clients/{id}/consents", "consents.read",
             http::WithId([&svc](Request& req, const std::string& id) -> Result<Response> {
               SW_ASSIGN(auto list, svc.ListForClient(req.actor, id));
               json::array items;
               for (const auto& v : list) items.emplace_back(ConsentJson(v));
               return http::JsonResponse(200, json::object{{"items", std::move(items)}});
             }));
  router.Add(Method::kPost, "/api/v1/clients/{id}/consents", "consents.write",
             http::WithId([&svc](Request& req, const std::string& id) -> Result<Response> {
               SW_ASSIGN(auto body, http::ParseObject(req));
               Consent draft;
               SW_TRY(ApplyConsentBody(body, draft));
               SW_ASSIGN(auto v, svc.Create(req.actor, id, std::move(draft)));
               auto resp = ConsentResponse(201, v);
               resp.SetHeader("Location", "/api/v1/consents/" + v.consent.meta.id);
               return resp;
             }));
  router.Add(Method::kGet, "/api/v1/consents/expiring", "consents.read", [&svc](Request& req) -> Result<Response> {
    int within = svc.warning_days();
    if (auto v = req.Query("within_days"); v && !v->empty()) {
      try {
        within = std::stoi(std::string(*v));
      } catch (...) {
        within = -1;
      }
      if (within < 0 || within > 365) return Error::Field("within_days", "must be a number of days from 0 to 365");
    }
    SW_ASSIGN(auto list, svc.Expiring(req.actor, within));
    json::array items;
    for (const auto& v : list) items.emplace_back(ConsentJson(v));
    return http::JsonResponse(200, json::object{{"items", std::move(items)}});
  });
  router.Add(Method::kGet, "/api/v1/consents/{id}", "consents.read",
             http::WithId([&svc](Request& req, const std::string& id) -> Result<Response> {
               SW_ASSIGN(auto v, svc.Get(req.actor, id));
               return ConsentResponse(200, v);
             }));
  router.Add(Method::kPatch, "/api/v1/consents/{id}", "consents.write",
             http::WithVersion([&svc](Request& req, const std::string& id, std::int64_t expected) -> Result<Response> {
               SW_ASSIGN(auto body, http::ParseObject(req));
               SW_ASSIGN(auto current, svc.Get(req.actor, id));
               Consent changes = current.consent;
               SW_TRY(ApplyConsentBody(body, changes));
               SW_ASSIGN(auto v, svc.Update(req.actor, id, std::move(changes), expected));
               return ConsentResponse(200, v);
             }));
  router.Add(Method::kPost, "/api/v1/consents/{id}/activate", "consents.write",
             http::WithVersion([&svc](Request& req, const std::string& id, std::int64_t expected) -> Result<Response> {
               SW_ASSIGN(auto body, http::ParseObject(req));
               documents::Signature signature;
               std::optional<Date> signed_on;
               SW_TRY(http::ReadBody(body, [&](ObjectReader& r) {
                 // Both are §2.31 elements: when absent, activation names them with the other missing ones.
                 if (auto s = documents::ReadSignature(r, "signature", Need::kOptional)) signature = std::move(*s);
                 signed_on = r.DateValue("signed_on");
               }));
               SW_ASSIGN(auto v, svc.Activate(req.actor, id, expected, std::move(signature), signed_on,
                                              documents::ContextOf(req)));
               return ConsentResponse(200, v);
             }));
  router.Add(Method::kPost, "/api/v1/consents/{id}/revoke", "consents.write",
             http::WithVersion([&svc](Request& req, const std::string& id, std::int64_t expected) -> Result<Response> {
               SW_ASSIGN(auto body, http::ParseObject(req));
               RevokeRequest r;
               SW_TRY(http::ReadBody(body, [&](ObjectReader& b) {
                 r.method = b.Code("method", Need::kRequired, program::Codes(RevocationMethods())).value_or("");
                 r.note = b.String("note", Need::kOptional, 1000).value_or("");
                 r.revoked_on = b.DateValue("revoked_on");
               }));
               SW_ASSIGN(auto v, svc.Revoke(req.actor, id, expected, std::move(r)));
               return ConsentResponse(200, v);
             }));
  router.Add(Method::kPost, "/api/v1/consents/{id}/void", "consents.write",
             http::VoidWith([&svc](Request& req, const std::string& id, std::int64_t expected,
                                   const std::string& reason) -> Result<Response> {
               SW_ASSIGN(auto v, svc.Void(req.actor, id, expected, reason));
               return ConsentResponse(200, v);
             }));
  router.Add(Method::kGet, "/api/v1/consents/{id}/pdf", "consents.read",
             http::WithId([&svc](Request& req, const std::string& id) -> Result<Response> {
               SW_ASSIGN(auto doc, svc.Document(req.actor, id));
               return PdfResponse(doc, "consent-" + id + ".pdf");
             }));

  router.Add(Method::kGet, "/api/v1/clients/{id}/court-orders", "consents.read",
             http::WithId([&svc](Request& req, const std::string& id) -> Result<Response> {
               SW_ASSIGN(auto list, svc.CourtOrders(req.actor, id));
               json::array items;
               for (const auto& o : list) items.emplace_back(CourtOrderJson(o));
               return http::JsonResponse(200, json::object{{"items", std::move(items)}});
             }));
  router.Add(Method::kPost, "/api/v1/clients/{id}/court-orders", "consents.write",
             http::WithId([&svc](Request& req, const std::string& id) -> Result<Response> {
               SW_ASSIGN(auto body, http::ParseObject(req));
               SW_ASSIGN(auto order, ReadCourtOrder(body));
               SW_ASSIGN(auto o, svc.RecordCourtOrder(req.actor, id, std::move(order)));
               return http::RecordResponse(201, CourtOrderJson(o), o.meta.version);
             }));
}

void AddDisclosureRoutes(http::Router& router, DisclosureService& svc) {
  router.Add(Method::kPost, "/api/v1/clients/{id}/disclosures", "disclosures.write",
             http::WithId([&svc](Request& req, const std::string& id) -> Result<Response> {
               SW_ASSIGN(auto body, http::ParseObject(req));
               SW_ASSIGN(auto request, ReadDisclosureRequest(body));
               request.client_id = id;
               SW_ASSIGN(auto packet, svc.Disclose(req.actor, std::move(request)));
               const std::string& channel = packet.disclosure.channel;
               const std::string name = "disclosure-" + packet.disclosure.id;
               if (channel == "csv") return FileResponse("text/csv; charset=utf-8", ReleaseCsv(packet), name + ".csv");
               if (channel == "api") {
                 auto resp = http::JsonResponse(201, PacketJson(packet));
                 resp.SetHeader("Cache-Control", "no-store");
                 return resp;
               }
               return PdfResponse(ReleaseDocument(packet), name + ".pdf");
             }));
  router.Add(Method::kGet, "/api/v1/clients/{id}/disclosures", "disclosures.read",
             http::WithId([&svc](Request& req, const std::string& id) -> Result<Response> {
               SW_ASSIGN(int years, YearsQuery(req));
               SW_ASSIGN(auto a, svc.AccountingOf(req.actor, id, years));
               return http::JsonResponse(200, AccountingJson(a));
             }));
  router.Add(Method::kGet, "/api/v1/clients/{id}/disclosures/report.pdf", "disclosures.read",
             http::WithId([&svc](Request& req, const std::string& id) -> Result<Response> {
               SW_ASSIGN(int years, YearsQuery(req));
               SW_ASSIGN(auto doc, svc.AccountingReport(req.actor, id, years));
               return PdfResponse(doc, "accounting-of-disclosures.pdf");
             }));
}

}  // namespace stepwise::consent
