import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { emergencyApi } from '../../api/endpoints';
import type { Grant } from '../../api/types';
import { ErrorAlert } from '../../components/Feedback';
import { formatTime } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';
import { usePermission, useSessionState } from './sessionStore';

export const MIN_REASON = 10;

export function reasonProblem(reason: string): string | null {
  const n = reason.trim().length;
  if (n === 0) return 'Write why you need to open this record';
  if (n < MIN_REASON) return `Write at least ${MIN_REASON} characters (${n} so far)`;
  return null;
}

/** The signed-in user's active emergency grants (none asked for without the permission). */
export function useEmergencyGrants() {
  const permitted = usePermission('emergency.use');
  const designated = useSessionState().session?.user.emergency_access !== false;
  const allowed = permitted && designated;
  const state = useAsync(async (signal) => (allowed ? (await emergencyApi.mine(signal)).items : []), [allowed]);
  const active = (state.data ?? []).filter((g) => Date.parse(g.expires_at) > Date.now());
  return { allowed, grants: active, reload: state.reload, error: state.error };
}

interface DialogProps {
  clientId: string;
  opened: boolean;
  onClose: () => void;
  onGranted: (g: Grant) => void;
}

/** Break-glass: a written reason (at least 10 characters), then a time-boxed grant; the privacy officer is alerted. */
export function EmergencyAccessDialog({ clientId, opened, onClose, onGranted }: DialogProps) {
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const problem = reasonProblem(reason);
    setReasonError(problem ?? undefined);
    if (problem) return;
    setBusy(true);
    setError(null);
    try {
      const g = await emergencyApi.grant(clientId, reason.trim());
      setReason('');
      onGranted(g);
    } catch (e) {
      if (e instanceof ApiError && e.fieldMessage('reason')) setReasonError(e.fieldMessage('reason'));
      else setError(e);
      // 403: not designated, or two-step sign-in is not set up; the server's message says which.
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened={opened} onClose={onClose} title="Emergency access" centered size="lg">
      <form
        noValidate
        aria-label="Emergency access"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack>
          <Alert color="orange" variant="light" title="Use only in a real emergency">
            <Text size="sm">
              This client is not in your caseload. Opening the record is recorded with your reason, the privacy officer
              is alerted at once, and the access ends on its own after a short time.
            </Text>
          </Alert>
          <ErrorAlert title="Emergency access not granted" error={error} />
          <Textarea
            label="Reason"
            description={`Why you need this record now (at least ${MIN_REASON} characters)`}
            required
            autosize
            minRows={3}
            data-autofocus
            value={reason}
            error={reasonError}
            onChange={(e) => setReason(e.currentTarget.value)}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" color="orange" loading={busy}>
              Open the record
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Shown on a chart the user could not open: offers emergency access when they hold the permission. */
export function EmergencyAccessOffer({ clientId, onGranted }: { clientId: string; onGranted: () => void }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Group>
        <Button color="orange" variant="light" onClick={() => setOpen(true)}>
          Emergency access
        </Button>
        <Text size="sm" c="dimmed">
          If this client is outside your caseload and you need the record now, you can open it with a reason.
        </Text>
      </Group>
      <EmergencyAccessDialog
        clientId={clientId}
        opened={open}
        onClose={() => setOpen(false)}
        onGranted={() => {
          setOpen(false);
          onGranted();
        }}
      />
    </>
  );
}

/** The banner on a chart opened through emergency access. */
export function EmergencyBanner({ grant }: { grant: Grant }) {
  return (
    <Alert color="orange" variant="light" role="status" title="Emergency access" data-testid="emergency-banner" className="sw-emergency">
      You opened this record through emergency access, until {formatTime(grant.expires_at)}. Reason: “{grant.reason}”.
      Everything you view is recorded.
    </Alert>
  );
}
