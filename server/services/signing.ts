// Signing: the minutes are rendered once, their bytes and SHA-256 stored, and the sitting
// locked. Downloads of signed minutes return exactly the stored bytes; an amendment reopens
// the sitting and the next signature becomes the next version.
import type { Db, Executor, SignedMinutesRow, SittingRow } from '../db/database.ts';
import { Conflict, DomainError, InvalidInput, notFound } from '../domain/errors.ts';
import type { Role } from '../domain/permissions.ts';
import { awaitedSignatures, signaturesGiven, type SignerRole } from '../domain/signers.ts';
import { sha256 } from '../domain/digest.ts';
import { signingRefusal } from '../domain/signing-readiness.ts';
import type { MinutesVersion } from '../minutes/minutes-source.ts';
import { minutesFileName, renderMinutes, type MinutesFormat, type RenderedMinutes } from '../minutes/render-minutes.ts';
import type { Actor } from '../repositories/audit.ts';
import { newestAmendment, signedSittingRecord } from '../repositories/audit-records.ts';
import { freezeCarriedDecisions } from './carry-over.ts';
import { getGroup } from '../repositories/group.ts';
import { loadMinutesSource, minutesSource } from './minutes-source.ts';
import { nowIso } from '../repositories/rows.ts';
import {
  givenSignatures,
  insertAmendment,
  insertSignatures,
  insertSignedMinutes,
  latestSigned,
  listSignatures,
  setSittingState,
  signedVersion,
} from '../repositories/signed-minutes.ts';
import { sittingRow } from '../repositories/sittings.ts';
import { loadSitting } from './sittings.ts';
import { groupWording } from './wording.ts';
import { wordingOfSlug } from '../wording/group-templates.ts';
import type { MinutesTemplates } from '../wording/templates.ts';
import type { Signature } from '../schemas/minutes.ts';
import type { SittingDetail } from '../schemas/sittings.ts';
import { runAudited } from './audit.ts';
import { compactSearchIndex } from '../repositories/search-index.ts';
import type { MailContext } from './mail/context.ts';
import { signedMinutesMail } from './mail/sitting-mail.ts';

export interface Signer {
  userId: number | null;
  /** The signatures this user gives (domain/signers.ts). */
  as: SignerRole[];
}

/** A user whose role gives none of the signatures asked for. */
export class NotASigner extends DomainError {
  readonly statusCode = 403 as const;
}

/** Minutes not ready to sign: the message names every missing part, `field` the first. */
export class NotReadyToSign extends DomainError {
  readonly statusCode = 409 as const;
}

/** Signs as the signatures this user's role gives (`as` narrows an admin's to one), audited. */
export function signAs(
  db: Db,
  groupId: number,
  actor: Actor,
  sittingId: number,
  sittingVersion: number,
  user: { userId: number; role: Role },
  as?: SignerRole,
  mail?: MailContext,
): Promise<Signature> {
  const given = signaturesGiven(user.role, as);
  if (given.length === 0)
    throw new NotASigner(
      as === 'chair' ? 'Kā sēdes vadītājs var parakstīt tikai sēdes vadītājs.' : 'Kā protokolētājs var parakstīt tikai sekretārs.',
    );
  return signSitting(db, groupId, actor, sittingId, sittingVersion, { userId: user.userId, as: given }, mail);
}

/**
 * Signs the minutes as chair and/or recorder, audited. The first signature renders and stores
 * them and locks the sitting, so the second signs exactly what the first did. With `mail`, the
 * last signature of paper mode sends the members the signed minutes (in e-signature mode the
 * upload of the signed copy does).
 */
export async function signSitting(
  db: Db,
  groupId: number,
  actor: Actor,
  sittingId: number,
  sittingVersion: number,
  signer: Signer,
  mail?: MailContext,
): Promise<Signature> {
  const signature = await runAudited(
    db,
    groupId,
    actor,
    { ...signedSittingRecord(groupId), action: 'sign', recordId: sittingId },
    async (trx) => {
      const row = await sittingRow(trx, groupId, sittingId);
      if (row.version !== sittingVersion)
        throw new Conflict('Sēdi pa to laiku ir mainījis kāds cits; pārskatiet protokolu un parakstiet vēlreiz.', 'version');
      if (row.state === 'draft') {
        // Loaded once, carry-over list included: checked, frozen and rendered from the same data.
        const sitting = await loadSitting(trx, groupId, sittingId);
        const refusal = signingRefusal(sitting);
        if (refusal !== null) throw new NotReadyToSign(refusal.message, refusal.field);
        await freezeLoaded(trx, groupId, sitting, signer.userId);
      }
      const latest = await latestSigned(trx, sittingId);
      if (latest === undefined) throw new Conflict('Šo protokolu parakstīja ārpus rīka; to var tikai labot ar grozījumu.');
      const given = await givenSignatures(trx, sittingId, latest.version);
      const missing = signer.as.filter((role) => !given.includes(role));
      if (missing.length === 0) throw new Conflict('Šo protokola versiju jūs jau esat parakstījis.');
      await insertSignatures(trx, sittingId, latest.version, missing, signer.userId);
      if (mail !== undefined && awaitedSignatures([...given, ...missing]).length === 0) {
        const group = await getGroup(trx, groupId);
        if (group.minutes.signatureMode === 'paper') await signedMinutesMail(trx, groupId, sittingId, mail, null);
      }
      const signatures = await listSignatures(trx, groupId, sittingId);
      return signatures[signatures.length - 1] as Signature;
    },
  );
  // After the commit, and never its failure: the signature stands, an index left in segments is only slower.
  await compactSearchIndex(db).catch(() => undefined);
  return signature;
}

