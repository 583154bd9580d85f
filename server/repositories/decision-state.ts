// Keeps each decision's current status and deadline in step with its reviews and notes, and
// answers where a decision stood before a given day.
import { stateAsOf, type DecisionState, type StateEvent } from '../domain/decision-state.ts';
import type { Executor } from '../db/database.ts';
import { compiledOnce, idList, inIdList, type IdList } from './rows.ts';

const reviewEvents = compiledOnce((db: Executor, ids: IdList) =>
  db
    .selectFrom('decision_reviews as r')
    .innerJoin('sittings as s', 's.id', 'r.sitting_id')
    .select(['r.decision_id', 'r.id', 's.date', 's.number', 'r.status', 'r.new_due', 'r.not_discussed'])
    .where(inIdList(db, 'r.decision_id', ids)),
);

const noteEvents = compiledOnce((db: Executor, ids: IdList) =>
  db
    .selectFrom('decision_notes')
    .select(['decision_id', 'id', 'effective_date', 'status'])
    .where(inIdList(db, 'decision_id', ids))
    .where('status', 'is not', null),
);

const ownTerms = compiledOnce((db: Executor, ids: IdList) =>
  db
    .selectFrom('decisions')
    .select(['id', 'status', 'due'])
    .where(inIdList(db, 'id', ids)),
);

/** Each decision's reviews and notes as state events, by decision id. */
export async function eventsOf(db: Executor, decisionIds: readonly number[]): Promise<Map<number, StateEvent[]>> {
  const events = new Map<number, StateEvent[]>(decisionIds.map((id) => [id, []]));
  if (decisionIds.length === 0) return events;
  const [reviews, notes] = await Promise.all([reviewEvents(db, idList(db, decisionIds)), noteEvents(db, idList(db, decisionIds))]);
  for (const r of reviews) {
    events.get(r.decision_id)?.push({
      date: r.date,
      order: r.number * 1e6 + r.id,
      status: r.not_discussed === 0 ? r.status : undefined,
      due: r.new_due,
    });
  }
  // Notes count after the reviews of the same day.
  for (const n of notes) events.get(n.decision_id)?.push({ date: n.effective_date, order: 1e15 + n.id, status: n.status ?? undefined });
  return events;
}

/** The state of each decision after the events before `before` (all events when omitted). */
export async function statesOf(db: Executor, decisionIds: readonly number[], before?: string): Promise<Map<number, DecisionState>> {
  if (decisionIds.length === 0) return new Map();
  const [own, events] = await Promise.all([ownTerms(db, idList(db, decisionIds)), eventsOf(db, decisionIds)]);
  return new Map(own.map((d) => [d.id, stateAsOf(d, events.get(d.id) ?? [], before)]));
}

/** Recomputes the stored current status and deadline after any review, note or edit. */
export async function refreshDecisionState(db: Executor, decisionIds: readonly number[]): Promise<void> {
  for (const [id, state] of await statesOf(db, decisionIds)) {
    await db.updateTable('decisions').set({ current_status: state.status, current_due: state.due }).where('id', '=', id).execute();
  }
}
