// The rows behind carry-over: candidate decisions of earlier sittings, their owners, notes and
// reviews, the frozen list and the follow-up agenda item. The rule is in services/carry-over.ts.
import { sql, type SelectQueryBuilder } from 'kysely';
import type { Executor, SittingRow } from '../db/database.ts';
import { unfinishedFollowedUp } from './decision-predicates.ts';
import { DECISION_COLUMNS, notesOfRow, ownersOfRow } from './decision-rows.ts';
import { compiledOnce } from './rows.ts';
import { refreshAgendaItemSearch } from './search-index.ts';

/** The decisions frozen into a signed sitting's list, in order. */
export async function frozenCarriedIds(db: Executor, sittingId: number): Promise<number[]> {
  return (await db.selectFrom('carried_decisions').select('decision_id').where('sitting_id', '=', sittingId).execute()).map(
    (r) => r.decision_id,
  );
}

// Whether a candidate is late comes with its id: the query that found it knows, so no row is looked up again.
const LATE = sql<number>`1`.as('late');
const NOT_LATE = sql<number>`0`.as('late');

/** Decisions reviewed or noted on from the sitting's day on: their state before it is worked out from their history. */
function lateIdsQuery(db: Executor, groupId: number, date: string) {
  return db
    .selectFrom('decision_reviews as r')
    .innerJoin('sittings as rs', 'rs.id', 'r.sitting_id')
    .select(['r.decision_id as id', LATE])
    .where('rs.group_id', '=', groupId)
    .where('rs.date', '>=', date)
    .unionAll(db.selectFrom('decision_notes').select(['decision_id as id', LATE]).where('effective_date', '>=', date));
}

/**
 * The candidates' rows with their owner count, sitting by sitting: a signed sitting's frozen list
 * as it is, else the decisions of earlier sittings that are followed up and unfinished now (the
 * partial index), late (`lateIdsQuery`) or reviewed at this sitting. One query: the ids are
 * joined, never sent as a list.
 */
export async function candidateRows(db: Executor, sitting: SittingRow, frozen: boolean) {
  const rows = frozen
    ? await frozenCandidates(db, sitting.group_id, sitting.id, sitting.date)
    : await liveCandidates(db, sitting.group_id, sitting.date, sitting.id, sitting.number);
  // Once each and sorted here, not by the database: the candidates come by id, and they are few. A
  // decision found both unfinished and late is late.
  const once = new Map<number, (typeof rows)[number]>();
  for (const r of rows) {
    const seen = once.get(r.id);
    if (seen === undefined) once.set(r.id, r);
    else if (r.late) seen.late = r.late;
  }
  return [...once.values()].sort(
    (a, b) => a.sitting_date.localeCompare(b.sitting_date) || a.sitting_number - b.sitting_number || a.number - b.number,
  );
}

/** Decisions of earlier sittings followed up and unfinished now, late ones, and those reviewed at this sitting (late too: reviewed on its day). */
function liveCandidateIds(db: Executor, groupId: number, date: string, sittingId: number) {
  return (
    db
      // Decisions first (CROSS JOIN keeps them the outer loop): the partial index holds only the
      // unfinished followed-up ones, while a walk of the group's sittings grows with the years.
      .selectFrom('decisions')
      .crossJoin('sittings as cs')
      .whereRef('cs.id', '=', 'decisions.sitting_id')
      .select(['decisions.id', NOT_LATE])
      .where('cs.group_id', '=', groupId)
      .where('cs.date', '<=', date)
      .where(unfinishedFollowedUp('decisions'))
      .unionAll(lateIdsQuery(db, groupId, date))
      .unionAll(db.selectFrom('decision_reviews').select(['decision_id as id', LATE]).where('sitting_id', '=', sittingId))
  );
}

/** A frozen list's decisions, each late when reviewed or noted on from `date` on (looked up: the list does not say). */
function frozenCandidateIds(db: Executor, sittingId: number, date: string) {
  return db
    .selectFrom('carried_decisions as cd')
    .select((eb) => [
      'cd.decision_id as id',
      eb
        .case()
        .when(
          eb.or([
            eb.exists(
              eb
                .selectFrom('decision_reviews as lr')
                .innerJoin('sittings as lrs', 'lrs.id', 'lr.sitting_id')
                .select('lr.id')
                .whereRef('lr.decision_id', '=', 'cd.decision_id')
                .where('lrs.date', '>=', date),
            ),
            eb.exists(
              eb
                .selectFrom('decision_notes as ln')
                .select('ln.id')
                .whereRef('ln.decision_id', '=', 'cd.decision_id')
                .where('ln.effective_date', '>=', date),
            ),
          ]),
        )
        .then(1)
        .else(0)
        .end()
        .as('late'),
    ])
    .where('cd.sitting_id', '=', sittingId);
}

