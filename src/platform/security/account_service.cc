// IdentityService: the signed-in user's own account, account administration, security settings,
// emergency access and privacy alerts.
#include <algorithm>

#include "platform/audit/audit_log.h"
#include "platform/base/dates.h"
#include "platform/base/uuid.h"
#include "platform/db/records.h"
#include "platform/db/transaction_scope.h"
#include "platform/security/crypto.h"
#include "platform/security/identity_service.h"

namespace stepwise::security {

using db::Access;
using db::Transaction;

namespace {

constexpr int kRecoveryCodes = 10;

audit::Event SecurityEvent(std::string action, std::string type, std::string id, std::string reason = "") {
  return {.action = std::move(action),
          .resource_type = std::move(type),
          .resource_id = std::move(id),
          .data_category = "security",
          .reason = std::move(reason)};
}

Status RequireSignedIn(const Actor& actor) {
  if (actor.user_id.empty() || actor.user_id.starts_with("system:")) {
    return Error::Unauthenticated("sign in to manage your account");
  }
  return Ok();
}

Actor SystemActor(const std::string& org_id, const std::string& command) {
  Actor a;
  a.org_id = org_id;
  a.user_id = "system:" + command;
  a.username = "system";
  return a;
}

}  // namespace

Status IdentityService::CheckRoles(const std::vector<std::string>& roles, FieldErrors& errors) const {
  if (roles.empty()) errors.Add("roles", "give the user at least one role");
  for (std::size_t i = 0; i < roles.size(); ++i) {
    if (!policy_.FindRole(roles[i])) {
      errors.Add("roles[" + std::to_string(i) + "]", "is not a role of the access policy: " + roles[i]);
    }
  }
  return Ok();
}

Status IdentityService::ValidateNewUser(const Actor& actor, NewUser& u, FieldErrors& errors) {
  std::string lower;
  for (char c : u.username) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  u.username = lower;
  if (!IsValidUsername(u.username)) errors.Add("username", "use 3-64 of a-z, 0-9, '.', '_' and '-'");
  if (u.display_name.empty()) errors.Add("display_name", "is required");
  if (u.display_name.size() > 200) errors.Add("display_name", "must be at most 200 characters");
  if (auto s = passwords_.Check(u.password, u.username, "password"); !s.ok()) {
    for (auto& f : s.error().fields) errors.Add(f.field, f.message);
  }
  std::sort(u.roles.begin(), u.roles.end());
  u.roles.erase(std::unique(u.roles.begin(), u.roles.end()), u.roles.end());
  SW_TRY(CheckRoles(u.roles, errors));
  if (!u.staff_id.empty()) {
    if (!staff_exists_) {
      errors.Add("staff_id", "staff records cannot be checked here");
    } else {
      SW_ASSIGN(bool exists, staff_exists_(actor, u.staff_id));
      if (!exists) errors.Add("staff_id", "no such staff record in this organization");
    }
  }
  return Ok();
}

Result<std::vector<std::string>> IdentityService::NewRecoveryCodes(Transaction& tx, const User& u) {
  std::vector<std::string> codes, hashes;
  for (int i = 0; i < kRecoveryCodes; ++i) {
    codes.push_back(NewRecoveryCode());
    hashes.push_back(Sha256Hex(NormalizeRecoveryCode(codes.back())));
  }
  SW_TRY(identity_store::ReplaceRecoveryCodes(tx, u.meta.org_id, u.meta.id, hashes));
  return codes;
}

// ---- the signed-in user's own account ---------------------------------------------------------------

Result<std::vector<SessionInfo>> IdentityService::ListMySessions(const Actor& actor) {
  SW_TRY(RequireSignedIn(actor));
  return db::InTransaction(db_, Access::kRead, [&](Transaction& tx) -> Result<std::vector<SessionInfo>> {
    SW_ASSIGN(auto settings, identity_store::GetSettings(tx, actor.org_id));
    SW_ASSIGN(auto idle, IdleSeconds(settings));
    SW_ASSIGN(auto all, identity_store::ListOpenSessions(tx, actor.org_id, actor.user_id, Now()));
    std::vector<SessionInfo> live;
    for (auto& s : all) {
      s.idle_timeout_seconds = static_cast<int>(idle);
      if (s.state == SessionState::kMfaPending) continue;
      if (IdleExpiresAt(s) <= Now()) continue;
      live.push_back(std::move(s));
    }
    return live;
  });
}

Status IdentityService::EndMySession(const Actor& actor, const std::string& session_id) {
  SW_TRY(RequireSignedIn(actor));
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Status {
    SW_ASSIGN(auto s, identity_store::GetSession(tx, actor.org_id, session_id));
    if (!s || s->user_id != actor.user_id) return Error::NotFound("no such session of yours");
    SW_TRY(identity_store::EndSession(tx, actor.org_id, session_id, "ended_by_user", Now()));
    return audit::Append(tx, actor, SecurityEvent("end_session", "session", session_id), Now());
  });
}

