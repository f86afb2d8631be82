// The whole application's access rules, generated from its route table: every role against every
// route compared with the policy, CSRF refusal on every state-changing route, 401 without credentials,
// and the security headers on every response. Runs the real router and services on a temp SQLite file.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>

#include "app/composition.h"
#include "platform/base/uuid.h"
#include "platform/http/server.h"
#include "platform/http/static_files.h"
#include "platform/security/identity_routes.h"

namespace stepwise::app {
namespace {

constexpr const char* kPassword = "correct horse battery staple";

bool Mutating(http::Method m) { return m != http::Method::kGet && m != http::Method::kHead; }

class AccessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("stepwise-access-" + NewUuidV7());
    std::filesystem::create_directories(dir_);
    auto db = OpenAndMigrate((dir_ / "access.db").string());
    ASSERT_TRUE(db.ok()) << db.error().message;
    AppOptions options;
    options.hashing = {1, 64 << 10};
    app_ = BuildApp(std::move(db).value(), std::move(options));
    auto org = app_->services->programs.AddOrganization(Actor{}, {{}, "Northstar", "America/Chicago"});
    ASSERT_TRUE(org.ok());
    for (const auto& role : app_->policy.roles()) {
      const std::string username = "u-" + role.code;
      for (auto& c : const_cast<std::string&>(username)) c = c == '_' ? '-' : c;
      auto u = app_->services->identity.AddUserAsSystem(org->meta.id,
                                                        {username, role.code, kPassword, {role.code}, "", false});
      ASSERT_TRUE(u.ok()) << u.error().message;
      auto t = app_->services->identity.CreateTokenAsSystem(username, "matrix", 1);
      ASSERT_TRUE(t.ok()) << t.error().message;
      tokens_[role.code] = t->secret;
    }
  }
  void TearDown() override {
    app_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  static http::Request RequestFor(const http::Route& route) {
    http::Request req;
    req.method = route.method;
    req.path = route.pattern;
    // Fill every {param} with a well-formed id that names nothing.
    for (std::size_t open; (open = req.path.find('{')) != std::string::npos;) {
      req.path.replace(open, req.path.find('}', open) - open + 1, "01a20000-0000-7000-8000-00000000abcd");
    }
    req.body = "{}";
    req.headers = {{"host", "127.0.0.1:8080"}, {"content-type", "application/json"}};
    req.request_id = "test";
    req.remote_address = "127.0.0.1";
    return req;
  }

  std::filesystem::path dir_;
  std::unique_ptr<App> app_;
  std::map<std::string, std::string> tokens_;
};

TEST_F(AccessTest, EveryRoleAgainstEveryRouteMatchesThePolicy) {
  int checked = 0;
  for (const auto& route : app_->router.routes()) {
    const bool open = route.permission == security::kPublic || route.permission == security::kSelf ||
                      route.permission == security::kSelfMfa;
    if (!open) {
      ASSERT_NE(app_->policy.FindPermission(route.permission), nullptr)
          << route.pattern << " names a permission the policy does not declare: " << route.permission;
    }
    for (const auto& [role, token] : tokens_) {
      http::Request req = RequestFor(route);
      req.headers.emplace_back("authorization", "Bearer " + token);
      http::Response res = app_->router.Dispatch(req);
      const bool allowed = open || app_->policy.Allows({role}, route.permission);
      const bool denied_by_role = res.status == 403 && res.body.find("your role does not allow") != std::string::npos;
      EXPECT_EQ(denied_by_role, !allowed) << role << " " << http::MethodName(route.method) << " " << route.pattern
                                          << " -> " << res.status << " " << res.body;
      // Public sign-in routes answer 401 themselves without a session cookie; nothing else may.
      if (route.permission != security::kPublic) {
        EXPECT_NE(res.status, 401) << role << " " << route.pattern;
      }
      ++checked;
    }
  }
  EXPECT_GT(checked, 300);
}

TEST_F(AccessTest, WithoutCredentialsEveryNonPublicRouteIs401) {
  for (const auto& route : app_->router.routes()) {
    if (route.permission == security::kPublic) continue;
    http::Request req = RequestFor(route);
    EXPECT_EQ(app_->router.Dispatch(req).status, 401) << route.pattern;
    http::Request forged = RequestFor(route);
    forged.headers.emplace_back("authorization", "Bearer swt_forged0000000000000000000000000000000000");
    EXPECT_EQ(app_->router.Dispatch(forged).status, 401) << route.pattern;
  }
}

TEST_F(AccessTest, EveryStateChangingRouteRefusesAMissingCsrfTokenOrAForeignOrigin) {
  auto in = app_->services->identity.SignIn("u-counselor", kPassword, {"127.0.0.1", "test", "r"});
  ASSERT_TRUE(in.ok());
  const std::string cookie = std::string(security::kSessionCookie) + "=" + in->cookie_value;
  int checked = 0;
  for (const auto& route : app_->router.routes()) {
    if (!Mutating(route.method)) continue;
    http::Request missing = RequestFor(route);
    missing.headers.emplace_back("cookie", cookie);
    missing.headers.emplace_back("origin", "http://evil.example");
    auto res = app_->router.Dispatch(missing);
    EXPECT_EQ(res.status, 403) << route.pattern << " " << res.body;
    if (route.permission == security::kPublic) continue;  // sign-in itself checks only the Origin
    http::Request no_token = RequestFor(route);
    no_token.headers.emplace_back("cookie", cookie);
    res = app_->router.Dispatch(no_token);
    EXPECT_EQ(res.status, 403) << route.pattern << " " << res.body;
    EXPECT_NE(res.body.find("CSRF"), std::string::npos) << route.pattern;
    ++checked;
  }
  EXPECT_GT(checked, 20);
  // The same request with the session's token and its own origin gets past the check.
  http::Request ok;
  ok.method = http::Method::kPost;
  ok.path = "/api/v1/me/tokens";
  ok.body = R"({"name":"x","expires_in_days":1})";
  ok.headers = {{"host", "127.0.0.1:8080"},
                {"origin", "http://127.0.0.1:8080"},
                {"cookie", cookie},
                {"x-csrf-token", in->session.csrf_token}};
  EXPECT_EQ(app_->router.Dispatch(ok).status, 201);
}

TEST_F(AccessTest, EveryResponseCarriesTheSecurityHeaders) {
  http::StaticFiles files("");
  for (const auto& route : app_->router.routes()) {
    for (bool signed_in : {false, true}) {
      http::Request req = RequestFor(route);
      if (signed_in) req.headers.emplace_back("authorization", "Bearer " + tokens_["program_director"]);
      http::Response res = http::HandleRequest(app_->router, files, req);
      std::map<std::string, std::string> h;
      for (const auto& [k, v] : res.headers) h[k] = v;
      EXPECT_NE(h["Content-Security-Policy"].find("frame-ancestors 'none'"), std::string::npos) << route.pattern;
      EXPECT_EQ(h["Content-Security-Policy"].find("unsafe-eval"), std::string::npos);
      EXPECT_EQ(h["Content-Security-Policy"].find("unsafe-inline"), std::string::npos);
      EXPECT_EQ(h["X-Content-Type-Options"], "nosniff") << route.pattern;
      EXPECT_EQ(h["Referrer-Policy"], "no-referrer") << route.pattern;
      EXPECT_EQ(h["Cache-Control"], "no-store") << route.pattern;
      EXPECT_FALSE(h["X-Request-Id"].empty());
    }
  }
}

}  // namespace
}  // namespace stepwise::app
