// Fixtures and a server stand-in for the plan screens' tests.
import type { CatalogIntervention, IntensityCheck, Plan, PlanContent, PlanVersion } from '../../api/plans';
import { DIRECTOR_PERMISSIONS, session } from '../../test/fixtures';
import { versionedServer } from '../assessment/testData';

export const PLANNER = session({ permissions: [...DIRECTOR_PERMISSIONS, 'plans.read', 'plans.write', 'assessments.read'], staff_id: 'staff-1' });

export const CATALOG: CatalogIntervention[] = [
  { code: 'group_therapy', label: 'Group therapy', category: 'Therapy', staff: 'credentialed', topic_required: true, default_minutes: 180, default_frequency: { count: 3, per: 'week' } },
  { code: 'individual_counseling', label: 'Individual counseling', category: 'Therapy', staff: 'credentialed', topic_required: false, default_minutes: 60, default_frequency: { count: 1, per: 'week' }, session: 'individual' },
  { code: 'drug_testing', label: 'Drug testing', category: 'Medical', staff: 'any', topic_required: false, default_minutes: 15, default_frequency: { count: 2, per: 'week' } },
];

export function plan(over: Partial<Plan> = {}): Plan {
  return {
    id: 'plan-1',
    client_id: 'client-1',
    episode_id: 'ep-1',
    part2: true,
    current_version_no: 1,
    active_version_no: null,
    status: 'draft',
    next_review_due: null,
    initial_due: '2026-01-12',
    versions: [{ no: 1, status: 'draft', reason: '', created_at: '2026-01-06T15:00:00.000Z', created_by_name: 'Priya Shah' }],
    ...over,
  };
}

export function content(over: Partial<PlanContent> = {}): PlanContent {
  return {
    preferred_track_id: null,
    schedule_constraints: '',
    problems: [{ id: 'p1', dimension: 5, description: 'Drinks daily after work', from_assessment_id: 'asmt-1' }],
    goals: [{ id: 'g1', problem_ids: ['p1'], text: 'I want to stop drinking so I keep my job' }],
    objectives: [{ id: 'o1', goal_id: 'g1', text: 'Attend three groups a week', target_date: '2026-02-15', measure: 'attendance' }],
    interventions: [
      { id: 'i1', objective_ids: ['o1'], code: 'group_therapy', label: 'Group therapy', topic: 'Relapse prevention', minutes: 180, frequency: { count: 2, per: 'week' }, days: ['mon', 'wed'], staff_id: 'staff-1', staff_name: 'Priya Shah' },
    ],
    ...over,
  };
}

/** Hours a week as the server computes them (per month = count × 12 / 52), for the stand-in only. */
function perWeek(c: PlanContent): number {
  let h = 0;
  for (const i of c.interventions) {
    const days = i.days?.length || 7;
    const sessions = i.frequency.per === 'week' ? i.frequency.count : i.frequency.per === 'day' ? i.frequency.count * days : (i.frequency.count * 12) / 52;
    h += (sessions * i.minutes) / 60;
  }
  return Math.round(h * 100) / 100;
}

function checks(hours: number): IntensityCheck[] {
  const ok = hours >= 9 && hours <= 19;
  return [
    {
      code: 'asam_21_adult',
      label: 'ASAM 2.1 adult: 9–19 hours a week',
      kind: 'asam',
      applies: true,
      ok,
      message: ok ? '' : hours < 9 ? `${hours} h a week is below the minimum of 9 h` : `${hours} h a week is above the maximum of 19 h`,
    },
    { code: 'asam_21_adolescent', label: 'ASAM 2.1 adolescent: 6–19 hours a week', kind: 'asam', applies: false, ok: true, message: 'the client is an adult' },
  ];
}

export function version(over: Partial<PlanVersion> = {}): PlanVersion {
  const c = { ...content(), ...over };
  const h = perWeek(c);
  return {
    version: 1,
    plan_id: 'plan-1',
    no: 1,
    status: 'draft',
    reason: '',
    hours: { per_week: h, per_day: { mon: 3, wed: 3 }, days_per_week: 2 },
    checks: checks(h),
    signatures: [],
    content_sha256: 'abc123',
    ...c,
    ...over,
  };
}

/** A versioned stand-in for PUT …/versions/1 that recomputes hours and checks like the server does. */
export function planServer(start: PlanVersion) {
  return versionedServer(start, (prev, body) => {
    const c = body as PlanContent;
    const h = perWeek(c);
    return { ...prev, ...c, hours: { ...prev.hours, per_week: h }, checks: checks(h) };
  });
}
