// Decisions of a draft sitting: add, edit, move, delete, renumber, keeping numbers 1..n.
import { assertOptionalDate } from '../domain/calendar.ts';
import { assertVersion, InvalidInput } from '../domain/errors.ts';
import { cleanName, matchPerson, shortForm } from '../domain/names.ts';
import { insertionPoint, moveTo } from '../domain/numbering.ts';
import type { DecisionRow, Executor } from '../db/database.ts';
import type { Decision, DecisionPatchBody, MoveBody, NewDecisionBody, OwnerInput } from '../schemas/sittings.ts';
import { refreshDecisionState } from './decision-state.ts';
import { refreshDecisionSearch } from './search-index.ts';
import { definedOnly, expectOneUpdated, inTransaction, required } from './rows.ts';
import { applyOrder, closeGaps, DECISIONS, orderedIds } from './sequence.ts';
import { draftSittingRow } from './sittings.ts';

const WHAT = 'lēmums';

export interface ResolvedOwner {
  personId: number | null;
  name: string;
}

/**
 * Links owners to the directory: a picked person by id, a typed name when it matches one
 * person (this sitting's attendees decide between namesakes); any other name stays an
 * outside owner, as written.
 */
export async function resolveOwners(
  db: Executor,
  groupId: number,
  sittingId: number,
  owners: readonly OwnerInput[],
  field = 'owners',
): Promise<ResolvedOwner[]> {
  if (owners.length === 0) return [];
  const people = await db.selectFrom('people').select(['id', 'full_name', 'short_name']).where('group_id', '=', groupId).execute();
  const directory = people.map((p) => ({ id: p.id, fullName: p.full_name, shortName: p.short_name }));
  const attendees = await db.selectFrom('attendance').select('person_id').where('sitting_id', '=', sittingId).execute();
  const preferred = new Set(attendees.map((a) => a.person_id));
  return owners.map((owner, i) => {
    if ('personId' in owner) {
      const person = directory.find((p) => p.id === owner.personId);
      if (person === undefined) throw new InvalidInput(`${field}[${i}].personId`, `persona ${owner.personId} nav grupas sarakstā.`);
      return { personId: person.id, name: person.shortName ?? shortForm(person.fullName) };
    }
    const name = cleanName(owner.name);
    return { personId: matchPerson(name, directory, preferred)?.id ?? null, name };
  });
}

export async function writeOwners(db: Executor, decisionId: number, owners: readonly ResolvedOwner[]): Promise<void> {
  await db.deleteFrom('decision_owners').where('decision_id', '=', decisionId).execute();
  if (owners.length > 0) {
    await db
      .insertInto('decision_owners')
      .values(owners.map((o, i) => ({ decision_id: decisionId, ordinal: i + 1, person_id: o.personId, name: o.name })))
      .execute();
  }
  await refreshDecisionSearch(db, decisionId);
}

async function assertAgendaItemOfSitting(db: Executor, sittingId: number, agendaItemId: number | null | undefined): Promise<void> {
  if (agendaItemId == null) return;
  const row = await db
    .selectFrom('agenda_items')
    .select('id')
    .where('id', '=', agendaItemId)
    .where('sitting_id', '=', sittingId)
    .executeTakeFirst();
  if (row === undefined) throw new InvalidInput('agendaItemId', `šajā sēdē nav darba kārtības punkta ${agendaItemId}.`);
}

async function draftDecision(db: Executor, groupId: number, id: number): Promise<DecisionRow> {
  const row = required(await db.selectFrom('decisions').selectAll().where('id', '=', id).executeTakeFirst(), `${WHAT} ${id}`);
  await draftSittingRow(db, groupId, row.sitting_id);
  return row;
}

