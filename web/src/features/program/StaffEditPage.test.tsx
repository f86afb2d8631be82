import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { COUNSELOR } from '../../test/fixtures';
import { apiError, json, mockFetch } from '../../test/mockFetch';
import { renderScreen } from '../../test/render';
import { StaffEditPage } from './StaffEditPage';

function ListStub() {
  return <h1>Staff list</h1>;
}

const routes = { extra: [{ path: '/staff', element: <ListStub /> }] };

describe('StaffEditPage', () => {
  it('creates a staff member with roles and credential rows (added and removed)', async () => {
    const m = mockFetch({ 'POST /api/v1/staff': json({ ...COUNSELOR, id: 'staff-9' }, 201) });
    renderScreen(<StaffEditPage />, { route: '/staff/new', path: '/staff/new', ...routes });
    await userEvent.type(screen.getByLabelText(/Given name/), 'Tom');
    await userEvent.type(screen.getByLabelText(/Family name/), 'Becker');
    await userEvent.click(screen.getByRole('checkbox', { name: 'Counselor' }));
    await userEvent.click(screen.getByRole('checkbox', { name: 'Licensed therapist' }));

    await userEvent.click(screen.getByRole('button', { name: 'Add credential' }));
    await userEvent.click(screen.getByRole('button', { name: 'Add credential' }));
    const first = screen.getByRole('group', { name: 'Credential 1' });
    await userEvent.selectOptions(within(first).getByRole('combobox', { name: /Type/ }), 'LADC');
    await userEvent.type(within(first).getByLabelText('License number'), 'L-1');
    await userEvent.type(within(first).getByLabelText('Issuing state'), 'mn');
    fireEvent.change(within(first).getByLabelText('Expiry date'), { target: { value: '2027-06-30' } });
    await userEvent.click(screen.getByRole('button', { name: 'Remove credential 2' }));
    expect(screen.queryByRole('group', { name: 'Credential 2' })).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Add staff member' }));
    expect(await screen.findByRole('heading', { name: 'Staff list' })).toBeInTheDocument();
    expect(m.callsTo('POST', '/api/v1/staff')[0]?.body).toEqual({
      given_name: 'Tom',
      family_name: 'Becker',
      roles: ['counselor', 'therapist'],
      credentials: [{ type: 'LADC', license_number: 'L-1', issuing_state: 'MN', expires_on: '2027-06-30' }],
    });
  });

  it('requires a role', async () => {
    const m = mockFetch({});
    renderScreen(<StaffEditPage />, { route: '/staff/new', path: '/staff/new', ...routes });
    await userEvent.type(screen.getByLabelText(/Given name/), 'Tom');
    await userEvent.type(screen.getByLabelText(/Family name/), 'Becker');
    await userEvent.click(screen.getByRole('button', { name: 'Add staff member' }));
    expect(screen.getByText('Choose at least one role')).toBeInTheDocument();
    expect(m.calls).toHaveLength(0);
  });

  it('edits with If-Match and shows a credential field error beside the right row', async () => {
    const m = mockFetch({
      'GET /api/v1/staff/staff-1': json(COUNSELOR),
      'PUT /api/v1/staff/staff-1': apiError(400, 'invalid_argument', 'some fields are invalid', [
        { field: 'credentials[0].expires_on', message: 'must be a real date as YYYY-MM-DD' },
      ]),
    });
    renderScreen(<StaffEditPage />, { route: '/staff/staff-1', path: '/staff/:id', ...routes });
    expect(await screen.findByRole('heading', { level: 1, name: 'Priya Shah' })).toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: 'Counselor' })).toBeChecked();
    const row = screen.getByRole('group', { name: 'Credential 1' });
    expect(within(row).getByLabelText('License number')).toHaveValue('123');

    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() =>
      expect(within(row).getByLabelText('Expiry date')).toHaveAccessibleDescription('must be a real date as YYYY-MM-DD'),
    );
    expect(m.callsTo('PUT', '/api/v1/staff/staff-1')[0]?.headers['if-match']).toBe('"1"');
  });
});
