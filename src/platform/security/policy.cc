#include "platform/security/policy.h"

#include <algorithm>
#include <sstream>

namespace stepwise::security {

extern const char* const kDefaultPolicyText;  // generated from config/policy.txt

namespace {

std::vector<std::string> Tokens(std::string_view line) {
  std::vector<std::string> out;
  std::istringstream in{std::string(line)};
  std::string t;
  while (in >> t) out.push_back(t);
  return out;
}

Error LineError(int line, const std::string& message) {
  return Error::Field("policy", "line " + std::to_string(line) + ": " + message);
}

}  // namespace

const char* ClientScopeName(ClientScope s) {
  switch (s) {
    case ClientScope::kNone:
      return "none";
    case ClientScope::kCaseload:
      return "caseload";
    case ClientScope::kProgram:
      return "program";
  }
  return "none";
}

Result<Policy> Policy::Parse(std::string_view text) {
  Policy p;
  int number = 0;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    ++number;
    if (auto hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
    auto t = Tokens(line);
    if (t.empty()) continue;
    if (t[0] == "permission") {
      if (t.size() < 4) return LineError(number, "expected: permission <code> <data category> <label>");
      if (p.FindPermission(t[1])) return LineError(number, "permission " + t[1] + " is declared twice");
      std::string label;
      for (std::size_t i = 3; i < t.size(); ++i) label += (i > 3 ? " " : "") + t[i];
      p.permissions_.push_back({t[1], t[2], label});
    } else if (t[0] == "role") {
      if (t.size() < 4) return LineError(number, "expected: role <code> scope=… mfa=… <permission> ...");
      if (p.FindRole(t[1])) return LineError(number, "role " + t[1] + " is declared twice");
      RoleInfo r{t[1], ClientScope::kNone, false, {}};
      if (t[2] == "scope=none") {
        r.scope = ClientScope::kNone;
      } else if (t[2] == "scope=caseload") {
        r.scope = ClientScope::kCaseload;
      } else if (t[2] == "scope=program") {
        r.scope = ClientScope::kProgram;
      } else {
        return LineError(number, "scope must be scope=none, scope=caseload or scope=program");
      }
      if (t[3] == "mfa=required") {
        r.mfa_required = true;
      } else if (t[3] != "mfa=optional") {
        return LineError(number, "mfa must be mfa=required or mfa=optional");
      }
      for (std::size_t i = 4; i < t.size(); ++i) {
        if (!p.FindPermission(t[i])) return LineError(number, "unknown permission " + t[i] + " (declare it first)");
        r.permissions.push_back(t[i]);
      }
      std::sort(r.permissions.begin(), r.permissions.end());
      r.permissions.erase(std::unique(r.permissions.begin(), r.permissions.end()), r.permissions.end());
      p.roles_.push_back(std::move(r));
    } else {
      return LineError(number, "expected a permission or role line, got '" + t[0] + "'");
    }
  }
  if (p.roles_.empty()) return Error::Field("policy", "the policy declares no roles");
  return p;
}

const Policy& Policy::Default() {
  static const Policy policy = [] {
    auto parsed = Parse(kDefaultPolicyText);
    if (!parsed.ok()) std::abort();  // the compiled-in policy is checked by a unit test
    return std::move(parsed).value();
  }();
  return policy;
}

const RoleInfo* Policy::FindRole(std::string_view code) const {
  for (const auto& r : roles_) {
    if (r.code == code) return &r;
  }
  return nullptr;
}

const PermissionInfo* Policy::FindPermission(std::string_view code) const {
  for (const auto& p : permissions_) {
    if (p.code == code) return &p;
  }
  return nullptr;
}

Policy::Grant Policy::Resolve(const std::vector<std::string>& roles) const {
  Grant g;
  for (const auto& code : roles) {
    const RoleInfo* r = FindRole(code);
    if (!r) continue;  // a role the policy no longer knows grants nothing
    g.permissions.insert(g.permissions.end(), r->permissions.begin(), r->permissions.end());
    g.scope = std::max(g.scope, r->scope);
    g.mfa_required = g.mfa_required || r->mfa_required;
  }
  std::sort(g.permissions.begin(), g.permissions.end());
  g.permissions.erase(std::unique(g.permissions.begin(), g.permissions.end()), g.permissions.end());
  return g;
}

bool Policy::Allows(const std::vector<std::string>& roles, std::string_view permission) const {
  for (const auto& code : roles) {
    const RoleInfo* r = FindRole(code);
    if (r && std::binary_search(r->permissions.begin(), r->permissions.end(), permission)) return true;
  }
  return false;
}

}  // namespace stepwise::security