export async function getDecision(db: Executor, id: number): Promise<Decision> {
  const d = required(await db.selectFrom('decisions').selectAll().where('id', '=', id).executeTakeFirst(), `${WHAT} ${id}`);
  const owners = await db
    .selectFrom('decision_owners')
    .select(['person_id', 'name'])
    .where('decision_id', '=', id)
    .orderBy('ordinal')
    .execute();
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

export async function addDecision(db: Executor, groupId: number, sittingId: number, input: NewDecisionBody): Promise<Decision> {
  assertOptionalDate('due', input.due);
  return inTransaction(db, async (trx) => {
    await draftSittingRow(trx, groupId, sittingId);
    await assertAgendaItemOfSitting(trx, sittingId, input.agendaItemId);
    const current = await orderedIds(trx, DECISIONS, sittingId);
    const at = insertionPoint(current.size, input.number, 'number');
    const { id } = await trx
      .insertInto('decisions')
      .values({
        sitting_id: sittingId,
        number: at,
        text: input.text,
        due: input.due ?? null,
        agenda_item_id: input.agendaItemId ?? null,
        status: input.status ?? 'open',
        current_status: input.status ?? 'open',
        current_due: input.due ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeOwners(trx, id, await resolveOwners(trx, groupId, sittingId, input.owners ?? []));
    const order = [...current.keys()];
    order.splice(at - 1, 0, id);
    await applyOrder(trx, DECISIONS, order, new Map([...current, [id, at]]));
    return getDecision(trx, id);
  });
}

export async function updateDecision(db: Executor, groupId: number, id: number, patch: DecisionPatchBody): Promise<Decision> {
  assertOptionalDate('due', patch.due);
  return inTransaction(db, async (trx) => {
    const decision = await draftDecision(trx, groupId, id);
    await assertAgendaItemOfSitting(trx, decision.sitting_id, patch.agendaItemId);
    const result = await trx
      .updateTable('decisions')
      .set((eb) => ({
        ...definedOnly({
          text: patch.text,
          due: patch.due,
          agenda_item_id: patch.agendaItemId,
          status: patch.status,
        }),
        version: eb('version', '+', 1),
      }))
      .where('id', '=', id)
      .where('version', '=', patch.version)
      .executeTakeFirst();
    expectOneUpdated(result, true, WHAT);
    if (patch.owners !== undefined) await writeOwners(trx, id, await resolveOwners(trx, groupId, decision.sitting_id, patch.owners));
    await refreshDecisionState(trx, [id]);
    await refreshDecisionSearch(trx, id);
    return getDecision(trx, id);
  });
}

export async function moveDecision(db: Executor, groupId: number, id: number, move: MoveBody): Promise<Decision> {
  return inTransaction(db, async (trx) => {
    const decision = await draftDecision(trx, groupId, id);
    assertVersion(WHAT, decision.version, move.version);
    const current = await orderedIds(trx, DECISIONS, decision.sitting_id);
    await applyOrder(trx, DECISIONS, moveTo([...current.keys()], id, move.to, 'to'), current);
    await trx
      .updateTable('decisions')
      .set((eb) => ({ version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .execute();
    return getDecision(trx, id);
  });
}

export async function deleteDecision(db: Executor, groupId: number, id: number, version: number): Promise<void> {
  await inTransaction(db, async (trx) => {
    const decision = await draftDecision(trx, groupId, id);
    assertVersion(WHAT, decision.version, version);
    const reviewed = await trx.selectFrom('decision_reviews').select('id').where('decision_id', '=', id).executeTakeFirst();
    if (reviewed !== undefined) throw new InvalidInput('id', 'lēmuma izpilde jau ir izskatīta citā sēdē, tāpēc to nevar dzēst.');
    await trx.deleteFrom('decisions').where('id', '=', id).execute();
    await closeGaps(trx, DECISIONS, decision.sitting_id);
  });
}

/** Numbers the decisions in agenda order (decisions without an item keep their place at the end). */
export async function renumberDecisions(db: Executor, groupId: number, sittingId: number, sittingVersion: number): Promise<Decision[]> {
  return inTransaction(db, async (trx) => {
    const sitting = await draftSittingRow(trx, groupId, sittingId);
    assertVersion('sēde', sitting.version, sittingVersion);
    const rows = await trx
      .selectFrom('decisions as d')
      .leftJoin('agenda_items as a', 'a.id', 'd.agenda_item_id')
      .select(['d.id', 'd.number', 'a.position'])
      .where('d.sitting_id', '=', sittingId)
      .execute();
    const ordered = [...rows].sort((x, y) => (x.position ?? Infinity) - (y.position ?? Infinity) || x.number - y.number);
    await applyOrder(
      trx,
      DECISIONS,
      ordered.map((r) => r.id),
      new Map(rows.map((r) => [r.id, r.number])),
    );
    const ids = await orderedIds(trx, DECISIONS, sittingId);
    return Promise.all([...ids.keys()].map((id) => getDecision(trx, id)));
  });
}
