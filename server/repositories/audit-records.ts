// What the audit trail reads of each kind of record: API shapes and chosen columns only, so no
// credential (a password hash, a calendar token's hash) and no file's bytes can reach it.
import type { Executor } from '../db/database.ts';
import { getAgendaItem } from './agenda-items.ts';
import { getAttendee } from './attendance.ts';
import { getDecision } from './decisions.ts';
import { getPerson } from './people.ts';
import { getReview } from './reviews.ts';
import { listSignatures } from './signed-minutes.ts';
import { sittingRow } from './sittings.ts';
import { auditedUser, accountRow } from './users.ts';

/** Reads what the audit trail may keep of a record, by its id. */
export type AuditLoad = (db: Executor, id: number) => Promise<object | null | undefined>;

/** A kind of record and how the audit trail reads it. */
export interface AuditedRecord {
  recordType: string;
  load: AuditLoad;
}

export const ATTENDANCE: AuditedRecord = { recordType: 'attendance', load: getAttendee };
export const AGENDA_ITEM: AuditedRecord = { recordType: 'agenda_item', load: getAgendaItem };
export const DECISION: AuditedRecord = { recordType: 'decision', load: getDecision };
export const REVIEW: AuditedRecord = { recordType: 'review', load: getReview };

/** A sitting's header (not its parts, which have records of their own). */
export const sittingRecord = (groupId: number): AuditedRecord => ({ recordType: 'sitting', load: (db, id) => sittingRow(db, groupId, id) });
export const personRecord = (groupId: number): AuditedRecord => ({ recordType: 'person', load: (db, id) => getPerson(db, groupId, id) });
/** An account as the API shows it: never its password hash. */
export const userRecord = (groupId: number): AuditedRecord => ({
  recordType: 'user',
  load: async (db, id) => auditedUser(await accountRow(db, groupId, id)),
});
/** A sitting by the state of its latest signed version: who signed it and when. */
export const signedSittingRecord = (groupId: number): AuditedRecord => ({
  recordType: 'sitting',
  load: (db, id) => latestSignature(db, groupId, id),
});

// What a change added to a record, kept whole in its audit record.

export async function newestNote(db: Executor, decisionId: number) {
  const row = await db
    .selectFrom('decision_notes')
    .select(['id', 'note', 'status', 'author_id', 'effective_date', 'created_at'])
    .where('decision_id', '=', decisionId)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row === undefined
    ? null
    : { id: row.id, note: row.note, status: row.status, authorId: row.author_id, date: row.effective_date, createdAt: row.created_at };
}

export async function newestAmendment(db: Executor, sittingId: number) {
  const row = await db
    .selectFrom('amendments')
    .select(['id', 'amends_version', 'reason', 'opened_at'])
    .where('sitting_id', '=', sittingId)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row === undefined ? null : { id: row.id, amendsVersion: row.amends_version, reason: row.reason, openedAt: row.opened_at };
}

export async function newestSignedCopy(db: Executor, sittingId: number) {
  const row = await db
    .selectFrom('signed_copies')
    .select(['id', 'signed_version', 'file_name', 'content_type', 'size', 'sha256', 'uploaded_at'])
    .where('sitting_id', '=', sittingId)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row === undefined
    ? null
    : {
        id: row.id,
        signedVersion: row.signed_version,
        fileName: row.file_name,
        contentType: row.content_type,
        size: row.size,
        sha256: row.sha256,
        uploadedAt: row.uploaded_at,
      };
}

/** Each decision's number by its id, so a renumbering records only the numbers it changed. */
export async function decisionNumbers(db: Executor, sittingId: number): Promise<Record<string, number>> {
  const rows = await db.selectFrom('decisions').select(['id', 'number']).where('sitting_id', '=', sittingId).orderBy('id').execute();
  return Object.fromEntries(rows.map((r) => [String(r.id), r.number]));
}

export async function latestSignature(db: Executor, groupId: number, sittingId: number) {
  return (await listSignatures(db, groupId, sittingId)).at(-1) ?? null;
}
