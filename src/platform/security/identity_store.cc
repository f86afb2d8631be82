#include "platform/security/identity_store.h"

#include "platform/db/records.h"

namespace stepwise::security::identity_store {

using db::OptText;
using db::Param;

namespace {

constexpr std::string_view kUserColumns =
    "u.username, u.display_name, u.staff_id, u.roles, u.emergency_access, u.disabled, u.mfa_secret, "
    "u.last_sign_in_at, u.password_hash, u.mfa_pending_secret, u.mfa_last_step, u.id, u.org_id, u.version, "
    "u.voided, u.void_reason, u.created_at, u.updated_at";
constexpr std::size_t kUserColumnCount = 18;

UserAuth ReadUser(const db::Row& r, std::size_t i = 0) {
  UserAuth a;
  User& u = a.user;
  u.username = r.Text(i);
  u.display_name = r.Text(i + 1);
  u.staff_id = r.Text(i + 2);
  u.roles = db::SplitCodes(r.Text(i + 3));
  u.emergency_access = r.Int(i + 4) != 0;
  u.disabled = r.Int(i + 5) != 0;
  a.mfa_secret = r.Text(i + 6);
  u.mfa_enabled = !a.mfa_secret.empty();
  u.last_sign_in_at = r.Text(i + 7);
  a.password_hash = r.Text(i + 8);
  a.mfa_pending_secret = r.Text(i + 9);
  a.mfa_last_step = r.Int(i + 10);
  u.meta = db::ReadMeta(r, i + 11);
  return a;
}

constexpr std::string_view kSettingsColumns =
    "st.require_mfa_for_all, st.idle_timeout_minutes, st.emergency_minutes, st.version";

SecuritySettings ReadSettings(const db::Row& r, std::size_t i) {
  SecuritySettings s;
  if (r.IsNull(i)) return s;  // never saved: the defaults
  s.require_mfa_for_all = r.Int(i) != 0;
  s.idle_timeout_minutes = static_cast<int>(r.Int(i + 1));
  s.emergency_minutes = static_cast<int>(r.Int(i + 2));
  s.version = r.Int(i + 3);
  return s;
}

const std::string kUserSelect = "SELECT " + std::string(kUserColumns) + " FROM users u";

constexpr std::string_view kSessionColumns =
    "s.id, s.user_id, s.org_id, s.state, s.csrf_token, s.created_at, s.last_seen_at, s.expires_at, "
    "s.source_address, s.user_agent, s.ended_at";
constexpr std::size_t kSessionColumnCount = 11;

SessionInfo ReadSession(const db::Row& r) {
  SessionInfo s;
  s.id = r.Text(0);
  s.user_id = r.Text(1);
  s.org_id = r.Text(2);
  s.state = ParseSessionState(r.Text(3)).value_or(SessionState::kMfaPending);
  s.csrf_token = r.Text(4);
  s.created_at = r.Text(5);
  s.last_seen_at = r.Text(6);
  s.expires_at = r.Text(7);
  s.source_address = r.Text(8);
  s.user_agent = r.Text(9);
  return s;
}

constexpr std::string_view kTokenColumns = "t.id, t.name, t.created_at, t.expires_at, t.last_used_at, t.revoked_at";

ApiToken ReadToken(const db::Row& r) { return {r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5)}; }

}  // namespace

Status InsertUser(db::Transaction& tx, const User& u, const std::string& password_hash) {
  SW_TRY(tx.Execute(
      "INSERT INTO users (id, org_id, username, display_name, staff_id, roles, password_hash, password_changed_at, "
      "emergency_access, disabled, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 1, ?, ?)",
      {u.meta.id, u.meta.org_id, u.username, u.display_name, OptText(u.staff_id), db::JoinCodes(u.roles), password_hash,
       u.meta.created_at, static_cast<std::int64_t>(u.emergency_access), u.meta.created_at, u.meta.created_at}));
  return Ok();
}

Result<std::optional<UserAuth>> FindUser(db::Transaction& tx, const std::string& username) {
  return db::ReadOne<UserAuth>(tx, kUserSelect + " WHERE u.username = ?", {username},
                               [](const db::Row& r) { return ReadUser(r); });
}

Result<std::optional<UserAuth>> GetUser(db::Transaction& tx, const std::string& org_id, const std::string& id) {
  return db::ReadOne<UserAuth>(tx, kUserSelect + " WHERE u.org_id = ? AND u.id = ?", {org_id, id},
                               [](const db::Row& r) { return ReadUser(r); });
}

Result<std::vector<User>> ListUsers(db::Transaction& tx, const std::string& org_id) {
  return db::ReadAll<User>(tx, kUserSelect + " WHERE u.org_id = ? ORDER BY u.username", {org_id},
                           [](const db::Row& r) { return ReadUser(r).user; });
}

