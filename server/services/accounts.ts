// Accounts as use cases: logging in (behind the login throttle) and out, the session behind a
// cookie, changing one's own password, the accounts an admin manages, and reading the audit trail.
// Password rules live here: a hash takes most of a second, so it is made before any transaction
// opens (a transaction held that long would stall every other write).
import { randomBytes } from 'node:crypto';
import type { Db, Executor, UserRow } from '../db/database.ts';
import { againIfLost } from '../db/transaction.ts';
import { Conflict, DomainError, InvalidInput, NotFound, TooManyRequests } from '../domain/errors.ts';
import { throttledMessage, waitSeconds } from '../domain/login-throttle.ts';
import { removesLastAdmin } from '../domain/last-admin.ts';
import { MIN_PASSWORD_LENGTH, needsRehash, oneTimePassword, type PasswordHasher } from '../domain/passwords.ts';
import { splitGroupLogin } from '../domain/group-slug.ts';
import { permissionsOf, type Role } from '../domain/permissions.ts';
import { idleMs, sessionIdledOut, sessionNeedsTouch } from '../domain/sessions.ts';
import { listAudit, type Actor, type AuditEntry } from '../repositories/audit.ts';
import { userRecord } from '../repositories/audit-records.ts';
import { failureCounters, isKnownAddress, recordFailure, recordSuccess, throttleKeys } from '../repositories/login-throttle.ts';
import { personRow } from '../repositories/people.ts';
import { inTransaction, isSet } from '../repositories/rows.ts';
import { deleteSession, deleteSessionsOfUser, insertSession, sessionWithUser, touchSession } from '../repositories/sessions.ts';
import { groupIdBySlug } from '../repositories/group.ts';
import {
  accountRow,
  insertUser,
  listUsers,
  otherActiveAdmins,
  recordLogin,
  replacePasswordHash,
  updateUserRow,
  userByLogin,
  userRow,
  usersWithLogin,
  type User,
} from '../repositories/users.ts';
import type { Me } from '../schemas/accounts.ts';
import { AUDIT_PAGE_DEFAULT, type AuditQuery } from '../schemas/audit.ts';
import { runAudited, runAuditedCreate } from './audit.ts';

export type { User } from '../repositories/users.ts';

const LOGIN_FAILED = 'Nepareizs lietotājvārds vai parole.';
const LOGIN_IN_SEVERAL_GROUPS =
  'Šāds lietotājvārds ir vairākās grupās: piesakieties kā lietotājvārds@grupa (grupas saīsni jautājiet administratoram).';

/** A wrong login or password: 400 naming `login`, its message shown as is (it is no field's format). */
class LoginRefused extends DomainError {
  readonly statusCode = 400 as const;
}
const LOGIN_PATTERN = /^[a-z0-9._@-]{2,100}$/u;

/** The logged-in user a session names. */
export interface SessionUser {
  userId: number;
  groupId: number;
  login: string;
  role: Role;
  personId: number | null;
  csrfToken: string;
  /** Holding a one-time password: nothing but changing it (and logging out) is allowed. */
  mustChangePassword: boolean;
  /** The group's data version as the request began, read with the session: the read cache's key. */
  dataVersion?: number;
}

const normalLogin = (login: string) => login.trim().toLowerCase();

function assertPasswordStrength(password: string, field: string): void {
  if ([...password].length < MIN_PASSWORD_LENGTH)
    throw new InvalidInput(field, `parolei jābūt vismaz ${MIN_PASSWORD_LENGTH} rakstzīmes garai.`);
}

/** A new password checked for strength and hashed at the hasher's cost, ready to store. */
export async function newPasswordHash(passwords: PasswordHasher, password: string, field = 'password'): Promise<string> {
  assertPasswordStrength(password, field);
  return passwords.hash(password);
}

export interface LoginAttempt {
  login: string;
  password: string;
  /** The client's address as the app sees it (behind a trusted proxy, the forwarded one). */
  address: string;
}

/**
 * Logs in and returns the new session's secret for the cookie. The throttle decides before any
 * hashing, so a flood costs no scrypt work; an unknown login is hashed against a dummy of the
 * same cost and counted like a real one, so neither the answer nor its timing tells whether
 * the login exists.
 */
export async function logIn(db: Db, passwords: PasswordHasher, attempt: LoginAttempt, now = new Date()): Promise<{ secret: string }> {
  const login = normalLogin(attempt.login);
  const { user, ambiguous } = await accountForLogin(db, login);
  // One account, one counter, however it is typed (`janis` or `janis@slug`).
  const keys = await throttleKeys(db, user === undefined ? login : `${user.login}#${user.group_id}`, attempt.address);
  // Asked for unknown logins too (no account has id 0), so both take the same queries.
  const known = await isKnownAddress(db, user?.id ?? 0, keys, now);
  const wait = waitSeconds(await failureCounters(db, keys, now), known, now);
  if (wait > 0) throw new TooManyRequests(throttledMessage(wait), wait);
  if (ambiguous) {
    // Counted like a failure, so asking which logins clash costs as much as guessing passwords.
    await recordFailure(db, keys, now);
    throw new LoginRefused(LOGIN_IN_SEVERAL_GROUPS, 'login');
  }

  const matches =
    user === undefined ? await passwords.verifyNothing(attempt.password) : await passwords.verify(attempt.password, user.password_hash);
  if (user === undefined || !matches || !isSet(user.active)) {
    await recordFailure(db, keys, now);
    throw new LoginRefused(LOGIN_FAILED, 'login');
  }
  await recordSuccess(db, keys, user.id, now);
  await recordLogin(db, user.id, now);
  if (needsRehash(user.password_hash, passwords.cost)) await upgradeHash(db, passwords, user.id, user.password_hash, attempt.password);

  const secret = randomBytes(32).toString('base64url');
  await insertSession(db, secret, user.id, randomBytes(24).toString('base64url'), now);
  return { secret };
}

