// Result entry for one collection, fast on a tablet: the panel's analytes are listed with their cut-offs;
// a cup is read with one Negative/Positive toggle per analyte (all negative to start), a lab report is
// typed as values. After saving, the server's interpretation (negative, presumptive or confirmed positive,
// expected from a prescription), the specimen validity, billing suggestions and any ladder step are shown.
import { Alert, Anchor, Button, Group, NumberInput, Paper, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { ACTION_LABELS, KIND_LABELS, testingApi, type AnalyteInput, type Collection, type Panel, type ResultDraft } from '../../api/testing';
import { StatusBadge } from '../../components/StatusBadge';
import { ErrorAlert, Loading } from '../../components/Feedback';
import { usePageTitle } from '../../components/usePageTitle';
import { formatInstant } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';
import { usePermission } from '../security/sessionStore';
import { fieldError, useAction } from '../medications/useAction';

const INTERPRETATION: Record<string, { label: string; color: string }> = {
  negative: { label: 'Negative', color: 'green' },
  presumptive_positive: { label: 'Presumptive positive', color: 'orange' },
  confirmed_positive: { label: 'Confirmed positive', color: 'red' },
  not_confirmed: { label: 'Not confirmed', color: 'green' },
};

type Method = 'poc_cup' | 'lab';

function ResultForm({ collection, panel, onSaved }: { collection: Collection; panel: Panel; onSaved: (c: Collection) => void }) {
  const [method, setMethod] = useState<Method>(collection.lab ? 'lab' : 'poc_cup');
  const [stage, setStage] = useState<'screening' | 'confirmation'>('screening');
  const [readings, setReadings] = useState<Record<string, 'negative' | 'positive'>>({});
  const [values, setValues] = useState<Record<string, number | ''>>({});
  const [validity, setValidity] = useState<Record<string, number | ''>>({});
  const { busy, error, run } = useAction();
  const submit = () => {
    const analytes: AnalyteInput[] =
      method === 'poc_cup'
        ? panel.analytes.map((a) => ({ code: a.code, reading: readings[a.code] ?? 'negative', stage: 'screening' }))
        : panel.analytes
            .filter((a) => values[a.code] !== undefined && values[a.code] !== '')
            .map((a) => ({ code: a.code, value: Number(values[a.code]), unit: a.unit, stage }));
    const v = Object.fromEntries(Object.entries(validity).filter(([, x]) => x !== '')) as ResultDraft['validity'];
    const draft: ResultDraft = { method, analytes, ...(v && Object.keys(v).length ? { validity: v } : {}) };
    void run(() => testingApi.addResult(collection.id, draft), onSaved);
  };
  return (
    <form
      aria-label="Enter the result"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <Stack gap="md">
        <Group>
          <SegmentedControl
            aria-label="How the result was read"
            size="md"
            value={method}
            onChange={(v) => setMethod(v as Method)}
            data={[
              { value: 'poc_cup', label: 'Cup reading' },
              { value: 'lab', label: 'Lab values' },
            ]}
          />
          {method === 'lab' && (
            <SegmentedControl
              aria-label="Stage"
              size="md"
              value={stage}
              onChange={(v) => setStage(v as typeof stage)}
              data={[
                { value: 'screening', label: 'Screening' },
                { value: 'confirmation', label: 'Confirmation' },
              ]}
            />
          )}
        </Group>
        <Table aria-label={`Analytes of ${panel.label}`}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Analyte</Table.Th>
              <Table.Th>Cut-offs (screening / confirmation)</Table.Th>
              <Table.Th>{method === 'poc_cup' ? 'Reading' : 'Value'}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {panel.analytes.map((a, i) => (
              <Table.Tr key={a.code} data-testid={`analyte-${a.code}`}>
                <Table.Td>
                  <Text fw={600}>{a.label}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">
                    {a.screening_cutoff} / {a.confirmation_cutoff} {a.unit}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {method === 'poc_cup' ? (
                    <SegmentedControl
                      aria-label={`${a.label} reading`}
                      size="md"
                      color={readings[a.code] === 'positive' ? 'red.9' : undefined}
                      value={readings[a.code] ?? 'negative'}
                      onChange={(v) => setReadings((r) => ({ ...r, [a.code]: v as 'negative' | 'positive' }))}
                      data={[
                        { value: 'negative', label: 'Negative' },
                        { value: 'positive', label: 'Positive' },
                      ]}
                    />
                  ) : (
                    <NumberInput
                      aria-label={`${a.label} value in ${a.unit}`}
                      min={0}
                      decimalScale={3}
                      value={values[a.code] ?? ''}
                      onChange={(v) => setValues((x) => ({ ...x, [a.code]: v === '' ? '' : Number(v) }))}
                      error={fieldError(error, `analytes[${i}].value`)}
                      rightSection={<Text size="xs">{a.unit}</Text>}
                      rightSectionWidth={56}
                    />
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Paper withBorder p="sm">
          <Text fw={600} size="sm" mb="xs">
            Specimen validity (if measured)
          </Text>
          <Group grow>
            {(
              [
                ['creatinine', 'Creatinine (mg/dL)'],
                ['specific_gravity', 'Specific gravity'],
                ['ph', 'pH'],
                ['nitrite', 'Nitrite (µg/mL)'],
              ] as const
            ).map(([k, label]) => (
              <NumberInput
                key={k}
                label={label}
                decimalScale={4}
                value={validity[k] ?? ''}
                onChange={(v) => setValidity((x) => ({ ...x, [k]: v === '' ? '' : Number(v) }))}
                error={fieldError(error, `validity.${k}`)}
              />
            ))}
          </Group>
        </Paper>
        {error ? <ErrorAlert title="Not saved" error={error} otherFields={error instanceof ApiError ? error.fields : []} /> : null}
        <Button type="submit" size="lg" loading={busy}>
          Save result
        </Button>
      </Stack>
    </form>
  );
}

export function CollectionOutcome({ c }: { c: Collection }) {
  const interpretations = c.interpretations ?? [];
  return (
    <Stack gap="sm" data-testid="collection-outcome">
      {c.event && (
        <Alert color="red" variant="light" role="alert" title={`Step ${c.event.step}: ${ACTION_LABELS[c.event.action] ?? c.event.action}`}>
          {KIND_LABELS[c.event.kind] ?? c.event.kind} on {c.event.at}. A review task is open; the client's testing state shows it with this result.
        </Alert>
      )}
      {interpretations.length > 0 && (
        <Table aria-label="Interpretation" striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Analyte</Table.Th>
              <Table.Th>Result</Table.Th>
              <Table.Th>Values (screening / confirmation)</Table.Th>
              <Table.Th>Cut-offs</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {interpretations.map((i) => {
              const s = INTERPRETATION[i.status] ?? { label: i.status, color: 'gray' };
              return (
                <Table.Tr key={i.code}>
                  <Table.Td>{i.label}</Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      <StatusBadge color={s.color}>{s.label}</StatusBadge>
                      {i.expected && <StatusBadge color="blue">Expected: prescribed</StatusBadge>}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    {i.screening_value ?? '—'} / {i.confirmation_value ?? '—'}
                  </Table.Td>
                  <Table.Td>
                    {i.screening_cutoff} / {i.confirmation_cutoff}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
      {c.validity && (
        <Text size="sm">
          Specimen validity: <strong>{c.validity.status}</strong>
          {c.validity.reasons.length > 0 && ` (${c.validity.reasons.join('; ')})`}
          {c.validity.recollect_observed && ' — recollect under observation'}
        </Text>
      )}
      {c.billing && c.billing.length > 0 && (
        <Text size="sm">Billing suggestion: {c.billing.map((b) => `${b.code}${b.units > 1 ? ` ×${b.units}` : ''} (${b.reason})`).join(', ')}</Text>
      )}
    </Stack>
  );
}

export function ResultEntryPage() {
  const { id = '' } = useParams();
  usePageTitle('Drug test result');
  const state = useAsync((signal) => testingApi.collection(id, signal), [id]);
  const c = state.data;
  const programId = c?.program_id ?? '';
  const policy = useAsync((signal) => (programId ? testingApi.policy(programId, signal) : Promise.resolve(null)), [programId]);
  const panel = useMemo(() => policy.data?.panels.find((p) => p.code === c?.panel_code), [policy.data, c?.panel_code]);
  const canWrite = usePermission('testing.write');
  const [entering, setEntering] = useState(false);
  if (state.error && !c) return <ErrorAlert title="Could not load the collection" error={state.error} onRetry={state.reload} />;
  if (!c) return <Loading label="Loading the collection…" />;
  const hasResult = c.outcome !== 'pending' && c.outcome !== 'refused';
  return (
    <Stack gap="md" maw={1000}>
      <Anchor component={Link} to="/testing" size="sm">
        ← Testing board
      </Anchor>
      <Title order={1}>Result: {c.client_name}</Title>
      <Text size="sm" c="dimmed">
        Collected {formatInstant(c.collected_at)} by {c.collector_name} · {c.specimen === 'oral_fluid' ? 'oral fluid' : 'urine'}
        {c.observed ? ', observed' : ''} · panel {panel?.label ?? c.panel_code}
        {c.chain_of_custody_id ? ` · chain of custody ${c.chain_of_custody_id}` : ''}
      </Text>
      {c.refused && <Alert color="red">The client refused this test.</Alert>}
      {hasResult && <CollectionOutcome c={c} />}
      {canWrite && !c.refused && (!hasResult || entering) && panel && (
        <ResultForm
          collection={c}
          panel={panel}
          onSaved={(saved) => {
            setEntering(false);
            state.setData(saved);
          }}
        />
      )}
      {canWrite && hasResult && !entering && (
        <Group>
          <Button variant="light" onClick={() => setEntering(true)}>
            Add a confirmation or another result
          </Button>
        </Group>
      )}
      <ErrorAlert title="Could not load the testing policy" error={policy.error} onRetry={policy.reload} />
      <Anchor component={Link} to={`/clients/${c.client_id}#drug-testing`}>
        Open the client's testing history
      </Anchor>
    </Stack>
  );
}
