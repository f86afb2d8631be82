// Test data for the assessment screens (shapes of docs/api.md "Assessments").
import { apiError, json, type RecordedCall } from '../../test/mockFetch';
import type {
  Assessment,
  InstrumentDefinition,
  InstrumentResponse,
  LevelOfCarePolicy,
  Scoring,
  ScoringFlag,
} from '../../api/assessments';

const FREQ = [
  { code: '0', label: 'Not at all', value: 0 },
  { code: '1', label: 'Several days', value: 1 },
  { code: '2', label: 'More than half the days', value: 2 },
  { code: '3', label: 'Nearly every day', value: 3 },
];

const PHQ9_TEXT = [
  'Little interest or pleasure in doing things',
  'Feeling down, depressed, or hopeless',
  'Trouble falling or staying asleep, or sleeping too much',
  'Feeling tired or having little energy',
  'Poor appetite or overeating',
  'Feeling bad about yourself',
  'Trouble concentrating on things',
  'Moving or speaking slowly, or being fidgety or restless',
  'Thoughts that you would be better off dead, or of hurting yourself',
];

export const PHQ9: InstrumentDefinition = {
  code: 'PHQ9',
  name: 'PHQ-9',
  version: '1999',
  copyright: 'Copyright © Pfizer Inc. No permission required to reproduce, translate, display or distribute.',
  license_note: '',
  loinc_panel: '44249-1',
  loinc_total: '44261-6',
  interval_days: 14,
  items: [
    ...PHQ9_TEXT.map((text, i) => ({ id: `q${i + 1}`, text, loinc: '', required: true, scored: true, options: FREQ })),
    {
      id: 'q10',
      text: 'How difficult have these problems made it for you?',
      loinc: '',
      required: true,
      scored: false,
      options: [
        { code: '0', label: 'Not difficult at all', value: 0 },
        { code: '1', label: 'Somewhat difficult', value: 1 },
      ],
    },
  ],
  scales: [{ code: 'total', label: 'PHQ-9 total' }],
};

export const ITEM9_FLAG: ScoringFlag = { code: 'phq9_item9', label: 'item 9 (thoughts of self-harm) answered above 0', severity: 'urgent', safety: true };

/** A stand-in for the server's scoring of PHQ-9 answers (sum of q1–q9; q10 hidden while the sum is 0). */
export function scorePhq9(answers: Record<string, string | null>): Scoring {
  const sum = PHQ9_TEXT.reduce((s, _t, i) => s + Number(answers[`q${i + 1}`] ?? 0), 0);
  const answeredAny = Object.values(answers).some((v) => v !== null && v !== undefined);
  const items = PHQ9.items.map((it) => {
    const visible = it.id !== 'q10' || sum > 0;
    const code = answers[it.id] ?? '';
    return { item_id: it.id, visible, answered: code !== '', code, value: Number(code || 0) };
  });
  const missing = items.filter((i) => i.visible && !i.answered).map((i) => i.item_id);
  const band = sum >= 20 ? 'Severe' : sum >= 15 ? 'Moderately severe' : sum >= 10 ? 'Moderate' : sum >= 5 ? 'Mild' : 'Minimal';
  const flags = Number(answers.q9 ?? 0) > 0 ? [ITEM9_FLAG] : [];
  return {
    complete: missing.length === 0,
    missing,
    total: answeredAny ? sum : null,
    band_code: band.toLowerCase(),
    band_label: answeredAny ? band : '',
    scales: [{ code: 'total', label: 'PHQ-9 total', value: sum, band_code: band.toLowerCase(), band_label: band }],
    flags,
    items,
  };
}

export function phq9Response(over: Partial<InstrumentResponse> = {}): InstrumentResponse {
  const answers = over.answers ?? {};
  return {
    id: 'resp-1',
    version: 1,
    client_id: 'client-1',
    client_first_name: 'Mari',
    instrument: 'PHQ9',
    instrument_version: '1999',
    status: 'draft',
    completed_by: 'clinician',
    administered_by: 'staff-1',
    administered_by_name: 'Priya Shah',
    started_at: '2026-03-01T15:00:00.000Z',
    completed_at: null,
    answers,
    scoring: scorePhq9(answers),
    assessment_id: 'asmt-1',
    ...over,
  };
}

export const POLICY: LevelOfCarePolicy = {
  name: 'Local example policy',
  example: true,
  edition: 3,
  levels: [
    { code: '1', label: '1 Outpatient', iop: false },
    { code: '2.1', label: '2.1 Intensive outpatient', iop: true },
    { code: '2.5', label: '2.5 Partial hospitalization', iop: false },
    { code: '3.7', label: '3.7 Medically monitored inpatient', iop: false },
  ],
  dimensions: [
    { number: 1, name: 'Acute intoxication and/or withdrawal potential' },
    { number: 2, name: 'Biomedical conditions and complications' },
    { number: 3, name: 'Emotional, behavioral or cognitive conditions' },
    { number: 4, name: 'Readiness to change' },
    { number: 5, name: 'Relapse, continued use or continued problem potential' },
    { number: 6, name: 'Recovery/living environment' },
  ],
  flags: [
    { code: 'severe_withdrawal_risk', label: 'Severe withdrawal risk' },
    { code: 'unsafe_home', label: 'Unsafe or highly dysfunctional home' },
  ],
  rules: [],
};

export function assessment(over: Partial<Assessment> = {}): Assessment {
  return {
    id: 'asmt-1',
    version: 1,
    client_id: 'client-1',
    episode_id: 'ep-1',
    inquiry_id: null,
    kind: 'initial',
    status: 'draft',
    assessor_id: 'staff-1',
    assessor_name: 'Priya Shah',
    started_at: '2026-03-01T15:00:00.000Z',
    completed_at: null,
    sections: {},
    substances: [],
    dimensions: POLICY.dimensions.map((d) => ({ number: d.number, name: d.name, rating: null, rationale: '' })),
    flags: [],
    instrument_flags: [],
    recommendation: null,
    current_level: null,
    direction: null,
    decision: null,
    outcome: null,
    responses: [],
    ...over,
  };
}

export const OPTIONS = {
  teds_substances: [
    { code: '2', label: 'Alcohol' },
    { code: '5', label: 'Heroin' },
  ],
  teds_routes: [
    { code: '1', label: 'Oral' },
    { code: '4', label: 'Injection' },
  ],
  teds_frequencies: [
    { code: '1', label: 'No use in the past month' },
    { code: '5', label: 'Daily' },
  ],
  dsm5_criteria: Array.from({ length: 11 }, (_v, i) => ({ code: String(i + 1), label: `Criterion ${i + 1}` })),
};

/**
 * A server stand-in for one versioned record: checks If-Match, applies a PATCH with `apply` and bumps the
 * version, and can hold replies back (hold/release) to test that saves never overlap.
 */
export function versionedServer<T extends { version: number }>(start: T, apply: (rec: T, body: unknown) => T) {
  let rec = start;
  const gates: (() => void)[] = [];
  let holding = false;
  const patch = async (c: RecordedCall) => {
    if (holding) await new Promise<void>((resolve) => gates.push(resolve));
    if (c.headers['if-match'] !== `"${rec.version}"`) return apiError(412, 'stale_version', 'the record was changed since it was read');
    rec = { ...apply(rec, c.body), version: rec.version + 1 };
    return json(rec);
  };
  return {
    patch,
    get rec() {
      return rec;
    },
    set rec(r: T) {
      rec = r;
    },
    hold: () => {
      holding = true;
    },
    release: () => {
      holding = false;
      gates.splice(0).forEach((g) => g());
    },
  };
}
