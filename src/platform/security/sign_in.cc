// IdentityService: first-run set-up, sign-in, MFA completion, sign-out and request authentication.
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
using std::chrono::seconds;

namespace {

constexpr int kFreeFailures = 5;           // failures in a row before delays start
constexpr int kMaxDelaySeconds = 300;      // the longest delay between attempts
constexpr int kMaxFailuresPerHour = 100;   // ASVS 2.2.1
constexpr auto kTouchEvery = seconds(30);  // how stale last_seen_at may get before it is rewritten

const char* StatusFor(SessionState s) {
  switch (s) {
    case SessionState::kActive:
      return "signed_in";
    case SessionState::kMfaPending:
      return "mfa_required";
    case SessionState::kMfaEnrollment:
      return "mfa_enrollment_required";
  }
  return "signed_in";
}

std::string NormalizeUsername(std::string_view u) {
  std::string out;
  for (char c : u) {
    if (c != ' ' && c != '\t') out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out.substr(0, 64);
}

TimePoint ParseOr(const std::string& text, TimePoint fallback) { return ParseTimestamp(text).value_or(fallback); }

// An actor for events about an attempted username that may not exist.
Actor Anonymous(const std::string& username, const Caller& caller) {
  Actor a;
  a.username = username;
  a.user_id = "";
  a.source_address = caller.source_address;
  a.request_id = caller.request_id;
  return a;
}

}  // namespace

std::string IdleExpiresAt(const SessionInfo& s) {
  auto last = ParseTimestamp(s.last_seen_at);
  if (!last) return s.expires_at;
  auto idle = *last + seconds(s.idle_timeout_seconds);
  auto absolute = ParseOr(s.expires_at, idle);
  return FormatTimestamp(std::min(idle, absolute));
}

IdentityService::IdentityService(db::Database& db, const Clock& clock, const Policy& policy,
                                 const PasswordPolicy& passwords, SessionLimits limits, PasswordHashing hashing)
    : db_(db), clock_(clock), policy_(policy), passwords_(passwords), limits_(limits), hashing_(hashing) {
  auto dummy = HashPassword(RandomToken(16), hashing_);
  if (dummy.ok()) dummy_hash_ = std::move(dummy).value();
}

std::string IdentityService::Now() const { return FormatTimestamp(clock_.Now()); }

bool IdentityService::MfaRequired(const User& u, const SecuritySettings& s) const {
  return s.require_mfa_for_all || u.emergency_access || policy_.Resolve(u.roles).mfa_required;
}

Actor IdentityService::ActorFor(const UserAuth& ua, const SecuritySettings& settings, const Caller& caller) const {
  const User& u = ua.user;
  auto grant = policy_.Resolve(u.roles);
  Actor a;
  a.org_id = u.meta.org_id;
  a.user_id = u.meta.id;
  a.username = u.username;
  a.display_name = u.display_name;
  a.role = db::JoinCodes(u.roles);
  a.permissions = std::move(grant.permissions);
  a.client_scope = grant.scope;
  a.staff_id = u.staff_id;
  a.source_address = caller.source_address;
  a.request_id = caller.request_id;
  a.mfa_enabled = u.mfa_enabled;
  a.mfa_required = MfaRequired(u, settings);
  a.emergency_access = u.emergency_access;
  return a;
}

Result<std::int64_t> IdentityService::IdleSeconds(const SecuritySettings& s) const {
  auto idle = std::min<std::int64_t>(std::chrono::duration_cast<seconds>(limits_.idle).count(),
                                     static_cast<std::int64_t>(s.idle_timeout_minutes) * 60);
  return std::max<std::int64_t>(idle, 60);
}

Result<SignInResult> IdentityService::StartSession(Transaction& tx, const UserAuth& u, const SecuritySettings& s,
                                                   SessionState state, const Caller& caller) {
  const TimePoint now = clock_.Now();
  SW_ASSIGN(auto idle, IdleSeconds(s));
  NewSessionRow row;
  SessionInfo& i = row.info;
  i.id = NewUuidV7(now);
  i.user_id = u.user.meta.id;
  i.org_id = u.user.meta.org_id;
  i.state = state;
  i.csrf_token = RandomToken(24);
  i.created_at = i.last_seen_at = FormatTimestamp(now);
  i.expires_at = FormatTimestamp(state == SessionState::kMfaPending ? now + limits_.pending : now + limits_.absolute);
  i.source_address = caller.source_address;
  i.user_agent = caller.user_agent.substr(0, 300);
  i.idle_timeout_seconds = static_cast<int>(
      state == SessionState::kMfaPending ? std::chrono::duration_cast<seconds>(limits_.pending).count() : idle);
  SignInResult r;
  r.cookie_value = RandomToken(32);
  row.token_hash = Sha256Hex(r.cookie_value);
  SW_TRY(identity_store::InsertSession(tx, row));
  if (state != SessionState::kMfaPending) {
    SW_TRY(
        identity_store::SetUserColumns(tx, i.org_id, i.user_id, "last_sign_in_at = ?", {i.created_at}, i.created_at));
  }
  r.status = StatusFor(state);
  r.session = i;
  r.actor = ActorFor(u, s, caller);
  r.actor.session_id = i.id;
  return r;
}

Result<bool> IdentityService::HasUsers() {
  return db::InTransaction(db_, Access::kRead, [&](Transaction& tx) -> Result<bool> {
    SW_ASSIGN(auto n, identity_store::CountUsers(tx));
    return n > 0;
  });
}

Result<SignInResult> IdentityService::CreateFirstUser(const std::string& org_id, NewUser user, const Caller& caller) {
  user.roles = {"administrator"};
  Actor system;
  system.org_id = org_id;
  system.user_id = "system:first-run";
  system.source_address = caller.source_address;
  system.request_id = caller.request_id;
  FieldErrors errors;
  SW_TRY(ValidateNewUser(system, user, errors));
  if (!errors.empty()) return errors.ToError();
  SW_ASSIGN(auto hash, HashPassword(user.password, hashing_));
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<SignInResult> {
    SW_ASSIGN(auto n, identity_store::CountUsers(tx));
    if (n > 0) return Error::Conflict("Stepwise already has users; sign in instead");
    UserAuth ua;
    User& u = ua.user;
    u.meta.id = NewUuidV7(clock_.Now());
    u.meta.org_id = org_id;
    u.meta.version = 1;
    u.meta.created_at = u.meta.updated_at = Now();
    u.username = user.username;
    u.display_name = user.display_name;
    u.roles = user.roles;
    SW_TRY(identity_store::InsertUser(tx, u, hash));
    SW_TRY(audit::Append(tx, system,
                         {.action = "create",
                          .resource_type = "user",
                          .resource_id = u.meta.id,
                          .data_category = "security",
                          .reason = "first administrator (roles: administrator)"},
                         u.meta.created_at));
    SW_ASSIGN(auto settings, identity_store::GetSettings(tx, org_id));
    return StartSession(tx, ua, settings, SessionState::kMfaEnrollment, caller);
  });
}

