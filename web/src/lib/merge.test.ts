import { describe, expect, it } from 'vitest';
import { threeWayMerge } from './merge';

describe('threeWayMerge', () => {
  const base = { name: { given: 'Maria', family: 'Lopez' }, phone: '1', email: 'a@x', roles: ['counselor'] };

  it('keeps my edits and takes their other changes', () => {
    const mine = { ...base, phone: '2' };
    const theirs = { ...base, email: 'b@x' };
    const r = threeWayMerge(base, mine, theirs);
    expect(r.merged).toEqual({ ...base, phone: '2', email: 'b@x' });
    expect(r.conflicts).toEqual([]);
  });

  it('reports fields both changed differently, keeping mine', () => {
    const mine = { ...base, name: { given: 'Mari', family: 'Lopez' } };
    const theirs = { ...base, name: { given: 'Marie', family: 'Lopez' } };
    const r = threeWayMerge(base, mine, theirs);
    expect(r.merged.name.given).toBe('Mari');
    expect(r.conflicts).toEqual([{ path: 'name.given', mine: 'Mari', theirs: 'Marie' }]);
  });

  it('treats arrays as whole values', () => {
    const theirs = { ...base, roles: ['counselor', 'therapist'] };
    expect(threeWayMerge(base, base, theirs).merged.roles).toEqual(['counselor', 'therapist']);
    const mine = { ...base, roles: [] as string[] };
    const r = threeWayMerge(base, mine, theirs);
    expect(r.merged.roles).toEqual([]);
    expect(r.conflicts.map((c) => c.path)).toEqual(['roles']);
  });

  it('does not report a conflict when both made the same change', () => {
    const changed = { ...base, phone: '9' };
    expect(threeWayMerge(base, changed, { ...changed }).conflicts).toEqual([]);
  });
});
