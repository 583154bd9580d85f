// Decisions of a draft sitting as use cases: add, edit, move, delete, renumber, keeping numbers
// 1..n and linking owners to the directory. Each owns its transaction and its audit record.
import { assertOptionalDate } from '../domain/calendar.ts';
import { assertVersion, InvalidInput } from '../domain/errors.ts';
import { cleanName, matchPerson } from '../domain/names.ts';
import { insertionPoint, moveTo } from '../domain/numbering.ts';
import { planActivityNumber } from '../domain/plan-activity.ts';
import type { Db, Executor } from '../db/database.ts';
import { isAgendaItemOf } from '../repositories/agenda-items.ts';
import { attendeePersonIds, attendeesOf } from '../repositories/attendance.ts';
import type { Actor } from '../repositories/audit.ts';
import { DECISION, decisionNumbers } from '../repositories/audit-records.ts';
import { refreshDecisionState } from '../repositories/decision-state.ts';
import {
  decisionRow,
  decisionsWithItemPosition,
  deleteDecisionRow,
  getDecision,
  insertDecision,
  isReviewed,
  updateDecisionRow,
  writeOwners,
} from '../repositories/decisions.ts';
import { listPeople } from '../repositories/people.ts';
import { peopleByIds, sittingRow } from '../repositories/sittings.ts';
import { ownerLineLeftOut } from '../minutes/view-model.ts';
import { bumpVersion, definedOnly } from '../repositories/rows.ts';
import { refreshDecisionSearch } from '../repositories/search-index.ts';
import { applyOrder, closeGaps, DECISIONS, orderedIds } from '../repositories/sequence.ts';
import type { Decision, DecisionPatchBody, MoveBody, NewDecisionBody, OwnerInput } from '../schemas/sittings.ts';
import { runAudited, runAuditedCreate } from './audit.ts';
import { draftSitting } from './sittings.ts';

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
  const people = await listPeople(db, groupId);
  const directory = people.map((p) => ({ id: p.id, fullName: p.fullName, shortName: p.shortNameOverride }));
  const preferred = await attendeePersonIds(db, sittingId);
  return owners.map((owner, i) => {
    if ('personId' in owner) {
      const person = people.find((p) => p.id === owner.personId);
      if (person === undefined) throw new InvalidInput(`${field}[${i}].personId`, `persona ${owner.personId} nav grupas sarakstā.`);
      return { personId: person.id, name: person.shortName };
    }
    const name = cleanName(owner.name);
    return { personId: matchPerson(name, directory, preferred)?.id ?? null, name };
  });
}

async function assertAgendaItemOfSitting(db: Executor, sittingId: number, agendaItemId: number | null | undefined): Promise<void> {
  if (agendaItemId == null) return;
  if (!(await isAgendaItemOf(db, sittingId, agendaItemId))) {
    throw new InvalidInput('agendaItemId', `šajā sēdē nav darba kārtības punkta ${agendaItemId}.`);
  }
}

/** The plan activity as stored: `5.3.1.`, with the trailing dot added when it was left off. */
const planActivityOf = (typed: string | null | undefined) => (typed == null ? typed : planActivityNumber(typed));

/** The decision as the editor gets it back: with whether the minutes leave its owner line out. */
async function forEditor(db: Executor, groupId: number, sittingId: number, decision: Decision): Promise<Decision> {
  const sitting = await sittingRow(db, groupId, sittingId);
  const [attendance, signers] = await Promise.all([
    attendeesOf(db, sittingId),
    peopleByIds(
      db,
      [sitting.chair_id, sitting.recorder_id].filter((x): x is number => x !== null),
    ),
  ]);
  const signer = (id: number | null) => {
    const p = signers.find((x) => x.id === id);
    return p === undefined ? null : { name: p.full_name };
  };
  const named = { attendance, chair: signer(sitting.chair_id), recorder: signer(sitting.recorder_id) };
  return { ...decision, ownerLineInText: ownerLineLeftOut(named)(decision) };
}

async function draftDecision(db: Executor, groupId: number, id: number) {
  const row = await decisionRow(db, id);
  await draftSitting(db, groupId, row.sitting_id);
  return row;
}