/**
 * The account a typed login names: a login that is unique on the host as it is; else
 * `login@slug`, the login within the group of that slug. A login held in several groups and typed
 * without its slug names none (`ambiguous`).
 */
async function accountForLogin(db: Executor, typed: string): Promise<{ user: UserRow | undefined; ambiguous: boolean }> {
  const holders = await usersWithLogin(db, typed);
  if (holders.length === 1) return { user: holders[0], ambiguous: false };
  const split = splitGroupLogin(typed);
  const groupId = split === null ? undefined : await groupIdBySlug(db, split.slug);
  if (split !== null && groupId !== undefined) return { user: await userByLogin(db, groupId, split.login), ambiguous: false };
  return { user: undefined, ambiguous: holders.length > 1 };
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
  await replacePasswordHash(db, userId, old, hash);
}

/** The user behind a session cookie, if the session is alive; using it keeps it alive. */
export function sessionUser(db: Executor, secret: string, now = new Date()): Promise<SessionUser | undefined> {
  // Each statement is safe to run twice: a connection lost under the lookup costs no request.
  return againIfLost(db, () => lookUpSession(db, secret, now));
}

async function lookUpSession(db: Executor, secret: string, now: Date): Promise<SessionUser | undefined> {
  const row = await sessionWithUser(db, secret);
  if (row === undefined || !isSet(row.active)) return undefined;
  const idle = idleMs(row.last_seen_at, now);
  if (sessionIdledOut(idle)) {
    await deleteSession(db, secret);
    return undefined;
  }
  if (sessionNeedsTouch(idle)) await touchSession(db, secret, now);
  return {
    dataVersion: Number(row.data_version),
    userId: row.id,
    groupId: row.group_id,
    login: row.login,
    role: row.role,
    personId: row.person_id,
    csrfToken: row.csrf_token,
    mustChangePassword: isSet(row.must_change_password),
  };
}

export async function logOut(db: Executor, secret: string | undefined): Promise<void> {
  if (secret !== undefined) await deleteSession(db, secret);
}

/** The logged-in user as the front end learns it, with what the role may do. */
export function me(user: SessionUser): Me {
  return {
    userId: user.userId,
    login: user.login,
    role: user.role,
    personId: user.personId,
    csrfToken: user.csrfToken,
    mustChangePassword: user.mustChangePassword,
    permissions: permissionsOf(user.role),
  };
}

/** A signed-in account acting on itself. */
export type Self = Actor & { userId: number };

/**
 * Changes one's own password after checking the current one (a one-time password is replaced
 * this way too); every session of the account ends.
 */
export async function changeOwnPassword(
  db: Db,
  groupId: number,
  passwords: PasswordHasher,
  self: Self,
  input: { current: string; password: string },
): Promise<void> {
  const row = await accountRow(db, groupId, self.userId);
  if (!(await passwords.verify(input.current, row.password_hash))) throw new InvalidInput('current', 'pašreizējā parole nav pareiza.');
  if (input.password === input.current) throw new InvalidInput('password', 'jaunajai parolei jāatšķiras no pašreizējās.');
  const passwordHash = await newPasswordHash(passwords, input.password);
  await runAudited(db, groupId, self, { ...userRecord(groupId), action: 'change_password', recordId: self.userId }, async (trx) => {
    await updateUserRow(trx, groupId, self.userId, { version: row.version, passwordHash, mustChangePassword: false });
    await deleteSessionsOfUser(trx, self.userId);
    return null;
  });
}

export interface NewAccount {
  login: string;
  password: string;
  role: Role;
  personId?: number | null;
}

/** An account links to a person of the directory; an unknown one is bad input, named. */
async function linkablePerson(db: Executor, groupId: number, personId: number): Promise<void> {
  try {
    await personRow(db, groupId, personId);
  } catch (error) {
    if (error instanceof NotFound) throw new InvalidInput('personId', `personu sarakstā nav personas ar id ${personId}.`);
    throw error;
  }
}

