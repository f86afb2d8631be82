// Appends audit events in the caller's transaction, so a change and its trace commit together.
// Issue 3 extends this with the SHA-256 hash chain, read auditing and the append-only guards.
#pragma once

#include <string>

#include "platform/base/result.h"
#include "platform/db/database.h"
#include "platform/security/actor.h"

namespace stepwise::audit {

struct Event {
  std::string action;         // "create", "update", "void", ...
  std::string resource_type;  // "client", "episode", "staff", ...
  std::string resource_id;
  std::string client_id;  // the client whose record this touches, if any
  std::string reason;
};

Status Append(db::Transaction& tx, const Actor& actor, const Event& event, const std::string& now);

}  // namespace stepwise::audit
