// Signing: the minutes are rendered once, their bytes and SHA-256 stored, and the sitting
// locked. Downloads of signed minutes return exactly the stored bytes; an amendment reopens
// the sitting and the next signature becomes the next version.
import { createHash } from 'node:crypto';
import { Conflict, InvalidInput, notFound } from '../domain/errors.ts';
import type { SignerRole } from '../domain/signers.ts';
import { missingForSigning, unreviewedCarried } from '../domain/signing-readiness.ts';
import type { Executor, SignedMinutesRow } from '../db/database.ts';
import type { MinutesVersion } from '../minutes/minutes-source.ts';
import type { Signature } from '../schemas/minutes.ts';
import { minutesFileName, renderMinutes, type MinutesFormat, type RenderedMinutes } from '../minutes/render-minutes.ts';
import { carriedDecisions, freezeCarriedDecisions } from './carry-over.ts';
import { getGroup } from './group.ts';
import { loadMinutesSource, minutesSource } from './minutes-source.ts';
import { inTransaction, nowIso } from './rows.ts';
import { loadSitting, sittingRow } from './sittings.ts';

export const sha256 = (bytes: Buffer | string): string => createHash('sha256').update(bytes).digest('hex');

export interface Signer {
  userId: number | null;
  /** The signatures this user gives (domain/signers.ts). */
  as: SignerRole[];
}

/**
 * Signs the minutes as chair and/or recorder. The first signature renders and stores them and
 * locks the sitting, so the second signs exactly what the first did.
 */
export async function signSitting(
  db: Executor,
  groupId: number,
  sittingId: number,
  sittingVersion: number,
  signer: Signer,
): Promise<Signature> {
  return inTransaction(db, async (trx) => {
    const row = await sittingRow(trx, groupId, sittingId);
    if (row.version !== sittingVersion)
      throw new Conflict('Sēdi pa to laiku ir mainījis kāds cits; pārskatiet protokolu un parakstiet vēlreiz.', 'version');
    if (row.state === 'draft') {
      const missing = missingForSigning(await loadSitting(trx, groupId, sittingId));
      if (missing.length > 0) throw new Conflict(`Protokolu nevar parakstīt: trūkst ${missing.join(', ')}.`);
      const unreviewed = unreviewedCarried(await carriedDecisions(trx, row));
      if (unreviewed.length > 0) {
        throw new Conflict(
          `Protokolu nevar parakstīt: nav ierakstīta izpilde lēmumiem ${unreviewed.join('; ')}. Atzīmējiet izpildi vai "nav izskatīts".`,
        );
      }
      await freezeMinutes(trx, groupId, sittingId, signer.userId);
    }
    const latest = await latestSigned(trx, sittingId);
    if (latest === undefined) throw new Conflict('Šo protokolu parakstīja ārpus rīka; to var tikai labot ar grozījumu.');
    const given = await trx
      .selectFrom('minutes_signatures')
      .select('role')
      .where('sitting_id', '=', sittingId)
      .where('version', '=', latest.version)
      .execute();
    const missing = signer.as.filter((role) => !given.some((g) => g.role === role));
    if (missing.length === 0) throw new Conflict('Šo protokola versiju jūs jau esat parakstījis.');
    const now = nowIso();
    await trx
      .insertInto('minutes_signatures')
      .values(missing.map((role) => ({ sitting_id: sittingId, version: latest.version, role, user_id: signer.userId, signed_at: now })))
      .execute();
    const signatures = await listSignatures(trx, groupId, sittingId);
    return signatures[signatures.length - 1] as Signature;
  });
}

/** Renders the minutes once, stores the files as the next signed version, and locks the sitting. */
export async function freezeMinutes(db: Executor, groupId: number, sittingId: number, signedBy: number | null = null): Promise<void> {
  await freezeCarriedDecisions(db, await sittingRow(db, groupId, sittingId));
  const [group, sitting] = await Promise.all([getGroup(db, groupId), loadSitting(db, groupId, sittingId)]);
  const source = minutesSource(group, sitting);
  const [full, pub, fullHtml, pubHtml] = await Promise.all([
    renderMinutes(source, 'full', 'docx'),
    renderMinutes(source, 'public', 'docx'),
    renderMinutes(source, 'full', 'html'),
    renderMinutes(source, 'public', 'html'),
  ]);
  const previous = await db
    .selectFrom('signed_minutes')
    .select((eb) => eb.fn.max('version').as('n'))
    .where('sitting_id', '=', sittingId)
    .executeTakeFirst();
  await db
    .insertInto('signed_minutes')
    .values({
      sitting_id: sittingId,
      version: (previous?.n ?? 0) + 1,
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
    })
    .execute();
  await db
    .updateTable('sittings')
    .set((eb) => ({ state: 'signed', version: eb('version', '+', 1), updated_at: nowIso() }))
    .where('id', '=', sittingId)
    .execute();
}

