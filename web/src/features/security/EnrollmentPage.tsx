import { Anchor, Group } from '@mantine/core';
import { sessionApi } from '../../api/endpoints';
import type { Session } from '../../api/types';
import { usePageTitle } from '../../components/usePageTitle';
import { MfaEnrollment } from './MfaEnrollment';
import { PublicPage } from './PublicPage';
import { sessionStore } from './sessionStore';
import { signOut } from './signOut';

/** The MFA set-up a user must finish before anything else (their role or the organization requires it). */
export function EnrollmentPage({ session }: { session: Session }) {
  usePageTitle('Set up two-step sign-in');
  const done = async () => {
    try {
      const s = await sessionApi.current();
      // The confirmation just succeeded, whatever a cached answer says.
      sessionStore.start({ ...s, user: { ...s.user, mfa_enabled: true } });
    } catch {
      sessionStore.clear();
    }
  };
  return (
    <PublicPage size="sm">
      <MfaEnrollment
        username={session.user.username}
        reason={`Signed in as ${session.user.display_name || session.user.username}. Your account must use two-step sign-in before you can continue.`}
        onDone={() => void done()}
      />
      <Group justify="flex-end" mt="md">
        <Anchor component="button" type="button" size="sm" onClick={() => void signOut()}>
          Sign out
        </Anchor>
      </Group>
    </PublicPage>
  );
}
