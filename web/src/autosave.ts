// Autosave: a record's changes wait ~700 ms after the last keystroke, then go out as one PATCH
// naming the record's version (or as the POST that creates it). Unsent changes are kept in memory
// and in localStorage, so neither a network drop nor a reload loses them; they are resent with
// backoff and at once when the browser is back online. A stale version (409) is handed to the
// view, which shows both texts; nothing is ever overwritten without the user choosing so.
import { api, ApiError, errorText, isRetryable } from './api.ts';

export type Fields = Record<string, unknown>;
export type SaveState = 'saved' | 'saving' | 'unsaved';

export const DEBOUNCE_MS = 700;
const STORE = 'protokols:unsent:';
const CONFLICTS = 'protokols:conflict:';

/** The kinds of record the drafting screen edits, and where each is changed once it exists. */
export const RECORD_URL = {
  sitting: (id: number) => `/api/sittings/${id}`,
  attendance: (id: number) => `/api/attendance/${id}`,
  'agenda-item': (id: number) => `/api/agenda-items/${id}`,
  decision: (id: number) => `/api/decisions/${id}`,
  review: (id: number) => `/api/reviews/${id}`,
} as const;
export type RecordKind = keyof typeof RECORD_URL;

export interface SavedRecord {
  id: number;
  version: number;
  [field: string]: unknown;
}

export interface Handlers {
  /** The record as the server stored it (the local version is already updated). */
  saved?: (record: SavedRecord, sent: Fields) => void;
  /** 409: someone else changed the record first. `mine` are the unsent fields. */
  conflict?: (mine: Fields, message: string) => void;
  /** 400/404 (message) or its clearing (null). */
  error?: (message: string | null, field?: string) => void;
  /** Turns the fields into the request body just before sending; null means "not yet". */
  prepare?: (fields: Fields) => Fields | null;
}

interface Stored {
  kind: RecordKind;
  id: number | null;
  createUrl: string | null;
  version: number | null;
  fields: Fields;
  meta: Fields;
}

export class SaveEntry {
  pending: Fields | null = null;
  inflight: Fields | null = null;
  blocked: string | null = null;
  /** Waiting for the view to load the other person's version after a 409. */
  conflicted = false;
  attempts = 0;
  timer: ReturnType<typeof setTimeout> | undefined;
  /** A move or delete of the record is running: edits wait for its new version. */
  held = false;
  handlers: Handlers = {};

  constructor(
    public key: string,
    readonly kind: RecordKind,
    public id: number | null,
    public version: number | null,
    readonly createUrl: string | null,
    readonly meta: Fields,
  ) {}

  get exists(): boolean {
    return this.id !== null;
  }

  /** Everything not yet acknowledged by the server. */
  get unsent(): Fields | null {
    if (this.pending === null && this.inflight === null) return null;
    return { ...this.inflight, ...this.pending };
  }
}

export class Saver {
  private entries = new Map<string, SaveEntry>();
  private listeners = new Set<(state: SaveState) => void>();
  private conflictCount = 0;

  constructor(private storage: Storage | null = safeStorage()) {
    window.addEventListener('online', () => this.flushAll());
  }

  /**
   * Tracks a record that exists on the server. If unsent changes of it survived a reload, they are
   * restored (with the version they were based on) and sent; `entry.unsent` shows them to the view.
   */
  track(kind: RecordKind, id: number, version: number, handlers: Handlers = {}): SaveEntry {
    const key = `${kind}:${id}`;
    const existing = this.entries.get(key);
    if (existing !== undefined) {
      existing.handlers = handlers;
      if (existing.unsent === null && !existing.conflicted) existing.version = version;
      return existing;
    }
    const entry = new SaveEntry(key, kind, id, version, null, {});
    entry.handlers = handlers;
    this.entries.set(key, entry);
    this.restore(entry);
    return entry;
  }

