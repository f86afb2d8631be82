import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import type { InstrumentResponse } from '../../api/assessments';
import { apiError, json, mockFetch } from '../../test/mockFetch';
import { session } from '../../test/fixtures';
import { renderScreen } from '../../test/render';
import { InstrumentForm } from './InstrumentForm';
import { PHQ9, phq9Response, scorePhq9, versionedServer } from './testData';

function Harness({ initial, variant }: { initial: InstrumentResponse; variant?: 'staff' | 'tablet' }) {
  const [r, setR] = useState(initial);
  return <InstrumentForm definition={PHQ9} response={r} onResponse={setR} variant={variant} />;
}

/** A server stand-in that merges answers and scores them. */
function server(start: InstrumentResponse) {
  return versionedServer(start, (rec, body) => {
    const answers = { ...rec.answers, ...((body as { answers: Record<string, string> }).answers ?? {}) };
    return { ...rec, answers, scoring: scorePhq9(answers) };
  });
}

const item = (n: number) => screen.getByRole('radiogroup', { name: new RegExp(`^${n}\\. `) });

describe('InstrumentForm', () => {
  it('saves each answer and shows the live total, band and the urgent item-9 flag from the server', async () => {
    const s = server(phq9Response());
    mockFetch({ 'PATCH /api/v1/instrument-responses/resp-1': s.patch });
    renderScreen(<Harness initial={phq9Response()} />);
    expect(screen.getByTestId('score-total')).toHaveTextContent('—');
    expect(screen.getByTestId('copyright')).toHaveTextContent('Pfizer');
    // q10 (difficulty) is hidden by the server's scoring until a symptom is reported.
    expect(screen.queryByRole('radiogroup', { name: /^10\. / })).not.toBeInTheDocument();

    await userEvent.click(within(item(1)).getByRole('radio', { name: 'Nearly every day' }));
    await userEvent.click(within(item(2)).getByRole('radio', { name: 'Nearly every day' }));
    await waitFor(() => expect(screen.getByTestId('score-total')).toHaveTextContent('6'));
    expect(screen.getByTestId('score-band')).toHaveTextContent('Mild');
    expect(await screen.findByText('Saved')).toBeInTheDocument();
    expect(screen.getByRole('radiogroup', { name: /^10\. / })).toBeInTheDocument();
    expect(screen.queryByTestId('safety-flags')).not.toBeInTheDocument();

    await userEvent.click(within(item(9)).getByRole('radio', { name: 'Several days' }));
    const alert = await screen.findByTestId('safety-flags');
    expect(alert).toHaveTextContent('Safety alert will be raised: item 9 (thoughts of self-harm) answered above 0');
    expect(screen.getByTestId('score-total')).toHaveTextContent('7');
  });

  it('serializes saves: one PATCH at a time, each with the version the previous one returned', async () => {
    const s = server(phq9Response());
    const m = mockFetch({ 'PATCH /api/v1/instrument-responses/resp-1': s.patch });
    renderScreen(<Harness initial={phq9Response()} />);
    s.hold();
    await userEvent.click(within(item(1)).getByRole('radio', { name: 'Several days' }));
    await waitFor(() => expect(m.callsTo('PATCH', '/api/v1/instrument-responses/resp-1')).toHaveLength(1));
    await userEvent.click(within(item(2)).getByRole('radio', { name: 'Several days' }));
    await userEvent.click(within(item(3)).getByRole('radio', { name: 'Nearly every day' }));
    expect(screen.getByText('Saving…')).toBeInTheDocument();
    // While the first save is in flight nothing else is sent.
    expect(m.callsTo('PATCH', '/api/v1/instrument-responses/resp-1')).toHaveLength(1);
    s.release();
    await screen.findByText('Saved');
    const patches = m.callsTo('PATCH', '/api/v1/instrument-responses/resp-1');
    expect(patches.map((p) => p.headers['if-match'])).toEqual(['"1"', '"2"']);
    expect(patches[1]?.body).toEqual({ answers: { q2: '1', q3: '3' } });
    expect(s.rec.answers).toEqual({ q1: '1', q2: '1', q3: '3' });
    expect(screen.getByTestId('score-total')).toHaveTextContent('5');
  });

  it('after a 412 (saved elsewhere) re-sends only its own answers on top of the latest version', async () => {
    const s = server(phq9Response());
    const m = mockFetch({
      'PATCH /api/v1/instrument-responses/resp-1': s.patch,
      'GET /api/v1/instrument-responses/resp-1': () => json(s.rec),
    });
    renderScreen(<Harness initial={phq9Response()} />);
    s.rec = { ...s.rec, version: 5, answers: { q4: '2' }, scoring: scorePhq9({ q4: '2' }) }; // another device answered q4
    await userEvent.click(within(item(1)).getByRole('radio', { name: 'Several days' }));
    await screen.findByText('Saved');
    const patches = m.callsTo('PATCH', '/api/v1/instrument-responses/resp-1');
    expect(patches.map((p) => p.headers['if-match'])).toEqual(['"1"', '"5"']);
    expect(s.rec.answers).toEqual({ q4: '2', q1: '1' });
  });

  it('shows an error when a save fails and keeps the answer for a retry', async () => {
    let fail = true;
    const s = server(phq9Response());
    const m = mockFetch({
      'PATCH /api/v1/instrument-responses/resp-1': (c) => (fail ? apiError(503, 'unavailable', 'The database is busy') : s.patch(c)),
    });
    renderScreen(<Harness initial={phq9Response()} />);
    await userEvent.click(within(item(1)).getByRole('radio', { name: 'Several days' }));
    expect(await screen.findByText(/Not saved: The database is busy/)).toBeInTheDocument();
    fail = false;
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await screen.findByText('Saved');
    expect(m.callsTo('PATCH', '/api/v1/instrument-responses/resp-1').at(-1)?.body).toEqual({ answers: { q1: '1' } });
  });

  it('"Complete" names the missing items from the server’s field errors', async () => {
    const answers = { q1: '1', q2: '1' };
    const m = mockFetch({
      'POST /api/v1/instrument-responses/resp-1/complete': apiError(400, 'invalid_argument', 'some required items are not answered', [
        { field: 'answers.q3', message: 'required' },
        { field: 'answers.q9', message: 'required' },
      ]),
    });
    renderScreen(<Harness initial={phq9Response({ answers })} />);
    await userEvent.click(screen.getByRole('button', { name: 'Complete' }));
    const list = (await screen.findByText('Not complete: answer every item')).closest('[role="alert"]') as HTMLElement;
    expect(list).toHaveTextContent('Item 3 — Trouble falling or staying asleep');
    expect(list).toHaveTextContent('Item 9 — Thoughts that you would be better off dead');
    expect(item(9)).toHaveAccessibleDescription(/Item 9: required/);
    expect(m.callsTo('POST', '/api/v1/instrument-responses/resp-1/complete')[0]?.headers['if-match']).toBe('"1"');
  });

  it('in tablet mode shows no scores or safety flags, and uses client wording', async () => {
    mockFetch({});
    renderScreen(<Harness initial={phq9Response({ answers: { q9: '2' } })} variant="tablet" />);
    expect(screen.queryByTestId('live-score')).not.toBeInTheDocument();
    expect(screen.queryByTestId('safety-flags')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Done' })).toBeInTheDocument();
  });

  it('a clinician voids a form entered in error with a reason; without one the server’s error names it', async () => {
    let voided = false;
    const m = mockFetch({
      'POST /api/v1/instrument-responses/resp-1/void': (c) => {
        const { reason } = c.body as { reason: string };
        if (!reason) return apiError(400, 'invalid_argument', 'check the fields', [{ field: 'reason', message: 'is required' }]);
        voided = true;
        return json(phq9Response({ status: 'voided', version: 2 }));
      },
    });
    renderScreen(<Harness initial={phq9Response()} />, { session: session({ permissions: ['assessments.read', 'assessments.write'] }) });
    await userEvent.click(screen.getByRole('button', { name: 'Void form…' }));
    const form = screen.getByRole('form', { name: 'Void form' });
    await userEvent.click(within(form).getByRole('button', { name: 'Void form' }));
    await waitFor(() => expect(within(form).getByLabelText(/Why is it void/)).toHaveAccessibleDescription(/Reason is required/));
    expect(voided).toBe(false);
    await userEvent.type(within(form).getByLabelText(/Why is it void/), 'Entered for the wrong client');
    await userEvent.click(within(form).getByRole('button', { name: 'Void form' }));
    expect((await screen.findAllByText('Voided')).length).toBeGreaterThan(0);
    expect(m.callsTo('POST', '/api/v1/instrument-responses/resp-1/void').at(-1)?.headers['if-match']).toBe('"1"');
    expect(screen.queryByRole('button', { name: 'Void form…' })).not.toBeInTheDocument();
  });

  it('offers no void without assessments.write', () => {
    mockFetch({});
    renderScreen(<Harness initial={phq9Response()} />, { session: session({ permissions: ['assessments.read'] }) });
    expect(screen.queryByRole('button', { name: 'Void form…' })).not.toBeInTheDocument();
  });
});
