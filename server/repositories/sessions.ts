// Login sessions, kept in the database so they survive a restart. The cookie carries a random
// secret; only its hash is stored. A session ends on logout, after inactivity, or when the
// password changes.
import { createHash, randomBytes } from 'node:crypto';
import { accountLockedUntil, isLocked } from '../domain/login-throttle.ts';
import { DUMMY_HASH, verifyPassword } from '../domain/passwords.ts';
import type { Executor, Role } from '../db/database.ts';
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

export type LoginResult = { ok: true; secret: string; user: SessionUser } | { ok: false; reason: 'invalid' | 'locked' };

export async function logIn(db: Executor, login: string, password: string, now = new Date()): Promise<LoginResult> {
  const user = await db.selectFrom('users').selectAll().where('login', '=', login.trim().toLowerCase()).executeTakeFirst();
  // The same work whether or not the login exists, so timing does not tell.
  const matches = await verifyPassword(password, user?.password_hash ?? DUMMY_HASH);
  if (user === undefined || user.active === 0) return { ok: false, reason: 'invalid' };
  if (isLocked(user.locked_until, now)) return { ok: false, reason: 'locked' };
  if (!matches) {
    const failures = user.failed_logins + 1;
    await db
      .updateTable('users')
      .set({ failed_logins: failures, locked_until: accountLockedUntil(failures, now) })
      .where('id', '=', user.id)
      .execute();
    return { ok: false, reason: failures >= 5 ? 'locked' : 'invalid' };
  }
  await db.updateTable('users').set({ failed_logins: 0, locked_until: null }).where('id', '=', user.id).execute();
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
