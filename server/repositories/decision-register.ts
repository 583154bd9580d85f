// The decision register's rows: the group's decisions filtered, one decision's reviews and notes,
// the owners and notes of many decisions, a person's decisions, and writing a progress note.
// What they mean (followed up, overdue, who sees what) is decided in services/register.ts.
import type { Executor } from '../db/database.ts';
import { FINISHED_STATUSES, UNFINISHED_STATUSES, type DecisionStatus } from '../domain/decision-state.ts';
import type { RegisterQuery } from '../schemas/decisions.ts';
import { followedUp, notFollowedUp, unfinishedFollowedUp } from './decision-predicates.ts';
import { decisionOfGroup, decisionsOfGroup, decisionsOwnedBy, type DecisionRowOfGroup } from './decision-rows.ts';
import { refreshDecisionState } from './decision-state.ts';
import { containsEveryWord } from './search-index.ts';
import { compiledOnce, idList, inIdList, nowIso, type IdList } from './rows.ts';

export type RegisterRow = DecisionRowOfGroup;

/** The register's filter with the plan activity already in its stored form (`5.3.`). */
export type RegisterFilter = RegisterQuery;

/** Where a register page starts: just after this decision, in register order. */
export interface RegisterCursor {
  sittingId: number;
  sittingDate: string;
  sittingNumber: number;
  decisionNumber: number;
}

/** The place of one of the group's decisions in register order, to start the page after it. */
export async function registerCursor(db: Executor, groupId: number, decisionId: number): Promise<RegisterCursor | undefined> {
  const row = await decisionOfGroup(db, groupId, decisionId);
  return row && { sittingId: row.sitting_id, sittingDate: row.date, sittingNumber: row.number, decisionNumber: row.decision_number };
}

/**
 * Decisions matching the filter, newest sitting first, from `after` on and at most `limit` of
 * them (all when null); `today` decides what is overdue. The order is that of the sittings'
 * (group, date, number) index and each sitting's decisions by number, so a page stops at its limit.
 */
export function registerRows(
  db: Executor,
  groupId: number,
  filter: RegisterFilter,
  today: string,
  page: { limit: number | null; after?: RegisterCursor },
): Promise<RegisterRow[]> {
  let query = decisionsOfGroup(db, groupId);
  if (filter.status !== undefined) query = query.where('d.current_status', '=', filter.status);
  if (filter.owner !== undefined) {
    query = query.where('d.id', 'in', db.selectFrom('decision_owners').select('decision_id').where('person_id', '=', filter.owner));
  }
  if (filter.followedUp !== undefined) query = query.where(filter.followedUp ? followedUp('d') : notFollowedUp('d'));
  if (filter.overdue === true) query = query.where(unfinishedFollowedUp('d')).where('d.current_due', '<', today);
  if (filter.dueFrom !== undefined) query = query.where('d.current_due', '>=', filter.dueFrom);
  if (filter.dueTo !== undefined) query = query.where('d.current_due', '<=', filter.dueTo);
  if (filter.sitting !== undefined) query = query.where('s.number', '=', filter.sitting);
  // Stored numbers end with a dot and the filter is given one, so `5.3.` finds 5.3. and 5.3.1. but not 5.30.
  if (filter.planActivity !== undefined) query = query.where('d.plan_activity', 'like', `${filter.planActivity}%`);
  for (const condition of containsEveryWord('d.search_text', filter.q ?? '')) query = query.where(condition);
  const after = page.after;
  if (after !== undefined) {
    query = query
      .where((eb) => eb(eb.refTuple('s.date', 's.number'), '<=', eb.tuple(after.sittingDate, after.sittingNumber)))
      .where((eb) => eb.or([eb('s.id', '<>', after.sittingId), eb('d.number', '>', after.decisionNumber)]));
  }
  const ordered = query.orderBy('s.date', 'desc').orderBy('s.number', 'desc').orderBy('d.number');
  return (page.limit === null ? ordered : ordered.limit(page.limit)).execute();
}

export function registerRow(db: Executor, groupId: number, id: number): Promise<RegisterRow | undefined> {
  return decisionsOfGroup(db, groupId).where('d.id', '=', id).executeTakeFirst();
}