Status IdentityService::ChangeMyPassword(const Actor& actor, const std::string& current, const std::string& next,
                                         bool end_others) {
  SW_TRY(RequireSignedIn(actor));
  SW_ASSIGN(auto user, db::InTransaction(db_, Access::kRead, [&](Transaction& tx) {
              return db::Found(identity_store::GetUser(tx, actor.org_id, actor.user_id), "user");
            }));
  if (!VerifyPassword(user.password_hash, current)) {
    return Error::Field("current_password", "is not your current password");
  }
  SW_TRY(passwords_.Check(next, user.user.username, "new_password"));
  if (next == current) return Error::Field("new_password", "must differ from the current password");
  SW_ASSIGN(auto hash, HashPassword(next, hashing_));
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Status {
    const std::string now = Now();
    SW_TRY(identity_store::SetUserColumns(tx, actor.org_id, actor.user_id, "password_hash = ?, password_changed_at = ?",
                                          {hash, now}, now));
    std::int64_t ended = 0;
    if (end_others) {
      SW_ASSIGN(ended, identity_store::EndUserSessions(tx, actor.org_id, actor.user_id, actor.session_id,
                                                       "password_change", now));
    }
    return audit::Append(tx, actor,
                         SecurityEvent("change_password", "user", actor.user_id,
                                       end_others ? "ended " + std::to_string(ended) + " other session(s)" : ""),
                         now);
  });
}

Result<MfaEnrollment> IdentityService::EnrollMfa(const Actor& actor) {
  SW_TRY(RequireSignedIn(actor));
  MfaEnrollment e;
  e.secret = NewTotpSecret();
  e.otpauth_uri = TotpUri("Stepwise", actor.username, e.secret);
  SW_TRY(db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Status {
    SW_TRY(
        identity_store::SetUserColumns(tx, actor.org_id, actor.user_id, "mfa_pending_secret = ?", {e.secret}, Now()));
    return audit::Append(tx, actor, SecurityEvent("mfa_enroll_start", "user", actor.user_id), Now());
  }));
  return e;
}

Result<std::vector<std::string>> IdentityService::ConfirmMfa(const Actor& actor, const std::string& code) {
  SW_TRY(RequireSignedIn(actor));
  const auto now = clock_.Now();
  const std::int64_t unix_time = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<std::vector<std::string>> {
    SW_ASSIGN(auto u, db::Found(identity_store::GetUser(tx, actor.org_id, actor.user_id), "user"));
    if (u.mfa_pending_secret.empty()) return Error::Conflict("start the enrolment first");
    auto step = MatchTotp(u.mfa_pending_secret, code, unix_time);
    if (!step) return Error::Field("code", "is not the code your app shows; check the time on your device");
    SW_TRY(identity_store::SetUserColumns(
        tx, actor.org_id, actor.user_id,
        "mfa_secret = mfa_pending_secret, mfa_pending_secret = NULL, mfa_last_step = ?", {*step}, Now()));
    if (!actor.session_id.empty()) {
      SW_TRY(identity_store::SetSessionState(tx, actor.session_id, SessionState::kActive));
    }
    SW_ASSIGN(auto codes, NewRecoveryCodes(tx, u.user));
    SW_TRY(audit::Append(tx, actor, SecurityEvent("mfa_enroll", "user", actor.user_id), Now()));
    return codes;
  });
}

