// The first-admin setup links' rows: only a SHA-256 of each secret is kept, so a copy of the
// database opens no setup screen.
import type { Executor } from '../db/database.ts';
import { sha256 as digest } from '../domain/digest.ts';

export async function insertSetupToken(db: Executor, groupId: number, secret: string, now: Date, expiresAt: Date): Promise<void> {
  // Spent and expired links are of no further use; they go as a new one is made.
  await db
    .deleteFrom('setup_tokens')
    .where((eb) => eb.or([eb('used_at', 'is not', null), eb('expires_at', '<=', now.toISOString())]))
    .execute();
  await db
    .insertInto('setup_tokens')
    .values({
      group_id: groupId,
      token_hash: digest(secret),
      created_at: now.toISOString(),
      expires_at: expiresAt.toISOString(),
      used_at: null,
    })
    .execute();
}

export async function setupTokenBySecret(db: Executor, secret: string) {
  return db
    .selectFrom('setup_tokens')
    .select(['id', 'group_id', 'expires_at', 'used_at'])
    .where('token_hash', '=', digest(secret))
    .executeTakeFirst();
}

/** Marks a link used, if nobody used it first; false when someone did. */
export async function spendSetupToken(db: Executor, id: number, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('setup_tokens')
    .set({ used_at: now.toISOString() })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
