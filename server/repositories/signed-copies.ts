// The file the chair signed outside the tool (eParaksts container or PDF), kept with its hash.
import { Conflict, notFound } from '../domain/errors.ts';
import { sha256 } from '../domain/digest.ts';
import { cleanFileName, inspectSignedCopy, MAX_SIGNED_COPIES } from '../domain/signed-copy-file.ts';
import type { Executor } from '../db/database.ts';
import type { SignedCopyInfo } from '../schemas/minutes.ts';
import { nowIso } from './rows.ts';
import { sittingRow } from './sittings.ts';

export async function storeSignedCopy(
  db: Executor,
  groupId: number,
  sittingId: number,
  bytes: Buffer,
  fileName?: string,
): Promise<SignedCopyInfo> {
  const sitting = await sittingRow(db, groupId, sittingId);
  if (sitting.state !== 'signed')
    throw new Conflict(`Sēdes Nr. ${sitting.number} protokols vēl nav parakstīts šajā rīkā; vispirms parakstiet to.`);
  const signed = await db
    .selectFrom('signed_minutes')
    .select(['version', 'sha256_full', 'sha256_public'])
    .where('sitting_id', '=', sittingId)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  const version = signed?.version ?? 1;
  const copies = await db
    .selectFrom('signed_copies')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('sitting_id', '=', sittingId)
    .where('signed_version', '=', version)
    .executeTakeFirstOrThrow();
  if (Number(copies.n) >= MAX_SIGNED_COPIES)
    throw new Conflict(
      `Sēdes Nr. ${sitting.number} protokola ${version}. versijai jau ir augšupielādētas ${MAX_SIGNED_COPIES} parakstītās kopijas; vairāk pievienot nevar.`,
    );
  const kind = inspectSignedCopy(bytes, signed === undefined ? [] : [signed.sha256_full, signed.sha256_public]);
  const row = await db
    .insertInto('signed_copies')
    .values({
      sitting_id: sittingId,
      signed_version: version,
      file_name: cleanFileName(fileName, kind, `Protokols_Nr_${sitting.number}_${sitting.date}_parakstits`),
      content_type: kind.contentType,
      size: bytes.length,
      sha256: sha256(bytes),
      content: bytes,
      uploaded_at: nowIso(),
    })
    .returning(['id', 'signed_version', 'file_name', 'content_type', 'size', 'sha256', 'uploaded_at'])
    .executeTakeFirstOrThrow();
  return toInfo(row);
}

function toInfo(r: {
  id: number;
  signed_version: number;
  file_name: string;
  content_type: string;
  size: number;
  sha256: string;
  uploaded_at: string;
}): SignedCopyInfo {
  return {
    id: r.id,
    signedVersion: r.signed_version,
    fileName: r.file_name,
    contentType: r.content_type,
    size: r.size,
    sha256: r.sha256,
    uploadedAt: r.uploaded_at,
  };
}

/** The latest signed copy uploaded for the sitting. */
export async function latestSignedCopy(db: Executor, groupId: number, sittingId: number): Promise<SignedCopyInfo & { content: Buffer }> {
  await sittingRow(db, groupId, sittingId);
  const row = await db
    .selectFrom('signed_copies')
    .selectAll()
    .where('sitting_id', '=', sittingId)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (row === undefined) throw notFound('parakstītā protokola kopija');
  return { ...toInfo(row), content: Buffer.from(row.content) };
}
