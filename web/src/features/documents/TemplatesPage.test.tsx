import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { ChecklistItem, DocumentTemplate, ProgramChecklist } from '../../api/documents';
import { PROGRAM } from '../../test/fixtures';
import { apiError, json, mockFetch } from '../../test/mockFetch';
import { renderScreen } from '../../test/render';
import { codeFromLabel } from './ChecklistEditor';
import { textSections } from './DocumentText';
import { bodyBlocks, unknownPlaceholders } from './templateBody';
import { TemplatesPage } from './TemplatesPage';
import { DOCS_STAFF, TEMPLATES } from './testData';

const DEFAULT_CHECKLIST: ProgramChecklist = {
  items: [
    { code: 'schedule_track', label: 'Schedule and group track reviewed', required: true },
    { code: 'part2_notice', label: 'Part 2 notice', required: true, document_kind: 'part2_notice' },
  ],
  version: 0,
  is_default: true,
};

function routes(extra = {}) {
  return {
    'GET /api/v1/document-templates': json({ items: TEMPLATES }),
    'GET /api/v1/programs': json({ items: [PROGRAM], next_cursor: null }),
    'GET /api/v1/programs/prog-1/orientation-checklist': json(DEFAULT_CHECKLIST),
    ...extra,
  };
}

describe('template body preview', () => {
  it('splits headings, notices and paragraphs and fills placeholders', () => {
    expect(bodyBlocks('> Notice of {{program_name}}\n> line two\n# Heading\nFirst line\n- item\n\nSecond {{client_name}}', { program_name: 'IOP', client_name: 'Ann' })).toEqual([
      { kind: 'notice', text: 'Notice of IOP\nline two' },
      { kind: 'heading', text: 'Heading' },
      { kind: 'paragraph', text: 'First line\n- item' },
      { kind: 'paragraph', text: 'Second Ann' },
    ]);
  });

  it('names unknown placeholders', () => {
    expect(unknownPlaceholders('{{client_name}} {{ssn}} {{date}} {{ssn}}')).toEqual(['ssn']);
  });

  it('makes codes for new checklist items', () => {
    expect(codeFromLabel('Locker & keys handed out!', [])).toBe('locker_keys_handed_out');
    expect(codeFromLabel('Grievance', ['grievance'])).toBe('grievance_2');
  });
});

