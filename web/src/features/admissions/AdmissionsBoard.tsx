import { Anchor, Badge, Button, Group, Paper, ScrollArea, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { Link } from 'react-router';
import { INQUIRY_STAGES, inquiriesApi, type InquirySummary, type Urgency } from '../../api/inquiries';
import { EmptyState, ErrorAlert, Loading } from '../../components/Feedback';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDate, formatInstant, todayIso } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';
import { usePermission } from '../security/sessionStore';
import { WaitlistPanel } from './WaitlistPanel';

// Filled badges dark enough for white text (WCAG AA at badge size).
export const URGENCY_COLOR: Record<Urgency, string> = { urgent: 'red.9', soon: '#a34700', routine: 'gray.7' };

/** "today", "1 day", "5 days": how long ago the call came in. */
export function ageOf(receivedAt: string, now = Date.now()): string {
  const days = Math.floor((now - Date.parse(receivedAt)) / 86_400_000);
  if (!Number.isFinite(days) || days < 1) return 'today';
  return days === 1 ? '1 day' : `${days} days`;
}

function InquiryCard({ item }: { item: InquirySummary }) {
  return (
    <Paper
      withBorder
      p="xs"
      radius="sm"
      data-testid="inquiry-card"
      style={item.overdue ? { borderColor: 'var(--mantine-color-red-7)', borderWidth: 2 } : undefined}
    >
      <Stack gap={4}>
        <Group justify="space-between" gap="xs" wrap="nowrap">
          <Anchor component={Link} to={`/admissions/${item.id}`} fw={600} size="sm">
            {item.display_name}
          </Anchor>
          {item.urgency !== 'routine' && (
            <Badge size="sm" color={URGENCY_COLOR[item.urgency]} variant="filled">
              {item.urgency}
            </Badge>
          )}
        </Group>
        <Text size="xs" c="dimmed">
          Called {ageOf(item.received_at) === 'today' ? 'today' : `${ageOf(item.received_at)} ago`}
        </Text>
        {item.assessment_at && item.stage === 'assessment_booked' && (
          <Text size="xs">
            Assessment {formatInstant(item.assessment_at)}
            {item.assessor_name ? ` with ${item.assessor_name}` : ''}
          </Text>
        )}
        {item.track_name && item.stage === 'waitlisted' && <Text size="xs">Waiting for {item.track_name}</Text>}
        {item.overdue ? (
          <Text size="xs" c="red.8" fw={600}>
            Follow-up overdue since {formatDate(item.next_follow_up_on)}
          </Text>
        ) : (
          item.next_follow_up_on && <Text size="xs">Follow up by {formatDate(item.next_follow_up_on)}</Text>
        )}
      </Stack>
    </Paper>
  );
}

export function AdmissionsBoard() {
  usePageTitle('Admissions');
  const canWrite = usePermission('admissions.write');
  const [text, setText] = useState('');
  const [q] = useDebouncedValue(text.trim(), 300);
  const board = useAsync((signal) => inquiriesApi.board({ q, today: todayIso() }, signal), [q]);

  const overdue = board.data?.items.filter((i) => i.overdue) ?? [];
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Title order={1}>Admissions</Title>
        {canWrite && (
          <Button component={Link} to="/admissions/new" data-testid="new-inquiry">
            New inquiry
          </Button>
        )}
      </Group>
      <TextInput
        label="Find an inquiry"
        placeholder="Name of the person or the caller"
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        maw={420}
      />
      {board.error ? <ErrorAlert error={board.error} onRetry={board.reload} /> : null}
      {board.loading && !board.data && <Loading />}
      {overdue.length > 0 && (
        <Paper withBorder p="sm" radius="md" role="region" aria-labelledby="overdue-title" bg="red.0">
          <Title order={2} size="h4" id="overdue-title" c="red.9">
            Overdue follow-ups ({overdue.length})
          </Title>
          <Group gap="md" mt={4}>
            {overdue.map((i) => (
              <Anchor key={i.id} component={Link} to={`/admissions/${i.id}`} size="sm">
                {i.display_name} — due {formatDate(i.next_follow_up_on)}
              </Anchor>
            ))}
          </Group>
        </Paper>
      )}
      {board.data && board.data.items.length === 0 && !q && (
        <EmptyState title="No inquiries yet">Record the next call with “New inquiry”.</EmptyState>
      )}
      {board.data && (
        <ScrollArea type="auto" offsetScrollbars>
          <Group align="flex-start" wrap="nowrap" gap="sm" pb="sm">
            {INQUIRY_STAGES.map((stage) => {
              const items = board.data!.items.filter((i) => i.stage === stage.code);
              const titleId = `column-${stage.code}`;
              return (
                <Paper
                  key={stage.code}
                  withBorder
                  p="xs"
                  radius="md"
                  bg="gray.0"
                  miw={220}
                  w={220}
                  component="section"
                  aria-labelledby={titleId}
                  data-testid={`column-${stage.code}`}
                >
                  <Group justify="space-between" mb="xs">
                    <Title order={2} size="h5" id={titleId}>
                      {stage.label}
                    </Title>
                    <Badge variant="filled" color="indigo" aria-label={`${board.data!.counts[stage.code] ?? 0} in ${stage.label}`}>
                      {board.data!.counts[stage.code] ?? 0}
                    </Badge>
                  </Group>
                  <Stack gap="xs">
                    {items.map((i) => (
                      <InquiryCard key={i.id} item={i} />
                    ))}
                  </Stack>
                </Paper>
              );
            })}
          </Group>
        </ScrollArea>
      )}
      <WaitlistPanel />
    </Stack>
  );
}
