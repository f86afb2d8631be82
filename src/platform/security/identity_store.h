// SQL for accounts, sessions, tokens, throttling, settings, emergency grants and alerts
// (migrations/0003_identity.sql). Every function runs inside the caller's transaction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "platform/base/result.h"
#include "platform/db/database.h"
#include "platform/security/identity_model.h"

namespace stepwise::security {

// A user with the secrets needed to authenticate them.
struct UserAuth {
  User user;
  std::string password_hash;
  std::string mfa_secret;
  std::string mfa_pending_secret;
  std::int64_t mfa_last_step = 0;
};

// A session found by its token, with what authentication needs to know about its user.
struct SessionAuth {
  SessionInfo session;
  std::string ended_at;
  UserAuth user;
  SecuritySettings settings;
};

struct TokenAuth {
  ApiToken token;
  UserAuth user;
  SecuritySettings settings;
};

struct NewSessionRow {
  SessionInfo info;
  std::string token_hash;
};

namespace identity_store {

// Users.
Status InsertUser(db::Transaction& tx, const User& u, const std::string& password_hash);
Result<std::optional<UserAuth>> FindUser(db::Transaction& tx, const std::string& username);
Result<std::optional<UserAuth>> GetUser(db::Transaction& tx, const std::string& org_id, const std::string& id);
Result<std::vector<User>> ListUsers(db::Transaction& tx, const std::string& org_id);
Result<std::int64_t> CountUsers(db::Transaction& tx);
Status UpdateUser(db::Transaction& tx, const std::string& org_id, const std::string& id, std::int64_t version,
                  const UserChanges& c, const std::string& now);
// Sets columns without a version check (the user's own actions, sign-in bookkeeping); bumps version.
Status SetUserColumns(db::Transaction& tx, const std::string& org_id, const std::string& id, const std::string& set_sql,
                      std::vector<db::Param> params, const std::string& now);
Status ReplaceRecoveryCodes(db::Transaction& tx, const std::string& org_id, const std::string& user_id,
                            const std::vector<std::string>& code_hashes);
// Marks an unused recovery code used; false when there is none.
Result<bool> UseRecoveryCode(db::Transaction& tx, const std::string& user_id, const std::string& code_hash,
                             const std::string& now);

// Sessions.
Status InsertSession(db::Transaction& tx, const NewSessionRow& s);
Result<std::optional<SessionAuth>> FindSession(db::Transaction& tx, const std::string& token_hash);
Result<std::optional<SessionInfo>> GetSession(db::Transaction& tx, const std::string& org_id, const std::string& id);
Status TouchSession(db::Transaction& tx, const std::string& id, const std::string& now);
Status SetSessionState(db::Transaction& tx, const std::string& id, SessionState state);
Status EndSession(db::Transaction& tx, const std::string& org_id, const std::string& id, const std::string& reason,
                  const std::string& now);
// Ends every open session of the user except `keep_id`; returns how many.
Result<std::int64_t> EndUserSessions(db::Transaction& tx, const std::string& org_id, const std::string& user_id,
                                     const std::string& keep_id, const std::string& reason, const std::string& now);
Result<std::vector<SessionInfo>> ListOpenSessions(db::Transaction& tx, const std::string& org_id,
                                                  const std::string& user_id, const std::string& now);

// API tokens.
Status InsertToken(db::Transaction& tx, const std::string& org_id, const std::string& user_id, const ApiToken& t,
                   const std::string& token_hash);
Result<std::optional<TokenAuth>> FindToken(db::Transaction& tx, const std::string& token_hash);
Result<std::vector<ApiToken>> ListTokens(db::Transaction& tx, const std::string& org_id, const std::string& user_id);
Result<bool> RevokeToken(db::Transaction& tx, const std::string& org_id, const std::string& user_id,
                         const std::string& id, const std::string& now);
Status TouchToken(db::Transaction& tx, const std::string& id, const std::string& now);

// Sign-in throttling by attempted username.
struct Throttle {
  std::int64_t consecutive_failures = 0;
  std::string last_failure_at;
  std::int64_t failures_last_hour = 0;
  std::string oldest_failure_in_hour;
};
Result<Throttle> GetThrottle(db::Transaction& tx, const std::string& username, const std::string& hour_ago);
Status RecordFailure(db::Transaction& tx, const std::string& username, const std::string& now,
                     const std::string& hour_ago);
Status ResetThrottle(db::Transaction& tx, const std::string& username);

// Organization security settings (defaults when never saved).
Result<SecuritySettings> GetSettings(db::Transaction& tx, const std::string& org_id);
Status SaveSettings(db::Transaction& tx, const std::string& org_id, const SecuritySettings& s,
                    std::int64_t expected_version, const std::string& now);

// Emergency access and alerts.
Status InsertGrant(db::Transaction& tx, const std::string& org_id, const EmergencyGrant& g);
Result<std::vector<EmergencyGrant>> ActiveGrants(db::Transaction& tx, const std::string& org_id,
                                                 const std::string& user_id, const std::string& now);
Status InsertAlert(db::Transaction& tx, const std::string& org_id, const Alert& a);
Result<std::vector<Alert>> ListAlerts(db::Transaction& tx, const std::string& org_id);
Result<bool> AcknowledgeAlert(db::Transaction& tx, const std::string& org_id, const std::string& id,
                              const std::string& user_id, const std::string& now);

}  // namespace identity_store
}  // namespace stepwise::security
