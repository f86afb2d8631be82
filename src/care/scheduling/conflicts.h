// The one conflict checker (ADR 0012 decision 3): does a placement — an appointment, a moved group
// occurrence, an optimizer item being accepted — collide with anything? Pure: the service loads the busy
// intervals and the facts about the people and the room; this judges them and names every violation.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "care/scheduling/appointment_model.h"
#include "platform/base/result.h"

namespace stepwise::scheduling {

// Conflict codes (stored nowhere; sent to the web app, which may translate them).
inline constexpr std::string_view kClientBusy = "client_busy";
inline constexpr std::string_view kStaffBusy = "staff_busy";
inline constexpr std::string_view kRoomBusy = "room_busy";
inline constexpr std::string_view kRoomCapacity = "room_capacity";
inline constexpr std::string_view kGroupFull = "group_full";
inline constexpr std::string_view kNotLicensed = "not_licensed";
inline constexpr std::string_view kCredentialMissing = "credential_missing";
inline constexpr std::string_view kOutsideHours = "outside_hours";
inline constexpr std::string_view kClientUnavailable = "client_unavailable";
inline constexpr std::string_view kStaffUnavailable = "staff_unavailable";
inline constexpr std::string_view kClosed = "closed";
inline constexpr std::string_view kCaseloadFull = "caseload_full";

struct Conflict {
  std::string field;    // JSON key of the request it is about: "start", "staff_id", "room_id", "date", ...
  std::string code;     // one of the codes above
  std::string message;  // "Room 2 is booked 10:00–11:00 (Process group)"
  bool operator==(const Conflict&) const = default;
};

// Something already on the calendar.
struct BusyItem {
  std::string type;   // "group" | "appointment"
  std::string id;     // appointment id or occurrence id
  std::string label;  // "Process group", "Individual session", ...
  TimePoint start{}, end{};
  int start_minute = 0, end_minute = 0;  // local, for messages
  std::string room_id;
  std::vector<std::string> staff_ids;
  std::vector<std::string> client_ids;
};

struct ClientFacts {
  std::string id, name;
  ClientAvailability availability;
};

struct StaffFacts {
  std::string id, name;
  bool licensed = false;                      // holds a current licensed credential
  std::vector<std::string> credential_types;  // current (unexpired) credentials
  StaffAvailability availability;
  int sessions_this_week = 0;                 // scheduled appointments in the placement's week, itself excluded
  std::vector<std::string> caseload_client_ids;  // clients they already see
};

struct RoomFacts {
  std::string id, name;
  int capacity = 1;
};

struct ClosureDay {
  Date date{};
  std::string name;  // "Thanksgiving"
};

// What is being placed.
struct Placement {
  std::string id;    // its own busy item (when moving) is ignored
  std::string kind;  // individual | family | drug_test_slot | group
  TimePoint start{}, end{};
  Date date{};
  int start_minute = 0, end_minute = 0;  // local
  std::vector<std::string> client_ids;
  std::vector<std::string> staff_ids;
  std::string room_id;  // "" = no room (telehealth)
  int attendees = 1;    // people in the room (client + family members; a group's size limit)
  int enrolled = 0;     // groups: roster size, checked against size_limit
  int size_limit = 0;   // groups; 0 = none
  bool needs_licensed = false;                   // individual/family therapy
  bool needs_credential = false;                 // any current credential (a plan catalog's "credentialed")
  std::vector<std::string> required_credentials;  // any one of them (groups)
};

struct CheckContext {
  std::vector<BusyItem> busy;      // everything scheduled around the placement
  std::vector<ClientFacts> clients;  // facts for the placement's clients (missing = no constraints known)
  std::vector<StaffFacts> staff;
  std::optional<RoomFacts> room;
  OpeningHours hours;
  std::vector<ClosureDay> closures;  // closures that apply to the placement's program on its date
};

// Every violation, in a stable order: closed, outside_hours, client_busy, client_unavailable, staff_busy,
// staff_unavailable, not_licensed, credential_missing, caseload_full, room_busy, room_capacity, group_full.
std::vector<Conflict> CheckPlacement(const Placement& p, const CheckContext& ctx);

// An individual or family session's staff requirements under a plan catalog's staff rule: "licensed" (also for
// "medical" when no medical credentials are configured), "credentialed" (any current credential), "medical" (one
// of `medical`) or "any" (none).
void SetStaffRule(const std::string& rule, const std::vector<std::string>& medical, Placement& p);
// Whether a clinician meets p's staff requirements (CheckPlacement's not_licensed and credential_missing rules).
bool MeetsStaffRule(const Placement& p, bool licensed, const std::vector<std::string>& credential_types);

// Conflicts as field errors (field → message), for a 400.
Error ConflictError(const std::vector<Conflict>& conflicts, const std::string& prefix = "");

// "10:00–11:00"
std::string TimeRangeText(int start_minute, int end_minute);

}  // namespace stepwise::scheduling
