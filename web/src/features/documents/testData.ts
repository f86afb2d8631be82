// Test records for the documents screens, shaped like the server's JSON (docs/api.md "Documents").
import type { DocumentPreview, DocumentTemplate, OrientationItem, OrientationStatus, SignedDocument } from '../../api/documents';
import { DIRECTOR_PERMISSIONS, client, session } from '../../test/fixtures';

export const DOCS_STAFF = session(
  { permissions: [...DIRECTOR_PERMISSIONS, 'documents.read', 'documents.write'], staff_id: 'staff-9' },
);

export function template(over: Partial<DocumentTemplate> = {}): DocumentTemplate {
  return {
    id: 'tpl-part2',
    version: 1,
    kind: 'part2_notice',
    title: 'Notice of Privacy Practices (42 CFR Part 2)',
    version_no: 1,
    requires_witness: false,
    active: true,
    body: '# This is a Part 2 program\n{{program_name}} protects your records.',
    updated_at: '2026-01-02T10:00:00Z',
    ...over,
  };
}

export const TEMPLATES: DocumentTemplate[] = [
  template(),
  template({ id: 'tpl-consent', kind: 'consent_to_treatment', title: 'Consent to treatment', requires_witness: true }),
  template({ id: 'tpl-rules', kind: 'program_rules', title: 'Program rules' }),
];

export function preview(over: Partial<DocumentPreview> = {}): DocumentPreview {
  return {
    template_id: 'tpl-part2',
    template_version_no: 1,
    title: 'Notice of Privacy Practices (42 CFR Part 2)',
    text: 'Notice of Privacy Practices (42 CFR Part 2)\n\nFor: Maria A. Lopez\n\nThis is a Part 2 program\nAdult IOP protects your records.',
    content_sha256: 'a'.repeat(64),
    ...over,
  };
}

export function signedDocument(over: Partial<SignedDocument> = {}): SignedDocument {
  return {
    id: 'doc-1',
    kind: 'part2_notice',
    title: 'Notice of Privacy Practices (42 CFR Part 2)',
    template_id: 'tpl-part2',
    template_version_no: 1,
    content_sha256: 'ab12cd34ef56'.padEnd(64, '0'),
    text: 'Notice text as signed',
    signatures: [
      {
        id: 'sig-1',
        role: 'client',
        signer_name: 'Maria Lopez',
        method: 'drawn',
        image: { width: 600, height: 200, strokes: [[[10, 10], [50, 40]]] },
        signed_at: '2026-01-06T15:00:00Z',
      },
    ],
    delivery_method: 'in_person',
    signed_at: '2026-01-06T15:00:00Z',
    episode_id: 'ep-1',
    part2: true,
    ...over,
  };
}

function item(code: string, label: string, over: Partial<OrientationItem> = {}): OrientationItem {
  return { code, label, required: true, document_kind: '', done: false, completed_at: '', completed_by_name: '', note: '', document_id: '', ...over };
}

export function orientation(over: Partial<OrientationStatus> = {}): OrientationStatus {
  const items = over.items ?? [
    item('schedule_track', 'Schedule and group track reviewed'),
    item('telehealth_setup', 'Telehealth set-up tested', { required: false }),
    item('part2_notice', '42 CFR Part 2 patient notice delivered and acknowledged', { document_kind: 'part2_notice' }),
    item('consent_to_treatment', 'Consent to treatment signed', {
      document_kind: 'consent_to_treatment',
      done: true,
      completed_at: '2026-01-06T15:00:00Z',
      completed_by_name: 'Maria Lopez',
      document_id: 'doc-2',
    }),
  ];
  const blocking = items.filter((i) => i.required && !i.done).map((i) => i.code);
  return { episode_id: 'ep-1', items, ready: blocking.length === 0, blocking, ...over };
}

/** A client in orientation (the stage a client is in right after admission). */
export function orientingClient() {
  const c = client();
  return c.current_episode ? { ...c, current_episode: { ...c.current_episode, stage: 'orientation' } } : c;
}
