// HTTP for identity: the router's authenticator and authorizer (sessions, API tokens, CSRF, the
// policy), and the sign-in, account, user-administration, emergency-access and alert endpoints.
#pragma once

#include <map>
#include <string>

#include "platform/http/router.h"
#include "platform/security/identity_service.h"

namespace stepwise::security {

inline constexpr std::string_view kSessionCookie = "__Host-stepwise";

// The session cookie's value in `request`, or "".
std::string SessionCookieValue(const http::Request& request);
Caller CallerOf(const http::Request& request);

// Resolves the actor of every request: a bearer token, or the session cookie with its CSRF token on
// state-changing requests (and a same-origin Origin when one is sent); public routes need neither.
http::Authenticator MakeAuthenticator(IdentityService& identity);
// Deny by default: "public" routes are open, "self"/"self.mfa" need a signed-in user, every other
// permission must be granted by the policy to one of the actor's roles.
http::Authorizer MakeAuthorizer();

// Role code -> human label for GET /api/v1/roles. The composition root passes program::StaffRoles(), the one
// list of role labels (GET /api/v1/meta serves the same); a policy role without one is labelled by its code.
using RoleLabels = std::map<std::string, std::string>;

void AddIdentityRoutes(http::Router& router, IdentityService& identity, RoleLabels role_labels = {});

// The answer to a sign-in step: {"status", "session"?} and the new session cookie.
http::Response SignInResponse(const SignInResult& result);

// The Session JSON the web app reads (docs/api.md).
std::string SessionJson(const Actor& actor, const SessionInfo& session);

}  // namespace stepwise::security
