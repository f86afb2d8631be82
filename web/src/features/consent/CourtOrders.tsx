// Court orders authorizing disclosure (42 CFR 2.61–2.67): the list on the chart and the form to record one.
// A disclosure for use in legal proceedings is refused unless one is recorded.
import { Button, Group, Paper, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { courtOrdersApi, type CourtOrder, type CourtOrderDraft } from '../../api/consents';
import { ErrorAlert } from '../../components/Feedback';
import { compact, formatDate } from '../../lib/format';

const EMPTY: CourtOrderDraft = { court: '', case_number: '', judge: '', order_date: '', description: '', expires_on: '' };

export function CourtOrderForm({ clientId, onSaved, onCancel }: { clientId: string; onSaved: (o: CourtOrder) => void; onCancel: () => void }) {
  const [draft, setDraft] = useState<CourtOrderDraft>(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof CourtOrderDraft) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value;
    setDraft((d) => ({ ...d, [k]: value }));
  };

  const submit = async () => {
    const local: Record<string, string> = {};
    if (!draft.court.trim()) local.court = 'Name the court';
    if (!draft.case_number.trim()) local.case_number = 'Give the case number';
    if (!draft.order_date) local.order_date = 'Give the date of the order';
    if (!draft.description.trim()) local.description = 'Say what the order authorizes';
    setErrors(local);
    if (Object.keys(local).length > 0) return;
    setBusy(true);
    setError(null);
    try {
      onSaved(await courtOrdersApi.create(clientId, compact(draft)));
    } catch (e) {
      if (e instanceof ApiError) setErrors(Object.fromEntries(e.fields.map((f) => [f.field, f.message])));
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper withBorder p="sm">
      <form
        noValidate
        aria-label="Record a court order"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            Record an order issued under 42 CFR 2.61–2.67. A subpoena alone does not authorize disclosure.
          </Text>
          <Group grow align="flex-start">
            <TextInput label="Court" withAsterisk value={draft.court} onChange={set('court')} error={errors.court} />
            <TextInput label="Case number" withAsterisk value={draft.case_number} onChange={set('case_number')} error={errors.case_number} />
          </Group>
          <Group grow align="flex-start">
            <TextInput label="Judge" value={draft.judge} onChange={set('judge')} error={errors.judge} />
            <TextInput type="date" label="Date of the order" withAsterisk value={draft.order_date} onChange={set('order_date')} error={errors.order_date} />
            <TextInput type="date" label="Order expires (if stated)" value={draft.expires_on ?? ''} onChange={set('expires_on')} error={errors.expires_on} />
          </Group>
          <Textarea
            label="What the order authorizes"
            description="The information, the recipient and the use the order allows"
            withAsterisk
            autosize
            minRows={2}
            value={draft.description}
            onChange={set('description')}
            error={errors.description}
          />
          <ErrorAlert title="The court order was not recorded" error={error} otherFields={error instanceof ApiError ? error.fields.filter((f) => !(f.field in EMPTY)) : []} />
          <Group>
            <Button type="submit" size="xs" loading={busy}>
              Record court order
            </Button>
            <Button variant="default" size="xs" onClick={onCancel}>
              Cancel
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

export function CourtOrdersList({ orders }: { orders: CourtOrder[] }) {
  if (orders.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No court orders recorded.
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table verticalSpacing="xs" aria-label="Court orders">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Court and case</Table.Th>
            <Table.Th scope="col">Judge</Table.Th>
            <Table.Th scope="col">Ordered</Table.Th>
            <Table.Th scope="col">Expires</Table.Th>
            <Table.Th scope="col">Authorizes</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {orders.map((o) => (
            <Table.Tr key={o.id}>
              <Table.Td>
                {o.court}, case {o.case_number}
              </Table.Td>
              <Table.Td>{o.judge || '—'}</Table.Td>
              <Table.Td>{formatDate(o.order_date)}</Table.Td>
              <Table.Td>{o.expires_on ? formatDate(o.expires_on) : '—'}</Table.Td>
              <Table.Td>{o.description}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function CourtOrdersBlock({ clientId, orders, canWrite, onChanged }: { clientId: string; orders: CourtOrder[]; canWrite: boolean; onChanged: () => void }) {
  const [adding, setAdding] = useState(false);
  return (
    <div>
      <Group justify="space-between" mb="xs">
        <Title order={3} size="h4">
          Court orders
        </Title>
        {canWrite && !adding && (
          <Button size="xs" variant="default" onClick={() => setAdding(true)}>
            Record court order
          </Button>
        )}
      </Group>
      {adding && (
        <CourtOrderForm
          clientId={clientId}
          onCancel={() => setAdding(false)}
          onSaved={() => {
            setAdding(false);
            onChanged();
          }}
        />
      )}
      <CourtOrdersList orders={orders} />
    </div>
  );
}
