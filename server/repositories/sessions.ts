// Login sessions, kept in the database so they survive a restart. The cookie carries a random
// secret; only its hash is stored. A session ends on logout, after inactivity, or when the
// password changes.
import { createHash, randomBytes } from 'node:crypto';
import { TooManyRequests } from '../domain/errors.ts';
import { waitSeconds } from '../domain/login-throttle.ts';
import { needsRehash, type PasswordHasher } from '../domain/passwords.ts';
import type { Db, Executor } from '../db/database.ts';
import type { Role } from '../domain/permissions.ts';
import { failureCounters, isKnownAddress, recordFailure, recordSuccess, throttleKeys } from './login-throttle.ts';
import { nowIso } from './rows.ts';

export const SESSION_IDLE_MINUTES = 8 * 60;

const digest = (secret: string) => createHash('sha256').update(secret).digest('hex');

export interface SessionUser {
  userId: number;
  groupId: number;
  login: string;
  role: Role;
  personId: number | null;
  csrfToken: string;
}

export interface LoginAttempt {
  login: string;
  password: string;
  /** The client's address as the app sees it (behind a trusted proxy, the forwarded one). */
  address: string;
}

export type LoginResult =
  | { ok: true; secret: string; user: SessionUser }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'throttled'; retryAfterSeconds: number };

/**
 * Checks a login. The throttle decides before any hashing, so a flood costs no scrypt work; an
 * unknown login is hashed against a dummy of the same cost and counted like a real one, so
 * neither the answer nor its timing tells whether the login exists.
 */
export async function logIn(db: Db, passwords: PasswordHasher, attempt: LoginAttempt, now = new Date()): Promise<LoginResult> {
  const login = attempt.login.trim().toLowerCase();
  const user = await db.selectFrom('users').selectAll().where('login', '=', login).executeTakeFirst();
  const keys = await throttleKeys(db, login, attempt.address);
  // Asked for unknown logins too (no account has id 0), so both take the same queries.
  const known = await isKnownAddress(db, user?.id ?? 0, keys, now);
  const wait = waitSeconds(await failureCounters(db, keys, now), known, now);
  if (wait > 0) return { ok: false, reason: 'throttled', retryAfterSeconds: wait };

  const matches =
    user === undefined ? await passwords.verifyNothing(attempt.password) : await passwords.verify(attempt.password, user.password_hash);
  if (user === undefined || !matches || user.active === 0) {
    await recordFailure(db, keys, now);
    return { ok: false, reason: 'invalid' };
  }
  await recordSuccess(db, keys, user.id, now);
  if (needsRehash(user.password_hash, passwords.cost)) await upgradeHash(db, passwords, user.id, user.password_hash, attempt.password);

  const secret = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  await db
    .insertInto('sessions')
    .values({ id: digest(secret), user_id: user.id, csrf_token: csrfToken, created_at: now.toISOString(), last_seen_at: now.toISOString() })
    .execute();
  return {
    ok: true,
    secret,
    user: { userId: user.id, groupId: user.group_id, login: user.login, role: user.role, personId: user.person_id, csrfToken },
  };
}

/** Rehashes at today's cost; skipped (until the next login) when the hasher is too busy. */
async function upgradeHash(db: Db, passwords: PasswordHasher, userId: number, old: string, password: string): Promise<void> {
  let hash: string;
  try {
    hash = await passwords.hash(password);
  } catch (error) {
    if (error instanceof TooManyRequests) return;
    throw error;
  }
  // Only if the password did not change meanwhile.
  await db.updateTable('users').set({ password_hash: hash }).where('id', '=', userId).where('password_hash', '=', old).execute();
}

/** The user behind a session cookie, if the session is alive; touching it keeps it alive. */
export async function sessionUser(db: Executor, secret: string, now = new Date()): Promise<SessionUser | undefined> {
  const id = digest(secret);
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select(['s.last_seen_at', 's.csrf_token', 'u.id', 'u.group_id', 'u.login', 'u.role', 'u.person_id', 'u.active'])
    .where('s.id', '=', id)
    .executeTakeFirst();
  if (row === undefined || row.active === 0) return undefined;
  const idleSince = new Date(now.getTime() - SESSION_IDLE_MINUTES * 60_000).toISOString();
  if (row.last_seen_at < idleSince) {
    await db.deleteFrom('sessions').where('id', '=', id).execute();
    return undefined;
  }
  // Writing on every request would be wasteful: a minute's precision is plenty for idling.
  if (now.getTime() - Date.parse(row.last_seen_at) > 60_000)
    await db.updateTable('sessions').set({ last_seen_at: nowIso() }).where('id', '=', id).execute();
  return { userId: row.id, groupId: row.group_id, login: row.login, role: row.role, personId: row.person_id, csrfToken: row.csrf_token };
}

export async function logOut(db: Executor, secret: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', digest(secret)).execute();
}
