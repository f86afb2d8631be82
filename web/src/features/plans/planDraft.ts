// What the counselor edits in a draft plan version, new rows with stable ids, and how this user's unsaved
// edits are put on top of a version someone else saved meanwhile (part by part, never silently overwriting).
import type {
  CatalogIntervention,
  PlanContent,
  PlanGoal,
  PlanIntervention,
  PlanObjective,
  PlanProblem,
  PlanVersion,
} from '../../api/plans';
import { EditConflictError, sameValue } from '../assessment/assessmentDraft';

/**
 * A new id for a problem, goal, objective or intervention. Made here so that links (a goal's problems, an
 * objective's goal) hold while the row is not saved yet; ids stay the same across versions.
 */
export function newId(): string {
  const c = globalThis.crypto;
  if (c && typeof c.randomUUID === 'function') return c.randomUUID();
  const b = new Uint8Array(16);
  c.getRandomValues(b);
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function toContent(v: PlanVersion): PlanContent {
  return {
    preferred_track_id: v.preferred_track_id ?? null,
    schedule_constraints: v.schedule_constraints ?? '',
    problems: (v.problems ?? []).map((p) => ({ ...p })),
    goals: (v.goals ?? []).map((g) => ({ ...g, problem_ids: [...(g.problem_ids ?? [])] })),
    objectives: (v.objectives ?? []).map((o) => ({ ...o, target_date: o.target_date ?? '', measure: o.measure ?? '' })),
    interventions: (v.interventions ?? []).map((i) => ({
      ...i,
      objective_ids: [...(i.objective_ids ?? [])],
      topic: i.topic ?? '',
      days: [...(i.days ?? [])],
      staff_id: i.staff_id ?? null,
    })),
  };
}

export function newProblem(dimension: number): PlanProblem {
  return { id: newId(), dimension, description: '' };
}

export function newGoal(problemIds: string[] = []): PlanGoal {
  return { id: newId(), problem_ids: problemIds, text: '' };
}

export function newObjective(goalId: string): PlanObjective {
  return { id: newId(), goal_id: goalId, text: '', target_date: '', measure: '' };
}

export function newIntervention(c: CatalogIntervention, staffId: string | null): PlanIntervention {
  return {
    id: newId(),
    objective_ids: [],
    code: c.code,
    label: c.label,
    topic: '',
    minutes: c.default_minutes,
    frequency: { ...c.default_frequency },
    days: [],
    staff_id: staffId,
  };
}

/** Removing a goal removes its objectives and their links from interventions; removing a problem unlinks it. */
export function removeGoal(c: PlanContent, goalId: string): PlanContent {
  const gone = new Set(c.objectives.filter((o) => o.goal_id === goalId).map((o) => o.id));
  return {
    ...c,
    goals: c.goals.filter((g) => g.id !== goalId),
    objectives: c.objectives.filter((o) => o.goal_id !== goalId),
    interventions: c.interventions.map((i) => ({ ...i, objective_ids: i.objective_ids.filter((id) => !gone.has(id)) })),
  };
}

export function removeObjective(c: PlanContent, objectiveId: string): PlanContent {
  return {
    ...c,
    objectives: c.objectives.filter((o) => o.id !== objectiveId),
    interventions: c.interventions.map((i) => ({ ...i, objective_ids: i.objective_ids.filter((id) => id !== objectiveId) })),
  };
}

export function removeProblem(c: PlanContent, problemId: string): PlanContent {
  return {
    ...c,
    problems: c.problems.filter((p) => p.id !== problemId),
    goals: c.goals.map((g) => ({ ...g, problem_ids: g.problem_ids.filter((id) => id !== problemId) })),
  };
}

/**
 * The server refuses rows that are not complete yet (a goal without text, an objective without a target
 * date, a group without its topic). While the counselor is still typing, such rows stay on screen but are
 * left out of the save, with links to them; `incomplete` says what each needs before it is saved.
 */
export function savableContent(c: PlanContent, catalog: CatalogIntervention[]): { content: PlanContent; incomplete: string[] } {
  const incomplete: string[] = [];
  const problems = c.problems.filter((p) => {
    const ok = p.description.trim() !== '';
    if (!ok) incomplete.push(`a problem in dimension ${p.dimension} needs a description`);
    return ok;
  });
  const problemIds = new Set(problems.map((p) => p.id));
  const goals = c.goals.filter((g, gi) => {
    const ok = g.text.trim() !== '';
    if (!ok) incomplete.push(`goal ${gi + 1} needs the client’s words`);
    return ok;
  });
  const goalIds = new Set(goals.map((g) => g.id));
  const objectives = c.objectives.filter((o) => {
    if (!goalIds.has(o.goal_id)) return false;
    const missing = [o.text.trim() ? '' : 'a text', o.target_date ? '' : 'a target date'].filter(Boolean);
    if (missing.length) {
      const gi = c.goals.findIndex((g) => g.id === o.goal_id);
      const oi = c.objectives.filter((x) => x.goal_id === o.goal_id).findIndex((x) => x.id === o.id);
      incomplete.push(`objective ${gi + 1}.${oi + 1} needs ${missing.join(' and ')}`);
    }
    return missing.length === 0;
  });
  const objectiveIds = new Set(objectives.map((o) => o.id));
  const interventions = c.interventions.filter((i, n) => {
    const def = catalog.find((x) => x.code === i.code);
    const ok = !(def?.topic_required && !i.topic.trim());
    if (!ok) incomplete.push(`intervention ${n + 1} (${i.label || i.code}) needs a topic`);
    return ok;
  });
  return {
    incomplete,
    content: {
      ...c,
      problems,
      goals: goals.map((g) => ({ ...g, problem_ids: g.problem_ids.filter((id) => problemIds.has(id)) })),
      objectives,
      interventions: interventions.map((i) => ({ ...i, objective_ids: i.objective_ids.filter((id) => objectiveIds.has(id)) })),
    },
  };
}

const PART_LABELS: Record<keyof PlanContent, string> = {
  preferred_track_id: 'the preferred track',
  schedule_constraints: 'the schedule constraints',
  problems: 'the problems',
  goals: 'the goals',
  objectives: 'the objectives',
  interventions: 'the interventions',
};

/**
 * The content to send on top of `latest`, given the version `base` this user's edits were made on: each
 * part this user did not change takes the other person's value, each part only this user changed keeps
 * this user's. Throws EditConflictError naming the parts both changed differently.
 */
export function rebasePlanContent(mine: PlanContent, base: PlanVersion, latest: PlanVersion): PlanContent {
  const was = toContent(base);
  const now = toContent(latest);
  const out = { ...now };
  const conflicts: string[] = [];
  for (const key of Object.keys(PART_LABELS) as (keyof PlanContent)[]) {
    if (sameValue(mine[key], was[key])) continue;
    if (!sameValue(now[key], was[key]) && !sameValue(now[key], mine[key])) conflicts.push(PART_LABELS[key]);
    (out as Record<string, unknown>)[key] = mine[key];
  }
  if (conflicts.length) throw new EditConflictError(conflicts);
  return out;
}

/** A short name for an objective in pickers: "Goal 1 · Objective 2: Attend…". */
export function objectiveLabels(c: PlanContent): Map<string, string> {
  const out = new Map<string, string>();
  c.goals.forEach((g, gi) => {
    c.objectives
      .filter((o) => o.goal_id === g.id)
      .forEach((o, oi) => {
        const text = o.text.trim();
        out.set(o.id, `${gi + 1}.${oi + 1}${text ? ` ${text.length > 60 ? `${text.slice(0, 57)}…` : text}` : ''}`);
      });
  });
  return out;
}

export const STATUS_LABELS: Record<string, string> = {
  draft: 'Draft',
  awaiting_signatures: 'Awaiting signatures',
  awaiting_cosign: 'Awaiting supervisor co-signature',
  active: 'Active',
  superseded: 'Superseded',
};

export const STATUS_COLORS: Record<string, string> = {
  draft: 'yellow',
  awaiting_signatures: 'orange',
  awaiting_cosign: 'orange',
  active: 'green',
  superseded: 'gray',
};

/**
 * Server field errors name rows by their index in the content that was sent; the screen shows every row
 * (incomplete ones too). Rewrites `objectives[2].target_date` to the index of the same row on screen.
 */
export function errorsOnScreen(fields: { field: string; message: string }[], sent: PlanContent, shown: PlanContent): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fields) {
    let field = f.field;
    const m = /^(problems|goals|objectives|interventions)\[(\d+)\](.*)$/.exec(field);
    if (m) {
      const list = m[1] as 'problems' | 'goals' | 'objectives' | 'interventions';
      const id = sent[list][Number(m[2])]?.id;
      const at = id === undefined ? -1 : shown[list].findIndex((x) => x.id === id);
      if (at >= 0) field = `${list}[${at}]${m[3]}`;
    }
    out[field] = out[field] ? `${out[field]}; ${f.message}` : f.message;
  }
  return out;
}
