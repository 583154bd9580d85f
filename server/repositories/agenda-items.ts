// Agenda items as rows: read one, insert, update at a version, bump the version, delete.
// The use cases (a draft only, positions kept 1..n) are in services/sitting-parts.ts.
import type { AgendaItemRow, AgendaItemTable, Executor } from '../db/database.ts';
import type { Insertable, Updateable } from 'kysely';
import type { AgendaItem } from '../schemas/sittings.ts';
import { compiledOnce, isSet, jsonList, listOf, required, updateAtVersion, type JsonList } from './rows.ts';

const WHAT = 'darba kārtības punkts';

function toAgendaItem(
  row: Pick<AgendaItemRow, 'id' | 'position' | 'title' | 'rapporteur' | 'proceedings' | 'confidential' | 'follow_up' | 'version'>,
): AgendaItem {
  return {
    id: row.id,
    position: row.position,
    title: row.title,
    rapporteur: row.rapporteur,
    proceedings: row.proceedings,
    confidential: isSet(row.confidential),
    followUp: isSet(row.follow_up),
    version: row.version,
  };
}

export async function agendaItemRow(db: Executor, id: number): Promise<AgendaItemRow> {
  return required(await db.selectFrom('agenda_items').selectAll().where('id', '=', id).executeTakeFirst(), `${WHAT} ${id}`);
}

export async function getAgendaItem(db: Executor, id: number): Promise<AgendaItem> {
  return toAgendaItem(await agendaItemRow(db, id));
}

const ITEM_FIELDS = ['id', 'position', 'title', 'rapporteur', 'proceedings', 'confidential', 'follow_up', 'version'] as const;

const agendaItemsAtQuery = (db: Executor, sittingId: number) =>
  db.selectFrom('agenda_items').select(ITEM_FIELDS).where('sitting_id', '=', sittingId).orderBy('position');
const agendaItemsAt = compiledOnce(agendaItemsAtQuery);

export async function agendaItemsOf(db: Executor, sittingId: number): Promise<AgendaItem[]> {
  const rows = await agendaItemsAt(db, sittingId);
  return rows.map(toAgendaItem);
}

/** The same list as one column (rows.ts `jsonList`), for reading a sitting's parts in one statement. */
export function agendaItemList(db: Executor, sittingId: number) {
  return jsonList(db, agendaItemsAtQuery(db, sittingId)).as('agenda_items');
}

export const agendaItemsFrom = (list: JsonList<Pick<AgendaItemRow, (typeof ITEM_FIELDS)[number]>>): AgendaItem[] =>
  listOf(list).map(toAgendaItem);

/** Whether the item belongs to the sitting. */
export async function isAgendaItemOf(db: Executor, sittingId: number, id: number): Promise<boolean> {
  const row = await db.selectFrom('agenda_items').select('id').where('id', '=', id).where('sitting_id', '=', sittingId).executeTakeFirst();
  return row !== undefined;
}

export async function insertAgendaItem(
  db: Executor,
  values: Omit<Insertable<AgendaItemTable>, 'id' | 'version' | 'search_text' | 'follow_up'>,
): Promise<number> {
  const { id } = await db.insertInto('agenda_items').values(values).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** Updates the item at the version given; a stale version is a conflict. */
export async function updateAgendaItemRow(
  db: Executor,
  id: number,
  version: number,
  values: Pick<Updateable<AgendaItemTable>, 'title' | 'rapporteur' | 'proceedings' | 'confidential'>,
): Promise<void> {
  await updateAtVersion(db, 'agenda_items', id, version, values, WHAT);
}

export async function deleteAgendaItemRow(db: Executor, id: number): Promise<void> {
  await db.deleteFrom('agenda_items').where('id', '=', id).execute();
}
