// A small typed HTTP client for the Stepwise API (same origin, /api/v1).
import type { ErrorEnvelope, FieldErrorItem } from './types';

export const API_BASE = '/api/v1';

/** An error answered by the server (or a network failure, status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: FieldErrorItem[];
  readonly requestId: string | null;

  constructor(status: number, code: string, message: string, fields: FieldErrorItem[] = [], requestId: string | null = null) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields;
    this.requestId = requestId;
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
  413: 'The request is too large.',
  428: 'This change needs the record version; reload and try again.',
  500: 'Something went wrong on the server. Please try again; if it keeps happening, report the request id.',
  502: 'The server is not reachable right now. Please try again shortly.',
  503: 'The database is busy or unavailable. Nothing was saved; please try again shortly.',
  504: 'The server took too long to answer. Please try again.',
};

/** Turns any non-2xx response into an ApiError, parsing the error envelope when there is one. */
export async function errorFromResponse(res: Response): Promise<ApiError> {
  const requestId = res.headers.get('X-Request-Id');
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
    return new ApiError(res.status, body.error.code ?? 'unknown', body.error.message, fields, requestId);
  }
  const message = GENERIC[res.status] ?? `The server answered ${res.status} ${res.statusText}`.trim();
  return new ApiError(res.status, 'unknown', message, [], requestId);
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  let body: string | undefined;
  if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  if (opts.version !== undefined) headers['If-Match'] = `"${opts.version}"`;
  let res: Response;
  try {
    res = await fetch(buildUrl(path, opts.query), {
      method,
      headers,
      body,
      signal: opts.signal,
      credentials: 'same-origin',
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'network', 'Could not reach the Stepwise server. Check the connection and try again.');
  }
  if (!res.ok) throw await errorFromResponse(res);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const http = {
  get: <T>(path: string, query?: Record<string, QueryValue>, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body: unknown, version?: number) => request<T>('POST', path, { body, version }),
  put: <T>(path: string, body: unknown, version: number) => request<T>('PUT', path, { body, version }),
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
