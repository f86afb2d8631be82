#include "care/admissions/inquiry_routes.h"

#include "care/admissions/client_routes.h"
#include "platform/base/uuid.h"
#include "platform/http/json.h"

namespace stepwise::admissions {

using http::Method;
using http::Need;
using http::ObjectReader;
using http::Request;
using http::Response;
using http::TextOrNull;
using http::DateOrNull;
namespace json = boost::json;

namespace {


json::array CodesJson(const std::vector<std::string>& codes) {
  json::array out;
  for (const auto& c : codes) out.emplace_back(c);
  return out;
}

// What the board and lists show of an inquiry.
json::object SummaryJson(const InquiryRecord& r) {
  const Inquiry& q = r.inquiry;
  return {{"id", q.meta.id},
          {"version", q.meta.version},
          {"received_at", q.received_at},
          {"display_name", InquiryDisplayName(q)},
          {"caller_type", q.caller_type},
          {"urgency", q.urgency},
          {"stage", q.stage},
          {"stage_changed_at", q.stage_changed_at},
          {"preferred_schedule", q.preferred_schedule},
          {"substances", CodesJson(q.substances)},
          {"assessment_at", TextOrNull(q.assessment_at)},
          {"assessor_name", TextOrNull(r.assessor_name)},
          {"track_name", TextOrNull(r.track_name)},
          {"open_tasks", r.open_tasks},
          {"next_follow_up_on", DateOrNull(r.next_due)},
          {"overdue", r.overdue}};
}

// The whole inquiry. The linked client is named only to users who may read client records.
json::object InquiryJson(const InquiryRecord& r, const Actor& actor) {
  const Inquiry& q = r.inquiry;
  json::object j;
  http::PutMeta(j, q.meta);
  j["received_at"] = q.received_at;
  j["caller_type"] = q.caller_type;
  j["caller_name"] = q.caller_name;
  j["caller_relationship"] = q.caller_relationship;
  j["caller_phone"] = q.caller_phone;
  j["may_leave_message"] = q.may_leave_message;
  j["given_name"] = q.given_name;
  j["family_name"] = q.family_name;
  j["display_name"] = InquiryDisplayName(q);
  j["birth_date"] = DateOrNull(q.birth_date);
  j["phone"] = q.phone;
  j["email"] = q.email;
  j["referral_source"] = TextOrNull(q.referral_source);
  j["referrer_name"] = q.referrer_name;
  j["substances"] = CodesJson(q.substances);
  j["urgency"] = q.urgency;
  j["payer"] = q.payer;
  j["member_id"] = q.member_id;
  j["preferred_schedule"] = q.preferred_schedule;
  j["program_id"] = TextOrNull(q.program_id);
  j["program_name"] = TextOrNull(r.program_name);
  j["notes"] = q.notes;
  j["stage"] = q.stage;
  json::array next;
  for (const auto& s : StageMovesFrom(q.stage)) next.emplace_back(s);
  j["next_stages"] = std::move(next);  // the stage moves the pipeline allows from here
  j["stage_changed_at"] = q.stage_changed_at;
  j["stage_reason"] = q.stage_reason;
  j["referred_to"] = q.referred_to;
  j["track_id"] = TextOrNull(q.track_id);
  j["track_name"] = TextOrNull(r.track_name);
  j["waitlisted_at"] = TextOrNull(q.waitlisted_at);
  j["assessment_at"] = TextOrNull(q.assessment_at);
  j["assessor_id"] = TextOrNull(q.assessor_id);
  j["assessor_name"] = TextOrNull(r.assessor_name);
  const bool may_see_client = actor.Can("clients.read");
  j["client_id"] = may_see_client ? TextOrNull(q.client_id) : json::value(nullptr);
  j["episode_id"] = may_see_client ? TextOrNull(q.episode_id) : json::value(nullptr);
  j["open_tasks"] = r.open_tasks;
  j["next_follow_up_on"] = DateOrNull(r.next_due);
  j["overdue"] = r.overdue;
  return j;
}

json::object TaskJson(const InquiryTask& t) {
  json::object j;
  http::PutMeta(j, t.meta);
  j["inquiry_id"] = t.inquiry_id;
  j["title"] = t.title;
  j["due_on"] = FormatDate(t.due_on);
  j["assigned_to"] = TextOrNull(t.assigned_to);
  j["done_at"] = TextOrNull(t.done_at);
  j["status"] = t.done_at.empty() ? "open" : "done";
  return j;
}

Result<Inquiry> ReadInquiry(const Request& req) {
  SW_ASSIGN(auto body, http::ParseObject(req));
  Inquiry q;
  SW_TRY(http::ReadBody(body, [&](ObjectReader& r) {
    q.received_at = r.String("received_at", Need::kOptional, 40).value_or("");
    q.caller_type = r.Code("caller_type", Need::kRequired, program::Codes(CallerTypes())).value_or("");
    q.caller_name = r.String("caller_name", Need::kOptional, 100).value_or("");
    q.caller_relationship = r.String("caller_relationship", Need::kOptional, 60).value_or("");
    q.caller_phone = r.String("caller_phone", Need::kOptional, 40).value_or("");
    q.may_leave_message = r.Bool("may_leave_message").value_or(false);
    q.given_name = r.String("given_name", Need::kRequired, 100).value_or("");
    q.family_name = r.String("family_name", Need::kOptional, 100).value_or("");
    q.birth_date = r.DateValue("birth_date");
    q.phone = r.String("phone", Need::kOptional, 40).value_or("");
    q.email = r.String("email", Need::kOptional, 254).value_or("");
    q.referral_source =
        r.Code("referral_source", Need::kOptional, program::Codes(TedsReferralSources())).value_or("");
    q.referrer_name = r.String("referrer_name", Need::kOptional, 100).value_or("");
    q.substances = r.Codes("substances", Need::kOptional, program::Codes(TedsSubstances()));
    q.urgency = r.Code("urgency", Need::kOptional, program::Codes(InquiryUrgencies())).value_or("routine");
    q.payer = r.String("payer", Need::kOptional, 100).value_or("");
    q.member_id = r.String("member_id", Need::kOptional, 64).value_or("");
    q.preferred_schedule =
        r.Code("preferred_schedule", Need::kOptional, program::Codes(PreferredSchedules())).value_or("unknown");
    q.program_id = r.Id("program_id").value_or("");
    q.notes = r.String("notes", Need::kOptional, 4000).value_or("");
  }));
  if (!q.received_at.empty()) {
    auto at = ParseTimestamp(q.received_at);
    if (!at) return Error::Field("received_at", "must be a UTC time as YYYY-MM-DDTHH:MM:SSZ");
    q.received_at = FormatTimestamp(*at);
  }
  return q;
}

Result<std::optional<Date>> DateQuery(const Request& req, std::string_view name) {
  auto v = req.Query(name);
  if (!v || v->empty()) return std::optional<Date>();
  auto d = ParseDate(*v);
  if (!d) return Error::Field(std::string(name), "must be a real date as YYYY-MM-DD");
  return std::optional<Date>(*d);
}

Result<std::string> IdQuery(const Request& req, std::string_view name) {
  auto v = req.Query(name);
  if (!v || v->empty()) return std::string();
  if (!IsUuid(*v)) return Error::Field(std::string(name), "must be an id (UUID)");
  return AsciiLower(*v);
}

Response Record(int status, const InquiryRecord& r, const Actor& actor) {
  return http::RecordResponse(status, InquiryJson(r, actor), r.inquiry.meta.version);
}

void AddPipelineRoutes(http::Router& router, InquiryService& svc) {
  router.Add(Method::kPost, "/api/v1/inquiries/{id}/stage", "admissions.write",
             http::WithVersion([&svc](Request& req, const std::string& id, std::int64_t expected) -> Result<Response> {
               SW_ASSIGN(auto body, http::ParseObject(req));
               StageMove move;
               SW_TRY(http::ReadBody(body, [&](ObjectReader& r) {
                 move.stage = r.Code("stage", Need::kRequired, program::Codes(InquiryStages())).value_or("");
                 move.reason = r.String("reason", Need::kOptional, 500).value_or("");
                 move.referred_to = r.String("referred_to", Need::kOptional, 200).value_or("");
                 move.track_id = r.Id("track_id").value_or("");
               }));
               SW_ASSIGN(auto rec, svc.MoveStage(req.actor, id, expected, move));
               return Record(200, rec, req.actor);
             }));
  router.Add(Method::kPost, "/api/v1/inquiries/{id}/book-assessment", "admissions.write",
             http::WithVersion([&svc](Request& req, const std::string& id, std::int64_t expected) -> Result<Response> {
               SW_ASSIGN(auto body, http::ParseObject(req));
               std::string at, assessor;
               SW_TRY(http::ReadBody(body, [&](ObjectReader& r) {
                 at = r.String("at", Need::kRequired, 40).value_or("");
                 assessor = r.Id("assessor_id", Need::kRequired).value_or("");
               }));
               SW_ASSIGN(auto rec, svc.BookAssessment(req.actor, id, expected, at, assessor));
               return Record(200, rec, req.actor);
             }));
  // Reveals client records: the route needs clients.read; the service also asks for admissions.read.
  router.Add(Method::kGet, "/api/v1/inquiries/{id}/possible-duplicates", "clients.read",
             http::WithId([&svc](Request& req, const std::string& id) -> Result<Response> {
               SW_ASSIGN(auto found, svc.PossibleDuplicates(req.actor, id));
               return http::JsonResponse(200, PossibleDuplicatesJson(found));
             }));
  router.Add(Method::kPost, "/api/v1/inquiries/{id}/client", "admissions.write",
             http::WithVersion([&svc](Request& req, const std::string& id, std::int64_t expected) -> Result<Response> {
               SW_ASSIGN(auto body, http::ParseObject(req));
               ClientLink link;
               SW_TRY(http::ReadBody(body, [&](ObjectReader& r) {
                 link.client_id = r.Id("client_id").value_or("");
                 r.Object("client", Need::kOptional, [&](ObjectReader& c) {
                   Client draft;
                   ReadClientFields(c, draft);
                   link.draft = std::move(draft);
                 });
               }));
               SW_ASSIGN(auto linked, svc.LinkClient(req.actor, id, expected, std::move(link)));
               auto j = InquiryJson(linked.inquiry, req.actor);
               j["client_id"] = linked.client_id;
               j["episode"] = EpisodeJson(linked.episode);
               return http::RecordResponse(200, j, linked.inquiry.inquiry.meta.version);
             }));
}

void AddTaskRoutes(http::Router& router, InquiryService& svc) {
  router.Add(Method::kGet, "/api/v1/inquiries/{id}/tasks", "admissions.read",
             http::WithId([&svc](Request& req, const std::string& id) -> Result<Response> {
               SW_ASSIGN(auto tasks, svc.ListTasks(req.actor, id));
               json::array items;
               for (const auto& t : tasks) items.emplace_back(TaskJson(t));
               return http::JsonResponse(200, json::object{{"items", std::move(items)}});
             }));
  router.Add(Method::kPost, "/api/v1/inquiries/{id}/tasks", "admissions.write",
             http::WithId([&svc](Request& req, const std::string& id) -> Result<Response> {
               SW_ASSIGN(auto body, http::ParseObject(req));
               InquiryTask draft;
               SW_TRY(http::ReadBody(body, [&](ObjectReader& r) {
                 draft.title = r.String("title", Need::kRequired, 200).value_or("");
                 draft.due_on = r.DateValue("due_on", Need::kRequired).value_or(Date{});
                 draft.assigned_to = r.Id("assigned_to").value_or("");
               }));
               draft.inquiry_id = id;
               SW_ASSIGN(auto t, svc.AddTask(req.actor, std::move(draft)));
               return http::RecordResponse(201, TaskJson(t), t.meta.version);
             }));
  router.Add(Method::kPost, "/api/v1/inquiry-tasks/{id}/done", "admissions.write",
             http::WithVersion([&svc](Request& req, const std::string& id, std::int64_t expected) -> Result<Response> {
               SW_ASSIGN(auto t, svc.CompleteTask(req.actor, id, expected));
               return http::RecordResponse(200, TaskJson(t), t.meta.version);
             }));
  router.Add(Method::kGet, "/api/v1/inquiry-tasks", "admissions.read", [&svc](Request& req) -> Result<Response> {
    TaskQuery q;
    SW_ASSIGN(q.due_before, DateQuery(req, "due_before"));
    SW_ASSIGN(bool mine, http::QueryFlag(req, "mine"));
    if (mine) {
      if (req.actor.staff_id.empty()) return Error::Field("mine", "needs a user linked to a staff record");
      q.assigned_to = req.actor.staff_id;
    }
    SW_ASSIGN(q.include_done, http::QueryFlag(req, "include_done"));
    SW_ASSIGN(q.limit, http::QueryLimit(req));
    SW_ASSIGN(auto tasks, svc.Tasks(req.actor, q));
    json::array items;
    for (const auto& s : tasks) {
      auto j = TaskJson(s.task);
      j["inquiry_name"] = s.inquiry_name;
      j["inquiry_stage"] = s.inquiry_stage;
      j["assigned_to_name"] = TextOrNull(s.assigned_to_name);
      items.emplace_back(std::move(j));
    }
    return http::JsonResponse(200, json::object{{"items", std::move(items)}});
  });
  router.Add(Method::kGet, "/api/v1/waitlist", "admissions.read", [&svc](Request& req) -> Result<Response> {
    SW_ASSIGN(auto track_id, IdQuery(req, "track_id"));
    SW_ASSIGN(auto tracks, svc.Waitlist(req.actor, track_id));
    json::array out;
    for (const auto& t : tracks) {
      json::array entries;
      for (const auto& e : t.entries) {
        entries.emplace_back(json::object{{"inquiry_id", e.inquiry_id},
                                          {"name", e.name},
                                          {"position", e.position},
                                          {"since", e.since},
                                          {"urgency", e.urgency}});
      }
      out.emplace_back(json::object{{"track_id", t.track_id},
                                    {"name", t.name},
                                    {"capacity", t.capacity},
                                    {"enrolled", t.enrolled},
                                    {"open_places", t.open_places},
                                    {"entries", std::move(entries)}});
    }
    return http::JsonResponse(200, json::object{{"tracks", std::move(out)}});
  });
}

}  // namespace

void AddInquiryRoutes(http::Router& router, InquiryService& svc) {
  router.Add(Method::kGet, "/api/v1/inquiries", "admissions.read", [&svc](Request& req) -> Result<Response> {
    InquiryListQuery q;
    if (auto stage = req.Query("stage"); stage && !stage->empty()) {
      auto codes = program::Codes(InquiryStages());
      if (std::find(codes.begin(), codes.end(), *stage) == codes.end())
        return Error::Field("stage", "is not a pipeline stage");
      q.stage = std::string(*stage);
    }
    q.q = std::string(req.Query("q").value_or(""));
    if (q.q.size() > 200) return Error::Field("q", "must be at most 200 characters");
    SW_ASSIGN(q.overdue_only, http::QueryFlag(req, "overdue"));
    SW_ASSIGN(q.today, DateQuery(req, "today"));
    q.limit = 200;  // the board shows every live inquiry up to this
    if (req.Query("limit")) {
      SW_ASSIGN(q.limit, http::QueryLimit(req));
    }
    SW_ASSIGN(auto board, svc.List(req.actor, q));
    json::array items;
    for (const auto& r : board.items) items.emplace_back(SummaryJson(r));
    json::object counts;
    for (const auto& [stage, n] : board.counts) counts[stage] = n;
    return http::JsonResponse(200, json::object{{"items", std::move(items)}, {"counts", std::move(counts)}});
  });
  router.Add(Method::kPost, "/api/v1/inquiries", "admissions.write", [&svc](Request& req) -> Result<Response> {
    SW_ASSIGN(auto draft, ReadInquiry(req));
    SW_ASSIGN(auto rec, svc.Create(req.actor, std::move(draft)));
    auto resp = Record(201, rec, req.actor);
    resp.SetHeader("Location", "/api/v1/inquiries/" + rec.inquiry.meta.id);
    return resp;
  });
  router.Add(Method::kGet, "/api/v1/inquiries/{id}", "admissions.read",
             http::WithId([&svc](Request& req, const std::string& id) -> Result<Response> {
               SW_ASSIGN(auto rec, svc.Get(req.actor, id));
               return Record(200, rec, req.actor);
             }));
  router.Add(Method::kPut, "/api/v1/inquiries/{id}", "admissions.write",
             http::WithVersion([&svc](Request& req, const std::string& id, std::int64_t expected) -> Result<Response> {
               SW_ASSIGN(auto changes, ReadInquiry(req));
               changes.meta.id = id;
               SW_ASSIGN(auto rec, svc.Update(req.actor, std::move(changes), expected));
               return Record(200, rec, req.actor);
             }));
  router.Add(Method::kPost, "/api/v1/inquiries/{id}/void", "admissions.write",
             http::VoidWith([&svc](Request& req, const std::string& id, std::int64_t expected,
                                   const std::string& reason) -> Result<Response> {
               SW_ASSIGN(auto rec, svc.Void(req.actor, id, expected, reason));
               return Record(200, rec, req.actor);
             }));
  AddPipelineRoutes(router, svc);
  AddTaskRoutes(router, svc);
}

}  // namespace stepwise::admissions