Status IdentityService::RecordFailure(Transaction& tx, const std::string& username, const Actor& actor,
                                      const std::string& what) {
  const TimePoint now = clock_.Now();
  SW_TRY(
      identity_store::RecordFailure(tx, username, FormatTimestamp(now), FormatTimestamp(now - std::chrono::hours(1))));
  return audit::Append(tx, actor,
                       {.action = "sign_in",
                        .resource_type = "session",
                        .data_category = "security",
                        .reason = what,
                        .outcome = "failure"},
                       FormatTimestamp(now));
}

namespace {

// When the next attempt for this username may be made, or nullopt when it may be made now.
std::optional<int> RetryAfter(const identity_store::Throttle& t, TimePoint now) {
  if (t.failures_last_hour >= kMaxFailuresPerHour) {
    auto oldest = ParseTimestamp(t.oldest_failure_in_hour).value_or(now);
    auto wait = std::chrono::duration_cast<seconds>(oldest + std::chrono::hours(1) - now).count();
    return static_cast<int>(std::max<std::int64_t>(wait, 1));
  }
  if (t.consecutive_failures < kFreeFailures) return std::nullopt;
  const int doublings = static_cast<int>(std::min<std::int64_t>(t.consecutive_failures - kFreeFailures, 16));
  const int delay = std::min(1 << doublings, kMaxDelaySeconds);
  auto last = ParseTimestamp(t.last_failure_at).value_or(now);
  auto until = last + seconds(delay);
  if (now >= until) return std::nullopt;
  return static_cast<int>(std::max<std::int64_t>(std::chrono::duration_cast<seconds>(until - now).count(), 1));
}

Error Throttled(int retry_after) {
  return Error::TooManyRequests(
      "too many failed sign-in attempts; try again in " + std::to_string(retry_after) + " seconds", retry_after);
}

Error WrongCredentials() { return Error::Unauthenticated("wrong username or password"); }

}  // namespace

