import { Button, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { ApiError } from '../../api/client';
import { ErrorAlert } from '../../components/Feedback';
import { useSession } from '../security/sessionStore';

/**
 * Signing with a re-entry of the signer's password: the server checks the password and locks the note.
 * A wrong password shows beside the field; other refusals (not the author, already signed) in an alert.
 */
export function SignDialog({
  opened,
  title,
  action = 'Sign',
  onClose,
  onSign,
  children,
}: {
  opened: boolean;
  title: string;
  /** The submit button's label. */
  action?: string;
  onClose: () => void;
  /** Resolves when signed; rejects with the server's error. */
  onSign: (password: string) => Promise<unknown>;
  children?: ReactNode;
}) {
  const session = useSession();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const fieldError = error instanceof ApiError ? error.fieldMessage('password') : undefined;
  const close = () => {
    setPassword('');
    setError(null);
    onClose();
  };
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await onSign(password);
      setPassword('');
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened={opened} onClose={close} title={title} centered closeButtonProps={{ 'aria-label': 'Close' }}>
      <form
        aria-label={title}
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack>
          {children}
          <Text size="sm">
            Signing locks the note: later changes are addenda with a reason. {session.user.display_name || session.user.username}, confirm your
            password to sign.
          </Text>
          <input type="hidden" name="username" autoComplete="username" value={session.user.username} readOnly />
          <PasswordInput
            label="Your password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={fieldError ? `Password: ${fieldError}` : undefined}
            data-autofocus
            required
          />
          {!fieldError && <ErrorAlert title="Not signed" error={error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={busy} disabled={!password}>
              {action}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
