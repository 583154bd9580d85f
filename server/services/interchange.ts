// Whole sittings in the interchange format (shared/formats): importing one document, audited and
// in one transaction (on any error nothing is written), and exporting one as a reader may see it.
// Routes and the CLI both call these.
import { InvalidInput } from '../domain/errors.ts';
import { documentRevealsConfidential, sittingFor as sittingForView } from '../domain/reader-view.ts';
import type { Db, Executor } from '../db/database.ts';
import { sittingToDocument } from '../interchange/export-sitting.ts';
import type { DocumentPerson, SittingDocument } from '../interchange/sitting-document.ts';
import { validateSittingDocument } from '../interchange/validate-document.ts';
import { planActivityNumber } from '../domain/plan-activity.ts';
import { insertAgendaItem } from '../repositories/agenda-items.ts';
import { insertAttendee } from '../repositories/attendance.ts';
import type { Actor } from '../repositories/audit.ts';
import { sittingRecord } from '../repositories/audit-records.ts';
import { refreshDecisionState } from '../repositories/decision-state.ts';
import { decisionByNumbers, insertDecision, writeOwners } from '../repositories/decisions.ts';
import { getGroup } from '../repositories/group.ts';
import { insertReview } from '../repositories/reviews.ts';
import { flag } from '../repositories/rows.ts';
import { refreshAgendaItemSearch } from '../repositories/search-index.ts';
import { insertSitting, sittingIdByNumber, sittingRow } from '../repositories/sittings.ts';
import { directoryOf, findOrAddPerson } from './attendance.ts';
import { runAudited } from './audit.ts';
import { ensureFollowUpItem } from './carry-over.ts';
import { assertMaySee, auditConfidentialRead, type Reader } from './readers.ts';
import { freezeMinutes } from './signing.ts';
import { assertNumberFree, sittingData } from './sittings.ts';
import { resolveOwners } from './sitting-decisions.ts';

export interface ImportedSitting {
  id: number;
  number: number;
}

/**
 * Imports one sitting document whole: its people matched to the directory (unknown names join
 * it), its parts, the reviews of earlier decisions; minutes signed elsewhere are archived as
 * rendered now and never change after.
 */
export async function importSitting(db: Db, groupId: number, actor: Actor, input: unknown): Promise<ImportedSitting> {
  const doc = validateSittingDocument(input);
  const spec = { ...sittingRecord(groupId), action: 'import', createdId: (r: ImportedSitting) => r.id };
  return runAudited(db, groupId, actor, spec, (trx) => writeSittingDocument(trx, groupId, doc));
}

export interface WriteOptions {
  /**
   * Add the follow-up of earlier decisions to a draft, as a sitting being prepared needs
   * (default). An old protocol imported for review keeps the agenda it was written with.
   */
  followUp?: boolean;
}

/**
 * Writes one validated sitting document inside the caller's transaction: the one way a whole
 * sitting enters the database, shared by the interchange import and the Word import.
 */
