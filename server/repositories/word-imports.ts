// Sittings imported from old Word protocols: the original file, the parser's doubts, the confirmation.
import { UNFINISHED_STATUSES } from '../domain/decision-state.ts';
import { sha256 } from '../domain/digest.ts';
import { notFound } from '../domain/errors.ts';
import type { Executor } from '../db/database.ts';
import { nowIso } from './rows.ts';

export interface StoredDoubt {
  paragraph: number;
  excerpt: string;
  message: string;
}

export interface WordImportRow {
  sittingId: number;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  doubts: StoredDoubt[];
  importedAt: string;
  confirmedAt: string | null;
}

export async function insertWordImport(
  db: Executor,
  groupId: number,
  sittingId: number,
  file: { fileName: string; contentType: string; bytes: Buffer; doubts: readonly StoredDoubt[] },
): Promise<void> {
  await db
    .insertInto('word_imports')
    .values({
      group_id: groupId,
      sitting_id: sittingId,
      file_name: file.fileName,
      content_type: file.contentType,
      size: file.bytes.length,
      sha256: sha256(file.bytes),
      content: file.bytes,
      doubts: JSON.stringify(file.doubts),
      imported_at: nowIso(),
    })
    .execute();
}

/** The import record of a sitting of the group, or undefined for a sitting not imported from Word. */
export async function wordImportOf(db: Executor, groupId: number, sittingId: number): Promise<WordImportRow | undefined> {
  const row = await db
    .selectFrom('word_imports')
    .select(['sitting_id', 'file_name', 'content_type', 'size', 'sha256', 'doubts', 'imported_at', 'confirmed_at'])
    .where('group_id', '=', groupId)
    .where('sitting_id', '=', sittingId)
    .executeTakeFirst();
  if (row === undefined) return undefined;
  return {
    sittingId: row.sitting_id,
    fileName: row.file_name,
    contentType: row.content_type,
    size: row.size,
    sha256: row.sha256,
    doubts: JSON.parse(row.doubts) as StoredDoubt[],
    importedAt: row.imported_at,
    confirmedAt: row.confirmed_at,
  };
}

export async function originalWordFile(
  db: Executor,
  groupId: number,
  sittingId: number,
): Promise<{ fileName: string; contentType: string; content: Buffer }> {
  const row = await db
    .selectFrom('word_imports')
    .select(['file_name', 'content_type', 'content'])
    .where('group_id', '=', groupId)
    .where('sitting_id', '=', sittingId)
    .executeTakeFirst();
  if (row === undefined) throw notFound('importētā Word faila oriģināls');
  return { fileName: row.file_name, contentType: row.content_type, content: Buffer.from(row.content) };
}

export async function markConfirmed(db: Executor, groupId: number, sittingId: number): Promise<void> {
  await db
    .updateTable('word_imports')
    .set({ confirmed_at: nowIso() })
    .where('group_id', '=', groupId)
    .where('sitting_id', '=', sittingId)
    .execute();
}

/**
 * The unfinished decisions of the group's signed sittings held before `before`: of sittings
 * imported from Word and confirmed, or of any signed sitting when `importedOnly` is false.
 */
export async function unfinishedDecisionsBefore(db: Executor, groupId: number, before: string, importedOnly: boolean): Promise<number[]> {
  let query = db
    .selectFrom('decisions as d')
    .innerJoin('sittings as s', 's.id', 'd.sitting_id')
    .select('d.id')
    .where('s.group_id', '=', groupId)
    .where('s.state', '=', 'signed')
    .where('s.date', '<', before)
    .where('d.current_status', 'in', UNFINISHED_STATUSES);
  if (importedOnly)
    query = query.where((eb) =>
      eb.exists(
        eb.selectFrom('word_imports as w').select('w.id').whereRef('w.sitting_id', '=', 's.id').where('w.confirmed_at', 'is not', null),
      ),
    );
  const rows = await query.orderBy('d.id').execute();
  return rows.map((r) => r.id);
}
