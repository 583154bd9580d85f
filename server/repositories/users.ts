// Accounts: local logins linked to directory people, with a role.
import { Conflict, InvalidInput } from '../domain/errors.ts';
import { MIN_PASSWORD_LENGTH, type PasswordHasher } from '../domain/passwords.ts';
import type { Executor, UserRow } from '../db/database.ts';
import type { Role } from '../domain/permissions.ts';
import { personRow } from './people.ts';
import { expectOneUpdated, flag, inTransaction, isSet, nowIso, required } from './rows.ts';

export interface User {
  id: number;
  login: string;
  role: Role;
  personId: number | null;
  active: boolean;
  version: number;
}

export function toUser(row: UserRow): User {
  return { id: row.id, login: row.login, role: row.role, personId: row.person_id, active: isSet(row.active), version: row.version };
}

export function assertPasswordStrength(password: string, field = 'password'): void {
  if ([...password].length < MIN_PASSWORD_LENGTH)
    throw new InvalidInput(field, `parolei jābūt vismaz ${MIN_PASSWORD_LENGTH} rakstzīmes garai.`);
}

/** A password checked for strength and hashed, ready to store. */
export class HashedPassword {
  constructor(readonly hash: string) {}
}

/**
 * Checks and hashes a new password. Routes call this before opening a transaction: a hash takes
 * most of a second, and a transaction held that long would stall every other write.
 */
export async function hashNewPassword(passwords: PasswordHasher, password: string, field = 'password'): Promise<HashedPassword> {
  assertPasswordStrength(password, field);
  return new HashedPassword(await passwords.hash(password));
}

const hashOf = async (passwords: PasswordHasher, password: string | HashedPassword) =>
  (password instanceof HashedPassword ? password : await hashNewPassword(passwords, password)).hash;

export interface NewUser {
  login: string;
  password: string | HashedPassword;
  role: Role;
  personId?: number | null;
}

/** Adds an account; `passwords` is the app's one hasher, so the configured cost applies. */
export async function createUser(db: Executor, groupId: number, input: NewUser, passwords: PasswordHasher): Promise<User> {
  if (typeof input.password === 'string') assertPasswordStrength(input.password);
  const login = input.login.trim().toLowerCase();
  if (!/^[a-z0-9._@-]{2,100}$/u.test(login)) throw new InvalidInput('login', 'lietotājvārdā atļauti burti a–z, cipari un . _ @ -.');
  if (input.personId != null) await personRow(db, groupId, input.personId);
  const passwordHash = await hashOf(passwords, input.password);
  return inTransaction(db, async (trx) => {
    const taken = await trx.selectFrom('users').select('id').where('login', '=', login).executeTakeFirst();
    if (taken !== undefined) throw new Conflict('Šāds lietotājvārds jau ir aizņemts.', 'login');
    const row = await trx
      .insertInto('users')
      .values({
        group_id: groupId,
        login,
        password_hash: passwordHash,
        role: input.role,
        person_id: input.personId ?? null,
        created_at: nowIso(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toUser(row);
  });
}

export async function userRow(db: Executor, groupId: number, id: number): Promise<UserRow> {
  return required(
    await db.selectFrom('users').selectAll().where('id', '=', id).where('group_id', '=', groupId).executeTakeFirst(),
    `lietotājs ${id}`,
  );
}

export async function listUsers(db: Executor, groupId: number): Promise<User[]> {
  return (await db.selectFrom('users').selectAll().where('group_id', '=', groupId).orderBy('login').execute()).map(toUser);
}

export interface UserPatch {
  version: number;
  role?: Role;
  active?: boolean;
  personId?: number | null;
  password?: string | HashedPassword;
}

/** Changes an account; a new password or a deactivation ends all its sessions. */
export async function updateUser(db: Executor, groupId: number, id: number, patch: UserPatch, passwords: PasswordHasher): Promise<User> {
  if (typeof patch.password === 'string') assertPasswordStrength(patch.password);
  if (patch.personId != null) await personRow(db, groupId, patch.personId);
  const passwordHash = patch.password === undefined ? undefined : await hashOf(passwords, patch.password);
  return inTransaction(db, async (trx) => {
    await userRow(trx, groupId, id);
    const result = await trx
      .updateTable('users')
      .set((eb) => ({
        ...(patch.role === undefined ? {} : { role: patch.role }),
        ...(patch.active === undefined ? {} : { active: flag(patch.active) }),
        ...(patch.personId === undefined ? {} : { person_id: patch.personId }),
        ...(passwordHash === undefined ? {} : { password_hash: passwordHash }),
        version: eb('version', '+', 1),
      }))
      .where('id', '=', id)
      .where('version', '=', patch.version)
      .executeTakeFirst();
    expectOneUpdated(result, true, 'lietotājs');
    if (passwordHash !== undefined || patch.active === false) await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
    return toUser(await userRow(trx, groupId, id));
  });
}
