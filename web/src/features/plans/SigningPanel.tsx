import { Alert, Box, Button, Container, Group, List, Modal, Paper, ScrollArea, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiError } from '../../api/client';
import { plansApi, type PlanVersion } from '../../api/plans';
import { ErrorAlert, Loading } from '../../components/Feedback';
import { SignaturePad, SignatureView, type SignatureValue, type StoredSignature } from '../../components/SignaturePad';
import { useSession } from '../security/sessionStore';
import { startPlanSigning } from './TabletPlanSigningPage';

type Signer = 'client' | 'counselor' | 'supervisor';

/** Who signs next: the client, then the counselor who wrote the plan, then a licensed supervisor if needed. */
export function nextSigner(v: PlanVersion): Signer | null {
  if (v.status === 'active' || v.status === 'superseded') return null;
  if (v.status === 'awaiting_cosign') return 'supervisor';
  const roles = new Set((v.signatures ?? []).map((s) => s.role));
  if (!roles.has('client') && !roles.has('guardian')) return 'client';
  if (!roles.has('counselor')) return 'counselor';
  return null;
}

const SIGNER_TITLES: Record<Signer, string> = {
  client: 'Client signature',
  counselor: 'Counselor signature',
  supervisor: 'Supervisor co-signature',
};

type StaffSigner = Exclude<Signer, 'client'>;

interface SessionProps {
  planId: string;
  record: PlanVersion;
  role: StaffSigner;
  /** Saves pending edits, then signs with the version the last save returned; the result becomes the record. */
  sign: (body: { content_sha256: string; signature: SignatureValue }) => Promise<PlanVersion>;
  /** What the screen still holds that is not in the saved plan (incomplete rows). */
  incomplete: string[];
  onClose: () => void;
}

/**
 * A staff signature, full screen: the plan as the server renders it (the text whose hash is signed) and a
 * signature pad. The counselor signs after the client; a licensed supervisor co-signs the same way.
 */