/**
 * The rows of the candidates `ids` names, each decision found by its key (CROSS JOIN keeps the
 * candidates first), with what carry-over shows of each as of `date`: its owners, the progress noted
 * before it, the last review before it, and whether it is late (reviewed or noted on from `date` on),
 * as the candidates' query found.
 */
function candidateRowsOf<DB, TB extends keyof DB>(
  db: Executor,
  ids: SelectQueryBuilder<DB, TB, { id: number; late: number }>,
  groupId: number,
  date: string,
) {
  return db
    .with('c', () => ids)
    .selectFrom('c')
    .crossJoin('decisions as d')
    .innerJoin('sittings as s', 's.id', 'd.sitting_id')
    .leftJoin('agenda_items as a', 'a.id', 'd.agenda_item_id')
    .select(DECISION_COLUMNS)
    .select((eb) => [
      ownersOfRow(),
      notesOfRow(db, date),
      eb
        .selectFrom('decision_reviews as r')
        .innerJoin('sittings as rs', 'rs.id', 'r.sitting_id')
        .select((e) => e.fn.max('rs.date').as('date'))
        .whereRef('r.decision_id', '=', 'd.id')
        .where('rs.date', '<', date)
        .as('last_review_date'),
      // Late: its stored current state may include a review or note from the sitting's day on, so its
      // state as of the sitting is worked out from its history.
      'c.late',
    ])
    .whereRef('d.id', '=', 'c.id')
    .where('s.group_id', '=', groupId);
}

const liveCandidates = compiledOnce((db: Executor, groupId: number, date: string, sittingId: number, number: number) =>
  candidateRowsOf(db, liveCandidateIds(db, groupId, date, sittingId), groupId, date).where((eb) =>
    eb.or([eb('s.date', '<', date), eb.and([eb('s.date', '=', date), eb('s.number', '<', number)])]),
  ),
);

const frozenCandidates = compiledOnce((db: Executor, groupId: number, sittingId: number, date: string) =>
  candidateRowsOf(db, frozenCandidateIds(db, sittingId, date), groupId, date),
);
export type CandidateRow = Awaited<ReturnType<typeof candidateRows>>[number];

export function firstAgendaItem(db: Executor, sittingId: number) {
  return db
    .selectFrom('agenda_items')
    .select(['id', 'title'])
    .where('sitting_id', '=', sittingId)
    .orderBy('position')
    .limit(1)
    .executeTakeFirst();
}

export async function markFollowUpItem(db: Executor, itemId: number): Promise<void> {
  await db.updateTable('agenda_items').set({ follow_up: 1 }).where('id', '=', itemId).execute();
}

/** Inserts the follow-up item first on the agenda, the others moving down one place. */
export async function insertFollowUpItem(db: Executor, sittingId: number, title: string): Promise<void> {
  await db
    .updateTable('agenda_items')
    .set((eb) => ({ position: eb('position', '+', 1) }))
    .where('sitting_id', '=', sittingId)
    .execute();
  await db
    .insertInto('agenda_items')
    .values({ sitting_id: sittingId, position: 1, title, rapporteur: null, proceedings: '', confidential: 0, follow_up: 1 })
    .returning('id')
    .executeTakeFirstOrThrow()
    .then(({ id }) => refreshAgendaItemSearch(db, id));
}

/** Replaces a sitting's frozen list with these decisions, in order. */
export async function replaceCarried(db: Executor, sittingId: number, decisionIds: number[]): Promise<void> {
  await db.deleteFrom('carried_decisions').where('sitting_id', '=', sittingId).execute();
  if (decisionIds.length === 0) return;
  await db
    .insertInto('carried_decisions')
    .values(decisionIds.map((decisionId, i) => ({ sitting_id: sittingId, decision_id: decisionId, ordinal: i + 1 })))
    .execute();
}
