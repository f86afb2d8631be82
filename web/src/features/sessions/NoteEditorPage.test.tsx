import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Note, NoteDraft } from '../../api/sessions';
import { client, session } from '../../test/fixtures';
import { apiError, json, mockFetch } from '../../test/mockFetch';
import { renderScreen } from '../../test/render';
import { NoteEditorPage } from './NoteEditorPage';
import { note } from './testData';

const WRITER = session({ permissions: ['clients.read', 'notes.read', 'notes.write', 'plans.read'], staff_id: 'staff-1' });
const SUPERVISOR = session({ permissions: ['clients.read', 'notes.read', 'notes.write', 'notes.cosign', 'plans.read'], staff_id: 'staff-9' });
const NO_PLAN = { 'GET /api/v1/clients/client-1/plans': json({ items: [] }) };

function open(route: string, routes: Record<string, unknown>, s = WRITER) {
  const m = mockFetch({ 'GET /api/v1/clients/client-1': json(client()), ...NO_PLAN, ...(routes as Record<string, never>) });
  renderScreen(<NoteEditorPage />, { route, path: '/clients/:id/notes/:nid', session: s, extra: [{ path: '/clients/:id/notes/:nid', element: <NoteEditorPage /> }] });
  return m;
}

describe('NoteEditorPage', { timeout: 30_000 }, () => {
  it('writes a new note in the program’s format (SOAP) with times in the program’s zone, linked to the appointment', async () => {
    const user = userEvent.setup();
    const m = open('/clients/client-1/notes/new?kind=individual&appointment=appt-1', {
      'GET /api/v1/programs/prog-1/session-settings': json({ note_format: 'SOAP', sign_deadline_hours: 48 }),
      'POST /api/v1/clients/client-1/notes': (call: { body: NoteDraft }) => json(note({ ...call.body, id: 'note-new', format: 'SOAP' })),
      'GET /api/v1/notes/note-new': json(note({ id: 'note-new', format: 'SOAP', sections: { subjective: 'Feels steadier', objective: '', assessment: '', plan: '' } })),
    });
    expect(await screen.findByRole('heading', { level: 1, name: 'Individual session note' })).toBeInTheDocument();
    for (const s of ['Subjective', 'Objective', 'Assessment', 'Plan']) expect(screen.getByRole('textbox', { name: new RegExp(`^${s}`) })).toBeInTheDocument();
    expect(screen.queryByLabelText(/^Data/)).not.toBeInTheDocument();
    await user.clear(screen.getByLabelText(/^Date/));
    await user.type(screen.getByLabelText(/^Date/), '2026-03-09');
    await user.type(screen.getByLabelText(/^Start/), '10:00');
    await user.type(screen.getByLabelText(/^End/), '10:53');
    expect(screen.getByTestId('note-minutes')).toHaveTextContent('53 minutes');
    await user.type(screen.getByLabelText(/^Subjective/), 'Feels steadier');
    await user.click(screen.getByRole('button', { name: 'Save draft' }));
    await waitFor(() => expect(m.callsTo('POST', '/api/v1/clients/client-1/notes')).toHaveLength(1));
    const body = m.callsTo('POST', '/api/v1/clients/client-1/notes')[0]!.body as NoteDraft;
    // The organization's zone in the fixtures is America/Chicago (CDT on March 9).
    expect(body).toMatchObject({ kind: 'individual', format: 'SOAP', appointment_id: 'appt-1', start_at: '2026-03-09T15:00:00Z', end_at: '2026-03-09T15:53:00Z', modality: 'cbt', delivery: 'in_person' });
    expect(body.sections.subjective).toBe('Feels steadier');
  });

  it('shows family-member errors beside the member', async () => {
    const user = userEvent.setup();
    open('/clients/client-1/notes/new?kind=family', {
      'GET /api/v1/programs/prog-1/session-settings': json({ note_format: 'BIRP' }),
      'POST /api/v1/clients/client-1/notes': apiError(400, 'invalid', 'invalid', [{ field: 'family_members[0].name', message: 'has no active consent to be involved' }]),
    });
    await screen.findByRole('heading', { level: 1, name: 'Family session note' });
    await user.type(screen.getByLabelText('Name (1)'), 'Uncle Tom');
    await user.type(screen.getByLabelText(/^Start/), '10:00');
    await user.type(screen.getByLabelText(/^End/), '11:00');
    await user.click(screen.getByRole('button', { name: 'Save draft' }));
    expect(await screen.findByText('has no active consent to be involved')).toBeInTheDocument();
    expect(screen.getByLabelText('Name (1)')).toHaveAccessibleDescription(/has no active consent/);
  });

  it('signs a draft with the password; the signed note is locked and takes addenda with a reason', async () => {
    const user = userEvent.setup();
    let current: Note = note();
    const m = open('/clients/client-1/notes/note-1', {
      'GET /api/v1/programs/prog-1/session-settings': json({ note_format: 'DAP' }),
      'GET /api/v1/notes/note-1': () => json(current),
      'POST /api/v1/notes/note-1/sign': () => {
        current = note({ status: 'signed', version: 2, signed_at: '2026-03-09T16:00:00Z', content_sha256: 'ab'.repeat(32) });
        return json(current);
      },
      'POST /api/v1/notes/note-1/addenda': (call: { body: { reason: string; text: string } }) => {
        current = { ...current, addenda: [{ id: 'add-1', created_at: '2026-03-10T12:00:00Z', author_name: 'Priya Shah', ...call.body }] };
        return json(current);
      },
    });
    await screen.findByRole('heading', { level: 1, name: 'Individual session note' });
    expect(screen.getByLabelText(/^Data/)).toHaveValue('Reports three sober days');
    await user.click(screen.getByRole('button', { name: 'Sign…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Sign the note' });
    await user.type(within(dialog).getByLabelText(/Your password/), 'pw');
    await user.click(within(dialog).getByRole('button', { name: 'Sign' }));
    expect(await screen.findByText('Signed — the note is locked.')).toBeInTheDocument();
    expect(screen.getByLabelText(/^Data/)).toBeDisabled();
    expect(screen.queryByRole('button', { name: 'Save draft' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Add addendum' }));
    await user.type(screen.getByLabelText(/Reason for the addendum/), 'Late information from the client');
    await user.type(screen.getByLabelText(/^Addendum/), 'Client reported a lapse on Saturday.');
    await user.click(screen.getByRole('button', { name: 'Append addendum' }));
    expect(await screen.findByTestId('addendum')).toHaveTextContent('Reason: Late information from the client');
    expect(m.callsTo('POST', '/api/v1/notes/note-1/addenda')[0]!.body).toEqual({ reason: 'Late information from the client', text: 'Client reported a lapse on Saturday.' });
    expect(m.callsTo('PUT', '/api/v1/notes/note-1')).toHaveLength(0);
  });

  it('lets a supervisor co-sign a note awaiting co-signature', async () => {
    const user = userEvent.setup();
    const m = open(
      '/clients/client-1/notes/note-1',
      {
        'GET /api/v1/programs/prog-1/session-settings': json({ note_format: 'DAP' }),
        'GET /api/v1/notes/note-1': json(note({ status: 'awaiting_cosign', author_staff_id: 'staff-1' })),
        'POST /api/v1/notes/note-1/cosign': json(note({ status: 'signed', cosigned_at: '2026-03-10T09:00:00Z', cosigned_by_name: 'Karen Olson' })),
      },
      SUPERVISOR,
    );
    await screen.findByRole('heading', { level: 1, name: 'Individual session note' });
    expect(screen.getByTestId('note-status')).toHaveTextContent('Awaiting co-sign');
    await user.click(screen.getByRole('button', { name: 'Co-sign…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Co-sign the note' });
    await user.type(within(dialog).getByLabelText(/Your password/), 'pw');
    await user.click(within(dialog).getByRole('button', { name: 'Co-sign' }));
    expect(await screen.findByText('Co-signed.')).toBeInTheDocument();
    expect(m.callsTo('POST', '/api/v1/notes/note-1/cosign')[0]!.body).toEqual({ password: 'pw' });
  });
});
