import { Alert, Box, Group, Stack, Text } from '@mantine/core';
import type { Assessment, LevelOfCarePolicy, Recommendation } from '../../api/assessments';
import { StatusBadge } from '../../components/StatusBadge';

const DIRECTION: Record<string, string> = { step_down: 'Step down', continue: 'Continue at the current level', step_up: 'Step up' };

export function levelLabel(policy: LevelOfCarePolicy, code: string | null | undefined): string {
  if (!code) return '';
  return policy.levels.find((l) => l.code === code)?.label ?? code;
}

/** Every rule of the policy in file order; the ones that fired are highlighted, the decisive one marked. */
export function RuleTrace({ recommendation }: { recommendation: Recommendation }) {
  return (
    <Box component="ol" m={0} pl="lg" aria-label="Rule trace" data-testid="rule-trace">
      {recommendation.trace.map((t, i) => (
        <Box
          component="li"
          key={`${i}-${t.rule}`}
          data-fired={t.fired ? 'true' : 'false'}
          bg={t.fired ? (t.decisive ? 'red.0' : 'orange.0') : undefined}
          style={t.fired ? { borderLeft: '4px solid var(--mantine-color-orange-6)' } : undefined}
          p={4}
          mb={2}
        >
          <Group gap="xs" wrap="wrap" align="baseline">
            {t.fired ? (
              <StatusBadge color={t.decisive ? 'red' : 'orange'}>{t.decisive ? 'Fired — sets the level' : 'Fired'}</StatusBadge>
            ) : (
              <StatusBadge color="gray">Did not fire</StatusBadge>
            )}
            <Text size="sm" fw={t.fired ? 600 : 400} c={t.fired ? undefined : 'gray.7'}>
              {t.reason}
            </Text>
            <Text size="sm" c={t.fired ? undefined : 'gray.7'}>
              → needs at least {t.needs_label || t.needs_level}
            </Text>
          </Group>
          <Text size="xs" ff="monospace" c="gray.7">
            {t.rule}
          </Text>
        </Box>
      ))}
    </Box>
  );
}

/** The recommended level with its policy label and the rule trace. */
export function RecommendationPanel({ assessment, policy }: { assessment: Assessment; policy: LevelOfCarePolicy }) {
  const rec = assessment.recommendation;
  if (!rec) {
    return <Text c="dimmed">Rate at least one dimension to see the recommendation.</Text>;
  }
  return (
    <Stack gap="sm">
      <Group gap="sm" align="center" wrap="wrap">
        <Text size="lg">
          Recommended level: <strong data-testid="recommended-level">{rec.level_label || levelLabel(policy, rec.level)}</strong>
        </Text>
        {policy.example && (
          <span data-testid="example-policy">
            <StatusBadge color="grape">Local example policy — not ASAM’s</StatusBadge>
          </span>
        )}
      </Group>
      <Text size="sm" c="dimmed">
        {rec.policy_name}, ASAM {rec.edition === 4 ? '4th' : '3rd'} edition levels.{' '}
        {rec.from_floor ? 'No rule fired: the policy’s least intensive level applies.' : 'The most intensive demand of the rules that fired wins.'}
      </Text>
      {rec.iop_excluded && (
        <Alert color="orange" variant="light" title="IOP is excluded">
          A rule that fired demands more than intensive outpatient.
        </Alert>
      )}
      {assessment.kind === 'continued_stay' && assessment.current_level && (
        <Text size="sm">
          Current level {levelLabel(policy, assessment.current_level)}
          {assessment.direction ? ` — ${DIRECTION[assessment.direction] ?? assessment.direction}` : ''}
        </Text>
      )}
      <RuleTrace recommendation={rec} />
    </Stack>
  );
}