/**
 * Renders the minutes once, stores the files as the next signed version, and locks the sitting.
 * Runs inside its caller's transaction (a signature, or an import of minutes signed elsewhere).
 */
export async function freezeMinutes(trx: Executor, groupId: number, sittingId: number, signedBy: number | null = null): Promise<void> {
  await freezeLoaded(trx, groupId, await loadSitting(trx, groupId, sittingId), signedBy);
}

async function freezeLoaded(trx: Executor, groupId: number, sitting: SittingDetail, signedBy: number | null): Promise<void> {
  await freezeCarriedDecisions(trx, sitting.id, sitting.carryOver);
  const group = await getGroup(trx, groupId);
  const source = minutesSource(group, sitting);
  // Signed in the group's own wording, which the stored bytes then keep.
  const options = { templates: wordingOfSlug(group.slug).minutes };
  const [full, pub, fullHtml, pubHtml] = await Promise.all([
    renderMinutes(source, 'full', 'docx', options),
    renderMinutes(source, 'public', 'docx', options),
    renderMinutes(source, 'full', 'html', options),
    renderMinutes(source, 'public', 'html', options),
  ]);
  await insertSignedMinutes(trx, {
    sitting_id: sitting.id,
    docx_full: full.body,
    docx_public: pub.body,
    html_full: fullHtml.body.toString('utf8'),
    html_public: pubHtml.body.toString('utf8'),
    html_csp: fullHtml.headers['content-security-policy'] ?? "default-src 'none'",
    sha256_full: sha256(full.body),
    sha256_public: sha256(pub.body),
    file_name: full.fileName,
    signed_at: nowIso(),
    signed_by: signedBy,
    sitting_json: JSON.stringify({ ...sitting, state: 'signed' }),
  });
  await setSittingState(trx, sitting.id, 'signed');
}

/** Reopens signed minutes for an amendment, audited; the signed versions stay retrievable. */
export async function amendSitting(
  db: Db,
  groupId: number,
  actor: Actor,
  sittingId: number,
  reason: string,
  sittingVersion: number,
): Promise<void> {
  const why = reason.trim();
  if (why.length < 5) throw new InvalidInput('reason', 'labojuma iemesls jāapraksta (vismaz 5 rakstzīmes).');
  await runAudited(
    db,
    groupId,
    actor,
    { action: 'amend', recordType: 'sitting', recordId: sittingId, added: newestAmendment },
    async (trx) => {
      const row = await sittingRow(trx, groupId, sittingId);
      if (row.state !== 'signed') throw new Conflict(`Sēdes Nr. ${row.number} protokols vēl nav parakstīts; to var labot bez grozījuma.`);
      if (row.version !== sittingVersion) throw new Conflict('Sēdi pa to laiku ir mainījis kāds cits.', 'version');
      const latest = await latestSigned(trx, sittingId);
      await insertAmendment(trx, sittingId, latest?.version ?? 0, why);
      await setSittingState(trx, sittingId, 'draft');
    },
  );
}

export type MinutesFile = RenderedMinutes & { sha256?: string };

/**
 * The minutes to download: for signed minutes exactly the stored bytes (of `signedVersion`, or
 * the latest), for a draft a fresh rendering.
 */
export async function minutesFile(
  db: Executor,
  groupId: number,
  sittingId: number,
  version: MinutesVersion,
  format: MinutesFormat,
  signedNumber?: number,
): Promise<MinutesFile> {
  const [sitting, { minutes: templates }] = await Promise.all([sittingRow(db, groupId, sittingId), groupWording(db, groupId)]);
  if (signedNumber === undefined && sitting.state === 'draft') {
    return renderMinutes(await loadMinutesSource(db, groupId, sittingId), version, format, { templates });
  }
  return signedFile(db, sitting, version, format, signedNumber, templates);
}

/** The stored bytes of signed minutes: of `signedNumber`, or the latest version. */
export async function signedFile(
  db: Executor,
  sitting: SittingRow,
  version: MinutesVersion,
  format: MinutesFormat,
  signedNumber?: number,
  templates?: MinutesTemplates,
): Promise<MinutesFile> {
  const stored = signedNumber === undefined ? await latestSigned(db, sitting.id) : await signedVersion(db, sitting.id, signedNumber);
  if (stored === undefined) throw notFound(`parakstīta protokola versija ${signedNumber ?? ''}`.trim());
  return storedFile(stored, minutesFileName(sitting.number, sitting.date, format, version, templates), version, format);
}

function storedFile(stored: SignedMinutesRow, fileName: string, version: MinutesVersion, format: MinutesFormat): MinutesFile {
  const full = version === 'full';
  if (format === 'docx') {
    const body = Buffer.from(full ? stored.docx_full : stored.docx_public);
    return {
      fileName,
      contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      body,
      headers: {},
      sha256: full ? stored.sha256_full : stored.sha256_public,
    };
  }
  return {
    fileName,
    contentType: 'text/html; charset=utf-8',
    body: Buffer.from(full ? stored.html_full : stored.html_public, 'utf8'),
    headers: { 'content-security-policy': stored.html_csp },
  };
}
