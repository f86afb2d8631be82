import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { PlanContent, PlanVersion } from '../../api/plans';
import { COUNSELOR, client } from '../../test/fixtures';
import { apiError, json, mockFetch, type RecordedCall } from '../../test/mockFetch';
import { renderScreen } from '../../test/render';
import { POLICY } from '../assessment/testData';
import { tabletLock } from '../assessment/tabletLock';
import { PlanEditor } from './PlanEditor';
import { CATALOG, PLANNER, plan, planServer, version } from './testData';

function routes(s: ReturnType<typeof planServer>, extra: Record<string, unknown> = {}) {
  return {
    'GET /api/v1/plans/plan-1': json(plan()),
    'GET /api/v1/plans/plan-1/versions/1': () => json(s.rec),
    'PUT /api/v1/plans/plan-1/versions/1': s.patch,
    'GET /api/v1/plans/plan-1/reviews': json({ items: [] }),
    'GET /api/v1/clients/client-1': json(client()),
    'GET /api/v1/programs/prog-1/plan-catalog': json({ interventions: CATALOG }),
    'GET /api/v1/programs/prog-1/tracks': json({ items: [], next_cursor: null }),
    'GET /api/v1/staff': json({ items: [COUNSELOR], next_cursor: null }),
    'GET /api/v1/level-of-care/policy': json(POLICY),
    ...extra,
  } as Parameters<typeof mockFetch>[0];
}

const render = (route = '/clients/client-1/plans/plan-1') =>
  renderScreen(<PlanEditor />, {
    route,
    path: '/clients/:id/plans/:pid',
    session: PLANNER,
    extra: [{ path: '/clients/:id/plans/:pid', element: <PlanEditor /> }],
  });

// jsdom has no canvas: the signature pad's drawing area paints nothing (typed signatures are used here).
beforeEach(() => {
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
});

const puts = (m: ReturnType<typeof mockFetch>) => m.callsTo('PUT', '/api/v1/plans/plan-1/versions/1');

