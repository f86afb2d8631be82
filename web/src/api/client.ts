// A small typed HTTP client for the Stepwise API (same origin, /api/v1).
import type { ErrorEnvelope, FieldErrorItem } from './types';

export const API_BASE = '/api/v1';

/** An error answered by the server (or a network failure, status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: FieldErrorItem[];
  readonly requestId: string | null;
  /** Seconds to wait before trying again (from Retry-After on a 429), when the server said. */
  readonly retryAfter: number | null;

  constructor(
    status: number,
    code: string,
    message: string,
    fields: FieldErrorItem[] = [],
    requestId: string | null = null,
    retryAfter: number | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields;
    this.requestId = requestId;
    this.retryAfter = retryAfter;
  }

  /** The record was changed by someone else since it was loaded (412). */
  get isStale(): boolean {
    return this.status === 412 || this.code === 'stale_version';
  }

  get isNotFound(): boolean {
    return this.status === 404;
  }

  /** The message for one field (a JSON path such as `legal_name.given` or `credentials[1].expires_on`). */
  fieldMessage(field: string): string | undefined {
    return this.fields.find((f) => f.field === field)?.message;
  }
}

export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  query?: Record<string, QueryValue>;
  body?: unknown;
  /** The record version the user saw; sent as If-Match: "<version>". */
  version?: number;
  signal?: AbortSignal;
  /**
   * A sign-in call (`GET/POST /session`, `/session/mfa`, `/setup`): a 401 is an answer about the credentials,
   * not a sign that the session ended, so it is handed straight back to the caller.
   */
  signIn?: boolean;
  /** Let the request outlive the page (a save flushed while the page is being hidden or unloaded). */
  keepalive?: boolean;
  /** A body that is not JSON (a lab's CSV file), sent as is with its content type. */
  text?: { contentType: string; data: string };
}

// ---- Session plumbing: the CSRF token (kept in memory only) and the hooks the session layer installs ----

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The session's CSRF token. Held in this module's memory only: never in web storage. */
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null | undefined): void {
  csrfToken = token ? token : null;
}

export function currentCsrfToken(): string | null {
  return csrfToken;
}

export interface AuthHooks {
  /**
   * A call that needs a session answered 401. Resolves true when the user has signed in again as the same
   * person and the call may be retried; false to hand the 401 to the caller.
   */
  onUnauthorized?: (error: ApiError) => Promise<boolean>;
  /** A mutation was refused for its CSRF token. Resolves true when a fresh token is in place (retry once). */
  onCsrfRejected?: () => Promise<boolean>;
  /** A call that needs a session succeeded: the server has just refreshed the idle timer. */
  onActivity?: () => void;
}

let hooks: AuthHooks = {};

/** Installs the session layer's hooks; returns a function that removes them. */
export function setAuthHooks(next: AuthHooks): () => void {
  hooks = next;
  return () => {
    if (hooks === next) hooks = {};
  };
}

function abortError(): DOMException {
  return new DOMException('The operation was aborted.', 'AbortError');
}

/** Waits for `p`, but gives up with an AbortError when the caller's signal aborts meanwhile. */
function abortable<T>(p: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return p;
  if (signal.aborted) return Promise.reject(abortError());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortError());
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

function isEnvelope(value: unknown): value is ErrorEnvelope {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const e = (value as { error: unknown }).error;
  return typeof e === 'object' && e !== null && typeof (e as { message?: unknown }).message === 'string';
}

export function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  if (query) {
    for (const [k, v] of Object.entries(query)) {
      if (v === undefined || v === null || v === '' || v === false) continue;
      params.set(k, String(v));
    }
  }
  const qs = params.toString();
  return `${API_BASE}${path}${qs ? `?${qs}` : ''}`;
}

const GENERIC: Record<number, string> = {
  401: 'You are not signed in.',
  403: 'You do not have permission to do this.',
  429: 'Too many attempts. Please wait and try again.',
  413: 'The request is too large.',
  428: 'This change needs the record version; reload and try again.',
  500: 'Something went wrong on the server. Please try again; if it keeps happening, report the request id.',
  502: 'The server is not reachable right now. Please try again shortly.',
  503: 'The database is busy or unavailable. Nothing was saved; please try again shortly.',
  504: 'The server took too long to answer. Please try again.',
};

