// The minutes' use cases for a reader: downloads of the draft or signed minutes (the version a
// reader may have, a member's reading of confidential text on the record), the signatures, and
// the signed copy uploaded and downloaded with their audit records.
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Db, Executor } from '../db/database.ts';
import { sittingRevealsConfidential } from '../domain/reader-view.ts';
import type { MinutesVersion } from '../minutes/minutes-source.ts';
import type { SittingDetail } from '../schemas/sittings.ts';
import { renderMinutes, type MinutesFormat } from '../minutes/render-minutes.ts';
import type { Actor } from '../repositories/audit.ts';
import { newestSignedCopy } from '../repositories/audit-records.ts';
import { latestSignedCopy, storeSignedCopy } from '../repositories/signed-copies.ts';
import { listSignatures } from '../repositories/signed-minutes.ts';
import { sittingRow } from '../repositories/sittings.ts';
import type { Signature, SignedCopyInfo } from '../schemas/minutes.ts';
import { runAudited } from './audit.ts';
import type { MailContext } from './mail/context.ts';
import { signedMinutesMail } from './mail/sitting-mail.ts';
import { getGroup } from '../repositories/group.ts';
import { loadMinutesSource } from './minutes-source.ts';
import { sittingData } from './sittings.ts';
import { assertMaySee, auditConfidentialRead, type Reader } from './readers.ts';
import { signedFile, type MinutesFile } from './signing.ts';
import { groupWording } from './wording.ts';

export interface MinutesAsked {
  format: MinutesFormat;
  /** The version asked for; a guest gets the public one whatever they ask. */
  version?: MinutesVersion | undefined;
  /** A signed version by its number; without it the latest signed minutes, or the draft rendered afresh. */
  signedNumber?: number | undefined;
}

/** The minutes this reader asked for: the draft rendered from the sitting loaded once, or the stored signed bytes. */
export async function minutesForReader(
  db: Executor,
  groupId: number,
  reader: Reader,
  sittingId: number,
  asked: MinutesAsked,
): Promise<MinutesFile> {
  await assertMaySee(db, groupId, reader, sittingId);
  const version: MinutesVersion = reader.view.seesConfidential ? (asked.version ?? 'full') : 'public';
  const [row, { minutes: templates }] = await Promise.all([sittingRow(db, groupId, sittingId), groupWording(db, groupId)]);
  if (asked.signedNumber === undefined && row.state === 'draft') {
    const source = await loadMinutesSource(db, groupId, sittingId);
    // The DOCX is laid out on a thread while the audit record is written here (it waits for the
    // disk); the file goes out only once both are done. A long sitting takes milliseconds to read:
    // the other users' requests are answered between these steps.
    const [file] = await Promise.all([
      renderMinutes(source, version, asked.format, { templates }),
      (async () => {
        await nextTurn();
        if (version === 'full') await auditIfRevealed(db, groupId, reader, source.sitting);
        await nextTurn();
      })(),
    ]);
    return file;
  }
  const file = await signedFile(db, row, version, asked.format, asked.signedNumber, templates);
  if (version === 'full' && reader.view.seesConfidential)
    await auditIfRevealed(db, groupId, reader, await sittingData(db, groupId, sittingId));
  return file;
}

/** The signatures given to a sitting's minutes, version by version. */
export async function signaturesForReader(db: Executor, groupId: number, reader: Reader, sittingId: number): Promise<Signature[]> {
  await assertMaySee(db, groupId, reader, sittingId);
  return listSignatures(db, groupId, sittingId);
}

/**
 * Stores the copy signed outside the tool, audited with what was stored. With `mail`, in
 * e-signature mode the members are sent the signed minutes (once per signed version).
 */
export function uploadSignedCopy(
  db: Db,
  groupId: number,
  actor: Actor,
  sittingId: number,
  bytes: Buffer,
  fileName: string | undefined,
  mail?: MailContext,
): Promise<SignedCopyInfo> {
  return runAudited(
    db,
    groupId,
    actor,
    { action: 'upload_signed_copy', recordType: 'sitting', recordId: sittingId, added: newestSignedCopy },
    async (trx) => {
      const stored = await storeSignedCopy(trx, groupId, sittingId, bytes, fileName);
      if (mail !== undefined && (await getGroup(trx, groupId)).minutes.signatureMode === 'esignature')
        await signedMinutesMail(trx, groupId, sittingId, mail, { sha256: stored.sha256 });
      return stored;
    },
  );
}

/** The latest signed copy; it is the full minutes, so a member's reading of confidential text is on the record. */
export async function signedCopyForReader(db: Executor, groupId: number, reader: Reader, sittingId: number) {
  const copy = await latestSignedCopy(db, groupId, sittingId);
  if (reader.view.seesConfidential) await auditIfRevealed(db, groupId, reader, await sittingData(db, groupId, sittingId));
  return copy;
}

async function auditIfRevealed(db: Executor, groupId: number, reader: Reader, sitting: SittingDetail): Promise<void> {
  if (sittingRevealsConfidential(reader.view, sitting)) await auditConfidentialRead(db, groupId, reader, 'sitting', sitting.id);
}
