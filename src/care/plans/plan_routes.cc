// Treatment plans over HTTP (docs/api.md "Treatment plans").
#include "care/plans/plan_routes.h"

#include "care/documents/signature_json.h"
#include "care/plans/plan_catalog.h"
#include "care/plans/plan_json.h"
#include "platform/http/json.h"

namespace stepwise::plans {

using http::DateOrNull;
using http::Method;
using http::Need;
using http::ObjectReader;
using http::Request;
using http::Response;
using http::TextOrNull;
namespace json = boost::json;

namespace {

constexpr std::size_t kLongText = 4000;

// A list of strings (ids, weekday codes); the model checks what they name.
std::vector<std::string> StringList(ObjectReader& r, std::string_view key) {
  std::vector<std::string> out;
  const json::value* v = r.Value(key);
  if (!v) return out;
  if (!v->is_array()) {
    r.errors().Add(r.PathOf(key), "must be a list of strings");
    return out;
  }
  for (std::size_t i = 0; i < v->get_array().size(); ++i) {
    const auto& e = v->get_array()[i];
    if (!e.is_string()) r.errors().Add(r.PathOf(key) + "[" + std::to_string(i) + "]", "must be a string");
    else out.emplace_back(e.get_string());
  }
  return out;
}

PlanContent ReadContent(ObjectReader& r) {
  PlanContent c;
  c.preferred_track_id = r.Id("preferred_track_id").value_or("");
  c.schedule_constraints = r.String("schedule_constraints", Need::kOptional, 2000).value_or("");
  r.Objects("problems", Need::kOptional, [&](ObjectReader& p) {
    Problem x;
    x.id = p.String("id", Need::kOptional, 64).value_or("");
    x.dimension = static_cast<int>(p.Int("dimension", Need::kRequired, 1, 6).value_or(0));
    x.description = p.String("description", Need::kRequired, kLongText).value_or("");
    x.from_assessment_id = p.Id("from_assessment_id").value_or("");
    c.problems.push_back(std::move(x));
  });
  r.Objects("goals", Need::kOptional, [&](ObjectReader& g) {
    Goal x;
    x.id = g.String("id", Need::kOptional, 64).value_or("");
    x.problem_ids = StringList(g, "problem_ids");
    x.text = g.String("text", Need::kOptional, kLongText).value_or("");
    c.goals.push_back(std::move(x));
  });
  r.Objects("objectives", Need::kOptional, [&](ObjectReader& o) {
    Objective x;
    x.id = o.String("id", Need::kOptional, 64).value_or("");
    x.goal_id = o.String("goal_id", Need::kOptional, 64).value_or("");
    x.text = o.String("text", Need::kOptional, kLongText).value_or("");
    x.target_date = o.DateValue("target_date");
    x.measure = o.String("measure", Need::kOptional, 1000).value_or("");
    c.objectives.push_back(std::move(x));
  });
  r.Objects("interventions", Need::kOptional, [&](ObjectReader& i) {
    Intervention x;
    x.id = i.String("id", Need::kOptional, 64).value_or("");
    x.objective_ids = StringList(i, "objective_ids");
    x.code = i.String("code", Need::kRequired, 64).value_or("");
    i.String("label", Need::kOptional, 200);       // read only (from the catalog)
    i.String("staff_name", Need::kOptional, 200);  // read only (from the staff record)
    x.topic = i.String("topic", Need::kOptional, 200).value_or("");
    x.minutes = static_cast<int>(i.Int("minutes", Need::kRequired, -100000, 100000).value_or(0));
    i.Object("frequency", Need::kRequired, [&](ObjectReader& f) {
      x.frequency.count = static_cast<int>(f.Int("count", Need::kRequired, -100000, 100000).value_or(0));
      x.frequency.per = f.String("per", Need::kRequired, 20).value_or("");
    });
    x.days = StringList(i, "days");
    x.staff_id = i.Id("staff_id").value_or("");
    c.interventions.push_back(std::move(x));
  });
  return c;
}

ReviewContent ReadReview(ObjectReader& r) {
  ReviewContent c;
  c.reviewed_on = r.DateValue("reviewed_on");
  r.Objects("objectives", Need::kOptional, [&](ObjectReader& o) {
    ObjectiveProgress p;
    p.objective_id = o.String("objective_id", Need::kRequired, 64).value_or("");
    p.status = o.String("status", Need::kRequired, 40).value_or("");
    p.note = o.String("note", Need::kOptional, kLongText).value_or("");
    c.objectives.push_back(std::move(p));
  });
  c.client_view = r.String("client_view", Need::kOptional, kLongText).value_or("");
  r.Object("level_of_care", Need::kRequired, [&](ObjectReader& l) {
    c.level_of_care.direction = l.String("direction", Need::kRequired, 20).value_or("");
    c.level_of_care.level = l.String("level", Need::kOptional, 10).value_or("");
    c.level_of_care.rationale = l.String("rationale", Need::kOptional, kLongText).value_or("");
    l.Objects("ratings", Need::kOptional, [&](ObjectReader& d) {
      DimensionRating x;
      x.dimension = static_cast<int>(d.Int("dimension", Need::kRequired, -100, 100).value_or(0));
      x.rating = static_cast<int>(d.Int("rating", Need::kRequired, -100, 100).value_or(0));
      c.level_of_care.ratings.push_back(x);
    });
  });
  return c;
}

json::object PlanJson(const PlanView& v) {
  const Plan& p = v.plan;
  json::object j;
  http::PutMeta(j, p.meta);
  j["client_id"] = p.client_id;
  j["episode_id"] = p.episode_id;
  j["part2"] = true;
  j["status"] = v.status;
  j["current_version_no"] = p.current_version_no;
  j["active_version_no"] = p.active_version_no ? json::value(*p.active_version_no) : json::value(nullptr);
  j["activated_on"] = DateOrNull(p.activated_on);
  j["last_review_on"] = DateOrNull(p.last_review_on);
  j["next_review_due"] = DateOrNull(p.next_review_due);
  j["initial_due"] = DateOrNull(v.initial_due);
  j["program_id"] = p.program_id;
  json::array versions;
  for (const auto& s : p.versions) {
    versions.emplace_back(json::object{{"no", s.no},
                                       {"status", s.status},
                                       {"reason", s.reason},
                                       {"created_at", s.created_at},
                                       {"created_by_name", s.created_by_name}});
  }
  j["versions"] = std::move(versions);
  return j;
}

json::object VersionJson(const VersionView& view) {
  const PlanVersion& v = view.version;
  json::object j = ContentJson(v.content);
  j["id"] = v.id;
  j["plan_id"] = v.plan_id;
  j["no"] = v.no;
  j["version"] = v.version;
  j["status"] = v.status;
  j["locked"] = IsLocked(v.status);
  j["reason"] = v.reason;
  j["part2"] = true;
  j["created_at"] = v.created_at;
  j["updated_at"] = v.updated_at;
  j["created_by_name"] = v.created_by_name;
  j["author_staff_id"] = TextOrNull(v.author_staff_id);
  j["author_licensed"] = v.author_licensed;
  j["needs_cosign"] = !v.author_staff_id.empty() && !v.author_licensed;
  j["activated_at"] = TextOrNull(v.activated_at);
  j["superseded_at"] = TextOrNull(v.superseded_at);
  j["content_sha256"] = TextOrNull(v.content_sha256);
  j["population"] = view.population;
  j["level_of_care"] = view.level_of_care;
  j["hours"] = HoursJson(view.hours);
  j["checks"] = ChecksJson(view.checks);
  json::array signatures;
  for (const auto& s : v.signatures) signatures.emplace_back(documents::SignatureJson(s));
  j["signatures"] = std::move(signatures);
  return j;
}

json::object ReviewJson(const Review& r) {
  json::object j = ReviewContentJson(r.content);
  http::PutMeta(j, r.meta);
  j["plan_id"] = r.plan_id;
  j["version_no"] = r.version_no;
  j["reviewed_on"] = FormatDate(r.reviewed_on);
  j["reviewer_name"] = r.reviewer_name;
  j["reviewer_staff_id"] = TextOrNull(r.reviewer_staff_id);
  j["next_review_due"] = DateOrNull(r.next_review_due);
  j["part2"] = true;
  return j;
}

json::object CatalogViewJson(const CatalogView& c) {
  json::object j = CatalogJson(c.settings);
  j["program_id"] = c.program_id;
  j["source"] = c.source;
  j["version"] = c.version;
  return j;
}

Result<int> VersionNo(const Request& req, const std::string& name = "no") {
  const std::string& text = req.Param(name);
  int n = 0;
  for (char ch : text) {
    if (ch < '0' || ch > '9' || n > 100000) return Error::Field(name, "must be a version number");
    n = n * 10 + (ch - '0');
  }
  if (n < 1) return Error::Field(name, "must be a version number");
  return n;
}

Result<int> QueryInt(const Request& req, std::string_view name, int fallback, int min, int max) {
  auto q = req.Query(name);
  if (!q || q->empty()) return fallback;
  int n = 0;
  for (char ch : *q) {
    if (ch < '0' || ch > '9' || n > 100000) return Error::Field(std::string(name), "must be a whole number");
    n = n * 10 + (ch - '0');
  }
  if (n < min || n > max)
    return Error::Field(std::string(name), "must be " + std::to_string(min) + " to " + std::to_string(max));
  return n;
}

Response PdfResponse(std::string bytes, const std::string& id, int no) {
  Response r;
  r.status = 200;
  r.content_type = "application/pdf";
  r.SetHeader("Content-Disposition", "attachment; filename=\"plan-" + id + "-v" + std::to_string(no) + ".pdf\"");
  r.SetHeader("Cache-Control", "no-store");
  r.body = std::move(bytes);
  return r;
}

}  // namespace

void AddPlanRoutes(http::Router& router, PlanService& plans) {
  router.Add(Method::kGet, "/api/v1/plan-settings", "plans.read", [&plans](Request&) -> Result<Response> {
    return http::JsonResponse(200, SettingsJson(plans.settings()));
  });

  router.Add(Method::kGet, "/api/v1/plans/due", "plans.read", [&plans](Request& req) -> Result<Response> {
    SW_ASSIGN(int within, QueryInt(req, "within_days", plans.settings().due_warning_days, 0, 365));
    SW_ASSIGN(auto items, plans.Due(req.actor, within));
    json::array out;
    for (const auto& i : items) {
      out.emplace_back(json::object{{"client_id", i.client_id},
                                    {"client_name", i.client_name},
                                    {"episode_id", i.episode_id},
                                    {"plan_id", TextOrNull(i.plan_id)},
                                    {"kind", i.kind},
                                    {"due_on", FormatDate(i.due_on)},
                                    {"overdue", i.overdue},
                                    {"counselor_id", TextOrNull(i.counselor_id)},
                                    {"counselor_name", i.counselor_name}});
    }
    return http::JsonResponse(200, json::object{{"items", std::move(out)}, {"within_days", within}});
  });

  router.Add(Method::kPost, "/api/v1/clients/{id}/plans", "plans.write",
             http::WithId([&plans](Request& req, const std::string& id) -> Result<Response> {
               if (!req.body.empty()) {
                 SW_ASSIGN(auto body, http::ParseObject(req));
                 SW_TRY(http::ReadBody(body, [](ObjectReader&) {}));
               }
               SW_ASSIGN(auto plan, plans.Create(req.actor, id));
               return http::RecordResponse(201, PlanJson(plan), plan.plan.meta.version);
             }));
  router.Add(Method::kGet, "/api/v1/clients/{id}/plans", "plans.read",
             http::WithId([&plans](Request& req, const std::string& id) -> Result<Response> {
               SW_ASSIGN(auto list, plans.ListForClient(req.actor, id));
               json::array items;
               for (const auto& p : list) items.emplace_back(PlanJson(p));
               return http::JsonResponse(200, json::object{{"items", std::move(items)}});
             }));
  router.Add(Method::kGet, "/api/v1/plans/{id}", "plans.read",
             http::WithId([&plans](Request& req, const std::string& id) -> Result<Response> {
               SW_ASSIGN(auto plan, plans.Get(req.actor, id));
               return http::RecordResponse(200, PlanJson(plan), plan.plan.meta.version);
             }));
  router.Add(Method::kPost, "/api/v1/plans/{id}/versions", "plans.write",
             http::WithId([&plans](Request& req, const std::string& id) -> Result<Response> {
               SW_ASSIGN(auto body, http::ParseObject(req));
               std::string reason;
               SW_TRY(http::ReadBody(body, [&](ObjectReader& r) {
                 reason = r.String("reason", Need::kRequired, 500).value_or("");
               }));
               SW_ASSIGN(auto v, plans.NewVersion(req.actor, id, reason));
               return http::RecordResponse(201, VersionJson(v), v.version.version);
             }));
  router.Add(Method::kGet, "/api/v1/plans/{id}/versions/{no}", "plans.read",
             http::WithId([&plans](Request& req, const std::string& id) -> Result<Response> {
               SW_ASSIGN(int no, VersionNo(req));
               SW_ASSIGN(auto v, plans.GetVersion(req.actor, id, no));
               return http::RecordResponse(200, VersionJson(v), v.version.version);
             }));
  router.Add(Method::kPut, "/api/v1/plans/{id}/versions/{no}", "plans.write",
             http::WithVersion([&plans](Request& req, const std::string& id, std::int64_t expected) -> Result<Response> {
               SW_ASSIGN(int no, VersionNo(req));
               SW_ASSIGN(auto body, http::ParseObject(req));
               PlanContent content;
               SW_TRY(http::ReadBody(body, [&](ObjectReader& r) { content = ReadContent(r); }));
               SW_ASSIGN(auto v, plans.SaveVersion(req.actor, id, no, expected, std::move(content)));
               return http::RecordResponse(200, VersionJson(v), v.version.version);
             }));
  router.Add(Method::kGet, "/api/v1/plans/{id}/versions/{no}/diff", "plans.read",
             http::WithId([&plans](Request& req, const std::string& id) -> Result<Response> {
               SW_ASSIGN(int no, VersionNo(req));
               SW_ASSIGN(int against, QueryInt(req, "against", no - 1, 1, 100000));
               SW_ASSIGN(auto changes, plans.Diff(req.actor, id, no, against));
               return http::JsonResponse(200, json::object{{"no", no}, {"against", against},
                                                           {"changes", ChangesJson(changes)}});
             }));
  router.Add(Method::kGet, "/api/v1/plans/{id}/versions/{no}/preview", "plans.read",
             http::WithId([&plans](Request& req, const std::string& id) -> Result<Response> {
               SW_ASSIGN(int no, VersionNo(req));
               SW_ASSIGN(auto p, plans.PreviewVersion(req.actor, id, no));
               return http::JsonResponse(200, json::object{{"text", p.text}, {"content_sha256", p.content_sha256}});
             }));
  router.Add(Method::kPost, "/api/v1/plans/{id}/versions/{no}/sign", "plans.write",
             http::WithId([&plans](Request& req, const std::string& id) -> Result<Response> {
               SW_ASSIGN(int no, VersionNo(req));
               SW_ASSIGN(auto body, http::ParseObject(req));
               std::string sha;
               std::optional<documents::Signature> signature;
               SW_TRY(http::ReadBody(body, [&](ObjectReader& r) {
                 sha = r.String("content_sha256", Need::kRequired, 64).value_or("");
                 signature = documents::ReadSignature(r, "signature", Need::kRequired);
               }));
               if (!signature) return Error::Field("signature", "is required");
               SW_ASSIGN(auto v, plans.Sign(req.actor, id, no, sha, std::move(*signature), documents::ContextOf(req)));
               return http::RecordResponse(200, VersionJson(v), v.version.version);
             }));
  router.Add(Method::kGet, "/api/v1/plans/{id}/versions/{no}/pdf", "plans.read",
             http::WithId([&plans](Request& req, const std::string& id) -> Result<Response> {
               SW_ASSIGN(int no, VersionNo(req));
               SW_ASSIGN(auto bytes, plans.Pdf(req.actor, id, no));
               return PdfResponse(std::move(bytes), id, no);
             }));
  router.Add(Method::kPost, "/api/v1/plans/{id}/reviews", "plans.write",
             http::WithId([&plans](Request& req, const std::string& id) -> Result<Response> {
               SW_ASSIGN(auto body, http::ParseObject(req));
               ReviewContent review;
               SW_TRY(http::ReadBody(body, [&](ObjectReader& r) { review = ReadReview(r); }));
               SW_ASSIGN(auto r, plans.AddReview(req.actor, id, std::move(review)));
               return http::RecordResponse(201, ReviewJson(r), r.meta.version);
             }));
  router.Add(Method::kGet, "/api/v1/plans/{id}/reviews", "plans.read",
             http::WithId([&plans](Request& req, const std::string& id) -> Result<Response> {
               SW_ASSIGN(auto list, plans.Reviews(req.actor, id));
               json::array items;
               for (const auto& r : list) items.emplace_back(ReviewJson(r));
               return http::JsonResponse(200, json::object{{"items", std::move(items)}});
             }));
  router.Add(Method::kGet, "/api/v1/programs/{id}/plan-catalog", "plans.read",
             http::WithId([&plans](Request& req, const std::string& id) -> Result<Response> {
               SW_ASSIGN(auto c, plans.Catalog(req.actor, id));
               return http::RecordResponse(200, CatalogViewJson(c), c.version);
             }));
  router.Add(Method::kPut, "/api/v1/programs/{id}/plan-catalog", "program.write",
             http::WithVersion([&plans](Request& req, const std::string& id, std::int64_t expected) -> Result<Response> {
               SW_ASSIGN(auto body, http::ParseObject(req));
               SW_ASSIGN(auto text, NormalizeProgramCatalog(body));
               SW_ASSIGN(auto c, plans.PutCatalog(req.actor, id, expected, text));
               return http::RecordResponse(200, CatalogViewJson(c), c.version);
             }));
}

}  // namespace stepwise::plans