describe('PlanEditor', { timeout: 60_000 }, () => {
  it('shows hours per week against the intensity checks, and they update as the frequency changes', async () => {
    const s = planServer(version());
    const m = mockFetch(routes(s));
    render();
    const panel = await screen.findByRole('region', { name: 'Planned intensity' });
    expect(within(panel).getByTestId('hours-per-week')).toHaveTextContent('6');
    expect(within(panel).getByText('Outside range')).toBeInTheDocument();
    expect(within(panel).getByText('6 h a week is below the minimum of 9 h')).toBeInTheDocument();
    expect(within(panel).getByText('Does not apply: the client is an adult')).toBeInTheDocument();

    fireEvent.change(screen.getByLabelText('How many times (1)'), { target: { value: '3' } });
    await waitFor(() => expect(within(panel).getByTestId('hours-per-week')).toHaveTextContent('9'), { timeout: 3000 });
    expect(within(panel).getByText('Within range')).toBeInTheDocument();
    expect(puts(m)).toHaveLength(1);
    expect(puts(m)[0]?.headers['if-match']).toBe('"1"');
    expect((puts(m)[0]?.body as PlanContent).interventions[0]?.frequency).toEqual({ count: 3, per: 'week' });
  });

  it('adds an intervention from the catalog with its defaults, the signed-in counselor as responsible staff and whether the schedule books it', async () => {
    const s = planServer(version());
    const m = mockFetch(routes(s));
    render();
    await screen.findByRole('region', { name: 'Planned intensity' });
    await userEvent.selectOptions(screen.getByLabelText('Intervention'), 'individual_counseling');
    await userEvent.click(screen.getByRole('button', { name: 'Add intervention' }));
    const card = screen.getByRole('group', { name: 'Intervention 2: Individual counseling' });
    expect(within(card).getByText(/books these as individual sessions with a licensed clinician/)).toBeInTheDocument();
    expect(within(screen.getByRole('group', { name: 'Intervention 1: Group therapy' })).queryByText(/weekly schedule proposal/)).toBeNull();
    expect(within(card).getByLabelText('Minutes each time (2)')).toHaveValue('60');
    expect(within(card).getByLabelText('Responsible staff (2)')).toHaveValue('staff-1');
    await waitFor(() => expect(puts(m)).toHaveLength(1), { timeout: 3000 });
    expect((puts(m)[0]?.body as PlanContent).interventions[1]).toMatchObject({ code: 'individual_counseling', minutes: 60, frequency: { count: 1, per: 'week' }, staff_id: 'staff-1' });
    await waitFor(() => expect(screen.getByTestId('hours-per-week')).toHaveTextContent('7'));
  });

  it('keeps a goal or objective that is not complete on screen but out of the save, and says what it needs', async () => {
    const s = planServer(version());
    const m = mockFetch(routes(s));
    render();
    await userEvent.click(await screen.findByRole('button', { name: 'Add goal' }));
    expect(await screen.findByText('goal 2 needs the client’s words')).toBeInTheDocument();
    await waitFor(() => expect(puts(m).length).toBeGreaterThan(0), { timeout: 3000 });
    expect((puts(m).at(-1)?.body as PlanContent).goals).toHaveLength(1);

    fireEvent.change(screen.getByLabelText('Goal 2, in the client’s own words'), { target: { value: 'Be there for my kids' } });
    await userEvent.click(screen.getByRole('button', { name: 'Add objective to goal 2' }));
    fireEvent.change(screen.getByLabelText('Objective 2.1'), { target: { value: 'Eat dinner with the kids 5 nights a week' } });
    expect(screen.getByText('objective 2.1 needs a target date')).toBeInTheDocument();
    await waitFor(() => expect((s.rec as PlanVersion).goals).toHaveLength(2), { timeout: 3000 });
    expect(s.rec.objectives).toHaveLength(1);
    fireEvent.change(screen.getByLabelText(/Target date for objective 2.1/), { target: { value: '2026-03-01' } });
    await waitFor(() => expect(s.rec.objectives).toHaveLength(2), { timeout: 3000 });
    expect(s.rec.objectives[1]).toMatchObject({ goal_id: s.rec.goals[1]?.id, target_date: '2026-03-01' });
    expect(screen.queryByTestId('incomplete-rows')).not.toBeInTheDocument();
  });

  it('shows the server’s field error beside the intervention field it names', async () => {
    const s = planServer(version());
    mockFetch(
      routes(s, {
        'PUT /api/v1/plans/plan-1/versions/1': apiError(400, 'invalid', 'the plan has errors', [
          { field: 'interventions[0].frequency.count', message: '9 sessions of 180 minutes a day do not fit in a day' },
        ]),
      }),
    );
    render();
    await screen.findByRole('region', { name: 'Planned intensity' });
    await userEvent.selectOptions(screen.getByLabelText('How often (1)'), 'day');
    const count = screen.getByLabelText('How many times (1)');
    await waitFor(() => expect(count).toHaveAccessibleDescription(/do not fit in a day/), { timeout: 3000 });
    expect(screen.getByTestId('save-status')).toHaveTextContent('Not saved');
  });

  it('shows a signed version read-only: nothing can be typed or added, and nothing is saved', async () => {
    const s = planServer(version({ status: 'active', signatures: [{ role: 'client', signer_name: 'Maria Lopez', method: 'typed', signed_at: '2026-01-07T15:00:00.000Z' }] }));
    const m = mockFetch(routes(s, { 'GET /api/v1/plans/plan-1': json(plan({ active_version_no: 1, status: 'active', versions: [{ ...plan().versions[0]!, status: 'active' }] })) }));
    render();
    expect(await screen.findByTestId('locked-notice')).toHaveTextContent('This version is locked');
    expect(screen.getByLabelText('Goal 1, in the client’s own words')).toBeDisabled();
    expect(screen.getByLabelText('How many times (1)')).toBeDisabled();
    expect(screen.queryByRole('button', { name: 'Add goal' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Add intervention' })).not.toBeInTheDocument();
    expect(screen.queryByTestId('save-status')).not.toBeInTheDocument();
    expect(screen.getByRole('img', { name: 'Typed signature of Maria Lopez' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Plan PDF' })).toHaveAttribute('href', '/api/v1/plans/plan-1/versions/1/pdf');
    expect(puts(m)).toHaveLength(0);
  });

  it('a new version needs a reason: none is refused on screen, then the draft opens', async () => {
    const s = planServer(version({ status: 'active' }));
    const m = mockFetch(
      routes(s, {
        'GET /api/v1/plans/plan-1': json(plan({ active_version_no: 1, versions: [{ ...plan().versions[0]!, status: 'active' }] })),
        'POST /api/v1/plans/plan-1/versions': (c: RecordedCall) => json(version({ no: 2, reason: (c.body as { reason: string }).reason }), 201),
        'GET /api/v1/plans/plan-1/versions/2': json(version({ no: 2, reason: 'Moves to the evening track' })),
      }),
    );
    render();
    await userEvent.click(await screen.findByRole('button', { name: 'New version…' }));
    const form = screen.getByRole('form', { name: 'New plan version' });
    await userEvent.click(within(form).getByRole('button', { name: 'Start new version' }));
    expect(within(form).getByText('Give the reason for the new version')).toBeInTheDocument();
    expect(m.callsTo('POST', '/api/v1/plans/plan-1/versions')).toHaveLength(0);
    await userEvent.type(within(form).getByLabelText(/Why does the plan change/), 'Moves to the evening track');
    await userEvent.click(within(form).getByRole('button', { name: 'Start new version' }));
    await waitFor(() => expect(m.callsTo('POST', '/api/v1/plans/plan-1/versions')).toHaveLength(1));
    expect(m.callsTo('POST', '/api/v1/plans/plan-1/versions')[0]?.body).toEqual({ reason: 'Moves to the evening track' });
    expect(await screen.findByText(/version 2 · Moves to the evening track/, {}, { timeout: 5000 })).toBeInTheDocument();
  });

  it('shows what changed between versions from the server’s diff', async () => {
    const s = planServer(version({ no: 2 }));
    mockFetch(
      routes(s, {
        'GET /api/v1/plans/plan-1': json(
          plan({
            current_version_no: 2,
            active_version_no: 1,
            versions: [
              { no: 1, status: 'active', reason: '', created_at: '2026-01-06T15:00:00.000Z', created_by_name: 'Priya Shah' },
              { no: 2, status: 'draft', reason: 'New job', created_at: '2026-02-01T15:00:00.000Z', created_by_name: 'Priya Shah' },
            ],
          }),
        ),
        'GET /api/v1/plans/plan-1/versions/2': () => json(s.rec),
        'GET /api/v1/plans/plan-1/versions/2/diff': (c: RecordedCall) =>
          c.query.get('against') === '1'
            ? json({ changes: [{ path: 'objectives.o1.target_date', kind: 'changed', before: '2026-02-15', after: '2026-03-01', label: "Objective 'Attend three groups a week': target date" }] })
            : apiError(400, 'invalid', 'bad against'),
      }),
    );
    render();
    await userEvent.click(await screen.findByRole('button', { name: 'Show changes in 2' }));
    const diff = await screen.findByRole('table', { name: 'Changes from version 1 to version 2' });
    expect(within(diff).getByText("Objective 'Attend three groups a week': target date")).toBeInTheDocument();
    expect(within(diff).getByText('2026-02-15')).toBeInTheDocument();
    expect(within(diff).getByText('2026-03-01')).toBeInTheDocument();
  });

  it('hands the tablet to the client: pending edits are saved first, then the device is locked to the signing page', async () => {
    const s = planServer(version());
    const m = mockFetch(routes(s));
    renderScreen(<PlanEditor />, {
      route: '/clients/client-1/plans/plan-1',
      path: '/clients/:id/plans/:pid',
      session: PLANNER,
      extra: [{ path: '/tablet/plans/:pid/versions/:no', element: <h1>Tablet signing</h1> }],
    });
    fireEvent.change(await screen.findByLabelText('Goal 1, in the client’s own words'), { target: { value: 'I want my job back' } });
    await userEvent.click(screen.getByRole('button', { name: 'Sign with the client (tablet)' }));
    expect(await screen.findByRole('heading', { name: 'Tablet signing' })).toBeInTheDocument();
    expect(puts(m)).toHaveLength(1);
    expect(s.rec.goals[0]?.text).toBe('I want my job back');
    expect(tabletLock.get()).toBe('/tablet/plans/plan-1/versions/1');
    tabletLock.unlock();
  });

  it('after the client, the counselor reads the plan text and signs; an active plan is locked', async () => {
    const clientSig = { role: 'client', signer_name: 'Maria Lopez', method: 'typed' as const, signed_at: '2026-01-07T15:00:00.000Z' };
    const s = planServer(version({ status: 'awaiting_signatures', signatures: [clientSig] }));
    const signs: RecordedCall[] = [];
    mockFetch(
      routes(s, {
        'GET /api/v1/plans/plan-1/versions/1/preview': json({ text: 'TREATMENT PLAN\nGoal 1: I want to stop drinking', content_sha256: 'hash-1' }),
        'POST /api/v1/plans/plan-1/versions/1/sign': (c: RecordedCall) => {
          signs.push(c);
          const sig = { ...(c.body as { signature: object }).signature, signed_at: '2026-01-07T16:00:00.000Z' } as PlanVersion['signatures'][number];
          s.rec = { ...s.rec, version: s.rec.version + 1, signatures: [...s.rec.signatures, sig], status: 'active' };
          return json(s.rec);
        },
      }),
    );
    render();
    expect(await screen.findByTestId('next-signer')).toHaveTextContent('Next: counselor signature');
    await userEvent.click(screen.getByRole('button', { name: 'Sign as counselor' }));
    const dialog = await screen.findByRole('dialog', { name: 'Sign the treatment plan' });
    expect(await within(dialog).findByTestId('plan-text')).toHaveTextContent('Goal 1: I want to stop drinking');
    const pad = within(dialog).getByTestId('signature-counselor');
    expect(within(pad).getByLabelText(/Full name of the signer/)).toHaveValue('Karen Olson');
    await userEvent.click(within(pad).getByRole('button', { name: 'Type name instead' }));
    await userEvent.click(within(pad).getByRole('checkbox', { name: /sign with this typed name/ }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Sign as counselor' }));
    expect(await within(dialog).findByText(/The plan is active and locked/)).toBeInTheDocument();
    expect(signs.map((c) => c.body)).toEqual([{ content_sha256: 'hash-1', signature: { role: 'counselor', signer_name: 'Karen Olson', method: 'typed' } }]);
    expect(signs[0]?.headers['if-match']).toBe('"1"');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Back to the plan' }));
    expect(await screen.findByTestId('locked-notice')).toBeInTheDocument();
  });
});
