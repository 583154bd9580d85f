// The query every view of decisions starts from: each decision with its sitting and whether its
// agenda item is confidential (services/decision-origin.ts words how a decision is referred to).
import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';
import { jsonList, type JsonList } from './rows.ts';

/** The columns of a decision row as every view reads it (aliases `d`, `s`, `a`); its owners come with `ownersOfRow`. */
export const DECISION_COLUMNS = [
  'd.id',
  'd.number',
  'd.text',
  'd.status',
  'd.due',
  'd.current_status',
  'd.current_due',
  'd.plan_activity',
  's.id as sitting_id',
  's.number as sitting_number',
  's.date as sitting_date',
  'a.confidential',
] as const;

/** One of a decision's owners as its stored list holds them. */
export interface OwnerOfRow {
  person_id: number | null;
  name: string;
}

/** The owners of the row's decision `d`, in their order: its stored list (read with rows.ts `listOf`). */
export function ownersOfRow() {
  return sql<JsonList<OwnerOfRow>>`${sql.ref('d.owners')}`.as('owners');
}

/** The progress notes of the row's decision `d`, oldest first (only those dated before `before`, when given): a column of the row. */
export function notesOfRow(db: Executor, before?: string) {
  let notes = db
    .selectFrom('decision_notes as n')
    .select(['n.note', 'n.status', 'n.effective_date', 'n.external'])
    .where('n.decision_id', '=', sql.ref<number>('d.id'));
  if (before !== undefined) notes = notes.where('n.effective_date', '<', before);
  return jsonList(db, notes.orderBy('n.effective_date').orderBy('n.id')).as('notes');
}

export function decisionsOfGroup(db: Executor, groupId: number) {
  return db
    .selectFrom('decisions as d')
    .innerJoin('sittings as s', 's.id', 'd.sitting_id')
    .leftJoin('agenda_items as a', 'a.id', 'd.agenda_item_id')
    .select(DECISION_COLUMNS)
    .select(ownersOfRow())
    .where('s.group_id', '=', groupId);
}

/** The same rows for the decisions a person owns, found from the person's owner rows (one row per owner row). */
export function decisionsOwnedBy(db: Executor, groupId: number, personId: number) {
  return db
    .selectFrom('decision_owners as o')
    .innerJoin('decisions as d', 'd.id', 'o.decision_id')
    .innerJoin('sittings as s', 's.id', 'd.sitting_id')
    .leftJoin('agenda_items as a', 'a.id', 'd.agenda_item_id')
    .select(DECISION_COLUMNS)
    .select(ownersOfRow())
    .where('o.person_id', '=', personId)
    .where('s.group_id', '=', groupId);
}

export type DecisionRowOfGroup = Awaited<ReturnType<ReturnType<typeof decisionsOfGroup>['execute']>>[number];

/** A decision of the group, with its number and its sitting's id, date and number (undefined for another group's). */
export function decisionOfGroup(db: Executor, groupId: number, decisionId: number) {
  return db
    .selectFrom('decisions as d')
    .innerJoin('sittings as s', 's.id', 'd.sitting_id')
    .select(['d.id', 'd.number as decision_number', 's.id as sitting_id', 's.date', 's.number'])
    .where('d.id', '=', decisionId)
    .where('s.group_id', '=', groupId)
    .executeTakeFirst();
}