export async function addDecision(db: Db, groupId: number, actor: Actor, sittingId: number, input: NewDecisionBody): Promise<Decision> {
  assertOptionalDate('due', input.due);
  return runAuditedCreate(db, groupId, actor, DECISION, async (trx) => {
    await draftSitting(trx, groupId, sittingId);
    await assertAgendaItemOfSitting(trx, sittingId, input.agendaItemId);
    const current = await orderedIds(trx, DECISIONS, sittingId);
    const at = insertionPoint(current.size, input.number, 'number');
    const id = await insertDecision(trx, {
      sitting_id: sittingId,
      number: at,
      text: input.text,
      due: input.due ?? null,
      agenda_item_id: input.agendaItemId ?? null,
      status: input.status ?? 'open',
      plan_activity: planActivityOf(input.planActivity) ?? null,
    });
    await writeOwners(trx, id, await resolveOwners(trx, groupId, sittingId, input.owners ?? []));
    const order = [...current.keys()];
    order.splice(at - 1, 0, id);
    await applyOrder(trx, DECISIONS, order, new Map([...current, [id, at]]));
    return forEditor(trx, groupId, sittingId, await getDecision(trx, id));
  });
}

export async function updateDecision(db: Db, groupId: number, actor: Actor, id: number, patch: DecisionPatchBody): Promise<Decision> {
  assertOptionalDate('due', patch.due);
  return runAudited(db, groupId, actor, { ...DECISION, action: 'update', recordId: id }, async (trx) => {
    const decision = await draftDecision(trx, groupId, id);
    await assertAgendaItemOfSitting(trx, decision.sitting_id, patch.agendaItemId);
    await updateDecisionRow(
      trx,
      id,
      patch.version,
      definedOnly({
        text: patch.text,
        due: patch.due,
        agenda_item_id: patch.agendaItemId,
        status: patch.status,
        plan_activity: planActivityOf(patch.planActivity),
      }),
    );
    if (patch.owners !== undefined) await writeOwners(trx, id, await resolveOwners(trx, groupId, decision.sitting_id, patch.owners));
    await refreshDecisionState(trx, [id]);
    await refreshDecisionSearch(trx, id);
    return forEditor(trx, groupId, decision.sitting_id, await getDecision(trx, id));
  });
}

export async function moveDecision(db: Db, groupId: number, actor: Actor, id: number, move: MoveBody): Promise<Decision> {
  return runAudited(db, groupId, actor, { ...DECISION, action: 'move', recordId: id }, async (trx) => {
    const decision = await draftDecision(trx, groupId, id);
    assertVersion(WHAT, decision.version, move.version);
    const current = await orderedIds(trx, DECISIONS, decision.sitting_id);
    await applyOrder(trx, DECISIONS, moveTo([...current.keys()], id, move.to, 'to'), current);
    await bumpVersion(trx, 'decisions', id);
    return getDecision(trx, id);
  });
}

/** A decision whose follow-up was already reviewed elsewhere stays: the review refers to it. */
export async function deleteDecision(db: Db, groupId: number, actor: Actor, id: number, version: number): Promise<void> {
  await runAudited(db, groupId, actor, { ...DECISION, action: 'delete', recordId: id }, async (trx) => {
    const decision = await draftDecision(trx, groupId, id);
    assertVersion(WHAT, decision.version, version);
    if (await isReviewed(trx, id)) throw new InvalidInput('id', 'lēmuma izpilde jau ir izskatīta citā sēdē, tāpēc to nevar dzēst.');
    await deleteDecisionRow(trx, id);
    await closeGaps(trx, DECISIONS, decision.sitting_id);
  });
}

/** Numbers the decisions in agenda order (decisions without an item keep their place at the end). */
export async function renumberDecisions(
  db: Db,
  groupId: number,
  actor: Actor,
  sittingId: number,
  sittingVersion: number,
): Promise<Decision[]> {
  const spec = { action: 'renumber', recordType: 'sitting', recordId: sittingId, load: decisionNumbers };
  return runAudited(db, groupId, actor, spec, async (trx) => {
    const sitting = await draftSitting(trx, groupId, sittingId);
    assertVersion('sēde', sitting.version, sittingVersion);
    const rows = await decisionsWithItemPosition(trx, sittingId);
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
