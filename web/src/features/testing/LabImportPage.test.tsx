import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client';
import { session } from '../../test/fixtures';
import { json, mockFetch } from '../../test/mockFetch';
import { renderScreen } from '../../test/render';
import { LabImportPage, rowErrors } from './LabImportPage';

const COLLECTOR = session({ permissions: ['clients.read', 'testing.read', 'testing.write'] });
const CSV = 'collection_id,analyte,value,unit\ncol-1,cocaine,abc,ng/mL\ncol-1,thc,20,mg/dL\n';

describe('LabImportPage', { timeout: 40_000 }, () => {
  it('checks the file first, lists every bad row, and imports nothing while any row is bad', async () => {
    const m = mockFetch({
      'POST /api/v1/testing/lab-import': json({
        rows: 2,
        errors: [
          { row: 2, field: 'value', message: 'must be a number' },
          { row: 3, field: 'unit', message: 'THC is measured in ng/mL' },
        ],
        duplicate: false,
        imported: false,
        collection_ids: [],
        result_ids: [],
      }),
    });
    renderScreen(<LabImportPage />, { session: COLLECTOR });
    await userEvent.click(screen.getByRole('textbox', { name: 'Or paste the CSV' }));
    await userEvent.paste(CSV);
    expect(screen.getByRole('button', { name: /^Import/ })).toBeDisabled();
    await userEvent.click(screen.getByRole('button', { name: 'Check the file' }));
    const table = await screen.findByRole('table', { name: 'Rows with problems' }, { timeout: 10_000 });
    const rows = within(table).getAllByTestId('import-error');
    expect(rows.map((r) => r.textContent)).toEqual(['2valuemust be a number', '3unitTHC is measured in ng/mL']);
    expect(screen.getByRole('button', { name: /^Import/ })).toBeDisabled();
    const call = m.callsTo('POST', '/api/v1/testing/lab-import')[0]!;
    expect(call.query.get('dry_run')).toBe('1');
    expect(call.headers['content-type']).toBe('text/csv');
    expect(call.body).toBe(CSV);
  });

  it('a clean file is imported after the check', async () => {
    const report = { rows: 2, errors: [], duplicate: false, imported: false, collection_ids: [], result_ids: [] };
    const m = mockFetch({
      'POST /api/v1/testing/lab-import?dry_run=1': json(report),
      'POST /api/v1/testing/lab-import': json({ ...report, imported: true, collection_ids: ['col-1'], result_ids: ['r-1'] }, 201),
    });
    renderScreen(<LabImportPage />, { session: COLLECTOR });
    await userEvent.click(screen.getByRole('textbox', { name: 'Or paste the CSV' }));
    await userEvent.paste('collection_id,analyte,value,unit\ncol-1,thc,20,ng/mL\n');
    await userEvent.click(screen.getByRole('button', { name: 'Check the file' }));
    await screen.findByText('2 rows checked; none has a problem.', undefined, { timeout: 10_000 });
    await userEvent.click(screen.getByRole('button', { name: 'Import 2 rows' }));
    expect(await screen.findByText('2 rows imported into 1 collection(s).', undefined, { timeout: 10_000 })).toBeInTheDocument();
    expect(m.callsTo('POST', '/api/v1/testing/lab-import').map((c) => c.query.get('dry_run'))).toEqual(['1', null]);
  });

  it('reads row errors from a refused import too (field errors keyed rows[n].field)', () => {
    const refused = new ApiError(400, 'invalid_argument', 'the file has bad rows', [
      { field: 'rows[3].value', message: 'must be a number' },
      { field: 'body', message: 'empty' },
    ]);
    expect(rowErrors(null, refused)).toEqual([
      { row: 3, field: 'value', message: 'must be a number' },
      { row: 0, field: 'body', message: 'empty' },
    ]);
  });
});