export async function writeSittingDocument(
  trx: Executor,
  groupId: number,
  doc: SittingDocument,
  options: WriteOptions = {},
): Promise<ImportedSitting> {
  await assertNumberFree(trx, groupId, doc.number);
  const group = await getGroup(trx, groupId);
  const directory = await directoryOf(trx, groupId);
  const person = (p: DocumentPerson, isMember: boolean) => findOrAddPerson(trx, groupId, directory, p.name, p.position ?? null, isMember);

  const chair = doc.chair === undefined ? null : await person(doc.chair, true);
  const recorder = doc.recorder === undefined ? null : await person(doc.recorder, true);
  const id = await insertSitting(trx, {
    group_id: groupId,
    number: doc.number,
    date: doc.date,
    place: doc.place ?? group.defaultPlace,
    start_time: doc.startTime,
    end_time: doc.endTime ?? null,
    chair_id: chair?.id ?? null,
    chair_position: doc.chair?.position ?? null,
    recorder_id: recorder?.id ?? null,
    recorder_position: doc.recorder?.position ?? null,
  });

  const attendees = [
    ...doc.members.map((p) => ({ ...p, role: 'member' as const, reason: undefined })),
    ...(doc.absent ?? []).map((p) => ({ ...p, role: 'absent' as const })),
    ...(doc.invited ?? []).map((p) => ({ ...p, role: 'invited' as const, reason: undefined })),
  ];
  const present = new Set<number>();
  for (const [ordinal, a] of attendees.entries()) {
    const p = await person(a, a.role !== 'invited');
    if (present.has(p.id)) {
      throw new InvalidInput(attendeeField(doc, ordinal), `${a.name} ir tā pati persona, kas jau minēta sēdes dalībnieku sarakstā.`);
    }
    present.add(p.id);
    await insertAttendee(trx, {
      sitting_id: id,
      person_id: p.id,
      role: a.role,
      position: a.position ?? null,
      reason: a.reason ?? null,
      ordinal: ordinal + 1,
    });
  }

  const agendaIds: number[] = [];
  for (const [i, item] of doc.agenda.entries()) {
    const itemId = await insertAgendaItem(trx, {
      sitting_id: id,
      position: i + 1,
      title: item.title,
      rapporteur: item.rapporteur ?? null,
      proceedings: item.proceedings ?? '',
      confidential: flag(item.confidential ?? false),
    });
    agendaIds.push(itemId);
    await refreshAgendaItemSearch(trx, itemId);
  }

  for (const [i, d] of doc.decisions.entries()) {
    const decisionId = await insertDecision(trx, {
      sitting_id: id,
      number: i + 1,
      text: d.text,
      due: d.due ?? null,
      agenda_item_id: d.agendaItem === undefined ? null : (agendaIds[d.agendaItem - 1] ?? null),
      status: d.status ?? 'open',
      plan_activity: d.planActivity === undefined ? null : planActivityNumber(d.planActivity),
    });
    const owners = (d.owners ?? []).map((name) => ({ name }));
    await writeOwners(trx, decisionId, await resolveOwners(trx, groupId, id, owners, `decisions[${i}].owners`));
  }

  const reviewed: number[] = [];
  for (const [i, r] of (doc.reviews ?? []).entries()) {
    const decisionId = await reviewedDecision(trx, groupId, doc, i);
    if (reviewed.includes(decisionId)) throw new InvalidInput(`reviews[${i}]`, 'šī lēmuma izpilde jau ierakstīta šajā dokumentā.');
    reviewed.push(decisionId);
    await insertReview(trx, {
      decision_id: decisionId,
      sitting_id: id,
      status: r.status,
      note: r.note ?? null,
      new_due: r.notDiscussed === true ? null : (r.due ?? null),
      not_discussed: flag(r.notDiscussed ?? false),
    });
  }
  await refreshDecisionState(trx, reviewed);

  if (doc.signed === true) await freezeMinutes(trx, groupId, id);
  else if (options.followUp !== false) await ensureFollowUpItem(trx, await sittingRow(trx, groupId, id));
  return { id, number: doc.number };
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

/** The decision a review follows up: of this group, by numbers, taken no later than this sitting. */
async function reviewedDecision(db: Executor, groupId: number, doc: SittingDocument, index: number): Promise<number> {
  const review = doc.reviews?.[index];
  if (review === undefined) throw new InvalidInput(`reviews[${index}]`, 'nav atrasts.');
  const row = await decisionByNumbers(db, groupId, review.sitting, review.decision);
  if (row === undefined) {
    const sittingExists = (await sittingIdByNumber(db, groupId, review.sitting)) !== undefined;
    throw sittingExists
      ? new InvalidInput(`reviews[${index}].decision`, `sēdē Nr. ${review.sitting} nav lēmuma Nr. ${review.decision}.`)
      : new InvalidInput(`reviews[${index}].sitting`, `sēde Nr. ${review.sitting} nav atrasta.`);
  }
  if (row.date > doc.date) throw new InvalidInput(`reviews[${index}].sitting`, `sēde Nr. ${review.sitting} notika vēlāk nekā šī sēde.`);
  return row.id;
}

/** One sitting as a document, as this reader may see it; confidential text in it is on the record. */
export async function exportSitting(db: Executor, groupId: number, reader: Reader, id: number): Promise<SittingDocument> {
  await assertMaySee(db, groupId, reader, id);
  const sitting = await sittingData(db, groupId, id);
  const doc = sittingToDocument(sittingForView(reader.view, sitting));
  if (documentRevealsConfidential(reader.view, sitting)) await auditConfidentialRead(db, groupId, reader, 'sitting', id);
  return doc;
}
