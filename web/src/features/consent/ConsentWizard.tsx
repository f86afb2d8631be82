// The consent wizard (/clients/:id/consents/new, and /clients/:id/consents/:cid for a draft): one step per
// 42 CFR 2.31 element, saved as a draft as it goes, then the plain-language summary and the client's
// signature. It will not finish while any element is missing; the server refuses the same on activation.
import { Alert, Anchor, Button, Group, List, NativeSelect, Paper, Stack, Stepper, Text, TextInput, Title } from '@mantine/core';
import { useMemo, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ApiError } from '../../api/client';
import { consentsApi, type Consent } from '../../api/consents';
import type { Client } from '../../api/types';
import { ErrorAlert } from '../../components/Feedback';
import { SignaturePad, type SignatureValue } from '../../components/SignaturePad';
import { VoidRecord } from '../../components/VoidRecord';
import { displayName, legalFullName, todayIso } from '../../lib/format';
import { SaveIndicator } from '../assessment/SaveIndicator';
import { useSerialSaver } from '../assessment/serialSaver';
import { useAppContext } from '../shell/AppContext';
import { ConsentElements } from './ConsentSummary';
import { ExpirationStep, InformationStep, KindStep, PurposeStep, RecipientStep, RevocationStep, type StepProps } from './ConsentSteps';
import { STEPS, stepAt, draftBody, emptyValues, missingElements, missingIn, stepOfField, valuesFrom, type ConsentValues, type StepId } from './consentRules';
import { reloadClientConsents } from './useClientConsents';
import type { ConsentDraft } from '../../api/consents';

const ELEMENT_STEPS: Record<Exclude<StepId, 'sign'>, (p: StepProps) => JSX.Element> = {
  kind: KindStep,
  information: InformationStep,
  recipient: RecipientStep,
  purpose: PurposeStep,
  revocation: RevocationStep,
  expiration: ExpirationStep,
};

/** Autosave waits this long after the last keystroke. */
const SAVE_DELAY_MS = 800;

