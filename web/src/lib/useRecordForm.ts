import { useForm, type FormValidateInput } from '@mantine/form';
import { useRef, useState } from 'react';
import { ApiError } from '../api/client';
import type { FieldErrorItem } from '../api/types';
import { splitFieldErrors } from './formErrors';
import { threeWayMerge, type MergeConflict } from './merge';

export interface RecordFormOptions<V extends Record<string, unknown>> {
  initialValues: V;
  validate?: FormValidateInput<V>;
  /** Saves the values; throws an ApiError on failure. */
  save: (values: V) => Promise<void>;
  /**
   * For edits: fetches the latest version of the record (updating the caller's copy and its version) and
   * returns it as form values. Used after a 412 to re-apply the user's changes on top of the latest version.
   */
  loadLatest?: () => Promise<V>;
  /** Server field names that map to a different form path. */
  aliases?: Record<string, string>;
}

/**
 * Form state plus the save cycle every record form shares: field errors from the server shown beside
 * inputs, other errors in an alert, and on a version conflict a reload that keeps what the user typed.
 */
export function useRecordForm<V extends Record<string, unknown>>(opts: RecordFormOptions<V>) {
  const form = useForm<V>({ mode: 'controlled', initialValues: opts.initialValues, validate: opts.validate });
  const base = useRef<V>(opts.initialValues);
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const [reloading, setReloading] = useState(false);
  const [conflicts, setConflicts] = useState<MergeConflict[]>([]);
  const [reloaded, setReloaded] = useState(false);

  const onSubmit = form.onSubmit(async (values) => {
    setSaving(true);
    setError(null);
    try {
      await opts.save(values);
      setConflicts([]);
      setReloaded(false);
    } catch (e) {
      setError(e);
      form.setErrors(splitFieldErrors(e, values, opts.aliases).byPath);
    } finally {
      setSaving(false);
    }
  });

  const loadLatest = opts.loadLatest;
  const reloadLatest = loadLatest
    ? async () => {
        setReloading(true);
        try {
          const theirs = await loadLatest();
          const { merged, conflicts: c } = threeWayMerge<V>(base.current, form.getValues(), theirs);
          base.current = theirs;
          form.setValues(merged);
          form.clearErrors();
          setConflicts(c);
          setReloaded(true);
          setError(null);
        } catch (e) {
          setError(e);
        } finally {
          setReloading(false);
        }
      }
    : undefined;

  const otherFields: FieldErrorItem[] = splitFieldErrors(error, form.values, opts.aliases).other;
  const stale = error instanceof ApiError && error.isStale;

  return { form, onSubmit, error, otherFields, saving, stale, reloadLatest, reloading, conflicts, reloaded };
}

export type RecordFormState<V extends Record<string, unknown>> = ReturnType<typeof useRecordForm<V>>;
