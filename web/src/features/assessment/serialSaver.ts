// Autosave that never races: edits are merged into one pending patch, at most one save is in flight, and
// each save carries the version the previous one returned (If-Match). Actions that change the record in
// other ways (complete, decide, admit) go through the same queue, after the pending edits are saved.
import { useEffect, useRef, useSyncExternalStore } from 'react';
import { ApiError } from '../../api/client';
import { registerFlush } from '../../lib/pendingSaves';

export type SaveStatus = 'idle' | 'pending' | 'saving' | 'saved' | 'error';

export interface SaverOptions<P, R extends { version: number }> {
  /** The version of the record as loaded. */
  version: number;
  /** Sends a patch with If-Match `version`. */
  save: (patch: P, version: number, keepalive: boolean) => Promise<R>;
  /** Combines an older pending patch with a newer one (the newer wins). */
  merge: (older: P, newer: P) => P;
  /** Every record a save or action returned, in order. */
  onSaved: (record: R) => void;
  /**
   * After a 412 (someone saved meanwhile): reads the record's current version and returns the patch to send
   * on top of it (only this user's own edits), which is sent once. It throws (e.g. EditConflictError) when
   * the other save changed what this patch changes, so nothing is silently overwritten. Without it, a 412 is
   * shown as an error.
   */
  rebase?: (patch: P) => Promise<{ version: number; patch: P }>;
  /** Wait this long after the last edit before saving (typing); 0 saves on the next tick (a click). */
  delayMs?: number;
}

export interface SaverState {
  status: SaveStatus;
  error: unknown;
}

export class SerialSaver<P, R extends { version: number }> {
  private pending: P | null = null;
  private chain: Promise<unknown> = Promise.resolve();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private ver: number;
  private state: SaverState = { status: 'idle', error: null };
  private readonly listeners = new Set<() => void>();

  constructor(private opts: SaverOptions<P, R>) {
    this.ver = opts.version;
  }

  /** Replaces the callbacks (a component re-rendered); the version and queue are kept. */
  setOptions(opts: SaverOptions<P, R>): void {
    this.opts = opts;
  }

  get version(): number {
    return this.ver;
  }

  get hasPending(): boolean {
    return this.pending !== null;
  }

  getState = (): SaverState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Adds an edit; it is saved after `delayMs` (or sooner by flush). */
  queue(patch: P): void {
    this.pending = this.pending === null ? patch : this.opts.merge(this.pending, patch);
    this.setState({ status: 'pending', error: this.state.error });
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush().catch(() => {});
    }, this.opts.delayMs ?? 0);
  }

  /** Saves the pending edits now (after any save in flight). Rejects with the save's error. */
  flush(keepalive = false): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    return this.enqueue(() => this.sendPending(keepalive));
  }

  /** Saves pending edits, then runs an action with the current version; its result becomes the record. */
  run<T extends R>(action: (version: number) => Promise<T>): Promise<T> {
    const flushed = this.flush();
    return this.enqueue(async () => {
      await flushed;
      const record = await action(this.ver);
      this.ver = record.version;
      this.opts.onSaved(record);
      return record;
    });
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.listeners.clear();
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const next = this.chain.then(task);
    this.chain = next.catch(() => {});
    return next;
  }

  private async sendPending(keepalive: boolean): Promise<void> {
    if (this.pending === null) return;
    const patch = this.pending;
    this.pending = null;
    this.setState({ status: 'saving', error: null });
    try {
      const record = await this.sendWithRetry(patch, keepalive);
      this.ver = record.version;
      this.opts.onSaved(record);
      this.setState({ status: this.pending === null ? 'saved' : 'pending', error: null });
    } catch (e) {
      // Keep the edits: newer ones typed meanwhile stay on top; the next edit or a retry sends them all.
      this.pending = this.pending === null ? patch : this.opts.merge(patch, this.pending);
      this.setState({ status: 'error', error: e });
      throw e;
    }
  }

  private async sendWithRetry(patch: P, keepalive: boolean): Promise<R> {
    try {
      return await this.opts.save(patch, this.ver, keepalive);
    } catch (e) {
      if (!(e instanceof ApiError && e.isStale && this.opts.rebase)) throw e;
      const rebased = await this.opts.rebase(patch);
      this.ver = rebased.version;
      return this.opts.save(rebased.patch, this.ver, keepalive);
    }
  }

  private setState(next: SaverState): void {
    if (next.status === this.state.status && next.error === this.state.error) return;
    this.state = next;
    for (const l of this.listeners) l();
  }
}

/**
 * A SerialSaver for one record, registered so pending edits are flushed before sign-out and when the page
 * is hidden, and flushed when the component unmounts (moving to another page).
 */
export function useSerialSaver<P, R extends { version: number }>(key: string, opts: SaverOptions<P, R>) {
  const ref = useRef<{ key: string; saver: SerialSaver<P, R> } | null>(null);
  if (!ref.current || ref.current.key !== key) ref.current = { key, saver: new SerialSaver(opts) };
  const saver = ref.current.saver;
  saver.setOptions(opts);
  useEffect(() => {
    const unregister = registerFlush((keepalive) => saver.flush(keepalive));
    return () => {
      unregister();
      saver.flush().catch(() => {});
    };
  }, [saver]);
  const state = useSyncExternalStore(saver.subscribe, saver.getState, saver.getState);
  return { saver, ...state };
}
