import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { OrientationStatus } from '../../api/documents';
import { DIRECTOR_PERMISSIONS, session } from '../../test/fixtures';
import { apiError, json, mockFetch } from '../../test/mockFetch';
import { renderScreen } from '../../test/render';
import { tabletLock } from '../assessment/tabletLock';
import { DocumentsSection } from './DocumentsSection';
import { OrientationSection } from './OrientationSection';
import { DOCS_STAFF, TEMPLATES, orientation, orientingClient, signedDocument } from './testData';

function Signing() {
  return <h1>Signing page</h1>;
}

describe('OrientationSection', () => {
  it('lists items with who and when, ticks an item, and starts tablet signing for a document item', async () => {
    let status: OrientationStatus = orientation();
    const m = mockFetch({
      'GET /api/v1/clients/client-1/orientation': () => json(status),
      'GET /api/v1/document-templates': json({ items: TEMPLATES }),
      'POST /api/v1/clients/client-1/orientation/items/schedule_track': (c) => {
        const done = (c.body as { done: boolean }).done;
        status = orientation({
          items: status.items.map((i) =>
            i.code === 'schedule_track' ? { ...i, done, completed_by_name: 'Karen Olson', completed_at: '2026-01-06T16:00:00Z' } : i,
          ),
        });
        return json(status);
      },
    });
    renderScreen(<OrientationSection client={orientingClient()} onFinalized={() => {}} />, {
      session: DOCS_STAFF,
      extra: [{ path: '/tablet/documents/:cid/:tid', element: <Signing /> }],
    });
    const list = await screen.findByRole('list', { name: 'Orientation checklist' });
    expect(within(screen.getByTestId('orientation-consent_to_treatment')).getByText('Signed')).toBeInTheDocument();
    expect(screen.getByTestId('orientation-consent_to_treatment')).toHaveTextContent(/Signed by Maria Lopez on/);
    expect(within(screen.getByTestId('orientation-telehealth_setup')).getByText('Optional')).toBeInTheDocument();
    expect(screen.getByTestId('orientation-readiness')).toHaveTextContent(
      'Still open before the admission can be finalized: Schedule and group track reviewed; 42 CFR Part 2 patient notice delivered and acknowledged.',
    );

    await userEvent.click(within(list).getByRole('checkbox', { name: 'Schedule and group track reviewed' }));
    await waitFor(() => expect(screen.getByTestId('orientation-schedule_track')).toHaveTextContent(/Done by Karen Olson on/));
    expect(m.callsTo('POST', '/api/v1/clients/client-1/orientation/items/schedule_track')[0]?.body).toEqual({ done: true, note: '' });
    expect(screen.getByTestId('orientation-readiness')).toHaveTextContent(/Still open .*: 42 CFR Part 2 patient notice/);

    await userEvent.click(screen.getByRole('button', { name: 'Sign on tablet: 42 CFR Part 2 patient notice delivered and acknowledged' }));
    expect(await screen.findByRole('heading', { name: 'Signing page' })).toBeInTheDocument();
    expect(tabletLock.get()).toBe('/tablet/documents/client-1/tpl-part2');
    tabletLock.unlock();
  });

  it('"Finalize admission" shows what blocks it (the server’s items.<code> errors)', async () => {
    const onFinalized = vi.fn();
    mockFetch({
      'GET /api/v1/clients/client-1/orientation': json(orientation()),
      'GET /api/v1/document-templates': json({ items: TEMPLATES }),
      'POST /api/v1/clients/client-1/orientation/finalize': apiError(409, 'conflict', 'orientation is not complete', [
        { field: 'items.schedule_track', message: 'is required and not done' },
        { field: 'items.part2_notice', message: 'the 42 CFR 2.22 notice has not been delivered' },
      ]),
    });
    renderScreen(<OrientationSection client={orientingClient()} onFinalized={onFinalized} />, { session: DOCS_STAFF });
    await userEvent.click(await screen.findByRole('button', { name: 'Finalize admission' }));
    const blockers = await screen.findByTestId('finalize-blockers');
    expect(blockers).toHaveTextContent('The admission cannot be finalized yet');
    expect(within(blockers).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Schedule and group track reviewed: is required and not done',
      '42 CFR Part 2 patient notice delivered and acknowledged: the 42 CFR 2.22 notice has not been delivered',
    ]);
    expect(onFinalized).not.toHaveBeenCalled();
  });

  it('finalizing a ready admission tells the chart to reload', async () => {
    const onFinalized = vi.fn();
    const items = orientation().items.map((i) => ({ ...i, done: true }));
    const m = mockFetch({
      'GET /api/v1/clients/client-1/orientation': json(orientation({ items })),
      'GET /api/v1/document-templates': json({ items: TEMPLATES }),
      'POST /api/v1/clients/client-1/orientation/finalize': json({ stage: 'treatment' }),
    });
    renderScreen(<OrientationSection client={orientingClient()} onFinalized={onFinalized} />, { session: DOCS_STAFF });
    expect(await screen.findByTestId('orientation-readiness')).toHaveTextContent('Every required item is done');
    await userEvent.click(screen.getByRole('button', { name: 'Finalize admission' }));
    expect(await screen.findByText('The client is now in treatment.')).toBeInTheDocument();
    expect(onFinalized).toHaveBeenCalledTimes(1);
    expect(m.callsTo('POST', '/api/v1/clients/client-1/orientation/finalize')).toHaveLength(1);
  });

  it('is read-only without documents.write: no ticking, signing or finalizing', async () => {
    mockFetch({
      'GET /api/v1/clients/client-1/orientation': json(orientation()),
      'GET /api/v1/document-templates': json({ items: TEMPLATES }),
    });
    renderScreen(<OrientationSection client={orientingClient()} onFinalized={() => {}} />, {
      session: session({ permissions: [...DIRECTOR_PERMISSIONS, 'documents.read'] }),
    });
    const box = await screen.findByRole('checkbox', { name: 'Schedule and group track reviewed' });
    expect(box).toBeDisabled();
    expect(screen.queryByRole('button', { name: /Sign on tablet/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Finalize admission' })).not.toBeInTheDocument();
  });
});

describe('DocumentsSection', () => {
  it('lists signed documents with signers, hash and PDF; verify says whether the hash matches; details show the signature', async () => {
    mockFetch({
      'GET /api/v1/clients/client-1/documents': json({ items: [signedDocument()] }),
      'GET /api/v1/document-templates': json({ items: TEMPLATES }),
      'GET /api/v1/documents/doc-1/verify': json({ content_sha256: 'x', recomputed: 'x', matches: true }),
    });
    renderScreen(<DocumentsSection client={orientingClient()} />, { session: DOCS_STAFF });
    const table = await screen.findByRole('table', { name: 'Signed documents' });
    expect(within(table).getByText('Maria Lopez')).toBeInTheDocument();
    expect(within(table).getByLabelText(`SHA-256 ${'ab12cd34ef56'.padEnd(64, '0')}`)).toHaveTextContent('ab12cd34ef56…');
    expect(within(table).getByRole('link', { name: /PDF of Notice of Privacy Practices/ })).toHaveAttribute('href', '/api/v1/documents/doc-1/pdf');
    await userEvent.click(within(table).getByRole('button', { name: /Verify Notice/ }));
    expect(await within(table).findByText('Unchanged')).toBeInTheDocument();

    await userEvent.click(within(table).getByRole('button', { name: 'Notice of Privacy Practices (42 CFR Part 2)' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByTestId('document-hash')).toHaveTextContent('ab12cd34ef56');
    expect(within(dialog).getByRole('img', { name: 'Drawn signature of Maria Lopez' })).toBeInTheDocument();
    expect(within(dialog).getByText('Notice text as signed')).toBeInTheDocument();
  });

  it('a changed document fails verification visibly', async () => {
    mockFetch({
      'GET /api/v1/clients/client-1/documents': json({ items: [signedDocument()] }),
      'GET /api/v1/document-templates': json({ items: TEMPLATES }),
      'GET /api/v1/documents/doc-1/verify': json({ content_sha256: 'x', recomputed: 'y', matches: false }),
    });
    renderScreen(<DocumentsSection client={orientingClient()} />, { session: DOCS_STAFF });
    await userEvent.click(await screen.findByRole('button', { name: /Verify Notice/ }));
    expect(await screen.findByText('Hash does not match')).toBeInTheDocument();
  });

  it('starts tablet signing for a chosen template', async () => {
    mockFetch({
      'GET /api/v1/clients/client-1/documents': json({ items: [] }),
      'GET /api/v1/document-templates': json({ items: TEMPLATES }),
    });
    renderScreen(<DocumentsSection client={orientingClient()} />, {
      session: DOCS_STAFF,
      extra: [{ path: '/tablet/documents/:cid/:tid', element: <Signing /> }],
    });
    expect(await screen.findByText('No signed documents')).toBeInTheDocument();
    await userEvent.selectOptions(screen.getByLabelText('Sign a document'), 'tpl-rules');
    await userEvent.click(screen.getByRole('button', { name: 'Hand the tablet to the client' }));
    expect(await screen.findByRole('heading', { name: 'Signing page' })).toBeInTheDocument();
    expect(tabletLock.get()).toBe('/tablet/documents/client-1/tpl-rules');
    tabletLock.unlock();
  });
});