Result<std::vector<std::string>> IdentityService::RegenerateRecoveryCodes(const Actor& actor, const std::string& code) {
  SW_TRY(RequireSignedIn(actor));
  const auto now = clock_.Now();
  const std::int64_t unix_time = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<std::vector<std::string>> {
    SW_ASSIGN(auto u, db::Found(identity_store::GetUser(tx, actor.org_id, actor.user_id), "user"));
    if (u.mfa_secret.empty()) return Error::Conflict("enrol MFA first");
    auto step = MatchTotp(u.mfa_secret, code, unix_time);
    if (!step || *step <= u.mfa_last_step) return Error::Field("code", "is not a current, unused code from your app");
    SW_TRY(identity_store::SetUserColumns(tx, actor.org_id, actor.user_id, "mfa_last_step = ?", {*step}, Now()));
    SW_ASSIGN(auto codes, NewRecoveryCodes(tx, u.user));
    SW_TRY(audit::Append(tx, actor, SecurityEvent("mfa_recovery_codes", "user", actor.user_id), Now()));
    return codes;
  });
}

Result<std::vector<ApiToken>> IdentityService::ListMyTokens(const Actor& actor) {
  SW_TRY(RequireSignedIn(actor));
  return db::InTransaction(
      db_, Access::kRead, [&](Transaction& tx) { return identity_store::ListTokens(tx, actor.org_id, actor.user_id); });
}

Result<CreatedToken> IdentityService::CreateToken(const Actor& actor, const std::string& name, int expires_in_days) {
  FieldErrors errors;
  if (name.empty() || name.size() > 100) errors.Add("name", "give the token a name of 1-100 characters");
  if (expires_in_days < 1 || expires_in_days > 365) errors.Add("expires_in_days", "must be 1-365");
  if (!errors.empty()) return errors.ToError();
  if (!actor.token_id.empty()) return Error::PermissionDenied("API tokens cannot create other tokens");
  if (actor.user_id.empty()) return Error::Unauthenticated("sign in first");
  CreatedToken t;
  const auto now = clock_.Now();
  t.secret = "swt_" + RandomToken(32);
  t.token.id = NewUuidV7(now);
  t.token.name = name;
  t.token.created_at = FormatTimestamp(now);
  t.token.expires_at = FormatTimestamp(now + std::chrono::hours(24) * expires_in_days);
  SW_TRY(db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Status {
    SW_TRY(identity_store::InsertToken(tx, actor.org_id, actor.user_id, t.token, Sha256Hex(t.secret)));
    return audit::Append(tx, actor, SecurityEvent("create", "api_token", t.token.id, name), t.token.created_at);
  }));
  return t;
}

Status IdentityService::RevokeToken(const Actor& actor, const std::string& id) {
  SW_TRY(RequireSignedIn(actor));
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Status {
    SW_ASSIGN(bool revoked, identity_store::RevokeToken(tx, actor.org_id, actor.user_id, id, Now()));
    if (!revoked) return Error::NotFound("no such active token of yours");
    return audit::Append(tx, actor, SecurityEvent("revoke", "api_token", id), Now());
  });
}

// ---- administration -----------------------------------------------------------------------------------

Result<std::vector<User>> IdentityService::ListUsers(const Actor& actor) {
  return db::InTransaction(db_, Access::kRead,
                           [&](Transaction& tx) { return identity_store::ListUsers(tx, actor.org_id); });
}

