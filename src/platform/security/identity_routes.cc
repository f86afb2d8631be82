#include "platform/security/identity_routes.h"

#include "platform/base/uuid.h"
#include "platform/http/json.h"
#include "platform/security/crypto.h"

namespace stepwise::security {

using http::Method;
using http::Need;
using http::ObjectReader;
using http::Request;
using http::Response;
using http::TextOrNull;
namespace json = boost::json;

namespace {

bool IsMutating(http::Method m) {
  return m == Method::kPost || m == Method::kPut || m == Method::kPatch || m == Method::kDelete;
}

// The browser's Origin, when it sent one, must be this server.
Status CheckOrigin(const Request& req) {
  auto origin = req.Header("origin");
  if (!origin) return Ok();
  auto host = req.Header("host").value_or("");
  const std::string expected = std::string(req.secure ? "https://" : "http://") + std::string(host);
  if (*origin != expected) return Error::PermissionDenied("CSRF check failed: the request came from another site");
  return Ok();
}

std::string SetCookie(const std::string& value) {
  return std::string(kSessionCookie) + "=" + value + "; Path=/; HttpOnly; Secure; SameSite=Strict";
}
std::string ClearCookie() {
  return std::string(kSessionCookie) + "=; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age=0";
}

json::array Strings(const std::vector<std::string>& v) {
  json::array a;
  for (const auto& s : v) a.emplace_back(s);
  return a;
}


json::object UserJson(const User& u) {
  json::object j;
  j["id"] = u.meta.id;
  j["username"] = u.username;
  j["display_name"] = u.display_name;
  j["roles"] = Strings(u.roles);
  j["staff_id"] = TextOrNull(u.staff_id);
  j["emergency_access"] = u.emergency_access;
  j["mfa_enabled"] = u.mfa_enabled;
  j["disabled"] = u.disabled;
  j["last_sign_in_at"] = TextOrNull(u.last_sign_in_at);
  j["version"] = u.meta.version;
  j["created_at"] = u.meta.created_at;
  j["updated_at"] = u.meta.updated_at;
  return j;
}

json::object SessionItemJson(const SessionInfo& s, const std::string& current_id) {
  return json::object{{"id", s.id},
                      {"created_at", s.created_at},
                      {"last_seen_at", s.last_seen_at},
                      {"idle_expires_at", IdleExpiresAt(s)},
                      {"expires_at", s.expires_at},
                      {"source_address", s.source_address},
                      {"user_agent", s.user_agent},
                      {"current", s.id == current_id}};
}

json::object TokenJson(const ApiToken& t) {
  return json::object{{"id", t.id},
                      {"name", t.name},
                      {"created_at", t.created_at},
                      {"expires_at", t.expires_at},
                      {"last_used_at", TextOrNull(t.last_used_at)},
                      {"revoked_at", TextOrNull(t.revoked_at)}};
}

json::object GrantJson(const EmergencyGrant& g) {
  return json::object{{"id", g.id},         {"user_id", g.user_id},       {"client_id", g.client_id},
                      {"reason", g.reason}, {"started_at", g.started_at}, {"expires_at", g.expires_at}};
}

json::object SessionObject(const Actor& actor, const SessionInfo& session) {
  json::array roles;
  std::size_t start = 0;
  while (start < actor.role.size()) {
    std::size_t end = actor.role.find(',', start);
    if (end == std::string::npos) end = actor.role.size();
    roles.emplace_back(actor.role.substr(start, end - start));
    start = end + 1;
  }
  json::object user{{"id", actor.user_id},
                    {"username", actor.username},
                    {"display_name", actor.display_name},
                    {"roles", std::move(roles)},
                    {"permissions", Strings(actor.permissions)},
                    {"client_scope", ClientScopeName(actor.client_scope)},
                    {"staff_id", TextOrNull(actor.staff_id)},
                    {"mfa_enabled", actor.mfa_enabled},
                    {"mfa_required", actor.mfa_required},
                    {"emergency_access", actor.emergency_access}};
  json::object s{{"user", std::move(user)},
                 {"csrf_token", session.csrf_token},
                 {"idle_timeout_seconds", session.idle_timeout_seconds},
                 {"idle_expires_at", IdleExpiresAt(session)},
                 {"expires_at", session.expires_at}};
  return s;
}

json::object SettingsJson(const SecuritySettings& s) {
  return json::object{{"require_mfa_for_all", s.require_mfa_for_all},
                      {"idle_timeout_minutes", s.idle_timeout_minutes},
                      {"emergency_minutes", s.emergency_minutes},
                      {"version", s.version}};
}

Response Items(json::array items) { return http::JsonResponse(200, json::object{{"items", std::move(items)}}); }

Result<std::vector<std::string>> ReadRoles(ObjectReader& r, const Policy& policy, Need need) {
  std::vector<std::string_view> codes;
  for (const auto& role : policy.roles()) codes.push_back(role.code);
  return r.Codes("roles", need, codes);
}

}  // namespace

std::string SessionCookieValue(const Request& request) {
  auto header = request.Header("cookie");
  if (!header) return "";
  std::string_view h = *header;
  const std::string key = std::string(kSessionCookie) + "=";
  std::size_t pos = 0;
  while (pos < h.size()) {
    while (pos < h.size() && (h[pos] == ' ' || h[pos] == ';')) ++pos;
    std::size_t end = h.find(';', pos);
    if (end == std::string_view::npos) end = h.size();
    std::string_view part = h.substr(pos, end - pos);
    if (part.starts_with(key)) return std::string(part.substr(key.size()));
    pos = end;
  }
  return "";
}

Caller CallerOf(const Request& request) {
  return {request.remote_address, std::string(request.Header("user-agent").value_or("")), request.request_id};
}

Response SignInResponse(const SignInResult& r) {
  json::object body{{"status", r.status}};
  if (r.status != "mfa_required") body["session"] = SessionObject(r.actor, r.session);
  Response res = http::JsonResponse(200, body);
  res.SetHeader("Set-Cookie", SetCookie(r.cookie_value));
  return res;
}

std::string SessionJson(const Actor& actor, const SessionInfo& session) {
  return http::Serialize(SessionObject(actor, session));
}

http::Authenticator MakeAuthenticator(IdentityService& identity) {
  return [&identity](const Request& req, const http::Route& route) -> Result<Actor> {
    const Caller caller = CallerOf(req);
    if (IsMutating(req.method)) SW_TRY(CheckOrigin(req));
    if (route.permission == kPublic) {  // health, set-up and sign-in: nobody in particular
      Actor anonymous;
      anonymous.source_address = caller.source_address;
      anonymous.request_id = caller.request_id;
      return anonymous;
    }
    if (auto auth = req.Header("authorization")) {
      if (!auth->starts_with("Bearer "))
        return Error::Unauthenticated("the Authorization header must be 'Bearer <token>'");
      SW_ASSIGN(auto a, identity.AuthenticateToken(std::string(auth->substr(7)), caller));
      return a.actor;
    }
    const std::string cookie = SessionCookieValue(req);
    if (cookie.empty()) return Error::Unauthenticated("sign in first");
    SW_ASSIGN(auto a, identity.AuthenticateSession(cookie, caller));
    if (a.state == SessionState::kMfaEnrollment && route.permission != kSelfMfa && route.permission != kSelf) {
      return Error::PermissionDenied("set up two-step sign-in (MFA) before anything else");
    }
    if (IsMutating(req.method)) {
      auto token = req.Header("x-csrf-token").value_or("");
      if (token.empty() || !ConstantTimeEquals(token, a.session.csrf_token)) {
        return Error::PermissionDenied("CSRF check failed: send the session's X-CSRF-Token header");
      }
    }
    return a.actor;
  };
}

http::Authorizer MakeAuthorizer() {
  return [](const Actor& actor, const http::Route& route) -> Status {
    if (route.permission == kPublic) return Ok();
    if (actor.user_id.empty()) return Error::Unauthenticated("sign in first");
    if (route.permission == kSelf || route.permission == kSelfMfa) return Ok();
    if (!actor.Can(route.permission)) {
      return Error::PermissionDenied("your role does not allow this (" + route.permission + ")");
    }
    return Ok();
  };
}

namespace {

void AddSessionRoutes(http::Router& router, IdentityService& identity) {
  router.Add(Method::kGet, "/api/v1/session", std::string(kPublic), [&identity](Request& req) -> Result<Response> {
    const std::string cookie = SessionCookieValue(req);
    if (cookie.empty()) return Error::Unauthenticated("not signed in");
    SW_ASSIGN(auto a, identity.AuthenticateSession(cookie, CallerOf(req)));
    return http::JsonResponse(200, SessionObject(a.actor, a.session));
  });
  router.Add(Method::kPost, "/api/v1/session", std::string(kPublic), [&identity](Request& req) -> Result<Response> {
    SW_ASSIGN(auto body, http::ParseObject(req));
    std::string username, password;
    SW_TRY(http::ReadBody(body, [&](ObjectReader& r) {
      username = r.String("username", Need::kRequired, 64).value_or("");
      password = r.String("password", Need::kRequired, 1024).value_or("");
    }));
    SW_ASSIGN(auto result, identity.SignIn(username, password, CallerOf(req)));
    return SignInResponse(result);
  });
  router.Add(Method::kPost, "/api/v1/session/mfa", std::string(kPublic), [&identity](Request& req) -> Result<Response> {
    SW_ASSIGN(auto body, http::ParseObject(req));
    std::string code;
    SW_TRY(http::ReadBody(body, [&](ObjectReader& r) { code = r.String("code", Need::kRequired, 40).value_or(""); }));
    SW_ASSIGN(auto result, identity.CompleteMfa(SessionCookieValue(req), code, CallerOf(req)));
    return SignInResponse(result);
  });
  router.Add(Method::kDelete, "/api/v1/session", std::string(kSelfMfa), [&identity](Request& req) -> Result<Response> {
    SW_TRY(identity.SignOut(SessionCookieValue(req), CallerOf(req)));
    Response res = Response::NoContent();
    res.SetHeader("Set-Cookie", ClearCookie());
    return res;
  });
  router.Add(Method::kGet, "/api/v1/me/sessions", std::string(kSelf), [&identity](Request& req) -> Result<Response> {
    SW_ASSIGN(auto sessions, identity.ListMySessions(req.actor));
    json::array items;
    for (const auto& s : sessions) items.emplace_back(SessionItemJson(s, req.actor.session_id));
    return Items(std::move(items));
  });
  router.Add(Method::kDelete, "/api/v1/me/sessions/{id}", std::string(kSelf),
             http::WithId([&identity](Request& req, const std::string& id) -> Result<Response> {
               SW_TRY(identity.EndMySession(req.actor, id));
               return Response::NoContent();
             }));
  router.Add(Method::kPost, "/api/v1/me/verify-password", std::string(kSelf),
             [&identity](Request& req) -> Result<Response> {
               SW_ASSIGN(auto body, http::ParseObject(req));
               std::string password;
               SW_TRY(http::ReadBody(
                   body, [&](ObjectReader& r) { password = r.String("password", Need::kRequired, 1024).value_or(""); }));
               SW_TRY(identity.VerifyMyPassword(req.actor, password));
               return Response::NoContent();
             });
  router.Add(Method::kPost, "/api/v1/me/password", std::string(kSelf), [&identity](Request& req) -> Result<Response> {
    SW_ASSIGN(auto body, http::ParseObject(req));
    std::string current, next;
    bool end_others = false;
    SW_TRY(http::ReadBody(body, [&](ObjectReader& r) {
      current = r.String("current_password", Need::kRequired, 1024).value_or("");
      next = r.String("new_password", Need::kRequired, 1024).value_or("");
      end_others = r.Bool("end_other_sessions").value_or(false);
    }));
    SW_TRY(identity.ChangeMyPassword(req.actor, current, next, end_others));
    return Response::NoContent();
  });
}

void AddMfaAndTokenRoutes(http::Router& router, IdentityService& identity) {
  router.Add(Method::kPost, "/api/v1/me/mfa/enroll", std::string(kSelfMfa),
             [&identity](Request& req) -> Result<Response> {
               SW_ASSIGN(auto e, identity.EnrollMfa(req.actor));
               return http::JsonResponse(200, json::object{{"secret", e.secret}, {"otpauth_uri", e.otpauth_uri}});
             });
  auto read_code = [](const Request& req) -> Result<std::string> {
    SW_ASSIGN(auto body, http::ParseObject(req));
    std::string code;
    SW_TRY(http::ReadBody(body, [&](ObjectReader& r) { code = r.String("code", Need::kRequired, 40).value_or(""); }));
    return code;
  };
  router.Add(Method::kPost, "/api/v1/me/mfa/confirm", std::string(kSelfMfa),
             [&identity, read_code](Request& req) -> Result<Response> {
               SW_ASSIGN(auto code, read_code(req));
               SW_ASSIGN(auto codes, identity.ConfirmMfa(req.actor, code));
               return http::JsonResponse(200, json::object{{"recovery_codes", Strings(codes)}});
             });
  router.Add(Method::kPost, "/api/v1/me/mfa/recovery-codes", std::string(kSelf),
             [&identity, read_code](Request& req) -> Result<Response> {
               SW_ASSIGN(auto code, read_code(req));
               SW_ASSIGN(auto codes, identity.RegenerateRecoveryCodes(req.actor, code));
               return http::JsonResponse(200, json::object{{"recovery_codes", Strings(codes)}});
             });
  router.Add(Method::kGet, "/api/v1/me/tokens", std::string(kSelf), [&identity](Request& req) -> Result<Response> {
    SW_ASSIGN(auto tokens, identity.ListMyTokens(req.actor));
    json::array items;
    for (const auto& t : tokens) items.emplace_back(TokenJson(t));
    return Items(std::move(items));
  });
  router.Add(Method::kPost, "/api/v1/me/tokens", std::string(kSelf), [&identity](Request& req) -> Result<Response> {
    SW_ASSIGN(auto body, http::ParseObject(req));
    std::string name;
    std::int64_t days = 0;
    SW_TRY(http::ReadBody(body, [&](ObjectReader& r) {
      name = r.String("name", Need::kRequired, 100).value_or("");
      days = r.Int("expires_in_days", Need::kRequired, 1, 365).value_or(0);
    }));
    SW_ASSIGN(auto t, identity.CreateToken(req.actor, name, static_cast<int>(days)));
    json::object j = TokenJson(t.token);
    j["token"] = t.secret;
    return http::JsonResponse(201, j);
  });
  router.Add(Method::kPost, "/api/v1/me/tokens/{id}/revoke", std::string(kSelf),
             http::WithId([&identity](Request& req, const std::string& id) -> Result<Response> {
               SW_TRY(identity.RevokeToken(req.actor, id));
               return Response::NoContent();
             }));
}

void AddUserRoutes(http::Router& router, IdentityService& identity, const RoleLabels& role_labels) {
  const Policy& policy = identity.policy();
  router.Add(Method::kGet, "/api/v1/users", "users.admin", [&identity](Request& req) -> Result<Response> {
    SW_ASSIGN(auto users, identity.ListUsers(req.actor));
    json::array items;
    for (const auto& u : users) items.emplace_back(UserJson(u));
    return Items(std::move(items));
  });
  router.Add(Method::kPost, "/api/v1/users", "users.admin", [&identity, &policy](Request& req) -> Result<Response> {
    SW_ASSIGN(auto body, http::ParseObject(req));
    NewUser u;
    SW_TRY(http::ReadBody(body, [&](ObjectReader& r) {
      u.username = r.String("username", Need::kRequired, 64).value_or("");
      u.display_name = r.String("display_name", Need::kRequired, 200).value_or("");
      u.password = r.String("password", Need::kRequired, 1024).value_or("");
      auto roles = ReadRoles(r, policy, Need::kRequired);
      if (roles.ok()) u.roles = *roles;
      u.staff_id = r.Id("staff_id").value_or("");
      u.emergency_access = r.Bool("emergency_access").value_or(false);
    }));
    SW_ASSIGN(auto user, identity.CreateUser(req.actor, std::move(u)));
    return http::RecordResponse(201, UserJson(user), user.meta.version);
  });
  router.Add(Method::kGet, "/api/v1/users/{id}", "users.admin",
             http::WithId([&identity](Request& req, const std::string& id) -> Result<Response> {
               SW_ASSIGN(auto u, identity.GetUser(req.actor, id));
               return http::RecordResponse(200, UserJson(u), u.meta.version);
             }));
  router.Add(Method::kPut, "/api/v1/users/{id}", "users.admin",
             http::WithVersion(
                 [&identity, &policy](Request& req, const std::string& id, std::int64_t version) -> Result<Response> {
                   SW_ASSIGN(auto body, http::ParseObject(req));
                   UserChanges c;
                   SW_TRY(http::ReadBody(body, [&](ObjectReader& r) {
                     c.display_name = r.String("display_name", Need::kRequired, 200).value_or("");
                     auto roles = ReadRoles(r, policy, Need::kRequired);
                     if (roles.ok()) c.roles = *roles;
                     c.staff_id = r.Id("staff_id").value_or("");
                     c.emergency_access = r.Bool("emergency_access").value_or(false);
                     c.disabled = r.Bool("disabled").value_or(false);
                   }));
                   SW_ASSIGN(auto u, identity.UpdateUser(req.actor, id, version, std::move(c)));
                   return http::RecordResponse(200, UserJson(u), u.meta.version);
                 }));
  router.Add(
      Method::kPost, "/api/v1/users/{id}/reset-mfa", "users.admin",
      http::WithVersion([&identity](Request& req, const std::string& id, std::int64_t version) -> Result<Response> {
        SW_ASSIGN(auto u, identity.ResetMfa(req.actor, id, version));
        return http::RecordResponse(200, UserJson(u), u.meta.version);
      }));
  router.Add(
      Method::kPost, "/api/v1/users/{id}/password", "users.admin",
      http::WithVersion([&identity](Request& req, const std::string& id, std::int64_t version) -> Result<Response> {
        SW_ASSIGN(auto body, http::ParseObject(req));
        std::string password;
        SW_TRY(http::ReadBody(
            body, [&](ObjectReader& r) { password = r.String("password", Need::kRequired, 1024).value_or(""); }));
        SW_ASSIGN(auto u, identity.SetPassword(req.actor, id, version, password));
        return http::RecordResponse(200, UserJson(u), u.meta.version);
      }));
  router.Add(Method::kGet, "/api/v1/roles", "users.admin", [&policy, role_labels](Request&) -> Result<Response> {
    json::array roles, permissions;
    for (const auto& r : policy.roles()) {
      const auto label = role_labels.find(r.code);
      roles.emplace_back(json::object{{"code", r.code},
                                      {"label", label == role_labels.end() ? r.code : label->second},
                                      {"client_scope", ClientScopeName(r.scope)},
                                      {"mfa_required", r.mfa_required},
                                      {"permissions", Strings(r.permissions)}});
    }
    for (const auto& p : policy.permissions()) {
      permissions.emplace_back(json::object{{"code", p.code}, {"label", p.label}, {"data_category", p.data_category}});
    }
    return http::JsonResponse(200, json::object{{"roles", std::move(roles)}, {"permissions", std::move(permissions)}});
  });
  router.Add(Method::kGet, "/api/v1/organization/security", "organization.read",
             [&identity](Request& req) -> Result<Response> {
               SW_ASSIGN(auto s, identity.GetSettings(req.actor));
               return http::RecordResponse(200, SettingsJson(s), s.version);
             });
  router.Add(
      Method::kPut, "/api/v1/organization/security", "organization.write",
      [&identity](Request& req) -> Result<Response> {
        SW_ASSIGN(auto version, http::RequireIfMatch(req));
        SW_ASSIGN(auto body, http::ParseObject(req));
        SecuritySettings s;
        SW_TRY(http::ReadBody(body, [&](ObjectReader& r) {
          s.require_mfa_for_all = r.Bool("require_mfa_for_all", Need::kRequired).value_or(false);
          s.idle_timeout_minutes = static_cast<int>(r.Int("idle_timeout_minutes", Need::kRequired, 1, 15).value_or(15));
          s.emergency_minutes = static_cast<int>(r.Int("emergency_minutes", Need::kRequired, 5, 240).value_or(60));
          (void)r.Int("version", Need::kOptional, 0, INT64_MAX);
        }));
        SW_ASSIGN(auto saved, identity.UpdateSettings(req.actor, version, s));
        return http::RecordResponse(200, SettingsJson(saved), saved.version);
      });
}

void AddEmergencyRoutes(http::Router& router, IdentityService& identity) {
  router.Add(Method::kPost, "/api/v1/emergency-access", "emergency.use", [&identity](Request& req) -> Result<Response> {
    SW_ASSIGN(auto body, http::ParseObject(req));
    std::string client_id, reason;
    SW_TRY(http::ReadBody(body, [&](ObjectReader& r) {
      client_id = r.Id("client_id", Need::kRequired).value_or("");
      reason = r.String("reason", Need::kRequired, 2000).value_or("");
    }));
    SW_ASSIGN(auto g, identity.OpenEmergencyAccess(req.actor, client_id, reason));
    return http::JsonResponse(201, GrantJson(g));
  });
  router.Add(Method::kGet, "/api/v1/emergency-access", std::string(kSelf),
             [&identity](Request& req) -> Result<Response> {
               SW_ASSIGN(auto grants, identity.MyEmergencyGrants(req.actor));
               json::array items;
               for (const auto& g : grants) items.emplace_back(GrantJson(g));
               return Items(std::move(items));
             });
  router.Add(Method::kGet, "/api/v1/alerts", "alerts.read", [&identity](Request& req) -> Result<Response> {
    SW_ASSIGN(auto alerts, identity.ListAlerts(req.actor));
    json::array items;
    for (const auto& a : alerts) {
      items.emplace_back(json::object{{"id", a.id},
                                      {"kind", a.kind},
                                      {"message", a.message},
                                      {"user_id", TextOrNull(a.user_id)},
                                      {"client_id", TextOrNull(a.client_id)},
                                      {"created_at", a.created_at},
                                      {"acknowledged_at", TextOrNull(a.acknowledged_at)}});
    }
    return Items(std::move(items));
  });
  router.Add(Method::kPost, "/api/v1/alerts/{id}/acknowledge", "alerts.read",
             http::WithId([&identity](Request& req, const std::string& id) -> Result<Response> {
               SW_TRY(identity.AcknowledgeAlert(req.actor, id));
               return Response::NoContent();
             }));
}

}  // namespace

void AddIdentityRoutes(http::Router& router, IdentityService& identity, RoleLabels role_labels) {
  AddSessionRoutes(router, identity);
  AddMfaAndTokenRoutes(router, identity);
  AddUserRoutes(router, identity, role_labels);
  AddEmergencyRoutes(router, identity);
}

}  // namespace stepwise::security
