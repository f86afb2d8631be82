import { Anchor, Group, List, Paper, SimpleGrid, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { inquiriesApi } from '../../api/inquiries';
import { ErrorAlert } from '../../components/Feedback';
import { formatDate } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';

/** Who waits for which track, with open places (capacity minus clients in the track). */
export function WaitlistPanel() {
  const waitlist = useAsync((signal) => inquiriesApi.waitlist(undefined, signal), []);
  if (waitlist.error) return <ErrorAlert error={waitlist.error} title="Could not load the waitlist" />;
  const tracks = waitlist.data?.tracks ?? [];
  if (tracks.length === 0) return null;
  return (
    <section aria-labelledby="waitlist-title">
      <Title order={2} size="h4" id="waitlist-title" mb="xs">
        Waitlist
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        {tracks.map((t) => (
          <Paper key={t.track_id} withBorder p="sm" radius="md" data-testid="waitlist-track">
            <Group justify="space-between">
              <Text fw={600}>{t.name}</Text>
              <Text size="sm" c={t.open_places > 0 ? 'green.9' : 'dimmed'}>
                {t.open_places} of {t.capacity} places open
              </Text>
            </Group>
            {t.entries.length === 0 ? (
              <Text size="sm" c="dimmed">
                Nobody waiting
              </Text>
            ) : (
              <List type="ordered" size="sm" mt={4}>
                {t.entries.map((e) => (
                  <List.Item key={e.inquiry_id}>
                    <Anchor component={Link} to={`/admissions/${e.inquiry_id}`}>
                      {e.name}
                    </Anchor>{' '}
                    <Text span size="xs" c="dimmed">
                      {e.urgency !== 'routine' ? `${e.urgency}, ` : ''}since {formatDate(e.since.slice(0, 10))}
                    </Text>
                  </List.Item>
                ))}
              </List>
            )}
          </Paper>
        ))}
      </SimpleGrid>
    </section>
  );
}
