import { Button, Group, NativeSelect, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { FormStatus } from '../../components/FormStatus';
import type { Episode, EpisodeDraft, Program, Staff, Track } from '../../api/types';
import { useRecordForm } from '../../lib/useRecordForm';
import { useMeta } from '../shell/AppContext';

export interface EpisodeFormValues extends Record<string, unknown> {
  program_id: string;
  track_id: string;
  counselor_id: string;
  stage: string;
  level_of_care: string;
  admission_date: string;
  discharge_date: string;
}

export function episodeToValues(e: Episode): EpisodeFormValues {
  return {
    program_id: e.program_id,
    track_id: e.track_id ?? '',
    counselor_id: e.counselor_id ?? '',
    stage: e.stage,
    level_of_care: e.level_of_care,
    admission_date: e.admission_date ?? '',
    discharge_date: e.discharge_date ?? '',
  };
}

export function newEpisodeValues(programs: Program[]): EpisodeFormValues {
  const p = programs[0];
  return {
    program_id: p?.id ?? '',
    track_id: '',
    counselor_id: '',
    stage: 'intake',
    level_of_care: p?.level_of_care ?? '2.1',
    admission_date: '',
    discharge_date: '',
  };
}

export function valuesToEpisodeDraft(v: EpisodeFormValues): EpisodeDraft {
  const draft: EpisodeDraft = { program_id: v.program_id, stage: v.stage, level_of_care: v.level_of_care };
  if (v.track_id) draft.track_id = v.track_id;
  if (v.counselor_id) draft.counselor_id = v.counselor_id;
  if (v.admission_date) draft.admission_date = v.admission_date;
  if (v.discharge_date) draft.discharge_date = v.discharge_date;
  return draft;
}

const LABELS: Record<string, string> = {
  program_id: 'Program',
  track_id: 'Track',
  counselor_id: 'Counselor',
  stage: 'Stage',
  level_of_care: 'Level of care',
  admission_date: 'Admission date',
  discharge_date: 'Discharge date',
};

const ADMITTED_STAGES = new Set(['treatment', 'aftercare', 'discharged']);

interface EpisodeFormProps {
  initialValues: EpisodeFormValues;
  programs: Program[];
  tracks: Track[];
  counselors: Staff[];
  save: (v: EpisodeFormValues) => Promise<void>;
  loadLatest?: () => Promise<EpisodeFormValues>;
  submitLabel: string;
  onCancel: () => void;
  label: string;
}

export function EpisodeForm(p: EpisodeFormProps) {
  const meta = useMeta();
  const rf = useRecordForm<EpisodeFormValues>({
    initialValues: p.initialValues,
    save: p.save,
    loadLatest: p.loadLatest,
    validate: {
      program_id: (v) => (v ? null : 'Choose a program'),
      admission_date: (v, values) =>
        !v && ADMITTED_STAGES.has(values.stage) ? 'Needed once the client is in treatment or later' : null,
      discharge_date: (v, values) => {
        if (values.stage === 'discharged' && !v) return 'Needed to discharge';
        if (v && values.admission_date && v < values.admission_date) return 'Must be on or after the admission date';
        return null;
      },
    },
  });
  const { form } = rf;
  const v = form.values;
  const programTracks = p.tracks.filter((t) => t.program_id === v.program_id);
  const trackOptions = [{ value: '', label: 'No track yet' }, ...programTracks.map((t) => ({ value: t.id, label: t.name }))];
  if (v.track_id && !programTracks.some((t) => t.id === v.track_id)) trackOptions.push({ value: v.track_id, label: 'Current track' });
  const counselorOptions = [
    { value: '', label: 'Not assigned' },
    ...p.counselors.map((s) => ({ value: s.id, label: s.display_name ?? `${s.preferred_name || s.given_name} ${s.family_name}` })),
  ];
  if (v.counselor_id && !p.counselors.some((s) => s.id === v.counselor_id)) {
    counselorOptions.push({ value: v.counselor_id, label: 'Current counselor' });
  }

  const programInput = form.getInputProps('program_id');
  return (
    <form onSubmit={rf.onSubmit} noValidate aria-label={p.label}>
      <Stack gap="sm">
        <FormStatus {...rf} labels={LABELS} />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <NativeSelect
            label="Program"
            required
            data={[
              ...(v.program_id ? [] : [{ value: '', label: 'Choose a program' }]),
              ...p.programs.map((x) => ({ value: x.id, label: x.name })),
            ]}
            {...programInput}
            onChange={(e) => {
              const id = e.currentTarget.value;
              const program = p.programs.find((x) => x.id === id);
              form.setFieldValue('program_id', id);
              form.setFieldValue('track_id', '');
              if (program) form.setFieldValue('level_of_care', program.level_of_care);
            }}
          />
          <NativeSelect label="Track" data={trackOptions} {...form.getInputProps('track_id')} />
          <NativeSelect label="Counselor" data={counselorOptions} {...form.getInputProps('counselor_id')} />
          <NativeSelect
            label="Stage"
            required
            data={meta.care_stages.map((s) => ({ value: s.code, label: s.label }))}
            {...form.getInputProps('stage')}
          />
          <NativeSelect
            label="Level of care"
            required
            data={meta.levels_of_care.map((l) => ({ value: l.code, label: l.label }))}
            {...form.getInputProps('level_of_care')}
          />
          <TextInput
            label="Admission date"
            type="date"
            description="Needed from treatment onwards"
            {...form.getInputProps('admission_date')}
          />
          {(v.stage === 'discharged' || p.initialValues.discharge_date) && (
            <TextInput label="Discharge date" type="date" required={v.stage === 'discharged'} {...form.getInputProps('discharge_date')} />
          )}
        </SimpleGrid>
        <Group>
          <Button type="submit" loading={rf.saving}>
            {p.submitLabel}
          </Button>
          <Button variant="default" onClick={p.onCancel}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
