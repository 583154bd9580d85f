// The decisions carried over to a sitting: followed-up decisions of earlier sittings that were
// unfinished as of its date, live while it is a draft and frozen when it is signed.
import type { Executor, SittingRow } from '../db/database.ts';
import { isCarried, isOverdue, type DecisionState } from '../domain/decision-state.ts';
import { inheritsConfidentiality } from '../domain/reader-view.ts';
import { foldForSearch } from '../domain/search-text.ts';
import { defaultFollowUpItemTitle } from '../minutes/view-model.ts';
import {
  candidateRows,
  firstAgendaItem,
  frozenCarriedIds,
  insertFollowUpItem,
  markFollowUpItem,
  replaceCarried,
  type CandidateRow,
} from '../repositories/carry-over.ts';
import { reviewsOfSitting } from '../repositories/reviews.ts';
import type { CarriedDecision, Review } from '../schemas/sittings.ts';
import { decisionOrigin } from './decision-origin.ts';
import { statesOf } from '../repositories/decision-state.ts';
import { listOf } from '../repositories/rows.ts';

/** `reviews`: the sitting's reviews when the caller reads them too (opening a sitting), so they are read once. */
export async function carriedDecisions(db: Executor, sitting: SittingRow, reviews?: Promise<Review[]>): Promise<CarriedDecision[]> {
  const frozen = sitting.state === 'signed' ? await frozenCarriedIds(db, sitting.id) : [];
  if (sitting.state === 'signed' && frozen.length === 0) return [];
  // Reads that do not wait on one another go together: on PostgreSQL each is a round trip.
  const [rows, reviewed] = await Promise.all([candidateRows(db, sitting, frozen.length > 0), reviews ?? reviewsOfSitting(db, sitting.id)]);
  if (rows.length === 0) return [];

  // Their owners, notes and last review came with them; only the late ones' states are worked out.
  const recomputed = await statesOf(
    db,
    rows.filter((r) => Boolean(r.late)).map((r) => r.id),
    sitting.date,
  );
  const stateBefore = (r: CandidateRow): DecisionState => recomputed.get(r.id) ?? { status: r.current_status, due: r.current_due };
  const ownersOf = new Map(rows.map((r) => [r.id, listOf(r.owners).map((o) => o.name)]));

  const reviewOf = new Map(reviewed.map((r) => [r.decisionId, r]));
  const carried = rows.filter(
    (r) =>
      frozen.length > 0 ||
      reviewOf.has(r.id) ||
      isCarried({ status: r.status, due: r.due, ownerCount: ownersOf.get(r.id)?.length ?? 0 }, stateBefore(r)),
  );

  return carried.map((r) => {
    const state = stateBefore(r);
    const review = reviewOf.get(r.id);
    const since = r.last_review_date ?? r.sitting_date;
    return {
      ...decisionOrigin(r),
      decisionId: r.id,
      owners: ownersOf.get(r.id) ?? [],
      due: state.due,
      overdue: isOverdue(state.due, sitting.date),
      statusBefore: state.status,
      confidential: inheritsConfidentiality(r.confidential),
      notes: listOf(r.notes)
        .filter((n) => n.effective_date >= since)
        .map((n) => ({ note: n.note, status: n.status, date: n.effective_date, ...(n.external === 1 ? { external: true } : {}) })),
      review:
        review === undefined
          ? null
          : {
              id: review.id,
              status: review.status,
              note: review.note,
              due: review.due,
              notDiscussed: review.notDiscussed,
              version: review.version,
            },
    };
  });
}

/**
 * Opens the agenda with the follow-up item when there is something to follow up; an agenda that
 * already starts with it (an imported document) just has it marked.
 */
export async function ensureFollowUpItem(db: Executor, sitting: SittingRow, title = defaultFollowUpItemTitle()): Promise<void> {
  const first = await firstAgendaItem(db, sitting.id);
  if (first !== undefined && foldForSearch(first.title) === foldForSearch(title)) {
    await markFollowUpItem(db, first.id);
    return;
  }
  if ((await carriedDecisions(db, sitting)).length === 0) return;
  await insertFollowUpItem(db, sitting.id, title);
}

/** Signing freezes the list, as computed for the sitting being signed: later changes elsewhere no longer move it. */
export async function freezeCarriedDecisions(db: Executor, sittingId: number, carried: readonly CarriedDecision[]): Promise<void> {
  await replaceCarried(
    db,
    sittingId,
    carried.map((c) => c.decisionId),
  );
}
