#include "care/program/staff_service.h"

#include "care/program/program_service.h"
#include "platform/audit/audit_log.h"
#include "platform/base/uuid.h"
#include "platform/db/records.h"
#include "platform/db/transaction_scope.h"

namespace stepwise::program {

using db::Access;
using db::Transaction;

namespace {

Status CheckStaff(const Staff& s) {
  FieldErrors errors;
  if (s.roles.empty()) errors.Add("roles", "needs at least one role");
  for (std::size_t i = 0; i < s.credentials.size(); ++i) {
    const auto& c = s.credentials[i];
    const std::string at = "credentials[" + std::to_string(i) + "]";
    if (!c.issuing_state.empty() && !IsStateCode(c.issuing_state)) {
      errors.Add(at + ".issuing_state", "must be a two-letter US state or territory code such as MN");
    }
    if (c.type != "other" && c.license_number.empty()) errors.Add(at + ".license_number", "is required");
  }
  if (!errors.empty()) return errors.ToError();
  return Ok();
}

}  // namespace

Status StaffService::CheckLive(Transaction& tx, const Actor& actor, const std::string& staff_id,
                               const std::string& field) {
  SW_ASSIGN(bool live, db::ExistsLive(tx, "staff", actor.org_id, staff_id));
  if (!live) return Error::Field(field, "is not a current staff member of this organization");
  return Ok();
}

Result<std::vector<Staff>> StaffService::List(const Actor& actor, StaffQuery query) {
  SW_TRY(RequireOrganization(actor));
  query.name_prefix = AsciiLower(query.name_prefix);
  return db::InTransaction(db_, Access::kRead,
                           [&](Transaction& tx) { return StaffStore::List(tx, actor.org_id, query); });
}

Result<Staff> StaffService::Get(const Actor& actor, const std::string& id) {
  SW_TRY(RequireOrganization(actor));
  return db::InTransaction(db_, Access::kRead, [&](Transaction& tx) {
    return db::Found(StaffStore::Get(tx, actor.org_id, id), "staff member");
  });
}

Result<Staff> StaffService::Create(const Actor& actor, Staff draft) {
  SW_TRY(RequireOrganization(actor));
  SW_TRY(CheckStaff(draft));
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<Staff> {
    const std::string now = FormatTimestamp(clock_.Now());
    draft.meta = {NewUuidV7(clock_.Now()), actor.org_id, 1, false, "", now, now};
    SW_TRY(StaffStore::Insert(tx, draft));
    SW_TRY(audit::Append(
        tx, actor,
        {.action = "create", .resource_type = "staff", .resource_id = draft.meta.id, .data_category = "staff"}, now));
    return draft;
  });
}

Result<Staff> StaffService::Update(const Actor& actor, Staff changes, std::int64_t expected) {
  SW_TRY(RequireOrganization(actor));
  SW_TRY(CheckStaff(changes));
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<Staff> {
    const std::string now = FormatTimestamp(clock_.Now());
    changes.meta.org_id = actor.org_id;
    SW_TRY(StaffStore::Update(tx, changes, expected, now));
    SW_TRY(audit::Append(
        tx, actor,
        {.action = "update", .resource_type = "staff", .resource_id = changes.meta.id, .data_category = "staff"}, now));
    return db::Found(StaffStore::Get(tx, actor.org_id, changes.meta.id), "staff member");
  });
}

Result<Staff> StaffService::Void(const Actor& actor, const std::string& id, std::int64_t expected,
                                 const std::string& reason) {
  SW_TRY(RequireOrganization(actor));
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<Staff> {
    const std::string now = FormatTimestamp(clock_.Now());
    SW_TRY(db::VoidVersioned(tx, "staff", actor.org_id, id, expected, reason, now));
    SW_TRY(audit::Append(
        tx, actor,
        {.action = "void", .resource_type = "staff", .resource_id = id, .data_category = "staff", .reason = reason},
        now));
    return db::Found(StaffStore::Get(tx, actor.org_id, id), "staff member");
  });
}

}  // namespace stepwise::program