export function ConsentWizard({ client, draft }: { client: Client; draft: Consent | null }) {
  const org = useAppContext().organization?.name ?? '';
  const navigate = useNavigate();
  const clientName = displayName(client);
  const [values, setValues] = useState<ConsentValues>(() => (draft ? valuesFrom(draft, org) : emptyValues(org)));
  const [record, setRecord] = useState<Consent | null>(draft);
  const idRef = useRef<string | null>(draft?.id ?? null);
  const [active, setActive] = useState(0);
  const [reached, setReached] = useState(draft ? STEPS.length - 1 : 0);
  /** Steps the user tried to leave: their own missing elements are shown from then on. */
  const [tried, setTried] = useState<Set<StepId>>(() => new Set());
  const [serverError, setServerError] = useState<unknown>(null);
  const [signature, setSignature] = useState<SignatureValue | null>(null);
  const [signerRole, setSignerRole] = useState<'client' | 'guardian'>('client');
  const [signedOn, setSignedOn] = useState(todayIso());
  const [busy, setBusy] = useState(false);

  const saver = useSerialSaver<ConsentDraft, Consent>(`consent:${draft?.id ?? `new:${client.id}`}`, {
    version: draft?.version ?? 0,
    save: (patch, version) => (idRef.current ? consentsApi.update(idRef.current, patch, version) : consentsApi.create(client.id, patch)),
    merge: (older, newer) => ({ ...older, ...newer }),
    onSaved: (r) => {
      idRef.current = r.id;
      setRecord(r);
    },
    delayMs: SAVE_DELAY_MS,
  });

  const today = todayIso();
  const missing = useMemo(() => missingElements(values, today), [values, today]);
  const step = stepAt(active);

  const serverFields = serverError instanceof ApiError ? serverError.fields : [];
  const errors: Record<string, string> = {};
  for (const m of missing) if (tried.has(m.step) && !errors[m.field]) errors[m.field] = m.message;
  for (const f of serverFields) errors[f.field] = f.message;

  const change = (next: ConsentValues) => {
    setValues(next);
    saver.saver.queue(draftBody(next));
  };

  const goTo = async (index: number) => {
    if (index > active) {
      setTried((t) => new Set(t).add(step.id));
      if (missingIn(step.id, missing).length > 0) return;
    }
    // Save before moving on, so the summary on the last step is the server's rendering of what is stored.
    saver.saver.flush().catch(() => {});
    setActive(index);
    setReached((r) => Math.max(r, index));
  };

  const finish = async () => {
    setTried(new Set(STEPS.map((s) => s.id)));
    if (missing.length > 0 || !signature) return;
    setBusy(true);
    setServerError(null);
    try {
      if (!idRef.current) await saver.saver.flush();
      const signed = await saver.saver.run((version) =>
        consentsApi.activate(idRef.current ?? '', { signature: { ...signature, role: signerRole }, signed_on: signedOn }, version),
      );
      reloadClientConsents(client.id);
      navigate(`/clients/${client.id}/consents/${signed.id}`, { state: { activated: true } });
    } catch (e) {
      setServerError(e);
      setBusy(false);
    }
  };

  const Element = step.id === 'sign' ? null : ELEMENT_STEPS[step.id];
  const stepMissing = missingIn(step.id, missing);

  return (
    <Stack gap="md" maw={900}>
      <Anchor component={Link} to={`/clients/${client.id}#consents`} size="sm">
        ← Back to the chart
      </Anchor>
      <Group justify="space-between" align="baseline">
        <div>
          <Title order={1}>Consent to share information</Title>
          <Text c="dimmed" size="sm">
            {clientName} · 42 CFR Part 2
          </Text>
        </div>
        <SaveIndicator status={saver.status} error={saver.error} onRetry={() => void saver.saver.flush().catch(() => {})} />
      </Group>
      <Stepper active={active} onStepClick={(i) => void goTo(i)} allowNextStepsSelect={false} size="sm" wrap>
        {STEPS.map((s, i) => (
          <Stepper.Step
            key={s.id}
            label={s.label}
            description={s.description}
            allowStepSelect={i <= reached}
            color={tried.has(s.id) && missingIn(s.id, missing).length > 0 ? 'red' : undefined}
          />
        ))}
      </Stepper>
      <Paper withBorder p="md" component="section" aria-labelledby="consent-step-heading">
        <Title order={2} size="h3" id="consent-step-heading" mb="sm">
          {`Step ${active + 1} of ${STEPS.length}: ${step.description}`}
        </Title>
        {Element ? (
          <Element values={values} onChange={change} errors={errors} clientName={clientName} />
        ) : (
          <SignStep
            values={values}
            record={record}
            clientName={clientName}
            missing={missing}
            onGoTo={(id) => void goTo(STEPS.findIndex((s) => s.id === id))}
            signature={signature}
            onSignature={setSignature}
            signerRole={signerRole}
            onSignerRole={setSignerRole}
            defaultSignerName={legalFullName(client.legal_name)}
            signedOn={signedOn}
            onSignedOn={setSignedOn}
            signatureError={errors.signature ?? errors.signed_on}
          />
        )}
        {tried.has(step.id) && stepMissing.length > 0 && step.id !== 'sign' && (
          <Text c="red.9" size="sm" mt="sm" role="alert">
            Fill in the marked fields to go on.
          </Text>
        )}
      </Paper>
      {serverError ? (
        <ErrorAlert title="The consent was not activated" error={serverError} otherFields={serverFields}>
          {serverFields.length > 0 && (
            <Group gap="xs">
              {[...new Set(serverFields.map((f) => stepOfField(f.field)))].map((sid) => (
                <Button key={sid} size="compact-xs" variant="light" color="red" onClick={() => setActive(STEPS.findIndex((s) => s.id === sid))}>
                  Go to {STEPS.find((s) => s.id === sid)?.label}
                </Button>
              ))}
            </Group>
          )}
        </ErrorAlert>
      ) : null}
      <Group justify="space-between">
        <Group>
          <Button variant="default" disabled={active === 0} onClick={() => void goTo(active - 1)}>
            Back
          </Button>
          {active < STEPS.length - 1 && <Button onClick={() => void goTo(active + 1)}>Next</Button>}
          {step.id === 'sign' && (
            <Button onClick={() => void finish()} loading={busy} disabled={missing.length > 0 || !signature || !signedOn}>
              Sign and activate
            </Button>
          )}
        </Group>
        <Button
          variant="subtle"
          onClick={() => {
            saver.saver.flush().catch(() => {});
            reloadClientConsents(client.id);
            navigate(`/clients/${client.id}#consents`);
          }}
        >
          Save draft and leave
        </Button>
      </Group>
      {record && (
        <Group>
          <VoidRecord
            what="draft consent"
            onVoid={async (reason) => {
              await saver.saver.run((version) => consentsApi.void(record.id, reason, version));
              reloadClientConsents(client.id);
              navigate(`/clients/${client.id}#consents`);
            }}
          />
        </Group>
      )}
    </Stack>
  );
}

