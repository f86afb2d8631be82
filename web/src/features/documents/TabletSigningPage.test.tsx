import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { AppRoutes } from '../../AppRoutes';
import type { SignRequest } from '../../api/documents';
import { appRoutes } from '../../test/appMocks';
import { client } from '../../test/fixtures';
import { apiError, json, mockFetch, type Handler, type MockReply } from '../../test/mockFetch';
import { drawStroke, installPointerEvents, stubCanvas } from '../../test/pointer';
import { renderApp } from '../../test/render';
import { tabletLock } from '../assessment/tabletLock';
import { DOCS_STAFF, TEMPLATES, preview, signedDocument } from './testData';

function routes(extra: Record<string, Handler | MockReply> = {}) {
  return appRoutes(
    { session: DOCS_STAFF },
    {
      'GET /api/v1/clients/client-1': json(client()),
      'GET /api/v1/document-templates': json({ items: TEMPLATES }),
      'GET /api/v1/clients/client-1/documents/preview': (c) =>
        json(c.query.get('template_id') === 'tpl-consent' ? preview({ template_id: 'tpl-consent', title: 'Consent to treatment', content_sha256: 'c'.repeat(64) }) : preview()),
      'POST /api/v1/me/verify-password': (c) =>
        (c.body as { password: string }).password === 'right-password'
          ? { status: 204 }
          : apiError(400, 'invalid_argument', 'check the fields', [{ field: 'password', message: 'is not your password' }]),
      ...extra,
    },
  );
}

async function unlock() {
  const dialog = await screen.findByRole('dialog', { name: 'Staff: leave tablet mode' });
  await userEvent.type(within(dialog).getByLabelText(/Your password/), 'right-password');
  await userEvent.click(within(dialog).getByRole('button', { name: 'Unlock' }));
}