Result<std::int64_t> CountUsers(db::Transaction& tx) {
  SW_ASSIGN(auto rs, tx.Query("SELECT COUNT(*) FROM users"));
  return rs.rows.at(0).Int(0);
}

Status UpdateUser(db::Transaction& tx, const std::string& org_id, const std::string& id, std::int64_t version,
                  const UserChanges& c, const std::string& now) {
  return db::UpdateVersioned(tx, "users", org_id, id, version,
                             "display_name = ?, roles = ?, staff_id = ?, emergency_access = ?, disabled = ?",
                             {c.display_name, db::JoinCodes(c.roles), OptText(c.staff_id),
                              static_cast<std::int64_t>(c.emergency_access), static_cast<std::int64_t>(c.disabled)},
                             now);
}

Status SetUserColumns(db::Transaction& tx, const std::string& org_id, const std::string& id, const std::string& set_sql,
                      std::vector<Param> params, const std::string& now) {
  params.insert(params.end(), {now, org_id, id});
  SW_ASSIGN(auto n, tx.Execute("UPDATE users SET " + set_sql +
                                   ", version = version + 1, updated_at = ? WHERE org_id = ? AND id = ?",
                               std::span<const Param>(params)));
  if (n == 0) return Error::NotFound("no such user");
  return Ok();
}

Status ReplaceRecoveryCodes(db::Transaction& tx, const std::string& org_id, const std::string& user_id,
                            const std::vector<std::string>& code_hashes) {
  SW_TRY(tx.Execute("DELETE FROM recovery_codes WHERE user_id = ?", {user_id}));
  for (const auto& h : code_hashes) {
    SW_TRY(
        tx.Execute("INSERT INTO recovery_codes (user_id, org_id, code_hash) VALUES (?, ?, ?)", {user_id, org_id, h}));
  }
  return Ok();
}

Result<bool> UseRecoveryCode(db::Transaction& tx, const std::string& user_id, const std::string& code_hash,
                             const std::string& now) {
  SW_ASSIGN(auto n, tx.Execute("UPDATE recovery_codes SET used_at = ? WHERE user_id = ? AND code_hash = ? AND "
                               "used_at IS NULL",
                               {now, user_id, code_hash}));
  return n == 1;
}

Status InsertSession(db::Transaction& tx, const NewSessionRow& s) {
  const SessionInfo& i = s.info;
  SW_TRY(
      tx.Execute("INSERT INTO sessions (id, token_hash, org_id, user_id, state, csrf_token, created_at, last_seen_at, "
                 "expires_at, source_address, user_agent) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                 {i.id, s.token_hash, i.org_id, i.user_id, SessionStateName(i.state), i.csrf_token, i.created_at,
                  i.last_seen_at, i.expires_at, OptText(i.source_address), OptText(i.user_agent)}));
  return Ok();
}

Result<std::optional<SessionAuth>> FindSession(db::Transaction& tx, const std::string& token_hash) {
  const std::string sql = "SELECT " + std::string(kSessionColumns) + ", " + std::string(kUserColumns) + ", " +
                          std::string(kSettingsColumns) +
                          " FROM sessions s JOIN users u ON u.id = s.user_id LEFT JOIN security_settings st ON "
                          "st.org_id = s.org_id WHERE s.token_hash = ?";
  return db::ReadOne<SessionAuth>(tx, sql, {token_hash}, [](const db::Row& r) {
    SessionAuth a;
    a.session = ReadSession(r);
    a.ended_at = r.Text(kSessionColumnCount - 1);
    a.user = ReadUser(r, kSessionColumnCount);
    a.settings = ReadSettings(r, kSessionColumnCount + kUserColumnCount);
    return a;
  });
}

Result<std::optional<SessionInfo>> GetSession(db::Transaction& tx, const std::string& org_id, const std::string& id) {
  return db::ReadOne<SessionInfo>(tx,
                                  "SELECT " + std::string(kSessionColumns) +
                                      " FROM sessions s WHERE s.org_id = ? AND s.id = ? AND s.ended_at IS NULL",
                                  {org_id, id}, ReadSession);
}

Status TouchSession(db::Transaction& tx, const std::string& id, const std::string& now) {
  SW_TRY(tx.Execute("UPDATE sessions SET last_seen_at = ? WHERE id = ? AND ended_at IS NULL", {now, id}));
  return Ok();
}

Status SetSessionState(db::Transaction& tx, const std::string& id, SessionState state) {
  SW_TRY(tx.Execute("UPDATE sessions SET state = ? WHERE id = ?", {SessionStateName(state), id}));
  return Ok();
}

Status EndSession(db::Transaction& tx, const std::string& org_id, const std::string& id, const std::string& reason,
                  const std::string& now) {
  SW_TRY(tx.Execute("UPDATE sessions SET ended_at = ?, end_reason = ? WHERE org_id = ? AND id = ? AND ended_at IS NULL",
                    {now, reason, org_id, id}));
  return Ok();
}

