import { describe, expect, it, vi } from 'vitest';
import { apiError, json, mockFetch } from '../test/mockFetch';
import { sessionStore } from '../features/security/sessionStore';
import { session } from '../test/fixtures';
import { ApiError, buildUrl, currentCsrfToken } from './client';
import { auditApi, clientsApi, meApi, metaApi, organizationApi, staffApi } from './endpoints';

describe('API client', () => {
  it('builds query strings without empty values', () => {
    expect(buildUrl('/clients', { q: 'Maria', stage: '', track_id: undefined, include_voided: false, limit: 50 })).toBe(
      '/api/v1/clients?q=Maria&limit=50',
    );
  });

  it('parses the error envelope, its field list and the request id', async () => {
    mockFetch({
      'POST /api/v1/clients': apiError(400, 'invalid_argument', 'some fields are invalid', [
        { field: 'birth_date', message: 'must be a real date as YYYY-MM-DD' },
      ]),
    });
    const err = await clientsApi.create({ legal_name: { given: 'A', family: 'B' }, birth_date: '2023-02-29' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    const e = err as ApiError;
    expect(e.status).toBe(400);
    expect(e.code).toBe('invalid_argument');
    expect(e.message).toBe('some fields are invalid');
    expect(e.fieldMessage('birth_date')).toBe('must be a real date as YYYY-MM-DD');
    expect(e.requestId).toBe('req-test-1');
  });

  it('sends If-Match with the quoted version on PUT and marks 412 as stale', async () => {
    const m = mockFetch({ 'PUT /api/v1/organization': apiError(412, 'stale_version', 'the record has changed') });
    const err = (await organizationApi.update({ name: 'X', time_zone: 'UTC' }, 7).catch((e: unknown) => e)) as ApiError;
    expect(m.calls[0]?.headers['if-match']).toBe('"7"');
    expect(m.calls[0]?.headers['content-type']).toBe('application/json');
    expect(m.calls[0]?.body).toEqual({ name: 'X', time_zone: 'UTC' });
    expect(err.isStale).toBe(true);
  });

  it('sends If-Match on void', async () => {
    const m = mockFetch({ 'POST /api/v1/staff/s1/void': json({}) });
    await staffApi.void('s1', 'left the organization', 4);
    expect(m.calls[0]?.headers['if-match']).toBe('"4"');
    expect(m.calls[0]?.body).toEqual({ reason: 'left the organization' });
  });

  it('gives a readable error when the body is not an envelope', async () => {
    mockFetch({ 'GET /api/v1/meta': { status: 503, body: undefined } });
    const err = (await metaApi.get().catch((e: unknown) => e)) as ApiError;
    expect(err.status).toBe(503);
    expect(err.message).toMatch(/Nothing was saved/);
  });

  it('turns a network failure into an ApiError with status 0', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    const err = (await clientsApi.list().catch((e: unknown) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.status).toBe(0);
    expect(err.code).toBe('network');
  });

  it('sends the session CSRF token on every mutation, not on reads, and keeps it out of web storage', async () => {
    const m = mockFetch({
      'GET /api/v1/clients': json({ items: [], next_cursor: null }),
      'POST /api/v1/clients': json({}, 201),
      'PUT /api/v1/organization': json({}),
      'DELETE /api/v1/me/sessions/s1': { status: 204 },
    });
    sessionStore.start(session({}, { csrf_token: 'tok-123' }));
    await clientsApi.list();
    await clientsApi.create({ legal_name: { given: 'A', family: 'B' }, birth_date: '2000-01-01' });
    await organizationApi.update({ name: 'X', time_zone: 'UTC' }, 1);
    await meApi.endSession('s1');
    expect(m.calls.map((c) => [c.method, c.headers['x-csrf-token']])).toEqual([
      ['GET', undefined],
      ['POST', 'tok-123'],
      ['PUT', 'tok-123'],
      ['DELETE', 'tok-123'],
    ]);
    expect(m.fn.mock.calls.every(([, init]) => init?.credentials === 'same-origin')).toBe(true);
    expect(window.localStorage.length).toBe(0);
    expect(window.sessionStorage.length).toBe(0);
    expect(document.cookie).not.toContain('tok-123');
    sessionStore.clear();
    expect(currentCsrfToken()).toBeNull();
  });

  it('fetches the current token and retries once when a mutation is refused for its CSRF token', async () => {
    sessionStore.start(session({}, { csrf_token: 'old' }));
    let posts = 0;
    const m = mockFetch({
      'POST /api/v1/clients': (c) => {
        posts += 1;
        return c.headers['x-csrf-token'] === 'new' ? json({}, 201) : apiError(403, 'permission_denied', 'CSRF check failed');
      },
      'GET /api/v1/session': json(session({}, { csrf_token: 'new' })),
    });
    await clientsApi.create({ legal_name: { given: 'A', family: 'B' }, birth_date: '2000-01-01' });
    expect(posts).toBe(2);
    expect(m.callsTo('POST', '/api/v1/clients')[1]?.headers['x-csrf-token']).toBe('new');
  });

  it('builds the audit CSV address from the same filters, without paging', () => {
    expect(auditApi.csvUrl({ action: 'read', outcome: 'denied', sort: 'user_id', order: 'asc', limit: 100, cursor: 'abc' })).toBe(
      '/api/v1/audit-events.csv?action=read&outcome=denied&sort=user_id&order=asc',
    );
  });
});