Result<User> IdentityService::GetUser(const Actor& actor, const std::string& id) {
  return db::InTransaction(db_, Access::kRead, [&](Transaction& tx) -> Result<User> {
    SW_ASSIGN(auto u, db::Found(identity_store::GetUser(tx, actor.org_id, id), "user"));
    return u.user;
  });
}

Result<User> IdentityService::CreateUser(const Actor& actor, NewUser user) {
  if (actor.org_id.empty()) return Error::Conflict("the organization is not set up yet; create it first");
  FieldErrors errors;
  SW_TRY(ValidateNewUser(actor, user, errors));
  if (!errors.empty()) return errors.ToError();
  SW_ASSIGN(auto hash, HashPassword(user.password, hashing_));
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<User> {
    SW_ASSIGN(auto existing, identity_store::FindUser(tx, user.username));
    if (existing) return Error::Conflict("that username is taken", {{"username", "is already in use"}});
    User u;
    u.meta.id = NewUuidV7(clock_.Now());
    u.meta.org_id = actor.org_id;
    u.meta.version = 1;
    u.meta.created_at = u.meta.updated_at = Now();
    u.username = user.username;
    u.display_name = user.display_name;
    u.staff_id = user.staff_id;
    u.roles = user.roles;
    u.emergency_access = user.emergency_access;
    SW_TRY(identity_store::InsertUser(tx, u, hash));
    SW_TRY(audit::Append(
        tx, actor,
        SecurityEvent("create", "user", u.meta.id,
                      "roles: " + db::JoinCodes(u.roles) + (u.emergency_access ? "; emergency access" : "")),
        u.meta.created_at));
    return u;
  });
}

Result<User> IdentityService::UpdateUser(const Actor& actor, const std::string& id, std::int64_t version,
                                         UserChanges c) {
  FieldErrors errors;
  if (c.display_name.empty()) errors.Add("display_name", "is required");
  std::sort(c.roles.begin(), c.roles.end());
  c.roles.erase(std::unique(c.roles.begin(), c.roles.end()), c.roles.end());
  SW_TRY(CheckRoles(c.roles, errors));
  if (!c.staff_id.empty() && staff_exists_) {
    SW_ASSIGN(bool exists, staff_exists_(actor, c.staff_id));
    if (!exists) errors.Add("staff_id", "no such staff record in this organization");
  }
  if (id == actor.user_id && c.disabled) errors.Add("disabled", "you cannot disable your own account");
  if (id == actor.user_id && !policy_.Allows(c.roles, "users.admin")) {
    errors.Add("roles", "you cannot remove your own user administration; ask another administrator");
  }
  if (!errors.empty()) return errors.ToError();
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<User> {
    SW_ASSIGN(auto before, db::Found(identity_store::GetUser(tx, actor.org_id, id), "user"));
    SW_TRY(identity_store::UpdateUser(tx, actor.org_id, id, version, c, Now()));
    std::string what = "roles: " + db::JoinCodes(before.user.roles) + " -> " + db::JoinCodes(c.roles);
    if (before.user.disabled != c.disabled) what += c.disabled ? "; disabled" : "; enabled";
    if (before.user.emergency_access != c.emergency_access) {
      what += c.emergency_access ? "; emergency access granted" : "; emergency access removed";
    }
    if (c.disabled) {
      SW_TRY(identity_store::EndUserSessions(tx, actor.org_id, id, "", "account_disabled", Now()));
    }
    SW_TRY(audit::Append(tx, actor, SecurityEvent("update", "user", id, what), Now()));
    SW_ASSIGN(auto after, db::Found(identity_store::GetUser(tx, actor.org_id, id), "user"));
    return after.user;
  });
}