Result<std::int64_t> EndUserSessions(db::Transaction& tx, const std::string& org_id, const std::string& user_id,
                                     const std::string& keep_id, const std::string& reason, const std::string& now) {
  return tx.Execute(
      "UPDATE sessions SET ended_at = ?, end_reason = ? WHERE org_id = ? AND user_id = ? AND id <> ? AND "
      "ended_at IS NULL",
      {now, reason, org_id, user_id, keep_id});
}

Result<std::vector<SessionInfo>> ListOpenSessions(db::Transaction& tx, const std::string& org_id,
                                                  const std::string& user_id, const std::string& now) {
  return db::ReadAll<SessionInfo>(tx,
                                  "SELECT " + std::string(kSessionColumns) +
                                      " FROM sessions s WHERE s.org_id = ? AND s.user_id = ? AND s.ended_at IS NULL "
                                      "AND s.expires_at > ? ORDER BY s.created_at DESC",
                                  {org_id, user_id, now}, ReadSession);
}

Status InsertToken(db::Transaction& tx, const std::string& org_id, const std::string& user_id, const ApiToken& t,
                   const std::string& token_hash) {
  SW_TRY(
      tx.Execute("INSERT INTO api_tokens (id, org_id, user_id, name, token_hash, created_at, expires_at) VALUES "
                 "(?, ?, ?, ?, ?, ?, ?)",
                 {t.id, org_id, user_id, t.name, token_hash, t.created_at, t.expires_at}));
  return Ok();
}

Result<std::optional<TokenAuth>> FindToken(db::Transaction& tx, const std::string& token_hash) {
  const std::string sql = "SELECT " + std::string(kTokenColumns) + ", " + std::string(kUserColumns) + ", " +
                          std::string(kSettingsColumns) +
                          " FROM api_tokens t JOIN users u ON u.id = t.user_id LEFT JOIN security_settings st ON "
                          "st.org_id = t.org_id WHERE t.token_hash = ?";
  return db::ReadOne<TokenAuth>(tx, sql, {token_hash}, [](const db::Row& r) {
    TokenAuth a;
    a.token = ReadToken(r);
    a.user = ReadUser(r, 6);
    a.settings = ReadSettings(r, 6 + kUserColumnCount);
    return a;
  });
}

Result<std::vector<ApiToken>> ListTokens(db::Transaction& tx, const std::string& org_id, const std::string& user_id) {
  return db::ReadAll<ApiToken>(tx,
                               "SELECT " + std::string(kTokenColumns) +
                                   " FROM api_tokens t WHERE t.org_id = ? AND t.user_id = ? ORDER BY t.created_at DESC",
                               {org_id, user_id}, ReadToken);
}

Result<bool> RevokeToken(db::Transaction& tx, const std::string& org_id, const std::string& user_id,
                         const std::string& id, const std::string& now) {
  SW_ASSIGN(auto n, tx.Execute("UPDATE api_tokens SET revoked_at = ? WHERE org_id = ? AND user_id = ? AND id = ? AND "
                               "revoked_at IS NULL",
                               {now, org_id, user_id, id}));
  return n == 1;
}

Status TouchToken(db::Transaction& tx, const std::string& id, const std::string& now) {
  SW_TRY(tx.Execute("UPDATE api_tokens SET last_used_at = ? WHERE id = ?", {now, id}));
  return Ok();
}

Result<Throttle> GetThrottle(db::Transaction& tx, const std::string& username, const std::string& hour_ago) {
  Throttle t;
  SW_ASSIGN(auto rs, tx.Query("SELECT consecutive_failures, last_failure_at FROM login_throttle WHERE username = ?",
                              {username}));
  if (!rs.empty()) {
    t.consecutive_failures = rs.rows[0].Int(0);
    t.last_failure_at = rs.rows[0].Text(1);
  }
  SW_ASSIGN(auto hour, tx.Query("SELECT COUNT(*), MIN(failed_at) FROM login_failures WHERE username = ? AND "
                                "failed_at > ?",
                                {username, hour_ago}));
  t.failures_last_hour = hour.rows.at(0).Int(0);
  t.oldest_failure_in_hour = hour.rows.at(0).Text(1);
  return t;
}

Status RecordFailure(db::Transaction& tx, const std::string& username, const std::string& now,
                     const std::string& hour_ago) {
  SW_TRY(tx.Execute("DELETE FROM login_failures WHERE username = ? AND failed_at <= ?", {username, hour_ago}));
  SW_TRY(tx.Execute("INSERT INTO login_failures (username, failed_at) VALUES (?, ?)", {username, now}));
  SW_ASSIGN(auto n, tx.Execute("UPDATE login_throttle SET consecutive_failures = consecutive_failures + 1, "
                               "last_failure_at = ? WHERE username = ?",
                               {now, username}));
  if (n == 0) {
    SW_TRY(tx.Execute("INSERT INTO login_throttle (username, consecutive_failures, last_failure_at) VALUES (?, 1, ?)",
                      {username, now}));
  }
  return Ok();
}

