// Consents and sessions for the consent tests.
import type { Consent } from '../../api/consents';
import { session } from '../../test/fixtures';

export const CONSENT_PERMISSIONS = ['clients.read', 'consents.read', 'consents.write', 'disclosures.read', 'disclosures.write'];

export const consentSession = () => session({ permissions: CONSENT_PERMISSIONS });

export function consent(over: Partial<Consent> = {}): Consent {
  return {
    id: 'c-1',
    version: 1,
    created_at: '2026-11-20T10:00:00.000Z',
    updated_at: '2026-11-20T10:00:00.000Z',
    client_id: 'client-1',
    part2: true,
    kind: 'specific',
    status: 'active',
    discloser: 'Northstar Recovery Center',
    information: { categories: ['attendance'], description: 'Attendance dates since admission' },
    recipient: { kind: 'person', category: 'family', name: 'Jane Smith', organization: '', address: '12 Elm St', relationship: 'sister' },
    purpose: { code: 'family_involvement', text: 'So my sister can help me keep appointments' },
    revocation_statement: 'I may revoke this consent in writing at any time.',
    expiration: { kind: 'date', date: '2027-05-01', event: '' },
    tpo_statements: null,
    signature: { id: 'sig-1', role: 'client', signer_name: 'Maria A. Lopez', method: 'typed', signed_at: '2026-11-20T10:05:00.000Z', content_sha256: 'ab'.repeat(32) },
    signed_on: '2026-11-20',
    revocation: null,
    days_to_expiry: 160,
    expiring_soon: false,
    plain_language: 'You allow Northstar Recovery Center to share Attendance dates with Jane Smith (sister) for this purpose: family involvement.',
    disclosure_count: 0,
    ...over,
  };
}
