// The decisions carried over to a sitting: followed-up decisions of earlier sittings that were
// unfinished as of its date, live while it is a draft and frozen when it is signed.
import { isCarried, isOverdue, UNFINISHED_STATUSES, type DecisionState } from '../domain/decision-state.ts';
import { inheritsConfidentiality } from '../domain/reader-view.ts';
import type { Executor, SittingRow } from '../db/database.ts';
import { foldForSearch } from '../domain/search-text.ts';
import { defaultFollowUpItemTitle } from '../minutes/view-model.ts';
import { isSet } from './rows.ts';
import { decisionOrigin, decisionsOfGroup } from './decision-rows.ts';
import { statesOf } from './decision-state.ts';
import { refreshAgendaItemSearch } from './search-index.ts';
import type { CarriedDecision } from '../schemas/sittings.ts';

export async function carriedDecisions(db: Executor, sitting: SittingRow): Promise<CarriedDecision[]> {
  const frozen =
    sitting.state === 'signed'
      ? (await db.selectFrom('carried_decisions').select('decision_id').where('sitting_id', '=', sitting.id).execute()).map(
          (r) => r.decision_id,
        )
      : [];
  if (sitting.state === 'signed' && frozen.length === 0) return [];
  const reviewedHere = db.selectFrom('decision_reviews').select('decision_id').where('sitting_id', '=', sitting.id);
  // Decisions whose stored current state may include events from this sitting's day or later:
  // for them the state as of this sitting is worked out from their history.
  const late = await db
    .selectFrom('decision_reviews as r')
    .innerJoin('sittings as rs', 'rs.id', 'r.sitting_id')
    .select('r.decision_id')
    .where('rs.group_id', '=', sitting.group_id)
    .where('rs.date', '>=', sitting.date)
    .union(db.selectFrom('decision_notes').select('decision_id').where('effective_date', '>=', sitting.date))
    .execute();
  const lateIds = late.map((r) => r.decision_id);

  // Unfinished now (found through the status index), plus those whose state before this
  // sitting may differ from now, plus those already reviewed here; frozen lists are taken as they are.
  const reviewed = frozen.length > 0 ? [] : (await reviewedHere.execute()).map((r) => r.decision_id);
  const unfinishedNow =
    frozen.length > 0
      ? []
      : (
          await db
            .selectFrom('decisions')
            .select('id')
            .where('current_status', 'in', UNFINISHED_STATUSES)
            .where((eb) => eb.or([eb('due', 'is not', null), eb('id', 'in', eb.selectFrom('decision_owners').select('decision_id'))]))
            .execute()
        ).map((r) => r.id);
  const candidates = [...new Set([...frozen, ...unfinishedNow, ...lateIds, ...reviewed])];
  if (candidates.length === 0) return [];
  const rows = await decisionsOfGroup(db, sitting.group_id)
    .select((eb) =>
      eb
        .selectFrom('decision_owners as o')
        .whereRef('o.decision_id', '=', 'd.id')
        .select((e) => e.fn.countAll<number>().as('n'))
        .as('owner_count'),
    )
    .where('d.id', 'in', candidates)
    .where((eb) =>
      frozen.length > 0
        ? eb.lit(true)
        : eb.or([eb('s.date', '<', sitting.date), eb.and([eb('s.date', '=', sitting.date), eb('s.number', '<', sitting.number)])]),
    )
    .orderBy('s.date')
    .orderBy('s.number')
    .orderBy('d.number')
    .execute();

  const lateSet = new Set(lateIds);
  const recomputed = await statesOf(
    db,
    rows.filter((r) => lateSet.has(r.id)).map((r) => r.id),
    sitting.date,
  );
  const stateBefore = (r: (typeof rows)[number]): DecisionState => recomputed.get(r.id) ?? { status: r.current_status, due: r.current_due };

  const reviews = await db.selectFrom('decision_reviews').selectAll().where('sitting_id', '=', sitting.id).execute();
  const reviewOf = new Map(reviews.map((r) => [r.decision_id, r]));
  const carried = rows.filter(
    (r) =>
      frozen.length > 0 ||
      reviewOf.has(r.id) ||
      isCarried({ status: r.status, due: r.due, ownerCount: Number(r.owner_count ?? 0) }, stateBefore(r)),
  );
  if (carried.length === 0) return [];

  const ids = carried.map((r) => r.id);
  const [owners, notes] = await Promise.all([
    db
      .selectFrom('decision_owners')
      .select(['decision_id', 'name'])
      .where('decision_id', 'in', ids)
      .orderBy('decision_id')
      .orderBy('ordinal')
      .execute(),
    db
      .selectFrom('decision_notes')
      .select(['decision_id', 'note', 'status', 'effective_date'])
      .where('decision_id', 'in', ids)
      .where('effective_date', '<', sitting.date)
      .orderBy('effective_date')
      .orderBy('id')
      .execute(),
  ]);
  const lastReviewBefore = await db
    .selectFrom('decision_reviews as r')
    .innerJoin('sittings as rs', 'rs.id', 'r.sitting_id')
    .select(['r.decision_id'])
    .select((eb) => eb.fn.max('rs.date').as('date'))
    .where('r.decision_id', 'in', ids)
    .where('rs.date', '<', sitting.date)
    .groupBy('r.decision_id')
    .execute();
  const reviewedOn = new Map(lastReviewBefore.map((r) => [r.decision_id, r.date]));

  return carried.map((r) => {
    const state = stateBefore(r);
    const review = reviewOf.get(r.id);
    const since = reviewedOn.get(r.id) ?? r.sitting_date;
    return {
      decisionId: r.id,
      ...decisionOrigin(r),
      owners: owners.filter((o) => o.decision_id === r.id).map((o) => o.name),
      due: state.due,
      overdue: isOverdue(state.due, sitting.date),
      statusBefore: state.status,
      confidential: inheritsConfidentiality(r.confidential),
      notes: notes
        .filter((n) => n.decision_id === r.id && n.effective_date >= since)
        .map((n) => ({ note: n.note, status: n.status, date: n.effective_date })),
      review:
        review === undefined
          ? null
          : {
              id: review.id,
              status: review.status,
              note: review.note,
              due: review.new_due,
              notDiscussed: isSet(review.not_discussed),
              version: review.version,
            },
    };
  });
}

