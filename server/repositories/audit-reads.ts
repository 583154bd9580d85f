// What the audit trail reads of the records that have no reader of their own: the note, the
// amendment or the signed copy a change added (never a copy's bytes), a sitting's decision
// numbers and its latest signature.
import type { Executor } from '../db/database.ts';
import { listSignatures } from './signed-minutes.ts';

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
