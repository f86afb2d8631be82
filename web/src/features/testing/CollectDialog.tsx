// Recording a collection on a tablet: few fields, big targets. The panel comes from the program's policy,
// the temperature check is a yes/no toggle, observed is preset from the selection, and a refusal is one
// button. The collector is the signed-in user (the server records it).
import { Button, Group, Modal, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { testingApi, type BoardEntry, type Collection, type CollectionDraft } from '../../api/testing';
import { ErrorAlert } from '../../components/Feedback';
import { useAsync } from '../../lib/useAsync';
import { fieldError, useAction } from '../medications/useAction';

function YesNo({ label, value, onChange, id }: { label: string; value: boolean; onChange: (v: boolean) => void; id: string }) {
  return (
    <div>
      <Text size="sm" fw={500} id={id} mb={4}>
        {label}
      </Text>
      <SegmentedControl
        aria-labelledby={id}
        size="lg"
        fullWidth
        value={value ? 'yes' : 'no'}
        onChange={(v) => onChange(v === 'yes')}
        data={[
          { value: 'yes', label: 'Yes' },
          { value: 'no', label: 'No' },
        ]}
      />
    </div>
  );
}

export function CollectDialog({ entry, onClose, onCollected }: { entry: BoardEntry; onClose: () => void; onCollected: (c: Collection) => void }) {
  const policy = useAsync((signal) => testingApi.policy(entry.program_id, signal), [entry.program_id]);
  const panels = policy.data?.panels ?? [];
  const [panel, setPanel] = useState<string | null>(null);
  const [inRange, setInRange] = useState(true);
  const [observed, setObserved] = useState(entry.observed);
  const [custody, setCustody] = useState('');
  const [lab, setLab] = useState('');
  const { busy, error, run } = useAction();
  const panelCode = panel ?? panels.find((p) => p.specimen === 'urine')?.code ?? panels[0]?.code ?? '';
  const specimen = (panels.find((p) => p.code === panelCode)?.specimen ?? 'urine') as CollectionDraft['specimen'];
  const send = (refused: boolean) => {
    const draft: CollectionDraft = {
      panel_code: panelCode,
      specimen,
      observed,
      refused,
      ...(refused ? {} : { temperature_in_range: inRange }),
      ...(custody ? { chain_of_custody_id: custody } : {}),
      ...(lab ? { lab } : {}),
    };
    void run(() => testingApi.collect(entry.client_id, draft), onCollected);
  };
  return (
    <Modal opened onClose={onClose} title={`Collection: ${entry.client_name}`} size="lg" closeButtonProps={{ 'aria-label': 'Close' }}>
      <form
        aria-label="Record the collection"
        onSubmit={(e) => {
          e.preventDefault();
          send(false);
        }}
      >
        <Stack gap="md">
          <ErrorAlert title="Could not load the testing policy" error={policy.error} onRetry={policy.reload} />
          <Select
            label="Panel"
            size="md"
            data={panels.map((p) => ({ value: p.code, label: p.label }))}
            value={panelCode || null}
            allowDeselect={false}
            onChange={setPanel}
            error={fieldError(error, 'panel_code')}
          />
          <YesNo id="temperature-label" label="Temperature in range (90–100 °F)?" value={inRange} onChange={setInRange} />
          <YesNo id="observed-label" label="Observed collection?" value={observed} onChange={setObserved} />
          <Group grow>
            <TextInput label="Chain-of-custody id" size="md" value={custody} onChange={(e) => setCustody(e.currentTarget.value)} error={fieldError(error, 'chain_of_custody_id')} />
            <TextInput label="Lab (if sent out)" size="md" value={lab} onChange={(e) => setLab(e.currentTarget.value)} />
          </Group>
          {error && !(error instanceof ApiError && error.fields.length > 0) ? <ErrorAlert title="Not saved" error={error} /> : null}
          <Group grow>
            <Button type="submit" size="lg" loading={busy} disabled={!panelCode}>
              Save collection
            </Button>
            <Button size="lg" color="red.9" variant="outline" onClick={() => send(true)} disabled={busy || !panelCode}>
              Client refused
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
