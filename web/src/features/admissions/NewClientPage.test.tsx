import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { client } from '../../test/fixtures';
import { apiError, json, mockFetch } from '../../test/mockFetch';
import { renderScreen } from '../../test/render';
import { NewClientPage } from './NewClientPage';

function ChartStub() {
  return <h1>Chart page</h1>;
}

describe('NewClientPage', () => {
  it('requires legal given and family name and date of birth before sending', async () => {
    const m = mockFetch({});
    renderScreen(<NewClientPage />, { route: '/clients/new', path: '/clients/new' });
    await userEvent.click(screen.getByRole('button', { name: 'Register client' }));
    expect(screen.getByText('Enter the legal given name')).toBeInTheDocument();
    expect(screen.getByText('Enter the legal family name')).toBeInTheDocument();
    expect(screen.getByText('Enter the date of birth')).toBeInTheDocument();
    expect(m.calls).toHaveLength(0);
  });

  it('shows server field errors beside the inputs and keeps what was typed', async () => {
    mockFetch({
      'POST /api/v1/clients/possible-duplicates': json({ items: [] }),
      'POST /api/v1/clients': apiError(400, 'invalid_argument', 'some fields are invalid', [
        { field: 'birth_date', message: 'cannot be in the future' },
        { field: 'address.postal_code', message: 'must be a ZIP code' },
      ]),
    });
    renderScreen(<NewClientPage />, { route: '/clients/new', path: '/clients/new' });
    await userEvent.type(screen.getByLabelText(/Legal given name/), 'Ana');
    await userEvent.type(screen.getByLabelText(/Legal family name/), 'Silva');
    fireEvent.change(screen.getByLabelText(/Date of birth/), { target: { value: '2099-01-01' } });
    await userEvent.type(screen.getByLabelText('ZIP code'), 'abc');
    await userEvent.click(screen.getByRole('button', { name: 'Register client' }));

    await waitFor(() => expect(screen.getByLabelText(/Date of birth/)).toHaveAccessibleDescription('cannot be in the future'));
    expect(screen.getByLabelText('ZIP code')).toHaveAccessibleDescription('must be a ZIP code');
    expect(screen.getByRole('alert')).toHaveTextContent('some fields are invalid');
    expect(screen.getByLabelText(/Legal given name/)).toHaveValue('Ana');
  });

  it('creates the client with only the fields filled in and opens the chart', async () => {
    const m = mockFetch({
      'POST /api/v1/clients/possible-duplicates': json({ items: [] }),
      'POST /api/v1/clients': json(client({ id: 'new-1' }), 201),
    });
    renderScreen(<NewClientPage />, {
      route: '/clients/new',
      path: '/clients/new',
      extra: [{ path: '/clients/:id', element: <ChartStub /> }],
    });
    await userEvent.type(screen.getByLabelText(/Legal given name/), ' Ana ');
    await userEvent.type(screen.getByLabelText(/Legal family name/), 'Silva');
    fireEvent.change(screen.getByLabelText(/Date of birth/), { target: { value: '1992-10-03' } });
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Sex assigned at birth' }), 'female');
    await userEvent.type(screen.getByLabelText('Emergency contact name'), 'Rui Silva');
    await userEvent.click(screen.getByRole('button', { name: 'Register client' }));
    expect(await screen.findByRole('heading', { name: 'Chart page' })).toBeInTheDocument();
    expect(m.callsTo('POST', '/api/v1/clients')[0]?.body).toEqual({
      legal_name: { given: 'Ana', family: 'Silva' },
      birth_date: '1992-10-03',
      sex_at_birth: 'female',
      emergency_contact: { name: 'Rui Silva' },
    });
  });

  it('shows possible duplicates before registering, and registers only when asked again', async () => {
    const existing = { ...client({ id: 'old-1', mrn: 'SW-000042' }), display_name: 'Ana Silva', why: ['similar name and same birth date'] };
    const m = mockFetch({
      'POST /api/v1/clients/possible-duplicates': json({ items: [existing] }),
      'POST /api/v1/clients': json(client({ id: 'new-1' }), 201),
    });
    renderScreen(<NewClientPage />, {
      route: '/clients/new',
      path: '/clients/new',
      extra: [{ path: '/clients/:id', element: <ChartStub /> }],
    });
    await userEvent.type(screen.getByLabelText(/Legal given name/), 'Ana');
    await userEvent.type(screen.getByLabelText(/Legal family name/), 'Silva');
    fireEvent.change(screen.getByLabelText(/Date of birth/), { target: { value: '1992-10-03' } });
    await userEvent.click(screen.getByRole('button', { name: 'Register client' }));
    const panel = await screen.findByTestId('possible-duplicates');
    expect(panel).toHaveTextContent('SW-000042');
    expect(panel).toHaveTextContent('similar name and same birth date');
    expect(screen.getByRole('link', { name: 'Open chart' })).toHaveAttribute('href', '/clients/old-1');
    expect(m.callsTo('POST', '/api/v1/clients/possible-duplicates')[0]?.body).toEqual({ given: 'Ana', family: 'Silva', birth_date: '1992-10-03' });
    expect(m.callsTo('POST', '/api/v1/clients')).toHaveLength(0);

    await userEvent.click(screen.getByRole('button', { name: 'Register as a new client' }));
    expect(await screen.findByRole('heading', { name: 'Chart page' })).toBeInTheDocument();
    expect(m.callsTo('POST', '/api/v1/clients')).toHaveLength(1);
    expect(m.callsTo('POST', '/api/v1/clients/possible-duplicates')).toHaveLength(1);
  });
});
