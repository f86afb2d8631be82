#include "platform/security/identity_model.h"

#include <algorithm>

namespace stepwise::security {

const char* SessionStateName(SessionState s) {
  switch (s) {
    case SessionState::kMfaPending:
      return "mfa_pending";
    case SessionState::kMfaEnrollment:
      return "mfa_enrollment";
    case SessionState::kActive:
      return "active";
  }
  return "active";
}

std::optional<SessionState> ParseSessionState(std::string_view s) {
  if (s == "mfa_pending") return SessionState::kMfaPending;
  if (s == "mfa_enrollment") return SessionState::kMfaEnrollment;
  if (s == "active") return SessionState::kActive;
  return std::nullopt;
}

bool IsValidUsername(std::string_view u) {
  if (u.size() < 3 || u.size() > 64) return false;
  return std::all_of(u.begin(), u.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
  });
}

}  // namespace stepwise::security
