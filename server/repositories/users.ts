// Accounts' rows: local logins linked to directory people, with a role. The password arrives
// here already hashed; its rules live in services/accounts.ts.
import { sortedLatvian } from '../domain/latvian-order.ts';
import type { Executor, UserRow } from '../db/database.ts';
import type { Role } from '../domain/permissions.ts';
import { expectOneUpdated, flag, isSet, nowIso, required } from './rows.ts';

export interface User {
  id: number;
  login: string;
  role: Role;
  personId: number | null;
  active: boolean;
  mustChangePassword: boolean;
  lastLoginAt: string | null;
  version: number;
}

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    login: row.login,
    role: row.role,
    personId: row.person_id,
    active: isSet(row.active),
    mustChangePassword: isSet(row.must_change_password),
    lastLoginAt: row.last_login_at,
    version: row.version,
  };
}

/** What the audit trail keeps of an account: never its last login, which is not a change anyone made. */
export function auditedUser(row: UserRow): Omit<User, 'lastLoginAt'> {
  const user: Partial<User> = toUser(row);
  delete user.lastLoginAt;
  return user as Omit<User, 'lastLoginAt'>;
}

export interface NewUserRow {
  login: string;
  passwordHash: string;
  role: Role;
  personId: number | null;
  mustChangePassword?: boolean;
}

export async function insertUser(db: Executor, groupId: number, input: NewUserRow): Promise<User> {
  const row = await db
    .insertInto('users')
    .values({
      group_id: groupId,
      login: input.login,
      password_hash: input.passwordHash,
      role: input.role,
      person_id: input.personId,
      must_change_password: flag(input.mustChangePassword ?? false),
      created_at: nowIso(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toUser(row);
}

/** The group's account with this login: logins are unique within a group. */
export function userByLogin(db: Executor, groupId: number, login: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('group_id', '=', groupId).where('login', '=', login).executeTakeFirst();
}

/** Every group's account with this login (at most one per group), for logging in by login alone. */
export function usersWithLogin(db: Executor, login: string): Promise<UserRow[]> {
  return db.selectFrom('users').selectAll().where('login', '=', login).orderBy('id').limit(2).execute();
}

/**
 * An account of the group as its admin manages it. A host admin is never one of them: a group's
 * admin can neither see, reset nor deactivate the account that manages the host.
 */
export async function userRow(db: Executor, groupId: number, id: number): Promise<UserRow> {
  return required(
    await db
      .selectFrom('users')
      .selectAll()
      .where('id', '=', id)
      .where('group_id', '=', groupId)
      .where('role', '!=', 'host_admin')
      .executeTakeFirst(),
    `lietotājs ${id}`,
  );
}

/** Any account of the group, a host admin too: the logged-in account itself, or its audit record. */
export async function accountRow(db: Executor, groupId: number, id: number): Promise<UserRow> {
  return required(
    await db.selectFrom('users').selectAll().where('id', '=', id).where('group_id', '=', groupId).executeTakeFirst(),
    `lietotājs ${id}`,
  );
}

export async function listUsers(db: Executor, groupId: number): Promise<User[]> {
  const rows = await db
    .selectFrom('users')
    .selectAll()
    .where('group_id', '=', groupId)
    .where('role', '!=', 'host_admin')
    .orderBy('id')
    .execute();
  return sortedLatvian(rows, (r) => r.login).map(toUser);
}

export interface UserRowPatch {
  version: number;
  role?: Role;
  active?: boolean;
  personId?: number | null;
  passwordHash?: string;
  mustChangePassword?: boolean;
}

/** Changes an account's row if it is still at `patch.version` (404 or 409 otherwise). */
export async function updateUserRow(db: Executor, groupId: number, id: number, patch: UserRowPatch): Promise<User> {
  await accountRow(db, groupId, id);
  const result = await db
    .updateTable('users')
    .set((eb) => ({
      ...(patch.role === undefined ? {} : { role: patch.role }),
      ...(patch.active === undefined ? {} : { active: flag(patch.active) }),
      ...(patch.personId === undefined ? {} : { person_id: patch.personId }),
      ...(patch.passwordHash === undefined ? {} : { password_hash: patch.passwordHash }),
      ...(patch.mustChangePassword === undefined ? {} : { must_change_password: flag(patch.mustChangePassword) }),
      version: eb('version', '+', 1),
    }))
    .where('id', '=', id)
    .where('group_id', '=', groupId)
    .where('version', '=', patch.version)
    .executeTakeFirst();
  expectOneUpdated(result, true, 'lietotājs');
  return toUser(await accountRow(db, groupId, id));
}

/** Replaces a hash only if it is still `old`, so a password changed meanwhile is kept. */
export async function replacePasswordHash(db: Executor, userId: number, old: string, hash: string): Promise<void> {
  await db.updateTable('users').set({ password_hash: hash }).where('id', '=', userId).where('password_hash', '=', old).execute();
}

export async function recordLogin(db: Executor, userId: number, now: Date): Promise<void> {
  await db.updateTable('users').set({ last_login_at: now.toISOString() }).where('id', '=', userId).execute();
}

/** Active admins of the group other than `exceptId`. */
export async function otherActiveAdmins(db: Executor, groupId: number, exceptId: number): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('group_id', '=', groupId)
    .where('role', '=', 'admin')
    .where('active', '=', 1)
    .where('id', '!=', exceptId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Whether the group has an active admin. */
export async function anyActiveAdmin(db: Executor, groupId: number): Promise<boolean> {
  const row = await db
    .selectFrom('users')
    .select('id')
    .where('group_id', '=', groupId)
    .where('role', '=', 'admin')
    .where('active', '=', 1)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
