// Decision reviews (follow-ups recorded at a sitting) as rows; the rules are in services/reviews.ts.
import type { DecisionReviewRow, DecisionReviewTable, Executor } from '../db/database.ts';
import type { Updateable } from 'kysely';
import type { Review } from '../schemas/sittings.ts';
import { compiledOnce, isSet, jsonList, listOf, required, updateAtVersion, type JsonList } from './rows.ts';

const WHAT = 'lēmuma izpildes ieraksts';

/** Reviews with the number of the sitting and decision they follow up. */
function reviewsWithOrigin(db: Executor) {
  return db
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
    ]);
}

type ReviewWithOrigin = Awaited<ReturnType<ReturnType<typeof reviewsWithOrigin>['executeTakeFirstOrThrow']>>;

function toReview(row: ReviewWithOrigin): Review {
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

export async function getReview(db: Executor, id: number): Promise<Review> {
  return toReview(required(await reviewsWithOrigin(db).where('r.id', '=', id).executeTakeFirst(), `${WHAT} ${id}`));
}

/** The reviews recorded at a sitting, in their order. */
const reviewsAtQuery = (db: Executor, sittingId: number) =>
  reviewsWithOrigin(db).where('r.sitting_id', '=', sittingId).orderBy('r.ordinal').orderBy('r.id');
const reviewsAtSitting = compiledOnce(reviewsAtQuery);

export async function reviewsOfSitting(db: Executor, sittingId: number): Promise<Review[]> {
  const rows = await reviewsAtSitting(db, sittingId);
  return rows.map(toReview);
}

/** The same list as one column (rows.ts `jsonList`), for reading a sitting's parts in one statement. */
export function reviewList(db: Executor, sittingId: number) {
  return jsonList(db, reviewsAtQuery(db, sittingId)).as('reviews');
}

export const reviewsFrom = (list: JsonList<ReviewWithOrigin>): Review[] => listOf(list).map(toReview);

export function reviewIdAt(db: Executor, decisionId: number, sittingId: number) {
  return db
    .selectFrom('decision_reviews')
    .select('id')
    .where('decision_id', '=', decisionId)
    .where('sitting_id', '=', sittingId)
    .executeTakeFirst();
}

/** Inserts a review as the sitting's last one; returns its id. */
export async function insertReview(db: Executor, values: Omit<DecisionReviewRow, 'id' | 'ordinal' | 'version'>): Promise<number> {
  const last = await db
    .selectFrom('decision_reviews')
    .select((eb) => eb.fn.max('ordinal').as('n'))
    .where('sitting_id', '=', values.sitting_id)
    .executeTakeFirst();
  const { id } = await db
    .insertInto('decision_reviews')
    .values({ ...values, ordinal: (last?.n ?? 0) + 1 })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function reviewRow(db: Executor, id: number): Promise<DecisionReviewRow> {
  return required(await db.selectFrom('decision_reviews').selectAll().where('id', '=', id).executeTakeFirst(), `${WHAT} ${id}`);
}

/** Updates a review at the version given; a stale version is a conflict. */
export async function updateReviewRow(
  db: Executor,
  id: number,
  version: number,
  values: Pick<Updateable<DecisionReviewTable>, 'status' | 'note' | 'new_due' | 'not_discussed'>,
): Promise<void> {
  await updateAtVersion(db, 'decision_reviews', id, version, values, WHAT);
}

export async function deleteReviewRow(db: Executor, id: number): Promise<void> {
  await db.deleteFrom('decision_reviews').where('id', '=', id).execute();
}
