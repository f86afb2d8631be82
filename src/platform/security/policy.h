// The access policy: roles, the permissions each holds, how far its client access reaches and whether
// it must use MFA. Read from text (config/policy.txt is the default, compiled in; `--policy FILE`
// replaces it). Pure: no I/O beyond parsing the text it is given.
// Thread-safety: immutable after Parse; share freely.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "platform/base/result.h"
#include "platform/security/actor.h"

namespace stepwise::security {

// Route permissions that are not in the policy file.
inline constexpr std::string_view kPublic = "public";     // no sign-in
inline constexpr std::string_view kSelf = "self";         // any signed-in user, about themselves
inline constexpr std::string_view kSelfMfa = "self.mfa";  // also allowed while MFA enrolment is pending

struct PermissionInfo {
  std::string code;
  std::string data_category;
  std::string label;
};

struct RoleInfo {
  std::string code;
  ClientScope scope = ClientScope::kNone;
  bool mfa_required = false;
  std::vector<std::string> permissions;  // sorted
};

class Policy {
 public:
  // Parses the policy text; errors name the line.
  static Result<Policy> Parse(std::string_view text);
  // The policy compiled into the binary (config/policy.txt).
  static const Policy& Default();

  const std::vector<PermissionInfo>& permissions() const { return permissions_; }
  const std::vector<RoleInfo>& roles() const { return roles_; }
  const RoleInfo* FindRole(std::string_view code) const;
  const PermissionInfo* FindPermission(std::string_view code) const;

  // The union of the roles' permissions (sorted), the widest scope, and whether MFA is required.
  struct Grant {
    std::vector<std::string> permissions;
    ClientScope scope = ClientScope::kNone;
    bool mfa_required = false;
  };
  Grant Resolve(const std::vector<std::string>& roles) const;

  // Whether `roles` may use a route that names `permission` (public and self are handled by the caller).
  bool Allows(const std::vector<std::string>& roles, std::string_view permission) const;

 private:
  std::vector<PermissionInfo> permissions_;
  std::vector<RoleInfo> roles_;
};

const char* ClientScopeName(ClientScope s);

}  // namespace stepwise::security
