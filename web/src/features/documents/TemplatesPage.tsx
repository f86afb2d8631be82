import { Alert, Anchor, Button, Checkbox, Group, Paper, SimpleGrid, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { PLACEHOLDERS, documentKindLabel, templatesApi, type DocumentTemplate, type TemplateDraft } from '../../api/documents';
import { Card } from '../../components/Card';
import { ErrorAlert, Loading } from '../../components/Feedback';
import { StatusBadge } from '../../components/StatusBadge';
import { usePageTitle } from '../../components/usePageTitle';
import { formatInstant } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';
import { ChecklistEditor } from './ChecklistEditor';
import { bodyBlocks, unknownPlaceholders } from './templateBody';
import './documents.css';

/** The body as the client will see it, with sample values in the placeholders. */
export function TemplatePreview({ title, body }: { title: string; body: string }) {
  return (
    <Paper withBorder p="md" aria-label="Preview" component="section" data-testid="template-preview">
      <Text size="xs" c="dimmed" mb="xs">
        Preview with sample values
      </Text>
      <Title order={3} size="h4" mb="sm">
        {title || 'Untitled'}
      </Title>
      <Stack gap="xs">
        {bodyBlocks(body).map((b, i) =>
          b.kind === 'heading' ? (
            <Title key={i} order={4} size="h5">
              {b.text}
            </Title>
          ) : b.kind === 'notice' ? (
            <Paper key={i} withBorder p="xs" bg="gray.0">
              <Text size="sm" className="sw-document-text">
                {b.text}
              </Text>
            </Paper>
          ) : (
            <Text key={i} size="sm" className="sw-document-text">
              {b.text}
            </Text>
          ),
        )}
      </Stack>
    </Paper>
  );
}

/** Edits one template (each save adds the next version; documents signed on earlier versions keep theirs) or creates one. */
function TemplateEditor({ template, onSaved, onCancel }: { template: DocumentTemplate | null; onSaved: (t: DocumentTemplate) => void; onCancel: () => void }) {
  const [draft, setDraft] = useState<TemplateDraft>(
    template
      ? { title: template.title, body: template.body, requires_witness: template.requires_witness, active: template.active }
      : { title: '', body: '', requires_witness: false, active: true },
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const unknown = unknownPlaceholders(draft.body);
  const fieldError = (f: string) => (error instanceof ApiError ? error.fieldMessage(f) : undefined);

  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const saved = template ? await templatesApi.update(template.id, draft, template.version) : await templatesApi.create(draft);
      onSaved(saved);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      aria-label={template ? `Edit ${template.title}` : 'New document template'}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <Stack gap="md">
        <Title order={2} size="h3">
          {template ? `Edit: ${template.title}` : 'New document template'}
        </Title>
        {template && (
          <Text size="sm" c="dimmed">
            {documentKindLabel(template.kind)} · now version {template.version_no}. Saving creates version {template.version_no + 1}; documents
            already signed keep the version they were signed on.
          </Text>
        )}
        {error instanceof ApiError && error.isStale ? (
          <Alert color="orange" variant="light" role="alert" title="Someone else saved this template meanwhile">
            Reload the page to see their version, then make your change again.
          </Alert>
        ) : (
          <ErrorAlert title="Not saved" error={error} otherFields={error instanceof ApiError ? error.fields.filter((f) => !['title', 'body'].includes(f.field)) : []} />
        )}
        <TextInput
          label="Title"
          required
          value={draft.title}
          error={fieldError('title')}
          onChange={(e) => setDraft({ ...draft, title: e.currentTarget.value })}
        />
        <Group gap="lg">
          <Checkbox
            label="A staff witness signs too"
            checked={draft.requires_witness}
            onChange={(e) => setDraft({ ...draft, requires_witness: e.currentTarget.checked })}
          />
          <Checkbox label="In use" checked={draft.active ?? true} onChange={(e) => setDraft({ ...draft, active: e.currentTarget.checked })} />
        </Group>
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Stack gap="xs">
            <Textarea
              label="Body"
              description="“# ” starts a heading, “> ” a boxed notice line, “- ” a list line; a blank line ends a paragraph."
              required
              autosize
              minRows={14}
              maxRows={40}
              ff="monospace"
              value={draft.body}
              error={fieldError('body')}
              onChange={(e) => setDraft({ ...draft, body: e.currentTarget.value })}
            />
            <Text size="xs" c="dimmed">
              Placeholders: {PLACEHOLDERS.map((p) => `{{${p}}}`).join(', ')}
            </Text>
            {unknown.length > 0 && (
              <Text size="sm" c="red.8" role="alert">
                Unknown placeholder{unknown.length > 1 ? 's' : ''}: {unknown.map((u) => `{{${u}}}`).join(', ')}
              </Text>
            )}
          </Stack>
          <TemplatePreview title={draft.title} body={draft.body} />
        </SimpleGrid>
        <Group>
          <Button type="submit" loading={busy}>
            {template ? `Save as version ${template.version_no + 1}` : 'Create template'}
          </Button>
          <Button variant="default" onClick={onCancel} disabled={busy}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** /setup/documents: the organization's document templates and each program's orientation checklist. */
export function TemplatesPage() {
  usePageTitle('Documents and orientation');
  const state = useAsync((signal) => templatesApi.list(signal), []);
  const [editing, setEditing] = useState<DocumentTemplate | 'new' | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const templates = state.data?.items ?? [];

  return (
    <Stack gap="lg" maw={1200}>
      <Title order={1}>Documents and orientation</Title>
      <Card
        id="templates"
        title="Document templates"
        actions={
          <Button size="xs" variant="light" onClick={() => setEditing('new')}>
            New template
          </Button>
        }
      >
        <Stack gap="md">
          {saved && (
            <Alert color="green" variant="light" role="status" title="Saved">
              {saved}
            </Alert>
          )}
          {state.error ? <ErrorAlert title="Could not load templates" error={state.error} onRetry={state.reload} /> : null}
          {!state.data && !state.error && <Loading label="Loading templates…" />}
          {state.data && (
            <Table.ScrollContainer minWidth={640}>
              <Table verticalSpacing="xs" aria-label="Document templates">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Template</Table.Th>
                    <Table.Th scope="col">Kind</Table.Th>
                    <Table.Th scope="col">Version</Table.Th>
                    <Table.Th scope="col">Witness</Table.Th>
                    <Table.Th scope="col">Updated</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {templates.map((t) => (
                    <Table.Tr key={t.id}>
                      <Table.Td>
                        <Anchor component="button" type="button" onClick={() => setEditing(t)} aria-label={`Edit ${t.title}`}>
                          {t.title}
                        </Anchor>{' '}
                        {!t.active && (
                          <StatusBadge color="gray">Not in use</StatusBadge>
                        )}
                      </Table.Td>
                      <Table.Td>{documentKindLabel(t.kind)}</Table.Td>
                      <Table.Td>{t.version_no}</Table.Td>
                      <Table.Td>{t.requires_witness ? 'Yes' : 'No'}</Table.Td>
                      <Table.Td>{formatInstant(t.updated_at)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          {editing && (
            <TemplateEditor
              key={editing === 'new' ? 'new' : `${editing.id}:${editing.version_no}`}
              template={editing === 'new' ? null : editing}
              onCancel={() => setEditing(null)}
              onSaved={(t) => {
                setEditing(null);
                setSaved(`${t.title} is now version ${t.version_no}.`);
                state.reload();
              }}
            />
          )}
        </Stack>
      </Card>
      <ChecklistEditor />
    </Stack>
  );
}
