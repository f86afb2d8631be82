import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { session } from '../../test/fixtures';
import { apiError, json, mockFetch } from '../../test/mockFetch';
import { renderScreen } from '../../test/render';
import { ResultEntryPage } from './ResultEntryPage';
import { POLICY, collection, event } from './testData';

const COLLECTOR = session({ permissions: ['clients.read', 'testing.read', 'testing.write'] });
const wait = { timeout: 10_000 };
const at = { route: '/testing/collections/col-1', path: '/testing/collections/:id' };

describe('ResultEntryPage', { timeout: 40_000 }, () => {
  it('lists the panel with cut-offs; a cup read is one toggle per analyte, all negative to start; the warning shows after saving', async () => {
    const saved = collection({
      outcome: 'positive',
      interpretations: [
        { code: 'thc', label: 'THC', status: 'negative', expected: false, screening_value: null, confirmation_value: null, screening_cutoff: 50, confirmation_cutoff: 15 },
        { code: 'cocaine', label: 'Cocaine', status: 'presumptive_positive', expected: false, screening_value: null, confirmation_value: null, screening_cutoff: 150, confirmation_cutoff: 100 },
        { code: 'buprenorphine', label: 'Buprenorphine', status: 'presumptive_positive', expected: true, screening_value: null, confirmation_value: null, screening_cutoff: 10, confirmation_cutoff: 5 },
      ],
      billing: [{ code: '80305', units: 1, reason: 'presumptive, read by eye' }],
      event: event(),
    });
    const m = mockFetch({
      'GET /api/v1/collections/col-1': json(collection()),
      'GET /api/v1/programs/prog-1/testing-policy': json(POLICY),
      'POST /api/v1/collections/col-1/results': json(saved, 201),
    });
    renderScreen(<ResultEntryPage />, { session: COLLECTOR, ...at });
    const table = await screen.findByRole('table', { name: 'Analytes of 12-panel cup' }, wait);
    expect(within(table).getByText('150 / 100 ng/mL')).toBeInTheDocument();
    const cocaine = within(table).getByTestId('analyte-cocaine');
    await userEvent.click(within(cocaine).getByText('Positive'));
    await userEvent.click(within(within(table).getByTestId('analyte-buprenorphine')).getByText('Positive'));
    await userEvent.click(screen.getByRole('button', { name: 'Save result' }));
    const alert = await screen.findByRole('alert', {}, wait);
    expect(alert).toHaveTextContent('Step 1: Warning');
    expect(screen.getByText('Expected: prescribed')).toBeInTheDocument();
    expect(screen.getByText(/80305/)).toBeInTheDocument();
    expect(m.callsTo('POST', '/api/v1/collections/col-1/results')[0]?.body).toEqual({
      method: 'poc_cup',
      analytes: [
        { code: 'thc', reading: 'negative', stage: 'screening' },
        { code: 'cocaine', reading: 'positive', stage: 'screening' },
        { code: 'buprenorphine', reading: 'positive', stage: 'screening' },
      ],
    });
  });

  it('lab values: a field error for an analyte shows beside its input', async () => {
    mockFetch({
      'GET /api/v1/collections/col-1': json(collection({ lab: 'Quest' })),
      'GET /api/v1/programs/prog-1/testing-policy': json(POLICY),
      'POST /api/v1/collections/col-1/results': apiError(400, 'invalid_argument', 'some fields are invalid', [
        { field: 'analytes[0].value', message: 'THC is measured in ng/mL' },
      ]),
    });
    renderScreen(<ResultEntryPage />, { session: COLLECTOR, ...at });
    const input = await screen.findByRole('textbox', { name: 'THC value in ng/mL' }, wait);
    await userEvent.type(input, '70');
    await userEvent.click(screen.getByRole('button', { name: 'Save result' }));
    expect(await screen.findAllByText('THC is measured in ng/mL', undefined, wait)).not.toHaveLength(0);
  });
});
