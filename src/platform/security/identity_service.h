// Identity use cases: first-run set-up, sign-in with password and TOTP, sessions, API tokens, account
// administration, security settings, emergency access and privacy alerts.
//
// Every call runs one transaction and writes its audit events in it. Secrets never leave this class
// except once, at creation (a session cookie value, an API token, recovery codes).
// Thread-safety: safe for concurrent use (state lives in the database).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "platform/base/clock.h"
#include "platform/db/database.h"
#include "platform/security/crypto.h"
#include "platform/security/identity_model.h"
#include "platform/security/identity_store.h"
#include "platform/security/password_policy.h"
#include "platform/security/policy.h"

namespace stepwise::security {

// Where a request came from, for sessions and audit events.
struct Caller {
  std::string source_address;
  std::string user_agent;
  std::string request_id;
};

// The answer to a sign-in step: what the client must do next, and the session cookie value to set.
struct SignInResult {
  std::string status;        // "signed_in", "mfa_required", "mfa_enrollment_required"
  std::string cookie_value;  // the new session's secret; empty when nothing changed
  SessionInfo session;
  Actor actor;
};

// The outcome of checking a request's credentials.
struct Authenticated {
  Actor actor;
  SessionInfo session;  // empty id for API tokens
  SessionState state = SessionState::kActive;
  bool via_cookie = false;
};

struct MfaEnrollment {
  std::string secret;
  std::string otpauth_uri;
};

struct CreatedToken {
  ApiToken token;
  std::string secret;  // "swt_…", shown once
};

// Checks that a staff id names a live staff record of the actor's organization (wired to the staff
// service by the composition root, so this platform code never reads a care-stage table).
using StaffExists = std::function<Result<bool>(const Actor&, const std::string& staff_id)>;
// The same for clients (emergency access).
using ClientExists = std::function<Result<bool>(const Actor&, const std::string& client_id)>;

class IdentityService {
 public:
  IdentityService(db::Database& db, const Clock& clock, const Policy& policy, const PasswordPolicy& passwords,
                  SessionLimits limits, PasswordHashing hashing = {});
  void SetStaffExists(StaffExists f) { staff_exists_ = std::move(f); }
  void SetClientExists(ClientExists f) { client_exists_ = std::move(f); }

  const Policy& policy() const { return policy_; }
  const SessionLimits& limits() const { return limits_; }

  // --- set-up (sign_in.cc) ---
  Result<bool> HasUsers();
  // Creates the first administrator of `org_id` and signs them in; kConflict once any user exists.
  Result<SignInResult> CreateFirstUser(const std::string& org_id, NewUser user, const Caller& caller);

  // --- sign-in and request authentication (sign_in.cc) ---
  Result<SignInResult> SignIn(const std::string& username, const std::string& password, const Caller& caller);
  // The signed-in user confirms their own password again (e.g. to leave tablet mode after a client filled in
  // a form). Throttled and audited like sign-in; a wrong password is a field error on "password".
  Status VerifyMyPassword(const Actor& actor, const std::string& password);
  // Completes a pending sign-in with a TOTP code or a recovery code.
  Result<SignInResult> CompleteMfa(const std::string& cookie_value, const std::string& code, const Caller& caller);
  Status SignOut(const std::string& cookie_value, const Caller& caller);
  // Resolves a session cookie; kUnauthenticated when it is unknown, ended or expired (and ends it).
  Result<Authenticated> AuthenticateSession(const std::string& cookie_value, const Caller& caller);
  // Resolves "swt_…"; kUnauthenticated when unknown, revoked, expired or its user is disabled.
  Result<Authenticated> AuthenticateToken(const std::string& token, const Caller& caller);
  // The session as the web app sees it (with the idle deadline).
  Result<SessionInfo> DescribeSession(const Actor& actor);

