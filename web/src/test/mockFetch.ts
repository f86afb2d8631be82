// A tiny fetch stand-in for unit tests only: routes "METHOD /path" to handlers and records every call.
import { vi } from 'vitest';

export interface RecordedCall {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  body: unknown;
}

export interface MockReply {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type Handler = (call: RecordedCall) => MockReply | Promise<MockReply>;

export function json(body: unknown, status = 200): MockReply {
  return { status, body };
}

export function apiError(status: number, code: string, message: string, fields: { field: string; message: string }[] = []): MockReply {
  return { status, body: { error: { code, message, fields } }, headers: { 'X-Request-Id': 'req-test-1' } };
}

/**
 * Installs a fetch mock. Keys are "GET /api/v1/clients" (query string ignored) or "GET /api/v1/clients?stage=intake"
 * (query must match exactly); the more specific key wins. Unmatched requests answer 404 not_found.
 */
export function mockFetch(routes: Record<string, Handler | MockReply>) {
  const calls: RecordedCall[] = [];
  const fn = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(typeof input === 'string' ? input : input.toString(), 'http://localhost');
    const method = (init?.method ?? 'GET').toUpperCase();
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((v, k) => {
      headers[k] = v;
    });
    let body: unknown;
    if (typeof init?.body === 'string') {
      try {
        body = JSON.parse(init.body) as unknown;
      } catch {
        body = init.body; // not JSON (a CSV upload): the text as sent
      }
    }
    const call: RecordedCall = { method, path: url.pathname, query: url.searchParams, headers, body };
    calls.push(call);
    const exact = routes[`${method} ${url.pathname}${url.search}`];
    const loose = routes[`${method} ${url.pathname}`];
    const route = exact ?? loose;
    let reply: MockReply;
    if (!route) reply = apiError(404, 'not_found', `no mock for ${method} ${url.pathname}`);
    else reply = typeof route === 'function' ? await route(call) : route;
    const status = reply.status ?? 200;
    return new Response(reply.body === undefined ? null : JSON.stringify(reply.body), {
      status,
      headers: { 'Content-Type': 'application/json', ...(reply.headers ?? {}) },
    });
  });
  vi.stubGlobal('fetch', fn);
  return {
    calls,
    fn,
    /** Calls for one method and path. */
    callsTo: (method: string, path: string) => calls.filter((c) => c.method === method && c.path === path),
  };
}
