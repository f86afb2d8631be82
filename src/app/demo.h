// The demo program: a realistic, deterministic organization for trying Stepwise and for end-to-end
// tests. The same `today` always gives the same data.
#pragma once

#include <string>
#include <vector>

#include "app/composition.h"
#include "platform/base/dates.h"

namespace stepwise::app {

// Every demo user signs in with this password; users who need MFA share this TOTP secret (base32).
inline constexpr const char* kDemoPassword = "northstar-demo-pass";
inline constexpr const char* kDemoTotpSecret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

struct DemoLogin {
  std::string username;
  std::string roles;
  bool mfa = false;
};

struct DemoSummary {
  int staff = 0;
  int clients = 0;
  std::vector<DemoLogin> logins;
};

// Fills an empty database; kConflict if an organization exists already.
Result<DemoSummary> CreateDemo(Services& services, Date today);

}  // namespace stepwise::app
