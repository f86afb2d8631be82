import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { apiError, json, mockFetch } from '../../test/mockFetch';
import { renderScreen } from '../../test/render';
import { RequirementsPanel } from './RequirementsPanel';
import { SCHEDULER } from './testData';

const LIST = '/api/v1/clients/client-1/session-requirements';
const FAMILY = { id: 'req-1', version: 1, client_id: 'client-1', kind: 'family', minutes: 60, count: 1, per: 'week', staff_id: 'staff-9' };
const STAFF = { items: [{ id: 'staff-9', version: 1, given_name: 'Priya', family_name: 'Shah', preferred_name: '', roles: ['counselor'], credentials: [] }], next_cursor: null };

describe('RequirementsPanel', () => {
  it('lists the extra sessions, adds one and removes one with a reason', async () => {
    const user = userEvent.setup();
    let items: unknown[] = [FAMILY];
    const m = mockFetch({
      [`GET ${LIST}`]: () => json({ items }),
      'GET /api/v1/staff': json(STAFF),
      [`POST ${LIST}`]: (call) => {
        const body = call.body as { minutes: number };
        if (m.callsTo('POST', LIST).length === 1) return apiError(400, 'invalid_argument', 'invalid', [{ field: 'staff_id', message: 'no such staff member' }]);
        items = [...items, { ...FAMILY, id: 'req-2', kind: 'individual', ...body }];
        return json(items[items.length - 1], 201);
      },
      'POST /api/v1/session-requirements/req-1/void': (call) => {
        if (!(call.body as { reason: string }).reason) return apiError(400, 'invalid_argument', 'invalid', [{ field: 'reason', message: 'is required' }]);
        items = items.filter((i) => (i as { id: string }).id !== 'req-1');
        return json({ ...FAMILY, voided: true, version: 2 });
      },
    });
    renderScreen(<RequirementsPanel clientId="client-1" canWrite />, { session: SCHEDULER });
    const list = await screen.findByRole('list', { name: 'Extra sessions' });
    expect(await within(list).findByText('Family session, 60 min, 1× per week with Priya Shah')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Add extra session…' }));
    const form = screen.getByRole('group', { name: 'New extra session' });
    await user.clear(within(form).getByLabelText('Minutes'));
    await user.type(within(form).getByLabelText('Minutes'), '45');
    await user.click(within(form).getByRole('button', { name: 'Add' }));
    expect(await within(form).findByText('no such staff member')).toBeInTheDocument();
    await user.clear(within(form).getByLabelText('Minutes'));
    await user.type(within(form).getByLabelText('Minutes'), '45');
    await user.click(within(form).getByRole('button', { name: 'Add' }));
    expect(await screen.findByText('Individual session, 45 min, 1× per week')).toBeInTheDocument();
    expect(m.callsTo('POST', LIST).map((c) => (c.body as { minutes: number }).minutes)).toEqual([45, 45]);

    await user.click(screen.getByRole('button', { name: 'Remove: Family session, 60 min, 1× per week with Priya Shah' }));
    await user.click(screen.getByRole('button', { name: 'Remove' }));
    expect(await screen.findByText('is required')).toBeInTheDocument();
    await user.type(screen.getByLabelText('Reason for removing'), 'Covered by the plan now');
    await user.click(screen.getByRole('button', { name: 'Remove' }));
    await screen.findByText('Individual session, 45 min, 1× per week');
    expect(screen.queryByText(/^Family session/)).not.toBeInTheDocument();
    const voids = m.callsTo('POST', '/api/v1/session-requirements/req-1/void');
    expect(voids.at(-1)?.body).toEqual({ reason: 'Covered by the plan now' });
  });

  it('offers no changes to a reader', async () => {
    mockFetch({ [`GET ${LIST}`]: json({ items: [FAMILY] }), 'GET /api/v1/staff': json(STAFF) });
    renderScreen(<RequirementsPanel clientId="client-1" canWrite={false} />, { session: SCHEDULER });
    await screen.findByText(/^Family session, 60 min/);
    expect(screen.queryByRole('button', { name: /Add extra session|Remove/ })).not.toBeInTheDocument();
  });
});
