// User accounts, sessions, API tokens, security settings and emergency-access grants as values.
// Codes are stored as text ("active", "mfa_pending"); never renumber-dependent.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "platform/base/record.h"

namespace stepwise::security {

struct User {
  RecordMeta meta;
  std::string username;  // lowercase
  std::string display_name;
  std::string staff_id;
  std::vector<std::string> roles;
  bool emergency_access = false;
  bool disabled = false;
  bool mfa_enabled = false;
  std::string last_sign_in_at;
};

// What a new account needs; `password` is plaintext only on its way to the hash.
struct NewUser {
  std::string username;
  std::string display_name;
  std::string password;
  std::vector<std::string> roles;
  std::string staff_id;
  bool emergency_access = false;
};

struct UserChanges {
  std::string display_name;
  std::vector<std::string> roles;
  std::string staff_id;
  bool emergency_access = false;
  bool disabled = false;
};

enum class SessionState { kMfaPending, kMfaEnrollment, kActive };
const char* SessionStateName(SessionState s);
std::optional<SessionState> ParseSessionState(std::string_view s);

struct SessionInfo {
  std::string id;  // public handle
  std::string user_id;
  std::string org_id;
  SessionState state = SessionState::kActive;
  std::string csrf_token;
  std::string created_at;
  std::string last_seen_at;
  std::string expires_at;
  std::string idle_expires_at;
  std::string source_address;
  std::string user_agent;
  int idle_timeout_seconds = 0;
};

struct ApiToken {
  std::string id;
  std::string name;
  std::string created_at;
  std::string expires_at;
  std::string last_used_at;
  std::string revoked_at;
};

struct SecuritySettings {
  bool require_mfa_for_all = false;
  int idle_timeout_minutes = 15;  // 1-15
  int emergency_minutes = 60;     // 5-240
  std::int64_t version = 0;
};

struct EmergencyGrant {
  std::string id;
  std::string user_id;
  std::string client_id;
  std::string reason;
  std::string started_at;
  std::string expires_at;
};

struct Alert {
  std::string id;
  std::string kind;
  std::string message;
  std::string user_id;
  std::string client_id;
  std::string created_at;
  std::string acknowledged_at;
};

// Session lifetimes. The idle limit is the smaller of the server's and the organization's.
struct SessionLimits {
  std::chrono::minutes idle{15};
  std::chrono::hours absolute{12};
  std::chrono::minutes pending{5};  // between password and MFA code
};

// Username rules: 3-64 of a-z 0-9 . _ - (stored lowercase).
bool IsValidUsername(std::string_view username);

}  // namespace stepwise::security
