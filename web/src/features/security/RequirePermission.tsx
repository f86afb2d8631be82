import { Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Navigate } from 'react-router';
import { usePageTitle } from '../../components/usePageTitle';
import { homePath } from '../shell/navigation';
import { usePermission, useSession } from './sessionStore';

function NoAccess() {
  usePageTitle('No access');
  return (
    <Stack>
      <Title order={1}>No access</Title>
      <Text>Your account does not give access to this page. If you need it for your work, ask an administrator.</Text>
    </Stack>
  );
}

/** Shows the page only to users whose session holds the permission (the server checks again on every call). */
export function RequirePermission({ permission, children }: { permission: string; children: ReactNode }) {
  return usePermission(permission) ? <>{children}</> : <NoAccess />;
}

/** For users without a dashboard (no client access), "/" leads to the first area they may open. */
export function HomeRedirect() {
  const session = useSession();
  return <Navigate to={homePath(session.user.permissions ?? [])} replace />;
}
