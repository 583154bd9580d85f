// Live following of a sitting: each group with someone listening has one poller that reads the
// group's data version once a second and tells every listener when it changed. The version lives in
// the database, so a write made through any app instance reaches every instance's listeners.
import type { Executor } from '../db/database.ts';
import { dataVersion } from '../repositories/data-version.ts';
import { sittingRow } from '../repositories/sittings.ts';
import { assertMaySee, type Reader } from './readers.ts';

export type ChangeListener = (version: number) => void;

interface GroupWatch {
  listeners: Set<ChangeListener>;
  /** The version last seen; null until the first read. */
  version: number | null;
  timer: NodeJS.Timeout;
  polling: boolean;
}

export class GroupChanges {
  private readonly groups = new Map<number, GroupWatch>();
  private closed = false;

  private readonly db: Executor;
  private readonly intervalMs: number;

  constructor(db: Executor, intervalMs = 1000) {
    this.db = db;
    this.intervalMs = intervalMs;
  }

  /** Calls `listener` with the new version after each change of the group's data; returns the unsubscribe. */
  subscribe(groupId: number, listener: ChangeListener): () => void {
    if (this.closed) return () => undefined;
    let watch = this.groups.get(groupId);
    if (watch === undefined) {
      const timer = setInterval(() => void this.poll(groupId), this.intervalMs);
      // A poller alone never keeps the process alive.
      timer.unref();
      watch = { listeners: new Set(), version: null, timer, polling: false };
      this.groups.set(groupId, watch);
      void this.poll(groupId);
    }
    watch.listeners.add(listener);
    return () => {
      const current = this.groups.get(groupId);
      if (current === undefined) return;
      current.listeners.delete(listener);
      if (current.listeners.size === 0) this.stop(groupId);
    };
  }

  /** How many groups are being polled (one poller each, however many listeners). */
  get pollers(): number {
    return this.groups.size;
  }

  private stop(groupId: number): void {
    const watch = this.groups.get(groupId);
    if (watch === undefined) return;
    clearInterval(watch.timer);
    this.groups.delete(groupId);
  }

  private async poll(groupId: number): Promise<void> {
    const watch = this.groups.get(groupId);
    if (watch === undefined || watch.polling) return;
    watch.polling = true;
    try {
      const version = await dataVersion(this.db, groupId);
      const before = watch.version;
      watch.version = version;
      if (before !== null && version !== before) for (const listener of [...watch.listeners]) listener(version);
    } catch {
      // The database is away for a moment (or closing): the next tick asks again.
    } finally {
      watch.polling = false;
    }
  }

  /** Stops every poller; later subscriptions are refused (the app is closing). */
  close(): void {
    this.closed = true;
    for (const groupId of [...this.groups.keys()]) this.stop(groupId);
  }
}

/** Whether this reader may follow the sitting: it is the group's, and a guest attended it (else 404). */
export async function assertMayFollow(db: Executor, groupId: number, reader: Reader, sittingId: number): Promise<void> {
  await sittingRow(db, groupId, sittingId);
  await assertMaySee(db, groupId, reader, sittingId);
}
