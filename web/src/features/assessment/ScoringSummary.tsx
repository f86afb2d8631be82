import { Alert, Group, List, Paper, Stack, Text } from '@mantine/core';
import type { InstrumentDefinition, ScoringFlag, Scoring } from '../../api/assessments';
import { StatusBadge } from '../../components/StatusBadge';

/** Item numbers as people read them: "item 9" for the ninth item of the definition. */
export function itemNumber(def: InstrumentDefinition, itemId: string): number {
  return def.items.findIndex((i) => i.id === itemId) + 1;
}

const FLAG_COLOR: Record<string, string> = { urgent: 'red', warning: 'orange', info: 'blue' };

/**
 * Urgent safety flags, shown before anything else: completing the form raises a safety alert to the
 * assessing clinician and the program's on-call list (or already did).
 */
export function SafetyFlags({ flags, completed }: { flags: ScoringFlag[]; completed: boolean }) {
  const safety = flags.filter((f) => f.safety);
  if (safety.length === 0) return null;
  return (
    <Alert
      color="red"
      variant="filled"
      role="alert"
      title={completed ? 'Safety alert raised' : 'Safety alert will be raised'}
      data-testid="safety-flags"
      styles={{ title: { color: 'var(--mantine-color-white)' } }}
    >
      <Stack gap={4}>
        {safety.map((f) => (
          <Text key={f.code} size="sm" fw={600}>
            {completed ? 'Safety alert raised' : 'Safety alert will be raised'}: {f.label}
          </Text>
        ))}
        <Text size="sm">
          {completed
            ? 'Record the safety response on the client’s chart.'
            : 'When the form is completed, the assessing clinician and the on-call list are alerted. Assess risk with the client now.'}
        </Text>
      </Stack>
    </Alert>
  );
}

/** The live result: total and band, subscales and flags, as the server scored the answers so far. */
export function ScoringSummary({ def, scoring }: { def: InstrumentDefinition; scoring: Scoring }) {
  const [primary, ...subscales] = scoring.scales;
  const answered = scoring.items.filter((i) => i.visible && i.answered).length;
  const visible = scoring.items.filter((i) => i.visible).length;
  const otherFlags = scoring.flags.filter((f) => !f.safety);
  return (
    <Paper withBorder p="sm" component="section" aria-label="Score" data-testid="live-score">
      <Stack gap="xs">
        <Group gap="lg" align="baseline" wrap="wrap">
          <div>
            <Text size="xs" tt="uppercase" c="gray.7">
              {primary?.label ?? 'Total'}
            </Text>
            <Text fz={28} fw={700} lh={1.1} data-testid="score-total">
              {scoring.total ?? '—'}
            </Text>
          </div>
          {scoring.band_label && (
            <span data-testid="score-band">
              <StatusBadge color="indigo">{scoring.band_label}</StatusBadge>
            </span>
          )}
          <Text size="sm" c="dimmed">
            {scoring.complete ? 'All items answered' : `${answered} of ${visible} answered${scoring.total !== null ? ' — score so far' : ''}`}
          </Text>
        </Group>
        {subscales.length > 0 && (
          <List size="sm" aria-label="Subscales">
            {subscales.map((s) => (
              <List.Item key={s.code}>
                {s.label}: <strong>{s.value}</strong>
                {s.band_label ? ` (${s.band_label})` : ''}
              </List.Item>
            ))}
          </List>
        )}
        {otherFlags.length > 0 && (
          <Group gap="xs" aria-label="Flags">
            {otherFlags.map((f) => (
              <StatusBadge key={f.code} color={FLAG_COLOR[f.severity] ?? 'gray'}>
                {f.label}
              </StatusBadge>
            ))}
          </Group>
        )}
        <Text size="xs" c="dimmed">
          Scored by the server as the form is filled in ({def.name}, version {def.version}).
        </Text>
      </Stack>
    </Paper>
  );
}
