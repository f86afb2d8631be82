-- 0003: user accounts, sessions, MFA recovery codes, API tokens, sign-in throttling, emergency access,
-- alerts and per-organization security settings (issue 3). Secrets are never stored: sessions and
-- tokens are kept as SHA-256 hashes of their random values, passwords as Argon2id strings.

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organizations(id),
  username TEXT NOT NULL,             -- lowercase, unique in the installation
  display_name TEXT NOT NULL,
  staff_id TEXT REFERENCES staff(id),
  roles TEXT NOT NULL,                -- comma-separated role codes, as in the policy file
  password_hash TEXT NOT NULL,        -- $argon2id$v=19$m=…,t=…,p=1$…
  password_changed_at TEXT NOT NULL,
  mfa_secret TEXT,                    -- base32 TOTP secret once confirmed
  mfa_pending_secret TEXT,            -- enrolled but not yet confirmed
  mfa_last_step BIGINT NOT NULL DEFAULT 0,  -- the last TOTP time step accepted (no reuse)
  emergency_access INTEGER NOT NULL DEFAULT 0,
  disabled INTEGER NOT NULL DEFAULT 0,
  last_sign_in_at TEXT,
  version BIGINT NOT NULL,
  voided INTEGER NOT NULL DEFAULT 0,  -- accounts are disabled, never voided; kept for the shared helpers
  void_reason TEXT,
  voided_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (username)
);
CREATE INDEX users_by_org ON users (org_id, username);

CREATE TABLE recovery_codes (
  user_id TEXT NOT NULL REFERENCES users(id),
  org_id TEXT NOT NULL REFERENCES organizations(id),
  code_hash TEXT NOT NULL,
  used_at TEXT,
  PRIMARY KEY (user_id, code_hash)
);

CREATE TABLE sessions (
  id TEXT PRIMARY KEY,                -- a public handle for "my sessions"; not the secret
  token_hash TEXT NOT NULL UNIQUE,    -- SHA-256 of the cookie value
  org_id TEXT NOT NULL REFERENCES organizations(id),
  user_id TEXT NOT NULL REFERENCES users(id),
  state TEXT NOT NULL,                -- "mfa_pending", "mfa_enrollment", "active"
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,           -- the absolute limit
  ended_at TEXT,
  end_reason TEXT,                    -- "sign_out", "ended_by_user", "password_change", "idle", ...
  source_address TEXT,
  user_agent TEXT
);
CREATE INDEX sessions_by_user ON sessions (org_id, user_id, created_at);

CREATE TABLE api_tokens (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organizations(id),
  user_id TEXT NOT NULL REFERENCES users(id),
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  revoked_at TEXT,
  last_used_at TEXT
);
CREATE INDEX api_tokens_by_user ON api_tokens (org_id, user_id, created_at);

-- Sign-in throttling per attempted username (known or not), so the answer never reveals which exist.
CREATE TABLE login_throttle (
  username TEXT PRIMARY KEY,
  consecutive_failures BIGINT NOT NULL,
  last_failure_at TEXT NOT NULL
);
CREATE TABLE login_failures (
  username TEXT NOT NULL,
  failed_at TEXT NOT NULL
);
CREATE INDEX login_failures_by_username ON login_failures (username, failed_at);

CREATE TABLE emergency_grants (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organizations(id),
  user_id TEXT NOT NULL REFERENCES users(id),
  client_id TEXT NOT NULL REFERENCES clients(id),
  reason TEXT NOT NULL,
  started_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX emergency_grants_by_user ON emergency_grants (org_id, user_id, expires_at);

CREATE TABLE alerts (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organizations(id),
  kind TEXT NOT NULL,                 -- "emergency_access"
  message TEXT NOT NULL,
  user_id TEXT,
  client_id TEXT,
  created_at TEXT NOT NULL,
  acknowledged_at TEXT,
  acknowledged_by TEXT
);
CREATE INDEX alerts_by_org ON alerts (org_id, created_at);

CREATE TABLE security_settings (
  org_id TEXT PRIMARY KEY REFERENCES organizations(id),
  require_mfa_for_all INTEGER NOT NULL,
  idle_timeout_minutes BIGINT NOT NULL,
  emergency_minutes BIGINT NOT NULL,
  version BIGINT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
