import { ActionIcon, Alert, Button, Checkbox, Group, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { ApiError } from '../../api/client';
import { DOCUMENT_KINDS, orientationApi, type ChecklistItem, type ProgramChecklist } from '../../api/documents';
import { programsApi } from '../../api/endpoints';
import { Card } from '../../components/Card';
import { ErrorAlert, Loading } from '../../components/Feedback';
import { useAsync } from '../../lib/useAsync';

/** A code for a new item from its label: lower case, [a-z0-9_]. */
export function codeFromLabel(label: string, taken: string[]): string {
  const base =
    label
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 40) || 'item';
  let code = base;
  for (let n = 2; taken.includes(code); n += 1) code = `${base}_${n}`;
  return code;
}

function ItemRow({
  item,
  index,
  count,
  error,
  onChange,
  onMove,
  onRemove,
}: {
  item: ChecklistItem;
  index: number;
  count: number;
  error: (f: string) => string | undefined;
  onChange: (item: ChecklistItem) => void;
  onMove: (delta: number) => void;
  onRemove: () => void;
}) {
  const n = index + 1;
  return (
    <fieldset className="sw-checklist-row" aria-label={`Item ${n}`}>
      <Group align="flex-end" gap="sm" wrap="wrap">
        <TextInput
          label={`Item ${n}`}
          value={item.label}
          required
          error={error(`items[${index}].label`)}
          onChange={(e) => onChange({ ...item, label: e.currentTarget.value })}
          miw={280}
          style={{ flex: 1 }}
        />
        <TextInput label="Code" value={item.code} w={160} error={error(`items[${index}].code`)} onChange={(e) => onChange({ ...item, code: e.currentTarget.value })} />
        <NativeSelect
          label="Done by signing"
          value={item.document_kind ?? ''}
          error={error(`items[${index}].document_kind`)}
          onChange={(e) => onChange({ ...item, document_kind: e.currentTarget.value as ChecklistItem['document_kind'] })}
          data={[{ value: '', label: 'No — staff tick it off' }, ...DOCUMENT_KINDS.map((k) => ({ value: k.code, label: k.label }))]}
        />
        <Checkbox label="Required" checked={item.required} onChange={(e) => onChange({ ...item, required: e.currentTarget.checked })} mb={8} />
        <Group gap={4} mb={4}>
          <ActionIcon variant="default" onClick={() => onMove(-1)} disabled={index === 0} aria-label={`Move item ${n} up`}>
            ↑
          </ActionIcon>
          <ActionIcon variant="default" onClick={() => onMove(1)} disabled={index === count - 1} aria-label={`Move item ${n} down`}>
            ↓
          </ActionIcon>
          <Button size="xs" variant="subtle" color="red" onClick={onRemove} aria-label={`Remove item ${n}`}>
            Remove
          </Button>
        </Group>
      </Group>
    </fieldset>
  );
}

/** Each program's orientation checklist (program.write): items, which are required, which a signature completes. */
export function ChecklistEditor() {
  const programs = useAsync((signal) => programsApi.list(signal), []);
  const [programId, setProgramId] = useState('');
  const list = programs.data?.items.filter((p) => !p.voided) ?? [];
  useEffect(() => {
    if (!programId && list[0]) setProgramId(list[0].id);
  }, [programId, list]);
  const checklist = useAsync((signal) => (programId ? orientationApi.checklist(programId, signal) : Promise.resolve(null)), [programId]);
  const [items, setItems] = useState<ChecklistItem[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    setItems(checklist.data ? checklist.data.items.map((i) => ({ ...i, document_kind: i.document_kind ?? '' })) : null);
    setError(null);
  }, [checklist.data]);

  const fieldError = (f: string) => (error instanceof ApiError ? error.fieldMessage(f) : undefined);
  const update = (next: ChecklistItem[]) => {
    setItems(next);
    setSaved(false);
  };

  const save = async (current: ProgramChecklist, next: ChecklistItem[]) => {
    setBusy(true);
    setError(null);
    try {
      const body = next.map((i) => ({ code: i.code.trim(), label: i.label.trim(), required: i.required, ...(i.document_kind ? { document_kind: i.document_kind } : {}) }));
      const result = await orientationApi.saveChecklist(programId, body, current.version ?? 0);
      checklist.setData(result);
      setSaved(true);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card id="orientation-checklists" title="Orientation checklists">
      <Stack gap="md">
        {programs.error ? <ErrorAlert title="Could not load programs" error={programs.error} onRetry={programs.reload} /> : null}
        {programs.data && list.length === 0 && <Text size="sm">Add a program first (Program set-up).</Text>}
        {list.length > 0 && (
          <NativeSelect
            label="Program"
            value={programId}
            onChange={(e) => setProgramId(e.currentTarget.value)}
            data={list.map((p) => ({ value: p.id, label: p.name }))}
            maw={360}
          />
        )}
        {checklist.error ? <ErrorAlert title="Could not load the checklist" error={checklist.error} onRetry={checklist.reload} /> : null}
        {programId && !checklist.data && !checklist.error && <Loading label="Loading checklist…" />}
        {checklist.data && items && (
          <form
            aria-label="Orientation checklist items"
            onSubmit={(e) => {
              e.preventDefault();
              if (checklist.data) void save(checklist.data, items);
            }}
          >
            <Stack gap="sm">
              {checklist.data.is_default && (
                <Text size="sm" c="dimmed">
                  This program uses the default checklist. Saving makes this list the program’s own.
                </Text>
              )}
              {saved && (
                <Alert color="green" variant="light" role="status" title="Checklist saved">
                  New clients of this program go through these items.
                </Alert>
              )}
              <ErrorAlert
                title="Not saved"
                error={error}
                otherFields={error instanceof ApiError ? error.fields.filter((f) => !/^items\[\d+\]\.(label|code|document_kind)$/.test(f.field)) : []}
              />
              {items.map((item, i) => (
                <ItemRow
                  key={i}
                  item={item}
                  index={i}
                  count={items.length}
                  error={fieldError}
                  onChange={(next) => update(items.map((x, j) => (j === i ? next : x)))}
                  onMove={(delta) => {
                    const next = [...items];
                    const [moved] = next.splice(i, 1);
                    if (moved) next.splice(i + delta, 0, moved);
                    update(next);
                  }}
                  onRemove={() => update(items.filter((_, j) => j !== i))}
                />
              ))}
              <AddItem onAdd={(label) => update([...items, { code: codeFromLabel(label, items.map((x) => x.code)), label, required: true, document_kind: '' }])} />
              <Group>
                <Button type="submit" loading={busy}>
                  Save checklist
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Stack>
    </Card>
  );
}

function AddItem({ onAdd }: { onAdd: (label: string) => void }) {
  const [label, setLabel] = useState('');
  return (
    <Group align="flex-end" gap="sm">
      <TextInput label="New item" value={label} onChange={(e) => setLabel(e.currentTarget.value)} miw={320} />
      <Button
        variant="light"
        disabled={!label.trim()}
        onClick={() => {
          onAdd(label.trim());
          setLabel('');
        }}
      >
        Add item
      </Button>
    </Group>
  );
}
