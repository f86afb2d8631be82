import { Button, Checkbox, Group, NativeSelect, NumberInput, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import type { AssessmentOptions, SubstanceUse } from '../../api/assessments';
import type { CodeLabel } from '../../api/types';
import { StatusBadge } from '../../components/StatusBadge';

/** A code list from GET /assessment-options, whatever name the server gives it; codes as strings. */
export function optionList(options: AssessmentOptions, ...names: string[]): CodeLabel[] {
  for (const n of names) {
    const v = options[n];
    if (Array.isArray(v)) return v.map((o: { code: unknown; label: string }) => ({ code: String(o.code), label: o.label }));
  }
  return [];
}

export function emptySubstance(): SubstanceUse {
  return { teds_code: null, age_first_use: null, route: '', frequency_30d: '', last_use: '', amount: '', criteria: [], diagnosis_code: '' };
}

const SEVERITY_COLOR: Record<string, string> = { none: 'gray', mild: 'yellow', moderate: 'orange', severe: 'red' };

interface Props {
  substances: SubstanceUse[];
  /** The substances as the server last saved them: severity and ICD-10-CM suggestions per row. */
  saved: SubstanceUse[];
  options: AssessmentOptions;
  onChange: (next: SubstanceUse[]) => void;
  errors: Record<string, string>;
  updating: boolean;
  disabled?: boolean;
}

/** Substance use history, one card per substance, with DSM-5 criteria and the server's severity and codes. */
export function SubstancesSection({ substances, saved, options, onChange, errors, updating, disabled }: Props) {
  const tedsSubstances = optionList(options, 'teds_substances', 'substances');
  const routes = optionList(options, 'teds_routes', 'routes');
  const frequencies = optionList(options, 'teds_frequencies', 'frequencies');
  const criteria = optionList(options, 'dsm5_criteria', 'criteria', 'sud_criteria');
  const nameOf = (code: number | null) => tedsSubstances.find((s) => s.code === String(code))?.label ?? '';

  const update = (i: number, patch: Partial<SubstanceUse>) => onChange(substances.map((s, j) => (j === i ? { ...s, ...patch } : s)));
  const err = (i: number, f: string) => errors[`substances[${i}].${f}`];

  return (
    <Stack gap="md">
      {substances.length === 0 && <Text c="dimmed">No substances recorded yet.</Text>}
      {substances.map((s, i) => {
        const server = saved[i];
        const title = `Substance ${i + 1}${nameOf(s.teds_code) ? `: ${nameOf(s.teds_code)}` : ''}`;
        const severity = server?.severity ?? '';
        const suggestions = server?.suggested_icd10 ?? [];
        return (
          <Paper key={i} withBorder p="sm" component="fieldset" aria-label={title} m={0}>
            <Group justify="space-between" mb="xs">
              <Title order={3} size="h5">
                {title}
              </Title>
              {!disabled && (
                <Button size="compact-xs" variant="subtle" color="red" onClick={() => onChange(substances.filter((_x, j) => j !== i))} aria-label={`Remove ${title}`}>
                  Remove
                </Button>
              )}
            </Group>
            <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="sm">
              <NativeSelect
                label="Substance (TEDS)"
                value={s.teds_code === null ? '' : String(s.teds_code)}
                data={[{ value: '', label: '—' }, ...tedsSubstances.map((o) => ({ value: o.code, label: o.label }))]}
                onChange={(e) => update(i, { teds_code: e.currentTarget.value ? Number(e.currentTarget.value) : null, diagnosis_code: '' })}
                error={err(i, 'teds_code')}
                disabled={disabled}
              />
              <NumberInput
                label="Age of first use"
                min={0}
                max={120}
                allowDecimal={false}
                value={s.age_first_use ?? ''}
                onChange={(v) => update(i, { age_first_use: typeof v === 'number' ? v : null })}
                error={err(i, 'age_first_use')}
                disabled={disabled}
              />
              <NativeSelect
                label="Route"
                value={s.route}
                data={[{ value: '', label: '—' }, ...routes.map((o) => ({ value: o.code, label: o.label }))]}
                onChange={(e) => update(i, { route: e.currentTarget.value })}
                error={err(i, 'route')}
                disabled={disabled}
              />
              <NativeSelect
                label="Frequency, last 30 days"
                value={s.frequency_30d}
                data={[{ value: '', label: '—' }, ...frequencies.map((o) => ({ value: o.code, label: o.label }))]}
                onChange={(e) => update(i, { frequency_30d: e.currentTarget.value })}
                error={err(i, 'frequency_30d')}
                disabled={disabled}
              />
              <TextInput
                label="Last use"
                description="A date or, e.g., “about a week ago”"
                value={s.last_use}
                onChange={(e) => update(i, { last_use: e.currentTarget.value })}
                error={err(i, 'last_use')}
                disabled={disabled}
              />
              <TextInput label="Amount" value={s.amount} onChange={(e) => update(i, { amount: e.currentTarget.value })} error={err(i, 'amount')} disabled={disabled} />
            </SimpleGrid>
            <Checkbox.Group
              mt="sm"
              label="DSM-5 substance use disorder criteria met in the past 12 months"
              value={s.criteria}
              onChange={(v) => update(i, { criteria: [...v].sort((a, b) => Number(a) - Number(b)) })}
              error={err(i, 'criteria')}
            >
              <SimpleGrid cols={{ base: 1, md: 2 }} spacing={4} mt={6}>
                {criteria.map((c) => (
                  <Checkbox key={c.code} value={c.code} label={`${c.code}. ${c.label}`} disabled={disabled} />
                ))}
              </SimpleGrid>
            </Checkbox.Group>
            <Group mt="sm" gap="sm" align="center" data-testid={`severity-${i}`}>
              <Text size="sm">
                {s.criteria.length} of 11 criteria · severity:
              </Text>
              {severity ? (
                <StatusBadge color={SEVERITY_COLOR[severity] ?? 'gray'}>{severity === 'none' ? 'no disorder (0–1)' : severity}</StatusBadge>
              ) : (
                <Text size="sm" c="dimmed">
                  —
                </Text>
              )}
              {updating && (
                <Text size="xs" c="dimmed">
                  updating…
                </Text>
              )}
            </Group>
            {suggestions.length > 0 && (
              <NativeSelect
                mt="xs"
                label="Diagnosis (ICD-10-CM), from the suggestions"
                value={s.diagnosis_code}
                data={[{ value: '', label: 'Not chosen' }, ...suggestions.map((g) => ({ value: g.code, label: `${g.code} — ${g.label}` }))]}
                onChange={(e) => update(i, { diagnosis_code: e.currentTarget.value })}
                error={err(i, 'diagnosis_code')}
                disabled={disabled}
              />
            )}
          </Paper>
        );
      })}
      {!disabled && (
        <Group>
          <Button variant="light" size="xs" onClick={() => onChange([...substances, emptySubstance()])}>
            Add substance
          </Button>
        </Group>
      )}
    </Stack>
  );
}
