// /clients/:id/consents/new and /clients/:id/consents/:cid: the wizard for a new consent or a draft; a signed
// consent read-only, with its PDF, its revocation and "Revoke…".
import { Alert, Anchor, Box, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { clientsApi } from '../../api/endpoints';
import { consentsApi, type Consent } from '../../api/consents';
import type { Client } from '../../api/types';
import { ErrorAlert, Loading } from '../../components/Feedback';
import { SignatureView } from '../../components/SignaturePad';
import { usePageTitle } from '../../components/usePageTitle';
import { displayName, formatDate, formatInstant } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';
import { usePermission } from '../security/sessionStore';
import { ConsentElements, ConsentStatusBadge, daysLeftText, recipientText } from './ConsentSummary';
import { ConsentWizard } from './ConsentWizard';
import { RevokeConsentDialog } from './RevokeConsentDialog';
import { reloadClientConsents } from './useClientConsents';

export function ConsentPage() {
  const { id = '', cid } = useParams();
  const canWrite = usePermission('consents.write');
  const state = useAsync(
    async (signal) => {
      const [client, consent] = await Promise.all([clientsApi.get(id, signal), cid ? consentsApi.get(cid, signal) : Promise.resolve(null)]);
      return { client, consent };
    },
    [id, cid],
  );
  usePageTitle('Consent');
  if (state.error) return <ErrorAlert title="Could not load the consent" error={state.error} onRetry={state.reload} />;
  if (!state.data) return <Loading label="Loading consent…" />;
  const { client, consent } = state.data;
  if (!consent || consent.status === 'draft') {
    if (!canWrite) return <ConsentView client={client} consent={consent} onChange={() => state.reload()} />;
    return <ConsentWizard key={consent?.id ?? 'new'} client={client} draft={consent} />;
  }
  return <ConsentView client={client} consent={consent} onChange={(c) => state.setData({ client, consent: c })} />;
}

function ConsentView({ client, consent, onChange }: { client: Client; consent: Consent | null; onChange: (c: Consent) => void }) {
  const location = useLocation();
  const activated = (location.state as { activated?: boolean } | null)?.activated === true;
  const canWrite = usePermission('consents.write');
  const [revoking, setRevoking] = useState(false);
  const name = displayName(client);
  if (!consent) {
    return (
      <Stack>
        <Text>Your role does not include recording consents.</Text>
      </Stack>
    );
  }
  const left = daysLeftText(consent);
  return (
    <Stack gap="md" maw={900}>
      <Anchor component={Link} to={`/clients/${client.id}#consents`} size="sm">
        ← Back to the chart
      </Anchor>
      {activated && consent.status === 'active' && (
        <Alert color="green" variant="light" role="status" title="Consent signed and active">
          Information covered by this consent may now be released to the recipient named in it.
        </Alert>
      )}
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={1}>Consent to share with {recipientText(consent)}</Title>
          <Group gap="xs" mt={4}>
            <ConsentStatusBadge status={consent.status} />
            <Text size="sm" c="dimmed">
              {name}
              {consent.signed_on ? ` · signed ${formatDate(consent.signed_on)}` : ''}
              {left ? ` · ${left}` : ''} · {consent.disclosure_count} disclosure{consent.disclosure_count === 1 ? '' : 's'}
            </Text>
          </Group>
        </div>
        <Group gap="xs">
          <Button component="a" href={consentsApi.pdfUrl(consent.id)} target="_blank" rel="noopener" variant="default" size="xs">
            PDF of the signed consent
          </Button>
          {consent.status === 'active' && canWrite && (
            <Button variant="default" size="xs" onClick={() => setRevoking(true)}>
              Revoke…
            </Button>
          )}
        </Group>
      </Group>
      {consent.revocation && (
        <Alert color="red" variant="light" title="Revoked" data-testid="consent-revocation">
          Revoked {formatInstant(consent.revocation.revoked_at)} ({consent.revocation.method === 'oral' ? 'spoken' : 'in writing'}), recorded by{' '}
          {consent.revocation.recorded_by_name}.{consent.revocation.note ? ` Note: ${consent.revocation.note}` : ''}
        </Alert>
      )}
      <Paper withBorder p="md" bg="gray.0">
        <Title order={2} size="h4" mb="xs">
          In plain language
        </Title>
        <Text data-testid="plain-language">{consent.plain_language}</Text>
      </Paper>
      <Paper withBorder p="md" component="section" aria-labelledby="consent-elements-heading">
        <Title order={2} size="h4" mb="xs" id="consent-elements-heading">
          The consent
        </Title>
        <ConsentElements consent={consent} clientName={name} />
        {consent.kind === 'tpo' && consent.tpo_statements && (
          <Stack gap={4} mt="sm">
            <Text size="sm">
              <strong>Redisclosure:</strong> {consent.tpo_statements.redisclosure}
            </Text>
            <Text size="sm">
              <strong>If the client does not sign:</strong> {consent.tpo_statements.refusal_consequences}
            </Text>
          </Stack>
        )}
        {consent.signature && (
          <Box mt="md">
            <SignatureView signature={consent.signature} />
          </Box>
        )}
      </Paper>
      {revoking && (
        <RevokeConsentDialog
          consent={consent}
          opened
          onClose={() => setRevoking(false)}
          onRevoked={(c) => {
            setRevoking(false);
            reloadClientConsents(client.id);
            onChange(c);
          }}
        />
      )}
    </Stack>
  );
}
