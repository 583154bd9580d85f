// Small helpers shared by the repositories: flags, timestamps, guarded updates.
import {
  sql,
  type Compilable,
  type CompiledQuery,
  type RawBuilder,
  type SelectQueryBuilder,
  type SqlBool,
  type Transaction,
  type Updateable,
  type UpdateResult,
} from 'kysely';
import type { Database, Executor } from '../db/database.ts';
import { jsonArrayFrom as postgresJsonArray } from 'kysely/helpers/postgres';
import { jsonArrayFrom as sqliteJsonArray } from 'kysely/helpers/sqlite';
import { isPostgres } from '../db/postgres.ts';
import { transact } from '../db/transaction.ts';
import { notFound, StaleVersion } from '../domain/errors.ts';

export const flag = (value: boolean): number => (value ? 1 : 0);
export const isSet = (value: number): boolean => value !== 0;
export const nowIso = (): string => new Date().toISOString();

/** Drops the keys whose value is undefined, so a partial update touches only what was sent. */
export function definedOnly<T extends Record<string, unknown>>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * Judges a `... where id = ? and version = ?` update: no row changed means the record is
 * gone (404) or someone else changed it first (409).
 */
export function expectOneUpdated(result: UpdateResult | undefined, exists: boolean, what: string): void {
  if (result !== undefined && result.numUpdatedRows > 0n) return;
  if (!exists) throw notFound(what);
  throw new StaleVersion(what);
}

export function required<T>(row: T | undefined, what: string): T {
  if (row === undefined) throw notFound(what);
  return row;
}

/** Runs `fn` in the caller's transaction, or in a new one: a multi-row change is all or nothing. */
export function inTransaction<T>(db: Executor, fn: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  return transact(db, fn);
}

/** The tables whose rows are edited at a version: each has `id` and `version`. */
type VersionedTable = 'agenda_items' | 'attendance' | 'decisions' | 'decision_reviews';

/** Updates one row at the version given and moves its version on; a stale version is a conflict. */
export async function updateAtVersion<T extends VersionedTable>(
  db: Executor,
  table: T,
  id: number,
  version: number,
  values: Updateable<Database[T]>,
  what: string,
): Promise<void> {
  const result = await db
    .updateTable(table as VersionedTable)
    // Kysely types `set` per table, not over a union of tables that share these columns.
    .set((eb) => ({ ...values, version: eb('version', '+', 1) }) as never)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  expectOneUpdated(result, true, what);
}

/** Moves a row's version on when a change to it was written elsewhere (its place in a sequence). */
export async function bumpVersion(db: Executor, table: VersionedTable, id: number): Promise<void> {
  await db
    .updateTable(table)
    .set((eb) => ({ version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

/** Stands in for an argument while a query is compiled; its value is bound at each run. */
class Slot {
  readonly index: number;

  constructor(index: number) {
    this.index = index;
  }
}

/**
 * A query whose SQL never changes, built and compiled once per database handle and then only
 * bound: on the paths every request takes (the session, the data version) Kysely's building and
 * compiling cost more than SQLite's answer. `build` receives stand-ins for `args`, which it may
 * only pass on as values.
 */
export function compiledOnce<A extends unknown[], R>(
  build: (db: Executor, ...args: A) => Compilable<R>,
): (db: Executor, ...args: A) => Promise<R[]> {
  const compiled = new WeakMap<Executor, { query: CompiledQuery<R>; slots: Array<number | null> }>();
  return async (db, ...args) => {
    let entry = compiled.get(db);
    if (entry === undefined) {
      const query = build(db, ...(args.map((_, i) => new Slot(i)) as A)).compile();
      entry = { query, slots: query.parameters.map((p) => (p instanceof Slot ? p.index : null)) };
      if (new Set(entry.slots.filter((slot) => slot !== null)).size !== args.length)
        throw new Error(`compiledOnce: the query binds ${entry.slots.length} parameters but not each of its ${args.length} arguments`);
      compiled.set(db, entry);
    }
    const { query, slots } = entry;
    const parameters = query.parameters.map((p, i) => {
      const slot = slots[i];
      return slot === null || slot === undefined ? p : args[slot];
    });
    return (await db.executeQuery<R>({ ...query, parameters })).rows;
  };
}

/** A list of ids bound as one parameter (see `inIdList`). */
export type IdList = string | readonly number[];

/** The ids as one parameter: a JSON array on SQLite, an array on PostgreSQL. */
export function idList(db: Executor, ids: readonly number[]): IdList {
  return isPostgres(db) ? ids : JSON.stringify(ids);
}

/**
 * `column IN ids` with the ids as one parameter (from `idList`): the SQL is the same whatever the
 * list's length, so it is prepared once (`compiledOnce`) rather than once per length.
 */
export function inIdList(db: Executor, column: string, ids: IdList): RawBuilder<SqlBool> {
  return isPostgres(db)
    ? sql<SqlBool>`${sql.ref(column)} = any(${ids}::integer[])`
    : sql<SqlBool>`${sql.ref(column)} in (select value from json_each(${ids}))`;
}

/** A list of rows as a column holds it: JSON text on SQLite, parsed already on PostgreSQL. */
export type JsonList<O> = string | O[];

/**
 * A correlated subquery's rows as one column of each outer row, a JSON list the database builds:
 * the children of many rows come in the same statement as the rows, not in one more per kind.
 * Read it with `listOf`.
 */
export function jsonList<DB, TB extends keyof DB, O>(db: Executor, query: SelectQueryBuilder<DB, TB, O>): RawBuilder<JsonList<O>> {
  return (isPostgres(db) ? postgresJsonArray(query) : sqliteJsonArray(query)) as RawBuilder<JsonList<O>>;
}

export function listOf<O>(value: JsonList<O>): O[] {
  return typeof value === 'string' ? (JSON.parse(value) as O[]) : value;
}
