import type { Client, ClientDraft, Identifier } from '../../api/types';
import { compact } from '../../lib/format';

/** Every input of the client form, as strings (empty = not recorded). */
export interface ClientFormValues extends Record<string, unknown> {
  mrn: string;
  legal_name: { given: string; middle: string; family: string };
  preferred_name: string;
  pronouns: string;
  birth_date: string;
  sex_at_birth: string;
  gender_identity: string;
  phone: string;
  email: string;
  address: { line1: string; line2: string; city: string; state: string; postal_code: string };
  emergency_contact: { name: string; relationship: string; phone: string };
}

export function emptyClientValues(): ClientFormValues {
  return {
    mrn: '',
    legal_name: { given: '', middle: '', family: '' },
    preferred_name: '',
    pronouns: '',
    birth_date: '',
    sex_at_birth: '',
    gender_identity: '',
    phone: '',
    email: '',
    address: { line1: '', line2: '', city: '', state: '', postal_code: '' },
    emergency_contact: { name: '', relationship: '', phone: '' },
  };
}

export function clientToValues(c: Client): ClientFormValues {
  return {
    mrn: c.mrn ?? '',
    legal_name: { given: c.legal_name.given ?? '', middle: c.legal_name.middle ?? '', family: c.legal_name.family ?? '' },
    preferred_name: c.preferred_name ?? '',
    pronouns: c.pronouns ?? '',
    birth_date: c.birth_date ?? '',
    sex_at_birth: c.sex_at_birth ?? '',
    gender_identity: c.gender_identity ?? '',
    phone: c.phone ?? '',
    email: c.email ?? '',
    address: {
      line1: c.address?.line1 ?? '',
      line2: c.address?.line2 ?? '',
      city: c.address?.city ?? '',
      state: c.address?.state ?? '',
      postal_code: c.address?.postal_code ?? '',
    },
    emergency_contact: {
      name: c.emergency_contact?.name ?? '',
      relationship: c.emergency_contact?.relationship ?? '',
      phone: c.emergency_contact?.phone ?? '',
    },
  };
}

function trimAll<T>(v: T): T {
  if (typeof v === 'string') return v.trim() as T;
  if (Array.isArray(v)) return v.map(trimAll) as T;
  if (typeof v === 'object' && v !== null) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, trimAll(x)])) as T;
  }
  return v;
}

/** The request body: trimmed, with empty optional fields left out. Identifiers pass through unchanged. */
export function valuesToDraft(values: ClientFormValues, identifiers?: Identifier[]): ClientDraft {
  const v = trimAll(values);
  const draft = compact<ClientDraft>({
    mrn: v.mrn,
    legal_name: { given: v.legal_name.given, middle: v.legal_name.middle, family: v.legal_name.family },
    preferred_name: v.preferred_name,
    pronouns: v.pronouns,
    birth_date: v.birth_date,
    sex_at_birth: v.sex_at_birth,
    gender_identity: v.gender_identity,
    phone: v.phone,
    email: v.email,
    address: v.address,
    emergency_contact: v.emergency_contact,
  });
  // Required fields stay present even when empty, so the server names them.
  draft.legal_name = { ...draft.legal_name, given: v.legal_name.given, family: v.legal_name.family };
  draft.birth_date = v.birth_date;
  if (identifiers && identifiers.length > 0) draft.identifiers = identifiers;
  return draft;
}

/** Labels for form paths (conflict lists and error lists). */
export const CLIENT_FIELD_LABELS: Record<string, string> = {
  mrn: 'MRN',
  'legal_name.given': 'Legal given name',
  'legal_name.middle': 'Legal middle name',
  'legal_name.family': 'Legal family name',
  preferred_name: 'Preferred name',
  pronouns: 'Pronouns',
  birth_date: 'Date of birth',
  sex_at_birth: 'Sex assigned at birth',
  gender_identity: 'Gender identity',
  phone: 'Phone',
  email: 'Email',
  'address.line1': 'Address line 1',
  'address.line2': 'Address line 2',
  'address.city': 'City',
  'address.state': 'State',
  'address.postal_code': 'ZIP code',
  'emergency_contact.name': 'Emergency contact name',
  'emergency_contact.relationship': 'Emergency contact relationship',
  'emergency_contact.phone': 'Emergency contact phone',
};