Status ResetThrottle(db::Transaction& tx, const std::string& username) {
  SW_TRY(tx.Execute("DELETE FROM login_throttle WHERE username = ?", {username}));
  return Ok();
}

Result<SecuritySettings> GetSettings(db::Transaction& tx, const std::string& org_id) {
  SW_ASSIGN(
      auto rs,
      tx.Query("SELECT " + std::string(kSettingsColumns) + " FROM security_settings st WHERE st.org_id = ?", {org_id}));
  if (rs.empty()) return SecuritySettings{};
  return ReadSettings(rs.rows[0], 0);
}

Status SaveSettings(db::Transaction& tx, const std::string& org_id, const SecuritySettings& s,
                    std::int64_t expected_version, const std::string& now) {
  SW_ASSIGN(auto current, GetSettings(tx, org_id));
  if (current.version != expected_version) return Error::StaleVersion();
  if (current.version == 0) {
    SW_TRY(tx.Execute(
        "INSERT INTO security_settings (org_id, require_mfa_for_all, idle_timeout_minutes, "
        "emergency_minutes, version, created_at, updated_at) VALUES (?, ?, ?, ?, 1, ?, ?)",
        {org_id, static_cast<std::int64_t>(s.require_mfa_for_all), static_cast<std::int64_t>(s.idle_timeout_minutes),
         static_cast<std::int64_t>(s.emergency_minutes), now, now}));
    return Ok();
  }
  SW_ASSIGN(auto n, tx.Execute("UPDATE security_settings SET require_mfa_for_all = ?, idle_timeout_minutes = ?, "
                               "emergency_minutes = ?, version = version + 1, updated_at = ? WHERE org_id = ? AND "
                               "version = ?",
                               {static_cast<std::int64_t>(s.require_mfa_for_all),
                                static_cast<std::int64_t>(s.idle_timeout_minutes),
                                static_cast<std::int64_t>(s.emergency_minutes), now, org_id, expected_version}));
  if (n == 0) return Error::StaleVersion();
  return Ok();
}

Status InsertGrant(db::Transaction& tx, const std::string& org_id, const EmergencyGrant& g) {
  SW_TRY(
      tx.Execute("INSERT INTO emergency_grants (id, org_id, user_id, client_id, reason, started_at, expires_at) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?)",
                 {g.id, org_id, g.user_id, g.client_id, g.reason, g.started_at, g.expires_at}));
  return Ok();
}

Result<std::vector<EmergencyGrant>> ActiveGrants(db::Transaction& tx, const std::string& org_id,
                                                 const std::string& user_id, const std::string& now) {
  return db::ReadAll<EmergencyGrant>(
      tx,
      "SELECT id, user_id, client_id, reason, started_at, expires_at FROM emergency_grants WHERE org_id = ? AND "
      "user_id = ? AND expires_at > ? ORDER BY started_at DESC",
      {org_id, user_id, now}, [](const db::Row& r) {
        return EmergencyGrant{r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5)};
      });
}

Status InsertAlert(db::Transaction& tx, const std::string& org_id, const Alert& a) {
  SW_TRY(
      tx.Execute("INSERT INTO alerts (id, org_id, kind, message, user_id, client_id, created_at) VALUES (?, ?, ?, "
                 "?, ?, ?, ?)",
                 {a.id, org_id, a.kind, a.message, OptText(a.user_id), OptText(a.client_id), a.created_at}));
  return Ok();
}

Result<std::vector<Alert>> ListAlerts(db::Transaction& tx, const std::string& org_id) {
  return db::ReadAll<Alert>(tx,
                            "SELECT id, kind, message, user_id, client_id, created_at, acknowledged_at FROM alerts "
                            "WHERE org_id = ? ORDER BY created_at DESC LIMIT 200",
                            {org_id}, [](const db::Row& r) {
                              return Alert{r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5), r.Text(6)};
                            });
}

Result<bool> AcknowledgeAlert(db::Transaction& tx, const std::string& org_id, const std::string& id,
                              const std::string& user_id, const std::string& now) {
  SW_ASSIGN(auto n, tx.Execute("UPDATE alerts SET acknowledged_at = ?, acknowledged_by = ? WHERE org_id = ? AND id = ? "
                               "AND acknowledged_at IS NULL",
                               {now, user_id, org_id, id}));
  return n == 1;
}

}  // namespace stepwise::security::identity_store