describe('Tablet signing', () => {
  beforeEach(() => {
    installPointerEvents();
    stubCanvas();
  });

  it('shows the server-rendered text; the client signs, hands back, and staff record the delivery method', async () => {
    const m = mockFetch(routes({ 'POST /api/v1/clients/client-1/documents': (c) => json({ ...signedDocument(), ...(c.body as object) }, 201) }));
    renderApp(<AppRoutes />, '/tablet/documents/client-1/tpl-part2');
    expect(await screen.findByRole('heading', { level: 1, name: 'Hello, Mari' })).toBeInTheDocument();
    expect(screen.getByTestId('document-text')).toHaveTextContent('Adult IOP protects your records.');
    expect(screen.queryByRole('navigation')).not.toBeInTheDocument();
    expect(tabletLock.get()).toBe('/tablet/documents/client-1/tpl-part2');

    const sign = screen.getByRole('button', { name: 'Sign' });
    expect(sign).toBeDisabled();
    expect(screen.getByLabelText(/Full name of the signer/)).toHaveValue('Maria A. Lopez');
    drawStroke(screen.getByRole('img', { name: 'Your signature: drawing area' }), [
      [20, 30],
      [80, 60],
    ]);
    await userEvent.click(sign);
    expect(await screen.findByRole('heading', { name: 'Thank you — please hand the tablet back' })).toBeInTheDocument();
    expect(m.callsTo('POST', '/api/v1/clients/client-1/documents')).toHaveLength(0);

    await userEvent.click(screen.getByRole('button', { name: 'Staff: continue' }));
    await unlock();
    expect(await screen.findByRole('heading', { name: /^Finish:/ })).toBeInTheDocument();
    expect(tabletLock.get()).toBeNull();
    expect(screen.getByRole('img', { name: 'Drawn signature of Maria A. Lopez' })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('radio', { name: 'By mail' }));
    await userEvent.click(screen.getByRole('button', { name: 'Save signed document' }));

    await waitFor(() => expect(m.callsTo('POST', '/api/v1/clients/client-1/documents')).toHaveLength(1));
    const body = m.callsTo('POST', '/api/v1/clients/client-1/documents')[0]?.body as SignRequest;
    expect(body).toEqual({
      template_id: 'tpl-part2',
      template_version_no: 1,
      content_sha256: 'a'.repeat(64),
      delivery_method: 'mail',
      signatures: [
        {
          role: 'client',
          signer_name: 'Maria A. Lopez',
          method: 'drawn',
          image: { width: 600, height: 200, strokes: [[[20, 20], [140, 80]]] },
        },
      ],
    });
    // Back on the chart, with the app's navigation.
    expect(await screen.findByRole('navigation', { name: 'Primary' })).toBeInTheDocument();
  });

  it('the client may sign with a typed name; a template that needs a witness gets the staff witness signature before saving', async () => {
    const m = mockFetch(routes({ 'POST /api/v1/clients/client-1/documents': json(signedDocument({ kind: 'consent_to_treatment' }), 201) }));
    renderApp(<AppRoutes />, '/tablet/documents/client-1/tpl-consent');
    await screen.findByRole('heading', { level: 1, name: 'Hello, Mari' });
    // The client signs with a typed name.
    await userEvent.click(screen.getByRole('button', { name: 'Type name instead' }));
    await userEvent.click(screen.getByRole('checkbox', { name: 'I, Maria A. Lopez, sign with this typed name' }));
    await userEvent.click(screen.getByRole('button', { name: 'Sign' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Staff: continue' }));
    await unlock();
    const witness = await screen.findByRole('group', { name: 'Staff witness signature' });
    // No delivery method for a consent to treatment.
    expect(screen.queryByRole('radiogroup', { name: /How the notice was delivered/ })).not.toBeInTheDocument();
    const save = screen.getByRole('button', { name: 'Save signed document' });
    expect(save).toBeDisabled();
    expect(within(witness).getByLabelText(/Full name of the signer/)).toHaveValue('Karen Olson');
    drawStroke(within(witness).getByRole('img', { name: /drawing area/ }), [
      [30, 30],
      [90, 40],
    ]);
    await userEvent.click(save);
    await waitFor(() => expect(m.callsTo('POST', '/api/v1/clients/client-1/documents')).toHaveLength(1));
    const body = m.callsTo('POST', '/api/v1/clients/client-1/documents')[0]?.body as SignRequest;
    expect(body.delivery_method).toBeUndefined();
    expect(body.content_sha256).toBe('c'.repeat(64));
    expect(body.signatures.map((s) => [s.role, s.method, s.signer_name])).toEqual([
      ['client', 'typed', 'Maria A. Lopez'],
      ['witness', 'drawn', 'Karen Olson'],
    ]);
  });

  it('a document with no staff step is saved when the client signs, then asks for the tablet back', async () => {
    const m = mockFetch(
      routes({
        'GET /api/v1/clients/client-1/documents/preview': json(preview({ template_id: 'tpl-rules', title: 'Program rules' })),
        'POST /api/v1/clients/client-1/documents': json(signedDocument({ kind: 'program_rules' }), 201),
      }),
    );
    renderApp(<AppRoutes />, '/tablet/documents/client-1/tpl-rules');
    await screen.findByRole('heading', { level: 1, name: 'Hello, Mari' });
    drawStroke(screen.getByRole('img', { name: /drawing area/ }), [
      [20, 30],
      [80, 60],
    ]);
    await userEvent.click(screen.getByRole('button', { name: 'Sign' }));
    expect(await screen.findByRole('heading', { name: 'Signed — please hand the tablet back' })).toBeInTheDocument();
    expect(m.callsTo('POST', '/api/v1/clients/client-1/documents')).toHaveLength(1);
    expect(tabletLock.get()).toBe('/tablet/documents/client-1/tpl-rules');
    await userEvent.click(screen.getByRole('button', { name: 'Staff: leave tablet mode' }));
    await unlock();
    await waitFor(() => expect(tabletLock.get()).toBeNull());
  });

  it('a 409 (the document changed since it was shown) is explained, and the new version goes back to the client', async () => {
    let version = 1;
    const m = mockFetch(
      routes({
        'GET /api/v1/clients/client-1/documents/preview': () =>
          json(preview({ template_version_no: version, content_sha256: String(version).repeat(64), text: `Text of version ${version}` })),
        'POST /api/v1/clients/client-1/documents': () =>
          apiError(409, 'conflict', 'the document changed since it was shown', [{ field: 'content_sha256', message: 'does not match the current document' }]),
      }),
    );
    renderApp(<AppRoutes />, '/tablet/documents/client-1/tpl-part2');
    await screen.findByText('Text of version 1');
    drawStroke(screen.getByRole('img', { name: /drawing area/ }), [
      [20, 30],
      [80, 60],
    ]);
    await userEvent.click(screen.getByRole('button', { name: 'Sign' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Staff: continue' }));
    await unlock();
    await userEvent.click(await screen.findByRole('button', { name: 'Save signed document' }));
    const alert = await screen.findByRole('alert', { name: /The document changed — nothing was signed/ });
    expect(alert).toHaveTextContent('Show the new version to the client');
    version = 2;
    await userEvent.click(within(alert).getByRole('button', { name: 'Show the new version' }));
    expect(await screen.findByText('Text of version 2')).toBeInTheDocument();
    expect(tabletLock.get()).toBe('/tablet/documents/client-1/tpl-part2');
    expect(screen.getByRole('button', { name: 'Sign' })).toBeDisabled();
    expect(m.callsTo('GET', '/api/v1/clients/client-1/documents/preview')).toHaveLength(2);
  });
});