export async function listSignatures(db: Executor, groupId: number, sittingId: number): Promise<Signature[]> {
  await sittingRow(db, groupId, sittingId);
  const [rows, amendments, signers] = await Promise.all([
    db
      .selectFrom('signed_minutes')
      .select(['version', 'signed_at', 'file_name', 'sha256_full', 'sha256_public'])
      .where('sitting_id', '=', sittingId)
      .orderBy('version')
      .execute(),
    db.selectFrom('amendments').select(['amends_version', 'reason']).where('sitting_id', '=', sittingId).execute(),
    db.selectFrom('minutes_signatures').select(['version', 'role', 'signed_at']).where('sitting_id', '=', sittingId).execute(),
  ]);
  const signedAt = (version: number, role: SignerRole) => signers.find((x) => x.version === version && x.role === role)?.signed_at ?? null;
  return rows.map((r) => ({
    version: r.version,
    signedAt: r.signed_at,
    fileName: r.file_name,
    sha256Full: r.sha256_full,
    sha256Public: r.sha256_public,
    amendmentReason: amendments.find((a) => a.amends_version === r.version)?.reason ?? null,
    recorderSignedAt: signedAt(r.version, 'recorder'),
    chairSignedAt: signedAt(r.version, 'chair'),
  }));
}

/** Reopens signed minutes for an amendment; the signed versions stay retrievable. */
export async function amendSitting(
  db: Executor,
  groupId: number,
  sittingId: number,
  reason: string,
  sittingVersion: number,
): Promise<void> {
  const why = reason.trim();
  if (why.length < 5) throw new InvalidInput('reason', 'labojuma iemesls jāapraksta (vismaz 5 rakstzīmes).');
  await inTransaction(db, async (trx) => {
    const row = await sittingRow(trx, groupId, sittingId);
    if (row.state !== 'signed') throw new Conflict(`Sēdes Nr. ${row.number} protokols vēl nav parakstīts; to var labot bez grozījuma.`);
    if (row.version !== sittingVersion) throw new Conflict('Sēdi pa to laiku ir mainījis kāds cits.', 'version');
    const latest = await latestSigned(trx, sittingId);
    await trx
      .insertInto('amendments')
      .values({ sitting_id: sittingId, amends_version: latest?.version ?? 0, reason: why, opened_at: nowIso() })
      .execute();
    await trx
      .updateTable('sittings')
      .set((eb) => ({ state: 'draft', version: eb('version', '+', 1), updated_at: nowIso() }))
      .where('id', '=', sittingId)
      .execute();
  });
}

async function latestSigned(db: Executor, sittingId: number): Promise<SignedMinutesRow | undefined> {
  return db
    .selectFrom('signed_minutes')
    .selectAll()
    .where('sitting_id', '=', sittingId)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

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
  signedVersion?: number,
): Promise<RenderedMinutes & { sha256?: string }> {
  const sitting = await sittingRow(db, groupId, sittingId);
  if (signedVersion === undefined && sitting.state === 'draft') {
    return renderMinutes(await loadMinutesSource(db, groupId, sittingId), version, format);
  }
  const stored =
    signedVersion === undefined
      ? await latestSigned(db, sittingId)
      : await db
          .selectFrom('signed_minutes')
          .selectAll()
          .where('sitting_id', '=', sittingId)
          .where('version', '=', signedVersion)
          .executeTakeFirst();
  if (stored === undefined) throw notFound(`parakstīta protokola versija ${signedVersion ?? ''}`.trim());
  return storedFile(stored, minutesFileName(sitting.number, sitting.date, format, version), version, format);
}

function storedFile(
  stored: SignedMinutesRow,
  fileName: string,
  version: MinutesVersion,
  format: MinutesFormat,
): RenderedMinutes & { sha256?: string } {
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