Status IdentityService::VerifyMyPassword(const Actor& actor, const std::string& password) {
  if (actor.user_id.empty()) return Error::Unauthenticated("sign in first");
  if (password.empty()) return Error::Field("password", "is required");
  if (password.size() > 4 * kMaxPasswordLength) return Error::Field("password", "is too long");
  const TimePoint now = clock_.Now();
  const std::string hour_ago = FormatTimestamp(now - std::chrono::hours(1));
  struct Found {
    identity_store::Throttle throttle;
    std::optional<UserAuth> user;
  };
  SW_ASSIGN(auto found, db::InTransaction(db_, Access::kRead, [&](Transaction& tx) -> Result<Found> {
              Found f;
              SW_ASSIGN(f.throttle, identity_store::GetThrottle(tx, actor.username, hour_ago));
              SW_ASSIGN(f.user, identity_store::FindUser(tx, actor.username));
              return f;
            }));
  if (auto retry = RetryAfter(found.throttle, now)) return Throttled(*retry);
  const bool ok = found.user && found.user->user.meta.id == actor.user_id &&
                  VerifyPassword(found.user->password_hash, password);
  if (!ok) {  // the failure is committed first: returning an error from the transaction would roll it back
    SW_TRY(db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Status {
      return RecordFailure(tx, actor.username, actor, "password confirmation failed");
    }));
    return Error::Field("password", "is not your password");
  }
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Status {
    SW_TRY(identity_store::ResetThrottle(tx, actor.username));
    return audit::Append(tx, actor,
                         {.action = "confirm_password",
                          .resource_type = "user",
                          .resource_id = actor.user_id,
                          .data_category = "security"},
                         Now());
  });
}

Result<SignInResult> IdentityService::SignIn(const std::string& username_in, const std::string& password,
                                             const Caller& caller) {
  const std::string username = NormalizeUsername(username_in);
  FieldErrors errors;
  if (username.empty()) errors.Add("username", "is required");
  if (password.empty()) errors.Add("password", "is required");
  if (password.size() > 4 * kMaxPasswordLength) errors.Add("password", "is too long");
  if (!errors.empty()) return errors.ToError();
  const TimePoint now = clock_.Now();
  const std::string hour_ago = FormatTimestamp(now - std::chrono::hours(1));

  // Read first, verify the password outside any transaction (Argon2id takes ~0.1 s), then write.
  struct Found {
    identity_store::Throttle throttle;
    std::optional<UserAuth> user;
    SecuritySettings settings;
  };
  SW_ASSIGN(auto found, db::InTransaction(db_, Access::kRead, [&](Transaction& tx) -> Result<Found> {
              Found f;
              SW_ASSIGN(f.throttle, identity_store::GetThrottle(tx, username, hour_ago));
              SW_ASSIGN(f.user, identity_store::FindUser(tx, username));
              if (f.user) {
                SW_ASSIGN(f.settings, identity_store::GetSettings(tx, f.user->user.meta.org_id));
              }
              return f;
            }));
  Actor who = Anonymous(username, caller);
  if (found.user) {
    who.user_id = found.user->user.meta.id;
    who.org_id = found.user->user.meta.org_id;
  }
  if (auto retry = RetryAfter(found.throttle, now)) {
    SW_TRY(db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Status {
      return audit::Append(tx, who,
                           {.action = "sign_in",
                            .resource_type = "session",
                            .data_category = "security",
                            .reason = "refused: too many failed attempts",
                            .outcome = "failure"},
                           Now());
    }));
    return Throttled(*retry);
  }
  bool ok = false;
  if (found.user) {
    ok = VerifyPassword(found.user->password_hash, password) && !found.user->user.disabled;
  } else {
    (void)VerifyPassword(dummy_hash_, password);  // the same work, so timing does not reveal unknown usernames
  }
  if (!ok) {
    SW_TRY(db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Status {
      return RecordFailure(
          tx, username, who,
          found.user && found.user->user.disabled ? "account disabled" : "wrong password or unknown user");
    }));
    return WrongCredentials();
  }
  const UserAuth& u = *found.user;
  const SessionState state = u.user.mfa_enabled                    ? SessionState::kMfaPending
                             : MfaRequired(u.user, found.settings) ? SessionState::kMfaEnrollment
                                                                   : SessionState::kActive;
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<SignInResult> {
    SW_TRY(identity_store::ResetThrottle(tx, username));
    SW_ASSIGN(auto r, StartSession(tx, u, found.settings, state, caller));
    SW_TRY(
        audit::Append(tx, r.actor,
                      {.action = "sign_in",
                       .resource_type = "session",
                       .resource_id = r.session.id,
                       .data_category = "security",
                       .reason = state == SessionState::kMfaPending      ? "password accepted; MFA code required"
                                 : state == SessionState::kMfaEnrollment ? "password accepted; MFA enrolment required"
                                                                         : "password"},
                      r.session.created_at));
    return r;
  });
}

