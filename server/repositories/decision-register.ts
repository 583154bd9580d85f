// The decision register's rows: the group's decisions filtered, one decision's reviews and notes,
// the owners and notes of many decisions, a person's decisions, and writing a progress note.
// What they mean (followed up, overdue, who sees what) is decided in services/register.ts.
import type { Executor } from '../db/database.ts';
import { FINISHED_STATUSES, UNFINISHED_STATUSES, isUnfinished, type DecisionStatus } from '../domain/decision-state.ts';
import type { RegisterQuery } from '../schemas/decisions.ts';
import { followedUp, notFollowedUp, unfinishedFollowedUp } from './decision-predicates.ts';
import { decisionOfGroup, decisionsOfGroup, decisionsOwnedBy, notesOfRow, type DecisionRowOfGroup } from './decision-rows.ts';
import { refreshDecisionState } from './decision-state.ts';
import { containsEveryWord } from './search-index.ts';
import { compiledOnce, nowIso } from './rows.ts';

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
  const values: RegisterValues = {
    groupId,
    status: filter.status,
    owner: filter.owner,
    today: filter.overdue === true ? today : undefined,
    dueFrom: filter.dueFrom,
    dueTo: filter.dueTo,
    sitting: filter.sitting,
    // Stored numbers end with a dot and the filter is given one, so `5.3.` finds 5.3. and 5.3.1. but not 5.30.
    planActivity: filter.planActivity === undefined ? undefined : `${filter.planActivity}%`,
    afterDate: page.after?.sittingDate,
    afterNumber: page.after?.sittingNumber,
    afterSitting: page.after?.sittingId,
    afterDecision: page.after?.decisionNumber,
    limit: page.limit ?? undefined,
  };
  // A word search's SQL changes with the number of words: built each time.
  if (filter.q !== undefined) return registerQuery(db, values, filter.followedUp, filter.q).execute();
  const keys = (Object.keys(values) as Array<keyof RegisterValues>).filter((k) => values[k] !== undefined);
  const shape = `${String(filter.followedUp)}:${keys.join()}`;
  let run = registerShapes.get(shape);
  if (run === undefined) {
    run = compiledOnce((db: Executor, ...args: unknown[]) =>
      registerQuery(db, Object.fromEntries(keys.map((k, i) => [k, args[i]])) as unknown as RegisterValues, filter.followedUp, undefined),
    );
    registerShapes.set(shape, run);
  }
  return run(db, ...keys.map((k) => values[k]));
}

/** The register's query values; which of them are given (and `followedUp`) is its shape. */
interface RegisterValues {
  groupId: number;
  status?: DecisionStatus;
  owner?: number;
  today?: string;
  dueFrom?: string;
  dueTo?: string;
  sitting?: number;
  planActivity?: string;
  afterDate?: string;
  afterNumber?: number;
  afterSitting?: number;
  afterDecision?: number;
  limit?: number;
}

/** The register's query for each shape of filter met so far, compiled once (a few dozen at most). */
const registerShapes = new Map<string, (db: Executor, ...args: unknown[]) => Promise<RegisterRow[]>>();

function registerQuery(db: Executor, v: RegisterValues, followedUpAsked: boolean | undefined, q: string | undefined) {
  let query = decisionsOfGroup(db, v.groupId);
  if (v.status !== undefined) query = query.where('d.current_status', '=', v.status);
  if (v.owner !== undefined) {
    query = query.where('d.id', 'in', db.selectFrom('decision_owners').select('decision_id').where('person_id', '=', v.owner));
  }
  if (followedUpAsked !== undefined) query = query.where(followedUpAsked ? followedUp('d') : notFollowedUp('d'));
  if (v.today !== undefined) query = query.where(unfinishedFollowedUp('d')).where('d.current_due', '<', v.today);
  if (v.dueFrom !== undefined) query = query.where('d.current_due', '>=', v.dueFrom);
  if (v.dueTo !== undefined) query = query.where('d.current_due', '<=', v.dueTo);
  if (v.sitting !== undefined) query = query.where('s.number', '=', v.sitting);
  if (v.planActivity !== undefined) query = query.where('d.plan_activity', 'like', v.planActivity);
  for (const condition of containsEveryWord('d.search_text', q ?? '')) query = query.where(condition);
  const { afterDate, afterNumber, afterSitting, afterDecision } = v;
  if (afterDate !== undefined && afterNumber !== undefined && afterSitting !== undefined && afterDecision !== undefined) {
    query = query
      .where((eb) => eb(eb.refTuple('s.date', 's.number'), '<=', eb.tuple(afterDate, afterNumber)))
      .where((eb) => eb.or([eb('s.id', '<>', afterSitting), eb('d.number', '>', afterDecision)]));
  }
  const ordered = query.orderBy('s.date', 'desc').orderBy('s.number', 'desc').orderBy('d.number');
  return v.limit === undefined ? ordered : ordered.limit(v.limit);
}

export function registerRow(db: Executor, groupId: number, id: number): Promise<RegisterRow | undefined> {
  return decisionsOfGroup(db, groupId).where('d.id', '=', id).executeTakeFirst();
}

/** A decision's progress notes, oldest first. */
const notesOfDecision = compiledOnce((db: Executor, decisionId: number) =>
  db
    .selectFrom('decision_notes')
    .select(['note', 'status', 'effective_date', 'external'])
    .where('decision_id', '=', decisionId)
    .orderBy('effective_date')
    .orderBy('id'),
);

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
    notesOfDecision(db, decisionId),
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

// A person's unfinished decisions and the recently finished ones in one query, split by status after:
// on PostgreSQL each query is a round trip.
const actionRowsOwnedBy = compiledOnce((db: Executor, groupId: number, personId: number, recentFrom: string) =>
  decisionsOwnedBy(db, groupId, personId)
    .select(notesOfRow(db))
    .where((eb) =>
      eb.or([
        eb('d.current_status', 'in', UNFINISHED_STATUSES),
        eb.and([
          eb('d.current_status', 'in', FINISHED_STATUSES),
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
        ]),
      ]),
    ),
);

/** A person's unfinished decisions, and the finished ones reviewed or noted on since `recentFrom`, starting from the person's owner rows. */
export type ActionRow = Awaited<ReturnType<typeof actionRowsOwnedBy>>[number];

export async function personDecisionRows(db: Executor, groupId: number, personId: number, recentFrom: string) {
  const rows = await actionRowsOwnedBy(db, groupId, personId, recentFrom);
  const unfinished = rows.filter((r) => isUnfinished(r.current_status));
  return { open: onceEach(unfinished), finished: onceEach(rows.filter((r) => !isUnfinished(r.current_status))) };
}

/** A person named twice among a decision's owners still owes it once. */
function onceEach<R extends { id: number }>(rows: R[]): R[] {
  const seen = new Set<number>();
  return rows.filter((r) => !seen.has(r.id) && seen.add(r.id) !== undefined);
}
