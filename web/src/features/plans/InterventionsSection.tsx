import { Button, Checkbox, Group, NativeSelect, NumberInput, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import type { CatalogIntervention, FrequencyPer, PlanContent, PlanIntervention, Weekday } from '../../api/plans';
import { newIntervention, objectiveLabels } from './planDraft';

export const WEEKDAYS: { code: Weekday; label: string }[] = [
  { code: 'mon', label: 'Mon' },
  { code: 'tue', label: 'Tue' },
  { code: 'wed', label: 'Wed' },
  { code: 'thu', label: 'Thu' },
  { code: 'fri', label: 'Fri' },
  { code: 'sat', label: 'Sat' },
  { code: 'sun', label: 'Sun' },
];

const PER: { value: FrequencyPer; label: string }[] = [
  { value: 'day', label: 'per day' },
  { value: 'week', label: 'per week' },
  { value: 'month', label: 'per month' },
];

/** What the weekly schedule proposal does with it (the catalog's `session`). */
const SESSION_HINT: Record<string, string> = {
  individual: 'The weekly schedule proposal books these as individual sessions with a licensed clinician.',
  family: 'The weekly schedule proposal books these as family sessions with a licensed clinician.',
};

const STAFF_HINT: Record<string, string> = {
  licensed: 'Delivered by a licensed clinician',
  credentialed: 'Delivered by a credentialed counselor',
  medical: 'Delivered by a medical provider',
};

export interface StaffOption {
  value: string;
  label: string;
}

interface Props {
  content: PlanContent;
  onChange: (next: PlanContent) => void;
  errors: Record<string, string>;
  disabled: boolean;
  catalog: CatalogIntervention[];
  staff: StaffOption[];
  /** The staff record of the signed-in user: the default responsible person for a new intervention. */
  defaultStaffId: string | null;
}

/** Pick from the catalog (grouped by category); adds the intervention with its default minutes and frequency. */
function CatalogPicker({ catalog, onAdd }: { catalog: CatalogIntervention[]; onAdd: (c: CatalogIntervention) => void }) {
  const [code, setCode] = useState('');
  const categories = [...new Set(catalog.map((c) => c.category || 'Other'))];
  const data = [
    { value: '', label: 'Choose from the catalog' },
    ...categories.map((cat) => ({
      group: cat,
      items: catalog.filter((c) => (c.category || 'Other') === cat).map((c) => ({ value: c.code, label: c.label })),
    })),
  ];
  const chosen = catalog.find((c) => c.code === code);
  return (
    <Group align="flex-end" gap="xs">
      <NativeSelect label="Intervention" data={data} value={code} onChange={(e) => setCode(e.currentTarget.value)} />
      <Button
        disabled={!chosen}
        onClick={() => {
          if (chosen) onAdd(chosen);
          setCode('');
        }}
      >
        Add intervention
      </Button>
    </Group>
  );
}

function InterventionCard({ item, index, n, content, set, remove, errors, disabled, def, staff }: {
  item: PlanIntervention;
  index: number;
  n: number;
  content: PlanContent;
  set: (patch: Partial<PlanIntervention>) => void;
  remove: () => void;
  errors: Record<string, string>;
  disabled: boolean;
  def: CatalogIntervention | undefined;
  staff: StaffOption[];
}) {
  const path = `interventions[${index}]`;
  const labels = objectiveLabels(content);
  const name = item.label || def?.label || item.code;
  const hint = def ? STAFF_HINT[def.staff] : undefined;
  const staffData = [{ value: '', label: 'Not assigned' }, ...staff];
  if (item.staff_id && !staff.some((s) => s.value === item.staff_id)) staffData.push({ value: item.staff_id, label: item.staff_name || 'Assigned staff' });
  return (
    <Paper withBorder p="sm" component="fieldset" aria-label={`Intervention ${n}: ${name}`} data-testid={`intervention-${n}`}>
      <Group justify="space-between" mb="xs">
        <Title order={3} size="h5">
          {n}. {name}
        </Title>
        {!disabled && (
          <Button size="compact-sm" variant="subtle" color="gray" onClick={remove}>
            Remove {name}
          </Button>
        )}
      </Group>
      {def?.session && SESSION_HINT[def.session] && (
        <Text size="sm" c="dimmed" mb="xs">
          {SESSION_HINT[def.session]}
        </Text>
      )}
      {errors[path] && (
        <Text size="sm" c="red.8" mb="xs">
          {errors[path]}
        </Text>
      )}
      <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="xs">
        <TextInput
          label={`Topic (${n})`}
          withAsterisk={def?.topic_required}
          placeholder={def?.topic_required ? 'e.g. coping with cravings' : 'optional'}
          value={item.topic}
          onChange={(e) => set({ topic: e.currentTarget.value })}
          error={errors[`${path}.topic`]}
          disabled={disabled}
        />
        <NumberInput
          label={`Minutes each time (${n})`}
          min={1}
          max={720}
          step={15}
          value={item.minutes}
          onChange={(v) => set({ minutes: typeof v === 'number' ? v : Number(v) || 0 })}
          error={errors[`${path}.minutes`]}
          disabled={disabled}
        />
        <NumberInput
          label={`How many times (${n})`}
          min={1}
          max={31}
          value={item.frequency.count}
          onChange={(v) => set({ frequency: { ...item.frequency, count: typeof v === 'number' ? v : Number(v) || 0 } })}
          error={errors[`${path}.frequency.count`] ?? errors[`${path}.frequency`]}
          disabled={disabled}
        />
        <NativeSelect
          label={`How often (${n})`}
          data={PER}
          value={item.frequency.per}
          onChange={(e) => set({ frequency: { ...item.frequency, per: e.currentTarget.value as FrequencyPer } })}
          error={errors[`${path}.frequency.per`]}
          disabled={disabled}
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" mt="xs">
        <Checkbox.Group
          label={`Days (${n})`}
          description="Leave empty to spread over the track’s days"
          value={item.days ?? []}
          onChange={(v) => set({ days: WEEKDAYS.map((d) => d.code).filter((d) => v.includes(d)) })}
          error={errors[`${path}.days`]}
        >
          <Group gap="sm" mt={4}>
            {WEEKDAYS.map((d) => (
              <Checkbox key={d.code} value={d.code} label={d.label} aria-label={`${d.label} (${n})`} disabled={disabled} />
            ))}
          </Group>
        </Checkbox.Group>
        <NativeSelect
          label={`Responsible staff (${n})`}
          description={hint}
          data={staffData}
          value={item.staff_id ?? ''}
          onChange={(e) => set({ staff_id: e.currentTarget.value || null })}
          error={errors[`${path}.staff_id`]}
          disabled={disabled}
        />
      </SimpleGrid>
      {labels.size > 0 && (
        <Checkbox.Group
          mt="xs"
          label={`Objectives it works on (${n})`}
          value={item.objective_ids}
          onChange={(v) => set({ objective_ids: v })}
          error={errors[`${path}.objective_ids`]}
        >
          <Stack gap={4} mt={4}>
            {[...labels.entries()].map(([id, label]) => (
              <Checkbox key={id} value={id} label={label} disabled={disabled} />
            ))}
          </Stack>
        </Checkbox.Group>
      )}
    </Paper>
  );
}

/** Interventions chosen from the program's catalog, with frequency, minutes, days and responsible staff. */
export function InterventionsSection({ content, onChange, errors, disabled, catalog, staff, defaultStaffId }: Props) {
  const set = (id: string, patch: Partial<PlanIntervention>) =>
    onChange({ ...content, interventions: content.interventions.map((i) => (i.id === id ? { ...i, ...patch } : i)) });
  return (
    <Stack gap="sm">
      {errors.interventions && (
        <Text size="sm" c="red.8" role="alert">
          Interventions: {errors.interventions}
        </Text>
      )}
      {content.interventions.length === 0 && (
        <Text size="sm" c="dimmed">
          No interventions yet. Add the groups, sessions and services the client will take part in.
        </Text>
      )}
      {content.interventions.map((item, index) => (
        <InterventionCard
          key={item.id}
          item={item}
          index={index}
          n={index + 1}
          content={content}
          set={(patch) => set(item.id, patch)}
          remove={() => onChange({ ...content, interventions: content.interventions.filter((i) => i.id !== item.id) })}
          errors={errors}
          disabled={disabled}
          def={catalog.find((c) => c.code === item.code)}
          staff={staff}
        />
      ))}
      {!disabled &&
        (catalog.length > 0 ? (
          <CatalogPicker catalog={catalog} onAdd={(c) => onChange({ ...content, interventions: [...content.interventions, newIntervention(c, defaultStaffId)] })} />
        ) : (
          <Text size="sm" c="dimmed">
            The program’s intervention catalog could not be loaded.
          </Text>
        ))}
    </Stack>
  );
}