/**
 * Opens the agenda with the follow-up item when there is something to follow up; an agenda that
 * already starts with it (an imported document) just has it marked.
 */
export async function ensureFollowUpItem(db: Executor, sitting: SittingRow): Promise<void> {
  const title = defaultFollowUpItemTitle();
  const first = await db
    .selectFrom('agenda_items')
    .select(['id', 'title'])
    .where('sitting_id', '=', sitting.id)
    .orderBy('position')
    .limit(1)
    .executeTakeFirst();
  if (first !== undefined && foldForSearch(first.title) === foldForSearch(title)) {
    await db.updateTable('agenda_items').set({ follow_up: 1 }).where('id', '=', first.id).execute();
    return;
  }
  if ((await carriedDecisions(db, sitting)).length === 0) return;
  await db
    .updateTable('agenda_items')
    .set((eb) => ({ position: eb('position', '+', 1) }))
    .where('sitting_id', '=', sitting.id)
    .execute();
  await db
    .insertInto('agenda_items')
    .values({ sitting_id: sitting.id, position: 1, title, rapporteur: null, proceedings: '', confidential: 0, follow_up: 1 })
    .returning('id')
    .executeTakeFirstOrThrow()
    .then(({ id }) => refreshAgendaItemSearch(db, id));
}

/** Signing freezes the list: later changes elsewhere no longer move it. */
export async function freezeCarriedDecisions(db: Executor, sitting: SittingRow): Promise<void> {
  const carried = await carriedDecisions(db, sitting);
  await db.deleteFrom('carried_decisions').where('sitting_id', '=', sitting.id).execute();
  if (carried.length === 0) return;
  await db
    .insertInto('carried_decisions')
    .values(carried.map((c, i) => ({ sitting_id: sitting.id, decision_id: c.decisionId, ordinal: i + 1 })))
    .execute();
}
