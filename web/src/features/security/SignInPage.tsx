import { usePageTitle } from '../../components/usePageTitle';
import { PublicPage } from './PublicPage';
import { SignInForm } from './SignInForm';
import { sessionStore } from './sessionStore';

export function SignInPage({ notice }: { notice?: string }) {
  usePageTitle('Sign in');
  return (
    <PublicPage>
      <SignInForm intro={notice} onSignedIn={(session) => sessionStore.start(session)} />
    </PublicPage>
  );
}