describe('TemplatesPage', () => {
  it('edits a template body with a live preview and saves the next version with If-Match', async () => {
    const m = mockFetch(
      routes({
        'PUT /api/v1/document-templates/tpl-rules': (c: { body: unknown }) =>
          json({ ...TEMPLATES[2], ...(c.body as Partial<DocumentTemplate>), version: 2, version_no: 2 } as DocumentTemplate),
      }),
    );
    renderScreen(<TemplatesPage />, { session: DOCS_STAFF });
    const table = await screen.findByRole('table', { name: 'Document templates' });
    await userEvent.click(within(table).getByRole('button', { name: 'Edit Program rules' }));
    const form = await screen.findByRole('form', { name: 'Edit Program rules' });
    const body = within(form).getByLabelText(/^Body/);
    await userEvent.clear(body);
    await userEvent.type(body, '# Attendance{enter}Come to every group of {{{{program_name}}.');
    const preview = within(form).getByTestId('template-preview');
    expect(within(preview).getByRole('heading', { name: 'Attendance' })).toBeInTheDocument();
    expect(preview).toHaveTextContent('Come to every group of Adult IOP.');
    await userEvent.type(body, ' {{{{ssn}}');
    expect(within(form).getByRole('alert')).toHaveTextContent('Unknown placeholder: {{ssn}}');
    await userEvent.click(within(form).getByRole('checkbox', { name: 'A staff witness signs too' }));
    await userEvent.click(within(form).getByRole('button', { name: 'Save as version 2' }));

    await waitFor(() => expect(m.callsTo('PUT', '/api/v1/document-templates/tpl-rules')).toHaveLength(1));
    const call = m.callsTo('PUT', '/api/v1/document-templates/tpl-rules')[0];
    expect(call?.headers['if-match']).toBe('"1"');
    expect(call?.body).toEqual({
      title: 'Program rules',
      body: '# Attendance\nCome to every group of {{program_name}}. {{ssn}}',
      requires_witness: true,
      active: true,
    });
    expect(await screen.findByText('Program rules is now version 2.')).toBeInTheDocument();
  });

  it('shows the server’s field error on the body and keeps the edit', async () => {
    mockFetch(
      routes({
        'POST /api/v1/document-templates': apiError(400, 'invalid_argument', 'check the fields', [{ field: 'body', message: 'must not be empty' }]),
      }),
    );
    renderScreen(<TemplatesPage />, { session: DOCS_STAFF });
    await userEvent.click(await screen.findByRole('button', { name: 'New template' }));
    const form = await screen.findByRole('form', { name: 'New document template' });
    await userEvent.type(within(form).getByLabelText(/^Title/), 'Locker agreement');
    await userEvent.type(within(form).getByLabelText(/^Body/), ' ');
    await userEvent.click(within(form).getByRole('button', { name: 'Create template' }));
    await waitFor(() => expect(within(form).getByLabelText(/^Body/)).toHaveAccessibleDescription(/must not be empty/));
    expect(within(form).getByLabelText(/^Title/)).toHaveValue('Locker agreement');
  });

  it('edits a program’s orientation checklist: add, mark optional, reorder, save', async () => {
    const m = mockFetch(
      routes({
        'PUT /api/v1/programs/prog-1/orientation-checklist': (c: { body: unknown }) =>
          json({ id: 'cl-1', version: 1, program_id: 'prog-1', is_default: false, items: (c.body as { items: ChecklistItem[] }).items }),
      }),
    );
    renderScreen(<TemplatesPage />, { session: DOCS_STAFF });
    const form = await screen.findByRole('form', { name: 'Orientation checklist items' });
    expect(within(form).getByText(/uses the default checklist/)).toBeInTheDocument();
    await userEvent.type(within(form).getByLabelText('New item'), 'Locker key handed out');
    await userEvent.click(within(form).getByRole('button', { name: 'Add item' }));
    const item3 = within(form).getByRole('group', { name: 'Item 3' });
    await userEvent.click(within(item3).getByRole('checkbox', { name: 'Required' }));
    await userEvent.click(within(form).getByRole('button', { name: 'Move item 3 up' }));
    await userEvent.click(within(form).getByRole('button', { name: 'Save checklist' }));

    await waitFor(() => expect(m.callsTo('PUT', '/api/v1/programs/prog-1/orientation-checklist')).toHaveLength(1));
    const call = m.callsTo('PUT', '/api/v1/programs/prog-1/orientation-checklist')[0];
    expect(call?.headers['if-match']).toBe('"0"');
    expect(call?.body).toEqual({
      items: [
        { code: 'schedule_track', label: 'Schedule and group track reviewed', required: true },
        { code: 'locker_key_handed_out', label: 'Locker key handed out', required: false },
        { code: 'part2_notice', label: 'Part 2 notice', required: true, document_kind: 'part2_notice' },
      ],
    });
    expect(await screen.findByText('Checklist saved')).toBeInTheDocument();
  });

  it('names a bad checklist item beside its field', async () => {
    mockFetch(
      routes({
        'PUT /api/v1/programs/prog-1/orientation-checklist': apiError(400, 'invalid_argument', 'check the fields', [
          { field: 'items[1].code', message: 'is used by another item' },
        ]),
      }),
    );
    renderScreen(<TemplatesPage />, { session: DOCS_STAFF });
    const form = await screen.findByRole('form', { name: 'Orientation checklist items' });
    const code = within(within(form).getByRole('group', { name: 'Item 2' })).getByRole('textbox', { name: 'Code' });
    await userEvent.clear(code);
    await userEvent.type(code, 'schedule_track');
    await userEvent.click(within(form).getByRole('button', { name: 'Save checklist' }));
    await waitFor(() => expect(code).toHaveAccessibleDescription(/is used by another item/));
  });
});

describe('document text', () => {
  it('shows the server text’s headings and notices as such, keeping every word', () => {
    expect(textSections('Title\n\nClient: Ann\nDate: 2026-01-02\n\n# Heading\n\n----\nNotice line\n----\n\nLast paragraph\n')).toEqual([
      { kind: 'paragraph', text: 'Title' },
      { kind: 'paragraph', text: 'Client: Ann\nDate: 2026-01-02' },
      { kind: 'heading', text: 'Heading' },
      { kind: 'notice', text: 'Notice line' },
      { kind: 'paragraph', text: 'Last paragraph' },
    ]);
  });
});
