import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Assessment, AssessmentPatch, Recommendation } from '../../api/assessments';
import { flushAll } from '../../lib/pendingSaves';
import { COUNSELOR, DIRECTOR_PERMISSIONS, PROGRAM, SITE, TRACK, client, session } from '../../test/fixtures';
import { apiError, json, mockFetch, type RecordedCall } from '../../test/mockFetch';
import { renderScreen } from '../../test/render';
import { AssessmentWorkspace } from './AssessmentWorkspace';
import { OPTIONS, PHQ9, POLICY, assessment, versionedServer } from './testData';

const CLINICIAN = session({ permissions: [...DIRECTOR_PERMISSIONS, 'assessments.read', 'assessments.write'] });

/** A stand-in for the server's policy: dimension 1 rated 3+ needs 3.7; otherwise any rating → 2.1. */
function recommend(a: Assessment): Recommendation | null {
  if (!a.dimensions.some((d) => d.rating !== null)) return null;
  const withdrawal = (a.dimensions[0]?.rating ?? 0) >= 3;
  return {
    level: withdrawal ? '3.7' : '2.1',
    level_label: withdrawal ? '3.7 Medically monitored inpatient' : '2.1 Intensive outpatient',
    iop_excluded: withdrawal,
    from_floor: false,
    policy_name: 'Local example policy',
    edition: 3,
    trace: [
      { rule: 'd1 >= 3', reason: 'Severe withdrawal risk', needs_level: '3.7', needs_label: '3.7 Medically monitored inpatient', fired: withdrawal, decisive: withdrawal },
      { rule: 'any rating', reason: 'Needs structured treatment', needs_level: '2.1', needs_label: '2.1 Intensive outpatient', fired: true, decisive: !withdrawal },
      { rule: 'unsafe_home', reason: 'Unsafe home', needs_level: '3.5', needs_label: '3.5 Residential', fired: false, decisive: false },
    ],
  };
}

function server(start: Assessment) {
  return versionedServer(start, (prev, body) => {
    const p = body as AssessmentPatch;
    const rec: Assessment = {
      ...prev,
      sections: { ...prev.sections, ...(p.sections ?? {}) },
      substances: (p.substances ?? prev.substances).map((s) => ({
        ...s,
        severity: s.criteria.length >= 6 ? 'severe' : s.criteria.length >= 4 ? 'moderate' : s.criteria.length >= 2 ? 'mild' : 'none',
        suggested_icd10: s.criteria.length >= 2 ? [{ code: 'F10.10', label: 'Alcohol use disorder, mild' }] : [],
      })),
      dimensions: p.dimensions ? p.dimensions.map((d) => ({ ...d, name: '' })) : prev.dimensions,
      flags: p.flags ?? prev.flags,
    };
    return { ...rec, recommendation: recommend(rec) };
  });
}

function routes(s: ReturnType<typeof server>, extra: Record<string, unknown> = {}) {
  return {
    'GET /api/v1/assessments/asmt-1': () => json(s.rec),
    'PATCH /api/v1/assessments/asmt-1': s.patch,
    'GET /api/v1/level-of-care/policy': json(POLICY),
    'GET /api/v1/assessment-options': json(OPTIONS),
    'GET /api/v1/instruments': json({ items: [PHQ9] }),
    'GET /api/v1/clients/client-1': json(client()),
    'GET /api/v1/sites': json({ items: [SITE], next_cursor: null }),
    'GET /api/v1/programs': json({ items: [PROGRAM], next_cursor: null }),
    'GET /api/v1/programs/prog-1/tracks': json({ items: [TRACK], next_cursor: null }),
    'GET /api/v1/staff': json({ items: [COUNSELOR], next_cursor: null }),
    ...extra,
  } as Parameters<typeof mockFetch>[0];
}

const render = () =>
  renderScreen(<AssessmentWorkspace />, { route: '/clients/client-1/assessments/asmt-1', path: '/clients/:id/assessments/:aid', session: CLINICIAN });

