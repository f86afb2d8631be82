import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { json, mockFetch } from '../../test/mockFetch';
import { renderScreen } from '../../test/render';
import { FeedDialog } from './FeedDialog';
import { SCHEDULER } from './testData';

describe('FeedDialog', () => {
  it('shows a new feed address once, with a copy button, and revokes a feed', async () => {
    let feeds: { id: string; owner_type: string; owner_id: string; created_at: string }[] = [];
    const m = mockFetch({
      'GET /api/v1/calendar-feeds': () => json({ items: feeds }),
      'POST /api/v1/calendar-feeds': () => {
        feeds = [{ id: 'feed-1', owner_type: 'staff', owner_id: 'staff-1', created_at: '2026-03-09T15:00:00Z' }];
        return json({ ...feeds[0], url: '/ical/abc123secret.ics' }, 201);
      },
      'POST /api/v1/calendar-feeds/feed-1/revoke': () => {
        feeds = [];
        return json({});
      },
    });
    const user = userEvent.setup();
    renderScreen(<FeedDialog ownerType="staff" ownerId="staff-1" onClose={vi.fn()} />, { session: SCHEDULER });
    const dialog = await screen.findByRole('dialog', { name: 'Subscribe in a calendar app' });
    expect(await within(dialog).findByText('No active feed')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Create a new address' }));
    expect(await within(dialog).findByLabelText('Calendar address (shown only now)')).toHaveValue(`${window.location.origin}/ical/abc123secret.ics`);
    expect(within(dialog).getByRole('button', { name: 'Copy address' })).toBeInTheDocument();
    expect(m.callsTo('POST', '/api/v1/calendar-feeds')[0]?.body).toEqual({ owner_type: 'staff', owner_id: 'staff-1' });
    await user.click(await within(dialog).findByRole('button', { name: /^Revoke the feed created/ }));
    expect(await within(dialog).findByText('No active feed')).toBeInTheDocument();
    expect(within(dialog).queryByLabelText('Calendar address (shown only now)')).not.toBeInTheDocument();
    expect(m.callsTo('POST', '/api/v1/calendar-feeds/feed-1/revoke')).toHaveLength(1);
  });
});
