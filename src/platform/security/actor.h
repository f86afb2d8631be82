// Actor: who is acting, for which organization, from where. Every service call carries one, so
// record-level access and organization scoping are checked inside the service, never left to a handler.
// Thread-safety: a plain value.
#pragma once

#include <string>
#include <vector>

namespace stepwise {

// How far a user's client access reaches (the policy file sets it per role; the widest role wins).
enum class ClientScope {
  kNone,      // no client records at all (administrator, by default)
  kCaseload,  // clients whose current episode names the user's staff record as counselor, the clients of
              // the groups they facilitate, and clients opened through emergency access (ClientService)
  kProgram,   // every client of the organization
};

struct Actor {
  std::string org_id;    // the organization whose data the actor may touch ("" before set-up)
  std::string user_id;   // the signed-in user's id, or "system:<command>" for command-line work
  std::string username;  // for audit readability
  std::string display_name;
  std::string role;                      // the acting roles, comma-separated ("counselor,therapist"), as audited
  std::vector<std::string> permissions;  // sorted; what the policy grants the roles
  ClientScope client_scope = ClientScope::kNone;
  std::string staff_id;           // the staff record linked to the user ("" when none)
  std::string source_address;     // the client's IP address (as seen, or from a trusted proxy)
  std::string request_id;         // for correlating audit events and logs
  std::string token_id;           // the API token used, when the request came with one
  std::string session_id;         // the session's public handle, when the request came with a cookie
  bool mfa_enabled = false;       // the user has confirmed TOTP
  bool mfa_required = false;      // the policy or the organization requires MFA of this user
  bool emergency_access = false;  // designated for emergency (break-glass) access

  bool Can(std::string_view permission) const;
};

}  // namespace stepwise
