// Importing a lab's CSV: choose or paste the file, check it (a dry run that lists every bad row with its
// field), then import — all rows or none. The same file twice is refused by the server (409).
import { Alert, Anchor, Button, FileInput, Group, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../api/client';
import { testingApi, type ImportReport } from '../../api/testing';
import { ErrorAlert } from '../../components/Feedback';
import { usePageTitle } from '../../components/usePageTitle';
import { useAction } from '../medications/useAction';

const HEADER = 'collection_id,chain_of_custody_id,analyte,stage,value,unit,creatinine,specific_gravity,ph,nitrite';

/** Row errors from a dry-run report, or from a refused import's field errors (`rows[3].value`). */
export function rowErrors(report: ImportReport | null, error: unknown): { row: number; field: string; message: string }[] {
  if (report) return report.errors;
  if (error instanceof ApiError) {
    return error.fields.map((f) => {
      const m = /^rows\[(\d+)\]\.?(.*)$/.exec(f.field);
      return m ? { row: Number(m[1]), field: m[2] ?? '', message: f.message } : { row: 0, field: f.field, message: f.message };
    });
  }
  return [];
}

export function LabImportPage() {
  usePageTitle('Import lab results');
  const [csv, setCsv] = useState('');
  const [checked, setChecked] = useState<ImportReport | null>(null);
  const [imported, setImported] = useState<ImportReport | null>(null);
  const check = useAction();
  const doImport = useAction();
  const errors = rowErrors(checked, check.error ?? doImport.error);
  const clean = checked !== null && checked.errors.length === 0 && !checked.duplicate;
  const change = (text: string) => {
    setCsv(text);
    setChecked(null);
    setImported(null);
  };
  return (
    <Stack gap="md" maw={1000}>
      <Anchor component={Link} to="/testing" size="sm">
        ← Testing board
      </Anchor>
      <Title order={1}>Import lab results</Title>
      <Text size="sm">
        One row per analyte. Columns: <code>{HEADER}</code>. A row names its collection by id or chain-of-custody id. Check the file first: any bad
        row stops the whole import.
      </Text>
      <FileInput
        label="Lab file (CSV)"
        accept=".csv,text/csv"
        clearable
        onChange={(file) => {
          if (!file) return change('');
          void file.text().then(change);
        }}
      />
      <Textarea label="Or paste the CSV" autosize minRows={4} maxRows={14} value={csv} onChange={(e) => change(e.currentTarget.value)} styles={{ input: { fontFamily: 'monospace' } }} />
      <Group>
        <Button variant="light" loading={check.busy} disabled={!csv.trim()} onClick={() => void check.run(() => testingApi.labImport(csv, true), setChecked)}>
          Check the file
        </Button>
        <Button loading={doImport.busy} disabled={!clean || imported !== null} onClick={() => void doImport.run(() => testingApi.labImport(csv, false), setImported)}>
          Import {checked ? `${checked.rows} rows` : ''}
        </Button>
      </Group>
      {checked?.duplicate && (
        <Alert color="red" role="alert" title="Already imported">
          This exact file was imported before; nothing was changed.
        </Alert>
      )}
      {clean && !imported && (
        <Alert color="green" variant="light" role="status" title="The file is ready">
          {checked.rows} rows checked; none has a problem.
        </Alert>
      )}
      {imported && (
        <Alert color="green" variant="light" role="status" title="Imported">
          {imported.rows} rows imported into {imported.collection_ids.length} collection(s).
        </Alert>
      )}
      {errors.length > 0 && (
        <Stack gap="xs">
          <Alert color="red" role="alert" title={`${errors.length} problem(s): nothing will be imported`}>
            Correct the rows below in the lab file and check it again.
          </Alert>
          <Table aria-label="Rows with problems" striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Row</Table.Th>
                <Table.Th>Column</Table.Th>
                <Table.Th>Problem</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {errors.map((e) => (
                <Table.Tr key={`${e.row}:${e.field}:${e.message}`} data-testid="import-error">
                  <Table.Td>{e.row || '—'}</Table.Td>
                  <Table.Td>{e.field}</Table.Td>
                  <Table.Td>{e.message}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      )}
      {(check.error ?? doImport.error) && !(errors.length > 0) ? <ErrorAlert error={check.error ?? doImport.error} /> : null}
    </Stack>
  );
}
