// Prevention plans: the plan, its goals and activities, the agenda items that name activities and
// each activity's status per year, every row bounded by its group.
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { ActivityStatusTable, Executor, PlanActivityTable, PlanGoalTable, PlanTable } from '../db/database.ts';
import { notFound } from '../domain/errors.ts';
import { nowIso } from './rows.ts';

export type PlanRow = Selectable<PlanTable>;
export type PlanGoalRow = Selectable<PlanGoalTable>;
export type PlanActivityRow = Selectable<PlanActivityTable>;
export type ActivityStatusRow = Selectable<ActivityStatusTable>;

export async function insertPlan(db: Executor, values: Omit<Insertable<PlanTable>, 'created_at' | 'updated_at'>): Promise<number> {
  const now = nowIso();
  const row = await db
    .insertInto('plans')
    .values({ ...values, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertGoal(db: Executor, values: Insertable<PlanGoalTable>): Promise<number> {
  return (await db.insertInto('plan_goals').values(values).returning('id').executeTakeFirstOrThrow()).id;
}

export async function insertActivity(db: Executor, values: Insertable<PlanActivityTable>): Promise<number> {
  return (await db.insertInto('plan_activities').values(values).returning('id').executeTakeFirstOrThrow()).id;
}

export async function planRow(db: Executor, groupId: number, id: number): Promise<PlanRow> {
  const row = await db.selectFrom('plans').selectAll().where('group_id', '=', groupId).where('id', '=', id).executeTakeFirst();
  if (row === undefined) throw notFound('prevencijas plāns', id);
  return row;
}

export function planRows(db: Executor, groupId: number): Promise<PlanRow[]> {
  return db.selectFrom('plans').selectAll().where('group_id', '=', groupId).orderBy('period_from', 'desc').orderBy('id').execute();
}

export function goalRows(db: Executor, planId: number): Promise<PlanGoalRow[]> {
  return db.selectFrom('plan_goals').selectAll().where('plan_id', '=', planId).orderBy('position').execute();
}

export function activityRows(db: Executor, planId: number): Promise<PlanActivityRow[]> {
  return db.selectFrom('plan_activities').selectAll().where('plan_id', '=', planId).orderBy('position').execute();
}

export async function activityRow(db: Executor, groupId: number, id: number): Promise<PlanActivityRow> {
  const row = await db.selectFrom('plan_activities').selectAll().where('group_id', '=', groupId).where('id', '=', id).executeTakeFirst();
  if (row === undefined) throw notFound('plāna aktivitāte', id);
  return row;
}

export async function goalRow(db: Executor, groupId: number, id: number): Promise<PlanGoalRow> {
  const row = await db.selectFrom('plan_goals').selectAll().where('group_id', '=', groupId).where('id', '=', id).executeTakeFirst();
  if (row === undefined) throw notFound('plāna mērķis', id);
  return row;
}

export async function updatePlanRow(db: Executor, id: number, version: number, values: Updateable<PlanTable>) {
  return db
    .updateTable('plans')
    .set((eb) => ({ ...values, version: eb('version', '+', 1), updated_at: nowIso() }))
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
}

export async function updateActivityRow(db: Executor, id: number, version: number, values: Updateable<PlanActivityTable>) {
  return db
    .updateTable('plan_activities')
    .set((eb) => ({ ...values, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
}

export async function nextActivityPosition(db: Executor, planId: number): Promise<number> {
  const row = await db
    .selectFrom('plan_activities')
    .select((eb) => eb.fn.max('position').as('last'))
    .where('plan_id', '=', planId)
    .executeTakeFirst();
  return Number(row?.last ?? 0) + 1;
}

/** Moves the activities from `position` on one place down, to open a place for a new one. */
export async function shiftActivities(db: Executor, planId: number, position: number): Promise<void> {
  await db
    .updateTable('plan_activities')
    .set((eb) => ({ position: eb('position', '+', 1) }))
    .where('plan_id', '=', planId)
    .where('position', '>=', position)
    .execute();
}

export function statusRows(db: Executor, planId: number, year?: number): Promise<ActivityStatusRow[]> {
  let query = db
    .selectFrom('activity_statuses as s')
    .innerJoin('plan_activities as a', 'a.id', 's.activity_id')
    .selectAll('s')
    .where('a.plan_id', '=', planId);
  if (year !== undefined) query = query.where('s.year', '=', year);
  return query.orderBy('s.activity_id').orderBy('s.year').execute();
}

export function statusRowsOfActivity(db: Executor, activityId: number): Promise<ActivityStatusRow[]> {
  return db.selectFrom('activity_statuses').selectAll().where('activity_id', '=', activityId).orderBy('year').execute();
}

export function statusRow(db: Executor, activityId: number, year: number): Promise<ActivityStatusRow | undefined> {
  return db.selectFrom('activity_statuses').selectAll().where('activity_id', '=', activityId).where('year', '=', year).executeTakeFirst();
}

export async function insertStatus(db: Executor, values: Omit<Insertable<ActivityStatusTable>, 'updated_at'>): Promise<number> {
  return (
    await db
      .insertInto('activity_statuses')
      .values({ ...values, updated_at: nowIso() })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
}

export async function updateStatusRow(db: Executor, id: number, version: number, values: Updateable<ActivityStatusTable>) {
  return db
    .updateTable('activity_statuses')
    .set((eb) => ({ ...values, version: eb('version', '+', 1), updated_at: nowIso() }))
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
}

/** The activities an agenda item names, as ids. */
export async function agendaItemActivityIds(db: Executor, agendaItemId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('agenda_item_activities')
    .select('activity_id')
    .where('agenda_item_id', '=', agendaItemId)
    .orderBy('activity_id')
    .execute();
  return rows.map((r) => r.activity_id);
}

export async function replaceAgendaItemActivities(db: Executor, groupId: number, agendaItemId: number, activityIds: readonly number[]) {
  await db.deleteFrom('agenda_item_activities').where('agenda_item_id', '=', agendaItemId).execute();
  if (activityIds.length === 0) return;
  await db
    .insertInto('agenda_item_activities')
    .values(activityIds.map((activity_id) => ({ group_id: groupId, agenda_item_id: agendaItemId, activity_id })))
    .execute();
}

/** A sitting's date, number and whether the item is confidential, for each agenda item naming one of the activities. */
export function linkedItemRows(db: Executor, groupId: number, activityIds: readonly number[]) {
  if (activityIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('agenda_item_activities as l')
    .innerJoin('agenda_items as i', 'i.id', 'l.agenda_item_id')
    .innerJoin('sittings as s', 's.id', 'i.sitting_id')
    .select([
      'l.activity_id',
      'i.id',
      'i.position',
      'i.title',
      'i.confidential',
      's.id as sitting_id',
      's.number as sitting_number',
      's.date',
    ])
    .where('l.group_id', '=', groupId)
    .where('l.activity_id', 'in', activityIds)
    .orderBy('s.date')
    .orderBy('i.position')
    .execute();
}

/**
 * The decisions of the group that name one of these activity numbers, taken in the plan's years.
 * A plan's numbers are few (tens), so the list stays short.
 */
export function linkedDecisionRows(db: Executor, groupId: number, numbers: readonly string[], period: Period) {
  if (numbers.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('decisions as d')
    .innerJoin('sittings as s', 's.id', 'd.sitting_id')
    .leftJoin('agenda_items as i', 'i.id', 'd.agenda_item_id')
    .select([
      'd.id',
      'd.number',
      'd.text',
      'd.plan_activity',
      'd.current_status',
      'i.confidential',
      's.id as sitting_id',
      's.number as sitting_number',
      's.date',
    ])
    .where('s.group_id', '=', groupId)
    .where('d.plan_activity', 'in', numbers)
    .where('s.date', '>=', `${period.from}-01-01`)
    .where('s.date', '<=', `${period.to}-12-31`)
    .orderBy('s.date')
    .orderBy('s.number')
    .orderBy('d.number')
    .execute();
}

type Period = { from: number; to: number };

/** Reviews (follow-ups at later sittings) of the decisions that name these numbers, as `linkedDecisionRows` finds them. */
export function reviewRowsOf(db: Executor, groupId: number, numbers: readonly string[], period: Period) {
  if (numbers.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('decision_reviews as r')
    .innerJoin('decisions as d', 'd.id', 'r.decision_id')
    .innerJoin('sittings as taken', 'taken.id', 'd.sitting_id')
    .innerJoin('sittings as s', 's.id', 'r.sitting_id')
    .select(['r.decision_id', 'r.status', 'r.note', 'r.not_discussed', 's.number as sitting_number', 's.date'])
    .where('taken.group_id', '=', groupId)
    .where('d.plan_activity', 'in', numbers)
    .where('taken.date', '>=', `${period.from}-01-01`)
    .where('taken.date', '<=', `${period.to}-12-31`)
    .orderBy('s.date')
    .execute();
}

/** Progress notes on the decisions that name these numbers. */
export function noteRowsOf(db: Executor, groupId: number, numbers: readonly string[], period: Period) {
  if (numbers.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('decision_notes as n')
    .innerJoin('decisions as d', 'd.id', 'n.decision_id')
    .innerJoin('sittings as taken', 'taken.id', 'd.sitting_id')
    .select(['n.decision_id', 'n.note', 'n.status', 'n.effective_date'])
    .where('taken.group_id', '=', groupId)
    .where('d.plan_activity', 'in', numbers)
    .where('taken.date', '>=', `${period.from}-01-01`)
    .where('taken.date', '<=', `${period.to}-12-31`)
    .orderBy('n.effective_date')
    .orderBy('n.id')
    .execute();
}

/** The sittings of the group held in a year, in order. */
export function sittingsInYear(db: Executor, groupId: number, year: number) {
  return db
    .selectFrom('sittings')
    .select(['id', 'number', 'date'])
    .where('group_id', '=', groupId)
    .where('date', '>=', `${year}-01-01`)
    .where('date', '<=', `${year}-12-31`)
    .orderBy('date')
    .orderBy('number')
    .execute();
}

/** The group's plan whose period covers a year (the newest if several do). */
export function planForYear(db: Executor, groupId: number, year: number): Promise<PlanRow | undefined> {
  return db
    .selectFrom('plans')
    .selectAll()
    .where('group_id', '=', groupId)
    .where('period_from', '<=', year)
    .where('period_to', '>=', year)
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

export async function agendaItemOfGroup(db: Executor, groupId: number, agendaItemId: number): Promise<boolean> {
  const item = await db
    .selectFrom('agenda_items as i')
    .innerJoin('sittings as s', 's.id', 'i.sitting_id')
    .select('i.id')
    .where('i.id', '=', agendaItemId)
    .where('s.group_id', '=', groupId)
    .executeTakeFirst();
  return item !== undefined;
}

/** Whether the group held a sitting in [from, before) other than `exceptId`. */
export async function sittingBetween(db: Executor, groupId: number, from: string, before: string, exceptId: number): Promise<boolean> {
  const row = await db
    .selectFrom('sittings')
    .select('id')
    .where('group_id', '=', groupId)
    .where('date', '>=', from)
    .where('date', '<', before)
    .where('id', '!=', exceptId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
