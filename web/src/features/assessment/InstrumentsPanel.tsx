import { Anchor, Button, Group, NativeSelect, Radio, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { responsesApi, type CompletedBy, type InstrumentDefinition, type ResponseSummary } from '../../api/assessments';
import { StatusBadge } from '../../components/StatusBadge';
import { ErrorAlert } from '../../components/Feedback';
import { formatInstant } from '../../lib/format';
import { tabletLock, tabletPath } from './tabletLock';

/** The instruments usually given at an assessment, first in the picker. */
const USUAL = ['PHQ9', 'GAD7', 'AUDIT', 'DAST10', 'CSSRS_SCREEN'];

export function instrumentName(defs: InstrumentDefinition[], code: string): string {
  return defs.find((d) => d.code === code)?.name ?? code;
}

export function ResponseResult({ r }: { r: ResponseSummary }) {
  const safety = (r.flags ?? []).some((f) => f.safety);
  return (
    <Group gap={6} wrap="wrap">
      {r.total !== null && r.total !== undefined && <Text span fw={600}>{r.total}</Text>}
      {r.band_label && <Text span size="sm">{r.band_label}</Text>}
      {safety && (
        <StatusBadge color="red">Safety flag</StatusBadge>
      )}
    </Group>
  );
}

/** Starts an instrument for the client (by the clinician, or by the client in tablet mode). */
export function GiveInstrument({ clientId, assessmentId, defs, beforeLeave }: {
  clientId: string;
  assessmentId?: string;
  defs: InstrumentDefinition[];
  /** Saves pending edits of the page before moving to the form. */
  beforeLeave?: () => Promise<unknown>;
}) {
  const navigate = useNavigate();
  const ordered = [...defs].sort((a, b) => {
    const ia = USUAL.indexOf(a.code);
    const ib = USUAL.indexOf(b.code);
    return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || a.name.localeCompare(b.name);
  });
  const [code, setCode] = useState(ordered[0]?.code ?? '');
  const [by, setBy] = useState<CompletedBy>('clinician');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      await beforeLeave?.();
      const r = await responsesApi.start(clientId, { instrument: code, completed_by: by, ...(assessmentId ? { assessment_id: assessmentId } : {}) });
      if (by === 'client') {
        tabletLock.lock(r.id);
        navigate(tabletPath(r.id));
      } else {
        navigate(`/clients/${clientId}/instruments/${r.id}`);
      }
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  return (
    <Stack gap="xs">
      <Group align="flex-end" gap="sm" wrap="wrap">
        <NativeSelect label="Instrument" value={code} data={ordered.map((d) => ({ value: d.code, label: d.name }))} onChange={(e) => setCode(e.currentTarget.value)} />
        <Radio.Group label="Completed by" value={by} onChange={(v) => setBy(v as CompletedBy)}>
          <Group gap="md" mt={8}>
            <Radio value="clinician" label="Clinician" />
            <Radio value="client" label="Client, on a tablet" />
          </Group>
        </Radio.Group>
        <Button onClick={() => void start()} loading={busy} disabled={!code}>
          Give instrument
        </Button>
      </Group>
      <ErrorAlert title="Could not start the instrument" error={error} />
    </Stack>
  );
}

/** Instruments given as part of this assessment, with their results and a way to continue drafts. */
export function InstrumentsPanel({ clientId, assessmentId, responses, defs, beforeLeave, readOnly }: {
  clientId: string;
  assessmentId: string;
  responses: ResponseSummary[];
  defs: InstrumentDefinition[];
  beforeLeave: () => Promise<unknown>;
  readOnly?: boolean;
}) {
  return (
    <Stack gap="sm">
      {responses.length === 0 ? (
        <Text c="dimmed">No instruments given yet for this assessment.</Text>
      ) : (
        <Table verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Instrument</Table.Th>
              <Table.Th scope="col">Status</Table.Th>
              <Table.Th scope="col">Result</Table.Th>
              <Table.Th scope="col">Completed</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {responses.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/clients/${clientId}/instruments/${r.id}`}>
                    {r.status === 'draft' ? `Continue ${instrumentName(defs, r.instrument)}` : instrumentName(defs, r.instrument)}
                  </Anchor>
                </Table.Td>
                <Table.Td>{r.status === 'draft' ? 'Draft' : r.status === 'complete' ? 'Complete' : 'Voided'}</Table.Td>
                <Table.Td>
                  <ResponseResult r={r} />
                </Table.Td>
                <Table.Td>{formatInstant(r.completed_at) || '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {!readOnly && <GiveInstrument clientId={clientId} assessmentId={assessmentId} defs={defs} beforeLeave={beforeLeave} />}
    </Stack>
  );
}
