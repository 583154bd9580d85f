// The first admin, made in a browser: while no active admin exists, each start issues a link valid
// for an hour and once; opening it creates the admin (optionally linked to a person, new or from the
// directory) and logs them in. Wrong links are throttled like failed logins.
import { randomBytes } from 'node:crypto';
import type { Db, Executor } from '../db/database.ts';
import { Conflict, InvalidInput, NotFound, TooManyRequests } from '../domain/errors.ts';
import { throttledMessage, waitSeconds } from '../domain/login-throttle.ts';
import type { PasswordHasher } from '../domain/passwords.ts';
import { setupTokenExpiry, setupTokenUsable } from '../domain/setup-token.ts';
import { recordChange } from '../repositories/audit.ts';
import { failureCounters, recordFailure, throttleKeys } from '../repositories/login-throttle.ts';
import { createPerson, listPeople } from '../repositories/people.ts';
import { insertSession } from '../repositories/sessions.ts';
import { insertSetupToken, setupTokenBySecret, spendSetupToken } from '../repositories/setup-tokens.ts';
import { anyActiveAdmin, recordLogin } from '../repositories/users.ts';
import { userRecord } from '../repositories/audit-records.ts';
import { insertAccount, newPasswordHash } from './accounts.ts';
import { runAuditedCreate, SYSTEM } from './audit.ts';

/** Counted by the login throttle under a name no login can have (logins never hold '#'). */
const SETUP_THROTTLE_LOGIN = '#setup';
const BAD_LINK =
  'Iestatīšanas saite nav derīga: tā jau izmantota vai tai beidzies termiņš (1 stunda). Restartējiet serveri, lai žurnālā saņemtu jaunu saiti.';
const ADMIN_EXISTS = 'Administrators jau ir izveidots; piesakieties ar savu lietotājvārdu.';

/** A new setup link's secret when the group has no active admin yet; null when it has one. */
export async function issueSetupToken(db: Executor, groupId: number, now = new Date()): Promise<string | null> {
  if (await anyActiveAdmin(db, groupId)) return null;
  const secret = randomBytes(32).toString('base64url');
  await insertSetupToken(db, groupId, secret, now, setupTokenExpiry(now));
  return secret;
}

export interface SetupAttempt {
  token: string;
  /** The client's address, for the throttle. */
  address: string;
}

/** The usable link's row (naming its group), or a refusal: 429 while this address is slowed down, 404 for a bad link. */
async function usableToken(db: Db, attempt: SetupAttempt, now: Date): Promise<{ id: number; group_id: number }> {
  const keys = await throttleKeys(db, SETUP_THROTTLE_LOGIN, attempt.address);
  const wait = waitSeconds(await failureCounters(db, keys, now), false, now);
  if (wait > 0) throw new TooManyRequests(throttledMessage(wait), wait);
  const row = await setupTokenBySecret(db, attempt.token);
  if (row === undefined || !setupTokenUsable({ expiresAt: row.expires_at, usedAt: row.used_at }, now)) {
    await recordFailure(db, keys, now);
    throw new NotFound(BAD_LINK, 'token');
  }
  return row;
}

export interface SetupScreen {
  /** The directory, for linking the admin to an existing person by name. */
  people: Array<{ id: number; fullName: string }>;
}

/** What the setup screen needs, if the link is good: the directory of the link's group. */
export async function setupScreen(db: Db, attempt: SetupAttempt, now = new Date()): Promise<SetupScreen> {
  const { group_id: groupId } = await usableToken(db, attempt, now);
  if (await anyActiveAdmin(db, groupId)) throw new Conflict(ADMIN_EXISTS);
  const people = await listPeople(db, groupId, {});
  return { people: people.filter((p) => p.active).map((p) => ({ id: p.id, fullName: p.fullName })) };
}

export interface FirstAdmin {
  login: string;
  password: string;
  passwordRepeat: string;
  /** An existing person's id, or a new person's full name, or neither. */
  personId?: number | null;
  newPersonName?: string | null;
}

/** Creates the link's group's first admin, spends the link, and returns the new session's secret. */
export async function createFirstAdmin(
  db: Db,
  passwords: PasswordHasher,
  attempt: SetupAttempt,
  input: FirstAdmin,
  now = new Date(),
): Promise<{ secret: string }> {
  const token = await usableToken(db, attempt, now);
  const groupId = token.group_id;
  if (input.password !== input.passwordRepeat) throw new InvalidInput('passwordRepeat', 'abām parolēm jābūt vienādām.');
  if (input.personId != null && input.newPersonName != null)
    throw new InvalidInput('newPersonName', 'norādiet vai nu esošu personu, vai jaunas personas vārdu, ne abus.');
  const passwordHash = await newPasswordHash(passwords, input.password);
  const user = await runAuditedCreate(db, groupId, SYSTEM, userRecord(groupId), async (trx) => {
    if (await anyActiveAdmin(trx, groupId)) throw new Conflict(ADMIN_EXISTS);
    if (!(await spendSetupToken(trx, token.id, now))) throw new NotFound(BAD_LINK, 'token');
    const personId = input.newPersonName == null ? (input.personId ?? null) : await newPerson(trx, groupId, input.newPersonName);
    return insertAccount(trx, groupId, { login: input.login, role: 'admin', personId }, passwordHash);
  });
  const secret = randomBytes(32).toString('base64url');
  await insertSession(db, secret, user.id, randomBytes(24).toString('base64url'), now);
  await recordLogin(db, user.id, now);
  return { secret };
}

/** A directory entry for the new admin, audited in the admin's own transaction. */
async function newPerson(trx: Executor, groupId: number, fullName: string): Promise<number> {
  const person = await createPerson(trx, groupId, { fullName, isMember: true });
  await recordChange(trx, groupId, SYSTEM, { action: 'create', recordType: 'person', recordId: person.id, before: null, after: person });
  return person.id;
}
