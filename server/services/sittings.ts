// Sittings as use cases: opening a draft with sensible defaults, editing its header, deleting a
// draft, listing and searching them for a reader, and reading one whole (with its carry-over
// list, or as signed when it is signed). Each write owns its transaction and its audit record.
import { assertDate, assertTimeOrder } from '../domain/calendar.ts';
import { Conflict, InvalidInput } from '../domain/errors.ts';
import { shortForm } from '../domain/names.ts';
import { revealsConfidential, searchHitsFor } from '../domain/reader-view.ts';
import { newSittingHeader } from '../domain/sitting-defaults.ts';
import { assertDraft } from '../domain/sitting-lock.ts';
import type { Db, Executor, SittingRow } from '../db/database.ts';
import { ownerLineLeftOut } from '../minutes/view-model.ts';
import type { NewSittingBody, SearchHit, SittingDetail, SittingPatchBody, SittingSummary } from '../schemas/sittings.ts';
import type { Actor } from '../repositories/audit.ts';
import { sittingRecord } from '../repositories/audit-records.ts';
import { insertAttendance } from '../repositories/attendance.ts';
import { getGroup } from '../repositories/group.ts';
import { listPeople, personRow } from '../repositories/people.ts';
import { definedOnly } from '../repositories/rows.ts';
import { searchMinutes } from '../repositories/search-index.ts';
import {
  deleteSittingRow,
  insertSitting,
  latestSittingRow,
  latestSignedSittingJson,
  listSittings,
  lockSittingNumbers,
  sittingIdByNumber,
  sittingParts,
  sittingRow,
  suggestedNumber,
  updateSittingRow,
} from '../repositories/sittings.ts';
import { runAudited, runAuditedCreate } from './audit.ts';
import type { MailContext } from './mail/context.ts';
import { sittingCancelled, sittingEdited } from './mail/sitting-mail.ts';
import { carriedDecisions, ensureFollowUpItem } from './carry-over.ts';
import { suggestReportItem } from './plan-report.ts';
import { assertMaySee, auditConfidentialRead, searchScope, sittingForReader, visibleSittings, type Reader } from './readers.ts';

/** The sitting, checked to be a draft: every write to a sitting or its parts starts here. */
export async function draftSitting(db: Executor, groupId: number, id: number): Promise<SittingRow> {
  const row = await sittingRow(db, groupId, id);
  assertDraft(row);
  return row;
}

/** Takes the group's numbering lock first: the number stays free until the transaction commits. */
export async function assertNumberFree(db: Executor, groupId: number, number: number, exceptId?: number): Promise<void> {
  await lockSittingNumbers(db, groupId);
  const other = await sittingIdByNumber(db, groupId, number);
  if (other !== undefined && other !== exceptId) throw new Conflict(`Sēde ar Nr. ${number} jau ir reģistrēta.`, 'number');
}

/** A chair or recorder must be in the group's directory; their position there is returned. */
async function positionOf(db: Executor, groupId: number, personId: number, field: string): Promise<string | null> {
  const row = await personRow(db, groupId, personId).catch(() => undefined);
  if (row === undefined) throw new InvalidInput(field, `persona ${personId} nav grupas sarakstā.`);
  return row.position;
}

/**
 * Opens a draft: the next number, the previous sitting's chair, recorder, place and times (see
 * domain/sitting-defaults.ts), and the active members listed as present.
 */
export async function openSitting(db: Db, groupId: number, actor: Actor, input: NewSittingBody): Promise<SittingDetail> {
  assertDate('date', input.date);
  assertTimeOrder(input.startTime ?? null, input.endTime ?? null);
  return runAuditedCreate(db, groupId, actor, sittingRecord(groupId), async (trx) => {
    const group = await getGroup(trx, groupId);
    await lockSittingNumbers(trx, groupId);
    const number = input.number ?? (await suggestedNumber(trx, groupId));
    await assertNumberFree(trx, groupId, number);
    const previous = await latestSittingRow(trx, groupId);
    const active = new Set((await listPeople(trx, groupId, { active: true })).map((p) => p.id));
    const header = newSittingHeader(
      input,
      previous && {
        place: previous.place,
        startTime: previous.start_time,
        endTime: previous.end_time,
        chairId: previous.chair_id,
        recorderId: previous.recorder_id,
      },
      group.defaultPlace,
      (id) => active.has(id),
    );
    assertTimeOrder(header.startTime, header.endTime);
    const chair = header.chairId === null ? null : await positionOf(trx, groupId, header.chairId, 'chairId');
    const recorder = header.recorderId === null ? null : await positionOf(trx, groupId, header.recorderId, 'recorderId');
    const id = await insertSitting(trx, {
      group_id: groupId,
      number,
      date: input.date,
      place: header.place,
      start_time: header.startTime,
      end_time: header.endTime,
      chair_id: header.chairId,
      chair_position: chair,
      recorder_id: header.recorderId,
      recorder_position: recorder,
    });
    const members = await listPeople(trx, groupId, { active: true, member: true });
    await insertAttendance(
      trx,
      members.map((m, i) => ({
        sitting_id: id,
        person_id: m.id,
        role: 'member' as const,
        position: m.position,
        reason: null,
        ordinal: i + 1,
      })),
    );
    await ensureFollowUpItem(trx, await sittingRow(trx, groupId, id));
    await suggestReportItem(trx, groupId, await sittingRow(trx, groupId, id));
    return loadSitting(trx, groupId, id);
  });
}

