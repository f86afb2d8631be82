import { Checkbox, Group, NativeSelect, NumberInput, Radio, SimpleGrid, Textarea, TextInput } from '@mantine/core';
import { memo } from 'react';
import type { SectionValues } from '../../api/assessments';
import type { SectionDef, SectionField } from './sections';

interface Props {
  def: SectionDef;
  values: SectionValues;
  onChange: (sectionKey: string, next: SectionValues) => void;
  /** Field errors keyed by the server's JSON path ("sections.readiness.ruler"). */
  errors: Record<string, string>;
  disabled?: boolean;
}

function FieldInput({ field, sectionKey, value, error, disabled, set }: {
  field: SectionField;
  sectionKey: string;
  value: SectionValues[string] | undefined;
  error?: string;
  disabled?: boolean;
  set: (v: SectionValues[string]) => void;
}) {
  const common = { label: field.label, description: field.description, error, disabled };
  const id = `sec-${sectionKey}-${field.name}`;
  switch (field.kind) {
    case 'textarea':
      return <Textarea id={id} {...common} autosize minRows={2} value={String(value ?? '')} onChange={(e) => set(e.currentTarget.value)} />;
    case 'number':
      return (
        <NumberInput
          id={id}
          {...common}
          min={0}
          allowDecimal={false}
          value={typeof value === 'number' ? value : ''}
          onChange={(v) => set(typeof v === 'number' ? v : null)}
        />
      );
    case 'select':
      return (
        <NativeSelect
          id={id}
          {...common}
          value={String(value ?? '')}
          data={[{ value: '', label: '—' }, ...(field.options ?? [])]}
          onChange={(e) => set(e.currentTarget.value || null)}
        />
      );
    case 'checkbox':
      return <Checkbox id={id} label={field.label} error={error} disabled={disabled} checked={value === true} onChange={(e) => set(e.currentTarget.checked)} />;
    case 'ruler':
      return (
        <Radio.Group {...common} value={typeof value === 'number' ? String(value) : null} onChange={(v) => set(Number(v))}>
          <Group gap="sm" mt={6}>
            {Array.from({ length: 11 }, (_x, n) => (
              <Radio key={n} value={String(n)} label={String(n)} disabled={disabled} />
            ))}
          </Group>
        </Radio.Group>
      );
    case 'date':
      return <TextInput id={id} type="date" {...common} value={String(value ?? '')} onChange={(e) => set(e.currentTarget.value)} />;
    default:
      return <TextInput id={id} {...common} value={String(value ?? '')} onChange={(e) => set(e.currentTarget.value)} />;
  }
}

/** One free-form section as short labelled fields (memoized: typing in one section leaves the others alone). */
export const SectionFields = memo(function SectionFields({ def, values, onChange, errors, disabled }: Props) {
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
      {def.fields.map((f) => (
        <div key={f.name} style={f.kind === 'textarea' || f.kind === 'ruler' ? { gridColumn: '1 / -1' } : undefined}>
          <FieldInput
            field={f}
            sectionKey={def.key}
            value={values[f.name]}
            error={errors[`sections.${def.key}.${f.name}`]}
            disabled={disabled}
            set={(v) => onChange(def.key, { ...values, [f.name]: v })}
          />
        </div>
      ))}
    </SimpleGrid>
  );
});
