// The 42 CFR 2.31 elements of a consent, one wizard step each, and which of them a draft still lacks.
// The server checks the same on activation (and names the same JSON paths); this copy only lets the wizard
// say what is missing before the signature is taken.
import {
  PURPOSES,
  TPO_CLASS_TEXT,
  type Consent,
  type ConsentDraft,
  type ConsentExpiration,
  type ConsentInformation,
  type ConsentPurpose,
  type ConsentRecipient,
} from '../../api/consents';

export type StepId = 'kind' | 'information' | 'recipient' | 'purpose' | 'revocation' | 'expiration' | 'sign';

export interface StepDef {
  id: StepId;
  label: string;
  /** The §2.31 element the step records. */
  description: string;
}

const SIGN_STEP: StepDef = { id: 'sign', label: 'Review and sign', description: 'Plain-language summary and signature' };

export const STEPS: StepDef[] = [
  { id: 'kind', label: 'Type', description: 'Kind of consent and who may disclose' },
  { id: 'information', label: 'Information', description: 'What may be shared' },
  { id: 'recipient', label: 'Recipient', description: 'Who may receive it' },
  { id: 'purpose', label: 'Purpose', description: 'Why it is shared' },
  { id: 'revocation', label: 'Right to revoke', description: 'How to take it back' },
  { id: 'expiration', label: 'Expiration', description: 'When it ends' },
  SIGN_STEP,
];

/** The step at `index` (the last one past the end). */
export function stepAt(index: number): StepDef {
  return STEPS[index] ?? SIGN_STEP;
}

/** The wizard's working copy: every element present (empty until filled). */
export interface ConsentValues {
  kind: '' | 'tpo' | 'specific';
  discloser: string;
  information: ConsentInformation;
  recipient: ConsentRecipient;
  purpose: ConsentPurpose;
  revocation_statement: string;
  expiration: ExpirationValues;
}

/** The expiration as the wizard edits it ('' for unset, where the server says null). */
export interface ExpirationValues {
  kind: ConsentExpiration['kind'];
  date: string;
  event: string;
}

export function defaultRevocationStatement(org: string): string {
  return (
    `I may revoke this consent in writing at any time, except to the extent that ${org || 'the program'} has already ` +
    `acted on it, by giving or sending a signed, dated revocation to ${org || 'the program'}. I may also tell my ` +
    `counselor that I want to revoke it.`
  );
}

export function emptyValues(org: string): ConsentValues {
  return {
    kind: '',
    discloser: org,
    information: { categories: [], description: '' },
    recipient: { kind: '', category: '', name: '', organization: '', address: '', relationship: '' },
    purpose: { code: '', text: '' },
    revocation_statement: defaultRevocationStatement(org),
    expiration: { kind: '', date: '', event: '' },
  };
}

/** `{a: null}` → `{a: ''}`: the server sends unset text and dates as null; the inputs want strings. */
function texts<T extends object>(empty: T, stored: Partial<Record<keyof T, unknown>> | null | undefined): T {
  const out = { ...empty };
  for (const k of Object.keys(empty) as (keyof T)[]) {
    const v = stored?.[k];
    if (typeof v === 'string') out[k] = v as T[keyof T];
  }
  return out;
}

/** A stored draft as wizard values (missing pieces filled with empties). */
export function valuesFrom(c: Consent, org: string): ConsentValues {
  const e = emptyValues(org);
  return {
    kind: c.kind || '',
    discloser: c.discloser || e.discloser,
    information: { description: c.information?.description ?? '', categories: c.information?.categories ?? [] },
    recipient: texts(e.recipient, c.recipient),
    purpose: texts(e.purpose, c.purpose),
    revocation_statement: c.revocation_statement || e.revocation_statement,
    expiration: texts(e.expiration, c.expiration),
  };
}

/** What the wizard sends to save a draft (the whole working copy; empty strings mean "not yet"). */
export function draftBody(v: ConsentValues): ConsentDraft {
  return {
    ...(v.kind ? { kind: v.kind } : {}),
    discloser: v.discloser,
    information: v.information,
    recipient: v.recipient,
    purpose: v.purpose,
    revocation_statement: v.revocation_statement,
    expiration: v.expiration,
  };
}

