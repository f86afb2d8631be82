#include "care/tasks/task_routes.h"

#include "platform/http/json.h"

namespace stepwise::tasks {
namespace {

namespace json = boost::json;
using http::Method;
using http::Need;
using http::ObjectReader;
using http::Request;
using http::Response;

json::object TaskJson(const TaskView& v) {
  const Task& t = v.task;
  json::object o;
  http::PutMeta(o, t.meta);
  o["client_id"] = http::TextOrNull(t.client_id);
  o["client_name"] = http::TextOrNull(v.client_name);
  o["part2"] = true;
  o["assignee_staff_id"] = http::TextOrNull(t.assignee_staff_id);
  o["assignee_role"] = http::TextOrNull(t.assignee_role);
  o["kind"] = t.kind;
  o["title"] = t.title;
  o["detail"] = http::TextOrNull(t.detail);
  o["source_type"] = http::TextOrNull(t.source_type);
  o["source_id"] = http::TextOrNull(t.source_id);
  o["due_on"] = http::DateOrNull(t.due_on);
  o["status"] = t.status;
  o["overdue"] = v.overdue;
  o["completed_at"] = http::TextOrNull(t.completed_at);
  o["completed_by"] = http::TextOrNull(t.completed_by);
  o["outcome"] = http::TextOrNull(t.outcome);
  return o;
}

Response ListResponse(const std::vector<TaskView>& list) {
  json::array items;
  for (const auto& v : list) items.emplace_back(TaskJson(v));
  return http::JsonResponse(200, json::object{{"items", std::move(items)}});
}

bool WantsAll(const Request& req) {
  const auto status = req.Query("status");
  return status && *status == "all";
}

}  // namespace

void AddTaskRoutes(http::Router& router, TaskService& svc) {
  router.Add(Method::kGet, "/api/v1/tasks", "tasks.read", [&svc](Request& req) -> Result<Response> {
    SW_ASSIGN(auto list, svc.Mine(req.actor, WantsAll(req)));
    return ListResponse(list);
  });
  router.Add(Method::kGet, "/api/v1/clients/{id}/tasks", "tasks.read",
             http::WithId([&svc](Request& req, const std::string& client_id) -> Result<Response> {
               SW_ASSIGN(auto list, svc.OfClient(req.actor, client_id, WantsAll(req)));
               return ListResponse(list);
             }));
  router.Add(Method::kGet, "/api/v1/tasks/{id}", "tasks.read",
             http::WithId([&svc](Request& req, const std::string& id) -> Result<Response> {
               SW_ASSIGN(auto v, svc.Get(req.actor, id));
               return http::RecordResponse(200, TaskJson(v), v.task.meta.version);
             }));
  router.Add(Method::kPost, "/api/v1/tasks/{id}/complete", "tasks.write",
             http::WithVersion([&svc](Request& req, const std::string& id, std::int64_t expected) -> Result<Response> {
               SW_ASSIGN(auto body, http::ParseObject(req));
               std::string outcome;
               SW_TRY(http::ReadBody(
                   body, [&](ObjectReader& r) { outcome = r.String("outcome", Need::kOptional, 4000).value_or(""); }));
               SW_ASSIGN(auto v, svc.Complete(req.actor, id, expected, std::move(outcome)));
               return http::RecordResponse(200, TaskJson(v), v.task.meta.version);
             }));
  router.Add(Method::kPost, "/api/v1/tasks/{id}/cancel", "tasks.write",
             http::WithVersion([&svc](Request& req, const std::string& id, std::int64_t expected) -> Result<Response> {
               SW_ASSIGN(auto body, http::ParseObject(req));
               std::string reason;
               SW_TRY(http::ReadBody(
                   body, [&](ObjectReader& r) { reason = r.String("reason", Need::kRequired, 4000).value_or(""); }));
               SW_ASSIGN(auto v, svc.Cancel(req.actor, id, expected, std::move(reason)));
               return http::RecordResponse(200, TaskJson(v), v.task.meta.version);
             }));
  router.Add(Method::kPost, "/api/v1/tasks/{id}/reassign", "tasks.write",
             http::WithVersion([&svc](Request& req, const std::string& id, std::int64_t expected) -> Result<Response> {
               SW_ASSIGN(auto body, http::ParseObject(req));
               std::string staff_id;
               SW_TRY(http::ReadBody(body, [&](ObjectReader& r) { staff_id = r.Id("staff_id", Need::kRequired).value_or(""); }));
               SW_ASSIGN(auto v, svc.Reassign(req.actor, id, expected, staff_id));
               return http::RecordResponse(200, TaskJson(v), v.task.meta.version);
             }));
}

}  // namespace stepwise::tasks
