// Agenda items of a draft sitting: add, edit, move, delete, keeping positions 1..n.
import { assertVersion } from '../domain/errors.ts';
import { insertionPoint, moveTo } from '../domain/numbering.ts';
import type { AgendaItemRow, Executor } from '../db/database.ts';
import type { AgendaItem, AgendaItemPatchBody, MoveBody, NewAgendaItemBody } from '../schemas/sittings.ts';
import { definedOnly, expectOneUpdated, flag, inTransaction, isSet, required } from './rows.ts';
import { refreshAgendaItemSearch } from './search-index.ts';
import { AGENDA, applyOrder, closeGaps, orderedIds } from './sequence.ts';
import { draftSittingRow } from './sittings.ts';

const WHAT = 'darba kārtības punkts';

function toAgendaItem(row: AgendaItemRow): AgendaItem {
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

/** The item, checked to belong to the group and to a sitting that is still a draft. */
async function draftItem(db: Executor, groupId: number, id: number): Promise<AgendaItemRow> {
  const row = required(await db.selectFrom('agenda_items').selectAll().where('id', '=', id).executeTakeFirst(), `${WHAT} ${id}`);
  await draftSittingRow(db, groupId, row.sitting_id);
  return row;
}

export async function getAgendaItem(db: Executor, id: number): Promise<AgendaItem> {
  return toAgendaItem(required(await db.selectFrom('agenda_items').selectAll().where('id', '=', id).executeTakeFirst(), `${WHAT} ${id}`));
}

export async function addAgendaItem(db: Executor, groupId: number, sittingId: number, input: NewAgendaItemBody): Promise<AgendaItem> {
  return inTransaction(db, async (trx) => {
    await draftSittingRow(trx, groupId, sittingId);
    const current = await orderedIds(trx, AGENDA, sittingId);
    const at = insertionPoint(current.size, input.position);
    const { id } = await trx
      .insertInto('agenda_items')
      .values({
        sitting_id: sittingId,
        position: at,
        title: input.title,
        rapporteur: input.rapporteur ?? null,
        proceedings: input.proceedings ?? '',
        confidential: flag(input.confidential ?? false),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const order = [...current.keys()];
    order.splice(at - 1, 0, id);
    await applyOrder(trx, AGENDA, order, new Map([...current, [id, at]]));
    await refreshAgendaItemSearch(trx, id);
    return getAgendaItem(trx, id);
  });
}

export async function updateAgendaItem(db: Executor, groupId: number, id: number, patch: AgendaItemPatchBody): Promise<AgendaItem> {
  return inTransaction(db, async (trx) => {
    await draftItem(trx, groupId, id);
    const result = await trx
      .updateTable('agenda_items')
      .set((eb) => ({
        ...definedOnly({
          title: patch.title,
          rapporteur: patch.rapporteur,
          proceedings: patch.proceedings,
          confidential: patch.confidential === undefined ? undefined : flag(patch.confidential),
        }),
        version: eb('version', '+', 1),
      }))
      .where('id', '=', id)
      .where('version', '=', patch.version)
      .executeTakeFirst();
    expectOneUpdated(result, true, WHAT);
    await refreshAgendaItemSearch(trx, id);
    return getAgendaItem(trx, id);
  });
}

export async function moveAgendaItem(db: Executor, groupId: number, id: number, move: MoveBody): Promise<AgendaItem> {
  return inTransaction(db, async (trx) => {
    const item = await draftItem(trx, groupId, id);
    assertVersion(WHAT, item.version, move.version);
    const current = await orderedIds(trx, AGENDA, item.sitting_id);
    await applyOrder(trx, AGENDA, moveTo([...current.keys()], id, move.to, 'to'), current);
    await trx
      .updateTable('agenda_items')
      .set((eb) => ({ version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .execute();
    return getAgendaItem(trx, id);
  });
}

export async function deleteAgendaItem(db: Executor, groupId: number, id: number, version: number): Promise<void> {
  await inTransaction(db, async (trx) => {
    const item = await draftItem(trx, groupId, id);
    assertVersion(WHAT, item.version, version);
    await trx.deleteFrom('agenda_items').where('id', '=', id).execute();
    await closeGaps(trx, AGENDA, item.sitting_id);
  });
}
