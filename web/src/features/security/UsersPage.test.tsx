import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Policy, User } from '../../api/types';
import { COUNSELOR } from '../../test/fixtures';
import { apiError, json, mockFetch } from '../../test/mockFetch';
import { renderScreen } from '../../test/render';
import { UserEditPage } from './UserEditPage';
import { roleLabel, UsersPage } from './UsersPage';

const POLICY: Policy = {
  roles: [
    { code: 'counselor', label: 'Counselor', client_scope: 'caseload', permissions: ['clients.read', 'emergency.use'], mfa_required: false },
    { code: 'privacy_officer', label: 'Privacy officer', client_scope: 'program', permissions: ['clients.read', 'audit.read'], mfa_required: true },
  ],
  permissions: [
    { code: 'clients.read', label: 'Find clients and read their records', data_category: 'demographics' },
    { code: 'audit.read', label: 'Read the audit trail', data_category: 'audit' },
    { code: 'emergency.use', label: 'Emergency access', data_category: 'demographics' },
  ],
};

function user(over: Partial<User> = {}): User {
  return {
    id: 'u-priya',
    username: 'priya',
    display_name: 'Priya Shah',
    roles: ['counselor'],
    staff_id: 'staff-1',
    emergency_access: false,
    mfa_enabled: false,
    disabled: false,
    last_sign_in_at: null,
    version: 4,
    created_at: '2026-11-01T00:00:00.000Z',
    updated_at: '2026-11-01T00:00:00.000Z',
    ...over,
  };
}

describe('Users and roles', () => {
  it('labels roles from GET /roles, and by the code in words while it loads', () => {
    expect(roleLabel(POLICY, 'counselor')).toBe('Counselor');
    expect(roleLabel(undefined, 'front_desk')).toBe('Front desk');
  });

  it('lists users and shows the role × permission matrix', async () => {
    mockFetch({ 'GET /api/v1/users': json({ items: [user(), user({ id: 'u-linda', username: 'linda', display_name: 'Linda Park', roles: ['privacy_officer'], mfa_enabled: true, emergency_access: true })] }), 'GET /api/v1/roles': json(POLICY) });
    renderScreen(<UsersPage />, { route: '/users', session: undefined });
    const row = (await screen.findByRole('link', { name: 'linda' })).closest('tr')!;
    expect(row).toHaveTextContent('Privacy officer');
    expect(row).toHaveTextContent('On');
    expect(row).toHaveTextContent('Yes');
    const matrix = await screen.findByTestId('role-matrix');
    const audit = within(matrix).getByRole('rowheader', { name: /Read the audit trail/ }).closest('tr')!;
    expect(within(audit).getAllByRole('cell').map((c) => c.textContent)).toEqual(['No', '●Yes']);
  });

  it('creates a user with roles, a staff link and emergency access', async () => {
    const m = mockFetch({
      'GET /api/v1/roles': json(POLICY),
      'GET /api/v1/staff': json({ items: [COUNSELOR], next_cursor: null }),
      'POST /api/v1/users': (c) => json(user({ ...(c.body as object), id: 'u-new' }), 201),
      'GET /api/v1/users/u-new': json(user({ id: 'u-new' })),
    });
    renderScreen(<UserEditPage />, { route: '/users/new', path: '/users/new', extra: [{ path: '/users/:id', element: <UserEditPage /> }] });
    await userEvent.click(await screen.findByRole('button', { name: 'Create user' }));
    expect(await screen.findByText('Choose at least one role')).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText(/^Username/), 'priya');
    await userEvent.type(screen.getByLabelText(/^Name/), 'Priya Shah');
    await userEvent.type(screen.getByLabelText(/Initial password/), 'a long initial passphrase');
    await userEvent.click(await screen.findByRole('checkbox', { name: 'Counselor' }));
    await userEvent.selectOptions(screen.getByRole('combobox', { name: /Staff record/ }), 'staff-1');
    await userEvent.click(screen.getByRole('checkbox', { name: /May use emergency access/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Create user' }));
    await waitFor(() => expect(m.callsTo('POST', '/api/v1/users')).toHaveLength(1));
    expect(m.callsTo('POST', '/api/v1/users')[0]?.body).toEqual({
      username: 'priya',
      password: 'a long initial passphrase',
      display_name: 'Priya Shah',
      roles: ['counselor'],
      staff_id: 'staff-1',
      emergency_access: true,
    });
  });

  it('edits with If-Match and says when someone else changed the user (412)', async () => {
    const m = mockFetch({
      'GET /api/v1/roles': json(POLICY),
      'GET /api/v1/staff': json({ items: [COUNSELOR], next_cursor: null }),
      'GET /api/v1/users/u-priya': json(user()),
      'PUT /api/v1/users/u-priya': apiError(412, 'stale_version', 'the record has changed'),
    });
    renderScreen(<UserEditPage />, { route: '/users/u-priya', path: '/users/:id' });
    await userEvent.click(await screen.findByRole('checkbox', { name: /Disabled/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText('This record was changed by someone else — reload')).toBeInTheDocument();
    const put = m.callsTo('PUT', '/api/v1/users/u-priya')[0];
    expect(put?.headers['if-match']).toBe('"4"');
    expect(put?.body).toEqual({ display_name: 'Priya Shah', roles: ['counselor'], staff_id: 'staff-1', emergency_access: false, disabled: true });
    expect(screen.getByRole('checkbox', { name: /Disabled/ })).toBeChecked();
  });
});