  /** A record that does not exist yet: its first save is a POST to `createUrl`. */
  create(kind: RecordKind, createUrl: string, meta: Fields, handlers: Handlers = {}, key?: string): SaveEntry {
    const entryKey = key ?? `new-${kind}:${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    const entry = this.entries.get(entryKey) ?? new SaveEntry(entryKey, kind, null, null, createUrl, meta);
    entry.handlers = handlers;
    this.entries.set(entryKey, entry);
    this.restore(entry);
    return entry;
  }

  /** Creates that were never acknowledged (e.g. typed offline before a reload), oldest first. */
  unsentCreates(kind: RecordKind, metaMatch: Fields): Array<{ key: string; fields: Fields; meta: Fields }> {
    if (this.storage === null) return [];
    const found: Array<{ key: string; fields: Fields; meta: Fields }> = [];
    for (let i = 0; i < this.storage.length; i++) {
      const k = this.storage.key(i);
      if (k === null || !k.startsWith(`${STORE}new-${kind}:`)) continue;
      const stored = this.read(k);
      if (stored === null || stored.id !== null) continue;
      if (Object.entries(metaMatch).every(([f, v]) => stored.meta[f] === v)) {
        found.push({ key: k.slice(STORE.length), fields: stored.fields, meta: stored.meta });
      }
    }
    return found.sort((a, b) => Number(a.meta.createdAt ?? 0) - Number(b.meta.createdAt ?? 0));
  }

  /** Records a change; it is sent after the debounce (or at once for clicks). */
  change(entry: SaveEntry, fields: Fields, { immediate = false } = {}): void {
    // A record given up earlier (e.g. a new decision emptied again) is tracked anew.
    this.entries.set(entry.key, entry);
    entry.pending = { ...entry.pending, ...fields };
    if (entry.blocked !== null) {
      entry.blocked = null;
      entry.handlers.error?.(null);
    }
    this.persist(entry);
    this.schedule(entry, immediate ? 0 : DEBOUNCE_MS);
    this.emit();
  }

  /** After a 409 the view has loaded the other version: edits now build on it. */
  rebase(entry: SaveEntry, version: number): void {
    entry.version = version;
    entry.conflicted = false;
    this.persist(entry);
    if (entry.pending !== null) this.schedule(entry, 0);
    this.emit();
  }

  /** Drops a record's unsent changes (the user chose the other version, or deleted the record). */
  discard(entry: SaveEntry): void {
    clearTimeout(entry.timer);
    entry.pending = null;
    entry.blocked = null;
    entry.conflicted = false;
    this.persist(entry);
    this.entries.delete(entry.key);
    this.emit();
  }

  forget(entry: SaveEntry): void {
    if (entry.unsent === null && !entry.conflicted) this.entries.delete(entry.key);
  }

  /**
   * Runs a versioned operation on the record (move, delete) between its saves: it waits for a save
   * in flight, then passes the current version, and takes the new one from the result.
   */
  async exclusive<T extends { version: number } | void>(entry: SaveEntry, op: (version: number) => Promise<T>): Promise<T> {
    entry.held = true;
    clearTimeout(entry.timer);
    try {
      while (entry.inflight !== null) await new Promise((r) => setTimeout(r, 25));
      const result = await op(entry.version ?? 1);
      if (result !== undefined) entry.version = result.version;
      this.persist(entry);
      return result;
    } finally {
      entry.held = false;
      if (entry.pending !== null) this.schedule(entry, 0);
    }
  }

  flushAll(): void {
    for (const entry of this.entries.values()) {
      if (entry.pending !== null && entry.inflight === null) {
        entry.attempts = 0;
        this.schedule(entry, 0);
      }
    }
  }

  /** Sends everything now and waits until it is acknowledged; false if something is still unsent. */
  async settle(timeoutMs = 5000): Promise<boolean> {
    this.flushAll();
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      const busy = [...this.entries.values()].some(
        (e) => e.inflight !== null || (e.pending !== null && e.attempts === 0 && e.blocked === null),
      );
      if (!busy) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    return !this.hasUnsaved();
  }

  hasUnsaved(): boolean {
    return this.conflictCount > 0 || [...this.entries.values()].some((e) => e.unsent !== null || e.conflicted);
  }

  state(): SaveState {
    const all = [...this.entries.values()];
    if (this.conflictCount > 0 || all.some((e) => e.blocked !== null || e.conflicted || (e.unsent !== null && e.attempts > 0)))
      return 'unsaved';
    if (all.some((e) => e.unsent !== null)) return navigator.onLine ? 'saving' : 'unsaved';
    return 'saved';
  }

  subscribe(listener: (state: SaveState) => void): () => void {
    this.listeners.add(listener);
    listener(this.state());
    return () => this.listeners.delete(listener);
  }

  /** Conflict boxes left open count as unsaved work until the user closes them. */
  setConflictCount(n: number): void {
    this.conflictCount = n;
    this.emit();
  }

  emit(): void {
    const state = this.state();
    for (const listener of this.listeners) listener(state);
  }

  private schedule(entry: SaveEntry, delay: number): void {
    clearTimeout(entry.timer);
    entry.timer = setTimeout(() => void this.send(entry), delay);
  }

  private async send(entry: SaveEntry): Promise<void> {
    if (entry.inflight !== null || entry.pending === null || entry.conflicted || entry.blocked !== null || entry.held) return;
    const fields = entry.pending;
    const body = entry.handlers.prepare === undefined ? fields : entry.handlers.prepare(fields);
    if (body === null) {
      this.schedule(entry, 1000);
      return;
    }
    entry.inflight = fields;
    entry.pending = null;
    this.emit();
    try {
      const record =
        entry.id === null
          ? await api.post<SavedRecord>(entry.createUrl ?? '', body)
          : await api.patch<SavedRecord>(RECORD_URL[entry.kind](entry.id), { ...body, version: entry.version });
      entry.inflight = null;
      entry.attempts = 0;
      if (entry.id === null) this.rekey(entry, record.id);
      entry.version = record.version;
      this.persist(entry);
      entry.handlers.saved?.(record, fields);
      if (entry.pending !== null) this.schedule(entry, 0);
    } catch (err) {
      // Edits typed while the request was out came after it, so they win.
      const unsent: Fields = { ...fields, ...(entry.pending as Fields | null) };
      entry.inflight = null;
      entry.pending = unsent;
      if (isRetryable(err)) {
        entry.attempts += 1;
        this.schedule(entry, Math.min(30_000, 1000 * 2 ** (entry.attempts - 1)) + Math.random() * 300);
      } else if (err instanceof ApiError && err.status === 409 && err.field === 'version' && entry.id !== null) {
        entry.conflicted = true;
        entry.pending = null;
        saveConflict(entry.key, unsent, err.message);
        entry.handlers.conflict?.(unsent, err.message);
      } else {
        entry.blocked = errorText(err);
        entry.handlers.error?.(entry.blocked, err instanceof ApiError ? err.field : undefined);
      }
      this.persist(entry);
    }
    this.emit();
  }

  private rekey(entry: SaveEntry, id: number): void {
    this.storage?.removeItem(STORE + entry.key);
    this.entries.delete(entry.key);
    entry.id = id;
    entry.key = `${entry.kind}:${id}`;
    this.entries.set(entry.key, entry);
  }

  private persist(entry: SaveEntry): void {
    if (this.storage === null) return;
    const unsent = entry.unsent;
    try {
      if (unsent === null) this.storage.removeItem(STORE + entry.key);
      else {
        const stored: Stored = {
          kind: entry.kind,
          id: entry.id,
          createUrl: entry.createUrl,
          version: entry.version,
          fields: unsent,
          meta: entry.meta,
        };
        this.storage.setItem(STORE + entry.key, JSON.stringify(stored));
      }
    } catch {
      // A full or disabled localStorage still leaves the in-memory queue.
    }
  }

  private read(storageKey: string): Stored | null {
    try {
      const raw = this.storage?.getItem(storageKey);
      return raw == null ? null : (JSON.parse(raw) as Stored);
    } catch {
      return null;
    }
  }

  private restore(entry: SaveEntry): void {
    const stored = this.read(STORE + entry.key);
    if (stored === null || entry.unsent !== null) return;
    entry.pending = stored.fields;
    // The changes were made on top of the version stored with them; if the record has moved on
    // since, the server answers 409 and the user sees both texts.
    if (stored.version !== null) entry.version = stored.version;
    Object.assign(entry.meta, stored.meta);
    this.schedule(entry, 300);
    this.emit();
  }
}

function safeStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export interface StoredConflict {
  mine: Fields;
  message: string;
}

export function saveConflict(key: string, mine: Fields, message: string): void {
  try {
    localStorage.setItem(CONFLICTS + key, JSON.stringify({ mine, message }));
  } catch {
    // kept on screen in any case
  }
}

export function loadConflict(key: string): StoredConflict | null {
  try {
    const raw = localStorage.getItem(CONFLICTS + key);
    return raw === null ? null : (JSON.parse(raw) as StoredConflict);
  } catch {
    return null;
  }
}

export function clearConflict(key: string): void {
  try {
    localStorage.removeItem(CONFLICTS + key);
  } catch {
    // nothing to clear
  }
}

export const saver = new Saver();
