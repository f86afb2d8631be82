import { describe, expect, it } from 'vitest';
import type { Assessment, InstrumentResponse } from '../../api/assessments';
import { EditConflictError, rebaseAnswers, rebaseAssessmentPatch, sameValue } from './assessmentDraft';

function assessment(over: Partial<Assessment>): Assessment {
  return {
    id: 'a1',
    version: 3,
    sections: {},
    substances: [],
    dimensions: [],
    flags: [],
    ...over,
  } as Assessment;
}

describe('rebasing unsaved edits on a version saved by someone else', () => {
  it('keeps the other person’s sections and sends only the sections this user changed', () => {
    const base = assessment({ sections: { legal: { notes: 'none' }, medical: { notes: '' } } });
    const latest = assessment({ version: 4, sections: { legal: { notes: 'probation until 2027' }, medical: { notes: '' } } });
    const patch = { sections: { legal: { notes: 'none' }, medical: { notes: 'asthma' } } };
    const out = rebaseAssessmentPatch(patch, base, latest);
    expect(out.sections).toEqual({ legal: { notes: 'probation until 2027' }, medical: { notes: 'asthma' } });
  });

  it('refuses, naming the part, when both changed the same section or ratings differently', () => {
    const base = assessment({ sections: { legal: { notes: 'none' } }, flags: [] });
    const latest = assessment({ version: 4, sections: { legal: { notes: 'probation' } }, flags: ['unsafe_home'] });
    expect(() => rebaseAssessmentPatch({ sections: { legal: { notes: 'jail 2019' } } }, base, latest)).toThrow(EditConflictError);
    try {
      rebaseAssessmentPatch({ sections: { legal: { notes: 'jail 2019' } }, flags: ['acute_psychiatric'] }, base, latest);
    } catch (e) {
      expect((e as EditConflictError).parts).toEqual(['the legal section', 'the flags']);
    }
  });

  it('leaves out groups this user did not change and accepts identical changes', () => {
    const base = assessment({ flags: [] });
    const latest = assessment({ version: 4, flags: ['unsafe_home'] });
    expect(rebaseAssessmentPatch({ flags: [] }, base, latest)).toEqual({});
    expect(rebaseAssessmentPatch({ flags: ['unsafe_home'] }, base, latest)).toEqual({ flags: ['unsafe_home'] });
  });

  it('answers: an item both people answered differently is a conflict; other items go through', () => {
    const base = { answers: { q1: '0' } } as unknown as InstrumentResponse;
    const latest = { answers: { q1: '2', q2: '1' } } as unknown as InstrumentResponse;
    expect(rebaseAnswers({ q3: '1' }, base, latest)).toEqual({ q3: '1' });
    expect(rebaseAnswers({ q1: '2' }, base, latest)).toEqual({ q1: '2' });
    expect(() => rebaseAnswers({ q1: '3' }, base, latest)).toThrow(/item q1/);
    expect(() => rebaseAnswers({ q2: null }, base, latest)).toThrow(/item q2/);
  });

  it('compares values structurally, ignoring key order, with undefined as null', () => {
    expect(sameValue({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toBe(true);
    expect(sameValue({ a: undefined }, {})).toBe(true);
    expect(sameValue([1, 2], [2, 1])).toBe(false);
  });
});
