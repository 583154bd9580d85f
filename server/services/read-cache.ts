// A bounded cache of what readers were shown by the hot reads (a sitting, the register, search,
// actions), keyed by the group's data version, so a view is computed once until the next write.
import type { Executor } from '../db/database.ts';
import { todayIso } from '../domain/calendar.ts';
import { sha256 } from '../domain/digest.ts';
import { dataVersion } from '../repositories/data-version.ts';
import type { RegisterQuery } from '../schemas/decisions.ts';
import { actionsFor } from './actions.ts';
import { auditConfidentialRead, type ConfidentialReading, type Reader } from './readers.ts';
import { registerFor } from './register.ts';
import { searchFor, sittingFor } from './sittings.ts';

/** A read's body and its entity tag (null when the cache is off). */
export interface Fresh<T> {
  body: T;
  etag: string | null;
}

interface Entry {
  version: number;
  body: unknown;
  readings: ConfidentialReading[];
  etag: string;
  /** The view's size as JSON, in characters. */
  size: number;
}

export interface ReadCacheOptions {
  enabled: boolean;
  /** How many views are kept; the least recently used goes first. */
  maxEntries?: number;
  /** How much they may hold together, as JSON characters (a register page of 1,000 decisions is about 0.3 M). */
  maxChars?: number;
}

/**
 * What a view depends on besides the request: members all see the same; a guest sees the public
 * version of only the sittings they attended, so each guest has their own.
 */
const viewOf = (reader: Reader) => (reader.view.seesConfidential ? 'full' : `public:${reader.personId ?? '-'}`);

export class ReadCache {
  readonly enabled: boolean;
  private readonly maxEntries: number;
  private readonly maxChars: number;
  private chars = 0;
  // A Map iterates in insertion order: re-inserting on use keeps the least recently used first.
  private readonly entries = new Map<string, Entry>();

  constructor({ enabled, maxEntries = 500, maxChars = 32 * 1024 * 1024 }: ReadCacheOptions) {
    this.enabled = enabled;
    this.maxEntries = maxEntries;
    this.maxChars = maxChars;
  }

  get size(): number {
    return this.entries.size;
  }

  private drop(key: string): void {
    const entry = this.entries.get(key);
    if (entry === undefined) return;
    this.chars -= entry.size;
    this.entries.delete(key);
  }

  private keep(key: string, entry: Entry): void {
    this.drop(key);
    if (entry.size > this.maxChars) return;
    this.entries.set(key, entry);
    this.chars += entry.size;
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries && this.chars <= this.maxChars) break;
      this.drop(oldest);
    }
  }

  /**
   * The view `compute` gives this reader, from the cache when nothing in the group changed since it
   * was computed. A hit records again each confidential reading the view made.
   */
  async read<T>(
    db: Executor,
    groupId: number,
    reader: Reader,
    request: string,
    compute: (reader: Reader) => Promise<T>,
  ): Promise<Fresh<T>> {
    if (!this.enabled) return { body: await compute(reader), etag: null };
    // Read before computing (with the session when the request had one): a view is then never
    // older than the version it is kept under.
    const version = reader.asOf?.groupId === groupId ? reader.asOf.version : await dataVersion(db, groupId);
    // Only the last part can hold a line break, so no two reads share a key.
    const key = `${groupId}\n${todayIso()}\n${viewOf(reader)}\n${request}`;
    const kept = this.entries.get(key);
    if (kept !== undefined && kept.version === version) {
      this.entries.delete(key);
      this.entries.set(key, kept);
      for (const r of kept.readings) await auditConfidentialRead(db, groupId, reader, r.recordType, r.recordId);
      return { body: kept.body as T, etag: kept.etag };
    }
    const readings: ConfidentialReading[] = [];
    const body = await compute({ ...reader, readings });
    const etag = `W/"${version.toString(36)}-${sha256(key, 'base64url').slice(0, 22)}"`;
    const now = this.entries.get(key);
    // A slower reader of an older version does not replace a newer view.
    if (now === undefined || now.version <= version) {
      this.keep(key, { version, body, readings, etag, size: JSON.stringify(body)?.length ?? 0 });
    }
    return { body, etag };
  }
}

/** The hot reads through the cache: each is the plain read service, keyed by what was asked. */
export function cachedSitting(cache: ReadCache, db: Executor, groupId: number, reader: Reader, id: number) {
  return cache.read(db, groupId, reader, `sitting:${id}`, (r) => sittingFor(db, groupId, r, id));
}

export function cachedSearch(cache: ReadCache, db: Executor, groupId: number, reader: Reader, query: string, limit?: number) {
  return cache.read(db, groupId, reader, `search:${JSON.stringify([query, limit ?? null])}`, (r) =>
    searchFor(db, groupId, r, query, limit),
  );
}

export function cachedRegister(cache: ReadCache, db: Executor, groupId: number, reader: Reader, query: RegisterQuery) {
  const asked = Object.entries(query)
    .filter(([, value]) => value !== undefined)
    // Code-unit order: the keys are ASCII names, and localeCompare would consult ICU on every request.
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return cache.read(db, groupId, reader, `register:${JSON.stringify(asked)}`, (r) => registerFor(db, groupId, r, query));
}

/** Whose actions a reader may see depends on who they are and their role, so both are in the key. */
export function cachedActions(cache: ReadCache, db: Executor, groupId: number, reader: Reader, personId: number | null) {
  const request = `actions:${JSON.stringify([reader.role, reader.personId, personId])}`;
  return cache.read(db, groupId, reader, request, (r) => actionsFor(db, groupId, r, personId));
}