Result<User> IdentityService::ResetMfa(const Actor& actor, const std::string& id, std::int64_t version) {
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<User> {
    SW_ASSIGN(auto u, db::Found(identity_store::GetUser(tx, actor.org_id, id), "user"));
    if (u.user.meta.version != version) return Error::StaleVersion();
    SW_TRY(identity_store::SetUserColumns(
        tx, actor.org_id, id, "mfa_secret = NULL, mfa_pending_secret = NULL, mfa_last_step = 0", {}, Now()));
    SW_TRY(identity_store::ReplaceRecoveryCodes(tx, actor.org_id, id, {}));
    SW_TRY(identity_store::EndUserSessions(tx, actor.org_id, id, "", "mfa_reset", Now()));
    SW_TRY(audit::Append(tx, actor, SecurityEvent("mfa_reset", "user", id), Now()));
    SW_ASSIGN(auto after, db::Found(identity_store::GetUser(tx, actor.org_id, id), "user"));
    return after.user;
  });
}

Result<User> IdentityService::SetPassword(const Actor& actor, const std::string& id, std::int64_t version,
                                          const std::string& password) {
  SW_ASSIGN(auto current, GetUser(actor, id));
  SW_TRY(passwords_.Check(password, current.username, "password"));
  SW_ASSIGN(auto hash, HashPassword(password, hashing_));
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<User> {
    SW_ASSIGN(auto u, db::Found(identity_store::GetUser(tx, actor.org_id, id), "user"));
    if (u.user.meta.version != version) return Error::StaleVersion();
    SW_TRY(identity_store::SetUserColumns(tx, actor.org_id, id, "password_hash = ?, password_changed_at = ?",
                                          {hash, Now()}, Now()));
    SW_TRY(identity_store::EndUserSessions(tx, actor.org_id, id, "", "password_reset", Now()));
    SW_TRY(audit::Append(tx, actor, SecurityEvent("set_password", "user", id), Now()));
    SW_ASSIGN(auto after, db::Found(identity_store::GetUser(tx, actor.org_id, id), "user"));
    return after.user;
  });
}

Result<SecuritySettings> IdentityService::GetSettings(const Actor& actor) {
  return db::InTransaction(db_, Access::kRead,
                           [&](Transaction& tx) { return identity_store::GetSettings(tx, actor.org_id); });
}

Result<SecuritySettings> IdentityService::UpdateSettings(const Actor& actor, std::int64_t version, SecuritySettings s) {
  FieldErrors errors;
  if (s.idle_timeout_minutes < 1 || s.idle_timeout_minutes > 15) {
    errors.Add("idle_timeout_minutes", "must be 1-15 (HIPAA automatic logoff; it can never be turned off)");
  }
  if (s.emergency_minutes < 5 || s.emergency_minutes > 240) errors.Add("emergency_minutes", "must be 5-240");
  if (!errors.empty()) return errors.ToError();
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<SecuritySettings> {
    SW_TRY(identity_store::SaveSettings(tx, actor.org_id, s, version, Now()));
    SW_TRY(audit::Append(tx, actor,
                         SecurityEvent("update", "security_settings", actor.org_id,
                                       "require_mfa_for_all=" + std::to_string(s.require_mfa_for_all) +
                                           " idle_timeout_minutes=" + std::to_string(s.idle_timeout_minutes) +
                                           " emergency_minutes=" + std::to_string(s.emergency_minutes)),
                         Now()));
    return identity_store::GetSettings(tx, actor.org_id);
  });
}

// ---- emergency access and alerts ----------------------------------------------------------------------

