#include "platform/audit/audit_log.h"

#include "platform/base/uuid.h"

namespace stepwise::audit {

Status Append(db::Transaction& tx, const Actor& actor, const Event& e, const std::string& now) {
  auto opt = [](const std::string& s) -> db::Param { return s.empty() ? db::Param(nullptr) : db::Param(s); };
  SW_TRY(tx.Execute(
      "INSERT INTO audit_events (id, org_id, occurred_at, user_id, action, resource_type, resource_id, client_id, "
      "request_id, outcome, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'success', ?)",
      {NewUuidV7(), opt(actor.org_id), now, actor.user_id, e.action, e.resource_type, opt(e.resource_id),
       opt(e.client_id), opt(actor.request_id), opt(e.reason)}));
  return Ok();
}

}  // namespace stepwise::audit
