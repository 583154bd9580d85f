// Decisions as rows: read one with its owners, insert, update at a version, delete, and the
// owners' rows, keeping the stored followed-up flag in step with the deadline and owners. The use
// cases (a draft only, numbers kept 1..n, owners matched to the directory) are in services/.
import type { DecisionRow, DecisionTable, Executor } from '../db/database.ts';
import type { Insertable, Updateable } from 'kysely';
import type { Decision } from '../schemas/sittings.ts';
import { refreshFollowedUp } from './decision-predicates.ts';
import { refreshDecisionSearch } from './search-index.ts';
import { ownersOfRow, type OwnerOfRow } from './decision-rows.ts';
import { jsonList, listOf, required, updateAtVersion, type JsonList } from './rows.ts';

const WHAT = 'lēmums';

export async function decisionRow(db: Executor, id: number): Promise<DecisionRow> {
  return required(await db.selectFrom('decisions').selectAll().where('id', '=', id).executeTakeFirst(), `${WHAT} ${id}`);
}

type DecisionFields = Pick<DecisionRow, 'id' | 'number' | 'text' | 'due' | 'agenda_item_id' | 'status' | 'plan_activity' | 'version'>;

function toDecision(d: DecisionFields, owners: readonly OwnerOfRow[]): Decision {
  return {
    id: d.id,
    number: d.number,
    text: d.text,
    owners: owners.map((o) => ({ personId: o.person_id, name: o.name })),
    due: d.due,
    agendaItemId: d.agenda_item_id,
    status: d.status,
    planActivity: d.plan_activity,
    version: d.version,
  };
}

export async function getDecision(db: Executor, id: number): Promise<Decision> {
  const d = await decisionRow(db, id);
  return toDecision(d, listOf<OwnerOfRow>(d.owners));
}

/** The sitting's decisions in number order, each with its owners. */
function decisionsAtQuery(db: Executor, sittingId: number) {
  return db
    .selectFrom('decisions as d')
    .select(['d.id', 'd.number', 'd.text', 'd.due', 'd.agenda_item_id', 'd.status', 'd.plan_activity', 'd.version'])
    .select(ownersOfRow())
    .where('d.sitting_id', '=', sittingId)
    .orderBy('d.number');
}

type DecisionWithOwners = Awaited<ReturnType<ReturnType<typeof decisionsAtQuery>['execute']>>[number];

/** The sitting's decisions as one column (rows.ts `jsonList`), for reading a sitting's parts in one statement. */
export function decisionList(db: Executor, sittingId: number) {
  return jsonList(db, decisionsAtQuery(db, sittingId)).as('decisions');
}

export const decisionsFrom = (list: JsonList<DecisionWithOwners>): Decision[] => listOf(list).map((d) => toDecision(d, listOf(d.owners)));

/** A decision of the group by its sitting's number and its own, with the sitting's date. */
export function decisionByNumbers(db: Executor, groupId: number, sittingNumber: number, decisionNumber: number) {
  return db
    .selectFrom('decisions as d')
    .innerJoin('sittings as s', 's.id', 'd.sitting_id')
    .select(['d.id', 's.date'])
    .where('s.group_id', '=', groupId)
    .where('s.number', '=', sittingNumber)
    .where('d.number', '=', decisionNumber)
    .executeTakeFirst();
}

export async function insertDecision(
  db: Executor,
  values: Omit<Insertable<DecisionTable>, 'id' | 'version' | 'search_text' | 'current_status' | 'current_due' | 'followed_up'>,
): Promise<number> {
  const { id } = await db
    .insertInto('decisions')
    .values({ ...values, current_status: values.status, current_due: values.due ?? null })
    .returning('id')
    .executeTakeFirstOrThrow();
  await refreshFollowedUp(db, id);
  return id;
}

/** Updates the decision at the version given; a stale version is a conflict. */
export async function updateDecisionRow(
  db: Executor,
  id: number,
  version: number,
  values: Pick<Updateable<DecisionTable>, 'text' | 'due' | 'agenda_item_id' | 'status' | 'plan_activity'>,
): Promise<void> {
  await updateAtVersion(db, 'decisions', id, version, values, WHAT);
  if (values.due !== undefined) await refreshFollowedUp(db, id);
}

export async function isReviewed(db: Executor, id: number): Promise<boolean> {
  return (await db.selectFrom('decision_reviews').select('id').where('decision_id', '=', id).executeTakeFirst()) !== undefined;
}

export async function deleteDecisionRow(db: Executor, id: number): Promise<void> {
  await db.deleteFrom('decisions').where('id', '=', id).execute();
}

/** The sitting's decisions with the position of their agenda item (null when they have none). */
export function decisionsWithItemPosition(db: Executor, sittingId: number) {
  return db
    .selectFrom('decisions as d')
    .leftJoin('agenda_items as a', 'a.id', 'd.agenda_item_id')
    .select(['d.id', 'd.number', 'a.position'])
    .where('d.sitting_id', '=', sittingId)
    .execute();
}

/** Replaces the decision's owners, in the order given, and refreshes its search text. */
export async function writeOwners(
  db: Executor,
  decisionId: number,
  owners: readonly { personId: number | null; name: string }[],
): Promise<void> {
  await db.deleteFrom('decision_owners').where('decision_id', '=', decisionId).execute();
  if (owners.length > 0) {
    await db
      .insertInto('decision_owners')
      .values(owners.map((o, i) => ({ decision_id: decisionId, ordinal: i + 1, person_id: o.personId, name: o.name })))
      .execute();
  }
  await db
    .updateTable('decisions')
    .set({ owners: JSON.stringify(owners.map((o): OwnerOfRow => ({ person_id: o.personId, name: o.name }))) })
    .where('id', '=', decisionId)
    .execute();
  await refreshFollowedUp(db, decisionId);
  await refreshDecisionSearch(db, decisionId);
}
