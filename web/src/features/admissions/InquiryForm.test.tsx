import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { apiError, json, mockFetch } from '../../test/mockFetch';
import { renderScreen } from '../../test/render';
import { InquiryForm } from './InquiryForm';

function InquiryStub() {
  return <h1>Inquiry page</h1>;
}

describe('InquiryForm', () => {
  it('starts in the first-name field and shows the Part 2 reminder', async () => {
    mockFetch({});
    renderScreen(<InquiryForm />, { route: '/admissions/new', path: '/admissions/new' });
    await waitFor(() => expect(screen.getByLabelText(/First name/)).toHaveFocus());
    expect(screen.getByText(/Do not confirm to a caller whether someone is or was a client/)).toBeInTheDocument();
  });

  it('needs only a first name and a way to call back before sending', async () => {
    const m = mockFetch({});
    renderScreen(<InquiryForm />, { route: '/admissions/new', path: '/admissions/new' });
    await userEvent.click(screen.getByRole('button', { name: 'Save inquiry' }));
    expect(screen.getByText('Enter the first name of the person the call is about')).toBeInTheDocument();
    expect(screen.getByText('Enter a phone number to call back')).toBeInTheDocument();
    expect(m.calls).toHaveLength(0);
  });

  it('saves a quick call with the fields typed and opens the inquiry', async () => {
    const m = mockFetch({ 'POST /api/v1/inquiries': json({ id: 'inq-1', version: 1 }, 201) });
    renderScreen(<InquiryForm />, {
      route: '/admissions/new',
      path: '/admissions/new',
      extra: [{ path: '/admissions/:id', element: <InquiryStub /> }],
    });
    await userEvent.type(screen.getByLabelText(/First name/), 'Dana');
    await userEvent.type(screen.getByLabelText('Last name'), 'Reyes');
    await userEvent.type(screen.getByLabelText(/^Phone/), '612-555-0101');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Urgency' }), 'soon');
    await userEvent.click(screen.getByRole('button', { name: 'Save inquiry' }));
    expect(await screen.findByRole('heading', { name: 'Inquiry page' })).toBeInTheDocument();
    expect(m.callsTo('POST', '/api/v1/inquiries')[0]?.body).toEqual({
      caller_type: 'self',
      given_name: 'Dana',
      family_name: 'Reyes',
      phone: '612-555-0101',
      urgency: 'soon',
      preferred_schedule: 'unknown',
      substances: [],
      may_leave_message: false,
    });
  });

  it('shows a server field error beside its input', async () => {
    mockFetch({
      'POST /api/v1/inquiries': apiError(400, 'invalid_argument', 'some fields are invalid', [
        { field: 'birth_date', message: 'cannot be in the future' },
      ]),
    });
    renderScreen(<InquiryForm />, { route: '/admissions/new', path: '/admissions/new' });
    await userEvent.type(screen.getByLabelText(/First name/), 'Dana');
    await userEvent.type(screen.getByLabelText(/^Phone/), '612-555-0101');
    await userEvent.type(screen.getByLabelText('Date of birth'), '2099-01-01');
    await userEvent.click(screen.getByRole('button', { name: 'Save inquiry' }));
    await waitFor(() => expect(screen.getByLabelText('Date of birth')).toHaveAccessibleDescription('cannot be in the future'));
  });
});
