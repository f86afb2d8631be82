import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { COUNSELOR, session } from '../../test/fixtures';
import { json, mockFetch } from '../../test/mockFetch';
import { renderScreen } from '../../test/render';
import { OnCallList } from './OnCallList';

const KAREN = { ...COUNSELOR, id: 'staff-karen', given_name: 'Karen', family_name: 'Olsen', preferred_name: '', display_name: 'Karen Olsen' };

describe('OnCallList', () => {
  it('names who is on call, and a director replaces the list without If-Match', async () => {
    let ids = ['staff-karen'];
    const m = mockFetch({
      'GET /api/v1/programs/prog-1/on-call': () => json({ program_id: 'prog-1', staff_ids: ids }),
      'PUT /api/v1/programs/prog-1/on-call': (c) => {
        ids = (c.body as { staff_ids: string[] }).staff_ids;
        return json({ program_id: 'prog-1', staff_ids: ids });
      },
      'GET /api/v1/staff': json({ items: [KAREN, COUNSELOR], next_cursor: null }),
    });
    renderScreen(<OnCallList programId="prog-1" programName="Adult IOP" />, { session: session({ permissions: ['program.read', 'program.write', 'staff.read'] }) });
    expect(await screen.findByTestId('on-call')).toHaveTextContent('On call for safety alerts: Karen Olsen');
    await userEvent.click(screen.getByRole('button', { name: 'Change the on-call list of Adult IOP' }));
    await userEvent.click(screen.getByRole('textbox', { name: 'On call for Adult IOP' }));
    await userEvent.click(await screen.findByRole('option', { name: new RegExp(COUNSELOR.given_name) }));
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('On-call list saved.'));
    const put = m.callsTo('PUT', '/api/v1/programs/prog-1/on-call')[0];
    expect(put?.body).toEqual({ staff_ids: ['staff-karen', COUNSELOR.id] });
    expect(put?.headers['if-match']).toBeUndefined();
  });

  it('is read-only without program.write', async () => {
    mockFetch({
      'GET /api/v1/programs/prog-1/on-call': json({ program_id: 'prog-1', staff_ids: [] }),
      'GET /api/v1/staff': json({ items: [KAREN], next_cursor: null }),
    });
    renderScreen(<OnCallList programId="prog-1" programName="Adult IOP" />, { session: session({ permissions: ['program.read'] }) });
    expect(await screen.findByTestId('on-call')).toHaveTextContent('nobody yet');
    expect(screen.queryByRole('button', { name: /Change the on-call list/ })).not.toBeInTheDocument();
  });
});
