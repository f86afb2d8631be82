import type { Session } from '../api/types';
import { META, ORG, session as makeSession } from './fixtures';
import { apiError, json, type Handler, type MockReply } from './mockFetch';

export const emptyPage = json({ items: [], next_cursor: null });

/** The routes the app needs to start signed in (or signed out with `session: null`). */
export function appRoutes(opts: { session?: Session | null } = {}, extra: Record<string, Handler | MockReply> = {}): Record<string, Handler | MockReply> {
  const s = opts.session === undefined ? makeSession() : opts.session;
  return {
    'GET /api/v1/meta': json(META),
    'GET /api/v1/setup': json({ needs_first_user: false, needs_organization: false }),
    'GET /api/v1/session': s ? json(s) : apiError(401, 'unauthenticated', 'sign in first'),
    'GET /api/v1/organization': json(ORG),
    'GET /api/v1/clients': emptyPage,
    'GET /api/v1/sites': emptyPage,
    'GET /api/v1/programs': emptyPage,
    'GET /api/v1/emergency-access': json({ items: [] }),
    ...extra,
  };
}
