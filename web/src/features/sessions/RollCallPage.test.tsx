import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { GroupSessionSave } from '../../api/sessions';
import { session } from '../../test/fixtures';
import { apiError, json, mockFetch } from '../../test/mockFetch';
import { renderScreen } from '../../test/render';
import { RollCallPage } from './RollCallPage';
import { clientId, groupSession, OCC_ID } from './testData';

const PATH = `/api/v1/group-sessions/${encodeURIComponent(OCC_ID)}`;
const WRITER = session({ permissions: ['clients.read', 'notes.read', 'notes.write', 'plans.read'], staff_id: 'staff-1' });

function recordFrom(body: GroupSessionSave, status = 'draft') {
  return {
    id: 'rec-1',
    version: 1,
    status,
    shared_note: body.shared_note,
    attendance: body.attendance.map((a) => ({ ...a, attended_minutes: a.status.startsWith('absent') ? 0 : 90 - a.late_minutes - a.left_early_minutes })),
    notes: body.notes.map((n) => ({ ...n, note_id: `note-${n.client_id}`, status })),
  };
}

function start(routes: Record<string, unknown> = {}) {
  const gs = groupSession(12);
  const m = mockFetch({
    [`GET ${PATH}`]: json(gs),
    'GET /api/v1/clients/client-01/plans': json({ items: [{ id: 'plan-1', active_version_no: 1, current_version_no: 1, versions: [] }] }),
    'GET /api/v1/plans/plan-1/versions/1': json({ objectives: [{ id: 'obj-1', goal_id: 'g', text: 'Name three triggers', target_date: '2026-04-01', measure: '' }], interventions: [] }),
    ...(routes as Record<string, never>),
  });
  renderScreen(<RollCallPage />, { route: `/groups/${encodeURIComponent(OCC_ID)}`, path: '/groups/:occurrenceId', session: WRITER });
  return m;
}

const row = (name: string) => screen.getByRole('listitem', { name });

