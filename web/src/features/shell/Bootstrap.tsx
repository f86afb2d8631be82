import { Button, Container, Stack, Text, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { ApiError } from '../../api/client';
import { metaApi, organizationApi, sessionApi, setupApi } from '../../api/endpoints';
import type { Meta, Organization, SetupState } from '../../api/types';
import { ErrorAlert, Loading } from '../../components/Feedback';
import { useAsync } from '../../lib/useAsync';
import { ClientSearchProvider } from '../admissions/clientSearch';
import { tabletPath, useTabletLock } from '../assessment/tabletLock';
import '../security/authHooks';
import { EnrollmentPage } from '../security/EnrollmentPage';
import { SessionGuard } from '../security/SessionGuard';
import { SignInPage } from '../security/SignInPage';
import { hasPermission, needsEnrollment, sessionStore, useSessionState } from '../security/sessionStore';
import { signOut } from '../security/signOut';
import { AppContext, type AppContextValue } from './AppContext';
import { AppLayout } from './AppLayout';
import { FirstRun, OrganizationFirstRun } from './FirstRun';

interface Boot {
  meta: Meta;
  setup: SetupState;
}

const NO_SETUP: SetupState = { needs_first_user: false, needs_organization: false };

async function loadSetup(signal: AbortSignal): Promise<SetupState> {
  try {
    return await setupApi.get(signal);
  } catch (e) {
    if (e instanceof ApiError && e.isNotFound) return NO_SETUP; // a server without first-run set-up
    throw e;
  }
}

/** Reference data, first-run state and (when signed in) the session. */
async function boot(signal: AbortSignal): Promise<Boot> {
  const [meta, setup] = await Promise.all([metaApi.get(signal), loadSetup(signal)]);
  if (!setup.needs_first_user && !sessionStore.get().session) {
    try {
      sessionStore.start(await sessionApi.current(signal));
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 401)) throw e;
    }
  }
  return { meta, setup };
}

function StartupError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  return (
    <main id="main">
      <Container size="sm" py="xl">
        <ErrorAlert title="Stepwise could not start" error={error} onRetry={onRetry} />
      </Container>
    </main>
  );
}

/**
 * The app's front door: first-run set-up while no user exists, the sign-in page while signed out, MFA
 * set-up when the account needs it, then the signed-in app with the session guard (idle warning and the
 * re-sign-in dialog) over it.
 */
export function Bootstrap() {
  const state = useAsync(boot, []);
  const { session } = useSessionState();
  const [setUp, setSetUp] = useState(false);
  const navigate = useNavigate();

  if (state.error) return <StartupError error={state.error} onRetry={state.reload} />;
  if (!state.data) {
    return (
      <main id="main">
        <Loading label="Loading Stepwise…" />
      </main>
    );
  }
  const { meta, setup } = state.data;

  let page;
  if (!session) {
    page =
      setup.needs_first_user && !setUp ? (
        <FirstRun
          needsOrganization={setup.needs_organization}
          onSignedIn={(s) => {
            setSetUp(true);
            sessionStore.start(s);
          }}
        />
      ) : (
        <SignInPage />
      );
  } else if (needsEnrollment(session)) {
    page = <EnrollmentPage session={session} />;
  } else {
    // Keyed by user: nothing of one user's pages survives into another's.
    page = <SignedInApp key={session.user.id} meta={meta} />;
  }
  return (
    <>
      {page}
      <SessionGuard onSignedOut={() => navigate('/', { replace: true })} />
    </>
  );
}

function SignedInApp({ meta }: { meta: Meta }) {
  const { session } = useSessionState();
  const tabletLock = useTabletLock();
  const { pathname } = useLocation();
  const org = useAsync(async (signal) => {
    try {
      return await organizationApi.get(signal);
    } catch (e) {
      if (e instanceof ApiError && e.isNotFound) return null;
      throw e;
    }
  }, []);
  const [created, setCreated] = useState<Organization | null>(null);
  const organization = created ?? org.data ?? null;
  const ctx = useMemo<AppContextValue | null>(
    () => (organization ? { meta, organization, setOrganization: setCreated } : null),
    [meta, organization],
  );

  if (org.error) return <StartupError error={org.error} onRetry={org.reload} />;
  if (org.data === undefined && !created) {
    return (
      <main id="main">
        <Loading label="Loading Stepwise…" />
      </main>
    );
  }
  if (!ctx) {
    if (hasPermission(session, 'organization.setup')) return <OrganizationFirstRun onCreated={setCreated} />;
    return <NoOrganization />;
  }
  // Tablet mode (a client completing a form): no app chrome, and no staff screen until a staff member unlocks.
  if (tabletLock && pathname !== tabletPath(tabletLock)) return <Navigate to={tabletPath(tabletLock)} replace />;
  return (
    <AppContext.Provider value={ctx}>
      <ClientSearchProvider>
        {pathname.startsWith('/tablet/') ? <Outlet /> : <AppLayout />}
      </ClientSearchProvider>
    </AppContext.Provider>
  );
}

function NoOrganization() {
  return (
    <main id="main">
      <Container size="sm" py="xl">
        <Stack>
          <Title order={1}>Stepwise is not set up yet</Title>
          <Text>The organization has not been created. Ask an administrator to finish the set-up, then sign in again.</Text>
          <div>
            <Button variant="default" onClick={() => void signOut()}>
              Sign out
            </Button>
          </div>
        </Stack>
      </Container>
    </main>
  );
}
