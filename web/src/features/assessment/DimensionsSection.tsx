import { Checkbox, Group, Paper, Radio, SimpleGrid, Stack, Text, Textarea } from '@mantine/core';
import type { LevelOfCarePolicy } from '../../api/assessments';
import type { CodeLabel } from '../../api/types';
import { StatusBadge } from '../../components/StatusBadge';

export interface DimensionDraft {
  number: number;
  rating: number | null;
  rationale: string;
}

const RATING_HINT = ['0 none', '1 mild', '2 moderate', '3 significant', '4 severe'];

/** The six ASAM dimensions (names of the policy's active edition), each rated 0–4 with a rationale. */
export function DimensionsSection({ policy, dimensions, onChange, errors, disabled }: {
  policy: LevelOfCarePolicy;
  dimensions: DimensionDraft[];
  onChange: (next: DimensionDraft[]) => void;
  errors: Record<string, string>;
  disabled?: boolean;
}) {
  const set = (i: number, patch: Partial<DimensionDraft>) => onChange(dimensions.map((d, j) => (j === i ? { ...d, ...patch } : d)));
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        ASAM Criteria, {policy.edition === 4 ? '4th' : '3rd'} edition dimensions. Risk rating: 0 none · 1 mild · 2 moderate · 3
        significant · 4 severe.
      </Text>
      {dimensions.map((d, i) => {
        const name = policy.dimensions.find((x) => x.number === d.number)?.name ?? `Dimension ${d.number}`;
        const label = `Dimension ${d.number}: ${name}`;
        return (
          <Paper key={d.number} withBorder p="sm" data-testid={`dimension-${d.number}`}>
            <Radio.Group
              label={label}
              description="Risk rating"
              value={d.rating === null ? null : String(d.rating)}
              onChange={(v) => set(i, { rating: Number(v) })}
              error={errors[`dimensions[${i}].rating`]}
            >
              <Group gap="md" mt={6}>
                {RATING_HINT.map((hint, n) => (
                  <Radio key={n} value={String(n)} label={hint} disabled={disabled} />
                ))}
              </Group>
            </Radio.Group>
            <Textarea
              mt="xs"
              label={`Rationale for dimension ${d.number}`}
              autosize
              minRows={2}
              value={d.rationale}
              onChange={(e) => set(i, { rationale: e.currentTarget.value })}
              error={errors[`dimensions[${i}].rationale`]}
              disabled={disabled}
            />
          </Paper>
        );
      })}
    </Stack>
  );
}

/** Clinician flags from the policy (IOP exclusions and others), and the flags the instruments raised. */
export function FlagsSection({ policy, flags, instrumentFlags, onChange, error, disabled }: {
  policy: LevelOfCarePolicy;
  flags: string[];
  instrumentFlags: string[];
  onChange: (next: string[]) => void;
  error?: string;
  disabled?: boolean;
}) {
  const label = (code: string) => policy.flags.find((f: CodeLabel) => f.code === code)?.label ?? code;
  return (
    <Stack gap="sm">
      <Checkbox.Group label="Clinician flags" description="Each is a condition the level-of-care policy uses." value={flags} onChange={onChange} error={error}>
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing={4} mt={6}>
          {policy.flags.map((f) => (
            <Checkbox key={f.code} value={f.code} label={f.label} disabled={disabled} />
          ))}
        </SimpleGrid>
      </Checkbox.Group>
      <div>
        <Text size="sm" fw={500}>
          From completed instruments
        </Text>
        {instrumentFlags.length === 0 ? (
          <Text size="sm" c="dimmed">
            None.
          </Text>
        ) : (
          <Group gap="xs" mt={4}>
            {instrumentFlags.map((f) => (
              <StatusBadge key={f} color="red">
                {label(f)}
              </StatusBadge>
            ))}
          </Group>
        )}
      </div>
    </Stack>
  );
}
