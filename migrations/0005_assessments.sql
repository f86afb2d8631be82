-- 0005: instrument responses with every item answer, safety alerts and their recipients, the programs'
-- on-call lists, biopsychosocial assessments with their substances and ASAM dimension ratings, the
-- level-of-care recommendation, the decision and the outcome (issue 4, ADR 0010).
-- Free-form parts (assessment sections, the stored scoring and the recommendation with its trace) are JSON
-- text; what reports query (answers, substances, dimension ratings, levels, flags) has its own columns.

CREATE TABLE instrument_responses (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organizations(id),
  client_id TEXT NOT NULL REFERENCES clients(id),
  episode_id TEXT REFERENCES episodes(id),
  assessment_id TEXT,               -- the assessment it was given in, if any (assessments below)
  instrument TEXT NOT NULL,         -- the definition's code: "PHQ9", "GAD7", ...
  instrument_version TEXT NOT NULL, -- the definition's version when the response was started
  status TEXT NOT NULL,             -- "draft", "complete", "voided"
  completed_by TEXT NOT NULL,       -- "clinician" or "client" (tablet self-completion)
  administered_by TEXT REFERENCES staff(id),
  administered_by_user TEXT NOT NULL,  -- the user who started it (alerts reach them without a staff record)
  started_at TEXT NOT NULL,
  completed_at TEXT,
  total DOUBLE PRECISION,           -- the primary scale once complete; NULL for unsummed instruments
  band_code TEXT,
  band_label TEXT,
  flags TEXT,                       -- comma-separated flag codes once complete ("phq9_item9,...")
  scoring TEXT,                     -- the scoring as JSON once complete (scales, bands, flags, items)
  version BIGINT NOT NULL,
  voided INTEGER NOT NULL DEFAULT 0,
  void_reason TEXT,
  voided_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX instrument_responses_by_client ON instrument_responses (org_id, client_id, instrument, started_at, id);
CREATE INDEX instrument_responses_by_assessment ON instrument_responses (org_id, assessment_id);

-- Every item answer: the code chosen, its value and its LOINC answer code (reports and exports).
CREATE TABLE instrument_answers (
  response_id TEXT NOT NULL REFERENCES instrument_responses(id),
  org_id TEXT NOT NULL REFERENCES organizations(id),
  item_id TEXT NOT NULL,
  answer_code TEXT NOT NULL,
  value DOUBLE PRECISION NOT NULL,
  loinc TEXT,
  PRIMARY KEY (response_id, item_id)
);

-- The staff on call for a program's safety alerts, in the order the program lists them.
CREATE TABLE program_on_call (
  program_id TEXT NOT NULL REFERENCES programs(id),
  org_id TEXT NOT NULL REFERENCES organizations(id),
  staff_id TEXT NOT NULL REFERENCES staff(id),
  position BIGINT NOT NULL,
  PRIMARY KEY (program_id, staff_id)
);

-- One alert per safety flag of a completed response, open until a clinician records the response.
CREATE TABLE safety_alerts (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organizations(id),
  client_id TEXT NOT NULL REFERENCES clients(id),
  response_id TEXT NOT NULL REFERENCES instrument_responses(id),
  program_id TEXT REFERENCES programs(id),
  kind TEXT NOT NULL,               -- the flag code ("phq9_item9", "cssrs_high")
  label TEXT NOT NULL,
  severity TEXT NOT NULL,           -- "urgent", "warning", "info"
  raised_at TEXT NOT NULL,
  assigned_to TEXT REFERENCES staff(id),  -- the administering clinician
  raised_for_user TEXT NOT NULL,    -- the user who completed the response
  status TEXT NOT NULL,             -- "open", "resolved"
  actions TEXT,                     -- comma-separated action codes ("safety_plan,crisis_line_988")
  note TEXT,
  resolved_by TEXT,                 -- user id
  resolved_by_name TEXT,
  resolved_at TEXT,
  version BIGINT NOT NULL,
  voided INTEGER NOT NULL DEFAULT 0,
  void_reason TEXT,
  voided_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX safety_alerts_by_client ON safety_alerts (org_id, client_id, status, raised_at);

-- Who an alert is addressed to: the administering clinician and the program's on-call list when raised.
CREATE TABLE safety_alert_recipients (
  alert_id TEXT NOT NULL REFERENCES safety_alerts(id),
  org_id TEXT NOT NULL REFERENCES organizations(id),
  staff_id TEXT NOT NULL REFERENCES staff(id),
  PRIMARY KEY (alert_id, staff_id)
);
CREATE INDEX safety_alert_recipients_by_staff ON safety_alert_recipients (org_id, staff_id, alert_id);

CREATE TABLE assessments (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organizations(id),
  client_id TEXT NOT NULL REFERENCES clients(id),
  episode_id TEXT REFERENCES episodes(id),
  inquiry_id TEXT,                  -- the inquiry it answers, if any
  kind TEXT NOT NULL,               -- "initial", "continued_stay"
  status TEXT NOT NULL,             -- "draft", "complete", "voided"
  assessor_id TEXT REFERENCES staff(id),
  assessor_user TEXT NOT NULL,
  sections TEXT NOT NULL,           -- JSON object: section code -> free fields
  asam_edition BIGINT NOT NULL,     -- the policy's edition when started (3 or 4)
  flags TEXT,                       -- comma-separated clinician flag codes
  started_at TEXT NOT NULL,
  completed_at TEXT,
  recommendation TEXT,              -- JSON: level, label, trace, policy name and edition (stored on completion)
  recommended_level TEXT,
  current_level TEXT,               -- continued stay: the episode's level when completed
  direction TEXT,                   -- continued stay: "step_down", "continue", "step_up"
  decided_level TEXT,
  decision_reason TEXT,
  decided_by TEXT,                  -- user id
  decided_by_name TEXT,
  decided_at TEXT,
  outcome_kind TEXT,                -- "admitted", "referred", "level_changed", "continued"
  outcome_detail TEXT,              -- JSON: admission date, track, referred_to, note
  outcome_at TEXT,
  version BIGINT NOT NULL,
  voided INTEGER NOT NULL DEFAULT 0,
  void_reason TEXT,
  voided_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX assessments_by_client ON assessments (org_id, client_id, started_at, id);

-- One row per substance of an assessment's substance use history, with its DSM-5 criteria.
CREATE TABLE assessment_substances (
  assessment_id TEXT NOT NULL REFERENCES assessments(id),
  org_id TEXT NOT NULL REFERENCES organizations(id),
  position BIGINT NOT NULL,
  teds_code BIGINT,
  age_first_use BIGINT,
  route TEXT,
  frequency_30d TEXT,
  last_use TEXT,
  amount TEXT,
  criteria TEXT,                    -- comma-separated DSM-5 criterion numbers ("1,4,7")
  severity TEXT,                    -- from the count: "none", "mild", "moderate", "severe"
  diagnosis_code TEXT,              -- the ICD-10-CM code the clinician chose
  PRIMARY KEY (assessment_id, position)
);

-- The six ASAM dimensions of an assessment: rating 0-4 (NULL until rated) and the rationale.
CREATE TABLE assessment_dimensions (
  assessment_id TEXT NOT NULL REFERENCES assessments(id),
  org_id TEXT NOT NULL REFERENCES organizations(id),
  number BIGINT NOT NULL,
  rating BIGINT,
  rationale TEXT,
  PRIMARY KEY (assessment_id, number)
);