// The workspace is a large form: on a busy machine each test needs more than the default time.
describe('AssessmentWorkspace', { timeout: 60_000 }, () => {
  it('autosaves as the clinician types: debounced, one save at a time, each with the version the last returned', async () => {
    const s = server(assessment());
    const m = mockFetch(routes(s));
    render();
    const goals = await screen.findByLabelText('The client’s own goals, in their words');
    s.hold();
    fireEvent.change(goals, { target: { value: 'Keep my job' } });
    await waitFor(() => expect(m.callsTo('PATCH', '/api/v1/assessments/asmt-1')).toHaveLength(1), { timeout: 3000 });
    fireEvent.change(screen.getByLabelText('Work hours'), { target: { value: 'Mon-Fri 7-15' } });
    // The second edit waits for the first save.
    await new Promise((r) => setTimeout(r, 1000));
    expect(m.callsTo('PATCH', '/api/v1/assessments/asmt-1')).toHaveLength(1);
    s.release();
    await waitFor(() => expect(m.callsTo('PATCH', '/api/v1/assessments/asmt-1')).toHaveLength(2), { timeout: 3000 });
    await screen.findByText('Saved');
    const patches = m.callsTo('PATCH', '/api/v1/assessments/asmt-1');
    expect(patches.map((p) => p.headers['if-match'])).toEqual(['"1"', '"2"']);
    expect(s.rec.sections.goals).toEqual({ notes: 'Keep my job' });
    expect(s.rec.sections.schedule_constraints).toEqual({ work_hours: 'Mon-Fri 7-15' });
  });

  it('sends pending edits at once when the session is about to end (flushAll), without waiting for the pause', async () => {
    const s = server(assessment());
    const m = mockFetch(routes(s));
    render();
    fireEvent.change(await screen.findByLabelText('Strengths and resources'), { target: { value: 'Supportive sister' } });
    expect(m.callsTo('PATCH', '/api/v1/assessments/asmt-1')).toHaveLength(0);
    await flushAll();
    expect(m.callsTo('PATCH', '/api/v1/assessments/asmt-1')).toHaveLength(1);
    expect(s.rec.sections.strengths).toEqual({ notes: 'Supportive sister' });
  });

  it('shows DSM-5 severity and ICD-10-CM suggestions from the server as criteria are checked', async () => {
    const s = server(assessment());
    mockFetch(routes(s));
    render();
    await userEvent.click(await screen.findByRole('button', { name: 'Add substance' }));
    const card = screen.getByRole('group', { name: 'Substance 1' });
    await userEvent.selectOptions(within(card).getByLabelText('Substance (TEDS)'), '2');
    for (const n of ['1', '2']) fireEvent.click(within(card).getByRole('checkbox', { name: new RegExp(`^${n}\\. `) }));
    await waitFor(() => expect(within(screen.getByTestId('severity-0')).getByText('mild')).toBeInTheDocument(), { timeout: 3000 });
    expect(screen.getByTestId('severity-0')).toHaveTextContent('2 of 11 criteria');
    expect(await screen.findByRole('option', { name: 'F10.10 — Alcohol use disorder, mild' })).toBeInTheDocument();
    expect(s.rec.substances[0]).toMatchObject({ teds_code: 2, criteria: ['1', '2'] });
  });

  it('rating the dimensions brings the recommendation with its trace, fired rules highlighted and the decisive one marked', async () => {
    const s = server(assessment());
    mockFetch(routes(s));
    render();
    const d1 = await screen.findByTestId('dimension-1');
    await userEvent.click(within(d1).getByRole('radio', { name: '3 significant' }));
    const trace = await screen.findByTestId('rule-trace', {}, { timeout: 3000 });
    const lines = within(trace).getAllByRole('listitem');
    expect(lines.map((l) => l.getAttribute('data-fired'))).toEqual(['true', 'true', 'false']);
    expect(lines[0]).toHaveTextContent('Fired — sets the level');
    expect(lines[0]).toHaveTextContent('Severe withdrawal risk');
    expect(lines[2]).toHaveTextContent('Did not fire');
    expect(screen.getByTestId('recommended-level')).toHaveTextContent('3.7 Medically monitored inpatient');
    expect(screen.getByTestId('example-policy')).toHaveTextContent('Local example policy');
    expect(screen.getByText('IOP is excluded')).toBeInTheDocument();
    expect(s.rec.dimensions[0]).toMatchObject({ number: 1, rating: 3 });
  });

  it('an override without a reason shows the server’s field error; with one it is recorded, then the client is admitted to IOP', async () => {
    const rated = assessment({
      status: 'complete',
      version: 4,
      dimensions: POLICY.dimensions.map((d) => ({ number: d.number, name: d.name, rating: 1, rationale: 'ok' })),
    });
    const s = server(rated);
    s.rec = { ...rated, recommendation: { ...recommend(rated)!, level: '1', level_label: '1 Outpatient' } };
    const m = mockFetch(
      routes(s, {
        'POST /api/v1/assessments/asmt-1/decision': (c: RecordedCall) => {
          const body = c.body as { level: string; reason: string };
          if (!body.reason) return apiError(400, 'invalid_argument', 'a decision different from the recommendation needs a reason', [{ field: 'reason', message: 'is required when the decision differs from the recommendation' }]);
          s.rec = { ...s.rec, version: s.rec.version + 1, decision: { level: body.level, reason: body.reason, decided_by_name: 'Priya Shah', decided_at: '2026-03-01T16:00:00.000Z' } };
          return json(s.rec);
        },
        'POST /api/v1/assessments/asmt-1/admit': (c: RecordedCall) => {
          s.rec = { ...s.rec, version: s.rec.version + 1, outcome: { kind: 'admitted', ...(c.body as object) } };
          return json(s.rec);
        },
      }),
    );
    render();
    const form = await screen.findByRole('form', { name: 'Level-of-care decision' });
    await userEvent.selectOptions(within(form).getByLabelText('Decided level of care'), '2.1');
    await userEvent.click(within(form).getByRole('button', { name: 'Record decision (override)' }));
    const reason = within(form).getByLabelText(/Reason for a different level/);
    await waitFor(() => expect(reason).toHaveAccessibleDescription(/is required when the decision differs/));
    expect(m.callsTo('POST', '/api/v1/assessments/asmt-1/decision')[0]?.headers['if-match']).toBe('"4"');

    fireEvent.change(reason, { target: { value: 'Client works days; evening IOP with family support is safe' } });
    await userEvent.click(within(form).getByRole('button', { name: 'Record decision (override)' }));
    expect(await screen.findByTestId('decision')).toHaveTextContent('Decided: 2.1 Intensive outpatient by Priya Shah');
    const admit = screen.getByRole('form', { name: 'Admit to IOP' });
    await waitFor(() => expect(within(admit).getByRole('option', { name: 'Morning track' })).toBeInTheDocument());
    await userEvent.selectOptions(within(admit).getByLabelText('Track'), 'track-1');
    await userEvent.click(within(admit).getByRole('button', { name: 'Admit to IOP' }));
    expect(await screen.findByTestId('outcome')).toHaveTextContent('Admitted to IOP');
    const post = m.callsTo('POST', '/api/v1/assessments/asmt-1/admit')[0];
    expect(post?.headers['if-match']).toBe('"5"');
    expect(post?.body).toMatchObject({ track_id: 'track-1', counselor_id: 'staff-1' });
  });

  it('completing with unrated dimensions names them beside the ratings', async () => {
    const s = server(assessment({ version: 2 }));
    s.rec = { ...s.rec, recommendation: recommend({ ...s.rec, dimensions: [{ number: 1, rating: 1, rationale: '' }] }) };
    mockFetch(
      routes(s, {
        'POST /api/v1/assessments/asmt-1/complete': apiError(400, 'invalid_argument', 'rate all six dimensions, each with a rationale, to complete', [
          { field: 'dimensions[1].rating', message: 'is required' },
          { field: 'dimensions[1].rationale', message: 'is required' },
        ]),
      }),
    );
    render();
    const form = await screen.findByRole('form', { name: 'Level-of-care decision' });
    await userEvent.click(within(form).getByRole('button', { name: 'Accept recommendation' }));
    expect(await screen.findByText('The assessment is not complete')).toBeInTheDocument();
    expect(screen.getByRole('radiogroup', { name: /Dimension 2:/ })).toHaveAccessibleDescription(/is required/);
    expect(screen.getByLabelText('Rationale for dimension 2')).toHaveAccessibleDescription(/is required/);
  });
});