/** Turns any non-2xx response into an ApiError, parsing the error envelope when there is one. */
function parseRetryAfter(value: string | null): number | null {
  if (!value) return null;
  const seconds = Number(value.trim());
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  const when = Date.parse(value);
  return Number.isFinite(when) ? Math.max(0, Math.ceil((when - Date.now()) / 1000)) : null;
}

export async function errorFromResponse(res: Response): Promise<ApiError> {
  const requestId = res.headers.get('X-Request-Id');
  const retryAfter = parseRetryAfter(res.headers.get('Retry-After'));
  let body: unknown = null;
  try {
    const text = await res.text();
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (isEnvelope(body)) {
    const fields = Array.isArray(body.error.fields)
      ? body.error.fields.filter((f): f is FieldErrorItem => typeof f?.field === 'string' && typeof f?.message === 'string')
      : [];
    return new ApiError(res.status, body.error.code ?? 'unknown', body.error.message, fields, requestId, retryAfter);
  }
  const message = GENERIC[res.status] ?? `The server answered ${res.status} ${res.statusText}`.trim();
  return new ApiError(res.status, 'unknown', message, [], requestId, retryAfter);
}

async function send(method: string, path: string, opts: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  let body: string | undefined;
  if (opts.text !== undefined) {
    headers['Content-Type'] = opts.text.contentType;
    body = opts.text.data;
  } else if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  if (opts.version !== undefined) headers['If-Match'] = `"${opts.version}"`;
  if (MUTATING.has(method) && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  try {
    return await fetch(buildUrl(path, opts.query), {
      method,
      headers,
      body,
      signal: opts.signal,
      credentials: 'same-origin',
      ...(opts.keepalive ? { keepalive: true } : {}),
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'network', 'Could not reach the Stepwise server. Check the connection and try again.');
  }
}

function isCsrfRejection(e: ApiError): boolean {
  return e.status === 403 && /csrf/i.test(e.message);
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const res = await requestResponse(method, path, opts);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/**
 * Like `request`, but hands back the successful Response unread (a PDF or CSV to download). Errors, the
 * re-sign-in after a 401 and the CSRF retry work exactly as for `request`.
 */
export async function requestResponse(method: string, path: string, opts: RequestOptions = {}): Promise<Response> {
  let csrfRetried = false;
  for (let attempt = 0; ; attempt += 1) {
    const res = await send(method, path, opts);
    if (res.ok) {
      if (!opts.signIn) hooks.onActivity?.();
      return res;
    }
    const err = await errorFromResponse(res);
    if (!opts.signIn && attempt < 3) {
      // The session ended (idle timeout, sign-out elsewhere): the session layer asks the user to sign in
      // again over the current page, then the call is made again as if nothing had happened.
      if (err.status === 401 && hooks.onUnauthorized) {
        if (await abortable(hooks.onUnauthorized(err), opts.signal)) continue;
      } else if (MUTATING.has(method) && isCsrfRejection(err) && !csrfRetried && hooks.onCsrfRejected) {
        // Another tab signed in again and the cookie now belongs to a newer session: fetch its token.
        csrfRetried = true;
        if (await abortable(hooks.onCsrfRejected(), opts.signal)) continue;
      }
    }
    throw err;
  }
}

export const http = {
  get: <T>(path: string, query?: Record<string, QueryValue>, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body: unknown, version?: number) => request<T>('POST', path, { body, version }),
  put: <T>(path: string, body: unknown, version: number) => request<T>('PUT', path, { body, version }),
  postText: <T>(path: string, contentType: string, data: string, query?: Record<string, QueryValue>) =>
    request<T>('POST', path, { text: { contentType, data }, query }),
  delete: <T = void>(path: string) => request<T>('DELETE', path),
};

export function isAbort(e: unknown): boolean {
  return e instanceof DOMException && e.name === 'AbortError';
}

/** A message for any thrown value, for alerts. */
export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  if (e instanceof Error) return e.message;
  return 'Something went wrong.';
}
