// Login sessions' rows, kept in the database so sessions survive a restart. The cookie carries a
// random secret; only its hash is stored, so a copy of the database opens no session.
import type { Executor } from '../db/database.ts';
import { sha256 as digest } from '../domain/digest.ts';
import { compiledOnce } from './rows.ts';

export async function insertSession(db: Executor, secret: string, userId: number, csrfToken: string, now: Date): Promise<void> {
  const at = now.toISOString();
  await db
    .insertInto('sessions')
    .values({ id: digest(secret), user_id: userId, csrf_token: csrfToken, created_at: at, last_seen_at: at })
    .execute();
}

/** The session behind a cookie's secret with its account and its group's data version, if the row exists. */
export async function sessionWithUser(db: Executor, secret: string) {
  return (await sessionById(db, digest(secret)))[0];
}

// Every request with a cookie asks this: compiled once.
const sessionById = compiledOnce((db: Executor, id: string) =>
  db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .innerJoin('groups as g', 'g.id', 'u.group_id')
    .select([
      'g.data_version',
      's.last_seen_at',
      's.csrf_token',
      'u.id',
      'u.group_id',
      'u.login',
      'u.role',
      'u.person_id',
      'u.active',
      'u.must_change_password',
    ])
    .where('s.id', '=', id),
);

export async function touchSession(db: Executor, secret: string, now: Date): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: now.toISOString() }).where('id', '=', digest(secret)).execute();
}

export async function deleteSession(db: Executor, secret: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', digest(secret)).execute();
}

export async function deleteSessionsOfUser(db: Executor, userId: number): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}