/** A newly chosen chair or recorder brings their current position unless one is given. */
async function signerPosition(
  db: Executor,
  groupId: number,
  personId: number | null | undefined,
  given: string | null | undefined,
  field: string,
): Promise<string | null | undefined> {
  if (personId == null) return given === undefined ? personId : given;
  const position = await positionOf(db, groupId, personId, field);
  return given === undefined ? position : given;
}

/** With `mail`, a change of an announced sitting's date, time or place sends its invitees an update. */
export async function updateSitting(
  db: Db,
  groupId: number,
  actor: Actor,
  id: number,
  patch: SittingPatchBody,
  mail?: MailContext,
): Promise<SittingDetail> {
  return runAudited(db, groupId, actor, { ...sittingRecord(groupId), action: 'update', recordId: id }, async (trx) => {
    const current = await draftSitting(trx, groupId, id);
    if (patch.date !== undefined) assertDate('date', patch.date);
    if (patch.number !== undefined) await assertNumberFree(trx, groupId, patch.number, id);
    assertTimeOrder(
      patch.startTime === undefined ? current.start_time : patch.startTime,
      patch.endTime === undefined ? current.end_time : patch.endTime,
    );
    const chairPosition = await signerPosition(trx, groupId, patch.chairId, patch.chairPosition, 'chairId');
    const recorderPosition = await signerPosition(trx, groupId, patch.recorderId, patch.recorderPosition, 'recorderId');
    await updateSittingRow(
      trx,
      id,
      patch.version,
      definedOnly({
        number: patch.number,
        date: patch.date,
        place: patch.place,
        start_time: patch.startTime,
        end_time: patch.endTime,
        chair_id: patch.chairId,
        chair_position: chairPosition,
        recorder_id: patch.recorderId,
        recorder_position: recorderPosition,
      }),
    );
    if (mail !== undefined) await sittingEdited(trx, groupId, id, mail);
    return loadSitting(trx, groupId, id);
  });
}

/** Deletes a draft with all its parts; with `mail`, an announced one's invitees get the cancellation. */
export async function deleteSitting(db: Db, groupId: number, actor: Actor, id: number, version: number, mail?: MailContext): Promise<void> {
  await runAudited(db, groupId, actor, { ...sittingRecord(groupId), action: 'delete', recordId: id }, async (trx) => {
    const row = await draftSitting(trx, groupId, id);
    // Written before the rows go (the invitees are read from them); a stale version rolls it back.
    if (mail !== undefined && row.version === version) await sittingCancelled(trx, groupId, id, mail);
    await deleteSittingRow(trx, id, version);
  });
}

/** The sittings this reader may see, newest first. */
export async function sittingsFor(db: Executor, groupId: number, reader: Reader): Promise<SittingSummary[]> {
  return visibleSittings(db, groupId, reader, await listSittings(db, groupId));
}

/** One sitting as this reader may see it; a guest who did not attend learns nothing of it. */
export async function sittingFor(db: Executor, groupId: number, reader: Reader, id: number): Promise<SittingDetail> {
  await assertMaySee(db, groupId, reader, id);
  return sittingForReader(db, groupId, reader, await loadSitting(db, groupId, id));
}

/** Searches the minutes this reader may see; hits that show confidential text are on the record. */
export async function searchFor(db: Executor, groupId: number, reader: Reader, query: string, limit = 100): Promise<SearchHit[]> {
  const hits = searchHitsFor(reader.view, await searchMinutes(db, groupId, query, { ...(await searchScope(db, groupId, reader)), limit }));
  if (revealsConfidential(reader.view, hits)) await auditConfidentialRead(db, groupId, reader, 'search', null);
  return hits;
}

/** One sitting whole, as the API and the editor see it: each decision says whether the minutes leave out its owner line. */
export async function loadSitting(db: Executor, groupId: number, id: number): Promise<SittingDetail> {
  return withOwnerLines(await sittingData(db, groupId, id));
}

/**
 * One sitting whole, as the minutes, mails and exports read it. They word each decision themselves,
 * so the editor's owner-line note (a name match per decision, long for a long sitting) is not worked out.
 */
export async function sittingData(db: Executor, groupId: number, id: number): Promise<SittingDetail> {
  const s = await sittingRow(db, groupId, id);
  if (s.state === 'signed') {
    const frozen = await latestSignedSittingJson(db, id);
    if (frozen !== null) return { ...(JSON.parse(frozen) as SittingDetail), state: s.state, version: s.version };
  }
  // The reviews are read once, with the other parts, for the sitting's list and for its carry-over.
  const partsRead = sittingParts(db, s);
  const [{ attendance, agendaItems, decisions, reviews, signers }, carryOver] = await Promise.all([
    partsRead,
    carriedDecisions(
      db,
      s,
      partsRead.then((p) => p.reviews),
    ),
  ]);
  const signer = (personId: number | null, position: string | null) => {
    const p = signers.find((x) => x.id === personId);
    return p === undefined ? null : { personId: p.id, name: p.full_name, shortName: p.short_name ?? shortForm(p.full_name), position };
  };
  return {
    id: s.id,
    number: s.number,
    date: s.date,
    place: s.place,
    startTime: s.start_time,
    endTime: s.end_time,
    state: s.state,
    chair: signer(s.chair_id, s.chair_position),
    recorder: signer(s.recorder_id, s.recorder_position),
    attendance,
    agendaItems,
    decisions,
    reviews,
    carryOver,
    version: s.version,
  };
}

/** Marks the decisions whose owner line the minutes leave out, for the editor's note. */
function withOwnerLines(sitting: SittingDetail): SittingDetail {
  const leftOut = ownerLineLeftOut(sitting);
  return { ...sitting, decisions: sitting.decisions.map((d) => ({ ...d, ownerLineInText: leftOut(d) })) };
}