/** Switching the kind: a TPO consent names the fixed recipient class and allows no other purposes. */
export function withKind(v: ConsentValues, kind: 'tpo' | 'specific'): ConsentValues {
  if (kind === v.kind) return v;
  if (kind === 'tpo') {
    const purpose = PURPOSES.find((p) => p.code === v.purpose.code)?.tpo ? v.purpose : { code: 'treatment', text: v.purpose.text };
    return {
      ...v,
      kind,
      recipient: { kind: 'tpo_class', category: '', name: TPO_CLASS_TEXT, organization: '', address: '', relationship: '' },
      purpose,
      expiration: v.expiration.kind ? v.expiration : { kind: 'none', date: '', event: '' },
    };
  }
  const fromTpo = v.recipient.kind === 'tpo_class';
  return {
    ...v,
    kind,
    recipient: fromTpo ? { kind: '', category: '', name: '', organization: '', address: '', relationship: '' } : v.recipient,
    expiration: v.expiration.kind === 'none' ? { kind: '', date: '', event: '' } : v.expiration,
  };
}

export interface Missing {
  /** The JSON path the server names for the same problem. */
  field: string;
  step: StepId;
  message: string;
}

const blank = (s: string | undefined | null) => !s || !s.trim();

/** Every element still missing or inconsistent, in step order. `today` is YYYY-MM-DD. */
export function missingElements(v: ConsentValues, today: string): Missing[] {
  const out: Missing[] = [];
  const add = (field: string, step: StepId, message: string) => out.push({ field, step, message });
  if (!v.kind) add('kind', 'kind', 'Choose the kind of consent');
  if (blank(v.discloser)) add('discloser', 'kind', 'Name who may disclose (the program)');
  if (v.information.categories.length === 0) add('information.categories', 'information', 'Choose at least one kind of information');
  if (blank(v.information.description)) add('information.description', 'information', 'Describe the information specifically');
  if (v.kind === 'specific') {
    if (v.recipient.kind !== 'person' && v.recipient.kind !== 'organization') add('recipient.kind', 'recipient', 'Choose a person or an organization');
    if (blank(v.recipient.category)) add('recipient.category', 'recipient', 'Choose the kind of recipient');
    if (blank(v.recipient.name)) {
      add('recipient.name', 'recipient', v.recipient.kind === 'organization' ? 'Name the organization' : 'Name the person');
    }
  }
  const purpose = PURPOSES.find((p) => p.code === v.purpose.code);
  if (!purpose) add('purpose.code', 'purpose', 'Choose the purpose');
  else if (v.kind === 'tpo' && !purpose.tpo) add('purpose.code', 'purpose', 'A TPO consent allows only treatment, payment or health care operations');
  if (purpose?.code === 'other' && blank(v.purpose.text)) {
    add('purpose.text', 'purpose', 'Say in a sentence why the information is shared');
  }
  if (blank(v.revocation_statement)) add('revocation_statement', 'revocation', 'State the right to revoke and how');
  const x = v.expiration;
  if (!x.kind) add('expiration.kind', 'expiration', 'Choose when the consent ends');
  else if (x.kind === 'date') {
    if (blank(x.date)) add('expiration.date', 'expiration', 'Give the date the consent ends');
    else if (x.date < today) add('expiration.date', 'expiration', 'The end date has already passed');
  } else if (x.kind === 'event') {
    if (blank(x.event)) add('expiration.event', 'expiration', 'Name the event that ends the consent');
  } else if (x.kind === 'none' && v.kind !== 'tpo') {
    add('expiration.kind', 'expiration', 'Only a TPO consent may have no end date');
  }
  return out;
}

export function missingIn(step: StepId, missing: Missing[]): Missing[] {
  return missing.filter((m) => m.step === step);
}

/** Which step shows a server field error (`recipient.name` → recipient). */
export function stepOfField(field: string): StepId {
  const head = field.split(/[.[]/)[0] ?? '';
  if (head === 'kind' || head === 'discloser') return 'kind';
  if (head === 'information') return 'information';
  if (head === 'recipient') return 'recipient';
  if (head === 'purpose') return 'purpose';
  if (head === 'revocation_statement') return 'revocation';
  if (head === 'expiration') return 'expiration';
  return 'sign';
}
