// The biopsychosocial assessment's free-form sections (ADR 0010): each is saved as a small object of
// fields under `sections.<key>`. Stored field names are persisted data: do not rename them.

export type FieldKind = 'text' | 'textarea' | 'number' | 'select' | 'checkbox' | 'ruler' | 'date';

export interface SectionField {
  name: string;
  label: string;
  kind: FieldKind;
  options?: { value: string; label: string }[];
  description?: string;
}

export interface SectionDef {
  key: string;
  title: string;
  fields: SectionField[];
}

const YES_NO = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
  { value: 'unknown', label: 'Unknown' },
];

const notes = (label = 'Notes'): SectionField => ({ name: 'notes', label, kind: 'textarea' });

/** The sections after substance use, in the order an assessment interview usually goes. */
export const SECTIONS: SectionDef[] = [
  {
    key: 'prior_treatment',
    title: 'Prior treatment',
    fields: [
      { name: 'episodes', label: 'Prior treatment episodes (number)', kind: 'number' },
      { name: 'most_recent', label: 'Most recent treatment (level, where, when)', kind: 'text' },
      notes('Outcome and what helped'),
    ],
  },
  {
    key: 'withdrawal',
    title: 'Withdrawal',
    fields: [
      { name: 'current_symptoms', label: 'Current withdrawal symptoms', kind: 'select', options: YES_NO },
      { name: 'seizures_or_dts', label: 'History of withdrawal seizures or delirium tremens', kind: 'select', options: YES_NO },
      notes('Withdrawal history'),
    ],
  },
  {
    key: 'mental_health',
    title: 'Mental health',
    fields: [
      { name: 'conditions', label: 'Co-occurring conditions and diagnoses', kind: 'textarea' },
      { name: 'current_care', label: 'Current mental health care', kind: 'text' },
      notes(),
    ],
  },
  {
    key: 'medical',
    title: 'Medical',
    fields: [{ name: 'conditions', label: 'Medical conditions', kind: 'textarea' }, { name: 'primary_care', label: 'Primary care provider', kind: 'text' }],
  },
  { key: 'medications', title: 'Medications', fields: [{ name: 'current', label: 'Current medications (incl. MOUD)', kind: 'textarea' }, notes()] },
  {
    key: 'pregnancy',
    title: 'Pregnancy',
    fields: [
      {
        name: 'status',
        label: 'Pregnancy status',
        kind: 'select',
        options: [
          { value: 'not_applicable', label: 'Not applicable' },
          { value: 'not_pregnant', label: 'Not pregnant' },
          { value: 'pregnant', label: 'Pregnant' },
          { value: 'postpartum', label: 'Postpartum (within 12 months)' },
          { value: 'unknown', label: 'Unknown' },
        ],
      },
      notes(),
    ],
  },
  {
    key: 'legal',
    title: 'Legal',
    fields: [
      { name: 'involvement', label: 'Current legal involvement (court, probation, DUI)', kind: 'select', options: YES_NO },
      notes('Details'),
    ],
  },
  {
    key: 'employment_education',
    title: 'Employment and education',
    fields: [
      {
        name: 'status',
        label: 'Employment status',
        kind: 'select',
        options: [
          { value: 'full_time', label: 'Employed full time' },
          { value: 'part_time', label: 'Employed part time' },
          { value: 'unemployed', label: 'Unemployed' },
          { value: 'student', label: 'Student' },
          { value: 'not_in_labor_force', label: 'Not in the labor force' },
        ],
      },
      notes(),
    ],
  },
  {
    key: 'living_situation',
    title: 'Living situation and home safety',
    fields: [
      {
        name: 'arrangement',
        label: 'Living arrangement',
        kind: 'select',
        options: [
          { value: 'independent', label: 'Independent living' },
          { value: 'dependent', label: 'Dependent living (with family, supervised)' },
          { value: 'homeless', label: 'Homeless' },
        ],
      },
      { name: 'home_safe', label: 'Home is safe and supports recovery', kind: 'select', options: YES_NO },
      notes(),
    ],
  },
  { key: 'family_social', title: 'Family and social support', fields: [{ name: 'supports', label: 'Supportive people', kind: 'textarea' }, notes()] },
  { key: 'trauma', title: 'Trauma', fields: [{ name: 'history', label: 'Trauma history (as much as the client wishes to share)', kind: 'textarea' }] },
  { key: 'strengths', title: 'Strengths', fields: [{ name: 'notes', label: 'Strengths and resources', kind: 'textarea' }] },
  {
    key: 'readiness',
    title: 'Readiness',
    fields: [
      {
        name: 'ruler',
        label: 'Readiness ruler: how ready are you to make a change?',
        kind: 'ruler',
        description: '0 = not at all ready, 10 = completely ready',
      },
      notes(),
    ],
  },
  { key: 'goals', title: 'Goals', fields: [{ name: 'notes', label: 'The client’s own goals, in their words', kind: 'textarea' }] },
  {
    key: 'schedule_constraints',
    title: 'Schedule constraints',
    fields: [
      { name: 'work_hours', label: 'Work hours', kind: 'text', description: 'e.g. Mon–Fri 7:00–15:30' },
      { name: 'school_hours', label: 'School hours', kind: 'text' },
      { name: 'childcare_hours', label: 'Childcare responsibilities', kind: 'text' },
      { name: 'transportation', label: 'Transportation', kind: 'text' },
      { name: 'telehealth_ok', label: 'Can attend by telehealth (device, private space, connection)', kind: 'checkbox' },
      notes(),
    ],
  },
];

/** The substance use section's free notes live here too. */
export const SUBSTANCE_NOTES_SECTION = 'substance_history';
