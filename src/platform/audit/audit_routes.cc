#include "platform/audit/audit_routes.h"

#include <unistd.h>

#include <algorithm>
#include <memory>
#include <set>

#include "platform/audit/audit_fhir.h"
#include "platform/audit/audit_report.h"
#include "platform/audit/audit_verify.h"
#include "platform/base/dates.h"
#include "platform/base/record.h"
#include "platform/base/uuid.h"
#include "platform/http/json.h"

namespace stepwise::audit {

using http::Method;
using http::Request;
using http::Response;
namespace json = boost::json;

namespace {

json::object EventJson(const StoredEvent& e) {
  return {{"seq", e.seq},
          {"id", e.id},
          {"occurred_at", e.occurred_at},
          {"user_id", e.user_id},
          {"username", http::TextOrNull(e.username)},
          {"role", http::TextOrNull(e.role)},
          {"action", e.action},
          {"resource_type", e.resource_type},
          {"resource_id", http::TextOrNull(e.resource_id)},
          {"client_id", http::TextOrNull(e.client_id)},
          {"data_category", http::TextOrNull(e.data_category)},
          {"source_address", http::TextOrNull(e.source_address)},
          {"outcome", e.outcome},
          {"reason", http::TextOrNull(e.reason)},
          {"request_id", http::TextOrNull(e.request_id)},
          {"hash", e.hash}};
}

// "2026-03-01" (midnight UTC) or "2026-03-01T14:05:09.123Z", normalised to the stored form.
Result<std::string> Instant(const Request& req, const std::string& name) {
  auto v = req.Query(name);
  if (!v || v->empty()) return std::string();
  if (auto d = ParseDate(*v)) return FormatDate(*d) + "T00:00:00.000Z";
  if (auto t = ParseTimestamp(*v)) return FormatTimestamp(*t);
  return Error::Field(name, "must be a date YYYY-MM-DD or a UTC instant YYYY-MM-DDTHH:MM:SS[.mmm]Z");
}

Result<std::int64_t> Number(const Request& req, const std::string& name, std::int64_t min, std::int64_t max,
                            std::int64_t fallback) {
  auto v = req.Query(name);
  if (!v) return fallback;
  std::int64_t n = 0;
  bool ok = !v->empty() && v->size() <= 18;
  for (char c : *v) {
    if (c < '0' || c > '9') ok = false;
    if (ok) n = n * 10 + (c - '0');
  }
  if (!ok || n < min || n > max) {
    return Error::Field(name, "must be a number from " + std::to_string(min) + " to " + std::to_string(max));
  }
  return n;
}

bool IsCode(std::string_view s) {
  return !s.empty() && s.size() <= 40 && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
  });
}

