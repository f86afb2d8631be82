#include "care/documents/document_routes.h"

#include "care/documents/signature_json.h"
#include "platform/base/uuid.h"
#include "platform/http/json.h"

namespace stepwise::documents {

using http::Method;
using http::Need;
using http::ObjectReader;
using http::Request;
using http::Response;
namespace json = boost::json;

json::object TemplateJson(const DocumentTemplate& t) {
  json::object j;
  http::PutMeta(j, t.meta);
  j["kind"] = t.kind;
  j["kind_label"] = std::string(program::LabelOf(DocumentKinds(), t.kind));
  j["title"] = t.title;
  j["version_no"] = t.version_no;
  j["requires_witness"] = t.requires_witness;
  j["requires_delivery_method"] = NeedsDeliveryMethod(t.kind);
  j["active"] = t.active;
  j["body"] = t.body;
  return j;
}

json::object SignedDocumentJson(const SignedDocument& d) {
  json::object j;
  j["id"] = d.id;
  j["version"] = 1;  // signed documents never change
  j["created_at"] = d.created_at;
  j["updated_at"] = d.voided ? d.voided_at : d.created_at;
  j["client_id"] = d.client_id;
  j["episode_id"] = http::TextOrNull(d.episode_id);
  j["kind"] = d.kind;
  j["kind_label"] = std::string(program::LabelOf(DocumentKinds(), d.kind));
  j["title"] = d.title;
  j["template_id"] = d.template_id;
  j["template_version_no"] = d.template_version_no;
  j["content_sha256"] = d.content_sha256;
  j["text"] = d.text;
  json::array sigs;
  for (const auto& s : d.signatures) sigs.emplace_back(SignatureJson(s));
  j["signatures"] = std::move(sigs);
  j["delivery_method"] = http::TextOrNull(d.delivery_method);
  j["signed_at"] = d.signed_at;
  j["part2"] = true;
  j["voided"] = d.voided;
  j["void_reason"] = http::TextOrNull(d.void_reason);
  j["voided_at"] = http::TextOrNull(d.voided_at);
  return j;
}

namespace {

std::vector<std::string_view> KindCodes() { return program::Codes(DocumentKinds()); }

Result<DocumentTemplate> ReadTemplate(const Request& req, bool with_kind) {
  SW_ASSIGN(auto body, http::ParseObject(req));
  DocumentTemplate t;
  SW_TRY(http::ReadBody(body, [&](ObjectReader& r) {
    if (with_kind) t.kind = r.Code("kind", Need::kRequired, KindCodes()).value_or("");
    t.title = r.String("title", Need::kRequired, 200).value_or("");
    t.body = r.String("body", Need::kRequired, 50000).value_or("");
    t.requires_witness = r.Bool("requires_witness").value_or(false);
    t.active = r.Bool("active").value_or(true);
  }));
  return t;
}

Result<SignRequest> ReadSignRequest(const Request& req) {
  SW_ASSIGN(auto body, http::ParseObject(req));
  SignRequest s;
  SW_TRY(http::ReadBody(body, [&](ObjectReader& r) {
    s.template_id = r.Id("template_id", Need::kRequired).value_or("");
    s.template_version_no = static_cast<int>(r.Int("template_version_no", Need::kRequired, 1, 1000000).value_or(0));
    s.content_sha256 = r.String("content_sha256", Need::kRequired, 64).value_or("");
    s.delivery_method = r.Code("delivery_method", Need::kOptional, program::Codes(DeliveryMethods())).value_or("");
    const json::value* sigs = r.Value("signatures", Need::kRequired);
    if (!sigs) return;
    if (!sigs->is_array() || sigs->as_array().empty() || sigs->as_array().size() > 6) {
      r.errors().Add("signatures", "must be an array of 1 to 6 signatures");
      return;
    }
    for (std::size_t i = 0; i < sigs->as_array().size(); ++i) {
      // Read each element as a key of a one-entry object, so its errors carry the path signatures[i].
      const std::string key = "signatures[" + std::to_string(i) + "]";
      json::object wrapper;
      wrapper[key] = sigs->as_array()[i];
      ObjectReader element(wrapper, "", r.errors());
      if (auto sig = ReadSignature(element, key, Need::kRequired)) s.signatures.push_back(std::move(*sig));
    }
  }));
  return s;
}

Response PdfResponse(std::string bytes, const std::string& id) {
  Response r;
  r.status = 200;
  r.content_type = "application/pdf";
  r.SetHeader("Content-Disposition", "attachment; filename=\"document-" + id + ".pdf\"");
  r.SetHeader("Cache-Control", "no-store");
  r.body = std::move(bytes);
  return r;
}

}  // namespace

void AddDocumentRoutes(http::Router& router, DocumentService& svc) {
  router.Add(Method::kGet, "/api/v1/document-templates", "documents.read", [&svc](Request& req) -> Result<Response> {
    SW_ASSIGN(auto list, svc.ListTemplates(req.actor));
    json::array items;
    for (const auto& t : list) items.emplace_back(TemplateJson(t));
    return http::JsonResponse(200, json::object{{"items", std::move(items)}});
  });
  router.Add(Method::kPost, "/api/v1/document-templates", "program.write", [&svc](Request& req) -> Result<Response> {
    SW_ASSIGN(auto draft, ReadTemplate(req, true));
    SW_ASSIGN(auto t, svc.CreateTemplate(req.actor, std::move(draft)));
    return http::RecordResponse(201, TemplateJson(t), t.meta.version);
  });
  router.Add(Method::kGet, "/api/v1/document-templates/{id}", "documents.read",
             http::WithId([&svc](Request& req, const std::string& id) -> Result<Response> {
               SW_ASSIGN(auto t, svc.GetTemplate(req.actor, id));
               return http::RecordResponse(200, TemplateJson(t), t.meta.version);
             }));
  router.Add(Method::kPut, "/api/v1/document-templates/{id}", "program.write",
             http::WithVersion([&svc](Request& req, const std::string& id, std::int64_t expected) -> Result<Response> {
               SW_ASSIGN(auto changes, ReadTemplate(req, false));
               changes.meta.id = id;
               SW_ASSIGN(auto t, svc.UpdateTemplate(req.actor, std::move(changes), expected));
               return http::RecordResponse(200, TemplateJson(t), t.meta.version);
             }));
  router.Add(Method::kGet, "/api/v1/document-templates/{id}/versions", "documents.read",
             http::WithId([&svc](Request& req, const std::string& id) -> Result<Response> {
               SW_ASSIGN(auto versions, svc.TemplateVersions(req.actor, id));
               json::array items;
               for (const auto& v : versions) {
                 items.emplace_back(json::object{{"version_no", v.version_no},
                                                 {"title", v.title},
                                                 {"body", v.body},
                                                 {"requires_witness", v.requires_witness},
                                                 {"created_at", v.created_at}});
               }
               return http::JsonResponse(200, json::object{{"items", std::move(items)}});
             }));

  router.Add(Method::kGet, "/api/v1/clients/{id}/documents/preview", "documents.read",
             http::WithId([&svc](Request& req, const std::string& id) -> Result<Response> {
               auto template_id = req.Query("template_id");
               if (!template_id || !IsUuid(*template_id)) {
                 return Error::Field("template_id", "is required: the id (UUID) of a document template");
               }
               SW_ASSIGN(auto p, svc.Preview(req.actor, id, AsciiLower(*template_id)));
               return http::JsonResponse(200,
                                         json::object{{"template_id", p.tmpl.meta.id},
                                                      {"template_version_no", p.tmpl.version_no},
                                                      {"kind", p.tmpl.kind},
                                                      {"title", p.document.title},
                                                      {"requires_witness", p.tmpl.requires_witness},
                                                      {"requires_delivery_method", NeedsDeliveryMethod(p.tmpl.kind)},
                                                      {"text", p.text},
                                                      {"content_sha256", p.content_sha256}});
             }));
  router.Add(Method::kPost, "/api/v1/clients/{id}/documents", "documents.write",
             http::WithId([&svc](Request& req, const std::string& id) -> Result<Response> {
               SW_ASSIGN(auto sign, ReadSignRequest(req));
               SW_ASSIGN(auto d, svc.Sign(req.actor, id, std::move(sign), ContextOf(req)));
               auto resp = http::RecordResponse(201, SignedDocumentJson(d), 1);
               resp.SetHeader("Location", "/api/v1/documents/" + d.id);
               return resp;
             }));
  router.Add(Method::kGet, "/api/v1/clients/{id}/documents", "documents.read",
             http::WithId([&svc](Request& req, const std::string& id) -> Result<Response> {
               SW_ASSIGN(auto docs, svc.List(req.actor, id));
               json::array items;
               for (const auto& d : docs) items.emplace_back(SignedDocumentJson(d));
               return http::JsonResponse(200, json::object{{"items", std::move(items)}});
             }));
  router.Add(Method::kGet, "/api/v1/documents/{id}", "documents.read",
             http::WithId([&svc](Request& req, const std::string& id) -> Result<Response> {
               SW_ASSIGN(auto d, svc.Get(req.actor, id));
               return http::RecordResponse(200, SignedDocumentJson(d), 1);
             }));
  router.Add(Method::kGet, "/api/v1/documents/{id}/pdf", "documents.read",
             http::WithId([&svc](Request& req, const std::string& id) -> Result<Response> {
               SW_ASSIGN(auto bytes, svc.Pdf(req.actor, id));
               return PdfResponse(std::move(bytes), id);
             }));
  router.Add(Method::kGet, "/api/v1/documents/{id}/verify", "documents.read",
             http::WithId([&svc](Request& req, const std::string& id) -> Result<Response> {
               SW_ASSIGN(auto v, svc.Verify(req.actor, id));
               return http::JsonResponse(200, json::object{{"content_sha256", v.content_sha256},
                                                           {"recomputed", v.recomputed},
                                                           {"rerendered_matches", v.rerendered_matches},
                                                           {"signatures_match", v.signatures_match},
                                                           {"matches", v.matches()}});
             }));
  // Signed documents have no version (they never change), so voiding needs only the reason.
  router.Add(Method::kPost, "/api/v1/documents/{id}/void", "documents.write",
             http::WithId([&svc](Request& req, const std::string& id) -> Result<Response> {
               SW_ASSIGN(auto reason, http::ReadVoidReason(req));
               SW_ASSIGN(auto d, svc.Void(req.actor, id, reason));
               return http::RecordResponse(200, SignedDocumentJson(d), 1);
             }));
}

}  // namespace stepwise::documents