function SigningSession({ planId, record, role, sign, incomplete, onClose }: SessionProps) {
  const session = useSession();
  const staffName = session.user.display_name || session.user.username;
  const [done, setDone] = useState(false);
  const [preview, setPreview] = useState<{ text: string; content_sha256: string } | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [signature, setSignature] = useState<SignatureValue | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [nonce, setNonce] = useState(0);

  useEffect(() => {
    const ac = new AbortController();
    setPreview(null);
    setLoadError(null);
    plansApi.preview(planId, record.no, ac.signal).then(setPreview, (e: unknown) => {
      if (!ac.signal.aborted) setLoadError(e);
    });
    return () => ac.abort();
  }, [planId, record.no, nonce]);

  const submit = async () => {
    if (!preview || !signature) return;
    setBusy(true);
    setError(null);
    try {
      await sign({ content_sha256: preview.content_sha256, signature });
      setSignature(null);
      setDone(true);
    } catch (e) {
      setError(e);
      // The plan changed since the text was shown: show the new text before anyone signs.
      if (e instanceof ApiError && e.status === 409 && !e.fields.some((f) => f.field.startsWith('signature'))) setNonce((n) => n + 1);
    } finally {
      setBusy(false);
    }
  };

  const fieldError = error instanceof ApiError ? error.fields.map((f) => `${f.field}: ${f.message}`).join('; ') : '';

  if (done) {
    return (
      <Stack align="center" ta="center" py="xl" gap="lg">
        <Title order={2} fz={32}>
          Signed
        </Title>
        <Text fz="lg">
          {record.status === 'active'
            ? 'The plan is active and locked. Changes now need a new version with a reason.'
            : record.status === 'awaiting_cosign'
              ? 'The plan now needs a licensed supervisor’s co-signature before it is active.'
              : 'The signature is saved.'}
        </Text>
        <Button size="lg" onClick={onClose}>
          Back to the plan
        </Button>
      </Stack>
    );
  }

  return (
    <Stack gap="md">
      <Title order={2}>{SIGNER_TITLES[role]}</Title>
      {incomplete.length > 0 && (
        <Alert color="orange" variant="light" title="Some rows are not part of the plan yet">
          <List size="sm">
            {incomplete.map((t) => (
              <List.Item key={t}>{t}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      <ErrorAlert title="Could not load the plan text" error={loadError} onRetry={() => setNonce((n) => n + 1)} />
      {!preview && !loadError && <Loading label="Loading the plan…" />}
      {preview && (
        <Paper withBorder p="md">
          <Text size="sm" c="dimmed" mb="xs">
            The plan as it will be signed.
          </Text>
          <ScrollArea.Autosize mah="40vh" type="auto">
            <Box component="pre" data-testid="plan-text" style={{ whiteSpace: 'pre-wrap', fontFamily: 'inherit', margin: 0 }} fz="md">
              {preview.text}
            </Box>
          </ScrollArea.Autosize>
        </Paper>
      )}
      <SignaturePad key={role} role={role} label={SIGNER_TITLES[role]} value={signature} onChange={setSignature} defaultName={staffName} size="lg" disabled={busy} />
      {error ? (
        <ErrorAlert title="Not signed" error={error}>
          {fieldError && <Text size="sm">{fieldError}</Text>}
        </ErrorAlert>
      ) : null}
      <Group justify="space-between">
        <Button variant="default" size="md" onClick={onClose}>
          Cancel
        </Button>
        <Button size="lg" onClick={() => void submit()} disabled={!preview || !signature} loading={busy}>
          {role === 'counselor' ? 'Sign as counselor' : 'Co-sign as supervisor'}
        </Button>
      </Group>
    </Stack>
  );
}

interface PanelProps {
  planId: string;
  record: PlanVersion;
  canWrite: boolean;
  sign: SessionProps['sign'];
  /** Sends pending edits before the tablet goes to the client. */
  beforeTablet: () => Promise<void>;
  incomplete: string[];
  /** Called when the signing screen closes (to reload the plan's status). */
  onClosed: () => void;
}

/** The version's signatures and the next one needed. */
export function SigningPanel({ planId, record, canWrite, sign, beforeTablet, incomplete, onClosed }: PanelProps) {
  const navigate = useNavigate();
  const [open, setOpen] = useState<StaffSigner | null>(null);
  const [tabletError, setTabletError] = useState<unknown>(null);
  const next = nextSigner(record);
  const signatures = (record.signatures ?? []) as StoredSignature[];
  const close = () => {
    setOpen(null);
    onClosed();
  };
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="plan-signatures-heading">
      <Stack gap="xs">
        <Title order={2} size="h4" id="plan-signatures-heading">
          Signatures
        </Title>
        {signatures.length === 0 && (
          <Text size="sm" c="dimmed">
            Not signed yet. The client signs first, then the counselor; a licensed supervisor co-signs
            when the counselor is not licensed.
          </Text>
        )}
        {signatures.map((s, i) => (
          <SignatureView key={s.id ?? i} signature={s} />
        ))}
        {record.needs_cosign && record.status !== 'active' && record.status !== 'superseded' && (
          <Text size="sm">The counselor who wrote the plan is not licensed, so a licensed supervisor co-signs last.</Text>
        )}
        {next && (
          <Text size="sm" fw={600} data-testid="next-signer">
            Next: {SIGNER_TITLES[next].toLowerCase()}
          </Text>
        )}
        {canWrite && next === 'client' && (
          <>
            {incomplete.length > 0 && (
              <Text size="sm" c="orange.9">
                Rows not complete yet are not part of the plan the client signs.
              </Text>
            )}
            <Button
              onClick={() => {
                setTabletError(null);
                beforeTablet().then(() => startPlanSigning(navigate, planId, record.no), setTabletError);
              }}
            >
              Sign with the client (tablet)
            </Button>
            <ErrorAlert title="Unsaved changes: the plan was not handed over" error={tabletError} />
          </>
        )}
        {canWrite && (next === 'counselor' || next === 'supervisor') && (
          <Button onClick={() => setOpen(next)}>{next === 'counselor' ? 'Sign as counselor' : 'Co-sign as supervisor'}</Button>
        )}
      </Stack>
      <Modal opened={open !== null} onClose={close} fullScreen title="Sign the treatment plan">
        <Container size="md">
          {open && <SigningSession planId={planId} record={record} role={open} sign={sign} incomplete={incomplete} onClose={close} />}
        </Container>
      </Modal>
    </Paper>
  );
}
