import { Box, Button, Center, Container, Group, Modal, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { clientsApi } from '../../api/endpoints';
import { instrumentsApi, responsesApi, verifyPasswordApi, type InstrumentResponse } from '../../api/assessments';
import { ErrorAlert, Loading } from '../../components/Feedback';
import { usePageTitle } from '../../components/usePageTitle';
import { useAsync } from '../../lib/useAsync';
import { useSession } from '../security/sessionStore';
import { InstrumentForm } from './InstrumentForm';
import { tabletLock } from './tabletLock';

/** The client's first name and nothing else: the only personal detail tablet mode shows. */
async function firstName(r: InstrumentResponse, signal: AbortSignal): Promise<string> {
  if (r.client_first_name) return r.client_first_name;
  try {
    const c = await clientsApi.get(r.client_id, signal);
    return c.preferred_name?.trim() || c.legal_name.given;
  } catch {
    return '';
  }
}

async function load(rid: string, signal: AbortSignal) {
  const [response, defs] = await Promise.all([responsesApi.get(rid, signal), instrumentsApi.list(signal)]);
  const definition = defs.items.find((d) => d.code === response.instrument);
  if (!definition) throw new Error(`The form ${response.instrument} is not available.`);
  return { response, definition, name: await firstName(response, signal) };
}

/** Staff hand-back: the signed-in staff member confirms their password to leave tablet mode. */
export function UnlockDialog({ opened, onClose, onUnlocked }: { opened: boolean; onClose: () => void; onUnlocked: () => void }) {
  const session = useSession();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const fieldError = error instanceof ApiError ? error.fieldMessage('password') : undefined;
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await verifyPasswordApi.verify(password);
      setPassword('');
      onUnlocked();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened={opened} onClose={onClose} title="Staff: leave tablet mode" centered>
      <form
        aria-label="Confirm your password"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack>
          <Text size="sm">
            To go back to the staff screens, {session.user.display_name || session.user.username} confirms their password.
          </Text>
          {/* The username, for password managers. */}
          <input type="hidden" name="username" autoComplete="username" value={session.user.username} readOnly />
          <PasswordInput
            label="Your password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={fieldError ? `Password ${fieldError}` : undefined}
            data-autofocus
            required
          />
          {!fieldError && <ErrorAlert title="Could not check the password" error={error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={busy}>
              Unlock
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/**
 * Tablet mode at /tablet/responses/:rid: the client completes a form on the clinician's device. Full screen,
 * large touch targets, no navigation, and no personal details other than the client's first name.
 */
export function TabletResponsePage() {
  const { rid = '' } = useParams();
  const navigate = useNavigate();
  const state = useAsync((signal) => load(rid, signal), [rid]);
  const [response, setResponse] = useState<InstrumentResponse | null>(null);
  const [unlocking, setUnlocking] = useState(false);
  usePageTitle('Questionnaire');

  useEffect(() => {
    if (rid) tabletLock.lock(rid);
  }, [rid]);
  useEffect(() => {
    if (state.data) setResponse(state.data.response);
  }, [state.data]);

  const unlocked = () => {
    tabletLock.unlock();
    const r = response ?? state.data?.response;
    navigate(r ? `/clients/${r.client_id}/instruments/${r.id}` : '/', { replace: true });
  };

  const finished = response !== null && response.status !== 'draft';
  const name = state.data?.name ?? '';

  return (
    <Box mih="100vh" bg="gray.0" className="sw-tablet">
      <Group justify="flex-end" p="xs">
        <Button variant="subtle" size="xs" color="gray" onClick={() => setUnlocking(true)}>
          Staff: leave tablet mode
        </Button>
      </Group>
      <Container size="sm" pb="xl" component="main" id="main" tabIndex={-1}>
        {state.error ? <ErrorAlert title="This questionnaire could not be opened" error={state.error} onRetry={state.reload} /> : null}
        {!state.data && !state.error && <Loading label="Loading…" />}
        {state.data && response && !finished && (
          <Stack gap="lg">
            <div>
              <Title order={1} fz={32}>
                {name ? `Hello, ${name}` : 'Hello'}
              </Title>
              <Text fz="lg" mt="xs">
                Please answer each question about how you have been feeling. Tap the answer that fits best. Your
                answers are saved as you go. When you have finished, tap “Done”.
              </Text>
            </div>
            <InstrumentForm definition={state.data.definition} response={response} onResponse={setResponse} variant="tablet" />
          </Stack>
        )}
        {finished && (
          <Center mih="60vh">
            <Stack align="center" gap="md" ta="center">
              <Title order={1} fz={36}>
                Done — please hand the tablet back
              </Title>
              <Text fz="xl">Thank you{name ? `, ${name}` : ''}. Your answers have been saved.</Text>
            </Stack>
          </Center>
        )}
      </Container>
      <UnlockDialog opened={unlocking} onClose={() => setUnlocking(false)} onUnlocked={unlocked} />
    </Box>
  );
}
