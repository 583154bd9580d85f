// Sittings as rows: one by id or number, the next free number, the list, and deleting a draft.
// The use cases (opening, editing, reading one whole) are in services/sittings.ts.
import { UNFINISHED_STATUSES } from '../domain/decision-state.ts';
import { nextSittingNumber } from '../domain/numbering.ts';
import { assertDraft } from '../domain/sitting-lock.ts';
import type { Executor, SittingRow } from '../db/database.ts';
import type { SittingSummary } from '../schemas/sittings.ts';
import { followedUp } from './decision-predicates.ts';
import { expectOneUpdated, inTransaction, required } from './rows.ts';

export async function sittingRow(db: Executor, groupId: number, id: number): Promise<SittingRow> {
  const row = await db.selectFrom('sittings').selectAll().where('id', '=', id).where('group_id', '=', groupId).executeTakeFirst();
  return required(row, `sēde ${id}`);
}

/** The sitting, checked to be a draft: every write to a sitting or its parts starts here. */
export async function draftSittingRow(db: Executor, groupId: number, id: number): Promise<SittingRow> {
  const row = await sittingRow(db, groupId, id);
  assertDraft(row);
  return row;
}

export async function sittingIdByNumber(db: Executor, groupId: number, number: number): Promise<number | undefined> {
  const row = await db.selectFrom('sittings').select('id').where('group_id', '=', groupId).where('number', '=', number).executeTakeFirst();
  return row?.id;
}

export async function suggestedNumber(db: Executor, groupId: number): Promise<number> {
  const row = await db
    .selectFrom('sittings')
    .select((eb) => eb.fn.max('number').as('highest'))
    .where('group_id', '=', groupId)
    .executeTakeFirst();
  return nextSittingNumber(row?.highest ?? null);
}

export async function deleteSitting(db: Executor, groupId: number, id: number, version: number): Promise<void> {
  await inTransaction(db, async (trx) => {
    await draftSittingRow(trx, groupId, id);
    const result = await trx.deleteFrom('sittings').where('id', '=', id).where('version', '=', version).executeTakeFirst();
    if (result.numDeletedRows === 0n) expectOneUpdated(undefined, true, 'sēde');
  });
}

export async function listSittings(db: Executor, groupId: number): Promise<SittingSummary[]> {
  const rows = await db
    .selectFrom('sittings as s')
    .select((eb) => [
      's.id',
      's.number',
      's.date',
      's.place',
      's.state',
      's.version',
      eb
        .selectFrom('decisions as d')
        .whereRef('d.sitting_id', '=', 's.id')
        .select((e) => e.fn.countAll<number>().as('n'))
        .as('decisionCount'),
      eb
        .selectFrom('decisions as d')
        .whereRef('d.sitting_id', '=', 's.id')
        .where('d.status', 'in', UNFINISHED_STATUSES)
        .where(followedUp('d'))
        .select((e) => e.fn.countAll<number>().as('n'))
        .as('openFollowUps'),
    ])
    .where('s.group_id', '=', groupId)
    .orderBy('s.date', 'desc')
    .orderBy('s.number', 'desc')
    .execute();
  return rows.map((r) => ({ ...r, decisionCount: Number(r.decisionCount ?? 0), openFollowUps: Number(r.openFollowUps ?? 0) }));
}
