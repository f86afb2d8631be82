import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Consent, ConsentDraft } from '../../api/consents';
import { client } from '../../test/fixtures';
import { apiError, json, mockFetch, type RecordedCall } from '../../test/mockFetch';
import { drawStroke, installPointerEvents, stubCanvas } from '../../test/pointer';
import { renderScreen } from '../../test/render';
import { ConsentPage } from './ConsentPage';
import { consent, consentSession } from './testData';

const DRAFT_BASE = consent({ status: 'draft', version: 1, signature: null, signed_on: null, days_to_expiry: null, plain_language: '' });

/** A stand-in server for one consent: create, PATCH with If-Match, activate (refused when told to). */
function consentServer(opts: { initial?: Consent; refuseActivation?: boolean } = {}) {
  let record: Consent | null = opts.initial ?? null;
  const apply = (body: ConsentDraft): Consent => {
    const base = record ?? { ...DRAFT_BASE, kind: '' as const };
    const next = { ...base, ...body, version: (record?.version ?? 0) + 1 } as Consent;
    next.plain_language = `You allow ${next.discloser} to share ${next.information.description} with ${next.recipient.name}.`;
    record = next;
    return next;
  };
  const m = mockFetch({
    'GET /api/v1/clients/client-1': json(client()),
    'GET /api/v1/consents/c-1': () => json(record),
    'POST /api/v1/clients/client-1/consents': (c) => json(apply(c.body as ConsentDraft), 201),
    'PATCH /api/v1/consents/c-1': (c: RecordedCall) => {
      if (c.headers['if-match'] !== `"${record?.version}"`) return apiError(412, 'stale_version', 'changed');
      return json(apply(c.body as ConsentDraft));
    },
    'POST /api/v1/consents/c-1/activate': (c: RecordedCall) => {
      if (opts.refuseActivation) return apiError(400, 'invalid', 'the consent is missing required elements', [{ field: 'recipient.name', message: 'name the recipient' }]);
      if (c.headers['if-match'] !== `"${record?.version}"`) return apiError(412, 'stale_version', 'changed');
      record = { ...(record as Consent), status: 'active', version: (record?.version ?? 0) + 1, signed_on: (c.body as { signed_on: string }).signed_on };
      return json(record);
    },
  });
  return { m, current: () => record };
}

const renderNew = () =>
  renderScreen(<ConsentPage />, {
    route: '/clients/client-1/consents/new',
    path: '/clients/:id/consents/new',
    session: consentSession(),
    extra: [{ path: '/clients/:id/consents/:cid', element: <ConsentPage /> }],
  });

const renderDraft = () =>
  renderScreen(<ConsentPage />, { route: '/clients/client-1/consents/c-1', path: '/clients/:id/consents/:cid', session: consentSession() });

const next = () => userEvent.click(screen.getByRole('button', { name: 'Next' }));
const stepHeading = () => screen.getByRole('heading', { level: 2, name: /^Step \d of 7/ });

async function fillEveryElement() {
  await userEvent.click(await screen.findByRole('radio', { name: 'To a named person or organization' }));
  await next();
  await userEvent.click(screen.getByRole('checkbox', { name: 'Attendance' }));
  await userEvent.type(screen.getByLabelText(/Specific description of the information/), 'Attendance dates since admission');
  await next();
  await userEvent.click(screen.getByRole('radio', { name: 'A named person' }));
  await userEvent.selectOptions(screen.getByLabelText(/Kind of recipient/), 'family');
  await userEvent.type(screen.getByLabelText(/Name of the person/), 'Jane Smith');
  await next();
  await userEvent.selectOptions(screen.getByLabelText(/Purpose of sharing/), 'family_involvement');
  await next();
  expect((screen.getByLabelText(/Statement of the right to revoke/) as HTMLTextAreaElement).value).toContain('revoke this consent in writing');
  await next();
  await userEvent.click(screen.getByRole('radio', { name: 'When something happens' }));
  expect(screen.getByRole('radio', { name: /End of treatment/ })).toBeChecked();
  await next();
}