Result<SignInResult> IdentityService::CompleteMfa(const std::string& cookie_value, const std::string& code_in,
                                                  const Caller& caller) {
  if (code_in.empty()) return Error::Field("code", "is required");
  const TimePoint now = clock_.Now();
  const std::string hour_ago = FormatTimestamp(now - std::chrono::hours(1));
  const std::string token_hash = Sha256Hex(cookie_value);
  struct Found {
    std::optional<SessionAuth> session;
    identity_store::Throttle throttle;
  };
  SW_ASSIGN(auto found, db::InTransaction(db_, Access::kRead, [&](Transaction& tx) -> Result<Found> {
              Found f;
              if (cookie_value.empty()) return f;
              SW_ASSIGN(f.session, identity_store::FindSession(tx, token_hash));
              if (f.session) {
                SW_ASSIGN(f.throttle, identity_store::GetThrottle(tx, f.session->user.user.username, hour_ago));
              }
              return f;
            }));
  if (!found.session || found.session->session.state != SessionState::kMfaPending || !found.session->ended_at.empty() ||
      ParseOr(found.session->session.expires_at, now) <= now) {
    return Error::Unauthenticated("the sign-in has expired; enter your username and password again");
  }
  const SessionAuth& s = *found.session;
  Actor who = ActorFor(s.user, s.settings, caller);
  if (auto retry = RetryAfter(found.throttle, now)) return Throttled(*retry);

  const std::int64_t unix_time = std::chrono::duration_cast<seconds>(now.time_since_epoch()).count();
  std::optional<std::int64_t> step;
  std::string code = code_in;
  code.erase(std::remove(code.begin(), code.end(), ' '), code.end());
  if (code.size() == 6) step = MatchTotp(s.user.mfa_secret, code, unix_time);
  const bool reused = step && *step <= s.user.mfa_last_step;

  SW_ASSIGN(
      auto result, db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Result<SignInResult> {
        bool accepted = step && !reused;
        std::string how = "totp";
        if (!step && code.size() != 6) {
          SW_ASSIGN(accepted, identity_store::UseRecoveryCode(tx, s.user.user.meta.id,
                                                              Sha256Hex(NormalizeRecoveryCode(code)), Now()));
          how = "recovery code";
        }
        if (!accepted) {
          SW_TRY(RecordFailure(tx, s.user.user.username, who, reused ? "reused TOTP code" : "wrong MFA code"));
          return SignInResult{};  // committed; the caller turns this into 401
        }
        if (step) {
          SW_TRY(identity_store::SetUserColumns(tx, who.org_id, who.user_id, "mfa_last_step = ?", {*step}, Now()));
        }
        SW_TRY(identity_store::EndSession(tx, who.org_id, s.session.id, "mfa_completed", Now()));
        SW_TRY(identity_store::ResetThrottle(tx, s.user.user.username));
        SW_ASSIGN(auto r, StartSession(tx, s.user, s.settings, SessionState::kActive, caller));
        SW_TRY(audit::Append(tx, r.actor,
                             {.action = "sign_in",
                              .resource_type = "session",
                              .resource_id = r.session.id,
                              .data_category = "security",
                              .reason = "password and " + how},
                             r.session.created_at));
        return r;
      }));
  if (result.status.empty()) {
    return Error::Unauthenticated(reused ? "that code was already used; wait for the next one"
                                         : "the code is not right; check the time on your device");
  }
  return result;
}

