// Small helpers shared by the repositories: flags, timestamps, guarded updates.
import type { Transaction, Updateable, UpdateResult } from 'kysely';
import type { Database, Executor } from '../db/database.ts';
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
  return db.isTransaction ? fn(db as Transaction<Database>) : db.transaction().execute(fn);
}

/** Rows by their decision, in the order given: attached to many decisions in one pass, not one `.filter` per decision. */
export function groupBy<T extends { decision_id: number }>(rows: readonly T[]): Map<number, T[]> {
  const byDecision = new Map<number, T[]>();
  for (const row of rows) {
    const list = byDecision.get(row.decision_id);
    if (list === undefined) byDecision.set(row.decision_id, [row]);
    else list.push(row);
  }
  return byDecision;
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
