// Keeps a sitting's agenda positions and decision numbers gap-free (1..n) as rows come and go.
import { sql } from 'kysely';
import { renumbered } from '../domain/numbering.ts';
import type { Executor } from '../db/database.ts';

type Sequence = { table: 'agenda_items'; column: 'position' } | { table: 'decisions'; column: 'number' };

export const AGENDA: Sequence = { table: 'agenda_items', column: 'position' };
export const DECISIONS: Sequence = { table: 'decisions', column: 'number' };

/** The sitting's row ids in their current order. */
export async function orderedIds(db: Executor, seq: Sequence, sittingId: number): Promise<Map<number, number>> {
  const ordinal = sql<number>`${sql.ref(seq.column)}`;
  const rows = await db
    .selectFrom(seq.table)
    .select(['id', ordinal.as('ordinal')])
    .where('sitting_id', '=', sittingId)
    .orderBy(ordinal)
    .orderBy('id')
    .execute();
  return new Map(rows.map((r) => [r.id, r.ordinal]));
}

/** Writes the numbers that change when the rows take the order given. */
export async function applyOrder(
  db: Executor,
  seq: Sequence,
  ordered: readonly number[],
  current: ReadonlyMap<number, number>,
): Promise<void> {
  // Each row is written once with its final number; there is no unique index on the number
  // for an intermediate clash to trip over.
  for (const { id, number } of renumbered(ordered, current)) {
    await db
      .updateTable(seq.table)
      .set({ [seq.column]: number } as never)
      .where('id', '=', id)
      .execute();
  }
}

/** Closes the gap a removed row leaves. */
export async function closeGaps(db: Executor, seq: Sequence, sittingId: number): Promise<void> {
  const current = await orderedIds(db, seq, sittingId);
  await applyOrder(db, seq, [...current.keys()], current);
}
