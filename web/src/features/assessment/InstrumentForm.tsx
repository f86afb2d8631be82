import { Alert, Button, Group, List, Radio, Stack, Text } from '@mantine/core';
import { useRef, useState } from 'react';
import { ApiError } from '../../api/client';
import { responsesApi, type InstrumentDefinition, type InstrumentItem, type InstrumentResponse } from '../../api/assessments';
import { StatusBadge } from '../../components/StatusBadge';
import { VoidRecord } from '../../components/VoidRecord';
import { usePermission } from '../security/sessionStore';
import { ErrorAlert } from '../../components/Feedback';
import { formatInstant } from '../../lib/format';
import { SaveIndicator } from './SaveIndicator';
import { SafetyFlags, ScoringSummary, itemNumber } from './ScoringSummary';
import { useSerialSaver } from './serialSaver';
import { rebaseAnswers } from './assessmentDraft';

type Answers = Record<string, string | null>;

export interface InstrumentFormProps {
  definition: InstrumentDefinition;
  response: InstrumentResponse;
  /** Every version of the response the server returned (autosave, completion). */
  onResponse: (r: InstrumentResponse) => void;
  /** Tablet mode: large touch targets, client wording, no scores or flags on screen. */
  variant?: 'staff' | 'tablet';
  onCompleted?: (r: InstrumentResponse) => void;
}

/** "answers.q9" → "q9". */
function answerField(field: string): string | null {
  const m = /^answers\.(.+)$/.exec(field);
  return m?.[1] ?? null;
}

function ItemQuestion({
  def,
  item,
  value,
  error,
  disabled,
  tablet,
  onAnswer,
}: {
  def: InstrumentDefinition;
  item: InstrumentItem;
  value: string | null | undefined;
  error?: string;
  disabled: boolean;
  tablet: boolean;
  onAnswer: (code: string) => void;
}) {
  const n = itemNumber(def, item.id);
  return (
    <Radio.Group
      value={value ?? null}
      onChange={onAnswer}
      label={`${n}. ${item.text}`}
      error={error}
      withAsterisk={false}
      size={tablet ? 'lg' : 'sm'}
      data-testid={`item-${item.id}`}
      styles={tablet ? { label: { fontSize: 'var(--mantine-font-size-xl)', marginBottom: 8 } } : undefined}
    >
      {tablet ? (
        <Stack gap="sm" mt="xs">
          {item.options.map((o) => (
            <Radio.Card key={o.code} value={o.code} disabled={disabled} p="md" radius="md" className="sw-answer-card">
              <Group wrap="nowrap" gap="md">
                <Radio.Indicator size="lg" />
                <Text fz="lg">{o.label}</Text>
              </Group>
            </Radio.Card>
          ))}
        </Stack>
      ) : (
        <Group gap="md" mt={6} wrap="wrap">
          {item.options.map((o) => (
            <Radio key={o.code} value={o.code} label={o.label} disabled={disabled} />
          ))}
        </Group>
      )}
    </Radio.Group>
  );
}

/**
 * Any instrument definition as a form. Each answer is saved at once (serialized, with the version the
 * previous save returned); the server's scoring comes back with every save and is shown live.
 */