/** Inserts an account after checking its login and linked person; for the services that add accounts. */
export async function insertAccount(
  db: Executor,
  groupId: number,
  input: Omit<NewAccount, 'password'>,
  passwordHash: string,
  mustChangePassword = false,
): Promise<User> {
  const login = normalLogin(input.login);
  if (!LOGIN_PATTERN.test(login)) throw new InvalidInput('login', 'lietotājvārdā atļauti burti a–z, cipari un . _ @ -.');
  if (input.personId != null) await linkablePerson(db, groupId, input.personId);
  return inTransaction(db, async (trx) => {
    if ((await userByLogin(trx, groupId, login)) !== undefined) throw new Conflict('Šāds lietotājvārds jau ir aizņemts.', 'login');
    return insertUser(trx, groupId, { login, passwordHash, role: input.role, personId: input.personId ?? null, mustChangePassword });
  });
}

/** Adds an account with no audit record: for a fresh installation's or a test's first users. */
export async function createUser(db: Executor, groupId: number, input: NewAccount, passwords: PasswordHasher): Promise<User> {
  return insertAccount(db, groupId, input, await newPasswordHash(passwords, input.password));
}

/** Adds an account whose user chose the password (the command line's), audited as `actor`'s. */
export async function addUser(db: Db, groupId: number, actor: Actor, passwords: PasswordHasher, input: NewAccount): Promise<User> {
  const passwordHash = await newPasswordHash(passwords, input.password);
  return runAuditedCreate(db, groupId, actor, userRecord(groupId), (trx) => insertAccount(trx, groupId, input, passwordHash));
}

/** An account handed to someone else, with the one-time password to tell them (shown once, stored nowhere). */
export interface HandedOver {
  user: User;
  oneTimePassword: string;
}

/**
 * Adds an account an admin hands over: its password is one made here (or the admin's own choice)
 * and must be changed at the first login, so nobody but the user knows the lasting one.
 */
export async function addUserWithOneTimePassword(
  db: Db,
  groupId: number,
  actor: Actor,
  passwords: PasswordHasher,
  input: Omit<NewAccount, 'password'> & { password?: string },
): Promise<HandedOver> {
  const password = input.password ?? oneTimePassword();
  const passwordHash = await newPasswordHash(passwords, password);
  const user = await runAuditedCreate(db, groupId, actor, userRecord(groupId), (trx) =>
    insertAccount(trx, groupId, input, passwordHash, true),
  );
  return { user, oneTimePassword: password };
}

/** A new one-time password for an account: its sessions end, and it must be changed at the next login. */
export async function resetPassword(
  db: Db,
  groupId: number,
  actor: Actor,
  passwords: PasswordHasher,
  id: number,
  version: number,
): Promise<HandedOver> {
  const password = oneTimePassword();
  const passwordHash = await newPasswordHash(passwords, password);
  const user = await runAudited(db, groupId, actor, { ...userRecord(groupId), action: 'reset_password', recordId: id }, async (trx) => {
    await userRow(trx, groupId, id);
    const updated = await updateUserRow(trx, groupId, id, { version, passwordHash, mustChangePassword: true });
    await deleteSessionsOfUser(trx, id);
    return updated;
  });
  return { user, oneTimePassword: password };
}

export function accounts(db: Executor, groupId: number): Promise<User[]> {
  return listUsers(db, groupId);
}

export interface AccountPatch {
  version: number;
  role?: Role;
  active?: boolean;
  personId?: number | null;
  password?: string;
}

const LAST_ADMIN = 'šis ir pēdējais aktīvais administrators; vispirms piešķiriet administratora lomu kādam citam.';

/**
 * Changes an account; a new password (one-time: the admin chose it) or a deactivation ends all its
 * sessions at once. The last active admin can be neither deactivated nor given another role.
 */
export async function updateUser(
  db: Db,
  groupId: number,
  actor: Actor,
  passwords: PasswordHasher,
  id: number,
  patch: AccountPatch,
): Promise<User> {
  const { password, ...rest } = patch;
  const passwordHash = password === undefined ? undefined : await newPasswordHash(passwords, password);
  return runAudited(db, groupId, actor, { ...userRecord(groupId), action: 'update', recordId: id }, async (trx) => {
    if (rest.personId != null) await linkablePerson(trx, groupId, rest.personId);
    const row = await userRow(trx, groupId, id);
    const before = { role: row.role, active: isSet(row.active) };
    const after = { role: rest.role ?? before.role, active: rest.active ?? before.active };
    if (removesLastAdmin(before, after, await otherActiveAdmins(trx, groupId, id)))
      throw new Conflict(LAST_ADMIN, rest.active === false ? 'active' : 'role');
    const user = await updateUserRow(trx, groupId, id, {
      ...rest,
      ...(passwordHash === undefined ? {} : { passwordHash, mustChangePassword: true }),
    });
    if (passwordHash !== undefined || rest.active === false) await deleteSessionsOfUser(trx, id);
    return user;
  });
}

/** One page of the audit trail, and the id the next (older) page starts below, if one follows. */
export async function auditTrail(
  db: Executor,
  groupId: number,
  query: AuditQuery,
): Promise<{ entries: AuditEntry[]; nextAfter: number | null }> {
  const { entries, more } = await listAudit(db, groupId, { ...query, limit: query.limit ?? AUDIT_PAGE_DEFAULT });
  const last = entries.at(-1);
  return { entries, nextAfter: more && last !== undefined ? last.id : null };
}
