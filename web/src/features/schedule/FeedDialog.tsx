import { Button, CopyButton, Group, Modal, Stack, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { feedsApi, type CalendarFeed } from '../../api/schedule';
import { EmptyState, ErrorAlert, Loading } from '../../components/Feedback';
import { formatInstant } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';

/** The full address of a feed path ("/ical/<token>.ics") on this server. */
export function feedAddress(url: string): string {
  return /^https?:/.test(url) ? url : `${window.location.origin}${url}`;
}

/**
 * "Subscribe": creates an iCalendar feed for a staff member or a client. The address holds a secret token
 * and is shown once, with a copy button; existing feeds can be revoked. Events in a feed say only
 * "Appointment", the time and the place or link.
 */
export function FeedDialog({ ownerType, ownerId, onClose }: { ownerType: 'staff' | 'client'; ownerId: string; onClose: () => void }) {
  const feeds = useAsync((signal) => feedsApi.list(ownerType, ownerId, signal), [ownerType, ownerId]);
  const [created, setCreated] = useState<CalendarFeed | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const create = async () => {
    setBusy(true);
    setError(null);
    try {
      setCreated(await feedsApi.create(ownerType, ownerId));
      feeds.reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const revoke = async (id: string) => {
    setError(null);
    try {
      await feedsApi.revoke(id);
      if (created?.id === id) setCreated(null);
      feeds.reload();
    } catch (e) {
      setError(e);
    }
  };
  const active = (feeds.data?.items ?? []).filter((f) => !f.revoked && !f.revoked_at);

  return (
    <Modal opened onClose={onClose} title="Subscribe in a calendar app" closeButtonProps={{ 'aria-label': 'Close' }} size="lg">
      <Stack gap="sm">
        <Text size="sm">
          A calendar app (phone, Outlook, Google) can show {ownerType === 'staff' ? 'these sessions' : 'the client’s sessions'} from a private
          address. Each event says only “Appointment”, its time and the room or meeting link — nothing about treatment. Anyone with the
          address can read it; revoke it when it is no longer needed.
        </Text>
        {created?.url && (
          <Stack gap={4} data-testid="feed-created">
            <TextInput label="Calendar address (shown only now)" value={feedAddress(created.url)} readOnly onFocus={(e) => e.currentTarget.select()} />
            <Group gap="xs">
              <CopyButton value={feedAddress(created.url)}>
                {({ copied, copy }) => (
                  <Button size="xs" variant={copied ? 'light' : 'filled'} onClick={copy}>
                    {copied ? 'Copied' : 'Copy address'}
                  </Button>
                )}
              </CopyButton>
              <Text size="xs" c="gray.7">
                Stepwise keeps only a fingerprint of it: copy it now.
              </Text>
            </Group>
          </Stack>
        )}
        <ErrorAlert error={error} title="Could not change the feeds" />
        {feeds.error ? <ErrorAlert title="Could not load the feeds" error={feeds.error} onRetry={feeds.reload} /> : null}
        {!feeds.data && !feeds.error && <Loading label="Loading feeds…" />}
        {feeds.data && active.length === 0 && <EmptyState title="No active feed" />}
        {active.length > 0 && (
          <Table fz="sm" aria-label="Active calendar feeds">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Created</Table.Th>
                <Table.Th scope="col">
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {active.map((f) => (
                <Table.Tr key={f.id}>
                  <Table.Td>{f.created_at ? formatInstant(f.created_at) : 'Feed'}</Table.Td>
                  <Table.Td ta="right">
                    <Button size="xs" variant="default" onClick={() => void revoke(f.id)} aria-label={`Revoke the feed created ${f.created_at ? formatInstant(f.created_at) : ''}`}>
                      Revoke
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Done
          </Button>
          <Button onClick={() => void create()} loading={busy}>
            Create a new address
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

export function FeedDialogButton({ ownerType, ownerId, label = 'Subscribe' }: { ownerType: 'staff' | 'client'; ownerId: string; label?: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button size="xs" variant="default" onClick={() => setOpen(true)}>
        {label}
      </Button>
      {open && <FeedDialog ownerType={ownerType} ownerId={ownerId} onClose={() => setOpen(false)} />}
    </>
  );
}
