import { Anchor, Button, Group, Modal, NativeSelect, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import {
  DELIVERY_METHODS,
  documentKindLabel,
  documentsApi,
  templatesApi,
  type DocumentVerification,
  type SignedDocument,
} from '../../api/documents';
import type { Client } from '../../api/types';
import { EmptyState, ErrorAlert, Loading } from '../../components/Feedback';
import { SignatureView, signatureRoleLabel } from '../../components/SignaturePad';
import { StatusBadge } from '../../components/StatusBadge';
import { formatInstant } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';
import { ChartSection } from '../admissions/ChartSection';
import { usePermission } from '../security/sessionStore';
import { DocumentText } from './DocumentText';
import { startSigning } from './TabletSigningPage';
import './documents.css';

async function load(clientId: string, signal: AbortSignal) {
  const [docs, templates] = await Promise.all([documentsApi.list(clientId, signal), templatesApi.list(signal)]);
  return { docs: docs.items, templates: templates.items.filter((t) => t.active) };
}

function deliveryLabel(code: string): string {
  return DELIVERY_METHODS.find((m) => m.code === code)?.label ?? code;
}

/** Checks a signed document against its hash on the server and says what it found. */
function VerifyButton({ doc }: { doc: SignedDocument }) {
  const [result, setResult] = useState<DocumentVerification | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const verify = async () => {
    setBusy(true);
    setError(null);
    try {
      setResult(await documentsApi.verify(doc.id));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack gap={4}>
      <Group gap="xs">
        <Button size="compact-xs" variant="default" onClick={() => void verify()} loading={busy} aria-label={`Verify ${doc.title}`}>
          Verify
        </Button>
        <span role="status" aria-live="polite">
          {result &&
            (result.matches ? (
              <StatusBadge color="green">Unchanged</StatusBadge>
            ) : (
              <StatusBadge color="red">Hash does not match</StatusBadge>
            ))}
        </span>
      </Group>
      <ErrorAlert title="Could not verify" error={error} />
    </Stack>
  );
}

/** The full signed document: its text as signed, the signatures, and how it was delivered. */
function DocumentDetails({ doc, onClose }: { doc: SignedDocument | null; onClose: () => void }) {
  return (
    <Modal opened={doc !== null} onClose={onClose} title={doc?.title ?? ''} size="xl" closeButtonProps={{ 'aria-label': 'Close' }}>
      {doc && (
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            {documentKindLabel(doc.kind)} · version {doc.template_version_no} · signed {formatInstant(doc.signed_at)}
            {doc.delivery_method ? ` · delivered: ${deliveryLabel(doc.delivery_method)}` : ''}
          </Text>
          <Text size="sm">
            SHA-256 <code data-testid="document-hash">{doc.content_sha256}</code>
          </Text>
          <div className="sw-scroll" tabIndex={0} role="region" aria-label="Document text as signed">
            <DocumentText text={doc.text} />
          </div>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {doc.signatures.map((s, i) => (
              <SignatureView key={s.id ?? i} signature={s} />
            ))}
          </SimpleGrid>
          <Group>
            <Anchor href={documentsApi.pdfUrl(doc.id)} download>
              Download PDF
            </Anchor>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

/** The chart's signed documents, with PDF, hash and verification, and the start of a tablet signing. */
export function DocumentsSection({ client }: { client: Client }) {
  const navigate = useNavigate();
  const canRead = usePermission('documents.read');
  const canWrite = usePermission('documents.write');
  const state = useAsync((signal) => (canRead ? load(client.id, signal) : Promise.resolve(null)), [client.id, canRead]);
  const [templateId, setTemplateId] = useState('');
  const [open, setOpen] = useState<SignedDocument | null>(null);

  if (!canRead) {
    return (
      <ChartSection id="documents" title="Documents">
        <Text size="sm" c="dimmed">
          Your role does not include reading signed documents.
        </Text>
      </ChartSection>
    );
  }
  const data = state.data;

  return (
    <ChartSection id="documents" title="Documents">
      <Stack gap="md">
        {state.error ? <ErrorAlert title="Could not load documents" error={state.error} onRetry={state.reload} /> : null}
        {!data && !state.error && <Loading label="Loading documents…" />}
        {data &&
          (data.docs.length === 0 ? (
            <EmptyState title="No signed documents">Documents the client signs (on a tablet, or with a typed name) are listed here.</EmptyState>
          ) : (
            <Table.ScrollContainer minWidth={720}>
              <Table verticalSpacing="xs" aria-label="Signed documents">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Document</Table.Th>
                    <Table.Th scope="col">Signed</Table.Th>
                    <Table.Th scope="col">Signers</Table.Th>
                    <Table.Th scope="col">SHA-256</Table.Th>
                    <Table.Th scope="col">PDF</Table.Th>
                    <Table.Th scope="col">Check</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.docs.map((d) => (
                    <Table.Tr key={d.id}>
                      <Table.Td>
                        <Anchor component="button" type="button" size="sm" onClick={() => setOpen(d)}>
                          {d.title}
                        </Anchor>
                        <Text size="xs" c="dimmed">
                          Version {d.template_version_no}
                          {d.delivery_method ? ` · ${deliveryLabel(d.delivery_method)}` : ''}
                        </Text>
                        {d.voided && (
                          <StatusBadge color="gray">Voided</StatusBadge>
                        )}
                      </Table.Td>
                      <Table.Td>{formatInstant(d.signed_at)}</Table.Td>
                      <Table.Td>
                        {d.signatures.map((s, i) => (
                          <Text size="sm" key={s.id ?? i}>
                            {s.signer_name} <Text span size="xs" c="dimmed">({signatureRoleLabel(s.role)})</Text>
                          </Text>
                        ))}
                      </Table.Td>
                      <Table.Td>
                        <Text size="xs" ff="monospace" title={d.content_sha256} aria-label={`SHA-256 ${d.content_sha256}`}>
                          {d.content_sha256.slice(0, 12)}…
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Anchor href={documentsApi.pdfUrl(d.id)} download size="sm" aria-label={`PDF of ${d.title}`}>
                          PDF
                        </Anchor>
                      </Table.Td>
                      <Table.Td>
                        <VerifyButton doc={d} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          ))}
        {data && canWrite && data.templates.length > 0 && (
          <Group align="flex-end" gap="sm">
            <NativeSelect
              label="Sign a document"
              value={templateId}
              onChange={(e) => setTemplateId(e.currentTarget.value)}
              data={[{ value: '', label: 'Choose a document…' }, ...data.templates.map((t) => ({ value: t.id, label: `${t.title} (v${t.version_no})` }))]}
            />
            <Button disabled={!templateId} onClick={() => startSigning(navigate, client.id, templateId)}>
              Hand the tablet to the client
            </Button>
          </Group>
        )}
      </Stack>
      <DocumentDetails doc={open} onClose={() => setOpen(null)} />
    </ChartSection>
  );
}
