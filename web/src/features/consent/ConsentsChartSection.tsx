// The chart's consents section (status, expiry, days left, disclosures, revoke), release of information,
// court orders, and the expiry banner shown at the top of the chart.
import { Alert, Anchor, Button, Group, List, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { courtOrdersApi, type Consent } from '../../api/consents';
import type { Client } from '../../api/types';
import { EmptyState, ErrorAlert, Loading } from '../../components/Feedback';
import { formatDate } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';
import { ChartSection } from '../admissions/ChartSection';
import { usePermission } from '../security/sessionStore';
import { ConsentStatusBadge, daysLeftText, expiryText, recipientText } from './ConsentSummary';
import { CourtOrdersBlock } from './CourtOrders';
import { ReleaseDialog } from './ReleaseDialog';
import { RevokeConsentDialog } from './RevokeConsentDialog';
import { useClientConsents } from './useClientConsents';

export function ConsentsChartSection({ client }: { client: Client }) {
  const canRead = usePermission('consents.read');
  const canWrite = usePermission('consents.write');
  const canRelease = usePermission('disclosures.write');
  const canAccount = usePermission('disclosures.read');
  const all = useClientConsents(client.id, canRead);
  const { error, reload } = all;
  // A draft voided as entered in error stays on record (and in the audit trail) but not in the list.
  const consents = all.consents?.filter((c) => !c.voided);
  const orders = useAsync((signal) => (canRead ? courtOrdersApi.list(client.id, signal).then((r) => r.items) : Promise.resolve([])), [client.id, canRead]);
  const [revoking, setRevoking] = useState<Consent | null>(null);
  const [releasing, setReleasing] = useState(false);

  if (!canRead) {
    return (
      <ChartSection id="consents" title="Consents">
        <Text size="sm" c="dimmed">
          Your role does not include reading consents.
        </Text>
      </ChartSection>
    );
  }

  const actions = (
    <Group gap="xs">
      {canAccount && (
        <Button component={Link} to={`/clients/${client.id}/disclosures`} size="xs" variant="default">
          Accounting of disclosures
        </Button>
      )}
      {canRelease && (
        <Button size="xs" variant="default" onClick={() => setReleasing(true)} disabled={!consents}>
          Release information…
        </Button>
      )}
      {canWrite && (
        <Button component={Link} to={`/clients/${client.id}/consents/new`} size="xs">
          New consent
        </Button>
      )}
    </Group>
  );

  return (
    <ChartSection id="consents" title="Consents" actions={actions}>
      <Stack gap="md">
        {error ? <ErrorAlert title="Could not load consents" error={error} onRetry={reload} /> : null}
        {!consents && !error && <Loading label="Loading consents…" />}
        {consents && consents.length === 0 && (
          <EmptyState title="No consents recorded">Nothing may be shared outside the program without the client's written consent.</EmptyState>
        )}
        {consents && consents.length > 0 && (
          <Table.ScrollContainer minWidth={720}>
            <Table verticalSpacing="xs" aria-label="Consents">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Shared with</Table.Th>
                  <Table.Th scope="col">Status</Table.Th>
                  <Table.Th scope="col">Signed</Table.Th>
                  <Table.Th scope="col">Ends</Table.Th>
                  <Table.Th scope="col">Disclosures</Table.Th>
                  <Table.Th scope="col">
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {consents.map((c) => (
                  <Table.Tr key={c.id} data-testid={`consent-row-${c.id}`}>
                    <Table.Td>
                      <Anchor component={Link} to={`/clients/${client.id}/consents/${c.id}`}>
                        {recipientText(c) || 'Draft consent'}
                      </Anchor>
                      {c.kind === 'tpo' && (
                        <Text span size="xs" c="dimmed">
                          {' '}
                          (TPO)
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <ConsentStatusBadge status={c.status} />
                    </Table.Td>
                    <Table.Td>{c.signed_on ? formatDate(c.signed_on) : '—'}</Table.Td>
                    <Table.Td>
                      {expiryText(c) || '—'}
                      {daysLeftText(c) && (
                        <Text span size="sm" c={c.expiring_soon ? undefined : 'dimmed'} fw={c.expiring_soon ? 600 : undefined}>
                          {' '}
                          · {daysLeftText(c)}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{c.disclosure_count}</Table.Td>
                    <Table.Td>
                      {c.status === 'draft' && canWrite && (
                        <Anchor component={Link} to={`/clients/${client.id}/consents/${c.id}`} size="sm">
                          Continue
                        </Anchor>
                      )}
                      {c.status === 'active' && canWrite && (
                        <Button size="compact-xs" variant="default" onClick={() => setRevoking(c)}>
                          Revoke…
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {orders.error ? <ErrorAlert title="Could not load court orders" error={orders.error} onRetry={orders.reload} /> : null}
        {orders.data && <CourtOrdersBlock clientId={client.id} orders={orders.data} canWrite={canWrite} onChanged={orders.reload} />}
      </Stack>
      {revoking && (
        <RevokeConsentDialog
          consent={revoking}
          opened
          onClose={() => setRevoking(null)}
          onRevoked={() => {
            setRevoking(null);
            reload();
          }}
        />
      )}
      {releasing && consents && (
        <ReleaseDialog clientId={client.id} consents={consents} courtOrders={orders.data ?? []} opened onClose={() => setReleasing(false)} onReleased={reload} />
      )}
    </ChartSection>
  );
}

/** At the top of the chart: active consents that end soon (the warning window is the server's). */
export function ConsentExpiryBanner({ clientId }: { clientId: string }) {
  const canRead = usePermission('consents.read');
  const { consents } = useClientConsents(clientId, canRead);
  const soon = (consents ?? []).filter((c) => c.status === 'active' && c.expiring_soon);
  if (soon.length === 0) return null;
  return (
    <Alert color="orange" variant="light" role="status" title={soon.length === 1 ? 'A consent ends soon' : `${soon.length} consents end soon`} data-testid="consent-expiry-banner">
      <List size="sm">
        {soon.map((c) => (
          <List.Item key={c.id}>
            Consent to share with {recipientText(c)} ends {expiryText(c)} ({daysLeftText(c)}).{' '}
            <Anchor href="#consents" size="sm">
              See consents
            </Anchor>
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
