// The follow-up of earlier decisions recorded at a draft sitting (izpildes kontrole).
import { assertOptionalDate } from '../domain/calendar.ts';
import { assertVersion, Conflict, InvalidInput } from '../domain/errors.ts';
import type { Executor } from '../db/database.ts';
import type { NewReviewBody, Review, ReviewPatchBody } from '../schemas/sittings.ts';
import { definedOnly, expectOneUpdated, inTransaction, required } from './rows.ts';
import { draftSittingRow } from './sittings.ts';

const WHAT = 'lēmuma izpildes ieraksts';

export async function getReview(db: Executor, id: number): Promise<Review> {
  const r = await db
    .selectFrom('decision_reviews as r')
    .innerJoin('decisions as d', 'd.id', 'r.decision_id')
    .innerJoin('sittings as ds', 'ds.id', 'd.sitting_id')
    .select([
      'r.id',
      'r.decision_id',
      'ds.number as sitting_number',
      'd.number as decision_number',
      'r.status',
      'r.note',
      'r.new_due',
      'r.version',
    ])
    .where('r.id', '=', id)
    .executeTakeFirst();
  const row = required(r, `${WHAT} ${id}`);
  return {
    id: row.id,
    decisionId: row.decision_id,
    sittingNumber: row.sitting_number,
    decisionNumber: row.decision_number,
    status: row.status,
    note: row.note,
    due: row.new_due,
    version: row.version,
  };
}

/** Records the follow-up of a decision taken at an earlier sitting of the same group. */
export async function addReview(db: Executor, groupId: number, sittingId: number, input: NewReviewBody): Promise<Review> {
  assertOptionalDate('due', input.due);
  return inTransaction(db, async (trx) => {
    const sitting = await draftSittingRow(trx, groupId, sittingId);
    const decision = await trx
      .selectFrom('decisions as d')
      .innerJoin('sittings as s', 's.id', 'd.sitting_id')
      .select(['d.id', 's.id as sitting_id', 's.date', 's.number'])
      .where('d.id', '=', input.decisionId)
      .where('s.group_id', '=', groupId)
      .executeTakeFirst();
    if (decision === undefined) throw new InvalidInput('decisionId', `lēmums ${input.decisionId} nav atrasts.`);
    if (decision.sitting_id === sittingId || decision.date > sitting.date) {
      throw new InvalidInput('decisionId', 'var izskatīt tikai agrākās sēdēs pieņemtu lēmumu izpildi.');
    }
    const existing = await trx
      .selectFrom('decision_reviews')
      .select('id')
      .where('decision_id', '=', input.decisionId)
      .where('sitting_id', '=', sittingId)
      .executeTakeFirst();
    if (existing !== undefined) throw new Conflict('Šī lēmuma izpilde šajā sēdē jau ir ierakstīta.', 'decisionId');
    const last = await trx
      .selectFrom('decision_reviews')
      .select((eb) => eb.fn.max('ordinal').as('n'))
      .where('sitting_id', '=', sittingId)
      .executeTakeFirst();
    const { id } = await trx
      .insertInto('decision_reviews')
      .values({
        decision_id: input.decisionId,
        sitting_id: sittingId,
        status: input.status,
        note: input.note ?? null,
        new_due: input.due ?? null,
        ordinal: (last?.n ?? 0) + 1,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return getReview(trx, id);
  });
}

async function draftReview(db: Executor, groupId: number, id: number) {
  const row = required(await db.selectFrom('decision_reviews').selectAll().where('id', '=', id).executeTakeFirst(), `${WHAT} ${id}`);
  await draftSittingRow(db, groupId, row.sitting_id);
  return row;
}

export async function updateReview(db: Executor, groupId: number, id: number, patch: ReviewPatchBody): Promise<Review> {
  assertOptionalDate('due', patch.due);
  return inTransaction(db, async (trx) => {
    await draftReview(trx, groupId, id);
    const result = await trx
      .updateTable('decision_reviews')
      .set((eb) => ({ ...definedOnly({ status: patch.status, note: patch.note, new_due: patch.due }), version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .where('version', '=', patch.version)
      .executeTakeFirst();
    expectOneUpdated(result, true, WHAT);
    return getReview(trx, id);
  });
}

export async function deleteReview(db: Executor, groupId: number, id: number, version: number): Promise<void> {
  await inTransaction(db, async (trx) => {
    const row = await draftReview(trx, groupId, id);
    assertVersion(WHAT, row.version, version);
    await trx.deleteFrom('decision_reviews').where('id', '=', id).execute();
  });
}
