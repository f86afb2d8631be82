import { sessionApi } from '../../api/endpoints';
import { flushAll } from '../../lib/pendingSaves';
import { sessionStore } from './sessionStore';

/**
 * Saves pending autosave edits, ends the session on the server and forgets everything held in memory (the session, its CSRF token,
 * and every page's data, which unmounts with the signed-in app). The sign-in page follows.
 */
export async function signOut(): Promise<void> {
  // Autosaving forms send what they hold first (bounded wait): signing out never loses typed work.
  await flushAll();
  try {
    await sessionApi.signOut();
  } catch {
    // Already gone on the server (or unreachable): the local state is cleared all the same.
  }
  sessionStore.clear();
}