export function InstrumentForm({ definition: def, response, onResponse, variant = 'staff', onCompleted }: InstrumentFormProps) {
  const tablet = variant === 'tablet';
  const [answers, setAnswers] = useState<Answers>(() => ({ ...response.answers }));
  const baseRef = useRef(response);  // the last version read from or saved to the server
  const [itemErrors, setItemErrors] = useState<Record<string, string>>({});
  const [completeError, setCompleteError] = useState<unknown>(null);
  const [completing, setCompleting] = useState(false);
  const { saver, status, error } = useSerialSaver<Answers, InstrumentResponse>(response.id, {
    version: response.version,
    save: (patch, version, keepalive) => responsesApi.saveAnswers(response.id, patch, version, keepalive),
    merge: (older, newer) => ({ ...older, ...newer }),
    onSaved: (saved) => {
      baseRef.current = saved;
      onResponse(saved);
    },
    // Someone saved meanwhile: send this user's answers on top, unless both answered the same item differently.
    rebase: async (patch) => {
      const latest = await responsesApi.get(response.id);
      const rebased = rebaseAnswers(patch, baseRef.current, latest);
      baseRef.current = latest;
      return { version: latest.version, patch: rebased };
    },
  });

  const done = response.status !== 'draft';
  const canWrite = usePermission('assessments.write');
  const scoring = response.scoring;
  const visible = new Map(scoring.items.map((i) => [i.item_id, i.visible]));
  const shown = def.items.filter((i) => visible.get(i.id) !== false);
  const missing = Object.keys(itemErrors);

  const answer = (itemId: string, code: string) => {
    setAnswers((a) => ({ ...a, [itemId]: code }));
    setItemErrors((e) => {
      const { [itemId]: _dropped, ...rest } = e;
      return rest;
    });
    saver.queue({ [itemId]: code });
  };

  const complete = async () => {
    setCompleting(true);
    setCompleteError(null);
    try {
      const r = await saver.run((version) => responsesApi.complete(response.id, version));
      setItemErrors({});
      onCompleted?.(r);
    } catch (e) {
      const errs: Record<string, string> = {};
      if (e instanceof ApiError) {
        for (const f of e.fields) {
          const id = answerField(f.field);
          if (id) errs[id] = tablet ? 'Please answer this question' : `Item ${itemNumber(def, id)}: ${f.message}`;
        }
      }
      setItemErrors(errs);
      setCompleteError(Object.keys(errs).length ? null : e);
    } finally {
      setCompleting(false);
    }
  };

  return (
    <Stack gap="md">
      {!tablet && <SafetyFlags flags={scoring.flags} completed={response.status === 'complete'} />}
      {!tablet && <ScoringSummary def={def} scoring={scoring} />}
      {done && (
        <Alert color={response.status === 'complete' ? 'green' : 'gray'} variant="light" title={response.status === 'complete' ? 'Completed' : 'Voided'}>
          {response.status === 'complete'
            ? `Completed ${formatInstant(response.completed_at)} by ${response.completed_by === 'client' ? 'the client' : response.administered_by_name || 'the clinician'}.`
            : 'This response was voided and is kept for the record.'}
        </Alert>
      )}
      {missing.length > 0 && (
        <Alert color="red" variant="light" role="alert" title={tablet ? 'A few questions still need an answer' : 'Not complete: answer every item'}>
          <List size="sm">
            {missing.map((id) => {
              const item = def.items.find((i) => i.id === id);
              return (
                <List.Item key={id}>
                  {tablet ? `Question ${itemNumber(def, id)}` : `Item ${itemNumber(def, id)}`}
                  {item ? ` — ${item.text}` : ''}
                </List.Item>
              );
            })}
          </List>
        </Alert>
      )}
      {def.instructions && (
        <Text fw={600} fz={tablet ? 'xl' : 'md'}>
          {def.instructions}
        </Text>
      )}
      <Stack gap={tablet ? 'xl' : 'md'} component="div">
        {shown.map((item) => (
          <ItemQuestion
            key={item.id}
            def={def}
            item={item}
            value={answers[item.id]}
            error={itemErrors[item.id]}
            disabled={done}
            tablet={tablet}
            onAnswer={(code) => answer(item.id, code)}
          />
        ))}
      </Stack>
      <ErrorAlert title="Could not complete the form" error={completeError} />
      <Group justify="space-between" align="center" wrap="wrap">
        <SaveIndicator status={status} error={error} onRetry={() => void saver.flush().catch(() => {})} />
        {!done && (
          <Button size={tablet ? 'xl' : 'sm'} onClick={() => void complete()} loading={completing}>
            {tablet ? 'Done' : 'Complete'}
          </Button>
        )}
        {done && <StatusBadge color={response.status === 'complete' ? 'green' : 'gray'}>{response.status === 'complete' ? 'Complete' : 'Voided'}</StatusBadge>}
        {!tablet && canWrite && response.status !== 'voided' && (
          <VoidRecord what="form" onVoid={(reason) => saver.run((v) => responsesApi.void(response.id, reason, v))} />
        )}
      </Group>
      <Text size="xs" c="dimmed" data-testid="copyright">
        {def.name} ({def.version}). {def.copyright}
        {def.license_note ? ` ${def.license_note}` : ''}
      </Text>
    </Stack>
  );
}
