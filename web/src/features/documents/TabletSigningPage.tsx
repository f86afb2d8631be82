import { Alert, Box, Button, Center, Checkbox, Container, Group, Paper, Radio, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import {
  DELIVERY_METHODS,
  documentsApi,
  needsDeliveryMethod,
  templatesApi,
  type DeliveryMethod,
  type DocumentPreview,
} from '../../api/documents';
import { clientsApi } from '../../api/endpoints';
import { ErrorAlert, Loading } from '../../components/Feedback';
import { SignaturePad, SignatureView, type SignatureValue } from '../../components/SignaturePad';
import { usePageTitle } from '../../components/usePageTitle';
import { legalFullName } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';
import { UnlockDialog } from '../assessment/TabletResponsePage';
import { tabletLock } from '../assessment/tabletLock';
import { useSession } from '../security/sessionStore';
import { DocumentText } from './DocumentText';
import './documents.css';

/** Where the tablet signing flow for one client and template lives (ids only: it is also the lock). */
export const signingPath = (clientId: string, templateId: string) =>
  `/tablet/documents/${encodeURIComponent(clientId)}/${encodeURIComponent(templateId)}`;

/** Locks the device to the signing flow and opens it (staff hand the tablet to the client next). */
export function startSigning(navigate: (to: string) => void, clientId: string, templateId: string) {
  const path = signingPath(clientId, templateId);
  tabletLock.lock(path);
  navigate(path);
}

async function load(clientId: string, templateId: string, signal: AbortSignal) {
  const [preview, templates, client] = await Promise.all([
    documentsApi.preview(clientId, templateId, signal),
    templatesApi.list(signal),
    clientsApi.get(clientId, signal),
  ]);
  const template = templates.items.find((t) => t.id === templateId);
  return {
    preview,
    requiresWitness: preview.requires_witness ?? template?.requires_witness ?? false,
    requiresDelivery: preview.requires_delivery_method ?? template?.requires_delivery_method ?? needsDeliveryMethod(preview.kind ?? template?.kind ?? ''),
    firstName: client.preferred_name?.trim() || client.legal_name.given,
    fullName: legalFullName(client.legal_name),
  };
}

type Step = 'read' | 'handback' | 'staff' | 'done';

/** The 409 of a sign request: the document changed after the client was shown it. */
function isStale(e: unknown): boolean {
  return e instanceof ApiError && (e.status === 409 || e.code === 'conflict');
}

/**
 * Tablet signing at /tablet/documents/:cid/:tid: the client reads the document exactly as the server
 * rendered it and signs; the tablet goes back to staff (password), who witness where the template requires
 * it and record how a notice was delivered; the request carries the hash of the text shown, so a document
 * that changed meanwhile is refused (409) and shown again.
 */
export function TabletSigningPage() {
  const { cid = '', tid = '' } = useParams();
  const navigate = useNavigate();
  const session = useSession();
  const state = useAsync((signal) => load(cid, tid, signal), [cid, tid]);
  const [step, setStep] = useState<Step>('read');
  const [guardian, setGuardian] = useState(false);
  const [clientSig, setClientSig] = useState<SignatureValue | null>(null);
  const [witnessSig, setWitnessSig] = useState<SignatureValue | null>(null);
  const [delivery, setDelivery] = useState<DeliveryMethod>('in_person');
  const [unlocking, setUnlocking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [stale, setStale] = useState(false);
  const [signedId, setSignedId] = useState<string | null>(null);
  usePageTitle('Sign a document');

  useEffect(() => {
    if (cid && tid && step !== 'staff') tabletLock.lock(signingPath(cid, tid));
  }, [cid, tid, step]);

  const data = state.data;
  const preview: DocumentPreview | undefined = data?.preview;
  const staffStep = Boolean(data && (data.requiresWitness || data.requiresDelivery));

  const submit = async (client: SignatureValue, witness: SignatureValue | null) => {
    if (!preview || !data) return;
    setBusy(true);
    setError(null);
    try {
      const signed = await documentsApi.sign(cid, {
        template_id: preview.template_id,
        template_version_no: preview.template_version_no,
        content_sha256: preview.content_sha256,
        signatures: witness ? [client, witness] : [client],
        ...(data.requiresDelivery ? { delivery_method: delivery } : {}),
      });
      setSignedId(signed.id);
      if (step === 'staff') {
        tabletLock.unlock();
        navigate(`/clients/${cid}#orientation`, { replace: true, state: { signedDocument: signed.title } });
      } else {
        setStep('done');
      }
    } catch (e) {
      if (isStale(e)) setStale(true);
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const clientSigned = () => {
    if (!clientSig) return;
    if (staffStep) setStep('handback');
    else void submit(clientSig, null);
  };

  const unlocked = () => {
    setUnlocking(false);
    if (step === 'handback') {
      // Staff have the tablet again: the lock ends and the staff step follows on this page.
      tabletLock.unlock();
      setStep('staff');
      return;
    }
    tabletLock.unlock();
    navigate(`/clients/${cid}${signedId ? '#documents' : '#orientation'}`, { replace: true });
  };

  /** After a 409: fetch the new text and give the tablet back to the client to read and sign again. */
  const showAgain = () => {
    setStale(false);
    setError(null);
    setClientSig(null);
    setWitnessSig(null);
    setStep('read');
    tabletLock.lock(signingPath(cid, tid));
    state.reload();
  };

  const name = data?.firstName ?? '';
  const staffName = session.user.display_name || session.user.username;

  return (
    <Box mih="100vh" bg="gray.0" className="sw-tablet">
      <Group justify="flex-end" p="xs">
        {step !== 'staff' && (
          <Button variant="subtle" size="xs" color="gray" onClick={() => setUnlocking(true)}>
            Staff: leave tablet mode
          </Button>
        )}
      </Group>
      <Container size="md" pb="xl" component="main" id="main" tabIndex={-1}>
        {state.error ? <ErrorAlert title="This document could not be opened" error={state.error} onRetry={state.reload} /> : null}
        {!data && !state.error && <Loading label="Loading…" />}

        {data && preview && step === 'read' && (
          <Stack gap="lg">
            <div>
              <Title order={1} fz={32}>
                {name ? `Hello, ${name}` : 'Hello'}
              </Title>
              <Text fz="lg" mt="xs">
                Please read this document. When you are ready, sign at the bottom and tap “Sign”.
              </Text>
            </div>
            <Paper withBorder p="lg" component="article" aria-labelledby="doc-title">
              <Title order={2} fz={24} id="doc-title" mb="sm">
                {preview.title}
              </Title>
              <DocumentText text={preview.text} size="lg" testId="document-text" />
            </Paper>
            <Paper withBorder p="lg">
              <Stack gap="md">
                <Checkbox
                  size="md"
                  label="A parent or guardian signs for the client"
                  checked={guardian}
                  onChange={(e) => {
                    setGuardian(e.currentTarget.checked);
                    setClientSig(null);
                  }}
                />
                <SignaturePad
                  key={guardian ? 'guardian' : 'client'}
                  role={guardian ? 'guardian' : 'client'}
                  label={guardian ? 'Guardian signature' : 'Your signature'}
                  value={clientSig}
                  onChange={setClientSig}
                  defaultName={guardian ? '' : data.fullName}
                  size="lg"
                />
                {!staffStep && <ErrorAlert title="Not signed" error={stale ? null : error} otherFields={error instanceof ApiError ? error.fields : []} />}
                {!staffStep && stale && <StaleNotice onShowAgain={showAgain} />}
                <Group>
                  <Button size="lg" onClick={clientSigned} disabled={!clientSig} loading={busy}>
                    Sign
                  </Button>
                </Group>
              </Stack>
            </Paper>
          </Stack>
        )}

        {step === 'handback' && (
          <Center mih="60vh">
            <Stack align="center" gap="md" ta="center">
              <Title order={1} fz={36}>
                Thank you — please hand the tablet back
              </Title>
              <Text fz="xl">A staff member will finish recording your signature.</Text>
              <Button size="lg" variant="default" onClick={() => setUnlocking(true)}>
                Staff: continue
              </Button>
            </Stack>
          </Center>
        )}

        {data && preview && clientSig && step === 'staff' && (
          <Stack gap="lg">
            <Title order={1}>Finish: {preview.title}</Title>
            <Paper withBorder p="md">
              <Stack gap="xs">
                <SignatureView signature={clientSig} />
                <Text size="sm" c="dimmed">
                  Version {preview.template_version_no} · SHA-256 <code>{preview.content_sha256}</code>
                </Text>
              </Stack>
            </Paper>
            {data.requiresDelivery && (
              <Radio.Group label="How the notice was delivered" required value={delivery} onChange={(v) => setDelivery(v as DeliveryMethod)}>
                <Stack gap="xs" mt="xs">
                  {DELIVERY_METHODS.map((m) => (
                    <Radio key={m.code} value={m.code} label={m.label} />
                  ))}
                </Stack>
              </Radio.Group>
            )}
            {data.requiresWitness && (
              <Paper withBorder p="md">
                <SignaturePad role="witness" label="Staff witness signature" value={witnessSig} onChange={setWitnessSig} defaultName={staffName} />
              </Paper>
            )}
            {stale ? <StaleNotice onShowAgain={showAgain} /> : <ErrorAlert title="Not signed" error={error} otherFields={error instanceof ApiError ? error.fields : []} />}
            <Group>
              <Button onClick={() => void submit(clientSig, data.requiresWitness ? witnessSig : null)} disabled={stale || (data.requiresWitness && !witnessSig)} loading={busy}>
                Save signed document
              </Button>
              <Button
                variant="default"
                onClick={() => navigate(`/clients/${cid}#orientation`, { replace: true })}
                disabled={busy}
              >
                Cancel (nothing is saved)
              </Button>
            </Group>
          </Stack>
        )}

        {step === 'done' && (
          <Center mih="60vh">
            <Stack align="center" gap="md" ta="center">
              <Title order={1} fz={36}>
                Signed — please hand the tablet back
              </Title>
              <Text fz="xl">Thank you{name ? `, ${name}` : ''}. Your signature has been saved.</Text>
            </Stack>
          </Center>
        )}
      </Container>
      <UnlockDialog opened={unlocking} onClose={() => setUnlocking(false)} onUnlocked={unlocked} />
    </Box>
  );
}

function StaleNotice({ onShowAgain }: { onShowAgain: () => void }) {
  return (
    <Alert color="orange" variant="light" role="alert" title="The document changed — nothing was signed">
      <Stack gap="xs">
        <Text size="sm">
          Someone saved a new version of this document after it was shown here, so the signature would not match the text
          that was read. Show the new version to the client to read and sign again.
        </Text>
        <Group>
          <Button size="xs" color="orange" onClick={onShowAgain}>
            Show the new version
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
