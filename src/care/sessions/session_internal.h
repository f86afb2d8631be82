// Helpers shared by the session service's files (not a public interface).
#pragma once

#include <string>

#include "care/sessions/session_service.h"
#include "platform/db/database.h"

namespace stepwise::sessions::internal {

inline constexpr const char* kCategory = "clinical_note";

Status Audit(db::Transaction& tx, const Actor& actor, const char* action, const char* resource_type,
             const std::string& id, const std::string& client_id, const std::string& now,
             const std::string& reason = "");
std::string ActorName(const Actor& actor);
// "09:00–10:30" from local minutes.
std::string TimeRange(int start_minute, int end_minute);
// The text of a stored timestamp as an instant ("2026-03-09T13:00:00Z"); "" for "".
std::string Instant(const std::string& stored);
// The client's display name ("" when unknown).
Result<std::string> ClientName(db::Transaction& tx, const std::string& org_id, const std::string& client_id);

}  // namespace stepwise::sessions::internal

namespace stepwise::sessions {

// A group record with what it hangs on.
struct SessionService::Loaded {
  scheduling::Occurrence occurrence;
  std::vector<scheduling::RosterEntry> roster;
  std::optional<GroupSession> record;
  std::string zone;
};

}  // namespace stepwise::sessions