describe('RollCallPage', { timeout: 120_000 }, () => {
  it('takes roll call and notes for a 12-client group and saves everything in one request', async () => {
    const user = userEvent.setup();
    const m = start({
      [`PUT ${PATH}`]: (call: { body: GroupSessionSave }) => json({ ...groupSession(12), record: recordFrom(call.body) }),
    });
    await screen.findByRole('heading', { level: 1, name: 'Relapse prevention' });
    expect(screen.getAllByTestId('attendee-row')).toHaveLength(12);
    expect(screen.getByText('0 attending · 0 absent · 12 not marked')).toBeInTheDocument();

    // Minutes fields appear only for the status that needs them.
    expect(within(row('Ana Reyes')).queryByLabelText(/Minutes late/)).not.toBeInTheDocument();
    await user.click(within(row('Ana Reyes')).getByRole('radio', { name: 'Late' }));
    const late = within(row('Ana Reyes')).getByLabelText('Minutes late (Ana Reyes)');
    expect(within(row('Ana Reyes')).queryByLabelText(/Minutes left early/)).not.toBeInTheDocument();
    await user.type(late, '15');
    expect(within(row('Ana Reyes')).getByTestId('attended-minutes')).toHaveTextContent('Attended 75 of 90 min');

    await user.click(within(row('Bo Lund')).getByRole('radio', { name: 'Absent, excused' }));
    await user.type(within(row('Bo Lund')).getByLabelText('Reason for absence (Bo Lund)'), 'Court date');
    expect(within(row('Bo Lund')).queryByRole('button', { name: /Write note/ })).not.toBeInTheDocument();

    // Ana's note: a template, then her own objective from her plan.
    await user.click(within(row('Ana Reyes')).getByRole('button', { name: 'Write note for Ana Reyes' }));
    await user.click(within(row('Ana Reyes')).getByRole('button', { name: /Templates for Ana Reyes/ }));
    await user.click(await screen.findByRole('menuitem', { name: 'Engaged, shared' }));
    expect(within(row('Ana Reyes')).getByLabelText<HTMLTextAreaElement>('Participation').value).toMatch(/^Actively engaged/);
    const obj = await within(row('Ana Reyes')).findByRole('radiogroup', { name: 'Progress on objective 1' });
    await user.click(within(obj).getByRole('radio', { name: 'Some' }));
    await user.type(within(row('Ana Reyes')).getByLabelText('Client quote'), 'One day at a time');

    await user.click(screen.getByRole('button', { name: 'Mark the rest present' }));
    expect(screen.getByText('11 attending · 1 absent · 0 not marked')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.getByTestId('save-status')).toHaveTextContent('Saved'));

    const puts = m.callsTo('PUT', PATH);
    expect(puts).toHaveLength(1);
    expect(puts[0]!.headers['if-match']).toBeUndefined();
    const body = puts[0]!.body as GroupSessionSave;
    expect(body.attendance).toHaveLength(12);
    expect(body.attendance[0]).toEqual({ client_id: clientId(0), status: 'late', late_minutes: 15, left_early_minutes: 0, absence_reason: '' });
    expect(body.attendance[1]).toMatchObject({ status: 'absent_excused', absence_reason: 'Court date' });
    expect(body.notes).toHaveLength(1);
    expect(body.notes[0]).toMatchObject({ client_id: clientId(0), client_quote: 'One day at a time', objective_progress: [{ objective_id: 'obj-1', progress: 'some', comment: '' }] });
    expect(body.shared_note).toMatchObject({ topic: 'Coping with cravings', curriculum_module: 'Module 3' });
    // Only the opened note's client's plan was read.
    expect(m.calls.filter((c) => c.path.endsWith('/plans'))).toHaveLength(1);
    expect(within(row('Ana Reyes')).getByText('Note draft')).toBeInTheDocument();
  });

  it('shows the server’s field errors beside the right row and keeps what was typed', async () => {
    const user = userEvent.setup();
    start({
      [`PUT ${PATH}`]: apiError(400, 'invalid', 'Some fields are not valid', [
        { field: 'attendance[2].late_minutes', message: 'must be less than the session length (90 minutes)' },
        { field: 'notes[0].text', message: 'names another attendee' },
      ]),
    });
    await screen.findByRole('heading', { level: 1, name: 'Relapse prevention' });
    await user.click(within(row('Ana Reyes')).getByRole('radio', { name: 'Present' }));
    await user.click(within(row('Ana Reyes')).getByRole('button', { name: 'Write note for Ana Reyes' }));
    await user.type(within(row('Ana Reyes')).getByLabelText('Note'), 'Sat with Bo Lund');
    expect(within(row('Ana Reyes')).getByText(/seems to name Bo Lund/)).toBeInTheDocument();
    await user.click(within(row('Bo Lund')).getByRole('radio', { name: 'Present' }));
    await user.click(within(row('Carmen Diaz')).getByRole('radio', { name: 'Late' }));
    await user.type(within(row('Carmen Diaz')).getByLabelText(/Minutes late/), '95');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(await within(row('Carmen Diaz')).findByText('must be less than the session length (90 minutes)')).toBeInTheDocument();
    expect(within(row('Ana Reyes')).getByText('names another attendee')).toBeInTheDocument();
    expect(within(row('Bo Lund')).queryByText(/must be less/)).not.toBeInTheDocument();
    expect(within(row('Carmen Diaz')).getByLabelText(/Minutes late/)).toHaveValue('95');
    expect(screen.getByText('Not saved')).toBeInTheDocument();
  });

  it('signs with the password and then shows the notes locked', async () => {
    const user = userEvent.setup();
    const saved = groupSession(2);
    saved.record = recordFrom({
      shared_note: { topic: 't', curriculum_module: '', modality: 'in_person', summary: 's', facilitator_staff_ids: [] },
      attendance: saved.roster.map((r) => ({ client_id: r.client_id, status: 'present', late_minutes: 0, left_early_minutes: 0, absence_reason: '' })),
      notes: [{ client_id: clientId(0), participation: 'Engaged', objective_progress: [], mood_affect: '', risk: { level: 'none', observations: '' }, client_quote: '', text: '' }],
    }) as never;
    let signed = false;
    const m = mockFetch({
      [`GET ${PATH}`]: () => json(signed ? { ...saved, record: { ...saved.record!, status: 'signed', notes: saved.record!.notes.map((n) => ({ ...n, status: 'signed' })) } } : saved),
      [`POST ${PATH}/sign`]: (call) => {
        if ((call.body as { password: string }).password !== 'right-password') return apiError(400, 'invalid', 'invalid', [{ field: 'password', message: 'is not correct' }]);
        signed = true;
        return json({ ...saved.record, status: 'signed' });
      },
    });
    renderScreen(<RollCallPage />, { route: `/groups/${encodeURIComponent(OCC_ID)}`, path: '/groups/:occurrenceId', session: WRITER });
    await screen.findByRole('heading', { level: 1, name: 'Relapse prevention' });
    expect(screen.getByTestId('record-status')).toHaveTextContent('Draft saved');
    await user.click(screen.getByRole('button', { name: 'Sign…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Sign the group notes' });
    await user.type(within(dialog).getByLabelText(/Your password/), 'wrong');
    await user.click(within(dialog).getByRole('button', { name: 'Sign' }));
    expect(await within(dialog).findByText('Password: is not correct')).toBeInTheDocument();
    await user.clear(within(dialog).getByLabelText(/Your password/));
    await user.type(within(dialog).getByLabelText(/Your password/), 'right-password');
    await user.click(within(dialog).getByRole('button', { name: 'Sign' }));
    expect(await screen.findByTestId('locked-notice')).toHaveTextContent(/can no longer be edited/);
    expect(screen.getByTestId('record-status')).toHaveTextContent('Signed');
    expect(within(row('Ana Reyes')).getByRole('radio', { name: 'Present' })).toBeDisabled();
    expect(screen.queryByRole('button', { name: 'Save' })).not.toBeInTheDocument();
    expect(m.callsTo('POST', `${PATH}/sign`).map((c) => c.body)).toEqual([{ password: 'wrong' }, { password: 'right-password' }]);
  });

  it('holds Sign back until the shared note has its content summary, and says so', async () => {
    const saved = groupSession(2);
    saved.record = recordFrom({
      shared_note: { topic: 't', curriculum_module: '', modality: 'in_person', summary: '', facilitator_staff_ids: [] },
      attendance: saved.roster.map((r) => ({ client_id: r.client_id, status: 'present', late_minutes: 0, left_early_minutes: 0, absence_reason: '' })),
      notes: [],
    }) as never;
    mockFetch({ [`GET ${PATH}`]: json(saved) });
    renderScreen(<RollCallPage />, { route: `/groups/${encodeURIComponent(OCC_ID)}`, path: '/groups/:occurrenceId', session: WRITER });
    await screen.findByRole('heading', { level: 1, name: 'Relapse prevention' });
    expect(screen.getByRole('button', { name: 'Sign…' })).toBeDisabled();
    expect(screen.getByText('Write the group note’s content summary first.')).toBeInTheDocument();
  });

  it('adds a drop-in found by name and removes one with a reason, keeping what was typed', async () => {
    const user = userEvent.setup();
    const gs = groupSession(3); // Carmen Diaz is a drop-in
    let roster = gs.roster;
    const m = mockFetch({
      [`GET ${PATH}`]: () => json({ ...gs, roster }),
      'GET /api/v1/clients': json({ items: [{ id: 'client-zz', mrn: 'M-77', legal_name: { given: 'Zoe', family: 'Quinn' }, preferred_name: '', pronouns: '', birth_date: '1990-01-01', age: 36, stage: 'treatment', track_name: 'Evening track', counselor_name: null, voided: false }], next_cursor: null }),
      [`POST /api/v1/occurrences/${encodeURIComponent(OCC_ID)}/roster`]: (call) => {
        roster = [...roster, { client_id: (call.body as { client_id: string }).client_id, client_name: 'Zoe Quinn', kind: (call.body as { kind: string }).kind }];
        return json({}, 201);
      },
      [`POST /api/v1/occurrences/${encodeURIComponent(OCC_ID)}/roster/remove`]: (call) => {
        const body = call.body as { client_id: string; reason: string };
        if (!body.reason) return apiError(400, 'invalid_argument', 'invalid', [{ field: 'reason', message: 'is required' }]);
        roster = roster.filter((r) => r.client_id !== body.client_id);
        return json({});
      },
    });
    const scheduler = session({ permissions: ['clients.read', 'notes.read', 'notes.write', 'plans.read', 'schedule.write'], staff_id: 'staff-1' });
    renderScreen(<RollCallPage />, { route: `/groups/${encodeURIComponent(OCC_ID)}`, path: '/groups/:occurrenceId', session: scheduler });
    await screen.findByRole('heading', { level: 1, name: 'Relapse prevention' });
    await user.click(within(row('Ana Reyes')).getByRole('radio', { name: 'Present' }));

    const additions = screen.getByRole('region', { name: 'Drop-ins and make-ups' });
    await user.type(within(additions).getByLabelText('Find a client to add'), 'Zoe');
    await user.selectOptions(within(additions).getByLabelText('As'), 'make_up');
    await user.click(await within(additions).findByRole('button', { name: 'Add Zoe Quinn as make-up' }));
    expect(await screen.findByRole('listitem', { name: 'Zoe Quinn' })).toBeInTheDocument();
    expect(within(row('Ana Reyes')).getByRole('radio', { name: 'Present' })).toBeChecked();
    expect(m.callsTo('POST', `/api/v1/occurrences/${encodeURIComponent(OCC_ID)}/roster`).map((c) => c.body)).toEqual([{ client_id: 'client-zz', kind: 'make_up' }]);

    await user.click(within(additions).getByRole('button', { name: 'Remove Carmen Diaz from this group' }));
    await user.click(within(additions).getByRole('button', { name: 'Remove' }));
    expect(await within(additions).findByText('is required')).toBeInTheDocument();
    await user.type(within(additions).getByLabelText('Reason for removing Carmen Diaz'), 'Came to the wrong group');
    await user.click(within(additions).getByRole('button', { name: 'Remove' }));
    await waitFor(() => expect(screen.queryByRole('listitem', { name: 'Carmen Diaz' })).not.toBeInTheDocument());
    expect(within(row('Ana Reyes')).getByRole('radio', { name: 'Present' })).toBeChecked();
  });

  it('offers no roster changes without the schedule permission', async () => {
    start();
    await screen.findByRole('heading', { level: 1, name: 'Relapse prevention' });
    expect(screen.queryByRole('region', { name: 'Drop-ins and make-ups' })).not.toBeInTheDocument();
  });
});