Result<EmergencyGrant> IdentityService::OpenEmergencyAccess(const Actor& actor, const std::string& client_id,
                                                            const std::string& reason) {
  FieldErrors errors;
  if (!IsUuid(client_id)) errors.Add("client_id", "must be a client id");
  if (CharacterCount(reason) < 10) errors.Add("reason", "explain the emergency in at least 10 characters");
  if (reason.size() > 2000) errors.Add("reason", "must be at most 2000 characters");
  if (!errors.empty()) return errors.ToError();
  SW_ASSIGN(auto user, GetUser(actor, actor.user_id));
  if (!user.emergency_access) {
    return Error::PermissionDenied("you are not designated for emergency access; ask the privacy officer");
  }
  if (!user.mfa_enabled) return Error::PermissionDenied("emergency access needs MFA; enrol it first");
  if (client_exists_) {
    SW_ASSIGN(bool exists, client_exists_(actor, client_id));
    if (!exists) return Error::NotFound("no such client");
  }
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<EmergencyGrant> {
    SW_ASSIGN(auto settings, identity_store::GetSettings(tx, actor.org_id));
    const auto now = clock_.Now();
    EmergencyGrant g{
        NewUuidV7(now), actor.user_id,        client_id,
        reason,         FormatTimestamp(now), FormatTimestamp(now + std::chrono::minutes(settings.emergency_minutes))};
    SW_TRY(identity_store::InsertGrant(tx, actor.org_id, g));
    Alert a{NewUuidV7(now),
            "emergency_access",
            actor.username + " opened a client record through emergency access until " + g.expires_at + ": " + reason,
            actor.user_id,
            client_id,
            g.started_at,
            ""};
    SW_TRY(identity_store::InsertAlert(tx, actor.org_id, a));
    SW_TRY(audit::Append(tx, actor,
                         {.action = "emergency_access",
                          .resource_type = "client",
                          .resource_id = client_id,
                          .client_id = client_id,
                          .data_category = "demographics",
                          .reason = reason},
                         g.started_at));
    return g;
  });
}

Result<std::vector<EmergencyGrant>> IdentityService::MyEmergencyGrants(const Actor& actor) {
  return db::InTransaction(db_, Access::kRead, [&](Transaction& tx) {
    return identity_store::ActiveGrants(tx, actor.org_id, actor.user_id, Now());
  });
}

Result<std::vector<std::string>> IdentityService::EmergencyClients(Transaction& tx, const Actor& actor) {
  std::vector<std::string> ids;
  if (actor.user_id.empty()) return ids;
  SW_ASSIGN(auto grants, identity_store::ActiveGrants(tx, actor.org_id, actor.user_id, Now()));
  for (auto& g : grants) ids.push_back(std::move(g.client_id));
  return ids;
}

Result<std::vector<Alert>> IdentityService::ListAlerts(const Actor& actor) {
  return db::InTransaction(db_, Access::kRead,
                           [&](Transaction& tx) { return identity_store::ListAlerts(tx, actor.org_id); });
}

Status IdentityService::AcknowledgeAlert(const Actor& actor, const std::string& id) {
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Status {
    SW_ASSIGN(bool done, identity_store::AcknowledgeAlert(tx, actor.org_id, id, actor.user_id, Now()));
    if (!done) return Error::NotFound("no such open alert");
    return audit::Append(
        tx, actor, {.action = "acknowledge", .resource_type = "alert", .resource_id = id, .data_category = "audit"},
        Now());
  });
}

// ---- command-line work ----------------------------------------------------------------------------------

Result<User> IdentityService::AddUserAsSystem(const std::string& org_id, NewUser user) {
  return CreateUser(SystemActor(org_id, "user-add"), std::move(user));
}

Result<CreatedToken> IdentityService::CreateTokenAsSystem(const std::string& username, const std::string& name,
                                                          int days) {
  SW_ASSIGN(auto u, db::InTransaction(db_, Access::kRead, [&](Transaction& tx) {
              return db::Found(identity_store::FindUser(tx, username), "user");
            }));
  Actor a = ActorFor(u, {}, {});
  a.source_address = "command line";
  return CreateToken(a, name, days);
}

Status IdentityService::SetMfaSecretAsSystem(const std::string& username, const std::string& secret) {
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Status {
    SW_ASSIGN(auto u, db::Found(identity_store::FindUser(tx, username), "user"));
    SW_TRY(identity_store::SetUserColumns(tx, u.user.meta.org_id, u.user.meta.id, "mfa_secret = ?, mfa_last_step = 0",
                                          {secret}, Now()));
    return audit::Append(tx, SystemActor(u.user.meta.org_id, "demo"),
                         SecurityEvent("mfa_enroll", "user", u.user.meta.id), Now());
  });
}

}  // namespace stepwise::security