describe('ConsentWizard', () => {
  beforeEach(() => {
    installPointerEvents();
    stubCanvas();
  });

  it('will not move past a step whose element is missing', async () => {
    const { m } = consentServer();
    renderNew();
    expect(await screen.findByRole('heading', { name: /Step 1 of 7/ })).toBeInTheDocument();
    await next();
    expect(stepHeading()).toHaveTextContent('Step 1 of 7');
    expect(screen.getByText('Fill in the marked fields to go on.')).toBeInTheDocument();
    expect(screen.getByText('Choose the kind of consent')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('radio', { name: 'To a named person or organization' }));
    await next();
    expect(stepHeading()).toHaveTextContent('Step 2 of 7: What may be shared');
    await next();
    expect(screen.getByText('Choose at least one kind of information')).toBeInTheDocument();
    expect(screen.getByText('Describe the information specifically')).toBeInTheDocument();
    // The draft was created when the first step was left.
    await waitFor(() => expect(m.callsTo('POST', '/api/v1/clients/client-1/consents')).toHaveLength(1));
    expect(m.callsTo('POST', '/api/v1/clients/client-1/consents')[0]?.body).toMatchObject({ kind: 'specific', discloser: 'Northstar Recovery Center' });
  });

  it('saves the draft as it goes, shows the plain-language summary, and signs only when complete', async () => {
    const { m, current } = consentServer();
    renderNew();
    await fillEveryElement();
    expect(stepHeading()).toHaveTextContent('Step 7 of 7: Plain-language summary and signature');
    expect(await screen.findByTestId('plain-language')).toHaveTextContent('You allow Northstar Recovery Center to share Attendance dates since admission with Jane Smith.');
    const sign = screen.getByRole('button', { name: 'Sign and activate' });
    expect(sign).toBeDisabled();
    // The client signs with a finger on the drawing area.
    const pad = screen.getByTestId('signature-client');
    expect(within(pad).getByLabelText(/Full name of the signer/)).toHaveValue('Maria A. Lopez');
    drawStroke(within(pad).getByRole('img', { name: /drawing area/ }), [
      [30, 60],
      [90, 80],
      [150, 50],
    ]);
    await waitFor(() => expect(sign).toBeEnabled());
    await userEvent.click(sign);

    expect(await screen.findByText('Consent signed and active')).toBeInTheDocument();
    const patches = m.callsTo('PATCH', '/api/v1/consents/c-1');
    expect(patches.length).toBeGreaterThan(0);
    expect(patches.at(-1)?.body).toMatchObject({
      information: { categories: ['attendance'], description: 'Attendance dates since admission' },
      recipient: { kind: 'person', category: 'family', name: 'Jane Smith' },
      purpose: { code: 'family_involvement' },
      expiration: { kind: 'event', event: 'end_of_treatment' },
    });
    const activate = m.callsTo('POST', '/api/v1/consents/c-1/activate')[0];
    expect(activate?.headers['if-match']).toBe(`"${(current()?.version ?? 0) - 1}"`);
    expect(activate?.body).toMatchObject({ signature: { role: 'client', signer_name: 'Maria A. Lopez', method: 'drawn', image: { width: 600, height: 200 } } });
    expect((activate?.body as { signature: { image: { strokes: unknown[] } } }).signature.image.strokes).toHaveLength(1);
    expect((activate?.body as { signed_on: string }).signed_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('a resumed draft missing an element lists it on the last step and offers no signature', async () => {
    const draft = { ...DRAFT_BASE, recipient: { ...DRAFT_BASE.recipient, name: '' } };
    const { m } = consentServer({ initial: draft });
    renderDraft();
    await userEvent.click(await screen.findByRole('button', { name: /Review and sign/ }));
    const missing = await screen.findByTestId('consent-missing');
    expect(missing).toHaveTextContent('This consent cannot be signed yet');
    expect(within(missing).getByText(/Name the person/)).toBeInTheDocument();
    expect(screen.queryByTestId('signature-client')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Sign and activate' })).toBeDisabled();

    await userEvent.click(within(missing).getByRole('button', { name: /go to Recipient/ }));
    expect(stepHeading()).toHaveTextContent('Who may receive it');
    await userEvent.type(screen.getByLabelText(/Name of the person/), 'Jane Smith');
    await userEvent.click(screen.getByRole('button', { name: /Review and sign/ }));
    expect(await screen.findByTestId('signature-client')).toBeInTheDocument();
    expect(screen.queryByTestId('consent-missing')).not.toBeInTheDocument();
    await waitFor(() => expect(m.callsTo('PATCH', '/api/v1/consents/c-1').at(-1)?.body).toMatchObject({ recipient: { name: 'Jane Smith' } }));
  });

  it('shows the server’s refusal to activate, naming the element and its step', async () => {
    consentServer({ initial: DRAFT_BASE, refuseActivation: true });
    renderDraft();
    await userEvent.click(await screen.findByRole('button', { name: /Review and sign/ }));
    const pad = await screen.findByTestId('signature-client');
    await userEvent.click(within(pad).getByRole('button', { name: 'Type name instead' }));
    await userEvent.click(within(pad).getByRole('checkbox', { name: /sign with this typed name/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Sign and activate' }));
    const alert = (await screen.findByText('The consent was not activated')).closest('[role="alert"]');
    expect(alert).toHaveTextContent('name the recipient');
    await userEvent.click(screen.getByRole('button', { name: 'Go to Recipient' }));
    expect(stepHeading()).toHaveTextContent('Who may receive it');
    expect(screen.getByLabelText(/Name of the person/)).toHaveAccessibleDescription(/name the recipient/);
  });
});
