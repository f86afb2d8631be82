// /clients/:id/disclosures: the accounting of disclosures (42 CFR 2.25; 45 CFR 164.528) over the last 3
// years (Part 2 consented disclosures) or 6 years (HIPAA), with every 170.210(d) field, and a PDF the client
// can be given. Disclosures stay listed after the consent is revoked.
import { Anchor, Button, Group, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { categoryLabel, disclosuresApi } from '../../api/consents';
import { clientsApi } from '../../api/endpoints';
import { EmptyState, ErrorAlert, Loading } from '../../components/Feedback';
import { usePageTitle } from '../../components/usePageTitle';
import { displayName, formatDate, formatInstant } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';
import { consentStatusLabel } from './ConsentSummary';

const CHANNELS: Record<string, string> = {
  pdf: 'PDF',
  print: 'Printed',
  csv: 'CSV file',
  api: 'API',
  referral_packet: 'Referral packet',
};

/** A window bound (a date or an instant) as a date. */
function windowDate(v: string): string {
  return formatDate(v.slice(0, 10));
}

export function DisclosuresPage() {
  const { id = '' } = useParams();
  const [years, setYears] = useState<3 | 6>(3);
  const client = useAsync((signal) => clientsApi.get(id, signal), [id]);
  const accounting = useAsync((signal) => disclosuresApi.accounting(id, years, signal), [id, years]);
  usePageTitle('Accounting of disclosures');
  const data = accounting.data;

  return (
    <Stack gap="md" maw={1100}>
      <Anchor component={Link} to={`/clients/${id}#consents`} size="sm">
        ← Back to the chart
      </Anchor>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>Accounting of disclosures</Title>
          <Text c="dimmed" size="sm">
            {client.data ? displayName(client.data) : ''}
            {data ? ` · ${windowDate(data.window_start)} to ${windowDate(data.window_end)}` : ''}
          </Text>
        </div>
        <Group gap="sm" align="flex-end">
          <div>
            <Text size="sm" fw={500} id="window-label" mb={4}>
              Period
            </Text>
            <SegmentedControl
              aria-labelledby="window-label"
              value={String(years)}
              onChange={(v) => setYears(v === '6' ? 6 : 3)}
              data={[
                { value: '3', label: 'Last 3 years' },
                { value: '6', label: 'Last 6 years' },
              ]}
            />
          </div>
          <Button component="a" href={disclosuresApi.reportUrl(id, years)} target="_blank" rel="noopener" variant="default">
            PDF for the client
          </Button>
        </Group>
      </Group>
      <Text size="sm" c="dimmed">
        3 years covers disclosures made with the client's Part 2 consent; 6 years is the HIPAA accounting period.
      </Text>
      {accounting.error ? <ErrorAlert title="Could not load the accounting" error={accounting.error} onRetry={accounting.reload} /> : null}
      {!data && !accounting.error && <Loading label="Loading disclosures…" />}
      {data && data.items.length === 0 && <EmptyState title="No disclosures in this period">Nothing about this client was released in the period.</EmptyState>}
      {data && data.items.length > 0 && (
        <Table.ScrollContainer minWidth={960}>
          <Table verticalSpacing="xs" aria-label="Disclosures" aria-busy={accounting.loading} striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Date and time</Table.Th>
                <Table.Th scope="col">Recipient</Table.Th>
                <Table.Th scope="col">Information</Table.Th>
                <Table.Th scope="col">Purpose</Table.Th>
                <Table.Th scope="col">Released by</Table.Th>
                <Table.Th scope="col">Consent</Table.Th>
                <Table.Th scope="col">Form</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.items.map((d) => (
                <Table.Tr key={d.id}>
                  <Table.Td>{formatInstant(d.disclosed_at)}</Table.Td>
                  <Table.Td>
                    {d.recipient_name}
                    {d.recipient_address && (
                      <Text size="xs" c="dimmed">
                        {d.recipient_address}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {d.description}
                    <Text size="xs" c="dimmed">
                      {d.categories.map(categoryLabel).join('; ')}
                    </Text>
                  </Table.Td>
                  <Table.Td>{d.purpose_label || d.purpose}</Table.Td>
                  <Table.Td>{d.user_name}</Table.Td>
                  <Table.Td>
                    {d.consent_id ? (
                      <Anchor component={Link} to={`/clients/${id}/consents/${d.consent_id}`} size="sm">
                        {`Consent (${consentStatusLabel(d.consent_status_now ?? '').toLowerCase()} now)`}
                      </Anchor>
                    ) : (
                      'Court order'
                    )}
                  </Table.Td>
                  <Table.Td>{CHANNELS[d.channel] ?? d.channel}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
