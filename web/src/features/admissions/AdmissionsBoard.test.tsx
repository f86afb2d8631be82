import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { InquirySummary } from '../../api/inquiries';
import { session } from '../../test/fixtures';
import { json, mockFetch } from '../../test/mockFetch';
import { renderScreen } from '../../test/render';
import { AdmissionsBoard, ageOf } from './AdmissionsBoard';

function card(over: Partial<InquirySummary>): InquirySummary {
  return {
    id: 'i1', version: 1, received_at: new Date().toISOString(), display_name: 'Dana Reyes', caller_type: 'self',
    urgency: 'routine', stage: 'inquiry', stage_changed_at: new Date().toISOString(), preferred_schedule: 'unknown',
    substances: [], assessment_at: null, assessor_name: null, track_name: null, open_tasks: 0,
    next_follow_up_on: null, overdue: false, ...over,
  };
}

describe('AdmissionsBoard', () => {
  it('shows a column per stage with its count, cards in their column and overdue follow-ups first', async () => {
    const m = mockFetch({
      'GET /api/v1/inquiries': json({
        items: [
          card({ id: 'a', display_name: 'Dana Reyes', urgency: 'urgent', overdue: true, next_follow_up_on: '2026-10-30' }),
          card({ id: 'b', display_name: 'Marcus Bell', stage: 'assessment_booked', assessment_at: '2030-01-15T15:00:00Z', assessor_name: 'Priya Shah' }),
        ],
        counts: { inquiry: 1, screening: 0, assessment_booked: 1, assessed: 0, admitted: 4, referred: 0, waitlisted: 0, closed: 2 },
      }),
      'GET /api/v1/waitlist': json({ tracks: [] }),
    });
    renderScreen(<AdmissionsBoard />, {
      route: '/admissions',
      path: '/admissions',
      session: session({ permissions: ['admissions.read', 'admissions.write'] }),
    });
    const inquiry = await screen.findByTestId('column-inquiry');
    expect(within(inquiry).getByRole('link', { name: 'Dana Reyes' })).toHaveAttribute('href', '/admissions/a');
    expect(within(inquiry).getByText('urgent')).toBeInTheDocument();
    expect(within(inquiry).getByText(/Follow-up overdue since Oct 30, 2026/)).toBeInTheDocument();
    expect(within(screen.getByTestId('column-assessment_booked')).getByText(/with Priya Shah/)).toBeInTheDocument();
    expect(within(screen.getByTestId('column-admitted')).getByLabelText('4 in Admitted')).toBeInTheDocument();
    expect(screen.getByRole('region', { name: /Overdue follow-ups \(1\)/ })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'New inquiry' })).toHaveAttribute('href', '/admissions/new');
    expect(m.callsTo('GET', '/api/v1/inquiries')[0]?.query.get('today')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('tells how long ago the call came in', () => {
    const now = Date.parse('2026-11-05T12:00:00Z');
    expect(ageOf('2026-11-05T08:00:00Z', now)).toBe('today');
    expect(ageOf('2026-11-04T08:00:00Z', now)).toBe('1 day');
    expect(ageOf('2026-11-01T08:00:00Z', now)).toBe('4 days');
  });
});
