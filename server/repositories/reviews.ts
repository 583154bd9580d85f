// The follow-up of earlier decisions recorded at a draft sitting (izpildes kontrole). Each
// review moves the decision's current state; "not discussed" leaves it as it was.
import { assertOptionalDate } from '../domain/calendar.ts';
import { assertVersion, Conflict, InvalidInput } from '../domain/errors.ts';
import type { DecisionStatus } from '../domain/decision-state.ts';
import type { DecisionReviewRow, Executor } from '../db/database.ts';
import type { NewReviewBody, Review, ReviewPatchBody } from '../schemas/sittings.ts';
import { refreshDecisionState, statesOf } from './decision-state.ts';
import { expectOneUpdated, flag, inTransaction, isSet, required } from './rows.ts';
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
      'r.not_discussed',
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
    notDiscussed: isSet(row.not_discussed),
    version: row.version,
  };
}

interface ReviewTerms {
  status: DecisionStatus;
  note: string | null;
  due: string | null;
  notDiscussed: boolean;
}

/** A cancellation needs its reason; "not discussed" keeps the status the decision had before. */
function checkTerms(terms: ReviewTerms, statusBefore: DecisionStatus): ReviewTerms {
  assertOptionalDate('due', terms.due);
  if (terms.notDiscussed) return { status: statusBefore, note: terms.note, due: null, notDiscussed: true };
  if (terms.status === 'cancelled' && (terms.note ?? '').trim() === '') {
    throw new InvalidInput('note', 'atceļot lēmumu, jānorāda iemesls.');
  }
  return terms;
}

async function statusBefore(db: Executor, decisionId: number, date: string): Promise<DecisionStatus> {
  return (await statesOf(db, [decisionId], date)).get(decisionId)?.status ?? 'open';
}

/** Records the follow-up of a decision taken at an earlier sitting of the same group. */
export async function addReview(db: Executor, groupId: number, sittingId: number, input: NewReviewBody): Promise<Review> {
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
    const terms = checkTerms(
      { status: input.status, note: input.note ?? null, due: input.due ?? null, notDiscussed: input.notDiscussed ?? false },
      await statusBefore(trx, input.decisionId, sitting.date),
    );
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
        status: terms.status,
        note: terms.note,
        new_due: terms.due,
        not_discussed: flag(terms.notDiscussed),
        ordinal: (last?.n ?? 0) + 1,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await refreshDecisionState(trx, [input.decisionId]);
    return getReview(trx, id);
  });
}

async function draftReview(db: Executor, groupId: number, id: number): Promise<{ review: DecisionReviewRow; date: string }> {
  const review = required(await db.selectFrom('decision_reviews').selectAll().where('id', '=', id).executeTakeFirst(), `${WHAT} ${id}`);
  const sitting = await draftSittingRow(db, groupId, review.sitting_id);
  return { review, date: sitting.date };
}

export async function updateReview(db: Executor, groupId: number, id: number, patch: ReviewPatchBody): Promise<Review> {
  return inTransaction(db, async (trx) => {
    const { review, date } = await draftReview(trx, groupId, id);
    assertVersion(WHAT, review.version, patch.version);
    const terms = checkTerms(
      {
        status: patch.status ?? review.status,
        note: patch.note === undefined ? review.note : patch.note,
        due: patch.due === undefined ? review.new_due : patch.due,
        notDiscussed: patch.notDiscussed ?? (patch.status === undefined && isSet(review.not_discussed)),
      },
      await statusBefore(trx, review.decision_id, date),
    );
    const result = await trx
      .updateTable('decision_reviews')
      .set((eb) => ({
        status: terms.status,
        note: terms.note,
        new_due: terms.due,
        not_discussed: flag(terms.notDiscussed),
        version: eb('version', '+', 1),
      }))
      .where('id', '=', id)
      .where('version', '=', patch.version)
      .executeTakeFirst();
    expectOneUpdated(result, true, WHAT);
    await refreshDecisionState(trx, [review.decision_id]);
    return getReview(trx, id);
  });
}

export async function deleteReview(db: Executor, groupId: number, id: number, version: number): Promise<void> {
  await inTransaction(db, async (trx) => {
    const { review } = await draftReview(trx, groupId, id);
    assertVersion(WHAT, review.version, version);
    await trx.deleteFrom('decision_reviews').where('id', '=', id).execute();
    await refreshDecisionState(trx, [review.decision_id]);
  });
}
