import { Alert, Box, Button, Center, Container, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { clientsApi } from '../../api/endpoints';
import { plansApi } from '../../api/plans';
import { ErrorAlert, Loading } from '../../components/Feedback';
import { SignaturePad, type SignatureValue } from '../../components/SignaturePad';
import { usePageTitle } from '../../components/usePageTitle';
import { legalFullName } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';
import { UnlockDialog } from '../assessment/TabletResponsePage';
import { tabletLock } from '../assessment/tabletLock';

/** The tablet page where the client reads and signs a plan version (ids only: it is also the lock). */
export const planSigningPath = (planId: string, no: number) => `/tablet/plans/${encodeURIComponent(planId)}/versions/${no}`;

/** Locks the device to the client's signing page and opens it (staff hand the tablet to the client next). */
export function startPlanSigning(navigate: (to: string) => void, planId: string, no: number) {
  const path = planSigningPath(planId, no);
  tabletLock.lock(path);
  navigate(path);
}

async function load(planId: string, no: number, signal: AbortSignal) {
  const [plan, version, preview] = await Promise.all([
    plansApi.get(planId, signal),
    plansApi.version(planId, no, signal),
    plansApi.preview(planId, no, signal),
  ]);
  const client = await clientsApi.get(plan.client_id, signal);
  return {
    plan,
    version,
    preview,
    firstName: client.preferred_name?.trim() || client.legal_name.given,
    fullName: legalFullName(client.legal_name),
  };
}

/**
 * Tablet signing of a treatment plan at /tablet/plans/:pid/versions/:no: the client reads the plan exactly
 * as the server rendered it and signs; the request carries the hash of that text (a plan changed
 * meanwhile is refused with 409 and shown again). Then the tablet goes back to staff, who confirm their
 * password and sign as counselor on the plan page.
 */
export function TabletPlanSigningPage() {
  const { pid = '', no: noText = '' } = useParams();
  const no = Number(noText);
  const navigate = useNavigate();
  const state = useAsync((signal) => load(pid, no, signal), [pid, no]);
  const [signature, setSignature] = useState<SignatureValue | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [signed, setSigned] = useState(false);
  const [unlocking, setUnlocking] = useState(false);
  usePageTitle('Sign your plan');

  useEffect(() => {
    if (pid && no) tabletLock.lock(planSigningPath(pid, no));
  }, [pid, no]);

  const data = state.data;
  // Reloaded after signing (or opened again): the client's part is done, only the hand-back is left.
  const clientDone = signed || Boolean(data?.version.signatures?.some((x) => x.role === 'client' || x.role === 'guardian'));
  const stale = error instanceof ApiError && error.status === 409 && !error.fields.some((f) => f.field.startsWith('signature'));

  const sign = async () => {
    if (!data || !signature) return;
    setBusy(true);
    setError(null);
    try {
      await plansApi.sign(pid, no, { content_sha256: data.preview.content_sha256, signature }, data.version.version);
      setSigned(true);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const unlocked = () => {
    setUnlocking(false);
    tabletLock.unlock();
    const clientId = data?.plan.client_id;
    navigate(clientId ? `/clients/${clientId}/plans/${pid}?version=${no}` : '/', { replace: true, state: { clientSigned: clientDone } });
  };

  return (
    <Box mih="100vh" bg="gray.0" className="sw-tablet">
      <Group justify="flex-end" p="xs">
        <Button variant="subtle" size="xs" color="gray" onClick={() => setUnlocking(true)}>
          Staff: leave tablet mode
        </Button>
      </Group>
      <Container size="md" pb="xl" component="main" id="main" tabIndex={-1}>
        {state.error ? <ErrorAlert title="This plan could not be opened" error={state.error} onRetry={state.reload} /> : null}
        {!data && !state.error && <Loading label="Loading…" />}
        {data && !clientDone && (
          <Stack gap="lg">
            <div>
              <Title order={1} fz={32}>
                {data.firstName ? `Hello, ${data.firstName}` : 'Hello'}
              </Title>
              <Text fz="lg" mt="xs">
                This is the treatment plan you made with your counselor. Please read it. When you are ready, sign at the
                bottom and tap “Sign my plan”.
              </Text>
            </div>
            <Paper withBorder p="lg" component="article" aria-label="Your treatment plan">
              <Box component="pre" fz="lg" data-testid="plan-text" style={{ whiteSpace: 'pre-wrap', fontFamily: 'inherit', margin: 0 }}>
                {data.preview.text}
              </Box>
            </Paper>
            <Paper withBorder p="lg">
              <Stack gap="md">
                <SignaturePad role="client" label="Your signature" value={signature} onChange={setSignature} defaultName={data.fullName} size="lg" disabled={busy} />
                {stale ? (
                  <Alert color="orange" variant="light" role="alert" title="The plan changed — nothing was signed">
                    <Stack gap="xs">
                      <Text size="sm">The plan was changed after it was shown here. Read the new version, then sign again.</Text>
                      <Group>
                        <Button
                          size="xs"
                          color="orange"
                          onClick={() => {
                            setError(null);
                            setSignature(null);
                            state.reload();
                          }}
                        >
                          Show the new version
                        </Button>
                      </Group>
                    </Stack>
                  </Alert>
                ) : (
                  <ErrorAlert title="Not signed" error={error} otherFields={error instanceof ApiError ? error.fields : []} />
                )}
                <Group>
                  <Button size="lg" onClick={() => void sign()} disabled={!signature || stale} loading={busy}>
                    Sign my plan
                  </Button>
                </Group>
              </Stack>
            </Paper>
          </Stack>
        )}
        {clientDone && (
          <Center mih="60vh">
            <Stack align="center" gap="md" ta="center">
              <Title order={1} fz={36}>
                Signed — please hand the tablet back
              </Title>
              <Text fz="xl">Thank you{data?.firstName ? `, ${data.firstName}` : ''}. Your signature has been saved.</Text>
              <Button size="lg" variant="default" onClick={() => setUnlocking(true)}>
                Staff: continue
              </Button>
            </Stack>
          </Center>
        )}
      </Container>
      <UnlockDialog opened={unlocking} onClose={() => setUnlocking(false)} onUnlocked={unlocked} />
    </Box>
  );
}