const ownersOfList = compiledOnce((db: Executor, ids: IdList) =>
  db
    .selectFrom('decision_owners')
    .select(['decision_id', 'person_id', 'name'])
    .where(inIdList(db, 'decision_id', ids))
    .orderBy('decision_id')
    .orderBy('ordinal'),
);

/** The owners of these decisions, in each decision's order. */
export async function ownersOf(db: Executor, decisionIds: number[]) {
  if (decisionIds.length === 0) return [];
  return ownersOfList(db, idList(db, decisionIds));
}

const notesOfList = compiledOnce((db: Executor, ids: IdList) =>
  db
    .selectFrom('decision_notes')
    .select(['decision_id', 'note', 'status', 'effective_date', 'external'])
    .where(inIdList(db, 'decision_id', ids))
    .orderBy('effective_date')
    .orderBy('id'),
);

/** The progress notes of these decisions, oldest first. */
export async function notesOf(db: Executor, decisionIds: number[]) {
  if (decisionIds.length === 0) return [];
  return notesOfList(db, idList(db, decisionIds));
}

/** What a decision's history is made of: its own terms, the reviews of it and its progress notes. */
export async function historyRows(db: Executor, decisionId: number) {
  const [own, reviews, notes] = await Promise.all([
    db.selectFrom('decisions').select(['status', 'due']).where('id', '=', decisionId).executeTakeFirstOrThrow(),
    db
      .selectFrom('decision_reviews as r')
      .innerJoin('sittings as s', 's.id', 'r.sitting_id')
      .select(['s.date', 's.number', 'r.status', 'r.new_due', 'r.note', 'r.not_discussed'])
      .where('r.decision_id', '=', decisionId)
      .orderBy('s.date')
      .execute(),
    notesOf(db, [decisionId]),
  ]);
  return { own, reviews, notes };
}

/** Whether the person is one of the decision's owners. */
export async function ownsDecision(db: Executor, decisionId: number, personId: number): Promise<boolean> {
  const row = await db
    .selectFrom('decision_owners')
    .select('id')
    .where('decision_id', '=', decisionId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Stores a progress note and brings the decision's current state up to date. */
export async function insertNote(
  db: Executor,
  decisionId: number,
  note: { note: string; status: DecisionStatus | null; authorId: number | null; date: string; external?: boolean },
): Promise<void> {
  await db
    .insertInto('decision_notes')
    .values({
      decision_id: decisionId,
      note: note.note,
      status: note.status,
      author_id: note.authorId,
      effective_date: note.date,
      created_at: nowIso(),
      external: note.external === true ? 1 : 0,
    })
    .execute();
  await refreshDecisionState(db, [decisionId]);
}

const openOwnedBy = compiledOnce((db: Executor, groupId: number, personId: number) =>
  decisionsOwnedBy(db, groupId, personId).where('d.current_status', 'in', UNFINISHED_STATUSES),
);

const recentlyFinishedOwnedBy = compiledOnce((db: Executor, groupId: number, personId: number, recentFrom: string) =>
  decisionsOwnedBy(db, groupId, personId)
    .where('d.current_status', 'in', FINISHED_STATUSES)
    .where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom('decision_reviews as r')
            .innerJoin('sittings as rs', 'rs.id', 'r.sitting_id')
            .whereRef('r.decision_id', '=', 'd.id')
            .where('rs.date', '>=', recentFrom)
            .select('r.id'),
        ),
        eb.exists(
          eb
            .selectFrom('decision_notes as n')
            .whereRef('n.decision_id', '=', 'd.id')
            .where('n.effective_date', '>=', recentFrom)
            .select('n.id'),
        ),
      ]),
    ),
);

/** A person's unfinished decisions, and the finished ones reviewed or noted on since `recentFrom`, starting from the person's owner rows. */
export async function personDecisionRows(db: Executor, groupId: number, personId: number, recentFrom: string) {
  const [open, finished] = await Promise.all([
    openOwnedBy(db, groupId, personId),
    recentlyFinishedOwnedBy(db, groupId, personId, recentFrom),
  ]);
  return { open: onceEach(open), finished: onceEach(finished) };
}

/** A person named twice among a decision's owners still owes it once. */
function onceEach(rows: RegisterRow[]): RegisterRow[] {
  const seen = new Set<number>();
  return rows.filter((r) => !seen.has(r.id) && seen.add(r.id) !== undefined);
}
