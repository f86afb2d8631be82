import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { session } from '../../test/fixtures';
import { json, mockFetch } from '../../test/mockFetch';
import { renderScreen } from '../../test/render';
import { MedicationsChartSection } from './MedicationsChartSection';
import { medication, referral } from './testData';

const WRITER = session({ permissions: ['clients.read', 'medications.read', 'medications.write'] });
const READER = session({ permissions: ['clients.read', 'medications.read'] });

const base = {
  'GET /api/v1/clients/client-1/medications': json({
    items: [
      medication(),
      medication({
        id: 'med-2',
        name: 'Clonazepam 0.5 mg',
        mat_kind: null,
        category: 'psychiatric',
        active: false,
        stop_on: '2026-10-20',
        stop_reason: 'Tapered off',
        expected_analytes: ['benzodiazepines'],
      }),
    ],
  }),
  'GET /api/v1/clients/client-1/medication-referrals': json({ items: [referral({ status: 'scheduled', appointment_on: '2026-11-06' })] }),
  'GET /api/v1/clients/client-1/adherence/trend': json({
    weeks: [{ week_of: '2026-10-26', checkins: 2, as_prescribed: 1, missed_doses: 2, average_craving: 4.5, max_craving: 6, side_effect_reports: 1 }],
    non_adherent_count: 2,
    window_days: 30,
  }),
};

describe('MedicationsChartSection', { timeout: 30_000 }, () => {
  it('lists medications with MAT, expected analytes and stops with their reason; referrals and the weekly trend', async () => {
    mockFetch(base);
    renderScreen(<MedicationsChartSection client={{ id: 'client-1' }} />, { session: READER });
    const section = screen.getByRole('region', { name: 'Medications' });
    const table = await within(section).findByRole('table', { name: 'Medications' }, { timeout: 10_000 });
    const rows = within(table).getAllByTestId('medication-row');
    expect(rows).toHaveLength(2);
    expect(within(rows[0]!).getByText('MAT: Buprenorphine')).toBeInTheDocument();
    expect(within(rows[0]!).getByText('buprenorphine, norbuprenorphine')).toBeInTheDocument();
    expect(within(rows[1]!).getByText('Stopped')).toBeInTheDocument();
    expect(within(rows[1]!).getByText(/Tapered off/)).toBeInTheDocument();
    const referrals = await within(section).findByRole('list', { name: 'Prescriber referrals' });
    expect(within(referrals).getByText('Appointment scheduled')).toBeInTheDocument();
    const weeks = await within(section).findAllByTestId('adherence-week');
    expect(weeks[0]).toHaveTextContent('1 of 2');
    // A reader gets no forms.
    expect(within(section).queryByRole('button', { name: 'Add medication' })).not.toBeInTheDocument();
    expect(within(section).queryByRole('form', { name: 'Adherence check-in' })).not.toBeInTheDocument();
  });

  it('adds a medication: choosing a MAT kind sets the category, the body carries only what was entered', async () => {
    const m = mockFetch({
      ...base,
      'POST /api/v1/clients/client-1/medications': (c) => json(medication({ id: 'med-3', ...(c.body as object) }), 201),
    });
    renderScreen(<MedicationsChartSection client={{ id: 'client-1' }} />, { session: WRITER });
    await screen.findAllByTestId('medication-row', undefined, { timeout: 10_000 });
    await userEvent.click(screen.getByRole('button', { name: 'Add medication' }));
    const form = screen.getByRole('form', { name: 'Add a medication' });
    await userEvent.type(within(form).getByRole('textbox', { name: 'Medication' }), 'Naltrexone 50 mg');
    await userEvent.type(within(form).getByRole('textbox', { name: 'Dose' }), '50 mg');
    await userEvent.type(within(form).getByRole('textbox', { name: 'How often' }), 'once daily');
    await userEvent.click(within(form).getByRole('textbox', { name: 'Medication for addiction treatment' }));
    await userEvent.click(await screen.findByRole('option', { name: 'Naltrexone (oral)' }));
    await userEvent.click(within(form).getByRole('button', { name: 'Add medication' }));
    await within(screen.getByRole('region', { name: 'Medications' })).findByRole('button', { name: 'Add medication' });
    const post = m.callsTo('POST', '/api/v1/clients/client-1/medications')[0];
    expect(post?.body).toMatchObject({ name: 'Naltrexone 50 mg', dose: '50 mg', frequency: 'once daily', mat_kind: 'naltrexone_oral', category: 'addiction', route: 'oral', source: 'prescriber' });
    expect(post?.body).not.toHaveProperty('rxnorm_code');
  });

  it('a check-in that opens an adherence task says so', async () => {
    const m = mockFetch({
      ...base,
      'POST /api/v1/clients/client-1/adherence': json({ id: 'chk-1', version: 1, adherence_task_id: 'task-9' }, 201),
    });
    renderScreen(<MedicationsChartSection client={{ id: 'client-1' }} />, { session: WRITER });
    const form = await screen.findByRole('form', { name: 'Adherence check-in' }, { timeout: 10_000 });
    await userEvent.click(within(form).getByText('No'));
    const missed = within(form).getByLabelText('Missed doses');
    await userEvent.clear(missed);
    await userEvent.type(missed, '2');
    await userEvent.click(within(form).getByRole('button', { name: 'Record check-in' }));
    expect(await screen.findByText(/a follow-up task is open for the counselor/)).toBeInTheDocument();
    expect(m.callsTo('POST', '/api/v1/clients/client-1/adherence')[0]?.body).toMatchObject({ taken_as_prescribed: false, missed_doses: 2 });
  });

  it('stops a medication with a reason and If-Match', async () => {
    const m = mockFetch({
      ...base,
      'POST /api/v1/medications/med-1/stop': json(medication({ version: 2, active: false, stop_on: '2026-11-01', stop_reason: 'Side effects' })),
    });
    renderScreen(<MedicationsChartSection client={{ id: 'client-1' }} />, { session: WRITER });
    await userEvent.click(await screen.findByRole('button', { name: 'Stop Buprenorphine/naloxone film' }, { timeout: 10_000 }));
    const form = screen.getByRole('form', { name: 'Stop Buprenorphine/naloxone film' });
    await userEvent.type(within(form).getByLabelText('Reason'), 'Side effects');
    await userEvent.click(within(form).getByRole('button', { name: 'Stop medication' }));
    await screen.findByRole('button', { name: 'Add medication' });
    const stop = m.callsTo('POST', '/api/v1/medications/med-1/stop')[0];
    expect(stop?.headers['if-match']).toBe('"1"');
    expect(stop?.body).toMatchObject({ reason: 'Side effects' });
  });

  it('asks nothing of a role without medications.read', () => {
    const m = mockFetch({});
    renderScreen(<MedicationsChartSection client={{ id: 'client-1' }} />, { session: session({ permissions: ['clients.read'] }) });
    expect(screen.getByText('Your role does not include medications.')).toBeInTheDocument();
    expect(m.calls).toHaveLength(0);
  });
});
