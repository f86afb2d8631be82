import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { AppRoutes } from '../../AppRoutes';
import { appRoutes } from '../../test/appMocks';
import { session } from '../../test/fixtures';
import { json, mockFetch } from '../../test/mockFetch';
import { renderApp } from '../../test/render';
import { taskCountStore } from './taskCount';
import { myDay, OCC_ID, task } from './testData';

const COUNSELOR = ['clients.read', 'notes.read', 'notes.write', 'tasks.read', 'tasks.write', 'plans.read'];

function start(permissions: string[], route = '/my-day') {
  taskCountStore.set(null);
  let done = false;
  const m = mockFetch(
    appRoutes(
      { session: session({ permissions, staff_id: 'staff-1' }) },
      {
        'GET /api/v1/my-day': () => json(myDay(done ? { tasks: [task({ status: 'done', version: 3, outcome: 'Reached by phone' })] } : {})),
        'GET /api/v1/tasks': () => json({ items: done ? [] : [task(), task({ id: 'task-2', title: 'Review note' })] }),
        'POST /api/v1/tasks/task-1/complete': () => {
          done = true;
          return json(task({ status: 'done', version: 3 }));
        },
        'GET /api/v1/plans/due': json({ items: [] }),
      },
    ),
  );
  renderApp(<AppRoutes />, route);
  return m;
}

describe('My day', { timeout: 30_000 }, () => {
  it('lists today’s groups with roll-call buttons, appointments, notes to sign and tasks; the navigation shows the open-task count', async () => {
    start(COUNSELOR);
    expect(await screen.findByRole('heading', { level: 1, name: 'My day' }, { timeout: 5000 })).toBeInTheDocument();
    const groups = await screen.findByRole('table', { name: 'Groups today' });
    const rollCall = within(groups).getByRole('link', { name: 'Roll call: Relapse prevention at 09:00' });
    expect(rollCall).toHaveAttribute('href', `/groups/${encodeURIComponent(OCC_ID)}`);
    expect(within(groups).getByText('Not taken')).toBeInTheDocument();
    expect(within(groups).getByRole('link', { name: /^Open/ })).toBeInTheDocument();
    const appts = screen.getByRole('table', { name: 'Appointments today' });
    expect(within(appts).getByRole('link', { name: 'Write note' })).toHaveAttribute('href', '/clients/client-02/notes/new?kind=individual&appointment=appt-1');
    const notes = screen.getByRole('table', { name: 'Notes to sign' });
    expect(within(notes).getByText('Past the signing deadline')).toBeInTheDocument();
    expect(within(notes).getByRole('link')).toHaveAttribute('href', '/clients/client-03/notes/note-9');
    // No co-sign queue without notes.cosign.
    expect(screen.queryByRole('region', { name: 'Co-sign queue' })).not.toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Primary' });
    await waitFor(() => expect(within(nav).getByRole('link', { name: 'My day, 2 open tasks' })).toBeInTheDocument());
  });

  it('completes a task with an outcome (If-Match) and the count follows', async () => {
    const user = userEvent.setup();
    const m = start(COUNSELOR);
    const tasks = await screen.findByRole('table', { name: 'Open tasks' }, { timeout: 5000 });
    await user.click(within(tasks).getByRole('button', { name: 'Complete: Reach out: 2 absences in a row' }));
    const dialog = await screen.findByRole('dialog', { name: 'Complete task' });
    await user.click(within(dialog).getByRole('button', { name: 'Complete' }));
    expect(await within(dialog).findByText(/Write what happened/)).toBeInTheDocument();
    expect(m.callsTo('POST', '/api/v1/tasks/task-1/complete')).toHaveLength(0);
    await user.type(within(dialog).getByLabelText(/Outcome/), 'Reached by phone');
    await user.click(within(dialog).getByRole('button', { name: 'Complete' }));
    await waitFor(() => expect(m.callsTo('POST', '/api/v1/tasks/task-1/complete')).toHaveLength(1));
    const call = m.callsTo('POST', '/api/v1/tasks/task-1/complete')[0]!;
    expect(call.body).toEqual({ outcome: 'Reached by phone' });
    expect(call.headers['if-match']).toBe('"2"');
    const nav = screen.getByRole('navigation', { name: 'Primary' });
    await waitFor(() => expect(within(nav).getByRole('link', { name: 'My day' })).toBeInTheDocument());
    expect(await screen.findByText('Done')).toBeInTheDocument();
  });

  it('is a card on the dashboard, and not in the navigation without notes.read', async () => {
    start(COUNSELOR, '/');
    const card = await screen.findByRole('region', { name: 'My day' }, { timeout: 5000 });
    expect(await within(card).findByTestId('my-day-summary')).toHaveTextContent('2 groups (1 to document) · 1 appointment · 1 note to sign · 1 open task');
    expect(within(card).getByRole('link', { name: /Roll call: Relapse prevention/ })).toBeInTheDocument();
  });

  it('has no My day link for a role without notes', async () => {
    const m = start(['clients.read']);
    const nav = await screen.findByRole('navigation', { name: 'Primary' }, { timeout: 5000 });
    expect(within(nav).queryByRole('link', { name: /My day/ })).not.toBeInTheDocument();
    expect(m.callsTo('GET', '/api/v1/tasks')).toHaveLength(0);
  });
});
