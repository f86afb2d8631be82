import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { COUNSELOR } from '../../test/fixtures';
import { json, mockFetch } from '../../test/mockFetch';
import { renderScreen } from '../../test/render';
import { StaffList } from './StaffList';

describe('StaffList', () => {
  it('lists staff with roles and credentials, and filters by role and name', async () => {
    const m = mockFetch({
      'GET /api/v1/staff': (c) =>
        json({ items: c.query.get('role') === 'medical' || c.query.get('q') === 'Zed' ? [] : [COUNSELOR], next_cursor: null }),
    });
    renderScreen(<StaffList />, { route: '/staff', path: '/staff' });
    const link = await screen.findByRole('link', { name: 'Priya Shah' });
    expect(link).toHaveAttribute('href', '/staff/staff-1');
    const row = link.closest('tr') as HTMLElement;
    expect(within(row).getByText('Counselor')).toBeInTheDocument();
    expect(screen.getByText('LADC (MN), expires Jun 30, 2027')).toBeInTheDocument();

    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Role' }), 'medical');
    expect(await screen.findByText('No staff match the role Medical provider / nurse')).toBeInTheDocument();
    expect(m.callsTo('GET', '/api/v1/staff').at(-1)?.query.get('role')).toBe('medical');

    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Role' }), '');
    await screen.findByRole('link', { name: 'Priya Shah' });
    await userEvent.type(screen.getByRole('searchbox', { name: 'Search staff' }), 'Zed');
    await waitFor(() => expect(m.callsTo('GET', '/api/v1/staff').at(-1)?.query.get('q')).toBe('Zed'));
    expect(await screen.findByText('No staff match “Zed”')).toBeInTheDocument();
  });
});
