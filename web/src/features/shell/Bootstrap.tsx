import { Container } from '@mantine/core';
import { useMemo, useState } from 'react';
import { ApiError } from '../../api/client';
import { metaApi, organizationApi } from '../../api/endpoints';
import type { Meta, Organization } from '../../api/types';
import { ErrorAlert, Loading } from '../../components/Feedback';
import { useAsync } from '../../lib/useAsync';
import { AppContext, type AppContextValue } from './AppContext';
import { AppLayout } from './AppLayout';
import { FirstRun } from './FirstRun';

interface Boot {
  meta: Meta;
  organization: Organization | null;
}

async function boot(signal: AbortSignal): Promise<Boot> {
  const metaP = metaApi.get(signal);
  let organization: Organization | null = null;
  try {
    organization = await organizationApi.get(signal);
  } catch (e) {
    if (!(e instanceof ApiError && e.isNotFound)) throw e;
  }
  return { meta: await metaP, organization };
}

/** Loads reference data and the organization; shows first-run set-up when there is none. */
export function Bootstrap() {
  const state = useAsync(boot, []);
  const [created, setCreated] = useState<Organization | null>(null);
  const organization = created ?? state.data?.organization ?? null;

  const ctx = useMemo<AppContextValue | null>(
    () => (state.data && organization ? { meta: state.data.meta, organization, setOrganization: setCreated } : null),
    [state.data, organization],
  );

  if (state.error) {
    return (
      <main id="main">
        <Container size="sm" py="xl">
          <ErrorAlert title="Stepwise could not start" error={state.error} onRetry={state.reload} />
        </Container>
      </main>
    );
  }
  if (!state.data) {
    return (
      <main id="main">
        <Loading label="Loading Stepwise…" />
      </main>
    );
  }
  if (!ctx) return <FirstRun onCreated={setCreated} />;
  return (
    <AppContext.Provider value={ctx}>
      <AppLayout />
    </AppContext.Provider>
  );
}
