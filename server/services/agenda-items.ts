// Agenda items of a draft sitting as use cases: add, edit, move, delete, keeping positions 1..n
// and the search text in step. Each owns its transaction and its audit record.
import { assertVersion } from '../domain/errors.ts';
import { insertionPoint, moveTo } from '../domain/numbering.ts';
import type { Db, Executor } from '../db/database.ts';
import { agendaItemRow, deleteAgendaItemRow, getAgendaItem, insertAgendaItem, updateAgendaItemRow } from '../repositories/agenda-items.ts';
import type { Actor } from '../repositories/audit.ts';
import { AGENDA_ITEM } from '../repositories/audit-records.ts';
import { bumpVersion, definedOnly, flag } from '../repositories/rows.ts';
import { refreshAgendaItemSearch } from '../repositories/search-index.ts';
import { AGENDA, applyOrder, closeGaps, orderedIds } from '../repositories/sequence.ts';
import type { AgendaItem, AgendaItemPatchBody, MoveBody, NewAgendaItemBody } from '../schemas/sittings.ts';
import { runAudited, runAuditedCreate } from './audit.ts';
import { draftSitting } from './sittings.ts';

const WHAT = 'darba kārtības punkts';

/** The item, checked to belong to the group and to a sitting that is still a draft. */
async function draftItem(db: Executor, groupId: number, id: number) {
  const row = await agendaItemRow(db, id);
  await draftSitting(db, groupId, row.sitting_id);
  return row;
}

export async function addAgendaItem(
  db: Db,
  groupId: number,
  actor: Actor,
  sittingId: number,
  input: NewAgendaItemBody,
): Promise<AgendaItem> {
  return runAuditedCreate(db, groupId, actor, AGENDA_ITEM, async (trx) => {
    await draftSitting(trx, groupId, sittingId);
    const current = await orderedIds(trx, AGENDA, sittingId);
    const at = insertionPoint(current.size, input.position);
    const id = await insertAgendaItem(trx, {
      sitting_id: sittingId,
      position: at,
      title: input.title,
      rapporteur: input.rapporteur ?? null,
      proceedings: input.proceedings ?? '',
      confidential: flag(input.confidential ?? false),
    });
    const order = [...current.keys()];
    order.splice(at - 1, 0, id);
    await applyOrder(trx, AGENDA, order, new Map([...current, [id, at]]));
    await refreshAgendaItemSearch(trx, id);
    return getAgendaItem(trx, id);
  });
}

export async function updateAgendaItem(db: Db, groupId: number, actor: Actor, id: number, patch: AgendaItemPatchBody): Promise<AgendaItem> {
  return runAudited(db, groupId, actor, { ...AGENDA_ITEM, action: 'update', recordId: id }, async (trx) => {
    await draftItem(trx, groupId, id);
    await updateAgendaItemRow(
      trx,
      id,
      patch.version,
      definedOnly({
        title: patch.title,
        rapporteur: patch.rapporteur,
        proceedings: patch.proceedings,
        confidential: patch.confidential === undefined ? undefined : flag(patch.confidential),
      }),
    );
    await refreshAgendaItemSearch(trx, id);
    return getAgendaItem(trx, id);
  });
}

export async function moveAgendaItem(db: Db, groupId: number, actor: Actor, id: number, move: MoveBody): Promise<AgendaItem> {
  return runAudited(db, groupId, actor, { ...AGENDA_ITEM, action: 'move', recordId: id }, async (trx) => {
    const item = await draftItem(trx, groupId, id);
    assertVersion(WHAT, item.version, move.version);
    const current = await orderedIds(trx, AGENDA, item.sitting_id);
    await applyOrder(trx, AGENDA, moveTo([...current.keys()], id, move.to, 'to'), current);
    await bumpVersion(trx, 'agenda_items', id);
    return getAgendaItem(trx, id);
  });
}

export async function deleteAgendaItem(db: Db, groupId: number, actor: Actor, id: number, version: number): Promise<void> {
  await runAudited(db, groupId, actor, { ...AGENDA_ITEM, action: 'delete', recordId: id }, async (trx) => {
    const item = await draftItem(trx, groupId, id);
    assertVersion(WHAT, item.version, version);
    await deleteAgendaItemRow(trx, id);
    await closeGaps(trx, AGENDA, item.sitting_id);
  });
}
