// Reviews: the follow-up of an earlier decision recorded at a draft sitting, with its rules
// (only earlier decisions, one review each, a cancellation needs its reason, "not discussed").
// Each change owns its transaction and its audit record.
import type { Db, Executor } from '../db/database.ts';
import { assertOptionalDate } from '../domain/calendar.ts';
import { assertVersion, Conflict, InvalidInput } from '../domain/errors.ts';
import type { DecisionStatus } from '../domain/decision-state.ts';
import { refreshDecisionState, statesOf } from '../repositories/decision-state.ts';
import { deleteReviewRow, getReview, insertReview, reviewIdAt, reviewRow, updateReviewRow } from '../repositories/reviews.ts';
import { decisionOfGroup } from '../repositories/decision-rows.ts';
import type { Actor } from '../repositories/audit.ts';
import { REVIEW } from '../repositories/audit-records.ts';
import { flag, isSet } from '../repositories/rows.ts';
import type { NewReviewBody, Review, ReviewPatchBody } from '../schemas/sittings.ts';
import { runAudited, runAuditedCreate } from './audit.ts';
import { draftSitting } from './sittings.ts';

const WHAT = 'lēmuma izpildes ieraksts';

interface ReviewTerms {
  status: DecisionStatus;
  note: string | null;
  due: string | null;
  notDiscussed: boolean;
}

/** The review row's columns that hold its terms. */
function termColumns(terms: ReviewTerms) {
  return { status: terms.status, note: terms.note, new_due: terms.due, not_discussed: flag(terms.notDiscussed) };
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
export async function addReview(db: Db, groupId: number, actor: Actor, sittingId: number, input: NewReviewBody): Promise<Review> {
  return runAuditedCreate(db, groupId, actor, REVIEW, async (trx) => {
    const sitting = await draftSitting(trx, groupId, sittingId);
    const decision = await decisionOfGroup(trx, groupId, input.decisionId);
    if (decision === undefined) throw new InvalidInput('decisionId', `lēmums ${input.decisionId} nav atrasts.`);
    if (decision.sitting_id === sittingId || decision.date > sitting.date) {
      throw new InvalidInput('decisionId', 'var izskatīt tikai agrākās sēdēs pieņemtu lēmumu izpildi.');
    }
    const existing = await reviewIdAt(trx, input.decisionId, sittingId);
    if (existing !== undefined) throw new Conflict('Šī lēmuma izpilde šajā sēdē jau ir ierakstīta.', 'decisionId');
    const terms = checkTerms(
      { status: input.status, note: input.note ?? null, due: input.due ?? null, notDiscussed: input.notDiscussed ?? false },
      await statusBefore(trx, input.decisionId, sitting.date),
    );
    const id = await insertReview(trx, { decision_id: input.decisionId, sitting_id: sittingId, ...termColumns(terms) });
    await refreshDecisionState(trx, [input.decisionId]);
    return getReview(trx, id);
  });
}

async function draftReview(db: Executor, groupId: number, id: number) {
  const review = await reviewRow(db, id);
  const sitting = await draftSitting(db, groupId, review.sitting_id);
  return { review, date: sitting.date };
}

export async function updateReview(db: Db, groupId: number, actor: Actor, id: number, patch: ReviewPatchBody): Promise<Review> {
  return runAudited(db, groupId, actor, { ...REVIEW, action: 'update', recordId: id }, async (trx) => {
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
    await updateReviewRow(trx, id, patch.version, termColumns(terms));
    await refreshDecisionState(trx, [review.decision_id]);
    return getReview(trx, id);
  });
}

export async function deleteReview(db: Db, groupId: number, actor: Actor, id: number, version: number): Promise<void> {
  await runAudited(db, groupId, actor, { ...REVIEW, action: 'delete', recordId: id }, async (trx) => {
    const { review } = await draftReview(trx, groupId, id);
    assertVersion(WHAT, review.version, version);
    await deleteReviewRow(trx, id);
    await refreshDecisionState(trx, [review.decision_id]);
  });
}
