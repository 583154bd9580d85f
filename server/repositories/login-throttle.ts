// Failed-login counters and known login addresses, in the database so every app instance and
// every restart sees the same. Logins and addresses are stored only as keyed hashes (HMAC-SHA256
// with a random key kept in the database), so the tables hold no IP address and no mistyped
// password entered as a login. Expired rows are pruned as new ones are written.
import { createHmac, randomBytes } from 'node:crypto';
import type { Db, Executor } from '../db/database.ts';
import { addressBucket, FAILURE_MEMORY_MS, KNOWN_ADDRESS_MS, SCOPES, type FailureCounter, type Scope } from '../domain/login-throttle.ts';
import { transact } from '../db/transaction.ts';

export type ThrottleKeys = Record<Scope, string>;

const secrets = new WeakMap<Db, Promise<Buffer>>();

async function loadSecret(db: Db): Promise<Buffer> {
  await db
    .insertInto('login_throttle_secret')
    .values({ id: 1, secret: randomBytes(32).toString('base64'), created_at: new Date().toISOString() })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  const row = await db.selectFrom('login_throttle_secret').select('secret').where('id', '=', 1).executeTakeFirstOrThrow();
  return Buffer.from(row.secret, 'base64');
}

function secretOf(db: Db): Promise<Buffer> {
  let secret = secrets.get(db);
  if (secret === undefined) {
    secret = loadSecret(db);
    secrets.set(db, secret);
    secret.catch(() => secrets.delete(db));
  }
  return secret;
}

/** The keyed hashes naming this attempt's pair, login and address. */
export async function throttleKeys(db: Db, login: string, address: string): Promise<ThrottleKeys> {
  const secret = await secretOf(db);
  const mac = (...parts: string[]) => createHmac('sha256', secret).update(parts.join('\u0000')).digest('base64url');
  const bucket = addressBucket(address);
  return { pair: mac('pair', login, bucket), account: mac('account', login), address: mac('address', bucket) };
}

export async function failureCounters(db: Executor, keys: ThrottleKeys, now: Date): Promise<Partial<Record<Scope, FailureCounter>>> {
  const rows = await db
    .selectFrom('login_failures')
    .select(['scope', 'key', 'failures', 'last_failed_at'])
    .where((eb) => eb.or(SCOPES.map((scope) => eb.and([eb('scope', '=', scope), eb('key', '=', keys[scope])]))))
    .where('expires_at', '>', now.toISOString())
    .execute();
  return Object.fromEntries(rows.map((r) => [r.scope, { failures: r.failures, lastFailedAt: r.last_failed_at }]));
}

export async function isKnownAddress(db: Executor, userId: number, keys: ThrottleKeys, now: Date): Promise<boolean> {
  const row = await db
    .selectFrom('login_known_addresses')
    .select('id')
    .where('user_id', '=', userId)
    .where('address_key', '=', keys.address)
    .where('expires_at', '>', now.toISOString())
    .executeTakeFirst();
  return row !== undefined;
}

/** Counts one failure on each of the attempt's three counters. */
export async function recordFailure(db: Db, keys: ThrottleKeys, now: Date): Promise<void> {
  const at = now.toISOString();
  const expires = new Date(now.getTime() + FAILURE_MEMORY_MS).toISOString();
  await transact(db, async (trx) => {
    await trx.deleteFrom('login_failures').where('expires_at', '<=', at).execute();
    for (const scope of SCOPES) {
      await trx
        .insertInto('login_failures')
        .values({ scope, key: keys[scope], failures: 1, first_failed_at: at, last_failed_at: at, expires_at: expires })
        .onConflict((oc) =>
          oc.columns(['scope', 'key']).doUpdateSet((eb) => ({
            failures: eb('login_failures.failures', '+', 1),
            last_failed_at: at,
            expires_at: expires,
          })),
        )
        .execute();
    }
  });
}

/**
 * A correct password: the pair starts afresh and the address becomes known for the account. The
 * login's and the address's counters stay, since others' failures are not undone by this success.
 */
export async function recordSuccess(db: Db, keys: ThrottleKeys, userId: number, now: Date): Promise<void> {
  const at = now.toISOString();
  const expires = new Date(now.getTime() + KNOWN_ADDRESS_MS).toISOString();
  await transact(db, async (trx) => {
    await trx.deleteFrom('login_failures').where('scope', '=', 'pair').where('key', '=', keys.pair).execute();
    await trx.deleteFrom('login_known_addresses').where('expires_at', '<=', at).execute();
    await trx
      .insertInto('login_known_addresses')
      .values({ user_id: userId, address_key: keys.address, last_success_at: at, expires_at: expires })
      .onConflict((oc) => oc.columns(['user_id', 'address_key']).doUpdateSet({ last_success_at: at, expires_at: expires }))
      .execute();
  });
}
