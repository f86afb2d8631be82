import { Alert, Button, Checkbox, CopyButton, Group, List, Paper, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { downloadText } from '../../lib/browser';

interface Props {
  codes: string[];
  username: string;
  /** Called after the user confirms they saved the codes. */
  onDone: () => void;
  doneLabel?: string;
}

/** The recovery codes, shown once: copy, print or download them, then confirm they are saved. */
export function RecoveryCodes({ codes, username, onDone, doneLabel = 'Continue' }: Props) {
  const [saved, setSaved] = useState(false);
  const text = `Stepwise recovery codes for ${username}\nEach code works once, in place of a code from your authenticator app.\n\n${codes.join('\n')}\n`;

  useEffect(() => {
    const after = () => document.body.classList.remove('sw-printing-codes');
    window.addEventListener('afterprint', after);
    return () => {
      window.removeEventListener('afterprint', after);
      after();
    };
  }, []);

  const print = () => {
    // Print only the codes: the print style sheet hides everything else while this class is set.
    document.body.classList.add('sw-printing-codes');
    window.print();
  };

  return (
    <Stack gap="sm">
      <Alert color="orange" variant="light" title="Save your recovery codes now">
        <Text size="sm">
          If you lose your phone, each of these codes lets you sign in once. Keep them somewhere safe and private,
          such as a password manager or a printed copy in a locked drawer. You will not see them again.
        </Text>
      </Alert>
      <Paper withBorder p="md" className="sw-recovery-codes" aria-label="Recovery codes" component="section">
        <List
          listStyleType="none"
          ff="monospace"
          size="md"
          spacing={4}
          className="sw-codes-list"
          data-testid="recovery-codes"
        >
          {codes.map((c) => (
            <List.Item key={c}>{c}</List.Item>
          ))}
        </List>
      </Paper>
      <Group gap="sm">
        <CopyButton value={codes.join('\n')}>
          {({ copied, copy }) => (
            <Button variant="default" onClick={copy}>
              {copied ? 'Copied' : 'Copy codes'}
            </Button>
          )}
        </CopyButton>
        <Button variant="default" onClick={print}>
          Print
        </Button>
        <Button variant="default" onClick={() => downloadText('stepwise-recovery-codes.txt', text)}>
          Download as text
        </Button>
      </Group>
      <Checkbox
        label="I have saved my recovery codes"
        checked={saved}
        onChange={(e) => setSaved(e.currentTarget.checked)}
      />
      <Group>
        <Button disabled={!saved} onClick={onDone}>
          {doneLabel}
        </Button>
      </Group>
    </Stack>
  );
}
