import { describe, expect, it } from 'vitest';
import { TPO_CLASS_TEXT } from '../../api/consents';
import { consent } from './testData';
import { emptyValues, missingElements, stepOfField, valuesFrom, withKind, type ConsentValues } from './consentRules';

const TODAY = '2026-11-22';

function complete(): ConsentValues {
  return {
    ...emptyValues('Northstar Recovery IOP'),
    kind: 'specific',
    information: { categories: ['attendance', 'progress'], description: 'Attendance dates and progress, Nov 2026 to May 2027' },
    recipient: { kind: 'person', category: 'family', name: 'Jane Smith', organization: '', address: '', relationship: 'sister' },
    purpose: { code: 'family_involvement', text: 'So my sister can help me keep my appointments' },
    expiration: { kind: 'date', date: '2027-05-01', event: '' },
  };
}

describe('missingElements', () => {
  it('finds nothing missing in a complete specific consent', () => {
    expect(missingElements(complete(), TODAY)).toEqual([]);
  });

  it('starts with every element missing in an empty consent except the defaults', () => {
    const fields = missingElements(emptyValues('Northstar'), TODAY).map((m) => m.field);
    expect(fields).toEqual(['kind', 'information.categories', 'information.description', 'purpose.code', 'expiration.kind']);
  });

  // Each 2.31 element cleared in turn is named, on the step that records it.
  const cases: [string, (v: ConsentValues) => ConsentValues, string, string][] = [
    ['kind', (v) => ({ ...v, kind: '' }), 'kind', 'kind'],
    ['discloser', (v) => ({ ...v, discloser: ' ' }), 'discloser', 'kind'],
    ['categories', (v) => ({ ...v, information: { ...v.information, categories: [] } }), 'information.categories', 'information'],
    ['description', (v) => ({ ...v, information: { ...v.information, description: '' } }), 'information.description', 'information'],
    ['recipient kind', (v) => ({ ...v, recipient: { ...v.recipient, kind: '' } }), 'recipient.kind', 'recipient'],
    ['recipient category', (v) => ({ ...v, recipient: { ...v.recipient, category: '' } }), 'recipient.category', 'recipient'],
    ['recipient name', (v) => ({ ...v, recipient: { ...v.recipient, name: '' } }), 'recipient.name', 'recipient'],
    ['purpose', (v) => ({ ...v, purpose: { code: '', text: '' } }), 'purpose.code', 'purpose'],
    ['other purpose without words', (v) => ({ ...v, purpose: { code: 'other', text: '' } }), 'purpose.text', 'purpose'],
    ['revocation statement', (v) => ({ ...v, revocation_statement: '' }), 'revocation_statement', 'revocation'],
    ['expiration', (v) => ({ ...v, expiration: { kind: '', date: '', event: '' } }), 'expiration.kind', 'expiration'],
    ['expiration date', (v) => ({ ...v, expiration: { kind: 'date', date: '', event: '' } }), 'expiration.date', 'expiration'],
    ['past expiration date', (v) => ({ ...v, expiration: { kind: 'date', date: '2026-11-21', event: '' } }), 'expiration.date', 'expiration'],
    ['expiration event', (v) => ({ ...v, expiration: { kind: 'event', date: '', event: '' } }), 'expiration.event', 'expiration'],
    ['no expiration on a specific consent', (v) => ({ ...v, expiration: { kind: 'none', date: '', event: '' } }), 'expiration.kind', 'expiration'],
  ];
  for (const [name, change, field, step] of cases) {
    it(`names a missing ${name}`, () => {
      const missing = missingElements(change(complete()), TODAY);
      expect(missing.map((m) => [m.field, m.step])).toEqual([[field, step]]);
    });
  }

  it('a TPO consent names the class, allows no end date, and only TPO purposes', () => {
    const tpo = withKind(complete(), 'tpo');
    expect(tpo.recipient).toMatchObject({ kind: 'tpo_class', name: TPO_CLASS_TEXT });
    expect(tpo.purpose.code).toBe('treatment');
    expect(missingElements({ ...tpo, expiration: { kind: 'none', date: '', event: '' } }, TODAY)).toEqual([]);
    const wrong = missingElements({ ...tpo, purpose: { code: 'employment', text: '' } }, TODAY);
    expect(wrong.map((m) => m.field)).toEqual(['purpose.code']);
  });

  it('switching back from TPO clears the class and the open-ended expiration', () => {
    const back = withKind({ ...withKind(complete(), 'tpo'), expiration: { kind: 'none', date: '', event: '' } }, 'specific');
    expect(back.recipient.kind).toBe('');
    expect(back.expiration.kind).toBe('');
  });

  it('reads a stored draft whose unset date and event are null as empty inputs', () => {
    const draft = consent({ status: 'draft', expiration: { kind: '', date: null, event: null }, purpose: { code: '', text: '', label: '' } });
    const v = valuesFrom(draft, 'Northstar');
    expect(v.expiration).toEqual({ kind: '', date: '', event: '' });
    expect(v.purpose).toEqual({ code: '', text: '' });
    expect(missingElements(v, TODAY).map((m) => m.field)).toEqual(['purpose.code', 'expiration.kind']);
  });

  it('maps server field paths to steps', () => {
    expect(stepOfField('recipient.name')).toBe('recipient');
    expect(stepOfField('information.categories[0]')).toBe('information');
    expect(stepOfField('tpo_statements.redisclosure')).toBe('sign');
    expect(stepOfField('signature')).toBe('sign');
  });
});
