// Imports one sitting document whole, in one transaction: on any error nothing is written.
import { Conflict, InvalidInput } from '../domain/errors.ts';
import { cleanName, matchPerson, type NamedPerson } from '../domain/names.ts';
import { planActivityNumber } from '../domain/plan-activity.ts';
import type { Executor } from '../db/database.ts';
import { resolveOwners, writeOwners } from '../repositories/decisions.ts';
import { createPerson } from '../repositories/people.ts';
import { flag, inTransaction, nowIso } from '../repositories/rows.ts';
import { ensureFollowUpItem } from '../services/carry-over.ts';
import { freezeMinutes } from '../services/signing.ts';
import { refreshDecisionState } from '../repositories/decision-state.ts';
import { sittingIdByNumber, sittingRow } from '../repositories/sittings.ts';
import { refreshAgendaItemSearch } from '../repositories/search-index.ts';
import type { DocumentPerson, SittingDocument } from './sitting-document.ts';
import { validateSittingDocument } from './validate-document.ts';

interface DirectoryPerson extends NamedPerson {
  position: string | null;
}

export async function importSitting(db: Executor, groupId: number, input: unknown): Promise<{ id: number; number: number }> {
  const doc = validateSittingDocument(input);
  return inTransaction(db, async (trx) => {
    if ((await sittingIdByNumber(trx, groupId, doc.number)) !== undefined) {
      throw new Conflict(`Sēde ar Nr. ${doc.number} jau ir reģistrēta.`, 'number');
    }
    const group = await trx.selectFrom('groups').select('default_place').where('id', '=', groupId).executeTakeFirstOrThrow();
    const directory = await loadDirectory(trx, groupId);
    const person = async (p: DocumentPerson, isMember: boolean) => findOrAddPerson(trx, groupId, directory, p, isMember);

    const chair = doc.chair === undefined ? null : await person(doc.chair, true);
    const recorder = doc.recorder === undefined ? null : await person(doc.recorder, true);
    const now = nowIso();
    const { id } = await trx
      .insertInto('sittings')
      .values({
        group_id: groupId,
        number: doc.number,
        date: doc.date,
        place: doc.place ?? group.default_place,
        start_time: doc.startTime,
        end_time: doc.endTime ?? null,
        chair_id: chair?.id ?? null,
        chair_position: doc.chair === undefined ? null : (doc.chair.position ?? null),
        recorder_id: recorder?.id ?? null,
        recorder_position: doc.recorder === undefined ? null : (doc.recorder.position ?? null),
        state: 'draft',
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();

    const attendees = [
      ...doc.members.map((p) => ({ ...p, role: 'member' as const, reason: undefined })),
      ...(doc.absent ?? []).map((p) => ({ ...p, role: 'absent' as const })),
      ...(doc.invited ?? []).map((p) => ({ ...p, role: 'invited' as const, reason: undefined })),
    ];
    const present = new Set<number>();
    for (const [ordinal, a] of attendees.entries()) {
      const p = await person(a, a.role !== 'invited');
      if (present.has(p.id))
        throw new InvalidInput(attendeeField(doc, ordinal), `${a.name} ir tā pati persona, kas jau minēta sēdes dalībnieku sarakstā.`);
      present.add(p.id);
      await trx
        .insertInto('attendance')
        .values({
          sitting_id: id,
          person_id: p.id,
          role: a.role,
          position: a.position ?? null,
          reason: a.reason ?? null,
          ordinal: ordinal + 1,
        })
        .execute();
    }

    const agendaIds: number[] = [];
    for (const [i, item] of doc.agenda.entries()) {
      const row = await trx
        .insertInto('agenda_items')
        .values({
          sitting_id: id,
          position: i + 1,
          title: item.title,
          rapporteur: item.rapporteur ?? null,
          proceedings: item.proceedings ?? '',
          confidential: flag(item.confidential ?? false),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      agendaIds.push(row.id);
      await refreshAgendaItemSearch(trx, row.id);
    }

    for (const [i, d] of doc.decisions.entries()) {
      const row = await trx
        .insertInto('decisions')
        .values({
          sitting_id: id,
          number: i + 1,
          text: d.text,
          due: d.due ?? null,
          agenda_item_id: d.agendaItem === undefined ? null : (agendaIds[d.agendaItem - 1] ?? null),
          status: d.status ?? 'open',
          current_status: d.status ?? 'open',
          current_due: d.due ?? null,
          plan_activity: d.planActivity === undefined ? null : planActivityNumber(d.planActivity),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const owners = await resolveOwners(
        trx,
        groupId,
        id,
        (d.owners ?? []).map((name) => ({ name })),
        `decisions[${i}].owners`,
      );
      await writeOwners(trx, row.id, owners);
    }

    const reviewed: number[] = [];
    for (const [i, r] of (doc.reviews ?? []).entries()) {
      const decisionId = await reviewedDecision(trx, groupId, doc, i);
      if (reviewed.includes(decisionId)) throw new InvalidInput(`reviews[${i}]`, 'šī lēmuma izpilde jau ierakstīta šajā dokumentā.');
      reviewed.push(decisionId);
      await trx
        .insertInto('decision_reviews')
        .values({
          decision_id: decisionId,
          sitting_id: id,
          status: r.status,
          note: r.note ?? null,
          new_due: r.notDiscussed === true ? null : (r.due ?? null),
          not_discussed: flag(r.notDiscussed ?? false),
          ordinal: i + 1,
        })
        .execute();
    }
    await refreshDecisionState(trx, reviewed);
    if (doc.signed !== true) await ensureFollowUpItem(trx, await sittingRow(trx, groupId, id));

    // Minutes signed elsewhere are archived as rendered now, and never change after.
    if (doc.signed === true) await freezeMinutes(trx, groupId, id);
    return { id, number: doc.number };
  });
}

/** `members[2]`, `absent[0]`… for the n-th attendee counted across the three lists. */
function attendeeField(doc: SittingDocument, n: number): string {
  const lists: Array<[string, number]> = [
    ['members', doc.members.length],
    ['absent', doc.absent?.length ?? 0],
    ['invited', doc.invited?.length ?? 0],
  ];
  let index = n;
  for (const [name, length] of lists) {
    if (index < length) return `${name}[${index}].name`;
    index -= length;
  }
  return 'members';
}

async function loadDirectory(db: Executor, groupId: number): Promise<DirectoryPerson[]> {
  const rows = await db
    .selectFrom('people')
    .select(['id', 'full_name', 'short_name', 'position'])
    .where('group_id', '=', groupId)
    .execute();
  return rows.map((r) => ({ id: r.id, fullName: r.full_name, shortName: r.short_name, position: r.position }));
}

/** Matches an attendee to the directory; an unknown name joins it (and `directory`). */
async function findOrAddPerson(
  db: Executor,
  groupId: number,
  directory: DirectoryPerson[],
  p: DocumentPerson,
  isMember: boolean,
): Promise<DirectoryPerson> {
  const found = matchPerson(p.name, directory);
  if (found !== undefined) return found;
  const created = await createPerson(db, groupId, { fullName: cleanName(p.name), position: p.position ?? null, isMember });
  const added = { id: created.id, fullName: created.fullName, shortName: null, position: created.position };
  directory.push(added);
  return added;
}

async function reviewedDecision(db: Executor, groupId: number, doc: SittingDocument, index: number): Promise<number> {
  const review = doc.reviews?.[index];
  if (review === undefined) throw new InvalidInput(`reviews[${index}]`, 'nav atrasts.');
  const row = await db
    .selectFrom('decisions as d')
    .innerJoin('sittings as s', 's.id', 'd.sitting_id')
    .select(['d.id', 's.date'])
    .where('s.group_id', '=', groupId)
    .where('s.number', '=', review.sitting)
    .where('d.number', '=', review.decision)
    .executeTakeFirst();
  if (row === undefined) {
    const sittingExists = (await sittingIdByNumber(db, groupId, review.sitting)) !== undefined;
    throw sittingExists
      ? new InvalidInput(`reviews[${index}].decision`, `sēdē Nr. ${review.sitting} nav lēmuma Nr. ${review.decision}.`)
      : new InvalidInput(`reviews[${index}].sitting`, `sēde Nr. ${review.sitting} nav atrasta.`);
  }
  if (row.date > doc.date) throw new InvalidInput(`reviews[${index}].sitting`, `sēde Nr. ${review.sitting} notika vēlāk nekā šī sēde.`);
  return row.id;
}