// Reads the filters and order shared by the list and the export; unknown parameters are refused so a
// misspelled filter cannot silently widen an export.
Result<EventQuery> ReadQuery(const Request& req, db::Dialect dialect, bool paged) {
  static const std::set<std::string, std::less<>> kList = {"from",    "to",   "user_id", "client_id", "action",
                                                           "outcome", "sort", "order",   "limit",     "cursor"};
  static const std::set<std::string, std::less<>> kCsv = {"from",   "to",      "user_id", "client_id",
                                                          "action", "outcome", "sort",    "order"};
  for (const auto& [key, value] : req.query) {
    if (!(paged ? kList : kCsv).contains(key)) return Error::Field(key, "is not a known parameter");
  }
  EventQuery q;
  q.org_id = req.actor.org_id;
  q.dialect = dialect;
  SW_ASSIGN(q.from, Instant(req, "from"));
  SW_ASSIGN(q.to, Instant(req, "to"));
  if (!q.from.empty() && !q.to.empty() && q.to <= q.from) return Error::Field("to", "must be after from");
  if (auto v = req.Query("user_id"); v && !v->empty()) {
    if (v->size() > 200) return Error::Field("user_id", "must be at most 200 characters");
    q.user_id = std::string(*v);
  }
  if (auto v = req.Query("client_id"); v && !v->empty()) {
    if (!IsUuid(*v)) return Error::Field("client_id", "must be an id (UUID)");
    q.client_id = AsciiLower(*v);
  }
  if (auto v = req.Query("action"); v && !v->empty()) {
    if (!IsCode(*v)) return Error::Field("action", "must be an action code such as read, create or export");
    q.action = std::string(*v);
  }
  if (auto v = req.Query("outcome"); v && !v->empty()) {
    if (*v != "success" && *v != "denied" && *v != "failure") {
      return Error::Field("outcome", "must be success, denied or failure");
    }
    q.outcome = std::string(*v);
  }
  if (auto v = req.Query("sort"); v && !v->empty()) {
    const auto& cols = SortColumns();
    if (std::find(cols.begin(), cols.end(), *v) == cols.end()) {
      std::string names;
      for (auto c : cols) names += (names.empty() ? "" : ", ") + std::string(c);
      return Error::Field("sort", "must be one of " + names);
    }
    q.sort = std::string(*v);
  }
  if (auto v = req.Query("order"); v && !v->empty()) {
    if (*v != "asc" && *v != "desc") return Error::Field("order", "must be asc or desc");
    q.descending = *v == "desc";
  }
  if (paged) {
    SW_ASSIGN(auto limit, Number(req, "limit", 1, 500, 50));
    q.limit = static_cast<int>(limit);
    SW_ASSIGN(q.after_seq, Number(req, "cursor", 1, std::int64_t{999'999'999'999'999'999}, 0));
  } else {
    q.limit = 0;
  }
  return q;
}

// Records that the actor looked at the audit trail; the answer is withheld if that cannot be recorded.
Status Trace(ReadLog& log, const Request& req, const char* action, const std::string& client_id, std::string reason) {
  return log.Record(req.actor, {.action = action,
                                .resource_type = "audit_event",
                                .client_id = client_id,
                                .data_category = "audit",
                                .reason = std::move(reason)});
}

// The server agent's network address in the FHIR export: this machine's name.
std::string HostName() {
  char name[256] = {};
  if (gethostname(name, sizeof name - 1) != 0) return "";
  return name;
}

}  // namespace

std::string CsvCell(std::string_view v) {
  std::string cell;
  if (!v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@' || v[0] == '\t' || v[0] == '\r')) {
    cell += '\'';
  }
  cell += v;
  if (cell.find_first_of(",\"\r\n") == std::string::npos) return cell;
  std::string quoted = "\"";
  for (char c : cell) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

void AddAuditRoutes(http::Router& router, db::Database& db, const Clock& clock, ReadLog* log,
                    DisclosureLookup disclosures) {
  std::shared_ptr<ReadLog> owned;
  if (!log) {
    owned = std::make_shared<ReadLog>(db, clock);
    log = owned.get();
  }
  router.Add(Method::kGet, "/api/v1/audit-events", "audit.read", [&db, log, owned](Request& req) -> Result<Response> {
    SW_ASSIGN(EventQuery q, ReadQuery(req, db.dialect(), true));
    SW_ASSIGN(auto tx, db.Begin(db::Access::kRead));
    SW_ASSIGN(EventPage page, ListEvents(*tx, q));
    SW_TRY(tx->Commit());
    SW_TRY(Trace(*log, req, "query", q.client_id, ""));
    json::array items;
    for (const auto& e : page.items) items.emplace_back(EventJson(e));
    return http::JsonResponse(
        200, json::object{{"items", std::move(items)},
                          {"next_cursor",
                           page.next_cursor ? json::value(std::to_string(page.next_cursor)) : json::value(nullptr)}});
  });
  router.Add(Method::kGet, "/api/v1/audit-events.csv", "audit.read",
             [&db, log, owned](Request& req) -> Result<Response> {
               SW_ASSIGN(EventQuery q, ReadQuery(req, db.dialect(), false));
               std::string body =
                   "seq,id,occurred_at,user_id,username,role,action,resource_type,resource_id,client_id,"
                   "data_category,source_address,outcome,reason,request_id,hash\r\n";
               std::int64_t rows = 0;
               SW_ASSIGN(auto tx, db.Begin(db::Access::kRead));
               SW_TRY(ForEachEvent(*tx, q, [&](const StoredEvent& e) {
                 const std::string* cells[] = {&e.id,
                                               &e.occurred_at,
                                               &e.user_id,
                                               &e.username,
                                               &e.role,
                                               &e.action,
                                               &e.resource_type,
                                               &e.resource_id,
                                               &e.client_id,
                                               &e.data_category,
                                               &e.source_address,
                                               &e.outcome,
                                               &e.reason,
                                               &e.request_id,
                                               &e.hash};
                 body += std::to_string(e.seq);
                 for (const std::string* c : cells) {
                   body += ',';
                   body += CsvCell(*c);
                 }
                 body += "\r\n";
                 ++rows;
                 return true;
               }));
               SW_TRY(tx->Commit());
               SW_TRY(Trace(*log, req, "export", q.client_id, "csv export of " + std::to_string(rows) + " events"));
               Response r;
               r.status = 200;
               r.content_type = "text/csv; charset=utf-8";
               r.SetHeader("Content-Disposition", "attachment; filename=\"audit-events.csv\"");
               r.body = std::move(body);
               return r;
             });
  router.Add(
      Method::kGet, "/api/v1/audit-events.fhir", "audit.read",
      [&db, log, owned, disclosures, host = HostName()](Request& req) -> Result<Response> {
        SW_ASSIGN(EventQuery q, ReadQuery(req, db.dialect(), false));
        json::array entries;
        std::vector<std::pair<std::size_t, StoredEvent>> disclosed;  // completed after the scan
        SW_ASSIGN(auto tx, db.Begin(db::Access::kRead));
        SW_TRY(ForEachEvent(*tx, q, [&](const StoredEvent& e) {
          if (e.action == "disclose" && !e.resource_id.empty() && disclosures)
            disclosed.emplace_back(entries.size(), e);
          entries.emplace_back(
              json::object{{"fullUrl", "urn:uuid:" + e.id}, {"resource", FhirAuditEvent(e, req.actor.org_id, host)}});
          return true;
        }));
        for (const auto& [index, e] : disclosed) {
          SW_ASSIGN(std::optional<DisclosureDetail> detail, disclosures(*tx, req.actor.org_id, e.resource_id));
          if (detail) entries[index].as_object()["resource"] = FhirAuditEvent(e, req.actor.org_id, host, &*detail);
        }
        SW_TRY(tx->Commit());
        const auto count = entries.size();
        SW_TRY(
            Trace(*log, req, "export", q.client_id, "FHIR AuditEvent export of " + std::to_string(count) + " events"));
        // No "total": FHIR allows it only on search and history bundles (invariant bdl-1).
        Response r = http::JsonResponse(
            200, json::object{{"resourceType", "Bundle"}, {"type", "collection"}, {"entry", std::move(entries)}});
        r.content_type = "application/fhir+json; charset=utf-8";
        return r;
      });
  router.Add(Method::kGet, "/api/v1/audit/verify", "audit.read", [&db, log, owned](Request& req) -> Result<Response> {
    if (!req.query.empty()) return Error::Field(req.query.begin()->first, "is not a known parameter");
    SW_ASSIGN(VerifyReport v, Verify(db));
    SW_TRY(log->Record(req.actor, {.action = "verify", .resource_type = "audit_chain", .data_category = "audit"}));
    return http::JsonResponse(
        200,
        json::object{{"ok", v.ok},
                     {"events_checked", v.events_checked},
                     {"first_broken_seq", v.first_broken_seq ? json::value(*v.first_broken_seq) : json::value(nullptr)},
                     {"problem", v.ok ? json::value(nullptr) : json::value(v.problem)}});
  });
}

}  // namespace stepwise::audit
