import { Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import type { IntensityCheck, PlanHours } from '../../api/plans';
import { StatusBadge } from '../../components/StatusBadge';
import { WEEKDAYS } from './InterventionsSection';

function hours(h: number): string {
  return Number.isInteger(h) ? String(h) : h.toFixed(1);
}

/**
 * Planned hours per week from the interventions (computed by the server on every save) against the level
 * of care's intensity checks; a plan outside a range says why.
 */
export function HoursPanel({ hours: h, checks, updating, basis }: {
  hours: PlanHours | undefined;
  checks: IntensityCheck[];
  updating: boolean;
  /** "level 2.1, adult": what the checks were evaluated for. */
  basis?: string;
}) {
  const perWeek = h?.per_week ?? 0;
  const applying = checks.filter((c) => c.applies);
  const failing = applying.filter((c) => !c.ok);
  const days = WEEKDAYS.filter((d) => (h?.per_day?.[d.code] ?? 0) > 0);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="plan-hours-heading" data-testid="hours-panel" aria-busy={updating}>
      <Stack gap="xs">
        <Title order={2} size="h4" id="plan-hours-heading">
          Planned intensity
        </Title>
        <Group gap="xs" align="baseline">
          <Text fz={32} fw={700} lh={1} data-testid="hours-per-week">
            {hours(perWeek)}
          </Text>
          <Text>hours per week</Text>
        </Group>
        <Text size="sm" c="dimmed" role="status" aria-live="polite">
          {updating ? 'Recalculating…' : `${h?.days_per_week ?? 0} day${h?.days_per_week === 1 ? '' : 's'} per week`}
        </Text>
        {days.length > 0 && (
          <Text size="sm" data-testid="hours-per-day">
            {days.map((d) => `${d.label} ${hours(h?.per_day?.[d.code] ?? 0)} h`).join(' · ')}
          </Text>
        )}
        {checks.length > 0 && (
          <>
            <Group gap="xs" mt="xs">
              <Title order={3} size="h5">
                Intensity checks
              </Title>
              {basis && (
                <Text size="xs" c="dimmed">
                  ({basis})
                </Text>
              )}
              {applying.length > 0 &&
                (failing.length === 0 ? <StatusBadge color="green">Within range</StatusBadge> : <StatusBadge color="red">Outside range</StatusBadge>)}
            </Group>
            <List spacing={6} size="sm" listStyleType="none" p={0} data-testid="intensity-checks">
              {checks.map((c) => (
                <List.Item key={c.code} data-ok={c.ok} data-applies={c.applies}>
                  <Text size="sm" fw={600} c={c.applies ? (c.ok ? 'green.9' : 'red.8') : 'dimmed'} span>
                    {c.applies ? (c.ok ? '✓ ' : '✗ ') : '– '}
                    {c.label}
                  </Text>
                  {c.message && (
                    <Text size="xs" c={c.applies && !c.ok ? 'red.8' : 'dimmed'}>
                      {c.applies ? c.message : `Does not apply: ${c.message}`}
                    </Text>
                  )}
                </List.Item>
              ))}
            </List>
          </>
        )}
      </Stack>
    </Paper>
  );
}