Status IdentityService::SignOut(const std::string& cookie_value, const Caller& caller) {
  if (cookie_value.empty()) return Ok();
  return db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Status {
    SW_ASSIGN(auto s, identity_store::FindSession(tx, Sha256Hex(cookie_value)));
    if (!s || !s->ended_at.empty()) return Ok();
    SW_TRY(identity_store::EndSession(tx, s->session.org_id, s->session.id, "sign_out", Now()));
    Actor who = ActorFor(s->user, s->settings, caller);
    return audit::Append(
        tx, who,
        {.action = "sign_out", .resource_type = "session", .resource_id = s->session.id, .data_category = "security"},
        Now());
  });
}

Result<Authenticated> IdentityService::AuthenticateSession(const std::string& cookie_value, const Caller& caller) {
  const TimePoint now = clock_.Now();
  SW_ASSIGN(auto found, db::InTransaction(db_, Access::kRead, [&](Transaction& tx) {
              return identity_store::FindSession(tx, Sha256Hex(cookie_value));
            }));
  if (!found || !found->ended_at.empty()) return Error::Unauthenticated("not signed in");
  SessionAuth& s = *found;
  SW_ASSIGN(auto idle, IdleSeconds(s.settings));
  s.session.idle_timeout_seconds = static_cast<int>(idle);
  const TimePoint last = ParseOr(s.session.last_seen_at, now);
  std::string ended;
  if (ParseOr(s.session.expires_at, now) <= now) ended = "expired";
  if (ended.empty() && s.session.state != SessionState::kMfaPending && now - last > seconds(idle)) ended = "idle";
  if (ended.empty() && s.user.user.disabled) ended = "account_disabled";
  if (!ended.empty()) {
    SW_TRY(db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) -> Status {
      return identity_store::EndSession(tx, s.session.org_id, s.session.id, ended, FormatTimestamp(now));
    }));
    return Error::Unauthenticated(ended == "idle" ? "your session ended after a period without activity; sign in again"
                                                  : "your session has ended; sign in again");
  }
  if (s.session.state == SessionState::kMfaPending) return Error::Unauthenticated("finish signing in first");
  if (now - last > kTouchEvery) {
    SW_TRY(db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) {
      return identity_store::TouchSession(tx, s.session.id, FormatTimestamp(now));
    }));
    s.session.last_seen_at = FormatTimestamp(now);
  }
  Authenticated a;
  a.actor = ActorFor(s.user, s.settings, caller);
  a.actor.session_id = s.session.id;
  a.session = s.session;
  a.state = s.session.state;
  a.via_cookie = true;
  return a;
}

Result<Authenticated> IdentityService::AuthenticateToken(const std::string& token, const Caller& caller) {
  if (!token.starts_with("swt_") || token.size() < 20 || token.size() > 100) {
    return Error::Unauthenticated("malformed API token");
  }
  const TimePoint now = clock_.Now();
  SW_ASSIGN(auto found, db::InTransaction(db_, Access::kRead, [&](Transaction& tx) {
              return identity_store::FindToken(tx, Sha256Hex(token));
            }));
  if (!found || !found->token.revoked_at.empty() || ParseOr(found->token.expires_at, now) <= now ||
      found->user.user.disabled) {
    return Error::Unauthenticated("the API token is unknown, revoked or expired");
  }
  if (now - ParseOr(found->token.last_used_at, TimePoint{}) > std::chrono::minutes(1)) {
    SW_TRY(db::InTransaction(db_, Access::kWrite, [&](Transaction& tx) {
      return identity_store::TouchToken(tx, found->token.id, FormatTimestamp(now));
    }));
  }
  Authenticated a;
  a.actor = ActorFor(found->user, found->settings, caller);
  a.actor.token_id = found->token.id;
  a.state = SessionState::kActive;
  return a;
}

Result<SessionInfo> IdentityService::DescribeSession(const Actor& actor) {
  if (actor.session_id.empty()) return Error::NotFound("this request did not come with a session");
  return db::InTransaction(db_, Access::kRead, [&](Transaction& tx) -> Result<SessionInfo> {
    SW_ASSIGN(auto s, db::Found(identity_store::GetSession(tx, actor.org_id, actor.session_id), "session"));
    SW_ASSIGN(auto settings, identity_store::GetSettings(tx, actor.org_id));
    SW_ASSIGN(auto idle, IdleSeconds(settings));
    s.idle_timeout_seconds = static_cast<int>(idle);
    return s;
  });
}

}  // namespace stepwise::security