interface SignStepProps {
  values: ConsentValues;
  record: Consent | null;
  clientName: string;
  missing: ReturnType<typeof missingElements>;
  onGoTo: (step: StepId) => void;
  signature: SignatureValue | null;
  onSignature: (v: SignatureValue | null) => void;
  signerRole: 'client' | 'guardian';
  onSignerRole: (r: 'client' | 'guardian') => void;
  defaultSignerName: string;
  signedOn: string;
  onSignedOn: (d: string) => void;
  signatureError?: string;
}

function SignStep(p: SignStepProps) {
  const tpo = p.record?.tpo_statements;
  return (
    <Stack gap="md">
      {p.missing.length > 0 ? (
        <Alert color="red" variant="light" title="This consent cannot be signed yet" role="alert" data-testid="consent-missing">
          <Text size="sm">Every element the law requires must be filled in first. Still missing:</Text>
          <List size="sm" mt="xs">
            {p.missing.map((m) => (
              <List.Item key={`${m.field}:${m.message}`}>
                {m.message}{' '}
                <Anchor component="button" type="button" size="sm" onClick={() => p.onGoTo(m.step)}>
                  (go to {STEPS.find((s) => s.id === m.step)?.label})
                </Anchor>
              </List.Item>
            ))}
          </List>
        </Alert>
      ) : (
        <Paper withBorder p="md" bg="gray.0">
          <Title order={3} size="h4" mb="xs">
            In plain language
          </Title>
          <Text data-testid="plain-language">{p.record?.plain_language || 'Saving…'}</Text>
        </Paper>
      )}
      <ConsentElements consent={p.values} clientName={p.clientName} />
      {p.values.kind === 'tpo' && tpo && (
        <Stack gap={4}>
          <Text size="sm">
            <strong>Redisclosure:</strong> {tpo.redisclosure}
          </Text>
          <Text size="sm">
            <strong>If the client does not sign:</strong> {tpo.refusal_consequences}
          </Text>
        </Stack>
      )}
      {p.missing.length === 0 && (
        <>
          <Text size="sm">Read the summary to the client, or let them read it, then hand over the screen to sign.</Text>
          <NativeSelect
            label="Signed by"
            data={[
              { value: 'client', label: 'The client' },
              { value: 'guardian', label: 'A guardian or legal representative' },
            ]}
            value={p.signerRole}
            onChange={(e) => p.onSignerRole(e.currentTarget.value as 'client' | 'guardian')}
            maw={320}
          />
          <SignaturePad
            key={p.signerRole}
            role={p.signerRole}
            label={p.signerRole === 'client' ? 'Client signature' : 'Guardian signature'}
            value={p.signature}
            onChange={p.onSignature}
            defaultName={p.signerRole === 'client' ? p.defaultSignerName : ''}
            error={p.signatureError}
          />
          <TextInput type="date" label="Date signed" withAsterisk value={p.signedOn} onChange={(e) => p.onSignedOn(e.currentTarget.value)} maw={240} />
        </>
      )}
    </Stack>
  );
}
