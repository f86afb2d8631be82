#include "care/documents/amendment_service.h"

#include "care/admissions/client_store.h"
#include "care/documents/amendment_store.h"
#include "care/program/program_service.h"
#include "platform/base/uuid.h"
#include "platform/db/records.h"
#include "platform/db/transaction_scope.h"

namespace stepwise::documents {
namespace {

constexpr const char* kCategory = "amendment";
using db::Access;
using db::Transaction;

Status Audit(Transaction& tx, const Actor& actor, const char* action, const Amendment& a, const std::string& now,
             const std::string& reason = "") {
  return audit::Append(tx, actor,
                       {.action = action,
                        .resource_type = "amendment",
                        .resource_id = a.meta.id,
                        .client_id = a.client_id,
                        .data_category = kCategory,
                        .reason = reason},
                       now);
}

}  // namespace

Date AmendmentService::Today() const { return UtcDate(clock_.Now()); }

Status AmendmentService::RecordRead(const Actor& actor, const audit::Event& event) const {
  if (!read_log_) return Ok();
  return read_log_->Record(actor, event);
}

Result<Amendment> AmendmentService::Create(const Actor& actor, Amendment draft) {
  SW_TRY(program::RequireOrganization(actor));
  FieldErrors errors;
  CheckNewAmendment(draft, Today(), errors);
  if (!errors.empty()) return errors.ToError();
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<Amendment> {
    SW_TRY(db::Found(admissions::ClientStore::Get(tx, actor.org_id, draft.client_id), "client"));
    SW_TRY(clients_.CheckAccessIn(tx, actor, draft.client_id));
    const std::string now = FormatTimestamp(clock_.Now());
    Amendment a = std::move(draft);
    a.meta = {NewUuidV7(clock_.Now()), actor.org_id, 1, false, "", now, now};
    a.status = "pending";
    a.due_on = DueOn(a.received_on);
    SW_TRY(amendment_store::Insert(tx, a));
    SW_TRY(Audit(tx, actor, "create", a, now));
    return a;
  });
}

Result<Amendment> AmendmentService::Get(const Actor& actor, const std::string& id) {
  SW_TRY(program::RequireOrganization(actor));
  auto found = db::InTransaction(db_, Access::kRead, [&](Transaction& tx) -> Result<Amendment> {
    SW_ASSIGN(auto a, db::Found(amendment_store::Get(tx, actor.org_id, id), "amendment request"));
    if (!clients_.CheckAccessIn(tx, actor, a.client_id).ok()) return Error::NotFound("no such amendment request");
    return a;
  });
  audit::Event read{.action = "read", .resource_type = "amendment", .resource_id = id, .data_category = kCategory};
  if (found.ok()) read.client_id = found->client_id;
  if (!found.ok()) {
    if (found.error().code != ErrorCode::kNotFound) return found;
    read.outcome = "denied";
  }
  SW_TRY(RecordRead(actor, read));
  return found;
}

Result<std::vector<Amendment>> AmendmentService::OfClient(const Actor& actor, const std::string& client_id) {
  SW_TRY(program::RequireOrganization(actor));
  auto list = db::InTransaction(db_, Access::kRead, [&](Transaction& tx) -> Result<std::vector<Amendment>> {
    SW_TRY(db::Found(admissions::ClientStore::Get(tx, actor.org_id, client_id), "client"));
    SW_TRY(clients_.CheckAccessIn(tx, actor, client_id));
    return amendment_store::OfClient(tx, actor.org_id, client_id);
  });
  audit::Event read{.action = "query", .resource_type = "amendment", .client_id = client_id, .data_category = kCategory};
  if (!list.ok()) {
    if (list.error().code != ErrorCode::kNotFound) return list;
    read.outcome = "denied";
  }
  SW_TRY(RecordRead(actor, read));
  return list;
}

Result<std::vector<OpenAmendment>> AmendmentService::Open(const Actor& actor) {
  SW_TRY(program::RequireOrganization(actor));
  const Date today = Today();
  auto list = db::InTransaction(db_, Access::kRead, [&](Transaction& tx) -> Result<std::vector<OpenAmendment>> {
    SW_ASSIGN(auto pending, amendment_store::Pending(tx, actor.org_id));
    std::vector<OpenAmendment> out;
    for (auto& a : pending) {
      if (!clients_.CheckAccessIn(tx, actor, a.client_id).ok()) continue;
      SW_ASSIGN(auto client, admissions::ClientStore::Get(tx, actor.org_id, a.client_id));
      OpenAmendment o{.amendment = std::move(a)};
      if (client) o.client_name = admissions::DisplayName(*client);
      o.overdue = IsOverdue(o.amendment, today);
      out.push_back(std::move(o));
    }
    return out;
  });
  if (!list.ok()) return list;
  SW_TRY(RecordRead(actor, {.action = "query", .resource_type = "amendment", .data_category = kCategory,
                            .reason = "open amendment requests"}));
  return list;
}

Result<Amendment> AmendmentService::Change(const Actor& actor, const std::string& id, std::int64_t expected,
                                           const char* what, const std::function<Status(Amendment&)>& change) {
  SW_TRY(program::RequireOrganization(actor));
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<Amendment> {
    SW_ASSIGN(auto a, db::Found(amendment_store::Get(tx, actor.org_id, id), "amendment request"));
    if (!clients_.CheckAccessIn(tx, actor, a.client_id).ok()) return Error::NotFound("no such amendment request");
    if (a.meta.voided) return Error::Conflict("the amendment request is void");
    if (a.meta.version != expected) return Error::StaleVersion();
    SW_TRY(change(a));
    const std::string now = FormatTimestamp(clock_.Now());
    SW_TRY(amendment_store::Update(tx, a, expected, now));
    SW_TRY(Audit(tx, actor, "update", a, now, what));
    a.meta.version = expected + 1;
    a.meta.updated_at = now;
    return a;
  });
}

Result<Amendment> AmendmentService::Extend(const Actor& actor, const std::string& id, std::int64_t expected,
                                           Date extended_to, const std::string& reason) {
  return Change(actor, id, expected, "extended", [&](Amendment& a) { return documents::Extend(a, extended_to, reason); });
}

Result<Amendment> AmendmentService::Decide(const Actor& actor, const std::string& id, std::int64_t expected,
                                           const std::string& decision, const std::string& amendment_text,
                                           const std::string& denial_reason) {
  const std::string now = FormatTimestamp(clock_.Now());
  return Change(actor, id, expected, decision == "accepted" ? "accepted" : "denied", [&](Amendment& a) -> Status {
    SW_TRY(documents::Decide(a, decision, amendment_text, denial_reason, now,
                             actor.display_name.empty() ? actor.username : actor.display_name));
    a.decided_by = actor.user_id;
    return Ok();
  });
}

Result<Amendment> AmendmentService::AddDisagreement(const Actor& actor, const std::string& id, std::int64_t expected,
                                                    const std::string& statement) {
  return Change(actor, id, expected, "statement of disagreement",
                [&](Amendment& a) { return documents::AddDisagreement(a, statement); });
}

}  // namespace stepwise::documents
