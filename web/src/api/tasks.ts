// Types and calls for staff tasks (docs/api.md "Tasks"): outreach after absences, adherence, test reviews,
// follow-ups. A task is the notification (ADR 0012 decision 7): it shows in "My day" and its open count in
// the navigation. Field names match the JSON exactly.
import { http } from './client';
import type { DateString, Id, Instant, Items } from './types';

const enc = encodeURIComponent;

export type TaskStatus = 'open' | 'done' | 'cancelled';

export type TaskKind =
  | 'outreach'
  | 'adherence'
  | 'drug_test_review'
  | 'behavioral_contract'
  | 'discharge_review'
  | 'referral_follow_up'
  | 'note_overdue'
  | 'other';

export interface Task {
  id: Id;
  version: number;
  org_id?: Id;
  /** "" for tasks not about a client. */
  client_id: Id;
  client_name?: string;
  /** "" when the task waits in a role's queue. */
  assignee_staff_id: Id;
  assignee_role: string;
  kind: TaskKind | string;
  /** What staff see; never clinical detail. */
  title: string;
  detail: string;
  source_type: string;
  source_id: string;
  due_on: DateString | null;
  status: TaskStatus;
  overdue?: boolean;
  completed_at?: Instant | string;
  completed_by?: string;
  outcome?: string;
  created_at?: Instant;
  updated_at?: Instant;
}

export const TASK_KIND_LABELS: Record<string, string> = {
  outreach: 'Outreach',
  adherence: 'Medication adherence',
  drug_test_review: 'Drug-test review',
  behavioral_contract: 'Behavioral contract',
  discharge_review: 'Discharge review',
  referral_follow_up: 'Referral follow-up',
  note_overdue: 'Overdue note',
  other: 'Task',
};

export const tasksApi = {
  /** Tasks assigned to me or to one of my roles (open first). */
  mine: (status: 'open' | 'all' = 'open', signal?: AbortSignal) => http.get<Items<Task>>('/tasks', { status }, signal),
  ofClient: (clientId: Id, signal?: AbortSignal) => http.get<Items<Task>>(`/clients/${enc(clientId)}/tasks`, undefined, signal),
  complete: (task: Pick<Task, 'id' | 'version'>, outcome: string) => http.post<Task>(`/tasks/${enc(task.id)}/complete`, { outcome }, task.version),
  cancel: (task: Pick<Task, 'id' | 'version'>, reason: string) => http.post<Task>(`/tasks/${enc(task.id)}/cancel`, { reason }, task.version),
  reassign: (task: Pick<Task, 'id' | 'version'>, staffId: Id) => http.post<Task>(`/tasks/${enc(task.id)}/reassign`, { staff_id: staffId }, task.version),
};