  // --- the signed-in user's own account (account_service.cc) ---
  Result<std::vector<SessionInfo>> ListMySessions(const Actor& actor);
  Status EndMySession(const Actor& actor, const std::string& session_id);
  Status ChangeMyPassword(const Actor& actor, const std::string& current, const std::string& next, bool end_others);
  Result<MfaEnrollment> EnrollMfa(const Actor& actor);
  Result<std::vector<std::string>> ConfirmMfa(const Actor& actor, const std::string& code);
  Result<std::vector<std::string>> RegenerateRecoveryCodes(const Actor& actor, const std::string& code);
  Result<std::vector<ApiToken>> ListMyTokens(const Actor& actor);
  Result<CreatedToken> CreateToken(const Actor& actor, const std::string& name, int expires_in_days);
  Status RevokeToken(const Actor& actor, const std::string& id);

  // --- administration (account_service.cc) ---
  Result<std::vector<User>> ListUsers(const Actor& actor);
  Result<User> GetUser(const Actor& actor, const std::string& id);
  Result<User> CreateUser(const Actor& actor, NewUser user);
  Result<User> UpdateUser(const Actor& actor, const std::string& id, std::int64_t version, UserChanges changes);
  Result<User> ResetMfa(const Actor& actor, const std::string& id, std::int64_t version);
  Result<User> SetPassword(const Actor& actor, const std::string& id, std::int64_t version,
                           const std::string& password);
  Result<SecuritySettings> GetSettings(const Actor& actor);
  Result<SecuritySettings> UpdateSettings(const Actor& actor, std::int64_t version, SecuritySettings s);

  // --- emergency access and alerts (account_service.cc) ---
  Result<EmergencyGrant> OpenEmergencyAccess(const Actor& actor, const std::string& client_id,
                                             const std::string& reason);
  Result<std::vector<EmergencyGrant>> MyEmergencyGrants(const Actor& actor);
  // Client ids the actor holds an active grant for, inside the caller's transaction.
  Result<std::vector<std::string>> EmergencyClients(db::Transaction& tx, const Actor& actor);
  Result<std::vector<Alert>> ListAlerts(const Actor& actor);
  Status AcknowledgeAlert(const Actor& actor, const std::string& id);

  // Command-line work (`stepwise user add`, `stepwise token create`): acts as the system.
  Result<User> AddUserAsSystem(const std::string& org_id, NewUser user);
  Result<CreatedToken> CreateTokenAsSystem(const std::string& username, const std::string& name, int days);
  // Sets a confirmed TOTP secret directly (the demo program's pre-enrolled users).
  Status SetMfaSecretAsSystem(const std::string& username, const std::string& secret);

 private:
  std::string Now() const;
  Actor ActorFor(const UserAuth& u, const SecuritySettings& s, const Caller& caller) const;
  bool MfaRequired(const User& u, const SecuritySettings& s) const;
  Status ValidateNewUser(const Actor& actor, NewUser& user, FieldErrors& errors);
  Status CheckRoles(const std::vector<std::string>& roles, FieldErrors& errors) const;
  Result<SignInResult> StartSession(db::Transaction& tx, const UserAuth& u, const SecuritySettings& s,
                                    SessionState state, const Caller& caller);
  Result<std::int64_t> IdleSeconds(const SecuritySettings& s) const;
  Result<std::vector<std::string>> NewRecoveryCodes(db::Transaction& tx, const User& u);
  Status RecordFailure(db::Transaction& tx, const std::string& username, const Actor& actor, const std::string& what);

  db::Database& db_;
  const Clock& clock_;
  const Policy& policy_;
  const PasswordPolicy& passwords_;
  SessionLimits limits_;
  PasswordHashing hashing_;
  std::string dummy_hash_;  // verified against for unknown usernames, so they cost the same
  StaffExists staff_exists_;
  ClientExists client_exists_;
};

// Builds the Session JSON fields' values in one place for the routes.
std::string IdleExpiresAt(const SessionInfo& s);

}  // namespace stepwise::security
