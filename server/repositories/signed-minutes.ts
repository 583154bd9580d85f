// Signed minutes as rows: the stored versions of the rendered files, their signatures and the
// amendments that reopened them. The signing rules live in services/signing.ts.
import { awaitedSignatures, SIGNER_ROLES, type SignerRole } from '../domain/signers.ts';
import type { Executor, SignedMinutesRow, SittingState } from '../db/database.ts';
import type { Insertable } from 'kysely';
import type { SignedMinutesTable } from '../db/database.ts';
import type { Signature } from '../schemas/minutes.ts';
import { nowIso } from './rows.ts';
import { sittingRow } from './sittings.ts';

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
    awaiting: awaitedSignatures(SIGNER_ROLES.filter((role) => signedAt(r.version, role) !== null)),
  }));
}

export async function latestSigned(db: Executor, sittingId: number): Promise<SignedMinutesRow | undefined> {
  return db
    .selectFrom('signed_minutes')
    .selectAll()
    .where('sitting_id', '=', sittingId)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function signedVersion(db: Executor, sittingId: number, version: number): Promise<SignedMinutesRow | undefined> {
  return db.selectFrom('signed_minutes').selectAll().where('sitting_id', '=', sittingId).where('version', '=', version).executeTakeFirst();
}

/** Stores the files as the sitting's next signed version. */
export async function insertSignedMinutes(db: Executor, values: Omit<Insertable<SignedMinutesTable>, 'version'>): Promise<void> {
  const previous = await db
    .selectFrom('signed_minutes')
    .select((eb) => eb.fn.max('version').as('n'))
    .where('sitting_id', '=', values.sitting_id)
    .executeTakeFirst();
  await db
    .insertInto('signed_minutes')
    .values({ ...values, version: (previous?.n ?? 0) + 1 })
    .execute();
}

/** The roles that have signed one version. */
export async function givenSignatures(db: Executor, sittingId: number, version: number): Promise<SignerRole[]> {
  const rows = await db
    .selectFrom('minutes_signatures')
    .select('role')
    .where('sitting_id', '=', sittingId)
    .where('version', '=', version)
    .execute();
  return rows.map((r) => r.role as SignerRole);
}

export async function insertSignatures(db: Executor, sittingId: number, version: number, roles: SignerRole[], userId: number | null) {
  const now = nowIso();
  await db
    .insertInto('minutes_signatures')
    .values(roles.map((role) => ({ sitting_id: sittingId, version, role, user_id: userId, signed_at: now })))
    .execute();
}

export async function insertAmendment(db: Executor, sittingId: number, amendsVersion: number, reason: string): Promise<void> {
  await db.insertInto('amendments').values({ sitting_id: sittingId, amends_version: amendsVersion, reason, opened_at: nowIso() }).execute();
}

/** Moves the sitting to a state; its version moves on, so older copies are stale. */
export async function setSittingState(db: Executor, sittingId: number, state: SittingState): Promise<void> {
  await db
    .updateTable('sittings')
    .set((eb) => ({ state, version: eb('version', '+', 1), updated_at: nowIso() }))
    .where('id', '=', sittingId)
    .execute();
}
