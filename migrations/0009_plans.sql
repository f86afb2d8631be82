-- 0009: individualized treatment plans (issue 6, ADR 0011). A plan belongs to one episode of care and
-- has numbered versions; a version's content (problems, goals, objectives, interventions, schedule) is
-- JSON text, locked once anyone signs it. Signatures are rows of the signatures table (0006) with
-- owner_kind "plan_version". Reviews record progress per objective and any change in level of care.

CREATE TABLE plans (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organizations(id),
  client_id TEXT NOT NULL REFERENCES clients(id),
  episode_id TEXT NOT NULL REFERENCES episodes(id),
  current_version_no BIGINT NOT NULL,   -- the newest version
  active_version_no BIGINT,             -- the version in force, once one is fully signed
  activated_on TEXT,                    -- date the active version became active
  last_review_on TEXT,                  -- date of the latest review
  next_review_due TEXT,                 -- date; recomputed on activation and on each review
  part2 INTEGER NOT NULL DEFAULT 1,
  version BIGINT NOT NULL,
  voided INTEGER NOT NULL DEFAULT 0,
  void_reason TEXT,
  voided_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX plans_by_client ON plans (org_id, client_id, created_at);
CREATE INDEX plans_by_episode ON plans (org_id, episode_id);

CREATE TABLE plan_versions (
  id TEXT PRIMARY KEY,                  -- the signatures' owner id
  org_id TEXT NOT NULL REFERENCES organizations(id),
  plan_id TEXT NOT NULL REFERENCES plans(id),
  no BIGINT NOT NULL,                   -- 1, 2, ...
  status TEXT NOT NULL,                 -- "draft", "awaiting_signatures", "awaiting_cosign", "active", "superseded"
  reason TEXT,                          -- why this version was made (required from version 2)
  content TEXT NOT NULL,                -- JSON: preferred_track_id, schedule_constraints, problems, goals, objectives, interventions
  content_sha256 TEXT,                  -- of the rendered text, from the first signature on
  author_staff_id TEXT REFERENCES staff(id),  -- the counselor who signed as author
  author_licensed INTEGER NOT NULL DEFAULT 0, -- held a licensed credential when signing (no co-sign needed)
  created_by TEXT NOT NULL,             -- user id
  created_by_name TEXT NOT NULL,
  activated_at TEXT,
  superseded_at TEXT,
  part2 INTEGER NOT NULL DEFAULT 1,
  version BIGINT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (plan_id, no)
);

CREATE TABLE plan_reviews (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organizations(id),
  plan_id TEXT NOT NULL REFERENCES plans(id),
  version_no BIGINT NOT NULL,           -- the active version reviewed
  reviewed_on TEXT NOT NULL,            -- date
  reviewer_staff_id TEXT REFERENCES staff(id),
  reviewer_user TEXT NOT NULL,
  reviewer_name TEXT NOT NULL,
  direction TEXT NOT NULL,              -- "continue", "step_down", "step_up"
  content TEXT NOT NULL,                -- JSON: objectives' progress, client_view, level_of_care with ratings
  next_review_due TEXT,
  part2 INTEGER NOT NULL DEFAULT 1,
  version BIGINT NOT NULL,
  voided INTEGER NOT NULL DEFAULT 0,
  void_reason TEXT,
  voided_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX plan_reviews_by_plan ON plan_reviews (org_id, plan_id, reviewed_on);

-- A program's own intervention catalog and intensity checks over the installation's settings.
CREATE TABLE plan_catalogs (
  program_id TEXT PRIMARY KEY REFERENCES programs(id),
  org_id TEXT NOT NULL REFERENCES organizations(id),
  catalog TEXT NOT NULL,                -- JSON: {"interventions": [...], "intensity_checks": [...]} (either optional)
  version BIGINT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
