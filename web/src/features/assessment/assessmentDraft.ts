// What the clinician edits in an assessment (the draft), and how this user's unsaved edits are put on top of
// a version someone else saved meanwhile without silently overwriting that person's changes.
import type { Assessment, AssessmentPatch, InstrumentResponse, SectionValues, SubstanceUse } from '../../api/assessments';
import type { DimensionDraft } from './DimensionsSection';

export interface Draft {
  sections: Record<string, SectionValues>;
  substances: SubstanceUse[];
  dimensions: DimensionDraft[];
  flags: string[];
}

export function toDraft(a: Assessment): Draft {
  const dims = [1, 2, 3, 4, 5, 6].map((n) => {
    const d = a.dimensions.find((x) => x.number === n);
    return { number: n, rating: d?.rating ?? null, rationale: d?.rationale ?? '' };
  });
  return {
    sections: { ...(a.sections ?? {}) },
    // Only what the clinician edits; the server derives severity and suggestions (and sends null for empty codes).
    substances: (a.substances ?? []).map((s) => ({
      teds_code: s.teds_code ?? null,
      age_first_use: s.age_first_use ?? null,
      route: s.route ?? '',
      frequency_30d: s.frequency_30d ?? '',
      last_use: s.last_use ?? '',
      amount: s.amount ?? '',
      criteria: [...(s.criteria ?? [])],
      diagnosis_code: s.diagnosis_code ?? '',
    })),
    dimensions: dims,
    flags: [...(a.flags ?? [])],
  };
}

/** Both this user and someone else changed the same part since this user last read the record. */
export class EditConflictError extends Error {
  constructor(readonly parts: string[]) {
    super(
      `Someone else saved changes to ${parts.join(', ')} while you were editing. Your edits there are not saved: ` +
        'copy what you typed, then reload the page to see their version.',
    );
    this.name = 'EditConflictError';
  }
}

/** Structural equality that ignores key order and treats undefined as null. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === undefined) a = null;
  if (b === undefined) b = null;
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ao), ...Object.keys(bo)]);
  return [...keys].every((k) => sameValue(ao[k], bo[k]));
}

const GROUP_LABELS = { substances: 'substance use', dimensions: 'the ASAM ratings', flags: 'the flags' } as const;

/**
 * The patch to send on top of `latest`, given the version `base` this user's edits were made on: parts this
 * user did not change are left out (so the other person's changes stay), parts only this user changed are
 * sent. Throws EditConflictError naming the parts both changed differently.
 */
export function rebaseAssessmentPatch(patch: AssessmentPatch, base: Assessment, latest: Assessment): AssessmentPatch {
  const was = toDraft(base);
  const now = toDraft(latest);
  const out: AssessmentPatch = {};
  const conflicts: string[] = [];
  if (patch.sections) {
    const sections = { ...now.sections };
    let mine = false;
    for (const [key, value] of Object.entries(patch.sections)) {
      if (sameValue(value, was.sections[key])) continue;  // not edited by this user
      if (!sameValue(now.sections[key], was.sections[key]) && !sameValue(now.sections[key], value)) {
        conflicts.push(`the ${key.replace(/_/g, ' ')} section`);
      }
      sections[key] = value;
      mine = true;
    }
    if (mine) out.sections = sections;
  }
  for (const key of ['substances', 'dimensions', 'flags'] as const) {
    const value = patch[key];
    if (value === undefined || sameValue(value, was[key])) continue;
    if (!sameValue(now[key], was[key]) && !sameValue(now[key], value)) conflicts.push(GROUP_LABELS[key]);
    (out as Record<string, unknown>)[key] = value;
  }
  if (conflicts.length) throw new EditConflictError(conflicts);
  return out;
}

/** The same for an instrument's answers: an item both people answered differently is a conflict. */
export function rebaseAnswers(
  patch: Record<string, string | null>,
  base: InstrumentResponse,
  latest: InstrumentResponse,
): Record<string, string | null> {
  const conflicts = Object.entries(patch)
    .filter(([id, mine]) => !sameValue(latest.answers[id], base.answers[id]) && !sameValue(latest.answers[id], mine))
    .map(([id]) => `item ${id}`);
  if (conflicts.length) throw new EditConflictError(conflicts);
  return patch;
}
